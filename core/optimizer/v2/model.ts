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
  candidatesV2,
  peakTps,
  periodDemand,
  periodsOf,
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
export type ColInfo = { kind: ColKind; workload: string | null; option: string | null; site: string | null; model: string | null; period: number | null; month: number | null };

/** x[w,c,k] */
export type XCol = { col: number; w: number; k: number; cand: CandidateV2; pool: number | null; cloud: number | null; edge: number | null; a: number; cost: number };
/** replicas of (site, system, model): q per period (null before the option is usable) */
export type PoolV2 = { site: Site; siteIdx: number; option: SystemOption; model: string; R: number; group: number; q: (number | null)[]; xs: number[][] };
/** racks of (site, system) per period */
export type GroupV2 = { site: Site; siteIdx: number; option: SystemOption; fit: RackFit; pools: number[]; r: number[] };
/** whole instances (replicas of R) of (cloud instance, model) per month */
export type CloudPoolV2 = { option: CloudInstanceOption; model: string; R: number; z: (number | null)[]; load: Map<number, { x: number; a: number }[]> };
/** edge devices for one workload: e per period (null before usable) */
export type EdgeV2 = { w: number; option: EdgeDeviceOption; e: (number | null)[]; xs: number[] };

export type ModelV2 = {
  input: PlanInput;
  periods: Period[];
  numCols: number;
  colName: string[];
  colKind: ColKind[];
  colLower: number[];
  colUpper: number[];
  colCost: number[];
  colInteger: boolean[];
  colInfo: ColInfo[];
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
  /** bound q, r and z by what the site limits allow (the solver's model); default true. false: the plain model */
  bounds?: boolean;
  /**
   * valid inequalities (default: as bounds): a workload on a pool needs ⌈its replicas⌉ whole
   * replicas owned and the racks they take; on a cloud instance ⌈its load⌉ whole replicas each month
   */
  cuts?: boolean;
};

