// Solves the v2 MILP (DESIGN 5 v2). Small models: a short improvement search from the starts' plan
// (DIRECT_SEARCH_SHARE), then HiGHS on the whole model with every valid cut, warm-started from the
// search's plan, then the search again from HiGHS' plan with the time HiGHS leaves (the smallest:
// HiGHS at once, without the cuts: searchFreesAll). Large ones: a plan
// first (reported at once), the LP relaxation with separated cuts (a bound and the duals of the
// coupling rows), the decomposition by components of models (a Lagrangian bound and a plan, merged into
// the incumbent one component at a time), then the improvement search, and the whole MILP when time
// allows. The bound reported is the best of them; status and gap follow DESIGN 5. Cancel and the time
// limit stop every stage; a plan in hand is always returned. Blocking: run it in a worker or a CLI
// process.
//
// Where the time and the gap went before the staged path (bench/profile-v2.ts, hard scenarios of
// bench/scenarios.ts with 3 periods, on 2 cores under a load average of ~13, so figures are rough):
// 100 workloads: 6.2k columns, 16.3k rows of which 15k valid cuts (mostly whole cloud instances per
// month); the root LP took 5.3 s with every cut against 1.7 s without (bound 1.77 B against 1.35 B),
// and HiGHS then spent 20 s at the root (0 nodes) at a 45 % gap, having refused the starting plan.
// 1,000 workloads: 58k columns, 165k rows; the root LP with every cut did not finish in 60 s, so the
// MILP never started and the starting plan was all there was. Hence: cuts separated from the LP
// point (only the violated ones join the model), the LP's duals to price the coupling rows, and
// sub-MILPs per component of models that HiGHS can finish. After (bench/optimizer.ts, same load):
// 100 × 3 at 30 s 0.92 % (12.6 % before), 1,000 × 3 at 30 s 23 % and 1,000 single purchase at 10 s
// 3.0 %, where the LP took 8 s of a ~7 s CPU share and the largest sub-MILPs gave no bound in time.
//
// The build and the gap at 1,000 workloads (load 12–25 on 2 cores: a small object costs ~1 µs here):
// the 160k cut rows made whole were most of the 2–7 s build; they are now separated on demand from
// the LP point, and the build (58k columns, 4k rows) takes ~0.3 s of CPU, looks at the cancel flag
// (a cancel in the build returned in 0.17–0.29 s, against 2.8 s). Bound or plan: single purchase,
// the LP with cuts gives 372.8 M with 6 fractional x, and rounding its replicas and instances up
// would add 4.1 M (1.1 %); the plan found costs 384.3 M, so the plan is likely the larger side of
// the 3 % gap (not proven: the LP point rounded as it is costs 391.5 M, split workloads overflow). With
// 3 periods the LP (317.8 M) has 165 fractional x and 7.6 M (2.4 %) of rounding, above the 2.1 %
// gap to the 324.6 M plan: there the bound is the weak side, as the LP fills every pool exactly by
// splitting workloads. Rounding (MIR) cuts of the pool and cloud rows moved the bound by 0.03–0.05 %
// in 13–20 rounds, so they are not used: closing it needs branching on the split workloads.
//
// Single purchase, per component (1,000 workloads, 6 components, no coupling row priced, so the
// subs are the problem): the LP's x are integral but for 0–2 per sub, and the gap is the rounding
// of replicas and of cloud instances per month (fixing each sub's x at the LP's values and solving
// costs 4–6 % above its LP). HiGHS stays at the root of the two large subs (6.6k and 9.4k columns,
// 0 nodes in 20 s, 4–5 % gaps there) and CBC on the whole model stalls at a bound of 373.9 M against
// a plan of 376.3–376.9 M here, so both sides are weak. A small sub with every valid cut gained
// 0.8 M of bound in 7 s (without them, 0.1 M in 20 s), hence the cuts for small components.
// HiGHS runs past its time limit in its presolve and root LP (a 9.4k-column sub: 0.6–2.8 s past
// 1–2 s): every run is told to stop an LP's time (at the LP stage's rate) before the deadline.
//
// 3 periods, 1,000 workloads, 30 s (plan 320.5–321.0 M, bound 318.6–318.7 M, gap 0.55–0.63 %): the
// bound is the decomposition's (LP 317.8 M + 0.8 M), and its four open subs all stay at HiGHS' root
// (0 nodes): given 10 s instead of ~3.5 s, the 405B sub's bound rose by 0.03 M and the 70B one's
// (27.6k columns) by 0.07 M, so sharing the time by gap cannot close the 1.3 M the target needs on
// that side. The plan side moved more with time: the improvement search reached 320.75 M at 60 s.
// Decomposition shares of 0.3 / 0.5 / 0.7 gave 0.547–0.580 / 0.573 / 0.630 % (more time to the
// search, a little less bound) and 0.15 starved the subs (1.9 %); within the noise, 0.5 stays.
// With the support neighbourhood of lns.ts (load ~3: plan 320.25–320.28 M, gap 0.49–0.50 % in three
// runs, against 320.52 M and 0.57 % before it), a share of 0.35 did worse (0.64 / 0.89 %): with less
// time the 405B sub's plan came dearer, and so did the repaired start and the guide the search uses.
// What the search lacked (locked runs, load 1–13): the 30-s plan ($320.28–320.30 M) against a 300-s
// one ($320.07 M; bound $318.73 M, the decomposition's subs given 150 s) differ by $0.21 M, $0.13 M
// of it in the 70B component: one more B200 replica in period 1 (4,5,0 → 4,6,4 at hq, 17 → 12 at
// hydro in period 2) that takes load off rented B200 instances and the Groq API. A pool growth does
// that (a replica filled from them, then the descent empties instances: $0.085 M from the 30-s plan),
// but it was 55th of 213 in the growths' LP order where the search tried 16, and the growths only
// ran once the sub-MILPs stalled, which they did not within 30 s. With the growths priced by a
// fill and a descent over their model's pairs (grow.ts byLocalGain) and run once after the support
// round (lns.ts GROW_AFTER_STALL): $320.140–320.144 M, 0.465 % in 6 runs at load 10–13.7 (bench and
// bench/portfolio.ts 1 worker; 2 workers 0.48 %, against 0.51 % for both before); hard 1,000 × 3
// $2,737.8 M, 13.15 % (before $2,764.1 M, 13.98 %, one run each at load 9–13), single purchase
// 0.72 %, 100 × 3 optimal; bench/independent.ts at 10 s (17 seeds) the same plans as before, at 2 s
// every check ok (no search there has GROW_MIN_LEFT_MS left); bench/periods.ts 1,000 workloads at
// 10 s (load 2.6–4.4, one run each): hard and roomy × 6, roomy × 12 the same plans, hard × 12
// $4,382.9 M against $4,409.7 M.
// Rounding (MIR) cuts of the pool and cloud rows, with complemented x, moved the LP by 0.05–0.08 M.
// Hard scenarios: the LP's cut rounds are the bound (hard 1,000 × 3: 1.09 B after round 2, 2.17 B
// after 3, 2.38 B after 9), so the LP stage runs them until they stall, past its share while they
// still pay; MIR cuts of the budget rows lifted hard 100 × 3's LP from 494 M to 499 M (optimum 526 M).
// Where the 3-period bound stands (1,000 workloads; plan 320.8 M, LP with cuts 317.8 M): the plan
// spends 1.9 M more than the LP on APIs, 0.8 M on replicas, 0.3 M on racks, 0.1 M on instances: the LP
// splits 213 workloads between a pool and an API and fills each pool exactly. CBC on the exported
// model (1,734 s, 687 CPU-s) reached 318.82 M at its root (Gomory and MIR cuts), 318.83 M after 7,278
// nodes, and a plan of 364.5 M: the bound has little room, so the 0.5 % target needs a cheaper plan. Hard
// 1,000 × 3: the LP's penalties are 2.32 B of its 2.38 B; the 47 workload-periods it serves in part
// are small loads on pools of 0.97 or 0.48 replicas, which are inside the hull of their own pool rows:
// only the budget rows (the replicas' prices in them) cut them off, so MIR cuts of the pool rows (δ = 1,
// complemented x) added 300 rows a round and no bound. A sub given no time still bounds its component
// by its share of the LP's bound (decompose.ts: subDualBound), so the decomposition's bound stands.
// Single purchase, 1,000 workloads, 10 s (plan 375.94 M, bound 372.99 M, gap 0.78 %): both sides
// are off, the bound more. Each sub solved alone by HiGHS for 30–200 s: deepseek-r1 (571 columns)
// proves 39.91 M in 33–53 s (at 10 s: plan 39.96 M, bound 38.79 M: its LP has every x integral and
// rounds 20.48 replicas of one system, 2.22 of another and the cloud instances of 36 months: the
// rounding costs 1.2 M that only branching finds); 405B plan 209.94 M, bound 209.66 M after 60 s;
// 8B plan 3.50 M (3.64 M at 10 s), bound 3.34 M after 170 s; 70B plan 43.57 M (45.26 M at 10 s),
// bound 43.24 M after 200 s. So the best plan known is 375.06 M and the best bound 374.28 M (0.21 %
// apart); CBC on the exported model: 373.84 M at its root, 373.90 M after 950 CPU-s, plan 377.43 M.
// MIR cuts of the pool, cloud and rack rows (and of a pool's rows summed over sites) raised the LP
// by 0.05 %: the LP moves the rounded-off load to the same system at another site or splits it.
// Where the subs' rounding sits (bench/optimizer.ts's scenario, locked, load 3–5; bounds at 10 s now
// $374.07 M, plan $375.03–375.09 M): with x continuous and only replicas, racks and instances whole,
// HiGHS bounds the 405B sub (934 columns) at $209.80 M after 20 s (its plan $209.94 M; x and
// instances continuous, replicas whole: $209.554 M at once), so its gap is the whole cloud instances
// per month, not the assignments; but at 1–5 s that relaxation gains nothing either ($209.55–209.57 M).
// HiGHS given the sub's own cut rounds' rows (subLpBound) in its MILP: the same bounds at ~1 s. A
// Lagrangian bound of the whole model at the LP's duals (the serve, site and budget rows priced,
// each pool, rack and instance block solved whole): $0.14 M over the LP, under the decomposition's.
//
// Many purchase periods (bench/periods.ts, bench/scenarios.ts generators, load 1–5):
// 6 periods give 25k columns at 200 workloads and 116k at 1,000, 12 periods 51k and 242k. The LP's
// first solve is quick (hard 1,000 × 6: 0.9 s) and its first cut round too (1.5–2.5 s), but the
// second round moves the bound from 1.83 B to 2.90 B and took 18 s from the last basis (8 s with
// presolve: relax.ts PRESOLVE_ROUND). HiGHS' time_limit also counted every earlier round's time, so
// a later round stopped at once (relax.ts: zeroAllClocks). The rounding of the LP point and the
// decomposition took the rest (hard 1,000 × 6 at 30 s: the search had 0 s), hence IMPROVE_MIN_SHARE.
// Which side is weak, hard 200 × 6: after 300 s the plan is $201.98 M and the bound $194.96 M (CBC's
// bound after 740 s: $195.0 M, its plan $253.7 M); at 30 s the plan was $209.75 M (now $202.4 M): the
// plan was the weak side at 30 s, and about 3.5 % between the best plan and bound known stays open.
// The decomposition's subs at 1,000 × 6 have 42k–74k columns and never run (their bound is the LP's
// share); the polish of improve() (repair.ts) takes 10 s at hard 1,000 × 6 and finds nothing there,
// where at hard 1,000 × 12 it halves the plan (capping it at 30 % of the search cost that: $17.2 B).
// After (bench/periods.ts, load 1.5–5.5; before in brackets, load 3–5): 6 periods, 200 workloads,
// hard @10 s $240.8 M 22.8 % ($241.2 M 23.1 %), @30 s $202.4 M 3.8 % ($209.8 M 7.1 %); roomy
// unchanged (0.55 %, 0.34 %); 1,000 workloads, hard @10 s $3.57 B ($4.62 B), @30 s $3.486 B both;
// roomy @10 s $134.0 M ($135.7 M), @30 s $129.6 M 3.3 % ($130.1 M 4.0 %). 12 periods: hard 200 @30 s
// $230.9 M (231.2 M), roomy 200 @30 s 0.69 % (0.43 %, same plan ±0.1 %), roomy 1,000 @10 s $171.6 M
// (no plan in some runs before); hard 1,000 @10 s swings from $3.2 B to $18.7 B before and after:
// the starts decide it. 36 periods (723k columns) @10 s: the limit holds (+0.5 s), roomy $166.0 M
// against the standalone $185.4 M, hard only the standalone plan (no start finishes, nor the LP).
import type { Highs, HighsCallbackMap } from 'highs';
import type { PlanInput, PlanResult } from '../../types.ts';
import { explainInfeasible, namer, reasonsInOneLine, noCandidateReason, noCandidateWhy, penaltyReason } from '../explain.ts';
import { formatCount, formatDecimal, formatList, formatMonth, formatPlanMonth } from '../../format.ts';
import { periodsLabel } from '../../plan-periods.ts';
import { racksFor } from '../../sizing.ts';
import { relGap, searchGap, searchScale, OPTIMAL_GAP } from '../gap.ts';
import { runMip, timeForHighs } from './guarded.ts';
import { cutPoolV2, replicasSiteHolds, tryBuildModelV2, validCutsV2, type ModelV2 } from './model.ts';
import { toModelData } from '../model-data.ts';
import { columnsOfV2, extractMs, extractPlanV2, meetsModel, normalise, objectiveOfV2, penaltyOfV2, solutionFromColumns, type SolutionV2 } from './extract.ts';
import { standaloneStart } from './standalone.ts';
import { couplingIndex, PlanState, polish } from './repair.ts';
import { lpWithCutsV2, STALL_REL_SINGLE } from './relax.ts';
import { atCouplingLimit, componentsV2, couplingPrices, decomposeV2, highsOverrunMs, withPart } from './decompose.ts';
import { fineStart, greedyStart, guideSearch, improve, polishPlan, repair, roundLp, shareRelaxation } from './search.ts';
import type { PortfolioStrategy } from './portfolio.ts';
import { firstFreed, type ImproveOptions } from './lns.ts';
import { cancelled, now, stopNow } from './clock.ts';
import { reassignWithin } from './reassign.ts';

