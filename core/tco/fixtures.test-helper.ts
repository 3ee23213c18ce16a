// Tiny hand-checkable inputs and plans for the TCO tests (not a test file itself).
import {
  CatalogSchema,
  SettingsSchema,
  SiteSchema,
  WorkloadSchema,
  type Assignment,
  type PlanInput,
  type PlanResult,
  type Pool,
  type SiteInput,
  type WorkloadInput,
} from '../types.ts';
import type { z } from 'zod';
import { planFromAssignments } from './plan-builder.ts';

type SettingsIn = z.input<typeof SettingsSchema>;

export const meta = { vendor: 'test', source: 'hand', as_of: '2026-01' };
export const pt = (user_tps: number, unit_tps: number | null, ttft_ms = 100) => ({ user_tps, unit_tps, ttft_ms });

export function system(id: string, f: Record<string, unknown> = {}, perf: Record<string, ReturnType<typeof pt>[]> = { m: [pt(50, 1000)] }) {
  return {
    id, name: id, ...meta, tier: 'commodity', kind: 'system',
    rack_units: 8, max_power_kw: 10, typical_power_kw: 6, cooling: 'air',
    price_usd: 120000, support_pct_per_year: 12, lifetime_months: 60,
    performance: Object.entries(perf).map(([model, points]) => ({ model, points })),
    ...f,
  };
}
export function api(id: string, out: number, inp: number, perf: Record<string, ReturnType<typeof pt>[]> = { m: [pt(100, null)] }, f: Record<string, unknown> = {}) {
  return {
    id, name: id, ...meta, tier: 'commodity', kind: 'cloud_api', usd_per_m_output: out, usd_per_m_input: inp,
    performance: Object.entries(perf).map(([model, points]) => ({ model, points })),
    ...f,
  };
}
export function instance(id: string, usdPerHour: number, perf: Record<string, ReturnType<typeof pt>[]> = { m: [pt(50, 500)] }) {
  return {
    id, name: id, ...meta, tier: 'commodity', kind: 'cloud_instance', usd_per_hour: usdPerHour,
    performance: Object.entries(perf).map(([model, points]) => ({ model, points })),
  };
}
export function edge(id: string, f: Record<string, unknown> = {}) {
  return { id, name: id, ...meta, tier: 'edge', kind: 'edge_device', price_usd: 200, typical_power_kw: 0.01, lifetime_months: 18, performance: [], ...f };
}

export function makeInput(opts: {
  options: unknown[];
  models?: string[];
  workloads: WorkloadInput[];
  sites?: SiteInput[];
  settings?: Partial<SettingsIn>;
}): PlanInput {
  return {
    catalog: CatalogSchema.parse({
      models: (opts.models ?? ['m']).map((id) => ({ id, params_b: 70, active_params_b: 70 })),
      options: opts.options,
    }),
    workloads: opts.workloads.map((w) => WorkloadSchema.parse(w)),
    sites: (opts.sites ?? []).map((s) => SiteSchema.parse(s)),
    // single-purchase fixtures: everything bought at month 0 unless a test asks for periods
    settings: SettingsSchema.parse({
      horizon_months: 12, start_month: '2026-01', residual_value: false,
      purchase_interval_months: (opts.settings?.horizon_months as number | undefined) ?? 12, ...opts.settings,
    }),
  };
}

export function assign(input: PlanInput, workload: string, option: string, site: string | null = null): Assignment {
  const o = input.catalog.options.find((x) => x.id === option)!;
  const w = input.workloads.find((x) => x.name === workload)!;
  const p = o.kind === 'edge_device' && o.inference_via
    ? input.catalog.options.find((x) => x.id === o.inference_via)!.performance.find((x) => x.model === w.model)!.points[0]!
    : o.performance.find((x) => x.model === w.model)?.points[0] ?? { user_tps: 1, unit_tps: null, ttft_ms: 0 };
  return { workload, period: 0, option, model: w.model, site, user_tps: p.user_tps, unit_tps: p.unit_tps ?? null, ttft_ms: p.ttft_ms, tier: o.tier, kind: o.kind };
}

/**
 * A plan of the given assignments and pools (periods: the input's). With the input, the rows a
 * solved plan carries for cloud instances (whole instances a month) and edge devices are filled in.
 */
export function makePlan(assignments: Assignment[], pools: Pool[] = [], sites: PlanResult['sites'] = [], input?: PlanInput): PlanResult {
  const built = input ? planFromAssignments(input, assignments) : null;
  return {
    status: 'optimal', objective_usd: null, bound_usd: null, gap: 0, solve_ms: 0,
    periods: [],
    assignments, purchases: purchasesOf(pools), pools, cloud: built?.cloud ?? [], edge: built?.edge ?? [], unserved: [], sites, totals: { capex_usd: 0, horizon_cost_usd: 0 },
  };
}

/** A single-period plan buys every pool's units at month 0. */
export function purchasesOf(pools: readonly Pool[]): PlanResult['purchases'] {
  return pools.map((p) => ({ period: p.period, site: p.site, option: p.option, model: p.model, replicas: p.units, units: p.units }));
}
