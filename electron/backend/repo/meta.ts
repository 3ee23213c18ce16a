// The document as a whole: its meta rows, its schema version, its schema as text and a consistent
// copy of it. The migration runner (../db.ts) keeps the SQL that opens and upgrades a file.
import fs from 'node:fs';
import type { Db } from '../db.ts';
import { stmt } from './stmt.ts';

/** PRAGMA user_version: the number of the last migration applied. */
export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Records when and with which schema a new document was made (in the caller's transaction). */
export function writeCreationMeta(db: Db, now = new Date()): void {
  const meta = stmt(db, 'INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
  meta.run('created_at', now.toISOString());
  meta.run('created_with', `FleetPlan schema ${schemaVersion(db)}`);
}

/** The schema as text (sqlite_master, sorted), for the snapshot test. */
export function schemaText(db: Db): string {
  const rows = db
    .prepare(
      `SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type, name`,
    )
    .all() as { type: string; name: string; sql: string }[];
  return [`PRAGMA user_version = ${schemaVersion(db)};\n`, ...rows.map((r) => `${r.sql.trim()};\n`)].join('\n');
}

/** Writes a consistent copy of the open document to `target` (replacing it); VACUUM INTO works with a live WAL. */
export function copyDocumentTo(db: Db, target: string): void {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(target + suffix, { force: true });
  db.prepare('VACUUM INTO ?').run(target);
}
