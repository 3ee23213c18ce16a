// Everything a TCO view or the PDF needs in one call: the plan's report, both baselines with
// saving and break-even, and the tornado rows (each recomputed by the same engine).
import type { PlanInput, PlanResult } from '../types.ts';
import { baselineComparisons, type BaselineComparison } from './baselines.ts';
import { computeTco, type TcoReport } from './engine.ts';
import { sensitivity, type SensitivityResult } from './sensitivity.ts';

export type TcoView = { report: TcoReport; baselines: BaselineComparison[]; sensitivity: SensitivityResult | null };

export function tcoView(input: PlanInput, plan: PlanResult, opts: { sensitivityPct?: number | null } = {}): TcoView {
  const report = computeTco(input, plan);
  const pct = opts.sensitivityPct === undefined ? 20 : opts.sensitivityPct;
  return {
    report,
    baselines: baselineComparisons(input, plan, report),
    sensitivity: pct == null ? null : sensitivity(input, plan, { pct }),
  };
}
