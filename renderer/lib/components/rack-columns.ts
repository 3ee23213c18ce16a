// Which racks a site's elevation draws: every rack position (racks in use, then the empty ones),
// and, when only `max` positions fit, a pick that shows every rack type in use before a second rack
// of any type and racks in use before empty ones. The first six racks of a site were once its six
// SambaNova racks, hiding both B200 racks the plan uses.
import type { RackLayout } from '../../../core/types.ts';

/** index: the rack's number at the site, from 0; a tall unit spans `span` racks from it. */
export type RackColumn =
  | { kind: 'rack'; index: number; layout: RackLayout }
  | { kind: 'tall'; index: number; span: number; layout: RackLayout }
  | { kind: 'empty'; index: number };

/** A drawn column and its position in the drawing (from 0), which skips the racks not drawn. */
export type DrawnColumn = RackColumn & { pos: number };

export type RackPick = {
  shown: DrawnColumn[];
  /** rack positions drawn */
  positions: number;
  /** racks in use, and empty racks, not drawn */
  hiddenUsed: number;
  hiddenEmpty: number;
  /** true when the racks drawn are not the first `positions` of the site (a rack type was brought forward) */
  reordered: boolean;
};

const width = (c: RackColumn) => (c.kind === 'tall' ? c.span : 1);

/** Every rack position of a site: its racks in use in the plan's order, then its empty racks. */
export function rackColumns(racks: readonly RackLayout[], racksUsed: number, siteRacks: number): RackColumn[] {
  const cols: RackColumn[] = [];
  let n = 0;
  for (const layout of racks) {
    const span = layout.spans ?? 1;
    cols.push(span > 1 ? { kind: 'tall', index: n, span, layout } : { kind: 'rack', index: n, layout });
    n += span;
  }
  const used = Math.max(n, racksUsed);
  for (let i = used; i < siteRacks; i++) cols.push({ kind: 'empty', index: i });
  return cols;
}

/** What a rack holds, as one type: its system and the models of its units. */
function typeOf(c: RackColumn): string {
  if (c.kind === 'empty') return '';
  return `${c.layout.option}\u0000${[...new Set(c.layout.units.map((u) => u.model))].sort().join('\u0000')}`;
}

/**
 * The columns drawn within `max` rack positions: all of them when they fit; otherwise one rack of
 * each type in use (in site order), then the other racks in use, then empty racks, as far as they
 * fit; drawn in site order. `unlisted`: racks counted in use that the layout does not list (hidden).
 */
export function pickRacks(cols: readonly RackColumn[], max: number, unlisted = 0): RackPick {
  const inUse = cols.filter((c) => c.kind !== 'empty');
  const empty = cols.filter((c) => c.kind === 'empty');
  // one pass per list, no spread: a site may have up to 1,000,000 racks (a push of that many
  // arguments overflows the stack) and a plan hundreds of thousands in use (a search of `order`
  // for each would be quadratic)
  const order: RackColumn[] = [];
  const firsts = new Set<RackColumn>();
  const seen = new Set<string>();
  for (const c of inUse) { const t = typeOf(c); if (!seen.has(t)) { seen.add(t); firsts.add(c); order.push(c); } }
  for (const c of inUse) if (!firsts.has(c)) order.push(c);
  for (const c of empty) order.push(c);
  const picked = new Set<RackColumn>();
  let positions = 0;
  for (const c of order) {
    if (positions + width(c) > max) continue;
    picked.add(c);
    positions += width(c);
  }
  const shown: DrawnColumn[] = [];
  let pos = 0;
  for (const c of cols) {
    if (!picked.has(c)) continue;
    shown.push({ ...c, pos });
    pos += width(c);
  }
  const hidden = (cs: readonly RackColumn[]) => cs.filter((c) => !picked.has(c)).reduce((n, c) => n + width(c), 0);
  let reordered = false;
  let next = 0;
  for (const c of shown) {
    if (c.index !== next) { reordered = true; break; }
    next += width(c);
  }
  return { shown, positions, hiddenUsed: hidden(inUse) + unlisted, hiddenEmpty: hidden(empty), reordered };
}
