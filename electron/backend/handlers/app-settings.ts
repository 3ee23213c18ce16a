// app-settings-*: preferences of this computer (../app-settings.ts); a change of the solver's
// worker count applies to the next solve (a running one keeps its workers).
import { FleetError } from '../../../core/api.ts';
import { appSettingsInfo, readAppSettings, writeAppSettings } from '../app-settings.ts';
import type { Backend } from '../backend.ts';
import type { Handlers } from './types.ts';

export function appSettingsHandlers(b: Backend) {
  return {
    'app-settings-get': () => appSettingsInfo(readAppSettings(b.appSettingsDir)),
    'app-settings-set': ({ patch }) => {
      const dir = b.appSettingsDir;
      if (dir == null) throw new FleetError('unavailable', 'this command keeps no preferences (no user-data folder)');
      const next = { ...readAppSettings(dir), ...patch };
      writeAppSettings(dir, next);
      b.optimizer?.setWorkers?.(next.solver_workers);
      return appSettingsInfo(next);
    },
  } satisfies Partial<Handlers>;
}
