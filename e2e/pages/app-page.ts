// Page object of the application shell: navigation, status bar, toasts, theme.
import { expect, type Locator, type Page } from '@playwright/test';

export type ViewName = 'workloads' | 'sites' | 'catalog' | 'settings' | 'results' | 'tco' | 'compare';

export class AppPage {
  readonly page: Page;
  readonly url: string;
  readonly statusBar: Locator;
  readonly toasts: Locator;

  constructor(page: Page, url: string) {
    this.page = page;
    this.url = url;
    this.statusBar = page.getByTestId('status-bar');
    this.toasts = page.getByTestId('toast');
  }

  /** Open the app (optionally on a view) and wait until the document is loaded. */
  async open(view?: ViewName): Promise<void> {
    const u = new URL(this.url);
    if (view) u.hash = `#/${view}`;
    await this.page.goto(u.toString());
    await this.waitLoaded();
  }

  async waitLoaded(): Promise<void> {
    await expect(this.page.getByTestId('status-file')).not.toContainText('—');
    await expect(this.page.getByTestId('load-error')).toHaveCount(0);
  }

  async reload(): Promise<void> {
    await this.page.reload();
    await this.waitLoaded();
  }

  async go(view: ViewName): Promise<void> {
    await this.page.getByTestId(`nav-${view}`).click();
    await expect(this.page.getByTestId(`nav-${view}`)).toHaveAttribute('aria-current', 'page');
  }

  async statusText(item: 'file' | 'scenario' | 'workloads' | 'sites' | 'options'): Promise<string> {
    return (await this.page.getByTestId(`status-${item}`).innerText()).trim();
  }

  toast(text: string | RegExp): Locator {
    return this.toasts.filter({ hasText: text });
  }
}
