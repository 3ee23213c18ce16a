// Bench: does the UI stay responsive while a solve runs? A demo document (default catalog, demo
// sites) grown by ~1,000 generated workloads (bench/optimizer.ts's generator, demand scaled to
// the demo sites, added with 'workload-restore'), time limit 10 s, served in process like `fleetplan serve` (HTTP server +
// solver in a worker thread) from a fresh renderer build in a temp folder. Headless Chromium opens
// Results with a 'longtask' PerformanceObserver, a requestAnimationFrame loop (frame gaps) and a
// resource-timing observer installed before navigation, clicks Optimize and waits for the plan.
// Prints: solve wall time, long tasks (> 50 ms) during the solve and the longest, max and p95 frame
// gap, optimize-progress latency (max/median) — and the same for the "solve done → plan shown"
// render, plus a calibration line (a deliberate 120 ms block must show up) and an idle baseline
// (same page, no solve: the machine's own noise). Prints only; the
// target (nothing over 50 ms) is a figure to read, not an assertion.
// Run: node bench/ui-during-solve.ts [workloads] [time limit s]   (or `npm run bench -- ui-during-solve`)
// FLEETPLAN_RENDERER_DIR=<built renderer> skips the build.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import type { ApiArgs, ApiName, ApiResults, SolveProgress } from '../core/api.ts';
import type { Workload } from '../core/types.ts';
import { dispatcherFor } from '../electron/backend/api-handlers.ts';
import { Backend } from '../electron/backend/backend.ts';
import { startHttpServer } from '../electron/backend/http-server.ts';
import { createOptimizer } from '../electron/cli/api-client.ts';
import { generateScenario } from './optimizer.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
const CHROMIUM = process.env.FLEETPLAN_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const LONG_MS = 50;
const IDLE_MS = 3_000;

/** A fresh renderer build in `dir` (the checkout's out/renderer may be stale or mid-rebuild). */
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

/** bench/optimizer.ts's workloads, demand ÷ 20: its sites grow with N (≈ 40× at 1,000), the two
 *  demo sites do not — unscaled, some workloads fit nowhere and the "solve" is an instant
 *  infeasible verdict; scaled, 1,000 workloads use the whole 10 s limit. */
function generatedWorkloads(n: number): Workload[] {
  return generateScenario(n, 7 + n).workloads.map((w) => ({ ...w, avg_output_tps: Math.max(1, Math.round(w.avg_output_tps / 20)) }));
}

// In the page, before any app code: long tasks, frame gaps, optimize-progress timings. Plain
// JS data on window.__bench; the window of interest is cut out afterwards by timestamps.
type BenchProbe = {
  longTasks: { start: number; duration: number }[];
  frames: number[]; // rAF timestamps
  progress: { start: number; end: number; duration: number }[];
  longTaskSupported: boolean;
};

function installProbe(): void {
  const w = window as unknown as { __bench: BenchProbe };
  const probe: BenchProbe = { longTasks: [], frames: [], progress: [], longTaskSupported: false };
  w.__bench = probe;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) probe.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
    probe.longTaskSupported = PerformanceObserver.supportedEntryTypes.includes('longtask');
  } catch {
    probe.longTaskSupported = false;
  }
  new PerformanceObserver((list) => {
    for (const e of list.getEntries() as PerformanceResourceTiming[]) {
      if (e.name.includes('/api/optimize-progress')) probe.progress.push({ start: e.startTime, end: e.responseEnd, duration: e.duration });
    }
  }).observe({ type: 'resource', buffered: true });
  performance.setResourceTimingBufferSize(10_000);
  const tick = (t: number) => {
    probe.frames.push(t);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

type Window = { from: number; to: number };
type UiFigures = { longTasks: number; longestTask: number; maxGap: number; p95Gap: number; p50Gap: number; frames: number };

function quantile(sorted: number[], q: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))]! : Number.NaN;
}

