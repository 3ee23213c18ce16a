// Catalog JSON (DESIGN 7 shape) import checks, diff and export. Errors and warnings carry a
// path like options[3].performance[0].points[1].unit_tps. Import adds or replaces options
// (and models) by id; the diff says which before anything is written.
import { CatalogSchema, FieldSourceSchema, ModelSchema, OptionSchema, PerformanceSchema, PointSchema, type Catalog, type CatalogOption, type Model } from '../types.ts';
import { decodeBytes } from './decode.ts';

/** `line` (from 1): where the value at `path` (or its nearest enclosing value) starts, when checked from text */
export type CatalogIssue = { path: string; message: string; line?: number };
export type CatalogCheck = { catalog: Catalog | null; errors: CatalogIssue[]; warnings: CatalogIssue[] };
export type FieldChange = { field: string; from: unknown; to: unknown };
export type CatalogDiff = {
  added: string[];
  replaced: { id: string; changes: FieldChange[] }[];
  unchanged: string[];
  models: { added: string[]; replaced: { id: string; changes: FieldChange[] }[]; unchanged: string[] };
};

export function pathText(path: readonly PropertyKey[]): string {
  let s = '';
  for (const k of path) s += typeof k === 'number' ? `[${k}]` : s ? `.${String(k)}` : String(k);
  return s;
}

/**
 * Validates a catalog (JSON text or parsed value) against CatalogSchema and DESIGN 3.2.
 * `existing` is the document's catalog: inference_via and performance models may name it.
 * Messages do not repeat the file's name: formatCatalogIssue (or the UI) puts it in front once.
 */
const keysOf = (shape: object) => new Set(Object.keys(shape));
const KNOWN = {
  top: new Set(['models', 'options']),
  model: keysOf(ModelSchema.shape),
  // per kind, from the kinds' schemas (OptionSchema's union), not a second list of them
  option: Object.fromEntries(OptionSchema.options.map((o) => [o.shape.kind.value, keysOf(o.shape)])) as Record<string, Set<string>>,
  performance: keysOf(PerformanceSchema.shape),
  point: keysOf(PointSchema.shape),
  fieldSource: keysOf(FieldSourceSchema.shape),
};

/**
 * A warning for every field the catalog's schema does not know, at its path: a misspelled
 * "rack_per_unit" or "availableFrom" was dropped without a word and its default used (one rack,
 * orderable now), where the workload CSV warns of an unknown column. `r` has passed CatalogSchema.
 */
function unknownFields(r: Record<string, unknown>, warnings: CatalogIssue[]): void {
  const objects = (v: unknown): [number, Record<string, unknown>][] =>
    Array.isArray(v) ? v.flatMap((x, i): [number, Record<string, unknown>][] => (x && typeof x === 'object' && !Array.isArray(x) ? [[i, x as Record<string, unknown>]] : [])) : [];
  const check = (o: Record<string, unknown>, known: Set<string>, at: string, what: string) => {
    for (const k of Object.keys(o)) if (!known.has(k)) warnings.push({ path: at ? `${at}.${k}` : k, message: `unknown field of ${what}, ignored` });
  };
  check(r, KNOWN.top, '', 'a catalog (expected models, options)');
  for (const [i, m] of objects(r.models)) check(m, KNOWN.model, `models[${i}]`, 'a model');
  for (const [i, o] of objects(r.options)) {
    const at = `options[${i}]`;
    const kind = String(o.kind);
    check(o, KNOWN.option[kind]!, at, `${kind === 'edge_device' ? 'an' : 'a'} ${kind}`);
    if (o.field_sources && typeof o.field_sources === 'object') {
      for (const [f, v] of Object.entries(o.field_sources)) if (v && typeof v === 'object' && !Array.isArray(v)) check(v as Record<string, unknown>, KNOWN.fieldSource, `${at}.field_sources.${f}`, 'a field source');
    }
    for (const [j, p] of objects(o.performance)) {
      check(p, KNOWN.performance, `${at}.performance[${j}]`, 'a performance entry');
      for (const [k, pt] of objects(p.points)) check(pt, KNOWN.point, `${at}.performance[${j}].points[${k}]`, 'an operating point');
    }
  }
}

/** The field_sources key prefix of a system's API-parity reason for a model (`api_parity.MODEL`). */
export const API_PARITY = 'api_parity.';

export function checkCatalog(input: string | unknown, existing?: Catalog, _fileName = 'catalog.json'): CatalogCheck {
  const check = checkCatalogValue(input, existing);
  if (typeof input === 'string' && (check.errors.length || check.warnings.length)) {
    let lines: Map<string, number> | null = null;
    try {
      lines = jsonValueLines(input.replace(/^\uFEFF/, ''));
    } catch {
      // not JSON: the syntax error already names its line
    }
    if (lines) for (const i of [...check.errors, ...check.warnings]) if (i.path) i.line = lineOf(lines, i.path);
  }
  return check;
}

