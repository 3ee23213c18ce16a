// The LP point's rounding is polished only near the incumbent (solve.ts ROUND_POLISH_SHARE, worthPolishing).
import { describe, expect, it } from 'vitest';
import { ROUND_POLISH_SHARE, worthPolishing } from './solve.ts';

describe('worthPolishing', () => {
  it('a rounding cheaper than the incumbent, or dearer by at most ROUND_POLISH_SHARE, is polished; one dearer still is not', () => {
    const inc = 2_710e6;
    expect(worthPolishing(2_600e6, inc)).toBe(true);
    expect(worthPolishing(inc, inc)).toBe(true);
    expect(worthPolishing(inc * (1 + ROUND_POLISH_SHARE), inc)).toBe(true);
    expect(worthPolishing(inc * (1 + ROUND_POLISH_SHARE) * 1.001, inc)).toBe(false);
    // hard 1,000 × 3: the point after two cut rounds rounded, against the packed plan
    expect(worthPolishing(3_780e6, inc)).toBe(false);
  });
  it('with no plan in hand every rounding is polished', () => {
    expect(worthPolishing(24_700e6, Infinity)).toBe(true);
  });
});
