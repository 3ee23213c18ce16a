// One report table as a single HTML string: a real <table> with <thead> (Chromium repeats it on
// every printed page) and rows that never break across pages (report.css). A 1,000-workload plan
// has thousands of rows: built as one string and parsed once, not as per-row components. Every
// cell is a preformatted string from core/report, escaped here; names (the first column, group
// rows and identifier columns such as Model) may wrap only after - _ . | (core/report/break-points.ts),
// marked with <wbr> (in a fixed-layout table, only where the page says a name does not fit);
// report.css lets a part still wider than its column break anywhere, so no cell can widen a table
// past the page (Chromium would shrink the whole printed document to fit it).
import { breakParts } from '../../core/report/break-points.ts';
import type { Table } from '../../core/report/model.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const hinted = (text: string) => breakParts(text).map(escapeHtml).join('<wbr>');
const dot = (tier: string | undefined) => (tier ? `<span class="tier-dot ${escapeHtml(tier)}"></span>` : '');

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
  const cls = ['rt', opts.compact ? 'compact' : '', fixed ? 'fixed' : ''].filter(Boolean).join(' ');
  const out: string[] = [`<table class="${cls}">`];
  if (opts.caption) out.push(`<caption>${escapeHtml(opts.caption)}</caption>`);
  out.push('<thead><tr>');
  for (const c of cols) out.push(`<th class="${c.align ?? 'left'}"${c.width ? ` style="width: ${escapeHtml(c.width)}"` : ''}>${escapeHtml(c.label)}</th>`);
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
      const text = j === 0 ? dot(r.tier) + (r.tier ? hinted(cell) : name(cell, 0)) : cols[j]?.id ? name(cell, j) : escapeHtml(cell);
      out.push(`<td class="${tdClass[j] ?? 'left'}">${text}</td>`);
    });
    out.push('</tr>');
  }
  out.push('</tbody>');
  if (table.foot) out.push(`<tfoot><tr>${table.foot.map((cell, j) => `<td class="${cols[j]?.align ?? 'left'}">${escapeHtml(cell)}</td>`).join('')}</tr></tfoot>`);
  out.push('</table>');
  return out.join('');
}
