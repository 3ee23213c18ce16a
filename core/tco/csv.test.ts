// CSV and JSON exports: parse the CSV back with papaparse; formula injection neutralised.
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { COST_LINES } from '../cost.ts';
import { baselineComparisons } from './baselines.ts';
import { computeTco } from './engine.ts';
import { csvNumber, csvText, tcoCsv, tcoJson, tcoWideCsv } from './csv.ts';
import { api, assign, makeInput, makePlan, system } from './fixtures.test-helper.ts';
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

describe('tcoCsv', () => {
  it('parses back: one row per month and line, totals, values to the cent', () => {
    const { input, plan, report } = sample();
    const csv = tcoCsv(report, { baselines: baselineComparisons(input, plan, report) });
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
    const wide = Papa.parse<Record<string, string>>(tcoWideCsv(report), { header: true, skipEmptyLines: true });
    expect(wide.errors).toEqual([]);
    const monthCols = report.months.map((m) => m.label);
    expect(wide.meta.fields).toEqual(['line', 'line_label', ...monthCols, 'horizon_total']);
    expect(wide.data.map((r) => r.line)).toEqual([...COST_LINES, 'total', 'cumulative_pv']);
    const long = Papa.parse<Record<string, string>>(tcoCsv(report, { baselines: baselineComparisons(input, plan, report) }), { header: true, skipEmptyLines: true });
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
    const j = JSON.parse(JSON.stringify(tcoJson(report, { baselines: baselineComparisons(input, plan, report) })));
    expect(Object.keys(j.totals)).toEqual(expect.arrayContaining(['horizon_cost_usd', 'undiscounted_usd', 'capex_usd']));
    expect(j.months).toHaveLength(12);
    expect(j.months[0]).toMatchObject({ month: 0, label: '2026-07' });
    expect(j.months[0].lines.system_capex).toBe(240000);
    const sum = j.months.reduce((a: number, m: { total_usd: number }) => a + m.total_usd, 0);
    expect(sum).toBeCloseTo(j.totals.undiscounted_usd, 6);
    expect(j.baselines.map((b: { id: string }) => b.id)).toEqual(['api', 'system']);
  });
});
