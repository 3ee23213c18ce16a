// The LP relaxation of the v2 solver's model with rounds of separated valid inequalities: a proven
// lower bound, the row duals that price the coupling rows, and the cuts worth keeping (appended to
// m.rows, so every later MILP of this model has them). Blocking; honours a deadline and a cancel flag.
import type { Highs, HighsCallbackMap, Model } from 'highs';
import { rowsData, toModelData } from '../model-data.ts';
import { capacityCutsV2, knapsackCutsV2 } from './cuts.ts';
import { rowActivity, type CutPoolV2, type ModelV2, type Row } from './model.ts';
import { fitsBefore, now, stopNow } from './clock.ts';
import { impliedUpper, lpShares } from './decompose.ts';

export type LpRelaxV2 = {
  /**
   * optimum of the last LP solved to optimality (a lower bound on every plan), or the weak-duality
   * bound of a later round's duals so far where that round was cut short and they bound higher (col
   * and rowDual stay the last optimum's); where the first LP was cut short, the weak-duality bound of
   * its duals so far (col and rowDual then null: stoppedBound); null when neither gave one
   */
  bound: number | null;
  col: Float64Array | null;
  /** duals of m.rows as they stand after the call (cuts included) */
  rowDual: Float64Array | null;
  infeasible: boolean;
  rounds: number;
  cuts: number;
  /** milliseconds of the first LP, solved from scratch (null when none finished) */
  firstMs: number | null;
  /**
   * rows of m.rows the sub-MILPs take (decomposeV2's `rows`): the model's and the cuts of the first
   * SUB_CUT_ROUNDS rounds; the later rounds' cuts serve the LP's bound and point only
   */
  subRows: number;
};

/** MIR cuts of the knapsack rows a round (each is dense: a budget row spans every costed column). */
export const MIR_PER_ROUND = 8;
/**
 * Capacity MIR cuts a round (cuts.ts capacityCutsV2: a system's replicas for a model over its sites,
 * its racks at a site, a cloud instance's per month; each as long as its rows). Single purchase,
 * 1,000 workloads (bench/optimizer.ts, 10 s): the deepseek-r1 sub's LP rose from $38.74 M to
 * $39.56 M with the first round's 38 cuts (CBC's root: $39.59 M, its optimum $39.91 M), the
 * gpt-oss-120b sub's LP to its optimum; the solve's bound from $373.00 M to $373.84 M, the plan $375.07 M
 * and $375.09 M (one run each). At 50 a round the full LP ended at $373.71 M against $373.77 M at 200. Hard 1,000 × 3
 * periods: each round's bound is higher (after 6 rounds $2,411 M against $2,352 M) but its rounds are
 * slower, so within the LP stage's time the bound ended at $2,317 M against $2,311–2,351 M without
 * (cuts from the first round: CAPACITY_FROM_ROUND).
 */
export const CAPACITY_PER_ROUND = 200;
/**
 * The first cut round that adds capacity MIR cuts while the pool or the knapsack rows give cuts (a
 * round with none of those takes them at once). The first LP's point is far from the later rounds'
 * (the pool's first cuts barely move the bound, the second round's lift it twofold on hard
 * scenarios), and cuts of it made the next LP much longer. Hard 1,000 × 3 periods, the LP alone
 * with its pool (load 3–7): from round 1, rounds 1–4 took 4.3k, 14.4k, 6.0k and 5.1k simplex
 * iterations to $2,367 M (16 s); from round 2, 2.5k, 8.7k, 4.4k and 6.3k to $2,366 M (10 s);
 * without them $2,311 M after the same four rounds. Six rounds: single purchase, 1,000 workloads,
 * $373.79 M against $373.76 M; roomy 1,000 × 3, $318.68 M both. The whole solve (bench/optimizer.ts
 * --phased 1000, load 3–8, from round 1 → round 2): hard 1,000 × 3 (4 runs each) bound $2,316 M
 * (4 rounds) three times and $1,122 M (2) once → $2,391 M (6 rounds) three times and $2,265 M (4)
 * once, gap 14.5 % and 58.6 % → 11.8 % and 16.4 % (plan $2,711 M); roomy 1,000 × 3 (2 runs each)
 * gap 0.545 % and 0.485 % → 0.493 % and 0.474 %; single
 * purchase 0.331 % → 0.317 % both (plan $375.07 M → $375.02 M, bound $373.83 M).
 */
