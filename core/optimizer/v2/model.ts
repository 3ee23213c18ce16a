// The MILP of DESIGN.md section 5 v2 (periods, replicas, whole cloud instances, edge purchases,
// capex per plan year) as a solver-neutral model. Every cost coefficient is the present value of
// a cost.ts vector, so objective − penalties = the TCO engine's horizon cost of the same plan.
import {
  apiPeriodVector,
  capexByYear,
  cloudInstanceMonthCost,
  discountFactors,
  edgePurchaseLines,
  edgeUseLines,
  linesPresentValue,
  presentValue,
  rackPeriodLines,
  trancheUnitLines,
  type LineVectors,
} from '../../cost.ts';
import {
  candidateIndexV2,
  candidatesOfV2,
  peakTps,
  periodDemand,
  periodsOf,
  racksFor,
  replicaLoad,
  unitsPerReplica,
  type CandidateV2,
  type Period,
  type RackFit,
  type WorkloadCandidatesV2,
} from '../../sizing.ts';
import type { CloudInstanceOption, EdgeDeviceOption, PlanInput, Site, SystemOption } from '../../types.ts';

export type ColKind = 'x' | 'y' | 'q' | 'r' | 'z' | 'e';
export type RowFamily = 'serve' | 'pool' | 'cloud' | 'edge' | 'edge_once' | 'power' | 'rack' | 'site_racks' | 'capex' | 'budget' | 'cut';
export type Row = { name: string; family: RowFamily; idx: number[]; val: number[]; lb: number; ub: number; note: string };
/** Σ val · col over the row's terms (a column past the end of `col` counts 0). */
export function rowActivity(r: Pick<Row, 'idx' | 'val'>, col: ArrayLike<number>): number {
  let a = 0;
  for (let i = 0; i < r.idx.length; i++) a += r.val[i]! * (col[r.idx[i]!] ?? 0);
  return a;
}
export type ColInfo = { kind: ColKind; workload: string | null; option: string | null; site: string | null; model: string | null; period: number | null; month: number | null };

/** x[w,c,k] */
export type XCol = { col: number; w: number; k: number; /** index in the workload's candidates */ ci: number; cand: CandidateV2; pool: number | null; cloud: number | null; edge: number | null; a: number; cost: number };
/** replicas of (site, system, model): q per period (null before the option is usable) */
export type PoolV2 = { site: Site; siteIdx: number; option: SystemOption; model: string; R: number; group: number; q: (number | null)[]; xs: number[][] };
/** racks of (site, system) per period */
export type GroupV2 = { site: Site; siteIdx: number; option: SystemOption; fit: RackFit; pools: number[]; r: number[] };
/** whole instances (replicas of R) of (cloud instance, model) per month */
export type CloudPoolV2 = { option: CloudInstanceOption; model: string; R: number; z: (number | null)[]; load: Map<number, { x: number; a: number }[]> };
/** edge devices for one workload: e per period (null before usable) */
export type EdgeV2 = { w: number; option: EdgeDeviceOption; e: (number | null)[]; xs: number[] };

/**
 * The most replicas of R units of system `s` site `site` holds by its racks and its IT power alone
 * (`fit`: how the system stands in the site's racks), whatever else stands there: 0 when one
 * replica does not fit (a 20-unit replica in a site of 4 racks).
 */
export function replicasSiteHolds(site: Site, s: SystemOption, fit: RackFit, R: number): number {
  const byRacks = fit.kind === 'per_rack' ? site.racks * fit.k : Math.floor(site.racks / fit.t + 1e-9);
  const byPower = s.max_power_kw > 0 ? Math.floor(site.it_power_kw / s.max_power_kw + 1e-9) : Infinity;
  return Math.floor(Math.min(byRacks, byPower) / R + 1e-9);
}

