import loadHighs, { type Highs } from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PlanInput } from '../types.ts';
import { analyzeBinding, describeBinding, relaxLimits, tightLimits, type RelaxedSolve } from './binding.ts';
import { api, makeInput, models, system } from './fixtures.test-helper.ts';
import { solvePlan } from './solve.ts';

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

const h100 = system('h100', { price_usd: 200_000 }, { m70: [{ user_tps: 30, unit_tps: 3000, ttft_ms: 300 }] });
// the API is dearer than owning: a budget that blocks a purchase pushes load onto it
const api70 = api('api70', { usd_per_m_output: 20, usd_per_m_input: 2 }, { m70: [{ user_tps: 60, ttft_ms: 400 }] });

function input(settings: Record<string, unknown> = {}, site: Record<string, unknown> = {}): PlanInput {
  return makeInput({
    catalog: { models, options: [h100, api70] },
    workloads: [
      { name: 'a', model: 'm70', avg_output_tps: 1500 },
      { name: 'b', model: 'm70', avg_output_tps: 1500 },
    ],
    sites: [{ name: 'dc1', it_power_kw: 200, racks: 10, ...site }],
    settings: { horizon_months: 24, ...settings },
  });
}
const solve: RelaxedSolve = (inp, t) => solvePlan(highs, inp, { timeLimitS: Math.max(t, 10), explain: false });

describe('binding limits: a limit binds when lifting it lowers the cost', () => {
  it('a capex cap that blocks a purchase is reported with what it costs', () => {
    const capped = input({ capex_budget_usd: 250_000 });
    const plan = solve(capped, 10)!;
    const free = solve(input(), 10)!;
    expect(plan.status).toBe('optimal');
    expect(free.objective_usd!).toBeLessThan(plan.objective_usd! - 1000);
    const a = analyzeBinding(plan, capped, solve, { budgetS: 20 });
    expect(a.binding.map((b) => b.constraint)).toEqual(['capex budget']);
    expect(a.binding[0]!.cost_usd).toBeCloseTo(plan.objective_usd! - free.objective_usd!, 0);
    expect(a.binding[0]!.estimate).toBe(false);
    expect(a.binding[0]!.detail).toMatch(/^The capex budget of \$250,000 costs \$[\d.]+[kM] over the horizon: without it the plan would cost/);
  });

  it('a budget with room to spare is set but not binding, and the note says so', () => {
    const roomy = input({ capex_budget_usd: 5_000_000, total_budget_usd: 50_000_000 });
    const plan = solve(roomy, 10)!;
    const a = analyzeBinding(plan, roomy, solve, { budgetS: 20 });
    expect(a.binding).toEqual([]);
    expect(a.note).toMatch(/would not lower the cost/);
  });

  it('site power that keeps a unit out binds; a site with headroom is not even re-solved', () => {
    const tight = input({}, { it_power_kw: 10 });
    const plan = solve(tight, 10)!;
    expect(tightLimits(plan, tight).map((l) => l.kind)).toContain('site power');
    const a = analyzeBinding(plan, tight, solve, { budgetS: 20 });
    expect(a.binding.map((b) => b.constraint)).toContain('site power');
    const roomy = input();
    expect(tightLimits(solve(roomy, 10)!, roomy)).toEqual([]);
    let calls = 0;
    const none = analyzeBinding(solve(roomy, 10)!, roomy, (i, t) => { calls++; return solve(i, t); }, { budgetS: 5 });
    expect(calls).toBe(0);
    expect(none.binding).toEqual([]);
  });

  it('relaxing lifts only the named limit', () => {
    const inp = input({ capex_budget_usd: 1, total_budget_usd: 2 }, { it_power_kw: 10, racks: 1 });
    const r = relaxLimits(inp, [{ kind: 'site racks', site: 'dc1', label: '' }]);
    expect(r.sites[0]!.racks).toBeGreaterThan(1000);
    expect(r.sites[0]!.it_power_kw).toBe(10);
    expect(r.settings.capex_budget_usd).toBe(1);
    expect(inp.sites[0]!.racks).toBe(1);
    expect(relaxLimits(inp, [{ kind: 'capex budget', label: '' }]).settings.capex_budget_usd).toBeNull();
  });

  it('a re-solve that did not reach optimality marks the figure as an estimate; a stop leaves limits unchecked', () => {
    const capped = input({ capex_budget_usd: 250_000 });
    const plan = solve(capped, 10)!;
    const rough: RelaxedSolve = (i, t) => { const r = solve(i, t); return r ? { ...r, status: 'time_limit' } : r; };
    const a = analyzeBinding(plan, capped, rough, { budgetS: 10 });
    expect(a.binding[0]!.estimate).toBe(true);
    expect(a.binding[0]!.detail).toContain('not proven optimal');
    const stopped = analyzeBinding(plan, capped, solve, { budgetS: 10, stopped: () => true });
    expect(stopped.binding).toEqual([]);
    expect(stopped.note).toMatch(/not checked/);
  });
});

describe('binding limits: how they are described', () => {
  const plan = (extra: object) => ({ status: 'optimal', objective_usd: 1, bound_usd: 1, gap: 0, solve_ms: 1, assignments: [], pools: [], unserved: [], sites: [], totals: { capex_usd: 0, horizon_cost_usd: 1 }, ...extra }) as never;
  it('a checked plan lists each binding limit with its cost, or says why none binds', () => {
    const v = describeBinding(plan({ binding: [{ constraint: 'capex budget', detail: 'The capex budget of $600,000 costs $564k over the horizon', cost_usd: 564_000 }] }));
    expect(v.items).toEqual([{ title: 'Capex budget', detail: 'The capex budget of $600,000 costs $564k over the horizon', costUsd: 564_000, estimate: false }]);
    expect(describeBinding(plan({ binding: [], binding_note: 'lifting the IT power of dc1 (40 kW) would not lower the cost' })).note)
      .toBe('None: lifting the IT power of dc1 (40 kW) would not lower the cost.');
  });
  it('a plan from before the check never claims "none" and never calls a full site binding', () => {
    const legacy = describeBinding(plan({ binding: [{ constraint: 'site power', detail: 'dc1 uses 40 of 40 kW of IT power' }] }));
    expect(legacy.checked).toBe(false);
    expect(legacy.items[0]!.title).toBe('Site power at its limit');
    expect(legacy.items[0]!.detail).toMatch(/not checked/);
    expect(describeBinding(plan({ binding: [] })).note).toMatch(/^Not checked/);
  });
});
