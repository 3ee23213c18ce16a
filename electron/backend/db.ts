// Opens a plan document (one better-sqlite3 writer connection, WAL, foreign keys) and brings it
// to the latest schema with forward-only numbered migrations; backs the file up first.
// Invariant: a file is never written (not even switched to WAL) before it is known to be a
// FleetPlan document this app can open: it is probed read-only first (header, application_id,
// schema version, tables), and a file that cannot be written is opened read-only. The only SQL
// outside repo/ is here: opening, probing and migrating a file.
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

/** SQLite `PRAGMA application_id` of a FleetPlan document: "FLPT". */
export const APPLICATION_ID = 0x464c5054;
/** How long a writer waits for another process's lock before giving up (ms). */
export const BUSY_TIMEOUT_MS = 10_000;
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

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
  const migrations = opts.migrations ?? loadMigrations();
  const writable = exists ? probeDocument(abs, latestVersion(migrations)) : true;
  let db: Db;
  try {
    db = new Database(abs, writable ? {} : { readonly: true, fileMustExist: true });
  } catch (e) {
    throw new FleetError('bad_input', `${abs}: cannot open (${(e as Error).message})`);
  }
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    if (!writable) {
      if (userVersion(db) < latestVersion(migrations)) {
        throw new FleetError('unavailable', `cannot write ${abs}: read-only (it needs upgrading to this FleetPlan's schema first)`, { reason: 'read_only' });
      }
      return { db, migration: { from: userVersion(db), to: userVersion(db), backup: null } };
    }
    if (!exists) db.pragma(`application_id = ${APPLICATION_ID}`);
    try {
      db.pragma('journal_mode = WAL');
    } catch (e) {
      throw new FleetError('bad_input', `${abs} is not a FleetPlan document (${(e as Error).message})`);
    }
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    immediateTransactions(db);
    const migration = migrate(db, abs, migrations, opts.onBackup);
    // documents made before the application_id was set get it on their first writable open
    if ((db.pragma('application_id', { simple: true }) as number) !== APPLICATION_ID) db.pragma(`application_id = ${APPLICATION_ID}`);
    return { db, migration };
  } catch (e) {
    db.close();
    throw e;
  }
}

/**
 * Makes `db.transaction(fn)()` begin IMMEDIATE: a deferred transaction that reads and then
 * writes fails at once with SQLITE_BUSY when another process committed in between (the busy
 * timeout cannot help an upgrade), so writers take the lock up front and wait for it instead.
 */
function immediateTransactions(db: Db): void {
  const original = db.transaction.bind(db);
  db.transaction = ((fn: (...args: never[]) => unknown) => {
    const tx = original(fn);
    return Object.assign((...args: never[]) => tx.immediate(...args), tx);
  }) as Db['transaction'];
}

/**
 * Decides, without writing a byte, whether an existing file is a FleetPlan document this app
 * may open: returns whether it can be opened for writing, throws FleetError otherwise.
 */
export function probeDocument(abs: string, latest: number): boolean {
  const header = Buffer.alloc(100);
  let n = 0;
  try {
    const fd = fs.openSync(abs, 'r');
    try {
      n = fs.readSync(fd, header, 0, 100, 0);
    } finally {
      fs.closeSync(fd);
    }
  } catch (e) {
    throw new FleetError('bad_input', `${abs}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  if (n === 0) throw new FleetError('bad_input', `${abs} is empty (0 bytes), not a FleetPlan document; it was left as it is`);
  if (n < 100 || !header.subarray(0, 16).equals(SQLITE_MAGIC)) {
    throw new FleetError('bad_input', `${abs} is not a FleetPlan document (not an SQLite file); it was left as it is`);
  }
  const appId = header.readUInt32BE(68);
  if (appId !== 0 && appId !== APPLICATION_ID) {
    throw new FleetError(
      'bad_input',
      `${abs} is an SQLite file of another program (application_id 0x${appId.toString(16)}), not a FleetPlan document; it was left as it is`,
    );
  }
  let probe: Db;
  try {
    probe = new Database(abs, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw new FleetError('bad_input', `${abs}: cannot open (${(e as Error).message})`);
  }
  try {
    probe.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    let version: number;
    let tables: Set<string>;
    try {
      version = userVersion(probe);
      tables = new Set(
        (probe.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((r) => r.name),
      );
    } catch (e) {
      throw new FleetError('bad_input', `${abs} is not a FleetPlan document (${(e as Error).message}); it was left as it is`);
    }
    if (version > latest) {
      throw new FleetError(
        'conflict',
        `${abs} was written by a newer FleetPlan (schema ${version}, this app knows ${latest}); update FleetPlan to open it.`,
        { schema: version, known: latest },
      );
    }
    const ours = appId === APPLICATION_ID || (version > 0 && ['meta', 'scenarios', 'plans'].every((t) => tables.has(t)));
    if (!ours) {
      throw new FleetError(
        'bad_input',
        tables.size === 0
          ? `${abs} is an empty SQLite file, not a FleetPlan document; it was left as it is`
          : `${abs} is an SQLite file but not a FleetPlan document; it was left as it is`,
      );
    }
  } finally {
    probe.close();
  }
  return isWritable(abs);
}

/** The file and its folder (WAL needs -wal and -shm beside it) can be written by this process. */
export function isWritable(abs: string): boolean {
  try {
    fs.accessSync(abs, fs.constants.W_OK);
    fs.accessSync(path.dirname(abs), fs.constants.W_OK);
    return true;
  } catch {
    return false;
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