export type ModelV2 = {
  input: PlanInput;
  periods: Period[];
  numCols: number;
  /** LP names and what each column is: made on first read (the solver never needs them) */
  readonly colName: string[];
  colKind: ColKind[];
  colLower: number[];
  colUpper: number[];
  colCost: number[];
  colInteger: boolean[];
  readonly colInfo: ColInfo[];
  rows: Row[];
  xs: XCol[];
  /** y column per (w, k), or null when there is no penalty */
  ys: (number | null)[][];
  /** x indices per (w, k) */
  byWk: number[][][];
  pools: PoolV2[];
  groups: GroupV2[];
  clouds: CloudPoolV2[];
  edges: EdgeV2[];
  sized: WorkloadCandidatesV2[];
};

export type BuildV2Options = {
  /**
   * bound q, r and z by what the site limits allow, and q by the replicas the capex budget buys in
   * each plan year its price falls in (the solver's model); default true. false: the plain model.
   * The capex bound (implied by the capex rows) fixes every purchase of capex-zero-8 (bench/independent.ts,
   * budget 0): at 10 s it proved $214.803 M within 2–4e-6 at 7.6–8.8 s (2 runs, load 6), against
   * 3e-5 at the limit without it; at 2 s the same plan ($214.840 M), bound $214.72 M against $214.61–214.66 M
   */
  bounds?: boolean;
  /**
   * every valid inequality as a row (default false: a large model has ten times more cuts than
   * rows; cutPoolV2 separates the ones an LP point violates)
   */
  cuts?: boolean;
};

export function buildModelV2(input: PlanInput, opts: BuildV2Options = {}): ModelV2 {
  return tryBuildModelV2(input, opts, null)!;
}

/** Workloads between two looks at the stop condition while a model is built. */
export const BUILD_CHECK_EVERY = 64;

/**
 * buildModelV2 that looks at `stop` every BUILD_CHECK_EVERY workloads and gives up (null) once it
 * says so: a cancel or a deadline is honoured during the build of a large model.
 */
