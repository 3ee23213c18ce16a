// An INDEPENDENT feasibility and cost checker for solved plans, written from DESIGN.md sections
// 4–6 and 8 only: it imports no optimizer, sizing or cost code. Tests run it on every plan.
import type { CatalogOption, PlanInput, PlanResult, Site, Workload } from '../types.ts';

const H730 = 730;
const TOL = 1e-6;

type Pt = { user_tps: number; unit_tps?: number | null; ttft_ms: number };

function pts(o: CatalogOption | undefined, model: string): Pt[] {
  return o?.performance.find((p) => p.model === model)?.points ?? [];
}
function fits(p: Pt, w: Workload): boolean {
  if (w.max_latency_ms == null) return true;
  return p.ttft_ms + (1000 * w.response_tokens) / p.user_tps <= w.max_latency_ms + 1e-9;
}
/** D_w: peak demand of the busiest month. */
export function designDemand(w: Workload, H: number): number {
  let d = 0;
  for (let m = 0; m < H; m++) d = Math.max(d, w.avg_output_tps * w.peak_to_avg * Math.pow(1 + w.monthly_growth_pct / 100, m));
  return d;
}
/** Units per rack (k) or racks spanned (t), DESIGN 4; null when it does not fit. */
export function rackRule(site: Site, rackUnits: number, maxKw: number, racksPerUnit = 1): { k: number } | { t: number } | null {
  // DESIGN 4 v2: a unit taller than the racks never fits; a rack-scale unit takes t whole racks
  if (rackUnits > site.rack_units) return null;
  if (racksPerUnit > 1) return maxKw / racksPerUnit <= site.rack_kw + 1e-9 ? { t: racksPerUnit } : null;
  let k = Math.floor(site.rack_units / rackUnits + 1e-9);
  if (maxKw > 0) k = Math.min(k, Math.floor(site.rack_kw / maxKw + 1e-9));
  return k >= 1 ? { k } : null;
}

export type IndepCandidate = { option: CatalogOption; site: Site | null; point: Pt };

/** Candidates of DESIGN 4, written afresh. */
export function independentCandidates(input: PlanInput, w: Workload): IndepCandidate[] {
  const out: IndepCandidate[] = [];
  const H = input.settings.horizon_months;
  const best = (ps: Pt[], extra: (p: Pt) => boolean = () => true): Pt | null => {
    let b: Pt | null = null;
    for (const p of ps) if (fits(p, w) && extra(p) && (b == null || (p.unit_tps ?? 0) > (b.unit_tps ?? 0) || ((p.unit_tps ?? 0) === (b.unit_tps ?? 0) && p.user_tps > b.user_tps))) b = p;
    return b;
  };
  for (const o of input.catalog.options) {
    if (!w.tiers.includes(o.tier)) continue;
    if (o.available_from && o.available_from > input.settings.start_month) continue;
    const pl = w.placement;
    const kindOk =
      pl === 'any' ||
      (pl === 'onprem' && (o.kind === 'system' || (o.kind === 'edge_device' && !o.inference_via))) ||
      (pl === 'cloud' && (o.kind === 'cloud_instance' || o.kind === 'cloud_api')) ||
      (pl === 'edge' && o.kind === 'edge_device');
    if (!kindOk) continue;
    if (o.kind === 'edge_device') {
      if (w.endpoints <= 0) continue;
      if (o.inference_via) {
        const a = input.catalog.options.find((x) => x.id === o.inference_via);
        if (!a || a.kind !== 'cloud_api') continue;
        const p = best(pts(a, w.model));
        if (p) out.push({ option: o, site: null, point: p });
      } else {
        const need = designDemand(w, H) / w.endpoints;
        const p = best(pts(o, w.model), (q) => (q.unit_tps ?? 0) >= need - 1e-9);
        if (p) out.push({ option: o, site: null, point: p });
      }
      continue;
    }
    const p = best(pts(o, w.model));
    if (!p) continue;
    if (o.kind !== 'system') { out.push({ option: o, site: null, point: p }); continue; }
    for (const s of input.sites) {
      if (o.cooling === 'liquid' && !s.liquid_cooling) continue;
      if (!rackRule(s, o.rack_units, o.max_power_kw, o.racks_per_unit)) continue;
      out.push({ option: o, site: s, point: p });
    }
  }
  return out;
}

