import { describe, expect, it } from 'vitest';
import { purchaseMonths, residualFraction } from './cost.ts';
import { answerMs, bestPoint, candidatesFor, candidatesV2, designTps, peakTps, rackFit } from './sizing.ts';
import {
  CatalogSchema,
  SettingsSchema,
  SiteSchema,
  WorkloadSchema,
  type PlanInput,
  type WorkloadInput,
} from './types.ts';

const wl = (over: Partial<WorkloadInput> = {}) =>
  WorkloadSchema.parse({ name: 'w', model: 'm', avg_output_tps: 100, ...over });
const site = (over = {}) => SiteSchema.parse({ name: 'dc', it_power_kw: 500, racks: 10, ...over });

const catalog = CatalogSchema.parse({
  models: [{ id: 'm', params_b: 8, active_params_b: 8 }],
  options: [
    {
      id: 'gpu', name: 'GPU server', vendor: 'V', tier: 'commodity', kind: 'system', source: 's', as_of: '2026',
      rack_units: 8, max_power_kw: 10, typical_power_kw: 7, cooling: 'air', price_usd: 200000,
      support_pct_per_year: 10, lifetime_months: 60,
      performance: [{ model: 'm', points: [
        { user_tps: 20, unit_tps: 20000, ttft_ms: 1500 },
        { user_tps: 100, unit_tps: 8000, ttft_ms: 400 },
      ] }],
    },
    {
      id: 'wafer', name: 'Wafer', vendor: 'C', tier: 'premium', kind: 'system', source: 's', as_of: '2026',
      rack_units: 15, max_power_kw: 23, typical_power_kw: 18, cooling: 'liquid', price_usd: 2e6,
      support_pct_per_year: 15, lifetime_months: 60,
      performance: [{ model: 'm', points: [{ user_tps: 1800, unit_tps: 30000, ttft_ms: 150 }] }],
    },
    {
      id: 'nvl', name: 'Rack-scale', vendor: 'N', tier: 'commodity', kind: 'system', source: 's', as_of: '2026',
      available_from: '2027-01', rack_units: 48, max_power_kw: 120, typical_power_kw: 100, cooling: 'liquid',
      price_usd: 4e6, support_pct_per_year: 10, lifetime_months: 60,
      performance: [{ model: 'm', points: [{ user_tps: 50, unit_tps: 500000, ttft_ms: 500 }] }],
    },
    {
      id: 'api', name: 'Fast API', vendor: 'C', tier: 'premium', kind: 'cloud_api', source: 's', as_of: '2026',
      usd_per_m_input: 0.1, usd_per_m_output: 0.1,
      performance: [{ model: 'm', points: [{ user_tps: 1800, ttft_ms: 200 }] }],
    },
    {
      id: 'esp', name: 'ESP32', vendor: 'E', tier: 'edge', kind: 'edge_device', source: 's', as_of: '2026',
      price_usd: 10, typical_power_kw: 0.001, lifetime_months: 36, inference_via: 'api', performance: [],
    },
    {
      id: 'jetson', name: 'Jetson', vendor: 'N', tier: 'edge', kind: 'edge_device', source: 's', as_of: '2026',
      price_usd: 249, typical_power_kw: 0.025, lifetime_months: 48,
      performance: [{ model: 'm', points: [{ user_tps: 20, unit_tps: 20, ttft_ms: 300 }] }],
    },
  ],
});

function input(workloads = [wl()], sites = [site()], settings = {}): PlanInput {
  return { catalog, workloads, sites, settings: SettingsSchema.parse({ start_month: '2026-11', ...settings }) };
}
const ids = (r: ReturnType<typeof candidatesFor>[number]) => r.candidates.map((c) => `${c.option.id}@${c.site?.name ?? '-'}`).sort();

describe('demand', () => {
  it('peak grows by compounding and D_w is the busiest month', () => {
    const w = wl({ avg_output_tps: 100, peak_to_avg: 2, monthly_growth_pct: 10 });
    expect(peakTps(w, 0)).toBeCloseTo(200);
    expect(peakTps(w, 2)).toBeCloseTo(200 * 1.1 * 1.1);
    expect(designTps(w, 12)).toBeCloseTo(200 * Math.pow(1.1, 11));
    expect(designTps(wl({ monthly_growth_pct: -5, peak_to_avg: 1 }), 12)).toBeCloseTo(100);
  });
});

