// The document's revision and the refusal of stale writes. Rows of `changes` are appended by
// triggers (migrations/0030_revisions.sql) whoever writes; a write that says which revision it
// was based on is refused when a row it touches changed since, naming what changed. Call
// assertFresh inside the writing transaction, so no other process can slip in between.
import { FleetError } from '../../../core/api.ts';
import { CHANGE_KINDS, CHANGE_NOUNS, describeFieldChanges, joinChanges, type ChangeKind } from '../../../core/changes.ts';
import type { Db } from '../db.ts';
import { stmt } from './stmt.ts';

/** A row a write touches: its kind and its name (id for catalog options and models). */
export type ChangeTarget = { kind: ChangeKind; key: string };

type ChangeRow = { revision: number; op: 'insert' | 'update' | 'delete'; key: string; renamed_to: string | null; before: string | null };

/** The row as the triggers record it in `before` (the same json_object), or null when absent. */
const CURRENT_ROW: Partial<Record<ChangeKind, string>> = {
  workload: `SELECT json_object('name', name, 'model', model, 'avg_output_tps', avg_output_tps, 'peak_to_avg', peak_to_avg,
    'input_per_output', input_per_output, 'response_tokens', response_tokens, 'max_latency_ms', max_latency_ms,
    'monthly_growth_pct', monthly_growth_pct, 'placement', placement, 'tiers', tiers, 'endpoints', endpoints)
    FROM workloads WHERE name = ?`,
  site: `SELECT json_object('name', name, 'it_power_kw', it_power_kw, 'racks', racks, 'rack_units', rack_units,
    'rack_kw', rack_kw, 'liquid_cooling', liquid_cooling, 'pue', pue, 'usd_per_kwh', usd_per_kwh,
    'usd_per_rack_month', usd_per_rack_month) FROM sites WHERE name = ?`,
  model: `SELECT json_object('id', id, 'params_b', params_b, 'active_params_b', active_params_b) FROM models WHERE id = ?`,
  scenario: 'SELECT settings FROM scenarios WHERE name = ?',
  option: `SELECT json_object('id', id) FROM options WHERE id = ?`,
};

/** The document's revision: the number of its latest change (0 for a document never changed). */
export function currentRevision(db: Db): number {
  return (stmt(db, 'SELECT coalesce(max(revision), 0) FROM changes').pluck().get() as number) ?? 0;
}

/** The kinds of row changed after `revision` (at most the last 10,000 changes are kept). */
export function changedKindsSince(db: Db, revision: number): ChangeKind[] {
  const kinds = stmt(db, 'SELECT DISTINCT kind FROM changes WHERE revision > ?').pluck().all(revision) as string[];
  return CHANGE_KINDS.filter((k) => kinds.includes(k));
}

const RELOAD = 'reload to see it';

function refuse(message: string, target: ChangeTarget | null, revision: number): never {
  throw new FleetError('conflict', message, { reason: 'stale', ...(target ?? {}), revision });
}

function currentRow(db: Db, t: ChangeTarget): Record<string, unknown> | null {
  const sql = CURRENT_ROW[t.kind];
  const text = sql ? (stmt(db, sql).pluck().get(t.key) as string | undefined) : undefined;
  return text === undefined ? null : (JSON.parse(text) as Record<string, unknown>);
}

/**
 * The log rows after a revision, of the kinds in a JSON array: a range of the primary key, the kinds
 * filtered in SQL (`+kind`: with the index on (kind, key) SQLite read every logged change of the
 * kind, not only those after the base, and sorted them). Filtered in JS instead, a settings or site
 * write from a window that read before another window's bulk edit of 5,000 workloads fetched those
 * 5,000 rows, `before` JSON text and all, into JS to drop them: the check took 2.3–2.8 ms, in SQL 0.15–0.22 ms;
 * the undo of that bulk edit (its 5,000 workload rows checked, nothing logged since) 1.2–1.3 ms
 * either way (load 3–4, in process: the demo plus 5,000 generated workloads, all updated by one
 * UPDATE, then assertFresh timed, median of 7).
 */
