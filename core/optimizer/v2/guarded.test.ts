// HiGHS' presolve claims in the MILP runs other than the whole model's (guarded.ts runMip): the
// decomposition's subs and the search's sub-MILPs. On the small tight scenario at a $600k per-year
// capex budget, HiGHS 1.15.3 with presolve, warm from a $37.65 M plan, "proves" that plan optimal at
// the root; the optimum (HiGHS without presolve) is $32.69 M.
import loadHighs, { type Highs } from 'highs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { ModelData } from 'highs';
import { toModelData } from '../model-data.ts';
import { buildModelV2, type ModelV2 } from './model.ts';
import { componentsV2, decomposeV2, sharedRackCols, subModelV2 } from './decompose.ts';
import { columnsOfV2, objectiveOfV2, solutionFromColumns } from './extract.ts';
import { improveV2, solveSub } from './lns.ts';
import { PRESOLVE_ENUMERATION, RERUN_PRESOLVE, runMip } from './guarded.ts';
import { tightSmallInput, tightYearlyInput } from './tight-small.test-helper.ts';
import { now } from './clock.ts';

// The optimizer's clock counts its reads (clock.ts now(): one tick each), so what it decides by the
// time left (a decomposition sub's re-run "with the time for it", the search's shares of its time)
// does not depend on the machine's load, as it did with deadlines of performance.now() + 120 s. The
// decomposition reads it ~170 times and the search ~700: NO_DEADLINE ticks are never reached, and
// the HiGHS runs under it (time limits: the ticks left ÷ 1000, in seconds) end on their gaps. The
// oracles (HiGHS without presolve) run to their proofs with no time limit: at load 13 the setup's
// took 20-30 s and the yearly scenario's 35-60 s of the 200 s they were allowed before.
const NO_DEADLINE = 1e9;
const clock = vi.hoisted(() => ({ t: 0 }));
vi.mock('./clock.ts', async (importOriginal) => {
  const orig = await importOriginal<typeof import('./clock.ts')>();
  const now = () => ++clock.t;
  return { ...orig, now, stopNow: (deadline: number, flag?: Int32Array) => now() > deadline || orig.cancelled(flag) };
});

let highs: Highs;
let m: ModelV2;
/** HiGHS' first plan without presolve (the $37.65 M plan) and the optimum of the model */
let first: Float64Array;
let optimum: number;
beforeAll(async () => {
  highs = await loadHighs();
  m = buildModelV2(tightSmallInput(600000));
  const r = plainRuns(m);
  optimum = r.optimum;
  first = r.first;
}, 300_000);

/** HiGHS without presolve on `mm`: the optimum, and its first plan (as the plan of a solution). */
function plainRuns(mm: ModelV2): { optimum: number; first: Float64Array } {
  const off = (sols?: number) => {
    const model = highs.createModel(toModelData(mm, highs.infinity));
    try {
      model.options.set({ output_flag: false, presolve: 'off', mip_rel_gap: 1e-6, mip_abs_gap: 1e-6, ...(sols ? { mip_max_improving_sols: sols } : {}) });
      model.run({});
      return { status: model.getModelStatus(), objective: Number(model.info.get('objective_function_value')), col: model.getSolution().colValue };
    } finally {
      model.dispose();
    }
  };
  const opt = off();
  expect(opt.status).toBe(highs.constants.modelStatus.optimal);
  return { optimum: opt.objective, first: columnsOfV2(mm, solutionFromColumns(mm, off(1).col)) };
}

/** The optimum of `data` by HiGHS without presolve. */
function optimumOf(data: ModelData): number {
  const model = highs.createModel(data);
  try {
    model.options.set({ output_flag: false, presolve: 'off', mip_rel_gap: 1e-6, mip_abs_gap: 1e-6 });
    model.run({});
    expect(model.getModelStatus()).toBe(highs.constants.modelStatus.optimal);
    return Number(model.info.get('objective_function_value'));
  } finally {
    model.dispose();
  }
}

const atMost = (b: number, opt: number) => expect(b).toBeLessThanOrEqual(opt + 1e-9 * Math.abs(opt));

