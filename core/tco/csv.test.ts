// CSV and JSON exports: parse the CSV back with papaparse; formula injection neutralised.
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { COST_LINES } from '../cost.ts';
import { baselineComparisons } from './baselines.ts';
import { computeTco } from './engine.ts';
import { csvNumber, csvText, horizonCostKpi, residualWords, sensitivityBaseText, tcoCsv, tcoCsvFileName, tcoExportNotes, tcoJson, tcoWideCsv, type TcoExportSource } from './csv.ts';
import { applyAssumptions, assumptionsOf } from './what-if.ts';
import { api, assign, instance, makeInput, makePlan, system } from './fixtures.test-helper.ts';
import { layoutRacks } from './racks.ts';

const site = { name: '=HYPERLINK("http://x","y")', it_power_kw: 1000, racks: 50, pue: 1.5, usd_per_kwh: 0.1, usd_per_rack_month: 1000, rack_kw: 20 };

function sample() {
  const input = makeInput({
    options: [system('S'), api('A', 2, 0.5)],
    workloads: [
      { name: 'W', model: 'm', avg_output_tps: 1000, peak_to_avg: 1.5 },
      { name: 'V', model: 'm', avg_output_tps: 10 },
    ],
    sites: [site],
    settings: { residual_value: true, start_month: '2026-07' },
  });
  const pools = [{ period: 0, site: site.name, option: 'S', model: 'm', units: 2 }];
  const plan = makePlan([assign(input, 'W', 'S', site.name), assign(input, 'V', 'A')], pools, layoutRacks(input, pools));
  return { input, plan, report: computeTco(input, plan) };
}

/** The plan stored as plan #7 of scenario "base", solved from the current inputs. */
const stored = (plan: ReturnType<typeof sample>['plan'], extra: Partial<TcoExportSource> = {}): TcoExportSource => ({
  scenario: 'base', plan: { id: 7, solvedAt: '2026-12-05T10:00:00Z', stale: false, result: plan }, ...extra,
});

