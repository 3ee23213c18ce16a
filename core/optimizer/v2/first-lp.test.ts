// The first bound of a large solve: the LP stage's first LP cut short still bounds every plan by weak
// duality with its duals so far (relax.ts stoppedBound).
import fc from 'fast-check';
import loadHighs, { type Highs } from 'highs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { PlanInput } from '../../types.ts';
import { makeInput, twoModelCatalog, v2Input, v2Scenario } from '../fixtures.test-helper.ts';
import { buildModelV2, cutPoolV2 } from './model.ts';
import { lpWithCutsV2, stoppedBound } from './relax.ts';
import { solvePlanV2 } from './solve.ts';

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

const lpInput = (): PlanInput => makeInput({
  catalog: twoModelCatalog({ usd_per_m_output: 30, usd_per_m_input: 5 }),
  workloads: [1800, 900, 2600, 700, 3100, 1300].map((avg, i) => ({ name: `w${i}`, model: i % 2 ? 'm8' : 'm70', avg_output_tps: avg, monthly_growth_pct: i % 3, placement: (i % 3 ? 'any' : 'onprem') as 'any' })),
  sites: [{ name: 'F', it_power_kw: 25, racks: 4, usd_per_rack_month: 600 }, { name: 'G', it_power_kw: 40, racks: 2, usd_per_rack_month: 300 }],
  settings: { horizon_months: 24, purchase_interval_months: 6, unserved_penalty_usd_per_month: 30_000, capex_budget_usd: 150_000, total_budget_usd: 900_000 },
});

describe('stoppedBound (weak duality from any row prices)', () => {
  it('at the LP\'s own duals it is the LP\'s bound; at other prices it never passes it', () => {
    const m = buildModelV2(lpInput(), { cuts: false });
    const lp = lpWithCutsV2(highs, m, [], { deadline: performance.now() + 60_000, maxRounds: 0 });
    expect(lp.bound).not.toBeNull();
    expect(lp.bound!).toBeGreaterThan(0);
    const at = stoppedBound(m, lp.rowDual!);
    expect(at).not.toBeNull();
    expect(at!).toBeCloseTo(lp.bound!, 0);
    const tol = 1e-9 * Math.abs(lp.bound!);
    for (const f of [0, 0.3, 0.9, 1.1, 2, -1]) {
      const b = stoppedBound(m, lp.rowDual!.map((y, i) => y * (i % 3 === 0 ? f : 1)));
      if (b != null) expect(b).toBeLessThanOrEqual(lp.bound! + tol);
    }
    // no prices (or too few): none
    expect(stoppedBound(m, new Float64Array(0))).toBeNull();
  });

  it('random small v2 models, single purchase and phased, after cut rounds: at any prices it stays below the MILP optimum; at the LP\'s own duals it is the LP\'s bound', () => {
    let priced = 0, single = 0, phased = 0, cut = 0;
    fc.assert(fc.property(v2Scenario, fc.integer({ min: 1, max: 2 ** 31 - 1 }), (s, seed) => {
      const inp = v2Input({ ...s, penalty: 20_000 }); // every case feasible
      const direct = solvePlanV2(highs, inp, { timeLimitS: 60, pipeline: 'direct', relGap: 1e-9, explain: false });
      expect(direct.status).toBe('optimal');
      const opt = direct.objective_usd!;
      const m = buildModelV2(inp);
      if (m.periods.length === 1) single++; else phased++;
      const rows0 = m.rows.length;
      const lp = lpWithCutsV2(highs, m, cutPoolV2(m), { deadline: performance.now() + 60_000, maxRounds: 4 });
      expect(lp.bound).not.toBeNull();
      const y = lp.rowDual!;
      if (m.rows.length > rows0) cut++;
      const tol = 1e-6 * Math.max(1, Math.abs(opt));
      // at the LP's own duals (cuts included): its bound
      const at = stoppedBound(m, y);
      if (lp.bound! > 1e-6) expect(Math.abs(at! - lp.bound!)).toBeLessThanOrEqual(1e-6 * Math.max(1, lp.bound!));
      // any prices: never above the MILP's optimum (the cuts hold at every plan meetsModel accepts)
      let r = seed;
      const rnd = () => { r = (Math.imul(r, 48271) % 2147483647 + 2147483647) % 2147483647; return r / 2147483647; };
      const prices: Float64Array[] = [
        ...[0, 0.5, 1.5, 3].map((f) => y.map((v) => v * f)),
        y.map(() => (rnd() * 2 - 1) * 1e5),
        y.map((v) => -v),
        y.map((v, i) => (i >= rows0 ? v * (2 + 10 * rnd()) : v)),
        y.map((v) => v * (1 + (rnd() - 0.5) * 0.2) + (rnd() - 0.5) * 10),
        y.map((v) => (rnd() < 0.3 ? 0 : v)),
      ];
      for (const p of prices) {
        const b = stoppedBound(m, p);
        if (b == null) continue;
        priced++;
        expect(b).toBeLessThanOrEqual(opt + tol);
      }
    }), { numRuns: 10, seed: 21 });
    expect(single).toBeGreaterThan(0);
    expect(phased).toBeGreaterThan(0);
    expect(cut).toBeGreaterThan(0);
    expect(priced).toBeGreaterThan(25);
  }, 120_000);
});

