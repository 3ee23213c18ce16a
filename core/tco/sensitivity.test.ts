// Sensitivity: signs, clamps, the fixed-plan coverage flag, tornado order, inputs left untouched.
import { describe, expect, it } from 'vitest';
import { computeTco } from './engine.ts';
import { api, assign, edge, instance, makeInput, makePlan, system } from './fixtures.test-helper.ts';
import { layoutRacks } from './racks.ts';
import { DRIVERS, caseLabel, provenWithin1Pct, reoptServiceNote, sensitivity, sensitivityInputs } from './sensitivity.ts';
import { shownCost } from '../tornado.ts';

const F = { name: 'F', it_power_kw: 1000, racks: 50, pue: 1.1, usd_per_kwh: 0.1, usd_per_rack_month: 1000, rack_kw: 20 };

function mixed(growth = 0) {
  const input = makeInput({
    options: [system('S'), api('A', 2, 0.5), instance('I', 4), edge('E', { inference_via: 'A' })],
    workloads: [
      { name: 'Wsys', model: 'm', avg_output_tps: 1000, peak_to_avg: 1.5, monthly_growth_pct: growth },
      { name: 'Wapi', model: 'm', avg_output_tps: 50 },
      { name: 'Wci', model: 'm', avg_output_tps: 80 },
      { name: 'Wedge', model: 'm', avg_output_tps: 2, endpoints: 40 },
    ],
    sites: [F],
    settings: { horizon_months: 24, residual_value: true },
  });
  // sized for the base case: D = 1,500 × 1.0x^23 ÷ 1,000
  const units = Math.ceil((1500 * Math.pow(1 + growth / 100, 23)) / 1000);
  const pools = [{ period: 0, site: 'F', option: 'S', model: 'm', units }];
  const plan = makePlan(
    [assign(input, 'Wsys', 'S', 'F'), assign(input, 'Wapi', 'A'), assign(input, 'Wci', 'I'), assign(input, 'Wedge', 'E')],
    pools,
    layoutRacks(input, pools),
    input,
  );
  return { input, plan };
}

