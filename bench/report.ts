// Report benchmark: the time `fleetplan report` takes to print the PDF of a 1,000-workload plan
// (target: under 5 s), split into its phases — report model (TCO, baselines, sensitivity),
// Chromium launch (overlapping the model), page render, the first print (read back for the
// contents' page numbers), the final print. The plan is made and solved
// first (not timed); the renderer is built into bench/out/renderer if out/renderer lacks the
// report page. Prints figures; asserts nothing. Run: node bench/report.ts [workloads] [runs].
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dispatcherFor } from '../electron/backend/api-handlers.ts';
import { Backend } from '../electron/backend/backend.ts';
import { generateReportPdf } from '../electron/backend/report.ts';
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

export async function main(workloads = Number(process.argv[2] ?? 1000) || 1000, runs = Number(process.argv[3] ?? 3) || 3): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetplan-bench-report-'));
  const env = { ...process.env, FLEETPLAN_USER_DATA: path.join(dir, 'user-data') };
  try {
    const staticDir = rendererDir();
    const file = path.join(dir, `bench-${workloads}.fleetplan`);
    const t0 = performance.now();
    await solvedDocument(file, { workloads, timeLimitS: 20, env });
    console.log(`plan: ${workloads} workloads made and solved in ${((performance.now() - t0) / 1000).toFixed(1)} s (not counted)`);
    const b = new Backend({ userDataDir: env.FLEETPLAN_USER_DATA });
    b.open(file);
    const dispatch = dispatcherFor(b);
    const times: number[] = [];
    try {
      for (let i = 0; i < runs; i++) {
        const out = path.join(dir, `report-${i}.pdf`);
        const r = await generateReportPdf(b, dispatch, { path: out, staticDir });
        times.push(r.ms);
        console.log(
          `run ${i + 1}: ${(r.ms / 1000).toFixed(2)} s, ${r.pages} pages, ${(r.pdf.length / 1024).toFixed(0)} KB — ` +
            `model ${r.phases.model} ms, launch wait ${r.phases.launch} ms, render ${r.phases.render} ms, first print (contents pages) ${r.phases.contents} ms, print ${r.phases.print} ms`,
        );
      }
    } finally {
      await b.dispose();
    }
    const sorted = [...times].sort((a, c) => a - c);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    console.log(
      `report of ${workloads} workloads: median ${(median / 1000).toFixed(2)} s, best ${(sorted[0]! / 1000).toFixed(2)} s over ${runs} runs (target < 5 s); load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
