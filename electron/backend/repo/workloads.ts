// Workload repository (DESIGN 3.3). Tiers are stored canonically ordered, ';'-separated.
// Bulk writes run in one transaction with prepared statements (10,000+ rows).
import { FleetError } from '../../../core/api.ts';
import { TIERS, WorkloadSchema, type Tier, type Workload, type WorkloadInput } from '../../../core/types.ts';
import type { Db } from '../db.ts';
import { stmt } from './stmt.ts';
import { timed } from './timing.ts';

const COLS = [
  'name', 'model', 'avg_output_tps', 'peak_to_avg', 'input_per_output', 'response_tokens',
  'max_latency_ms', 'monthly_growth_pct', 'placement', 'tiers', 'endpoints',
] as const;
type Row = Omit<Workload, 'tiers'> & { tiers: string };

export function tiersToText(tiers: readonly Tier[]): string {
  const set = new Set(tiers);
  return TIERS.filter((t) => set.has(t)).join(';');
}
export function tiersFromText(s: string): Tier[] {
  return s.split(';').filter((t): t is Tier => (TIERS as readonly string[]).includes(t));
}

const toRow = (w: Workload): Row => ({ ...w, tiers: tiersToText(w.tiers) });
const fromRow = (r: Row): Workload => ({ ...r, tiers: tiersFromText(r.tiers) });

const SELECT = `SELECT ${COLS.join(', ')} FROM workloads`;
/** the one INSERT of the table (positional: the 100,000-row import path binds arrays) */
const INSERT = `INSERT INTO workloads (${COLS.join(', ')}) VALUES (${COLS.map(() => '?').join(', ')})`;
const values = (r: Row) => COLS.map((c) => r[c]);
const UPDATE_BY_NAME = `UPDATE workloads SET ${COLS.map((c) => `${c} = @${c}`).join(', ')} WHERE name = @__key`;
/** An UPDATE of only the given columns (an import's file columns); all of them when not given. */
const updateOf = (columns?: readonly string[]) =>
  columns ? `UPDATE workloads SET ${COLS.filter((c) => c === 'name' || columns.includes(c)).map((c) => `${c} = @${c}`).join(', ')} WHERE name = @__key` : UPDATE_BY_NAME;

export function listWorkloads(db: Db): Workload[] {
  return timed('listWorkloads', () => (stmt(db, `${SELECT} ORDER BY id`).all() as Row[]).map(fromRow));
}

export function getWorkload(db: Db, name: string): Workload | undefined {
  const r = stmt(db, `${SELECT} WHERE name = ?`).get(name) as Row | undefined;
  return r && fromRow(r);
}

export function countWorkloads(db: Db): number {
  return (stmt(db, 'SELECT count(*) AS n FROM workloads').get() as { n: number }).n;
}

/** Adds or replaces one workload; `originalName` renames (keeping its position). */
export function upsertWorkload(db: Db, input: WorkloadInput, originalName?: string): Workload {
  const w = WorkloadSchema.parse(input);
  return timed('upsertWorkload', () =>
    db.transaction(() => {
      const key = originalName ?? w.name;
      if (originalName && originalName !== w.name && getWorkload(db, w.name)) {
        throw new FleetError('conflict', `a workload named "${w.name}" already exists`, { field: 'workload.name' });
      }
      const r = stmt(db, UPDATE_BY_NAME).run({ ...toRow(w), __key: key });
      if (r.changes === 0) {
        if (originalName && originalName !== w.name) throw new FleetError('not_found', `no workload named "${originalName}"`);
        stmt(db, INSERT).run(values(toRow(w)));
      }
      return w;
    })(),
  );
}

export type OnDuplicate = 'error' | 'update' | 'skip';

/**
 * What a bulk insert did. `insertedNames`: the names it added; `before`: with `keepBefore`, the
 * rows it updated as they were just before (read by the same look-up that found them, in its
 * transaction): what an import's Undo takes back.
 */
export type InsertResult<T> = { inserted: number; updated: number; skipped: number; insertedNames: string[]; before: T[] };
export type InsertOptions = {
  /** an import's file columns: an update sets only these; the other values stay */
  columns?: readonly string[] | undefined;
  /** read each updated row before updating it (`before`) */
  keepBefore?: boolean | undefined;
};

/** Bulk insert in one transaction; on a duplicate name: error (nothing written), update or skip. */
export function insertWorkloads(
  db: Db,
  workloads: Workload[],
  onDuplicate: OnDuplicate = 'error',
  { columns, keepBefore = false }: InsertOptions = {},
): InsertResult<Workload> {
  return timed(`insertWorkloads(${workloads.length})`, () =>
    db.transaction(() => {
      const ins = stmt(db, INSERT);
      const upd = stmt(db, updateOf(columns));
      const exists = stmt(db, 'SELECT 1 FROM workloads WHERE name = ?').pluck();
      const read = stmt(db, `${SELECT} WHERE name = ?`);
      const keep = keepBefore && onDuplicate === 'update';
      const out: InsertResult<Workload> = { inserted: 0, updated: 0, skipped: 0, insertedNames: [], before: [] };
      for (const w of workloads) {
        const row = toRow(w);
        const had = keep ? (read.get(w.name) as Row | undefined) : exists.get(w.name);
        if (had) {
          if (onDuplicate === 'error') throw new FleetError('conflict', `a workload named "${w.name}" already exists`, { name: w.name });
          if (onDuplicate === 'skip') out.skipped++;
          else {
            if (keep) out.before.push(fromRow(had as Row));
            upd.run({ ...row, __key: w.name });
            out.updated++;
          }
        } else {
          ins.run(values(row));
          out.inserted++;
          out.insertedNames.push(w.name);
        }
      }
      return out;
    })(),
  );
}

/** The names in the document, in no particular order. */
export function workloadNames(db: Db): string[] {
  return stmt(db, 'SELECT name FROM workloads').pluck().all() as string[];
}

/**
 * The bulk path for new names only (100,000 rows), inside the caller's transaction: a name that
 * is already there violates UNIQUE (FleetError conflict) and aborts it, so nothing is written.
 */
export function insertNewWorkloads(db: Db, rows: readonly Workload[]): number {
  return timed(`insertNewWorkloads(${rows.length})`, () => {
    const ins = stmt(db, INSERT);
    const tiersText = new Map<string, string>();
    try {
      for (const w of rows) {
        const key = w.tiers.join(';');
        let t = tiersText.get(key);
        if (t === undefined) tiersText.set(key, (t = tiersToText(w.tiers)));
        ins.run(w.name, w.model, w.avg_output_tps, w.peak_to_avg, w.input_per_output, w.response_tokens, w.max_latency_ms,
          w.monthly_growth_pct, w.placement, t, w.endpoints);
      }
    } catch (e) {
      if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
        throw new FleetError('conflict', `a workload in the import is already in the document (${(e as Error).message})`);
      }
      throw e;
    }
    return rows.length;
  });
}

/** Deletes by name and returns the deleted rows (for undo via restore). */
export function deleteWorkloads(db: Db, names: string[]): Workload[] {
  return timed('deleteWorkloads', () =>
    db.transaction(() => {
      const out: Workload[] = [];
      const del = stmt(db, 'DELETE FROM workloads WHERE name = ?');
      for (const n of names) {
        const w = getWorkload(db, n);
        if (w && del.run(n).changes) out.push(w);
      }
      return out;
    })(),
  );
}
