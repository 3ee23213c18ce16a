// Worked examples of DESIGN 6, computed by hand below (the arithmetic is written out), and
// the engine's breakdown invariants.
import { describe, expect, it } from 'vitest';
import { computeTco, UNALLOCATED } from './engine.ts';
import { api, assign, edge, instance, makeInput, makePlan, pt, system } from './fixtures.test-helper.ts';
import { layoutRacks } from './racks.ts';
import { tcoView } from './view.ts';

const site = { name: 'F', it_power_kw: 1000, racks: 50, pue: 1.5, usd_per_kwh: 0.1, usd_per_rack_month: 1000, rack_kw: 20 };

// One system type S: 120,000 USD, 12 %/yr support, 6 kW typical, 10 kW max, 8 U, 60-month life.
// Site F: 42 U / 20 kW racks → k = min(⌊42/8⌋ = 5, ⌊20/10⌋ = 2) = 2 units a rack.
// W: 1,000 tok/s average, peak ×1.5, no growth → D = 1,500; unit_tps 1,000, u = 1 → 1.5 → 2 units, 1 rack.
function systemCase(settings: Record<string, unknown> = {}, sys: Record<string, unknown> = {}) {
  const input = makeInput({
    options: [system('S', sys)],
    workloads: [{ name: 'W', model: 'm', avg_output_tps: 1000, peak_to_avg: 1.5 }],
    sites: [site],
    settings,
  });
  const pools = [{ period: 0, site: 'F', option: 'S', model: 'm', units: 2 }];
  const plan = makePlan([assign(input, 'W', 'S', 'F')], pools, layoutRacks(input, pools));
  return { input, plan };
}

describe('system lines, H = 12, no discount', () => {
  it('residual off: capex, energy, support, space by hand', () => {
    const { input, plan } = systemCase();
    const r = computeTco(input, plan);
    const capex = 2 * 120000; // 240,000 in month 0
    const energy = 2 * 6 * 1.5 * 730 * 0.1; // 1,314 a month
    const support = (2 * 120000 * 12) / 100 / 12; // 2,400 a month
    const space = 1 * 1000; // one whole rack
    expect(r.months[0]!.lines.system_capex).toBeCloseTo(capex, 6);
    expect(r.months[5]!.lines.system_capex).toBe(0);
    expect(r.months[3]!.lines.system_energy).toBeCloseTo(1314, 6);
    expect(r.months[3]!.lines.system_support).toBeCloseTo(2400, 6);
    expect(r.months[3]!.lines.system_space).toBeCloseTo(1000, 6);
    expect(r.months[11]!.lines.residual_credit).toBe(0);
    expect(r.totals.undiscounted_usd).toBeCloseTo(capex + 12 * (energy + support + space), 6); // 296,568
    expect(r.totals.undiscounted_usd).toBeCloseTo(296568, 6);
    expect(r.totals.horizon_cost_usd).toBeCloseTo(296568, 6);
    expect(r.totals.capex_usd).toBeCloseTo(240000, 6);
    expect(r.totals.run_rate_start_usd).toBeCloseTo(4714, 6);
    expect(r.totals.run_rate_end_usd).toBeCloseTo(4714, 6);
    expect(r.racks).toEqual([{ site: 'F', option: 'S', racks: 1, units: 2, source: 'layout' }]);
    expect(r.lines).toEqual(['system_capex', 'system_energy', 'system_support', 'system_space']);
  });

  it('residual on: 1 − 12/60 = 0.8 of the price comes back in month 11', () => {
    const { input, plan } = systemCase({ residual_value: true });
    const r = computeTco(input, plan);
    expect(r.months[11]!.lines.residual_credit).toBeCloseTo(-2 * 120000 * 0.8, 6); // −192,000
    expect(r.months[10]!.lines.residual_credit).toBe(0);
    expect(r.totals.residual_credit_usd).toBeCloseTo(-192000, 6);
    expect(r.totals.undiscounted_usd).toBeCloseTo(296568 - 192000, 6); // 104,568
    // run-rate leaves the one-off residual out
    expect(r.totals.run_rate_end_usd).toBeCloseTo(4714, 6);
  });
});

