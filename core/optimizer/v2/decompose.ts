// Decomposition of the v2 MILP by connected components of models (a workload listing `a|b` links
// a and b): with the coupling rows (site power and racks per period, capex per plan year, total
// budget) and the racks a system shares across components relaxed, the problem falls apart into
// one sub-MILP per component. Invariant: the sum of the sub-MILPs' bounds, minus the Lagrangian
// constant, is a lower bound on every plan of the full model (see decomposeV2).
import type { Highs, HighsCallbackMap, ModelData } from 'highs';
import { rowsData } from '../model-data.ts';
import { columnsOfV2, solutionFromColumns, type SolutionV2 } from './extract.ts';
import { capacityCutsV2 } from './cuts.ts';
import { rowActivity, validCutsV2, type ModelV2, type Row } from './model.ts';
import { now, stopNow } from './clock.ts';
import { relGap } from '../gap.ts';
import { highsOverrunMs, runMip, timeForHighs } from './guarded.ts';

export { highsOverrunMs } from './guarded.ts';

export type ComponentV2 = {
  /** models served in this component (empty: workloads nothing can serve) */
  models: string[];
  workloads: number[];
  /** columns of the full model in this component (racks of shared systems included, as copies) */
  cols: number[];
};

/** Above this many columns a sub-MILP runs without HiGHS' presolve (which cannot be interrupted). */
export const PRESOLVE_MAX_COLS = 20_000;
/**
 * Above this many columns no sub-MILP runs (its component keeps the LP's share of the bound and the
 * incumbent's plan): after its first root LP, HiGHS spent 95–112 s without a single interrupt poll
 * on the 60,163-column sub of roomy 5,000 × 1 (a sub told to stop at 11.7 s; its 31,125-column sub:
 * 2–3 s), and 88 s on the 34,126-column sub of hard 5,000 × 1 (told to stop at 7.8 s), so 60-s
 * solves took 105–144 s. Presolve off and symmetry detection off changed nothing.
 */
export const SUB_MIP_MAX_COLS = 32_000;


/** Rows a Lagrangian multiplier may price: the ≤ rows that couple components. */
const COUPLING = new Set(['power', 'site_racks', 'capex', 'budget']);

/** Components of models, largest last; workloads with no candidate form their own component. */
export function componentsV2(m: ModelV2): ComponentV2[] {
  const parent = new Map<string, string>();
  const find = (a: string): string => {
    let r = a;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(a, r);
    return r;
  };
  const add = (a: string) => { if (!parent.has(a)) parent.set(a, a); };
  m.sized.forEach((wc) => {
    const ms = [...new Set(wc.candidates.map((c) => c.model))];
    ms.forEach(add);
    for (let i = 1; i < ms.length; i++) {
      const a = find(ms[0]!), b = find(ms[i]!);
      if (a !== b) parent.set(b, a);
    }
  });
  const byRoot = new Map<string, ComponentV2>();
  const get = (root: string) => {
    let c = byRoot.get(root);
    if (!c) byRoot.set(root, (c = { models: [], workloads: [], cols: [] }));
    return c;
  };
  for (const model of parent.keys()) get(find(model)).models.push(model);
  const compOfModel = (model: string) => get(find(model));
  const EMPTY = '\u0000none';
  m.sized.forEach((wc, wi) => {
    const c = wc.candidates.length > 0 ? compOfModel(wc.candidates[0]!.model) : get(EMPTY);
    c.workloads.push(wi);
    for (const byK of m.byWk[wi]!) for (const xi of byK) c.cols.push(m.xs[xi]!.col);
    for (const y of m.ys[wi]!) if (y != null) c.cols.push(y);
  });
  const wComp = new Map<number, ComponentV2>();
  for (const c of byRoot.values()) for (const wi of c.workloads) wComp.set(wi, c);
  for (const ed of m.edges) { const c = wComp.get(ed.w)!; for (const e of ed.e) if (e != null) c.cols.push(e); }
  const groupsOf = new Map<ComponentV2, Set<number>>();
  for (const p of m.pools) {
    const c = compOfModel(p.model);
    for (const q of p.q) if (q != null) c.cols.push(q);
    if (!groupsOf.has(c)) groupsOf.set(c, new Set());
    groupsOf.get(c)!.add(p.group);
  }
  for (const cp of m.clouds) { const c = compOfModel(cp.model); for (const z of cp.z) if (z != null) c.cols.push(z); }
  for (const [c, gs] of groupsOf) for (const g of gs) c.cols.push(...m.groups[g]!.r);
  const out = [...byRoot.values()].filter((c) => c.cols.length > 0);
  for (const c of out) { c.cols.sort((a, b) => a - b); c.models.sort(); }
  return out.sort((a, b) => a.cols.length - b.cols.length);
}

/** Rack columns of systems whose pools span several components (a continuous share in each sub). */
export function sharedRackCols(m: ModelV2, comps: ComponentV2[]): Set<number> {
  const owner = new Map<number, ComponentV2>();
  const out = new Set<number>();
  for (const c of comps) for (const j of c.cols) {
    if (m.colKind[j] !== 'r') continue;
    const o = owner.get(j);
    if (o && o !== c) out.add(j);
    else owner.set(j, c);
  }
  return out;
}

