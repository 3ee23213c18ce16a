// A solve's plan must not depend on what the same process solved before (the app's worker solves
// many times in one process: re-optimise each case, the binding check's re-solves). The solve's
// stages are timed by the clock, so two solves of one input differ by timing alone unless state
// crosses solves (HiGHS options or a solution left on a reused instance, module-level caches, a
// random stream seeded once per process). On a clock that advances by a fixed step at each read
// (clock.ts' now() and HiGHS' own timer both read performance.now()), time becomes a count of
// reads: the same input then takes the same path, whatever ran before, or state crossed solves.
import loadHighs, { type Highs } from 'highs';
import { describe, expect, it } from 'vitest';
import type { PlanInput, PlanResult } from '../../types.ts';
import { twoSystemInput } from '../fixtures.test-helper.ts';
import { solvePlanV2 } from './solve.ts';

/** `input` solved with performance.now() replaced by a clock that starts at the same value each time and advances `stepMs` per read. */
function solveOnCountingClock(highs: Highs, input: PlanInput, rounds: string[] = [], stepMs = 0.05): PlanResult {
  const real = performance.now;
  let t = 1e6;
  performance.now = () => (t += stepMs);
  try {
    return solvePlanV2(highs, input, { timeLimitS: 1, pipeline: 'staged', explain: false, onRound: (r) => rounds.push(`${r.kind} ${r.freed} ${r.won}`) });
  } finally {
    performance.now = real;
  }
}

/** n workloads of twoSystemInput over two yearly purchases, with a penalty (every stage of the staged path runs). */
function periodsInput(n: number, penalty: number): PlanInput {
  const base = twoSystemInput(n);
  return { ...base, settings: { ...base.settings, horizon_months: 24, purchase_interval_months: 12, unserved_penalty_usd_per_month: penalty } };
}

describe('a solve after other solves in the same process', () => {
  it('takes the path and returns the plan of the same solve on a new HiGHS module (clock counted in reads)', async () => {
    const input = periodsInput(120, 40_000);
    const freshRounds: string[] = [];
    const fresh = solveOnCountingClock(await loadHighs(), input, freshRounds);
    // the path covers the LP, the decomposition's sub-MILP and the improvement search's sub-MILPs
    expect(fresh.objective_usd).not.toBeNull();
    expect(fresh.stats?.lp_bound_usd).toBeDefined();
    expect(fresh.stats?.decompose_subs).toBeGreaterThan(0);
    expect(freshRounds.length).toBeGreaterThan(2);

    // one module solving other inputs (other sizes, another penalty, a single purchase) first
    const highs = await loadHighs();
    solveOnCountingClock(highs, periodsInput(60, 5_000));
    solveOnCountingClock(highs, twoSystemInput(90));
    const afterRounds: string[] = [];
    const after = solveOnCountingClock(highs, input, afterRounds);
    expect(afterRounds).toEqual(freshRounds);
    expect(after.stats).toEqual(fresh.stats);
    expect(after.objective_usd).toBe(fresh.objective_usd);
    expect(after.bound_usd).toBe(fresh.bound_usd);
    expect(after.assignments).toEqual(fresh.assignments);
    expect(after.purchases).toEqual(fresh.purchases);
  });
});
