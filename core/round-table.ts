// Whole dollars for a table whose rows and columns both add up as shown (controlled rounding): each
// cell is its value rounded down or up, every row and column sums to its own total rounded down or
// up, and the whole table to its total rounded. Rounded each on its own, or by column alone, a plan
// year read $1,175,800 of capex and $269,727 of running costs beside a total of $1,445,526.
//
// Such a rounding always exists (the fractional table is a feasible flow in a network with whole
// bounds, so a whole flow exists too); it is found as a feasible circulation of least rounding error. Totals a
// caller wants fixed (a figure quoted elsewhere) are tried first and dropped when no table meets them;
// when all the columns (or rows) are fixed, the whole table sums to them.
import { DOLLARS, type MoneyUnit } from './format.ts';

/** A row or column total to hold exactly, or null to leave it free (its value rounded down or up). */
export type FixedTotals = readonly (number | null)[];

const EPS = 1e-6;

/**
 * `cells` rounded so that rows and columns add up, or null when the fixed totals cannot be met.
 * Without fixed totals there is always an answer.
 */
export function roundTableFixed(cells: readonly (readonly number[])[], rowTotals?: FixedTotals, colTotals?: FixedTotals): number[][] | null {
  const n = cells.length;
  const m = n ? cells[0]!.length : 0;
  // a value within EPS of a whole number is that number (float noise is not a fraction to round)
  const floors = cells.map((r) => r.map((v) => (Math.abs(v - Math.round(v)) < EPS ? Math.round(v) : Math.floor(v))));
  const frac = cells.map((r, i) => r.map((v, j) => Math.max(0, v - floors[i]![j]!)).map((f) => (f < EPS ? 0 : f)));
  const bounds = (sumFrac: number, floorSum: number, fixed: number | null | undefined, count: number): [number, number] | null => {
    if (fixed != null) {
      const want = Math.round(fixed) - floorSum;
      return want < 0 || want > count ? null : [want, want];
    }
    return [Math.floor(sumFrac + EPS), Math.ceil(sumFrac - EPS)];
  };
  // nodes: 0 source, 1 sink, rows, columns, then the circulation's own source and sink
  const S = 0, T = 1, row = (i: number) => 2 + i, col = (j: number) => 2 + n + j, SS = 2 + n + m, TT = SS + 1, N = TT + 1;
  const cap = Array.from({ length: N }, () => new Array<number>(N).fill(0));
  const excess = new Array<number>(N).fill(0);
  const edge = (u: number, v: number, lo: number, hi: number) => {
    cap[u]![v]! += hi - lo;
    excess[v]! += lo;
    excess[u]! -= lo;
  };
  let total = 0, floorTotal = 0;
  for (let i = 0; i < n; i++) {
    const fs = frac[i]!.reduce((a, f) => a + f, 0);
    const fl = floors[i]!.reduce((a, f) => a + f, 0);
    const b = bounds(fs, fl, rowTotals?.[i], frac[i]!.filter((f) => f > 0).length);
    if (!b) return null;
    edge(S, row(i), b[0], b[1]);
    for (let j = 0; j < m; j++) if (frac[i]![j]! > 0) edge(row(i), col(j), 0, 1);
    total += cells[i]!.reduce((a, v) => a + v, 0);
    floorTotal += fl;
  }
  for (let j = 0; j < m; j++) {
    const fs = frac.reduce((a, r) => a + r[j]!, 0);
    const fl = floors.reduce((a, r) => a + r[j]!, 0);
    const b = bounds(fs, fl, colTotals?.[j], frac.filter((r) => r[j]! > 0).length);
    if (!b) return null;
    edge(col(j), T, b[0], b[1]);
  }
  // the whole table sums to its fixed rows or columns when every one of them is fixed (a part of a
  // table rounded apart: its columns are another table's cells, which need not sum to this part's
  // own total rounded), else to its total rounded
  const allFixed = (t: FixedTotals | undefined, count: number) => (t && t.length === count && t.every((v) => v != null) ? t.reduce<number>((a, v) => a + Math.round(v!), 0) : null);
  const byRows = allFixed(rowTotals, n), byCols = allFixed(colTotals, m);
  if (byRows != null && byCols != null && byRows !== byCols) return null;
  const want = (byRows ?? byCols ?? Math.round(total)) - floorTotal;
  if (want < 0) return null;
  edge(T, S, want, want);
  let need = 0;
  for (let v = 0; v < SS; v++) {
    if (excess[v]! > 0) {
      cap[SS]![v] = excess[v]!;
      need += excess[v]!;
    } else if (excess[v]! < 0) cap[v]![TT] = -excess[v]!;
  }
  // min-cost flow by successive shortest paths (Bellman–Ford: a network of a few dozen nodes); rounding
  // a cell up costs 1 − 2 × its fraction, so of the roundings that add up the one nearest the values
  // is taken (a cell rounds to its nearest dollar unless the totals need it to go the other way)
  const cost = Array.from({ length: N }, () => new Array<number>(N).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      cost[row(i)]![col(j)] = 1 - 2 * frac[i]![j]!;
      cost[col(j)]![row(i)] = -(1 - 2 * frac[i]![j]!);
    }
  }
  const flow = Array.from({ length: N }, () => new Array<number>(N).fill(0));
  let got = 0;
  for (;;) {
    const dist = new Array<number>(N).fill(Infinity);
    const prev = new Array<number>(N).fill(-1);
    dist[SS] = 0;
    for (let round = 0; round < N; round++) {
      let changed = false;
      for (let u = 0; u < N; u++) {
        if (dist[u] === Infinity) continue;
        for (let v = 0; v < N; v++) {
          if (cap[u]![v]! - flow[u]![v]! > 0 && dist[u]! + cost[u]![v]! < dist[v]! - 1e-12) {
            dist[v] = dist[u]! + cost[u]![v]!;
            prev[v] = u;
            changed = true;
          }
        }
      }
      if (!changed) break;
    }
    if (prev[TT] === -1) break;
    let push = Infinity;
    for (let v = TT; v !== SS; v = prev[v]!) push = Math.min(push, cap[prev[v]!]![v]! - flow[prev[v]!]![v]!);
    for (let v = TT; v !== SS; v = prev[v]!) {
      flow[prev[v]!]![v]! += push;
      flow[v]![prev[v]!]! -= push;
    }
    got += push;
  }
  if (got < need) return null;
  return floors.map((r, i) => r.map((f, j) => f + (frac[i]![j]! > 0 && flow[row(i)]![col(j)]! > 0 ? 1 : 0) + 0));
}

