// The decomposition by components of models and the staged solve, against HiGHS on the whole
// model: the bound never passes the optimum, the staged solve reaches the same optimum, and a
// solve stopped at any point returns the best plan it had.
import fc from 'fast-check';
import loadHighs, { type Highs, type ModelData } from 'highs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { PlanInput } from '../../types.ts';
import { makeInput, twoModelCatalog } from '../fixtures.test-helper.ts';
import { columnsOfV2, meetsModel, objectiveOfV2, solutionFromColumns, solutionOfPlan } from './extract.ts';
import { atCouplingLimit, componentsV2, couplingPrices, decomposeV2, highsOverrunMs, lpShares, sharedRackCols, subLpBound, subModelV2, withPart, type ComponentV2 } from './decompose.ts';
import { buildModelV2, cutPoolV2, type ModelV2, type Row } from './model.ts';
import { lpWithCutsV2, SUB_CUT_ROUNDS } from './relax.ts';
import { runHighs, solvePlanV2, timeForHighs } from './solve.ts';

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

const scenario = fc.record({
  interval: fc.constantFrom(12, 24),
  penalty: fc.constantFrom(null, 40_000),
  capex: fc.constantFrom(null, 150_000, 400_000),
  total: fc.constantFrom(null, 900_000),
  power: fc.constantFrom(25, 60, 400),
  rackUsd: fc.constantFrom(0, 900),
  lists: fc.boolean(),
  workloads: fc.array(fc.record({
    avg: fc.integer({ min: 100, max: 2500 }),
    growth: fc.integer({ min: 0, max: 5 }),
    model: fc.constantFrom('m8', 'm70'),
    placement: fc.constantFrom('any', 'any', 'onprem', 'cloud'),
  }), { minLength: 2, maxLength: 4 }),
});
type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

/** Two systems at two sites and a cloud instance and an API per model; lists link m8 and m70. */
function input(s: Scenario): PlanInput {
  return makeInput({
    catalog: twoModelCatalog({ usd_per_m_output: 6, usd_per_m_input: 1 }),
    workloads: s.workloads.map((w, i) => ({
      name: `w${i}`, model: s.lists && i === 0 ? 'm70|m8' : w.model, avg_output_tps: w.avg, monthly_growth_pct: w.growth, placement: w.placement as 'any',
    })),
    sites: [{ name: 'F', it_power_kw: s.power, racks: 4, usd_per_rack_month: s.rackUsd }, { name: 'G', it_power_kw: 40, racks: 2, usd_per_rack_month: 300 }],
    settings: {
      horizon_months: 24, purchase_interval_months: s.interval, discount_rate_pct: 5,
      hardware_price_change_pct_per_year: -10, cloud_price_change_pct_per_year: -20,
      unserved_penalty_usd_per_month: s.penalty, capex_budget_usd: s.capex, total_budget_usd: s.total,
    },
  });
}

const close = (a: number, b: number, rel = 1e-6) => Math.abs(a - b) <= rel * Math.max(1, Math.abs(b));