describe('sensitivity', () => {
  it('more of a price driver costs more, less costs less', () => {
    const { input, plan } = mixed();
    const s = sensitivity(input, plan);
    const base = computeTco(input, plan).totals.horizon_cost_usd;
    expect(s.base_usd).toBeCloseTo(base, 6);
    for (const d of ['electricity', 'hardware', 'cloud_rates', 'api_prices'] as const) {
      const row = s.rows.find((r) => r.driver === d)!;
      expect(row.high.horizon_cost_usd, d).toBeGreaterThan(base);
      expect(row.low.horizon_cost_usd, d).toBeLessThan(base);
      expect(row.high.covers_demand).toBe(true);
    }
  });

  it('electricity ±20 % moves exactly the energy lines by ±20 %', () => {
    const { input, plan } = mixed();
    const r = computeTco(input, plan);
    const energy = r.byLine.find((l) => l.line === 'system_energy')!.horizon_cost_usd + r.byLine.find((l) => l.line === 'edge_energy')!.horizon_cost_usd;
    const row = sensitivity(input, plan).rows.find((x) => x.driver === 'electricity')!;
    expect(row.high.delta_usd).toBeCloseTo(0.2 * energy, 6);
    expect(row.low.delta_usd).toBeCloseTo(-0.2 * energy, 6);
    // by hand, system energy per month: 2 units × 6 kW × 1.1 × 730 × 0.10 = 963.6
    expect(r.months[0]!.lines.system_energy).toBeCloseTo(963.6, 9);
  });

  it('clamps PUE at 1 and utilisation at 1', () => {
    const { input, plan } = mixed();
    const s = sensitivity(input, plan);
    const pue = s.rows.find((r) => r.driver === 'pue')!;
    expect(pue.low.clamped).toBe(true); // 1.1 × 0.8 = 0.88 → 1.0
    const atOne = computeTco({ ...input, sites: input.sites.map((x) => ({ ...x, pue: 1 })) }, plan).totals.horizon_cost_usd;
    expect(pue.low.horizon_cost_usd).toBeCloseTo(atOne, 6);
    expect(pue.high.clamped).toBe(false);
    const cases = sensitivityInputs(input);
    expect(cases.find((c) => c.driver === 'pue' && c.direction === 'low')!.input.sites[0]!.pue).toBe(1);
    const uHigh = cases.find((c) => c.driver === 'utilization' && c.direction === 'high')!;
    expect(uHigh.input.settings.max_utilization).toBe(1);
    expect(uHigh.clamped).toBe(true);
    const u = s.rows.find((r) => r.driver === 'utilization')!;
    expect(u.high.horizon_cost_usd).toBeCloseTo(s.base_usd, 6);
    // lower utilisation: Wci's 120 tok/s peak needs 120 ÷ (0.8 × 500) = 0.3 instance, still one
    // whole instance, so no dearer; Wsys needs 1,500 ÷ (0.8 × 1,000) = 1.875 of its 2 units
    expect(u.low.horizon_cost_usd).toBeCloseTo(s.base_usd, 6);
    expect(u.low.covers_demand).toBe(true);
    expect(u.note).toMatch(/capped at 100 %/);
  });

  it('growth: no growth → empty bar with a note; growth up → more cost and the fixed plan flagged', () => {
    const m0 = mixed(0);
    const none = sensitivity(m0.input, m0.plan);
    const g0 = none.rows.find((r) => r.driver === 'growth')!;
    expect(g0.swing_usd).toBe(0);
    expect(g0.note).toMatch(/no workload grows/);
    const { input, plan } = mixed(3);
    const g = sensitivity(input, plan).rows.find((r) => r.driver === 'growth')!;
    expect(g.high.horizon_cost_usd).toBeGreaterThanOrEqual(g.low.horizon_cost_usd);
    // 1,500 × 1.036^23 ÷ 1,000 = 3.38 > the 3 units bought for 3 %/month (2.96)
    expect(g.high.covers_demand).toBe(false);
    expect(g.low.covers_demand).toBe(true);
    // the +20 % case is not priced: its figure costs 3 units where 3.38 are needed, a cost no plan
    // reaches, so the bar and its length count only the −20 % case (they read high − low)
    const base = sensitivity(input, plan).base_usd;
    expect(shownCost(g.high)).toBeNull();
    expect(shownCost(g.low)).toBe(g.low.horizon_cost_usd);
    expect(g.swing_usd).toBeCloseTo(Math.abs(g.low.horizon_cost_usd - base), 6);
    expect(g.max_usd).toBe(Math.max(base, g.low.horizon_cost_usd));
    expect(g.note).toBe('at +20 % the fixed plan no longer covers peak demand, so that case is not priced (re-optimising prices it)');
  });

  it('a driver that breaks the fixed plan is labelled so, never "no effect", even when its cost does not move', () => {
    // systems only, sized exactly at u = 1: −20 % utilisation needs more units, and nothing else costs more
    const input = makeInput({
      options: [system('S')],
      workloads: [{ name: 'W', model: 'm', avg_output_tps: 2000, peak_to_avg: 1.5 }],
      sites: [F],
      settings: { horizon_months: 24 },
    });
    const pools = [{ period: 0, site: 'F', option: 'S', model: 'm', units: 3 }];
    const s = sensitivity(input, makePlan([assign(input, 'W', 'S', 'F')], pools, layoutRacks(input, pools)));
    const u = s.rows.find((r) => r.driver === 'utilization')!;
    expect(u.swing_usd).toBe(0);
    expect(u.low.covers_demand).toBe(false);
    expect(u.effect).toBe('breaks_plan');
    expect(u.display_label).toBe('Utilisation — breaks the plan at −20 %');
    expect(u.note).toMatch(/at −20 % the fixed plan no longer covers peak demand/);
    const g = s.rows.find((r) => r.driver === 'growth')!;
    expect(g.effect).toBe('none');
    expect(g.display_label).toBe('Demand growth — no effect');
    expect(s.rows.find((r) => r.driver === 'hardware')!.display_label).toBe('Hardware prices');
  });

  it('a plan already short of the base demand (a what-if): every case is priced as the base is, none "breaks the plan"', () => {
    // the same system sized at u = 1 needs 3 units; the plan holds 2, so the base falls short too
    const input = makeInput({
      options: [system('S')],
      workloads: [{ name: 'W', model: 'm', avg_output_tps: 2000, peak_to_avg: 1.5 }],
      sites: [F],
      settings: { horizon_months: 24 },
    });
    const pools = [{ period: 0, site: 'F', option: 'S', model: 'm', units: 2 }];
    const plan = makePlan([assign(input, 'W', 'S', 'F')], pools, layoutRacks(input, pools));
    expect(computeTco(input, plan).capacity_ok).toBe(false);
    const s = sensitivity(input, plan);
    for (const r of s.rows) {
      expect(r.effect).not.toBe('breaks_plan');
      expect(shownCost(r.low)).toBe(r.low.horizon_cost_usd);
      expect(shownCost(r.high)).toBe(r.high.horizon_cost_usd);
    }
    // the hardware rows move the cost: they get their bars (before, every row read "breaks the plan" with none)
    expect(s.rows.find((r) => r.driver === 'hardware')!.swing_usd).toBeGreaterThan(0);
  });

  it('price trends: ±20 % of the yearly rate, or ±5 points when it is 0; high is the dearer side', () => {
    const { input, plan } = mixed();
    const rates = (inp: typeof input, d: 'hardware_trend' | 'cloud_trend') =>
      sensitivityInputs(inp).filter((c) => c.driver === d).map((c) => [c.direction, c.rate_pct]);
    expect(rates(input, 'hardware_trend')).toEqual([['low', -5], ['high', 5]]);
    const falling = { ...input, settings: { ...input.settings, hardware_price_change_pct_per_year: -15, cloud_price_change_pct_per_year: 10 } };
    expect(rates(falling, 'hardware_trend')).toEqual([['low', -18], ['high', -12]]);
    expect(rates(falling, 'cloud_trend')).toEqual([['low', 8], ['high', 12]]);
    // the fixed plan buys at month 0 (π = 1); only the edge devices' re-buy in month 18 (40 × $200)
    // moves with the hardware trend: net of its residual credit (2/3 of its price comes back in
    // month 23) it is 8,000 × π(18) ÷ 3, with π(18) = 1.05^1.5 at +5 %/yr and 0.95^1.5 at −5 %/yr
    const s = sensitivity(input, plan);
    const hw = s.rows.find((r) => r.driver === 'hardware_trend')!;
    expect(hw.high.delta_usd).toBeCloseTo((8000 / 3) * (Math.pow(1.05, 1.5) - 1), 6);
    expect(hw.low.delta_usd).toBeCloseTo((8000 / 3) * (Math.pow(0.95, 1.5) - 1), 6);
    expect(hw.note).toBe('hardware prices change −5% and +5% a year instead of 0% a year (a rate of 0 moves by ±5 points)');
    // a rate is written as everywhere else, to 2 decimals (format.ts formatRatePct): −6.35 %/yr
    // read "−6.3" beside the assumptions' and the exports' "−6.35% a year", its cases −7.6 and −5.1
    const odd = { ...input, settings: { ...input.settings, hardware_price_change_pct_per_year: -6.35 } };
    expect(sensitivity(odd, plan).rows.find((r) => r.driver === 'hardware_trend')!.note).toBe('hardware prices change −7.62% and −5.08% a year instead of −6.35% a year');
    // a rate below the floor (−99 %/yr) keeps it as its cheaper case: its cheaper case was −99 %/yr,
    // dearer than the base, and the note read "−99% and −79.92% a year instead of −99.9% a year"
    const steep = { ...input, settings: { ...input.settings, hardware_price_change_pct_per_year: -99.9 } };
    expect(rates(steep, 'hardware_trend')).toEqual([['low', -99.9], ['high', -99.9 + 99.9 * 0.2]]);
    expect(sensitivity(steep, plan).rows.find((r) => r.driver === 'hardware_trend')!.note).toBe('hardware prices change −79.92% a year instead of −99.9% a year; no faster fall is tried below −99% a year');
    const deep = { ...input, settings: { ...input.settings, hardware_price_change_pct_per_year: -90 } };
    expect(rates(deep, 'hardware_trend')).toEqual([['low', -99], ['high', -72]]);
    expect(sensitivity(deep, plan).rows.find((r) => r.driver === 'hardware_trend')!.note).toBe('hardware prices change −99% and −72% a year instead of −90% a year (not below −99% a year)');
    const cl = s.rows.find((r) => r.driver === 'cloud_trend')!;
    expect(cl.high.horizon_cost_usd).toBeGreaterThan(s.base_usd);
    expect(cl.low.horizon_cost_usd).toBeLessThan(s.base_usd);
    expect(cl.label).toBe('Cloud price trend');
  });

  it('labels each case by what it moved: ±pct of a driver, a trend row by its yearly rates', () => {
    const { input } = mixed();
    const falling = { ...input, settings: { ...input.settings, hardware_price_change_pct_per_year: -15 } };
    const label = (inp: typeof input, d: string) =>
      sensitivityInputs(inp, 20).filter((c) => c.driver === d).map((c) => caseLabel(c.driver, c.direction, 20, c.rate_pct));
    // −15 %/yr moves by ±20 % of itself; a rate of 0 by ±5 points: never "−20 % / +20 %"
    expect(label(falling, 'hardware_trend')).toEqual(['−18%/yr', '−12%/yr']);
    expect(label(input, 'cloud_trend')).toEqual(['−5%/yr', '+5%/yr']);
    expect(label({ ...input, settings: { ...input.settings, hardware_price_change_pct_per_year: -6.35 } }, 'hardware_trend')).toEqual(['−7.62%/yr', '−5.08%/yr']);
    expect(label(input, 'electricity')).toEqual(['−20%', '+20%']);
  });

  it('a re-optimised figure is proven within 1 % only when optimal or its gap is at most 1 %', () => {
    expect(provenWithin1Pct('optimal', null)).toBe(true);
    expect(provenWithin1Pct('time_limit', 0.01)).toBe(true);
    expect(provenWithin1Pct('time_limit', 0.0101)).toBe(false);
    expect(provenWithin1Pct('time_limit', null)).toBe(false);
  });

  it('reports its progress driver by driver', () => {
    const { input, plan } = mixed();
    const seen: [number, number][] = [];
    sensitivity(input, plan, { onProgress: (done, total) => seen.push([done, total]) });
    expect(seen).toEqual(DRIVERS.map((_, i) => [i + 1, DRIVERS.length]));
  });

  it('rows are sorted by swing, and the input is never mutated', () => {
    const { input, plan } = mixed(2);
    const before = JSON.stringify(input);
    const s = sensitivity(input, plan, { pct: 10 });
    expect(JSON.stringify(input)).toBe(before);
    expect(s.rows.map((r) => r.driver).sort()).toEqual([...DRIVERS].sort());
    for (let i = 1; i < s.rows.length; i++) expect(s.rows[i - 1]!.swing_usd).toBeGreaterThanOrEqual(s.rows[i]!.swing_usd);
    expect(sensitivityInputs(input, 10)).toHaveLength(DRIVERS.length * 2);
    expect(sensitivityInputs(input, 10)[0]!.factor).toBeCloseTo(0.9, 12);
    expect(() => sensitivityInputs(input, 0)).toThrow(/pct/);
  });
});

