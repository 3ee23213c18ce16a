// Scenario repository: named settings sets (DESIGN 3.5, 7); exactly one is active and the
// CLI and the UI act on it. Settings are stored as full SettingsSchema JSON (defaults pinned).
import { FleetError } from '../../../core/api.ts';
import { SettingsSchema, keepBuyingOnce, type Settings } from '../../../core/types.ts';
import type { Db } from '../db.ts';
import { stmt } from './stmt.ts';
import { timed } from './timing.ts';

export type ScenarioRow = { id: number; name: string; settings: Settings; active: boolean };
type Raw = { id: number; name: string; settings: string; active: number };

function parseSettings(r: Raw): Settings {
  const res = SettingsSchema.safeParse(JSON.parse(r.settings));
  if (!res.success) {
    const i = res.error.issues[0]!;
    throw new FleetError('bad_input', `scenario "${r.name}": setting ${i.path.join('.')}: ${i.message}`);
  }
  return res.data;
}
const fromRaw = (r: Raw): ScenarioRow => ({ id: r.id, name: r.name, settings: parseSettings(r), active: r.active === 1 });

export const BASE_SCENARIO = 'Base';

export function listScenarios(db: Db): ScenarioRow[] {
  return timed('listScenarios', () =>
    (stmt(db, 'SELECT id, name, settings, active FROM scenarios ORDER BY id').all() as Raw[]).map(fromRaw));
}

export function findScenario(db: Db, name: string): ScenarioRow | undefined {
  const r = stmt(db, 'SELECT id, name, settings, active FROM scenarios WHERE name = ?').get(name) as Raw | undefined;
  return r && fromRaw(r);
}

/** The name a scenario has now (what a rename does not change is its id), or undefined once deleted. */
export function scenarioNameById(db: Db, id: number): string | undefined {
  return (stmt(db, 'SELECT name FROM scenarios WHERE id = ?').get(id) as { name: string } | undefined)?.name;
}

export function getScenario(db: Db, name?: string): ScenarioRow {
  if (name !== undefined) {
    const s = findScenario(db, name);
    if (!s) throw new FleetError('not_found', `no scenario named "${name}"`, { field: 'scenario' });
    return s;
  }
  const r = stmt(db, 'SELECT id, name, settings, active FROM scenarios WHERE active = 1').get() as Raw | undefined;
  if (!r) throw new FleetError('not_found', 'the document has no active scenario');
  return fromRaw(r);
}

/** Creates the Base scenario when the document has none (a new document). */
export function ensureBaseScenario(db: Db, settings?: Partial<Settings>): void {
  const n = (stmt(db, 'SELECT count(*) AS n FROM scenarios').get() as { n: number }).n;
  if (n === 0) createScenario(db, BASE_SCENARIO, { settings, activate: true });
  else if (!stmt(db, 'SELECT 1 FROM scenarios WHERE active = 1').get()) {
    stmt(db, 'UPDATE scenarios SET active = 1 WHERE id = (SELECT min(id) FROM scenarios)').run();
  }
}

/** New scenario with default settings, or a copy of `from`'s settings. */
export function createScenario(
  db: Db,
  name: string,
  opts: { from?: string; settings?: Partial<Settings>; activate?: boolean } = {},
): ScenarioRow {
  const trimmed = name.trim();
  if (!trimmed) throw new FleetError('bad_input', 'scenario name is required', { field: 'name' });
  return timed('createScenario', () =>
    db.transaction(() => {
      if (findScenario(db, trimmed)) throw new FleetError('conflict', `a scenario named "${trimmed}" already exists`, { field: 'name' });
      const base = opts.from !== undefined ? getScenario(db, opts.from).settings : {};
      const settings = SettingsSchema.parse({ ...base, ...opts.settings });
      stmt(db, 'INSERT INTO scenarios (name, settings, active, created_at) VALUES (?, ?, 0, ?)').run(
        trimmed,
        JSON.stringify(settings),
        new Date().toISOString(),
      );
      if (opts.activate) useScenario(db, trimmed);
      return getScenario(db, trimmed);
    })(),
  );
}

export function useScenario(db: Db, name: string): ScenarioRow {
  return timed('useScenario', () =>
    db.transaction(() => {
      const s = getScenario(db, name);
      stmt(db, 'UPDATE scenarios SET active = 0 WHERE active = 1').run();
      stmt(db, 'UPDATE scenarios SET active = 1 WHERE id = ?').run(s.id);
      return { ...s, active: true };
    })(),
  );
}

/** Renames a scenario; its plans and active flag follow it (they hang on its id). */
export function renameScenario(db: Db, name: string, to: string): ScenarioRow {
  const trimmed = to.trim();
  if (!trimmed) throw new FleetError('bad_input', 'scenario name is required', { field: 'to' });
  return timed('renameScenario', () =>
    db.transaction(() => {
      const s = getScenario(db, name);
      if (trimmed === s.name) return s;
      if (findScenario(db, trimmed)) throw new FleetError('conflict', `a scenario named "${trimmed}" already exists`, { field: 'to' });
      stmt(db, 'UPDATE scenarios SET name = ? WHERE id = ?').run(trimmed, s.id);
      return { ...s, name: trimmed };
    })(),
  );
}

export function deleteScenario(db: Db, name: string): void {
  timed('deleteScenario', () =>
    db.transaction(() => {
      const s = getScenario(db, name);
      const n = (stmt(db, 'SELECT count(*) AS n FROM scenarios').get() as { n: number }).n;
      if (n <= 1) throw new FleetError('conflict', `"${name}" is the only scenario; a document needs one`);
      stmt(db, 'DELETE FROM scenarios WHERE id = ?').run(s.id);
      if (s.active) stmt(db, 'UPDATE scenarios SET active = 1 WHERE id = (SELECT min(id) FROM scenarios)').run();
    })(),
  );
}

export function getSettings(db: Db, scenario?: string): Settings {
  return getScenario(db, scenario).settings;
}

/** Merges a validated patch; null clears an optional setting. */
export function setSettings(db: Db, patch: Partial<Settings>, scenario?: string): Settings {
  return timed('setSettings', () =>
    db.transaction(() => {
      const s = getScenario(db, scenario);
      const next = keepBuyingOnce(s.settings, { ...s.settings, ...patch });
      const res = SettingsSchema.safeParse(next);
      if (!res.success) {
        const i = res.error.issues[0]!;
        throw new FleetError('bad_input', `setting ${i.path.join('.')}: ${i.message}`, { field: i.path.join('.') });
      }
      stmt(db, 'UPDATE scenarios SET settings = ? WHERE id = ?').run(JSON.stringify(res.data), s.id);
      return res.data;
    })(),
  );
}