describe('latency fit', () => {
  it('uses ttft + response_tokens at user speed, and picks the fitting point with the most unit_tps', () => {
    const pts = catalog.options[0]!.performance[0]!.points;
    expect(answerMs(pts[1]!, 250)).toBeCloseTo(400 + 2500);
    expect(bestPoint(pts, wl())!.unit_tps).toBe(20000);
    expect(bestPoint(pts, wl({ max_latency_ms: 3000 }))!.unit_tps).toBe(8000);
    expect(bestPoint(pts, wl({ max_latency_ms: 2000 }))).toBeNull();
  });
});

describe('rack fit', () => {
  it('k is the lesser of the U and kW limits; a unit of t racks needs max_power ÷ t per rack; taller never fits', () => {
    const s = catalog.options[0]!;
    if (s.kind !== 'system') throw new Error();
    expect(rackFit(site({ rack_kw: 15 }), s)).toEqual({ kind: 'per_rack', k: 1 });
    expect(rackFit(site({ rack_kw: 40 }), s)).toEqual({ kind: 'per_rack', k: 4 });
    expect(rackFit(site({ rack_kw: 30 }), s)).toEqual({ kind: 'per_rack', k: 3 });
    expect(rackFit(site({ rack_kw: 5 }), s)).toBeNull();
    const tall = catalog.options[2]!;
    if (tall.kind !== 'system') throw new Error();
    // 48 U in 42 U racks: never fits, whatever the power (the v1 rule let it span two racks)
    expect(rackFit(site({ rack_kw: 60 }), tall)).toBeNull();
    expect(rackFit(site({ rack_kw: 120, rack_units: 48 }), tall)).toEqual({ kind: 'per_rack', k: 1 });
    // a rack-scale unit of 2 racks: 120 kW ÷ 2 = 60 kW per rack
    const twoRacks = { ...tall, racks_per_unit: 2 };
    expect(rackFit(site({ rack_kw: 60, rack_units: 48 }), twoRacks)).toEqual({ kind: 'spans', t: 2 });
    expect(rackFit(site({ rack_kw: 59, rack_units: 48 }), twoRacks)).toBeNull();
  });
});