describe('a re-optimised case that serves another number of workloads', () => {
  it('says so, with the penalties its horizon cost leaves out', () => {
    const base = { unservedWorkloads: 66 };
    expect(reoptServiceNote({ unservedWorkloads: 66, penaltyUsd: 1 }, base)).toBeNull();
    expect(reoptServiceNote({ unservedWorkloads: 5066, penaltyUsd: null }, base)).toBe('leaves 5,000 more workloads unserved than the base: not comparable on cost (5,066 unserved; their penalties are not in this figure)');
    expect(reoptServiceNote({ unservedWorkloads: 101, penaltyUsd: 1_130_000_000 }, base)).toBe(
      'leaves 35 more workloads unserved than the base: not comparable on cost (101 unserved; their penalties, $1,130,000,000, are not in this figure)',
    );
    expect(reoptServiceNote({ unservedWorkloads: 65, penaltyUsd: 0 }, base)).toBe('serves 1 more workload than the base: not comparable on cost (65 unserved against 66)');
    // the same workloads unserved, for more months (one in one period at the base, in all three in the case)
    const priced = { unservedWorkloads: 1, penaltyUsd: 12_000 };
    expect(reoptServiceNote({ unservedWorkloads: 1, penaltyUsd: 12_000 }, priced)).toBeNull();
    expect(reoptServiceNote({ unservedWorkloads: 1, penaltyUsd: 36_000 }, priced)).toBe(
      'leaves workloads unserved for more months than the base: not comparable on cost (penalties $36,000 against $12,000, not in this figure)',
    );
    // not yet solved: nothing to say
    expect(reoptServiceNote({ unservedWorkloads: null }, base)).toBeNull();
    expect(reoptServiceNote({ unservedWorkloads: 3 }, undefined)).toBeNull();
  });
});
