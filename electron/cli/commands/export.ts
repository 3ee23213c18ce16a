// fleetplan export PLAN --workloads F.csv | --sites F.csv | --catalog F.json (DESIGN 7, 8).
// Files are written to a temporary name and renamed, so a failed export leaves no partial file.
// F = - writes to stdout (the summary line then goes to stderr). The text comes from csv-export
// and catalog-export.
import fs from 'node:fs';
import path from 'node:path';
import { withApi } from '../api-client.ts';
import { badInput, EXIT_OK, parseCommandArgs, type Command, type CommandContext } from '../command.ts';

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
  usage: 'fleetplan export PLAN --workloads F.csv | --sites F.csv | --catalog F.json   (F = - for stdout)',
  async run(args: string[], ctx: CommandContext) {
    const { values, positionals } = parseCommandArgs(this, args, {
      workloads: { type: 'string' },
      sites: { type: 'string' },
      catalog: { type: 'string' },
    });
    const [plan, ...extra] = positionals;
    if (extra.length) throw badInput(`unexpected argument "${extra[0]}"\nusage: ${this.usage}`);
    if (!values.workloads && !values.sites && !values.catalog) throw badInput(`nothing to export\nusage: ${this.usage}`);
    if ([values.workloads, values.sites, values.catalog].filter((f) => f === '-').length > 1) throw badInput('only one export can go to stdout (-)');
    // '-' is stdout: the content goes there as is, and the summary to stderr
    const put = (file: string, text: string) => (file === '-' ? ctx.write(text) : writeAtomic(file, text));
    const say = (file: string, line: string) => (file === '-' ? ctx.err(line) : ctx.out(line));
    await withApi(plan, this.usage, async (call) => {
      for (const kind of ['workloads', 'sites'] as const) {
        const file = values[kind];
        if (!file) continue;
        const { text } = await call('csv-export', { kind });
        put(file, text);
        const n = (await call('document-info', {})).counts[kind];
        say(file, `${file === '-' ? 'stdout' : file}: ${n} ${n === 1 ? kind.slice(0, -1) : kind} exported`);
      }
      if (values.catalog) {
        const { text } = await call('catalog-export', {});
        put(values.catalog, text);
        const c = JSON.parse(text) as { models: unknown[]; options: unknown[] };
        say(values.catalog, `${values.catalog === '-' ? 'stdout' : values.catalog}: ${c.options.length} options and ${c.models.length} models exported`);
      }
    });
    return EXIT_OK;
  },
};
