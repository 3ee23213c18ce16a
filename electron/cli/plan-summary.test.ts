import { describe, expect, it } from 'vitest';
import { assign, edge, makeInput, pt } from '../../core/tco/fixtures.test-helper.ts';
import { planFromAssignments } from '../../core/tco/plan-builder.ts';
import type { PlanResult } from '../../core/types.ts';
import { summarisePlan } from './plan-summary.ts';
import { computeTco } from '../../core/tco/engine.ts';
import { summariseTco } from '../../core/tco/summary.ts';
import { formatMoney } from '../../core/format.ts';

describe('the optimize summary', () => {
  it('counts replicas of multi-unit purchases in words that agree with the number', () => {
    const plan = {
      status: 'optimal', objective_usd: 1, bound_usd: 1, gap: 0, solve_ms: 1,
      periods: [{ period: 0, start_month: 0, months: 12 }],
      assignments: [], pools: [], cloud: [], edge: [], unserved: [], sites: [],
      purchases: [
        { period: 0, site: 'S', option: 'pair', model: 'm', replicas: 1, units: 2 },
        { period: 0, site: 'S', option: 'quad', model: 'm', replicas: 3, units: 12 },
        { period: 0, site: 'S', option: 'single', model: 'm', replicas: 5, units: 5 },
      ],
      totals: { capex_usd: 0, horizon_cost_usd: 1 }, binding: [],
    } as unknown as PlanResult;
    const buys = summarisePlan(plan, { start: '2027-01' }).filter((l) => l.trimStart().startsWith('buy'));
    expect(buys).toEqual([
      '  buy   S: 2 × pair for m (1 replica)',
      '  buy   S: 12 × quad for m (3 replicas)',
      '  buy   S: 5 × single for m',
    ]);
  });

  it('says what the objective adds to the horizon cost: the unserved penalties, which are not a cost', () => {
    const plan = (objective: number) => ({
      status: 'optimal', objective_usd: objective, bound_usd: objective, gap: 0, solve_ms: 1,
      periods: [{ period: 0, start_month: 0, months: 12 }],
      assignments: [], pools: [], cloud: [], edge: [], unserved: [], sites: [], purchases: [],
      totals: { capex_usd: 277_012.5, horizon_cost_usd: 312_437.84 }, binding: [],
    }) as unknown as PlanResult;
    expect(summarisePlan(plan(852_437.84))[1]).toBe('horizon cost $312,438, capex $277,013 (first purchases); the objective adds $540,000 of unserved penalties (not a cost)');
    expect(summarisePlan(plan(312_437.84))[1]).toBe('horizon cost $312,438, capex $277,013 (first purchases)');
  });

  it('speaks of the periods the capex is bought in only where the plan has several', () => {
    const plan = (periods: { period: number; start_month: number; months: number }[]) => ({
      status: 'optimal', objective_usd: 1, bound_usd: 1, gap: 0, solve_ms: 1, periods,
      assignments: [], pools: [], cloud: [], edge: [], unserved: [], sites: [], purchases: [],
      totals: { capex_usd: 2000, horizon_cost_usd: 1 }, binding: [],
    }) as unknown as PlanResult;
    // one period: everything is bought in the first month, there are no periods to speak of
    expect(summarisePlan(plan([{ period: 0, start_month: 0, months: 36 }]))[1]).toBe('horizon cost $1, capex $2,000 (first purchases)');
    expect(summarisePlan(plan([]), { horizon: 36 })[1]).toBe('horizon cost $1, capex $2,000 (first purchases)');
    const three = [0, 1, 2].map((k) => ({ period: k, start_month: 12 * k, months: 12 }));
    expect(summarisePlan(plan(three))[1]).toBe('horizon cost $1, capex $2,000 (first purchases in all periods)');
  });

  it('says what the horizon cost is net of, as fleetplan tco does: the discount and the residual credit with its present value', () => {
    // 10 devices of $200 with a 24-month life over 12 months: $2,000 of capex, a $1,000 credit in
    // month 11 ($916 at 10 % a year); the cost below the capex is the credit, said
    const input = makeInput({
      options: [edge('E', { lifetime_months: 24, performance: [{ model: 'm', points: [pt(50, 100)] }] })],
      workloads: [{ name: 'W', model: 'm', avg_output_tps: 10, endpoints: 10, placement: 'edge' }],
      settings: { discount_rate_pct: 10, residual_value: true },
    });
    const plan = { ...planFromAssignments(input, [assign(input, 'W', 'E')]), totals: { capex_usd: 2000, horizon_cost_usd: 1100 } };
    expect(summarisePlan(plan, { input })[1]).toBe('horizon cost $1,100 (discounted at 10% a year, net of $1,000 residual credit, $916 at present value), capex $2,000 (first purchases)');
    const plain = { ...input, settings: { ...input.settings, discount_rate_pct: 0, residual_value: false } };
    expect(summarisePlan(plan, { input: plain })[1]).toBe('horizon cost $1,100, capex $2,000 (first purchases)');
  });

  it('gives the replacements the capex leaves out, the figure fleetplan tco prints', () => {
    // 10 devices of $200 with a 5-month life over 12 months: $2,000 of capex, re-bought in months 5
    // and 10 ($4,000), which optimize printed nowhere
    const input = makeInput({
      options: [edge('E', { lifetime_months: 5, performance: [{ model: 'm', points: [pt(50, 100)] }] })],
      workloads: [{ name: 'W', model: 'm', avg_output_tps: 10, endpoints: 10, placement: 'edge' }],
    });
    const bare = planFromAssignments(input, [assign(input, 'W', 'E')]);
    const report = computeTco(input, bare);
    const plan = { ...bare, totals: { capex_usd: report.totals.capex_usd, horizon_cost_usd: report.totals.horizon_cost_usd } };
    expect(report.totals.replacement_usd).toBe(4000);
    expect(summariseTco(report)).toContain('replacements   $4,000  (re-buys at the end of lifetimes, at the prices of their months)');
    // fleetplan tco's capex line speaks of periods as optimize's does: only for a plan with several
    expect(summariseTco(report)).toContain('capex          $2,000  (first purchases, replacements excluded)');
    expect(summariseTco(report, [], 3)).toContain('capex          $2,000  (first purchases in all periods, replacements excluded)');
    expect(summarisePlan(plan, { input })[1]).toBe(
      `horizon cost ${formatMoney(report.totals.horizon_cost_usd)}, capex $2,000 (first purchases), replacements $4,000 (re-buys at the end of lifetimes, at the prices of their months)`,
    );
    // none without re-buys within the horizon
    const long = makeInput({ ...input, options: [edge('E', { lifetime_months: 24, performance: [{ model: 'm', points: [pt(50, 100)] }] })], workloads: input.workloads });
    expect(summarisePlan(planFromAssignments(long, [assign(long, 'W', 'E')]), { input: long })[1]).not.toContain('replacements');
  });

  it('says "1 month" for a one-month period', () => {
    const plan = {
      status: 'optimal', objective_usd: 1, bound_usd: 1, gap: 0, solve_ms: 1,
      periods: [{ period: 0, start_month: 0, months: 1 }, { period: 1, start_month: 1, months: 11 }],
      assignments: [], pools: [], cloud: [], edge: [], unserved: [], sites: [],
      // a purchase in the first period keeps the two apart (periods that read the same are one block)
      purchases: [{ period: 0, site: 'S', option: 'box', model: 'm', replicas: 1, units: 1 }],
      totals: { capex_usd: 0, horizon_cost_usd: 1 }, binding: [],
    } as unknown as PlanResult;
    expect(summarisePlan(plan, { start: '2027-01' }).filter((l) => l.startsWith('period'))).toEqual([
      'period 1 of 2 (Jan 2027, 1 month): 0 served (none), 0 unserved',
      'period 2 of 2 (Feb 2027 – Dec 2027, 11 months): 0 served (none), 0 unserved',
    ]);
  });

  it('groups thousands in site use as in every other figure', () => {
    const plan = {
      status: 'optimal', objective_usd: 1, bound_usd: 1, gap: 0, solve_ms: 1,
      periods: [{ period: 0, start_month: 0, months: 12 }],
      assignments: [], pools: [], cloud: [], edge: [], unserved: [], purchases: [],
      sites: [{ site: 'S', period: 0, power_kw_used: 55_730.04, power_kw_limit: 10_000_000, racks_used: 3716, racks_limit: 1_000_000, racks: [] }],
      totals: { capex_usd: 0, horizon_cost_usd: 1 }, binding: [],
    } as unknown as PlanResult;
    expect(summarisePlan(plan, { start: '2027-01' }).find((l) => l.startsWith('  site'))).toBe('  site  S: 55,730 / 10,000,000 kW, 3,716 / 1,000,000 racks');
  });
  it('prints consecutive periods that buy nothing and read the same as one block, and keeps purchases apart', () => {
    const pool = (period: number, units: number) => ({ period, site: 'S', option: 'box', model: 'm', units, replicas: units });
    const plan = {
      status: 'optimal', objective_usd: 1, bound_usd: 1, gap: 0, solve_ms: 1,
      periods: [0, 1, 2, 3, 4, 5].map((k) => ({ period: k, start_month: k, months: 1 })),
      assignments: [], cloud: [], edge: [], unserved: [], sites: [],
      // bought in month 0, more in month 3 and month 4 (two purchases in a row stay two blocks)
      purchases: [pool(0, 2), pool(3, 1), pool(4, 1)],
      pools: [pool(0, 2), pool(1, 2), pool(2, 2), pool(3, 3), pool(4, 4), pool(5, 4)],
      totals: { capex_usd: 0, horizon_cost_usd: 1 }, binding: [],
    } as unknown as PlanResult;
    const out = summarisePlan(plan, { start: '2027-01' });
    expect(out.filter((l) => l.startsWith('period'))).toEqual([
      'period 1 of 6 (Jan 2027, 1 month): 0 served (none), 0 unserved',
      'periods 2–3 of 6 (Feb 2027 – Mar 2027, 2 months), each: 0 served (none), 0 unserved, no purchases',
      'period 4 of 6 (Apr 2027, 1 month): 0 served (none), 0 unserved',
      'period 5 of 6 (May 2027, 1 month): 0 served (none), 0 unserved',
      'period 6 of 6 (Jun 2027, 1 month): 0 served (none), 0 unserved',
    ]);
    // the block lists what each of its periods owns, once
    const block = out.indexOf('periods 2–3 of 6 (Feb 2027 – Mar 2027, 2 months), each: 0 served (none), 0 unserved, no purchases');
    expect(out.slice(block + 1, block + 3)).toEqual(['  own   S: 2 × box for m', 'period 4 of 6 (Apr 2027, 1 month): 0 served (none), 0 unserved']);
    expect(out.filter((l) => l.includes('buy'))).toHaveLength(3);
  });
});

describe('the optimize summary\'s status line', () => {
  const base = {
    periods: [{ period: 0, start_month: 0, months: 12 }],
    assignments: [], pools: [], cloud: [], edge: [], unserved: [], sites: [], purchases: [],
    totals: { capex_usd: 0, horizon_cost_usd: 100 },
  } satisfies Partial<PlanResult>;
  it('a plan stopped before any bound says no bound was proven, not "bound $0  gap 100.000 %"', () => {
    const line = summarisePlan({ ...base, status: 'time_limit', objective_usd: 100, bound_usd: 0, gap: 1, solve_ms: 100 })[0]!;
    expect(line).toBe('status: time_limit  objective $100  no lower bound proven  (0.1 s)');
  });
  it('a proven bound is given with its gap', () => {
    const line = summarisePlan({ ...base, status: 'time_limit', objective_usd: 100, bound_usd: 90, gap: 0.1, solve_ms: 2000 })[0]!;
    expect(line).toBe('status: time_limit  objective $100  bound $90  gap 10.000 %  (2.0 s)');
  });
});