describe('decomposition by components of models', () => {
  it('components: a workload listing two models links them; otherwise one component per model', () => {
    const s: Scenario = { interval: 12, penalty: null, capex: null, total: null, power: 400, rackUsd: 0, lists: false, workloads: [
      { avg: 500, growth: 0, model: 'm8', placement: 'any' }, { avg: 500, growth: 0, model: 'm70', placement: 'any' },
    ] };
    const apart = componentsV2(buildModelV2(input(s)));
    expect(apart.map((c) => c.models.join('|')).sort()).toEqual(['m70', 'm8']);
    const linked = componentsV2(buildModelV2(input({ ...s, lists: true })));
    expect(linked.map((c) => c.models)).toEqual([['m70', 'm8']]);
    // every column of the model is in some component; only racks of a shared system in two
    const m = buildModelV2(input(s));
    const seen = new Map<number, number>();
    for (const c of apart) for (const j of c.cols) seen.set(j, (seen.get(j) ?? 0) + 1);
    expect(seen.size).toBe(m.numCols);
    for (const [j, n] of seen) if (n > 1) expect(m.colKind[j]).toBe('r');
  });

  it('the bound never exceeds the optimum; the staged solve reaches the optimum of HiGHS on the whole model', () => {
    fc.assert(fc.property(scenario, (s) => {
      const inp = input(s);
      const direct = solvePlanV2(highs, inp, { timeLimitS: 60, pipeline: 'direct', relGap: 1e-9, explain: false });
      const staged = solvePlanV2(highs, inp, { timeLimitS: 60, pipeline: 'staged', relGap: 1e-9, explain: false });
      expect(staged.status).toBe(direct.status);
      if (direct.status === 'infeasible') return;
      expect(direct.status).toBe('optimal');
      const opt = direct.objective_usd!;
      expect(close(staged.objective_usd!, opt)).toBe(true);
      // the staged plan read back as columns meets every row of the plain model
      const plain = buildModelV2(inp, { bounds: false });
      expect(meetsModel(plain, solutionOfPlan(plain, staged))).toBe(true);
      // the decomposition alone, with the coupling rows priced at the LP's duals
      const m = buildModelV2(inp, { cuts: false });
      const modelRows = m.rows.length;
      const told: number[] = [];
      const points: { col: Float64Array; rounds: number }[] = [];
      const lp = lpWithCutsV2(highs, m, [], { deadline: performance.now() + 60_000, onBound: (b) => told.push(b), onPoint: (p) => points.push(p) });
      // each round's bound told as it is solved: one per LP, never falling, the last the LP's
      expect(told.length).toBe(lp.rounds + 1);
      // and each cut round's point (not the first LP's), numbered by its round, the last the LP's
      expect(points.map((p) => p.rounds)).toEqual(Array.from({ length: lp.rounds }, (_, i) => i + 1));
      if (lp.rounds > 0) expect(points.at(-1)!.col).toBe(lp.col);
      told.forEach((b, i) => { if (i > 0) expect(b).toBeGreaterThanOrEqual(told[i - 1]!); });
      expect(told.at(-1)).toBe(lp.bound);
      // the subs' rows: the model's and the early rounds' cuts (all of them within SUB_CUT_ROUNDS rounds)
      expect(lp.subRows).toBeGreaterThanOrEqual(modelRows);
      expect(lp.subRows).toBeLessThanOrEqual(m.rows.length);
      if (lp.rounds <= SUB_CUT_ROUNDS) expect(lp.subRows).toBe(m.rows.length);
      const dec = decomposeV2(highs, m, { deadline: performance.now() + 60_000, rowDual: lp.rowDual, warm: null, relGap: 1e-9 });
      expect(dec.bound).not.toBeNull();
      expect(dec.bound!).toBeLessThanOrEqual(opt + 1e-6 * Math.max(1, Math.abs(opt)));
      // resumed (solve.ts, after the search): the bounds so far kept, the closed subs not run again
      const resumed = decomposeV2(highs, m, { deadline: performance.now() + 60_000, rowDual: lp.rowDual, warm: null, relGap: 1e-9, prior: dec });
      expect(resumed.bound!).toBeGreaterThanOrEqual(dec.bound! - 1e-9 * Math.max(1, Math.abs(opt)));
      expect(resumed.bound!).toBeLessThanOrEqual(opt + 1e-6 * Math.max(1, Math.abs(opt)));
      expect(resumed.log.filter((l, ci) => l.runs > 0 && dec.log[ci]!.objective - dec.log[ci]!.bound <= 1e-6 * Math.max(1, Math.abs(dec.log[ci]!.objective))).length).toBe(0);
      // every sub run in the second pass only (warm from the optimum's parts), with every valid cut,
      // or subs made of the model's rows alone (the LP's cuts priced or left out): the same law
      const optSol = solutionOfPlan(m, direct);
      for (const o of [{ firstPassShare: 0 }, { cutsMaxCols: 1_000 }, { rows: modelRows }]) {
        const again = decomposeV2(highs, m, { deadline: performance.now() + 60_000, rowDual: lp.rowDual, warm: optSol, relGap: 1e-9, ...o });
        expect(again.bound).not.toBeNull();
        expect(again.bound!).toBeLessThanOrEqual(opt + 1e-6 * Math.max(1, Math.abs(opt)));
      }
      if (staged.bound_usd != null) expect(staged.bound_usd).toBeLessThanOrEqual(opt + 1e-6 * Math.max(1, Math.abs(opt)));
      expect(lp.bound!).toBeLessThanOrEqual(opt + 1e-6 * Math.max(1, Math.abs(opt)));
      if (dec.solution && meetsModel(m, dec.solution)) expect(objectiveOfV2(m, columnsOfV2(m, dec.solution))).toBeGreaterThanOrEqual(opt - 1e-6 * Math.max(1, Math.abs(opt)));
    }), { numRuns: 15, seed: 3 });
  }, 600_000);

  it('with no limit binding and free racks, the sub plans put together are the optimum and the bound meets it', () => {
    fc.assert(fc.property(scenario, (s0) => {
      const s: Scenario = { ...s0, power: 400, rackUsd: 0, capex: null, total: null, lists: false };
      const inp = { ...input(s), sites: input(s).sites.map((f) => ({ ...f, it_power_kw: 10_000, racks: 500, usd_per_rack_month: 0 })) };
      const direct = solvePlanV2(highs, inp, { timeLimitS: 60, pipeline: 'direct', relGap: 1e-9, explain: false });
      if (direct.status === 'infeasible') return;
      const m = buildModelV2(inp, { cuts: false });
      // each sub's better plans are told as HiGHS finds them (solve.ts merges them at once): the
      // last told of a component is the plan the decomposition returns for it, and each told one
      // put in the returned plan's place meets every row (no coupling row binds here)
      const told: { comp: ComponentV2; col: Float64Array }[] = [];
      const dec = decomposeV2(highs, m, { deadline: performance.now() + 60_000, rowDual: null, warm: null, relGap: 1e-9, onPart: (part) => told.push(part) });
      expect(dec.solution).not.toBeNull();
      expect(meetsModel(m, dec.solution!)).toBe(true);
      expect(told.length).toBeGreaterThan(0);
      for (const part of dec.parts) {
        const last = told.filter((t) => t.comp === part.comp).at(-1);
        expect(last).toBeDefined();
        expect([...last!.col].every((v, j) => Math.abs(v - part.col[j]!) <= 1e-6 * Math.max(1, Math.abs(v)))).toBe(true);
      }
      for (const part of told) expect(meetsModel(m, withPart(m, dec.solution!, part))).toBe(true);
      expect(close(objectiveOfV2(m, columnsOfV2(m, dec.solution!)), direct.objective_usd!)).toBe(true);
      expect(close(dec.bound!, direct.objective_usd!)).toBe(true);
      // with the LP's duals (no coupling row priced, cuts that span components may be) and the
      // optimum as the incumbent: the subs, solved, still prove it (the plain pass when the priced one cannot)
      const lp = lpWithCutsV2(highs, m, [], { deadline: performance.now() + 60_000 });
      const priced = decomposeV2(highs, m, { deadline: performance.now() + 60_000, rowDual: lp.rowDual, warm: solutionOfPlan(m, direct), relGap: 1e-9 });
      expect(priced.priced).toBe(0);
      expect(close(priced.bound!, direct.objective_usd!)).toBe(true);
    }), { numRuns: 10, seed: 5 });
  }, 600_000);
});

