// import-commit, catalog-import, csv-export, catalog-export: the UI's side of DESIGN 7. The
// renderer parses and previews files with core/csv; the rows it sends are validated again
// here (zod, by dispatch) and written in one transaction by ../import.ts. import-files is the
// CLI's side: whole files, parsed here, all of them in ONE transaction.
import path from 'node:path';
import type { ApiParsedArgs, ImportFileOutcome } from '../../../core/api.ts';
import type { Backend } from '../backend.ts';
import { commitRows, exportCatalogJson, exportCsv, importCatalogJson, importCsvFile } from '../import.ts';
import type { Handlers } from './types.ts';

/** Thrown inside the transaction to undo every file when one fails. */
class Rollback extends Error {}

/** Imports the files in order, stopping at the first that fails; the document changes only when all succeed. */
function importFiles(b: Backend, { files, accept, onDuplicate }: ApiParsedArgs<'import-files'>): { applied: boolean; files: ImportFileOutcome[] } {
  const outcomes: ImportFileOutcome[] = [];
  const db = b.db;
  try {
    db.transaction(() => {
      for (const f of files) {
        if (f.kind === 'catalog') {
          const text = typeof f.content === 'string' ? f.content : new TextDecoder().decode(f.content);
          const r = importCatalogJson(db, text, { fileName: f.fileName, apply: true });
          const ok = r.applied && r.diff !== null;
          outcomes.push({ kind: 'catalog', fileName: f.fileName, ok, warnings: r.check.warnings, errors: ok ? [] : r.check.errors, diff: r.diff });
          if (!ok) throw new Rollback();
          continue;
        }
        const r = importCsvFile(db, f.kind, f.content, { fileName: f.fileName, accept, onDuplicate });
        const p = r.preview;
        outcomes.push({
          kind: f.kind,
          fileName: f.fileName,
          ok: r.summary !== null,
          warnings: p.warnings,
          messages: r.messages,
          summary: r.summary,
          totalRows: p.totalRows,
          invalidRows: p.invalidRows,
          duplicates: p.duplicates.length,
          fatal: p.fatal,
        });
        if (!r.summary) throw new Rollback();
      }
    })();
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
    return { applied: false, files: outcomes };
  }
  return { applied: true, files: outcomes };
}

function baseName(b: Backend): string {
  return path.basename(b.doc.path).replace(/\.fleetplan$/i, '');
}

export function importHandlers(b: Backend) {
  return {
    'import-commit': ({ kind, rows, onDuplicate, columns }) => {
      // dispatch validated the rows with WorkloadSchema/SiteSchema (apiSchemas['import-commit'])
      const r = commitRows(b.db, kind, rows, onDuplicate, false, columns);
      return { added: r.added, updated: r.updated, skipped: r.skipped };
    },
    'catalog-import': ({ catalog, apply, fileName }) => {
      const r = importCatalogJson(b.db, catalog, { apply, fileName });
      return { errors: r.check.errors, warnings: r.check.warnings, diff: r.diff, applied: r.applied };
    },
    'csv-export': ({ kind }) => ({ fileName: `${baseName(b)}-${kind}.csv`, text: exportCsv(b.db, kind) }),
    'catalog-export': () => ({ fileName: `${baseName(b)}-catalog.json`, text: exportCatalogJson(b.db) }),
    'import-files': (args) => importFiles(b, args),
  } satisfies Partial<Handlers>;
}
