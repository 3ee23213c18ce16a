// TCO exports: CSV for spreadsheets and the `tco --json` document (DESIGN 8).
//
// CSV: UTF-8 (BOM optional, on by default so spreadsheet apps detect UTF-8), comma, CRLF, one
// header row `section,month,month_label,line,line_label,usd` and long-format rows a pivot
// table reads directly:
//   section "month":      one row per month and cost line (every line, zeros included), plus
//                         line "total" (the month's undiscounted total) and "cumulative_pv"
//   section "total":      horizon_cost_usd, undiscounted_usd, capex_usd, residual_credit_usd,
//                         run_rate_start_usd, run_rate_end_usd, output_tokens_m, usd_per_m_tokens
//   section "line_total", "tier_total", "site_total": undiscounted sum per line / tier / site
//   section "tier_usd_per_m_tokens": undiscounted USD per million output tokens per tier
//   section "baseline":   horizon cost, saving and break-even month per baseline (when given)
// The wide CSV (tcoWideCsv) is the same month rows pivoted for finance: one row per cost line
// plus Total and Cumulative (discounted), one column per calendar month (YYYY-MM), and a last
// column with the horizon sum (blank for the cumulative row, whose sum means nothing).
// USD to the cent (per-million figures to 1e-4). Text cells that a spreadsheet would run as a
// formula (leading = + - @ tab CR) are prefixed with ' ; numbers are written as plain numbers.
import { COST_LINES } from '../cost.ts';
import type { BaselineComparison } from './baselines.ts';
import type { BaselineComparisonSummary, TcoReportSummary } from './report-summary.ts';
import type { TcoReport } from './engine.ts';

export const CSV_HEADER = ['section', 'month', 'month_label', 'line', 'line_label', 'usd'] as const;

/** A text cell safe for spreadsheets: formula triggers neutralised, quoted when needed. */
export function csvText(s: string): string {
  let t = s;
  if (/^[=+\-@\t\r]/.test(t)) t = `'${t}`;
  return /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}
/** A number cell: fixed decimals, never "-0", never exponent notation for money. */
export function csvNumber(x: number | null, decimals = 2): string {
  if (x == null || !Number.isFinite(x)) return '';
  const s = x.toFixed(decimals);
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
}

export function tcoCsv(report: TcoReportSummary, opts: { baselines?: readonly BaselineComparisonSummary[]; bom?: boolean } = {}): string {
  const rows: string[] = [CSV_HEADER.join(',')];
  const row = (section: string, month: number | null, label: string, line: string, lineLabel: string, usd: string) =>
    rows.push([csvText(section), month == null ? '' : String(month), csvText(label), csvText(line), csvText(lineLabel), usd].join(','));
  for (const m of report.months) {
    for (const line of COST_LINES) row('month', m.month, m.label, line, report.line_labels[line], csvNumber(m.lines[line]));
    row('month', m.month, m.label, 'total', 'Total', csvNumber(m.total_usd));
    row('month', m.month, m.label, 'cumulative_pv', 'Cumulative (discounted)', csvNumber(m.cumulative_pv_usd));
  }
  const t = report.totals;
  const totals: [string, string, number | null, number][] = [
    ['horizon_cost_usd', 'Horizon cost (discounted, net of residual)', t.horizon_cost_usd, 2],
    ['undiscounted_usd', 'Undiscounted total', t.undiscounted_usd, 2],
    ['capex_usd', 'Capex (first purchases, excl. replacements)', t.capex_usd, 2],
    ['residual_credit_usd', 'Residual credit', t.residual_credit_usd, 2],
    ['run_rate_start_usd', 'Monthly run-rate, first month', t.run_rate_start_usd, 2],
    ['run_rate_end_usd', 'Monthly run-rate, last month', t.run_rate_end_usd, 2],
    ['output_tokens_m', 'Output tokens served (millions)', t.output_tokens_m, 2],
    ['usd_per_m_tokens', 'USD per million output tokens (undiscounted)', t.usd_per_m_tokens, 4],
  ];
  for (const [k, label, v, d] of totals) row('total', null, '', k, label, csvNumber(v, d));
  for (const l of report.byLine) row('line_total', null, '', l.line, l.label, csvNumber(l.undiscounted_usd));
  for (const x of report.byTier) row('tier_total', null, '', x.tier, x.tier, csvNumber(x.undiscounted_usd));
  for (const x of report.byTier) row('tier_usd_per_m_tokens', null, '', x.tier, x.tier, csvNumber(x.usd_per_m_tokens, 4));
  for (const s of report.bySite) row('site_total', null, '', s.site, s.kind, csvNumber(s.undiscounted_usd));
  for (const b of opts.baselines ?? []) {
    const id = b.baseline.id;
    if (b.baseline.status !== 'ok') {
      row('baseline', null, '', `${id}_status`, `${b.baseline.label}: none (${b.baseline.reason ?? ''})`, '');
      continue;
    }
    row('baseline', null, '', `${id}_horizon_cost_usd`, b.baseline.label, csvNumber(b.baseline.report!.totals.horizon_cost_usd));
    row('baseline', null, '', `${id}_saving_usd`, `Saving vs ${b.baseline.label}`, csvNumber(b.saving_usd));
    row('baseline', b.break_even?.month ?? null, b.break_even?.label ?? '', `${id}_break_even`, b.break_even?.month == null ? 'none within the horizon' : 'break-even month', '');
  }
  return (opts.bom === false ? '' : '\ufeff') + rows.join('\r\n') + '\r\n';
}

