// Scenario comparison rows: values, best/worst, differences from the first scenario.
import { describe, expect, it } from 'vitest';
import { compareScenarios, npvAt } from './compare.ts';
import { computeTco } from './engine.ts';
import { api, assign, makeInput, makePlan, system } from './fixtures.test-helper.ts';
import { layoutRacks } from './racks.ts';

const F = { name: 'F', it_power_kw: 1000, racks: 50, pue: 1.5, usd_per_kwh: 0.1, usd_per_rack_month: 1000, rack_kw: 20 };

function scenarios() {
  const mk = (rate: number) =>
    makeInput({
      options: [system('S', { tier: 'premium' }), api('A', 5, 0)],
      workloads: [
        { name: 'W', model: 'm', avg_output_tps: 1000, peak_to_avg: 1.5 },
        { name: 'V', model: 'm', avg_output_tps: 1000 },
      ],
      sites: [F],
      settings: { horizon_months: 36, discount_rate_pct: rate },
    });
  const a = mk(0);
  const b = mk(10);
  const pools = [{ period: 0, site: 'F', option: 'S', model: 'm', units: 2 }];
  return [
    { name: 'cloud', input: a, plan: makePlan([assign(a, 'W', 'A'), assign(a, 'V', 'A')]) },
    { name: 'mixed', input: b, plan: makePlan([assign(b, 'W', 'S', 'F'), assign(b, 'V', 'A')], pools, layoutRacks(b, pools)) },
  ];
}

/** One workload on one API, compared under the settings given per scenario. */
function samePlanUnder(sides: [string, Parameters<typeof makeInput>[0]['settings']][]) {
  return compareScenarios(sides.map(([name, settings]) => {
    const input = makeInput({ options: [api('A', 5, 0)], workloads: [{ name: 'W', model: 'm', avg_output_tps: 1000 }], settings });
    return { name, input, plan: makePlan([assign(input, 'W', 'A')]) };
  }));
}

