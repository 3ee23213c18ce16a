// Purchase periods of a solved plan as people read them: calendar labels ("Nov 2026 – Oct 2027")
// and the slice of a plan that holds in one period (what serves each workload, what is owned,
// rented and racked). Every row of a v2 plan that can change over time carries its period or
// month, so a slice never mixes periods.
import type { CostLine } from './cost-lines.ts';
import { formatList, formatPlanMonth, formatPlanMonths } from './format.ts';
import type { Assignment, CloudRental, EdgePurchase, PlanAnswer, PlanPeriod, PlanResult, Pool, Purchase, SiteUse, Unserved } from './types.ts';

/** "Nov 2026 – Oct 2027"; a one-month period is just "Nov 2026". */
export function periodLabel(start: string, p: Pick<PlanPeriod, 'start_month' | 'months'>): string {
  return monthsLabel(start, p.start_month, p.start_month + Math.max(1, p.months) - 1);
}

/** "Nov 2026 – Oct 2027" for plan months first … last; "Nov 2026" when they are one. */
function monthsLabel(start: string, first: number, last: number): string {
  return last <= first ? formatPlanMonth(start, first) : `${formatPlanMonth(start, first)} – ${formatPlanMonth(start, last)}`;
}

/**
 * Some periods of a plan named as ranges of months: consecutive periods read as one range ("May 2026 –
 * Apr 2028 and Nov 2028"), so a limit met in 30 of 36 monthly periods reads in a line, not 30 months.
 */
export function periodsLabel(start: string, periods: readonly Pick<PlanPeriod, 'start_month' | 'months'>[], ks: readonly number[]): string {
  return formatList(consecutiveRuns(ks.filter((k) => periods[k] != null)).map(([a, b]) => {
    const first = periods[a]!, last = periods[b]!;
    return monthsLabel(start, first.start_month, last.start_month + Math.max(1, last.months) - 1);
  }));
}

/** Indexes as runs of consecutive ones, in order: [4, 0, 1, 2] → [[0, 2], [4, 4]] (first and last of each). */
export function consecutiveRuns(ks: readonly number[]): [number, number][] {
  const sorted = [...new Set(ks)].sort((x, y) => x - y);
  const runs: [number, number][] = [];
  for (const k of sorted) {
    const last = runs[runs.length - 1];
    if (last && last[1] === k - 1) last[1] = k;
    else runs.push([k, k]);
  }
  return runs;
}

/** Items in order as runs: a run goes on while `joins(its first item, the next)` holds. */
export function runsOf<T>(items: readonly T[], joins: (first: T, next: T) => boolean): T[][] {
  const runs: T[][] = [];
  for (const x of items) {
    const last = runs[runs.length - 1];
    if (last && joins(last[0]!, x)) last.push(x);
    else runs.push([x]);
  }
  return runs;
}

/**
 * The one name of a purchase period everywhere (app, PDF, CLI): "Year 1 Nov 2026 – Oct 2027". With
 * a 12-month purchase interval each period is a plan year (the last may be short) and is called
 * "Year" + its number; other intervals number their periods ("P3 May 2027 – Oct 2027"). Not "FY1":
 * a finance reader takes FY for the company's fiscal year, which a plan year starting in the start
 * month is not.
 */
export function periodName(start: string, p: Pick<PlanPeriod, 'period' | 'start_month' | 'months'>, intervalMonths: number): string {
  return `${periodTag(p, intervalMonths)} ${periodLabel(start, p)}`;
}

const periodTag = (p: Pick<PlanPeriod, 'period'>, intervalMonths: number) => (intervalMonths === 12 ? `Year ${p.period + 1}` : `P${p.period + 1}`);

/** Plan year y (0-based; months 12y … 12y + 11, the last may be short) by the name its period has with a yearly interval: "Year 2 Nov 2027 – Oct 2028". */
export function planYearName(start: string, y: number, months: number): string {
  return periodName(start, { period: y, start_month: y * 12, months }, 12);
}

/**
 * How a plan's purchase periods divide its horizon, in words: "One purchase period: everything
 * bought in the first month", "3 periods of 12 months", or with a short last period "2 periods of
 * 25 months, the last of 5" (Compare said "2 periods of 25 months" of a 30-month horizon).
 */
export function periodsText(periods: readonly Pick<PlanPeriod, 'months'>[], intervalMonths: number): string {
  if (periods.length <= 1) return 'One purchase period: everything bought in the first month';
  const last = periods.at(-1)!.months;
  // monthly purchases are "36 periods of 1 month", not "of 1 months"
  return `${periods.length} periods of ${intervalMonths} month${intervalMonths === 1 ? '' : 's'}${last !== intervalMonths ? `, the last of ${last}` : ''}`;
}