export function tryBuildModelV2(input: PlanInput, opts: BuildV2Options, stop: (() => boolean) | null): ModelV2 | null {
  const bounds = opts.bounds ?? true;
  const cuts = opts.cuts ?? false;
  const { settings } = input;
  const H = settings.horizon_months;
  const u = settings.max_utilization;
  const periods = periodsOf(settings);
  const K = periods.length;
  const delta = discountFactors(settings);
  const ix = candidateIndexV2(input);
  const sized: WorkloadCandidatesV2[] = [];
  const siteIdx = new Map(input.sites.map((s, i) => [s.name, i] as const));
  const penalty = settings.unserved_penalty_usd_per_month;

  // what each column belongs to (an index into xs, pools, groups, clouds or edges), for its name
  const colRef: number[] = [];
  let names: { name: string[]; info: ColInfo[] } | null = null;
  const m: ModelV2 = {
    input, periods, numCols: 0, colKind: [], colLower: [], colUpper: [], colCost: [], colInteger: [],
    get colName() { return (names ??= nameColumns(m, colRef)).name; },
    get colInfo() { return (names ??= nameColumns(m, colRef)).info; },
    rows: [], xs: [], ys: [], byWk: [], pools: [], groups: [], clouds: [], edges: [], sized,
  };
  const addCol = (kind: ColKind, ub: number, cost: number, ref: number): number => {
    m.colKind.push(kind); m.colLower.push(0); m.colUpper.push(ub); m.colCost.push(cost); m.colInteger.push(true); colRef.push(ref);
    return m.numCols++;
  };
  const pv = (lines: LineVectors) => linesPresentValue(lines, delta);

  // pools, groups and clouds by integer keys: (site, option[, model]) and (option, model)
  const optIdx = new Map(input.catalog.options.map((o, i) => [o.id, i] as const));
  const nOpt = input.catalog.options.length;
  const modelIdx = new Map<string, number>();
  const modelOf = (id: string) => { let i = modelIdx.get(id); if (i == null) modelIdx.set(id, (i = modelIdx.size)); return i; };
  const poolKey = new Map<number, number>();
  const groupKey = new Map<number, number>();
  const cloudKey = new Map<number, number>();
  const edgeKey = new Map<number, number>();
  // capex per plan year: coefficients collected as columns are made
  const years = Math.ceil(H / 12);
  const capexIdx: number[][] = Array.from({ length: years }, () => []);
  const capexVal: number[][] = Array.from({ length: years }, () => []);
  // replicas (of `scale` units at byYear per unit) the capex budget allows in each plan year
  const budget = settings.capex_budget_usd;
  const capexCap = (byYear: number[], scale: number) => byYear.reduce((ub, v) => (budget != null && v > 0 ? Math.min(ub, Math.floor(budget / (v * scale) + 1e-9)) : ub), Infinity);
  const addCapex = (col: number, byYear: number[], scale: number) => {
    byYear.forEach((v, y) => { if (v > 0) { capexIdx[y]!.push(col); capexVal[y]!.push(v * scale); } });
  };

  const groupFor = (si: number, s: SystemOption, fit: RackFit): number => {
    const key = si * nOpt + optIdx.get(s.id)!;
    let g = groupKey.get(key);
    if (g != null) return g;
    const site = input.sites[si]!;
    const maxRacks = bounds ? site.racks : Infinity;
    g = m.groups.length;
    const r = periods.map((p) => addCol('r', maxRacks, pv(rackPeriodLines(site, settings, p.start_month, p.months)), g!));
    m.groups.push({ site, siteIdx: si, option: s, fit, pools: [], r });
    groupKey.set(key, g);
    return g;
  };
  const poolFor = (c: CandidateV2): number => {
    const s = c.option as SystemOption;
    const si = siteIdx.get(c.site!.name)!;
    const key = (si * nOpt + optIdx.get(s.id)!) * 4096 + modelOf(c.model);
    let p = poolKey.get(key);
    if (p != null) return p;
    const g = groupFor(si, s, c.rack!);
    const site = input.sites[si]!;
    const R = unitsPerReplica(s, c.model);
    const ub = bounds ? replicasSiteHolds(site, s, c.rack!, R) : Infinity;
    p = m.pools.length;
    const q = periods.map((per) => {
      if (per.period < c.from) return null;
      const byYear = capexByYear(s.price_usd, s.lifetime_months, per.start_month, settings);
      const col = addCol('q', bounds ? Math.min(ub, capexCap(byYear, R)) : ub, R * pv(trancheUnitLines(s, site, settings, per.start_month)), p!);
      addCapex(col, byYear, R);
      return col;
    });
    m.pools.push({ site, siteIdx: si, option: s, model: c.model, R, group: g, q, xs: periods.map(() => []) });
    m.groups[g]!.pools.push(p);
    poolKey.set(key, p);
    return p;
  };
  const cloudFor = (c: CandidateV2): number => {
    const o = c.option as CloudInstanceOption;
    const key = optIdx.get(o.id)! * 4096 + modelOf(c.model);
    let i = cloudKey.get(key);
    if (i == null) {
      i = m.clouds.length;
      m.clouds.push({ option: o, model: c.model, R: unitsPerReplica(o, c.model), z: new Array<number | null>(H).fill(null), load: new Map() });
      cloudKey.set(key, i);
    }
    return i;
  };
  const edgeFor = (wi: number, c: CandidateV2): number => {
    const o = c.option as EdgeDeviceOption;
    const key = wi * nOpt + optIdx.get(o.id)!;
    let i = edgeKey.get(key);
    if (i != null) return i;
    const w = sized[wi]!.workload;
    i = m.edges.length;
    const e = periods.map((per) => {
      if (per.period < c.from) return null;
      const col = addCol('e', 1, pv(edgePurchaseLines(w, o, settings, per.start_month)), i!);
      addCapex(col, capexByYear(o.price_usd, o.lifetime_months, per.start_month, settings), w.endpoints);
      return col;
    });
    m.edges.push({ w: wi, option: o, e, xs: [] });
    edgeKey.set(key, i);
    return i;
  };

  const peak = new Float64Array(H);
  const tokens = new Float64Array(K);
  for (let wi = 0; wi < input.workloads.length; wi++) {
    if (stop && wi % BUILD_CHECK_EVERY === BUILD_CHECK_EVERY - 1 && stop()) return null;
    const wc = candidatesOfV2(ix, input.workloads[wi]!);
    sized.push(wc);
    const w = wc.workload;
    const byK: number[][] = periods.map(() => []);
    const ys: (number | null)[] = [];
    // per workload, once: peak demand per month; tokens per period at $1 per M (API costs scale it)
    for (let mo = 0; mo < H; mo++) peak[mo] = peakTps(w, mo);
    tokens.fill(NaN);
    for (const per of periods) {
      const k = per.period;
      const D = periodDemand(w, per);
      const cands = wc.candidates;
      for (let ci = 0; ci < cands.length; ci++) {
        const c = cands[ci]!;
        if (c.from > k) continue;
        const o = c.option;
        const xi = m.xs.length;
        const x: XCol = { col: -1, w: wi, k, ci, cand: c, pool: null, cloud: null, edge: null, a: 0, cost: 0 };
        if (o.kind === 'system') {
          x.pool = poolFor(c);
          x.a = replicaLoad(D, u * c.point.unit_tps!);
        } else if (o.kind === 'cloud_instance') {
          x.cloud = cloudFor(c);
        } else if (o.kind === 'cloud_api') {
          if (Number.isNaN(tokens[k]!)) tokens[k] = presentValue(apiPeriodVector(w, { ...o, usd_per_m_output: 1, usd_per_m_input: 0 }, settings, per.start_month, per.months), delta);
          x.cost = tokens[k]! * (o.usd_per_m_output + w.input_per_output * o.usd_per_m_input);
        } else {
          x.edge = edgeFor(wi, c);
          x.cost = pv(edgeUseLines(w, o, c.api, settings, per.start_month, per.months));
        }
        x.col = addCol('x', 1, x.cost, xi);
        m.xs.push(x);
        byK[k]!.push(xi);
        if (x.pool != null) m.pools[x.pool]!.xs[k]!.push(xi);
        if (x.edge != null) m.edges[x.edge]!.xs.push(xi);
        if (x.cloud != null) {
          const cp = m.clouds[x.cloud]!;
          const per1 = u * c.point.unit_tps!;
          for (let mo = per.start_month; mo < per.start_month + per.months; mo++) {
            let l = cp.load.get(mo);
            if (!l) cp.load.set(mo, (l = []));
            l.push({ x: xi, a: replicaLoad(peak[mo]!, per1) });
          }
        }
      }
      ys.push(penalty != null ? addCol('y', 1, penalty * per.months, wi * K + k) : null);
    }
    m.byWk.push(byK);
    m.ys.push(ys);
  }
  // z'[o,m,mo]: only months some workload may rent it in
  m.clouds.forEach((cp, ci) => {
    for (const mo of [...cp.load.keys()].sort((a, b) => a - b)) {
      cp.z[mo] = addCol('z', Infinity, cp.R * cloudInstanceMonthCost(cp.option, settings, mo) * delta[mo]!, ci * H + mo);
    }
  });

  const rows = m.rows;
  // 1. each workload served once per period
  for (let wi = 0; wi < sized.length; wi++) {
    const wc = sized[wi]!;
    for (let k = 0; k < K; k++) {
      const xsK = m.byWk[wi]![k]!;
      const y = m.ys[wi]![k];
      const idx = new Array<number>(xsK.length + (y != null ? 1 : 0));
      for (let i = 0; i < xsK.length; i++) idx[i] = m.xs[xsK[i]!]!.col;
      if (y != null) idx[xsK.length] = y;
      rows.push({ name: `serve_${wi}_${k}`, family: 'serve', idx, val: new Array<number>(idx.length).fill(1), lb: 1, ub: 1, note: `${wc.workload.name} served once in period ${k}` });
    }
  }
  // 2. system pools: Σ a x ≤ Σ_{j≤k} q_j (replicas)
  m.pools.forEach((p, pi) => periods.forEach((per) => {
    const k = per.period;
    if (p.xs[k]!.length === 0) return;
    const idx = p.xs[k]!.map((xi) => m.xs[xi]!.col);
    const val = p.xs[k]!.map((xi) => m.xs[xi]!.a);
    for (let j = 0; j <= k; j++) if (p.q[j] != null) { idx.push(p.q[j]!); val.push(-1); }
    rows.push({ name: `pool_${pi}_${k}`, family: 'pool', idx, val, lb: -Infinity, ub: 0, note: `replicas of ${p.option.id} for ${p.model} at ${p.site.name}, period ${k}` });
  }));
  // 3. cloud pools per month
  m.clouds.forEach((cp, ci) => {
    for (const [mo, l] of cp.load) {
      rows.push({ name: `cloud_${ci}_${mo}`, family: 'cloud', idx: [...l.map((e) => m.xs[e.x]!.col), cp.z[mo]!], val: [...l.map((e) => e.a), -1],
        lb: -Infinity, ub: 0, note: `instances of ${cp.option.id} for ${cp.model}, month ${mo}` });
    }
  });
  // 4. edge: x ≤ Σ_{j≤k} e_j; Σ e ≤ 1
  m.edges.forEach((ed, ei) => {
    for (const xi of ed.xs) {
      const x = m.xs[xi]!;
      const idx = [x.col], val = [1];
      for (let j = 0; j <= x.k; j++) if (ed.e[j] != null) { idx.push(ed.e[j]!); val.push(-1); }
      rows.push({ name: `edge_${ei}_${xi}`, family: 'edge', idx, val, lb: -Infinity, ub: 0, note: `devices of ${ed.option.id} bought before use` });
    }
    const es = ed.e.filter((c): c is number => c != null);
    rows.push({ name: `edgeonce_${ei}`, family: 'edge_once', idx: es, val: es.map(() => 1), lb: -Infinity, ub: 1, note: `devices of ${ed.option.id} bought at most once` });
  });
  // 5. site power and 6. racks, every period
  input.sites.forEach((site, si) => periods.forEach((per) => {
    const k = per.period;
    const idx: number[] = [], val: number[] = [];
    for (const p of m.pools) {
      if (p.siteIdx !== si || p.option.max_power_kw <= 0) continue;
      for (let j = 0; j <= k; j++) if (p.q[j] != null) { idx.push(p.q[j]!); val.push(p.R * p.option.max_power_kw); }
    }
    if (idx.length > 0) rows.push({ name: `power_${si}_${k}`, family: 'power', idx, val, lb: -Infinity, ub: site.it_power_kw, note: `IT power at ${site.name}, period ${k}` });
    const gs = m.groups.filter((g) => g.siteIdx === si);
    if (gs.length > 0) rows.push({ name: `siteracks_${si}_${k}`, family: 'site_racks', idx: gs.map((g) => g.r[k]!), val: gs.map(() => 1), lb: -Infinity, ub: site.racks, note: `racks at ${site.name}, period ${k}` });
  }));
  m.groups.forEach((g, gi) => periods.forEach((per) => {
    const k = per.period;
    const idx: number[] = [], val: number[] = [];
    for (const pi of g.pools) {
      const p = m.pools[pi]!;
      const coef = p.R * (g.fit.kind === 'per_rack' ? 1 : g.fit.t);
      for (let j = 0; j <= k; j++) if (p.q[j] != null) { idx.push(p.q[j]!); val.push(coef); }
    }
    idx.push(g.r[k]!); val.push(g.fit.kind === 'per_rack' ? -g.fit.k : -1);
    rows.push({ name: `rack_${gi}_${k}`, family: 'rack', idx, val, lb: -Infinity, ub: 0, note: `racks of ${g.option.id} at ${g.site.name}, period ${k}` });
  }));
  // 7. capex per plan year
  if (settings.capex_budget_usd != null) {
    for (let y = 0; y < years; y++) {
      if (capexIdx[y]!.length === 0) continue;
      rows.push({ name: `capex_${y}`, family: 'capex', idx: capexIdx[y]!, val: capexVal[y]!, lb: -Infinity, ub: settings.capex_budget_usd, note: `capex budget, plan year ${y + 1}` });
    }
  }
  // 8. total budget: horizon cost without penalties
  if (settings.total_budget_usd != null) {
    const idx: number[] = [], val: number[] = [];
    for (let j = 0; j < m.numCols; j++) if (m.colKind[j] !== 'y' && m.colCost[j] !== 0) { idx.push(j); val.push(m.colCost[j]!); }
    rows.push({ name: 'budget', family: 'budget', idx, val, lb: -Infinity, ub: settings.total_budget_usd, note: 'total budget (horizon cost)' });
  }
  if (cuts) for (const r of validCutsV2(m)) rows.push(r);
  return m;
}

