// Bytes of an imported file → text. Decision (documented in core/csv/README.md): UTF-8 with or
// without BOM is read as is; UTF-16 LE/BE (with BOM, or recognised by its NUL bytes) is decoded
// with a notice; bytes that are not valid UTF-8 are read as Windows-1252 (a superset of
// Latin-1, what Excel writes on Western Windows) with a warning; binary data is refused.
export type Decoded =
  | { ok: true; text: string; encoding: string; warning?: string }
  | { ok: false; encoding: string; message: string };

function utf16Guess(b: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(b.length - (b.length % 2), 4096);
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) evenZero++;
    if (b[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.3 && evenZero < pairs * 0.05) return 'utf-16le';
  if (evenZero > pairs * 0.3 && oddZero < pairs * 0.05) return 'utf-16be';
  return null;
}

/** What the binary check reads: the first chars of the text. */
const BINARY_SCAN = 65536;
export const NOT_TEXT = 'not a text CSV file (it contains binary data)';

/**
 * Binary data: a NUL, or more than 2 % control characters (or U+FFFD) in the first 64 Ki chars.
 * Fed the text as it is decoded; add() says true once the text is known to be binary.
 */
export function createBinaryCheck(): { add(text: string, last: boolean): boolean; readonly seen: boolean } {
  let n = 0;
  let bad = 0;
  let nul = false;
  return {
    add(text, last) {
      for (let i = 0; i < text.length && n < BINARY_SCAN; i++, n++) {
        const c = text.charCodeAt(i);
        if (c === 0) nul = true;
        else if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) bad++;
      }
      return nul || ((n >= BINARY_SCAN || last) && n > 0 && bad / n > 0.02);
    },
    get seen() {
      return n > 0;
    },
  };
}

export function looksBinary(text: string): boolean {
  return createBinaryCheck().add(text, true);
}

/** Messages do not name the file: the caller puts its name in front once (formatRowError). */
export function decodeBytes(bytes: Uint8Array, _fileName = 'file'): Decoded {
  const d = createByteDecoder();
  let text: string;
  try {
    text = d.push(bytes) + d.end();
  } catch (e) {
    if (e instanceof DecodeRefused) return { ok: false, encoding: e.encoding, message: e.message };
    throw e;
  }
  if (looksBinary(text)) return { ok: false, encoding: d.encoding, message: NOT_TEXT };
  return d.warning ? { ok: true, text, encoding: d.encoding, warning: d.warning } : { ok: true, text, encoding: d.encoding };
}

/** A file refused while decoding (binary, or not the encoding its start promised). */
export class DecodeRefused extends Error {
  readonly encoding: string;
  constructor(message: string, encoding: string) {
    super(message);
    this.name = 'DecodeRefused';
    this.encoding = encoding;
  }
}

/** Bytes fed in chunks → text, with the decisions of decodeBytes; push() returns the text decoded so far. */
export type ByteDecoder = {
  push(bytes: Uint8Array): string;
  end(): string;
  readonly encoding: string;
  readonly warning: string | undefined;
};

/** What decodeBytes looks at before deciding (the UTF-16 guess reads the first 4096 bytes). */
const SNIFF_BYTES = 4096;

/** Length of the prefix of b that ends on a whole UTF-8 sequence (the rest waits for the next chunk). */
function utf8Complete(b: Uint8Array): number {
  const n = b.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const c = b[n - back]!;
    if (c < 0x80) return n;
    if (c >= 0xc0) {
      const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
      return need > back ? n - back : n;
    }
  }
  return n;
}

/** True when the first non-ASCII byte of b starts an invalid UTF-8 sequence (all text before it is ASCII). */
function firstNonAsciiInvalid(b: Uint8Array): boolean {
  let i = 0;
  while (i < b.length && b[i]! < 0x80) i++;
  if (i === b.length) return false;
  const c = b[i]!;
  const need = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
  if (need === 0 || i + need > b.length) return true;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b.subarray(i, i + need));
    return false;
  } catch {
    return true;
  }
}

