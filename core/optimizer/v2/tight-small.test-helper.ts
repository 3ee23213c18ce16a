// A small tight multi-period scenario: 9 workloads, 2 sites of 2 and 4 racks, 6 purchase periods
// (36 months, a purchase every 6), a per-year capex budget (default $800k) and an unserved penalty,
// with options arriving late. HiGHS 1.15.3's presolve is wrong on it at a $600k budget: it calls the
// plain model infeasible (cut-caps.test.ts, guarded.test.ts). A second one (tightYearlyInput) on the
// same catalog.
import { makeInput } from '../fixtures.test-helper.ts';

const options = [
  {id: 'lpu', name: 'lpu', vendor: 'V', tier: 'premium', kind: 'system', source: 'blind test', as_of: '2026-01', rack_units: 40, racks_per_unit: 2, max_power_kw: 26, typical_power_kw: 20, cooling: 'air', price_usd: 400000, support_pct_per_year: 12, lifetime_months: 48, performance: [{model: 'm70', units_per_replica: 4, points: [{user_tps: 900, unit_tps: 30000, ttft_ms: 150}, {user_tps: 1500, unit_tps: 18000, ttft_ms: 100}]}, {model: 'm8', units_per_replica: 1, points: [{user_tps: 1500, unit_tps: 60000, ttft_ms: 80}]}]},
  {id: 'wafer', name: 'wafer', vendor: 'V', tier: 'premium', kind: 'system', source: 'blind test', as_of: '2026-01', rack_units: 16, racks_per_unit: 1, max_power_kw: 25, typical_power_kw: 20, cooling: 'air', price_usd: 1200000, support_pct_per_year: 10, lifetime_months: 60, performance: [{model: 'm70', units_per_replica: 3, points: [{user_tps: 2000, unit_tps: 20000, ttft_ms: 150}, {user_tps: 1000, unit_tps: 45000, ttft_ms: 200}]}]},
  {id: 'hgx', name: 'hgx', vendor: 'V', tier: 'commodity', kind: 'system', source: 'blind test', as_of: '2026-01', rack_units: 8, racks_per_unit: 1, max_power_kw: 10.2, typical_power_kw: 8, cooling: 'air', price_usd: 280000, support_pct_per_year: 15, lifetime_months: 40.5, performance: [{model: 'm70', units_per_replica: 1, points: [{user_tps: 40, unit_tps: 2400, ttft_ms: 300}, {user_tps: 80, unit_tps: 1200, ttft_ms: 200}]}, {model: 'm8', units_per_replica: 1, points: [{user_tps: 80, unit_tps: 16000, ttft_ms: 100}]}, {model: 'm405', units_per_replica: 2, points: [{user_tps: 25, unit_tps: 1500, ttft_ms: 700}]}]},
  {id: 'mi', name: 'mi', vendor: 'V', tier: 'commodity', kind: 'system', source: 'blind test', as_of: '2026-01', available_from: '2026-07', rack_units: 8, racks_per_unit: 1, max_power_kw: 11, typical_power_kw: 8, cooling: 'air', price_usd: 200000, support_pct_per_year: 12, lifetime_months: 30, performance: [{model: 'm70', units_per_replica: 1, points: [{user_tps: 40, unit_tps: 2000, ttft_ms: 300}]}, {model: 'm8', units_per_replica: 1, points: [{user_tps: 80, unit_tps: 12000, ttft_ms: 100}]}]},
  {id: 'nvl', name: 'nvl', vendor: 'V', tier: 'commodity', kind: 'system', source: 'blind test', as_of: '2026-01', rack_units: 48, racks_per_unit: 1, max_power_kw: 120, typical_power_kw: 90, cooling: 'liquid', price_usd: 3500000, support_pct_per_year: 12, lifetime_months: 60, performance: [{model: 'm70', units_per_replica: 1, points: [{user_tps: 40, unit_tps: 90000, ttft_ms: 300}]}, {model: 'm405', units_per_replica: 1, points: [{user_tps: 30, unit_tps: 30000, ttft_ms: 500}]}]},
  {id: 'tall', name: 'tall', vendor: 'V', tier: 'commodity', kind: 'system', source: 'blind test', as_of: '2026-01', rack_units: 48, racks_per_unit: 1, max_power_kw: 12, typical_power_kw: 9, cooling: 'air', price_usd: 250000, support_pct_per_year: 10, lifetime_months: 60, performance: [{model: 'm8', units_per_replica: 1, points: [{user_tps: 80, unit_tps: 20000, ttft_ms: 100}]}]},
  {id: 'g2', name: 'g2', vendor: 'V', tier: 'commodity', kind: 'cloud_instance', source: 'blind test', as_of: '2026-01', usd_per_hour: 12, performance: [{model: 'm70', units_per_replica: 2, points: [{user_tps: 30, unit_tps: 1800, ttft_ms: 300}]}, {model: 'm405', units_per_replica: 2, points: [{user_tps: 25, unit_tps: 1200, ttft_ms: 700}]}]},
  {id: 'g1', name: 'g1', vendor: 'V', tier: 'commodity', kind: 'cloud_instance', source: 'blind test', as_of: '2026-01', usd_per_hour: 3.5, performance: [{model: 'm8', units_per_replica: 1, points: [{user_tps: 80, unit_tps: 3000, ttft_ms: 100}]}, {model: 'm70q', units_per_replica: 1, points: [{user_tps: 40, unit_tps: 700, ttft_ms: 300}]}]},
  {id: 'papi', name: 'papi', vendor: 'V', tier: 'premium', kind: 'cloud_api', source: 'blind test', as_of: '2026-01', usd_per_m_input: 0.9, usd_per_m_output: 1.5, performance: [{model: 'm70', units_per_replica: 1, points: [{user_tps: 1200, unit_tps: null, ttft_ms: 200}]}, {model: 'm8', units_per_replica: 1, points: [{user_tps: 1500, unit_tps: null, ttft_ms: 100}]}]},
  {id: 'capi', name: 'capi', vendor: 'V', tier: 'commodity', kind: 'cloud_api', source: 'blind test', as_of: '2026-01', available_from: '2025-01', usd_per_m_input: 0.4, usd_per_m_output: 1.2, performance: [{model: 'm70', units_per_replica: 1, points: [{user_tps: 60, unit_tps: null, ttft_ms: 400}]}, {model: 'm8', units_per_replica: 1, points: [{user_tps: 100, unit_tps: null, ttft_ms: 300}]}, {model: 'm70q', units_per_replica: 1, points: [{user_tps: 70, unit_tps: null, ttft_ms: 350}]}, {model: 'm405', units_per_replica: 1, points: [{user_tps: 30, unit_tps: null, ttft_ms: 800}]}]},
  {id: 'cheap', name: 'cheap', vendor: 'V', tier: 'commodity', kind: 'cloud_api', source: 'blind test', as_of: '2026-01', available_from: '2026-10', usd_per_m_input: 0.1, usd_per_m_output: 0.3, performance: [{model: 'm8', units_per_replica: 1, points: [{user_tps: 50, unit_tps: null, ttft_ms: 900}]}]},
  {id: 'esp', name: 'esp', vendor: 'V', tier: 'edge', kind: 'edge_device', source: 'blind test', as_of: '2026-01', price_usd: 15, typical_power_kw: 0.001, lifetime_months: 24, inference_via: 'capi', performance: []},
  {id: 'orin', name: 'orin', vendor: 'V', tier: 'edge', kind: 'edge_device', source: 'blind test', as_of: '2026-01', price_usd: 1200, typical_power_kw: 0.04, lifetime_months: 26.5, inference_via: null, performance: [{model: 'm70q', units_per_replica: 1, points: [{user_tps: 6, unit_tps: 8, ttft_ms: 900}, {user_tps: 3, unit_tps: 12, ttft_ms: 1200}]}, {model: 'm8', units_per_replica: 1, points: [{user_tps: 20, unit_tps: 40, ttft_ms: 300}]}]},
  {id: 'jet', name: 'jet', vendor: 'V', tier: 'edge', kind: 'edge_device', source: 'blind test', as_of: '2026-01', available_from: '2026-09', price_usd: 400, typical_power_kw: 0.015, lifetime_months: 14, inference_via: null, performance: [{model: 'm8', units_per_replica: 1, points: [{user_tps: 15, unit_tps: 25, ttft_ms: 300}]}]},
];
const catalog = { models: [{id: 'm8', params_b: 8, active_params_b: 8}, {id: 'm70', params_b: 70, active_params_b: 70}, {id: 'm70q', params_b: 70, active_params_b: 70}, {id: 'm405', params_b: 405, active_params_b: 405}], options };

