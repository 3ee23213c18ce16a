// The analysis views end to end on the demo document: optimize in the UI (status, assignments,
// rack elevations), the TCO view (charts, KPI equal to the engine's figure, live what-if) and
// Compare of two scenarios. Screenshots results.png and tco.png (1400×900; into docs/ only under `npm run screenshots`).
import type { Page } from '@playwright/test';
import fs from 'node:fs';
import type { PlanInput, PlanResult } from '../core/types.ts';
import { planForPeriod } from '../core/plan-periods.ts';
import { computeTco } from '../core/tco/engine.ts';
import { baselineComparisons } from '../core/tco/baselines.ts';
import { formatMoney, formatMonth, formatPct } from '../core/format.ts';
import { expect, test } from './support/fixtures.ts';
import { docShot } from './support/doc-shot.ts';
import { planOf, runViaApi, solveViaApi } from './support/solve.ts';
import { ComparePage, ResultsPage, TcoPage } from './pages/results-page.ts';
import type { DrawnChart } from './pages/schedule-page.ts';
import { SOLVED_WITHOUT_WORKLOADS, TIER_NAMES } from '../core/labels.ts';
import { openDocument } from '../electron/backend/document.ts';
import { planInput, storePlan } from '../electron/backend/repo/plans.ts';

test.use({ viewport: { width: 1400, height: 900 }, colorScheme: 'light' });
// The demo's own time limit (60 s) is what a solve in these tests would run to where it does not
// prove its plan optimal sooner (a busy machine): with 10 s each UI solve ends well within the
// waits below, however loaded the machine, and its plan is still the demo's to read.
test.beforeEach(async ({ plan }) => {
  await plan.api('settings-set', { patch: { time_limit_s: 10 } });
});

type Progress = Record<string, unknown> | undefined;
/**
 * Every optimize-progress answer the page reads is the real one passed through `rewrite` (answers
 * that failed pass as they are): a solve held as running, or made to fail, at the test's word.
 */
async function rewriteProgress(page: Page, rewrite: (value: Progress) => Progress): Promise<void> {
  await page.route('**/api/optimize-progress', async (route) => {
    const res = await route.fetch();
    const body = (await res.json()) as { ok: boolean; value?: Record<string, unknown> };
    await route.fulfill({ response: res, json: body.ok ? { ...body, value: rewrite(body.value) } : body });
  });
}
const stillSolving = (value: Progress): Progress => ({ ...value, state: 'running', message: 'solving' });

function closeTo(actual: number, expected: number): void {
  expect(Math.abs(actual - expected), `${actual} ≈ ${expected}`).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(expected)));
}

