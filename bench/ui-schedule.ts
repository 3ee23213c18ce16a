// Bench: does a large phased plan render in Results without blocking the main thread? The demo
// grown to N workloads (electron/backend/report.test-helper.ts: the report bench's document,
// bought yearly over 36 months, so three periods) is solved first (not timed), then served in
// process like `fleetplan serve` from a fresh renderer build. Headless Chromium opens Results with
// a 'longtask' PerformanceObserver installed before any app code and waits until the procurement
// schedule, the capacity chart and the workload timeline are drawn; then it switches the period,
// pages the timeline, filters it, picks another pool and opens TCO (cost by plan year).
// Prints the long tasks (> 50 ms) of each step and the longest; a calibration line (a deliberate
// 120 ms block must show) and the load average say how far to trust the figures on a busy
// machine. Prints only: the target (no task over 50 ms) is a figure to read, not an assertion.
// Run: node bench/ui-schedule.ts [workloads]   (or `npm run bench -- ui-schedule`)
// FLEETPLAN_RENDERER_DIR=<built renderer> skips the build.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { dispatcherFor } from '../electron/backend/api-handlers.ts';
import { Backend } from '../electron/backend/backend.ts';
import { startHttpServer } from '../electron/backend/http-server.ts';
import { solvedDocument } from '../electron/backend/report.test-helper.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
const CHROMIUM = process.env.FLEETPLAN_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const LONG_MS = 50;

function buildRenderer(dir: string): string {
  if (process.env.FLEETPLAN_RENDERER_DIR) return path.resolve(process.env.FLEETPLAN_RENDERER_DIR);
  const out = path.join(dir, 'renderer');
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const r = spawnSync(process.execPath, [vite, 'build', '-c', 'renderer/vite.config.ts', '--outDir', out, '--emptyOutDir', '--logLevel', 'error'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0 || !fs.existsSync(path.join(out, 'index.html'))) throw new Error('renderer build failed');
  return out;
}

type Probe = { longTasks: { start: number; duration: number }[]; supported: boolean };

function installProbe(): void {
  const w = window as unknown as { __bench: Probe };
  const probe: Probe = { longTasks: [], supported: false };
  w.__bench = probe;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) probe.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
    probe.supported = PerformanceObserver.supportedEntryTypes.includes('longtask');
  } catch {
    probe.supported = false;
  }
}

const now = (page: Page) => page.evaluate(() => performance.now());
const ms = (x: number) => `${x.toFixed(1)} ms`;

/** Long tasks overlapping [from, to]. */
async function tasksIn(page: Page, from: number, to: number): Promise<number[]> {
  const p = await page.evaluate(() => (window as unknown as { __bench: Probe }).__bench);
  return p.longTasks.filter((t) => t.start < to && t.start + t.duration > from && t.duration > LONG_MS).map((t) => t.duration);
}

async function step(page: Page, label: string, act: () => Promise<void>, all: number[]): Promise<void> {
  const from = await now(page);
  const t0 = performance.now();
  await act();
  await page.waitForTimeout(400); // staged drawing finishes after frames
  const to = await now(page);
  const tasks = await tasksIn(page, from, to);
  all.push(...tasks);
  console.log(
    `${label.padEnd(44)} ${tasks.length} long task${tasks.length === 1 ? '' : 's'} > ${LONG_MS} ms${tasks.length ? ` (longest ${ms(Math.max(...tasks))}: ${tasks.map((t) => t.toFixed(0)).join(', ')})` : ''}; done in ${ms(performance.now() - t0 - 400)} + 400 ms settle`,
  );
}