/** Lines × months: a row per cost line, Total and Cumulative (discounted); a column per month. */
export function tcoWideCsv(report: TcoReportSummary, opts: { bom?: boolean } = {}): string {
  const header = ['line', 'line_label', ...report.months.map((m) => m.label), 'horizon_total'];
  const rows: string[] = [header.map(csvText).join(',')];
  const row = (line: string, label: string, values: number[], sum: number | null) =>
    rows.push([csvText(line), csvText(label), ...values.map((v) => csvNumber(v)), csvNumber(sum)].join(','));
  for (const line of COST_LINES) {
    const values = report.months.map((m) => m.lines[line]);
    row(line, report.line_labels[line], values, values.reduce((a, v) => a + v, 0));
  }
  const totals = report.months.map((m) => m.total_usd);
  row('total', 'Total', totals, totals.reduce((a, v) => a + v, 0));
  row('cumulative_pv', 'Cumulative (discounted)', report.months.map((m) => m.cumulative_pv_usd), null);
  return (opts.bom === false ? '' : '\ufeff') + rows.join('\r\n') + '\r\n';
}

export type TcoJsonBaseline = {
  id: string;
  label: string;
  status: 'ok' | 'none';
  reason: string | null;
  caption: string | null;
  horizon_cost_usd: number | null;
  undiscounted_usd: number | null;
  saving_usd: number | null;
  saving_pct: number | null;
  break_even_month: number | null;
  break_even_label: string | null;
  months: { month: number; label: string; total_usd: number; cumulative_pv_usd: number }[];
};

/** The `tco --json` document: DESIGN 8's required fields plus the report's breakdowns. */
export function tcoJson(report: TcoReport, opts: { baselines?: BaselineComparison[]; scenario?: string; plan_id?: number; stale?: boolean } = {}) {
  return {
    scenario: opts.scenario ?? null,
    plan_id: opts.plan_id ?? null,
    stale: opts.stale ?? null,
    horizon_months: report.horizon_months,
    start_month: report.start_month,
    discount_rate_pct: report.discount_rate_pct,
    residual_value: report.residual_value,
    totals: report.totals,
    lines: report.lines,
    line_labels: report.line_labels,
    months: report.months.map((m) => ({
      month: m.month,
      label: m.label,
      total_usd: m.total_usd,
      lines: m.lines,
      byTier: m.byTier,
      cumulative_usd: m.cumulative_usd,
      discount_factor: m.discount_factor,
      cumulative_pv_usd: m.cumulative_pv_usd,
      demand: m.demand,
    })),
    byLine: report.byLine,
    byTier: report.byTier,
    bySite: report.bySite,
    byWorkload: report.byWorkload,
    pools: report.pools,
    racks: report.racks,
    capacity_ok: report.capacity_ok,
    warnings: report.warnings,
    baselines: (opts.baselines ?? []).map((b): TcoJsonBaseline => ({
      id: b.baseline.id,
      label: b.baseline.label,
      status: b.baseline.status,
      reason: b.baseline.reason,
      caption: b.baseline.caption,
      horizon_cost_usd: b.baseline.report?.totals.horizon_cost_usd ?? null,
      undiscounted_usd: b.baseline.report?.totals.undiscounted_usd ?? null,
      saving_usd: b.saving_usd,
      saving_pct: b.saving_pct,
      break_even_month: b.break_even?.month ?? null,
      break_even_label: b.break_even?.label ?? null,
      months: (b.baseline.report?.months ?? []).map((m) => ({ month: m.month, label: m.label, total_usd: m.total_usd, cumulative_pv_usd: m.cumulative_pv_usd })),
    })),
  };
}
export type TcoJson = ReturnType<typeof tcoJson>;
