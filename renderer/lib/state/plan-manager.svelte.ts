// The active scenario's latest solved plan and its inputs, and the one running solve: started
// with optimize-start, polled every 250 ms (never blocking the UI), cancellable (the backend keeps
// the best plan found so far). Invariant: at most one poll loop runs; a finished solve reloads
// the plan and the inputs it is drawn with.
import type { PlanHistoryEntry, SolveProgress, StoredPlan } from '../../../core/api.ts';
import type { PlanInput } from '../../../core/types.ts';
import { call, errorMessage } from '../api.ts';
import { changeManager } from './change-manager.svelte.ts';

const POLL_MS = 250;

class PlanManager {
  #latest = $state.raw<StoredPlan | null>(null);
  #input = $state.raw<PlanInput | null>(null);
  #solvedInput = $state.raw<PlanInput | null>(null);
  #progress = $state.raw<SolveProgress | null>(null);
  #loaded = $state(false);
  #loading = $state(false);
  #error = $state<string | null>(null);
  #solveError = $state<string | null>(null);
  #jobId: number | null = null;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #loadSeq = 0;
  #history = $state.raw<PlanHistoryEntry[]>([]);
  /** a plan of the history shown instead of the latest (the last feasible after an infeasible run) */
  #shownId = $state<number | null>(null);
  #latestId = $state<number | null>(null);

  /** the plan shown: the latest, or the one of the history picked with show() */
  get latest(): StoredPlan | null {
    return this.#latest;
  }
  /** the scenario's solved plans, newest first (time, status, cost) */
  get history(): readonly PlanHistoryEntry[] {
    return this.#history;
  }
  /** the id of the scenario's latest plan (null: never solved) */
  get latestId(): number | null {
    return this.#latestId;
  }
  /** true when an older plan of the history is shown instead of the latest */
  get showingOlder(): boolean {
    return this.#shownId !== null && this.#shownId !== this.#latestId;
  }

  /** Show a plan of the history (null: back to the latest). */
  async show(planId: number | null): Promise<void> {
    this.#shownId = planId;
    await this.load();
  }
  get input(): PlanInput | null {
    return this.#input;
  }
  /**
   * The inputs the latest plan was solved from (a stale plan's old workloads, sites, catalog and
   * settings); the current inputs when the plan is fresh or its inputs were not kept. Everything
   * drawn from the plan (TCO, baselines, "served N of M") uses these.
   */
  get planInput(): PlanInput | null {
    return this.#solvedInput ?? this.#input;
  }
  get progress(): SolveProgress | null {
    return this.#progress;
  }
  get loaded(): boolean {
    return this.#loaded;
  }
  get loading(): boolean {
    return this.#loading;
  }
  get error(): string | null {
    return this.#error;
  }
  /** why the last solve failed (worker crash, unavailable optimizer), if it did */
  get solveError(): string | null {
    return this.#solveError;
  }
  get running(): boolean {
    return this.#progress?.state === 'running';
  }

  /** Reload the latest plan and the current inputs of the active scenario. */
  async load(): Promise<void> {
    const seq = ++this.#loadSeq;
    this.#loading = true;
    try {
      const [newest, input, history] = await Promise.all([call('plan-latest', {}), call('plan-input', {}), call('plan-history', {})]);
      const shownId = this.#shownId;
      const picked = shownId !== null && shownId !== newest?.id && history.some((h) => h.id === shownId) ? await call('plan-get', { planId: shownId }) : null;
      const latest = picked ?? newest;
      // a stale plan is drawn with the inputs it was solved from (plan-latest carries them)
      const solved = latest?.stale ? latest.input : null;
      if (seq !== this.#loadSeq) return; // a newer load superseded this one
      if (!picked) this.#shownId = null;
      this.#history = history;
      this.#latestId = newest?.id ?? null;
      this.#latest = latest;
      this.#input = input;
      this.#solvedInput = solved;
      this.#error = null;
      this.#loaded = true;
    } catch (err) {
      if (seq === this.#loadSeq) this.#error = errorMessage(err);
    } finally {
      if (seq === this.#loadSeq) this.#loading = false;
    }
  }

  async optimize(timeLimitS?: number): Promise<void> {
    if (this.running) return;
    this.#solveError = null;
    try {
      const { jobId } = await call('optimize-start', timeLimitS ? { timeLimitS } : {});
      this.#jobId = jobId;
      this.#progress = {
        jobId,
        state: 'running',
        elapsedMs: 0,
        incumbentUsd: null,
        boundUsd: null,
        gap: null,
        message: 'Starting…',
      };
      this.#schedule();
    } catch (err) {
      this.#solveError = errorMessage(err);
    }
  }

  /** Stop the search; the best plan found so far (if any) is kept and shown. */
  async cancel(): Promise<void> {
    const jobId = this.#jobId;
    if (jobId == null || !this.running) return;
    try {
      const p = await call('optimize-cancel', { jobId });
      await this.#accept(p);
    } catch (err) {
      this.#solveError = errorMessage(err);
    }
  }

  #schedule(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#poll(), POLL_MS);
  }

  async #poll(): Promise<void> {
    this.#timer = null;
    const jobId = this.#jobId;
    if (jobId == null) return;
    try {
      const p = await call('optimize-progress', { jobId });
      if (jobId !== this.#jobId) return;
      await this.#accept(p);
    } catch (err) {
      this.#solveError = errorMessage(err);
      this.#progress = this.#progress ? { ...this.#progress, state: 'failed' } : null;
      this.#jobId = null;
    }
  }

  async #accept(p: SolveProgress): Promise<void> {
    // a cancel answered while a poll was in flight: never step back from a final state
    if (this.#progress && this.#progress.jobId === p.jobId && this.#progress.state !== 'running') return;
    this.#progress = p;
    if (p.state === 'running') {
      this.#schedule();
      return;
    }
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#jobId = null;
    if (p.state === 'failed') this.#solveError = p.error?.message ?? (p.message || 'the solve failed');
    this.#shownId = null; // a new run: back to the latest plan
    await this.load();
  }
}

export const planManager = new PlanManager();

// a plan stored elsewhere, another active scenario, or inputs that make the plan stale
changeManager.register(['plan', 'active', 'scenario', 'workload', 'site', 'option', 'model'], () => planManager.loaded && planManager.load());