export const CAPACITY_FROM_ROUND = 2;
/**
 * Cut rounds at most, and at least before the bound's rise decides (single purchase, 1,000
 * workloads: rounds 3–4 raised the bound by under 0.01 %, rounds 5–6 by 0.14 %). Past MIN_ROUNDS a
 * round runs only while the last two raised the bound by STALL_REL (relative) or more: every round's
 * cuts stay in the model for the sub-MILPs, and cuts that no longer move the LP slow them (roomy
 * single purchase, 1,000 workloads, 30 s: rounds 7–9 raised the LP by 0.014 % and cost the largest
 * sub 2 % of its bound, the plan's gap 0.28 % → 2.07 %), while on hard scenarios rounds 7–9 still
 * raise the bound. STALL_REL trades the two (bench/cbc.ts, 1,000 workloads, 30 s, idle machine):
 * at 0.5 % the hard single purchase stopped after 7 rounds and its rounded-LP plan was 16 % dearer
 * (final plan $5.12B against $4.24B with 9 rounds); at 0.1 % it runs 9, roomy 3 periods improves
 * (gap 1.68 % → 1.23 %) and roomy single purchase keeps the same plan with a weaker bound (gap
 * 0.29 % → 2.02 %). A cheaper plan weighs more than a tighter bound on the same plan.
 */
export const LP_MAX_ROUNDS = 20;
export const MIN_ROUNDS = 6;
export const STALL_REL = 0.001;
/**
 * STALL_REL of a single purchase, whose rounds past MIN_ROUNDS add the mixing cuts of the cloud
 * instances' months (cuts.ts cloudMixingCuts), each round raising the bound by ~0.01–0.05 %; the
 * subs still take the first SUB_CUT_ROUNDS rounds' cuts only. Single purchase, 1,000 workloads
 * (bench/optimizer.ts, 10 s, load 4–10): main $375.02–375.06 M / $373.81–373.83 M, gap 0.316–0.335 %
 * (4 runs); at 3e-4, 7 rounds, $375.04–375.10 M / $373.93 M, gap 0.295–0.312 % (3 runs); at 1e-4,
 * 12 rounds, $375.11–375.20 M / $374.00 M, gap 0.295–0.320 % (7 runs; the longer LP stage costs the
 * plan); at 3e-5, 16 rounds, gap 0.336 %; 1e-4 without the mixing cuts ran 8 rounds to $373.80 M.
 * Roomy single purchase (bench/first-seconds.ts roomy1, 10 s): main gap 0.34 % and 0.63 %, at 1e-4
 * 0.09 % and 0.14 %, at 3e-4 0.16 %.
 */
export const STALL_REL_SINGLE = 3e-4;
/**
 * Cut rounds whose cuts the sub-MILPs of the decomposition get. Later rounds raise the LP's bound
 * but slow HiGHS' search in the subs: roomy single purchase, 1,000 workloads (7 rounds), the larger
 * sub's bound after 14 s was 139.2 M with every round's cuts and 142.1 M with the first six's, against
 * a plan of 142.6 M (bench/cbc.ts cell 30 s: gap 2.02 % → 0.29 %, the same plan); scenarios that stop
 * within six rounds are unchanged. The solver applies it to single purchases only (solve.ts).
 */