export { meetsModel } from './extract.ts';
export { standaloneStart } from './standalone.ts';
export { presolveClaim, timeForHighs } from './guarded.ts';

export type SolveV2Options = {
  timeLimitS?: number;
  relGap?: number;
  cancelFlag?: Int32Array;
  /** a plan to start from (its columns are handed to HiGHS) */
  warm?: SolutionV2 | null;
  /** the model of `input` when the caller built it already (buildModelV2(input), not yet solved: the solve adds rows to it) */
  model?: ModelV2;
  explain?: boolean;
  /** 'direct': HiGHS on the whole model; 'staged': LP, decomposition, improvement; 'auto' (default): staged where stagedApplies (columns or (workload, period) pairs) */
  pipeline?: 'auto' | 'direct' | 'staged';
  onProgress?: (p: { elapsedMs: number; incumbentUsd: number | null; boundUsd: number | null }) => void;
  /** a portfolio member's seed (improvement search, HiGHS) and stages (core/optimizer/v2/portfolio.ts) */
  seed?: number;
  strategy?: PortfolioStrategy;
  /** the portfolio's members are at least as many as the machine's cores (a primal member then lets the full member's start go first: PRIMAL_WAIT_MS) */
  contended?: boolean;
  /**
   * told of every better plan this solve finds (not of plans it adopted), with the model it meets;
   * `share` false for the packed start's plans, which the other members must not adopt (searched
   * from, they lead nowhere: search.ts CONTINUE_FROM) but the app still shows as the interim plan
   */
  onIncumbent?: (s: SolutionV2, objective: number, m: ModelV2, share: boolean) => void;
  /** a plan found elsewhere (another member), adopted between stages and neighbourhoods when cheaper */
  pollIncumbent?: () => SolutionV2 | null;
  /**
   * told of each better plan as it becomes the incumbent, with the stage that made it (the stats'
   * `<stage>_usd` names: 'standalone', 'sitefree', 'packed', 'greedy', 'lp_early', 'lp_round', 'improve', 'mip', 'adopted', …)
   * and the time since the solve began (benches: what runs when in the first seconds)
   */
  onPlan?: (p: { from: string; objective: number; elapsedMs: number }) => void;
  /** after each neighbourhood of the improvement search (benches: which kinds of move pay) */
  onRound?: ImproveOptions['onRound'];
  /** told once no plan meets every limit, before the re-solves that find which limits are to blame (explain) */
  onExplaining?: () => void;
  /**
   * given by a caller that can stop this thread from outside: the LP stage's LPs then run without
   * looking at the cancel flag (faster on large models: relax.ts lpsListen), and this is told
   * `true` before each and `false` after it, so that the caller stops the thread on a cancel
   * meanwhile, keeping the plans it was told of
   */
  onDeaf?: (deaf: boolean) => void;
};

/** Columns from which the staged path runs (below, HiGHS on the whole model closes the gap fastest, after DIRECT_SEARCH_SHARE)... */
export const STAGED_MIN_COLS = 4000;
/**
 * ...or (workload, period) pairs: many workloads on a small catalog make few columns, and there
 * HiGHS alone stalls where the LP's rounding and the search do not. bench/independent.ts
 * tight-small(-nocloud), 1,000 workloads, single purchase (3.3–3.6k columns), direct → staged, load
 * 1.3–2.2: nocloud seeds 1, 3, 6 at 2 s $421.74 / 456.83 / 437.67 M → $421.38 / 455.48 / 437.50 M,
 * at 10 s $420.32 / 454.41 / 435.49 M → $420.14 / 454.31 / 435.33 M (CBC at 10 s: $420.26 M on seed
 * 1, $435.38 M on 6; at 2 s $455.65 M on 3); tight-small seeds 1, 2 at 2 s $352.91 / 366.72 M →
 * $352.56 / 364.55 M, at 10 s $352.11 / 366.03 M → $351.35 / 364.62 M, every bound as good or
 * better. Below it (the bench's hard 3 periods × 50, 1 × 100 workloads; edge-20, extreme-growth-16)
 * the staged path was dearer or lost the proof when this was measured; with several periods no
 * longer (STAGED_MIN_COLS_PERIODS).
 */
export const STAGED_MIN_PAIRS = 1000;
/**
 * ...or, with several purchase periods, this many columns: there HiGHS on the whole model with
 * every valid cut (6–11 times the rows) gets no further than the starts' plan in a short limit, where
 * the LP's rounding and the search do. bench/independent.ts late-options-6 (120 workloads, 3
 * periods, 3,869 columns, 911 rows and 10,086 cuts) at 2 s: the plan was the greedy start's
 * $63,975,605 (its 0.6-s search and the whole MILP's ~0.9 s found nothing, gap 3.1–100 %) against
 * CBC's $63,658,572; staged $63.34 M (0.25 %, 2 runs, load 2.6; under load 5, 1 run of 4 with the
 * LP's rounding in time). The staged path, 2 runs each at 2 s (load 2.5–3.6), then 1 at 10 s (load
 * 1.9–2.5): custom-catalog-12 (2,970 columns) $48.33 M → $48.13 M at 2 s, the same plan at 10 s with
 * a gap of 0.05 % against 0.86 %; short-life-budget-31 and odd-horizon-34 (2,949 and 2,576) proven
 * at 2 s (1.1 and 0.7 s) where they were not, at 10 s sooner (2.3 against 2.9 s, 0.8 against 8.9 s);
 * edge-20 (3,664) the same plan, proven at 4.7 s at 10 s; budget-one-year-24 and extreme-growth-16
 * the same plans (bounds 0.15 against 0.70 % and 0.03 against 0.01 % at 2 s, 0.10 against 0.03 % and
 * 0.02 against 0.01 % at 10 s); bench/scenarios.ts hard 50 × 3 (3,933 columns) proven at 2 s
 * ($301.023 M against $301.037 M, 0.13–0.16 %) and at 10 s in 3.5 s (direct 0.13 % at 10 s), roomy
 * 50 × 3 (3,400) proven in 0.4–0.5 s (direct 3.3 s at 10 s, unproven at 2 s). A single purchase stays
 * at STAGED_MIN_COLS: hard 1 × 100 (2,768 columns, a penalty) staged kept its plan at 2 s but its
 * bound fell to the LP's (gap 12–14 % against 0.18 %), and at 10 s its plan was dearer ($432.83 M
 * against $432.77 M; roomy 1 × 100, 2,425 columns, cheaper staged). Below 2,500 columns the
 * direct path stays: small-20-1 and -5 (1,264 columns, 4 periods) at 10 s $14.1555 M proven at 6.5 s
 * and $14.9471 M at 0.34 % direct, the same plans at 0.55 % and 2.98 % staged.
 */
export const STAGED_MIN_COLS_PERIODS = 2500;

/** Whether the 'auto' pipeline takes the staged path on `m` (STAGED_MIN_COLS, STAGED_MIN_PAIRS, STAGED_MIN_COLS_PERIODS). */
export function stagedApplies(m: Pick<ModelV2, 'numCols' | 'sized' | 'periods'>): boolean {
  const minCols = m.periods.length > 1 ? STAGED_MIN_COLS_PERIODS : STAGED_MIN_COLS;
  return m.numCols >= minCols || m.sized.length * m.periods.length >= STAGED_MIN_PAIRS;
}
/**
 * Small models (the direct path): the improvement search (lns.ts, no LP: its support and RINS
 * neighbourhoods wait for one) runs from the starts' plan for this share of the time left, at most
 * DIRECT_SEARCH_MAX_MS, and the whole MILP then starts from its plan. HiGHS spends its first seconds
 * on such a model at the root (presolve's probing, then cut rounds: 0 nodes) and finds its plans
 * with its sub-MIP heuristics only after them, so at 2 s it had given nothing better than the start.
 * A blind check of DESIGN.md (20 workloads, 24 months bought every 6, 1,252 columns; 5 workloads
 * under a per-year capex budget with replacements, 180 columns; bench/independent.ts small-20 and
 * small-capex are those shapes), locked, load 11–17: at 2 s the first went from the start's
 * $7,342,907 to $7,126,595, CBC's optimum (in-process, warm or cold; through `fleetplan optimize`,
 * 2 runs each); HiGHS alone from the start (every cut) found that plan at 2.8 s and proved it at
 * 3.0 s, in 1 node. The second: $15,689,219 before and after through the CLI (CBC at 2 s the same
 * plan) and after in a cold process; warm in-process $15,689,219 → $15,655,623 (the optimum). At
 * 10 s both optimal either way.
 * bench/independent.ts (in-process, with CBC, load 10–16): small-capex-1 at 2 s $17,623,736 →
 * $17,531,756 (CBC's optimum), small-20-1 at 10 s $14,158,011 → $14,155,523 (optimal, CBC's),
 * small-capex-3 at 2 s $14.11 M → $13.95 M (CBC $13.86–14.45 M), seeds 2 and 3 of small-20 and 2 of
 * small-capex the same plans; the direct seeds of 1–34 at 2 s (no CBC): custom-catalog-12 $49.27 M
 * → $48.96 M, the other plans and proofs the same but odd-horizon-34, $72.722 M → $72.744 M in two
 * runs (HiGHS, seed unset, found $72.722 M from the start in its 1.8 s, not from the search's plan in
 * its 1.2 s; with seed 1, as the app's first worker runs it, $72.986 M → $72.769 M). With 0.3 of the
 * time left uncapped, at 10 s extreme-growth-16 and edge-20 were proven at 4.9 and 6.2 s instead of
 * 1.5 and 1.9 s (the search's 3 s came first), hence the cap.
 */
export const DIRECT_SEARCH_SHARE = 0.3;
export const DIRECT_SEARCH_MAX_MS = 600;

/**
 * The direct search's time (ms) on `m` with `leftMs` to go: none where its first sub-MILPs free
 * every workload (lns.ts firstFreed: up to FIRST_FREED_MIN workloads): the search is then HiGHS on
 * (nearly) the whole MILP without its cuts, stopped at its deadline, where the whole MILP itself
 * would have had that time.
 * bench/independent.ts small-capex-1 (5 workloads, 180 columns) at 2 s: the search's one sub-MILP
 * (the 'pool' neighbourhood, all 5 workloads) took its whole 0.6 s for $18.04 M from the start's
 * $18.55 M, and HiGHS, which proves the optimum in 1.05–1.15 s from the start alone (warm process,
 * load ~5: presolve 0.01 s, root with its cut rounds and sub-MIPs 0.42 s, restart, 26 nodes),
 * had 1.2 s left: $17,604,723 (1.34 % gap) or $17,531,756 unproven at load 5–10, against CBC's
 * proven $17,531,756. Without the search: proven at 1.0–1.5 s at load 5–8, and the optimum unproven
 * at load 10–12. Small-capex 2, 4–8: the same plans, proven sooner (small-capex-4's search
 * proved it alone at 0.5 s, HiGHS at 0.9 s); small-capex-3 (proven at 3.3 s either way) $13.94 M
 * at 2 s against $13.78–13.95 M (4 runs; CBC $13.78–13.81 M); the 5- and 8-workload direct seeds of
 * 1–34 the same optimal plans, sooner (monthly-1 at 0.3–0.5 s against 1.0 s). From 9 workloads
 * the search stays (small-20, 20 workloads: HiGHS alone proves small-20-1 only at 6.4 s, and its
 * plan at 2.3 s is the search's at 0.6 s).
 */
export function directSearchMs(m: Pick<ModelV2, 'byWk'>, leftMs: number): number {
  return searchFreesAll(m) ? 0 : Math.min(DIRECT_SEARCH_MAX_MS, leftMs * DIRECT_SEARCH_SHARE);
}

/** Whether the improvement search's first sub-MILPs on `m` free every workload (lns.ts firstFreed): the tiny models of directSearchMs and wholeMipCuts. */
export function searchFreesAll(m: Pick<ModelV2, 'byWk'>): boolean {
  const W = m.byWk.length;
  return firstFreed(W) >= W;
}

/**
 * Whether the direct path's whole MILP gets every valid cut of the model (model.ts validCutsV2: whole
 * replicas, racks and cloud instances per assignment): not on the tiny models of searchFreesAll,
 * where HiGHS' root finds what it needs on its own and the cut rows (2–3 times the model's rows)
 * slow every node. bench/independent.ts small-capex (5 workloads, 180 columns, 105 rows and 300
 * cuts) at 2 s, load 7.7–9, 2 runs each, with the cuts → without: seeds 1, 4–9 proven in 1.14–1.71 /
 * 0.88–0.91 / 1.02–1.07 / 1.35–1.41 / 0.85–0.87 / 1.55–1.60 / 0.87–0.90 s → 1.15–1.19 / 0.46–0.48 /
 * 0.84–0.86 / 1.13–1.17 / 0.62–0.63 / 0.70–0.71 / 0.46 s; seed 10 $14.27–14.31 M unproven → optimal
 * at 0.8 s; seed 3 $13,935,776 → $13,877,343 (gap 2.30 → 1.20 %); HiGHS alone proves seed 3 in 2.0 s
 * against 3.3 s. The 5- and 8-workload direct seeds of 1–34 stay proven, monthly-1 (12 periods,
 * 2,286 columns) at 0.65–0.68 s against 0.26–0.30 s. On small-20 (20 workloads) the cuts are a wash
 * at 2 s (seed 1 a cheaper plan without, seed 5 a wider gap), so they stay from 9 workloads.
 */