describe('each sub\'s bound against the optimum\'s part in it', () => {
  /**
   * The optimum's point in one component's sub: its columns, a shared system's racks as the racks of
   * this component's units, unrounded (subModelV2: a continuous share). It meets every row the sub
   * keeps, so no valid bound of the sub passes its cost in the sub's (priced) costs.
   */
  const partOf = (m: ModelV2, comp: ComponentV2, col: Float64Array, shared: ReadonlySet<number>) => {
    const share = new Map<number, number>();
    for (const g of m.groups) g.r.forEach((c, k) => {
      if (!shared.has(c)) return;
      let units = 0;
      for (const pi of g.pools) {
        const p = m.pools[pi]!;
        if (comp.models.includes(p.model)) for (let j = 0; j <= k; j++) if (p.q[j] != null) units += col[p.q[j]!]! * p.R;
      }
      share.set(c, g.fit.kind === 'per_rack' ? units / g.fit.k : units * g.fit.t);
    });
    return Float64Array.from(comp.cols, (c) => share.get(c) ?? col[c]!);
  };

  /**
   * The scenario as one purchase over the horizon (each cloud instance a whole number per month, the
   * loads growing), every other one on premises only with paid racks of 40 kW (several units a rack),
   * where the two models' subs share a system's racks; solved to its optimum directly (null: infeasible).
   */
  const singlePurchaseOptimum = (s0: Scenario) => {
    const onprem = s0.workloads.length % 2 === 0;
    const inp0 = input({ ...s0, interval: 24, lists: false, ...(onprem ? { rackUsd: 900, power: 400, workloads: s0.workloads.map((w) => ({ ...w, placement: 'onprem' as const })) } : {}) });
    const inp = onprem ? { ...inp0, sites: inp0.sites.map((f) => ({ ...f, rack_kw: 40 })) } : inp0;
    const direct = solvePlanV2(highs, inp, { timeLimitS: 60, pipeline: 'direct', relGap: 1e-9, explain: false });
    if (direct.status === 'infeasible') return null;
    expect(direct.status).toBe('optimal');
    return { direct, m: buildModelV2(inp, { cuts: false }) };
  };

  it('single purchase with monthly cloud instances and the LP\'s cuts: no sub\'s bound passes the optimum\'s part in it', () => {
    let subsCompared = 0;
    fc.assert(fc.property(scenario, (s0) => {
      const opt1 = singlePurchaseOptimum(s0);
      if (!opt1) return;
      const { direct, m } = opt1;
      expect(m.periods.length).toBe(1);
      const lp = lpWithCutsV2(highs, m, cutPoolV2(m), { deadline: performance.now() + 60_000 });
      const comps = componentsV2(m);
      const opt = columnsOfV2(m, solutionOfPlan(m, direct));
      // the subs as the solve runs them on a single purchase: the early rounds' cuts, warm from the optimum
      const dec = decomposeV2(highs, m, { deadline: performance.now() + 60_000, rowDual: lp.rowDual, warm: solutionOfPlan(m, direct), relGap: 1e-9, comps, rows: lp.subRows });
      const { cost } = couplingPrices(m, lp.rowDual, comps);
      const shared = sharedRackCols(m, comps);
      comps.forEach((comp, ci) => {
        const part = partOf(m, comp, opt, shared);
        const inSub = comp.cols.reduce((v, c, j) => v + cost[c]! * part[j]!, 0);
        const b = dec.log[ci]!.bound;
        expect(b).toBeLessThanOrEqual(inSub + 1e-6 * Math.max(1, Math.abs(inSub)));
        subsCompared++;
      });
      expect(dec.bound!).toBeLessThanOrEqual(direct.objective_usd! + 1e-6 * Math.max(1, direct.objective_usd!));
    }), { numRuns: 12, seed: 24 });
    expect(subsCompared).toBeGreaterThan(8);
  }, 600_000);

  it('single purchase: a sub\'s LP with its own cut rounds (subLpBound) stays under the optimum\'s part in it, and rises above its plain LP', () => {
    let subsCompared = 0, raised = 0;
    fc.assert(fc.property(scenario, (s0) => {
      const opt1 = singlePurchaseOptimum(s0);
      if (!opt1) return;
      const { direct, m } = opt1;
      // one round of the full LP's (before its capacity cuts): the subs' rounds have cuts to find
      const lp = lpWithCutsV2(highs, m, cutPoolV2(m), { deadline: performance.now() + 60_000, maxRounds: 1 });
      const comps = componentsV2(m);
      const opt = columnsOfV2(m, solutionOfPlan(m, direct));
      const { cost } = couplingPrices(m, lp.rowDual, comps);
      const shared = sharedRackCols(m, comps);
      comps.forEach((comp) => {
        const part = partOf(m, comp, opt, shared);
        const inSub = comp.cols.reduce((v, c, j) => v + cost[c]! * part[j]!, 0);
        const sub = subModelV2(highs, m, comp, shared, cost);
        const b = subLpBound(highs, m, comp, shared, sub, performance.now() + 60_000);
        expect(b).not.toBeNull();
        expect(b!).toBeLessThanOrEqual(inSub + 1e-6 * Math.max(1, Math.abs(inSub)));
        const plain = highs.createModel({ ...sub.data, integrality: new Int32Array(sub.data.numCols) });
        try {
          plain.options.set({ output_flag: false });
          plain.run({});
          if (b! > plain.getObjectiveValue() + 1e-6 * Math.max(1, Math.abs(b!))) raised++;
        } finally {
          plain.dispose();
        }
        subsCompared++;
      });
      // the decomposition with the rounds: its bound stays under the optimum
      const dec = decomposeV2(highs, m, { deadline: performance.now() + 60_000, rowDual: lp.rowDual, warm: solutionOfPlan(m, direct), relGap: 1e-9, comps, rows: lp.subRows, subLp: true });
      expect(dec.bound!).toBeLessThanOrEqual(direct.objective_usd! + 1e-6 * Math.max(1, direct.objective_usd!));
    }), { numRuns: 12, seed: 24 });
    expect(subsCompared).toBeGreaterThan(8);
    // the rounds find cuts the full LP's rounds left: the test is not vacuous
    expect(raised).toBeGreaterThan(0);
  }, 600_000);
});