/** The LP name and description of every column (as export-lp writes them), from what it belongs to. */
function nameColumns(m: ModelV2, ref: readonly number[]): { name: string[]; info: ColInfo[] } {
  const K = m.periods.length, H = m.input.settings.horizon_months;
  const name = new Array<string>(m.numCols), info = new Array<ColInfo>(m.numCols);
  const periodOf = (cols: readonly (number | null)[], j: number) => cols.indexOf(j);
  for (let j = 0; j < m.numCols; j++) {
    const kind = m.colKind[j]!, r = ref[j]!;
    let n: string, c: Omit<ColInfo, 'kind'>;
    if (kind === 'x') {
      const x = m.xs[r]!, w = m.sized[x.w]!.workload;
      n = `x_${x.w}_${x.ci}_${x.k}`;
      c = { workload: w.name, option: x.cand.option.id, site: x.cand.site?.name ?? null, model: x.cand.model, period: x.k, month: null };
    } else if (kind === 'y') {
      const wi = Math.floor(r / K), k = r % K;
      n = `y_${wi}_${k}`;
      c = { workload: m.sized[wi]!.workload.name, option: null, site: null, model: null, period: k, month: null };
    } else if (kind === 'q') {
      const p = m.pools[r]!, k = periodOf(p.q, j);
      n = `q_${p.siteIdx}_${p.group}_${r}_${k}`;
      c = { workload: null, option: p.option.id, site: p.site.name, model: p.model, period: k, month: null };
    } else if (kind === 'r') {
      const g = m.groups[r]!, k = periodOf(g.r, j);
      n = `r_${g.siteIdx}_${r}_${k}`;
      c = { workload: null, option: g.option.id, site: g.site.name, model: null, period: k, month: null };
    } else if (kind === 'z') {
      const ci = Math.floor(r / H), mo = r % H, cp = m.clouds[ci]!;
      n = `z_${ci}_${mo}`;
      c = { workload: null, option: cp.option.id, site: null, model: cp.model, period: null, month: mo };
    } else {
      const ed = m.edges[r]!, k = periodOf(ed.e, j);
      n = `e_${ed.w}_${r}_${k}`;
      c = { workload: m.sized[ed.w]!.workload.name, option: ed.option.id, site: null, model: null, period: k, month: null };
    }
    name[j] = n;
    info[j] = { kind, ...c };
  }
  return { name, info };
}

