import { describe, expect, it } from 'vitest';
import { upgradeStoredInput, upgradeV1Plan } from './plan-v1.ts';
import { computeTco } from './tco/engine.ts';

// A PlanInput as FleetPlan 0.1 stored it: no purchase interval, trends, racks_per_unit or
// units_per_replica.
const v1Input = {
  catalog: {
    models: [{ id: 'm', params_b: 8, active_params_b: 8 }],
    options: [
      {
        id: 'sys', name: 'Sys', vendor: 'V', tier: 'commodity', kind: 'system', source: 's', as_of: '2025', rack_units: 8,
        max_power_kw: 10, typical_power_kw: 7, cooling: 'air', price_usd: 100000, support_pct_per_year: 10, lifetime_months: 48,
        performance: [{ model: 'm', points: [{ user_tps: 50, unit_tps: 1000, ttft_ms: 200 }] }],
      },
      {
        id: 'inst', name: 'Inst', vendor: 'C', tier: 'commodity', kind: 'cloud_instance', source: 's', as_of: '2025', usd_per_hour: 10,
        performance: [{ model: 'm', points: [{ user_tps: 50, unit_tps: 400, ttft_ms: 200 }] }],
      },
      {
        id: 'esp', name: 'Esp', vendor: 'E', tier: 'edge', kind: 'edge_device', source: 's', as_of: '2025', price_usd: 10,
        typical_power_kw: 0.001, lifetime_months: 60, inference_via: null, performance: [{ model: 'm', points: [{ user_tps: 20, unit_tps: 20, ttft_ms: 100 }] }],
      },
    ],
  },
  workloads: [
    { name: 'batch', model: 'm', avg_output_tps: 1000 },
    { name: 'bursty', model: 'm', avg_output_tps: 100, peak_to_avg: 2, monthly_growth_pct: 10 },
    { name: 'iot', model: 'm', avg_output_tps: 5, endpoints: 50, placement: 'edge' },
  ],
  sites: [{ name: 'dc', it_power_kw: 100, racks: 4 }],
  settings: { horizon_months: 24, start_month: '2026-11', max_utilization: 0.8 },
};

const v1Result = {
  status: 'optimal', objective_usd: 5, bound_usd: 5, gap: 0, solve_ms: 10,
  assignments: [
    { workload: 'batch', option: 'sys', site: 'dc', user_tps: 50, unit_tps: 1000, ttft_ms: 200, tier: 'commodity', kind: 'system' },
    { workload: 'bursty', option: 'inst', site: null, user_tps: 50, unit_tps: 400, ttft_ms: 200, tier: 'commodity', kind: 'cloud_instance' },
    { workload: 'iot', option: 'esp', site: null, user_tps: 20, unit_tps: 20, ttft_ms: 100, tier: 'edge', kind: 'edge_device' },
  ],
  pools: [{ site: 'dc', option: 'sys', model: 'm', units: 2 }],
  unserved: [],
  sites: [{ site: 'dc', power_kw_used: 20, power_kw_limit: 100, racks_used: 2, racks_limit: 4,
    racks: [{ option: 'sys', units: [{ option: 'sys', model: 'm' }], u_used: 8, kw_used: 10 }, { option: 'sys', units: [{ option: 'sys', model: 'm' }], u_used: 8, kw_used: 10 }] }],
  totals: { capex_usd: 200500, horizon_cost_usd: 5 },
};

describe('stored inputs of an earlier release', () => {
  it('keep one purchase at month 0 and no trends; options get one rack per unit and one unit per replica', () => {
    const input = upgradeStoredInput(v1Input);
    expect(input.settings).toMatchObject({ horizon_months: 24, purchase_interval_months: 24, hardware_price_change_pct_per_year: 0, cloud_price_change_pct_per_year: 0, max_utilization: 0.8 });
    const sys = input.catalog.options.find((o) => o.id === 'sys');
    expect(sys).toMatchObject({ racks_per_unit: 1, performance: [{ model: 'm', units_per_replica: 1 }] });
    expect(input.workloads.find((w) => w.name === 'bursty')).toMatchObject({ peak_to_avg: 2, monthly_growth_pct: 10, placement: 'any' });
  });
});

describe('plans of an earlier release', () => {
  const input = upgradeStoredInput(v1Input);
  const plan = upgradeV1Plan(v1Result, input);

  it('become one period covering the horizon, with every row in it', () => {
    expect(plan.periods).toEqual([{ period: 0, start_month: 0, months: 24 }]);
    expect(plan.assignments.map((a) => [a.workload, a.period, a.model])).toEqual([['batch', 0, 'm'], ['bursty', 0, 'm'], ['iot', 0, 'm']]);
    expect(plan.pools).toEqual([{ period: 0, site: 'dc', option: 'sys', model: 'm', units: 2 }]);
    expect(plan.purchases).toEqual([{ period: 0, site: 'dc', option: 'sys', model: 'm', replicas: 2, units: 2 }]);
    expect(plan.edge).toEqual([{ workload: 'iot', option: 'esp', period: 0, devices: 50 }]);
    expect(plan.sites[0]).toMatchObject({ period: 0, racks_used: 2 });
    expect(plan.sites[0]!.racks.map((r) => r.spans)).toEqual([1, 1]);
    expect(plan.totals).toEqual(v1Result.totals);
    expect(plan.status).toBe('optimal');
  });

  it('keep the fractional cloud instances their release billed: peak ÷ (utilisation × unit throughput), every month', () => {
    expect(plan.cloud).toHaveLength(24);
    // bursty: peak 100 × 2 = 200 tok/s in month 0, growing 10 % a month; 0.8 × 400 = 320 tok/s per instance
    expect(plan.cloud[0]).toMatchObject({ month: 0, option: 'inst', model: 'm' });
    expect(plan.cloud[0]!.instances).toBeCloseTo(200 / 320, 12);
    expect(plan.cloud[1]!.instances).toBeCloseTo(220 / 320, 12);
    expect(plan.cloud[23]!.instances).toBeCloseTo((200 * 1.1 ** 23) / 320, 9);
  });

  it('cost their cloud instances as their release did: the fractions × $10/h × 730 h, month by month', () => {
    const tco = computeTco(input, plan);
    let expected = 0;
    for (let m = 0; m < 24; m++) expected += ((200 * 1.1 ** m) / 320) * 10 * 730;
    const cloudLine = tco.months.reduce((sum, mo) => sum + (mo.lines.cloud_instances ?? 0), 0);
    expect(cloudLine).toBeCloseTo(expected, 6);
  });
});
