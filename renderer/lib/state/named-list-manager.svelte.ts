// A document list of rows keyed by name (workloads, sites): loaded whole into a raw,
// replace-only array (tens of thousands of rows stay cheap), edited through the API, with
// delete returning exactly the removed rows so Undo can put them back.
import { errorMessage } from '../api.ts';
import { toastManager } from './toast-manager.svelte.ts';

export type NamedListApi<T extends { name: string }> = {
  /** singular noun for messages: "workload", "site" */
  noun: string;
  list(): Promise<T[]>;
  upsert(item: T, originalName?: string): Promise<T>;
  remove(names: string[]): Promise<T[]>;
  restore(items: T[]): Promise<number>;
};

export class NamedListManager<T extends { name: string }> {
  #api: NamedListApi<T>;
  #items = $state.raw<T[]>([]);
  #loaded = $state(false);
  #error = $state<string | null>(null);

  constructor(api: NamedListApi<T>) {
    this.#api = api;
  }

  get items(): readonly T[] {
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
      this.#items = await this.#api.list();
      this.#error = null;
      this.#loaded = true;
    } catch (err) {
      this.#error = errorMessage(err);
    }
  }

  /** Throws ApiCallError on rejection so the form can place the messages. */
  async upsert(item: T, originalName?: string): Promise<T> {
    const saved = await this.#api.upsert(item, originalName);
    await this.load();
    return saved;
  }

  async remove(names: string[]): Promise<void> {
    const noun = this.#api.noun;
    try {
      const deleted = await this.#api.remove(names);
      await this.load();
      const n = deleted.length;
      toastManager.success(n === 1 ? `Deleted ${noun} “${deleted[0]?.name}”` : `Deleted ${n} ${noun}s`, {
        label: 'Undo',
        run: () => this.restore(deleted),
      });
    } catch (err) {
      toastManager.error(errorMessage(err));
    }
  }

  async restore(items: T[]): Promise<void> {
    const restored = await this.#api.restore(items);
    await this.load();
    toastManager.show(`Restored ${restored} ${this.#api.noun}${restored === 1 ? '' : 's'}`);
  }
}