/** Whole instances or replicas for a divisible need: up to 1e-6 over a whole number is that number (the model's cuts, the plan's pools, the repair's state). */
export const ceilTol = (v: number): number => Math.max(0, Math.ceil(v - 1e-6));

/**
 * The valid inequalities of the solver's model (never in the exported LP): a workload on a pool
 * needs ⌈its replicas⌉ whole replicas owned and the racks they take; on a cloud instance ⌈its
 * load⌉ whole replicas each month. Every integer plan meets them; they cut fractional x off.
 * With `col`, only those the point violates by more than 1e-6 are made (a cut of an x at 0 holds:
 * its other terms are non-negative), each passed with its violation.
 * A cut's coefficient on x is at most the sum of its other columns' upper bounds (the racks of a
 * site, the replicas a capex budget buys: x·need ≥ x·cap holds whenever need ≥ cap): a row that
 * alone forces x to 0 (x ≤ cap ÷ need < 1) made HiGHS 1.15.3's presolve return plans that leave a
 * workload's serve row unmet, cheaper than the optimum, and prune the optimum as a result: 9
 * workloads on 2 sites of 2 and 4 racks, 6 periods, per-year capex budget, every cut: "optimal" at
 * $32.70 M, CBC and HiGHS on the plain model $32,653,197 (every such x is 0 in the base rows anyway).
 */
