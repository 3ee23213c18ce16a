// A user's acceptance test of the `fleetplan` command, written from DESIGN.md alone:
// input files typed by hand in DESIGN 7's forms (a semicolon workload file with a BOM, decimal
// commas, '%' and a quoted field with a line break; a tab sites file), settings through
// `fleetplan set`, and every expected figure computed here from DESIGN 4–6 — the cost lines by a
// few lines of arithmetic that import nothing from core/. Checked: optimize --json (periods,
// purchases, pools, racks and spans, whole cloud instances, edge devices, totals), tco --json and
// --csv (lines sum to each month, undiscounted and discounted totals), export-lp (re-solved by
// HiGHS and, where installed, by CBC: the same optimum), start_month against available_from,
// budgets, penalties with their reasons, exit codes, and malformed files that must change nothing.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import loadHighs from 'highs';
import { describe, expect, it } from 'vitest';
import { dispatcherFor } from '../backend/api-handlers.ts';
import { Backend } from '../backend/backend.ts';
import { findChromium } from '../backend/report.ts';
import { tempDir } from '../backend/test-helpers.ts';
import type { DesignPlan, DesignTco, Lines } from './design-json.test-helper.ts';
import { runCli as run } from './run-cli.test-helper.ts';

type Plan = DesignPlan;
type Tco = DesignTco;

const CBC = spawnSync('cbc', ['-quit'], { encoding: 'utf8' }).status === 0;
const RENDERER = fileURLToPath(new URL('../../out/renderer', import.meta.url));
/** the report is checked where it can be printed: Chromium, poppler and the renderer build (npm install builds it) */
const REPORT = (() => {
  try {
    findChromium();
  } catch {
    return false;
  }
  return spawnSync('pdftotext', ['-v']).status === 0 && fs.existsSync(path.join(RENDERER, 'report.html'));
})();

const src = { source: 'hand-made acceptance test', as_of: '2026-01-01' };

/** A document from a catalog and files; returns its path and its folder. */
async function document(catalog: unknown, files: Record<string, string>, settings: string[]) {
  const dir = tempDir('fleetplan-accept-');
  const file = path.join(dir, 'p.fleetplan');
  fs.writeFileSync(path.join(dir, 'catalog.json'), JSON.stringify(catalog, null, 2));
  expect((await run('init', file, '--catalog', path.join(dir, 'catalog.json'))).code).toBe(0);
  for (const [name, text] of Object.entries(files)) {
    fs.writeFileSync(path.join(dir, name), text);
    const r = await run('import', file, name.startsWith('sites') ? '--sites' : '--workloads', path.join(dir, name));
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  }
  const s = await run('set', file, ...settings);
  expect(s.err).toBe('');
  expect(s.code).toBe(0);
  return { dir, file };
}

async function optimize(file: string): Promise<{ code: number; out: string; err: string; plan: Plan }> {
  const json = path.join(path.dirname(file), 'plan.json');
  const r = await run('optimize', file, '--json', json, '--time-limit', '60');
  return { ...r, plan: JSON.parse(fs.readFileSync(json, 'utf8')) as Plan };
}

/** export-lp, re-solved by HiGHS and (when installed) CBC: both optima equal the plan's objective */
async function resolveLp(file: string, objective: number) {
  const lp = path.join(path.dirname(file), 'model.lp');
  expect((await run('export-lp', file, lp)).code).toBe(0);
  const res = (await loadHighs()).solve(fs.readFileSync(lp, 'utf8'), { output_flag: false, mip_rel_gap: 1e-9 } as never);
  expect(res.Status).toBe('Optimal');
  expect(res.ObjectiveValue).toBeCloseTo(objective, 3);
  if (CBC) {
    const cbc = spawnSync('cbc', [lp, 'ratio', '1e-9', 'solve'], { encoding: 'utf8', timeout: 120_000 });
    expect(cbc.stdout).toMatch(/Result - Optimal solution found/);
    expect(Number(/Objective value:\s+(\S+)/.exec(cbc.stdout)![1])).toBeCloseTo(objective, 3);
  }
}

const sha = (file: string) => fs.readFileSync(file).toString('base64');

