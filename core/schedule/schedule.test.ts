// The schedule of a hand-made 3-period plan, every figure worked out by hand below.
import { describe, expect, it } from 'vitest';
import { computeTco } from '../tco/engine.ts';
import { formatMoney } from '../format.ts';
import { api, edge, makeInput, makePlan, pt, system } from '../tco/fixtures.test-helper.ts';
import type { Assignment, PlanResult } from '../types.ts';
import { buildSchedule, nameWithModel, planYears, planYearsTable, poolRatesText, roundToTotal, scheduleRoundedAway, scheduleRuns, scheduleShown, summarySentence, type Schedule, type SchedulePeriod, type ShownEntries } from './schedule.ts';
import { roundingNote } from '../round-table.ts';

// 36 months from Nov 2026, purchases every 12 months, hardware 20 % cheaper each year, no residual.
// Alpha 8: $100,000, 24-month life, 1,000 tok/s per unit. Beta Rack: $300,000, 2 units per replica,
// 4,000 tok/s per replica, orderable from Nov 2027. Fast API: $2 per M output, $0.50 per M input.
const input = makeInput({
  options: [
    system('alpha', { name: 'Alpha 8', price_usd: 100_000, lifetime_months: 24 }, { m: [pt(50, 1000)] }),
    { ...system('beta', { name: 'Beta Rack', price_usd: 300_000, lifetime_months: 60, available_from: '2027-11' }), performance: [{ model: 'm', units_per_replica: 2, points: [pt(50, 4000)] }] },
    api('fast', 2, 0.5, { m: [pt(100, null)] }, { name: 'Fast API' }),
  ],
  workloads: [
    { name: 'chat', model: 'm', avg_output_tps: 400, peak_to_avg: 1.5 },
    { name: 'code', model: 'm', avg_output_tps: 1000, peak_to_avg: 2 },
  ],
  sites: [{ name: 'dc', it_power_kw: 1000, racks: 20 }],
  settings: { horizon_months: 36, purchase_interval_months: 12, start_month: '2026-11', hardware_price_change_pct_per_year: -20, residual_value: false },
});

const row = (workload: string, period: number, option: string, site: string | null, unit: number | null, kind: Assignment['kind']): Assignment =>
  ({ workload, period, option, model: 'm', site, user_tps: 50, unit_tps: unit, ttft_ms: 100, tier: 'commodity', kind });

const plan: PlanResult = {
  status: 'optimal', objective_usd: null, bound_usd: null, gap: 0, solve_ms: 0,
  periods: [0, 1, 2].map((k) => ({ period: k, start_month: 12 * k, months: 12 })),
  assignments: [
    ...[0, 1, 2].map((k) => row('chat', k, 'alpha', 'dc', 1000, 'system')),
    row('code', 0, 'fast', null, null, 'cloud_api'),
    row('code', 1, 'beta', 'dc', 4000, 'system'),
    row('code', 2, 'beta', 'dc', 4000, 'system'),
  ],
  purchases: [
    { period: 0, site: 'dc', option: 'alpha', model: 'm', replicas: 1, units: 1 },
    { period: 1, site: 'dc', option: 'beta', model: 'm', replicas: 1, units: 2 },
  ],
  pools: [
    ...[0, 1, 2].map((k) => ({ period: k, site: 'dc', option: 'alpha', model: 'm', units: 1 })),
    ...[1, 2].map((k) => ({ period: k, site: 'dc', option: 'beta', model: 'm', units: 2 })),
  ],
  cloud: [], edge: [], unserved: [], sites: [],
  totals: { capex_usd: 0, horizon_cost_usd: 0 },
};

const close = (a: number, b: number) => expect(a).toBeCloseTo(b, 6);

