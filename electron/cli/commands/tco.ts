// fleetplan tco PLAN [--csv OUT] [--wide-csv OUT] [--json OUT]: the TCO (DESIGN 6) of the active scenario's latest
// solved plan, against both baselines. The plan comes from plan-latest (costable): the inputs it
// was solved from (a stale plan is costed as solved, and says so); no solved plan: exit 2
// (optimize first); a plan without a fleet: exit 1. OUT files follow out-file.ts: written via a
// temporary file and a rename, never half-written; OUT = - is stdout (the summary then goes to stderr).
import { formatDateTimeUtc } from '../../../core/format.ts';
import { baselineComparisons } from '../../../core/tco/baselines.ts';
import { tcoCsv, tcoJson, tcoWideCsv } from '../../../core/tco/csv.ts';
import { computeTco } from '../../../core/tco/engine.ts';
import { summariseTco } from '../../../core/tco/summary.ts';
import { isPlan } from '../../../core/types.ts';
import { withApi } from '../api-client.ts';
import { badInput, EXIT_OK, parseCommandArgs, type Command } from '../command.ts';
import { checkOut, oneStdout, writeOut } from '../out-file.ts';

export const tco: Command = {
  name: 'tco',
  summary: 'month-by-month cost of the latest plan, with both baselines (--csv / --wide-csv / --json OUT)',
  usage: 'fleetplan tco PLAN [--csv OUT.csv] [--wide-csv OUT.csv (lines × months)] [--json OUT.json]   (OUT = - for stdout)',
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
    const say = oneStdout([csvOut, wideOut, jsonOut]) ? ctx.err : ctx.out;
    return withApi(file, this.usage, async (call) => {
      const stored = await call('plan-latest', { costable: true });
      if (!stored || !isPlan(stored.result)) throw new Error('plan-latest (costable) answered without a plan');
      const { scenario, input } = stored;
      const plan = stored.result;
      const report = computeTco(input, plan);
      const baselines = baselineComparisons(input, plan, report);
      say(`TCO of scenario ${scenario}, plan #${stored.id} solved ${formatDateTimeUtc(stored.solvedAt)}`);
      if (stored.stale) say('note: the inputs changed since this plan was solved; it is costed with the inputs it was solved from');
      for (const l of summariseTco(report, baselines, plan.periods?.length ?? 1)) say(l);
      const put = (out: typeof csvOut, text: () => string) => {
        if (!out) return;
        writeOut(out, text(), ctx);
        if (out.abs) ctx.err(`wrote ${out.abs}`);
      };
      // what each file costs, said in the file (csv.ts tcoExportNotes): the TCO view writes the same
      const source = { scenario, plan: stored };
      put(csvOut, () => tcoCsv(report, source, { baselines }));
      put(wideOut, () => tcoWideCsv(report, source));
      put(jsonOut, () => JSON.stringify(tcoJson(report, source, { baselines }), null, 2) + '\n');
      return EXIT_OK;
    });
  },
};

