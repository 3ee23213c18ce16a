// catalog-get, option-*, model-*: the document's hardware catalog.
import type { Backend } from '../backend.ts';
import { deleteOptions, getCatalog, upsertModel, upsertOption } from '../repo/catalog.ts';
import type { Handlers } from './types.ts';

export function catalogHandlers(b: Backend) {
  return {
    'catalog-get': () => getCatalog(b.db),
    'option-upsert': ({ option, originalId }) => ({ id: upsertOption(b.db, option, originalId).id }),
    'option-delete': ({ ids }) => ({ deleted: deleteOptions(b.db, ids) }),
    'model-upsert': ({ model }) => {
      upsertModel(b.db, model);
      return { id: model.id };
    },
  } satisfies Partial<Handlers>;
}
