// The exact MILP of a scenario (DESIGN 5: no pruning, no cuts, site limits as rows) as CPLEX LP
// text, and the reasons it is infeasible. The one place the backend reaches the LP writers.
import { noCandidateReason } from '../../core/optimizer/explain.ts';
import { exactLp } from '../../core/optimizer/lp-writer.ts';
import { exactLpV2 } from '../../core/optimizer/v2/lp.ts';
import { periodGaps } from '../../core/optimizer/v2/solve.ts';
import { usesPhasedEngine } from '../../core/sizing.ts';
import type { PlanInput } from '../../core/types.ts';

export type ExactLp = { text: string; variables: number; constraints: number; warnings: string[] };

export function exactLpOf(input: PlanInput, scenario: string): ExactLp {
  // phased scenarios: the DESIGN 5 v2 model (periods); single-purchase ones: the v1 model
  if (usesPhasedEngine(input)) {
    const lp = exactLpV2(input, scenario);
    const warnings = input.settings.unserved_penalty_usd_per_month == null ? periodGaps(lp.model) : [];
    return { text: lp.text, variables: lp.model.numCols, constraints: lp.model.rows.length, warnings };
  }
  const lp = exactLp(input, scenario);
  const warnings = lp.model.workloads.filter((e) => e.xs.length === 0 && e.y == null).map((e) => noCandidateReason(e, input));
  return { text: lp.text, variables: lp.model.numCols, constraints: lp.model.rows.length, warnings };
}
