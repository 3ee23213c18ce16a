// Bench: does the TCO view of a large phased plan keep the main thread free? The report bench's
// document grown to N workloads (three yearly periods over 36 months) is solved first (not
// timed), with a second scenario solved the same way (hardware −20 %/yr, cloud −10 %/yr) for Compare, and
// served like `fleetplan serve` (bench/support/browser-bench.ts). Chromium opens TCO and waits
// until the report, both baselines and the sensitivity tornado (computed in a worker) are shown;
// then each what-if (both price trends, the horizon slider, the discount rate), the monthly view
// without month 0, the sensitivity range, and Compare of the two scenarios. Prints each step's
// long tasks (> 50 ms), the app's performance measures over 20 ms (each chart's set-up and draws,
// the view's stages), the calibration line and the load average; FLEETPLAN_BENCH_PROFILE=1
// adds a CPU profile per step. Prints only: the target is a figure to read.
// FLEETPLAN_BENCH_TRACE=1 prints what each long task is made of (script, style, layout, GC: a Chromium trace).
// FLEETPLAN_BENCH_DOC=<file> keeps the solved document there and reuses it on the next run (the
// solves take minutes; a timed run then holds the bench lock only for the browser steps).
// BENCH_ONLY=open stops after opening TCO (a short timed run under the bench lock).
// Run: node bench/ui-tco.ts [workloads]   (or `npm run bench -- ui-tco`); FLEETPLAN_RENDERER_DIR skips the build.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { cli, solvedDocument } from '../electron/backend/report.test-helper.ts';
import { browserBench, calibrate, cpuYardstick, LONG_MS, loadAverage, longTasksIn, measuresIn, ms, pageNow, probe, profileStep, traceStep } from './support/browser-bench.ts';

/** Runs act, waits for frames to settle, and prints the long tasks it caused. */
async function step(page: Page, label: string, act: () => Promise<void>, all: number[], longest: number[]): Promise<void> {
  const stop = await profileStep(page, label);
  const stopTrace = await traceStep(page, label);
  const from = await pageNow(page);
  const t0 = performance.now();
  await act();
  await page.waitForTimeout(400);
  const to = await pageNow(page);
  const tasks = longTasksIn(await probe(page), from, to).map((t) => t.duration);
  const staged = await measuresIn(page, from, to);
  await stop();
  // the trace's longest task (any length); the longtask observer's when the trace saw none
  const traced = await stopTrace();
  all.push(...tasks);
  const top = Math.max(traced ?? 0, ...tasks);
  longest.push(top);
  const list = tasks.length ? ` (${tasks.map((t) => t.toFixed(0)).join(', ')})` : '';
  console.log(`${label.padEnd(46)} longest ${ms(top)}; ${tasks.length} over ${LONG_MS} ms${list}; done in ${ms(performance.now() - t0 - 400)} + 400 ms settle`);
  if (staged) console.log(`  measures over 20 ms: ${staged}`);
}

/** TCO fully shown: the report, both baseline cards, the tornado, nothing "computing" or "updating". */
async function tcoShown(page: Page): Promise<void> {
  await page.getByTestId('kpi-horizon-cost').waitFor({ timeout: 120_000 });
  await page.getByTestId('baseline-api').waitFor({ timeout: 120_000 });
  await page.getByTestId('chart-tornado').waitFor({ timeout: 120_000 });
  await page.waitForFunction(
    () => !document.querySelector('[data-testid="sensitivity-computing"]') && !document.querySelector('[data-testid="tco-updating"]') && !document.querySelector('[aria-busy="true"]'),
    null,
    { timeout: 120_000 },
  );
}

/** A what-if typed into an assumption field, then TCO shown again for it. */
async function whatIf(page: Page, testId: string, value: string): Promise<void> {
  await page.getByTestId(testId).fill(value);
  await page.waitForTimeout(300); // the baselines and tornado follow once the input settles
  await tcoShown(page);
}

/** A second scenario of the same document, solved through the `fleetplan` verbs: falling prices against the first one's flat prices. */
async function secondScenario(file: string, name: string, env: NodeJS.ProcessEnv): Promise<void> {
  const run = async (args: string[]) => {
    const r = await cli(args, env);
    if (r.code !== 0) throw new Error(`fleetplan ${args.join(' ')} failed (exit ${r.code}): ${[...r.out, ...r.err].join('\n')}`);
    return r.out;
  };
  const first = (await run(['scenario', file, 'list'])).find((l) => l.startsWith('*'))?.slice(2).split('\t')[0];
  if (!first) throw new Error('no active scenario');
  await run(['scenario', file, 'new', name, '--from', first]);
  await run(['scenario', file, 'use', name]);
  await run(['set', file, 'hardware_price_change_pct_per_year=-20', 'cloud_price_change_pct_per_year=-10']);
  await run(['optimize', file, '--time-limit', '20']);
  await run(['scenario', file, 'use', first]);
}

