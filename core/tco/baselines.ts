// The two baselines of DESIGN 6 and the plan's saving and break-even month against each. A
// baseline is a PlanResult evaluated by the same computeTco, so its months line up with the plan's.
//
// Rules fixed here:
// - Both baselines cover the workloads the plan serves; workloads the plan leaves unserved stay
//   unserved, so plan and baseline serve the same tokens (the caption says so: DESIGN 6 reads
//   "every workload").
// - (a) "all on token APIs": each served workload goes to the cloud_api with the lowest
//   per-output-token price (usd_per_m_output + input_per_output × usd_per_m_input) among APIs
//   that are available at start_month and serve its model with a point meeting its latency,
//   ignoring placement and tiers. A workload no API fits keeps its plan assignment; pools of
//   kept system workloads are re-sized to ⌈Σ c_w⌉ of what remains in them.
// - (b) "one system type": the served workloads some system can serve (an available system
//   with a fitting point for the model and a site that can host it — cooling and rack fit;
//   tiers and placement ignored, as in (a)) all go to the ONE system type that serves every one
//   of them at least horizon cost, at the hosting site with the lowest pue × usd_per_kwh (ties:
//   lower usd_per_rack_month, then site order). Units are pooled per model,
//   n = ⌈Σ D_w ÷ (u × unit_tps)⌉, racks ⌈Σ n ÷ k⌉ or Σ n × t. Site power and rack limits are
//   ignored (caption). Other workloads keep their plan assignment. "none" (with a reason) when
//   no workload can go on a system or no single type serves them all.
// - Break-even month: on the cumulative discounted cost (TcoMonth.cumulative_pv_usd, whose
//   last value is the horizon cost), the first month m at which the plan's cumulative cost is
//   ≤ the baseline's and stays so through H−1; 0 when the plan is never dearer; null ("none
//   within the horizon") when the plan is still dearer at H−1.
import { bestPoint, designTps, isAvailable, pointsFor, rackFit } from '../sizing.ts';
import type { Assignment, CloudApiOption, PlanInput, PlanResult, Pool, Site, SystemOption, Workload } from '../types.ts';
import { computeTco, monthLabel, type TcoReport } from './engine.ts';
import { layoutRacks } from './racks.ts';

export type BaselineId = 'api' | 'system';
export type Baseline = {
  id: BaselineId;
  label: string;
  status: 'ok' | 'none';
  /** why the baseline is "none" */
  reason: string | null;
  /** what a chart of this baseline must say, e.g. "site power and rack limits ignored" */
  caption: string | null;
  /** (b): the system type and site chosen */
  system: { option: string; site: string } | null;
  /** workloads moved to the baseline's option(s) / kept on their plan assignment */
  moved: number;
  kept: number;
  plan: PlanResult | null;
  report: TcoReport | null;
};

export type BreakEven = {
  /** null: none within the horizon */
  month: number | null;
  label: string | null;
};

export type BaselineComparison = {
  baseline: Baseline;
  /** baseline − plan horizon cost (positive: the plan saves) */
  saving_usd: number | null;
  saving_pct: number | null;
  saving_undiscounted_usd: number | null;
  break_even: BreakEven | null;
};

export const POWER_RACKS_IGNORED = 'site power and rack limits ignored';

/** "N workload(s) the plan leaves unserved are left out" joined to a caption, when there are any. */
export function withUnservedNote(caption: string | null, plan: PlanResult): string | null {
  const n = plan.unserved.length;
  if (n === 0) return caption;
  const note = `${n} workload${n === 1 ? '' : 's'} the plan leaves unserved ${n === 1 ? 'is' : 'are'} left out`;
  return caption ? `${caption}; ${note}` : note;
}

/**
 * First month m with planCum[k] ≤ baseCum[k] for every k in m … H−1 (see the header);
 * null when the plan is dearer at H−1.
 */
export function breakEvenMonth(planCum: ArrayLike<number>, baseCum: ArrayLike<number>): number | null {
  const H = Math.min(planCum.length, baseCum.length);
  let first: number | null = null;
  for (let k = H - 1; k >= 0; k--) {
    const b = baseCum[k]!;
    if (planCum[k]! <= b + 1e-9 * Math.max(1, Math.abs(b))) first = k;
    else break;
  }
  return first;
}

function servedAssignments(plan: PlanResult): Assignment[] {
  return plan.assignments;
}

function cheapestApi(input: PlanInput, w: Workload): { api: CloudApiOption; point: { user_tps: number; ttft_ms: number } } | null {
  let best: { api: CloudApiOption; point: { user_tps: number; ttft_ms: number }; price: number } | null = null;
  for (const o of input.catalog.options) {
    if (o.kind !== 'cloud_api' || !isAvailable(o, input.settings)) continue;
    const p = bestPoint(pointsFor(o, w.model), w);
    if (!p) continue;
    const price = o.usd_per_m_output + w.input_per_output * o.usd_per_m_input;
    if (!best || price < best.price - 1e-12) best = { api: o, point: p, price };
  }
  return best;
}

