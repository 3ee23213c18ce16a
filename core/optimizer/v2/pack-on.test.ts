// The packed start's rounds past their deadline (grow.ts PackOptions.until, PACK_ON_SHARE): at a
// short limit the deadline came mid-pack and the plan was the pack cut short (hard 1,000 × 3 at
// 2 s: $5.7–18.7 B against $2.87 B for the pack run on). No wall time is asserted: a deadline
// already past stands for a pack cut short at once.
import { describe, expect, it } from 'vitest';
import { packedStartInput as packInput } from '../fixtures.test-helper.ts';
import { buildModelV2 } from './model.ts';
import { meetsModel } from './extract.ts';
import { PACK_ON_SHARE, packGoesOn, packStart } from './grow.ts';
import { now } from './clock.ts';

describe('the pack past its deadline', () => {
  it('packGoesOn: before any round, and while the last round saved at least PACK_ON_SHARE of the plan', () => {
    expect(packGoesOn(Infinity, 1000)).toBe(true);
    expect(packGoesOn(1000 * (1 + PACK_ON_SHARE), 1000)).toBe(true);
    expect(packGoesOn(1000 * (1 + PACK_ON_SHARE / 2), 1000)).toBe(false);
    expect(packGoesOn(1000, 1000)).toBe(false);
  });

  it('with `until`, a pack whose deadline has passed goes on while its rounds pay; without it, it stops at once', () => {
    const m = buildModelV2(packInput());
    const full = packStart(m)!;
    const cut = packStart(m, { deadline: now() - 1 })!;
    const onTo = packStart(m, { deadline: now() - 1, until: now() + 600_000 })!;
    const atDeadline = packStart(m, { deadline: now() - 1, until: now() - 1 })!;
    // cut short, the pack serves only what must be served; run on, it serves more and costs less
    expect(onTo.obj).toBeLessThan(cut.obj);
    expect(onTo.obj).toBeGreaterThanOrEqual(full.obj - 1e-6 * Math.abs(full.obj));
    expect(atDeadline.obj).toBe(cut.obj);
    for (const E of [onTo, cut]) expect(meetsModel(m, E.solution())).toBe(true);
  });
});