describe('the start of each sub', () => {
  it('is its own part of the incumbent: a shared system\'s racks as its own units\' racks, unrounded, so the starts together cost no more than the incumbent', () => {
    let sharedUsed = 0;
    fc.assert(fc.property(scenario, (s0) => {
      // one component per model, each with a workload on premises; racks rented at F and G
      const s: Scenario = { ...s0, lists: false, rackUsd: 900, power: 400, workloads: s0.workloads.map((w, i) => ({ ...w, model: i % 2 === 0 ? 'm8' : 'm70', placement: 'onprem' })) };
      const inp = input(s);
      const direct = solvePlanV2(highs, inp, { timeLimitS: 60, pipeline: 'direct', relGap: 1e-9, explain: false });
      if (direct.status === 'infeasible') return;
      const m = buildModelV2(inp, { cuts: false });
      const warm = solutionOfPlan(m, direct);
      const col = columnsOfV2(m, warm);
      // the start HiGHS is handed in each sub it runs, with the sub's model
      const starts: { data: ModelData; start: Float64Array }[] = [];
      const bind = <T extends object>(o: T, p: string | symbol): unknown => { const v: unknown = Reflect.get(o, p); return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(o) : v; };
      const spy = new Proxy(highs, {
        get(target, prop) {
          if (prop !== 'createModel') return bind(target, prop);
          return (data: ModelData) => {
            const model = target.createModel(data);
            return new Proxy(model, {
              get: (mm, p) => (p === 'setSolution' ? (v: { colValue: Float64Array }) => { starts.push({ data, start: Float64Array.from(v.colValue) }); return mm.setSolution(v); } : bind(mm, p)),
            });
          };
        },
      });
      const comps = componentsV2(m);
      decomposeV2(spy, m, { deadline: performance.now() + 60_000, rowDual: null, warm, relGap: 1e-9, comps });
      // the first pass: every sub once, in order, from the incumbent's part
      expect(starts.length).toBeGreaterThanOrEqual(comps.length);
      let sum = 0;
      comps.forEach((comp, ci) => {
        const { data, start } = starts[ci]!;
        expect(data.numCols).toBe(comp.cols.length);
        // the start meets every row of its sub
        const mx = data.matrix as { starts: Int32Array; indices: Int32Array; values: Float64Array };
        for (let r = 0; r < data.numRows; r++) {
          let a = 0;
          for (let k = mx.starts[r]!; k < mx.starts[r + 1]!; k++) a += mx.values[k]! * start[mx.indices[k]!]!;
          const tol = 1e-6 * Math.max(1, Math.abs(a));
          expect(a).toBeGreaterThanOrEqual(data.rowLower![r]! - tol);
          expect(a).toBeLessThanOrEqual(data.rowUpper![r]! + tol);
        }
        for (let j = 0; j < data.numCols; j++) sum += data.colCost![j]! * start[j]!;
      });
      // a shared system's racks: each sub's share its own units' racks, the shares adding up to the plan's racks unrounded
      for (const g of m.groups) g.r.forEach((c, k) => {
        const holders = comps.map((comp, ci) => ci).filter((ci) => comps[ci]!.cols.includes(c));
        if (holders.length < 2) return;
        let units = 0;
        const own = new Map<number, number>();
        for (const pi of g.pools) {
          const p = m.pools[pi]!;
          let u = 0;
          for (let j = 0; j <= k; j++) if (p.q[j] != null) u += col[p.q[j]!]! * p.R;
          units += u;
          const ci = comps.findIndex((comp) => comp.models.includes(p.model));
          own.set(ci, (own.get(ci) ?? 0) + u);
        }
        const racks = (u: number) => (g.fit.kind === 'per_rack' ? u / g.fit.k : u * g.fit.t);
        let total = 0;
        for (const ci of holders) {
          const v = starts[ci]!.start[comps[ci]!.cols.indexOf(c)]!;
          expect(v).toBeCloseTo(racks(own.get(ci) ?? 0), 9);
          total += v;
        }
        expect(total).toBeCloseTo(racks(units), 9);
        if (m.colCost[c]! > 0 && holders.filter((ci) => (own.get(ci) ?? 0) > 0).length > 1) sharedUsed++;
      });
      // so the starts cost no more than the incumbent (the shared racks counted once, unrounded)
      const inc = objectiveOfV2(m, col);
      expect(sum).toBeLessThanOrEqual(inc + 1e-6 * Math.max(1, Math.abs(inc)));
    }), { numRuns: 12, seed: 11 });
    // cases where both subs hold units of a system whose racks cost
    expect(sharedUsed).toBeGreaterThan(2);
  }, 600_000);
});

