import { describe, expect, it } from 'vitest';
import { lpPointsToRound } from './solve.ts';

// The LP's points a cut round apart round to very different plans (bench/independent.ts monthly-big-13:
// the first round's point to $743.4 M, the second's to $768.9 M), so the point the LP stopped at is not
// the only one rounded.
describe('lpPointsToRound', () => {
  const last = { col: new Float64Array([0.5, 1]) };
  const first = { col: new Float64Array([0.25, 1]) };

  it('rounds the first cut round\'s point after the last one', () => {
    expect(lpPointsToRound(last, first, null)).toEqual([last, first]);
    expect(lpPointsToRound(last, first, null)[1]).toBe(first);
  });

  it('rounds one point where the LP stopped after its first cut round', () => {
    expect(lpPointsToRound(last, last, null)).toEqual([last]);
    expect(lpPointsToRound(last, null, null)).toEqual([last]);
  });

  it('leaves the early rounding\'s point and, after one, the first round\'s', () => {
    expect(lpPointsToRound(last, first, last.col)).toEqual([]);
    const early = new Float64Array([0.4, 1]);
    expect(lpPointsToRound(last, first, early)).toEqual([last]);
  });
});
