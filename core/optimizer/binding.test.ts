import loadHighs, { type Highs } from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PlanInput, PlanResult } from '../types.ts';
import { analyzeBinding, checkedLimits, describeBinding, relaxLimits, tightLimits, type RelaxedSolve } from './binding.ts';
import { api, makeInput, models, system } from './fixtures.test-helper.ts';
import { withinLimitsV2 } from './meets-limits.ts';
import { computeTco } from '../tco/engine.ts';
import { planYears, planYearsTable } from '../schedule/schedule.ts';
import { solvePlanV2 as solvePlan } from './v2/solve.ts';

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

const h100 = system('h100', { price_usd: 200_000 }, { m70: [{ user_tps: 30, unit_tps: 3000, ttft_ms: 300 }] });
// the API is dearer than owning: a budget that blocks a purchase pushes load onto it
const api70 = api('api70', { usd_per_m_output: 20, usd_per_m_input: 2 }, { m70: [{ user_tps: 60, ttft_ms: 400 }] });

function input(settings: Record<string, unknown> = {}, site: Record<string, unknown> = {}): PlanInput {
  return makeInput({
    catalog: { models, options: [h100, api70] },
    workloads: [
      { name: 'a', model: 'm70', avg_output_tps: 1500 },
      { name: 'b', model: 'm70', avg_output_tps: 1500 },
    ],
    sites: [{ name: 'dc1', it_power_kw: 200, racks: 10, ...site }],
    settings: { horizon_months: 24, ...settings },
  });
}
/** One workload that needs 2 units (20 kW) on one site: a cheap site of 15 kW and a dear one of 200 kW. */
function cheapAndDear(settings: Record<string, unknown> = {}): PlanInput {
  return makeInput({
    catalog: { models, options: [h100, api70] },
    workloads: [{ name: 'a', model: 'm70', avg_output_tps: 3000 }],
    sites: [
      { name: 'cheap', it_power_kw: 15, racks: 10, usd_per_kwh: 0.05, usd_per_rack_month: 100 },
      { name: 'dear', it_power_kw: 200, racks: 10, usd_per_kwh: 0.3, usd_per_rack_month: 2000 },
    ],
    settings: { horizon_months: 24, ...settings },
  });
}
const solve: RelaxedSolve = (inp, t) => solvePlan(highs, inp, { timeLimitS: Math.max(t, 10), explain: false });

/** A compact dollar amount as the text writes it ("$12.0M", "$69.8k", "$1,234") as a number. */
const amount = (x: string): number => Number(x.replace(/[$,]/g, '').replace(/M$/, 'e6').replace(/k$/, 'e3'));