export function buildModelV2(input: PlanInput, opts: BuildV2Options = {}): ModelV2 {
  const bounds = opts.bounds ?? true;
  const cuts = opts.cuts ?? bounds;
  const { settings } = input;
  const H = settings.horizon_months;
  const u = settings.max_utilization;
  const periods = periodsOf(settings);
  const K = periods.length;
  const delta = discountFactors(settings);
  const sized = candidatesV2(input);
  const siteIdx = new Map(input.sites.map((s, i) => [s.name, i] as const));
  const penalty = settings.unserved_penalty_usd_per_month;

  const m: ModelV2 = {
    input, periods, numCols: 0, colName: [], colKind: [], colLower: [], colUpper: [], colCost: [], colInteger: [], colInfo: [],
    rows: [], xs: [], ys: [], byWk: [], pools: [], groups: [], clouds: [], edges: [], sized,
  };
  const addCol = (name: string, kind: ColKind, ub: number, cost: number, info: Omit<ColInfo, 'kind'>): number => {
    m.colName.push(name); m.colKind.push(kind); m.colLower.push(0); m.colUpper.push(ub); m.colCost.push(cost); m.colInteger.push(true);
    m.colInfo.push({ kind, ...info });
    return m.numCols++;
  };
  const pv = (lines: LineVectors) => linesPresentValue(lines, delta);

  const poolKey = new Map<string, number>();
  const groupKey = new Map<string, number>();
  const cloudKey = new Map<string, number>();
  const edgeKey = new Map<string, number>();
  // capex per plan year: coefficients collected as columns are made
  const years = Math.ceil(H / 12);
  const capexIdx: number[][] = Array.from({ length: years }, () => []);
  const capexVal: number[][] = Array.from({ length: years }, () => []);
  const addCapex = (col: number, byYear: number[], scale: number) => {
    byYear.forEach((v, y) => { if (v > 0) { capexIdx[y]!.push(col); capexVal[y]!.push(v * scale); } });
  };

  const groupFor = (si: number, s: SystemOption, fit: RackFit): number => {
    const key = `${si}|${s.id}`;
    let g = groupKey.get(key);
    if (g != null) return g;
    const site = input.sites[si]!;
    const maxRacks = bounds ? site.racks : Infinity;
    const r = periods.map((p) => addCol(`r_${si}_${m.groups.length}_${p.period}`, 'r', maxRacks, pv(rackPeriodLines(site, settings, p.start_month, p.months)),
      { workload: null, option: s.id, site: site.name, model: null, period: p.period, month: null }));
    g = m.groups.length;
    m.groups.push({ site, siteIdx: si, option: s, fit, pools: [], r });
    groupKey.set(key, g);
    return g;
  };
  const poolFor = (c: CandidateV2): number => {
    const s = c.option as SystemOption;
    const si = siteIdx.get(c.site!.name)!;
    const key = `${si}|${s.id}|${c.model}`;
    let p = poolKey.get(key);
    if (p != null) return p;
    const g = groupFor(si, s, c.rack!);
    const site = input.sites[si]!;
    const R = unitsPerReplica(s, c.model);
    let ub = Infinity;
    if (bounds) {
      const byRacks = c.rack!.kind === 'per_rack' ? site.racks * c.rack!.k : Math.floor(site.racks / c.rack!.t + 1e-9);
      const byPower = s.max_power_kw > 0 ? Math.floor(site.it_power_kw / s.max_power_kw + 1e-9) : Infinity;
      ub = Math.floor(Math.min(byRacks, byPower) / R + 1e-9);
    }
    p = m.pools.length;
    const q = periods.map((per) => {
      if (per.period < c.from) return null;
      const col = addCol(`q_${si}_${g}_${p}_${per.period}`, 'q', ub, R * pv(trancheUnitLines(s, site, settings, per.start_month)),
        { workload: null, option: s.id, site: site.name, model: c.model, period: per.period, month: null });
      addCapex(col, capexByYear(s.price_usd, s.lifetime_months, per.start_month, settings), R);
      return col;
    });
    m.pools.push({ site, siteIdx: si, option: s, model: c.model, R, group: g, q, xs: periods.map(() => []) });
    m.groups[g]!.pools.push(p);
    poolKey.set(key, p);
    return p;
  };
  const cloudFor = (c: CandidateV2): number => {
    const o = c.option as CloudInstanceOption;
    const key = `${o.id}|${c.model}`;
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
    const key = `${wi}|${o.id}`;
    let i = edgeKey.get(key);
    if (i != null) return i;
    const w = sized[wi]!.workload;
    i = m.edges.length;
    const e = periods.map((per) => {
      if (per.period < c.from) return null;
      const col = addCol(`e_${wi}_${i}_${per.period}`, 'e', 1, pv(edgePurchaseLines(w, o, settings, per.start_month)),
        { workload: w.name, option: o.id, site: null, model: null, period: per.period, month: null });
      addCapex(col, capexByYear(o.price_usd, o.lifetime_months, per.start_month, settings), w.endpoints);
      return col;
    });
    m.edges.push({ w: wi, option: o, e, xs: [] });
    edgeKey.set(key, i);
    return i;
  };

  sized.forEach((wc, wi) => {
    const w = wc.workload;
    const byK: number[][] = periods.map(() => []);
    const ys: (number | null)[] = [];
    for (const per of periods) {
      const k = per.period;
      const D = periodDemand(w, per);
      wc.candidates.forEach((c, ci) => {
        if (c.from > k) return;
        const o = c.option;
        const info = { workload: w.name, option: o.id, site: c.site?.name ?? null, model: c.model, period: k, month: null };
        const x: XCol = { col: -1, w: wi, k, cand: c, pool: null, cloud: null, edge: null, a: 0, cost: 0 };
        if (o.kind === 'system') {
          x.pool = poolFor(c);
          x.a = D / (u * c.point.unit_tps!);
        } else if (o.kind === 'cloud_instance') {
          x.cloud = cloudFor(c);
        } else if (o.kind === 'cloud_api') {
          x.cost = presentValue(apiPeriodVector(w, o, settings, per.start_month, per.months), delta);
        } else {
          x.edge = edgeFor(wi, c);
          x.cost = pv(edgeUseLines(w, o, c.api, settings, per.start_month, per.months));
        }
        x.col = addCol(`x_${wi}_${ci}_${k}`, 'x', 1, x.cost, info);
        const xi = m.xs.length;
        m.xs.push(x);
        byK[k]!.push(xi);
        if (x.pool != null) m.pools[x.pool]!.xs[k]!.push(xi);
        if (x.edge != null) m.edges[x.edge]!.xs.push(xi);
        if (x.cloud != null) {
          const cp = m.clouds[x.cloud]!;
          for (let mo = per.start_month; mo < per.start_month + per.months; mo++) {
            let l = cp.load.get(mo);
            if (!l) cp.load.set(mo, (l = []));
            l.push({ x: xi, a: peakTps(w, mo) / (u * c.point.unit_tps!) });
          }
        }
      });
      ys.push(penalty != null
        ? addCol(`y_${wi}_${k}`, 'y', 1, penalty * per.months, { workload: w.name, option: null, site: null, model: null, period: k, month: null })
        : null);
    }
    m.byWk.push(byK);
    m.ys.push(ys);
  });
  // z'[o,m,mo]: only months some workload may rent it in
  m.clouds.forEach((cp, ci) => {
    for (const mo of [...cp.load.keys()].sort((a, b) => a - b)) {
      cp.z[mo] = addCol(`z_${ci}_${mo}`, 'z', Infinity, cp.R * cloudInstanceMonthCost(cp.option, settings, mo) * delta[mo]!,
        { workload: null, option: cp.option.id, site: null, model: cp.model, period: null, month: mo });
    }
  });

  const rows = m.rows;
  // 1. each workload served once per period
  sized.forEach((wc, wi) => periods.forEach((per) => {
    const k = per.period;
    const idx = m.byWk[wi]![k]!.map((xi) => m.xs[xi]!.col);
    const y = m.ys[wi]![k];
    if (y != null) idx.push(y);
    rows.push({ name: `serve_${wi}_${k}`, family: 'serve', idx, val: idx.map(() => 1), lb: 1, ub: 1, note: `${wc.workload.name} served once in period ${k}` });
  }));
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
  void K;
  return m;
}

