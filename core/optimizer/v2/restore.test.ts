// restoreShed (repair.ts) and the LP's rounding that runs it (search.ts roundLp): the repair of a
// site over its power can shed a workload whole, in every period, where moving a small workload to
// the API and dropping its replica costs less; pinned, the workload stays and the repair makes room
// for it. The rounding is timed against its own repair and polish, so its test runs on a clock that
// advances by a fixed step at each read (time is a count of reads).
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { api, makeInput, models, system, v2Input, v2Scenario } from '../fixtures.test-helper.ts';
import { meetsModel } from './extract.ts';
import { buildModelV2, type ModelV2 } from './model.ts';
import { keepIfCheaper, PlanState, polish, repairState, RESTORE_MIN_PAIRS, RESTORE_TRIES, restoreShed } from './repair.ts';
import { roundLp } from './search.ts';
import { fromChoice, greedyChoice } from './start.ts';

const pt = (unit_tps: number) => [{ user_tps: 10, unit_tps, ttft_ms: 0 }];

/**
 * Site F (12 kW) holds a 10-kW B for `big` (m70, on premises only) or a 4-kW S for `small` (m8),
 * not both; `small` also has an API a little dearer than its S. Serving both (small on the API) is
 * the cheapest plan; the repair of both on site prices unserving `big` in every period (it frees
 * more power) below moving `small`, though it costs more.
 */
function shedModel(): ModelV2 {
  return buildModelV2(makeInput({
    catalog: { models, options: [
      system('S', { price_usd: 60_000, max_power_kw: 4 }, { m8: pt(3000) }),
      system('B', { price_usd: 100_000, max_power_kw: 10 }, { m70: pt(3000) }),
      api('A', { usd_per_m_output: 6, usd_per_m_input: 0 }, { m8: [{ user_tps: 60, ttft_ms: 100 }] }),
    ] },
    workloads: [
      { name: 'big', model: 'm70', avg_output_tps: 500, placement: 'onprem' },
      { name: 'small', model: 'm8', avg_output_tps: 500 },
    ],
    sites: [{ name: 'F', it_power_kw: 12, racks: 4 }],
    settings: { horizon_months: 36, purchase_interval_months: 9, unserved_penalty_usd_per_month: 9_000 },
  }), { cuts: false });
}

/** Workload w on option `id` in every period. */
const on = (m: ModelV2, w: number, id: string) => m.periods.map((_, k) => m.byWk[w]![k]!.find((xi) => m.xs[xi]!.cand.option.id === id)!);
const options = (m: ModelV2, E: PlanState) => E.chosen.map((r) => r.map((xi) => (xi == null ? null : m.xs[xi]!.cand.option.id)));

describe('restoreShed', () => {
  it('serves again a workload the repair shed in every period: pinned, the repair moves the small workload to the API instead', () => {
    const m = shedModel();
    const K = m.periods.length;
    expect(K).toBe(RESTORE_MIN_PAIRS);
    const wanted = [on(m, 0, 'B'), on(m, 1, 'S')];
    const E = new PlanState(m, wanted);
    expect(E.anyViolated()).toBe(true);
    expect(repairState(E, new PlanState(m, wanted, true))).toBe(true);
    polish(E);
    // the repair shed `big` whole, and neither the polish nor the same change repaired unpinned undoes it
    expect(options(m, E)).toEqual([[null, null, null, null], ['S', 'S', 'S', 'S']]);
    const shed = E.obj;
    expect(keepIfCheaper(E, () => { wanted[0]!.forEach((xi, k) => E.set(0, k, xi)); return true; })).toBe(false);
    expect(options(m, E)).toEqual([[null, null, null, null], ['S', 'S', 'S', 'S']]);
    expect(E.obj).toBeCloseTo(shed, 3);
    expect(restoreShed(E, wanted)).toBe(true);
    expect(options(m, E)).toEqual([['B', 'B', 'B', 'B'], ['A', 'A', 'A', 'A']]);
    expect(E.obj).toBeLessThan(shed);
    expect(E.anyViolated()).toBe(false);
    expect(meetsModel(m, E.solution())).toBe(true);
    // nothing left to restore: false, the plan as it was
    const before = E.obj;
    expect(restoreShed(E, wanted)).toBe(false);
    expect(E.obj).toBeCloseTo(before, 3);
  });

  it('leaves a workload shed in fewer than RESTORE_MIN_PAIRS periods to the polish', () => {
    const m = shedModel();
    const wanted = [on(m, 0, 'B'), on(m, 1, 'S')];
    expect(m.periods.length).toBe(RESTORE_MIN_PAIRS);
    // `big` on B in the first period (its replica owned from then on), shed in the other RESTORE_MIN_PAIRS - 1
    const E = new PlanState(m, [wanted[0]!.map((xi, k) => (k === 0 ? xi : null)), on(m, 1, 'A')]);
    expect(E.anyViolated()).toBe(false);
    const o0 = E.obj;
    expect(restoreShed(E, wanted)).toBe(false);
    expect(E.obj).toBe(o0);
    expect(restoreShed(E, wanted, Infinity, undefined, RESTORE_TRIES, 1)).toBe(true);
    expect(E.obj).toBeLessThan(o0);
  });

  it('never makes a plan dearer, keeps every row and repeats itself (small random scenarios, the divisible choice as the wanted one)', () => {
    fc.assert(fc.property(v2Scenario, (s) => {
      const m = buildModelV2(v2Input(s), { cuts: false });
      const wanted = greedyChoice(m);
      const runs = [0, 1].map(() => {
        const E = fromChoice(m, wanted.map((r) => [...r]), { deadline: Infinity });
        if (!E) return null;
        const o0 = E.obj;
        // (every shed workload, however few its shed pairs)
        restoreShed(E, wanted, Infinity, undefined, RESTORE_TRIES, 1);
        expect(E.obj).toBeLessThanOrEqual(o0 + 1e-6 * Math.max(1, Math.abs(o0)));
        expect(E.anyViolated()).toBe(false);
        expect(meetsModel(m, E.solution())).toBe(true);
        return E.solution();
      });
      expect(runs[1]).toEqual(runs[0]);
    }), { numRuns: 40, seed: 26 });
  });
});

describe('repairState with pinned workloads', () => {
  it('leaves a pinned workload\'s pairs where they are and makes room with the others', () => {
    const m = shedModel();
    const wanted = [on(m, 0, 'B'), on(m, 1, 'S')];
    const E = new PlanState(m, wanted);
    const pinned = Uint8Array.from([1, 0]);
    expect(repairState(E, new PlanState(m, wanted, true), { pinned })).toBe(true);
    expect(options(m, E)[0]).toEqual(['B', 'B', 'B', 'B']);
    expect(E.anyViolated()).toBe(false);
  });
});

describe('roundLp', () => {
  const real = performance.now;
  afterEach(() => { performance.now = real; });

  it('restores the workload its repair shed: an LP point rounding to both on site gives the cheaper plan (clock counted in reads)', () => {
    let t = 0;
    performance.now = () => (t += 0.01);
    const m = shedModel();
    const col = new Float64Array(m.numCols);
    for (const xi of [...on(m, 0, 'B'), ...on(m, 1, 'S')]) col[m.xs[xi]!.col] = 1;
    const s = roundLp(m, col, null, { deadline: Infinity });
    expect(s).not.toBeNull();
    expect(meetsModel(m, s!)).toBe(true);
    expect(s!.chosen.map((r) => r.map((xi) => (xi == null ? null : m.xs[xi]!.cand.option.id)))).toEqual([['B', 'B', 'B', 'B'], ['A', 'A', 'A', 'A']]);
  });
});
