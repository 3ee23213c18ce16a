// One report table as a single HTML string: a real <table> with <thead> (Chromium repeats it on
// every printed page) and rows that never break across pages (report.css). A 1,000-workload plan
// has thousands of rows: built as one string and parsed once, not as per-row components. Every
// cell is a preformatted string from core/report, escaped here; names (the first column, group
// rows and identifier columns such as Model) may wrap only after - _ . | (core/report/break-points.ts),
// marked with <wbr>; report.css lets a part still wider than its column break anywhere, so no cell
// can widen a table past the page (Chromium would shrink the whole printed document to fit it).
import { breakParts } from '../../core/report/break-points.ts';
import type { Table } from '../../core/report/model.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const name = (text: string) => breakParts(text).map(escapeHtml).join('<wbr>');
const dot = (tier: string | undefined) => (tier ? `<span class="tier-dot ${escapeHtml(tier)}"></span>` : '');

export function tableHtml(table: Table, opts: { compact?: boolean; caption?: string } = {}): string {
  const cols = table.columns;
  const cls = ['rt', opts.compact ? 'compact' : '', cols.every((c) => c.width) ? 'fixed' : ''].filter(Boolean).join(' ');
  const out: string[] = [`<table class="${cls}">`];
  if (opts.caption) out.push(`<caption>${escapeHtml(opts.caption)}</caption>`);
  out.push('<thead><tr>');
  for (const c of cols) out.push(`<th class="${c.align ?? 'left'}"${c.width ? ` style="width: ${escapeHtml(c.width)}"` : ''}>${escapeHtml(c.label)}</th>`);
  out.push('</tr></thead><tbody>');
  const tdClass = cols.map((c) => `${c.align ?? 'left'}${c.id ? ' id' : ''}`);
  for (const r of table.rows) {
    if (r.group) {
      out.push(`<tr class="group ${r.tier ?? ''}"><td colspan="${cols.length}">${dot(r.tier)}${name(r.cells[0] ?? '')}</td></tr>`);
      continue;
    }
    out.push(`<tr class="${r.tone ?? ''}">`);
    r.cells.forEach((cell, j) => {
      out.push(`<td class="${tdClass[j] ?? 'left'}">${j === 0 ? dot(r.tier) + name(cell) : cols[j]?.id ? name(cell) : escapeHtml(cell)}</td>`);
    });
    out.push('</tr>');
  }
  out.push('</tbody>');
  if (table.foot) out.push(`<tfoot><tr>${table.foot.map((cell, j) => `<td class="${cols[j]?.align ?? 'left'}">${escapeHtml(cell)}</td>`).join('')}</tr></tfoot>`);
  out.push('</table>');
  return out.join('');
}