describe('a HiGHS presolve claim in a sub-MILP', () => {
  it('is the case at hand: the first plan is dearer than the optimum, and HiGHS with presolve from it claims it optimal', () => {
    expect(objectiveOfV2(m, first)).toBeGreaterThan(optimum * 1.01);
    const r = runMip(highs, toModelData(m, highs.infinity), { options: { output_flag: false, mip_rel_gap: 1e-6, mip_abs_gap: 1e-6 }, presolve: 'choose', start: first, timeLimitS: () => NO_DEADLINE / 1000, halt: () => false, again: () => false });
    // refused, with no time for a run without presolve: no proof, the bound from before the claim
    expect(r.refused).toBe(true);
    expect(r.optimal).toBe(false);
    expect(r.col).not.toBeNull();
    atMost(r.bound!, optimum);
  }, 300_000);

  it('HiGHS with presolve but not its enumeration reduction solves the whole model: the re-run after a refused claim', () => {
    // the case: with its full presolve, HiGHS calls the model infeasible
    const plain = highs.createModel(toModelData(m, highs.infinity));
    try {
      plain.options.set({ output_flag: false, presolve: 'choose' });
      plain.run({});
      expect(plain.getModelStatus()).toBe(highs.constants.modelStatus.infeasible);
    } finally {
      plain.dispose();
    }
    // every run runMip makes, and its options
    const made: Record<string, unknown>[] = [];
    const spy = Object.create(highs) as Highs;
    spy.createModel = (d: ModelData) => {
      const model = highs.createModel(d);
      const set = model.options.set.bind(model.options);
      model.options.set = ((v: Record<string, never>) => { made.push({ ...v }); return set(v); }) as typeof set;
      return model;
    };
    const r = runMip(spy, toModelData(m, highs.infinity), { options: { output_flag: false, mip_rel_gap: 1e-6, mip_abs_gap: 1e-6 }, presolve: 'choose', start: first, timeLimitS: () => NO_DEADLINE / 1000, halt: () => false, again: () => true });
    expect(made.map((o) => [o.presolve, o.presolve_rule_off])).toEqual([['choose', undefined], ['choose', PRESOLVE_ENUMERATION]]);
    expect(r).toMatchObject({ optimal: true, refused: true, runs: 2 });
    expect(r.objective).toBeCloseTo(32_691_429.06, 1);
    expect(r.objective).toBeCloseTo(optimum, 1);
    expect(r.bound!).toBeCloseTo(optimum, 1);
  }, 300_000);

  it('never gives a decomposition sub a bound above the sub\'s optimum, nor the decomposition one above the model\'s', () => {
    const comps = componentsV2(m);
    const shared = sharedRackCols(m, comps);
    const dec = decomposeV2(highs, m, { deadline: now() + NO_DEADLINE, rowDual: null, warm: solutionFromColumns(m, first), comps });
    dec.log.forEach((l, ci) => atMost(l.bound, optimumOf(subModelV2(highs, m, comps[ci]!, shared, m.colCost).data)));
    expect(dec.bound).not.toBeNull();
    atMost(dec.bound!, optimum);
    // with the time for it, the sub ran again without presolve and proved the optimum
    expect(dec.log.some((l) => l.runs > 1)).toBe(true);
  }, 300_000);

  it('never gives the search a bound above the optimum where its sub frees the whole model', () => {
    const res = solveSub(highs, m, Float64Array.from(m.colLower), Float64Array.from(m.colUpper), first, NO_DEADLINE / 1000, 1, { deadline: now() + NO_DEADLINE }, true);
    expect(res.bound).not.toBeNull();
    atMost(res.bound!, optimum);
    expect(res.col).not.toBeNull();
    expect(objectiveOfV2(m, res.col!)).toBeGreaterThanOrEqual(optimum * (1 - 1e-9));
  }, 300_000);

  it('never gives the search a bound above the optimum on its way (a scenario where it happened)', () => {
    // from HiGHS' first plan ($58.18 M), the search's fourth sub-MILP frees all 11 workloads: HiGHS
    // with presolve said the $43,933,432 plan optimal (CBC's optimum: $43,631,978)
    const my = buildModelV2(tightYearlyInput());
    const r = plainRuns(my);
    const bounds: number[] = [];
    improveV2(highs, my, solutionFromColumns(my, r.first), { deadline: now() + NO_DEADLINE, seed: 9, maxRounds: 4, onBound: (b) => bounds.push(b) });
    expect(bounds.length).toBeGreaterThan(0);
    for (const b of bounds) atMost(b, r.optimum);
  }, 300_000);
});

