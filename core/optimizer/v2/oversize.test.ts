// A workload whose every candidate is a system whose one replica is more than its site holds (by
// racks or by IT power alone) cannot be served by any plan: without a penalty the solve says so at
// once and names it (oversizeReasons), where it took the whole limit to prove the scenario
// infeasible and then blamed "site power and site racks" without naming a workload; with a penalty
// the workload is left unserved with the same words. One replica more room at the site and the
// workload is served: the check is exact at its edge.
import loadHighs, { type Highs } from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, makeInput, models, system } from '../fixtures.test-helper.ts';
import { buildModelV2 } from './model.ts';
import { oversizeReasons, solvePlanV2 } from './solve.ts';

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

/** 'big' (m405) only on-premises on wafer (8-unit replicas, 16 U and 7 kW a unit: 2 a rack); 'small' (m70) on an API */
function input(site: { racks: number; it_power_kw: number }, penalty: number | null = null) {
  const wafer = system('wafer', { rack_units: 16, max_power_kw: 7, typical_power_kw: 6 }, {});
  return makeInput({
    catalog: {
      models,
      options: [
        { ...wafer, performance: [{ model: 'm405', units_per_replica: 8, points: [{ user_tps: 900, unit_tps: 5000, ttft_ms: 100 }] }] },
        api('api70', {}, { m70: [{ user_tps: 60, ttft_ms: 400 }] }),
      ],
    },
    workloads: [
      { name: 'big', model: 'm405', avg_output_tps: 50, placement: 'onprem' },
      { name: 'small', model: 'm70', avg_output_tps: 50 },
    ],
    sites: [{ name: 'hall', rack_units: 42, rack_kw: 20, ...site }],
    settings: { horizon_months: 24, purchase_interval_months: 12, ...(penalty != null ? { unserved_penalty_usd_per_month: penalty } : {}) },
  });
}

describe('a workload whose every system needs a replica larger than its site', () => {
  it('makes the scenario infeasible at once, named with the racks one replica takes and the site has', () => {
    const r = solvePlanV2(highs, input({ racks: 3, it_power_kw: 600 }), { timeLimitS: 30 });
    expect(r.status).toBe('infeasible');
    expect(r.reasons).toEqual([
      'nothing can serve big in Jan 2026 – Dec 2027: one replica of each system that could is more than its site holds (wafer for m405 at hall: one replica is 8 units, 4 racks and 56 kW; the site has 3 racks and 600 kW)',
    ]);
  });

  it('one sentence for the workloads the same systems hold back in the same periods', () => {
    const base = input({ racks: 3, it_power_kw: 600 });
    const twin = { ...base.workloads[0]!, name: 'big2' };
    const r = solvePlanV2(highs, { ...base, workloads: [base.workloads[0]!, base.workloads[1]!, twin] }, { timeLimitS: 30 });
    expect(r.status).toBe('infeasible');
    expect(r.reasons).toEqual([
      'nothing can serve big and big2 in Jan 2026 – Dec 2027: one replica of each system that could is more than its site holds (wafer for m405 at hall: one replica is 8 units, 4 racks and 56 kW; the site has 3 racks and 600 kW)',
    ]);
  });

  it('by IT power alone too', () => {
    const reasons = oversizeReasons(buildModelV2(input({ racks: 10, it_power_kw: 55 })));
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toContain('one replica is 8 units, 4 racks and 56 kW; the site has 10 racks and 55 kW');
  });

  it('is exact at its edge: a site that holds one replica serves the workload', () => {
    expect(oversizeReasons(buildModelV2(input({ racks: 4, it_power_kw: 56 })))).toEqual([]);
    const r = solvePlanV2(highs, input({ racks: 4, it_power_kw: 56 }), { timeLimitS: 30 });
    expect(r.status).toBe('optimal');
    expect(r.assignments.filter((a) => a.workload === 'big')).toHaveLength(2);
    expect(r.purchases.some((p) => p.option === 'wafer' && p.units === 8)).toBe(true);
  });

  it('with a penalty: left unserved in every period with the same words', () => {
    const r = solvePlanV2(highs, input({ racks: 3, it_power_kw: 600 }, 1_000), { timeLimitS: 30 });
    expect(r.status).toBe('optimal');
    expect(r.unserved.map((u) => [u.workload, u.period])).toEqual([['big', 0], ['big', 1]]);
    for (const u of r.unserved) expect(u.reason).toMatch(/^nothing can serve big in Jan 2026 – Dec 2027: one replica of each system that could is more than its site holds \(wafer for m405 at hall: one replica is 8 units, 4 racks/);
    expect(r.assignments.filter((a) => a.workload === 'small')).toHaveLength(2);
  });
});
