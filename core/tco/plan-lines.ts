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

type PlanContext = {
  input: PlanInput;
  H: number;
  options: Map<string, CatalogOption>;
  opt: (id: string) => CatalogOption;
  wl: (name: string) => Workload;
  per: (k: number) => Period;
};

function contextOf(input: PlanInput, plan: PlanResult): PlanContext {
  const periods = periodsOfPlan(input, plan);
  const options = new Map<string, CatalogOption>(input.catalog.options.map((o) => [o.id, o] as const));
  const workloads = new Map<string, Workload>(input.workloads.map((w) => [w.name, w] as const));
  return {
    input,
    H: input.settings.horizon_months,
    options,
    opt: (id) => {
      const o = options.get(id);
      if (!o) throw new Error(`plan names option "${id}", which is not in the catalog`);
      return o;
    },
    wl: (name) => {
      const w = workloads.get(name);
      if (!w) throw new Error(`plan names workload "${name}", which is not in the document`);
      return w;
    },
    per: (k) => {
      const p = periods[k];
      if (!p) throw new Error(`plan names period ${k}, beyond the horizon`);
      return p;
    },
  };
}

/** The lines of the hardware a plan buys (system tranches and edge devices, their re-buys and residual credit) added to `lines`: its first purchases' capex. */
function addHardwareLines(c: PlanContext, plan: PlanResult, lines: LineVectors): number {
  const { settings } = c.input;
  const sites = new Map(c.input.sites.map((s) => [s.name, s] as const));
  let capex = 0;
  for (const b of plan.purchases) {
    const s = c.opt(b.option);
    const site = sites.get(b.site);
    if (s.kind !== 'system' || !site) throw new Error(`purchase of ${b.option} at ${b.site}: not a system at a known site`);
    const unit = trancheUnitLines(s, site, settings, c.per(b.period).start_month);
    addLines(lines, unit, b.units, c.H);
    capex += b.units * unit.system_capex![c.per(b.period).start_month]!;
  }
  for (const e of plan.edge) {
    const o = c.opt(e.option);
    if (o.kind !== 'edge_device') throw new Error(`edge purchase of ${e.option}: not an edge device`);
    const bought = edgePurchaseLines(c.wl(e.workload), o, settings, c.per(e.period).start_month);
    addLines(lines, bought, 1, c.H);
    capex += bought.edge_capex![c.per(e.period).start_month]!;
  }
  return capex;
}

/**
 * A plan's residual credit (≤ 0, undiscounted, in month H−1): the unused life of the systems and
 * edge devices it holds at the horizon, as planLinesV2 and the TCO engine cost it; 0 with the
 * credit off, or where nothing is held within its life (a plan on token APIs alone). Results says
 * from it whether the horizon cost is net of a credit without costing the whole plan.
 */
export function planResidualCreditUsd(input: PlanInput, plan: PlanResult): number {
  if (!input.settings.residual_value) return 0;
  const lines: LineVectors = {};
  addHardwareLines(contextOf(input, plan), plan, lines);
  return lines.residual_credit?.[input.settings.horizon_months - 1] ?? 0;
}

/** Every cost line of a v2 plan, month by month. Throws on a plan that names unknown entities. */
export function planLinesV2(input: PlanInput, plan: PlanResult): PlanLineParts {
  const { settings } = input;
  const c = contextOf(input, plan);
  const { H, opt, wl, per, options } = c;
  const sites = new Map(input.sites.map((s) => [s.name, s] as const));
  const lines: LineVectors = {};
  // hardware first: the residual credit sums systems, then edge devices, as it always has
  const capex = addHardwareLines(c, plan, lines);
  for (const su of plan.sites) {
    const site = sites.get(su.site);
    if (!site) throw new Error(`plan names site "${su.site}", which is not in the document`);
    if (su.racks_used > 0) addLines(lines, rackPeriodLines(site, settings, per(su.period).start_month, per(su.period).months), su.racks_used, H);
  }
  for (const r of plan.cloud) {
    const o = opt(r.option);
    if (o.kind !== 'cloud_instance') throw new Error(`cloud rental of ${r.option}: not a cloud instance`);
    const v = (lines.cloud_instances ??= new Float64Array(H));
    v[r.month] = v[r.month]! + r.instances * cloudInstanceMonthCost(o, settings, r.month);
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
  return { lines, capex };
}
