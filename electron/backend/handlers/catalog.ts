// catalog-get, option-*, model-*: the document's hardware catalog.
import type { Backend } from '../backend.ts';
import { assertFresh } from '../repo/changes.ts';
import { placeAt, positionsOf } from '../repo/positions.ts';
import { deleteOptions, getCatalog, upsertModel, upsertOption } from '../repo/catalog.ts';
import type { Handlers } from './types.ts';

export function catalogHandlers(b: Backend) {
  return {
    'catalog-get': () => getCatalog(b.db),
    'option-upsert': ({ option, originalId, position, baseRevision }) =>
      b.db.transaction(() => {
        const keys = new Set([originalId ?? option.id, option.id]);
        assertFresh(b.db, baseRevision, [...keys].map((key) => ({ kind: 'option' as const, key })));
        const { id } = upsertOption(b.db, option, originalId);
        if (position !== undefined) placeAt(b.db, 'options', [id], [position]);
        return { id };
      })(),
    'option-delete': ({ ids, baseRevision }) =>
      b.db.transaction(() => {
        assertFresh(b.db, baseRevision, ids.map((key) => ({ kind: 'option' as const, key })));
        const positions = Object.fromEntries(positionsOf(b.db, 'options', ids));
        return { deleted: deleteOptions(b.db, ids), positions };
      })(),
    'model-upsert': ({ model, baseRevision }) =>
      b.db.transaction(() => {
        assertFresh(b.db, baseRevision, [{ kind: 'model', key: model.id }]);
        upsertModel(b.db, model);
        return { id: model.id };
      })(),
  } satisfies Partial<Handlers>;
}
