// "Re-optimise each case" in the TCO view, walked as an analyst would: a case the
// scenario's budget makes infeasible stays in the tornado with its reason, and a run whose inputs
// were edited afterwards says its figures are for the inputs as they were.
import type { Site, Workload } from '../core/types.ts';
import { extraSites, manyWorkloads } from '../electron/backend/report.test-helper.ts';
import { expect, test } from './support/fixtures.ts';
import { ComparePage, TcoPage } from './pages/results-page.ts';
import { solveViaApi } from './support/solve.ts';

test('re-optimised cases: an infeasible case is kept in the chart with its reason; an edit after the run marks its figures', async ({ app, page, plan }) => {
  // the demo's plan costs $1.96 M; a total budget of $2.0 M leaves no plan at +20 % hardware prices
  await plan.api('settings-set', { patch: { total_budget_usd: 2_000_000 } });
  await solveViaApi(plan);
  await app.open('tco');
  await page.getByTestId('reopt-toggle').check();
  await page.getByTestId('reopt-time-limit').fill('5');
  // from the keyboard: the one button turns to Cancel and back, keeping the focus
  await page.getByTestId('reopt-run').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('reopt-cancel')).toBeFocused();
  await expect(page.getByTestId('reopt-cases')).toBeVisible();
  await expect(page.getByTestId('reopt-run')).toBeVisible({ timeout: 150_000 });
  await expect(page.getByTestId('reopt-run')).toBeFocused();
  // the base's words follow the credit of its plan, as the key figures' do: the run carries it
  await expect(page.getByTestId('reopt-base')).toContainText((await page.getByTestId('kpi-horizon-note').innerText()).replace(/^\d+ months, /, ''));

  const row = page.getByTestId('reopt-row-hardware');
  await expect(row).toContainText('+20%: infeasible');
  // the chart keeps the driver (it was dropped, leaving electricity as the largest driver) and says why
  const chart = page.getByTestId('chart-tornado-reopt').locator('canvas');
  await expect(chart).toHaveAttribute('aria-label', /Hardware prices — infeasible at \+20%/);
  await expect(page.getByTestId('reopt-left-out')).toHaveCount(0);
  await expect(page.getByTestId('reopt-inputs-changed')).toHaveCount(0);
  // leaving the view and coming back shows the run again (the box was unticked, the figures hidden)
  await app.go('results');
  await app.go('tco');
  await expect(page.getByTestId('reopt-toggle')).toBeChecked();
  await expect(page.getByTestId('reopt-row-hardware')).toContainText('+20%: infeasible');

  // another window changes a site's electricity price: the figures were for the inputs before it
  const site = (await plan.api('site-list', {}))[0]!;
  await plan.api('site-upsert', { site: { ...site, usd_per_kwh: site.usd_per_kwh * 3 }, originalName: site.name });
  await expect(page.getByTestId('reopt-inputs-changed')).toContainText('inputs changed since this run started');
  // put back: the figures answer for the inputs again
  await plan.api('site-upsert', { site, originalName: site.name });
  await expect(page.getByTestId('reopt-inputs-changed')).toHaveCount(0);
});

test('a plan stored while the re-optimise box is ticked: the view re-stages for it and the box, its time limit, Run and the scroll position stay', async ({ app, page, plan }) => {
  await solveViaApi(plan);
  await app.open('tco');
  await page.getByTestId('reopt-toggle').check();
  await page.getByTestId('reopt-time-limit').fill('7');
  await expect(page.getByTestId('reopt-run')).toBeVisible();
  // the view scrolled down to the panel (ticking it scrolled it into view)
  const scrolled = () => page.getByTestId('tco-view').evaluate((el) => el.scrollTop);
  const at = await scrolled();
  expect(at).toBeGreaterThan(0);
  // marked, to see the panel re-created when the view re-stages for the new plan
  await page.getByTestId('reopt-toggle').evaluate((el) => el.setAttribute('data-before', ''));
  await solveViaApi(plan);
  await expect(page.locator('[data-testid=reopt-toggle][data-before]')).toHaveCount(0);
  // it came back unticked with the limit at 10 s: a click on Run waited for a button gone
  await expect(page.getByTestId('reopt-toggle')).toBeChecked();
  await expect(page.getByTestId('reopt-time-limit')).toHaveValue('7');
  // and scrolled to the view's top (it collapsed while the new plan's figures were computed)
  await expect(page.getByTestId('tco-held')).toHaveCount(0);
  expect(await scrolled()).toBe(at);
  await page.getByTestId('reopt-run').click();
  await page.getByTestId('reopt-cancel').click();
  await expect(page.getByTestId('reopt-run')).toBeVisible();
});