function eachCutV2(m: ModelV2, col: ArrayLike<number> | null, emit: (r: Row, violation: number, xi: number) => void, only: readonly number[] | null = null): void {
  const u = m.input.settings.max_utilization;
  const periods = m.periods;
  const xs = m.xs;
  const upTo = (need: number, cap: number) => Math.min(need, Math.max(0, cap));
  const n = only ? only.length : xs.length;
  for (let i = 0; i < n; i++) {
    const xi = only ? only[i]! : i;
    const x = xs[xi]!;
    const xv = col ? (col[x.col] ?? 0) : 1;
    if (col && !(xv > 1e-9)) continue;
    if (x.pool != null) {
      const p = m.pools[x.pool]!;
      const need = ceilTol(x.a);
      if (need > x.a + 1e-9) {
        let owned = 0, cap = 0;
        for (let j = 0; j <= x.k; j++) {
          if (p.q[j] == null) continue;
          cap += m.colUpper[p.q[j]!]!;
          if (col) owned += col[p.q[j]!] ?? 0;
        }
        const c = upTo(need, cap);
        const v = c * xv - owned;
        if (c > 0 && (!col || v > 1e-6)) {
          const idx: number[] = [], val: number[] = [];
          for (let j = 0; j <= x.k; j++) if (p.q[j] != null) { idx.push(p.q[j]!); val.push(1); }
          idx.push(x.col); val.push(-c);
          emit({ name: `cutq_${xi}`, family: 'cut', idx, val, lb: 0, ub: Infinity, note: 'whole replicas' }, v, xi);
        }
      }
      const g = m.groups[p.group]!;
      const units = need * p.R;
      const racks = racksFor(g.fit, units);
      const cr = upTo(racks, m.colUpper[g.r[x.k]!]!);
      if (g.site.usd_per_rack_month > 0 && cr > 0) {
        const v = col ? cr * xv - (col[g.r[x.k]!] ?? 0) : 0;
        if (!col || v > 1e-6) emit({ name: `cutr_${xi}`, family: 'cut', idx: [g.r[x.k]!, x.col], val: [1, -cr], lb: 0, ub: Infinity, note: 'whole racks' }, v, xi);
      }
    } else if (x.cloud != null) {
      const cp = m.clouds[x.cloud]!;
      const per = periods[x.k]!;
      for (let mo = per.start_month; mo < per.start_month + per.months; mo++) {
        const a = peakTps(m.sized[x.w]!.workload, mo) / (u * x.cand.point.unit_tps!);
        const need = ceilTol(a);
        if (!(need > a + 1e-9)) continue;
        const c = upTo(need, m.colUpper[cp.z[mo]!]!);
        if (!(c > 0)) continue;
        const v = col ? c * xv - (col[cp.z[mo]!] ?? 0) : 0;
        if (!col || v > 1e-6) emit({ name: `cutz_${xi}_${mo}`, family: 'cut', idx: [cp.z[mo]!, x.col], val: [1, -c], lb: 0, ub: Infinity, note: 'whole instances' }, v, xi);
      }
    }
  }
}

