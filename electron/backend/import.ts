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
  formatRowError,
  previewCsv,
  sitesToCsv,
  workloadsToCsv,
  type CatalogCheck,
  type CatalogDiff,
  type CsvKind,
  type ImportPreview,
} from '../../core/csv/index.ts';
import { SiteSchema, WorkloadSchema, workloadModels, type Site, type Workload } from '../../core/types.ts';
import type { Db } from './db.ts';
import { getCatalog, importCatalog, listModels } from './repo/catalog.ts';
import { insertSites, listSites, siteNames } from './repo/sites.ts';
import { insertNewWorkloads, insertWorkloads, listWorkloads, workloadNames, type OnDuplicate } from './repo/workloads.ts';

export type { OnDuplicate };
export type ImportSummary = { added: number; updated: number; skipped: number; rejected: number };

function existingNames(db: Db, kind: CsvKind): string[] {
  return kind === 'workloads' ? workloadNames(db) : siteNames(db);
}

/** Parses and validates a CSV against the document (known models, names already present). */
export function previewCsvForDb<K extends CsvKind>(db: Db, kind: K, input: string | Uint8Array, fileName?: string): ImportPreview<K> {
  return previewCsv(kind, input, {
    fileName,
    knownModels: kind === 'workloads' ? listModels(db).map((m) => m.id) : undefined,
    existingNames: existingNames(db, kind),
  });
}

/**
 * Writes rows in one transaction. Rows are validated again (zod), names must be unique within
 * the batch, workload models must be in the catalog; a duplicate of a document name follows
 * `onDuplicate` (error → nothing written). Throws FleetError; the document is then unchanged.
 */
export function commitRows(
  db: Db,
  kind: CsvKind,
  rows: unknown[],
  onDuplicate: OnDuplicate = 'error',
  /** false when the rows are already outputs of WorkloadSchema/SiteSchema (dispatch, previewCsv) */
  validate = true,
  /** the columns the file had: an update overwrites only these and keeps the document's other values */
  columns?: readonly string[],
): ImportSummary {
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
  return db.transaction((): ImportSummary => {
    if (kind === 'workloads') {
      const models = new Set(listModels(db).map((m) => m.id));
      // `a|b` lists several accepted models (DESIGN 3.3): each must be in the catalog
      const unknownOf = (w: Workload) => workloadModels(w).find((m) => !models.has(m));
      const bad = (valid as Workload[]).find((w) => unknownOf(w) !== undefined);
      if (bad) throw new FleetError('bad_input', `workload '${bad.name}': unknown model '${unknownOf(bad)}'`, { name: bad.name, field: 'model' });
      if (onDuplicate === 'error') return { added: insertNewWorkloads(db, valid as Workload[]), updated: 0, skipped: 0, rejected: 0 };
      const r = insertWorkloads(db, valid as Workload[], onDuplicate, columns);
      return { added: r.inserted, updated: r.updated, skipped: r.skipped, rejected: 0 };
    }
    const r = insertSites(db, valid as Site[], onDuplicate, columns);
    return { added: r.inserted, updated: r.updated, skipped: r.skipped, rejected: 0 };
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

/** The CLI's (and the bench's) import: parse, validate, decide, commit in one transaction. */
export function importCsvFile(db: Db, kind: CsvKind, input: string | Uint8Array, opts: CsvImportOptions): CsvImportOutcome {
  const onDuplicate = opts.onDuplicate ?? 'error';
  const preview = previewCsvForDb(db, kind, input, opts.fileName);
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
  if (preview.fatal || (rejected > 0 && opts.accept !== 'valid')) return { preview, summary: null, messages };
  // rows are outputs of WorkloadSchema/SiteSchema already (previewCsv validated each with zod)
  const columns = preview.columnsMapped.map((m) => m.column);
  const summary = commitRows(db, kind, rows.map((r) => r.value), onDuplicate, false, columns);
  return { preview, summary: { ...summary, rejected }, messages };
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
