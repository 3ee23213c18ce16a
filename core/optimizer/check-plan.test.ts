// The independent checker itself (check-plan.test-helper.ts): hand-computed v2 costs (periods,
// availability by period, π_hw, residual per tranche) and that it catches broken plans.
import fc from 'fast-check';
import loadHighs, { type Highs } from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PlanResult } from '../types.ts';
import { checkPlan } from './check-plan.test-helper.ts';
import { api, cloud, edge, makeInput, models, system } from './fixtures.test-helper.ts';
import { solvePlanV2 } from './v2/solve.ts';

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

const clone = (p: PlanResult): PlanResult => JSON.parse(JSON.stringify(p)) as PlanResult;

// 24 months, purchases at months 0 and 12, hardware 20 % cheaper a year later; the system is
// orderable from 2027-01 only, so period 0 runs on the API and period 1 on a bought unit.
const phased = () =>
  makeInput({
    catalog: {
      models,
      options: [
        system('h100', { available_from: '2027-01' }, { m70: [{ user_tps: 30, unit_tps: 3000, ttft_ms: 300 }] }),
        api('api70', {}, { m70: [{ user_tps: 60, ttft_ms: 400 }] }),
      ],
    },
    workloads: [{ name: 'w', model: 'm8|m70', avg_output_tps: 1000 }],
    sites: [{ name: 'dc1', it_power_kw: 200, racks: 10 }],
    settings: { horizon_months: 24, purchase_interval_months: 12, hardware_price_change_pct_per_year: -20 },
  });

describe('checkPlan (v2)', () => {
  it('recomputes a phased plan by hand: API in period 0, a unit bought at month 12 at π_hw prices', () => {
    const input = phased();
    const r = solvePlanV2(highs, input, { timeLimitS: 30, explain: false });
    expect(checkPlan(input, r)).toEqual([]);
    expect(r.assignments.map((a) => [a.period, a.option, a.model])).toEqual([[0, 'api70', 'm70'], [1, 'h100', 'm70']]);
    const api12 = 12 * ((1000 * 3600 * 730) / 1e6) * (1.5 + 3 * 0.5); // 94 608
    const price = 200_000 * 0.8; // bought at month 12
    const unit = price + 12 * (price * 10) / 1200 + 12 * 8 * 1.4 * 730 * 0.1 - price * (1 - 12 / 60);
    expect(r.totals.capex_usd).toBeCloseTo(price, 6);
    expect(r.totals.horizon_cost_usd).toBeCloseTo(api12 + unit, 6);
  });

  it('reports broken plans', () => {
    const input = phased();
    const r = solvePlanV2(highs, input, { timeLimitS: 30, explain: false });
    const has = (p: PlanResult, re: RegExp) => expect(checkPlan(input, p).some((e) => re.test(e))).toBe(true);

    const missing = clone(r);
    missing.assignments = missing.assignments.filter((a) => a.period !== 1);
    has(missing, /w appears 0 times in period 1/);

    const early = clone(r);
    early.assignments[0] = { ...early.assignments[1]!, period: 0 };
    has(early, /not a candidate in period 0/);

    const otherModel = clone(r);
    otherModel.assignments[1]!.model = 'm405';
    has(otherModel, /not a candidate/);

    const pool = clone(r);
    pool.pools[0]!.units += 1;
    has(pool, /units listed, 1 owned/);

    const dear = clone(r);
    dear.totals.horizon_cost_usd *= 1.001;
    has(dear, /horizon cost/);

    const capped = { ...input, settings: { ...input.settings, capex_budget_usd: 150_000 } };
    expect(checkPlan(capped, r).some((e) => /plan year 1 over the budget/.test(e))).toBe(true);
  });

  it('cloud instances are whole replicas of units_per_replica covering the month’s peak', () => {
    const input = makeInput({
      catalog: {
        models,
        options: [{
          id: 'c70', name: 'c70', vendor: 't', tier: 'commodity', kind: 'cloud_instance', source: 't', as_of: '2026-01', usd_per_hour: 10,
          performance: [{ model: 'm70', units_per_replica: 2, points: [{ user_tps: 30, unit_tps: 1000, ttft_ms: 300 }] }],
        }],
      },
      workloads: [{ name: 'w', model: 'm8|m70', avg_output_tps: 1000 }],
      settings: { horizon_months: 12, cloud_price_change_pct_per_year: 10 },
    });
    const r = solvePlanV2(highs, input, { timeLimitS: 30, explain: false });
    expect(checkPlan(input, r)).toEqual([]);
    // peak 1500 tps ÷ 1000 per replica → 2 replicas of 2 instances
    expect(r.cloud.every((c) => c.instances === 4)).toBe(true);
    let cost = 0;
    for (let m = 0; m < 12; m++) cost += 4 * 10 * 730 * Math.pow(1.1, m / 12);
    expect(r.totals.horizon_cost_usd).toBeCloseTo(cost, 6);
    const odd = clone(r);
    odd.cloud[3]!.instances = 3;
    expect(checkPlan(input, odd).some((e) => /not a whole multiple of R = 2/.test(e))).toBe(true);
  });

  it('finds nothing wrong in the solver\'s plans of random v2 scenarios', () => {
    const pt = (unit_tps: number) => [{ user_tps: 10, unit_tps, ttft_ms: 0 }];
    const perf = (R: number, tps: number) => [{ model: 'm8', units_per_replica: R, points: pt(tps) }, { model: 'm70', units_per_replica: R, points: pt(tps / 4) }];
    fc.assert(fc.property(fc.record({
      horizon: fc.constantFrom(12, 18, 24), interval: fc.constantFrom(6, 12, 24),
      hw: fc.integer({ min: -30, max: 20 }), cl: fc.integer({ min: -30, max: 20 }), rate: fc.constantFrom(0, 8),
      residual: fc.boolean(), penalty: fc.constantFrom(null, 20_000, 1_000_000), capex: fc.constantFrom(null, null, 150_000),
      R: fc.integer({ min: 1, max: 3 }), Rc: fc.integer({ min: 1, max: 2 }), tall: fc.boolean(), late: fc.boolean(),
      life: fc.constantFrom(7.5, 10, 60),
      workloads: fc.array(fc.record({
        avg: fc.integer({ min: 50, max: 3000 }), growth: fc.integer({ min: -2, max: 6 }),
        models: fc.constantFrom('m8', 'm70', 'm70|m8'), placement: fc.constantFrom('any', 'onprem', 'cloud'), endpoints: fc.constantFrom(0, 20),
      }), { minLength: 1, maxLength: 3 }),
    }), (s) => {
      const input = makeInput({
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
      const r = solvePlanV2(highs, input, { timeLimitS: 20, explain: false });
      expect(checkPlan(input, r)).toEqual([]);
    }), { numRuns: 40, seed: 20261204 });
  });
});
