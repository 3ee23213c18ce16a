// The v2 model build: a cancel seen during the build stops it, the on-demand cut pool hands out
// exactly the valid inequalities an LP point violates, and the capex budget bounds the replicas bought.
import loadHighs, { type Highs } from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { rngFrom } from '../../rng.ts';
import type { PlanInput } from '../../types.ts';
import { api, cloud, makeInput, models, system } from '../fixtures.test-helper.ts';
import { BUILD_CHECK_EVERY, buildModelV2, cutPoolV2, tryBuildModelV2, validCutsV2, type ModelV2 } from './model.ts';
import { solvePlanV2 } from './solve.ts';

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

const pt = (unit_tps: number) => [{ user_tps: 10, unit_tps, ttft_ms: 0 }];

/** n workloads over two models, a system at two sites, a cloud instance and an API, three periods. */
function many(n: number, seed = 1): PlanInput {
  const r = rngFrom(seed);
  const perf = (tps: number) => ({ m8: pt(tps), m70: pt(tps / 4) });
  return makeInput({
    catalog: { models, options: [
      system('S', { price_usd: 60_000, max_power_kw: 12 }, perf(3000)),
      cloud('C', { usd_per_hour: 9 }, perf(1500)),
      api('A', {}, { m8: [{ user_tps: 60, ttft_ms: 100 }], m70: [{ user_tps: 40, ttft_ms: 300 }] }),
    ] },
    workloads: Array.from({ length: n }, (_, i) => ({
      name: `w${i}`, model: r() < 0.5 ? 'm8' : 'm70', avg_output_tps: Math.round(50 + r() * 3000), monthly_growth_pct: Math.floor(r() * 4),
    })),
    sites: [{ name: 'F', it_power_kw: 400, racks: 20, usd_per_rack_month: 500 }, { name: 'G', it_power_kw: 200, racks: 10 }],
    settings: { horizon_months: 36, purchase_interval_months: 12, unserved_penalty_usd_per_month: 50_000 },
  });
}

describe('building the v2 model', () => {
  it('looks at the stop condition while it builds, and stops at once when it says so', () => {
    const input = many(3 * BUILD_CHECK_EVERY);
    let looks = 0;
    expect(tryBuildModelV2(input, {}, () => { looks++; return true; })).toBeNull();
    expect(looks).toBe(1);
    looks = 0;
    const m = tryBuildModelV2(input, {}, () => { looks++; return false; });
    expect(looks).toBe(3);
    expect(m!.numCols).toBe(buildModelV2(input).numCols);
  });

  it('a solve cancelled before it starts on a large model stops in the build: no plan, said so', () => {
    const cancelFlag = new Int32Array(new SharedArrayBuffer(4));
    Atomics.store(cancelFlag, 0, 1);
    const plan = solvePlanV2(highs, many(2 * BUILD_CHECK_EVERY), { timeLimitS: 60, cancelFlag, explain: false });
    expect(plan.status).toBe('no_plan');
    expect(plan.stats?.build_stopped).toBe(1);
    expect(plan.reasons?.[0]).toMatch(/stopped while it built the model/);
  });

  it('names every column once, as the exported LP does', () => {
    const m = buildModelV2(many(20), { bounds: false });
    expect(new Set(m.colName).size).toBe(m.numCols);
    for (const x of m.xs) expect(m.colName[x.col]).toBe(`x_${x.w}_${x.ci}_${x.k}`);
    expect(m.colInfo.map((c) => c.kind)).toEqual(m.colKind);
  });
});

