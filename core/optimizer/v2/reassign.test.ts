// Reassignment within the incumbent's capacity (reassign.ts): the sub-MILP with every other column
// fixed keeps the model's rows its free columns can break, a workload paying an API moves onto a replica the plan owns with
// room, and no plan returned is dearer, breaks a row or buys more than the incumbent.
import fc from 'fast-check';
import loadHighs, { type Highs } from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, cloud, makeInput, models, system } from '../fixtures.test-helper.ts';
import { rngFrom } from '../../rng.ts';
import { columnsOfV2, meetsModel, objectiveOfV2, solutionFromColumns, type SolutionV2 } from './extract.ts';
import { buildModelV2, rowActivity, type ModelV2 } from './model.ts';
import { repairV2 } from './repair.ts';
import { assignmentCols, reassignWithin } from './reassign.ts';
import { restrictedModelData } from '../model-data.ts';
import { capacityCutsInLp, REASSIGN_FIRST_MIN_S, REASSIGN_PERIODS_SHARE, REASSIGN_RESERVE_RATIO, REASSIGN_SHARE, reassignComponents, reassignSchedule } from './solve.ts';

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

const pt = (unit_tps: number) => [{ user_tps: 10, unit_tps, ttft_ms: 0 }];
const far = () => Date.now() + 60_000;

/** One system T (a replica carries ~900 tok/s of m8) and a dear API; `avg`: each workload's tok/s. */
function twoWay(avg: number[], extra: { sites?: { name: string; it_power_kw: number; racks: number }[]; periods?: number; penalty?: number } = {}) {
  return buildModelV2(makeInput({
    catalog: { models, options: [
      { ...system('T', { price_usd: 25_000, max_power_kw: 5 }, {}), performance: [{ model: 'm8', units_per_replica: 1, points: pt(900) }, { model: 'm70', units_per_replica: 1, points: pt(300) }] },
      { ...cloud('C', { usd_per_hour: 9 }, {}), performance: [{ model: 'm8', units_per_replica: 1, points: pt(1500) }] },
      api('A', { usd_per_m_output: 60, usd_per_m_input: 10 }, { m8: [{ user_tps: 60, ttft_ms: 100 }], m70: [{ user_tps: 40, ttft_ms: 300 }] }),
    ] },
    // (with several periods, each workload grows, so that each period asks for other assignments)
    workloads: avg.map((a, i) => ({ name: `w${i}`, model: i % 3 === 2 ? 'm70' : 'm8', avg_output_tps: a, ...(extra.periods ? { monthly_growth_pct: 4 } : {}) })),
    sites: extra.sites ?? [{ name: 'F', it_power_kw: 100, racks: 4 }],
    settings: { horizon_months: 12 * (extra.periods ?? 1), purchase_interval_months: 12, ...(extra.penalty ? { unserved_penalty_usd_per_month: extra.penalty } : {}) },
  }));
}

const pick = (m: ModelV2, wi: number, on: (x: ModelV2['xs'][number]) => boolean) => m.byWk[wi]![0]!.find((xi) => on(m.xs[xi]!)) ?? null;

