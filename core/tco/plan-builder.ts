// A complete plan (DESIGN 8 shape) from where each workload runs in each period, for plans the TCO
// module builds itself (baselines, hand-made plans): system pools sized per period for the period's
// busiest month in whole replicas and kept once bought (owned units never fall; purchases are the
// increments; any demand takes a whole replica: sizing.ts replicaLoad), whole cloud instances per
// (option, model, month), edge devices bought in the first
// period a workload is on them, racks laid out per period. Costs come from computeTco afterwards.
import { peakTps, periodDemand, periodsOf, replicaLoad, unitsPerReplica, type Period } from '../sizing.ts';
import type { Assignment, CatalogOption, CloudRental, EdgePurchase, PlanInput, PlanResult, Pool, Purchase, Unserved } from '../types.ts';
import { layoutRacks } from './racks.ts';

export type BuildPlanOptions = {
  unserved?: Unserved[];
  /** pools (per period) whose units are kept when larger than what their workloads need */
  keep?: readonly Pool[];
  status?: PlanResult['status'];
};

const TOL = 1e-6;

/** The plan's periods, or the input's when it has none. */
export function periodsFor(input: PlanInput, plan?: Pick<PlanResult, 'periods'>): Period[] {
  return plan?.periods?.length ? plan.periods.map((p) => ({ ...p })) : periodsOf(input.settings);
}

export function planFromAssignments(input: PlanInput, assignments: Assignment[], opts: BuildPlanOptions = {}): PlanResult {
  const { settings } = input;
  const u = settings.max_utilization;
  const periods = periodsOf(settings);
  const K = periods.length;
  const options = new Map<string, CatalogOption>(input.catalog.options.map((o) => [o.id, o] as const));
  const workloads = new Map(input.workloads.map((w) => [w.name, w] as const));
  const kept = new Map<string, number>();
  for (const p of opts.keep ?? []) kept.set(`${p.site}\u0000${p.option}\u0000${p.model}\u0000${p.period}`, p.units);

  // replicas needed per pool and period; edge purchases (cloud instances: cloudRentals)
  const need = new Map<string, { site: string; option: string; model: string; R: number; c: Float64Array }>();
  const edgeFirst = new Map<string, EdgePurchase>();
  for (const a of assignments) {
    const w = workloads.get(a.workload);
    const o = options.get(a.option);
    const p = periods[a.period];
    if (!w || !o || !p) throw new Error(`plan: assignment of "${a.workload}" to "${a.option}" in period ${a.period} names something the input does not have`);
    if (o.kind === 'system') {
      if (!a.site || !(a.unit_tps! > 0)) throw new Error(`plan: workload "${w.name}" is on system ${o.id} without a site or unit_tps`);
      const key = `${a.site}\u0000${o.id}\u0000${a.model}`;
      let x = need.get(key);
      if (!x) need.set(key, (x = { site: a.site, option: o.id, model: a.model, R: unitsPerReplica(o, a.model), c: new Float64Array(K) }));
      x.c[a.period]! += replicaLoad(periodDemand(w, p), u * a.unit_tps!);
    } else if (o.kind === 'edge_device' && w.endpoints > 0) {
      const key = `${w.name}\u0000${o.id}`;
      const e = edgeFirst.get(key);
      if (!e || a.period < e.period) edgeFirst.set(key, { workload: w.name, option: o.id, period: a.period, devices: w.endpoints });
    }
  }
  const pools: Pool[] = [];
  const purchases: Purchase[] = [];
  for (const x of need.values()) {
    let owned = 0;
    for (let k = 0; k < K; k++) {
      const replicas = Math.max(0, Math.ceil(x.c[k]! - TOL));
      const keepUnits = kept.get(`${x.site}\u0000${x.option}\u0000${x.model}\u0000${k}`) ?? 0;
      const next = Math.max(owned, replicas, Math.ceil(keepUnits / x.R - TOL));
      if (next > owned) purchases.push({ period: k, site: x.site, option: x.option, model: x.model, replicas: next - owned, units: (next - owned) * x.R });
      owned = next;
      if (owned > 0) pools.push({ period: k, site: x.site, option: x.option, model: x.model, units: owned * x.R });
    }
  }
  return {
    status: opts.status ?? 'optimal',
    objective_usd: null,
    bound_usd: null,
    gap: null,
    solve_ms: 0,
    periods: periods.map((p) => ({ ...p })),
    assignments,
    purchases,
    pools,
    cloud: cloudRentals(input, assignments),
    edge: [...edgeFirst.values()],
    unserved: opts.unserved ?? [],
    sites: layoutRacks(input, pools),
    totals: { capex_usd: 0, horizon_cost_usd: 0 },
  };
}

/**
 * The whole cloud instances the assignments need, per (option, model, month): ⌈Σ P_w(m) ÷ (u ×
 * unit_tps)⌉ replicas of R instances. Alone, for a plan whose rentals follow a new demand while its
 * purchases and racks stay (sensitivity.ts rerented): no rack layout is built for them.
 */
export function cloudRentals(input: PlanInput, assignments: readonly Assignment[]): CloudRental[] {
  const { settings } = input;
  const periods = periodsOf(settings);
  const options = new Map<string, CatalogOption>(input.catalog.options.map((o) => [o.id, o] as const));
  const workloads = new Map(input.workloads.map((w) => [w.name, w] as const));
  const cloudLoad = new Map<string, { option: string; model: string; R: number; load: Float64Array }>();
  for (const a of assignments) {
    const o = options.get(a.option);
    if (o?.kind !== 'cloud_instance') continue;
    const w = workloads.get(a.workload);
    const p = periods[a.period];
    if (!w || !p) throw new Error(`plan: assignment of "${a.workload}" to "${a.option}" in period ${a.period} names something the input does not have`);
    if (!(a.unit_tps! > 0)) throw new Error(`plan: workload "${w.name}" is on cloud instance ${o.id} without unit_tps`);
    const key = `${o.id}\u0000${a.model}`;
    let x = cloudLoad.get(key);
    if (!x) cloudLoad.set(key, (x = { option: o.id, model: a.model, R: unitsPerReplica(o, a.model), load: new Float64Array(settings.horizon_months) }));
    for (let m = p.start_month; m < p.start_month + p.months; m++) x.load[m]! += replicaLoad(peakTps(w, m), settings.max_utilization * a.unit_tps!);
  }
  const cloud: CloudRental[] = [];
  for (const x of cloudLoad.values()) {
    // the load is in replicas (P ÷ (u × unit_tps), unit_tps a replica's): whole replicas of R instances
    x.load.forEach((l, m) => {
      const n = Math.ceil(l - TOL);
      if (n > 0) cloud.push({ month: m, option: x.option, model: x.model, instances: n * x.R });
    });
  }
  return cloud;
}