export function wholeMipCuts(m: Pick<ModelV2, 'byWk'>): boolean {
  return !searchFreesAll(m);
}
/**
 * The whole MILP at the end of the staged path starts only with the time of this many first LPs
 * (from scratch, as the LP stage measured it) to spare, and is told to stop that long before the
 * deadline: its presolve and root LP do not look at the callbacks, and the LP stage's average solve
 * (warm-started rounds) under-estimated them (hard 1,000 × 1 at 30 s, three solves side by side on 2
 * cores: one ran to 32.4 s, the whole MILP started at 25.3 s). With no time for it, the search goes on.
 * The first LP (stats.lp_first_ms) is slower in a process's first solve, before V8 has compiled
 * HiGHS' hot wasm functions with its optimising tier: bench/independent.ts replicas-4 at 2 s (8.1k
 * columns, load 2–5) 81–108 ms in a fresh process against 26–43 ms after one solve, so the whole
 * MILP fits after the search's first half only in a warm process (it found no plan there in 7 runs).
 */
export const MIP_START_LPS = 4;
/**
 * The limit from which the decomposition of a small separable model resumes after the search, with
 * the search's second half (solvePlanV2: resume); below it the search keeps its whole time. At 2 s
 * the resume's ~0.3 s went to subs that stay at HiGHS' root: bench/independent.ts capex-zero-8 (2
 * periods, 9.8k columns, 3 components, no coupling row priced; with lns.ts' cloud neighbourhood and
 * emptyings), 3 locked runs each, load ~6: $214,805,768 with it, $214,803,080 without (CBC
 * $214,805,726; the optimum $214,803,069), bound $214.75 M against $214.72–214.73 M; the resume's
 * change alone left $214,835,433–214,835,458. Non-separable models never resume (their search half
 * goes to the whole MILP). At 10 s it tightens roomy-12p-50's and hard-12p-50's bounds (below).
 */
export const RESUME_MIN_S = 10;
/** The whole MILP stops at most this share of the time limit early when HiGHS' stretches without a callback are long (runHighs)... */
export const EARLY_SHARE = 0.1;
/** ...and the search then goes on when at least this many milliseconds are left (also after a resumed decomposition). */
export const AFTER_MIP_MIN_MS = 100;
/** Columns up to which the whole MILP runs at the end of the staged path (its presolve cannot be interrupted). */
export const FULL_MIP_MAX_COLS = 20_000;
/** Shares of the time limit: the LP with cuts, then the decomposition (of what is left). */
export const START_SHARE = 0.25;
export const LP_SHARE = 0.3;
/**
 * ...or up to this share while each cut round still raises the LP's bound by 0.5 % or more (hard
 * 1,000 × 3 at 30 s, load ~10: 3 rounds in the 30 % gave 2.17 B, rounds 4–7 2.31–2.38 B)
 */
export const LP_EXTEND_SHARE = 0.5;
export const DECOMPOSE_SHARE = 0.5;
/**
 * Share of the time limit kept for the improvement search from the LP's extended rounds
 * (LP_EXTEND_SHARE), the LP's rounding and the decomposition: they stop by deadline −
 * IMPROVE_MIN_SHARE × limit; the LP keeps its LP_SHARE (capped there too, the hard 12-period bound
 * fell from 175 M to 109 M at 200 workloads, 30 s: its third round no longer finished).
 * Hard 200 × 6 at 30 s (load 4–5): $209.75 M, bound $194.9 M → $202.35 M, bound $189.8 M (the
 * decomposition's 10 s had raised the bound by 2.7 %, the search's 10 s cut the plan by 3.5 %);
 * hard 1,000 × 3 at 30 s: the search 4 s → 10 s, $2.791 B → $2.764 B twice, bound $2.327 B → $2.196–
 * 2.311 B (the LP's fourth round cut short or not); hard 1,000 × 6 at 30 s: the rounding of the LP
 * point took the last 4.4 s and gave nothing. A cheaper plan weighs more than a tighter bound.
 */
export const IMPROVE_MIN_SHARE = 0.35;
/**
 * Share of the time limit the rounding of the LP point (roundLp) may take past IMPROVE_MIN_SHARE's
 * cut-off, where the LP stage ends after it: short limits, whose starts and LP share leave less
 * than IMPROVE_MIN_SHARE. Hard 12 × 50 at 2 s (bench/cbc.ts, load 2–3.5): the starts end at ~1.0 s,
 * the LP (its share, 0.6 s) at ~1.6 s, past the cut-off at 1.3 s, so the rounding got no time and
 * the plan was the start's, $331.6–331.9 M (8 runs); with 0.2 s it takes 0.11–0.16 s and gives
 * $305.6–305.9 M (10 runs), bound unchanged ($291.9 M, or $242.0 M where the LP's second round was
 * cut). Roomy 12 × 50 at 2 s: its rounding gives nothing, and the 0.05 s it takes left the
 * search's plan within its noise (4 interleaved runs each, load ~2: $50.68–51.22 M against
 * $50.59–51.22 M; roomy 12 × 20: $2.257–2.315 M both). On hard 12 × 50 the rounding of each
 * round's point (rounds 0–4) gives about the same, $305.4–306.5 M in 0.1–0.16 s: the LP's last point serves.
 * Hard 1,000 × 6 at 10 s: 1 s of rounding gave nothing, the plan the same ($3.4863 B); at 30 s 3 s,
 * nothing, the same plan. Hard 1,000 × 3 at 30 s (LP done at 19.5 s): 0.8 s, $2.7644 B as before.
 */
export const ROUND_MIN_SHARE = 0.1;

/**
 * Whether the LP stage's first cut round takes the cuts of the options the LP moves the load to
 * (model.ts ESCAPE_PER_WORKLOAD): only with several periods, no penalty that lets workloads go
 * unserved, and a short limit (ESCAPE_WINDOW_S). There they bring the second round's lift into the first: roomy 1,000 × 3 at 2 s
 * (bench/periods.ts, load 1.6–9), the LP stage's window held the first LP and one round, and the
 * bound was the first LP's $59.7 M (gap 60.8–62.2 %, 4 runs) where it is now $145.6–146.4 M
 * (4.0–5.4 %, 3 runs at load 2.1–5.6; $72.4 M at load 12.5, the round cut short). With a penalty and budgets (hard
 * scenarios) that round is the slow one: hard 1,000 × 6 periods, 19.3 s presolved with 5.2k violated
 * and 10.3k escape cuts (the second round as it was: 8.1 s), and hard 1,000 × 3 reached $2,154 M in
 * 3.5–3.9 s where the two rounds gave $2,180 M in 3.3 s; at 10 s the bound fell from $2,180 M to
 * $1,816–2,084 M (round cut short). A single purchase's subs take the first rounds' cuts
 * (SUB_CUT_ROUNDS), and the escapes' doubled them: bench/optimizer.ts single purchase at 10 s (load
 * 2.6–3.2, one run each) $375.61 M, gap 0.416 % against $375.20 M, 0.316 % without.
 */
export function escapesApply(m: Pick<ModelV2, 'input' | 'periods'>, limitS: number): boolean {
  return m.periods.length > 1 && m.input.settings.unserved_penalty_usd_per_month == null && limitS * LP_SHARE < ESCAPE_WINDOW_S;
}

/**
 * The LP stage's window (LP_SHARE of the limit) below which its first round takes the escapes'
 * cuts (escapesApply): they help where the window holds one round. Where it holds several, the
 * second round brings the same lift, and the slower first round delays the early rounding:
 * bench/portfolio.ts --interactive, roomy 1,000 × 3 (60-s limit, load 1.0–1.4, 4 runs each), the
 * plan at 2 s +1.30, +1.54, +6.09 and +6.04 % of the final with the escapes, +0.79, +0.81, +0.81
 * and +6.05 % without (+0.62–0.71 % in earlier sessions); at 10 s (3-s window) the gap was
 * 0.85–1.47 % with them, 0.90–0.99 % without.
 */
export const ESCAPE_WINDOW_S = 2;
/**
 * The LP's points to round after its cut rounds, in turn until one gives a better plan: its last point,
 * then the first cut round's where no early rounding was made (`earlyCol`: the point it rounded, which is
 * not rounded again). Points a
 * round apart round to very different plans: bench/independent.ts monthly-big-13 (120 workloads,
 * 15 periods), the points after 1–6 cut rounds rounded to $743.4, 768.9, 768.5, 768.6, 742.2 and
 * 742.7 M against a packed start of $767.9 M, and at 10 s the LP stopped after 1, 2, 3 or 4 rounds as the
 * load had it: $742.9 M when it stopped after the first, $767.9 M otherwise (6 runs, load 3–7). With the
 * first round's point rounded too, $742.4–742.9 M in 4 of 4 runs (load ~7). Seeds 5, 6, 7, 12 at 10 s and
 * bench/optimizer.ts --phased 1000 × 3 at 30 s (0.40 % against 0.47 %, load 7) gave the plans of before.
 */
export function lpPointsToRound<P extends { col: Float64Array }>(last: P, first: P | null, earlyCol: Float64Array | null): P[] {
  const out: P[] = [];
  if (last.col !== earlyCol) out.push(last);
  if (first && earlyCol == null && first.col !== last.col) out.push(first);
  return out;
}
/**
 * With several periods, the LP's point after this many cut rounds is rounded and polished at once
 * (polishPlan: its relocations are what pay), while the later rounds wait, when it comes within
 * EARLY_POINT_SHARE of the limit; greedyStart's fine start comes after it ('later'). Roomy 1,000 ×
 * 3 at 60 s: the LP's bound is $59.3 M, $59.7 M, then $145.7 M after two rounds (of $147.4 M after
 * nine, at ~3.7 s); that point rounded is $152.4 M, its relocations $150.9 M at ~1.9–2.2 s (load
 * 2.7–5; the fine start's $153.1 M at 0.7 s and the LP's last point rounded, $152.6 M at 4 s, were
 * the plan until the decomposition's $150.7 M at 5–6 s). The fine start before the LP took 0.2 s
 * of that path and gave nothing the rounding does not beat (roomy 1,000 × 3: $153.1 M; hard: its
 * $3.91 B against the packed start's $2.79 B). Tight-3p-1 (bench/independent.ts): its second
 * round's point rounded and polished gave $377.96 M at 8.4 s where the plan was $379.61 M at 12 s,
 * the last point's rounding nothing (polished or not). Hard 1,000 × 3 at 60 s: the same plans, its
 * LP ends later (24–27 s → 29–33 s), its bound the same. bench/portfolio.ts --interactive (1 worker,
 * load 2–5, against main at the same load): roomy 1,000 × 3 at 2 s +2.32 % → +0.72 % of the final
 * plan (a second run, load 3.2: +1.73 %, the rounded $152.4 M at 2 s and its relocations just
 * after: the path is ~2 s of one core, so a load above ~3 puts it past), at 1 s +6.0 % either way (the site-free start's $158.7 M; at load ~1 the fine start's $153.1 M
 * made it +2.3 % before); the other five the same at 1 and 2 s. After one round the point rounds
 * worse (roomy 1,000 × 3: $152.2 M at 1.8 s, $152.1 M at 2.6 s with the search after it). The share
 * keeps the rounding out of a slow LP's way (hard 1,000 × 6: its second round takes 8–18 s).
 */
export const EARLY_ROUND = 2;
/**
 * Columns up to which the fine start waits for the LP's early rounding: on larger models the LP's
 * two rounds take seconds (roomy 1,000 × 6, 116k columns: the first LP 1.1 s, the rounds 0.8 and
 * 2.1 s), and the fine start gave $134.1 M at 1.8 s there where the others had $141.7 M (deferred,
 * the plan was $141.7 M until 5.4 s). 1,000 workloads × 3 periods have 41–58k columns.
 */
export const FINE_LATER_MAX_COLS = 80_000;
/**
 * A single purchase with a penalty (the staged path, a bounding member): the LP with its cut rounds
 * first, its last point rounded and polished (polishPlan), a short search (SUPPORT_FIRST_SHARE), then the coarse start only (as a primal
 * member makes it: no packed, site-free or fine start), then the improvement search for
 * FIRST_SEARCH_SHARE of the limit (its support neighbourhood first), then the decomposition. Where
 * budgets and site power bind, the plan is a knapsack of whole replicas that the packed start fills
 * by ratios and no swap corrects: hard 1,000 × 1 at 60 s (1 worker, load 4–6), the packed start's
 * $5.042 B was the plan until the LP's rounding, $4.405 B at ~3.5 s (the LP ran after ~2.2 s of
 * starts; the early rounding of its points after 2–6 rounds gives $5.0–5.6 B, after 9 $4.40 B), and
 * the search from there found $4.242 B only at ~46 s. LP first: the rounding $4.405 B at 1.35–1.6 s,
 * polished $4.324 B at 1.6–1.9 s, the search's support sub-MILP $4.243 B at 3.2–3.8 s (~1.2 s: it
 * is the plan within 1 % of the final it cannot reach by 2 s), final $4.162 B (runs before: $4.242 B,
 * $4.162 B). The plan at 1 s is the standalone start's ($24.6 B) where it was the packed one's ($5.04 B).
 * Why not by 2 s (load 0.4–7): the model build and the standalone start take 0.25 s, the
 * LP 0.9–1.15 s (its 9 rounds are needed: the points after 4, 6, 7, 8 rounds round to $5.13, 5.20,
 * 5.12, 4.48 B; round 2 takes 0.28 s with presolve or without), the rounding 0.22 s, the polish's
 * first step 0.14 s, the support sub-MILP 0.75–0.9 s to its plan (HiGHS seeds 1–4, a heuristic effort
 * of 0.3, the sub without the cut rows: alike); from the rounding unpolished it ends at $4.323 B, and
 * the LP's whole pairs fixed (RENS) leave no plan.
 * What the final has that the 2-s plan lacks ($4,242.2 M against $4,324.1 M): one more workload
 * served, a 405B B200 replica at hydro-hall for two on-prem 405B workloads, paid for by a 70B B200
 * replica and an 8B FPGA one at the hq room (one 70B workload left unserved), with the deepseek-r1 SN40L
 * moved from hydro-hall to the hq room and an 8B B200 the other way (hydro-hall's power, the hq
 * room's racks). The LP point has it (that replica at 0.92, the SN40L at the hq room at 1.0): the
 * rounded plan's repair and polish put the SN40L at hydro-hall and leave both 405B workloads
 * unserved, and capping each pool's rounded load at the LP's replicas rounded up made the repaired
 * plan dearer ($5,206 M). From the 2-s plan the pool growths (by gain, LP-ordered, or that replica
 * alone with a full repair), the openings, each unserved pair served with a repair, and the cloud
 * emptyings with a descent after them save $1.3 M at most and serve no workload more (0.1–3 CPU-s
 * each); the support sub-MILP finds it in ~1.8 CPU-s (load 6–8).
 * The $4,162 M final and the 2-s plan share 50 of their 51 and 53 unserved workloads (the 46 the
 * LP leaves unserved at y ≥ 0.97 among them): the final serves both on-prem 405B workloads (LP y = 0)
 * and a 570-tps deepseek-r1 one (y = 0.20), and leaves a 251-tps deepseek-r1 one unserved (y = 0).
 * The rounding's restoreShed (repair.ts), let try single pairs (RESTORE_MIN_PAIRS 1), returned at
 * once with no change.
 * Tight-1 (bench/independent.ts): the coarse start's $497.15 M at 0.94 s as before (0.89 s), the
 * first search $494.7 M at 5 s where the plan was $497.15 M until ~5–6 s (the packed start after
 * the LP's rounding gave nothing and put the coarse one at 1.7 s; the search before the coarse
 * start left the plan at $499.6 M at 2 s; hence a short one first: SUPPORT_FIRST_SHARE).
 */
