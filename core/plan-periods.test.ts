import { describe, expect, it } from 'vitest';
import { formatPlanMonth, formatPlanMonths } from './format.ts';
import { periodLabel, periodsLabel, periodsText, periodName, planForPeriod, planPeriods, poolReplicas, purchaseTimingText, unservedInPeriod } from './plan-periods.ts';
import type { PlanResult } from './types.ts';

describe('period labels', () => {
  it('counts calendar months across year ends', () => {
    expect(formatPlanMonth('2026-11', 0)).toBe('Nov 2026');
    expect(formatPlanMonth('2026-11', 2)).toBe('Jan 2027');
    expect(formatPlanMonth('2026-01', 35)).toBe('Dec 2028');
  });

  it('says how the periods divide the horizon, a short last period included', () => {
    expect(periodsText([{ months: 30 }], 30)).toBe('One purchase period: everything bought in the first month');
    expect(periodsText([{ months: 12 }, { months: 12 }, { months: 12 }], 12)).toBe('3 periods of 12 months');
    // horizon 30, interval 25 (bench/trust.ts short-life-budget-14): not "2 periods of 25 months"
    expect(periodsText([{ months: 25 }, { months: 5 }], 25)).toBe('2 periods of 25 months, the last of 5');
    expect(periodsText(Array.from({ length: 36 }, () => ({ months: 1 })), 1)).toBe('36 periods of 1 month');
  });

  it('labels a period by its first and last month; a one-month period by its month', () => {
    expect(periodLabel('2026-11', { start_month: 0, months: 12 })).toBe('Nov 2026 – Oct 2027');
    expect(periodLabel('2026-11', { start_month: 24, months: 12 })).toBe('Nov 2028 – Oct 2029');
    // a short last period (horizon 30, interval 12)
    expect(periodLabel('2026-11', { start_month: 24, months: 6 })).toBe('Nov 2028 – Apr 2029');
    expect(periodLabel('2026-11', { start_month: 5, months: 1 })).toBe('Apr 2027');
  });

  it('names consecutive periods as one range of months, gaps as separate ranges', () => {
    const monthly = Array.from({ length: 36 }, (_, k) => ({ start_month: k, months: 1 }));
    expect(periodsLabel('2026-05', monthly, Array.from({ length: 36 }, (_, k) => k))).toBe('May 2026 – Apr 2029');
    expect(periodsLabel('2026-05', monthly, [7, 0, 1, 2, 3, 9, 10])).toBe('May 2026 – Aug 2026, Dec 2026 and Feb 2027 – Mar 2027');
    const yearly = [{ start_month: 0, months: 12 }, { start_month: 12, months: 12 }, { start_month: 24, months: 6 }];
    expect(periodsLabel('2026-11', yearly, [2, 1])).toBe('Nov 2027 – Apr 2029');
    expect(periodsLabel('2026-11', yearly, [0, 2])).toBe('Nov 2026 – Oct 2027 and Nov 2028 – Apr 2029');
    expect(periodsLabel('2026-11', yearly, [])).toBe('');
  });
});

describe('period names', () => {
  it('calls yearly periods Year 1, Year 2 … and numbers other intervals', () => {
    expect(periodName('2026-11', { period: 1, start_month: 12, months: 12 }, 12)).toBe('Year 2 Nov 2027 – Oct 2028');
    // horizon 30 bought yearly: the last plan year is short
    expect(periodName('2026-11', { period: 2, start_month: 24, months: 6 }, 12)).toBe('Year 3 Nov 2028 – Apr 2029');
    expect(periodName('2026-11', { period: 2, start_month: 12, months: 6 }, 6)).toBe('P3 Nov 2027 – Apr 2028');
  });
});

describe('planForPeriod', () => {
  const plan: PlanResult = {
    status: 'optimal', objective_usd: 1, bound_usd: 1, gap: 0, solve_ms: 1,
    periods: [{ period: 0, start_month: 0, months: 12 }, { period: 1, start_month: 12, months: 12 }],
    assignments: [
      { workload: 'chat', period: 0, option: 'api', model: 'm', site: null, user_tps: 50, unit_tps: null, ttft_ms: 100, tier: 'premium', kind: 'cloud_api' },
      { workload: 'chat', period: 1, option: 'sys', model: 'm', site: 'dc', user_tps: 50, unit_tps: 900, ttft_ms: 200, tier: 'commodity', kind: 'system' },
    ],
    purchases: [{ period: 1, site: 'dc', option: 'sys', model: 'm', replicas: 2, units: 4 }],
    pools: [{ period: 1, site: 'dc', option: 'sys', model: 'm', units: 4 }],
    cloud: [11, 12, 13].map((month) => ({ month, option: 'inst', model: 'm', instances: month - 10 })),
    edge: [{ workload: 'iot', option: 'esp', period: 0, devices: 10 }],
    unserved: [{ workload: 'late', period: 0, reason: 'nothing can serve it yet' }],
    sites: [
      { site: 'dc', period: 0, power_kw_used: 0, power_kw_limit: 100, racks_used: 0, racks_limit: 4, racks: [] },
      { site: 'dc', period: 1, power_kw_used: 40, power_kw_limit: 100, racks_used: 2, racks_limit: 4, racks: [] },
    ],
    totals: { capex_usd: 1, horizon_cost_usd: 1 },
  };

  it('keeps only the rows of the period, and the cloud months inside it', () => {
    const [p0, p1] = planPeriods(plan, 24);
    const a = planForPeriod(plan, p0!);
    expect(a.assignments.map((x) => x.option)).toEqual(['api']);
    expect(a.pools).toEqual([]);
    expect(a.purchases).toEqual([]);
    expect(a.unserved.map((u) => u.workload)).toEqual(['late']);
    expect(a.cloud.map((c) => c.month)).toEqual([11]);
    expect(a.edge).toHaveLength(1);
    expect(a.sites.map((s) => s.racks_used)).toEqual([0]);
    const b = planForPeriod(plan, p1!);
    expect(b.assignments.map((x) => x.option)).toEqual(['sys']);
    expect(b.pools.map((x) => x.units)).toEqual([4]);
    expect(b.purchases.map((x) => x.replicas)).toEqual([2]);
    expect(b.cloud.map((c) => c.month)).toEqual([12, 13]);
    expect(b.edge).toEqual([]);
    expect(b.sites.map((s) => s.racks_used)).toEqual([2]);
  });

  it('treats a plan without periods (no plan found) as one period over the horizon', () => {
    expect(planPeriods({ periods: [] }, 36)).toEqual([{ period: 0, start_month: 0, months: 36 }]);
  });
});

