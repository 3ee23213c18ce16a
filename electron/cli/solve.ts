// Solving through the API for the verbs that solve (optimize, report --solve): start the job, cancel
// it on SIGINT/SIGTERM, wait for it, and hand back the stored plan with the inputs it was solved from.
import { FleetError, type LatestPlan, type SolveStarted } from '../../core/api.ts';
import type { Call } from './api-client.ts';
import type { CommandContext } from './command.ts';

export type Solved = { started: SolveStarted; plan: LatestPlan };

/** What a solve works on, for the verbs' first line: "1 workload, 2 sites". */
export function solvingWhat(s: SolveStarted): string {
  return `${s.workloads} workload${s.workloads === 1 ? '' : 's'}, ${s.sites} site${s.sites === 1 ? '' : 's'}, time limit ${s.timeLimitS} s`;
}

/**
 * `onStart` hears what is being solved before the wait. A solve that ends without a stored plan
 * (it failed, or was stopped before it began) throws its error.
 */
export async function solveAndWait(
  call: Call,
  ctx: CommandContext,
  args: { scenario?: string; timeLimitS?: number; workers?: number },
  onStart: (started: SolveStarted) => void,
): Promise<Solved> {
  const started = await call('optimize-start', {
    ...(args.scenario !== undefined ? { scenario: args.scenario } : {}),
    ...(args.timeLimitS !== undefined ? { timeLimitS: args.timeLimitS } : {}),
    ...(args.workers !== undefined ? { workers: args.workers } : {}),
  });
  const onAbort = () => void call('optimize-cancel', { jobId: started.jobId }).catch(() => {});
  ctx.signal.addEventListener('abort', onAbort, { once: true });
  let ended;
  try {
    onStart(started);
    ended = await call('optimize-wait', { jobId: started.jobId });
  } finally {
    ctx.signal.removeEventListener('abort', onAbort);
  }
  if (!ended.plan) {
    const p = ended.progress;
    throw new FleetError(p.error?.code ?? 'internal', p.error?.message ?? `the solve of scenario ${started.scenario} ended without a plan (${p.message})`);
  }
  return { started, plan: ended.plan };
}
