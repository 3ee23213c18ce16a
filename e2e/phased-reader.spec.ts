// A phased plan read as the buyer and the finance reader read it: three yearly periods,
// hardware −15 % a year, a next-generation system orderable from month 8, a workload with models
// "a|b", a rack-scale system that needs several units per replica, a capex budget and a discount
// rate. Each figure on screen is checked against core's own schedule of the same input and plan.
import type { PlanInput } from '../core/types.ts';
import { buildSchedule, itemQuantityName, mergeRebuys, nameWithModel, planYearsTable, rebuyWhen, scheduleRoundedAway, scheduleShown, type ShownEntries } from '../core/schedule/schedule.ts';
import { roundingNote } from '../core/round-table.ts';
import { computeTco } from '../core/tco/engine.ts';
import { formatMoney, formatMonth, formatUnitsReplicas, rateUnitText } from '../core/format.ts';
import { planPeriods, purchaseTimingText } from '../core/plan-periods.ts';
import { expect, test } from './support/fixtures.ts';
import { solveViaApi } from './support/solve.ts';
import type { PlanServer } from './support/plan-server.ts';

test.use({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });

async function phasedScenario(plan: PlanServer) {
  await plan.api('settings-set', {
    patch: { horizon_months: 36, purchase_interval_months: 12, start_month: '2026-05', hardware_price_change_pct_per_year: -15, capex_budget_usd: 10_300_000, discount_rate_pct: 8, time_limit_s: 10 },
  });
  const catalog = await plan.api('catalog-get', {});
  const next = catalog.options.find((o) => o.kind === 'system' && o.available_from);
  if (next) await plan.api('option-upsert', { option: { ...next, available_from: '2027-01' }, originalId: next.id });
  // a latency-bound 70B workload only a rack-scale premium system serves on premises
  await plan.api('workload-upsert', {
    workload: { name: 'voice-70b', model: 'llama-3.3-70b', avg_output_tps: 3000, peak_to_avg: 2, response_tokens: 200, max_latency_ms: 400, monthly_growth_pct: 2, placement: 'onprem', tiers: ['premium'] },
  });
  const result = await solveViaApi(plan);
  expect(['optimal', 'time_limit']).toContain(result.status);
  const input: PlanInput = await plan.api('plan-input', {});
  return { input, result, schedule: buildSchedule(input, result, computeTco(input, result)) };
}

test('the catalog gives a rack-scale system’s rate per replica of its units, not per unit', async ({ app, catalog, page, plan }) => {
  const options = (await plan.api('catalog-get', {})).options;
  const rackScale = options.find((o) => o.performance.some((p) => (p.units_per_replica ?? 1) > 1) && o.performance.some((p) => (p.units_per_replica ?? 1) === 1));
  expect(rackScale, 'the demo catalog has a system whose models need 1 and several units per replica').toBeTruthy();
  await app.open('catalog');
  await catalog.row(rackScale!.id).click();
  const heads = catalog.detail.getByTestId('point-rate-unit');
  await expect(heads).toHaveCount(rackScale!.performance.length);
  // one header per model, in the catalog's order: "per unit" or "per replica of N units"
  await expect(heads).toHaveText(rackScale!.performance.map((p) => `per ${rateUnitText(p.units_per_replica ?? 1)}`));

  // an option not orderable yet gives its month as a month ("from Jan 2027", not "from 2027-01")
  const later = options.find((o) => o.available_from)!;
  await expect(catalog.row(later.id).getByTestId('option-available')).toHaveText(` · from ${formatMonth(later.available_from!)}`);
  await catalog.row(later.id).click();
  await expect(catalog.detail.getByTestId('option-available')).toHaveText(`from ${formatMonth(later.available_from!)}`);

  // with the option editor open at 1280 px the list keeps its last column, "Per replica", in view
  await catalog.row(rackScale!.id).dblclick();
  await expect(page.getByTestId('option-editor')).toBeVisible();
  const head = page.getByRole('table', { name: 'Catalog options' }).locator('thead th').last();
  await expect(head).toContainText('Per replica');
  const box = await head.evaluate((h) => {
    const list = h.closest('.list')!.getBoundingClientRect();
    const r = h.getBoundingClientRect();
    return { right: r.right, left: r.left, listRight: list.right };
  });
  expect(box.right).toBeLessThanOrEqual(box.listRight);
});

