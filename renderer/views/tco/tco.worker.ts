// Computes the TCO view off the main thread: the report at the what-if assumptions, both
// baselines and the sensitivity tornado (core/tco, the same functions the CLI and the PDF use).
// The plan and the input it is costed on arrive once, as the UTF-8 JSON of { input, plan }
// ({ kind: 'data', key, bytes }: transferred, so the main thread never clones the objects); each
// job then names that key and carries only the assumptions, and
// its answer only what the view draws (no per-workload rows, no whole plans). Messages carry a
// sequence number: { seq, progress } while the tornado runs, then { seq, result } or { seq, error }
// (a plan that cannot be costed comes back as a message). Compare names its scenarios: the worker
// reads each one's input and latest plan itself (under `fleetplan serve`, from the HTTP API) or
// gets them as JSON text (the desktop app), and sends back what each column shows, the comparison
// rows and each schedule's purchases by period (no per-workload timeline, no plans).
import { compareScenarios, settingDiffs, type Comparison, type SettingDiff } from '../../../core/tco/compare.ts';
import { schedulable, scheduleOf } from '../../lib/components/schedule/schedule-of.ts';
import type { Schedule, ShownGroupTotals } from '../../../core/schedule/schedule.ts';
import { baselineComparisons } from '../../../core/tco/baselines.ts';
import { computeTco } from '../../../core/tco/engine.ts';
import { baselineSummary, reportSummary, type BaselineComparisonSummary, type TcoReportSummary } from '../../../core/tco/report-summary.ts';
import { sensitivity, type SensitivityResult } from '../../../core/tco/sensitivity.ts';
import { applyAssumptions, whatIfPlan, type Assumptions } from '../../../core/tco/what-if.ts';
import { planYears, type PlanYearCost } from '../../../core/schedule/schedule.ts';
import { isPlan, type PlanInput, type PlanResult } from '../../../core/types.ts';
import type { ApiResponse, StoredPlan } from '../../../core/api.ts';
import { UNREACHABLE } from '../../lib/api.ts';

export type TcoJob = 'report' | 'baselines' | 'sensitivity';
/** the plan and the (saved) input it is costed on; `key` names this pair in later jobs */
export type TcoData = { key: number; input: PlanInput; plan: PlanResult };
export type TcoJobRequest = { kind: 'job'; seq: number; key: number; job: TcoJob; assumptions: Assumptions; pct: number };
export type CompareItem = { name: string; input: PlanInput; plan: PlanResult };
/** a scenario as Compare reads it: its inputs (those its latest plan was solved from when stale) and latest plan, or why they could not be read */
export type CompareLoaded = { name: string; input: PlanInput | null; stored: StoredPlan | null; error: string | null };
/** where the worker reads the scenarios: the HTTP API (base URL of /api/, token), or their JSON text (CompareLoaded[]) */
export type CompareSource = { kind: 'http'; base: string; token: string | null } | { kind: 'text'; text: string };
export type CompareRequest = { kind: 'compare'; seq: number; names: string[]; source: CompareSource };
/** what a column of Compare shows of its scenario's latest plan */
export type ComparePlanMeta = Pick<StoredPlan, 'id' | 'solvedAt' | 'stale'> & Pick<PlanResult, 'status' | 'stopped_by'>;
/** a column: its plan (null: none yet), whether it has costs (a fleet and its inputs), or why it could not be read */
export type CompareEntry = { name: string; plan: ComparePlanMeta | null; usable: boolean; error: string | null };
/** what Compare draws of a schedule: the sentence and the purchases by period */
export type CompareSchedule = Pick<Schedule, 'summary' | 'periods' | 'interval_months' | 'capex_usd' | 'replacement_usd'>;
/** groupTotals: what each period's items of a cost line add up to (core/schedule/figures), as the TCO view's plan-year table and the PDF round them */
export type CompareScheduleState = { name: string } & ({ schedule: CompareSchedule; groupTotals: ShownGroupTotals; error: null } | { schedule: null; error: string });
/**
 * The settings that differ between every picked scenario whose inputs could be read, a scenario
 * with no plan to cost included (its saved settings): such a column showed "—" in every settings
 * row, which under "Capex budget" reads as "no budget" for a scenario made infeasible by a $0 one.
 */
