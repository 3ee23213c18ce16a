// The portfolio's pure parts and its hooks in the solve: merging members' plans (cheapest plan,
// greatest bound), sharing plans (onIncumbent: better and better, each meeting every row) and
// adopting another member's plan (pollIncumbent) between stages and in the improvement search.
import loadHighs, { type Highs } from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PlanInput, PlanResult } from '../../types.ts';
import { checkPlan } from '../check-plan.test-helper.ts';
import { twoSystemInput } from '../fixtures.test-helper.ts';
import { columnsOfV2, objectiveOfV2, type SolutionV2 } from './extract.ts';
import { improveV2 } from './lns.ts';
import { buildModelV2 } from './model.ts';
import { defaultWorkers, mergePortfolio, portfolioMember } from './portfolio.ts';
import { penaltyReason } from '../explain.ts';
import { meetsModel, solvePlanV2, standaloneStart } from './solve.ts';

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

function plan(status: PlanResult['status'], objective: number | null, bound: number | null, extra: Partial<PlanResult> = {}): PlanResult {
  return {
    status, objective_usd: objective, bound_usd: bound, gap: null, solve_ms: 1, periods: [], assignments: [], purchases: [], pools: [],
    cloud: [], edge: [], unserved: [], sites: [], totals: { capex_usd: 0, horizon_cost_usd: objective ?? 0 }, ...extra,
  };
}

describe('mergePortfolio', () => {
  it('keeps the cheapest plan with the greatest bound any member proved, capped at the plan', () => {
    const m = mergePortfolio([plan('time_limit', 120, 90, { reasons: ['a'] }), plan('time_limit', 100, null, { reasons: ['b'] }), undefined], [95, null])!;
    expect(m.objective_usd).toBe(100);
    expect(m.reasons).toEqual(['b']);
    expect(m.bound_usd).toBe(95);
    expect(m.gap).toBeCloseTo(0.05, 12);
    expect(m.status).toBe('time_limit');
    expect(m.stats).toMatchObject({ portfolio_workers: 3, portfolio_answered: 2, portfolio_winner: 1, portfolio_member0_usd: 120, portfolio_member1_usd: 100 });
    // another member's bound proves the cheapest plan optimal
    const closed = mergePortfolio([plan('time_limit', 100, null, { stopped_by: 'time_limit' }), plan('time_limit', 130, 100)])!;
    expect(closed).toMatchObject({ status: 'optimal', objective_usd: 100, bound_usd: 100, gap: 0 });
    expect(closed.stopped_by).toBeUndefined();
    // the cheapest plan's unserved pairs, unproven when it was made, now read as proven
    const left = { unserved: [{ workload: 'w', period: 0, reason: penaltyReason(false) }, { workload: 'v', period: 0, reason: 'no option serves it' }] };
    expect(mergePortfolio([plan('time_limit', 100, null, left), plan('time_limit', 130, 100)])!.unserved.map((u) => u.reason)).toEqual([penaltyReason(true), 'no option serves it']);
    expect(mergePortfolio([plan('time_limit', 100, null, left), plan('time_limit', 130, 90)])!.unserved.map((u) => u.reason)).toEqual([penaltyReason(false), 'no option serves it']);
    expect(mergePortfolio([plan('optimal', 100, 101)])!.bound_usd).toBe(100);
  });

  it('without a plan: an infeasibility proof, else the first answer; nothing when no member answered', () => {
    expect(mergePortfolio([plan('no_plan', null, null), plan('infeasible', null, null, { reasons: ['why'] })])!.reasons).toEqual(['why']);
    expect(mergePortfolio([plan('infeasible', null, null, { reasons: [] }), plan('infeasible', null, null, { reasons: ['why'] })])!.reasons).toEqual(['why']);
    expect(mergePortfolio([undefined, plan('no_plan', null, null)])!.status).toBe('no_plan');
    expect(mergePortfolio([undefined, undefined])).toBeNull();
  });

  it('members differ in seed; the first runs every stage, the second the search alone; default workers: cores less one', () => {
    const ms = [0, 1, 2, 3].map(portfolioMember);
    expect(new Set(ms.map((x) => x.seed)).size).toBe(4);
    expect(ms.map((x) => x.strategy)).toEqual(['full', 'primal', 'full', 'primal']);
    expect([1, 2, 3, 8, 64].map(defaultWorkers)).toEqual([1, 1, 2, 7, 16]);
  });
});

const input = twoSystemInput;

describe('portfolio hooks of the solve', () => {
  it('shares better and better plans that meet every row; a member adopts a cheaper plan found elsewhere', () => {
    const inp = input(24);
    const m = buildModelV2(inp, { cuts: false });
    const shared: { s: SolutionV2; o: number }[] = [];
    const full = solvePlanV2(highs, inp, { timeLimitS: 30, explain: false, onIncumbent: (s, o) => shared.push({ s, o }) });
    expect(checkPlan(inp, full)).toEqual([]);
    expect(shared.length).toBeGreaterThan(0);
    for (let i = 0; i < shared.length; i++) {
      expect(meetsModel(m, shared[i]!.s)).toBe(true);
      expect(objectiveOfV2(m, columnsOfV2(m, shared[i]!.s))).toBeCloseTo(shared[i]!.o, 6);
      if (i > 0) expect(shared[i]!.o).toBeLessThan(shared[i - 1]!.o);
    }
    const best = shared.at(-1)!;
    const start = objectiveOfV2(m, columnsOfV2(m, standaloneStart(m)));
    expect(best.o).toBeLessThan(start); // else adopting would prove nothing below

    // stopped before any stage of its own: a member returns the plan it adopted, not its own start
    const stopped = () => new Int32Array(new SharedArrayBuffer(4)).fill(1);
    let polls = 0;
    const adopted = solvePlanV2(highs, inp, { timeLimitS: 30, explain: false, strategy: 'primal', seed: 5, cancelFlag: stopped(), pollIncumbent: () => (polls++ === 0 ? best.s : null) });
    expect(polls).toBeGreaterThan(0);
    expect(adopted.objective_usd!).toBeCloseTo(full.objective_usd!, 4);
    expect(checkPlan(inp, adopted)).toEqual([]);
    const alone = solvePlanV2(highs, inp, { timeLimitS: 30, explain: false, strategy: 'primal', seed: 5, cancelFlag: stopped() });
    expect(alone.objective_usd!).toBeGreaterThan(adopted.objective_usd! * (1 + 1e-9));

    // the improvement search starts its next neighbourhood from the cheaper plan
    const improved = improveV2(highs, m, standaloneStart(m), { deadline: performance.now() + 120_000, seed: 3, maxRounds: 1, pollIncumbent: () => best.s });
    expect(meetsModel(m, improved)).toBe(true);
    expect(objectiveOfV2(m, columnsOfV2(m, improved))).toBeLessThanOrEqual(best.o * (1 + 1e-12));
  });
});
