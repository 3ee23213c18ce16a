// The schema-level messages every boundary shows (CSV rows, catalog JSON, API, settings).
import { describe, expect, it } from 'vitest';
import { priceFactor } from './sizing.ts';
import { SettingsPatchSchema, SettingsSchema, solvedWithoutWorkloads, WorkloadSchema, type PlanAnswer, type PlanResult } from './types.ts';

const messages = (r: { error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  (r.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);

describe('schema messages', () => {
  it('a non-finite number, a missing field and a bad choice read plainly', () => {
    expect(messages(WorkloadSchema.safeParse({ name: 'a', model: 'm', avg_output_tps: Number('1e999') }))).toEqual(['avg_output_tps: must be a finite number']);
    expect(messages(WorkloadSchema.safeParse({ name: 'a', avg_output_tps: 1 }))).toEqual(['model: is required']);
    expect(messages(WorkloadSchema.safeParse({ name: 'a', model: 'm', avg_output_tps: 1, placement: 'mars' }))).toEqual([
      'placement: must be one of any, onprem, cloud, edge',
    ]);
    // a message given on the schema still wins
    expect(messages(WorkloadSchema.safeParse({ name: 'a', model: 'm', avg_output_tps: 0 }))).toEqual(['avg_output_tps: must be > 0']);
  });

  it('page_size accepts any case and stores the canonical value; anything else says A4 or Letter', () => {
    expect(SettingsPatchSchema.parse({ page_size: 'a4' })).toEqual({ page_size: 'A4' });
    expect(SettingsSchema.parse({ start_month: '2026-01', page_size: ' LETTER ' }).page_size).toBe('Letter');
    expect(messages(SettingsPatchSchema.safeParse({ page_size: 'B5' }))).toEqual(['page_size: must be A4 or Letter']);
  });

  it('a price trend rises at most 1,000 % a year: beyond, later prices overflow', () => {
    // +1e300 % made every price after month 0 Infinity: optimize stopped on "colCost[5] must be a
    // number" and export-lp on an internal error; +1e9 % gave cloud prices of 1e24 USD in month 35
    expect(messages(SettingsPatchSchema.safeParse({ hardware_price_change_pct_per_year: 1e300 }))).toEqual([
      'hardware_price_change_pct_per_year: must be ≤ 1,000',
    ]);
    expect(messages(SettingsPatchSchema.safeParse({ cloud_price_change_pct_per_year: 1e9 }))).toEqual([
      'cloud_price_change_pct_per_year: must be ≤ 1,000',
    ]);
    const s = SettingsSchema.parse({ start_month: '2026-01', hardware_price_change_pct_per_year: 1000, cloud_price_change_pct_per_year: 1000 });
    expect(priceFactor(s.hardware_price_change_pct_per_year, 35)).toBeCloseTo(11 ** (35 / 12), 6);
  });
});

const plan = (over: Partial<PlanResult> = {}): PlanResult => ({
  status: 'optimal', objective_usd: 0, bound_usd: 0, gap: 0, solve_ms: 1, periods: [], assignments: [], purchases: [], pools: [], cloud: [], edge: [],
  unserved: [], sites: [], totals: { capex_usd: 0, horizon_cost_usd: 0 }, ...over,
});

describe('solvedWithoutWorkloads', () => {
  it('is a plan solved from no workloads, not one whose workloads all went unserved, nor a run without a plan', () => {
    expect(solvedWithoutWorkloads(plan(), { workloads: [] })).toBe(true);
    // workloads it left unserved are still workloads: Results and TCO give the reasons
    expect(solvedWithoutWorkloads(plan(), { workloads: [{}] })).toBe(false);
    const infeasible: PlanAnswer = { ...plan({ status: 'infeasible' }), totals: null };
    expect(solvedWithoutWorkloads(infeasible, { workloads: [] })).toBe(false);
    expect(solvedWithoutWorkloads(null, { workloads: [] })).toBe(false);
    expect(solvedWithoutWorkloads(plan(), null)).toBe(false);
  });
});