describe('the schedule of a 3-period plan', () => {
  const s = buildSchedule(input, plan, computeTco(input, plan));

  it('names the periods with their calendar months', () => {
    expect(s.periods.map((p) => p.name)).toEqual(['Year 1 Nov 2026 – Oct 2027', 'Year 2 Nov 2027 – Oct 2028', 'Year 3 Nov 2028 – Oct 2029']);
  });

  it('buys at π_hw prices and re-buys at the end of a lifetime', () => {
    // Year 1: 1 Alpha at $100,000 × 0.8^0; year 2: 2 Beta units at $300,000 × 0.8^1 = $480,000
    close(s.periods[0]!.capex_usd, 100_000);
    close(s.periods[1]!.capex_usd, 480_000);
    close(s.periods[2]!.capex_usd, 0);
    const beta = s.periods[1]!.sites[0]!.bought[0]!;
    expect([beta.option, beta.quantity, beta.replicas]).toEqual(['beta', 2, 1]);
    // the Alpha bought in month 0 lives 24 months: re-bought in month 24 (year 3) at $100,000 × 0.8^2
    expect(s.periods[0]!.replacement_usd).toBe(0);
    const re = s.periods[2]!.sites[0]!.replaced;
    expect(re.map((r) => [r.option, r.month, r.quantity])).toEqual([['alpha', 24, 1]]);
    close(re[0]!.usd, 64_000);
    close(s.capex_usd, 580_000);
    close(s.replacement_usd, 64_000);
  });

  it('rents the API for the first year only', () => {
    // 1,000 tok/s × 3,600 × 730 = 2,628 M tokens a month at $2 + 3 × $0.50 = $3.50 per M: $9,198 a month
    const cloud = s.periods[0]!.sites.find((x) => x.kind === 'cloud')!;
    expect(cloud.rented.map((r) => [r.option, r.workloads])).toEqual([['fast', ['code']]]);
    close(cloud.rent_usd, 9198 * 12);
    expect(s.periods[1]!.sites.some((x) => x.kind === 'cloud')).toBe(false);
  });

  it('tells each workload where it runs and says when it moves', () => {
    expect(s.timeline.map((t) => [t.workload, t.moves])).toEqual([['chat', 0], ['code', 1]]);
    expect(s.moves.map((m) => m.sentence)).toEqual(['code: Fast API → Beta Rack at dc from Nov 2027']);
  });

  it('sets units owned against units needed per pool, month by month', () => {
    const beta = s.pools.find((p) => p.option === 'beta')!;
    // none owned in year 1; then 1 replica of 2 units; code peaks at 1,000 × 2 = 2,000 tok/s from
    // month 12, half a 4,000 tok/s replica: 1 unit
    expect([beta.owned_units[11], beta.owned_units[12], beta.owned_units[35]]).toEqual([0, 2, 2]);
    expect([beta.needed_units[11], beta.needed_units[12]]).toEqual([0, 1]);
    expect([beta.demand_tps[11], beta.demand_tps[12]]).toEqual([0, 2000]);
    const alpha = s.pools.find((p) => p.option === 'alpha')!;
    // 400 × 1.5 = 600 tok/s on one 1,000 tok/s unit
    expect([alpha.owned_units[0], alpha.needed_units[0], alpha.demand_tps[0]]).toEqual([1, 0.6, 600]);
    expect(poolRatesText(alpha)).toBe('a unit serves chat at 1,000 tok/s');
    expect(poolRatesText(beta)).toBe('a replica (2 units) serves code at 4,000 tok/s');
    // the larger pool (by peak demand) comes first
    expect(s.pools.map((p) => p.option)).toEqual(['beta', 'alpha']);
  });

  it('owns the same units while workloads of other rates move on and off the pool', () => {
    // 2 Alpha units bought in year 1 and kept; a batch workload a unit serves at 4,000 tok/s leaves
    // in year 3, a latency-bound one served at 1,000 tok/s joins in year 2. In tokens/s the owned
    // capacity read 2,000, then 8,000 (batch alone), then 2,000 with no purchase or sale
    const p: PlanResult = {
      ...plan,
      assignments: [
        row('chat', 0, 'alpha', 'dc', 1000, 'system'), row('code', 0, 'alpha', 'dc', 4000, 'system'),
        row('code', 1, 'alpha', 'dc', 4000, 'system'),
        row('chat', 2, 'alpha', 'dc', 1000, 'system'),
        row('chat', 1, 'fast', null, null, 'cloud_api'), row('code', 2, 'fast', null, null, 'cloud_api'),
      ],
      purchases: [{ period: 0, site: 'dc', option: 'alpha', model: 'm', replicas: 2, units: 2 }],
      pools: [0, 1, 2].map((k) => ({ period: k, site: 'dc', option: 'alpha', model: 'm', units: 2 })),
    };
    const [pool] = buildSchedule(input, p, computeTco(input, p)).pools;
    expect(new Set(pool!.owned_units)).toEqual(new Set([2]));
    // chat 600 ÷ 1,000 + code 2,000 ÷ 4,000 = 1.1 units; code alone 0.5; chat alone 0.6
    close(pool!.needed_units[0]!, 1.1);
    close(pool!.needed_units[12]!, 0.5);
    close(pool!.needed_units[24]!, 0.6);
    pool!.needed_units.forEach((n, m) => expect(n).toBeLessThanOrEqual(pool!.owned_units[m]!));
    // what a unit serves of each, fastest first: why the need moves with the workloads on the pool
    expect(poolRatesText(pool!)).toBe('a unit serves code at 4,000 tok/s and chat at 1,000 tok/s');
  });

  it('adds up cost by plan year', () => {
    // purchases: year 1 $100,000, year 2 $480,000; year 3 the $64,000 re-buy, a replacement
    expect(s.years.map((y) => y.name)).toEqual(['Year 1 Nov 2026 – Oct 2027', 'Year 2 Nov 2027 – Oct 2028', 'Year 3 Nov 2028 – Oct 2029']);
    [100_000, 480_000, 0].forEach((v, i) => close(s.years[i]!.capex_usd, v));
    [0, 0, 64_000].forEach((v, i) => close(s.years[i]!.replacement_usd, v));
    close(s.years[0]!.running_usd + s.years[0]!.capex_usd, s.years[0]!.total_usd);
    close(s.years[2]!.running_usd + s.years[2]!.replacement_usd, s.years[2]!.total_usd);
    // the TCO view's cost by plan year alone is the same figures
    expect(planYears(input, computeTco(input, plan))).toEqual(s.years);
  });

  it("splits a plan year's purchases from its replacements, an edge device's re-buys too, so the table's capex adds up to the Capex figure", () => {
    // one period of 36 months, prices flat: Alpha bought in month 0 ($100,000) and re-bought in
    // month 24; 10 devices at $200 bought in month 0 ($2,000) and re-bought in month 18 (the
    // edge_capex line holds both: its re-buys read as purchases)
    const one = makeInput({
      options: [
        system('alpha', { name: 'Alpha 8', price_usd: 100_000, lifetime_months: 24 }, { m: [pt(50, 1000)] }),
        edge('dev', { lifetime_months: 18, performance: [{ model: 'm', points: [pt(50, 100)] }] }),
      ],
      workloads: [
        { name: 'chat', model: 'm', avg_output_tps: 400, peak_to_avg: 1.5 },
        { name: 'field', model: 'm', avg_output_tps: 10, peak_to_avg: 1, placement: 'edge', tiers: ['edge'], endpoints: 10 },
      ],
      sites: [{ name: 'dc', it_power_kw: 1000, racks: 20 }],
      settings: { horizon_months: 36, start_month: '2026-11', residual_value: false },
    });
    const p: PlanResult = {
      ...plan,
      periods: [{ period: 0, start_month: 0, months: 36 }],
      assignments: [row('chat', 0, 'alpha', 'dc', 1000, 'system'), { ...row('field', 0, 'dev', null, 100, 'edge_device'), tier: 'edge' }],
      purchases: [{ period: 0, site: 'dc', option: 'alpha', model: 'm', replicas: 1, units: 1 }],
      pools: [{ period: 0, site: 'dc', option: 'alpha', model: 'm', units: 1 }],
      edge: [{ workload: 'field', option: 'dev', period: 0, devices: 10 }],
    };
    const tco = computeTco(one, p);
    close(tco.totals.capex_usd, 102_000);
    close(tco.totals.replacement_usd, 102_000);
    const years = planYears(one, tco);
    expect(years.map((y) => [Math.round(y.capex_usd), Math.round(y.replacement_usd)])).toEqual([[102_000, 0], [0, 2_000], [0, 100_000]]);
    const table = planYearsTable(years, false, 150_000);
    const col = (key: string) => table.columns.findIndex((c) => c.key === key);
    expect(table.columns.map((c) => c.label)).toEqual(['Plan year', 'Capex (purchases)', 'Replacements', 'Capex budget left', 'Running costs', 'Total']);
    // the horizon's capex is the Capex figure (DESIGN 8: replacements excluded), its replacements beside it
    expect(table.foot[col('capex')]).toBe(formatMoney(tco.totals.capex_usd));
    expect(table.foot[col('replacements')]).toBe('$102,000');
    expect(table.rows.map((r) => r.cells[col('replacements')])).toEqual(['—', '$2,000', '$100,000']);
    // the budget caps both (DESIGN 5.7)
    expect(table.rows.map((r) => r.cells[col('budget_left')])).toEqual(['$48,000', '$148,000', '$50,000']);
    // no replacements: no column for them
    expect(planYearsTable(s.years.slice(0, 2), false, null).columns.map((c) => c.key)).toEqual(['year', 'capex', 'running', 'total']);
  });

  it('says what is bought when in one sentence', () => {
    expect(s.summary).toBe('Buy 1 Alpha 8 system at dc in Nov 2026 ($100k); add 2 Beta Rack systems at dc in Nov 2027 ($480k).');
  });

  it('does not say "system" twice for a catalog name ending in it', () => {
    const item = (name: string, quantity: number) => ({ option: name, name, model: 'm', workload: null, quantity, quantity_unit: 'units', replicas: quantity, usd: 1000, month: 0, workloads: [] });
    const period = { period: 0, start_month: 0, months: 12, starts: 'Nov 2026', capex_usd: 2000, sites: [{ site: 'dc', kind: 'site', bought: [item('Cerebras CS-3 (WSE-3) system', 6), item('Taalas HC1 System', 1)], replaced: [], rented: [] }] };
    expect(summarySentence({ periods: [period] } as unknown as Pick<Schedule, 'periods'>, 1)).toBe('Buy 6 Cerebras CS-3 (WSE-3) systems at dc and 1 Taalas HC1 system at dc in Nov 2026 ($2.00k).');
    // an option named just "System" (was "Buy 2  systems")
    const bare = { ...period, sites: [{ ...period.sites[0]!, bought: [item('System', 2)] }] };
    expect(summarySentence({ periods: [bare] } as unknown as Pick<Schedule, 'periods'>, 1)).toBe('Buy 2 systems at dc in Nov 2026 ($2.00k).');
  });
});

