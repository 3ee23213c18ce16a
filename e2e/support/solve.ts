// Solve the active scenario of a test's plan document through the API (as the UI does) and
// return the stored plan, for specs that check how a plan is shown rather than how it is started.
import type { StoredPlan } from '../../core/api.ts';
import { isPlan, type PlanResult } from '../../core/types.ts';
import type { PlanServer } from './plan-server.ts';

/** Solve, and return the run stored (its result a plan or not: infeasible, no_plan). */
export async function runViaApi(plan: PlanServer): Promise<StoredPlan> {
  const { jobId } = await plan.api('optimize-start', {});
  for (let i = 0; i < 600; i++) {
    const p = await plan.api('optimize-progress', { jobId });
    if (p.state === 'failed') throw new Error(`solve failed: ${p.error?.message ?? p.message}`);
    if (p.state !== 'running' && p.planId !== undefined) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const latest = await plan.api('plan-latest', {});
  if (!latest) throw new Error('no plan stored after the solve');
  return latest;
}

/** Solve, and return the plan: refused when the run found none. */
export async function solveViaApi(plan: PlanServer): Promise<PlanResult> {
  return planOf(await runViaApi(plan));
}

/** A stored run's plan, for specs that cost it: refused when there is none (no run, or no plan found). */
export function planOf(stored: StoredPlan | null): PlanResult {
  if (!stored) throw new Error('no run stored');
  if (!isPlan(stored.result)) throw new Error(`the stored run found no plan (${stored.result.status})`);
  return stored.result;
}
