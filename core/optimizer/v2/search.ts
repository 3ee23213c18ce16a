// The primal heuristics the v2 solve orchestrates (a starting plan, a repair, an improvement
// search) behind one seam, so solve.ts does not change when they do. Invariant: every plan
// returned meets every row of the model (meetsModel), or is null.
import type { Highs } from 'highs';
import { meetsModel, type SolutionV2 } from './extract.ts';
import type { ModelV2 } from './model.ts';
import { GUIDE_OF, improveV2, polishPlan, type ImproveOptions } from './lns.ts';
import { emptyAndRefill, objectiveOfSolution, polish, repairV2, restoreShed, type PlanState } from './repair.ts';
import { growPools, packStart } from './grow.ts';
import { fromChoice, greedyChoice, LP_OF, roundedChoice, slopeChoice } from './start.ts';
import { standaloneStart } from './standalone.ts';
import { now, stopNow } from './clock.ts';

export type SearchOptions = { deadline: number; cancelFlag?: Int32Array };
/**
 * greedyStart's: told of each cheaper start as soon as it is made, and of each step of a start's
 * polish or growths that saves TELL_SHARE (the UI shows it while the others run); `fine: false` skips the fine
 * divisible-cost start (a portfolio's primal member: the full member makes it, and its seconds go
 * to the polish and the search instead), gives the coarse one the whole time, and makes the
 * site-free one only when the coarse one gave no plan; `fine: 'later'` leaves the fine start to the
 * caller (fineStart), the other starts as they are
 */
export type StartOptions = SearchOptions & {
  /**
   * told only of plans that meet every row (meetsModel: checked here, so the caller need not check
   * again); `packed`: the plan is the packed start's or a step of its polish (solve.ts keeps it from
   * the other members: searched from, it leads nowhere)
   */
  onPlan?: (s: SolutionV2, packed: boolean, objective: number) => void; fine?: boolean | 'later';
  /** the other starts may run past `deadline` by the time the packed start took, up to this, and the pack while its rounds pay (grow.ts PACK_ON_SHARE) (default: `deadline`) */
  extendUntil?: number;
  /**
   * while no start has given a plan (the caller has none in hand), a start's repair may run on past
   * `deadline` until this: cut short it gives nothing. 5,000 workloads × 3 periods at 2 s, the coarse
   * start had 0.33 s for a repair of ~0.5 s, the site-free one the rest for ~1 s: no plan at all
   */
  firstUntil?: number;
  /**
   * where the packed start gives a plan, no other start is made, here or later (improve()'s restart,
   * fineStart): on large models with several periods they take seconds and give dearer plans
   * (solve.ts PACKED_ONLY_MIN_PAIRS)
   */
  packedOnly?: boolean;
};

const stopped = (o: SearchOptions) => stopNow(o.deadline, o.cancelFlag);

export { polishPlan };

/**
 * The packed start's pool growths may run past greedyStart's deadline by this share of the time
 * after it (StartOptions.extendUntil), the other starts by as much as the packed start and its
 * growths took. Hard 1,000 × 3 at 10 s, 1 worker: 0.1, no growth in time, $3.085 B; 0.3, $2.871 B
 * (the LP then starts later: its bound 1.09 B after 2 cut rounds, where it had 1.09–2.17 B as the load varied).
 */
export const EXTEND_SHARE = 0.3;

/**
 * The packed start's growths past greedyStart's own deadline (the extension, EXTEND_SHARE) stop once
 * the last GROW_STALL_TRIES of them saved together less than GROW_STALL_SHARE of the plan (grow.ts
 * GrowOptions.stall): the LP and its rounding get the rest. Within the deadline they run as before.
 */
export const GROW_STALL_TRIES = 4;
export const GROW_STALL_SHARE = 1e-3;

/**
 * A growth from the packed start that saves this share of the plan or more is polished at once,
 * before the next growth (the swaps pay again after a lump). Hard 1,000 × 3 (CPU s from the start,
 * load ~5): $2.818 B at 3.2 s, where the polish after every growth had it at 4.1 s; scenario seed 7:
 * $3.035 B at 4.8 s, where that polish came to $3.142 B at 8.5 s; seed 8 unchanged ($3.494 B).
 */
