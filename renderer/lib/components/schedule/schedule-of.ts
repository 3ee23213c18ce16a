// The procurement schedule of a plan for the views (Results, Compare): core/schedule's one
// view-model over the plan's own inputs, or the reason there is none. Never throws: a plan that
// names something its inputs lack is reported as a message, not a blank view.
import { buildSchedule, type Schedule, type ShownGroupTotals } from '../../../../core/schedule/schedule.ts';
import { scheduleGroupTotals } from '../../../../core/schedule/figures.ts';
import { computeTco, type TcoReport } from '../../../../core/tco/engine.ts';
import { isPlan, type PlanAnswer, type PlanInput, type PlanResult } from '../../../../core/types.ts';

/**
 * groupTotals: the whole dollars each period's items of a cost line add up to (core/schedule/figures),
 * the same rounding as the plan-year table's and the PDF's, for scheduleShown
 */
export type ScheduleState = { schedule: Schedule; groupTotals: ShownGroupTotals; error: null } | { schedule: null; error: string };

/** A plan with a fleet to schedule: solved (optimal or stopped by the time limit) and serving some workload. */
export function schedulable(plan: PlanAnswer | null | undefined): plan is PlanResult {
  return plan != null && isPlan(plan) && plan.assignments.length > 0;
}

/** The schedule of `plan` solved from `input`; `tco` when the caller already holds computeTco(input, plan). */
export function scheduleOf(input: PlanInput, plan: PlanResult, tco?: TcoReport): ScheduleState {
  try {
    const report = tco ?? computeTco(input, plan);
    const schedule = buildSchedule(input, plan, report);
    return { schedule, groupTotals: scheduleGroupTotals(report, schedule, input.settings), error: null };
  } catch (err) {
    return { schedule: null, error: err instanceof Error ? err.message : String(err) };
  }
}
