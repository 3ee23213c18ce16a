// The independent checker itself (check-plan.test-helper.ts): hand-computed v2 costs (periods,
// availability by period, π_hw, residual per tranche) and that it catches broken plans.
import fc from 'fast-check';
import loadHighs, { type Highs } from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PlanResult } from '../types.ts';
import { checkPlan } from './check-plan.test-helper.ts';
import { api, cloud, edge, makeInput, models, system, v2Input, v2Scenario } from './fixtures.test-helper.ts';
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
    // one replica (2 instances) for 1.5 replicas' load: short (it compared instances with replicas)
    const short = clone(r);
    short.cloud[3]!.instances = 2;
    expect(checkPlan(input, short).some((e) => /2 instances for a load of 3/.test(e))).toBe(true);
  });

  it('finds nothing wrong in the solver\'s plans of random v2 scenarios', () => {
    fc.assert(fc.property(v2Scenario, (s) => {
      const input = v2Input(s);
      const r = solvePlanV2(highs, input, { timeLimitS: 20, explain: false });
      expect(checkPlan(input, r)).toEqual([]);
    }), { numRuns: 40, seed: 20261204 });
  });
});