describe('acceptance: a plan with every kind of option, computed by hand', () => {
  // DESIGN 3.2 options: sysA (system, 4 U, 5 kW nameplate, 4 kW typical, $100,000, 12 %/yr support,
  // 24-month life) holds the MoE model `moe` in replicas of 2 units; rackB (a liquid-cooled rack-scale
  // system, 2 racks per unit, 20 kW) holds `m8` in replicas of 2; inst (cloud instance, $10/h) holds
  // `moe` in replicas of 3 instances; apiX (token API, $5/M in, $20/M out); dev (edge device, $200,
  // 20-month life) runs its agents on apiX.
  const catalog = {
    models: [{ id: 'm8', params_b: 8, active_params_b: 8 }, { id: 'moe', params_b: 47, active_params_b: 13 }],
    options: [
      {
        id: 'sysA', name: 'Sys A', vendor: 'V', tier: 'commodity', kind: 'system', ...src,
        rack_units: 4, racks_per_unit: 1, max_power_kw: 5, typical_power_kw: 4, cooling: 'air', price_usd: 100_000, support_pct_per_year: 12, lifetime_months: 24,
        performance: [{ model: 'moe', units_per_replica: 2, points: [{ user_tps: 50, unit_tps: 1000, ttft_ms: 200 }, { user_tps: 100, unit_tps: 600, ttft_ms: 100 }] }],
      },
      {
        id: 'rackB', name: 'Rack B', vendor: 'V', tier: 'premium', kind: 'system', ...src,
        rack_units: 42, racks_per_unit: 2, max_power_kw: 20, typical_power_kw: 15, cooling: 'liquid', price_usd: 500_000, support_pct_per_year: 0, lifetime_months: 60,
        performance: [{ model: 'm8', units_per_replica: 2, points: [{ user_tps: 1000, unit_tps: 5000, ttft_ms: 50 }] }],
      },
      {
        id: 'inst', name: 'Inst', vendor: 'C', tier: 'commodity', kind: 'cloud_instance', ...src, usd_per_hour: 10,
        performance: [{ model: 'moe', units_per_replica: 3, points: [{ user_tps: 40, unit_tps: 800, ttft_ms: 300 }] }],
      },
      {
        id: 'apiX', name: 'API X', vendor: 'C', tier: 'commodity', kind: 'cloud_api', ...src, usd_per_m_input: 5, usd_per_m_output: 20,
        performance: [{ model: 'moe', points: [{ user_tps: 60, ttft_ms: 400 }] }, { model: 'm8', points: [{ user_tps: 80, unit_tps: null, ttft_ms: 100 }] }],
      },
      { id: 'dev', name: 'Dev', vendor: 'E', tier: 'edge', kind: 'edge_device', ...src, price_usd: 200, typical_power_kw: 0.01, lifetime_months: 20, inference_via: 'apiX', performance: [] },
    ],
  };
  // DESIGN 7 forms: a semicolon file with a BOM; '1.234,5'-style decimal commas, '5 %', a quoted tiers
  // field holding the delimiter and a line break. w1's limit of 5,200 ms is met exactly by sysA's
  // first point (200 + 1000 × 250 / 50 = 5,200 ms, so it is used: unit_tps 1,000 > 600).
  const workloads =
    '\uFEFFname;model;avg_output_tps;peak_to_avg;monthly_growth_pct;placement;tiers;endpoints;max_latency_ms\n' +
    'w1;moe;600,0;1,5;5 %;onprem;;0;5.200,0\n' +
    'w2;moe;4000,0;1,5;0;cloud;;;\n' +
    'w3;m8;10;1;0%;edge;;100;\n' +
    'w4;m8;"4 000";1,25;0;onprem;"premium;\ncommodity";0;\n';
  const sites = 'name\tit_power_kw\tracks\track_units\track_kw\tliquid_cooling\tpue\tusd_per_kwh\tusd_per_rack_month\nS1\t200\t10\t42\t15\tyes\t1,5\t0,10\t100\n';
  const settings = ['start_month=2026-01', 'horizon_months=30', 'purchase_interval_months=12', 'hardware_price_change_pct_per_year=-10%',
    'cloud_price_change_pct_per_year=12', 'discount_rate_pct=10%', 'residual_value=on'];

  it('optimize --json, tco --json/--csv and export-lp agree with DESIGN 4–6 worked by hand', { timeout: 180_000 }, async () => {
    const { dir, file } = await document(catalog, { 'w.csv': workloads, 'sites.tsv': sites }, settings);
    const { code, plan } = await optimize(file);
    expect(code).toBe(0);
    expect(plan.status).toBe('optimal');
    // H = 30, I = 12: K = ⌈30/12⌉ = 3 periods of 12, 12 and 6 months (DESIGN 4)
    expect(plan.periods).toEqual([{ period: 0, start_month: 0, months: 12 }, { period: 1, start_month: 12, months: 12 }, { period: 2, start_month: 24, months: 6 }]);

    // w1 (onprem): only sysA. P(m) = 600 × 1.5 × 1.05^m; busiest months 11, 23, 29:
    // 1,539.6 → ⌈/1000⌉ = 2 replicas; 2,765.1 → 3; 3,705.0 → 4. Buys 2, 1, 1 replicas = 4, 2, 2 units (R = 2).
    // w4 (onprem, premium): rackB, 4,000 × 1.25 = 5,000 ≤ 5,000 → 1 replica = 2 units, at month 0.
    expect(plan.purchases.map((p) => [p.period, p.option, p.model, p.replicas, p.units]).sort()).toEqual(
      [[0, 'rackB', 'm8', 1, 2], [0, 'sysA', 'moe', 2, 4], [1, 'sysA', 'moe', 1, 2], [2, 'sysA', 'moe', 1, 2]].sort());
    expect(plan.pools.filter((p) => p.option === 'sysA').map((p) => p.units)).toEqual([4, 6, 8]);
    expect(plan.assignments.filter((a) => a.workload === 'w1').map((a) => [a.option, a.user_tps, a.unit_tps])).toEqual(Array(3).fill(['sysA', 50, 1000]));
    // racks: sysA min(⌊42/4⌋, ⌊15/5⌋) = 3 a rack → ⌈4/3⌉, ⌈6/3⌉, ⌈8/3⌉ = 2, 2, 3; rackB 2 racks a unit → 4.
    // Nameplate power 4/6/8 × 5 + 2 × 20 = 60, 70, 80 kW.
    expect(plan.sites.map((s) => [s.period, s.racks_used, s.power_kw_used])).toEqual([[0, 6, 60], [1, 6, 70], [2, 7, 80]]);
    const rackB = plan.sites[0]!.racks.filter((r) => r.units.some((u) => u.option === 'rackB'));
    // a unit taking t racks is listed once, with spans t, u_used per rack and kw_used for the unit (DESIGN 8)
    expect(rackB.map((r) => [r.units.length, r.spans, r.u_used, r.kw_used])).toEqual([[1, 2, 42, 20], [1, 2, 42, 20]]);
    // w2 (cloud): inst, ⌈6,000 / 800⌉ = 8 replicas = 24 instances every month ($175,200 at month 0), against
    // the API's 4,000 × 3,600 × 730 / 10⁶ × (20 + 3 × 5) = $367,920 a month. Instances a multiple of R = 3.
    expect(plan.cloud).toHaveLength(30);
    expect(plan.cloud.every((c) => c.option === 'inst' && c.instances === 24 && c.instances % 3 === 0)).toBe(true);
    // w3 (edge, 100 endpoints): dev via apiX, bought once at month 0
    expect(plan.edge).toEqual([{ workload: 'w3', option: 'dev', period: 0, devices: 100 }]);
    expect(plan.unserved).toEqual([]);

    // DESIGN 6 line by line. π_hw(m) = 0.9^(m/12), π_cl(m) = 1.12^(m/12), δ(m) = 1.1^(−m/12).
    const hw = (m: number) => 0.9 ** (m / 12);
    const cl = (m: number) => 1.12 ** (m / 12);
    const hand: Lines[] = [];
    for (let m = 0; m < 30; m++) {
      const k = Math.floor(m / 12);
      const l: Lines = {
        // capex: sysA 4 × 100,000 and rackB 2 × 500,000 at 0; 2 × 100,000 × 0.9 at 12; 2 × 100,000 × 0.81 at 24
        system_capex: m === 0 ? 1_400_000 : m === 12 ? 180_000 : m === 24 ? 162_000 : 0,
        // the month-0 sysA tranche (life 24) is re-bought at 24: 4 × 100,000 × 0.81; the others outlive the horizon
        system_replacement: m === 24 ? 324_000 : 0,
        // units × typical kW × PUE 1.5 × 730 h × $0.10: sysA 438 a unit; rackB 2 × 15 × 1.5 × 73 = 3,285
        system_energy: [4, 6, 8][k]! * 438 + 3285,
        // 1 %/month of each sysA tranche's latest price: 4,000 (3,240 from its re-buy at 24), 1,800 from 12, 1,620 from 24
        system_support: (m < 24 ? 4000 : 3240) + (m >= 12 ? 1800 : 0) + (m >= 24 ? 1620 : 0),
        system_space: [6, 6, 7][k]! * 100,
        cloud_instances: 24 * 10 * 730 * cl(m),
        // devices at 0, re-bought at 20 at π_hw(20)
        edge_capex: m === 0 ? 20_000 : m === 20 ? 20_000 * hw(20) : 0,
        edge_energy: 100 * 0.01 * 730 * 0.15,
        // apiX's token line for w3: 10 tok/s × 3,600 × 730 / 10⁶ × (20 + 3 × 5) × π_cl
        edge_inference: 10 * 3600 * 730 / 1e6 * 35 * cl(m),
        // month 29: sysA tranches last bought at 24, 12, 24 → 324,000 × 0.75 + 180,000 × 0.25 + 162,000 × 0.75;
        // rackB 1,000,000 × (1 − 30/60); devices 20,000 × 0.9^(20/12) × (1 − 10/20)
        residual_credit: m === 29 ? -(243_000 + 45_000 + 121_500 + 500_000 + 10_000 * hw(20)) : 0,
      };
      hand.push(l);
    }
    const handMonth = hand.map((l) => Object.values(l).reduce((a, b) => a + b, 0));
    const handUndiscounted = handMonth.reduce((a, b) => a + b, 0);
    const handHorizon = handMonth.reduce((a, v, m) => a + v * 1.1 ** (-m / 12), 0);
    expect(plan.totals.capex_usd).toBeCloseTo(1_762_000, 4);
    expect(plan.totals.horizon_cost_usd).toBeCloseTo(handHorizon, 4);
    expect(plan.objective_usd).toBeCloseTo(handHorizon, 4);

    const tcoJson = path.join(dir, 'tco.json');
    const tcoCsv = path.join(dir, 'tco.csv');
    expect((await run('tco', file, '--json', tcoJson, '--csv', tcoCsv)).code).toBe(0);
    const tco = JSON.parse(fs.readFileSync(tcoJson, 'utf8')) as Tco;
    expect(tco.totals.horizon_cost_usd).toBeCloseTo(handHorizon, 4);
    expect(tco.totals.undiscounted_usd).toBeCloseTo(handUndiscounted, 4);
    expect(tco.totals.capex_usd).toBeCloseTo(1_762_000, 4);
    expect(tco.months).toHaveLength(30);
    for (const [m, month] of tco.months.entries()) {
      expect(month.month).toBe(m);
      const lines = Object.values(month.lines).reduce((a, b) => a + b, 0);
      expect(lines).toBeCloseTo(month.total_usd, 6);
      expect(month.total_usd).toBeCloseTo(handMonth[m]!, 4);
      for (const [name, usd] of Object.entries(hand[m]!)) expect([m, name, month.lines[name] ?? 0]).toEqual([m, name, expect.closeTo(usd, 4)]);
    }
    // the CSV (section,month,month_label,line,line_label,usd): each month's line rows sum to its total row,
    // and both to the hand figure, to the cent; the totals rows carry the horizon and undiscounted sums
    const csvLines = new Array<number>(30).fill(0);
    const csvTotal = new Array<number>(30).fill(NaN);
    const csvTotals: Record<string, number> = {};
    for (const row of fs.readFileSync(tcoCsv, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).slice(1)) {
      const f = row.split(',');
      const [section, month, , line] = f;
      if (section === 'total') csvTotals[line!] = Number(f.at(-1));
      if (section !== 'month') continue;
      if (line === 'total') csvTotal[Number(month)] = Number(f.at(-1));
      else if (line !== 'cumulative_pv') csvLines[Number(month)]! += Number(f.at(-1));
    }
    csvLines.forEach((v, m) => expect(v).toBeCloseTo(handMonth[m]!, 1));
    csvTotal.forEach((v, m) => expect(v).toBeCloseTo(handMonth[m]!, 2));
    expect(csvTotals['horizon_cost_usd']).toBeCloseTo(handHorizon, 2);
    expect(csvTotals['undiscounted_usd']).toBeCloseTo(handUndiscounted, 2);

    await resolveLp(file, plan.objective_usd);

    // the PDF (where Chromium, poppler and a renderer build are at hand): its figures are the hand figures
    if (!REPORT) return;
    const pdf = path.join(dir, 'plan.pdf');
    // a copy of the build, so a concurrent build of out/renderer cannot pull the page away mid-print
    const renderer = path.join(dir, 'renderer');
    fs.cpSync(RENDERER, renderer, { recursive: true });
    process.env['FLEETPLAN_RENDERER_DIR'] = renderer;
    const rep = await run('report', file, pdf, '--page', 'Letter').finally(() => delete process.env['FLEETPLAN_RENDERER_DIR']);
    expect(rep.code).toBe(0);
    const text = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).stdout;
    expect(spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout).toMatch(/Page size:\s+612 x 792 pts \(letter\)/);
    const usd = (v: number) => `$${Math.round(v).toLocaleString('en-US')}`;
    for (const figure of [handHorizon, handUndiscounted, 1_762_000, 1_742_000, 324_000]) expect(text).toContain(usd(figure));
    // the year table: plan year 1 first purchases 1,420,000 (its months on the line below, in a
    // table of seven or eight columns); plan year 3 residual credit
    expect(text).toMatch(/Year 1\s+\$1,420,000[^\n]*\n\s*Jan 2026 – Dec 2026/);
    expect(text).toContain(`−${usd(-hand[29]!['residual_credit']!)}`);
  });
});

