import { describe, expect, it } from 'vitest';
import { computeTco } from './engine.ts';
import { planResidualCreditUsd } from './plan-lines.ts';
import { api, assign, makeInput, makePlan, system } from './fixtures.test-helper.ts';
import { layoutRacks } from './racks.ts';

const site = { name: 'F', it_power_kw: 1000, racks: 50, rack_kw: 20 };

describe('planResidualCreditUsd', () => {
  it('is the TCO engine\'s residual credit: a system within its life at the horizon, $0 for a token API alone or with the credit off', () => {
    const input = makeInput({
      options: [system('S'), api('A', 1, 0)],
      workloads: [{ name: 'W', model: 'm', avg_output_tps: 600, peak_to_avg: 1 }, { name: 'V', model: 'm', avg_output_tps: 1, peak_to_avg: 1 }],
      sites: [site],
      settings: { horizon_months: 12, residual_value: true },
    });
    const pools = [{ period: 0, site: 'F', option: 'S', model: 'm', units: 2 }];
    const plan = makePlan([assign(input, 'W', 'S', 'F'), assign(input, 'V', 'A')], pools, layoutRacks(input, pools));
    const credit = planResidualCreditUsd(input, plan);
    expect(credit).toBeLessThan(0);
    expect(credit).toBeCloseTo(computeTco(input, plan).totals.residual_credit_usd, 6);
    const apiOnly = makePlan([assign(input, 'V', 'A')], [], []);
    expect(planResidualCreditUsd(input, apiOnly)).toBe(0);
    expect(computeTco(input, apiOnly).totals.residual_credit_usd).toBe(0);
    expect(planResidualCreditUsd({ ...input, settings: { ...input.settings, residual_value: false } }, plan)).toBe(0);
  });
});
