import { describe, expect, it } from 'vitest';
import { formatMoney } from '../format.ts';
import { computeTco } from './engine.ts';
import { api, assign, edge, makeInput, pt } from './fixtures.test-helper.ts';
import { planFromAssignments } from './plan-builder.ts';
import type { BaselineComparison } from './baselines.ts';
import { summariseTco } from './summary.ts';

describe('the tco summary', () => {
  it('counts one served workload in the singular', () => {
    const input = makeInput({ options: [api('A', 1, 0)], workloads: [{ name: 'W', model: 'm', avg_output_tps: 10 }] });
    const one = computeTco(input, planFromAssignments(input, [assign(input, 'W', 'A')]));
    expect(summariseTco(one)[0]).toBe('12 months from Jan 2026: 1 workload served');
    const two = makeInput({ options: [api('A', 1, 0)], workloads: [{ name: 'W', model: 'm', avg_output_tps: 10 }, { name: 'V', model: 'm', avg_output_tps: 10 }] });
    expect(summariseTco(computeTco(two, planFromAssignments(two, [assign(two, 'W', 'A'), assign(two, 'V', 'A')])))[0]).toBe('12 months from Jan 2026: 2 workloads served');
    // counts grouped as everywhere else ("5000 workloads" before)
    expect(summariseTco({ ...one, served_workloads: 5000, unserved_workloads: 1200 })[0]).toBe('12 months from Jan 2026: 5,000 workloads served, 1,200 unserved in at least one period');
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
    // the cost per token is undiscounted: said beside a discounted horizon cost, not without one
    expect(summariseTco(d)[5]).toMatch(/^cost per M output tokens {2}\$[\d.]+ \/M tok undiscounted \(commodity /);
    expect(summariseTco(plain)[5]).toMatch(/^cost per M output tokens {2}\$[\d.]+ \/M tok \(commodity /);
    // no tokens, no figure to qualify
    expect(summariseTco({ ...d, totals: { ...d.totals, usd_per_m_tokens: null }, byTier: [] })[5]).toBe('cost per M output tokens  — (no tokens served)');
  });

  it('gives the replacements beside the capex that excludes them, only when there are some', () => {
    const input = makeInput({ options: [api('A', 1, 0)], workloads: [{ name: 'W', model: 'm', avg_output_tps: 10 }] });
    const r = computeTco(input, planFromAssignments(input, [assign(input, 'W', 'A')]));
    expect(summariseTco({ ...r, totals: { ...r.totals, replacement_usd: 42_560 } })).toContain('replacements   $42,560  (re-buys at the end of lifetimes, at the prices of their months)');
    expect(summariseTco(r).some((l) => l.startsWith('replacements'))).toBe(false);
  });

  it('says the present value of the residual credit a discounted horizon cost is net of (not only the credit as paid)', () => {
    // 10 devices of $200 with a 24-month life, 12 months: a $1,000 credit in month 11, which a
    // 10 % rate counts as $1,000 × 1.1^(−11/12) = $916 in the horizon cost
    const input = makeInput({
      options: [edge('E', { lifetime_months: 24, performance: [{ model: 'm', points: [pt(50, 100)] }] })],
      workloads: [{ name: 'W', model: 'm', avg_output_tps: 10, endpoints: 10, placement: 'edge' }],
      settings: { discount_rate_pct: 10, residual_value: true },
    });
    const r = computeTco(input, planFromAssignments(input, [assign(input, 'W', 'E')]));
    expect(r.totals.residual_credit_usd).toBeCloseTo(-1000, 6);
    expect(summariseTco(r)[1]).toBe(`horizon cost   ${formatMoney(r.totals.horizon_cost_usd)}  (discounted at 10% a year, net of $1,000 residual credit, $916 at present value)`);
    // undiscounted, the credit as paid is what the horizon cost is net of: said once
    const plain = computeTco({ ...input, settings: { ...input.settings, discount_rate_pct: 0 } }, planFromAssignments(input, [assign(input, 'W', 'E')]));
    expect(summariseTco(plain)[1]).toBe(`horizon cost   ${formatMoney(plain.totals.horizon_cost_usd)}  (net of $1,000 residual credit)`);
  });

  it('gives a lopsided baseline\'s difference with the reason on one line, never "saves $X" before a note taking it back', () => {
    const input = makeInput({ options: [api('A', 1, 0)], workloads: [{ name: 'W', model: 'm', avg_output_tps: 10 }] });
    const r = computeTco(input, planFromAssignments(input, [assign(input, 'W', 'A')]));
    const lopsided = 'a lopsided comparison: only S1 serves all 3 workloads, because 1 of them (W2) fits no S2, which serves the other 2; a fleet chosen for so few workloads is no alternative a buyer would weigh, so the difference is not a saving to plan on';
    const baseline = { id: 'single_system', label: 'Single system type', status: 'ok', reason: null, caption: null, system: null, lopsided, moved: 3, kept: 0, plan: null, report: null } as unknown as BaselineComparison['baseline'];
    const cmp: BaselineComparison = { baseline, saving_usd: 250_000, saving_pct: 12.5, saving_undiscounted_usd: 250_000, break_even: null };
    const lines = summariseTco(r, [cmp]).filter((l) => l.startsWith('vs ') || l.startsWith('  note'));
    expect(lines).toEqual([`vs Single system type: the baseline costs ${formatMoney(250_000)} more than the plan, but this is ${lopsided}`]);
    expect(lines.join('\n')).not.toContain('saves');
    // a fair baseline still reads as a saving
    const fair = summariseTco(r, [{ ...cmp, baseline: { ...baseline, lopsided: null } }]).find((l) => l.startsWith('vs '));
    expect(fair).toMatch(/^vs Single system type: saves \$250,000 \(12\.5% of the baseline\)/);
    // a dearer plan: the share is of the amount it follows (the plan cost 207.8 % of the baseline)
    const dearer = summariseTco(r, [{ ...cmp, baseline: { ...baseline, lopsided: null }, saving_usd: -162_063, saving_pct: -107.8 }]).find((l) => l.startsWith('vs '));
    expect(dearer).toBe('vs Single system type: costs $162,063 (107.8% of the baseline) more, no break-even within the horizon');
    // one that costs the same is said so (it read "saves $0 (0% of the baseline), never dearer (from Jan 2026)")
    const same = summariseTco(r, [{ ...cmp, baseline: { ...baseline, lopsided: null }, saving_usd: 0, saving_pct: 0, break_even: { month: 0, label: '2026-01' } } as BaselineComparison]).find((l) => l.startsWith('vs '));
    expect(same).toBe('vs Single system type: costs the same as the plan');
  });

  it('counts the warnings left out in the singular for one (not "… and 1 more warnings")', () => {
    const input = makeInput({ options: [api('A', 1, 0)], workloads: [{ name: 'W', model: 'm', avg_output_tps: 10 }] });
    const r = computeTco(input, planFromAssignments(input, [assign(input, 'W', 'A')]));
    const w = (n: number) => summariseTco({ ...r, warnings: Array.from({ length: n }, (_, i) => `w${i}`) }).at(-1);
    expect(w(6)).toBe('… and 1 more warning');
    expect(w(7)).toBe('… and 2 more warnings');
  });
});
