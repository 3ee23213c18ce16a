// Import/export against a real plan document: all-or-nothing, duplicates, transactionality
// (a failure mid-import and a killed process leave the document as it was), round trips.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { FleetError } from '../../core/api.ts';
import { checkCatalog } from '../../core/csv/index.ts';
import type { CatalogOption } from '../../core/types.ts';
import { createDocument, openDocument, type OpenDoc } from './document.ts';
import { commitRows, exportCatalogJson, exportCsv, importCatalogJson, importCsvFile } from './import.ts';
import { getCatalog } from './repo/catalog.ts';
import { currentRevision } from './repo/changes.ts';
import { countSites, listSites } from './repo/sites.ts';
import { countWorkloads, listWorkloads } from './repo/workloads.ts';
import { stubCatalog, stubSeed, tempDir } from './test-helpers.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
let doc: OpenDoc;
let file: string;
beforeEach(async () => {
  file = path.join(tempDir(), 'i.fleetplan');
  doc = await createDocument(file, { seed: stubSeed });
});

const CSV = [
  'name,model,avg_output_tps,tiers',
  'chat,llama-3.3-70b,100,premium;commodity',
  'bad,llama-3.3-70b,-1,premium',
  'batch,mixtral-8x7b,"1,500",commodity',
  'typo,llama-3-70b,10,premium',
  '',
].join('\n');

function snapshot(d: OpenDoc) {
  d.db.pragma('wal_checkpoint(TRUNCATE)');
  return {
    bytes: fs.readFileSync(d.path),
    workloads: listWorkloads(d.db),
    sites: listSites(d.db),
    catalog: getCatalog(d.db),
  };
}

