// One report table as a single HTML string: a real <table> with <thead> (Chromium repeats it on
// every printed page) and rows that never break across pages (report.css). A 1,000-workload plan
// has thousands of rows: built as one string and parsed once, not as per-row components. Every
// cell is a preformatted string from core/report, escaped here; names (the first column, group
// rows and identifier columns such as Model) may wrap only after - _ . | (core/report/break-points.ts),
// marked with <wbr> (in a fixed-layout table, only where the page says a name does not fit);
// report.css lets a part still wider than its column break anywhere, so no cell can widen a table
// past the page (Chromium would shrink the whole printed document to fit it).
import { breakParts, headingParts } from '../../core/report/break-points.ts';
import type { Table } from '../../core/report/model.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const hinted = (text: string) => breakParts(text).map(escapeHtml).join('<wbr>');
const dot = (tier: string | undefined) => (tier ? `<span class="tier-dot ${escapeHtml(tier)}"></span>` : '');

/**
 * A column heading, escaped, with a soft hyphen where headingParts lets a long word break; such a
 * word is a box of its own (report.css th .word), so it goes whole onto a line of its own before
 * it is hyphenated: "TOTAL (UNDIS-" over "COUNTED)" was printed in a column that had the room for
 * "(UNDISCOUNTED)" under "TOTAL".
 */
export function headingHtml(label: string): string {
  return headingParts(label)
    .map((parts) => (parts.length > 1 ? `<span class="word">${parts.map(escapeHtml).join('&shy;')}</span>` : escapeHtml(parts[0]!)))
    .join(' ');
}
/**
 * A name of the first column, escaped with its break hints; a month range in it ("Year 1 May
 * 2026 – Apr 2027") stays on one line, so a narrow column puts the range under the year rather
 * than "Apr" on one line and "2027" on the next.
 */
const MONTH_RANGE = /[A-Z][a-z]{2} \d{4} – [A-Z][a-z]{2} \d{4}/;
function firstCell(text: string, plain: boolean): string {
  const m = MONTH_RANGE.exec(text);
  const part = (t: string) => (plain ? escapeHtml(t) : hinted(t));
  if (!m) return part(text);
  return `${part(text.slice(0, m.index))}<span class="nowrap">${escapeHtml(m[0])}</span>${part(text.slice(m.index + m[0].length))}`;
}

/** whether `text` fits on one line of column `column` (measured by the page: text-fits.ts) */
export type NameFits = (text: string, column: number) => boolean;

/**
 * `fits`, for a fixed-layout table: a name it says fits its column is written without break hints
 * (they change nothing there), one text node per cell; an auto-layout table always has them (they
 * set its columns' minimum widths).
 */
export function tableHtml(table: Table, opts: { compact?: boolean; caption?: string; fits?: NameFits | null } = {}): string {
  const cols = table.columns;
  const fixed = cols.every((c) => c.width);
  const fits = fixed ? opts.fits : null;
  const name = (text: string, column: number) => (fits?.(text, column) ? escapeHtml(text) : hinted(text));
  const cls = ['rt', opts.compact ? 'compact' : '', fixed ? 'fixed' : '', table.dense ? 'dense' : '', table.figures ? 'figures' : ''].filter(Boolean).join(' ');
  const out: string[] = [`<table class="${cls}">`];
  if (opts.caption) out.push(`<caption>${escapeHtml(opts.caption)}</caption>`);
  out.push('<thead><tr>');
  for (const c of cols) out.push(`<th class="${c.align ?? 'left'}"${c.width ? ` style="width: ${escapeHtml(c.width)}"` : ''}>${headingHtml(c.label)}</th>`);
  out.push('</tr></thead><tbody>');
  const tdClass = cols.map((c) => `${c.align ?? 'left'}${c.id ? ' id' : ''}`);
  for (const r of table.rows) {
    if (r.group) {
      out.push(`<tr class="group ${r.tier ?? ''}"><td colspan="${cols.length}">${dot(r.tier)}${hinted(r.cells[0] ?? '')}</td></tr>`);
      continue;
    }
    out.push(`<tr class="${r.tone ?? ''}">`);
    r.cells.forEach((cell, j) => {
      // a name after a tier dot keeps its hints (the dot takes part of the column)
      const text = j === 0 ? dot(r.tier) + (r.tier ? hinted(cell) : firstCell(cell, fits?.(cell, 0) === true)) : cols[j]?.id ? name(cell, j) : escapeHtml(cell);
      out.push(`<td class="${tdClass[j] ?? 'left'}">${text}</td>`);
    });
    out.push('</tr>');
  }
  out.push('</tbody>');
  // a total of two figures ("$1,675,800 · $675,800") may wrap after its "·", never inside a figure
  // (between "−" and "$" Chromium broke "−$58,790,000" when the cell wrapped)
  const footCell = (cell: string, j: number) =>
    cell.includes(' · ')
      ? `<td class="${cols[j]?.align ?? 'left'} pair">${cell.split(' · ').map((p) => `<span class="nowrap">${escapeHtml(p)}</span>`).join(' · ')}</td>`
      : `<td class="${cols[j]?.align ?? 'left'}">${escapeHtml(cell)}</td>`;
  if (table.foot) out.push(`<tfoot><tr>${table.foot.map(footCell).join('')}</tr></tfoot>`);
  out.push('</table>');
  return out.join('');
}