describe('acceptance: start_month against available_from, an interval that does not divide the horizon, budgets, penalties', () => {
  // box ($50,000) orderable now; late ($5,000) from 2026-10; the API costs 100 × 2.628 × 10 = $2,628 a month.
  // Both systems: 100 tok/s, 1 kW typical → 1 × 1.4 × 730 × 0.10 = $102.20 a month at a default site.
  const sys = (id: string, price: number, extra = {}) => ({
    id, name: id, vendor: 'V', tier: 'commodity', kind: 'system', ...src, rack_units: 2, max_power_kw: 1, typical_power_kw: 1, cooling: 'air',
    price_usd: price, support_pct_per_year: 0, lifetime_months: 36, performance: [{ model: 'm', points: [{ user_tps: 50, unit_tps: 100, ttft_ms: 0 }] }], ...extra,
  });
  const catalog = {
    models: [{ id: 'm', params_b: 70, active_params_b: 70 }],
    options: [
      sys('box', 50_000), sys('late', 5000, { available_from: '2026-10' }),
      { id: 'api', name: 'API', vendor: 'C', tier: 'commodity', kind: 'cloud_api', ...src, usd_per_m_input: 0, usd_per_m_output: 10, performance: [{ model: 'm', points: [{ user_tps: 50, ttft_ms: 0 }] }] },
    ],
  };
  const files = { 'w.csv': 'name,model,avg_output_tps,peak_to_avg\nw,m,100,1\n', 'sites.csv': 'name,it_power_kw,racks\ndc,100,10\n' };
  const energy = 102.2;
  const apiMonth = 2628;

  it('the period whose start month reaches available_from, then a capex budget, a total budget and a penalty', { timeout: 180_000 }, async () => {
    const { file } = await document(catalog, files, ['start_month=2026-02', 'horizon_months=24', 'purchase_interval_months=7', 'residual_value=off']);
    // I = 7, H = 24: periods at months 0, 7, 14, 21 holding 7, 7, 7, 3 months
    let { plan } = await optimize(file);
    expect(plan.periods.map((p) => [p.start_month, p.months])).toEqual([[0, 7], [7, 7], [14, 7], [21, 3]]);
    // from 2026-02 the periods start Feb 2026, Sep 2026, Apr 2027: late (2026-10) is usable from period 2.
    // API 14 months + late at 14 with 10 months of energy = 36,792 + 5,000 + 1,022 = 42,814,
    // against box at 0 (50,000 + 24 × 102.2 = 52,452.8) or the API throughout (63,072).
    expect(plan.assignments.map((a) => a.option)).toEqual(['api', 'api', 'late', 'late']);
    expect(plan.purchases.map((p) => [p.period, p.option, p.units])).toEqual([[2, 'late', 1]]);
    expect(plan.totals.horizon_cost_usd).toBeCloseTo(14 * apiMonth + 5000 + 10 * energy, 4);
    await resolveLp(file, plan.objective_usd);

    // from 2026-03 period 1 starts in Oct 2026 = available_from: late serves from month 7
    await run('set', file, 'start_month=2026-03');
    ({ plan } = await optimize(file));
    expect(plan.assignments.map((a) => a.option)).toEqual(['api', 'late', 'late', 'late']);
    expect(plan.totals.horizon_cost_usd).toBeCloseTo(7 * apiMonth + 5000 + 17 * energy, 4);

    // a capex budget of $4,999 a plan year rules out both purchases: the API throughout, 24 × 2,628
    await run('set', file, 'capex_budget_usd=4999');
    ({ plan } = await optimize(file));
    expect(plan.purchases).toEqual([]);
    expect(plan.totals.horizon_cost_usd).toBeCloseTo(24 * apiMonth, 4);
    expect(plan.totals.capex_usd).toBe(0);

    // and a total budget of $40,000 below that: infeasible, exit 1, the reasons naming both budgets;
    // each budget alone admits a plan, so neither is said to block alone
    await run('set', file, 'total_budget_usd=40 000');
    const inf = await optimize(file);
    expect(inf.code).toBe(1);
    expect(inf.plan.status).toBe('infeasible');
    const why = inf.out + inf.err;
    expect(why).toContain('a total budget of $63,072 would work (the budget is $40,000)');
    expect(why).toContain('a capex budget of $5,000 per plan year would work');
    expect(why).not.toMatch(/alone makes/);
    // tco of that plan: exit 1, the reasons on one line, the heading followed by its items (was ':;')
    const tcoInf = await run('tco', file);
    expect(tcoInf.code).toBe(1);
    expect(tcoInf.err).toContain('lifting any one of them admits a plan: the capex budget');
    expect(tcoInf.err).not.toContain(':;');

    // a penalty of $1,000 a month: serving costs more (API $2,628 a month; late blocked by the capex budget),
    // so w is unserved in all 24 months: objective 24,000, horizon cost 0 (penalties are not costs)
    await run('set', file, 'unserved_penalty_usd_per_month=1000');
    const pen = await optimize(file);
    expect(pen.code).toBe(0);
    expect(pen.plan.objective_usd).toBeCloseTo(24_000, 4);
    expect(pen.plan.totals.horizon_cost_usd).toBeCloseTo(0, 6);
    expect(pen.plan.unserved.map((u) => u.period)).toEqual([0, 1, 2, 3]);
    // period 0 has only the API (dearer than the penalty); from period 1 late would serve but for the capex budget
    // (5,000 + 17 × 102.2 = 6,737 < 17,000 of penalties)
    expect(pen.plan.unserved[0]!.reason).toMatch(/costs more than its unserved penalty/);
    for (const u of pen.plan.unserved.slice(1)) expect(u.reason).toMatch(/capex budget of \$4,999/);
    await resolveLp(file, pen.plan.objective_usd);
  });
});

