// The TCO view on the demo: its slow sections (baselines, sensitivity) fill in from a worker, each
// tornado row names what its cases moved (a trend row its yearly rates, never "±20 %"), and the
// view names the plan it costs — an earlier one picked in Results included; Compare says it uses
// each scenario's latest plan. A what-if slider moved step by step never shows a figure for
// another value than the one on the slider without saying "updating…".
import { computeTco } from '../core/tco/engine.ts';
import { applyAssumptions, assumptionsOf } from '../core/tco/what-if.ts';
import { sensitivity } from '../core/tco/sensitivity.ts';
import { baselineComparisons } from '../core/tco/baselines.ts';
import { formatMoney } from '../core/format.ts';
import { expect, test } from './support/fixtures.ts';
import { planOf, solveViaApi } from './support/solve.ts';
import { TcoPage } from './pages/results-page.ts';
import { SchedulePage } from './pages/schedule-page.ts';

function closeTo(actual: number, expected: number): void {
  expect(Math.abs(actual - expected), `${actual} ≈ ${expected}`).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(expected)));
}

test('sections fill in, trend rows name their rates, and the plan shown is named', async ({ app, page, plan }) => {
  const tco = new TcoPage(page);
  // a second scenario (never solved), so Compare shows two columns
  await plan.api('scenario-new', { name: 'Second look' });
  await plan.api('settings-set', { patch: { hardware_price_change_pct_per_year: -15, cloud_price_change_pct_per_year: 0 } });
  const first = await solveViaApi(plan);
  expect(['optimal', 'time_limit']).toContain(first.status);

  await app.open('tco');
  await expect(tco.horizonKpi).toBeVisible();
  // the plan these figures cost: the latest run, with its status
  const shown = page.getByTestId('tco-plan-shown');
  await expect(shown).toHaveAttribute('data-older', 'false');
  await expect(shown).toContainText(first.status === 'optimal' ? '(optimal)' : 'stopped at the time limit');
  await expect(shown).toContainText('the latest run of this scenario');

  // baselines and the tornado arrive from the worker; nothing is left "computing"
  await expect(page.getByTestId('baseline-api')).toBeVisible();
  await expect(page.getByTestId('baseline-system')).toBeVisible();
  await expect(page.getByTestId('baselines-computing')).toHaveCount(0);
  // the share beside the saving is of the baseline's cost, and says so (as the PDF and the CLI do)
  await expect(page.getByTestId('baseline-saving-pct-api')).toHaveText(/^\([0-9.,]+% of the baseline\)$/);
  await expect(tco.chart('tornado')).toBeVisible();
  await expect(page.getByTestId('sensitivity-computing')).toHaveCount(0);

  // the charts are drawn off the page (a worker draws on the canvas) and still answer the pointer:
  // a hover draws a tooltip, leaving the chart takes it away
  const cumulative = page.getByTestId('chart-cumulative');
  await expect(cumulative).toHaveAttribute('data-drawn', 'true');
  const canvas = cumulative.locator('canvas');
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  const before = await canvas.screenshot();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await expect.poll(async () => (await canvas.screenshot()).equals(before), { message: 'a tooltip is drawn' }).toBe(false);
  await page.mouse.move(box.x + box.width / 2, box.y - 30);
  await expect.poll(async () => (await canvas.screenshot()).equals(before), { message: 'the tooltip is gone' }).toBe(true);

  // every row names its two cases; the figures are the engine's on the same input and plan
  const stored = await plan.api('plan-latest', {});
  const sens = sensitivity(stored!.input, planOf(stored), { pct: 20 });
  const labels = (driver: string) => page.getByTestId(`sensitivity-row-${driver}`).getByTestId('sensitivity-case-label');
  await expect(labels('hardware_trend')).toHaveText(['−18%/yr:', '−12%/yr:']);
  await expect(labels('cloud_trend')).toHaveText(['−5%/yr:', '+5%/yr:']);
  await expect(labels('electricity')).toHaveText(['−20%:', '+20%:']);
  const hw = sens.rows.find((r) => r.driver === 'hardware_trend')!;
  await expect(page.getByTestId('sensitivity-row-hardware_trend')).toContainText(formatMoney(hw.low.horizon_cost_usd));
  await expect(page.getByTestId('sensitivity-row-hardware_trend')).toContainText(formatMoney(hw.high.horizon_cost_usd));
  // a case the fixed plan cannot serve shows no cost (core/tornado.ts shownCost), every other its cost
  for (const r of sens.rows) {
    for (const c of [r.low, r.high]) await expect(page.getByTestId(`sensitivity-row-${r.driver}`)).toContainText(c.covers_demand ? formatMoney(c.horizon_cost_usd) : 'not priced (the plan falls short)');
  }

  // a second run with another discount rate; Results shows the first again, and so does TCO
  await plan.api('settings-set', { patch: { discount_rate_pct: 9 } });
  await solveViaApi(plan);
  const history = await plan.api('plan-history', {});
  const older = history.find((h) => h.id === stored!.id)!;
  expect(older).toBeDefined();
  // views are switched in the app (a reload would forget the plan picked in Results)
  await app.open('results');
  await page.getByTestId('plan-history').getByTestId('plan-history-show').last().click();
  await expect(page.getByTestId('plan-history-older')).toBeVisible();
  await tco.open();
  await expect(shown).toHaveAttribute('data-older', 'true');
  await expect(shown).toContainText('an earlier plan picked in Results');
  const picked = await plan.api('plan-get', { planId: older.id });
  // a stale plan is costed on the inputs it was solved from; a current one on today's
  const input = picked!.stale ? picked!.input : await plan.api('plan-input', {});
  const expected = computeTco(input, planOf(picked)).totals.horizon_cost_usd;
  await expect(tco.horizonKpi).toHaveText(formatMoney(expected));

  // Compare costs each scenario's latest plan, and says so while Results shows an earlier one
  await page.getByTestId('nav-compare').click();
  await expect(page.getByTestId('compare-latest-note')).toContainText("Compare costs each scenario's latest plan");
  await expect(page.getByTestId('compare-solved-at').first()).toContainText('latest plan, solved');

  // back on TCO, "Show the latest" returns both views to the latest run
  await tco.open();
  await page.getByTestId('tco-plan-latest').click();
  await expect(shown).toHaveAttribute('data-older', 'false');
});

