// import-commit, catalog-import, csv-export, catalog-export: the UI's side of DESIGN 7. The
// renderer parses and previews files with core/csv; the rows it sends are validated again
// here (zod, by dispatch) and written in one transaction by ../import.ts. import-files is the
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
import { currentRevision } from '../repo/changes.ts';
import { getSite } from '../repo/sites.ts';
import { getWorkload } from '../repo/workloads.ts';
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

function baseName(b: Backend): string {
  return path.basename(b.doc.path).replace(/\.fleetplan$/i, '');
}

export function importHandlers(b: Backend) {
  return {
    'import-commit': ({ kind, rows, onDuplicate, columns }) =>
      // what the import's Undo takes back, read in the import's transaction: the names it added and
      // the rows it updated as they were just before it. Taken from the window's own list, rows
      // another window had changed came back with their old values, and a name it had added since
      // was removed as one of the import's. The look-up of 100,000 updated rows' before-rows took
      // 0.25-0.30 s beside the update's 2.1 s (load 2.7-4.2 on 2 cores).
      b.db.transaction((): ApiResults['import-commit'] => {
        const inserted: string[] = [];
        const before: (Workload | Site)[] = [];
        if (onDuplicate === 'error') for (const r of rows) inserted.push(r.name);
        else {
          const get = kind === 'workloads' ? getWorkload : getSite;
          for (const r of rows) {
            const had = get(b.db, r.name);
            if (!had) inserted.push(r.name);
            else if (onDuplicate === 'update') before.push(had);
          }
        }
        // dispatch validated the rows with WorkloadSchema/SiteSchema (apiSchemas['import-commit'])
        const r = commitRows(b.db, kind, rows, onDuplicate, false, columns);
        return { added: r.added, updated: r.updated, skipped: r.skipped, inserted, before, revision: currentRevision(b.db) };
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
