// The plan's money in whole dollars, rounded once for every table that shows it (the PDF and the
// app alike): the plan-year table (planYearsTable), the cost lines by plan year within its cells,
// and the procurement schedule's items within those (a period's items of a cost line sum to the
// line's cells in the years it covers). One source, so that any figure a reader adds across the
// schedule, the plan-year table and the cost-by-line table agrees.
import { COST_LINES, type CostLine } from '../cost.ts';
import { roundTable, roundTableFixed } from '../round-table.ts';
import { TIERS, type PlanInput, type Tier } from '../types.ts';
import { planYearsTable, roundToTotal, scheduleShown, type PlanYearParts, type PlanYearsTable, type Schedule, type ShownGroup, type ShownGroupTotals } from './schedule.ts';

/** The TCO engine's months as the rounding reads them (core/tco's report, or the PDF's ReportTco). */
export type MonthLines = { months: readonly { lines: Partial<Record<CostLine, number>> }[] };

/**
 * The plan's money in whole dollars, rounded once: the plan-year table, the cost lines by plan
 * year within its cells, and the schedule's items within those (a period's items of a cost line sum
 * to the line's cells in the years it covers).
 */
export function shownFigures<S extends Pick<Schedule, 'periods' | 'years' | 'capex_usd' | 'replacement_usd'>>(tco: MonthLines, scheduleExact: S, settings: PlanInput['settings']): { yearsTable: PlanYearsTable; lineGrid: LineGrid; schedule: S } {
  const { yearsTable, lineGrid } = yearsAndLines(tco, scheduleExact, settings);
  return { yearsTable, lineGrid, schedule: scheduleShown(scheduleExact, lineGrid.periodTotals) };
}

/** The plan-year table and the cost lines by plan year within its cells (lineGridOf). */
function yearsAndLines(tco: MonthLines, scheduleExact: Pick<Schedule, 'periods' | 'years'>, settings: PlanInput['settings']): { yearsTable: PlanYearsTable; lineGrid: LineGrid } {
  const yearsTable = planYearsTable(scheduleExact.years, settings.discount_rate_pct > 0, settings.capex_budget_usd);
  return { yearsTable, lineGrid: lineGridOf(tco, scheduleExact, yearsTable, settings.horizon_months) };
}

/**
 * What each period's items of a cost line sum to in whole dollars (scheduleShown's `fixed`): the
 * app's schedule (Results, Compare) rounds to these, as the PDF does, so that a period's capex or a
 * year's rentals there add up to the TCO view's plan-year table.
 */
export function scheduleGroupTotals(tco: MonthLines, scheduleExact: Pick<Schedule, 'periods' | 'years'>, settings: PlanInput['settings']): ShownGroupTotals {
  return yearsAndLines(tco, scheduleExact, settings).lineGrid.periodTotals;
}

/** Cost lines whose horizon totals the report quotes elsewhere (the summary's residual credit, the
 *  commitments' capex, rentals and token contracts): the cost table keeps them when it can. */
const QUOTED_LINES: Record<CostLine, boolean> = {
  system_capex: true,
  system_replacement: true,
  system_energy: false,
  system_support: false,
  system_space: false,
  cloud_instances: true,
  api_tokens: true,
  edge_capex: true,
  edge_energy: false,
  edge_inference: false,
  residual_credit: true,
};

/**
 * The cost lines by plan year in whole dollars, rounded once for every table that shows them: each
 * line's cells within a part of the plan-year table (first purchases, replacements, running costs,
 * the residual credit) add up to that part's cell for the year (core/round-table, holding the
 * horizon totals the report quotes when it can), an edge device's first purchases and re-buys (one
 * line) apart; and each cell split over the purchase periods the year meets (largest remainder),
 * the whole dollars the schedule's items of that line in a period add up to (periodTotals, for
 * scheduleShown). Rounded apart, a year's token rentals in the schedule read $457,148 + $30,477 =
 * $487,625 beside "API tokens" $487,624 in the cost table.
 */
