// Ctrl/Cmd+Z as a view's "undo the newest edit": not when a text box or menu takes the keystroke
// (there it undoes typing), nor with Shift or Alt.
export function isUndoKey(e: KeyboardEvent): boolean {
  if (!(e.ctrlKey || e.metaKey) || e.shiftKey || e.altKey || e.key.toLowerCase() !== 'z') return false;
  const t = e.target as HTMLElement | null;
  return !t?.closest?.('input, textarea, select, [contenteditable="true"]');
}
