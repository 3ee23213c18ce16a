// An INDEPENDENT feasibility and cost checker for solved plans, written from DESIGN.md sections
// 4–6 and 8 only: it imports no optimizer, sizing or cost code. Tests run it on every plan.
import type { CatalogOption, PlanInput, PlanResult, Site, Workload } from '../types.ts';
import { workloadModels } from '../types.ts';

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

export type IndepCandidate = { option: CatalogOption; site: Site | null; point: Pt; model: string };

/** Calendar month (YYYY-MM) `add` months after `start` (YYYY-MM). */
function calMonth(start: string, add: number): string {
  const [y, m] = start.split('-').map(Number) as [number, number];
  const t = y * 12 + (m - 1) + add;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
}

/**
 * Candidates of DESIGN 4, written afresh: (option, model[, site]) for each of w's models, usable in
 * `period` (available_from ≤ the calendar month of the period's start; period 0 by default).
 */
export function independentCandidates(input: PlanInput, w: Workload, period = 0): IndepCandidate[] {
  const out: IndepCandidate[] = [];
  const H = input.settings.horizon_months;
  const I = input.settings.purchase_interval_months ?? H;
  const when = calMonth(input.settings.start_month, period * I);
  const best = (ps: Pt[], extra: (p: Pt) => boolean = () => true): Pt | null => {
    let b: Pt | null = null;
    for (const p of ps) if (fits(p, w) && extra(p) && (b == null || (p.unit_tps ?? 0) > (b.unit_tps ?? 0) || ((p.unit_tps ?? 0) === (b.unit_tps ?? 0) && p.user_tps > b.user_tps))) b = p;
    return b;
  };
  for (const o of input.catalog.options) {
    if (!w.tiers.includes(o.tier)) continue;
    if (o.available_from && o.available_from > when) continue;
    const pl = w.placement;
    const kindOk =
      pl === 'any' ||
      (pl === 'onprem' && (o.kind === 'system' || (o.kind === 'edge_device' && !o.inference_via))) ||
      (pl === 'cloud' && (o.kind === 'cloud_instance' || o.kind === 'cloud_api')) ||
      (pl === 'edge' && o.kind === 'edge_device');
    if (!kindOk) continue;
    for (const model of workloadModels(w)) {
      if (o.kind === 'edge_device') {
        if (w.endpoints <= 0) continue;
        if (o.inference_via) {
          const a = input.catalog.options.find((x) => x.id === o.inference_via);
          if (!a || a.kind !== 'cloud_api') continue;
          const p = best(pts(a, model));
          if (p) out.push({ option: o, site: null, point: p, model });
        } else {
          const need = designDemand(w, H) / w.endpoints;
          const p = best(pts(o, model), (q) => (q.unit_tps ?? 0) >= need - 1e-9);
          if (p) out.push({ option: o, site: null, point: p, model });
        }
        continue;
      }
      const p = best(pts(o, model));
      if (!p) continue;
      if (o.kind !== 'system') { out.push({ option: o, site: null, point: p, model }); continue; }
      for (const s of input.sites) {
        if (o.cooling === 'liquid' && !s.liquid_cooling) continue;
        if (!rackRule(s, o.rack_units, o.max_power_kw, o.racks_per_unit)) continue;
        out.push({ option: o, site: s, point: p, model });
      }
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
    for (let m = 0; m < H; m++) total += d(m) * R * Math.ceil(load[m]! - 1e-6) * o.usd_per_hour * H730; // load in replicas
  }
  return { horizon: total, capex };
}

const close = (a: number, b: number, rel = 1e-6) => Math.abs(a - b) <= rel * Math.max(1, Math.abs(a), Math.abs(b));

/** Purchase months of a tranche bought at p: p, then p + ⌊i × L⌋ < H (DESIGN 6, 9). */
function tranche(p: number, L: number, H: number): number[] {
  const ms = [p];
  for (let i = 1; ; i++) {
    const m = p + Math.floor(i * L + 1e-9);
    if (m >= H) break;
    ms.push(m);
  }
  return ms;
}

/**
 * Returns the list of violations (empty = the plan is valid and its figures are right), for the
 * v2 model of DESIGN 4–6 and 8: periods of purchase_interval_months, availability by period,
 * price trends, model lists, replicas of R units, pooled cloud instances, edge purchases by period,
 * capex per plan year, tranches with replacements and residual values.
 */
export function checkPlan(input: PlanInput, plan: PlanResult): string[] {
  const errs: string[] = [];
  if (plan.status === 'infeasible' || plan.status === 'no_plan') {
    if (plan.assignments.length > 0) errs.push('a plan without status has assignments');
    if (!plan.reasons || plan.reasons.length === 0) errs.push('no reason given for ' + plan.status);
    return errs;
  }
  const st = input.settings;
  const H = st.horizon_months;
  const I = st.purchase_interval_months ?? H;
  const K = Math.ceil(H / I);
  const u = st.max_utilization;
  const kOf = (m: number) => Math.floor(m / I);
  const monthsOf = (k: number) => { const ms: number[] = []; for (let m = k * I; m < Math.min(k * I + I, H); m++) ms.push(m); return ms; };
  const piHw = (m: number) => Math.pow(1 + (st.hardware_price_change_pct_per_year ?? 0) / 100, m / 12);
  const piCl = (m: number) => Math.pow(1 + (st.cloud_price_change_pct_per_year ?? 0) / 100, m / 12);
  const rate = st.discount_rate_pct / 100;
  const disc = (m: number) => Math.pow(1 + rate, -m / 12);
  const g = (w: Workload, m: number) => Math.pow(1 + w.monthly_growth_pct / 100, m);
  const peak = (w: Workload, m: number) => w.avg_output_tps * w.peak_to_avg * g(w, m);
  const Dk = (w: Workload, k: number) => Math.max(...monthsOf(k).map((m) => peak(w, m)));
  const opt = new Map(input.catalog.options.map((o) => [o.id, o] as const));
  const siteBy = new Map(input.sites.map((s) => [s.name, s] as const));
  const wBy = new Map(input.workloads.map((w) => [w.name, w] as const));
  const Rof = (o: CatalogOption | undefined, model: string) => o?.performance.find((p) => p.model === model)?.units_per_replica ?? 1;

  // periods (DESIGN 8)
  const expPeriods = Array.from({ length: K }, (_, k) => ({ period: k, start_month: k * I, months: monthsOf(k).length }));
  if (JSON.stringify((plan.periods ?? []).map((p) => ({ period: p.period, start_month: p.start_month, months: p.months }))) !== JSON.stringify(expPeriods)) {
    errs.push(`periods ${JSON.stringify(plan.periods)} ≠ ${JSON.stringify(expPeriods)}`);
  }
  const validPeriod = (k: number) => Number.isInteger(k) && k >= 0 && k < K;

  // 1. each workload served once per period (or unserved with a penalty)
  const count = new Map<string, number>();
  const key2 = (w: string, k: number) => `${w}#${k}`;
  for (const a of plan.assignments) { if (!validPeriod(a.period)) errs.push(`${a.workload}: assignment in period ${a.period}`); count.set(key2(a.workload, a.period), (count.get(key2(a.workload, a.period)) ?? 0) + 1); }
  for (const x of plan.unserved) { if (!validPeriod(x.period)) errs.push(`${x.workload}: unserved in period ${x.period}`); count.set(key2(x.workload, x.period), (count.get(key2(x.workload, x.period)) ?? 0) + 1); }
  for (const w of input.workloads) for (let k = 0; k < K; k++) {
    const n = count.get(key2(w.name, k)) ?? 0;
    if (n !== 1) errs.push(`${w.name} appears ${n} times in period ${k}`);
  }
  if (plan.unserved.length > 0 && st.unserved_penalty_usd_per_month == null) errs.push('unserved workloads without a penalty');
  for (const x of plan.unserved) if (!x.reason) errs.push(`${x.workload}: unserved in period ${x.period} without reason`);

  // candidacy, usability in the period, latency, operating point; loads per pool
  const sysLoad = new Map<string, number>(); // period|site|option|model
  const cloudLoad = new Map<string, number>(); // month|option|model
  const apiMonths: { w: Workload; api: CatalogOption; m: number }[] = [];
  const edgeUse: { w: Workload; o: CatalogOption; k: number }[] = [];
  const candCache = new Map<string, IndepCandidate[]>();
  for (const a of plan.assignments) {
    const w = wBy.get(a.workload);
    if (!w) { errs.push(`unknown workload ${a.workload}`); continue; }
    if (!validPeriod(a.period)) continue;
    const ck = key2(w.name, a.period);
    const cands = candCache.get(ck) ?? independentCandidates(input, w, a.period);
    candCache.set(ck, cands);
    const c = cands.find((x) => x.option.id === a.option && x.model === a.model && (x.site?.name ?? null) === (a.site ?? null));
    if (!c) { errs.push(`${a.workload}: ${a.option}/${a.model}@${a.site} is not a candidate in period ${a.period}`); continue; }
    if (c.point.user_tps !== a.user_tps || (c.point.unit_tps ?? null) !== (a.unit_tps ?? null) || c.point.ttft_ms !== a.ttft_ms) errs.push(`${a.workload}: wrong operating point on ${a.option}/${a.model} in period ${a.period}`);
    if (w.max_latency_ms != null && a.ttft_ms + (1000 * w.response_tokens) / a.user_tps > w.max_latency_ms + 1e-9) errs.push(`${a.workload}: latency exceeded`);
    if (c.option.tier !== a.tier || c.option.kind !== a.kind) errs.push(`${a.workload}: wrong tier/kind`);
    const o = c.option;
    if (o.kind === 'system') {
      const key = `${a.period}|${a.site}|${a.option}|${a.model}`;
      sysLoad.set(key, (sysLoad.get(key) ?? 0) + Dk(w, a.period) / (u * (c.point.unit_tps ?? NaN)));
    } else if (o.kind === 'cloud_instance') {
      for (const m of monthsOf(a.period)) {
        const key = `${m}|${a.option}|${a.model}`;
        cloudLoad.set(key, (cloudLoad.get(key) ?? 0) + peak(w, m) / (u * (c.point.unit_tps ?? NaN)));
      }
    } else if (o.kind === 'cloud_api') {
      for (const m of monthsOf(a.period)) apiMonths.push({ w, api: o, m });
    } else {
      edgeUse.push({ w, o, k: a.period });
      if (o.inference_via) { const api = opt.get(o.inference_via)!; for (const m of monthsOf(a.period)) apiMonths.push({ w, api, m }); }
    }
  }

  // 2. system purchases and pools: pool(k) = R × Σ_{j≤k} replicas ≥ the period's load
  const bought = new Map<string, number>(); // period|site|option|model → replicas
  const groups = new Set<string>(); // site|option|model
  for (const p of plan.purchases) {
    const o = opt.get(p.option);
    const key = `${p.period}|${p.site}|${p.option}|${p.model}`;
    if (!o || o.kind !== 'system' || !siteBy.has(p.site)) { errs.push(`purchase of unknown system ${p.option} at ${p.site}`); continue; }
    if (!validPeriod(p.period)) { errs.push(`purchase ${key}: period ${p.period}`); continue; }
    if (bought.has(key)) errs.push(`purchase ${key} listed twice`);
    if (!Number.isInteger(p.replicas) || p.replicas < 0) errs.push(`purchase ${key}: replicas ${p.replicas}`);
    if (p.units !== p.replicas * Rof(o, p.model)) errs.push(`purchase ${key}: units ${p.units} ≠ ${Rof(o, p.model)} × ${p.replicas} replicas`);
    if (o.available_from && o.available_from > calMonth(st.start_month, p.period * I)) errs.push(`purchase ${key}: ${o.id} not available until ${o.available_from}`);
    bought.set(key, (bought.get(key) ?? 0) + p.replicas);
    groups.add(`${p.site}|${p.option}|${p.model}`);
  }
  const poolUnits = new Map<string, number>();
  for (const p of plan.pools) {
    const key = `${p.period}|${p.site}|${p.option}|${p.model}`;
    if (!validPeriod(p.period)) errs.push(`pool ${key}: period ${p.period}`);
    if (poolUnits.has(key)) errs.push(`pool ${key} listed twice`);
    if (!Number.isInteger(p.units) || p.units < 0) errs.push(`pool ${key}: units ${p.units}`);
    poolUnits.set(key, p.units);
    groups.add(`${p.site}|${p.option}|${p.model}`);
  }
  for (const key of sysLoad.keys()) groups.add(key.split('|').slice(1).join('|'));
  const owned = new Map<string, number>(); // period|site|option|model → units owned (R × cumulative replicas)
  for (const gk of groups) {
    const [, oid, model] = gk.split('|') as [string, string, string];
    const R = Rof(opt.get(oid), model);
    let cum = 0;
    for (let k = 0; k < K; k++) {
      cum += bought.get(`${k}|${gk}`) ?? 0;
      const n = R * cum;
      owned.set(`${k}|${gk}`, n);
      const listed = poolUnits.get(`${k}|${gk}`) ?? 0;
      if (listed !== n) errs.push(`pool ${k}|${gk}: ${listed} units listed, ${n} owned (R ${R} × ${cum} replicas bought)`);
      const l = sysLoad.get(`${k}|${gk}`) ?? 0;
      if (n < l - TOL * Math.max(1, l)) errs.push(`pool ${k}|${gk}: ${n} units for a load of ${l}`);
    }
  }

  // 3. cloud instances per month: whole replicas of R instances covering the month's peak load
  const cloudSeen = new Set<string>();
  const cloudRows: { m: number; o: CatalogOption; n: number }[] = [];
  for (const c of plan.cloud) {
    const o = opt.get(c.option);
    const key = `${c.month}|${c.option}|${c.model}`;
    if (!o || o.kind !== 'cloud_instance') { errs.push(`cloud rental of unknown instance ${c.option}`); continue; }
    if (!Number.isInteger(c.month) || c.month < 0 || c.month >= H) { errs.push(`cloud ${key}: month out of the horizon`); continue; }
    if (cloudSeen.has(key)) errs.push(`cloud ${key} listed twice`);
    cloudSeen.add(key);
    const R = Rof(o, c.model);
    if (!Number.isInteger(c.instances) || c.instances < 0 || c.instances % R !== 0) errs.push(`cloud ${key}: ${c.instances} instances is not a whole multiple of R = ${R}`);
    // the load is in replicas (unit_tps is a replica's): R instances each
    const l = (cloudLoad.get(key) ?? 0) * R;
    if (c.instances < l - TOL * Math.max(1, l)) errs.push(`cloud ${key}: ${c.instances} instances for a load of ${l} instances`);
    cloudRows.push({ m: c.month, o, n: c.instances });
  }
  for (const [key, l] of cloudLoad) if (!cloudSeen.has(key) && l > 0) errs.push(`cloud ${key}: no instances for a load of ${l}`);

  // 4. edge: devices bought at most once per (w, o), in or before each period they serve w
  const edgeBuy = new Map<string, { w: Workload; o: CatalogOption; k: number; devices: number }>();
  for (const e of plan.edge) {
    const w = wBy.get(e.workload), o = opt.get(e.option);
    const key = `${e.workload}|${e.option}`;
    if (!w || !o || o.kind !== 'edge_device') { errs.push(`edge purchase of unknown ${e.option} for ${e.workload}`); continue; }
    if (!validPeriod(e.period)) { errs.push(`edge ${key}: period ${e.period}`); continue; }
    if (edgeBuy.has(key)) errs.push(`edge ${key} bought more than once`);
    if (e.devices !== w.endpoints) errs.push(`edge ${key}: ${e.devices} devices for ${w.endpoints} endpoints`);
    if (o.available_from && o.available_from > calMonth(st.start_month, e.period * I)) errs.push(`edge ${key}: ${o.id} not available in period ${e.period}`);
    edgeBuy.set(key, { w, o, k: e.period, devices: e.devices });
  }
  for (const x of edgeUse) {
    const b = edgeBuy.get(`${x.w.name}|${x.o.id}`);
    if (!b || b.k > x.k) errs.push(`${x.w.name}: on ${x.o.id} in period ${x.k} without devices bought by then`);
  }

  // 5–6. sites per period: power, racks per system type (k or t), site racks, layout = pools
  const racksUsed = new Map<string, number>(); // site|period
  for (const s of input.sites) for (let k = 0; k < K; k++) {
    const use = plan.sites.find((x) => x.site === s.name && x.period === k);
    const mine = [...owned].filter(([key, n]) => n > 0 && key.startsWith(`${k}|${s.name}|`)).map(([key, n]) => {
      const [, , option, model] = key.split('|') as [string, string, string, string];
      return { option, model, units: n };
    });
    let kw = 0;
    for (const p of mine) { const o = opt.get(p.option); if (o?.kind === 'system') kw += p.units * o.max_power_kw; }
    if (kw > s.it_power_kw + 1e-6) errs.push(`${s.name} period ${k}: ${kw} kW over ${s.it_power_kw}`);
    if (mine.length > 0 && !use) { errs.push(`${s.name}: missing from sites in period ${k}`); continue; }
    if (!use) continue;
    if (!close(use.power_kw_used, kw)) errs.push(`${s.name} period ${k}: power_kw_used ${use.power_kw_used} ≠ ${kw}`);
    const listed = new Map<string, number>();
    let racks = 0;
    for (const rk of use.racks) {
      const o = opt.get(rk.option);
      if (!o || o.kind !== 'system') { errs.push(`${s.name}: rack of unknown system ${rk.option}`); continue; }
      const rule = rackRule(s, o.rack_units, o.max_power_kw, o.racks_per_unit);
      if (!rule) { errs.push(`${s.name}: ${o.id} does not fit`); continue; }
      if (rk.units.some((x) => x.option !== rk.option)) errs.push(`${s.name} period ${k}: mixed systems in a rack`);
      if ('k' in rule) {
        if (rk.units.length > rule.k || rk.units.length === 0) errs.push(`${s.name} period ${k}: rack of ${o.id} holds ${rk.units.length} (k = ${rule.k})`);
        if (rk.spans !== 1) errs.push(`${s.name}: ${o.id} is not tall`);
        racks += 1;
      } else {
        if (rk.units.length !== 1 || rk.spans !== rule.t) errs.push(`${s.name}: tall ${o.id} must be listed once with spans ${rule.t}`);
        racks += rule.t;
      }
      if (rk.u_used > s.rack_units * (rk.spans ?? 1) + 1e-9) errs.push(`${s.name} period ${k}: rack over its U`);
      if (rk.kw_used > s.rack_kw * (rk.spans ?? 1) + 1e-9) errs.push(`${s.name} period ${k}: rack over its kW`);
      for (const x of rk.units) listed.set(`${x.option}|${x.model}`, (listed.get(`${x.option}|${x.model}`) ?? 0) + 1);
    }
    for (const p of mine) if ((listed.get(`${p.option}|${p.model}`) ?? 0) !== p.units) errs.push(`${s.name} period ${k}: layout lists ${listed.get(`${p.option}|${p.model}`) ?? 0} units of ${p.option}/${p.model}, pool has ${p.units}`);
    for (const [lk, n] of listed) if (!mine.some((p) => `${p.option}|${p.model}` === lk)) errs.push(`${s.name} period ${k}: layout lists ${n} units of ${lk} outside the pools`);
    if (racks !== use.racks_used) errs.push(`${s.name} period ${k}: racks_used ${use.racks_used} ≠ ${racks} in the layout`);
    if (racks > s.racks) errs.push(`${s.name} period ${k}: ${racks} racks over ${s.racks}`);
    racksUsed.set(`${s.name}|${k}`, racks);
  }
  for (const x of plan.sites) if (!siteBy.has(x.site) || !validPeriod(x.period)) errs.push(`sites: unknown ${x.site} period ${x.period}`);

  // costs (DESIGN 6), per month, discounted; capex per plan year (DESIGN 5.7)
  const line = new Array<number>(H).fill(0);
  const capexYear = new Map<number, number>();
  let capex = 0;
  const buy = (t: number, usd: number) => { line[t]! += usd; capexYear.set(Math.floor(t / 12), (capexYear.get(Math.floor(t / 12)) ?? 0) + usd); };
  for (const [key, q] of bought) {
    if (q === 0) continue;
    const [jS, , oid, model] = key.split('|') as [string, string, string, string];
    const j = Number(jS), o = opt.get(oid)!;
    if (o.kind !== 'system') continue;
    const n = Rof(o, model) * q;
    const ts = tranche(j * I, o.lifetime_months, H);
    for (const t of ts) buy(t, n * o.price_usd * piHw(t));
    capex += n * o.price_usd * piHw(j * I);
    for (let m = j * I; m < H; m++) {
      const t = ts.filter((x) => x <= m).pop()!;
      line[m]! += (n * o.price_usd * piHw(t) * o.support_pct_per_year) / 1200;
    }
    if (st.residual_value) {
      const last = ts[ts.length - 1]!;
      line[H - 1]! -= n * o.price_usd * piHw(last) * Math.max(0, 1 - (H - last) / o.lifetime_months);
    }
  }
  for (const [key, n] of owned) {
    if (n === 0) continue;
    const [kS, sName, oid] = key.split('|') as [string, string, string, string];
    const o = opt.get(oid), s = siteBy.get(sName);
    if (!o || o.kind !== 'system' || !s) continue;
    for (const m of monthsOf(Number(kS))) line[m]! += n * o.typical_power_kw * s.pue * H730 * s.usd_per_kwh;
  }
  for (const [key, r] of racksUsed) {
    const [sName, kS] = key.split('|') as [string, string];
    for (const m of monthsOf(Number(kS))) line[m]! += r * siteBy.get(sName)!.usd_per_rack_month;
  }
  for (const c of cloudRows) if (c.o.kind === 'cloud_instance') line[c.m]! += c.n * c.o.usd_per_hour * piCl(c.m) * H730;
  for (const { w, api, m } of apiMonths) {
    if (api.kind !== 'cloud_api') continue;
    line[m]! += ((w.avg_output_tps * g(w, m) * 3600 * H730) / 1e6) * (api.usd_per_m_output + w.input_per_output * api.usd_per_m_input) * piCl(m);
  }
  for (const { w, o, k } of edgeUse) if (o.kind === 'edge_device') for (const m of monthsOf(k)) line[m]! += w.endpoints * o.typical_power_kw * H730 * st.edge_usd_per_kwh;
  for (const { w, o, k } of edgeBuy.values()) {
    if (o.kind !== 'edge_device') continue;
    const ts = tranche(k * I, o.lifetime_months, H);
    for (const t of ts) buy(t, w.endpoints * o.price_usd * piHw(t));
    capex += w.endpoints * o.price_usd * piHw(k * I);
    if (st.residual_value) {
      const last = ts[ts.length - 1]!;
      line[H - 1]! -= w.endpoints * o.price_usd * piHw(last) * Math.max(0, 1 - (H - last) / o.lifetime_months);
    }
  }
  const horizon = line.reduce((a, x, m) => a + disc(m) * x, 0);
  if (!close(horizon, plan.totals.horizon_cost_usd)) errs.push(`horizon cost ${plan.totals.horizon_cost_usd} ≠ recomputed ${horizon}`);
  if (!close(capex, plan.totals.capex_usd)) errs.push(`capex ${plan.totals.capex_usd} ≠ recomputed ${capex}`);
  if (st.capex_budget_usd != null) for (const [y, c] of capexYear) if (c > st.capex_budget_usd + 1e-6 * Math.max(1, st.capex_budget_usd)) errs.push(`capex ${c} in plan year ${y} over the budget ${st.capex_budget_usd}`);
  if (st.total_budget_usd != null && horizon > st.total_budget_usd + 1e-6 * Math.max(1, st.total_budget_usd)) errs.push(`horizon ${horizon} over total budget`);
  let penalty = 0;
  for (const x of plan.unserved) if (validPeriod(x.period)) penalty += (st.unserved_penalty_usd_per_month ?? 0) * monthsOf(x.period).length;
  if (plan.objective_usd == null || !close(plan.objective_usd, horizon + penalty)) errs.push(`objective ${plan.objective_usd} ≠ horizon + penalties ${horizon + penalty}`);
  if (plan.bound_usd != null && plan.objective_usd != null && plan.bound_usd > plan.objective_usd * (1 + 1e-6) + 1e-6) errs.push('bound above objective');
  if (plan.status === 'optimal' && (plan.gap == null || plan.gap > 1e-4)) errs.push(`optimal with gap ${plan.gap}`);
  return errs;
}
