// The document's sites.
import type { Site } from '../../../core/types.ts';
import { call, callAt } from '../api.ts';
import { changeManager } from './change-manager.svelte.ts';
import { NamedListManager } from './named-list-manager.svelte.ts';

export const sitesManager = new NamedListManager<Site>({
  noun: 'site',
  list: () => callAt('site-list', {}),
  upsert: (site, originalName, baseRevision) =>
    call('site-upsert', { site, ...(originalName === undefined ? {} : { originalName }), baseRevision }),
  remove: (names, baseRevision) => call('site-delete', { names, baseRevision }),
  restore: async (sites, positions, baseRevision) => (await call('site-restore', { sites, ...(positions ? { positions } : {}), baseRevision })).restored,
});

changeManager.register(['site'], () => sitesManager.loaded && sitesManager.load());