export const SUB_CUT_ROUNDS = MIN_ROUNDS;
/**
 * The cut round whose LP runs with HiGHS' presolve (the others re-solve from the last basis without
 * it). The first round's cuts barely move the bound and the second's move the point far (hard
 * 1,000 × 6: 1.814 B, 1.830 B, then 2.897 B), so the last basis is worth less there than the
 * presolve's reductions. Round 2 alone, hard 1,000 × 6 periods: 17.9 s warm, 8.1 s presolved (from
 * scratch without presolve: 17.9 s; rounds 3–5 warm after it 2.7, 7.6, 3.3 s, presolved 12–21 s);
 * hard 1,000 × 3: 2.66 → 2.39 s; roomy 1,000 × 6: 1.16 → 1.14 s; roomy 1,000 × 3: 0.34 → 0.48 s.
 * A cancel in this round waits for HiGHS' presolve only, which is short at these sizes
 * (load ~2): raised 30–600 ms into the round, the round returned 40–160 ms later (hard 1,000 × 6 and
 * × 12, roomy 1,000 × 12; raised as it starts, 25–190 ms on 1,000 × 3 to × 12), with the last
 * round's point (cuts.test.ts). Deeper waits are elsewhere: the starts' repair at 36 periods.
 */
export const PRESOLVE_ROUND = 2;
/** The bound's rise over two rounds (relative) from which the next round may run to `extendUntil` (the first two rounds may). */
export const EXTEND_REL = 0.005;


/** Cuts of `pool` that the LP point violates by more than a tolerance, most violated first. */
export function violatedCutsV2(pool: readonly Row[], col: ArrayLike<number>, max = Infinity): Row[] {
  const out: { r: Row; v: number }[] = [];
  for (const r of pool) {
    const a = rowActivity(r, col);
    const v = Math.max(r.lb - a, a - r.ub);
    if (v > 1e-6) out.push({ r, v });
  }
  out.sort((p, q) => q.v - p.v);
  return out.slice(0, max).map((o) => o.r);
}

/** A list of rows as a cut pool; separated cuts leave the list. */
function listPool(rows: Row[]): CutPoolV2 {
  return {
    get size() { return rows.length; },
    violated(col, max) {
      const add = violatedCutsV2(rows, col, max);
      const taken = new Set(add);
      let n = 0;
      for (const r of rows) if (!taken.has(r)) rows[n++] = r;
      rows.length = n;
      return add;
    },
  };
}

/**
 * model.run, and once more with the primal simplex when HiGHS fails with an error (bench/independent.ts
 * tight-1 as first calibrated, 1,000 workloads, single purchase, a penalty of $4.46 M a month: the first
 * LP, dual simplex without presolve, threw "run failed with HiGHS status -1" and the solve with it; the
 * primal simplex, presolve or the IPM solve it, $20.61 B). The strategy stays as it was for the next run. When both fail the model status is not
 * optimal, which the caller reads as no LP.
 */
function runLp(highs: Highs, model: Model, cbs: HighsCallbackMap): void {
  // only HiGHS' own failure (native status −1) is retried: its subclasses (a disposed model, input
  // the wrapper refuses, a re-entered call, a blocked option) are errors of this code and throw
  const failed = (e: unknown) => e instanceof highs.errors.HighsError && !(e instanceof highs.errors.HighsDisposedError
    || e instanceof highs.errors.HighsValidationError || e instanceof highs.errors.HighsReentrancyError || e instanceof highs.errors.HighsUnsupportedOptionError);
  try {
    model.run(cbs);
  } catch (e) {
    if (!failed(e)) throw e;
    const strategy = model.options.get('simplex_strategy');
    try {
      model.options.set({ simplex_strategy: PRIMAL_SIMPLEX });
      model.run(cbs);
    } catch (again) {
      if (!failed(again)) throw again;
    } finally {
      model.options.set({ simplex_strategy: strategy });
    }
  }
}
/**
 * Whether lpWithCutsV2's LPs look at the cancel flag and the deadline as they run (HiGHS' simplex
 * interrupt callback) rather than at HiGHS' time_limit alone. HiGHS calls that callback at every
 * simplex iteration, and each call costs in proportion to the model: the first LP of hard 5,000
 * workloads × 3 periods (291k columns, 28k iterations) took 3.6–3.8 s without it and 5.2–6.1 s with
 * it doing nothing (load 2–4; a no-op callback registered below the library's JavaScript wrapper
 * cost as much: the cost is HiGHS' own, not the wrapper's nor this code's). Without it, a cancel is seen only once a run ends, so the LPs listen
 * unless no cancel can come (no flag) or the caller can stop the thread from outside and is told
 * when it must (`onDeaf`).
 */
