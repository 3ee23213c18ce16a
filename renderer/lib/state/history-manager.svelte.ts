// The app's one undo history (lib/undo-history.ts) with its toasts, and the keys that run it from
// any view: Ctrl/Cmd+Z undoes the newest change made in this window wherever it was made (a delete
// in Workloads is undone from Sites, as its toast's Undo is), Ctrl/Cmd+Shift+Z or Ctrl+Y redoes, and
// with nothing to take back the key says so. While an edit form is open (a view holds the keys) the
// keys take nothing back under it.
import { historyKey } from '../undo-key.ts';
import { UndoHistory, type UndoEntry, type UndoStep } from '../undo-history.ts';
import { toastManager } from './toast-manager.svelte.ts';

class HistoryManager {
  /** bumped on every change of the history, for the views that list it */
  #version = $state(0);
  // a plain count, not state: the views take a hold from an effect ($effect → hold()), and a ++ on
  // state there reads it too, so the effect re-ran on its own write and its teardown's −− without
  // end (Svelte's effect_update_depth_exceeded on every edit form opened); only a key press reads it
  #holds = 0;
  #history = new UndoHistory({
    offer: (message, label, run) => toastManager.success(message, { label, run }),
    dismiss: (id) => toastManager.dismiss(id),
    say: (message) => void toastManager.show(message),
    changed: () => void this.#version++,
    now: () => new Date().toTimeString().slice(0, 5),
  });

  /** done steps, newest first (of one store when given) */
  entries(store?: string): readonly UndoEntry[] {
    void this.#version;
    return this.#history.entries(store);
  }

  /** the step Ctrl+Z takes back */
  get newest(): UndoEntry | undefined {
    void this.#version;
    return this.#history.newest;
  }

  record(step: UndoStep, message: string | null): number {
    return this.#history.record(step, message);
  }

  undo(seq?: number): Promise<void> {
    return this.#history.undo(seq);
  }

  redo(seq?: number): Promise<void> {
    return this.#history.redo(seq);
  }

  clear(store?: string): void {
    this.#history.clear(store);
  }

  /** An edit form opened: the keys take nothing back under it until the returned release is called. */
  hold(): () => void {
    this.#holds++;
    let held = true;
    return () => {
      if (held) this.#holds--;
      held = false;
    };
  }

  /** The window's keydown: Ctrl/Cmd+Z and Ctrl/Cmd+Shift+Z, Ctrl+Y outside a text box (there they edit the text) and outside a dialog. */
  onKey(e: KeyboardEvent): void {
    const which = historyKey(e);
    if (!which) return;
    if ((e.target as HTMLElement | null)?.closest?.('[aria-modal="true"], dialog[open]')) return;
    e.preventDefault();
    if (this.#holds > 0) {
      toastManager.show(`Not ${which === 'undo' ? 'undone' : 'redone'}: an edit is open; save or cancel it first`);
      return;
    }
    void (which === 'undo' ? this.undo() : this.redo());
  }
}

export const historyManager = new HistoryManager();