export const FIRST_SEARCH_SHARE = 0.1;
/**
 * In that order, a short search before the coarse start, for this share of the limit: its support
 * sub-MILP (lns.ts) from the LP's rounding polished. Tight-1 at 60 s (1 worker, load 2.5–7, 4 runs):
 * $494.39 M at 1.50–1.62 s (its sub-MILP's plan $494.69 M at 1.38–1.53 s), where the coarse start's
 * $497.15 M at 0.95–1.10 s was the plan until 2.8–3.0 s; final $493.77 M (before $493.84 M, one run
 * each). Hard 1,000 × 1: the plan at 2 s as before (the rounding polished, $4,324 M: its 54, then 53
 * of 1,000 workloads unserved, each at a $80.2 M penalty, against 52 at $4,243 M and 51 at $4,162 M), the
 * $4,243.8 M plan at 3.6–4.0 s (before $4,242.6 M at 3.8–4.1 s: its support sub-MILP gets ~0.5 s here and
 * finds nothing, the next neighbourhood does); final $4,242.6 M (before $4,242.4 M and $4,162.3 M). 0.05
 * gave hard 1,000 × 1 its $4,242.6 M plan at 2.9–3.2 s (the sub-MILP's 0.75–0.9 s) and $4,162.6 M at
 * 10.6 s in one run, but tight-1's at 1.79–1.89 s, too near 2 s for the app's worker on a loaded machine.
 * bench/cbc.ts hard single purchase at 10 s (200 and 1,000 workloads): the same plans. bench/portfolio.ts
 * --interactive (load 1–3): tight-1 at 2 s +0.14 % of the final (+0.57 % before), the other five as before.
 */
export const SUPPORT_FIRST_SHARE = 0.03;
/** The least window (ms) a search before the decomposition is started in (its polish's setup scans the plan unclocked). */
export const SEARCH_MIN_MS = 100;
export const EARLY_POINT_SHARE = 0.25;
/**
 * The limit from which, with several periods and no penalty, the greedy starts wait for the LP's
 * early rounding (solvePlanV2: startsLater). Roomy 1,000 × 3 at 2 s: the first LP's bound comes
 * past EARLY_POINT_SHARE of the limit (0.5 s), the starts then run inside the LP's time and its
 * second round does not fit (bench/cbc.ts, load 2.9: bound $59.3 M, gap 60.8 %, plan $152.21 M,
 * where main had $145.7 M, 3.4 %, $150.86 M at load 0.4; at load 6 main's order also ended with the
 * first round's bound there, so the loss is not proven, only its cause); the LP's two rounds take
 * 1.2–1.7 s there, inside the 2.5-s window of a 10-s limit. The LP-first order of a single purchase
 * with a penalty (FIRST_SEARCH_SHARE) holds from this limit too: hard 1,000 × 1 at a 2-s limit (load
 * 4.7) ended at $5,284 M against the packed start's $5,042 M (the LP's share gives few cut rounds),
 * and hard 5,000 × 1 at $133.2 B (the standalone start: no time was left after the LP) against
 * $94.1 B; at 10 s it wins (hard 5,000 × 1 $48.4 B against $55.4 B; hard 1,000 × 1 $4,242 M either way).
 */
export const STARTS_LATER_MIN_S = 10;
/**
 * Where the starts wait for the LP's early rounding (STARTS_LATER_MIN_S), the standalone plan is
 * polished for this long (ms) before the LP (solvePlanV2: siteFreeFirst), so that a plan within a few
 * percent is shown while the LP runs. Roomy 1,000 × 3 at 60 s (1 warmed worker, load 5–7): the LP's
 * early rounding ($152.37 M) came at 2.2–3.2 s, and until then the plan shown was the standalone one
 * ($276.38 M, +85 % of the final); now $158.73 M (+6.0 %) at 0.72–0.93 s. The polish took ~0.15 s to
 * there (100 ms left it at $177.6–237.6 M); the rows' index it builds first (~0.19 s cold) the LP's
 * rounding no longer builds. The LP starts ~0.2 s later; the plan within 1 % of the final came at
 * 2.85–3.67 s against 2.78–4.25 s before (bench/first-seconds.ts, 3–4 runs each: within the noise).
 * Not for the LP-first order of a single purchase with a penalty (lpFirstApplies): on hard 1,000 × 1
 * the standalone plan polished so is $6,089 M (+46 % of the final $4,162 M) at 0.37 s, where the plan
 * until the LP's rounding is the standalone $24,620 M, but it starts the LP 0.15–0.2 s later and the
 * rounding's $4,324 M (at 1.6–1.9 s, 1 warmed worker, load 6–8) then often comes after 2 s.
 * bench/portfolio.ts --interactive (load 6–12, 2 runs against 3, 4 jobs a run): the plan at 2 s
 * +3.89 % in 2 of 8 jobs, +5.82 % in 4 and +48.2 % in 2 (a cold worker's), against +3.89 % in 9 of
 * 12, +5.82 % in 2 and +491.5 % in 1 (a cold worker's: the standalone plan).
 */
export const SITE_FREE_FIRST_MS = 150;
/**
 * Share of the limit for re-solving, one component of models at a time, the assignments within the
 * incumbent's capacity (reassign.ts) after the decomposition of a single purchase. bench/optimizer.ts
 * single purchase, 1,000 workloads: the 10-s plan paid a Cerebras API for one large llama-3.3-70b
 * workload that the replicas it owned could carry once 26 others moved; with its replicas fixed the
 * component's assignment sub-MILP finds that in 1–3 s, where its sub-MILP with the pools free
 * (decomposition, search) did not in 240 s.
 */
export const REASSIGN_SHARE = 0.3;
/** Limits from which the reassignment also runs before the improvement search (after it, at any limit). */
export const REASSIGN_FIRST_MIN_S = 10;
/**
 * Several periods, from REASSIGN_FIRST_MIN_S: the share of the limit the improvement search leaves,
 * where it would run to the deadline, to the reassignment (reassign.ts) one component and one period
 * at a time; the search goes on from its plan with what that leaves. bench/optimizer.ts 1,000
 * workloads, 3 periods at 30 s (locked runs): roomy $319.829–319.841 M, gap 0.367–0.373 % in 6
 * runs at load 2.8–7.7 ($319.905 M, 0.392 % at load 10.9), against $320.144 M / 0.465 % (load
 * 1.1), $320.352 M / 0.538 % (load 4.4) and $320.262 M / 0.503 % (load 10.4) without (the
 * reassignment's plans $319.85–320.04 M, the search after it $0.01–0.13 M cheaper still); hard
 * $2,684.04–2,684.13 M in 5 runs at load 2.8–7.7 against $2,710.59–2,710.61 M in 3 (the search
 * from the reassigned plan finds what it did not from its own), at load 10 $2,710.58 M. 0.2 of the limit: 0.366 %; the components
 * with all their periods at once: 0.373–0.383 %; before the search instead (0.1): 0.396 %. Roomy
 * at a 180-s limit without it: $320.03 M, bound $318.76 M (0.394 %).
 */
export const REASSIGN_PERIODS_SHARE = 0.1;
/**
 * The reassignment of several periods runs only where the search keeps at least this many times
 * its reserve (REASSIGN_PERIODS_SHARE): hard 1,000 × 3 at 30 s comes to the search at ~22 s (8 s
 * left, 3 s reserved); roomy and hard 1,000 × 12 at 10 s (bench/periods.ts) at 7.7–8.7 s (roomy:
 * the same $171.59 M with and without, the search finds nothing there)
 */
export const REASSIGN_RESERVE_RATIO = 2;

/**
 * The LP point's rounding is polished (polishPlan) only when it costs at most this share more than
 * the incumbent: the polish (relocations, cloud emptyings) saves a few percent and takes the rest of
 * the rounding's window (ROUND_MIN_SHARE). Hard 1,000 × 3 at 30 s, where the LP starts at ~3.5 s
 * (PACKED_ONLY_MIN_PAIRS): the point after two cut rounds rounds to $4.61 B in ~1 s against the
 * packed plan's $2.71 B, and its polish took the other ~2 s of the LP's time for nothing (the LP
 * then ended after 6 cut rounds, bound $2,390.7 M; without the polish 7, $2,414.9 M); where it pays, the rounding is within a few percent of the plan or below it (roomy
 * 1,000 × 3: $152.7 M against the site-free $158.7 M; tight-3p-1: $382.1 M against $380.2 M,
 * polished $378.0 M; hard 1,000 × 1: $4,405 M against the standalone $24.7 B).
 */
export const ROUND_POLISH_SHARE = 0.05;

/** Whether an LP point rounded to a plan of `objective` is polished where the incumbent costs `incumbent` (ROUND_POLISH_SHARE). */
export function worthPolishing(objective: number, incumbent: number): boolean {
  return !(objective > incumbent * (1 + ROUND_POLISH_SHARE));
}

/**
 * (workload, period) pairs from which, with several periods, the packed start is the only start where
 * it gives a plan (search.ts StartOptions.packedOnly): the coarse, site-free and fine starts are
 * not made, and the LP starts seconds sooner. Hard 1,000 × 3 at 30 s
 * (bench/optimizer.ts, locked, load 2–8): the packed plan $2,710.7 M at 1.5–2.5 s, then the coarse
 * start (4.9 s) and the site-free one (0.8 s) gave nothing, the fine one after the LP (1.8 s)
 * nothing, and the LP started at 8.0–10.9 s: 4–6 cut rounds by the IMPROVE_MIN_SHARE cut-off, gap
 * 10.93–16.42 % (5 runs). Without them it starts at 3.3–5.6 s: 5–7 rounds, gap 10.03–11.87 % (10
 * runs; with ROUND_POLISH_SHARE 10.03 % in 3 of 4, 11.87 % at load 8), the plan $2,684.1–2,684.3 M
 * in every run (before, $2,710.6 M in one of 5). Tight-3p-1 (bench/first-seconds.ts, 60 s): the LP's early
 * rounding $377.37 M at 6.5 s where it came at 11.6 s (the coarse start's $379.86 M at 7.8 s
 * before), the plan at 2 s and the final the same ($380.23 M, $371.1 M). bench/periods.ts hard
 * 1,000 workloads at 10 s (load 5–7): × 6, the LP's second cut round now fits, $3.31–3.37 B, bound
 * $1,830 M (2 runs) against $3.38 B, $1,814 M (2 runs); × 12, $3.00–5.09 B (3 runs) against
 * $2.96–3.25 B (2 runs): there the coarse and site-free starts begin past their deadline and give
 * nothing, and the plan swings with how far the packed start's growths get before them (their plan
 * at ~5 s was $12.2 B in the dear run, $3.96–5.39 B in the others).
 */
export const PACKED_ONLY_MIN_PAIRS = 1000;

/** Whether the starts of a solve of `m` stop at the packed start's plan (PACKED_ONLY_MIN_PAIRS). */
export function packedOnlyApplies(m: Pick<ModelV2, 'periods' | 'sized'>): boolean {
  return m.periods.length > 1 && m.sized.length * m.periods.length >= PACKED_ONLY_MIN_PAIRS;
}

/**
 * Whether the LP stage adds capacity cuts (relax.ts CAPACITY_PER_ROUND): not for a single purchase
 * with a penalty, where they raised the bound a little and cost the plan much. Hard 1,000 × 1
 * (bench/first-seconds.ts, 6 s, load 2): bound $3,916 M against $3,883 M, the LP's rounding $5,124 M
 * against $4,323 M, its 60-s plan (bench/portfolio.ts --interactive) $4,804 M against $4,162 M; the
 * rounding of the point before they entered was no better ($5,125 M). With several periods they stay
 * (hard 1,000 × 3 at 30 s: the same plan, bound $2,391 M against $2,265–2,366 M), and without a
 * penalty (single purchase, 1,000 workloads at 10 s: gap 0.32 % against 0.55 %).
 */
export function capacityCutsInLp(m: Pick<ModelV2, 'periods' | 'ys'>): boolean {
  return m.periods.length > 1 || !m.ys.some((byK) => byK.some((y) => y != null));
}

/**
 * When the reassignment runs in a solve of `periods` periods at `limitS` (`bounding`: not a primal
 * portfolio member, which leaves it to the full one): before the search (`first`), after it on a
 * single purchase (`after`), and for how long (`share` of the limit); with several periods, the
 * time (ms) the search leaves it (`reserveMs`, where the search has `searchMs` to the deadline), one
 * period at a time (`byPeriod`).
 */
