// The demo document opens with its workloads, sites and catalog visible, counted in the status bar.
import { formatMoney } from '../core/format.ts';
import type { SystemOption } from '../core/types.ts';
import { expect, test } from './support/fixtures.ts';

test('the demo document shows the demo workloads and sites', async ({ app, plan, workloads, sites }) => {
  const [wl, st, info] = await Promise.all([plan.api('workload-list', {}), plan.api('site-list', {}), plan.api('document-info', {})]);
  expect(wl.length, 'the demo has workloads').toBeGreaterThan(0);
  expect(st.length, 'the demo has sites').toBeGreaterThan(0);

  await app.open('workloads');
  expect(await app.statusText('file')).toContain(info.fileName);
  expect(await app.statusText('scenario')).toContain(info.activeScenario);
  expect(await app.statusText('workloads')).toMatch(new RegExp(`^${wl.length.toLocaleString('en-US')} workloads?$`));
  expect(await app.statusText('sites')).toMatch(new RegExp(`^${st.length} sites?$`));

  expect(await workloads.rowCount()).toBe(wl.length);
  for (const w of wl.slice(0, 8)) {
    await workloads.filter(w.name);
    await expect(workloads.row(w.name)).toBeVisible();
    await expect(workloads.cell(w.name, 'model')).toHaveText(w.model);
  }

  await sites.open();
  expect(await sites.rowCount()).toBe(st.length);
  for (const s of st) {
    await sites.filter(s.name);
    await expect(sites.row(s.name)).toBeVisible();
  }
});

test('the catalog lists every option with its source and date, estimates flagged', async ({ app, plan, catalog }) => {
  const cat = await plan.api('catalog-get', {});
  await app.open('catalog');
  await expect(catalog.rows).toHaveCount(cat.options.length);
  const withEstimate = cat.options.find((o) => Object.values(o.field_sources ?? {}).some((f) => f.estimate));
  if (withEstimate) {
    const fields = Object.entries(withEstimate.field_sources ?? {}).filter(([, f]) => f.estimate).map(([k]) => k);
    await catalog.row(withEstimate.id).click();
    await expect(catalog.detail).toContainText(withEstimate.name);
    await expect(catalog.detail.getByTestId('est-badge').or(catalog.detail.locator('.badge.est')).first()).toBeVisible();
    for (const f of fields) await expect(catalog.detail).toContainText(f);
  }
  const first = cat.options[0]!;
  await expect(catalog.row(first.id)).toContainText(`as of ${first.as_of}`);

  await catalog.filterTier('edge');
  const edge = cat.options.filter((o) => o.tier === 'edge').length;
  await expect(catalog.rows).toHaveCount(edge);
});

test('an option whose speeds are estimates flags them at its operating points, not only in its list of sources', async ({ app, plan, catalog }) => {
  const cat = await plan.api('catalog-get', {});
  // the catalog keys an operating point's source performance.<model>.<label>
  const option = cat.options.find((o) => o.performance.length > 0 && Object.entries(o.field_sources ?? {}).some(([k, f]) => f.estimate && k.startsWith(`performance.${o.performance[0]!.model}.`)));
  expect(option, 'the shipped catalog has an option with an estimated speed').toBeTruthy();
  await app.open('catalog');
  await catalog.row(option!.id).click();
  await expect(catalog.detail).toContainText(option!.name);
  const perf = catalog.detail.locator('.perf').filter({ hasText: option!.performance[0]!.model }).first();
  await expect(perf.getByTestId('est-badge')).toBeVisible();
  // and the list's speed columns mark it too (Cerebras Cloud API — gpt-oss-120b read 3,000 tok/s, no mark)
  const api = cat.options.find((o) => o.id.includes('cerebras') && o.kind === 'cloud_api' && o.performance.some((p) => p.model === 'gpt-oss-120b'));
  expect(api, 'the shipped catalog has Cerebras Cloud API — gpt-oss-120b').toBeTruthy();
  await expect(catalog.row(api!.id).locator('td').nth(4).getByTestId('est-badge')).toBeVisible();
});

