import { describe, expect, it } from 'vitest';
import { solvedWithoutWorkloads } from './labels.ts';
import type { PlanAnswer, PlanResult } from './types.ts';

const plan = (over: Partial<PlanResult> = {}): PlanResult => ({
  status: 'optimal', objective_usd: 0, bound_usd: 0, gap: 0, solve_ms: 1, periods: [], assignments: [], purchases: [], pools: [], cloud: [], edge: [],
  unserved: [], sites: [], totals: { capex_usd: 0, horizon_cost_usd: 0 }, ...over,
});

describe('solvedWithoutWorkloads', () => {
  it('is a plan solved from no workloads, not one whose workloads all went unserved, nor a run without a plan', () => {
    expect(solvedWithoutWorkloads(plan(), { workloads: [] })).toBe(true);
    // workloads it left unserved are still workloads: Results and TCO give the reasons
    expect(solvedWithoutWorkloads(plan(), { workloads: [{}] })).toBe(false);
    const infeasible: PlanAnswer = { ...plan({ status: 'infeasible' }), totals: null };
    expect(solvedWithoutWorkloads(infeasible, { workloads: [] })).toBe(false);
    expect(solvedWithoutWorkloads(null, { workloads: [] })).toBe(false);
    expect(solvedWithoutWorkloads(plan(), null)).toBe(false);
  });
});
