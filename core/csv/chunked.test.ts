// The streamed import equals the whole-file import wherever the chunks are cut: quoted line
// breaks, CR/LF/CRLF, a BOM or a multi-byte character split across chunks; limits refuse early.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCsvImport, previewCsv, type ImportContext } from './import.ts';

const MODELS = ['llama-3.3-70b', 'gpt-oss-120b'];
const ctx: ImportContext = { fileName: 'w.csv', knownModels: MODELS, existingNames: ['taken'] };

/** Feeds bytes (or text) cut at the given offsets (sorted, deduplicated). */
function streamed(input: Uint8Array | string, cuts: number[], c: ImportContext = ctx) {
  const s = createCsvImport('workloads', c);
  let from = 0;
  const part = (a: number, b?: number) => (typeof input === 'string' ? input.slice(a, b) : input.subarray(a, b));
  for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
    s.push(part(from, cut));
    from = cut;
  }
  s.push(part(from));
  return { preview: s.end(), passes: s.passes, rowsRead: s.rowsRead };
}

const enc = (t: string) => new TextEncoder().encode(t);
const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

// cells that stress the parser: quotes, delimiters, line breaks of each kind, non-ASCII
const cell = fc.oneof(
  fc.constantFrom('', 'chat', 'café', 'Zürich “x”', '日本語', '🚀 ship', 'a,b', 'say "hi"', 'two\nlines', 'cr\rline', 'crlf\r\nline', '-1', '12', '1,5', ' 7 '),
  fc.string({ maxLength: 6 }),
);
const eol = fc.constantFrom('\n', '\r\n', '\r');
const row = fc.tuple(cell, fc.constantFrom(...MODELS, 'llama-3-70b', ''), fc.oneof(cell, fc.constantFrom('1', '250.5', '0', '1e9')), cell);
const file = fc
  .record({
    bom: fc.boolean(),
    rows: fc.array(fc.tuple(row, eol, fc.boolean()), { maxLength: 25 }),
    trailing: fc.boolean(),
    brokenLast: fc.boolean(),
  })
  .map(({ bom, rows, trailing, brokenLast }) => {
    let t = (bom ? '\ufeff' : '') + 'name,model,avg_output_tps,notes\r\n';
    rows.forEach(([[name, model, tps, notes], nl, blank], i) => {
      t += [name, model, tps, notes].map(quote).join(',') + (i < rows.length - 1 || trailing ? nl : '');
      if (blank) t += nl;
    });
    if (brokenLast) t += '\n"never closed,llama-3.3-70b,1\nnext,llama-3.3-70b,2\n';
    return t;
  });

