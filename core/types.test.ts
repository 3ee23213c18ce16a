// The schema-level messages every boundary shows (CSV rows, catalog JSON, API, settings).
import { describe, expect, it } from 'vitest';
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
