// The page each section of the report will be printed on, found before printing: the document is
// laid out once in columns exactly the size of the printed page's content area, so Chromium's own
// fragmentation engine (the one that paginates a print: same break rules, kept-together blocks)
// places every block, and column N is page N. Two differences from a print are made up for here:
// Chromium prints a document wider than the page by laying it out on a proportionally larger page
// and shrinking it to fit (the columns follow suit), and it repeats a table's header on each page
// only when printing (a spacer row as tall as the header opens each continued column instead).
// The PDF generators read the printed pages back and print again only if a number came out
// different, so a contents number is never wrong, only slower to get.

/** Chromium's largest print shrink (kPrintingMaximumShrinkFactor / kPrintingMinimumShrinkFactor) */
const MAX_SHRINK = 1.5;

/**
 * Lays the report out in page-sized columns (class `paginate` on the element holding `doc`, see
 * report.css) and returns the 1-based column each element of `ids` starts in. `doc`'s width is the
 * printable width, and its --page-h the printable height. The normal layout is restored.
 */
export function measurePages(doc: HTMLElement, ids: readonly string[]): Record<string, number> {
  const pages = startPages(doc);
  try {
    return pages.measure(ids);
  } finally {
    pages.end();
  }
}

/**
 * The columns of measurePages, set up now and measured later: what is added to `doc` in between
 * is laid out in columns only, never in the normal flow first (a page only printed skips a full
 * layout of its long tables that way). Content added in between must not be wider than the page
 * (the print's shrink is read from what is there at the start); should it be, the printed pages
 * differ from the measured ones and the PDF generators print again with the printed numbers.
 */
export function startPages(doc: HTMLElement): { measure(ids: readonly string[]): Record<string, number>; end(): void } {
  const frame = doc.parentElement;
  if (!frame) return { measure: () => ({}), end: () => {} };
  frame.classList.add('paginate');
  const end = () => {
    for (const spacer of Array.from(frame.querySelectorAll('tr.head-room'))) spacer.remove();
    frame.classList.remove('paginate');
    frame.removeAttribute('style');
  };
  let width = 0;
  let height = 0;
  try {
    const probe = document.createElement('div');
    probe.style.height = 'var(--page-h)';
    doc.append(probe);
    const pageHeight = probe.getBoundingClientRect().height;
    probe.remove();
    const pageWidth = doc.getBoundingClientRect().width;
    frame.style.width = `${pageWidth}px`;
    // what sticks out of the page widens the page Chromium lays the print out on
    const wide = frame.scrollWidth;
    const scale = wide > pageWidth ? Math.min(wide, pageWidth * MAX_SHRINK) / pageWidth : 1;
    width = pageWidth * scale;
    height = pageHeight * scale;
    Object.assign(frame.style, { width: `${width}px`, height: `${height}px`, columnWidth: `${width}px`, columnGap: '0', columnFill: 'auto' });
  } catch (e) {
    end();
    throw e;
  }
  return {
    measure: (ids) => {
      const origin = frame.getBoundingClientRect();
      const column = (r: DOMRect) => Math.floor((r.left - origin.left + 0.5) / width);
      for (const table of Array.from(doc.querySelectorAll('table'))) repeatHeader(table, column, origin.top, height);
      const out: Record<string, number> = {};
      for (const id of ids) {
        const el = doc.querySelector<HTMLElement>(`#${CSS.escape(id)}`);
        // a block split across columns has one rectangle per column: the first is where it starts
        const first = el?.getClientRects()[0];
        if (first) out[id] = column(first) + 1;
      }
      return out;
    },
    end,
  };
}

/**
 * A table running over several columns: rows never split (report.css), so each column it continues
 * in holds the header's height less of rows in print. Puts a header-tall spacer row, with a forced
 * column break, before each row that opens a printed page.
 */
function repeatHeader(table: HTMLTableElement, column: (r: DOMRect) => number, top: number, height: number): void {
  const head = table.tHead;
  const rows = [...Array.from(table.tBodies).flatMap((b) => Array.from(b.rows)), ...Array.from(table.tFoot?.rows ?? [])];
  if (!head || rows.length < 2) return;
  const rects = rows.map((r) => r.getBoundingClientRect());
  if (column(rects[0]!) === column(rects[rects.length - 1]!)) return;
  const headHeight = head.getBoundingClientRect().height;
  let y = rects[0]!.top - top;
  rows.forEach((row, i) => {
    const h = rects[i]!.height;
    if (i > 0 && y + h > height + 0.5) {
      const spacer = document.createElement('tr');
      spacer.className = 'head-room';
      const cell = spacer.insertCell();
      cell.colSpan = Math.max(1, head.rows[0]?.cells.length ?? 1);
      cell.style.height = `${headHeight}px`;
      row.before(spacer);
      y = headHeight;
    }
    y += h;
  });
}
