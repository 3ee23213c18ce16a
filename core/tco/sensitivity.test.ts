// Sensitivity: signs, clamps, the fixed-plan coverage flag, tornado order, inputs left untouched.
import { describe, expect, it } from 'vitest';
import { computeTco } from './engine.ts';
import { api, assign, edge, instance, makeInput, makePlan, system } from './fixtures.test-helper.ts';
import { layoutRacks } from './racks.ts';
import { DRIVERS, sensitivity, sensitivityInputs } from './sensitivity.ts';

const F = { name: 'F', it_power_kw: 1000, racks: 50, pue: 1.1, usd_per_kwh: 0.1, usd_per_rack_month: 1000, rack_kw: 20 };

function mixed(growth = 0) {
  const input = makeInput({
    options: [system('S'), api('A', 2, 0.5), instance('I', 4), edge('E', { inference_via: 'A' })],
    workloads: [
      { name: 'Wsys', model: 'm', avg_output_tps: 1000, peak_to_avg: 1.5, monthly_growth_pct: growth },
      { name: 'Wapi', model: 'm', avg_output_tps: 50 },
      { name: 'Wci', model: 'm', avg_output_tps: 80 },
      { name: 'Wedge', model: 'm', avg_output_tps: 2, endpoints: 40 },
    ],
    sites: [F],
    settings: { horizon_months: 24, residual_value: true },
  });
  // sized for the base case: D = 1,500 × 1.0x^23 ÷ 1,000
  const units = Math.ceil((1500 * Math.pow(1 + growth / 100, 23)) / 1000);
  const pools = [{ period: 0, site: 'F', option: 'S', model: 'm', units }];
  const plan = makePlan(
    [assign(input, 'Wsys', 'S', 'F'), assign(input, 'Wapi', 'A'), assign(input, 'Wci', 'I'), assign(input, 'Wedge', 'E')],
    pools,
    layoutRacks(input, pools),
  );
  return { input, plan };
}

describe('sensitivity', () => {
  it('more of a price driver costs more, less costs less', () => {
    const { input, plan } = mixed();
    const s = sensitivity(input, plan);
    const base = computeTco(input, plan).totals.horizon_cost_usd;
    expect(s.base_usd).toBeCloseTo(base, 6);
    for (const d of ['electricity', 'hardware', 'cloud_rates', 'api_prices'] as const) {
      const row = s.rows.find((r) => r.driver === d)!;
      expect(row.high.horizon_cost_usd, d).toBeGreaterThan(base);
      expect(row.low.horizon_cost_usd, d).toBeLessThan(base);
      expect(row.high.covers_demand).toBe(true);
    }
  });

  it('electricity ±20 % moves exactly the energy lines by ±20 %', () => {
    const { input, plan } = mixed();
    const r = computeTco(input, plan);
    const energy = r.byLine.find((l) => l.line === 'system_energy')!.horizon_cost_usd + r.byLine.find((l) => l.line === 'edge_energy')!.horizon_cost_usd;
    const row = sensitivity(input, plan).rows.find((x) => x.driver === 'electricity')!;
    expect(row.high.delta_usd).toBeCloseTo(0.2 * energy, 6);
    expect(row.low.delta_usd).toBeCloseTo(-0.2 * energy, 6);
    // by hand, system energy per month: 2 units × 6 kW × 1.1 × 730 × 0.10 = 963.6
    expect(r.months[0]!.lines.system_energy).toBeCloseTo(963.6, 9);
  });

  it('clamps PUE at 1 and utilisation at 1', () => {
    const { input, plan } = mixed();
    const s = sensitivity(input, plan);
    const pue = s.rows.find((r) => r.driver === 'pue')!;
    expect(pue.low.clamped).toBe(true); // 1.1 × 0.8 = 0.88 → 1.0
    const atOne = computeTco({ ...input, sites: input.sites.map((x) => ({ ...x, pue: 1 })) }, plan).totals.horizon_cost_usd;
    expect(pue.low.horizon_cost_usd).toBeCloseTo(atOne, 6);
    expect(pue.high.clamped).toBe(false);
    const cases = sensitivityInputs(input);
    expect(cases.find((c) => c.driver === 'pue' && c.direction === 'low')!.input.sites[0]!.pue).toBe(1);
    const uHigh = cases.find((c) => c.driver === 'utilization' && c.direction === 'high')!;
    expect(uHigh.input.settings.max_utilization).toBe(1);
    expect(uHigh.clamped).toBe(true);
    const u = s.rows.find((r) => r.driver === 'utilization')!;
    expect(u.high.horizon_cost_usd).toBeCloseTo(s.base_usd, 6);
    // lower utilisation: dearer cloud instances, and the fixed pool no longer covers the peak
    expect(u.low.horizon_cost_usd).toBeGreaterThan(s.base_usd);
    expect(u.note).toMatch(/capped at 100 %/);
  });

  it('growth: no growth → empty bar with a note; growth up → more cost and the fixed plan flagged', () => {
    const m0 = mixed(0);
    const none = sensitivity(m0.input, m0.plan);
    const g0 = none.rows.find((r) => r.driver === 'growth')!;
    expect(g0.swing_usd).toBe(0);
    expect(g0.note).toMatch(/no workload grows/);
    const { input, plan } = mixed(3);
    const g = sensitivity(input, plan).rows.find((r) => r.driver === 'growth')!;
    expect(g.high.horizon_cost_usd).toBeGreaterThanOrEqual(g.low.horizon_cost_usd);
    // 1,500 × 1.036^23 ÷ 1,000 = 3.38 > the 3 units bought for 3 %/month (2.96)
    expect(g.high.covers_demand).toBe(false);
    expect(g.low.covers_demand).toBe(true);
  });

  it('rows are sorted by swing, and the input is never mutated', () => {
    const { input, plan } = mixed(2);
    const before = JSON.stringify(input);
    const s = sensitivity(input, plan, { pct: 10 });
    expect(JSON.stringify(input)).toBe(before);
    expect(s.rows.map((r) => r.driver).sort()).toEqual([...DRIVERS].sort());
    for (let i = 1; i < s.rows.length; i++) expect(s.rows[i - 1]!.swing_usd).toBeGreaterThanOrEqual(s.rows[i]!.swing_usd);
    expect(sensitivityInputs(input, 10)).toHaveLength(DRIVERS.length * 2);
    expect(sensitivityInputs(input, 10)[0]!.factor).toBeCloseTo(0.9, 12);
    expect(() => sensitivityInputs(input, 0)).toThrow(/pct/);
  });
});
