// The report table as one HTML string: cells escaped, names breakable only where breakParts says
// (and, in a fixed layout, only names the page says do not fit), group and tone rows, the fixed
// layout only when every column has a width.
import { describe, expect, it } from 'vitest';
import type { Table } from '../../core/report/model.ts';
import { tableHtml } from './report-table.ts';

const table: Table = {
  columns: [{ label: 'Workload', width: '40%' }, { label: 'Model <id>', width: '30%', id: true }, { label: 'Cost', align: 'right', width: '30%' }],
  rows: [
    { cells: ['Premium'], group: true, tier: 'premium' },
    { cells: ['hq-server_room.eu', 'llama-3.3-70b|x', '$1,000'], tier: 'premium' },
    { cells: ['a & "b"', '<script>', "it's"], tone: 'muted' },
  ],
  foot: ['Total', '', '$1,000'],
};

describe('tableHtml', () => {
  const html = tableHtml(table, { compact: true, caption: 'Cost & use' });

  it('escapes every cell, label and caption', () => {
    expect(html).toContain('<caption>Cost &amp; use</caption>');
    expect(html).toContain('>Model &lt;id&gt;</th>');
    expect(html).toContain('>a &amp; &quot;b&quot;</td>');
    expect(html).toContain('>&lt;script&gt;</td>');
    expect(html).toContain('>it&#39;s</td>');
    expect(html).not.toContain('<script>');
  });

  it('lets names and identifier cells wrap only after - _ . | and keeps other cells whole', () => {
    expect(html).toContain('hq-<wbr>server_<wbr>room.<wbr>eu</td>');
    // a model list wraps after its "|" (and its hyphens), never inside "3.3"
    expect(html).toContain('<td class="left id">llama-<wbr>3.3-<wbr>70b|<wbr>x</td>');
    expect(html).toContain("<td class=\"right\">it&#39;s</td>");
    expect(html.replace(/<[^>]+>/g, '')).toContain('hq-server_room.eu');
  });

  it('marks group, tier, tone and alignment; a fixed layout only when every column has a width', () => {
    expect(html).toMatch(/^<table class="rt compact fixed">/);
    expect(html).toContain('<tr class="group premium"><td colspan="3"><span class="tier-dot premium"></span>Premium</td></tr>');
    expect(html).toContain('<tr class="muted">');
    expect(html).toContain('<th class="right" style="width: 30%">Cost</th>');
    expect(html).toContain('<tfoot><tr><td class="left">Total</td><td class="left"></td><td class="right">$1,000</td></tr></tfoot>');
    expect(tableHtml({ ...table, columns: table.columns.map(({ width: _w, ...c }) => c) })).toMatch(/^<table class="rt">/);
  });

  it('writes a name without break hints where the page says it fits its column, in fixed-layout tables only', () => {
    const asked: [string, number][] = [];
    const fits = (text: string, column: number) => (asked.push([text, column]), text !== 'llama-3.3-70b|x');
    const plain = { ...table, rows: [...table.rows, { cells: ['edge-agent-0041', 'llama-3.1-8b', '$5'] }] };
    const html = tableHtml(plain, { fits });
    expect(html).toContain('<td class="left">edge-agent-0041</td><td class="left id">llama-3.1-8b</td>');
    // one it says does not fit, a name after a tier dot and a group row keep their hints
    expect(html).toContain('<td class="left id">llama-<wbr>3.3-<wbr>70b|<wbr>x</td>');
    expect(html).toContain('<span class="tier-dot premium"></span>hq-<wbr>server_<wbr>room.<wbr>eu</td>');
    expect(html).toContain('<span class="tier-dot premium"></span>Premium</td>');
    expect(asked).toContainEqual(['edge-agent-0041', 0]);
    expect(asked).toContainEqual(['llama-3.1-8b', 1]);
    expect(asked.map(([, column]) => column)).not.toContain(2);
    const auto = { ...plain, columns: plain.columns.map(({ width: _w, ...c }) => c) };
    expect(tableHtml(auto, { fits })).toContain('<td class="left">edge-<wbr>agent-<wbr>0041</td>');
  });

  it('a dense table: its class, soft hyphens in its long heading words, a period\'s months kept on one line', () => {
    const years: Table = {
      columns: [{ label: 'Plan year', width: '17%' }, { label: 'Replacements', align: 'right', width: '41.5%' }, { label: 'Total (undiscounted)', align: 'right', width: '41.5%' }],
      rows: [{ cells: ['Year 1 May 2026 – Apr 2027', '$675,800', '$1,272,305'] }],
      foot: ['Horizon', '$675,800', '$1,272,305'],
      dense: true,
    };
    const html = tableHtml(years, { compact: true });
    expect(html).toMatch(/^<table class="rt compact fixed dense">/);
    // "REPLACEMENTS" and "(UNDISCOUNTED)" ran into the headings beside them in 18.7 mm columns;
    // each is a box of its own, so a column with the room puts it whole under "TOTAL" rather
    // than printing "TOTAL (UNDIS-" over "COUNTED)"
    expect(html).toContain('><span class="word">Replace&shy;ments</span></th>');
    expect(html).toContain('>Total <span class="word">(undis&shy;counted)</span></th>');
    // in a 17 % column the plan year wrapped as "Year 1 May 2026 – Apr" / "2027"
    expect(html).toContain('<td class="left">Year 1 <span class="nowrap">May 2026 – Apr 2027</span></td>');
    // measured as fitting: the same, without break hints around it
    expect(tableHtml(years, { fits: () => true })).toContain('<td class="left">Year 1 <span class="nowrap">May 2026 – Apr 2027</span></td>');
    expect(tableHtml({ ...years, rows: [{ cells: ['a-b May 2026 – Apr 2027 c-d', '', ''] }] })).toContain('>a-<wbr>b <span class="nowrap">May 2026 – Apr 2027</span> c-<wbr>d</td>');
    expect(html.replace(/<[^>]+>|&shy;/g, '')).toContain('Year 1 May 2026 – Apr 2027');
    expect(tableHtml(table)).not.toContain('dense');
    // a total of two figures may wrap after its "·", never inside a figure ("−" apart from "$58,790,000")
    expect(tableHtml({ ...years, foot: ['Total', '−$58,790,000 · $675,800', '$1'] })).toContain(
      '<td class="right pair"><span class="nowrap">−$58,790,000</span> · <span class="nowrap">$675,800</span></td><td class="right">$1</td>',
    );
  });

  it('a table of figures without widths: sized by content (auto layout), its class', () => {
    const years: Table = {
      columns: [{ label: 'Plan year' }, { label: 'Residual credit', align: 'right' }, { label: 'Total (undiscounted)', align: 'right' }],
      rows: [{ cells: ['Year 3 May 2028 – Apr 2029', '−$338,620,000', '$2,477,929,680'] }],
      figures: true,
      dense: true,
    };
    const out = tableHtml(years, { compact: true });
    expect(out).toMatch(/^<table class="rt compact dense figures">/);
    expect(out).toContain('<th class="right">Residual credit</th>');
    expect(out).toContain('<td class="right">−$338,620,000</td>');
  });

  it('has one body row per row of the table', () => {
    expect(html.match(/<tr/g)).toHaveLength(1 + table.rows.length + 1);
  });
});