/** Every valid inequality of the model (see eachCutV2), or those of the x columns `only` (indices into m.xs). */
export function validCutsV2(m: ModelV2, only: readonly number[] | null = null): Row[] {
  const out: Row[] = [];
  eachCutV2(m, null, (r) => out.push(r), only);
  return out;
}

/**
 * The valid inequalities as a pool the LP separates from, made on demand: a large model has ten
 * times more cuts than rows, and only the few an LP point violates are worth a Row.
 */
export type CutPoolV2 = {
  /** cuts in the pool (not yet handed out) */
  size: number;
  /**
   * the cuts `col` violates, most violated first, at most `max`; each is handed out once. With the
   * LP's reduced costs `reduced`, also the cuts of each such cut's workload and period on its
   * ESCAPE_PER_WORKLOAD cheapest other options (by reduced cost) that `col` leaves at 0
   */
  violated(col: ArrayLike<number>, max: number, reduced?: ArrayLike<number>): Row[];
};

/**
 * Options per (workload, period) whose cuts join a violated cut's (CutPoolV2 violated with reduced
 * costs): cut off one option, the LP moves the load to the next cheapest, whose cuts it did not
 * have yet, so the first cut round barely moved the bound and the second lifted it (roomy 1,000 × 3
 * periods: $59.3 M, $59.7 M, then $145.7 M; hard: $1,089 M, $1,089 M, $2,180 M). With the cuts of the
 * two cheapest options at 0 in the first round: $146.4 M (4.6k + 8.3k cuts, 0.54 s against 0.34 s
 * for the round of 4.6k) and $2,154 M (3.6 s, as the second round took); one option: $145.7 M and $2,108 M.
 */
