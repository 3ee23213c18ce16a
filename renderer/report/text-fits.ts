// Whether a name fits on one line of its column in the report's long fixed-layout tables, measured
// in the page before the tables are built: a name that fits needs no break hints (report-table.ts),
// so its cell is one text node rather than a <wbr> between each part (6,000 of them on a
// 1,000-workload plan: ~0.2 s of the page's layout and print). A name within a safety margin of
// its column keeps its hints, so every wrap comes out as it would with them.
import type { Table } from '../../core/report/model.ts';
import type { NameFits } from './report-table.ts';

/** px a name must leave free in its column to count as fitting (shaping and rounding differ slightly between canvas and layout) */
const MARGIN_PX = 2;

/**
 * Measures, in `container` (where the tables will go), a compact fixed-layout report table's width,
 * its cells' padding and font, and returns the test for `table`'s columns; null when a column's
 * width is not a percentage or nothing could be measured (every name then keeps its hints).
 */
export function nameFits(container: Element, table: Table, compact: boolean): NameFits | null {
  const pct = table.columns.map((c) => (c.width?.endsWith('%') ? Number(c.width.slice(0, -1)) : NaN));
  if (pct.some((p) => !Number.isFinite(p))) return null;
  const probe = document.createElement('table');
  probe.className = `rt${compact ? ' compact' : ''} fixed`;
  probe.style.visibility = 'hidden';
  const cell = probe.createTBody().insertRow().insertCell();
  cell.className = 'left';
  container.append(probe);
  try {
    const width = probe.getBoundingClientRect().width;
    const s = getComputedStyle(cell);
    const padding = parseFloat(s.paddingLeft) + parseFloat(s.paddingRight);
    const ctx = document.createElement('canvas').getContext('2d');
    if (!ctx || !(width > 0) || !Number.isFinite(padding)) return null;
    ctx.font = `${s.fontStyle} ${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
    ctx.fontKerning = 'normal';
    const room = pct.map((p) => (width * p) / 100 - padding - MARGIN_PX);
    return (text, column) => ctx.measureText(text).width <= (room[column] ?? 0);
  } finally {
    probe.remove();
  }
}

/**
 * A table of figures sized by its content (Table.figures, auto layout: each column as wide as its
 * widest figure, in whatever font the machine has) is set one step smaller (report.css .denser)
 * where even so it is wider than its container: a table wider than the page makes Chromium shrink
 * every printed page to fit. An eight-column plan-year table whose figures run to "$1,234,567,890"
 * needs it on A4 in DejaVu Sans.
 */
export function fitFigureTables(root: ParentNode): void {
  for (const t of Array.from(root.querySelectorAll<HTMLTableElement>('table.rt.figures'))) {
    // its narrowest layout against the room, in fractional px, with 1 % to spare: the print lays
    // text out slightly wider than the screen (an A4 table of "$997,937,007" that fit on screen by
    // 0.1 px printed its figures 1.4 pt into the cells' padding)
    const room = t.parentElement?.getBoundingClientRect().width ?? Infinity;
    const width = t.style.width;
    t.style.width = 'min-content';
    const need = t.getBoundingClientRect().width;
    t.style.width = width;
    if (need > room * 0.99) t.classList.add('denser');
  }
}

/**
 * A heading word that may break at a soft hyphen (report-table.ts: headingHtml) and is printed
 * whole, with 2 % of its column to spare, loses the soft hyphen: Chromium keeps an unbroken one in
 * the PDF's text, where pdftotext read "(UNDISCOUNTED)" back as "(UNDIS­C OUNTED)". Its column
 * is already as wide as the whole word, so the table cannot widen. Run after fitFigureTables.
 */
export function wholeHeadingWords(root: ParentNode): void {
  for (const word of Array.from(root.querySelectorAll<HTMLElement>('table.rt th .word'))) {
    const th = word.closest('th');
    const text = word.firstChild;
    if (!th || !text) continue;
    const range = document.createRange();
    range.selectNodeContents(word);
    const s = getComputedStyle(th);
    const room = th.getBoundingClientRect().width - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
    if (range.getClientRects().length === 1 && word.getBoundingClientRect().width <= room * 0.98) word.textContent = (word.textContent ?? '').replaceAll('\u00AD', '');
  }
}
