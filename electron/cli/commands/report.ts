// fleetplan report PLAN OUT.pdf [--page A4|Letter] [--scenario NAME] [--solve]: prints the plan
// report of a scenario's latest solved plan to PDF with headless Chromium. Without a solved plan
// it exits 2 ("run fleetplan optimize first") unless --solve solves and stores one first.
// OUT is written via a temporary file and a rename: never half-written.
import fs from 'node:fs';
import path from 'node:path';
import { FleetError } from '../../../core/api.ts';
import { dispatcherFor } from '../../backend/api-handlers.ts';
import { Backend } from '../../backend/backend.ts';
import { generateReportPdf } from '../../backend/report.ts';
import { inputHash, planInput, storePlan } from '../../backend/repo/plans.ts';
import { badInput, CliError, EXIT_BAD_INPUT, EXIT_INFEASIBLE, EXIT_OK, parseCommandArgs, type Command } from '../command.ts';
import { openPlan } from '../plan-file.ts';
import { summarisePlan, workerUrl } from './optimize.ts';
import { userDataDir } from './serve.ts';

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
    const page = values.page;
    if (page !== undefined && page !== 'A4' && page !== 'Letter') throw badInput(`--page: "${page}" is not A4 or Letter`);
    const outAbs = path.resolve(out);
    if (!fs.existsSync(path.dirname(outAbs))) throw badInput(`${out}: folder ${path.dirname(outAbs)} does not exist`);
    if (fs.existsSync(outAbs) && fs.statSync(outAbs).isDirectory()) throw badInput(`${out} is a folder; give a file name such as plan.pdf`);

    openPlan(file, this.usage).db.close(); // a bad document is exit 2, before anything starts
    const backend = new Backend({ userDataDir: userDataDir(ctx.env) });
    try {
      backend.open(file);
      const dispatch = dispatcherFor(backend);
      const latest = await dispatch('plan-latest', values.scenario !== undefined ? { scenario: values.scenario } : {});
      if (!latest.ok) throw badInput(`--scenario: ${latest.error.message}`);
      const stored = latest.value;
      const list = await dispatch('scenario-list', {});
      const active = list.ok ? list.value.find((x) => x.active)?.name : undefined;
      const scenario = stored?.scenario ?? values.scenario ?? active ?? '';
      if (!stored && !values.solve) {
        throw new CliError(EXIT_BAD_INPUT, `no solved plan for scenario ${scenario} — run fleetplan optimize first (or add --solve)`);
      }
      if (values.solve && (!stored || stored.stale)) await solveInto(backend, scenario, ctx);
      else if (stored?.stale) ctx.err(`warning: the inputs of scenario ${scenario} changed since its plan was solved; the report says so on its cover (add --solve to re-solve)`);

      // FLEETPLAN_RENDERER_DIR: a renderer build other than out/renderer (tests build their own)
      const staticDir = ctx.env['FLEETPLAN_RENDERER_DIR'];
      const r = await generateReportPdf(backend, dispatch, {
        scenario,
        pageSize: page,
        path: outAbs,
        ...(staticDir ? { staticDir } : {}),
      });
      ctx.out(`wrote ${out}: ${r.pages} pages, ${(r.pdf.length / 1024).toFixed(0)} KB, ${(r.ms / 1000).toFixed(1)} s`);
      if (ctx.env['FLEETPLAN_DEBUG']) ctx.err(`phases (ms): ${JSON.stringify(r.phases)}`);
      return EXIT_OK;
    } catch (e) {
      if (e instanceof FleetError && (e.code === 'not_found' || e.code === 'infeasible')) throw new CliError(EXIT_INFEASIBLE, e.message);
      if (e instanceof FleetError && e.code === 'unavailable') throw new CliError(EXIT_INFEASIBLE, e.message);
      throw e;
    } finally {
      await backend.dispose();
    }
  },
};

/** --solve: the optimize command's work, for the report's scenario. */
async function solveInto(backend: Backend, scenario: string, ctx: Parameters<Command['run']>[1]): Promise<void> {
  const { OptimizerHost } = await import('../../backend/optimizer-host.ts');
  const input = planInput(backend.db, scenario);
  const hash = inputHash(input);
  ctx.err(`solving scenario ${scenario}: ${input.workloads.length} workloads, ${input.sites.length} sites, time limit ${input.settings.time_limit_s} s`);
  const host = new OptimizerHost(workerUrl());
  try {
    const id = host.start(input, { timeLimitS: input.settings.time_limit_s });
    const onAbort = () => host.cancel(id);
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    try {
      const result = await host.wait(id);
      storePlan(backend.db, { scenario, input, result, hash });
      for (const l of summarisePlan(result)) ctx.err(l);
      if (result.status === 'infeasible' || result.status === 'no_plan') {
        throw new CliError(EXIT_INFEASIBLE, `scenario ${scenario} has no plan (${result.status}); no report written`);
      }
    } finally {
      ctx.signal.removeEventListener('abort', onAbort);
    }
  } finally {
    await host.close();
  }
}
