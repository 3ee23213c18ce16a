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

/**
 * What runs a view sideways (the view or a box around it wider than it shows), naming what lies past
 * its edge, and every money figure wider than its own box: a table that scrolls in its own box
 * (the procurement schedule's) is no overflow.
 */
async function spilled(page: Page, view: string): Promise<string[]> {
  return page.getByTestId(view).evaluate((root) => {
    const name = (e: Element) => `${e.getAttribute('data-testid') ?? e.tagName.toLowerCase()} "${e.textContent?.trim().replace(/\s+/g, ' ').slice(0, 48)}"`;
    const out: string[] = [];
    for (let a: HTMLElement | null = root as HTMLElement; a && a !== document.body; a = a.parentElement) {
      if (a.scrollWidth <= a.clientWidth + 0.5) continue;
      const edge = a.getBoundingClientRect().left + a.clientWidth + 0.5;
      const past = Array.from(a.querySelectorAll('*')).filter((e) => e.getBoundingClientRect().right > edge && !(e.parentElement && e.parentElement !== a && e.parentElement.getBoundingClientRect().right > edge));
      out.push(`${name(a).slice(0, 20)} scrolls sideways (${a.scrollWidth} > ${a.clientWidth} px): ${past.slice(0, 3).map(name).join(' | ')}`);
    }
    for (const e of Array.from(root.querySelectorAll<HTMLElement>('*'))) {
      const own = Array.from(e.childNodes).filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join('');
      if (/\$\d/.test(own) && getComputedStyle(e).display !== 'inline' && e.scrollWidth > e.clientWidth + 0.5) out.push(`${name(e)} (${e.scrollWidth} > ${e.clientWidth} px)`);
    }
    return out;
  });
}

test('a $409B plan: Compare, the baselines, the plan-year and sensitivity tables, the schedule, plan history and Workloads keep every figure on screen at 1400 to 640 px', async ({ app, page, plan }) => {
  await vastDemo(plan, 300);
  await solveViaApi(plan);
  await plan.api('scenario-new', { name: 'High rate', from: 'Base' });
  await plan.api('scenario-use', { name: 'High rate' });
  await plan.api('settings-set', { patch: { discount_rate_pct: 10 } });
  await solveViaApi(plan);
  await plan.api('scenario-use', { name: 'Base' });
  const base = await solveViaApi(plan); // a second plan of Base: Results lists its plan history

  // the baselines' figures as the key figures give them: compact beyond 15 characters, the exact ones in the note
  // (baseline (b)'s "$3,116,981,154,390" and "▼ $2,708,028,094,650 (86.9% of the baseline)" ran past the TCO view at 1024 px)
  await app.open('tco');
  await expect(page.getByTestId('tco-baselines')).toHaveAttribute('aria-busy', 'false');
  for (const id of ['api', 'system']) {
    const cost = Number(await page.getByTestId(`baseline-cost-${id}`).getAttribute('data-value'));
    expect(formatMoney(cost).length).toBeGreaterThan(15);
    await expect(page.getByTestId(`baseline-cost-${id}`)).toHaveText(formatMoneyCompact(cost));
    await expect(page.getByTestId(`baseline-exact-${id}`)).toContainText(`baseline cost ${formatMoney(cost)}`);
    await expect(page.getByTestId(`baseline-diff-${id}`)).not.toContainText(/\d,\d{3},\d{3}/);
  }

  for (const width of [1400, 1280, 1180, 1024, 820, 640]) {
    await page.setViewportSize({ width, height: 900 });
    await app.go('tco');
    await expect(page.getByTestId('plan-years')).toBeVisible();
    // the sensitivity's figures, row by row (a closed <details> each time the view opens)
    await page.getByTestId('sensitivity').locator('details > summary').click();
    await expect(page.getByTestId('sensitivity-table')).toBeVisible();
    expect(await spilled(page, 'tco-view'), `TCO at ${width} px`).toEqual([]);
    await app.go('results');
    await expect(page.getByTestId('plan-history')).toBeVisible();
    await expect(page.getByTestId('procurement-schedule')).toBeVisible();
    expect(await spilled(page, 'results-view'), `Results at ${width} px`).toEqual([]);
    await app.go('compare');
    await expect(page.getByTestId('compare-table')).toContainText(formatMoney(base.totals.horizon_cost_usd));
    expect(await spilled(page, 'compare-view'), `Compare at ${width} px`).toEqual([]);
    await app.go('workloads');
    await expect(page.getByTestId('workload-table')).toBeVisible();
    expect(await spilled(page, 'workloads-view'), `Workloads at ${width} px`).toEqual([]);
  }
});

