// The document's sites.
import type { Site } from '../../../core/types.ts';
import { call } from '../api.ts';
import { NamedListManager } from './named-list-manager.svelte.ts';

export const sitesManager = new NamedListManager<Site>({
  noun: 'site',
  list: () => call('site-list', {}),
  upsert: (site, originalName) => call('site-upsert', originalName === undefined ? { site } : { site, originalName }),
  remove: async (names) => (await call('site-delete', { names })).deleted,
  restore: async (sites) => (await call('site-restore', { sites })).restored,
});
