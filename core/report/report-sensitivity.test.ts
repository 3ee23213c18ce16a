// The report's sensitivity equals the full computation (one TCO run per case) on random phased
// plans — several periods, price trends, growth, residual value, PUE near the floor of 1, rented
// instances the plan's own rows over-rent — case by case to the cent, with the same rows, labels
// and notes in the same order.
import { describe, expect, it } from 'vitest';
import { assignmentOf, candidatesFor, periodsOf } from '../sizing.ts';
import { computeTco } from '../tco/engine.ts';
import { planFromAssignments } from '../tco/plan-builder.ts';
import { sensitivity, type SensitivityResult } from '../tco/sensitivity.ts';
import { makeInput, rngFrom } from '../tco/test-scenarios.ts';
import type { Assignment, PlanInput, PlanResult } from '../types.ts';
import { LINEAR_DRIVERS, reportSensitivity } from './report-sensitivity.ts';

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

function expectSame(fast: SensitivityResult, full: SensitivityResult, what: string): void {
  expect(fast.base_usd, what).toBe(full.base_usd);
  // rows by swing, largest first; swings equal to the cent (PUE and electricity without edge
  // energy, say) may come in either order, as rounding in either computation has it
  const order = (x: SensitivityResult) => x.rows.map((r) => `${Math.round(r.swing_usd * 100)} ${r.driver}`).sort();
  expect(order(fast), `${what}: rows`).toEqual(order(full));
  for (const [i, r] of fast.rows.entries()) if (i > 0) expect(r.swing_usd, `${what}: row order`).toBeLessThanOrEqual(fast.rows[i - 1]!.swing_usd + 0.01);
  for (const r of fast.rows) {
    const f = full.rows.find((x) => x.driver === r.driver)!;
    const at = `${what}, ${r.driver}`;
    for (const side of ['low', 'high'] as const) {
      expect(Math.abs(r[side].horizon_cost_usd - f[side].horizon_cost_usd), `${at} ${side}: ${r[side].horizon_cost_usd} vs ${f[side].horizon_cost_usd}`).toBeLessThan(0.005);
      expect({ ...r[side], horizon_cost_usd: 0, delta_usd: 0 }, at).toEqual({ ...f[side], horizon_cost_usd: 0, delta_usd: 0 });
    }
    expect([r.label, r.display_label, r.effect, r.note], at).toEqual([f.label, f.display_label, f.effect, f.note]);
  }
}

describe('reportSensitivity', () => {
  it('equals one full TCO run per case, to the cent, on random phased plans', () => {
    let derived = 0;
    let clampedPue = 0;
    let rerent = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const { input, plan } = phasedPlan(seed);
      const base = computeTco(input, plan);
      const fast = reportSensitivity(input, plan, base);
      expectSame(fast, sensitivity(input, plan), `seed ${seed}`);
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
      for (const pct of [5, 50]) expectSame(reportSensitivity(input, plan, computeTco(input, plan), pct), sensitivity(input, plan, { pct }), `seed ${seed} ±${pct} %`);
    }
  });
});
