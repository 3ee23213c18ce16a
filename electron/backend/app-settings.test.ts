// app-settings-get/set through the handler table: the solver's worker count round-trips, is
// validated, survives a restart (user-data folder), reaches the optimizer, and a one-off verb
// (no user-data folder) keeps no preferences.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PlanInput } from '../../core/types.ts';
import { dispatcherFor } from './api-handlers.ts';
import { APP_SETTINGS_FILE } from './app-settings.ts';
import { Backend, type OptimizerLike } from './backend.ts';
import { stubSeed, tempDir } from './test-helpers.ts';

function recordingOptimizer() {
  const opt: OptimizerLike & { workers: (number | null)[]; starts: { input: PlanInput; workers?: number }[] } = {
    workers: [],
    starts: [],
    setWorkers(n) { opt.workers.push(n); },
    start(input, o) { opt.starts.push({ input, ...(o.workers != null ? { workers: o.workers } : {}) }); return opt.starts.length; },
    progress: (jobId) => ({ jobId, state: 'running', elapsedMs: 0, incumbentUsd: null, boundUsd: null, gap: null, message: '' }),
    cancel: () => undefined,
    result: () => undefined,
  };
  return opt;
}

describe('app settings', () => {
  it('round-trips the worker count, refuses a bad one, keeps it across a restart and hands it to the optimizer', async () => {
    const dir = tempDir();
    const user = path.join(dir, 'user');
    const opt = recordingOptimizer();
    const call = dispatcherFor(new Backend({ userDataDir: user, seed: stubSeed, optimizer: opt }));
    const cores = os.availableParallelism();
    const first = await call('app-settings-get', {});
    expect(first).toMatchObject({ ok: true, value: { solver_workers: null, cores, default_workers: Math.max(1, Math.min(16, cores - 1)) } });

    const set = await call('app-settings-set', { patch: { solver_workers: 3 } });
    expect(set.ok && set.value.solver_workers).toBe(3);
    expect(opt.workers.at(-1)).toBe(3);
    for (const bad of [0, 2.5, 17, '4']) {
      const r = await call('app-settings-set', { patch: { solver_workers: bad } } as never);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('bad_input');
    }
    expect(await call('app-settings-get', {})).toMatchObject({ ok: true, value: { solver_workers: 3 } });

    // a new backend on the same folder (the app restarted) applies the stored count at once
    const opt2 = recordingOptimizer();
    const call2 = dispatcherFor(new Backend({ userDataDir: user, seed: stubSeed, optimizer: opt2 }));
    expect(opt2.workers).toEqual([3]);
    await call2('app-settings-set', { patch: { solver_workers: null } });
    expect(opt2.workers.at(-1)).toBeNull();
    expect(JSON.parse(fs.readFileSync(path.join(user, APP_SETTINGS_FILE), 'utf8'))).toEqual({ solver_workers: null });

    // one solve may ask for its own count (the CLI's --workers); the setting is the default
    await call2('document-new', { path: path.join(dir, 'plan.fleetplan'), demo: true });
    await call2('optimize-start', { workers: 2 });
    await call2('optimize-start', {});
    expect(opt2.starts.map((s) => s.workers)).toEqual([2, undefined]);
    expect((await call2('optimize-start', { workers: 0 })).ok).toBe(false);
  });

  it('an unreadable file reads as the defaults; a one-off verb keeps no preferences', async () => {
    const user = path.join(tempDir(), 'user');
    fs.mkdirSync(user);
    fs.writeFileSync(path.join(user, APP_SETTINGS_FILE), '{"solver_workers": -4}');
    const call = dispatcherFor(new Backend({ userDataDir: user, seed: stubSeed }));
    expect(await call('app-settings-get', {})).toMatchObject({ ok: true, value: { solver_workers: null } });

    const oneOff = dispatcherFor(new Backend({ userDataDir: user, seed: stubSeed, trackRecent: false }));
    const r = await oneOff('app-settings-set', { patch: { solver_workers: 2 } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('unavailable');
  });
});
