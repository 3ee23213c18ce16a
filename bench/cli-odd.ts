// Small, odd scenarios fed to the `fleetplan` command as a user would (catalog JSON, workload and
// sites CSV, `set`), each aimed at one rule of docs/model.md: purchase intervals of 1, 5, 7 and the
// horizon over horizons of 12, 13 and 36; options arriving mid-period, at a period start and after
// the horizon; steep price trends; model lists with a model nothing serves; replicas and rack-scale
// units a site cannot hold; whole cloud instances pooled per month for 1e-6 tok/s; edge devices; a
// capex budget binding in plan year 2 only (a replacement in month 12 of a 13-month plan) or set to
// 0; a total budget; penalties of 0 and of unservable workloads; discounting and the residual credit;
// demand falling 99 % a month; 1e8 tok/s. For each: `optimize --json`, `tco --json`, `export-lp`,
// then CBC on that LP to optimality, and the checks: FleetPlan's optimal objective = CBC's (1e-6
// relative), infeasible verdicts agreed, objective − penalties = the TCO horizon cost, every row and
// cost of the plan by the independent checker (check-plan.test-helper.ts), capex per plan year and
// the total budget in the TCO's own month lines, and no NaN, Infinity or stack trace printed.
// Run: node bench/cli-odd.ts [--only NAME,…] [--keep]   (needs cbc; prints one line per scenario)
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { checkPlan } from '../core/optimizer/check-plan.test-helper.ts';
import { CatalogSchema, SettingsSchema, SiteSchema, WorkloadSchema, type PlanInput, type PlanResult, type SiteInput, type WorkloadInput } from '../core/types.ts';
import { findCbc, lpObjectiveConstant, runCbc } from './cbc.ts';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const SRC = { source: 'bench/cli-odd.ts', as_of: '2026-12', vendor: 'V' };
const m1 = (pts: object[]) => ({ model: 'm1', points: pts });
const OPTIONS = {
  'sys-a': { ...SRC, id: 'sys-a', name: 'A', tier: 'commodity', kind: 'system', rack_units: 4, max_power_kw: 5, typical_power_kw: 4, cooling: 'air', price_usd: 100_000, support_pct_per_year: 10, lifetime_months: 36,
    performance: [m1([{ user_tps: 50, unit_tps: 5000, ttft_ms: 200 }, { user_tps: 100, unit_tps: 2000, ttft_ms: 100 }]), { model: 'm2', units_per_replica: 2, points: [{ user_tps: 30, unit_tps: 800, ttft_ms: 500 }] }] },
  'sys-big': { ...SRC, id: 'sys-big', name: 'Big', tier: 'premium', kind: 'system', rack_units: 42, racks_per_unit: 2, max_power_kw: 40, typical_power_kw: 30, cooling: 'liquid', price_usd: 2_000_000, support_pct_per_year: 8, lifetime_months: 60,
    performance: [{ model: 'm2', units_per_replica: 4, points: [{ user_tps: 1000, unit_tps: 20_000, ttft_ms: 100 }] }] },
  'inst-a': { ...SRC, id: 'inst-a', name: 'Inst', tier: 'commodity', kind: 'cloud_instance', usd_per_hour: 3,
    performance: [m1([{ user_tps: 50, unit_tps: 600, ttft_ms: 300 }]), { model: 'm2', units_per_replica: 2, points: [{ user_tps: 30, unit_tps: 200, ttft_ms: 500 }] }] },
  'api-a': { ...SRC, id: 'api-a', name: 'API A', tier: 'commodity', kind: 'cloud_api', usd_per_m_input: 0.2, usd_per_m_output: 0.6, performance: [m1([{ user_tps: 80, ttft_ms: 300 }])] },
  'api-b': { ...SRC, id: 'api-b', name: 'API B', tier: 'premium', kind: 'cloud_api', usd_per_m_input: 0.85, usd_per_m_output: 1.2, performance: [{ model: 'm2', points: [{ user_tps: 1500, ttft_ms: 150 }] }] },
  'edge-dev': { ...SRC, id: 'edge-dev', name: 'Board', tier: 'edge', kind: 'edge_device', price_usd: 200, typical_power_kw: 0.01, lifetime_months: 48, performance: [m1([{ user_tps: 20, unit_tps: 30, ttft_ms: 50 }])] },
  'edge-esp': { ...SRC, id: 'edge-esp', name: 'ESP', tier: 'edge', kind: 'edge_device', price_usd: 6, typical_power_kw: 0.0005, lifetime_months: 36, inference_via: 'api-a', performance: [] },
} as const;
type Id = keyof typeof OPTIONS;
const MODELS = [{ id: 'm1', params_b: 8, active_params_b: 8 }, { id: 'm2', params_b: 70, active_params_b: 70 }, { id: 'm3', params_b: 400, active_params_b: 400 }];
const DC1: SiteInput = { name: 'dc1', it_power_kw: 200, racks: 10, rack_units: 42, rack_kw: 15, liquid_cooling: true, pue: 1.3, usd_per_kwh: 0.1, usd_per_rack_month: 500 };

