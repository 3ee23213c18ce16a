// The packed start as the only start (search.ts StartOptions.packedOnly, solve.ts PACKED_ONLY_MIN_PAIRS):
// where it gives a plan, no other start is repaired, neither in greedyStart nor later (fineStart,
// improve()'s restart). The repairs are counted at start.ts' fromChoice, which every other start goes through.
import loadHighs, { type Highs } from 'highs';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { packedStartInput as input } from '../fixtures.test-helper.ts';
import { buildModelV2 } from './model.ts';
import { meetsModel, PACKED_ONLY_MIN_PAIRS, packedOnlyApplies } from './solve.ts';
import { fineStart, greedyStart, improve } from './search.ts';

const repairs = vi.hoisted(() => ({ n: 0 }));
vi.mock('./start.ts', async (importOriginal) => {
  const orig = await importOriginal<typeof import('./start.ts')>();
  return { ...orig, fromChoice: (...a: Parameters<typeof orig.fromChoice>) => { repairs.n++; return orig.fromChoice(...a); } };
});

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});
beforeEach(() => { repairs.n = 0; });

describe('greedyStart with packedOnly', () => {
  it('where the packed start gives a plan, no other start is repaired, then or later (fineStart, improve()\'s restart)', () => {
    // (not vacuous: without packedOnly the other starts are repaired, and the fine one is made later)
    const all = buildModelV2(input());
    const withAll = greedyStart(all, { deadline: Infinity, fine: 'later' });
    expect(withAll).not.toBeNull();
    expect(repairs.n).toBeGreaterThan(0);
    repairs.n = 0;
    expect(fineStart(all, { deadline: Infinity })).not.toBeNull();
    expect(repairs.n).toBe(1);

    repairs.n = 0;
    const m = buildModelV2(input());
    const packed: boolean[] = [];
    const out = greedyStart(m, { deadline: Infinity, fine: 'later', packedOnly: true, onPlan: (_, p) => { packed.push(p); } });
    expect(out).not.toBeNull();
    expect(meetsModel(m, out!)).toBe(true);
    // the packed start's plan was told
    expect(packed[0]).toBe(true);
    expect(repairs.n).toBe(0);
    expect(fineStart(m, { deadline: Infinity })).toBeNull();
    const searched = improve(highs, m, out!, { deadline: performance.now() + 60_000, seed: 1, maxRounds: 1 });
    expect(meetsModel(m, searched)).toBe(true);
    expect(repairs.n).toBe(0);
  });

  it('a model where the packed start gives no plan (no penalty) still gets the other starts', () => {
    const base = input();
    const m = buildModelV2({ ...base, settings: { ...base.settings, unserved_penalty_usd_per_month: null, capex_budget_usd: null } });
    const out = greedyStart(m, { deadline: Infinity, packedOnly: true });
    expect(repairs.n).toBeGreaterThan(0);
    if (out) expect(meetsModel(m, out)).toBe(true);
  });
});

describe('packedOnlyApplies', () => {
  const shape = (workloads: number, periods: number) => ({ sized: new Array(workloads).fill(null), periods: new Array(periods).fill(null) }) as unknown as Parameters<typeof packedOnlyApplies>[0];
  it('several periods from PACKED_ONLY_MIN_PAIRS (workload, period) pairs; never a single purchase', () => {
    expect(packedOnlyApplies(shape(PACKED_ONLY_MIN_PAIRS / 2, 2))).toBe(true);
    expect(packedOnlyApplies(shape(1000, 3))).toBe(true);
    expect(packedOnlyApplies(shape(PACKED_ONLY_MIN_PAIRS / 2 - 1, 2))).toBe(false);
    expect(packedOnlyApplies(shape(5000, 1))).toBe(false);
  });
});
