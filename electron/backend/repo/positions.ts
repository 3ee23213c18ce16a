// Where a workload or site stands in its list (its row id: lists, plan inputs and their hash run
// in id order). Undo of a delete puts a row back where it stood, so the list reads as before and a
// plan solved before the delete is current again (s12 probe: a row put back at the end made the
// latest plan stale, "inputs changed", and moved the row to the bottom of the table).
import type { Db } from '../db.ts';
import { stmt } from './stmt.ts';

export type NamedTable = 'workloads' | 'sites';

/** The row id of each name, for names that are there. */
export function positionsOf(db: Db, table: NamedTable, names: readonly string[]): Map<string, number> {
  const get = stmt(db, `SELECT id FROM ${table} WHERE name = ?`).pluck();
  const out = new Map<string, number>();
  for (const n of names) {
    const id = get.get(n) as number | undefined;
    if (id !== undefined) out.set(n, id);
  }
  return out;
}

/** Moves each named row to the id it had, when that id is free (else it stays where it is). */
export function placeAt(db: Db, table: NamedTable, names: readonly string[], positions: readonly number[]): void {
  const move = stmt(db, `UPDATE ${table} SET id = @id WHERE name = @name AND NOT EXISTS (SELECT 1 FROM ${table} WHERE id = @id)`);
  names.forEach((name, i) => {
    const id = positions[i];
    if (id !== undefined) move.run({ id, name });
  });
}
