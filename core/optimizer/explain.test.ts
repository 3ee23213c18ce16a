// Infeasibility words a person reads: catalog names (never ids), every option listed, no site
// said to lack the liquid cooling it has, the limit and by how much, the budget that would work,
// and the view holding the fix. Pure: the relaxed re-solve is given as a plan.
import { describe, expect, it } from 'vitest';
import type { PlanResult } from '../types.ts';
import { capexPerPlanYear, explainInfeasible, noCandidateWhy, reasonsInOneLine } from './explain.ts';
import { reasonFixes } from './reason-fix.ts';
import { candidatesV2 } from '../sizing.ts';
import { api, makeInput, models, system } from './fixtures.test-helper.ts';

const perf = { m70: [{ user_tps: 30, unit_tps: 3000, ttft_ms: 300 }] };
const liquid = (id: string, name: string) => system(id, { name, cooling: 'liquid' }, perf);

function emptyPlan(extra: Partial<PlanResult>): PlanResult {
  return {
    status: 'optimal', objective_usd: 0, bound_usd: 0, gap: 0, solve_ms: 1, periods: [{ period: 0, start_month: 0, months: 12 }],
    assignments: [], purchases: [], pools: [], cloud: [], edge: [], unserved: [], sites: [], totals: { capex_usd: 0, horizon_cost_usd: 0 }, ...extra,
  };
}

