// Pure builders of chart.js configurations for the TCO, Results and report charts: data in,
// config out, no DOM. Colours come from a ChartTheme (read from the app's CSS variables by
// Chart.svelte, or LIGHT_CHART_THEME for print) so the screen and the PDF draw the same charts.
import type { ChartConfiguration, Plugin, TooltipItem } from 'chart.js';
import { COST_LINE_LABELS, COST_LINES, type CostLine } from '../../core/cost-lines.ts';
import { formatDecimal, formatMoney, formatPlanMonth, formatMoneyCompact, formatTick, formatUsdPerMTok, kpiMoney } from '../../core/format.ts';
import { TIERS, type Tier } from '../../core/tiers.ts';
import { TIER_NAMES } from '../../core/labels.ts';
import { swingOf } from '../../core/tornado.ts';

export type ChartTheme = {
  text: string;
  muted: string;
  grid: string;
  surface: string;
  accent: string;
  danger: string;
  ok: string;
  tiers: Record<Tier, string>;
  /** one colour per cost line, in COST_LINES order */
  lines: Record<CostLine, string>;
  /** baseline series (a), (b), … */
  series: string[];
};

// Cost-line colours are chosen to read on both light and dark surfaces.
const LINE_COLOURS: Record<CostLine, string> = {
  system_capex: '#3b6fd4',
  system_replacement: '#7ea4ec',
  system_energy: '#e0a526',
  system_support: '#8e6bd1',
  system_space: '#8a8f98',
  cloud_instances: '#1d9a8a',
  api_tokens: '#d1495b',
  edge_capex: '#c9772b',
  edge_energy: '#edb879',
  edge_inference: '#e8839a',
  residual_credit: '#5aa469',
};

export const LIGHT_CHART_THEME: ChartTheme = {
  text: '#1b1f24',
  muted: '#5b6470',
  grid: '#e3e6eb',
  surface: '#ffffff',
  accent: '#1f5fbf',
  danger: '#b42318',
  ok: '#1a7f37',
  tiers: { premium: '#7c3aed', commodity: '#0f766e', edge: '#b45309' },
  lines: LINE_COLOURS,
  series: ['#d1495b', '#8a8f98', '#e0a526'],
};

/** Builds a theme from CSS custom properties (`get('--text')`); missing ones fall back to light. */
export function chartThemeFrom(get: (cssVar: string) => string): ChartTheme {
  const v = (name: string, fallback: string) => get(name).trim() || fallback;
  const L = LIGHT_CHART_THEME;
  return {
    text: v('--text', L.text),
    muted: v('--text-muted', L.muted),
    grid: v('--border', L.grid),
    surface: v('--surface', L.surface),
    accent: v('--accent', L.accent),
    danger: v('--danger', L.danger),
    ok: v('--ok', L.ok),
    tiers: {
      premium: v('--tier-premium', L.tiers.premium),
      commodity: v('--tier-commodity', L.tiers.commodity),
      edge: v('--tier-edge', L.tiers.edge),
    },
    lines: LINE_COLOURS,
    series: [v('--danger', L.series[0]!), v('--text-muted', L.series[1]!), L.series[2]!],
  };
}

/** the short tier names of charts and badges */
export const TIER_LABELS: Record<Tier, string> = TIER_NAMES;

/** Axis labels: calendar months ("Jan 2027") when a start month is known, else "M1", "M2" … */
export function monthLabels(horizon: number, startMonth?: string): string[] {
  return Array.from({ length: horizon }, (_, i) => (startMonth ? formatPlanMonth(startMonth, i) : `M${i + 1}`));
}

function toArray(v: ArrayLike<number>): number[] {
  return Array.from(v, (x) => (Number.isFinite(x) ? x : 0));
}

