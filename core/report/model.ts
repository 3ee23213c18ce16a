// The PDF plan report as data: every number and sentence of the document, formatted with
// core/format.ts, built from PlanInput + PlanResult + the TCO figures. Pure; the Svelte route
// (renderer/report) only lays it out, so what the PDF says is unit-tested here.
import { COST_LINE_LABELS, COST_LINES, discountFactors, edgeUseLines, type CostLine } from '../cost.ts';
import { KIND_LABELS, TIER_LABELS } from '../labels.ts';
import {
  formatDecimal,
  formatKw,
  formatList,
  formatMoney,
  formatMoneyCompact,
  kpiMoney,
  exactFirst,
  formatDate,
  formatDateTimeUtc,
  formatMonth,
  formatMoneyIn,
  formatMs,
  formatNumber,
  formatPct,
  formatPctOfBaseline,
  formatPctPerYear,
  formatPlanMonth,
  formatPlanMonths,
  formatPrice,
  formatRatePct,
  formatUnitsReplicas,
  optimumGapClause,
  planStatusText,
  formatRatioPct,
  formatTps,
  formatUsdPerHour,
  formatUsdPerMTok,
  rateUnitText,
  MONEY_UNITS,
  type MoneyUnit,
} from '../format.ts';
import { describeBinding } from '../optimizer/binding.ts';
import { fullNoCandidateReasons } from '../optimizer/explain.ts';
import { provenGap } from '../optimizer/gap.ts';
import { consecutiveRuns, periodName, periodRunName, planPeriods, poolReplicas, purchaseTimingText, unservedByReach } from '../plan-periods.ts';
import { buildSchedule, nameWithModel, planYearsTable, poolRatesText, rebuyWhen, scheduleRoundedAway, scheduleRuns, type PlanYearsTable, type Schedule, type ScheduleItem, type ShownEntries } from '../schedule/schedule.ts';
import { shownFigures, tierFigures, type LineGrid } from '../schedule/figures.ts';
import { roundedAway, roundingNote, roundTable } from '../round-table.ts';
import { answerMs, avgTps, peakTps, periodDemand, unitsPerReplica } from '../sizing.ts';
import { computeTco } from '../tco/engine.ts';
import { swingOf } from '../tornado.ts';
import type {
  Assignment,
  CatalogOption,
  PlanInput,
  PlanResult,
  Pool,
  RackLayout,
  SiteUse,
  Tier,
  Workload,
} from '../types.ts';
import { TIERS } from '../types.ts';
import { performanceEstimate } from '../estimates.ts';
import { addMonths, monthName } from './months.ts';
import type { ReportTco } from './report-tco.ts';

export { addMonths, monthName };

export { TIER_LABELS };

export type ReportMeta = {
  /** the plan document's file name, e.g. "acme.fleetplan" */
  fileName: string;
  scenario: string;
  /** ISO date-time the report is generated (passed in: the model stays pure and testable) */
  generatedAt: string;
  solvedAt?: string | null;
  stale?: boolean;
  /** the plan is not its scenario's latest run (an earlier plan picked in Results): the report says so */
  olderPlan?: boolean;
  pageSize?: 'A4' | 'Letter';
};

export type Kpi = { label: string; value: string; note?: string; tone?: 'good' | 'bad' | 'neutral' };
export type KeyValue = { label: string; value: string; note?: string };
export type Table = {
  /** `id`: the column holds identifiers (model lists such as "a|b"): they wrap like names and never widen the table */
  columns: { label: string; align?: 'left' | 'right' | 'center'; width?: string; id?: boolean }[];
  /** a `group` row is a sub-heading spanning every column (cells[0]) */
  rows: { cells: string[]; tone?: 'muted' | 'warn' | 'total'; tier?: Tier | undefined; group?: boolean }[];
  /** a summary row after the body */
  foot?: string[];
  /** many columns of figures: set in smaller type with narrower padding (report.css .dense) so each fits its column */
  dense?: boolean;
  /** its right-aligned cells are figures: each kept on one line (report.css .figures), its columns sized by them when it has no widths */
  figures?: boolean;
};

export type ReportRack = {
  index: number;
  option: string;
  optionName: string;
  tier: Tier;
  unitHeightU: number;
  rackUnits: number;
  kwUsed: number;
  kwLimit: number;
  spans: number;
  units: { option: string; model: string }[];
  label: string;
  /** identical racks (same system, models and fill) are drawn once with a count */
  count: number;
};
export type ReportSite = {
  name: string;
  powerUsedKw: number;
  powerLimitKw: number;
  racksUsed: number;
  racksLimit: number;
  powerText: string;
  racksText: string;
  powerPct: number;
  racksPct: number;
  energyText: string;
  pools: Table;
  /** identical racks grouped (see groupRacks) */
  racks: ReportRack[];
  rackTypes: Table;
  /** what the app's RackElevation component draws: the site's rack spec and the plan's use */
  spec: { name: string; racks: number; rack_units: number; rack_kw: number };
  use: SiteUse;
};

export type ReportTierSection = {
  tier: Tier;
  label: string;
  summary: string;
  table: Table;
};

export type ReportRisk = { severity: 'high' | 'medium' | 'info'; title: string; detail: string };

export type ReportAppendixOption = {
  id: string;
  name: string;
  vendor: string;
  tierLabel: string;
  kindLabel: string;
  role: string;
  figures: { label: string; value: string; source: string; asOf: string; estimate: boolean }[];
  points: string[];
  source: string;
  asOf: string;
  notes?: string;
};

export type ChartSeries = {
  /** month labels "YYYY-MM", months 0 … H−1 */
  months: string[];
  stacked: { line: CostLine; label: string; values: number[] }[];
  /** monthly (not cumulative) totals of the plan and each available baseline; charts accumulate */
  cumulative: { id: string; label: string; kind: 'plan' | 'baseline'; monthly: number[]; breakevenMonth: number | null }[];
  perMTok: { tier: Tier | 'all'; label: string; value: number }[];
  /** monthly cost by tier */
  tiers: Partial<Record<Tier, number[]>>;
  /** a case the fixed plan cannot serve is null: no bar (core/tornado.ts shownCost) */
  tornado: { label: string; lowUsd: number | null; highUsd: number | null; baseUsd: number }[];
  /** ± percentage of the sensitivity analysis */
  tornadoPct: number;
  /** the legend's two names when "−pct% / +pct%" is not true of every row (trend rows name their rates) */
  tornadoLegend?: [string, string];
  /** notes on the tornado rows (clamps, coverage) */
  tornadoNotes: string[];
  /** true: cumulative series are discounted (δ(m) × monthly cost) */
  discounted: boolean;
};

/** Units owned against units needed of one pool, month by month (core/schedule PoolCapacity), for the schedule's charts. */
export type ReportCapacityChart = { title: string; caption: string; months: string[]; owned: number[]; needed: number[] };

export type ReportSchedule = {
  /** what is bought when, in one sentence (also in the executive summary) */
  sentence: string;
  /** by period (group rows) and site: what to buy, replace and rent, units, amount */
  table: Table;
  notes: string[];
  /** where workloads move between periods, as sentences (the first few) */
  moves: string[];
  moreMoves: number;
  /** the largest pools */
  capacity: ReportCapacityChart[];
  /** cost by plan year */
  years: Table;
  /** under the schedule table and under the plan-year table: how many amounts the rounding that adds up moved off their nearest dollar (null when none) */
  tableNote: string | null;
  yearsNote: string | null;
};

export type ReportModel = {
  meta: {
    title: string;
    planName: string;
    fileName: string;
    scenario: string;
    date: string;
    generatedAt: string;
    solvedAt: string | null;
    /** when the plan was solved, as the cover prints it beside the date: "7 Dec 2026, 09:33 UTC" */
    solvedText: string | null;
    statusText: string;
    stale: boolean;
    olderPlan: boolean;
    pageSize: 'A4' | 'Letter';
    horizonText: string;
    startMonth: string;
    endMonth: string;
    preparedFor: string;
  };
  /** decisions: what to buy, rent and contract, largest first (`more` counts the rest) */
  summary: {
    sentences: string[];
    buys: string;
    kpis: Kpi[];
    footnotes: string[];
    decisions: { text: string; amount: string; tier: Tier }[];
    moreDecisions: number;
    /** what the decisions' amounts are, where they are not what the horizon cost counts (decisionsNote); null where they are */
    decisionsNote: string | null;
  };
  schedule: ReportSchedule;
  /** the plan period the fleet, site and tier sections show ("Year 3 May 2028 – Apr 2029"), null for a one-period plan */
  shownPeriod: string | null;
  /** shownPeriod for the fleet section: null too when no workload is served (no fleet to be "largest") */
  fleetShownPeriod: string | null;
  /** `workloads` is the full register, printed when `showRegister` (small plans); `byModel` always;
   *  `noSites`: the line printed in place of the sites table when the document has no site (null when it has) */
  assumptions: { settings: KeyValue[]; sites: Table; noSites: string | null; demand: KeyValue[]; workloads: Table; showRegister: boolean; byModel: Table };
  tiers: ReportTierSection[];
  pools: Table;
  sites: ReportSite[];
  /** catalog entries of the systems in the racks (RackElevation looks names, tiers and heights up) */
  rackOptions: CatalogOption[];
  /** monthlyCaption: what the monthly chart's bars are (undiscounted) and where its purchase spikes fall */
  /** tableNote: why a cell of the cost table may read $1 off its own rounding (null when none does) */
  costs: { table: Table; tableNote: string | null; baselines: Table; notes: string[]; monthlyCaption: string };
  charts: ChartSeries;
  risks: ReportRisk[];
  binding: Table;
  /** why no limit binds, or which ones were not checked; null when there is nothing to say */
  bindingNote: string | null;
  unserved: Table;
  /** under the unserved table when a reason is cut short ("… and 17 more"): where every option is listed */
  unservedNote: string | null;
  appendix: { options: ReportAppendixOption[]; estimateCount: number; note: string };
  totals: { horizonCostText: string; capexText: string; undiscountedText: string };
};

function planNameOf(fileName: string): string {
  return fileName.replace(/\.fleetplan$/i, '') || fileName;
}


