// import-commit, import-undo/-redo, catalog-import, csv-export, catalog-export: the UI's side of
// DESIGN 7. The renderer parses and previews files with core/csv; the rows it sends are validated
// again here (zod, by dispatch) and written in one transaction by ../import.ts. import-files is the
// CLI's and serve mode's side: files (streamed when they come as streams) parsed here, all of
// them written in ONE transaction.
import path from 'node:path';
import { FleetError, type ApiParsedArgs, type ApiResults, type ByteStream, type ImportFileOutcome } from '../../../core/api.ts';
import type { Site, Workload } from '../../../core/types.ts';
import { decodeCatalogBytes, type CatalogIssue } from '../../../core/csv/catalog.ts';
import type { Backend } from '../backend.ts';
import type { Db } from '../db.ts';
import { commitRows, decideCsvImport, exportCatalogJson, exportCsv, importCatalogJson, previewCsvForDb, previewCsvStream } from '../import.ts';
import { listModels } from '../repo/catalog.ts';
import { assertFresh, currentRevision } from '../repo/changes.ts';
import { placeAt, positionsOf } from '../repo/positions.ts';
import { deleteSites, getSite, insertSites } from '../repo/sites.ts';
import { deleteWorkloads, getWorkload, insertWorkloads } from '../repo/workloads.ts';
import type { Handlers } from './types.ts';

/** A catalog file (at most 16 MB, like a catalog-import body) as text, decoded as csv/catalog.ts decodeCatalogBytes says. */
async function catalogText(content: string | Uint8Array | ByteStream, fileName: string): Promise<{ text: string; warning?: CatalogIssue }> {
  if (typeof content === 'string') return { text: content };
  let all: Uint8Array = content instanceof Uint8Array ? content : new Uint8Array(0);
  if (!(content instanceof Uint8Array)) {
    const parts: Uint8Array[] = [];
    let size = 0;
    for await (const c of content) {
      size += c.length;
      if (size > MAX_CATALOG_BYTES) throw new FleetError('bad_input', `${fileName}: a catalog file over ${MAX_CATALOG_BYTES / 1024 / 1024} MB`);
      parts.push(c);
    }
    all = new Uint8Array(size);
    let at = 0;
    for (const p of parts) (all.set(p, at), (at += p.length));
  }
  const d = decodeCatalogBytes(all);
  if (!d.ok) throw new FleetError('bad_input', `${fileName}: ${d.message}`);
  return d.warning ? { text: d.text, warning: d.warning } : { text: d.text };
}
export const MAX_CATALOG_BYTES = 16 * 1024 * 1024;

/**
 * Reads and checks every file in order (CSV files stream: rows are validated as they arrive),
 * stopping at the first that fails; only when all pass are they written, in ONE transaction, so
 * the document changes only when every file and every row is accounted for.
 */
async function importFiles(b: Backend, { files, accept, onDuplicate, onProgress }: ApiParsedArgs<'import-files'>): Promise<{ applied: boolean; files: ImportFileOutcome[] }> {
  const outcomes: ImportFileOutcome[] = [];
  const writes: ((db: Db) => void)[] = [];
  // workloads may name models of a catalog imported alongside (models are added or replaced by id)
  let knownModels: string[] | undefined;
  for (const f of files) {
    if (f.kind === 'catalog') {
      const { text, warning } = await catalogText(f.content, f.fileName);
      const r = importCatalogJson(b.db, text, { fileName: f.fileName, apply: false });
      const ok = r.diff !== null;
      const warnings = warning ? [warning, ...r.check.warnings] : r.check.warnings;
      outcomes.push({ kind: 'catalog', fileName: f.fileName, ok, warnings, errors: ok ? [] : r.check.errors, diff: r.diff });
      if (!ok) return { applied: false, files: outcomes };
      const catalog = r.check.catalog!;
      knownModels = [...new Set([...(knownModels ?? listModels(b.db).map((m) => m.id)), ...catalog.models.map((m) => m.id)])];
      writes.push((db) => void importCatalogJson(db, catalog, { fileName: f.fileName, apply: true }));
      continue;
    }
    const opts = { fileName: f.fileName, accept, onDuplicate };
    const preview =
      typeof f.content === 'string' || f.content instanceof Uint8Array
        ? previewCsvForDb(b.db, f.kind, f.content, f.fileName, knownModels, onDuplicate)
        : (await previewCsvStream(b.db, f.kind, f.content, { ...opts, knownModels, onProgress: onProgress && ((rowsRead) => onProgress({ fileName: f.fileName, rowsRead })) })).preview;
    const d = decideCsvImport(preview, opts);
    const p = d.preview;
    const summary = d.commit ? { added: 0, updated: 0, skipped: 0, rejected: d.rejected } : null;
    outcomes.push({
      kind: f.kind, fileName: f.fileName, ok: d.commit !== undefined, warnings: p.warnings, messages: d.messages, summary,
      totalRows: p.totalRows, invalidRows: p.invalidRows, duplicates: p.duplicates.length, fatal: p.fatal,
    });
    if (!d.commit) return { applied: false, files: outcomes };
    const commit = d.commit;
    writes.push((db) => Object.assign(summary!, commit(db)));
  }
  b.db.transaction(() => {
    for (const w of writes) w(b.db);
  })();
  return { applied: true, files: outcomes };
}

