// site-*: the document's sites (restore re-inserts rows returned by delete: undo).
import type { Backend } from '../backend.ts';
import { assertFresh } from '../repo/changes.ts';
import { placeAt, positionsOf } from '../repo/positions.ts';
import { deleteSites, insertSites, listSites, upsertSite } from '../repo/sites.ts';
import type { Handlers } from './types.ts';

export function siteHandlers(b: Backend) {
  return {
    'site-list': () => listSites(b.db),
    'site-upsert': ({ site, originalName, baseRevision }) =>
      b.db.transaction(() => {
        const keys = new Set([originalName ?? site.name, site.name]);
        assertFresh(b.db, baseRevision, [...keys].map((key) => ({ kind: 'site' as const, key })));
        return upsertSite(b.db, site, originalName);
      })(),
    'site-delete': ({ names, baseRevision }) =>
      b.db.transaction(() => {
        assertFresh(b.db, baseRevision, names.map((key) => ({ kind: 'site' as const, key })));
        const at = positionsOf(b.db, 'sites', names);
        const deleted = deleteSites(b.db, names);
        return { deleted, positions: deleted.map((x) => at.get(x.name)!) };
      })(),
    'site-restore': ({ sites, positions, baseRevision }) =>
      b.db.transaction(() => {
        // undo puts back rows deleted here: refused when one of their names was reused since
        assertFresh(b.db, baseRevision, sites.map((s) => ({ kind: 'site' as const, key: s.name })));
        const r = insertSites(b.db, sites, 'update');
        if (positions) placeAt(b.db, 'sites', sites.map((x) => x.name), positions);
        return { restored: r.inserted + r.updated };
      })(),
  } satisfies Partial<Handlers>;
}
