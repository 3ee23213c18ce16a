// MIR cuts of the knapsack rows: every integer point of a row meets its cut (enumerated), no cut
// removes the optimum HiGHS proves on small random budget-bound v2 cases, and on a budget that
// buys two and a half replicas the cut lifts the LP bound to the integer optimum (hand-computed).
import fc from 'fast-check';
import loadHighs, { type Highs } from 'highs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { PlanInput } from '../../types.ts';
import { makeInput, models, system, twoModelCatalog, v2Input, v2Scenario } from '../fixtures.test-helper.ts';
import { capacityCutOfRow, capacityCutsV2, cloudMixingCuts, knapsackCutsV2, mirCutOfRow } from './cuts.ts';
import { componentsV2 } from './decompose.ts';
import { columnsOfV2, solutionOfPlan } from './extract.ts';
import { buildModelV2, ceilTol, cutPoolV2, ESCAPE_PER_WORKLOAD, validCutsV2, type CutPoolV2, type ModelV2, type Row } from './model.ts';
import { toModelData } from '../model-data.ts';
import { CAPACITY_FROM_ROUND, CAPACITY_PER_ROUND, LP_MAX_ROUNDS, lpWithCutsV2, MIN_ROUNDS, PRESOLVE_ROUND, STALL_REL_SINGLE } from './relax.ts';
import { escapesApply, ESCAPE_WINDOW_S, LP_SHARE, solvePlanV2 } from './solve.ts';

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

const lhs = (r: Row, col: ArrayLike<number>) => r.idx.reduce((a, j, k) => a + r.val[k]! * (col[j] ?? 0), 0);
const meets = (r: Row, col: ArrayLike<number>) => lhs(r, col) <= r.ub + 1e-7 * Math.max(1, Math.abs(r.ub)) && lhs(r, col) >= r.lb - 1e-7 * Math.max(1, Math.abs(r.lb));


/**
 * One cloud instance's pool for cloudMixingCuts: loads a[i][k] of x i in month k (columns x 0…n−1,
 * z n…n+months−1), and an LP point with shares `x` and each month's instances its load plus `over[k]`.
 */
function mixingPool(a: number[][], x: number[], over: number[]) {
  const n = a.length, months = a[0]!.length;
  const load = new Map<number, { x: number; a: number }[]>();
  for (let k = 0; k < months; k++) load.set(k, a.map((ai, i) => ({ x: i, a: ai[k]! })));
  const m = {
    xs: a.map((_, i) => ({ col: i })),
    clouds: [{ option: { id: 'cloud-a' }, model: 'm', R: 1, z: Array.from({ length: months }, (_, k) => n + k), load }],
  } as unknown as Pick<ModelV2, 'clouds' | 'xs'>;
  const col = [...x, ...Array.from({ length: months }, (_, k) => a.reduce((s, ai, i) => s + ai[k]! * x[i]!, 0) + over[k]!)];
  return { m, col };
}
describe('MIR cut of one knapsack row', () => {
  it('100 q1 + 100 q2 <= 250 at q1 = 2.5: the cut is q1 + q2 <= 2 (δ = 100, f = 0.5), violated by 0.5', () => {
    const cols = { colInteger: [true, true], colLower: [0, 0], colUpper: [10, 10] };
    const row: Row = { name: 'capex_0', family: 'capex', idx: [0, 1], val: [100, 100], lb: -Infinity, ub: 250, note: 'capex' };
    const cut = mirCutOfRow(cols, row, [2.5, 0], 'c')!;
    expect(cut).not.toBeNull();
    expect(cut.row.idx).toEqual([0, 1]);
    cut.row.val.forEach((v) => expect(v).toBeCloseTo(1, 9));
    expect(cut.row.ub).toBe(2);
    expect(lhs(cut.row, [2.5, 0]) - cut.row.ub).toBeCloseTo(0.5, 9);
    // an integral point meets every MIR cut of its row: none is made
    expect(mirCutOfRow(cols, row, [2, 0], 'c')).toBeNull();
  });

  it('every integer point of a random row (binaries complemented, general integers) meets its cut', () => {
    const rowArb = fc.record({
      terms: fc.array(fc.record({ a: fc.integer({ min: 1, max: 60 }), scale: fc.constantFrom(1, 0.37, 1000.5), ub: fc.constantFrom(1, 1, 3) }), { minLength: 2, maxLength: 5 }),
      rhsFrac: fc.double({ min: 0.1, max: 0.9, noNaN: true }),
      point: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 5, maxLength: 5 }),
    });
    let made = 0;
    fc.assert(fc.property(rowArb, ({ terms, rhsFrac, point }) => {
      const n = terms.length;
      const val = terms.map((t) => t.a * t.scale);
      const ub = terms.map((t) => t.ub);
      const rhs = rhsFrac * val.reduce((s, v, k) => s + v * ub[k]!, 0);
      const cols = { colInteger: val.map(() => true), colLower: val.map(() => 0), colUpper: ub };
      const row: Row = { name: 'r', family: 'capex', idx: val.map((_, k) => k), val, lb: -Infinity, ub: rhs, note: 'r' };
      // an LP point of the row: each column at a share of its bound, scaled down onto the row if above it
      let x = point.slice(0, n).map((p, k) => p * ub[k]!);
      const act = x.reduce((s, v, k) => s + v * val[k]!, 0);
      if (act > rhs) x = x.map((v) => (v * rhs) / act);
      const cut = mirCutOfRow(cols, row, x, 'c');
      if (!cut) return;
      made++;
      expect(lhs(cut.row, x)).toBeGreaterThan(cut.row.ub);
      // every integer point within the bounds that meets the row meets the cut
      const y = new Array<number>(n).fill(0);
      const walk = (k: number): void => {
        if (k === n) {
          if (y.reduce((s, v, i) => s + v * val[i]!, 0) <= rhs) expect(meets(cut.row, y)).toBe(true);
          return;
        }
        for (let v = 0; v <= ub[k]!; v++) { y[k] = v; walk(k + 1); }
      };
      walk(0);
    }), { numRuns: 400, seed: 11 });
    expect(made).toBeGreaterThan(50); // the property saw cuts, not only points no cut separates
  });
});

