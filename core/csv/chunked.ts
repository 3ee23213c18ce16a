// Text fed in chunks → CSV rows numbered by the physical file line where each starts. papaparse's
// chunk parser (the Parser its own ChunkStreamer drives) parses each chunk with the unfinished
// last row held back and parsed again with the next chunk, so a quoted field may span any number
// of chunk boundaries. Invariant: the rows, cells, lines and quote problems do not depend on where
// the chunks were cut (a property test splits files at random). Memory: one chunk plus one row.
import Papa from 'papaparse';
import type { Delimiter } from './numbers.ts';

export type ErrorKind =
  | 'file'
  | 'header'
  | 'quotes'
  | 'required'
  | 'number'
  | 'range'
  | 'choice'
  | 'unknown_model'
  | 'duplicate_in_file'
  | 'duplicate'
  | 'fields'
  | 'invalid';
export type RowError = { line: number; column: string; value: string; reason: string; kind: ErrorKind };

export type TableRow = { line: number; cells: string[] };

/** A row longer than this (from its first character to its line break) refuses the file: a quote never closed. */
export const MAX_ROW_CHARS = 1024 * 1024;
const tooLong = `a row longer than ${MAX_ROW_CHARS / 1024 / 1024} MB: not a table of workloads or sites (or a quoted field is never closed)`;
/** detectDelimiter reads at most this far into the first line. */
const DELIMITER_SCAN = 1_000_000;

export type ChunkedTable = {
  push(text: string): void;
  end(): void;
  readonly delimiter: Delimiter | null;
  /** set when a row is longer than MAX_ROW_CHARS; nothing more is parsed */
  readonly refused: { reason: string; line: number } | null;
  /** parser passes so far (a file parsed whole is one) */
  readonly passes: number;
};

export type ChunkedTableHooks = {
  onHeader: (h: TableRow, delimiter: Delimiter) => void;
  onRow: (r: TableRow) => void;
  /** quote problems of a row are pushed here before the row is handed over */
  problems: RowError[];
};

/** Counts ',', ';', tab outside quotes in the first non-blank line; the most frequent wins. */
export function detectDelimiter(text: string): Delimiter {
  let i = 0;
  while (i < text.length && (text[i] === '\n' || text[i] === '\r' || text[i] === ' ')) i++;
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  const end = Math.min(text.length, i + 1_000_000);
  for (; i < end; i++) {
    const c = text[i]!;
    if (c === '"') quoted = !quoted;
    else if (!quoted) {
      if (c === '\n' || c === '\r') break;
      if (c === ',' || c === ';' || c === '\t') counts[c]++;
    }
  }
  if (counts['\t'] > counts[','] && counts['\t'] >= counts[';']) return '\t';
  if (counts[';'] > counts[',']) return ';';
  return ',';
}

/** True once the first non-blank line has ended (outside quotes), or is long enough to decide. */
function firstLineSeen(text: string): boolean {
  let i = 0;
  while (i < text.length && (text[i] === '\n' || text[i] === ' ')) i++;
  const start = i;
  let quoted = false;
  for (; i < text.length && i - start < DELIMITER_SCAN; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === '\n') return true;
  }
  return i - start >= DELIMITER_SCAN;
}

export function createChunkedTable(hooks: ChunkedTableHooks): ChunkedTable {
  let delimiter: Delimiter | null = null;
  let parser: Papa.Parser | null = null;
  /** text not yet parsed: the held-back last row, or the file's start before parsing begins */
  let pending = '';
  /** a trailing CR waits: with the next chunk's LF it is one line break */
  let heldCr = false;
  let started = false;
  let refused: { reason: string; line: number } | null = null;
  let passes = 0;
  let header: TableRow | null = null;
  // line bookkeeping inside the string being parsed
  let baseLine = 1;
  let counted = 0;
  let line = 1;
  let prevCursor = 0;
  let input = '';

  const lineAt = (pos: number): number => {
    for (let i = input.indexOf('\n', counted); i !== -1 && i < pos; i = input.indexOf('\n', i + 1)) line++;
    counted = Math.max(counted, pos);
    return line;
  };

  const step = (res: Papa.ParseStepResult<string[]>): void => {
    if (refused) return;
    const start = prevCursor;
    prevCursor = res.meta.cursor;
    const at = lineAt(start);
    if (prevCursor - start > MAX_ROW_CHARS) {
      refused = { reason: tooLong, line: at };
      parser!.abort();
      return;
    }
    // the raw Parser hands over one row per step, as a list of rows
    const cells = (res.data as unknown as string[][])[0] ?? [];
    for (const e of res.errors) {
      if (e.code === 'MissingQuotes' || e.code === 'InvalidQuotes') {
        // the column: an unclosed quote swallows the rest of the file into the row's last cell
        const col = e.code === 'MissingQuotes' ? cells.length - 1 : Math.max(0, cells.findIndex((c) => c.includes('"')));
        const kind: ErrorKind = 'quotes';
        hooks.problems.push({
          line: at,
          column: header?.cells[col]?.trim() ?? `field ${col + 1}`,
          value: '',
          reason: e.code === 'MissingQuotes' ? 'a quoted field is never closed (missing ")' : 'malformed quotes: text after a closing "',
          kind,
        });
      }
    }
    let blank = true;
    for (const c of cells) if (c.trim() !== '') { blank = false; break; }
    if (blank) return;
    if (!header) {
      header = { line: at, cells };
      hooks.onHeader(header, delimiter!);
    } else hooks.onRow({ line: at, cells });
  };

  const parse = (text: string, last: boolean): void => {
    input = text;
    counted = 0;
    line = baseLine;
    prevCursor = 0;
    passes++;
    const r = parser!.parse(text, 0, !last) as Papa.ParseResult<string[]>;
    if (refused || last) return;
    const cursor = r.meta.cursor;
    baseLine = lineAt(cursor);
    pending = text.slice(cursor);
    if (pending.length > MAX_ROW_CHARS) {
      refused = { reason: tooLong, line: baseLine };
    }
  };

  const begin = (): void => {
    if (pending.charCodeAt(0) === 0xfeff) pending = pending.slice(1);
    delimiter = detectDelimiter(pending);
    started = true;
    parser = new Papa.Parser({ delimiter, quoteChar: '"', newline: '\n', step });
  };

  const feed = (chunk: string, last: boolean): void => {
    if (refused) return;
    // One line break for the whole file: CRLF, lone CR (old Mac) and LF each end one physical line
    // (papaparse takes one kind per file, so a file mixing them lost rows silently).
    let t = heldCr ? '\r' + chunk : chunk;
    heldCr = !last && t.endsWith('\r');
    if (heldCr) t = t.slice(0, -1);
    if (t.includes('\r')) t = t.replace(/\r\n?/g, '\n');
    let text = pending + t;
    pending = '';
    if (!started) {
      pending = text;
      if (!last && !firstLineSeen(text)) return;
      begin();
      text = pending;
      pending = '';
    }
    parse(text, last);
  };

  return {
    push: (text) => feed(text, false),
    end: () => feed('', true),
    get delimiter() {
      return delimiter;
    },
    get refused() {
      return refused;
    },
    get passes() {
      return passes;
    },
  };
}