describe('when the decomposition is blind to a limit', () => {
  it('atCouplingLimit: a plan within a thousandth of a positive coupling limit; not a limit of 0, not another row', () => {
    const row = (family: string, ub: number) => ({ name: family, family, idx: [0, 1], val: [1, 2], lb: -Infinity, ub }) as unknown as Row;
    const m = (r: Row) => ({ rows: [r] }) as unknown as ModelV2;
    // activity 1 + 2·2 = 5
    expect(atCouplingLimit(m(row('capex', 5)), [1, 2])).toBe(true);
    expect(atCouplingLimit(m(row('budget', 5.004)), [1, 2])).toBe(true);
    expect(atCouplingLimit(m(row('power', 5.01)), [1, 2])).toBe(false);
    expect(atCouplingLimit(m(row('site_racks', 5)), [1, 2])).toBe(true);
    expect(atCouplingLimit(m(row('pool', 5)), [1, 2])).toBe(false);
    expect(atCouplingLimit(m(row('capex', 0)), [0, 0])).toBe(false);
  });
});

describe('time slices of the sub-MILPs', () => {
  it('skips a sub whose share of the time is under half its LP at the full LP\'s rate: no bound, nothing solved', () => {
    const s: Scenario = { interval: 12, penalty: null, capex: null, total: null, power: 400, rackUsd: 0, lists: false, workloads: [
      { avg: 500, growth: 0, model: 'm8', placement: 'any' }, { avg: 900, growth: 2, model: 'm70', placement: 'any' },
    ] };
    const m = buildModelV2(input(s));
    const deadline = performance.now() + 60_000;
    const skipped = decomposeV2(highs, m, { deadline, rowDual: null, warm: null, lpMsPerCol: 1e12 });
    expect(skipped.bound).toBeNull();
    expect(skipped.subs).toBe(0);
    expect(skipped.log.map((l) => l.status)).toEqual(componentsV2(m).map(() => -1));
    const solved = decomposeV2(highs, m, { deadline, rowDual: null, warm: null, lpMsPerCol: 1e-9 });
    expect(solved.subs).toBe(componentsV2(m).length);
    expect(solved.bound).not.toBeNull();
  });
});

