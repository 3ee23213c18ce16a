// The document's workloads (possibly tens of thousands of rows).
import type { Workload } from '../../../core/types.ts';
import { call } from '../api.ts';
import { NamedListManager } from './named-list-manager.svelte.ts';

export const workloadsManager = new NamedListManager<Workload>({
  noun: 'workload',
  list: () => call('workload-list', {}),
  upsert: (workload, originalName) =>
    call('workload-upsert', originalName === undefined ? { workload } : { workload, originalName }),
  remove: async (names) => (await call('workload-delete', { names })).deleted,
  restore: async (workloads) => (await call('workload-restore', { workloads })).restored,
});
