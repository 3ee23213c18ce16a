// Tells open views that the document changed: after every API call and, while anyone listens,
// on a short poll (another window's backend or a `fleetplan` command writes the same file). One
// feed per backend; each transport (IPC, Server-Sent Events) subscribes to it.
import { CHANGE_KINDS, type ChangeEvent } from '../../core/changes.ts';
import type { Db } from './db.ts';
import { changedKindsSince, currentRevision } from './repo/changes.ts';

export const CHANGE_POLL_MS = 1000;

export type ChangeListener = (e: ChangeEvent) => void;

export class ChangeFeed {
  #listeners = new Set<ChangeListener>();
  #doc: () => Db | null;
  #pollMs: number;
  #timer: ReturnType<typeof setInterval> | null = null;
  #db: Db | null = null;
  #revision = 0;

  /** doc: the open document's connection, or null when none is open. */
  constructor(doc: () => Db | null, pollMs = CHANGE_POLL_MS) {
    this.#doc = doc;
    this.#pollMs = pollMs;
  }

  get listeners(): number {
    return this.#listeners.size;
  }

  /** Calls `fn` on every change from now on; returns the unsubscribe function. */
  subscribe(fn: ChangeListener): () => void {
    if (this.#listeners.size === 0) {
      this.#sync(false);
      this.#timer = setInterval(() => this.check(), this.#pollMs);
      this.#timer.unref?.();
    }
    this.#listeners.add(fn);
    return () => {
      this.#listeners.delete(fn);
      if (this.#listeners.size === 0 && this.#timer) {
        clearInterval(this.#timer);
        this.#timer = null;
      }
    };
  }

  /** Looks for a new revision or another document and tells the listeners. Never throws. */
  check(): void {
    if (this.#listeners.size > 0) this.#sync(true);
  }

  #sync(emit: boolean): void {
    let event: ChangeEvent | null = null;
    try {
      const db = this.#doc();
      if (db !== this.#db) {
        this.#db = db;
        this.#revision = db ? currentRevision(db) : 0;
        event = { revision: this.#revision, kinds: [...CHANGE_KINDS], document: true };
      } else if (db) {
        const revision = currentRevision(db);
        if (revision !== this.#revision) {
          const kinds = revision > this.#revision ? changedKindsSince(db, this.#revision) : [...CHANGE_KINDS];
          this.#revision = revision;
          event = { revision, kinds, document: false };
        }
      }
    } catch {
      return; // a closed or busy document: the next call or poll looks again
    }
    if (!emit || !event) return;
    for (const fn of [...this.#listeners]) {
      try {
        fn(event);
      } catch (e) {
        console.error('[fleetplan] change listener:', e instanceof Error ? e.message : e);
      }
    }
  }
}