describe('the bound of a sub from the LP\'s duals', () => {
  // min x0 + 2 x1 + 3 x2 s.t. x0 + x1 ≥ 1 (row 0), x1 + x2 ≥ 1 (row 1), x in [0, 1], x2 ≥ 0: LP optimum 2 (x1 = 1)
  const rows: Row[] = [
    { name: 'a', family: 'serve', idx: [0, 1], val: [1, 1], lb: 1, ub: Infinity, note: '' },
    { name: 'b', family: 'serve', idx: [1, 2], val: [1, 1], lb: 1, ub: Infinity, note: '' },
  ];
  const m = { numCols: 3, rows, colLower: [0, 0, 0] };
  const one = [{ cols: [0, 1, 2] }];
  const share = (y: number[], upper2 = Infinity, priced = new Set<number>(), comps = one) => lpShares(m, comps, [1, 2, 3], y, priced, [1, 1, upper2]);
  it('hand-computed: prices of the right signs give at most the LP\'s optimum 2; the optimal ones give 2', () => {
    // y = (1, 2): reduced costs 1 − 1 = 0, 2 − 1 − 2 = −1 (at its upper bound 1), 3 − 2 = 1 (at 0): 1 + 2 − 1 = 2
    expect(share([1, 2])[0]).toBeCloseTo(2, 6);
    expect(share([1, 1])[0]).toBeCloseTo(2, 6);
    // a price of the wrong sign on a ≥ row with no upper bound counts as 0: y = (1, 0) gives 1
    expect(share([1, -5])[0]).toBeCloseTo(1, 6);
    // a priced row's dual is already in the costs: it counts as 0 here
    expect(share([1, 1], Infinity, new Set([1]))[0]).toBeCloseTo(1, 6);
    // y = (0, 4): x2's reduced cost is 3 − 4 < 0 with no upper bound: no bound; with x2 ≤ 1 it is 4 − 1 − 2 = 1
    expect(share([0, 4])[0]).toBe(-Infinity);
    expect(share([0, 4], 1)[0]).toBeCloseTo(1, 6);
    // two components {x0, x1} and {x2}: row 1 (≥, dropped terms positive) is held by neither sub and counts as 0 in each: 1 and 0
    expect(share([1, 1], Infinity, new Set(), [{ cols: [0, 1] }, { cols: [2] }]).map((v) => Math.round(v * 1e6) / 1e6)).toEqual([1, 0]);
    // x1 + x2 ≤ 1 instead (a ≤ row: each sub holds its own terms): y = −1 on it counts in both, each as if alone
    const le: Row = { ...rows[1]!, lb: -Infinity, ub: 1 };
    const m2 = { numCols: 3, rows: [rows[0]!, le], colLower: [0, 0, 0] };
    // comp {x0, x1}: 1·1 − 1·1 + d = (0, 2 − 1 + 1 = 2) at 0: 0; comp {x2}: −1 + d2 = 3 + 1 = 4 at 0: −1
    expect(lpShares(m2, [{ cols: [0, 1] }, { cols: [2] }], [1, 2, 3], [1, -1], new Set(), [1, 1, 1]).map((v) => Math.round(v * 1e6) / 1e6 + 0)).toEqual([0, -1]);
  });

  it('subs given no time: the decomposition still bounds every plan, by the LP\'s bound shared among the subs', () => {
    let compared = 0;
    fc.assert(fc.property(scenario, (s) => {
      const inp = input(s);
      const direct = solvePlanV2(highs, inp, { timeLimitS: 60, pipeline: 'direct', relGap: 1e-9, explain: false });
      if (direct.status === 'infeasible') return;
      const opt = direct.objective_usd!;
      const m = buildModelV2(inp, { cuts: false });
      const lp = lpWithCutsV2(highs, m, [], { deadline: performance.now() + 60_000 });
      // every sub skipped (its share of the time under half an LP): each bound is its share of the LP's
      const dec = decomposeV2(highs, m, { deadline: performance.now() + 60_000, rowDual: lp.rowDual, warm: null, lpMsPerCol: 1e12 });
      expect(dec.subs).toBe(0);
      expect(dec.bound).not.toBeNull();
      expect(dec.bound!).toBeLessThanOrEqual(opt + 1e-6 * Math.max(1, Math.abs(opt)));
      // the shares add up to the LP's bound (less what racks shared by two subs count twice)
      const shared = m.groups.some((g) => g.pools.some((pi) => m.pools[pi]!.model !== m.pools[g.pools[0]!]!.model));
      if (!shared) { expect(close(dec.bound!, lp.bound!, 1e-6)).toBe(true); compared++; }
      // with time, each sub's HiGHS bound is at least its share
      const solved = decomposeV2(highs, m, { deadline: performance.now() + 60_000, rowDual: lp.rowDual, warm: null, relGap: 1e-9 });
      expect(solved.bound!).toBeGreaterThanOrEqual(dec.bound! - 1e-6 * Math.max(1, Math.abs(opt)));
      expect(solved.bound!).toBeLessThanOrEqual(opt + 1e-6 * Math.max(1, Math.abs(opt)));
      // the prices: λ ≥ 0 on ≤ rows only
      const pr = couplingPrices(m, lp.rowDual, componentsV2(m));
      for (const i of pr.rows) expect(m.rows[i]!.lb).toBe(-Infinity);
    }), { numRuns: 15, seed: 9 });
    expect(compared).toBeGreaterThan(2);
  }, 600_000);
});

