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
  /** an import's Undo, one transaction: `added` removed, `before` put back (see import-undo) */
  undoImport(added: string[], before: T[], baseRevision: number): Promise<ImportUndone<T>>;
  /** its Redo, one transaction: what the Undo removed put back where it stood, `after` written again */
  redoImport(undone: ImportUndone<T>): Promise<{ restored: number; revision: number }>;
};

/** What an import's Undo removed (and where each row stood), and the updated rows as the import left them. */
export type ImportUndone<T> = { removed: T[]; positions: number[]; after: T[]; revision: number };
/** A step's message, and the revision its write left when it knows it (the next step is based on it). */
type StepDone = string | { said: string; revision: number };

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
   * before, `revision` the one it left. Its toast's Undo (or Ctrl+Z) removes the added rows and
   * puts the old values back; Redo does the import again. Each is one backend call, one
   * transaction, refused as a whole when one of those rows changed since the step before: as two
   * calls, an Undo refused halfway had removed the added rows and kept the updates. An import of
   * 5,000 rows made by mistake was taken back only by filtering, selecting them all and deleting;
   * an update by editing each row.
   */
  async offerImported(message: string, added: string[], replaced: T[], revision: number): Promise<void> {
    const api = this.#api;
    await this.#loadWritten();
    // based on the import's own revision, not the one read after it: a row another window changed
    // in between is refused by the stale-write check, not overwritten with its value before the import
    this.#written = revision;
    let undone: ImportUndone<T> | null = null;
    this.#offer(message, {
      async back(base) {
        const u = await api.undoImport(added, replaced, base ?? revision);
        undone = u;
        const said: string[] = [];
        if (u.removed.length) said.push(`Removed the ${formatCount(u.removed.length, api.noun)} imported`);
        if (replaced.length) said.push(`${said.length ? 'restored' : 'Restored'} the values ${formatCount(replaced.length, api.noun)} had before the import`);
        return { said: said.join(' and '), revision: u.revision };
      },
      async forward(base) {
        if (!undone) throw new Error('the import was not undone');
        const r = await api.redoImport({ ...undone, revision: base ?? undone.revision });
        return { said: `Imported ${formatCount(r.restored, api.noun)} again`, revision: r.revision };
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

  #offer(message: string, step: { back: (base: number | undefined) => Promise<StepDone>; forward: (base: number | undefined) => Promise<StepDone> }): void {
    const run = (go: (base: number | undefined) => Promise<StepDone>) => async () => {
      const done = await go(this.#written);
      await this.#loadWritten();
      if (typeof done === 'string') return done;
      // the step's own revision, not the one the reload read: a change another window made in
      // between is refused by the next step, not overwritten by it
      this.#written = done.revision;
      return done.said;
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
