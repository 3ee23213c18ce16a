// What-if assumptions: the saved settings are a no-op, each assumption reaches the figures it
// names (and the TCO moves accordingly), clamps hold, and the input is never mutated; a horizon
// shorter than the plan's costs only the months inside it.
import loadHighs from 'highs';
import { describe, expect, it } from 'vitest';
import { defaultCatalog, demoPlanInput } from '../catalog/index.ts';
import { solvePlanV2 } from '../optimizer/v2/solve.ts';
import { computeTco } from './engine.ts';
import { assign, instance, makeInput, makePlan, system } from './fixtures.test-helper.ts';
import { planFromAssignments } from './plan-builder.ts';
import { layoutRacks } from './racks.ts';
import { makeScenario } from './test-scenarios.ts';
import { applyAssumptions, assumptionsOf, beyondPlanNote, SETTING_KEYS, whatIfPlan } from './what-if.ts';

describe('applyAssumptions', () => {
  it('the saved settings change nothing, and the input itself is shared, not copied', () => {
    for (const seed of [1, 2, 3]) {
      const { input, plan } = makeScenario(seed);
      const out = applyAssumptions(input, assumptionsOf(input.settings));
      expect(out.settings).toEqual(input.settings);
      expect(out.sites).toBe(input.sites);
      expect(out.workloads).toBe(input.workloads);
      expect(computeTco(out, plan).totals).toEqual(computeTco(input, plan).totals);
    }
  });

  it('applies each assumption to a copy, leaving the input as it was', () => {
    const { input, plan } = makeScenario(4);
    const before = JSON.stringify(input);
    const a = { ...assumptionsOf(input.settings), electricity_factor: 2, pue: 1.4, growth_add_pp: 1.5 };
    const out = applyAssumptions(input, a);
    expect(JSON.stringify(input)).toBe(before);
    expect(out.settings.edge_usd_per_kwh).toBeCloseTo(input.settings.edge_usd_per_kwh * 2, 12);
    out.sites.forEach((s, i) => {
      expect(s.usd_per_kwh).toBeCloseTo(input.sites[i]!.usd_per_kwh * 2, 12);
      expect(s.pue).toBe(1.4);
    });
    out.workloads.forEach((w, i) => expect(w.monthly_growth_pct).toBeCloseTo(input.workloads[i]!.monthly_growth_pct + 1.5, 12));
    // dearer electricity never lowers the cost of the same plan
    const dear = applyAssumptions(input, { ...assumptionsOf(input.settings), electricity_factor: 2 });
    expect(computeTco(dear, plan).totals.undiscounted_usd).toBeGreaterThanOrEqual(computeTco(input, plan).totals.undiscounted_usd);
  });

  it('clamps to what the model accepts', () => {
    const { input } = makeScenario(5);
    const base = assumptionsOf(input.settings);
    const out = applyAssumptions(input, { ...base, horizon_months: 60.4, discount_rate_pct: -3, max_utilization: 1.7, pue: 0.5, growth_add_pp: -500,
      hardware_price_change_pct_per_year: -120, cloud_price_change_pct_per_year: -100 });
    expect(out.settings.hardware_price_change_pct_per_year).toBe(-99);
    expect(out.settings.cloud_price_change_pct_per_year).toBe(-99);
    expect(out.settings.horizon_months).toBe(36);
    expect(out.settings.discount_rate_pct).toBe(0);
    expect(out.settings.max_utilization).toBe(1);
    expect(out.sites.every((s) => s.pue === 1)).toBe(true);
    expect(out.workloads.every((w) => w.monthly_growth_pct === -99.99)).toBe(true);
    const low = applyAssumptions(input, { ...base, horizon_months: 3, max_utilization: 0 });
    expect(low.settings.horizon_months).toBe(12);
    expect(low.settings.max_utilization).toBe(0.01);
  });

  it('price trends re-price the fixed plan: a falling cloud price lowers every month after month 0 by π_cl(m)', () => {
    // one workload on a token API: month m costs its month-0 amount × (1 + r)^(m/12)
    const { input, plan } = makeScenario(3);
    const apiOnly = plan.assignments.some((a) => a.kind === 'cloud_api');
    expect(apiOnly).toBe(true);
    const base = computeTco(input, plan);
    const falling = applyAssumptions(input, { ...assumptionsOf(input.settings), cloud_price_change_pct_per_year: -20 });
    const r = computeTco(falling, plan);
    const H = input.settings.horizon_months;
    const api = (x: typeof r, m: number) => x.months[m]!.lines.api_tokens;
    expect(api(r, 0)).toBeCloseTo(api(base, 0), 9);
    expect(api(r, H - 1)).toBeCloseTo(api(base, H - 1) * Math.pow(0.8, (H - 1) / 12), 6);
    // a hardware trend moves only what is bought: system capex in month 0 stays (π_hw(0) = 1)
    const hw = computeTco(applyAssumptions(input, { ...assumptionsOf(input.settings), hardware_price_change_pct_per_year: -30 }), plan);
    expect(hw.months[0]!.lines.system_capex).toBeCloseTo(base.months[0]!.lines.system_capex, 6);
    expect(hw.totals.horizon_cost_usd).toBeLessThanOrEqual(base.totals.horizon_cost_usd + 1e-6);
  });

  it('the price trends reach the settings, clamped above −100 %/yr, and move the cost of the same plan the way they say', () => {
    const { input, plan } = makeScenario(7);
    const base = assumptionsOf(input.settings);
    const out = applyAssumptions(input, { ...base, hardware_price_change_pct_per_year: -20, cloud_price_change_pct_per_year: 15 });
    expect(out.settings.hardware_price_change_pct_per_year).toBe(-20);
    expect(out.settings.cloud_price_change_pct_per_year).toBe(15);
    const clamped = applyAssumptions(input, { ...base, hardware_price_change_pct_per_year: -250, cloud_price_change_pct_per_year: -100 });
    expect(clamped.settings.hardware_price_change_pct_per_year).toBeGreaterThan(-100);
    expect(clamped.settings.cloud_price_change_pct_per_year).toBeGreaterThan(-100);
    // dearer cloud prices over time never lower the cost of the same plan; cheaper ones never raise it
    const cost = (a: typeof base) => computeTco(applyAssumptions(input, a), plan).totals.undiscounted_usd;
    expect(cost({ ...base, cloud_price_change_pct_per_year: 30 })).toBeGreaterThanOrEqual(cost(base) - 1e-6);
    expect(cost({ ...base, cloud_price_change_pct_per_year: -30 })).toBeLessThanOrEqual(cost(base) + 1e-6);
  });

  it('names as settings exactly the assumptions that are settings', () => {
    const { input } = makeScenario(6);
    const a = assumptionsOf(input.settings);
    for (const k of SETTING_KEYS) expect(a[k]).toBe(input.settings[k]);
    expect(Object.keys(a).filter((k) => k in input.settings).sort()).toEqual([...SETTING_KEYS].sort());
  });
});

