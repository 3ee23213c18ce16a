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
