// The demo document's plan, solved: it must show what the demo is for — all three tiers served,
// next-generation hardware arriving mid-horizon and taking over a workload, a pruned INT4 variant
// accepted by a workload that lists several models, and the latency-bound workload on premium
// hardware or a premium API in every period.
import loadHighs from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { solvePlanV2 } from '../optimizer/v2/solve.ts';
import { buildSchedule } from '../schedule/schedule.ts';
import { firstUsablePeriod, periodsOf } from '../sizing.ts';
import { computeTco } from '../tco/engine.ts';
import { workloadModels, type PlanResult } from '../types.ts';
import { defaultCatalog } from './index.ts';
import { demoPlanInput } from './demo.ts';

const input = demoPlanInput(defaultCatalog());
let plan: PlanResult;
beforeAll(async () => {
  plan = solvePlanV2(await loadHighs(), input, { timeLimitS: 120 });
}, 180_000);

const byId = new Map(input.catalog.options.map((o) => [o.id, o] as const));

describe('the demo plan', () => {
  it('is phased: several purchase periods, every workload served in each', () => {
    expect(plan.status).toBe('optimal');
    expect(plan.periods.length).toBe(3);
    expect(plan.unserved).toEqual([]);
    expect(plan.assignments).toHaveLength(input.workloads.length * plan.periods.length);
  });

  it('serves workloads on all three tiers', () => {
    expect(new Set(plan.assignments.map((a) => a.tier))).toEqual(new Set(['premium', 'commodity', 'edge']));
  });

  it('has a system that arrives after the start take over a workload', () => {
    const periods = periodsOf(input.settings);
    const takeovers = plan.assignments.filter((a) => {
      const o = byId.get(a.option)!;
      if (o.kind !== 'system' || (firstUsablePeriod(o, input.settings, periods) ?? 0) === 0) return false;
      const before = plan.assignments.find((b) => b.workload === a.workload && b.period === 0)!;
      return before.option !== a.option;
    });
    expect(takeovers.length).toBeGreaterThan(0);
    const t = takeovers[0]!;
    expect(byId.get(t.option)!.available_from! > input.settings.start_month).toBe(true);
    expect(plan.purchases.some((p) => p.option === t.option && p.period > 0)).toBe(true);
    // and the schedule says so in words
    const s = buildSchedule(input, plan, computeTco(input, plan));
    expect(s.moves.some((m) => m.workload === t.workload && m.sentence.includes(byId.get(t.option)!.name))).toBe(true);
  });

  it('serves a workload that lists several models with its pruned INT4 variant', () => {
    const multi = input.workloads.filter((w) => workloadModels(w).length > 1).map((w) => w.name);
    const variant = plan.assignments.filter((a) => multi.includes(a.workload) && /int4/i.test(a.model));
    expect(variant.length).toBeGreaterThan(0);
    const w = input.workloads.find((x) => x.name === variant[0]!.workload)!;
    expect(workloadModels(w)[0]).not.toBe(variant[0]!.model);
  });

  it('keeps the latency-bound workload on premium hardware or a premium API in every period', () => {
    const strict = input.workloads.filter((w) => w.max_latency_ms != null && w.max_latency_ms <= 1000);
    expect(strict.length).toBeGreaterThan(0);
    for (const w of strict) {
      const rows = plan.assignments.filter((a) => a.workload === w.name);
      expect(rows).toHaveLength(plan.periods.length);
      expect(rows.every((a) => a.tier === 'premium' && (a.kind === 'system' || a.kind === 'cloud_api')), w.name).toBe(true);
    }
  });
});
