// CSV import in the browser: a file dropped on the Workloads view is parsed and checked in the
// renderer, bad rows are shown with their messages, the valid rows go to the document in one
// call and appear in the table. Escape cancels without writing anything.
import fs from 'node:fs';
import { expect, test } from './support/fixtures.ts';
import type { ApiResults } from '../core/api.ts';
import type { AppPage } from './pages/app-page.ts';
import { ImportPage } from './pages/import-page.ts';
import type { WorkloadsPage } from './pages/workloads-page.ts';
import type { PlanServer } from './support/plan-server.ts';

type Workloads = ApiResults['workload-list'];

/** The import is taken back with its toast's Undo (the document reads `undone`), and done again with Redo (Ctrl+Shift+Z). */
async function undoRedo(
  { app, plan, workloads }: { app: AppPage; plan: PlanServer; workloads: WorkloadsPage },
  toast: RegExp,
  [undoSaid, undone]: [string, Workloads],
  [redoSaid, redone]: [string, Workloads],
): Promise<void> {
  await app.toast(toast).getByRole('button', { name: 'Undo' }).click();
  await expect(app.toast(undoSaid)).toBeVisible();
  await expect.poll(() => plan.api('workload-list', {})).toEqual(undone);
  await workloads.filter('');
  await workloads.table.press('Control+Shift+z');
  await expect(app.toast(redoSaid)).toBeVisible();
  await expect.poll(() => plan.api('workload-list', {})).toEqual(redone);
}

const CSV = [
  'Name;Model;Avg output tok/s;growth %;tiers',
  'e2e-import-a;{M};1.234,5;2,5%;"premium;commodity"',
  'e2e-import-bad-tps;{M};-3;0;commodity',
  'e2e-import-b;{M};250;0;commodity',
  'e2e-import-bad-model;llama-3-70b;100;0;premium',
  '"e2e-import-c, quoted";{M};10;;',
  '',
].join('\r\n');

test('a CSV dropped on the Workloads view: two bad rows highlighted, the valid ones imported', async ({ app, plan, workloads, page }) => {
  const model = (await plan.api('catalog-get', {})).models[0]!.id;
  const before = await plan.api('workload-list', {});
  const imp = new ImportPage(page);
  await app.open('workloads');

  await imp.dropFile(workloads.view, 'team-workloads.csv', CSV.replaceAll('{M}', model));
  await imp.waitForPreview();
  await expect(imp.summary).toContainText('5 rows');
  await expect(imp.summary).toContainText('3 valid');
  await expect(imp.summary).toContainText('2 with errors');
  await expect(imp.errorRows).toHaveCount(2);
  await expect(imp.errorRow(3)).toBeVisible();
  await expect(imp.errorRow(3).locator('td.cell-error')).toHaveText('-3');
  await expect(imp.messagesFor(3)).toContainText('avg_output_tps: must be > 0');
  await expect(imp.errorRow(5)).toBeVisible();
  await expect(imp.messagesFor(5)).toContainText("unknown model 'llama-3-70b'");
  await expect(imp.errorCounts).toContainText('out of range');
  await expect(imp.errorCounts).toContainText('unknown model');
  await expect(imp.commitButton).toHaveText('Import 3 valid rows');

  await imp.commit();
  await expect(app.toast(/Imported team-workloads\.csv: 3 workloads added, 2 rows not imported/)).toBeVisible();

  const after = await plan.api('workload-list', {});
  expect(after.length).toBe(before.length + 3);
  expect(after.find((w) => w.name === 'e2e-import-a')).toMatchObject({ avg_output_tps: 1234.5, monthly_growth_pct: 2.5, tiers: ['premium', 'commodity'] });
  expect(after.some((w) => w.name.startsWith('e2e-import-bad'))).toBe(false);

  for (const name of ['e2e-import-a', 'e2e-import-b', 'e2e-import-c, quoted']) {
    await workloads.filter(name);
    await expect(workloads.row(name)).toBeVisible();
  }

  await undoRedo({ app, plan, workloads }, /Imported team-workloads\.csv/, ['Removed the 3 workloads imported', before], ['Imported 3 workloads again', after]);
});

