// DESIGN sections 4–6 checked end to end through the `fleetplan` command on small scenarios whose
// answers are computed by hand from DESIGN.md alone (the arithmetic is next to each expectation).
import fs from 'node:fs';
import path from 'node:path';
import loadHighs from 'highs';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../backend/test-helpers.ts';
import type { DesignPlan, DesignTco, Lines } from './design-json.test-helper.ts';
import { runCli } from './run-cli.test-helper.ts';

type Json = Record<string, unknown>;
type Plan = DesignPlan;
type Tco = DesignTco;

const run = runCli;

const model = (id: string) => ({ id, params_b: 8, active_params_b: 8 });
const common = (id: string, tier: string, kind: string) => ({ id, name: id, vendor: 'V', tier, kind, source: 'hand-made test', as_of: '2026-01-01' });
const point = (user_tps: number, unit_tps: number | null, ttft_ms = 0) => ({ user_tps, unit_tps, ttft_ms });
/** a system with no support, power or space cost unless given */
function system(id: string, perf: Json[], extra: Json = {}): Json {
  return { ...common(id, 'commodity', 'system'), rack_units: 1, max_power_kw: 0, typical_power_kw: 0, cooling: 'air', price_usd: 1000, support_pct_per_year: 0, lifetime_months: 100, performance: perf, ...extra };
}
function api(id: string, models: string[], usdPerMIn: number, usdPerMOut: number, ttft = 0, tier = 'commodity'): Json {
  return { ...common(id, tier, 'cloud_api'), usd_per_m_input: usdPerMIn, usd_per_m_output: usdPerMOut, performance: models.map((m) => ({ model: m, points: [point(50, null, ttft)] })) };
}

type Scenario = { catalog: { models: Json[]; options: Json[] }; workloads: string; sites?: string; settings: string[] };

/** init with the catalog, import the CSVs, set the settings, optimize; the plan JSON, its TCO JSON and the CLI output */
async function solve(s: Scenario) {
  const dir = tempDir('fleetplan-design-');
  const file = path.join(dir, 'p.fleetplan');
  fs.writeFileSync(path.join(dir, 'catalog.json'), JSON.stringify(s.catalog));
  fs.writeFileSync(path.join(dir, 'w.csv'), s.workloads);
  expect((await run('init', file, '--catalog', path.join(dir, 'catalog.json'))).code).toBe(0);
  const imp = ['import', file, '--workloads', path.join(dir, 'w.csv')];
  if (s.sites) {
    fs.writeFileSync(path.join(dir, 's.csv'), s.sites);
    imp.push('--sites', path.join(dir, 's.csv'));
  }
  const i = await run(...imp);
  expect(i.err).toBe('');
  expect(i.code).toBe(0);
  const set = await run('set', file, 'start_month=2026-01', ...s.settings);
  expect(set.err).toBe('');
  const o = await run('optimize', file, '--json', path.join(dir, 'plan.json'), '--time-limit', '30');
  const plan = JSON.parse(fs.readFileSync(path.join(dir, 'plan.json'), 'utf8')) as Plan;
  let tco: Tco | null = null;
  let tcoOut = '';
  if (o.code === 0) {
    const t = await run('tco', file, '--json', path.join(dir, 'tco.json'));
    expect(t.code).toBe(0);
    tcoOut = t.out;
    tco = JSON.parse(fs.readFileSync(path.join(dir, 'tco.json'), 'utf8')) as Tco;
    // DESIGN 6: one implementation of the cost formulas; section 8: the JSON totals agree
    expect(tco.totals.horizon_cost_usd).toBeCloseTo(plan.totals.horizon_cost_usd, 6);
    expect(tco.totals.capex_usd).toBeCloseTo(plan.totals.capex_usd, 6);
    // DESIGN 7/9: export-lp writes the plain section 5 model; another solve of it has the same optimum
    const lp = path.join(dir, 'model.lp');
    expect((await run('export-lp', file, lp)).code).toBe(0);
    const res = (await loadHighs()).solve(fs.readFileSync(lp, 'utf8'), { output_flag: false, mip_rel_gap: 1e-9 } as never);
    expect(res.Status).toBe('Optimal');
    expect(res.ObjectiveValue).toBeCloseTo(plan.objective_usd, 4);
  }
  return { code: o.code, out: o.out, plan, tco, tcoOut };
}

