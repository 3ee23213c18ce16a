// File > Export PDF… in the desktop app: a hidden, locked-down window loads the report page
// (report.html, same preload and IPC allowlist as the main window), waits until it says it is
// ready, and prints it with Chromium's printToPDF (the page prints its own footer, "Page X of Y",
// in its @page margin boxes) to a temporary file
// renamed into place: never a half-written PDF.
import { BrowserWindow, type WebPreferences } from 'electron';
import { contentsMismatches, pdfAnchorPages } from '../backend/report.ts';
import { writeFileAtomic } from '../backend/atomic-file.ts';

export type ReportPrintOptions = {
  /** the report page, e.g. app://fleetplan/report.html?page=A4&print=1 */
  url: string;
  webPreferences: WebPreferences;
  pageSize: 'A4' | 'Letter';
  out: string;
  timeoutMs?: number;
};

const MM = 1 / 25.4; // printToPDF margins are in inches; the report's layout is in mm
const MARGINS = { top: 16 * MM, bottom: 20 * MM, left: 16 * MM, right: 16 * MM };

export async function printReportToPdf(opts: ReportPrintOptions): Promise<{ bytes: number }> {
  const printer = new BrowserWindow({ show: false, width: 900, height: 1200, webPreferences: opts.webPreferences });
  try {
    await printer.loadURL(opts.url);
    const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
    for (;;) {
      const state = (await printer.webContents.executeJavaScript(
        '({ ready: document.body.dataset.ready === "1", error: document.body.dataset.error || null })',
      )) as { ready: boolean; error: string | null };
      if (state.error) throw new Error(state.error);
      if (state.ready) {
        const print = () =>
          printer.webContents.printToPDF({
            pageSize: opts.pageSize,
            printBackground: true,
            margins: MARGINS,
          });
        // one print, as the headless printer does: the page numbered its contents before it said
        // ready; print again only if a section landed on another page than the number shown
        let pdf = await print();
        const printed = pdfAnchorPages(pdf);
        const shown = JSON.parse(((await printer.webContents.executeJavaScript('document.body.dataset.pages || "{}"')) as string) || '{}') as Record<string, number>;
        if (contentsMismatches(printed, shown).length > 0) {
          await printer.webContents.executeJavaScript(
            `document.body.dispatchEvent(new CustomEvent('report-pages', { detail: ${JSON.stringify(printed)} }))`,
          );
          while ((await printer.webContents.executeJavaScript('document.body.dataset.paged === "1"')) !== true) {
            if (Date.now() > deadline) throw new Error('the report did not finish rendering in time');
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
          pdf = await print();
        }
        writeFileAtomic(opts.out, pdf);
        return { bytes: pdf.length };
      }
      if (Date.now() > deadline) throw new Error('the report did not finish rendering in time');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    printer.destroy();
  }
}
