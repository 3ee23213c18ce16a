// The procurement schedule in the app, read back against core/schedule on the same input and plan:
// Results (what is bought when by period and site, capacity against demand per pool, the
// per-workload timeline with moves), TCO (cost by plan year, a what-if of the price trends),
// Compare (two schedules side by side), keyboard access and the empty states.
import type { PlanInput, PlanResult } from '../core/types.ts';
import { buildSchedule, itemQuantityName, nameWithModel, poolRatesText, scheduleRuns, scheduleShown, type Schedule } from '../core/schedule/schedule.ts';
import { computeTco } from '../core/tco/engine.ts';
import { applyAssumptions, assumptionsOf } from '../core/tco/what-if.ts';
import { formatMoney } from '../core/format.ts';
import { periodsText } from '../core/plan-periods.ts';
import { expect, test } from './support/fixtures.ts';
import { solveViaApi } from './support/solve.ts';
import type { PlanServer } from './support/plan-server.ts';
import { SchedulePage } from './pages/schedule-page.ts';

test.use({ viewport: { width: 1400, height: 900 }, colorScheme: 'light' });

function closeTo(actual: number, expected: number): void {
  expect(Math.abs(actual - expected), `${actual} ≈ ${expected}`).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(expected)));
}

async function solved(plan: PlanServer): Promise<{ input: PlanInput; result: PlanResult; schedule: Schedule }> {
  const result = await solveViaApi(plan);
  const input: PlanInput = await plan.api('plan-input', {});
  return { input, result, schedule: buildSchedule(input, result, computeTco(input, result)) };
}

