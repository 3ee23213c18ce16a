// TCO exports: CSV for spreadsheets and the `tco --json` document (DESIGN 8).
//
// CSV: UTF-8 (BOM optional, on by default so spreadsheet apps detect UTF-8), comma, CRLF, one
// header row `section,month,month_label,line,line_label,usd` and long-format rows a pivot
// table reads directly:
//   section "about":      first, one row per fact a reader of the file alone needs to read its
//                         figures right (tcoExportNotes): the scenario and plan, its status, whether
//                         the plan is out of date, the what-if, what is discounted and at which
//                         rate, the residual credit, the price trends, the horizon, unserved
//                         workloads; the sentence in line_label, usd empty. No comment lines: Excel
//                         and pandas read the file without options
//   section "month":      one row per month and cost line (every line, zeros included), plus
//                         line "total" (the month's undiscounted total) and "cumulative_pv"
//   section "total":      horizon_cost_usd, undiscounted_usd, capex_usd, residual_credit_usd,
//                         run_rate_start_usd, run_rate_end_usd, output_tokens_m, usd_per_m_tokens
//   section "line_total", "tier_total", "site_total": undiscounted sum per line / tier / site
//   section "tier_usd_per_m_tokens": undiscounted USD per million output tokens per tier
//   section "baseline":   horizon cost, saving and break-even month per baseline (when given)
// The wide CSV (tcoWideCsv) is the same month rows pivoted for finance: one row per cost line
// plus Total and Cumulative (discounted), one column per calendar month (YYYY-MM), and a last
// column with the horizon sum (blank for the cumulative row, whose sum means nothing); the same
// "about" facts come first, as rows `about:<key>,<sentence>` with empty month cells.
// Labels say what they hold at the report's settings: "Cumulative, discounted at 8% a year" or
// "Cumulative (not discounted: rate 0%)", never "discounted" at 0 % nor "net of residual" with the
// residual credit off.
// `tco --json` carries the same facts: the settings, the plan's status, gap, staleness, the
// what-if changes, and `notes`, the same sentences as the CSV's about rows.
// Months: YYYY-MM in what a program reads (month_label, the wide CSV's month columns, the JSON's
// labels and start_month; solved_at an ISO timestamp), "Jul 2026" in what a person reads (the
// about rows and notes, the engine's warnings): a note said "2026-05 to 2029-04" beside
// beyondPlanNote's "Apr 2029" in one file.
// USD to the cent (per-million figures to 1e-4). Text cells that a spreadsheet would run as a
// formula (leading = + - @ tab CR) are prefixed with ' ; numbers are written as plain numbers.
import { COST_LINES } from '../cost.ts';
import { formatDateTimeUtc, formatMoney, formatMonth, formatPctPerYear, formatPlanMonth, planStatusText } from '../format.ts';
import { exportFileName } from '../names.ts';
import type { PlanResult } from '../types.ts';
import type { BaselineComparison } from './baselines.ts';
import type { BaselineComparisonSummary, TcoReportSummary } from './report-summary.ts';
import type { TcoReport } from './engine.ts';
import { beyondPlanNote, whatIfChanges, type Assumptions } from './what-if.ts';

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

/**
 * What an export costs and with what: the stored plan (null: none stored, e.g. a test's plan), its
 * scenario, whether it is an earlier plan of the history than the latest, and for a what-if the
 * saved scenario's assumptions and those the report was computed with.
 */
export type TcoExportSource = {
  scenario: string | null;
  plan: { id: number; solvedAt: string; stale: boolean; result: Pick<PlanResult, 'status' | 'gap' | 'bound_usd' | 'stopped_by' | 'periods' | 'pools' | 'edge'> } | null;
  olderPlan?: boolean;
  whatIf?: { saved: Assumptions; shown: Assumptions } | null;
};
export type TcoExportNote = { key: string; text: string };

