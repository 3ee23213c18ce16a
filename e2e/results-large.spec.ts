// A plan larger than one screen in Results: the assignment table draws only the rows in view
// (virtualised) and the workload timeline shows pages of 50, yet every workload is reachable —
// by keyboard (End) and scrolling in the table, by paging in the timeline — and a filter finds a
// workload that sits on a later page; the sections at the foot of the page are drawn when reached,
// and the plan kept between visits follows edits (stale, then fresh again).
import type { Workload } from '../core/types.ts';
import { expect, test } from './support/fixtures.ts';
import { solveViaApi } from './support/solve.ts';
import { ResultsPage } from './pages/results-page.ts';
import { SchedulePage } from './pages/schedule-page.ts';

test.use({ viewport: { width: 1400, height: 900 }, colorScheme: 'light' });

const N = 130;
const byName = new Intl.Collator(undefined, { numeric: true }).compare;

test('every workload of a large plan is reachable in the assignment table and the timeline', async ({ app, page, plan }) => {
  test.setTimeout(300_000);
  // the demo's workloads copied N times at a small demand, on two yearly periods
  const demo: Workload[] = await plan.api('workload-list', {});
  const many = Array.from({ length: N }, (_, i) => {
    const w = demo[i % demo.length]!;
    return { ...w, name: `bulk-${String(i + 1).padStart(3, '0')}-${w.name}`, avg_output_tps: 1 + (i % 5), monthly_growth_pct: 0 };
  });
  await plan.api('workload-restore', { workloads: many });
  await plan.api('settings-set', { patch: { horizon_months: 24, purchase_interval_months: 12, start_month: '2026-11', time_limit_s: 30 } });
  const result = await solveViaApi(plan);
  expect(['optimal', 'time_limit']).toContain(result.status);
  const names = [...new Set(result.assignments.filter((a) => a.period === 0).map((a) => a.workload))];
  expect(names.length, 'more assignments than one screen of rows').toBeGreaterThan(60);

  const results = new ResultsPage(page);
  const s = new SchedulePage(page);
  await app.open('results');

  // the table: far fewer rows in the DOM than in the table; End reaches the last one
  await expect(results.assignmentTable).toHaveAttribute('data-rows', String(names.length));
  const drawn = await results.assignmentRows.count();
  expect(drawn, 'only the rows in view are drawn').toBeLessThan(names.length);
  const last = names.at(-1)!;
  await expect(results.assignmentRow(last)).toHaveCount(0);
  await results.assignmentTable.focus();
  await page.keyboard.press('End');
  await expect(results.assignmentRow(last)).toBeVisible();
  await page.keyboard.press('Home');
  await expect(results.assignmentRow(names[0]!)).toBeVisible();
  // scrolling to the end draws the last row too
  await results.assignmentTable.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(results.assignmentRow(last)).toBeVisible();
  // the filter finds a workload far down the table
  const deep = names[Math.floor(names.length * 0.9)]!;
  await page.getByTestId('assignment-filter').fill(deep);
  await expect(results.assignmentTable).toHaveAttribute('data-rows', '1');
  await expect(results.assignmentRow(deep)).toBeVisible();

  // the timeline: pages of 50 in name order; Next reaches the last workload
  const sorted = [...new Set(result.assignments.map((a) => a.workload))].sort(byName);
  await expect(page.getByTestId('timeline-count')).toHaveAttribute('data-rows', String(sorted.length));
  await expect(s.timelineRows).toHaveCount(50);
  const lastName = sorted.at(-1)!;
  await expect(page.locator(`[data-testid="timeline-row"][data-workload="${lastName}"]`)).toHaveCount(0);
  const next = page.getByTestId('timeline-next');
  for (let k = 1; k < Math.ceil(sorted.length / 50); k++) {
    await next.focus();
    await page.keyboard.press('Enter');
    await expect(s.timelineRows.first()).toHaveAttribute('data-workload', sorted[k * 50]!);
  }
  await expect(next).toBeDisabled();
  await expect(s.timelineRows).toHaveCount(sorted.length - 50 * (Math.ceil(sorted.length / 50) - 1));
  await expect(s.timelineRows.last()).toHaveAttribute('data-workload', lastName);
  await expect(page.getByTestId('timeline-count')).toContainText(`of ${sorted.length} workloads`);

  // back to the first page, then a filter finds a workload that was on a later page
  await page.getByTestId('timeline-prev').click();
  const later = sorted[75]!;
  await page.getByTestId('timeline-filter').fill(later);
  await expect(s.timelineRows).toHaveCount(1);
  await expect(s.timelineRows.first()).toHaveAttribute('data-workload', later);
  await expect(page.getByTestId('timeline-count')).toHaveAttribute('data-rows', '1');
  await expect(page.getByTestId('timeline-count')).toHaveText('1 workload'); // not '1–1 of 1 workloads'

  // the sections at the foot of the long page (drawn only when scrolled near) are there when reached
  const racks = page.getByTestId('rack-elevations');
  await racks.scrollIntoViewIfNeeded();
  await expect(results.rackElevations.first()).toBeVisible();
  expect((await results.rackElevations.first().boundingBox())?.height ?? 0, 'the elevation is drawn at its size').toBeGreaterThan(100);
  await page.getByTestId('binding').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('binding')).toBeVisible();

  // the plan kept across visits follows the document: an edit makes it stale, undoing the edit fresh again
  const w = (await plan.api('workload-list', {})).find((x) => x.name === last)!;
  await plan.api('workload-upsert', { workload: { ...w, avg_output_tps: w.avg_output_tps * 2 }, originalName: w.name });
  await expect(results.staleBanner).toBeVisible();
  await app.go('workloads');
  await app.go('results');
  await expect(results.staleBanner).toBeVisible();
  await plan.api('workload-upsert', { workload: w, originalName: w.name });
  await expect(results.staleBanner).toHaveCount(0);
  await expect(results.assignmentTable).toBeVisible();
});
