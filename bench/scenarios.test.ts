// The generator is seeded (same spec, same scenario) and its hard scenarios carry the features
// the head-to-head relies on: budgets and a penalty, unservable workloads, late options.
import { describe, expect, it } from 'vitest';
import { candidatesFor } from '../core/sizing.ts';
import { generateScenario, HORIZON, pooledNeeds, type Estimate } from './scenarios.ts';

describe('generateScenario', () => {
  it('is deterministic for a spec and differs between seeds', () => {
    const a = generateScenario({ n: 50, kind: 'hard', periods: 1 });
    expect(JSON.stringify(generateScenario({ n: 50, kind: 'hard', periods: 1 }))).toBe(JSON.stringify(a));
    expect(JSON.stringify(generateScenario({ n: 50, kind: 'hard', periods: 1, seed: 5 }).input.workloads)).not.toBe(JSON.stringify(a.input.workloads));
  });

  it('hard: budgets, a penalty, a few unservable workloads, an option arriving after the start', () => {
    const { input } = generateScenario({ n: 200, kind: 'hard', periods: 1 });
    const s = input.settings;
    expect(s.capex_budget_usd).toBeGreaterThan(0);
    expect(s.total_budget_usd).toBeGreaterThan(0);
    expect(s.unserved_penalty_usd_per_month).toBeGreaterThan(0);
    const none = candidatesFor(input).filter((c) => c.candidates.length === 0);
    expect(none.length).toBeGreaterThanOrEqual(2);
    expect(none.length).toBeLessThanOrEqual(5);
    expect(input.catalog.options.some((o) => o.available_from != null && o.available_from > s.start_month)).toBe(true);
    expect(new Set(input.workloads.flatMap((w) => w.model.split('|'))).size).toBeGreaterThanOrEqual(5);
  });

  it('periods: any divisor of the horizon sets the purchase interval; another count is refused', () => {
    const v2 = { periods: true, replicas: true, modelLists: true };
    expect(generateScenario({ n: 20, kind: 'hard', periods: 6 }, v2).input.settings.purchase_interval_months).toBe(HORIZON / 6);
    expect(generateScenario({ n: 20, kind: 'roomy', periods: 1 }, v2).input.settings.purchase_interval_months).toBe(HORIZON);
    expect(() => generateScenario({ n: 20, kind: 'hard', periods: 5 }, v2)).toThrow(/divide the 36-month horizon/);
  });

  it('roomy: no budget, no penalty, every workload has a candidate', () => {
    const roomy = generateScenario({ n: 200, kind: 'roomy', periods: 1 }).input;
    expect(roomy.settings.capex_budget_usd).toBeNull();
    expect(roomy.settings.total_budget_usd).toBeNull();
    expect(roomy.settings.unserved_penalty_usd_per_month).toBeNull();
    expect(candidatesFor(roomy).every((c) => c.candidates.length > 0)).toBe(true);
  });
});

describe('pooledNeeds', () => {
  const onPool = (key: string, units: number, R: number): Estimate => ({
    monthly: units * 1000, kw: units * 10, capex: units * 50_000, onpremOnly: true, alone: 1000,
    pool: { key, units, R, monthlyPerUnit: 1000, kwPerUnit: 10, pricePerUnit: 50_000 },
  });

  it('rounds each pool of systems up to whole replicas, once per pool, and adds the other ways as they are', () => {
    // pool a: 0.3 + 0.5 units in replicas of 2 → one replica, 2 units; pool b: 2.2 units of 1 → 3 units; an API at $700/month
    const api: Estimate = { monthly: 700, kw: 0, capex: 0, onpremOnly: false, alone: 700, pool: null };
    const need = pooledNeeds([onPool('a', 0.3, 2), onPool('b', 2.2, 1), onPool('a', 0.5, 2), api]);
    expect(need.kw).toBeCloseTo((2 + 3) * 10, 9);
    expect(need.capex).toBeCloseTo((2 + 3) * 50_000, 6);
    expect(need.monthly).toBeCloseTo((2 + 3) * 1000 + 700, 6);
  });
});