test('Escape cancels the preview and nothing is written; duplicates can be updated', async ({ app, plan, workloads, page }) => {
  const existing = (await plan.api('workload-list', {}))[0]!;
  const imp = new ImportPage(page);
  await app.open('workloads');
  await page.getByTestId('workload-import').click();
  await expect(imp.dialog).toBeVisible();
  const csv = `name,model,avg_output_tps\n"${existing.name}",${existing.model},4242\n`;
  await imp.chooseFile('dup.csv', csv);
  await imp.waitForPreview();
  await expect(imp.summary).toContainText('1 already in the document');
  // the default skips rows whose name exists: nothing new to import; the two choices are distinct
  await expect(imp.commitButton).toHaveText('Import 0 new rows, skip 1');
  await expect(imp.commitButton).toBeDisabled();
  await expect(page.getByTestId('import-duplicates').locator('input[type="radio"]')).toHaveCount(2);
  await page.keyboard.press('Escape');
  await expect(imp.dialog).toBeHidden();
  expect((await plan.api('workload-list', {})).find((w) => w.name === existing.name)!.avg_output_tps).toBe(existing.avg_output_tps);

  await page.getByTestId('workload-import').click();
  await imp.chooseFile('dup.csv', csv);
  await imp.waitForPreview();
  await imp.chooseOnDuplicate('update');
  await expect(imp.commitButton).toHaveText('Import 1 row (1 updates an existing one)');
  // focus stays in the dialog
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Tab');
    expect(await imp.dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  }
  await imp.commit();
  await expect(app.toast(/1 updated/)).toBeVisible();
  expect((await plan.api('workload-list', {})).find((w) => w.name === existing.name)!.avg_output_tps).toBe(4242);
  await workloads.filter(existing.name);
  await expect(workloads.row(existing.name)).toBeVisible();
});

test('a file of only name and the columns to change updates existing rows; Undo puts their old values back', async ({ app, plan, workloads, page }) => {
  const before = await plan.api('workload-list', {});
  const existing = before[0]!;
  const imp = new ImportPage(page);
  await app.open('workloads');
  await page.getByTestId('workload-import').click();
  await imp.chooseFile('peaks.csv', `name,peak_to_avg\n"${existing.name}",2.75\ne2e-new-peak,2\n`);
  await imp.waitForPreview();
  await expect(imp.summary).toContainText('1 with errors');
  await expect(imp.messagesFor(3)).toContainText('model: required for a new workload (the file has no model column)');
  // such a file can only update: the dialog chose it
  await expect(imp.commitButton).toHaveText('Import 1 row (1 updates an existing one)');
  await imp.commit();
  await expect(app.toast(/Imported peaks\.csv: 0 workloads added, 1 updated, 1 row not imported/)).toBeVisible();
  const after = await plan.api('workload-list', {});
  expect(after).toEqual(before.map((w) => (w.name === existing.name ? { ...w, peak_to_avg: 2.75 } : w)));

  await undoRedo({ app, plan, workloads }, /Imported peaks\.csv/, ['Restored the values 1 workload had before the import', before], ['Imported 1 workload again', after]);
});

test('Undo of an update import puts back the rows as the import found them: another window\'s edit just before it is kept, one made after it refuses the Undo', async ({ app, plan, workloads, page }) => {
  const before = await plan.api('workload-list', {});
  const [existing, other] = [before[0]!, before[1]!];
  const imp = new ImportPage(page);
  await app.open('workloads');
  await page.getByTestId('workload-import').click();
  await imp.chooseFile('peaks.csv', `name,peak_to_avg\n"${existing.name}",2.75\n"${other.name}",2.5\n`);
  await imp.waitForPreview();
  // another window edits the row's other column just before the import reaches the backend
  await page.route('**/api/import-commit', async (route) => {
    await plan.api('workload-upsert', { workload: { ...existing, avg_output_tps: 4321 }, originalName: existing.name });
    await route.continue();
  });
  await imp.commit();
  await expect(app.toast(/Imported peaks\.csv: 0 workloads added, 2 updated/)).toBeVisible();
  await app.toast(/Imported peaks\.csv/).getByRole('button', { name: 'Undo' }).click();
  await expect(app.toast(/Restored the values 2 workloads had before the import/)).toBeVisible();
  const undone = await plan.api('workload-list', {});
  expect(undone).toEqual(before.map((w) => (w.name === existing.name ? { ...w, avg_output_tps: 4321 } : w)));

  // Redo, then another window edits an imported row: Undo is refused, its edit kept
  await app.toast(/Restored the values/).getByRole('button', { name: 'Redo' }).click();
  await expect(app.toast(/Imported 2 workloads again/)).toBeVisible();
  const redone = (await plan.api('workload-list', {})).find((w) => w.name === other.name)!;
  await plan.api('workload-upsert', { workload: { ...redone, peak_to_avg: 3.5 }, originalName: other.name });
  await app.toast(/Imported 2 workloads again/).getByRole('button', { name: 'Undo' }).click();
  await expect(app.toast(/^Not undone: /)).toBeVisible();
  expect((await plan.api('workload-list', {})).find((w) => w.name === other.name)!.peak_to_avg).toBe(3.5);
});