function savingSentence(
  planCost: number,
  b: { label: string; horizonCostUsd: number | null; breakevenMonth: number | null; available: boolean; note?: string; lopsided?: string; overBudget?: string; rulesIgnored?: string; dearerWithoutResidualUsd?: number },
  start: string,
  H: number,
): string {
  const name = `“${b.label}”`;
  if (!b.available || b.horizonCostUsd == null) return `${name} could not be priced${b.note ? ` (${b.note})` : ''}`;
  const diff = b.horizonCostUsd - planCost;
  const pct = b.horizonCostUsd !== 0 ? (diff / Math.abs(b.horizonCostUsd)) * 100 : 0;
  // whole dollars: a difference that rounds to $0 is no saving
  if (Math.abs(diff) < 0.5) return `against ${name} the plan costs the same`;
  if (b.lopsided && diff > 0) return `${name} costs ${formatMoney(diff)} more than the plan, but this is ${b.lopsided}`;
  if (diff >= 0) {
    const be = b.breakevenMonth;
    // a saving that comes only from the residual credits of the last month says so: the plan is
    // dearer every month before (bench/trust.ts late-options-6: "saves $2,126,235 (7.8%) and breaks
    // even in Feb 2030", the horizon's last month, through a $14.7M credit for hardware still held)
    const when =
      be == null
        ? ''
        : be === 0
          ? ` and is cheaper from the first month (${monthName(start)})`
          : b.dearerWithoutResidualUsd != null
            ? ` and breaks even only in ${monthName(addMonths(start, be))}, the horizon's last month, through the residual credit booked then: without residual credits it would cost ${formatMoney(b.dearerWithoutResidualUsd)} more`
            : ` and breaks even in ${monthName(addMonths(start, be))}`;
    return `against ${name} the plan saves ${formatMoney(diff)} (${formatPctOfBaseline(pct)})${when}`;
  }
  // a baseline priced without the budgets, placements and tiers the plan keeps to: say so where it comes out cheaper
  const breaks = [b.overBudget ? `breaks the budget (${b.overBudget})` : null, b.rulesIgnored ? `ignores placement and tiers (${b.rulesIgnored})` : null].filter((x) => x);
  return `against ${name} the plan costs ${formatMoney(-diff)} (${formatPctOfBaseline(-pct)}) more over ${H} months${breaks.length ? `, but that baseline ${breaks.join(' and ')}` : ''}`;
}
function lowerFirst(s: string): string {
  return /^[A-Z][a-z]/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s;
}

function figuresOf(o: CatalogOption): { label: string; field: string; value: string }[] {
  // the month an option arrives explains why the plan buys it only in a later period (the
  // appendix gave a next-generation system's price and no date)
  const from = o.available_from ? [{ field: 'available_from', label: 'Orderable from', value: formatMonth(o.available_from) }] : [];
  return [...from, ...kindFiguresOf(o)];
}

function kindFiguresOf(o: CatalogOption): { label: string; field: string; value: string }[] {
  switch (o.kind) {
    case 'system':
      return [
        { field: 'price_usd', label: 'Price per unit', value: formatPrice(o.price_usd) },
        { field: 'support_pct_per_year', label: 'Support', value: `${formatRatePct(o.support_pct_per_year)} of price / year` },
        { field: 'lifetime_months', label: 'Lifetime', value: `${formatDecimal(o.lifetime_months)} months` },
        { field: 'max_power_kw', label: 'Max power (provisioning)', value: formatKw(o.max_power_kw) },
        { field: 'typical_power_kw', label: 'Typical power (energy)', value: formatKw(o.typical_power_kw) },
        { field: 'rack_units', label: 'Height', value: `${formatDecimal(o.rack_units)} U` },
        { field: 'cooling', label: 'Cooling', value: o.cooling },
      ];
    case 'cloud_instance':
      return [{ field: 'usd_per_hour', label: 'Price per unit-hour', value: formatUsdPerHour(o.usd_per_hour) }];
    case 'cloud_api':
      return [
        { field: 'usd_per_m_input', label: 'Input tokens', value: formatUsdPerMTok(o.usd_per_m_input) },
        { field: 'usd_per_m_output', label: 'Output tokens', value: formatUsdPerMTok(o.usd_per_m_output) },
      ];
    case 'edge_device':
      return [
        { field: 'price_usd', label: 'Price per device', value: formatPrice(o.price_usd) },
        { field: 'typical_power_kw', label: 'Typical power', value: formatKw(o.typical_power_kw) },
        { field: 'lifetime_months', label: 'Lifetime', value: `${formatDecimal(o.lifetime_months)} months` },
        ...(o.inference_via ? [{ field: 'inference_via', label: 'Inference via', value: o.inference_via }] : []),
      ];
  }
}

export type BuildReportArgs = {
  input: PlanInput;
  plan: PlanResult;
  tco: ReportTco;
  meta: ReportMeta;
  /** buildSchedule(input, plan, computeTco(input, plan)); computed here when absent */
  schedule?: Schedule;
};

/** What every section reads: the arguments, with the input looked up by name. */
type Ctx = Omit<BuildReportArgs, 'schedule'> & {
  /** the whole plan, every period (ctx.plan is the last period's slice: the fleet at its largest) */
  fullPlan: PlanResult;
  /** in whole dollars that add up (scheduleShown of scheduleExact) */
  schedule: Schedule;
  scheduleExact: Schedule;
  /** the plan-year table (core/schedule: planYearsTable): the PDF's cost table, the budget sentence and the schedule section read its figures */
  yearsTable: PlanYearsTable;
  /** the cost lines by plan year in whole dollars (lineGridOf): the cost table's cells, and what the schedule's items sum to */
  lineGrid: LineGrid;
  settings: PlanInput['settings'];
  H: number;
  start: string;
  end: string;
  options: Map<string, CatalogOption>;
  workloads: Map<string, Workload>;
  sitesByName: Map<string, PlanInput['sites'][number]>;
  discounted: boolean;
  optName: (id: string) => string;
};

/**
 * The report's money in whole dollars, rounded once (core/schedule/figures: the app's schedule and
 * plan-year table round the same way): the plan-year table, the cost lines by plan year within its
 * cells, and the schedule's items within those.
 */
export function reportFigures(tco: Pick<ReportTco, 'months'>, scheduleExact: Schedule, settings: PlanInput['settings']): { yearsTable: PlanYearsTable; lineGrid: LineGrid; schedule: Schedule } {
  return shownFigures(tco, scheduleExact, settings);
}

export function buildReportModel(args: BuildReportArgs): ReportModel {
  const { input, plan, tco, meta } = args;
  const { settings } = input;
  const H = settings.horizon_months;
  const start = settings.start_month;
  const end = addMonths(start, H - 1);
  const options = new Map(input.catalog.options.map((o) => [o.id, o] as const));
  // whole dollars that add up as shown, one rounding for every table (reportFigures): a period's
  // items to its totals and to the cost table's cells (the app's schedule, without a cost table, rounds its items to its periods alone)
  const scheduleExact = args.schedule ?? buildSchedule(input, plan, computeTco(input, plan));
  const { yearsTable, lineGrid, schedule } = reportFigures(tco, scheduleExact, settings);
  const periods = planPeriods(plan, H);
  const last = periods[periods.length - 1]!;
  const ctx: Ctx = {
    ...args,
    plan: lastPeriodView(plan, last.period, periods.length > 1 ? (a, b) => periodRunName(start, periods[a]!, periods[b]!, settings.purchase_interval_months) : null),
    fullPlan: plan,
    schedule,
    scheduleExact,
    yearsTable,
    lineGrid,
    settings,
    H,
    start,
    end,
    options,
    workloads: new Map(input.workloads.map((w) => [w.name, w] as const)),
    sitesByName: new Map(input.sites.map((s) => [s.name, s] as const)),
    discounted: settings.discount_rate_pct > 0,
    optName: (id: string) => options.get(id)?.name ?? id,
  };
  const planName = planNameOf(meta.fileName);
  const summary = summaryOf(ctx);
  const assumptions = assumptionsOf(ctx);
  const tiers = tierSectionsOf(ctx);
  const pools = poolsTableOf(ctx);
  const sites = siteSectionsOf(ctx);
  const { costs, linesPresent } = costsOf(ctx);
  const charts = chartsOf(ctx, linesPresent);
  const risks = risksOf(ctx, sites);
  const { binding, bindingNote, unserved, unservedNote } = bindingAndUnservedOf(ctx);
  const { appendix, estimateCount } = appendixOf(ctx);
  const scheduleSection = scheduleOf(ctx);
  const shownPeriod = periods.length > 1 ? periodName(start, last, settings.purchase_interval_months) : null;

  const gen = meta.generatedAt;
  return {
    meta: {
      title: 'Inference fleet plan',
      planName,
      fileName: meta.fileName,
      scenario: meta.scenario,
      date: formatDate(gen),
      generatedAt: gen,
      solvedAt: meta.solvedAt ?? null,
      solvedText: meta.solvedAt ? formatDateTimeUtc(meta.solvedAt) : null,
      statusText: planStatusText(plan),
      stale: !!meta.stale,
      olderPlan: !!meta.olderPlan,
      pageSize: meta.pageSize ?? settings.page_size,
      horizonText: `${H} months · ${monthName(start)} – ${monthName(end)}`,
      startMonth: start,
      endMonth: end,
      preparedFor: 'Finance and leadership',
    },
    summary,
    schedule: scheduleSection,
    shownPeriod,
    // "As in the plan's last period, …, when the fleet is largest" above "No workload is served by this plan" read wrong
    fleetShownPeriod: tiers.length > 0 ? shownPeriod : null,
    assumptions,
    tiers,
    pools,
    sites,
    rackOptions: [...new Set(ctx.plan.sites.flatMap((x) => x.racks.flatMap((r) => [r.option, ...r.units.map((u) => u.option)])))]
      .map((id) => options.get(id))
      .filter((o): o is CatalogOption => o !== undefined),
    costs,
    charts,
    risks,
    binding,
    bindingNote,
    unserved,
    unservedNote,
    appendix: {
      options: appendix,
      estimateCount,
      // a figure whose only source is a forum comment is an estimate too (the catalog's rule): "analyst
      // estimates" alone misnamed the DGX B200's price, a commenter's claim
      note: 'Figures as held in the plan document’s catalog when the report was generated. Figures marked “estimate” are not published values: analyst estimates, or claims whose only source is a forum comment.',
    },
    totals: {
      horizonCostText: formatMoney(tco.horizonCostUsd),
      capexText: formatMoney(tco.capexUsd),
      undiscountedText: formatMoney(tco.undiscountedUsd),
    },
  };
}

/**
 * The plan as the fleet, tier and site sections show it: the last period's assignments, pools and
 * site use (owned units never fall, so it is the fleet at its largest). A workload unserved in
 * some period is listed once, its reason naming the period when the plan has several.
 */
function lastPeriodView(plan: PlanResult, last: number, runName: ((first: number, last: number) => string) | null): PlanResult {
  if (!runName) return plan;
  const rows = new Map<string, PlanResult['unserved']>();
  for (const u of plan.unserved) rows.set(u.workload, [...(rows.get(u.workload) ?? []), u]);
  // every period the workload is left out in, with its reason there: "every period: …", or runs
  // of periods sharing a reason ("Years 2–3 Nov 2027 – Oct 2029: …"); not only the first period it is left out in
  const unserved = [...rows.values()].map((us) => {
    const byReason = new Map<string, number[]>();
    for (const u of us) byReason.set(u.reason, [...(byReason.get(u.reason) ?? []), u.period]);
    const parts = [...byReason].map(([reason, ks]) => `${ks.length === last + 1 ? 'every period' : periodRuns(ks, runName)}: ${reason}`);
    return { ...us[0]!, reason: parts.join('; ') };
  });
  return {
    ...plan,
    assignments: plan.assignments.filter((a) => a.period === last),
    pools: plan.pools.filter((p) => p.period === last),
    sites: plan.sites.filter((x) => x.period === last),
    unserved,
  };
}

/** Periods 0, 1, 2 and 4 → "P1–P3 … , P5 …": consecutive periods as one run. */
function periodRuns(ks: number[], runName: (first: number, last: number) => string): string {
  return consecutiveRuns(ks).map(([a, b]) => runName(a, b)).join(', ');
}

