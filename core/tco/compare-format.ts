// The words of a Compare cell: a metric's value as shown, and its difference from the reference
// scenario computed from the two figures as shown (rounded as they are written), so the difference
// always agrees with them: "$2.40" beside "$2.84" reads "+$0.44", never "+$0.43" from the raw values.
import { formatDecimal, formatKw, formatMoney, formatNumber, formatRatioPct, formatUsdPerMTok, kwDecimals } from '../format.ts';
import type { CompareRow } from './compare.ts';

type Unit = CompareRow['unit'];

/** A row's value as Compare writes it. */
export function compareValueText(unit: Unit, v: number | null): string {
  if (v == null) return '—';
  switch (unit) {
    case 'usd':
      return formatMoney(v);
    case 'usd_per_m':
      return formatUsdPerMTok(v);
    case 'kw':
      return formatKw(v);
    case 'racks':
    case 'count':
      return formatNumber(v);
    case 'share':
      return formatRatioPct(v, 1);
  }
}

/**
 * The figure a value is written as, in the unit it is written in (a share in percent) and the
 * decimals it is written with: what compareValueText rounds to (kW: format.ts kwDecimals).
 */
function shown(unit: Unit, v: number): { value: number; decimals: number } {
  const [x, decimals] = ((): [number, number] => {
    switch (unit) {
      case 'usd':
      case 'racks':
      case 'count':
        return [v, 0];
      case 'usd_per_m':
        return [v, 2];
      case 'kw':
        return [v, kwDecimals(v)];
      case 'share':
        return [v * 100, 1];
    }
  })();
  return { value: roundTo(x, decimals), decimals };
}

/** Half away from zero on the value's decimal digits, as Intl.NumberFormat writes it. */
function roundTo(x: number, decimals: number): number {
  const r = Number(Math.abs(x).toFixed(decimals));
  return x < 0 ? -r : r;
}

export type ShownDiff = {
  /** up (+1) or down (−1) from the reference */
  sign: 1 | -1;
  /** "+$0.44", "−2.5 pp", "+4.44 kW" */
  text: string;
  /** the difference as a share of the reference's figure, in percent ("18.3"), null when that figure is 0 (or for a share, whose difference is in points already) */
  pctText: string | null;
};

/**
 * The difference of `v` from the reference `ref` as the two figures are written; null when they
 * read the same (the raw values may still differ below the figures' precision).
 */
export function compareDiff(unit: Unit, v: number, ref: number): ShownDiff | null {
  const a = shown(unit, v);
  const b = shown(unit, ref);
  // the difference of two figures of d and e decimals has at most max(d, e) decimals: exact at that precision
  const decimals = Math.max(a.decimals, b.decimals);
  const d = roundTo(a.value - b.value, decimals);
  if (d === 0) return null;
  const abs = Math.abs(d);
  const sign = d > 0 ? '+' : '−';
  const body = ((): string => {
    switch (unit) {
      case 'usd':
      case 'usd_per_m':
        return formatMoney(abs, decimals);
      case 'kw':
        return `${formatDecimal(abs, decimals)} kW`;
      case 'racks':
      case 'count':
        return formatNumber(abs);
      case 'share':
        return `${formatDecimal(abs, decimals)} pp`;
    }
  })();
  const pctText = unit === 'share' || b.value === 0 ? null : `${formatDecimal((100 * abs) / Math.abs(b.value), 1)}%`;
  return { sign: d > 0 ? 1 : -1, text: sign + body, pctText };
}