function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (!a.length) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/**
 * The streaming form of decodeBytes: the same encoding decision on the first 4096 bytes (BOM,
 * UTF-16 by its NUL bytes), then chunks decoded as they come. UTF-8 that turns out invalid is
 * read as Windows-1252 when everything before the first invalid byte was ASCII; after non-ASCII
 * UTF-8 text the file mixes encodings and is refused (DecodeRefused): text already handed on
 * cannot be read again, and the rule holds wherever the chunks are cut. The binary check is
 * the caller's (on the text).
 */
export function createByteDecoder(): ByteDecoder {
  let head: Uint8Array = new Uint8Array(0);
  let mode: 'sniff' | 'utf8-bom' | 'utf8' | 'cp1252' | 'utf16' = 'sniff';
  let encoding = 'utf-8';
  let warning: string | undefined;
  let carry: Uint8Array = new Uint8Array(0);
  let asciiOnly = true;
  let started = false;
  let utf16: InstanceType<typeof TextDecoder> | null = null;
  const strict = new TextDecoder('utf-8', { fatal: true });
  const cp1252 = new TextDecoder('windows-1252');

  const firstText = (t: string): string => {
    if (!started && t.length) {
      started = true;
      if (t.charCodeAt(0) === 0xfeff) return t.slice(1);
    }
    return t;
  };

  const toCp1252 = (b: Uint8Array): string => {
    mode = 'cp1252';
    encoding = 'windows-1252';
    warning = `the file is not valid UTF-8; it was read as Windows-1252 (Latin-1) — check accented names, or save as “CSV UTF-8”`;
    return cp1252.decode(b);
  };

  const utf8 = (b: Uint8Array, last: boolean): string => {
    const all = concatBytes(carry, b);
    const cut = last ? all.length : utf8Complete(all);
    carry = new Uint8Array(all.subarray(cut)); // a copy: the caller may reuse its chunk
    const body = cut === all.length ? all : all.subarray(0, cut);
    try {
      const t = strict.decode(body);
      if (asciiOnly) for (let i = 0; i < body.length; i++) if (body[i]! >= 0x80) { asciiOnly = false; break; }
      return t;
    } catch {
      if (mode === 'utf8-bom') throw new DecodeRefused('the file starts with a UTF-8 byte-order mark but is not valid UTF-8', encoding);
      if (!asciiOnly || !firstNonAsciiInvalid(all)) {
        throw new DecodeRefused(
          'the file mixes encodings: it starts as UTF-8 but later bytes are not valid UTF-8 — save it as “CSV UTF-8”', encoding,
        );
      }
      const rest = all;
      carry = new Uint8Array(0);
      return toCp1252(rest);
    }
  };

  const decide = (last: boolean): string => {
    const b = head;
    head = new Uint8Array(0);
    if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) {
      mode = 'utf8-bom';
      encoding = 'utf-8 (BOM)';
      return utf8(b.subarray(3), last);
    }
    if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff)) {
      mode = 'utf16';
      encoding = b[0] === 0xff ? 'utf-16le' : 'utf-16be';
      warning = `the file is ${encoding.toUpperCase()}; it was converted (save as “CSV UTF-8” to avoid this)`;
      utf16 = new TextDecoder(encoding);
      return utf16.decode(b.subarray(2), { stream: !last });
    }
    const g = utf16Guess(b);
    if (g) {
      mode = 'utf16';
      encoding = g;
      warning = `the file looks like ${g.toUpperCase()} without a byte-order mark; it was converted`;
      utf16 = new TextDecoder(g);
      return utf16.decode(b, { stream: !last });
    }
    mode = 'utf8';
    return utf8(b, last);
  };

  const feed = (b: Uint8Array, last: boolean): string => {
    switch (mode) {
      case 'sniff':
        head = concatBytes(head, b);
        return head.length >= SNIFF_BYTES || last ? decide(last) : '';
      case 'utf8':
      case 'utf8-bom':
        return utf8(b, last);
      case 'cp1252':
        return cp1252.decode(b);
      case 'utf16':
        return utf16!.decode(b, { stream: !last });
    }
  };

  return {
    push: (bytes) => firstText(feed(bytes, false)),
    end: () => firstText(feed(new Uint8Array(0), true)),
    get encoding() {
      return encoding;
    },
    get warning() {
      return warning;
    },
  };
}