/** Pools for the kept system workloads: unchanged pools keep their units, changed ones ⌈Σ c_w⌉. */
function keptPools(input: PlanInput, plan: PlanResult, kept: Assignment[]): Pool[] {
  const H = input.settings.horizon_months;
  const u = input.settings.max_utilization;
  const wl = new Map(input.workloads.map((w) => [w.name, w]));
  const before = new Map<string, number>();
  const after = new Map<string, { n: number; c: number }>();
  const key = (site: string, option: string, model: string) => `${site}\u0000${option}\u0000${model}`;
  for (const a of plan.assignments) {
    if (a.kind !== 'system' || !a.site) continue;
    const k = key(a.site, a.option, wl.get(a.workload)!.model);
    before.set(k, (before.get(k) ?? 0) + 1);
  }
  for (const a of kept) {
    if (a.kind !== 'system' || !a.site) continue;
    const w = wl.get(a.workload)!;
    const k = key(a.site, a.option, w.model);
    const x = after.get(k) ?? { n: 0, c: 0 };
    x.n++;
    x.c += designTps(w, H) / (u * (a.unit_tps ?? 1));
    after.set(k, x);
  }
  const pools: Pool[] = [];
  for (const p of plan.pools) {
    const x = after.get(key(p.site, p.option, p.model));
    if (!x) continue;
    pools.push({ ...p, units: x.n === before.get(key(p.site, p.option, p.model)) ? p.units : Math.ceil(x.c - 1e-9) });
  }
  return pools;
}

function basePlan(input: PlanInput, plan: PlanResult, assignments: Assignment[], pools: Pool[]): PlanResult {
  return {
    status: plan.status,
    objective_usd: null,
    bound_usd: null,
    gap: null,
    solve_ms: 0,
    periods: plan.periods,
    assignments,
    purchases: pools.map((q) => ({ period: 0, site: q.site, option: q.option, model: q.model, replicas: q.units, units: q.units })),
    pools,
    cloud: [],
    edge: plan.edge,
    unserved: plan.unserved,
    sites: layoutRacks(input, pools),
    totals: { capex_usd: 0, horizon_cost_usd: 0 },
  };
}
function withTotals(p: PlanResult, r: TcoReport): PlanResult {
  p.totals = { capex_usd: r.totals.capex_usd, horizon_cost_usd: r.totals.horizon_cost_usd };
  p.objective_usd = r.totals.horizon_cost_usd;
  return p;
}

/** Baseline (a): every served workload on its cheapest fitting token API. */
export function apiBaseline(input: PlanInput, plan: PlanResult): Baseline {
  const wl = new Map(input.workloads.map((w) => [w.name, w]));
  const assignments: Assignment[] = [];
  const kept: Assignment[] = [];
  let moved = 0;
  for (const a of servedAssignments(plan)) {
    const w = wl.get(a.workload);
    if (!w) throw new Error(`plan: assignment of unknown workload "${a.workload}"`);
    const c = cheapestApi(input, w);
    if (!c) {
      kept.push(a);
      assignments.push(a);
      continue;
    }
    moved++;
    assignments.push({ workload: w.name, period: a.period, option: c.api.id, model: a.model, site: null, user_tps: c.point.user_tps, unit_tps: null, ttft_ms: c.point.ttft_ms, tier: c.api.tier, kind: 'cloud_api' });
  }
  const label = 'All on token APIs';
  if (moved === 0 && assignments.length > 0) {
    return { id: 'api', label, status: 'none', reason: 'no token API in the catalog meets the latency of any served workload', caption: null, system: null, moved: 0, kept: kept.length, plan: null, report: null };
  }
  const p = basePlan(input, plan, assignments, keptPools(input, plan, kept));
  const report = computeTco(input, p);
  return {
    id: 'api',
    label,
    status: 'ok',
    reason: null,
    caption: withUnservedNote(kept.length > 0 ? `${kept.length} workload(s) no API can serve keep their plan assignment` : null, plan),
    system: null,
    moved,
    kept: kept.length,
    plan: withTotals(p, report),
    report,
  };
}

/** Sites that can host s (cooling and rack fit), best first: lowest pue × usd_per_kwh. */
function hostingSites(input: PlanInput, s: SystemOption): Site[] {
  return input.sites
    .map((site, i) => ({ site, i }))
    .filter(({ site }) => (s.cooling !== 'liquid' || site.liquid_cooling) && rackFit(site, s) != null)
    .sort((a, b) => a.site.pue * a.site.usd_per_kwh - b.site.pue * b.site.usd_per_kwh || a.site.usd_per_rack_month - b.site.usd_per_rack_month || a.i - b.i)
    .map(({ site }) => site);
}

