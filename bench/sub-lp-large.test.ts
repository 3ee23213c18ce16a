// The single-purchase decomposition's subs above 2,000 columns take their own LP cut rounds
// (decompose.ts SUB_LP_MAX_COLS) and their bound stays valid: bench/optimizer.ts's generator with
// 300 workloads, whose llama-3.1-8b and llama-3.3-70b subs have 2,037 and 2,616 columns. Each sub's
// bound (and its LP rounds' bound) stays at or under the cost of a plan of that sub (its best plan in
// the decomposition, which starts from the solve's plan), so at or under its optimum.
import loadHighs, { type Highs } from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { componentsV2, decomposeV2, SUB_LP_MAX_COLS } from '../core/optimizer/v2/decompose.ts';
import { solutionOfPlan } from '../core/optimizer/v2/extract.ts';
import { buildModelV2, cutPoolV2 } from '../core/optimizer/v2/model.ts';
import { lpWithCutsV2 } from '../core/optimizer/v2/relax.ts';
import { solvePlanV2 } from '../core/optimizer/v2/solve.ts';
import { generateScenario } from './optimizer.ts';

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

describe('a single purchase\'s subs above 2,000 columns (300 workloads)', () => {
  it('take their LP\'s cut rounds, and no sub\'s bound passes the cost of its plan', () => {
    const input = generateScenario(300, 307);
    const plan = solvePlanV2(highs, input, { timeLimitS: 3, explain: false });
    expect(plan.objective_usd).not.toBeNull();
    const m = buildModelV2(input, { cuts: false });
    expect(m.periods.length).toBe(1);
    const lp = lpWithCutsV2(highs, m, cutPoolV2(m), { deadline: performance.now() + 120_000 });
    const comps = componentsV2(m);
    const warm = solutionOfPlan(m, plan);
    // as the solve runs them on a single purchase (solve.ts decOpts), with ample time (its subs' LP rounds take
    // 30 % of each first run: 30 s leaves them room on a loaded machine; the test asserts no time)
    const dec = decomposeV2(highs, m, { deadline: performance.now() + 30_000, rowDual: lp.rowDual, warm, comps, rows: lp.subRows, subLp: true });
    expect(dec.priced).toBe(0);
    let large = 0;
    dec.log.forEach((l) => {
      const tol = 1e-6 * Math.max(1, Math.abs(l.objective));
      expect(Number.isFinite(l.objective)).toBe(true);
      expect(l.bound).toBeLessThanOrEqual(l.objective + tol);
      if (l.cols <= SUB_LP_MAX_COLS) {
        expect(Number.isFinite(l.lp)).toBe(true);
        expect(l.lp).toBeLessThanOrEqual(l.objective + tol);
        expect(l.bound).toBeGreaterThanOrEqual(l.lp);
      }
      if (l.cols > 2000 && l.cols <= SUB_LP_MAX_COLS) large++;
    });
    // the case has subs the rounds newly reach: the test is not vacuous
    expect(large).toBeGreaterThanOrEqual(2);
    expect(dec.bound!).toBeLessThanOrEqual(plan.objective_usd! + 1e-6 * plan.objective_usd!);
  }, 120_000);
});