test('Results: the schedule by period and site, capacity against demand and the workload timeline', async ({ app, page, plan }) => {
  test.setTimeout(180_000);
  const { result, schedule } = await solved(plan);
  expect(['optimal', 'time_limit']).toContain(result.status);
  expect(schedule.periods.length, 'the demo buys in several periods').toBeGreaterThan(1);
  const s = new SchedulePage(page);
  await app.open('results');

  // what is bought when: the sentence and one group of rows per period, capex as computed
  await expect(s.summary).toHaveText(schedule.summary);
  // (consecutive periods with nothing bought, replaced or rented are one group: scheduleRuns)
  const runs = scheduleRuns(schedule, schedule.periods);
  await expect(s.periods).toHaveCount(runs.length);
  for (const run of runs.filter((r) => r.periods.length > 1)) {
    await expect(s.period(run.periods[0]!.period).locator('th.period .pname')).toHaveText(run.name);
    await expect(s.period(run.periods[0]!.period).getByTestId('schedule-period-capex')).toHaveText(formatMoney(0));
  }
  // money in whole dollars that add up as shown (scheduleShown), as the PDF prints it
  const shown = scheduleShown(schedule);
  for (const p of runs.filter((r) => r.periods.length === 1).map((r) => shown.periods[r.periods[0]!.period]!)) {
    const group = s.period(p.period);
    await expect(group.locator('th.period .pname')).toHaveText(p.name);
    closeTo(Number(await group.getByTestId('schedule-period-capex').getAttribute('data-value')), p.capex_usd);
    await expect(group.getByTestId('schedule-period-capex')).toHaveText(formatMoney(p.capex_usd));
    const bought = p.sites.some((x) => x.bought.length > 0);
    await expect(group.getByTestId('schedule-no-purchases')).toHaveCount(bought ? 0 : 1);
    await expect(group.getByTestId('schedule-site')).toHaveCount(p.sites.length);
  }
  await expect(s.schedule.getByTestId('schedule-capex-total')).toHaveText(formatMoney(shown.capex_usd));

  // the period selector marks its period in the schedule (keyboard: arrow keys on the select)
  await expect(s.period(0)).toHaveAttribute('aria-current', 'true');
  await page.getByTestId('period-select').focus();
  await page.keyboard.press('ArrowDown');
  await expect(s.period(1)).toHaveAttribute('aria-current', 'true');
  await expect(s.period(0)).not.toHaveAttribute('aria-current', 'true');

  // capacity against demand: the largest pool first, its chart draws the schedule's figures
  if (schedule.pools.length) {
    await expect(s.poolPicker.locator('option')).toHaveCount(schedule.pools.length);
    await expect(s.poolPicker.locator('option').first()).toContainText(`${schedule.pools[0]!.name} (${schedule.pools[0]!.model}) at ${schedule.pools[0]!.site}`);
    await expect(s.capacityChart).toBeVisible();
    const drawn = await s.chartData(s.capacityChart);
    expect(drawn.labels).toHaveLength(schedule.horizon_months);
    // in units: what is owned moves only when something is bought
    expect(drawn.datasets.map((d) => d.label)).toEqual(['Units owned', 'Units needed at peak demand']);
    drawn.datasets[0]!.data.forEach((v, m) => closeTo(v, schedule.pools[0]!.owned_units[m]!));
    drawn.datasets[1]!.data.forEach((v, m) => closeTo(v, schedule.pools[0]!.needed_units[m]!));
    // the units owned never fall short of the units needed in a month the pool serves (the solver's pool row)
    schedule.pools[0]!.needed_units.forEach((n, m) => expect(schedule.pools[0]!.owned_units[m]! + 1e-6 * Math.max(1, n)).toBeGreaterThanOrEqual(n));
    await expect(page.getByTestId('capacity-caption')).toContainText(poolRatesText(schedule.pools[0]!));
    if (schedule.pools.length > 1) {
      await s.poolPicker.selectOption({ index: 1 });
      await expect.poll(async () => (await s.chartData(s.capacityChart)).datasets[0]!.data[schedule.horizon_months - 1]).toBeCloseTo(schedule.pools[1]!.owned_units.at(-1)!, 6);
    }
  } else {
    await expect(page.getByTestId('capacity-empty')).toBeVisible();
  }

  // the timeline: one row per workload, a highlighted cell per move, the moves in words
  await expect(page.getByTestId('timeline-count')).toHaveAttribute('data-rows', String(schedule.timeline.length));
  await expect(s.timelineRows).toHaveCount(Math.min(50, schedule.timeline.length));
  await expect(s.movedCells).toHaveCount(schedule.moves.length);
  for (const m of schedule.moves.slice(0, 5)) await expect(s.moves.filter({ hasText: m.sentence })).toHaveCount(1);
  for (const m of schedule.moves) {
    const cell = page.locator(`[data-testid="timeline-row"][data-workload="${m.workload}"] td`).nth(m.period);
    await expect(cell).toHaveAttribute('data-moved', 'true');
    await expect(cell).toHaveAttribute('title', m.sentence);
  }
  // only the workloads that move, then sorted by moves with the keyboard
  await page.getByTestId('timeline-only-moves').check();
  await expect(page.getByTestId('timeline-count')).toHaveAttribute('data-rows', String(schedule.timeline.filter((t) => t.moves > 0).length));
  await page.getByTestId('timeline-only-moves').uncheck();
  const movesHeader = s.timeline.locator('th[aria-sort]').last();
  await movesHeader.getByRole('button').focus();
  await page.keyboard.press('Enter');
  await expect(movesHeader).toHaveAttribute('aria-sort', 'descending');
  const most = Math.max(...schedule.timeline.map((t) => t.moves));
  await expect(s.timelineRows.first().locator('td').last()).toHaveText(String(most));
  // most moves first; equal counts in name order (the worker sends the timeline in name order, the sort is stable)
  const byName = new Intl.Collator(undefined, { numeric: true }).compare;
  const expected = [...schedule.timeline].sort((a, b) => b.moves - a.moves || byName(a.workload, b.workload)).map((t) => t.workload).slice(0, 50);
  await expect.poll(() => s.timelineRows.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-workload')))).toEqual(expected);
  // a filter that matches nothing says so
  await page.getByTestId('timeline-filter').fill('no-such-workload-anywhere');
  await expect(s.timelineRows).toHaveCount(0);
  await expect(s.timeline).toContainText('No workload matches the filter.');
});

test('TCO: cost by plan year adds up to the horizon, and a what-if of the hardware trend reprices the same plan', async ({ app, page, plan }) => {
  test.setTimeout(180_000);
  const { input, result, schedule } = await solved(plan);
  const s = new SchedulePage(page);
  await app.open('tco');
  await expect(s.planYears).toHaveCount(schedule.years.length);
  for (const y of schedule.years) {
    const row = page.locator(`[data-testid="plan-year"][data-year="${y.year}"]`);
    await expect(row.locator('th')).toHaveText(y.name);
    closeTo(Number(await row.locator('td[data-value]').getAttribute('data-value')), y.total_usd);
  }
  const tco = computeTco(input, result);
  await expect(page.getByTestId('plan-years-total')).toHaveText(formatMoney(tco.totals.undiscounted_usd));

  // what-if: hardware 30 % cheaper per year, plan held fixed; the KPI is the engine's figure
  await page.getByTestId('hw-trend-input').fill('-30');
  await expect(page.getByTestId('whatif-marker')).toBeVisible();
  const expected = computeTco(applyAssumptions(input, { ...assumptionsOf(input.settings), hardware_price_change_pct_per_year: -30 }), result).totals.horizon_cost_usd;
  await expect.poll(async () => Number(await page.getByTestId('kpi-horizon-cost').getAttribute('data-value'))).toBeCloseTo(expected, 4);
  // out of range is refused next to the field, the figures keep the last valid value
  await page.getByTestId('cloud-trend-input').fill('-150');
  await expect(page.getByTestId('assumption-error')).toContainText('must be -90 to 100');
});

test('Compare: annual purchases against everything in month 0, schedules side by side', async ({ app, page, plan }) => {
  test.setTimeout(240_000);
  const annual = await solved(plan);
  await plan.api('scenario-new', { name: 'Month 0', from: 'Base' });
  await plan.api('scenario-use', { name: 'Month 0' });
  await plan.api('settings-set', { patch: { purchase_interval_months: annual.input.settings.horizon_months } });
  const once = await solved(plan);
  await plan.api('scenario-use', { name: 'Base' });
  expect(once.schedule.periods).toHaveLength(1);

  const s = new SchedulePage(page);
  await app.open('compare');
  await expect(s.compareSchedules).toHaveCount(2);
  for (const [name, x] of [['Base', annual], ['Month 0', once]] as const) {
    const col = page.locator(`[data-testid="compare-schedule"][data-scenario="${name}"]`);
    await expect(col.getByTestId('compare-schedule-summary')).toHaveText(x.schedule.summary);
    await expect(col.getByTestId('compare-schedule-period')).toHaveCount(x.schedule.periods.length);
    await expect(col).toContainText(periodsText(x.schedule.periods, x.schedule.interval_months));
    // each purchase listed with its units and, for a rack-scale system, the replicas they make, as
    // Results and the PDF give them (Compare gave "4 × CS-3")
    const periods = col.getByTestId('compare-schedule-period');
    for (const [k, p] of x.schedule.periods.entries()) {
      for (const i of p.sites.flatMap((site) => site.bought).slice(0, 5)) await expect(periods.nth(k)).toContainText(itemQuantityName(i));
    }
    // each period's capex in the whole dollars Results and the PDF show, adding up to the horizon's
    const shown = scheduleShown(x.schedule);
    await expect(periods.locator('.phead .num')).toHaveText(shown.periods.map((p) => formatMoney(p.capex_usd)));
    await expect(col).toContainText(`capex ${formatMoney(shown.capex_usd)}`);
  }
});

test('empty states: a plan on rented capacity only has no purchases and no pools, and says so', async ({ app, page, plan }) => {
  test.setTimeout(180_000);
  for (const w of await plan.api('workload-list', {})) {
    await plan.api('workload-upsert', { workload: { ...w, placement: 'cloud', tiers: ['premium', 'commodity', 'edge'], endpoints: 0 }, originalName: w.name });
  }
  const { result, schedule } = await solved(plan);
  test.skip(!['optimal', 'time_limit'].includes(result.status), `the cloud-only demo solved to ${result.status}`);
  expect(result.purchases).toHaveLength(0);
  const s = new SchedulePage(page);
  await app.open('results');
  await expect(s.summary).toHaveText(schedule.summary);
  await expect(s.schedule.getByTestId('schedule-no-purchases')).toHaveCount(schedule.periods.length);
  await expect(s.schedule.getByTestId('schedule-no-purchases').first()).toContainText('No purchases in this period');
  // a period that buys nothing does not also say 'purchases in <month>'
  await expect(s.schedule.getByTestId('schedule-no-purchases').first()).not.toContainText(/purchases in [A-Z][a-z]{2} \d{4}/);
  await expect(page.getByTestId('capacity-empty')).toBeVisible();
});

test('a token API named for its model is not followed by the model again in the schedule', async ({ app, page, plan }) => {
  test.setTimeout(180_000);
  // enterprise-batch on gpt-oss-120b, with a capex budget too small to buy for it and a penalty too
  // high to leave it out: it is served on a token API whose name says gpt-oss-120b
  const w = (await plan.api('workload-list', {})).find((x) => x.name === 'enterprise-batch')!;
  await plan.api('workload-upsert', { workload: { ...w, model: 'gpt-oss-120b' }, originalName: w.name });
  await plan.api('settings-set', { patch: { horizon_months: 36, purchase_interval_months: 12, unserved_penalty_usd_per_month: 5_000_000, capex_budget_usd: 600_000, time_limit_s: 20 } });
  const { result, schedule } = await solved(plan);
  test.skip(!['optimal', 'time_limit'].includes(result.status), `the plan solved to ${result.status}`);
  const apis = schedule.periods.flatMap((p) => p.sites.flatMap((site) => site.rented)).filter((i) => i.model != null && i.name.toLowerCase().includes(i.model.toLowerCase()));
  expect(apis.length, 'a rented option named for its model').toBeGreaterThan(0);
  // nor one whose name gives the model with spaces ("GroqCloud API — Llama 3.1 8B (instant)")
  const named = schedule.periods.flatMap((p) => p.sites.flatMap((site) => [...site.bought, ...site.rented])).filter((i) => i.model != null && nameWithModel(i.name, i.model) === i.name);
  const s = new SchedulePage(page);
  await app.open('results');
  const api = apis[0]!;
  await expect(s.schedule).toContainText(`${api.name} for enterprise-batch`);
  await expect(s.schedule).not.toContainText(`(${api.model})`);
  for (const i of named) await expect(s.schedule).not.toContainText(`${i.name} (${i.model})`);
});

test('monthly purchases: consecutive periods with nothing bought, replaced or rented are one group, marked when selected', async ({ app, page, plan }) => {
  test.setTimeout(180_000);
  await plan.api('settings-set', { patch: { purchase_interval_months: 1 } });
  const { result, schedule } = await solved(plan);
  expect(['optimal', 'time_limit']).toContain(result.status);
  const runs = scheduleRuns(schedule, schedule.periods);
  const grouped = runs.filter((r) => r.periods.length > 1);
  test.skip(grouped.length === 0, 'the monthly demo plan has no two idle months in a row');
  const s = new SchedulePage(page);
  await app.open('results');
  await expect(s.periods).toHaveCount(runs.length);
  expect(runs.length, 'fewer groups than months').toBeLessThan(schedule.periods.length);
  const run = grouped[0]!;
  const group = s.period(run.periods[0]!.period);
  await expect(group.locator('th.period .pname')).toHaveText(run.name);
  await expect(group.getByTestId('schedule-no-purchases')).toContainText(`No purchases in these ${run.periods.length} periods`);
  // selecting a month inside the run marks the run
  await page.getByTestId('period-select').selectOption(String(run.periods[1]!.period));
  await expect(group).toHaveAttribute('aria-current', 'true');
});
