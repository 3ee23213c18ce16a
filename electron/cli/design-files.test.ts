// DESIGN 7–8 file formats and exit codes checked through the `fleetplan` command with files written
// from DESIGN.md alone: CSV delimiters, number forms, quoting, defaults, bad rows (file:line: field),
// all-or-nothing imports, duplicates, catalog JSON defaults and errors, settings and missing plans.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../backend/test-helpers.ts';
import { runCli } from './run-cli.test-helper.ts';

const run = runCli;

const CATALOG = {
  models: [{ id: 'small', params_b: 8, active_params_b: 8 }, { id: 'big', params_b: 70, active_params_b: 70 }],
  options: [
    {
      // no racks_per_unit, no units_per_replica: a catalog written before those fields existed
      id: 'box', name: 'Box', vendor: 'V', tier: 'commodity', kind: 'system', source: 'hand-made test', as_of: '2026-01-01',
      rack_units: 4, max_power_kw: 1, typical_power_kw: 1, cooling: 'air', price_usd: 1000, support_pct_per_year: 0, lifetime_months: 36,
      performance: [{ model: 'small', points: [{ user_tps: 50, unit_tps: 100, ttft_ms: 0 }] }],
    },
  ],
};

async function newPlan(dir: string, catalog: unknown = CATALOG) {
  const file = path.join(dir, 'p.fleetplan');
  fs.writeFileSync(path.join(dir, 'catalog.json'), JSON.stringify(catalog, null, 2));
  expect((await run('init', file, '--catalog', path.join(dir, 'catalog.json'))).code).toBe(0);
  return file;
}
function write(dir: string, name: string, content: string | Buffer) {
  fs.writeFileSync(path.join(dir, name), content);
  return path.join(dir, name);
}
/** the exported CSV as objects (comma-separated, CRLF rows, quoted only where needed) */
async function exported(file: string, kind: '--workloads' | '--sites'): Promise<Record<string, string>[]> {
  const out = path.join(path.dirname(file), `export-${kind.slice(2)}.csv`);
  expect((await run('export', file, kind, out)).code).toBe(0);
  const [head, ...rows] = fs.readFileSync(out, 'utf8').trim().split(/\r?\n/);
  const cols = head!.split(',');
  return rows.map((r) => {
    const cells = r.match(/("[^"]*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, '').replace(/^"|"$/g, ''));
    return Object.fromEntries(cols.map((c, i) => [c, cells[i] ?? '']));
  });
}

