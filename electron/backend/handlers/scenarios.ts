// scenario-*, settings-*: named settings sets; the active one is what the UI and CLI act on.
import type { ScenarioInfo } from '../../../core/api.ts';
import type { Backend } from '../backend.ts';
import type { Db } from '../db.ts';
import { assertFresh } from '../repo/changes.ts';
import { latestRun, planInput, staleAgainst } from '../repo/plans.ts';
import {
  createScenario,
  deleteScenario,
  getScenario,
  getSettings,
  listScenarios,
  renameScenario,
  setSettings,
  useScenario,
  type ScenarioRow,
} from '../repo/scenarios.ts';
import type { Handlers } from './types.ts';

/** ScenarioInfo for some scenarios; the shared inputs are read once, not per scenario. */
export function scenarioInfos(db: Db, rows: ScenarioRow[]): ScenarioInfo[] {
  let shared: ReturnType<typeof planInput> | undefined;
  return rows.map((s) => {
    const run = latestRun(db, s.id);
    let planStale = false;
    if (run !== null) {
      shared ??= planInput(db, s.name);
      planStale = staleAgainst({ ...shared, settings: s.settings })(run.hash);
    }
    return { id: s.id, name: s.name, active: s.active, settings: s.settings, hasPlan: run !== null, planStatus: run?.status ?? null, planStale };
  });
}

export function scenarioHandlers(b: Backend) {
  const one = (name: string): ScenarioInfo => scenarioInfos(b.db, [getScenario(b.db, name)])[0]!;
  return {
    'scenario-list': () => scenarioInfos(b.db, listScenarios(b.db)),
    'scenario-new': ({ name, from }) => one(createScenario(b.db, name, { from }).name),
    'scenario-use': ({ name }) => one(useScenario(b.db, name).name),
    'scenario-delete': ({ name, baseRevision }) =>
      b.db.transaction(() => {
        assertFresh(b.db, baseRevision, [{ kind: 'scenario', key: name }]);
        deleteScenario(b.db, name);
        return { deleted: name };
      })(),
    'scenario-rename': ({ name, to, baseRevision }) =>
      b.db.transaction(() => {
        assertFresh(b.db, baseRevision, [{ kind: 'scenario', key: name }]);
        return one(renameScenario(b.db, name, to).name);
      })(),
    'settings-get': () => getSettings(b.db),
    'settings-set': ({ patch, scenario, baseRevision }) =>
      b.db.transaction(() => {
        assertFresh(b.db, baseRevision, [{ kind: 'scenario', key: scenario ?? getScenario(b.db).name }]);
        return setSettings(b.db, patch, scenario);
      })(),
  } satisfies Partial<Handlers>;
}
