// Ctrl/Cmd+Z as the app's "undo the newest edit", Ctrl/Cmd+Shift+Z or Ctrl+Y as "redo it": not
// when a text box or menu takes the keystroke (there it undoes typing), nor with Alt.
export function historyKey(e: KeyboardEvent): 'undo' | 'redo' | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
  const k = e.key.toLowerCase();
  const which = k === 'z' ? (e.shiftKey ? 'redo' : 'undo') : k === 'y' && !e.shiftKey ? 'redo' : null;
  if (!which) return null;
  const t = e.target as HTMLElement | null;
  return t?.closest?.('input, textarea, select, [contenteditable="true"]') ? null : which;
}