describe('the on-demand cut pool', () => {
  const violation = (r: { idx: number[]; val: number[]; lb: number }, col: ArrayLike<number>) =>
    r.lb - r.idx.reduce((a, j, i) => a + r.val[i]! * (col[j] ?? 0), 0);

  it('holds every valid inequality and hands out exactly those a point violates, each once', () => {
    const m: ModelV2 = buildModelV2(many(40, 7));
    const all = validCutsV2(m);
    const pool = cutPoolV2(m);
    expect(pool.size).toBe(all.length);
    expect(all.length).toBeGreaterThan(0);
    const r = rngFrom(3);
    // a fractional point: x spread over candidates, few replicas, racks and instances
    const col = Float64Array.from({ length: m.numCols }, (_, j) => (m.colKind[j] === 'x' ? r() : r() < 0.5 ? 0 : r() * 2));
    const expected = all.filter((c) => violation(c, col) > 1e-6).map((c) => c.name).sort();
    expect(expected.length).toBeGreaterThan(0);
    const got = pool.violated(col, Infinity);
    expect(got.map((c) => c.name).sort()).toEqual(expected);
    // most violated first, and the rows are the same as validCutsV2's
    for (let i = 1; i < got.length; i++) expect(violation(got[i - 1]!, col)).toBeGreaterThanOrEqual(violation(got[i]!, col) - 1e-9);
    const byName = new Map(all.map((c) => [c.name, c] as const));
    for (const c of got) expect(c).toEqual(byName.get(c.name));
    expect(pool.size).toBe(all.length - got.length);
    expect(pool.violated(col, Infinity)).toEqual([]);
  });
});

describe('replicas bounded by the capex budget', () => {
  // S costs $60,000 a unit, lasts 60 months (no replacement in 36); hardware −20 %/yr from month 0
  const input = (budget: number | null): PlanInput => ({ ...many(6), settings: { ...many(6).settings, hardware_price_change_pct_per_year: -20, ...(budget != null ? { capex_budget_usd: budget } : {}) } });
  const qUpper = (m: ModelV2) => m.pools.map((p) => p.q.map((q) => (q == null ? null : m.colUpper[q]!)));

  it('a replica bought in period k counts against its plan year at that year\'s price: at most ⌊budget ÷ price⌋, also below the site bound', () => {
    const free = buildModelV2(input(null));
    const m = buildModelV2(input(250_000));
    m.pools.forEach((p, i) => p.q.forEach((q, k) => {
      if (q == null) return;
      const price = 60_000 * 0.8 ** (m.periods[k]!.start_month / 12) * p.R;
      expect(m.colUpper[q]).toBe(Math.min(free.colUpper[q]!, Math.floor(250_000 / price + 1e-9)));
      expect(qUpper(free)[i]![k]).toBeGreaterThan(m.colUpper[q]!); // the budget binds before the site here
    }));
    // period 0 at $60,000: 4 replicas; period 2 at $38,400: 6
    expect(m.colUpper[m.pools[0]!.q[0]!]).toBe(4);
    expect(m.colUpper[m.pools[0]!.q[2]!]).toBe(6);
  });

  it('a budget of 0 fixes every purchase at 0; the plain model (export-lp) has no such bound', () => {
    const m = buildModelV2(input(0));
    expect(qUpper(m).flat().every((u) => u == null || u === 0)).toBe(true);
    const plain = buildModelV2(input(0), { bounds: false });
    expect(qUpper(plain).flat().every((u) => u == null || u === Infinity)).toBe(true);
  });

  it('the same optimum as the model without the bound (HiGHS to 1e-9 on both)', () => {
    const small = (budget: number | null): PlanInput => ({ ...input(budget), workloads: input(budget).workloads.slice(0, 4) });
    const m = buildModelV2(small(130_000));
    const siteOnly = buildModelV2(small(null)).colUpper;
    expect(m.colUpper.some((u, j) => u < siteOnly[j]!)).toBe(true); // the cap binds somewhere
    const withCap = solvePlanV2(highs, small(130_000), { timeLimitS: 60, pipeline: 'direct', relGap: 1e-9, explain: false });
    const rowsOnly = solvePlanV2(highs, small(130_000), { timeLimitS: 60, pipeline: 'direct', relGap: 1e-9, explain: false, model: { ...m, colUpper: siteOnly.slice() } });
    expect(withCap.status).toBe('optimal');
    expect(rowsOnly.status).toBe('optimal');
    expect(withCap.objective_usd!).toBeCloseTo(rowsOnly.objective_usd!, 2);
  });
});
