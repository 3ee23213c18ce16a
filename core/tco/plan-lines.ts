// Monthly cost lines of a v2 plan (DESIGN 6), read from the plan itself: tranches bought per
// period, racks per (site, period), whole cloud instances per month, assignments per period and
// edge purchases. The same cost.ts functions give the optimizer its coefficients.
import {
  addLines,
  apiPeriodVector,
  cloudInstanceMonthCost,
  edgePurchaseLines,
  edgeUseLines,
  rackPeriodLines,
  trancheUnitLines,
  type LineVectors,
} from '../cost.ts';
import { periodsOf, type Period } from '../sizing.ts';
import type { CatalogOption, CloudApiOption, PlanInput, PlanResult, Workload } from '../types.ts';

export type PlanLineParts = {
  lines: LineVectors;
  /** undiscounted capex of first purchases (systems and edge devices), replacements excluded */
  capex: number;
};

function periodsOfPlan(input: PlanInput, plan: PlanResult): Period[] {
  return plan.periods.length > 0 ? plan.periods : periodsOf(input.settings);
}

/** Every cost line of a v2 plan, month by month. Throws on a plan that names unknown entities. */
export function planLinesV2(input: PlanInput, plan: PlanResult): PlanLineParts {
  const { settings } = input;
  const H = settings.horizon_months;
  const periods = periodsOfPlan(input, plan);
  const options = new Map<string, CatalogOption>(input.catalog.options.map((o) => [o.id, o] as const));
  const sites = new Map(input.sites.map((s) => [s.name, s] as const));
  const workloads = new Map<string, Workload>(input.workloads.map((w) => [w.name, w] as const));
  const opt = (id: string) => {
    const o = options.get(id);
    if (!o) throw new Error(`plan names option "${id}", which is not in the catalog`);
    return o;
  };
  const wl = (name: string) => {
    const w = workloads.get(name);
    if (!w) throw new Error(`plan names workload "${name}", which is not in the document`);
    return w;
  };
  const per = (k: number) => {
    const p = periods[k];
    if (!p) throw new Error(`plan names period ${k}, beyond the horizon`);
    return p;
  };
  const lines: LineVectors = {};
  let capex = 0;
  for (const b of plan.purchases) {
    const s = opt(b.option);
    const site = sites.get(b.site);
    if (s.kind !== 'system' || !site) throw new Error(`purchase of ${b.option} at ${b.site}: not a system at a known site`);
    const unit = trancheUnitLines(s, site, settings, per(b.period).start_month);
    addLines(lines, unit, b.units, H);
    capex += b.units * unit.system_capex![per(b.period).start_month]!;
  }
  for (const su of plan.sites) {
    const site = sites.get(su.site);
    if (!site) throw new Error(`plan names site "${su.site}", which is not in the document`);
    if (su.racks_used > 0) addLines(lines, rackPeriodLines(site, settings, per(su.period).start_month, per(su.period).months), su.racks_used, H);
  }
  for (const c of plan.cloud) {
    const o = opt(c.option);
    if (o.kind !== 'cloud_instance') throw new Error(`cloud rental of ${c.option}: not a cloud instance`);
    const v = (lines.cloud_instances ??= new Float64Array(H));
    v[c.month] = v[c.month]! + c.instances * cloudInstanceMonthCost(o, settings, c.month);
  }
  for (const a of plan.assignments) {
    const o = opt(a.option);
    const p = per(a.period);
    if (o.kind === 'cloud_api') {
      addLines(lines, { api_tokens: apiPeriodVector(wl(a.workload), o, settings, p.start_month, p.months) }, 1, H);
    } else if (o.kind === 'edge_device') {
      const api = o.inference_via ? (options.get(o.inference_via) as CloudApiOption | undefined) ?? null : null;
      addLines(lines, edgeUseLines(wl(a.workload), o, api, settings, p.start_month, p.months), 1, H);
    }
  }
  for (const e of plan.edge) {
    const o = opt(e.option);
    if (o.kind !== 'edge_device') throw new Error(`edge purchase of ${e.option}: not an edge device`);
    const bought = edgePurchaseLines(wl(e.workload), o, settings, per(e.period).start_month);
    addLines(lines, bought, 1, H);
    capex += bought.edge_capex![per(e.period).start_month]!;
  }
  return { lines, capex };
}