/**
 * The TCO CSV's file name, as every export names it: the document, the scenario, "-tco", then
 * "-what-if" and "-by-month" (the wide shape) when they apply: "demo-Base-tco.csv". Results'
 * "TCO tables (CSV)" and the TCO view's "Export CSV" named the same tables "demo-Base-tco.csv"
 * and "tco-Base.csv".
 */
export function tcoCsvFileName(docPath: string | null, scenario: string | null, opts: { whatIf?: boolean; wide?: boolean } = {}): string {
  return exportFileName(docPath, scenario, `-tco${opts.whatIf ? '-what-if' : ''}${opts.wide ? '-by-month' : ''}.csv`);
}

/**
 * What a TCO of a plan that leaves workloads unserved does not cost (the exports' note and the TCO
 * view's banner), or null when every workload is served.
 */
export function unservedNote(n: number): string | null {
  if (n <= 0) return null;
  return `${n} workload${n === 1 ? ' is' : 's are'} left unserved in some period: nothing is costed for ${n === 1 ? 'it' : 'them'} in the periods ${n === 1 ? 'it is' : 'they are'} unserved (the unserved penalty is not a cost)`;
}

/**
 * What a total is net of: the residual setting, and the credit it gave (≤ 0, undiscounted; $0 where
 * no hardware is still within its life at the horizon, as in a plan on token APIs alone), null where
 * the credit is not known (a plan its inputs do not cost: an older document's, or a re-optimised base's).
 */
export type ResidualBasis = Pick<TcoReport, 'residual_value'> & { residual_credit_usd: number | null };
/** A TCO report's residual basis: its setting and the credit it gave. */
export const residualBasisOf = (r: Pick<TcoReport, 'residual_value'> & { totals: Pick<TcoReport['totals'], 'residual_credit_usd'> }): ResidualBasis => ({
  residual_value: r.residual_value,
  residual_credit_usd: r.totals.residual_credit_usd,
});

/** The horizon cost's label at the report's settings: what it is discounted at and whether it is net of a residual credit. */
export function horizonCostLabel(r: Pick<TcoReport, 'discount_rate_pct'> & ResidualBasis): string {
  return `Horizon cost (${horizonCostWords(r)})`;
}
/**
 * "discounted at 8% a year, net of the residual credit", "not discounted: rate 0%, no residual
 * credit", or "discounted at 8% a year" alone where the credit is on but $0: the TCO view's KPI and
 * the exports' label.
 */
export function horizonCostWords(r: Pick<TcoReport, 'discount_rate_pct'> & ResidualBasis): string {
  const residual = residualWords(r);
  return residual ? `${discountWords(r)}, ${residual}` : discountWords(r);
}
/**
 * A sensitivity's base, said as what it is: "base $31,536,640, the horizon cost discounted at 8% a
 * year, net of the residual credit". The tornado's base (the TCO view's what-if) and the re-optimised
 * one (the saved scenario) were both "base $…": under a what-if rate of 0 % one was the plain sum
 * and the other the present value, side by side with nothing to tell them apart.
 */
export function sensitivityBaseText(baseUsd: number, r: Pick<TcoReport, 'discount_rate_pct'> & ResidualBasis): string {
  return `base ${formatMoney(baseUsd)}, the horizon cost ${horizonCostWords(r)}`;
}
/** The capex total in words, as every export and Compare name it: every period's first purchases of systems and edge devices, not their replacements ("first purchases" alone read as the start month's). */
export const CAPEX_WORDS = 'Capex (purchases in every period, excl. replacements)';

/**
 * "net of the residual credit", "no residual credit" (the setting off), or null where the credit is
 * on but $0: said of every total that sums the horizon's months. A plan on token APIs alone read
 * "net of the residual credit" on TCO and Results with no hardware to credit (the PDF and
 * `fleetplan tco` say nothing of a $0 credit); "net of any residual credit" where the credit is not known.
 */
