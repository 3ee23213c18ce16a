import { describe, expect, it } from 'vitest';
import type { PlanHistoryEntry } from '../../../core/api.ts';
import { cheaperEarlierPlan } from './plan-history.ts';

const entry = (id: number, objective: number | null, over: Partial<PlanHistoryEntry> = {}): PlanHistoryEntry => ({
  id,
  solvedAt: `2026-12-06T05:${String(id).padStart(2, '0')}:00Z`,
  status: 'time_limit',
  objectiveUsd: objective,
  horizonCostUsd: objective,
  stoppedBy: null,
  stale: false,
  ...over,
});

describe('cheaperEarlierPlan', () => {
  it('offers the cheapest earlier plan of the same inputs when the latest run stopped early dearer', () => {
    const h = [entry(3, 3_421_167, { stoppedBy: 'user' }), entry(2, 3_350_000), entry(1, 3_299_540)];
    expect(cheaperEarlierPlan(h)?.id).toBe(1);
  });

  it('offers nothing when the latest is optimal, cheaper, or only a rounding dearer', () => {
    expect(cheaperEarlierPlan([entry(2, 3_421_167, { status: 'optimal' }), entry(1, 3_299_540)])).toBeNull();
    expect(cheaperEarlierPlan([entry(2, 3_299_540), entry(1, 3_421_167)])).toBeNull();
    expect(cheaperEarlierPlan([entry(2, 3_299_540.004), entry(1, 3_299_540)])).toBeNull();
  });

  it('passes over plans of other inputs and runs without a plan', () => {
    expect(cheaperEarlierPlan([entry(3, 3_421_167), entry(2, 1_000_000, { stale: true }), entry(1, null, { status: 'infeasible' })])).toBeNull();
    // the latest itself solved from older inputs: the current ones have no run to compare
    expect(cheaperEarlierPlan([entry(2, 3_421_167, { stale: true }), entry(1, 3_299_540, { stale: true })])).toBeNull();
  });
});