test('a $409B plan: the re-optimised cases keep every figure on screen at 1400 to 640 px, exact in their table', async ({ app, page, plan }) => {
  // the cases' table ("−5%/yr: $404,063,154,457") ran the TCO view 51 px sideways at 640 px, its high
  // cases cut off; the tornado's tooltips (charts.ts tornadoConfig) give such figures compact
  await vastDemo(plan, 300);
  const r = await solveViaApi(plan);
  await app.open('tco');
  await page.getByTestId('reopt-toggle').check();
  await page.getByTestId('reopt-time-limit').fill('2');
  await page.getByTestId('reopt-run').click();
  // the chart is drawn once every case has answered
  await expect(page.getByTestId('chart-tornado-reopt')).toBeVisible({ timeout: 170_000 });
  await expect(page.getByTestId('reopt-run')).toBeVisible();
  // a $100B+ plan (16-character figures), each exact in the caption and the table
  expect(formatMoney(r.totals.horizon_cost_usd).length).toBeGreaterThan(15);
  await expect(page.getByTestId('reopt-base')).toContainText(/base \$\d{3},\d{3},\d{3},\d{3},/);
  await expect(page.getByTestId('reopt-row-hardware')).toContainText(/−20%: \$\d{3},\d{3},\d{3},\d{3}/);
  for (const width of [1400, 1280, 1180, 1024, 820, 640]) {
    await page.setViewportSize({ width, height: 900 });
    await page.getByTestId('reopt-cases').scrollIntoViewIfNeeded();
    expect(await spilled(page, 'tco-view'), `TCO at ${width} px`).toEqual([]);
  }
});

/**
 * The key figures' cards in lines (cards whose tops meet), each line with the heights of its cards'
 * label texts and the tops of their figures: `label`, `figure` are selectors inside a card.
 */
async function kpiLines(page: Page, card: string, label: string, figure: string): Promise<{ labels: number[]; figures: number[] }[]> {
  return page.locator(card).evaluateAll((cards, [l, f]) => {
    const lines = new Map<number, { labels: number[]; figures: number[] }>();
    for (const c of cards) {
      const top = Math.round(c.getBoundingClientRect().top);
      const line = lines.get(top) ?? { labels: [], figures: [] };
      // the label's text, not its box (which the shared row stretches)
      const text = document.createRange();
      text.selectNodeContents(c.querySelector(l!)!);
      line.labels.push(text.getBoundingClientRect().height);
      line.figures.push(c.querySelector(f!)!.getBoundingClientRect().top);
      lines.set(top, line);
    }
    return [...lines.values()];
  }, [label, figure]);
}

test('the key figures of Results and TCO stand level in a line of cards where their labels wrap to different line counts, at 1400 to 820 px', async ({ app, page, plan }) => {
  await solveViaApi(plan);
  await app.open('results');
  let uneven = 0;
  for (const width of [1400, 1280, 1180, 1024, 820]) {
    await page.setViewportSize({ width, height: 900 });
    for (const [view, card, label, figure, shown] of [
      ['tco', '[data-testid="tco-kpis"] .kpi', '.k', '.v', 'kpi-capex'],
      ['results', '.kpis > div', 'dt', 'dd', 'kpi-plan-capex'],
    ] as const) {
      await app.go(view);
      await expect(page.getByTestId(shown)).toBeVisible();
      if (process.env.FLEETPLAN_KPI_SHOTS) await page.screenshot({ path: `${process.env.FLEETPLAN_KPI_SHOTS}/${view}-${width}.png` });
      for (const line of await kpiLines(page, card, label, figure)) {
        // labels of one line that wrap to different line counts (the figures then stood at different heights)
        if (Math.max(...line.labels) - Math.min(...line.labels) > 4) uneven++;
        expect(Math.max(...line.figures) - Math.min(...line.figures), `${view} at ${width} px: figure tops ${line.figures.join(', ')}`).toBeLessThan(1);
      }
    }
  }
  // the demo's labels do wrap unevenly at some of these widths: the check above had something to level
  expect(uneven).toBeGreaterThan(0);
});

test('the PDF summary\'s key figures stand level where their labels wrap to two and three lines', async ({ page, plan }) => {
  // six boxes (a plan that leaves workloads unserved): "Cost per M output tokens" on three lines put
  // its figure a line below "Horizon cost"'s two
  await plan.api('settings-set', { patch: { purchase_interval_months: 12, hardware_price_change_pct_per_year: -15, cloud_price_change_pct_per_year: -10, unserved_penalty_usd_per_month: 8000 } });
  await solveViaApi(plan);
  const url = new URL(plan.url);
  url.pathname = '/report.html';
  await page.goto(url.toString());
  await page.waitForFunction(() => document.body.dataset['ready'] === '1' || !!document.body.dataset['error']);
  const lines = await kpiLines(page, '.doc .kpi', '.kpi-label', '.kpi-value');
  expect(lines).toHaveLength(1);
  const [line] = lines;
  expect(line!.labels.length).toBe(6);
  // labels of two and of three lines (7 pt type: about 11 px a line)
  expect(Math.max(...line!.labels) - Math.min(...line!.labels)).toBeGreaterThan(8);
  expect(Math.max(...line!.figures) - Math.min(...line!.figures), `figure tops ${line!.figures.join(', ')}`).toBeLessThan(1);
});