const MAX_MOVES = 12;
const MAX_CAPACITY_CHARTS = 4;

/** The schedule table's line of a site's purchases or re-buys: one per option and model (edge devices are bought per workload). */
const pdfGroupKey = (b: ScheduleItem) => `${b.option}\u0000${b.model ?? ''}`;

/**
 * The plan-year table is set dense from six columns of money on (replacements, a capex budget, a
 * residual credit and a discount rate each add one): smaller type and padding (report.css .dense).
 */
const YEARS_DENSE_FROM = 6;
/**
 * From five columns of money on, the plan-year table sizes its columns by their content (auto
 * layout, each figure on one line) rather than by widths estimated from one font's glyphs: widths
 * from DejaVu Sans ran an eight-column table of 13-character figures ("−$137,440,000",
 * "$915,256,839" on a $1B plan) past the table's edge on A4, and a Mac or Windows machine prints
 * in Helvetica Neue or Arial. The page sets such a table one step smaller where even so it is too
 * wide (renderer/report/text-fits.ts: fitFigureTables).
 */
const YEARS_BY_CONTENT_FROM = 5;
/**
 * The widest figure, in characters, the plan-year table prints: the eight-column table of a $2.3B
 * plan ("$2,477,929,680", 14) fits A4 at 6 pt in DejaVu Sans; at $10B and more ("$12,345,678,901")
 * its figures ran out of their cells and past the page. Wider figures are given in thousands of
 * dollars ("$12,345,679k"), or millions if need be, each with its unit (yearsInUnit).
 */
const YEARS_WIDEST_FIGURE = 14;

/**
 * The plan-year table in the smallest unit whose widest figure fits YEARS_WIDEST_FIGURE: whole
 * dollars (ctx.yearsTable, which the other tables' figures agree with), else whole thousands of
 * dollars (millions, billions) that add up across and down on their own.
 */
function yearsInUnit(ctx: Ctx): { t: PlanYearsTable; unit: MoneyUnit } {
  const widest = (t: PlanYearsTable) => Math.max(0, ...[...t.rows.flatMap((r) => r.cells.slice(1)), ...t.foot.slice(1)].map((c) => c.length));
  let t = ctx.yearsTable;
  let unit = MONEY_UNITS[0];
  for (const u of MONEY_UNITS.slice(1)) {
    if (widest(t) <= YEARS_WIDEST_FIGURE) break;
    unit = u;
    t = planYearsTable(ctx.scheduleExact.years, ctx.settings.discount_rate_pct > 0, ctx.settings.capex_budget_usd, u);
  }
  return { t, unit };
}

/** The procurement schedule section: by period and site, moves, capacity charts, cost by plan year. */
function scheduleOf(ctx: Ctx): ReportSchedule {
  const { schedule: s, optName } = ctx;
  const rows: Table['rows'] = [];
  // consecutive periods with nothing bought, replaced or rented read as one run (monthly purchases:
  // "P25–P36 May 2028 – Apr 2029", not twelve empty periods)
  for (const run of scheduleRuns(s, s.periods)) {
    const p = run.periods[0]!;
    if (run.periods.length > 1) {
      rows.push({ group: true, cells: [`${run.name} · no purchases`] });
      rows.push({ cells: ['—', 'nothing bought, replaced or rented', '—', formatMoney(0)], tone: 'muted' });
      continue;
    }
    const amounts = [
      p.capex_usd > 0 ? `${formatMoney(p.capex_usd)} capex` : 'no purchases',
      ...(p.replacement_usd > 0 ? [`${formatMoney(p.replacement_usd)} replacements`] : []),
      ...(p.rent_usd > 0 ? [`${formatMoney(p.rent_usd)} rented`] : []),
    ];
    rows.push({ group: true, cells: [`${p.name} · ${amounts.join(' · ')}`] });
    for (const si of p.sites) {
      const where = si.kind === 'site' ? si.site : si.kind === 'cloud' ? 'cloud' : 'endpoints';
      const line = (what: string, qty: string, usd: number, tone?: 'muted') => rows.push({ cells: [where, what, qty, formatMoney(usd)], ...(tone ? { tone } : {}) });
      // edge devices are bought per workload: one line per device type (a large plan has hundreds)
      const grouped = (items: typeof si.bought) => {
        const out = new Map<string, { name: string; model: string | null; unit: string | null; qty: number; usd: number; n: number; replicas: number; byMonth: Map<number | null, number> }>();
        for (const b of items) {
          const key = pdfGroupKey(b);
          const g = out.get(key) ?? { name: b.name, model: b.model, unit: b.quantity_unit, qty: 0, usd: 0, n: 0, replicas: 0, byMonth: new Map() };
          g.qty += b.quantity ?? 0;
          g.byMonth.set(b.month, (g.byMonth.get(b.month) ?? 0) + (b.quantity ?? 0));
          g.usd += b.usd;
          g.n += b.workload ? 1 : 0;
          g.replicas += b.replicas ?? 0;
          out.set(key, g);
        }
        return [...out.values()].sort((a, b) => b.usd - a.usd);
      };
      const qty = (g: { qty: number; unit: string | null; replicas: number }) =>
        g.unit == null ? '—' : g.unit === 'units' ? formatUnitsReplicas(g.qty, g.replicas) : `${formatNumber(g.qty)} ${g.qty === 1 ? g.unit.slice(0, -1) : g.unit}`;
      const named = (g: { name: string; model: string | null; n: number }) => (g.n > 0 ? `${g.name} for ${formatNumber(g.n)} workload${g.n === 1 ? '' : 's'}` : nameWithModel(g.name, g.model, (m) => ` · ${m}`));
      for (const g of grouped(si.bought)) line(`Buy ${named(g)}`, qty(g), g.usd);
      // re-buys in several months of the period are so many rounds, not a fleet of that many ("3
      // units" read as three systems where one was replaced three times: bench/trust.ts
      // short-life-budget-14); "1 unit in each of 2 rounds" holds both for one unit replaced twice and
      // for two tranches replaced once each ("1 unit × 2" read as the first only)
      const times = (g: { qty: number; unit: string | null; replicas: number; byMonth: Map<number | null, number> }) => {
        const each = [...g.byMonth.values()];
        if (g.unit !== 'units' || each.length < 2) return qty(g);
        return each.every((q) => q === each[0]) ? `${qty({ ...g, qty: each[0]!, replicas: 0 })} in each of ${formatNumber(each.length)} rounds` : `${qty({ ...g, replicas: 0 })} in ${formatNumber(each.length)} rounds`;
      };
      // the month of each re-buy: a period's replacements fall within it, not at its start (a $7.8M
      // re-buy in Nov 2027 read as due in May 2027, the period's start)
      const rebuys = (g: { byMonth: Map<number | null, number> }) => rebuyWhen(ctx.start, [...g.byMonth.keys()].filter((m): m is number => m != null));
      for (const g of grouped(si.replaced)) line(`Replace ${named(g)} (${rebuys(g)})`, times(g), g.usd);
      for (const r of si.rented) {
        const users = r.workloads.length;
        const what = r.quantity_unit === 'instances'
          ? `Rent ${nameWithModel(r.name, r.model, (m) => ` · ${m}`)}, peak of the period`
          : `Tokens: ${optName(r.option)} for ${users === 1 ? r.workloads[0]! : `${formatNumber(users)} workloads`}`;
        line(what, qty({ qty: r.quantity ?? 0, unit: r.quantity_unit === 'instances' ? 'instances' : null, replicas: 0 }), r.usd, 'muted');
      }
    }
    if (p.sites.length === 0) rows.push({ cells: ['—', 'nothing bought, replaced or rented', '—', formatMoney(0)], tone: 'muted' });
  }
  const table: Table = {
    columns: [
      { label: 'Site', width: '20%' },
      { label: 'What', width: '46%' },
      { label: 'Quantity', align: 'right', width: '16%' },
      { label: 'Amount', align: 'right', width: '18%' },
    ],
    rows,
    foot: ['Total', 'first purchases (capex) · replacements', '', `${formatMoney(s.capex_usd)} · ${formatMoney(s.replacement_usd)}`],
  };
  // the amounts as the table groups them, against their exact figures
  const entries: ShownEntries = (list, items) => {
    const m = new Map<string, number>();
    items.forEach((b, i) => {
      const key = list === 'rented' ? String(i) : pdfGroupKey(b);
      m.set(key, (m.get(key) ?? 0) + b.usd);
    });
    return m;
  };
  const tableNote = roundingNote(scheduleRoundedAway(ctx.scheduleExact, s, { entries, siteCapex: false, horizon: true }), 'to their totals', ['amount', 'amounts']);
  const u = ctx.settings.max_utilization;
  // in units: the tokens/s a unit serves depend on the workloads on it, so owned tokens/s rose and
  // fell with no purchase as they moved (a B200 pool of 2 units read from "~95k" to "~24k")
  const capacity = s.pools
    .filter((p) => p.peak_demand_tps > 0 || p.max_owned_units > 0)
    .slice(0, MAX_CAPACITY_CHARTS)
    .map((p) => {
      const rates = poolRatesText(p);
      return {
        title: `${nameWithModel(p.name, p.model, (m) => ` · ${m}`)} at ${p.site}`,
        caption: `units owned against the units the peak demand of its ${formatNumber(p.workloads.length)} workload${p.workloads.length === 1 ? '' : 's'} needs${u < 1 ? ` at the ${formatPct(u * 100, 0)} utilisation cap` : ''}${rates ? `; ${rates}` : ''}`,
        months: Array.from({ length: ctx.H }, (_, m) => monthName(addMonths(ctx.start, m))),
        owned: p.owned_units,
        needed: p.needed_units,
      };
    });
  // a plan year's purchases and replacements are what its capex budget caps (DESIGN 5.7: at the
  // prices paid, undiscounted), so the budget's headroom stands beside them; the
  // rows sum to the undiscounted horizon cost, and say so when the headline is a present value
  // (neither the budget nor "undiscounted" was on the table once, its rows summing to $13,730,641
  // under a $13,847,125 headline)
  // the app's table (core/schedule: planYearsTable); up to four money columns with fixed widths,
  // from five sized by content: "Year 1 May 2026 – Apr 2027" once went onto four lines in an auto
  // layout, and now keeps its month range on one line (report-table.ts), so the plan year's
  // column is never narrower than the range
  const { t, unit } = yearsInUnit(ctx);
  // the unit said once more in words beside the figures that carry it
  const unitNote = unit.usd === 1 ? null : `Amounts in whole ${unit.name}s of dollars: ${formatMoneyIn(1, unit)} is ${formatMoney(unit.usd)}.`;
  const yearsNote = [unitNote, t.note].filter((x) => x).join(' ') || null;
  const money = t.columns.length - 1;
  const byContent = money >= YEARS_BY_CONTENT_FROM;
  const width = (i: number) => (byContent ? {} : { width: i === 0 ? '26%' : `${formatDecimal(74 / money, 2)}%` });
  const years: Table = {
    columns: t.columns.map((c, i) => (i === 0 ? { label: c.label, ...width(i) } : { label: c.label, align: 'right' as const, ...width(i) })),
    rows: t.rows.map((r) => ({ cells: r.cells })),
    foot: t.foot,
    ...(byContent ? { figures: true } : {}),
    ...(money >= YEARS_DENSE_FROM ? { dense: true } : {}),
  };
  const notes = [
    'Purchases are made at the start of each period, at that month’s hardware prices; replacements re-buy a system or device at the end of its life. Amounts are undiscounted.',
    'Rented: cloud instances (the most held in any month of the period) and token charges over the period’s months.',
  ];
  // edge devices that call a cloud API pay for its tokens too, but on their own line, not as a rental
  if (ctx.tco.months.some((m) => (m.lines.edge_inference ?? 0) > 0)) notes[1] = notes[1]!.replace(/\.$/, `; the tokens of edge devices that call a cloud API are not rentals: they are the cost table’s “${COST_LINE_LABELS.edge_inference}” line.`);
  // the same move made by many workloads is one line: "… → … from May 2027: 200 workloads (a, b and 198 more)"
  const sameMove = new Map<string, string[]>();
  for (const m of s.moves) {
    const what = m.sentence.slice(m.workload.length + 2);
    sameMove.set(what, [...(sameMove.get(what) ?? []), m.workload]);
  }
  const moves = [...sameMove.entries()].map(([what, ws]) =>
    ws.length === 1 ? `${ws[0]}: ${what}` : `${what}: ${formatNumber(ws.length)} workloads (${ws.slice(0, 2).join(', ')}${ws.length > 2 ? ` and ${formatNumber(ws.length - 2)} more` : ''})`,
  );
  return { sentence: s.summary, table, notes, moves: moves.slice(0, MAX_MOVES), moreMoves: Math.max(0, moves.length - MAX_MOVES), capacity, years, tableNote, yearsNote };
}

