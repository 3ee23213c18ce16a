// A plan that buys in several periods is shown one period at a time: the Results view's period
// selector lists the periods by calendar month and switches the assignments, units owned and
// site use to those of the chosen period.
import { formatNumber } from '../core/format.ts';
import { periodLabel, planForPeriod } from '../core/plan-periods.ts';
import { expect, test } from './support/fixtures.ts';
import { solveViaApi } from './support/solve.ts';
import { ResultsPage } from './pages/results-page.ts';

test.use({ viewport: { width: 1400, height: 900 }, colorScheme: 'light' });

test('the period selector lists the purchase periods and switches what the Results view shows', async ({ app, page, plan }) => {
  const results = new ResultsPage(page);
  // three yearly periods, and a workload that outgrows its first tranche, so the periods differ
  await plan.api('settings-set', { patch: { horizon_months: 36, purchase_interval_months: 12, start_month: '2026-11' } });
  await plan.api('workload-upsert', {
    workload: { name: 'growing-batch', model: 'llama-3.3-70b', avg_output_tps: 20000, monthly_growth_pct: 6, placement: 'onprem', tiers: ['commodity'] },
  });
  const result = await solveViaApi(plan);
  expect(['optimal', 'time_limit']).toContain(result.status);
  expect(result.periods).toHaveLength(3);

  await app.open('results');
  await expect(results.status).toBeVisible();
  await expect(results.periodSelect).toBeVisible();
  expect(await results.periodLabels()).toEqual([
    // one name of a period everywhere: the schedule's and the PDF's (plan-periods.ts periodName)
    'Year 1 Nov 2026 – Oct 2027',
    'Year 2 Nov 2027 – Oct 2028',
    'Year 3 Nov 2028 – Oct 2029',
  ]);
  expect(result.periods.map((p) => periodLabel('2026-11', p))).toEqual(['Nov 2026 – Oct 2027', 'Nov 2027 – Oct 2028', 'Nov 2028 – Oct 2029']);

  const shown: string[] = [];
  for (const [i, p] of result.periods.entries()) {
    await results.selectPeriod(i);
    const slice = planForPeriod(result, p);
    // the assignment table holds exactly the period's assignments, each with its option's site
    await expect(results.assignmentTable).toHaveAttribute('data-rows', String(slice.assignments.length));
    for (const a of slice.assignments) await expect(results.cell(a.workload, 'site')).toHaveText(a.site ?? '—');
    // units owned in the period and the workloads served in it
    const units = slice.pools.reduce((n, x) => n + x.units, 0);
    await expect(results.unitsKpi).toHaveText(formatNumber(units));
    await expect(results.servedKpi).toContainText(String(slice.assignments.length));
    await expect(results.poolRows).toHaveCount(slice.pools.length);
    shown.push(`${units}|${(await results.cell('growing-batch', 'site').textContent()) ?? ''}`);
  }
  // the growing workload needs more units later on: switching periods changes what is shown
  const owned = result.periods.map((p) => planForPeriod(result, p).pools.reduce((n, x) => n + x.units, 0));
  expect(owned[2]!).toBeGreaterThan(owned[0]!);
  expect(new Set(shown).size).toBeGreaterThan(1);
});
