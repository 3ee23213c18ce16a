// The toast of an edit that can be taken back: its action (Undo) runs once, then the toast offers the
// opposite step (Redo), and so on. The lists (named-list-manager) and the settings view both use it;
// each step writes based on the revision its own last write left, so a change made since in another
// window is refused as stale, not overwritten.
import { toastManager } from './state/toast-manager.svelte.ts';

/** `back` takes the step back and returns the next toast's message; `forward` does it again. */
export type UndoStep = { back: () => Promise<string>; forward: () => Promise<string> };

export type UndoHooks = {
  /** told of the action on offer (null once it ran), e.g. for Ctrl+Z / Ctrl+Shift+Z */
  arm?: (label: 'Undo' | 'Redo', run: (() => Promise<void>) | null) => void;
  /** a step that failed (a stale write: say what changed elsewhere) */
  failed: (err: unknown, label: 'Undo' | 'Redo') => Promise<void> | void;
};

export function offerUndo(label: 'Undo' | 'Redo', message: string, step: UndoStep, hooks: UndoHooks): void {
  let done = false;
  let toast = 0;
  const once = async (): Promise<void> => {
    if (done) return;
    done = true;
    // its toast goes too when the step runs by Ctrl+Z: it stayed with a button that did nothing,
    // above the new toast's live one (three toasts after Delete, Ctrl+Z, Ctrl+Shift+Z)
    toastManager.dismiss(toast);
    hooks.arm?.(label, null);
    try {
      const said = await step.back();
      offerUndo(label === 'Undo' ? 'Redo' : 'Undo', said, { back: step.forward, forward: step.back }, hooks);
    } catch (err) {
      await hooks.failed(err, label);
    }
  };
  hooks.arm?.(label, once);
  toast = toastManager.success(message, { label, run: once });
}
