// Mixed-integer rounding (MIR) cuts of the v2 model, separated from an LP point: of its knapsack
// rows (capex per plan year, total budget, site power and racks), and of its capacity relations
// (a system's replicas for a model over all its sites, its racks at a site, a cloud instance's per
// month: whole units that carry the loads of binary assignments). Invariant: every cut holds at
// every integer point that meets its source rows, with a safety margin.
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

/**
 * δ = 1 MIR cut of a capacity relation Σ_i a_i X_i − Q ≤ b, where every X_i is 0 or 1 and Q is a
 * whole number ≥ 0 at every integer plan, at the point (xv, qv): the loads of a set T complemented
 * (X̄ = 1 − X), Σ_{i∈T} F_f(−a_i)(1 − X_i) + Σ_{i∉T} F_f(a_i) X_i − Q ≤ ⌊b'⌋ with b' = b − a(T),
 * f = frac(b'). For T alone with the other loads dropped it is the residual capacity inequality
 * Q ≥ ⌈a(T)⌉ − Σ_{i∈T} (a_i / r)(1 − X_i), r = a(T) − ⌊a(T)⌋ (for a_i ≤ r). The sets tried are
 * the prefixes of the loads the point uses, by value falling (a violated residual capacity set is
 * such a prefix). Returns the best set's size (as a prefix of `order`), f, ⌊b'⌋ and its violation
 * (in whole replicas, Q's coefficient being −1), or null when none is violated by MIN_VIOLATION.
 */
function capacityMir(a: ArrayLike<number>, xv: ArrayLike<number>, qv: number, b0: number): { order: number[]; t: number; f: number; fb: number; viol: number } | null {
  const n = a.length;
  const order: number[] = [];
  for (let i = 0; i < n; i++) if (xv[i]! > 1e-9 && a[i]! > 0) order.push(i);
  if (order.length === 0) return null;
  order.sort((p, q) => xv[q]! - xv[p]!);
  let best: { t: number; f: number; fb: number; viol: number } | null = null;
  let b = b0;
  for (let t = 0; t <= order.length; t++) {
    if (t > 0) b -= a[order[t - 1]!]!;
    const fb = Math.floor(b), f = b - fb;
    if (!(f >= MIN_F && f <= 1 - MIN_F)) continue;
    let lhs = -qv;
    for (let s = 0; s < order.length; s++) {
      const i = order[s]!;
      lhs += s < t ? mirCoef(-a[i]!, f) * (1 - xv[i]!) : mirCoef(a[i]!, f) * xv[i]!;
    }
    const viol = lhs - fb;
    if (viol > MIN_VIOLATION && (!best || viol > best.viol)) best = { t, f, fb, viol };
  }
  return best && { order, ...best };
}

/** Mixing cuts (cloudMixingCuts) of one cloud instance's pool a round, at most. */
export const MIXING_PER_POOL = 20;

/** Families of pools whose replicas are one kind: the same system for the same model, at any site. */
function poolFamilies(m: ModelV2): number[][] {
  const by = new Map<string, number[]>();
  m.pools.forEach((p, pi) => {
    const key = `${p.option.id}\u0000${p.model}`;
    const l = by.get(key);
    if (l) l.push(pi); else by.set(key, [pi]);
  });
  return [...by.values()];
}

/**
 * The most violated capacity MIR cut (capacityMir) of Σ_w a_w X_w ≤ Σ qs, where X_w is the sum of
 * w's `items` columns (0 or 1 at every integer plan: they are x's of one serve row) and a_w the least
 * of their loads, or null. The caller vouches that the relation holds at every integer plan, up to
 * `slack` at one that meetsModel accepts (the sum of its source rows' tolerances).
 */
function relationCut(items: readonly { w: number; a: number; col: number }[], qs: readonly number[], slack: number, col: ArrayLike<number>, name: string, note: string): MirCut | null {
  const slot = new Map<number, number>();
  const a: number[] = [], xv: number[] = [], cols: number[][] = [];
  for (const it of items) {
    let s = slot.get(it.w);
    if (s == null) { slot.set(it.w, (s = a.length)); a.push(it.a); xv.push(0); cols.push([]); }
    a[s] = Math.min(a[s]!, it.a);
    xv[s] = xv[s]! + (col[it.col] ?? 0);
    cols[s]!.push(it.col);
  }
  if (a.length === 0 || qs.length === 0) return null;
  let qv = 0;
  for (const c of qs) qv += col[c] ?? 0;
  let fractional = Math.abs(qv - Math.round(qv)) > 1e-6;
  for (let s = 0; s < a.length && !fractional; s++) if (Math.abs(xv[s]! - Math.round(xv[s]!)) > 1e-6) fractional = true;
  if (!fractional) return null; // an integral point meets every cut of the relation
  const best = capacityMir(a, xv.map((v) => Math.min(1, v)), qv, slack);
  return best ? mirCutRow(best, a, cols, qs, name, note) : null;
}

