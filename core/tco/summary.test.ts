import { describe, expect, it } from 'vitest';
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
  });
});