test('Results and TCO of a phased plan: replicas, rented instances, budget headroom and undiscounted charts', async ({ app, page, plan }) => {
  test.setTimeout(180_000);
  const { input, result, schedule } = await phasedScenario(plan);
  await app.open('results');

  // a purchase of a system whose replica spans several units names its replicas, as the PDF does
  const multi = schedule.periods.flatMap((p) => p.sites.flatMap((s) => s.bought)).filter((b) => b.replicas != null && b.replicas !== b.quantity);
  expect(multi.length, 'the scenario buys a rack-scale system').toBeGreaterThan(0);
  for (const b of multi) await expect(page.getByTestId('procurement-schedule').getByText(nameWithModel(itemQuantityName(b), b.model)).first()).toBeVisible();
  // and a pool the first period starts gives its units with the replicas they make
  const firstBuys = schedule.periods[0]!.sites.flatMap((s) => s.bought.filter((b) => b.replicas != null && b.replicas !== b.quantity).map((b) => ({ site: s.site, b })));
  expect(firstBuys.length, 'the first period buys a rack-scale system').toBeGreaterThan(0);
  const { site, b: first } = firstBuys[0]!;
  const pool = page.getByTestId('pool-row').filter({ hasText: site! }).filter({ hasText: first.name }).filter({ hasText: first.model! });
  await expect(pool.getByTestId('pool-units')).toHaveText(formatUnitsReplicas(first.quantity!, first.replicas, false));

  // rented instances are counted, and the headers say so (not "First month 9", read as a month)
  const rents = schedule.periods[0]!.sites.some((s) => s.rented.some((r) => r.quantity_unit === 'instances'));
  expect(rents, 'the first period rents cloud instances').toBe(true);
  await expect(page.getByTestId('cloud-rentals').locator('th')).toHaveText(['Option', 'Model', 'Instances in the first month', 'Instances in the busiest month']);

  // each period's lines add up to its totals as shown (prices that fall by the month make cents:
  // rounded each on its own, a year's rentals read a dollar off its "rented" figure)
  const money = async (l: import('@playwright/test').Locator) => (await l.allTextContents()).reduce((a, t) => a + Number(t.replace(/[$,]/g, '')), 0);
  const more = page.getByTestId('procurement-schedule').getByRole('button', { name: / more$/ });
  while ((await more.count()) > 0) await more.first().click();
  for (const p of schedule.periods) {
    const group = page.getByTestId('procurement-schedule').locator(`[data-testid="schedule-period"][data-period="${p.period}"]`);
    if ((await group.getByTestId('schedule-site').count()) === 0) continue;
    const total = (await group.getByTestId('schedule-period-total').locator('td').first().textContent())!;
    const rented = Number(/rented \$([\d,]+)/.exec(total)![1]!.replace(/,/g, ''));
    expect(await money(group.locator('[data-testid="schedule-site"] td:nth-of-type(3) li .money')), `${p.name}: rented`).toBe(rented);
    const capex = Number((await group.getByTestId('schedule-period-capex').textContent())!.replace(/[$,]/g, ''));
    expect(await money(group.locator('[data-testid="schedule-site"] td:nth-of-type(1) li .money')), `${p.name}: bought`).toBe(capex);
  }

  // the amounts the rounding moved off their own nearest dollar so that they add up are counted
  // under the table, as the PDF counts its own, and only when there are some
  const entries: ShownEntries = (list, items) => new Map((list === 'replaced' ? mergeRebuys(items) : items.map((item) => ({ item }))).map((e, n) => [String(n), e.item.usd]));
  const scheduleNote = roundingNote(scheduleRoundedAway(schedule, scheduleShown(schedule), { entries, siteCapex: true, horizon: true }), 'to their totals', ['amount', 'amounts']);
  if (scheduleNote) await expect(page.getByTestId('procurement-schedule-note')).toHaveText(scheduleNote);
  else await expect(page.getByTestId('procurement-schedule-note')).toHaveCount(0);

  await app.go('tco');
  // the bars are costs as paid; the cumulative chart beside them is a present value
  await expect(page.getByTestId('monthly-undiscounted')).toHaveText('(undiscounted)');
  // each plan year's purchases against the capex budget
  const budget = input.settings.capex_budget_usd!;
  const left = page.getByTestId('plan-year-budget-left');
  await expect(left).toHaveCount(schedule.years.length);
  // the PDF's table, labels included: discounted, the total says it is undiscounted beside the present value (it read a bare "Total")
  const table = planYearsTable(schedule.years, true, budget);
  // the budget less the purchases and replacements shown beside it, dollar for dollar
  const cell = (r: { cells: string[] }, key: string) => r.cells[table.columns.findIndex((c) => c.key === key)];
  const dollars = (c: string | undefined) => (c == null || c === '—' ? 0 : Number(c.replace(/[$,]/g, '').replace('−', '-')));
  await expect(left).toHaveText(table.rows.map((r) => cell(r, 'budget_left')!));
  for (const r of table.rows) expect(dollars(cell(r, 'budget_left')) + dollars(cell(r, 'capex')) + dollars(cell(r, 'replacements'))).toBe(budget);
  await expect(page.getByTestId('plan-years').locator('thead th')).toHaveText(table.columns.map((c) => c.label));
  expect(table.columns.map((c) => c.label)).toContain('Total (undiscounted)');
  if (table.note) await expect(page.getByTestId('plan-years-note')).toHaveText(table.note);
  else await expect(page.getByTestId('plan-years-note')).toHaveCount(0);
  // the monthly chart names the months that buy, by the PDF's rule
  const tco = computeTco(input, result);
  await expect(page.getByTestId('monthly-caption')).toContainText(purchaseTimingText(input.settings.start_month, planPeriods(result, input.settings.horizon_months), result, tco.months, input.settings.purchase_interval_months));
  // seven columns (budget left, present value) within the panel at 1280 px: none cut off
  const fit = await page.getByTestId('plan-years').evaluate((t) => ({ table: t.getBoundingClientRect().right, panel: t.parentElement!.getBoundingClientRect().right }));
  expect(fit.table).toBeLessThanOrEqual(fit.panel);
});

