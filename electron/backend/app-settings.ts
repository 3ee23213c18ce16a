// Preferences of this computer (core/api.ts AppSettingsSchema), kept as JSON in the user-data
// folder beside recent.json: a plan document moved to another machine does not carry them. A
// missing or unreadable file reads as the defaults; a write is atomic.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppSettingsSchema, type AppSettings, type AppSettingsInfo } from '../../core/api.ts';
import { defaultWorkers } from '../../core/optimizer/v2/portfolio.ts';
import { writeFileAtomic } from './atomic-file.ts';

export const APP_SETTINGS_FILE = 'app-settings.json';
const DEFAULTS: AppSettings = { solver_workers: null };

export function readAppSettings(dir: string | null): AppSettings {
  if (dir == null) return { ...DEFAULTS };
  const file = path.join(dir, APP_SETTINGS_FILE);
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') console.warn(`[fleetplan] ${file} is unreadable (${(e as Error).message}); using the defaults`);
    return { ...DEFAULTS };
  }
  const parsed = AppSettingsSchema.partial().safeParse(raw);
  if (!parsed.success) {
    console.warn(`[fleetplan] ${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}; using the defaults`);
    return { ...DEFAULTS };
  }
  return { ...DEFAULTS, ...parsed.data };
}

export function writeAppSettings(dir: string, s: AppSettings): void {
  fs.mkdirSync(dir, { recursive: true });
  writeFileAtomic(path.join(dir, APP_SETTINGS_FILE), JSON.stringify(s, null, 1) + '\n');
}

export function appSettingsInfo(s: AppSettings): AppSettingsInfo {
  const cores = os.availableParallelism();
  return { ...s, cores, default_workers: defaultWorkers(cores) };
}