export async function main(n = Number(process.argv[2] ?? 1000) || 1000): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetplan-bench-ui-schedule-'));
  const env = { ...process.env, FLEETPLAN_USER_DATA: path.join(dir, 'user-data') };
  let server: Awaited<ReturnType<typeof startHttpServer>> | null = null;
  let browser: Awaited<ReturnType<typeof chromium.launch>> | null = null;
  const backend = new Backend({ userDataDir: env.FLEETPLAN_USER_DATA });
  try {
    const staticDir = buildRenderer(dir);
    const file = path.join(dir, `bench-ui-schedule-${n}.fleetplan`);
    let t = performance.now();
    await solvedDocument(file, { workloads: n, timeLimitS: 20, env });
    const solveS = (performance.now() - t) / 1000;
    backend.open(file);
    const dispatch = dispatcherFor(backend);
    const latest = await dispatch('plan-latest', {});
    if (!latest.ok || !latest.value) throw new Error('no plan was stored');
    const plan = latest.value.result;
    const moved = new Set(plan.assignments.map((a) => `${a.workload}|${a.option}|${a.site ?? ''}`)).size - new Set(plan.assignments.map((a) => a.workload)).size;
    console.log(
      `plan: ${n} workloads, ${plan.periods.length} periods, ${plan.assignments.length} assignments, ${plan.purchases.length} purchases, ` +
        `${plan.pools.length} pool rows, status ${plan.status}; ${moved} workload placements change between periods (made and solved in ${solveS.toFixed(1)} s, not counted)`,
    );
    server = await startHttpServer({ dispatch, staticDir });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.addInitScript(installProbe);
    const u = new URL(server.url);
    u.hash = '#/workloads';
    await page.goto(u.toString());
    await page.getByTestId('workloads-view').waitFor({ timeout: 60_000 });
    await page.waitForTimeout(1_000);
    const supported = await page.evaluate(() => (window as unknown as { __bench: Probe }).__bench.supported);
    if (!supported) console.log('warning: this Chromium reports no longtask entries; the figures below mean nothing');

    // calibration: a deliberate 120 ms block must show up as one long task
    const calFrom = await now(page);
    await page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          setTimeout(() => {
            const end = performance.now() + 120;
            while (performance.now() < end) {
              /* busy */
            }
            setTimeout(resolve, 100);
          }, 50);
        }),
    );
    await page.waitForTimeout(300);
    const cal = await tasksIn(page, calFrom, await now(page));
    console.log(`calibration (a 120 ms block)                 ${cal.length} long task(s)${cal.length ? `, ${ms(Math.max(...cal))}` : ''}`);

    const all: number[] = [];
    t = performance.now();
    await step(page, 'open Results (schedule, chart, timeline)', async () => {
      await page.getByTestId('nav-results').click();
      await page.getByTestId('timeline-table').waitFor({ timeout: 60_000 });
      await page.getByTestId('chart-capacity').waitFor({ timeout: 60_000 });
    }, all);
    await step(page, 'pick the last period', async () => {
      const options = await page.getByTestId('period-select').locator('option').count();
      await page.getByTestId('period-select').selectOption({ index: options - 1 });
    }, all);
    await step(page, 'timeline: next page', async () => {
      await page.getByRole('button', { name: 'Next page' }).click();
    }, all);
    await step(page, 'timeline: sort by moves', async () => {
      await page.getByTestId('timeline-table').getByRole('button', { name: /Moves/ }).click();
    }, all);
    await step(page, 'timeline: filter "support"', async () => {
      await page.getByTestId('timeline-filter').fill('support');
    }, all);
    await step(page, 'capacity: pick the second pool', async () => {
      if ((await page.getByTestId('pool-picker').locator('option').count()) > 1) await page.getByTestId('pool-picker').selectOption({ index: 1 });
    }, all);
    await step(page, 'open TCO (cost by plan year)', async () => {
      await page.getByTestId('nav-tco').click();
      await page.getByTestId('plan-years').waitFor({ timeout: 60_000 });
    }, all);
    console.log(
      `longest main-thread task over all steps: ${all.length ? ms(Math.max(...all)) : `none over ${LONG_MS} ms`}; ` +
        `target none over ${LONG_MS} ms: ${all.length ? 'MISSED' : 'met'}; load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} (a busy machine inflates every figure)`,
    );
  } finally {
    await browser?.close();
    await server?.close();
    await backend.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  await main();
}