export async function main(n = Number(process.argv[2] ?? 1000) || 1000): Promise<void> {
  const bench = browserBench('ui-tco');
  try {
    const kept = process.env.FLEETPLAN_BENCH_DOC ? path.resolve(process.env.FLEETPLAN_BENCH_DOC) : null;
    const file = path.join(bench.dir, `bench-ui-tco-${n}.fleetplan`);
    const env = { ...process.env, FLEETPLAN_USER_DATA: path.join(bench.dir, 'user-data') };
    if (kept && fs.existsSync(kept)) fs.copyFileSync(kept, file);
    else {
      await solvedDocument(file, { workloads: n, timeLimitS: 20, env });
      await secondScenario(file, 'Falling prices', env);
      if (kept) fs.copyFileSync(file, kept);
    }
    bench.backend.open(file);
    const latest = await bench.api('plan-latest', {});
    if (!latest) throw new Error('no plan was stored');
    console.log(`plan: ${n} workloads, ${latest.result.periods.length} periods, ${latest.result.assignments.length} assignments, status ${latest.result.status}; a second scenario "Falling prices" solved for Compare`);
    const page = await bench.open('#/workloads');
    await page.getByTestId('workloads-view').waitFor({ timeout: 60_000 });
    await page.waitForTimeout(1_000);
    const cal = await calibrate(page);
    const calTasks = longTasksIn(await probe(page), cal.from, cal.to).map((t) => t.duration);
    console.log(`calibration (a 120 ms block)                   ${calTasks.length} long task(s)${calTasks.length ? `, ${ms(Math.max(...calTasks))}` : ''}; yardstick (sort 200k numbers) ${ms(await cpuYardstick(page))}`);
    const all: number[] = [];
    const longest: number[] = [];
    await step(page, 'open TCO (report, baselines, tornado)', async () => {
      await page.getByTestId('nav-tco').click();
      await tcoShown(page);
    }, all, longest);
    if (process.env.BENCH_ONLY === 'open') {
      console.log(`open TCO only (BENCH_ONLY=open); load average ${loadAverage()}`);
      return;
    }
    await step(page, 'what-if: hardware price trend −20 %/yr', () => whatIf(page, 'hw-trend-input', '-20'), all, longest);
    await step(page, 'what-if: cloud price trend −10 %/yr', () => whatIf(page, 'cloud-trend-input', '-10'), all, longest);
    await step(page, 'what-if: horizon slider to 30 months', async () => {
      // a range input cannot be typed into: set it as a drag would, one input event per step
      await page.getByTestId('horizon-range').evaluate((el: HTMLInputElement) => {
        for (let v = Number(el.value) - 1; v >= 30; v--) {
          el.value = String(v);
          el.dispatchEvent(new Event('input', { bubbles: true }));
        }
      });
      await page.waitForTimeout(300);
      await tcoShown(page);
    }, all, longest);
    await step(page, 'what-if: discount rate 9 %', () => whatIf(page, 'discount-input', '9'), all, longest);
    await step(page, 'monthly view without the purchase month', async () => {
      await page.getByTestId('hide-month0').check();
      await tcoShown(page);
    }, all, longest);
    await step(page, 'sensitivity range ±10 %', async () => {
      await page.getByTestId('sensitivity-pct').selectOption('10');
      await tcoShown(page);
    }, all, longest);
    await step(page, 'open Compare (two scenarios)', async () => {
      await page.getByTestId('nav-compare').click();
      await page.getByTestId('compare-table').locator('tbody tr').first().waitFor({ timeout: 120_000 });
      await page.getByTestId('compare-schedule').nth(1).waitFor({ timeout: 120_000 });
    }, all, longest);
    console.log(
      `longest main-thread task over all steps: ${ms(Math.max(0, ...longest))}; ${all.length} over ${LONG_MS} ms; ${longest.filter((x) => x > 40).length} step(s) over 40 ms; target none over ${LONG_MS} ms: ${all.length ? 'MISSED' : 'met'}; ` +
        `load average ${loadAverage()} (a busy machine inflates every figure)`,
    );
  } finally {
    await bench.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) await main();
