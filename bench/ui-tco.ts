// Bench: does the TCO view of a large phased plan keep the main thread free? The report bench's
// document grown to N workloads (three yearly periods over 36 months) is solved first (not
// timed) and served in process like `fleetplan serve` from a fresh renderer build. Headless
// Chromium, with a 'longtask' observer installed before any app code, opens TCO and waits until
// both baselines and the sensitivity tornado (computed in a worker) are shown; then it changes
// the discount rate (what-if: report here, baselines and tornado again in the worker) and the
// sensitivity range. Prints each step's long tasks (> 50 ms), a calibration line (a deliberate
// 120 ms block must show) and the load average. Prints only: the target is a figure to read.
// Run: node bench/ui-tco.ts [workloads]   (or `npm run bench -- ui-tco`); FLEETPLAN_RENDERER_DIR skips the build.
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
const LONG_MS = 50;
type Probe = { tasks: { start: number; duration: number }[] };

function rendererDir(dir: string): string {
  if (process.env.FLEETPLAN_RENDERER_DIR) return path.resolve(process.env.FLEETPLAN_RENDERER_DIR);
  const out = path.join(dir, 'renderer');
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const r = spawnSync(process.execPath, [vite, 'build', '-c', 'renderer/vite.config.ts', '--outDir', out, '--emptyOutDir', '--logLevel', 'error'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('renderer build failed');
  return out;
}

/** Runs act, waits for frames to settle, and prints the long tasks it caused. */
async function step(page: Page, label: string, act: () => Promise<void>, all: number[]): Promise<void> {
  const from = await page.evaluate(() => performance.now());
  const t0 = performance.now();
  await act();
  await page.waitForTimeout(400);
  const tasks = await page.evaluate(
    ([f, long]) => (window as unknown as { __probe: Probe }).__probe.tasks.filter((t) => t.start + t.duration > f! && t.duration > long!).map((t) => t.duration),
    [from, LONG_MS],
  );
  all.push(...tasks);
  const list = tasks.length ? ` (longest ${Math.max(...tasks).toFixed(0)} ms: ${tasks.map((t) => t.toFixed(0)).join(', ')})` : '';
  console.log(`${label.padEnd(46)} ${tasks.length} long task(s) > ${LONG_MS} ms${list}; done in ${(performance.now() - t0 - 400).toFixed(0)} ms + 400 ms settle`);
}

/** TCO fully shown: both baseline cards, the tornado, nothing "computing". */
async function tcoShown(page: Page): Promise<void> {
  await page.getByTestId('baseline-api').waitFor({ timeout: 120_000 });
  await page.getByTestId('chart-tornado').waitFor({ timeout: 120_000 });
  await page.waitForFunction(() => !document.querySelector('[data-testid="sensitivity-computing"]') && !document.querySelector('[aria-busy="true"]'), null, { timeout: 120_000 });
}

export async function main(n = Number(process.argv[2] ?? 1000) || 1000): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetplan-bench-ui-tco-'));
  const env = { ...process.env, FLEETPLAN_USER_DATA: path.join(dir, 'user-data') };
  const backend = new Backend({ userDataDir: env.FLEETPLAN_USER_DATA });
  let server: Awaited<ReturnType<typeof startHttpServer>> | null = null;
  let browser: Awaited<ReturnType<typeof chromium.launch>> | null = null;
  try {
    const staticDir = rendererDir(dir);
    const file = path.join(dir, `bench-ui-tco-${n}.fleetplan`);
    await solvedDocument(file, { workloads: n, timeLimitS: 20, env });
    backend.open(file);
    const dispatch = dispatcherFor(backend);
    const latest = await dispatch('plan-latest', {});
    if (!latest.ok || !latest.value) throw new Error('no plan was stored');
    console.log(`plan: ${n} workloads, ${latest.value.result.periods.length} periods, ${latest.value.result.assignments.length} assignments, status ${latest.value.result.status}`);
    server = await startHttpServer({ dispatch, staticDir });
    browser = await chromium.launch({ executablePath: process.env.FLEETPLAN_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.addInitScript(() => {
      const probe: Probe = { tasks: [] };
      (window as unknown as { __probe: Probe }).__probe = probe;
      new PerformanceObserver((l) => l.getEntries().forEach((e) => probe.tasks.push({ start: e.startTime, duration: e.duration }))).observe({ type: 'longtask', buffered: true });
    });
    const u = new URL(server.url);
    u.hash = '#/workloads';
    await page.goto(u.toString());
    await page.getByTestId('workloads-view').waitFor({ timeout: 60_000 });
    await page.waitForTimeout(1_000);
    const all: number[] = [];
    const cal: number[] = [];
    await step(page, 'calibration (a deliberate 120 ms block)', () => page.evaluate(() => {
      const end = performance.now() + 120;
      while (performance.now() < end) { /* busy */ }
    }), cal);
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
      `longest main-thread task: ${all.length ? `${Math.max(...all).toFixed(0)} ms` : `none over ${LONG_MS} ms`}; target none over ${LONG_MS} ms: ${all.length ? 'MISSED' : 'met'}; ` +
        `load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} on ${os.cpus().length} CPUs (a busy machine inflates every figure)`,
    );
  } finally {
    await browser?.close();
    await server?.close();
    await backend.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) await main();
