// fleetplan tco PLAN [--csv OUT] [--wide-csv OUT] [--json OUT]: the TCO (DESIGN 6) of the active scenario's latest
// solved plan, against both baselines. The plan comes from plan-latest (costable): the inputs it
// was solved from (a stale plan is costed as solved, and says so); no solved plan: exit 2
// (optimize first); a plan without a fleet: exit 1. Files are written via a temporary file and a
// rename, never half-written.
import fs from 'node:fs';
import path from 'node:path';
import { baselineComparisons } from '../../../core/tco/baselines.ts';
import { tcoCsv, tcoJson, tcoWideCsv } from '../../../core/tco/csv.ts';
import { computeTco } from '../../../core/tco/engine.ts';
import { summariseTco } from '../../../core/tco/summary.ts';
import { withApi } from '../api-client.ts';
import { badInput, EXIT_OK, parseCommandArgs, type Command } from '../command.ts';

function checkOut(flag: string, out: string | undefined): string | undefined {
  if (out == null) return undefined;
  const abs = path.resolve(out);
  if (!fs.existsSync(path.dirname(abs))) throw badInput(`--${flag} ${out}: folder ${path.dirname(abs)} does not exist`);
  if (fs.existsSync(abs) && fs.statSync(abs).isDirectory()) throw badInput(`--${flag} ${out} is a folder; give a file name`);
  return abs;
}

function writeAtomic(flag: string, abs: string, text: string): void {
  const tmp = `${abs}.tmp-${process.pid}`;
  try {
    fs.writeFileSync(tmp, text, 'utf8');
    fs.renameSync(tmp, abs);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw badInput(`--${flag} ${abs}: cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

export const tco: Command = {
  name: 'tco',
  summary: 'month-by-month cost of the latest plan, with both baselines (--csv / --wide-csv / --json OUT)',
  usage: 'fleetplan tco PLAN [--csv OUT.csv] [--wide-csv OUT.csv (lines × months)] [--json OUT.json]',
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs(this, args, {
      csv: { type: 'string' },
      'wide-csv': { type: 'string' },
      json: { type: 'string' },
    });
    const [file, ...extra] = positionals;
    if (!file || extra.length) throw badInput(`expected one PLAN\nusage: ${this.usage}`);
    const csvOut = checkOut('csv', values.csv);
    const wideOut = checkOut('wide-csv', values['wide-csv']);
    const jsonOut = checkOut('json', values.json);
    return withApi(file, this.usage, async (call) => {
      const stored = await call('plan-latest', { costable: true });
      if (!stored) throw new Error('plan-latest (costable) answered without a plan');
      const { scenario, input, result: plan } = stored;
      const report = computeTco(input, plan);
      const baselines = baselineComparisons(input, plan, report);
      ctx.out(`TCO of scenario ${scenario}, plan #${stored.id} solved ${stored.solvedAt}`);
      if (stored.stale) ctx.out('note: the inputs changed since this plan was solved; it is costed with the inputs it was solved from');
      for (const l of summariseTco(report, baselines)) ctx.out(l);
      if (csvOut) {
        writeAtomic('csv', csvOut, tcoCsv(report, { baselines }));
        ctx.err(`wrote ${csvOut}`);
      }
      if (wideOut) {
        writeAtomic('wide-csv', wideOut, tcoWideCsv(report));
        ctx.err(`wrote ${wideOut}`);
      }
      if (jsonOut) {
        const j = tcoJson(report, { baselines, scenario, plan_id: stored.id, stale: stored.stale });
        writeAtomic('json', jsonOut, JSON.stringify(j, null, 2) + '\n');
        ctx.err(`wrote ${jsonOut}`);
      }
      return EXIT_OK;
    });
  },
};