/** The repository of an import's kind of row, for its Undo and Redo. */
function namedRows(kind: 'workloads' | 'sites') {
  return kind === 'workloads'
    ? {
        change: 'workload' as const,
        get: (db: Db, name: string): Workload | Site | undefined => getWorkload(db, name),
        remove: (db: Db, names: string[]): (Workload | Site)[] => deleteWorkloads(db, names),
        put: (db: Db, rows: (Workload | Site)[]) => void insertWorkloads(db, rows as Workload[], 'update'),
      }
    : {
        change: 'site' as const,
        get: (db: Db, name: string): Workload | Site | undefined => getSite(db, name),
        remove: (db: Db, names: string[]): (Workload | Site)[] => deleteSites(db, names),
        put: (db: Db, rows: (Workload | Site)[]) => void insertSites(db, rows as Site[], 'update'),
      };
}

function baseName(b: Backend): string {
  return path.basename(b.doc.path).replace(/\.fleetplan$/i, '');
}

export function importHandlers(b: Backend) {
  return {
    'import-commit': ({ kind, rows, onDuplicate, columns }) =>
      // what the import's Undo takes back, read in the import's transaction by the look-ups that
      // write: the names it added and the rows it updated as they were just before it. Taken from
      // the window's own list, rows another window had changed came back with their old values, and
      // a name it had added since was removed as one of the import's.
      b.db.transaction((): ApiResults['import-commit'] => {
        // dispatch validated the rows with WorkloadSchema/SiteSchema (apiSchemas['import-commit'])
        const r = commitRows(b.db, kind, rows, { onDuplicate, validate: false, columns, keepBefore: true });
        return { added: r.added, updated: r.updated, skipped: r.skipped, inserted: r.inserted, before: r.before, revision: currentRevision(b.db) };
      })(),
    'import-undo': ({ kind, added, before, baseRevision }) =>
      b.db.transaction((): ApiResults['import-undo'] => {
        const rows = namedRows(kind);
        const names = [...added, ...before.map((x) => x.name)];
        assertFresh(b.db, baseRevision, names.map((key) => ({ kind: rows.change, key })), { row: 'the import', document: 'the import' });
        // unchanged since the import (checked above): as the import left them, for a Redo
        const after = before.map((x) => rows.get(b.db, x.name)).filter((x) => x !== undefined);
        const at = positionsOf(b.db, kind, added);
        const removed = rows.remove(b.db, added);
        rows.put(b.db, before);
        return { removed, positions: removed.map((x) => at.get(x.name)!), after, revision: currentRevision(b.db) };
      })(),
    'import-redo': ({ kind, removed, positions, after, baseRevision }) =>
      b.db.transaction((): ApiResults['import-redo'] => {
        const rows = namedRows(kind);
        const names = [...removed, ...after].map((x) => x.name);
        assertFresh(b.db, baseRevision, names.map((key) => ({ kind: rows.change, key })), { row: 'the import was undone', document: 'the import was undone' });
        rows.put(b.db, removed);
        placeAt(b.db, kind, removed.map((x) => x.name), positions);
        rows.put(b.db, after);
        return { restored: removed.length + after.length, revision: currentRevision(b.db) };
      })(),
    'catalog-import': ({ catalog, apply, fileName }) => {
      const r = importCatalogJson(b.db, catalog, { apply, fileName });
      return { errors: r.check.errors, warnings: r.check.warnings, diff: r.diff, applied: r.applied };
    },
    'csv-export': ({ kind }) => ({ fileName: `${baseName(b)}-${kind}.csv`, text: exportCsv(b.db, kind) }),
    'catalog-export': () => ({ fileName: `${baseName(b)}-catalog.json`, text: exportCatalogJson(b.db) }),
    'import-files': (args) => importFiles(b, args),
  } satisfies Partial<Handlers>;
}
