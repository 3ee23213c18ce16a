// The document's hardware catalog: options and models. Every edit, add and delete made here is a
// step of the app's undo history (Ctrl+Z in any view, the Catalog's list of recent edits, Redo);
// its steps are forgotten when the catalog is replaced (import, new document).
// Writes, undos included, send the revision the catalog was read at; a stale write is refused.
import type { Catalog, CatalogOption, Model } from '../../../core/types.ts';
import { call, callAt, errorMessage, isStaleWrite } from '../api.ts';
import { formatCount } from '../../../core/format.ts';
import type { UndoEntry } from '../undo-history.ts';
import { changeManager } from './change-manager.svelte.ts';
import { historyManager } from './history-manager.svelte.ts';
import { toastManager } from './toast-manager.svelte.ts';

/** the catalog's steps in the app's undo history */
const STORE = 'catalog';

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

  /** recent edits, newest first */
  get history(): readonly UndoEntry[] {
    return historyManager.entries(STORE);
  }

  /**
   * The revision this window's last write left. Undo steps are based on it, not on the revision of
   * the latest reload: a change from another window reloads the catalog, and an undo based on that
   * reload would overwrite the change unseen; based on our own last write, it is refused as stale.
   */
  #written: number | undefined = undefined;

  async #loadWritten(): Promise<void> {
    await this.load();
    this.#written = this.#revision;
  }

  /** Records a change: `back` and `forward` write (based on #written) and the catalog is reloaded after each. */
  #record(label: string, back: () => Promise<void>, forward: () => Promise<void>, message: string | null = null): number {
    const step = (go: () => Promise<void>, said: string) => async () => {
      await go();
      await this.#loadWritten(); // the next step is based on this one
      return said;
    };
    return historyManager.record(
      {
        store: STORE,
        label,
        back: step(back, `Undone: ${label}`),
        forward: step(forward, `Redone: ${label}`),
        failed: async (err, action) => {
          toastManager.error(`Could not ${action.toLowerCase()}: ${errorMessage(err)}`);
          await this.load();
        },
      },
      message,
    );
  }

  /** Undoes the newest catalog edit (or the one given, and every newer one first, so nothing is undone out of order). */
  async undo(seq?: number): Promise<void> {
    const upto = seq ?? this.history[0]?.seq;
    if (upto !== undefined) await historyManager.undo(upto);
  }

  /** The catalog was replaced as a whole (import, another document): older edits no longer apply. */
  clearHistory(): void {
    historyManager.clear(STORE);
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
    const before = this.byId(originalId ?? option.id) ?? null;
    try {
      await call('option-upsert', { option, ...(originalId === undefined ? {} : { originalId }), baseRevision });
    } catch (err) {
      if (isStaleWrite(err)) {
        toastManager.error(`Not saved: ${err.message}`);
        await this.load();
      }
      throw err;
    }
    await this.#loadWritten();
    this.#record(
      before ? `edit “${before.name}”` : `add “${option.name}”`,
      async () => {
        if (!before) await call('option-delete', { ids: [option.id], baseRevision: this.#written });
        else await call('option-upsert', { option: before, ...(before.id === option.id ? {} : { originalId: option.id }), baseRevision: this.#written });
      },
      async () => {
        await call('option-upsert', { option, ...(before && before.id !== option.id ? { originalId: before.id } : {}), baseRevision: this.#written });
      },
    );
  }

  async remove(ids: string[]): Promise<void> {
    const removed = this.#catalog.options.filter((o) => ids.includes(o.id));
    try {
      const deleted = await call('option-delete', { ids, baseRevision: this.#revision });
      let positions = deleted.positions;
      await this.#loadWritten();
      this.#record(
        removed.length === 1 ? `delete “${removed[0]!.name}”` : `delete ${removed.length} options`,
        async () => {
          for (const option of removed) {
            // back where it stood: the catalog reads as before and a plan solved before is current again
            const position = positions[option.id];
            await call('option-upsert', { option, ...(position === undefined ? {} : { position }), baseRevision: this.#written });
            await this.#loadWritten(); // the next write is based on this one
          }
        },
        async () => {
          positions = (await call('option-delete', { ids, baseRevision: this.#written })).positions;
        },
        `Deleted ${formatCount(deleted.deleted, 'option')}`,
      );
    } catch (err) {
      toastManager.error(isStaleWrite(err) ? `Not deleted: ${err.message}` : errorMessage(err));
      if (isStaleWrite(err)) await this.load();
    }
  }
}

export const catalogManager = new CatalogManager();

changeManager.register(['option', 'model'], () => catalogManager.loaded && catalogManager.load());
