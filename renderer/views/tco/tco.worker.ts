// Computes the TCO view off the main thread: the report at the what-if assumptions, both
// baselines and the sensitivity tornado (core/tco, the same functions the CLI and the PDF use).
// The plan and the input it is costed on arrive once ({ kind: 'data', key }); each job then
// names that key and carries only the assumptions, and its answer only what the view draws (no
// per-workload rows, no whole plans). Messages carry a sequence number: { seq, progress } while
// the tornado runs, then { seq, result } or { seq, error } (a plan that cannot be costed comes
// back as a message). Compare sends its scenarios whole ({ kind: 'compare' }) and gets back the
// comparison rows and each schedule's purchases by period (no per-workload timeline).
import { compareScenarios, type Comparison } from '../../../core/tco/compare.ts';
import { schedulable, scheduleOf } from '../../lib/components/schedule/schedule-of.ts';
import type { Schedule } from '../../../core/schedule/schedule.ts';
import { baselineComparisons } from '../../../core/tco/baselines.ts';
import { computeTco } from '../../../core/tco/engine.ts';
import { baselineSummary, reportSummary, type BaselineComparisonSummary, type TcoReportSummary } from '../../../core/tco/report-summary.ts';
import { sensitivity, type SensitivityResult } from '../../../core/tco/sensitivity.ts';
import { applyAssumptions, type Assumptions } from '../../../core/tco/what-if.ts';
import { planYears, type PlanYearCost } from '../../../core/schedule/schedule.ts';
import type { PlanInput, PlanResult } from '../../../core/types.ts';

export type TcoJob = 'report' | 'baselines' | 'sensitivity';
/** the plan and the (saved) input it is costed on; `key` names this pair in later jobs */
export type TcoData = { key: number; input: PlanInput; plan: PlanResult };
export type TcoJobRequest = { kind: 'job'; seq: number; key: number; job: TcoJob; assumptions: Assumptions; pct: number };
export type CompareItem = { name: string; input: PlanInput; plan: PlanResult };
export type CompareRequest = { kind: 'compare'; seq: number; items: CompareItem[] };
/** what Compare draws of a schedule: the sentence and the purchases by period */
export type CompareSchedule = Pick<Schedule, 'summary' | 'periods' | 'interval_months' | 'capex_usd' | 'replacement_usd'>;
export type CompareScheduleState = { name: string } & ({ schedule: CompareSchedule; error: null } | { schedule: null; error: string });
export type CompareResult = { comparison: Comparison; schedules: CompareScheduleState[] };
export type TcoRequest = ({ kind: 'data' } & TcoData) | TcoJobRequest | CompareRequest;
export type TcoReportResult = { report: TcoReportSummary; years: PlanYearCost[]; ms: number };
export type TcoJobResult = TcoReportResult | CompareResult | { baselines: BaselineComparisonSummary[] } | { sensitivity: SensitivityResult };
export type TcoReply =
  | { seq: number; kind: 'progress'; done: number; total: number }
  | { seq: number; kind: 'result'; result: TcoJobResult }
  | { seq: number; kind: 'error'; message: string };

/** One job on the data, as the worker runs it (also the main-thread fallback where no worker can start). */
export function runTcoJob(req: Pick<TcoJobRequest, 'job' | 'assumptions' | 'pct'>, data: Pick<TcoData, 'input' | 'plan'>, onProgress: (done: number, total: number) => void = () => {}): TcoJobResult {
  const input = applyAssumptions(data.input, req.assumptions);
  switch (req.job) {
    case 'report': {
      const t0 = performance.now();
      const report = computeTco(input, data.plan);
      return { report: reportSummary(report), years: planYears(input, report), ms: performance.now() - t0 };
    }
    case 'baselines':
      return { baselines: baselineComparisons(input, data.plan).map(baselineSummary) };
    case 'sensitivity':
      return { sensitivity: sensitivity(input, data.plan, { pct: req.pct, onProgress }) };
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
      schedules.push({ name: x.name, schedule: { summary, periods, interval_months, capex_usd, replacement_usd }, error: null });
    }
  });
  return { comparison, schedules };
}

// the worker's global scope (the renderer's tsconfig types `self` as a window); absent in tests
const scope = (typeof self === 'undefined' ? null : self) as unknown as {
  onmessage: ((e: MessageEvent<TcoRequest>) => void) | null;
  postMessage: (m: TcoReply) => void;
} | null;

if (scope && typeof window === 'undefined') {
  let data: TcoData | null = null;
  scope.onmessage = (e) => {
    const req = e.data;
    if (req.kind === 'data') {
      data = req;
      return;
    }
    try {
      if (req.kind === 'compare') {
        scope.postMessage({ seq: req.seq, kind: 'result', result: runCompareJob(req.items) });
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