export type CompareSettings = { scenarios: string[]; diffs: SettingDiff[] };
export type CompareResult = { comparison: Comparison; schedules: CompareScheduleState[] };
/**
 * Compare's answer: the columns in the order asked, the comparison of the usable ones (null: fewer
 * than two), and the settings that differ among the scenarios read (null: fewer than two). Apart
 * from the comparison: with two columns, one of them infeasible for a $0 capex budget, there is no
 * comparison, and the settings row that says why was not drawn either.
 */
export type CompareOutcome = { entries: CompareEntry[]; compared: CompareResult | null; settings: CompareSettings | null };
/** data: the UTF-8 JSON of { input, plan } (renderer/views/tco/json-slices.ts), transferred */
export type TcoRequest = { kind: 'data'; key: number; bytes: ArrayBuffer } | TcoJobRequest | CompareRequest;
export type TcoReportResult = { report: TcoReportSummary; years: PlanYearCost[]; ms: number };
export type TcoJobResult = TcoReportResult | CompareOutcome | { baselines: BaselineComparisonSummary[] } | { sensitivity: SensitivityResult };
export type TcoReply =
  | { seq: number; kind: 'progress'; done: number; total: number }
  | { seq: number; kind: 'result'; result: TcoJobResult }
  | { seq: number; kind: 'error'; message: string };

/** One job on the data, as the worker runs it (also the main-thread fallback where no worker can start). */
export function runTcoJob(req: Pick<TcoJobRequest, 'job' | 'assumptions' | 'pct'>, data: Pick<TcoData, 'input' | 'plan'>, onProgress: (done: number, total: number) => void = () => {}): TcoJobResult {
  const input = applyAssumptions(data.input, req.assumptions);
  // one plan for every figure of the what-if (a growth what-if re-rents its cloud instances)
  const plan = whatIfPlan(data.plan, input, data.input.settings, req.assumptions);
  switch (req.job) {
    case 'report': {
      const t0 = performance.now();
      const report = computeTco(input, plan);
      return { report: reportSummary(report), years: planYears(input, report), ms: performance.now() - t0 };
    }
    case 'baselines':
      return { baselines: baselineComparisons(input, plan).map(baselineSummary) };
    case 'sensitivity':
      return { sensitivity: sensitivity(input, plan, { pct: req.pct, onProgress }) };
  }
}

/** Compare's job: the comparison of the scenarios (in their order) and the schedule of each that has a fleet. */
export function runCompareJob(items: readonly CompareItem[]): CompareResult {
  const reports = items.map((x) => computeTco(x.input, x.plan));
  const comparison = compareScenarios(items.map((x, i) => ({ ...x, report: reports[i]! })));
  const schedules: CompareScheduleState[] = [];
  items.forEach((x, i) => {
    if (!schedulable(x.plan)) return;
    const s = scheduleOf(x.input, x.plan, reports[i]);
    if (!s.schedule) schedules.push({ name: x.name, schedule: null, error: s.error });
    else {
      const { summary, periods, interval_months, capex_usd, replacement_usd } = s.schedule;
      schedules.push({ name: x.name, schedule: { summary, periods, interval_months, capex_usd, replacement_usd }, groupTotals: s.groupTotals, error: null });
    }
  });
  return { comparison, schedules };
}

/** true when a scenario's latest plan has costs to compare (a fleet, and the inputs it is costed on) */
function usable(x: CompareLoaded): x is CompareLoaded & { input: PlanInput; stored: StoredPlan & { result: PlanResult } } {
  return x.input != null && x.stored != null && isPlan(x.stored.result);
}