describe('replacement within the horizon, discounting, H = 36', () => {
  it('24-month life: bought in months 0 and 24; residual 1 − (36 − 24)/24 = 0.5; 10 %/yr', () => {
    const { input, plan } = systemCase({ horizon_months: 36, residual_value: true, discount_rate_pct: 10 }, { lifetime_months: 24 });
    const r = computeTco(input, plan);
    expect(r.months[24]!.lines.system_replacement).toBeCloseTo(240000, 6);
    expect(r.months[12]!.lines.system_replacement).toBe(0);
    expect(r.months[35]!.lines.residual_credit).toBeCloseTo(-240000 * 0.5, 6);
    const recurring = 1314 + 2400 + 1000; // 4,714 a month
    expect(r.totals.undiscounted_usd).toBeCloseTo(240000 + 240000 + 36 * recurring - 120000, 6);
    // δ(m) = 1.1^(−m/12); Σ_{m<36} q^m with q = 1.1^(−1/12) is (1 − q^36) ÷ (1 − q)
    const q = Math.pow(1.1, -1 / 12);
    const annuity = (1 - Math.pow(q, 36)) / (1 - q);
    const pv = 240000 + 240000 / 1.1 ** 2 + recurring * annuity - 120000 * Math.pow(1.1, -35 / 12);
    expect(r.totals.horizon_cost_usd).toBeCloseTo(pv, 4);
    expect(r.months[35]!.cumulative_pv_usd).toBeCloseTo(pv, 4);
    expect(r.months[12]!.discount_factor).toBeCloseTo(1 / 1.1, 12);
    expect(r.totals.capex_usd).toBeCloseTo(240000, 6); // month-0 purchases only
  });

  it('no residual when the last purchase has used its whole life (lifetime 12, H = 36)', () => {
    const { input, plan } = systemCase({ horizon_months: 36, residual_value: true }, { lifetime_months: 12 });
    const r = computeTco(input, plan);
    expect(r.months[12]!.lines.system_replacement).toBeCloseTo(240000, 6);
    expect(r.months[24]!.lines.system_replacement).toBeCloseTo(240000, 6);
    expect(r.totals.residual_credit_usd).toBeCloseTo(0, 9); // bought at 24, 1 − 12/12 = 0
  });
});

describe('cloud instances with growth', () => {
  it('whole instances each month: ⌈P(m) ÷ (u × unit_tps)⌉ × usd_per_hour × 730', () => {
    // 100 tok/s avg, peak ×2, +10 %/month, u = 0.8, unit_tps 500, 4 USD/h: month m needs
    // 100 × 2 × 1.1^m ÷ (0.8 × 500) = 0.5 × 1.1^m instances: ≤ 1 through month 7 (0.974), then 2
    // (month 8: 1.07; month 11: 1.43). One instance-month is 4 × 730 = 2,920 USD:
    // 8 × 2,920 + 4 × 5,840 = 46,720 (billing the fraction instead would give 1,460 × 1.1^m a month)
    const input = makeInput({
      options: [instance('I', 4)],
      workloads: [{ name: 'W', model: 'm', avg_output_tps: 100, peak_to_avg: 2, monthly_growth_pct: 10 }],
      settings: { max_utilization: 0.8 },
    });
    const plan = makePlan([assign(input, 'W', 'I')], [], [], input);
    expect(plan.cloud.map((c) => c.instances)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2]);
    const r = computeTco(input, plan);
    expect(r.months[0]!.lines.cloud_instances).toBeCloseTo(2920, 6);
    expect(r.months[7]!.lines.cloud_instances).toBeCloseTo(2920, 6);
    expect(r.months[8]!.lines.cloud_instances).toBeCloseTo(5840, 6);
    expect(r.totals.undiscounted_usd).toBeCloseTo(46_720, 6);
    expect(r.totals.capex_usd).toBe(0);
    // demand: A(3) = 100 × 1.1³ = 133.1, P(3) = 266.2
    expect(r.months[3]!.demand.avg_tps).toBeCloseTo(133.1, 9);
    expect(r.months[3]!.demand.peak_tps).toBeCloseTo(266.2, 9);
  });
});

