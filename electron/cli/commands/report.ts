// fleetplan report PLAN OUT.pdf [--page A4|Letter] [--scenario NAME] [--solve]: prints the plan
// report of a scenario's latest solved plan to PDF with headless Chromium (report-pdf). Without a
// solved plan it exits 2 ("run fleetplan optimize first") unless --solve solves and stores one
// first. OUT is written via a temporary file and a rename: never half-written.
import fs from 'node:fs';
import path from 'node:path';
import { FleetError } from '../../../core/api.ts';
import { holdsPlan, readPageSize } from '../../../core/types.ts';
import { envReasonOfFleetError } from '../../backend/env-errors.ts';
import { createOptimizer, userDataDir, withApi, type Call } from '../api-client.ts';
import { badInput, CliError, EXIT_BAD_INPUT, EXIT_INFEASIBLE, EXIT_OK, parseCommandArgs, type Command, type CommandContext } from '../command.ts';
import { summarisePlan } from '../plan-summary.ts';
import { solveAndWait, solvingWhat } from '../solve.ts';

export const report: Command = {
  name: 'report',
  summary: 'print the plan report (cover, summary, fleet, sites, TCO charts, risks, sources) to PDF',
  usage: 'fleetplan report PLAN OUT.pdf [--page A4|Letter] [--scenario NAME] [--solve]',
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs(this, args, {
      page: { type: 'string' },
      scenario: { type: 'string' },
      solve: { type: 'boolean' },
    });
    const [file, out, ...extra] = positionals;
    if (!file || !out || extra.length) throw badInput(`expected PLAN and OUT.pdf\nusage: ${this.usage}`);
    // any case, as page_size=letter is (was: --page letter refused)
    const page = values.page === undefined ? undefined : readPageSize(values.page);
    if (page === null) throw badInput(`--page: "${values.page}" is not A4 or Letter`);
    const outAbs = path.resolve(out);
    if (!fs.existsSync(path.dirname(outAbs))) throw badInput(`${out}: folder ${path.dirname(outAbs)} does not exist`);
    if (fs.existsSync(outAbs) && fs.statSync(outAbs).isDirectory()) throw badInput(`${out} is a folder; give a file name such as plan.pdf`);
    // FLEETPLAN_RENDERER_DIR: a renderer build other than out/renderer (tests build their own)
    const rendererDir = ctx.env['FLEETPLAN_RENDERER_DIR'];
    const opts = {
      userDataDir: userDataDir(ctx.env),
      ...(rendererDir ? { rendererDir } : {}),
      ...(values.solve ? { optimizer: createOptimizer() } : {}),
    };
    return withApi(
      file,
      this.usage,
      async (call) => {
        try {
          let stored;
          try {
            stored = await call('plan-latest', values.scenario !== undefined ? { scenario: values.scenario } : {});
          } catch (e) {
            if (e instanceof FleetError && e.code !== 'internal') throw badInput(`--scenario: ${e.message}`);
            throw e;
          }
          const active = (await call('scenario-list', {})).find((x) => x.active)?.name;
          let scenario = stored?.scenario ?? values.scenario ?? active ?? '';
          if (!stored && !values.solve) {
            throw new CliError(EXIT_BAD_INPUT, `no solved plan for scenario ${scenario} — run fleetplan optimize first (or add --solve)`);
          }
          if (values.solve && (!stored || stored.stale)) scenario = await solveFirst(call, scenario, ctx);
          else if (stored?.stale) ctx.err(`warning: the inputs of scenario ${scenario} changed since its plan was solved; the report says so on its cover (add --solve to re-solve)`);

          const r = await call('report-pdf', { scenario, path: outAbs, ...(page ? { pageSize: page } : {}) });
          ctx.out(`wrote ${out}: ${r.pages} pages, ${(r.bytes / 1024).toFixed(0)} KB, ${(r.ms / 1000).toFixed(1)} s`);
          if (ctx.env['FLEETPLAN_DEBUG']) ctx.err(`phases (ms): ${JSON.stringify(r.phases)}`);
          return EXIT_OK;
        } catch (e) {
          // a refused write (read-only, disk full, busy) keeps its exit code 3
          if (e instanceof FleetError && !envReasonOfFleetError(e) && (e.code === 'not_found' || e.code === 'infeasible' || e.code === 'unavailable')) {
            throw new CliError(EXIT_INFEASIBLE, e.message);
          }
          throw e;
        }
      },
      opts,
    );
  },
};

/**
 * --solve: the optimize verb's work, for the report's scenario; its summary goes to stderr. Returns
 * the scenario's name now: renamed during the solve (Settings, another CLI), the report follows it.
 */
async function solveFirst(call: Call, scenario: string, ctx: CommandContext): Promise<string> {
  const { plan } = await solveAndWait(call, ctx, { scenario }, (s) => ctx.err(`solving scenario ${s.scenario}: ${solvingWhat(s)}`), ctx.err);
  const result = plan.result;
  for (const l of summarisePlan(result, { start: plan.input.settings.start_month, horizon: plan.input.settings.horizon_months, input: plan.input })) ctx.err(l);
  if (!holdsPlan(result.status)) {
    throw new CliError(EXIT_INFEASIBLE, `scenario ${scenario} has no plan (${result.status}); no report written`);
  }
  return plan.scenario;
}
