// The report's four charts, built by the app's own chart builders (renderer/lib/charts.ts) from
// the report model's series, in the light print theme: one report, two renderers.
import type { ChartConfiguration } from 'chart.js';
import { formatDecimal } from '../../core/format.ts';
import type { ChartSeries, ReportCapacityChart } from '../../core/report/model.ts';
import { addMonths, monthName } from '../../core/report/months.ts';
import {
  CAPACITY_LABELS,
  LIGHT_CHART_THEME,
  cumulativeConfig,
  demandPoints,
  monthlyByLineConfig,
  perMTokByTierConfig,
  tornadoConfig,
  tornadoLabelLines,
  type ChartTheme,
  type PerMTokRow,
} from '../lib/charts.ts';
import type { Tier } from '../../core/types.ts';

const theme: ChartTheme = { ...LIGHT_CHART_THEME, grid: '#e5e7eb', accent: '#12355b' };

/** Print: no animation, no hover. */
function forPrint<T extends ChartConfiguration>(cfg: T): T {
  const options = (cfg.options ?? {}) as Record<string, unknown>;
  const plugins = (options['plugins'] ?? {}) as Record<string, unknown>;
  return {
    ...cfg,
    options: { ...options, animation: false, events: [], plugins: { ...plugins, tooltip: { enabled: false } } },
  } as T;
}

export function monthlyChart(s: ChartSeries): ChartConfiguration {
  const lines = Object.fromEntries(s.stacked.map((x) => [x.line, x.values]));
  const cfg = monthlyByLineConfig({ labels: s.months, lines }, theme);
  // at print height chart.js dropped every other money tick, $0 among them: the axis of a chart
  // with a negative residual bar read −$6M, −$2M, $2M, $6M, $10M; fewer ticks are
  // whole steps from 0, with nothing to drop
  const y = cfg.options!.scales!['y']!;
  cfg.options!.scales!['y'] = { ...y, ticks: { ...y.ticks, maxTicksLimit: 6 } };
  return forPrint(cfg as ChartConfiguration);
}

export function cumulativeChart(s: ChartSeries, start: string): ChartConfiguration {
  const markers = s.cumulative
    .filter((c) => c.kind === 'baseline' && c.breakevenMonth != null && c.breakevenMonth > 0)
    .map((c) => ({
      index: c.breakevenMonth as number,
      label: `Break-even vs ${shortLabel(c.label)}: ${monthName(addMonths(start, c.breakevenMonth as number))}`,
    }));
  return forPrint(
    cumulativeConfig(
      { labels: s.months, series: s.cumulative.map((c) => ({ label: c.label, values: c.monthly, kind: c.kind })), markers },
      theme,
    ) as ChartConfiguration,
  );
}

export function perMTokChart(s: ChartSeries): ChartConfiguration {
  const rows: PerMTokRow[] = s.perMTok.filter((r) => r.tier !== 'all').map((r) => ({ tier: r.tier as Tier, usdPerM: r.value }));
  return forPrint(perMTokByTierConfig(rows, theme) as ChartConfiguration);
}

/**
 * The tornado's height in print: 60 px of axis and legend, 24 px for a row whose name is one line
 * and 15 px for each further line (a trend's rates, "breaks the plan at +20 %"), so that no row's
 * name runs into its neighbour's; at 24 px a row, the two-line names of the PDF overlapped and a
 * bar could be read under the wrong driver.
 */
export function tornadoHeight(s: ChartSeries, min: number): number {
  const rows = s.tornado.reduce((h, t) => {
    const lines = tornadoLabelLines(t.label);
    return h + 24 + 15 * ((Array.isArray(lines) ? lines.length : 1) - 1);
  }, 0);
  return Math.max(min, 60 + rows);
}

/** The TCO view's tornado in print: the rows' and the legend's words are core/tornado.ts's, as the app's. */
export function tornadoChart(s: ChartSeries, pct = 20): ChartConfiguration | null {
  if (s.tornado.length === 0) return null;
  const base = s.tornado[0]!.baseUsd;
  const rows = s.tornado.map((t) => ({ label: t.label, low: t.lowUsd, high: t.highUsd }));
  return forPrint(tornadoConfig({ base, pct, rows, ...(s.tornadoLegend ? { legend: s.tornadoLegend } : {}) }, theme) as ChartConfiguration);
}

/** A pool's units owned (a step that rises at each purchase) against the units its peak demand needs: the app's series and names (charts.ts capacityConfig). */
export function capacityChart(c: ReportCapacityChart): ChartConfiguration {
  const ticks = { color: theme.muted, autoSkip: true, autoSkipPadding: 12, maxRotation: 0 };
  return forPrint({
    type: 'line',
    data: {
      labels: c.months,
      datasets: [
        { label: CAPACITY_LABELS.owned, data: c.owned, stepped: 'before', borderColor: theme.accent, backgroundColor: 'rgba(18,53,91,0.10)', fill: 'origin', borderWidth: 2, pointRadius: 0 },
        { label: CAPACITY_LABELS.needed, data: demandPoints(c.needed), borderColor: theme.tiers.edge, backgroundColor: theme.tiers.edge, borderWidth: 1.5, borderDash: [5, 3], pointRadius: 0, tension: 0 },
      ],
    },
    options: {
      animation: false,
      scales: {
        x: { grid: { display: false }, ticks, border: { color: theme.grid } },
        // whole units on the axis; a month's need is fractional
        y: { beginAtZero: true, grid: { color: theme.grid }, ticks: { ...ticks, precision: 0 }, border: { color: theme.grid }, title: { display: true, text: 'units', color: theme.muted } },
      },
      plugins: { legend: { position: 'bottom', labels: { color: theme.text, boxWidth: 18, boxHeight: 2, padding: 8 } } },
    },
  } as ChartConfiguration);
}

function shortLabel(label: string): string {
  const m = /^\(?([a-z])\)?\s/i.exec(label);
  return m ? `baseline ${m[1]}` : label.length > 24 ? label.slice(0, 22) + '…' : label;
}

export const pctLabel = (p: number) => `±${formatDecimal(p)}%`;