test('the horizon cost KPI says what it is net of: no residual credit with the credit off (it said "net of residual")', async ({ app, page, plan }) => {
  const tco = new TcoPage(page);
  await plan.api('settings-set', { patch: { residual_value: false, discount_rate_pct: 7.25 } });
  await solveViaApi(plan);
  await app.open('tco');
  await expect(tco.horizonKpi).toBeVisible();
  await expect(page.getByTestId('kpi-horizon-note')).toHaveText(/months, discounted at 7\.25% a year, no residual credit$/);
  await expect(page.getByTestId('kpi-undiscounted-note')).toHaveText('plain sum of all months, no residual credit');
});

test('the undiscounted KPI says the residual credit is in it: at 8 % the net present figure can exceed it', async ({ app, page, plan }) => {
  await plan.api('settings-set', { patch: { discount_rate_pct: 8 } });
  await solveViaApi(plan);
  await app.open('tco');
  await expect(page.getByTestId('kpi-undiscounted-note')).toHaveText('plain sum of all months, net of the residual credit');
});

test('a what-if slider: while the report recomputes in the worker the figures say "updating…", then show the engine\'s figure for the value shown', async ({ app, page, plan }) => {
  const result = await solveViaApi(plan);
  expect(['optimal', 'time_limit']).toContain(result.status);
  const input = await plan.api('plan-input', {});
  const tco = new TcoPage(page);
  await app.open('tco');
  await expect(tco.horizonKpi).toBeVisible();
  await expect(page.getByTestId('tco-updating')).toHaveCount(0);
  const at = (months: number) =>
    computeTco(applyAssumptions(input, { ...assumptionsOf(input.settings), horizon_months: months }), result).totals.horizon_cost_usd;
  closeTo(await tco.horizonCostUsd(), at(input.settings.horizon_months));

  // drag by keyboard, one step at a time; right after each step, a figure not marked "updating…"
  // is the one for the months the slider shows
  const slider = page.getByTestId('horizon-range');
  await slider.focus();
  const target = input.settings.horizon_months - 6;
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('ArrowLeft');
    const seen = await page.evaluate(() => ({
      months: Number((document.querySelector('[data-testid="horizon-range"]') as HTMLInputElement).value),
      updating: document.querySelector('[data-testid="tco-updating"]') != null,
      value: Number(document.querySelector('[data-testid="kpi-horizon-cost"]')?.getAttribute('data-value')),
    }));
    if (!seen.updating) closeTo(seen.value, at(seen.months));
  }
  await expect(slider).toHaveValue(String(target));
  await expect(page.getByTestId('tco-updating')).toHaveCount(0);
  closeTo(await tco.horizonCostUsd(), at(target));
  await expect(tco.horizonKpi).toHaveText(formatMoney(at(target)));
  await expect(page.getByTestId('tco-kpis')).toContainText(`${target} months`);
  await expect(tco.whatIfMarker).toBeVisible();
  await expect(page.getByTestId('export-tco-csv')).toBeEnabled();

  // one more step: the figures follow within a frame or two, the baselines 250 ms after the last
  // step, each from a worker of its own, so either may come first. The long CSV carries the
  // baselines' savings: it is offered only while the key figure and the baselines are for the same
  // months. Every state the page passes through is recorded from before the key is pressed (a
  // MutationObserver sees each change of the DOM; a poll begun after the key press missed the
  // moment between the two answers once the baselines were back, and read that as a failure)
  const step = target - 1;
  const baselinesAt = (months: number) =>
    baselineComparisons(applyAssumptions(input, { ...assumptionsOf(input.settings), horizon_months: months }), result)
      .flatMap((b) => (b.baseline.report ? [[b.baseline.id, b.baseline.report.totals.horizon_cost_usd] as const] : []));
  // a baseline priced, whose cost tells the months it is for, as the key figure does
  expect(baselinesAt(step).length).toBeGreaterThan(0);
  for (const [[, before], [, after]] of baselinesAt(target).map((b, i) => [b, baselinesAt(step)[i]!] as const)) expect(after).not.toBe(before);
  expect(at(step)).not.toBe(at(target));
  await page.evaluate(() => {
    const read = () => ({
      figure: Number(document.querySelector('[data-testid="kpi-horizon-cost"]')?.getAttribute('data-value')),
      updating: document.querySelector('[data-testid="tco-updating"]') != null,
      baselines: [...document.querySelectorAll('[data-testid^="baseline-cost-"]')].map((e) => [e.getAttribute('data-testid')!.slice('baseline-cost-'.length), Number(e.getAttribute('data-value'))] as const),
      csv: !(document.querySelector('[data-testid="export-tco-csv"]') as HTMLButtonElement).disabled,
    });
    const seen = [read()];
    new MutationObserver(() => {
      const now = read();
      if (JSON.stringify(now) !== JSON.stringify(seen[seen.length - 1])) seen.push(now);
    }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    (window as unknown as { tcoStates: unknown }).tcoStates = seen;
  });
  await slider.focus();
  await page.keyboard.press('ArrowLeft');
  type Seen = { figure: number; updating: boolean; baselines: (readonly [string, number])[]; csv: boolean };
  const states = () => page.evaluate(() => (window as unknown as { tcoStates: Seen[] }).tcoStates);
  const near = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));
  const monthsOf = (x: Seen) => ({
    figure: [target, step].find((m) => near(x.figure, at(m))),
    baselines: [target, step].find((m) => {
      const want = new Map<string, number>(baselinesAt(m));
      return want.size === x.baselines.length && x.baselines.every(([id, v]) => want.has(id) && near(v, want.get(id)!));
    }),
  });
  // what the person waits for: the figures and the baselines for the months the slider shows, and the CSV offered
  await expect(slider).toHaveValue(String(step));
  await expect.poll(async () => { const last = (await states()).at(-1)!; const m = monthsOf(last); return !last.updating && m.figure === step && m.baselines === step && last.csv; }).toBe(true);
  await expect(page.getByTestId('export-tco-csv')).toBeEnabled();
  const all = (await states()).map((x) => ({ ...x, months: monthsOf(x) }));
  for (const x of all) {
    expect(x.months.figure, `a key figure of the months before or after the step: ${JSON.stringify(x)}`).toBeDefined();
    expect(x.months.baselines, `baselines of the months before or after the step: ${JSON.stringify(x)}`).toBeDefined();
  }
  // one answer came before the other: a state between them, in which the CSV was not offered
  const between = all.filter((x) => x.months.figure !== x.months.baselines);
  expect(between.length, JSON.stringify(all)).toBeGreaterThan(0);
  for (const x of between) expect(x.csv, `Export CSV with figures and baselines of different months: ${JSON.stringify(x)}`).toBe(false);
});

