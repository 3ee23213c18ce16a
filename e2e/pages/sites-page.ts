// Page object of the Sites view.
import type { Page } from '@playwright/test';
import { EntityPage } from './entity-page.ts';

export class SitesPage extends EntityPage {
  constructor(page: Page) {
    super(page, 'site');
  }
}