test('optimize the demo in the UI, then read its plan and TCO', async ({ app, page, plan }, testInfo) => {
  const results = new ResultsPage(page);
  const tco = new TcoPage(page);
  const [workloads, sites] = await Promise.all([plan.api('workload-list', {}), plan.api('site-list', {})]);

  await app.open('results');
  await expect(results.empty).toBeVisible();
  await results.optimize();

  const stored = await plan.api('plan-latest', {});
  expect(stored, 'the UI solve stored a plan').not.toBeNull();
  const result = planOf(stored);
  await expect(results.status).toHaveAttribute('data-status', result.status);
  expect(['optimal', 'time_limit']).toContain(result.status);

  // the demo buys in yearly periods: Results shows one period at a time (the first by default);
  // in it every demo workload is either assigned (one row each) or listed as unserved
  expect(result.periods.length).toBeGreaterThan(1);
  const first = planForPeriod(result, result.periods[0]!);
  await expect(results.assignmentTable).toHaveAttribute('data-rows', String(first.assignments.length));
  expect(first.assignments.length + first.unserved.length).toBe(workloads.length);
  for (const a of first.assignments) {
    await expect(results.assignmentRow(a.workload)).toBeVisible();
    await expect(results.cell(a.workload, 'site')).toHaveText(a.site ?? '—');
  }
  // unit_tps is a replica's throughput (a demo replica spans up to 20 systems): headed so, as in the catalog
  await expect(results.assignmentTable.locator('[role="columnheader"]', { hasText: 'Per replica' })).toBeVisible();
  await expect(results.assignmentTable.getByText('Unit throughput')).toHaveCount(0);

  // the tier mix is drawn (by the chart worker) with one slice per tier serving output tokens in
  // the period's first month, each the sum of its workloads' tok/s then
  const mix = page.getByTestId('tier-mix-chart');
  await expect(mix).toHaveAttribute('data-drawn', 'true');
  const drawnMix = await mix.locator('canvas').evaluate((el) => (el as HTMLCanvasElement & { fleetChart: () => DrawnChart }).fleetChart());
  const tps = new Map<string, number>();
  for (const a of first.assignments) {
    const w = workloads.find((x) => x.name === a.workload)!;
    const label = TIER_NAMES[a.tier];
    tps.set(label, (tps.get(label) ?? 0) + w.avg_output_tps * Math.pow(1 + w.monthly_growth_pct / 100, result.periods[0]!.start_month));
  }
  const shownTiers = [...tps].filter(([, v]) => v > 0);
  expect(drawnMix.labels.slice().sort()).toEqual(shownTiers.map(([k]) => k).sort());
  for (const [k, v] of shownTiers) closeTo(drawnMix.datasets[0]!.data[drawnMix.labels.indexOf(k)]!, v);

  // one rack elevation (an SVG) per site of the plan, with one column per rack in use
  expect(first.sites.map((s) => s.site).sort()).toEqual(sites.map((s) => s.name).sort());
  await expect(results.rackElevations).toHaveCount(first.sites.length);
  for (const s of first.sites) {
    const el = results.rackElevation(s.site);
    await expect(el.locator('svg')).toBeVisible();
    await expect(el.locator('g.rack:not(.empty) .unit')).toHaveCount(s.racks.reduce((n, r) => n + (r.spans ? 1 : r.units.length), 0));
  }

  await page.getByTestId('results-view').evaluate((el) => (el.scrollTop = 0));
  await page.screenshot({ path: docShot(testInfo, 'results.png') });

  // TCO: charts drawn, horizon cost = the engine's figure on the same input and plan
  await tco.open();
  await expect(tco.horizonKpi).toBeVisible();
  for (const id of ['cumulative', 'monthly', 'tier', 'per-m', 'tornado'] as const) await expect(tco.chart(id)).toBeVisible();
  const input: PlanInput = await plan.api('plan-input', {});
  const engine = computeTco(input, result);
  closeTo(await tco.horizonCostUsd(), engine.totals.horizon_cost_usd);
  closeTo(engine.totals.horizon_cost_usd, result.totals.horizon_cost_usd);
  await expect(tco.horizonKpi).toHaveText(formatMoney(engine.totals.horizon_cost_usd));
  // both baselines, with the engine's break-even month (or "none within the horizon")
  for (const b of baselineComparisons(input, result, engine)) {
    const card = page.getByTestId(`baseline-${b.baseline.id}`);
    await expect(card).toBeVisible();
    if (b.baseline.status !== 'ok') await expect(card).toContainText('none');
    else if (b.break_even?.month == null) await expect(card).toContainText('none within the horizon');
    else await expect(card).toContainText(formatMonth(b.break_even.label));
    if (b.baseline.id === 'system' && b.baseline.status === 'ok') await expect(card).toContainText('site power and rack limits ignored');
    // (b) names the system type and the site it put everything on
    if (b.baseline.system) await expect(card.getByTestId('baseline-choice')).toContainText(b.baseline.system.site);
  }
  await page.screenshot({ path: docShot(testInfo, 'tco.png') });

  // what-if: a discount rate recomputes at once, marked unsaved, and matches the engine
  await expect(tco.whatIfMarker).toHaveCount(0);
  await tco.setDiscountRate(8);
  await expect(tco.whatIfMarker).toBeVisible();
  const discounted = computeTco({ ...input, settings: { ...input.settings, discount_rate_pct: 8 } }, result);
  await expect(tco.horizonKpi).toHaveText(formatMoney(discounted.totals.horizon_cost_usd));
  expect(discounted.totals.horizon_cost_usd).not.toBe(engine.totals.horizon_cost_usd);
  // nothing was written yet
  expect((await plan.api('settings-get', {})).discount_rate_pct).toBe(input.settings.discount_rate_pct);

  // the CSV export carries the figures on screen (what-if included)
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-tco-csv').click()]);
  // named as Results' "TCO tables (CSV)" names the saved scenario's ("e2e-Base-tco.csv"), what-if said
  expect(download.suggestedFilename()).toBe('e2e-Base-tco-what-if.csv');
  const csv = await download.createReadStream().then(async (stream) => {
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  });
  expect(csv.split('\r\n')[0]).toBe('\ufeffsection,month,month_label,line,line_label,usd');
  // its first rows say what it costs: the plan, a what-if at 8 % against the saved rate, discounted
  // figures (tcoExportNotes, as `fleetplan tco --csv` writes them)
  const aboutRow = (key: string) => csv.split('\r\n').find((l) => l.startsWith(`about,,,${key},`)) ?? '';
  expect(csv.split('\r\n')[1]).toMatch(/^about,,,plan,"?Scenario /);
  expect(aboutRow('what_if')).toContain(`What-if, not saved: the plan is held fixed and costed with discount rate 8% a year (saved: ${formatPct(input.settings.discount_rate_pct, 2)} a year)`);
  expect(aboutRow('discount_rate_pct')).toContain('Discount rate 8% a year: the horizon cost and the cumulative rows are present values');
  expect(aboutRow('plan_inputs')).toContain('Up to date');
  const totalRow = csv.split('\r\n').find((l) => l.startsWith('total,,,horizon_cost_usd,'));
  expect(totalRow?.split(',').at(-1)).toBe(discounted.totals.horizon_cost_usd.toFixed(2));
  // its baselines are those of the same what-if: each saving is its baseline's cost less the
  // plan's at 8 % (the export waits for them; they followed the what-if 250 ms later)
  const cell = (line: string) => Number(csv.split('\r\n').find((l) => l.startsWith(`baseline,,,${line},`))?.split(',').at(-1));
  const priced = ['api', 'system'].filter((id) => csv.includes(`baseline,,,${id}_saving_usd,`));
  expect(priced.length).toBeGreaterThan(0);
  for (const id of priced) expect(Math.abs(cell(`${id}_saving_usd`) - (cell(`${id}_horizon_cost_usd`) - discounted.totals.horizon_cost_usd))).toBeLessThan(0.02);
  // and the wide one: lines × calendar months, the same undiscounted total
  const [wideDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-tco-wide-csv').click()]);
  const wide = fs.readFileSync(await wideDownload.path(), 'utf8').split('\r\n');
  expect(wide[0]).toBe(`\ufeffline,line_label,${discounted.months.map((m) => m.label).join(',')},horizon_total`);
  expect(wide.find((l) => l.startsWith('total,Total,'))?.split(',').at(-1)).toBe(discounted.totals.undiscounted_usd.toFixed(2));
  expect(wide.find((l) => l.startsWith('about:what_if,'))).toContain('discount rate 8% a year');
  expect(wide.find((l) => l.startsWith('cumulative_pv,'))).toMatch(/^cumulative_pv,"?Cumulative, discounted at 8% a year/);

  // Save to scenario writes the setting; the marker goes away
  await page.getByTestId('whatif-save').click();
  await expect(tco.whatIfMarker).toHaveCount(0);
  expect((await plan.api('settings-get', {})).discount_rate_pct).toBe(8);

  // editing an input after the solve makes the plan stale: flagged, and one click re-solves it
  const w = workloads[0]!;
  await plan.api('workload-upsert', { workload: { ...w, avg_output_tps: w.avg_output_tps * 2 }, originalName: w.name });
  await results.open();
  await expect(results.staleBanner).toBeVisible();
  // TCO of a stale plan is drawn from the inputs it was solved from, and says so
  await page.getByTestId('nav-tco').click();
  await expect(page.getByTestId('tco-stale-banner')).toContainText('the inputs this plan was solved from');
  await results.open();
  await results.staleBanner.getByRole('button', { name: 'Re-optimize' }).click();
  await expect(results.staleBanner).toHaveCount(0, { timeout: 60_000 });
  await expect(results.status).toBeVisible();
  // the banner hides as soon as the solve starts; the fresh plan is stored when it finishes
  await expect.poll(async () => (await plan.api('plan-latest', {}))!.stale, { timeout: 60_000 }).toBe(false);
  await expect(results.staleBanner).toHaveCount(0);
});

test('a first solve goes from its progress straight to its plan: "No plan yet" never shows in between', async ({ app, page }) => {
  const results = new ResultsPage(page);
  await app.open('results');
  await expect(results.empty).toBeVisible();
  // watched from before the click (a solve and load that ended before a later watch began would go
  // unseen): once the progress has shown, any "No plan yet" put on the page is seen (it showed while
  // the finished solve's plan loaded)
  await page.evaluate(() => {
    const w = window as unknown as { sawProgress: boolean; sawEmpty: boolean };
    w.sawProgress = false;
    w.sawEmpty = false;
    new MutationObserver(() => {
      if (document.querySelector('[data-testid="solve-progress"]')) w.sawProgress = true;
      if (w.sawProgress && document.querySelector('[data-testid="results-empty"]')) w.sawEmpty = true;
    }).observe(document.body, { childList: true, subtree: true });
  });
  await results.optimizeButton.click();
  await expect(results.progress).toBeVisible();
  // the figure it runs is the objective (Results' "Objective"), not the horizon cost
  await expect(results.progress).toContainText('Best plan: objective');
  await expect(results.status).toBeVisible({ timeout: 60_000 });
  const seen = await page.evaluate(() => {
    const w = window as unknown as { sawProgress: boolean; sawEmpty: boolean };
    return { sawProgress: w.sawProgress, sawEmpty: w.sawEmpty };
  });
  expect(seen.sawProgress).toBe(true);
  expect(seen.sawEmpty).toBe(false);
});

test('Cancel during the limit check hides "then checking…; Cancel keeps the plan" at once, before the plan arrives', async ({ app, page }) => {
  const results = new ResultsPage(page);
  await app.open('results');
  // the solve reads as in its check; once cancelled it still runs (the check stopping) until released
  let cancelled = false;
  let release = (): void => undefined;
  const held = new Promise<void>((r) => (release = r));
  const checking = (body: { ok: boolean; value?: Record<string, unknown> }) =>
    body.ok ? { ...body, value: { ...body.value, state: 'running', checkBudgetMs: 5000 } } : body;
  await page.route('**/api/optimize-progress', async (route) => {
    if (cancelled) await held;
    const res = await route.fetch();
    const body = (await res.json()) as { ok: boolean; value?: Record<string, unknown> };
    await route.fulfill({ response: res, json: !cancelled && body.value?.state === 'running' ? checking(body) : body });
  });
  await page.route('**/api/optimize-cancel', async (route) => {
    const res = await route.fetch();
    cancelled = true;
    await route.fulfill({ response: res, json: checking((await res.json()) as { ok: boolean; value?: Record<string, unknown> }) });
  });
  await results.optimizeButton.click();
  const note = page.getByTestId('solve-checking');
  await expect(note).toContainText('Cancel keeps the plan');
  await page.getByTestId('optimize-cancel').click();
  await expect(results.progress).toHaveAttribute('aria-busy', 'true');
  await expect(note).toHaveCount(0);
  release();
  await expect(results.status).toBeVisible({ timeout: 60_000 });
});

test('the scenario solved is deleted during the solve: Results says the solve ended without its plan, and why', async ({ app, page, plan }) => {
  const results = new ResultsPage(page);
  await plan.api('scenario-new', { name: 'Other', from: 'Base' });
  await app.open('results');
  await expect(results.empty).toBeVisible();
  // another window (here the API) deletes the scenario as soon as its solve has started
  await page.route('**/api/optimize-start', async (route) => {
    const res = await route.fetch();
    await plan.api('scenario-delete', { name: 'Base' });
    await route.fulfill({ response: res });
  });
  await results.optimizeButton.click();
  // the solve ends (no plan stored: its scenario is gone) and the page says so where it shows a failed one
  await expect(page.getByTestId('solve-error')).toHaveText('The solve ended, but scenario "Base" was deleted during the solve: its plan was not stored.', { timeout: 60_000 });
  await expect(results.optimizeButton).toBeEnabled();
  expect(await plan.api('plan-latest', {})).toBeNull();
});

test('a solve whose job id repeats one before it (a restarted server numbers its jobs from 1 again) still ends with its plan', async ({ app, page, plan }) => {
  const results = new ResultsPage(page);
  // the page sees every job as job 1, as after a restart of `fleetplan serve`
  let real = 0;
  const asOne = (body: { ok: boolean; value?: { jobId?: number } }) => (body.ok && body.value ? { ...body, value: { ...body.value, jobId: 1 } } : body);
  await page.route('**/api/optimize-start', async (route) => {
    const res = await route.fetch();
    const body = (await res.json()) as { ok: boolean; value?: { jobId: number } };
    real = body.value?.jobId ?? 0;
    await route.fulfill({ response: res, json: asOne(body) });
  });
  await page.route(/\/api\/optimize-(progress|cancel)$/, async (route) => {
    const res = await route.fetch({ postData: JSON.stringify({ jobId: real }) });
    await route.fulfill({ response: res, json: asOne((await res.json()) as { ok: boolean; value?: { jobId?: number } }) });
  });
  await app.open('results');
  await results.optimize();
  await expect(results.status).toBeVisible();
  await results.optimize(); // before, its end was taken for the first job's, already taken: "Optimizing…" for ever
  await expect.poll(async () => (await plan.api('plan-history', {})).length).toBe(2);
  await expect(results.optimizeButton).toHaveText('Re-optimize');
  await expect(page.getByTestId('plan-history').getByTestId('plan-history-row')).toHaveCount(2);
});

test('with no workloads there is nothing to optimize: the button is off and TCO shows its empty state', async ({ app, page, plan }) => {
  const names = (await plan.api('workload-list', {})).map((w) => w.name);
  if (names.length) await plan.api('workload-delete', { names });
  await app.open('results');
  await expect(page.getByTestId('optimize')).toBeDisabled();
  await expect(page.getByTestId('optimize-needs')).toContainText('Add at least one workload');
  await page.getByTestId('optimize-needs').getByRole('button', { name: 'Go to Workloads' }).click();
  await expect(page.getByTestId('workload-empty')).toBeVisible();
  await page.getByTestId('nav-tco').click();
  await expect(page.getByTestId('tco-empty')).toBeVisible();
  await expect(page.getByTestId('tco-kpis')).toHaveCount(0);
});

test('a plan stored from a document without workloads (older versions solved one) reads the same in Results and TCO', async ({ app, page, plan }) => {
  const names = (await plan.api('workload-list', {})).map((w) => w.name);
  if (names.length) await plan.api('workload-delete', { names });
  // nothing solves one now (optimize-start refuses): written as an older version stored it
  const doc = openDocument(plan.docPath);
  try {
    const input = planInput(doc.db);
    expect(input.workloads).toEqual([]);
    storePlan(doc.db, {
      input,
      result: {
        status: 'optimal', objective_usd: 0, bound_usd: 0, gap: 0, solve_ms: 1, periods: [], assignments: [], purchases: [], pools: [], cloud: [], edge: [],
        unserved: [], sites: [], totals: { capex_usd: 0, horizon_cost_usd: 0 },
      },
    });
  } finally {
    doc.db.close();
  }
  expect(await plan.api('plan-latest', {})).toMatchObject({ result: { status: 'optimal' } });
  await app.open('results');
  // Results said "No plan yet" while TCO said the plan serves no workloads
  await expect(page.getByTestId('results-empty-plan')).toHaveText(SOLVED_WITHOUT_WORKLOADS.text);
  await expect(page.getByTestId('results-empty')).toContainText(SOLVED_WITHOUT_WORKLOADS.title);
  await expect(page.getByTestId('results-empty')).not.toContainText('No plan yet');
  await expect(page.getByTestId('plan-summary')).toHaveCount(0);
  await expect(page.getByTestId('optimize')).toBeDisabled();
  await app.go('tco');
  await expect(page.getByTestId('tco-empty')).toContainText(SOLVED_WITHOUT_WORKLOADS.text);
  await expect(page.getByTestId('tco-kpis')).toHaveCount(0);
});

test('an infeasible plan: TCO says no feasible plan was found, not that workloads are missing', async ({ app, page, plan }) => {
  // one workload no option can answer in time makes the scenario infeasible
  const w = (await plan.api('workload-list', {}))[0]!;
  await plan.api('workload-upsert', { workload: { ...w, max_latency_ms: 1 }, originalName: w.name });
  expect((await runViaApi(plan)).result.status).toBe('infeasible');
  await app.open('tco');
  await expect(page.getByTestId('tco-empty')).toContainText('no feasible plan');
  await expect(page.getByTestId('tco-empty')).not.toContainText('Add at least one workload');
  await expect(page.getByTestId('tco-empty').getByRole('button', { name: 'Go to Results' })).toBeVisible();
  // Compare: solved, with nothing to cost (it asked for "a solved plan" of a scenario just solved)
  await plan.api('scenario-new', { name: 'Other' });
  await app.go('compare');
  await page.getByTestId('compare-pick-Other').check();
  await expect(page.getByTestId('compare-table')).toContainText('latest run: no fleet to cost');
  await expect(page.getByTestId('compare-table')).toContainText('need a plan with a fleet to cost (an infeasible latest run has none)');
});

test('a reason that counts options shows every option on demand under it', async ({ app, page, plan }) => {
  // edge tiers only and 1 ms: nothing serves it, and the tiers exclude most of the catalog ("… and N more")
  const w = (await plan.api('workload-list', {}))[0]!;
  await plan.api('workload-upsert', { workload: { ...w, max_latency_ms: 1, tiers: ['edge'] }, originalName: w.name });
  expect((await runViaApi(plan)).result.status).toBe('infeasible');
  await app.open('results');
  const reason = page.getByTestId('plan-reason').filter({ hasText: 'nothing can serve' });
  await expect(reason).toContainText(/ and \d+ more/);
  const full = page.getByTestId('reason-full');
  await expect(full).toHaveCount(1);
  const text = full.getByTestId('reason-full-text');
  await expect(text).toBeHidden();
  await full.locator('summary').click();
  await expect(text).toBeVisible();
  await expect(text).not.toContainText(/ and \d+ more/);
  await expect(text).toContainText('nothing can serve');
  expect((await text.textContent())!.length).toBeGreaterThan((await reason.textContent())!.length);
  // with a penalty the plan leaves it unserved: its unserved row gives every option the same way
  await plan.api('settings-set', { patch: { unserved_penalty_usd_per_month: 1000 } });
  expect((await runViaApi(plan)).result.status).toBe('optimal');
  await app.open('results');
  const row = page.getByTestId('unserved-row').filter({ hasText: w.name });
  await expect(row).toContainText(/ and \d+ more/);
  const rowText = row.getByTestId('reason-full-text');
  await expect(rowText).toBeHidden();
  await row.getByTestId('reason-full').locator('summary').click();
  await expect(rowText).toBeVisible();
  await expect(rowText).not.toContainText(/ and \d+ more/);
  await expect(rowText).toContainText('nothing can serve');
});

test('compare two scenarios side by side', async ({ app, page, plan }) => {
  const base = await solveViaApi(plan);
  await plan.api('scenario-new', { name: 'High rate', from: 'Base' });
  await plan.api('scenario-use', { name: 'High rate' });
  await plan.api('settings-set', { patch: { discount_rate_pct: 10 } });
  const high = await solveViaApi(plan);
  await plan.api('scenario-use', { name: 'Base' });
  // inputs edited after both solves: each plan is still costed on the inputs it was solved from
  const w = (await plan.api('workload-list', {}))[0]!;
  await plan.api('workload-upsert', { workload: { ...w, avg_output_tps: w.avg_output_tps * 3 }, originalName: w.name });

  const compare = new ComparePage(page);
  await app.open('compare');
  await expect(compare.columns).toHaveCount(2);
  await expect(compare.columns.nth(0)).toContainText('Base');
  await expect(compare.columns.nth(1)).toContainText('High rate');
  // both plans were solved before the edit: each column says its figures are for the inputs it was solved from
  await expect(compare.columns.nth(0)).toContainText('stale');
  await expect(compare.columns.nth(1)).toContainText('stale');
  const horizon = compare.row(/^Horizon cost/);
  await expect(horizon.locator('td').nth(0)).toContainText(formatMoney(base.totals.horizon_cost_usd));
  await expect(horizon.locator('td').nth(1)).toContainText(formatMoney(high.totals.horizon_cost_usd));
  // the difference from the reference carries an arrow glyph; at another discount rate it is
  // neither better nor worse (the NPV at the common rate ranks them)
  const d = high.totals.horizon_cost_usd - base.totals.horizon_cost_usd;
  expect(Math.abs(d), 'a 10 % discount rate changes the horizon cost').toBeGreaterThan(1);
  await expect(horizon.locator('th')).toContainText('not ranked');
  await expect(horizon.locator('td').nth(1).locator('.diff.neutral')).toContainText(d < 0 ? '▼' : '▲');
  // every difference is the difference of the two figures it sits between, as they are written
  // ("$2.40" beside "$2.84" read "▲ +$0.43", from the values before rounding)
  const figure = (text: string) => Number(text.replace(/−/g, '-').replace(/[^0-9.-]/g, ''));
  let checked = 0;
  for (const row of await compare.table.locator('tbody tr').all()) {
    const cells = row.locator('td');
    if ((await cells.count()) < 2 || (await cells.nth(1).getByTestId('compare-diff').count()) === 0) continue;
    const [ref, value] = [figure(await cells.nth(0).locator('.val').innerText()), figure(await cells.nth(1).locator('.val').innerText())];
    const m = /([+−])([$]?[\d,]*\.?\d+)/.exec(await cells.nth(1).getByTestId('compare-diff').innerText());
    expect(m, 'a signed difference').not.toBeNull();
    const shown = (m![1] === '−' ? -1 : 1) * figure(m![2]!);
    expect(Math.abs(shown - (value - ref)), `${await row.locator('th').innerText()}: ${shown} is ${value} − ${ref}`).toBeLessThan(1e-6 * Math.max(1, Math.abs(value)));
    checked++;
  }
  expect(checked, 'rows with a difference').toBeGreaterThan(0);

  // the settings that differ are rows of their own, and only those
  await expect(compare.settingRows).toHaveCount(1);
  await expect(compare.settingRows.first()).toContainText('Discount rate');
  await expect(compare.settingRows.first().locator('td').nth(1)).toHaveText('10');

  // a scenario created from another in the view joins the comparison
  await compare.createScenario('Copy', 'High rate');
  await expect(compare.columns).toHaveCount(3);
  await expect(compare.columns.nth(2)).toContainText('no plan yet');
  // made the reference, a scenario without a plan is not the one the differences are against
  await compare.columns.nth(2).getByRole('button', { name: 'Use as reference' }).click();
  await expect(compare.columns.nth(0)).toContainText('Copy');
  await expect(compare.columns.nth(0).getByTestId('compare-reference')).toHaveCount(0);
  await expect(compare.columns.nth(1).getByTestId('compare-reference')).toBeVisible();
  await expect(compare.row(/^Horizon cost/).locator('td').nth(2).locator('.diff.neutral')).toContainText(d < 0 ? '▼' : '▲');
  const names = (await plan.api('scenario-list', {})).map((s) => s.name);
  expect(names).toContain('Copy');
});

test('Compare of two columns, one infeasible for a $0 capex budget: no comparison, yet the settings that differ say why', async ({ app, page, plan }) => {
  await solveViaApi(plan);
  await plan.api('scenario-new', { name: 'No capex', from: 'Base' });
  await plan.api('scenario-use', { name: 'No capex' });
  await plan.api('settings-set', { patch: { capex_budget_usd: 0 } });
  expect((await runViaApi(plan)).result.totals).toBeNull();
  await plan.api('scenario-use', { name: 'Base' });

  const compare = new ComparePage(page);
  await app.open('compare');
  await expect(compare.columns).toHaveCount(2);
  await expect(compare.columns.nth(1)).toContainText('no fleet to cost');
  await expect(compare.settingRows).toHaveCount(1);
  await expect(compare.settingRows.first()).toContainText('Capex budget');
  await expect(compare.settingRows.first().locator('td').nth(1)).toHaveText('$0');
});

test('Compare\'s pick is of scenarios, not names: one deleted and made again under its name is not picked', async ({ app, page, plan }) => {
  await plan.api('scenario-new', { name: 'B', from: 'Base' });
  await plan.api('scenario-new', { name: 'C', from: 'Base' });
  const compare = new ComparePage(page);
  await app.open('compare');
  await expect(compare.columns).toHaveCount(2);
  await compare.pick('C').check();
  await expect(compare.columns).toHaveCount(3);
  // another window deletes B and makes a new B; this page reads the scenarios once both are done
  let release = (): void => undefined;
  const held = new Promise<void>((r) => (release = r));
  await page.route('**/api/scenario-list', async (route) => {
    await held;
    await route.continue();
  });
  await plan.api('scenario-delete', { name: 'B' });
  await plan.api('scenario-new', { name: 'B', from: 'Base' });
  release();
  // the new B is another scenario: Base and C stay picked, B is not (picked by name, it inherited the pick)
  await expect(compare.pick('B')).not.toBeChecked();
  await expect(compare.columns).toHaveCount(2);
  await expect(compare.pick('Base')).toBeChecked();
  await expect(compare.pick('C')).toBeChecked();
});

test('at 1280×800 four scenarios\' column headers read in few lines: the status in two, the actions in one (the date broke word by word, 6 lines)', async ({ app, page, plan }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await solveViaApi(plan);
  for (const name of ['High growth 2027', 'Budget-capped', 'Long horizon']) {
    await plan.api('scenario-new', { name, from: 'Base' });
    await plan.api('scenario-use', { name });
    await solveViaApi(plan);
  }
  await plan.api('scenario-use', { name: 'Base' });
  const compare = new ComparePage(page);
  await app.open('compare');
  for (const chip of await page.getByRole('group', { name: 'Pick two or more scenarios' }).getByRole('checkbox').all()) await chip.check();
  await expect(compare.columns).toHaveCount(4);
  await expect(page.getByTestId('compare-solved-at')).toHaveCount(4);
  const heights = await compare.columns.evaluateAll((ths) =>
    ths.map((th) => {
      const h = (sel: string) => th.querySelector(sel)?.getBoundingClientRect().height ?? 0;
      return { name: h('.scen-name'), status: h('.scen-status'), button: h('.scen-actions .btn'), actions: h('.scen-actions') };
    }),
  );
  // measured against the name's line (one line, 20 px here): the status is its badge and at most two lines of words
  for (const x of heights) {
    expect(x.name).toBeGreaterThan(0);
    expect(x.status, JSON.stringify(x)).toBeLessThan(3 * x.name);
    if (x.button) expect(x.actions, JSON.stringify(x)).toBeLessThanOrEqual(x.button);
  }
  // the table fits the view: no sideways scrolling for four scenarios
  expect(await page.locator('.table-wrap').evaluate((w) => w.scrollWidth <= w.clientWidth)).toBe(true);
});

test('at 1280×800 the assignments name each model, tier and kind whole (every model read "llama-3.…")', async ({ app, page, plan }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await solveViaApi(plan);
  await app.open('results');
  const table = page.getByTestId('assignment-table');
  await expect(table.locator('[role="gridcell"][data-col="model"]').first()).toBeVisible();
  const cut = await table.evaluate((el) =>
    [...el.querySelectorAll<HTMLElement>('[role="gridcell"]')]
      .filter((c) => ['model', 'tier', 'kind'].includes(c.dataset.col ?? '') && c.scrollWidth > c.clientWidth + 1)
      .map((c) => `${c.dataset.col}: ${c.textContent?.trim()}`),
  );
  // llama-3.1-8b and llama-3.3-70b whole; a longer id (the demo's llama-3.3-70b-sparse70-int4) may still be cut, its title says it
  expect(cut.filter((c) => c.length > 'model: llama-3.3-70b'.length + 1)).toEqual(['model: llama-3.3-70b-sparse70-int4']);
  expect(cut.filter((c) => c.length <= 'model: llama-3.3-70b'.length + 1)).toEqual([]);
});

test('a solve left running for another view: the status bar says so, and its end is a toast that leads back to Results', async ({ app, page }) => {
  const results = new ResultsPage(page);
  await app.open('results');
  // the solve reads as running until released (the demo solves in about a second)
  let holding = true;
  await rewriteProgress(page, (value) => (holding ? stillSolving(value) : value));
  await results.optimizeButton.click();
  await expect(results.progress).toBeVisible();
  await expect(page.getByTestId('status-solving')).toHaveCount(0); // Results shows the progress itself
  await app.go('workloads');
  await expect(page.getByTestId('status-solving')).toContainText('Optimizing “Base”…');
  holding = false;
  const ended = app.toast(/^Solve of “Base” ended: Optimal/);
  await expect(ended).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('status-solving')).toHaveCount(0);
  await ended.getByRole('button', { name: 'Show' }).click();
  await expect(page.getByTestId('nav-results')).toHaveAttribute('aria-current', 'page');
  await expect(results.status).toBeVisible();
});

test('the end-of-solve toast speaks of the solve run: its scenario though another became active, and its failure rather than the plan kept from before', async ({ app, page, plan }) => {
  await solveViaApi(plan); // an earlier plan of Base, which the failed solve's reload brings back
  const results = new ResultsPage(page);
  await app.open('results');
  let mode: 'hold' | 'fail' = 'hold';
  await rewriteProgress(page, (value) => (mode === 'hold' ? stillSolving(value) : { ...value, state: 'failed', planId: undefined, error: { code: 'internal', message: 'the solver worker stopped' } }));
  await results.optimizeButton.click();
  await expect(results.progress).toBeVisible();
  await app.go('workloads');
  await expect(page.getByTestId('status-solving')).toContainText('Optimizing “Base”…');
  // another window makes another scenario active: the solve running is still Base's
  await plan.api('scenario-new', { name: 'B', from: 'Base' });
  await plan.api('scenario-use', { name: 'B' });
  await expect(page.getByTestId('status-scenario')).toContainText('B');
  await expect(page.getByTestId('status-solving')).toContainText('Optimizing “Base”…');
  mode = 'fail';
  await expect(app.toast(/^Solve of “Base” failed: the solver worker stopped/)).toBeVisible({ timeout: 60_000 });
  await expect(app.toast(/ended/)).toHaveCount(0);
});

test('the scenario solved is renamed while it solves: the status bar and the end-of-solve toast name it as it is now', async ({ app, page, plan }) => {
  const results = new ResultsPage(page);
  await app.open('results');
  let holding = true;
  await rewriteProgress(page, (value) => (holding ? stillSolving(value) : value));
  await results.optimizeButton.click();
  await expect(results.progress).toBeVisible();
  await app.go('workloads');
  await expect(page.getByTestId('status-solving')).toContainText('Optimizing “Base”…');
  // another window renames it: its plan is stored by its id, and the toast told of "Base", a name gone
  await plan.api('scenario-rename', { name: 'Base', to: 'Main' });
  await expect(page.getByTestId('status-scenario')).toContainText('Main');
  await expect(page.getByTestId('status-solving')).toContainText('Optimizing “Main”…');
  holding = false;
  await expect(app.toast(/^Solve of “Main” ended: Optimal/)).toBeVisible({ timeout: 60_000 });
  await expect(app.toast(/Base/)).toHaveCount(0);
});

test('a plan that leaves a workload unserved: Results says so at its key figures, with the penalties in its objective', async ({ app, page, plan }) => {
  const w = (await plan.api('workload-list', {})).find((x) => x.name === 'code-completion')!;
  await plan.api('workload-upsert', { workload: { ...w, max_latency_ms: 1 }, originalName: w.name });
  await plan.api('settings-set', { patch: { unserved_penalty_usd_per_month: 1_000_000, time_limit_s: 10 } });
  const result = await solveViaApi(plan);
  const penalty = result.objective_usd! - result.totals!.horizon_cost_usd;
  expect(penalty).toBeGreaterThan(0);
  await app.open('results');
  // the objective's excess over the horizon cost is named, and the unserved workloads are a click away
  await expect(page.getByTestId('kpi-objective-note')).toHaveText(`the horizon cost plus ${formatMoney(penalty)} of unserved penalties (not a cost)`);
  await expect(page.getByTestId('kpi-unserved-link')).toHaveText('1 workload unserved: why, below');
  await page.getByTestId('kpi-unserved-link').click();
  await expect(page.getByTestId('unserved')).toBeInViewport();
  await expect(page.getByTestId('unserved')).toContainText('code-completion');
  // the reasons are those of the period shown, and the heading names it
  await expect(page.getByTestId('unserved').locator('h2')).toHaveText(/^Unserved workloads in Year 1 \w{3} \d{4} – \w{3} \d{4} 1$/);
});