/**
 * Per component, the racks of each shared system (sharedRackCols) that the plan `col` gives it: its
 * own pools' units' racks in each period, unrounded (the share by which a plan of the full model maps
 * to a point of each sub: decomposeV2). The whole group's racks in every sub would cost the system's
 * racks of the other components in each of them.
 */
export function sharedRackShares(m: Pick<ModelV2, 'numCols' | 'groups' | 'pools'>, comps: readonly Pick<ComponentV2, 'cols'>[], shared: ReadonlySet<number>, col: ArrayLike<number>): Map<number, number>[] {
  // component of each column held by one component only (-1: none or several)
  const compOf = new Int32Array(m.numCols).fill(-1);
  comps.forEach((c, ci) => { for (const j of c.cols) if (!shared.has(j)) compOf[j] = ci; });
  const out = comps.map(() => new Map<number, number>());
  for (const g of m.groups) g.r.forEach((c, k) => {
    if (!shared.has(c)) return;
    const units = new Map<number, number>();
    for (const pi of g.pools) {
      const p = m.pools[pi]!;
      const q0 = p.q.find((q) => q != null);
      if (q0 == null) continue;
      let u = 0;
      for (let j = 0; j <= k; j++) if (p.q[j] != null) u += col[p.q[j]!]! * p.R;
      units.set(compOf[q0]!, (units.get(compOf[q0]!) ?? 0) + u);
    }
    for (const [ci, u] of units) if (ci >= 0) out[ci]!.set(c, g.fit.kind === 'per_rack' ? u / g.fit.k : u * g.fit.t);
  });
  // a component that holds the racks but none of the system's units in the plan: none of them
  comps.forEach((comp, ci) => { for (const j of comp.cols) if (shared.has(j) && !out[ci]!.has(j)) out[ci]!.set(j, 0); });
  return out;
}

export type SubModelV2 = { data: ModelData; cols: number[] };

/**
 * The sub-MILP of one component: its columns; the rows wholly inside it; a ≤ row that reaches
 * outside (site power and racks, capex, budget, a shared system's racks) kept on this component's
 * terms, which only relaxes it since the dropped terms are non-negative; racks of a shared system
 * as a continuous share (Σ shares ≤ the racks of any plan), whole-rack cuts on them dropped.
 * `cost`: the objective per full-model column (costs plus the Lagrangian prices). `extra`: more
 * rows of the full model (valid cuts), kept by the same rule.
 */
export function subModelV2(highs: Highs, m: Pick<ModelV2, 'numCols' | 'rows' | 'colLower' | 'colUpper' | 'colInteger'>, comp: ComponentV2, shared: Set<number>, cost: ArrayLike<number>, extra: readonly Row[] = []): SubModelV2 {
  const map = new Int32Array(m.numCols).fill(-1);
  comp.cols.forEach((c, j) => { map[c] = j; });
  const starts: number[] = [0], indices: number[] = [], values: number[] = [], rl: number[] = [], ru: number[] = [];
  for (const rows of [m.rows, extra]) for (const r of rows) {
    let inside = 0, droppedNeg = false, droppedPos = false, sharedR = false;
    for (let k = 0; k < r.idx.length; k++) {
      const c = r.idx[k]!;
      if (map[c]! >= 0) { inside++; if (shared.has(c)) sharedR = true; }
      else if (r.val[k]! < 0) droppedNeg = true;
      else if (r.val[k]! > 0) droppedPos = true;
    }
    if (inside === 0) continue;
    if (r.family === 'cut' && sharedR) continue; // r is a share here: whole-rack cuts do not hold
    const whole = !droppedNeg && !droppedPos;
    const keep = whole || (r.lb === -Infinity && !droppedNeg) || (r.ub === Infinity && !droppedPos);
    if (!keep) continue;
    for (let k = 0; k < r.idx.length; k++) {
      const j = map[r.idx[k]!]!;
      if (j >= 0) { indices.push(j); values.push(r.val[k]!); }
    }
    starts.push(indices.length);
    rl.push(r.lb); ru.push(r.ub);
  }
  const inf = highs.infinity;
  const clamp = (v: number) => (v === Infinity ? inf : v === -Infinity ? -inf : v);
  const n = comp.cols.length;
  return {
    cols: comp.cols,
    data: {
      numCols: n,
      numRows: rl.length,
      colCost: Float64Array.from(comp.cols, (c) => cost[c]!),
      colLower: Float64Array.from(comp.cols, (c) => m.colLower[c]!),
      colUpper: Float64Array.from(comp.cols, (c) => clamp(m.colUpper[c]!)),
      rowLower: Float64Array.from(rl, clamp),
      rowUpper: Float64Array.from(ru, clamp),
      matrix: { format: 'csr', numRows: rl.length, numCols: n, starts: Int32Array.from(starts), indices: Int32Array.from(indices), values: Float64Array.from(values) },
      integrality: Int32Array.from(comp.cols, (c) => (m.colInteger[c] && !shared.has(c) ? 1 : 0)),
    },
  };
}

/** Whether a cut row's columns lie in more than one component (`compOf`: component per column, -1 for a column in several). */
function spans(r: Row, compOf: Int32Array): boolean {
  let c0 = -2;
  for (const j of r.idx) {
    const c = compOf[j]!;
    if (c < 0) return true;
    if (c0 === -2) c0 = c;
    else if (c !== c0) return true;
  }
  return false;
}

