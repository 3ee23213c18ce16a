// The MILP of DESIGN.md section 5 as a structured, solver-neutral model: columns (x, n, r, y) with
// bounds, integrality and PV costs taken from cost.ts, and rows 1–7 (plus optional valid cuts).
// Invariant: every pruning step here is exact (it never removes a plan that could be optimal).
import {
  apiLines,
  cloudInstanceLines,
  discountFactors,
  edgeCapex,
  edgeLines,
  linesPresentValue,
  rackSpaceLines,
  systemUnitCapex,
  systemUnitLines,
  type LineVectors,
} from '../cost.ts';
import { candidatesFor, designTps, type Candidate, type RackFit, type Rejection } from '../sizing.ts';
import type { CatalogOption, PlanInput, Site, SystemOption, Workload } from '../types.ts';

export type ColKind = 'x' | 'n' | 'r' | 'y';
export type RowFamily = 'serve' | 'pool' | 'power' | 'rack' | 'site_racks' | 'capex' | 'budget' | 'cut';

export type Row = { name: string; family: RowFamily; idx: number[]; val: number[]; lb: number; ub: number; note: string };

/** x[w,c]: one candidate way of serving a workload. */
export type XCol = {
  col: number;
  w: number;
  cand: Candidate;
  /** pool index for a system candidate, else null */
  pool: number | null;
  /** units of the pool per unit of x: D_w ÷ (u × unit_tps) (systems only) */
  a: number;
  /** PV cost of serving w this way (non-pooled only; pooled cost sits on n and r) */
  cost: number;
  /** month-0 purchase (edge devices only) */
  capex: number;
  lines: LineVectors | null;
};
export type PoolCol = {
  col: number;
  siteIdx: number;
  site: Site;
  option: SystemOption;
  model: string;
  group: number;
  xs: number[];
  ub: number;
};
export type RackGroup = {
  col: number;
  siteIdx: number;
  site: Site;
  option: SystemOption;
  fit: RackFit;
  pools: number[];
  unitPV: number;
  rackPV: number;
};
export type WorkloadEntry = {
  workload: Workload;
  D: number;
  xs: number[];
  y: number | null;
  rejected: Rejection[];
  /** candidates found by sizing, before pruning */
  candidatesBefore: number;
};

export type BuildOptions = {
  /** exact pruning of candidates (dominated, oversize, duplicate options); default true */
  prune?: boolean;
  /** valid pool/rack cuts (cutn_*, cutr_*); default true */
  cuts?: boolean;
  /**
   * Write site power and racks per site as rows for every site, and leave n and r without the
   * upper bounds implied by them and by the capex budget (the literal DESIGN 5 model, for
   * export-lp). Default false: those bounds are set and rows that cannot bind are dropped.
   */
  explicitLimits?: boolean;
};

/** What a column stands for: the LP file's name table. */
export type ColInfo = { kind: ColKind; workload: string | null; option: string | null; site: string | null; model: string | null };

export type MilpModel = {
  input: PlanInput;
  numCols: number;
  colName: string[];
  colKind: ColKind[];
  colLower: number[];
  colUpper: number[];
  colCost: number[];
  colInteger: boolean[];
  rows: Row[];
  xs: XCol[];
  pools: PoolCol[];
  groups: RackGroup[];
  workloads: WorkloadEntry[];
  /** penalty × H per unserved workload, or null when every workload must be served */
  penaltyPerWorkload: number | null;
  /** the name table: one line per column, for the LP file's comment block */
  describe: string[];
  /** the same, structured */
  colInfo: ColInfo[];
  stats: {
    candidates_before: number;
    candidates_after: number;
    pruned_dominated: number;
    pruned_oversize: number;
    pruned_duplicate_options: number;
    cut_rows: number;
  };
};

const INF = Infinity;

function systemKey(o: SystemOption): string {
  const { id: _i, name: _n, vendor: _v, source: _s, as_of: _a, notes: _no, field_sources: _f, ...rest } = o;
  return JSON.stringify(rest, Object.keys(rest).sort()) + JSON.stringify(o.performance);
}

