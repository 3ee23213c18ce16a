// Rack layouts stay bounded: a plan's layout never overflows the stack or grows without limit
// with a demand figure; an absurd unit count is refused with a message naming the site.
import loadHighs from 'highs';
import { describe, expect, it } from 'vitest';
import { FleetError } from '../api.ts';
import { solvePlanV2 } from '../optimizer/v2/solve.ts';
import { WorkloadSchema } from '../types.ts';
import { baselineComparisons, systemBaseline } from './baselines.ts';
import { computeTco } from './engine.ts';
import { api, assign, instance, makeInput, makePlan, pt, system } from './fixtures.test-helper.ts';
import { layoutRacks, MAX_LAYOUT_UNITS } from './racks.ts';
import { sensitivity } from './sensitivity.ts';

const input = makeInput({
  models: ['m'],
  options: [system('S', { rack_units: 40 }, { m: [pt(50, 1000)] })], // one unit a rack: one layout entry per unit
  workloads: [{ name: 'W', model: 'm', avg_output_tps: 1 }],
  sites: [{ name: 'F', it_power_kw: 1e6, racks: 1e6, rack_kw: 1000 }],
});

describe('layoutRacks bounds', () => {
  it('lays out 190,000 one-unit racks (more than a spread call can take) without a stack overflow', () => {
    const sites = layoutRacks(input, [{ period: 0, site: 'F', option: 'S', model: 'm', units: 190_000 }]);
    expect(sites[0]!.racks.reduce((a, r) => a + r.units.length, 0)).toBe(190_000);
  });

  it('refuses 1e8 and 1e14 units with a message instead of exhausting the heap', () => {
    for (const units of [1e8, 1e14, Infinity]) {
      let err: unknown;
      try {
        layoutRacks(input, [{ period: 0, site: 'F', option: 'S', model: 'm', units }]);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(FleetError);
      expect((err as Error).message).toMatch(new RegExp(`site "F" would need .* more than FleetPlan lays out \\(${MAX_LAYOUT_UNITS.toLocaleString('en-US')}\\)`));
    }
  });

  it('the workload demand that produced such plans is refused at the boundary', () => {
    for (const v of [1e14, 1e9]) {
      const r = WorkloadSchema.safeParse({ name: 'w', model: 'm', avg_output_tps: v });
      expect(r.success).toBe(false);
      expect(r.error?.issues[0]).toMatchObject({ path: ['avg_output_tps'], message: 'must be ≤ 100,000,000' });
    }
  });
});

describe('a plan or a baseline beyond the layout limit (a 1.5 M-unit plan was solved, then tco and report exited 2)', () => {
  // The optimiser lays out its own plans, without MAX_LAYOUT_UNITS: 1e7 tok/s × peak 1.5 on a system of
  // 10 tok/s a unit (U 1, 0 kW) at a site of 1e6 racks is a plan of 1.5 M units. Its TCO must be costed.
  const bigSite = { name: 'F', it_power_kw: 1e6, racks: 1_000_000, rack_kw: 1000 };
  it('a solved plan of 250,000 units at one site lists every unit in its layout, and is costed', async () => {
    // MAX_LAYOUT_UNITS bounds the layouts the TCO module builds, not the optimiser's plans (docs/limits.md):
    // W needs 1e6 ÷ 4 = 250,000 units of S (U 1, 0 kW), 42 a rack: ⌈250,000 ÷ 42⌉ = 5,953 racks
    const box = system('S', { rack_units: 1, max_power_kw: 0, typical_power_kw: 0, price_usd: 1 }, { m: [pt(50, 4)] });
    const input = makeInput({ options: [box], workloads: [{ name: 'W', model: 'm', avg_output_tps: 1e6, peak_to_avg: 1 }], sites: [bigSite] });
    const plan = solvePlanV2(await loadHighs(), input, { timeLimitS: 60, explain: false });
    expect(plan.status).toBe('optimal');
    const units = plan.pools.reduce((a, p) => a + p.units, 0);
    expect(units).toBe(250_000);
    expect(units).toBeGreaterThan(MAX_LAYOUT_UNITS);
    // the layout is the whole plan, not a part of it: every unit listed, the racks in use counted from it
    const [use] = plan.sites;
    expect(use!.racks.reduce((a, r) => a + r.units.length, 0)).toBe(250_000);
    expect(use!.racks.reduce((a, r) => a + r.spans, 0)).toBe(5_953);
    expect(use!.racks_used).toBe(5_953);
    const r = computeTco(input, plan);
    expect(r.totals.horizon_cost_usd).toBeCloseTo(plan.totals.horizon_cost_usd, 4);
  });

  it('baseline (b) whose one system type would need more units than the layout lists is "none", naming the count; a type within it is chosen', () => {
    // the plan serves W on the API; (b) puts W on a system: on T (10 tok/s) ⌈1e6 × 1.5 ÷ 10⌉ = 150,000
    // units; on S (1 tok/s) 1,500,000 units, beyond MAX_LAYOUT_UNITS
    const tiny = system('S', { rack_units: 1, max_power_kw: 0, typical_power_kw: 0, price_usd: 1 }, { m: [pt(50, 1)] });
    const input = makeInput({ options: [tiny, api('A', 1, 0)], workloads: [{ name: 'W', model: 'm', avg_output_tps: 1e6 }], sites: [bigSite] });
    const plan = makePlan([assign(input, 'W', 'A')]);
    const b = systemBaseline(input, plan);
    expect(b.status).toBe('none');
    expect(b.reason).toBe(`site "F" would need 1,500,000 system units, more than FleetPlan lays out (${MAX_LAYOUT_UNITS.toLocaleString('en-US')}); check the workloads' demand and the catalog's unit throughput`);
    expect(baselineComparisons(input, plan).map((c) => c.baseline.status)).toEqual(['ok', 'none']);

    const ten = system('T', { rack_units: 1, max_power_kw: 0, typical_power_kw: 0, price_usd: 1000 }, { m: [pt(50, 10)] });
    const input2 = makeInput({ options: [tiny, ten, api('A', 1, 0)], workloads: [{ name: 'W', model: 'm', avg_output_tps: 1e6 }], sites: [bigSite] });
    const b2 = systemBaseline(input2, makePlan([assign(input2, 'W', 'A')]));
    expect(b2.status).toBe('ok');
    expect(b2.system).toEqual({ option: 'T', site: 'F' });
    expect(b2.plan!.pools.reduce((a, p) => a + p.units, 0)).toBe(150_000);
  });

  it('baseline (a) that keeps a plan pool of 250,000 units (its workload fits no API) is "none", naming the count', () => {
    // W (model m2, which no API serves) keeps its 250,000 units of S; V moves to the API
    const box = system('S', { rack_units: 1, max_power_kw: 0, typical_power_kw: 0, price_usd: 1 }, { m: [pt(50, 4)], m2: [pt(50, 4)] });
    const input = makeInput({
      models: ['m', 'm2'],
      options: [box, api('A', 1, 0)],
      workloads: [{ name: 'W', model: 'm2', avg_output_tps: 1e6, peak_to_avg: 1 }, { name: 'V', model: 'm', avg_output_tps: 4, peak_to_avg: 1 }],
      sites: [bigSite],
    });
    const pools = [{ period: 0, site: 'F', option: 'S', model: 'm2', units: 250_000 }, { period: 0, site: 'F', option: 'S', model: 'm', units: 1 }];
    const plan = makePlan([assign(input, 'W', 'S', 'F'), assign(input, 'V', 'S', 'F')], pools);
    const [a] = baselineComparisons(input, plan);
    expect(a!.baseline.status).toBe('none');
    expect(a!.baseline.reason).toMatch(/^site "F" would need 250,000 system units, more than FleetPlan lays out/);
  });

  it('the sensitivity of a plan of 250,000 system units that also rents cloud instances re-rents them without laying out its racks', () => {
    const box = system('S', { rack_units: 1, max_power_kw: 0, typical_power_kw: 0, price_usd: 1 }, { m: [pt(50, 4)] });
    const input = makeInput({
      options: [box, instance('I', 2)],
      workloads: [{ name: 'W', model: 'm', avg_output_tps: 1e6, peak_to_avg: 1 }, { name: 'V', model: 'm', avg_output_tps: 1000, peak_to_avg: 1 }],
      sites: [bigSite],
    });
    // W: 1e6 ÷ 4 = 250,000 units at 42 a rack, ⌈250,000 ÷ 42⌉ = 5,953 racks; V: 1000 ÷ 500 = 2 instances a month
    const pools = [{ period: 0, site: 'F', option: 'S', model: 'm', units: 250_000 }];
    const plan = makePlan([assign(input, 'W', 'S', 'F'), assign(input, 'V', 'I')], pools, [{ site: 'F', period: 0, power_kw_used: 0, power_kw_limit: 1e6, racks_used: 5953, racks_limit: 1_000_000, racks: [] }]);
    plan.cloud = Array.from({ length: 12 }, (_, month) => ({ month, option: 'I', model: 'm', instances: 2 }));
    const r = sensitivity(input, plan);
    // utilisation 0.8: W's 250,000 units fall short (1e6 ÷ (0.8 × 4) = 312,500), V is re-rented
    expect(r.rows.find((x) => x.driver === 'utilization')!.effect).toBe('breaks_plan');
    // ±20 % on 2 instances × $2 × 730 h × 12 months = $35,040: ±$7,008
    expect(r.rows.find((x) => x.driver === 'cloud_rates')!.swing_usd).toBeCloseTo(2 * 7008, 6);
  });
});
