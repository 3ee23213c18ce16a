// The order of polishPlan's moves (lns.ts `cloudsFirst`), and a search from a plan polished to its end
// that does not polish it again (search.ts improve's `polished`): the LP's early rounding on several periods
// has its cloud emptyings (tens of ms) before the relocations (tenths of a second a scan), so that
// the plan they give is shown sooner. The relocations and the polish calls are watched through
// pass-through mocks; the solve runs on a clock that advances by a fixed step at each read.
import loadHighs, { type Highs } from 'highs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { PlanInput } from '../../types.ts';
import { sharedInstanceInput, twoSystemInput } from '../fixtures.test-helper.ts';
import { buildModelV2 } from './model.ts';
import { PlanState } from './repair.ts';
import { meetsModel, objectiveOfV2, columnsOfV2 } from './extract.ts';

const seen = vi.hoisted(() => ({ events: [] as string[], cloudsFirst: [] as boolean[], polishedFrom: [] as unknown[], stop: null as Int32Array | null }));
vi.mock('./relocate.ts', async (importOriginal) => {
  const orig = await importOriginal<typeof import('./relocate.ts')>();
  return { ...orig, relocatePools: (...a: Parameters<typeof orig.relocatePools>) => { seen.events.push('relocate'); return orig.relocatePools(...a); } };
});
vi.mock('./lns.ts', async (importOriginal) => {
  const orig = await importOriginal<typeof import('./lns.ts')>();
  return {
    ...orig,
    // (the solve below is cancelled once a polish ran: what follows is not this test's)
    polishPlan: (...a: Parameters<typeof orig.polishPlan>) => { seen.cloudsFirst.push(a[5] === true); seen.polishedFrom.push(a[1]); const p = orig.polishPlan(...a); if (seen.stop) Atomics.store(seen.stop, 0, 1); return p; },
  };
});
const { polishPlan } = await import('./lns.ts');
const { solvePlanV2, STARTS_LATER_MIN_S } = await import('./solve.ts');
const { improve } = await import('./search.ts');

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

/** The plan of fixtures' sharedInstanceInput with every workload on the cloud instance: only an emptying pays. */
function sharedInstance() {
  const m = buildModelV2(sharedInstanceInput());
  const onCloud = (xi: number) => m.xs[xi]!.cloud != null;
  const s = new PlanState(m, m.byWk.map((byK) => byK.map((xs) => xs.find(onCloud)!))).solution();
  return { m, s, onCloud };
}

describe('polishPlan cloudsFirst', () => {
  it('tells the emptied plan before the relocations run, where by default it comes after them; the same plan either way', () => {
    const plans: Record<string, ReturnType<typeof polishPlan>> = {};
    for (const first of [false, true]) {
      const { m, s, onCloud } = sharedInstance();
      seen.events.length = 0;
      const p = polishPlan(m, s, Infinity, undefined, (t) => { seen.events.push(t.chosen.flat().some((xi) => xi != null && onCloud(xi)) ? 'plan' : 'emptied'); }, first);
      expect(p).not.toBeNull();
      expect(meetsModel(m, p!)).toBe(true);
      expect(objectiveOfV2(m, columnsOfV2(m, p!))).toBeLessThan(objectiveOfV2(m, columnsOfV2(m, s)));
      expect(seen.events).toContain('emptied');
      expect(seen.events.indexOf('emptied') < seen.events.indexOf('relocate')).toBe(first);
      plans[String(first)] = p;
    }
    expect(plans.true).toEqual(plans.false);
  });
});

describe('the LP\'s early rounding', () => {
  it('is polished with the cloud emptyings first', () => {
    // 2 periods, no penalty, at a limit where the starts wait for the LP's early rounding
    const base = twoSystemInput(40);
    const input: PlanInput = { ...base, settings: { ...base.settings, horizon_months: 24, purchase_interval_months: 12, unserved_penalty_usd_per_month: null } };
    const real = performance.now;
    let t = 1e6;
    performance.now = () => (t += 0.05);
    seen.cloudsFirst.length = 0;
    seen.stop = new Int32Array(new SharedArrayBuffer(4));
    let r;
    try {
      r = solvePlanV2(highs, input, { timeLimitS: STARTS_LATER_MIN_S, explain: false, pipeline: 'staged', cancelFlag: seen.stop });
    } finally {
      performance.now = real;
      seen.stop = null;
    }
    expect(r.objective_usd).not.toBeNull();
    // (not vacuous: the early point was rounded into a plan and polished)
    expect(r.stats?.lp_early_ms).toBeDefined();
    expect(seen.cloudsFirst).toEqual([true]);
  });
});

describe('the search from a plan polished to its end (improve\'s `polished`)', () => {
  it('does not polish it again; told nothing of it, the search polishes it first (hard 1,000 × 1: 0.5 s of a short search, for nothing)', () => {
    const { m, s } = sharedInstance();
    const once = polishPlan(m, s, Infinity)!;
    expect(once).not.toBeNull();
    for (const polished of [false, true]) {
      seen.polishedFrom.length = 0;
      const out = improve(highs, m, once, { deadline: performance.now() + 60_000, seed: 1, maxRounds: 1, restart: false, ...(polished ? { polished: true } : {}) });
      expect(meetsModel(m, out)).toBe(true);
      expect(seen.polishedFrom.includes(once)).toBe(!polished);
    }
  });
});
