// The data report's arithmetic and class rules on a small hand-made catalog, so a failure points at
// the report, not at the default catalog's figures.
import { describe, expect, it } from 'vitest';
import { CatalogSchema, type Catalog } from '../types.ts';
import { catalogReport, costPerMillion, LATENCY_CLASSES, modelClasses, renderCatalogReport } from './report.ts';

const fs = (estimate: boolean) => ({ source: 'test', as_of: '2026-01', estimate, note: estimate ? 'assumed' : undefined });
const raw = {
  models: [
    { id: 'm8', params_b: 8, active_params_b: 8 },
    { id: 'm70', params_b: 70, active_params_b: 70 },
    { id: 'm70s', params_b: 70, active_params_b: 21 },
  ],
  options: [
    {
      id: 'fast-box', name: 'Fast box', vendor: 'V', tier: 'premium', kind: 'system', source: 's', as_of: '2026',
      rack_units: 10, max_power_kw: 10, typical_power_kw: 5, cooling: 'air', price_usd: 1_000_000, support_pct_per_year: 10, lifetime_months: 60,
      field_sources: { price_usd: fs(true), rack_units: fs(false) },
      performance: [{ model: 'm70', units_per_replica: 2, points: [{ user_tps: 2000, unit_tps: 20_000, ttft_ms: 100 }] }],
    },
    {
      id: 'gpu-box', name: 'GPU box', vendor: 'G', tier: 'commodity', kind: 'system', source: 's', as_of: '2026',
      rack_units: 8, max_power_kw: 10, typical_power_kw: 7, cooling: 'air', price_usd: 300_000, support_pct_per_year: 15, lifetime_months: 60,
      performance: [{ model: 'm70', points: [{ user_tps: 5, unit_tps: 30_000, ttft_ms: 2000 }, { user_tps: 25, unit_tps: 20_000, ttft_ms: 450 }] }],
    },
    {
      id: 'api-70', name: 'API', vendor: 'A', tier: 'commodity', kind: 'cloud_api', source: 's', as_of: '2026', usd_per_m_input: 0.2, usd_per_m_output: 0.4,
      performance: [{ model: 'm70', points: [{ user_tps: 60, ttft_ms: 500 }] }],
    },
    {
      id: 'desk', name: 'Desk GPU', vendor: 'D', tier: 'edge', kind: 'edge_device', source: 's', as_of: '2026', price_usd: 3000, typical_power_kw: 0.4, lifetime_months: 48,
      performance: [{ model: 'm70s', points: [{ user_tps: 40, unit_tps: 40, ttft_ms: 400 }] }],
    },
  ],
};
const catalog: Catalog = CatalogSchema.parse(raw);
const byId = (id: string) => catalog.options.find((o) => o.id === id)!;
const tokens = 0.8 * 3600 * 730 * 36;

describe('catalog report', () => {
  it('costs a system replica, a token API and an edge device per million output tokens', () => {
    const box = byId('fast-box');
    const p = box.performance[0]!.points[0]!;
    // 2 units x ($1M x (1 + 0.10 x 3) + 5 kW x 1.4 x 730 h x 36 x $0.10) over 20,000 tok/s at 80 % for 36 months
    const expected = ((2 * (1_000_000 * 1.3 + 5 * 1.4 * 730 * 36 * 0.1)) / (20_000 * tokens)) * 1e6;
    expect(costPerMillion(box, 'm70', p)).toBeCloseTo(expected, 9);
    const api = byId('api-70');
    expect(costPerMillion(api, 'm70', api.performance[0]!.points[0]!)).toBeCloseTo(0.4 + 3 * 0.2, 12);
    const desk = byId('desk');
    expect(costPerMillion(desk, 'm70s', desk.performance[0]!.points[0]!)).toBeCloseTo(((3000 + 0.4 * 730 * 36 * 0.15) / (40 * tokens)) * 1e6, 9);
  });

  it('puts a dense model and its pruned variant in one size class', () => {
    expect(modelClasses(catalog)).toEqual([
      { id: '≤10B', models: ['m8'] },
      { id: '70B', models: ['m70s', 'm70'] },
    ]);
  });

  it('gives each class to the cheapest option whose point meets its latency, and keeps APIs out of on-premises classes', () => {
    const r = catalogReport(catalog);
    const winner = (latency: string, placement: string) => r.winners.filter((w) => w.cls.size === '70B' && w.cls.latency === latency && w.cls.placement === placement).map((w) => w.option);
    // 200 tokens in 0.5 s: only the 2,000 tok/s box fits (100 ms + 100 ms)
    expect(winner('instant', 'any')).toEqual(['fast-box']);
    // 300 tokens in 4 s: the GPU box's 25 tok/s point needs 12.45 s; the API (5.5 s) does not fit either; the desk GPU (7.9 s) neither
    expect(winner('interactive', 'any')).toEqual(['fast-box']);
    // no limit: the GPU box's batch point is cheapest of all
    expect(winner('batch', 'any')).toEqual(['gpu-box']);
    expect(winner('batch', 'onprem')).toEqual(['gpu-box']);
    // 400 tokens in 30 s: the API (0.5 + 6.7 s) fits, but the GPU box's 25 tok/s point (16.45 s) is cheaper
    expect(winner('relaxed', 'any')).toEqual(['gpu-box']);
    expect(r.winners.every((w) => w.cls.placement !== 'onprem' || byId(w.option).kind !== 'cloud_api')).toBe(true);
  });

  it('counts estimated figures per option and renders every option once', () => {
    const r = catalogReport(catalog);
    expect(r.rows.find((x) => x.option.id === 'fast-box')).toMatchObject({ estimates: 1, figures: 2 });
    const md = renderCatalogReport(catalog);
    for (const o of catalog.options) expect(md.split('\n').filter((l) => l.startsWith(`| ${o.id} `)).length, o.id).toBe(1);
    for (const c of LATENCY_CLASSES) expect(md).toContain(`\`${c.id}\``);
  });
});

describe('catalog report: premium parity', () => {
  it('sets a bought system against its own vendor\'s cheapest API for the same model', () => {
    const withApi = CatalogSchema.parse({
      ...raw,
      options: [
        ...raw.options,
        { id: 'api-v-cheap', name: 'V API', vendor: 'V', tier: 'premium', kind: 'cloud_api', source: 's', as_of: '2026', usd_per_m_input: 1, usd_per_m_output: 2, performance: [{ model: 'm70', points: [{ user_tps: 2000, ttft_ms: 100 }] }] },
        { id: 'api-v-dear', name: 'V API 2', vendor: 'V', tier: 'premium', kind: 'cloud_api', source: 's', as_of: '2026', usd_per_m_input: 1, usd_per_m_output: 5, performance: [{ model: 'm70', points: [{ user_tps: 2000, ttft_ms: 100 }] }] },
      ],
    });
    const p = catalogReport(withApi).parity;
    expect(p.map((x) => [x.system, x.api])).toEqual([['fast-box', 'api-v-cheap']]);
    const box = withApi.options.find((o) => o.id === 'fast-box')!;
    expect(p[0]!.ratio).toBeCloseTo(costPerMillion(box, 'm70', box.performance[0]!.points[0]!)! / 2, 12);
    expect(p[0]!.explained).toBe(false);
  });
});
