import { describe, expect, it } from 'vitest';
import type { PlanAnswer } from '../../core/types.ts';
import { failureSentence, solveEndToast } from './solve-end.ts';

const answer = (over: Partial<PlanAnswer>): PlanAnswer =>
  ({ status: 'optimal', objective_usd: 1, bound_usd: 1, gap: 0, solve_ms: 1, periods: [], assignments: [], purchases: [], pools: [], cloud: [], edge: [], unserved: [], sites: [], totals: { capex_usd: 0, horizon_cost_usd: 1_234_567 }, ...over }) as PlanAnswer;

describe('how a solve ended, worded from one record for Results and the toast', () => {
  it('a failed solve', () => {
    const failure = { kind: 'failed', reason: 'the solver worker stopped' } as const;
    expect(failureSentence(failure)).toBe('Optimization failed: the solver worker stopped');
    expect(solveEndToast({ scenario: 'Base', plan: null, failure })).toEqual({ text: 'Solve of “Base” failed: the solver worker stopped', kind: 'error' });
  });

  it('a solve that ended with its plan not stored', () => {
    const failure = { kind: 'not-stored', reason: 'scenario "Base" was deleted during the solve: its plan was not stored' } as const;
    expect(failureSentence(failure)).toBe('The solve ended, but scenario "Base" was deleted during the solve: its plan was not stored.');
    expect(solveEndToast({ scenario: 'Base', plan: null, failure }).text).toBe('Solve of “Base” ended, but scenario "Base" was deleted during the solve: its plan was not stored');
  });

  it('a plan, or none without a word why', () => {
    expect(solveEndToast({ scenario: 'Lean', plan: answer({}), failure: null })).toEqual({
      text: 'Solve of “Lean” ended: Optimal (proven least cost within 0.01 %), horizon cost $1,234,567',
      kind: 'success',
    });
    expect(solveEndToast({ scenario: 'Lean', plan: answer({ status: 'infeasible', totals: null }), failure: null })).toEqual({
      text: 'Solve of “Lean” ended: Infeasible: no plan meets every constraint',
      kind: 'error',
    });
    expect(solveEndToast({ scenario: 'Lean', plan: null, failure: null })).toEqual({ text: 'Solve of “Lean” ended with no plan stored', kind: 'error' });
  });
});
