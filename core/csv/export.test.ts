// export∘import = id over generated workload and site rows (fast-check), plus the export format.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unsafeCharIn } from '../names.ts';
import { PLACEMENTS, SiteSchema, TIERS, WorkloadSchema, type Site, type Workload } from '../types.ts';
import { csvTemplate, neutralise, sitesToCsv, workloadsToCsv } from './export.ts';
import { columnsFor } from './columns.ts';
import { previewCsv, unneutralise } from './import.ts';

// names people (and spreadsheets) produce: delimiters, quotes, newlines, formula starts, unicode
const nasty = fc.oneof(
  fc.string({ minLength: 1, maxLength: 20 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
  fc.tuple(fc.constantFrom('=', '-', '+', '@', "'", "'=", '"', ',', ';', '\n', '\r\n', '\t', ' ', 'é', '中', '🚀'), fc.string({ maxLength: 10 }))
    .map(([a, b]) => a + b),
  fc.string({ maxLength: 10 }).map((s) => `${s},"x";\n${s}`),
)
  // names are stored NFC without control or bidi characters (core/names.ts): generate such names
  .map((s) => s.normalize('NFC').replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu, ' '))
  .filter((s) => s.trim().length > 0 && unsafeCharIn(s) === null);

// -0 is written as "0" (a spreadsheet has no negative zero): the generator yields +0 instead
const num = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).map((x) => (x === 0 ? 0 : x));
const workload = fc.record({
  name: nasty,
  model: nasty.filter((s) => s.split('|').every((m) => m.trim().length > 0)),
  avg_output_tps: num(1e-6, 1e8),
  peak_to_avg: num(1, 100),
  input_per_output: num(0, 1e4),
  response_tokens: num(1e-3, 1e6),
  max_latency_ms: fc.option(num(1e-3, 3.6e6), { nil: null }),
  monthly_growth_pct: num(-99.9, 50),
  placement: fc.constantFrom(...PLACEMENTS),
  tiers: fc.subarray([...TIERS], { minLength: 1 }),
  endpoints: fc.nat(1_000_000),
}).map((w) => WorkloadSchema.parse(w));

const site = fc.record({
  name: nasty,
  it_power_kw: num(0, 1e6),
  racks: fc.nat(100_000),
  rack_units: num(1e-3, 100),
  rack_kw: num(1e-3, 1000),
  liquid_cooling: fc.boolean(),
  pue: num(1, 5),
  usd_per_kwh: num(0, 10),
  usd_per_rack_month: num(0, 1e5),
}).map((s) => SiteSchema.parse(s));

const uniqueBy = <T extends { name: string }>(a: fc.Arbitrary<T>) => fc.uniqueArray(a, { selector: (x) => x.name, maxLength: 25 });

describe('export∘import = id', () => {
  it('workloads', () => {
    fc.assert(
      fc.property(uniqueBy(workload), (rows: Workload[]) => {
        const csv = workloadsToCsv(rows);
        const p = previewCsv('workloads', csv);
        expect(p.errors).toEqual([]);
        expect(p.rows.map((r) => r.value)).toEqual(rows);
      }),
      { numRuns: 300 },
    );
  });

  it('sites', () => {
    fc.assert(
      fc.property(uniqueBy(site), (rows: Site[]) => {
        const p = previewCsv('sites', sitesToCsv(rows));
        expect(p.errors).toEqual([]);
        expect(p.rows.map((r) => r.value)).toEqual(rows);
      }),
      { numRuns: 300 },
    );
  });

  it('also through UTF-8 bytes with a BOM', () => {
    fc.assert(
      fc.property(uniqueBy(workload), (rows: Workload[]) => {
        const bytes = new TextEncoder().encode('\uFEFF' + workloadsToCsv(rows));
        expect(previewCsv('workloads', bytes).rows.map((r) => r.value)).toEqual(rows);
      }),
      { numRuns: 50 },
    );
  });
});

describe('export format', () => {
  it('writes DESIGN column names, quoted ;-joined tiers, . decimals, neutralised formulas', () => {
    const w = WorkloadSchema.parse({ name: '=HYPERLINK("x")', model: '@m', avg_output_tps: 1234.5, tiers: ['premium', 'edge'] });
    const lines = workloadsToCsv([w]).split('\r\n');
    expect(lines[0]).toBe('name,model,avg_output_tps,peak_to_avg,input_per_output,response_tokens,max_latency_ms,monthly_growth_pct,placement,tiers,endpoints');
    expect(lines[1]).toBe(`"'=HYPERLINK(""x"")",'@m,1234.5,1.5,3,250,,0,any,"premium;edge",0`);
    const s = SiteSchema.parse({ name: 'Site A', it_power_kw: 1000000, racks: 3, liquid_cooling: true });
    expect(sitesToCsv([s]).split('\r\n')[1]).toBe('Site A,1000000,3,42,15,yes,1.4,0.1,0');
    expect(sitesToCsv([])).toBe('name,it_power_kw,racks,rack_units,rack_kw,liquid_cooling,pue,usd_per_kwh,usd_per_rack_month\r\n');
  });

  it('neutralise and unneutralise are inverse', () => {
    fc.assert(fc.property(fc.string(), (s) => unneutralise(neutralise(s)) === s));
    expect(neutralise('-x')).toBe("'-x");
    expect(neutralise("'=x")).toBe("''=x");
    expect(neutralise("'plain")).toBe("'plain");
  });
});

describe('csvTemplate', () => {
  for (const kind of ['workloads', 'sites'] as const) {
    it(`${kind}: every column, and an example row that imports with no error or warning`, () => {
      const csv = csvTemplate(kind, 'gpt-oss-120b');
      const p = previewCsv(kind, csv, { knownModels: ['gpt-oss-120b'] });
      expect(p.columnsMapped.map((m) => m.column)).toEqual(columnsFor(kind).map((c) => c.name));
      expect(p.errors).toEqual([]);
      expect(p.warnings).toEqual([]);
      expect(p.rows).toHaveLength(1);
      if (kind === 'workloads') expect(p.rows[0]!.value).toMatchObject({ model: 'gpt-oss-120b' });
    });
  }
});