/** Consecutive periods first … last by one name: "P2–P5 May 2027 – Apr 2029", "Years 2–3 Nov 2027 – Oct 2029" (not "P2 May 2027 – Oct 2027 to P5 …"). */
export function periodRunName(start: string, first: Pick<PlanPeriod, 'period' | 'start_month' | 'months'>, last: Pick<PlanPeriod, 'period' | 'start_month' | 'months'>, intervalMonths: number): string {
  if (first.period === last.period) return periodName(start, first, intervalMonths);
  const tags = intervalMonths === 12 ? `Years ${first.period + 1}–${last.period + 1}` : `${periodTag(first, intervalMonths)}–${periodTag(last, intervalMonths)}`;
  return `${tags} ${monthsLabel(start, first.start_month, last.start_month + Math.max(1, last.months) - 1)}`;
}

/**
 * The workloads a plan leaves unserved in at least one period, each named once: plan.unserved has
 * one row per workload and period, and unserved workloads are counted as workloads (docs/model.md 8).
 */
export function unservedWorkloadNames(plan: Pick<PlanResult, 'unserved'>): string[] {
  return [...new Set((plan.unserved ?? []).map((u) => u.workload))];
}

/**
 * The workloads a plan leaves unserved, split into those unserved in every period and those
 * unserved in some periods only (served in the others); a plan without periods has one.
 */
export function unservedByReach(plan: Pick<PlanResult, 'unserved' | 'periods'>): { everyPeriod: string[]; somePeriods: string[] } {
  const periods = new Map<string, number>();
  for (const u of plan.unserved ?? []) periods.set(u.workload, (periods.get(u.workload) ?? 0) + 1);
  const all = Math.max(1, plan.periods?.length ?? 0);
  const names = [...periods.keys()];
  return { everyPeriod: names.filter((w) => periods.get(w)! >= all), somePeriods: names.filter((w) => periods.get(w)! < all) };
}

/**
 * The replicas a pool's units make, from the plan's own purchases (Purchase.replicas, summed over
 * the buys up to the pool's period), as the schedule gives them; units ÷ units_per_replica only for
 * a pool no purchase row explains. Results and the PDF recomputed units / R from the catalog while
 * the schedule used the plan's figure.
 */
export function poolReplicas(plan: Pick<PlanResult, 'purchases'>, pool: Pool, unitsPerReplica: number): number {
  const buys = plan.purchases.filter((b) => b.site === pool.site && b.option === pool.option && b.model === pool.model && b.period <= pool.period);
  return buys.length > 0 ? buys.reduce((s, b) => s + b.replicas, 0) : pool.units / Math.max(1, unitsPerReplica);
}

/**
 * Where a plan's purchase spikes fall in its monthly costs, in words: the starts of the periods
 * that buy something ("purchases at each period start (May 2026 and May 2027)" only when every
 * period buys), "and at replacement" only when something is re-bought, "no purchases" when nothing
 * is. The PDF's caption listed every period start and always added "and at replacement" (a plan
 * buying in May 2026, May 2027 and May 2028 of six 6-month periods, with no replacement, read
 * "every 6 months from May 2026 … and at replacement"). The months read as plan
 * months do everywhere (formatPlanMonths). `months`: the TCO months.
 */
export function purchaseTimingText(
  start: string,
  periods: readonly Pick<PlanPeriod, 'period' | 'start_month'>[],
  plan: Pick<PlanResult, 'purchases' | 'edge'>,
  months: readonly { month: number; lines: Partial<Record<CostLine, number>> }[],
  intervalMonths: number,
): string {
  const buys = (k: number) => plan.purchases.some((b) => b.period === k && b.units > 0) || plan.edge.some((e) => e.period === k && e.devices > 0);
  const buying = periods.filter((p) => buys(p.period));
  // an edge device's first purchase is paid at its period's start; edge money in any other month is a re-buy
  const edgeStarts = new Set(periods.filter((p) => plan.edge.some((e) => e.period === p.period && e.devices > 0)).map((p) => p.start_month));
  const replaced = months.some((m) => (m.lines.system_replacement ?? 0) > 0 || ((m.lines.edge_capex ?? 0) > 0 && !edgeStarts.has(m.month)));
  if (buying.length === 0) return replaced ? 'purchases only at replacement' : 'no purchases';
  const and = replaced ? ' and at replacement' : '';
  if (periods.length <= 1) return `purchases in the first month${and}`;
  // the months by the one rule for plan months (formatPlanMonths: a run of three or more reads
  // "every 6 months May 2026 – Nov 2028"): every period buying read "every 6 months from May 2026"
  // here and the same months of a run "every 6 months May 2026 – Nov 2028" beside it
  const when = formatPlanMonths(start, buying.map((p) => p.start_month), intervalMonths);
  if (buying.length === periods.length) return `purchases at each period start (${when})${and}`;
  return `purchases ${when.startsWith('every ') ? '' : 'in '}${when}${and}`;
}

