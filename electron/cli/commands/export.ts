// fleetplan export PLAN --workloads F.csv | --sites F.csv | --catalog F.json (DESIGN 7, 8).
// Files follow out-file.ts: written to a temporary name and renamed, so a failed export leaves no
// partial file; F = - writes to stdout (the summary line then goes to stderr). The text comes from
// csv-export and catalog-export.
import { withApi } from '../api-client.ts';
import { badInput, EXIT_OK, parseCommandArgs, type Command, type CommandContext } from '../command.ts';
import { checkOut, oneStdout, writeOut } from '../out-file.ts';

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
    const outs = { workloads: checkOut(null, values.workloads), sites: checkOut(null, values.sites), catalog: checkOut(null, values.catalog) };
    oneStdout(Object.values(outs));
    // '-' is stdout: the content goes there as is, and the summary to stderr
    const put = (kind: keyof typeof outs, text: string) => writeOut(outs[kind]!, text, ctx);
    const say = (file: string, line: string) => (file === '-' ? ctx.err(line) : ctx.out(line));
    await withApi(plan, this.usage, async (call) => {
      for (const kind of ['workloads', 'sites'] as const) {
        const file = values[kind];
        if (!file) continue;
        const { text } = await call('csv-export', { kind });
        put(kind, text);
        const n = (await call('document-info', {})).counts[kind];
        say(file, `${file === '-' ? 'stdout' : file}: ${n} ${n === 1 ? kind.slice(0, -1) : kind} exported`);
      }
      if (values.catalog) {
        const { text } = await call('catalog-export', {});
        put('catalog', text);
        const c = JSON.parse(text) as { models: unknown[]; options: unknown[] };
        say(values.catalog, `${values.catalog === '-' ? 'stdout' : values.catalog}: ${c.options.length} options and ${c.models.length} models exported`);
      }
    });
    return EXIT_OK;
  },
};