describe('a what-if horizon shorter than the plan', () => {
  it('costs the months inside it only: every figure finite, purchases after it left out, nothing credited for them', async () => {
    const highs = await loadHighs();
    const input = demoPlanInput(defaultCatalog());
    const plan = solvePlanV2(highs, input, { timeLimitS: 20 });
    expect(plan.periods.length, 'the demo buys in several periods').toBeGreaterThan(1);
    const full = computeTco(input, plan);
    for (let h = 12; h < input.settings.horizon_months; h++) {
      const r = computeTco(applyAssumptions(input, { ...assumptionsOf(input.settings), horizon_months: h }), plan);
      expect(r.months).toHaveLength(h);
      for (const m of r.months) for (const v of [m.total_usd, ...Object.values(m.lines)]) expect(Number.isFinite(v), `month ${m.month} at ${h} months`).toBe(true);
      expect(Number.isFinite(r.totals.horizon_cost_usd)).toBe(true);
      expect(Number.isFinite(r.totals.capex_usd)).toBe(true);
      // the capex is the purchases of the periods that start inside the horizon
      const inside = full.months.slice(0, h).reduce((a, m) => a + m.lines.system_capex + m.lines.edge_capex, 0);
      expect(r.totals.capex_usd).toBeLessThanOrEqual(inside + 1e-6 * Math.max(1, inside));
      expect(r.totals.horizon_cost_usd).toBeGreaterThan(0);
    }
  }, 120_000);
});

