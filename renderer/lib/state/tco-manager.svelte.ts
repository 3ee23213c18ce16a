// TCO of the plan the plan-manager shows (the latest, or an older one picked in Results), computed
// in workers (tco-client.ts; core/tco is pure) from its input and plan. What-if assumptions apply to
// a COPY of the input, holding the plan fixed; nothing is written until "Save to scenario"
// (settings only). The report follows the assumptions at once; baselines and sensitivity, which
// cost many TCO runs, once the user pauses. Invariant: a figure shown was computed for the plan
// shown, and for the assumptions shown unless marked as still computing (`reportUpdating`,
// `settling`, `baselinesBusy`, `sensitivityProgress`).
import type { BaselineComparisonSummary, TcoReportSummary } from '../../../core/tco/report-summary.ts';
import type { SensitivityResult } from '../../../core/tco/sensitivity.ts';
import type { TcoExportSource } from '../../../core/tco/csv.ts';
import type { PlanYearCost } from '../../../core/schedule/schedule.ts';
import { requestCompare, requestTcoJob, type CompareEntry, type CompareOutcome, type CompareResult, type CompareSource, type TcoData } from '../../views/tco/tco-client.ts';
import type { CompareLoaded } from '../../views/tco/tco.worker.ts';
import { jsonInSlices } from '../../views/tco/json-slices.ts';
import { isPlan, type PlanResult, type Settings } from '../../../core/types.ts';
import { SETTING_KEYS, assumptionsOf, type Assumptions } from '../../../core/tco/what-if.ts';
import type { SensitivityReoptProgress } from '../../../core/api.ts';
import { ApiCallError, call, errorMessage, httpToken, isDesktop } from '../api.ts';
import { changeManager } from './change-manager.svelte.ts';
import { planManager } from './plan-manager.svelte.ts';
import { settingsManager } from './settings-manager.svelte.ts';
import { documentManager } from './document-manager.svelte.ts';

export type { Assumptions };

/** what a figure was computed from: the stored plan (planKey: its id and solve time), the data (plan and saved input) and the assumptions */
type Basis = { plan: string | null; data: TcoData; assumptions: Assumptions };
type ShownReport = Basis & { report: TcoReportSummary; years: PlanYearCost[] };

class TcoManager {
  // raw: replaced whole on each change, and posted to a worker as is (a proxy cannot be copied)
  #assumptions = $state.raw<Assumptions | null>(null);
  #pct = $state(20);
  #saving = $state(false);
  #saveError = $state<string | null>(null);
  #computeMs = $state(0);

  /** the assumptions in force: the user's what-if, or the saved settings */
  assumptions = $derived<Assumptions | null>(
    this.#assumptions ?? (planManager.planInput ? assumptionsOf(planManager.planInput.settings) : null),
  );

  /** true when some assumption differs from the saved scenario (what-if, not saved) */
  whatIf = $derived.by(() => {
    const a = this.#assumptions;
    const input = planManager.planInput;
    if (!a || !input) return false;
    const base = assumptionsOf(input.settings);
    return (Object.keys(base) as (keyof Assumptions)[]).some((k) => base[k] !== a[k]);
  });

  /** true when a setting-type assumption differs from the saved scenario (Save has work to do) */
  settingsChanged = $derived.by(() => {
    const a = this.#assumptions;
    const input = planManager.planInput;
    if (!a || !input) return false;
    const base = assumptionsOf(input.settings);
    return SETTING_KEYS.some((k) => base[k] !== a[k]);
  });