export function reassignSchedule(periods: number, limitS: number, bounding: boolean, searchMs: number): { first: boolean; after: boolean; share: number; reserveMs: number; byPeriod: boolean } {
  if (periods === 1) return { first: limitS >= REASSIGN_FIRST_MIN_S, after: true, share: REASSIGN_SHARE, reserveMs: 0, byPeriod: false };
  const reserveMs = limitS * 1000 * REASSIGN_PERIODS_SHARE;
  const on = bounding && limitS >= REASSIGN_FIRST_MIN_S && searchMs >= REASSIGN_RESERVE_RATIO * reserveMs;
  return { first: false, after: false, share: REASSIGN_PERIODS_SHARE, reserveMs: on ? reserveMs : 0, byPeriod: true };
}

/**
 * Each component's assignments (largest first) re-solved within the capacity of the plan `best()`
 * gives at that moment, each a share of the time left in proportion to its columns (the small ones
 * end early and leave theirs to the rest), with `byPeriod` each period of a component on its own;
 * `offer` is told of each cheaper plan.
 */
export function reassignComponents(highs: Highs, m: ModelV2, best: () => SolutionV2 | null, offer: (s: SolutionV2, objective: number) => void, o: { deadline: number; cancelFlag?: Int32Array; lpMsPerCol?: number | null; byPeriod?: boolean }): void {
  const comps = componentsV2(m).filter((c) => c.workloads.length > 1).reverse();
  const units = comps.flatMap((c) => (o.byPeriod && m.periods.length > 1
    ? m.periods.map((_, k) => ({ workloads: c.workloads, period: k as number | undefined, cols: Math.round(c.cols.length / m.periods.length) }))
    : [{ workloads: c.workloads, period: undefined as number | undefined, cols: c.cols.length }]));
  let left = units.reduce((a, u) => a + u.cols, 0);
  for (const u of units) {
    const inc = best();
    if (!inc || stopNow(o.deadline, o.cancelFlag)) return;
    const share = (o.deadline - now()) * u.cols / Math.max(1, left);
    left -= u.cols;
    // HiGHS may overrun its time_limit by about one LP of the sub (as runHighs allows for)
    const r = reassignWithin(highs, m, inc, u.workloads, { cancelFlag: o.cancelFlag, deadline: now() + share - highsOverrunMs(u.cols, o.lpMsPerCol), ...(u.period != null ? { period: u.period } : {}) });
    if (r) offer(r.s, r.objective);
  }
}

/**
 * Whether a bounding member of the staged path takes the LP before the starts on a single purchase
 * (one period) with a penalty (FIRST_SEARCH_SHARE, STARTS_LATER_MIN_S); a primal portfolio member
 * then makes the packed start the full member no longer makes, without waiting (PRIMAL_WAIT_MS).
 * Several periods with a penalty keep the starts first. Tight-3p-1 (bench/independent.ts) at 60 s,
 * 1 worker, load 4–5: the packed start's $380.64 M at 1.7–1.8 s is the plan at 2 s (+2.26 % of a
 * final $372.20 M, reached within 1 % only at 42 s, by the search after the decomposition). LP
 * first, the point after one cut round rounded gave $379.69 M at 1.0–1.1 s (3 runs; polished:
 * nothing), after two $382.12 M at 1.6 s (polished $377.96 M at 3.6 s), the first LP's point
 * $384.13 M at 1.05 s (polished $378.92 M at 1.9 s); a support sub-MILP (lns.ts) right after
 * the rounding, $377.11 M at 2.1 s; the first search after the LP, $375.78 M at 9 s; final
 * $373.16 M (one run). None is within 1 % by 2 s, the plan at 1 s is the standalone's ($1,398 M,
 * against the packed $386.22 M), and hard 1,000 × 3 then had the standalone's $24.7 B at 2 s
 * (its LP's first cut round ends at ~2 s) against the packed start's $2.791 B at 1.3 s. In the
 * starts-first order a first search after the LP (before the decomposition) gave $377.73 M from
 * $377.96 M and a final $373.92 M (one run); the packed plan polished (polishPlan) $380.49 M in 2.1 s.
 * What the final does otherwise (the packed start's $380.64 M against $374.42 M): it buys
 * later, site-2's power in period 1 at 4 kW (81 kW), capex in plan year 2 $7.6 M ($2.3 M), and serves
 * 5 more pairs in each of periods 2 and 3 (3 fewer in period 1), 1,765 of 3,000 pairs moved. A later
 * final, $374.89 M (60 s, load ~6): 4 more pairs served in period 1, 1 in period 3, at $0.4 M less
 * cost; 205, 198 and 186 pairs a period on eight-GPU cloud instances (143 on 7 instances for the 70B
 * model in period 1), where the packed plan has 93–156 on one-GPU ones, and site power freed for
 * on-prem pairs. The pack's cloud fills (grow.ts) rent them but are left to models whose total
 * budget counts rentals; from the packed plan polished, the pool openings and polish of repair.ts
 * (openPools, polish with openings: ~2.3 CPU-s) give $378.96 M, the relocations and cloud emptyings $378.75 M.
 */
function lpFirstApplies(input: PlanInput, limitS: number): boolean {
  return input.settings.unserved_penalty_usd_per_month != null && input.settings.purchase_interval_months >= input.settings.horizon_months && limitS >= STARTS_LATER_MIN_S;
}

/**
 * Where a penalty lets pairs stay unserved (the full member then makes the packed start) and the
 * members are at least as many as the cores (`contended`: 2 workers on 2 cores; with a core each there
 * is nothing to yield), a primal portfolio member first waits this long (at most START_SHARE of the limit), then builds the model
 * and solves to the same deadline: on 2 cores the full member's packed start, alone, gives the plan
 * within 1 % sooner, and the primal member's own starts lead nowhere in that time (they are
 * dearer than the full member's until ~3 s). Hard 1,000 × 3 at 10 s, 2 workers through the host,
 * load 1.7–3.2, 4 runs each: the full member's $2.8447 B plan at 1.95–2.41 s with both working,
 * 1.63–1.75 s with the primal member waiting 2.5 s (1 worker: 1.68–1.86 s), the first plan at
 * 0.35–0.46 s against 0.23–0.27 s; the final plan the same ($2.7910–2.7911 B). Without a penalty
 * (roomy 1,000 × 3 at 30 s, no packed start) the wait only cost the primal member time: $320.27 M,
 * 0.51 %, against $320.16 M, 0.48 %, one run each at load 4.
 */
export const PRIMAL_WAIT_MS = 2500;

/**
 * The gap a solve goes on to once its plan is proven within DESIGN 5's OPTIMAL_GAP (the status
 * still follows OPTIMAL_GAP), for at most TIGHTEN_FACTOR times the time it took to get there and
 * never past its limit: CBC on the exported LP goes on to ~0 while it has time, and a plan
 * "optimal" within 1e-4 may still be dearer than its plan (bench/independent.ts, load 2–4:
 * short-life-budget-14 at 2 and 10 s, $9,181,759 at 0.9 s against CBC's $9,181,689, which HiGHS
 * finds at the same 1.5 s with this gap; capex-zero-8 at 10 s $214,813,598 "optimal" against CBC's
 * $214,805,726, with it $214,803,081).
 */
export const SEARCH_GAP = 1e-6;
export const TIGHTEN_FACTOR = 1;

/**
 * When a solve started at `t0` may stop: `met` says whether a plan of `objective` with `bound` is
 * close enough — at `target` when the caller set one, else at SEARCH_GAP, or within OPTIMAL_GAP once
 * it has been there for TIGHTEN_FACTOR times the time it took to get there (each rule keeps its own
 * clock, started by the first `met` that sees the gap within OPTIMAL_GAP); `until` is the time by
 * which that happens (Infinity before), which caps every stage that starts later: a stage that does
 * not look at the gap (the improvement search, the resumed decomposition) would otherwise run on to
 * its own deadline (capex-zero-8 at 60 s: within 1e-4 at 6.5 s, returned at 24.3 s for $314).
 * Without a caller's target the gap is measured against the plan's horizon cost (`penalty`: the
 * plan's unserved penalties; gap.ts searchGap), so a plan whose penalties dwarf what it spends is
 * searched on while the unproven amount is large against the money spent; the status and the
 * reported gap stay DESIGN 5's. `highsGap` is the mip_rel_gap HiGHS stops at by itself under this
 * rule: SEARCH_GAP of the horizon cost as a fraction of the objective (SEARCH_GAP without penalties).
 */
export function gapRule(t0: number, target?: number): {
  met: (objective: number, bound: number, penalty?: number) => boolean;
  until: () => number;
  highsGap: (objective: number, penalty: number) => number;
} {
  if (target != null) return { met: (o, b) => relGap(o, b) <= target, until: () => Infinity, highsGap: () => target };
  let within: number | null = null;
  return {
    met: (o, b, penalty = 0) => {
      const g = searchGap(o, b, penalty);
      if (g <= SEARCH_GAP) return true;
      if (g > OPTIMAL_GAP) return false;
      const t = now();
      within ??= t;
      return t - within >= TIGHTEN_FACTOR * (within - t0);
    },
    until: () => (within == null ? Infinity : within + TIGHTEN_FACTOR * (within - t0)),
    highsGap: (o, penalty) => (penalty > 0 && Number.isFinite(o) ? SEARCH_GAP * searchScale(o, penalty) / Math.max(1, Math.abs(o)) : SEARCH_GAP),
  };
}

/** Waits `ms` unless the cancel flag is (or gets) raised. */
function pause(ms: number, cancelFlag?: Int32Array): void {
  const flag = cancelFlag ?? new Int32Array(new SharedArrayBuffer(4));
  const until = now() + ms;
  // the host raises the flag without notifying: looked at every 50 ms
  for (let left = ms; left > 0 && Atomics.wait(flag, 0, 0, Math.min(50, left)) === 'timed-out'; left = until - now());
}

type Run = { outcome: 'solution' | 'infeasible' | 'none'; col: Float64Array | null; bound: number | null };

/**
 * HiGHS on the whole model until `deadline0`, less the time it may run past an interrupt
 * (highsOverrunMs at `lpMsPerCol`): the time_limit it is given is at most the time left.
 * A bound its presolve claims, or an "infeasible" for a model it was given a plan of, is not taken
 * (guarded.ts runMip): the run's earlier bound stands, and the model runs again (presolve without
 * its enumeration reduction, then none) with the time left, from the best plan seen.
 */
export function runHighs(highs: Highs, m: ModelV2, opts: SolveV2Options, deadline0: number, onBound?: (b: number) => void, onInc?: (o: number, col: Float64Array | null) => void, lpMsPerCol: number | null = null, done: ((objective: number, bound: number) => boolean) | null = null, maxEarlyMs = Infinity): Run {
  const deadline = deadline0 - highsOverrunMs(m.numCols, lpMsPerCol);
  if (m.numCols === 0) return { outcome: m.rows.some((r) => r.lb > 0) ? 'infeasible' : 'solution', col: new Float64Array(0), bound: 0 };
  // HiGHS looks at its callbacks between stretches of work it cannot break off (presolve, a root
  // cut round, a heuristic's sub-MIP): it is stopped once the longest stretch seen so far would
  // end past the deadline, but never more than `maxEarlyMs` before it. Budget-one-year-24 (3,972
  // columns, every valid cut, warm from the greedy start) at 2 s: a 0.75-s stretch from 1.6 s
  // ended the solve at 2.6–2.7 s, where stretches of up to 0.48 s had come before (load ~2); at
  // 10 s, tight-small-nocloud 1,000 (3.5k columns) saw stretches of ~1.3 s and, uncapped, stopped at 8.7 s
  let last = now(), longest = 0;
  const tick = () => { const t = now(); longest = Math.max(longest, t - last); };
  const stop = () => stopNow(deadline - Math.min(longest, maxEarlyMs), opts.cancelFlag);
  const run = runMip(highs, toModelData(m, highs.infinity), {
    options: {
      output_flag: false,
      mip_rel_gap: opts.relGap ?? (done ? SEARCH_GAP : OPTIMAL_GAP),
      mip_abs_gap: 1e-6,
      ...(opts.seed != null ? { random_seed: opts.seed % 2147483647 } : {}),
    },
    presolve: 'choose',
    start: opts.warm ? columnsOfV2(m, opts.warm) : null,
    timeLimitS: () => { last = now(); longest = 0; return (deadline - now()) / 1000; },
    halt: () => { tick(); const h = stop(); last = now(); return h; },
    again: () => timeForHighs(deadline - now(), m.numCols, lpMsPerCol) && !stopNow(deadline, opts.cancelFlag),
    onSolution: (o, col) => { tick(); onInc?.(o, col); last = now(); },
    ...(onBound ? { onBound } : {}),
    done,
  });
  if (run.infeasible) return { outcome: 'infeasible', col: null, bound: null };
  return { outcome: run.col ? 'solution' : 'none', col: run.col, bound: run.bound };
}

function empty(status: PlanResult['status'], ms: number, m: ModelV2 | null, reasons: string[], stats?: Record<string, number>): PlanResult {
  return {
    ...(stats ? { stats } : {}),
    status, objective_usd: null, bound_usd: null, gap: null, solve_ms: ms,
    periods: m ? m.periods.map((p) => ({ ...p })) : [],
    assignments: [], purchases: [], pools: [], cloud: [], edge: [], unserved: [], sites: [],
    totals: { capex_usd: 0, horizon_cost_usd: 0 }, reasons, binding: [],
  };
}

/**
 * Workloads that no candidate serves in some period, in words: "nothing can serve X in
 * Nov 2026 – Oct 2027: only Y, available from 2027-06" (of the workloads `only` when given).
 * Consecutive periods with the same words read as one range of months (monthly purchases: one line
 * for the 13 months before Y arrives, not 13 lines).
 */
export function periodGaps(m: ModelV2, only: readonly number[] | null = null): string[] {
  return (only ?? m.sized.map((_, wi) => wi)).flatMap((wi) => gapRuns(m, wi).map((r) => r.words));
}

