// Bench: does a large phased plan render in Results without blocking the main thread? The demo
// grown to N workloads (electron/backend/report.test-helper.ts: the report bench's document,
// bought yearly over 36 months, so three periods) is solved first (not timed), then served in
// process like `fleetplan serve` from a fresh renderer build (bench/support/browser-bench.ts).
// Headless Chromium opens Results and waits until the procurement schedule, the capacity chart,
// the workload timeline and the assignment table are drawn; then it switches the period, pages
// the timeline, sorts and filters it, scrolls the assignment table to its end, picks another pool;
// then every other view a user opens with the plan loaded: the rack elevations of each period,
// Workloads (filter, delete and undo: the plan goes stale), Sites, Catalog, Settings, back to
// Results, and TCO (cost by plan year). Prints the longest main-thread task of each step (of any
// length: a light Chromium trace, since the longtask observer sees only those over 50 ms) and the
// count over 50 ms; a calibration line (a deliberate 120 ms block must show) and the load average
// say how far to trust the figures on a busy machine. Prints only: the target (no task over 50 ms) is
// a figure to read, not an assertion.
// Run: node bench/ui-schedule.ts [workloads]   (or `npm run bench -- ui-schedule`)
// FLEETPLAN_RENDERER_DIR=<built renderer> skips the build; FLEETPLAN_BENCH_DOC=<file> keeps the
// solved document there and reuses it on the next run (same N); FLEETPLAN_BENCH_PROFILE=1 (or a
// part of a step's label: only those steps) prints
// where each step's main-thread time goes (an unminified build, the sampling profiler);
// FLEETPLAN_BENCH_TRACE=1 prints what each long task is made of (script, style, layout, GC: a Chromium trace).
// BENCH_ONLY=tco runs only "open Results" and "open TCO" (a short timed run).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { solvedDocument } from '../electron/backend/report.test-helper.ts';
import { browserBench, calibrate, cpuYardstick, LONG_MS, loadAverage, longTasksIn, measuresIn, ms, pageNow, probe, profileStep, traceStep } from './support/browser-bench.ts';

async function step(page: Page, label: string, act: () => Promise<void>, all: number[], longest: number[]): Promise<void> {
  const from = await pageNow(page);
  const stop = await profileStep(page, label);
  const stopTrace = await traceStep(page, label);
  const t0 = performance.now();
  await act();
  await page.waitForTimeout(400); // staged drawing finishes after frames
  const elapsed = performance.now() - t0 - 400;
  const to = await pageNow(page);
  const tasks = longTasksIn(await probe(page), from, to).map((t) => t.duration);
  all.push(...tasks);
  const staged = await measuresIn(page, from, to);
  await stop();
  // the trace's longest task (any length); the longtask observer's when the trace saw none
  const traced = await stopTrace();
  const top = Math.max(traced ?? 0, ...tasks);
  longest.push(top);
  console.log(
    `${label.padEnd(44)} longest ${ms(top).padEnd(9)}; ${tasks.length} over ${LONG_MS} ms${tasks.length ? ` (${tasks.map((t) => t.toFixed(0)).join(', ')})` : ''}; done in ${ms(elapsed)} + 400 ms settle`,
  );
  if (staged) console.log(`  stages over 20 ms: ${staged}`);
}

/** The solved N-workload document at `file`: a kept copy (FLEETPLAN_BENCH_DOC) or made and solved now. */
async function documentAt(file: string, n: number, env: NodeJS.ProcessEnv): Promise<string> {
  const kept = process.env.FLEETPLAN_BENCH_DOC ? path.resolve(`${process.env.FLEETPLAN_BENCH_DOC}.${n}`) : null;
  if (kept && fs.existsSync(kept)) {
    fs.copyFileSync(kept, file);
    return 'a kept copy';
  }
  const t = performance.now();
  await solvedDocument(file, { workloads: n, timeLimitS: 20, env });
  if (kept) fs.copyFileSync(file, kept);
  return `made and solved in ${((performance.now() - t) / 1000).toFixed(1)} s, not counted`;
}