/**
 * Lagrangian prices λ ≥ 0 of the coupling rows from LP duals (a binding ≤ row of a minimisation has
 * dual ≤ 0). With `comps`, the ≤ cuts that span components (rounding cuts of a budget or of a site's
 * power) are priced too: a sub keeps at most this component's terms of them, so their share of the
 * LP's bound would otherwise be lost. `priced` counts the coupling rows only; `rows` is every priced row.
 */
export function couplingPrices(m: ModelV2, rowDual: ArrayLike<number> | null, comps: readonly ComponentV2[] | null = null): { cost: Float64Array; constant: number; priced: number; rows: Set<number> } {
  const cost = Float64Array.from(m.colCost);
  let constant = 0, priced = 0;
  const rows = new Set<number>();
  let compOf: Int32Array | null = null;
  if (comps) {
    compOf = new Int32Array(m.numCols).fill(-2);
    comps.forEach((c, ci) => { for (const j of c.cols) compOf![j] = compOf![j] === -2 ? ci : -1; });
  }
  if (rowDual) {
    m.rows.forEach((r, i) => {
      if (i >= rowDual.length || r.lb !== -Infinity || !Number.isFinite(r.ub)) return;
      const coupling = COUPLING.has(r.family);
      if (!coupling && !(r.family === 'cut' && compOf && spans(r, compOf))) return;
      const l = Math.max(0, -rowDual[i]!);
      if (!(l > 1e-9)) return;
      if (coupling) priced++;
      rows.add(i);
      constant -= l * r.ub;
      for (let k = 0; k < r.idx.length; k++) cost[r.idx[k]!]! += l * r.val[k]!;
    });
  }
  return { cost, constant, priced, rows };
}

/**
 * Whether plan `col` sits at the positive limit of a coupling row (within `share` of it): where the
 * LP prices none, the subs, which do not see it, make plans that break it together (a limit of 0 is
 * kept by the columns' bounds: model.ts caps purchases by the capex budget).
 */
export function atCouplingLimit(m: ModelV2, col: ArrayLike<number>, share = 1e-3): boolean {
  return m.rows.some((r) => {
    if (!COUPLING.has(r.family) || !Number.isFinite(r.ub) || r.ub <= 0) return false;
    return rowActivity(r, col) >= r.ub - share * Math.abs(r.ub);
  });
}

/**
 * Upper bounds per column of the model that some optimal plan meets: a month's cloud instances at
 * most the replicas of every workload that may rent them at once (more pays for idle instances, and
 * every row z is in holds as well with fewer); the column's own upper bound elsewhere.
 */
export function impliedUpper(m: ModelV2): Float64Array {
  const out = Float64Array.from(m.colUpper);
  for (const cp of m.clouds) for (const [mo, l] of cp.load) {
    const j = cp.z[mo]!;
    out[j] = Math.min(out[j]!, Math.max(0, Math.ceil(l.reduce((s, e) => s + e.a, 0) - 1e-9)));
  }
  return out;
}

/**
 * Lower bounds on the components' sub-MILPs from LP duals, in one pass over the rows, by weak
 * duality: for any row prices y of the right signs (y > 0 only on a finite lower bound, y < 0 only
 * on a finite upper one) over rows a sub holds, min c·x over the sub's LP ≥ Σ_r y_r·(its bound) +
 * Σ_j min(d_j·l_j, d_j·u_j) with d = c − Aᵀy. The full LP's duals serve as y on every row a sub holds
 * (by subModelV2's rule: wholly inside it, or a ≤ row whose dropped terms are positive, or a ≥ row
 * whose dropped terms are negative; not a cut on a shared system's racks); a row priced into `cost`
 * gets 0. So a sub never solved still bounds its component by its share of the LP's bound. −∞ for a
 * component with a column of no upper bound and a negative reduced cost. `upper`: upper bounds per
 * column that some optimal plan of each sub meets (impliedUpper).
 */