describe('cost by plan year, rounded', () => {
  it('shows rows that add up to the Horizon figure shown (largest remainder)', () => {
    expect(roundToTotal([336_539.4, 336_539.4, 336_539.6])).toEqual([336_539, 336_539, 336_540]);
    expect(roundToTotal([0.6, 0.6, 0.6, -0.2])).toEqual([1, 1, 0, 0]);
    expect(roundToTotal([0, 5])).toEqual([0, 5]);
    const y = (year: number, v: number) => ({ year, name: `Year ${year}`, total_usd: v, capex_usd: v, replacement_usd: 0, running_usd: 0, residual_usd: 0, pv_usd: v });
    // each $336,539.4 alone reads $336,539: the years read $1,009,617 above a Horizon of $1,009,618
    const t = planYearsTable([y(1, 336_539.4), y(2, 336_539.4), y(3, 336_539.5)], true, null);
    const dollars = (c: string) => Number(c.replace(/[$,]/g, ''));
    for (const key of ['capex', 'total', 'pv']) {
      const i = t.columns.findIndex((c) => c.key === key);
      expect(t.rows.reduce((a, r) => a + dollars(r.cells[i]!), 0), key).toBe(dollars(t.foot[i]!));
    }
    expect(t.foot[t.columns.findIndex((c) => c.key === 'total')]).toBe('$1,009,618');
  });

  const dollars = (c: string) => Number(c.replace(/[$,]/g, '').replace('−', '-'));
  const demoYears = [
    { year: 1, name: 'Year 1', capex_usd: 1_175_800, replacement_usd: 0, running_usd: 269_726.49, residual_usd: 0, total_usd: 1_445_526.49, pv_usd: 1_445_526.49 },
    { year: 2, name: 'Year 2', capex_usd: 500_000, replacement_usd: 0, running_usd: 378_220.32, residual_usd: 0, total_usd: 878_220.32, pv_usd: 878_220.32 },
    { year: 3, name: 'Year 3', capex_usd: 80_000, replacement_usd: 0, running_usd: 361_671.9, residual_usd: -805_653.33, total_usd: -363_981.43, pv_usd: -363_981.43 },
  ];

  it('shows rows that add up across as well as down, and a Horizon total that is the horizon cost', () => {
    // column by column, Year 1 read $1,175,800 + $269,727 beside a total of $1,445,526, and the
    // Horizon $1,755,800 + $1,009,619 − $805,653 beside $1,959,766 … or $1,959,765
    const t = planYearsTable(demoYears, false, null);
    const at = (key: string) => t.columns.findIndex((c) => c.key === key);
    for (const r of [...t.rows.map((r) => r.cells), t.foot]) {
      const parts = ['capex', 'running', 'residual'].map((k) => (r[at(k)] === '—' ? 0 : dollars(r[at(k)]!)));
      expect(parts.reduce((a, v) => a + v, 0), r[0]).toBe(dollars(r[at('total')]!));
    }
    for (const key of ['capex', 'running', 'residual', 'total']) {
      expect(t.rows.reduce((a, r) => a + (r.cells[at(key)] === '—' ? 0 : dollars(r.cells[at(key)]!)), 0), key).toBe(dollars(t.foot[at(key)]!));
    }
    expect(t.foot[at('total')]).toBe('$1,959,765');
    // the figures the summary quotes on their own: capex and the residual credit
    expect(t.foot[at('capex')]).toBe('$1,755,800');
    expect(t.foot[at('residual')]).toBe('−$805,653');
  });

  it('gives the capex budget left as the budget less the purchases shown beside it', () => {
    // $400,000.50 of capex may read $400,001 (largest remainder); the budget left must be $1,000,000 less what is shown
    const years = [{ ...demoYears[0]!, capex_usd: 400_000.5 }, { ...demoYears[1]!, capex_usd: 300_000.5 }, demoYears[2]!];
    const t = planYearsTable(years, false, 1_000_000);
    const at = (key: string) => t.columns.findIndex((c) => c.key === key);
    for (const r of t.rows) expect(dollars(r.cells[at('budget_left')]!) + dollars(r.cells[at('capex')]!), r.cells[0]).toBe(1_000_000);
  });
});

