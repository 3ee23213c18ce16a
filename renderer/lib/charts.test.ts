// The chart-config builders are pure: data in, chart.js config out. These check what the charts
// claim (stacking, cumulative sums, tornado bar ends, markers) on arbitrary inputs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COST_LINES } from '../../core/cost.ts';
import {
  LIGHT_CHART_THEME,
  capacityConfig,
  chartThemeFrom,
  configOf,
  costByTierConfig,
  cumulativeConfig,
  monthLabels,
  monthlyByLineConfig,
  perMTokByTierConfig,
  tierMixConfig,
  tornadoConfig,
  tornadoLabelLines,
  type ChartSpec,
} from './charts.ts';

const T = LIGHT_CHART_THEME;
const money = fc.double({ min: -1e7, max: 1e7, noNaN: true });

describe('monthLabels', () => {
  it('counts calendar months from the start month across years', () => {
    expect(monthLabels(4, '2026-11')).toEqual(['Nov 2026', 'Dec 2026', 'Jan 2027', 'Feb 2027']);
    expect(monthLabels(2)).toEqual(['M1', 'M2']);
  });
});

describe('monthlyByLineConfig', () => {
  it('stacks one dataset per non-zero line, in cost-line order, values untouched', () => {
    fc.assert(
      fc.property(fc.array(fc.array(money, { minLength: 6, maxLength: 6 }), { minLength: COST_LINES.length, maxLength: COST_LINES.length }), (vals) => {
        const lines = Object.fromEntries(COST_LINES.map((l, i) => [l, vals[i]!]));
        const cfg = monthlyByLineConfig({ labels: monthLabels(6), lines }, T);
        const kept = COST_LINES.filter((_, i) => vals[i]!.some((x) => Math.abs(x) > 1e-9));
        expect(cfg.data.datasets.map((d) => d.label)).toHaveLength(kept.length);
        for (const d of cfg.data.datasets) expect(d.stack).toBe('cost');
        cfg.data.datasets.forEach((d, j) => expect(d.data).toEqual(vals[COST_LINES.indexOf(kept[j]!)]));
        expect((cfg.options?.scales?.['y'] as { stacked?: boolean }).stacked).toBe(true);
      }),
    );
  });
});

describe('cumulativeConfig', () => {
  it('plots running totals whose last point is the sum, and passes the markers to the plugin', () => {
    fc.assert(
      fc.property(fc.array(money, { minLength: 1, maxLength: 36 }), fc.array(money, { minLength: 1, maxLength: 36 }), (a, b) => {
        const n = Math.min(a.length, b.length);
        const cfg = cumulativeConfig(
          {
            labels: monthLabels(n),
            series: [
              { label: 'plan', values: a.slice(0, n), kind: 'plan' },
              { label: 'base', values: b.slice(0, n), kind: 'baseline' },
            ],
            markers: [{ index: n - 1, label: 'x' }],
          },
          T,
        );
        const [p, q] = cfg.data.datasets as { data: number[] }[];
        const sum = (v: number[]) => v.reduce((s, x) => s + x, 0);
        expect(p!.data.at(-1)).toBeCloseTo(sum(a.slice(0, n)), 3);
        expect(q!.data.at(-1)).toBeCloseTo(sum(b.slice(0, n)), 3);
        expect(cfg.plugins?.map((x) => x.id)).toContain('fleetMonthMarkers');
        expect((cfg.options?.plugins as Record<string, { markers?: unknown[] }>)['fleetMonthMarkers']?.markers).toHaveLength(1);
      }),
    );
  });
  it('a discounted chart says "present value" in its tooltips', () => {
    const label = (presentValue: boolean) => {
      const cfg = cumulativeConfig({ labels: monthLabels(1), series: [{ label: 'This plan', values: [1500], kind: 'plan' }], markers: [], presentValue }, T);
      const cb = (cfg.options!.plugins!.tooltip as { callbacks: { label: (i: unknown) => string } }).callbacks.label;
      return cb({ parsed: { x: 0, y: 1500 }, dataset: { label: 'This plan' } });
    };
    expect(label(true)).toBe(' This plan: $1,500 cumulative, present value');
    expect(label(false)).toBe(' This plan: $1,500 cumulative');
  });
  it('leaves out the lines the view hides, and its legend is a key that hides nothing itself', () => {
    const cfg = cumulativeConfig(
      { labels: monthLabels(2), series: [{ label: 'plan', values: [1, 2], kind: 'plan' }, { label: 'base', values: [3, 4], kind: 'baseline', hidden: true }], markers: [] },
      T,
    );
    expect(cfg.data.datasets.map((d) => d.hidden)).toEqual([false, true]);
    // chart.js's own click toggled a line behind the view's boxes: replaced by one that does nothing
    expect(typeof cfg.options?.plugins?.legend?.onClick).toBe('function');
    expect(String(cfg.options?.plugins?.legend?.onClick)).not.toMatch(/hide|visib/i);
  });
});

