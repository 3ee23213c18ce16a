// Plan-document lifecycle: create (seeded with a catalog, optionally the demo), open, info.
// A new document is written to a temporary file beside the target and renamed into place,
// so a failed seed never leaves a half-made document behind.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { FleetError, type DocumentInfo } from '../../core/api.ts';
import {
  CatalogSchema,
  SiteSchema,
  WorkloadSchema,
  type Catalog,
  type Settings,
  type SiteInput,
  type WorkloadInput,
} from '../../core/types.ts';
import { envError } from './env-errors.ts';
import { openDb, type Db, type MigrateReport, type Migration } from './db.ts';
import { catalogCounts, importCatalog } from './repo/catalog.ts';
import { schemaVersion, writeCreationMeta } from './repo/meta.ts';
import { ensureBaseScenario, getScenario, listScenarios } from './repo/scenarios.ts';
import { countSites, insertSites } from './repo/sites.ts';
import { countWorkloads, insertWorkloads } from './repo/workloads.ts';

export type OpenDoc = { path: string; db: Db; migration: MigrateReport };

export type SeedData = {
  catalog: Catalog;
  demo?: { workloads: WorkloadInput[]; sites: SiteInput[]; settings?: Partial<Settings> };
};
/** Supplies the content of a new document: the default catalog, and the demo when asked. */
export type SeedProvider = (demo: boolean) => SeedData | Promise<SeedData>;

export function openDocument(file: string, opts: { migrations?: Migration[]; onBackup?: (p: string) => void } = {}): OpenDoc {
  const abs = path.resolve(file);
  const { db, migration } = openDb(abs, { migrations: opts.migrations, onBackup: opts.onBackup });
  try {
    ensureBaseScenario(db);
  } catch (e) {
    db.close();
    throw e;
  }
  return { path: abs, db, migration };
}

function removeDbFiles(file: string): void {
  for (const s of ['', '-wal', '-shm']) fs.rmSync(file + s, { force: true });
}

export async function createDocument(
  file: string,
  opts: { demo?: boolean; catalog?: Catalog; seed: SeedProvider; force?: boolean; migrations?: Migration[] },
): Promise<OpenDoc> {
  const abs = path.resolve(file);
  if (fs.existsSync(abs)) {
    if (!opts.force) throw new FleetError('conflict', `${abs} already exists (use --force to overwrite it)`, { field: 'path' });
    if (fs.statSync(abs).isDirectory()) throw new FleetError('bad_input', `${abs} is a folder`, { field: 'path' });
  }
  if (!fs.existsSync(path.dirname(abs))) throw new FleetError('not_found', `folder ${path.dirname(abs)} does not exist`, { field: 'path' });
  const seed = await opts.seed(!!opts.demo);
  const catalog = opts.catalog ?? seed.catalog;
  const tmp = `${abs}.tmp-${process.pid}-${Date.now()}`;
  let db: Db;
  try {
    db = openDb(tmp, { create: true, migrations: opts.migrations }).db;
  } catch (e) {
    removeDbFiles(tmp); // a full disk fails here: leave no temp file behind
    throw envError(e, abs) ?? e;
  }
  try {
    db.transaction(() => {
      importCatalog(db, CatalogSchema.parse(catalog));
      ensureBaseScenario(db, opts.demo ? seed.demo?.settings : undefined);
      writeCreationMeta(db);
      if (opts.demo && seed.demo) {
        insertWorkloads(db, z.array(WorkloadSchema).parse(seed.demo.workloads));
        insertSites(db, z.array(SiteSchema).parse(seed.demo.sites));
      }
    })();
    db.close();
  } catch (e) {
    db.close();
    removeDbFiles(tmp);
    throw envError(e, abs) ?? e;
  }
  removeDbFiles(abs);
  fs.renameSync(tmp, abs);
  return openDocument(abs, { migrations: opts.migrations });
}

export function documentInfo(doc: OpenDoc): DocumentInfo {
  const { db } = doc;
  const counts = catalogCounts(db);
  return {
    path: doc.path,
    fileName: path.basename(doc.path),
    userVersion: schemaVersion(db),
    activeScenario: getScenario(db).name,
    scenarios: listScenarios(db).map((s) => s.name),
    counts: { ...counts, workloads: countWorkloads(db), sites: countSites(db) },
  };
}

