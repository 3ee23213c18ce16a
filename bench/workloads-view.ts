// Bench: the Workloads view with 10,000 workloads. Creates a demo document, adds generated rows
// through the API ('workload-restore', one request), serves it, opens the view in Chromium and
// prints: navigation → first rows rendered, jump-scroll to the last row, a stepped scroll through
// the whole list (frame times), and how many row elements exist (virtualisation). Prints only.
// Run: node bench/workloads-view.ts [N]   (or `npm run bench -- workloads-view`; BENCH_WORKLOADS=N)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { PLACEMENTS, TIERS, type Workload } from '../core/types.ts';
import { ROOT, startPlanServer } from '../e2e/support/plan-server.ts';

const CHROMIUM = process.env.FLEETPLAN_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

function generate(n: number, models: string[]): Workload[] {
  const rows: Workload[] = [];
  for (let i = 0; i < n; i++) {
    // deterministic variety so sorting and formatting do real work
    const k = (i * 7919) % 1000;
    rows.push({
      name: `bench-${String(i).padStart(5, '0')}`,
      model: models[i % models.length]!,
      avg_output_tps: 10 + k * 3.7,
      peak_to_avg: 1 + (k % 30) / 10,
      input_per_output: 1 + (k % 8),
      response_tokens: 100 + (k % 9) * 50,
      max_latency_ms: i % 3 === 0 ? null : 500 + (k % 20) * 250,
      monthly_growth_pct: (k % 11) / 2,
      placement: PLACEMENTS[i % PLACEMENTS.length]!,
      tiers: i % 5 === 0 ? ['commodity'] : [...TIERS],
      endpoints: PLACEMENTS[i % PLACEMENTS.length] === 'edge' ? 100 + k : 0,
    });
  }
  return rows;
}

function ensureRendererBuilt(): void {
  if (fs.existsSync(path.join(ROOT, 'out', 'renderer', 'index.html'))) return;
  const vite = path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const r = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn', '-c', 'renderer/vite.config.ts'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('renderer build failed');
}

export async function main(n = Number(process.env.BENCH_WORKLOADS ?? 10_000)): Promise<void> {
  if (!Number.isInteger(n) || n < 0) throw new Error(`workload count must be a whole number, got ${n}`);
  ensureRendererBuilt();
  const plan = await startPlanServer({ demo: true, name: 'bench.fleetplan' });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    const models = (await plan.api('catalog-get', {})).models.map((m) => m.id);
    const rows = generate(n, models.length ? models : ['llama-3.1-8b']);
    let t = performance.now();
    const { restored } = await plan.api('workload-restore', { workloads: rows });
    const insertMs = performance.now() - t;
    const total = (await plan.api('workload-list', {})).length;

    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const u = new URL(plan.url);
    u.hash = '#/workloads';
    t = performance.now();
    await page.goto(u.toString());
    await page.waitForFunction(
      (expected) => {
        const table = document.querySelector('[data-testid="workload-table"]');
        return table && Number(table.getAttribute('data-rows')) === expected && table.querySelector('.body [role="row"]');
      },
      total,
      { timeout: 60_000 },
    );
    const firstRowsMs = performance.now() - t;

    const jumpMs = await page.evaluate(async (expected) => {
      const table = document.querySelector<HTMLElement>('[data-testid="workload-table"]')!;
      const start = performance.now();
      table.scrollTop = table.scrollHeight;
      for (;;) {
        await new Promise(requestAnimationFrame);
        if (table.querySelector(`[aria-rowindex="${expected + 1}"]`)) return performance.now() - start;
        if (performance.now() - start > 10_000) return Number.NaN;
      }
    }, total);

    const stepped = await page.evaluate(async () => {
      const table = document.querySelector<HTMLElement>('[data-testid="workload-table"]')!;
      table.scrollTop = 0;
      await new Promise(requestAnimationFrame);
      const frames: number[] = [];
      const start = performance.now();
      let last = start;
      // one wheel-sized step (~3 screens of 900 px would be a fling; 800 px is a brisk wheel) per frame
      while (table.scrollTop + table.clientHeight < table.scrollHeight - 1) {
        table.scrollTop += 800;
        await new Promise(requestAnimationFrame);
        const now = performance.now();
        frames.push(now - last);
        last = now;
      }
      frames.sort((a, b) => a - b);
      return {
        totalMs: performance.now() - start,
        frames: frames.length,
        p50: frames[Math.floor(frames.length * 0.5)] ?? 0,
        p95: frames[Math.floor(frames.length * 0.95)] ?? 0,
        max: frames[frames.length - 1] ?? 0,
        domRows: table.querySelectorAll('.body [role="row"]').length,
      };
    });

    const sortMs = await page.evaluate(async () => {
      const header = [...document.querySelectorAll<HTMLElement>('[data-testid="workload-table"] [role="columnheader"] button')].find((b) =>
        b.textContent?.includes('Avg output'),
      )!;
      const start = performance.now();
      header.click();
      await new Promise(requestAnimationFrame);
      await new Promise(requestAnimationFrame);
      return performance.now() - start;
    });

    const f = (x: number) => `${x.toFixed(1)} ms`;
    console.log(`workloads in document        ${total} (${restored} inserted via workload-restore in ${f(insertMs)})`);
    console.log(`navigation → first rows      ${f(firstRowsMs)}`);
    console.log(`jump to the last row         ${f(jumpMs)}`);
    console.log(`stepped scroll to the end    ${f(stepped.totalMs)} over ${stepped.frames} frames (frame p50 ${f(stepped.p50)}, p95 ${f(stepped.p95)}, max ${f(stepped.max)})`);
    console.log(`sort by avg output           ${f(sortMs)}`);
    console.log(`row elements in the DOM      ${stepped.domRows} (of ${total})`);
  } finally {
    await browser.close();
    await plan.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = process.argv[2];
  main(arg === undefined ? undefined : Number(arg)).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
