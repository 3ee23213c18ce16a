// fleetplan export-lp PLAN OUT.lp: the plain MILP of the active scenario (DESIGN 5: periods,
// site limits as rows, no tightening) in CPLEX LP format with a header stating the problem and a name
// table, for re-solving with another solver (HiGHS, CBC, GLPK read it) and checking the plan.
import { exactLpV2 } from '../../../core/optimizer/v2/lp.ts';
import { periodGaps } from '../../../core/optimizer/v2/solve.ts';
import fs from 'node:fs';
import { planInput } from '../../backend/repo/plans.ts';
import { getScenario } from '../../backend/repo/scenarios.ts';
import { badInput, EXIT_OK, parseCommandArgs, type Command } from '../command.ts';
import { withPlan } from '../plan-file.ts';

export const exportLp: Command = {
  name: 'export-lp',
  summary: 'write the exact MILP of the active scenario as a CPLEX LP file',
  usage: 'fleetplan export-lp PLAN OUT.lp',
  async run(args, ctx) {
    const { positionals } = parseCommandArgs(this, args, {});
    const [file, out, ...extra] = positionals;
    if (!file || !out || extra.length) throw badInput(`expected PLAN and OUT.lp\nusage: ${this.usage}`);
    return withPlan(file, this.usage, (doc) => {
      const input = planInput(doc.db);
      const scenario = getScenario(doc.db).name;
      const lp = exactLpV2(input, scenario);
      try {
        fs.writeFileSync(out, lp.text);
      } catch (e) {
        throw badInput(`${out}: cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
      }
      if (input.settings.unserved_penalty_usd_per_month == null) for (const g of periodGaps(lp.model)) ctx.err(`warning: ${g} (the LP is infeasible)`);
      const m = lp.model;
      ctx.out(`wrote ${out}: ${m.numCols} variables, ${m.rows.length} constraints`);
      return EXIT_OK;
    });
  },
};
