// The plan report from the browser UI of `fleetplan serve`: "Export PDF…" on Results asks the
// backend for the PDF (headless Chromium on the server side) without blocking the UI, and the
// browser downloads a real PDF; "TCO tables (CSV)" downloads the TCO CSV; the report page
// itself renders the same figures and signals readiness.
import fs from 'node:fs';
import path from 'node:path';
import { buildSchedule } from '../core/schedule/schedule.ts';
import { computeTco } from '../core/tco/engine.ts';
import { formatMoney } from '../core/format.ts';
import type { PlanInput } from '../core/types.ts';
import { expect, test } from './support/fixtures.ts';
import { ROOT, type PlanServer } from './support/plan-server.ts';
import { planOf } from './support/solve.ts';

test.use({ viewport: { width: 1400, height: 900 }, colorScheme: 'light' });

async function solve(plan: PlanServer): Promise<void> {
  const { jobId } = await plan.api('optimize-start', {});
  for (let i = 0; i < 600; i++) {
    const p = await plan.api('optimize-progress', { jobId });
    if (p.state === 'failed') throw new Error(`solve failed: ${p.error?.message ?? p.message}`);
    if (p.state !== 'running' && p.planId !== undefined) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('solve did not finish');
}

test('Export PDF… and TCO CSV from Results; the report page shows the engine figures', async ({ app, page, plan }) => {
  test.setTimeout(120_000);
  await solve(plan);
  const input: PlanInput = await plan.api('plan-input', {});
  const stored = await plan.api('plan-latest', {});
  const tco = computeTco(input, planOf(stored));

  await app.open('results');
  const button = page.getByTestId('export-pdf');
  await expect(button).toBeVisible();
  const download = page.waitForEvent('download', { timeout: 90_000 });
  // from the keyboard: the focus stays on the button (a disabled button dropped it to the page's top)
  await button.focus();
  await page.keyboard.press('Enter');
  // the export runs in the background: the button says so and the rest of the UI still answers
  await expect(button).toHaveText(/Preparing PDF/);
  await expect(button).toHaveAttribute('aria-disabled', 'true');
  await expect(button).toBeFocused();
  await expect(page.getByTestId('export-report-csv')).toBeEnabled();
  const d = await download;
  expect(d.suggestedFilename()).toMatch(/\.pdf$/);
  const out = path.join(ROOT, 'test-results', 'report', 'ui-export.pdf');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  await d.saveAs(out);
  expect(fs.readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
  await expect(button).toHaveText('Export PDF…');
  await expect(button).toBeFocused();

  const csvDownload = page.waitForEvent('download');
  await page.getByTestId('export-report-csv').click();
  const csv = await csvDownload;
  expect(csv.suggestedFilename()).toMatch(/-tco\.csv$/);
  const csvText = fs.readFileSync((await csv.path())!, 'utf8');
  expect(csvText.replace(/^\uFEFF/, '').split('\n')[0]).toMatch(/^section,month/);

  // the report page itself: ready flag, headline figures exactly as formatted by core/format.ts
  const url = new URL(plan.url);
  url.pathname = '/report.html';
  await page.goto(url.toString());
  await page.waitForFunction(() => document.body.dataset['ready'] === '1' || !!document.body.dataset['error']);
  expect(await page.evaluate(() => document.body.dataset['error'] ?? null)).toBeNull();
  const text = await page.locator('.doc').innerText();
  expect(text).toContain(formatMoney(tco.totals.horizon_cost_usd));
  expect(text).toContain(formatMoney(tco.totals.capex_usd));
  for (const s of input.sites) expect(text).toContain(s.name);
  // four TCO charts, plus one capacity-against-demand chart per pool of the schedule (at most four)
  const pools = buildSchedule(input, planOf(stored), tco).pools.filter((p) => p.peak_demand_tps > 0 || p.max_owned_units > 0);
  const capacityCharts = Math.min(4, pools.length);
  expect(capacityCharts).toBeGreaterThan(0);
  await expect(page.locator('.doc canvas[aria-label^="Units owned against units needed:"]')).toHaveCount(capacityCharts);
  await expect(page.locator('.doc canvas')).toHaveCount(4 + capacityCharts);
  await expect(page.locator('[data-testid="rack-elevation"]')).not.toHaveCount(0);
});
