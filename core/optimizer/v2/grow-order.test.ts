// The packed start's growths by gain (grow.ts growthOrder) leave out those of a pool whose purchase
// column is at its upper bound: the site or the capex budget of the plan year buys no replica more
// there, so the growth is never kept (tight-3p-1: two such twin pools were tries 3 to 8). A fill
// (grow.ts fill, the growths' and the packing's pool move) buys no replica past that bound either.
import { describe, expect, it } from 'vitest';
import { makeInput, models, packedStartInput, system } from '../fixtures.test-helper.ts';
import type { PlanInput } from '../../types.ts';
import { buildModelV2, type ModelV2 } from './model.ts';
import { fill, growthOrder, packStart } from './grow.ts';
import { journal, PlanState } from './repair.ts';
import { tightSmallInput } from './tight-small.test-helper.ts';

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

/** The purchase columns of E's plan above their upper bound, as 'pool/period'. */
const overBound = (m: ModelV2, E: PlanState) => m.pools.flatMap((p, pi) => p.q.flatMap((q, k) => (q != null && E.col[q]! > m.colUpper[q]! + 1e-9 ? [`${pi}/${k}`] : [])));

describe('fill', () => {
  it('buys one replica at most and none past a purchase column\'s upper bound, from the packed plan and from a plan that serves nothing', () => {
    const m = buildModelV2(input());
    const bounded = m.pools.flatMap((p, pi) => p.q.flatMap((q, k) => (q != null && m.colUpper[q] === 0 ? [[pi, k] as const] : [])));
    // not vacuous: X's pools buy nothing in any period (a replica costs more than a year's capex budget)
    expect(bounded.length).toBeGreaterThan(0);
    const unserved = new PlanState(m, m.byWk.map((byK) => byK.map(() => null)));
    for (const E of [packStart(m)!, unserved]) {
      expect(overBound(m, E)).toEqual([]);
      const J = journal(E);
      let filled = 0;
      const over: string[] = [];
      m.pools.forEach((p, pi) => p.q.forEach((q, k) => {
        if (q == null) return;
        E.begin();
        const owned = E.ownedOf(pi).slice();
        if (fill(E, pi, k, J.set)) filled++;
        expect(overBound(m, E), `fill of pool ${pi} from period ${k}`).toEqual([]);
        // one replica more at most, in every period
        E.ownedOf(pi).forEach((o, j) => { if (o > owned[j]! + 1) over.push(`${pi}/${k}/${j}`); });
        J.undo();
      }));
      // the other pools' fills still move pairs
      expect(filled).toBeGreaterThan(0);
      expect(over).toEqual([]);
      // a pool that may buy nothing and owns nothing has no room: its fill moves no pair (the packing prices it at once)
      for (const [pi, k] of bounded) {
        const was = E.obj;
        expect(fill(E, pi, k, J.set)).toBe(false);
        expect(E.obj).toBe(was);
      }
    }
  });

  it('gives each period one replica more at most on six purchase periods (tightSmallInput, from a plan that serves nothing)', () => {
    const m = buildModelV2(tightSmallInput());
    const E = new PlanState(m, m.byWk.map((byK) => byK.map(() => null)));
    const J = journal(E);
    const over: string[] = [];
    let filled = 0;
    m.pools.forEach((p, pi) => p.q.forEach((q, k) => {
      if (q == null) return;
      const owned = E.ownedOf(pi).slice();
      if (fill(E, pi, k, J.set)) filled++;
      E.ownedOf(pi).forEach((o, j) => { if (o > owned[j]! + 1) over.push(`${pi}/${k}/${j}`); });
      J.undo();
    }));
    expect(filled).toBeGreaterThan(0);
    expect(over).toEqual([]);
  });
});
