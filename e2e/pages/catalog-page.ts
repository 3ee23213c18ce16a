// Page object of the Catalog view.
import { expect, type Locator, type Page } from '@playwright/test';

export class CatalogPage {
  readonly page: Page;
  readonly view: Locator;
  readonly rows: Locator;
  readonly detail: Locator;

  constructor(page: Page) {
    this.page = page;
    this.view = page.getByTestId('catalog-view');
    this.rows = page.getByTestId('catalog-row');
    this.detail = page.getByTestId('option-detail');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('nav-catalog').click();
    await expect(this.view).toBeVisible();
  }

  row(id: string): Locator {
    return this.page.locator(`[data-testid="catalog-row"][data-id=${JSON.stringify(id)}]`);
  }

  async filterTier(tier: 'all' | 'premium' | 'commodity' | 'edge'): Promise<void> {
    await this.view.getByRole('radio', { name: tier === 'all' ? 'All tiers' : tier }).click();
  }
}