export const ESCAPE_PER_WORKLOAD = 2;

export function cutPoolV2(m: ModelV2): CutPoolV2 {
  let size = 0;
  const u = m.input.settings.max_utilization;
  for (const x of m.xs) {
    if (x.pool != null) {
      const p = m.pools[x.pool]!, g = m.groups[p.group]!;
      const need = Math.max(0, Math.ceil(x.a - 1e-6));
      if (need > x.a + 1e-9) size++;
      const units = need * p.R;
      if (g.site.usd_per_rack_month > 0 && racksFor(g.fit, units) > 0) size++;
    } else if (x.cloud != null) {
      const per = m.periods[x.k]!;
      for (let mo = per.start_month; mo < per.start_month + per.months; mo++) {
        const a = peakTps(m.sized[x.w]!.workload, mo) / (u * x.cand.point.unit_tps!);
        if (Math.max(0, Math.ceil(a - 1e-6)) > a + 1e-9) size++;
      }
    }
  }
  const out = new Set<string>();
  return {
    get size() { return size; },
    violated(col, max, reduced) {
      const found: { r: Row; v: number; xi: number }[] = [];
      eachCutV2(m, col, (r, v, xi) => { if (!out.has(r.name)) found.push({ r, v, xi }); });
      found.sort((a, b) => b.v - a.v);
      const taken = found.slice(0, max);
      const take = taken.map((f) => f.r);
      if (reduced) {
        const escapes: number[] = [], seen = new Set<string>();
        for (const { xi } of taken) {
          const { w, k } = m.xs[xi]!, key = `${w}_${k}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const at0 = m.byWk[w]![k]!.filter((i) => !((col[m.xs[i]!.col] ?? 0) > 1e-9));
          at0.sort((a, b) => (reduced[m.xs[a]!.col] ?? 0) - (reduced[m.xs[b]!.col] ?? 0));
          for (const i of at0.slice(0, ESCAPE_PER_WORKLOAD)) escapes.push(i);
        }
        eachCutV2(m, null, (r) => { if (!out.has(r.name)) take.push(r); }, escapes);
      }
      for (const r of take) out.add(r.name);
      size -= take.length;
      return take;
    },
  };
}