export function residualWords(r: ResidualBasis): string | null {
  if (!r.residual_value) return 'no residual credit';
  if (r.residual_credit_usd == null) return 'net of any residual credit';
  return r.residual_credit_usd !== 0 ? 'net of the residual credit' : null;
}
/**
 * The horizon cost's heading and note on screen (Results' and TCO's key figures), in the exports'
 * words: "Horizon cost (net present)" with "36 months, discounted at 8% a year, net of the residual
 * credit" (TCO's note said "net of residual" under a what-if that turned the credit off, and Results'
 * figure said neither).
 */
export function horizonCostKpi(r: Pick<TcoReport, 'horizon_months' | 'discount_rate_pct'> & ResidualBasis): { label: string; note: string } {
  return { label: r.discount_rate_pct > 0 ? 'Horizon cost (net present)' : 'Horizon cost', note: `${r.horizon_months} months, ${horizonCostWords(r)}` };
}
/** "discounted at 8% a year" or "not discounted: rate 0%": the words of every present-value figure's label. */
const discountWords = (r: Pick<TcoReport, 'discount_rate_pct'>) => (r.discount_rate_pct > 0 ? `discounted at ${formatPctPerYear(r.discount_rate_pct)}` : 'not discounted: rate 0%');
/** The cumulative row's label: discounted at the report's rate, or not discounted at 0 %. */
export function cumulativeLabel(r: Pick<TcoReport, 'discount_rate_pct'>): string {
  return r.discount_rate_pct > 0 ? `Cumulative, ${discountWords(r)}` : `Cumulative (${discountWords(r)})`;
}

/**
 * The facts a reader of an export alone needs to read its figures right, as sentences (the CSV's
 * "about" rows and `tco --json`'s notes): which plan of which scenario, its status and gap,
 * whether it is out of date against the document's inputs, the what-if, which figures are
 * discounted and at what rate, the residual credit, the price trends, the horizon, unserved
 * workloads, and capacity short of demand.
 */
export function tcoExportNotes(report: TcoReportSummary, source: TcoExportSource): TcoExportNote[] {
  const notes: TcoExportNote[] = [];
  const H = report.horizon_months;
  // sentences name months as a person reads them ("Apr 2029", as beyondPlanNote does); the columns
  // a program reads (month_label, the wide CSV's month headers, the JSON's labels) keep YYYY-MM
  const start = formatMonth(report.start_month);
  const end = formatPlanMonth(report.start_month, H - 1);
  const p = source.plan;
  notes.push({
    key: 'plan',
    text: p
      ? `Scenario "${source.scenario ?? ''}", plan #${p.id} solved ${formatDateTimeUtc(p.solvedAt)}${source.olderPlan ? ': an earlier plan of its history, not the latest' : ''}`
      : `Scenario "${source.scenario ?? ''}": a plan not stored in the document`,
  });
  const changes = source.whatIf ? whatIfChanges(source.whatIf.saved, source.whatIf.shown) : [];
  // a proof holds for the settings and inputs the plan was solved with, not for a what-if or changed inputs
  if (p) notes.push({ key: 'plan_status', text: `${planStatusText(p.result)}${changes.length > 0 || p.stale ? ', at the settings and inputs it was solved with' : ''}` });
  if (p) {
    notes.push({
      key: 'plan_inputs',
      text: p.stale
        ? "Out of date: the document's inputs changed after this plan was solved; it is costed with the inputs it was solved from, not the current ones (re-optimize for current figures)"
        : "Up to date: the plan was solved from the document's current inputs",
    });
  }
  notes.push({
    key: 'what_if',
    text: changes.length
      ? `What-if, not saved: the plan is held fixed and costed with ${changes.map((c) => c.text).join('; ')}`
      : "No what-if: the scenario's saved settings",
  });
  notes.push({
    key: 'currency',
    text: report.discount_rate_pct > 0
      ? 'US dollars as paid in each month (prices follow the trends below). Undiscounted: the month rows, the line, tier and site totals, capex, the run-rates and the USD per million tokens; present values at the discount rate below: the horizon cost, each baseline\'s horizon cost and the saving against it, and the cumulative rows'
      : 'US dollars as paid in each month (prices follow the trends below); nothing is discounted (rate 0%)',
  });
  notes.push({
    key: 'discount_rate_pct',
    text: report.discount_rate_pct > 0
      ? `Discount rate ${formatPctPerYear(report.discount_rate_pct)}: the horizon cost and the cumulative rows are present values at ${start} (month m × (1 + rate)^(−m/12))`
      : 'Discount rate 0%: nothing is discounted; the horizon cost is the undiscounted total',
  });
  notes.push({
    key: 'residual_value',
    text: report.residual_value
      ? `Residual value on: the last month (${end}) credits the unused life of the hardware then held (${formatMoney(-report.totals.residual_credit_usd)}); totals are net of it`
      : 'Residual value off: hardware still usable at the end of the horizon is not credited',
  });
  notes.push({ key: 'hardware_price_change_pct_per_year', text: `System and edge-device prices ${formatPctPerYear(report.hardware_price_change_pct_per_year, true)}: each purchase and replacement at the price of the month it is bought` });
  notes.push({ key: 'cloud_price_change_pct_per_year', text: `Cloud-instance and token-API prices ${formatPctPerYear(report.cloud_price_change_pct_per_year, true)}, month by month from the start` });
  notes.push({ key: 'horizon_months', text: `Horizon ${H} months, ${start} to ${end}` });
  const beyond = p ? beyondPlanNote(p.result, { horizon_months: H, start_month: report.start_month }) : null;
  if (beyond) notes.push({ key: 'beyond_plan', text: beyond });
  const unserved = unservedNote(report.unserved_workloads);
  if (unserved) notes.push({ key: 'unserved_workloads', text: unserved });
  if (!report.capacity_ok) notes.push({ key: 'capacity', text: "With these assumptions the plan's units no longer cover peak demand: the figures cost the plan as it is" });
  return notes;
}

