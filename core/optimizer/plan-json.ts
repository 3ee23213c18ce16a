// PlanResult → the `fleetplan optimize --json` document of DESIGN 8 (v2): exactly its keys, in
// its order, plus the explanations a reader needs for a plan that is not optimal: why there is no
// plan (reasons), which limits raise the cost (binding), who stopped a time_limit search (the user or
// the limit: stopped_by) and the limit check's note (binding_note: none binds, or what went unchecked
// and why; without it an unchecked plan's empty `binding` read as "no limit binds").
import type { PlanAnswer, PlanInput } from '../types.ts';
import { fullNoCandidateReasons } from './explain.ts';

export type OptimizeJson = ReturnType<typeof optimizeJson>;

/**
 * `totals` null where the answer holds no plan, as `objective_usd` is (0 there read as "this plan costs $0").
 * Given the plan's input, a workload nothing can serve has its reason in full, every option named
 * (the app and the PDF show it short, the long lists cut to "and N more"): the same string field.
 */
export function optimizeJson(r: PlanAnswer, input?: PlanInput) {
  const nothing = (s: string) => s.includes('nothing can serve');
  const full = input && (r.unserved.some((u) => nothing(u.reason)) || r.reasons?.some(nothing)) ? fullNoCandidateReasons(input) : (s: string) => s;
  return {
    status: r.status,
    objective_usd: r.objective_usd,
    bound_usd: r.bound_usd,
    gap: r.gap,
    solve_ms: r.solve_ms,
    periods: r.periods.map((p) => ({ period: p.period, start_month: p.start_month, months: p.months })),
    assignments: r.assignments.map((a) => ({
      workload: a.workload, period: a.period, option: a.option, model: a.model, site: a.site, user_tps: a.user_tps, unit_tps: a.unit_tps,
    })),
    purchases: r.purchases.map((p) => ({ period: p.period, site: p.site, option: p.option, model: p.model, replicas: p.replicas, units: p.units })),
    pools: r.pools.map((p) => ({ period: p.period, site: p.site, option: p.option, model: p.model, units: p.units })),
    cloud: r.cloud.map((c) => ({ month: c.month, option: c.option, model: c.model, instances: c.instances })),
    edge: r.edge.map((e) => ({ workload: e.workload, option: e.option, period: e.period, devices: e.devices })),
    unserved: r.unserved.map((u) => ({ workload: u.workload, period: u.period, reason: full(u.reason) })),
    sites: r.sites.map((s) => ({
      site: s.site, period: s.period, power_kw_used: s.power_kw_used, racks_used: s.racks_used,
      racks: s.racks.map((k) => ({ units: k.units.map((u) => ({ option: u.option, model: u.model })), u_used: k.u_used, kw_used: k.kw_used, spans: k.spans })),
    })),
    totals: r.totals && { capex_usd: r.totals.capex_usd, horizon_cost_usd: r.totals.horizon_cost_usd },
    ...(r.reasons?.length ? { reasons: r.reasons.map(full) } : {}),
    ...(r.binding?.length ? { binding: r.binding } : {}),
    ...(r.status === 'time_limit' && r.stopped_by ? { stopped_by: r.stopped_by } : {}),
    ...(r.binding_note != null ? { binding_note: r.binding_note } : {}),
  };
}
