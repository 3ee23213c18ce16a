import { describe, expect, it } from 'vitest';
import { sourceParts } from './catalog-fields.ts';

describe('sourceParts', () => {
  it('makes each URL of a source its own link, keeping the words between them', () => {
    expect(sourceParts('https://www.cerebras.ai/a; https://example.com/b?x=1')).toEqual([
      { href: 'https://www.cerebras.ai/a', text: 'cerebras.ai' },
      { href: 'https://example.com/b?x=1', text: 'example.com' },
    ]);
    expect(sourceParts('Vendor quote 2026-03 (https://q.example/p), list price')).toEqual([
      { href: null, text: 'Vendor quote 2026-03 (' },
      { href: 'https://q.example/p', text: 'q.example' },
      { href: null, text: '), list price' },
    ]);
    expect(sourceParts('our estimate')).toEqual([{ href: null, text: 'our estimate' }]);
    expect(sourceParts('https://a.example/x')).toEqual([{ href: 'https://a.example/x', text: 'a.example' }]);
  });
});