/** The workloads the plan leaves unserved in at least one period (plan.unserved has one row per
 *  workload and period), and whether every one of them is unserved in all periods. */
function unservedWorkloads(plan: PlanResult): { names: string[]; everyPeriod: boolean } {
  const { everyPeriod, somePeriods } = unservedByReach(plan);
  return { names: [...everyPeriod, ...somePeriods], everyPeriod: somePeriods.length === 0 };
}

/**
 * A system's re-buys at the end of lifetimes, with their months: "replace 1 in Jan 2028",
 * "replace 1 in Jan 2028 and 2 in May 2029"; more than three months read as one run of them
 * ("replaced at the end of each life, every month Jun 2026 – Apr 2029").
 */
export function replacedPhrase(start: string, items: readonly Pick<ScheduleItem, 'quantity' | 'month'>[]): string {
  const byMonth = new Map<number, number>();
  for (const i of items) if (i.month != null) byMonth.set(i.month, (byMonth.get(i.month) ?? 0) + (i.quantity ?? 0));
  const months = [...byMonth.keys()].sort((a, b) => a - b);
  if (months.length > 3) return `replaced at the end of each life, ${formatPlanMonths(start, months)}`;
  return `replace ${formatList(months.map((m) => `${formatNumber(byMonth.get(m)!)} in ${formatPlanMonth(start, m)}`))}`;
}

/**
 * What the commitments' amounts are: the money paid, undiscounted and before the residual credit,
 * as section 02's schedule gives them. Beside a horizon cost net of a credit (or discounted) they
 * were unsaid: the demo at 12-month periods listed its edge devices at $183,072 and $99,951 over
 * 36 months while its edge tier read $230,703 "net of the residual credit", $52,320 apart.
 * Null where the amounts are what the horizon cost counts (no rate, no credit).
 */
export function decisionsNote(discounted: boolean, residualCreditUsd: number): string | null {
  if (!discounted && residualCreditUsd === 0) return null;
  return `Amounts as paid${discounted ? ' (undiscounted)' : ''}${residualCreditUsd !== 0 ? `, before the ${formatMoney(Math.abs(residualCreditUsd))} residual credit` : ''}.`;
}

