// Feasibility-first starting plans for the v2 MILP: each (workload, period) on its cheapest
// candidate as if capacity were divisible, or on its largest LP-relaxation value when the LP
// finishes in time, then repaired (limits priced by the LP's duals when there are some) and
// polished by a greedy descent. Every plan returned meets every row of the model.
import type { Highs } from 'highs';
import { toModelData } from '../model-data.ts';
import type { ModelV2 } from './model.ts';
import { meetsModel, type SolutionV2 } from './extract.ts';
import { fractionalCost, PlanState, polish, repairState } from './repair.ts';
import { standaloneStart } from './standalone.ts';
import { now, cancelled, stopNow } from './clock.ts';

export type LpRelaxation = { colValue: Float64Array; rowDual: Float64Array; objective: number };

/** The LP relaxation last solved for a model (RINS in lns.ts reads it). */
export const LP_OF = new WeakMap<ModelV2, LpRelaxation>();

const stopped = (o: { deadline: number; cancelFlag?: Int32Array }) =>
  stopNow(o.deadline, o.cancelFlag);

/**
 * The LP relaxation of the model with its whole-replica and whole-rack cuts but without the
 * whole-instance ones (one per workload and month: they multiply the rows by ten and the LP time
 * with them, the replica cuts cost nothing and multiply the bound), within `limitS`; null when it
 * does not finish.
 */
export function solveRelaxation(highs: Highs, m: ModelV2, limitS: number, cancelFlag?: Int32Array): LpRelaxation | null {
  if (m.numCols === 0 || limitS <= 0.05) return null;
  const keep: number[] = [];
  m.rows.forEach((r, i) => { if (r.family !== 'cut' || !r.name.startsWith('cutz')) keep.push(i); });
  const rows = keep.map((i) => m.rows[i]!);
  const data = toModelData({ ...m, rows }, highs.infinity);
  const model = highs.createModel({ ...data, integrality: new Int32Array(m.numCols) });
  try {
    model.options.set({ output_flag: false, time_limit: limitS });
    const ct = highs.constants.callbackType;
    model.run({ [ct.simplexInterrupt](e) { if (cancelled(cancelFlag)) e.interrupt(); } });
    if (model.getModelStatus() !== highs.constants.modelStatus.optimal) return null;
    const s = model.getSolution();
    const rowDual = new Float64Array(m.rows.length);
    keep.forEach((ri, t) => { rowDual[ri] = s.rowDual[t] ?? 0; });
    const lp = { colValue: Float64Array.from(s.colValue), rowDual, objective: model.getObjectiveValue() };
    LP_OF.set(m, lp);
    return lp;
  } finally {
    model.dispose();
  }
}

/** Each (w, k) on its candidate of least divisible cost, or unserved when the penalty is less. */
export function greedyChoice(m: ModelV2): (number | null)[][] {
  return m.byWk.map((byK, w) => byK.map((xsK, k) => {
    let best: number | null = null, bc = Infinity;
    for (const xi of xsK) { const c = fractionalCost(m, xi); if (c < bc) { bc = c; best = xi; } }
    const y = m.ys[w]![k];
    if (y != null && m.colCost[y]! < bc) return null;
    return best;
  }));
}

/**
 * Each (w, k) on its candidate of least cost with every system pool's replica share priced at the
 * pool's load under `prev` (slope scaling for the whole replicas): a pool carrying L replicas' worth
 * of load in a period buys ceil(L), so each unit of its load costs ceil(L) / L of a divisible one;
 * an unused pool is priced as if the candidate alone bought it (ceil(a) / a). The divisible choice
 * spreads 70B workloads over a large system a quarter used (small-20-1: $18.8 M from it, repaired),
 * where one small system shared by six is cheaper.
 */
export function slopeChoice(m: ModelV2, prev: (number | null)[][]): (number | null)[][] {
  const load = m.pools.map((p) => p.xs.map(() => 0));
  prev.forEach((byK) => byK.forEach((xi, k) => {
    const x = xi == null ? null : m.xs[xi]!;
    if (x?.pool != null) load[x.pool]![k]! += x.a;
  }));
  const cost = (xi: number): number => {
    const c = fractionalCost(m, xi), x = m.xs[xi]!;
    if (x.pool == null || !Number.isFinite(c) || x.a <= 0) return c;
    const share = c - x.cost, L = load[x.pool]![x.k]!;
    const mine = prev[x.w]?.[x.k] === xi;
    const Lw = mine ? L : L + x.a;
    return x.cost + share * Math.max(1, Math.ceil(Lw - 1e-6)) / Lw;
  };
  return m.byWk.map((byK, w) => byK.map((xsK, k) => {
    let best: number | null = null, bc = Infinity;
    for (const xi of xsK) { const c = cost(xi); if (c < bc) { bc = c; best = xi; } }
    const y = m.ys[w]![k];
    if (y != null && m.colCost[y]! < bc) return null;
    return best;
  }));
}

/** Each (w, k) on its candidate with the largest LP value (unserved when y is the largest). */
export function roundedChoice(m: ModelV2, col: ArrayLike<number>): (number | null)[][] {
  return m.byWk.map((byK, w) => byK.map((xsK, k) => {
    const y = m.ys[w]![k];
    let best: number | null = null, bv = y != null ? (col[y] ?? 0) : -1;
    for (const xi of xsK) {
      const v = col[m.xs[xi]!.col] ?? 0;
      if (v > bv + 1e-9 || (best == null && y == null && v >= bv)) { bv = v; best = xi; }
    }
    return best;
  }));
}

