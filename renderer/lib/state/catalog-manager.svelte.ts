// The document's hardware catalog: options and models, with upsert and undoable delete. Writes
// send the revision the catalog was read at; a write refused as stale is shown and reloaded.
import type { Catalog, CatalogOption, Model } from '../../../core/types.ts';
import { call, callAt, errorMessage, isStaleWrite } from '../api.ts';
import { changeManager } from './change-manager.svelte.ts';
import { toastManager } from './toast-manager.svelte.ts';

class CatalogManager {
  #catalog = $state.raw<Catalog>({ models: [], options: [] });
  #loaded = $state(false);
  #error = $state<string | null>(null);
  #revision = $state<number | undefined>(undefined);

  /** the document revision the catalog was read at */
  get revision(): number | undefined {
    return this.#revision;
  }

  get options(): readonly CatalogOption[] {
    return this.#catalog.options;
  }
  get models(): readonly Model[] {
    return this.#catalog.models;
  }
  get loaded(): boolean {
    return this.#loaded;
  }
  get error(): string | null {
    return this.#error;
  }

  byId(id: string): CatalogOption | undefined {
    return this.#catalog.options.find((o) => o.id === id);
  }

  async load(): Promise<void> {
    try {
      const { value, revision } = await callAt('catalog-get', {});
      this.#catalog = value;
      this.#revision = revision;
      this.#error = null;
      this.#loaded = true;
    } catch (err) {
      this.#error = errorMessage(err);
    }
  }

  /** Throws ApiCallError on rejection so the form can place the messages. */
  async upsert(option: CatalogOption, originalId?: string, baseRevision = this.#revision): Promise<void> {
    try {
      await call('option-upsert', { option, ...(originalId === undefined ? {} : { originalId }), baseRevision });
    } catch (err) {
      if (isStaleWrite(err)) {
        toastManager.error(`Not saved: ${err.message}`);
        await this.load();
      }
      throw err;
    }
    await this.load();
  }

  async remove(ids: string[]): Promise<void> {
    const removed = this.#catalog.options.filter((o) => ids.includes(o.id));
    try {
      const { deleted } = await call('option-delete', { ids, baseRevision: this.#revision });
      await this.load();
      toastManager.success(`Deleted ${deleted} option${deleted === 1 ? '' : 's'}`, {
        label: 'Undo',
        run: async () => {
          for (const option of removed) await call('option-upsert', { option });
          await this.load();
          toastManager.show(`Restored ${removed.length} option${removed.length === 1 ? '' : 's'}`);
        },
      });
    } catch (err) {
      toastManager.error(isStaleWrite(err) ? `Not deleted: ${err.message}` : errorMessage(err));
      if (isStaleWrite(err)) await this.load();
    }
  }
}

export const catalogManager = new CatalogManager();

changeManager.register(['option', 'model'], () => catalogManager.loaded && catalogManager.load());
