// Streamed CSV imports from files: rows validated chunk by chunk, written in one transaction only
// when every row is accounted for; a refused file (bad last line, over a limit) leaves the
// document byte-identical.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { MAX_IMPORT_BYTES } from '../../core/csv/index.ts';
import { main as cli } from '../cli/main.ts';
import { createDocument, openDocument } from './document.ts';
import { checkImportFile, fileChunks, IMPORT_CHUNK_BYTES } from './import-stream.ts';
import { decideCsvImport, exportCatalogJson, previewCsvForDb, previewCsvStream } from './import.ts';
import { countWorkloads, listWorkloads } from './repo/workloads.ts';
import { stubSeed, tempDir } from './test-helpers.ts';

let dir: string;
let plan: string;
beforeEach(async () => {
  dir = tempDir();
  plan = path.join(dir, 's.fleetplan');
  const doc = await createDocument(plan, { seed: stubSeed });
  doc.db.close();
});

const MODELS = ['llama-3.3-70b', 'mixtral-8x7b'];
/** n workload rows, CRLF, quoted names holding the delimiter */
function workloadsCsv(n: number, last?: string): string {
  const lines = ['name,model,avg_output_tps,peak_to_avg,tiers'];
  for (let i = 0; i < n; i++) lines.push(`"Workload ${i}, team ${i % 97}",${MODELS[i % 2]},${(i % 5000) + 0.5},${1 + (i % 4) / 4},"premium;commodity"`);
  if (last !== undefined) lines.push(last);
  return lines.join('\r\n') + '\r\n';
}

/** The document's bytes and every file next to it: what "unchanged" means. */
function fingerprint(): string {
  const h = createHash('sha256');
  for (const f of fs.readdirSync(dir).sort()) {
    if (f.endsWith('.csv')) continue;
    h.update(f);
    h.update(fs.readFileSync(path.join(dir, f)));
  }
  return h.digest('hex');
}

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const status: string[] = [];
  const code = await cli(args, { out: (l) => out.push(l), err: (l) => err.push(l), status: (l) => void (l !== null && status.push(l)) });
  return { code, out, err, status };
}

/** Counts what a source hands over. */
function counted(source: AsyncIterable<Uint8Array>) {
  const seen = { chunks: 0, largest: 0 };
  return {
    seen,
    async *[Symbol.asyncIterator]() {
      for await (const c of source) {
        seen.chunks++;
        seen.largest = Math.max(seen.largest, c.length);
        yield c;
      }
    },
  };
}