function checkCatalogValue(input: string | unknown, existing?: Catalog): CatalogCheck {
  let raw: unknown = input;
  if (typeof input === 'string') {
    try {
      raw = JSON.parse(input.replace(/^\uFEFF/, ''));
    } catch (e) {
      return { catalog: null, errors: [{ path: '', message: jsonErrorMessage(input.replace(/^\uFEFF/, ''), e as Error) }], warnings: [] };
    }
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    return { catalog: null, errors: [{ path: '', message: `expected an object {"models": [...], "options": [...]}` }], warnings: [] };
  }
  const r = raw as Record<string, unknown>;
  // a file with only options (or only models) is a fine partial catalog to share; one with neither
  // is another kind of file (it imported as an empty catalog: "0 options, 0 models")
  if (!('models' in r) && !('options' in r)) {
    const keys = Object.keys(r);
    return { catalog: null, errors: [{ path: '', message: `expected {"models": [...], "options": [...]}; found ${keys.length ? `the keys ${keys.slice(0, 8).join(', ')}${keys.length > 8 ? ' …' : ''}` : 'an empty object'}` }], warnings: [] };
  }
  const candidate = { models: r.models ?? [], options: r.options ?? [] };
  const parsed = CatalogSchema.safeParse(candidate);
  const errors: CatalogIssue[] = [];
  const warnings: CatalogIssue[] = [];
  if (!parsed.success) {
    for (const i of parsed.error.issues) {
      let message = i.message;
      if (i.code === 'invalid_union' && i.path.at(-1) === 'kind') message = 'kind must be system, cloud_instance, cloud_api or edge_device';
      errors.push({ path: pathText(i.path), message });
    }
    return { catalog: null, errors, warnings };
  }
  const catalog = parsed.data;
  unknownFields(r, warnings);
  const seenOpt = new Map<string, number>();
  catalog.options.forEach((o, i) => {
    const first = seenOpt.get(o.id);
    if (first !== undefined) errors.push({ path: `options[${i}].id`, message: `duplicate id '${o.id}' (also options[${first}])` });
    else seenOpt.set(o.id, i);
  });
  const seenModel = new Map<string, number>();
  catalog.models.forEach((m, i) => {
    const first = seenModel.get(m.id);
    if (first !== undefined) errors.push({ path: `models[${i}].id`, message: `duplicate id '${m.id}' (also models[${first}])` });
    else seenModel.set(m.id, i);
    if (m.active_params_b > m.params_b) warnings.push({ path: `models[${i}].active_params_b`, message: `is larger than params_b (${m.params_b})` });
  });
  const apis = new Set<string>();
  const kindOf = new Map<string, string>();
  for (const o of existing?.options ?? []) kindOf.set(o.id, o.kind);
  for (const o of catalog.options) kindOf.set(o.id, o.kind);
  for (const [id, k] of kindOf) if (k === 'cloud_api') apis.add(id);
  const models = new Set([...(existing?.models ?? []).map((m) => m.id), ...catalog.models.map((m) => m.id)]);

  catalog.options.forEach((o, i) => {
    const at = `options[${i}]`;
    if ((o.kind === 'system') && o.typical_power_kw > o.max_power_kw) {
      warnings.push({ path: `${at}.typical_power_kw`, message: `typical power ${o.typical_power_kw} kW is above max_power_kw ${o.max_power_kw} kW` });
    }
    if (o.kind === 'edge_device' && o.inference_via) {
      const k = kindOf.get(o.inference_via);
      if (k !== 'cloud_api') {
        errors.push({
          path: `${at}.inference_via`,
          message: k
            ? `'${o.inference_via}' is a ${k}; inference_via must name a cloud_api`
            : `'${o.inference_via}' is not a cloud_api in this file or the document (known: ${[...apis].join(', ') || 'none'})`,
        });
      }
    }
    const perfOf = new Map<string, number>();
    o.performance.forEach((perf, j) => {
      const firstPerf = perfOf.get(perf.model);
      if (firstPerf !== undefined) {
        errors.push({ path: `${at}.performance[${j}].model`, message: `model '${perf.model}' is listed twice (also ${at}.performance[${firstPerf}])` });
      } else perfOf.set(perf.model, j);
      if (o.kind === 'cloud_api') {
        perf.points.forEach((p, k) => {
          if (p.unit_tps != null) warnings.push({ path: `${at}.performance[${j}].points[${k}].unit_tps`, message: 'ignored: APIs have no capacity limit' });
        });
      }
      if (models.size && !models.has(perf.model)) {
        warnings.push({ path: `${at}.performance[${j}].model`, message: `model '${perf.model}' is not defined in this file or the document` });
      }
      const pts = perf.points.map((p, k) => ({ ...p, k })).sort((a, b) => a.user_tps - b.user_tps);
      for (let k = 1; k < pts.length; k++) {
        const a = pts[k - 1]!;
        const b = pts[k]!;
        if (a.unit_tps != null && b.unit_tps != null && b.unit_tps > a.unit_tps && b.user_tps > a.user_tps) {
          warnings.push({
            path: `${at}.performance[${j}].points[${b.k}].unit_tps`,
            message: `unit_tps rises (${a.unit_tps} → ${b.unit_tps}) as user_tps rises (${a.user_tps} → ${b.user_tps}); faster users should mean less total throughput`,
          });
        }
      }
      if (o.kind !== 'cloud_api' && !(o.kind === 'edge_device' && o.inference_via)) {
        perf.points.forEach((p, k) => {
          if (p.unit_tps == null) warnings.push({ path: `${at}.performance[${j}].points[${k}].unit_tps`, message: `is empty: only a cloud_api has no capacity limit` });
        });
      }
    });
    for (const field of Object.keys(o.field_sources ?? {})) {
      // api_parity.MODEL: the reason an owned system may cost more per token than the vendor's API
      // for MODEL (the catalog test and report read it; the default catalog carries three)
      if (field.startsWith(API_PARITY)) {
        if (!o.performance.some((p) => p.model === field.slice(API_PARITY.length))) warnings.push({ path: `${at}.field_sources.${field}`, message: `names a model this ${o.kind} does not serve` });
        continue;
      }
      // keys may be dotted paths into the option (performance.MODEL.…): the first segment must exist
      if (!(field.split('.')[0]! in o)) warnings.push({ path: `${at}.field_sources.${field}`, message: `names a field this ${o.kind} does not have` });
    }
  });
  // edge devices already in the document that route through an id this file adds or replaces
  const inFile = new Map(catalog.options.map((o, i) => [o.id, i]));
  for (const o of existing?.options ?? []) {
    if (o.kind !== 'edge_device' || !o.inference_via || inFile.has(o.id)) continue;
    const i = inFile.get(o.inference_via);
    if (i === undefined || catalog.options[i]!.kind === 'cloud_api') continue;
    errors.push({
      path: `options[${i}].kind`,
      message: `'${o.id}' in the document uses '${o.inference_via}' as its inference_via, which this file makes a ${catalog.options[i]!.kind}; inference_via must name a cloud_api`,
    });
  }
  return { catalog: errors.length ? null : catalog, errors, warnings };
}

