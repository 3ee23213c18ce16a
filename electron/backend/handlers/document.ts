// document-*: the open plan document (new, open, save as, info, recent list).
import type { Backend } from '../backend.ts';
import { documentInfo } from '../document.ts';
import type { Handlers } from './types.ts';

export function documentHandlers(b: Backend) {
  return {
    'document-info': () => documentInfo(b.doc),
    'document-new': async ({ path, demo, force, catalog }) => documentInfo(await b.create(path, { demo, force, ...(catalog ? { catalog } : {}) })),
    'document-open': ({ path }) => documentInfo(b.open(path)),
    'document-save-as': ({ path }) => documentInfo(b.saveAs(path)),
    'document-recent': () => b.recent(),
  } satisfies Partial<Handlers>;
}
