// The optimality test of DESIGN 5: a plan is `optimal` when its relative gap to the bound is at
// most 1e-4; the gap is a fraction (not a percentage) and never negative.
export const OPTIMAL_GAP = 1e-4;

/** (objective − bound) ÷ max(1, |objective|), clamped at 0. */
export function relGap(objective: number, bound: number): number {
  return Math.max(0, (objective - bound) / Math.max(1, Math.abs(objective)));
}