const pt = (unit_tps: number) => [{ user_tps: 10, unit_tps, ttft_ms: 0 }];

describe('MIR cuts in the v2 model', () => {
  it('a capex budget of 2.5 replicas and three workloads of one replica each: the plain LP buys 2.5, the cut makes it 2 (the optimum)', () => {
    // peak 2,000 × 1.5 = 3,000 tok/s = one unit of S at full utilisation: each workload needs exactly one replica
    const penalty = 40_000;
    const input: PlanInput = makeInput({
      catalog: { models, options: [system('S', { price_usd: 100_000, max_power_kw: 1, support_pct_per_year: 0 }, { m8: pt(3000) })] },
      workloads: [0, 1, 2].map((i) => ({ name: `w${i}`, model: 'm8', avg_output_tps: 2000, peak_to_avg: 1.5, monthly_growth_pct: 0 })),
      sites: [{ name: 'F', it_power_kw: 100, racks: 10, usd_per_rack_month: 0 }],
      settings: { horizon_months: 12, capex_budget_usd: 250_000, unserved_penalty_usd_per_month: penalty },
    });
    // without the solver's bounds: the capex budget caps q at 2 as a column bound too (model.ts capexCap)
    const plain = buildModelV2(input, { bounds: false });
    const q = plain.pools[0]!.q[0]!;
    const cq = plain.colCost[q]!; // a replica's horizon cost (purchase, energy, ...), less than a year of penalty
    expect(cq).toBeLessThan(12 * penalty);
    const capexRow = plain.rows.find((r) => r.family === 'capex')!;
    expect(capexRow.val).toEqual([100_000]);
    // plain LP: 2.5 replicas serve 2.5 workloads, half a workload unserved for 12 months
    const lp0 = lpWithCutsV2(highs, plain, [], { deadline: performance.now() + 60_000, mirPerRound: 0 });
    expect(lp0.bound!).toBeCloseTo(2.5 * cq + 0.5 * 12 * penalty, 2);
    // with the MIR cut of the capex row (q ≤ 2): 2 replicas, one workload unserved: the integer optimum
    const withMir = buildModelV2(input, { bounds: false });
    const lp1 = lpWithCutsV2(highs, withMir, [], { deadline: performance.now() + 60_000 });
    expect(lp1.bound!).toBeCloseTo(2 * cq + 12 * penalty, 2);
    // the solver's model: q ≤ 2 by its bound, the same LP without the cut
    const bounded = buildModelV2(input);
    expect(bounded.colUpper[q]).toBe(2);
    expect(lpWithCutsV2(highs, bounded, [], { deadline: performance.now() + 60_000, mirPerRound: 0 }).bound!).toBeCloseTo(2 * cq + 12 * penalty, 2);
    const opt = solvePlanV2(highs, input, { timeLimitS: 60, pipeline: 'direct', relGap: 1e-9, explain: false });
    expect(opt.status).toBe('optimal');
    expect(opt.objective_usd!).toBeCloseTo(2 * cq + 12 * penalty, 2);
  });

  // small v2 cases with binding budgets: lumpy replicas of two systems, a cloud instance and an API
  const scenario = fc.record({
    interval: fc.constantFrom(12, 24),
    capex: fc.constantFrom(90_000, 150_000, 260_000),
    total: fc.constantFrom(null, 500_000, 900_000),
    power: fc.constantFrom(25, 60),
    workloads: fc.array(fc.record({
      avg: fc.integer({ min: 300, max: 4000 }),
      growth: fc.integer({ min: 0, max: 5 }),
      model: fc.constantFrom('m8', 'm70'),
      placement: fc.constantFrom('any', 'onprem', 'onprem', 'cloud'),
    }), { minLength: 2, maxLength: 5 }),
  });
  const input = (s: typeof scenario extends fc.Arbitrary<infer T> ? T : never): PlanInput => {
    return makeInput({
      catalog: twoModelCatalog({ usd_per_m_output: 30, usd_per_m_input: 5 }),
      workloads: s.workloads.map((w, i) => ({ name: `w${i}`, model: w.model, avg_output_tps: w.avg, monthly_growth_pct: w.growth, placement: w.placement as 'any' })),
      sites: [{ name: 'F', it_power_kw: s.power, racks: 4, usd_per_rack_month: 600 }, { name: 'G', it_power_kw: 40, racks: 2, usd_per_rack_month: 300 }],
      settings: {
        horizon_months: 24, purchase_interval_months: s.interval, discount_rate_pct: 5, hardware_price_change_pct_per_year: -10,
        unserved_penalty_usd_per_month: 30_000, capex_budget_usd: s.capex, total_budget_usd: s.total,
      },
    });
  };

  it('no cut removes the optimum HiGHS proves on the exact model, and the LP with them stays below it', () => {
    let cuts = 0;
    fc.assert(fc.property(scenario, (s) => {
      const inp = input(s);
      const direct = solvePlanV2(highs, inp, { timeLimitS: 60, pipeline: 'direct', relGap: 1e-9, explain: false });
      expect(direct.status).toBe('optimal'); // the penalty makes every case feasible
      const opt = direct.objective_usd!;
      const m = buildModelV2(inp);
      const optCol = columnsOfV2(m, solutionOfPlan(m, direct));
      // the LP with separated valid cuts and MIR cuts, many rounds: each MIR cut kept in m.rows
      const lp = lpWithCutsV2(highs, m, cutPoolV2(m), { deadline: performance.now() + 60_000, maxRounds: 30, mirPerRound: 16 });
      expect(lp.bound!).toBeLessThanOrEqual(opt + 1e-6 * Math.max(1, opt));
      const mir = m.rows.filter((r) => r.name.startsWith('mir_'));
      cuts += mir.length;
      for (const r of mir) expect(meets(r, optCol)).toBe(true);
      // the capacity cuts too (lpWithCutsV2 separates them by default)
      for (const r of m.rows.filter((r) => r.name.startsWith('cap'))) expect(meets(r, optCol)).toBe(true);
      // and the cuts of the last LP point, not yet added
      for (const r of knapsackCutsV2(m, lp.col!, 100, 99)) expect(meets(r, optCol)).toBe(true);
      for (const r of capacityCutsV2(m, lp.col!, 100, 99)) expect(meets(r, optCol)).toBe(true);
    }), { numRuns: 25, seed: 7 });
    expect(cuts).toBeGreaterThan(0); // the cases did make cuts
  }, 600_000);
});

