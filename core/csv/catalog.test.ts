// Catalog JSON: path-named errors, DESIGN 3.2 warnings, diff by id, round trip with field_sources.
import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../catalog/index.ts';
import type { Catalog, CatalogOption } from '../types.ts';
import { catalogToJson, checkCatalog, diffCatalog, formatCatalogIssue, jsonValueLines, pathText } from './catalog.ts';

const clone = <T>(x: T): T => structuredClone(x);

function small(): Catalog {
  return {
    models: [{ id: 'm1', params_b: 70, active_params_b: 70 }],
    options: [
      {
        id: 'gpu', name: 'GPU box', vendor: 'V', tier: 'commodity', kind: 'system', source: 's', as_of: '2026-01',
        rack_units: 8, max_power_kw: 10, typical_power_kw: 8, cooling: 'air', price_usd: 300000, support_pct_per_year: 10, lifetime_months: 48,
        field_sources: { price_usd: { source: 'quote #12', as_of: '2026-02', estimate: false, note: 'negotiated' } },
        performance: [{ model: 'm1', points: [{ user_tps: 20, unit_tps: 5000, ttft_ms: 300 }, { user_tps: 60, unit_tps: 2000, ttft_ms: 200 }] }],
      },
      {
        id: 'api', name: 'API', vendor: 'V', tier: 'premium', kind: 'cloud_api', source: 's', as_of: '2026-01',
        usd_per_m_input: 0.6, usd_per_m_output: 1.2, performance: [{ model: 'm1', points: [{ user_tps: 1000, unit_tps: null, ttft_ms: 150 }] }],
      },
      {
        id: 'board', name: 'Board', vendor: 'E', tier: 'edge', kind: 'edge_device', source: 's', as_of: '2026-01',
        price_usd: 10, typical_power_kw: 0.001, lifetime_months: 36, inference_via: 'api', performance: [],
      },
    ] as CatalogOption[],
  };
}

