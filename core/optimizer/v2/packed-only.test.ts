// The packed start as the only start (search.ts StartOptions.packedOnly, solve.ts PACKED_ONLY_MIN_PAIRS):
// where it gives a plan, no other start is repaired, neither in greedyStart nor later (fineStart,
// improve()'s restart). The repairs are counted at start.ts' fromChoice, which every other start goes through.
import loadHighs, { type Highs } from 'highs';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PlanInput } from '../../types.ts';
import { api, cloud, makeInput, models, system } from '../fixtures.test-helper.ts';
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

const pt = (unit_tps: number) => [{ user_tps: 10, unit_tps, ttft_ms: 0 }];

/** Two yearly periods, a small site and a capex budget that bind, a penalty: the packed start gives a plan. */
function input(): PlanInput {
  return makeInput({
    catalog: { models, options: [
      system('S', { price_usd: 60_000, max_power_kw: 12 }, { m8: pt(3000), m70: pt(750) }),
      system('T', { price_usd: 25_000, max_power_kw: 5 }, { m8: pt(900), m70: pt(225) }),
      cloud('C', { usd_per_hour: 9 }, { m8: pt(1500), m70: pt(375) }),
      api('A', { usd_per_m_output: 6, usd_per_m_input: 1 }, { m8: [{ user_tps: 60, ttft_ms: 100 }], m70: [{ user_tps: 40, ttft_ms: 300 }] }),
    ] },
    workloads: [
      { name: 'w0', model: 'm8', avg_output_tps: 2500, monthly_growth_pct: 3 },
      { name: 'w1', model: 'm70', avg_output_tps: 900, monthly_growth_pct: 0, placement: 'onprem' },
      { name: 'w2', model: 'm70', avg_output_tps: 400, monthly_growth_pct: 5 },
      { name: 'w3', model: 'm8', avg_output_tps: 300, monthly_growth_pct: 0, placement: 'onprem' },
    ],
    sites: [{ name: 'F', it_power_kw: 30, racks: 4 }],
    settings: { horizon_months: 24, purchase_interval_months: 12, discount_rate_pct: 5, unserved_penalty_usd_per_month: 30_000, capex_budget_usd: 130_000 },
  });
}

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