export const GROWTH_POLISH_SHARE = 0.01;

/**
 * A step of a start's polish or growths is told (onPlan) at once only when it saves this share of
 * the cheapest plan told so far; a smaller one goes out with the next step or at the end of the
 * stage. Each plan told is copied, checked against every row and priced by the caller (hard 1,000
 * × 3: meetsModel 5–32 ms, the objective 5–20 ms); the packed start's growths told three steps of
 * under 0.01 % before the plan within 1 % of the final ($3.0850 B to $3.0847 B twice, $2.8447 B to
 * $2.8446 B).
 */
export const TELL_SHARE = 1e-3;

/** Share of greedyStart's time the coarse divisible-cost start may take before the site-free one. */
export const COARSE_SHARE = 0.65;

/**
 * The divisible-cost choice repaired two ways: 'coarse' makes every priced move of a round at once
 * (most pairs left unserved, then refilled by the descent and swaps), 'fine' an eighth of them per
 * round. Measured on the hard scenarios of the bench (CPU seconds, bench/heuristics.ts --trace):
 * coarse $3.46 B in 2.0 s against fine $3.91 B in 2.3 s on 1,000 × 3 periods, $5.61 B in 0.5 s
 * against $5.77 B in 0.4 s on 1,000 × 1; but fine $55.8 B in 3.4 s against coarse $78.6 B in 3.1 s
 * on 5,000 × 1 (before opening pools), so both run.
 */
export type StartKind = 'coarse' | 'fine';
const BATCH_SHIFT_OF: Record<StartKind, number | undefined> = { coarse: 0, fine: undefined };

/**
 * (workload, period) pairs up to which greedyStart also makes the slope-scaled starts (slopeStarts:
 * a repair each). small-20 (80 pairs) 8–300 ms for all of them; 360 pairs (bench/independent.ts
 * custom-catalog-12, late-options-6) 0.35–0.9 s for nothing: custom-catalog-12 at 2 s $48.87–49.00 M
 * against $48.33–48.96 M without, at 10 s $48.16–48.43 M against $48.13 M (locked, load ~3).
 */
export const SLOPE_MAX_PAIRS = 200;
/** Slope-scaled choices made from the divisible one at most (each priced at the loads of the one before). */
export const SLOPE_ROUNDS = 6;

/**
 * The divisible-cost choice re-priced SLOPE_ROUNDS times at its pools' loads (slopeChoice), each new
 * choice repaired and polished as the coarse start is; every plan that meets every row goes to
 * `consider`. small-20 seeds 1–8, the coarse start repaired against the cheapest of these: seed 1
 * $18.77 M → $14.22 M (the optimum $14.16 M), seed 4 $15.11 M → $11.11 M, seed 5 $21.64 M →
 * $15.12 M, seed 8 $12.40 M → $11.41 M; small-capex unchanged (its choice is stable).
 */
function slopeStarts(m: ModelV2, o: SearchOptions, consider: (r: { s: SolutionV2; obj: number }) => void, onBetter?: (E: PlanState) => void): void {
  let chosen = greedyChoice(m);
  const seen = new Set([JSON.stringify(chosen)]);
  for (let round = 0; round < SLOPE_ROUNDS && !stopped(o); round++) {
    chosen = slopeChoice(m, chosen);
    const key = JSON.stringify(chosen);
    if (seen.has(key)) return;
    seen.add(key);
    const E = fromChoice(m, chosen.map((r) => [...r]), { ...o, batchShift: 0, open: true, ...(onBetter ? { onBetter } : {}) });
    if (!E) continue;
    const s = E.solution();
    if (meetsModel(m, s)) consider({ s, obj: E.obj });
  }
}

/** The divisible-cost starts already made for a model, or left out (StartOptions.packedOnly): improve() restarts from one not yet made. */
const TRIED = new WeakMap<ModelV2, Set<StartKind>>();
const tried = (m: ModelV2): Set<StartKind> => {
  let t = TRIED.get(m);
  if (!t) TRIED.set(m, (t = new Set()));
  return t;
};

