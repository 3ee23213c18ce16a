// optimize-*: solves run in the injected optimizer host (a worker); a finished plan is stored
// with the hash of the inputs it was solved from, once, into the document it was started on.
import { FleetError, type SolveProgress } from '../../../core/api.ts';
import type { Backend, OptimizerLike } from '../backend.ts';
import { inputHash, planInput, storePlan } from '../repo/plans.ts';
import { getScenario } from '../repo/scenarios.ts';
import type { Handlers } from './types.ts';

export function optimizeHandlers(b: Backend) {
  const host = (): OptimizerLike => {
    if (!b.optimizer) throw new FleetError('unavailable', 'the optimizer is not available in this build');
    return b.optimizer;
  };
  const settle = (jobId: number, p: SolveProgress): SolveProgress => {
    const job = b.solveJobs.get(jobId);
    if (!job) return p;
    if ((p.state === 'done' || p.state === 'cancelled') && job.planId === undefined) {
      const result = host().result(jobId);
      // A document swapped since the start keeps its own plans: the result is dropped.
      if (result && b.hasDocument && b.doc === job.doc) {
        job.planId = storePlan(job.doc.db, { scenario: job.scenario, input: job.input, result, hash: job.hash });
      }
    }
    return job.planId !== undefined ? { ...p, planId: job.planId } : p;
  };
  const known = (jobId: number) => {
    if (!b.solveJobs.has(jobId)) throw new FleetError('not_found', `no solve job ${jobId}`, { field: 'jobId' });
  };
  return {
    'optimize-start': ({ timeLimitS }) => {
      const doc = b.doc;
      const scenario = getScenario(doc.db);
      const input = planInput(doc.db, scenario.name);
      const hash = inputHash(input);
      const jobId = host().start(input, { timeLimitS: timeLimitS ?? input.settings.time_limit_s });
      b.solveJobs.set(jobId, { doc, scenario: scenario.name, input, hash });
      // Store the plan when the job ends even if the UI stopped polling (window closed…).
      host()
        .wait?.(jobId)
        .then(
          () => settle(jobId, host().progress(jobId)),
          () => settle(jobId, host().progress(jobId)),
        )
        .catch((e: unknown) => console.error('[fleetplan] storing a finished plan failed:', e));
      return { jobId };
    },
    'optimize-progress': ({ jobId }) => {
      known(jobId);
      return settle(jobId, host().progress(jobId));
    },
    'optimize-cancel': ({ jobId }) => {
      known(jobId);
      host().cancel(jobId);
      return settle(jobId, host().progress(jobId));
    },
  } satisfies Partial<Handlers>;
}