export function lpShares(
  m: Pick<ModelV2, 'numCols' | 'rows' | 'colLower'>, comps: readonly Pick<ComponentV2, 'cols'>[], cost: ArrayLike<number>,
  rowDual: ArrayLike<number>, priced: ReadonlySet<number>, upper: ArrayLike<number>,
): number[] {
  // component of each column: -2 none, -1 in several (a shared system's racks: a copy in each)
  const compOf = new Int32Array(m.numCols).fill(-2);
  const sharedIn = new Map<number, Set<number>>();
  comps.forEach((c, ci) => {
    for (const j of c.cols) {
      if (compOf[j] === -2) { compOf[j] = ci; continue; }
      if (compOf[j]! >= 0) sharedIn.set(j, new Set([compOf[j]!]));
      compOf[j] = -1;
      sharedIn.get(j)!.add(ci);
    }
  });
  const inComp = (j: number, c: number) => compOf[j] === c || (compOf[j] === -1 && sharedIn.get(j)!.has(c));
  const bound = new Float64Array(comps.length), scale = new Float64Array(comps.length);
  const d = Float64Array.from(cost);
  // reduced costs of a shared column, per component (key: c · numCols + j)
  const dShared = new Map<number, number>();
  const n = Math.min(rowDual.length, m.rows.length);
  const touched: number[] = [];
  for (let i = 0; i < n; i++) {
    if (priced.has(i)) continue;
    const r = m.rows[i]!;
    let y = rowDual[i]!;
    if (!Number.isFinite(y) || (y > 0 && !Number.isFinite(r.lb)) || (y < 0 && !Number.isFinite(r.ub))) y = 0;
    if (y === 0 || r.idx.length === 0) continue;
    touched.length = 0;
    for (const j of r.idx) {
      if (compOf[j]! >= 0) { if (!touched.includes(compOf[j]!)) touched.push(compOf[j]!); }
      else if (compOf[j] === -1) for (const c of sharedIn.get(j)!) if (!touched.includes(c)) touched.push(c);
    }
    for (const c of touched) {
      let droppedNeg = false, droppedPos = false, sharedR = false;
      for (let k = 0; k < r.idx.length; k++) {
        const j = r.idx[k]!;
        if (inComp(j, c)) { if (compOf[j] === -1) sharedR = true; }
        else if (r.val[k]! < 0) droppedNeg = true;
        else if (r.val[k]! > 0) droppedPos = true;
      }
      if (r.family === 'cut' && sharedR) continue;
      const keep = (!droppedNeg && !droppedPos) || (r.lb === -Infinity && !droppedNeg) || (r.ub === Infinity && !droppedPos);
      if (!keep) continue;
      const t = y * (y > 0 ? r.lb : r.ub);
      bound[c] = bound[c]! + t; scale[c] = scale[c]! + Math.abs(t);
      for (let k = 0; k < r.idx.length; k++) {
        const j = r.idx[k]!;
        if (compOf[j] === c) d[j] = d[j]! - y * r.val[k]!;
        else if (compOf[j] === -1 && sharedIn.get(j)!.has(c)) { const key = c * m.numCols + j; dShared.set(key, (dShared.get(key) ?? cost[j]!) - y * r.val[k]!); }
      }
    }
  }
  return comps.map((comp, ci) => {
    let b = bound[ci]!, sc = scale[ci]!;
    for (const j of comp.cols) {
      const dj = compOf[j] === -1 ? (dShared.get(ci * m.numCols + j) ?? cost[j]!) : d[j]!;
      if (dj === 0) continue;
      const v = dj > 0 ? m.colLower[j]! : upper[j]!;
      if (!Number.isFinite(v)) return -Infinity;
      b += dj * v; sc += Math.abs(dj * v);
    }
    // floating-point sums: a margin well above their rounding
    return b - 1e-9 * sc;
  });
}

/** Cut rounds on a sub's own LP at most (subLpBound). */
export const SUB_LP_ROUNDS = 30;
/** Capacity and mixing cuts (cuts.ts capacityCutsV2) added to a sub's LP a round, at most. */
export const SUB_LP_CUTS = 200;
/**
 * A sub's LP rounds stop when three rounds raised its bound by under this (relative): its rise comes
 * in steps (deepseek-r1: 39.6671, 39.6679, 39.6681, 39.6696, 39.6696, 39.6803, 39.6978).
 */
export const SUB_LP_STALL = 3e-5;
/**
 * Share of a sub's first run that its LP's cut rounds may take (decomposeV2 `subLp`). The rest is its
 * MILP's, which starts from the same rows (the rounds' cuts serve the bound only). bench/optimizer.ts
 * single purchase, 1,000 workloads, 10 s (locked, load 3–11): bound $373.930–373.934 M → $374.033–374.059 M
 * (the deepseek-r1 sub $39.667 M → $39.783–39.793 M), gap 0.294–0.295 % (5 runs, plan $375.035 M each)
 * → 0.260–0.277 % in 9 runs of 10 (plan $375.035–375.089 M: that sub's MILP, with less time, mostly
 * ends at its second-best plan) and 0.552 % in one (plan $376.109 M, at load 3.5; not explained). At
 * 0.5: $374.057–374.060 M, plan $375.077–375.118 M, 0.271–0.283 % (4 runs). The rounds after the
 * sub's MILP instead of before: 0.293 % and 0.305 % (plan $375.145 M and $375.187 M).
 */
export const SUB_LP_SHARE = 0.3;
/**
 * Subs up to this many columns take the LP's cut rounds. A larger sub's rounds cost its MILP the time
 * its plan needs: 1,000 workloads, single purchase, 10 s, the llama-3.3-70b sub's 9,358 columns ended
 * with a plan $6.9 M dearer and the solve's plan $376.0 M against $375.05 M (measured at a bound of
 * 2,000). The llama-3.1-8b sub's 6,581 columns gain more from them than from its MILP, which in 10 s
 * never found a plan cheaper than its start and stays at HiGHS' root: from the $3.352 M its share of
 * the LP's bound gave it, its LP's rounds reach $3.360 M in one round and $3.390 M in ten (0.6 s), where
 * its MILP's bound is $3.352–3.353 M at 1 s and $3.360 M at 2–4 s. bench/optimizer.ts single purchase, 1,000 workloads, 10 s (locked,
 * interleaved, 5 runs each at load 2.7–5.5): 2,000 → 7,000: the sub's bound $3.352–3.353 M → $3.375 M,
 * the solve's bound $374.042–374.060 M → $374.072–374.082 M, gap 0.260–0.279 % → 0.255–0.268 %, the
 * plan $375.033–375.089 M both (the search's spread); at 10,000 (the 70B sub too, 2 runs) $374.084 M,
 * 0.255–0.257 %, the plan $375.042–375.047 M. A larger share of the sub's time for its rounds (0.5,
 * 0.7 for subs above 2,000 columns): its bound $3.390–3.392 M, the gap 0.257–0.270 % (4 runs, load
 * 3.3–6), the plans dearer in 3 of them, so SUB_LP_SHARE stands. The same generator's 300 and
 * 500 workloads at 10 s (subs of 2,037–4,432 columns, one run each): 0.114 % → 0.087 % and 0.339 % →
 * 0.318 %, the plans as cheap or cheaper; at 2 s and at 2,000 workloads (subs of 14k–18k columns) the same.
 */
