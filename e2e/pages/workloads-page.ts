// Page object of the Workloads view.
import type { Page } from '@playwright/test';
import { EntityPage } from './entity-page.ts';

export class WorkloadsPage extends EntityPage {
  constructor(page: Page) {
    super(page, 'workload');
  }

  /** Scroll the virtual table to its last row. */
  async scrollToEnd(): Promise<void> {
    await this.table.evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
  }
}
