// Workload/site CSV → a preview of valid rows and located errors (DESIGN 7). Parsing is
// papaparse; every row is validated against WorkloadSchema/SiteSchema (zod is the authority).
// Line numbers are physical file lines where a row starts. Nothing here writes anything:
// the caller commits `rows` in one transaction, or nothing.
import { MODEL_SEPARATOR, PLACEMENTS, SiteSchema, TIERS, WorkloadSchema, workloadModels, type Placement, type Site, type Tier, type Workload } from '../types.ts';
import { columnsFor, matchHeader, type ColumnSpec, type CsvKind } from './columns.ts';
import { createChunkedTable, type ErrorKind, type RowError, type TableRow } from './chunked.ts';
import { createBinaryCheck, createByteDecoder, decodeBytes, DecodeRefused, NOT_TEXT } from './decode.ts';
import { parseNumber, type Delimiter } from './numbers.ts';

export type { CsvKind };
export type { ErrorKind, RowError };
export { detectDelimiter, MAX_ROW_CHARS } from './chunked.ts';
export type ColumnMapping = { header: string; column: string; index: number };
export type RowOf<K extends CsvKind> = K extends 'workloads' ? Workload : Site;
export type ValidRow<T> = { line: number; value: T };
export type SampleRow = { line: number; cells: string[]; errors: RowError[]; duplicate: boolean };

export type ImportPreview<K extends CsvKind = CsvKind> = {
  kind: K;
  fileName: string;
  encoding: string;
  delimiter: Delimiter;
  /** a reason the whole file cannot be imported (no rows at all are offered) */
  fatal: string | null;
  /** data rows in the file (blank lines not counted) */
  totalRows: number;
  rows: ValidRow<RowOf<K>>[];
  errors: RowError[];
  errorCountsByKind: Partial<Record<ErrorKind, number>>;
  invalidRows: number;
  /** valid rows whose name is already in the document (imported per the duplicate choice) */
  duplicates: { line: number; name: string }[];
  warnings: string[];
  /** unknown models with a close known id ("did you mean"), and how many rows name them */
  modelSuggestions: { model: string; suggestion: string; rows: number }[];
  columnsMapped: ColumnMapping[];
  /**
   * required columns the header lacks: empty unless the import updates (`updateFrom`), where a
   * file of some columns changes those columns of existing rows; a new name in it is an error
   */
  missingColumns: string[];
  /** the first rows and the rows with errors, raw cells in `columnsMapped` order, for a preview */
  sample: SampleRow[];
};

export type ImportContext = {
  fileName?: string;
  /** model ids of the document's catalog; when given, a workload's model must be one of them */
  knownModels?: readonly string[];
  /** names already in the document */
  existingNames?: Iterable<string>;
  /** unknown model → known model the user accepted ("did you mean"): applied to the cells before validation */
  modelAliases?: Readonly<Record<string, string>>;
  /**
   * The document's row of an existing name, given when such rows update it (`--on-duplicate
   * update`, the app's dialog): the header then needs only `name`, and a row of an existing name
   * is checked as it will be written — the file's columns over the document's values (a present
   * column's empty cell is still its default). Without it a header lacking a required column is refused.
   */
  updateFrom?: (name: string) => Workload | Site | undefined;
};

const MAX_WARNINGS = 50;
/** file-level messages do not repeat the file's name: formatRowError puts "F.csv:LINE: " in front */
const EMPTY_FILE = 'the file is empty: expected a header row and at least one data row';
const SAMPLE_FIRST = 50;
const SAMPLE_ERRORS = 500;
const MAX_VALUE = 200;
/** "1.200" in a semicolon file: DESIGN 7 reads 1.2, but people may have meant 1200 */
const AMBIGUOUS_DOT = /^[+-]?\d{1,3}\.\d{3}$/;

const trunc = (s: string) => (s.length > MAX_VALUE ? s.slice(0, MAX_VALUE) + '…' : s);

/** Reverses export's formula neutralisation: one leading ' before = + - @ tab CR is dropped. */
export function unneutralise(s: string): string {
  return /^'+[=+\-@\t\r]/.test(s) ? s.slice(1) : s;
}

function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** The closest known id (edit distance on lower case), or undefined when nothing is close. */
export function closestMatch(value: string, known: readonly string[]): string | undefined {
  const v = value.toLowerCase();
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    const d = levenshtein(v, k.toLowerCase());
    if (d < bestD) [best, bestD] = [k, d];
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(v.length / 3)) ? best : undefined;
}