test('a what-if box reads what is typed, keystroke by keystroke, by the one rule for typed numbers: 2,5 is 2.5 %, 1,500 is refused as ambiguous', async ({ app, page, plan }) => {
  const result = await solveViaApi(plan);
  const input = await plan.api('plan-input', {});
  const tco = new TcoPage(page);
  await app.open('tco');
  await expect(tco.horizonKpi).toBeVisible();
  const at = (pct: number) => computeTco(applyAssumptions(input, { ...assumptionsOf(input.settings), discount_rate_pct: pct }), result).totals.horizon_cost_usd;
  const box = page.getByTestId('discount-input');
  const errors = page.getByTestId('tco-assumptions').getByTestId('assumption-error');

  // the box is not rewritten while typing (it was: "1,5" became "1.5" and the next keys made 1.500 = 1.5)
  await box.fill('');
  await box.pressSequentially('2,5');
  await expect(box).toHaveValue('2,5');
  await expect(errors).toHaveCount(0);
  await expect(page.getByTestId('tco-updating')).toHaveCount(0);
  closeTo(await tco.horizonCostUsd(), at(2.5));
  await box.press('Tab');
  await expect(box).toHaveValue('2.5');

  await box.fill('');
  await box.pressSequentially('1,500');
  await expect(box).toHaveValue('1,500');
  await expect(errors).toHaveText(['1,500 is ambiguous: a comma before three digits may group thousands or mark the decimals — type 1500 or 1.5']);
  await box.press('Tab');
  await expect(box).toHaveValue('1,500');
  // the figures keep the last value that read (1,50 = 1.5 on the way)
  await expect(page.getByTestId('tco-updating')).toHaveCount(0);
  closeTo(await tco.horizonCostUsd(), at(1.5));
});

