// The active scenario's latest solved plan and its inputs, and the one running solve: started
// with optimize-start, polled every 250 ms (never blocking the UI), cancellable (the backend keeps
// the best plan found so far). Invariant: at most one poll loop runs; a finished solve reloads
// the plan and the inputs it is drawn with.
import type { PlanHistoryEntry, SolveProgress, StoredPlan } from '../../../core/api.ts';
import type { PlanAnswer, PlanInput } from '../../../core/types.ts';
import { call, callAt, errorMessage } from '../api.ts';
import { changeManager } from './change-manager.svelte.ts';
import { settingsManager } from './settings-manager.svelte.ts';
import { planKey } from '../plan-key.ts';
import { failureSentence, type SolveEnd, type SolveFailure } from '../solve-end.ts';

const POLL_MS = 250;

class PlanManager {
  #latest = $state.raw<StoredPlan | null>(null);
  #input = $state.raw<PlanInput | null>(null);
  #solvedInput = $state.raw<PlanInput | null>(null);
  #progress = $state.raw<SolveProgress | null>(null);
  #loaded = $state(false);
  #loading = $state(false);
  #error = $state<string | null>(null);
  /** why the last solve gave no plan (null: it did not fail) */
  #failure = $state.raw<SolveFailure | null>(null);
  #jobId: number | null = null;
  /** the scenario the running solve was started for (optimize-start's answer): its id, and its name then */
  #solving = $state.raw<{ id: number; name: string } | null>(null);
  #ended = $state.raw<SolveEnd | null>(null);
  /** the job Cancel was pressed for: it still runs until its check has stopped and its plan arrives */
  #cancelledJob = $state<number | null>(null);
  #timer: ReturnType<typeof setTimeout> | null = null;
  #loadSeq = 0;
  #history = $state.raw<PlanHistoryEntry[]>([]);
  /** a plan of the history shown instead of the latest (the last feasible after an infeasible run) */
  #shownId = $state<number | null>(null);
  #latestId = $state<number | null>(null);
  /** what the held plan and inputs were read at: the document (changeManager.document), its revision and the plan asked for */
  #held: { revision: number | undefined; doc: number; shownId: number | null } | null = null;

