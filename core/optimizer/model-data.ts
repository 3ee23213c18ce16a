// The model → HiGHS ModelData conversion (CSR rows, ±Infinity clamped to the solver's infinity),
// shared by the single-purchase and the phased (v2) solvers.
import type { ModelData } from 'highs';

export type LinearModel = {
  numCols: number;
  rows: readonly { idx: readonly number[]; val: readonly number[]; lb: number; ub: number }[];
  colCost: ArrayLike<number>;
  colLower: ArrayLike<number>;
  colUpper: ArrayLike<number>;
  colInteger: ArrayLike<boolean>;
};

type Rows = LinearModel['rows'];

/** ±Infinity as HiGHS' own infinity `inf` */
const clampTo = (inf: number) => (v: number) => (v === Infinity ? inf : v === -Infinity ? -inf : v);

/**
 * Rows as HiGHS takes them (CSR, bounds clamped to its infinity `inf`): the rows of a model, or
 * rows added to one (Model.addRows). `col` maps a row's column to the model's (default: the same).
 */
export function rowsData(rows: Rows, numCols: number, inf: number, col: (j: number) => number = (j) => j) {
  const starts = new Int32Array(rows.length + 1);
  let nnz = 0;
  for (const r of rows) nnz += r.idx.length;
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  let k = 0;
  rows.forEach((r, i) => {
    starts[i] = k;
    for (let j = 0; j < r.idx.length; j++) { indices[k] = col(r.idx[j]!); values[k] = r.val[j]!; k++; }
  });
  starts[rows.length] = k;
  const clamp = clampTo(inf);
  return {
    lower: Float64Array.from(rows, (r) => clamp(r.lb)),
    upper: Float64Array.from(rows, (r) => clamp(r.ub)),
    matrix: { format: 'csr' as const, numRows: rows.length, numCols, starts, indices, values },
  };
}

export function toModelData(m: LinearModel, inf: number): ModelData {
  const { lower, upper, matrix } = rowsData(m.rows, m.numCols, inf);
  const clamp = clampTo(inf);
  return {
    numCols: m.numCols,
    numRows: m.rows.length,
    colCost: Float64Array.from(m.colCost),
    colLower: Float64Array.from(m.colLower, clamp),
    colUpper: Float64Array.from(m.colUpper, clamp),
    rowLower: lower,
    rowUpper: upper,
    matrix,
    integrality: Int32Array.from(m.colInteger, (b) => (b ? 1 : 0)),
  };
}

/**
 * The sub-model of m over the columns `free`, every other column fixed at its value in `at`: the
 * fixed columns' share of each row moved into its bounds and their cost into the objective's offset
 * (so HiGHS' relative gap is measured on the whole plan). `lo`/`hi` bound the free columns (default:
 * the model's own bounds). A row is kept only where the free columns, within their bounds, can break
 * it; rows beyond `rows` (cuts appended after the model's own rows) are left out. The sub-MILPs of
 * the neighbourhood search (lns.ts solveSub) and of the reassignment (reassign.ts) both build theirs
 * here.
 */
export function restrictedModelData(m: LinearModel, free: readonly number[], at: ArrayLike<number>, inf: number, o: { lo?: ArrayLike<number>; hi?: ArrayLike<number>; rows?: number } = {}): ModelData & { offset: number } {
  const lo = o.lo ?? m.colLower, hi = o.hi ?? m.colUpper;
  const newIdx = new Int32Array(m.numCols).fill(-1);
  free.forEach((j, i) => { newIdx[j] = i; });
  let offset = 0;
  for (let j = 0; j < m.numCols; j++) if (newIdx[j]! < 0) offset += m.colCost[j]! * (at[j] ?? 0);
  const rows: { idx: number[]; val: number[]; lb: number; ub: number }[] = [];
  const last = Math.min(o.rows ?? m.rows.length, m.rows.length);
  for (let ri = 0; ri < last; ri++) {
    const r = m.rows[ri]!;
    let min = 0, max = 0, fixed = 0, any = false;
    for (let i = 0; i < r.idx.length; i++) {
      const v = r.val[i]!, j = r.idx[i]!;
      if (newIdx[j]! < 0) { fixed += v * (at[j] ?? 0); continue; }
      any = true;
      if (v > 0) { min += v * lo[j]!; max += v * hi[j]!; } else { min += v * hi[j]!; max += v * lo[j]!; }
    }
    if (!any) continue;
    if (min + fixed >= r.lb - 1e-9 && max + fixed <= r.ub + 1e-9) continue;
    const idx: number[] = [], val: number[] = [];
    for (let i = 0; i < r.idx.length; i++) { const c = newIdx[r.idx[i]!]!; if (c >= 0) { idx.push(c); val.push(r.val[i]!); } }
    rows.push({ idx, val, lb: r.lb - fixed, ub: r.ub - fixed });
  }
  const pick = (a: ArrayLike<number>) => Float64Array.from(free, (j) => a[j]!);
  return {
    ...toModelData({ numCols: free.length, rows, colCost: pick(m.colCost), colLower: pick(lo), colUpper: pick(hi), colInteger: free.map((j) => m.colInteger[j]!) }, inf),
    offset,
  };
}