describe('token APIs and cost per million tokens', () => {
  it('A × 3600 × 730 ÷ 10⁶ × (out + ipo × in): a plan with no systems', () => {
    // 10 tok/s → 26.28 M output tokens a month; 2 + 3 × 0.5 = 3.5 USD per M output → 91.98 a month
    const input = makeInput({
      options: [api('A', 2, 0.5)],
      workloads: [{ name: 'W', model: 'm', avg_output_tps: 10, input_per_output: 3 }],
    });
    const r = computeTco(input, makePlan([assign(input, 'W', 'A')]));
    expect(r.months[7]!.lines.api_tokens).toBeCloseTo(91.98, 9);
    expect(r.totals.undiscounted_usd).toBeCloseTo(12 * 91.98, 6);
    expect(r.totals.output_tokens_m).toBeCloseTo(12 * 26.28, 9);
    expect(r.totals.usd_per_m_tokens).toBeCloseTo(3.5, 9);
    expect(r.byTier.find((t) => t.tier === 'commodity')!.usd_per_m_tokens).toBeCloseTo(3.5, 9);
    expect(r.byTier.find((t) => t.tier === 'premium')!.usd_per_m_tokens).toBeNull();
    expect(r.racks).toEqual([]);
    expect(r.pools).toEqual([]);
    expect(r.totals.capex_usd).toBe(0);
    expect(r.bySite.map((s) => [s.site, s.kind])).toEqual([['cloud', 'cloud']]);
    expect(r.lines).toEqual(['api_tokens']);
  });

  it('discounted API spend: month m weighs 1.06^(−m/12)', () => {
    const input = makeInput({
      options: [api('A', 2, 0.5)],
      workloads: [{ name: 'W', model: 'm', avg_output_tps: 10, input_per_output: 3 }],
      settings: { discount_rate_pct: 6, horizon_months: 24 },
    });
    const r = computeTco(input, makePlan([assign(input, 'W', 'A')]));
    let pv = 0;
    for (let m = 0; m < 24; m++) pv += 91.98 * Math.pow(1.06, -m / 12);
    expect(r.totals.horizon_cost_usd).toBeCloseTo(pv, 6);
    expect(r.totals.undiscounted_usd).toBeCloseTo(24 * 91.98, 6);
    expect(r.totals.usd_per_m_tokens_pv).toBeCloseTo(pv / (24 * 26.28), 9);
  });
});

describe('edge devices', () => {
  it('capex each lifetime, energy, API inference and the residual credit, H = 24', () => {
    // 100 endpoints × 200 USD, life 18 → bought in months 0 and 18; residual 1 − (24 − 18)/18 = 2/3
    // energy 100 × 0.01 kW × 730 × 0.15 = 109.5 a month; inference 1 tok/s via A: 2.628 M × 3.5 = 9.198
    const input = makeInput({
      options: [api('A', 2, 0.5), edge('E', { inference_via: 'A' })],
      workloads: [{ name: 'W', model: 'm', avg_output_tps: 1, input_per_output: 3, endpoints: 100 }],
      settings: { horizon_months: 24, residual_value: true },
    });
    const r = computeTco(input, makePlan([assign(input, 'W', 'E')], [], [], input));
    expect(r.months[0]!.lines.edge_capex).toBeCloseTo(20000, 9);
    expect(r.months[18]!.lines.edge_capex).toBeCloseTo(20000, 9);
    expect(r.months[17]!.lines.edge_capex).toBe(0);
    expect(r.months[5]!.lines.edge_energy).toBeCloseTo(109.5, 9);
    expect(r.months[5]!.lines.edge_inference).toBeCloseTo(9.198, 9);
    expect(r.months[5]!.lines.api_tokens).toBe(0);
    expect(r.months[23]!.lines.residual_credit).toBeCloseTo((-20000 * 2) / 3, 6);
    expect(r.totals.capex_usd).toBeCloseTo(20000, 9);
    expect(r.totals.undiscounted_usd).toBeCloseTo(40000 + 24 * (109.5 + 9.198) - 40000 / 3, 6);
    expect(r.byTier.find((t) => t.tier === 'edge')!.undiscounted_usd).toBeCloseTo(r.totals.undiscounted_usd, 6);
    expect(r.bySite.map((s) => s.site)).toEqual(['edge']);
  });
});

describe('racks', () => {
  it('a unit of several racks counts the racks it spans', () => {
    // a rack-scale unit of t = 2 racks: 30 kW ÷ 2 = 15 ≤ 20 → fits; 3 units → 6 racks × 1,000 USD
    const { input } = systemCase({}, { rack_units: 40, racks_per_unit: 2, max_power_kw: 30 });
    const pools = [{ period: 0, site: 'F', option: 'S', model: 'm', units: 3 }];
    const withLayout = makePlan([assign(input, 'W', 'S', 'F')], pools, layoutRacks(input, pools));
    expect(withLayout.sites[0]!.racks).toHaveLength(3);
    expect(withLayout.sites[0]!.racks[0]!.spans).toBe(2);
    const a = computeTco(input, withLayout);
    expect(a.months[4]!.lines.system_space).toBeCloseTo(6 * 1000, 9);
    expect(a.racks[0]).toMatchObject({ racks: 6, source: 'layout' });
  });

  it('takes the rack count from the layout, even when it holds more racks than needed', () => {
    const { input } = systemCase();
    const pools = [{ period: 0, site: 'F', option: 'S', model: 'm', units: 2 }];
    const oneRackEach = [{ option: 'S', units: [{ option: 'S', model: 'm' }], u_used: 8, kw_used: 10, spans: 1 }];
    const layout = [{ site: 'F', period: 0, power_kw_used: 20, power_kw_limit: 1000, racks_used: 2, racks_limit: 50, racks: [oneRackEach[0]!, { ...oneRackEach[0]! }] }];
    const r = computeTco(input, makePlan([assign(input, 'W', 'S', 'F')], pools, layout));
    expect(r.months[0]!.lines.system_space).toBeCloseTo(2000, 9);
  });
});

