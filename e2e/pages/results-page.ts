// Page objects of the analysis views: Results (optimize, plan, rack elevations), TCO and Compare.
import { expect, type Locator, type Page } from '@playwright/test';

export class ResultsPage {
  readonly page: Page;
  readonly view: Locator;
  readonly optimizeButton: Locator;
  readonly status: Locator;
  readonly progress: Locator;
  readonly assignmentTable: Locator;
  readonly assignmentRows: Locator;
  readonly rackElevations: Locator;
  readonly staleBanner: Locator;
  readonly empty: Locator;
  readonly periodSelect: Locator;
  readonly servedKpi: Locator;
  readonly unitsKpi: Locator;
  readonly poolRows: Locator;

  constructor(page: Page) {
    this.page = page;
    this.view = page.getByTestId('results-view');
    this.optimizeButton = page.getByTestId('optimize');
    // the plan shown (the plan history lists a status per stored plan too)
    this.status = page.getByTestId('plan-summary').getByTestId('plan-status');
    this.progress = page.getByTestId('solve-progress');
    this.assignmentTable = page.getByTestId('assignment-table');
    this.assignmentRows = this.assignmentTable.locator('[role="row"][data-key]');
    this.rackElevations = page.getByTestId('rack-elevation');
    this.staleBanner = page.getByTestId('stale-banner');
    this.empty = page.getByTestId('results-empty');
    this.periodSelect = page.getByTestId('period-select');
    this.servedKpi = page.getByTestId('kpi-served');
    this.unitsKpi = page.getByTestId('kpi-units');
    this.poolRows = page.getByTestId('pool-row');
  }

  /** The period selector's option labels, in order. */
  async periodLabels(): Promise<string[]> {
    return (await this.periodSelect.locator('option').allTextContents()).map((t) => t.trim());
  }

  async selectPeriod(index: number): Promise<void> {
    await this.periodSelect.selectOption(String(index));
  }

  async open(): Promise<void> {
    await this.page.getByTestId('nav-results').click();
    await expect(this.view).toBeVisible();
  }

  /** Click Optimize and wait until the solve has finished and the plan is shown. */
  async optimize(timeoutMs = 60_000): Promise<void> {
    await this.optimizeButton.click();
    await expect(this.optimizeButton).toBeEnabled({ timeout: timeoutMs });
    await expect(this.status).toBeVisible({ timeout: timeoutMs });
  }

  assignmentRow(workload: string): Locator {
    return this.assignmentTable.locator(`[role="row"][data-key="${workload}"]`);
  }

  cell(workload: string, col: string): Locator {
    return this.assignmentRow(workload).locator(`[data-col="${col}"]`);
  }

  rackElevation(site: string): Locator {
    return this.page.locator(`[data-testid="rack-elevation"][data-site="${site}"]`);
  }
}

export class TcoPage {
  readonly page: Page;
  readonly view: Locator;
  readonly horizonKpi: Locator;
  readonly charts: Locator;
  readonly whatIfMarker: Locator;

  constructor(page: Page) {
    this.page = page;
    this.view = page.getByTestId('tco-view');
    this.horizonKpi = page.getByTestId('kpi-horizon-cost');
    this.charts = this.view.locator('[data-testid^="chart-"] canvas');
    this.whatIfMarker = page.getByTestId('whatif-marker');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('nav-tco').click();
    await expect(this.view).toBeVisible();
  }

  chart(id: 'cumulative' | 'monthly' | 'tier' | 'per-m' | 'tornado'): Locator {
    return this.page.getByTestId(`chart-${id}`).locator('canvas');
  }

  /** The exact horizon cost behind the KPI (data-value), in USD. */
  async horizonCostUsd(): Promise<number> {
    return Number(await this.horizonKpi.getAttribute('data-value'));
  }

  async setDiscountRate(pct: number): Promise<void> {
    await this.page.getByTestId('discount-input').fill(String(pct));
  }
}

export class ComparePage {
  readonly page: Page;
  readonly view: Locator;
  readonly table: Locator;
  readonly columns: Locator;
  /** rows of the settings that differ between the compared scenarios */
  readonly settingRows: Locator;

  constructor(page: Page) {
    this.page = page;
    this.view = page.getByTestId('compare-view');
    this.table = page.getByTestId('compare-table');
    this.columns = this.table.getByTestId('compare-col');
    this.settingRows = this.table.getByTestId('compare-setting');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('nav-compare').click();
    await expect(this.view).toBeVisible();
  }

  pick(scenario: string): Locator {
    return this.page.getByTestId(`compare-pick-${scenario}`);
  }

  row(label: string | RegExp): Locator {
    return this.table.locator('tbody tr').filter({ has: this.page.locator('th', { hasText: label }) });
  }

  async createScenario(name: string, from: string): Promise<void> {
    await this.page.getByTestId('new-scenario-name').fill(name);
    await this.page.getByTestId('new-scenario-from').selectOption(from);
    await this.page.getByTestId('new-scenario-create').click();
  }
}