export const CHANGES_SINCE_SQL =
  'SELECT revision, kind, op, key, renamed_to, before FROM changes WHERE revision > ? AND +kind IN (SELECT value FROM json_each(?)) ORDER BY revision';

/**
 * The changes since `base` to rows of the given kinds, under each name they were made to (a rename
 * under both), oldest first: one read of the log for a whole write. A query per row (kind, then key
 * OR renamed_to: it read every logged change of its kind) made the undo of a bulk delete of 5,000
 * workloads take 1.8 s in the backend and the delete as long; with one read, 0.13–0.17 s and 0.10 s
 * (load ~2: the demo plus 5,000 workloads over the API, all deleted then restored with their
 * positions, three times).
 */
function changesSince(db: Db, base: number, kinds: ReadonlySet<ChangeKind>): Map<string, ChangeRow[]> {
  const out = new Map<string, ChangeRow[]>();
  const add = (k: string, r: ChangeRow) => {
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  };
  const rows = stmt(db, CHANGES_SINCE_SQL).all(base, JSON.stringify([...kinds])) as (ChangeRow & { kind: ChangeKind })[];
  for (const r of rows) {
    add(`${r.kind}\0${r.key}`, r);
    if (r.renamed_to !== null && r.renamed_to !== r.key) add(`${r.kind}\0${r.renamed_to}`, r);
  }
  return out;
}

/**
 * Why one row is stale, given its changes since the writer read it (oldest first), or null when its
 * values are as the writer read them. `since`: the reading, in words ("this window read it").
 */
function staleReason(db: Db, t: ChangeTarget, rows: readonly ChangeRow[], since: Since): string | null {
  if (rows.length === 0) return null;
  const noun = `the ${CHANGE_NOUNS[t.kind]} "${t.key}"`;
  const first = rows[0]!;
  const existedThen = first.key === t.key && first.op !== 'insert';
  const now = currentRow(db, t);
  if (!existedThen) {
    return now ? `${noun} was added since ${since.document}; ${RELOAD}` : null;
  }
  if (!now) {
    const renamed = rows.find((r) => r.key === t.key && r.renamed_to !== null);
    return renamed
      ? `${noun} was renamed to "${renamed.renamed_to}" since ${since.row}; ${RELOAD}`
      : `${noun} was deleted since ${since.row}; ${RELOAD}`;
  }
  if (first.before === null) return `${noun} was changed since ${since.row}; ${RELOAD}`;
  const diff = describeFieldChanges(JSON.parse(first.before) as Record<string, unknown>, now);
  // changed and changed back: the row holds what the writer read, nothing would be lost
  return diff.length ? `${noun} was changed since ${since.row}: ${joinChanges(diff)}; ${RELOAD}` : null;
}

/** What the base revision was, in words: of a row ("this window read it") and of the document. */
export type Since = { row: string; document: string };
const READ: Since = { row: 'this window read it', document: 'this window read the document' };

/**
 * Refuses (FleetError conflict, details.reason 'stale') a write based on revision `base` when
 * one of its rows changed since; `base` undefined (the CLI, scripts) skips the check. `since`
 * words what `base` was (default: the revision this window read the rows at).
 */
export function assertFresh(db: Db, base: number | undefined, targets: readonly ChangeTarget[], since: Since = READ): void {
  if (base === undefined) return;
  const revision = currentRevision(db);
  if (base > revision) refuse(`this window read another document than the one now open; ${RELOAD}`, null, revision);
  const oldest = stmt(db, 'SELECT min(revision) FROM changes').pluck().get() as number | null;
  if (oldest !== null && base + 1 < oldest) {
    refuse(`the document changed too much since ${since.row} to tell what; ${RELOAD}`, null, revision);
  }
  if (targets.length === 0) return;
  const changed = changesSince(db, base, new Set(targets.map((t) => t.kind)));
  for (const t of targets) {
    const reason = staleReason(db, t, changed.get(`${t.kind}\0${t.key}`) ?? [], since);
    if (reason) refuse(reason, t, revision);
  }
}