/** Catalog with exact duplicates among systems removed (same figures and points; keep the first id). */
function dedupeSystems(options: CatalogOption[]): { options: CatalogOption[]; dropped: number } {
  const seen = new Set<string>();
  const out: CatalogOption[] = [];
  let dropped = 0;
  for (const o of options) {
    if (o.kind === 'system') {
      const k = systemKey(o);
      if (seen.has(k)) { dropped++; continue; }
      seen.add(k);
    }
    out.push(o);
  }
  return { options: out, dropped };
}

function maxUnits(site: Site, s: SystemOption, fit: RackFit, capexBudget: number | null): number {
  let ub = INF;
  if (s.max_power_kw > 0) ub = Math.min(ub, Math.floor(site.it_power_kw / s.max_power_kw + 1e-9));
  ub = Math.min(ub, fit.kind === 'per_rack' ? site.racks * fit.k : Math.floor(site.racks / fit.t + 1e-9));
  if (capexBudget != null && s.price_usd > 0) ub = Math.min(ub, Math.floor(capexBudget / s.price_usd + 1e-9));
  return ub;
}

export function ceilTol(v: number): number {
  return Math.max(0, Math.ceil(v - 1e-6));
}

export function buildModel(input: PlanInput, opts: BuildOptions = {}): MilpModel {
  const prune = opts.prune ?? true;
  const cuts = opts.cuts ?? true;
  const explicit = opts.explicitLimits ?? false;
  const { settings } = input;
  const H = settings.horizon_months;
  const u = settings.max_utilization;
  const delta = discountFactors(settings);
  const dedup = prune ? dedupeSystems(input.catalog.options) : { options: input.catalog.options, dropped: 0 };
  const sized = candidatesFor({ ...input, catalog: { ...input.catalog, options: dedup.options } });
  const siteIdx = new Map(input.sites.map((s, i) => [s.name, i] as const));
  const penalty = settings.unserved_penalty_usd_per_month;
  const capexBudget = settings.capex_budget_usd;

  const colName: string[] = [];
  const colKind: ColKind[] = [];
  const colLower: number[] = [];
  const colUpper: number[] = [];
  const colCost: number[] = [];
  const colInteger: boolean[] = [];
  const describe: string[] = [];
  const colInfo: ColInfo[] = [];
  const addCol = (name: string, kind: ColKind, lb: number, ub: number, cost: number, integer: boolean, what: string, info: Omit<ColInfo, 'kind'>) => {
    colName.push(name); colKind.push(kind); colLower.push(lb); colUpper.push(ub); colCost.push(cost); colInteger.push(integer);
    describe.push(`${name} = ${what}`);
    colInfo.push({ kind, ...info });
    return colName.length - 1;
  };

  const xs: XCol[] = [];
  const pools: PoolCol[] = [];
  const groups: RackGroup[] = [];
  const poolByKey = new Map<string, number>();
  const groupByKey = new Map<string, number>();
  const workloads: WorkloadEntry[] = [];
  const stats = { candidates_before: 0, candidates_after: 0, pruned_dominated: 0, pruned_oversize: 0, pruned_duplicate_options: dedup.dropped, cut_rows: 0 };

  const groupFor = (si: number, s: SystemOption, fit: RackFit): number => {
    const key = `${si}|${s.id}`;
    let g = groupByKey.get(key);
    if (g == null) {
      const site = input.sites[si]!;
      const unitPV = linesPresentValue(systemUnitLines(s, site, settings), delta);
      const rackPV = linesPresentValue(rackSpaceLines(site, settings), delta);
      const col = addCol(`r_${si}_${groups.length}`, 'r', 0, explicit ? INF : site.racks, rackPV, true, `racks of ${s.id} at site ${site.name}`,
        { workload: null, option: s.id, site: site.name, model: null });
      g = groups.length;
      groups.push({ col, siteIdx: si, site, option: s, fit, pools: [], unitPV, rackPV });
      groupByKey.set(key, g);
    }
    return g;
  };
  const poolFor = (si: number, s: SystemOption, model: string, fit: RackFit): number => {
    const key = `${si}|${s.id}|${model}`;
    let p = poolByKey.get(key);
    if (p == null) {
      const g = groupFor(si, s, fit);
      const site = input.sites[si]!;
      const ub = maxUnits(site, s, fit, capexBudget);
      const col = addCol(`n_${si}_${g}_${pools.length}`, 'n', 0, explicit ? INF : ub, groups[g]!.unitPV, true, `units of ${s.id} for ${model} at site ${site.name}`,
        { workload: null, option: s.id, site: site.name, model });
      p = pools.length;
      pools.push({ col, siteIdx: si, site, option: s, model, group: g, xs: [], ub });
      groups[g]!.pools.push(p);
      poolByKey.set(key, p);
    }
    return p;
  };

  sized.forEach((wc, wi) => {
    const w = wc.workload;
    const D = designTps(w, H);
    const entry: WorkloadEntry = { workload: w, D, xs: [], y: null, rejected: [...wc.rejected], candidatesBefore: wc.candidates.length };
    stats.candidates_before += wc.candidates.length;
    type Np = { cand: Candidate; cost: number; capex: number; lines: LineVectors };
    const nonPooled: Np[] = [];
    const pooled: { cand: Candidate; a: number; si: number }[] = [];
    for (const c of wc.candidates) {
      const o = c.option;
      if (o.kind === 'system') {
        const ut = c.point.unit_tps ?? 0;
        if (!(ut > 0)) { entry.rejected.push({ option: o.id, site: c.site?.name ?? null, reason: 'its operating point has no unit_tps' }); continue; }
        const si = siteIdx.get(c.site!.name)!;
        const a = D / (u * ut);
        const ub = maxUnits(c.site!, o, c.rack!, capexBudget);
        if (prune && ceilTol(a) > ub) {
          stats.pruned_oversize++;
          entry.rejected.push({ option: o.id, site: c.site!.name, reason: `needs ${ceilTol(a)} units but site ${c.site!.name}'s power, racks${capexBudget != null ? ' and the capex budget' : ''} allow at most ${ub}` });
          continue;
        }
        pooled.push({ cand: c, a, si });
        continue;
      }
      let lines: LineVectors;
      let capex = 0;
      if (o.kind === 'cloud_instance') {
        if (!((c.point.unit_tps ?? 0) > 0)) { entry.rejected.push({ option: o.id, site: null, reason: 'its operating point has no unit_tps' }); continue; }
        lines = cloudInstanceLines(w, o, c.point, settings);
      } else if (o.kind === 'cloud_api') {
        lines = apiLines(w, o, settings);
      } else {
        lines = edgeLines(w, o, c.api, settings);
        capex = edgeCapex(w, o);
      }
      nonPooled.push({ cand: c, cost: linesPresentValue(lines, delta), capex, lines });
    }
    // Exact dominance among non-pooled candidates: they use no shared resource except the capex
    // and total budgets, so one no dearer and with no more capex serves w at least as well.
    let keep = nonPooled;
    if (prune) {
      const sorted = [...nonPooled].sort((p, q) => p.cost - q.cost || p.capex - q.capex);
      keep = [];
      let minCapex = INF;
      for (const c of sorted) {
        const cap = capexBudget == null ? 0 : c.capex;
        if (cap < minCapex) { keep.push(c); minCapex = cap; }
        else stats.pruned_dominated++;
      }
    }
    for (const c of keep) {
      const col = addCol(`x_${wi}_${entry.xs.length}`, 'x', 0, 1, c.cost, true, `workload ${w.name} on ${c.cand.option.id}`,
        { workload: w.name, option: c.cand.option.id, site: null, model: w.model });
      entry.xs.push(xs.length);
      xs.push({ col, w: wi, cand: c.cand, pool: null, a: 0, cost: c.cost, capex: c.capex, lines: c.lines });
    }
    for (const c of pooled) {
      const p = poolFor(c.si, c.cand.option as SystemOption, w.model, c.cand.rack!);
      const col = addCol(`x_${wi}_${entry.xs.length}`, 'x', 0, 1, 0, true, `workload ${w.name} on ${c.cand.option.id} at site ${c.cand.site!.name}`,
        { workload: w.name, option: c.cand.option.id, site: c.cand.site!.name, model: w.model });
      entry.xs.push(xs.length);
      pools[p]!.xs.push(xs.length);
      xs.push({ col, w: wi, cand: c.cand, pool: p, a: c.a, cost: 0, capex: 0, lines: null });
    }
    stats.candidates_after += entry.xs.length;
    if (penalty != null) {
      entry.y = addCol(`y_${wi}`, 'y', 0, 1, penalty * H, true, `workload ${w.name} unserved`, { workload: w.name, option: null, site: null, model: w.model });
    }
    workloads.push(entry);
  });

  const rows: Row[] = [];
  // 1. served once
  workloads.forEach((e, wi) => {
    if (e.xs.length === 0 && e.y == null) {
      rows.push({ name: `serve_${wi}`, family: 'serve', idx: [], val: [], lb: 1, ub: 1, note: `${e.workload.name} served once (no candidate)` });
      return;
    }
    const idx = e.xs.map((k) => xs[k]!.col);
    const val = idx.map(() => 1);
    if (e.y != null) { idx.push(e.y); val.push(1); }
    rows.push({ name: `serve_${wi}`, family: 'serve', idx, val, lb: 1, ub: 1, note: `${e.workload.name} served once` });
  });
  // 2. pool capacity: Σ a x − n ≤ 0
  pools.forEach((p, pi) => {
    const idx = p.xs.map((k) => xs[k]!.col);
    const val = p.xs.map((k) => xs[k]!.a);
    idx.push(p.col); val.push(-1);
    rows.push({ name: `pool_${pi}`, family: 'pool', idx, val, lb: -INF, ub: 0, note: `capacity of ${p.option.id} for ${p.model} at ${p.site.name}` });
  });
  // 3. site power
  input.sites.forEach((site, si) => {
    const ps = pools.filter((p) => p.siteIdx === si && p.option.max_power_kw > 0);
    if (!explicit) {
      if (ps.length === 0) return;
      const total = ps.reduce((s, p) => s + p.ub * p.option.max_power_kw, 0);
      if (total <= site.it_power_kw) return; // cannot bind: bounds already imply it
    }
    rows.push({ name: `power_${si}`, family: 'power', idx: ps.map((p) => p.col), val: ps.map((p) => p.option.max_power_kw), lb: -INF, ub: site.it_power_kw, note: `IT power at ${site.name}` });
  });
  // 4. racks per system type
  groups.forEach((g, gi) => {
    const idx = g.pools.map((p) => pools[p]!.col);
    const coef = g.fit.kind === 'per_rack' ? 1 : g.fit.t;
    const val = idx.map(() => coef);
    idx.push(g.col); val.push(g.fit.kind === 'per_rack' ? -g.fit.k : -1);
    rows.push({ name: `rack_${gi}`, family: 'rack', idx, val, lb: -INF, ub: 0, note: `racks of ${g.option.id} at ${g.site.name}` });
  });
  // 5. racks per site
  input.sites.forEach((site, si) => {
    const gs = groups.filter((g) => g.siteIdx === si);
    if (!explicit && gs.length <= 1) return; // a single group is bounded by r ≤ racks already
    rows.push({ name: `siteracks_${si}`, family: 'site_racks', idx: gs.map((g) => g.col), val: gs.map(() => 1), lb: -INF, ub: site.racks, note: `racks at ${site.name}` });
  });
  // 6. capex budget
  if (capexBudget != null) {
    const idx: number[] = [], val: number[] = [];
    for (const p of pools) if (systemUnitCapex(p.option) > 0) { idx.push(p.col); val.push(systemUnitCapex(p.option)); }
    for (const x of xs) if (x.capex > 0) { idx.push(x.col); val.push(x.capex); }
    rows.push({ name: 'capex', family: 'capex', idx, val, lb: -INF, ub: capexBudget, note: 'capex budget (month-0 purchases)' });
  }
  // 7. total budget: horizon cost without penalties
  if (settings.total_budget_usd != null) {
    const idx: number[] = [], val: number[] = [];
    for (let j = 0; j < colName.length; j++) if (colKind[j] !== 'y' && colCost[j] !== 0) { idx.push(j); val.push(colCost[j]!); }
    rows.push({ name: 'budget', family: 'budget', idx, val, lb: -INF, ub: settings.total_budget_usd, note: 'total budget (horizon cost)' });
  }
  const model: MilpModel = {
    input,
    numCols: colName.length,
    colName, colKind, colLower, colUpper, colCost, colInteger,
    rows, xs, pools, groups, workloads,
    penaltyPerWorkload: penalty != null ? penalty * H : null,
    describe,
    colInfo,
    stats,
  };
  // Valid inequalities: any use of a pool needs ⌈a⌉ whole units of it, and any use of a rack
  // group whole racks. They cut off the fractional n < ⌈a⌉ x / r < … x of the LP relaxation.
  if (cuts) for (const r of allCuts(model)) { rows.push(r); stats.cut_rows++; }
  return model;
}

