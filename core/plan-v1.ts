// Reads plans stored by FleetPlan 0.1 (result format 1: everything bought at month 0, one set of
// assignments, cloud instances billed as fractions of an instance) as v2 PlanResults with one
// period covering the horizon, so every view and `tco` works on them. Nothing is re-solved: the
// figures are the plan as it was solved, and its TCO is the same as when it was stored.
import { peakTps } from './sizing.ts';
import {
  CatalogSchema,
  SettingsSchema,
  SiteSchema,
  WorkloadSchema,
  type Assignment,
  type CloudRental,
  type EdgePurchase,
  type PlanInput,
  type PlanResult,
  type Pool,
  type Purchase,
  type SiteUse,
  type Unserved,
} from './types.ts';

/** Result formats stored in the plan document (plans.result_format). */
export const RESULT_FORMATS = { singlePurchase: 1, periods: 2 } as const;

type V1Assignment = Omit<Assignment, 'period' | 'model'> & { model?: string };
type V1Pool = { site: string; option: string; model: string; units: number };
type V1SiteUse = Omit<SiteUse, 'period' | 'racks'> & {
  racks: { option: string; units: { option: string; model: string }[]; u_used: number; kw_used: number; spans?: number }[];
};
/** The PlanResult JSON written by FleetPlan 0.1. */
export type V1PlanResult = Omit<PlanResult, 'periods' | 'assignments' | 'purchases' | 'pools' | 'cloud' | 'edge' | 'unserved' | 'sites'> & {
  assignments: V1Assignment[];
  pools: V1Pool[];
  unserved: { workload: string; reason: string }[];
  sites: V1SiteUse[];
};

/**
 * A stored PlanInput with the defaults of fields added since it was written: options get
 * racks_per_unit and units_per_replica 1; settings without a purchase interval buy once, at
 * month 0 (interval = horizon), with no price trends — the meaning they had when solved.
 */
export function upgradeStoredInput(raw: unknown): PlanInput {
  const r = raw as Partial<PlanInput> & { settings?: Record<string, unknown> };
  const settings = { ...(r.settings ?? {}) };
  if (settings.purchase_interval_months == null) settings.purchase_interval_months = settings.horizon_months ?? 36;
  settings.hardware_price_change_pct_per_year ??= 0;
  settings.cloud_price_change_pct_per_year ??= 0;
  return {
    catalog: CatalogSchema.parse(r.catalog ?? { models: [], options: [] }),
    workloads: (r.workloads ?? []).map((w) => WorkloadSchema.parse(w)),
    sites: (r.sites ?? []).map((s) => SiteSchema.parse(s)),
    settings: SettingsSchema.parse(settings),
  };
}

/** The model a v1 assignment served: v1 workloads named exactly one model. */
function modelOf(a: V1Assignment, input: PlanInput, pools: readonly V1Pool[]): string {
  if (a.model) return a.model;
  const w = input.workloads.find((x) => x.name === a.workload);
  if (w) return w.model;
  const pool = pools.find((p) => p.option === a.option && p.site === a.site);
  if (pool) return pool.model;
  return input.catalog.options.find((o) => o.id === a.option)?.performance[0]?.model ?? '';
}

/**
 * A format-1 result as a v2 PlanResult: one period of `horizon_months` months; pools bought at
 * its start (one unit per replica, as v1 had no replicas); cloud instances per month as v1
 * billed them (peak demand ÷ (utilisation × unit throughput), a fraction of an instance);
 * edge devices bought for every endpoint at month 0.
 */
export function upgradeV1Plan(raw: unknown, input: PlanInput): PlanResult {
  const v1 = raw as V1PlanResult;
  const H = input.settings.horizon_months;
  const pools = v1.pools ?? [];
  const assignments: Assignment[] = (v1.assignments ?? []).map((a) => ({ ...a, period: 0, model: modelOf(a, input, pools) }));
  const v2Pools: Pool[] = pools.map((p) => ({ period: 0, ...p }));
  const purchases: Purchase[] = pools.map((p) => ({ period: 0, site: p.site, option: p.option, model: p.model, replicas: p.units, units: p.units }));

  const byName = new Map(input.workloads.map((w) => [w.name, w]));
  const cloudByKey = new Map<string, CloudRental[]>();
  const edge: EdgePurchase[] = [];
  for (const a of assignments) {
    const w = byName.get(a.workload);
    if (!w) continue;
    if (a.kind === 'cloud_instance' && a.unit_tps != null && a.unit_tps > 0) {
      const key = `${a.option}\u0000${a.model}`;
      let months = cloudByKey.get(key);
      if (!months) {
        months = Array.from({ length: H }, (_, m) => ({ month: m, option: a.option, model: a.model, instances: 0 }));
        cloudByKey.set(key, months);
      }
      for (let m = 0; m < H; m++) months[m]!.instances += peakTps(w, m) / (input.settings.max_utilization * a.unit_tps);
    } else if (a.kind === 'edge_device') {
      edge.push({ workload: a.workload, option: a.option, period: 0, devices: w.endpoints });
    }
  }
  const cloud = [...cloudByKey.values()].flat();

  const unserved: Unserved[] = (v1.unserved ?? []).map((u) => ({ ...u, period: 0 }));
  const sites: SiteUse[] = (v1.sites ?? []).map((s) => ({
    ...s,
    period: 0,
    racks: s.racks.map((r) => ({ ...r, spans: r.spans ?? 1 })),
  }));
  return {
    ...v1,
    periods: [{ period: 0, start_month: 0, months: H }],
    assignments,
    purchases,
    pools: v2Pools,
    cloud,
    edge,
    unserved,
    sites,
  };
}

/** A stored result in either format, as a v2 PlanResult. */
export function readStoredResult(raw: unknown, format: number, input: PlanInput): PlanResult {
  if (format === RESULT_FORMATS.singlePurchase) return upgradeV1Plan(raw, input);
  return raw as PlanResult;
}