describe('acceptance: the report page size is a setting of printing, not an input of the plan', () => {
  it('set page_size after a solve: the plan stays fresh and the report takes the new size; OUT = - is stdout', async () => {
    const catalog = {
      models: [{ id: 'm', params_b: 8, active_params_b: 8 }],
      options: [{ id: 'api', name: 'API', vendor: 'C', tier: 'commodity', kind: 'cloud_api', ...src, usd_per_m_input: 1, usd_per_m_output: 2, performance: [{ model: 'm', points: [{ user_tps: 50, ttft_ms: 0 }] }] }],
    };
    const { file } = await document(catalog, { 'w.csv': 'name,model,avg_output_tps\nw,m,10\n' }, ['start_month=2026-01', 'horizon_months=12']);
    expect((await optimize(file)).code).toBe(0);
    expect((await run('set', file, 'page_size=Letter')).code).toBe(0);
    // was: 'note: the inputs changed since this plan was solved', a stale mark in the scenario list,
    // and a report on the solved input's A4 with a warning on its cover
    expect((await run('tco', file)).out).not.toMatch(/inputs changed/);
    expect((await run('scenario', file, 'list')).out).toMatch(/^\* Base\t.*\tplan$/m);
    const b = new Backend({ userDataDir: tempDir('fleetplan-user-') });
    try {
      b.open(file);
      const data = await dispatcherFor(b)('report-data', {});
      expect(data.ok && [data.value.meta.pageSize, data.value.meta.stale]).toEqual(['Letter', false]);
    } finally {
      await b.dispose();
    }
    // OUT = - is stdout for every OUT (export's convention): the content alone, the summary on stderr
    // (optimize --json - and tco --json - wrote a file named '-' and printed the summary)
    const dir = path.dirname(file);
    const fromFile = JSON.parse(fs.readFileSync(path.join(dir, 'plan.json'), 'utf8')) as Plan;
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const o = await run('optimize', file, '--json', '-');
      expect(o.code).toBe(0);
      const piped = JSON.parse(o.out) as Plan;
      expect({ ...piped, solve_ms: 0 }).toEqual({ ...fromFile, solve_ms: 0 });
      expect(o.err).toMatch(/status: optimal/);
      const t = await run('tco', file, '--json', '-');
      expect((JSON.parse(t.out) as Tco).totals.horizon_cost_usd).toBeCloseTo(piped.totals.horizon_cost_usd, 6);
      // months and days as the rest of the text reads them ("solved 2026-12-07T09:33:12.345Z" above "36 months from 2026-12")
      expect(t.err).toMatch(/^TCO of scenario Base, plan #\d+ solved \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} UTC$/m);
      expect(t.err).toMatch(/^\d+ months from [A-Z][a-z]{2} \d{4}: /m);
      const lp = await run('export-lp', file, '-');
      expect(lp.out).toMatch(/^\\ FleetPlan MILP/);
      expect(lp.err).toMatch(/^wrote stdout: \d+ variables/);
      expect((await run('tco', file, '--json', '-', '--csv', '-')).code).toBe(2);
      expect(fs.existsSync(path.join(dir, '-'))).toBe(false);
    } finally {
      process.chdir(cwd);
    }
    // a setting of the plan still makes it stale
    expect((await run('set', file, 'horizon_months=13')).code).toBe(0);
    expect((await run('tco', file)).out).toMatch(/inputs changed/);
  });
});

