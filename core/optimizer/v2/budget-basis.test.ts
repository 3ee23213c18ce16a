// The basis of each budget (DESIGN 5, constraints 7 and 8), at its edge: the total budget caps the
// discounted horizon cost net of the residual credit; the capex budget caps a plan year's purchases
// and replacements at their π_hw prices. Each case sits a few dollars either side of the cap, so a
// solver reading the other basis picks a different plan.
import loadHighs, { type Highs } from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PlanInput } from '../../types.ts';
import { api, makeInput, models, system } from '../fixtures.test-helper.ts';
import { solvePlanV2 } from './solve.ts';

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

const solve = (input: PlanInput) => solvePlanV2(highs, input, { timeLimitS: 30 });
// $1 per million output tokens, input free: w tok/s cost w × 3,600 × 730 ÷ 10⁶ a month
const tokenApi = (usdPerMOut: number) => api('A', { usd_per_m_input: 0, usd_per_m_output: usdPerMOut }, { m70: [{ user_tps: 60, ttft_ms: 400 }] });
// one 5,000 tok/s unit, no energy, no support: its cost is its purchases net of the residual
const box = (lifetime: number) => system('B', { price_usd: 100_000, lifetime_months: lifetime, support_pct_per_year: 0, typical_power_kw: 0, max_power_kw: 1, rack_units: 4 },
  { m70: [{ user_tps: 40, unit_tps: 5_000, ttft_ms: 300 }] });
const monthTokensM = (tps: number) => (tps * 3600 * 730) / 1e6;

describe('the total budget is on the discounted cost', () => {
  // two API workloads, 2,000 and 3,000 tok/s: 5,256 + 7,884 = 13,140 a month, 157,680 over 12
  // months; at 12 %/year the discounted sum is 13,140 × Σ 1.12^(−m/12) = 149,778.38
  const discount = Array.from({ length: 12 }, (_, m) => 1.12 ** (-m / 12)).reduce((a, b) => a + b, 0);
  const input = (budget: number) => makeInput({
    catalog: { models, options: [tokenApi(1)] },
    workloads: [{ name: 'w1', model: 'm70', avg_output_tps: 2000 }, { name: 'w2', model: 'm70', avg_output_tps: 3000 }],
    settings: { horizon_months: 12, discount_rate_pct: 12, total_budget_usd: budget, unserved_penalty_usd_per_month: 50_000 },
  });

  it('serves both workloads when the discounted cost fits, though the plain sum does not', () => {
    const plan = solve(input(150_000));
    expect(plan.status).toBe('optimal');
    expect(plan.unserved).toEqual([]);
    expect(plan.objective_usd).toBeCloseTo((monthTokensM(2000) + monthTokensM(3000)) * discount, 4);
    expect(plan.objective_usd).toBeCloseTo(149_778.377246, 4);
  });

  it('leaves the dearer workload unserved when the discounted cost is over (same penalty, less to pay)', () => {
    const plan = solve(input(149_700));
    expect(plan.status).toBe('optimal');
    expect(plan.unserved.map((u) => u.workload)).toEqual(['w2']);
    expect(plan.objective_usd).toBeCloseTo(monthTokensM(2000) * discount + 12 * 50_000, 4);
  });
});

describe('the total budget is net of the residual credit', () => {
  // B bought at month 0 with a 24-month life is worth half its price at month 12: 100,000 − 50,000;
  // the API would cost 5,256 × 12 = 63,072, over the 60,000 budget
  it('buys the system whose net cost fits', () => {
    const plan = solve(makeInput({
      catalog: { models, options: [box(24), tokenApi(1)] },
      workloads: [{ name: 'w', model: 'm70', avg_output_tps: 2000, peak_to_avg: 1 }],
      sites: [{ name: 'F', it_power_kw: 10, racks: 1 }],
      settings: { horizon_months: 12, total_budget_usd: 60_000, unserved_penalty_usd_per_month: 20_000 },
    }));
    expect(plan.status).toBe('optimal');
    expect(plan.assignments.map((a) => a.option)).toEqual(['B']);
    expect(plan.objective_usd).toBeCloseTo(50_000, 6);
  });
});

describe('the capex budget counts a replacement at its π_hw price in its plan year', () => {
  // B (6-month life) bought at month 0 for 100,000 and again at month 6 for 100,000 × 0.8^(6/12)
  // = 89,442.72 with hardware 20 % cheaper a year: 189,442.72 in plan year 0 (no residual: the
  // re-buy's life ends at month 12). The API costs 4 × 5,256 × 12 = 252,288.
  const input = (budget: number) => makeInput({
    catalog: { models, options: [box(6), tokenApi(4)] },
    workloads: [{ name: 'w', model: 'm70', avg_output_tps: 2000, peak_to_avg: 1 }],
    sites: [{ name: 'F', it_power_kw: 10, racks: 1 }],
    settings: { horizon_months: 12, hardware_price_change_pct_per_year: -20, capex_budget_usd: budget },
  });

  it('buys the system when both purchases fit the year', () => {
    const plan = solve(input(189_500));
    expect(plan.status).toBe('optimal');
    expect(plan.assignments.map((a) => a.option)).toEqual(['B']);
    expect(plan.objective_usd).toBeCloseTo(100_000 * (1 + 0.8 ** 0.5), 4);
  });

  it('falls back to the API when the replacement takes the year over the cap', () => {
    const plan = solve(input(189_400));
    expect(plan.status).toBe('optimal');
    expect(plan.assignments.map((a) => a.option)).toEqual(['A']);
    expect(plan.objective_usd).toBeCloseTo(4 * monthTokensM(2000) * 12, 4);
  });
});
