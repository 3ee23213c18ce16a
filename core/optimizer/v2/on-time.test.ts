// The steps that cannot stop on their own are not begun when they cannot end by their deadline:
// polishPlan's set-up, the search after a polish that reached the deadline, the first LP's start;
// and the solve's stages leave the plan's extraction its time.
// On a model of 291k columns (hard 5,000 workloads × 3 periods) each of these ran 0.05–0.9 s past
// a 5- or 10-s limit. Every test runs on a clock it sets (performance.now, which clock.ts reads),
// never on wall time.
import loadHighs, { type Highs } from 'highs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PlanInput } from '../../types.ts';
import { sharedInstanceInput, twoSystemInput } from '../fixtures.test-helper.ts';
import { buildModelV2 } from './model.ts';
import { PlanState } from './repair.ts';
import { columnsOfV2, extractMs, meetsModel, objectiveOfV2 } from './extract.ts';
import { LP_START_MS_PER_COL, lpWithCutsV2 } from './relax.ts';

const seen = vi.hoisted(() => ({ searched: 0, afterPolish: null as null | (() => void) }));
vi.mock('./lns.ts', async (importOriginal) => {
  const orig = await importOriginal<typeof import('./lns.ts')>();
  return {
    ...orig,
    polishPlan: (...a: Parameters<typeof orig.polishPlan>) => { const p = orig.polishPlan(...a); seen.afterPolish?.(); return p; },
    improveV2: (...a: Parameters<typeof orig.improveV2>) => { seen.searched++; return orig.improveV2(...a); },
  };
});
const { polishPlan, POLISH_SETUP_MS_PER_COL } = await import('./lns.ts');
const { improve } = await import('./search.ts');
const { solvePlanV2 } = await import('./solve.ts');

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

const real = performance.now;
afterEach(() => {
  performance.now = real;
  seen.afterPolish = null;
});
/** A clock that stands at `t` until moved. */
function standingClock(t0: number) {
  const c = { t: t0 };
  performance.now = () => c.t;
  return c;
}

/** fixtures' sharedInstanceInput with every workload on the cloud instance: polishPlan makes it cheaper. */
function sharedInstance() {
  const m = buildModelV2(sharedInstanceInput());
  const s = new PlanState(m, m.byWk.map((byK) => byK.map((xs) => xs.find((xi) => m.xs[xi]!.cloud != null)!))).solution();
  return { m, s };
}
const price = (m: ReturnType<typeof buildModelV2>, s: Parameters<typeof columnsOfV2>[1]) => objectiveOfV2(m, columnsOfV2(m, s));

describe('polishPlan', () => {
  it('does not begin its set-up when it cannot end by the deadline (POLISH_SETUP_MS_PER_COL a column); with the time it takes, the same plan makes a cheaper one', () => {
    const { m, s } = sharedInstance();
    const setup = m.numCols * POLISH_SETUP_MS_PER_COL;
    const clock = standingClock(1e6);
    const told: number[] = [];
    expect(polishPlan(m, s, clock.t + setup / 2, undefined, (_p, o) => { told.push(o); })).toBeNull();
    expect(told).toEqual([]);
    // (not vacuous: given its set-up's time, the polish makes the plan cheaper)
    const p = polishPlan(m, s, clock.t + setup, undefined, (_p, o) => { told.push(o); });
    expect(p).not.toBeNull();
    expect(meetsModel(m, p!)).toBe(true);
    expect(price(m, p!)).toBeLessThan(price(m, s));
    expect(told.length).toBeGreaterThan(0);
  });
});

describe('the improvement search (search.ts improve)', () => {
  it('does not begin the large-neighbourhood search once the polish before it reached the deadline, and returns the polished plan', () => {
    const { m, s } = sharedInstance();
    const clock = standingClock(1e6);
    const deadline = clock.t + 60_000;
    for (const late of [false, true]) {
      seen.searched = 0;
      clock.t = 1e6;
      // (the polish ends past the deadline, or well within it)
      seen.afterPolish = late ? () => { clock.t = deadline + 1; } : null;
      const told: number[] = [];
      const out = improve(highs, m, s, { deadline, seed: 1, maxRounds: 1, restart: false, onImproved: (_p, o) => { told.push(o); } });
      expect(seen.searched).toBe(late ? 0 : 1);
      expect(meetsModel(m, out)).toBe(true);
      // the polish's plan is kept either way
      expect(price(m, out)).toBeLessThan(price(m, s));
      expect(told.at(-1)!).toBeCloseTo(price(m, out), 6);
    }
  });
});

describe('the LP relaxation (lpWithCutsV2)', () => {
  it('is not begun when its start cannot end by the deadline (LP_START_MS_PER_COL a column): no bound rather than one late', () => {
    const m = buildModelV2(twoSystemInput(12));
    const start = m.numCols * LP_START_MS_PER_COL;
    const clock = standingClock(1e6);
    const lp = lpWithCutsV2(highs, m, [], { deadline: clock.t + start / 2 });
    expect(lp.bound).toBeNull();
    expect(lp.rounds).toBe(0);
    // (not vacuous: with the time, the same LP gives its bound)
    expect(lpWithCutsV2(highs, buildModelV2(twoSystemInput(12)), [], { deadline: clock.t + 60_000 }).bound).not.toBeNull();
  });
});

describe('the solve (solvePlanV2)', () => {
  it('ends its stages the plan\'s extraction time (extractMs) before the limit: a solve whose clock stands within that time after the build goes straight to its plan', () => {
    const base = twoSystemInput(40);
    const input: PlanInput = { ...base, settings: { ...base.settings, horizon_months: 24, purchase_interval_months: 12 } };
    const reserve = extractMs(buildModelV2(input));
    expect(reserve).toBeGreaterThan(0);
    const limitS = 10;
    // the solve's first read is its start; every later read stands within the reserve before the limit,
    // creeping on by 1e-5 ms a read (without the reserve the stages run: they see time left)
    let reads = 0;
    const t0 = 1e6;
    performance.now = () => (reads++ === 0 ? t0 : t0 + limitS * 1000 - reserve / 2 + reads * 1e-5);
    const r = solvePlanV2(highs, input, { timeLimitS: limitS, explain: false, pipeline: 'staged' });
    expect(r.objective_usd).not.toBeNull();
    expect(r.stats?.lp_start_ms).toBeUndefined();
    expect(r.stats?.improve_ms).toBeUndefined();
  });
});
