// Number cells of the workload/site CSVs by DESIGN 7: the decimal mark depends on the file's
// delimiter. Comma files: '.' decimal, ',' groups thousands. Semicolon/tab files: ',' is the
// decimal mark when present, '.' or a space (also NBSP / narrow NBSP / thin space) groups
// thousands; a number with a single '.' uses it as the decimal mark. Groups are exactly three digits.
export type Delimiter = ',' | ';' | '\t';
export type NumberOptions = { percent?: boolean; money?: boolean };
export type NumberResult = { ok: true; value: number } | { ok: false; reason: string };

const PLAIN = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const SIMPLE = /^\d+$/;
const COMMA_GROUPED = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const SPACES = /[\u00A0\u202F\u2009\u2007 ]/g;

const ok = (value: number): NumberResult => ({ ok: true, value });
const bad = (reason: string): NumberResult => ({ ok: false, reason });

/** Whether `s` is digits grouped by `sep` in threes after a first group of one to three (1,234,567). */
export function groupedInt(s: string, sep: string): boolean {
  const parts = s.split(sep);
  if (parts.length < 2) return false;
  if (!/^\d{1,3}$/.test(parts[0]!)) return false;
  for (let i = 1; i < parts.length; i++) if (!/^\d{3}$/.test(parts[i]!)) return false;
  return true;
}

function plainNumber(s: string): number | undefined {
  const len = s.length;
  if (len === 0 || len > 20) return undefined;
  let i = s.charCodeAt(0) === 45 ? 1 : 0;
  if (i === len) return undefined;
  let dot = false;
  let digits = 0;
  for (; i < len; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c === 46 && !dot) dot = true;
    else return undefined;
  }
  return digits ? Number(s) : undefined;
}

/** Parses one non-empty number cell. `raw` is trimmed here; empty cells are the caller's. */
export function parseNumber(raw: string, delimiter: Delimiter, opts: NumberOptions = {}): NumberResult {
  // fast path: plain numbers (digits, one '.', leading '-') are nearly every cell of a big file
  const n = plainNumber(raw);
  if (n !== undefined) return { ok: true, value: n };
  let s = raw.trim();
  if (PLAIN.test(s)) return ok(Number(s));
  if (s.endsWith('%')) {
    if (!opts.percent) return bad("'%' is only allowed on percentages");
    s = s.slice(0, -1).trim();
  }
  let sign = '';
  if (s[0] === '-' || s[0] === '+' || s[0] === '\u2212') {
    sign = s[0] === '+' ? '' : '-';
    s = s.slice(1).trim();
  }
  if (opts.money && s[0] === '$') s = s.slice(1).trim();
  if (s === '') return bad('not a number');
  if (PLAIN.test(s) && s[0] !== '+' && s[0] !== '-') return ok(Number(sign + s));

  if (delimiter === ',') {
    if (s.includes(',')) {
      if (COMMA_GROUPED.test(s)) return ok(Number(sign + s.replaceAll(',', '')));
      return bad("in a comma-separated file ',' groups thousands in groups of exactly three digits (e.g. 1,234.5) and '.' is the decimal mark");
    }
    return bad('not a number');
  }

  // semicolon- or tab-separated
  s = s.replace(SPACES, ' ');
  const commas = s.split(',').length - 1;
  if (commas > 1) return bad("more than one ',' (in this file ',' is the decimal mark)");
  let intPart = s;
  let frac = '';
  if (commas === 1) {
    [intPart, frac] = s.split(',') as [string, string];
    if (!SIMPLE.test(frac)) return bad("expected digits after the decimal ','");
    if (intPart === '') intPart = '0';
    if (SIMPLE.test(intPart)) return ok(Number(`${sign}${intPart}.${frac}`));
    for (const sep of ['.', ' ']) {
      if (intPart.includes(sep)) {
        if (groupedInt(intPart, sep)) return ok(Number(`${sign}${intPart.split(sep).join('')}.${frac}`));
        return bad(`thousands separator '${sep === ' ' ? 'space' : sep}' must group exactly three digits (e.g. 1.234,5)`);
      }
    }
    return bad('not a number');
  }
  // no comma: a space groups thousands; one '.' is the decimal mark; several '.' can only group
  if (s.includes(' ')) {
    const [i, f, ...rest] = s.split('.');
    if (rest.length === 0 && groupedInt(i!, ' ') && (f === undefined || SIMPLE.test(f))) {
      return ok(Number(`${sign}${i!.split(' ').join('')}${f === undefined ? '' : '.' + f}`));
    }
    return bad("thousands separator 'space' must group exactly three digits (e.g. 1 234,5)");
  }
  if (s.split('.').length > 2) {
    if (groupedInt(s, '.')) return ok(Number(sign + s.split('.').join('')));
    return bad("thousands separator '.' must group exactly three digits (e.g. 1.234.567)");
  }
  return bad('not a number');
}