/** The valid inequalities n_p ≥ ⌈a⌉·x and r_g ≥ racks(⌈a⌉)·x of every pooled candidate. */
export function allCuts(m: MilpModel): Row[] {
  const out: Row[] = [];
  for (const x of m.xs) {
    if (x.pool == null) continue;
    const p = m.pools[x.pool]!;
    const need = ceilTol(x.a);
    if (need > x.a + 1e-9) out.push({ name: `cutn_${x.col}`, family: 'cut', idx: [p.col, x.col], val: [1, -need], lb: 0, ub: INF, note: 'pool needs whole units' });
    const g = m.groups[p.group]!;
    if (g.rackPV > 0) {
      const racks = g.fit.kind === 'per_rack' ? Math.ceil(need / g.fit.k) : need * g.fit.t;
      out.push({ name: `cutr_${x.col}`, family: 'cut', idx: [g.col, x.col], val: [1, -racks], lb: 0, ub: INF, note: 'rack group needs whole racks' });
    }
  }
  return out;
}

/** The cuts of allCuts violated by a (fractional) column vector, not yet in the model. */
export function violatedCuts(m: MilpModel, col: ArrayLike<number>, tol = 1e-6): Row[] {
  const have = new Set(m.rows.filter((r) => r.family === 'cut').map((r) => r.name));
  return allCuts(m).filter((r) => {
    if (have.has(r.name)) return false;
    const lhs = r.val[0]! * (col[r.idx[0]!] ?? 0) + r.val[1]! * (col[r.idx[1]!] ?? 0);
    return lhs < r.lb - tol;
  });
}

/** Objective value of a column vector. */
export function objectiveOf(m: MilpModel, col: ArrayLike<number>): number {
  let s = 0;
  for (let j = 0; j < m.numCols; j++) s += m.colCost[j]! * (col[j] ?? 0);
  return s;
}

export type LimitFamily = 'power' | 'site_racks' | 'capex' | 'budget';
export const LIMIT_FAMILY_WORDS: Record<LimitFamily, string> = {
  power: 'site power',
  site_racks: 'site racks',
  capex: 'the capex budget',
  budget: 'the total budget',
};

/** The same input with whole limit families lifted (for infeasibility explanations). */
export function relaxInput(input: PlanInput, families: readonly LimitFamily[]): PlanInput {
  const f = new Set(families);
  return {
    ...input,
    sites: input.sites.map((s) => ({
      ...s,
      it_power_kw: f.has('power') ? 1e9 : s.it_power_kw,
      racks: f.has('site_racks') ? 1e6 : s.racks,
    })),
    settings: {
      ...input.settings,
      capex_budget_usd: f.has('capex') ? null : input.settings.capex_budget_usd,
      total_budget_usd: f.has('budget') ? null : input.settings.total_budget_usd,
    },
  };
}