/**
 * The row of capacityMir's cut `best` of Σ a_s X_s ≤ Σ qs, X_s the sum of the columns `cols[s]`:
 * each X_s of its complemented set T as g (1 − X_s) = g − g X_s.
 */
function mirCutRow(best: NonNullable<ReturnType<typeof capacityMir>>, a: readonly number[], cols: readonly (readonly number[])[], qs: readonly number[], name: string, note: string): MirCut {
  const inT = new Uint8Array(a.length);
  for (let t = 0; t < best.t; t++) inT[best.order[t]!] = 1;
  let rhs = best.fb;
  const idx: number[] = [], val: number[] = [];
  for (let s = 0; s < a.length; s++) {
    const g = mirCoef(inT[s] ? -a[s]! : a[s]!, best.f);
    if (g === 0) continue;
    if (inT[s]) rhs -= g;
    for (const c of cols[s]!) { idx.push(c); val.push(inT[s] ? -g : g); }
  }
  for (const c of qs) { idx.push(c); val.push(-1); }
  return { row: { name, family: 'cut', idx, val, lb: -Infinity, ub: rhs, note }, violation: best.viol };
}

/**
 * The most violated capacity MIR cut of one system's replicas for one model over all its sites in
 * period k, or null. At every integer plan, X_w = Σ_sites x[w, site, k] is 0 or 1 (the serve row),
 * Q = Σ_sites Σ_{j≤k} q[site, j] is whole, and Σ_w a_w X_w ≤ Q with a_w the least load of w at any
 * of the sites (each pool row's loads are at least that): the relation capacityMir rounds. One
 * site alone would let the LP move load to another site's pool for free in the cut.
 */
export function poolFamilyCut(m: Pick<ModelV2, 'pools' | 'xs'>, family: readonly number[], k: number, col: ArrayLike<number>, name: string): MirCut | null {
  const items: { w: number; a: number; col: number }[] = [], qs: number[] = [];
  for (const pi of family) {
    const p = m.pools[pi]!;
    for (let j = 0; j <= k; j++) if (p.q[j] != null) qs.push(p.q[j]!);
    for (const xi of p.xs[k] ?? []) { const x = m.xs[xi]!; items.push({ w: x.w, a: x.a, col: x.col }); }
  }
  const p0 = m.pools[family[0]!]!;
  // each pool row may be RHS_SLACK / 2 over at an accepted plan: the relation sums one per site
  return relationCut(items, qs, RHS_SLACK * family.length, col, name, `rounding of the replicas of ${p0.option.id} for ${p0.model}, period ${k}`);
}

/**
 * The most violated capacity MIR cut of one system's racks at a site in period k, or null: at every
 * integer plan the units its workloads load (a_w · R of a pool's replicas) fit the units its racks
 * hold (k a rack, or a unit takes t racks), Σ_w (a_w R / k) X_w ≤ r (or Σ_w a_w R t X_w ≤ r) with r whole.
 */
export function rackCut(m: Pick<ModelV2, 'pools' | 'groups' | 'xs'>, gi: number, k: number, col: ArrayLike<number>, name: string): MirCut | null {
  const g = m.groups[gi]!;
  const per = g.fit.kind === 'per_rack' ? 1 / g.fit.k : g.fit.t;
  const items: { w: number; a: number; col: number }[] = [];
  for (const pi of g.pools) {
    const p = m.pools[pi]!;
    for (const xi of p.xs[k] ?? []) { const x = m.xs[xi]!; items.push({ w: x.w, a: x.a * p.R * per, col: x.col }); }
  }
  // the rack row's tolerance and its pools' rows', in the units the relation counts
  let slack = RHS_SLACK;
  for (const pi of g.pools) slack += RHS_SLACK * m.pools[pi]!.R * per;
  return relationCut(items, [g.r[k]!], slack, col, name, `rounding of the racks of ${g.option.id} at ${g.site.name}, period ${k}`);
}

/**
 * The most violated capacity MIR cut (capacityMir) of one ≤ row Σ a_i x_i − Σ_j y_j ≤ b whose
 * columns are all integers ≥ 0 (x binary loads, y whole instances with coefficient −1), or null.
 */