export const tightSmallInput = (capex = 800000) => makeInput({
  catalog,
  sites: [
    {name: 's0', it_power_kw: 40, racks: 2, rack_units: 42, rack_kw: 30, liquid_cooling: false, pue: 1.5, usd_per_kwh: 0.15, usd_per_rack_month: 0},
    {name: 's1', it_power_kw: 40, racks: 4, rack_units: 52, rack_kw: 30, liquid_cooling: false, pue: 1.2, usd_per_kwh: 0.15, usd_per_rack_month: 500},
  ],
  workloads: [
    {name: 'w0', model: 'm8|m70', avg_output_tps: 40000, peak_to_avg: 1.2, input_per_output: 3, response_tokens: 250, max_latency_ms: 30000, monthly_growth_pct: 4, placement: 'any', tiers: ['premium', 'commodity', 'edge'], endpoints: 0},
    {name: 'w1', model: 'm8', avg_output_tps: 800, peak_to_avg: 1.5, input_per_output: 3, response_tokens: 250, max_latency_ms: 30000, monthly_growth_pct: 1, placement: 'any', tiers: ['premium', 'commodity', 'edge'], endpoints: 0},
    {name: 'w2', model: 'm8', avg_output_tps: 15000, peak_to_avg: 1.2, input_per_output: 3, response_tokens: 250, max_latency_ms: null, monthly_growth_pct: 0, placement: 'any', tiers: ['premium', 'commodity', 'edge'], endpoints: 0},
    {name: 'w3', model: 'm70', avg_output_tps: 2500, peak_to_avg: 1.5, input_per_output: 3, response_tokens: 250, max_latency_ms: 30000, monthly_growth_pct: 1, placement: 'any', tiers: ['premium', 'commodity', 'edge'], endpoints: 0},
    {name: 'w4', model: 'm70', avg_output_tps: 40000, peak_to_avg: 1.5, input_per_output: 3, response_tokens: 250, max_latency_ms: 9000, monthly_growth_pct: 2, placement: 'any', tiers: ['premium', 'commodity', 'edge'], endpoints: 0},
    {name: 'w5', model: 'm8', avg_output_tps: 6000, peak_to_avg: 1.5, input_per_output: 3, response_tokens: 250, max_latency_ms: 30000, monthly_growth_pct: 0, placement: 'onprem', tiers: ['premium', 'commodity', 'edge'], endpoints: 0},
    {name: 'w6', model: 'm8|m70', avg_output_tps: 2500, peak_to_avg: 1.5, input_per_output: 3, response_tokens: 250, max_latency_ms: 30000, monthly_growth_pct: 4, placement: 'any', tiers: ['premium', 'commodity', 'edge'], endpoints: 0},
    {name: 'w7', model: 'm8', avg_output_tps: 15000, peak_to_avg: 1.5, input_per_output: 3, response_tokens: 250, max_latency_ms: null, monthly_growth_pct: 2, placement: 'any', tiers: ['premium', 'commodity', 'edge'], endpoints: 0},
    {name: 'w8', model: 'm8|m70', avg_output_tps: 40000, peak_to_avg: 1.5, input_per_output: 3, response_tokens: 250, max_latency_ms: 30000, monthly_growth_pct: 4, placement: 'onprem', tiers: ['premium', 'commodity', 'edge'], endpoints: 0},
  ],
  settings: {horizon_months: 36, start_month: '2026-01', purchase_interval_months: 6, hardware_price_change_pct_per_year: -15, cloud_price_change_pct_per_year: 0, capex_budget_usd: capex, total_budget_usd: null, max_utilization: 0.8, discount_rate_pct: 0, residual_value: true, edge_usd_per_kwh: 0.15, unserved_penalty_usd_per_month: 400000, time_limit_s: 60},
});

