import { describe, expect, it } from 'vitest';
import { readShare } from './share.ts';

describe('readShare', () => {
  it('reads a fraction as is and a percent (with % or above 1) as a percent', () => {
    expect(readShare('0.8')).toBe(0.8);
    expect(readShare('80')).toBe(0.8);
    expect(readShare('80%')).toBe(0.8);
    expect(readShare('0.5 %')).toBe(0.005);
    expect(readShare('1')).toBe(1);
    expect(readShare('100')).toBe(1);
    expect(readShare('abc')).toBeNull();
    expect(readShare('')).toBeNull();
  });
});
