// A few lines of plain text on a TCO report and its baselines (the CLI prints them; the UI and
// the PDF may reuse them as captions).
import { formatCount, formatMoney, formatMonth, formatNumber, formatPctOfBaseline, formatPctPerYear, formatUsdPerMTok } from '../format.ts';
import type { BaselineComparison } from './baselines.ts';
import type { TcoReport } from './engine.ts';

/**
 * What a horizon cost is net of, "" when nothing: the discount and a residual credit (≤ 0 as a cost
 * line), each only when there is one. A discounted horizon cost is net of the credit's present
 * value, which is said beside the credit as paid (the PDF's summary says the same): "$1,992,114
 * (discounted at 8% a year, net of $914,470 residual credit)" read as $2.91M before the credit,
 * where it was $2.72M ($730,606 at present value). `fleetplan tco` and `fleetplan optimize` write it.
 */
export function horizonCostNotes(discountRatePct: number, residualUsd: number, residualPvUsd: number): string {
  const pvWords = discountRatePct > 0 && Math.abs(residualPvUsd - residualUsd) >= 0.5 ? `, ${formatMoney(-residualPvUsd)} at present value` : '';
  return [
    discountRatePct > 0 ? `discounted at ${formatPctPerYear(discountRatePct)}` : '',
    residualUsd !== 0 ? `net of ${formatMoney(-residualUsd)} residual credit${pvWords}` : '',
  ].filter(Boolean).join(', ');
}

/**
 * What the replacements figure is, beside the capex that leaves it out: `fleetplan tco` and
 * `fleetplan optimize` both print the report's replacement_usd with these words.
 */
export const REPLACEMENTS_WORDS = 're-buys at the end of lifetimes, at the prices of their months';

/**
 * What the capex figure counts: the first purchases "in all periods" where the plan has several
 * purchase periods; a one-period plan has no periods to speak of (it read "first purchases in all
 * periods" of a plan that buys everything in its first month).
 */
export function capexWords(periodCount: number): string {
  return periodCount > 1 ? 'first purchases in all periods' : 'first purchases';
}

/** `periodCount`: the plan's purchase periods (one when not given), which the capex line speaks of only when there are several. */
export function summariseTco(r: TcoReport, baselines: readonly BaselineComparison[] = [], periodCount = 1): string[] {
  const t = r.totals;
  const residualPv = r.byLine.find((l) => l.line === 'residual_credit')?.horizon_cost_usd ?? t.residual_credit_usd;
  const notes = horizonCostNotes(r.discount_rate_pct, t.residual_credit_usd, residualPv);
  const lines = [
    `${r.horizon_months} months from ${formatMonth(r.start_month)}: ${formatCount(r.served_workloads, 'workload')} served${r.unserved_workloads ? `, ${formatNumber(r.unserved_workloads)} unserved in at least one period` : ''}`,
    `horizon cost   ${formatMoney(t.horizon_cost_usd)}${notes ? `  (${notes})` : ''}`,
    `undiscounted   ${formatMoney(t.undiscounted_usd)}`,
    `capex          ${formatMoney(t.capex_usd)}  (${capexWords(periodCount)}, replacements excluded)`,
    // the replacements the capex line excludes, given (the PDF names them beside the capex): with
    // 20-month lifetimes over 36 months the demo re-bought $42,560 of devices that no line showed
    ...(t.replacement_usd > 0 ? [`replacements   ${formatMoney(t.replacement_usd)}  (${REPLACEMENTS_WORDS})`] : []),
    `run-rate       ${formatMoney(t.run_rate_start_usd)} /month at start, ${formatMoney(t.run_rate_end_usd)} /month at end`,
    // undiscounted (docs/model.md 6), said where the horizon cost above it is a present value, as
    // the PDF says it: at 8 % the demo's $0.33 /M tok read as the $1.99M horizon cost's $0.32
    `cost per M output tokens  ${formatUsdPerMTok(t.usd_per_m_tokens)}${r.discount_rate_pct > 0 && t.usd_per_m_tokens != null ? ' undiscounted' : ''} (${r.byTier
      .filter((x) => x.output_tokens_m > 0)
      .map((x) => `${x.tier} ${formatUsdPerMTok(x.usd_per_m_tokens)}`)
      .join(', ') || 'no tokens served'})`,
  ];
  for (const b of baselines) {
    const name = b.baseline.label;
    if (b.baseline.status !== 'ok') {
      lines.push(`vs ${name}: none — ${b.baseline.reason}`);
      continue;
    }
    const s = b.saving_usd ?? 0;
    // a baseline that costs what the plan costs (an all-API plan against all on token APIs) is the
    // same cost, as the PDF says: not "saves $0 (0% of the baseline), never dearer"
    if (Math.abs(s) < 0.5) {
      lines.push(`vs ${name}: costs the same as the plan${b.baseline.caption ? ` [${b.baseline.caption}]` : ''}`);
      continue;
    }
    const pct = b.saving_pct == null ? '' : ` (${formatPctOfBaseline(Math.abs(b.saving_pct))})`;
    // a lopsided baseline (forced by a few workloads) is no alternative: its difference is given in
    // one line with the reason, as the PDF says it, never as "saves $X" that the next line takes back
    if (b.baseline.lopsided && s > 0) {
      lines.push(`vs ${name}: the baseline costs ${formatMoney(s)} more than the plan, but this is ${b.baseline.lopsided}${b.baseline.caption ? ` [${b.baseline.caption}]` : ''}`);
      continue;
    }
    // the share follows the amount it is of, as the PDF writes it: "costs $162,063 more (107.8% of
    // the baseline)" read as a plan at 107.8 % of the baseline, where it cost 207.8 %
    const what = s >= 0 ? `saves ${formatMoney(s)}${pct}` : `costs ${formatMoney(-s)}${pct} more`;
    const be = b.break_even?.month == null ? 'no break-even within the horizon' : b.break_even.month === 0 ? `never dearer (from ${formatMonth(b.break_even.label)})` : `break-even ${formatMonth(b.break_even.label)}`;
    lines.push(`vs ${name}: ${what}, ${be}${b.baseline.caption ? ` [${b.baseline.caption}]` : ''}`);
    if (b.baseline.lopsided) lines.push(`  note: ${b.baseline.lopsided}`);
  }
  for (const w of r.warnings.slice(0, 5)) lines.push(`warning: ${w}`);
  if (r.warnings.length > 5) lines.push(`… and ${r.warnings.length - 5} more warning${r.warnings.length === 6 ? '' : 's'}`);
  return lines;
}
