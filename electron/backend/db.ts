// Opens a plan document (one better-sqlite3 writer connection, WAL, foreign keys) and brings it
// to the latest schema with forward-only numbered migrations; backs the file up first.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { FleetError } from '../../core/api.ts';

export type Db = Database.Database;
export type Migration = { version: number; name: string; sql: string };

const FILE_RE = /^(\d{4})_([A-Za-z0-9_-]+)\.sql$/;

/** The migrations folder of a checkout (DEV and CLI); a bundled build passes strings instead. */
export function defaultMigrationsDir(): string {
  return fileURLToPath(new URL('../../migrations/', import.meta.url));
}

/** Parses `{ '0010_init.sql': sql, … }` (file name or any path ending in it) into migrations. */
export function migrationsFromFiles(files: Record<string, string>): Migration[] {
  const list: Migration[] = [];
  for (const [key, sql] of Object.entries(files)) {
    const base = key.split(/[\\/]/).pop() ?? key;
    if (!base.endsWith('.sql')) continue;
    const m = FILE_RE.exec(base);
    if (!m) throw new Error(`migration file name "${base}" must look like 0010_name.sql`);
    const version = Number(m[1]);
    if (version <= 0 || version % 10 !== 0) throw new Error(`migration "${base}": numbers go in steps of 10`);
    list.push({ version, name: base, sql });
  }
  list.sort((a, b) => a.version - b.version);
  for (let i = 1; i < list.length; i++) {
    if (list[i]!.version === list[i - 1]!.version) {
      throw new Error(`two migrations share number ${list[i]!.version}: ${list[i - 1]!.name}, ${list[i]!.name}`);
    }
  }
  return list;
}

/** Reads NNNN_name.sql files of a folder (default: the repo's migrations/). */
export function loadMigrations(dir = defaultMigrationsDir()): Migration[] {
  const files: Record<string, string> = {};
  for (const f of fs.readdirSync(dir)) {
    if (FILE_RE.test(f)) files[f] = fs.readFileSync(path.join(dir, f), 'utf8');
  }
  return migrationsFromFiles(files);
}

export function latestVersion(migrations: Migration[]): number {
  return migrations.length ? migrations[migrations.length - 1]!.version : 0;
}

export type OpenOptions = {
  /** create the file when it does not exist (default false: a missing file is an error) */
  create?: boolean;
  migrations?: Migration[];
  /** called with the backup path when a backup was written before migrating */
  onBackup?: (backupPath: string) => void;
};

export type MigrateReport = { from: number; to: number; backup: string | null };

function userVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Opens (or creates) a document and migrates it. Throws FleetError('conflict') for a document
 * written by a newer FleetPlan and FleetError('bad_input') for a file that is not a document.
 */
export function openDb(file: string, opts: OpenOptions = {}): { db: Db; migration: MigrateReport } {
  const abs = path.resolve(file);
  const exists = fs.existsSync(abs);
  if (!exists && !opts.create) throw new FleetError('not_found', `${abs}: no such plan document`);
  if (exists && fs.statSync(abs).isDirectory()) throw new FleetError('bad_input', `${abs} is a folder, not a plan document`);
  let db: Db;
  try {
    db = new Database(abs);
  } catch (e) {
    throw new FleetError('bad_input', `${abs}: cannot open (${(e as Error).message})`);
  }
  try {
    try {
      db.pragma('journal_mode = WAL');
    } catch (e) {
      throw new FleetError('bad_input', `${abs} is not a FleetPlan document (${(e as Error).message})`);
    }
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    const migration = migrate(db, abs, opts.migrations ?? loadMigrations(), opts.onBackup);
    return { db, migration };
  } catch (e) {
    db.close();
    throw e;
  }
}

/** Applies pending migrations, each in its own transaction ending in `PRAGMA user_version = N`. */
export function migrate(db: Db, file: string, migrations: Migration[], onBackup?: (p: string) => void): MigrateReport {
  const from = userVersion(db);
  const latest = latestVersion(migrations);
  if (from > latest) {
    throw new FleetError(
      'conflict',
      `${file} was written by a newer FleetPlan (schema ${from}, this app knows ${latest}); update FleetPlan to open it.`,
      { schema: from, known: latest },
    );
  }
  const pending = migrations.filter((m) => m.version > from);
  if (pending.length === 0) return { from, to: from, backup: null };
  const tables = db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'`).get() as { n: number };
  if (from === 0 && tables.n > 0) {
    throw new FleetError('bad_input', `${file} is an SQLite file but not a FleetPlan document (it has tables and no schema version)`);
  }
  let backup: string | null = null;
  if (from > 0 && file !== ':memory:') {
    backup = backupPath(file, from);
    // VACUUM INTO writes a consistent copy even with a live WAL.
    db.prepare('VACUUM INTO ?').run(backup);
    onBackup?.(backup);
  }
  for (const m of pending) {
    const apply = db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    });
    try {
      apply();
    } catch (e) {
      throw new FleetError(
        'internal',
        `migration ${m.name} failed on ${file}: ${(e as Error).message}` + (backup ? ` (backup kept at ${backup})` : ''),
      );
    }
  }
  const fk = db.pragma('foreign_key_check') as unknown[];
  if (fk.length) throw new FleetError('internal', `after migrating ${file}: ${fk.length} foreign key violations`);
  return { from, to: latest, backup };
}

function backupPath(file: string, version: number): string {
  const base = `${file}.bak-v${version}`;
  if (!fs.existsSync(base)) return base;
  for (let i = 1; ; i++) {
    const p = `${base}.${i}`;
    if (!fs.existsSync(p)) return p;
  }
}

/** The schema as text (sqlite_master, sorted), for the snapshot test. */
export function schemaText(db: Db): string {
  const rows = db
    .prepare(
      `SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type, name`,
    )
    .all() as { type: string; name: string; sql: string }[];
  const version = db.pragma('user_version', { simple: true }) as number;
  return [`PRAGMA user_version = ${version};\n`, ...rows.map((r) => `${r.sql.trim()};\n`)].join('\n');
}

/** Writes a consistent copy of the open document to `target` (replacing it). */
export function copyDbTo(db: Db, target: string): void {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(target + suffix, { force: true });
  db.prepare('VACUUM INTO ?').run(target);
}