/** The long CSV (a row per month and line, totals, baselines), its "about" rows first. */
export function tcoCsv(report: TcoReportSummary, source: TcoExportSource, opts: { baselines?: readonly BaselineComparisonSummary[]; bom?: boolean } = {}): string {
  const rows: string[] = [CSV_HEADER.join(',')];
  const row = (section: string, month: number | null, label: string, line: string, lineLabel: string, usd: string) =>
    rows.push([csvText(section), month == null ? '' : String(month), csvText(label), csvText(line), csvText(lineLabel), usd].join(','));
  for (const n of tcoExportNotes(report, source)) row('about', null, '', n.key, n.text, '');
  const cumulative = cumulativeLabel(report);
  for (const m of report.months) {
    for (const line of COST_LINES) row('month', m.month, m.label, line, report.line_labels[line], csvNumber(m.lines[line]));
    row('month', m.month, m.label, 'total', 'Total', csvNumber(m.total_usd));
    row('month', m.month, m.label, 'cumulative_pv', cumulative, csvNumber(m.cumulative_pv_usd));
  }
  const t = report.totals;
  const totals: [string, string, number | null, number][] = [
    ['horizon_cost_usd', horizonCostLabel({ ...report, ...residualBasisOf(report) }), t.horizon_cost_usd, 2],
    ['undiscounted_usd', 'Undiscounted total', t.undiscounted_usd, 2],
    ['capex_usd', CAPEX_WORDS, t.capex_usd, 2],
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
    // its caption (what it ignores, what it leaves out) beside its cost: a file read alone says it
    const disc = discountWords(report);
    row('baseline', null, '', `${id}_horizon_cost_usd`, `${b.baseline.label}, horizon cost (${disc})${b.baseline.caption ? ` (${b.baseline.caption})` : ''}`, csvNumber(b.baseline.report!.totals.horizon_cost_usd));
    // a lopsided baseline's difference is not a saving (baselines.ts lopsidedNote): its label says so, as the CLI and the PDF do
    row('baseline', null, '', `${id}_saving_usd`, b.baseline.lopsided ? `Difference vs ${b.baseline.label} (${disc}): ${b.baseline.lopsided}` : `Saving vs ${b.baseline.label} (${disc})`, csvNumber(b.saving_usd));
    row('baseline', b.break_even?.month ?? null, b.break_even?.label ?? '', `${id}_break_even`, b.break_even?.month == null ? 'none within the horizon' : 'break-even month', '');
  }
  return (opts.bom === false ? '' : '\ufeff') + rows.join('\r\n') + '\r\n';
}

