// Runs optimizer jobs in worker_threads workers, one job at a time in FIFO order, and tracks their
// progress. A job runs as a portfolio of `workers` members (core/optimizer/v2/portfolio.ts), each
// in its own worker, sharing plans among themselves; the host reports the least incumbent and the
// greatest bound, merges the members' plans, and has one worker check which limits bind. Cancel
// flips a shared flag every member polls (best plan so far comes back). A worker that crashes or
// runs out of memory is replaced; its job fails only when no member is left with a plan.
// Hard stop: HiGHS cannot always be interrupted (presolve, a huge root LP), so a job still running
// 1 s after a cancel (0.25 s when a member said it runs an LP that does not look at the flag), or
// well past its time limit, ends with the last interim plan the worker sent, and its worker is
// replaced. Memory stays bounded in a long session: a finished job drops its input at once, is forgotten when its reader says so (forget), and at most
// MAX_FINISHED_JOBS finished jobs are kept for readers that never do (oldest dropped first).
// warm(), called when the app or `fleetplan serve` starts, starts the workers of the next job and
// has them solve a throw-away plan in the background (optimizer-warmup.ts), so that a person's
// first Optimize is as fast as the later ones; a job that comes meanwhile stops it through a
// shared flag, and nothing of the warm-up reaches a job.
import os from 'node:os';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { ApiError, SolveProgress } from '../../core/api.ts';
import { relGap } from '../../core/optimizer/gap.ts';
import { defaultWorkers, MAX_WORKERS, mergePortfolio } from '../../core/optimizer/v2/portfolio.ts';
import { holdsPlan, type PlanInput, type PlanResult } from '../../core/types.ts';
import { CANCEL_BYTES, deafSlot, type FromWorker, type ToWorker } from './optimizer-protocol.ts';
import { WARM_MS, WARM_WORKERS, type WarmOutcome } from './optimizer-warmup.ts';

export type SolveOpts = {
  timeLimitS: number;
  /** re-solve without each tight limit to report which bind (default true) */
  checkBinding?: boolean;
  /** worker threads for this job (default: the host's) */
  workers?: number;
};
type ProgressFn = (p: SolveProgress) => void;

/** a cancelled job returns within this time even if the solver does not stop */
const CANCEL_GRACE_MS = 1000;
/**
 * ...and within this time when a member was in a stretch that does not look at the flag
 * (optimizer-protocol.ts deafSlot: the LP stage's large LPs, which would run on for seconds): the
 * members that answer by then are merged, the others are stopped hard, the last interim plan kept
 */
export const DEAF_GRACE_MS = 250;
/** a job may run this factor over its time limit (plus the grace) before it is stopped hard */
export const LIMIT_SLACK = 1.25;
export const LIMIT_GRACE_MS = 3000;
/**
 * A job's hard stop counts from when a member starts to solve ('started'); before that, a cold
 * worker loads its modules and HiGHS, which on a busy 2-core machine took longer than a 5-s
 * limit's hard stop (9.25 s): the job failed with no plan although the worker was sound. This
 * much more is allowed for the start.
 */
const WORKER_START_MS = 30_000;
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
  /** the plan was found and the binding check runs, with this budget (ms): a stop keeps the plan's own status */
  checking?: boolean;
  checkBudgetMs?: number;
  /** the solve time (solve_ms) of the plan being checked: when it was found (SolveProgress.foundMs) */
  foundMs?: number;
  /** when the first member started to solve (Date.now()): the hard stop and the elapsed time shown count from then */
  solvingAt?: number;
  listeners: ProgressFn[];
  waiters: { resolve: (r: PlanResult) => void; reject: (e: Error) => void }[];
  /** the portfolio's members while they solve; then the worker checking which limits bind */
  members: Member[];
  checker: Worker | null;
};

type Member = { worker: Worker; done: boolean; result?: PlanResult; incumbent: number | null; bound: number | null; error?: string };

/**
 * A Cancel during the limit check stops the check, not the search: the plan keeps its status and
 * stopped_by (a search that ran to its time limit says so), and its note says who stopped the
 * check ("not checked (stopped)" beside "stopped at the time limit" read as the limit's doing).
 * The worker writes that note itself (binding.ts stoppedBy) and says when it stopped
 * (checkHalted): the note is never read back for it (a site named "Annex (stopped)" was rewritten).
 */