/** The divisible-cost choice repaired (`kind`) and polished (the coarse one also opens pools for unserved pairs); null when stopped in the repair. */
function divisibleStart(m: ModelV2, kind: StartKind, o: SearchOptions & { repairUntil?: number }, onBetter?: (E: PlanState) => void): { s: SolutionV2; obj: number } | null {
  const shift = BATCH_SHIFT_OF[kind];
  const E = fromChoice(m, greedyChoice(m), { ...o, ...(shift != null ? { batchShift: shift } : {}), open: kind === 'coarse', ...(onBetter ? { onBetter } : {}) });
  if (!E) return null;
  tried(m).add(kind);
  const s = E.solution();
  return meetsModel(m, s) ? { s, obj: E.obj } : null;
}

/**
 * The cheapest of the greedy starts, each repaired to meet every row and polished (null, or a plan that meets every row). Where a penalty
 * lets pairs stay unserved, the packed start (grow.ts: built up within the rows, no repair) first,
 * its plans told with `packed` (hard 1,000 × 3: $3.09 B within ~2 s, where the coarse start had
 * $3.46 B), then pool growths on it, best gain per budget first (hard 1,000 × 3 at 30 s: $2.845 B at
 * 2.0–2.1 s, load 1–3.3, $2.87 B at 3.3–4.5 s before keepIfCheaper's quick growths; the coarse
 * start's openings had $3.03 B at 5–7 s; with the pack in batches of an eighth and the swaps
 * told as they come: $2.818 B at 1.08 s and $2.791 B at 1.2 s from the model, load 2.2), until EXTEND_SHARE of the time
 * after the deadline, one round of the polish before them, the rest after them and after each
 * growth that saves GROWTH_POLISH_SHARE; the other starts then run past the deadline by that time. Then the coarse divisible-cost one, within COARSE_SHARE of the time (the better one on the hard scenarios
 * of the bench, and where budgets and the penalty bind its polish opens pools), then the site-free
 * one (its repair takes milliseconds: a busy machine still gets a coupling-aware plan), then the
 * fine one with the time left (a repair of seconds at 1,000 workloads that yields nothing when stopped).
 */
