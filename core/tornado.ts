// The tornado's figures and words as every view draws them (the TCO view, the PDF, their charts):
// which case gets a bar, how long a row's bar is, and what a row, its cases and the legend are
// called. Light on purpose: the charts (renderer/lib/charts.ts) import it without the TCO engine.
import { formatDecimal, formatRatePct } from './format.ts';

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


/**
 * What one case moved its driver to, for the row that shows it: "−20%" / "+20%" of the driver,
 * or for a trend driver the yearly rate it solved with ("−18%/yr"), since its move is not ±pct of
 * a price (a rate of 0 moves by ±5 points).
 */
export function caseLabel(driver: string, direction: 'low' | 'high', pct: number, ratePct?: number | null): string {
  if ((driver === 'hardware_trend' || driver === 'cloud_trend') && ratePct != null) return `${formatRatePct(ratePct, true)}/yr`;
  return `${direction === 'low' ? '−' : '+'}${Math.round(pct * 10) / 10}%`;
}

/** A sensitivity row as far as its words go (core/tco/sensitivity.ts SensitivityRow). */
export type TornadoRowWords = { driver: string; label: string; display_label: string; low: { rate_pct?: number | null }; high: { rate_pct?: number | null } };

const isTrend = (r: TornadoRowWords) => r.low.rate_pct != null;

/**
 * A row's label and its two cases' names: a price-trend row names the yearly rates it moved to
 * ("Hardware price trend (−24%/yr / −16%/yr)"), since its cases are not ±pct of a price. The PDF
 * drew the bare "Hardware price trend" under a "−20% / +20%" legend, its "−20%" bar the −24 %/yr
 * case: the app and the PDF now take their words from here.
 */
export function tornadoRowWords(r: TornadoRowWords, pct: number): { label: string; lowLabel: string; highLabel: string } {
  const lo = caseLabel(r.driver, 'low', pct, r.low.rate_pct);
  const hi = caseLabel(r.driver, 'high', pct, r.high.rate_pct);
  return { label: isTrend(r) ? `${r.display_label} (${lo} / ${hi})` : r.display_label, lowLabel: `${r.label} ${lo}`, highLabel: `${r.label} ${hi}` };
}

/** The legend's two names when "−pct% / +pct%" is not true of every row (trend rows); undefined when it is. */
export function tornadoLegend(rows: readonly TornadoRowWords[], pct: number): [string, string] | undefined {
  if (!rows.some(isTrend)) return undefined;
  return [`Low case (−${formatDecimal(pct)}%; trends: rate on the row)`, `High case (+${formatDecimal(pct)}%; trends: rate on the row)`];
}
