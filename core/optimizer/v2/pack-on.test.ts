// The packed start's rounds past their deadline (grow.ts PackOptions.until, PACK_ON_SHARE): at a
// short limit the deadline came mid-pack and the plan was the pack cut short (hard 1,000 × 3 at
// 2 s: $3.70–8.14 B against $2.87 B for the pack run on). A counted clock (each now() one tick)
// stands for time: no wall time is asserted.
import { describe, expect, it, vi } from 'vitest';
import { packedStartInput } from '../fixtures.test-helper.ts';
import { buildModelV2 } from './model.ts';
import { meetsModel } from './extract.ts';
import { PACK_ON_SHARE, packGoesOn, packStart } from './grow.ts';

const clock = vi.hoisted(() => ({ t: 0 }));
vi.mock('./clock.ts', async (importOriginal) => {
  const orig = await importOriginal<typeof import('./clock.ts')>();
  const now = () => ++clock.t;
  return { ...orig, now, stopNow: (deadline: number, flag?: Int32Array) => now() > deadline || orig.cancelled(flag) };
});

// the packed start's fixture with 120 workloads: a pack of several rounds
const packInput = () => {
  const i = packedStartInput();
  const base = i.workloads;
  const workloads = Array.from({ length: 120 }, (_, j) => ({ ...base[j % base.length]!, id: `w${j}`, name: `w${j}`, avg_output_tps: base[j % base.length]!.avg_output_tps * (0.3 + ((j * 37) % 100) / 100) }));
  return { ...i, workloads, settings: { ...i.settings, capex_budget_usd: i.settings.capex_budget_usd! * 20 }, sites: i.sites.map((s) => ({ ...s, it_power_kw: s.it_power_kw * 20, racks: s.racks * 20 })) };
};

describe('the pack past its deadline', () => {
  it('packGoesOn: while the last round saved at least PACK_ON_SHARE of the plan, not before a round is made', () => {
    expect(packGoesOn(Infinity, 1000)).toBe(false);
    expect(packGoesOn(1000 * (1 + PACK_ON_SHARE), 1000)).toBe(true);
    expect(packGoesOn(1000 * (1 + PACK_ON_SHARE / 2), 1000)).toBe(false);
    expect(packGoesOn(1000, 1000)).toBe(false);
  });

  it('with `until`, a pack whose deadline comes after a round goes on while its rounds pay; without it, it stops there', () => {
    const m = buildModelV2(packInput());
    clock.t = 0;
    const full = packStart(m)!;
    // the ticks a whole pack takes
    const ticks = clock.t;
    let ranOn = 0, stoppedEarly = 0;
    for (let i = 1; i < 20; i++) {
      const at = Math.floor((ticks * i) / 20);
      clock.t = 0;
      const cut = packStart(m, { deadline: at })!;
      clock.t = 0;
      const onTo = packStart(m, { deadline: at, until: Infinity })!;
      clock.t = 0;
      const atDeadline = packStart(m, { deadline: at, until: at })!;
      expect(atDeadline.obj).toBe(cut.obj);
      expect(onTo.obj).toBeLessThanOrEqual(cut.obj);
      expect(onTo.obj).toBeGreaterThanOrEqual(full.obj - 1e-6 * Math.abs(full.obj));
      if (onTo.obj < cut.obj) ranOn++;
      else if (cut.obj > full.obj) stoppedEarly++;
      for (const E of [onTo, cut]) expect(meetsModel(m, E.solution())).toBe(true);
    }
    // some deadlines come after a round that paid: run on, the pack serves more and costs less
    expect(ranOn).toBeGreaterThan(0);
    // a deadline within the first round stops the pack there as before (packGoesOn)
    expect(stoppedEarly).toBeGreaterThan(0);
  });
});