describe('the what-is-bought-when sentence', () => {
  const device = (workload: string, quantity: number, usd: number) =>
    ({ option: 'jet', name: 'Jetson', model: null, workload, quantity, quantity_unit: 'devices' as const, replicas: null, usd, month: 12, workloads: [] });
  const period = (k: number, starts: string, bought: ReturnType<typeof device>[]) => ({
    period: k, start_month: 12 * k, months: 12, name: `Year ${k + 1}`, label: '', starts,
    sites: [{ site: 'edge', kind: 'edge' as const, bought, replaced: [], rented: [], capex_usd: 0, replacement_usd: 0, rent_usd: 0 }],
    capex_usd: bought.reduce((a, b) => a + b.usd, 0), replacement_usd: 0, rent_usd: 0,
  });
  it('sums the devices a period buys for several workloads, and says when nothing is bought at the start', () => {
    // 40 + 60 devices at $250 = $25,000 for two workloads in the second year
    const s = summarySentence({ periods: [period(0, 'Nov 2026', []), period(1, 'Nov 2027', [device('a', 40, 10_000), device('b', 60, 15_000)])] }, 2);
    expect(s).toBe('Buy 100 Jetson devices for 2 workloads in Nov 2027 ($25.0k).');
    expect(summarySentence({ periods: [period(0, 'Nov 2026', [])] }, 3)).toBe('Buy no hardware: every served workload runs on rented cloud capacity or token APIs.');
  });
  it('a plan that serves no workload does not say its workloads run on rented capacity', () => {
    // a $0 penalty: the optimum leaves every workload unserved, buys and rents nothing
    const input = makeInput({ options: [system('S')], workloads: [{ name: 'W', model: 'm', avg_output_tps: 100 }], settings: { unserved_penalty_usd_per_month: 0 } });
    const plan = { ...makePlan([]), unserved: [{ workload: 'W', period: 0, reason: 'left unserved' }] };
    expect(buildSchedule(input, plan, computeTco(input, plan)).summary).toBe('Buy no hardware: the plan serves no workload.');
  });
});