export const SUB_LP_MAX_COLS = 7000;

/**
 * A lower bound on sub `sub` of component `comp` (in its own costs) from its LP with rounds of the
 * capacity and mixing cuts (cuts.ts capacityCutsV2) its point violates, or null when its first LP
 * does not end in time. Every cut holds at every integer plan of the full model, and only cuts on
 * the component's own columns are taken (not a shared system's racks, which a plan maps to a share),
 * so every plan's point in the sub (decomposeV2) meets them: the LP's optimum stays a bound on the
 * sub. In a single purchase the full LP's rounds stop when the whole bound stalls, while a sub's LP
 * still rises (bench/optimizer.ts's 1,000 workloads, 30 rounds from every round's rows of the full
 * LP, niced, load ~9): the deepseek-r1 sub $39.667 M → $39.800 M in 1.2 s (its optimum $39.915 M),
 * llama-3.1-8b $3.358 M → $3.414 M in 3.9 s, llama-3.3-70b $43.226 M → $43.271 M in 3.1 s; the
 * llama-3.1-405b sub stalls at $209.540 M after 11 rounds (its whole-instance bound, x relaxed, is
 * $209.793 M: the cuts its point still violates barely move it).
 */
export function subLpBound(highs: Highs, m: ModelV2, comp: ComponentV2, shared: ReadonlySet<number>, sub: SubModelV2, until: number, cancelFlag?: Int32Array): number | null {
  const loc = new Int32Array(m.numCols).fill(-1);
  const within = new Uint8Array(m.numCols);
  comp.cols.forEach((c, j) => { if (!shared.has(c)) { loc[c] = j; within[c] = 1; } });
  const halt = () => stopNow(until, cancelFlag);
  if (halt()) return null;
  const model = highs.createModel({ ...sub.data, integrality: new Int32Array(sub.data.numCols) });
  try {
    const S = highs.constants.modelStatus;
    const ct = highs.constants.callbackType;
    const cbs: HighsCallbackMap = { [ct.simplexInterrupt](e) { if (halt()) e.interrupt(); } };
    model.options.set({ output_flag: false, presolve: 'off', time_limit: Math.max(0.01, (until - now()) / 1000) });
    model.run(cbs);
    if (model.getModelStatus() !== S.optimal) return null;
    let bound = model.getObjectiveValue();
    const hist = [bound];
    const full = new Float64Array(m.numCols);
    for (let round = 0; round < SUB_LP_ROUNDS && !halt(); round++) {
      const h = hist.length;
      if (h > 3 && hist[h - 1]! - hist[h - 4]! <= SUB_LP_STALL * Math.max(1, Math.abs(bound))) break;
      const x = model.getSolution().colValue;
      full.fill(0);
      comp.cols.forEach((c, j) => { full[c] = x[j]!; });
      const cuts = capacityCutsV2(m, full, SUB_LP_CUTS, round, within).filter((r) => r.idx.every((j) => loc[j]! >= 0));
      if (cuts.length === 0) break;
      const { lower, upper, matrix } = rowsData(cuts, comp.cols.length, highs.infinity, (j) => loc[j]!);
      model.addRows({ lower, upper, matrix });
      model.zeroAllClocks();
      model.options.set({ time_limit: Math.max(0.01, (until - now()) / 1000) });
      model.run(cbs);
      // stopped mid-round: the last optimal LP's bound stands
      if (model.getModelStatus() !== S.optimal) break;
      bound = Math.max(bound, model.getObjectiveValue());
      hist.push(bound);
    }
    return bound;
  } finally {
    model.dispose();
  }
}

export type DecomposeV2 = {
  /** Σ sub bounds + Lagrangian constant: a lower bound on the full model; null when a sub gave none */
  bound: number | null;
  /** the sub plans put together (over `warm` where a sub found none); null when no sub found one */
  solution: SolutionV2 | null;
  /** each component's columns and their values in its sub plan (for a merge one component at a time) */
  parts: { comp: ComponentV2; col: Float64Array }[];
  /** sub-MILP runs (a sub re-run in the second pass counts again) */
  subs: number;
  priced: number;
  /**
   * per component: columns, HiGHS status of its last run (-1: never run, no time to solve it), its
   * best bound and plan in the priced costs, milliseconds over its runs, runs (for the bench), and
   * the bound of its LP with its own cut rounds (subLpBound; -Infinity when they did not run or end)
   */
  log: { cols: number; status: number; bound: number; objective: number; ms: number; runs: number; lp: number }[];
};

