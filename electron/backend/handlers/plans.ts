// plan-*: the PlanInput snapshot and the latest solved plan (with its staleness and the inputs it
// was solved from); plan-view, both in one read for the app's views. latestCostablePlan is the one place that refuses a missing or fleet-less plan:
// the TCO and Compare views, the report and the CLI all come through it, with its messages.
import { FleetError, type CostablePlan, type PlanView, type StoredPlan } from '../../../core/api.ts';
import { formatDateTimeUtc } from '../../../core/format.ts';
import { reasonsInOneLine } from '../../../core/optimizer/explain.ts';
import { isPlan, type PlanInput } from '../../../core/types.ts';
import type { Backend } from '../backend.ts';
import type { Db } from '../db.ts';
import { lastFeasiblePlan, latestPlan, latestPlanWithInput, planHistory, planInput, planSolvedInput, planWithInput } from '../repo/plans.ts';
import { getScenario } from '../repo/scenarios.ts';
import type { Handlers } from './types.ts';

/**
 * The latest plan of a scenario (default: active) with its solved inputs, refused when there is
 * none (not_found) or it has no fleet, infeasible or stopped before any plan (infeasible).
 */
export function latestCostablePlan(db: Db, scenarioArg?: string, planId?: number): CostablePlan {
  const scenario = getScenario(db, scenarioArg).name;
  if (planId !== undefined) return costablePlanById(db, scenario, planId);
  const stored = latestPlanWithInput(db, scenario);
  if (!stored) {
    throw new FleetError('not_found', `no solved plan for scenario ${scenario} — run fleetplan optimize first`, { field: 'scenario' });
  }
  const plan = stored.result;
  if (!isPlan(plan)) {
    const why = plan.reasons?.length ? `: ${reasonsInOneLine(plan.reasons)}` : '';
    const good = lastFeasiblePlan(db, scenario);
    // when, as the CLI, the PDF cover and the app write it ('7 Dec 2026, 20:30 UTC', not the stored ISO text)
    const kept = good ? ` (the last feasible plan, solved ${formatDateTimeUtc(good.solvedAt)}, is kept in the plan history)` : '';
    throw new FleetError('infeasible', `the latest plan of scenario ${scenario} is ${plan.status}${why} — no fleet to cost${kept}`);
  }
  return { ...stored, result: plan };
}

/**
 * A stored plan of the scenario picked by id (the one Results shows: an earlier run, or the last
 * feasible plan kept after an infeasible re-run), refused when it is not one of the scenario's or
 * has no fleet.
 */
function costablePlanById(db: Db, scenario: string, planId: number): CostablePlan {
  const stored = planWithInput(db, planId);
  if (!stored || stored.scenario !== scenario) {
    throw new FleetError('not_found', `scenario ${scenario} has no stored plan #${planId}`, { field: 'planId' });
  }
  const plan = stored.result;
  if (!isPlan(plan)) throw new FleetError('infeasible', `plan #${planId} of scenario ${scenario} is ${plan.status} — no fleet to cost`);
  return { ...stored, result: plan };
}

/**
 * The active scenario's inputs and its latest plan (or the stored plan planId), in one read: the
 * plan's solved inputs come along only when the plan is stale or of another scenario (a fresh
 * plan of the active scenario was solved from exactly `input`: equal hashes).
 */
export function planView(db: Db, planId?: number): PlanView {
  return db.transaction((): PlanView => {
    const input = planInput(db);
    let plan: StoredPlan | null = null;
    let solved: PlanInput | null = null;
    if (planId === undefined) plan = latestPlan(db);
    else {
      const found = planWithInput(db, planId);
      if (found) ({ input: solved, ...plan } = found);
    }
    if (!plan) return { input, plan: null, solvedInput: null };
    const same = !plan.stale && plan.scenario === getScenario(db).name;
    // a plan stored before inputs were kept was solved from its scenario's current ones
    return { input, plan, solvedInput: same ? null : (solved ?? planSolvedInput(db, plan.id) ?? planInput(db, plan.scenario)) };
  })();
}

export function planHandlers(b: Backend) {
  return {
    'plan-input': ({ scenario }) => planInput(b.db, scenario),
    'plan-latest': ({ scenario, costable }) => (costable ? latestCostablePlan(b.db, scenario) : latestPlanWithInput(b.db, scenario)),
    'plan-history': ({ scenario }) => planHistory(b.db, scenario),
    'plan-solved-input': ({ planId }) => planSolvedInput(b.db, planId),
    'plan-get': ({ planId }) => planWithInput(b.db, planId),
    'plan-view': ({ planId }) => planView(b.db, planId),
  } satisfies Partial<Handlers>;
}
