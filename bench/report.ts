// Report benchmark: the time `fleetplan report` takes to print the PDF plan of the demo and of a
// 1,000-workload, 3-period plan (target: under 5 s), as the median of a few runs, split into its
// stages: report model (TCO, baselines, sensitivity; Chromium starts and loads the page
// meanwhile), Chromium's launch up to its first tab, page load (of it, from the page's own start:
// its scripts, the wait for the model), page build (of it, drawing the charts), first layout,
// placing the pages for the contents, the print, and a second print (only when a contents number
// differed);
// and the CPU time of Node (the model, the server), which a busy machine stretches less than wall
// time. The first run computes the plan's figures (TCO, baselines, sensitivity);
// later runs of the same plan reuse them, as a repeated export does.
// The plans are made and solved first (not timed); the renderer is built into bench/out/renderer
// if out/renderer lacks the report page. Prints figures with the load average; asserts nothing.
// BENCH_PLANS=<folder> keeps the solved plan documents there and reuses them on the next run (the
// same plans for an A/B comparison, and no solve to wait for).
// Run: node bench/report.ts [workloads, comma-separated, 0 = the demo] [runs].
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dispatcherFor } from '../electron/backend/api-handlers.ts';
import { Backend } from '../electron/backend/backend.ts';
import { generateReportPdf, type PdfPhases } from '../electron/backend/report.ts';
import { solvedDocument } from '../electron/backend/report.test-helper.ts';

const root = fileURLToPath(new URL('../', import.meta.url));

function rendererDir(): string {
  const built = path.join(root, 'out', 'renderer');
  if (fs.existsSync(path.join(built, 'report.html'))) return built;
  const own = path.join(root, 'bench', 'out', 'renderer');
  const r = spawnSync(path.join(root, 'node_modules', '.bin', 'vite'), ['build', '-c', 'renderer/vite.config.ts', '--outDir', own, '--emptyOutDir', '--logLevel', 'error'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error('renderer build failed');
  return own;
}

/**
 * CPU time (ms) used so far by the processes this one started (Chromium's browser, renderers,
 * GPU and utility processes), from /proc on Linux (null elsewhere): sampled every 100 ms so a
 * process that exits (a closed tab's renderer) keeps what it used up to its last sample. On a
 * busy machine CPU time says more than wall time about what a change saved.
 */
function childCpuMeter(): { read(): number | null; stop(): void } {
  if (process.platform !== 'linux') return { read: () => null, stop: () => {} };
  const tickMs = 10; // USER_HZ is 100 on Linux
  const used = new Map<number, number>();
  /** the processes started by `pid`, from any of its threads (/proc/PID/task/TID/children) */
  const childrenOf = (pid: number): number[] => {
    const out: number[] = [];
    try {
      for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
        for (const c of fs.readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(' ')) if (c.trim()) out.push(Number(c));
      }
    } catch {
      // exited meanwhile
    }
    return out;
  };
  const sample = () => {
    const queue = childrenOf(process.pid);
    while (queue.length) {
      const pid = queue.pop()!;
      queue.push(...childrenOf(pid));
      try {
        const s = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
        const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
        used.set(pid, (Number(f[11]) + Number(f[12])) * tickMs);
      } catch {
        // exited meanwhile
      }
    }
  };
  const timer = setInterval(sample, 100);
  timer.unref();
  return {
    read: () => {
      sample();
      let total = 0;
      for (const ms of used.values()) total += ms;
      return total;
    },
    stop: () => clearInterval(timer),
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const load = () => os.loadavg().map((x) => x.toFixed(1)).join(' ');
const STAGES: (keyof PdfPhases)[] = ['model', 'launch', 'load', 'scripts', 'data', 'build', 'charts', 'layout', 'paginate', 'print', 'reprint'];
const stagesText = (p: Record<keyof PdfPhases, number>) => STAGES.map((k) => `${k} ${p[k]}`).join(', ');

async function benchOne(dir: string, staticDir: string, workloads: number, runs: number): Promise<void> {
  const userData = path.join(dir, 'user-data');
  const env = { ...process.env, FLEETPLAN_USER_DATA: userData };
  const what = workloads ? `${workloads} workloads` : 'the demo';
  const kept = process.env['BENCH_PLANS'];
  const file = path.join(kept ? path.resolve(kept) : dir, `bench-${workloads || 'demo'}.fleetplan`);
  if (kept && fs.existsSync(file)) {
    console.log(`plan: ${what} from ${file} (solved earlier)`);
  } else {
    if (kept) fs.mkdirSync(path.dirname(file), { recursive: true });
    const t0 = performance.now();
    await solvedDocument(file, workloads ? { workloads, timeLimitS: 20, env } : { env });
    console.log(`plan: ${what} made and solved in ${((performance.now() - t0) / 1000).toFixed(1)} s (not counted)`);
  }
  const b = new Backend({ userDataDir: userData });
  b.open(file);
  const dispatch = dispatcherFor(b);
  const times: number[] = [];
  const phases: PdfPhases[] = [];
  const nodeCpu: number[] = [];
  const browserCpu: number[] = [];
  const meter = childCpuMeter();
  const before = load();
  try {
    for (let i = 0; i < runs; i++) {
      const cpu0 = process.cpuUsage();
      const child0 = meter.read();
      const r = await generateReportPdf(b, dispatch, { path: path.join(dir, `report-${i}.pdf`), staticDir });
      const cpu = process.cpuUsage(cpu0);
      const child1 = meter.read();
      const chromiumMs = child0 != null && child1 != null ? child1 - child0 : null;
      if (chromiumMs != null) browserCpu.push(chromiumMs);
      times.push(r.ms);
      phases.push(r.phases);
      const nodeMs = Math.round((cpu.user + cpu.system) / 1000);
      nodeCpu.push(nodeMs);
      console.log(
        `  run ${i + 1}${i === 0 ? ' (the plan\'s figures computed)' : ' (the plan\'s figures kept from run 1)'}: ${(r.ms / 1000).toFixed(2)} s, ${r.pages} pages, ${(r.pdf.length / 1024).toFixed(0)} KB, ${r.prints} print(s) — ` +
          `Node CPU ${nodeMs} ms${chromiumMs != null ? `, Chromium CPU ${chromiumMs} ms` : ''} — ms: ${stagesText(r.phases)}`,
      );
    }
  } finally {
    meter.stop();
    await b.dispose();
  }
  const med = Object.fromEntries(STAGES.map((k) => [k, median(phases.map((p) => p[k]))])) as Record<keyof PdfPhases, number>;
  console.log(
    `report of ${what}: median ${(median(times) / 1000).toFixed(2)} s, best ${(Math.min(...times) / 1000).toFixed(2)} s over ${runs} runs (target < 5 s)\n` +
      `  median ms by stage: ${stagesText(med)}\n` +
      `  median Node CPU ${median(nodeCpu)} ms (the model, all threads; the server)` +
      (browserCpu.length ? `, median Chromium CPU ${median(browserCpu)} ms (all its processes)` : '') +
      `\n  load average before ${before}, after ${load()} (on a loaded machine the figures are rough)`,
  );
}

export async function main(workloads = (process.argv[2] ?? '0,1000').split(',').map(Number), runs = Number(process.argv[3] ?? 3) || 3): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetplan-bench-report-'));
  try {
    const staticDir = rendererDir();
    for (const n of workloads) await benchOne(dir, staticDir, Number.isFinite(n) ? n : 0, runs);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