export async function main(n = Number(process.argv[2] ?? 1000) || 1000): Promise<void> {
  const bench = browserBench('ui-schedule');
  try {
    const file = path.join(bench.dir, `bench-ui-schedule-${n}.fleetplan`);
    const made = await documentAt(file, n, { ...process.env, FLEETPLAN_USER_DATA: path.join(bench.dir, 'user-data') });
    bench.backend.open(file);
    const latest = await bench.api('plan-latest', {});
    if (!latest) throw new Error('no plan was stored');
    const plan = latest.result;
    const moved = new Set(plan.assignments.map((a) => `${a.workload}|${a.option}|${a.site ?? ''}`)).size - new Set(plan.assignments.map((a) => a.workload)).size;
    console.log(
      `plan: ${n} workloads, ${plan.periods.length} periods, ${plan.assignments.length} assignments, ${plan.purchases.length} purchases, ` +
        `${plan.pools.length} pool rows, status ${plan.status}; ${moved} workload placements change between periods (${made})`,
    );
    const page = await bench.open('#/workloads');
    await page.getByTestId('workloads-view').waitFor({ timeout: 60_000 });
    await page.waitForTimeout(1_000);
    if (!(await probe(page)).longTaskSupported) console.log('warning: this Chromium reports no longtask entries; the figures below mean nothing');

    const stopCal = await traceStep(page, 'calibration');
    const cal = await calibrate(page);
    const calTraced = await stopCal();
    const calTasks = longTasksIn(await probe(page), cal.from, cal.to).map((t) => t.duration);
    console.log(
      `calibration (a 120 ms block)                 ${calTasks.length} long task(s)${calTasks.length ? `, ${ms(Math.max(...calTasks))}` : ''}; traced ${calTraced == null ? 'nothing' : ms(calTraced)}; ` +
        `yardstick (sorting 200,000 numbers) ${ms(await cpuYardstick(page))}, load average ${loadAverage()}`,
    );
    const all: number[] = [];
    const longest: number[] = [];
    await step(page, 'open Results (schedule, chart, timeline)', async () => {
      await page.getByTestId('nav-results').click();
      await page.getByTestId('timeline-table').waitFor({ timeout: 60_000 });
      await page.getByTestId('chart-capacity').waitFor({ timeout: 60_000 });
      await page.getByTestId('assignment-table').waitFor({ timeout: 60_000 });
    }, all, longest);
    // BENCH_ONLY=tco: Results, then TCO at once (a short timed run under the bench lock)
    if (process.env.BENCH_ONLY !== 'tco') {
      await step(page, 'pick the last period', async () => {
        const options = await page.getByTestId('period-select').locator('option').count();
        await page.getByTestId('period-select').selectOption({ index: options - 1 });
      }, all, longest);
      await step(page, 'timeline: next page', async () => {
        // CSS, not roles: Playwright's accessible-name search runs on the page's main thread
        await page.locator('button[aria-label="Next page"]').click();
      }, all, longest);
      await step(page, 'timeline: sort by moves', async () => {
        await page.getByTestId('timeline-table').locator('th[aria-sort] button').last().click();
      }, all, longest);
      await step(page, 'timeline: filter "support"', async () => {
        await page.getByTestId('timeline-filter').fill('support');
      }, all, longest);
      await step(page, 'assignments: scroll to the last row', async () => {
        // the table is its own scroller (renderer/lib/components/DataTable.svelte)
        await page.getByTestId('assignment-table').evaluate((el) => (el.scrollTop = el.scrollHeight));
      }, all, longest);
      await step(page, 'assignments: filter "support"', async () => {
        await page.locator('input[aria-label="Filter assignments"]').fill('support');
      }, all, longest);
      await step(page, 'capacity: pick the second pool', async () => {
        if ((await page.getByTestId('pool-picker').locator('option').count()) > 1) await page.getByTestId('pool-picker').selectOption({ index: 1 });
      }, all, longest);
      // every other view a user opens with this plan loaded
      for (let k = 0; k < 3; k++) {
        await step(page, `rack elevations of period ${k + 1}`, async () => {
          const options = await page.getByTestId('period-select').locator('option').count();
          await page.getByTestId('period-select').selectOption({ index: Math.min(k, options - 1) });
          await page.getByTestId('rack-elevations').evaluate((el) => el.scrollIntoView());
        }, all, longest);
      }
      await step(page, 'open Workloads (1,000 rows)', async () => {
        await page.getByTestId('nav-workloads').click();
        await page.getByTestId('workload-table').waitFor({ timeout: 60_000 });
      }, all, longest);
      await step(page, 'workloads: filter "support"', async () => {
        await page.getByTestId('workload-filter').fill('support');
      }, all, longest);
      await step(page, 'workloads: delete one (the plan goes stale)', async () => {
        await page.getByTestId('workload-table').locator('.body [role="row"]').first().click();
        await page.getByTestId('workload-delete').click();
        await page.getByTestId('toast').getByRole('button', { name: 'Undo' }).waitFor({ timeout: 60_000 });
      }, all, longest);
      await step(page, 'workloads: undo the delete', async () => {
        await page.getByTestId('toast').getByRole('button', { name: 'Undo' }).click();
        await page.getByTestId('toast').filter({ hasText: 'Restored' }).waitFor({ timeout: 60_000 });
      }, all, longest);
      await step(page, 'open Sites', async () => {
        await page.getByTestId('nav-sites').click();
        await page.getByTestId('sites-view').waitFor({ timeout: 60_000 });
      }, all, longest);
      await step(page, 'open Catalog', async () => {
        await page.getByTestId('nav-catalog').click();
        await page.getByTestId('catalog-view').waitFor({ timeout: 60_000 });
      }, all, longest);
      await step(page, 'open Settings', async () => {
        await page.getByTestId('nav-settings').click();
        await page.getByTestId('settings-view').waitFor({ timeout: 60_000 });
      }, all, longest);
      await step(page, 'back to Results (stale plan)', async () => {
        await page.getByTestId('nav-results').click();
        await page.getByTestId('assignment-table').waitFor({ timeout: 60_000 });
      }, all, longest);
    }
    await step(page, 'open TCO (cost by plan year; the TCO view)', async () => {
      await page.getByTestId('nav-tco').click();
      await page.getByTestId('plan-years').waitFor({ timeout: 60_000 });
    }, all, longest);
    console.log(
      `longest main-thread task over all steps: ${ms(Math.max(0, ...longest))}; ${all.length} over ${LONG_MS} ms; ${longest.filter((x) => x > 40).length} step(s) over 40 ms; ` +
        `target none over ${LONG_MS} ms: ${all.length ? 'MISSED' : 'met'}; load average ${loadAverage()} (a busy machine inflates every figure)`,
    );
  } finally {
    await bench.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  await main();
}