function unknownModelReason(model: string, known: readonly string[]): string {
  const near = closestMatch(model, known);
  const list = known.length > 25 ? `${known.slice(0, 25).join(', ')}, … (${known.length} in all)` : known.join(', ');
  // without a "did you mean", a ';' before the list ("unknown model 'x' known: a, b" ran on)
  return `unknown model '${model}'${near ? ` — did you mean ${near}?` : ';'} known: ${list || '(none: the catalog has no models)'}`;
}

const PLACEMENT_SYNONYMS: Record<string, Placement> = {
  'on-prem': 'onprem', 'on prem': 'onprem', 'on-premises': 'onprem', 'on premises': 'onprem', 'on-premise': 'onprem', onpremise: 'onprem',
  onpremises: 'onprem', 'on_prem': 'onprem', anywhere: 'any',
};
const BOOLS: Record<string, boolean> = { yes: true, no: false, true: true, false: false, '1': true, '0': false, y: true, n: false };

type CellOut = { value?: unknown; error?: { reason: string; kind: ErrorKind } };

const BREAKS = /[\r\n\t]/;
const BREAK_RUNS = /[ ]*[\r\n\t][\r\n\t ]*/g;

function parseCell(spec: ColumnSpec, raw: string, delimiter: Delimiter): CellOut {
  const v = raw.trim();
  if (v === '') {
    if (spec.required) return { error: { reason: 'is required', kind: 'required' } };
    return spec.kind === 'nullable' ? { value: null } : {};
  }
  switch (spec.kind) {
    case 'text':
      // a quoted field may hold line breaks (DESIGN 7); a name is one line, so a break or tab inside
      // it reads as a space (names refuse control characters: the row was refused), with a warning
      return { value: unneutralise(BREAKS.test(v) ? v.replace(BREAK_RUNS, ' ') : v) };
    case 'number':
    case 'int':
    case 'nullable':
    case 'percent':
    case 'money': {
      const r = parseNumber(v, delimiter, { percent: spec.kind === 'percent', money: spec.kind === 'money' });
      return r.ok ? { value: r.value } : { error: { reason: r.reason, kind: 'number' } };
    }
    case 'placement': {
      const p = v.toLowerCase();
      const value = (PLACEMENTS as readonly string[]).includes(p) ? p : PLACEMENT_SYNONYMS[p];
      return value ? { value } : { error: { reason: `must be one of ${PLACEMENTS.join(', ')}`, kind: 'choice' } };
    }
    case 'tiers': {
      const parts = v.split(/[;|,]/).map((t) => t.trim().toLowerCase()).filter(Boolean);
      const badTier = parts.find((t) => !(TIERS as readonly string[]).includes(t));
      if (badTier !== undefined) return { error: { reason: `unknown tier '${badTier}': use ${TIERS.join(', ')} separated by ';'`, kind: 'choice' } };
      return parts.length ? { value: [...new Set(parts)] as Tier[] } : {};
    }
    case 'bool': {
      const b = BOOLS[v.toLowerCase()];
      return b === undefined ? { error: { reason: 'must be yes or no', kind: 'choice' } } : { value: b };
    }
  }
}

type Table = {
  delimiter: Delimiter;
  header: TableRow | null;
  rows: TableRow[];
  problems: RowError[];
  /** a row over MAX_ROW_CHARS: the file is refused */
  refused: { reason: string; line: number } | null;
};

/** Splits a whole text into physical-line-numbered rows (the chunked parser, fed once); blank lines are skipped. */
export function parseTable(text: string): Table {
  const rows: TableRow[] = [];
  const problems: RowError[] = [];
  let header: TableRow | null = null;
  const t = createChunkedTable({ onHeader: (h) => (header = h), onRow: (r) => rows.push(r), problems });
  t.push(text);
  t.end();
  return { delimiter: t.delimiter ?? ',', header, rows, problems, refused: t.refused };
}

/** An import in progress: parse once, validate in steps (so a UI can show progress and yield). */
export type CsvImportJob<K extends CsvKind> = {
  readonly total: number;
  readonly done: number;
  /** validates up to `maxRows` more rows; true when all rows are done */
  step(maxRows: number): boolean;
  finish(): ImportPreview<K>;
};