describe('streamed CSV import', () => {
  it('a file arrives in chunks no larger than IMPORT_CHUNK_BYTES, parsed and validated as each comes', async () => {
    const csv = path.join(dir, 'w.csv');
    fs.writeFileSync(csv, workloadsCsv(20_000));
    const size = fs.statSync(csv).size;
    const doc = openDocument(plan);
    try {
      const source = counted(fileChunks(csv));
      const progress: number[] = [];
      const r = await previewCsvStream(doc.db, 'workloads', source, { fileName: 'w.csv', onProgress: (n) => progress.push(n) });
      expect(r.preview.rows).toHaveLength(20_000);
      expect(r.preview.errors).toEqual([]);
      expect(source.seen.chunks).toBe(Math.ceil(size / IMPORT_CHUNK_BYTES));
      expect(source.seen.chunks).toBeGreaterThan(3);
      expect(source.seen.largest).toBeLessThanOrEqual(IMPORT_CHUNK_BYTES);
      expect(r.chunks).toBe(source.seen.chunks);
      // one parser pass per chunk (plus the last): rows were parsed as the chunks came
      expect(r.passes).toBe(source.seen.chunks + 1);
      expect(progress.at(-1)).toBe(20_000);
    } finally {
      doc.db.close();
    }
  });

  it('200,000 rows stream through fleetplan import: all imported, rows read reported while reading', async () => {
    const csv = path.join(dir, 'w.csv');
    fs.writeFileSync(csv, workloadsCsv(200_000));
    const r = await run(['import', plan, '--workloads', csv]);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.out).toEqual([`${csv}: workloads added 200000, updated 0, skipped 0, rejected 0`]);
    // reported between chunks: a file read whole would report once
    expect(r.status.length).toBeGreaterThan(10);
    expect(r.status.at(-1)).toBe(`${csv}: 200,000 rows read`);
    const after = openDocument(plan);
    try {
      expect(countWorkloads(after.db)).toBe(200_000);
    } finally {
      after.db.close();
    }
  }, 300_000);

  it('a bad last line imports nothing: the document is byte-identical and the message names the real line', async () => {
    const csv = path.join(dir, 'w.csv');
    for (const [last, message] of [
      ['last,llama-3.3-70b,-1,1.5,premium', `${csv}:10002: avg_output_tps: must be > 0 (got '-1')`],
      ['"never closed,llama-3.3-70b,1,1.5,premium', `${csv}:10002: name: a quoted field is never closed (missing ")`],
    ] as const) {
      fs.writeFileSync(csv, workloadsCsv(10_000, last));
      const before = fingerprint();
      const r = await run(['import', plan, '--workloads', csv]);
      expect(r.code).toBe(2);
      expect(r.err).toContain(message);
      expect(r.err.at(-1)).toBe(`${csv}: 1 of 10001 rows rejected; nothing imported (use --accept valid to import the 10000 valid rows)`);
      expect(fingerprint()).toBe(before);
    }
  }, 120_000);

  it('mixed line endings, a BOM and quoted line breaks read 5 bytes at a time: the rows and lines of the whole file', async () => {
    const csv = path.join(dir, 'mixed.csv');
    const text = '\ufeffname,model,avg_output_tps\r\n"two\r\nline note",llama-3.3-70b,1\ra,llama-3.3-70b,2\nb,mixtral-8x7b,-3\r\n\rc,mixtral-8x7b,4\r"Zürich ""HQ""",llama-3.3-70b,5';
    fs.writeFileSync(csv, text);
    const doc = openDocument(plan);
    try {
      const whole = previewCsvForDb(doc.db, 'workloads', new Uint8Array(fs.readFileSync(csv)), 'mixed.csv');
      const r = await previewCsvStream(doc.db, 'workloads', fileChunks(csv, 5), { fileName: 'mixed.csv' });
      expect(r.chunks).toBe(Math.ceil(Buffer.byteLength(text) / 5));
      expect(r.preview).toEqual(whole);
      expect(whole.encoding).toBe('utf-8 (BOM)');
      // the quoted name's line break reads as a space (core/csv/import.ts)
      expect(whole.rows.map((x) => [x.line, x.value.name])).toEqual([[2, 'two line note'], [4, 'a'], [7, 'c'], [8, 'Zürich "HQ"']]);
      expect(whole.errors.map((e) => [e.line, e.column])).toEqual([[5, 'avg_output_tps']]);
    } finally {
      doc.db.close();
    }
  });

  it('more rows than the limit: refused as soon as it is passed, with nothing to write', async () => {
    const csv = path.join(dir, 'w.csv');
    fs.writeFileSync(csv, workloadsCsv(3000));
    const doc = openDocument(plan);
    try {
      const r = await previewCsvStream(doc.db, 'workloads', fileChunks(csv, 4096), { fileName: 'w.csv', limits: { maxRows: 1000 } });
      expect(r.preview.fatal).toBe('the file has more than 1,000 data rows, the most one import takes: split it into several files');
      expect(r.preview.errors).toEqual([expect.objectContaining({ line: 1002, kind: 'file' })]);
      expect(decideCsvImport(r.preview, { fileName: 'w.csv', accept: 'valid' }).commit).toBeUndefined();
      expect(listWorkloads(doc.db)).toEqual([]);
    } finally {
      doc.db.close();
    }
  });

  it('a catalog imported alongside may bring the models the workloads name; all or nothing', async () => {
    const doc = openDocument(plan);
    const catalog = JSON.parse(exportCatalogJson(doc.db)) as { models: { id: string }[] };
    doc.db.close();
    catalog.models.push({ ...catalog.models[0]!, id: 'brand-new-model' });
    const cat = path.join(dir, 'c.json');
    fs.writeFileSync(cat, JSON.stringify(catalog));
    const csv = path.join(dir, 'w.csv');
    fs.writeFileSync(csv, 'name,model,avg_output_tps\nfresh,brand-new-model,5\n');
    const alone = await run(['import', plan, '--workloads', csv]);
    expect(alone.code).toBe(2);
    expect(alone.err.join('\n')).toMatch(/w\.csv:2: model: unknown model 'brand-new-model'/);
    const before = fingerprint();
    fs.writeFileSync(path.join(dir, 'bad.csv'), 'name,model,avg_output_tps\nfresh,brand-new-model,-5\n');
    expect((await run(['import', plan, '--catalog', cat, '--workloads', path.join(dir, 'bad.csv')])).code).toBe(2);
    expect(fingerprint()).toBe(before); // the catalog was not written either
    const both = await run(['import', plan, '--catalog', cat, '--workloads', csv]);
    expect(both.code).toBe(0);
    expect(both.out.at(-1)).toBe(`${csv}: workloads added 1, updated 0, skipped 0, rejected 0`);
  });

  it('a file over the size limit is refused before it is read, naming the limit; the document is untouched', async () => {
    const csv = path.join(dir, 'huge.csv');
    fs.writeFileSync(csv, '');
    fs.truncateSync(csv, MAX_IMPORT_BYTES + 1); // sparse: no disk used
    expect(() => checkImportFile(csv, 'workloads')).toThrow(/over the 256 MB one CSV import takes \(docs\/limits\.md\)/);
    const before = fingerprint();
    const r = await run(['import', plan, '--workloads', csv]);
    expect(r.code).toBe(2);
    expect(r.err.join('\n')).toMatch(/huge\.csv: 256 MB, over the 256 MB one CSV import takes/);
    expect(fingerprint()).toBe(before);
    expect((await run(['import', plan, '--workloads', path.join(dir, 'missing.csv')])).err.join('\n')).toMatch(/missing\.csv: no such file/);
  });
});