/** The periods no candidate serves workload wi in, as runs of consecutive periods with one sentence each. */
function gapRuns(m: ModelV2, wi: number): { ks: number[]; words: string }[] {
  const name = namer(m.input);
  const start = m.input.settings.start_month;
  const lastPurchase = formatPlanMonth(start, m.periods[m.periods.length - 1]!.start_month);
  const wc = m.sized[wi]!;
  const w = wc.workload;
  // arriving: the options that come later, in words; null for a workload nothing in the catalog serves
  const runs: { ks: number[]; words: string; arriving: string | null }[] = [];
  m.periods.forEach((_, k) => {
    if (m.byWk[wi]![k]!.length > 0) return;
    // options by catalog name; one arriving after the last period start cannot be bought at all
    const later = new Map<string, string>();
    // and from when the plan can use it, where that is a later period's start than the month it
    // comes (an option usable only from the next period: "why not from its month?")
    const usable = (from: number, month: string) => { const at = formatPlanMonth(start, m.periods[from]!.start_month); return at === formatMonth(month) ? '' : `, usable from ${at}, when the next period starts`; };
    for (const c of wc.candidates) if (c.from > k && c.option.available_from) later.set(c.option.id, `${name(c.option.id)}, available from ${c.option.available_from}${usable(c.from, c.option.available_from)}`);
    for (const l of wc.late) if (!later.has(l.option)) later.set(l.option, `${name(l.option)}, available from ${l.available_from}, after the plan's last purchase (${lastPurchase})`);
    if (wc.candidates.length === 0 && later.size === 0) {
      if (k === 0) runs.push({ ks: [k], words: noCandidateReason({ workload: w, rejected: wc.rejected }, m.input), arriving: null });
      return;
    }
    const arriving = [...later.values()].join('; ');
    const last = runs[runs.length - 1];
    if (last && last.arriving === arriving && last.ks[last.ks.length - 1] === k - 1) last.ks.push(k);
    else runs.push({ ks: [k], words: '', arriving });
  });
  return runs.map((r) => ({
    ks: r.ks,
    words: r.arriving == null ? r.words : `nothing can serve ${w.name} in ${periodsLabel(start, m.periods, r.ks)}${r.arriving ? `: only ${r.arriving}` : ''}`,
  }));
}

/**
 * The periods in which every candidate of workload wi is a system whose one replica is more than its
 * site holds by racks or IT power alone (replicasSiteHolds 0): no plan serves it there, whatever else
 * the plan does. Runs of consecutive periods, one sentence each, naming each such system (its units,
 * the racks and power one replica takes, what the site has). A 1,005-workload document whose
 * 405B workloads could run only on 20-unit Cerebras replicas at a 4-rack hall took the whole limit to
 * prove infeasible (3-10 s, then explained as "site power and site racks make the scenario
 * infeasible", no workload named).
 */
function oversizeRuns(m: ModelV2, wi: number): { ks: number[]; words: string; when: string; why: string }[] {
  const name = namer(m.input);
  const holdsNone = (xi: number) => {
    const x = m.xs[xi]!;
    if (x.pool == null || !(x.a > 0)) return false;
    const P = m.pools[x.pool]!;
    return replicasSiteHolds(P.site, P.option, m.groups[P.group]!.fit, P.R) === 0;
  };
  const runs: { ks: number[]; pools: number[] }[] = [];
  m.periods.forEach((_, k) => {
    const xs = m.byWk[wi]![k]!;
    if (xs.length === 0 || !xs.every(holdsNone)) return;
    const pools = [...new Set(xs.map((xi) => m.xs[xi]!.pool!))].sort((a, b) => a - b);
    const last = runs[runs.length - 1];
    if (last && last.ks[last.ks.length - 1] === k - 1 && last.pools.join() === pools.join()) last.ks.push(k);
    else runs.push({ ks: [k], pools });
  });
  const MAX_NAMED = 3;
  return runs.map((r) => {
    const said = r.pools.slice(0, MAX_NAMED).map((pi) => {
      const P = m.pools[pi]!;
      const racks = racksFor(m.groups[P.group]!.fit, P.R);
      const kw = P.R * P.option.max_power_kw;
      return `${name(P.option.id)} for ${P.model} at ${P.site.name}: one replica is ${formatCount(P.R, 'unit')}, ${formatCount(racks, 'rack')} and ${formatDecimal(kw, 1)} kW; the site has ${formatCount(P.site.racks, 'rack')} and ${formatDecimal(P.site.it_power_kw, 1)} kW`;
    });
    const more = r.pools.length - said.length;
    const when = `in ${periodsLabel(m.input.settings.start_month, m.periods, r.ks)}`;
    const why = `one replica of each system that could is more than its site holds (${said.join('; ')}${more > 0 ? `; and ${formatCount(more, 'more system like them', 'more systems like them')}` : ''})`;
    return { ks: r.ks, when, why, words: oversizeWords([m.sized[wi]!.workload.name], when, why) };
  });
}

const oversizeWords = (names: readonly string[], when: string, why: string) => `nothing can serve ${formatList(names)} ${when}: ${why}`;

/**
 * Every workload-period oversizeRuns finds: one sentence for the workloads held back by the same
 * systems in the same periods (17 workloads of bench/ui-during-solve's document read one sentence
 * each, the same but for the name, where two say it).
 */
export function oversizeReasons(m: ModelV2): string[] {
  const byCause = new Map<string, { names: string[]; when: string; why: string }>();
  m.sized.forEach((wc, wi) => {
    for (const r of oversizeRuns(m, wi)) {
      const key = `${r.when}\u0000${r.why}`;
      const g = byCause.get(key);
      if (g) g.names.push(wc.workload.name);
      else byCause.set(key, { names: [wc.workload.name], when: r.when, why: r.why });
    }
  });
  return [...byCause.values()].map((g) => oversizeWords(g.names, g.when, g.why));
}

/**
 * Why a plan leaves (workload wi, period k) unserved, for `unserved[].reason`: no candidate at all,
 * none in that period, or else the penalty is the cheaper way within the limits (the binding check,
 * binding.ts, names the limit when lifting one would serve it: "within the limits" keeps this true
 * when a site or budget holds the workload back). Only a plan proven optimal can say the penalty is
 * cheaper: of a plan stopped by the time limit it says just that (a monthly 1,000-workload plan at
 * 3 s left 423 workload-months unserved that the 10-s plan, $225 M cheaper, serves).
 */
export function unservedReasonOf(m: ModelV2): (wi: number, k: number, proven: boolean) => string {
  return (wi, k, proven) => {
    if (m.sized[wi]!.candidates.length === 0) return noCandidateWhy({ workload: m.sized[wi]!.workload, rejected: m.sized[wi]!.rejected }, m.input);
    if (m.byWk[wi]![k]!.length === 0) return gapRuns(m, wi).find((r) => r.ks.includes(k))?.words ?? 'no candidate in this period';
    return oversizeRuns(m, wi).find((r) => r.ks.includes(k))?.words ?? penaltyReason(proven);
  };
}

/** Seconds at most that othersBlocked's solves take each (a quarter of the time left, when less). */
const OTHERS_MAX_S = 10;

/**
 * Where some workloads have no candidate in a period: what else stands in the way, so that the user
 * does not fix those to learn of the next limit. Whether the other workloads have a plan at all is
 * answered by the first plan found (the solve stops there); only when they have none is the solve
 * run again to explain why, and its reasons follow.
 */
function othersBlocked(highs: Highs, m: ModelV2, opts: SolveV2Options, deadline: number): string[] {
  const gapped = new Set(m.sized.flatMap((wc, wi) => (m.byWk[wi]!.some((xs) => xs.length === 0) || oversizeRuns(m, wi).length > 0 ? [wc.workload.name] : [])));
  const rest = m.input.workloads.filter((w) => !gapped.has(w.name));
  const limitS = () => Math.max(0.5, Math.min((deadline - now()) / 4000, OTHERS_MAX_S));
  if (rest.length === 0 || deadline - now() < 500) return [];
  const input = { ...m.input, workloads: rest };
  const user = opts.cancelFlag;
  const first = new Int32Array(new SharedArrayBuffer(4));
  const stop = () => Atomics.store(first, 0, 1);
  const probe = solvePlanV2(highs, input, { timeLimitS: limitS(), explain: false, cancelFlag: first, onIncumbent: stop, onProgress: () => { if (cancelled(user)) stop(); } });
  if (probe.status !== 'infeasible' || stopNow(deadline, user)) return [];
  const r = solvePlanV2(highs, input, { timeLimitS: limitS(), ...(user ? { cancelFlag: user } : {}) });
  if (r.status !== 'infeasible') return [];
  const n = rest.length;
  return [`without ${gapped.size === 1 ? 'that workload' : 'those workloads'}, ${n === 1 ? `the other workload (${rest[0]!.name}) cannot be served either` : `the other ${n} workloads cannot all be served either`}: ${reasonsInOneLine(r.reasons ?? [])}`];
}

