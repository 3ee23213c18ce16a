// Screenshot docs/screenshot.png (written there only under `npm run screenshots`, so `npm test` leaves
// committed files alone): the main window on the Workloads view at 1400×900 (plus catalog and
// dark-theme shots under test-results for review). Asserts only that the view rendered rows.
import { expect, test } from './support/fixtures.ts';
import { docShot } from './support/doc-shot.ts';

test.use({ viewport: { width: 1400, height: 900 }, colorScheme: 'light' });

test('screenshot of the main window', async ({ app, page, workloads, catalog }, testInfo) => {
  await app.open('workloads');
  await expect(workloads.renderedRows.first()).toBeVisible();
  await page.screenshot({ path: docShot(testInfo, 'screenshot.png') });

  await catalog.open();
  await expect(catalog.rows.first()).toBeVisible();
  await catalog.rows.nth(1).click();
  await page.screenshot({ path: testInfo.outputPath('catalog.png') });

  await page.getByTestId('nav-sites').click();
  await page.screenshot({ path: testInfo.outputPath('sites.png') });
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('settings-form')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('settings.png') });

  await page.emulateMedia({ colorScheme: 'dark' });
  await workloads.open();
  await workloads.startAdd();
  await workloads.fill({ name: 'x', avg_output_tps: '-5' });
  await workloads.save();
  await page.screenshot({ path: testInfo.outputPath('workloads-dark-form.png') });
});
