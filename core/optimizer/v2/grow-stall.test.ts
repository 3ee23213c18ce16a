// The packed start's growths past greedyStart's deadline stop once they stall (grow.ts
// GrowOptions.stall, search.ts GROW_STALL_TRIES): the tries are counted at keepIfCheaper, which every growth goes through.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { PlanInput } from '../../types.ts';
import { api, cloud, makeInput, models, system } from '../fixtures.test-helper.ts';
import { buildModelV2 } from './model.ts';
import { growPools, growthsStalled, packStart } from './grow.ts';

const tries = vi.hoisted(() => ({ n: 0 }));
vi.mock('./repair.ts', async (importOriginal) => {
  const orig = await importOriginal<typeof import('./repair.ts')>();
  return { ...orig, keepIfCheaper: (...a: Parameters<typeof orig.keepIfCheaper>) => { tries.n++; return orig.keepIfCheaper(...a); } };
});
beforeEach(() => { tries.n = 0; });

const pt = (unit_tps: number) => [{ user_tps: 10, unit_tps, ttft_ms: 0 }];
/** Two yearly periods, a small site and a capex budget that bind, a penalty: the packed start gives a plan (as packed-only.test.ts). */
const packInput = (): PlanInput => makeInput({
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