type Odd = { name: string; rule: string; workloads: WorkloadInput[]; sites?: SiteInput[]; settings: Record<string, string | number>; only?: Id[]; patch?: Partial<Record<Id, object>> };
const w = (name: string, model: string, avg_output_tps: number, more: Partial<WorkloadInput> = {}): WorkloadInput => ({ name, model, avg_output_tps, ...more });
const set = (H: number, I: number, more: Record<string, string | number> = {}) => ({ horizon_months: H, purchase_interval_months: I, ...more });
const PEN = { unserved_penalty_usd_per_month: 1e6 };

export const ODD: Odd[] = [
  { name: 'monthly-12', rule: 'interval 1 over 12 months, 10 %/month growth', workloads: [w('a', 'm1', 3000, { monthly_growth_pct: 10, placement: 'onprem' }), w('b', 'm2', 800, { peak_to_avg: 1.2, monthly_growth_pct: 5 })], settings: set(12, 1) },
  { name: 'i5-h13', rule: 'interval 5 over 13 months (last period 3 months), shrinking demand', workloads: [w('a', 'm1', 4000, { monthly_growth_pct: 5, placement: 'onprem' }), w('b', 'm1', 500, { peak_to_avg: 2, monthly_growth_pct: -5 }), w('c', 'm2', 900, { peak_to_avg: 1, monthly_growth_pct: 3, tiers: ['commodity'] })], settings: set(13, 5) },
  { name: 'i7-h36-trends', rule: 'interval 7 over 36, hardware −30 %/yr, cloud +20 %/yr', workloads: [w('a', 'm1', 9000, { monthly_growth_pct: 2 }), w('b', 'm2', 3000, { monthly_growth_pct: 1 })], settings: set(36, 7, { hardware_price_change_pct_per_year: -30, cloud_price_change_pct_per_year: 20 }) },
  { name: 'once-36-discount', rule: 'one purchase, 10 % discount, residual of a 60-month rack-scale unit', workloads: [w('a', 'm2', 30_000, { placement: 'onprem' })], sites: [{ ...DC1, it_power_kw: 800, racks: 40, rack_kw: 25 }], settings: set(36, 36, { discount_rate_pct: 10 }) },
  { name: 'avail-mid-period', rule: 'the only option arrives in month 3 of a 6-month period', workloads: [w('a', 'm1', 3000, { placement: 'onprem' })], patch: { 'sys-a': { available_from: '2027-04' } }, settings: set(12, 6, PEN) },
  { name: 'avail-period-start', rule: 'the only option arrives at the second period start', workloads: [w('a', 'm1', 3000, { placement: 'onprem' })], patch: { 'sys-a': { available_from: '2027-07' } }, settings: set(12, 6, PEN) },
  { name: 'avail-after', rule: 'the only option arrives after the horizon (infeasible)', workloads: [w('a', 'm1', 3000, { placement: 'onprem' })], patch: { 'sys-a': { available_from: '2029-01' } }, settings: set(12, 6) },
  { name: 'model-list', rule: 'a|b where a fits no option', workloads: [w('a', 'm3|m1', 3000), w('b', 'm1|m3', 100)], settings: set(12, 12) },
  { name: 'replica-too-big', rule: 'a 2-unit replica on a site of one 4-U rack (infeasible)', workloads: [w('a', 'm2', 300, { placement: 'onprem', tiers: ['commodity'] })], sites: [{ name: 'small', it_power_kw: 100, racks: 1, rack_units: 4 }], settings: set(12, 12) },
  { name: 'short-racks', rule: 'a 42-U rack-scale unit, 40-U racks', workloads: [w('a', 'm2', 3000, { placement: 'onprem', tiers: ['premium'] })], sites: [{ name: 'short', it_power_kw: 500, racks: 10, rack_units: 40, rack_kw: 30, liquid_cooling: true }], settings: set(12, 12, { unserved_penalty_usd_per_month: 5000 }) },
  { name: 'tiny-cloud-pool', rule: 'six workloads of 1e-6 tok/s share one instance a month', only: ['inst-a'], workloads: ['a', 'b', 'c', 'd', 'e', 'f'].map((n) => w(n, 'm1', 1e-6, { peak_to_avg: 1, placement: 'cloud' })), settings: set(12, 3) },
  { name: 'tiny-replica-pairs', rule: '1e-6 tok/s on 2-instance replicas, growing 30 %/month', only: ['inst-a'], workloads: [w('a', 'm2', 1e-6, { peak_to_avg: 1 }), w('b', 'm2', 2e-6, { peak_to_avg: 1, monthly_growth_pct: 30 })], settings: set(13, 13) },
  { name: 'edge', rule: 'edge devices with and without inference_via', workloads: [w('e1', 'm1', 300, { placement: 'edge', endpoints: 100 }), w('e2', 'm1', 300, { monthly_growth_pct: 2, endpoints: 1000 }), w('e3', 'm1', 10, { placement: 'onprem', endpoints: 5 })], settings: set(24, 12) },
  { name: 'capex-year2-replacement', rule: '13 months, 12-month life: the replacement in month 12 is plan year 2', workloads: [w('a', 'm1', 9000, { placement: 'onprem' })], patch: { 'sys-a': { lifetime_months: 12 } }, settings: set(13, 5, { capex_budget_usd: 250_000, ...PEN }) },
  { name: 'capex-year2', rule: 'growth makes the capex budget bind in plan year 2', workloads: [w('a', 'm1', 20_000, { monthly_growth_pct: 8, placement: 'onprem' }), w('b', 'm1', 5000, { monthly_growth_pct: 8, placement: 'onprem' })], settings: set(24, 6, { capex_budget_usd: 1_000_000, unserved_penalty_usd_per_month: 200_000 }) },
  { name: 'capex-zero', rule: 'a capex budget of 0', workloads: [w('a', 'm1', 5000), w('b', 'm1', 50, { placement: 'onprem' })], settings: set(12, 6, { capex_budget_usd: 0, unserved_penalty_usd_per_month: 50_000 }) },
  { name: 'total-budget', rule: 'a total budget that holds a workload back', workloads: [w('a', 'm1', 20_000), w('b', 'm2', 5000)], settings: set(12, 12, { total_budget_usd: 300_000, unserved_penalty_usd_per_month: 100_000 }) },
  { name: 'total-budget-infeasible', rule: 'a total budget without a penalty', workloads: [w('a', 'm1', 20_000), w('b', 'm2', 5000)], settings: set(12, 12, { total_budget_usd: 300_000 }) },
  { name: 'penalty-unservable', rule: 'a model nothing serves, a latency nothing meets, a cheap penalty', workloads: [w('a', 'm3', 1000), w('b', 'm1', 1000), w('c', 'm2', 100, { placement: 'cloud', max_latency_ms: 20 })], settings: set(12, 4, { unserved_penalty_usd_per_month: 777 }) },
  { name: 'penalty-zero', rule: 'a penalty of 0 serves nothing', workloads: [w('a', 'm1', 5000), w('b', 'm3', 50, { placement: 'onprem' })], settings: set(12, 6, { unserved_penalty_usd_per_month: 0 }) },
  { name: 'discount-residual-trend', rule: '12 % discount, −25 %/yr hardware, 9-month periods over 30', workloads: [w('a', 'm1', 20_000, { monthly_growth_pct: 3, placement: 'onprem' }), w('b', 'm2', 3000, { monthly_growth_pct: 3, placement: 'onprem' })], sites: [{ ...DC1, it_power_kw: 800, racks: 40, rack_kw: 25 }], settings: set(30, 9, { discount_rate_pct: 12, hardware_price_change_pct_per_year: -25 }) },
  { name: 'residual-off', rule: 'residual value off, 5 % discount', workloads: [w('a', 'm1', 20_000, { monthly_growth_pct: 3, placement: 'onprem' })], sites: [{ ...DC1, it_power_kw: 800, racks: 40, rack_kw: 25 }], settings: set(30, 9, { residual_value: 'off', discount_rate_pct: 5 }) },
  { name: 'decline-to-zero', rule: 'demand falling 99 %, 60 % and 90 % a month', workloads: [w('a', 'm1', 20_000, { monthly_growth_pct: -99 }), w('b', 'm1', 20_000, { monthly_growth_pct: -60, placement: 'onprem' }), w('c', 'm2', 3000, { monthly_growth_pct: -90 })], sites: [{ ...DC1, it_power_kw: 800, racks: 40, rack_kw: 25 }], settings: set(36, 12) },
  { name: 'extreme-demand', rule: '1e8 tok/s on an API beside 1e-6 tok/s at a peak of 100×', only: ['api-a', 'inst-a'], workloads: [w('a', 'm1', 1e8, { peak_to_avg: 1 }), w('b', 'm1', 1e-6, { peak_to_avg: 100, placement: 'cloud' })], settings: set(12, 12) },
  { name: 'fractional-life', rule: 'a 7.5-month life, 50 % utilisation, 5-month periods', workloads: [w('a', 'm1', 5000, { monthly_growth_pct: 4, placement: 'onprem' })], patch: { 'sys-a': { lifetime_months: 7.5 } }, settings: set(24, 5, { max_utilization: 0.5, discount_rate_pct: 7 }) },
  { name: 'price-trend-bounds', rule: 'hardware +1,000 %/yr and cloud −99 %/yr, the ends of their ranges', workloads: [w('a', 'm1', 10_000, { monthly_growth_pct: 5, placement: 'onprem' }), w('b', 'm1', 500)], settings: set(36, 12, { hardware_price_change_pct_per_year: 1000, cloud_price_change_pct_per_year: -99 }) },
  { name: 'zero-site', rule: 'sites of 0 kW and 0 racks (infeasible)', workloads: [w('a', 'm1', 1000, { placement: 'onprem', tiers: ['commodity'] })], sites: [{ name: 'z', it_power_kw: 0, racks: 0 }, { name: 'z2', it_power_kw: 100, racks: 0 }], settings: set(12, 12) },
];