function axes(theme: ChartTheme, opts: { stacked?: boolean; money?: 'y' | 'x' } = {}) {
  const moneyTicks = { color: theme.muted, callback: (v: number | string) => formatTick(Number(v), true) };
  // month labels are all of one width ("Nov 2026"): fitting them needs a sample, not all 36+ measured,
  // and no rotation to try (chart.js's own advice for large charts)
  const plainTicks = { color: theme.muted, autoSkip: true, minRotation: 0, maxRotation: 0, sampleSize: 12 };
  const money = opts.money ?? 'y';
  return {
    x: {
      stacked: opts.stacked ?? false,
      grid: { color: theme.grid, display: money === 'x' },
      ticks: money === 'x' ? moneyTicks : plainTicks,
      border: { color: theme.grid },
    },
    y: {
      stacked: opts.stacked ?? false,
      grid: { color: theme.grid, display: money === 'y' },
      ticks: money === 'y' ? moneyTicks : plainTicks,
      border: { color: theme.grid },
    },
  };
}

function legend(theme: ChartTheme, position: 'top' | 'bottom' | 'right' = 'bottom') {
  return { position, labels: { color: theme.text, boxWidth: 12, boxHeight: 12, padding: 10 } };
}

function moneyTooltip<T extends 'bar' | 'line'>(axis: 'x' | 'y', unit = '') {
  return {
    callbacks: {
      label: (item: TooltipItem<T>) => {
        const ctx = item as unknown as { parsed: { x: number; y: number }; dataset: { label?: string } };
        const value = axis === 'y' ? ctx.parsed.y : ctx.parsed.x;
        return ` ${ctx.dataset.label ?? ''}: ${formatMoney(value)}${unit}`;
      },
    },
  };
}

// ── monthly cost stacked by line ──────────────────────────────────────────────────────────

export type MonthlyLinesData = {
  labels: string[];
  /** USD per month for each cost line; all-zero lines are dropped */
  lines: Partial<Record<CostLine, ArrayLike<number>>>;
};

export function monthlyByLineConfig(data: MonthlyLinesData, theme: ChartTheme): ChartConfiguration<'bar'> {
  const datasets = COST_LINES.flatMap((line) => {
    const v = data.lines[line];
    if (!v || !Array.from(v).some((x) => Math.abs(x) > 1e-9)) return [];
    return [
      {
        label: COST_LINE_LABELS[line],
        data: toArray(v),
        backgroundColor: theme.lines[line],
        borderWidth: 0,
        stack: 'cost',
      },
    ];
  });
  return {
    type: 'bar',
    data: { labels: [...data.labels], datasets },
    options: {
      animation: false,
      interaction: { mode: 'index', intersect: false },
      scales: axes(theme, { stacked: true }),
      plugins: {
        legend: legend(theme),
        tooltip: {
          filter: (item: TooltipItem<'bar'>) => Math.abs(item.parsed.y ?? 0) > 1e-9,
          callbacks: {
            ...moneyTooltip<'bar'>('y', ' /month').callbacks,
            footer: (items: TooltipItem<'bar'>[]) =>
              `Total: ${formatMoney(items.reduce((s, i) => s + (i.parsed.y ?? 0), 0))} /month`,
          },
        },
      },
    },
  };
}

// ── cumulative cost: plan vs baselines, break-even marked ─────────────────────────────────

/** hidden: left out of the drawing (the TCO view's "Lines shown" boxes: the canvas legend is a key, not a control) */
export type CumulativeSeries = { label: string; values: ArrayLike<number>; kind: 'plan' | 'baseline'; hidden?: boolean };
export type MonthMarker = { index: number; label: string; color?: string };
/** presentValue: the series are discounted (δ(m) × each month's cost), and the tooltips say so */
export type CumulativeData = { labels: string[]; series: CumulativeSeries[]; markers: MonthMarker[]; presentValue?: boolean };

type MarkerOptions = { markers: MonthMarker[]; color: string; textColor: string };