/** Executive summary: three sentences, the KPI tiles, the decisions (what to buy, rent, contract) and footnotes. */
function summaryOf(ctx: Ctx): ReportModel['summary'] {
  const { input, plan, tco, settings, H, start, end, options, workloads, discounted } = ctx;
  // ---- executive summary
  // served means served in every period: a workload left unserved in one period is not "served"
  const total = input.workloads.length;
  const unservedSomewhere = unservedWorkloads(ctx.fullPlan).names.length;
  const served = total - unservedSomewhere;
  const rrStart = tco.runRateStartUsd;
  const rrEnd = tco.runRateEndUsd;
  // a lopsided baseline (forced by a few workloads) is never the headline saving
  const available = tco.baselines.filter((b) => b.available && b.horizonCostUsd != null && !b.lopsided);
  const best = available.reduce<(typeof available)[number] | null>(
    (acc, b) => (acc == null || (b.horizonCostUsd ?? Infinity) < (acc.horizonCostUsd ?? Infinity) ? b : acc),
    null,
  );
  const costWord = discounted ? 'net present cost' : 'total cost';
  // capex is named by when it is spent: up front only when the one purchase round is the start month
  const rounds = ctx.schedule.periods.filter((p) => p.capex_usd > 0);
  // replacements are capital spent too: named beside the first purchases, or "up-front capital
  // expenditure" reads as the whole of it (bench/trust.ts short-life-budget-14: $765,174 up front
  // beside $3.48 M of replacements the sentence did not mention)
  const replaced = ctx.schedule.periods.reduce((a, p) => a + p.replacement_usd, 0);
  const replacedWords = replaced > 0 ? ` and ${formatMoney(replaced)} of replacements at the end of lifetimes` : '';
  const capexWords =
    (rounds.length > 1
      ? `, including ${formatMoney(tco.capexUsd)} of capital expenditure in ${formatNumber(rounds.length)} purchase rounds`
      : rounds.length === 1
        ? rounds[0]!.period === 0
          ? `, including ${formatMoney(tco.capexUsd)} of up-front capital expenditure`
          : `, including ${formatMoney(tco.capexUsd)} of capital expenditure in ${rounds[0]!.starts}`
        : ', with no capital expenditure') + (rounds.length > 0 ? replacedWords : '') + '.';
  // the cost is net of the residual credit: said, or a cost below the capex it "includes" reads
  // as an error (bench/trust.ts edge-3: "a total cost of $1,462,316, including $1,522,337 of
  // up-front capital expenditure", with a $761,168 credit in the last month)
  const residual = tco.months.reduce((a, m) => a + (m.lines.residual_credit ?? 0), 0);
  // a net present cost is net of the credit's present value, which is what the words quote then
  // (the credit itself beside it): adding the undiscounted credit back overstated the gross cost
  const delta = discountFactors(settings);
  const residualPv = tco.months.reduce((a, m) => a + (m.lines.residual_credit ?? 0) * (delta[m.month] ?? 1), 0);
  const residualWords = residual >= 0 ? ''
    : discounted && Math.abs(residualPv - residual) >= 0.5
      ? `, net of a ${formatMoney(-residual)} residual credit in ${monthName(end)} (${formatMoney(-residualPv)} at present value)`
      : `, net of a ${formatMoney(-residual)} residual credit in ${monthName(end)}`;
  const s1 =
    `Over ${H} months (${monthName(start)} – ${monthName(end)}) the plan serves ` +
    (served === total
      ? (total === 1 ? 'its one workload' : `all ${formatNumber(total)} workloads`)
      // none served: "serves 0 of 5 workloads in every period (5 are left unserved in at least one
      // period)" said the same thing twice, and hid that none is served in any period
      : served === 0
        ? `none of ${total === 1 ? 'its one workload' : `its ${formatNumber(total)} workloads`} (${total === 1 ? 'it is' : 'each is'} left unserved ${unservedWorkloads(ctx.fullPlan).everyPeriod ? 'in every period' : 'in at least one period'})`
        : `${formatNumber(served)} of ${formatNumber(total)} workloads in every period (${formatNumber(unservedSomewhere)} ${unservedSomewhere === 1 ? 'is' : 'are'} left unserved in at least one period)`) +
    ` for a ${costWord} of ${formatMoney(tco.horizonCostUsd)}` +
    residualWords +
    (discounted ? `, discounted at ${formatPctPerYear(settings.discount_rate_pct)} (${formatMoney(tco.undiscountedUsd)} undiscounted)` : '') +
    capexWords;
  const s2 =
    `Running costs move from ${formatMoney(rrStart)} a month in ${monthName(start)} to ${formatMoney(rrEnd)} a month in ${monthName(end)}` +
    (tco.usdPerMTok.overall != null ? `; over the horizon the fleet delivers output tokens at ${formatMoney(tco.usdPerMTok.overall, 2)} per million${discounted ? ' (undiscounted)' : ''}.` : '.');
  let s3: string;
  if (tco.baselines.length === 0) {
    s3 = 'No baseline comparison was available for this plan.';
  } else {
    const parts = tco.baselines.map((b) => savingSentence(tco.horizonCostUsd, b, start, H));
    const text = parts.length > 1 ? `${parts.slice(0, -1).join('; ')}; and ${parts[parts.length - 1]}` : parts[0]!;
    s3 = text[0]!.toUpperCase() + text.slice(1) + '.';
  }
  const unservedCount = unservedSomewhere;
  // a money KPI too wide for its box is given compact, the exact figure first in its note
  // (kpiMoney): a $100B plan's "$656,727,846,867" (16) ran past its box, and Chromium shrank every
  // page of the PDF to fit it
  const moneyKpi = (label: string, usd: number, note: string, tone?: Kpi['tone']): Kpi => {
    const k = kpiMoney(usd);
    return { label, value: k.value, note: exactFirst(k.exact, note), ...(tone ? { tone } : {}) };
  };
  const kpis: Kpi[] = [
    moneyKpi(discounted ? 'Horizon cost (NPV)' : 'Horizon cost', tco.horizonCostUsd, discounted ? `${formatMoney(tco.undiscountedUsd)} undiscounted` : `${H} months${residual !== 0 ? ', net of residual value' : ''}`),
    // the budget caps each plan year (purchases and replacements): beside the horizon's capex, the
    // year that spends most, so a $200,000 plan is not read against a $150,000 budget as over it
    // the replacements beside it: the plan-year table's columns add up to this figure and to them
    moneyKpi('Capex (purchases)', tco.capexUsd,
      (replaced > 0 ? `excl. ${formatMoney(replaced)} of replacements; ` : '') + (settings.capex_budget_usd != null
        ? `peak plan year ${formatMoney(Math.max(0, ...ctx.yearsTable.rows.map((r) => r.budgeted_shown)))}${replaced > 0 ? ' with replacements' : ''}; budget ${formatMoney(settings.capex_budget_usd)} a plan year`
        : 'no capex budget set')),
    { label: 'Run-rate / month', value: `${formatMoneyCompact(rrStart)} → ${formatMoneyCompact(rrEnd)}`, note: `${monthName(start)} → ${monthName(end)}` },
    { label: 'Cost per M output tokens', value: tco.usdPerMTok.overall != null ? formatMoney(tco.usdPerMTok.overall, 2) : '—', // tokens are not discounted, so neither is the cost per token: beside an NPV it says so
      note: discounted ? 'undiscounted; all tiers, whole horizon' : 'all tiers, whole horizon' },
  ];
  if (best && best.horizonCostUsd != null) {
    const diff = best.horizonCostUsd - tco.horizonCostUsd;
    const same = Math.abs(diff) < 0.5;
    kpis.push(moneyKpi(
      `Saving vs ${shortBaseline(best.label)}`,
      diff,
      same
        ? 'same cost as the plan'
        : best.breakevenMonth != null
          ? `break-even ${monthName(addMonths(settings.start_month, best.breakevenMonth))}${best.dearerWithoutResidualUsd != null ? ' (last month, by the residual credit)' : ''}`
          : diff < 0
            ? best.overBudget
              ? 'plan costs more; the baseline breaks the budget'
              : best.rulesIgnored
                ? 'plan costs more; the baseline ignores placement or tiers'
                : 'plan costs more'
            : 'no break-even in horizon',
      same ? 'neutral' : diff >= 0 ? 'good' : 'bad',
    ));
  }
  if (unservedCount > 0) kpis.push({ label: 'Unserved workloads', value: formatNumber(unservedCount), tone: 'bad', note: unservedWorkloads(ctx.fullPlan).everyPeriod ? 'see Risks' : 'in at least one period; see Risks' });
  // ---- decisions: one line per option the plan uses in any period (ctx.plan is only the last
  // period: an earlier period's purchase or API contract is a commitment too), its money from the
  // schedule's rows of every period (a plan on token APIs for its first year, $307,785,
  // listed only the $96,000 of systems bought in year 2)
  const decisionList: { text: string; amount: string; tier: Tier; weight: number }[] = [];
  const all = ctx.fullPlan.assignments;
  const items = (id: string, pick: (si: Schedule['periods'][number]['sites'][number]) => ScheduleItem[]) =>
    ctx.schedule.periods.flatMap((p) => p.sites.flatMap((si) => pick(si).filter((b) => b.option === id).map((b) => ({ p, si, b }))));
  for (const id of [...new Set(all.map((a) => a.option))]) {
    const o = options.get(id);
    if (!o) continue;
    const on = all.filter((a) => a.option === id);
    const names = [...new Set(on.map((a) => a.workload))];
    const forW = `for ${formatNumber(names.length)} workload${names.length === 1 ? '' : 's'}`;
    const used = ctx.schedule.periods.filter((p) => on.some((a) => a.period === p.period));
    const usedMonths = used.reduce((n, p) => n + p.months, 0);
    const over =
      usedMonths >= H ? `over ${H} months`
        : used.every((p, i) => i === 0 || p.period === used[i - 1]!.period + 1)
          ? `over ${formatNumber(usedMonths)} months, ${monthName(addMonths(start, used[0]!.start_month))} – ${monthName(addMonths(start, used.at(-1)!.start_month + used.at(-1)!.months - 1))}`
          : `over ${formatNumber(usedMonths)} of the ${H} months`;
    if (o.kind === 'system') {
      // first purchases in every period, at the prices paid (the schedule's figures)
      const bought = items(id, (si) => si.bought);
      const units = bought.reduce((n, x) => n + (x.b.quantity ?? 0), 0);
      const where = [...new Set(bought.map((x) => x.si.site))].join(', ');
      const rounds = [...new Set(bought.map((x) => x.p.period))];
      const when = rounds.length > 1
        ? ` (${rounds.map((k) => { const p = ctx.schedule.periods[k]!; return `${formatNumber(bought.filter((x) => x.p.period === k).reduce((n, x) => n + (x.b.quantity ?? 0), 0))} in ${p.starts}`; }).join(', ')})`
        : rounds[0] != null && (rounds[0] > 0 || ctx.schedule.periods.length > 1) ? ` in ${ctx.schedule.periods[rounds[0]]!.starts}` : '';
      const capex = bought.reduce((a, x) => a + x.b.usd, 0);
      // the re-buys at the end of lifetimes are commitments too, named with their months: the line
      // read "$1,310,000 capex" while the $419,476 replacement of its B200 went unsaid, and the edge
      // devices' lines below include theirs
      const rebuys = items(id, (si) => si.replaced);
      const replacedUsd = rebuys.reduce((a, x) => a + x.b.usd, 0);
      const again = rebuys.length > 0 ? `; ${replacedPhrase(start, rebuys.map((x) => x.b))}` : '';
      // a phased plan dates every purchase, the first period's too (a plan once read "Buy 4 × CS-3 for
      // colo-liquid-hall" above "Buy 2 × B200 for hq-server-room in May 2027"); a site is where, not whom
      decisionList.push({
        text: `Buy ${formatNumber(units)} × ${o.name} at ${where}${when}${again}`,
        amount: replacedUsd > 0 ? `${formatMoney(capex)} capex + ${formatMoney(replacedUsd)} replacements` : `${formatMoney(capex)} capex`,
        tier: o.tier,
        weight: capex + replacedUsd,
      });
    } else if (o.kind === 'edge_device') {
      // the devices (purchases and re-buys) and their energy and inference in the periods they serve
      const endpoints = names.reduce((n, w) => n + (workloads.get(w)?.endpoints ?? 0), 0);
      const api = o.inference_via ? options.get(o.inference_via) : undefined;
      let cost = items(id, (si) => [...si.bought, ...si.replaced]).reduce((a, x) => a + x.b.usd, 0);
      for (const a of on) {
        const w = workloads.get(a.workload);
        const p = ctx.schedule.periods[a.period];
        if (!w || !p) continue;
        for (const v of Object.values(edgeUseLines(w, o, api?.kind === 'cloud_api' ? api : null, settings, p.start_month, p.months))) cost += v.reduce((x, y) => x + y, 0);
      }
      decisionList.push({ text: `Deploy ${formatNumber(endpoints)} × ${o.name} ${forW}`, amount: `${formatMoney(cost)} ${over}`, tier: o.tier, weight: cost });
    } else {
      // cloud instances and token charges as the schedule rents them, period by period
      const cost = items(id, (si) => si.rented).reduce((a, x) => a + x.b.usd, 0);
      const verb = o.kind === 'cloud_api' ? 'Contract' : 'Rent';
      decisionList.push({ text: `${verb} ${o.name} ${forW}`, amount: `${formatMoney(cost)} ${over}`, tier: o.tier, weight: cost });
    }
  }
  decisionList.sort((a, b) => b.weight - a.weight);
  const MAX_DECISIONS = 6;
  const decisions = decisionList.slice(0, MAX_DECISIONS).map(({ text, amount, tier }) => ({ text, amount, tier }));

  const footnotes = [
    'Run-rate: energy, support, rack space, cloud instances and token charges of the month; purchases, replacements and the residual credit excluded.',
    // "net of" only beside a credit, as the KPI note and the tier sections say it: an all-API plan
    // (credit $0) read "Horizon cost is net of the residual value of hardware…" with none to credit
    residual !== 0
      ? 'Horizon cost is net of the residual value of hardware still within its life at the end of the horizon.'
      : settings.residual_value
        ? 'No residual value is credited: no hardware is still within its life at the end of the horizon.'
        : 'Residual value of hardware at the end of the horizon is not credited.',
  ];
  return {
    sentences: [s1, s2, s3], buys: ctx.schedule.summary, kpis, footnotes, decisions, moreDecisions: Math.max(0, decisionList.length - MAX_DECISIONS),
    decisionsNote: decisionsNote(settings.discount_rate_pct > 0, residual),
  };
}

