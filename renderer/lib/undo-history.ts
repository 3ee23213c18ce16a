// The app's one history of changes that can be taken back: every save, delete and import made in
// this window (workloads, sites, catalog, settings), newest on top. Ctrl/Cmd+Z in any view undoes the
// newest, Ctrl/Cmd+Shift+Z or Ctrl+Y redoes the newest undone, and a new change forgets what was
// undone. Each step's toast offers its Undo (then its Redo): a step taken by its toast first takes
// the newer steps of the same store (they may build on it), never another store's. Steps run one at
// a time, in the order asked. Plain TypeScript: the toasts and the views come in through HistoryUi.

export type HistoryLabel = 'Undo' | 'Redo';

export type UndoStep = {
  /** the data the step changes ("workloads", "catalog"): the steps of one store are taken in order */
  store: string;
  /** what was done, for a list of changes: "edit “H100 node”" */
  label: string;
  /** takes the change back; resolves to what the toast says ("Restored 2 workloads") */
  back: () => Promise<string>;
  /** does it again; resolves to what the toast says */
  forward: () => Promise<string>;
  /** the step was refused (a stale write: say what changed elsewhere, reload): it leaves the history */
  failed: (err: unknown, label: HistoryLabel) => Promise<void> | void;
};

export type UndoEntry = UndoStep & { readonly seq: number; readonly at: string };

export type HistoryUi = {
  /** a toast saying `message` with one button (`label`) that runs `run`; returns its id */
  offer: (message: string, label: HistoryLabel, run: () => Promise<void>) => number;
  dismiss: (id: number) => void;
  /** a plain notice: "Nothing to undo" */
  say: (message: string) => void;
  /** the history changed (views listing it re-read it) */
  changed: () => void;
  /** "14:05": when a step was recorded */
  now?: () => string;
};

export const MAX_STEPS = 50;

export class UndoHistory {
  readonly #ui: HistoryUi;
  readonly #max: number;
  /** done steps, oldest first (the top is the last) */
  #done: UndoEntry[] = [];
  /** undone steps, the most recently undone last */
  #undone: UndoEntry[] = [];
  /** each step's live toast */
  #toasts = new Map<number, number>();
  #seq = 0;
  #queue: Promise<void> = Promise.resolve();

  constructor(ui: HistoryUi, max = MAX_STEPS) {
    this.#ui = ui;
    this.#max = max;
  }

  /** done steps, newest first (of one store when given) */
  entries(store?: string): readonly UndoEntry[] {
    return this.#done.filter((e) => store === undefined || e.store === store).reverse();
  }

  /** the step Ctrl+Z would take back, if any */
  get newest(): UndoEntry | undefined {
    return this.#done.at(-1);
  }

  get canRedo(): boolean {
    return this.#undone.length > 0;
  }

  /** Records a step just done; `message` (null: none) is its toast, with an Undo button. */
  record(step: UndoStep, message: string | null): number {
    const entry: UndoEntry = { ...step, seq: ++this.#seq, at: this.#ui.now?.() ?? '' };
    // what was undone cannot be redone over a newer change
    for (const e of this.#undone) this.#dropToast(e);
    this.#undone = [];
    this.#done.push(entry);
    for (const old of this.#done.splice(0, Math.max(0, this.#done.length - this.#max))) this.#dropToast(old);
    if (message !== null) this.#toasts.set(entry.seq, this.#ui.offer(message, 'Undo', () => this.undo(entry.seq)));
    this.#ui.changed();
    return entry.seq;
  }

  /** Undoes the newest step, or the step `seq` (and the newer steps of its store first). */
  undo(seq?: number): Promise<void> {
    return this.#enqueue(() => this.#run('Undo', seq));
  }

  /** Redoes the step undone last, or the step `seq` (and the steps of its store undone after it first). */
  redo(seq?: number): Promise<void> {
    return this.#enqueue(() => this.#run('Redo', seq));
  }

  /** Forgets the steps (of one store): the data they were made on was replaced (another document, an import of the whole catalog). */
  clear(store?: string): void {
    const keep = (e: UndoEntry) => store !== undefined && e.store !== store;
    for (const e of [...this.#done, ...this.#undone]) if (!keep(e)) this.#dropToast(e);
    this.#done = this.#done.filter(keep);
    this.#undone = this.#undone.filter(keep);
    this.#ui.changed();
  }

  #enqueue(op: () => Promise<void>): Promise<void> {
    const next = this.#queue.then(op);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async #run(label: HistoryLabel, seq: number | undefined): Promise<void> {
    const from = label === 'Undo' ? this.#done : this.#undone;
    if (seq === undefined && from.length === 0) return this.#ui.say(label === 'Undo' ? 'Nothing to undo' : 'Nothing to redo');
    const at = seq === undefined ? from.length - 1 : from.findIndex((e) => e.seq === seq);
    // a toast's step already taken (by key, or by an older toast of its store): nothing left to do
    if (at < 0) return;
    const target = from[at]!;
    const batch = from.slice(at).filter((e) => e.store === target.store).reverse();
    for (const entry of batch) {
      this.#dropToast(entry);
      let said: string;
      try {
        said = await (label === 'Undo' ? entry.back() : entry.forward());
      } catch (err) {
        this.#remove(entry);
        this.#ui.changed();
        await entry.failed(err, label);
        return;
      }
      this.#remove(entry);
      (label === 'Undo' ? this.#undone : this.#done).push(entry);
      const again: HistoryLabel = label === 'Undo' ? 'Redo' : 'Undo';
      this.#toasts.set(entry.seq, this.#ui.offer(said, again, () => (again === 'Undo' ? this.undo(entry.seq) : this.redo(entry.seq))));
      this.#ui.changed();
    }
  }

  #remove(entry: UndoEntry): void {
    this.#done = this.#done.filter((e) => e !== entry);
    this.#undone = this.#undone.filter((e) => e !== entry);
  }

  #dropToast(entry: UndoEntry): void {
    const id = this.#toasts.get(entry.seq);
    if (id !== undefined) this.#ui.dismiss(id);
    this.#toasts.delete(entry.seq);
  }
}
