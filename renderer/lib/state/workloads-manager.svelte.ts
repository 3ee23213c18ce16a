// The document's workloads (possibly tens of thousands of rows).
import type { Workload } from '../../../core/types.ts';
import { call, callAt } from '../api.ts';
import { changeManager } from './change-manager.svelte.ts';
import { NamedListManager, type ImportUndone } from './named-list-manager.svelte.ts';

export const workloadsManager = new NamedListManager<Workload>({
  noun: 'workload',
  list: () => callAt('workload-list', {}),
  upsert: (workload, originalName, baseRevision) =>
    call('workload-upsert', { workload, ...(originalName === undefined ? {} : { originalName }), baseRevision }),
  remove: (names, baseRevision) => call('workload-delete', { names, baseRevision }),
  restore: async (workloads, positions, baseRevision) => (await call('workload-restore', { workloads, ...(positions ? { positions } : {}), baseRevision })).restored,
  // an import of workloads removes and writes workloads only: its rows are Workload rows
  undoImport: async (added, before, baseRevision) => (await call('import-undo', { kind: 'workloads', added, before, baseRevision })) as ImportUndone<Workload>,
  redoImport: ({ removed, positions, after, revision }) => call('import-redo', { kind: 'workloads', removed, positions, after, baseRevision: revision }),
});

changeManager.register(['workload'], () => workloadsManager.loaded && workloadsManager.load());
