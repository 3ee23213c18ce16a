// plan-*: the PlanInput snapshot and the latest solved plan (with its staleness).
import type { Backend } from '../backend.ts';
import { latestPlan, planInput, planSolvedInput } from '../repo/plans.ts';
import type { Handlers } from './types.ts';

export function planHandlers(b: Backend) {
  return {
    'plan-input': ({ scenario }) => planInput(b.db, scenario),
    'plan-latest': ({ scenario }) => latestPlan(b.db, scenario),
    'plan-solved-input': ({ planId }) => planSolvedInput(b.db, planId),
  } satisfies Partial<Handlers>;
}