describe('capacity MIR cuts (replicas of a system over its sites, instances per month)', () => {
  it('0.6 x1 + 0.6 x2 − q ≤ 0 at x = (1, 1), q = 1.2: the cut is q ≥ x1 + x2 (T = both, f = 0.8, F(−0.6) = −1), violated by 0.8', () => {
    const cols = { colInteger: [true, true, true], colLower: [0, 0, 0], colUpper: [1, 1, 10] };
    const row: Row = { name: 'pool_0_0', family: 'pool', idx: [0, 1, 2], val: [0.6, 0.6, -1], lb: -Infinity, ub: 0, note: 'pool' };
    const cut = capacityCutOfRow(cols, row, [1, 1, 1.2], 'c')!;
    expect(cut).not.toBeNull();
    // −(1 − x1) − (1 − x2) − q ≤ −2, i.e. x1 + x2 − q ≤ 0
    expect(cut.row.idx).toEqual([0, 1, 2]);
    expect(cut.row.val[0]).toBeCloseTo(1, 9);
    expect(cut.row.val[1]).toBeCloseTo(1, 9);
    expect(cut.row.val[2]).toBe(-1);
    expect(cut.row.ub).toBeCloseTo(0, 9);
    expect(cut.violation).toBeCloseTo(0.8, 6);
    // a whole q meets every cut of the row at an integral x: none is made
    expect(capacityCutOfRow(cols, row, [1, 1, 2], 'c')).toBeNull();
  });

  it('every integer point of a random capacity row meets its cut (enumerated)', () => {
    const rowArb = fc.record({
      a: fc.array(fc.double({ min: 0.05, max: 2.5, noNaN: true }), { minLength: 1, maxLength: 5 }),
      caps: fc.integer({ min: 1, max: 2 }),
      point: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 5, maxLength: 5 }),
    });
    let made = 0;
    fc.assert(fc.property(rowArb, ({ a, caps, point }) => {
      const n = a.length;
      const U = 6;
      const cols = { colInteger: new Array(n + caps).fill(true), colLower: new Array(n + caps).fill(0), colUpper: [...a.map(() => 1), ...new Array(caps).fill(U)] };
      const row: Row = { name: 'r', family: 'pool', idx: [...Array(n + caps).keys()], val: [...a, ...new Array(caps).fill(-1)], lb: -Infinity, ub: 0, note: 'r' };
      // an LP point of the row: loads at the given shares, the replicas split evenly and just enough
      const x = point.slice(0, n);
      const load = x.reduce((s, v, i) => s + v * a[i]!, 0);
      const col = [...x, ...new Array(caps).fill(load / caps)];
      const cut = capacityCutOfRow(cols, row, col, 'c');
      if (!cut) return;
      made++;
      expect(lhs(cut.row, col)).toBeGreaterThan(cut.row.ub);
      const y = new Array<number>(n + caps).fill(0);
      const walk = (k: number): void => {
        if (k === n + caps) {
          if (lhs(row, y) <= 0) expect(meets(cut.row, y)).toBe(true);
          return;
        }
        for (let v = 0; v <= cols.colUpper[k]!; v++) { y[k] = v; walk(k + 1); }
      };
      walk(0);
    }), { numRuns: 300, seed: 5 });
    expect(made).toBeGreaterThan(50);
  });

  it('mixing cuts of a cloud instance over its months: every assignment with the fewest instances meetsModel accepts meets them (enumerated)', () => {
    // Some loads are quarters off by up to 9e-7, so some plans' monthly loads land just over a whole
    // number, where meetsModel (1e-6 over a cloud row) accepts one instance fewer than the load.
    const shares = fc.oneof(fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true }));
    const itemArb = fc.oneof(
      fc.record({ base: fc.double({ min: 0.03, max: 1.6, noNaN: true }), growth: fc.constantFrom(0, 0.02, 0.05, 0.12), x: shares })
        .map(({ base, growth, x }) => ({ a: (k: number) => base * (1 + growth) ** k, x })),
      fc.record({
        q: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 8, maxLength: 8 }),
        e: fc.array(fc.double({ min: -9e-7, max: 9e-7, noNaN: true }), { minLength: 8, maxLength: 8 }),
        x: shares,
      }).map(({ q, e, x }) => ({ a: (k: number) => q[k]! / 4 + e[k]!, x })),
    );
    const poolArb = fc.record({
      items: fc.array(itemArb, { minLength: 1, maxLength: 6 }),
      months: fc.integer({ min: 2, max: 8 }),
      over: fc.array(fc.double({ min: 0, max: 0.3, noNaN: true }), { minLength: 8, maxLength: 8 }),
    });
    let made = 0;
    fc.assert(fc.property(poolArb, ({ items, months, over }) => {
      const n = items.length;
      const a = items.map((it) => Array.from({ length: months }, (_, k) => it.a(k)));
      // an LP point: the given shares, each month's instances its load (and some over it)
      const { m, col } = mixingPool(a, items.map((it) => it.x), over);
      const cuts = cloudMixingCuts(m, 0, col, 50, 'mix');
      for (const c of cuts) {
        made++;
        expect(lhs(c.row, col)).toBeLessThan(c.row.lb);
        // every assignment of the x's with the fewest whole instances each month that meetsModel
        // accepts (a cloud row Σ a x − z ≤ 0 may be 1e-6 over) meets the cut
        for (let mask = 0; mask < 1 << n; mask++) {
          const y = [...items.map((_, i) => (mask >> i) & 1), ...Array.from({ length: months }, (_, k) => Math.max(0, Math.ceil(items.reduce((s, _it, i) => s + a[i]![k]! * ((mask >> i) & 1), 0) - 1e-6)))];
          expect(lhs(c.row, y)).toBeGreaterThanOrEqual(c.row.lb - 1e-12);
        }
      }
    }), { numRuns: 400, seed: 11 });
    expect(made).toBeGreaterThan(100);
  });

  it('mixing cuts on the same columns: the most violated is kept, whatever order the windows are tried in', () => {
    const poolArb = fc.record({
      items: fc.array(fc.record({ base: fc.double({ min: 0.03, max: 1.6, noNaN: true }), growth: fc.constantFrom(0, 0.05, 0.12, 0.3), x: fc.oneof(fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true })) }), { minLength: 1, maxLength: 5 }),
      months: fc.integer({ min: 4, max: 12 }),
      // a month with 2 instances over its load adds nothing to a cut: a wider window's cut may then
      // have the same months as a narrower one's, with larger coefficients of the x
      over: fc.array(fc.oneof(fc.constant(2), fc.double({ min: 0, max: 0.3, noNaN: true })), { minLength: 12, maxLength: 12 }),
    });
    let same = 0;
    fc.assert(fc.property(poolArb, ({ items, months, over }) => {
      const a = items.map((it) => Array.from({ length: months }, (_, k) => it.base * (1 + it.growth) ** k));
      const { m, col } = mixingPool(a, items.map((it) => it.x), over);
      const byKey = (widths: number[]) => new Map(cloudMixingCuts(m, 0, col, 1000, 'mix', widths).map((c) => [c.row.idx.join(','), c.violation]));
      const narrowFirst = byKey([3, 6, 12]), wideFirst = byKey([12, 6, 3]);
      expect([...wideFirst.keys()].sort()).toEqual([...narrowFirst.keys()].sort());
      for (const [key, v] of narrowFirst) { expect(wideFirst.get(key)).toBeCloseTo(v, 12); same++; }
    }), { numRuns: 300, seed: 17 });
    expect(same).toBeGreaterThan(100);
  });

  /** The columns of a plan given by a choice per (workload, period) (an index into its x's, or −1: unserved), with the fewest replicas, racks and instances its rows allow. */
  const planCols = (m: ModelV2, pick: number[][]): Float64Array => {
    const col = new Float64Array(m.numCols);
    m.byWk.forEach((byK, w) => byK.forEach((xs, k) => { const c = pick[w]![k]!; if (c >= 0) col[m.xs[xs[c]!]!.col] = 1; else col[m.ys[w]![k]!] = 1; }));
    for (const p of m.pools) {
      let owned = 0;
      p.q.forEach((q, k) => {
        const need = ceilTol(p.xs[k]!.reduce((s, xi) => s + m.xs[xi]!.a * col[m.xs[xi]!.col]!, 0));
        if (q == null) return;
        col[q] = Math.max(0, need - owned);
        owned += col[q];
      });
    }
    // racks: the fewest the units owned take (k a rack, or t racks a unit)
    for (const g of m.groups) g.r.forEach((r, k) => {
      let units = 0;
      for (const pi of g.pools) { const p = m.pools[pi]!; for (let j = 0; j <= k; j++) if (p.q[j] != null) units += p.R * col[p.q[j]!]!; }
      col[r] = g.fit.kind === 'per_rack' ? ceilTol(units / g.fit.k) : units * g.fit.t;
    });
    for (const cp of m.clouds) for (const [mo, l] of cp.load) col[cp.z[mo]!] = ceilTol(l.reduce((s, e) => s + e.a * col[m.xs[e.x]!.col]!, 0));
    return col;
  };

  it('random small v2 models: every capacity cut of every LP round holds at every assignment with its fewest replicas (enumerated)', () => {
    let cuts = 0, plans = 0;
    const kinds = new Map<string, number>();
    fc.assert(fc.property(v2Scenario, (s) => {
      const inp = v2Input({ ...s, penalty: 20_000 });
      const m = buildModelV2(inp);
      // choices per (workload, period): its x's and unserved
      const slots: [number, number, number][] = [];
      m.byWk.forEach((byK, w) => byK.forEach((xs, k) => slots.push([w, k, xs.length + 1])));
      const count = slots.reduce((p, [, , c]) => p * c, 1);
      if (count > 20_000) return; // too many to enumerate
      const rows0 = m.rows.length;
      const lp = lpWithCutsV2(highs, m, [], { deadline: performance.now() + 60_000, mirPerRound: 0, maxRounds: 10 });
      const cap = m.rows.slice(rows0).filter((r) => r.name.startsWith('cap') || r.name.startsWith('mixz'));
      if (lp.col) cap.push(...capacityCutsV2(m, lp.col, 100, 99));
      if (cap.length === 0) return;
      cuts += cap.length;
      for (const r of cap) kinds.set(r.name.slice(0, 4), (kinds.get(r.name.slice(0, 4)) ?? 0) + 1);
      const pick = m.byWk.map((byK) => byK.map(() => -1));
      const walk = (i: number): void => {
        if (i === slots.length) {
          const col = planCols(m, pick);
          plans++;
          for (const r of cap) expect(meets(r, col)).toBe(true);
          return;
        }
        const [w, k, c] = slots[i]!;
        for (let v = -1; v < c - 1; v++) { pick[w]![k] = v; walk(i + 1); }
      };
      walk(0);
    }), { numRuns: 40, seed: 3 });
    expect(cuts).toBeGreaterThan(20);
    expect(plans).toBeGreaterThan(1000);
    // each kind was seen: replicas over sites, racks, cloud instances, their months' mixing
    for (const k of ['capq', 'capr', 'capz', 'mixz']) expect(kinds.get(k) ?? 0).toBeGreaterThan(0);
  }, 600_000);

  it('capacityCutsV2 within a component\'s columns: the cuts of the whole model that lie in them, no other', () => {
    let masked = 0;
    fc.assert(fc.property(v2Scenario, (s) => {
      const m = buildModelV2(v2Input({ ...s, penalty: 20_000 }));
      // the first LP's point: no cut yet
      const lp = lpWithCutsV2(highs, m, [], { deadline: performance.now() + 60_000, mirPerRound: 0, maxRounds: 0 });
      if (!lp.col) return;
      const all = capacityCutsV2(m, lp.col, Infinity, 7);
      for (const comp of componentsV2(m)) {
        const within = new Uint8Array(m.numCols);
        for (const c of comp.cols) within[c] = 1;
        const got = capacityCutsV2(m, lp.col, Infinity, 7, within);
        for (const r of got) expect(r.idx.every((j) => within[j] === 1)).toBe(true);
        const inside = all.filter((r) => r.idx.every((j) => within[j] === 1));
        expect(got.map((r) => r.name).sort()).toEqual(inside.map((r) => r.name).sort());
        masked += got.length;
      }
    }), { numRuns: 30, seed: 5 });
    expect(masked).toBeGreaterThan(10);
  }, 600_000);

  it('one system at two sites, two workloads of 0.6 replica each: the LP buys 1.2 replicas; the cut over both sites makes it 2 (the optimum)', () => {
    // peak 1,200 × 1.5 = 1,800 tok/s = 0.6 of a unit of S at full utilisation; a penalty above a replica's cost
    const penalty = 40_000;
    const input: PlanInput = makeInput({
      catalog: { models, options: [system('S', { price_usd: 100_000, max_power_kw: 1, support_pct_per_year: 0 }, { m8: pt(3000) })] },
      workloads: [0, 1].map((i) => ({ name: `w${i}`, model: 'm8', avg_output_tps: 1200, peak_to_avg: 1.5, monthly_growth_pct: 0 })),
      sites: [{ name: 'F', it_power_kw: 100, racks: 10, usd_per_rack_month: 0 }, { name: 'G', it_power_kw: 100, racks: 10, usd_per_rack_month: 0 }],
      settings: { horizon_months: 12, unserved_penalty_usd_per_month: penalty },
    });
    const plain = buildModelV2(input);
    expect(plain.pools.length).toBe(2);
    plain.xs.forEach((x) => expect(x.a).toBeCloseTo(0.6, 9));
    const cq = plain.colCost[plain.pools[0]!.q[0]!]!;
    expect(plain.colCost[plain.pools[1]!.q[0]!]!).toBeCloseTo(cq, 6);
    expect(cq).toBeLessThan(12 * penalty);
    const lp0 = lpWithCutsV2(highs, plain, [], { deadline: performance.now() + 60_000, mirPerRound: 0, capacityPerRound: 0 });
    expect(lp0.bound!).toBeCloseTo(1.2 * cq, 2);
    // the cut q_F + q_G ≥ X_0 + X_1 (X_w: w's share on S at either site): 2 replicas, the integer optimum
    const withCap = buildModelV2(input);
    const lp1 = lpWithCutsV2(highs, withCap, [], { deadline: performance.now() + 60_000, mirPerRound: 0 });
    expect(lp1.bound!).toBeCloseTo(2 * cq, 2);
    const opt = solvePlanV2(highs, input, { timeLimitS: 60, pipeline: 'direct', relGap: 1e-9, explain: false });
    expect(opt.status).toBe('optimal');
    expect(opt.objective_usd!).toBeCloseTo(2 * cq, 2);
  });
});

