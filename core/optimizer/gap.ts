// The optimality test of DESIGN 5: a plan is `optimal` when its relative gap to the bound is at
// most 1e-4; the gap is a fraction (not a percentage) and never negative.
export const OPTIMAL_GAP = 1e-4;

/** (objective − bound) ÷ max(1, |objective|), clamped at 0. */
export function relGap(objective: number, bound: number): number {
  return Math.max(0, (objective - bound) / Math.max(1, Math.abs(objective)));
}

/**
 * The gap the search stops on (solve.ts gapRule), not the status's: (objective − bound) ÷ the plan's
 * horizon cost (objective less its unserved `penaltyUsd`; searchScale), clamped at 0; relGap itself
 * when the plan has no penalty. Two workloads the site limits keep unserved at $1e9 a month (a 20-
 * workload fuzz scenario, 36 months bought every 6) put DESIGN 5's gap of a $72.03 B objective at
 * 0.0003–0.001 % while $0.21–0.73 M of a ~$28 M horizon cost stayed unproven, and the solve stopped
 * at 10.5–13 s of 30 s with $27.96–28.46 M; measured against the horizon cost it runs on and ends at
 * $27.88 M (bound $27.86 M), CBC's plan after 150 s (its plan at 30 s: $28.76 M).
 */
export function searchGap(objective: number, bound: number, penaltyUsd = 0): number {
  return Math.max(0, (objective - bound) / searchScale(objective, penaltyUsd));
}

/**
 * The horizon cost's floor, as a fraction of the objective, in searchGap: a horizon cost of $1,000
 * beside $70 B of penalties would ask for a bound within $0.10 of a $70 B objective (1e-12 of it),
 * closer than HiGHS computes, and every such solve would run to its limit; at 1e-3 the search asks
 * for at most 1e-7 of the objective before its clock starts (1e-9 to stop at once).
 */
export const SEARCH_SCALE_FLOOR = 1e-3;

/** What searchGap divides by: the horizon cost (objective less penalties), at least 1 and SEARCH_SCALE_FLOOR of the objective. */
export function searchScale(objective: number, penaltyUsd = 0): number {
  return Math.max(1, Math.abs(objective - penaltyUsd), SEARCH_SCALE_FLOOR * Math.abs(objective));
}

/**
 * The gap a reader is shown: null where no bound above $0 was proven. A plan the search stopped on
 * before any bound carries the bound $0 and the gap 1 (true, and a number for scripts reading the
 * plan JSON), which is no proof: the app and the PDF say "no lower bound proven" for it, not "gap
 * 100 % to the proven bound".
 */
export function provenGap(p: { gap: number | null; bound_usd: number | null }): number | null {
  return p.gap != null && p.bound_usd != null && p.bound_usd > 0 ? p.gap : null;
}

/**
 * The unserved penalties in a plan's objective (objective − horizon cost, DESIGN 5), 0 when it has
 * none or lacks either figure. The gap is the objective's, penalties included.
 */
export function penaltyUsd(p: { objective_usd?: number | null; totals?: { horizon_cost_usd: number } | null }): number {
  return p.objective_usd != null && p.totals ? Math.max(0, p.objective_usd - p.totals.horizon_cost_usd) : 0;
}
