// The application shell never scrolls: only a view's own boxes do. Text for screen readers only
// (.sr-only, absolutely positioned) escaped the scroll box it sat in and made the whole page taller
// than the window, so a wheel over the navigation or End with nothing focused moved the app up:
// the navigation and the view's header left the window and a blank band opened under the status bar.
import type { Page } from '@playwright/test';
import type { SystemOption } from '../core/types.ts';
import { expect, test } from './support/fixtures.ts';
import { solveViaApi } from './support/solve.ts';
import type { ViewName } from './pages/app-page.ts';

const VIEWS: ViewName[] = ['workloads', 'sites', 'catalog', 'settings', 'results', 'tco', 'compare'];

/** the page's own scroll: its height beyond the window's, and how far it is scrolled */
function pageScroll(page: Page) {
  return page.evaluate(() => {
    const el = document.scrollingElement!;
    return { overflow: el.scrollHeight - el.clientHeight, overflowX: el.scrollWidth - el.clientWidth, top: el.scrollTop };
  });
}

async function expectShellStill(page: Page, where: string): Promise<void> {
  expect(await pageScroll(page), `${where}: the page itself cannot scroll`).toEqual({ overflow: 0, overflowX: 0, top: 0 });
  // a wheel over the navigation and End with nothing focused leave the shell where it is
  const nav = page.getByRole('navigation', { name: 'Views' });
  const box = (await nav.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height - 20);
  await page.mouse.wheel(0, 2000);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('End');
  expect((await pageScroll(page)).top, `${where}: not scrolled by the wheel or End`).toBe(0);
  await expect(nav.getByTestId('nav-workloads')).toBeInViewport();
}

test('on every view, with a plan to show and with the catalog editor open, the page itself never scrolls', async ({ app, page, plan, catalog }) => {
  // a second scenario, solved too, so Compare has two columns of figures
  await solveViaApi(plan);
  await plan.api('scenario-new', { name: 'Second look' });
  await app.open('workloads');
  for (const view of VIEWS) {
    await app.go(view);
    await expect(page.locator('main > *').first()).toBeVisible();
    if (view === 'tco') await expect(page.getByTestId('tco-kpis')).toBeVisible();
    if (view === 'results') await expect(page.getByTestId('plan-summary')).toBeVisible();
    await expectShellStill(page, view);
  }

  // the option editor, the catalog's tallest box (its point table has a "Remove" heading for screen readers)
  const cat = await plan.api('catalog-get', {});
  const option = cat.options.find((o): o is SystemOption => o.kind === 'system' && o.performance.length > 0)!;
  await catalog.open();
  await catalog.row(option.id).click();
  await page.getByTestId('option-edit').click();
  await expect(page.getByTestId('option-editor')).toBeVisible();
  await expectShellStill(page, 'catalog editor');
});