describe('noCandidateWhy', () => {
  it('names options by their catalog names, lists all of them, and names the sites that lack liquid cooling', () => {
    const options = Array.from({ length: 6 }, (_, i) => liquid(`sys-${i}`, `Wafer System ${i}`));
    const input = makeInput({
      catalog: { models, options },
      workloads: [{ name: 'w', model: 'm70', avg_output_tps: 10 }],
      sites: [{ name: 'Air DC', it_power_kw: 100, racks: 4 }, { name: 'Wet DC', it_power_kw: 100, racks: 4, liquid_cooling: true, rack_units: 4 }],
    });
    const rejected = options.flatMap((o) => [
      { option: o.id, site: 'Air DC', reason: 'needs liquid cooling' },
      { option: o.id, site: 'Wet DC', reason: 'does not fit a 4 U / 20 kW rack' },
    ]);
    const why = noCandidateWhy({ workload: input.workloads[0]!, rejected }, input);
    expect(why).not.toMatch(/sys-\d/);
    expect(why).not.toMatch(/more/);
    for (const o of options) expect(why).toContain(o.name);
    expect(why).toContain('need liquid cooling, which Air DC lacks (Wet DC has it');
    expect(why).not.toMatch(/sites lack it/);
  });

  it('an option arriving after the last purchase says when it arrives and when the plan last buys, not "not yet available" at the start', () => {
    const late = system('late', { name: 'Late Box', available_from: '2027-12' }, perf);
    const rejected = [{ option: 'late', site: null, reason: 'not available before 2027-12' }];
    const phased = makeInput({
      catalog: { models, options: [late] }, workloads: [{ name: 'w', model: 'm70', avg_output_tps: 10 }], sites: [{ name: 'DC', it_power_kw: 100, racks: 4 }],
      settings: { start_month: '2027-01', horizon_months: 12, purchase_interval_months: 6 },
    });
    expect(noCandidateWhy({ workload: phased.workloads[0]!, rejected }, phased)).toBe('nothing can serve m70 — Late Box (available from 2027-12) arrives after the plan\'s last purchase (Jul 2027)');
    const once = { ...phased, settings: { ...phased.settings, purchase_interval_months: 12 } };
    const why = noCandidateWhy({ workload: once.workloads[0]!, rejected }, once);
    expect(why).toBe('nothing can serve m70 — Late Box (available from 2027-12) is not yet available in Jan 2027, when the plan buys');
    expect(reasonFixes(why).map((f) => f.view)).toEqual(['catalog']);
  });

  it('a reason naming site power or site racks links to Sites (the racks reason and the limits together had no Sites link)', () => {
    expect(reasonFixes('site racks makes the scenario infeasible: lifting it admits a plan, which uses 19 racks at DC, 15 over its limit of 4').map((f) => f.view)).toEqual(['sites']);
    expect(reasonFixes('the limits together (site power, site racks, the capex budget) make the scenario infeasible; no single limit or pair of them does').map((f) => f.view))
      .toEqual(['sites', 'settings']);
  });

  it('a latency nothing meets says by how much the fastest option misses it', () => {
    const input = makeInput({
      catalog: { models, options: [api('fast-api', { name: 'Fast API' }, { m70: [{ user_tps: 100, ttft_ms: 200 }] })] },
      workloads: [{ name: 'w', model: 'm70', avg_output_tps: 10, max_latency_ms: 1000, response_tokens: 250 }],
      sites: [],
    });
    const why = noCandidateWhy({ workload: input.workloads[0]!, rejected: [{ option: 'fast-api', site: null, reason: 'no operating point meets 1000 ms' }] }, input);
    // 200 ms + 1000 × 250 / 100 = 2,700 ms
    expect(why).toBe('no option meets 1000 ms for 250 tokens (the fastest, Fast API, needs 2700 ms: 1700 ms over)');
    expect(reasonFixes(why).map((f) => f.view)).toEqual(['workloads']);
  });
  it('a workload with a model list (a|b): options serving one of its models are never said to serve none of them', () => {
    // found by bench/independent.ts (single-option scenarios): "no option in the catalog serves m70|m405"
    // for a workload a cloud-only placement kept off the one system that serves m70
    const input = makeInput({
      catalog: { models, options: [system('box', { name: 'GPU box' }, perf), api('slow-api', { name: 'Slow API' }, { m405: [{ user_tps: 10, ttft_ms: 500 }] })] },
      workloads: [
        { name: 'placed', model: 'm70|m405', avg_output_tps: 10, placement: 'onprem' },
        { name: 'slow', model: 'm405|m70', avg_output_tps: 10, tiers: ['premium', 'commodity'], placement: 'cloud', max_latency_ms: 1000, response_tokens: 250 },
      ],
      sites: [{ name: 'DC', it_power_kw: 100, racks: 4 }],
    });
    const [placed, slow] = candidatesV2(input);
    expect(placed!.candidates.length + slow!.candidates.length).toBeGreaterThan(0);
    // 'placed' has the box (onprem): a candidate; 'slow' (cloud only) has none: the box is excluded by
    // placement and the API misses the latency (500 + 1000 × 250 / 10 = 25,500 ms)
    const why = noCandidateWhy(slow!, input);
    expect(why).not.toMatch(/no option in the catalog serves/);
    expect(why).toContain('placement cloud excludes GPU box');
    expect(why).toContain('Slow API cannot meet 1000 ms');
    const latencyOnly = makeInput({ ...input, workloads: [{ name: 'fast', model: 'm405|m8', avg_output_tps: 10, max_latency_ms: 1000, response_tokens: 250 }] });
    const [fast] = candidatesV2(latencyOnly);
    expect(noCandidateWhy(fast!, latencyOnly)).toBe('no option meets 1000 ms for 250 tokens (the fastest, Slow API, needs 25500 ms: 24500 ms over)');
  });

  it('a system that does not fit the racks: the figure that breaks the fit, by site (was "Rack B do not fit the sites\' racks")', () => {
    // a rack-scale unit of 20 kW over 2 racks draws 10 kW a rack: not in 9.99 kW racks; a 15 kW box not in 10 kW racks;
    // a 42 U system not in 40 U racks
    const input = makeInput({
      catalog: { models, options: [
        system('rb', { name: 'Rack B', rack_units: 42, racks_per_unit: 2, max_power_kw: 20 }, perf),
        system('bx', { name: 'Box', rack_units: 4, max_power_kw: 15 }, perf),
        system('bx2', { name: 'Box 2', rack_units: 4, max_power_kw: 15 }, perf),
      ] },
      workloads: [{ name: 'w', model: 'm70', avg_output_tps: 10 }],
      sites: [{ name: 'S', it_power_kw: 100, racks: 10, rack_units: 42, rack_kw: 9.99 }, { name: 'T', it_power_kw: 100, racks: 10, rack_units: 40, rack_kw: 10 }],
    });
    const why = noCandidateWhy(candidatesV2(input)[0]!, input);
    expect(why).toContain('Rack B does not fit a 42 U / 9.99 kW rack (20 kW a unit over 2 racks: 10 kW a rack) at S');
    expect(why).toContain('Box and Box 2 do not fit a 42 U / 9.99 kW rack (15 kW a unit) at S');
    expect(why).toContain('Box and Box 2 do not fit a 40 U / 10 kW rack (15 kW a unit) at T');
    expect(why).toContain('Rack B: is 42 U, taller than the 40 U racks');
    expect(reasonFixes(why).map((f) => f.view)).toEqual(['sites']);
  });
});