describe('restrictedModelData (the reassignment\'s and the neighbourhood search\'s sub-MILP)', () => {
  it('keeps exactly the rows the free columns can break, their bounds less the fixed terms at the point, and the fixed cost as the offset', () => {
    const m = twoWay([50, 60, 40]);
    const sol = repairV2(m, { chosen: m.byWk.map((byK) => byK.map((xs) => xs[0] ?? null)), q: m.pools.map(() => [0]), e: [] })!;
    const col = columnsOfV2(m, sol);
    const free = assignmentCols(m, [0]);
    const d = restrictedModelData(m, free, col, 1e30);
    const onFree = (r: ModelV2['rows'][number]) => r.idx.some((c) => free.includes(c));
    // the rows a free column can break: its free terms' range within their bounds leaves a row bound
    const breakable = m.rows.filter((r) => {
      if (!onFree(r)) return false;
      let lo = 0, hi = 0;
      r.idx.forEach((c, k) => {
        const v = r.val[k]!;
        if (!free.includes(c)) { lo += v * col[c]!; hi += v * col[c]!; return; }
        lo += v * (v > 0 ? m.colLower[c]! : m.colUpper[c]!);
        hi += v * (v > 0 ? m.colUpper[c]! : m.colLower[c]!);
      });
      return lo < r.lb - 1e-9 || hi > r.ub + 1e-9;
    });
    expect(breakable.length).toBeGreaterThan(0);
    expect(breakable.length).toBeLessThan(m.rows.filter(onFree).length);
    expect(d.numRows).toBe(breakable.length);
    expect(d.numCols).toBe(free.length);
    // the point itself meets every kept row: activity of the free terms within the shifted bounds
    breakable.forEach((r, i) => {
      const act = rowActivity({ idx: r.idx.filter((c) => free.includes(c)), val: r.val.filter((_, k) => free.includes(r.idx[k]!)) }, col);
      expect(act).toBeGreaterThanOrEqual(d.rowLower[i]! - 1e-6);
      expect(act).toBeLessThanOrEqual(d.rowUpper[i]! + 1e-6);
    });
    // the sub's objective at the point, offset included, is the whole plan's
    const subAt = free.reduce((a, c, j) => a + d.colCost[j]! * col[c]!, d.offset);
    expect(subAt).toBeCloseTo(objectiveOfV2(m, col), 6);
  });
});

describe('reassignWithin', () => {
  it('moves a workload off a dear API onto the room of a replica the plan owns, buying nothing', () => {
    const m = twoWay([50, 60]);
    const onT = (x: ModelV2['xs'][number]) => x.pool != null;
    const onApi = (x: ModelV2['xs'][number]) => x.pool == null && x.cloud == null;
    const chosen = [[pick(m, 0, onT)], [pick(m, 1, onApi)]];
    expect(chosen.flat().every((c) => c != null)).toBe(true);
    const inc = solutionFromColumns(m, columnsOfV2(m, { chosen, q: m.pools.map(() => [0]), e: [] }));
    const inc1: SolutionV2 = { ...inc, q: m.pools.map((p, pi) => [inc.chosen.some((byK) => byK[0] != null && m.xs[byK[0]]!.pool === pi) ? 1 : 0]) };
    expect(meetsModel(m, inc1)).toBe(true);
    const r = reassignWithin(highs, m, inc1, [0, 1], { deadline: far() });
    expect(r).not.toBeNull();
    expect(meetsModel(m, r!.s)).toBe(true);
    expect(r!.objective).toBeLessThan(objectiveOfV2(m, columnsOfV2(m, inc1)));
    expect(onT(m.xs[r!.s.chosen[1]![0]!]!)).toBe(true);
    expect(r!.s.q.flat().reduce((a, b) => a + b, 0)).toBe(1);
  });

  it('never returns a dearer plan, one that breaks a row, or one with more replicas than the incumbent (and finds cheaper ones)', () => {
    let found = 0;
    fc.assert(fc.property(fc.array(fc.integer({ min: 20, max: 1500 }), { minLength: 1, maxLength: 5 }), fc.integer({ min: 1, max: 1e6 }), fc.constantFrom(8, 30, 100), (avg, seed, power) => {
      const m = twoWay(avg, { sites: [{ name: 'F', it_power_kw: power, racks: 4 }] });
      const rnd = rngFrom(seed);
      const chosen = m.byWk.map((byK) => byK.map((xs) => (xs.length ? xs[Math.floor(rnd() * xs.length)]! : null)));
      const inc = repairV2(m, { chosen, q: m.pools.map(() => [0]), e: [] });
      if (!inc) return;
      const before = objectiveOfV2(m, columnsOfV2(m, inc));
      const all = m.sized.map((_, i) => i);
      const r = reassignWithin(highs, m, inc, all, { deadline: far() });
      if (!r) return;
      found++;
      expect(meetsModel(m, r.s)).toBe(true);
      expect(r.objective).toBeLessThan(before);
      expect(r.objective).toBeCloseTo(objectiveOfV2(m, columnsOfV2(m, r.s)), 4);
      r.s.q.forEach((byK, pi) => byK.forEach((q, k) => expect(q).toBeLessThanOrEqual(inc.q[pi]![k]!)));
    }), { numRuns: 40, seed: 20261206 });
    expect(found).toBeGreaterThan(0);
  });
});

