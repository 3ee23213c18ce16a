// Bench: does the TCO view of a large phased plan keep the main thread free? The report bench's
// document grown to N workloads (three yearly periods over 36 months) is solved first (not
// timed) and served like `fleetplan serve` (bench/support/browser-bench.ts). Chromium opens TCO
// and waits until both baselines and the sensitivity tornado (computed in a worker) are shown;
// then it changes the discount rate (what-if: the report here, baselines and tornado again in
// the worker) and the sensitivity range. Prints each step's long tasks (> 50 ms), the
// calibration line and the load average. Prints only: the target is a figure to read.
// Run: node bench/ui-tco.ts [workloads]   (or `npm run bench -- ui-tco`); FLEETPLAN_RENDERER_DIR skips the build.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { solvedDocument } from '../electron/backend/report.test-helper.ts';
import { browserBench, calibrate, LONG_MS, loadAverage, longTasksIn, ms, pageNow, probe } from './support/browser-bench.ts';

/** Runs act, waits for frames to settle, and prints the long tasks it caused. */
async function step(page: Page, label: string, act: () => Promise<void>, all: number[]): Promise<void> {
  const from = await pageNow(page);
  const t0 = performance.now();
  await act();
  await page.waitForTimeout(400);
  const tasks = longTasksIn(await probe(page), from, await pageNow(page)).map((t) => t.duration);
  all.push(...tasks);
  const list = tasks.length ? ` (${tasks.map((t) => t.toFixed(0)).join(', ')})` : '';
  console.log(`${label.padEnd(46)} longest ${tasks.length ? ms(Math.max(...tasks)) : `≤ ${LONG_MS} ms`}; ${tasks.length} over ${LONG_MS} ms${list}; done in ${ms(performance.now() - t0 - 400)} + 400 ms settle`);
}

/** TCO fully shown: both baseline cards, the tornado, nothing "computing". */
async function tcoShown(page: Page): Promise<void> {
  await page.getByTestId('baseline-api').waitFor({ timeout: 120_000 });
  await page.getByTestId('chart-tornado').waitFor({ timeout: 120_000 });
  await page.waitForFunction(() => !document.querySelector('[data-testid="sensitivity-computing"]') && !document.querySelector('[aria-busy="true"]'), null, { timeout: 120_000 });
}

export async function main(n = Number(process.argv[2] ?? 1000) || 1000): Promise<void> {
  const bench = browserBench('ui-tco');
  try {
    const file = path.join(bench.dir, `bench-ui-tco-${n}.fleetplan`);
    await solvedDocument(file, { workloads: n, timeLimitS: 20, env: { ...process.env, FLEETPLAN_USER_DATA: path.join(bench.dir, 'user-data') } });
    bench.backend.open(file);
    const latest = await bench.api('plan-latest', {});
    if (!latest) throw new Error('no plan was stored');
    console.log(`plan: ${n} workloads, ${latest.result.periods.length} periods, ${latest.result.assignments.length} assignments, status ${latest.result.status}`);
    const page = await bench.open('#/workloads');
    await page.getByTestId('workloads-view').waitFor({ timeout: 60_000 });
    await page.waitForTimeout(1_000);
    const cal = await calibrate(page);
    const calTasks = longTasksIn(await probe(page), cal.from, cal.to).map((t) => t.duration);
    console.log(`calibration (a 120 ms block)                   ${calTasks.length} long task(s)${calTasks.length ? `, ${ms(Math.max(...calTasks))}` : ''}`);
    const all: number[] = [];
    await step(page, 'open TCO (report, baselines, tornado)', async () => {
      await page.getByTestId('nav-tco').click();
      await tcoShown(page);
    }, all);
    await step(page, 'what-if: discount rate 9 %', async () => {
      await page.getByTestId('discount-input').fill('9');
      await page.waitForTimeout(300); // the baselines and tornado follow once the input settles
      await tcoShown(page);
    }, all);
    await step(page, 'sensitivity range ±10 %', async () => {
      await page.getByTestId('sensitivity-pct').selectOption('10');
      await tcoShown(page);
    }, all);
    console.log(
      `longest main-thread task: ${all.length ? ms(Math.max(...all)) : `none over ${LONG_MS} ms`}; target none over ${LONG_MS} ms: ${all.length ? 'MISSED' : 'met'}; ` +
        `load average ${loadAverage()} (a busy machine inflates every figure)`,
    );
  } finally {
    await bench.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) await main();