test('views are reachable by keyboard and the theme persists', async ({ app, page }) => {
  await app.open('workloads');
  await page.keyboard.press('Control+3');
  await expect(page.getByTestId('sites-view')).toBeVisible();
  // the first Tab stop skips the navigation: Enter puts focus on the content
  await page.locator('body').focus();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('skip-link')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main#main')).toBeFocused();
  const before = await page.evaluate(() => document.documentElement.dataset.theme);
  await page.getByTestId('theme-toggle').click();
  await page.getByTestId('theme-toggle').click();
  const chosen = await page.evaluate(() => document.documentElement.dataset.theme);
  await app.reload();
  await expect(page.getByTestId('sites-view')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(chosen);
  expect(['light', 'dark']).toContain(before);
});

test('a catalog option is edited with per-field and per-point validation and a source for the new price, undone, deleted and restored', async ({ app, plan, catalog, page }) => {
  const cat = await plan.api('catalog-get', {});
  const option = cat.options.find((o): o is SystemOption => o.kind === 'system' && o.performance.length > 0);
  test.skip(!option, 'the demo catalog has no system with operating points');
  await app.open('catalog');
  await catalog.row(option!.id).click();
  await page.getByTestId('option-edit').click();
  const editor = page.getByTestId('option-editor');
  await editor.locator('#option-price_usd').fill('-1');
  await editor.getByLabel('user_tps of point 1').fill('0');
  await editor.locator('#option-price_usd').press('Enter');
  await expect(editor.locator('[data-field="option-price_usd"] [data-testid="field-error"]')).toHaveText('must be ≥ 0');
  await expect(editor.getByTestId('points-editor').getByTestId('field-error').first()).toContainText('must be > 0');
  expect((await plan.api('catalog-get', {})).options.find((o) => o.id === option!.id)).toEqual(option);

  // a per-replica figure typed with a thousands dot reads as a decimal, and the point says so
  await editor.getByLabel('user_tps of point 1').fill('42');
  const unitTps = editor.getByLabel('unit_tps of point 1');
  const unitBefore = await unitTps.inputValue();
  await unitTps.fill('1.500');
  await unitTps.blur();
  await expect(editor.getByTestId('points-editor').getByTestId('field-warning')).toContainText("unit tps: read as 1.5: '.' is the decimal mark — for thousands type 1500");
  await unitTps.fill(unitBefore);
  await editor.locator('#option-price_usd').fill('$123,456.00');
  await editor.getByLabel('user_tps of point 1').fill('42');
  // Enter in a field saves, as the Save button does
  await editor.locator('#option-price_usd').press('Enter');
  // a changed price asks for its own source and date before anything is written
  const sources = editor.getByTestId('edit-sources');
  await expect(sources).toContainText(`Price: ${formatMoney(option!.price_usd)} → $123,456`);
  // in view and at the keyboard: it opens below the whole form, and Enter seemed to do nothing
  await expect(sources.getByLabel('Source of the new Price')).toBeFocused();
  await expect(sources.getByRole('heading', { name: 'Where do the new figures come from?' })).toBeInViewport();
  // the form above is held meanwhile: an edit made there was not the one stored, and was lost unasked
  await expect(editor.locator('#option-price_usd')).not.toBeFocused();
  expect(await editor.locator('#option-price_usd').evaluate((el) => el.closest('[inert]') != null)).toBe(true);
  // nothing is stored yet: another view asks first (the form counted the edit saved and let it go)
  const asked = new Promise<string>((resolve) => page.once('dialog', (d) => void d.dismiss().then(() => resolve(d.message()))));
  await page.getByTestId('nav-workloads').click();
  expect(await Promise.race([asked, new Promise<string>((resolve) => setTimeout(() => resolve('no question asked'), 10_000))])).toContain('Discard changes?');
  await expect(sources).toBeVisible();
  await sources.getByTestId('edit-sources-save').click();
  await expect(sources.getByRole('alert')).toContainText('say who quoted or published it');
  expect((await plan.api('catalog-get', {})).options.find((o) => o.id === option!.id)).toEqual(option);
  await sources.getByLabel('Source of the new Price').selectOption('negotiated');
  await sources.getByLabel('Who quoted or published the new Price').fill('Dell, contract 7731');
  await sources.getByLabel('Date of the new Price').fill('2026-11-30');
  await sources.getByLabel('Date of the new Price').press('Enter');
  await expect(editor).toBeHidden();
  const saved = (await plan.api('catalog-get', {})).options.find((o) => o.id === option!.id)!;
  expect(saved).toMatchObject({ price_usd: 123_456 });
  expect(saved.performance[0]!.points[0]!.user_tps).toBe(42);
  expect(saved.field_sources).toEqual({
    ...option!.field_sources,
    price_usd: { source: 'Negotiated price: Dell, contract 7731', as_of: '2026-11-30', estimate: false },
  });
  await expect(catalog.detail).toContainText('Negotiated price: Dell, contract 7731');

  // the edit is listed and undone with Ctrl+Z: the old figures and sources are back
  await expect(page.getByTestId('catalog-history')).toContainText(`Last change: edit “${option!.name}”`);
  await page.getByRole('heading', { name: 'Catalog', level: 1, exact: true }).click();
  await page.keyboard.press('Control+z');
  await expect(app.toast(`Undone: edit “${option!.name}”`)).toBeVisible();
  await expect.poll(async () => (await plan.api('catalog-get', {})).options.find((o) => o.id === option!.id)).toEqual(option);
  await expect(page.getByTestId('catalog-history')).toHaveCount(0);

  await page.getByTestId('option-delete').click();
  await expect(catalog.row(option!.id)).toHaveCount(0);
  await app.toast(/Deleted 1 option/).getByRole('button', { name: 'Undo' }).click();
  await expect(catalog.row(option!.id)).toBeVisible();
  expect((await plan.api('catalog-get', {})).options.find((o) => o.id === option!.id)).toEqual(option);
});
