// workload-*: the document's workloads (restore re-inserts rows returned by delete: undo).
import type { Backend } from '../backend.ts';
import { assertFresh } from '../repo/changes.ts';
import { placeAt, positionsOf } from '../repo/positions.ts';
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
        const at = positionsOf(b.db, 'workloads', names);
        const deleted = deleteWorkloads(b.db, names);
        return { deleted, positions: deleted.map((x) => at.get(x.name)!) };
      })(),
    'workload-restore': ({ workloads, positions, baseRevision }) =>
      b.db.transaction(() => {
        // undo puts back rows deleted here: refused when one of their names was reused since
        assertFresh(b.db, baseRevision, workloads.map((w) => ({ kind: 'workload' as const, key: w.name })));
        const r = insertWorkloads(b.db, workloads, 'update');
        if (positions) placeAt(b.db, 'workloads', workloads.map((x) => x.name), positions);
        return { restored: r.inserted + r.updated };
      })(),
  } satisfies Partial<Handlers>;
}
