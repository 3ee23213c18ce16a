// import-commit, catalog-import, csv-export, catalog-export: the UI's side of DESIGN 7. The
// renderer parses and previews files with core/csv; the rows it sends are validated again
// here (zod, by dispatch) and written in one transaction by ../import.ts.
import path from 'node:path';
import type { Backend } from '../backend.ts';
import { commitRows, exportCatalogJson, exportCsv, importCatalogJson } from '../import.ts';
import type { Handlers } from './types.ts';

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
  } satisfies Partial<Handlers>;
}