/** Vertical lines at given category indexes (break-even months): a tiny inline plugin. */
export const monthMarkersPlugin: Plugin<'line'> = {
  id: 'fleetMonthMarkers',
  afterDatasetsDraw(chart, _args, raw) {
    const opts = raw as unknown as MarkerOptions | undefined;
    if (!opts?.markers?.length) return;
    const x = chart.scales['x'];
    const area = chart.chartArea;
    if (!x || !area) return;
    const ctx = chart.ctx;
    ctx.save();
    opts.markers.forEach((mk, i) => {
      const px = x.getPixelForValue(mk.index);
      if (!Number.isFinite(px)) return;
      ctx.strokeStyle = mk.color ?? opts.color;
      ctx.lineWidth = 1.5;
      ctx.setLineDash([5, 4]);
      ctx.beginPath();
      ctx.moveTo(px, area.top);
      ctx.lineTo(px, area.bottom);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = mk.color ?? opts.textColor;
      ctx.font = '11px system-ui, sans-serif';
      const w = ctx.measureText(mk.label).width;
      // flip the label to the left of the line near the right edge; stagger several labels
      const tx = px + 4 + w > area.right ? px - 4 - w : px + 4;
      ctx.fillText(mk.label, tx, area.top + 12 + i * 14);
    });
    ctx.restore();
  },
};

export function cumulativeConfig(data: CumulativeData, theme: ChartTheme): ChartConfiguration<'line'> {
  let baselineIdx = 0;
  const datasets = data.series.map((s) => {
    const cum: number[] = [];
    let acc = 0;
    for (const x of toArray(s.values)) cum.push((acc += x));
    const colour = s.kind === 'plan' ? theme.accent : theme.series[baselineIdx++ % theme.series.length]!;
    return {
      label: s.label,
      data: cum,
      borderColor: colour,
      backgroundColor: colour,
      borderWidth: s.kind === 'plan' ? 2.5 : 1.5,
      borderDash: s.kind === 'plan' ? [] : [6, 4],
      pointRadius: 0,
      pointHitRadius: 6,
      tension: 0,
      hidden: s.hidden ?? false,
    };
  });
  const markers: MarkerOptions = { markers: data.markers, color: theme.ok, textColor: theme.ok };
  return {
    type: 'line',
    data: { labels: [...data.labels], datasets },
    plugins: [monthMarkersPlugin],
    options: {
      animation: false,
      interaction: { mode: 'index', intersect: false },
      scales: axes(theme),
      plugins: {
        // a key only: the lines are shown and hidden by the view's boxes, which a keyboard reaches (a
        // click here hid a line the boxes still said was shown, until the next redraw)
        legend: { ...legend(theme), onClick: () => {}, labels: { ...legend(theme).labels, usePointStyle: true, pointStyle: 'line', boxWidth: 28 } },
        // a discounted figure says so where it is read ("$14,347,746 cumulative" under a
        // present-value chart read as money spent by then)
        tooltip: moneyTooltip<'line'>('y', data.presentValue ? ' cumulative, present value' : ' cumulative'),
        // chart.js passes plugin options by id; the marker plugin reads them
        ...({ fleetMonthMarkers: markers } as object),
      },
    },
  };
}

// ── cost by tier (stacked, per month) ─────────────────────────────────────────────────────

export type TierSeriesData = { labels: string[]; tiers: Partial<Record<Tier, ArrayLike<number>>>; other?: ArrayLike<number> };

export function costByTierConfig(data: TierSeriesData, theme: ChartTheme): ChartConfiguration<'bar'> {
  const datasets = TIERS.flatMap((tier) => {
    const v = data.tiers[tier];
    if (!v || !Array.from(v).some((x) => Math.abs(x) > 1e-9)) return [];
    return [{ label: TIER_LABELS[tier], data: toArray(v), backgroundColor: theme.tiers[tier], borderWidth: 0, stack: 'tier' }];
  });
  if (data.other && Array.from(data.other).some((x) => Math.abs(x) > 1e-9)) {
    datasets.push({ label: 'Shared (racks, residual)', data: toArray(data.other), backgroundColor: theme.muted, borderWidth: 0, stack: 'tier' });
  }
  return {
    type: 'bar',
    data: { labels: [...data.labels], datasets },
    options: {
      animation: false,
      interaction: { mode: 'index', intersect: false },
      scales: axes(theme, { stacked: true }),
      plugins: { legend: legend(theme), tooltip: moneyTooltip<'bar'>('y', ' /month') },
    },
  };
}

// ── $ per million output tokens by tier ───────────────────────────────────────────────────

export type PerMTokRow = { tier: Tier; usdPerM: number | null };