describe('tornadoConfig', () => {
  it('draws each bar from the base to the case value, widest swing first', () => {
    fc.assert(
      fc.property(
        money,
        fc.array(fc.record({ low: money, high: money }), { minLength: 1, maxLength: 8 }),
        (base, raw) => {
          const rows = raw.map((r, i) => ({ label: `d${i}`, ...r }));
          const cfg = tornadoConfig({ base, pct: 20, rows }, T);
          const [low, high] = cfg.data.datasets as unknown as { data: [number, number][] }[];
          const labels = cfg.data.labels as string[];
          const swing = (l: string) => {
            const r = rows.find((x) => x.label === l)!;
            return Math.abs(r.high - r.low);
          };
          for (let i = 1; i < labels.length; i++) expect(swing(labels[i - 1]!)).toBeGreaterThanOrEqual(swing(labels[i]!));
          labels.forEach((l, i) => {
            const r = rows.find((x) => x.label === l)!;
            expect(low!.data[i]).toEqual([Math.min(base, r.low), Math.max(base, r.low)]);
            expect(high!.data[i]).toEqual([Math.min(base, r.high), Math.max(base, r.high)]);
          });
          expect((cfg.options?.plugins as Record<string, { value?: number }>)['fleetTornadoBase']?.value).toBe(base);
        },
      ),
    );
  });
});

describe('tornadoConfig with a case not priced', () => {
  it('draws no bar for it and ranks the row by the case it prices', () => {
    // a case the fixed plan cannot serve (core/tornado.ts shownCost) has no cost to draw
    const cfg = tornadoConfig({ base: 100, pct: 20, rows: [{ label: 'Growth', low: 90, high: null }, { label: 'Power', low: 80, high: 130 }] }, T);
    const [low, high] = cfg.data.datasets as unknown as { data: ([number, number] | null)[] }[];
    expect(cfg.data.labels).toEqual(['Power', 'Growth']);
    expect(high!.data[1]).toBeNull();
    expect(low!.data[1]).toEqual([90, 100]);
  });

  it('names every bar, a long row label on two lines', () => {
    // the PDF's half-page tornado skipped every other label of 9 rows and cut "Demand growth — breaks
    // the plan at +20 %" to "wth — breaks…" (bench/trust.ts extreme-growth-16)
    const cfg = tornadoConfig({ base: 100, pct: 20, rows: [{ label: 'Demand growth — breaks the plan at +20 %', low: 90, high: null }, { label: 'PUE', low: 99, high: 101 }] }, T);
    expect(cfg.data.labels).toEqual([['Demand growth', 'breaks the plan at +20 %'], 'PUE']);
    // a trend row's rates on a line of their own: on one, the PDF cut it to "price trend (−24%/yr …)"
    expect(tornadoLabelLines('Hardware price trend (−24%/yr / −16%/yr)')).toEqual(['Hardware price trend', '(−24%/yr / −16%/yr)']);
    expect((cfg.options?.scales?.['y']?.ticks as { autoSkip?: boolean }).autoSkip).toBe(false);
  });
});

