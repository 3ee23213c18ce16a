// fleetplan set PLAN KEY=VALUE …: scenario settings of DESIGN 3.5 on the active scenario.
// Values are parsed per setting type; `KEY=` clears an optional setting.
import { readShare } from '../../../core/share.ts';
import { dotReadNote, readTypedNumber } from '../../../core/typed-number.ts';
import { OPTIONAL_SETTINGS, SettingsPatchSchema, SettingsSchema, type Settings } from '../../../core/types.ts';
import { FleetError } from '../../../core/api.ts';
import { withApi } from '../api-client.ts';
import { badInput, EXIT_OK, parseCommandArgs, type Command } from '../command.ts';

type Key = keyof Settings;
const DEFAULTS = SettingsSchema.parse({ start_month: '2000-01' });
const KEYS = Object.keys(SettingsSchema.shape) as Key[];
const isOptional = (k: Key) => (OPTIONAL_SETTINGS as readonly string[]).includes(k);
const kindOf = (k: Key): 'number' | 'boolean' | 'string' => (isOptional(k) ? 'number' : (typeof DEFAULTS[k] as 'number' | 'boolean' | 'string'));

const TRUE = ['on', 'yes', 'true', '1'];
const FALSE = ['off', 'no', 'false', '0'];

/** Parses one KEY=VALUE into a patch entry; a bad key or value is exit 2 naming it. */
export function parseSetting(pair: string): [Key, unknown] {
  const eq = pair.indexOf('=');
  if (eq <= 0) throw badInput(`"${pair}": expected KEY=VALUE`);
  const key = pair.slice(0, eq).trim();
  const raw = pair.slice(eq + 1).trim();
  if (!(KEYS as string[]).includes(key)) throw badInput(`unknown setting "${key}" (settings: ${KEYS.join(', ')})`);
  const k = key as Key;
  if (raw === '') {
    if (!isOptional(k)) throw badInput(`${k}: cannot be cleared (only ${OPTIONAL_SETTINGS.join(', ')} can)`);
    return [k, null];
  }
  switch (kindOf(k)) {
    case 'number': {
      // the one rule for typed numbers (core/typed-number.ts): 1,5 is 1.5, 1,500,000 a million, 1,500 refused as ambiguous
      if (k === 'max_utilization') {
        // as the UI shows it (80 %) or as stored (0.8); a bare 2 or 1.2 is refused, not read as 2 %
        const u = readShare(raw);
        if (!u?.ok) throw badInput(`${k}: "${raw}" ${u?.reason === 'not a number' || !u ? 'is not a number (e.g. 80, 80% or 0.8)' : u.reason}`);
        if (!(u.value > 0 && u.value <= 1)) throw badInput(`${k}: "${raw}" is outside 0 < u ≤ 1 (a share of capacity; as a percent, above 0 and at most 100 %)`);
        return [k, u.value];
      }
      const n = readTypedNumber(raw);
      if (!n?.ok) throw badInput(`${k}: "${raw}" ${n?.reason === 'not a number' || !n ? 'is not a number' : n.reason}`);
      return [k, n.value];
    }
    case 'boolean': {
      const v = raw.toLowerCase();
      if (TRUE.includes(v)) return [k, true];
      if (FALSE.includes(v)) return [k, false];
      throw badInput(`${k}: "${raw}" is not on/off (also yes/no, true/false)`);
    }
    default:
      return [k, raw];
  }
}

export const set: Command = {
  name: 'set',
  summary: 'change settings of the active scenario: KEY=VALUE … (KEY= clears an optional one)',
  usage: `fleetplan set PLAN KEY=VALUE … (keys: ${KEYS.join(', ')})`,
  async run(args, ctx) {
    const { positionals } = parseCommandArgs(this, args, {});
    const [file, ...pairs] = positionals;
    if (!file || pairs.length === 0) throw badInput(`expected PLAN and at least one KEY=VALUE\nusage: ${this.usage}`);
    const patch: Record<string, unknown> = {};
    const notes: Record<string, string> = {};
    for (const p of pairs) {
      const [k, v] = parseSetting(p);
      patch[k] = v;
      // 2.500 is 2.5 by the typed-number rule: the echo says how it was read
      const note = typeof v === 'number' ? dotReadNote(p.slice(p.indexOf('=') + 1)) : undefined;
      if (note) notes[k] = note;
    }
    const checked = SettingsPatchSchema.safeParse(patch);
    if (!checked.success) {
      const i = checked.error.issues[0]!;
      const key = i.path.join('.');
      throw badInput(`${key}: ${i.message}${key in patch ? ` (got ${String(patch[key])})` : ''}`);
    }
    await withApi(file, this.usage, async (call) => {
      const scenario = (await call('scenario-list', {})).find((x) => x.active)?.name ?? '';
      const prev = await call('settings-get', {});
      let next: Settings;
      try {
        next = await call('settings-set', { patch: patch as Partial<Settings> });
      } catch (e) {
        if (e instanceof FleetError && e.code !== 'internal') throw badInput(e.message.replace(/^(patch\.)?setting /, '').replace(/^patch\./, ''));
        throw e;
      }
      for (const k of Object.keys(patch) as Key[]) {
        // a share is echoed with its percent, so 0.02 cannot pass for 2
        const pct = k === 'max_utilization' ? ` (${Number((next[k] * 100).toPrecision(12))} %)` : '';
        ctx.out(`${scenario}: ${k} = ${shown(next[k])}${pct}${notes[k] ? ` (${notes[k]})` : ''}`);
      }
      // a setting the change moved without naming it (a scenario that buys once keeps buying once)
      for (const k of KEYS) {
        if (!(k in patch) && next[k] !== prev[k]) {
          const why = k === 'purchase_interval_months' ? `follows horizon_months: the scenario buys everything at the start; set ${k} to buy in periods` : 'changed with the settings given';
          ctx.out(`${scenario}: ${k} = ${shown(next[k])} (${why})`);
        }
      }
    });
    return EXIT_OK;
  },
};

/** A setting's value as DESIGN 3.5 writes it: residual_value is on/off (was echoed as true/false). */
function shown(v: Settings[keyof Settings]): string {
  return v === null ? '(none)' : typeof v === 'boolean' ? (v ? 'on' : 'off') : String(v);
}
