// Drag-and-drop of a CSV onto the Workloads or Sites view: installed once when the import UI
// module loads (the shell mounts the dialog only on request). Shows a drop hint while a file is
// dragged over those views and opens the import dialog with the dropped file. Also answers the
// menu commands export:workloads | export:sites | export:catalog with a download.
import { call, errorMessage, onMenu } from '../../lib/api.ts';
import { navManager } from '../../lib/state/nav-manager.svelte.ts';
import { toastManager } from '../../lib/state/toast-manager.svelte.ts';
import { downloadText } from './download.ts';
import { csvImport } from './import-manager.svelte.ts';

/** Downloads the document's workloads/sites CSV or catalog JSON (DESIGN 7 formats). */
export async function exportToFile(what: 'workloads' | 'sites' | 'catalog'): Promise<void> {
  try {
    const r = what === 'catalog' ? await call('catalog-export', {}) : await call('csv-export', { kind: what });
    downloadText(r.fileName, r.text, what === 'catalog' ? 'application/json' : 'text/csv');
    toastManager.show(`Exported the ${what} to ${r.fileName}`);
  } catch (err) {
    toastManager.error(errorMessage(err));
  }
}

let installed = false;
let overlay: HTMLDivElement | null = null;

function dropTarget(): 'workloads' | 'sites' | null {
  if (navManager.importTarget) return null; // the open dialog has its own drop zone
  return navManager.view === 'workloads' || navManager.view === 'sites' ? navManager.view : null;
}

const hasFiles = (e: DragEvent) => !!e.dataTransfer && Array.from(e.dataTransfer.types).includes('Files');

function showOverlay(target: string): void {
  if (!overlay) {
    overlay = document.createElement('div');
    overlay.setAttribute('data-testid', 'import-drop-hint');
    overlay.setAttribute('aria-hidden', 'true');
    Object.assign(overlay.style, {
      position: 'fixed', inset: '12px', zIndex: '900', pointerEvents: 'none', display: 'flex', alignItems: 'center',
      justifyContent: 'center', border: '2px dashed var(--accent)', borderRadius: '12px', background: 'color-mix(in srgb, var(--accent-soft) 70%, transparent)',
      color: 'var(--accent)', fontSize: '18px', fontWeight: '600',
    });
    document.body.append(overlay);
  }
  overlay.textContent = `Drop the CSV file to import ${target}`;
}

function hideOverlay(): void {
  overlay?.remove();
  overlay = null;
}

export function installDropImport(): void {
  if (installed || typeof window === 'undefined') return;
  installed = true;
  onMenu((command) => {
    const what = command.startsWith('export:') ? command.slice(7) : '';
    if (what === 'workloads' || what === 'sites' || what === 'catalog') void exportToFile(what);
  });
  window.addEventListener('dragover', (e) => {
    const target = dropTarget();
    if (!target || !hasFiles(e)) return;
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    showOverlay(target);
  });
  window.addEventListener('dragleave', (e) => {
    if (!e.relatedTarget) hideOverlay();
  });
  window.addEventListener('drop', (e) => {
    hideOverlay();
    const target = dropTarget();
    const file = e.dataTransfer?.files?.[0];
    if (!target || !file) return;
    e.preventDefault();
    csvImport.pendingFile = file;
    navManager.requestImport(target);
  });
}