test('Save to scenario from the keyboard keeps the focus: on the button while it saves, then in the panel', async ({ app, page, plan }) => {
  await solveViaApi(plan);
  const tco = new TcoPage(page);
  await app.open('tco');
  await expect(tco.horizonKpi).toBeVisible();
  await page.getByTestId('discount-input').fill('11');
  const save = page.getByTestId('whatif-save');
  // the write held back, so that "Saving…" lasts long enough to look at
  let release = (): void => undefined;
  const held = new Promise<void>((r) => (release = r));
  let writes = 0;
  await page.route('**/api/settings-set', async (route) => {
    writes++;
    await held;
    await route.continue();
  });
  await save.focus();
  await page.keyboard.press('Enter');
  await expect(save).toHaveText('Saving…');
  await expect(save).toHaveAttribute('aria-disabled', 'true');
  // a disabled button dropped the focus to the page's top (as Export PDF… did)
  await expect(save).toBeFocused();
  // pressed again while it saves: one write
  await page.keyboard.press('Enter');
  release();
  await expect(tco.whatIfMarker).toHaveCount(0);
  expect((await plan.api('settings-get', {})).discount_rate_pct).toBe(11);
  expect(writes).toBe(1);
  // the button is gone with nothing left to save: the focus is in the panel, not back at the top
  await expect(save).toHaveCount(0);
  await expect(page.getByTestId('tco-assumptions')).toBeFocused();
});