describe('instances rented after a shorter what-if horizon', () => {
  it('are left out: every figure finite, the months inside costed as in the full horizon', () => {
    // the first generated scenario whose plan rents instances after month 11
    const found = Array.from({ length: 400 }, (_, seed) => seed)
      .map((seed) => makeScenario(seed))
      .find((x) => x.plan.cloud.some((c) => c.month >= 12));
    expect(found, 'a generated plan renting instances after month 11').toBeDefined();
    const { input, plan } = found!;
    const full = computeTco(input, plan);
    const h = 12;
    const r = computeTco(applyAssumptions(input, { ...assumptionsOf(input.settings), horizon_months: h }), plan);
    const numbers = (x: unknown): number[] =>
      typeof x === 'number' ? [x] : x && typeof x === 'object' ? Object.values(x).flatMap(numbers) : [];
    const bad = numbers(r).filter((v) => !Number.isFinite(v));
    expect(bad, 'every number of the report is finite').toEqual([]);
    for (let m = 0; m < h; m++) expect(r.months[m]!.lines.cloud_instances).toBe(full.months[m]!.lines.cloud_instances);
  });
});

describe('baselines at a shorter what-if horizon', () => {
  for (const seed of [3, 7, 11, 19]) {
    it(`seed ${seed}: are priced over the periods inside it, not refused for the plan's later ones`, async () => {
      const { randomPhasedPlan } = await import('../schedule/phased-plan.test-helper.ts');
      const { baselineComparisons } = await import('./baselines.ts');
      const { planWithinHorizon } = await import('../plan-periods.ts');
      const { input, plan } = randomPhasedPlan(seed);
      expect(plan.periods.at(-1)!.start_month, 'the plan buys after month 11').toBeGreaterThanOrEqual(12);
      const h = 12;
      const what = applyAssumptions(input, { ...assumptionsOf(input.settings), horizon_months: h });
      const report = computeTco(what, plan);
      // the clipped plan costs the same as the plan itself inside the horizon
      expect(computeTco(what, planWithinHorizon(plan, h)).totals.horizon_cost_usd).toBeCloseTo(report.totals.horizon_cost_usd, 6);
      const cmp = baselineComparisons(what, plan, report);
      for (const c of cmp) {
        // "none" (no API or system serves them) is an answer; a thrown plan error was not
        if (c.baseline.status === 'ok') expect(c.baseline.report!.months).toHaveLength(h);
        else expect(c.baseline.reason ?? '').not.toMatch(/names something the input does not have/);
      }
    });
  }
});