describe('DESIGN 7 files through fleetplan import/export', () => {
  it('semicolon file with a BOM: decimal commas, dot thousands, % on percentages, quoted delimiters and line breaks, unknown columns, defaults', async () => {
    const dir = tempDir('fleetplan-files-');
    const plan = await newPlan(dir);
    const csv = write(dir, 'w.csv', '\uFEFFname;model;avg_output_tps;peak_to_avg;monthly_growth_pct;colour;response_tokens\n' +
      '"a;b";small;1.234,5;1,25;2,5%;"red\nand;blue";1.234.567\n' +
      'w2;big|small;"1 234,5";2;1.5;blue;300\n');
    const r = await run('import', plan, '--workloads', csv);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/unknown column 'colour' ignored/);
    const rows = await exported(plan, '--workloads');
    // 1.234,5 → 1234.5; 1,25 → 1.25; 2,5% → 2.5; 1.234.567 → thousands (DESIGN 9); 1 234,5 → 1234.5;
    // 1.5 (only '.') → 1.5; missing columns take DESIGN 3.3 defaults (input 3, placement any, all tiers, 0 endpoints)
    expect(rows).toEqual([
      { name: 'a;b', model: 'small', avg_output_tps: '1234.5', peak_to_avg: '1.25', input_per_output: '3', response_tokens: '1234567', max_latency_ms: '', monthly_growth_pct: '2.5', placement: 'any', tiers: 'premium;commodity;edge', endpoints: '0' },
      { name: 'w2', model: 'big|small', avg_output_tps: '1234.5', peak_to_avg: '2', input_per_output: '3', response_tokens: '300', max_latency_ms: '', monthly_growth_pct: '1.5', placement: 'any', tiers: 'premium;commodity;edge', endpoints: '0' },
    ]);
  });

  it('a tab file groups thousands with spaces; a default peak_to_avg of 1.5 and response_tokens of 250', async () => {
    const dir = tempDir('fleetplan-files-');
    const plan = await newPlan(dir);
    const tsv = write(dir, 'w.tsv', 'name\tmodel\tavg_output_tps\tendpoints\tplacement\ttiers\nt1\tsmall\t1 234 567,25\t3\tedge\tedge\n');
    expect((await run('import', plan, '--workloads', tsv)).code).toBe(0);
    expect((await exported(plan, '--workloads'))[0]).toMatchObject({ avg_output_tps: '1234567.25', peak_to_avg: '1.5', response_tokens: '250', endpoints: '3', placement: 'edge', tiers: 'edge' });
  });

  it('bad rows: exit 2 naming file, line and field; nothing imported and the document unchanged; --accept valid imports the rest', async () => {
    const dir = tempDir('fleetplan-files-');
    const plan = await newPlan(dir);
    const csv = write(dir, 'w.csv', 'name,model,avg_output_tps,peak_to_avg,placement\n' +
      'c1,small,"1,234",1,any\n' + // "1,234" groups thousands → 1234
      'c2,small,"1,23",1,any\n' + // a group of two digits is an error
      'c3,small,0,1,any\n' + // avg_output_tps > 0
      'c4,small,5,0.5,any\n' + // peak_to_avg ≥ 1
      'c5,small,5,1,moon\n' + // placement
      'c6,nosuch,5,1,any\n' + // a model the catalog does not know
      'c7,small,"12,345.5",1,any\n');
    const before = fs.readFileSync(plan);
    const r = await run('import', plan, '--workloads', csv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/w\.csv:3: avg_output_tps: .*\(got '1,23'\)/);
    expect(r.err).toMatch(/w\.csv:4: avg_output_tps: must be > 0/);
    expect(r.err).toMatch(/w\.csv:5: peak_to_avg: must be ≥ 1/);
    expect(r.err).toMatch(/w\.csv:6: placement: /);
    expect(r.err).toMatch(/w\.csv:7: model: .*nosuch/);
    expect(r.err).toMatch(/w\.csv: 5 of 7 rows rejected; nothing imported \(use --accept valid to import the 2 valid rows\)$/);
    expect(fs.readFileSync(plan).equals(before)).toBe(true);
    // no valid row: no hint to import "the 0 valid rows"; one: "the one valid row"
    const none = await run('import', plan, '--workloads', write(dir, 'none.csv', 'name,model,avg_output_tps\nn1,small,-1\n'));
    expect(none.err.trim().split('\n').at(-1)).toBe(`${path.join(dir, 'none.csv')}: 1 of 1 rows rejected; nothing imported`);
    const one = await run('import', plan, '--workloads', write(dir, 'one.csv', 'name,model,avg_output_tps\nn1,small,-1\nn2,small,1\n'));
    expect(one.err).toMatch(/one\.csv: 1 of 2 rows rejected; nothing imported \(use --accept valid to import the one valid row\)/);
    expect(fs.readFileSync(plan).equals(before)).toBe(true);
    const a = await run('import', plan, '--workloads', csv, '--accept', 'valid');
    expect(a.code).toBe(0);
    expect((await exported(plan, '--workloads')).map((w) => [w.name, w.avg_output_tps])).toEqual([['c1', '1234'], ['c7', '12345.5']]);
  });

  it('a name already in the document is an error unless --on-duplicate skip or update; update overwrites only the columns the file has', async () => {
    const dir = tempDir('fleetplan-files-');
    const plan = await newPlan(dir);
    expect((await run('import', plan, '--workloads', write(dir, 'a.csv', 'name,model,avg_output_tps,peak_to_avg,max_latency_ms\nw,small,10,2,900\n'))).code).toBe(0);
    const again = write(dir, 'b.csv', 'name,model,avg_output_tps\nw,small,20\nnew,small,5\n');
    const dup = await run('import', plan, '--workloads', again);
    expect(dup.code).toBe(2);
    expect(dup.err).toMatch(/b\.csv:2: name: 'w' is already in the document/);
    expect((await run('import', plan, '--workloads', again, '--on-duplicate', 'skip')).code).toBe(0);
    expect((await exported(plan, '--workloads')).map((w) => [w.name, w.avg_output_tps])).toEqual([['w', '10'], ['new', '5']]);
    expect((await run('import', plan, '--workloads', again, '--on-duplicate', 'update')).code).toBe(0);
    // avg_output_tps updated; peak_to_avg and max_latency_ms, absent from the file, kept
    expect((await exported(plan, '--workloads'))[0]).toMatchObject({ name: 'w', avg_output_tps: '20', peak_to_avg: '2', max_latency_ms: '900' });
    // two rows of one name in a file: the second is reported
    const twice = await run('import', plan, '--workloads', write(dir, 'c.csv', 'name,model,avg_output_tps\nx,small,1\nx,small,2\n'));
    expect(twice.code).toBe(2);
    expect(twice.err).toMatch(/c\.csv:3: name: duplicate name 'x' \(first on line 2\)/);
  });

  it('sites: DESIGN 3.4 defaults; bad yes/no and pue are reported with line and field', async () => {
    const dir = tempDir('fleetplan-files-');
    const plan = await newPlan(dir);
    expect((await run('import', plan, '--sites', write(dir, 's.csv', 'racks,name,it_power_kw\n2,d1,10\n'))).code).toBe(0);
    expect(await exported(plan, '--sites')).toEqual([{ name: 'd1', it_power_kw: '10', racks: '2', rack_units: '42', rack_kw: '15', liquid_cooling: 'no', pue: '1.4', usd_per_kwh: '0.1', usd_per_rack_month: '0' }]);
    const bad = await run('import', plan, '--sites', write(dir, 't.csv', 'name;it_power_kw;racks;liquid_cooling;pue\nd2;10;2;maybe;0,9\n'));
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/t\.csv:2: liquid_cooling: /);
    expect(bad.err).toMatch(/t\.csv:2: pue: must be ≥ 1/);
    const missing = await run('import', plan, '--sites', write(dir, 'u.csv', 'name,racks\nd3,2\n'));
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/u\.csv:1: missing required column 'it_power_kw'/);
  });
});