describe('allocation to workloads', () => {
  it('splits a pool by capacity share D_w ÷ (u × unit_tps), and sums back to the total', () => {
    // W1 D = 1,000 × 1.5 = 1,500 → 1.5 units; W2 D = 500 × 1.5 = 750 → 0.75 units; pool of 3 → shares 2/3, 1/3
    const input = makeInput({
      options: [system('S'), api('A', 1, 0)],
      workloads: [
        { name: 'W1', model: 'm', avg_output_tps: 1000, peak_to_avg: 1.5 },
        { name: 'W2', model: 'm', avg_output_tps: 500, peak_to_avg: 1.5 },
        { name: 'W3', model: 'm', avg_output_tps: 10 },
      ],
      sites: [site],
    });
    const pools = [{ period: 0, site: 'F', option: 'S', model: 'm', units: 3 }];
    const plan = makePlan([assign(input, 'W1', 'S', 'F'), assign(input, 'W2', 'S', 'F'), assign(input, 'W3', 'A')], pools, layoutRacks(input, pools));
    const r = computeTco(input, plan);
    // pool: 3 × (120,000 + 12 × (657 + 1,200)) = 426,852; racks ⌈3/2⌉ = 2 → 24,000 over the year
    const pool = 3 * (120000 + 12 * (657 + 1200)) + 2 * 12 * 1000;
    const w1 = r.byWorkload.find((x) => x.workload === 'W1')!;
    const w2 = r.byWorkload.find((x) => x.workload === 'W2')!;
    expect(w1.undiscounted_usd).toBeCloseTo((pool * 2) / 3, 6);
    expect(w2.undiscounted_usd).toBeCloseTo(pool / 3, 6);
    expect(r.pools[0]).toMatchObject({ units: 3, required_units: 2.25, workloads: 2 });
    const sum = r.byWorkload.reduce((a, x) => a + x.undiscounted_usd, 0);
    expect(sum).toBeCloseTo(r.totals.undiscounted_usd, 6);
    expect(r.bySite.map((s) => s.site).sort()).toEqual(['F', 'cloud']);
  });

  it('a pool no workload uses is reported as unallocated, with a warning', () => {
    const { input } = systemCase();
    const pools = [{ period: 0, site: 'F', option: 'S', model: 'm', units: 1 }];
    const r = computeTco(input, makePlan([], pools));
    expect(r.byWorkload.map((x) => x.workload)).toEqual([UNALLOCATED]);
    expect(r.warnings.join(' ')).toMatch(/serves no workload/);
  });

  it('flags a pool smaller than its workloads need', () => {
    const { input } = systemCase();
    const pools = [{ period: 0, site: 'F', option: 'S', model: 'm', units: 1 }]; // needs 1.5
    const r = computeTco(input, makePlan([assign(input, 'W', 'S', 'F')], pools));
    expect(r.capacity_ok).toBe(false);
    expect(r.warnings.join(' ')).toMatch(/need 1\.50/);
  });
});

