// Small hand-made inputs for optimizer tests (schemas apply the DESIGN defaults).
import { CatalogSchema, SettingsSchema, SiteSchema, WorkloadSchema, type Catalog, type PlanInput, type SiteInput, type WorkloadInput } from '../types.ts';

export function makeInput(args: {
  catalog: unknown;
  workloads: WorkloadInput[];
  sites?: SiteInput[];
  settings?: Record<string, unknown>;
}): PlanInput {
  return {
    catalog: CatalogSchema.parse(args.catalog) as Catalog,
    workloads: args.workloads.map((w) => WorkloadSchema.parse(w)),
    sites: (args.sites ?? []).map((s) => SiteSchema.parse(s)),
    // single-purchase unless a test sets purchase_interval_months
    settings: SettingsSchema.parse({
      start_month: '2026-01', horizon_months: 12,
      purchase_interval_months: (args.settings?.horizon_months as number | undefined) ?? 12, ...(args.settings ?? {}),
    }),
  };
}

const src = { source: 'test', as_of: '2026-01' };

export function system(id: string, f: Record<string, unknown>, perf: Record<string, { user_tps: number; unit_tps: number; ttft_ms: number }[]>) {
  return {
    id, name: id, vendor: 'test', tier: 'commodity', kind: 'system', ...src,
    rack_units: 8, max_power_kw: 10, typical_power_kw: 8, cooling: 'air', price_usd: 200_000,
    support_pct_per_year: 10, lifetime_months: 60, ...f,
    performance: Object.entries(perf).map(([model, points]) => ({ model, points })),
  };
}
export function api(id: string, f: Record<string, unknown>, perf: Record<string, { user_tps: number; ttft_ms: number }[]>) {
  return {
    id, name: id, vendor: 'test', tier: 'commodity', kind: 'cloud_api', ...src,
    usd_per_m_input: 0.5, usd_per_m_output: 1.5, ...f,
    performance: Object.entries(perf).map(([model, points]) => ({ model, points })),
  };
}
export function cloud(id: string, f: Record<string, unknown>, perf: Record<string, { user_tps: number; unit_tps: number; ttft_ms: number }[]>) {
  return {
    id, name: id, vendor: 'test', tier: 'commodity', kind: 'cloud_instance', ...src,
    usd_per_hour: 10, ...f,
    performance: Object.entries(perf).map(([model, points]) => ({ model, points })),
  };
}
export function edge(id: string, f: Record<string, unknown>, perf: Record<string, { user_tps: number; unit_tps: number; ttft_ms: number }[]>) {
  return {
    id, name: id, vendor: 'test', tier: 'edge', kind: 'edge_device', ...src,
    price_usd: 500, typical_power_kw: 0.02, lifetime_months: 36, ...f,
    performance: Object.entries(perf).map(([model, points]) => ({ model, points })),
  };
}
export const models = [
  { id: 'm8', params_b: 8, active_params_b: 8 },
  { id: 'm70', params_b: 70, active_params_b: 70 },
  { id: 'm405', params_b: 405, active_params_b: 405 },
];

/**
 * n workloads of one 70B model over two systems (h100, b200) and one API at two sites: the
 * optimizer host's and the portfolio's jobs, large enough at a few hundred workloads to run a while.
 */
export function twoSystemInput(n = 3): PlanInput {
  return makeInput({
    catalog: { models, options: [
      system('h100', {}, { m70: [{ user_tps: 30, unit_tps: 3000, ttft_ms: 300 }] }),
      system('b200', { price_usd: 500_000, max_power_kw: 14.3, rack_units: 10 }, { m70: [{ user_tps: 40, unit_tps: 9000, ttft_ms: 300 }] }),
      api('api70', {}, { m70: [{ user_tps: 60, ttft_ms: 400 }] }),
    ] },
    workloads: Array.from({ length: n }, (_, i) => ({ name: `w${i}`, model: 'm70', avg_output_tps: 100 + ((i * 7919) % 3000) })),
    sites: [{ name: 'dc1', it_power_kw: 300, racks: 10 }, { name: 'dc2', it_power_kw: 150, racks: 6, pue: 1.2 }],
  });
}
