// The report model of one solved plan as a self-contained job: plain data in (the plan, the input
// it was solved from, the document's name and dates), the model out. The same function runs in
// process and in report-model.worker.ts, which builds it beside Chromium's start and page load.
import { buildReportModel, type ReportModel } from '../../core/report/model.ts';
import { fromTcoEngine } from '../../core/report/report-tco.ts';
import { baselineComparisons, computeTco, sensitivity } from '../../core/tco/index.ts';
import type { ApiErrorCode } from '../../core/fleet-error.ts';
import type { PlanInput, PlanResult } from '../../core/types.ts';

export type ReportModelJob = {
  input: PlanInput;
  plan: PlanResult;
  scenario: string;
  fileName: string;
  generatedAt: string;
  solvedAt: string | null;
  stale: boolean;
  pageSize: 'A4' | 'Letter';
};

/** TCO, the baselines and the sensitivity of the plan, laid out as the report reads them. */
export function computeReportModel(job: ReportModelJob): ReportModel {
  const { input, plan } = job;
  const report = computeTco(input, plan);
  const tco = fromTcoEngine(report, baselineComparisons(input, plan, report), sensitivity(input, plan));
  return buildReportModel({
    input,
    plan,
    tco,
    meta: {
      fileName: job.fileName,
      scenario: job.scenario,
      generatedAt: job.generatedAt,
      solvedAt: job.solvedAt,
      stale: job.stale,
      pageSize: job.pageSize,
    },
  });
}

/** What the worker answers: the model, or the error's code and message (a FleetError stays one). */
export type ReportModelReply = { ok: true; model: ReportModel } | { ok: false; code: ApiErrorCode | null; message: string };