/** Baseline (b): every workload a system can serve on the one cheapest system type that serves them all. */
export function systemBaseline(input: PlanInput, plan: PlanResult): Baseline {
  const label = 'One system type';
  const none = (reason: string): Baseline => ({ id: 'system', label, status: 'none', reason, caption: POWER_RACKS_IGNORED, system: null, moved: 0, kept: plan.assignments.length, plan: null, report: null });
  const H = input.settings.horizon_months;
  const u = input.settings.max_utilization;
  const wl = new Map(input.workloads.map((w) => [w.name, w]));
  const systems: { s: SystemOption; site: Site }[] = [];
  for (const o of input.catalog.options) {
    if (o.kind !== 'system' || !isAvailable(o, input.settings)) continue;
    const site = hostingSites(input, o)[0];
    if (site) systems.push({ s: o, site });
  }
  if (input.sites.length === 0) return none('the scenario has no site to install systems');
  if (systems.length === 0) return none('no system in the catalog fits any site');

  // per served workload: which system types can serve it (a fitting point for its model)
  const movable: { a: Assignment; w: Workload; by: Map<string, number> }[] = [];
  const kept: Assignment[] = [];
  for (const a of servedAssignments(plan)) {
    const w = wl.get(a.workload);
    if (!w) throw new Error(`plan: assignment of unknown workload "${a.workload}"`);
    const by = new Map<string, number>();
    for (const { s } of systems) {
      const p = bestPoint(pointsFor(s, w.model), w);
      if (p && p.unit_tps != null && p.unit_tps > 0) by.set(s.id, p.unit_tps);
    }
    if (by.size > 0) movable.push({ a, w, by });
    else kept.push(a);
  }
  if (movable.length === 0) return none('no served workload can be served by a system in the catalog');
  const common = systems.filter(({ s }) => movable.every((x) => x.by.has(s.id)));
  if (common.length === 0) {
    const cover = systems
      .map(({ s }) => ({ id: s.id, n: movable.filter((x) => x.by.has(s.id)).length }))
      .sort((a, b) => b.n - a.n)[0]!;
    return none(`no single system type serves all ${movable.length} workloads a system can serve (${cover.id} serves ${cover.n})`);
  }

  let best: { s: SystemOption; site: Site; p: PlanResult; r: TcoReport } | null = null;
  for (const { s, site } of common) {
    const need = new Map<string, number>();
    const assignments: Assignment[] = [...kept];
    for (const { a, w, by } of movable) {
      const p = bestPoint(pointsFor(s, w.model), w)!;
      const unitTps = by.get(s.id)!;
      assignments.push({ workload: a.workload, period: a.period, option: s.id, model: w.model, site: site.name, user_tps: p.user_tps, unit_tps: unitTps, ttft_ms: p.ttft_ms, tier: s.tier, kind: 'system' });
      need.set(w.model, (need.get(w.model) ?? 0) + designTps(w, H) / (u * unitTps));
    }
    const pools: Pool[] = [...keptPools(input, plan, kept)];
    for (const [model, c] of need) pools.push({ period: 0, site: site.name, option: s.id, model, units: Math.ceil(c - 1e-9) });
    const p = basePlan(input, plan, assignments, pools);
    const r = computeTco(input, p);
    if (!best || r.totals.horizon_cost_usd < best.r.totals.horizon_cost_usd) best = { s, site, p, r };
  }
  const b = best!;
  return {
    id: 'system',
    label: `${label}: ${b.s.name} at ${b.site.name}`,
    status: 'ok',
    reason: null,
    caption: withUnservedNote(POWER_RACKS_IGNORED, plan),
    system: { option: b.s.id, site: b.site.name },
    moved: movable.length,
    kept: kept.length,
    plan: withTotals(b.p, b.r),
    report: b.r,
  };
}

export function compareToBaseline(plan: TcoReport, baseline: Baseline): BaselineComparison {
  const r = baseline.report;
  if (baseline.status !== 'ok' || !r) return { baseline, saving_usd: null, saving_pct: null, saving_undiscounted_usd: null, break_even: null };
  const saving = r.totals.horizon_cost_usd - plan.totals.horizon_cost_usd;
  const m = breakEvenMonth(
    plan.months.map((x) => x.cumulative_pv_usd),
    r.months.map((x) => x.cumulative_pv_usd),
  );
  return {
    baseline,
    saving_usd: saving,
    saving_pct: r.totals.horizon_cost_usd !== 0 ? (100 * saving) / r.totals.horizon_cost_usd : null,
    saving_undiscounted_usd: r.totals.undiscounted_usd - plan.totals.undiscounted_usd,
    break_even: { month: m, label: m == null ? null : monthLabel(plan.start_month, m) },
  };
}

/** The plan's report and its comparison with both baselines. */
export function baselineComparisons(input: PlanInput, plan: PlanResult, report: TcoReport = computeTco(input, plan)): BaselineComparison[] {
  return [apiBaseline(input, plan), systemBaseline(input, plan)].map((b) => compareToBaseline(report, b));
}
