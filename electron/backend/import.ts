// Import and export of workload/site CSVs and catalog JSON against an open plan document.
// Invariant: an import is ONE better-sqlite3 transaction — on any failure (or a killed
// process) the document is exactly as before; nothing is ever half-imported. Rows are
// re-validated here (zod) whatever parsed them: this is the boundary the document trusts.
import { z } from 'zod';
import { FleetError } from '../../core/api.ts';
import {
  catalogToJson,
  checkCatalog,
  diffCatalog,
  createCsvImport,
  formatRowError,
  previewCsv,
  type ImportLimits,
  sitesToCsv,
  workloadsToCsv,
  type CatalogCheck,
  type CatalogDiff,
  type CsvKind,
  type ImportContext,
  type ImportPreview,
} from '../../core/csv/index.ts';
import { SiteSchema, WorkloadSchema, workloadModels, type Site, type Workload } from '../../core/types.ts';
import type { Db } from './db.ts';
import { getCatalog, importCatalog, listModels } from './repo/catalog.ts';
import { getSite, insertSites, listSites, siteNames } from './repo/sites.ts';
import { getWorkload, insertNewWorkloads, insertWorkloads, listWorkloads, workloadNames, type OnDuplicate } from './repo/workloads.ts';

export type { OnDuplicate };
export type ImportSummary = { added: number; updated: number; skipped: number; rejected: number };

/**
 * What a preview needs of the document: the names already there and, when such rows update
 * (`onDuplicate` update), each one's row — a file may then carry only the columns it changes.
 */
function existingContext(db: Db, kind: CsvKind, onDuplicate: OnDuplicate | undefined): Pick<ImportContext, 'existingNames' | 'updateFrom'> {
  const existingNames = kind === 'workloads' ? workloadNames(db) : siteNames(db);
  if (onDuplicate !== 'update') return { existingNames };
  return { existingNames, updateFrom: kind === 'workloads' ? (name) => getWorkload(db, name) : (name) => getSite(db, name) };
}

/** Parses and validates a CSV against the document (known models, names already present). */
export function previewCsvForDb<K extends CsvKind>(
  db: Db,
  kind: K,
  input: string | Uint8Array,
  fileName?: string,
  knownModels?: readonly string[],
  onDuplicate?: OnDuplicate,
): ImportPreview<K> {
  return previewCsv(kind, input, {
    fileName,
    knownModels: kind === 'workloads' ? (knownModels ?? listModels(db).map((m) => m.id)) : undefined,
    ...existingContext(db, kind, onDuplicate),
  });
}

export type CommitOptions = {
  /** a row whose name is already in the document: error (nothing written), update or skip */
  onDuplicate?: OnDuplicate;
  /** false when the rows are already outputs of WorkloadSchema/SiteSchema (dispatch, previewCsv) */
  validate?: boolean;
  /** the columns the file had: an update overwrites only these and keeps the document's other values */
  columns?: readonly string[] | undefined;
  /** read the rows an update changes as they were (`before`): what an Undo of the import puts back */
  keepBefore?: boolean;
};
/** inserted: the names the rows added; before: with keepBefore, the rows they updated as they were just before */
export type CommitResult = ImportSummary & { inserted: string[]; before: (Workload | Site)[] };

/**
 * Writes rows in one transaction. Rows are validated again (zod), names must be unique within
 * the batch, workload models must be in the catalog; a duplicate of a document name follows
 * `onDuplicate` (error → nothing written). Throws FleetError; the document is then unchanged.
 * What an Undo of it takes back (`inserted`, `before`) is read by the same look-ups that write.
 */
export function commitRows(db: Db, kind: CsvKind, rows: unknown[], { onDuplicate = 'error', validate = true, columns, keepBefore = false }: CommitOptions = {}): CommitResult {
  let valid = rows as (Workload | Site)[];
  if (validate) {
    const parsed = kind === 'workloads' ? z.array(WorkloadSchema).safeParse(rows) : z.array(SiteSchema).safeParse(rows);
    if (!parsed.success) {
      const i = parsed.error.issues[0]!;
      throw new FleetError('bad_input', `rows[${String(i.path[0])}].${i.path.slice(1).join('.')}: ${i.message}`, { issues: parsed.error.issues.slice(0, 20) });
    }
    valid = parsed.data;
  }
  const seen = new Set<string>();
  for (const r of valid) {
    if (seen.has(r.name)) throw new FleetError('bad_input', `the name '${r.name}' appears twice in the import`, { name: r.name });
    seen.add(r.name);
  }
  const opts = { columns, keepBefore };
  return db.transaction((): CommitResult => {
    if (kind === 'workloads') {
      const models = new Set(listModels(db).map((m) => m.id));
      // `a|b` lists several accepted models (DESIGN 3.3): each must be in the catalog
      const unknownOf = (w: Workload) => workloadModels(w).find((m) => !models.has(m));
      const bad = (valid as Workload[]).find((w) => unknownOf(w) !== undefined);
      if (bad) throw new FleetError('bad_input', `workload '${bad.name}': unknown model '${unknownOf(bad)}'`, { name: bad.name, field: 'model' });
      if (onDuplicate === 'error') {
        const added = insertNewWorkloads(db, valid as Workload[]);
        return { added, updated: 0, skipped: 0, rejected: 0, inserted: valid.map((w) => w.name), before: [] };
      }
      const r = insertWorkloads(db, valid as Workload[], onDuplicate, opts);
      return { added: r.inserted, updated: r.updated, skipped: r.skipped, rejected: 0, inserted: r.insertedNames, before: r.before };
    }
    const r = insertSites(db, valid as Site[], onDuplicate, opts);
    return { added: r.inserted, updated: r.updated, skipped: r.skipped, rejected: 0, inserted: r.insertedNames, before: r.before };
  })();
}