describe('the first LP cut short', () => {
  it('by time: its duals\' weak-duality bound, no point and no cut round (before: no bound at all)', () => {
    const full = buildModelV2(lpInput(), { cuts: false });
    const clean = lpWithCutsV2(highs, full, [], { deadline: performance.now() + 60_000, maxRounds: 0 });
    // HiGHS' first run reported as stopped by its time limit, its solution as it stands
    const create = highs.createModel.bind(highs);
    const spy = vi.spyOn(highs, 'createModel').mockImplementation((...a: Parameters<Highs['createModel']>) => {
      const model = create(...a);
      model.getModelStatus = () => highs.constants.modelStatus.timeLimit;
      return model;
    });
    try {
      const m = buildModelV2(lpInput(), { cuts: false });
      const lp = lpWithCutsV2(highs, m, [], { deadline: performance.now() + 60_000 });
      expect(lp.bound).not.toBeNull();
      expect(lp.bound!).toBeCloseTo(clean.bound!, 0);
      expect(lp.col).toBeNull();
      expect(lp.rowDual).toBeNull();
      expect(lp.rounds).toBe(0);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('the LP stage\'s LPs without HiGHS\' per-iteration callback (onDeaf)', () => {
  /** Each LP run's callback types, in order, beside the onDeaf calls. */
  function watched(): { log: string[]; restore: () => void } {
    const log: string[] = [];
    const create = highs.createModel.bind(highs);
    const spy = vi.spyOn(highs, 'createModel').mockImplementation((...a: Parameters<Highs['createModel']>) => {
      const model = create(...a);
      const run = model.run.bind(model);
      model.run = (cbs) => { log.push(`run[${Object.keys(cbs ?? {}).join(',')}]`); return run(cbs); };
      return model;
    });
    return { log, restore: () => spy.mockRestore() };
  }

  it('with onDeaf: every run (the first LP and each cut round) goes without the callback, told before and after; the same bound', () => {
    const base = lpWithCutsV2(highs, buildModelV2(lpInput()), cutPoolV2(buildModelV2(lpInput())), { deadline: performance.now() + 60_000, maxRounds: 3 });
    const w = watched();
    try {
      const m = buildModelV2(lpInput());
      const flag = new Int32Array(new SharedArrayBuffer(4));
      const lp = lpWithCutsV2(highs, m, cutPoolV2(m), { deadline: performance.now() + 60_000, maxRounds: 3, cancelFlag: flag, onDeaf: (d) => w.log.push(d ? 'deaf' : 'listening') });
      expect(lp.rounds).toBeGreaterThan(0);
      expect(w.log.length).toBe(3 * (1 + lp.rounds));
      for (let i = 0; i < w.log.length; i += 3) expect(w.log.slice(i, i + 3)).toEqual(['deaf', 'run[]', 'listening']);
      expect(lp.bound!).toBeCloseTo(base.bound!, 3);
    } finally {
      w.restore();
    }
  });

  it('a cancel flag without onDeaf: the runs look at it through the simplex interrupt callback', () => {
    const w = watched();
    try {
      const m = buildModelV2(lpInput(), { cuts: false });
      lpWithCutsV2(highs, m, [], { deadline: performance.now() + 60_000, maxRounds: 0, cancelFlag: new Int32Array(new SharedArrayBuffer(4)) });
      expect(w.log).toEqual([`run[${highs.constants.callbackType.simplexInterrupt}]`]);
    } finally {
      w.restore();
    }
  });

  it('a cancel raised as the first LP goes deaf: it does not run, no bound', () => {
    const w = watched();
    try {
      const m = buildModelV2(lpInput(), { cuts: false });
      const flag = new Int32Array(new SharedArrayBuffer(4));
      const lp = lpWithCutsV2(highs, m, [], { deadline: performance.now() + 60_000, cancelFlag: flag, onDeaf: (d) => { if (d) Atomics.store(flag, 0, 1); } });
      expect(w.log).toEqual([]);
      expect(lp.bound).toBeNull();
      expect(lp.col).toBeNull();
    } finally {
      w.restore();
    }
  });
});