test('the Undo of an import that added and updated rows is refused as a whole when an updated row changed since: the added row stays', async ({ app, plan, workloads, page }) => {
  const before = await plan.api('workload-list', {});
  const existing = before[0]!;
  const imp = new ImportPage(page);
  await app.open('workloads');
  await page.getByTestId('workload-import').click();
  await imp.chooseFile('mixed.csv', `name,model,avg_output_tps\n"${existing.name}",${existing.model},4242\ne2e-mixed-new,${existing.model},7\n`);
  await imp.waitForPreview();
  await imp.chooseOnDuplicate('update');
  await imp.commit();
  await expect(app.toast(/Imported mixed\.csv: 1 workload added, 1 updated/)).toBeVisible();
  // another window edits the updated row: the Undo would put back its value from before the import
  await plan.api('workload-upsert', { workload: { ...existing, avg_output_tps: 1111 }, originalName: existing.name });
  const edited = await plan.api('workload-list', {});
  await app.toast(/Imported mixed\.csv/).getByRole('button', { name: 'Undo' }).click();
  await expect(app.toast(`Not undone: the workload "${existing.name}" was changed since the import: avg output 4242 → 1111 tokens/s; reload to see it`)).toBeVisible();
  // as two calls, the added row was removed before the update's restore was refused
  expect(await plan.api('workload-list', {})).toEqual(edited);
  await workloads.filter('e2e-mixed-new');
  await expect(workloads.row('e2e-mixed-new')).toBeVisible();
});

test('the Redo of an import is based on the revision its Undo left: an edit made elsewhere just after the Undo refuses it, and stays', async ({ app, plan, workloads, page }) => {
  const before = await plan.api('workload-list', {});
  const existing = before[0]!;
  const imp = new ImportPage(page);
  await app.open('workloads');
  await page.getByTestId('workload-import').click();
  await imp.chooseFile('peaks.csv', `name,peak_to_avg\n"${existing.name}",2.75\n`);
  await imp.waitForPreview();
  await imp.commit();
  await expect(app.toast(/Imported peaks\.csv: 0 workloads added, 1 updated/)).toBeVisible();
  // another window edits the row as soon as the Undo is written, before this window reads the list again
  await page.route('**/api/import-undo', async (route) => {
    const res = await route.fetch();
    await plan.api('workload-upsert', { workload: { ...existing, peak_to_avg: 3.25 }, originalName: existing.name });
    await route.fulfill({ response: res });
  });
  await app.toast(/Imported peaks\.csv/).getByRole('button', { name: 'Undo' }).click();
  await expect(app.toast(/Restored the values 1 workload had before the import/)).toBeVisible();
  await app.toast(/Restored the values/).getByRole('button', { name: 'Redo' }).click();
  await expect(app.toast(/^Not redone: the workload ".*" was changed since the import was undone/)).toBeVisible();
  expect((await plan.api('workload-list', {})).find((w) => w.name === existing.name)!.peak_to_avg).toBe(3.25);
  await workloads.filter(existing.name);
  await expect(workloads.row(existing.name)).toBeVisible();
});

test('a catalog JSON with a bad figure names its line and path and applies nothing', async ({ app, plan, page }) => {
  const cat = await plan.api('catalog-get', {});
  const bad = structuredClone(cat);
  (bad.options[0] as { price_usd?: unknown }).price_usd = -5;
  const text = JSON.stringify(bad, null, 2);
  const line = text.split('\n').findIndex((l) => l.includes('"price_usd": -5')) + 1;
  await app.open('catalog');
  await page.getByTestId('catalog-import').click();
  await page.getByTestId('catalog-file').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect(page.getByTestId('catalog-errors')).toHaveText(`line ${line}: options[0].price_usd must be ≥ 0`);
  await expect(page.getByTestId('catalog-apply')).toBeDisabled();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('import-dialog')).toBeHidden();
  expect(await plan.api('catalog-get', {})).toEqual(cat);
});

