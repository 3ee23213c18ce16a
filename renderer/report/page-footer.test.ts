// The footer's CSS: plan text cannot end the string or the rule it sits in, and pages are numbered.
import { describe, expect, it } from 'vitest';
import { cssString, footerCss } from './page-footer.ts';

/** Reads a CSS string literal back as a CSS parser would (hex escapes end at one optional space). */
function unescapeCss(lit: string): string {
  expect(lit.startsWith('"') && lit.endsWith('"')).toBe(true);
  const body = lit.slice(1, -1);
  expect(body).not.toMatch(/["'<>\n\r]/);
  return body.replace(/\\([0-9a-f]{1,6}) ?/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)));
}

describe('page footer', () => {
  it('a CSS string holds any plan name exactly, with nothing that could close it or the style', () => {
    for (const s of ['plan · scenario Base · 5 December 2026', `a"b'c\\d`, '</style><script>x</script>', 'two\nlines\r\f', 'a\\22 b', 'x 2 y']) {
      expect(unescapeCss(cssString(s))).toBe(s);
    }
  });

  it('prints the left text and "Page N of M" in the bottom margin boxes', () => {
    const css = footerCss('fleet "Q3" · scenario Base');
    expect(css).toMatch(/^@page \{ @bottom-left \{ content: "fleet \\22 Q3\\22  · scenario Base";/);
    expect(css).toContain('@bottom-right { content: "Page " counter(page) " of " counter(pages);');
    // balanced braces: the text cannot end the rule early
    expect(css.split('{').length).toBe(css.split('}').length);
  });
});
