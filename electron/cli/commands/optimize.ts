// fleetplan optimize PLAN [--json OUT] [--time-limit S] [--workers N]: solves the active scenario
// in the optimizer's worker threads (N of them; default the cores less one) (optimize-start, optimize-wait), which stores the plan with its input hash;
// prints a summary, writes DESIGN 8 JSON (--json - to stdout, the summary then to stderr). Exit 0 optimal/time_limit, 1 infeasible/no_plan
// (reason printed), 2 bad input (a scenario without workloads too: nothing to size), 3 a document that
// cannot be written (refused before solving).
import { optimizeJson } from '../../../core/optimizer/plan-json.ts';
import { MAX_WORKERS } from '../../../core/optimizer/v2/portfolio.ts';
import { readTypedNumber } from '../../../core/typed-number.ts';
import { isPlan, SANE } from '../../../core/types.ts';
import { createOptimizer, withApi } from '../api-client.ts';
import { badInput, EXIT_INFEASIBLE, EXIT_OK, parseCommandArgs, type Command } from '../command.ts';
import { checkOut, oneStdout, writeOut } from '../out-file.ts';
import { summarisePlan } from '../plan-summary.ts';
import { solveAndWait, solvingWhat } from '../solve.ts';


export const optimize: Command = {
  name: 'optimize',
  summary: 'find the least-cost fleet for the active scenario and store it (--json OUT writes the plan)',
  usage: 'fleetplan optimize PLAN [--json OUT] [--time-limit SECONDS] [--workers N]   (OUT = - for stdout)',
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs(this, args, {
      json: { type: 'string' },
      'time-limit': { type: 'string' },
      workers: { type: 'string' },
    });
    const [file, ...extra] = positionals;
    if (!file || extra.length) throw badInput(`expected one PLAN\nusage: ${this.usage}`);
    let timeLimit: number | undefined;
    if (values['time-limit'] != null) {
      // the one rule for typed numbers (1,5 is 1.5 s; 0x10 is not a number)
      const t = readTypedNumber(values['time-limit']);
      timeLimit = t?.ok ? t.value : Number.NaN;
      if (!(timeLimit > 0 && timeLimit <= SANE.time_limit_s)) {
        throw badInput(`--time-limit: "${values['time-limit']}" ${t && !t.ok && t.reason !== 'not a number' ? t.reason : `is not a number of seconds above 0 and at most ${SANE.time_limit_s.toLocaleString('en-US')}`}`);
      }
    }
    let workers: number | undefined;
    if (values.workers != null) {
      workers = Number(values.workers);
      if (!Number.isInteger(workers) || workers < 1 || workers > MAX_WORKERS) throw badInput(`--workers: "${values.workers}" is not a whole number of worker threads from 1 to ${MAX_WORKERS}`);
    }
    const jsonOut = checkOut('json', values.json);
    const say = oneStdout([jsonOut]) ? ctx.err : ctx.out;
    return withApi(
      file,
      this.usage,
      async (call) => {
        const { plan } = await solveAndWait(call, ctx, { ...(timeLimit !== undefined ? { timeLimitS: timeLimit } : {}), ...(workers !== undefined ? { workers } : {}) }, (s) => {
          ctx.err(`optimizing scenario ${s.scenario}: ${solvingWhat(s)}`);
        }, ctx.err);
        const result = plan.result;
        for (const l of summarisePlan(result, { start: plan.input.settings.start_month, horizon: plan.input.settings.horizon_months, input: plan.input })) say(l);
        if (jsonOut) writeOut(jsonOut, JSON.stringify(optimizeJson(result, plan.input), null, 2) + '\n', ctx);
        return isPlan(result) ? EXIT_OK : EXIT_INFEASIBLE;
      },
      { optimizer: createOptimizer() },
    );
  },
};

