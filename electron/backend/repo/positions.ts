// Where a workload, site or catalog option stands in its list (its row id: lists, plan inputs and
// their hash run in that order). Undo of a delete puts a row back where it stood, so the list reads
// as before and a plan solved before the delete is current again (a row put back at the
// end made the latest plan stale, "inputs changed", and moved the row to the bottom of the table).
import type { Db } from '../db.ts';
import { stmt } from './stmt.ts';

export type NamedTable = 'workloads' | 'sites' | 'options';
/** each table's key and the column its list is ordered by */
const COLUMNS: Record<NamedTable, { key: string; at: string }> = {
  workloads: { key: 'name', at: 'id' },
  sites: { key: 'name', at: 'id' },
  options: { key: 'id', at: 'rowid' },
};

/** The position of each key (name, or an option's id), for keys that are there. */
export function positionsOf(db: Db, table: NamedTable, names: readonly string[]): Map<string, number> {
  const { key, at } = COLUMNS[table];
  const get = stmt(db, `SELECT ${at} FROM ${table} WHERE ${key} = ?`).pluck();
  const out = new Map<string, number>();
  for (const n of names) {
    const id = get.get(n) as number | undefined;
    if (id !== undefined) out.set(n, id);
  }
  return out;
}

/** Moves each keyed row to the position it had, when that is free (else it stays where it is). */
export function placeAt(db: Db, table: NamedTable, names: readonly string[], positions: readonly number[]): void {
  const { key, at } = COLUMNS[table];
  const move = stmt(db, `UPDATE ${table} SET ${at} = @id WHERE ${key} = @name AND NOT EXISTS (SELECT 1 FROM ${table} WHERE ${at} = @id)`);
  names.forEach((name, i) => {
    const id = positions[i];
    if (id !== undefined) move.run({ id, name });
  });
}
