// The printed page's footer as CSS page margin boxes: the document's name, scenario and date on
// the left, "Page N of M" on the right, laid out with the pages themselves. Chromium's own
// header/footer template (printToPDF's displayHeaderFooter) lays out and paints a separate small
// document for every page, which on a 60-page plan costs about as much as printing the charts;
// margin boxes cost nearly nothing. The left text is plan data, so it goes into a CSS string with
// every character that could end the string or the rule escaped.

/** A CSS string literal holding `s` exactly: quotes, backslashes, line breaks and < > escaped as code points. */
export function cssString(s: string): string {
  return `"${s.replace(/["'\\<>\n\r\f\u0000-\u001f\u007f]/g, (c) => `\\${c.codePointAt(0)!.toString(16)} `)}"`;
}

/** The @page rule that prints `left` at the bottom left of every page and the page number at the bottom right. */
export function footerCss(left: string): string {
  const box = "font-family: 'Liberation Sans', 'Helvetica Neue', Arial, sans-serif; font-size: 7.5pt; color: #6b7685; vertical-align: middle;";
  return (
    `@page { @bottom-left { content: ${cssString(left)}; ${box} } ` +
    `@bottom-right { content: "Page " counter(page) " of " counter(pages); ${box} } }`
  );
}
