// Test and bench helper (not shipped): plan documents for the report — the demo, and the demo
// grown to N workloads (deterministic variations of the four demo workloads, two more sites) —
// made and solved through the real `fleetplan` commands, in process.
import { demoWorkloads } from '../../core/catalog/demo.ts';
import { SiteSchema, WorkloadSchema, type SiteInput, type WorkloadInput } from '../../core/types.ts';
import { main } from '../cli/main.ts';
import { openDocument } from './document.ts';
import { insertSites } from './repo/sites.ts';
import { insertWorkloads } from './repo/workloads.ts';
import { rngFrom as rng } from '../../core/rng.ts';


const TEAMS = ['payments', 'search', 'support', 'legal', 'risk', 'ops', 'sales', 'hr', 'fleet', 'retail', 'media', 'health'];

/** N workloads derived from the demo's four, with demand scaled so the fleet stays plausible. */
export function manyWorkloads(n: number, seed = 7): WorkloadInput[] {
  const r = rng(seed);
  const out: WorkloadInput[] = [];
  for (let i = 0; i < n; i++) {
    const base = demoWorkloads[i % demoWorkloads.length]!;
    const scale = (0.5 + r()) / (n / 8);
    const team = TEAMS[Math.floor(r() * TEAMS.length)]!;
    out.push({
      ...base,
      name: `${team}-${base.name}-${String(i + 1).padStart(4, '0')}`,
      avg_output_tps: Math.max(1, Math.round(base.avg_output_tps * scale * 10) / 10),
      monthly_growth_pct: Math.round(r() * 40) / 10,
      ...(base.endpoints ? { endpoints: Math.max(1, Math.round((base.endpoints * scale) / 1)) } : {}),
    });
  }
  return out;
}

export const extraSites: SiteInput[] = [
  { name: 'dc-frankfurt', it_power_kw: 400, racks: 30, rack_units: 42, rack_kw: 20, liquid_cooling: false, pue: 1.3, usd_per_kwh: 0.14, usd_per_rack_month: 1500 },
  { name: 'dc-virginia', it_power_kw: 800, racks: 40, rack_units: 48, rack_kw: 40, liquid_cooling: true, pue: 1.2, usd_per_kwh: 0.07, usd_per_rack_month: 2500 },
];

type Cli = { code: number; out: string[]; err: string[] };
export async function cli(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Cli> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l), env });
  return { code, out, err };
}

function must(r: Cli, what: string): void {
  if (r.code !== 0) throw new Error(`${what} failed (exit ${r.code}): ${[...r.out, ...r.err].join('\n')}`);
}

/** `init --demo`, optionally replaced by N workloads on four sites, then `optimize`. */
export async function solvedDocument(file: string, opts: { workloads?: number; timeLimitS?: number; env?: NodeJS.ProcessEnv } = {}): Promise<void> {
  const env = opts.env ?? process.env;
  must(await cli(['init', file, '--demo'], env), 'init --demo');
  if (opts.workloads) {
    const doc = openDocument(file);
    try {
      doc.db.transaction(() => {
        doc.db.prepare('DELETE FROM workloads').run();
        insertWorkloads(doc.db, manyWorkloads(opts.workloads!).map((w) => WorkloadSchema.parse(w)));
        insertSites(doc.db, extraSites.map((s) => SiteSchema.parse(s)));
      })();
    } finally {
      doc.db.close();
    }
  }
  const args = ['optimize', file];
  if (opts.timeLimitS) args.push('--time-limit', String(opts.timeLimitS));
  must(await cli(args, env), 'optimize');
}