function emptyPreview<K extends CsvKind>(kind: K, fileName: string, encoding: string, delimiter: Delimiter): ImportPreview<K> {
  return {
    kind, fileName, encoding, delimiter, fatal: null, totalRows: 0, rows: [], errors: [], errorCountsByKind: {}, invalidRows: 0,
    duplicates: [], warnings: [], modelSuggestions: [], columnsMapped: [], missingColumns: [], sample: [],
  };
}

function setFatal(p: ImportPreview, reason: string, line = 1): void {
  p.fatal = reason;
  p.rows = [];
  p.duplicates = [];
  p.sample = [];
  p.errors = [{ line, column: '', value: '', reason, kind: 'file' }];
  p.errorCountsByKind = { file: 1 };
  p.invalidRows = 0;
}

function fatalJob<K extends CsvKind>(p: ImportPreview<K>, reason: string, line = 1): CsvImportJob<K> {
  setFatal(p, reason, line);
  return { total: 0, done: 0, step: () => true, finish: () => p };
}

type Validator = { validateRow(r: TableRow): void; finish(): void };

/**
 * Maps the header to columns and returns the per-row validator, or null after setting p.fatal
 * (missing required columns, two headers for one column). `problems` fills as parsing goes.
 */
function createValidator<K extends CsvKind>(
  kind: K,
  p: ImportPreview<K>,
  header: TableRow,
  ctx: ImportContext,
  problems: RowError[],
): Validator | null {
  const warnings = p.warnings;
  const specs = columnsFor(kind);
  const mapped: { spec: ColumnSpec; index: number }[] = [];
  const byName = new Map<string, ColumnMapping>();
  const unknown: string[] = [];
  const unnamed: number[] = [];
  const headerErrors: string[] = [];
  header.cells.forEach((raw, index) => {
    const h = raw.trim();
    if (h === '') return void unnamed.push(index);
    const spec = matchHeader(kind, h);
    if (!spec) return void unknown.push(h);
    const prev = byName.get(spec.name);
    if (prev) return void headerErrors.push(`columns '${prev.header}' and '${h}' both mean ${spec.name}`);
    const m = { header: h, column: spec.name, index };
    byName.set(spec.name, m);
    p.columnsMapped.push(m);
    mapped.push({ spec, index });
  });
  if (unknown.length) {
    const shown = unknown.slice(0, 10).map((u) => `'${trunc(u)}'`).join(', ');
    warnings.push(`unknown column${unknown.length > 1 ? 's' : ''} ${shown}${unknown.length > 10 ? ` and ${unknown.length - 10} more` : ''} ignored (line ${header.line})`);
  }
  // an update may leave out required columns (it changes the columns the file has), never the name
  const updateFrom = ctx.updateFrom;
  const absent = specs.filter((s) => s.required && !byName.has(s.name));
  if (updateFrom && byName.has('name')) p.missingColumns = absent.map((s) => s.name);
  else for (const s of absent) headerErrors.push(`missing required column '${s.name}' (also accepted: ${s.synonyms.slice(0, 4).join(', ') || 'no synonyms'})`);
  const noun = kind === 'workloads' ? 'workload' : 'site';
  // a header of every column takes nothing from the document: no look-up (100,000 rows updated from a
  // full file: the preview took 1.2 s with it, 0.9 s without; 2 cores, load 5)
  const fillFrom = updateFrom && specs.some((s) => !byName.has(s.name)) ? updateFrom : null;
  if (p.missingColumns.length) {
    const cols = p.missingColumns.join(', ');
    warnings.push(`the file has no ${cols} column${p.missingColumns.length > 1 ? 's' : ''}: it updates existing ${kind} only (a new ${noun} needs every required column)`);
  }
  if (headerErrors.length) {
    setFatal(p, headerErrors.join('; '), header.line);
    return null;
  }

  const schema = kind === 'workloads' ? WorkloadSchema : SiteSchema;
  const known = kind === 'workloads' && ctx.knownModels ? ctx.knownModels : null;
  const knownSet = known ? new Set(known) : null;
  const modelReasons = new Map<string, string>();
  /** per unknown model: its "did you mean" entry, or null when no known id is close */
  const suggestions = new Map<string, { model: string; suggestion: string; rows: number } | null>();
  const aliases = ctx.modelAliases && Object.keys(ctx.modelAliases).length ? ctx.modelAliases : null;
  const existing = new Set(ctx.existingNames ?? []);
  /** lower-cased name → the name as first seen, in the document or the file (its line: `seen`) */
  const caseTwins = new Map<string, string>();
  for (const n of existing) caseTwins.set(n.toLowerCase(), n);
  let caseTwinCount = 0;
  let caseTwinFirst = '';
  const seen = new Map<string, number>();
  const headerWidth = header.cells.length;
  const delim = p.delimiter;
  let unnamedWithData = false;
  let ambiguous = 0;
  let ambiguousFirst = '';
  let broken = 0;
  let brokenFirst = '';
  let shortRows = 0;
  let shortFirst = '';
  let ambiguousValue = '';
  // Excel's "4 %" exported as 0.04: a percent column whose non-zero values are all below 1
  const percentCols = new Map<string, { header: string; nonZero: number; small: number; signed: boolean; first: string }>();
  for (const { spec, index } of mapped) {
    if (spec.kind === 'percent') percentCols.set(spec.name, { header: header.cells[index]!.trim(), nonZero: 0, small: 0, signed: false, first: '' });
  }
  let done = 0;
  let problemsSeen = 0;
  const quoteLines = new Set<number>();
  const enumCache = new Map<string, Map<string, CellOut>>(mapped.map(({ spec }) => [spec.name, new Map()]));

  const sampleIt = (r: TableRow, errs: RowError[] | null, dup: boolean): void => {
    const nErr = p.sample.length - Math.min(p.sample.length, SAMPLE_FIRST);
    if (done < SAMPLE_FIRST || (errs && nErr < SAMPLE_ERRORS)) {
      p.sample.push({ line: r.line, cells: mapped.map(({ index }) => trunc(r.cells[index] ?? '')), errors: errs ?? [], duplicate: dup });
    }
  };

  const validateRow = (r: TableRow): void => {
    while (problemsSeen < problems.length) {
      const e = problems[problemsSeen++]!;
      quoteLines.add(e.line);
      p.errors.push(e);
    }
    p.totalRows++;
    if (quoteLines.size && quoteLines.has(r.line)) {
      // the error itself is already listed (from the parser); the row is not offered
      p.invalidRows++;
      p.errorCountsByKind.quotes = (p.errorCountsByKind.quotes ?? 0) + 1;
      sampleIt(r, p.errors.filter((e) => e.line === r.line && e.kind === 'quotes'), false);
      done++;
      return;
    }
    let errs: RowError[] | null = null;
    const obj: Record<string, unknown> = {};
    // a row that ends before a column (fewer fields than the header) lacks that field. A required
    // one refuses the row; an optional one takes its default as an empty cell does, with a warning:
    // spreadsheets leave out the trailing delimiters of empty cells (Excel past the 16th row)
    let missing: string[] | null = null;
    let defaulted: string[] | null = null;
    let shifted = false;
    for (const { spec, index } of mapped) {
      if (index >= r.cells.length) {
        if (spec.required) (missing ??= []).push(spec.name);
        else (defaulted ??= []).push(spec.name);
        continue;
      }
      const raw = r.cells[index]!;
      let out: CellOut;
      if (spec.kind === 'tiers' || spec.kind === 'placement' || spec.kind === 'bool') {
        // few distinct values in a big file: parse each once
        const cache = enumCache.get(spec.name)!;
        let hit = cache.get(raw);
        if (!hit) {
          hit = parseCell(spec, raw, delim);
          if (cache.size < 1000) cache.set(raw, hit);
        }
        out = Array.isArray(hit.value) ? { value: [...hit.value] } : hit;
      } else out = parseCell(spec, raw, delim);
      if (spec.kind === 'text' && typeof out.value === 'string' && BREAKS.test(raw.trim()) && broken++ === 0) brokenFirst = `line ${r.line}, ${spec.name} '${trunc(out.value)}'`;
      if (delim !== ',' && typeof out.value === 'number' && AMBIGUOUS_DOT.test(raw.trim())) {
        if (ambiguous++ === 0) {
          ambiguousFirst = `'${raw.trim()}' on line ${r.line}`;
          ambiguousValue = raw.trim();
        }
      }
      if (spec.kind === 'percent' && typeof out.value === 'number' && out.value !== 0) {
        const st = percentCols.get(spec.name)!;
        st.nonZero++;
        if (raw.includes('%')) st.signed = true;
        if (Math.abs(out.value) < 1 && st.small++ === 0) st.first = `${raw.trim()} on line ${r.line}`;
      }
      if (out.error) (errs ??= []).push({ line: r.line, column: spec.name, value: trunc(raw.trim()), reason: out.error.reason, kind: out.error.kind });
      else if (out.value !== undefined) obj[spec.name] = out.value;
    }
    if (defaulted && !missing && shortRows++ === 0) shortFirst = `line ${r.line} has no ${defaulted.length > 4 ? `${defaulted.slice(0, 4).join(', ')} and ${defaulted.length - 4} more` : defaulted.join(', ')}`;
    if (missing) {
      const shown = missing.length > 4 ? `${missing.slice(0, 4).join(', ')} and ${missing.length - 4} more` : missing.join(', ');
      (errs ??= []).push({
        line: r.line, column: missing[0]!, value: '',
        reason: `missing: the row has ${r.cells.length} field${r.cells.length === 1 ? '' : 's'} but the header has ${headerWidth} (no ${shown}), and ${missing.length === 1 ? 'it is' : 'they are'} required`, kind: 'fields',
      });
    }
    if (r.cells.length > headerWidth) {
      // more values than headers: an unquoted delimiter shifted the row (trailing empty fields are fine)
      let last = r.cells.length - 1;
      while (last >= headerWidth && r.cells[last]!.trim() === '') last--;
      if (last >= headerWidth) {
        // the cause alone: past the unquoted delimiter every value sits one column over, and what the
        // columns made of them only misleads ("12,5" unquoted read placement '0', growth 10000 %: five
        // messages, this one last)
        errs = [{
          line: r.line, column: header.cells[headerWidth - 1]?.trim() ?? '', value: trunc(r.cells[headerWidth] ?? ''),
          reason: `${last + 1} fields but the header has ${headerWidth}: a value after this last column — quote values that contain the delimiter`, kind: 'fields',
        }];
        shifted = true;
      }
    }
    if (!unnamedWithData) for (const i of unnamed) if ((r.cells[i] ?? '').trim() !== '') unnamedWithData = true;
    if (fillFrom && typeof obj.name === 'string') {
      // the name as the schema will store it (NFC, trimmed): the document's spelling
      const name = obj.name.normalize('NFC');
      const before = existing.has(name) ? fillFrom(name) : undefined;
      if (before) {
        // the document's values in the columns the file lacks: the row is checked as it will be written
        for (const [k, v] of Object.entries(before)) if (!byName.has(k)) obj[k] = v;
      } else {
        for (const column of p.missingColumns) {
          (errs ??= []).push({ line: r.line, column, value: '', reason: `required for a new ${noun} (the file has no ${column} column)`, kind: 'required' });
        }
      }
    }
    if (aliases && typeof obj.model === 'string') {
      obj.model = obj.model.split(MODEL_SEPARATOR).map((m) => aliases[m.trim()] ?? m).join(MODEL_SEPARATOR);
    }
    let value: Workload | Site | undefined;
    // zod runs on every row (the authority); columns that already failed to parse are not re-reported
    const res = schema.safeParse(obj);
    if (res.success) {
      if (errs === null) value = res.data;
    } else if (!shifted) {
      const failed = errs ? new Set([...errs.map((e) => e.column), ...(missing ?? [])]) : null;
      for (const issue of res.error.issues) {
        const column = String(issue.path[0] ?? '');
        if (failed?.has(column)) continue;
        const m = byName.get(column);
        const raw = m ? (r.cells[m.index] ?? '').trim() : '';
        (errs ??= []).push({ line: r.line, column, value: trunc(raw), reason: issue.message, kind: issue.code === 'invalid_value' ? 'choice' : 'range' });
      }
    }
    // `a|b`: every model the workload accepts must be known; the first unknown one is named
    const modelCell = typeof obj.model === 'string' ? obj.model.trim() : '';
    const unknownModel = knownSet && modelCell ? workloadModels({ model: modelCell }).find((m) => !knownSet.has(m)) : undefined;
    if (unknownModel !== undefined && !shifted && !byName.has('model')) {
      // an update file without a model column: the model is the document's own, which has left the
      // catalog since; no spelling in the file is wrong, so the row says what would let it through
      value = undefined;
      (errs ??= []).push({
        line: r.line, column: 'model', value: trunc(unknownModel), kind: 'unknown_model',
        reason: `workload '${trunc(String(obj.name))}' keeps model '${unknownModel}', which is no longer in the catalog: add the model back (Catalog → Import…, or \`fleetplan import PLAN --catalog FILE.json\`) or give the file a model column with a model of the catalog`,
      });
    } else if (unknownModel !== undefined && !shifted) {
      const model = unknownModel;
      value = undefined;
      let reason = modelReasons.get(model);
      if (!reason) modelReasons.set(model, (reason = unknownModelReason(model, known!)));
      let near = suggestions.get(model);
      if (near === undefined) {
        const suggestion = closestMatch(model, known!);
        suggestions.set(model, (near = suggestion === undefined ? null : { model, suggestion, rows: 0 }));
      }
      if (near) near.rows++;
      (errs ??= []).push({ line: r.line, column: 'model', value: trunc(model), reason, kind: 'unknown_model' });
    }
    if (value) {
      const first = seen.get(value.name);
      if (first !== undefined) {
        (errs ??= []).push({ line: r.line, column: 'name', value: trunc(value.name), reason: `duplicate name '${trunc(value.name)}' (first on line ${first})`, kind: 'duplicate_in_file' });
      } else {
        seen.set(value.name, r.line);
        // 'Chat' beside 'chat' (in the file or the document) is two workloads: allowed, but said
        const lower = value.name.toLowerCase();
        const twin = caseTwins.get(lower);
        if (twin === undefined) caseTwins.set(lower, value.name);
        else if (twin !== value.name && caseTwinCount++ === 0) {
          const at = seen.get(twin);
          caseTwinFirst = `'${trunc(value.name)}' on line ${r.line} and '${trunc(twin)}' ${at === undefined ? 'in the document' : `on line ${at}`}`;
        }
      }
    }
    const dup = !!value && errs === null && existing.size > 0 && existing.has(value.name);
    if (errs) {
      p.invalidRows++;
      for (const e of errs) {
        p.errors.push(e);
        p.errorCountsByKind[e.kind] = (p.errorCountsByKind[e.kind] ?? 0) + 1;
      }
    } else {
      p.rows.push({ line: r.line, value: value as RowOf<K> });
      if (dup) p.duplicates.push({ line: r.line, name: value!.name });
    }
    sampleIt(r, errs, dup);
    done++;
  };

  const finish = (): void => {
    p.modelSuggestions = [...suggestions.values()].filter((x) => x !== null);
    while (problemsSeen < problems.length) p.errors.push(problems[problemsSeen++]!);
    if (p.totalRows === 0) warnings.push('the file has a header row but no data rows');
    if (unnamedWithData) warnings.push('values in a column without a header were ignored');
    if (shortRows) {
      warnings.push(
        `${shortRows} row${shortRows > 1 ? 's end' : ' ends'} before the last column${shortRows > 1 ? ' (first: ' : ' ('}${shortFirst}): ` +
          `the missing fields took their defaults, as empty cells do`,
      );
    }
    if (caseTwinCount) {
      warnings.push(
        `${caseTwinCount} name${caseTwinCount > 1 ? 's differ' : ' differs'} from another only in letter case, e.g. ${caseTwinFirst}: ` +
          `they are separate ${kind}; write the name as it is spelt to update it`,
      );
    }
    if (broken) {
      warnings.push(`${broken} value${broken > 1 ? 's' : ''} held a line break or tab (first: ${brokenFirst}): read as a space, as names are one line`);
    }
    if (ambiguous) {
      warnings.push(
        `${ambiguous} value${ambiguous > 1 ? 's' : ''} like ${ambiguousFirst} ${ambiguous > 1 ? 'were' : 'was'} read with '.' as the decimal mark ` +
          `(in a ${delim === ';' ? 'semicolon' : 'tab'}-separated file a number without ',' uses '.' as its decimal mark); write ${ambiguousValue.replace('.', '')} or ${ambiguousValue},0 if thousands were meant`,
      );
    }
    for (const [name, st] of percentCols) {
      if (st.nonZero > 0 && st.small === st.nonZero && !st.signed) {
        warnings.push(
          `column '${trunc(st.header)}' (${name}) holds only values below 1 (e.g. ${st.first}); they are read as percent, so 0.04 means 0.04 %, not 4 % ` +
            `— if the spreadsheet stored 4 % as 0.04, write 4 (or 4 %) instead`,
        );
      }
    }
    if (warnings.length > MAX_WARNINGS) warnings.splice(MAX_WARNINGS, Infinity, `… and ${warnings.length - MAX_WARNINGS} more warning${warnings.length - MAX_WARNINGS === 1 ? '' : 's'}`);
    p.errors.sort((a, b) => a.line - b.line);
  };
  return { validateRow, finish };
}

