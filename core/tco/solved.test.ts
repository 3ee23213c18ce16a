// DESIGN 6: "the optimizer's objective minus its penalties equals the horizon cost … a test holds
// them equal on every solved plan" — real HiGHS solves of generated scenarios, costed by computeTco.
import fc from 'fast-check';
import loadHighs, { type Highs } from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { solvePlanV2 as solvePlan } from '../optimizer/v2/solve.ts';
import { computeTco } from './engine.ts';
import { coefficientObjective } from './test-scenarios.ts';
import { scenarioArb } from './test-scenarios.test-helper.ts';

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

describe('solved plans', () => {
  it('objective = computeTco horizon cost = Σ coefficients, and the plan covers its demand', () => {
    fc.assert(
      fc.property(scenarioArb({ maxWorkloads: 6 }), ({ input }) => {
        const plan = solvePlan(highs, input, { timeLimitS: 10 });
        expect(['optimal', 'time_limit']).toContain(plan.status);
        const r = computeTco(input, plan);
        const tol = 1e-6 * Math.max(1, Math.abs(r.totals.horizon_cost_usd));
        expect(Math.abs(plan.objective_usd! - r.totals.horizon_cost_usd)).toBeLessThanOrEqual(tol);
        expect(Math.abs(plan.totals.horizon_cost_usd - r.totals.horizon_cost_usd)).toBeLessThanOrEqual(tol);
        expect(Math.abs(coefficientObjective(input, plan) - r.totals.horizon_cost_usd)).toBeLessThanOrEqual(tol);
        expect(Math.abs(plan.totals.capex_usd - r.totals.capex_usd)).toBeLessThanOrEqual(tol);
        expect(r.capacity_ok).toBe(true);
        expect(r.warnings).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });
});