describe('the periods as listed (scheduleRuns)', () => {
  const period = (k: number, busy: boolean): SchedulePeriod => ({
    period: k, start_month: k, months: 1, name: `P${k + 1} month ${k}`, label: '', starts: '',
    sites: busy ? [{ kind: 'cloud', site: 'cloud', bought: [], replaced: [], rented: [], capex_usd: 0 }] as unknown as SchedulePeriod['sites'] : [],
    capex_usd: 0, replacement_usd: 0, rent_usd: busy ? 10 : 0,
  });
  const s = { start_month: '2026-01', interval_months: 1 };

  it('groups consecutive periods with nothing bought, replaced or rented, and leaves every other period alone', () => {
    const ps = [period(0, true), period(1, false), period(2, false), period(3, false), period(4, true), period(5, false), period(6, true), period(7, true)];
    const runs = scheduleRuns(s, ps);
    expect(runs.map((r) => [r.periods.map((p) => p.period), r.idle])).toEqual([
      [[0], false], [[1, 2, 3], true], [[4], false], [[5], true], [[6], false], [[7], false],
    ]);
    // a run is named by its first and last period; a lone period keeps its own name
    expect(runs[1]!.name).toBe('P2–P4 Feb 2026 – Apr 2026');
    expect(runs[3]!.name).toBe('P6 month 5');
    // money in a period makes it not idle, even without a site row
    expect(scheduleRuns(s, [{ ...period(0, false), replacement_usd: 1 }, period(1, false)]).map((r) => r.periods.length)).toEqual([1, 1]);
  });
});

