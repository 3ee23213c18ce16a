// The font warm-up's choice of samples: every size and weight the style sheets name, resolved to
// px the way the page would (rem from the root, em and % from the body text), and nothing else.
import { describe, expect, it } from 'vitest';
import { fontSamples, sizePx, type FontBase, type FontDecl } from './font-warmup.ts';

const BASE: FontBase = { rootPx: 16, bodyPx: 13, family: 'system-ui, sans-serif' };
const decl = (d: Partial<FontDecl>): FontDecl => ({ fontSize: '', fontWeight: '', fontStyle: '', fontFamily: '', ...d });

describe('sizePx', () => {
  it('converts absolute units and resolves relative ones against the base', () => {
    expect(sizePx('12px', BASE)).toBe(12);
    expect(sizePx('9pt', BASE)).toBe(12);
    expect(sizePx('1.5rem', BASE)).toBe(24);
    expect(sizePx('2em', BASE)).toBe(26);
    expect(sizePx('50%', BASE)).toBe(6.5);
  });
  it('leaves what depends on the context alone', () => {
    for (const v of ['smaller', 'inherit', 'var(--x)', 'calc(1em + 2px)', '']) expect(sizePx(v, BASE)).toBeNull();
  });
});

describe('fontSamples', () => {
  it('covers every size in every weight, with the body size and regular and bold always in', () => {
    const samples = fontSamples([decl({ fontSize: '11px', fontWeight: '600' }), decl({ fontSize: '0.5rem' }), decl({ fontWeight: 'bold' })], BASE);
    const keys = samples.map((s) => `${s.size} ${s.weight}`);
    expect(keys).toEqual(['8px 400', '8px 600', '8px 700', '11px 400', '11px 600', '11px 700', '13px 400', '13px 600', '13px 700']);
    expect(new Set(samples.map((s) => s.family))).toEqual(new Set([BASE.family]));
  });
  it('names each size once whatever unit wrote it, and skips sizes it cannot resolve', () => {
    const samples = fontSamples([decl({ fontSize: '9pt' }), decl({ fontSize: '12px' }), decl({ fontSize: 'larger' })], BASE);
    expect(samples.map((s) => s.size)).toEqual(['12px', '12px', '13px', '13px']);
  });
  it('adds italic and other families at the body size only', () => {
    const samples = fontSamples([decl({ fontStyle: 'italic' }), decl({ fontFamily: 'monospace' }), decl({ fontFamily: 'inherit' }), decl({ fontFamily: BASE.family })], BASE);
    expect(samples.filter((s) => s.style === 'italic')).toEqual([{ size: '13px', weight: '400', style: 'italic', family: BASE.family }]);
    expect(samples.filter((s) => s.family !== BASE.family)).toEqual([{ size: '13px', weight: '400', style: 'normal', family: 'monospace' }]);
  });
});
