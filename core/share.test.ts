import { describe, expect, it } from 'vitest';
import { readShare } from './share.ts';

const share = (t: string) => {
  const r = readShare(t);
  return r?.ok ? r.value : r?.reason;
};

describe('readShare', () => {
  it('reads a fraction as is and a percent (with %, or a bare 10 and above) as a percent', () => {
    expect(share('0.8')).toBe(0.8);
    expect(share('0,8')).toBe(0.8);
    expect(share('80')).toBe(0.8);
    expect(share('80%')).toBe(0.8);
    expect(share('0.5 %')).toBe(0.005);
    expect(share('2%')).toBe(0.02);
    expect(share('1')).toBe(1);
    expect(share('100')).toBe(1);
    expect(share('10')).toBe(0.1);
    expect(readShare('')).toBeUndefined();
  });

  it('refuses a bare value between 1 and 10 (2 is not 2 %) and what is not a number', () => {
    for (const t of ['2', '1.2', '9.5', '5']) expect(share(t)).toMatch(/is above 1, the largest share.*0\.8.*%/);
    expect(share('abc')).toBe('not a number');
    expect(share('0x1')).toBe('not a number');
  });
});