export function lpsListen(o: { cancelFlag?: Int32Array; onDeaf?: (deaf: boolean) => void }): boolean {
  return o.cancelFlag != null && o.onDeaf == null;
}

/** HiGHS' simplex_strategy for the primal simplex */
const PRIMAL_SIMPLEX = 4;

/**
 * A lower bound on every plan from row prices `rowDual` (any: validity does not rest on how they were
 * found), by weak duality over the whole model (decompose.ts lpShares, one component): the duals of a
 * dual simplex cut short by time or a cancel are dual feasible, and its objective rises to the LP's as
 * it runs. Hard 5,000 workloads × 3 periods (the first LP 3.7 s from scratch, load 5): cut at 2 s
 * $3,585 M, at 3 s $6,572 M, the LP $9,044 M (CBC's bound on the MILP); 30–60 ms. Null when it is
 * not above 0 (no plan costs less: the solve's bound without one) or not finite.
 */
export function stoppedBound(m: ModelV2, rowDual: ArrayLike<number> | null | undefined): number | null {
  if (!rowDual || rowDual.length < m.rows.length) return null;
  const all = { cols: Array.from({ length: m.numCols }, (_, j) => j) };
  const b = lpShares(m, [all], m.colCost, rowDual, new Set(), impliedUpper(m))[0]!;
  return Number.isFinite(b) && b > 0 ? b : null;
}

/**
 * The time per column of the first LP's start, which looks at no clock: the model's data, HiGHS'
 * copy of it, the first run up to where its time_limit is seen and the bound of a run cut short
 * (stoppedBound). Hard 5,000 workloads × 3 periods (291k columns), begun 0.58 s before a 5-s limit
 * (load ~4.5), it returned 0.33 s past it; begun 1.13 s before (load 5.7), 0.05 s past it (the data
 * 0.12 s, the copy 0.44 s, the run 0.46 s).
 */
export const LP_START_MS_PER_COL = 4e-3;

/**
 * Solves the LP relaxation, then adds the pool's violated cuts and re-solves (dual simplex from
 * the last basis) until none is violated, `maxRounds` is reached or time runs out. Separated cuts
 * leave the pool (a list of rows, or cutPoolV2's on-demand pool) for m.rows.
 */
