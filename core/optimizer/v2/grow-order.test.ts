// The packed start's growths by gain (grow.ts growthOrder) leave out those of a pool whose purchase
// column is at its upper bound: the site or the capex budget of the plan year buys no replica more
// there, so the growth is never kept (tight-3p-1: two such twin pools were tries 3 to 8).
import { describe, expect, it } from 'vitest';
import { makeInput, models, packedStartInput, system } from '../fixtures.test-helper.ts';
import type { PlanInput } from '../../types.ts';
import { buildModelV2 } from './model.ts';
import { growthOrder, packStart } from './grow.ts';

/** packedStartInput with a system X in place of the cloud option C, which serves m8 at a tenth of S's price per token but costs more than a year's capex budget, and one more m8 workload. */
function input(): PlanInput {
  const base = packedStartInput();
  return makeInput({
    catalog: { models, options: [
      ...base.catalog.options.filter((o) => o.id !== 'C'),
      system('X', { price_usd: 150_000, max_power_kw: 6 }, { m8: [{ user_tps: 10, unit_tps: 60_000, ttft_ms: 0 }] }),
    ] },
    workloads: [...base.workloads, { ...base.workloads[0]!, name: 'w4', avg_output_tps: 4000, monthly_growth_pct: 2 }],
    sites: base.sites,
    settings: base.settings,
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
