// Solving through the API for the verbs that solve (optimize, report --solve): start the job, cancel
// it on SIGINT/SIGTERM, wait for it, and hand back the stored plan with the inputs it was solved from.
import { FleetError, type LatestPlan, type SolveProgress, type SolveStarted } from '../../core/api.ts';
import type { Call } from './api-client.ts';
import type { CommandContext } from './command.ts';

export type Solved = { started: SolveStarted; plan: LatestPlan };

/** What a solve works on, for the verbs' first line: "1 workload, 2 sites". */
export function solvingWhat(s: SolveStarted): string {
  return `${s.workloads} workload${s.workloads === 1 ? '' : 's'}, ${s.sites} site${s.sites === 1 ? '' : 's'}, time limit ${s.timeLimitS} s`;
}

/** How often the wait looks at the job's progress, to say when the limit check after the solve begins. */
const WATCH_MS = 200;

/**
 * The line that says a plan was found and the limits that bind are being checked, past the time
 * limit: a 10-s limit took up to 15 s (60 workloads at a 4-s limit: 6.7 s) and the CLI said
 * nothing meanwhile; Ctrl-C then keeps the plan (its limits unchecked).
 */
export function checkingWords(p: SolveProgress, started: SolveStarted): string {
  // when the plan was found on the solve's clock, as its status line says (elapsedMs has run on into the check)
  return `plan found (${((p.foundMs ?? p.elapsedMs) / 1000).toFixed(1)} s, time limit ${started.timeLimitS} s); checking which limits bind, up to ${Math.round((p.checkBudgetMs ?? 0) / 1000)} s more (Ctrl-C keeps the plan, its limits unchecked)`;
}

/**
 * `onStart` hears what is being solved before the wait; `onChecking`, once, when the plan is
 * found and the check of the limits that bind may run past the time limit. A solve that ends without a stored plan (it
 * failed, or was stopped before it began) throws its error.
 */
export async function solveAndWait(
  call: Call,
  ctx: CommandContext,
  args: { scenario?: string; timeLimitS?: number; workers?: number },
  onStart: (started: SolveStarted) => void,
  onChecking?: (words: string) => void,
): Promise<Solved> {
  const started = await call('optimize-start', {
    ...(args.scenario !== undefined ? { scenario: args.scenario } : {}),
    ...(args.timeLimitS !== undefined ? { timeLimitS: args.timeLimitS } : {}),
    ...(args.workers !== undefined ? { workers: args.workers } : {}),
  });
  const onAbort = () => void call('optimize-cancel', { jobId: started.jobId }).catch(() => {});
  ctx.signal.addEventListener('abort', onAbort, { once: true });
  let ended;
  let watch: ReturnType<typeof setTimeout> | undefined;
  let watching = onChecking != null;
  const look = () => {
    watch = setTimeout(() => {
      void call('optimize-progress', { jobId: started.jobId })
        .then((p) => {
          if (!watching) return;
          if (p.checkBudgetMs != null) {
            watching = false;
            // said when the check may end past the time limit (a check well within it is no wait to explain)
            if (p.elapsedMs + p.checkBudgetMs > started.timeLimitS * 1000) onChecking!(checkingWords(p, started));
          } else if (p.state === 'running') look();
        })
        .catch(() => undefined);
    }, WATCH_MS);
  };
  try {
    onStart(started);
    if (watching) look();
    ended = await call('optimize-wait', { jobId: started.jobId });
  } finally {
    watching = false;
    clearTimeout(watch);
    ctx.signal.removeEventListener('abort', onAbort);
  }
  if (!ended.plan) {
    const p = ended.progress;
    throw new FleetError(p.error?.code ?? 'internal', p.error?.message ?? `the solve of scenario ${started.scenario} ended without a plan (${p.message})`);
  }
  return { started, plan: ended.plan };
}