describe('reassignWithin, one period', () => {
  it('frees the assignments of one period only: the periods\' columns split the workloads\' columns', () => {
    const m = twoWay([50, 60, 40, 700], { periods: 3 });
    expect(m.periods.length).toBe(3);
    const ws = [0, 1, 2, 3];
    const all = assignmentCols(m, ws);
    const byK = m.periods.map((_, k) => assignmentCols(m, ws, k));
    expect(byK.every((cs) => cs.length > 0)).toBe(true);
    expect(byK.flat().sort((a, b) => a - b)).toEqual([...all].sort((a, b) => a - b));
    // each x column of period k is one of period k's assignments
    byK.forEach((cs, k) => {
      const own = new Set(ws.flatMap((wi) => m.byWk[wi]![k]!.map((xi) => m.xs[xi]!.col)));
      for (const c of cs) if (m.xs.some((x) => x.col === c)) expect(own.has(c)).toBe(true);
    });
  });

  it('changes only that period\'s assignments, and never returns a dearer plan or one that breaks a row', () => {
    let found = 0;
    fc.assert(fc.property(fc.array(fc.integer({ min: 20, max: 1500 }), { minLength: 1, maxLength: 5 }), fc.integer({ min: 1, max: 1e6 }), fc.constantFrom(8, 30, 100), fc.integer({ min: 0, max: 1 }), (avg, seed, power, k) => {
      const m = twoWay(avg, { sites: [{ name: 'F', it_power_kw: power, racks: 4 }], periods: 2 });
      const rnd = rngFrom(seed);
      const chosen = m.byWk.map((byK) => byK.map((xs) => (xs.length ? xs[Math.floor(rnd() * xs.length)]! : null)));
      const inc = repairV2(m, { chosen, q: m.pools.map(() => m.periods.map(() => 0)), e: [] });
      if (!inc) return;
      const col = columnsOfV2(m, inc);
      const before = objectiveOfV2(m, col);
      const ws = m.sized.map((_, i) => i);
      const r = reassignWithin(highs, m, inc, ws, { deadline: far(), period: k });
      if (!r) return;
      found++;
      expect(meetsModel(m, r.s)).toBe(true);
      expect(r.objective).toBeLessThan(before);
      // the other periods' assignments and every purchase as the incumbent has them (the cloud
      // instances and racks a plan's shape derives may only fall)
      r.s.chosen.forEach((byK, wi) => byK.forEach((xi, kk) => { if (kk !== k) expect(xi).toBe(inc.chosen[wi]![kk]); }));
      expect(r.s.q).toEqual(inc.q);
      expect(r.s.e).toEqual(inc.e);
    }), { numRuns: 40, seed: 20261207 });
    expect(found).toBeGreaterThan(0);
  });
});

describe('reassignComponents', () => {
  it('offers only cheaper plans, each meeting every row, component by component', () => {
    const m = twoWay([50, 60, 40, 700, 30]);
    const chosen = m.byWk.map((byK) => byK.map((xs) => xs.find((xi) => m.xs[xi]!.pool == null && m.xs[xi]!.cloud == null) ?? xs[0]!));
    let best: SolutionV2 | null = repairV2(m, { chosen, q: m.pools.map(() => [0]), e: [] });
    expect(best).not.toBeNull();
    // one replica of T for m8 bought ahead: the reassignment fills it
    const pm8 = m.pools.findIndex((p) => p.model === 'm8');
    best = { ...best!, q: best!.q.map((byK, pi) => (pi === pm8 ? [Math.max(1, byK[0]!)] : byK)) };
    if (!meetsModel(m, best)) return;
    let last = objectiveOfV2(m, columnsOfV2(m, best));
    const seen: number[] = [];
    reassignComponents(highs, m, () => best, (s, o) => {
      expect(meetsModel(m, s)).toBe(true);
      expect(o).toBeLessThan(last);
      last = o; best = s; seen.push(o);
    }, { deadline: far() });
    expect(seen.length).toBeGreaterThan(0);
  });
});