describe('CSV import', () => {
  it('imports nothing when a row is bad (default), and reports F.csv:LINE: column: reason', () => {
    const before = snapshot(doc);
    const r = importCsvFile(doc.db, 'workloads', CSV, { fileName: 'w.csv' });
    expect(r.summary).toBeNull();
    expect(r.messages).toEqual([
      "w.csv:3: avg_output_tps: must be > 0 (got '-1')",
      expect.stringMatching(/^w\.csv:5: model: unknown model 'llama-3-70b' — did you mean llama-3\.3-70b\? known: llama-3\.3-70b, mixtral-8x7b$/),
    ]);
    expect(snapshot(doc)).toEqual(before);
  });

  it('with accept=valid imports the valid rows and counts the rest as rejected', () => {
    const r = importCsvFile(doc.db, 'workloads', CSV, { fileName: 'w.csv', accept: 'valid' });
    expect(r.summary).toEqual({ added: 2, updated: 0, skipped: 0, rejected: 2 });
    expect(listWorkloads(doc.db).map((w) => [w.name, w.avg_output_tps, w.tiers])).toEqual([
      ['chat', 100, ['premium', 'commodity']],
      ['batch', 1500, ['commodity']],
    ]);
  });

  it('a name already in the document is an error unless update or skip was chosen', () => {
    importCsvFile(doc.db, 'workloads', 'name,model,avg_output_tps\nchat,llama-3.3-70b,1\n', { fileName: 'a.csv' });
    const csv = 'name,model,avg_output_tps\nchat,llama-3.3-70b,7\nnew,llama-3.3-70b,8\n';
    const e = importCsvFile(doc.db, 'workloads', csv, { fileName: 'b.csv' });
    expect(e.summary).toBeNull();
    expect(e.messages).toEqual(["b.csv:2: name: 'chat' is already in the document (use --on-duplicate update or skip)"]);
    expect(countWorkloads(doc.db)).toBe(1);

    const valid = importCsvFile(doc.db, 'workloads', csv, { fileName: 'b.csv', accept: 'valid' });
    expect(valid.summary).toEqual({ added: 1, updated: 0, skipped: 0, rejected: 1 });
    expect(listWorkloads(doc.db).find((w) => w.name === 'chat')!.avg_output_tps).toBe(1);

    const skip = importCsvFile(doc.db, 'workloads', csv.replace('new,', 'newer,'), { fileName: 'b.csv', onDuplicate: 'skip' });
    expect(skip.summary).toEqual({ added: 1, updated: 0, skipped: 1, rejected: 0 });
    expect(listWorkloads(doc.db).find((w) => w.name === 'chat')!.avg_output_tps).toBe(1);

    const upd = importCsvFile(doc.db, 'workloads', csv, { fileName: 'b.csv', onDuplicate: 'update' });
    expect(upd.summary).toEqual({ added: 0, updated: 2, skipped: 0, rejected: 0 });
    expect(listWorkloads(doc.db).find((w) => w.name === 'chat')!.avg_output_tps).toBe(7);
  });

  it('update overwrites only the columns the file has; the others keep the document\'s values', () => {
    importCsvFile(doc.db, 'workloads', 'name,model,avg_output_tps,peak_to_avg,tiers,endpoints\nchat,llama-3.3-70b,1,3,premium,12\n', { fileName: 'a.csv' });
    const upd = importCsvFile(doc.db, 'workloads', 'name,avg_output_tps,model\nchat,9,llama-3.3-70b\n', { fileName: 'b.csv', onDuplicate: 'update' });
    expect(upd.summary).toMatchObject({ updated: 1 });
    expect(listWorkloads(doc.db).find((w) => w.name === 'chat')).toMatchObject({ avg_output_tps: 9, peak_to_avg: 3, tiers: ['premium'], endpoints: 12 });

    importCsvFile(doc.db, 'sites', 'name,it_power_kw,racks,pue,liquid_cooling\nA,100,4,1.2,yes\n', { fileName: 's.csv' });
    importCsvFile(doc.db, 'sites', 'name,it_power_kw,racks\nA,200,6\n', { fileName: 's2.csv', onDuplicate: 'update' });
    expect(listSites(doc.db).find((x) => x.name === 'A')).toMatchObject({ it_power_kw: 200, racks: 6, pue: 1.2, liquid_cooling: true });
    // without the columns (an API caller sending whole rows) every column is written, as before
    commitRows(doc.db, 'sites', [{ name: 'A', it_power_kw: 50, racks: 1 }], { onDuplicate: 'update' });
    expect(listSites(doc.db).find((x) => x.name === 'A')).toMatchObject({ it_power_kw: 50, pue: 1.4, liquid_cooling: false });
  });

  it('a fatal file error imports nothing', () => {
    const r = importCsvFile(doc.db, 'sites', new Uint8Array([0, 1, 2, 3, 0, 0, 255, 0]), { fileName: 'x.csv', accept: 'valid' });
    expect(r.summary).toBeNull();
    expect(r.messages[0]).toBe('x.csv:1: not a text CSV file (it contains binary data)');
  });

  it('a failure in the middle of the write leaves the document byte-identical', () => {
    importCsvFile(doc.db, 'sites', 'name,it_power_kw,racks\nkeep,100,2\n', { fileName: 's.csv' });
    const before = snapshot(doc);
    // the document refuses row 600 of 1000 (as a full disk or a constraint would)
    doc.db.exec(`CREATE TEMP TRIGGER boom BEFORE INSERT ON main.sites WHEN NEW.name = 's600' BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    const csv = 'name,it_power_kw,racks\n' + Array.from({ length: 1000 }, (_, i) => `s${i},10,1`).join('\n');
    expect(() => importCsvFile(doc.db, 'sites', csv, { fileName: 's.csv' })).toThrow(/disk full/);
    expect(countSites(doc.db)).toBe(1);
    expect(snapshot(doc)).toEqual(before);
    doc.db.exec('DROP TRIGGER boom');
  });

  it('a killed process mid-import leaves the document as it was', async () => {
    importCsvFile(doc.db, 'workloads', 'name,model,avg_output_tps\nkeep,llama-3.3-70b,1\n', { fileName: 'a.csv' });
    const before = snapshot(doc);
    doc.db.close();
    // the child announces when it is inside the transaction (row 5000 of 20000), then waits to be killed
    const child = `
      const { openDocument } = await import(${JSON.stringify(path.join(HERE, 'document.ts'))});
      const { importCsvFile } = await import(${JSON.stringify(path.join(HERE, 'import.ts'))});
      const doc = openDocument(${JSON.stringify(file)});
      doc.db.function('hold', () => { process.stdout.write('inside\\n'); Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60000); return 0; });
      doc.db.exec("CREATE TEMP TRIGGER hold AFTER INSERT ON main.workloads WHEN NEW.name = 'w5000' BEGIN SELECT hold(); END");
      const csv = 'name,model,avg_output_tps\\n' + Array.from({ length: 20000 }, (_, i) => 'w' + i + ',llama-3.3-70b,5').join('\\n');
      importCsvFile(doc.db, 'workloads', csv, { fileName: 'big.csv' });
      process.stdout.write('finished\\n');
    `;
    const proc = spawn(process.execPath, ['--input-type=module', '-e', child], { stdio: ['ignore', 'pipe', 'inherit'] });
    const said = await new Promise<string>((resolve) => {
      proc.stdout.on('data', (d: Buffer) => {
        const s = d.toString();
        if (s.includes('inside')) {
          proc.kill('SIGKILL');
          resolve('inside');
        } else if (s.includes('finished')) resolve('finished');
      });
      proc.on('exit', () => resolve('exited'));
    });
    expect(said).toBe('inside');
    await new Promise((r) => proc.once('exit', r));
    doc = openDocument(file);
    const after = snapshot(doc);
    expect(after.workloads).toEqual(before.workloads);
    expect(countWorkloads(doc.db)).toBe(1);
  });

  it('commitRows re-validates rows and rejects duplicates within the batch and unknown models', () => {
    expect(() => commitRows(doc.db, 'workloads', [{ name: 'x', model: 'llama-3.3-70b', avg_output_tps: -1 }])).toThrow(FleetError);
    expect(() =>
      commitRows(doc.db, 'workloads', [
        { name: 'x', model: 'llama-3.3-70b', avg_output_tps: 1 },
        { name: 'x', model: 'llama-3.3-70b', avg_output_tps: 2 },
      ]),
    ).toThrow(/appears twice/);
    expect(() => commitRows(doc.db, 'workloads', [{ name: 'y', model: 'nope', avg_output_tps: 1 }])).toThrow(/unknown model 'nope'/);
    // a|b names several accepted models: each is checked, the unknown one is named
    expect(() => commitRows(doc.db, 'workloads', [{ name: 'y', model: 'llama-3.3-70b|nope', avg_output_tps: 1 }])).toThrow(/unknown model 'nope'/);
    expect(countWorkloads(doc.db)).toBe(0);
  });

  it('commitRows accepts a|b when every model is in the catalog, and keeps the cell as written', () => {
    commitRows(doc.db, 'workloads', [{ name: 'alts', model: 'mixtral-8x7b|llama-3.3-70b', avg_output_tps: 1 }]);
    expect(listWorkloads(doc.db).find((w) => w.name === 'alts')?.model).toBe('mixtral-8x7b|llama-3.3-70b');
  });
});

describe('round trips through the document', () => {
  it('workloads and sites: export → import into a new document gives the same rows', async () => {
    importCsvFile(doc.db, 'workloads', fs.readFileSync(path.join(HERE, '../../core/csv/fixtures/quoted-fields.csv')).toString().replace(/llama-3\.1-8b/g, 'mixtral-8x7b'), {
      fileName: 'q.csv',
      accept: 'valid',
    });
    importCsvFile(doc.db, 'sites', '\uFEFFname;it_power_kw;racks;liquid_cooling;pue\r\n"=cmd|x";1.234,5;3;yes;1,3\r\n', { fileName: 's.csv' });
    expect(countWorkloads(doc.db)).toBe(3); // the multi-line name's line breaks read as spaces
    expect(countSites(doc.db)).toBe(1);
    const w = exportCsv(doc.db, 'workloads');
    const s = exportCsv(doc.db, 'sites');
    expect(s).toContain("'=cmd|x,1234.5,3,42,15,yes,1.3,0.1,0");
    const other = await createDocument(path.join(tempDir(), 'o.fleetplan'), { seed: stubSeed });
    expect(importCsvFile(other.db, 'workloads', w, { fileName: 'w.csv' }).summary).toMatchObject({ added: 3, rejected: 0 });
    expect(importCsvFile(other.db, 'sites', s, { fileName: 's.csv' }).summary).toMatchObject({ added: 1 });
    expect(listWorkloads(other.db)).toEqual(listWorkloads(doc.db));
    expect(listSites(other.db)).toEqual(listSites(doc.db));
  });

  it('catalog JSON: export → import is unchanged, field_sources included; a change shows in the diff', async () => {
    const json = exportCatalogJson(doc.db);
    expect(JSON.parse(json).options[0].field_sources).toEqual(stubCatalog.options[0]!.field_sources);
    const same = importCatalogJson(doc.db, json, { apply: false });
    expect(same.diff).toMatchObject({ added: [], replaced: [], unchanged: stubCatalog.options.map((o) => o.id) });

    const edited = JSON.parse(json) as { options: CatalogOption[]; models: unknown[] };
    const h100 = edited.options[0] as Extract<CatalogOption, { kind: 'system' }>;
    h100.price_usd = 199000;
    h100.field_sources!.price_usd = { source: 'quote 2026-03', as_of: '2026-03', estimate: false };
    edited.options.push({ ...h100, id: 'hgx-h100-used', name: 'HGX H100 (refurbished)' });
    const r = importCatalogJson(doc.db, JSON.stringify(edited), { apply: true });
    expect(r.check.errors).toEqual([]);
    expect(r.diff!.added).toEqual(['hgx-h100-used']);
    expect(r.diff!.replaced.map((x) => x.id)).toEqual(['hgx-h100']);
    const changes = [...r.diff!.replaced[0]!.changes].sort((a, b) => a.field.localeCompare(b.field));
    expect(changes).toEqual([
      { field: 'field_sources.price_usd', from: stubCatalog.options[0]!.field_sources!.price_usd, to: { source: 'quote 2026-03', as_of: '2026-03', estimate: false } },
      { field: 'price_usd', from: 250000, to: 199000 },
    ]);
    const cat = getCatalog(doc.db);
    expect(cat.options.find((o) => o.id === 'hgx-h100-used')!.field_sources).toEqual(h100.field_sources);
    // into a fresh document: identical catalog
    const other = await createDocument(path.join(tempDir(), 'c.fleetplan'), { seed: () => ({ catalog: { models: [], options: [] } }) });
    importCatalogJson(other.db, exportCatalogJson(doc.db), { apply: true });
    expect(getCatalog(other.db)).toEqual(cat);
  });

  it('catalog JSON without racks_per_unit and units_per_replica imports with 1; both export and round-trip', async () => {
    // a catalog written before the fields existed
    const old = JSON.parse(exportCatalogJson(doc.db)) as { options: Record<string, unknown>[]; models: unknown[] };
    for (const o of old.options) {
      delete o.racks_per_unit;
      for (const p of o.performance as Record<string, unknown>[]) delete p.units_per_replica;
    }
    const fresh = await createDocument(path.join(tempDir(), 'old.fleetplan'), { seed: () => ({ catalog: { models: [], options: [] } }) });
    const r = importCatalogJson(fresh.db, JSON.stringify(old), { apply: true });
    expect(r.check.errors).toEqual([]);
    const imported = getCatalog(fresh.db);
    const sys = imported.options.find((o) => o.kind === 'system')!;
    expect(sys).toMatchObject({ racks_per_unit: 1 });
    expect(imported.options.flatMap((o) => o.performance.map((p) => p.units_per_replica))).toEqual(
      old.options.flatMap((o) => (o.performance as unknown[]).map(() => 1)),
    );

    // a rack-scale system needing two units per replica: exported with its figures, and export → import is the identity
    const nvl = { ...(sys as Extract<CatalogOption, { kind: 'system' }>), id: 'nvl-rack', name: 'NVL rack', rack_units: 48, racks_per_unit: 2 };
    nvl.performance = nvl.performance.map((p) => ({ ...p, units_per_replica: 2 }));
    const edited = JSON.parse(exportCatalogJson(fresh.db)) as { options: unknown[] };
    edited.options.push(nvl);
    expect(importCatalogJson(fresh.db, JSON.stringify(edited), { apply: true }).check.errors).toEqual([]);
    const json = exportCatalogJson(fresh.db);
    const out = (JSON.parse(json) as { options: CatalogOption[] }).options.find((o) => o.id === 'nvl-rack')!;
    expect(out).toMatchObject({ racks_per_unit: 2, performance: nvl.performance.map((p) => ({ model: p.model, units_per_replica: 2 })) });
    const again = await createDocument(path.join(tempDir(), 'again.fleetplan'), { seed: () => ({ catalog: { models: [], options: [] } }) });
    importCatalogJson(again.db, json, { apply: true });
    expect(getCatalog(again.db)).toEqual(getCatalog(fresh.db));
    expect(exportCatalogJson(again.db)).toBe(json);
    // a units_per_replica below 1 is rejected with its path, and nothing changes
    const bad = JSON.parse(json) as { options: { performance: { units_per_replica: number }[] }[] };
    bad.options[0]!.performance[0]!.units_per_replica = 0;
    const rejected = importCatalogJson(again.db, JSON.stringify(bad), { apply: true });
    expect(rejected.applied).toBe(false);
    expect(rejected.check.errors).toEqual([{ path: 'options[0].performance[0].units_per_replica', message: 'must be ≥ 1', line: 1 }]);
    for (const d of [fresh, again]) d.db.close();
  });

  it('a bad catalog changes nothing and names the path', () => {
    const before = snapshot(doc);
    const bad = JSON.parse(exportCatalogJson(doc.db));
    bad.options[0].performance[0].points[1].unit_tps = 0;
    const r = importCatalogJson(doc.db, JSON.stringify(bad), { apply: true });
    expect(r.applied).toBe(false);
    expect(r.check.errors).toEqual([{ path: 'options[0].performance[0].points[1].unit_tps', message: 'must be > 0', line: 1 }]);
    expect(snapshot(doc)).toEqual(before);
    expect(checkCatalog(exportCatalogJson(doc.db)).errors).toEqual([]);
  });
});

describe('API: import-undo and import-redo, each one transaction based on the step before it', () => {
  async function imported() {
    const { Backend } = await import('./backend.ts');
    const { dispatcherFor } = await import('./api-handlers.ts');
    const b = new Backend({ userDataDir: tempDir(), seed: stubSeed });
    const call = dispatcherFor(b);
    await b.create(path.join(tempDir(), 'undo.fleetplan'));
    const w = (name: string, avg_output_tps: number) => ({ name, model: 'llama-3.3-70b', avg_output_tps });
    await call('import-commit', { kind: 'workloads', rows: [w('a', 1), w('b', 2), w('c', 3)] });
    const before = listWorkloads(b.db);
    // one row added in the middle of the list (b deleted and re-added elsewhere would move it)
    const imp = await call('import-commit', { kind: 'workloads', rows: [w('a', 10), w('n', 5)], onDuplicate: 'update', columns: ['name', 'avg_output_tps'] });
    if (!imp.ok) throw new Error(imp.error.message);
    const after = listWorkloads(b.db);
    return { b, call, w, before, after, imp: imp.value };
  }

  it('Undo removes the added rows and puts the updated ones back; Redo puts both back where they stood', async () => {
    const { b, call, before, after, imp } = await imported();
    expect(imp).toMatchObject({ inserted: ['n'], before: [before[0]] });
    const undo = await call('import-undo', { kind: 'workloads', added: imp.inserted, before: imp.before, baseRevision: imp.revision });
    if (!undo.ok) throw new Error(undo.error.message);
    expect(listWorkloads(b.db)).toEqual(before);
    expect(undo.value).toMatchObject({ removed: [after[3]], after: [after[0]], revision: currentRevision(b.db) });
    const { removed, positions, after: updated, revision } = undo.value;
    const redo = await call('import-redo', { kind: 'workloads', removed, positions, after: updated, baseRevision: revision });
    expect(redo).toMatchObject({ ok: true, value: { restored: 2, revision: currentRevision(b.db) } });
    expect(listWorkloads(b.db)).toEqual(after);
    // and the Undo again, based on the Redo's revision
    const again = await call('import-undo', { kind: 'workloads', added: imp.inserted, before: imp.before, baseRevision: redo.ok ? redo.value.revision : -1 });
    expect(again.ok).toBe(true);
    expect(listWorkloads(b.db)).toEqual(before);
    b.close();
  });

  it('an Undo is refused as a whole when one of its rows changed since the import: the added rows stay', async () => {
    const { b, call, w, after, imp } = await imported();
    await call('workload-upsert', { workload: { ...w('a', 77) } });
    const changed = listWorkloads(b.db);
    const undo = await call('import-undo', { kind: 'workloads', added: imp.inserted, before: imp.before, baseRevision: imp.revision });
    expect(undo).toMatchObject({ ok: false, error: { code: 'conflict', message: 'the workload "a" was changed since the import: avg output 10 → 77 tokens/s; reload to see it', details: { reason: 'stale' } } });
    // n, added by the import, is not removed: nothing of the Undo was written
    expect(listWorkloads(b.db)).toEqual(changed);
    expect(changed.map((x) => x.name)).toEqual(after.map((x) => x.name));
    // an added row deleted elsewhere refuses it too
    await call('workload-upsert', { workload: { ...w('a', 10) } });
    await call('workload-delete', { names: ['n'] });
    expect(await call('import-undo', { kind: 'workloads', added: imp.inserted, before: imp.before, baseRevision: imp.revision })).toMatchObject({
      ok: false,
      error: { message: 'the workload "n" was deleted since the import; reload to see it' },
    });
    b.close();
  });

  it('a Redo is refused as a whole when one of its rows changed since the Undo (here a name it adds, added elsewhere)', async () => {
    const { b, call, w, imp } = await imported();
    const undo = await call('import-undo', { kind: 'workloads', added: imp.inserted, before: imp.before, baseRevision: imp.revision });
    if (!undo.ok) throw new Error(undo.error.message);
    await call('workload-upsert', { workload: w('n', 99) });
    const now = listWorkloads(b.db);
    const { removed, positions, after: updated, revision } = undo.value;
    const redo = await call('import-redo', { kind: 'workloads', removed, positions, after: updated, baseRevision: revision });
    expect(redo).toMatchObject({ ok: false, error: { message: 'the workload "n" was added since the import was undone; reload to see it' } });
    expect(listWorkloads(b.db)).toEqual(now);
    b.close();
  });

  it('sites too', async () => {
    const { Backend } = await import('./backend.ts');
    const { dispatcherFor } = await import('./api-handlers.ts');
    const b = new Backend({ userDataDir: tempDir(), seed: stubSeed });
    const call = dispatcherFor(b);
    await b.create(path.join(tempDir(), 'sites.fleetplan'));
    await call('import-commit', { kind: 'sites', rows: [{ name: 'dc', it_power_kw: 100, racks: 4 }] });
    const before = listSites(b.db);
    const imp = await call('import-commit', { kind: 'sites', rows: [{ name: 'dc', it_power_kw: 200, racks: 4 }, { name: 'dc-2', it_power_kw: 50, racks: 2 }], onDuplicate: 'update' });
    if (!imp.ok) throw new Error(imp.error.message);
    const after = listSites(b.db);
    const undo = await call('import-undo', { kind: 'sites', added: imp.value.inserted, before: imp.value.before, baseRevision: imp.value.revision });
    if (!undo.ok) throw new Error(undo.error.message);
    expect(listSites(b.db)).toEqual(before);
    const { removed, positions, after: updated, revision } = undo.value;
    expect(await call('import-redo', { kind: 'sites', removed, positions, after: updated, baseRevision: revision })).toMatchObject({ ok: true, value: { restored: 2 } });
    expect(listSites(b.db)).toEqual(after);
    b.close();
  });
});

describe('API: import-commit, catalog-import, csv-export, catalog-export', () => {
  it('validates rows at the boundary, commits in one go, exports what is there', async () => {
    const { Backend } = await import('./backend.ts');
    const { dispatcherFor } = await import('./api-handlers.ts');
    const b = new Backend({ userDataDir: tempDir(), seed: stubSeed });
    const call = dispatcherFor(b);
    await b.create(path.join(tempDir(), 'api.fleetplan'));

    const bad = await call('import-commit', { kind: 'workloads', rows: [{ name: 'a', model: 'llama-3.3-70b', avg_output_tps: 0 }] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    const wrongKind = await call('import-commit', { kind: 'sites', rows: [{ name: 'a', model: 'llama-3.3-70b', avg_output_tps: 1 }] });
    expect(wrongKind.ok).toBe(false);
    expect(countWorkloads(b.db) + countSites(b.db)).toBe(0);

    const rows = [
      { name: 'a', model: 'llama-3.3-70b', avg_output_tps: 5 },
      { name: 'b', model: 'mixtral-8x7b', avg_output_tps: 6, tiers: ['edge'] },
    ];
    expect(await call('import-commit', { kind: 'workloads', rows })).toMatchObject({ ok: true, value: { added: 2, updated: 0, skipped: 0 } });
    // a duplicate with the default choice fails the whole call: nothing of it is written
    const dup = await call('import-commit', { kind: 'workloads', rows: [{ name: 'c', model: 'llama-3.3-70b', avg_output_tps: 1 }, rows[0]] });
    expect(dup).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(countWorkloads(b.db)).toBe(2);
    const aBefore = listWorkloads(b.db).find((w) => w.name === 'a')!;
    // what its Undo takes back, read in its transaction: the names added, the updated rows as they were, its revision
    const upd = await call('import-commit', { kind: 'workloads', rows: [{ ...rows[0], avg_output_tps: 9 }, { name: 'n', model: 'llama-3.3-70b', avg_output_tps: 3 }], onDuplicate: 'update' });
    expect(upd).toMatchObject({ ok: true, value: { added: 1, updated: 1, inserted: ['n'], before: [aBefore], revision: currentRevision(b.db) } });
    // skipped rows are neither added nor updated
    expect(await call('import-commit', { kind: 'workloads', rows: [{ ...rows[0], avg_output_tps: 7 }, { name: 'm', model: 'llama-3.3-70b', avg_output_tps: 3 }], onDuplicate: 'skip' })).toMatchObject({
      ok: true,
      value: { added: 1, skipped: 1, inserted: ['m'], before: [] },
    });
    await call('workload-delete', { names: ['n', 'm'] });
    // with the file's columns, an update keeps the others (b's tiers stay edge)
    await call('import-commit', { kind: 'workloads', rows: [{ ...rows[1], avg_output_tps: 8, tiers: undefined }], onDuplicate: 'update', columns: ['name', 'model', 'avg_output_tps'] });
    expect(listWorkloads(b.db).find((w) => w.name === 'b')).toMatchObject({ avg_output_tps: 8, tiers: ['edge'] });

    const csv = await call('csv-export', { kind: 'workloads' });
    expect(csv.ok && csv.value.fileName).toBe('api-workloads.csv');
    expect(csv.ok && csv.value.text.split('\r\n')[1]).toBe('a,llama-3.3-70b,9,1.5,3,250,,0,any,"premium;commodity;edge",0');

    const cat = await call('catalog-export', {});
    expect(cat.ok).toBe(true);
    const dry = await call('catalog-import', { catalog: cat.ok ? cat.value.text : '', apply: false });
    expect(dry).toMatchObject({ ok: true, value: { errors: [], applied: false, diff: { added: [], replaced: [] } } });
    const broken = await call('catalog-import', { catalog: '{"options":[{"id":"x","kind":"system"}]}', apply: true });
    expect(broken.ok && broken.value.applied).toBe(false);
    expect(broken.ok && broken.value.errors.map((e) => e.path)).toContain('options[0].name');
    b.close();
  });
});
