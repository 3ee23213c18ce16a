// The document's sites.
import type { Site } from '../../../core/types.ts';
import { call, callAt } from '../api.ts';
import { changeManager } from './change-manager.svelte.ts';
import { NamedListManager, type ImportUndone } from './named-list-manager.svelte.ts';

export const sitesManager = new NamedListManager<Site>({
  noun: 'site',
  list: () => callAt('site-list', {}),
  upsert: (site, originalName, baseRevision) =>
    call('site-upsert', { site, ...(originalName === undefined ? {} : { originalName }), baseRevision }),
  remove: (names, baseRevision) => call('site-delete', { names, baseRevision }),
  restore: async (sites, positions, baseRevision) => (await call('site-restore', { sites, ...(positions ? { positions } : {}), baseRevision })).restored,
  // an import of sites removes and writes sites only: its rows are Site rows
  undoImport: async (added, before, baseRevision) => (await call('import-undo', { kind: 'sites', added, before, baseRevision })) as ImportUndone<Site>,
  redoImport: ({ removed, positions, after, revision }) => call('import-redo', { kind: 'sites', removed, positions, after, baseRevision: revision }),
});

changeManager.register(['site'], () => sitesManager.loaded && sitesManager.load());
