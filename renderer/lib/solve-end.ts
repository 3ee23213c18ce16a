// How the last solve ended, in the two places that say it: Results (a sentence under the
// progress) and the end-of-solve toast shown in another view ("Solve of “Base” …"). One record of
// why it gave no plan, worded here for both: kept as two strings written in pairs, one could be
// set without the other.
import { formatMoney, planStatusText } from '../../core/format.ts';
import type { PlanAnswer } from '../../core/types.ts';

/** Why a solve gave no plan: it failed (worker crash, unavailable optimizer), or it ended but its plan was not stored (its scenario deleted meanwhile). */
export type SolveFailure = { kind: 'failed' | 'not-stored'; reason: string };

/**
 * How a solve ended, told of the solve itself: its scenario, named by its id once it ended (a
 * rename meanwhile is followed; a deleted one keeps its name from the start), and the plan it
 * stored or why it stored none. Taken from the active scenario's newest plan, the end of a failed
 * solve read as a success with the plan from before it, and a solve of "Base" ended with the
 * figures of the scenario made active meanwhile.
 */
export type SolveEnd = { scenario: string; plan: PlanAnswer | null; failure: SolveFailure | null };

/** Results' sentence: "Optimization failed: …" or "The solve ended, but ….". */
export function failureSentence(f: SolveFailure): string {
  return f.kind === 'failed' ? `Optimization failed: ${f.reason}` : `The solve ended, but ${f.reason}.`;
}

/** The end-of-solve toast: its text, and whether it reads as a success (a plan with a fleet) or not. */
export function solveEndToast(end: SolveEnd): { text: string; kind: 'success' | 'error' } {
  const of = `Solve of “${end.scenario}”`;
  const f = end.failure;
  if (f) return { text: f.kind === 'failed' ? `${of} failed: ${f.reason}` : `${of} ended, but ${f.reason}`, kind: 'error' };
  const plan = end.plan;
  if (!plan) return { text: `${of} ended with no plan stored`, kind: 'error' };
  const cost = plan.totals ? `, horizon cost ${formatMoney(plan.totals.horizon_cost_usd)}` : '';
  return { text: `${of} ended: ${planStatusText(plan)}${cost}`, kind: plan.totals ? 'success' : 'error' };
}