/**
 * The valid inequalities of the solver's model (never in the exported LP): a workload on a pool
 * needs ⌈its replicas⌉ whole replicas owned and the racks they take; on a cloud instance ⌈its
 * load⌉ whole replicas each month. Every integer plan meets them; they cut fractional x off.
 */
export function validCutsV2(m: ModelV2): Row[] {
  const out: Row[] = [];
  const u = m.input.settings.max_utilization;
  const periods = m.periods;
  const ceilTol = (v: number) => Math.max(0, Math.ceil(v - 1e-6));
  m.xs.forEach((x, xi) => {
    if (x.pool != null) {
      const p = m.pools[x.pool]!;
      const need = ceilTol(x.a);
      const idx: number[] = [], val: number[] = [];
      for (let j = 0; j <= x.k; j++) if (p.q[j] != null) { idx.push(p.q[j]!); val.push(1); }
      if (need > x.a + 1e-9) out.push({ name: `cutq_${xi}`, family: 'cut', idx: [...idx, x.col], val: [...val, -need], lb: 0, ub: Infinity, note: 'whole replicas' });
      const g = m.groups[p.group]!;
      const units = need * p.R;
      const racks = g.fit.kind === 'per_rack' ? Math.ceil(units / g.fit.k - 1e-9) : units * g.fit.t;
      if (g.site.usd_per_rack_month > 0 && racks > 0) out.push({ name: `cutr_${xi}`, family: 'cut', idx: [g.r[x.k]!, x.col], val: [1, -racks], lb: 0, ub: Infinity, note: 'whole racks' });
    } else if (x.cloud != null) {
      const cp = m.clouds[x.cloud]!;
      const per = periods[x.k]!;
      for (let mo = per.start_month; mo < per.start_month + per.months; mo++) {
        const a = peakTps(m.sized[x.w]!.workload, mo) / (u * x.cand.point.unit_tps!);
        const need = ceilTol(a);
        if (need > a + 1e-9) out.push({ name: `cutz_${xi}_${mo}`, family: 'cut', idx: [cp.z[mo]!, x.col], val: [1, -need], lb: 0, ub: Infinity, note: 'whole instances' });
      }
    }
  });
  return out;
}