describe('binding limits: a limit binds when lifting it lowers the cost', () => {
  it('a capex cap that blocks a purchase is reported with what it costs', () => {
    const capped = input({ capex_budget_usd: 250_000 });
    const plan = solve(capped, 10)!;
    const free = solve(input(), 10)!;
    expect(plan.status).toBe('optimal');
    expect(free.objective_usd!).toBeLessThan(plan.objective_usd! - 1000);
    const a = analyzeBinding(plan, capped, solve, { budgetS: 20 });
    expect(a.binding.map((b) => b.constraint)).toEqual(['capex budget']);
    expect(a.binding[0]!.cost_usd).toBeCloseTo(plan.objective_usd! - free.objective_usd!, 0);
    expect(a.binding[0]!.estimate).toBe(false);
    expect(a.binding[0]!.detail).toMatch(/^The capex budget of \$250,000 a plan year \(spent: \$200,000 in plan year 1\) costs \$[\d.]+[kM] over the horizon: without it the plan would cost/);
  });

  it('a budget with room to spare is set but not binding, and the note says so', () => {
    const roomy = input({ capex_budget_usd: 5_000_000, total_budget_usd: 50_000_000 });
    const plan = solve(roomy, 10)!;
    const a = analyzeBinding(plan, roomy, solve, { budgetS: 20 });
    expect(a.binding).toEqual([]);
    expect(a.note).toMatch(/would not lower the cost/);
  });

  it('one tight limit whose re-solve was not proven: "would not lower the cost" is said within the re-solve time', () => {
    // bench/trust.ts: a single limit's note claimed what only a proven pair of solves shows
    const capped = input({ capex_budget_usd: 250_000 });
    const plan = solve(capped, 10)!;
    expect(tightLimits(plan, capped)).toHaveLength(1);
    const stopped: RelaxedSolve = () => ({ ...plan, status: 'time_limit', gap: 0.05 });
    const a = analyzeBinding(plan, capped, stopped, { budgetS: 2 });
    expect(a.binding).toEqual([]);
    expect(a.note).toMatch(/would not lower the cost \(within the re-solve time\)$/);
    const proven: RelaxedSolve = () => plan;
    expect(analyzeBinding(plan, capped, proven, { budgetS: 2 }).note).toMatch(/would not lower the cost$/);
  });

  it('site power that keeps a unit out binds', () => {
    const tight = input({}, { it_power_kw: 10 });
    const plan = solve(tight, 10)!;
    expect(tightLimits(plan, tight).map((l) => l.kind)).toContain('site power');
    const a = analyzeBinding(plan, tight, solve, { budgetS: 20 });
    expect(a.binding.map((b) => b.constraint)).toContain('site power');
  });

  it('a site with headroom and no budget: one re-solve without every site limit shows that none raises the cost, and the note says so', () => {
    const roomy = input();
    const plan = solve(roomy, 10)!;
    expect(tightLimits(plan, roomy)).toEqual([]);
    const lifted: PlanInput[] = [];
    const none = analyzeBinding(plan, roomy, (i, t) => { lifted.push(i); return solve(i, t); }, { budgetS: 5 });
    // one re-solve, with the power, racks and power per rack of the site all lifted
    expect(lifted).toHaveLength(1);
    expect(lifted[0]!.sites[0]!.it_power_kw).toBeGreaterThan(1000);
    expect(lifted[0]!.sites[0]!.racks).toBeGreaterThan(1000);
    expect(lifted[0]!.sites[0]!.rack_kw).toBeGreaterThan(1000);
    expect(none.binding).toEqual([]);
    // the site's three limits by name: "every site power, rack and power-per-rack limit" was these three
    expect(none.note).toBe('lifting the IT power of dc1 (200 kW), the racks of dc1 (10) and the power per rack at dc1 (15 kW) would not lower the cost');
    expect(describeBinding({ ...plan, binding: none.binding, binding_note: none.note }).note)
      .toBe('None: lifting the IT power of dc1 (200 kW), the racks of dc1 (10) and the power per rack at dc1 (15 kW) would not lower the cost.');
    // a re-solve that was not proven says so
    const rough: RelaxedSolve = (i, t) => { const r = solve(i, t); return r ? { ...r, status: 'time_limit' } : r; };
    expect(analyzeBinding(plan, roomy, rough, { budgetS: 5 }).note).toMatch(/would not lower the cost \(within the re-solve time\)$/);
  });

  it('the power of an empty cheap site that cannot hold the pool the plan places at a dear one binds', () => {
    // a reader's plan: a 30-kW site at $0.05/kWh left empty beside a 100-kW site at $0.20 holding
    // the 4 units of 10 kW the workload needs; lifting the 30 kW lowered the cost $642,051 → $464,475
    const sites = makeInput({
      catalog: { models, options: [h100] },
      workloads: [{ name: 'a', model: 'm70', avg_output_tps: 7000 }],
      sites: [
        { name: 'cheap', it_power_kw: 30, racks: 10, usd_per_kwh: 0.05 },
        { name: 'dear', it_power_kw: 100, racks: 10, usd_per_kwh: 0.2 },
      ],
      settings: { horizon_months: 36 },
    });
    const plan = solve(sites, 10)!;
    expect(plan.status).toBe('optimal');
    expect(plan.pools.map((p) => [p.site, p.units])).toEqual([['dear', 4]]);
    const a = analyzeBinding(plan, sites, solve, { budgetS: 20 });
    const power = a.binding.find((b) => b.constraint === 'site power')!;
    expect(power.site).toBe('cheap');
    const free = solve({ ...sites, sites: sites.sites.map((x) => (x.name === 'cheap' ? { ...x, it_power_kw: 1e6 } : x)) }, 10)!;
    expect(power.cost_usd).toBeCloseTo(plan.objective_usd! - free.objective_usd!, 0);
    expect(power.detail).toMatch(/^The IT power of cheap \(30 kW\) costs \$[\d.]+k over the horizon/);
    expect(a.note).toBe('');
  });

  it('a site too small for any unit, with the workload on the cloud: its power binds', () => {
    // nothing at any site to compare with: no pool, no unit, the site unused ("no site power, rack or
    // budget limit is close to its value", and the report: "no limit raises the cost")
    const small = input({}, { it_power_kw: 5 });
    const plan = solve(small, 10)!;
    expect(plan.pools).toEqual([]);
    expect(tightLimits(plan, small)).toEqual([]);
    const a = analyzeBinding(plan, small, solve, { budgetS: 20 });
    expect(a.binding.map((b) => [b.constraint, b.site])).toEqual([['site power', 'dc1']]);
    const free = solve(input({}, { it_power_kw: 1e6 }), 10)!;
    expect(free.pools.length).toBeGreaterThan(0);
    expect(a.binding[0]!.cost_usd).toBeCloseTo(plan.objective_usd! - free.objective_usd!, 0);
    expect(a.binding[0]!.estimate).toBe(false);
    expect(a.note).toBe('');
    // the same with no rack for a unit: the racks bind
    const noRack = input({}, { racks: 0 });
    const bare = solve(noRack, 10)!;
    expect(bare.pools).toEqual([]);
    expect(tightLimits(bare, noRack)).toEqual([]);
    const racks = analyzeBinding(bare, noRack, solve, { budgetS: 20 }).binding;
    expect(racks.map((b) => [b.constraint, b.site])).toEqual([['site racks', 'dc1']]);
    // the racks are plural: "The racks of dc1 (0) cost …" (it read "costs"), beside "The IT power … costs"
    expect(racks[0]!.detail).toMatch(/^The racks of dc1 \(0\) cost \$/);
    expect(a.binding[0]!.detail).toMatch(/^The IT power of dc1 \(5 kW\) costs \$/);
    // a budget with room for the joint re-solve only: the limits are said to be unchecked, not free
    const rushed = analyzeBinding(plan, small, solve, { budgetS: 0.5 });
    expect(rushed.binding).toEqual([]);
    expect(rushed.note).toBe('not checked in the time allowed: the IT power of dc1 (5 kW), the racks of dc1 (10) and the power per rack at dc1 (15 kW)');
    // with more sites the limits left unchecked are counted, not named one by one
    const sites = input({}, { it_power_kw: 5 });
    const four = { ...sites, sites: [0, 1, 2, 3].map((i) => ({ ...sites.sites[0]!, name: `dc${i + 1}` })) };
    const many = analyzeBinding(solve(four, 10)!, four, solve, { budgetS: 0.5 });
    expect(many.note).toBe('not checked in the time allowed: 12 site limits (power, racks or power per rack)');
  });

  it('the power of a site the plan leaves empty binds when it is too small for a pool placed elsewhere', () => {
    // one workload needs 2 units (20 kW) on one site: the cheap site's 15 kW sends them to the
    // dear one, the cheap site stays empty, and its power is what that costs (it read "every site
    // has headroom, and no limit raises the cost")
    const two = cheapAndDear();
    const plan = solve(two, 10)!;
    expect(plan.pools.map((p) => [p.site, p.units])).toEqual([['dear', 2]]);
    expect(tightLimits(plan, two).map((l) => [l.kind, l.site])).toEqual([['site power', 'cheap']]);
    const a = analyzeBinding(plan, two, solve, { budgetS: 20 });
    // the re-solve without every other site limit finds the dear site's 15-kW racks binding too: its
    // two 10-kW units take a $2,000 rack each, one rack without that limit ($48,000 over 24 months)
    expect(a.binding.map((b) => [b.constraint, b.site])).toEqual([['site power', 'cheap'], ['rack power', 'dear']]);
    const free = solve(relaxLimits(two, tightLimits(plan, two)), 10)!;
    expect(a.binding[0]!.cost_usd).toBeCloseTo(plan.objective_usd! - free.objective_usd!, 0);
    expect(a.binding[1]!.cost_usd).toBeCloseTo(48_000, 0);
  });

  it('checkedLimits: the tight limits, then every other site limit once; the check\'s first re-solve lifts exactly those', () => {
    // bench/trust.ts re-solves without this list to check the note "lifting … would not lower the cost"
    const two = cheapAndDear({ capex_budget_usd: 5_000_000 });
    const plan = solve(two, 10)!;
    const { tight, others, every } = checkedLimits(plan, two);
    expect(tight.map((l) => [l.kind, l.site ?? null])).toEqual([['capex budget', null], ['site power', 'cheap']]);
    expect(every).toEqual([...tight, ...others]);
    const key = (l: { kind: string; site?: string }) => `${l.kind} ${l.site ?? ''}`;
    expect(every.map(key).sort()).toEqual(['capex budget ', ...['cheap', 'dear'].flatMap((x) => ['rack power', 'site power', 'site racks'].map((k) => `${k} ${x}`))].sort());
    const lifted: PlanInput[] = [];
    analyzeBinding(plan, two, (i) => { lifted.push(i); return null; }, { budgetS: 2, maxSolves: 1 });
    expect(lifted).toEqual([relaxLimits(two, every)]);
    expect(lifted[0]).not.toEqual(relaxLimits(two, tight));
  });

  it('a capex limit names what a plan year spends as the plan-year table prints it', () => {
    // a −15 %/yr price trend: the one $165,000 unit bought in plan year 3 costs 165,000 × 0.85² =
    // $119,212.4999…, which the table (rounded to add up to its totals) and the capex KPI print as
    // $119,213; the note rounded it alone to $119,212
    const h = system('h100', { price_usd: 165_000 }, { m70: [{ user_tps: 30, unit_tps: 3000, ttft_ms: 300 }] });
    const trend = makeInput({
      catalog: { models, options: [h, api70] },
      workloads: [{ name: 'a', model: 'm70', avg_output_tps: 1700 }],
      sites: [{ name: 'dc1', it_power_kw: 200, racks: 10, usd_per_kwh: 0.13 }],
      settings: { horizon_months: 36, purchase_interval_months: 12, capex_budget_usd: 120_000, hardware_price_change_pct_per_year: -15 },
    });
    const plan = solve(trend, 10)!;
    expect(plan.purchases.map((p) => [p.period, p.units])).toEqual([[2, 1]]);
    const table = planYearsTable(planYears(trend, computeTco(trend, plan)), false, 120_000);
    expect(table.rows[2]!.budgeted_shown).toBe(119_213);
    expect(tightLimits(plan, trend).find((l) => l.kind === 'capex budget')!.label).toBe('the capex budget of $120,000 a plan year (spent: $119,213 in plan year 3)');
  });

  it('with purchase periods, a limit names the periods or plan years in which the plan is at it', () => {
    // two periods of 12 months; a and b need 1,500 × 1.5 ÷ 3,000 = 0.75 unit each. A $250,000 cap a
    // plan year buys one $200,000 unit in each year (b on the API in the first), so both years
    // spend $200,000, within one unit's price of the cap
    const phased = input({ capex_budget_usd: 250_000, purchase_interval_months: 12 });
    const plan = solve(phased, 10)!;
    expect(plan.purchases.map((p) => [p.period, p.units])).toEqual([[0, 1], [1, 1]]);
    const capex = tightLimits(plan, phased).find((l) => l.kind === 'capex budget')!;
    expect(capex.years).toEqual([0, 1]);
    expect(capex.label).toBe('the capex budget of $250,000 a plan year (spent: $200,000 in plan year 1 and $200,000 in plan year 2)');
    const a = analyzeBinding(plan, phased, solve, { budgetS: 20 });
    expect(a.binding[0]!.constraint).toBe('capex budget');
    expect(a.binding[0]!.years).toEqual([0, 1]);
    // site power at 20 of 25 kW in the second period only (less room than one 10 kW unit)
    const site = (period: number, kw: number) => ({ site: 'dc1', period, power_kw_used: kw, power_kw_limit: 25, racks_used: kw / 10, racks_limit: 10, racks: [] });
    const twoPeriods = { ...plan, periods: [{ period: 0, start_month: 0, months: 12 }, { period: 1, start_month: 12, months: 12 }], sites: [site(0, 10), site(1, 20)] };
    const power = tightLimits(twoPeriods, input({ purchase_interval_months: 12 }, { it_power_kw: 25 }));
    expect(power).toEqual([{ kind: 'site power', site: 'dc1', label: 'the IT power of dc1 (25 kW) in Jan 2027 – Dec 2027', periods: [1] }]);
    // monthly purchases: at the limit in months 1–3 and 5 reads as two ranges, not four months
    const monthly = { ...plan, periods: Array.from({ length: 6 }, (_, k) => ({ period: k, start_month: k, months: 1 })), sites: [10, 20, 20, 20, 10, 20].map((kw, k) => site(k, kw)) };
    const byMonth = tightLimits(monthly, input({ horizon_months: 12, purchase_interval_months: 1 }, { it_power_kw: 25 }));
    expect(byMonth.map((l) => l.label)).toEqual(['the IT power of dc1 (25 kW) in Feb 2026 – Apr 2026 and Jun 2026']);
  });

  it('a limit worth little against the plan says two different amounts, not "$368M instead of $368M"', () => {
    // bench/independent.ts odd-horizon-13 through the CLI: "without it the plan would cost $368M instead of $368M"
    const capped = input({ capex_budget_usd: 250_000 });
    const plan = solve(capped, 10)!;
    const cheaper: RelaxedSolve = (i) => (i.settings.capex_budget_usd == null ? { ...plan, objective_usd: plan.objective_usd! * 0.999 } : plan);
    const a = analyzeBinding(plan, capped, cheaper, { budgetS: 2 });
    expect(a.binding).toHaveLength(1);
    const [, without, base] = /would cost (\S+) instead of (\S+)/.exec(a.binding[0]!.detail)!;
    expect(without).not.toBe(base);
  });

  it('an unserved workload a binding limit holds back is said to be held back by it, not to be cheaper unserved', () => {
    // a and b need 2,250 tok/s each: 2 units of 10 kW together, the site has 10 kW; serving costs
    // far less than the $1M a month penalty, so the workload left out is left out by the site power
    // (the solver alone said "within the site and budget limits, serving it costs more than its unserved penalty"); c's model has no option
    const tight = makeInput({
      catalog: { models, options: [h100] },
      workloads: [
        { name: 'a', model: 'm70', avg_output_tps: 1500 },
        { name: 'b', model: 'm70', avg_output_tps: 1500 },
        { name: 'c', model: 'm405', avg_output_tps: 10 },
      ],
      sites: [{ name: 'dc1', it_power_kw: 10, racks: 10 }],
      settings: { horizon_months: 12, unserved_penalty_usd_per_month: 1_000_000 },
    });
    const plan = solve(tight, 10)!;
    expect(plan.unserved.map((u) => u.workload).sort()).toEqual([expect.stringMatching(/^[ab]$/), 'c']);
    const a = analyzeBinding(plan, tight, solve, { budgetS: 20 });
    expect(a.binding.map((b) => b.constraint)).toEqual(['site power']);
    // the plan "costs" its objective here, penalties included, not its horizon cost: said so
    // and lifting it serves b: more money spent, less penalty (the reader took "costs $11.5M" for money saved)
    const [, up, down] = /instead of \$[\d.]+M \(unserved penalties included: the horizon cost would rise by (\S+) and the penalties fall by (\S+)\)$/.exec(a.binding[0]!.detail)!;
    const served = a.binding[0]!.cost_usd!;
    // the two compact amounts (rounded to 3 figures) add up to the limit's cost
    expect(Math.abs(amount(down!) - amount(up!) - served) / served).toBeLessThan(0.01);
    expect(amount(down!)).toBeGreaterThan(amount(up!));
    expect(plan.unserved.find((u) => u.workload !== 'c')!.reason).toMatch(/serving it costs more than its unserved penalty/);
    expect(a.unserved).toEqual(plan.unserved.map((u) => (u.workload === 'c' ? u
      : { ...u, reason: 'the IT power of dc1 (10 kW) holds it back: without that limit the plan serves it' })));
    expect(a.unserved!.find((u) => u.workload === 'c')!.reason).toMatch(/no option in the catalog serves m405/);
    // no binding limit: the rows stay as the solver wrote them
    const roomy = { ...tight, sites: [{ ...tight.sites[0]!, it_power_kw: 100 }] };
    expect(analyzeBinding(plan, roomy, solve, { budgetS: 5, withinLimits: withinLimitsV2(roomy) }).unserved).toBeUndefined();
  });

  /** a and b, 1,500 tok/s of m70 each (a 10-kW H100 unit each), on one site, 12 months at a penalty a month */
  const twoOn = (site: { name: string; it_power_kw: number; racks: number }, penalty: number) => makeInput({
    catalog: { models, options: [h100] },
    workloads: [
      { name: 'a', model: 'm70', avg_output_tps: 1500 },
      { name: 'b', model: 'm70', avg_output_tps: 1500 },
    ],
    sites: [site],
    settings: { horizon_months: 12, unserved_penalty_usd_per_month: penalty },
  });

  /** twoOn's plan, which leaves one of them unserved, and its binding limits */
  const oneLeftOut = (site: { name: string; it_power_kw: number; racks: number }, penalty: number) => {
    const tight = twoOn(site, penalty);
    const plan = solve(tight, 10)!;
    expect(plan.unserved).toHaveLength(1);
    return analyzeBinding(plan, tight, solve, { budgetS: 20 });
  };

  it('beside a penalty that dwarfs the plan, the horizon cost\'s rise is still said: it is measured against the horizon cost', () => {
    // as above at $1B a month: the objective's tolerance ($2.4M) swallowed the money serving b adds,
    // and the split read "the horizon cost would stay the same and the penalties fall by $12.0B"
    const a = oneLeftOut({ name: 'dc1', it_power_kw: 10, racks: 10 }, 1e9);
    expect(a.binding.map((b) => b.constraint)).toEqual(['site power']);
    const [, up] = /\(unserved penalties included: the horizon cost would rise by (\S+) and the penalties fall by \$12\.0B\)$/.exec(a.binding[0]!.detail) ?? [];
    expect(up).toBeDefined();
    expect(amount(up!)).toBeGreaterThan(0);
  });

  it('limits that hold a workload back only together: their cost says how much is horizon cost and how much penalty', () => {
    // a and b need one 10-kW unit each; dc1 has 10 kW and one 15-kW rack: lifting the power alone
    // leaves one rack (15 kW: one unit), lifting the racks alone leaves 10 kW. "together cost $X"
    // read as money saved, where serving b raises the money spent and lowers the penalty by more
    const a = oneLeftOut({ name: 'dc1', it_power_kw: 10, racks: 1 }, 1_000_000);
    expect(a.binding.map((b) => b.constraint)).toEqual(['limits together']);
    const [, up, down] = /together cost \S+ over the horizon \(unserved penalties included: the horizon cost would rise by (\S+) and the penalties fall by (\S+)\); lifting any one alone does not lower the cost$/.exec(a.binding[0]!.detail)!;
    expect(amount(down!)).toBe(12_000_000);
    expect(Math.abs(amount(down!) - amount(up!) - a.binding[0]!.cost_usd!) / a.binding[0]!.cost_usd!).toBeLessThan(0.01);
  });

  it('relaxing lifts only the named limit', () => {
    const inp = input({ capex_budget_usd: 1, total_budget_usd: 2 }, { it_power_kw: 10, racks: 1 });
    const r = relaxLimits(inp, [{ kind: 'site racks', site: 'dc1', label: '' }]);
    expect(r.sites[0]!.racks).toBeGreaterThan(1000);
    expect(r.sites[0]!.it_power_kw).toBe(10);
    expect(r.settings.capex_budget_usd).toBe(1);
    expect(inp.sites[0]!.racks).toBe(1);
    expect(relaxLimits(inp, [{ kind: 'capex budget', label: '' }]).settings.capex_budget_usd).toBeNull();
  });

  it('a re-solve that did not reach optimality marks the figure as an estimate; a stop leaves limits unchecked', () => {
    const capped = input({ capex_budget_usd: 250_000 });
    const plan = solve(capped, 10)!;
    const rough: RelaxedSolve = (i, t) => { const r = solve(i, t); return r ? { ...r, status: 'time_limit' } : r; };
    const a = analyzeBinding(plan, capped, rough, { budgetS: 10 });
    expect(a.binding[0]!.estimate).toBe(true);
    expect(a.binding[0]!.detail).toContain('not proven optimal');
    const stopped = analyzeBinding(plan, capped, solve, { budgetS: 10, stopped: () => true });
    expect(stopped.binding).toEqual([]);
    expect(stopped.note).toMatch(/not checked/);
  });
});