function buys(L: number, H: number): number[] {
  const ms = [0];
  for (let j = 1; ; j++) {
    const m = Math.ceil(j * L - 1e-9);
    if (m >= H) break;
    ms.push(m);
  }
  return ms;
}

/** Horizon cost (DESIGN 6), discounted, net of residual, from an assignment list and pools. */
export function independentCost(
  input: PlanInput,
  served: { w: Workload; option: CatalogOption; site: Site | null; point: Pt; model?: string }[],
  pools: { site: Site; option: CatalogOption; units: number }[],
  racksBySite: Map<string, number>,
): { horizon: number; capex: number } {
  const st = input.settings;
  const H = st.horizon_months;
  const r = st.discount_rate_pct / 100;
  const d = (m: number) => Math.pow(1 + r, -m / 12);
  const byId = new Map(input.catalog.options.map((o) => [o.id, o] as const));
  let total = 0;
  let capex = 0;
  for (const p of pools) {
    const o = p.option;
    if (o.kind !== 'system' || p.units === 0) continue;
    const b = buys(o.lifetime_months, H);
    for (const m of b) total += d(m) * p.units * o.price_usd;
    capex += p.units * o.price_usd;
    for (let m = 0; m < H; m++) {
      total += d(m) * p.units * o.typical_power_kw * p.site.pue * H730 * p.site.usd_per_kwh;
      total += d(m) * p.units * (o.price_usd * o.support_pct_per_year) / 100 / 12;
    }
    if (st.residual_value) {
      const last = b[b.length - 1]!;
      total -= d(H - 1) * p.units * o.price_usd * Math.max(0, 1 - (H - last) / o.lifetime_months);
    }
  }
  for (const site of input.sites) {
    const n = racksBySite.get(site.name) ?? 0;
    for (let m = 0; m < H; m++) total += d(m) * n * site.usd_per_rack_month;
  }
  const g = (w: Workload, m: number) => Math.pow(1 + w.monthly_growth_pct / 100, m);
  const apiMonth = (w: Workload, api: CatalogOption, m: number) => {
    if (api.kind !== 'cloud_api') throw new Error('not an API');
    return w.avg_output_tps * g(w, m) * 3600 * H730 / 1e6 * (api.usd_per_m_output + w.input_per_output * api.usd_per_m_input);
  };
  // cloud instances: whole instances per (option, model, month), pooled over the workloads on them,
  // in whole replicas of units_per_replica instances
  const cloudLoad = new Map<string, { o: CatalogOption; R: number; load: number[] }>();
  for (const s of served) {
    const { w, option: o } = s;
    if (o.kind === 'cloud_instance') {
      const model = s.model ?? w.model;
      const key = `${o.id}|${model}`;
      const R = o.performance.find((p) => p.model === model)?.units_per_replica ?? 1;
      const c = cloudLoad.get(key) ?? { o, R, load: new Array<number>(H).fill(0) };
      for (let m = 0; m < H; m++) c.load[m]! += (w.avg_output_tps * w.peak_to_avg * g(w, m)) / (st.max_utilization * (s.point.unit_tps ?? NaN));
      cloudLoad.set(key, c);
    } else if (o.kind === 'cloud_api') {
      for (let m = 0; m < H; m++) total += d(m) * apiMonth(w, o, m);
    } else if (o.kind === 'edge_device') {
      const b = buys(o.lifetime_months, H);
      for (const m of b) total += d(m) * w.endpoints * o.price_usd;
      capex += w.endpoints * o.price_usd;
      for (let m = 0; m < H; m++) total += d(m) * w.endpoints * o.typical_power_kw * H730 * st.edge_usd_per_kwh;
      if (o.inference_via) {
        const api = byId.get(o.inference_via)!;
        for (let m = 0; m < H; m++) total += d(m) * apiMonth(w, api, m);
      }
      if (st.residual_value) {
        const last = b[b.length - 1]!;
        total -= d(H - 1) * w.endpoints * o.price_usd * Math.max(0, 1 - (H - last) / o.lifetime_months);
      }
    }
  }
  for (const { o, R, load } of cloudLoad.values()) {
    if (o.kind !== 'cloud_instance') continue;
    for (let m = 0; m < H; m++) total += d(m) * R * Math.ceil(load[m]! / R - 1e-6) * o.usd_per_hour * H730;
  }
  return { horizon: total, capex };
}