test('the horizon cost says what it is on Results and TCO: net present at the rate solved with, and no residual credit when a what-if turns it off', async ({ app, page, plan }) => {
  const tco = new TcoPage(page);
  await plan.api('settings-set', { patch: { discount_rate_pct: 8, residual_value: true } });
  await solveViaApi(plan);
  await app.open('results');
  // Results said "Horizon cost" alone for a present value net of the residual credit
  const kpi = page.getByTestId('plan-summary').locator('dl > div', { has: page.getByTestId('kpi-plan-horizon') });
  await expect(kpi.locator('dt')).toHaveText('Horizon cost (net present)');
  await expect(page.getByTestId('kpi-plan-horizon-note')).toHaveText('36 months, discounted at 8% a year, net of the residual credit');

  await tco.open();
  await expect(page.getByTestId('kpi-horizon-note')).toHaveText('36 months, discounted at 8% a year, net of the residual credit');
  // the what-if without the credit: the note said "net of residual" still
  await page.getByRole('checkbox', { name: 'Residual value credit at the horizon' }).uncheck();
  await expect(tco.whatIfMarker).toBeVisible();
  await expect(page.getByTestId('kpi-horizon-note')).toHaveText('36 months, discounted at 8% a year, no residual credit');
  // Results keeps the plan's own figure, solved with the credit
  await page.getByTestId('nav-results').click();
  await expect(page.getByTestId('kpi-plan-horizon-note')).toHaveText('36 months, discounted at 8% a year, net of the residual credit');
});

test('a plan that leaves a workload unserved: TCO says its cost leaves it out', async ({ app, page, plan }) => {
  // nothing answers code-completion within 1 ms: with a penalty it is left unserved, the rest served
  const w = (await plan.api('workload-list', {})).find((x) => x.name === 'code-completion')!;
  await plan.api('workload-upsert', { workload: { ...w, max_latency_ms: 1 }, originalName: w.name });
  await plan.api('settings-set', { patch: { unserved_penalty_usd_per_month: 10_000_000, time_limit_s: 10 } });
  const result = await solveViaApi(plan);
  expect(result.unserved.some((u) => u.workload === 'code-completion')).toBe(true);
  await app.open('tco');
  await expect(new TcoPage(page).horizonKpi).toBeVisible();
  // the horizon cost was shown with no word of the workload it does not serve
  await expect(page.getByTestId('tco-unserved')).toHaveText('1 workload is left unserved in some period: nothing is costed for it in the periods it is unserved (the unserved penalty is not a cost).');
});

test('the cumulative chart\'s lines are shown and hidden from the keyboard', async ({ app, page, plan }) => {
  await solveViaApi(plan);
  await app.open('tco');
  const lines = page.getByTestId('cumulative-lines');
  const baselineA = lines.getByRole('checkbox', { name: /^Baseline \(a\)/ });
  await expect(baselineA).toBeChecked();
  // the canvas legend's clicks were the only way: no keyboard reached them
  await baselineA.focus();
  await page.keyboard.press('Space');
  await expect(baselineA).not.toBeChecked();
  const drawn = () => new SchedulePage(page).chartData(page.getByTestId('chart-cumulative').locator('canvas'));
  await expect.poll(async () => (await drawn()).datasets.map((d) => [d.label.slice(0, 12), d.hidden])).toEqual([
    ['This plan', false],
    ['Baseline (a)', true],
    ['Baseline (b)', false],
  ]);
  await page.keyboard.press('Space');
  await expect.poll(async () => (await drawn()).datasets.every((d) => !d.hidden)).toBe(true);
});