describe('runMip', () => {
  /**
   * A HiGHS whose run with its full presolve (or, when `always`, any presolve) finds a plan of 90,
   * reports the root bound 50, then 90 at the root (a claim), and, when not stopped there, goes on
   * to a plan of 88; whose other runs end optimal at 85 with another plan: the options and starts
   * each run is handed are recorded.
   */
  const scripted = (always = false) => {
    const made: { options: Record<string, unknown>; start: number[] | null }[] = [];
    const ct = highs.constants.callbackType, S = highs.constants.modelStatus;
    const fake = {
      infinity: highs.infinity, constants: highs.constants,
      createModel: () => {
        const rec: (typeof made)[number] = { options: {}, start: null };
        made.push(rec);
        let status: number = S.notSet, info: Record<string, number> = {}, col = [0];
        return {
          options: { set: (v: Record<string, unknown>) => Object.assign(rec.options, v) },
          setSolution: (s: { colValue: ArrayLike<number> }) => { rec.start = Array.from(s.colValue); },
          dispose: () => {},
          getModelStatus: () => status,
          info: { get: (k: string) => info[k] ?? Number.NaN },
          getSolution: () => ({ colValue: Float64Array.from(col) }),
          run: (cbs: Record<number, (e: unknown) => void>) => {
            let stop = false;
            const interrupt = () => { stop = true; };
            const enumeration = (Number(rec.options.presolve_rule_off ?? 0) & PRESOLVE_ENUMERATION) === 0;
            if (rec.options.presolve !== 'off' && (always || enumeration)) {
              cbs[ct.mipImprovingSolution]!({ data: { objective_function_value: 90, mip_solution: Float64Array.of(1) }, interrupt });
              for (const b of [50, 90]) if (!stop) cbs[ct.mipInterrupt]!({ data: { mip_dual_bound: b, mip_primal_bound: 90, mip_node_count: 0n }, interrupt });
              if (!stop) cbs[ct.mipImprovingSolution]!({ data: { objective_function_value: 88, mip_solution: Float64Array.of(4) }, interrupt });
              status = stop ? S.interrupted : S.optimal; col = stop ? [1] : [4];
              const obj = stop ? 90 : 88;
              info = { mip_dual_bound: obj, mip_node_count: 0, primal_solution_status: 2, objective_function_value: obj };
            } else {
              status = S.optimal; col = [2];
              info = { mip_dual_bound: 85, mip_node_count: 7, primal_solution_status: 2, objective_function_value: 85 };
            }
          },
        };
      },
    } as unknown as Highs;
    const data = { numCols: 1, numRows: 0, colCost: Float64Array.of(100), colLower: Float64Array.of(0), colUpper: Float64Array.of(3), rowLower: new Float64Array(0), rowUpper: new Float64Array(0), matrix: { format: 'csr', numRows: 0, numCols: 1, starts: Int32Array.of(0), indices: new Int32Array(0), values: new Float64Array(0) }, integrality: Int32Array.of(1) } as unknown as ModelData;
    return { fake, made, data };
  };
  const base = { options: { mip_rel_gap: 1e-6 }, timeLimitS: () => 10, halt: () => false };

  it('refuses a bound that jumps to the incumbent at the root, and runs again without presolve\'s enumeration from the best plan seen', () => {
    const { fake, made, data } = scripted();
    const bounds: number[] = [];
    const r = runMip(fake, data, { ...base, presolve: 'choose', start: Float64Array.of(3), again: () => true, onBound: (b) => bounds.push(b) });
    expect(made.map((x) => [x.options.presolve, x.options.presolve_rule_off])).toEqual([['choose', undefined], [RERUN_PRESOLVE.presolve, RERUN_PRESOLVE.presolve_rule_off]]);
    // the second run starts from the plan of 90 HiGHS found, not the one of 300 it was given
    expect(made.map((x) => x.start)).toEqual([[3], [1]]);
    expect(made[1]!.options.mip_rel_gap).toBe(1e-6);
    // the claimed 90 is never told (the second run reports no bound to its polls here)
    expect(bounds).toEqual([50]);
    expect(r).toMatchObject({ optimal: true, refused: true, runs: 2, bound: 85, objective: 85 });
    expect(Array.from(r.col!)).toEqual([2]);
  });

  it('refuses the re-run\'s claim too, and runs a third time without presolve', () => {
    const { fake, made, data } = scripted(true);
    const r = runMip(fake, data, { ...base, presolve: 'choose', start: Float64Array.of(3), again: () => true });
    expect(made.map((x) => [x.options.presolve, x.options.presolve_rule_off])).toEqual([['choose', undefined], ['choose', PRESOLVE_ENUMERATION], ['off', undefined]]);
    expect(made.map((x) => x.start)).toEqual([[3], [1], [1]]);
    expect(r).toMatchObject({ optimal: true, refused: true, runs: 3, bound: 85, objective: 85, claim: 'optimal' });
  });

  it('without time for a second run: not stopped at its claim, no proof, the bound from before the claim, the plan it found after it', () => {
    const { fake, made, data } = scripted();
    const r = runMip(fake, data, { ...base, presolve: 'choose', start: Float64Array.of(3), again: () => false });
    expect(made.length).toBe(1);
    expect(r).toMatchObject({ optimal: false, infeasible: false, refused: true, runs: 1, bound: 50, objective: 88, claim: 'optimal' });
    expect(Array.from(r.col!)).toEqual([4]);
  });

  it('a run without presolve is not doubted', () => {
    const { fake, made, data } = scripted();
    const r = runMip(fake, data, { ...base, presolve: 'off', start: null, again: () => true });
    expect(made.length).toBe(1);
    expect(r).toMatchObject({ optimal: true, refused: false, runs: 1, bound: 85 });
  });
});