export function capacityCutOfRow(m: Pick<ModelV2, 'colInteger' | 'colLower' | 'colUpper'>, r: Row, col: ArrayLike<number>, name: string): MirCut | null {
  if (r.lb !== -Infinity || !Number.isFinite(r.ub)) return null;
  const a: number[] = [], xv: number[] = [], xc: number[] = [], qs: number[] = [];
  let qv = 0, fractional = false;
  for (let k = 0; k < r.idx.length; k++) {
    const j = r.idx[k]!, v = col[j] ?? 0;
    if (!m.colInteger[j] || m.colLower[j] !== 0) return null;
    if (Math.abs(v - Math.round(v)) > 1e-6) fractional = true;
    if (r.val[k]! > 0 && m.colUpper[j] === 1) { a.push(r.val[k]!); xv.push(v); xc.push(j); }
    else if (r.val[k] === -1) { qs.push(j); qv += v; }
    else return null;
  }
  if (!fractional || a.length === 0) return null;
  const best = capacityMir(a, xv, qv, r.ub + RHS_SLACK * Math.max(1, Math.abs(r.ub)));
  return best ? mirCutRow(best, a, xc.map((c) => [c]), qs, name, `rounding of ${r.note}`) : null;
}

/**
 * Capacity MIR cuts that `col` violates, most violated first, at most `max`: of each system's
 * replicas for a model over all its sites per period (poolFamilyCut), of each system's racks at a
 * site that charges for them per period (rackCut), of each cloud instance row (capacityCutOfRow)
 * and, in a single purchase, the mixing cuts of each cloud instance's months (cloudMixingCuts).
 * `within` (a mask over the columns): only the relations of the replicas, racks and instances it marks.
 */
