// Names people give things (workloads, sites, scenarios, catalog entries): stored in Unicode NFC
// so "café" typed two ways is one name, and never with C0/C1 control characters or bidi
// overrides, which can rewrite a terminal or make a name read as another. Plus the escaping of
// any text printed to a terminal.
import { z } from 'zod';

/** C0 and C1 controls (tab included), DEL, bidi embeddings/overrides/isolates and marks. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
const UNSAFE_ALL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/** The first unsafe character of s as U+XXXX, or null. */
export function unsafeCharIn(s: string): string | null {
  const m = UNSAFE.exec(s);
  return m ? `U+${m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` : null;
}

/** A name: trimmed, NFC, non-empty, without control or bidi characters. */
export const nameText = z
  .string()
  .normalize('NFC')
  .trim()
  .min(1, 'is required')
  .refine((s) => unsafeCharIn(s) === null, {
    error: (iss) => `contains a control or bidi character (${unsafeCharIn(String(iss.input)) ?? '?'}); names cannot hold them`,
  });

/**
 * Text for a terminal: control and bidi characters become visible \uXXXX escapes (valid inside
 * a JSON string too); line breaks and tabs are kept when `keepLayout` is set.
 */
export function escapeForTerminal(s: string, opts: { keepLayout?: boolean } = {}): string {
  return s.replace(UNSAFE_ALL, (c) =>
    opts.keepLayout && (c === '\n' || c === '\t') ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * The file name of an export of a scenario: the document's name (without ".fleetplan"), the
 * scenario and `suffix` ("-tco.csv", ".pdf", ".lp"), with the characters no file system takes and
 * white space as "-": "demo-Base-tco.csv". The LP, the PDF and the TCO CSVs each wrote this rule.
 */
export function exportFileName(docPath: string | null, scenario: string | null, suffix: string): string {
  const file = (docPath ?? 'plan').split(/[\\/]/).pop()!;
  const doc = file.replace(/\.fleetplan$/i, '') || file;
  return `${doc}-${scenario ?? 'scenario'}${suffix}`.replace(/[\\/:*?"<>|\s]+/g, '-');
}
