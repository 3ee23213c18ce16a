// sensitivity() derives the price drivers' cases from the plan's cost lines (LINEAR_DRIVERS); on
// random phased plans — several periods, price trends, growth, residual value, PUE near the floor
// of 1, rented instances the plan's own rows over-rent — every case equals one full TCO run of that
// case's input with the instances its demand needs, to the cent, and the rows come by swing.
import { describe, expect, it } from 'vitest';
import { assignmentOf, candidatesFor, periodsOf } from '../sizing.ts';
import { computeTco } from './engine.ts';
import { planFromAssignments } from './plan-builder.ts';
import { LINEAR_DRIVERS, rerented, sensitivity, sensitivityInputs, type SensitivityResult } from './sensitivity.ts';
import { makeInput } from './test-scenarios.ts';
import { rngFrom } from '../rng.ts';
import type { Assignment, PlanInput, PlanResult } from '../types.ts';

/** A generated input, phased (interval 6 or 12 months, price trends), with workloads that move between periods. */
function phasedPlan(seed: number): { input: PlanInput; plan: PlanResult } {
  const rng = rngFrom(seed * 7919);
  const base = makeInput(seed, { horizon: 24 + 12 * Math.floor(rng() * 2), maxWorkloads: 10 });
  const settings = {
    ...base.settings,
    purchase_interval_months: rng() < 0.5 ? 6 : 12,
    hardware_price_change_pct_per_year: rng() < 0.2 ? 0 : Math.round(-30 + rng() * 40),
    cloud_price_change_pct_per_year: rng() < 0.2 ? 0 : Math.round(-25 + rng() * 35),
  };
  const input: PlanInput = { ...base, settings };
  const assignments: Assignment[] = [];
  for (const { workload: w, candidates } of candidatesFor(input)) {
    let c = candidates[Math.floor(rng() * candidates.length)]!;
    for (const p of periodsOf(settings)) {
      if (rng() < 0.3) c = candidates[Math.floor(rng() * candidates.length)]!;
      assignments.push(assignmentOf(w.name, c, p.period));
    }
  }
  const plan = planFromAssignments(input, assignments);
  // a solved plan may rent more than its demand needs: the cases re-rent what theirs needs
  if (rng() < 0.5) plan.cloud = plan.cloud.map((c, i) => (i % 3 === 0 ? { ...c, instances: c.instances + 1 } : c));
  return { input, plan };
}

/** Each case of the result against one full TCO run of its input (the plan re-rented for its demand). */
function expectFullRuns(fast: SensitivityResult, input: PlanInput, plan: PlanResult, pct: number, what: string): void {
  expect(fast.base_usd, what).toBe(computeTco(input, plan).totals.horizon_cost_usd);
  expect(fast.rows.map((r) => r.driver).sort(), `${what}: rows`).toEqual([...new Set(sensitivityInputs(input, pct).map((c) => c.driver))].sort());
  // rows by swing, largest first (swings equal to the cent may come in either order)
  for (const [i, r] of fast.rows.entries()) if (i > 0) expect(r.swing_usd, `${what}: row order`).toBeLessThanOrEqual(fast.rows[i - 1]!.swing_usd + 0.01);
  for (const c of sensitivityInputs(input, pct)) {
    const full = computeTco(c.input, rerented(c.input, plan));
    const side = fast.rows.find((r) => r.driver === c.driver)![c.direction];
    const at = `${what}, ${c.driver} ${c.direction}`;
    expect(Math.abs(side.horizon_cost_usd - full.totals.horizon_cost_usd), `${at}: ${side.horizon_cost_usd} vs ${full.totals.horizon_cost_usd}`).toBeLessThan(0.005);
    expect(Math.abs(side.delta_usd - (full.totals.horizon_cost_usd - fast.base_usd)), at).toBeLessThan(0.005);
    expect([side.factor, side.clamped, side.covers_demand, side.rate_pct], at).toEqual([c.factor, c.clamped, full.capacity_ok, c.rate_pct]);
  }
}

describe('sensitivity: price cases from the cost lines', () => {
  it('equals one full TCO run per case, to the cent, on random phased plans', () => {
    let derived = 0;
    let clampedPue = 0;
    let rerent = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const { input, plan } = phasedPlan(seed);
      const base = computeTco(input, plan);
      expectFullRuns(sensitivity(input, plan, { base }), input, plan, 20, `seed ${seed}`);
      expectFullRuns(sensitivity(input, plan), input, plan, 20, `seed ${seed}, base computed inside`);
      // what the random plans exercised: lines that move, a PUE floored at some site, instances re-rented
      if (base.byLine.some((l) => LINEAR_DRIVERS.hardware!.includes(l.line) && l.horizon_cost_usd !== 0)) derived++;
      if (input.sites.some((s) => s.pue * 0.8 < 1)) clampedPue++;
      if (plan.cloud.some((c, i) => c.instances !== planFromAssignments(input, plan.assignments).cloud[i]?.instances)) rerent++;
    }
    expect(derived).toBeGreaterThan(20);
    expect(clampedPue).toBeGreaterThan(5);
    expect(rerent).toBeGreaterThan(3);
  });

  it('other percentages too: ±5 % and ±50 %', () => {
    for (let seed = 61; seed <= 70; seed++) {
      const { input, plan } = phasedPlan(seed);
      for (const pct of [5, 50]) expectFullRuns(sensitivity(input, plan, { pct }), input, plan, pct, `seed ${seed} ±${pct} %`);
    }
  });
});
