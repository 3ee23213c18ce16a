// site-*: the document's sites (restore re-inserts rows returned by delete: undo).
import type { Backend } from '../backend.ts';
import { deleteSites, insertSites, listSites, upsertSite } from '../repo/sites.ts';
import type { Handlers } from './types.ts';

export function siteHandlers(b: Backend) {
  return {
    'site-list': () => listSites(b.db),
    'site-upsert': ({ site, originalName }) => upsertSite(b.db, site, originalName),
    'site-delete': ({ names }) => ({ deleted: deleteSites(b.db, names) }),
    'site-restore': ({ sites }) => {
      const r = insertSites(b.db, sites, 'update');
      return { restored: r.inserted + r.updated };
    },
  } satisfies Partial<Handlers>;
}
