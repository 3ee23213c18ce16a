// fleetplan export-lp PLAN OUT.lp: the plain MILP of the active scenario (DESIGN 5: periods,
// site limits as rows, no tightening) in CPLEX LP format with a header stating the problem and a
// name table (lp-export), for re-solving with another solver (HiGHS, CBC, GLPK read it); OUT = - is
// stdout (out-file.ts).
import { withApi } from '../api-client.ts';
import { badInput, EXIT_OK, parseCommandArgs, type Command } from '../command.ts';
import { checkOut, writeOut } from '../out-file.ts';

export const exportLp: Command = {
  name: 'export-lp',
  summary: 'write the exact MILP of the active scenario as a CPLEX LP file',
  usage: 'fleetplan export-lp PLAN OUT.lp   (OUT = - for stdout)',
  async run(args, ctx) {
    const { positionals } = parseCommandArgs(this, args, {});
    const [file, out, ...extra] = positionals;
    if (!file || !out || extra.length) throw badInput(`expected PLAN and OUT.lp\nusage: ${this.usage}`);
    const target = checkOut(null, out)!;
    return withApi(file, this.usage, async (call) => {
      const lp = await call('lp-export', {});
      writeOut(target, lp.text, ctx);
      for (const w of lp.warnings) ctx.err(`warning: ${w} (the LP is infeasible)`);
      (target.abs ? ctx.out : ctx.err)(`wrote ${target.abs ? out : 'stdout'}: ${lp.variables} variables, ${lp.constraints} constraints`);
      return EXIT_OK;
    });
  },
};