/**
 * 11 workloads, 2 sites of 3 racks, 3 yearly purchases, a $400k per-year capex budget, an 8 % discount
 * rate (seed 8 of a generator of such scenarios): HiGHS 1.15.3 with presolve calls the plain model
 * infeasible; the optimum (HiGHS without presolve, and CBC) is $43,631,978.
 */
export const tightYearlyInput = () => makeInput({
  catalog,
  sites: [
    {name: 's0', it_power_kw: 30, racks: 3, rack_units: 42, rack_kw: 30, liquid_cooling: false, pue: 1.35, usd_per_kwh: 0.15, usd_per_rack_month: 0},
    {name: 's1', it_power_kw: 40, racks: 3, rack_units: 52, rack_kw: 30, liquid_cooling: false, pue: 1.5, usd_per_kwh: 0.15, usd_per_rack_month: 0},
  ],
  workloads: ([
    ['m8', 800, 1.5, 30000, 2, 'any'], ['m8', 800, 1.5, 30000, 4, 'onprem'], ['m70', 800, 1.5, null, 1, 'any'], ['m8', 40000, 1.5, null, 0, 'onprem'],
    ['m70', 2500, 1.5, null, 2, 'any'], ['m70', 800, 1.5, null, 4, 'onprem'], ['m8|m70', 6000, 1.5, 30000, 1, 'any'], ['m70q', 40000, 1.2, 30000, 4, 'any'],
    ['m8|m70', 2500, 1.2, 9000, 0, 'any'], ['m8', 800, 1.5, 30000, 2, 'any'], ['m70', 800, 1.5, 30000, 0, 'onprem'],
  ] as const).map(([model, avg, peak, latency, growth, placement], i) => ({
    name: `w${i}`, model, avg_output_tps: avg, peak_to_avg: peak, input_per_output: 3, response_tokens: 250, max_latency_ms: latency,
    monthly_growth_pct: growth, placement, tiers: ['premium', 'commodity', 'edge'], endpoints: 0,
  })),
  settings: {horizon_months: 36, start_month: '2026-01', purchase_interval_months: 12, hardware_price_change_pct_per_year: -15, cloud_price_change_pct_per_year: 0, capex_budget_usd: 400000, total_budget_usd: null, max_utilization: 0.8, discount_rate_pct: 8, residual_value: true, edge_usd_per_kwh: 0.15, unserved_penalty_usd_per_month: 400000, time_limit_s: 60},
});