/**
 * `cells` rounded so that rows and columns add up, holding the first set of fixed totals that can be
 * met (each attempt `[rowTotals, colTotals]`), else with every total free. Never throws: a report
 * must print even if no rounding were found.
 */
export function roundTable(cells: readonly (readonly number[])[], attempts: readonly (readonly [FixedTotals | undefined, FixedTotals | undefined])[] = []): number[][] {
  for (const [r, c] of attempts) {
    const t = roundTableFixed(cells, r, c);
    if (t) return t;
  }
  // always found in exact arithmetic; should float noise ever defeat it, each cell on its own
  return roundTableFixed(cells) ?? cells.map((r) => r.map((v) => Math.round(v) + 0));
}

/**
 * Of figures shown in whole dollars (each `[shown, exact]`), how many are rounded the other way from
 * their own nearest dollar, and the most any is off its exact figure. A figure halfway between two
 * dollars is at its nearest either way.
 */
export function roundedAway(pairs: Iterable<readonly [number, number]>): { count: number; maxOff: number } {
  let count = 0, maxOff = 0;
  for (const [shown, exact] of pairs) {
    const off = Math.abs(shown - exact);
    if (off > 0.5 + 1e-6) count++;
    maxOff = Math.max(maxOff, off);
  }
  return { count, maxOff };
}

/**
 * The line under a table in whole dollars that add up (`how`: "across and down", "to each period's
 * totals") saying how many of its figures are rounded the other way from their nearest dollar for
 * that, and by at most how much; null when none is, so a table with no such figure says nothing.
 */
export function roundingNote(r: { count: number; maxOff: number }, how: string, noun: readonly [string, string] = ['cell', 'cells'], unit: MoneyUnit = DOLLARS): string | null {
  if (r.count === 0) return null;
  // (`r` in the table's unit: thousands of dollars are "within $1k")
  const within = `$${Math.max(1, Math.ceil(r.maxOff - 1e-6))}${unit.suffix}`;
  const whole = unit.usd === 1 ? 'Whole dollars' : `Whole ${unit.name}s of dollars`;
  return r.count === 1
    ? `${whole} that add up ${how}: one ${noun[0]} is rounded the other way from its nearest ${unit.name} for that, within ${within} of the exact figure.`
    : `${whole} that add up ${how}: ${r.count} ${noun[1]} are rounded the other way from their nearest ${unit.name} for that, each within ${within} of the exact figure.`;
}
