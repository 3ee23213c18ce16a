// The report's charts draw the model's series with the app's names: the tornado's rows and legend
// (core/tornado.ts) and a pool's units owned against units needed (charts.ts CAPACITY_LABELS).
import { describe, expect, it } from 'vitest';
import type { ChartSeries, ReportCapacityChart } from '../../core/report/model.ts';
import { CAPACITY_LABELS } from '../lib/charts.ts';
import { capacityChart, tornadoChart, tornadoHeight } from './report-charts.ts';

const series = (over: Partial<ChartSeries>): ChartSeries => ({
  months: ['May 2026'], stacked: [], cumulative: [], perMTok: [], tiers: {}, tornado: [], tornadoPct: 20, tornadoNotes: [], discounted: false, ...over,
});

describe('the report tornado', () => {
  const rows = [
    { label: 'Hardware price trend (−24%/yr / −16%/yr)', lowUsd: 90, highUsd: 110, baseUsd: 100 },
    { label: 'Electricity price', lowUsd: 95, highUsd: 105, baseUsd: 100 },
  ];
  it("names its cases by the model's legend when trend rows name their rates, not '−20%' over the −24 %/yr bar", () => {
    const legend: [string, string] = ['Low case (−20%; trends: rate on the row)', 'High case (+20%; trends: rate on the row)'];
    const cfg = tornadoChart(series({ tornado: rows, tornadoLegend: legend }))!;
    expect(cfg.data.datasets.map((d) => d.label)).toEqual(legend);
    expect(cfg.data.labels).toContainEqual(['Hardware price trend', '(−24%/yr / −16%/yr)']);
  });
  it('is tall enough that a name of two lines does not run into the next row', () => {
    const two = (label: string) => ({ label, lowUsd: 95, highUsd: 105, baseUsd: 100 });
    const names = ['Hardware price trend (−5%/yr / +5%/yr)', 'Cloud price trend (−5%/yr / +5%/yr)', 'Demand growth — breaks the plan at +20 %', 'Cloud instance rates — no effect', 'Electricity price'];
    const h = tornadoHeight(series({ tornado: names.map(two) }), 0);
    // 4 rows of two lines at ≥ 2 × 15 px and a row of one line at ≥ 24 px, beside the 60 px of axis and legend
    expect(h).toBeGreaterThanOrEqual(60 + 4 * 2 * 15 + 24);
    expect(tornadoHeight(series({ tornado: [two('Electricity price')] }), 190)).toBe(190);
  });
  it('says −pct% / +pct% when every row moves by it', () => {
    const cfg = tornadoChart(series({ tornado: rows.slice(1), tornadoPct: 10 }), 10)!;
    expect(cfg.data.datasets.map((d) => d.label)).toEqual(['−10%', '+10%']);
  });
});

describe('the report capacity chart', () => {
  it('draws units owned against units needed, as the app names them', () => {
    const c: ReportCapacityChart = { title: 'B200 · m at dc', caption: '', months: ['May 2026', 'Jun 2026', 'Jul 2026'], owned: [2, 2, 2], needed: [0, 1.4, 0.6] };
    const cfg = capacityChart(c);
    expect(cfg.data.datasets.map((d) => d.label)).toEqual([CAPACITY_LABELS.owned, CAPACITY_LABELS.needed]);
    expect(cfg.data.datasets[0]!.data).toEqual([2, 2, 2]);
    expect(cfg.data.datasets[1]!.data).toEqual([null, 1.4, 0.6]);
  });
});