describe('DESIGN 7 catalog JSON through fleetplan', () => {
  it('a catalog without racks_per_unit and units_per_replica gets 1 for both; importing replaces by id and adds new ids', async () => {
    const dir = tempDir('fleetplan-files-');
    const plan = await newPlan(dir);
    const out = path.join(dir, 'out.json');
    expect((await run('export', plan, '--catalog', out)).code).toBe(0);
    const box = (JSON.parse(fs.readFileSync(out, 'utf8')) as typeof CATALOG).options[0] as Record<string, unknown> & { performance: Record<string, unknown>[] };
    expect(box.racks_per_unit).toBe(1);
    expect(box.performance[0]!.units_per_replica).toBe(1);
    const next = { models: [], options: [{ ...CATALOG.options[0], price_usd: 900 }, { ...CATALOG.options[0], id: 'box2' }] };
    const r = await run('import', plan, '--catalog', write(dir, 'next.json', JSON.stringify(next)));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/1 option added \(box2\), 1 replaced \(box: price_usd\)/);
  });

  it('bad values: exit 2 naming file, line and field; the document is left byte for byte', async () => {
    const dir = tempDir('fleetplan-files-');
    const plan = await newPlan(dir);
    const bad = structuredClone(CATALOG) as { options: Record<string, unknown>[] };
    bad.options[0]!.price_usd = -5;
    bad.options[0]!.racks_per_unit = 1.5;
    const text = JSON.stringify(bad, null, 2);
    const lineOf = (needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;
    const before = fs.readFileSync(plan);
    const r = await run('import', plan, '--catalog', write(dir, 'bad.json', text));
    expect(r.code).toBe(2);
    expect(r.err).toContain(`bad.json:${lineOf('"price_usd"')}: options[0].price_usd: must be ≥ 0`);
    expect(r.err).toContain(`bad.json:${lineOf('"racks_per_unit"')}: options[0].racks_per_unit: must be a whole number`);
    expect(fs.readFileSync(plan).equals(before)).toBe(true);
    // a missing field is placed at the line of its option
    delete bad.options[0]!.price_usd;
    const missing = JSON.stringify(bad, null, 2);
    const m = await run('import', plan, '--catalog', write(dir, 'missing.json', missing));
    expect(m.code).toBe(2);
    expect(m.err).toContain(`missing.json:${missing.slice(0, missing.indexOf('"id": "box"')).split('\n').length - 1}: options[0].price_usd: is required`);
  });
});

describe('DESIGN 3.5 and 8 through fleetplan set / tco / report', () => {
  it('max_utilization outside 0 < u ≤ 1 is exit 2 and changes nothing; tco and report without a plan are exit 2', async () => {
    const dir = tempDir('fleetplan-files-');
    const plan = await newPlan(dir);
    const before = fs.readFileSync(plan);
    for (const v of ['1.2', '1.5', '0', '-0.5', '150']) {
      const r = await run('set', plan, `max_utilization=${v}`);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/max_utilization/);
    }
    expect(fs.readFileSync(plan).equals(before)).toBe(true);
    expect((await run('set', plan, 'horizon_months=12', 'purchase_interval_months=24')).code).toBe(2);
    // a scenario that buys once (interval = horizon) keeps buying once when only its horizon changes: said, not silent
    expect((await run('set', plan, 'horizon_months=12')).out).toBe('Base: horizon_months = 12');
    const longer = await run('set', plan, 'horizon_months=24');
    expect(longer.out).toMatch(/^Base: horizon_months = 24\nBase: purchase_interval_months = 24 \(follows horizon_months: the scenario buys everything at the start/);
    expect((await run('set', plan, 'purchase_interval_months=12')).out).toBe('Base: purchase_interval_months = 12');
    expect((await run('set', plan, 'horizon_months=36')).out).toBe('Base: horizon_months = 36');
    const t = await run('tco', plan);
    expect(t.code).toBe(2);
    expect(t.err).toMatch(/no solved plan/);
    expect((await run('report', plan, path.join(dir, 'r.pdf'))).code).toBe(2);
    expect(fs.existsSync(path.join(dir, 'r.pdf'))).toBe(false);
  });
});
