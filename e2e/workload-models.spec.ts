// The workload `model` field as a multi-select of the catalog's models: a CSV cell `a|b` is
// imported, shown as ticked choices in the order written, edited, and exported back as `a|b|c`.
import fs from 'node:fs';
import { expect, test } from './support/fixtures.ts';
import { ImportPage } from './pages/import-page.ts';

test('a CSV model cell a|b round-trips through import, the multi-select editor and export', async ({ app, plan, workloads, page }) => {
  const models = (await plan.api('catalog-get', {})).models.map((m) => m.id);
  expect(models.length, 'the demo catalog has at least three models').toBeGreaterThanOrEqual(3);
  const [a, b, c] = [models[1]!, models[0]!, models[2]!];
  const imp = new ImportPage(page);
  await app.open('workloads');

  // written b-after-a on purpose: the order users wrote is the order kept
  await imp.dropFile(workloads.view, 'alts.csv', `name,model,avg_output_tps\ne2e-alts,${a}|${b},120\n`);
  await imp.waitForPreview();
  await imp.commit();
  expect((await plan.api('workload-list', {})).find((w) => w.name === 'e2e-alts')?.model).toBe(`${a}|${b}`);

  await workloads.select('e2e-alts');
  await page.getByTestId('workload-edit').click();
  await expect(workloads.editor).toBeVisible();
  const group = workloads.editor.locator('fieldset[data-field="workload-model"]');
  await expect(group.locator('legend')).toHaveText('Models');
  // every catalog model is a choice; the two accepted ones are ticked
  await expect(group.locator('input[type="checkbox"]')).toHaveCount(models.length);
  await expect(group.locator(`input[name="model-${a}"]`)).toBeChecked();
  await expect(group.locator(`input[name="model-${b}"]`)).toBeChecked();
  await expect(group.locator(`input[name="model-${c}"]`)).not.toBeChecked();

  // keyboard: Space ticks the focused choice
  await group.locator(`input[name="model-${c}"]`).focus();
  await page.keyboard.press('Space');
  await expect(group.locator(`input[name="model-${c}"]`)).toBeChecked();
  await workloads.save();
  await expect(workloads.editor).toBeHidden();
  expect((await plan.api('workload-list', {})).find((w) => w.name === 'e2e-alts')?.model).toBe(`${a}|${b}|${c}`);

  // the table shows the cell as stored, and the exported CSV carries it unchanged
  await workloads.filter('e2e-alts');
  await expect(workloads.cell('e2e-alts', 'model')).toHaveText(`${a}|${b}|${c}`);
  await page.getByTestId('workload-import').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-export').click()]);
  const text = fs.readFileSync((await download.path())!, 'utf8');
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const col = lines[0]!.split(',').indexOf('model');
  const line = lines.find((l) => l.startsWith('e2e-alts,'));
  expect(line, 'the exported CSV has the workload').toBeTruthy();
  expect(line!.split(',')[col]).toBe(`${a}|${b}|${c}`);
  await page.keyboard.press('Escape');
  await expect(imp.dialog).toBeHidden();
});

test('unticking every model is refused next to the field and saves nothing', async ({ app, plan, workloads }) => {
  const [first] = await plan.api('workload-list', {});
  test.skip(!first, 'the demo document has no workloads');
  await app.open('workloads');
  await workloads.select(first!.name);
  await workloads.page.getByTestId('workload-edit').click();
  await workloads.fill({ model: '' });
  await workloads.save();
  await expect(workloads.fieldError('model')).toHaveText('is required');
  await expect(workloads.editor).toBeVisible();
  expect((await plan.api('workload-list', {})).find((w) => w.name === first!.name)?.model).toBe(first!.model);
});
