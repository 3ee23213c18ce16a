// The headless printer's browser (report-browser.ts): a page given at launch is evaluated and
// printed, its uncaught errors are reported, its temporary profile goes with it, and a browser
// that cannot start says so; renderReportPdf names a page file the server could not serve.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { launchHeadless } from './report-browser.ts';
import { CHROMIUM_ARGS, findChromium, renderReportPdf } from './report.ts';
import type { Dispatch } from './dispatch.ts';
import { tempDir } from './test-helpers.ts';

let chromium: string | null = null;
try {
  chromium = findChromium();
} catch (e) {
  console.warn(`[report-browser.test] skipped: ${(e as Error).message}`);
}
const html = (body: string) => `data:text/html,${encodeURIComponent(`<!doctype html><body>${body}</body>`)}`;

describe('launchHeadless', () => {
  it('an executable that cannot start fails the page with the reason, and closing cleans up', async () => {
    const b = launchHeadless('/nonexistent/chromium', html('x'), { args: [], width: 400, height: 300 });
    expect(fs.existsSync(b.profileDir)).toBe(true);
    await expect(b.page).rejects.toThrow(/Chromium \(\/nonexistent\/chromium\) could not be started/);
    await b.close();
    expect(fs.existsSync(b.profileDir)).toBe(false);
  });

  it.skipIf(!chromium)('opens the page given at launch, evaluates, prints, reports uncaught errors, and removes its profile', async () => {
    const b = launchHeadless(chromium!, html('<p id="p">hello</p>'), { args: CHROMIUM_ARGS, width: 640, height: 480 });
    const errors: string[] = [];
    b.onPageError((m) => errors.push(m));
    try {
      const page = await b.page;
      // until the page given at launch has loaded: on a busy machine an evaluation may still meet the
      // blank page before it (read as '' at load ~10), so wait for the text itself, up to 20 s
      let text: string | null = null;
      for (let i = 0; i < 800 && text !== 'hello'; i++) {
        text = await page.evaluate<string | null>(`document.getElementById('p')?.textContent ?? null`).catch(() => null);
        if (text !== 'hello') await new Promise((r) => setTimeout(r, 25));
      }
      expect(text).toBe('hello');
      expect(await page.evaluate<number>('innerWidth')).toBe(640);
      const pdf = await page.printToPdf({ paperWidth: 8.5, paperHeight: 11, generateTaggedPDF: false });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      await page.evaluate(`setTimeout(() => { throw new Error('boom in the page'); })`);
      for (let i = 0; i < 800 && errors.length === 0; i++) await new Promise((r) => setTimeout(r, 25));
      expect(errors[0]).toMatch(/boom in the page/);
    } finally {
      await b.close();
    }
    expect(fs.existsSync(b.profileDir)).toBe(false);
  }, 60_000);
});

describe.skipIf(!chromium)('renderReportPdf and the page files', () => {
  const built = fileURLToPath(new URL('../../out/renderer/', import.meta.url));
  it.skipIf(!fs.existsSync(path.join(built, 'report.html')))('names a script of the page the server could not serve', async () => {
    const dir = tempDir('fleetplan-report-browser-');
    const staticDir = path.join(dir, 'renderer');
    fs.cpSync(built, staticDir, { recursive: true });
    const page = fs.readFileSync(path.join(staticDir, 'report.html'), 'utf8');
    const script = /src="\.?\/?(assets\/[^"]+\.js)"/.exec(page)?.[1];
    expect(script).toBeTruthy();
    fs.rmSync(path.join(staticDir, script!));
    const dispatch = (() => Promise.resolve({ ok: false, error: { code: 'internal', message: 'not used' } })) as unknown as Dispatch;
    const model = () => new Promise<never>(() => {}); // the page never gets as far as its data
    try {
      await expect(renderReportPdf({ dispatch, model, pageSize: 'A4', staticDir, timeoutMs: 30_000 })).rejects.toThrow(
        new RegExp(`could not load /${script!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(HTTP 404\\): rebuild the renderer`),
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