function decodeInput(input: string | Uint8Array): { text: string; encoding: string; warning?: string } | { fatal: string; encoding: string } {
  if (typeof input === 'string') return { text: input.charCodeAt(0) === 0xfeff ? input.slice(1) : input, encoding: 'utf-8' };
  const d = decodeBytes(input);
  if (!d.ok) return { fatal: d.message, encoding: d.encoding };
  return d.warning ? { text: d.text, encoding: d.encoding, warning: d.warning } : { text: d.text, encoding: d.encoding };
}

const defaultName = (kind: CsvKind) => (kind === 'workloads' ? 'workloads.csv' : 'sites.csv');

/** Parses the whole file first, then validates in steps (the UI's progress bar and Cancel). */
export function beginCsvImport<K extends CsvKind>(kind: K, input: string | Uint8Array, ctx: ImportContext = {}): CsvImportJob<K> {
  const fileName = ctx.fileName ?? defaultName(kind);
  const d = decodeInput(input);
  if ('fatal' in d) return fatalJob(emptyPreview(kind, fileName, d.encoding, ','), d.fatal);
  const table = parseTable(d.text);
  const p = emptyPreview(kind, fileName, d.encoding, table.delimiter);
  if (d.warning) p.warnings.push(d.warning);
  if (table.refused) return fatalJob(p, table.refused.reason, table.refused.line);
  if (!table.header) return fatalJob(p, EMPTY_FILE);
  if (table.rows.length > MAX_IMPORT_ROWS) return fatalJob(p, tooManyRows(MAX_IMPORT_ROWS), table.rows[MAX_IMPORT_ROWS]!.line);
  const v = createValidator(kind, p, table.header, ctx, table.problems);
  if (!v) return fatalJob(p, p.fatal!, table.header.line);
  let done = 0;
  let finished = false;
  return {
    total: table.rows.length,
    get done() {
      return done;
    },
    step(maxRows: number): boolean {
      const end = Math.min(table.rows.length, done + maxRows);
      while (done < end) {
        v.validateRow(table.rows[done]!);
        table.rows[done] = undefined as unknown as TableRow; // let the cells go
        done++;
      }
      return done >= table.rows.length;
    },
    finish(): ImportPreview<K> {
      this.step(Infinity);
      if (!finished) v.finish();
      finished = true;
      return p;
    },
  };
}

