// The plain MILP of a scenario (DESIGN 5: periods, site limits as rows, no tightening) as CPLEX LP
// text, and the reasons it is infeasible. The one place the backend reaches the LP writer.
import { exactLpV2 } from '../../core/optimizer/v2/lp.ts';
import { periodGaps } from '../../core/optimizer/v2/solve.ts';
import type { PlanInput } from '../../core/types.ts';

export type ExactLp = { text: string; variables: number; constraints: number; warnings: string[] };

export function exactLpOf(input: PlanInput, scenario: string): ExactLp {
  const lp = exactLpV2(input, scenario);
  // a period a workload cannot be served in makes the LP infeasible unless unserved demand is priced
  const warnings = input.settings.unserved_penalty_usd_per_month == null ? periodGaps(lp.model) : [];
  return { text: lp.text, variables: lp.model.numCols, constraints: lp.model.rows.length, warnings };
}
