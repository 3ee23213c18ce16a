// catalog-get, option-*, model-*: the document's hardware catalog.
import type { Backend } from '../backend.ts';
import { assertFresh } from '../repo/changes.ts';
import { deleteOptions, getCatalog, upsertModel, upsertOption } from '../repo/catalog.ts';
import type { Handlers } from './types.ts';

export function catalogHandlers(b: Backend) {
  return {
    'catalog-get': () => getCatalog(b.db),
    'option-upsert': ({ option, originalId, baseRevision }) =>
      b.db.transaction(() => {
        const keys = new Set([originalId ?? option.id, option.id]);
        assertFresh(b.db, baseRevision, [...keys].map((key) => ({ kind: 'option' as const, key })));
        return { id: upsertOption(b.db, option, originalId).id };
      })(),
    'option-delete': ({ ids, baseRevision }) =>
      b.db.transaction(() => {
        assertFresh(b.db, baseRevision, ids.map((key) => ({ kind: 'option' as const, key })));
        return { deleted: deleteOptions(b.db, ids) };
      })(),
    'model-upsert': ({ model, baseRevision }) =>
      b.db.transaction(() => {
        assertFresh(b.db, baseRevision, [{ kind: 'model', key: model.id }]);
        upsertModel(b.db, model);
        return { id: model.id };
      })(),
  } satisfies Partial<Handlers>;
}
