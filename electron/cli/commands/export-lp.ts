// fleetplan export-lp PLAN OUT.lp: the exact MILP of the active scenario (DESIGN 5, no pruning,
// no cuts, site limits as rows) in CPLEX LP format with a header stating the problem and a name
// table, for re-solving with another solver (HiGHS, CBC, GLPK read it) and checking the plan.
import fs from 'node:fs';
import { withApi } from '../api-client.ts';
import { badInput, EXIT_OK, parseCommandArgs, type Command } from '../command.ts';

export const exportLp: Command = {
  name: 'export-lp',
  summary: 'write the exact MILP of the active scenario as a CPLEX LP file',
  usage: 'fleetplan export-lp PLAN OUT.lp',
  async run(args, ctx) {
    const { positionals } = parseCommandArgs(this, args, {});
    const [file, out, ...extra] = positionals;
    if (!file || !out || extra.length) throw badInput(`expected PLAN and OUT.lp\nusage: ${this.usage}`);
    return withApi(file, this.usage, async (call) => {
      const lp = await call('lp-export', {});
      try {
        fs.writeFileSync(out, lp.text);
      } catch (e) {
        throw badInput(`${out}: cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
      }
      for (const w of lp.warnings) ctx.err(`warning: ${w} (the LP is infeasible)`);
      ctx.out(`wrote ${out}: ${lp.variables} variables, ${lp.constraints} constraints`);
      return EXIT_OK;
    });
  },
};