describe('candidates', () => {
  it('needs liquid cooling for liquid systems and respects available_from', () => {
    const air = candidatesFor(input([wl()], [site()]))[0]!;
    expect(ids(air)).toEqual(['api@-', 'gpu@dc']);
    expect(air.rejected.find((r) => r.option === 'wafer')!.reason).toMatch(/liquid/);
    expect(air.rejected.find((r) => r.option === 'nvl')!.reason).toMatch(/not available before 2027-01/);
    const wet = candidatesFor(input([wl()], [site({ liquid_cooling: true, rack_kw: 130, rack_units: 48 })], { start_month: '2027-02' }))[0]!;
    expect(ids(wet)).toEqual(['api@-', 'gpu@dc', 'nvl@dc', 'wafer@dc']);
  });

  it('counts an option arriving after the last period start as late only for workloads it would serve', () => {
    // two systems arriving in 2027-06, after the one period's start (2026-11): one serves m, the
    // other only m2; a workload of m must not be told that the m2 system arrives later
    const late = (id: string, model: string) => ({
      id, name: id, vendor: 'V', tier: 'commodity', kind: 'system', source: 's', as_of: '2026', available_from: '2027-06',
      rack_units: 4, max_power_kw: 2, typical_power_kw: 1, cooling: 'air', price_usd: 1000, support_pct_per_year: 0, lifetime_months: 36,
      performance: [{ model, points: [{ user_tps: 50, unit_tps: 1000, ttft_ms: 100 }] }],
    });
    const cat = CatalogSchema.parse({
      models: [{ id: 'm', params_b: 8, active_params_b: 8 }, { id: 'm2', params_b: 8, active_params_b: 8 }],
      options: [late('serves-m', 'm'), late('serves-m2', 'm2')],
    });
    const settings = SettingsSchema.parse({ start_month: '2026-11', horizon_months: 12 });
    const [m, m2, slow] = candidatesV2({ catalog: cat, workloads: [wl(), wl({ name: 'w2', model: 'm2' }), wl({ name: 'w3', max_latency_ms: 1000 })], sites: [site()], settings });
    expect(m!.late.map((l) => l.option)).toEqual(['serves-m']);
    expect(m2!.late.map((l) => l.option)).toEqual(['serves-m2']);
    // no fitting point (100 ms + 250 tokens at 50 tok/s = 5,100 ms): not late, simply unable
    expect(slow!.late).toEqual([]);
    expect(m!.candidates).toEqual([]);
    // late, and would serve: rejected as late; would not serve anyway: rejected for that
    expect(m!.rejected.map((r) => [r.option, r.reason])).toEqual([['serves-m', 'not available before 2027-06'], ['serves-m2', 'does not serve m']]);
    expect(slow!.rejected.map((r) => r.reason)).toEqual(['no operating point for m meets 1000 ms for 250 tokens', 'does not serve m']);
  });

  it('filters by placement, tiers and latency', () => {
    const sites = [site({ liquid_cooling: true, rack_kw: 30 })];
    expect(ids(candidatesFor(input([wl({ placement: 'cloud' })], sites))[0]!)).toEqual(['api@-']);
    expect(ids(candidatesFor(input([wl({ placement: 'onprem' })], sites))[0]!)).toEqual(['gpu@dc', 'wafer@dc']);
    expect(ids(candidatesFor(input([wl({ tiers: ['commodity'] })], sites))[0]!)).toEqual(['gpu@dc']);
    const fast = candidatesFor(input([wl({ max_latency_ms: 500, response_tokens: 200 })], sites))[0]!;
    expect(ids(fast)).toEqual(['api@-', 'wafer@dc']);
    expect(fast.rejected.find((r) => r.option === 'gpu')!.reason).toBe('no operating point meets 500 ms for 200 tokens');
  });

  it('adds edge devices only with endpoints, checking the API for latency and devices for per-endpoint capacity', () => {
    expect(ids(candidatesFor(input([wl({ placement: 'edge' })]))[0]!)).toEqual([]);
    const r = candidatesFor(input([wl({ placement: 'edge', endpoints: 100, avg_output_tps: 1000, peak_to_avg: 1.5 })]))[0]!;
    // 1,500 tok/s peak over 100 endpoints = 15 per device: the Jetson's 20 suffice
    expect(ids(r)).toEqual(['esp@-', 'jetson@-']);
    expect(r.candidates.find((c) => c.option.id === 'esp')!.api!.id).toBe('api');
    const r2 = candidatesFor(input([wl({ placement: 'edge', endpoints: 10, avg_output_tps: 1000 })]))[0]!;
    expect(ids(r2)).toEqual(['esp@-']);
    expect(r2.rejected.find((x) => x.option === 'jetson')!.reason).toBe('one device delivers 20 tok/s, each endpoint needs 150.0 tok/s at its peak');
    // 2,004 tok/s over 100 endpoints: 20.04 each, shown so (at one decimal it read "needs 20.0" beside "delivers 20")
    const r4 = candidatesFor(input([wl({ placement: 'edge', endpoints: 100, avg_output_tps: 1336, peak_to_avg: 1.5 })]))[0]!;
    expect(r4.rejected.find((x) => x.option === 'jetson')!.reason).toBe('one device delivers 20 tok/s, each endpoint needs 20.04 tok/s at its peak');
    // a device point without unit_tps says so, as a system's does (it read "one device delivers 0 tok/s")
    const noTps = { ...catalog, options: catalog.options.map((o) => (o.id === 'jetson' ? { ...o, performance: [{ model: 'm', units_per_replica: 1, points: [{ user_tps: 20, unit_tps: null, ttft_ms: 300 }] }] } : o)) };
    const r5 = candidatesFor({ ...input([wl({ placement: 'edge', endpoints: 10, avg_output_tps: 1000 })]), catalog: noTps })[0]!;
    expect(r5.rejected.find((x) => x.option === 'jetson')!.reason).toBe('its operating point has no unit_tps');
    // onprem admits devices that run the model themselves, not those inferring through an API
    const r3 = candidatesFor(input([wl({ placement: 'onprem', endpoints: 100 })], []))[0]!;
    expect(ids(r3)).toEqual(['jetson@-']);
  });
});

describe('replacement schedule', () => {
  it('buys at every j × L < H, in the month the lifetime ends', () => {
    expect(purchaseMonths(12, 36)).toEqual([0, 12, 24]);
    expect(purchaseMonths(60, 36)).toEqual([0]);
    expect(purchaseMonths(11.9, 36)).toEqual([0, 11, 23, 35]);
    expect(purchaseMonths(36, 36)).toEqual([0]);
    // residual of the last unit: bought at 35 with 11.9 months of life, 1 month used
    expect(residualFraction(11.9, 36)).toBeCloseTo(1 - 1 / 11.9);
    expect(residualFraction(60, 36)).toBeCloseTo(0.4);
  });
});