test('a catalog JSON saved as UTF-16 (PowerShell) is converted with a warning, as CSV files are', async ({ app, plan, page }) => {
  // file.text() read it as UTF-8: "not valid JSON at line 1, column 1"
  const cat = await plan.api('catalog-get', {});
  const text = JSON.stringify({ models: [{ id: 'utf16-model', params_b: 1, active_params_b: 1 }], options: [] });
  await app.open('catalog');
  await page.getByTestId('catalog-import').click();
  await page.getByTestId('catalog-file').setInputFiles({ name: 'u16.json', mimeType: 'application/json', buffer: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]) });
  await expect(page.getByTestId('catalog-warnings')).toHaveText('the file is UTF-16LE; it was converted (save as UTF-8 to avoid this)');
  await expect(page.getByTestId('catalog-errors')).toHaveCount(0);
  await page.getByTestId('catalog-apply').click();
  await expect.poll(async () => (await plan.api('catalog-get', {})).models.map((m) => m.id)).toContain('utf16-model');
  expect((await plan.api('catalog-get', {})).models).toHaveLength(cat.models.length + 1);
});

test('a catalog JSON shows its diff before anything changes, then applies', async ({ app, plan, page }) => {
  const cat = await plan.api('catalog-get', {});
  const first = cat.options[0]!;
  const edited = structuredClone(cat);
  (edited.options[0] as { notes?: string }).notes = 'negotiated 2026 price list';
  edited.options.push({ ...structuredClone(cat.options[1]!), id: 'e2e-new-option', name: 'E2E option' });
  await app.open('catalog');
  await page.getByTestId('catalog-import').click();
  await page.getByTestId('catalog-file').setInputFiles({ name: 'shared.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(edited)) });
  const diff = page.getByTestId('catalog-diff');
  await expect(diff).toContainText('1 added, 1 replaced');
  await expect(diff).toContainText(`Replaced: ${first.id}`);
  await expect(diff).toContainText('notes');
  expect((await plan.api('catalog-get', {})).options.length, 'nothing written before Apply').toBe(cat.options.length);
  await page.getByTestId('catalog-apply').click();
  await expect(page.getByTestId('import-dialog')).toBeHidden();
  const after = await plan.api('catalog-get', {});
  expect(after.options.map((o) => o.id)).toContain('e2e-new-option');
  expect(after.options.find((o) => o.id === first.id)!.notes).toBe('negotiated 2026 price list');
});

test('Export downloads the workloads CSV (Blob) that imports back to the same rows', async ({ app, plan, page }) => {
  const imp = new ImportPage(page);
  await app.open('workloads');
  await page.getByTestId('workload-import').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-export').click()]);
  expect(download.suggestedFilename()).toMatch(/-workloads\.csv$/);
  const text = fs.readFileSync((await download.path())!, 'utf8');
  const { previewCsv } = await import('../core/csv/index.ts');
  const p = previewCsv('workloads', text);
  expect(p.errors).toEqual([]);
  expect(p.rows.map((r) => r.value)).toEqual(await plan.api('workload-list', {}));
  await page.keyboard.press('Escape');
  await expect(imp.dialog).toBeHidden();
});

test('"did you mean" applies with one click; the template CSV imports cleanly', async ({ app, plan, page }) => {
  test.slow(); // two parses and a download on a busy machine
  const imp = new ImportPage(page);
  await app.open('workloads');
  await page.getByTestId('workload-import').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-template').click()]);
  expect(download.suggestedFilename()).toBe('workloads-template.csv');
  const template = fs.readFileSync((await download.path())!, 'utf8');
  const models = (await plan.api('catalog-get', {})).models.map((m) => m.id);
  const { previewCsv } = await import('../core/csv/index.ts');
  const t = previewCsv('workloads', template, { knownModels: models });
  expect(t.errors).toEqual([]);
  expect(t.rows).toHaveLength(1);

  const csv = 'name,model,avg_output_tps\ne2e-typo-a,llama-3-70b,10\ne2e-typo-b,llama-3-70b,20\n';
  await imp.chooseFile('typo.csv', csv);
  await imp.waitForPreview();
  await expect(imp.summary).toContainText('2 with errors');
  const suggestion = page.getByTestId('import-suggestions');
  await expect(suggestion).toContainText('llama-3-70b in 2 rows: did you mean llama-3.3-70b?');
  await page.getByTestId('import-apply-suggestion').click();
  await expect(imp.summary).toContainText('2 valid');
  await expect(suggestion).toBeHidden();
  await imp.commit();
  await expect(app.toast(/2 workloads added/)).toBeVisible();
  const after = await plan.api('workload-list', {});
  expect(after.filter((w) => w.name.startsWith('e2e-typo-')).map((w) => w.model)).toEqual(['llama-3.3-70b', 'llama-3.3-70b']);
});
