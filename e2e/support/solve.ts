// Solve the active scenario of a test's plan document through the API (as the UI does) and
// return the stored plan, for specs that check how a plan is shown rather than how it is started.
import type { PlanResult } from '../../core/types.ts';
import type { PlanServer } from './plan-server.ts';

export async function solveViaApi(plan: PlanServer): Promise<PlanResult> {
  const { jobId } = await plan.api('optimize-start', {});
  for (let i = 0; i < 600; i++) {
    const p = await plan.api('optimize-progress', { jobId });
    if (p.state === 'failed') throw new Error(`solve failed: ${p.error?.message ?? p.message}`);
    if (p.state !== 'running' && p.planId !== undefined) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const latest = await plan.api('plan-latest', {});
  if (!latest) throw new Error('no plan stored after the solve');
  return latest.result;
}
