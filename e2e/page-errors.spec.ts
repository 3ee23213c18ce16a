// The fixture fails a test on a script error in the page: an uncaught exception, a rejected promise
// nobody handled, or a console.error. The browser's own log of a failed request does not count.
import type { Page } from '@playwright/test';
import { expect, isScriptConsoleError, test } from './support/fixtures.ts';

/** Throws from a timer in the page and returns once the error has been raised. */
async function throwUncaught(page: Page): Promise<void> {
  // the fixture's own listener comes first: once this one has the error, so has the fixture
  const seen = page.waitForEvent('pageerror');
  await page.evaluate(() => {
    setTimeout(() => {
      throw new Error('thrown on purpose');
    }, 0);
  });
  await seen;
}

test.describe('a script error in the page fails the test', () => {
  test('an uncaught exception', async ({ app, page }) => {
    test.fail(true, 'the fixture must fail this test on the thrown error');
    await app.open('workloads');
    await throwUncaught(page);
  });

  test('a rejected promise nobody handled', async ({ app, page }) => {
    test.fail(true, 'the fixture must fail this test on the rejection');
    await app.open('workloads');
    const seen = page.waitForEvent('pageerror');
    await page.evaluate(() => {
      void Promise.reject(new Error('rejected on purpose'));
    });
    await seen;
  });

  test('a console.error', async ({ app, page }) => {
    test.fail(true, 'the fixture must fail this test on the logged error');
    await app.open('workloads');
    const seen = page.waitForEvent('console', (m) => m.type() === 'error');
    await page.evaluate(() => console.error('https://svelte.dev/e/effect_update_depth_exceeded'));
    await seen;
  });
});

test('a request the server answers with an error status does not fail the test', async ({ app, page, plan }) => {
  await app.open('workloads');
  // the browser's own console line for the refused call must be seen, and let through: without
  // it this test would pass whatever the fixture made of such a line
  const logged = page.waitForEvent('console', (m) => m.type() === 'error' && /\b40\d\b/.test(m.text()));
  // no token: the server refuses the call
  const status = await page.evaluate(
    async (origin) => (await fetch(`${origin}/api/workload-list`, { method: 'POST', body: '{}' })).status,
    plan.origin,
  );
  expect(status).toBeGreaterThanOrEqual(400);
  const line = await logged;
  expect(line.text()).toMatch(/^Failed to load resource\b/);
  expect(isScriptConsoleError(line)).toBe(false);
});

test.describe('a spec may opt out', () => {
  // this test raises the error itself to show the opt-out lets it through
  test.use({ allowPageErrors: true });
  test('an uncaught exception with allowPageErrors', async ({ app, page }) => {
    await app.open('workloads');
    await throwUncaught(page);
  });
});
