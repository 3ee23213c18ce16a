// Bench (not a test): a 100,000-row workload CSV (~10 MB) imported end to end through the
// CLI's own path (`fleetplan import PLAN --workloads F.csv`: read, decode, parse, validate,
// one transaction into a temp document). Prints rows/s, seconds and peak memory.
// Run: node bench/import.ts   (target: < 2 s and < 500 MB)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main as cli } from '../electron/cli/main.ts';
import { openDocument } from '../electron/backend/document.ts';
import { commitRows, previewCsvForDb } from '../electron/backend/import.ts';

const ROWS = 100_000;
const MODELS = ['llama-3.3-70b', 'llama-3.1-8b', 'gpt-oss-120b', 'deepseek-r1'];
const PLACEMENTS = ['any', 'onprem', 'cloud', 'any'];
const TIERS = ['premium;commodity;edge', 'commodity', 'premium;commodity', 'commodity;edge'];

export function workloadCsv(rows: number): string {
  const out = ['name,model,avg_output_tps,peak_to_avg,input_per_output,response_tokens,max_latency_ms,monthly_growth_pct,placement,tiers,endpoints'];
  for (let i = 0; i < rows; i++) {
    out.push(
      `"Workload ${i}, team ${i % 97}",${MODELS[i % 4]},${((i * 37) % 5000) + 0.25},${1 + (i % 5) / 4},${(i % 7) + 0.5},${100 + (i % 400)},` +
        `${i % 3 ? 1000 + (i % 4000) : ''},${(i % 9) / 2},${PLACEMENTS[i % 4]},"${TIERS[i % 4]}",${i % 11 === 0 ? 10 : 0}`,
    );
  }
  return out.join('\r\n') + '\r\n';
}

export async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetplan-bench-import-'));
  try {
    const csv = path.join(dir, 'workloads.csv');
    fs.writeFileSync(csv, workloadCsv(ROWS));
    const plan = path.join(dir, 'bench.fleetplan');
    const quiet = { out: () => {}, err: (l: string) => console.error(l) };
    if ((await cli(['init', plan], quiet)) !== 0) throw new Error('fleetplan init failed');
    const mb = fs.statSync(csv).size / 1e6;

    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    // samples between event-loop turns; the import itself is synchronous, so maxRSS below is the real peak
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const out: string[] = [];
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const code = await cli(['import', plan, '--workloads', csv], { out: (l) => out.push(l), err: (l) => console.error(l) });
    const secs = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const cpuSecs = (cpu.user + cpu.system) / 1e6;
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage().rss);
    const maxRss = process.resourceUsage().maxRSS * 1024;
    if (code !== 0) throw new Error(`fleetplan import exited ${code}`);

    console.log(out.join('\n'));
    console.log(`import: ${ROWS.toLocaleString('en-US')} rows, ${mb.toFixed(1)} MB CSV`);
    console.log(`  total ${secs.toFixed(3)} s wall, ${Math.round(ROWS / secs).toLocaleString('en-US')} rows/s (CPU ${cpuSecs.toFixed(3)} s incl. GC threads; load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} CPUs)`);
    console.log(`  memory: rss before ${(rssBefore / 1e6).toFixed(0)} MB, sampled peak ${(peak / 1e6).toFixed(0)} MB, process maxRSS ${(maxRss / 1e6).toFixed(0)} MB`);
    console.log(`  target < 2 s and < 500 MB: ${secs < 2 && maxRss < 500e6 ? 'met' : 'NOT met'}`);

    // where the time goes: the two halves the CLI runs, on a second fresh document
    const plan2 = path.join(dir, 'bench2.fleetplan');
    if ((await cli(['init', plan2], quiet)) !== 0) throw new Error('fleetplan init failed');
    const doc = openDocument(plan2);
    try {
      const bytes = new Uint8Array(fs.readFileSync(csv));
      const stage = <T>(fn: () => T): [T, number, number] => {
        const c0 = process.cpuUsage();
        const w0 = performance.now();
        const r = fn();
        const c = process.cpuUsage(c0);
        return [r, (performance.now() - w0) / 1000, (c.user + c.system) / 1e6];
      };
      const [preview, pw, pc] = stage(() => previewCsvForDb(doc.db, 'workloads', bytes, 'workloads.csv'));
      const [, cw, cc] = stage(() => commitRows(doc.db, 'workloads', preview.rows.map((r) => r.value), 'error', false));
      console.log(`  breakdown: decode+parse+validate ${pw.toFixed(3)} s wall / ${pc.toFixed(3)} s CPU; write (one transaction) ${cw.toFixed(3)} s wall / ${cc.toFixed(3)} s CPU`);
    } finally {
      doc.db.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) await main();
