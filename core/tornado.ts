// The tornado's figures as every view draws them (the TCO view, the PDF, their charts): which case
// gets a bar, and how long a row's bar is. Light on purpose: the charts (renderer/lib/charts.ts)
// import it without the TCO engine.

/**
 * A case's horizon cost as a chart or table shows it: null when the fixed plan no longer covers the
 * case's peak demand. Its horizon_cost_usd then costs hardware that cannot serve the demand (the
 * demand it misses is in no line): a figure no plan reaches, whose bar read as what +20 % growth
 * costs (bench/trust.ts replicas-4: "+$107,658" where the plan falls short; custom-catalog-12:
 * utilisation −20 % drew no bar at all, as if it moved nothing). Re-optimising prices such a case.
 */
export function shownCost(side: { horizon_cost_usd: number; covers_demand: boolean }): number | null {
  return side.covers_demand ? side.horizon_cost_usd : null;
}

/** A tornado row's bar length: |high − low| of its cases, a case not priced (null) counting as the base. */
export function swingOf(base: number, low: number | null, high: number | null): number {
  return Math.abs((high ?? base) - (low ?? base));
}