/** Assumptions: settings, sites, demand summary, the workload register and demand by model. */
function assumptionsOf(ctx: Ctx): ReportModel['assumptions'] {
  const { input, settings, H, start, end } = ctx;
  const total = input.workloads.length;
  const s = settings;
  const settingsKv: KeyValue[] = [
    { label: 'Horizon', value: `${H} months, ${monthName(start)} – ${monthName(end)}` },
    { label: 'Discount rate', value: s.discount_rate_pct > 0 ? formatPctPerYear(s.discount_rate_pct) : 'none (costs undiscounted)' },
    { label: 'Hardware price trend', value: formatPctPerYear(s.hardware_price_change_pct_per_year, true), note: 'systems and edge devices, at the price of the month each is bought or replaced' },
    { label: 'Cloud price trend', value: formatPctPerYear(s.cloud_price_change_pct_per_year, true), note: 'cloud instances and token APIs, month by month from the start' },
    { label: 'Residual value', value: s.residual_value ? 'credited at the end of the horizon' : 'not credited' },
    { label: 'Maximum utilisation', value: formatRatioPct(s.max_utilization), note: 'capacity is sized so no unit runs above this' },
    { label: 'Capex budget', value: s.capex_budget_usd != null ? `${formatMoney(s.capex_budget_usd)} a plan year` : 'none', ...(s.capex_budget_usd != null ? { note: 'purchases and replacements in each 12 months from the start' } : {}) },
    { label: 'Total budget', value: s.total_budget_usd != null ? formatMoney(s.total_budget_usd) : 'none' },
    {
      label: 'Unserved workloads',
      value: s.unserved_penalty_usd_per_month != null ? `allowed, at a penalty of ${formatMoney(s.unserved_penalty_usd_per_month)} / month each` : 'not allowed (every workload must be served)',
    },
    { label: 'Edge electricity', value: `${formatMoney(s.edge_usd_per_kwh, 2)} / kWh` },
    { label: 'Month length', value: '730 hours' },
  ];
  const siteTable: Table = {
    columns: [
      { label: 'Site' },
      { label: 'IT power', align: 'right' },
      { label: 'Racks', align: 'right' },
      { label: 'Rack (U / kW)', align: 'right' },
      { label: 'Liquid', align: 'center' },
      { label: 'PUE', align: 'right' },
      { label: 'Electricity', align: 'right' },
      { label: 'Space / rack·month', align: 'right' },
    ],
    rows: input.sites.map((x) => ({
      cells: [
        x.name,
        formatKw(x.it_power_kw),
        formatNumber(x.racks),
        `${formatDecimal(x.rack_units)} U / ${formatDecimal(x.rack_kw, 1)} kW`,
        x.liquid_cooling ? 'yes' : 'no',
        formatDecimal(x.pue, 2),
        `${formatMoney(x.usd_per_kwh, 3)} /kWh`,
        formatMoney(x.usd_per_rack_month),
      ],
    })),
  };
  let avg0 = 0, avgEnd = 0, peakEnd = 0;
  let gMin = Infinity, gMax = -Infinity, gWeighted = 0;
  for (const w of input.workloads) {
    avg0 += avgTps(w, 0);
    avgEnd += avgTps(w, H - 1);
    peakEnd += peakTps(w, H - 1);
    gMin = Math.min(gMin, w.monthly_growth_pct);
    gMax = Math.max(gMax, w.monthly_growth_pct);
    gWeighted += w.monthly_growth_pct * w.avg_output_tps;
  }
  const latencyBound = input.workloads.filter((w) => w.max_latency_ms != null).length;
  const placements = new Map<string, number>();
  for (const w of input.workloads) placements.set(w.placement, (placements.get(w.placement) ?? 0) + 1);
  const demand: KeyValue[] = [
    { label: 'Workloads', value: `${formatNumber(total)} (${formatNumber(latencyBound)} with a latency limit)` },
    { label: 'Average demand', value: `${formatTps(avg0)} in ${monthName(start)} → ${formatTps(avgEnd)} in ${monthName(end)}` },
    { label: 'Peak demand at horizon end', value: formatTps(peakEnd) },
    {
      label: 'Monthly growth',
      value:
        total === 0
          ? '—'
          : gMin === gMax
            ? formatPct(gMin, 2)
            : `${formatPct(gMin, 2)} to ${formatPct(gMax, 2)} (demand-weighted ${formatPct(avg0 > 0 ? gWeighted / input.workloads.reduce((a, w) => a + w.avg_output_tps, 0) : 0, 2)})`,
    },
    {
      label: 'Placement',
      value: [...placements.entries()].sort((a, b) => b[1] - a[1]).map(([p, n]) => `${formatNumber(n)} ${p}`).join(', ') || '—',
    },
  ];
  // set widths, as the tier tables have: in an auto layout the columns of figures, which never wrap,
  // left "code-completion" and "llama-3.1-8b" two lines each and the sparse model list five; a model
  // id of the default catalog, a demo workload name and "30,000 ms / 400 tok" now take one line,
  // "onprem · premium, commodity" two, and the sparse list three
  const workloadTable: Table = {
    columns: [
      { label: 'Workload', width: '14.5%' },
      { label: 'Model', id: true, width: '14.5%' },
      { label: 'Avg demand', align: 'right', width: '11.5%' },
      { label: 'Peak ÷ avg', align: 'right', width: '6.5%' },
      { label: 'Growth / mo', align: 'right', width: '7%' },
      { label: 'Latency limit', align: 'right', width: '17%' },
      { label: 'Placement · tiers', width: '17%' },
      { label: 'Endpoints', align: 'right', width: '12%' },
    ],
    rows: input.workloads.map((w) => ({
      cells: [
        w.name,
        w.model,
        formatTps(w.avg_output_tps),
        `${formatDecimal(w.peak_to_avg, 2)}×`,
        formatPct(w.monthly_growth_pct, 2),
        w.max_latency_ms != null ? `${formatMs(w.max_latency_ms)} / ${formatNumber(w.response_tokens)} tok` : 'none',
        `${w.placement} · ${w.tiers.length === TIERS.length ? 'any tier' : w.tiers.join(', ')}`,
        w.endpoints > 0 ? formatNumber(w.endpoints) : '—',
      ],
    })),
  };

  const models = new Map<string, Workload[]>();
  for (const w of input.workloads) models.set(w.model, [...(models.get(w.model) ?? []), w]);
  const byModel: Table = {
    columns: [
      { label: 'Model', id: true },
      { label: 'Workloads', align: 'right' },
      { label: `Avg demand ${monthName(start)}`, align: 'right' },
      { label: `Peak ${monthName(end)}`, align: 'right' },
      { label: 'Growth / mo', align: 'right' },
      { label: 'With latency limit', align: 'right' },
    ],
    rows: [...models.entries()]
      .sort((a, b) => b[1].reduce((x, w) => x + w.avg_output_tps, 0) - a[1].reduce((x, w) => x + w.avg_output_tps, 0))
      .map(([model, ws]) => {
        const g = ws.map((w) => w.monthly_growth_pct);
        const gMinM = Math.min(...g), gMaxM = Math.max(...g);
        return {
          cells: [
            model,
            formatNumber(ws.length),
            formatTps(ws.reduce((x, w) => x + avgTps(w, 0), 0)),
            formatTps(ws.reduce((x, w) => x + peakTps(w, H - 1), 0)),
            gMinM === gMaxM ? formatPct(gMinM, 2) : `${formatPct(gMinM, 2)} – ${formatPct(gMaxM, 2)}`,
            formatNumber(ws.filter((w) => w.max_latency_ms != null).length),
          ],
        };
      }),
  };
  // no site: one line, not a heading over an empty table (systems are bought only at a site)
  const noSites = input.sites.length === 0 ? 'This plan document has no sites, so the plan buys no systems.' : null;
  return { settings: settingsKv, sites: siteTable, noSites, demand, workloads: workloadTable, showRegister: input.workloads.length <= 40, byModel };
}

/** One section per tier with assignments: a summary line and its workloads grouped by (option, site). */
function tierSectionsOf(ctx: Ctx): ReportTierSection[] {
  const { plan, tco, H, workloads, optName } = ctx;
  // the tables show the last period's assignments ("As in the plan's last period"): its design peak
  // too, where the horizon's busiest month was shown (a declining workload's month-0 peak of 7,500
  // tok/s under a last period sized for 4,623)
  const lastPeriod = planPeriods(ctx.fullPlan, H).at(-1)!;
  // ---- assignment by tier
  const byTier = new Map<Tier, Assignment[]>();
  for (const a of plan.assignments) {
    const list = byTier.get(a.tier) ?? [];
    list.push(a);
    byTier.set(a.tier, list);
  }
  // one group per (option, site), a header row naming it, then its workloads on one line each
  const tierTable = (list: Assignment[], tier: Tier): Table => {
    const groups = new Map<string, Assignment[]>();
    for (const a of list) {
      const key = `${a.option}\u0000${a.site ?? ''}`;
      const g = groups.get(key) ?? [];
      g.push(a);
      groups.set(key, g);
    }
    const rows: Table['rows'] = [];
    const ordered = [...groups.values()].sort((x, y) => y.length - x.length || x[0]!.option.localeCompare(y[0]!.option));
    for (const g of ordered) {
      const a0 = g[0]!;
      const where = a0.site ? `at ${a0.site}` : a0.kind === 'edge_device' ? 'on the endpoints' : a0.kind === 'cloud_api' ? 'pay per token' : 'rented, elastic';
      const pool = a0.site ? plan.pools.filter((p) => p.site === a0.site && p.option === a0.option).reduce((n, p) => n + p.units, 0) : 0;
      rows.push({
        group: true,
        tier,
        cells: [
          `${optName(a0.option)} — ${where}` +
            (pool ? ` · ${formatNumber(pool)} unit${pool === 1 ? '' : 's'}` : '') +
            ` · ${formatNumber(g.length)} workload${g.length === 1 ? '' : 's'}`,
        ],
      });
      for (const a of g.sort((x, y) => x.workload.localeCompare(y.workload))) {
        const w = workloads.get(a.workload);
        const ms = w ? answerMs({ user_tps: a.user_tps, unit_tps: a.unit_tps, ttft_ms: a.ttft_ms }, w.response_tokens) : null;
        rows.push({
          cells: [
            a.workload,
            // the model served, as Results shows it (a workload of models "a|b" runs one of them)
            a.model,
            w ? formatTps(w.avg_output_tps) : '—',
            w ? formatPct(w.monthly_growth_pct, 2) : '—',
            w ? formatTps(periodDemand(w, lastPeriod)) : '—',
            // a speed as everywhere else (formatTps): whole numbers dropped a slow point's decimals,
            // "3 tok/s" beside the 104,000 ms its 2.5 tok/s gives a 250-token answer
            formatTps(a.user_tps),
            ms != null ? `${formatMs(ms)}${w?.max_latency_ms != null ? ` / ${formatMs(w.max_latency_ms)}` : ''}` : '—',
          ],
        });
      }
    }
    // the Model column holds a model id of the default catalog on one line ("llama-4-maverick")
    // and "llama-3.3-70b-sparse70-int4" on two (at 12 % "llama-3.3-70b" took two lines and the
    // sparse id four, while Workload had room to spare); the figures "15,000 tok/s" and
    // "16,450 ms / 30,000 ms" fit their columns (they ran into the cell padding at 10 % and 18 %)
    return {
      columns: [
        { label: 'Workload', width: '19%' },
        { label: 'Model', id: true, width: '16%' },
        { label: 'Avg demand', align: 'right', width: '12%' },
        { label: 'Growth', align: 'right', width: '8%' },
        { label: 'Design peak', align: 'right', width: '13%' },
        { label: 'Per user', align: 'right', width: '12%' },
        { label: 'Answer / limit', align: 'right', width: '20%' },
      ],
      rows,
    };
  };
  // a tier's cost is its share of the horizon cost: with a residual credit, net of the credit for
  // the hardware it still holds at the end (said, or the tiers' sum reads below what they buy); said
  // of a tier that holds such hardware only (an API-only tier read "net of the residual credit")
  const net = (tier: Tier) => ((tco.residualByTier[tier] ?? 0) !== 0 ? ', net of the residual credit' : '');
  const tiers: ReportTierSection[] = [];
  // whole dollars made of the cost table's figures (tierFigures): each line's total as the table
  // shows it, split over the tiers, so the tiers add up to the table's total (rounded each on its
  // own, tiers of $92,770, $3,023,679 and $227,145 summed to $3,343,594 under $3,343,595) and a tier
  // paying one line reads that line's figure (rounded to their own total, a premium tier of API
  // tokens alone read $110,871 beside the "API tokens" line's $110,870)
  const tierShown = tierFigures(ctx.lineGrid, tco.linesByTier);
  for (const tier of TIERS) {
    const list = byTier.get(tier);
    if (!list || list.length === 0) continue;
    const tierMTok = tco.mTokens.byTier[tier] ?? 0;
    const tierCost = tierShown[tier];
    const perM = tco.usdPerMTok.byTier[tier];
    const optionsUsed = new Set(list.map((a) => a.option));
    tiers.push({
      tier,
      label: TIER_LABELS[tier],
      summary:
        `${formatNumber(list.length)} workload${list.length === 1 ? '' : 's'} on ${formatNumber(optionsUsed.size)} option${optionsUsed.size === 1 ? '' : 's'}; ` +
        `${formatMoney(tierCost)} over the horizon (undiscounted${net(tier)}) for ${formatDecimal(tierMTok, tierMTok >= 100 ? 0 : 1)} million output tokens` +
        (perM != null ? ` — ${formatMoney(perM, 2)} per million.` : '.'),
      table: tierTable(list, tier),
    });
  }
  return tiers;
}

/** The pools table (site, system, model, units, capex, power) with its total row. */
function poolsTableOf(ctx: Ctx): Table {
  const { plan, options, optName } = ctx;
  // capex is the schedule's (prices paid in each period); this table is what is owned
  const pools: Table = {
    columns: [
      { label: 'Site' },
      { label: 'System' },
      { label: 'Model', id: true },
      { label: 'Units', align: 'right' },
      { label: 'Max power', align: 'right' },
    ],
    rows: plan.pools.map((p) => {
      const o = options.get(p.option);
      const kw = o && o.kind === 'system' ? o.max_power_kw : 0;
      // a rack-scale system's units and the replicas they make, as section 02 has them; the plan's
      // own replicas, as the schedule gives them (not units / R from the catalog)
      const units = formatUnitsReplicas(p.units, poolReplicas(plan, p, o ? unitsPerReplica(o, p.model) : 1), false);
      return { cells: [p.site, optName(p.option), p.model, units, formatKw(kw * p.units)], tier: o?.tier };
    }),
  };
  if (plan.pools.length > 0) {
    let kw = 0, units = 0;
    for (const p of plan.pools) {
      const o = options.get(p.option);
      if (o?.kind !== 'system') continue;
      kw += o.max_power_kw * p.units;
      units += p.units;
    }
    pools.foot = ['Total', '', '', formatNumber(units), formatKw(kw)];
  }
  return pools;
}

