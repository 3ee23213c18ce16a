// Plan history in Results: after an infeasible re-run the last feasible plan is kept and offered
// with "Show it"; shown, the view says it is an earlier plan, exports it (CSV and PDF), and leads
// back to the latest.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { formatDateTimeUtc } from '../core/format.ts';
import { AppPage } from './pages/app-page.ts';
import { expect, test } from './support/fixtures.ts';
import { startPlanServer } from './support/plan-server.ts';
import { runViaApi, solveViaApi } from './support/solve.ts';

test('an infeasible re-run keeps the last feasible plan, which Results can show', async ({ app, plan }) => {
  const good = await solveViaApi(plan);
  expect(['optimal', 'time_limit']).toContain(good.status);
  // a total budget of $1 with every workload to be served: no plan exists
  await plan.api('settings-set', { patch: { total_budget_usd: 1, unserved_penalty_usd_per_month: null } });
  const bad = (await runViaApi(plan)).result;
  expect(['infeasible', 'no_plan']).toContain(bad.status);

  await app.open('results');
  const history = app.page.getByTestId('plan-history');
  await expect(history.getByTestId('plan-history-row')).toHaveCount(2);
  await expect(history.getByTestId('plan-history-kept')).toContainText('The last feasible plan');
  await history.getByTestId('plan-history-show-feasible').click();
  await expect(history.getByTestId('plan-history-older')).toBeVisible();
  await expect(app.page.getByTestId('plan-summary').getByTestId('plan-status')).toHaveAttribute('data-status', good.status);
  // its exports cost the plan shown: they said "the latest plan of scenario Base is infeasible"
  const kept = (await plan.api('plan-history', {})).find((h) => h.status === good.status)!;
  const [csv] = await Promise.all([app.page.waitForEvent('download'), app.page.getByTestId('export-report-csv').click()]);
  const text = fs.readFileSync(await csv.path(), 'utf8');
  // (the solve time as people read it: '7 Dec 2026, 21:29 UTC')
  expect(text).toContain(`plan #${kept.id} solved ${formatDateTimeUtc(kept.solvedAt)}: an earlier plan of its history, not the latest`);
  const [pdf] = await Promise.all([app.page.waitForEvent('download', { timeout: 120_000 }), app.page.getByTestId('export-pdf').click()]);
  expect(fs.readFileSync(await pdf.path()).subarray(0, 5).toString()).toBe('%PDF-');
  // ...and says it is an earlier plan, as the CSV does (it read as the scenario's plan)
  const pdfText = spawnSync('pdftotext', ['-layout', await pdf.path(), '-'], { encoding: 'utf8' });
  if (pdfText.status === 0) expect(pdfText.stdout.replace(/\s+/g, ' ')).toContain('An earlier plan of this scenario, not its latest run');
  else console.warn('[plan-history] pdftotext not installed: the PDF text is not checked (apt-get install -y poppler-utils)');
  await expect(app.toast(/PDF plan ready/)).toBeVisible();
  // the desktop's File › Export PDF… prints the plan shown: the window marks it (electron/main reads
  // the mark and loads report.html?plan=ID, which reports that plan; it printed the latest run)
  await expect(app.page.locator('body')).toHaveAttribute('data-shown-plan', String(kept.id));
  const reportPage = await app.page.context().newPage();
  const url = new URL(plan.url);
  url.pathname = '/report.html';
  url.searchParams.set('plan', String(kept.id));
  await reportPage.goto(url.toString());
  await reportPage.waitForFunction(() => document.body.dataset['ready'] === '1' || !!document.body.dataset['error']);
  expect(await reportPage.evaluate(() => document.body.dataset['error'] ?? null)).toBeNull();
  await expect(reportPage.getByTestId('older-plan-banner')).toBeVisible();
  await reportPage.close();
  await history.getByTestId('plan-history-latest').click();
  await expect(app.page.getByTestId('plan-summary').getByTestId('plan-status')).toHaveAttribute('data-status', bad.status);
  await expect(app.page.locator('body')).not.toHaveAttribute('data-shown-plan', /.*/);
});

test('a plan picked in the history before the document\'s path is known stays shown once it is', async ({ app, plan, page }) => {
  const good = await solveViaApi(plan);
  await plan.api('settings-set', { patch: { total_budget_usd: 1, unserved_penalty_usd_per_month: null } });
  expect(['infeasible', 'no_plan']).toContain((await runViaApi(plan)).result.status);
  // the document's info (its path) answers only once released
  let release = (): void => undefined;
  const held = new Promise<void>((r) => (release = r));
  await page.route('**/api/document-info', async (route) => {
    await held;
    await route.continue();
  });
  const url = new URL(plan.url);
  url.hash = '#/results';
  await page.goto(url.toString());
  const history = page.getByTestId('plan-history');
  const status = page.getByTestId('plan-summary').getByTestId('plan-status');
  await history.getByTestId('plan-history-show-feasible').click();
  await expect(history.getByTestId('plan-history-older')).toBeVisible();
  await expect(page.getByTestId('status-file')).toContainText('—');
  release();
  await app.waitLoaded();
  // the next load (another run stored): the plan picked is still the one shown, not the latest
  expect(['infeasible', 'no_plan']).toContain((await runViaApi(plan)).result.status);
  await expect(history.getByTestId('plan-history-row')).toHaveCount(3);
  await expect(history.getByTestId('plan-history-older')).toBeVisible();
  await expect(status).toHaveAttribute('data-status', good.status);
});

test('an older plan shown in one document is not taken for the plan of that id in the next document opened', async ({ page }) => {
  const server = await startPlanServer({ demo: true, documents: true });
  try {
    const app = new AppPage(page, server.url);
    // a feasible plan, then an infeasible run: plans 1 and 2, in this document and in a copy of it
    const good = await solveViaApi(server);
    await server.api('settings-set', { patch: { total_budget_usd: 1, unserved_penalty_usd_per_month: null } });
    const bad = (await runViaApi(server)).result;
    await server.api('document-save-as', { path: 'copy.fleetplan' });
    await server.api('document-open', { path: 'e2e.fleetplan' });

    await app.open('results');
    const history = page.getByTestId('plan-history');
    const status = page.getByTestId('plan-summary').getByTestId('plan-status');
    await history.getByTestId('plan-history-show-feasible').click();
    await expect(history.getByTestId('plan-history-older')).toBeVisible();
    await expect(status).toHaveAttribute('data-status', good.status);

    // another document (here opened by another window): it shows its own latest plan; the id picked
    // in the first named a plan of this one too, which it showed as "an earlier plan"
    await server.api('document-open', { path: 'copy.fleetplan' });
    await expect(page.locator('body')).not.toHaveAttribute('data-shown-plan', /.*/);
    await expect(history.getByTestId('plan-history-older')).toHaveCount(0);
    await expect(status).toHaveAttribute('data-status', bad.status);
  } finally {
    await server.stop();
  }
});