test('a replacement in the schedule names the month of its re-buy, inside its period, edge devices too', async ({ app, page, plan }) => {
  test.setTimeout(120_000);
  await plan.api('settings-set', { patch: { horizon_months: 24, purchase_interval_months: 12, start_month: '2026-05', time_limit_s: 10 } });
  // every system and edge device lasts 9 months: whatever the plan buys in May 2026 is re-bought in Feb 2027
  for (const o of (await plan.api('catalog-get', {})).options) {
    if (o.kind === 'system' || o.kind === 'edge_device') await plan.api('option-upsert', { option: { ...o, lifetime_months: 9 }, originalId: o.id });
  }
  const result = await solveViaApi(plan);
  expect(['optimal', 'time_limit']).toContain(result.status);
  const input: PlanInput = await plan.api('plan-input', {});
  const schedule = buildSchedule(input, result, computeTco(input, result));
  const replaced = schedule.periods.flatMap((p) => p.sites.flatMap((s) => mergeRebuys(s.replaced)));
  expect(replaced.filter((r) => r.item.quantity_unit === 'units').length, 'the plan re-buys a system').toBeGreaterThan(0);
  expect(replaced.filter((r) => r.item.quantity_unit === 'devices').length, 'the plan re-buys edge devices').toBeGreaterThan(0);
  await app.open('results');
  // the schedule lists six a cell before "n more": open them all
  const more = page.getByTestId('procurement-schedule').getByRole('button', { name: / more$/ });
  while ((await more.count()) > 0) await more.first().click();
  for (const { item, months } of replaced) {
    // "(end of life, Feb 2027)", as the PDF dates it (an edge device's re-buy had no date)
    await expect(page.getByTestId('procurement-schedule').getByText(itemQuantityName(item)).filter({ hasText: `(${rebuyWhen(schedule.start_month, months)})` }).first()).toBeVisible();
  }

  // the TCO view's Capex is the plan-year table's capex column, its replacements the column beside
  // it (one "Purchases" column held both, under a Capex "excl. replacements")
  await app.go('tco');
  const years = page.getByTestId('plan-years');
  await expect(years).toBeVisible({ timeout: 30_000 });
  const table = planYearsTable(schedule.years, input.settings.discount_rate_pct > 0, input.settings.capex_budget_usd);
  await expect(years.locator('thead th')).toHaveText(table.columns.map((c) => c.label));
  const foot = (key: string) => years.locator('tfoot > tr > *').nth(table.columns.findIndex((c) => c.key === key));
  await expect(foot('capex')).toHaveText(formatMoney(schedule.capex_usd));
  await expect(foot('replacements')).toHaveText(formatMoney(schedule.replacement_usd));
  await expect(page.getByTestId('kpi-capex')).toHaveText(formatMoney(schedule.capex_usd));
  await expect(page.getByTestId('kpi-capex-note')).toHaveText(`first purchases, excl. ${formatMoney(schedule.replacement_usd)} of replacements`);
});

