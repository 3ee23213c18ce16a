// The cost lines by plan year in whole dollars (lineGridOf): an edge device's first purchases and its
// re-buys are rounded apart (the schedule lists them apart, under capex and replacements), and the
// edge line's cells add up to its horizon total rounded once where the plan-year table's cells allow,
// the figure the PDF's cost table gives the line. Each held to its own total rounded, a plan that
// both buys and re-buys devices read the line $1 off.
import { describe, expect, it } from 'vitest';
import { computeTco } from '../tco/engine.ts';
import { randomPhasedPlan } from './phased-plan.test-helper.ts';
import { lineGridOf, shownFigures } from './figures.ts';
import { buildSchedule, type PlanYearsTable, type Schedule } from './schedule.ts';

const sum = (xs: readonly number[]) => xs.reduce((a, x) => a + x, 0);

describe('the edge line rounded once', () => {
  it("holds the line's total rounded, not its purchases' and re-buys' totals rounded apart", () => {
    // 24 months: devices bought for $100.40 in month 0 and re-bought for $50.20 in month 12 (the
    // edge line: $150.60, $151), a system replaced for $30.45 in month 12; the plan-year table's
    // replacements for year 2 read $81 ($80.65). Rounded apart, $100 + $50 + $30 = $80 cannot make
    // $81: a dollar went to the system ($31, off its $30) and the edge line read $150
    const lines = (m: number) => (m === 0 ? { edge_capex: 100.4 } : m === 12 ? { edge_capex: 50.2, system_replacement: 30.45 } : {});
    const tco = { months: Array.from({ length: 24 }, (_, m) => ({ lines: lines(m) })) };
    const device = { quantity_unit: 'devices', month: 0, usd: 100.4 };
    const periods = [{ start_month: 0, months: 24, sites: [{ bought: [device], replaced: [], rented: [] }] }] as unknown as Schedule['periods'];
    const row = (year: number, capex: number, replacements: number) => ({ year, total_usd: 0, total_shown: capex + replacements, budgeted_shown: capex + replacements, parts_shown: { capex, replacements, running: 0, residual: 0 }, cells: [] });
    const years: Pick<PlanYearsTable, 'rows'> = { rows: [row(1, 100, 0), row(2, 0, 81)] };
    const g = lineGridOf(tco, { periods }, years, 24);
    const at = (k: string) => g.grid[g.lines.indexOf(k as never)]!;
    expect(at('edge_capex')).toEqual([100, 51]);
    expect(at('system_replacement')).toEqual([0, 30]);
    // the schedule's re-buys of the period add up to the edge line's year-2 dollars less its first purchases
    expect(g.periodTotals[0]).toMatchObject({ edge_first: 100, edge_replacement: 51, system_replacement: 30 });
  });

  for (const seed of Array.from({ length: 40 }, (_, i) => i)) {
    it(`seed ${seed}: the schedule's devices add up to the edge line; alone among purchases, to the plan-year table's`, () => {
      const { input, plan } = randomPhasedPlan(seed);
      const report = computeTco(input, plan);
      const { lineGrid, schedule, yearsTable } = shownFigures(report, buildSchedule(input, plan, report), input.settings);
      const k = lineGrid.lines.indexOf('edge_capex');
      if (k < 0) return;
      const devices = schedule.periods.flatMap((p) => p.sites.flatMap((x) => [...x.bought, ...x.replaced])).filter((i) => i.quantity_unit === 'devices');
      expect(sum(devices.map((i) => i.usd))).toBe(sum(lineGrid.grid[k]!));
      if (!lineGrid.lines.some((l) => l === 'system_capex' || l === 'system_replacement')) {
        // the plan's only purchases: the line is the plan-year table's capex and replacements, whose
        // feet a reader adds (where those round to a dollar below the line's own, the line follows them)
        expect(sum(lineGrid.grid[k]!)).toBe(sum(yearsTable.rows.map((r) => r.parts_shown.capex + r.parts_shown.replacements)));
      }
    });
  }
});