describe('stopping the staged solve', () => {
  const s: Scenario = { interval: 12, penalty: 40_000, capex: 400_000, total: null, power: 60, rackUsd: 900, lists: false, workloads: [
    { avg: 900, growth: 3, model: 'm8', placement: 'any' }, { avg: 2000, growth: 1, model: 'm70', placement: 'onprem' },
    { avg: 400, growth: 5, model: 'm8', placement: 'onprem' }, { avg: 1500, growth: 0, model: 'm70', placement: 'any' },
  ] };

  it('cancelled at its first plan, it returns that plan (or a better one), meeting every row', () => {
    const cancelFlag = new Int32Array(new SharedArrayBuffer(4));
    const seen: number[] = [];
    const plan = solvePlanV2(highs, input(s), {
      timeLimitS: 60, pipeline: 'staged', explain: false, cancelFlag,
      onProgress: (p) => { if (p.incumbentUsd != null) { seen.push(p.incumbentUsd); Atomics.store(cancelFlag, 0, 1); } },
    });
    expect(seen.length).toBeGreaterThan(0);
    expect(plan.objective_usd).not.toBeNull();
    expect(plan.objective_usd!).toBeLessThanOrEqual(Math.min(...seen) + 1e-6);
    const m = buildModelV2(input(s), { bounds: false });
    expect(meetsModel(m, solutionOfPlan(m, plan))).toBe(true);
    // the bound reported never passes the optimum
    const opt = solvePlanV2(highs, input(s), { timeLimitS: 60, pipeline: 'direct', relGap: 1e-9, explain: false });
    expect(opt.status).toBe('optimal');
    if (plan.bound_usd != null) expect(plan.bound_usd).toBeLessThanOrEqual(opt.objective_usd! + 1e-6 * opt.objective_usd!);
  });

  it('cancelled before it starts, it still returns a plan that meets every row', () => {
    const cancelFlag = new Int32Array(new SharedArrayBuffer(4));
    Atomics.store(cancelFlag, 0, 1);
    const plan = solvePlanV2(highs, input(s), { timeLimitS: 60, pipeline: 'staged', explain: false, cancelFlag });
    expect(plan.status).toBe('time_limit');
    const m = buildModelV2(input(s), { bounds: false });
    expect(meetsModel(m, solutionOfPlan(m, plan))).toBe(true);
  });
});

/**
 * HiGHS behind a fake clock (performance.now is mocked): time moves only when a model runs, by
 * `runMs(time_limit it was given)`; every model made and every time_limit handed is recorded with
 * the clock's reading, so the deadline logic is checked without measuring wall time.
 */
function clocked(h: Highs, runMs: (limitS: number) => number) {
  let t = 1_000;
  const made: { at: number; cols: number }[] = [];
  const limits: { at: number; s: number }[] = [];
  const bind = <T extends object>(o: T, p: string | symbol): unknown => { const v: unknown = Reflect.get(o, p); return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(o) : v; };
  const proxy = new Proxy(h, {
    get(target, prop) {
      if (prop !== 'createModel') return bind(target, prop);
      return (data: Parameters<Highs['createModel']>[0]) => {
        const model = target.createModel(data);
        made.push({ at: t, cols: (data as { numCols?: number } | undefined)?.numCols ?? 0 });
        let limit = 1e9;
        const options = new Proxy(model.options, {
          get(o, p) {
            if (p !== 'set') return bind(o, p);
            return (v: Record<string, unknown>) => {
              if (typeof v.time_limit === 'number') { limit = v.time_limit; limits.push({ at: t, s: v.time_limit }); }
              return o.set(v as never);
            };
          },
        });
        return new Proxy(model, {
          get(mm, p) {
            if (p === 'options') return options;
            if (p === 'run') return (cbs?: Parameters<typeof mm.run>[0]) => { const out = mm.run(cbs); t += runMs(limit); return out; };
            return bind(mm, p);
          },
        });
      };
    },
  });
  return { highs: proxy, made, limits, now: () => t };
}