/**
 * Components up to this many columns get every valid cut of their workloads (HiGHS' root then starts
 * from a tighter LP). Off by default: on an idle machine (bench/optimizer.ts, 1,000 workloads single
 * purchase, 10 s) the cuts left the 934-column sub at a 1.14 % gap against 0.19 % without them, and
 * the plan at 1.31 % against 0.79 %; the 3-period scenarios were the same either way.
 */
export const SUB_CUTS_MAX_COLS = 0;
/**
 * ...and when its time is at least this many LPs of the sub with its cuts (at the LP stage's rate
 * per column): with less, the slower root costs the sub its plan (a 934-column sub with its 7.4k
 * cuts ended 1 % dearer in 2.9 s on a loaded machine than without them).
 */
export const CUT_TIME_FACTOR = 20;
/**
 * Share of the decomposition's time for the first pass over every component (all of it: a re-run
 * repeats HiGHS' root, so the largest sub gets one long run); what the pass leaves goes to the subs by their gaps.
 */
export const FIRST_PASS_SHARE = 1;

/**
 * Solves each component's sub-MILP with the coupling rows priced at λ: a first pass over every
 * component (smallest first, an even share of the first pass's time each), then the time left to
 * the subs that have not met `relGap`, in proportion to their gap in dollars, each re-run warm from
 * its best plan. Validity of the bound: any plan of the full model maps to a
 * point of every sub (its own terms; a shared system's racks split in proportion to its units)
 * that costs no more and keeps every kept row (the valid cuts hold at every integer plan), so
 * Σ_c min(sub_c) + Σ λ(a·x − ub) ≤ that plan's cost for λ ≥ 0, and Σ_c (best dual bound of any run
 * of sub_c) − Σ λ·ub bounds every plan from below.
 */
