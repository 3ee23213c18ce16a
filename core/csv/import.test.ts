// Table-driven tests over core/csv/fixtures: real-world files and their expected outcomes.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { detectDelimiter, formatRowError, previewCsv, previewCsvAsync, ImportCancelled, type CsvKind, type ErrorKind } from './import.ts';
import { parseNumber } from './numbers.ts';
import { matchHeader } from './columns.ts';
import { decodeBytes } from './decode.ts';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const MODELS = ['llama-3.3-70b', 'gpt-oss-120b', 'llama-3.1-8b'];

type Expect = {
  kind?: CsvKind;
  delimiter?: ',' | ';' | '\t';
  encoding?: RegExp;
  fatal?: RegExp;
  /** valid rows: line → partial value */
  rows?: [number, Record<string, unknown>][];
  errors?: [number, string, ErrorKind][];
  warnings?: RegExp[];
  duplicates?: [number, string][];
};

const cases: [string, Expect][] = [
  ['excel-semicolon-bom-crlf.csv', {
    delimiter: ';', encoding: /BOM/,
    rows: [
      [2, { name: 'Chat support', avg_output_tps: 1234.5, peak_to_avg: 1.8, monthly_growth_pct: 2.5, tiers: ['premium', 'commodity'], max_latency_ms: 2000 }],
      [3, { name: 'Code completion', avg_output_tps: 12345678.25, input_per_output: 4.5, placement: 'onprem', tiers: ['premium'] }],
      [4, { name: 'Batch RAG', avg_output_tps: 0.75, max_latency_ms: null, monthly_growth_pct: -1.5, placement: 'cloud' }],
    ],
    errors: [],
  }],
  ['google-sheets-comma.csv', {
    delimiter: ',',
    rows: [
      [2, { name: 'Search answers', avg_output_tps: 1234.5, tiers: ['premium', 'commodity'] }],
      [3, { name: 'Agents', avg_output_tps: 12345678, max_latency_ms: null }],
      [4, { name: 'Voice', avg_output_tps: 800.25, peak_to_avg: 1.2 }],
    ],
    errors: [],
  }],
  ['tab-separated.tsv', {
    delimiter: '\t',
    rows: [
      [2, { name: 'Tabbed one', avg_output_tps: 1234.5, peak_to_avg: 1.5, monthly_growth_pct: 3 }],
      [3, { name: 'Tabbed two', avg_output_tps: 2500, monthly_growth_pct: 0.5 }],
      [4, { name: 'Tabbed three', avg_output_tps: 1.5, peak_to_avg: 1.25 }],
    ],
    errors: [],
  }],
  ['quoted-fields.csv', {
    rows: [
      [2, { name: 'Support, EU', tiers: ['premium', 'edge'] }],
      [3, { name: 'The "big" one' }],
      // a quoted field may hold line breaks (DESIGN 7); a name is one line, so they read as spaces
      // (the row was refused: names hold no control characters, core/names.ts)
      [4, { name: 'Multi line name', tiers: ['premium', 'commodity'] }],
    ],
    // the row after a 3-line quoted field starts on physical line 7
    errors: [[7, 'avg_output_tps', 'range']],
    warnings: [/^1 value held a line break or tab \(first: line 4, name 'Multi line name'\): read as a space/],
  }],
  ['blank-lines.csv', { rows: [[4, { name: 'first' }], [9, { name: 'third' }]], errors: [[7, 'avg_output_tps', 'range']] }],
  ['any-order-synonyms.csv', {
    rows: [
      [2, { name: 'Synonym row', model: 'llama-3.3-70b', avg_output_tps: 150, monthly_growth_pct: 4, max_latency_ms: 1500, peak_to_avg: 1.6, placement: 'onprem', tiers: ['premium', 'commodity'] }],
      [3, { name: 'Defaults row', peak_to_avg: 1.5, input_per_output: 3, response_tokens: 250, max_latency_ms: null, placement: 'any', tiers: ['premium', 'commodity', 'edge'], endpoints: 12 }],
    ],
    errors: [],
  }],
  ['thousands-right-wrong.csv', {
    rows: [[2, { avg_output_tps: 1234 }], [3, { avg_output_tps: 1234567.5 }]],
    errors: [[4, 'avg_output_tps', 'number'], [5, 'avg_output_tps', 'number'], [6, 'avg_output_tps', 'number']],
  }],
  ['thousands-semicolon.csv', {
    rows: [[2, { avg_output_tps: 1234.5 }], [3, { avg_output_tps: 1234567.75 }], [4, { avg_output_tps: 1.234 }]],
    errors: [[5, 'avg_output_tps', 'number'], [6, 'avg_output_tps', 'number']],
    warnings: [/'1\.234' on line 4 was read with '\.' as the decimal mark.*; write 1234 or 1\.234,0 if thousands were meant$/],
  }],
  ['percent-signs.csv', {
    rows: [[2, { monthly_growth_pct: 5 }], [3, { monthly_growth_pct: -2.5 }]],
    errors: [[4, 'peak_to_avg', 'number']],
  }],
  ['trailing-empty-columns.csv', { rows: [[2, { name: 'trailing' }], [3, { name: 'trailing 2', avg_output_tps: 20 }]], errors: [], warnings: [] }],
  ['empty.csv', { fatal: /empty/ }],
  ['header-only.csv', { rows: [], errors: [], warnings: [/no data rows/] }],
  ['binary-garbage.bin', { fatal: /not a text CSV file/ }],
  ['utf16le.csv', { encoding: /utf-16le/, rows: [[2, { name: 'Café UTF-16', avg_output_tps: 42 }]], warnings: [/UTF-16LE/] }],
  ['latin1.csv', { encoding: /windows-1252/, rows: [[2, { name: 'Café Zürich', avg_output_tps: 12.5 }]], warnings: [/not valid UTF-8/] }],
  ['unknown-model.csv', { rows: [[3, { name: 'fine' }]], errors: [[2, 'model', 'unknown_model']] }],
  ['duplicates.csv', {
    rows: [[2, { name: 'same', avg_output_tps: 10 }], [3, { name: 'other' }], [5, { name: 'existing' }]],
    errors: [[4, 'name', 'duplicate_in_file']],
    duplicates: [[5, 'existing']],
  }],
  ['unknown-columns.csv', { rows: [[2, { name: 'with extras' }]], warnings: [/unknown columns 'owner', 'cost center' ignored/] }],
  ['missing-required.csv', { fatal: /missing required column 'model'/ }],
  ['unterminated-quote.csv', { rows: [[2, { name: 'ok' }]], errors: [[3, 'name', 'quotes']] }],
  ['bad-values.csv', {
    rows: [[8, { name: 'good', endpoints: 3, placement: 'edge' }]],
    errors: [
      [2, 'avg_output_tps', 'range'], [3, 'peak_to_avg', 'range'], [4, 'placement', 'choice'], [5, 'tiers', 'choice'],
      [6, 'endpoints', 'range'], [7, 'name', 'required'],
    ],
  }],
  ['formula-neutralised.csv', { rows: [[2, { name: '=SUM(A1)' }], [3, { name: '-minus' }], [4, { name: "'plain quote" }]], errors: [] }],
  ['sites-excel.csv', {
    kind: 'sites', delimiter: ';',
    rows: [
      [2, { name: 'Frankfurt', it_power_kw: 1250.5, racks: 40, rack_kw: 17.5, liquid_cooling: true, pue: 1.25, usd_per_kwh: 0.21, usd_per_rack_month: 1.2 }],
      [3, { name: 'Dublin', rack_units: 42, rack_kw: 15, liquid_cooling: false, pue: 1.4, usd_per_kwh: 0.1, usd_per_rack_month: 0 }],
      [4, { name: 'Austin', it_power_kw: 2000, liquid_cooling: true, usd_per_kwh: 0.065 }],
    ],
    errors: [
      [5, 'it_power_kw', 'range'], [5, 'racks', 'range'], [5, 'rack_kw', 'range'], [5, 'liquid_cooling', 'choice'],
      [5, 'pue', 'range'], [5, 'usd_per_kwh', 'number'],
    ],
    warnings: [/'1\.200' on line 2/],
  }],
  ['sites-comma.csv', {
    kind: 'sites',
    rows: [[2, { name: 'Oslo', liquid_cooling: true, usd_per_kwh: 0.05 }], [3, { name: 'Lisbon', it_power_kw: 1500, liquid_cooling: false }]],
    errors: [],
  }],
];

