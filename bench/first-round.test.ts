// The LP stage's first cut round on a generated scenario (bench/scenarios.ts roomy 50 × 3 periods, as
// the 1,000-workload ones whose 2-s bound was the first LP's): the cuts of the options the LP moves
// the load to (model.ts ESCAPE_PER_WORKLOAD) lift it in that round, and a round cut short still
// raises the bound by its duals so far (relax.ts stoppedBound). Counted, not timed: the round is
// cut after a number of simplex iterations.
import loadHighs, { type Highs, type HighsCallbackMap } from 'highs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { exactLpV2 } from '../core/optimizer/v2/lp.ts';
import { buildModelV2, cutPoolV2, type CutPoolV2 } from '../core/optimizer/v2/model.ts';
import { lpWithCutsV2 } from '../core/optimizer/v2/relax.ts';
import { generateScenario, probeFeatures } from './scenarios.ts';

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

const input = () => generateScenario({ n: 50, kind: 'roomy', periods: 3 }, probeFeatures(exactLpV2)).input;
const far = () => performance.now() + 120_000;

/**
 * HiGHS' models with every run after the first (the cut rounds) interrupted after `after` simplex
 * iterations (Infinity: never), as a deadline or a cancel cuts one; `counted` gets each run's iterations.
 */
function interrupting(after: number, counted: number[]) {
  const create = highs.createModel.bind(highs);
  return vi.spyOn(highs, 'createModel').mockImplementation((...a: Parameters<Highs['createModel']>) => {
    const model = create(...a);
    const run = model.run.bind(model);
    let runs = 0;
    model.run = (cbs?: HighsCallbackMap) => {
      const cut = runs++ > 0;
      let n = 0;
      try {
        return run({ ...cbs, [highs.constants.callbackType.simplexInterrupt](e) { n++; if (cut && n > after) e.interrupt(); } });
      } finally {
        counted.push(n);
      }
    };
    return model;
  });
}

describe('the LP stage\'s first cut round (roomy 50 × 3 periods)', () => {
  it('with the cuts of the options the LP moves the load to, the round lifts the bound several-fold', () => {
    const first = (escapes: boolean) => {
      const m = buildModelV2(input(), { cuts: false });
      const inner = cutPoolV2(m);
      // the pool as it was: the violated cuts alone
      const pool: CutPoolV2 = escapes ? inner : { get size() { return inner.size; }, violated: (col, max) => inner.violated(col, max) };
      const bounds: number[] = [];
      lpWithCutsV2(highs, m, pool, { deadline: far(), maxRounds: 1, onBound: (b) => bounds.push(b) });
      return bounds;
    };
    const [lp0, without] = first(false), [lp0b, withEscapes] = first(true);
    expect(lp0b).toBeCloseTo(lp0!, 2);
    expect(without! / lp0!).toBeLessThan(1.1); // $4.8 M → $4.9 M
    expect(withEscapes! / lp0!).toBeGreaterThan(5); // $4.8 M → $76.9 M
  });

  it('a cut round stopped part way bounds above the last optimum and below the round\'s own', () => {
    const counted: number[] = [];
    const full = (() => {
      const spy = interrupting(Infinity, counted);
      try {
        const m = buildModelV2(input(), { cuts: false });
        return lpWithCutsV2(highs, m, cutPoolV2(m), { deadline: far(), maxRounds: 1 });
      } finally {
        spy.mockRestore();
      }
    })();
    const iterations = counted[1]!;
    expect(iterations).toBeGreaterThan(20);
    const bounds: number[] = [];
    const spy = interrupting(Math.floor(iterations / 2), []);
    try {
      const m = buildModelV2(input(), { cuts: false });
      const lp = lpWithCutsV2(highs, m, cutPoolV2(m), { deadline: far(), maxRounds: 1, onBound: (b) => bounds.push(b) });
      const [lp0] = bounds;
      expect(lp.bound!).toBeGreaterThan(lp0! * 1.5);
      expect(lp.bound!).toBeLessThanOrEqual(full.bound! * (1 + 1e-9));
      expect(bounds.at(-1)).toBe(lp.bound); // told as it was raised
      // the point and duals stay the first LP's (the round gave no optimum)
      expect(lp.col).not.toBeNull();
    } finally {
      spy.mockRestore();
    }
  });
});
