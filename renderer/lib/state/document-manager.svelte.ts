// The open plan document (file name, scenarios, counts) and the one place that reloads every
// data manager after the document changes underneath (open, new, import, scenario switch).
import type { DocumentInfo } from '../../../core/api.ts';
import { call, errorMessage } from '../api.ts';
import { catalogManager } from './catalog-manager.svelte.ts';
import { changeManager } from './change-manager.svelte.ts';
import { settingsManager } from './settings-manager.svelte.ts';
import { sitesManager } from './sites-manager.svelte.ts';
import { workloadsManager } from './workloads-manager.svelte.ts';

class DocumentManager {
  #info = $state<DocumentInfo | null>(null);
  #error = $state<string | null>(null);
  #loading = $state(false);

  get info(): DocumentInfo | null {
    return this.#info;
  }
  get error(): string | null {
    return this.#error;
  }
  get loading(): boolean {
    return this.#loading;
  }

  async refresh(): Promise<void> {
    try {
      this.#info = await call('document-info', {});
      this.#error = null;
    } catch (err) {
      this.#error = errorMessage(err);
    }
  }

  /** Reload the document info and every data set; errors are kept per manager. */
  async reloadAll(): Promise<void> {
    this.#loading = true;
    try {
      await this.refresh();
      if (this.#error) return;
      catalogManager.clearHistory(); // undoing an edit of another document (or a replaced catalog) would write stale options
      await Promise.all([catalogManager.load(), workloadsManager.load(), sitesManager.load(), settingsManager.load()]);
    } finally {
      this.#loading = false;
    }
  }
}

export const documentManager = new DocumentManager();

// counts and the scenario list of the status bar follow every change; another document reloads all
changeManager.register(['workload', 'site', 'option', 'model', 'scenario', 'active'], () => documentManager.info && documentManager.refresh());
