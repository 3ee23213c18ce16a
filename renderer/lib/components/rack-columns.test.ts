// Which racks a site's elevation draws when only a few fit: every rack type in use first.
import { describe, expect, it } from 'vitest';
import type { RackLayout } from '../../../core/types.ts';
import { pickRacks, rackColumns } from './rack-columns.ts';

const rack = (option: string, model = 'm', spans = 1): RackLayout => ({ option, units: [{ option, model }], u_used: 10, kw_used: 10, spans });

describe('pickRacks', () => {
  it("draws both B200 racks of a site whose first six racks are SambaNova", () => {
    // 8 of 10 racks in use: six SN40L then two B200; six positions fit
    const cols = rackColumns([...Array.from({ length: 6 }, () => rack('sn40l')), rack('b200'), rack('b200')], 8, 10);
    const pick = pickRacks(cols, 6);
    const drawn = pick.shown.map((c) => (c.kind === 'empty' ? 'empty' : c.layout.option));
    expect(drawn.filter((o) => o === 'b200').length).toBeGreaterThan(0);
    expect(drawn).not.toContain('empty');
    expect(drawn).toHaveLength(6);
    // drawn in site order, at consecutive positions, with their own rack numbers
    expect(pick.shown.map((c) => c.pos)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(pick.shown.map((c) => c.index)).toEqual([0, 1, 2, 3, 4, 6]);
    expect([pick.hiddenUsed, pick.hiddenEmpty, pick.reordered]).toEqual([2, 2, true]);
  });

  it('draws racks in use before empty ones, and everything when it fits', () => {
    const cols = rackColumns([rack('a'), rack('a', 'q')], 2, 1000);
    const few = pickRacks(cols, 6);
    expect(few.shown.map((c) => c.kind)).toEqual(['rack', 'rack', 'empty', 'empty', 'empty', 'empty']);
    expect([few.hiddenUsed, few.hiddenEmpty, few.reordered]).toEqual([0, 994, false]);
    const all = pickRacks(rackColumns([rack('a')], 1, 3), 24);
    expect([all.positions, all.hiddenUsed, all.hiddenEmpty]).toEqual([3, 0, 0]);
  });

  it('counts a tall unit by the racks it spans, and racks in use the layout does not list as hidden', () => {
    const cols = rackColumns([rack('nvl', 'm', 2), rack('nvl', 'm', 2), rack('b200')], 5, 6);
    expect(cols.map((c) => [c.kind, c.index])).toEqual([['tall', 0], ['tall', 2], ['rack', 4], ['empty', 5]]);
    const pick = pickRacks(cols, 3, 0);
    // one of each type: a tall NVL (2 positions) and the B200 rack
    expect(pick.shown.map((c) => [c.kind, c.index, c.pos])).toEqual([['tall', 0, 0], ['rack', 4, 2]]);
    expect([pick.positions, pick.hiddenUsed, pick.hiddenEmpty]).toEqual([3, 2, 1]);
    expect(pickRacks(cols, 24, 1).hiddenUsed).toBe(1);
  });

  it('draws a few racks of a site of 1,000,000 racks, and of a plan with many racks in use, counting the rest', () => {
    // (a site may have up to 1,000,000 racks, and an optimised plan is not held to a layout size:
    // the empty racks were pushed as one spread, which overflowed the stack from ~130,000 of them)
    const big = pickRacks(rackColumns([rack('a'), rack('b'), rack('a')], 3, 1_000_000), 6);
    expect(big.shown.map((c) => (c.kind === 'empty' ? 'empty' : c.layout.option))).toEqual(['a', 'b', 'a', 'empty', 'empty', 'empty']);
    expect([big.hiddenUsed, big.hiddenEmpty]).toEqual([0, 999_994]);
    const used = Array.from({ length: 50_000 }, (_, i) => rack(i === 49_999 ? 'b' : 'a'));
    const many = pickRacks(rackColumns(used, 50_000, 200_000), 6);
    // one rack of each type first: the last rack, of the other type, among the six
    expect(many.shown.map((c) => [c.kind, c.index])).toEqual([['rack', 0], ['rack', 1], ['rack', 2], ['rack', 3], ['rack', 4], ['rack', 49_999]]);
    expect([many.hiddenUsed, many.hiddenEmpty, many.reordered]).toEqual([49_994, 150_000, true]);
  });
});