export function solvePlanV2(highs: Highs, input: PlanInput, opts: SolveV2Options = {}): PlanResult {
  const t0 = now();
  const limit = opts.timeLimitS ?? input.settings.time_limit_s;
  let deadline = t0 + limit * 1000;
  const ms = () => now() - t0;
  const stopped = () => stopNow(deadline, opts.cancelFlag);
  // (not where the full member takes the LP first: it makes no packed start then, and the primal one does)
  const lpFirstOrder = lpFirstApplies(input, limit);
  if (opts.strategy === 'primal' && opts.contended && input.settings.unserved_penalty_usd_per_month != null && !lpFirstOrder) pause(Math.min(PRIMAL_WAIT_MS, limit * 1000 * START_SHARE), opts.cancelFlag);
  // the valid cuts are kept apart: all of them join a small model, only violated ones a large one.
  // A cancel or the deadline during the build of a large model ends the solve with no plan.
  const built = opts.model ?? tryBuildModelV2(input, { cuts: false }, stopped);
  if (!built) return empty('no_plan', ms(), null, ['the solver was stopped while it built the model, before it found any plan'], { build_ms: ms(), build_stopped: 1 });
  const m = built;
  // (the plan's extraction at the end looks at no clock: its time is kept out of the stages')
  deadline -= extractMs(m);
  const stats: Record<string, number> = { build_ms: ms(), cols: m.numCols, base_rows: m.rows.length };
  const unservedReason = unservedReasonOf(m);
  if (input.settings.unserved_penalty_usd_per_month == null) {
    const gaps = [...periodGaps(m), ...oversizeReasons(m)];
    if (gaps.length > 0) {
      const reasons = opts.explain === false ? gaps : [...gaps, ...othersBlocked(highs, m, opts, deadline)];
      return empty('infeasible', ms(), m, reasons);
    }
  }
  const pipeline = opts.pipeline ?? 'auto';
  const staged = pipeline === 'staged' || (pipeline === 'auto' && stagedApplies(m));

  // (bestPen: the incumbent's unserved penalties, which the stop rule measures its gap without: gapRule)
  let best: SolutionV2 | null = null, bestObj = Infinity, bestPen = 0;
  let bound: number | null = null;
  const gapMet = gapRule(t0, opts.relGap);
  // a stage's deadline, no later than the end of the search toward SEARCH_GAP (gapRule)
  const capped = (d: number) => Math.min(d, gapMet.until());
  // (each report looks at the gap too: the search toward SEARCH_GAP starts its clock when a plan or
  // bound first brings it within OPTIMAL_GAP, also in the middle of a stage)
  const report = () => {
    void closed();
    opts.onProgress?.({ elapsedMs: ms(), incumbentUsd: Number.isFinite(bestObj) ? bestObj : null, boundUsd: bound });
  };
  // `checked`: s was checked against every row where it was made (greedyStart's plans: checked once,
  // not twice; meetsModel takes 10–38 ms at hard 1,000 × 3, load ~3, and the packed start tells ~8 plans);
  // `objective`: its objective, when the maker knows it (greedyStart's: its plan state's, within
  // 1e-13 of objectiveOfV2, which takes 5–20 ms there)
  const cheaper = (o: number) => o < bestObj - 1e-9 * Math.max(1, Math.abs(o));
  const offer = (s: SolutionV2 | null, from: string, checked = false, objective?: number): boolean => {
    if (!s || s === best || !(checked || meetsModel(m, s))) return false;
    const o = objective ?? objectiveOfV2(m, columnsOfV2(m, s));
    if (!cheaper(o)) return false;
    best = s; bestObj = o; bestPen = penaltyOfV2(m, s);
    stats[`${from}_usd`] = o;
    stats[`${from}_ms`] = ms();
    opts.onPlan?.({ from, objective: o, elapsedMs: stats[`${from}_ms`]! });
    report();
    // the packed start's plans stay with this member (not shared): the other members' searches would
    // adopt them, and searched from they lead nowhere (search.ts: CONTINUE_FROM); the portfolio's
    // merge still sees them, and the app shows them as the interim plan
    if (from !== 'adopted') opts.onIncumbent?.(s, o, m, from !== 'packed');
    return true;
  };
  const adopt = () => { const s = opts.pollIncumbent?.(); if (s) offer(s, 'adopted'); };
  const bounding = opts.strategy !== 'primal';
  const raise = (b: number | null) => { if (b != null && Number.isFinite(b) && (bound == null || b > bound)) bound = b; };
  const closed = () => bound != null && Number.isFinite(bestObj) && gapMet.met(bestObj, bound, bestPen);

  // 1. a plan at once: the caller's, else the standalone start (no site capacity used)
  offer(opts.warm ?? null, 'warm');
  const standalone = standaloneStart(m);
  offer(standalone, 'standalone');
  // with a penalty, leaving everything unserved meets every row: a plan in hand, however dear
  if (!best && input.settings.unserved_penalty_usd_per_month != null) {
    offer(normalise(m, { chosen: m.byWk.map((byK) => byK.map(() => null)), q: m.pools.map(() => m.periods.map(() => 0)), e: m.edges.map(() => m.periods.map(() => 0)) }), 'unserved');
  }
  let infeasible = false;
  // the LP's time per column (set by the LP stage: HiGHS' uninterruptible parts are estimated from
  // it), and whether the decomposition solves the problem by parts (no coupling row priced by the
  // LP and a bound from every sub): then the whole MILP is the same problem at once, slower, and
  // its time goes to the improvement search instead
  let lpMsPerCol: number | null = null;
  // ...and the whole MILP's uninterruptible start (presolve and root LP from scratch) at MIP_START_LPS first LPs
  let wholeMsPerCol: number | null = null;
  let separable = false;
  // the decomposition run on from where it stopped (its open subs, warm from the incumbent's parts)
  let resume: ((until: number) => ReturnType<typeof decomposeV2>) | null = null;
  // the sub plans one component at a time over the incumbent, while each keeps every row
  const merge = (parts: ReturnType<typeof decomposeV2>['parts']) => {
    for (const part of parts) {
      if (stopped() || !best) break;
      offer(withPart(m, best, part), 'merge');
    }
  };
  // a sub plan of the decomposition merged over the incumbent as soon as HiGHS finds it, not when the
  // decomposition ends (roomy 1,000 × 3 at 60 s, 1 worker, load ~4: its $150.72 M at 13.9 s, where the
  // merge at the end had it at 35 s; the sub's time and plans are the same)
  // (priced first: HiGHS tells the warm start's own part back, and parts that break a coupling row
  // cost less than the incumbent only rarely; only a cheaper one is checked against every row)
  const onPart = (part: ReturnType<typeof decomposeV2>['parts'][number]) => {
    if (!best || stopped()) return;
    const s = withPart(m, best, part);
    const o = objectiveOfV2(m, columnsOfV2(m, s));
    if (cheaper(o)) offer(s, 'sub_part', false, o);
  };
  const so = { deadline, ...(opts.cancelFlag ? { cancelFlag: opts.cancelFlag } : {}) };
  // the improvement search from `from` until `until`, its plans and bounds offered as they come
  // (`restart`: it may restart from an unfinished divisible-cost start)
  // (the LP rounding's plan once polished to the end: the search after it does not polish it again,
  // SearchOptions' `polished`. Hard 1,000 × 1: the second polish of the rounding took 0.5 s of the
  // short search after it and found nothing, and its support sub-MILP had 0.37–0.39 s left)
  let polishedPlan: SolutionV2 | null = null;
  const search = (from: SolutionV2, until: number, restart: boolean, polished = false) => improve(highs, m, from, {
    ...so, deadline: until, ...(restart ? {} : { restart: false }), ...(polished ? { polished: true } : {}), onImproved: (s) => { offer(s, 'improve'); }, onBound: (b) => { raise(b); report(); },
    ...(opts.seed != null ? { seed: opts.seed } : {}), ...(opts.pollIncumbent ? { pollIncumbent: opts.pollIncumbent } : {}),
    ...(opts.onRound ? { onRound: opts.onRound } : {}),
  });
  const searchWithin = (from: SolutionV2, until: number) => { if (until - now() > SEARCH_MIN_MS) search(from, until, false, from === polishedPlan); };
  // greedy starts that respect the coupling limits (budgets, site power and racks)
  // (a primal portfolio member leaves the fine start to the full one: hard 1,000 × 3, its seconds
  // go to the polish that finds the cheap plan)
  const primal = opts.strategy === 'primal';
  // (with several periods the fine start comes after the LP's early rounding: EARLY_ROUND)
  const fineLater = staged && bounding && m.periods.length > 1 && m.numCols <= FINE_LATER_MAX_COLS;
  // (`cheap`: the coarse start only, as a primal member makes it: after the LP's rounding, FIRST_SEARCH_SHARE)
  // (a primal member makes the packed start where the full one takes the LP first: lpFirstApplies)
  // (with no plan in hand, a start's repair may take the whole time, the extraction's too: a plan
  // late rather than none. StartOptions.firstUntil)
  const packedOnly = packedOnlyApplies(m);
  const starts = (cheap = false) => { if (!stopped()) offer(greedyStart(m, { ...so, deadline: Math.min(deadline, now() + limit * 1000 * START_SHARE), extendUntil: deadline, packedOnly, ...(best ? {} : { firstUntil: deadline + extractMs(m) }), onPlan: (s, packed, objective) => { offer(s, packed ? 'packed' : 'greedy', true, objective); }, ...(primal && lpFirstOrder ? { fine: 'later' as const } : primal || cheap ? { fine: false } : fineLater ? { fine: 'later' as const } : {}) }), 'greedy', true); };
  // (a single purchase with a penalty: the starts after the LP and its rounding, FIRST_SEARCH_SHARE)
  const penalty = input.settings.unserved_penalty_usd_per_month != null;
  // (not below STARTS_LATER_MIN_S: the LP's share of a short limit gives fewer cut rounds and a dearer
  // rounding than the packed start, and nothing follows it)
  const lpFirst = staged && bounding && lpFirstOrder;
  // several periods without a penalty (no packed start): the starts after the LP's early rounding
  // (EARLY_ROUND), or once the LP's bound comes past EARLY_POINT_SHARE of the limit without it, or
  // after the LP. Roomy 1,000 × 3 at 60 s (1 worker, load 5–5.7, two A/B pairs): its relocated
  // $150.86 M at 2.00 / 2.20 s against 2.49 / 2.43 s (the starts' 0.45 s before the LP: the
  // site-free start's $158.73 M, which was the plan at 1 s and is now the standalone's $276.4 M);
  // at 2 s $152.22 M twice against $152.51 / 153.14 M; roomy 200 × 3 at 10 s $97.16 / 97.12 M against
  // $97.21 / 97.12 M; bench/optimizer.ts 1,000 × 3 periods at 30 s $320.305 M, 0.515 % either way.
  // Not below STARTS_LATER_MIN_S: the starts then ran inside the LP's time and its second round no longer fit
  // Only with a plan in hand (the standalone start breaks no row): a stop before the LP's rounding
  // returned no plan where the starts had one at 0.3 s (roomy 400 × 3, half the site power)
  const startsLater = staged && bounding && fineLater && !penalty && limit >= STARTS_LATER_MIN_S && best != null;
  let started = false;
  const siteFreeFirst = () => {
    // (the rows' index of the plan states is built first, outside the polish's time: the LP's
    // rounding builds it otherwise, ~0.19 s at roomy 1,000 × 3 in a warmed worker)
    couplingIndex(m);
    const E = new PlanState(m, standalone.chosen);
    polish(E, Math.min(deadline, now() + SITE_FREE_FIRST_MS), opts.cancelFlag);
    if (!E.anyViolated()) offer(E.solution(), 'sitefree', false, E.obj);
  };
  const startsOnce = () => { if (!started) { started = true; starts(); if (startsLater) stats.starts_ms = ms(); } };
  if (!lpFirst && !startsLater) startsOnce();
  // where the starts wait for the LP and the standalone plan is the one in hand (it breaks no row),
  // that plan polished (the site-free start without its repair, which has nothing to do) goes first,
  // for SITE_FREE_FIRST_MS: the LP's early rounding comes only after its second cut round, and until
  // then the plan shown was the standalone one
  if (startsLater && best === standalone && !stopped()) siteFreeFirst();
  const fine = (until = now() + limit * 1000 * START_SHARE) => { if (fineLater && !stopped()) { const r = fineStart(m, { ...so, deadline: Math.min(deadline, until) }); if (r) offer(r.s, 'fine', true, r.obj); } };

  adopt();
  // the LP's rounding and the decomposition end by `early` (the rounding may run past it: ROUND_MIN_SHARE):
  // the improvement search keeps the rest
  const early = deadline - limit * 1000 * IMPROVE_MIN_SHARE;
  if (staged && bounding && !stopped()) {
    // 2. the LP relaxation with cuts separated from its point (a large model has ten times more
    // cuts than rows; only the violated ones are ever made): a bound, and the duals that price the coupling rows
    const pool = cutPoolV2(m);
    stats.cut_pool = pool.size;
    // an LP point rounded, and polished when `polished` (polishPlan: its relocations pay there;
    // `cloudsFirst`: its cloud emptyings before them too)
    const rounded = (col: Float64Array, rowDual: Float64Array, until: number, from: string, polished: boolean, cloudsFirst = false): boolean => {
      const r = roundLp(m, col, rowDual, { ...so, deadline: until });
      // (checked: roundLp returns only a plan meetsModel accepts; 10–38 ms a check at 1,000 × 3)
      const taken = offer(r, from, true);
      if (r && polished && !stopped() && (taken || worthPolishing(objectiveOfV2(m, columnsOfV2(m, r)), bestObj))) {
        const p = polishPlan(m, r, until, opts.cancelFlag, (s) => { offer(s, from); }, cloudsFirst);
        // a polish that ran to its end: the plan it leaves need not be polished again (polishedPlan)
        if (now() < until && !stopped()) polishedPlan = p ?? r;
      }
      return r != null;
    };
    // the point after EARLY_ROUND cut rounds rounded at once when it comes within EARLY_POINT_SHARE of
    // the limit (`earlyCol`: the point it rounded into a plan, which the LP's last point then need not be
    // rounded again; a rounding that gave none leaves the last point its own)
    let earlyTried = false;
    let earlyCol: Float64Array | null = null;
    let firstPoint: { col: Float64Array; rowDual: Float64Array } | null = null;
    const earlyPoint = (p: { col: Float64Array; rowDual: Float64Array; rounds: number }) => {
      if (p.rounds === 1) firstPoint = p;
      if (earlyTried || p.rounds < EARLY_ROUND || ms() > limit * 1000 * EARLY_POINT_SHARE || stopped()) return;
      earlyTried = true;
      // (the cloud emptyings before the relocations: the interactive answer, polishPlan cloudsFirst)
      if (rounded(p.col, p.rowDual, Math.min(deadline, now() + limit * 1000 * ROUND_MIN_SHARE), 'lp_early', true, true)) earlyCol = p.col;
      if (startsLater) startsOnce();
      fine();
      stats.lp_early_ms = ms();
    };
    const lpStart = now();
    stats.lp_start_ms = ms();
    const lp = lpWithCutsV2(highs, m, pool, {
      ...(capacityCutsInLp(m) ? {} : { capacityPerRound: 0 }),
      // a single purchase's rounds go on while its cloud instances' mixing cuts raise the bound
      ...(m.periods.length === 1 ? { stallRel: STALL_REL_SINGLE } : {}),
      // (the escapes' cuts in the first round only without a penalty, at short limits: escapesApply)
      ...(escapesApply(m, limit) ? {} : { escapes: false }),
      deadline: Math.min(deadline, now() + limit * 1000 * LP_SHARE), extendUntil: Math.min(Math.max(early, now() + limit * 1000 * LP_SHARE), deadline, now() + limit * 1000 * LP_EXTEND_SHARE),
      ...(opts.cancelFlag ? { cancelFlag: opts.cancelFlag } : {}),
      ...(opts.onDeaf ? { onDeaf: opts.onDeaf } : {}),
      // each cut round's bound shown as it comes (hard 1,000 × 3 at 60 s: the rounds run to ~30 s)
      onBound: (b) => { raise(b); report(); if (startsLater && ms() > limit * 1000 * EARLY_POINT_SHARE) startsOnce(); },
      ...(m.periods.length > 1 ? { onPoint: earlyPoint } : {}),
    });
    const lpDone = now();
    stats.lp_ms = ms();
    stats.lp_rounds = lp.rounds;
    stats.lp_cuts = lp.cuts;
    stats.lp_sub_cuts = (m.periods.length === 1 ? lp.subRows : m.rows.length) - stats.base_rows!;
    if (lp.bound != null) stats.lp_bound_usd = lp.bound;
    // the bound of a first LP cut short (weak duality with its duals so far): no LP optimum
    if (lp.bound != null && lp.col == null) stats.lp_stopped = 1;
    raise(lp.bound);
    infeasible = lp.infeasible;
    report();
    let lpRounded = false;
    if (lp.col && lp.rowDual && lp.bound != null) {
      shareRelaxation(m, { col: lp.col, rowDual: lp.rowDual, objective: lp.bound });
      const roundUntil = Math.min(deadline, Math.max(early, now() + limit * 1000 * ROUND_MIN_SHARE));
      const before = bestObj;
      for (const p of lpPointsToRound({ col: lp.col, rowDual: lp.rowDual }, firstPoint, earlyCol)) {
        if (stopped() || bestObj < before || (p.col !== lp.col && now() >= roundUntil)) break;
        lpRounded = rounded(p.col, p.rowDual, roundUntil, 'lp_round', lpFirst) || lpRounded;
      }
    }
    if (startsLater) startsOnce();
    // (the LP first: its rounding polished, a short search (its support sub-MILP: SUPPORT_FIRST_SHARE), the coarse start, the search's first share, FIRST_SEARCH_SHARE)
    if (lpFirst && !closed()) {
      // (each only with time left in its window and, the short one, a rounded plan to start from: a search's
      // setup has no clock check; tight 5,000 × 1 at 10 s, whose LP ran past `early` and gave no rounding,
      // spent 1.0–1.3 s in a search begun past its deadline and left the coarse start 0.08 s)
      if (best && lpRounded && !stopped()) { searchWithin(best, capped(Math.min(early, now() + limit * 1000 * SUPPORT_FIRST_SHARE))); stats.support_first_ms = ms(); }
      starts(true);
      stats.starts_ms = ms();
      if (best && !stopped() && !closed()) { searchWithin(best, capped(Math.min(early, now() + limit * 1000 * FIRST_SEARCH_SHARE))); stats.first_search_ms = ms(); }
    }
    // the fine start when the early point did not make it (also when the LP gave no point in its
    // time), within the rounding's window, so that the decomposition keeps its share
    if (!infeasible) fine(Math.min(now() + limit * 1000 * START_SHARE, Math.max(early, now() + limit * 1000 * ROUND_MIN_SHARE)));
    // 3. the decomposition by components of models: a bound that sees whole replicas, and a plan
    // the LP stage's time per solve (the first, from scratch, is the longest: a low estimate of a sub's LP)
    lpMsPerCol = (lpDone - lpStart) / (1 + lp.rounds) / Math.max(1, m.numCols);
    if (lp.firstMs != null) {
      stats.lp_first_ms = lp.firstMs;
      wholeMsPerCol = Math.max(lpMsPerCol, MIP_START_LPS * lp.firstMs / Math.max(1, m.numCols));
    }
    // no decomposition where the LP prices no coupling row but the plan sits at one's limit: its subs,
    // blind to that limit, make plans that break it together, so its time goes to the search.
    // bench/independent.ts tight-small-3p, 5,000 workloads at 30 s (capex at its limit; load 1.5–2):
    // $2,042.3 / 2,078.4 M with it (its ~7 s gave neither plan nor bound), $2,019.3 / 2,051.6 M without.
    // None of bench/optimizer.ts's targets, the hard, roomy and tight 1,000-workload scenarios is affected
    const nonePriced = lp.rowDual != null && couplingPrices(m, lp.rowDual).priced === 0;
    const blind = nonePriced && best != null && atCouplingLimit(m, columnsOfV2(m, best));
    if (blind) stats.decompose_blind = 1;
    if (!infeasible && !stopped() && !closed() && !blind) {
      const comps = componentsV2(m);
      stats.components = comps.length;
      separable = comps.length > 1 && nonePriced;
      const decOpts = {
        rowDual: lp.rowDual, comps, lpMsPerCol,
        // single purchase: the subs without the late rounds' cuts (relax.ts: SUB_CUT_ROUNDS). With several
        // periods those cuts are few and help the subs (roomy 1,000 × 3, 9 rounds, decomposition alone for
        // 13 s: bound 147.87 M with them, 147.38–147.71 M without)
        // (and each small sub's own LP cut rounds first: decompose.ts SUB_LP_SHARE)
        ...(m.periods.length === 1 ? { rows: lp.subRows, subLp: true } : {}),
        ...(opts.cancelFlag ? { cancelFlag: opts.cancelFlag } : {}),
      };
      const before = bestObj;
      const dec = decomposeV2(highs, m, { ...decOpts, deadline: Math.min(early, now() + (deadline - now()) * DECOMPOSE_SHARE), warm: best, onPart });
      // (from RESUME_MIN_S, and only where every sub ran: where the LP left them no time, the search's
      // half went to subs that ended with nothing, roomy-12p-20 at 2 s $2.54–2.92 M against $2.26–2.31 M,
      // measured before RESUME_MIN_S, which now keeps every limit below 10 s from resuming)
      if (limit >= RESUME_MIN_S && dec.log.every((l) => l.runs > 0)) resume = (until) => decomposeV2(highs, m, { ...decOpts, deadline: until, warm: best, prior: dec, onPart });
      stats.decompose_ms = ms();
      stats.decompose_subs = dec.subs;
      stats.decompose_priced_rows = dec.priced;
      if (dec.bound != null) stats.decompose_bound_usd = dec.bound;
      dec.log.forEach((l, i) => { stats[`sub${i}_cols`] = l.cols; stats[`sub${i}_status`] = l.status; stats[`sub${i}_gap_pct`] = 100 * relGap(l.objective, l.bound); stats[`sub${i}_ms`] = l.ms; stats[`sub${i}_usd`] = l.objective; stats[`sub${i}_bound_usd`] = l.bound; stats[`sub${i}_runs`] = l.runs; });
      raise(dec.bound);
      // with no coupling row priced but no bound from every sub, the whole MILP is still worth its time
      if (dec.bound == null) separable = false;
      // repaired (and made the search's guide) when it breaks a row or costs more than the plan the
      // decomposition started from; a plan cheaper than that one was merged part by part already
      // (onPart), and guides the search too where that made the incumbent cheaper. bench/independent.ts
      // replicas-4 at 2 s (warm process, locked runs, load 1–4.4), where the merge (sub_part
      // $70.689–70.745 M) left the search no guide: $70.567–70.616 M in 11 of 12 runs before (one
      // $70.119 M), with it $69.929–70.045 M in 8 of 10 ('guided' rounds win; $70.39 M, $70.62 M in
      // the other two); at 10 s (the repair's path) $68.548 M either way. A plan of the same cost
      // (within 1e-9: the subs gave the incumbent's parts back, rearranged) neither guides nor is
      // repaired (before, a rounding error decided): as a guide, at many-sites-2 at 2 s its guided
      // rounds crowded out the 'model' round that wins, $230,559,235 against $230,544,175 (6 runs each)
      if (!offer(dec.solution, 'decompose') && dec.solution) {
        const o = meetsModel(m, dec.solution) ? objectiveOfV2(m, columnsOfV2(m, dec.solution)) : Infinity;
        const tol = 1e-9 * Math.max(1, Math.abs(before));
        if (o > before + tol) offer(repair(m, dec.solution, lp.rowDual, so), 'repair');
        else if (bestObj < before - tol) guideSearch(m, dec.solution);
      }
      merge(dec.parts);
      report();
    }
  }
  // no plan yet (the starts stopped in their repair): they run again with the time left, which the
  // LP stage may leave unused (roomy 1,000 × 12 at 10 s, load ~1: the coarse start needs ~2.6 s of
  // its 2.5 s, and the solve ended with no plan at 6–7 s, 3 s unused; the whole MILP never fits there)
  if (staged && !best && !infeasible && !stopped()) offer(greedyStart(m, { ...so, onPlan: (s, packed) => { offer(s, packed ? 'packed' : 'greedy', true); } }), 'greedy', true);
  adopt();
  // each component's assignments re-solved within the incumbent's capacity, largest first: a single
  // purchase before the search (from REASSIGN_FIRST_MIN_S) and after it; several periods in the time
  // the search leaves (REASSIGN_PERIODS_SHARE), one period at a time
  const ra = (searchMs: number) => reassignSchedule(m.periods.length, limit, bounding, searchMs);
  const { share: raShare, byPeriod } = ra(0);
  const reassign = (stage: 'reassign_first' | 'reassign') => {
    if (!(staged && bounding && best && !infeasible && !stopped() && !closed())) return;
    reassignComponents(highs, m, () => best, (s, o) => { offer(s, stage, true, o); }, { ...so, lpMsPerCol, byPeriod, deadline: capped(Math.min(deadline, now() + limit * 1000 * raShare)) });
    stats[`${stage}_ms`] = ms();
  };
  // (before the search from REASSIGN_FIRST_MIN_S: at 2 s it would hold back the search's first plans, the interactive answer)
  if (ra(0).first) reassign('reassign_first');
  // (the time the search leaves the reassignment after it, with several periods)
  let reserved = 0;
  if (staged && best && !infeasible && !stopped() && !closed()) {
    // 4. improvement search, then the whole MILP when it is small enough to stop in time
    const mipNext = bounding && m.numCols <= FULL_MIP_MAX_COLS;
    const half = mipNext && (!separable || resume);
    reserved = half ? 0 : ra(deadline - now()).reserveMs;
    search(best, capped(half ? now() + (deadline - now()) * 0.5 : deadline - reserved), !primal);
    stats.improve_ms = ms();
  }
  adopt();
  if (ra(0).after || reserved > 0) reassign('reassign');
  // a small model the decomposition solves by parts: its open subs go on with the time left (the
  // search's other half). At 10 s (bench/periods.ts generators, 5 interleaved runs each, load 5.5–12):
  // hard-12p-50 0.067–0.074 % against 0.074–0.102 % (plan $305.003–305.030 M either way, the bound
  // up to $304.81 M); roomy-12p-50, same plan $50.165 M, 0.171–0.180 % against 0.217–0.232 % at
  // load 5.5–6.5 (0.29–0.32 % both at load 8–12: its open sub rarely closes); single purchase
  // 1,000 (18.6k columns; bench/optimizer.ts, load 2.4, 2 runs each): 0.781–0.782 % against
  // 0.776–0.782 %, the same plan $375.94 M, and one run ended 145 ms past the limit (a sub's root LP).
  // Only with a plan in hand: the subs' plans are merged over it, so without one the resume gives none
  // and its time is the whole MILP's, which finds a plan or proves there is none (an infeasible
  // 4,248-column model with site racks lifted: proven at limits below RESUME_MIN_S, no_plan above)
  if (staged && separable && resume && best && m.numCols <= FULL_MIP_MAX_COLS && !infeasible && !stopped() && !closed()) {
    const dec = resume(capped(deadline));
    raise(dec.bound);
    merge(dec.parts);
    stats.resume_ms = ms();
    report();
  }
  // a small model: a short search from the starts' plan first, whose plan the whole MILP starts from (DIRECT_SEARCH_SHARE, directSearchMs)
  if (!staged && best && !infeasible && !stopped() && !closed()) {
    searchWithin(best, capped(now() + directSearchMs(m, deadline - now())));
    stats.direct_search_ms = ms();
  }
  // the whole MILP (not when the decomposition solved the same problem by parts), only with the
  // time its uninterruptible start needs: HiGHS never gets past the deadline
  const wholeMip = !staged || best == null || (m.numCols <= FULL_MIP_MAX_COLS && !separable);
  const mipFits = timeForHighs(capped(deadline) - now(), m.numCols, wholeMsPerCol ?? lpMsPerCol);
  if (!infeasible && !stopped() && !closed() && wholeMip && mipFits) {
    // the whole model, with every cut when it is small but not tiny (HiGHS' root then starts from a tight LP: wholeMipCuts)
    if (!staged && wholeMipCuts(m)) for (const r of validCutsV2(m)) m.rows.push(r);
    stats.mip_rows = m.rows.length;
    // stops at the solve's own rule, on the better of HiGHS' figures and the solve's (its bound may be the LP's or the decomposition's);
    // the penalties are the incumbent's: each plan HiGHS finds is offered (onInc) before its callback
    // asks, so a HiGHS objective below bestObj is one whose columns it did not give or that broke a row
    const done = (inc: number, bnd: number) => gapMet.met(Math.min(inc, bestObj), Math.max(bnd, bound ?? -Infinity), bestPen);
    // each better plan HiGHS finds is the incumbent at once (the app shows it, a cancel keeps it, the
    // other portfolio members may adopt it), not only the one it ends with
    const onInc = (o: number, col: Float64Array | null) => { if (col && cheaper(o)) offer(solutionFromColumns(m, col), 'mip'); };
    const run = runHighs(highs, m, { ...opts, warm: best, relGap: gapMet.highsGap(bestObj, bestPen) }, capped(deadline), (b) => { raise(b); report(); }, onInc, wholeMsPerCol ?? lpMsPerCol, done, limit * 1000 * EARLY_SHARE);
    stats.mip_ms = ms();
    if (run.outcome === 'infeasible') infeasible = true;
    else {
      raise(run.bound);
      if (run.outcome === 'solution' && run.col) offer(solutionFromColumns(m, run.col), 'mip');
    }
  }
  // the search goes on with the time left: the whole MILP had no time for its start, or stopped early
  // for the stretches HiGHS cannot break off (runHighs), or the resumed decomposition closed every sub
  // of a problem whose coupling rows it does not see, with no whole MILP after it. bench/independent.ts
  // tight-small-nocloud-1, 1,000 workloads: at 10 s the solve ended at 7.7–8.3 s with a gap of
  // 0.15–0.19 %; at 2 s, $421.74 M → $419.98 M. Small models too (the direct path): HiGHS stops
  // up to EARLY_SHARE of the limit early there (stretches of 0.7–1.4 s without a callback on
  // small-20's 1.3–1.5k columns at 10 s, where it keeps its time_limit within 10 ms when not
  // stopped early, but its last second found no better plan), and the search from its plan did.
  // bench/independent.ts small-20 and small-capex, seeds 1–17 at 2 and 10 s (locked, load 5–10): at
  // 10 s small-20-10 $8,324,054 → $8,318,911 (CBC's optimum), small-20-17 $15,194,002 → $15,193,338,
  // no plan dearer; at 2 s small-20-1 $14.93 M → $14.26–14.32 M, small-20-7 $9,608,134 → $9,594,990
  // (CBC's optimum), small-20-9 $12.12 M → $10.92 M, four more a little cheaper, the small-capex plans
  // the same; small-20-8 at 2 s varies more after ($11.31–11.40 M in 3 runs of 7, $11,306,976 before)
  if (best && !infeasible && !stopped() && !closed() && ((wholeMip && !mipFits) || capped(deadline) - now() >= AFTER_MIP_MIN_MS)) {
    search(best, capped(deadline), false);
    stats.improve_last_ms = ms();
  }
  // a plan stopped before any bound still has one: no plan costs less than $0 (every cost line, the
  // residual credit net of its purchase, and every penalty is ≥ 0), so its gap is a number (DESIGN 5:
  // "gap is that fraction"), 1 there, never null beside a plan
  if (best) return extractPlanV2(m, best, { bound: bound ?? 0, solveMs: ms(), unservedReason, stats });
  if (infeasible) {
    // the relaxed copies' plans are not this solve's: none reaches its progress, the shared plans or
    // the model of this input (the app said "Best plan $86,055,767", then "Infeasible")
    const { onProgress: _p, onIncumbent: _i, pollIncumbent: _q, onRound: _r, onExplaining: _e, onPlan: _o, model: _m, ...own } = opts;
    if (opts.explain !== false) opts.onExplaining?.();
    const reasons = opts.explain === false ? [] : explainInfeasible(input, (relaxed, timeLimitS) => solvePlanV2(highs, relaxed, { ...own, timeLimitS, explain: false, warm: null }),
      { leftS: () => (deadline - now()) / 1000, firstS: Math.max(1, limit / 8), stopped: () => cancelled(opts.cancelFlag) });
    return empty('infeasible', ms(), m, reasons.length ? reasons : ['no plan meets every limit'], stats);
  }
  return empty('no_plan', ms(), m, ['the solver stopped before it found any plan; allow more time'], stats);
}