  /** true when a what-if changes site or workload data that "Save to scenario" cannot store */
  unsavable = $derived(
    this.#assumptions != null &&
      (this.#assumptions.electricity_factor !== 1 || this.#assumptions.pue != null || this.#assumptions.growth_add_pp !== 0),
  );

  plan = $derived<PlanResult | null>(planManager.latest && isPlan(planManager.latest.result) ? planManager.latest.result : null);

  /** false for a plan of an empty document: nothing served, every figure $0 (shown as the empty state) */
  hasDemand = $derived((this.plan?.assignments.length ?? 0) > 0 && (planManager.planInput?.workloads.length ?? 0) > 0);

  // the plan and its input as the workers hold them: a new key only when either changes
  #data: TcoData | null = null;
  #dataKey = 0;
  /** the current plan and saved input, or null when there is nothing to cost */
  #currentData(): TcoData | null {
    const input = planManager.planInput;
    const plan = this.plan;
    if (!input || !plan) return null;
    if (this.#data?.input !== input || this.#data.plan !== plan) this.#data = { key: ++this.#dataKey, input, plan };
    return this.#data;
  }
  #isCurrent(b: { data: TcoData } | null): boolean {
    return b != null && b.data.input === planManager.planInput && b.data.plan === this.plan;
  }
  /** the same stored plan (reloaded objects included): its figures may be shown, marked as updating, until recomputed */
  #samePlan(b: { plan: string | null } | null): boolean {
    return b != null && this.plan != null && b.plan === planManager.latestKey;
  }
  #basis(data: TcoData, assumptions: Assumptions): Basis {
    return { plan: planManager.latestKey, data, assumptions };
  }

  // ── the report: computed in a worker as the assumptions change, the newest request winning ──
  #shown = $state.raw<ShownReport | null>(null);
  #reportError = $state.raw<(Basis & { message: string }) | null>(null);
  #reportAsked: Basis | null = null;

  /** the report of the plan shown (null until computed for it) */
  get report(): TcoReportSummary | null {
    return this.#samePlan(this.#shown) ? this.#shown!.report : null;
  }
  /** cost by plan year of the same report */
  get years(): PlanYearCost[] | null {
    return this.#samePlan(this.#shown) ? this.#shown!.years : null;
  }
  /** true while the report shown describes other assumptions (or reloaded inputs) than those shown: a recomputation is pending */
  get reportUpdating(): boolean {
    return this.report != null && (!this.#isCurrent(this.#shown) || this.#shown!.assumptions !== this.assumptions) && this.reportError == null;
  }
  /**
   * true when the baselines describe the report shown (same plan and assumptions, not updating):
   * the long CSV writes both, and for a few hundred ms after a what-if change the baselines (and
   * their savings and break-even) are still those of the previous assumptions
   */
  get baselinesMatchReport(): boolean {
    const r = this.#shown;
    const b = this.#settled;
    return r != null && b != null && r.data === b.data && r.assumptions === b.assumptions && r.plan === b.plan && !this.#baselinesBusy;
  }
  /**
   * What the report shown costs, for its exports to say (core/tco/csv.ts tcoExportNotes, the same
   * words `fleetplan tco --csv` writes): the stored plan, its scenario, an earlier plan of the
   * history or the latest, and the what-if the report was computed with (its own assumptions, not
   * those typed since, while it updates) against the settings its plan's input was saved with.
   */
  get exportSource(): TcoExportSource | null {
    const r = this.#shown;
    const stored = planManager.latest;
    if (!r || !stored || !this.#samePlan(r)) return null;
    return {
      scenario: stored.scenario,
      plan: stored,
      olderPlan: planManager.showingOlder,
      whatIf: { saved: assumptionsOf(r.data.input.settings), shown: r.assumptions },
    };
  }
  /** why the report could not be computed for the assumptions shown */
  get reportError(): string | null {
    const e = this.#reportError;
    return e && this.#isCurrent(e) && e.assumptions === this.assumptions ? e.message : null;
  }

  /** Ask the worker for the report at the current assumptions (nothing when it is shown or asked already). */
  refreshReport(): void {
    const data = this.#currentData();
    const assumptions = this.assumptions;
    if (!data || !assumptions) return;
    const same = (b: Basis | null) => b != null && b.data === data && b.assumptions === assumptions;
    if (same(this.#shown) || same(this.#reportAsked)) return;
    const asked = this.#basis(data, assumptions);
    this.#reportAsked = asked;
    void requestTcoJob('report', data, assumptions, this.#pct).then((out) => {
      if (!out || this.#reportAsked !== asked) return; // overtaken by newer assumptions
      this.#reportAsked = null;
      if (out.ok && 'report' in out.result) {
        this.#shown = { ...asked, report: out.result.report, years: out.result.years };
        this.#computeMs = out.result.ms;
        this.#reportError = null;
      } else {
        this.#reportError = { ...asked, message: out.ok ? 'no report came back' : out.message };
      }
    });
  }

  // Baselines and sensitivity cost many TCO runs: they follow the assumptions once the user
  // pauses (settle), so dragging a slider only recomputes the report itself.
  #settled = $state.raw<Basis | null>(null);

  /** true while baselines and sensitivity still describe earlier assumptions */
  get settling(): boolean {
    return !this.#isCurrent(this.#settled) || this.#settled!.assumptions !== this.assumptions || this.#baselinesBusy || this.#sensProgress != null;
  }
  /** true when nothing has settled yet for this plan (no delay needed) */
  get firstSettle(): boolean {
    return !this.#samePlan(this.#settled);
  }

  /** Bring baselines and sensitivity to the current assumptions. */
  settle(): void {
    const data = this.#currentData();
    const assumptions = this.assumptions;
    const s = this.#settled;
    if (s?.data === data && s?.assumptions === assumptions) return;
    if (!this.#samePlan(s)) {
      // another plan: earlier figures would describe it wrongly, so none are shown until computed
      this.#baselines = [];
      this.#baselinesError = null;
      this.#sensitivity = null;
    }
    this.#settled = data && assumptions ? this.#basis(data, assumptions) : null;
    this.#runBaselines();
    this.#runSensitivity();
  }

  #baselines = $state.raw<BaselineComparisonSummary[]>([]);
  #baselinesError = $state<string | null>(null);
  #baselinesBusy = $state(false);
  #sensitivity = $state.raw<SensitivityResult | null>(null);
  #sensError = $state<string | null>(null);
  /** drivers done of all, while the tornado is computed (null: not computing) */
  #sensProgress = $state.raw<{ done: number; total: number } | null>(null);

  /** both baselines of the settled input (kept, marked "updating", while newer assumptions compute) */
  get baselines(): BaselineComparisonSummary[] {
    return this.#baselines;
  }
  get baselinesBusy(): boolean {
    return this.#baselinesBusy;
  }
  get baselinesError(): string | null {
    return this.#baselinesError;
  }
  get sensitivity(): SensitivityResult | null {
    return this.#sensitivity;
  }
  get sensitivityProgress(): { done: number; total: number } | null {
    return this.#sensProgress;
  }
  get sensitivityError(): string | null {
    return this.#sensError;
  }

  #runBaselines(): void {
    const s = this.#settled;
    if (!s) {
      this.#baselinesBusy = false;
      return;
    }
    this.#baselinesBusy = true;
    void requestTcoJob('baselines', s.data, s.assumptions, this.#pct).then((out) => {
      if (!out || this.#settled !== s) return; // superseded
      this.#baselinesBusy = false;
      if (out.ok && 'baselines' in out.result) {
        this.#baselines = out.result.baselines;
        this.#baselinesError = null;
      } else {
        this.#baselines = [];
        this.#baselinesError = out.ok ? null : out.message;
      }
    });
  }

  #runSensitivity(): void {
    const s = this.#settled;
    if (!s) {
      this.#sensProgress = null;
      return;
    }
    const pct = this.#pct;
    this.#sensProgress = { done: 0, total: 0 };
    void requestTcoJob('sensitivity', s.data, s.assumptions, pct, (done, total) => {
      if (this.#settled === s && this.#pct === pct) this.#sensProgress = { done, total };
    }).then((out) => {
      if (!out || this.#settled !== s || this.#pct !== pct) return; // superseded
      this.#sensProgress = null;
      if (out.ok && 'sensitivity' in out.result) {
        this.#sensitivity = out.result.sensitivity;
        this.#sensError = null;
      } else {
        this.#sensitivity = null;
        this.#sensError = out.ok ? null : out.message;
      }
    });
  }

  get pct(): number {
    return this.#pct;
  }
  set pct(v: number) {
    if (!(v > 0 && v < 100) || v === this.#pct) return;
    this.#pct = v;
    this.#runSensitivity();
  }
  get saving(): boolean {
    return this.#saving;
  }
  get saveError(): string | null {
    return this.#saveError;
  }
  /** how long the last recompute of the report took (shown as a hint, never asserted) */
  get computeMs(): number {
    return this.#computeMs;
  }

  set<K extends keyof Assumptions>(key: K, value: Assumptions[K]): void {
    const cur = this.assumptions;
    if (!cur) return;
    this.#assumptions = { ...cur, [key]: value };
  }

  /** Back to the saved scenario settings. */
  reset(): void {
    this.#assumptions = null;
    this.#saveError = null;
  }

  /** Write the setting-type assumptions to the active scenario (settings-set). */
  async save(): Promise<void> {
    const a = this.#assumptions;
    if (!a) return;
    this.#saving = true;
    this.#saveError = null;
    try {
      const patch: Partial<Settings> = {};
      for (const k of SETTING_KEYS) (patch as Record<string, unknown>)[k] = a[k];
      await settingsManager.save(patch);
      await planManager.load();
      // keep only the what-if parts the settings cannot hold
      const rest = { electricity_factor: a.electricity_factor, pue: a.pue, growth_add_pp: a.growth_add_pp };
      const input = planManager.planInput;
      this.#assumptions = input && (rest.electricity_factor !== 1 || rest.pue != null || rest.growth_add_pp !== 0)
        ? { ...assumptionsOf(input.settings), ...rest }
        : null;
    } catch (err) {
      this.#saveError = errorMessage(err);
    } finally {
      this.#saving = false;
    }
  }

  #boundTo: string | null = null;

  /**
   * The what-if belongs to one document and scenario: binding to another key (a scenario switch,
   * another document) drops it and any re-optimised sensitivity; the same key keeps both, so
   * leaving the TCO view and coming back does not lose unsaved assumptions.
   */
  bind(key: string): void {
    if (this.#boundTo === key) return;
    this.#boundTo = key;
    this.#assumptions = null;
    this.#saveError = null;
    // a run dropped while it solves is cancelled: its cases went on solving with no panel left to
    // stop them, and a solve asked for next waited behind them, "queued" (19 × 4 s on 300 workloads)
    const r = this.#reopt;
    if (r?.state === 'running') void call('sensitivity-cancel', { jobId: r.jobId }).catch(() => undefined);
    this.clearReopt();
  }

  // ── "Re-optimise each case": solves in the backend's optimizer host, polled ─────────────
  #reopt = $state.raw<SensitivityReoptProgress | null>(null);
  #reoptError = $state<string | null>(null);
  #reoptTimer: ReturnType<typeof setTimeout> | null = null;
  /**
   * The panel's box and time limit as the person left them. The view re-stages from its figures
   * when another plan is stored (its report is recomputed for it), which re-creates the panel: it
   * came back unticked with the limit at 10 s, and the Run button went from under the pointer
   * (a solve finishing while the box was ticked: a click on Run waited 10 s for a button gone).
   */
  reoptForm = $state({ open: false, timeLimitText: '10' });

  get reopt(): SensitivityReoptProgress | null {
    return this.#reopt;
  }
  get reoptError(): string | null {
    return this.#reoptError;
  }
  get reoptRunning(): boolean {
    return this.#reopt?.state === 'running';
  }

  /** Re-solve the saved scenario with each driver at ±pct (what-if assumptions are not sent). */
  async startReopt(pct: number, timeLimitS?: number): Promise<void> {
    if (this.reoptRunning) return;
    this.#reoptError = null;
    try {
      const { jobId } = await call('sensitivity-reoptimize', timeLimitS ? { pct, timeLimitS } : { pct });
      this.#reopt = { jobId, state: 'running', pct, done: 0, total: 0, cases: [], inputsChanged: false, settings: null };
      this.#pollReopt(jobId);
    } catch (err) {
      this.#reoptError = errorMessage(err);
    }
  }

  async cancelReopt(): Promise<void> {
    const r = this.#reopt;
    if (!r || r.state !== 'running') return;
    try {
      this.#reopt = await call('sensitivity-cancel', { jobId: r.jobId });
      // a cancel answered while its case still stops: polled until the run ends
      if (this.#reopt.state === 'running') this.#pollReopt(r.jobId);
    } catch (err) {
      this.#reoptError = errorMessage(err);
    }
  }

  /**
   * A finished run asks again whether the scenario's inputs changed since its snapshot (a running
   * one learns it from its next poll): its figures stayed on screen as current after an edit.
   */
  async recheckReopt(): Promise<void> {
    const r = this.#reopt;
    if (!r || r.state === 'running') return;
    try {
      const p = await call('sensitivity-progress', { jobId: r.jobId });
      if (this.#reopt === r) this.#reopt = p;
    } catch {
      // a run the backend no longer holds (another document, a restart) keeps its last answer
    }
  }

  clearReopt(): void {
    if (this.#reoptTimer) clearTimeout(this.#reoptTimer);
    this.#reopt = null;
    this.#reoptError = null;
  }

  /**
   * Polls a running run. A failed poll (the server away a moment) is retried, less often, up to
   * REOPT_POLL_RETRIES times; a run the backend no longer holds (not_found: it keeps the last few, or
   * restarted) or that many failures end it here as failed, so it is not left 'running' with Cancel
   * on screen and no new run possible.
   */
  #pollReopt(jobId: number, delayMs = 400, failures = 0): void {
    if (this.#reoptTimer) clearTimeout(this.#reoptTimer);
    this.#reoptTimer = setTimeout(async () => {
      if (this.#reopt?.jobId !== jobId) return;
      try {
        const p = await call('sensitivity-progress', { jobId });
        if (this.#reopt?.jobId !== jobId) return;
        // a cancel answered meanwhile is final
        if (this.#reopt.state !== 'running') return;
        this.#reopt = p;
        this.#reoptError = null;
        if (p.state === 'running') this.#pollReopt(jobId);
      } catch (err) {
        if (this.#reopt?.jobId !== jobId || this.#reopt.state !== 'running') return;
        this.#reoptError = errorMessage(err);
        if ((err instanceof ApiCallError && err.code === 'not_found') || failures + 1 >= REOPT_POLL_RETRIES) this.#reopt = { ...this.#reopt, state: 'failed' };
        else this.#pollReopt(jobId, Math.min(5000, delayMs * 2), failures + 1);
      }
    }, delayMs);
  }
}

/** Failed progress polls in a row before a re-optimise run is given up as failed (about a minute at 5 s apart). */
const REOPT_POLL_RETRIES = 15;

export const tcoManager = new TcoManager();
changeManager.register(['workload', 'site', 'option', 'model', 'scenario', 'active'], () => tcoManager.recheckReopt());
// the what-if and the re-optimised run follow the active document and scenario whether the TCO view
// is open or not: the scenario is switched in Settings or Compare, where TCO is not mounted, and a run
// bound from the view was cancelled only on coming back (Optimize waited behind its cases)
$effect.root(() => {
  // keyed by the scenario's id: a rename is the same scenario (keyed by its name, a rename dropped a running run and the what-if)
  $effect(() => tcoManager.bind(`${documentManager.info?.path ?? null}\u0000${settingsManager.active?.id ?? null}`));
});

// ── scenario compare ──────────────────────────────────────────────────────────────────────

export type { CompareEntry };

/** Where Compare's worker reads the scenarios: the HTTP API under `fleetplan serve`; in the desktop app they are read here and sent on as JSON text. */
async function compareSource(names: readonly string[]): Promise<CompareSource> {
  if (!isDesktop()) return { kind: 'http', base: new URL('./api/', location.href).href, token: httpToken() };
  const loaded = await Promise.all(
    names.map(async (name): Promise<CompareLoaded> => {
      try {
        const [current, stored] = await Promise.all([call('plan-input', { scenario: name }), call('plan-latest', { scenario: name })]);
        // a stale plan is compared on the inputs it was solved from, like the TCO view does
        const solved = stored?.stale ? stored.input : null;
        return { name, input: solved ?? current, stored: stored ? { id: stored.id, scenario: stored.scenario, solvedAt: stored.solvedAt, inputHash: stored.inputHash, stale: stored.stale, result: stored.result } : null, error: null };
      } catch (err) {
        return { name, input: null, stored: null, error: errorMessage(err) };
      }
    }),
  );
  return { kind: 'text', text: await jsonInSlices(loaded) };
}

/**
 * Scenarios picked for comparison, what each column shows of its latest plan, and their
 * comparison: read and computed in a worker (the plans never come to this thread under `serve`).
 * Invariant: the comparison shown is the one computed for the pick shown, in its order.
 */
class CompareManager {
  /** the pick, by scenario id: a rename keeps a scenario picked, and a scenario deleted and made again under its name is another one */
  #picked = $state.raw<number[]>([]);
  /** each scenario's name by id, as last synced (or picked) */
  #names = $state.raw<ReadonlyMap<number, string>>(new Map());
  #entries = $state.raw<Record<string, CompareEntry>>({});
  #answer = $state.raw<{ names: string[]; compared: CompareResult | null; settings: CompareOutcome['settings']; error: string | null } | null>(null);
  #loading = $state(false);
  #loadSeq = 0;

  /** the picked scenarios' names, in pick order (the first is the reference) */
  selected = $derived<readonly string[]>(this.#picked.map((id) => this.#names.get(id)).filter((n): n is string => n !== undefined));

  get loading(): boolean {
    return this.#loading;
  }
  entry(name: string): CompareEntry | undefined {
    return this.#entries[name];
  }

  /** The picked scenarios that were read, in pick order (the first is the reference). */
  entries = $derived(this.selected.map((n) => this.#entries[n]).filter((e): e is CompareEntry => e != null));

  /** the comparison of exactly the scenarios picked, in their order (null until computed for them) */
  current = $derived.by(() => {
    const a = this.#answer;
    return a && a.names.join('\u0000') === this.selected.join('\u0000') ? a : null;
  });

  #docPath: string | null = null;

  /** Keep the pick valid for the document's scenarios (picked ids that still exist); default to the first two. */
  sync(scenarios: readonly { id: number; name: string }[], docPath: string | null = null): void {
    if (docPath !== this.#docPath) {
      // another document: names may repeat but the plans are different ones
      this.#docPath = docPath;
      this.#entries = {};
      this.#answer = null;
      this.#picked = [];
    }
    const names = this.#names;
    // set only when a scenario came, went or was renamed: the view's effect that syncs reads the pick's names
    if (scenarios.length !== names.size || scenarios.some((s) => names.get(s.id) !== s.name)) this.#names = new Map(scenarios.map((s) => [s.id, s.name]));
    const kept = this.#picked.filter((id) => this.#names.has(id));
    const next = kept.length >= 2 ? kept : [...kept, ...scenarios.map((s) => s.id).filter((id) => !kept.includes(id))].slice(0, 2);
    if (next.join() !== this.#picked.join()) this.#picked = next;
  }

  /** The id of the scenario named so now: in the settings' list, which holds a scenario just created before the view syncs. */
  #idOf(name: string): number | undefined {
    const s = settingsManager.scenarios.find((x) => x.name === name);
    if (s && this.#names.get(s.id) !== name) this.#names = new Map([...this.#names, [s.id, s.name]]);
    return s?.id;
  }

  toggle(name: string): void {
    const id = this.#idOf(name);
    if (id === undefined) return;
    // the compare view's effect reloads on every change of the pick
    this.#picked = this.#picked.includes(id) ? this.#picked.filter((x) => x !== id) : [...this.#picked, id];
  }

  /** Make `name` the reference (first) column. */
  makeReference(name: string): void {
    const id = this.#idOf(name);
    if (id === undefined || !this.#picked.includes(id)) return;
    this.#picked = [id, ...this.#picked.filter((x) => x !== id)];
  }

  /** (Re)read the picked scenarios and compare them; a newer load overtakes this one. */
  async load(): Promise<void> {
    const names = [...this.selected];
    const seq = ++this.#loadSeq;
    this.#loading = true;
    try {
      const out = await requestCompare(names, await compareSource(names));
      if (!out || seq !== this.#loadSeq) return;
      if (out.ok) {
        const next = { ...this.#entries };
        for (const e of out.result.entries) next[e.name] = e;
        this.#entries = next;
        this.#answer = { names, compared: out.result.compared, settings: out.result.settings, error: null };
      } else {
        this.#answer = { names, compared: null, settings: null, error: out.message };
      }
    } catch (err) {
      if (seq === this.#loadSeq) this.#answer = { names, compared: null, settings: null, error: errorMessage(err) };
    } finally {
      if (seq === this.#loadSeq) this.#loading = false;
    }
  }
}

export const compareManager = new CompareManager();
