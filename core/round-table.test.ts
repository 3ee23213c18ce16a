import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roundTable, roundTableFixed } from './round-table.ts';

const sum = (xs: readonly number[]) => xs.reduce((a, x) => a + x, 0);
const rowSums = (t: readonly (readonly number[])[]) => t.map(sum);
const colSums = (t: readonly (readonly number[])[]) => (t[0] ?? []).map((_, j) => sum(t.map((r) => r[j]!)));
const near = (shown: number, value: number) => shown === Math.floor(value) || shown === Math.ceil(value);

describe('roundTable', () => {
  it('makes a plan year add up across as well as down (capex, running, residual)', () => {
    const years = [
      [1_175_800, 269_726.49, 0],
      [500_000, 378_220.32, 0],
      [80_000, 361_671.9, -805_653.33],
    ];
    // by column alone Year 1 read 1,175,800 + 269,727 beside a total of 1,445,526
    const t = roundTable(years);
    rowSums(t).forEach((s, i) => expect(near(s, rowSums(years)[i]!)).toBe(true));
    expect(sum(rowSums(t))).toBe(Math.round(sum(rowSums(years))));
    expect(sum(rowSums(t))).toBe(1_959_765);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(near(t[i]![j]!, years[i]![j]!)).toBe(true);
  });

  it('holds the totals it is asked to hold when it can', () => {
    const years = [
      [1_175_800, 269_726.49, 0],
      [500_000, 378_220.32, 0],
      [80_000, 361_671.9, -805_653.33],
    ];
    const t = roundTable(years, [[[1_445_526, 878_220, -363_981], [1_755_800, null, -805_653]]]);
    expect(rowSums(t)).toEqual([1_445_526, 878_220, -363_981]);
    expect(colSums(t)).toEqual([1_755_800, 1_009_618, -805_653]);
    // totals no table can meet are refused, and roundTable falls back to free ones
    expect(roundTableFixed([[0.5, 0.5]], [5])).toBeNull();
    expect(roundTable([[0.5, 0.5]], [[[5], undefined]])).toEqual([[1, 0]]);
  });

  it('holds every column it is given even when they sum to the table\'s total rounded the other way', () => {
    // a part of a table (the running costs of three plan years, by line) whose columns are another
    // table's cells: $269,726 + $378,220 + $361,672 = $1,009,618 where its own total rounds to $1,009,619
    const running = [
      [24_834.6, 37_251.9, 39_617.1],
      [33_837.09, 42_913.62, 0],
      [9_460.8, 9_460.8, 9_460.8],
      [201_594, 288_594, 312_594],
    ];
    expect(Math.round(sum(running.map(sum)))).toBe(1_009_619);
    const cols = [269_726, 378_220, 361_672];
    const t = roundTableFixed(running, undefined, cols);
    expect(t).not.toBeNull();
    expect(colSums(t!)).toEqual(cols);
    t!.forEach((r, i) => r.forEach((v, j) => expect(near(v, running[i]![j]!)).toBe(true)));
    // rows and columns all fixed to different sums: no table
    expect(roundTableFixed(running, [101_704, 76_751, 28_382, 802_782], cols)).toBeNull();
    expect(rowSums(roundTableFixed(running, [101_703, 76_751, 28_382, 802_782], cols)!)).toEqual([101_703, 76_751, 28_382, 802_782]);
  });

  it('leaves whole numbers and float noise alone', () => {
    expect(roundTable([[100, 200.0000000001], [-50, 0]])).toEqual([[100, 200], [-50, 0]]);
    expect(roundTable([])).toEqual([]);
  });

  it('rounds every cell down or up, every row and column to its total down or up, and the table to its total', () => {
    const value = fc.double({ min: -1e7, max: 1e7, noNaN: true }).map((v) => Math.round(v * 100) / 100);
    const table = fc.integer({ min: 1, max: 6 }).chain((m) => fc.array(fc.array(value, { minLength: m, maxLength: m }), { minLength: 1, maxLength: 10 }));
    fc.assert(
      fc.property(table, (cells) => {
        const t = roundTable(cells);
        cells.forEach((r, i) => r.forEach((v, j) => expect(near(t[i]![j]!, v)).toBe(true)));
        rowSums(t).forEach((s, i) => expect(Math.abs(s - rowSums(cells)[i]!)).toBeLessThan(1 + 1e-6));
        colSums(t).forEach((s, j) => expect(Math.abs(s - colSums(cells)[j]!)).toBeLessThan(1 + 1e-6));
        expect(sum(rowSums(t))).toBe(Math.round(sum(rowSums(cells))) + 0);
      }),
    );
  });
});

describe('roundTable, nearest', () => {
  it('rounds each cell to its nearest dollar unless the totals need it to go the other way', () => {
    // a plan year's lines, $378,734.90 in all: two cells must go up, and they are the two nearest to going up
    const year = [[58_026.24, 286_619.755, 28_435.465, 5_653.44]];
    const t = roundTable(year);
    expect(t).toEqual([[58_026, 286_620, 28_436, 5_653]]);
    expect(roundTable([[0.1, 0.9], [0.9, 0.1]])).toEqual([[0, 1], [1, 0]]);
  });
});
