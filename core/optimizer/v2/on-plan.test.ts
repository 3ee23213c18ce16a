// SolveV2Options.onPlan: each better plan of a solve as it becomes the incumbent, with the stage
// that made it (benches read the first seconds of a solve from it). On a clock that advances by a
// fixed step at each read, as carried.test.ts does, so no figure depends on the machine's speed.
import loadHighs, { type Highs } from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PlanInput, PlanResult } from '../../types.ts';
import { makeInput, models, system, twoSystemInput } from '../fixtures.test-helper.ts';
import { solvePlanV2, STARTS_LATER_MIN_S, type SolveV2Options } from './solve.ts';

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

function onCountingClock(input: PlanInput, opts: SolveV2Options): PlanResult {
  const real = performance.now;
  let t = 1e6;
  performance.now = () => (t += 0.05);
  try {
    return solvePlanV2(highs, input, { timeLimitS: 1, explain: false, ...opts });
  } finally {
    performance.now = real;
  }
}

describe('onPlan', () => {
  it('tells each cheaper plan once, with its stage and time, the last one the plan the solve returns', () => {
    const base = twoSystemInput(40);
    const input: PlanInput = { ...base, settings: { ...base.settings, horizon_months: 24, purchase_interval_months: 12, unserved_penalty_usd_per_month: 1e6 } };
    const told: { from: string; objective: number; elapsedMs: number }[] = [];
    const progress: number[] = [];
    const r = onCountingClock(input, { pipeline: 'staged', onPlan: (p) => told.push(p), onProgress: (p) => { if (p.incumbentUsd != null && progress.at(-1) !== p.incumbentUsd) progress.push(p.incumbentUsd); } });
    expect(r.objective_usd).not.toBeNull();
    expect(told.length).toBeGreaterThan(0);
    // the first plan is the standalone start's; each later one is cheaper and no earlier
    expect(told[0]!.from).toBe('standalone');
    for (let i = 1; i < told.length; i++) {
      expect(told[i]!.objective).toBeLessThan(told[i - 1]!.objective);
      expect(told[i]!.elapsedMs).toBeGreaterThanOrEqual(told[i - 1]!.elapsedMs);
    }
    expect(told.at(-1)!.objective).toBeCloseTo(r.objective_usd!, 0);
    // the plans told are the incumbents progress shows, in the same order
    expect(told.map((p) => p.objective)).toEqual(progress);
    // each stage's last plan is the one the stats name
    for (const p of told) expect(typeof r.stats?.[`${p.from}_usd`]).toBe('number');
    const last = new Map(told.map((p) => [p.from, p.objective]));
    for (const [from, o] of last) expect(r.stats?.[`${from}_usd`]).toBe(o);
  });

  it('tells none of the plans of the relaxed copies an infeasible scenario is explained with', () => {
    const input = makeInput({
      catalog: { models, options: [system('box', { rack_units: 8, max_power_kw: 10 }, { m70: [{ user_tps: 50, unit_tps: 1000, ttft_ms: 200 }] })] },
      workloads: [{ name: 'w', model: 'm70', avg_output_tps: 5000, placement: 'onprem' }],
      sites: [{ name: 'small', it_power_kw: 1000, racks: 1 }],
    });
    const told: string[] = [];
    const r = solvePlanV2(highs, input, { timeLimitS: 10, onPlan: (p) => told.push(p.from) });
    expect(r.status).toBe('infeasible');
    expect(told).toEqual([]);
  });
});

describe('the site-free start before the LP (SITE_FREE_FIRST_MS)', () => {
  it('several periods without a penalty at a limit where the starts wait for the LP: a plan cheaper than the standalone one comes before the LP\'s first bound', () => {
    // 2 periods, no penalty: the standalone plan (APIs only) meets every row, the sites serve cheaper
    const base = twoSystemInput(40);
    const input: PlanInput = { ...base, settings: { ...base.settings, horizon_months: 24, purchase_interval_months: 12, unserved_penalty_usd_per_month: null } };
    const events: { kind: 'plan' | 'bound'; from?: string; objective?: number }[] = [];
    const flag = new Int32Array(new SharedArrayBuffer(4));
    // stopped at the LP's first bound: what came before it is what a user sees while the LP runs
    const r = onCountingClock(input, {
      pipeline: 'staged', timeLimitS: STARTS_LATER_MIN_S, cancelFlag: flag,
      onPlan: (p) => events.push({ kind: 'plan', from: p.from, objective: p.objective }),
      onProgress: (p) => { if (p.boundUsd != null && !events.some((e) => e.kind === 'bound')) { events.push({ kind: 'bound' }); Atomics.store(flag, 0, 1); } },
    });
    expect(r.status).not.toBe('infeasible');
    const firstBound = events.findIndex((e) => e.kind === 'bound');
    expect(firstBound).toBeGreaterThan(0);
    const before = events.slice(0, firstBound);
    expect(before.map((e) => e.from)).toEqual(['standalone', 'sitefree']);
    expect(before[1]!.objective!).toBeLessThan(before[0]!.objective!);
  });
});
