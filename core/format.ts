// Number formatting for every screen and report: money in USD, kW, tok/s, percentages.
// Pure and locale-fixed (en-US grouping) so the UI, the PDF and the tests agree byte for byte.

import { penaltyUsd, provenGap } from './optimizer/gap.ts';
import type { PlanResult } from './types.ts';

const MINUS = '−'; // U+2212, aligns with digits in tabular figures

// Intl.NumberFormat is costly to construct; a virtual table formats hundreds of cells per frame
const fixedFormats = new Map<number, Intl.NumberFormat>();
const upToFormats = new Map<number, Intl.NumberFormat>();

function grouped(value: number, decimals: number): string {
  let f = fixedFormats.get(decimals);
  if (!f) {
    f = new Intl.NumberFormat('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals, useGrouping: true });
    fixedFormats.set(decimals, f);
  }
  return f.format(value);
}

function upTo(value: number, maxDecimals: number): string {
  let f = upToFormats.get(maxDecimals);
  if (!f) {
    f = new Intl.NumberFormat('en-US', { maximumFractionDigits: maxDecimals, useGrouping: true });
    upToFormats.set(maxDecimals, f);
  }
  return f.format(value);
}

function signed(value: number, body: (abs: number) => string): string {
  if (!Number.isFinite(value)) return '—';
  // -0 and values that round to zero print without a sign
  const text = body(Math.abs(value));
  return value < 0 && /[1-9]/.test(text) ? MINUS + text : text;
}

/** A plain number with thousands separators: 1234567.8 → "1,234,568" (decimals 0). */
export function formatNumber(value: number | null | undefined, decimals = 0): string {
  if (value == null) return '—';
  return signed(value, (abs) => grouped(abs, decimals));
}

/**
 * A count and its noun, the count grouped: "1 workload", "5,000 workloads" (an import's and a
 * delete's toasts said "5000 workloads"). `many` defaults to `one` + "s".
 */
export function formatCount(n: number, one: string, many = `${one}s`): string {
  return `${formatNumber(n)} ${n === 1 ? one : many}`;
}

/** Up to `maxDecimals` decimals, trailing zeros trimmed: 1.50 → "1.5", 1200 → "1,200". */
export function formatDecimal(value: number | null | undefined, maxDecimals = 2): string {
  if (value == null) return '—';
  return signed(value, (abs) => upTo(abs, maxDecimals));
}

/** Money, whole dollars: 1234567 → "$1,234,567"; cents only when asked: (0.35, 2) → "$0.35". */
export function formatMoney(value: number | null | undefined, decimals = 0): string {
  if (value == null) return '—';
  return signed(value, (abs) => '$' + grouped(abs, decimals));
}

/**
 * A unit a table may give its money in: whole dollars, or whole thousands, millions or billions
 * with the unit on every figure ("$12,345,679k"), so no figure read alone passes for dollars.
 */
export type MoneyUnit = { usd: number; suffix: '' | 'k' | 'M' | 'B'; name: 'dollar' | 'thousand' | 'million' | 'billion' };
export const MONEY_UNITS: readonly [MoneyUnit, ...MoneyUnit[]] = [
  { usd: 1, suffix: '', name: 'dollar' },
  { usd: 1e3, suffix: 'k', name: 'thousand' },
  { usd: 1e6, suffix: 'M', name: 'million' },
  { usd: 1e9, suffix: 'B', name: 'billion' },
];
export const DOLLARS = MONEY_UNITS[0];

/** An amount given in whole `unit`s, with its unit: (12345679, thousands) → "$12,345,679k". */
export function formatMoneyIn(units: number | null | undefined, unit: MoneyUnit): string {
  if (units == null) return '—';
  return formatMoney(units) + unit.suffix;
}

/**
 * A catalog price as written: whole dollars, cents only when the figure has them. A $5.58 device
 * read "$6" in the catalog and the PDF appendix while the schedule bought 10,000 of them for
 * $55,800.
 */
export function formatPrice(value: number | null | undefined): string {
  if (value == null) return '—';
  return formatMoney(value, Math.abs(value - Math.round(value)) >= 0.005 ? 2 : 0);
}

/**
 * What an operating point's unit_tps is the rate of: "unit", or "replica of 4 units" when a copy of
 * the model spans several units (DESIGN 3.2 units_per_replica). The catalog's detail said "per unit"
 * for a 4-unit replica's rate, four times the truth.
 */
export function rateUnitText(unitsPerReplica: number): string {
  return unitsPerReplica > 1 ? `replica of ${formatNumber(unitsPerReplica)} units` : 'unit';
}

/**
 * "1 replica", "3 replicas", "1.25 replicas": copies of a model on systems that need several units
 * for one (DESIGN 3.2). A fraction keeps its decimals (rounded, 1.25 read "1 replicas", 1.5 "2 replicas").
 */
export function formatReplicas(n: number): string {
  // a fraction of a replica is a fraction of a model copy (units ÷ units per replica): up to 3 decimals
  const text = formatDecimal(n, 3);
  return `${text} replica${text === '1' ? '' : 's'}`;
}

/**
 * A system buy's units with the replicas they make, one format everywhere (PDF schedule and pools,
 * Results, the app's schedule): "4 units (1 replica)"; the replicas only when they differ from
 * the units (a one-unit replica), "1 unit" alone. `unitWord` false: "4 (1 replica)" (a Units column).
 */
export function formatUnitsReplicas(units: number, replicas: number | null | undefined, unitWord = true): string {
  const n = unitWord ? `${formatNumber(units)} unit${units === 1 ? '' : 's'}` : formatNumber(units);
  return replicas != null && replicas > 0 && replicas !== units ? `${n} (${formatReplicas(replicas)})` : n;
}

const COMPACT_UNITS: [number, string][] = [
  [1e12, 'T'],
  [1e9, 'B'],
  [1e6, 'M'],
  [1e3, 'k'],
];

/** Three significant figures with a suffix: 1234567 → "1.23M", 987 → "987", 12345 → "12.3k". */
export function formatCompact(value: number | null | undefined): string {
  if (value == null) return '—';
  return signed(value, (abs) => {
    for (const [scale, suffix] of COMPACT_UNITS) {
      // promote 999,950 → "1.00M" rather than "1000k"
      if (abs >= scale * 0.9995) {
        const scaled = abs / scale;
        const decimals = scaled >= 99.95 ? 0 : scaled >= 9.995 ? 1 : 2;
        return scaled.toFixed(decimals) + suffix;
      }
    }
    if (abs === 0) return '0';
    return abs >= 100 ? abs.toFixed(0) : abs >= 10 ? trim(abs.toFixed(1)) : trim(abs.toFixed(2));
  });
}

function trim(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/**
 * Compact money: 1234567 → "$1.23M", 950 → "$950", 78.7 → "$79": below $1k whole dollars, as the
 * schedule and the cost tables write them (a summary once read "$78.7" beside a table's "$79").
 */
export function formatMoneyCompact(value: number | null | undefined): string {
  if (value == null) return '—';
  return signed(value, (abs) => '$' + (abs < 999.5 ? Math.round(abs).toFixed(0) : formatCompact(abs)));
}

/**
 * The widest money figure (characters) a key-figure box holds whole: the $21B plan's 15-character
 * "$21,1…" figures fit the PDF summary's five boxes on A4 and Letter, a $100B plan's 16 ran past
 * theirs (electron/backend/report.test.ts); the app's cards size their figures to hold 15 too.
 */
export const KPI_WIDEST_FIGURE = 15;

/**
 * A money key figure: exact up to KPI_WIDEST_FIGURE characters, else compact ("$628B") with the
 * exact figure for its note (`exact`, null when the value is exact). One rule for the PDF summary
 * and the app's TCO and Results cards.
 */
export function kpiMoney(usd: number): { value: string; exact: string | null } {
  const exact = formatMoney(usd);
  return exact.length > KPI_WIDEST_FIGURE ? { value: formatMoneyCompact(usd), exact } : { value: exact, exact: null };
}

/** A key figure's note with kpiMoney's exact figure first: "$628,130,958,097; 36 months" (either part may be missing). */
export function exactFirst(exact: string | null | undefined, note: string | null | undefined): string {
  return [exact, note].filter(Boolean).join('; ');
}

/**
 * An axis tick: compact with its trailing zeros dropped, so one axis reads $5M, $10M, $15M and 40k,
 * 80k (the PDF's monthly axis once read "$15.0M", "$10.0M", "$5.00M").
 */
export function formatTick(value: number, money = false): string {
  // (a money axis keeps its fractions: ticks of $0.5 must not all read "$1")
  const text = money ? signed(value, (abs) => '$' + formatCompact(abs)) : formatCompact(value);
  return text.replace(/\.(\d*?)0+(?=[kMBT]?$)/, (_m, d: string) => (d ? `.${d}` : ''));
}

/** Power: 10.2 → "10.2 kW", 0.0005 → "0.0005 kW", 1200 → "1,200 kW". */
export function formatKw(value: number | null | undefined): string {
  if (value == null) return '—';
  return `${formatDecimal(value, kwDecimals(value))} kW`;
}

/** The decimals formatKw writes a power with: none from 100 kW (and for 0), 2 from 1 kW, 4 below. */
export function kwDecimals(value: number): number {
  const abs = Math.abs(value);
  return abs === 0 || abs >= 100 ? 0 : abs >= 1 ? 2 : 4;
}

/** Throughput in output tokens per second: 21606 → "21,606 tok/s". */
export function formatTps(value: number | null | undefined): string {
  if (value == null) return '—';
  const abs = Math.abs(value);
  return `${formatDecimal(value, abs >= 100 ? 0 : abs >= 10 ? 1 : 2)} tok/s`;
}

/** A percentage given in percent units: 2.5 → "2.5%". */
export function formatPct(value: number | null | undefined, maxDecimals = 1): string {
  if (value == null) return '—';
  return `${formatDecimal(value, maxDecimals)}%`;
}

/**
 * A difference against a baseline as a share of the baseline's cost, saying so: 80 → "80% of the
 * baseline". A bare "80%" beside "Baseline − plan" or after "the plan saves $X" reads as a share of
 * the plan. The PDF, the TCO view and `fleetplan tco` all write the share through it.
 */
export function formatPctOfBaseline(pct: number): string {
  return `${shareText(pct)} of the baseline`;
}

/**
 * A share in percent, to one decimal, with more where one would misstate it: a share that is not
 * nil never reads 0% ("saves $800 (0% of the baseline)" of an $8M baseline: 0.01%), nor one short
 * of the whole 100% (99.97 %); decimals up to 4, beyond them "under 0.0001%" or "over 99.9999%".
 */
function shareText(pct: number): string {
  const abs = Math.abs(pct);
  for (let d = 1; d <= 4; d++) {
    const text = formatPct(pct, d);
    const shown = Number(text.replace(/[^\d.]/g, ''));
    if ((abs === 0 || shown !== 0) && (abs === 100 || shown !== 100)) return text;
  }
  // the phrase gives the share's size; its sign is the money figure's beside it ("−$800 (under 0.0001% of …)")
  return abs < 1 ? 'under 0.0001%' : abs < 100 ? 'over 99.9999%' : 'over 100%';
}

/**
 * The figure of a yearly rate (a discount rate, a price trend and the cases the tornado moves it
 * to), to 2 decimals at most: 7.25 → "7.25%"; `signed` (a price trend): "+12%", "−10%". Every view,
 * export and the PDF write a rate through it, so 7.25 % never reads "7.3%" in one and "7.25%" in
 * another (the PDF's assumptions table and summary printed 1 decimal, the exports 2).
 */
export function formatRatePct(pct: number, signed = false): string {
  const text = formatPct(pct, 2);
  return `${signed && pct > 0 && /[1-9]/.test(text) ? '+' : ''}${text}`;
}

/** A yearly rate in words: "8% a year"; `signed` (a price trend): "+12% a year", "−10% a year". */
export function formatPctPerYear(pct: number, signed = false): string {
  return `${formatRatePct(pct, signed)} a year`;
}

/** A ratio 0..1 as a percentage: 0.875 → "87.5%". */
export function formatRatioPct(value: number | null | undefined, maxDecimals = 1): string {
  if (value == null) return '—';
  return formatPct(value * 100, maxDecimals);
}

/**
 * How much cheaper the optimum may be than a plan the search stopped on: "at most 0.52% below this
 * one", or, with no bound proven (gap null), that it is not known; never "0%" for an unknown gap.
 */
export function optimumGapClause(gap: number | null | undefined, plan?: { objective_usd?: number | null; totals?: PlanResult['totals'] | null }): string {
  if (gap == null) return 'no lower bound was proven, so by how much is not known';
  // the gap is the objective's, unserved penalties included: a plan of $2,395,311 horizon cost and
  // $1,200,000 of penalties read "at most 36.13% below this one" beside its $2,395,311, while the
  // bound ($2,296,400) is on the $3,595,311 sum, not on the horizon cost
  if (plan && penaltyUsd(plan) >= 0.5) {
    return `at most ${formatRatioPct(gap, 2)} below this one's ${formatMoney(plan.objective_usd)} of horizon cost plus unserved penalties (the sum the search minimises, not the horizon cost alone)`;
  }
  return `at most ${formatRatioPct(gap, 2)} below this one`;
}

/**
 * A solved plan's status in words, as the PDF's cover and the TCO exports give it: optimal, or
 * stopped (by the time limit or the user) with its gap to the proven bound.
 */
export function planStatusText(plan: Pick<PlanResult, 'status' | 'gap' | 'bound_usd' | 'stopped_by'> & { objective_usd?: number | null; totals?: PlanResult['totals'] | null }): string {
  switch (plan.status) {
    case 'optimal':
      // with unserved penalties the search minimises the horizon cost plus them, and the 0.01 % is of
      // that sum ($48.1M, where the horizon cost was $85,884)
      return penaltyUsd(plan) >= 0.5 ? 'Optimal (proven least horizon cost plus unserved penalties, within 0.01 %)' : 'Optimal (proven least cost within 0.01 %)';
    case 'time_limit': {
      // no bound proven: no gap to give (it read "gap 0%", as if proven optimal)
      const proven = provenGap(plan);
      // (the bound is on the objective: with unserved penalties, on the horizon cost plus them)
      const gap = proven == null ? 'no lower bound proven'
        : `gap ${formatRatioPct(proven, 2)} to the proven bound${penaltyUsd(plan) >= 0.5 ? ' on the horizon cost plus unserved penalties' : ''}`;
      return plan.stopped_by === 'user' ? `Stopped by the user: best plan so far (${gap})` : `Best plan found within the time limit (${gap})`;
    }
    case 'no_plan':
      return 'No plan found before the solver stopped';
    case 'infeasible':
      return 'Infeasible: no plan meets every constraint';
  }
}

/** Milliseconds: 450 → "450 ms", 2500 → "2,500 ms". */
export function formatMs(value: number | null | undefined): string {
  if (value == null) return '—';
  return `${formatDecimal(value, Math.abs(value) >= 10 ? 0 : 1)} ms`;
}

/** Price per million tokens: 0.6 → "$0.60 /M tok". */
export function formatUsdPerMTok(value: number | null | undefined): string {
  if (value == null) return '—';
  return `${formatMoney(value, 2)} /M tok`;
}

/** Hourly price: 2.7 → "$2.70 /h". */
export function formatUsdPerHour(value: number | null | undefined): string {
  if (value == null) return '—';
  return `${formatMoney(value, 2)} /h`;
}

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "a", "a and b", "a, b and c" (items as given; "" for none). */
export function formatList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * Calendar months are how a person reads a plan month, everywhere (screen, PDF, CLI text):
 * "2027-03" → "Mar 2027". Month indexes (0 … H−1) stay in machine output only (JSON, CSV).
 */
export function formatMonth(yyyymm: string | null | undefined): string {
  if (yyyymm == null) return '—';
  const m = /^(\d{4})-(\d{2})$/.exec(yyyymm);
  if (!m) return yyyymm;
  return `${MONTH_NAMES[Number(m[2]) - 1] ?? '?'} ${m[1]}`;
}

/** A timestamp's day as people read it, in UTC: "2026-12-07T09:33:12Z" → "7 Dec 2026" (as given when it is no date). */
export function formatDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getUTCDate()} ${MONTH_NAMES[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** A timestamp in the form of formatDate, with its time: "7 Dec 2026, 09:33 UTC" (the PDF cover, `fleetplan tco`). */
export function formatDateTimeUtc(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${formatDate(iso)}, ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')} UTC`;
}

/** "2026-11" plus n months, as "YYYY-MM": the one calendar-month arithmetic (sizing's calendarMonth, the report's addMonths). */
export function addPlanMonths(yyyymm: string, n: number): string {
  const [y, m] = yyyymm.split('-').map(Number) as [number, number];
  const t = y * 12 + (m - 1) + n;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
}

/**
 * Plan months as people read them, each run of three or more `step` apart in one phrase: a 1-month
 * lifetime's 35 re-buys read "every month Jun 2026 – Apr 2029", not 35 months in a cell;
 * [0, 12, 24] with step 12 "every 12 months May 2026 – May 2028"; shorter runs are listed.
 */
export function formatPlanMonths(startYyyymm: string, months: readonly number[], step = 1): string {
  const sorted = [...new Set(months)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1]! - sorted[j]! === step) j++;
    if (j - i >= 2) {
      parts.push(`every ${step === 1 ? 'month' : `${formatNumber(step)} months`} ${formatPlanMonth(startYyyymm, sorted[i]!)} – ${formatPlanMonth(startYyyymm, sorted[j]!)}`);
      i = j + 1;
    } else {
      parts.push(formatPlanMonth(startYyyymm, sorted[i]!));
      i++;
    }
  }
  return formatList(parts);
}

/** The calendar month of plan month `index` (0 = the start month): ("2026-11", 2) → "Jan 2027". */
export function formatPlanMonth(startYyyymm: string, index: number): string {
  const m = /^(\d{4})-(\d{2})$/.exec(startYyyymm);
  if (!m) return `month ${index + 1}`;
  const t = Number(m[1]) * 12 + (Number(m[2]) - 1) + index;
  return `${MONTH_NAMES[((t % 12) + 12) % 12]} ${Math.floor(t / 12)}`;
}