describe('checkCatalog', () => {
  it('accepts the default catalog and round-trips it through JSON', () => {
    const cat = defaultCatalog();
    const r = checkCatalog(catalogToJson(cat));
    expect(r.errors).toEqual([]);
    // and without a warning: `fleetplan export --catalog` then `import` warned three times that the
    // systems' api_parity.<model> reasons name "a field this system does not have"
    expect(r.warnings).toEqual([]);
    expect(r.catalog).toEqual(cat);
  });

  it('an api_parity.<model> reason must name a model the option serves', () => {
    const c = small() as unknown as { options: { kind: string; field_sources?: Record<string, unknown> }[] };
    const sys = c.options.find((o) => o.kind === 'system')!;
    sys.field_sources = { 'api_parity.no-such-model': { source: 'x', as_of: '2026-01', estimate: true } };
    expect(checkCatalog(c).warnings.map((w) => w.message)).toContain('names a model this system does not serve');
  });

  it('names the path of a bad figure', () => {
    const c = small() as unknown as { options: { performance: { points: { unit_tps: number }[] }[] }[] };
    c.options[0]!.performance[0]!.points[1]!.unit_tps = -3;
    const r = checkCatalog(JSON.stringify(c));
    expect(r.catalog).toBeNull();
    // checked from text, an issue also names the line its value starts on (the whole file is one line here)
    expect(r.errors).toContainEqual({ path: 'options[0].performance[0].points[1].unit_tps', message: 'must be > 0', line: 1 });
  });

  it('reports invalid JSON and a wrong kind clearly', () => {
    // the file's name is put in front once, by formatCatalogIssue
    const bad = checkCatalog('{"models": [', undefined, 'x.json').errors[0]!;
    expect(bad.message).toMatch(/^not valid JSON at line 1, column \d+: /);
    expect(formatCatalogIssue('x.json', bad)).toMatch(/^x\.json: not valid JSON at line 1, /);
    expect(formatCatalogIssue('x.json', checkCatalog('[]', undefined, 'x.json').errors[0]!)).toMatch(/^x\.json: expected an object/);
    const c = small() as unknown as { options: Record<string, unknown>[] };
    c.options[1]!.kind = 'rental';
    expect(checkCatalog(c).errors[0]).toEqual({ path: 'options[1].kind', message: 'kind must be system, cloud_instance, cloud_api or edge_device' });
  });

  it('names a missing field and a non-finite number plainly', () => {
    const text = catalogToJson(small()).replace('"source": "s",', '').replace('"usd_per_m_output": 1.2', '"usd_per_m_output": 1e999');
    const lineOf = (needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;
    // a missing field is placed on the line its option starts (the line before its id)
    expect(checkCatalog(text).errors).toEqual([
      { path: 'options[0].source', message: 'is required', line: lineOf('"id": "gpu"') - 1 },
      { path: 'options[1].usd_per_m_output', message: 'must be a finite number', line: lineOf('"usd_per_m_output": 1e999') },
    ]);
  });

  it('warns (not errors) on typical > max power and on unit_tps rising with user_tps', () => {
    const c = small();
    const gpu = c.options[0] as Extract<CatalogOption, { kind: 'system' }>;
    gpu.typical_power_kw = 12;
    gpu.performance[0]!.points[1]!.unit_tps = 6000;
    const r = checkCatalog(c);
    expect(r.errors).toEqual([]);
    expect(r.catalog).not.toBeNull();
    expect(r.warnings.map((w) => w.path)).toEqual(['options[0].typical_power_kw', 'options[0].performance[0].points[1].unit_tps']);
  });

  it('inference_via must name a cloud_api in the file or the document', () => {
    const c = small();
    (c.options[2] as { inference_via: string }).inference_via = 'gpu';
    expect(checkCatalog(c).errors).toEqual([{ path: 'options[2].inference_via', message: "'gpu' is a system; inference_via must name a cloud_api" }]);
    const onlyBoard = { models: [], options: [small().options[2]] };
    expect(checkCatalog(onlyBoard).errors[0]!.path).toBe('options[0].inference_via');
    expect(checkCatalog(onlyBoard, small()).errors).toEqual([]);
  });

  it('an import may not turn the cloud_api a document edge device uses into something else', () => {
    const doc = small();
    const file = { models: [], options: [{ ...clone(doc.options[0]!), id: 'api' }] };
    const r = checkCatalog(file, doc);
    expect(r.catalog).toBeNull();
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]!.path).toBe('options[0].kind');
    expect(r.errors[0]!.message).toMatch(/'board'.*'api'.*system; inference_via must name a cloud_api/);
    // the file replaces the edge device too (now via nothing): fine; replacing the API with an API: fine
    const both = { models: [], options: [file.options[0]!, { ...clone(doc.options[2]!), inference_via: null }] };
    expect(checkCatalog(both, doc).errors).toEqual([]);
    expect(checkCatalog({ models: [], options: [clone(doc.options[1]!)] }, doc).errors).toEqual([]);
  });

  it('a model listed twice in one performance list is an error; unit_tps on a cloud_api is a warning', () => {
    const c = small();
    c.options[0]!.performance.push(clone(c.options[0]!.performance[0]!));
    const r = checkCatalog(c);
    expect(r.catalog).toBeNull();
    expect(r.errors).toEqual([{ path: 'options[0].performance[1].model', message: "model 'm1' is listed twice (also options[0].performance[0])" }]);
    const a = small();
    a.options[1]!.performance[0]!.points[0]!.unit_tps = 500;
    const w = checkCatalog(a);
    expect(w.errors).toEqual([]);
    expect(w.warnings).toEqual([{ path: 'options[1].performance[0].points[0].unit_tps', message: 'ignored: APIs have no capacity limit' }]);
  });

  it('refuses a file with neither models nor options (it imported as an empty catalog), naming its keys', () => {
    for (const [text, found] of [['{"foo": 1}', 'the keys foo'], ['{}', 'an empty object'], ['{"skus": [], "cloud_apis": [], "meta": {}}', 'the keys skus, cloud_apis, meta']] as const) {
      const c = checkCatalog(text);
      expect(c.catalog).toBeNull();
      expect(c.errors.map((e) => e.message)).toEqual([`expected {"models": [...], "options": [...]}; found ${found}`]);
    }
    // one of the two is a partial catalog to share
    expect(checkCatalog(JSON.stringify({ options: small().options.slice(1, 2) })).errors).toEqual([]);
    expect(checkCatalog(JSON.stringify({ models: small().models })).catalog?.options).toEqual([]);
  });

  it('warns of every field it does not know, by path and line (a misspelled field took its default unsaid)', () => {
    const raw = JSON.parse(catalogToJson(small())) as { options: Record<string, unknown>[]; models: Record<string, unknown>[] } & Record<string, unknown>;
    raw.options[0]!.rack_per_unit = 2;
    raw.options[0]!.availableFrom = '2027-06';
    (raw.options[0]!.performance as Record<string, unknown>[])[0]!.unit_per_replica = 4;
    ((raw.options[0]!.performance as Record<string, unknown>[])[0]!.points as Record<string, unknown>[])[1]!.ttft = 5;
    (raw.options[0]!.field_sources as Record<string, Record<string, unknown>>).price_usd!.sorce = 'x';
    raw.options[1]!.price_usd = 5; // a system's field on a cloud_api
    raw.models[0]!.param_b = 70;
    raw.options[2]!.rack_units = 1; // an edge device has none
    raw.version = 2;
    const text = JSON.stringify(raw, null, 2);
    const c = checkCatalog(text);
    expect(c.errors).toEqual([]);
    const lines = text.split('\n');
    expect(c.warnings.map((w) => `${w.path}: ${w.message}`).sort()).toEqual([
      'models[0].param_b: unknown field of a model, ignored',
      'options[0].availableFrom: unknown field of a system, ignored',
      'options[0].field_sources.price_usd.sorce: unknown field of a field source, ignored',
      'options[0].performance[0].points[1].ttft: unknown field of an operating point, ignored',
      'options[0].performance[0].unit_per_replica: unknown field of a performance entry, ignored',
      'options[0].rack_per_unit: unknown field of a system, ignored',
      'options[1].price_usd: unknown field of a cloud_api, ignored',
      'options[2].rack_units: unknown field of an edge_device, ignored',
      'version: unknown field of a catalog (expected models, options), ignored',
    ]);
    for (const w of c.warnings) expect(lines[w.line! - 1]).toContain(`"${w.path.split('.').at(-1)!.replace(/\[\d+\]$/, '')}"`);
    // the default catalog and its export know every field
    expect(checkCatalog(catalogToJson(defaultCatalog())).warnings.filter((w) => /unknown field/.test(w.message))).toEqual([]);
  });

  it('rejects duplicate ids within the file', () => {
    const c = small();
    c.options.push(clone(c.options[0]!));
    expect(checkCatalog(c).errors).toEqual([{ path: 'options[3].id', message: "duplicate id 'gpu' (also options[0])" }]);
  });
});