const line = (t: Tco, name: string, month: number) => t.months[month]!.lines[name] ?? 0;
const sumLine = (t: Tco, name: string) => t.months.reduce((a, m) => a + (m.lines[name] ?? 0), 0);

describe('DESIGN scenarios computed by hand, through the fleetplan command', () => {
  it('periods with a horizon not divisible by the interval, a falling hardware price, pooled growth, replacement, support, residual, racks', async () => {
    // H = 18, I = 12: K = ⌈18/12⌉ = 2 periods, months 0–11 (12) and 12–17 (6).
    // Peak P(m) = 100 × 1.5 × 1.02^m: period 0 busiest month 11 → 186.5 → ⌈186.5/100⌉ = 2 boxes;
    // period 1 busiest month 17 → 210.0 → 3 boxes, so 1 more is bought at month 12 at π_hw(12) = 0.8.
    const { code, plan, tco } = await solve({
      catalog: { models: [model('m')], options: [system('box', [{ model: 'm', points: [point(50, 100)] }], { rack_units: 10, max_power_kw: 2, typical_power_kw: 1, price_usd: 10000, support_pct_per_year: 12, lifetime_months: 12 })] },
      workloads: 'name,model,avg_output_tps,peak_to_avg,monthly_growth_pct\nw,m,100,1.5,2\n',
      sites: 'name,it_power_kw,racks,rack_units,rack_kw,pue,usd_per_kwh,usd_per_rack_month\ndc,100,10,42,15,1.5,0.10,100\n',
      settings: ['horizon_months=18', 'purchase_interval_months=12', 'hardware_price_change_pct_per_year=-20'],
    });
    expect(code).toBe(0);
    expect(plan.status).toBe('optimal');
    expect(plan.periods).toEqual([{ period: 0, start_month: 0, months: 12 }, { period: 1, start_month: 12, months: 6 }]);
    expect(plan.purchases.map((p) => [p.period, p.option, p.units])).toEqual([[0, 'box', 2], [1, 'box', 1]]);
    expect(plan.pools.map((p) => [p.period, p.units])).toEqual([[0, 2], [1, 3]]);
    // racks: ⌊42/10⌋ = 4 units per rack by U, ⌊15/2⌋ = 7 by power → k = 4; 2 and 3 units take 1 rack
    expect(plan.sites.map((s) => [s.period, s.racks_used, s.power_kw_used])).toEqual([[0, 1, 4], [1, 1, 6]]);
    const t = tco!;
    // capex 2 × 10,000 at month 0; 1 × 10,000 × 0.8 at month 12; the month-0 tranche (lifetime 12) re-bought at 12: 2 × 8,000
    expect(line(t, 'system_capex', 0)).toBeCloseTo(20000, 6);
    expect(line(t, 'system_capex', 12)).toBeCloseTo(8000, 6);
    expect(line(t, 'system_replacement', 12)).toBeCloseTo(16000, 6);
    // support 12 %/yr = 1 %/month of the latest price paid: 200/month, then 160 + 80 = 240 from month 12
    expect(line(t, 'system_support', 11)).toBeCloseTo(200, 6);
    expect(line(t, 'system_support', 12)).toBeCloseTo(240, 6);
    // energy per unit 1 kW × 1.5 PUE × 730 h × $0.10 = 109.5: 219 then 328.5; space 1 rack × $100
    expect(line(t, 'system_energy', 0)).toBeCloseTo(219, 6);
    expect(line(t, 'system_energy', 17)).toBeCloseTo(328.5, 6);
    expect(sumLine(t, 'system_space')).toBeCloseTo(1800, 6);
    // residual at month 17: both tranches last bought at 12 (16,000 + 8,000) × (1 − 6/12) = 12,000
    expect(line(t, 'residual_credit', 17)).toBeCloseTo(-12000, 6);
    // 28,000 + 16,000 + (2,400 + 960 + 480) + (2,628 + 1,971) + 1,800 − 12,000 = 42,239
    expect(plan.totals.horizon_cost_usd).toBeCloseTo(42239, 6);
    expect(plan.objective_usd).toBeCloseTo(42239, 6);
    expect(plan.totals.capex_usd).toBeCloseTo(28000, 6);
    expect(t.totals.residual_credit_usd).toBeCloseTo(-12000, 6);
  });

  it('whole cloud instances pooled per (option, model, month), replicas of 2 instances, a rising cloud price', async () => {
    // two workloads of peak 30 × 1.5 = 45 each share replicas of 100 tok/s: ⌈90/100⌉ = 1 replica = 2 instances
    // (apart they would need 2 replicas). Cost Σ_m 2 × $2 × 730 × 1.1^(m/12).
    const { plan, tco } = await solve({
      catalog: { models: [model('m')], options: [{ ...common('ci', 'commodity', 'cloud_instance'), usd_per_hour: 2, performance: [{ model: 'm', units_per_replica: 2, points: [point(50, 100)] }] }] },
      workloads: 'name,model,avg_output_tps,peak_to_avg\nw1,m,30,1.5\nw2,m,30,1.5\n',
      settings: ['horizon_months=12', 'purchase_interval_months=12', 'cloud_price_change_pct_per_year=10'],
    });
    expect(plan.cloud).toHaveLength(12);
    expect(plan.cloud.every((c) => c.instances === 2 && c.option === 'ci')).toBe(true);
    let hand = 0;
    for (let m = 0; m < 12; m++) hand += 2 * 2 * 730 * 1.1 ** (m / 12);
    expect(plan.totals.horizon_cost_usd).toBeCloseTo(hand, 6);
    expect(line(tco!, 'cloud_instances', 1)).toBeCloseTo(2920 * 1.1 ** (1 / 12), 6);
  });

  it('edge devices bought in a later period via a token API, a penalty for the period nothing serves, falling prices, discounting', async () => {
    // H = 12, I = 6. The device is orderable from 2026-03, inside period 0 → usable from period 1 (2026-07).
    // e (placement edge) is unserved in period 0: penalty 6 months × $1,000 = 6,000, not discounted.
    // e: 100 devices × $50 × π_hw(6) = 5,000 × 0.8^0.5 = 4,472.14 at month 6; energy 100 × 0.01 kW × 730 × 0.15 = 109.5/month;
    //    inference 1 tok/s × 3600 × 730 / 1e6 = 2.628 M tok × ($2 + 3 × $1) = 13.14 × π_cl(m)/month; residual 4,472.14 × (1 − 6/24).
    // a (placement cloud) on the API: 10 tok/s → 26.28 M tok × $5 = 131.4 × π_cl(m)/month, π_cl(m) = 0.9^(m/12).
    const { plan, tco, tcoOut } = await solve({
      catalog: {
        models: [model('m')],
        options: [api('api', ['m'], 1, 2, 100), { ...common('dev', 'edge', 'edge_device'), available_from: '2026-03', price_usd: 50, typical_power_kw: 0.01, lifetime_months: 24, inference_via: 'api', performance: [] }],
      },
      workloads: 'name,model,avg_output_tps,endpoints,placement\ne,m,1,100,edge\na,m,10,0,cloud\n',
      settings: ['horizon_months=12', 'purchase_interval_months=6', 'cloud_price_change_pct_per_year=-10', 'hardware_price_change_pct_per_year=-20', 'discount_rate_pct=12', 'unserved_penalty_usd_per_month=1000'],
    });
    expect(plan.unserved.map((u) => [u.workload, u.period])).toEqual([['e', 0]]);
    expect(tcoOut).toMatch(/^12 months from Jan 2026: 2 workloads served, 1 unserved in at least one period$/m);
    expect(plan.unserved[0]!.reason).toMatch(/dev.*2026-03/);
    expect(plan.edge).toEqual([{ workload: 'e', option: 'dev', period: 1, devices: 100 }]);
    const pcl = (m: number) => 0.9 ** (m / 12);
    const capex = 5000 * 0.8 ** 0.5;
    let pv = 0;
    let plain = 0;
    for (let m = 0; m < 12; m++) {
      let l = 131.4 * pcl(m);
      if (m >= 6) l += 13.14 * pcl(m) + 109.5;
      if (m === 6) l += capex;
      if (m === 11) l -= capex * 0.75;
      pv += l * 1.12 ** (-m / 12);
      plain += l;
    }
    expect(plan.totals.capex_usd).toBeCloseTo(capex, 6);
    expect(plan.totals.horizon_cost_usd).toBeCloseTo(pv, 6);
    expect(plan.objective_usd - 6000).toBeCloseTo(pv, 6);
    expect(tco!.totals.undiscounted_usd).toBeCloseTo(plain, 6);
    expect(line(tco!, 'edge_inference', 6)).toBeCloseTo(13.14 * pcl(6), 6);
    expect(line(tco!, 'edge_energy', 5)).toBe(0);
  });

  it('without a penalty the period nobody can serve makes the scenario infeasible: exit 1 naming workload, period and option', async () => {
    const { code, out, plan } = await solve({
      catalog: { models: [model('m')], options: [{ ...common('dev', 'edge', 'edge_device'), available_from: '2026-03', price_usd: 50, typical_power_kw: 0.01, lifetime_months: 24, performance: [{ model: 'm', points: [point(50, 10)] }] }] },
      workloads: 'name,model,avg_output_tps,endpoints,placement\ne,m,1,100,edge\n',
      settings: ['horizon_months=12', 'purchase_interval_months=6'],
    });
    expect(code).toBe(1);
    expect(plan.status).toBe('infeasible');
    expect(out).toMatch(/status: infeasible/);
    expect(plan.reasons!.join('\n')).toMatch(/\be\b.*Jan 2026 – Jun 2026.*dev.*2026-03/);
  });

  it('a workload the site power holds back is unserved for that reason, not because the penalty is cheaper', async () => {
    // g and h need one 6 kW unit each ($1,000, no running cost); the site has 6 kW: one is served,
    // the other pays $100,000 a month, far more than its unit would cost
    const { code, plan } = await solve({
      catalog: { models: [model('m')], options: [system('box', [{ model: 'm', points: [point(50, 1000)] }], { max_power_kw: 6 })] },
      workloads: 'name,model,avg_output_tps,peak_to_avg\ng,m,900,1\nh,m,900,1\n',
      sites: 'name,it_power_kw,racks\nS,6,4\n',
      settings: ['horizon_months=12', 'unserved_penalty_usd_per_month=100000'],
    });
    expect(code).toBe(0);
    // 1,000 for the unit less its residual 1,000 × (1 − 12/100) = 880, + 12 × 100,000 for the one left out
    expect(plan.objective_usd).toBeCloseTo(1000 - 880 + 1_200_000, 6);
    expect(plan.unserved).toHaveLength(1);
    expect(plan.unserved[0]!.reason).toBe('the IT power of S (6 kW) holds it back: without that limit the plan serves it');
  });

  it('racks_per_unit, units_per_replica, a fractional lifetime, and sites a system cannot use (too short, no liquid cooling)', async () => {
    // demand 1,000 × 1.5 = 1,500 tok/s; a replica is 3 units giving 1,000 → 2 replicas = 6 units.
    // Only "ok" hosts it: "short" has 38 U racks (< 40 U), "air" has no liquid cooling.
    // 2 racks per unit: 30 kW ÷ 2 = 15 ≤ 20 kW per rack → 12 racks; power 6 × 30 = 180 ≤ 200 kW.
    // Lifetime 7.5: re-bought at ⌊7.5⌋ = 7, ⌊15⌋ = 15, ⌊22.5⌋ = 22; residual 6e6 × (1 − 2/7.5) = 4.4e6.
    // Energy 6 × 20 kW × 1.2 × 730 × 0.1 = 10,512/month; space 12 racks × 1,000.
    // 6e6 × 4 − 4.4e6 + 24 × (10,512 + 12,000) = 20,140,288.
    const { plan, tco } = await solve({
      catalog: {
        models: [model('m')],
        options: [system('wafer', [{ model: 'm', units_per_replica: 3, points: [point(1000, 1000)] }], { tier: 'premium', rack_units: 40, racks_per_unit: 2, max_power_kw: 30, typical_power_kw: 20, cooling: 'liquid', price_usd: 1e6, lifetime_months: 7.5 })],
      },
      workloads: 'name,model,avg_output_tps,peak_to_avg\nw,m,1000,1.5\n',
      sites: 'name,it_power_kw,racks,rack_units,rack_kw,liquid_cooling,pue,usd_per_kwh,usd_per_rack_month\nshort,1000,100,38,40,yes,1.0,0.01,0\nair,1000,100,48,40,no,1.0,0.01,0\nok,200,12,42,20,yes,1.2,0.1,1000\n',
      settings: ['horizon_months=24', 'purchase_interval_months=24'],
    });
    expect(plan.purchases).toEqual([{ period: 0, site: 'ok', option: 'wafer', model: 'm', replicas: 2, units: 6 }]);
    const ok = plan.sites.find((s) => s.site === 'ok')!;
    expect(ok.racks_used).toBe(12);
    expect(ok.power_kw_used).toBe(180);
    expect(ok.racks).toHaveLength(6);
    expect(ok.racks.every((r) => r.spans === 2 && r.u_used === 40 && r.kw_used === 30 && r.units.length === 1)).toBe(true);
    expect(tco!.months.filter((m) => (m.lines.system_replacement ?? 0) > 0).map((m) => m.month)).toEqual([7, 15, 22]);
    expect(line(tco!, 'residual_credit', 23)).toBeCloseTo(-4.4e6, 4);
    expect(plan.totals.horizon_cost_usd).toBeCloseTo(20140288, 4);
  });

  it('available_from before the start, on a period start, inside a period, after the horizon', async () => {
    // periods start 2026-01, 2026-07, 2027-01, 2027-07. Each box costs $1 (never replaced) and beats the API
    // (10 tok/s × 2.628 × $5 = $131.4/month) as soon as it is usable:
    // boxa (2025-06) from period 0, boxb (2026-07) from period 1, boxc (2026-08) from period 2, boxd (2028-01) never.
    // Cost: API for 6 + 12 + 24 months = 42 × 131.4 = 5,518.8; boxes 3 × $1 less residuals 1 × (1 − 24/100) + (1 − 18/100) + (1 − 12/100) = 2.46.
    const box = (id: string, m: string, from: string) => system(id, [{ model: m, points: [point(50, 100)] }], { price_usd: 1, available_from: from });
    const { plan } = await solve({
      catalog: { models: ['ma', 'mb', 'mc', 'md'].map(model), options: [box('boxa', 'ma', '2025-06'), box('boxb', 'mb', '2026-07'), box('boxc', 'mc', '2026-08'), box('boxd', 'md', '2028-01'), api('api', ['ma', 'mb', 'mc', 'md'], 1, 2)] },
      workloads: 'name,model,avg_output_tps\nwa,ma,10\nwb,mb,10\nwc,mc,10\nwd,md,10\n',
      sites: 'name,it_power_kw,racks\ndc,10,10\n',
      settings: ['horizon_months=24', 'purchase_interval_months=6'],
    });
    const on = (w: string) => [0, 1, 2, 3].map((k) => plan.assignments.find((a) => a.workload === w && a.period === k)!.option);
    expect(on('wa')).toEqual(['boxa', 'boxa', 'boxa', 'boxa']);
    expect(on('wb')).toEqual(['api', 'boxb', 'boxb', 'boxb']);
    expect(on('wc')).toEqual(['api', 'api', 'boxc', 'boxc']);
    expect(on('wd')).toEqual(['api', 'api', 'api', 'api']);
    expect(plan.totals.horizon_cost_usd).toBeCloseTo(42 * 131.4 + 3 - 2.46, 6);
  });

  it('capex budget per plan year (two periods in one plan year), then a total budget below the optimum', async () => {
    // Two workloads need one $10,000 box each; a budget of $15,000 a plan year allows one box in months 0–11
    // (periods 0 and 1 both fall in plan year 0). wa (API $1,051.2/month) gets the box at month 0;
    // wb (API $525.6/month) stays on the API for 12 months and gets its box at month 12 (plan year 1).
    // 10,000 × 24/60 + 10,000 × 12/60 (net of residual) + 12 × 525.6 = 12,307.2
    const box = (id: string, m: string) => system(id, [{ model: m, points: [point(50, 100)] }], { price_usd: 10000, lifetime_months: 60, max_power_kw: 1 });
    const s: Scenario = {
      catalog: { models: [model('ma'), model('mb')], options: [box('boxa', 'ma'), box('boxb', 'mb'), api('api', ['ma', 'mb'], 0, 40)] },
      workloads: 'name,model,avg_output_tps\nwa,ma,10\nwb,mb,5\n',
      sites: 'name,it_power_kw,racks\ndc,10,10\n',
      settings: ['horizon_months=24', 'purchase_interval_months=6', 'capex_budget_usd=15000'],
    };
    const a = await solve(s);
    expect(a.plan.purchases.map((p) => [p.period, p.option])).toEqual([[0, 'boxa'], [2, 'boxb']]);
    expect(a.plan.totals.horizon_cost_usd).toBeCloseTo(12307.2, 6);
    expect(a.plan.totals.capex_usd).toBeCloseTo(20000, 6);
    // every plan costs at least 12,307.2: a total budget of 12,000 is infeasible (exit 1, both limits named)
    const b = await solve({ ...s, settings: [...s.settings, 'total_budget_usd=12000'] });
    expect(b.code).toBe(1);
    expect(b.plan.status).toBe('infeasible');
    expect(b.plan.reasons!.join('\n')).toMatch(/total budget/);
    // with a $100/month penalty leaving both unserved (24 × 2 × 100 = 4,800) beats serving wb (≥ $525.6/month)
    // and wa (a box needs $10,000 > the $9,999 capex budget): objective 4,800, horizon cost 0
    const c = await solve({ ...s, settings: [...s.settings, 'capex_budget_usd=9999', 'unserved_penalty_usd_per_month=100'] });
    expect(c.code).toBe(0);
    expect(c.plan.unserved).toHaveLength(8);
    expect(c.plan.objective_usd).toBeCloseTo(4800, 6);
    expect(c.plan.totals.horizon_cost_usd).toBeCloseTo(0, 6);
    // two workloads, each unserved in four periods: two unserved workloads, not eight
    expect(c.tcoOut).toMatch(/^24 months from Jan 2026: 0 workloads served, 2 unserved in at least one period$/m);
  });

  it('latency fit picks the highest fitting unit_tps over a model list; an onprem edge device without inference_via; baseline (a)', async () => {
    // lat (big|small, ≤ 1,000 ms for 250 tokens, tiers commodity;premium):
    //   gpu/big points: 500 + 2,500 = 3,000 ✗; 300 + 500 = 800 ✓ (200 tok/s); 100 + 833 = 933 ✓ (400 tok/s) → 400
    //   gpu/small: 0 + 1,000 = 1,000 ✓ (exactly at the limit) → 600: peak 600 needs 1 unit (big would need 2)
    //   prem (premium API, 200 + 250 = 450 ✓) at $10/M: 1,051.2 M tok × 10 = $10,512/month, dearer than the gpu.
    // iot (onprem, 10 endpoints, peak 45 → 4.5 tok/s per endpoint ≤ 5): 10 boards × $100; energy 10 × 0.005 × 730 × 0.15 = 5.475.
    // gpu: 50,000 − 50,000 × (1 − 12/36) + 12 × 73 (1 kW × 1.0 PUE × 730 × 0.1); boards 1,000 − 666.67 + 12 × 5.475 → 17,941.7
    const { plan, tco } = await solve({
      catalog: {
        models: [model('big'), model('small')],
        options: [
          { ...api('prem', ['big'], 0, 10, 200, 'premium'), performance: [{ model: 'big', points: [point(1000, null, 200)] }] },
          system('gpu', [{ model: 'big', points: [point(100, 1000, 500), point(500, 200, 300), point(300, 400, 100)] }, { model: 'small', points: [point(250, 600, 0)] }], { rack_units: 4, max_power_kw: 1, typical_power_kw: 1, price_usd: 50000, lifetime_months: 36 }),
          { ...common('board', 'edge', 'edge_device'), price_usd: 100, typical_power_kw: 0.005, lifetime_months: 36, performance: [{ model: 'small', points: [point(20, 5)] }] },
        ],
      },
      workloads: 'name,model,avg_output_tps,max_latency_ms,tiers,placement,endpoints\nlat,big|small,400,1000,commodity;premium,any,0\niot,small,30,,,onprem,10\n',
      sites: 'name,it_power_kw,racks,pue,usd_per_kwh\ndc,10,10,1,0.1\n',
      settings: ['horizon_months=12', 'purchase_interval_months=12'],
    });
    expect(plan.assignments.find((a) => a.workload === 'lat')).toMatchObject({ option: 'gpu', model: 'small', site: 'dc', user_tps: 250, unit_tps: 600 });
    expect(plan.assignments.find((a) => a.workload === 'iot')).toMatchObject({ option: 'board', model: 'small', site: null });
    expect(plan.edge).toEqual([{ workload: 'iot', option: 'board', period: 0, devices: 10 }]);
    expect(plan.pools.map((p) => p.units)).toEqual([1]);
    expect(plan.totals.horizon_cost_usd).toBeCloseTo(50000 / 3 + 876 + 1000 / 3 + 65.7, 6);
    // baseline (a): lat on prem ($10,512/month); iot has no API and keeps its boards
    const base = (tco as unknown as { baselines: { id: string; horizon_cost_usd: number }[] }).baselines.find((b) => b.id === 'api')!;
    expect(base.horizon_cost_usd).toBeCloseTo(12 * (10512 + 5.475) + 1000 / 3, 6);
  });

  it('a rising hardware price buys ahead, max_utilization, cloud instances month by month with growth, edge replacements at π_hw', async () => {
    // u = 0.5: a 100 tok/s unit carries 50. b grows 2 %/month: period 0 peak 100 × 1.02^11 = 124.3 → 3 boxes,
    //   period 1 peak 1.02^23 → 157.7 → 4. With +50 %/yr and no residual, 4 at month 0 ($4,000) beats 3 + 1 × 1,500.
    // c on the instance: ⌈2 × 1.02^m⌉ = 2 (m = 0), 3 (m = 1…20), 4 (m = 21…23) → 730 × 74 = 54,020.
    // d: 5 devices × $10 at 0, re-bought (lifetime 10) at 10 and 20 at 50 × 1.5^(10/12) and 50 × 1.5^(20/12).
    const { plan, tco } = await solve({
      catalog: {
        models: [model('mb'), model('mc'), model('me')],
        options: [
          system('box', [{ model: 'mb', points: [point(50, 100)] }]),
          { ...common('ci', 'commodity', 'cloud_instance'), usd_per_hour: 1, performance: [{ model: 'mc', points: [point(50, 100)] }] },
          { ...common('dv', 'edge', 'edge_device'), price_usd: 10, typical_power_kw: 0, lifetime_months: 10, performance: [{ model: 'me', points: [point(50, 3)] }] },
        ],
      },
      workloads: 'name,model,avg_output_tps,peak_to_avg,monthly_growth_pct,endpoints,placement\nb,mb,100,1,2,0,any\nc,mc,100,1,2,0,any\nd,me,10,1,0,5,edge\n',
      sites: 'name,it_power_kw,racks\ndc,10,10\n',
      settings: ['horizon_months=24', 'purchase_interval_months=12', 'hardware_price_change_pct_per_year=50', 'max_utilization=0.5', 'residual_value=off'],
    });
    expect(plan.purchases.map((p) => [p.period, p.units])).toEqual([[0, 4]]);
    expect(plan.cloud.map((c) => c.instances)).toEqual([2, ...Array<number>(20).fill(3), 4, 4, 4]);
    const r10 = 50 * 1.5 ** (10 / 12);
    const r20 = 50 * 1.5 ** (20 / 12);
    expect(tco!.months.filter((m) => (m.lines.edge_capex ?? 0) > 0).map((m) => [m.month, m.lines.edge_capex])).toEqual([[0, 50], [10, expect.closeTo(r10, 6)], [20, expect.closeTo(r20, 6)]]);
    expect(plan.totals.capex_usd).toBeCloseTo(4050, 6);
    expect(plan.totals.horizon_cost_usd).toBeCloseTo(4000 + 54020 + 50 + r10 + r20, 6);
  });

  it('floating-point edges of DESIGN 4 take the 1e-9 tolerance: k[f,s] of 0.7 kW ÷ 0.1 kW, a latency of 0.1 + 0.2 ms, an edge share of 0.3 ÷ 3', async () => {
    // In doubles 0.7 / 0.1 = 6.999999999999999, 0.1 + 1000 × 0.2 / 1000 = 0.30000000000000004 and
    // 0.1 × 3 / 3 = 0.10000000000000002: each misses DESIGN's exact value without the tolerance.
    // wk: 700 tok/s at peak 1 on kbox (100 tok/s, 0.1 kW, 1 U) = 7 units; k = min(⌊7 U ÷ 1⌋, ⌊0.7 ÷ 0.1⌋) = 7 a rack → 1 rack.
    // wl: max_latency 0.3 ms, 0.2-token answers, a point of ttft 0.1 ms at 1,000 tok/s: 0.1 + 0.2 = 0.3 fits → 1 lbox (7.5 ÷ 10).
    // wp: 0.1 × 3 = 0.3 tok/s on pbox of 0.3 tok/s: 1 replica, not 2.
    // we: 3 endpoints of 0.1 × 3 ÷ 3 = 0.1 tok/s each on dv (0.1 tok/s): 3 devices.
    // kbox, lbox, pbox 7 + 1 + 1 racks-worth fit 3 racks (7 a rack each) exactly; every workload must be
    // served (no penalty), so any of the four read without the tolerance makes the scenario infeasible.
    // Cost: 9 systems × $1,000 + 3 devices × $10 = $9,030 at month 0, lifetime 100 → residual credit
    // 9,030 × (1 − 12/100); no energy, support or space: 9,030 × 0.12 = $1,083.60.
    const { code, plan } = await solve({
      catalog: {
        models: ['mk', 'ml', 'mp', 'me'].map(model),
        options: [
          system('kbox', [{ model: 'mk', points: [point(50, 100)] }], { max_power_kw: 0.1 }),
          system('lbox', [{ model: 'ml', points: [point(1000, 10, 0.1)] }]),
          system('pbox', [{ model: 'mp', points: [point(50, 0.3)] }]),
          { ...common('dv', 'edge', 'edge_device'), price_usd: 10, typical_power_kw: 0, lifetime_months: 100, performance: [{ model: 'me', points: [point(50, 0.1)] }] },
        ],
      },
      workloads: 'name,model,avg_output_tps,peak_to_avg,max_latency_ms,response_tokens,endpoints,placement\n'
        + 'wk,mk,700,1,,,0,onprem\nwl,ml,5,1.5,0.3,0.2,0,onprem\nwp,mp,0.1,3,,,0,onprem\nwe,me,0.1,3,,,3,edge\n',
      sites: 'name,it_power_kw,racks,rack_units,rack_kw\ndc,10,3,7,0.7\n',
      settings: ['horizon_months=12'],
    });
    expect(code).toBe(0);
    expect(plan.status).toBe('optimal');
    expect(plan.purchases.map((p) => [p.option, p.units]).sort()).toEqual([['kbox', 7], ['lbox', 1], ['pbox', 1]]);
    expect(plan.edge).toEqual([{ workload: 'we', option: 'dv', period: 0, devices: 3 }]);
    expect(plan.sites[0]!.racks_used).toBe(3);
    expect(plan.totals.horizon_cost_usd).toBeCloseTo(1083.6, 6);
  });

  it('a plan whose one-system baseline would need 1.5 M units is still costed: that baseline is "none", naming the count', async () => {
    // w: 1e7 tok/s × 1.5 on 'slow' (10 tok/s a unit, $1 M) would be 1,500,000 units; the API costs
    // 1e7 × 3,600 × 730 ÷ 1e6 = 26,280,000 M tokens × $1 a month, 12 months = $315,360,000. Baseline (b)
    // puts w on 'slow' for 1,500,000 units, more than the 200,000 FleetPlan lays out: tco once exited
    // 2 with that message after optimize had solved the plan.
    const { code, plan, tco } = await solve({
      catalog: { models: [model('m')], options: [system('slow', [{ model: 'm', points: [point(50, 10)] }], { price_usd: 1e6 }), api('api', ['m'], 0, 1)] },
      workloads: 'name,model,avg_output_tps,input_per_output\nw,m,1e7,0\n',
      sites: 'name,it_power_kw,racks\ndc,10,1\n',
      settings: ['horizon_months=12'],
    });
    expect(code).toBe(0);
    expect(plan.totals.horizon_cost_usd).toBeCloseTo(315_360_000, 4);
    expect(tco!.baselines!.find((b) => b.id === 'system')).toMatchObject({ status: 'none', reason: expect.stringContaining('site "dc" would need 1,500,000 system units') as unknown });
  });

  it('a penalty of 0 leaves every workload unserved: both baselines are "none" (the plan serves no workload)', async () => {
    // serving w costs more than 0 a month on either option, so the plan serves nothing at $0
    const { code, plan, tco } = await solve({
      catalog: { models: [model('m')], options: [system('box', [{ model: 'm', points: [point(50, 100)] }]), api('api', ['m'], 1, 1)] },
      workloads: 'name,model,avg_output_tps\nw,m,100\n',
      sites: 'name,it_power_kw,racks\ndc,10,1\n',
      settings: ['horizon_months=12', 'unserved_penalty_usd_per_month=0'],
    });
    expect(code).toBe(0);
    expect(plan.unserved.map((u) => u.workload)).toEqual(['w']);
    expect(plan.objective_usd).toBe(0);
    expect(tco!.baselines!.map((b) => [b.id, b.status, b.reason, b.saving_usd])).toEqual([['api', 'none', 'the plan serves no workload', null], ['system', 'none', 'the plan serves no workload', null]]);
  });
});