/**
 * The racks a pool's units are in at its site, whole (DESIGN 5: racks are whole, r[f,s,k] integer),
 * and how many of them it shares with another model's units of the same system: a rack holding
 * units of two models counts for each, and says so ("7 (1 shared)"), and the site's total stands
 * below. Shares of a rack read "6.7" and "2.3" racks of a Cerebras site; counted by
 * system alone, two pools of one system each listed the other's racks too (bench/trust.ts
 * short-life-budget-14: 2 + 1 + 1 + 2 racks listed at a site using 4). A tall unit counts the racks
 * it spans.
 */
export function poolRacks(racks: readonly RackLayout[], pool: Pick<Pool, 'option' | 'model'>): { racks: number; shared: number } {
  let n = 0, shared = 0;
  for (const r of racks) {
    if (r.option !== pool.option || r.units.length === 0) continue;
    const mine = r.units.filter((u) => u.option === pool.option && u.model === pool.model).length;
    if (mine === 0) continue;
    n += r.spans ?? 1;
    if (mine < r.units.length) shared += r.spans ?? 1;
  }
  return { racks: n, shared };
}

/** "7", "7 (1 shared)", "1 shared": a pool's racks as the site table gives them. */
export function poolRacksText(r: { racks: number; shared: number }): string {
  if (r.shared === 0) return formatNumber(r.racks);
  return r.shared === r.racks ? `${formatNumber(r.racks)} shared` : `${formatNumber(r.racks)} (${formatNumber(r.shared)} shared)`;
}

/** One entry per site of the plan: power and racks used, its pools, rack types and grouped racks. */
function siteSectionsOf(ctx: Ctx): ReportSite[] {
  const { plan, options, sitesByName, optName } = ctx;
  const sites: ReportSite[] = plan.sites.map((su) => {
    const site = sitesByName.get(su.site);
    const rackU = site?.rack_units ?? 42;
    const rackKw = site?.rack_kw ?? 15;
    const sitePools = plan.pools.filter((p) => p.site === su.site);
    let energyMonth = 0;
    for (const p of sitePools) {
      const o = options.get(p.option);
      if (o?.kind === 'system' && site) energyMonth += p.units * o.typical_power_kw * site.pue * 730 * site.usd_per_kwh;
    }
    const groups = groupRacks(su.racks);
    return {
      spec: { name: su.site, racks: site?.racks ?? su.racks_limit, rack_units: rackU, rack_kw: rackKw },
      use: su,
      rackTypes: {
        columns: [
          { label: 'Rack type' },
          { label: 'Racks', align: 'right' },
          { label: 'Units per rack', align: 'right' },
          { label: 'Space used', align: 'right' },
          { label: 'Power per rack', align: 'right' },
        ],
        rows: groups.map(({ rack: r, count }) => ({
          tier: options.get(r.option)?.tier,
          cells: [
            `${optName(r.option)} — ${[...new Set(r.units.map((u) => u.model))].join(', ')}`,
            formatNumber(count * (r.spans ?? 1)),
            (r.spans ?? 1) > 1 ? `1 (spans ${r.spans} racks)` : formatNumber(r.units.length),
            // u_used is per rack (DESIGN 8): a 42-U unit over 2 racks fills both, and read "42 of 84 U"
            `${formatDecimal(r.u_used)} of ${formatDecimal(rackU)} U${(r.spans ?? 1) > 1 ? ' in each' : ''}`,
            `${formatKw(r.kw_used / (r.spans ?? 1))} of ${formatKw(rackKw)}`,
          ],
        })),
      },
      name: su.site,
      powerUsedKw: su.power_kw_used,
      powerLimitKw: su.power_kw_limit,
      racksUsed: su.racks_used,
      racksLimit: su.racks_limit,
      powerText: `${formatKw(su.power_kw_used)} of ${formatKw(su.power_kw_limit)}`,
      racksText: `${formatNumber(su.racks_used)} of ${formatNumber(su.racks_limit)} racks`,
      powerPct: su.power_kw_limit > 0 ? Math.min(100, (su.power_kw_used / su.power_kw_limit) * 100) : 0,
      racksPct: su.racks_limit > 0 ? Math.min(100, (su.racks_used / su.racks_limit) * 100) : 0,
      energyText: site
        ? `${formatMoney(energyMonth)} / month energy at PUE ${formatDecimal(site.pue, 2)} and ${formatMoney(site.usd_per_kwh, 3)} /kWh`
        : '',
      pools: {
        columns: [{ label: 'System' }, { label: 'Model', id: true }, { label: 'Units', align: 'right' }, { label: 'Racks', align: 'right' }],
        rows: sitePools.map((p) => ({ cells: [optName(p.option), p.model, formatNumber(p.units), poolRacksText(poolRacks(su.racks, p))] })),
        // racks shared by two models count in both rows: the site's racks, once, below them
        ...(sitePools.length > 1 ? { foot: ['Total', '', formatNumber(sitePools.reduce((a, p) => a + p.units, 0)), formatNumber(su.racks_used)] } : {}),
      },
      racks: groups.map(({ rack: r, count }, i) => {
        const o = options.get(r.option);
        const h = o?.kind === 'system' ? o.rack_units : 1;
        return {
          index: i + 1,
          option: r.option,
          optionName: optName(r.option),
          tier: o?.tier ?? 'commodity',
          unitHeightU: h,
          rackUnits: rackU,
          kwUsed: r.kw_used,
          kwLimit: rackKw * (r.spans ?? 1),
          spans: r.spans ?? 1,
          units: r.units,
          count,
          label: `${formatNumber(r.units.length)} × ${optName(r.option)} · ${formatDecimal(r.u_used)} U · ${formatKw(r.kw_used)}`,
        };
      }),
    };
  });
  return sites;
}

/** Cost lines by year, the baseline comparison and notes; also the cost lines present (for the charts). */
function costsOf(ctx: Ctx): { costs: ReportModel['costs']; linesPresent: CostLine[] } {
  const { tco, H, start, discounted } = ctx;
  // ---- costs
  const years = Math.ceil(H / 12);
  const yearCols = Array.from({ length: years }, (_, y) => {
    const a = y * 12;
    const b = Math.min(H, a + 12) - 1;
    // a last year shorter than 12 months says so in its heading: a 30-month horizon's "Year 3"
    // column held 6 months ($268,340 beside Year 2's $577,344) and read as a cheaper year
    const n = b - a + 1;
    return { label: n < 12 ? `Year ${y + 1} (${n} month${n === 1 ? '' : 's'})` : `Year ${y + 1}`, a, b, sub: `${monthName(addMonths(start, a))} – ${monthName(addMonths(start, b))}` };
  });
  // rows and columns add up as shown, each year to the total the plan-year table gives it and the
  // whole table to the horizon's undiscounted cost (lineGridOf: the schedule's items add up to these cells)
  const { lines: linesPresent, exact, grid } = ctx.lineGrid;
  const sum = (xs: readonly number[]) => xs.reduce((a, x) => a + x, 0);
  // figures the rounding moved off their own nearest dollar so that rows and columns add up (said,
  // not hidden): the cells, the lines' totals and the years' totals
  const pairs: [number, number][] = [];
  grid.forEach((r, i) => {
    r.forEach((v, j) => pairs.push([v, exact[i]![j]!]));
    pairs.push([sum(r), sum(exact[i]!)]);
  });
  yearCols.forEach((_, j) => pairs.push([sum(grid.map((r) => r[j]!)), sum(exact.map((r) => r[j]!))]));
  pairs.push([sum(grid.map(sum)), sum(exact.map(sum))]);
  const costTable: Table = {
    columns: [{ label: 'Cost line' }, ...yearCols.map((y) => ({ label: y.label, align: 'right' as const })), { label: 'Total', align: 'right' }],
    rows: linesPresent.map((k, i) => ({
      cells: [COST_LINE_LABELS[k], ...grid[i]!.map((v) => formatMoney(v)), formatMoney(sum(grid[i]!))],
    })),
    foot: [
      discounted ? 'Total (undiscounted)' : 'Total',
      ...yearCols.map((_, j) => formatMoney(sum(grid.map((r) => r[j]!)))),
      formatMoney(sum(grid.map(sum))),
    ],
  };
  const baselines: Table = {
    columns: [
      { label: 'Alternative' },
      { label: discounted ? 'Horizon cost (NPV)' : 'Horizon cost', align: 'right' },
      { label: 'Baseline − plan', align: 'right' },
      { label: 'Break-even', align: 'right' },
    ],
    rows: [
      { cells: ['This plan', formatMoney(tco.horizonCostUsd), '—', '—'], tone: 'total' },
      ...tco.baselines.map((b) => {
        if (!b.available || b.horizonCostUsd == null) return { cells: [b.label, 'not applicable', '—', b.note ?? '—'], tone: 'muted' as const };
        const diff = b.horizonCostUsd - tco.horizonCostUsd;
        return {
          cells: [
            b.lopsided ? `${b.label} (lopsided: see note)` : b.label,
            formatMoney(b.horizonCostUsd),
            `${formatMoney(diff)} (${formatPctOfBaseline(b.horizonCostUsd !== 0 ? (diff / Math.abs(b.horizonCostUsd)) * 100 : 0)})`,
            // as the summary and the TCO view say it: a baseline costing the same has no break-even
            // (its row read "$0 (0% of the baseline) … Dec 2026"), one the plan never costs more
            // than is cheaper from the start (a bare start month read as a break-even then)
            Math.abs(diff) < 0.5
              ? 'same cost'
              : b.breakevenMonth == null
                ? 'not within horizon'
                : b.breakevenMonth === 0
                  ? `from the start (${monthName(start)})`
                  : monthName(addMonths(start, b.breakevenMonth)),
          ],
        };
      }),
    ],
  };
  const costNotes: string[] = [];
  for (const b of tco.baselines) if (b.note && b.available) costNotes.push(`${b.label}: ${b.note}`);
  for (const b of tco.baselines) if (b.lopsided && b.available) costNotes.push(`${b.label}: ${b.lopsided}.`);
  if (tco.partial) costNotes.push('Baselines and sensitivity were not available when this report was generated.');
  const tableNote = roundingNote(roundedAway(pairs), 'across and down');
  return { costs: { table: costTable, tableNote, baselines, notes: costNotes, monthlyCaption: monthlyCaption(ctx) }, linesPresent };
}

/** What the monthly chart's bars are, and where its purchase spikes fall (core/plan-periods: purchaseTimingText). */
function monthlyCaption(ctx: Ctx): string {
  return `undiscounted; ${purchaseTimingText(ctx.start, planPeriods(ctx.fullPlan, ctx.H), ctx.fullPlan, ctx.tco.months, ctx.settings.purchase_interval_months)}`;
}

