// The renderer's one subscription to the document's change events (IPC in Electron, Server-Sent
// Events under `fleetplan serve`). Each data manager registers the kinds of row it shows and how
// to reload; an event reloads only those. Invariant: one reload per manager at a time (events
// that arrive meanwhile cause exactly one more).
import type { ChangeEvent, ChangeKind } from '../../../core/changes.ts';
import { onChange } from '../api.ts';

type Entry = { kinds: readonly ChangeKind[]; reload: () => unknown; running: boolean; again: boolean };

class ChangeManager {
  #entries: Entry[] = [];
  #off: (() => void) | null = null;
  #revision = $state<number | null>(null);
  #connected = $state(true);

  /** false while the event stream to `fleetplan serve` is broken (the server stopped); always true in the desktop app */
  get connected(): boolean {
    return this.#connected;
  }

  /**
   * Which document the page shows, as a count of the documents opened since it loaded (0: the one
   * open then). Known before any call answers, unlike the document's path, so it can say which
   * document a plan id was read in (every document numbers its plans from 1).
   */
  get document(): number {
    return this.#document;
  }
  #document = 0;

  /** the revision of the last event received (null before the first) */
  get revision(): number | null {
    return this.#revision;
  }

  /** `reload` runs when rows of one of `kinds` changed, or another document was opened. */
  register(kinds: readonly ChangeKind[], reload: () => unknown): void {
    this.#entries.push({ kinds, reload, running: false, again: false });
  }

  /** Subscribes once (the app's mount); returns the unsubscribe. */
  start(): () => void {
    this.#off ??= onChange(
      (e) => this.receive(e),
      (connected) => (this.#connected = connected),
    );
    return () => {
      this.#off?.();
      this.#off = null;
    };
  }

  receive(e: ChangeEvent): void {
    this.#revision = e.revision;
    if (e.document) this.#document++;
    for (const entry of this.#entries) {
      if (e.document || e.kinds.some((k) => entry.kinds.includes(k))) void this.#run(entry);
    }
  }

  async #run(entry: Entry): Promise<void> {
    if (entry.running) {
      entry.again = true;
      return;
    }
    entry.running = true;
    try {
      do {
        entry.again = false;
        try {
          await entry.reload();
        } catch {
          /* each manager keeps its own error */
        }
      } while (entry.again);
    } finally {
      entry.running = false;
    }
  }
}

export const changeManager = new ChangeManager();
