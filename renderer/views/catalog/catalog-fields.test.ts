import { describe, expect, it } from 'vitest';
import type { CatalogOption } from '../../../core/types.ts';
import { changedFigures, editSourceErrors, estimateOf, sourceParts, speedRange, withEditSources, type EditSource } from './catalog-fields.ts';

describe('sourceParts', () => {
  it('makes each URL of a source its own link, keeping the words between them', () => {
    expect(sourceParts('https://www.cerebras.ai/a; https://example.com/b?x=1')).toEqual([
      { href: 'https://www.cerebras.ai/a', text: 'cerebras.ai' },
      { href: 'https://example.com/b?x=1', text: 'example.com' },
    ]);
    expect(sourceParts('Vendor quote 2026-03 (https://q.example/p), list price')).toEqual([
      { href: null, text: 'Vendor quote 2026-03 (' },
      { href: 'https://q.example/p', text: 'q.example' },
      { href: null, text: '), list price' },
    ]);
    expect(sourceParts('our estimate')).toEqual([{ href: null, text: 'our estimate' }]);
    expect(sourceParts('https://a.example/x')).toEqual([{ href: 'https://a.example/x', text: 'a.example' }]);
  });
});

describe('edit sources', () => {
  const before = {
    id: 'gpu', name: 'GPU box', vendor: 'V', tier: 'commodity', kind: 'system', source: 'https://vendor.example/list', as_of: '2025-06',
    rack_units: 8, racks_per_unit: 1, max_power_kw: 10, typical_power_kw: 8, cooling: 'air', price_usd: 300_000, support_pct_per_year: 10,
    lifetime_months: 60, performance: [], field_sources: { max_power_kw: { source: 'datasheet', as_of: '2025-06', estimate: false } },
  } as const satisfies CatalogOption;

  it('a changed price asks for its source; the saved option cites it for that figure only', () => {
    const after: CatalogOption = { ...before, price_usd: 420_000 };
    expect(changedFigures(before, after).map((f) => f.field)).toEqual(['price_usd']);
    expect(changedFigures(before, { ...before })).toEqual([]);
    const missing: EditSource[] = [{ field: 'price_usd', kind: 'quote', detail: ' ', as_of: '2026-11-30' }];
    expect(Object.keys(editSourceErrors(missing))).toEqual(['price_usd']);
    expect(editSourceErrors([{ field: 'price_usd', kind: 'estimate', detail: '', as_of: '2026-11' }])).toEqual({});
    const saved = withEditSources(after, [{ field: 'price_usd', kind: 'negotiated', detail: 'Dell, contract 7731', as_of: '2026-11-30' }]);
    expect(saved.field_sources).toEqual({
      max_power_kw: { source: 'datasheet', as_of: '2025-06', estimate: false },
      price_usd: { source: 'Negotiated price: Dell, contract 7731', as_of: '2026-11-30', estimate: false },
    });
    expect(estimateOf(withEditSources(after, [{ field: 'price_usd', kind: 'estimate', detail: '', as_of: '2026-11' }]), 'price_usd'))
      .toEqual({ source: 'Our estimate', as_of: '2026-11', estimate: true });
  });
});

describe('speedRange', () => {
  const base = {
    id: 'api', name: 'API', vendor: 'V', tier: 'commodity', kind: 'cloud_api', source: 'https://vendor.example', as_of: '2026-01',
    performance: [
      { model: 'small', units_per_replica: 1, points: [{ concurrency: 1, user_tps: 900, unit_tps: 900 }] },
      { model: 'big', units_per_replica: 1, points: [{ concurrency: 1, user_tps: 3000 }, { concurrency: 8, user_tps: 2000, unit_tps: 16_000 }] },
    ],
  };

  it('gives the estimated source of the operating points its largest speeds come from', () => {
    const o = { ...base, field_sources: { 'performance.big.offline': { source: 'FleetPlan estimate', as_of: '2026-01', estimate: true } } } as unknown as CatalogOption;
    const r = speedRange(o);
    expect(r).toMatchObject({ maxUser: 3000, maxUnit: 16_000, models: 2 });
    expect(r.userEstimate?.source).toBe('FleetPlan estimate');
    expect(r.unitEstimate?.source).toBe('FleetPlan estimate');
  });

  it('marks nothing when the fastest model is published, even if a slower one is estimated', () => {
    const o = { ...base, field_sources: { 'performance.small': { source: 'our guess', as_of: '2026-01', estimate: true } } } as unknown as CatalogOption;
    const r = speedRange(o);
    expect(r.userEstimate).toBeUndefined();
    expect(r.unitEstimate).toBeUndefined();
  });
});
