// The key figures of Results and TCO say only what is true of the plan and fit their cards: "net of
// the residual credit" only beside a credit, and a figure of more than 15 characters given compact
// with the exact one first in its note, as the PDF's summary does (kpiMoney), at any window width.
import { formatMoney, formatMoneyCompact } from '../core/format.ts';
import { expect, test } from './support/fixtures.ts';
import { planOf, solveViaApi } from './support/solve.ts';
import { computeTco } from '../core/tco/engine.ts';
import type { PlanServer } from './support/plan-server.ts';
import type { Page } from '@playwright/test';

/** The demo's demand and sites 1,000 times over and every price `priceTimes` times (a $100B+ plan), at 8 %. */
async function vastDemo(plan: PlanServer, priceTimes: number): Promise<void> {
  for (const w of await plan.api('workload-list', {})) {
    await plan.api('workload-upsert', { workload: { ...w, avg_output_tps: w.avg_output_tps * 1000, endpoints: w.endpoints * 1000 }, originalName: w.name });
  }
  for (const s of await plan.api('site-list', {})) {
    await plan.api('site-upsert', { site: { ...s, it_power_kw: s.it_power_kw * 1000, racks: s.racks * 1000 }, originalName: s.name });
  }
  for (const o of (await plan.api('catalog-get', {})).options) {
    const scaled: Record<string, unknown> = { ...o };
    for (const k of ['price_usd', 'usd_per_hour', 'usd_per_m_input', 'usd_per_m_output']) if (typeof scaled[k] === 'number') scaled[k] = (scaled[k] as number) * priceTimes;
    await plan.api('option-upsert', { option: scaled as typeof o, originalId: o.id });
  }
  await plan.api('settings-set', { patch: { discount_rate_pct: 8, time_limit_s: 4 } });
}

/** The key figures whose text runs past their box (scrollWidth beyond clientWidth), with their widths. */
async function overflowing(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 0.5).map((e) => `${e.textContent} (${e.scrollWidth} > ${e.clientWidth} px)`));
}

test('a $100B+ plan: Results and TCO give their key figures compact beyond 15 characters, the exact figure in the note, and every figure fits its card', async ({ app, page, plan }) => {
  // every price 300 times: a $453,156,000,000 capex (16 characters) ran 21 px past its TCO card at 1400 px
  await vastDemo(plan, 300);
  const r = await solveViaApi(plan);
  const [cost, capex] = [r.totals.horizon_cost_usd, r.totals.capex_usd];
  expect(formatMoney(cost).length).toBeGreaterThan(15);

  await app.open('results');
  await expect(page.getByTestId('kpi-plan-horizon')).toHaveText(formatMoneyCompact(cost));
  await expect(page.getByTestId('kpi-plan-horizon-note')).toHaveText(`${formatMoney(cost)}; 36 months, discounted at 8% a year, net of the residual credit`);
  await expect(page.getByTestId('kpi-plan-capex')).toHaveText(formatMoneyCompact(capex));
  await expect(page.getByTestId('kpi-plan-capex-note')).toHaveText(formatMoney(capex));
  await app.go('tco');
  await expect(page.getByTestId('kpi-horizon-cost')).toHaveText(formatMoneyCompact(cost));
  await expect(page.getByTestId('kpi-horizon-note')).toHaveText(`${formatMoney(cost)}; 36 months, discounted at 8% a year, net of the residual credit`);
  await expect(page.getByTestId('kpi-capex')).toHaveText(formatMoneyCompact(capex));
  await expect(page.getByTestId('kpi-capex-note')).toHaveText(new RegExp(`^${formatMoney(capex).replace(/\$/g, '\\$')}; `));

  // a laptop's 1280 px, a narrow window, and 200 % zoom of 1280 px (640 px)
  for (const width of [1400, 1280, 1180, 1024, 820, 640]) {
    await page.setViewportSize({ width, height: 900 });
    await app.go('tco');
    await expect(page.getByTestId('kpi-capex')).toBeVisible();
    expect(await overflowing(page, '.kpi .v'), `TCO at ${width} px`).toEqual([]);
    await app.go('results');
    await expect(page.getByTestId('kpi-plan-capex')).toBeVisible();
    expect(await overflowing(page, '.kpis dd'), `Results at ${width} px`).toEqual([]);
  }
});

test('hardware held to the end of its life, the credit on but $0: Results and TCO do not say the cost is net of a residual credit', async ({ app, page, plan }) => {
  // one purchase period and every system and edge device living exactly the 36-month horizon: nothing
  // is left to credit, and both screens read "…, net of the residual credit" (the PDF and fleetplan tco said nothing)
  await plan.api('settings-set', { patch: { discount_rate_pct: 8, residual_value: true, horizon_months: 36, purchase_interval_months: 36 } });
  for (const o of (await plan.api('catalog-get', {})).options) {
    if (o.kind === 'system' || o.kind === 'edge_device') await plan.api('option-upsert', { option: { ...o, lifetime_months: 36 }, originalId: o.id });
  }
  await solveViaApi(plan);
  const stored = await plan.api('plan-latest', {});
  const tco = computeTco(stored!.input, planOf(stored));
  expect(tco.totals.residual_credit_usd).toBe(0);
  expect(tco.totals.capex_usd).toBeGreaterThan(0);
  await app.open('results');
  await expect(page.getByTestId('kpi-plan-horizon-note')).toHaveText('36 months, discounted at 8% a year');
  await app.go('tco');
  await expect(page.getByTestId('kpi-horizon-note')).toHaveText('36 months, discounted at 8% a year');
  await expect(page.getByTestId('kpi-undiscounted-note')).toHaveText('plain sum of all months');
});
