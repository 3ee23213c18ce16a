// Bench (not a test): workload CSVs of 10,000 and 200,000 rows imported into a fresh document two
// ways, each in its own process so peak memory is its own: "whole" reads the file into memory and
// imports it in one go (the path before imports streamed), "stream" is `fleetplan import` (the
// file read in 256 KiB chunks, rows validated as they arrive). Both write one transaction.
// Prints rows/s and peak RSS. Run: node bench/import.ts   (figures under load are rough)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main as cli } from '../electron/cli/main.ts';
import { openDocument } from '../electron/backend/document.ts';
import { importCsvFile } from '../electron/backend/import.ts';

const SIZES = [10_000, 200_000];
const MODES = ['whole', 'stream'] as const;
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

type Figures = { rows: number; secs: number; cpuSecs: number; rssStart: number; maxRss: number };

/** One import in this process (the child): prints its figures as JSON. */
async function child(mode: (typeof MODES)[number], csv: string, plan: string): Promise<void> {
  const rssStart = process.memoryUsage().rss;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let rows: number;
  if (mode === 'whole') {
    const doc = openDocument(plan);
    try {
      const r = importCsvFile(doc.db, 'workloads', new Uint8Array(fs.readFileSync(csv)), { fileName: 'workloads.csv' });
      if (!r.summary) throw new Error(r.messages.slice(0, 3).join('\n'));
      rows = r.summary.added;
    } finally {
      doc.db.close();
    }
  } else {
    const out: string[] = [];
    const code = await cli(['import', plan, '--workloads', csv], { out: (l) => out.push(l), err: (l) => console.error(l) });
    if (code !== 0) throw new Error(`fleetplan import exited ${code}`);
    rows = Number(/added (\d+)/.exec(out.join('\n'))?.[1]);
  }
  const secs = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(cpu0);
  const f: Figures = { rows, secs, cpuSecs: (c.user + c.system) / 1e6, rssStart, maxRss: process.resourceUsage().maxRSS * 1024 };
  process.stdout.write(JSON.stringify(f) + '\n');
}

export async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetplan-bench-import-'));
  const quiet = { out: () => {}, err: (l: string) => console.error(l) };
  try {
    console.log(`import: whole file vs streamed (load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} CPUs; figures under load are rough)`);
    for (const n of SIZES) {
      const csv = path.join(dir, `w${n}.csv`);
      fs.writeFileSync(csv, workloadCsv(n));
      const mb = fs.statSync(csv).size / 1e6;
      for (const mode of MODES) {
        const plan = path.join(dir, `${mode}-${n}.fleetplan`);
        if ((await cli(['init', plan], quiet)) !== 0) throw new Error('fleetplan init failed');
        const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', mode, csv, plan], { encoding: 'utf8', maxBuffer: 1 << 24 });
        if (r.status !== 0) throw new Error(`bench child (${mode}, ${n} rows) failed: ${r.stderr}`);
        const f = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Figures;
        if (f.rows !== n) throw new Error(`${mode}: imported ${f.rows} of ${n} rows`);
        console.log(
          `  ${n.toLocaleString('en-US').padStart(7)} rows (${mb.toFixed(1)} MB) ${mode.padEnd(6)}: ${Math.round(n / f.secs).toLocaleString('en-US').padStart(7)} rows/s, ` +
            `${f.secs.toFixed(2)} s wall, ${f.cpuSecs.toFixed(2)} s CPU; peak RSS ${(f.maxRss / 1e6).toFixed(0)} MB (${(f.rssStart / 1e6).toFixed(0)} MB at start)`,
        );
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const [flag, mode, csv, plan] = process.argv.slice(2);
  if (flag === '--child') await child(mode as (typeof MODES)[number], csv!, plan!);
  else await main();
}
