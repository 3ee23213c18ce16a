// The packed start's growths by gain (grow.ts growthOrder) leave out those of a pool whose purchase
// column is at its upper bound: the site or the capex budget of the plan year buys no replica more
// there, so the growth is never kept (tight-3p-1: two such twin pools were tries 3 to 8).
import { describe, expect, it } from 'vitest';
import { makeInput, models, system, api } from '../fixtures.test-helper.ts';
import { buildModelV2 } from './model.ts';
import { growthOrder, packStart } from './grow.ts';

const unitPoint = (unit_tps: number) => [{ user_tps: 10, unit_tps, ttft_ms: 0 }];

/** packedStartInput's catalog with a system X that serves m8 at a tenth of S's price per token but costs more than a year's capex budget. */
function input() {
  return makeInput({
    catalog: { models, options: [
      system('S', { price_usd: 60_000, max_power_kw: 12 }, { m8: unitPoint(3000), m70: unitPoint(750) }),
      system('T', { price_usd: 25_000, max_power_kw: 5 }, { m8: unitPoint(900), m70: unitPoint(225) }),
      system('X', { price_usd: 150_000, max_power_kw: 6 }, { m8: unitPoint(60_000) }),
      api('A', { usd_per_m_output: 6, usd_per_m_input: 1 }, { m8: [{ user_tps: 60, ttft_ms: 100 }], m70: [{ user_tps: 40, ttft_ms: 300 }] }),
    ] },
    workloads: [
      { name: 'w0', model: 'm8', avg_output_tps: 2500, monthly_growth_pct: 3 },
      { name: 'w1', model: 'm70', avg_output_tps: 900, monthly_growth_pct: 0, placement: 'onprem' },
      { name: 'w2', model: 'm70', avg_output_tps: 400, monthly_growth_pct: 5 },
      { name: 'w3', model: 'm8', avg_output_tps: 300, monthly_growth_pct: 0, placement: 'onprem' },
      { name: 'w4', model: 'm8', avg_output_tps: 4000, monthly_growth_pct: 2 },
    ],
    sites: [{ name: 'F', it_power_kw: 30, racks: 4 }],
    settings: { horizon_months: 24, purchase_interval_months: 12, discount_rate_pct: 5, unserved_penalty_usd_per_month: 30_000, capex_budget_usd: 130_000 },
  });
}

describe('growthOrder', () => {
  it('by gain: no growth of a pool that buys no replica more in its period (its purchase at its bound), the others kept', () => {
    const m = buildModelV2(input());
    const E = packStart(m)!;
    expect(E).not.toBeNull();
    const order = growthOrder(E, null, true);
    const key = ([pi, k]: [number, number]) => `${pi}/${k}`;
    const atBound = new Set<string>(), open = new Set<string>();
    m.pools.forEach((p, pi) => p.q.forEach((q, k) => {
      if (q == null || p.xs.slice(k).every((l) => l.length === 0)) return;
      (E.col[q]! + 1 > m.colUpper[q]! ? atBound : open).add(`${pi}/${k}`);
    }));
    // not vacuous: X's pools are bounded at 0 by the capex budget (by gain, their growths came first), and other growths are left
    expect([...atBound].some((g) => m.pools[Number(g.split('/')[0])]!.option.id === 'X')).toBe(true);
    expect(open.size).toBeGreaterThan(0);
    expect(order.map(key).filter((g) => atBound.has(g))).toEqual([]);
    expect(new Set(order.map(key))).toEqual(open);
    // LP-ordered likewise
    expect(growthOrder(E, new Float64Array(m.numCols), false).map(key).filter((g) => atBound.has(g))).toEqual([]);
  });
});