describe('the schedule as shown', () => {
  for (const seed of [3, 7, 11, 19, 23]) {
    it(`seed ${seed}: whole dollars within a dollar of each figure, a period's items adding up to its totals and the periods to the horizon`, async () => {
      const { randomPhasedPlan } = await import('./phased-plan.test-helper.ts');
      const { input, plan } = randomPhasedPlan(seed);
      const solved = buildSchedule(input, plan, computeTco(input, plan));
      const shown = scheduleShown(solved);
      const lists = [['bought', 'capex_usd'], ['replaced', 'replacement_usd'], ['rented', 'rent_usd']] as const;
      shown.periods.forEach((p, k) => {
        for (const [list, field] of lists) {
          const items = p.sites.flatMap((x) => x[list]);
          const raw = solved.periods[k]!.sites.flatMap((x) => x[list]);
          items.forEach((i, n) => {
            expect(Number.isInteger(i.usd)).toBe(true);
            expect(Math.abs(i.usd - raw[n]!.usd)).toBeLessThan(1);
          });
          expect(items.reduce((a, i) => a + i.usd, 0)).toBe(p[field]);
          expect(Math.abs(p[field] - solved.periods[k]![field])).toBeLessThan(1);
          for (const x of p.sites) expect(x[list].reduce((a, i) => a + i.usd, 0)).toBe(x[field]);
        }
      });
      expect(shown.periods.reduce((a, p) => a + p.capex_usd, 0)).toBe(shown.capex_usd);
      expect(shown.capex_usd).toBe(Math.round(solved.capex_usd));
      expect(shown.replacement_usd).toBe(Math.round(solved.replacement_usd));
    });
  }

  it('makes a year of rentals add up to its "rented" figure', () => {
    // rounded each on its own: $286,620 + $25,465 + $2,971 beside "$315,055 rented"
    const rent = (option: string, usd: number) => ({ option, name: option, model: 'm', workload: null, quantity: null, quantity_unit: null, replicas: null, usd, month: null, workloads: ['w'] });
    const rented = [rent('a', 286_619.755), rent('b', 25_464.6), rent('c', 2_970.6)];
    const period = { period: 0, start_month: 0, months: 12, name: 'Year 1', label: '', starts: 'May 2027', capex_usd: 0, replacement_usd: 0, rent_usd: 315_054.955, sites: [{ site: 'cloud', kind: 'cloud', bought: [], replaced: [], rented, capex_usd: 0, replacement_usd: 0, rent_usd: 315_054.955 }] };
    const s = scheduleShown({ periods: [period], capex_usd: 0, replacement_usd: 0 } as unknown as Schedule);
    const p = s.periods[0]!;
    expect(p.rent_usd).toBe(315_055);
    expect(p.sites[0]!.rented.reduce((a, i) => a + i.usd, 0)).toBe(315_055);
  });

  it('counts the amounts the rounding moved off their nearest dollar, as a view lists them, and by how much', () => {
    const rent = (option: string, usd: number) => ({ option, name: option, model: 'm', workload: null, quantity: null, quantity_unit: null, replicas: null, usd, month: null, workloads: ['w'] });
    const rented = [rent('a', 286_619.755), rent('b', 25_464.6), rent('c', 2_970.6)];
    const period = { period: 0, start_month: 0, months: 12, name: 'Year 1', label: '', starts: 'May 2027', capex_usd: 0, replacement_usd: 0, rent_usd: 315_054.955, sites: [{ site: 'cloud', kind: 'cloud', bought: [], replaced: [], rented, capex_usd: 0, replacement_usd: 0, rent_usd: 315_054.955 }] };
    const exact = { periods: [period], capex_usd: 0, replacement_usd: 0 } as unknown as Schedule;
    const shown = scheduleShown(exact);
    const each: ShownEntries = (_list, items) => new Map(items.map((i, n) => [String(n), i.usd]));
    // $2,970.60 of c reads $2,970 so that the three add up to $315,055
    const r = scheduleRoundedAway(exact, shown, { entries: each, siteCapex: true, horizon: true });
    expect(r.count).toBe(1);
    expect(roundingNote(r, 'to their totals', ['amount', 'amounts'])).toBe('Whole dollars that add up to their totals: one amount is rounded the other way from its nearest dollar for that, within $1 of the exact figure.');
    // listed as one line, the three read at their own nearest dollar: no note
    const one: ShownEntries = (_list, items) => new Map([['all', items.reduce((a, i) => a + i.usd, 0)]]);
    expect(roundingNote(scheduleRoundedAway(exact, shown, { entries: one, siteCapex: true, horizon: true }), 'to their totals')).toBeNull();
    // a period not shown is not counted
    expect(scheduleRoundedAway(exact, shown, { entries: each, siteCapex: true, horizon: false, periods: new Set([1]) }).count).toBe(0);
    // a sum of rounded items can be off by more than $1: the note says by how much
    expect(roundingNote({ count: 2, maxOff: 1.2 }, 'to their totals', ['amount', 'amounts'])).toContain('2 amounts are rounded the other way from their nearest dollar for that, each within $2 of the exact figure');
  });
});

