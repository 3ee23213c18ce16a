// Files as byte streams for the streamed import (import-files with a stream as content): the CLI's
// files are read in IMPORT_CHUNK_BYTES pieces, never whole. Checks that refuse a file before the
// document is touched (missing, not a file, over the documented size) live here too.
import fs from 'node:fs';
import { FleetError } from '../../core/api.ts';
import { MAX_IMPORT_BYTES } from '../../core/csv/index.ts';
import { MAX_CATALOG_BYTES } from './handlers/import.ts';

/** What one read hands the parser: memory of a streamed import is a few of these, not the file. */
export const IMPORT_CHUNK_BYTES = 256 * 1024;

const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

/** Refuses, naming the file, what cannot be imported whatever it holds; returns its size. */
export function checkImportFile(file: string, kind: 'workloads' | 'sites' | 'catalog'): number {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new FleetError('bad_input', code === 'ENOENT' ? `${file}: no such file` : `${file}: cannot read (${(e as Error).message})`);
  }
  if (!st.isFile()) throw new FleetError('bad_input', `${file}: not a file`);
  const limit = kind === 'catalog' ? MAX_CATALOG_BYTES : MAX_IMPORT_BYTES;
  if (st.size > limit) {
    throw new FleetError('bad_input', `${file}: ${mb(st.size)}, over the ${mb(limit)} one ${kind === 'catalog' ? 'catalog' : 'CSV'} import takes (docs/limits.md): split it into several files`);
  }
  return st.size;
}

/** The file's bytes, a chunk at a time; a read error becomes a message naming the file. */
export async function* fileChunks(file: string, chunkBytes = IMPORT_CHUNK_BYTES): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of fs.createReadStream(file, { highWaterMark: chunkBytes })) yield chunk as Buffer;
  } catch (e) {
    throw new FleetError('bad_input', `${file}: cannot read (${(e as Error).message})`);
  }
}
