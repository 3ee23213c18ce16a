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

function looksBinary(text: string): boolean {
  const n = Math.min(text.length, 65536);
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return true;
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) bad++;
  }
  return n > 0 && bad / n > 0.02;
}

const decodeWith = (enc: string, b: Uint8Array, fatal = false) => new TextDecoder(enc, { fatal }).decode(b);

/** Messages do not name the file: the caller puts its name in front once (formatRowError). */
export function decodeBytes(bytes: Uint8Array, _fileName = 'file'): Decoded {
  let encoding = 'utf-8';
  let text: string;
  let warning: string | undefined;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    encoding = 'utf-8 (BOM)';
    try {
      text = decodeWith('utf-8', bytes.subarray(3), true);
    } catch {
      return { ok: false, encoding, message: `the file starts with a UTF-8 byte-order mark but is not valid UTF-8` };
    }
  } else if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    encoding = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    text = decodeWith(encoding, bytes.subarray(2));
    warning = `the file is ${encoding.toUpperCase()}; it was converted (save as “CSV UTF-8” to avoid this)`;
  } else {
    const g = utf16Guess(bytes);
    if (g) {
      encoding = g;
      text = decodeWith(g, bytes);
      warning = `the file looks like ${g.toUpperCase()} without a byte-order mark; it was converted`;
    } else {
      try {
        text = decodeWith('utf-8', bytes, true);
      } catch {
        encoding = 'windows-1252';
        text = decodeWith('windows-1252', bytes);
        warning = `the file is not valid UTF-8; it was read as Windows-1252 (Latin-1) — check accented names, or save as “CSV UTF-8”`;
      }
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (looksBinary(text)) {
    return { ok: false, encoding, message: `not a text CSV file (it contains binary data)` };
  }
  return warning ? { ok: true, text, encoding, warning } : { ok: true, text, encoding };
}