/** The plan's periods; a plan without any (none solved) has one covering the horizon. */
export function planPeriods(plan: Pick<PlanResult, 'periods'>, horizonMonths: number): PlanPeriod[] {
  return plan.periods?.length ? plan.periods : [{ period: 0, start_month: 0, months: horizonMonths }];
}

/**
 * The plan inside a what-if horizon of H months (docs/model.md 6): periods starting at or after H
 * are dropped with every row they hold, the last one kept is cut at H, cloud months ≥ H go. The
 * plan itself when it fits. What the TCO engine costs of it is unchanged (it costs no month ≥ H);
 * the baselines, which re-size the plan's periods, need the clipped periods (a 24-month
 * plan at a 12-month what-if horizon gave "The baselines could not be computed: plan: assignment
 * of "chat8" to "api8" in period 2 names something the input does not have").
 */
export function planWithinHorizon(plan: PlanResult, H: number): PlanResult {
  if (!plan.periods?.length || plan.periods.every((p) => p.start_month + p.months <= H)) return plan;
  const periods = plan.periods.filter((p) => p.start_month < H).map((p) => (p.start_month + p.months <= H ? p : { ...p, months: H - p.start_month }));
  const K = periods.length;
  const inside = <T extends { period: number }>(rows: T[] | undefined): T[] => (rows ?? []).filter((r) => r.period < K);
  return {
    ...plan,
    periods,
    assignments: inside(plan.assignments),
    purchases: inside(plan.purchases),
    pools: inside(plan.pools),
    sites: inside(plan.sites),
    unserved: inside(plan.unserved),
    edge: inside(plan.edge),
    cloud: (plan.cloud ?? []).filter((c) => c.month < H),
  };
}

export type PeriodSlice = {
  period: PlanPeriod;
  assignments: Assignment[];
  /** units owned in the period */
  pools: Pool[];
  /** bought at the period's start */
  purchases: Purchase[];
  sites: SiteUse[];
  unserved: Unserved[];
  /** instances rented in each month of the period */
  cloud: CloudRental[];
  /** devices bought at the period's start */
  edge: EdgePurchase[];
};

/** What holds in period k of the plan. */
export function planForPeriod(plan: PlanAnswer, period: PlanPeriod): PeriodSlice {
  const k = period.period;
  const inPeriod = (m: number) => m >= period.start_month && m < period.start_month + period.months;
  return {
    period,
    assignments: plan.assignments.filter((a) => a.period === k),
    pools: plan.pools.filter((p) => p.period === k),
    purchases: (plan.purchases ?? []).filter((p) => p.period === k),
    sites: plan.sites.filter((s) => s.period === k),
    unserved: plan.unserved.filter((u) => u.period === k),
    cloud: (plan.cloud ?? []).filter((c) => inPeriod(c.month)),
    edge: (plan.edge ?? []).filter((e) => e.period === k),
  };
}

/**
 * The workloads left unserved in period k, each with its reason there and, when it is left out in
 * other periods for another reason, those periods and their reasons ("Year 1 Nov 2026 – Oct 2027:
 * within the site and budget limits, serving it costs more than its unserved penalty"). A reason is
 * true of its own period (DESIGN 5/8: infeasibility and unserved rows are explained per period): a
 * limit may hold a workload back in one period where in another its penalty is the cheaper way, so a
 * view of one period names the period and says where the reason differs, not a reason that seems to
 * change with no word of why.
 */
export function unservedInPeriod(plan: Pick<PlanAnswer, 'unserved'>, k: number, runName: (first: number, last: number) => string): { workload: string; reason: string; elsewhere: string | null }[] {
  return plan.unserved.filter((u) => u.period === k).map((u) => {
    const other = new Map<string, number[]>();
    for (const x of plan.unserved) if (x.workload === u.workload && x.period !== k && x.reason !== u.reason) other.set(x.reason, [...(other.get(x.reason) ?? []), x.period]);
    const elsewhere = [...other].map(([reason, ks]) => `${consecutiveRuns([...ks].sort((a, b) => a - b)).map(([a, b]) => runName(a, b)).join(', ')}: ${reason}`);
    return { workload: u.workload, reason: u.reason, elsewhere: elsewhere.length ? elsewhere.join('; ') : null };
  });
}