/** Canonical form for comparison: null and absent are the same; keys sorted. */
function canon(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canon);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== null && x !== undefined) out[k] = canon(x);
    }
    return out;
  }
  return v;
}
// a field absent on one side and null on the other is the same too (an edge device without
// inference_via, stored as null, read as 'replaced' when the same file was imported again)
const same = (a: unknown, b: unknown) => JSON.stringify(canon(a) ?? null) === JSON.stringify(canon(b) ?? null);

function changes(a: Record<string, unknown>, b: Record<string, unknown>): FieldChange[] {
  const out: FieldChange[] = [];
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    if (k === 'field_sources') {
      const fa = (a[k] ?? {}) as Record<string, unknown>;
      const fb = (b[k] ?? {}) as Record<string, unknown>;
      for (const f of new Set([...Object.keys(fa), ...Object.keys(fb)])) {
        if (!same(fa[f], fb[f])) out.push({ field: `field_sources.${f}`, from: fa[f] ?? null, to: fb[f] ?? null });
      }
    } else if (!same(a[k], b[k])) out.push({ field: k, from: a[k] ?? null, to: b[k] ?? null });
  }
  return out;
}

/** What importing `incoming` into `current` would do (options and models, by id). */
export function diffCatalog(current: Catalog, incoming: Catalog): CatalogDiff {
  const diff: CatalogDiff = { added: [], replaced: [], unchanged: [], models: { added: [], replaced: [], unchanged: [] } };
  const opts = new Map<string, CatalogOption>(current.options.map((o) => [o.id, o]));
  for (const o of incoming.options) {
    const cur = opts.get(o.id);
    if (!cur) diff.added.push(o.id);
    else {
      const ch = changes(cur as unknown as Record<string, unknown>, o as unknown as Record<string, unknown>);
      if (ch.length) diff.replaced.push({ id: o.id, changes: ch });
      else diff.unchanged.push(o.id);
    }
  }
  const models = new Map<string, Model>(current.models.map((m) => [m.id, m]));
  for (const m of incoming.models) {
    const cur = models.get(m.id);
    if (!cur) diff.models.added.push(m.id);
    else {
      const ch = changes(cur, m);
      if (ch.length) diff.models.replaced.push({ id: m.id, changes: ch });
      else diff.models.unchanged.push(m.id);
    }
  }
  return diff;
}

