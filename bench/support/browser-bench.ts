// Start-up shared by the browser benches (bench/ui-*.ts): a fresh renderer build in a temp folder,
// the backend served in process like `fleetplan serve`, headless Chromium with a probe installed
// before any app code (long tasks, frame times, optimize-progress timings on window.__bench), the
// calibration step (a deliberate 120 ms block must show) and an optional CPU profile per step.
// Everything started here is stopped by close(), whatever failed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';
import type { ApiArgs, ApiName, ApiResults } from '../../core/api.ts';
import { dispatcherFor } from '../../electron/backend/api-handlers.ts';
import { Backend, type BackendOptions } from '../../electron/backend/backend.ts';
import { startHttpServer } from '../../electron/backend/http-server.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const CHROMIUM = process.env.FLEETPLAN_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
export const LONG_MS = 50;

/** What the page records, from before the app's first line: plain JS data on window.__bench. */
export type BenchProbe = {
  longTasks: { start: number; duration: number }[];
  frames: number[]; // requestAnimationFrame timestamps
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

/** A fresh renderer build in `dir` (the checkout's out/renderer may be stale or mid-rebuild). */
function buildRenderer(dir: string): string {
  if (process.env.FLEETPLAN_RENDERER_DIR) return path.resolve(process.env.FLEETPLAN_RENDERER_DIR);
  const out = path.join(dir, 'renderer');
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  // FLEETPLAN_BENCH_PROFILE keeps names readable in the profile
  const minify = process.env.FLEETPLAN_BENCH_PROFILE ? ['--minify', 'false'] : [];
  const r = spawnSync(process.execPath, [vite, 'build', '-c', 'renderer/vite.config.ts', '--outDir', out, '--emptyOutDir', '--logLevel', 'error', ...minify], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0 || !fs.existsSync(path.join(out, 'index.html'))) throw new Error('renderer build failed');
  return out;
}

export const ms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(1)} ms` : '—');
export const loadAverage = () => os.loadavg().map((x) => x.toFixed(1)).join(' ');

export type BrowserBench = {
  dir: string;
  backend: Backend;
  api: <N extends ApiName>(name: N, args: ApiArgs<N>) => Promise<ApiResults[N]>;
  dispatch: ReturnType<typeof dispatcherFor>;
  /** build the renderer, serve it with the backend and open a page at `hash` (the probe installed first) */
  open: (hash: string) => Promise<Page>;
  page: () => Page;
  /** ms the renderer build took (0 when FLEETPLAN_RENDERER_DIR was given) */
  buildMs: () => number;
  close: () => Promise<void>;
};

/** A temp folder, a backend in it and (on open) the served renderer in headless Chromium. */
export function browserBench(prefix: string, options: Omit<BackendOptions, 'userDataDir'> = {}): BrowserBench {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `fleetplan-bench-${prefix}-`));
  const backend = new Backend({ ...options, userDataDir: path.join(dir, 'user-data') });
  const direct = dispatcherFor(backend);
  // FLEETPLAN_BENCH_API_LOG=1 prints every API call the page makes, with its time (which step reloads what)
  const dispatch: typeof direct = process.env.FLEETPLAN_BENCH_API_LOG
    ? ((async (name: string, args: unknown) => {
        const t = performance.now();
        const r = await direct(name, args);
        console.log(`  api ${name} ${(performance.now() - t).toFixed(0)} ms`);
        return r;
      }) as typeof direct)
    : direct;
  let server: Awaited<ReturnType<typeof startHttpServer>> | null = null;
  let browser: Browser | null = null;
  let current: Page | null = null;
  let built = 0;
  return {
    dir,
    backend,
    dispatch,
    async api(name, args) {
      const r = await dispatch(name, args);
      if (!r.ok) throw new Error(`${name}: ${r.error.code}: ${r.error.message}`);
      return r.value as never;
    },
    async open(hash) {
      const t = performance.now();
      const staticDir = buildRenderer(dir);
      built = process.env.FLEETPLAN_RENDERER_DIR ? 0 : performance.now() - t;
      server = await startHttpServer({ dispatch, staticDir });
      browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
      current = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await current.addInitScript(installProbe);
      const u = new URL(server.url);
      u.hash = hash;
      await current.goto(u.toString());
      return current;
    },
    page() {
      if (!current) throw new Error('open() first');
      return current;
    },
    buildMs: () => built,
    async close() {
      await browser?.close().catch(() => undefined);
      await server?.close().catch(() => undefined);
      await backend.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function probe(page: Page): Promise<BenchProbe> {
  return page.evaluate(() => (window as unknown as { __bench: BenchProbe }).__bench);
}

export const pageNow = (page: Page) => page.evaluate(() => performance.now());

/** Long tasks (> LONG_MS) overlapping [from, to], in page time. */
export function longTasksIn(p: BenchProbe, from: number, to: number): { start: number; duration: number }[] {
  return p.longTasks.filter((t) => t.start < to && t.start + t.duration > from && t.duration > LONG_MS);
}

/** The app's performance measures (staged drawing: renderer/lib/after-frame.ts) that started in [from, to], over `min` ms. */
export async function measuresIn(page: Page, from: number, to: number, min = 20): Promise<string> {
  const found = await page.evaluate(
    ([a, b, m]) => performance.getEntriesByType('measure').filter((e) => e.startTime >= a && e.startTime <= b && e.duration >= m).map((e) => `${e.name} ${e.duration.toFixed(0)}`),
    [from, to, min] as const,
  );
  return found.join(' | ');
}

/** Blocks the page's main thread for 120 ms in a task of its own; returns the window it ran in. */
export async function calibrate(page: Page): Promise<{ from: number; to: number }> {
  const from = await pageNow(page);
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
  return { from, to: await pageNow(page) };
}

/** ms the page takes for a fixed piece of script work (sorting 200,000 numbers): compare runs
 *  by it — on a busy machine every figure grows with it. */
export async function cpuYardstick(page: Page): Promise<number> {
  return page.evaluate(() => {
    let x = 1;
    const a = Array.from({ length: 200_000 }, () => (x = (x * 16807) % 2147483647));
    const t = performance.now();
    a.sort((p, q) => p - q);
    return performance.now() - t;
  });
}

// ── optional CPU profile (FLEETPLAN_BENCH_PROFILE=1): where a step's main-thread time goes ──
// Svelte's scheduler frames: in every stack, so they say nothing about which view is slow
const RUNTIME = new Set(
  'update_reaction update_effect #traverse #process flush run_all run_micro_tasks flush_queued_effects create_effect branch block each$1 create_item if_block ensure update_branch template_effect update_derived execute_derived is_dirty get snippet reconcile commit pause_effects destroy_effect destroy_effects remove_effect_dom handle_event_propagation flatten without_reactive_context internal_set set$1 queue_micro_task'.split(' '),
);
type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

/** Starts the sampling profiler when FLEETPLAN_BENCH_PROFILE is set; the returned stop() prints the top functions by self time. */
export async function profileStep(page: Page, label: string): Promise<() => Promise<void>> {
  const only = process.env.FLEETPLAN_BENCH_PROFILE;
  // FLEETPLAN_BENCH_PROFILE=1 profiles every step; any other value, the steps whose label contains it
  if (!only || (only !== '1' && !label.includes(only))) return async () => undefined;
  const cdp: CDPSession = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  return async () => {
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
    await cdp.detach();
    // FLEETPLAN_BENCH_PROFILE_OUT=<dir>: the raw profile too (open it in DevTools' Performance panel)
    if (process.env.FLEETPLAN_BENCH_PROFILE_OUT) fs.writeFileSync(path.join(process.env.FLEETPLAN_BENCH_PROFILE_OUT, `${label.replace(/[^a-z0-9]+/gi, '-')}.cpuprofile`), JSON.stringify(profile));
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const keyOf = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${path.basename(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
    const self = new Map<string, number>();
    const total = new Map<string, number>();
    profile.samples.forEach((id, i) => {
      const node = byId.get(id)!;
      const dt = (profile.timeDeltas[i] ?? 0) / 1000;
      if (node.callFrame.functionName === '(idle)' || node.callFrame.functionName === '(program)') return;
      self.set(keyOf(node), (self.get(keyOf(node)) ?? 0) + dt);
      const seen = new Set<string>();
      for (let n: ProfileNode | undefined = node; n; n = byId.get(parent.get(n.id) ?? -1)) {
        const k = keyOf(n);
        if (!n.callFrame.url || seen.has(k)) continue;
        seen.add(k);
        total.set(k, (total.get(k) ?? 0) + dt);
      }
    });
    const print = (title: string, m: Map<string, number>, n: number) => {
      console.log(`  profile of "${label}" (${title}):`);
      for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(`    ${v.toFixed(1).padStart(8)} ms  ${k}`);
    };
    print('self time', self, 12);
    // busy runs (samples between idle ones) stand for tasks: the app functions inside each long one
    type Run = { from: number; dt: number; fns: Map<string, number> };
    let run = null as Run | null;
    let at = 0;
    const runs: Run[] = [];
    profile.samples.forEach((id, i) => {
      const dt = (profile.timeDeltas[i] ?? 0) / 1000;
      at += dt;
      const node = byId.get(id)!;
      if (node.callFrame.functionName === '(idle)') {
        if (run) runs.push(run);
        run = null;
        return;
      }
      run ??= { from: at, dt: 0, fns: new Map() };
      run.dt += dt;
      const seen = new Set<string>();
      for (let n: ProfileNode | undefined = node; n; n = byId.get(parent.get(n.id) ?? -1)) {
        const k = keyOf(n);
        if (!n.callFrame.url || RUNTIME.has(n.callFrame.functionName) || seen.has(k)) continue;
        seen.add(k);
        run.fns.set(k, (run.fns.get(k) ?? 0) + dt);
      }
    });
    if (run) runs.push(run);
    for (const r of runs.filter((x) => x.dt > LONG_MS)) {
      const fns = [...r.fns].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, v]) => `${k} ${v.toFixed(0)}`);
      console.log(`  busy ${r.dt.toFixed(0)} ms at +${r.from.toFixed(0)} ms: ${fns.join(' | ')}`);
    }
    print('inclusive time, app code', new Map([...total].filter(([k]) => !k.startsWith('(anonymous)'))), 12);
  };
}

// ── optional trace (FLEETPLAN_BENCH_TRACE=1): what each long task of a step is made of ──
// The sampling profiler sees only script; a long task is often style, layout, paint or GC. The
// Chromium trace names every piece: per long main-thread task, the top-level pieces by time.
type TraceEvent = {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { functionName?: string; url?: string; type?: string }; beginData?: { dirtyObjects?: number; totalObjects?: number } };
};
const PIECES = new Set([
  'FunctionCall', 'TimerFire', 'FireAnimationFrame', 'EventDispatch', 'RunMicrotasks', 'v8.run', 'EvaluateScript', 'v8.evaluateModule',
  'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'Commit', 'ParseHTML', 'MinorGC', 'MajorGC', 'BlinkGC.AtomicPhase',
  'HitTest', 'ScheduleStyleRecalculation', 'IntersectionObserverController::computeIntersections', 'ResizeObserverController::DeliverObservations',
  'v8.produceCache', 'v8.compile', 'V8.GCScavenger', 'V8.GCFinalizeMC', 'V8.GCIncrementalMarking', 'XHRLoad', 'ResourceReceivedData', 'FireIdleCallback', 'ParseAuthorStyleSheet',
]);

// a worker's message (HandlePostMessage) is looked into: its handler and the microtasks it runs are the pieces
const WRAPPERS = new Set(['ThreadControllerImpl::RunTask', 'RunTask', 'HandlePostMessage']);

/**
 * Traces a step in Chromium. Always: the longest main-thread task of any length (the longtask
 * observer sees only those over 50 ms; a margin under 50 ms needs the trace's task events), from
 * the cheap 'toplevel' category. With FLEETPLAN_BENCH_TRACE set (1, or a part of the label): also
 * what each long task is made of, printed by stop(). stop() returns the longest task in ms (null: no trace).
 */
export async function traceStep(page: Page, label: string): Promise<() => Promise<number | null>> {
  const only = process.env.FLEETPLAN_BENCH_TRACE;
  const detail = !!only && (only === '1' || label.includes(only));
  const browser = page.context().browser();
  if (!browser) return async () => null;
  const categories = detail ? ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink.user_timing', 'toplevel'] : ['toplevel'];
  await browser.startTracing(page, { categories });
  return async () => {
    const buf = await browser.stopTracing();
    // FLEETPLAN_BENCH_TRACE_OUT=<dir>: the raw trace too (open it in DevTools' Performance panel)
    if (detail && process.env.FLEETPLAN_BENCH_TRACE_OUT) fs.writeFileSync(path.join(process.env.FLEETPLAN_BENCH_TRACE_OUT, `${label.replace(/[^a-z0-9]+/gi, '-')}.trace.json`), buf);
    const events = (JSON.parse(buf.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
    const longest = longestMainTask(events);
    if (detail) printPieces(events, label);
    return longest;
  };
}

const isTask = (e: TraceEvent) => e.ph === 'X' && e.dur != null && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask');

/** The longest task on the page's main thread: of the renderer main threads, the busiest one. */
function longestMainTask(events: TraceEvent[]): number | null {
  const mains = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}|${e.tid}`));
  const busy = new Map<string, { total: number; longest: number }>();
  for (const e of events) {
    const key = `${e.pid}|${e.tid}`;
    if (!mains.has(key) || !isTask(e)) continue;
    const b = busy.get(key) ?? { total: 0, longest: 0 };
    b.total += e.dur! / 1000;
    b.longest = Math.max(b.longest, e.dur! / 1000);
    busy.set(key, b);
  }
  const top = [...busy.values()].sort((a, b) => b.total - a.total)[0];
  return top ? top.longest : null;
}