const CHECK_STOPPED_NOTE = 'binding limits were not checked (stopped by the user)';

/** The last progress line of a job that ended with this result. */
function endedMessage(result: PlanResult, checkStopped: boolean): string {
  const ended = result.status === 'optimal' ? 'optimal plan found'
    : result.status === 'time_limit' ? (result.stopped_by === 'user' ? 'stopped: best plan so far' : 'time limit: best plan so far')
    : result.status === 'infeasible' ? 'infeasible' : 'stopped before any plan was found';
  return checkStopped ? `${ended}; limit check stopped by the user` : ended;
}

/** Progress while the re-solves with limits lifted find which limits make the scenario infeasible (up to the time limit). */
export const EXPLAINING_MESSAGE = 'no plan meets every limit; finding which limits are to blame…';

/** The cancel flag's values: 0 run on, 1 the user stopped the job, 2 a member closed the gap (the others stop). */
const STOP_USER = 1;
const STOP_CLOSED = 2;

export class OptimizerHost {
  readonly #workerUrl: string | URL;
  readonly #limits: ResourceLimits;
  #workers: number;
  /** live workers, reused by job after job (a job uses the first `workers` of them) */
  readonly #pool: Worker[] = [];
  #running: Job | null = null;
  readonly #queue: Job[] = [];
  readonly #jobs = new Map<number, Job>();
  #nextId = 1;
  #seq = 0;
  #closed = false;
  /** workers that have warmed up or run a job: a warm-up skips them */
  readonly #hot = new WeakSet<Worker>();
  /** the warm-up under way: the flag that stops it, and what each warming worker waits for */
  #warming: { stop: Int32Array; waiting: Map<Worker, (o: WarmOutcome | null) => void>; done: Promise<WarmOutcome[]> } | null = null;
  /** how many workers were replaced after a crash (diagnostics and tests) */
  restarts = 0;

  /**
   * @param workerUrl the worker module: electron-vite's `?modulePath` import in Electron,
   *   `new URL('./optimizer.worker.ts', import.meta.url)` under Node.
   */
  constructor(workerUrl: string | URL, opts: { resourceLimits?: ResourceLimits; workers?: number } = {}) {
    this.#workerUrl = workerUrl;
    this.#limits = opts.resourceLimits ?? { maxOldGenerationSizeMb: 4096 };
    this.#workers = opts.workers ?? defaultWorkers(os.availableParallelism());
  }

  /** Worker threads a job runs on when its options do not say. */
  get workers(): number {
    return this.#workers;
  }

  /** Sets the worker threads of the next jobs (null: the machine's cores less one); a running job keeps its own. */
  setWorkers(n: number | null): void {
    this.#workers = n == null ? defaultWorkers(os.availableParallelism()) : Math.max(1, Math.min(MAX_WORKERS, Math.floor(n)));
  }