describe('explainInfeasible', () => {
  it('a capex budget: says the budget per plan year that would work, from the relaxed plan', () => {
    const input = makeInput({
      catalog: { models, options: [system('h', { name: 'GPU box', price_usd: 100_000, lifetime_months: 60 }, perf)] },
      workloads: [{ name: 'w', model: 'm70', avg_output_tps: 10 }],
      sites: [{ name: 'DC', it_power_kw: 100, racks: 4 }],
      settings: { horizon_months: 24, purchase_interval_months: 12, capex_budget_usd: 250_000, residual_value: false },
    });
    const relaxed = emptyPlan({
      periods: [{ period: 0, start_month: 0, months: 12 }, { period: 1, start_month: 12, months: 12 }],
      purchases: [
        { period: 0, site: 'DC', option: 'h', model: 'm70', replicas: 2, units: 2 },
        { period: 1, site: 'DC', option: 'h', model: 'm70', replicas: 3, units: 3 },
      ],
    });
    expect(capexPerPlanYear(relaxed, input)).toEqual([200_000, 300_000]);
    const reasons = explainInfeasible(input, (i) => (i.settings.capex_budget_usd == null ? relaxed : null));
    expect(reasons).toEqual([
      'the capex budget makes the scenario infeasible: lifting it admits a plan: a capex budget of $300,000 per plan year would work ' +
        '(the budget is $250,000; plan year 2 would buy $300,000 of hardware)',
    ]);
    expect(reasonFixes(reasons[0]!)).toEqual([{ view: 'settings', label: 'Change the budget in Settings' }]);
  });

  it('two limits either of which, lifted, admits a plan: their combination blocks, not each alone', () => {
    // a capex budget and a total budget: the cheap purchase breaks the capex budget, the all-API plan
    // the total budget, yet each budget alone admits a plan (found by an acceptance run of the fleetplan command)
    const input = makeInput({
      catalog: { models, options: [system('h', { name: 'GPU box', price_usd: 5000 }, perf)] },
      workloads: [{ name: 'w', model: 'm70', avg_output_tps: 10 }],
      sites: [{ name: 'DC', it_power_kw: 100, racks: 4 }],
      settings: { horizon_months: 12, purchase_interval_months: 12, capex_budget_usd: 4999, total_budget_usd: 40_000 },
    });
    const relaxed = emptyPlan({ totals: { capex_usd: 0, horizon_cost_usd: 63_072 } });
    const reasons = explainInfeasible(input, (i) => (i.settings.capex_budget_usd == null || i.settings.total_budget_usd == null ? relaxed : null));
    expect(reasons[0]).toBe('no plan meets all of these limits at once; lifting any one of them admits a plan:');
    expect(reasons.slice(1).map((r) => r.split(':')[0])).toEqual(['the capex budget makes the scenario infeasible', 'the total budget makes the scenario infeasible']);
    expect(reasons.join('\n')).not.toMatch(/alone/);
    // on one line (tco and report of an infeasible plan): the heading is followed by its items, not by ':;'
    expect(reasonsInOneLine(reasons)).toMatch(/^no plan meets all of these limits at once; lifting any one of them admits a plan: the capex budget makes .*\); the total budget makes /);
    expect(reasonsInOneLine(['a', 'b'])).toBe('a; b');
  });

  it('site power: the limit, the need and the excess; the fix is in Sites', () => {
    const input = makeInput({
      catalog: { models, options: [system('h', { name: 'GPU box' }, perf)] },
      workloads: [{ name: 'w', model: 'm70', avg_output_tps: 10 }],
      sites: [{ name: 'DC', it_power_kw: 25, racks: 4 }],
    });
    const relaxed = emptyPlan({ sites: [{ site: 'DC', period: 0, power_kw_used: 30, power_kw_limit: 1e9, racks_used: 3, racks_limit: 4, racks: [] }] });
    const [reason] = explainInfeasible(input, (i) => (i.sites[0]!.it_power_kw > 25 ? relaxed : null));
    expect(reason).toBe('site power makes the scenario infeasible: lifting it admits a plan, which uses 30 kW of IT power at DC, 5 kW over its limit of 25 kW');
    expect(reasonFixes(reason!).map((f) => f.view)).toEqual(['sites']);
  });

  it('site power and racks of a phased plan: the period named by its calendar months, as the plan views name it', () => {
    // periods are 0-based in the plan and 1-based in the CLI summary: "period 3" was ambiguous
    const input = makeInput({
      catalog: { models, options: [system('h', { name: 'GPU box' }, perf)] },
      workloads: [{ name: 'w', model: 'm70', avg_output_tps: 10 }],
      sites: [{ name: 'DC', it_power_kw: 250, racks: 2 }],
      settings: { start_month: '2027-01', horizon_months: 30, purchase_interval_months: 12 },
    });
    const relaxed = emptyPlan({
      periods: [{ period: 0, start_month: 0, months: 12 }, { period: 1, start_month: 12, months: 12 }, { period: 2, start_month: 24, months: 6 }],
      sites: [{ site: 'DC', period: 2, power_kw_used: 300, power_kw_limit: 1e9, racks_used: 3, racks_limit: 1e6, racks: [] }],
    });
    const [reason] = explainInfeasible(input, (i) => (i.sites[0]!.racks > 2 && i.sites[0]!.it_power_kw > 250 ? relaxed : null));
    expect(reason).toBe('site power and site racks make the scenario infeasible: lifting them admits a plan, which uses ' +
      '300 kW of IT power at DC in Jan 2029 – Jun 2029, 50 kW over its limit of 250 kW; 3 racks at DC in Jan 2029 – Jun 2029, 1 over its limit of 2');
    // the fix for both lies in Sites (the words "kW of IT power" stay together for the link)
    expect(reasonFixes(reason!).map((f) => f.view)).toEqual(['sites']);
  });
});