export function lpWithCutsV2(
  highs: Highs,
  m: ModelV2,
  cuts: Row[] | CutPoolV2,
  o: {
    deadline: number; cancelFlag?: Int32Array; maxRounds?: number;
    /** MIR cuts of the knapsack rows (capex, budget, power, racks) separated a round, at most (default MIR_PER_ROUND; 0: none) */
    mirPerRound?: number;
    /** capacity MIR cuts (replicas of a system for a model, its racks, cloud instances per month) a round, at most (default CAPACITY_PER_ROUND; 0: none), from round CAPACITY_FROM_ROUND */
    capacityPerRound?: number;
    /**
     * a later deadline for a round that starts while the last two raised the bound by EXTEND_REL or
     * more, or among the first two (cuts still paying off); never past it. Default: `deadline`
     */
    extendUntil?: number;
    /** the first round with the cuts of the options the LP moves the load to (model.ts ESCAPE_PER_WORKLOAD; default true) */
    escapes?: boolean;
    /** the bound's rise over two rounds (relative) below which the rounds stop past MIN_ROUNDS (default STALL_REL) */
    stallRel?: number;
    /** told of the bound of each round's LP as it is solved (the first LP's too) */
    onBound?: (bound: number) => void;
    /**
     * told of each cut round's LP point as it is solved (not the first LP's), before the next
     * round's cuts: the caller may use it while the later rounds wait (its time counts against the
     * deadline); `rounds`: the cut rounds so far
     */
    onPoint?: (p: { col: Float64Array; rowDual: Float64Array; rounds: number }) => void;
    /**
     * told `true` before each LP run that looks at neither the cancel flag nor the deadline while it
     * runs, `false` after it (see lpsListen): a caller that can stop this thread from outside
     * (the app's worker host) learns when only that stops it
     */
    onDeaf?: (deaf: boolean) => void;
  },
): LpRelaxV2 {
  const pool = Array.isArray(cuts) ? listPool(cuts) : cuts;
  const none: LpRelaxV2 = { bound: null, col: null, rowDual: null, infeasible: false, rounds: 0, cuts: 0, firstMs: null, subRows: m.rows.length };
  // the model's data, HiGHS' copy of it and HiGHS' start do not look at the cancel flag (roomy
  // 1,000 × 36 periods, 722k columns: 0.17 s, 0.55 s, then 0.06–0.5 s of the run before its first
  // interrupt), so the flag is looked at between them: a cancel raised 50–300 ms into the call
  // returned 0.07–0.14 s later, against 0.30–0.60 s (load ~3, 2 runs each)
  // (not begun when its start cannot end by the deadline: LP_START_MS_PER_COL)
  if (m.numCols === 0 || !fitsBefore(o.deadline, m.numCols * LP_START_MS_PER_COL, o.cancelFlag)) return none;
  const { integrality, ...lp } = toModelData(m, highs.infinity);
  void integrality;
  if (stopNow(o.deadline, o.cancelFlag)) return none;
  const model = highs.createModel(lp);
  try {
    let until = o.deadline;
    const stop = () => stopNow(until, o.cancelFlag);
    if (stop()) return none;
    const ct = highs.constants.callbackType;
    const listen = lpsListen(o);
    const cbs: HighsCallbackMap = listen ? { [ct.simplexInterrupt](e) { if (stop()) e.interrupt(); } } : {};
    // deaf: the runs end by HiGHS' time_limit alone (set before each), the caller told around each
    // (false: not run, the caller stopped meanwhile)
    const run = (): boolean => {
      if (listen) { runLp(highs, model, cbs); return true; }
      o.onDeaf?.(true);
      try {
        // (told first, then the flag looked at: a cancel raised meanwhile is seen by one of the two)
        if (stop()) return false;
        runLp(highs, model, cbs);
        return true;
      } finally {
        o.onDeaf?.(false);
      }
    };
    const S = highs.constants.modelStatus;
    // without presolve: HiGHS' presolve does not check the interrupt (seconds on 1,000 workloads ×
    // 3 periods) and the simplex alone finished sooner there (5.2 s against 7.2 s, loaded machine)
    // (HiGHS' clocks start anew: its time_limit counts the model's creation too)
    model.zeroAllClocks();
    model.options.set({ output_flag: false, presolve: 'off', time_limit: Math.max(0.01, (o.deadline - now()) / 1000) });
    const t0 = now();
    if (!run()) return none;
    let status = model.getModelStatus();
    if (status === S.infeasible) return { ...none, infeasible: true };
    // cut short by time or a cancel: its duals so far still bound every plan
    if (status === S.timeLimit || status === S.interrupted) return { ...none, bound: stoppedBound(m, model.getSolution().rowDual) };
    if (status !== S.optimal) return none;
    let sol = model.getSolution();
    const out: LpRelaxV2 = { ...none, bound: model.getObjectiveValue(), col: sol.colValue, rowDual: sol.rowDual, firstMs: now() - t0 };
    o.onBound?.(out.bound!);
    // rounds until no cut is violated, the bound stalls or time runs out (on hard 1,000 × 3 the
    // bound still rose 10 % between rounds 2 and 9; on roomy ones no cut is left after 6–8)
    const hist = [out.bound!];
    while (out.rounds < (o.maxRounds ?? LP_MAX_ROUNDS)) {
      const h = hist.length, scale = Math.max(1, Math.abs(hist[h - 1]!));
      if (h > MIN_ROUNDS && hist[h - 1]! - hist[h - 3]! <= (o.stallRel ?? STALL_REL) * scale) break;
      // a round's cuts may pay off only a round later (hard 1,000 × 3: 1.09 B, 1.09 B, 2.17 B)
      if (o.extendUntil != null && (h < 3 || hist[h - 1]! - hist[h - 3]! >= EXTEND_REL * scale)) until = Math.max(until, o.extendUntil);
      if (stop()) break;
      // at most as many cuts a round as the model has rows: the LP stays a few times its size
      // (the first round with the cuts of the options the LP would move the load to: ESCAPE_PER_WORKLOAD)
      const add = pool.violated(out.col!, Math.max(200, m.rows.length), out.rounds === 0 && o.escapes !== false ? sol.colDual : undefined);
      const mir = o.mirPerRound ?? MIR_PER_ROUND;
      if (mir > 0) for (const r of knapsackCutsV2(m, out.col!, mir, out.rounds)) add.push(r);
      const cap = o.capacityPerRound ?? CAPACITY_PER_ROUND;
      if (cap > 0 && (out.rounds + 1 >= CAPACITY_FROM_ROUND || add.length === 0)) for (const r of capacityCutsV2(m, out.col!, cap, out.rounds)) add.push(r);
      if (add.length === 0) break;
      const { lower, upper, matrix } = rowsData(add, m.numCols, highs.infinity);
      model.addRows({ lower, upper, matrix });
      for (const r of add) m.rows.push(r);
      out.cuts += add.length;
      out.rounds++;
      if (out.rounds <= SUB_CUT_ROUNDS) out.subRows = m.rows.length;
      // HiGHS' time_limit counts the model's run time since its creation, over every run: its
      // clocks start anew so that the limit is the time left (it was the time left less the
      // earlier rounds' time, and a later round stopped at once with the bound of the last)
      model.zeroAllClocks();
      model.options.set({ time_limit: Math.max(0.01, (until - now()) / 1000), presolve: out.rounds === PRESOLVE_ROUND ? 'on' : 'off' });
      if (!run()) break;
      status = model.getModelStatus();
      // stopped mid-round: the last optimal LP's point and duals stand (any λ ≥ 0 prices validly),
      // and the duals the round reached bound every plan too (stoppedBound), often above the last
      // optimum: the dual simplex from the last basis raises its objective as it goes. Hard 1,000 × 3
      // periods, the first cut round (3.3–3.6 s in all): $1,089 M before it, $1,136 M, $1,227 M,
      // $1,441 M and $1,829 M after 0.25, 0.5, 1 and 2 s of it
      if (status !== S.optimal) {
        if (status === S.timeLimit || status === S.interrupted) {
          const b = stoppedBound(m, model.getSolution().rowDual);
          if (b != null && b > out.bound!) { out.bound = b; o.onBound?.(b); }
        }
        break;
      }
      sol = model.getSolution();
      out.col = sol.colValue;
      out.rowDual = sol.rowDual;
      out.bound = Math.max(out.bound!, model.getObjectiveValue());
      hist.push(out.bound);
      o.onBound?.(out.bound);
      o.onPoint?.({ col: out.col, rowDual: out.rowDual, rounds: out.rounds });
    }
    return out;
  } finally {
    model.dispose();
  }
}