describe('the time limit', () => {
  const s: Scenario = { interval: 12, penalty: 40_000, capex: 400_000, total: null, power: 60, rackUsd: 900, lists: true, workloads: [
    { avg: 900, growth: 3, model: 'm8', placement: 'any' }, { avg: 2000, growth: 1, model: 'm70', placement: 'onprem' },
    { avg: 400, growth: 5, model: 'm8', placement: 'onprem' }, { avg: 1500, growth: 0, model: 'm70', placement: 'any' },
  ] };

  // HiGHS using all of its time limit, and also running 0.4 s past it (its presolve and root LP do not look at the interrupt)
  for (const overrunMs of [0, 400]) {
    it(`every HiGHS run is handed at most the time left, and none starts past the deadline (HiGHS overrunning by ${overrunMs} ms)`, () => {
      const c = clocked(highs, (limitS) => limitS * 1000 + overrunMs);
      const spy = vi.spyOn(performance, 'now').mockImplementation(() => c.now());
      try {
        const t0 = c.now();
        const limitS = 8;
        const plan = solvePlanV2(c.highs, input(s), { timeLimitS: limitS, pipeline: 'staged', explain: false });
        const deadline = t0 + limitS * 1000;
        expect(c.made.length).toBeGreaterThan(1);
        for (const mm of c.made) expect(mm.at).toBeLessThanOrEqual(deadline);
        // HiGHS overrunning its limit never takes the solve past the deadline
        expect(c.now()).toBeLessThanOrEqual(deadline);
        // HiGHS needs a positive limit: 0.01 s is the least it is handed
        for (const l of c.limits) expect(l.s * 1000).toBeLessThanOrEqual(Math.max(10, deadline - l.at) + 1e-6);
        expect(plan.objective_usd).not.toBeNull();
        const m = buildModelV2(input(s), { bounds: false });
        expect(meetsModel(m, solutionOfPlan(m, plan))).toBe(true);
      } finally {
        spy.mockRestore();
      }
    });
  }

  it('the whole-model run tells each better plan HiGHS finds with its columns (solve.ts makes it the incumbent at once)', () => {
    const s: Scenario = { interval: 12, penalty: 40_000, capex: 400_000, total: null, power: 60, rackUsd: 900, lists: true, workloads: [
      { avg: 2500, growth: 3, model: 'm8', placement: 'any' }, { avg: 1800, growth: 5, model: 'm70', placement: 'onprem' }, { avg: 900, growth: 0, model: 'm70', placement: 'any' },
    ] };
    const m = buildModelV2(input(s));
    const told: { o: number; col: Float64Array | null }[] = [];
    const run = runHighs(highs, m, { relGap: 1e-9 }, performance.now() + 60_000, undefined, (o, col) => told.push({ o, col }));
    expect(run.outcome).toBe('solution');
    expect(told.length).toBeGreaterThan(0);
    for (const t of told) {
      expect(t.col).not.toBeNull();
      const sol = solutionFromColumns(m, t.col!);
      expect(meetsModel(m, sol)).toBe(true);
      // HiGHS' own columns cost what it says; the plan read from them (racks and instances made the least they can be) no more
      expect(close(objectiveOfV2(m, t.col!), t.o)).toBe(true);
      expect(objectiveOfV2(m, columnsOfV2(m, sol))).toBeLessThanOrEqual(t.o + 1e-6 * Math.max(1, Math.abs(t.o)));
    }
    // the last told is the plan the run ends with
    expect(close(told.at(-1)!.o, objectiveOfV2(m, run.col!))).toBe(true);
  });

  it('the whole-model run stops once the longest stretch HiGHS went without a callback would end past the deadline', () => {
    // a HiGHS that calls back every 300 ms of a fake clock (and once after a first stretch of
    // `first` ms) until interrupted: with the deadline 1,000 ms after the start, it is stopped at the
    // first callback from which one more such stretch would pass the deadline
    const stoppedAt = (first: number, maxEarlyMs = Infinity): number => {
      let t = 0;
      const fake = {
        ...highs, infinity: highs.infinity, constants: highs.constants,
        createModel: () => ({
          options: { set: () => {} }, setSolution: () => {}, dispose: () => {},
          getModelStatus: () => highs.constants.modelStatus.interrupted, info: { get: () => Number.NaN },
          run: (cbs: Record<number, (e: unknown) => void>) => {
            for (let k = 0, halt = false; !halt && k < 100; k++) {
              t += k === 0 ? first : 300;
              cbs[highs.constants.callbackType.mipInterrupt]!({ data: {}, interrupt: () => { halt = true; } });
            }
          },
        }),
      } as unknown as Highs;
      const spy = vi.spyOn(performance, 'now').mockImplementation(() => t);
      try {
        const run = runHighs(fake, buildModelV2(input(s)), {}, 1_000, undefined, undefined, null, null, maxEarlyMs);
        expect(run.outcome).toBe('none');
        return t;
      } finally {
        spy.mockRestore();
      }
    };
    expect(stoppedAt(300)).toBe(900);
    // a first stretch of 600 ms (presolve): stopped at once
    expect(stoppedAt(600)).toBe(600);
    // stretches of 100 ms after a first one of 100: the 300-ms ones take over the estimate
    expect(stoppedAt(100)).toBe(1_000);
    // never more than maxEarlyMs before the deadline: with 50 ms, on from 900 to 1,200
    expect(stoppedAt(300, 200)).toBe(900);
    expect(stoppedAt(300, 50)).toBe(1_200);
  });

  it('a HiGHS run that may overrun by an LP of its size is told to stop that much sooner, or not started', () => {
    expect(highsOverrunMs(10_000, 0.05)).toBeCloseTo(500);
    expect(highsOverrunMs(10_000, null)).toBe(0);
    expect(timeForHighs(999, 10_000, 0.05)).toBe(false);
    expect(timeForHighs(1_000, 10_000, 0.05)).toBe(true);
    expect(timeForHighs(0, 10, null)).toBe(false);
    // the whole-model run: HiGHS stops the overrun early (its limit is what is left less the overrun)
    const c = clocked(highs, (limitS) => limitS * 1000);
    const spy = vi.spyOn(performance, 'now').mockImplementation(() => c.now());
    try {
      const m = buildModelV2(input(s));
      runHighs(c.highs, m, {}, c.now() + 3_000, undefined, undefined, 1_000 / m.numCols);
      expect(c.limits.at(-1)!.s).toBeCloseTo(2, 6);
    } finally {
      spy.mockRestore();
    }
  });
});
