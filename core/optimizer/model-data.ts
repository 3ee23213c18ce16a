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

export function toModelData(m: LinearModel, inf: number): ModelData {
  const starts = new Int32Array(m.rows.length + 1);
  let nnz = 0;
  for (const r of m.rows) nnz += r.idx.length;
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  let k = 0;
  m.rows.forEach((r, i) => {
    starts[i] = k;
    for (let j = 0; j < r.idx.length; j++) { indices[k] = r.idx[j]!; values[k] = r.val[j]!; k++; }
  });
  starts[m.rows.length] = k;
  const clamp = (v: number) => (v === Infinity ? inf : v === -Infinity ? -inf : v);
  return {
    numCols: m.numCols,
    numRows: m.rows.length,
    colCost: Float64Array.from(m.colCost),
    colLower: Float64Array.from(m.colLower, clamp),
    colUpper: Float64Array.from(m.colUpper, clamp),
    rowLower: Float64Array.from(m.rows, (r) => clamp(r.lb)),
    rowUpper: Float64Array.from(m.rows, (r) => clamp(r.ub)),
    matrix: { format: 'csr', numRows: m.rows.length, numCols: m.numCols, starts, indices, values },
    integrality: Int32Array.from(m.colInteger, (b) => (b ? 1 : 0)),
  };
}
