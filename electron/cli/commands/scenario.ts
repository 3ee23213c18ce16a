// fleetplan scenario PLAN list | new NAME [--from NAME] | use NAME | delete NAME
import { FleetError } from '../../../core/api.ts';
import { createScenario, deleteScenario, listScenarios, useScenario } from '../../backend/repo/scenarios.ts';
import { scenarioInfos } from '../../backend/handlers/scenarios.ts';
import { badInput, EXIT_OK, parseCommandArgs, type Command } from '../command.ts';
import { withPlan } from '../plan-file.ts';

export const scenario: Command = {
  name: 'scenario',
  summary: 'list, create (new NAME [--from NAME]), switch to (use NAME) or delete scenarios',
  usage: 'fleetplan scenario PLAN list | new NAME [--from NAME] | use NAME | delete NAME',
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs(this, args, { from: { type: 'string' } });
    const [file, verb, name, ...extra] = positionals;
    if (!file || !verb) throw badInput(`expected PLAN and a subcommand\nusage: ${this.usage}`);
    if (extra.length) throw badInput(`unexpected "${extra[0]}"\nusage: ${this.usage}`);
    if (verb !== 'list' && !name) throw badInput(`scenario ${verb}: NAME is required\nusage: ${this.usage}`);
    if (values.from !== undefined && verb !== 'new') throw badInput(`--from goes with "new"\nusage: ${this.usage}`);
    await withPlan(file, this.usage, (doc) => {
      try {
        switch (verb) {
          case 'list':
            for (const s of scenarioInfos(doc.db, listScenarios(doc.db))) {
              const plan = s.hasPlan ? (s.planStale ? 'plan (stale)' : 'plan') : 'no plan';
              const buys = s.settings.purchase_interval_months >= s.settings.horizon_months ? 'buys in month 0' : `buys every ${s.settings.purchase_interval_months} months`;
              ctx.out(`${s.active ? '*' : ' '} ${s.name}\t${s.settings.start_month}, ${s.settings.horizon_months} months, ${buys}\t${plan}`);
            }
            break;
          case 'new':
            createScenario(doc.db, name!, { from: values.from });
            ctx.out(`created scenario ${name}${values.from ? ` (settings from ${values.from})` : ''}`);
            break;
          case 'use':
            useScenario(doc.db, name!);
            ctx.out(`active scenario: ${name}`);
            break;
          case 'delete':
            deleteScenario(doc.db, name!);
            ctx.out(`deleted scenario ${name}`);
            break;
          default:
            throw badInput(`unknown subcommand "${verb}"\nusage: ${this.usage}`);
        }
      } catch (e) {
        if (e instanceof FleetError && e.code !== 'internal') throw badInput(e.message);
        throw e;
      }
    });
    return EXIT_OK;
  },
};
