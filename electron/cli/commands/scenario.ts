// fleetplan scenario PLAN list | new NAME [--from NAME] | use NAME | rename OLD NEW | delete NAME
import { FleetError } from '../../../core/api.ts';
import { runWithoutPlanLabel } from '../../../core/labels.ts';
import { withApi } from '../api-client.ts';
import { badInput, EXIT_OK, parseCommandArgs, type Command } from '../command.ts';

export const scenario: Command = {
  name: 'scenario',
  summary: 'list, create (new NAME [--from NAME]), switch to (use NAME), rename (rename OLD NEW) or delete scenarios',
  usage: 'fleetplan scenario PLAN list | new NAME [--from NAME] | use NAME | rename OLD NEW | delete NAME',
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs(this, args, { from: { type: 'string' } });
    const [file, verb, name, ...rest] = positionals;
    const to = verb === 'rename' ? rest.shift() : undefined;
    const extra = rest;
    if (!file || !verb) throw badInput(`expected PLAN and a subcommand\nusage: ${this.usage}`);
    if (verb === 'rename' && (!name || !to)) throw badInput(`scenario rename: OLD and NEW names are required\nusage: ${this.usage}`);
    if (extra.length) throw badInput(`unexpected "${extra[0]}"\nusage: ${this.usage}`);
    if (verb !== 'list' && !name) throw badInput(`scenario ${verb}: NAME is required\nusage: ${this.usage}`);
    if (values.from !== undefined && verb !== 'new') throw badInput(`--from goes with "new"\nusage: ${this.usage}`);
    await withApi(file, this.usage, async (call) => {
      try {
        switch (verb) {
          case 'list':
            for (const s of await call('scenario-list', {})) {
              const plan = s.hasPlan ? `${runWithoutPlanLabel(s.planStatus) ?? 'plan'}${s.planStale ? ' (stale)' : ''}` : 'no plan';
              const I = s.settings.purchase_interval_months;
              const buys = I >= s.settings.horizon_months ? 'buys everything at the start' : I === 1 ? 'buys every month' : `buys every ${I} months`;
              ctx.out(`${s.active ? '*' : ' '} ${s.name}\t${s.settings.start_month}, ${s.settings.horizon_months} months, ${buys}\t${plan}`);
            }
            break;
          case 'new': {
            // the name as stored (trimmed, NFC), not as typed; creating does not switch (DESIGN 8:
            // `new` and `use` are two verbs, and the app's "New scenario" leaves the active one
            // active too), so it says which scenario `set`, `optimize` and `tco` still act on
            const made = (await call('scenario-new', { name: name!, ...(values.from !== undefined ? { from: values.from } : {}) })).name;
            ctx.out(`created scenario ${made}${values.from ? ` (settings from ${values.from})` : ''}`);
            const active = (await call('scenario-list', {})).find((s) => s.active)?.name;
            if (active && active !== made) ctx.out(`active scenario is still ${active}; \`fleetplan scenario PLAN use ${made}\` to work on the new one`);
            break;
          }
          case 'use':
            ctx.out(`active scenario: ${(await call('scenario-use', { name: name! })).name}`);
            break;
          case 'rename':
            await call('scenario-rename', { name: name!, to: to! });
            ctx.out(`renamed scenario ${name} to ${to!.trim()}`);
            break;
          case 'delete':
            await call('scenario-delete', { name: name! });
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
