// Messages between OptimizerHost and the optimizer worker (optimizer-worker-loop.ts): discriminated unions with a sequence
// number. A running solve blocks the worker, so cancel goes through a shared Int32Array flag
// passed with `run`; the `cancel` message only matters for a job the worker has not started.
// Portfolio members exchange incumbents among themselves on a BroadcastChannel (SharedIncumbent),
// read synchronously between stages: a blocked worker cannot take messages from the host.
import type { SolutionV2 } from '../../core/optimizer/v2/extract.ts';
import { MAX_WORKERS } from '../../core/optimizer/v2/portfolio.ts';
import type { PlanInput, PlanResult } from '../../core/types.ts';

/**
 * The shared cancel buffer of a job (`run`'s `cancel`): [0] the stop flag, [deafSlot(member)] 1
 * while that member runs a stretch that does not look at the flag (solve.ts onDeaf: the LP stage's
 * large LPs), which the host then ends from outside on a cancel, keeping the last interim plan.
 */
export const CANCEL_BYTES = 4 * (1 + MAX_WORKERS);
export const deafSlot = (member: number): number => 1 + member;

export type ToWorker =
  | {
      type: 'run'; seq: number; jobId: number; input: PlanInput; timeLimitS: number; cancel: SharedArrayBuffer;
      /** check which limits bind by re-solving without them (default true) */
      checkBinding?: boolean;
      /** one member of a portfolio: its place, and the BroadcastChannel the members share plans on */
      portfolio?: { index: number; size: number; channel: string };
    }
  /** the binding check alone, on the plan a portfolio chose (posts checking/step, then result) */
  | { type: 'check'; seq: number; jobId: number; input: PlanInput; result: PlanResult; timeLimitS: number; cancel: SharedArrayBuffer }
  | { type: 'cancel'; seq: number; jobId: number }
  /**
   * throw-away solves for at most budgetMs before the first job (optimizer-warmup.ts), as member
   * `index` of the next job; they stop once `stop` is raised (the host does when a job comes)
   */
  | { type: 'warm'; seq: number; stop: SharedArrayBuffer; budgetMs: number; index: number };

/** What portfolio members broadcast: a plan that meets every row, with its objective. */
export type SharedIncumbent = { from: number; objective: number; solution: SolutionV2 };

export type FromWorker =
  | { type: 'ready'; seq: number }
  /** the warm-up ended (its time is up, it was stopped, or it failed: `error`); it belongs to no job */
  | { type: 'warmed'; seq: number; ms: number; solves: number; stopped: boolean; error?: string }
  /** a member has HiGHS loaded and starts to solve: the job's time limit counts from here */
  | { type: 'started'; seq: number; jobId: number }
  | { type: 'progress'; seq: number; jobId: number; elapsedMs: number; incumbentUsd: number | null; boundUsd: number | null; gap: number | null }
  /** no plan meets every limit: the member re-solves with limits lifted to find which are to blame, until its deadline at most */
  | { type: 'explaining'; seq: number; jobId: number }
  /** the best plan so far, sent before a solver phase that may not stop in time */
  | { type: 'interim'; seq: number; jobId: number; result: PlanResult }
  /** the plan is found; the binding-limit re-solves run for at most budgetMs */
  | { type: 'checking'; seq: number; jobId: number; result: PlanResult; budgetMs: number }
  | { type: 'step'; seq: number; jobId: number; message: string }
  /** checkHalted: a binding check the user's Cancel cut short (its note says so) */
  | { type: 'result'; seq: number; jobId: number; result: PlanResult; checkHalted?: boolean }
  | { type: 'error'; seq: number; jobId: number; message: string };