function csv(rows: object[]): string {
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: unknown) => (v == null ? '' : Array.isArray(v) ? v.join(';') : typeof v === 'boolean' ? (v ? 'yes' : 'no') : String(v));
  return [cols.join(','), ...rows.map((r) => cols.map((c) => cell((r as Record<string, unknown>)[c])).join(','))].join('\n') + '\n';
}

const BAD_TEXT = /\bNaN\b|Infinity|undefined|\n\s+at \S+ \(/;

/** Runs one scenario through the command and CBC; returns what is wrong (empty when nothing). */
export function runOdd(sc: Odd, cbc: string, dir: string): { line: string; problems: string[] } {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const options = (sc.only ?? (Object.keys(OPTIONS) as Id[])).map((id) => ({ ...OPTIONS[id], ...sc.patch?.[id] }));
  const catalog = { models: MODELS, options };
  const sites = sc.sites ?? [DC1];
  fs.writeFileSync(path.join(dir, 'cat.json'), JSON.stringify(catalog, null, 1));
  fs.writeFileSync(path.join(dir, 'w.csv'), csv(sc.workloads));
  fs.writeFileSync(path.join(dir, 's.csv'), csv(sites));
  const problems: string[] = [];
  const fp = (...args: string[]) => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/fleetplan.js'), ...args], { cwd: dir, encoding: 'utf8' });
    const text = r.stdout + r.stderr;
    if (BAD_TEXT.test(text)) problems.push(`${args[0]} printed ${BAD_TEXT.exec(text)![0].trim()}`);
    return r.status ?? -1;
  };
  const settings: Record<string, string | number> = { start_month: '2027-01', time_limit_s: 30, ...sc.settings };
  for (const args of [['init', 'p.fleetplan', '--catalog', 'cat.json'], ['import', 'p.fleetplan', '--sites', 's.csv'], ['import', 'p.fleetplan', '--workloads', 'w.csv'],
    ['set', 'p.fleetplan', ...Object.entries(settings).map(([k, v]) => `${k}=${v}`)]]) {
    if (fp(...args) !== 0) problems.push(`${args.slice(0, 3).join(' ')} failed`);
  }
  const code = fp('optimize', 'p.fleetplan', '--json', 'plan.json', '--workers', '1');
  fp('tco', 'p.fleetplan', '--json', 'tco.json');
  if (fp('export-lp', 'p.fleetplan', 'p.lp') !== 0) problems.push('export-lp failed');
  const read = <T>(f: string): T | null => (fs.existsSync(path.join(dir, f)) ? (JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as T) : null);
  const plan = read<PlanResult>('plan.json');
  type Tco = { totals: { horizon_cost_usd: number }; months: { month: number; lines: Record<string, number> }[] };
  const tco = read<Tco>('tco.json');
  const lp = fs.existsSync(path.join(dir, 'p.lp')) ? fs.readFileSync(path.join(dir, 'p.lp'), 'utf8') : '';
  const c = lp ? runCbc(cbc, path.join(dir, 'p.lp'), 300, 0) : null;
  const cbcObj = c?.objective == null ? null : c.objective + lpObjectiveConstant(lp);
  if (!plan) return { line: `${sc.name}: no plan JSON (exit ${code})`, problems: [...problems, 'no plan JSON'] };
  if ((plan.status === 'infeasible') !== (c?.status === 'infeasible')) problems.push(`FleetPlan ${plan.status}, CBC ${c?.status}`);
  if (plan.status === 'optimal' && c?.status === 'optimal' && cbcObj != null && Math.abs(plan.objective_usd! - cbcObj) > 1e-6 * Math.max(1, Math.abs(cbcObj))) {
    problems.push(`objective ${plan.objective_usd} ≠ CBC's ${cbcObj}`);
  }
  if (plan.objective_usd != null) {
    const input: PlanInput = {
      catalog: CatalogSchema.parse(catalog), workloads: sc.workloads.map((x) => WorkloadSchema.parse(x)), sites: sites.map((x) => SiteSchema.parse(x)),
      settings: SettingsSchema.parse({ ...settings, residual_value: settings.residual_value !== 'off' }),
    };
    // the plan as the document stores it (the JSON leaves out tier, kind, ttft_ms and the racks' own rows)
    const db = new Database(path.join(dir, 'p.fleetplan'), { readonly: true });
    const stored = db.prepare('SELECT result FROM plans ORDER BY id DESC LIMIT 1').get() as { result: string };
    db.close();
    const full = JSON.parse(stored.result) as PlanResult;
    if (full.objective_usd !== plan.objective_usd) problems.push(`the stored plan's objective ${full.objective_usd} ≠ the JSON's ${plan.objective_usd}`);
    problems.push(...checkPlan(input, full));
    const months = new Map(plan.periods.map((p) => [p.period, p.months]));
    const penalties = plan.unserved.reduce((s, u) => s + (input.settings.unserved_penalty_usd_per_month ?? 0) * (months.get(u.period) ?? 0), 0);
    const h = tco?.totals.horizon_cost_usd ?? NaN;
    if (!(Math.abs(plan.objective_usd - penalties - h) <= 1e-6 * Math.max(1, Math.abs(h)))) problems.push(`objective − penalties ${plan.objective_usd - penalties} ≠ TCO horizon cost ${h}`);
    const capex = input.settings.capex_budget_usd;
    const years = new Map<number, number>();
    for (const m of tco?.months ?? []) {
      years.set(Math.floor(m.month / 12), (years.get(Math.floor(m.month / 12)) ?? 0) + (m.lines.system_capex ?? 0) + (m.lines.system_replacement ?? 0) + (m.lines.edge_capex ?? 0));
    }
    for (const [y, v] of years) if (capex != null && v > capex * (1 + 1e-9) + 1e-6) problems.push(`plan year ${y + 1} buys ${v} over the capex budget ${capex}`);
    const total = input.settings.total_budget_usd;
    if (total != null && h > total * (1 + 1e-9)) problems.push(`horizon cost ${h} over the total budget ${total}`);
  }
  const line = `${sc.name.padEnd(26)} ${plan.status.padEnd(10)} ${plan.objective_usd == null ? '—' : plan.objective_usd.toFixed(2)}  CBC ${c?.status ?? '—'} ${cbcObj == null ? '' : cbcObj.toFixed(2)}`;
  return { line, problems };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { only: { type: 'string' }, keep: { type: 'boolean', default: false } } });
  const cbc = findCbc(false);
  if (!cbc) throw new Error('cbc is not installed');
  const only = values.only?.split(',');
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetplan-odd-'));
  let failed = 0;
  for (const sc of ODD.filter((s) => !only || only.includes(s.name))) {
    const { line, problems } = runOdd(sc, cbc, path.join(root, sc.name));
    console.log(`${line}   (${sc.rule})`);
    for (const p of problems) console.log(`    !! ${p}`);
    if (problems.length > 0) failed++;
  }
  console.log(failed === 0 ? 'every scenario checked out' : `${failed} scenario(s) with problems`);
  if (!values.keep) fs.rmSync(root, { recursive: true, force: true });
  else console.log(`files kept in ${root}`);
  process.exitCode = failed === 0 ? 0 : 1;
}
