// The app's one undo history: newest first across stores, redo, the toasts each step offers, the
// order within a store, refusals, and "Nothing to undo".
import { describe, expect, it } from 'vitest';
import { UndoHistory, type HistoryLabel, type UndoStep } from './undo-history.ts';

type Toast = { id: number; message: string; label?: HistoryLabel; run?: () => Promise<void> };

function harness(max?: number) {
  const toasts: Toast[] = [];
  let next = 1;
  const log: string[] = [];
  const history = new UndoHistory(
    {
      offer: (message, label, run) => {
        toasts.push({ id: next, message, label, run });
        return next++;
      },
      dismiss: (id) => {
        const i = toasts.findIndex((t) => t.id === id);
        if (i >= 0) toasts.splice(i, 1);
      },
      say: (message) => void toasts.push({ id: next++, message }),
      changed: () => undefined,
    },
    max,
  );
  /** a step that logs what it does; `refuse` makes its next run throw */
  const step = (store: string, name: string, opts: { refuse?: boolean } = {}): UndoStep => ({
    store,
    label: name,
    back: async () => {
      if (opts.refuse) throw new Error(`${name} changed elsewhere`);
      log.push(`back ${name}`);
      return `Undid ${name}`;
    },
    forward: async () => {
      log.push(`forward ${name}`);
      return `Did ${name}`;
    },
    failed: (err) => void log.push(`failed ${(err as Error).message}`),
  });
  const messages = () => toasts.map((t) => (t.label ? `${t.message} [${t.label}]` : t.message));
  const press = (message: string) => toasts.find((t) => t.message === message)!.run!();
  return { history, step, log, toasts, messages, press };
}

describe('UndoHistory', () => {
  it('undoes the newest step whichever store it changed, and says when there is nothing to undo or redo', async () => {
    const h = harness();
    h.history.record(h.step('sites', 'site edit'), 'Saved site');
    h.history.record(h.step('workloads', 'delete 2'), 'Deleted 2 workloads');
    // Ctrl+Z in Sites takes back the workloads' delete: the newest change of the app
    await h.history.undo();
    expect(h.log).toEqual(['back delete 2']);
    await h.history.undo();
    expect(h.log).toEqual(['back delete 2', 'back site edit']);
    await h.history.undo();
    expect(h.messages().at(-1)).toBe('Nothing to undo');
    await h.history.redo();
    await h.history.redo();
    expect(h.log.slice(2)).toEqual(['forward site edit', 'forward delete 2']);
    await h.history.redo();
    expect(h.messages().at(-1)).toBe('Nothing to redo');
  });

  it('each step keeps one live toast: Undo, then Redo, then Undo, the one before dismissed', async () => {
    const h = harness();
    h.history.record(h.step('workloads', 'delete'), 'Deleted workload');
    expect(h.messages()).toEqual(['Deleted workload [Undo]']);
    await h.history.undo();
    expect(h.messages()).toEqual(['Undid delete [Redo]']);
    await h.press('Undid delete');
    expect(h.messages()).toEqual(['Did delete [Undo]']);
    await h.press('Did delete');
    expect(h.log).toEqual(['back delete', 'forward delete', 'back delete']);
    // a step without a toast of its own (a catalog edit) gets one when it is undone
    h.history.record(h.step('catalog', 'edit'), null);
    expect(h.messages()).toEqual([]);
    await h.history.undo();
    expect(h.messages()).toEqual(['Undid edit [Redo]']);
  });

  it('a new change forgets what was undone (and its Redo toast)', async () => {
    const h = harness();
    h.history.record(h.step('workloads', 'a'), 'A');
    await h.history.undo();
    h.history.record(h.step('sites', 'b'), 'B');
    expect(h.messages()).toEqual(['B [Undo]']);
    expect(h.history.canRedo).toBe(false);
    await h.history.redo();
    expect(h.log).toEqual(['back a']);
  });

  it('a toast\'s Undo takes the newer steps of its store first, never another store\'s', async () => {
    const h = harness();
    h.history.record(h.step('catalog', 'c1'), 'C1');
    h.history.record(h.step('workloads', 'w1'), 'W1');
    h.history.record(h.step('catalog', 'c2'), 'C2');
    await h.press('C1');
    expect(h.log).toEqual(['back c2', 'back c1']);
    expect(h.history.entries().map((e) => e.label)).toEqual(['w1']);
    // Redo brings them back in the order they were done: c1, then c2
    await h.history.redo();
    await h.history.redo();
    expect(h.log.slice(2)).toEqual(['forward c1', 'forward c2']);
    expect(h.history.entries('catalog').map((e) => e.label)).toEqual(['c2', 'c1']);
  });

  it('a refused step leaves the history, says why, and stops the steps after it', async () => {
    const h = harness();
    h.history.record(h.step('catalog', 'old'), null);
    h.history.record(h.step('catalog', 'stale', { refuse: true }), null);
    await h.history.undo(h.history.entries('catalog')[1]!.seq);
    expect(h.log).toEqual(['failed stale changed elsewhere']);
    expect(h.history.entries().map((e) => e.label)).toEqual(['old']);
    await h.history.undo();
    expect(h.log.at(-1)).toBe('back old');
  });

  it('runs steps one at a time in the order asked: two quick Ctrl+Z take two steps', async () => {
    const h = harness();
    h.history.record(h.step('workloads', 'first'), 'First');
    h.history.record(h.step('workloads', 'second'), 'Second');
    await Promise.all([h.history.undo(), h.history.undo(), h.history.undo()]);
    expect(h.log).toEqual(['back second', 'back first']);
    expect(h.messages().at(-1)).toBe('Nothing to undo');
  });

  it('an old toast whose step was already taken does nothing', async () => {
    const h = harness();
    h.history.record(h.step('workloads', 'x'), 'X');
    const toast = h.toasts[0]!;
    await h.history.undo();
    await toast.run!();
    expect(h.log).toEqual(['back x']);
  });

  it('forgets a store\'s steps (the catalog replaced) or all of them (another document), with their toasts', async () => {
    const h = harness();
    h.history.record(h.step('catalog', 'c'), 'C');
    h.history.record(h.step('workloads', 'w'), 'W');
    h.history.clear('catalog');
    expect(h.history.entries().map((e) => e.label)).toEqual(['w']);
    expect(h.messages()).toEqual(['W [Undo]']);
    h.history.clear();
    expect(h.history.entries()).toEqual([]);
    expect(h.messages()).toEqual([]);
    await h.history.undo();
    expect(h.messages()).toEqual(['Nothing to undo']);
  });

  it('keeps the newest steps only', () => {
    const h = harness(3);
    for (const n of ['a', 'b', 'c', 'd']) h.history.record(h.step('workloads', n), n);
    expect(h.history.entries().map((e) => e.label)).toEqual(['d', 'c', 'b']);
    expect(h.messages()).toEqual(['b [Undo]', 'c [Undo]', 'd [Undo]']);
  });
});
