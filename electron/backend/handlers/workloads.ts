// workload-*: the document's workloads (restore re-inserts rows returned by delete: undo).
import type { Backend } from '../backend.ts';
import { assertFresh } from '../repo/changes.ts';
import { deleteWorkloads, insertWorkloads, listWorkloads, upsertWorkload } from '../repo/workloads.ts';
import type { Handlers } from './types.ts';

export function workloadHandlers(b: Backend) {
  return {
    'workload-list': () => listWorkloads(b.db),
    'workload-upsert': ({ workload, originalName, baseRevision }) =>
      b.db.transaction(() => {
        const keys = new Set([originalName ?? workload.name, workload.name]);
        assertFresh(b.db, baseRevision, [...keys].map((key) => ({ kind: 'workload' as const, key })));
        return upsertWorkload(b.db, workload, originalName);
      })(),
    'workload-delete': ({ names, baseRevision }) =>
      b.db.transaction(() => {
        assertFresh(b.db, baseRevision, names.map((key) => ({ kind: 'workload' as const, key })));
        return { deleted: deleteWorkloads(b.db, names) };
      })(),
    'workload-restore': ({ workloads, baseRevision }) =>
      b.db.transaction(() => {
        // undo puts back rows deleted here: refused when one of their names was reused since
        assertFresh(b.db, baseRevision, workloads.map((w) => ({ kind: 'workload' as const, key: w.name })));
        const r = insertWorkloads(b.db, workloads, 'update');
        return { restored: r.inserted + r.updated };
      })(),
  } satisfies Partial<Handlers>;
}
