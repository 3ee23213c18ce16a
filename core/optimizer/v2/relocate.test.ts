// relocatePools prices the swaps of one move out (a pool's load to its twin at another site, each
// with a pool of that site moved back) with the move out made once for them all (priceWith).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { twoSystemInput } from '../fixtures.test-helper.ts';
import { buildModelV2 } from './model.ts';
import { PlanState } from './repair.ts';
import { priceWith, type Set3 } from './relocate.ts';

afterEach(() => { vi.restoreAllMocks(); });

describe('priceWith', () => {
  it('prices the move out with each move back as a fresh state of both does, making the move out once, and sets the state back', () => {
    const input = twoSystemInput(30);
    const m = buildModelV2({ ...input, sites: input.sites.map((s) => ({ ...s, it_power_kw: 400, racks: 12 })) });
    // the pairs by workload on each site's h100 or b200 pool: pools at both sites to move between
    const at = (w: number, site: string, opt: string) => m.byWk[w]![0]!.find((xi) => m.xs[xi]!.cand.site?.name === site && m.xs[xi]!.cand.option.id === opt);
    const chosen = m.byWk.map((byK, w) => byK.map((xs) => at(w, w % 2 === 0 ? 'dc1' : 'dc2', w % 4 < 2 ? 'h100' : 'b200') ?? xs[0] ?? null));
    const E = new PlanState(m, chosen);
    expect(E.anyViolated()).toBe(false);
    const move = (ws: number[], site: string, opt: string): Set3[] => ws.map((w) => [w, 0, at(w, site, opt)!]);
    const dc1h = chosen.flatMap((r, w) => (w % 4 === 0 ? [w] : []));
    const dc2h = chosen.flatMap((r, w) => (w % 4 === 1 ? [w] : []));
    const dc2b = chosen.flatMap((r, w) => (w % 4 === 3 ? [w] : []));
    const out = move(dc1h, 'dc2', 'h100');
    const backs = [move(dc2h, 'dc1', 'h100'), move(dc2b, 'dc1', 'b200'), move(dc2h.slice(0, 2), 'dc1', 'h100'), move(dc2b.slice(1), 'dc1', 'b200')];
    expect(out.length).toBeGreaterThan(2);
    const before = E.chosen.map((r) => [...r]), obj = E.obj;
    let sets = 0;
    const set = PlanState.prototype.set;
    vi.spyOn(PlanState.prototype, 'set').mockImplementation(function (this: PlanState, w: number, k: number, xi: number | null) { if (this === E) sets++; set.call(this, w, k, xi); });
    const ds = priceWith(E, out, backs);
    vi.restoreAllMocks();
    // the move out made and taken back once, each move back once
    expect(sets).toBe(2 * out.length + backs.reduce((n, b) => n + 2 * b.length, 0));
    expect(E.chosen).toEqual(before);
    expect(E.obj).toBeCloseTo(obj, 3);
    let feasible = 0;
    backs.forEach((back, i) => {
      const F = new PlanState(m, before);
      for (const [w, k, xi] of [...out, ...back]) F.set(w, k, xi);
      if (F.anyViolated()) expect(ds[i]).toBeNull();
      else { feasible++; expect(ds[i]).toBeCloseTo(F.obj - obj, 3); }
    });
    // not vacuous: some swaps keep the rows
    expect(feasible).toBeGreaterThan(0);
  });
});
