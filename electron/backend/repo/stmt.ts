// Prepared-statement cache per connection: repositories prepare each SQL text once.
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db.ts';

const cache = new WeakMap<Db, Map<string, Statement>>();

export function stmt(db: Db, sql: string): Statement {
  let m = cache.get(db);
  if (!m) cache.set(db, (m = new Map()));
  let s = m.get(sql);
  if (!s) m.set(sql, (s = db.prepare(sql)));
  return s;
}
