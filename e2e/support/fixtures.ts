// The e2e fixture: every test gets its own temp demo plan document and `fleetplan serve`, plus
// page objects bound to the test's page. Every test fails on an error the page raised and did not
// handle (an uncaught exception or rejected promise) or a script error the page logged with
// console.error (a Svelte runtime error such as effect_update_depth_exceeded logs there and leaves the
// page half-working): such an error once hid an update loop in every edit form while each spec passed.
// A spec that provokes one on purpose opts out with `test.use({ allowPageErrors: true })`, saying why.
import { test as base, type ConsoleMessage, type Page } from '@playwright/test';
import { AppPage } from '../pages/app-page.ts';
import { CatalogPage } from '../pages/catalog-page.ts';
import { SitesPage } from '../pages/sites-page.ts';
import { WorkloadsPage } from '../pages/workloads-page.ts';
import { startPlanServer, type PlanServer } from './plan-server.ts';

type Fixtures = {
  allowPageErrors: boolean;
  failOnPageErrors: void;
  plan: PlanServer;
  app: AppPage;
  workloads: WorkloadsPage;
  sites: SitesPage;
  catalog: CatalogPage;
};

/** A console.error message that reports a script error, not the browser's own log of a failed
 *  request (an API call the app answers with an error status is handled and shown by the app). */
export function isScriptConsoleError(msg: Pick<ConsoleMessage, 'type' | 'text'>): boolean {
  return msg.type() === 'error' && !/^Failed to load resource\b/.test(msg.text());
}

export const test = base.extend<Fixtures>({
  allowPageErrors: [false, { option: true }],
  failOnPageErrors: [
    async ({ context, page, allowPageErrors }, use) => {
      const errors: string[] = [];
      const watch = (p: Page): void => {
        p.on('pageerror', (e) => errors.push(`uncaught: ${e.stack ?? e.message}`));
        p.on('console', (msg) => {
          if (isScriptConsoleError(msg)) errors.push(`console.error: ${msg.text()}`);
        });
      };
      watch(page);
      // a spec's second page (another window on the same plan, the report) is watched the same way
      context.on('page', (p) => {
        if (p !== page) watch(p);
      });
      await use();
      if (!allowPageErrors && errors.length > 0) {
        throw new Error(`the page raised ${errors.length} error(s):\n${errors.join('\n')}`);
      }
    },
    { auto: true },
  ],
  plan: async ({}, use) => {
    const plan = await startPlanServer({ demo: true });
    try {
      await use(plan);
    } finally {
      await plan.stop();
    }
  },
  app: async ({ page, plan }, use) => {
    await use(new AppPage(page, plan.url));
  },
  workloads: async ({ page }, use) => {
    await use(new WorkloadsPage(page));
  },
  sites: async ({ page }, use) => {
    await use(new SitesPage(page));
  },
  catalog: async ({ page }, use) => {
    await use(new CatalogPage(page));
  },
});

export { expect } from '@playwright/test';
