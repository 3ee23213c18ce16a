// The engine gives exactly the figures it gave before its sums moved to typed arrays (every
// number of the report, bit for bit, and the same warnings) on random phased plans with movers,
// on generated feasible plans, and on what-ifs of them (shorter horizon, growth, prices).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignmentOf, candidatesFor, periodsOf } from '../sizing.ts';
import type { Assignment, PlanInput, PlanResult } from '../types.ts';
import { computeTco } from './engine.ts';
import { computeTco as previousTco } from './engine-previous.test-helper.ts';
import { planFromAssignments } from './plan-builder.ts';
import { makeInput, makeScenario, rngFrom } from './test-scenarios.ts';
import { applyAssumptions, assumptionsOf } from './what-if.ts';

/** A generated input made phased, and a plan whose workloads change option between periods. */
function phased(seed: number): { input: PlanInput; plan: PlanResult } {
  const rng = rngFrom(seed);
  const base = makeInput(seed, { horizon: 24 + 12 * Math.floor(rng() * 2), maxWorkloads: 12 });
  const input: PlanInput = {
    ...base,
    settings: {
      ...base.settings,
      purchase_interval_months: rng() < 0.5 ? 6 : 12,
      hardware_price_change_pct_per_year: Math.round(-30 + rng() * 40),
      cloud_price_change_pct_per_year: Math.round(-25 + rng() * 35),
      discount_rate_pct: Math.round(rng() * 12),
    },
  };
  const assignments: Assignment[] = [];
  const unserved: PlanResult['unserved'] = [];
  for (const { workload: w, candidates } of candidatesFor(input)) {
    let c = candidates[Math.floor(rng() * candidates.length)]!;
    for (const p of periodsOf(input.settings)) {
      if (rng() < 0.3) c = candidates[Math.floor(rng() * candidates.length)]!;
      // now and then a period left unserved: the workload counts as both served and unserved
      if (rng() < 0.05) unserved.push({ workload: w.name, period: p.period, reason: 'test' });
      else assignments.push(assignmentOf(w.name, c, p.period));
    }
  }
  return { input, plan: planFromAssignments(input, assignments, { unserved }) };
}

/** The input under a random what-if of the TCO view (the plan held fixed). */
function whatIf(input: PlanInput, seed: number): PlanInput {
  const rng = rngFrom(seed ^ 0x5bd1e995);
  const a = assumptionsOf(input.settings);
  return applyAssumptions(input, {
    ...a,
    horizon_months: rng() < 0.4 ? 12 + Math.floor(rng() * 25) : a.horizon_months,
    discount_rate_pct: rng() * 15,
    residual_value: rng() < 0.5,
    max_utilization: 0.5 + rng() * 0.5,
    hardware_price_change_pct_per_year: -40 + rng() * 50,
    cloud_price_change_pct_per_year: -40 + rng() * 50,
    electricity_factor: 0.5 + rng(),
    pue: rng() < 0.5 ? null : 1 + rng(),
    growth_add_pp: rng() < 0.5 ? 0 : rng() * 3,
  });
}

/** Both engines' answers: the report, or the message it was refused with. */
function both(input: PlanInput, plan: PlanResult): [unknown, unknown] {
  const run = (f: typeof computeTco) => {
    try {
      return f(input, plan);
    } catch (err) {
      return { error: String(err) };
    }
  };
  return [run(computeTco), run(previousTco)];
}

describe('computeTco gives the figures of the previous engine, bit for bit', () => {
  it('on random phased plans with movers and unserved periods, and on what-ifs of them', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0x7fffffff }), (seed) => {
        const { input, plan } = phased(seed);
        const [now, before] = both(input, plan);
        expect(now).not.toHaveProperty('error');
        expect(now).toStrictEqual(before);
        // the previous engine costed instances rented after a shorter what-if horizon as NaN: it
        // gets the plan without them, which is how the engine reads them now
        const moved = whatIf(input, seed);
        const H = moved.settings.horizon_months;
        expect(computeTco(moved, plan)).toStrictEqual(previousTco(moved, { ...plan, cloud: plan.cloud.filter((c) => c.month < H) }));
      }),
      { numRuns: 80 },
    );
  });

  it('on generated feasible plans (pools, racks, edge devices), and with a workload removed from the input', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0x7fffffff }), (seed) => {
        const { input, plan } = makeScenario(seed);
        const [now, before] = both(input, plan);
        expect(now).toStrictEqual(before);
        // its pool, racks or instances then serve fewer workloads (or none: "(unallocated)")
        const gone = plan.assignments[0]?.workload;
        const fewer = { ...plan, assignments: plan.assignments.filter((a) => a.workload !== gone) };
        const [nowFewer, beforeFewer] = both(input, fewer);
        expect(nowFewer).toStrictEqual(beforeFewer);
      }),
      { numRuns: 80 },
    );
  });
});
