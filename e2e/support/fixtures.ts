// The e2e fixture: every test gets its own temp demo plan document and `fleetplan serve`, plus
// page objects bound to the test's page.
import { test as base } from '@playwright/test';
import { AppPage } from '../pages/app-page.ts';
import { CatalogPage } from '../pages/catalog-page.ts';
import { SitesPage } from '../pages/sites-page.ts';
import { WorkloadsPage } from '../pages/workloads-page.ts';
import { startPlanServer, type PlanServer } from './plan-server.ts';

type Fixtures = {
  plan: PlanServer;
  app: AppPage;
  workloads: WorkloadsPage;
  sites: SitesPage;
  catalog: CatalogPage;
};

export const test = base.extend<Fixtures>({
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
