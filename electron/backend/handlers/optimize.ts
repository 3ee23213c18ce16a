// optimize-*, lp-export: solves run in the injected optimizer host (a worker); a finished plan is
// stored with the hash of the inputs it was solved from, once, into the document it was started on.
// A finished job keeps only its final progress here (the host forgets it), and only the latest
// MAX_FINISHED_SOLVES of those: a long session does not grow.
import { FleetError, type ApiError, type SolveProgress } from '../../../core/api.ts';
import { exportFileName } from '../../../core/names.ts';
import type { Backend, OptimizerLike, SolveJob } from '../backend.ts';
import { exactLpOf } from '../lp-export.ts';
import { inputHash, planInput, planWithInput, storePlan } from '../repo/plans.ts';
import { getScenario, scenarioNameById } from '../repo/scenarios.ts';
import { isWritable } from '../db.ts';
import type { OpenDoc } from '../document.ts';
import type { Handlers } from './types.ts';

export const MAX_FINISHED_SOLVES = 32;
/** optimize-wait polls a host that cannot say when a job ends at this interval (ms) */
const WAIT_POLL_MS = 100;
/** why a finished solve stored no plan: the scenario it solved (named as when it began) is gone */
const scenarioDeleted = (name: string): ApiError => ({
  code: 'not_found',
  message: `scenario "${name}" was deleted during the solve: its plan was not stored`,
  details: { field: 'scenario' },
});

function assertWritable(doc: OpenDoc): void {
  if (doc.db.readonly || !isWritable(doc.path)) {
    throw new FleetError('unavailable', `cannot write ${doc.path}: read-only (a plan could not be stored); nothing was solved`, { reason: 'read_only' });
  }
}

export function optimizeHandlers(b: Backend) {
  const host = (): OptimizerLike => {
    if (!b.optimizer) throw new FleetError('unavailable', 'the optimizer is not available in this build');
    return b.optimizer;
  };
  const settle = (jobId: number, p: SolveProgress): SolveProgress => {
    const job = b.solveJobs.get(jobId);
    if (!job) return p;
    let dropped: ApiError | undefined;
    if ((p.state === 'done' || p.state === 'cancelled') && job.planId === undefined && job.input) {
      const result = host().result(jobId);
      // A document swapped since the start keeps its own plans: the result is dropped.
      if (result && b.hasDocument && b.doc === job.doc) {
        // by id: a scenario renamed (or two swapped) during the solve keeps its plan; a deleted one drops it
        // (the check and the store in one transaction, IMMEDIATE as every one here: another process's delete cannot fall between them)
        const input = job.input;
        const stored = job.doc.db.transaction(() =>
          scenarioNameById(job.doc.db, job.scenarioId) === undefined ? undefined : storePlan(job.doc.db, { scenarioId: job.scenarioId, input, result, hash: job.hash }))();
        if (stored === undefined) dropped = scenarioDeleted(job.scenarioName);
        else job.planId = stored;
      }
    }
    const out = job.planId !== undefined ? { ...p, planId: job.planId } : dropped ? { ...p, error: dropped } : p;
    if (p.state !== 'running') finalise(jobId, job, out);
    return out;
  };
  /** The job is over and its plan stored: keep its last progress, let the host forget it. */
  const finalise = (jobId: number, job: SolveJob, final: SolveProgress): void => {
    job.final = final;
    job.input = null;
    b.optimizer?.forget?.(jobId);
    let finished = 0;
    for (const j of b.solveJobs.values()) if (j.final) finished++;
    for (const [id, j] of b.solveJobs) {
      if (finished <= MAX_FINISHED_SOLVES) break;
      if (j.final && id !== jobId) {
        b.solveJobs.delete(id);
        finished--;
      }
    }
  };
  const progress = (jobId: number): SolveProgress => b.solveJobs.get(jobId)?.final ?? settle(jobId, host().progress(jobId));
  const known = (jobId: number) => {
    if (!b.solveJobs.has(jobId)) throw new FleetError('not_found', `no solve job ${jobId}`, { field: 'jobId' });
  };
  /** Resolves with the job's final progress (its plan stored by then). */
  const ended = async (jobId: number): Promise<SolveProgress> => {
    const h = host();
    if (h.wait) await h.wait(jobId).catch(() => {});
    for (;;) {
      const p = progress(jobId);
      if (p.state !== 'running') return p;
      await new Promise((resolve) => setTimeout(resolve, WAIT_POLL_MS));
    }
  };
  return {
    'optimize-start': ({ timeLimitS, scenario: scenarioArg, workers }) => {
      const doc = b.doc;
      // checked before the solve, not after it: a plan that cannot be stored is not worth minutes
      assertWritable(doc);
      const scenario = getScenario(doc.db, scenarioArg);
      const input = planInput(doc.db, scenario.name);
      const hash = inputHash(input);
      const limit = timeLimitS ?? input.settings.time_limit_s;
      const jobId = host().start(input, { timeLimitS: limit, ...(workers != null ? { workers } : {}) });
      b.solveJobs.set(jobId, { doc, scenarioId: scenario.id, scenarioName: scenario.name, input, hash });
      // Store the plan when the job ends even if the UI stopped polling (window closed…).
      host()
        .wait?.(jobId)
        .then(
          () => progress(jobId),
          () => progress(jobId),
        )
        .catch((e: unknown) => console.error('[fleetplan] storing a finished plan failed:', e));
      return { jobId, scenario: scenario.name, scenarioId: scenario.id, workloads: input.workloads.length, sites: input.sites.length, timeLimitS: limit };
    },
    'optimize-progress': ({ jobId }) => {
      known(jobId);
      return progress(jobId);
    },
    'optimize-wait': async ({ jobId }) => {
      known(jobId);
      const job = b.solveJobs.get(jobId)!;
      const final = await ended(jobId);
      const plan = final.planId !== undefined && b.hasDocument && b.doc === job.doc ? planWithInput(job.doc.db, final.planId) : null;
      return { progress: final, plan };
    },
    'optimize-cancel': ({ jobId }) => {
      known(jobId);
      const final = b.solveJobs.get(jobId)?.final;
      if (final) return final;
      host().cancel(jobId);
      return progress(jobId);
    },
    'lp-export': ({ scenario: scenarioArg }) => {
      const scenario = getScenario(b.db, scenarioArg).name;
      const lp = exactLpOf(planInput(b.db, scenario), scenario);
      return { fileName: exportFileName(b.doc.path, scenario, '.lp'), ...lp };
    },
  } satisfies Partial<Handlers>;
}