describe('acceptance: a catalog JSON is read by the encoding rule of the CSV files', () => {
  it('UTF-16 (what PowerShell\'s > writes) imports, and inits, with a warning; binary data is refused', async () => {
    // was: "not valid JSON at line 1, column 1: Unexpected token '�'" (read as UTF-8 only)
    const catalog = { models: [{ id: 'm', params_b: 8, active_params_b: 8 }], options: [] };
    const { dir, file } = await document(catalog, {}, ['start_month=2026-01']);
    const text = JSON.stringify({ models: [{ id: 'm16', params_b: 1, active_params_b: 1 }], options: [] }, null, 2);
    const u16 = path.join(dir, 'u16.json');
    fs.writeFileSync(u16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const r = await run('import', file, '--catalog', u16);
    expect(r.code).toBe(0);
    expect(r.err).toBe(`warning: ${u16}: the file is UTF-16LE; it was converted (save as UTF-8 to avoid this)`);
    expect(r.out).toMatch(/models: 1 added/);
    const fresh = path.join(dir, 'fresh.fleetplan');
    const i = await run('init', fresh, '--catalog', u16);
    expect([i.code, i.err]).toEqual([0, `warning: ${u16}: the file is UTF-16LE; it was converted (save as UTF-8 to avoid this)`]);
    const bin = path.join(dir, 'bin.json');
    fs.writeFileSync(bin, Buffer.from([0, 1, 2, 3, 0x7b, 0x7d]));
    const before = sha(file);
    const b = await run('import', file, '--catalog', bin);
    expect([b.code, b.err]).toEqual([2, `fleetplan import: ${bin}: not a text JSON file (it contains binary data)`]);
    expect(sha(file)).toBe(before);
  });
});

describe('acceptance: malformed input exits 2 with file, line and field and leaves the document as it was', () => {
  const catalog = {
    models: [{ id: 'm', params_b: 8, active_params_b: 8 }],
    options: [
      { id: 'api', name: 'API', vendor: 'C', tier: 'commodity', kind: 'cloud_api', ...src, usd_per_m_input: 1, usd_per_m_output: 2, performance: [{ model: 'm', points: [{ user_tps: 50, ttft_ms: 0 }] }] },
      { id: 'gw', name: 'GW', vendor: 'E', tier: 'edge', kind: 'edge_device', ...src, price_usd: 10, typical_power_kw: 0, lifetime_months: 12, inference_via: 'api', performance: [] },
    ],
  };
  const bad: [string, string, RegExp][] = [
    ['w1.csv', 'name,model,avg_output_tps\na,m,"1,23"\n', /w1\.csv:2: avg_output_tps:/],
    ['w2.csv', 'name;model;avg_output_tps;peak_to_avg\na;m;10;0,9\n', /w2\.csv:2: peak_to_avg: must be ≥ 1/],
    ['w3.csv', 'name,model,avg_output_tps\na,m,10\nb,nomodel,5\n', /w3\.csv:3: model: unknown model 'nomodel'/],
    ['w4.csv', 'name,model,avg_output_tps,placement\na,m,10,moon\n', /w4\.csv:2: placement:/],
    ['w5.csv', 'name,model,avg_output_tps,tiers\na,m,10,gold\n', /w5\.csv:2: tiers:/],
    ['w6.csv', 'name,model,avg_output_tps,endpoints\na,m,10,1.5\n', /w6\.csv:2: endpoints: must be a whole number/],
    ['w7.csv', 'name,model,avg_output_tps\n"a\nb",m,10\nc,m,0\n', /w7\.csv:4: avg_output_tps: must be > 0/],
    ['w8.csv', 'name,model,avg_output_tps\na,m,10\na,m,20\n', /w8\.csv:3: name: duplicate name 'a'/],
    ['w9.csv', 'model,avg_output_tps\nm,10\n', /w9\.csv:1: missing required column 'name'/],
    ['sites1.csv', 'name,it_power_kw,racks\ns,100,2.5\n', /sites1\.csv:2: racks: must be a whole number/],
    ['sites2.csv', 'name;it_power_kw;racks;pue\ns;100;2;0,9\n', /sites2\.csv:2: pue: must be ≥ 1/],
    ['sites3.csv', 'name,it_power_kw,racks,liquid_cooling\ns,100,2,maybe\n', /sites3\.csv:2: liquid_cooling:/],
  ];

  it('workload and site rows, then catalog fields', async () => {
    const { dir, file } = await document(catalog, { 'ok.csv': 'name,model,avg_output_tps\nkeep,m,10\n' }, ['start_month=2026-01']);
    const before = sha(file);
    for (const [name, text, expected] of bad) {
      fs.writeFileSync(path.join(dir, name), text);
      const r = await run('import', file, name.startsWith('sites') ? '--sites' : '--workloads', path.join(dir, name));
      expect([name, r.code]).toEqual([name, 2]);
      expect(r.err).toMatch(expected);
      expect(sha(file)).toBe(before);
    }
    // catalog JSON: file:line: path: reason, the line being where the value starts
    const broken: [string, (c: typeof catalog) => void, string, string][] = [
      ['via.json', (c) => { (c.options[1] as Record<string, unknown>)['inference_via'] = 'gw'; }, '"inference_via": "gw"', 'options[1].inference_via:'],
      ['upr.json', (c) => { (c.options[0]!.performance[0] as Record<string, unknown>)['units_per_replica'] = 0; }, '"units_per_replica": 0', 'options[0].performance[0].units_per_replica: must be ≥ 1'],
      ['life.json', (c) => { (c.options[1] as Record<string, unknown>)['lifetime_months'] = 0.5; }, '"lifetime_months": 0.5', 'options[1].lifetime_months: must be ≥ 1'],
      ['avail.json', (c) => { (c.options[0] as Record<string, unknown>)['available_from'] = '2026-13'; }, '"available_from": "2026-13"', 'options[0].available_from:'],
    ];
    for (const [name, change, needle, field] of broken) {
      const c = structuredClone(catalog);
      change(c);
      const text = JSON.stringify(c, null, 2);
      fs.writeFileSync(path.join(dir, name), text);
      const r = await run('import', file, '--catalog', path.join(dir, name));
      expect([name, r.code]).toEqual([name, 2]);
      const line = text.slice(0, text.indexOf(needle)).split('\n').length;
      expect(r.err).toContain(`${name}:${line}: ${field}`);
      expect(sha(file)).toBe(before);
    }
    // settings: out of range or unreadable, exit 2, nothing written
    for (const kv of ['horizon_months=37', 'purchase_interval_months=0', 'start_month=2026-13', 'max_utilization=1.2', 'discount_rate_pct=-5', 'capex_budget_usd=-1', 'page_size=A3']) {
      const r = await run('set', file, kv);
      expect([kv, r.code]).toEqual([kv, 2]);
      expect(r.err).toContain(kv.split('=')[0]);
      expect(sha(file)).toBe(before);
    }
    // no solved plan: tco and report exit 2
    expect((await run('tco', file, '--json', path.join(dir, 't.json'))).code).toBe(2);
    expect((await run('report', file, path.join(dir, 'r.pdf'))).code).toBe(2);
    // --page in any case, as page_size=letter is: the missing plan is what stops it (was '--page: "letter" is not A4 or Letter')
    const lower = await run('report', file, path.join(dir, 'r.pdf'), '--page', 'letter');
    expect([lower.code, lower.err]).toEqual([2, expect.stringMatching(/no solved plan/)]);
    expect((await run('report', file, path.join(dir, 'r.pdf'), '--page', 'A3')).err).toMatch(/--page: "A3" is not A4 or Letter/);
    expect(sha(file)).toBe(before);
  });
});