export function greedyStart(m: ModelV2, o: StartOptions): SolutionV2 | null {
  let best: SolutionV2 | null = null, bestObj = Infinity;
  // the cheapest of the starts but the packed one (the search continues from it: improve())
  let own: SolutionV2 | null = null, ownObj = Infinity;
  const consider = (r: { s: SolutionV2; obj: number } | null, isOwn = true, packed = false) => {
    if (!r) return;
    if (isOwn && r.obj < ownObj) { own = r.s; ownObj = r.obj; }
    if (best == null || r.obj < bestObj - 1e-9 * Math.max(1, Math.abs(bestObj))) { best = r.s; bestObj = r.obj; o.onPlan?.(r.s, packed, r.obj); }
  };
  /**
   * E's plan, when it meets every row, as a start (consider); one not own is copied and checked only
   * when it is cheaper than the best start by `share` of it (TELL_SHARE for a step told on the way)
   */
  const take = (E: PlanState, isOwn: boolean, packed = false, share = 0) => {
    if (!isOwn && best != null && !(E.obj < bestObj - Math.max(share * Math.abs(bestObj), 1e-9 * Math.max(1, Math.abs(bestObj))))) return;
    const s = E.solution();
    if (meetsModel(m, s)) consider({ s, obj: E.obj }, isOwn, packed);
  };
  // a polish step that pays goes out at once (hard 1,000 × 3: the coarse start's polish takes seconds)
  const onBetter = (packed: boolean) => o.onPlan ? (E: PlanState) => take(E, false, packed, TELL_SHARE) : undefined;
  const primal = o.fine === false;
  // (the repair's time while no start has given a plan: firstUntil)
  const first = () => (best == null && o.firstUntil != null ? { repairUntil: o.firstUntil } : {});
  // where a penalty lets pairs stay unserved, the packed start first, polished without openings
  // (a primal member leaves it to the full one: its seconds go to the coarse start)
  const t0 = now();
  const extended = o.deadline + Math.max(0, ((o.extendUntil ?? o.deadline) - o.deadline) * EXTEND_SHARE);
  // (its rounds may run on to extendUntil while they pay: PACK_ON_SHARE)
  const packed = primal ? null : packStart(m, { ...o, ...(o.extendUntil != null ? { until: o.extendUntil } : {}) });
  let packedObj = Infinity;
  if (packed) {
    // a pack that ran on past the deadline leaves its first polish round and cloud emptyings the
    // growths' time (hard 1,000 × 3 at 4 s, the pack done at 1.7 s: without them $2.791 B at 2.3 s
    // against $2.764 B at 2.2 s from a pack done in time)
    const chainEnd = now() > o.deadline ? extended : o.deadline;
    // one round of swaps before the growths, the rest after them (hard 1,000 × 3: the growths from
    // one round found the same $2.845 B as from the whole polish, whose last round found nothing
    // in 0.3–0.4 CPU-s; the polish after them took it to $2.818 B, scenario seed 7 $3.703 B to $3.142 B)
    polish(packed, chainEnd, o.cancelFlag, false, onBetter(true), 1);
    // then its cloud rentals emptied where that pays, and the pairs the budget they free then serves
    // (emptyAndRefill). Hard 1,000 × 3 (60-s limit, 1 worker, load ~6): $2,710.71 M at 1.53 s, where
    // the packed plan was $2,764.28 M until the search's growths at ~50 s. bench/portfolio.ts
    // --interactive (load 10–13): the plan at 2 s +1.00 % of the final $2,683.97 M (a growth of the
    // search at ~52 s, from the cheaper plan), where it was +1.98 % of $2,710.54 M; tight-3p-1 at 2 s
    // $384.79 M against $386.22 M (load 5–9), the same final ($375.06 M)
    emptyAndRefill(packed, chainEnd, o.cancelFlag, onBetter(true));
    take(packed, false, true);
    packedObj = packed.obj;
    // then pool growths, those that save most per share of the budgets first: lumps the packing
    // never makes (a replica that only fits when other load leaves the site or the budget)
    const grew = growPools(packed, { deadline: extended, ...(o.cancelFlag ? { cancelFlag: o.cancelFlag } : {}), byGain: true, polishOver: GROWTH_POLISH_SHARE, stall: { tries: GROW_STALL_TRIES, share: GROW_STALL_SHARE, from: o.deadline }, ...(o.onPlan ? { onBetter: onBetter(false)! } : {}) });
    // without a growth the rest of the polish is still the packed start's (kept from the other
    // members, and improve() continues from another start while it is the incumbent)
    polish(packed, extended, o.cancelFlag, false, onBetter(!grew));
    // the steps not told on the way (BETTER_EVERY_MS, TELL_SHARE) go out now
    take(packed, false, !grew);
    if (!grew) packedObj = packed.obj;
    // the other starts keep most of their time (hard 1,000 × 3 at 30 s: the coarse start's openings
    // reach $3.03 B within it, and the search from there $2.82 B; cut short, $3.03 B only at the end)
    o = { ...o, deadline: Math.min(extended, o.deadline + (now() - t0)) };
  }
  // (packedOnly: the packed plan and its growths are the starts; the search then runs from the packed plan)
  if (packed && best != null && o.packedOnly) { tried(m).add('coarse'); tried(m).add('fine'); return best; }
  const t1 = now();
  consider(divisibleStart(m, 'coarse', { ...o, deadline: primal ? o.deadline : Math.min(o.deadline, t1 + (o.deadline - t1) * COARSE_SHARE), ...first() }, onBetter(false)));
  // on a small model, the divisible choice with its pools priced at their loads (slopeStarts)
  if (!stopped(o) && m.sized.length * m.periods.length <= SLOPE_MAX_PAIRS) slopeStarts(m, o, (r) => consider(r), onBetter(false));
  if (!stopped(o) && !(primal && own)) {
    const E = fromChoice(m, standaloneStart(m).chosen.map((r) => [...r]), { ...o, ...first(), ...(o.onPlan ? { onBetter: onBetter(false)! } : {}) });
    if (E) take(E, true);
  }
  if (!stopped(o) && !primal && o.fine !== 'later') consider(divisibleStart(m, 'fine', { ...o, ...first() }, onBetter(false)));
  if (own && packed) CONTINUE_FROM.set(m, { s: own, obj: ownObj, packed: packedObj });
  return best;
}