  /**
   * Starts the first workers of the next job (at most WARM_WORKERS) and has each solve a throw-away plan for up to `budgetMs`
   * (optimizer-warmup.ts), so that the first job runs as fast as the later ones. Call it when the
   * app starts, without waiting: a job that comes meanwhile stops the warm-up and starts at once.
   * Resolves with what each worker did once all have warmed, stopped or died; at once with []
   * when a job is queued or running (it warms its workers itself) or every worker is warm already.
   */
  warm(budgetMs = WARM_MS): Promise<WarmOutcome[]> {
    if (this.#warming) return this.#warming.done;
    if (this.#closed || this.#running || this.#queue.length > 0) return Promise.resolve([]);
    const cold = this.#workersFor(Math.min(this.#workers, WARM_WORKERS)).map((w, index) => ({ w, index })).filter(({ w }) => !this.#hot.has(w));
    if (cold.length === 0) return Promise.resolve([]);
    // [0]: the flag that stops it; [1]: the throw-away solves begun, all workers (warmSolvesBegun)
    const stop = new Int32Array(new SharedArrayBuffer(8));
    const waiting = new Map<Worker, (o: WarmOutcome | null) => void>();
    const outcomes = cold.map(({ w, index }) => new Promise<WarmOutcome | null>((resolve) => {
      waiting.set(w, resolve);
      // a worker stopped meanwhile (close, a smaller pool for the next job) answers no more
      w.once('exit', () => resolve(null));
      w.postMessage({ type: 'warm', seq: ++this.#seq, stop: stop.buffer as SharedArrayBuffer, budgetMs, index } satisfies ToWorker);
    }));
    const warming = {
      stop, waiting,
      done: Promise.all(outcomes).then((os) => {
        if (this.#warming === warming) this.#warming = null;
        return os.filter((o): o is WarmOutcome => o != null);
      }),
    };
    this.#warming = warming;
    return warming.done;
  }

  /** Throw-away solves the warm-up under way has begun (0 without one): a worker loading its modules has begun none. */
  get warmSolvesBegun(): number {
    return this.#warming ? Atomics.load(this.#warming.stop, 1) : 0;
  }

  /** Ends the warm-up under way: each worker's throw-away solve returns at its next look at the flag. */
  #stopWarming(): void {
    if (this.#warming) Atomics.store(this.#warming.stop, 0, 1);
  }

  start(input: PlanInput, opts: SolveOpts): number {
    if (this.#closed) throw new Error('the optimizer host is closed');
    const cancel = new SharedArrayBuffer(CANCEL_BYTES);
    const job: Job = {
      id: this.#nextId++, input, opts, cancel, flag: new Int32Array(cancel), state: 'queued',
      startedAt: null, endedAt: null, incumbentUsd: null, boundUsd: null, gap: null,
      message: 'queued', cancelled: false, listeners: [], waiters: [], members: [], checker: null,
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
      j.message = j.checking ? 'skipping the limit check: keeping the plan found' : 'cancelling: returning the best plan found so far';
      Atomics.store(j.flag, 0, STOP_USER);
      this.#post({ type: 'cancel', seq: ++this.#seq, jobId });
      // (the flag is raised first, then the slots read: a member that goes deaf meanwhile sees the flag before its stretch)
      const deaf = j.members.some((x, i) => !x.done && Atomics.load(j.flag, deafSlot(i)) !== 0);
      this.#armHardStop(j, deaf ? DEAF_GRACE_MS : CANCEL_GRACE_MS);
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
    this.#stopWarming();
    for (const j of [...this.#queue]) this.cancel(j.id);
    if (this.#running) this.cancel(this.#running.id);
    const ws = this.#pool.splice(0);
    await Promise.all(ws.map((w) => w.terminate()));
  }

  #snapshot(j: Job): SolveProgress {
    const end = j.endedAt ?? Date.now();
    return {
      jobId: j.id,
      state: j.state === 'queued' ? 'running' : j.state,
      // the solver's clock: a cold worker's start (modules, HiGHS) is not counted against the time limit shown
      elapsedMs: j.solvingAt == null ? 0 : Math.max(0, end - j.solvingAt),
      incumbentUsd: j.incumbentUsd,
      boundUsd: j.boundUsd,
      gap: j.gap,
      message: j.message,
      ...(j.checking && j.state === 'running' && j.checkBudgetMs != null ? { checkBudgetMs: j.checkBudgetMs, ...(j.foundMs != null ? { foundMs: j.foundMs } : {}) } : {}),
      ...(j.error ? { error: j.error } : {}),
    };
  }

  /** The first `n` workers of the pool (started when missing; extra idle ones are stopped: memory stays bounded). */
  #workersFor(n: number): Worker[] {
    while (this.#pool.length < n) {
      const w = new Worker(this.#workerUrl, { resourceLimits: this.#limits });
      w.on('message', (m: FromWorker) => this.#onMessage(w, m));
      w.on('error', (e) => this.#onDeath(w, `the optimizer stopped unexpectedly: ${e.message}`));
      w.on('exit', (code) => this.#onDeath(w, `the optimizer worker exited (code ${code})`));
      this.#pool.push(w);
    }
    for (const w of this.#pool.splice(n)) void w.terminate().catch(() => undefined);
    return this.#pool.slice(0, n);
  }

  /** Removes a worker from the pool and stops it (a crashed or stuck one). */
  #drop(w: Worker): void {
    const i = this.#pool.indexOf(w);
    if (i < 0) return;
    this.#pool.splice(i, 1);
    this.restarts++;
    void w.terminate().catch(() => undefined);
  }

  #post(m: ToWorker): void {
    for (const x of this.#running?.members ?? []) if (!x.done) x.worker.postMessage(m);
  }

  #pump(): void {
    if (this.#running || this.#closed) return;
    const j = this.#queue.shift();
    if (!j) return;
    this.#stopWarming();
    this.#running = j;
    j.state = 'running';
    j.startedAt = Date.now();
    j.message = 'starting the optimizer…';
    const n = Math.max(1, Math.min(MAX_WORKERS, Math.floor(j.opts.workers ?? this.#workers)));
    const channel = `fleetplan-portfolio-${process.pid}-${j.id}-${Math.random().toString(36).slice(2)}`;
    j.members = this.#workersFor(n).map((worker) => ({ worker, done: false, incumbent: null, bound: null }));
    for (const x of j.members) this.#hot.add(x.worker);
    j.members.forEach((x, index) => {
      const msg: ToWorker = {
        type: 'run', seq: ++this.#seq, jobId: j.id, input: j.input!, timeLimitS: j.opts.timeLimitS, cancel: j.cancel,
        checkBinding: false, portfolio: { index, size: n, channel },
      };
      x.worker.postMessage(msg);
    });
    this.#armHardStop(j, j.opts.timeLimitS * 1000 * LIMIT_SLACK + LIMIT_GRACE_MS + WORKER_START_MS);
    this.#emit(j);
  }

  /** After `ms`, a job still running ends with the plans in hand and its busy workers are replaced. */
  #armHardStop(j: Job, ms: number): void {
    if (j.timer) clearTimeout(j.timer);
    j.timer = setTimeout(() => {
      if (this.#running !== j) return;
      // a cancel before any member started: the workers are loading, not stuck (they see the flag
      // when they start and answer at once); only a started solver that did not stop is replaced
      const restarts = this.restarts;
      for (const x of j.members) if (!x.done && (j.solvingAt != null || !j.cancelled)) this.#drop(x.worker);
      if (j.checker) this.#drop(j.checker);
      // the stopped workers' replacements warm up as the first ones did, unless a job is waiting (the
      // next Optimize after a Cancel in the LP stage would otherwise run on a cold worker)
      if (this.restarts > restarts) queueMicrotask(() => { if (!this.#closed) void this.warm(); });
      // a finished member's plan beats the interim one unless that is cheaper (the primary sends
      // its latest plan before an LP that does not look at the flag)
      const merged = j.checking ? null : mergePortfolio(j.members.map((x) => x.result), j.members.map((x) => x.bound));
      const interimCheaper = j.interim?.objective_usd != null && merged?.objective_usd != null && j.interim.objective_usd < merged.objective_usd;
      const plan = merged?.objective_usd != null && !interimCheaper ? merged : j.interim;
      // in the check from the moment it was sent (the worker's 'checking' answer may not have come yet):
      // the search is over, and a Cancel now stops the check, not the search
      const inCheck = j.checking || j.checker != null;
      if (plan) {
        // a plan from the finished search keeps the time it was found in (the check's time is not the
        // solve's: "plan found (10.2 s)" then read "status: … (15.3 s)"); one stopped mid-search counts
        // on the clock progress shows (elapsedMs: from the solver's start, not the worker's load)
        j.result = { ...plan, solve_ms: inCheck ? plan.solve_ms : Date.now() - (j.solvingAt ?? j.startedAt ?? Date.now()) };
        // the interim plan was extracted without a bound: it takes the best the members reported,
        // else $0 (no plan costs less), so its gap is a number as a solved plan's is (solve.ts)
        if (plan !== merged && plan.objective_usd != null) {
          const bound = Math.min(plan.objective_usd, Math.max(0, plan.bound_usd ?? 0, j.boundUsd ?? 0));
          j.result = { ...j.result, bound_usd: bound, gap: relGap(plan.objective_usd, bound) };
        }
        if (j.result.status === 'time_limit' && !inCheck) j.result.stopped_by = j.cancelled ? 'user' : 'time_limit';
        if (!inCheck && plan === merged) j.result = { ...j.result, binding: [], binding_note: 'binding limits were not checked (stopped)' };
        const checkStopped = inCheck && j.cancelled;
        if (checkStopped) j.result = { ...j.result, binding: [], binding_note: CHECK_STOPPED_NOTE };
        j.message = checkStopped ? endedMessage(j.result, true) : inCheck ? 'plan found; binding limits not checked' : j.cancelled ? 'stopped: best plan so far' : 'time limit: best plan so far';
        this.#finish(j, j.cancelled ? 'cancelled' : 'done');
      } else {
        j.result = {
          status: 'no_plan', objective_usd: null, bound_usd: null, gap: null, solve_ms: Date.now() - (j.startedAt ?? Date.now()),
          periods: [], assignments: [], purchases: [], pools: [], cloud: [], edge: [], unserved: [], sites: [], totals: { capex_usd: 0, horizon_cost_usd: 0 },
          reasons: [j.cancelled ? 'the solve was cancelled before it found any plan' : 'the solver was stopped before it found any plan; allow more time'],
        };
        j.message = j.cancelled ? 'cancelled before any plan was found' : 'stopped before any plan was found';
        this.#finish(j, j.cancelled ? 'cancelled' : 'done');
      }
    }, ms);
    j.timer.unref?.();
  }

  #onMessage(w: Worker, m: FromWorker): void {
    if (m.type === 'ready') return;
    if (m.type === 'warmed') {
      // a warm-up that failed leaves the worker as it was: its first job loads and solves as usual
      if (m.error == null) this.#hot.add(w);
      this.#warming?.waiting.get(w)?.(m.error == null ? { ms: m.ms, solves: m.solves, stopped: m.stopped } : null);
      return;
    }
    const j = this.#jobs.get(m.jobId);
    if (!j || j !== this.#running || !this.#pool.includes(w)) return;
    if (j.checker) {
      if (w === j.checker) this.#onCheckMessage(j, m);
      return;
    }
    const x = j.members.find((y) => y.worker === w);
    if (!x || x.done) return;
    switch (m.type) {
      case 'started':
        // each member's own limit counts from its start: the latest start sets the hard stop
        if (!j.cancelled) this.#armHardStop(j, j.opts.timeLimitS * 1000 * LIMIT_SLACK + LIMIT_GRACE_MS);
        if (j.solvingAt == null) {
          j.solvingAt = Date.now();
          if (!j.cancelled) j.message = 'solving';
          this.#emit(j);
        }
        return;
      case 'progress':
        if (m.incumbentUsd != null && (x.incumbent == null || m.incumbentUsd < x.incumbent)) x.incumbent = m.incumbentUsd;
        if (m.boundUsd != null && (x.bound == null || m.boundUsd > x.bound)) x.bound = m.boundUsd;
        this.#collect(j);
        return;
      case 'explaining':
        // the search has ended with no plan; what runs now is not a search for one (it said "solving", "Best plan: none yet")
        if (!j.cancelled) j.message = EXPLAINING_MESSAGE;
        this.#emit(j);
        return;
      case 'interim':
        if (j.interim?.objective_usd == null || (m.result.objective_usd ?? Infinity) < j.interim.objective_usd) j.interim = m.result;
        return;
      case 'result':
        x.done = true;
        x.result = m.result;
        if (m.result.objective_usd != null && (x.incumbent == null || m.result.objective_usd < x.incumbent)) x.incumbent = m.result.objective_usd;
        if (m.result.bound_usd != null && (x.bound == null || m.result.bound_usd > x.bound)) x.bound = m.result.bound_usd;
        // a member that proved its plan optimal ends the others' search (not one that proved the
        // model infeasible: member 0 alone explains why, and must not be cut short)
        if (m.result.status === 'optimal') Atomics.compareExchange(j.flag, 0, 0, STOP_CLOSED);
        this.#collect(j);
        this.#afterMember(j);
        return;
      case 'error':
        x.done = true;
        x.error = m.message;
        this.#afterMember(j);
        return;
      default:
        return; // 'checking' and 'step' come from the checker only
    }
  }

  /** The members' least incumbent and greatest bound; every member stops once they meet. */
  #collect(j: Job): void {
    const incs = j.members.map((x) => x.incumbent).filter((v): v is number => v != null);
    const bounds = j.members.map((x) => x.bound).filter((v): v is number => v != null);
    j.incumbentUsd = incs.length ? Math.min(...incs) : null;
    j.boundUsd = bounds.length ? Math.max(...bounds) : null;
    if (j.incumbentUsd != null && j.boundUsd != null && j.boundUsd > j.incumbentUsd) j.boundUsd = j.incumbentUsd;
    j.gap = j.incumbentUsd != null && j.boundUsd != null ? relGap(j.incumbentUsd, j.boundUsd) : null;
    if (j.incumbentUsd != null && !j.cancelled && j.message === 'solving') j.message = 'plan found: searching for a better one…';
    this.#emit(j);
  }

  /** Once every member has answered (or died): the merged plan, then the binding check on one worker. */
  #afterMember(j: Job): void {
    if (j.members.some((x) => !x.done)) return;
    const merged = mergePortfolio(j.members.map((x) => x.result), j.members.map((x) => x.bound));
    if (!merged) {
      const message = j.members.find((x) => x.error)?.error ?? 'the optimizer stopped unexpectedly';
      j.error = { code: 'internal', message };
      j.message = message;
      this.#finish(j, 'failed');
      return;
    }
    const user = Atomics.load(j.flag, 0) === STOP_USER;
    if (merged.status === 'time_limit') merged.stopped_by = user ? 'user' : 'time_limit';
    const checker = j.members.find((x) => x.result && this.#pool.includes(x.worker))?.worker;
    const planInHand = holdsPlan(merged.status);
    if ((j.opts.checkBinding ?? true) && planInHand && !user && checker && j.input) {
      // the members are done: a gap-closed signal must not stop the check's re-solves
      Atomics.compareExchange(j.flag, 0, STOP_CLOSED, 0);
      j.checker = checker;
      j.interim = merged;
      checker.postMessage({ type: 'check', seq: ++this.#seq, jobId: j.id, input: j.input, result: merged, timeLimitS: j.opts.timeLimitS, cancel: j.cancel } satisfies ToWorker);
      return;
    }
    this.#settle(j, merged);
  }

  #onCheckMessage(j: Job, m: FromWorker): void {
    switch (m.type) {
      case 'checking':
        // the plan is in hand: the binding check gets its own time before a hard stop
        j.interim = m.result;
        j.checking = true;
        j.checkBudgetMs = m.budgetMs;
        j.foundMs = m.result.solve_ms;
        j.incumbentUsd = m.result.objective_usd;
        j.boundUsd = m.result.bound_usd;
        j.gap = m.result.gap;
        j.message = `plan found; checking which limits bind (up to ${Math.round(m.budgetMs / 1000)} s more)`;
        if (!j.cancelled) this.#armHardStop(j, m.budgetMs * LIMIT_SLACK + LIMIT_GRACE_MS);
        this.#emit(j);
        return;
      case 'step':
        j.message = m.message;
        this.#emit(j);
        return;
      case 'result':
        this.#settle(j, m.result, m.checkHalted === true);
        return;
      case 'error':
        // the plan stands; only the check failed
        this.#settle(j, { ...j.interim!, binding: [], binding_note: `binding limits were not checked (${m.message})` });
        return;
      default:
        return;
    }
  }

  #settle(j: Job, checked: PlanResult, checkHalted = false): void {
    const checkStopped = checkHalted && j.cancelled;
    const result = checked;
    j.result = result;
    j.incumbentUsd = result.objective_usd;
    j.boundUsd = result.bound_usd;
    j.gap = result.gap;
    j.message = endedMessage(result, checkStopped);
    this.#finish(j, j.cancelled ? 'cancelled' : 'done');
  }

  #onDeath(w: Worker, message: string): void {
    if (!this.#pool.includes(w)) return;
    this.#drop(w);
    const j = this.#running;
    if (!j) return;
    if (j.checker === w) {
      // the check died: the plan found stands, its limits unchecked
      this.#settle(j, { ...j.interim!, binding: [], binding_note: 'binding limits were not checked (the optimizer worker stopped)' });
      return;
    }
    const x = j.members.find((y) => y.worker === w);
    if (!x || x.done) return;
    x.done = true;
    x.error = message;
    this.#afterMember(j);
  }

  #finish(j: Job, state: SolveProgress['state']): void {
    if (j.timer) clearTimeout(j.timer);
    j.state = state;
    j.endedAt = Date.now();
    j.input = null;
    j.interim = undefined;
    j.members = [];
    j.checker = null;
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
