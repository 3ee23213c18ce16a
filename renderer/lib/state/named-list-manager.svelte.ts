// A document list of rows keyed by name (workloads, sites): loaded whole into a raw,
// replace-only array (tens of thousands of rows stay cheap), edited through the API, with
// delete returning exactly the removed rows so Undo can put them back. Every write sends the
// revision its rows were read at; a write refused as stale is shown and the list reloaded.
import { errorMessage, isStaleWrite } from '../api.ts';
import { formatCount } from '../../../core/format.ts';
import { toastManager } from './toast-manager.svelte.ts';
import { offerUndo } from '../undo-toast.ts';

export type NamedListApi<T extends { name: string }> = {
  /** singular noun for messages: "workload", "site" */
  noun: string;
  list(): Promise<{ value: T[]; revision: number | undefined }>;
  upsert(item: T, originalName: string | undefined, baseRevision: number | undefined): Promise<T>;
  /** the removed rows and where each stood (restore puts them back there) */
  remove(names: string[], baseRevision: number | undefined): Promise<{ deleted: T[]; positions: number[] }>;
  restore(items: T[], positions: number[] | undefined, baseRevision: number | undefined): Promise<number>;
};

export class NamedListManager<T extends { name: string }> {
  #api: NamedListApi<T>;
  #items = $state.raw<T[]>([]);
  #loaded = $state(false);
  #error = $state<string | null>(null);
  #revision = $state<number | undefined>(undefined);

  constructor(api: NamedListApi<T>) {
    this.#api = api;
  }

  /** the document revision the rows were read at (what an edit form opened now is based on) */
  get revision(): number | undefined {
    return this.#revision;
  }

  get items(): readonly T[] {
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
      const { value, revision } = await this.#api.list();
      this.#items = value;
      this.#revision = revision;
      this.#error = null;
      this.#loaded = true;
    } catch (err) {
      this.#error = errorMessage(err);
    }
  }

  /**
   * Throws ApiCallError on rejection so the form can place the messages. baseRevision: the
   * revision the form's row was read at (default: the list's, for a form opened just now).
   */
  async upsert(item: T, originalName?: string, baseRevision = this.#revision): Promise<T> {
    const api = this.#api;
    const noun = api.noun;
    const before = this.#items.find((x) => x.name === (originalName ?? item.name));
    try {
      const saved = await api.upsert(item, originalName, baseRevision);
      await this.#loadWritten();
      const said = before ? `Saved ${noun} “${saved.name}”` : `Added ${noun} “${saved.name}”`;
      this.#offer(said, {
        async back(base) {
          if (before) await api.upsert(before, saved.name, base);
          else await api.remove([saved.name], base);
          return before ? `Undid the edit of ${noun} “${before.name}”` : `Removed ${noun} “${saved.name}” again`;
        },
        async forward(base) {
          await api.upsert(saved, before?.name, base);
          return said;
        },
      });
      return saved;
    } catch (err) {
      if (isStaleWrite(err)) await this.#refused(err);
      throw err;
    }
  }

  /**
   * After an import: `added` the names it added, `replaced` the rows it updated as they were
   * before. Its toast's Undo (or Ctrl+Z) removes the added rows and puts the old values back; Redo
   * does the import again. An import of 5,000 rows made by mistake was taken back only by
   * filtering, selecting them all and deleting; an update by editing each row.
   */
  async offerImported(message: string, added: string[], replaced: T[], revision: number): Promise<void> {
    const api = this.#api;
    await this.#loadWritten();
    // based on the import's own revision, not the one read after it: a row another window changed
    // in between is refused by the stale-write check, not overwritten with its value before the import
    this.#written = revision;
    const names = new Set(replaced.map((x) => x.name));
    /** the updated rows as the import left them (Redo) */
    const updated = this.#items.filter((x) => names.has(x.name));
    let removed: { deleted: T[]; positions: number[] } | null = null;
    this.#offer(message, {
      async back(base) {
        const said: string[] = [];
        if (added.length) {
          removed = await api.remove(added, base);
          said.push(`Removed the ${formatCount(removed.deleted.length, api.noun)} imported`);
        }
        if (replaced.length) {
          const n = await api.restore(replaced, undefined, base);
          said.push(`${said.length ? 'restored' : 'Restored'} the values ${formatCount(n, api.noun)} had before the import`);
        }
        return said.join(' and ');
      },
      async forward(base) {
        let n = removed ? await api.restore(removed.deleted, removed.positions, base) : 0;
        if (updated.length) n += await api.restore(updated, undefined, base);
        return `Imported ${formatCount(n, api.noun)} again`;
      },
    });
  }

  async remove(names: string[]): Promise<void> {
    const api = this.#api;
    const noun = api.noun;
    try {
      const { deleted, positions } = await api.remove(names, this.#revision);
      await this.#loadWritten();
      const n = deleted.length;
      const said = n === 1 ? `Deleted ${noun} “${deleted[0]?.name}”` : `Deleted ${formatCount(n, noun)}`;
      // undo puts the rows back where they stood (positions); a redo deletes them again
      let at = positions;
      this.#offer(said, {
        async back(base) {
          const restored = await api.restore(deleted, at, base);
          return `Restored ${formatCount(restored, noun)}`;
        },
        async forward(base) {
          at = (await api.remove(deleted.map((x) => x.name), base)).positions;
          return said;
        },
      });
    } catch (err) {
      if (isStaleWrite(err)) await this.#refused(err);
      else toastManager.error(errorMessage(err));
    }
  }

  /**
   * The newest step made in this window and how to take it back (Undo: the toast's button or
   * Ctrl+Z in the view) or, once taken back, do it again (Redo: Ctrl+Shift+Z or Ctrl+Y). Each
   * runs once and is based on the revision this window's last write left (`#written`), so a
   * change made since elsewhere is refused, not overwritten.
   */
  #undo: (() => Promise<void>) | null = null;
  #redo: (() => Promise<void>) | null = null;
  #written: number | undefined = undefined;

  /** reloads after a write of this window: the next step is based on it */
  async #loadWritten(): Promise<void> {
    await this.load();
    this.#written = this.#revision;
  }

  #offer(message: string, step: { back: (base: number | undefined) => Promise<string>; forward: (base: number | undefined) => Promise<string> }): void {
    const run = (go: (base: number | undefined) => Promise<string>) => async () => {
      const said = await go(this.#written);
      await this.#loadWritten();
      return said;
    };
    offerUndo('Undo', message, { back: run(step.back), forward: run(step.forward) }, {
      arm: (label, once) => {
        this.#undo = label === 'Undo' ? once : null;
        this.#redo = label === 'Redo' ? once : null;
      },
      failed: async (err, label) => {
        // an Undo refused reads as one, not as an edit "not saved"
        if (isStaleWrite(err)) await this.#refused(err, label === 'Undo' ? 'Not undone' : 'Not redone');
        else toastManager.error(`Could not ${label.toLowerCase()}: ${errorMessage(err)}`);
      },
    });
  }

  /** Undoes the newest step made in this window, if it was not undone yet. */
  async undo(): Promise<void> {
    await this.#undo?.();
  }

  /** Does again the step just undone, if nothing was done since. */
  async redo(): Promise<void> {
    await this.#redo?.();
  }

  /** A stale write: say what changed elsewhere, and show it. */
  async #refused(err: Error, not = 'Not saved'): Promise<void> {
    toastManager.error(`${not}: ${err.message}`);
    await this.load();
  }
}