export function capacityCutsV2(m: ModelV2, col: ArrayLike<number>, max: number, tag = 0, within: ArrayLike<number> | null = null): Row[] {
  const out: MirCut[] = [];
  // (with `within`: only the relations whose replicas, racks or instances it marks)
  const skip = (c: number | null | undefined) => within != null && (c == null || !within[c]);
  poolFamilies(m).forEach((fam, fi) => m.periods.forEach((per) => {
    if (skip(m.pools[fam[0]!]!.q.find((q) => q != null))) return;
    const c = poolFamilyCut(m, fam, per.period, col, `capq_${tag}_${fi}_${per.period}`);
    if (c) out.push(c);
  }));
  m.groups.forEach((g, gi) => {
    if (!(g.site.usd_per_rack_month > 0)) return; // free racks: a cut of them moves no bound
    if (skip(g.r[0])) return;
    m.periods.forEach((per) => {
      const c = rackCut(m, gi, per.period, col, `capr_${tag}_${gi}_${per.period}`);
      if (c) out.push(c);
    });
  });
  m.rows.forEach((r, i) => {
    if (r.family !== 'cloud' || skip(r.idx[r.idx.length - 1])) return;
    const c = capacityCutOfRow(m, r, col, `capz_${tag}_${i}`);
    if (c) out.push(c);
  });
  if (m.periods.length === 1) m.clouds.forEach((cp, ci) => {
    if (skip(cp.z.find((z) => z != null))) return;
    for (const c of cloudMixingCuts(m, ci, col, MIXING_PER_POOL, `mixz_${tag}_${ci}`)) out.push(c);
  });
  out.sort((p, q) => q.violation - p.violation);
  return out.slice(0, max).map((c) => c.row);
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

/**
 * Mixing cuts (Günlük and Pochet's mixing inequalities) of one cloud instance's pool over a window
 * of months, the most violated first, at most `max`. For a set T of the pool's x and months m of
 * the window, each row z_m ≥ Σ_i a_im x_i gives z_m + σ ≥ b_m with b_m = Σ_{i∈T} a_im and
 * σ = Σ_{i∈T} ā_i (1 − x_i), ā_i = max_m a_im over the window (the x outside T dropped, x ≥ 0): one
 * continuous σ ≥ 0 shared by every month, z_m whole. For months m_1 … m_t of rising
 * f_m = frac(b_m), σ ≥ Σ_j (f_{m_j} − f_{m_{j−1}}) (⌈b_{m_j}⌉ − z_{m_j}) (f_{m_0} = 0) holds at every
 * integer plan. One month alone is its own cut (capacityCutOfRow's, weaker in x); over several
 * months the LP can no longer round each month with the same fractional x, which pays in every
 * month at once. The months of each window are chosen by the most violated sequence (a longest
 * path over the months sorted by f).
 */
export function cloudMixingCuts(m: Pick<ModelV2, 'clouds' | 'xs'>, ci: number, col: ArrayLike<number>, max: number, name: string, widths: readonly number[] = [3, 6, 12, 36]): MirCut[] {
  const cp = m.clouds[ci]!;
  const months = [...cp.load.keys()].sort((p, q) => p - q);
  const M = months.length;
  if (M < 2) return [];
  const slot = new Map<number, number>();
  const xcols: number[] = [], load: Float64Array[] = [];
  months.forEach((mo, k) => {
    for (const e of cp.load.get(mo)!) {
      let s = slot.get(e.x);
      if (s == null) { slot.set(e.x, (s = xcols.length)); xcols.push(m.xs[e.x]!.col); load.push(new Float64Array(M)); }
      load[s]![k] = e.a;
    }
  });
  const zv = months.map((mo) => col[cp.z[mo]!] ?? 0);
  const xv = xcols.map((c) => col[c] ?? 0);
  const found: { viol: number; row: Row }[] = [];
  // the cut found on each set of columns: of two on the same columns, the more violated is kept
  const seen = new Map<string, number>();
  for (const th of [0.999, 0.5, 1e-6]) {
    const T = xcols.map((_, s) => s).filter((s) => xv[s]! >= th);
    if (T.length === 0) continue;
    const b = new Float64Array(M);
    for (const s of T) for (let k = 0; k < M; k++) b[k]! += load[s]![k]!;
    // each month's row may be RHS_SLACK over at an accepted plan
    for (let k = 0; k < M; k++) b[k]! -= RHS_SLACK;
    for (const w of widths) for (let k0 = 0; k0 + Math.min(w, M) <= M; k0 += Math.max(1, Math.floor(w / 2))) {
      const k1 = k0 + Math.min(w, M);
      const abar = T.map((s) => { let a = 0; for (let k = k0; k < k1; k++) a = Math.max(a, load[s]![k]!); return a; });
      let sigma = 0;
      T.forEach((s, j) => { sigma += abar[j]! * (1 - xv[s]!); });
      const ks: number[] = [];
      for (let k = k0; k < k1; k++) { const f = b[k]! - Math.floor(b[k]!); if (f >= MIN_F && f <= 1 - MIN_F) ks.push(k); }
      ks.sort((p, q) => (b[p]! - Math.floor(b[p]!)) - (b[q]! - Math.floor(b[q]!)));
      const f = ks.map((k) => b[k]! - Math.floor(b[k]!)), d = ks.map((k) => Math.ceil(b[k]!) - zv[k]!);
      const V = new Float64Array(ks.length), prev = new Int32Array(ks.length).fill(-1);
      let bestK = -1;
      for (let j = 0; j < ks.length; j++) {
        V[j] = f[j]! * d[j]!;
        for (let i = 0; i < j; i++) { const v = V[i]! + (f[j]! - f[i]!) * d[j]!; if (v > V[j]!) { V[j] = v; prev[j] = i; } }
        if (bestK < 0 || V[j]! > V[bestK]!) bestK = j;
      }
      if (bestK < 0) continue;
      const chain: number[] = [];
      for (let j = bestK; j >= 0; j = prev[j]!) chain.unshift(j);
      const top = f[chain[chain.length - 1]!]!;
      const viol = (V[bestK]! - sigma) / top;
      if (!(viol > MIN_VIOLATION)) continue;
      // Σ_j δ_j z_j − Σ_i ā_i x_i ≥ Σ_j δ_j ⌈b_j⌉ − Σ_i ā_i, divided by Σ δ_j (= the top f)
      const idx: number[] = [], val: number[] = [];
      let lb = 0, fPrev = 0;
      for (const j of chain) { const dl = f[j]! - fPrev; fPrev = f[j]!; idx.push(cp.z[months[ks[j]!]!]!); val.push(dl / top); lb += (dl / top) * Math.ceil(b[ks[j]!]!); }
      T.forEach((s, j) => { if (abar[j]! > 0) { idx.push(xcols[s]!); val.push(-abar[j]! / top); lb -= abar[j]! / top; } });
      const key = idx.join(',');
      const at = seen.get(key);
      if (at != null && found[at]!.viol >= viol) continue;
      const row: Row = { name: `${name}_${at ?? found.length}`, family: 'cut', idx, val, lb, ub: Infinity, note: `mixing of the instances of ${cp.option.id} for ${cp.model}, months ${months[k0]}–${months[k1 - 1]}` };
      if (at != null) found[at] = { viol, row };
      else { seen.set(key, found.length); found.push({ viol, row }); }
    }
  }
  found.sort((p, q) => q.viol - p.viol);
  return found.slice(0, max).map((c) => ({ row: c.row, violation: c.viol }));
}