describe('compareScenarios', () => {
  it('ranks each metric and differences it from the first scenario', () => {
    const items = scenarios();
    const c = compareScenarios(items);
    const row = (k: string) => c.rows.find((r) => r.key === k)!;
    expect(c.scenarios).toEqual(['cloud', 'mixed']);
    // capex: 0 vs 2 × 120,000
    expect(row('capex_usd').values).toEqual([0, 240000]);
    expect(row('capex_usd').best).toEqual([0]);
    expect(row('capex_usd').worst).toEqual([1]);
    expect(row('capex_usd').diff).toEqual([0, 240000]);
    expect(row('capex_usd').diff_pct).toEqual([null, null]);
    expect(row('capex_usd').label).toBe('Capex (purchases in every period, excl. replacements)');
    // undiscounted: cloud 2 × 36 × 13,140; mixed 240,000 + 36 × 4,714 + 36 × 13,140
    const cloud = 2 * 36 * 13140;
    const mixed = 240000 + 36 * 4714 + 36 * 13140;
    expect(row('undiscounted_usd').values[0]).toBeCloseTo(cloud, 6);
    expect(row('undiscounted_usd').values[1]).toBeCloseTo(mixed, 6);
    expect(row('undiscounted_usd').best).toEqual([1]);
    expect(row('undiscounted_usd').diff_pct[1]).toBeCloseTo((100 * (mixed - cloud)) / cloud, 9);
    // NPV at the first scenario's rate (0 %) equals the undiscounted sum for both
    expect(c.reference_rate_pct).toBe(0);
    expect(row('npv_usd').values[1]).toBeCloseTo(mixed, 6);
    // while the horizon cost of 'mixed' is at its own 10 %
    expect(row('horizon_cost_usd').values[1]).toBeCloseTo(computeTco(items[1]!.input, items[1]!.plan).totals.horizon_cost_usd, 6);
    expect(row('horizon_cost_usd').values[1]!).toBeLessThan(mixed);
    expect(row('horizon_cost_usd').label).toBe('Horizon cost (own rate, no residual credit) — not ranked: see NPV at 0%');
    expect(row('peak_power_kw').values).toEqual([0, 20]);
    expect(row('racks').values).toEqual([0, 1]);
    // tier mix: equal token volumes, W on premium in 'mixed'
    expect(row('tier_share_premium').values).toEqual([0, 0.5]);
    expect(row('tier_share_commodity').values).toEqual([1, 0.5]);
    expect(row('tier_share_premium').best).toEqual([]);
  });

  it('npvAt discounts month totals at the given rate', () => {
    const [, m] = scenarios();
    const r = computeTco(m!.input, m!.plan);
    expect(npvAt(r, 10)).toBeCloseTo(r.totals.horizon_cost_usd, 6);
    expect(npvAt(r, 0)).toBeCloseTo(r.totals.undiscounted_usd, 6);
  });

  it('lists the settings that differ, and only those', () => {
    const c = compareScenarios(scenarios());
    expect(c.settings).toEqual([{ key: 'discount_rate_pct', label: 'Discount rate (%/year)', values: ['0', '10'] }]);
    expect(c.horizons_differ).toBe(false);
    expect(c.rows.find((r) => r.key === 'npv_usd')!.best).not.toEqual([]);
  });

  it("names the settings as the Settings form does, a capex budget per plan year", () => {
    const c = samePlanUnder([
      ['a', { horizon_months: 24, hardware_price_change_pct_per_year: -15, cloud_price_change_pct_per_year: -10, capex_budget_usd: 4_000_000 }],
      ['b', { horizon_months: 24 }],
    ]);
    expect(c.settings.map((s) => [s.label, s.values])).toEqual([
      ['Hardware price trend (%/year)', ['−15', '0']],
      ['Cloud price trend (%/year)', ['−10', '0']],
      ['Capex budget (per plan year)', ['$4,000,000', '—']],
    ]);
  });

  it('does not rank horizon costs at different discount rates: the NPV at the common rate is ranked', () => {
    // bench/trust.ts --compare edge-3: the same plan at 3 % and at 9 % — the 9 % one was marked
    // best on the horizon cost, cheaper only because its rate discounts the later months more
    const c = samePlanUnder([['3 %', { horizon_months: 24, discount_rate_pct: 3 }], ['9 %', { horizon_months: 24, discount_rate_pct: 9 }]]);
    const row = (k: string) => c.rows.find((r) => r.key === k)!;
    expect(row('horizon_cost_usd').values[1]!).toBeLessThan(row('horizon_cost_usd').values[0]!);
    expect(row('horizon_cost_usd').better).toBeNull();
    expect(row('horizon_cost_usd').best).toEqual([]);
    expect(row('horizon_cost_usd').label).toContain('not ranked');
    // at one rate the two are the same plan: equal, nothing marked
    expect(row('npv_usd').values[1]).toBeCloseTo(row('npv_usd').values[0]!, 6);
    expect(row('npv_usd').better).toBe('lower');
    expect(row('npv_usd').best).toEqual([]);
  });

  it('does not rank totals holding the residual credit when only some scenarios credit it, and says what they are net of', () => {
    // the same plan of a system with residual on and off: the one crediting it read cheaper by the
    // credit alone and was marked best; its label said "net of residual" with none credited
    const [, mixed] = scenarios();
    const side = (name: string, residual_value: boolean) => ({ name, input: { ...mixed!.input, settings: { ...mixed!.input.settings, residual_value } }, plan: mixed!.plan });
    const c = compareScenarios([side('off', false), side('on', true)]);
    const row = (k: string) => c.rows.find((r) => r.key === k)!;
    expect(row('horizon_cost_usd').values[1]!).toBeLessThan(row('horizon_cost_usd').values[0]!);
    for (const k of ['horizon_cost_usd', 'npv_usd', 'undiscounted_usd', 'usd_per_m_tokens']) {
      expect(row(k).better, k).toBeNull();
      expect(row(k).best, k).toEqual([]);
      expect(row(k).label, k).toContain('residual credited in some, not ranked');
    }
    expect(row('capex_usd').better).toBe('lower');
    expect(row('horizon_cost_usd').label).toContain('net of residual where credited');
    const none = compareScenarios([side('a', false), side('b', false)]);
    expect(none.rows.find((r) => r.key === 'horizon_cost_usd')!.label).toBe('Horizon cost (own rate, no residual credit)');
    expect(none.rows.find((r) => r.key === 'npv_usd')!.better).toBe('lower');
    // rates and the credit both differing: the horizon cost row does not send the reader to an NPV row that is not ranked either
    const rated = (name: string, residual_value: boolean, discount_rate_pct: number) => ({ name, input: { ...mixed!.input, settings: { ...mixed!.input.settings, residual_value, discount_rate_pct } }, plan: mixed!.plan });
    const both = compareScenarios([rated('a', false, 5), rated('b', true, 9)]);
    expect(both.rows.find((r) => r.key === 'horizon_cost_usd')!.label).toBe('Horizon cost (own rate, net of residual where credited) — residual credited in some, not ranked');
    expect(both.rows.find((r) => r.key === 'npv_usd')!.better).toBeNull();
  });

  it('counts power and racks in the busiest period, not summed over the periods a pool is listed in', () => {
    // bench/trust.ts --compare edge-3 (30 months, two periods): one system's 14 kW read 28 kW
    const input = makeInput({
      options: [system('S'), system('T', { max_power_kw: 4 })],
      workloads: [{ name: 'W', model: 'm', avg_output_tps: 1000 }],
      sites: [F],
      settings: { horizon_months: 24, purchase_interval_months: 12 },
    });
    // S kept in both periods, T bought for the second: busiest is the second, 2 × 10 + 3 × 4 kW
    const pools = [
      { period: 0, site: 'F', option: 'S', model: 'm', units: 2 },
      { period: 1, site: 'F', option: 'S', model: 'm', units: 2 },
      { period: 1, site: 'F', option: 'T', model: 'm', units: 3 },
    ];
    const periods = [{ period: 0, start_month: 0, months: 12 }, { period: 1, start_month: 12, months: 12 }];
    const planOf = (ps: typeof pools, second: string) => ({ ...makePlan([assign(input, 'W', 'S', 'F'), { ...assign(input, 'W', second, 'F'), period: 1 }], ps, layoutRacks(input, ps)), periods });
    const kept = planOf(pools, 'S');
    // S retired after the first period: one rack in each period, never two at once
    const swapped = planOf([pools[0]!, pools[2]!], 'T');
    const c = compareScenarios([{ name: 'kept', input, plan: kept }, { name: 'swapped', input, plan: swapped }]);
    const row = (k: string) => c.rows.find((r) => r.key === k)!;
    expect(row('peak_power_kw').values).toEqual([32, 20]);
    const racksIn = (plan: typeof kept, k: number) => plan.sites.filter((s) => s.period === k).reduce((a, s) => a + s.racks.reduce((b, r) => b + r.spans, 0), 0);
    expect([racksIn(kept, 0), racksIn(kept, 1), racksIn(swapped, 0), racksIn(swapped, 1)]).toEqual([1, 2, 1, 1]);
    expect(row('racks').values).toEqual([2, 1]);
  });

  it('does not rank totals over different horizons: compares cost per month and the common months', () => {
    // the same plan over 24 and 36 months: the short one is "cheaper" only because it is shorter
    const c = samePlanUnder([['36 months', { horizon_months: 36 }], ['24 months', { horizon_months: 24 }]]);
    const row = (k: string) => c.rows.find((r) => r.key === k)!;
    expect(c.horizons_differ).toBe(true);
    expect(c.common_months).toBe(24);
    // capex too: the purchases of every period, and a longer horizon has more of them; and the
    // busiest period's kW and racks, larger over a longer horizon of growing demand
    for (const k of ['horizon_cost_usd', 'npv_usd', 'undiscounted_usd', 'capex_usd', 'peak_power_kw', 'racks']) {
      expect(row(k).better).toBeNull();
      expect(row(k).best).toEqual([]);
      expect(row(k).label).toContain('not ranked');
    }
    expect(row('usd_per_month').values[0]).toBeCloseTo(row('usd_per_month').values[1]!, 6);
    expect(row('usd_per_month').best).toEqual([]);
    expect(row('common_months_usd').values[0]).toBeCloseTo(row('common_months_usd').values[1]!, 6);
    expect(row('common_months_usd').label).toBe('First 24 months (undiscounted, before residual credit)');
    expect(c.settings.map((x) => [x.label, x.values])).toContainEqual(['Horizon (months)', ['36', '24']]);
  });

  it('does not rank totals of scenarios that leave different workloads unserved, and counts them', () => {
    const [a, b] = scenarios();
    // 'mixed' leaves V unserved: cheaper only because it serves less
    const partial = { ...b!, plan: { ...b!.plan, assignments: b!.plan.assignments.filter((x) => x.workload !== 'V'), unserved: [{ workload: 'V', period: 0, reason: 'too dear' }] } };
    const c = compareScenarios([a!, partial]);
    const row = (k: string) => c.rows.find((r) => r.key === k)!;
    expect(c.served_differ).toBe(true);
    expect(row('unserved_workloads').values).toEqual([0, 1]);
    expect(row('unserved_workloads').best).toEqual([0]);
    // what the plans buy and draw is not like for like either (capex, power and racks were still ranked),
    // nor is a price per token of other tokens (bench/trust.ts found it still ranked)
    for (const k of ['horizon_cost_usd', 'npv_usd', 'undiscounted_usd', 'capex_usd', 'peak_power_kw', 'racks', 'usd_per_m_tokens']) {
      expect(row(k).best).toEqual([]);
      expect(row(k).worst).toEqual([]);
      expect(row(k).label).toContain('other workloads served, not ranked');
    }
    // the same workloads served: ranked as before
    expect(compareScenarios(scenarios()).served_differ).toBe(false);
  });

  it('needs two scenarios', () => {
    expect(() => compareScenarios(scenarios().slice(0, 1))).toThrow(/two/);
  });
});