/** Parses and validates a whole file at once: the streamed import, fed one chunk. */
export function previewCsv<K extends CsvKind>(kind: K, input: string | Uint8Array, ctx: ImportContext & ImportLimits = {}): ImportPreview<K> {
  const s = createCsvImport(kind, ctx);
  s.push(input);
  return s.end();
}

/** The most one import reads (docs/limits.md): more is refused before anything is written. */
export const MAX_IMPORT_ROWS = 500_000;
export const MAX_IMPORT_BYTES = 256 * 1024 * 1024;
export type ImportLimits = { maxRows?: number; maxBytes?: number };

const tooManyRows = (n: number) => `the file has more than ${n.toLocaleString('en-US')} data rows, the most one import takes: split it into several files`;
const tooManyBytes = (n: number) => `the file is larger than ${Math.round(n / 1024 / 1024)} MB, the most one import takes: split it into several files`;

/** An import fed in chunks (a file or request body as it arrives): rows are validated as they are parsed. */
export type CsvImportStream<K extends CsvKind> = {
  /** the next bytes (or text) of the file; ignored once the file is refused */
  push(chunk: string | Uint8Array): void;
  /** the preview of the whole file: every row added, rejected with a reason, or the file refused */
  end(): ImportPreview<K>;
  /** data rows parsed so far (progress) */
  readonly rowsRead: number;
  readonly bytesRead: number;
  /** parser passes so far: more than one when the file came in several chunks */
  readonly passes: number;
  /** set as soon as the whole file is refused (binary, too large, a row that never ends): stop reading */
  readonly fatal: string | null;
};