/** Lines × months: the "about" rows, a row per cost line, Total and Cumulative; a column per month. */
export function tcoWideCsv(report: TcoReportSummary, source: TcoExportSource, opts: { bom?: boolean } = {}): string {
  const header = ['line', 'line_label', ...report.months.map((m) => m.label), 'horizon_total'];
  const rows: string[] = [header.map(csvText).join(',')];
  const row = (line: string, label: string, values: number[], sum: number | null) =>
    rows.push([csvText(line), csvText(label), ...values.map((v) => csvNumber(v)), csvNumber(sum)].join(','));
  const blank = ','.repeat(report.months.length + 1);
  for (const n of tcoExportNotes(report, source)) rows.push(`${csvText(`about:${n.key}`)},${csvText(n.text)}${blank}`);
  for (const line of COST_LINES) {
    const values = report.months.map((m) => m.lines[line]);
    row(line, report.line_labels[line], values, values.reduce((a, v) => a + v, 0));
  }
  const totals = report.months.map((m) => m.total_usd);
  row('total', 'Total', totals, totals.reduce((a, v) => a + v, 0));
  row('cumulative_pv', cumulativeLabel(report), report.months.map((m) => m.cumulative_pv_usd), null);
  return (opts.bom === false ? '' : '\ufeff') + rows.join('\r\n') + '\r\n';
}

export type TcoJsonBaseline = {
  id: string;
  label: string;
  status: 'ok' | 'none';
  reason: string | null;
  caption: string | null;
  /** why the comparison is lopsided (its saving_usd then not a saving to plan on), or null */
  lopsided: string | null;
  horizon_cost_usd: number | null;
  undiscounted_usd: number | null;
  saving_usd: number | null;
  saving_pct: number | null;
  break_even_month: number | null;
  break_even_label: string | null;
  months: { month: number; label: string; total_usd: number; cumulative_pv_usd: number }[];
};

/**
 * The `tco --json` document: DESIGN 8's required fields plus the report's breakdowns, and the facts
 * of the CSV's "about" rows: the plan's status and staleness, the settings, the what-if changes
 * and `notes` (the same sentences).
 */
export function tcoJson(report: TcoReport, source: TcoExportSource, opts: { baselines?: BaselineComparison[] } = {}) {
  const p = source.plan;
  const whatIf = source.whatIf ? whatIfChanges(source.whatIf.saved, source.whatIf.shown) : [];
  return {
    scenario: source.scenario,
    plan_id: p?.id ?? null,
    solved_at: p?.solvedAt ?? null,
    status: p?.result.status ?? null,
    gap: p?.result.gap ?? null,
    stale: p?.stale ?? null,
    older_plan: source.olderPlan ?? false,
    what_if: whatIf.map((c) => ({ assumption: c.key, saved: c.saved, shown: c.shown, text: c.text })),
    horizon_months: report.horizon_months,
    start_month: report.start_month,
    discount_rate_pct: report.discount_rate_pct,
    /** true: the horizon costs (the plan's, its lines' and the baselines'), the baselines' savings, usd_per_m_tokens_pv and each month's cumulative_pv_usd are present values; the month rows, totals named undiscounted, capex and run-rates are not */
    discounted: report.discount_rate_pct > 0,
    residual_value: report.residual_value,
    hardware_price_change_pct_per_year: report.hardware_price_change_pct_per_year,
    cloud_price_change_pct_per_year: report.cloud_price_change_pct_per_year,
    served_workloads: report.served_workloads,
    unserved_workloads: report.unserved_workloads,
    notes: tcoExportNotes(report, source),
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
      lopsided: b.baseline.lopsided ?? null,
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