describe('when the capacity cuts start', () => {
  // two models at two sites, workloads of fractional replicas: the pool's cuts and capacity cuts both violated at the first LP's point
  const input = (): PlanInput => makeInput({
    catalog: twoModelCatalog({ usd_per_m_output: 30, usd_per_m_input: 5 }),
    workloads: [1800, 900, 2600, 700, 3100, 1300].map((avg, i) => ({ name: `w${i}`, model: i % 2 ? 'm8' : 'm70', avg_output_tps: avg, monthly_growth_pct: i % 3, placement: (i % 3 ? 'any' : 'onprem') as 'any' })),
    sites: [{ name: 'F', it_power_kw: 25, racks: 4, usd_per_rack_month: 600 }, { name: 'G', it_power_kw: 40, racks: 2, usd_per_rack_month: 300 }],
    settings: { horizon_months: 24, purchase_interval_months: 6, unserved_penalty_usd_per_month: 30_000 },
  });
  const capacityRows = (rows: readonly Row[]) => rows.filter((r) => /^cap[qrz]_/.test(r.name));

  it(`while the pool gives cuts, round ${CAPACITY_FROM_ROUND} is the first with capacity cuts, separated from the point before it`, () => {
    // at the first LP's point the capacity cuts are violated (round 1 would take them)
    const m0 = buildModelV2(input(), { cuts: false });
    const first = lpWithCutsV2(highs, m0, [], { deadline: performance.now() + 60_000, maxRounds: 0 });
    expect(capacityCutsV2(m0, first.col!, CAPACITY_PER_ROUND).length).toBeGreaterThan(0);
    const points: Float64Array[] = [];
    const m = buildModelV2(input(), { cuts: false });
    const base = m.rows.length;
    const lp = lpWithCutsV2(highs, m, cutPoolV2(m), { deadline: performance.now() + 60_000, maxRounds: CAPACITY_FROM_ROUND, mirPerRound: 0, onPoint: (p) => points.push(p.col) });
    expect(lp.rounds).toBe(CAPACITY_FROM_ROUND);
    const added = m.rows.slice(base);
    const tags = capacityRows(added).map((r) => Number(r.name.split('_')[1]));
    expect(tags.length).toBeGreaterThan(0);
    // tag r − 1: separated before round r's LP
    expect(Math.min(...tags)).toBe(CAPACITY_FROM_ROUND - 1);
    expect(added.length).toBeGreaterThan(capacityRows(added).length); // the pool's cuts came in the first round
    // each was violated at the point it was separated from
    for (const r of capacityRows(added)) expect(meets(r, points[CAPACITY_FROM_ROUND - 2]!)).toBe(false);
  });

  it('a first round with no cut of the pool nor of the knapsack rows takes the capacity cuts at once', () => {
    const m = buildModelV2(input(), { cuts: false });
    const base = m.rows.length;
    const lp = lpWithCutsV2(highs, m, [], { deadline: performance.now() + 60_000, maxRounds: 1, mirPerRound: 0 });
    expect(lp.rounds).toBe(1);
    const added = m.rows.slice(base);
    expect(added.length).toBeGreaterThan(0);
    expect(capacityRows(added).length).toBe(added.length);
  });
});