describe('CSV fixtures', () => {
  it('every fixture file has a case', () => {
    expect(fs.readdirSync(dir).sort()).toEqual(cases.map((c) => c[0]).sort());
  });

  for (const [file, ex] of cases) {
    it(file, () => {
      const kind = ex.kind ?? 'workloads';
      const bytes = new Uint8Array(fs.readFileSync(path.join(dir, file)));
      const p = previewCsv(kind, bytes, { fileName: file, knownModels: MODELS, existingNames: ['existing'] });
      if (ex.fatal) {
        expect(p.fatal).toMatch(ex.fatal);
        expect(p.rows).toEqual([]);
        return;
      }
      expect(p.fatal).toBeNull();
      if (ex.delimiter) expect(p.delimiter).toBe(ex.delimiter);
      if (ex.encoding) expect(p.encoding).toMatch(ex.encoding);
      if (ex.rows) {
        expect(p.rows.map((r) => r.line)).toEqual(ex.rows.map((r) => r[0]));
        ex.rows.forEach(([, partial], i) => expect(p.rows[i]!.value).toMatchObject(partial));
      }
      if (ex.errors) {
        const got = p.errors.map((e) => [e.line, e.column, e.kind]);
        expect(got.sort()).toEqual([...ex.errors].sort());
        const counts: Record<string, number> = {};
        for (const e of ex.errors) counts[e[2]] = (counts[e[2]] ?? 0) + 1;
        expect(p.errorCountsByKind).toEqual(counts);
        expect(p.invalidRows).toBe(new Set(ex.errors.map((e) => e[0])).size);
      }
      if (ex.warnings) {
        expect(p.warnings.length).toBe(ex.warnings.length);
        ex.warnings.forEach((w, i) => expect(p.warnings[i]).toMatch(w));
      }
      expect(p.duplicates.map((d) => [d.line, d.name])).toEqual(ex.duplicates ?? []);
      for (const e of p.errors) expect(e.reason.length).toBeGreaterThan(3);
    });
  }

  it('an unknown model names the closest known id and the known list', () => {
    const p = previewCsv('workloads', 'name,model,avg_output_tps\nx,llama-3-70b,1\n', { knownModels: MODELS });
    expect(p.errors[0]!.reason).toBe(
      "unknown model 'llama-3-70b' — did you mean llama-3.3-70b? known: llama-3.3-70b, gpt-oss-120b, llama-3.1-8b",
    );
    expect(formatRowError('w.csv', p.errors[0]!)).toMatch(/^w\.csv:2: model: unknown model/);
  });

  it('"did you mean" comes as a suggestion per unknown model, which modelAliases then applies to every row naming it', () => {
    const csv = 'name,model,avg_output_tps\nx,llama-3-70b,1\ny,llama-3-70b|llama-3.1-8b,2\nz,zzzz-unknown-zzzz,3\n';
    const p = previewCsv('workloads', csv, { knownModels: MODELS });
    expect(p.modelSuggestions).toEqual([{ model: 'llama-3-70b', suggestion: 'llama-3.3-70b', rows: 2 }]);
    expect(p.rows).toEqual([]);
    const fixed = previewCsv('workloads', csv, { knownModels: MODELS, modelAliases: { 'llama-3-70b': 'llama-3.3-70b' } });
    expect(fixed.rows.map((r) => r.value.model)).toEqual(['llama-3.3-70b', 'llama-3.3-70b|llama-3.1-8b']);
    expect(fixed.errors.map((e) => [e.line, e.kind])).toEqual([[4, 'unknown_model']]);
    expect(fixed.modelSuggestions).toEqual([]);
  });

  it('an unknown model is reported alongside the row\'s other errors', () => {
    const p = previewCsv('workloads', 'name,model,avg_output_tps\nx,llama-3-70b,-1\n', { knownModels: MODELS });
    expect(p.errors.map((e) => [e.column, e.kind]).sort()).toEqual([['avg_output_tps', 'range'], ['model', 'unknown_model']]);
    expect(p.invalidRows).toBe(1);
  });

  it('a workload accepting several models (a|b) needs each of them known, and names the unknown one', () => {
    const ok = previewCsv('workloads', 'name,model,avg_output_tps\nx,llama-3.3-70b|llama-3.1-8b,1\n', { knownModels: MODELS });
    expect(ok.errors).toEqual([]);
    expect(ok.rows.map((r) => r.value.model)).toEqual(['llama-3.3-70b|llama-3.1-8b']);
    const bad = previewCsv('workloads', 'name,model,avg_output_tps\nx,llama-3.3-70b|llama-3-8b,1\n', { knownModels: MODELS });
    expect(bad.errors.map((e) => [e.column, e.value, e.kind])).toEqual([['model', 'llama-3-8b', 'unknown_model']]);
    expect(bad.errors[0]!.reason).toMatch(/^unknown model 'llama-3-8b' — did you mean llama-3.1-8b\?/);
  });

  it('a percent column holding only values below 1 (Excel\'s 0.04 for 4 %) is warned about, naming the column and a line', () => {
    const small = previewCsv('workloads', 'name,model,avg_output_tps,growth %\na,m,1,0.04\nb,m,1,0\nc,m,1,0.02\n');
    expect(small.rows.map((r) => r.value.monthly_growth_pct)).toEqual([0.04, 0, 0.02]);
    expect(small.warnings).toEqual([expect.stringMatching(/^column 'growth %' \(monthly_growth_pct\) holds only values below 1 \(e\.g\. 0\.04 on line 2\).*write 4/)]);
    // one value of 1 or more, a value written with %, or only zeros: nothing to warn about
    expect(previewCsv('workloads', 'name,model,avg_output_tps,growth %\na,m,1,0.5\nb,m,1,3\n').warnings).toEqual([]);
    expect(previewCsv('workloads', 'name,model,avg_output_tps,growth %\na,m,1,0.5 %\n').warnings).toEqual([]);
    expect(previewCsv('workloads', 'name,model,avg_output_tps,growth %\na,m,1,0\n').warnings).toEqual([]);
  });

  it('without a catalog any model is accepted', () => {
    expect(previewCsv('workloads', 'name,model,avg_output_tps\nx,whatever,1\n').rows).toHaveLength(1);
  });

  it('a 50 MB single line is refused with a clear message, quickly enough not to hang', () => {
    const big = 'x'.repeat(50 * 1024 * 1024);
    const p = previewCsv('workloads', new TextEncoder().encode(big), { fileName: 'big.csv' });
    expect(p.fatal).toMatch(/^a row longer than 1 MB/);
    expect(formatRowError('big.csv', p.errors[0]!)).toMatch(/^big\.csv:1: a row longer than 1 MB: not a table/);
    expect(p.rows).toEqual([]);
  });

  it('file-level messages name the file and line once', () => {
    const empty = previewCsv('workloads', '', { fileName: 'empty.csv' });
    expect(formatRowError('empty.csv', empty.errors[0]!)).toBe('empty.csv:1: the file is empty: expected a header row and at least one data row');
    const hdr = previewCsv('workloads', 'model,avg_output_tps\nm,1\n', { fileName: 'hdr2.csv' });
    expect(formatRowError('hdr2.csv', hdr.errors[0]!)).toMatch(/^hdr2\.csv:1: missing required column 'name' \(/);
    const bin = previewCsv('sites', new Uint8Array([0, 1, 2, 3, 0, 0, 255, 0]), { fileName: 'x.csv' });
    expect(formatRowError('x.csv', bin.errors[0]!)).toBe('x.csv:1: not a text CSV file (it contains binary data)');
    for (const m of [...empty.errors, ...hdr.errors, ...bin.errors].map((e) => formatRowError('F.csv', e))) expect(m.match(/\.csv/g)).toHaveLength(1);
  });

  it('mixed CR, LF and CRLF line endings: every row is accounted for, on its real line', () => {
    const text = 'name,model,avg_output_tps,endpoints\r\na,m,1,0\rb,m,2,0\nc,m,-3,0\r\nd,m,4,0\re,m,5,0\n';
    const p = previewCsv('workloads', text, { fileName: 'mixed.csv' });
    expect(p.rows.map((r) => [r.line, r.value.name])).toEqual([[2, 'a'], [3, 'b'], [5, 'd'], [6, 'e']]);
    expect(p.errors.map((e) => [e.line, e.column, e.kind])).toEqual([[4, 'avg_output_tps', 'range']]);
    expect(p.totalRows).toBe(5);
    expect(p.columnsMapped.map((c) => c.header)).toEqual(['name', 'model', 'avg_output_tps', 'endpoints']);
  });

  it('a row with more (non-empty) fields than the header is a row error naming the line; trailing empty ones are fine', () => {
    const p = previewCsv('workloads', 'name,model,avg_output_tps,endpoints\na,m,1,0,5\nb,m,2,0,,\nc,m,1,200,0,,\n', { fileName: 'F.csv' });
    expect(p.rows.map((r) => r.value.name)).toEqual(['b']);
    expect(p.errors.map((e) => formatRowError('F.csv', e))).toEqual([
      "F.csv:2: endpoints: 5 fields but the header has 4: a value after this last column — quote values that contain the delimiter (got '5')",
      "F.csv:4: endpoints: 5 fields but the header has 4: a value after this last column — quote values that contain the delimiter (got '0')",
    ]);
    expect(p.errorCountsByKind.fields).toBe(2);
    expect(p.warnings).toEqual([]);
  });

  it('a row shifted by an unquoted delimiter reports that alone, not what the shifted values read as', () => {
    const text = 'name,model,avg_output_tps,monthly_growth_pct,placement,endpoints\nok,m,100,1,any,0\nshifted,m,12,5,1,any,0\n';
    const p = previewCsv('workloads', text, { fileName: 'F.csv' });
    expect(p.rows.map((r) => r.value.name)).toEqual(['ok']);
    expect(p.errors.map((e) => formatRowError('F.csv', e))).toEqual([
      "F.csv:3: endpoints: 7 fields but the header has 6: a value after this last column — quote values that contain the delimiter (got '0')",
    ]);
    expect(p.errorCountsByKind).toEqual({ fields: 1 });
  });

  it('a row with fewer fields than the header: a missing required field refuses it, naming the field; missing optional ones take their defaults, with a warning', () => {
    // spreadsheets leave out the trailing delimiters of empty cells: short,m,100 is short,m,100,,
    const text = 'name,model,avg_output_tps,peak_to_avg,endpoints\nshort,m,100\nfull,m,100,,\nbare,m\nsites-like\nshort2,m,100,2\n';
    const p = previewCsv('workloads', text, { fileName: 'F.csv' });
    expect(p.rows.map((r) => [r.value.name, r.value.peak_to_avg])).toEqual([['short', 1.5], ['full', 1.5], ['short2', 2]]);
    expect(p.errors.map((e) => formatRowError('F.csv', e))).toEqual([
      'F.csv:4: avg_output_tps: missing: the row has 2 fields but the header has 5 (no avg_output_tps), and it is required',
      'F.csv:5: model: missing: the row has 1 field but the header has 5 (no model, avg_output_tps), and they are required',
    ]);
    expect(p.errorCountsByKind.fields).toBe(2);
    expect(p.warnings).toContain('2 rows end before the last column (first: line 2 has no peak_to_avg, endpoints): the missing fields took their defaults, as empty cells do');
    // an unknown (ignored) last column missing from a row loses nothing
    const extra = previewCsv('sites', 'name,it_power_kw,racks,notes\nhq,100,4\n', { fileName: 'S.csv' });
    expect(extra.errors).toEqual([]);
    expect(extra.rows.map((r) => r.value.name)).toEqual(['hq']);
  });

  it('an update file may carry only name and the columns it changes: existing rows take them over their own values, a new name needs every required column', () => {
    const doc = new Map([
      ['chat-eu', { name: 'chat-eu', model: 'llama-3.3-70b', avg_output_tps: 800, peak_to_avg: 1.5, input_per_output: 3, response_tokens: 250, max_latency_ms: 4000, monthly_growth_pct: 2, placement: 'any' as const, tiers: ['premium' as const], endpoints: 0 }],
    ]);
    const text = 'name,peak_to_avg,max_latency_ms\nchat-eu,2.5,\nnew-one,2,100\n';
    // a name in another Unicode form is the same name (NFC, as stored)
    const cafe = { ...doc.get('chat-eu')!, name: 'Caf\u00e9' };
    const nfd = previewCsv('workloads', 'name,peak_to_avg\nCafe\u0301,2\n', { existingNames: ['Caf\u00e9'], updateFrom: (n) => (n === cafe.name ? cafe : undefined) });
    expect(nfd.rows.map((r) => r.value)).toEqual([{ ...cafe, peak_to_avg: 2 }]);
    const ctx = { fileName: 'F.csv', knownModels: MODELS, existingNames: doc.keys() };
    // without an update the header is refused as before
    expect(previewCsv('workloads', text, { ...ctx, existingNames: ['chat-eu'] }).fatal).toMatch(/^missing required column 'model' \(.*; missing required column 'avg_output_tps'/);
    const p = previewCsv('workloads', text, { ...ctx, existingNames: ['chat-eu'], updateFrom: (n) => doc.get(n) });
    expect(p.fatal).toBeNull();
    expect(p.missingColumns).toEqual(['model', 'avg_output_tps']);
    // the file's columns over the document's values; an empty cell of a present column is its default (no limit)
    expect(p.rows).toEqual([{ line: 2, value: { ...doc.get('chat-eu')!, peak_to_avg: 2.5, max_latency_ms: null } }]);
    expect(p.duplicates).toEqual([{ line: 2, name: 'chat-eu' }]);
    expect(p.errors.map((e) => formatRowError('F.csv', e))).toEqual([
      'F.csv:3: model: required for a new workload (the file has no model column)',
      'F.csv:3: avg_output_tps: required for a new workload (the file has no avg_output_tps column)',
    ]);
    expect(p.invalidRows).toBe(1);
    expect(p.warnings).toEqual(['the file has no model, avg_output_tps columns: it updates existing workloads only (a new workload needs every required column)']);
    // a value is still checked, and a header without name is refused whatever the mode
    const bad = previewCsv('workloads', 'name,peak_to_avg\nchat-eu,0.5\n', { ...ctx, existingNames: ['chat-eu'], updateFrom: (n) => doc.get(n) });
    expect(bad.errors.map((e) => formatRowError('F.csv', e))).toEqual(["F.csv:2: peak_to_avg: must be ≥ 1 (got '0.5')"]);
    expect(previewCsv('workloads', 'peak_to_avg\n2\n', { updateFrom: () => undefined }).fatal).toMatch(/missing required column 'name'/);
    // sites likewise
    const hq = { name: 'hq', it_power_kw: 500, racks: 10, rack_units: 42, rack_kw: 15, liquid_cooling: false, pue: 1.4, usd_per_kwh: 0.1, usd_per_rack_month: 0 };
    const s = previewCsv('sites', 'name,pue\nhq,1.2\nlab,1.3\n', { existingNames: ['hq'], updateFrom: (n) => (n === 'hq' ? hq : undefined) });
    expect(s.rows.map((r) => r.value)).toEqual([{ ...hq, pue: 1.2 }]);
    expect(s.errors.map((e) => formatRowError('S.csv', e))).toEqual([
      'S.csv:3: it_power_kw: required for a new site (the file has no it_power_kw column)',
      'S.csv:3: racks: required for a new site (the file has no racks column)',
    ]);
  });

  it('an update row whose stored model has left the catalog says so and what to do, not that the file names an unknown model', () => {
    const stored = { name: 'notes', model: 'llama-3.3-70b|gone-int4', avg_output_tps: 40, peak_to_avg: 2, input_per_output: 6, response_tokens: 300, max_latency_ms: 10000, monthly_growth_pct: 1, placement: 'onprem' as const, tiers: ['edge' as const], endpoints: 40 };
    const ctx = { fileName: 'F.csv', knownModels: MODELS, existingNames: ['notes'], updateFrom: (n: string) => (n === 'notes' ? stored : undefined) };
    const p = previewCsv('workloads', 'name,peak_to_avg\nnotes,2.5\n', ctx);
    expect(p.rows).toEqual([]);
    expect(p.errors.map((e) => formatRowError('F.csv', e))).toEqual([
      "F.csv:2: model: workload 'notes' keeps model 'gone-int4', which is no longer in the catalog: add the model back (Catalog → Import…, or `fleetplan import PLAN --catalog FILE.json`) or give the file a model column with a model of the catalog",
    ]);
    // no "did you mean" for a model the file does not name
    expect(p.modelSuggestions ?? []).toEqual([]);
    // a model column in the file is the file's own spelling, said as before
    const named = previewCsv('workloads', 'name,model\nnotes,gone-int4\n', ctx);
    expect(named.errors.map((e) => formatRowError('F.csv', e))[0]).toMatch(/^F\.csv:2: model: unknown model 'gone-int4'/);
  });

  it('names that differ only in letter case (in the file or from the document) are imported as separate rows, with a warning', () => {
    const p = previewCsv('workloads', 'name,model,avg_output_tps\nChat,m,1\nchat,m,2\nCODE,m,3\ncode-x,m,4\n', { fileName: 'F.csv', existingNames: ['code', 'code-x'] });
    expect(p.rows.map((r) => r.value.name)).toEqual(['Chat', 'chat', 'CODE', 'code-x']);
    expect(p.duplicates.map((d) => d.name)).toEqual(['code-x']);
    expect(p.warnings).toEqual([
      "2 names differ from another only in letter case, e.g. 'chat' on line 3 and 'Chat' on line 2: they are separate workloads; write the name as it is spelt to update it",
    ]);
    expect(previewCsv('sites', 'name,it_power_kw,racks\nhq,1,1\n', { existingNames: ['hq'] }).warnings).toEqual([]);
  });

  it('an empty catalog makes every model unknown, with the file and line', () => {
    const p = previewCsv('workloads', 'name,model,avg_output_tps\nx,llama-3.3-70b,1\n', { knownModels: [] });
    expect(p.rows).toEqual([]);
    expect(formatRowError('w.csv', p.errors[0]!)).toBe("w.csv:2: model: unknown model 'llama-3.3-70b'; known: (none: the catalog has no models)");
  });

  it('two headers meaning the same column are a file error', () => {
    const p = previewCsv('workloads', 'name,model,model_id,avg_output_tps\nx,a,b,1\n');
    expect(p.fatal).toMatch(/columns 'model' and 'model_id' both mean model/);
  });

  it('CR-only line endings count lines too', () => {
    const p = previewCsv('workloads', 'name,model,avg_output_tps\r\ra,m,1\rb,m,0\r');
    expect(p.rows.map((r) => r.line)).toEqual([3]);
    expect(p.errors.map((e) => e.line)).toEqual([4]);
  });

  it('the async preview reports progress and can be cancelled', async () => {
    const text = 'name,model,avg_output_tps\n' + Array.from({ length: 5000 }, (_, i) => `w${i},m,${i + 1}`).join('\n');
    const seen: number[] = [];
    const p = await previewCsvAsync('workloads', text, { chunkRows: 1000, onProgress: (d) => seen.push(d) });
    expect(p.rows).toHaveLength(5000);
    expect(seen).toEqual([0, 1000, 2000, 3000, 4000, 5000]);
    const ac = new AbortController();
    const run = previewCsvAsync('workloads', text, { chunkRows: 1000, signal: ac.signal, onProgress: (d) => d >= 2000 && ac.abort() });
    await expect(run).rejects.toBeInstanceOf(ImportCancelled);
  });
});

describe('number rules (DESIGN 7)', () => {
  const table: [string, ',' | ';' | '\t', number | null, { percent?: boolean; money?: boolean }?][] = [
    ['12', ',', 12], ['-3.5', ',', -3.5], ['.5', ',', 0.5], ['1e3', ',', 1000],
    ['1,234', ',', 1234], ['1,234,567.89', ',', 1234567.89], ['1,23', ',', null], ['1234,567', ',', null], ['1,2345', ',', null],
    ['1 234', ',', null], ['12,5', ';', 12.5], ['1.234,5', ';', 1234.5], ['1 234,5', ';', 1234.5], ['1\u00a0234,5', '\t', 1234.5],
    ['1\u202f234\u202f567,25', ';', 1234567.25], ['1.234', ';', 1.234], ['1.234.567', ';', 1234567], ['1.23.4', ';', null],
    ['12.34,5', ';', null], ['1,2,3', ';', null], ['1,', ';', null], [',5', ';', 0.5], ['-1.234,5', ';', -1234.5],
    ['5%', ',', 5, { percent: true }], ['5 %', ';', 5, { percent: true }], ['2,5%', ';', 2.5, { percent: true }], ['5%', ',', null],
    ['$0.10', ',', 0.1, { money: true }], ['$0.10', ',', null], ['abc', ',', null], ['Infinity', ',', null], ['0x10', ',', null], ['--1', ',', null],
  ];
  for (const [raw, delim, want, opts] of table) {
    it(`${JSON.stringify(raw)} in a '${delim === '\t' ? 'tab' : delim}' file → ${want}`, () => {
      const r = parseNumber(raw, delim, opts);
      if (want === null) expect(r.ok).toBe(false);
      else expect(r).toEqual({ ok: true, value: want });
    });
  }
});

describe('headers and delimiters', () => {
  it('matches the synonyms people type', () => {
    const w: [string, string][] = [
      ['Model', 'model'], ['model_id', 'model'], ['Avg output tok/s', 'avg_output_tps'], ['avg tokens/s', 'avg_output_tps'],
      ['peak/avg', 'peak_to_avg'], ['latency (ms)', 'max_latency_ms'], ['Growth %', 'monthly_growth_pct'], ['NAME', 'name'],
    ];
    for (const [h, c] of w) expect(matchHeader('workloads', h)?.name, h).toBe(c);
    const s: [string, string][] = [['IT power (kW)', 'it_power_kw'], ['PUE', 'pue'], ['$/kWh', 'usd_per_kwh'], ['Liquid cooling', 'liquid_cooling']];
    for (const [h, c] of s) expect(matchHeader('sites', h)?.name, h).toBe(c);
    expect(matchHeader('workloads', 'owner')).toBeUndefined();
  });

  it('detects the delimiter from the header line, ignoring quoted ones', () => {
    expect(detectDelimiter('a;b;c\n1,5;2;3')).toBe(';');
    expect(detectDelimiter('"a;x",b,c\n')).toBe(',');
    expect(detectDelimiter('\n\na\tb\tc')).toBe('\t');
    expect(detectDelimiter('name')).toBe(',');
  });

  it('decodes UTF-16 without a BOM', () => {
    const d = decodeBytes(new Uint8Array(Buffer.from('name,model\r\n', 'utf16le')));
    expect(d).toMatchObject({ ok: true, text: 'name,model\r\n', encoding: 'utf-16le' });
  });
});