/**
 * Repair, then descent and eject-and-refill swaps from an assignment; the exact state when it meets
 * every row. `onBetter` hears the polish's steps, and with `repairUntil` the repaired state first;
 * `repairUntil` lets the repair run on past `deadline` (the polish stops at `deadline`) while it
 * makes headway (repairState's stallFrom): a repair cut short gives no plan at all (StartOptions.firstUntil).
 */
export function fromChoice(m: ModelV2, chosen: (number | null)[][], o: { deadline: number; repairUntil?: number; rowDual?: Float64Array; cancelFlag?: Int32Array; batchShift?: number; open?: boolean; onBetter?: (E: PlanState) => void }): PlanState | null {
  for (let w = 0; w < chosen.length; w++) for (let k = 0; k < chosen[w]!.length; k++) {
    if (chosen[w]![k] == null && m.ys[w]![k] == null) {
      // unservable without a penalty: the model is infeasible for this (w, k)
      let best: number | null = null, bc = Infinity;
      for (const xi of m.byWk[w]![k]!) { const c = fractionalCost(m, xi); if (c < bc) { bc = c; best = xi; } }
      if (best == null) return null;
      chosen[w]![k] = best;
    }
  }
  const E = new PlanState(m, chosen);
  const F = new PlanState(m, chosen, true);
  // (past its own deadline the repair stops when it stalls: STALL_ROUNDS)
  const extended = o.repairUntil != null && o.repairUntil > o.deadline;
  if (!repairState(E, F, { deadline: extended ? o.repairUntil! : o.deadline, ...(extended ? { stallFrom: o.deadline } : {}), ...(o.rowDual ? { rowDual: o.rowDual } : {}), ...(o.cancelFlag ? { cancelFlag: o.cancelFlag } : {}), ...(o.batchShift != null ? { batchShift: o.batchShift } : {}) })) return null;
  // with no plan in hand (`repairUntil`), the repaired plan goes out before the polish: 5,000
  // workloads × 3 periods (241k columns), the coarse start's repair took 0.15–0.3 s and its polish
  // 0.2–0.9 s more before any plan was shown. With one in hand the polish's steps are told as before
  // (the copy and check of a plan take 30–50 ms there, locked: not spent where a plan is shown already)
  if (o.repairUntil != null) o.onBetter?.(E);
  // where budgets and the penalty bind, the repair leaves too many pairs unserved: swaps win
  // percents in tenths of a second (hard 1,000 × 3: −13 %)
  polish(E, o.deadline, o.cancelFlag, o.open === true, o.onBetter);
  // no pool relocations here (relocate.ts): they run in the polish after the start. At the end of
  // every start they improved the starts themselves (roomy 100 × 1 greedy $118.2 M → $105.2 M) but
  // delayed the LP and its rounding by 3 s on hard 1,000 × 1, whose 30-s plan then ended 1.9 % dearer
  return E;
}

/**
 * A plan meeting every row of the model, or null when none was found before the deadline.
 * First two greedy choices (fast at any size: each workload on its cheapest way as if capacity were
 * divisible, and on its cheapest way without a site), then, with the time left, the LP relaxation
 * rounded and repaired with the limits priced by its duals; the cheaper of the two.
 */
export function lpGuidedStartV2(
  highs: Highs, m: ModelV2,
  o: {
    deadline: number; cancelFlag?: Int32Array; onFeasible?: (s: SolutionV2, objective: number) => void;
    /** when the LP phase must end (default: the deadline); the greedy starts may use the whole deadline */
    lpDeadline?: number;
  },
): SolutionV2 | null {
  let best: PlanState | null = null;
  const consider = (s: PlanState | null) => {
    if (!s || (best && s.obj >= best.obj - 1e-9)) return;
    best = s;
    o.onFeasible?.(s.solution(), s.obj);
  };
  // the divisible-cost choice (sites may overflow), then site-free (only budgets can bind)
  consider(fromChoice(m, greedyChoice(m), { deadline: o.deadline, ...(o.cancelFlag ? { cancelFlag: o.cancelFlag } : {}) }));
  if (!stopped(o)) consider(fromChoice(m, standaloneStart(m).chosen.map((r) => [...r]), { deadline: o.deadline, ...(o.cancelFlag ? { cancelFlag: o.cancelFlag } : {}) }));
  const lpEnd = Math.min(o.deadline, o.lpDeadline ?? o.deadline);
  if (!stopped(o) && now() < lpEnd) {
    const left = (lpEnd - now()) / 1000;
    // the LP takes most of what is left; rounding and repair need the rest
    const lp = solveRelaxation(highs, m, left * 0.7, o.cancelFlag);
    if (lp && !stopped(o)) consider(fromChoice(m, roundedChoice(m, lp.colValue), { deadline: o.deadline, rowDual: lp.rowDual, ...(o.cancelFlag ? { cancelFlag: o.cancelFlag } : {}) }));
  }
  if (!best) return null;
  const sol = (best as PlanState).solution();
  return meetsModel(m, sol) ? sol : null;
}