describe('reassignComponents, one period at a time', () => {
  it('offers only cheaper plans, each meeting every row and buying nothing the incumbent does not', () => {
    const m = twoWay([50, 60, 40, 700, 30], { periods: 3 });
    const chosen = m.byWk.map((byK) => byK.map((xs) => xs.find((xi) => m.xs[xi]!.pool == null && m.xs[xi]!.cloud == null) ?? xs[0]!));
    let best: SolutionV2 | null = repairV2(m, { chosen, q: m.pools.map(() => m.periods.map(() => 0)), e: [] });
    expect(best).not.toBeNull();
    // replicas of T for m8 bought ahead in every period: each period's reassignment fills them
    const pm8 = m.pools.findIndex((p) => p.model === 'm8');
    best = { ...best!, q: best!.q.map((byK, pi) => (pi === pm8 ? byK.map((q) => Math.max(1, q)) : byK)) };
    expect(meetsModel(m, best)).toBe(true);
    const q0 = best.q.map((r) => [...r]);
    let last = objectiveOfV2(m, columnsOfV2(m, best));
    const seen: number[] = [];
    reassignComponents(highs, m, () => best, (s, o) => {
      expect(meetsModel(m, s)).toBe(true);
      expect(o).toBeLessThan(last);
      expect(s.q).toEqual(q0);
      last = o; best = s; seen.push(o);
    }, { deadline: far(), byPeriod: true });
    // more than one step: the periods are re-solved one after another
    expect(seen.length).toBeGreaterThan(1);
  });
});

describe('reassignSchedule', () => {
  it('a single purchase: before the search from REASSIGN_FIRST_MIN_S and after it at any limit, nothing held back', () => {
    expect(reassignSchedule(1, 2, true, 1e6)).toEqual({ first: false, after: true, share: REASSIGN_SHARE, reserveMs: 0, byPeriod: false });
    expect(reassignSchedule(1, REASSIGN_FIRST_MIN_S, true, 1e6)).toMatchObject({ first: true, after: true, reserveMs: 0 });
  });

  it('several periods: only after the search, in the time it leaves, one period at a time', () => {
    const limit = 30;
    const reserve = limit * 1000 * REASSIGN_PERIODS_SHARE;
    expect(reassignSchedule(3, limit, true, 13_000)).toEqual({ first: false, after: false, share: REASSIGN_PERIODS_SHARE, reserveMs: reserve, byPeriod: true });
    // none where the search would keep less than REASSIGN_RESERVE_RATIO times the reserve, below
    // REASSIGN_FIRST_MIN_S (the interactive answer), or for a primal portfolio member
    expect(reassignSchedule(3, limit, true, REASSIGN_RESERVE_RATIO * reserve - 1).reserveMs).toBe(0);
    expect(reassignSchedule(3, limit, true, REASSIGN_RESERVE_RATIO * reserve).reserveMs).toBe(reserve);
    expect(reassignSchedule(12, 2, true, 1e6).reserveMs).toBe(0);
    expect(reassignSchedule(3, limit, false, 1e6).reserveMs).toBe(0);
  });
});

describe('capacityCutsInLp', () => {
  it('the LP stage takes capacity cuts but for a single purchase with a penalty', () => {
    expect(capacityCutsInLp(twoWay([400, 500, 200]))).toBe(true);
    expect(capacityCutsInLp(twoWay([400, 500, 200], { penalty: 50_000 }))).toBe(false);
    expect(capacityCutsInLp(twoWay([400, 500, 200], { periods: 3, penalty: 50_000 }))).toBe(true);
    expect(capacityCutsInLp(twoWay([400, 500, 200], { periods: 3 }))).toBe(true);
  });
});
