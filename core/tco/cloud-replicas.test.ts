// Cloud instances of several per replica (units_per_replica R > 1, e.g. the default catalog's
// 405B on 8 one-GPU instances): a rental is a whole number of replicas of R instances sized for
// the load in replicas, P ÷ (u × unit_tps) (DESIGN 5 row 3). bench/trust.ts found the plans the TCO
// module builds (baselines, the tornado's re-rented plan) renting ⌈load ÷ R⌉ replicas, and the
// engine's capacity check comparing instances with replicas (replicas-4 of bench/independent.ts:
// 16 instances for a need of 27 called enough).
import { describe, expect, it } from 'vitest';
import { computeTco } from './engine.ts';
import { assign, instance, makeInput, makePlan, pt } from './fixtures.test-helper.ts';
import { planFromAssignments } from './plan-builder.ts';
import { sensitivity } from './sensitivity.ts';

/** One workload of 1.2 replicas' peak on an instance of R = 4 (500 tok/s a replica). */
function fourPerReplica() {
  const I = { ...instance('I', 3, { m: [pt(50, 500)] }), performance: [{ model: 'm', units_per_replica: 4, points: [pt(50, 500)] }] };
  const input = makeInput({ options: [I], workloads: [{ name: 'W', model: 'm', avg_output_tps: 600, peak_to_avg: 1 }] });
  return { input, a: assign(input, 'W', 'I') };
}

const rent = (instances: number) => Array.from({ length: 12 }, (_, m) => ({ month: m, option: 'I', model: 'm', instances }));

describe('cloud instances of several per replica', () => {
  it('a built plan rents whole replicas for the load in replicas', () => {
    const { input, a } = fourPerReplica();
    const plan = planFromAssignments(input, [a]);
    // 600 ÷ 500 = 1.2 replicas → 2 replicas of 4 instances, every month
    expect(plan.cloud).toHaveLength(12);
    for (const c of plan.cloud) expect(c.instances).toBe(8);
    expect(computeTco(input, plan).capacity_ok).toBe(true);
  });

  it('the engine calls one replica short of a 1.2-replica load', () => {
    const { input, a } = fourPerReplica();
    const plan = { ...makePlan([a]), periods: [{ period: 0, start_month: 0, months: 12 }], cloud: rent(4) };
    const r = computeTco(input, plan);
    expect(r.capacity_ok).toBe(false);
    expect(r.warnings.join(' ')).toContain('need 4.80');
  });

  it('the tornado prices the plan the user has: a price with no line in it leaves the cost where it is', () => {
    const { input, a } = fourPerReplica();
    // the solver's rows: 2 replicas of 4 instances a month
    const plan = { ...makePlan([a]), periods: [{ period: 0, start_month: 0, months: 12 }], cloud: rent(8) };
    const s = sensitivity(input, plan);
    const base = computeTco(input, plan).totals.horizon_cost_usd;
    const row = s.rows.find((r) => r.driver === 'electricity')!;
    expect(row.low.horizon_cost_usd).toBeCloseTo(base, 6);
    expect(row.high.horizon_cost_usd).toBeCloseTo(base, 6);
    const rates = s.rows.find((r) => r.driver === 'cloud_rates')!;
    expect(rates.high.horizon_cost_usd).toBeCloseTo(base * 1.2, 6);
  });
  it('a demand that shrinks towards nothing still rents one whole replica each month it is served (sizing.ts replicaLoad)', () => {
    // 600 tokens/s falling 90 % a month: month 11 asks 600 × 0.1¹¹ = 6e-9 tokens/s, ~1e-11 of a replica
    const I = instance('I', 3, { m: [pt(50, 500)] });
    const input = makeInput({ options: [I], workloads: [{ name: 'W', model: 'm', avg_output_tps: 600, peak_to_avg: 1, monthly_growth_pct: -90 }] });
    const plan = planFromAssignments(input, [assign(input, 'W', 'I')]);
    expect(plan.cloud.map((c) => c.instances)).toEqual([2, ...Array.from({ length: 11 }, () => 1)]);
    expect(computeTco(input, plan).capacity_ok).toBe(true);
  });
});