export function perMTokByTierConfig(rows: PerMTokRow[], theme: ChartTheme): ChartConfiguration<'bar'> {
  const shown = rows.filter((r) => r.usdPerM != null && Number.isFinite(r.usdPerM));
  return {
    type: 'bar',
    data: {
      labels: shown.map((r) => TIER_LABELS[r.tier]),
      datasets: [
        {
          label: 'USD per million output tokens',
          data: shown.map((r) => r.usdPerM as number),
          backgroundColor: shown.map((r) => theme.tiers[r.tier]),
          borderWidth: 0,
          maxBarThickness: 56,
        },
      ],
    },
    options: {
      animation: false,
      scales: {
        x: { grid: { display: false }, ticks: { color: theme.muted }, border: { color: theme.grid } },
        y: {
          grid: { color: theme.grid },
          ticks: { color: theme.muted, callback: (v: number | string) => formatMoney(Number(v), 2) },
          border: { color: theme.grid },
        },
      },
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: { label: (ctx: TooltipItem<'bar'>) => ` ${formatUsdPerMTok(ctx.parsed.y)}` } },
      },
    },
  };
}

// ── tornado: horizon cost at −x % / +x % of each driver ───────────────────────────────────

/**
 * low, high: null for a case not priced (the fixed plan cannot serve it: core/tornado.ts), drawn as no
 * bar; lowMissing, highMissing: why, when not that (a re-optimised case that is infeasible)
 */
export type TornadoRow = { label: string; low: number | null; high: number | null; lowLabel?: string; highLabel?: string; lowMissing?: string; highMissing?: string };
/** legend: the two datasets' names when "−pct % / +pct %" is not true of every row (trend rows) */
export type TornadoData = { base: number; rows: TornadoRow[]; pct: number; legend?: [string, string] };

/** The base-case line of a tornado chart; reads {value, color} from its plugin options. */
export const tornadoBasePlugin: Plugin<'bar'> = {
  id: 'fleetTornadoBase',
  afterDatasetsDraw(chart, _args, raw) {
    const opts = raw as unknown as { value?: number; color?: string } | undefined;
    const x = chart.scales['x'];
    const area = chart.chartArea;
    if (!x || !area || opts?.value == null) return;
    const px = x.getPixelForValue(opts.value);
    const ctx = chart.ctx;
    ctx.save();
    ctx.strokeStyle = opts.color ?? '#000';
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(px, area.top);
    ctx.lineTo(px, area.bottom);
    ctx.stroke();
    ctx.restore();
  },
};

/**
 * A row label on as many lines as it has parts: "Demand growth — breaks the plan at +20 %" on two
 * (on one, the PDF's half-page chart cut it to "wth — breaks the plan…": bench/trust.ts
 * extreme-growth-16), a trend row's rates on their own line ("Hardware price trend" over
 * "(−24%/yr / −16%/yr)", cut to "price trend (…)" on one).
 */
export function tornadoLabelLines(label: string): string | string[] {
  const lines = label.split(' — ').flatMap((part) => {
    const i = part.indexOf(' (');
    return i > 0 ? [part.slice(0, i), part.slice(i + 1)] : [part];
  });
  return lines.length === 1 ? lines[0]! : lines;
}