describe('streamed CSV import', () => {
  it('gives the whole-file result wherever the chunks are cut (property)', () => {
    fc.assert(
      fc.property(file, fc.array(fc.nat(), { maxLength: 12 }), (text, raw) => {
        const bytes = enc(text);
        const whole = previewCsv('workloads', bytes, ctx);
        // bytes cut anywhere (inside a multi-byte character too): the decoder and the parser
        expect(streamed(bytes, raw.map((n) => n % (bytes.length + 1))).preview).toEqual(whole);
        // text cut anywhere: the parser alone (the decoder holds a small file's first 4 KiB)
        const cuts = raw.map((n) => n % (text.length + 1));
        expect(streamed(text, cuts).preview).toEqual({ ...whole, encoding: whole.encoding.replace(' (BOM)', '') });
      }),
      { numRuns: 300 },
    );
  });

  it('cut at every single byte of a small file: same rows, lines and errors', () => {
    const text = '\ufeffname,model,avg_output_tps,notes\r\n"multi\r\nline ""q""",llama-3.3-70b,1,é\rb,gpt-oss-120b,-2,"x\ny"\n\nc,llama-3.3-70b,3,日本\r\n';
    const bytes = enc(text);
    const whole = previewCsv('workloads', bytes, ctx);
    // the name's line break reads as a space (import.ts parseCell)
    expect(whole.rows.map((r) => [r.line, r.value.name])).toEqual([[2, 'multi line "q"'], [7, 'c']]);
    expect(whole.errors.map((e) => [e.line, e.column])).toEqual([[4, 'avg_output_tps']]);
    expect(streamed(bytes, Array.from({ length: bytes.length }, (_, i) => i)).preview).toEqual(whole);
    const every = streamed(text, Array.from({ length: text.length }, (_, i) => i));
    expect(every.preview).toEqual({ ...whole, encoding: 'utf-8' });
    expect(every.passes).toBeGreaterThan(50);
  });

  it('a quoted field spanning many chunks keeps its line breaks and the next row its real line', () => {
    const notes = Array.from({ length: 30_000 }, (_, i) => `note ${i}`).join('\r\n');
    const text = `name,model,avg_output_tps,notes\na,llama-3.3-70b,1,"${notes}"\nb,llama-3.3-70b,2,x\n`;
    const bytes = enc(text);
    const cuts = Array.from({ length: Math.ceil(bytes.length / 4096) }, (_, i) => i * 4096 + 7);
    const { preview, passes } = streamed(bytes, cuts, { fileName: 'w.csv' });
    expect(passes).toBeGreaterThan(30);
    expect(preview.rows.map((r) => [r.line, r.value.name])).toEqual([[2, 'a'], [30_002, 'b']]);
    expect(preview).toEqual(previewCsv('workloads', bytes, { fileName: 'w.csv' }));
  });

  it('invalid UTF-8 after ASCII text is read as Windows-1252, as the whole file would be', () => {
    const ascii = 'name,model,avg_output_tps\n' + Array.from({ length: 3000 }, (_, i) => `w${i},m,1`).join('\n') + '\n';
    const bytes = new Uint8Array([...enc(ascii), 0x43, 0x61, 0x66, 0xe9, 0x2c, 0x6d, 0x2c, 0x31, 0x0a]);
    const whole = previewCsv('workloads', bytes);
    expect(whole.encoding).toBe('windows-1252');
    expect(whole.rows.at(-1)!.value.name).toBe('Café');
    expect(streamed(bytes, [100, 5000, bytes.length - 3], {}).preview).toEqual(whole);
  });

  it('a file that starts as UTF-8 and later holds Latin-1 bytes is refused, naming why', () => {
    const bytes = new Uint8Array([...enc('name,model,avg_output_tps\nZürich,m,1\n'), 0x43, 0x61, 0x66, 0xe9, 0x2c, 0x6d, 0x2c, 0x31, 0x0a]);
    const p = previewCsv('workloads', bytes);
    expect(p.fatal).toMatch(/mixes encodings/);
    expect(p.rows).toEqual([]);
    for (const cut of [5, 30, 38, 40]) expect(streamed(bytes, [cut], {}).preview).toEqual(p);
  });

  it('refuses more rows or bytes than the limits as soon as they are passed, and reads no further', () => {
    const text = 'name,model,avg_output_tps\n' + Array.from({ length: 40_000 }, (_, i) => `w${i},m,1`).join('\n') + '\n';
    const s = createCsvImport('workloads', { maxRows: 10_000 });
    const bytes = enc(text);
    for (let i = 0; i < bytes.length && !s.fatal; i += 4096) s.push(bytes.subarray(i, i + 4096));
    expect(s.fatal).toMatch(/more than 10,000 data rows, the most one import takes/);
    expect(s.bytesRead).toBeLessThan(bytes.length / 2);
    const p = s.end();
    expect(p.rows).toEqual([]);
    expect(p.errors).toEqual([expect.objectContaining({ kind: 'file', line: 10_002 })]);
    const big = createCsvImport('workloads', { maxBytes: 2 * 1024 * 1024 });
    for (let i = 0; i < 100 && !big.fatal; i++) big.push(bytes.subarray(0, 64 * 1024));
    expect(big.fatal).toBe('the file is larger than 2 MB, the most one import takes: split it into several files');
    expect(big.bytesRead).toBeLessThanOrEqual(2 * 1024 * 1024 + 64 * 1024);
  });

  it('a row that never ends (a quote never closed) is refused once it passes 1 MB, without reading the rest', () => {
    const s = createCsvImport('workloads', {});
    s.push(enc('name,model,avg_output_tps\nx,m,"open'));
    const chunk = enc('y'.repeat(64 * 1024));
    let pushed = 0;
    while (!s.fatal && pushed < 100) (s.push(chunk), pushed++);
    expect(s.fatal).toMatch(/a row longer than 1 MB/);
    expect(pushed).toBeLessThan(20);
    expect(s.end().errors[0]).toMatchObject({ line: 2, kind: 'file' });
  });
});