  /** the plan shown: the latest, or the one of the history picked with show() */
  get latest(): StoredPlan | null {
    return this.#latest;
  }
  /** the scenario's solved plans, newest first (time, status, cost) */
  get history(): readonly PlanHistoryEntry[] {
    return this.#history;
  }
  /** the plan shown, by its id and solve time (planKey): figures kept "for the same plan" are keyed by it, not by the id alone */
  get latestKey(): string | null {
    return planKey(this.#latest);
  }
  /** the id of the scenario's latest plan (null: never solved) */
  get latestId(): number | null {
    return this.#latestId;
  }
  /** true when an older plan of the history is shown instead of the latest */
  get showingOlder(): boolean {
    return this.#shownId !== null && this.#shownId !== this.#latestId;
  }

  /**
   * The document the plan shown instead of the latest was picked in (changeManager.document). Its
   * path, unknown until document-info answered, made a plan picked before then read as one of
   * another document, and the next load showed the latest instead.
   */
  #shownDoc = 0;

  /** Show a plan of the history (null: back to the latest). */
  async show(planId: number | null): Promise<void> {
    this.#shownId = planId;
    this.#shownDoc = changeManager.document;
    await this.load();
  }
  get input(): PlanInput | null {
    return this.#input;
  }
  /**
   * The inputs the shown plan was solved from (a stale plan's old workloads, sites, catalog and
   * settings), as read with the plan; the current inputs when none came with it. A fresh plan's
   * inputs hash to the current ones (the staleness test), so they are the same data, and the same
   * object when the plan later goes stale: nothing drawn from them is rebuilt. Everything drawn
   * from the plan (TCO, baselines, "served N of M") uses these.
   */
  get planInput(): PlanInput | null {
    return this.#solvedInput ?? this.#input;
  }
  get progress(): SolveProgress | null {
    return this.#progress;
  }
  /** Cancel was pressed and the solve has not answered its end yet */
  get cancelling(): boolean {
    return this.#progress?.state === 'running' && this.#progress.jobId === this.#cancelledJob;
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
  /**
   * What went wrong with the last solve, as a sentence: why it failed (worker crash, unavailable
   * optimizer), or why it ended with no plan stored (its scenario deleted meanwhile, by another
   * window or the CLI: the solve ended and no plan came, with no word, before this said why)
   */
  get solveError(): string | null {
    return this.#failure && failureSentence(this.#failure);
  }
  get running(): boolean {
    return this.#progress?.state === 'running';
  }
  /** the scenario of the solve running or last run: by its id, renamed or not; deleted, as named when it started */
  get solvingScenario(): string | null {
    const s = this.#solving;
    return s && (settingsManager.scenarios.find((x) => x.id === s.id)?.name ?? s.name);
  }
  /** how the last solve ended (set as it stops reading as running) */
  get ended(): SolveEnd | null {
    return this.#ended;
  }

  /**
   * Reload the latest plan and the current inputs of the active scenario. The history comes first
   * (small): when the document's revision is the one the held plan and inputs were read at, they
   * are kept; a plan with the same id is kept too, stale or not (a stored plan and the inputs it
   * was solved from never change: only its staleness does, and the history says it). Kept means
   * the same objects: a 1,000-workload plan (a megabyte of JSON) is neither fetched, parsed nor
   * redrawn again when an edit makes it stale or an undo makes it fresh.
   */
  load(): Promise<void> {
    const run = this.#load();
    this.#lastLoad = run;
    return run;
  }
  /** the newest load: a load superseded by a newer one returns before it has set anything */
  #lastLoad: Promise<void> | null = null;

  async #load(): Promise<void> {
    const seq = ++this.#loadSeq;
    this.#loading = true;
    try {
      // the document the history is read from: taken before the call, so a swap meanwhile makes the next load read again
      const doc = changeManager.document;
      const { value: history, revision } = await callAt('plan-history', {});
      const held = this.#held;
      // a plan picked in the history is one of the document it was picked in: in another document
      // (whose plan ids repeat) the id named another plan, shown as "an older plan" instead of the latest
      const shownId = this.#shownDoc === doc ? this.#shownId : null;
      if (seq !== this.#loadSeq) return; // a newer load superseded this one
      if (this.#loaded && held && revision !== undefined && held.revision === revision && held.doc === doc && held.shownId === shownId) {
        this.#history = history;
        this.#error = null;
        return;
      }
      const newestEntry = history[0] ?? null;
      const wantId = shownId !== null && shownId !== newestEntry?.id && history.some((h) => h.id === shownId) ? shownId : (newestEntry?.id ?? null);
      const wantStale = history.find((h) => h.id === wantId)?.stale ?? null;
      const current = this.#latest;
      const keep = held != null && held.doc === doc && current != null && current.id === wantId && wantStale !== null;
      // one read of the plan and the inputs: a fresh plan's solved inputs are the current ones and
      // do not come twice (a 1,000-workload plan's inputs are 400 kB of JSON to decode and keep)
      const view = keep || wantId === null ? null : await call('plan-view', wantId === newestEntry?.id ? {} : { planId: wantId });
      const input = view ? view.input : await call('plan-input', {});
      const fetched = view?.plan ?? null;
      // kept: the same result object, with the staleness the history gives now
      const latest = keep ? (current.stale === wantStale ? current : { ...current, stale: wantStale }) : fetched;
      const picked = latest != null && latest.id !== newestEntry?.id;
      // drawn with the inputs it was solved from: the current ones (the same object) when it is fresh
      const solved = fetched != null ? (view?.solvedInput ?? input) : null;
      if (seq !== this.#loadSeq) return;
      if (!picked) this.#shownId = null;
      this.#history = history;
      this.#latestId = newestEntry?.id ?? null;
      if (latest !== current) this.#latest = latest;
      this.#input = input;
      if (!keep) this.#solvedInput = solved;
      this.#held = { revision, doc, shownId: this.#shownId };
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
    this.#failure = null;
    // a job id names a job of one backend process: after a restart of `fleetplan serve` the next
    // job may have the id of one taken before, whose end (kept in #finishing) then hid this job's
    // end ("Optimizing…" for ever), and whose Cancel read this job as cancelling
    this.#finishing = null;
    this.#cancelledJob = null;
    try {
      const { jobId, scenario, scenarioId } = await call('optimize-start', timeLimitS ? { timeLimitS } : {});
      this.#jobId = jobId;
      this.#solving = { id: scenarioId, name: scenario };
      this.#ended = null;
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
      this.#failure = { kind: 'failed', reason: errorMessage(err) };
    }
  }

  /** Stop the search; the best plan found so far (if any) is kept and shown. */
  async cancel(): Promise<void> {
    const jobId = this.#jobId;
    if (jobId == null || !this.running) return;
    this.#cancelledJob = jobId;
    try {
      const p = await call('optimize-cancel', { jobId });
      await this.#accept(p);
    } catch (err) {
      this.#failure = { kind: 'failed', reason: errorMessage(err) };
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
      const failure: SolveFailure = { kind: 'failed', reason: errorMessage(err) };
      this.#failure = failure;
      this.#ended = { scenario: this.solvingScenario ?? '', plan: null, failure };
      this.#progress = this.#progress ? { ...this.#progress, state: 'failed' } : null;
      this.#jobId = null;
    }
  }

  // the job whose final state is being taken (its plan loading): a second final answer for it (a
  // cancel's reply that crossed the last poll) is not taken twice
  #finishing: SolveProgress['jobId'] | null = null;

  async #accept(p: SolveProgress): Promise<void> {
    // a cancel answered while a poll was in flight: never step back from a final state
    if (this.#progress && this.#progress.jobId === p.jobId && this.#progress.state !== 'running') return;
    if (p.state !== 'running' && this.#finishing === p.jobId) return;
    if (p.state === 'running') {
      this.#progress = p;
      this.#schedule();
      return;
    }
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#finishing = p.jobId;
    this.#jobId = null; // no poll or cancel acts on the job from here
    if (p.state === 'failed') this.#failure = { kind: 'failed', reason: p.error?.message ?? (p.message || 'the solve failed') };
    // ended, but its plan was not stored (the scenario deleted during the solve): say why
    else if (p.error) this.#failure = { kind: 'not-stored', reason: p.error.message };
    const failure = this.#failure;
    this.#shownId = null; // a new run: back to the latest plan
    // the solve reads as running until its plan is loaded: ended first, a first plan's view showed
    // "No plan yet" (and its Optimize button) for the round trips of the load (~130 ms after a
    // 400-workload solve found the scenario infeasible)
    // ... and until the newest load has: a change event's load that starts meanwhile (the plan stored)
    // supersedes this one, which then returns having set nothing (e2e under load: "No plan yet" again)
    let plan: PlanAnswer | null = null;
    let scenario: string | null = null;
    try {
      let run = this.load();
      await run;
      while (this.#lastLoad && this.#lastLoad !== run) {
        run = this.#lastLoad;
        await run;
      }
      [plan, scenario] = await Promise.all([this.#storedBy(p), this.#scenarioNow()]);
    } finally {
      this.#ended = { scenario: scenario ?? this.solvingScenario ?? '', plan: failure ? null : plan, failure };
      this.#progress = p;
    }
  }

  /**
   * The solved scenario's name as the solve ends, read by its id: renamed while it solved, the
   * toast named it as it was at the start. Null when it is gone (deleted: its end says so, by
   * the name it had) or cannot be read.
   */
  async #scenarioNow(): Promise<string | null> {
    const id = this.#solving?.id;
    if (id === undefined) return null;
    try {
      return (await call('scenario-list', {})).find((s) => s.id === id)?.name ?? null;
    } catch {
      return null;
    }
  }

  /** the plan the ended job stored: the one loaded when its scenario is still active, else read by its id */
  async #storedBy(p: SolveProgress): Promise<PlanAnswer | null> {
    if (p.state === 'failed' || p.planId === undefined) return null;
    if (this.#latest?.id === p.planId) return this.#latest.result;
    try {
      return (await call('plan-get', { planId: p.planId }))?.result ?? null;
    } catch {
      return null;
    }
  }
}

export const planManager = new PlanManager();

// a plan stored elsewhere, another active scenario, or inputs that make the plan stale
changeManager.register(['plan', 'active', 'scenario', 'workload', 'site', 'option', 'model'], () => planManager.loaded && planManager.load());