export type LineGrid = { lines: CostLine[]; exact: number[][]; grid: number[][]; periodTotals: Partial<Record<ShownGroup, number>>[] };
export function lineGridOf(tco: MonthLines, s: Pick<Schedule, 'periods'>, years: Pick<PlanYearsTable, 'rows'>, H: number): LineGrid {
  const lines = COST_LINES.filter((k) => tco.months.some((m) => (m.lines[k] ?? 0) !== 0));
  const Y = Math.ceil(H / 12);
  const lineAt = (k: CostLine, m: number) => tco.months[m]?.lines[k] ?? 0;
  // an edge device's first purchases month by month (the schedule's, from the same vectors as the
  // TCO engine's); its re-buys are the rest of the edge line
  const edgeFirst = new Array<number>(H).fill(0);
  for (const p of s.periods) for (const x of p.sites) for (const i of x.bought) if (i.quantity_unit === 'devices' && i.month != null && i.month < H) edgeFirst[i.month]! += i.usd;
  type Row = { line: CostLine; part: keyof PlanYearParts; group: ShownGroup | null; at: (m: number) => number };
  const rows: Row[] = [];
  for (const k of lines) {
    const at = (m: number) => lineAt(k, m);
    if (k === 'edge_capex') {
      rows.push({ line: k, part: 'capex', group: 'edge_first', at: (m) => edgeFirst[m]! }, { line: k, part: 'replacements', group: 'edge_replacement', at: (m) => at(m) - edgeFirst[m]! });
    } else if (k === 'system_capex') rows.push({ line: k, part: 'capex', group: 'system_capex', at });
    else if (k === 'system_replacement') rows.push({ line: k, part: 'replacements', group: 'system_replacement', at });
    else if (k === 'residual_credit') rows.push({ line: k, part: 'residual', group: null, at });
    else rows.push({ line: k, part: 'running', group: k === 'cloud_instances' || k === 'api_tokens' ? k : null, at });
  }
  const sumOver = (r: Row, a: number, b: number) => {
    let x = 0;
    for (let m = a; m < b; m++) x += r.at(m);
    return x;
  };
  const exactRows = rows.map((r) => Array.from({ length: Y }, (_, y) => sumOver(r, y * 12, Math.min(H, y * 12 + 12))));
  const gridRows = rows.map(() => new Array<number>(Y).fill(0));
  const sum = (xs: readonly number[]) => xs.reduce((a, v) => a + v, 0);
  // a row's horizon total to hold: its own, rounded; an edge device's re-buys what is left of the
  // edge line's total rounded once its first purchases (rounded first, in the capex part) are
  // taken, so that the line's two rows add up to the line's total, not to two totals rounded apart
  // ($1 off the edge line's total when a plan both buys and re-buys devices)
  const heldTotal = (i: number): number => {
    if (rows[i]!.group !== 'edge_replacement') return Math.round(sum(exactRows[i]!));
    const first = rows.findIndex((r) => r.group === 'edge_first');
    const line = sum(exactRows[i]!) + (first < 0 ? 0 : sum(exactRows[first]!));
    return Math.round(line) - (first < 0 ? 0 : sum(gridRows[first]!));
  };
  for (const part of ['capex', 'replacements', 'running', 'residual'] as const) {
    const idx = rows.flatMap((r, i) => (r.part === part ? [i] : []));
    if (idx.length === 0) continue;
    const cols = Array.from({ length: Y }, (_, y) => years.rows[y]?.parts_shown[part] ?? null);
    const hold = (keep: (k: CostLine) => boolean) => idx.map((i) => (keep(rows[i]!.line) ? heldTotal(i) : null));
    const g = roundTable(idx.map((i) => exactRows[i]!), [
      [hold((k) => QUOTED_LINES[k]), cols],
      [hold((k) => k === 'residual_credit'), cols],
      [undefined, cols],
    ]);
    idx.forEach((i, n) => (gridRows[i] = g[n]!));
  }
  // the rows of a line summed (the edge line's two)
  const exact = lines.map((k) => Array.from({ length: Y }, (_, y) => rows.reduce((a, r, i) => a + (r.line === k ? exactRows[i]![y]! : 0), 0)));
  const grid = lines.map((k) => Array.from({ length: Y }, (_, y) => rows.reduce((a, r, i) => a + (r.line === k ? gridRows[i]![y]! : 0), 0)));
  // each cell over the periods the year meets
  const periodTotals = s.periods.map(() => ({}) as Partial<Record<ShownGroup, number>>);
  rows.forEach((r, i) => {
    if (!r.group) return;
    for (let y = 0; y < Y; y++) {
      const a = y * 12, b = Math.min(H, a + 12);
      const ks = s.periods.flatMap((p, k) => (p.start_month < b && p.start_month + p.months > a ? [k] : []));
      const parts = ks.map((k) => sumOver(r, Math.max(a, s.periods[k]!.start_month), Math.min(b, s.periods[k]!.start_month + s.periods[k]!.months)));
      const want = gridRows[i]![y]!;
      let split = roundToTotal(parts, want);
      if (split.reduce((x, v) => x + v, 0) !== want) split = roundToTotal(parts);
      ks.forEach((k, n) => (periodTotals[k]![r.group!] = (periodTotals[k]![r.group!] ?? 0) + split[n]!));
    }
  });
  return { lines, exact, grid, periodTotals };
}


/**
 * Each tier's cost over the horizon in whole dollars, made of the cost table's own figures: each
 * cost line's total as the cost table shows it (the sum of its row of `grid`) split over the tiers
 * that pay it (`linesByTier`, undiscounted), each share its amount rounded down or up where the
 * line's total allows, so the tiers add up to the table's total and a tier that pays one line alone
 * reads that line's figure. Rounded apart (the tiers to their own total), the demo's premium tier
 * read $110,871 for the very tokens the "API tokens" line and the commitments read $110,870 of.
 */
export function tierFigures(lineGrid: Pick<LineGrid, 'lines' | 'grid'>, linesByTier: Partial<Record<Tier, Partial<Record<CostLine, number>>>>): Record<Tier, number> {
  const { lines, grid } = lineGrid;
  const cells = lines.map((k) => TIERS.map((t) => linesByTier[t]?.[k] ?? 0));
  const totals = grid.map((r) => r.reduce((a, v) => a + v, 0));
  // each share within a dollar of its amount and each tier within a dollar of its exact sum where
  // the lines' totals allow (core/round-table), else each line on its own: its shares to its
  // nearest dollars, what its total needs more or less on its largest share
  const g = roundTableFixed(cells, totals) ?? cells.map((r, i) => {
    const out = r.map((v) => Math.round(v) + 0);
    const off = totals[i]! - out.reduce((a, v) => a + v, 0);
    if (off !== 0) {
      const big = r.reduce((b, v, j) => (Math.abs(v) > Math.abs(r[b]!) ? j : b), 0);
      out[big]! += off;
    }
    return out;
  });
  const out = {} as Record<Tier, number>;
  TIERS.forEach((t, j) => (out[t] = g.reduce((a, r) => a + r[j]!, 0)));
  return out;
}