/** Chart series as numbers; the renderer draws them with the app's chart builders. */
function chartsOf(ctx: Ctx, linesPresent: CostLine[]): ChartSeries {
  const { tco, start, discounted } = ctx;
  // ---- chart series (numbers; the renderer draws them with the app's chart builders)
  const monthsLabels = tco.months.map((m) => monthName(addMonths(start, m.month)));
  const charts: ChartSeries = {
    months: monthsLabels,
    stacked: linesPresent.map((k) => ({ line: k, label: COST_LINE_LABELS[k], values: tco.months.map((m) => m.lines[k] ?? 0) })),
    cumulative: [
      { id: 'plan', label: 'This plan', kind: 'plan', monthly: tco.months.map((m) => m.pvUsd), breakevenMonth: null },
      ...tco.baselines
        .filter((b) => b.available && b.monthlyUsd.length > 0)
        .map((b) => ({ id: b.id, label: b.label, kind: 'baseline' as const, monthly: b.monthlyUsd, breakevenMonth: b.breakevenMonth })),
    ],
    perMTok: [
      ...TIERS.filter((t) => tco.usdPerMTok.byTier[t] != null).map((t) => ({ tier: t, label: TIER_LABELS[t], value: tco.usdPerMTok.byTier[t] as number })),
      ...(tco.usdPerMTok.overall != null ? [{ tier: 'all' as const, label: 'All tiers', value: tco.usdPerMTok.overall }] : []),
    ],
    tiers: Object.fromEntries(
      TIERS.filter((t) => tco.months.some((m) => (m.byTier[t] ?? 0) !== 0)).map((t) => [t, tco.months.map((m) => m.byTier[t] ?? 0)]),
    ),
    tornado: tco.tornado
      .map((t) => ({ label: t.label, lowUsd: t.lowUsd, highUsd: t.highUsd, baseUsd: tco.horizonCostUsd }))
      .sort((a, b) => swingOf(b.baseUsd, b.lowUsd, b.highUsd) - swingOf(a.baseUsd, a.lowUsd, a.highUsd)),
    tornadoPct: tco.sensitivityPct ?? 20,
    // the note says what the chart's "— breaks the plan" label means: name the driver only
    tornadoNotes: tco.tornado.filter((t) => t.note).map((t) => `${t.driver}: ${t.note}`),
    discounted,
  };
  if (tco.tornadoLegend) charts.tornadoLegend = tco.tornadoLegend;
  return charts;
}

/** Risks: stale plan, optimality gap, unserved workloads, binding constraints, full sites and budgets. */
function risksOf(ctx: Ctx, sites: ReportSite[]): ReportRisk[] {
  const { plan, tco, meta, settings: s } = ctx;
  // ---- risks
  const risks: ReportRisk[] = [];
  if (meta.stale) risks.push({ severity: 'high', title: 'Plan is out of date', detail: 'Workloads, sites, catalog or settings changed after this plan was solved. Re-run the optimizer before acting on these figures.' });
  // an earlier plan picked in Results: the CSV said so, the PDF read as the scenario's plan
  if (meta.olderPlan) risks.push({ severity: 'medium', title: 'Not the latest run', detail: `This is an earlier plan of scenario “${meta.scenario}”${meta.solvedAt ? `, solved ${formatDate(meta.solvedAt)}` : ''}; the scenario has been optimised again since.` });
  if (plan.status === 'time_limit')
    risks.push({ severity: 'medium', title: 'Not proven optimal', detail: `${plan.stopped_by === 'user' ? 'The search was stopped by the user' : 'The solver stopped at its time limit'}; a cheaper plan may exist: ${optimumGapClause(provenGap(plan), plan)}.` });
  const left = unservedWorkloads(ctx.fullPlan);
  if (left.names.length > 0) {
    const n = left.names.length;
    const names = left.names.slice(0, 5).join(', ') + (n > 5 ? ` and ${formatNumber(n - 5)} more` : '');
    risks.push({
      severity: 'high',
      title: `${formatNumber(n)} workload${n === 1 ? '' : 's'} not served${left.everyPeriod ? '' : ' in every period'}`,
      detail:
        `${names}: the plan leaves ${n === 1 ? 'it' : 'them'} without capacity (reasons in the table below)` +
        (s.unserved_penalty_usd_per_month != null
          ? `; the penalty of ${formatMoney(s.unserved_penalty_usd_per_month)} a month${n === 1 ? '' : ' each'} is not part of the horizon cost.`
          : '.'),
    });
  }
  const bindingView = describeBinding(plan);
  for (const b of bindingView.items) risks.push({ severity: 'medium', title: bindingView.checked ? `Binding: ${b.title}` : b.title, detail: b.detail });
  for (const si of sites) {
    if (si.powerPct >= 90) risks.push({ severity: 'medium', title: `${si.name} power nearly full`, detail: `${si.powerText} provisioned (${formatPct(si.powerPct, 0)}); growth beyond the plan needs more IT power.` });
    if (si.racksPct >= 90) risks.push({ severity: 'medium', title: `${si.name} racks nearly full`, detail: `${si.racksText} used (${formatPct(si.racksPct, 0)}).` });
  }
  // budgets are binding only when a re-solve without them is cheaper (plan.binding); a budget that is
  // merely used up is not reported as costing anything
  return risks;
}

function bindingAndUnservedOf(ctx: Ctx): { binding: Table; bindingNote: string | null; unserved: Table; unservedNote: string | null } {
  const { plan, workloads } = ctx;
  const bindingView = describeBinding(plan);
  const binding: Table = {
    columns: [{ label: 'Constraint' }, { label: 'Detail' }],
    rows: bindingView.items.map((b) => ({ cells: [b.title, b.detail] })),
  };
  const unserved: Table = {
    columns: [{ label: 'Workload', width: '20%' }, { label: 'Model', width: '14%', id: true }, { label: 'Avg demand', align: 'right', width: '13%' }, { label: 'Reason', width: '53%' }],
    rows: plan.unserved.map((u) => {
      const w: Workload | undefined = workloads.get(u.workload);
      return { cells: [u.workload, w?.model ?? '—', w ? formatTps(w.avg_output_tps) : '—', u.reason], tone: 'warn' as const };
    }),
  };
  // a reason of a workload nothing can serve names a few options and counts the rest (explain.ts
  // noCandidateWhy): the reader is told where every option is named
  const full = ctx.fullPlan.unserved.some((u) => u.reason.startsWith('nothing can serve ')) ? fullNoCandidateReasons(ctx.input) : null;
  const cut = full != null && ctx.fullPlan.unserved.some((u) => full(u.reason) !== u.reason);
  const unservedNote = cut
    ? 'Where a reason names a few options and counts the rest, those named are the most telling: Results lists every option under the reason, and fleetplan optimize PLAN --json OUT writes the reasons in full.'
    : null;
  return { binding, bindingNote: bindingView.note, unserved, unservedNote };
}

/** The appendix role of a token API that edge devices of the plan call (`inference_via`). */
const VIA_ROLE = 'plan (as the API its edge devices call)';

/** Appendix: catalog figures (with sources) of the options in the plan and the baselines. */
function appendixOf(ctx: Ctx): { appendix: ReportAppendixOption[]; estimateCount: number } {
  const { fullPlan: plan, tco, options } = ctx;
  // ---- appendix: catalog figures of the options in the plan and the baselines
  const used = new Map<string, string[]>();
  const mark = (id: string, role: string) => {
    const list = used.get(id) ?? [];
    if (!list.includes(role)) list.push(role);
    used.set(id, list);
  };
  for (const a of plan.assignments) {
    mark(a.option, 'plan');
    const o = options.get(a.option);
    if (o?.kind === 'edge_device' && o.inference_via) mark(o.inference_via, VIA_ROLE);
  }
  for (const b of tco.baselines) for (const id of b.options) if (!used.has(id) || !used.get(id)!.includes('plan')) mark(id, `baseline: ${lowerFirst(b.label)}`);
  const pointsUsed = new Map<string, Set<string>>();
  for (const a of plan.assignments) {
    const key = a.option;
    const set = pointsUsed.get(key) ?? new Set<string>();
    // the model the assignment uses (not the workload's "a|b" list), and unit_tps is what one
    // replica delivers: "per unit" only when a replica is one unit (a 2-unit replica's
    // 4,000 tok/s read as 4,000 per unit)
    const o = options.get(a.option);
    const R = o ? unitsPerReplica(o, a.model) : 1;
    const rate = a.unit_tps ? `${formatDecimal(a.unit_tps, 0)} tok/s per ${rateUnitText(R)}, ` : '';
    // an estimated speed is marked as the figures are: it sizes the fleet as much as a price does
    const est = o && performanceEstimate(o, a.model) ? ' (estimate)' : '';
    set.add(`${a.model}: ${formatTps(a.user_tps)} per user, ${rate}first token ${formatMs(a.ttft_ms)}${est}`);
    pointsUsed.set(key, set);
  }
  let estimateCount = 0;
  const appendix: ReportAppendixOption[] = [...used.entries()]
    .map(([id, roles]) => ({ id, roles, o: options.get(id) }))
    .filter((x): x is { id: string; roles: string[]; o: CatalogOption } => x.o !== undefined)
    .sort((a, b) => TIERS.indexOf(a.o.tier) - TIERS.indexOf(b.o.tier) || a.o.name.localeCompare(b.o.name))
    .map(({ o, roles }) => {
      const figures = figuresOf(o).map((f) => {
        const fs = o.field_sources?.[f.field];
        if (fs?.estimate) estimateCount++;
        return { label: f.label, value: f.value, source: fs?.source ?? o.source, asOf: fs?.as_of ?? o.as_of, estimate: fs?.estimate ?? false };
      });
      const points = [...(pointsUsed.get(o.id) ?? [])].sort();
      estimateCount += points.filter((p) => p.endsWith(' (estimate)')).length;
      const entry: ReportAppendixOption = {
        id: o.id,
        name: o.name,
        vendor: o.vendor,
        tierLabel: TIER_LABELS[o.tier],
        kindLabel: KIND_LABELS[o.kind],
        // an API the plan uses both ways is named once: it read "used in plan (inference), plan"
        role: (roles.includes('plan') && roles.includes(VIA_ROLE)
          ? roles.filter((r) => r !== VIA_ROLE).map((r) => (r === 'plan' ? 'plan (directly and as the API its edge devices call)' : r))
          : roles
        ).join(', '),
        figures,
        points,
        source: o.source,
        asOf: o.as_of,
      };
      if (o.notes) entry.notes = o.notes;
      return entry;
    });
  return { appendix, estimateCount };
}


function shortBaseline(label: string): string {
  return label.length > 28 ? label.slice(0, 26).trimEnd() + '…' : label;
}

/** Groups identical racks: same system, same models in the same order, same spans. */
export function groupRacks(racks: readonly RackLayout[]): { rack: RackLayout; count: number }[] {
  const groups = new Map<string, { rack: RackLayout; count: number }>();
  for (const r of racks) {
    const key = `${r.option}|${r.spans ?? 1}|${r.units.map((u) => `${u.option}:${u.model}`).join(',')}`;
    const g = groups.get(key);
    if (g) g.count++;
    else groups.set(key, { rack: r, count: 1 });
  }
  return [...groups.values()];
}