export type CsvImportOptions = {
  fileName: string;
  /** 'all' (default): any bad row → nothing is imported; 'valid': import the valid rows */
  accept?: 'all' | 'valid';
  onDuplicate?: OnDuplicate;
};
export type CsvImportOutcome = {
  preview: ImportPreview;
  /** null when nothing was written (bad rows without accept=valid, or a fatal file error) */
  summary: ImportSummary | null;
  /** one line per problem: "F.csv:LINE: column: reason" */
  messages: string[];
};

/** The CLI's (and the bench's) import of a whole file: parse, validate, decide, commit in one transaction. */
export function importCsvFile(db: Db, kind: CsvKind, input: string | Uint8Array, opts: CsvImportOptions): CsvImportOutcome {
  const decided = decideCsvImport(previewCsvForDb(db, kind, input, opts.fileName, undefined, opts.onDuplicate), opts);
  if (!decided.commit) return { preview: decided.preview, summary: null, messages: decided.messages };
  return { preview: decided.preview, summary: decided.commit(db), messages: decided.messages };
}

/** How often (rows) a streamed import reports progress. */
const PROGRESS_ROWS = 5000;

export type CsvStreamOptions = {
  fileName: string;
  /** model ids the rows may name (default: the document's); a catalog imported alongside adds its own */
  knownModels?: readonly string[];
  /** update: a row of an existing name updates it, and the file may carry only the columns it changes */
  onDuplicate?: OnDuplicate;
  onProgress?: (rowsRead: number) => void;
  limits?: ImportLimits;
};

/**
 * Reads a CSV from a byte stream, chunk by chunk, validating rows as they arrive: memory holds one
 * chunk, one row and the validated values, never the file. Nothing is written. Once the file is
 * refused (too large, binary, a row that never ends) the rest is read and dropped, so a request
 * body is consumed and can still be answered. `chunks` tells how many pieces came in.
 */
export async function previewCsvStream<K extends CsvKind>(
  db: Db,
  kind: K,
  source: AsyncIterable<Uint8Array>,
  opts: CsvStreamOptions,
): Promise<{ preview: ImportPreview<K>; chunks: number; passes: number }> {
  const s = createCsvImport(kind, {
    fileName: opts.fileName,
    knownModels: kind === 'workloads' ? (opts.knownModels ?? listModels(db).map((m) => m.id)) : undefined,
    ...existingContext(db, kind, opts.onDuplicate),
    ...opts.limits,
  });
  let chunks = 0;
  let reported = 0;
  for await (const chunk of source) {
    chunks++;
    if (s.fatal) continue;
    s.push(chunk);
    if (opts.onProgress && s.rowsRead - reported >= PROGRESS_ROWS) opts.onProgress((reported = s.rowsRead));
  }
  const preview = s.end();
  if (opts.onProgress && s.rowsRead !== reported) opts.onProgress(s.rowsRead);
  return { preview, chunks, passes: s.passes };
}

export type DecidedImport = {
  preview: ImportPreview;
  messages: string[];
  rejected: number;
  /** absent when nothing may be written (bad rows without accept=valid, or a refused file) */
  commit?: (db: Db) => ImportSummary;
};

/** What a previewed file becomes under the caller's choices: the messages, and the write (if any). */
export function decideCsvImport(preview: ImportPreview, opts: CsvImportOptions): DecidedImport {
  const onDuplicate = opts.onDuplicate ?? 'error';
  const messages = preview.errors.map((e) => formatRowError(opts.fileName, e));
  let rows = preview.rows;
  if (onDuplicate === 'error' && preview.duplicates.length) {
    const dupLines = new Set(preview.duplicates.map((d) => d.line));
    for (const d of preview.duplicates) {
      messages.push(`${opts.fileName}:${d.line}: name: '${d.name}' is already in the document (use --on-duplicate update or skip)`);
    }
    rows = rows.filter((r) => !dupLines.has(r.line));
    messages.sort((a, b) => lineOf(a) - lineOf(b));
  }
  const rejected = preview.invalidRows + (preview.rows.length - rows.length);
  if (preview.fatal || (rejected > 0 && opts.accept !== 'valid')) return { preview, messages, rejected };
  // rows are outputs of WorkloadSchema/SiteSchema already (createCsvImport validated each with zod)
  const columns = preview.columnsMapped.map((m) => m.column);
  return {
    preview,
    messages,
    rejected,
    commit: (db) => {
      const r = commitRows(db, preview.kind, rows.map((r) => r.value), { onDuplicate, validate: false, columns });
      return { added: r.added, updated: r.updated, skipped: r.skipped, rejected };
    },
  };
}

function lineOf(msg: string): number {
  const m = /:(\d+):/.exec(msg);
  return m ? Number(m[1]) : 0;
}

export function exportCsv(db: Db, kind: CsvKind): string {
  return kind === 'workloads' ? workloadsToCsv(listWorkloads(db)) : sitesToCsv(listSites(db));
}

export type CatalogImportOutcome = { check: CatalogCheck; diff: CatalogDiff | null; applied: boolean };

/** Checks a catalog JSON against the document and, when `apply` and it is valid, imports it. */
export function importCatalogJson(db: Db, input: string | unknown, opts: { fileName?: string; apply: boolean }): CatalogImportOutcome {
  const current = getCatalog(db);
  const check = checkCatalog(input, current, opts.fileName);
  if (!check.catalog) return { check, diff: null, applied: false };
  const diff = diffCatalog(current, check.catalog);
  if (opts.apply) importCatalog(db, check.catalog);
  return { check, diff, applied: opts.apply };
}

export function exportCatalogJson(db: Db): string {
  return catalogToJson(getCatalog(db));
}
