// Runs optimizer jobs in a worker_threads worker, one at a time in FIFO order, and tracks their
// progress. Cancel flips a shared flag the solver polls (best plan so far comes back). A worker
// that crashes or runs out of memory fails its job and is replaced; the host keeps working.
// Hard stop: HiGHS cannot always be interrupted (presolve, a huge root LP), so a job still running
// 1 s after a cancel, or well past its time limit, ends with the last interim plan the worker
// sent, and its worker is replaced. Memory stays bounded in a long session: a finished job drops
// its input at once, is forgotten when its reader says so (forget), and at most
// MAX_FINISHED_JOBS finished jobs are kept for readers that never do (oldest dropped first).
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { ApiError, SolveProgress } from '../../core/api.ts';
import type { PlanInput, PlanResult } from '../../core/types.ts';
import type { FromWorker, ToWorker } from './optimizer-protocol.ts';

export type SolveOpts = {
  timeLimitS: number;
  /** re-solve without each tight limit to report which bind (default true) */
  checkBinding?: boolean;
};
type ProgressFn = (p: SolveProgress) => void;

/** a cancelled job returns within this time even if the solver does not stop */
const CANCEL_GRACE_MS = 1000;
/** a job may run this factor over its time limit (plus the grace) before it is stopped hard */
const LIMIT_SLACK = 1.25;
const LIMIT_GRACE_MS = 3000;
/** finished jobs kept for readers that do not forget them (sensitivity runs evicted mid-way…) */
export const MAX_FINISHED_JOBS = 64;

type Job = {
  id: number;
  /** dropped when the job ends */
  input: PlanInput | null;
  opts: SolveOpts;
  cancel: SharedArrayBuffer;
  flag: Int32Array;
  state: SolveProgress['state'] | 'queued';
  startedAt: number | null;
  endedAt: number | null;
  incumbentUsd: number | null;
  boundUsd: number | null;
  gap: number | null;
  message: string;
  result?: PlanResult;
  interim?: PlanResult;
  timer?: ReturnType<typeof setTimeout>;
  error?: ApiError;
  cancelled: boolean;
  /** the plan was found and the binding check runs: a stop keeps the plan's own status */
  checking?: boolean;
  listeners: ProgressFn[];
  waiters: { resolve: (r: PlanResult) => void; reject: (e: Error) => void }[];
};

export class OptimizerHost {
  readonly #workerUrl: string | URL;
  readonly #limits: ResourceLimits;
  #worker: Worker | null = null;
  #running: Job | null = null;
  readonly #queue: Job[] = [];
  readonly #jobs = new Map<number, Job>();
  #nextId = 1;
  #seq = 0;
  #closed = false;
  /** how many workers were replaced after a crash (diagnostics and tests) */
  restarts = 0;

  /**
   * @param workerUrl the worker module: electron-vite's `?modulePath` import in Electron,
   *   `new URL('./optimizer.worker.ts', import.meta.url)` under Node.
   */
  constructor(workerUrl: string | URL, opts: { resourceLimits?: ResourceLimits } = {}) {
    this.#workerUrl = workerUrl;
    this.#limits = opts.resourceLimits ?? { maxOldGenerationSizeMb: 4096 };
  }

