// Which view is shown, mirrored in location.hash (#/workloads) so a reload stays put, plus the
// import request slot that the CSV import UI (renderer/views/import/**) listens to.
import { VIEWS, isViewId, type ViewId } from '../../../core/views.ts';

export { VIEWS, type ViewId };
export type ImportTarget = 'workloads' | 'sites' | 'catalog';

function fromHash(): ViewId | null {
  const id = globalThis.location?.hash.replace(/^#\/?/, '') ?? '';
  return isViewId(id) ? id : null;
}

class NavManager {
  #view = $state<ViewId>(fromHash() ?? 'workloads');
  #importTarget = $state<ImportTarget | null>(null);

  constructor() {
    globalThis.addEventListener?.('hashchange', () => {
      const v = fromHash();
      if (v) this.#view = v;
    });
  }

  get view(): ViewId {
    return this.#view;
  }

  #guards = new Set<() => boolean>();

  /** A check run before leaving the view (e.g. "Discard changes?"); returns the remover. */
  addGuard(guard: () => boolean): () => void {
    this.#guards.add(guard);
    return () => this.#guards.delete(guard);
  }

  /** true when every guard lets the view change */
  mayLeave(): boolean {
    for (const g of this.#guards) if (!g()) return false;
    return true;
  }

  go(view: ViewId): void {
    if (view !== this.#view && !this.mayLeave()) return;
    this.#view = view;
    const hash = `#/${view}`;
    // replaceState keeps ?token= and does not pile up history entries
    if (globalThis.location && globalThis.location.hash !== hash) history.replaceState(null, '', hash);
  }

  /** What the user asked to import (set by an "Import…" button); the import UI clears it. */
  get importTarget(): ImportTarget | null {
    return this.#importTarget;
  }

  requestImport(target: ImportTarget): void {
    this.#importTarget = target;
  }

  closeImport(): void {
    this.#importTarget = null;
  }
}

export const navManager = new NavManager();
