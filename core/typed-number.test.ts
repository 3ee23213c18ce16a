import { describe, expect, it } from 'vitest';
import { dotLooksLikeThousands, readTypedNumber } from './typed-number.ts';

const value = (t: string) => {
  const r = readTypedNumber(t);
  return r?.ok ? r.value : r?.reason;
};

describe('readTypedNumber: one rule for every number a person types', () => {
  it('reads a decimal comma, a decimal point and grouped thousands', () => {
    expect(value('1,5')).toBe(1.5);
    expect(value('0,500')).toBe(0.5);
    expect(value('12,75')).toBe(12.75);
    expect(value('1234,567')).toBe(1234.567);
    expect(value(',5')).toBe(0.5);
    expect(value('1.5')).toBe(1.5);
    expect(value('1.500')).toBe(1.5);
    expect(value('1,500,000')).toBe(1_500_000);
    expect(value('1.500.000')).toBe(1_500_000);
    expect(value('1,234.5')).toBe(1234.5);
    expect(value('1.234,5')).toBe(1234.5);
    expect(value('1 234,5')).toBe(1234.5);
    expect(value('1\u00a0234.5')).toBe(1234.5);
    expect(value('1 500')).toBe(1500);
    expect(value('1_500_000')).toBe(1_500_000);
    expect(value("1'500")).toBe(1500);
    expect(value('$1,000,000')).toBe(1_000_000);
    expect(value('80 %')).toBe(80);
    expect(value('\u221220')).toBe(-20);
    expect(value('-1,5')).toBe(-1.5);
    expect(value('+3')).toBe(3);
    expect(value('1e3')).toBe(1000);
    expect(value('.5')).toBe(0.5);
    expect(value('  42 ')).toBe(42);
  });

  it('refuses a comma before three digits, naming both readings', () => {
    expect(value('1,500')).toMatch(/ambiguous.*type 1500 or 1\.5/);
    expect(value('12,000')).toMatch(/type 12000 or 12$/);
    expect(value('-1,250')).toMatch(/type -1250 or -1\.25/);
  });

  it('refuses wrong groups and things that are not numbers; empty is undefined', () => {
    for (const t of ['1,23,4', '1 5', '12,34,567', '1.2,5', '1 234.567,5', '1.234.5', '1..5']) expect(value(t)).toMatch(/group exactly three digits/);
    for (const t of ['abc', '0x10', 'Infinity', 'NaN', '1,', '1,5e3', '$', '%', '5 kW']) expect(value(t)).toBe('not a number');
    // too large to hold: refused, not read as Infinity
    for (const t of ['1e400', '-1e400']) expect(value(t)).toBe('too large a number');
    expect(readTypedNumber('')).toBeUndefined();
    expect(readTypedNumber('   ')).toBeUndefined();
  });
});

describe('dotLooksLikeThousands', () => {
  it('flags a dot before exactly three digits after one to three digits, nothing else', () => {
    for (const t of ['1.500', '12.000', ' 250.125 ', '-1.500']) expect(dotLooksLikeThousands(t)).toBe(true);
    for (const t of ['0.500', '1.5', '1.50', '1.5000', '1234.500', '1,500', '1.234.567']) expect(dotLooksLikeThousands(t)).toBe(false);
  });
});
