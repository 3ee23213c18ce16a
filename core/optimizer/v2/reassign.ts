// Reassignment within the incumbent's capacity: every replica, rack, cloud instance and edge purchase
// kept as the incumbent has it, the assignments (x, and y where there is a penalty) of a set of
// workloads free. What is left is an assignment problem over the capacity the plan already pays for
// (its slack, and what other workloads free by moving), small enough for HiGHS to solve in a second
// at 1,000 workloads, where the same workloads with their pools free are too large to finish.
// Invariant: only a plan that meets every row of the model and costs less than the incumbent is returned.
import type { Highs } from 'highs';
import { columnsOfV2, meetsModel, objectiveOfV2, solutionFromColumns, type SolutionV2 } from './extract.ts';
import type { ModelV2 } from './model.ts';
import { now, stopNow } from './clock.ts';
import { runMip } from './guarded.ts';
import { restrictedModelData } from '../model-data.ts';

/** The x and y columns of `workloads` (indices into m.sized), every period or only period `k`. */
export function assignmentCols(m: ModelV2, workloads: readonly number[], k?: number): number[] {
  const out: number[] = [];
  for (const wi of workloads) {
    m.byWk[wi]!.forEach((xs, kk) => { if (k == null || kk === k) for (const xi of xs) out.push(m.xs[xi]!.col); });
    m.ys[wi]!.forEach((y, kk) => { if (y != null && (k == null || kk === k)) out.push(y); });
  }
  return out;
}

/**
 * The workloads' assignments re-solved within the incumbent's capacity (see the file's head) until
 * `deadline`, those of every period or only of `period` (a smaller sub-MILP, a third of the columns
 * at 3 periods; the other periods' assignments stay as the incumbent has them); the better plan,
 * or null when HiGHS found none cheaper than `inc` (or it breaks a row).
 */
export function reassignWithin(highs: Highs, m: ModelV2, inc: SolutionV2, workloads: readonly number[], o: { deadline: number; cancelFlag?: Int32Array; rows?: number; period?: number }): { s: SolutionV2; objective: number } | null {
  const stop = () => stopNow(o.deadline, o.cancelFlag);
  if (workloads.length === 0 || stop()) return null;
  const col = columnsOfV2(m, inc);
  const free = assignmentCols(m, workloads, o.period);
  if (free.length === 0) return null;
  const r = runMip(highs, restrictedModelData(m, free, col, highs.infinity, { rows: o.rows }), {
    options: { output_flag: false, mip_rel_gap: 1e-6 },
    presolve: 'choose',
    start: Float64Array.from(free, (c) => col[c]!),
    timeLimitS: () => (o.deadline - now()) / 1000,
    halt: stop,
    again: () => !stop(),
  });
  if (!r.col) return null;
  const sub = r.col;
  const out = Float64Array.from(col);
  free.forEach((c, j) => { out[c] = Math.round(sub[j]!); });
  const s = solutionFromColumns(m, out);
  if (!meetsModel(m, s)) return null;
  const objective = objectiveOfV2(m, columnsOfV2(m, s));
  const before = objectiveOfV2(m, col);
  return objective < before - 1e-9 * Math.max(1, Math.abs(before)) ? { s, objective } : null;
}
