// The packed start's growths past greedyStart's deadline stop once they stall (grow.ts
// GrowOptions.stall, search.ts GROW_STALL_TRIES): the tries are counted at keepIfCheaper, which every growth goes through.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { packedStartInput as packInput } from '../fixtures.test-helper.ts';
import { buildModelV2 } from './model.ts';
import { growPools, growthsStalled, packStart } from './grow.ts';

const tries = vi.hoisted(() => ({ n: 0 }));
vi.mock('./repair.ts', async (importOriginal) => {
  const orig = await importOriginal<typeof import('./repair.ts')>();
  return { ...orig, keepIfCheaper: (...a: Parameters<typeof orig.keepIfCheaper>) => { tries.n++; return orig.keepIfCheaper(...a); } };
});
beforeEach(() => { tries.n = 0; });

describe('growths that stall', () => {
  it('growthsStalled: only from `from` on, only with `tries` growths seen, when together they saved under `share`', () => {
    const st = { tries: 3, share: 1e-3, from: 100 };
    expect(growthsStalled([0, 0, 0], 1000, st, 99)).toBe(false);
    expect(growthsStalled([0, 0, 0], 1000, st, 100)).toBe(true);
    expect(growthsStalled([0, 0], 1000, st, 200)).toBe(false);
    expect(growthsStalled([5, 0, 0, 0], 1000, st, 200)).toBe(true);
    expect(growthsStalled([0, 0.5, 0.4], 1000, st, 200)).toBe(true);
    expect(growthsStalled([0, 0.5, 0.6], 1000, st, 200)).toBe(false);
  });

  it('growPools stops after `tries` growths that save nothing, past `from`; before `from` they all run', () => {
    const grown = () => {
      const E = packStart(buildModelV2(packInput()))!;
      expect(E).not.toBeNull();
      // grown until no growth pays: every later growth saves nothing
      for (let i = 0; i < 10 && growPools(E, { byGain: true }); i++);
      return E;
    };
    const E0 = grown();
    tries.n = 0;
    expect(growPools(E0, { byGain: true })).toBe(false);
    const all = tries.n;
    expect(all).toBeGreaterThan(2);
    const E1 = grown();
    tries.n = 0;
    growPools(E1, { byGain: true, stall: { tries: 2, share: 1e-3, from: 0 } });
    expect(tries.n).toBe(2);
    const E2 = grown();
    tries.n = 0;
    growPools(E2, { byGain: true, stall: { tries: 2, share: 1e-3, from: Infinity } });
    expect(tries.n).toBe(all);
  });
});