export function tornadoConfig(data: TornadoData, theme: ChartTheme): ChartConfiguration<'bar'> {
  // widest swing first, as tornado charts are read top-down
  const base = data.base;
  const rows = [...data.rows].sort((a, b) => swingOf(base, b.low, b.high) - swingOf(base, a.low, a.high));
  const bar = (v: number | null): [number, number] | null => (v == null ? null : [Math.min(base, v), Math.max(base, v)]);
  // a tooltip's figures as the key figures give them (kpiMoney): compact beyond 15 characters (the exact
  // ones are in the table under the chart), on one rule for the whole chart so that the change reads in
  // the figures' unit; the change on a line of its own. A $409B plan's " Hardware prices +20%:
  // $487,196,706,562 (+$78,243,646,822 vs base $408,953,059,740)" ran past the canvas at 1024 px, cut off
  const widest = Math.max(Math.abs(base), ...rows.flatMap((r) => [r.low, r.high]).map((v) => Math.abs(v ?? 0)));
  const compact = kpiMoney(widest).exact != null;
  const fig = (v: number) => (compact ? formatMoneyCompact(v) : formatMoney(v));
  const delta = (v: number) => {
    const d = v - base;
    const sign = d > 0 ? '+' : d < 0 ? '−' : '±';
    return `${sign}${fig(Math.abs(d))}`;
  };
  return {
    type: 'bar',
    data: {
      labels: rows.map((r) => tornadoLabelLines(r.label)),
      datasets: [
        {
          label: data.legend?.[0] ?? `−${formatDecimal(data.pct)}%`,
          data: rows.map((r) => bar(r.low)),
          backgroundColor: theme.accent,
          borderWidth: 0,
          barPercentage: 0.9,
          categoryPercentage: 0.8,
          grouped: false,
        },
        {
          label: data.legend?.[1] ?? `+${formatDecimal(data.pct)}%`,
          data: rows.map((r) => bar(r.high)),
          backgroundColor: theme.series[2] ?? theme.danger,
          borderWidth: 0,
          barPercentage: 0.9,
          categoryPercentage: 0.8,
          grouped: false,
        },
      ] as unknown as ChartConfiguration<'bar'>['data']['datasets'],
    },
    plugins: [tornadoBasePlugin],
    options: {
      animation: false,
      indexAxis: 'y',
      scales: {
        x: {
          beginAtZero: false,
          grace: '5%',
          grid: { color: theme.grid },
          ticks: { color: theme.muted, callback: (v: number | string) => formatTick(Number(v), true) },
          border: { color: theme.grid },
        },
        // every bar named: skipped labels left every other bar of the PDF's 9 rows unnamed (extreme-growth-16)
        y: { grid: { display: false }, ticks: { color: theme.text, autoSkip: false }, border: { color: theme.grid } },
      },
      plugins: {
        legend: legend(theme),
        ...({ fleetTornadoBase: { value: base, color: theme.text } } as object),
        tooltip: {
          callbacks: {
            label: (ctx: TooltipItem<'bar'>) => {
              const row = rows[ctx.dataIndex];
              if (!row) return '';
              const isLow = ctx.datasetIndex === 0;
              const v = isLow ? row.low : row.high;
              const what = (isLow ? row.lowLabel : row.highLabel) ?? ctx.dataset.label ?? '';
              const missing = (isLow ? row.lowMissing : row.highMissing) ?? 'not priced (the plan falls short of demand)';
              return v == null ? ` ${what}: ${missing}` : [` ${what}: ${fig(v)}`, ` ${delta(v)} vs base ${fig(base)}`];
            },
          },
        },
      },
    },
  };
}

// ── tier mix ──────────────────────────────────────────────────────────────────────────────

export type TierMixRow = { tier: Tier; value: number };

/** Doughnut of a per-tier quantity (workload count, tokens/s or cost); `unit` names it. */
export function tierMixConfig(
  rows: TierMixRow[],
  theme: ChartTheme,
  unit: string,
  opts: { legend?: boolean } = {},
): ChartConfiguration<'doughnut'> {
  const shown = rows.filter((r) => r.value > 0);
  const total = shown.reduce((s, r) => s + r.value, 0);
  return {
    type: 'doughnut',
    data: {
      labels: shown.map((r) => TIER_LABELS[r.tier]),
      datasets: [
        {
          label: unit,
          data: shown.map((r) => r.value),
          backgroundColor: shown.map((r) => theme.tiers[r.tier]),
          borderColor: theme.surface,
          borderWidth: 2,
        },
      ],
    },
    options: {
      animation: false,
      cutout: '58%',
      plugins: {
        legend: { ...legend(theme, 'right'), display: opts.legend ?? true },
        tooltip: {
          callbacks: {
            label: (ctx: TooltipItem<'doughnut'>) => {
              const v = ctx.parsed;
              const pct = total > 0 ? (v / total) * 100 : 0;
              return ` ${ctx.label}: ${formatDecimal(v, 1)} ${unit} (${formatDecimal(pct, 1)}%)`;
            },
          },
        },
      },
    },
  };
}

