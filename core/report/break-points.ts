// Where a name or identifier in a report table may wrap: after a hyphen, underscore, the "|" of a
// model list, or a dot followed by a non-digit; never inside a word or a decimal number. The report
// table puts a <wbr> between the parts.

/** "hq-server-room" → ["hq-", "server-", "room"]; joining the parts gives the text back. */
export function breakParts(text: string): string[] {
  return text.split(/(?<=[-_|]|\.(?=\D))/);
}

/**
 * Heading words wider than a column of figures in a dense table, with the one place each may break
 * (the report table writes a soft hyphen there: it shows only where the word breaks). In the
 * plan-year table's eight columns, "REPLACEMENTS" (20.6 mm in 6.5 pt DejaVu Sans Bold capitals) and
 * "(UNDISCOUNTED)" (23 mm) took more than a money column's 18.7 mm and ran into their neighbours.
 */
const HEADING_BREAKS: readonly string[] = ['replace-ments', '(undis-counted)'];
const HEADING_BREAK_AT = new Map(HEADING_BREAKS.map((w) => [w.replace('-', ''), w.indexOf('-')]));

/** "Total (undiscounted)" → [["Total"], ["(undis", "counted)"]]: a heading's words, each in the parts it may break into. */
export function headingParts(label: string): string[][] {
  return label.split(' ').map((w) => {
    const at = HEADING_BREAK_AT.get(w.toLowerCase());
    return at == null ? [w] : [w.slice(0, at), w.slice(at)];
  });
}
