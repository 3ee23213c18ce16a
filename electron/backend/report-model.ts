// The report model of one solved plan as a self-contained job: plain data in (the plan, the input
// it was solved from, the document's name and dates), the model out. The same function runs in
// process and in report-model.worker.ts, which builds it beside Chromium's start and page load.
// The costly part (TCO, baselines, sensitivity, schedule) depends on the plan and its input only,
// and a stored plan never changes once solved: it is kept per plan (PlanFigures) and handed back
// with the job, so a second export of the same plan skips it.
import { buildReportModel, type ReportModel } from '../../core/report/model.ts';
import { fromTcoEngine, type ReportTco } from '../../core/report/report-tco.ts';
import { buildSchedule, type Schedule } from '../../core/schedule/schedule.ts';
import { baselineComparisons, computeTco, sensitivity } from '../../core/tco/index.ts';
import type { ApiErrorCode } from '../../core/fleet-error.ts';
import type { PlanInput, PlanResult } from '../../core/types.ts';

/** What the report reads of a plan's costs: a function of the plan and its input alone. */
export type PlanFigures = { tco: ReportTco; schedule: Schedule };

export type ReportModelJob = {
  input: PlanInput;
  plan: PlanResult;
  scenario: string;
  fileName: string;
  generatedAt: string;
  solvedAt: string | null;
  stale: boolean;
  /** not the scenario's latest run (an earlier plan picked in Results) */
  olderPlan?: boolean;
  pageSize: 'A4' | 'Letter';
  /** this plan's figures from an earlier export, when there was one */
  figures?: PlanFigures | undefined;
};

/** TCO, the baselines, the sensitivity and the schedule of the plan, laid out as the report reads them. */
export function planFigures(input: PlanInput, plan: PlanResult): PlanFigures {
  const report = computeTco(input, plan);
  const tco = fromTcoEngine(report, baselineComparisons(input, plan, report), sensitivity(input, plan, { base: report }));
  return { tco, schedule: buildSchedule(input, plan, report) };
}

/** The model and the plan's figures it was built from (to keep for the next export of the plan). */
export function computeReportModel(job: ReportModelJob): { model: ReportModel; figures: PlanFigures } {
  const { input, plan } = job;
  const figures = job.figures ?? planFigures(input, plan);
  const model = buildReportModel({
    input,
    plan,
    tco: figures.tco,
    schedule: figures.schedule,
    meta: {
      fileName: job.fileName,
      scenario: job.scenario,
      generatedAt: job.generatedAt,
      solvedAt: job.solvedAt,
      stale: job.stale,
      olderPlan: !!job.olderPlan,
      pageSize: job.pageSize,
    },
  });
  return { model, figures };
}

/**
 * The figures of the last plan reported, per backend: keyed by the document's path, the plan's id
 * and its solve (time and input hash; plan ids restart in another document, a stored plan is
 * never rewritten).
 * One entry: a report of another plan replaces it, so memory stays bounded.
 */
export class PlanFiguresCache {
  private key: string | null = null;
  private figures: PlanFigures | null = null;
  static keyOf(docPath: string, planId: number, solve: string | null): string {
    return JSON.stringify([docPath, planId, solve]);
  }
  get(key: string): PlanFigures | undefined {
    return key === this.key && this.figures ? this.figures : undefined;
  }
  set(key: string, figures: PlanFigures): void {
    this.key = key;
    this.figures = figures;
  }
}

/** What the worker answers: the model and figures, or the error's code and message (a FleetError stays one). */
export type ReportModelReply =
  | { ok: true; model: ReportModel; figures: PlanFigures }
  | { ok: false; code: ApiErrorCode | null; message: string };
