// Page object of the schedule pictures (renderer/lib/components/schedule): the procurement
// schedule table, capacity against demand (chart data read through the Chart test hook), the
// workload timeline, cost by plan year (TCO) and the schedules side by side (Compare).
import type { Locator, Page } from '@playwright/test';

export type DrawnChart = { labels: string[]; datasets: { label: string; data: number[]; hidden: boolean }[] };

export class SchedulePage {
  readonly page: Page;
  readonly schedule: Locator;
  readonly summary: Locator;
  readonly periods: Locator;
  readonly capacity: Locator;
  readonly poolPicker: Locator;
  readonly capacityChart: Locator;
  readonly timeline: Locator;
  readonly timelineRows: Locator;
  readonly movedCells: Locator;
  readonly moves: Locator;
  readonly planYears: Locator;
  readonly compareSchedules: Locator;

  constructor(page: Page) {
    this.page = page;
    this.schedule = page.getByTestId('procurement-schedule');
    this.summary = page.getByTestId('schedule-summary');
    this.periods = this.schedule.getByTestId('schedule-period');
    this.capacity = page.getByTestId('capacity');
    this.poolPicker = page.getByTestId('pool-picker');
    this.capacityChart = page.getByTestId('chart-capacity').locator('canvas');
    this.timeline = page.getByTestId('workload-timeline');
    this.timelineRows = page.getByTestId('timeline-row');
    this.movedCells = page.locator('[data-testid="timeline-row"] td[data-moved="true"]');
    this.moves = page.getByTestId('timeline-move');
    this.planYears = page.getByTestId('plan-year');
    this.compareSchedules = page.getByTestId('compare-schedule');
  }

  period(k: number): Locator {
    return this.schedule.locator(`[data-testid="schedule-period"][data-period="${k}"]`);
  }

  /** What a chart draws, through Chart.svelte's test hook on its canvas. */
  async chartData(canvas: Locator): Promise<DrawnChart> {
    // charts below the fold are created when scrolled near: bring it into view, wait for the hook
    await canvas.scrollIntoViewIfNeeded();
    await canvas.evaluate(
      (el) =>
        new Promise<void>((resolve) => {
          const ready = () => typeof (el as HTMLCanvasElement & { fleetChart?: unknown }).fleetChart === 'function';
          const wait = () => (ready() ? resolve() : setTimeout(wait, 50));
          wait();
        }),
    );
    return canvas.evaluate((el) => (el as HTMLCanvasElement & { fleetChart: () => DrawnChart }).fleetChart());
  }
}