describe('breakdowns and chart shape', () => {
  it('months carry YYYY-MM labels, cumulative sums, and lines/tiers/sites that add up', () => {
    const input = makeInput({
      options: [system('S', { tier: 'premium' }), api('A', 2, 0.5), instance('I', 3)],
      workloads: [
        { name: 'W1', model: 'm', avg_output_tps: 1000, monthly_growth_pct: 2 },
        { name: 'W2', model: 'm', avg_output_tps: 50 },
        { name: 'W3', model: 'm', avg_output_tps: 70, monthly_growth_pct: 5 },
      ],
      sites: [site],
      settings: { start_month: '2026-11', discount_rate_pct: 8, residual_value: true, horizon_months: 18 },
    });
    const pools = [{ period: 0, site: 'F', option: 'S', model: 'm', units: 2 }];
    const plan = makePlan([assign(input, 'W1', 'S', 'F'), assign(input, 'W2', 'A'), assign(input, 'W3', 'I')], pools, layoutRacks(input, pools), input);
    const r = computeTco(input, plan);
    expect(r.months.map((m) => m.label).slice(0, 3)).toEqual(['2026-11', '2026-12', '2027-01']);
    expect(r.months).toHaveLength(18);
    let cum = 0;
    for (const m of r.months) {
      const lines = Object.values(m.lines).reduce((a, b) => a + b, 0);
      const tiers = Object.values(m.byTier).reduce((a, b) => a + b, 0);
      expect(lines).toBeCloseTo(m.total_usd, 6);
      expect(tiers).toBeCloseTo(m.total_usd, 6);
      cum += m.total_usd;
      expect(m.cumulative_usd).toBeCloseTo(cum, 6);
    }
    const sites = r.bySite.reduce((a, s) => a + s.undiscounted_usd, 0);
    expect(sites).toBeCloseTo(r.totals.undiscounted_usd, 6);
    const siteMonth = r.bySite.reduce((a, s) => a + s.monthly_usd[4]!, 0);
    expect(siteMonth).toBeCloseTo(r.months[4]!.total_usd, 6);
    expect(r.byTier.find((t) => t.tier === 'premium')!.lines.system_capex).toBeCloseTo(240000, 6);
    expect(r.byWorkload.reduce((a, w) => a + w.horizon_cost_usd, 0)).toBeCloseTo(r.totals.horizon_cost_usd, 6);
  });

  it('labels the months YYYY-MM across year ends', () => {
    const { input, plan } = systemCase({ start_month: '2026-12', horizon_months: 26 });
    const r = computeTco(input, plan);
    expect(r.months[1]!.label).toBe('2027-01');
    expect(r.months[25]!.label).toBe('2029-01');
  });

  it('names an unknown workload or option in the plan', () => {
    const input = makeInput({ options: [api('A', 1, 1)], workloads: [{ name: 'W', model: 'm', avg_output_tps: 1 }] });
    expect(() => computeTco(input, makePlan([{ ...assign(input, 'W', 'A'), workload: 'X' }]))).toThrow(/unknown workload "X"/);
    expect(() => computeTco(input, makePlan([{ ...assign(input, 'W', 'A'), option: 'nope' }]))).toThrow(/unknown option "nope"/);
  });

  it('bills the instances the plan rents; the point (or the best fitting one when unit_tps is missing) only splits them', () => {
    // peak 300 × 2 = 600 tok/s at 500 a unit: 1.2 → 2 whole instances, 2 × 4 × 730 = 5,840 a month
    const input = makeInput({
      options: [instance('I', 4, { m: [pt(50, 500), pt(20, 800)] })],
      workloads: [{ name: 'W', model: 'm', avg_output_tps: 300, peak_to_avg: 2 }],
    });
    const a = assign(input, 'W', 'I'); // point 0: unit_tps 500
    const plan = makePlan([a], [], [], input);
    const r1 = computeTco(input, plan);
    const r2 = computeTco(input, { ...plan, assignments: [{ ...a, unit_tps: null }] }); // best point: 800
    expect(r1.months[0]!.lines.cloud_instances).toBeCloseTo(2 * 4 * 730, 9);
    expect(r2.months[0]!.lines.cloud_instances).toBeCloseTo(2 * 4 * 730, 9);
    expect(r2.byWorkload[0]!.undiscounted_usd).toBeCloseTo(12 * 2 * 4 * 730, 6);
  });
});

describe('tcoView', () => {
  it('bundles the report, both baselines and the tornado rows', () => {
    const input = makeInput({ options: [api('A', 2, 0.5)], workloads: [{ name: 'W', model: 'm', avg_output_tps: 10 }] });
    const v = tcoView(input, makePlan([assign(input, 'W', 'A')]));
    expect(v.report.totals.undiscounted_usd).toBeCloseTo(12 * 91.98, 6);
    expect(v.baselines.map((b) => b.baseline.id)).toEqual(['api', 'system']);
    expect(v.baselines[1]!.baseline.status).toBe('none');
    expect(v.sensitivity!.rows.find((r) => r.driver === 'api_prices')!.swing_usd).toBeCloseTo(0.4 * 12 * 91.98, 6);
    expect(tcoView(input, makePlan([assign(input, 'W', 'A')]), { sensitivityPct: null }).sensitivity).toBeNull();
  });
});
