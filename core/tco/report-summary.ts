// What a TCO screen draws of a report and its baselines: everything but the per-workload, per-pool
// and rack rows (thousands at scale) and the baselines' whole plans, so a worker copies back only
// what is shown. Every figure kept is the report's own (the same object fields, never recomputed).
import type { Baseline, BaselineComparison } from './baselines.ts';
import type { TcoReport } from './engine.ts';

export type TcoReportSummary = Omit<TcoReport, 'byWorkload' | 'pools' | 'racks'>;
export type BaselineSummary = Omit<Baseline, 'plan' | 'report'> & { report: TcoReportSummary | null };
export type BaselineComparisonSummary = Omit<BaselineComparison, 'baseline'> & { baseline: BaselineSummary };

export function reportSummary(r: TcoReport): TcoReportSummary {
  const { byWorkload: _byWorkload, pools: _pools, racks: _racks, ...summary } = r;
  return summary;
}

export function baselineSummary(c: BaselineComparison): BaselineComparisonSummary {
  const { plan: _plan, report, ...baseline } = c.baseline;
  return { ...c, baseline: { ...baseline, report: report ? reportSummary(report) : null } };
}
