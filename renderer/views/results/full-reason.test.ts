import { describe, expect, it, vi } from 'vitest';
import { fullNoCandidateReason } from '../../../core/optimizer/explain.ts';
import { fullReasonsOnDemand } from './full-reason.ts';
import { makeInput, models, system } from '../../../core/optimizer/fixtures.test-helper.ts';

describe('fullReasonsOnDemand', () => {
  const options = Array.from({ length: 5 }, (_, i) => system(`s${i}`, { name: `Slow ${i}` }, { m70: [{ user_tps: 10 + i, unit_tps: 3000, ttft_ms: 300 }] }));
  const input = makeInput({
    catalog: { models, options },
    workloads: [{ name: 'w', model: 'm70', avg_output_tps: 10, placement: 'cloud' }],
    sites: [{ name: 'DC', it_power_kw: 100, racks: 4 }],
  });
  const short = 'nothing can serve m70 — placement cloud excludes 5 options (Slow 0, Slow 1 and 3 more)';
  const full = 'nothing can serve m70 — placement cloud excludes Slow 0, Slow 1, Slow 2, Slow 3 and Slow 4';

  it('works out nothing while a plan is shown, one reason when it is asked for, and that once', () => {
    const compute = vi.fn(fullNoCandidateReason);
    const reasons = fullReasonsOnDemand(input, compute);
    expect(reasons.offers(short)).toBe(true);
    expect(reasons.offers(`w: ${short}`)).toBe(true);
    expect(reasons.offers('within the site and budget limits, serving it costs more than its unserved penalty')).toBe(false);
    expect(compute).not.toHaveBeenCalled();
    expect(reasons.full(short, 'w')).toBe(full);
    expect(reasons.full(short, 'w')).toBe(full);
    expect(compute).toHaveBeenCalledTimes(1);
    expect(reasons.full(`w: ${short}`)).toBe(`w: ${full}`);
    expect(compute).toHaveBeenCalledTimes(2);
  });

  it('offers nothing without the inputs the plan was solved from', () => {
    const compute = vi.fn(fullNoCandidateReason);
    const reasons = fullReasonsOnDemand(null, compute);
    expect(reasons.offers(short)).toBe(false);
    expect(reasons.full(short, 'w')).toBe(short);
    expect(compute).not.toHaveBeenCalled();
  });
});