/**
 * The streamed import: bytes → text (createByteDecoder) → rows (createChunkedTable) → validated
 * rows (createValidator). Memory: one chunk, one row, and the validated values. The result does
 * not depend on how the file was cut into chunks.
 */
export function createCsvImport<K extends CsvKind>(kind: K, ctx: ImportContext & ImportLimits = {}): CsvImportStream<K> {
  const fileName = ctx.fileName ?? defaultName(kind);
  const maxRows = ctx.maxRows ?? MAX_IMPORT_ROWS;
  const maxBytes = ctx.maxBytes ?? MAX_IMPORT_BYTES;
  const decoder = createByteDecoder();
  let p: ImportPreview<K> | null = null;
  let v: Validator | null = null;
  let skipped = 0;
  let rowsRead = 0;
  let bytesRead = 0;
  let fatal: { reason: string; line: number } | null = null;
  let result: ImportPreview<K> | null = null;
  const problems: RowError[] = [];
  const table = createChunkedTable({
    onHeader: (h, delimiter) => {
      p = emptyPreview(kind, fileName, decoder.encoding, delimiter);
      v = createValidator(kind, p, h, ctx, problems);
    },
    onRow: (r) => {
      if (fatal) return;
      if (++rowsRead > maxRows) {
        fatal = { reason: tooManyRows(maxRows), line: r.line };
        return;
      }
      if (v) v.validateRow(r);
      else skipped++;
    },
    problems,
  });
  const refuse = (reason: string, line = 1) => void (fatal ??= { reason, line });
  const binary = createBinaryCheck();
  const decoded = (read: () => string, last = false): void => {
    try {
      let t = read();
      if (!binary.seen && t.charCodeAt(0) === 0xfeff) t = t.slice(1);
      if (binary.add(t, last)) return refuse(NOT_TEXT);
      if (t) table.push(t);
    } catch (e) {
      if (!(e instanceof DecodeRefused)) throw e;
      refuse(e.message);
    }
    if (table.refused) refuse(table.refused.reason, table.refused.line);
  };
  let text = false;
  return {
    push(chunk) {
      if (fatal || result) return;
      if (typeof chunk === 'string') {
        text = true;
        bytesRead += chunk.length;
        if (bytesRead > maxBytes) return refuse(tooManyBytes(maxBytes));
        return decoded(() => chunk);
      }
      bytesRead += chunk.length;
      if (bytesRead > maxBytes) return refuse(tooManyBytes(maxBytes));
      decoded(() => decoder.push(chunk));
    },
    end() {
      if (result) return result;
      if (!fatal) {
        decoded(() => (text ? '' : decoder.end()), true);
        if (!fatal) {
          table.end();
          if (table.refused) refuse(table.refused.reason, table.refused.line);
        }
      }
      // a refused file tells only why (what was read before the refusal does not depend on chunking)
      const preview: ImportPreview<K> =
        (!fatal && (p as ImportPreview<K> | null)) || emptyPreview(kind, fileName, decoder.encoding, table.delimiter ?? ',');
      preview.encoding = decoder.encoding;
      // the decoder may decide late (invalid UTF-8 after ASCII text): its note comes first, as for a whole file
      if (decoder.warning) preview.warnings.unshift(decoder.warning);
      if (fatal) setFatal(preview, fatal.reason, fatal.line);
      else if (!p) setFatal(preview, EMPTY_FILE);
      else if (!v) preview.totalRows = skipped;
      else (v as Validator).finish();
      return (result = preview);
    },
    get rowsRead() {
      return rowsRead;
    },
    get bytesRead() {
      return bytesRead;
    },
    get passes() {
      return table.passes;
    },
    get fatal() {
      return fatal?.reason ?? null;
    },
  };
}