/**
 * The fine divisible-cost start that greedyStart left for later (`fine: 'later'`), unless made
 * already (improve()'s restart makes it too) or left out (packedOnly): null, or a plan that meets every row with its
 * objective. It counts among greedyStart's own starts (CONTINUE_FROM) when cheaper than they are.
 */
export function fineStart(m: ModelV2, o: SearchOptions): { s: SolutionV2; obj: number } | null {
  if (tried(m).has('fine')) return null;
  const r = divisibleStart(m, 'fine', o);
  const c = CONTINUE_FROM.get(m);
  if (r && c && r.obj < c.obj) CONTINUE_FROM.set(m, { ...c, s: r.s, obj: r.obj });
  return r;
}

/** Hands an LP relaxation solved elsewhere (with cuts) to the improvement search (RINS reads it). */
export function shareRelaxation(m: ModelV2, lp: { col: Float64Array; rowDual: Float64Array; objective: number }): void {
  LP_OF.set(m, { colValue: lp.col, rowDual: lp.rowDual, objective: lp.objective });
}

/**
 * restoreShed after an LP point's rounding may take this share of the time its repair and polish
 * took. monthly-big-13 (120 workloads, 15 periods): the points after cut rounds 2–4 rounded to
 * $768.5–768.9 M, where the repair of site-2's racks and power shed one workload in all 15 periods
 * ($26 M of penalty); its restore took 22–89 ms against 0.2–0.5 s for the rounding, and the points
 * rounded to $742.5–742.9 M (rounds 1, 5, 6: $742.2–743.4 M). At 1,000 workloads a try takes
 * 0.1–0.9 s (tight-3p-1), where the polish after the rounding needs the time (RESTORE_MIN_PAIRS).
 */
export const RESTORE_TIME_SHARE = 1;

/** The LP point rounded (each (w, k) on its largest value), repaired with the limits priced by the duals, polished, its shed workloads restored where that pays (restoreShed). */
export function roundLp(m: ModelV2, col: ArrayLike<number>, rowDual: Float64Array | null, o: SearchOptions): SolutionV2 | null {
  const rounded = roundedChoice(m, col);
  const t0 = now();
  const E = fromChoice(m, rounded.map((r) => [...r]), { ...o, ...(rowDual ? { rowDual } : {}) });
  if (!E) return null;
  // the workloads whose pairs the rounding served and the repair shed, served again where that pays
  // (restoreShed), within as long again as the repair and polish took (RESTORE_TIME_SHARE)
  restoreShed(E, rounded, Math.min(o.deadline, now() + (now() - t0) * RESTORE_TIME_SHARE), o.cancelFlag);
  const s = E.solution();
  return meetsModel(m, s) ? s : null;
}

/** `sol` (the decomposition's whole plan) guides the improvement search: its 'guided' neighbourhood (lns.ts GUIDE_OF). */
export function guideSearch(m: ModelV2, sol: SolutionV2): void {
  GUIDE_OF.set(m, sol);
}

/**
 * A plan meeting every row close to `sol` (limits priced by the duals when given), or null. `sol`
 * (the decomposition's plan, which broke a row or cost more than the incumbent) also guides the
 * improvement search (GUIDE_OF): the repair moves whole workloads, where a sub-MILP freed where
 * the two differ keeps more of its structure.
 */
export function repair(m: ModelV2, sol: SolutionV2, rowDual: ArrayLike<number> | null, o: SearchOptions): SolutionV2 | null {
  guideSearch(m, sol);
  if (meetsModel(m, sol)) return sol;
  const r = repairV2(m, sol, { ...o, ...(rowDual ? { rowDual } : {}) });
  return r && meetsModel(m, r) ? r : null;
}

/**
 * Where greedyStart made the packed start: the cheapest of its other starts, and the packed one's
 * objective. The search from the packed plan finds little (hard 1,000 × 3 at 30 s, one process,
 * load 2.2: $3.085 B, the packed plan itself, against $2.818 B from the coarse start's $3.032 B),
 * so while the packed plan is the incumbent improve() continues from this one.
 */