describe('purchaseTimingText', () => {
  const periods = Array.from({ length: 6 }, (_, k) => ({ period: k, start_month: 6 * k }));
  const buy = (period: number) => ({ period, site: 'F', option: 'S', model: 'm', replicas: 1, units: 1 });
  const months = (replaced: number[] = []) => Array.from({ length: 36 }, (_, month) => ({ month, lines: { system_replacement: replaced.includes(month) ? 10 : 0 } }));
  it('names only the periods that buy, and replacement only when there is one', () => {
    // buys in May 2026, May 2027 and May 2028 of six 6-month periods, replaces nothing
    expect(purchaseTimingText('2026-05', periods, { purchases: [buy(0), buy(2), buy(4)], edge: [] }, months(), 6)).toBe('purchases in May 2026, May 2027 and May 2028');
    expect(purchaseTimingText('2026-05', periods, { purchases: [buy(0), buy(2)], edge: [] }, months([20]), 6)).toBe('purchases in May 2026 and May 2027 and at replacement');
    expect(purchaseTimingText('2026-05', periods, { purchases: [], edge: [] }, months(), 6)).toBe('no purchases');
  });
  it('says when every period buys; its months and the others read by one rule ("every 6 months from May 2026" beside "every 6 months May 2026 – May 2027")', () => {
    // the months read by the one rule for plan months (formatPlanMonths), whether every period buys or some do
    const all = periods.map((p) => p.start_month);
    expect(purchaseTimingText('2026-05', periods, { purchases: periods.map((p) => buy(p.period)), edge: [] }, months(), 6)).toBe(`purchases at each period start (${formatPlanMonths('2026-05', all, 6)})`);
    expect(formatPlanMonths('2026-05', all, 6)).toBe('every 6 months May 2026 – Nov 2028');
    expect(purchaseTimingText('2026-05', periods.slice(0, 2), { purchases: [buy(0), buy(1)], edge: [] }, months(), 6)).toBe('purchases at each period start (May 2026 and Nov 2026)');
    expect(purchaseTimingText('2026-05', periods, { purchases: [0, 1, 2, 4].map(buy), edge: [] }, months(), 6)).toBe('purchases every 6 months May 2026 – May 2027 and May 2028');
  });
  it('an edge re-buy is a replacement, its first purchase is not', () => {
    const edge = [{ workload: 'W', option: 'E', period: 0, devices: 10 }];
    const lines = (m: number) => ({ month: m, lines: { edge_capex: m === 0 || m === 9 ? 5 : 0 } });
    expect(purchaseTimingText('2026-05', periods, { purchases: [], edge }, Array.from({ length: 36 }, (_, m) => lines(m)), 6)).toBe('purchases in May 2026 and at replacement');
  });
});

describe('poolReplicas', () => {
  it("takes the plan's replicas, not units ÷ the catalog's units per replica", () => {
    const pool = { period: 1, site: 'F', option: 'S', model: 'm', units: 5 };
    const purchases = [{ period: 0, site: 'F', option: 'S', model: 'm', replicas: 1, units: 4 }, { period: 1, site: 'F', option: 'S', model: 'm', replicas: 0.25, units: 1 }, { period: 2, site: 'F', option: 'S', model: 'm', replicas: 1, units: 4 }];
    expect(poolReplicas({ purchases }, pool, 4)).toBe(1.25);
    expect(poolReplicas({ purchases: [] }, pool, 4)).toBe(1.25);
    expect(poolReplicas({ purchases }, { ...pool, period: 0, units: 4 }, 2)).toBe(1);
  });
});

describe('unservedInPeriod', () => {
  const penalty = 'within the site and budget limits, serving it costs more than its unserved penalty';
  const racks = 'rack power at dc holds it back: without that limit the plan serves it';
  const plan = {
    unserved: [
      { workload: 'W', period: 0, reason: penalty },
      { workload: 'W', period: 1, reason: racks },
      { workload: 'W', period: 2, reason: racks },
      { workload: 'V', period: 1, reason: penalty },
      { workload: 'V', period: 2, reason: penalty },
    ],
  };
  const runName = (a: number, b: number) => (a === b ? `Year ${a + 1}` : `Years ${a + 1}–${b + 1}`);
  it('gives each workload its reason in the period and, where it differs, the other periods with theirs', () => {
    expect(unservedInPeriod(plan, 0, runName)).toEqual([{ workload: 'W', reason: penalty, elsewhere: `Years 2–3: ${racks}` }]);
    expect(unservedInPeriod(plan, 1, runName)).toEqual([
      { workload: 'W', reason: racks, elsewhere: `Year 1: ${penalty}` },
      // the same reason in every period it is left out in: nothing more to say
      { workload: 'V', reason: penalty, elsewhere: null },
    ]);
  });
});