describe('the periods\' capex alone (Compare\'s schedules)', () => {
  it('add up to the horizon\'s capex as shown, and the note counts only the figures shown', () => {
    // a price that falls by the month: two half-year rounds of $460,977.60 read $460,978 each beside $921,955
    const item = (usd: number) => ({ option: 's', name: 'S', model: 'm', workload: null, quantity: 1, quantity_unit: 'units' as const, replicas: 1, usd, month: 0, workloads: [] });
    const site = (usd: number) => ({ site: 'dc', kind: 'site' as const, bought: [item(usd)], replaced: [], rented: [], capex_usd: usd, replacement_usd: 0, rent_usd: 0 });
    const period = (k: number, usd: number) => ({ period: k, start_month: 6 * k, months: 6, name: `P${k + 1}`, label: '', starts: '', sites: [site(usd)], capex_usd: usd, replacement_usd: 0, rent_usd: 0 });
    const exact = { summary: '', interval_months: 6, periods: [period(0, 460_977.6), period(1, 460_977.6)], capex_usd: 921_955.2, replacement_usd: 0 };
    const shown = scheduleShown(exact);
    expect(shown.periods.map((p) => p.capex_usd)).toEqual([460_978, 460_977]);
    expect(shown.capex_usd).toBe(921_955);
    expect(shown.summary).toBe('');
    const none = () => new Map<string, number>();
    expect(scheduleRoundedAway(exact, shown, { entries: none, siteCapex: false, horizon: true, periodTotals: ['capex_usd'] }).count).toBe(1);
  });
});

