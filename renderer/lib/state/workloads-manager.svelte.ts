// The document's workloads (possibly tens of thousands: kept as a raw, replace-only array).
// Delete returns the rows the backend removed so Undo can put exactly those back.
import type { Workload } from '../../../core/types.ts';
import { call, errorMessage } from '../api.ts';
import { toastManager } from './toast-manager.svelte.ts';

class WorkloadsManager {
  #items = $state.raw<Workload[]>([]);
  #loaded = $state(false);
  #error = $state<string | null>(null);

  get items(): readonly Workload[] {
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
      this.#items = await call('workload-list', {});
      this.#error = null;
      this.#loaded = true;
    } catch (err) {
      this.#error = errorMessage(err);
    }
  }

  /** Throws ApiCallError on rejection so the form can place the messages. */
  async upsert(workload: Workload, originalName?: string): Promise<Workload> {
    const saved = await call('workload-upsert', originalName === undefined ? { workload } : { workload, originalName });
    await this.load();
    return saved;
  }

  async remove(names: string[]): Promise<void> {
    try {
      const { deleted } = await call('workload-delete', { names });
      await this.load();
      const n = deleted.length;
      toastManager.success(n === 1 ? `Deleted workload “${deleted[0]?.name}”` : `Deleted ${n} workloads`, {
        label: 'Undo',
        run: () => this.restore(deleted),
      });
    } catch (err) {
      toastManager.error(errorMessage(err));
    }
  }

  async restore(workloads: Workload[]): Promise<void> {
    const { restored } = await call('workload-restore', { workloads });
    await this.load();
    toastManager.show(`Restored ${restored} workload${restored === 1 ? '' : 's'}`);
  }
}

export const workloadsManager = new WorkloadsManager();