describe('a cancel in the LP stage', () => {
  const inp = (): PlanInput => makeInput({
    catalog: twoModelCatalog({ usd_per_m_output: 30, usd_per_m_input: 5 }),
    workloads: [1800, 900, 2600, 700, 3100, 1300].map((avg, i) => ({ name: `w${i}`, model: i % 2 ? 'm8' : 'm70', avg_output_tps: avg, monthly_growth_pct: i % 3, placement: (i % 3 ? 'any' : 'onprem') as 'any' })),
    sites: [{ name: 'F', it_power_kw: 25, racks: 4, usd_per_rack_month: 600 }, { name: 'G', it_power_kw: 40, racks: 2, usd_per_rack_month: 300 }],
    settings: {
      horizon_months: 24, purchase_interval_months: 6, discount_rate_pct: 5, hardware_price_change_pct_per_year: -10,
      unserved_penalty_usd_per_month: 30_000, capex_budget_usd: 150_000, total_budget_usd: 900_000,
    },
  });

  it('raised as the presolved cut round starts: the rounds stop there, with the last round\'s LP point and bound', () => {
    const full = buildModelV2(inp(), { cuts: false });
    const all = lpWithCutsV2(highs, full, cutPoolV2(full), { deadline: performance.now() + 60_000 });
    expect(all.rounds).toBeGreaterThan(PRESOLVE_ROUND); // the case runs past the presolved round uncancelled
    const m = buildModelV2(inp(), { cuts: false });
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const inner = cutPoolV2(m);
    let calls = 0;
    // the pool is asked for the cuts of round r just before round r's LP runs
    const pool: CutPoolV2 = {
      get size() { return inner.size; },
      violated(col, max) {
        calls++;
        if (calls === PRESOLVE_ROUND) Atomics.store(flag, 0, 1);
        return inner.violated(col, max);
      },
    };
    const lp = lpWithCutsV2(highs, m, pool, { deadline: performance.now() + 60_000, cancelFlag: flag });
    expect(calls).toBe(PRESOLVE_ROUND); // no round after the cancel
    expect(lp.rounds).toBe(PRESOLVE_ROUND);
    expect(lp.col).not.toBeNull();
    expect(lp.rowDual).not.toBeNull();
    expect(lp.bound).not.toBeNull();
    expect(lp.bound!).toBeLessThanOrEqual(all.bound! + 1e-6 * Math.max(1, Math.abs(all.bound!)));
  });

  it('raised before it: no HiGHS model is made (the model data, its copy and HiGHS\' start look at no flag)', () => {
    const m = buildModelV2(inp(), { cuts: false });
    const flag = new Int32Array(new SharedArrayBuffer(4));
    Atomics.store(flag, 0, 1);
    const spy = vi.spyOn(highs, 'createModel');
    try {
      const lp = lpWithCutsV2(highs, m, cutPoolV2(m), { deadline: performance.now() + 60_000, cancelFlag: flag });
      expect(spy).not.toHaveBeenCalled();
      expect(lp.bound).toBeNull();
      expect(lp.rounds).toBe(0);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('a HiGHS error in the LP stage', () => {
  const inp = (): PlanInput => makeInput({
    catalog: twoModelCatalog({ usd_per_m_output: 30, usd_per_m_input: 5 }),
    workloads: [1800, 900, 2600, 700].map((avg, i) => ({ name: `w${i}`, model: i % 2 ? 'm8' : 'm70', avg_output_tps: avg, placement: (i % 3 ? 'any' : 'onprem') as 'any' })),
    sites: [{ name: 'F', it_power_kw: 25, racks: 4, usd_per_rack_month: 600 }],
    settings: { horizon_months: 24, purchase_interval_months: 12, unserved_penalty_usd_per_month: 30_000, capex_budget_usd: 150_000 },
  });
  // HiGHS' models, each run failing as the first `fails` runs of every model do (a HighsError, as the dual simplex threw on a 1,000-workload LP)
  const failing = (fails: number, strategies: unknown[]) => {
    const create = highs.createModel.bind(highs);
    return vi.spyOn(highs, 'createModel').mockImplementation((...a: Parameters<Highs['createModel']>) => {
      const model = create(...a);
      const run = model.run.bind(model);
      let runs = 0;
      model.run = (cbs) => {
        strategies.push(model.options.get('simplex_strategy'));
        if (runs++ < fails) throw new highs.errors.HighsError('run failed with HiGHS status -1', 'run');
        return run(cbs);
      };
      return model;
    });
  };

  it('a failed first run runs again with the primal simplex: the same bound, and the later rounds with the strategy as it was', () => {
    const clean = lpWithCutsV2(highs, buildModelV2(inp(), { cuts: false }), cutPoolV2(buildModelV2(inp(), { cuts: false })), { deadline: performance.now() + 60_000 });
    expect(clean.bound).not.toBeNull();
    const strategies: unknown[] = [];
    const spy = failing(1, strategies);
    try {
      const m = buildModelV2(inp(), { cuts: false });
      const lp = lpWithCutsV2(highs, m, cutPoolV2(m), { deadline: performance.now() + 60_000 });
      expect(lp.bound!).toBeCloseTo(clean.bound!, 2);
      expect(lp.rounds).toBe(clean.rounds);
      expect(strategies[1]).toBe(4); // the retry: primal
      expect(strategies[0]).not.toBe(4);
      expect(strategies.slice(2).every((s) => s === strategies[0])).toBe(true);
    } finally {
      spy.mockRestore();
    }
  });

  it('every run failing: no LP (no bound, no point), not a throw', () => {
    const spy = failing(Infinity, []);
    try {
      const m = buildModelV2(inp(), { cuts: false });
      const lp = lpWithCutsV2(highs, m, cutPoolV2(m), { deadline: performance.now() + 60_000 });
      expect(lp.bound).toBeNull();
      expect(lp.col).toBeNull();
      expect(lp.infeasible).toBe(false);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('when the cut rounds stall', () => {
  /** One column x ≥ 0 at $1 whose pool gives a cut x ≥ 1.0003 × x* each round: every round raises the bound by 0.03 %. */
  const creeping = () => {
    const m = { numCols: 1, rows: [{ name: 'floor', family: 'capex', idx: [0], val: [1], lb: 1000, ub: Infinity, note: 'floor' }] as Row[], colCost: [1], colLower: [0], colUpper: [Infinity], colInteger: [false] } as unknown as ModelV2;
    let n = 0;
    const pool: CutPoolV2 = {
      get size() { return 1; },
      violated: (col) => [{ name: `creep_${n++}`, family: 'cut', idx: [0], val: [1], lb: col[0]! * 1.0003, ub: Infinity, note: 'creep' }],
    };
    return { m, pool };
  };

  it(`past ${MIN_ROUNDS} rounds, a rise under STALL_REL over two rounds stops them; a single purchase's STALL_REL_SINGLE lets them run on`, () => {
    const opts = { deadline: performance.now() + 60_000, mirPerRound: 0, capacityPerRound: 0 };
    const a = creeping();
    const stalled = lpWithCutsV2(highs, a.m, a.pool, opts);
    expect(stalled.rounds).toBe(MIN_ROUNDS);
    const b = creeping();
    const onward = lpWithCutsV2(highs, b.m, b.pool, { ...opts, stallRel: STALL_REL_SINGLE });
    expect(onward.rounds).toBe(LP_MAX_ROUNDS);
    expect(onward.bound!).toBeCloseTo(1000 * 1.0003 ** LP_MAX_ROUNDS, 6);
  });
});

describe('the first cut round with the cuts of the options the LP moves the load to', () => {
  // many small workloads of two models at two sites, a penalty: the first LP serves each on part of a replica
  const input = (): PlanInput => makeInput({
    catalog: twoModelCatalog({ usd_per_m_output: 30, usd_per_m_input: 5 }),
    workloads: Array.from({ length: 24 }, (_, i) => ({ name: `w${i}`, model: i % 2 ? 'm8' : 'm70', avg_output_tps: 150 + 97 * (i % 7), monthly_growth_pct: i % 3, placement: (i % 3 ? 'any' : 'onprem') as 'any' })),
    sites: [{ name: 'F', it_power_kw: 25, racks: 4, usd_per_rack_month: 600 }, { name: 'G', it_power_kw: 40, racks: 2, usd_per_rack_month: 300 }],
    settings: { horizon_months: 24, purchase_interval_months: 6, unserved_penalty_usd_per_month: 30_000 },
  });
  const firstLp = (m: ModelV2) => {
    const { integrality, ...lp } = toModelData(m, highs.infinity);
    void integrality;
    const model = highs.createModel(lp);
    try {
      model.options.set({ output_flag: false, presolve: 'off' });
      model.run();
      const s = model.getSolution();
      return { col: Float64Array.from(s.colValue), reduced: Float64Array.from(s.colDual) };
    } finally {
      model.dispose();
    }
  };

  it(`with reduced costs, the pool hands out the cuts of the ${ESCAPE_PER_WORKLOAD} cheapest options at 0 of each violated cut's workload and period`, () => {
    const m = buildModelV2(input(), { cuts: false });
    const { col, reduced } = firstLp(m);
    const plain = cutPoolV2(m).violated(col, Infinity);
    expect(plain.length).toBeGreaterThan(0);
    const withEscapes = cutPoolV2(m).violated(col, Infinity, reduced);
    const expected = new Set(plain.map((r) => r.name));
    const wks = new Set(plain.map((r) => { const x = m.xs[Number(r.name.split('_')[1])]!; return `${x.w}_${x.k}`; }));
    let escapes = 0;
    for (const key of wks) {
      const [w, k] = key.split('_').map(Number) as [number, number];
      const at0 = m.byWk[w]![k]!.filter((i) => !(col[m.xs[i]!.col]! > 1e-9)).sort((a, b) => reduced[m.xs[a]!.col]! - reduced[m.xs[b]!.col]!);
      for (const r of validCutsV2(m, at0.slice(0, ESCAPE_PER_WORKLOAD))) { expected.add(r.name); escapes++; }
    }
    expect(escapes).toBeGreaterThan(0);
    expect(withEscapes.map((r) => r.name).sort()).toEqual([...expected].sort());
    // the escapes' cuts are handed out once: a second call with the same point gives none of them again
    const pool = cutPoolV2(m);
    pool.violated(col, Infinity, reduced);
    expect(pool.violated(col, Infinity, reduced)).toEqual([]);
  });

  it('are used with several periods and no penalty at a short limit only: where the LP stage holds one round (ESCAPE_WINDOW_S)', () => {
    const penalised = buildModelV2(input(), { cuts: false });
    const plain = input();
    const free = buildModelV2(makeInput({ ...plain, settings: { ...plain.settings, unserved_penalty_usd_per_month: null } }), { cuts: false });
    const once = buildModelV2(makeInput({ ...plain, settings: { ...plain.settings, unserved_penalty_usd_per_month: null, purchase_interval_months: 24 } }), { cuts: false });
    const short = (ESCAPE_WINDOW_S / LP_SHARE) * 0.99, long = (ESCAPE_WINDOW_S / LP_SHARE) * 1.01;
    expect(escapesApply(free, 2)).toBe(true);
    expect(escapesApply(free, short)).toBe(true);
    expect(escapesApply(free, long)).toBe(false);
    expect(escapesApply(free, 60)).toBe(false);
    expect(escapesApply(penalised, 2)).toBe(false);
    expect(escapesApply(once, 2)).toBe(false);
  });
});
