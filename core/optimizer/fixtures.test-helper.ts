// Small hand-made inputs for optimizer tests (schemas apply the DESIGN defaults).
import fc from 'fast-check';
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

/**
 * Options S and T (a rack-scale system) serving m8 and m70 (a quarter of m8's rate), a cloud
 * instance C and an API A at the given token prices: the small catalog of the decomposition's and
 * the cuts' property tests.
 */
export function twoModelCatalog(apiUsd: { usd_per_m_output: number; usd_per_m_input: number }) {
  const pt = (unit_tps: number) => [{ user_tps: 10, unit_tps, ttft_ms: 0 }];
  const perf = (tps: number) => ({ m8: pt(tps), m70: pt(tps / 4) });
  return { models, options: [
    system('S', { price_usd: 60_000, max_power_kw: 12 }, perf(3000)),
    system('T', { price_usd: 90_000, max_power_kw: 8, racks_per_unit: 1 }, perf(5000)),
    cloud('C', { usd_per_hour: 9 }, perf(1500)),
    api('A', apiUsd, { m8: [{ user_tps: 60, ttft_ms: 100 }], m70: [{ user_tps: 40, ttft_ms: 300 }] }),
  ] };
}

/** Small random v2 scenarios for property tests: periods, both trends, replicas, a model list, a late or tall system. */
export const v2Scenario = fc.record({
  horizon: fc.constantFrom(12, 18, 24), interval: fc.constantFrom(6, 12, 24),
  hw: fc.integer({ min: -30, max: 20 }), cl: fc.integer({ min: -30, max: 20 }), rate: fc.constantFrom(0, 8),
  residual: fc.boolean(), penalty: fc.constantFrom(null, null, 20_000, 1_000_000), capex: fc.constantFrom(null, null, 150_000),
  R: fc.integer({ min: 1, max: 3 }), Rc: fc.integer({ min: 1, max: 2 }), tall: fc.boolean(), late: fc.boolean(),
  life: fc.constantFrom(7.5, 10, 60),
  workloads: fc.array(fc.record({
    avg: fc.integer({ min: 50, max: 3000 }), growth: fc.integer({ min: -2, max: 6 }),
    models: fc.constantFrom('m8', 'm70', 'm70|m8'), placement: fc.constantFrom('any', 'onprem', 'cloud'), endpoints: fc.constantFrom(0, 0, 20),
  }), { minLength: 1, maxLength: 3 }),
});
export type V2Scenario = typeof v2Scenario extends fc.Arbitrary<infer T> ? T : never;

/** The input of a v2Scenario: a system S, a cloud instance C, an API A and an edge device E at two sites F and G. */
export function v2Input(s: V2Scenario): PlanInput {
  const pt = (unit_tps: number) => [{ user_tps: 10, unit_tps, ttft_ms: 0 }];
  const perf = (R: number, tps: number) => [{ model: 'm8', units_per_replica: R, points: pt(tps) }, { model: 'm70', units_per_replica: R, points: pt(tps / 4) }];
  return makeInput({
    catalog: { models, options: [
      { ...system('S', { price_usd: 60_000, lifetime_months: s.life, racks_per_unit: s.tall ? 2 : 1, max_power_kw: 12, available_from: s.late ? '2026-05' : null }, {}), performance: perf(s.R, 3000) },
      { ...cloud('C', { usd_per_hour: 9 }, {}), performance: perf(s.Rc, 1500) },
      api('A', { usd_per_m_output: 6, usd_per_m_input: 1 }, { m8: [{ user_tps: 60, ttft_ms: 100 }], m70: [{ user_tps: 40, ttft_ms: 300 }] }),
      edge('E', { price_usd: 300, lifetime_months: 10 }, { m8: pt(200) }),
    ] },
    workloads: s.workloads.map((w, i) => ({
      name: `w${i}`, model: w.models, avg_output_tps: w.avg, monthly_growth_pct: w.growth, placement: w.placement as 'any', endpoints: w.endpoints,
    })),
    sites: [{ name: 'F', it_power_kw: 150, racks: 6 }, { name: 'G', it_power_kw: 60, racks: 3, usd_per_rack_month: 900, usd_per_kwh: 0.2 }],
    settings: {
      horizon_months: s.horizon, purchase_interval_months: Math.min(s.interval, s.horizon),
      hardware_price_change_pct_per_year: s.hw, cloud_price_change_pct_per_year: s.cl, discount_rate_pct: s.rate,
      residual_value: s.residual, unserved_penalty_usd_per_month: s.penalty, capex_budget_usd: s.capex,
    },
  });
}

const unitPoint = (unit_tps: number) => [{ user_tps: 10, unit_tps, ttft_ms: 0 }];

/** Two yearly periods, a small site and a capex budget that bind, a penalty: the packed start (v2 grow.ts packStart) gives a plan. */
export function packedStartInput(): PlanInput {
  return makeInput({
    catalog: { models, options: [
      system('S', { price_usd: 60_000, max_power_kw: 12 }, { m8: unitPoint(3000), m70: unitPoint(750) }),
      system('T', { price_usd: 25_000, max_power_kw: 5 }, { m8: unitPoint(900), m70: unitPoint(225) }),
      cloud('C', { usd_per_hour: 9 }, { m8: unitPoint(1500), m70: unitPoint(375) }),
      api('A', { usd_per_m_output: 6, usd_per_m_input: 1 }, { m8: [{ user_tps: 60, ttft_ms: 100 }], m70: [{ user_tps: 40, ttft_ms: 300 }] }),
    ] },
    workloads: [
      { name: 'w0', model: 'm8', avg_output_tps: 2500, monthly_growth_pct: 3 },
      { name: 'w1', model: 'm70', avg_output_tps: 900, monthly_growth_pct: 0, placement: 'onprem' },
      { name: 'w2', model: 'm70', avg_output_tps: 400, monthly_growth_pct: 5 },
      { name: 'w3', model: 'm8', avg_output_tps: 300, monthly_growth_pct: 0, placement: 'onprem' },
    ],
    sites: [{ name: 'F', it_power_kw: 30, racks: 4 }],
    settings: { horizon_months: 24, purchase_interval_months: 12, discount_rate_pct: 5, unserved_penalty_usd_per_month: 30_000, capex_budget_usd: 130_000 },
  });
}

/** Three small workloads that share a cloud instance, cheaper together on the API: only emptying the instance pays. */
export function sharedInstanceInput(): PlanInput {
  return makeInput({
    catalog: { models, options: [
      { ...cloud('C', { usd_per_hour: 9 }, {}), performance: [{ model: 'm8', units_per_replica: 1, points: unitPoint(1500) }] },
      api('A', { usd_per_m_output: 6, usd_per_m_input: 1 }, { m8: [{ user_tps: 60, ttft_ms: 100 }] }),
    ] },
    workloads: [0, 1, 2].map((i) => ({ name: `w${i}`, model: 'm8', avg_output_tps: 50 })),
  });
}