describe('a what-if horizon longer than the plan', () => {
  it('is named: the months after the plan serve no workload', () => {
    const plan = { periods: [{ period: 0, start_month: 0, months: 12 }, { period: 1, start_month: 12, months: 12 }] };
    expect(beyondPlanNote(plan, { horizon_months: 24, start_month: '2027-01' })).toBeNull();
    expect(beyondPlanNote(plan, { horizon_months: 12, start_month: '2027-01' })).toBeNull();
    expect(beyondPlanNote(plan, { horizon_months: 36, start_month: '2027-01' })).toBe(
      'This plan was solved for 24 months (to Dec 2028): in the 12 months after it, its hardware is costed but no workload is served. Save the horizon and re-optimize to plan them.',
    );
    expect(beyondPlanNote(plan, { horizon_months: 25, start_month: '2027-01' })).toContain('in the 1 month after it');
    // rented capacity only: nothing runs on after the plan
    expect(beyondPlanNote({ ...plan, pools: [], edge: [] }, { horizon_months: 36, start_month: '2027-01' })).toContain('nothing is costed and no workload is served');
  });

  it('costs the hardware it keeps in full: its racks go on being rented with its energy and support', () => {
    // bench/trust.ts monthly-1 at 18 months: energy and support ran on, the racks' $3,936 a month stopped
    const input = makeInput({
      options: [system('S')],
      workloads: [{ name: 'W', model: 'm', avg_output_tps: 1500 }],
      sites: [{ name: 'F', it_power_kw: 100, racks: 4, rack_kw: 20, usd_per_rack_month: 1000 }],
    });
    const pools = [{ period: 0, site: 'F', option: 'S', model: 'm', units: 3 }];
    const plan = { ...makePlan([assign(input, 'W', 'S', 'F')], pools, layoutRacks(input, pools)), periods: [{ period: 0, start_month: 0, months: 12 }] };
    const racks = plan.sites.reduce((a, su) => a + su.racks.reduce((b, r) => b + r.spans, 0), 0);
    expect(racks).toBeGreaterThan(0);
    const longer = computeTco(applyAssumptions(input, { ...assumptionsOf(input.settings), horizon_months: 18 }), plan);
    for (const m of [11, 12, 17]) {
      expect(longer.months[m]!.lines.system_energy).toBeGreaterThan(0);
      expect(longer.months[m]!.lines.system_space).toBeCloseTo(racks * 1000, 6);
    }
  });
});

describe('whatIfPlan', () => {
  it('re-rents cloud instances for the demand a growth or utilisation what-if asks, and costs the plan itself otherwise', () => {
    // one workload on a cloud instance: 450 tokens/s a replica at u = 0.9 (500 × 0.9); 400 tokens/s
    // growing 2 % a month needs 1 replica at first, 2 from month 7 (400 × 1.02⁶ = 450.5)
    const input = makeInput({ options: [instance('I', 3)], workloads: [{ name: 'W', model: 'm', avg_output_tps: 400, peak_to_avg: 1, monthly_growth_pct: 0 }], settings: { max_utilization: 0.9 } });
    const plan = planFromAssignments(input, [assign(input, 'W', 'I')]);
    const saved = assumptionsOf(input.settings);
    expect(plan.cloud.every((c) => c.instances === 1)).toBe(true);
    // no demand moved: the plan itself
    for (const a of [saved, { ...saved, discount_rate_pct: 7 }, { ...saved, electricity_factor: 1.3 }]) {
      expect(whatIfPlan(plan, applyAssumptions(input, a), input.settings, a)).toBe(plan);
    }
    // +2 points of growth: the rentals follow, so capacity holds and the rent rises
    const grown = { ...saved, growth_add_pp: 2 };
    const eff = applyAssumptions(input, grown);
    const held = computeTco(eff, plan);
    expect(held.capacity_ok).toBe(false);
    const rerent = computeTco(eff, whatIfPlan(plan, eff, input.settings, grown));
    expect(rerent.capacity_ok).toBe(true);
    expect(whatIfPlan(plan, eff, input.settings, grown).cloud.map((c) => c.instances)).toEqual(Array.from({ length: 12 }, (_, m) => (m < 6 ? 1 : 2)));
    expect(rerent.totals.horizon_cost_usd).toBeGreaterThan(held.totals.horizon_cost_usd);
    // with another horizon too: rented over the plan's own months, so capacity still holds
    for (const horizon_months of [18, 24]) {
      const both = { ...grown, horizon_months };
      const eff3 = applyAssumptions(input, both);
      const r = computeTco(eff3, whatIfPlan(plan, eff3, input.settings, both));
      expect(r.capacity_ok).toBe(true);
      expect(r.totals.horizon_cost_usd).toBeGreaterThan(computeTco(eff3, plan).totals.horizon_cost_usd);
    }
    // a lower utilisation cap: 400 ÷ (500 × 0.7) = 1.14 replicas → 2 every month
    const capped = { ...saved, max_utilization: 0.7 };
    const eff2 = applyAssumptions(input, capped);
    expect(whatIfPlan(plan, eff2, input.settings, capped).cloud.every((c) => c.instances === 2)).toBe(true);
  });
});