export class ImportCancelled extends Error {
  constructor() {
    super('import cancelled');
    this.name = 'ImportCancelled';
  }
}

/** The same, in chunks, yielding to the event loop between them (UI: progress bar, Cancel). */
export async function previewCsvAsync<K extends CsvKind>(
  kind: K,
  input: string | Uint8Array,
  ctx: ImportContext & { chunkRows?: number; onProgress?: (done: number, total: number) => void; signal?: AbortSignal } = {},
): Promise<ImportPreview<K>> {
  const tick = () => new Promise<void>((r) => setTimeout(r, 0));
  await tick();
  if (ctx.signal?.aborted) throw new ImportCancelled();
  const job = beginCsvImport(kind, input, ctx);
  const chunk = ctx.chunkRows ?? 2000;
  ctx.onProgress?.(0, job.total);
  for (;;) {
    const finished = job.step(chunk);
    ctx.onProgress?.(job.done, job.total);
    if (finished) break;
    await tick();
    if (ctx.signal?.aborted) throw new ImportCancelled();
  }
  return job.finish();
}

/** "workloads.csv:12: avg_output_tps: must be > 0" — the CLI's and the toasts' form. */
export function formatRowError(fileName: string, e: RowError): string {
  return `${fileName}:${e.line}: ${e.column ? `${e.column}: ` : ''}${e.reason}${e.value && e.kind !== 'unknown_model' && e.kind !== 'duplicate_in_file' ? ` (got '${e.value}')` : ''}`;
}