function printPieces(events: TraceEvent[], label: string): void {
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && events.some((x) => x.pid === e.pid && x.tid === e.tid && x.name === 'FunctionCall'));
  if (!main) return console.log(`  trace of "${label}": no renderer main thread found`);
  const mine = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur != null).sort((a, b) => a.ts - b.ts);
  // FLEETPLAN_BENCH_TRACE_MS: break down tasks over this many ms (default: the 50 ms of a long task)
  const over = Number(process.env.FLEETPLAN_BENCH_TRACE_MS) || LONG_MS;
  const tasks = mine.filter((e) => e.name === 'RunTask' && e.dur! / 1000 > over);
  console.log(`  trace of "${label}": ${tasks.length} task(s) over ${over} ms`);
  for (const t of tasks) {
    const end = t.ts + t.dur!;
    const by = new Map<string, number>();
    let coveredTo = t.ts;
    // top-level pieces only: an event inside an earlier counted piece is part of it
    for (const e of mine) {
      // ThreadControllerImpl::RunTask wraps the whole task in recent Chromium: look inside it
      if (e.ts < t.ts || e.ts >= end || e === t || e.ts < coveredTo || WRAPPERS.has(e.name) || (!PIECES.has(e.name) && e.dur! < 5000)) continue;
      coveredTo = e.ts + e.dur!;
      const d = e.args?.data;
      const key = e.name === 'FunctionCall' && d?.functionName ? `FunctionCall ${d.functionName} ${path.basename(d.url ?? '')}` : e.name === 'EventDispatch' && d?.type ? `EventDispatch ${d.type}` : e.name;
      by.set(key, (by.get(key) ?? 0) + e.dur! / 1000);
    }
    // pieces nested anywhere in the task that are not script: layout and style forced by script show here
    const forced = new Map<string, number>();
    for (const e of mine) if (e.ts >= t.ts && e.ts < end && ['Layout', 'UpdateLayoutTree', 'MinorGC', 'MajorGC', 'V8.GCScavenger'].includes(e.name)) forced.set(e.name, (forced.get(e.name) ?? 0) + e.dur! / 1000);
    const top = [...by].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(' | ');
    const inner = [...forced].map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ');
    // how much of the page each layout in the task had to lay out (dirty / total layout objects)
    const layouts = mine.filter((e) => e.name === 'Layout' && e.ts >= t.ts && e.ts < end && e.dur! >= 5000 && e.args?.beginData);
    const sizes = layouts.map((e) => `${(e.dur! / 1000).toFixed(0)} ms ${e.args!.beginData!.dirtyObjects ?? '?'}/${e.args!.beginData!.totalObjects ?? '?'}`);
    console.log(`    task ${(t.dur! / 1000).toFixed(0)} ms: ${top}${inner ? ` [all ${inner}]` : ''}${sizes.length ? ` {layouts: ${sizes.join(', ')} objects}` : ''}`);
  }
}