describe('the note under the plan-year table', () => {
  const y = (year: number, capex: number, running: number) => ({ year, name: `Year ${year}`, capex_usd: capex, replacement_usd: 0, running_usd: running, residual_usd: 0, total_usd: capex + running, pv_usd: capex + running });
  it('says how many figures are rounded the other way from their nearest dollar so that the table adds up, and only when some are', () => {
    // Year 1's capex of $120,000.60 reads $120,000 (and its budget left $30,000, its running costs
    // of $0.30 read $1) so that the years and the Horizon add up
    const t = planYearsTable([y(1, 120_000.6, 0.3), y(2, 0.7, 0.3)], false, 150_000);
    const capex = t.columns.findIndex((c) => c.key === 'capex');
    expect(t.rows[0]!.cells[capex]).toBe('$120,000');
    expect(t.note).toBe('Whole dollars that add up across and down: 3 cells are rounded the other way from their nearest dollar for that, each within $1 of the exact figure.');
    // what the budget caps, as the cells show it (the PDF quotes the peak beside the budget)
    expect(t.rows.map((r) => r.budgeted_shown)).toEqual([120_000, 1]);
    expect(t.rows.map((r) => r.total_shown)).toEqual([120_001, 1]);
    expect(planYearsTable([y(1, 120_000, 300), y(2, 1_000, 300)], false, 150_000).note).toBeNull();
  });
});

describe('an option named with its model (nameWithModel)', () => {
  it('adds the model after a name that does not say it', () => {
    expect(nameWithModel('NVIDIA HGX/DGX B200 (8x B200 180GB)', 'llama-3.3-70b')).toBe('NVIDIA HGX/DGX B200 (8x B200 180GB) (llama-3.3-70b)');
    expect(nameWithModel('2 units of Cerebras CS-3', 'llama-3.3-70b', (m) => ` · ${m}`)).toBe('2 units of Cerebras CS-3 · llama-3.3-70b');
  });
  it('does not repeat a model the name already gives (a token API named for its model)', () => {
    expect(nameWithModel('Together AI API — gpt-oss-120b', 'gpt-oss-120b')).toBe('Together AI API — gpt-oss-120b');
    expect(nameWithModel('GroqCloud API — GPT-OSS-120B', 'gpt-oss-120b', (m) => ` · ${m}`)).toBe('GroqCloud API — GPT-OSS-120B');
    // the model's id with spaces for its hyphens
    expect(nameWithModel('GroqCloud API — Llama 3.1 8B (instant)', 'llama-3.1-8b')).toBe('GroqCloud API — Llama 3.1 8B (instant)');
    expect(nameWithModel('1 unit of Taalas HC1 server (10 x HC1, Llama 3.1 8B hard-wired)', 'llama-3.1-8b')).toBe('1 unit of Taalas HC1 server (10 x HC1, Llama 3.1 8B hard-wired)');
    // a name that says another model of the family still names the one served
    expect(nameWithModel('Cerebras Cloud API — Llama 3.1 8B', 'llama-3.1-80b')).toBe('Cerebras Cloud API — Llama 3.1 8B (llama-3.1-80b)');
  });
  it('gives the name alone without a model', () => {
    expect(nameWithModel('Together AI API — Llama 3.1 8B', null)).toBe('Together AI API — Llama 3.1 8B');
  });
});
