// The valid cuts of the solver's model (model.ts eachCutV2) on a small, tight multi-period scenario:
// 9 workloads, 2 sites of 2 and 4 racks, 6 purchase periods, a per-year capex budget of $800k and an
// unserved penalty. Its candidates include replicas that need more racks than a site has, and
// purchases the capex budget caps below a workload's replicas: each such cut, at its whole-number
// coefficient, forced its x to 0 on its own, and HiGHS' presolve then returned plans that left a
// serve row unmet and pruned the optimum (the solve said "optimal" at $32,699,970 where the plain
// section 5 model's optimum, CBC's and HiGHS', is $32,653,197).
import loadHighs, { type Highs } from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { toModelData } from '../model-data.ts';
import { tightSmallInput } from './tight-small.test-helper.ts';
import { buildModelV2, validCutsV2 } from './model.ts';
import { presolveClaim, solvePlanV2 } from './solve.ts';

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

const input = tightSmallInput;

describe('valid cuts on a small tight multi-period model', () => {
  it('never give x a coefficient above what the cut\'s other columns can reach', () => {
    const m = buildModelV2(input());
    const cuts = validCutsV2(m);
    expect(cuts.length).toBeGreaterThan(0);
    for (const r of cuts) {
      const xCoef = -r.val[r.val.length - 1]!;
      let cap = 0;
      for (let i = 0; i < r.idx.length - 1; i++) cap += m.colUpper[r.idx[i]!]!;
      expect(xCoef).toBeGreaterThan(0);
      expect(xCoef).toBeLessThanOrEqual(cap + 1e-9);
    }
  });

  it('the solve proves the plain model\'s optimum', () => {
    // HiGHS on the section 5 model alone (no cut) proves it in a few seconds
    const plain = buildModelV2(input());
    const model = highs.createModel(toModelData(plain, highs.infinity));
    let optimum: number;
    try {
      model.options.set({ output_flag: false, time_limit: 120, mip_rel_gap: 1e-6, mip_abs_gap: 1e-6 });
      model.run({});
      expect(model.getModelStatus()).toBe(highs.constants.modelStatus.optimal);
      optimum = Number(model.info.get('objective_function_value'));
    } finally {
      model.dispose();
    }
    const plan = solvePlanV2(highs, input(), { timeLimitS: 120, explain: false });
    expect(plan.status).toBe('optimal');
    // the optimum within the optimality gap (1e-4), never below it
    expect(plan.objective_usd!).toBeGreaterThanOrEqual(optimum * (1 - 1e-9));
    expect(plan.objective_usd!).toBeLessThanOrEqual(optimum * (1 + 1e-4));
    expect(plan.bound_usd!).toBeLessThanOrEqual(optimum * (1 + 1e-9));
  }, 300_000);
});

describe('a bound HiGHS\' presolve claims', () => {
  it('is a jump to the incumbent at the root from a bound still short of it', () => {
    expect(presolveClaim(32_695_545, 32_695_545, 25_491_429, 0)).toBe(true);
    expect(presolveClaim(32_695_545, 32_695_545, 25_491_429, 3)).toBe(false); // after nodes: a search's proof
    expect(presolveClaim(32_695_545, 32_695_545, 32_693_000, 0)).toBe(false); // the root LP within the gap already
    expect(presolveClaim(32_695_545, 32_695_545, null, 0)).toBe(false);
    expect(presolveClaim(30_000_000, 32_695_545, 25_491_429, 0)).toBe(false); // a bound that moved, not one at the incumbent
  });

  it('the solve neither claims optimal above the optimum nor a bound above it', () => {
    // the same scenario with a $600k per-year capex budget: HiGHS 1.15.3's presolve calls the plain
    // model infeasible, and on the solve's model, warm from its $32,695,545 plan, it raised the bound
    // from the root LP's $25.49 M to that plan's cost; the optimum (HiGHS without presolve) is $32,691,429
    const plain = buildModelV2(input(600000));
    const model = highs.createModel(toModelData(plain, highs.infinity));
    let optimum: number;
    try {
      model.options.set({ output_flag: false, presolve: 'off', time_limit: 200, mip_rel_gap: 1e-6, mip_abs_gap: 1e-6 });
      model.run({});
      expect(model.getModelStatus()).toBe(highs.constants.modelStatus.optimal);
      optimum = Number(model.info.get('objective_function_value'));
    } finally {
      model.dispose();
    }
    const plan = solvePlanV2(highs, input(600000), { timeLimitS: 120, explain: false });
    expect(plan.objective_usd!).toBeGreaterThanOrEqual(optimum * (1 - 1e-9));
    expect(plan.bound_usd!).toBeLessThanOrEqual(optimum * (1 + 1e-9));
    if (plan.status === 'optimal') expect(plan.objective_usd!).toBeLessThanOrEqual(optimum * (1 + 1e-4));
    else expect(plan.status).toBe('time_limit');
  }, 600_000);
});