describe('diffCatalog', () => {
  it('lists added, replaced (with changed fields) and unchanged options', () => {
    const cur = small();
    const inc = clone(cur);
    const gpu = inc.options[0] as Extract<CatalogOption, { kind: 'system' }>;
    gpu.price_usd = 250000;
    gpu.field_sources!.price_usd = { source: 'quote #13', as_of: '2026-03', estimate: false };
    inc.options.push({ ...clone(inc.options[1]!), id: 'api2' });
    inc.models.push({ id: 'm2', params_b: 8, active_params_b: 8 });
    const d = diffCatalog(cur, inc);
    expect(d.added).toEqual(['api2']);
    expect(d.unchanged).toEqual(['api', 'board']);
    expect(d.replaced).toEqual([
      {
        id: 'gpu',
        changes: [
          { field: 'price_usd', from: 300000, to: 250000 },
          {
            field: 'field_sources.price_usd',
            from: { source: 'quote #12', as_of: '2026-02', estimate: false, note: 'negotiated' },
            to: { source: 'quote #13', as_of: '2026-03', estimate: false },
          },
        ],
      },
    ]);
    expect(d.models).toEqual({ added: ['m2'], replaced: [], unchanged: ['m1'] });
  });

  it('treats null and absent alike (inference_via, unit_tps)', () => {
    const cur = small();
    const inc = clone(cur);
    delete (inc.options[1]!.performance[0]!.points[0] as { unit_tps?: unknown }).unit_tps;
    expect(diffCatalog(cur, inc).replaced).toEqual([]);
    // a device without inference_via: stored as null, absent from the file imported again (it
    // read as "1 replaced (board: inference_via)")
    (cur.options[2] as { inference_via?: string | null }).inference_via = null;
    delete (inc.options[2] as { inference_via?: string | null }).inference_via;
    expect(diffCatalog(cur, inc).replaced).toEqual([]);
  });
});

describe('broken catalog JSON', () => {
  it('names the line and column of the syntax error', async () => {
    const { checkCatalog } = await import('./catalog.ts');
    const r = checkCatalog('{\n  "models": [],\n  "options" []\n}');
    expect(r.errors[0]!.message).toMatch(/^not valid JSON at line 3, column 13: /);
    const cut = checkCatalog('{\n  "models": [\n');
    expect(cut.errors[0]!.message).toMatch(/^not valid JSON at line 3, column 1: /);
  });
});

describe('jsonValueLines', () => {
  it('maps every value of a JSON text to the line it starts on, by the path zod issues are named with', () => {
    const text = '{\n  "models": [],\n  "options": [\n    {\n      "id": "a\\"b", "x": [1,\n 2, {"y":\r\n null}],\n      "z": {}\n    }\n  ]\n}\n';
    const lines = jsonValueLines(text);
    expect([...lines]).toEqual([
      ['', 1], ['models', 2], ['options', 3], ['options[0]', 4], ['options[0].id', 5], ['options[0].x', 5],
      ['options[0].x[0]', 5], ['options[0].x[1]', 6], ['options[0].x[2]', 6], ['options[0].x[2].y', 7], ['options[0].z', 8],
    ]);
    expect(pathText(['options', 0, 'x', 2, 'y'])).toBe('options[0].x[2].y');
    // the default catalog: every field of every option has a line, increasing through the file
    const cat = defaultCatalog();
    const big = catalogToJson(cat);
    const all = jsonValueLines(big);
    const at = (p: string) => all.get(p)!;
    expect(at(`options[${cat.options.length - 1}].id`)).toBeGreaterThan(at('options[0].id'));
    expect(at('options[0].id')).toBe(big.slice(0, big.indexOf(`"id": "${cat.options[0]!.id}"`)).split('\n').length);
  });

  it('throws on text that is not JSON (its issues then go without lines)', () => {
    expect(() => jsonValueLines('{"a": [1, 2}')).toThrow();
    expect(checkCatalog('{"models": 3}').errors[0]).toMatchObject({ path: 'models', line: 1 });
  });
});
