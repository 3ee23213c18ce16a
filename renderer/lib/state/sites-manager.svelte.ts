// The document's sites (replace-only array).
// Delete returns the rows the backend removed so Undo can put exactly those back.
import type { Site } from '../../../core/types.ts';
import { call, errorMessage } from '../api.ts';
import { toastManager } from './toast-manager.svelte.ts';

class SitesManager {
  #items = $state.raw<Site[]>([]);
  #loaded = $state(false);
  #error = $state<string | null>(null);

  get items(): readonly Site[] {
    return this.#items;
  }
  get loaded(): boolean {
    return this.#loaded;
  }
  get error(): string | null {
    return this.#error;
  }

  async load(): Promise<void> {
    try {
      this.#items = await call('site-list', {});
      this.#error = null;
      this.#loaded = true;
    } catch (err) {
      this.#error = errorMessage(err);
    }
  }

  /** Throws ApiCallError on rejection so the form can place the messages. */
  async upsert(site: Site, originalName?: string): Promise<Site> {
    const saved = await call('site-upsert', originalName === undefined ? { site } : { site, originalName });
    await this.load();
    return saved;
  }

  async remove(names: string[]): Promise<void> {
    try {
      const { deleted } = await call('site-delete', { names });
      await this.load();
      const n = deleted.length;
      toastManager.success(n === 1 ? `Deleted site “${deleted[0]?.name}”` : `Deleted ${n} sites`, {
        label: 'Undo',
        run: () => this.restore(deleted),
      });
    } catch (err) {
      toastManager.error(errorMessage(err));
    }
  }

  async restore(sites: Site[]): Promise<void> {
    const { restored } = await call('site-restore', { sites });
    await this.load();
    toastManager.show(`Restored ${restored} site${restored === 1 ? '' : 's'}`);
  }
}

export const sitesManager = new SitesManager();
