// fleetplan export PLAN --workloads F.csv | --sites F.csv | --catalog F.json (DESIGN 7, 8).
// Files are written to a temporary name and renamed, so a failed export leaves no partial file.
import fs from 'node:fs';
import path from 'node:path';
import { exportCatalogJson, exportCsv } from '../../backend/import.ts';
import { countSites } from '../../backend/repo/sites.ts';
import { countWorkloads } from '../../backend/repo/workloads.ts';
import { badInput, EXIT_OK, parseCommandArgs, type Command, type CommandContext } from '../command.ts';
import { withPlan } from '../plan-file.ts';

function writeAtomic(file: string, text: string): void {
  const abs = path.resolve(file);
  if (!fs.existsSync(path.dirname(abs))) throw badInput(`${file}: folder ${path.dirname(abs)} does not exist`);
  const tmp = `${abs}.tmp-${process.pid}`;
  try {
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, abs);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw badInput(`${file}: cannot write (${(e as Error).message})`);
  }
}

export const exportCommand: Command = {
  name: 'export',
  summary: 'export workloads or sites (CSV) or the whole catalog (JSON)',
  usage: 'fleetplan export PLAN --workloads F.csv | --sites F.csv | --catalog F.json',
  async run(args: string[], ctx: CommandContext) {
    const { values, positionals } = parseCommandArgs(this, args, {
      workloads: { type: 'string' },
      sites: { type: 'string' },
      catalog: { type: 'string' },
    });
    const [plan, ...extra] = positionals;
    if (extra.length) throw badInput(`unexpected argument "${extra[0]}"\nusage: ${this.usage}`);
    if (!values.workloads && !values.sites && !values.catalog) throw badInput(`nothing to export\nusage: ${this.usage}`);
    await withPlan(plan, this.usage, (doc) => {
      for (const kind of ['workloads', 'sites'] as const) {
        const file = values[kind];
        if (!file) continue;
        const text = exportCsv(doc.db, kind);
        writeAtomic(file, text);
        const n = kind === 'workloads' ? countWorkloads(doc.db) : countSites(doc.db);
        ctx.out(`${file}: ${n} ${n === 1 ? kind.slice(0, -1) : kind} exported`);
      }
      if (values.catalog) {
        const text = exportCatalogJson(doc.db);
        writeAtomic(values.catalog, text);
        const c = JSON.parse(text) as { models: unknown[]; options: unknown[] };
        ctx.out(`${values.catalog}: ${c.options.length} options and ${c.models.length} models exported`);
      }
    });
    return EXIT_OK;
  },
};
