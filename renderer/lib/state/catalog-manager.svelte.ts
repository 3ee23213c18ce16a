// The document's hardware catalog: options and models, with upsert and undoable delete.
import type { Catalog, CatalogOption, Model } from '../../../core/types.ts';
import { call, errorMessage } from '../api.ts';
import { toastManager } from './toast-manager.svelte.ts';

class CatalogManager {
  #catalog = $state.raw<Catalog>({ models: [], options: [] });
  #loaded = $state(false);
  #error = $state<string | null>(null);

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
      this.#catalog = await call('catalog-get', {});
      this.#error = null;
      this.#loaded = true;
    } catch (err) {
      this.#error = errorMessage(err);
    }
  }

  /** Throws ApiCallError on rejection so the form can place the messages. */
  async upsert(option: CatalogOption, originalId?: string): Promise<void> {
    await call('option-upsert', originalId === undefined ? { option } : { option, originalId });
    await this.load();
  }

  async remove(ids: string[]): Promise<void> {
    const removed = this.#catalog.options.filter((o) => ids.includes(o.id));
    try {
      const { deleted } = await call('option-delete', { ids });
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
      toastManager.error(errorMessage(err));
    }
  }
}

export const catalogManager = new CatalogManager();