/** The whole catalog as pretty JSON (DESIGN 7 shape; field_sources included). */
export function catalogToJson(catalog: Catalog): string {
  return JSON.stringify({ models: catalog.models, options: catalog.options }, null, 2) + '\n';
}

export function formatCatalogIssue(fileName: string, i: CatalogIssue): string {
  return `${fileName}${i.line ? `:${i.line}` : ''}: ${i.path ? `${i.path}: ` : ''}${i.message}`;
}

/** The line of the value at `path`, or of its nearest enclosing value (a missing field: its object's line). */
function lineOf(lines: Map<string, number>, path: string): number | undefined {
  for (let p = path; p; p = p.replace(/(\.[^.[\]]*|\[\d+\])$/, '')) {
    const l = lines.get(p);
    if (l !== undefined) return l;
    if (!/[.[]/.test(p)) break;
  }
  return lines.get('');
}

/**
 * Line (from 1) where each value of a well-formed JSON text starts, by its path as pathText writes
 * it (options[3].performance[0].points[1].unit_tps); the root is ''. Throws on malformed text.
 */
export function jsonValueLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  let i = 0;
  let line = 1;
  const ws = () => {
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) line++;
      else if (c !== 32 && c !== 9 && c !== 13) return;
    }
  };
  const expect = (ch: string) => {
    if (text[i] !== ch) throw new Error(`expected '${ch}' at ${i}`);
    i++;
  };
  const string = (): string => {
    const start = i;
    expect('"');
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    expect('"');
    return JSON.parse(text.slice(start, i)) as string;
  };
  // recursive: a pathologically deep file throws (RangeError) and its issues go without lines
  const value = (path: string): void => {
    ws();
    lines.set(path, line);
    const c = text[i];
    if (c === '"') return void string();
    if (c !== '{' && c !== '[') {
      while (i < text.length && !/[\s,\]}]/.test(text[i]!)) i++;
      return;
    }
    i++;
    ws();
    const close = c === '{' ? '}' : ']';
    if (text[i] === close) return void i++;
    for (let n = 0; ; n++) {
      ws();
      if (c === '{') {
        const key = string();
        ws();
        expect(':');
        value(path ? `${path}.${key}` : key);
      } else value(`${path}[${n}]`);
      ws();
      if (text[i] === ',') i++;
      else return expect(close);
    }
  };
  value('');
  return lines;
}

/**
 * A catalog file's bytes as text, by the rule of the CSV files (decode.ts): UTF-8 with or without
 * BOM as is, UTF-16 (what PowerShell's `>` writes) and Windows-1252 converted with a warning,
 * binary data refused. It was read as UTF-8 only: "not valid JSON at line 1, column 1: Unexpected token '�'".
 */
export function decodeCatalogBytes(bytes: Uint8Array): { ok: true; text: string; warning?: CatalogIssue } | { ok: false; message: string } {
  const d = decodeBytes(bytes);
  if (!d.ok) return { ok: false, message: d.message.replace('CSV file', 'JSON file').replace('“CSV UTF-8”', 'UTF-8') };
  return d.warning ? { ok: true, text: d.text, warning: { path: '', message: d.warning.replace('“CSV UTF-8”', 'UTF-8') } } : { ok: true, text: d.text };
}

/** "not valid JSON at line 3, column 7: Expected ':' after property name" (line and column from 1). */
export function jsonErrorMessage(text: string, e: Error): string {
  const m = /at position (\d+)/.exec(e.message);
  const token = /^Unexpected token '(.)'/u.exec(e.message);
  const pos = m
    ? Number(m[1])
    : /end of (JSON )?input|Unterminated/i.test(e.message)
      ? text.length
      : token
        ? firstOutsideStrings(text, token[1]!)
        : null;
  const what = e.message
    .replace(/\s*in JSON at position \d+.*$/, '')
    .replace(/\s*\(line \d+ column \d+\)$/, '')
    .replace(/^(Unexpected token '.'),.*$/su, '$1');
  if (pos === null) return `not valid JSON: ${what}`;
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < pos && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return `not valid JSON at line ${line}, column ${pos - lineStart + 1}: ${what}`;
}

/** Where an engine that names the unexpected character but not its position met it: its first
 * occurrence outside string literals (the text before a syntax error is well-formed JSON). */
function firstOutsideStrings(text: string, ch: string): number | null {
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === ch) return i;
    else if (c === '"') inString = true;
  }
  return null;
}
