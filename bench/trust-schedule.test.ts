// The trust bench's check of the PDF schedule's period figures ("Pk … · $X capex · $Y replacements ·
// $Z rented") on generated phased plans. Each figure is the sum of the rows under it and of up to
// two groups' whole-dollar totals (systems and edge devices; instance rentals and token charges),
// each a cost-by-line cell of the plan year (or a period's share of one) within $1 of its exact
// figure, so a figure can be up to $2 off its exact sum, more for a period over two plan years; the
// schedule's note says by how much. Checked to $1, seed 288 read "Year 1 … rented $2,531,869 vs
// recomputed $2,531,868" ($153,527 + $2,378,342 of $2,531,867.80), a plan the PDF shows rightly.
import { describe, expect, it } from 'vitest';
import { randomPhasedPlan } from '../core/schedule/phased-plan.test-helper.ts';
import { computeTco } from '../core/tco/engine.ts';
import type { PlanInput, PlanResult } from '../core/types.ts';
import { computeReportModel } from '../electron/backend/report-model.ts';
import { checkReportSchedule, checkReportSummary, checkReportWords, indepCost } from './trust.ts';

function solved(seed: number): { input: PlanInput; plan: PlanResult } {
  const { input, plan } = randomPhasedPlan(seed);
  const t = computeTco(input, plan).totals;
  return { input, plan: { ...plan, objective_usd: t.horizon_cost_usd, totals: { capex_usd: t.capex_usd, horizon_cost_usd: t.horizon_cost_usd } } };
}
const modelOf = (input: PlanInput, plan: PlanResult) => computeReportModel({ input, plan, scenario: 'trust', fileName: 'trust.fleetplan', generatedAt: '2026-12-05T00:00:00Z', solvedAt: null, stale: false, pageSize: 'A4' }).model;
const scheduleProblems = (input: PlanInput, plan: PlanResult, model = modelOf(input, plan)) => checkReportWords(input, plan, model, indepCost(input, plan)).filter((p) => p.startsWith('PDF schedule'));

describe("trust.ts: the schedule's period figures", () => {
  // seeds whose figures are $1 or more off their exact sums (288: a yearly interval, Year 1's
  // rentals; 32 and 174: 18-month periods over two plan years; 262: capex of systems and devices)
  // and the first seeds
  for (const seed of new Set([5, 32, 171, 174, 252, 262, 288, 321, ...Array.from({ length: 8 }, (_, i) => i)])) {
    it(`seed ${seed}: each agrees with its rows and with its groups' exact figures`, () => {
      const { input, plan } = solved(seed);
      expect(scheduleProblems(input, plan)).toEqual([]);
    });
  }

  it('still finds a figure off by more than its groups allow, or not the sum of its rows', () => {
    const { input, plan } = solved(288);
    const model = modelOf(input, plan);
    const g = model.schedule.table.rows.find((r) => r.group && /^Year 1 /.test(String(r.cells[0])))!;
    expect(String(g.cells[0])).toContain('$2,531,869 rented');
    const withRented = (text: string) => ({ ...model, schedule: { ...model.schedule, table: { ...model.schedule.table, rows: model.schedule.table.rows.map((r) => (r === g ? { ...r, cells: [text] } : r)) } } });
    // $2 more: beyond the two groups' $2, and no longer the sum of the rows
    const off = scheduleProblems(input, plan, withRented(String(g.cells[0]).replace('$2,531,869 rented', '$2,531,871 rented')));
    expect(off.some((p) => /rented \$2,531,871 vs recomputed/.test(p))).toBe(true);
    expect(off.some((p) => /rented \$2,531,871, its rows add up to \$2,531,869/.test(p))).toBe(true);
    // $1 less: within the groups' tolerance but not what its rows add up to
    const less = scheduleProblems(input, plan, withRented(String(g.cells[0]).replace('$2,531,869 rented', '$2,531,868 rented')));
    expect(less).toEqual([expect.stringMatching(/rented \$2,531,868, its rows add up to \$2,531,869/)]);
  });

  it("counts an edge device's re-bought workloads as its Buy rows and the decisions do (seed 32: 'Replace edge0 for 1 workload')", () => {
    const { input, plan } = solved(32);
    const model = modelOf(input, plan);
    expect(model.schedule.table.rows.some((r) => /^Replace edge0 for 1 workload \(/.test(String(r.cells[1])))).toBe(true);
    expect(checkReportSchedule(input, plan, model, indepCost(input, plan)).problems).toEqual([]);
  });

  it("takes the summary's replacements as the plan-year table's foot, within $1 (seed 11: $231,465 of $231,464.34)", () => {
    const { input, plan } = solved(11);
    const model = modelOf(input, plan);
    expect(model.summary.sentences[0]).toContain('$231,465 of replacements');
    expect(checkReportSummary(input, plan, model, indepCost(input, plan)).problems).toEqual([]);
  });
});