const CONTINUE_FROM = new WeakMap<ModelV2, { s: SolutionV2; obj: number; packed: number }>();
/**
 * ...when that start costs at most this share more than the incumbent. With the pack's cloud fills
 * (grow.ts fillCloud) hard 1,000 × 3's packed plan, $2,764.3 M at 1.0 s, takes no growth, and the
 * search from the coarse start's $3.03 B came to $2.92 B in 60 s (final $2,764.3 M, the packed plan);
 * from the packed plan, $2,710.5 M (load ~9; in 4 runs through the app's worker, load 7–14). bench/
 * optimizer.ts hard 1,000 × 3 at 30 s (load 7–8): $2,710.70 M, gap 12.28 %, against $2,764.12 M,
 * 13.98 % before the cloud fills.
 */
export const CONTINUE_SHARE = 0.05;

/** Share of the time left the restart of improve() may take. */
export const RESTART_SHARE = 0.4;

/**
 * The large-neighbourhood search from the incumbent until the deadline; never dearer than `inc`,
 * told only of plans cheaper than it. While the packed start's plan is the incumbent, the search
 * runs from greedyStart's cheapest other start instead (CONTINUE_FROM), when that one costs at most
 * CONTINUE_SHARE more.
 * First the incumbent polished (polishPlan: hard 1,000 × 3, $3.46 B to $3.17 B; run after the
 * restart below, it came 2–6 s later on that scenario, where the restart gave $3.91 B), then a
 * divisible-cost start greedyStart did not finish (stopped in its repair), the coarse one
 * before the fine one: each lands elsewhere (hard 1,000 × 3: coarse $3.46 B, fine $3.91 B; hard
 * 5,000 × 1: coarse $78.6 B, fine $55.8 B, before the search), so it only ever replaces a dearer plan.
 */
export function improve(
  highs: Highs,
  m: ModelV2,
  inc: SolutionV2,
  o: SearchOptions & Pick<ImproveOptions, 'onImproved' | 'seed' | 'pollIncumbent' | 'maxRounds' | 'onRound' | 'onBound'> & {
    /** false: no restart from an unfinished divisible-cost start (see StartOptions.fine) */
    restart?: boolean;
    /** `inc` is what a polish (polishPlan) run to its end left: not polished again when searched from */
    polished?: boolean;
  },
): SolutionV2 {
  // (a deadline already past: nothing, not even the polish, whose setup scans the plan unclocked)
  if (stopNow(o.deadline, o.cancelFlag)) return inc;
  const incObj = objectiveOfSolution(m, inc);
  const own = CONTINUE_FROM.get(m);
  const from = own && own.s !== inc && incObj >= own.packed - 1e-9 * Math.max(1, Math.abs(incObj)) && own.obj <= incObj * (1 + CONTINUE_SHARE) ? own.s : inc;
  let start = from, restarted = false;
  // told only of plans cheaper than the incumbent and than the last told (those from `from` may be dearer)
  let told = incObj;
  const onImproved = o.onImproved ? (s: SolutionV2, obj: number) => { if (obj < told - 1e-9 * Math.max(1, Math.abs(told))) { told = obj; o.onImproved!(s, obj); } } : undefined;
  // each cheaper step of the polish goes out as it comes (polishPlan tells onImproved)
  const polished = o.polished && from === inc ? null : polishPlan(m, from, o.deadline, o.cancelFlag, onImproved);
  if (polished) start = polished;
  const left = o.deadline - now();
  const kind = (['coarse', 'fine'] as const).find((k) => !tried(m).has(k));
  if (left > 0 && kind && o.restart !== false) {
    const r = divisibleStart(m, kind, { ...o, deadline: now() + left * RESTART_SHARE });
    if (r && r.obj < objectiveOfSolution(m, start) - 1e-9 * Math.max(1, Math.abs(r.obj))) { start = r.s; restarted = true; onImproved?.(r.s, r.obj); }
  }
  // a restart's plan has had the swaps but not the pool openings: improveV2 polishes it
  // (past the deadline after the polish: not the search, whose set-up scans the plan and the model unclocked)
  const out = stopNow(o.deadline, o.cancelFlag) ? start : improveV2(highs, m, start, { ...o, ...(onImproved ? { onImproved } : {}), polished: !restarted });
  return from === inc || objectiveOfSolution(m, out) < incObj ? out : inc;
}
