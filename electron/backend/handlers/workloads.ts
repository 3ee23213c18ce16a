// workload-*: the document's workloads (restore re-inserts rows returned by delete: undo).
import type { Backend } from '../backend.ts';
import { deleteWorkloads, insertWorkloads, listWorkloads, upsertWorkload } from '../repo/workloads.ts';
import type { Handlers } from './types.ts';

export function workloadHandlers(b: Backend) {
  return {
    'workload-list': () => listWorkloads(b.db),
    'workload-upsert': ({ workload, originalName }) => upsertWorkload(b.db, workload, originalName),
    'workload-delete': ({ names }) => ({ deleted: deleteWorkloads(b.db, names) }),
    'workload-restore': ({ workloads }) => {
      const r = insertWorkloads(b.db, workloads, 'update');
      return { restored: r.inserted + r.updated };
    },
  } satisfies Partial<Handlers>;
}
