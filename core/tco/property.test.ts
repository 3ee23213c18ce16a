// The law tying the engine to the optimizer: for any feasible assignment, the objective as the
// sum of cost.ts PV coefficients equals computeTco's horizon cost; and the breakdowns add up.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeTco } from './engine.ts';
import { coefficientObjective } from './test-scenarios.ts';
import { scenarioArb } from './test-scenarios.test-helper.ts';

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-7 * Math.max(1, Math.abs(a), Math.abs(b));

describe('objective = TCO horizon cost', () => {
  it('holds for random feasible plans of generated scenarios', () => {
    fc.assert(
      fc.property(scenarioArb(), ({ input, plan }) => {
        const r = computeTco(input, plan);
        const obj = coefficientObjective(input, plan);
        expect(close(obj, r.totals.horizon_cost_usd), `objective ${obj} vs TCO ${r.totals.horizon_cost_usd}`).toBe(true);
        expect(close(r.months.at(-1)!.cumulative_pv_usd, r.totals.horizon_cost_usd)).toBe(true);
        expect(r.capacity_ok).toBe(true);
        const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
        expect(close(sum(r.byLine.map((l) => l.undiscounted_usd)), r.totals.undiscounted_usd)).toBe(true);
        expect(close(sum(r.byTier.map((l) => l.undiscounted_usd)), r.totals.undiscounted_usd)).toBe(true);
        expect(close(sum(r.bySite.map((l) => l.horizon_cost_usd)), r.totals.horizon_cost_usd)).toBe(true);
        expect(close(sum(r.byWorkload.map((l) => l.horizon_cost_usd)), r.totals.horizon_cost_usd)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