test('a solve started while the sensitivity cases solve says it waits behind them and can stop them; a scenario switch cancels a run it drops', async ({ app, page, plan }) => {
  // the demo's plan for the TCO view; then 300 more workloads, three purchase periods and a capex
  // budget, so that each case solves long (a plan solved under those found none in 15 s on a busy
  // machine: the stored one is the demo's, stale, which the panel re-optimises from the saved inputs)
  await solveViaApi(plan);
  await plan.api('workload-restore', { workloads: manyWorkloads(300) as Workload[] });
  for (const site of extraSites) await plan.api('site-upsert', { site: site as Site });
  await plan.api('settings-set', { patch: { purchase_interval_months: 12, hardware_price_change_pct_per_year: -15, capex_budget_usd: 2_000_000 } });
  await plan.api('scenario-new', { name: 'Other', from: 'Base' });

  const startRun = async (): Promise<number> => {
    await app.open('tco');
    await page.getByTestId('reopt-toggle').check();
    await page.getByTestId('reopt-time-limit').fill('20');
    // the run's id, from the panel's first progress request
    const polled = page.waitForRequest((r) => r.url().includes('/api/sensitivity-progress'));
    await page.getByTestId('reopt-run').click();
    return (JSON.parse((await polled).postData() ?? '{}') as { jobId: number }).jobId;
  };
  const state = async (jobId: number) => (await plan.api('sensitivity-progress', { jobId })).state;

  // TCO: another scenario made active drops the run from the panel, and the run is cancelled (it solved on, unseen)
  const first = await startRun();
  await plan.api('scenario-use', { name: 'Other' });
  await expect(page.getByTestId('reopt-cases')).toHaveCount(0);
  await expect.poll(() => state(first)).toBe('cancelled');

  // Results: a solve started meanwhile is queued behind the cases, says so, and stops them on request
  await plan.api('scenario-use', { name: 'Base' });
  const second = await startRun();
  await app.go('results');
  await page.getByTestId('optimize').click();
  await expect(page.getByTestId('solve-behind-sensitivity')).toContainText('queued behind the re-optimised sensitivity cases');
  await page.getByTestId('solve-cancel-sensitivity').click();
  await expect.poll(() => state(second)).toBe('cancelled');
  await expect(page.getByTestId('solve-behind-sensitivity')).toHaveCount(0);

  // Settings: the scenario switched where TCO is not shown cancels the run too (it was cancelled only
  // on coming back to TCO, and a solve waited behind its cases meanwhile)
  const third = await startRun();
  await app.go('settings');
  await page.getByTestId('scenarios').locator('li', { hasText: 'Other' }).getByRole('button', { name: 'Use' }).click();
  await expect(page.getByTestId('status-scenario')).toContainText('Other');
  await expect.poll(() => state(third)).toBe('cancelled');
});

test('a rename of the active scenario is the same scenario: Compare\'s pick, the what-if and a running re-optimise run stay', async ({ app, page, plan }) => {
  await solveViaApi(plan);
  await plan.api('scenario-new', { name: 'Other', from: 'Base' });
  await plan.api('scenario-new', { name: 'Third', from: 'Base' });
  const compare = new ComparePage(page);
  await app.open('compare');
  await expect(compare.columns).toHaveCount(2);
  await expect(compare.columns.first()).toContainText('Base');
  // another window renames the reference: it stays picked, first (keyed by name, the pick became Other, Base 2027)
  await plan.api('scenario-rename', { name: 'Base', to: 'Base 2027' });
  await expect(compare.columns.first()).toContainText('Base 2027');
  await expect(compare.columns.first().getByTestId('compare-reference')).toBeVisible();
  await expect(compare.columns.nth(1)).toContainText('Other');

  const tco = new TcoPage(page);
  await tco.open();
  await tco.setDiscountRate(8);
  await expect(tco.whatIfMarker).toBeVisible();
  await page.getByTestId('reopt-toggle').check();
  await page.getByTestId('reopt-time-limit').fill('5');
  await page.getByTestId('reopt-run').click();
  await expect(page.getByTestId('reopt-cancel')).toBeVisible();
  await plan.api('scenario-rename', { name: 'Base 2027', to: 'Base 2028' });
  await expect(page.getByTestId('status-scenario')).toContainText('Base 2028');
  // keyed by the name, the rename cancelled the run, cleared its cases and dropped the what-if
  await expect(tco.whatIfMarker).toBeVisible();
  await expect(page.getByTestId('reopt-cases')).toBeVisible();
  await expect(page.getByTestId('reopt-run')).toBeVisible({ timeout: 150_000 });
  await expect(page.getByTestId('reopt-row-hardware')).toContainText('+20%');
  await expect(page.getByTestId('reopt-row-hardware')).not.toContainText('cancelled');
  await expect(page.getByTestId('reopt-inputs-changed')).toHaveCount(0);
});