/** Compare's answer for the scenarios read: each column, and the comparison of the usable ones in their order. */
export function compareLoaded(loaded: readonly CompareLoaded[]): CompareOutcome {
  const entries = loaded.map((x): CompareEntry => {
    const s = x.stored;
    const plan = s ? { id: s.id, solvedAt: s.solvedAt, stale: s.stale, status: s.result.status, stopped_by: s.result.stopped_by } : null;
    return { name: x.name, plan, usable: usable(x), error: x.error };
  });
  const items = loaded.filter(usable).map((x) => ({ name: x.name, input: x.input, plan: x.stored.result }));
  const read = loaded.flatMap((x) => (x.input ? [{ name: x.name, input: x.input }] : []));
  return {
    entries,
    compared: items.length >= 2 ? runCompareJob(items) : null,
    settings: read.length >= 2 ? { scenarios: read.map((x) => x.name), diffs: settingDiffs(read) } : null,
  };
}

/** One API call over HTTP, as the renderer makes it under `fleetplan serve` (renderer/lib/api.ts). */
async function httpApi<T>(base: string, token: string | null, name: string, args: Record<string, unknown>): Promise<T> {
  let res: Response;
  try {
    res = await fetch(new URL(encodeURIComponent(name), base), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { 'x-fleet-token': token } : {}) },
      body: JSON.stringify(args),
    });
  } catch {
    throw new Error(UNREACHABLE);
  }
  let body: ApiResponse<never> | null = null;
  try {
    body = (await res.json()) as ApiResponse<never>;
  } catch {
    /* not JSON: said below */
  }
  if (body && typeof body === 'object' && 'ok' in body) {
    if (body.ok) return body.value as T;
    throw new Error(body.error.message);
  }
  throw new Error(`Server answered ${res.status} ${res.statusText}`);
}

/** Reads the named scenarios (their current inputs and latest plans) from the source. */
export async function loadCompare(names: readonly string[], source: CompareSource): Promise<CompareLoaded[]> {
  if (source.kind === 'text') {
    const loaded = JSON.parse(source.text) as CompareLoaded[];
    if (!Array.isArray(loaded) || loaded.map((x) => x.name).join('\u0000') !== names.join('\u0000')) throw new Error('the scenarios to compare did not reach the worker');
    return loaded;
  }
  return Promise.all(
    names.map(async (name): Promise<CompareLoaded> => {
      try {
        const [current, stored] = await Promise.all([
          httpApi<PlanInput>(source.base, source.token, 'plan-input', { scenario: name }),
          httpApi<(StoredPlan & { input?: PlanInput }) | null>(source.base, source.token, 'plan-latest', { scenario: name }),
        ]);
        // a stale plan is compared on the inputs it was solved from, like the TCO view does
        const solved = stored?.stale ? (stored.input ?? null) : null;
        if (stored) delete stored.input;
        return { name, input: solved ?? current, stored, error: null };
      } catch (err) {
        return { name, input: null, stored: null, error: err instanceof Error ? err.message : String(err) };
      }
    }),
  );
}

// the worker's global scope (the renderer's tsconfig types `self` as a window); absent in tests
const scope = (typeof self === 'undefined' ? null : self) as unknown as {
  onmessage: ((e: MessageEvent<TcoRequest>) => void) | null;
  postMessage: (m: TcoReply) => void;
} | null;

if (scope && typeof window === 'undefined') {
  let data: TcoData | null = null;
  scope.onmessage = async (e) => {
    const req = e.data;
    if (req.kind === 'data') {
      data = { key: req.key, ...(JSON.parse(new TextDecoder().decode(req.bytes)) as Omit<TcoData, 'key'>) };
      return;
    }
    try {
      if (req.kind === 'compare') {
        const loaded = await loadCompare(req.names, req.source);
        scope.postMessage({ seq: req.seq, kind: 'result', result: compareLoaded(loaded) });
        return;
      }
      if (data?.key !== req.key) throw new Error('the plan to cost did not reach the TCO worker');
      const result = runTcoJob(req, data, (done, total) => scope.postMessage({ seq: req.seq, kind: 'progress', done, total }));
      scope.postMessage({ seq: req.seq, kind: 'result', result });
    } catch (err) {
      scope.postMessage({ seq: req.seq, kind: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  };
}
