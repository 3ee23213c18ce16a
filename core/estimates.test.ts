// An operating point's estimate is found under the keys the catalog gives it: `performance.<model>.<label>`.
import { describe, expect, it } from 'vitest';
import { defaultCatalog } from './catalog/index.ts';
import { performanceEstimate } from './estimates.ts';

describe('performanceEstimate', () => {
  const fs = (estimate: boolean) => ({ source: 's', as_of: '2026-01', estimate });
  it('finds an estimate keyed by model and label, or by model alone, and no other model\'s', () => {
    const o = { field_sources: { 'performance.m.offline': fs(true), 'performance.m-int4.bs1': fs(true), price_usd: fs(true) } };
    expect(performanceEstimate(o, 'm')?.estimate).toBe(true);
    expect(performanceEstimate({ field_sources: { 'performance.m': fs(true) } }, 'm')?.estimate).toBe(true);
    expect(performanceEstimate({ field_sources: { 'performance.m.offline': fs(false), 'performance.m-int4.bs1': fs(true) } }, 'm')).toBeUndefined();
    expect(performanceEstimate({}, 'm')).toBeUndefined();
  });
  it('flags the shipped catalog\'s estimated speeds (every such key names a label after the model)', () => {
    const options = defaultCatalog().options;
    const flagged = options.filter((o) => o.performance.some((p) => performanceEstimate(o, p.model)));
    const keyed = options.filter((o) => Object.entries(o.field_sources ?? {}).some(([k, f]) => k.startsWith('performance.') && f.estimate));
    expect(flagged.length).toBeGreaterThan(0);
    expect(flagged.map((o) => o.id)).toEqual(keyed.map((o) => o.id));
  });
});