describe('tornadoConfig tooltips', () => {
  const label = (cfg: ReturnType<typeof tornadoConfig>, dataIndex: number, datasetIndex: number) =>
    (cfg.options!.plugins!.tooltip!.callbacks!.label as unknown as (ctx: object) => string | string[])({ dataIndex, datasetIndex, dataset: cfg.data.datasets[datasetIndex] });

  it('give a $409B plan\'s figures compact beyond 15 characters, the change on its own line: the whole tip fits the canvas', () => {
    // " Hardware prices +20%: $487,196,706,562 (+$78,243,646,822 vs base $408,953,059,740)" ran past the canvas at 1024 px
    const base = 408_953_059_740;
    const cfg = tornadoConfig({ base, pct: 20, rows: [{ label: 'Hardware prices', low: 330_709_412_918, high: 487_196_706_562, lowLabel: 'Hardware prices −20%', highLabel: 'Hardware prices +20%' }] }, T);
    expect(label(cfg, 0, 1)).toEqual([' Hardware prices +20%: $487B', ' +$78.2B vs base $409B']);
    expect(label(cfg, 0, 0)).toEqual([' Hardware prices −20%: $331B', ' −$78.2B vs base $409B']);
    for (const line of [label(cfg, 0, 0), label(cfg, 0, 1)].flat()) expect(line.length).toBeLessThanOrEqual(40);
  });

  it('keep a figure of up to 15 characters exact', () => {
    const cfg = tornadoConfig({ base: 1_884_412, pct: 20, rows: [{ label: 'PUE', low: 1_870_000, high: 1_900_000, lowLabel: 'PUE −20%', highLabel: 'PUE +20%' }] }, T);
    expect(label(cfg, 0, 1)).toEqual([' PUE +20%: $1,900,000', ' +$15,588 vs base $1,884,412']);
    expect(label(cfg, 0, 0)).toEqual([' PUE −20%: $1,870,000', ' −$14,412 vs base $1,884,412']);
  });
});

describe('tier charts', () => {
  it('leave out empty tiers and colour each tier with its theme colour', () => {
    const mix = tierMixConfig(
      [
        { tier: 'premium', value: 0 },
        { tier: 'commodity', value: 3 },
        { tier: 'edge', value: 1 },
      ],
      T,
      'tok/s',
    );
    expect(mix.data.labels).toEqual(['Commodity', 'Edge']);
    expect(mix.data.datasets[0]!.backgroundColor).toEqual([T.tiers.commodity, T.tiers.edge]);

    const perM = perMTokByTierConfig([{ tier: 'premium', usdPerM: 1.5 }, { tier: 'edge', usdPerM: null }], T);
    expect(perM.data.labels).toEqual(['Premium']);
    expect(perM.data.datasets[0]!.data).toEqual([1.5]);

    const byTier = costByTierConfig({ labels: ['a', 'b'], tiers: { premium: [0, 0], commodity: [1, 2] }, other: [0, -1] }, T);
    expect(byTier.data.datasets.map((d) => d.label)).toEqual(['Commodity', 'Shared (racks, residual)']);
  });
});

describe('chartThemeFrom', () => {
  it('reads the CSS variables and falls back to the light theme for missing ones', () => {
    const theme = chartThemeFrom((v) => (v === '--tier-edge' ? ' #123456 ' : ''));
    expect(theme.tiers.edge).toBe('#123456');
    expect(theme.tiers.premium).toBe(T.tiers.premium);
    expect(theme.text).toBe(T.text);
  });
});

describe('axis ticks', () => {
  it('money ticks read without trailing zeros: $5M, not $5.00M beside $15.0M', () => {
    const tick = (scale: unknown, v: number) => (scale as { ticks: { callback: (v: number) => string } }).ticks.callback(v);
    const monthly = monthlyByLineConfig({ labels: ['a'], lines: { system_capex: [1] } }, T);
    expect([15e6, 5e6, 0, -5e6].map((v) => tick(monthly.options!.scales!['y'], v))).toEqual(['$15M', '$5M', '$0', '−$5M']);
  });
});