// ── units owned against units needed (one system pool) ────────────────────────────────

export type CapacityData = { labels: string[]; owned: ArrayLike<number>; needed: ArrayLike<number> };

/** The two series' names, the PDF's too (renderer/report/report-charts.ts). */
export const CAPACITY_LABELS = { owned: 'Units owned', needed: 'Units needed at peak demand' } as const;

/**
 * A pool's need as chart points: null (no point) in a month the pool serves no workload, not 0: the
 * line drawn from 0 rose through the month before the workload moved in.
 */
export function demandPoints(demand: ArrayLike<number>): (number | null)[] {
  return toArray(demand).map((v) => (v > 0 ? v : null));
}

/**
 * Units owned as a step line (it rises in the month a purchase arrives and stays flat until the
 * next) against the units the pool's workloads need at their peak, month by month (core/schedule
 * PoolCapacity). In units, not tokens/s: a replica serves each workload at the rate its latency
 * limit allows, so owned tokens/s rose and fell with no purchase as workloads moved on and off the
 * pool.
 */
export function capacityConfig(data: CapacityData, theme: ChartTheme): ChartConfiguration<'line'> {
  return {
    type: 'line',
    data: {
      labels: [...data.labels],
      datasets: [
        {
          label: CAPACITY_LABELS.owned,
          data: toArray(data.owned),
          borderColor: theme.accent,
          backgroundColor: `${theme.accent}22`,
          fill: 'origin',
          stepped: 'before',
          borderWidth: 2.5,
          pointRadius: 0,
          pointHitRadius: 6,
        },
        {
          label: CAPACITY_LABELS.needed,
          data: demandPoints(data.needed),
          borderColor: theme.danger,
          backgroundColor: theme.danger,
          borderDash: [6, 4],
          borderWidth: 1.5,
          pointRadius: 0,
          pointHitRadius: 6,
          tension: 0,
        },
      ],
    },
    options: {
      animation: false,
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: { grid: { display: false }, ticks: { color: theme.muted, autoSkip: true, maxRotation: 0 }, border: { color: theme.grid } },
        // whole units on the axis; a month's need is fractional (work, not a purchase)
        y: { beginAtZero: true, grid: { color: theme.grid }, ticks: { color: theme.muted, precision: 0 }, border: { color: theme.grid }, title: { display: true, text: 'units', color: theme.muted } },
      },
      plugins: {
        legend: { ...legend(theme), labels: { ...legend(theme).labels, usePointStyle: true, pointStyle: 'line', boxWidth: 28 } },
        tooltip: {
          callbacks: {
            label: (item: TooltipItem<'line'>) => ` ${item.dataset.label ?? ''}: ${formatDecimal(item.parsed.y, item.datasetIndex === 0 ? 0 : 1)}`,
          },
        },
      },
    },
  };
}

// ── charts drawn from data alone (in a worker) ───────────────────────────────────────────

/** The charts drawn in the chart worker (the TCO view's, the Results tier mix), by kind: a config carries callbacks and plugins, which cannot be posted to a worker, so the worker builds it from the data. */
export const CHART_BUILDERS = {
  tierMix: (d: { rows: TierMixRow[]; unit: string; legend: boolean }, theme: ChartTheme) => tierMixConfig(d.rows, theme, d.unit, { legend: d.legend }),
  monthly: monthlyByLineConfig,
  cumulative: cumulativeConfig,
  tier: costByTierConfig,
  perM: perMTokByTierConfig,
  tornado: tornadoConfig,
} as const;
export type ChartKind = keyof typeof CHART_BUILDERS;
/** A chart as plain data (structured-cloneable): its kind, the builder's data and the theme. */
export type ChartSpec = { [K in ChartKind]: { kind: K; data: Parameters<(typeof CHART_BUILDERS)[K]>[0]; theme: ChartTheme } }[ChartKind];

/** The config a spec stands for (the same builder the main thread would call). */
export function configOf(spec: ChartSpec): ChartConfiguration {
  const build = CHART_BUILDERS[spec.kind] as (data: unknown, theme: ChartTheme) => ChartConfiguration;
  return build(spec.data, spec.theme);
}