describe('tcoCsv', () => {
  it('parses back: one row per month and line, totals, values to the cent', () => {
    const { input, plan, report } = sample();
    const csv = tcoCsv(report, stored(plan), { baselines: baselineComparisons(input, plan, report) });
    expect(csv.startsWith('\ufeff')).toBe(true);
    const parsed = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields).toEqual(['section', 'month', 'month_label', 'line', 'line_label', 'usd']);
    const months = parsed.data.filter((r) => r.section === 'month');
    expect(months).toHaveLength(12 * (COST_LINES.length + 2));
    const capex0 = months.find((r) => r.month === '0' && r.line === 'system_capex')!;
    expect(capex0.month_label).toBe('2026-07');
    expect(Number(capex0.usd)).toBe(240000);
    const energy = months.find((r) => r.month === '11' && r.line === 'system_energy')!;
    expect(Number(energy.usd)).toBe(1314); // 2 × 6 kW × 1.5 × 730 × 0.10
    const residual = months.find((r) => r.month === '11' && r.line === 'residual_credit')!;
    expect(Number(residual.usd)).toBe(-192000); // 2 × 120,000 × (1 − 12/60), a number, not escaped
    const total = parsed.data.find((r) => r.section === 'total' && r.line === 'horizon_cost_usd')!;
    expect(Number(total.usd)).toBeCloseTo(report.totals.horizon_cost_usd, 2);
    const siteRow = parsed.data.find((r) => r.section === 'site_total' && r.line?.includes('HYPERLINK'))!;
    expect(siteRow.line!.startsWith("'=")).toBe(true);
    expect(parsed.data.some((r) => r.section === 'baseline')).toBe(true);
    expect(csv.split('\r\n').length).toBe(parsed.data.length + 2); // header + trailing newline
  });

  it('neutralises formula triggers and quotes delimiters', () => {
    expect(csvText('=1+1')).toBe("'=1+1");
    expect(csvText('+A1')).toBe("'+A1");
    expect(csvText('-cmd')).toBe("'-cmd");
    expect(csvText('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvText('a,"b"')).toBe('"a,""b"""');
    expect(csvText('plain')).toBe('plain');
    expect(csvNumber(-0.001)).toBe('0.00');
    expect(csvNumber(1234.567)).toBe('1234.57');
    expect(csvNumber(null)).toBe('');
  });
});

describe('tcoWideCsv', () => {
  it('pivots the long CSV: a row per line, a column per calendar month, the same cents', () => {
    const { input, plan, report } = sample();
    const wide = Papa.parse<Record<string, string>>(tcoWideCsv(report, stored(plan)), { header: true, skipEmptyLines: true });
    expect(wide.errors).toEqual([]);
    const monthCols = report.months.map((m) => m.label);
    expect(wide.meta.fields).toEqual(['line', 'line_label', ...monthCols, 'horizon_total']);
    const about = tcoExportNotes(report, stored(plan)).map((n) => `about:${n.key}`);
    expect(wide.data.map((r) => r.line)).toEqual([...about, ...COST_LINES, 'total', 'cumulative_pv']);
    const long = Papa.parse<Record<string, string>>(tcoCsv(report, stored(plan), { baselines: baselineComparisons(input, plan, report) }), { header: true, skipEmptyLines: true });
    for (const r of long.data.filter((x) => x.section === 'month')) {
      const w = wide.data.find((x) => x.line === r.line)!;
      expect(w[r.month_label!]).toBe(r.usd);
    }
    const total = wide.data.find((r) => r.line === 'total')!;
    expect(Number(total.horizon_total)).toBeCloseTo(report.totals.undiscounted_usd, 2);
    expect(wide.data.find((r) => r.line === 'cumulative_pv')!.horizon_total).toBe('');
  });
});

describe('tcoJson', () => {
  it('has the DESIGN 8 shape', () => {
    const { input, plan, report } = sample();
    const j = JSON.parse(JSON.stringify(tcoJson(report, stored(plan), { baselines: baselineComparisons(input, plan, report) })));
    expect(Object.keys(j.totals)).toEqual(expect.arrayContaining(['horizon_cost_usd', 'undiscounted_usd', 'capex_usd']));
    expect(j.months).toHaveLength(12);
    expect(j.months[0]).toMatchObject({ month: 0, label: '2026-07' });
    expect(j.months[0].lines.system_capex).toBe(240000);
    const sum = j.months.reduce((a: number, m: { total_usd: number }) => a + m.total_usd, 0);
    expect(sum).toBeCloseTo(j.totals.undiscounted_usd, 6);
    expect(j.baselines.map((b: { id: string }) => b.id)).toEqual(['api', 'system']);
  });
});

describe('a lopsided baseline in the exports', () => {
  it('labels its difference as no saving to plan on, with the reason, in the CSV and the JSON (as the CLI and the PDF say it)', () => {
    const { input, plan, report } = sample();
    const cmps = baselineComparisons(input, plan, report);
    const lopsided = 'a lopsided comparison: only S serves all 1 workloads, so the difference is not a saving to plan on';
    const bent = cmps.map((c) => (c.baseline.id === 'system' ? { ...c, baseline: { ...c.baseline, lopsided } } : c));
    const rows = Papa.parse<Record<string, string>>(tcoCsv(report, stored(plan), { baselines: bent }), { header: true, skipEmptyLines: true }).data;
    const saving = (id: string) => rows.find((r) => r.line === `${id}_saving_usd`)!.line_label;
    expect(saving('system')).toMatch(/^Difference vs .*: a lopsided comparison: .*not a saving to plan on$/);
    expect(saving('system')).not.toMatch(/^Saving/);
    expect(saving('api')).toMatch(/^Saving vs /);
    const j = tcoJson(report, stored(plan), { baselines: bent });
    expect(j.baselines.find((b) => b.id === 'system')!.lopsided).toBe(lopsided);
    expect(j.baselines.find((b) => b.id === 'api')!.lopsided).toBeNull();
  });
});

describe('what an export costs, said in the file', () => {
  const rows = (csv: string) => Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data;
  const about = (csv: string) => Object.fromEntries(rows(csv).filter((r) => r.section === 'about').map((r) => [r.line, r.line_label]));

  it('the long CSV starts with about rows: plan, status, inputs, what-if, discounting, residual, trends, horizon; usd empty', () => {
    const { plan, report } = sample();
    const csv = tcoCsv(report, stored(plan));
    const all = rows(csv);
    const first = all.findIndex((r) => r.section !== 'about');
    expect(all.slice(0, first).map((r) => r.line)).toEqual(['plan', 'plan_status', 'plan_inputs', 'what_if', 'currency', 'discount_rate_pct', 'residual_value', 'hardware_price_change_pct_per_year', 'cloud_price_change_pct_per_year', 'horizon_months']);
    expect(all.slice(first).some((r) => r.section === 'about')).toBe(false);
    expect(all.slice(0, first).every((r) => r.usd === '' && r.month === '')).toBe(true);
    const a = about(csv);
    expect(a.plan).toBe('Scenario "base", plan #7 solved 5 Dec 2026, 10:00 UTC');
    expect(a.plan_status).toBe('Optimal (proven least cost within 0.01 %)');
    expect(a.plan_inputs).toMatch(/^Up to date/);
    expect(a.what_if).toBe("No what-if: the scenario's saved settings");
    expect(a.discount_rate_pct).toBe('Discount rate 0%: nothing is discounted; the horizon cost is the undiscounted total');
    expect(a.residual_value).toBe('Residual value on: the last month (Jun 2027) credits the unused life of the hardware then held ($192,000); totals are net of it');
    expect(a.horizon_months).toBe('Horizon 12 months, Jul 2026 to Jun 2027');
    // at a rate of 0 nothing is discounted, and the note says no more (it spoke of "cumulative discounted rows")
    expect(a.currency).toBe('US dollars as paid in each month (prices follow the trends below); nothing is discounted (rate 0%)');
  });

  it('the baselines\' horizon costs and savings say they are discounted (they are present values, as the plan\'s horizon cost)', () => {
    const { input, plan } = sample();
    const eight = { ...input, settings: { ...input.settings, discount_rate_pct: 8 } };
    const report = computeTco(eight, plan);
    const csv = tcoCsv(report, stored(plan), { baselines: baselineComparisons(eight, plan, report) });
    const labels = rows(csv).filter((r) => r.section === 'baseline' && /_(horizon_cost|saving)_usd$/.test(r.line ?? '')).map((r) => r.line_label ?? '');
    expect(labels.length).toBeGreaterThan(0);
    for (const l of labels) expect(l).toContain('(discounted at 8% a year)');
  });

  it('labels say what they hold: no "discounted" at a 0 % rate, no "net of residual" with the credit off (they did)', () => {
    const { input, plan } = sample();
    const at = (settings: Partial<typeof input.settings>) => computeTco({ ...input, settings: { ...input.settings, ...settings } }, plan);
    const label = (csv: string, section: string, line: string) => rows(csv).find((r) => r.section === section && r.line === line)?.line_label;
    const zero = tcoCsv(at({ discount_rate_pct: 0, residual_value: false }), stored(plan));
    expect(label(zero, 'total', 'horizon_cost_usd')).toBe('Horizon cost (not discounted: rate 0%, no residual credit)');
    expect(label(zero, 'month', 'cumulative_pv')).toBe('Cumulative (not discounted: rate 0%)');
    expect(about(zero).residual_value).toBe('Residual value off: hardware still usable at the end of the horizon is not credited');
    const eight = at({ discount_rate_pct: 8 });
    const csv8 = tcoCsv(eight, stored(plan));
    expect(label(csv8, 'total', 'horizon_cost_usd')).toBe('Horizon cost (discounted at 8% a year, net of the residual credit)');
    expect(label(csv8, 'month', 'cumulative_pv')).toBe('Cumulative, discounted at 8% a year');
    expect(about(csv8).discount_rate_pct).toMatch(/^Discount rate 8% a year: the horizon cost and the cumulative rows are present values at Jul 2026 /);
    const wide = Papa.parse<Record<string, string>>(tcoWideCsv(eight, stored(plan)), { header: true, skipEmptyLines: true }).data;
    expect(wide.find((r) => r.line === 'cumulative_pv')?.line_label).toBe('Cumulative, discounted at 8% a year');
  });

  it('a what-if, a stale plan, an older plan, a plan stopped at its limit and unserved workloads are said, in the CSVs and the JSON alike', () => {
    const { input, plan } = sample();
    const saved = assumptionsOf(input.settings);
    const shown = { ...saved, discount_rate_pct: 8, hardware_price_change_pct_per_year: -20, pue: 1.9 };
    const report = computeTco(applyAssumptions(input, shown), plan);
    const stopped = { ...plan, status: 'time_limit' as const, gap: 0.0123, bound_usd: 1e6, unserved: [{ workload: 'X', period: 0, reason: 'no option' }] };
    const source = stored(stopped, { olderPlan: true, whatIf: { saved, shown } });
    source.plan!.stale = true;
    const r = { ...report, unserved_workloads: 1 };
    const a = about(tcoCsv(r, source));
    expect(a.plan).toBe('Scenario "base", plan #7 solved 5 Dec 2026, 10:00 UTC: an earlier plan of its history, not the latest');
    // the gap was proven for the settings and inputs it was solved with, not for this what-if (review)
    expect(a.plan_status).toBe('Best plan found within the time limit (gap 1.23% to the proven bound), at the settings and inputs it was solved with');
    expect(a.plan_inputs).toMatch(/^Out of date: the document's inputs changed after this plan was solved/);
    expect(a.what_if).toBe('What-if, not saved: the plan is held fixed and costed with discount rate 8% a year (saved: 0% a year); system and edge-device price trend −20% a year (saved: 0% a year); PUE 1.9 at every site (saved: each site\'s own)');
    expect(a.hardware_price_change_pct_per_year).toMatch(/^System and edge-device prices −20% a year/);
    // a workload unserved in one period is costed in the others (review: "nothing is costed for it here")
    expect(a.unserved_workloads).toBe('1 workload is left unserved in some period: nothing is costed for it in the periods it is unserved (the unserved penalty is not a cost)');
    expect(a.currency).toMatch(/present values at the discount rate below: the horizon cost, each baseline's horizon cost and the saving against it, and the cumulative rows$/);
    const wide = Papa.parse<Record<string, string>>(tcoWideCsv(r, source), { header: true, skipEmptyLines: true }).data;
    const j = JSON.parse(JSON.stringify(tcoJson({ ...computeTco(applyAssumptions(input, shown), plan), unserved_workloads: 1 }, source)));
    for (const [k, text] of Object.entries(a)) {
      expect(wide.find((x) => x.line === `about:${k}`)?.line_label).toBe(text);
      expect(j.notes.find((n: { key: string }) => n.key === k)?.text).toBe(text);
    }
    expect(j).toMatchObject({ scenario: 'base', plan_id: 7, status: 'time_limit', gap: 0.0123, stale: true, older_plan: true, discount_rate_pct: 8, discounted: true, hardware_price_change_pct_per_year: -20, unserved_workloads: 1 });
    expect(j.what_if.map((w: { assumption: string }) => w.assumption)).toEqual(['discount_rate_pct', 'hardware_price_change_pct_per_year', 'pue']);
  });
});

describe('months, read one way', () => {
  const rows = (csv: string) => Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data;
  const ISO_MONTH = /\b\d{4}-\d{2}\b/;

  it('the sentences name months as beyondPlanNote does ("Jun 2027"), the month columns a program reads stay YYYY-MM', () => {
    // the about rows read "Horizon 12 months, 2026-07 to 2027-06" and, in the same file, "solved
    // for 6 months (to Dec 2026)"
    const { input, plan } = sample();
    const eight = { ...input, settings: { ...input.settings, discount_rate_pct: 8 } };
    const report = computeTco(eight, plan);
    const source = stored({ ...plan, periods: [{ period: 0, start_month: 0, months: 6 }] });
    const csv = tcoCsv(report, source, { baselines: baselineComparisons(eight, plan, report) });
    const about = Object.fromEntries(rows(csv).filter((r) => r.section === 'about').map((r) => [r.line, r.line_label ?? '']));
    expect(about.plan).toBe('Scenario "base", plan #7 solved 5 Dec 2026, 10:00 UTC');
    expect(about.discount_rate_pct).toContain('present values at Jul 2026 (month m');
    expect(about.residual_value).toMatch(/^Residual value on: the last month \(Jun 2027\)/);
    expect(about.horizon_months).toBe('Horizon 12 months, Jul 2026 to Jun 2027');
    expect(about.beyond_plan).toMatch(/^This plan was solved for 6 months \(to Dec 2026\)/);
    for (const [k, text] of Object.entries(about)) expect(`${k}: ${text}`).not.toMatch(ISO_MONTH);
    const labelled = rows(csv).filter((r) => r.month_label);
    expect(labelled.length).toBeGreaterThan(0);
    for (const r of labelled) expect(r.month_label).toMatch(/^\d{4}-\d{2}$/);
    const wide = Papa.parse<Record<string, string>>(tcoWideCsv(report, source), { header: true });
    expect(wide.meta.fields!.slice(2, 4)).toEqual(['2026-07', '2026-08']);
    for (const r of wide.data.filter((x) => x.line?.startsWith('about:'))) expect(r.line_label).not.toMatch(ISO_MONTH);
    const j = JSON.parse(JSON.stringify(tcoJson(report, source)));
    expect(j).toMatchObject({ start_month: '2026-07', solved_at: '2026-12-05T10:00:00Z' });
    expect(j.months[11].label).toBe('2027-06');
    expect(j.notes.map((n: { text: string }) => n.text)).toEqual(Object.values(about));
  });

  it("the JSON's warnings name a month short of cloud instances as people read it", () => {
    // 0.5 × 1.1^m instances a month: month 8 (Mar 2027) needs 1.07, the plan rents 1
    const input = makeInput({
      options: [instance('I', 4)],
      workloads: [{ name: 'W', model: 'm', avg_output_tps: 100, peak_to_avg: 2, monthly_growth_pct: 10 }],
      settings: { max_utilization: 0.8, start_month: '2026-07' },
    });
    const plan = makePlan([assign(input, 'W', 'I')], [], [], input);
    plan.cloud = plan.cloud.map((c) => (c.month === 8 ? { ...c, instances: 1 } : c));
    const j = JSON.parse(JSON.stringify(tcoJson(computeTco(input, plan), stored(plan))));
    expect(j.capacity_ok).toBe(false);
    expect(j.warnings).toEqual(['1 × I for m in Mar 2027: its workloads need 1.07']);
  });
});

describe('tcoCsvFileName', () => {
  it('names every TCO export after the document and scenario (Results and the TCO view named the same tables two ways)', () => {
    expect(tcoCsvFileName('/home/a/demo.fleetplan', 'Base')).toBe('demo-Base-tco.csv');
    expect(tcoCsvFileName('C:\\plans\\Q3 plan.fleetplan', 'Buy once', { whatIf: true, wide: true })).toBe('Q3-plan-Buy-once-tco-what-if-by-month.csv');
    expect(tcoCsvFileName(null, null)).toBe('plan-scenario-tco.csv');
  });
});

describe('tco --json pools', () => {
  it('give each pool\'s figures with the period they are of: its last, whose workloads they count (a workload that left the pool earlier is not)', () => {
    const input = makeInput({
      options: [system('S'), api('A', 2, 0.5)],
      workloads: [{ name: 'W', model: 'm', avg_output_tps: 1000, peak_to_avg: 1.5 }, { name: 'V', model: 'm', avg_output_tps: 10 }],
      sites: [site],
      settings: { horizon_months: 24, purchase_interval_months: 12, start_month: '2026-07' },
    });
    // W on S in both periods; V on S in the first, on the token API in the second
    const pools = [0, 1].map((period) => ({ period, site: site.name, option: 'S', model: 'm', units: 2 }));
    const at = (a: ReturnType<typeof assign>, period: number) => ({ ...a, period });
    const plan = makePlan([at(assign(input, 'W', 'S', site.name), 0), at(assign(input, 'V', 'S', site.name), 0), at(assign(input, 'W', 'S', site.name), 1), at(assign(input, 'V', 'A'), 1)], pools, layoutRacks(input, pools));
    const j = JSON.parse(JSON.stringify(tcoJson(computeTco(input, plan), stored(plan)))) as { pools: Record<string, unknown>[] };
    expect(j.pools).toHaveLength(1);
    expect(j.pools[0]).toMatchObject({ period: 1, site: site.name, option: 'S', model: 'm', units: 2, workloads: 1 });
  });
});

describe('horizonCostKpi', () => {
  it("heads the horizon cost as the exports do: discounted or not, with or without the residual credit", () => {
    expect(horizonCostKpi({ horizon_months: 36, discount_rate_pct: 8, residual_value: true, residual_credit_usd: -96_000 })).toEqual({ label: 'Horizon cost (net present)', note: '36 months, discounted at 8% a year, net of the residual credit' });
    // a what-if (or a scenario) without the residual credit is not "net of residual"
    expect(horizonCostKpi({ horizon_months: 24, discount_rate_pct: 0, residual_value: false, residual_credit_usd: 0 })).toEqual({ label: 'Horizon cost', note: '24 months, not discounted: rate 0%, no residual credit' });
    expect(horizonCostKpi({ horizon_months: 12, discount_rate_pct: 7.25, residual_value: false, residual_credit_usd: 0 }).note).toBe('12 months, discounted at 7.25% a year, no residual credit');
  });

  it('says nothing of a residual credit that is on but $0 (a plan on token APIs alone), as the PDF and fleetplan tco do', () => {
    // TCO and Results read "36 months, discounted at 8% a year, net of the residual credit" with no hardware to credit
    expect(horizonCostKpi({ horizon_months: 36, discount_rate_pct: 8, residual_value: true, residual_credit_usd: 0 }).note).toBe('36 months, discounted at 8% a year');
    expect(horizonCostKpi({ horizon_months: 36, discount_rate_pct: 0, residual_value: true, residual_credit_usd: 0 }).note).toBe('36 months, not discounted: rate 0%');
    expect(residualWords({ residual_value: true, residual_credit_usd: 0 })).toBeNull();
  });

  it('labels an all-API plan\'s horizon cost in the CSV without a credit it does not have', () => {
    const input = makeInput({ options: [api('A', 1, 0)], workloads: [{ name: 'W', model: 'm', avg_output_tps: 1, peak_to_avg: 1 }], settings: { residual_value: true, discount_rate_pct: 8 } });
    const plan = makePlan([assign(input, 'W', 'A')], [], []);
    const report = computeTco(input, plan);
    expect(report.totals.residual_credit_usd).toBe(0);
    const row = Papa.parse<Record<string, string>>(tcoCsv(report, stored(plan)), { header: true, skipEmptyLines: true }).data.find((r) => r.section === 'total' && r.line === 'horizon_cost_usd');
    expect(row?.line_label).toBe('Horizon cost (discounted at 8% a year)');
  });
});

describe('sensitivityBaseText', () => {
  it('says whether the base is discounted and net of the residual credit', () => {
    expect(sensitivityBaseText(31_536_640.4, { discount_rate_pct: 8, residual_value: true, residual_credit_usd: -914_470 })).toBe('base $31,536,640, the horizon cost discounted at 8% a year, net of the residual credit');
    // a re-optimised base keeps its horizon cost only: "any" credit, which may be $0
    expect(sensitivityBaseText(31_536_640.4, { discount_rate_pct: 8, residual_value: true, residual_credit_usd: null })).toBe('base $31,536,640, the horizon cost discounted at 8% a year, net of any residual credit');
    expect(sensitivityBaseText(31_636_814, { discount_rate_pct: 0, residual_value: false, residual_credit_usd: 0 })).toBe('base $31,636,814, the horizon cost not discounted: rate 0%, no residual credit');
  });
});