export function decomposeV2(
  highs: Highs,
  m: ModelV2,
  o: {
    deadline: number; cancelFlag?: Int32Array; rowDual: ArrayLike<number> | null; warm: SolutionV2 | null; relGap?: number; comps?: ComponentV2[];
    /**
     * milliseconds a column of the full model's LP took: a sub whose share of the time is under
     * half its LP at that rate is skipped in the first pass (it would end with neither a plan nor
     * a bound), its time left to the rest and its component to `warm` unless the second pass
     * reaches it; the bound is null while a component has none
     */
    lpMsPerCol?: number;
    /** components up to this many columns get every valid cut (default SUB_CUTS_MAX_COLS) */
    cutsMaxCols?: number;
    /** share of the time for the first pass (default FIRST_PASS_SHARE); 1: no second pass */
    firstPassShare?: number;
    /**
     * the first this many rows of m.rows make the sub-MILPs (default all): the model's rows and the
     * early cut rounds' (relax.ts: subRows); the bounds stand either way, every cut being valid
     */
    rows?: number;
    /** an earlier run with the same comps, rowDual and rows: its bounds and plans kept, its closed subs not run again */
    prior?: DecomposeV2;
    /**
     * before a sub's first MILP run, its LP with cut rounds (subLpBound) for up to SUB_LP_SHARE of
     * that run's time, its bound kept when higher (default false)
     */
    subLp?: boolean;
    /** told of each better plan of a sub while it runs (the caller may merge it into its incumbent at once) */
    onPart?: (part: { comp: ComponentV2; col: Float64Array }) => void;
  },
): DecomposeV2 {
  const comps = o.comps ?? componentsV2(m);
  const shared = sharedRackCols(m, comps);
  const { cost, constant, priced, rows: pricedRows } = couplingPrices(m, o.rowDual, comps);
  const warmCol = o.warm ? columnsOfV2(m, o.warm) : null;
  const warmShares = warmCol ? sharedRackShares(m, comps, shared, warmCol) : null;
  const stop = () => stopNow(o.deadline, o.cancelFlag);
  const subRows = o.rows != null && o.rows < m.rows.length
    ? { numCols: m.numCols, rows: m.rows.slice(0, o.rows), colLower: m.colLower, colUpper: m.colUpper, colInteger: m.colInteger }
    : m;
  const target = o.relGap ?? 1e-5;
  const cutsMax = o.cutsMaxCols ?? SUB_CUTS_MAX_COLS;
  let subs = 0;
  const S = highs.constants.modelStatus;
  let infeasible = false;
  /** The sub-MILPs of one set of costs: their models, each component's best bound and plan. */
  type Pass = { cost: ArrayLike<number>; priced: ReadonlySet<number>; models: (SubModelV2 | null)[]; log: DecomposeV2['log']; best: (Float64Array | null)[]; shares: number[] | null; lpTried: boolean[] };
  const pass = (c: ArrayLike<number>, pr: ReadonlySet<number>): Pass => ({
    cost: c, priced: pr, models: comps.map(() => null), best: comps.map(() => null), shares: null, lpTried: comps.map(() => false),
    log: comps.map((k) => ({ cols: k.cols.length, status: -1, bound: -Infinity, objective: Infinity, ms: 0, runs: 0, lp: -Infinity })),
  });
  const main = pass(cost, pricedRows);
  const { log, best } = main;
  // a resumed decomposition: each component's bound and plan so far (same prices), its closed subs not run again
  if (o.prior) {
    o.prior.log.forEach((l, ci) => { Object.assign(log[ci]!, { status: l.status, bound: l.bound, objective: l.objective }); });
    for (const part of o.prior.parts) { const ci = comps.indexOf(part.comp); if (ci >= 0 && !best[ci]) best[ci] = part.col; }
  }
  // the incumbent's part of a component in the priced costs (a plan of its sub; HiGHS starts from it)
  // (a shared system's racks as this component's share, sharedRackShares)
  const warmPart = (ci: number) => (warmCol ? Float64Array.from(comps[ci]!.cols, (c) => warmShares![ci]!.get(c) ?? warmCol[c]!) : null);
  const pricedCost = (ci: number, col: ArrayLike<number>) => { let v = 0; comps[ci]!.cols.forEach((c, j) => { v += cost[c]! * col[j]!; }); return v; };

  /** One run of sub `ci` of pass `p` until `until` (ms), from `start`; its bound and plan kept when better. */
  const run = (p: Pass, ci: number, until0: number, start: Float64Array | null) => {
    const comp = comps[ci]!;
    // HiGHS may run past its limit by an LP of this size: it stops that much before the deadline
    const until = Math.min(until0, o.deadline - highsOverrunMs(comp.cols.length, o.lpMsPerCol));
    if (until <= now() || comp.cols.length > SUB_MIP_MAX_COLS) return;
    if (!p.models[ci]) {
      // every valid cut when the sub is small and its time is ample for a root LP that much larger
      let cuts = comp.cols.length <= cutsMax ? validCutsV2(m, comp.workloads.flatMap((wi) => m.byWk[wi]!.flat())) : [];
      if (o.lpMsPerCol != null && until - now() < CUT_TIME_FACTOR * o.lpMsPerCol * (comp.cols.length + cuts.length)) cuts = [];
      p.models[ci] = subModelV2(highs, subRows, comp, shared, p.cost, cuts);
    }
    const sub = p.models[ci];
    const t = now();
    // (once per sub: not again in a resumed decomposition, whose prior run kept the bound)
    if (o.subLp && p === main && !o.prior && !p.lpTried[ci] && comp.cols.length <= SUB_LP_MAX_COLS) {
      p.lpTried[ci] = true;
      // (from every cut round's rows of the full LP: the sub's MILP takes only the first rounds')
      const lpSub = subRows === m ? sub : subModelV2(highs, m, comp, shared, p.cost);
      const b = subLpBound(highs, m, comp, shared, lpSub, Math.min(until, now() + (until - now()) * SUB_LP_SHARE), o.cancelFlag);
      if (b != null) p.log[ci]!.lp = b;
      if (b != null && b > p.log[ci]!.bound) p.log[ci]!.bound = b;
      if (until <= now()) { p.log[ci]!.ms += now() - t; return; }
    }
    const halt = () => stop() || now() > until;
    const r = runMip(highs, sub.data, {
      options: { output_flag: false, mip_rel_gap: target, mip_abs_gap: 1e-6 },
      // HiGHS' presolve does not check the interrupt: a large sub goes without it so a cancel is honoured
      presolve: comp.cols.length > PRESOLVE_MAX_COLS ? 'off' : 'choose',
      start,
      timeLimitS: () => (until - now()) / 1000,
      halt,
      // another run after a refused claim (guarded.ts runMip): within the sub's own time, as any run
      again: () => !halt() && timeForHighs(until - now(), comp.cols.length, o.lpMsPerCol ?? null),
      ...(o.onPart && p === main ? { onSolution: (_: number, col: Float64Array | null) => { if (col) o.onPart!({ comp, col: Float64Array.from(col) }); } } : {}),
    });
    subs += r.runs;
    const l = p.log[ci]!;
    l.status = r.status; l.ms += now() - t; l.runs += r.runs;
    if (r.infeasible) { infeasible = true; return; }
    // (a refused claim leaves the bound the run had before it: no proof; its plan is still a plan)
    const b = r.optimal && r.col ? (r.bound != null ? Math.min(r.bound, r.objective) : r.objective) : (r.bound ?? -Infinity);
    if (Number.isFinite(b) && b > l.bound) l.bound = b;
    if (r.col && r.objective < l.objective) { l.objective = r.objective; p.best[ci] = Float64Array.from(r.col); }
  };
  // each sub's share of the LP's bound (weak duality with the LP's duals): its bound until HiGHS
  // proves a better one, and the only one of a sub that gets no time
  const lpShare = (p: Pass, ci: number) => {
    if (!o.rowDual) return;
    p.shares ??= lpShares(m, comps, p.cost, o.rowDual, p.priced, impliedUpper(m));
    const b = p.shares[ci]!;
    if (b > p.log[ci]!.bound) p.log[ci]!.bound = b;
  };
  const open = (ci: number) => {
    const l = log[ci]!;
    return !(Number.isFinite(l.bound) && Number.isFinite(l.objective) && l.objective - l.bound <= Math.max(1e-6, target * Math.abs(l.objective)));
  };
  /** Σ the pass's sub bounds + `c0` (null while a component has none) */
  const boundOf = (p: Pass, c0: number): number | null => {
    let b: number | null = c0;
    for (const l of p.log) if (b != null) b = Number.isFinite(l.bound) ? b + l.bound : null;
    return b;
  };

  // first pass: an even share of what is left of the first pass's time; the small components,
  // solved first, leave theirs to the large
  const t0 = now();
  const firstEnd = t0 + (o.deadline - t0) * Math.min(1, Math.max(0, o.firstPassShare ?? FIRST_PASS_SHARE));
  for (let ci = 0; ci < comps.length && !infeasible; ci++) {
    if (stop()) break;
    if (!open(ci)) continue;
    const share = (Math.max(firstEnd, now()) - now()) / (comps.length - ci);
    if (o.lpMsPerCol != null && share < 0.5 * o.lpMsPerCol * comps[ci]!.cols.length) continue;
    run(main, ci, now() + share, warmPart(ci));
  }
  // second pass: the time left shared among the open subs in proportion to their gap in dollars
  // (a sub with no bound weighs twice the largest gap: every sub needs one for the bound), largest
  // first, each warm from the cheaper of its own plan and the incumbent's part
  if (!infeasible) comps.forEach((_, ci) => { if (!Number.isFinite(log[ci]!.bound)) lpShare(main, ci); });
  const gapOf = (ci: number) => { const l = log[ci]!; return Number.isFinite(l.bound) ? l.objective - l.bound : Infinity; };
  const order = comps.map((_, ci) => ci).filter(open).sort((a, b) => gapOf(b) - gapOf(a));
  const finite = order.map(gapOf).filter(Number.isFinite);
  const weight = (ci: number) => { const g = gapOf(ci); return Number.isFinite(g) ? g : 2 * Math.max(1, ...finite); };
  let left = order.reduce((a, ci) => a + weight(ci), 0);
  for (const ci of order) {
    if (infeasible || stop()) break;
    const w = weight(ci);
    const share = ((o.deadline - now()) * w) / Math.max(w, left);
    left -= w;
    if (o.lpMsPerCol != null && share < 0.5 * o.lpMsPerCol * comps[ci]!.cols.length) continue;
    const inc = warmPart(ci), own = best[ci] ?? null;
    const start = inc && (!own || pricedCost(ci, inc) < log[ci]!.objective) ? inc : own;
    run(main, ci, now() + share, start);
  }
  if (!infeasible) comps.forEach((_, ci) => lpShare(main, ci));
  let bound: number | null = infeasible ? null : boundOf(main, constant);
  // the plain pass: with no coupling row priced, only cuts that span components were (couplingPrices),
  // which helps the bound of a sub that stays open but costs a Lagrangian gap where every sub is
  // solved. The subs solved again in the plain costs, the sum of their bounds bounds the model too.
  // Roomy 12 periods × 20 workloads at 10 s: both subs proven in the priced costs, the bound 3.1 %
  // under the plan that CBC proves optimal
  const plain = !infeasible && priced === 0 && pricedRows.size > 0 && comps.every((_, ci) => !open(ci)) && warmCol
    && bound != null && relGap(objectiveOf(m.colCost, warmCol), bound) > target ? pass(m.colCost, new Set()) : null;
  if (plain) {
    for (let ci = 0; ci < comps.length && !infeasible && !stop(); ci++) run(plain, ci, now() + (o.deadline - now()) / (comps.length - ci), best[ci] ?? warmPart(ci));
    if (!infeasible) comps.forEach((_, ci) => lpShare(plain, ci));
    const b0 = infeasible ? null : boundOf(plain, 0);
    if (b0 != null && bound != null && b0 > bound) bound = b0;
    plain.log.forEach((l, ci) => { log[ci]!.ms += l.ms; log[ci]!.runs += l.runs; });
  }
  if (infeasible) bound = null;
  const full = warmCol ? Float64Array.from(warmCol) : new Float64Array(m.numCols);
  const parts: DecomposeV2['parts'] = [];
  best.forEach((col, ci) => {
    if (!col) return;
    comps[ci]!.cols.forEach((c, j) => { full[c] = col[j]!; });
    parts.push({ comp: comps[ci]!, col });
  });
  const solution = parts.length > 0 && (parts.length === comps.length || warmCol) ? solutionFromColumns(m, full) : null;
  // the plain pass's plans after (the merge keeps each that makes the incumbent cheaper)
  plain?.best.forEach((col, ci) => { if (col) parts.push({ comp: comps[ci]!, col }); });
  return { bound, solution, parts, subs, priced, log };
}

/** Σ cost · col. */
function objectiveOf(cost: ArrayLike<number>, col: ArrayLike<number>): number {
  let v = 0;
  for (let j = 0; j < col.length; j++) v += cost[j]! * col[j]!;
  return v;
}

/** `base` with one component's assignments, replicas and edge purchases taken from its sub plan. */
export function withPart(m: ModelV2, base: SolutionV2, part: { comp: ComponentV2; col: Float64Array }): SolutionV2 {
  const full = columnsOfV2(m, base);
  part.comp.cols.forEach((c, j) => { if (m.colKind[c] !== 'r') full[c] = part.col[j]!; });
  return solutionFromColumns(m, full);
}
