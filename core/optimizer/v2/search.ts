// The primal heuristics the v2 solve orchestrates (a starting plan, a repair, an improvement
// search) behind one seam, so solve.ts does not change when they do. Invariant: every plan
// returned meets every row of the model (meetsModel), or is null.
import type { Highs } from 'highs';
import { toModelData } from '../model-data.ts';
import { columnsOfV2, meetsModel, objectiveOfV2, solutionFromColumns, type SolutionV2 } from './extract.ts';
import type { ModelV2 } from './model.ts';
import { componentsV2 } from './decompose.ts';

export type SearchOptions = { deadline: number; cancelFlag?: Int32Array };

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());
const stopped = (o: SearchOptions) => now() > o.deadline || (o.cancelFlag != null && Atomics.load(o.cancelFlag, 0) !== 0);

/** A plan guided by the LP relaxation; null when there is none in time. */
export function lpGuidedStart(highs: Highs, m: ModelV2, o: SearchOptions): SolutionV2 | null {
  void highs; void m; void o;
  return null;
}

/** A plan meeting every row close to `sol`, or null. */
export function repair(m: ModelV2, sol: SolutionV2): SolutionV2 | null {
  return meetsModel(m, sol) ? sol : null;
}

/** Workloads freed at once by fix-and-optimize. */
export const CHUNK = 120;

/**
 * Fix-and-optimize: chunks of workloads of one component of models freed (their assignments,
 * and every replica, rack and instance column), the others fixed to the incumbent, each chunk a
 * MILP HiGHS solves warm-started from the incumbent; an improvement becomes the incumbent.
 */
export function improve(
  highs: Highs,
  m: ModelV2,
  inc: SolutionV2,
  o: SearchOptions & { onImproved?: (s: SolutionV2, objective: number) => void },
): SolutionV2 {
  let best = inc;
  let bestObj = objectiveOfV2(m, columnsOfV2(m, inc));
  const chunks: number[][] = [];
  for (const c of componentsV2(m).reverse()) {
    for (let i = 0; i < c.workloads.length; i += CHUNK) chunks.push(c.workloads.slice(i, i + CHUNK));
  }
  if (chunks.length === 0) return best;
  const data = toModelData(m, highs.infinity);
  const lower0 = data.colLower as Float64Array, upper0 = data.colUpper as Float64Array;
  let since = 0;
  for (let it = 0; since < chunks.length && !stopped(o); it++) {
    const free = new Set(chunks[it % chunks.length]!);
    const lower = Float64Array.from(lower0), upper = Float64Array.from(upper0);
    best.chosen.forEach((byK, wi) => {
      if (free.has(wi)) return;
      byK.forEach((xi, k) => {
        for (const j of m.byWk[wi]![k]!) { const c = m.xs[j]!.col; lower[c] = upper[c] = j === xi ? 1 : 0; }
        const y = m.ys[wi]![k];
        if (y != null) lower[y] = upper[y] = xi == null ? 1 : 0;
      });
    });
    const left = (o.deadline - now()) / 1000;
    const model = highs.createModel({ ...data, colLower: lower, colUpper: upper });
    try {
      model.options.set({ output_flag: false, time_limit: Math.max(0.01, Math.min(left, Math.max(1, left / 3))), mip_rel_gap: 1e-6, mip_abs_gap: 1e-6 });
      model.setSolution({ colValue: columnsOfV2(m, best) });
      const ct = highs.constants.callbackType;
      model.run({
        [ct.mipInterrupt](e) { if (stopped(o)) e.interrupt(); },
        [ct.simplexInterrupt](e) { if (stopped(o)) e.interrupt(); },
      });
      since++;
      if (Number(model.info.get('primal_solution_status') ?? 0) === 2) {
        const s = solutionFromColumns(m, model.getSolution().colValue);
        const obj = objectiveOfV2(m, columnsOfV2(m, s));
        if (obj < bestObj - 1e-9 * Math.max(1, Math.abs(bestObj)) && meetsModel(m, s)) {
          best = s; bestObj = obj; since = 0;
          o.onImproved?.(s, obj);
        }
      }
    } finally {
      model.dispose();
    }
  }
  return best;
}
