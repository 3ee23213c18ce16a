// plan-*: the PlanInput snapshot and the latest solved plan (with its staleness and the inputs it
// was solved from). latestCostablePlan is the one place that refuses a missing or fleet-less plan:
// the TCO and Compare views, the report and the CLI all come through it, with its messages.
import { FleetError, type LatestPlan } from '../../../core/api.ts';
import type { Backend } from '../backend.ts';
import type { Db } from '../db.ts';
import { lastFeasiblePlan, latestPlanWithInput, planHistory, planInput, planSolvedInput, planWithInput } from '../repo/plans.ts';
import { getScenario } from '../repo/scenarios.ts';
import type { Handlers } from './types.ts';

/**
 * The latest plan of a scenario (default: active) with its solved inputs, refused when there is
 * none (not_found) or it has no fleet, infeasible or stopped before any plan (infeasible).
 */
export function latestCostablePlan(db: Db, scenarioArg?: string): LatestPlan {
  const scenario = getScenario(db, scenarioArg).name;
  const stored = latestPlanWithInput(db, scenario);
  if (!stored) {
    throw new FleetError('not_found', `no solved plan for scenario ${scenario} — run fleetplan optimize first`, { field: 'scenario' });
  }
  const plan = stored.result;
  if (plan.status === 'infeasible' || plan.status === 'no_plan') {
    const why = plan.reasons?.length ? `: ${plan.reasons.join('; ')}` : '';
    const good = lastFeasiblePlan(db, scenario);
    const kept = good ? ` (the last feasible plan, solved ${good.solvedAt}, is kept in the plan history)` : '';
    throw new FleetError('infeasible', `the latest plan of scenario ${scenario} is ${plan.status}${why} — no fleet to cost${kept}`);
  }
  return stored;
}

export function planHandlers(b: Backend) {
  return {
    'plan-input': ({ scenario }) => planInput(b.db, scenario),
    'plan-latest': ({ scenario, costable }) => (costable ? latestCostablePlan(b.db, scenario) : latestPlanWithInput(b.db, scenario)),
    'plan-history': ({ scenario }) => planHistory(b.db, scenario),
    'plan-solved-input': ({ planId }) => planSolvedInput(b.db, planId),
    'plan-get': ({ planId }) => planWithInput(b.db, planId),
  } satisfies Partial<Handlers>;
}
