// Transient notifications, newest last. A toast may carry one action (Undo) that runs at most once.
export type ToastKind = 'info' | 'success' | 'error';
export type ToastAction = { label: string; run: () => unknown };
export type Toast = { id: number; kind: ToastKind; message: string; action?: ToastAction };

class ToastManager {
  #toasts = $state<Toast[]>([]);
  #nextId = 1;
  #timers = new Map<number, ReturnType<typeof setTimeout>>();

  get toasts(): readonly Toast[] {
    return this.#toasts;
  }

  show(message: string, opts: { kind?: ToastKind; action?: ToastAction; timeoutMs?: number } = {}): number {
    const id = this.#nextId++;
    const toast: Toast = { id, kind: opts.kind ?? 'info', message };
    if (opts.action) toast.action = opts.action;
    this.#toasts = [...this.#toasts.slice(-4), toast];
    // errors and undoable actions stay longer: people need time to read or to change their mind
    const timeout = opts.timeoutMs ?? (opts.kind === 'error' ? 12_000 : opts.action ? 10_000 : 4_000);
    if (timeout > 0) this.#timers.set(id, setTimeout(() => this.dismiss(id), timeout));
    return id;
  }

  success(message: string, action?: ToastAction): number {
    return this.show(message, action ? { kind: 'success', action } : { kind: 'success' });
  }

  error(message: string): number {
    return this.show(message, { kind: 'error' });
  }

  async runAction(id: number): Promise<void> {
    const toast = this.#toasts.find((t) => t.id === id);
    if (!toast?.action) return;
    this.dismiss(id);
    try {
      await toast.action.run();
    } catch (err) {
      this.error(err instanceof Error ? err.message : String(err));
    }
  }

  dismiss(id: number): void {
    clearTimeout(this.#timers.get(id));
    this.#timers.delete(id);
    this.#toasts = this.#toasts.filter((t) => t.id !== id);
  }
}

export const toastManager = new ToastManager();
