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