  start(input: PlanInput, opts: SolveOpts): number {
    if (this.#closed) throw new Error('the optimizer host is closed');
    const cancel = new SharedArrayBuffer(4);
    const job: Job = {
      id: this.#nextId++, input, opts, cancel, flag: new Int32Array(cancel), state: 'queued',
      startedAt: null, endedAt: null, incumbentUsd: null, boundUsd: null, gap: null,
      message: 'queued', cancelled: false, listeners: [], waiters: [],
    };
    this.#jobs.set(job.id, job);
    this.#queue.push(job);
    this.#pump();
    return job.id;
  }

  progress(jobId: number): SolveProgress {
    const j = this.#jobs.get(jobId);
    if (!j) throw new Error(`no optimizer job ${jobId}`);
    return this.#snapshot(j);
  }

  cancel(jobId: number): SolveProgress {
    const j = this.#jobs.get(jobId);
    if (!j) throw new Error(`no optimizer job ${jobId}`);
    if (j.state === 'queued') {
      this.#queue.splice(this.#queue.indexOf(j), 1);
      j.cancelled = true;
      j.message = 'cancelled before it started';
      this.#finish(j, 'cancelled');
    } else if (j.state === 'running') {
      j.cancelled = true;
      j.message = 'cancelling: returning the best plan found so far';
      Atomics.store(j.flag, 0, 1);
      this.#post({ type: 'cancel', seq: ++this.#seq, jobId });
      this.#armHardStop(j, CANCEL_GRACE_MS);
    }
    return this.#snapshot(j);
  }

  result(jobId: number): PlanResult | undefined {
    return this.#jobs.get(jobId)?.result;
  }

  /** Resolves with the job's PlanResult (rejects when the job failed or was cancelled unstarted). */
  wait(jobId: number): Promise<PlanResult> {
    const j = this.#jobs.get(jobId);
    if (!j) return Promise.reject(new Error(`no optimizer job ${jobId}`));
    if (j.result) return Promise.resolve(j.result);
    if (j.state === 'failed' || j.state === 'cancelled') return Promise.reject(new Error(j.error?.message ?? j.message));
    return new Promise((resolve, reject) => j.waiters.push({ resolve, reject }));
  }

  onProgress(jobId: number, fn: ProgressFn): void {
    this.#jobs.get(jobId)?.listeners.push(fn);
  }

  /** For the CLI: start, stream progress, resolve with the plan (the job is forgotten then). */
  solve(input: PlanInput, opts: SolveOpts, onProgress?: ProgressFn): Promise<PlanResult> {
    const id = this.start(input, opts);
    if (onProgress) this.onProgress(id, onProgress);
    return this.wait(id).finally(() => this.forget(id));
  }

  /** Forgets a finished job once its reader has its result (a running or queued one is kept). */
  forget(jobId: number): void {
    const j = this.#jobs.get(jobId);
    if (j && j.state !== 'running' && j.state !== 'queued') this.#jobs.delete(jobId);
  }

  /** How many jobs the host holds (queued, running and finished ones not yet forgotten). */
  get size(): number {
    return this.#jobs.size;
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const j of [...this.#queue]) this.cancel(j.id);
    if (this.#running) this.cancel(this.#running.id);
    const w = this.#worker;
    this.#worker = null;
    if (w) await w.terminate();
  }

  #snapshot(j: Job): SolveProgress {
    const end = j.endedAt ?? Date.now();
    return {
      jobId: j.id,
      state: j.state === 'queued' ? 'running' : j.state,
      elapsedMs: j.startedAt == null ? 0 : end - j.startedAt,
      incumbentUsd: j.incumbentUsd,
      boundUsd: j.boundUsd,
      gap: j.gap,
      message: j.message,
      ...(j.error ? { error: j.error } : {}),
    };
  }

  #ensureWorker(): Worker {
    if (this.#worker) return this.#worker;
    const w = new Worker(this.#workerUrl, { resourceLimits: this.#limits });
    w.on('message', (m: FromWorker) => this.#onMessage(w, m));
    w.on('error', (e) => this.#onDeath(w, `the optimizer stopped unexpectedly: ${e.message}`));
    w.on('exit', (code) => this.#onDeath(w, `the optimizer worker exited (code ${code})`));
    this.#worker = w;
    return w;
  }

  #post(m: ToWorker): void {
    this.#worker?.postMessage(m);
  }

  #pump(): void {
    if (this.#running || this.#closed) return;
    const j = this.#queue.shift();
    if (!j) return;
    this.#running = j;
    j.state = 'running';
    j.startedAt = Date.now();
    j.message = 'solving';
    const w = this.#ensureWorker();
    const msg: ToWorker = {
      type: 'run', seq: ++this.#seq, jobId: j.id, input: j.input!, timeLimitS: j.opts.timeLimitS, cancel: j.cancel,
      ...(j.opts.checkBinding != null ? { checkBinding: j.opts.checkBinding } : {}),
    };
    w.postMessage(msg);
    this.#armHardStop(j, j.opts.timeLimitS * 1000 * LIMIT_SLACK + LIMIT_GRACE_MS);
    this.#emit(j);
  }

  /** After `ms`, a job still running ends with its interim plan and its worker is replaced. */
  #armHardStop(j: Job, ms: number): void {
    if (j.timer) clearTimeout(j.timer);
    j.timer = setTimeout(() => {
      if (this.#running !== j) return;
      const w = this.#worker;
      this.#worker = null;
      if (w) { this.restarts++; void w.terminate().catch(() => undefined); }
      if (j.interim) {
        j.result = { ...j.interim, solve_ms: Date.now() - (j.startedAt ?? Date.now()) };
        if (j.result.status === 'time_limit' && !j.checking) j.result.stopped_by = j.cancelled ? 'user' : 'time_limit';
        j.message = j.checking ? 'plan found; binding limits not checked' : j.cancelled ? 'stopped: best plan so far' : 'time limit: best plan so far';
        this.#finish(j, j.cancelled ? 'cancelled' : 'done');
      } else {
        j.result = {
          status: 'no_plan', objective_usd: null, bound_usd: null, gap: null, solve_ms: Date.now() - (j.startedAt ?? Date.now()),
          periods: [], assignments: [], purchases: [], pools: [], cloud: [], edge: [], unserved: [], sites: [], totals: { capex_usd: 0, horizon_cost_usd: 0 },
          reasons: ['the solver was stopped before it found any plan; allow more time'],
        };
        j.message = 'stopped before any plan was found';
        this.#finish(j, j.cancelled ? 'cancelled' : 'done');
      }
    }, ms);
    j.timer.unref?.();
  }

  #onMessage(w: Worker, m: FromWorker): void {
    if (w !== this.#worker) return;
    if (m.type === 'ready') return;
    const j = this.#jobs.get(m.jobId);
    if (!j || j !== this.#running) return;
    switch (m.type) {
      case 'progress':
        j.incumbentUsd = m.incumbentUsd;
        j.boundUsd = m.boundUsd;
        j.gap = m.gap;
        this.#emit(j);
        return;
      case 'interim':
        j.interim = m.result;
        return;
      case 'checking':
        // the plan is in hand: the binding check gets its own time before a hard stop
        j.interim = m.result;
        j.checking = true;
        j.incumbentUsd = m.result.objective_usd;
        j.boundUsd = m.result.bound_usd;
        j.gap = m.result.gap;
        j.message = 'plan found; checking which limits bind';
        if (!j.cancelled) this.#armHardStop(j, m.budgetMs * LIMIT_SLACK + LIMIT_GRACE_MS);
        this.#emit(j);
        return;
      case 'step':
        j.message = m.message;
        this.#emit(j);
        return;
      case 'result':
        j.result = m.result;
        j.incumbentUsd = m.result.objective_usd;
        j.boundUsd = m.result.bound_usd;
        j.gap = m.result.gap;
        j.message = m.result.status === 'optimal' ? 'optimal plan found'
          : m.result.status === 'time_limit' ? (m.result.stopped_by === 'user' ? 'stopped: best plan so far' : 'time limit: best plan so far')
          : m.result.status === 'infeasible' ? 'infeasible' : 'stopped before any plan was found';
        this.#finish(j, j.cancelled ? 'cancelled' : 'done');
        return;
      case 'error':
        j.error = { code: 'internal', message: m.message };
        j.message = m.message;
        this.#finish(j, 'failed');
        return;
    }
  }

  #onDeath(w: Worker, message: string): void {
    if (w !== this.#worker) return;
    this.#worker = null;
    this.restarts++;
    void w.terminate().catch(() => undefined);
    const j = this.#running;
    if (j) {
      j.error = { code: 'internal', message };
      j.message = message;
      this.#finish(j, 'failed');
    }
  }

  #finish(j: Job, state: SolveProgress['state']): void {
    if (j.timer) clearTimeout(j.timer);
    j.state = state;
    j.endedAt = Date.now();
    j.input = null;
    j.interim = undefined;
    this.#dropOldFinished(j);
    if (this.#running === j) this.#running = null;
    this.#emit(j);
    const ws = j.waiters.splice(0);
    for (const x of ws) {
      if (j.result) x.resolve(j.result);
      else x.reject(new Error(j.error?.message ?? j.message));
    }
    queueMicrotask(() => this.#pump());
  }

  /** Keeps at most MAX_FINISHED_JOBS finished jobs, never the one just finished or one awaited. */
  #dropOldFinished(just: Job): void {
    let finished = 0;
    for (const x of this.#jobs.values()) if (x.state !== 'running' && x.state !== 'queued') finished++;
    // Map keeps insertion order: the oldest jobs come first
    for (const [id, x] of this.#jobs) {
      if (finished <= MAX_FINISHED_JOBS) break;
      if (x === just || x.state === 'running' || x.state === 'queued' || x.waiters.length > 0) continue;
      this.#jobs.delete(id);
      finished--;
    }
  }

  #emit(j: Job): void {
    if (j.listeners.length === 0) return;
    const p = this.#snapshot(j);
    for (const f of j.listeners) f(p);
  }
}
