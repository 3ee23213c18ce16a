// Numbers a person types: every number box of the app (forms, points, what-if panel, time limits,
// worker count) and `fleetplan set`. One rule, docs/model.md §7 "Typed numbers"; CSV files have
// their own rule (core/csv/numbers.ts: there the file's delimiter says which mark is the decimal).
//
// - `.` alone is the decimal mark (1.5, 1.500 = 1.5); several dots group thousands (1.234.567).
//   A dot before exactly three digits (1.500) is what a box shows for a stored 1.5 figure too, so
//   it is read, not refused; `dotLooksLikeThousands` lets a box say how it was read.
// - `,` alone: several commas group thousands (1,234,567); one comma is the decimal mark (1,5;
//   0,500; 1234,5) except before exactly three digits after 1–3 digits (1,500; 12,000): that reads
//   as 1500 to one person and 1.5 to another, so it is refused with both readings spelled out.
// - Both marks: the last one is the decimal mark, the other groups thousands (1,234.5; 1.234,5).
// - A space (also NBSP, narrow NBSP, thin space), `_` or `'` groups thousands (1 500, 1_500).
// - Groups are exactly three digits. A leading `$`, a trailing `%`, `+`, `−` and exponents of a
//   plain number (1e6) are accepted; hexadecimal, `Infinity` and `NaN` are not numbers.
import { groupedInt } from './csv/numbers.ts';

export type TypedNumber = { ok: true; value: number } | { ok: false; reason: string };

const PLAIN = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const DIGITS = /^\d+$/;
const GAPS = /[ \u00A0\u202F\u2009\u2007_'\u2019]/g;
const GAP = /[ \u00A0\u202F\u2009\u2007_'\u2019]/;
const GROUPING = 'thousands separators group exactly three digits (1,234,567 or 1.234.567 or 1 234 567)';

const bad = (reason: string): TypedNumber => ({ ok: false, reason });
/** 1e400 is no number a person means: too large to hold, refused rather than read as Infinity. */
const finite = (value: number): TypedNumber => (Number.isFinite(value) ? { ok: true, value } : bad('too large a number'));

/** The integer part `int` with thousands grouped by `sep` (or not grouped), as plain digits; undefined when the groups are wrong. */
function integerPart(int: string, sep: string | null): string | undefined {
  if (int === '') return '0';
  if (DIGITS.test(int)) return int;
  if (sep !== null && groupedInt(int, sep)) return int.split(sep).join('');
  return undefined;
}

/** Reads one typed number; `undefined` for an empty entry (the caller decides what empty means). */
export function readTypedNumber(text: string): TypedNumber | undefined {
  let s = text.trim();
  if (s === '') return undefined;
  let sign = '';
  if (s[0] === '-' || s[0] === '+' || s[0] === '\u2212') {
    sign = s[0] === '+' ? '' : '-';
    s = s.slice(1).trim();
  }
  if (s[0] === '$') s = s.slice(1).trim();
  if (s.endsWith('%')) s = s.slice(0, -1).trim();
  if (s === '') return bad('not a number');
  if (PLAIN.test(s)) return finite(Number(sign + s));

  // spaces, '_' and "'" only group thousands: make them one separator the rules below know
  const gapped = GAP.test(s);
  if (gapped) s = s.replace(GAPS, ' ');
  if (!/^[\d., ]+$/.test(s)) return bad('not a number');
  const dot = s.lastIndexOf('.');
  const comma = s.lastIndexOf(',');
  let int: string;
  let frac = '';
  let sep: string | null;
  if (dot >= 0 && comma >= 0) {
    // both: the last is the decimal mark, the other groups (with spaces nothing else may group)
    const decimal = dot > comma ? '.' : ',';
    sep = decimal === '.' ? ',' : '.';
    const at = Math.max(dot, comma);
    int = s.slice(0, at);
    frac = s.slice(at + 1);
    if (gapped || int.includes(decimal)) return bad(GROUPING);
  } else if (dot >= 0 || comma >= 0) {
    const mark = dot >= 0 ? '.' : ',';
    const parts = s.split(mark);
    if (parts.length > 2) {
      // several: they can only group thousands
      if (gapped) return bad(GROUPING);
      int = s;
      sep = mark;
    } else {
      [int, frac] = parts as [string, string];
      if (frac === '') return bad('not a number');
      sep = gapped ? ' ' : null;
      if (mark === ',' && !gapped && frac.length === 3 && DIGITS.test(frac) && /^[1-9]\d{0,2}$/.test(int)) {
        const grouped = Number(sign + int + frac);
        const decimal = Number(`${sign}${int}.${frac}`);
        return bad(`is ambiguous: a comma before three digits may group thousands or mark the decimals — type ${grouped} or ${decimal}`);
      }
    }
  } else {
    int = s;
    sep = ' ';
  }
  if (frac !== '' && !DIGITS.test(frac)) return bad('not a number');
  const digits = integerPart(int, sep);
  if (digits === undefined) return bad(GROUPING);
  return finite(Number(`${sign}${digits}${frac === '' ? '' : '.' + frac}`));
}

const DOT_THOUSANDS = /^[-+\u2212]?[1-9]\d{0,2}\.\d{3}$/;

/** `1.500`: read as 1.5, but 1500 to a reader who groups thousands with a dot — worth saying so. */
export function dotLooksLikeThousands(text: string): boolean {
  return DOT_THOUSANDS.test(text.trim());
}

/** A remark on a typed number that reads but may not be what was meant: "1.500" is 1.5, not 1500 (forms and `fleetplan set` say so). */
export function dotReadNote(text: string): string | undefined {
  if (!dotLooksLikeThousands(text)) return undefined;
  const t = text.trim();
  return `read as ${Number(t.replace('\u2212', '-'))}: '.' is the decimal mark — for thousands type ${t.replace('.', '')}`;
}