/** Long tasks overlapping the window and the gaps between frames inside it (edges included). */
function figures(p: BenchProbe, w: Window): UiFigures {
  const tasks = p.longTasks.filter((t) => t.start < w.to && t.start + t.duration > w.from && t.duration > LONG_MS);
  const inside = p.frames.filter((t) => t >= w.from && t <= w.to);
  const before = p.frames.filter((t) => t < w.from).at(-1);
  const after = p.frames.find((t) => t > w.to);
  const ts = [...(before == null ? [] : [before]), ...inside, ...(after == null ? [] : [after])];
  const gaps = ts.slice(1).map((t, i) => t - ts[i]!).sort((a, b) => a - b);
  return {
    longTasks: tasks.length,
    longestTask: Math.max(0, ...tasks.map((t) => t.duration)),
    maxGap: gaps.at(-1) ?? Number.NaN,
    p95Gap: quantile(gaps, 0.95),
    p50Gap: quantile(gaps, 0.5),
    frames: inside.length,
  };
}

async function probe(page: Page): Promise<BenchProbe> {
  return page.evaluate(() => (window as unknown as { __bench: BenchProbe }).__bench);
}

const ms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(1)} ms` : '—');

function line(label: string, f: UiFigures): string {
  return (
    `${label.padEnd(30)} long tasks > ${LONG_MS} ms: ${f.longTasks}${f.longTasks ? ` (longest ${ms(f.longestTask)})` : ''}; ` +
    `frame gap max ${ms(f.maxGap)}, p95 ${ms(f.p95Gap)}, p50 ${ms(f.p50Gap)} over ${f.frames} frames`
  );
}

export async function main(n = Number(process.argv[2] ?? 1000) || 1000, timeLimitS = Number(process.argv[3] ?? 10) || 10): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetplan-bench-ui-solve-'));
  const backend = new Backend({ userDataDir: path.join(dir, 'user-data'), optimizer: createOptimizer() });
  const dispatch = dispatcherFor(backend);
  async function api<N extends ApiName>(name: N, args: ApiArgs<N>): Promise<ApiResults[N]> {
    const r = await dispatch(name, args);
    if (!r.ok) throw new Error(`${name}: ${r.error.code}: ${r.error.message}`);
    return r.value as ApiResults[N];
  }
  let server: Awaited<ReturnType<typeof startHttpServer>> | null = null;
  let browser: Awaited<ReturnType<typeof chromium.launch>> | null = null;
  try {
    let t = performance.now();
    const staticDir = buildRenderer(dir);
    const buildMs = performance.now() - t;

    await api('document-new', { path: path.join(dir, 'bench-ui-solve.fleetplan'), demo: true });
    await api('settings-set', { patch: { time_limit_s: timeLimitS } });
    const { restored } = await api('workload-restore', { workloads: generatedWorkloads(n) });
    const input = await api('plan-input', {});
    server = await startHttpServer({ dispatch, staticDir });
    console.log(
      `document: ${input.workloads.length} workloads (${restored} generated + demo), ${input.sites.length} demo sites, ` +
        `${input.catalog.options.length} catalog options, time limit ${timeLimitS} s; renderer built in ${(buildMs / 1000).toFixed(1)} s`,
    );

    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.addInitScript(installProbe);
    const last: { progress: SolveProgress | null } = { progress: null };
    page.on('response', (res) => {
      if (!res.url().includes('/api/optimize-progress')) return;
      res
        .json()
        .then((body: { ok: boolean; value?: SolveProgress }) => {
          if (body.ok && body.value) last.progress = body.value;
        })
        .catch(() => undefined);
    });
    const u = new URL(server.url);
    u.hash = '#/results';
    await page.goto(u.toString());
    const optimize = page.getByTestId('optimize');
    await optimize.waitFor({ state: 'visible', timeout: 30_000 });
    await page.waitForFunction(() => !document.querySelector<HTMLButtonElement>('[data-testid="optimize"]')?.disabled, null, { timeout: 30_000 });
    // let the first load settle so its rendering does not count as "during the solve"
    await page.waitForTimeout(1_000);

    // calibration: a deliberate 120 ms block must show as a long task and a frame gap
    const calFrom = await page.evaluate(() => performance.now());
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
    const calTo = await page.evaluate(() => performance.now());

    // baseline: the same figures over a quiet stretch of the same page, no solve (machine noise)
    const idleFrom = await page.evaluate(() => performance.now());
    await page.waitForTimeout(IDLE_MS);
    const idleTo = await page.evaluate(() => performance.now());

    const clickAt = await page.evaluate(() => performance.now());
    const wallStart = performance.now();
    await optimize.click();
    await page.waitForFunction(
      () => {
        if (document.querySelector('[data-testid="solve-error"]')) return true;
        const btn = document.querySelector<HTMLButtonElement>('[data-testid="optimize"]');
        const running = document.querySelector('[data-testid="solve-progress"][aria-busy="true"]');
        return btn && !btn.disabled && !running && document.querySelector('[data-testid="plan-status"]');
      },
      null,
      { timeout: (timeLimitS + 120) * 1000, polling: 50 },
    );
    const shownAt = await page.evaluate(() => performance.now());
    const wallMs = performance.now() - wallStart;
    const solveError = await page.getByTestId('solve-error').textContent({ timeout: 100 }).catch(() => null);
    if (solveError) throw new Error(solveError);
    await page.waitForTimeout(300); // trailing frames so the window edge has a frame after it
    const p = await probe(page);

    // the solve: click → the last optimize-progress answer (state no longer running)
    const polls = p.progress.filter((r) => r.start >= clickAt);
    const doneAt = polls.at(-1)?.end ?? shownAt;
    const solve = figures(p, { from: clickAt, to: doneAt });
    const render = figures(p, { from: doneAt, to: shownAt });
    const cal = figures(p, { from: calFrom, to: calTo });
    const idle = figures(p, { from: idleFrom, to: idleTo });
    const solveTasks = p.longTasks
      .filter((x) => x.start < doneAt && x.start + x.duration > clickAt && x.duration > LONG_MS)
      .map((x) => `${((x.start - clickAt) / 1000).toFixed(2)} s: ${ms(x.duration)}`);
    const lat = polls.map((r) => r.duration).sort((a, b) => a - b);
    const status = await page.getByTestId('plan-status').getAttribute('data-status');
    const rows = await page.getByTestId('assignment-table').getAttribute('data-rows').catch(() => null);
    const fin = last.progress;

    if (!p.longTaskSupported) console.log('warning: this Chromium reports no longtask entries; only frame gaps are meaningful');
    console.log(line('calibration (120 ms block)', cal));
    console.log(
      `solve wall time                click → plan shown ${ms(wallMs)}; click → last progress answer ${ms(doneAt - clickAt)}` +
        `${fin ? `; solver elapsed ${ms(fin.elapsedMs)} (${fin.state}: ${fin.message})` : ''}; plan ${status}${rows ? `, ${rows} assignment rows` : ''}`,
    );
    console.log(line(`idle baseline (${IDLE_MS / 1000} s, no solve)`, idle));
    console.log(line('during the solve', solve));
    if (solveTasks.length) console.log(`  long tasks after the click at ${solveTasks.join(', ')}`);
    console.log(line('solve done → plan shown', render) + ` (${ms(shownAt - doneAt)})`);
    console.log(
      `optimize-progress calls        ${lat.length}: latency max ${ms(lat.at(-1) ?? Number.NaN)}, median ${ms(quantile(lat, 0.5))}, p95 ${ms(quantile(lat, 0.95))}`,
    );
    console.log(`UI blocked > ${LONG_MS} ms during the solve: ${solve.longTasks > 0 || solve.maxGap > LONG_MS ? 'YES' : 'no'}; load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
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
