import { describe, expect, it } from 'vitest';
import { formatMoney } from '../format.ts';
import { computeTco } from './engine.ts';
import { api, assign, makeInput } from './fixtures.test-helper.ts';
import { planFromAssignments } from './plan-builder.ts';
import { summariseTco } from './summary.ts';

describe('the tco summary', () => {
  it('counts one served workload in the singular', () => {
    const input = makeInput({ options: [api('A', 1, 0)], workloads: [{ name: 'W', model: 'm', avg_output_tps: 10 }] });
    const one = computeTco(input, planFromAssignments(input, [assign(input, 'W', 'A')]));
    expect(summariseTco(one)[0]).toBe('12 months from 2026-01: 1 workload served');
    const two = makeInput({ options: [api('A', 1, 0)], workloads: [{ name: 'W', model: 'm', avg_output_tps: 10 }, { name: 'V', model: 'm', avg_output_tps: 10 }] });
    expect(summariseTco(computeTco(two, planFromAssignments(two, [assign(two, 'W', 'A'), assign(two, 'V', 'A')])))[0]).toBe('12 months from 2026-01: 2 workloads served');
    // counts grouped as everywhere else ("5000 workloads" before)
    expect(summariseTco({ ...one, served_workloads: 5000, unserved_workloads: 1200 })[0]).toBe('12 months from 2026-01: 5,000 workloads served, 1,200 unserved in at least one period');
  });

  it('says what the horizon cost is net of only when there is a discount or a residual credit (no "net of $0 residual credit")', () => {
    const input = makeInput({ options: [api('A', 1, 0)], workloads: [{ name: 'W', model: 'm', avg_output_tps: 10 }] });
    const plain = computeTco(input, planFromAssignments(input, [assign(input, 'W', 'A')]));
    expect(plain.totals.residual_credit_usd).toBe(0);
    expect(summariseTco(plain)[1]).toBe(`horizon cost   ${formatMoney(plain.totals.horizon_cost_usd)}`);
    const disc = makeInput({ options: [api('A', 1, 0)], workloads: [{ name: 'W', model: 'm', avg_output_tps: 10 }], settings: { discount_rate_pct: 8 } });
    const d = computeTco(disc, planFromAssignments(disc, [assign(disc, 'W', 'A')]));
    expect(summariseTco(d)[1]).toBe(`horizon cost   ${formatMoney(d.totals.horizon_cost_usd)}  (discounted at 8% a year)`);
    expect(summariseTco({ ...d, discount_rate_pct: 7.25 })[1]).toContain('(discounted at 7.25% a year)');
  });

  it('counts the warnings left out in the singular for one (not "… and 1 more warnings")', () => {
    const input = makeInput({ options: [api('A', 1, 0)], workloads: [{ name: 'W', model: 'm', avg_output_tps: 10 }] });
    const r = computeTco(input, planFromAssignments(input, [assign(input, 'W', 'A')]));
    const w = (n: number) => summariseTco({ ...r, warnings: Array.from({ length: n }, (_, i) => `w${i}`) }).at(-1);
    expect(w(6)).toBe('… and 1 more warning');
    expect(w(7)).toBe('… and 2 more warnings');
  });
});
