// fleetplan export-lp PLAN OUT.lp: the exact MILP of the active scenario (DESIGN 5, no pruning,
// no cuts, site limits as rows) in CPLEX LP format with a header stating the problem and a name
// table, for re-solving with another solver (HiGHS, CBC, GLPK read it) and checking the plan.
import { usesPhasedEngine } from '../../../core/sizing.ts';
import { exactLpV2 } from '../../../core/optimizer/v2/lp.ts';
import { periodGaps } from '../../../core/optimizer/v2/solve.ts';
import fs from 'node:fs';
import { exactLp } from '../../../core/optimizer/lp-writer.ts';
import { noCandidateReason } from '../../../core/optimizer/explain.ts';
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
      // phased scenarios: the DESIGN 5 v2 model (periods); single-purchase ones: the v1 model
      const phased = usesPhasedEngine(input) ? exactLpV2(input, scenario) : null;
      const single = phased ? null : exactLp(input, scenario);
      try {
        fs.writeFileSync(out, (phased ?? single)!.text);
      } catch (e) {
        throw badInput(`${out}: cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
      }
      if (single) for (const e of single.model.workloads) if (e.xs.length === 0 && e.y == null) ctx.err(`warning: ${noCandidateReason(e, input)} (the LP is infeasible)`);
      if (phased && input.settings.unserved_penalty_usd_per_month == null) for (const g of periodGaps(phased.model)) ctx.err(`warning: ${g} (the LP is infeasible)`);
      const m = (phased ?? single)!.model;
      ctx.out(`wrote ${out}: ${m.numCols} variables, ${m.rows.length} constraints`);
      return EXIT_OK;
    });
  },
};
