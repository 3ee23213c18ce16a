// A Compare cell's difference agrees with the two figures it sits between, as they are written.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareDiff, compareValueText } from './compare-format.ts';
import type { CompareRow } from './compare.ts';

/** the number a figure is written as ("$1,234.50 /M tok" → 1234.5, "−3.5%" → −3.5) */
const figure = (text: string): number => Number(text.replace(/−/g, '-').replace(/[^0-9.\-]/g, ''));

describe('compareDiff', () => {
  it('differences the figures as shown: $2.40 beside $2.84 is +$0.44 (the raw values differ by $0.43)', () => {
    const ref = 2.404;
    const v = 2.8359;
    expect(compareValueText('usd_per_m', ref)).toBe('$2.40 /M tok');
    expect(compareValueText('usd_per_m', v)).toBe('$2.84 /M tok');
    expect(compareDiff('usd_per_m', v, ref)).toEqual({ sign: 1, text: '+$0.44', pctText: '18.3%' });
    expect(compareDiff('usd_per_m', ref, v)).toEqual({ sign: -1, text: '−$0.44', pctText: '15.5%' });
  });

  it('whole dollars, counts and shares in points at the figures\' precision', () => {
    // $1,234 and $1,501: +$267 (raw 266.2)
    expect(compareDiff('usd', 1500.6, 1234.4)).toMatchObject({ text: '+$267' });
    expect(compareDiff('count', 2.6, 1.4)).toMatchObject({ text: '+2' });
    // 12.3% and 45.7%: +33.4 pp (raw 33.3), no percent of a percent
    expect(compareDiff('share', 0.45651, 0.12349)).toEqual({ sign: 1, text: '+33.4 pp', pctText: null });
  });

  it('kW written with more decimals under 100 kW: 100 kW beside 95.56 kW is +4.44 kW', () => {
    expect(compareValueText('kw', 100.4)).toBe('100 kW');
    expect(compareValueText('kw', 95.555)).toBe('95.56 kW');
    expect(compareDiff('kw', 100.4, 95.555)).toMatchObject({ text: '+4.44 kW' });
    expect(compareDiff('kw', 200.4, 95.555)).toMatchObject({ text: '+104.44 kW' });
  });

  it('figures that read the same are the same (null), whatever the raw values below their precision', () => {
    expect(compareDiff('usd_per_m', 2.404, 2.401)).toBeNull();
    expect(compareDiff('usd', 1000.4, 999.6)).toBeNull();
    expect(compareDiff('usd', 5, 5)).toBeNull();
  });

  it('no percentage of a reference written as 0', () => {
    expect(compareDiff('usd', 240000, 0)).toEqual({ sign: 1, text: '+$240,000', pctText: null });
    expect(compareDiff('usd', 240000, 0.3)).toMatchObject({ pctText: null });
  });

  it('always equals the difference of the written figures (property)', () => {
    const units: CompareRow['unit'][] = ['usd', 'usd_per_m', 'kw', 'racks', 'count', 'share'];
    const value = fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: 0, max: 200, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }));
    fc.assert(
      fc.property(fc.constantFrom(...units), value, value, (unit, v, ref) => {
        const d = compareDiff(unit, v, ref);
        const want = figure(compareValueText(unit, v)) - figure(compareValueText(unit, ref));
        if (d == null) return Math.abs(want) < 1e-9;
        return Math.abs(d.sign * Math.abs(figure(d.text)) - want) < 1e-6 * Math.max(1, Math.abs(want));
      }),
      { numRuns: 2000 },
    );
  });
});
