// Two browser pages on one served document: an edit in one appears in the other without a
// reload (change events over GET /events), and a save from a form opened before that edit is
// refused with a message naming what changed, leaving the other page's value in the document.
import { MAX_EVENT_STREAMS } from '../electron/backend/http-server.ts';
import { expect, test } from './support/fixtures.ts';
import { AppPage } from './pages/app-page.ts';
import { WorkloadsPage } from './pages/workloads-page.ts';

test('an edit in one page shows in the other; a stale save from the other is refused, naming the change', async ({ app, plan, workloads, context }) => {
  const name = (await plan.api('workload-list', {}))[0]!.name;
  const other = await context.newPage();
  const otherApp = new AppPage(other, plan.url);
  const otherWorkloads = new WorkloadsPage(other);
  await app.open('workloads');
  await otherApp.open('workloads');

  // the other page opens the editor on the row (its form is based on what it read now)
  await otherWorkloads.filter(name);
  await otherWorkloads.row(name).dblclick();
  await expect(otherWorkloads.editor).toBeVisible();

  // this page changes the row's demand
  await workloads.filter(name);
  await workloads.row(name).dblclick();
  await expect(workloads.editor).toBeVisible();
  await workloads.fill({ avg_output_tps: '4321' });
  await workloads.save();
  await expect(workloads.editor).toBeHidden();

  // … and the other page's table shows it, with no reload
  await expect(otherWorkloads.cell(name, 'avg_output_tps')).toHaveText('4,321');

  // a save from the form opened before is refused, says what changed, and writes nothing
  await otherWorkloads.fill({ peak_to_avg: '3.5' });
  await otherWorkloads.save();
  const message = new RegExp(`workload "${name}" was changed since this window read it: avg output .* → 4321 tokens/s`);
  await expect(otherApp.toast(message)).toBeVisible();
  await expect(otherWorkloads.editor.getByTestId('form-error')).toContainText('was changed since this window read it');
  const saved = (await plan.api('workload-list', {})).find((w) => w.name === name)!;
  expect(saved.avg_output_tps).toBe(4321);
  expect(saved.peak_to_avg).not.toBe(3.5);
  await other.close();
});

test('a settings change made elsewhere reaches an open Settings view', async ({ app, plan }) => {
  await app.open('settings');
  const field = app.page.locator('[id="settings-time_limit_s"]');
  await expect(field).toBeVisible();
  const before = await plan.api('settings-get', {});
  // another client (here: the API, as a second window or the CLI would) changes the setting;
  // the form keeps what it showed (a form is never changed under the cursor) but its save is refused
  await plan.api('settings-set', { patch: { time_limit_s: before.time_limit_s + 7 } });
  await field.fill(String(before.time_limit_s + 1));
  await app.page.getByRole('button', { name: 'Save settings' }).click();
  await expect(app.toast(/scenario ".*" was changed since this window read it: time limit/)).toBeVisible();
  // the form now shows the value stored elsewhere
  await expect(field).toHaveValue(String(before.time_limit_s + 7));
  expect((await plan.api('settings-get', {})).time_limit_s).toBe(before.time_limit_s + 7);
});

test('a settings Undo after another window changed the settings is refused, and the other change stays', async ({ app, plan, page }) => {
  await app.open('settings');
  const form = page.getByTestId('settings-form');
  await form.locator('#settings-discount_rate_pct').fill('5');
  await form.locator('#settings-discount_rate_pct').press('Enter');
  await expect(app.toast(/Saved settings of “Base”/)).toBeVisible();
  // another window (here the API, as a second window's IPC would) changes the horizon; this page
  // hears of it and reloads the settings (the open form keeps what it shows)
  const reloaded = page.waitForResponse((r) => r.url().includes('/api/settings-get'));
  await plan.api('settings-set', { patch: { horizon_months: 30 } });
  await reloaded;
  // Undo of this window's save would write back the settings it opened with, horizon included:
  // it is refused as stale instead of overwriting the other window's change
  await app.toast(/Saved settings of “Base”/).getByRole('button', { name: 'Undo' }).click();
  await expect(app.toast(/Not saved: /)).toBeVisible();
  expect(await plan.api('settings-get', {})).toMatchObject({ horizon_months: 30, discount_rate_pct: 5 });
});

test('the server stopped mid-session: the status bar says so at once, and a save says why it failed where it can be read', async ({ app, plan, page, workloads }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await app.open('workloads');
  await expect(page.getByTestId('status-offline')).toHaveCount(0);
  const name = (await plan.api('workload-list', {}))[0]!.name;
  await workloads.row(name).dblclick();
  await workloads.fill({ avg_output_tps: '77' });

  await plan.stop();
  // nothing was said until an edit failed; then "TypeError: Failed to fetch", below the form's fold
  await expect(page.getByTestId('status-offline')).toContainText('Server not answering');
  await workloads.save();
  const error = workloads.editor.getByTestId('form-error');
  await expect(error).toContainText('Cannot reach the FleetPlan server (has `fleetplan serve` stopped?)');
  await expect(error).not.toContainText('TypeError');
  await expect(error).toBeInViewport();
});

test('an event stream refused while the server answers (too many pages open) is not called a stopped server', async ({ app, plan, page }) => {
  // every stream the server takes held by other clients: this page's is refused (503)
  const held = new AbortController();
  const streams = await Promise.all(
    Array.from({ length: MAX_EVENT_STREAMS }, () => fetch(`${plan.origin}/events`, { headers: { 'x-fleet-token': plan.token }, signal: held.signal })),
  );
  expect(streams.every((r) => r.status === 200)).toBe(true);
  try {
    // the page's stream is refused (503); then a call answers (the page's check of the server among them)
    let refused = false;
    const answered = new Promise<void>((resolve) =>
      page.on('response', (r) => {
        if (r.url().endsWith('/events') && r.status() === 503) refused = true;
        else if (refused && r.url().includes('/api/document-info')) resolve();
      }),
    );
    await app.open('workloads');
    // (or the status bar called it a stopped server, as it did at the refusal)
    await Promise.race([answered, page.getByTestId('status-offline').waitFor()]);
    // the page's own calls work, and the status bar does not say the server stopped
    await expect(page.getByTestId('status-workloads')).toContainText('5 workloads');
    await expect(page.getByTestId('status-offline')).toHaveCount(0);
  } finally {
    held.abort();
  }
});