describe('capacityConfig', () => {
  it('draws units owned as a step line and units needed as a plain line, values as given', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.double({ min: 0, max: 1000, noNaN: true })), { minLength: 1, maxLength: 36 }), (rows) => {
        const cfg = capacityConfig({ labels: monthLabels(rows.length, '2026-11'), owned: rows.map((r) => r[0]), needed: rows.map((r) => r[1]) }, T);
        const [owned, needed] = cfg.data.datasets;
        expect(owned!.label).toBe('Units owned');
        expect((owned as { stepped?: unknown }).stepped).toBe('before');
        expect(owned!.data).toEqual(rows.map((r) => r[0]));
        expect(needed!.label).toBe('Units needed at peak demand');
        expect((needed as { stepped?: unknown }).stepped).toBeUndefined();
        expect(needed!.data).toEqual(rows.map((r) => (r[1] > 0 ? r[1] : null)));
        expect(cfg.data.labels).toHaveLength(rows.length);
      }),
    );
  });
  it('a month the pool serves nothing has no point, so the line does not ramp up from 0', () => {
    const cfg = capacityConfig({ labels: monthLabels(4, '2026-11'), owned: [0, 0, 2, 2], needed: [0, 0, 1.2, 1.3] }, T);
    expect(cfg.data.datasets[1]!.data).toEqual([null, null, 1.2, 1.3]);
  });
  it('counts units, not tokens/s: the axis says so and its ticks are whole units', () => {
    const cfg = capacityConfig({ labels: monthLabels(2, '2026-11'), owned: [2, 2], needed: [1.2, 0.4] }, T);
    const y = cfg.options!.scales!['y'] as { title: { text: string }; ticks: { precision?: number } };
    expect(y.title.text).toBe('units');
    expect(y.ticks.precision).toBe(0);
  });
});

describe('chart specs (the data a worker draws a chart from)', () => {
  it('survive a structured clone and build the same chart as the builder on the page', () => {
    const month = fc.array(money, { minLength: 3, maxLength: 3 });
    const labels = ['Nov 2026', 'Dec 2026', 'Jan 2027'];
    fc.assert(
      fc.property(month, month, month, money, (a, b, c, base) => {
        const specs: ChartSpec[] = [
          { kind: 'monthly', data: { labels, lines: { system_capex: a, api_tokens: b } }, theme: T },
          { kind: 'cumulative', data: { labels, series: [{ label: 'This plan', values: a, kind: 'plan' }, { label: 'Baseline', values: b, kind: 'baseline' }], markers: [{ index: 1, label: 'Break-even' }] }, theme: T },
          { kind: 'tier', data: { labels, tiers: { premium: a, edge: c }, other: b }, theme: T },
          { kind: 'perM', data: [{ tier: 'commodity', usdPerM: Math.abs(base) }, { tier: 'edge', usdPerM: null }], theme: T },
          { kind: 'tornado', data: { base, pct: 20, rows: [{ label: 'Electricity', low: a[0]!, high: b[0]! }, { label: 'Hardware', low: a[1]!, high: c[1]! }] }, theme: T },
        ];
        const direct = [
          monthlyByLineConfig(specs[0]!.data as never, T),
          cumulativeConfig(specs[1]!.data as never, T),
          costByTierConfig(specs[2]!.data as never, T),
          perMTokByTierConfig(specs[3]!.data as never, T),
          tornadoConfig(specs[4]!.data as never, T),
        ];
        specs.forEach((spec, i) => {
          // structuredClone throws on a function: a spec must carry data only
          const there = configOf(structuredClone(spec));
          const here = direct[i]!;
          expect(there.type).toBe(here.type);
          expect(there.data.labels).toEqual(here.data.labels);
          expect(there.data.datasets.map((d) => [d.label, d.data])).toEqual(here.data.datasets.map((d) => [d.label, d.data]));
          expect((there.plugins ?? []).map((p) => p.id)).toEqual((here.plugins ?? []).map((p) => p.id));
        });
      }),
      { numRuns: 50 },
    );
  });
});
