// A document list of rows keyed by name (workloads, sites): loaded whole into a raw,
// replace-only array (tens of thousands of rows stay cheap), edited through the API, with
// delete returning exactly the removed rows so Undo can put them back. Every write sends the
// revision its rows were read at; a write refused as stale is shown and the list reloaded.
import { errorMessage, isStaleWrite } from '../api.ts';
import { toastManager } from './toast-manager.svelte.ts';

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
    const noun = this.#api.noun;
    const before = this.#items.find((x) => x.name === (originalName ?? item.name));
    try {
      const saved = await this.#api.upsert(item, originalName, baseRevision);
      await this.load();
      // undo is based on the revision right after the save: a change made since elsewhere is refused
      const after = this.#revision;
      this.#offerUndo(before ? `Saved ${noun} “${saved.name}”` : `Added ${noun} “${saved.name}”`, async () => {
        if (before) await this.#api.upsert(before, saved.name, after);
        else await this.#api.remove([saved.name], after);
        await this.load();
        toastManager.show(before ? `Undid the edit of ${noun} “${before.name}”` : `Removed ${noun} “${saved.name}” again`);
      });
      return saved;
    } catch (err) {
      if (isStaleWrite(err)) await this.#refused(err);
      throw err;
    }
  }

  async remove(names: string[]): Promise<void> {
    const noun = this.#api.noun;
    try {
      const { deleted, positions } = await this.#api.remove(names, this.#revision);
      await this.load();
      const n = deleted.length;
      // undo is based on the revision right after the delete: a name reused since is refused
      const after = this.#revision;
      this.#offerUndo(n === 1 ? `Deleted ${noun} “${deleted[0]?.name}”` : `Deleted ${n} ${noun}s`, () => this.restore(deleted, after, positions));
    } catch (err) {
      if (isStaleWrite(err)) await this.#refused(err);
      else toastManager.error(errorMessage(err));
    }
  }

  async restore(items: T[], baseRevision = this.#revision, positions?: number[]): Promise<void> {
    try {
      const restored = await this.#api.restore(items, positions, baseRevision);
      await this.load();
      toastManager.show(`Restored ${restored} ${this.#api.noun}${restored === 1 ? '' : 's'}`);
    } catch (err) {
      if (isStaleWrite(err)) await this.#refused(err);
      else toastManager.error(errorMessage(err));
    }
  }

  /** the newest save or delete's undo in this window (its toast's Undo, or Ctrl+Z in the view); runs once */
  #undo: (() => Promise<void>) | null = null;

  #offerUndo(message: string, run: () => Promise<void>): void {
    let done = false;
    const once = async (): Promise<void> => {
      if (done) return;
      done = true;
      if (this.#undo === once) this.#undo = null;
      try {
        await run();
      } catch (err) {
        if (isStaleWrite(err)) await this.#refused(err);
        else toastManager.error(`Could not undo: ${errorMessage(err)}`);
      }
    };
    this.#undo = once;
    toastManager.success(message, { label: 'Undo', run: once });
  }

  /** Undoes the newest save or delete made in this window, if it was not undone yet. */
  async undo(): Promise<void> {
    await this.#undo?.();
  }

  /** A stale write: say what changed elsewhere, and show it. */
  async #refused(err: Error): Promise<void> {
    toastManager.error(`Not saved: ${err.message}`);
    await this.load();
  }
}