const close = (a: number, b: number, rel = 1e-6) => Math.abs(a - b) <= rel * Math.max(1, Math.abs(a), Math.abs(b));

/** Returns the list of violations (empty = the plan is valid and its figures are right). */
export function checkPlan(input: PlanInput, plan: PlanResult): string[] {
  const errs: string[] = [];
  if (plan.status === 'infeasible' || plan.status === 'no_plan') {
    if (plan.assignments.length > 0) errs.push('a plan without status has assignments');
    if (!plan.reasons || plan.reasons.length === 0) errs.push('no reason given for ' + plan.status);
    return errs;
  }
  const st = input.settings;
  const H = st.horizon_months;
  const u = st.max_utilization;
  const opt = new Map(input.catalog.options.map((o) => [o.id, o] as const));
  const site = new Map(input.sites.map((s) => [s.name, s] as const));
  // served once
  const count = new Map<string, number>();
  for (const a of plan.assignments) count.set(a.workload, (count.get(a.workload) ?? 0) + 1);
  for (const x of plan.unserved) count.set(x.workload, (count.get(x.workload) ?? 0) + 1);
  for (const w of input.workloads) if (count.get(w.name) !== 1) errs.push(`${w.name} appears ${count.get(w.name) ?? 0} times`);
  if (plan.unserved.length > 0 && st.unserved_penalty_usd_per_month == null) errs.push('unserved workloads without a penalty');
  for (const x of plan.unserved) if (!x.reason) errs.push(`${x.workload}: unserved without reason`);
  // candidacy and latency: the assigned point is the fitting point with the highest unit_tps
  const served: { w: Workload; option: CatalogOption; site: Site | null; point: Pt }[] = [];
  const load = new Map<string, number>();
  for (const a of plan.assignments) {
    const w = input.workloads.find((x) => x.name === a.workload);
    if (!w) { errs.push(`unknown workload ${a.workload}`); continue; }
    const cands = independentCandidates(input, w);
    const c = cands.find((k) => k.option.id === a.option && (k.site?.name ?? null) === a.site);
    if (!c) { errs.push(`${a.workload}: ${a.option}@${a.site} is not a candidate`); continue; }
    if (c.point.user_tps !== a.user_tps || (c.point.unit_tps ?? null) !== a.unit_tps || c.point.ttft_ms !== a.ttft_ms) errs.push(`${a.workload}: wrong operating point on ${a.option}`);
    if (w.max_latency_ms != null && a.ttft_ms + (1000 * w.response_tokens) / a.user_tps > w.max_latency_ms + 1e-9) errs.push(`${a.workload}: latency exceeded`);
    if (c.option.tier !== a.tier || c.option.kind !== a.kind) errs.push(`${a.workload}: wrong tier/kind`);
    served.push({ w, option: c.option, site: c.site, point: c.point });
    if (c.option.kind === 'system') {
      const key = `${a.site}|${a.option}|${w.model}`;
      load.set(key, (load.get(key) ?? 0) + designDemand(w, H) / (u * (c.point.unit_tps ?? NaN)));
    }
  }
  // pool capacity
  const poolUnits = new Map<string, number>();
  for (const p of plan.pools) {
    const key = `${p.site}|${p.option}|${p.model}`;
    if (poolUnits.has(key)) errs.push(`pool ${key} listed twice`);
    if (!Number.isInteger(p.units) || p.units < 0) errs.push(`pool ${key}: units ${p.units}`);
    poolUnits.set(key, p.units);
  }
  for (const [key, l] of load) if ((poolUnits.get(key) ?? 0) < l - TOL * Math.max(1, l)) errs.push(`pool ${key}: ${poolUnits.get(key) ?? 0} units for a load of ${l}`);
  // sites: power, k/t racks, site racks, layout consistent with pools
  let racksTotal = 0;
  const racksBySite = new Map<string, number>();
  const poolsFull: { site: Site; option: CatalogOption; units: number }[] = [];
  for (const p of plan.pools) {
    const s = site.get(p.site), o = opt.get(p.option);
    if (!s || !o) { errs.push(`pool at unknown site/option ${p.site}/${p.option}`); continue; }
    poolsFull.push({ site: s, option: o, units: p.units });
  }
  for (const s of input.sites) {
    const use = plan.sites.find((x) => x.site === s.name);
    const mine = plan.pools.filter((p) => p.site === s.name);
    let kw = 0;
    for (const p of mine) { const o = opt.get(p.option); if (o?.kind === 'system') kw += p.units * o.max_power_kw; }
    if (kw > s.it_power_kw + 1e-6) errs.push(`${s.name}: ${kw} kW over ${s.it_power_kw}`);
    if (mine.some((p) => p.units > 0) && !use) { errs.push(`${s.name}: missing from sites`); continue; }
    if (!use) continue;
    if (!close(use.power_kw_used, kw)) errs.push(`${s.name}: power_kw_used ${use.power_kw_used} ≠ ${kw}`);
    // layout: units per option/model must match the pools; each rack one system type within k, tall units span t
    const listed = new Map<string, number>();
    let racks = 0;
    for (const rk of use.racks) {
      const o = opt.get(rk.option);
      if (!o || o.kind !== 'system') { errs.push(`${s.name}: rack of unknown system ${rk.option}`); continue; }
      const rule = rackRule(s, o.rack_units, o.max_power_kw, o.racks_per_unit);
      if (!rule) { errs.push(`${s.name}: ${o.id} does not fit`); continue; }
      if (rk.units.some((x) => x.option !== rk.option)) errs.push(`${s.name}: mixed systems in a rack`);
      if ('k' in rule) {
        if (rk.units.length > rule.k || rk.units.length === 0) errs.push(`${s.name}: rack of ${o.id} holds ${rk.units.length} (k = ${rule.k})`);
        if (rk.spans !== 1) errs.push(`${s.name}: ${o.id} is not tall`);
        racks += 1;
      } else {
        if (rk.units.length !== 1 || rk.spans !== rule.t) errs.push(`${s.name}: tall ${o.id} must be listed once with spans ${rule.t}`);
        racks += rule.t;
      }
      if (rk.u_used > s.rack_units * (rk.spans ?? 1) + 1e-9) errs.push(`${s.name}: rack over its U`);
      if (rk.kw_used > s.rack_kw * (rk.spans ?? 1) + 1e-9) errs.push(`${s.name}: rack over its kW`);
      for (const x of rk.units) listed.set(`${x.option}|${x.model}`, (listed.get(`${x.option}|${x.model}`) ?? 0) + 1);
    }
    for (const p of mine) if ((listed.get(`${p.option}|${p.model}`) ?? 0) !== p.units) errs.push(`${s.name}: layout lists ${listed.get(`${p.option}|${p.model}`) ?? 0} units of ${p.option}/${p.model}, pool has ${p.units}`);
    if (racks !== use.racks_used) errs.push(`${s.name}: racks_used ${use.racks_used} ≠ ${racks} in the layout`);
    if (racks > s.racks) errs.push(`${s.name}: ${racks} racks over ${s.racks}`);
    racksBySite.set(s.name, racks);
    racksTotal += racks;
  }
  void racksTotal;
  // costs
  const { horizon, capex } = independentCost(input, served, poolsFull, racksBySite);
  if (!close(horizon, plan.totals.horizon_cost_usd)) errs.push(`horizon cost ${plan.totals.horizon_cost_usd} ≠ recomputed ${horizon}`);
  if (!close(capex, plan.totals.capex_usd)) errs.push(`capex ${plan.totals.capex_usd} ≠ recomputed ${capex}`);
  if (st.capex_budget_usd != null && capex > st.capex_budget_usd + 1e-6 * Math.max(1, st.capex_budget_usd)) errs.push(`capex ${capex} over budget`);
  if (st.total_budget_usd != null && horizon > st.total_budget_usd + 1e-6 * Math.max(1, st.total_budget_usd)) errs.push(`horizon ${horizon} over total budget`);
  const penalty = (st.unserved_penalty_usd_per_month ?? 0) * H * plan.unserved.length;
  if (plan.objective_usd == null || !close(plan.objective_usd, horizon + penalty)) errs.push(`objective ${plan.objective_usd} ≠ horizon + penalties ${horizon + penalty}`);
  if (plan.bound_usd != null && plan.objective_usd != null && plan.bound_usd > plan.objective_usd * (1 + 1e-6) + 1e-6) errs.push('bound above objective');
  if (plan.status === 'optimal' && (plan.gap == null || plan.gap > 1e-4)) errs.push(`optimal with gap ${plan.gap}`);
  return errs;
}