describe('binding limits: a re-solve that finds a cheaper plan within the lifted limit', () => {
  // a plan dearer than it needs to be (a short optimize stopped at its time limit): everything on
  // the API, where buying one h100 is cheaper, and no budget or site limit stands in the way
  const dearOf = (inp: PlanInput) => {
    const dear = solve({ ...inp, catalog: { ...inp.catalog, options: inp.catalog.options.filter((o) => o.kind !== 'system') } }, 10)!;
    expect(dear.purchases).toEqual([]);
    return { ...dear, status: 'time_limit' as const, gap: 0.1 };
  };

  it('a budget the cheaper plan meets too is not said to cost anything; the note says a cheaper plan exists', () => {
    // t48 at a 60-s limit: "The capex budget … costs $37.1k over the horizon: without it the plan would
    // cost $32,653,197 instead of $32,690,300", and the same of the racks of both sites; $32,653,197
    // is the optimum, within all three
    const roomy = input({ capex_budget_usd: 1_000_000 });
    const dear = dearOf(roomy);
    const best = solve(roomy, 10)!;
    expect(best.status).toBe('optimal');
    expect(best.objective_usd!).toBeLessThan(dear.objective_usd! - 10_000);
    expect(tightLimits(dear, roomy).map((l) => l.kind)).toEqual(['capex budget']);
    // without the model's check, the cheaper re-solve is taken for the cost of the budget
    expect(analyzeBinding(dear, roomy, solve, { budgetS: 20 }).binding.map((b) => b.constraint)).toContain('capex budget');
    const a = analyzeBinding(dear, roomy, solve, { budgetS: 20, withinLimits: withinLimitsV2(roomy) });
    expect(a.binding).toEqual([]);
    expect(a.note).toMatch(/^lifting the capex budget of \$1,000,000 a plan year, the IT power of dc1 \(200 kW\), the racks of dc1 \(10\) and the power per rack at dc1 \(15 kW\) would not lower the cost; a re-solve found a plan that meets every limit and costs \$[\d.]+[kM] instead of this plan's \$[\d.]+[kM] \(\$[\d.]+[kM] less, proven optimal\): this plan is not the cheapest, and optimizing longer may find that one$/);
    expect(describeBinding({ ...dear, binding: a.binding, binding_note: a.note }).note).toMatch(/^None: lifting the capex budget .* would not lower the cost; a re-solve found a plan that meets every limit/);
  });

  it('the joint re-solve within every limit: no limit, alone or together, is said to cost anything', () => {
    const roomy = input({ capex_budget_usd: 1_000_000, total_budget_usd: 50_000_000 });
    const dear = dearOf(roomy);
    expect(tightLimits(dear, roomy)).toHaveLength(2);
    expect(analyzeBinding(dear, roomy, solve, { budgetS: 20 }).binding.length).toBeGreaterThan(0);
    const a = analyzeBinding(dear, roomy, solve, { budgetS: 20, withinLimits: withinLimitsV2(roomy) });
    expect(a.binding).toEqual([]);
    // the joint re-solve is optimal and meets every limit: it is the optimum, so the "not lower" is proven
    expect(a.note).toMatch(/^lifting the capex budget .*, the total budget of \$50,000,000, the IT power of dc1 \(200 kW\), the racks of dc1 \(10\) and the power per rack at dc1 \(15 kW\) would not lower the cost; a re-solve found a plan that meets every limit/);
  });

  it('a limit that does bind is still reported, at the same cost, when the check is given', () => {
    const capped = input({ capex_budget_usd: 250_000 });
    const plan = solve(capped, 10)!;
    const plain = analyzeBinding(plan, capped, solve, { budgetS: 20 });
    const checked = analyzeBinding(plan, capped, solve, { budgetS: 20, withinLimits: withinLimitsV2(capped) });
    expect(checked.binding.map((b) => b.constraint)).toEqual(['capex budget']);
    expect(checked.binding[0]!.cost_usd).toBeCloseTo(plain.binding[0]!.cost_usd!, 0);
    expect(checked.note).toBe('');
  });

  it('a re-solve plan that fits a lifted limit only at a higher cost under the input does not make the limit free', () => {
    // 10 kW a unit in racks of 10 kW: one unit a rack, each rack $5,000 a month. Without the limit
    // the re-solve packs four to a rack; that plan, re-packed under the input, meets every row (the
    // site has the racks) but costs more than the plan: the limit binds
    const tight = input({}, { rack_kw: 10, usd_per_rack_month: 5_000 });
    const plan = solve(tight, 10)!;
    expect(plan.status).toBe('optimal');
    expect(tightLimits(plan, tight).map((l) => l.kind)).toContain('rack power');
    const plain = analyzeBinding(plan, tight, solve, { budgetS: 20 });
    const checked = analyzeBinding(plan, tight, solve, { budgetS: 20, withinLimits: withinLimitsV2(tight) });
    expect(plain.binding.map((b) => b.constraint)).toContain('rack power');
    expect(checked.binding.map((b) => b.constraint)).toEqual(plain.binding.map((b) => b.constraint));
    expect(checked.binding[0]!.cost_usd).toBeCloseTo(plain.binding[0]!.cost_usd!, 0);
    expect(checked.note).toBe('');
  });

  it('a binding limit is measured from the cheaper plan within every limit, which the detail names', () => {
    const capped = input({ capex_budget_usd: 250_000 }, { it_power_kw: 10, racks: 1 });
    const plan = solve(capped, 10)!;
    const base = plan.objective_usd!;
    const dear = { ...plan, objective_usd: base + 50_000, status: 'time_limit' as const };
    expect(tightLimits(dear, capped).map((l) => l.kind)).toEqual(['capex budget', 'site power', 'site racks']);
    // the joint re-solve and the one without the capex budget find plans beyond their lifted limits;
    // the one without the site power finds the plan (within every limit); the racks' finds nothing cheaper
    const lifted = (i: PlanInput) => [i.settings.capex_budget_usd == null, i.sites[0]!.it_power_kw > 10, i.sites[0]!.racks > 1];
    const beyond = { ...plan, objective_usd: base - 100_000 };
    const stub: RelaxedSolve = (i) => {
      const [capex, power, racks] = lifted(i);
      // the rack power alone (every other site limit): nothing cheaper
      return capex ? beyond : power ? plan : racks ? dear : i.sites[0]!.rack_kw > 15 ? dear : null;
    };
    const within = (p: PlanResult) => (p === plan ? base : null);
    const a = analyzeBinding(dear, capped, stub, { budgetS: 20, withinLimits: within });
    expect(a.binding.map((b) => [b.constraint, b.cost_usd])).toEqual([['capex budget', 100_000]]);
    expect(a.binding[0]!.detail).toMatch(/costs \$100k over the horizon: without it the plan would cost \$[\d.]+[kM] instead of \$[\d.]+[kM], the cheapest plan found that meets every limit$/);
    // both re-solves are optimal: the one within every limit is the optimum, so the figure is no estimate
    expect(a.binding[0]!.estimate).toBe(false);
    expect(a.note).toMatch(/^a re-solve found a plan that meets every limit and costs \S+ instead of this plan's \S+ \(\$50.0k less, proven optimal\)/);
    // without the check, all three re-solves that were cheaper were taken for costs of their limits
    expect(analyzeBinding(dear, capped, stub, { budgetS: 20 }).binding.map((b) => b.constraint)).toEqual(['capex budget', 'site power']);
    // a row this plan leaves unserved that the plan within every limit serves is not held back by a limit
    expect(plan.assignments.some((x) => x.workload === 'a' && x.period === 0)).toBe(true);
    const leaves = { ...dear, unserved: [{ workload: 'a', period: 0, reason: 'left unserved by the plan found in the time allowed' }] };
    expect(analyzeBinding(leaves, capped, stub, { budgetS: 20, withinLimits: within }).unserved).toBeUndefined();
    expect(analyzeBinding(leaves, capped, stub, { budgetS: 20 }).unserved![0]!.reason).toMatch(/holds it back/);
  });

  it('the model check: a plan beyond a limit of the input does not meet it; one within it does, at its own cost', () => {
    const capped = input({ capex_budget_usd: 250_000 });
    const free = solve(input(), 10)!;
    const plan = solve(capped, 10)!;
    const check = withinLimitsV2(capped);
    expect(free.purchases.reduce((n, p) => n + p.units, 0)).toBe(2);
    expect(check(free)).toBeNull();
    expect(check(plan)).toBeCloseTo(plan.objective_usd!, 2);
    // a plan the model cannot express (an option it does not have) meets nothing
    expect(check({ ...plan, purchases: plan.purchases.map((p) => ({ ...p, option: 'nope' })) })).toBeNull();
  });
});

describe('binding limits: the budget and a stop', () => {
  // capex, site power and racks all tight: four re-solves (all, then each)
  const crowded = () => input({ capex_budget_usd: 250_000 }, { it_power_kw: 10, racks: 1 });

  it('the re-solves fit the budget: no more of them than it holds at 0.5 s each', () => {
    const tight = crowded();
    const plan = solve(tight, 10)!;
    expect(tightLimits(plan, tight).length).toBeGreaterThanOrEqual(3);
    const limits: number[] = [];
    const a = analyzeBinding(plan, tight, (i, t) => { limits.push(t); return solve(i, t); }, { budgetS: 1 });
    expect(limits.length).toBe(2);
    expect(limits.reduce((x, y) => x + y, 0)).toBeLessThanOrEqual(1);
    expect(a.note).toMatch(/^not checked in the time allowed: /);
  });

  it('a stop after the first re-solve says the limits left were not checked because of it, not the time', () => {
    const tight = crowded();
    const plan = solve(tight, 10)!;
    let calls = 0;
    const a = analyzeBinding(plan, tight, (i, t) => { calls++; return solve(i, t); }, { budgetS: 20, stopped: () => calls >= 2 });
    expect(calls).toBe(2);
    expect(a.note).toMatch(/^not checked \(stopped\): /);
    expect(a.note).not.toMatch(/time allowed/);
    // it says it stopped (the host reads that, never the note's words), and names who stopped it when told
    expect(a.halted).toBe(true);
    calls = 0;
    const byUser = analyzeBinding(plan, tight, (i, t) => { calls++; return solve(i, t); }, { budgetS: 20, stopped: () => calls >= 2, stoppedBy: 'the user' });
    expect(byUser.note).toMatch(/^not checked \(stopped by the user\): /);
    expect(analyzeBinding(plan, tight, solve, { budgetS: 1 }).halted).toBeUndefined();
  });
});

describe('binding limits: the other site limits in words', () => {
  // the check lifts the tight limits and every other site limit; up to three of those are named,
  // more read as one group of the kinds it holds. Plans by hand (one 24-month period, a site's use
  // as given) and a re-solve that finds nothing cheaper: the note names what was lifted
  type Use = { kw: number; racks: number; rackKw: number };
  const sitesOf = (sites: Record<string, unknown>[]) => makeInput({
    catalog: { models, options: [h100] },
    workloads: [{ name: 'a', model: 'm70', avg_output_tps: 1500 }],
    sites: sites as never,
    settings: { horizon_months: 24 },
  });
  const planOf = (uses: Record<string, Use | null>): PlanResult => ({
    status: 'optimal', objective_usd: 1_000_000, bound_usd: 1_000_000, gap: 0, solve_ms: 1,
    periods: [{ period: 0, start_month: 0, months: 24 }],
    assignments: [], purchases: [], pools: [], cloud: [], edge: [], unserved: [],
    sites: Object.entries(uses).map(([site, u]) => ({
      site, period: 0, power_kw_used: u?.kw ?? 0, power_kw_limit: 0, racks_used: u?.racks ?? 0, racks_limit: 0,
      racks: u ? [{ option: 'h100', units: [{ option: 'h100', model: 'm70' }], u_used: 8, kw_used: u.rackKw, spans: 1 }] : [],
    })),
    totals: { capex_usd: 0, horizon_cost_usd: 1_000_000 },
  });
  const noneCheaper = (plan: PlanResult, inp: PlanInput) => analyzeBinding(plan, inp, () => plan, { budgetS: 20 }).note;

  it('one other limit: named, not "every other site power, rack and power-per-rack limit"', () => {
    // one site whose power and racks are full: its power per rack is the only other limit
    const inp = sitesOf([{ name: 'dc1', it_power_kw: 10, racks: 1 }]);
    const plan = planOf({ dc1: { kw: 10, racks: 1, rackKw: 10 } });
    expect(checkedLimits(plan, inp).others.map((l) => l.label)).toEqual(['the power per rack at dc1 (15 kW)']);
    expect(noneCheaper(plan, inp)).toBe('lifting the IT power of dc1 (10 kW), the racks of dc1 (1) and the power per rack at dc1 (15 kW) would not lower the cost');
    // the re-solve of the others beside the tight ones is labelled with it, and named when left unchecked
    const labels: string[] = [];
    let calls = 0;
    const firstCheaper: RelaxedSolve = () => (calls++ === 0 ? { ...plan, objective_usd: 990_000 } : null);
    const a = analyzeBinding(plan, inp, firstCheaper, { budgetS: 20, onStep: (_d, _t, label) => labels.push(label) });
    expect(labels.slice(0, 2)).toEqual(['every limit', 'the power per rack at dc1 (15 kW)']);
    expect(a.note).toBe('not checked in the time allowed: the power per rack at dc1 (15 kW), the IT power of dc1 (10 kW) and the racks of dc1 (1)');
  });

  it('three other limits: each named, at another site than the tight ones', () => {
    // dc1 full on power, racks and power per rack; dc2 empty with room
    const inp = sitesOf([{ name: 'dc1', it_power_kw: 10, racks: 1, rack_kw: 10 }, { name: 'dc2', it_power_kw: 200, racks: 10 }]);
    const plan = planOf({ dc1: { kw: 10, racks: 1, rackKw: 10 }, dc2: null });
    expect(checkedLimits(plan, inp).others.map((l) => l.site)).toEqual(['dc2', 'dc2', 'dc2']);
    expect(noneCheaper(plan, inp)).toBe('lifting the IT power of dc1 (10 kW), the racks of dc1 (1), the power per rack at dc1 (10 kW), '
      + 'the IT power of dc2 (200 kW), the racks of dc2 (10) and the power per rack at dc2 (15 kW) would not lower the cost');
  });

  it('four or more other limits: one group, of the kinds it holds', () => {
    // both sites at their power: the four others are their racks and power per rack, no site power
    const inp = sitesOf([{ name: 'dc1', it_power_kw: 10, racks: 10 }, { name: 'dc2', it_power_kw: 10, racks: 10 }]);
    const plan = planOf({ dc1: { kw: 10, racks: 1, rackKw: 10 }, dc2: { kw: 10, racks: 1, rackKw: 10 } });
    expect(checkedLimits(plan, inp).others).toHaveLength(4);
    expect(noneCheaper(plan, inp)).toBe('lifting the IT power of dc1 (10 kW), the IT power of dc2 (10 kW) and every rack and power-per-rack limit would not lower the cost');
    // one site full on power and racks beside two empty ones: seven others, of every kind, some beside tight ones
    const three = sitesOf([{ name: 'dc1', it_power_kw: 10, racks: 1 }, { name: 'dc2', it_power_kw: 200, racks: 10 }, { name: 'dc3', it_power_kw: 200, racks: 10 }]);
    const full = planOf({ dc1: { kw: 10, racks: 1, rackKw: 10 }, dc2: null, dc3: null });
    expect(checkedLimits(full, three).others).toHaveLength(7);
    expect(noneCheaper(full, three)).toBe('lifting the IT power of dc1 (10 kW), the racks of dc1 (1) and every other site power, rack and power-per-rack limit would not lower the cost');
  });
});

describe('binding limits: how they are described', () => {
  const plan = (extra: object) => ({ status: 'optimal', objective_usd: 1, bound_usd: 1, gap: 0, solve_ms: 1, assignments: [], pools: [], unserved: [], sites: [], totals: { capex_usd: 0, horizon_cost_usd: 1 }, ...extra }) as never;
  it('a checked plan lists each binding limit with its cost, or says why none binds', () => {
    const v = describeBinding(plan({ binding: [{ constraint: 'capex budget', detail: 'The capex budget of $600,000 costs $564k over the horizon', cost_usd: 564_000 }] }));
    expect(v.items).toEqual([{ title: 'Capex budget', detail: 'The capex budget of $600,000 costs $564k over the horizon', costUsd: 564_000, estimate: false }]);
    expect(describeBinding(plan({ binding: [], binding_note: 'lifting the IT power of dc1 (40 kW) would not lower the cost' })).note)
      .toBe('None: lifting the IT power of dc1 (40 kW) would not lower the cost.');
    // an unchecked note is no "None": it read "None: not checked (stopped by the user): …", i.e. no limit binds
    expect(describeBinding(plan({ binding: [], binding_note: 'not checked (stopped by the user): the capex budget' })).note)
      .toBe('Not checked (stopped by the user): the capex budget.');
  });
  it('a plan from before the check never claims "none" and never calls a full site binding', () => {
    const legacy = describeBinding(plan({ binding: [{ constraint: 'site power', detail: 'dc1 uses 40 of 40 kW of IT power' }] }));
    expect(legacy.checked).toBe(false);
    expect(legacy.items[0]!.title).toBe('Site power at its limit');
    expect(legacy.items[0]!.detail).toMatch(/not checked/);
    expect(describeBinding(plan({ binding: [] })).note).toMatch(/^Not checked/);
  });
});