test('the PDF page keeps a negative KPI whole ("−$2,063,808", not "−" above "$2,063,808") and a capacity chart’s title over its caption', async ({ page, plan }) => {
  test.setTimeout(120_000);
  await phasedScenario(plan);
  const url = new URL(plan.url);
  url.pathname = '/report.html';
  await page.goto(url.toString());
  await page.waitForFunction(() => document.body.dataset['ready'] === '1' || !!document.body.dataset['error']);
  // the plan costs more than the token APIs (that baseline ignores placement): a negative saving
  const lines = await page.locator('.doc .kpi-value').evaluateAll((els) =>
    els.flatMap((el) => {
      const node = [...el.querySelectorAll('*'), el].flatMap((e) => [...e.childNodes]).find((n) => n.nodeType === 3 && n.textContent!.includes('−$'));
      if (!node) return [];
      const range = document.createRange();
      const at = node.textContent!.indexOf('−$');
      range.setStart(node, at);
      range.setEnd(node, at + 2);
      return [new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size];
    }),
  );
  expect(lines.length, 'a KPI shows a negative amount').toBeGreaterThan(0);
  expect(lines).toEqual(lines.map(() => 1));

  // a capacity chart's long title stands over its caption (beside it, it wrapped onto four lines)
  const captions = await page.locator('.doc .chart-grid figcaption').evaluateAll((els) =>
    els.map((el) => ({ titleBottom: el.querySelector('strong')!.getBoundingClientRect().bottom, captionTop: el.querySelector('span')!.getBoundingClientRect().top })),
  );
  expect(captions.length, 'the report draws capacity charts').toBeGreaterThan(0);
  for (const c of captions) expect(c.captionTop).toBeGreaterThanOrEqual(c.titleBottom - 0.5);
});

test('at 1280 px the workload table shows the "|" of a workload with several accepted models', async ({ app, plan, workloads, page }) => {
  const multi = (await plan.api('workload-list', {})).find((w) => w.model.includes('|'));
  expect(multi, 'the demo has a workload of models a|b').toBeTruthy();
  await app.open('workloads');
  const cell = workloads.cell(multi!.name, 'model');
  await expect(cell).toHaveText(multi!.model);
  // the text up to and including the first "|" ends inside the cell (it was cut to "llama-3.3-70…")
  const shown = await cell.evaluate((el) => {
    const node = [...el.querySelectorAll('*'), el].flatMap((e) => [...e.childNodes]).find((n) => n.nodeType === 3 && n.textContent!.includes('|'))!;
    const range = document.createRange();
    range.setStart(node, 0);
    range.setEnd(node, node.textContent!.indexOf('|') + 1);
    // a cut text ends in "…", drawn over the characters it replaces
    const ctx = document.createElement('canvas').getContext('2d')!;
    ctx.font = getComputedStyle(el).font;
    const ellipsis = el.scrollWidth > el.clientWidth ? ctx.measureText('…').width : 0;
    return { end: range.getBoundingClientRect().right + ellipsis, clip: el.getBoundingClientRect().right - parseFloat(getComputedStyle(el).paddingRight) };
  });
  expect(shown.end).toBeLessThanOrEqual(shown.clip);
});
