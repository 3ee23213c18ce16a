// Mixed-integer rounding (MIR) cuts of the knapsack rows of the v2 model (capex per plan year, total
// budget, site power and racks), separated from an LP point. Invariant: every cut holds at every
// integer point that meets its source row (all its columns are integers ≥ 0), with a safety margin.
import type { ModelV2, Row, RowFamily } from './model.ts';

/** Rows whose lumpy terms (replicas, racks, whole instances) a fractional LP fills exactly. */
const KNAPSACK: ReadonlySet<RowFamily> = new Set<RowFamily>(['capex', 'budget', 'power', 'site_racks']);

/** Fractional part of the scaled right-hand side kept away from 0 and 1 (a cut there is numerically unsafe). */
const MIN_F = 0.01;
/**
 * Relative slack added to a row's bound first: an integer plan that meetsModel accepts on the row
 * (1e-6 of its bound over it) meets the cut exactly, so a cut never turns an accepted plan away.
 */
const RHS_SLACK = 2e-6;
/** Violation (in units of the cut's largest coefficient) below which a cut is not worth a row. */
const MIN_VIOLATION = 1e-4;

/** F_f(a) = ⌊a⌋ + max(0, frac(a) − f)/(1 − f): the MIR function, continuous in a. */
function mirCoef(a: number, f: number): number {
  const fl = Math.floor(a);
  return fl + Math.max(0, a - fl - f) / (1 - f);
}

export type MirCut = { row: Row; violation: number };

/**
 * The most violated MIR cut of one ≤ row Σ a_j x_j ≤ b (x integer in [0, u_j]) at `col`, or null.
 * Binaries above ½ are complemented (x̄ = 1 − x), then for each divisor δ among the coefficients of
 * the columns the point uses (and halves of the best), Σ F_f(a'_j/δ) x'_j ≤ ⌊b'/δ⌋ with f = frac(b'/δ)
 * is valid for every integer x' ≥ 0 meeting Σ a'_j x'_j ≤ b' (the MIR inequality); mapped back to x.
 */
export function mirCutOfRow(m: Pick<ModelV2, 'colInteger' | 'colLower' | 'colUpper'>, r: Row, col: ArrayLike<number>, name: string): MirCut | null {
  if (r.lb !== -Infinity || !Number.isFinite(r.ub)) return null;
  const n = r.idx.length;
  if (n === 0) return null;
  let b = r.ub + RHS_SLACK * Math.max(1, Math.abs(r.ub));
  const a = new Float64Array(n), x = new Float64Array(n), comp = new Uint8Array(n);
  const divisors: number[] = [];
  for (let k = 0; k < n; k++) {
    const j = r.idx[k]!;
    if (!m.colInteger[j] || m.colLower[j] !== 0) return null; // MIR needs integers ≥ 0
    let ak = r.val[k]!, xk = col[j] ?? 0;
    if (m.colUpper[j] === 1 && xk > 0.5) { comp[k] = 1; b -= ak; ak = -ak; xk = 1 - xk; }
    a[k] = ak; x[k] = xk;
    const v = col[j] ?? 0;
    if (v > 1e-6 && Math.abs(v - Math.round(v)) > 1e-6 && r.val[k]! > 0) divisors.push(r.val[k]!);
  }
  if (divisors.length === 0) return null; // an integral point meets every MIR cut of the row
  const uniq = [...new Set(divisors)].sort((p, q) => q - p).slice(0, 8);
  let best: { delta: number; viol: number } | null = null;
  const tryDelta = (delta: number) => {
    const beta = b / delta;
    const fb = Math.floor(beta), f = beta - fb;
    if (!(f >= MIN_F && f <= 1 - MIN_F)) return;
    let lhs = 0, maxc = 0;
    for (let k = 0; k < n; k++) {
      const g = mirCoef(a[k]! / delta, f);
      lhs += g * x[k]!;
      maxc = Math.max(maxc, Math.abs(g));
    }
    const viol = (lhs - fb) / Math.max(1, maxc);
    if (viol > MIN_VIOLATION && (!best || viol > best.viol)) best = { delta, viol };
  };
  for (const d of uniq) tryDelta(d);
  if (best) { const d0 = (best as { delta: number }).delta; for (const s of [2, 4, 8]) tryDelta(d0 / s); }
  if (!best) return null;
  const { delta, viol } = best as { delta: number; viol: number };
  const f = b / delta - Math.floor(b / delta);
  let rhs = Math.floor(b / delta);
  const idx: number[] = [], val: number[] = [];
  for (let k = 0; k < n; k++) {
    const g = mirCoef(a[k]! / delta, f);
    if (g === 0) continue;
    if (comp[k]) { rhs -= g; idx.push(r.idx[k]!); val.push(-g); } // g (1 − x) = g − g x
    else { idx.push(r.idx[k]!); val.push(g); }
  }
  if (idx.length === 0) return null;
  return { row: { name, family: 'cut', idx, val, lb: -Infinity, ub: rhs, note: `rounding of ${r.note}` }, violation: viol };
}

/** MIR cuts of the model's knapsack rows (capex, budget, power, racks) that `col` violates, most violated first, at most `max`. */
export function knapsackCutsV2(m: ModelV2, col: ArrayLike<number>, max: number, tag = 0): Row[] {
  const out: MirCut[] = [];
  m.rows.forEach((r, i) => {
    if (!KNAPSACK.has(r.family)) return;
    const c = mirCutOfRow(m, r, col, `mir_${tag}_${i}`);
    if (c) out.push(c);
  });
  out.sort((p, q) => q.violation - p.violation);
  return out.slice(0, max).map((c) => c.row);
}
