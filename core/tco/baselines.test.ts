// Baselines (a) and (b) of DESIGN 6 and the break-even month, against hand arithmetic.
import { describe, expect, it } from 'vitest';
import { apiBaseline, baselineComparisons, breakEvenMonth, NOTHING_SERVED, POWER_RACKS_IGNORED, systemBaseline, systemBaselineLead, withUnservedNote } from './baselines.ts';
import { formatPlanMonth } from '../format.ts';
import { computeTco } from './engine.ts';
import { api, assign, makeInput, makePlan, pt, system } from './fixtures.test-helper.ts';
import { layoutRacks } from './racks.ts';
import { planFromAssignments } from './plan-builder.ts';
import type { PlanResult } from '../types.ts';

const F = { name: 'F', it_power_kw: 1000, racks: 50, pue: 1.5, usd_per_kwh: 0.1, usd_per_rack_month: 1000, rack_kw: 20 };

describe('withUnservedNote', () => {
  it('counts the workloads left out grouped, as everywhere else', () => {
    const unserved = Array.from({ length: 5000 }, (_, i) => ({ workload: `w${i}` })) as PlanResult['unserved'];
    expect(withUnservedNote(null, { unserved } as PlanResult)).toBe('5,000 workloads the plan leaves unserved are left out');
  });
});

describe('breakEvenMonth', () => {
  it('first month from which the plan stays at or below the baseline', () => {
    expect(breakEvenMonth([100, 110, 120, 130], [50, 90, 125, 160])).toBe(2);
  });
  it('0 when the plan is never dearer', () => {
    expect(breakEvenMonth([10, 20, 30], [10, 25, 40])).toBe(0);
  });
  it('null (never within the horizon) when the plan is still dearer at the end', () => {
    expect(breakEvenMonth([100, 200, 300], [50, 150, 250])).toBeNull();
  });
  it('a plan that dips below and comes back above does not break even then', () => {
    // cheaper in month 0, dearer in month 1, cheaper from month 2 on → 2
    expect(breakEvenMonth([0, 10, 30], [5, 5, 40])).toBe(2);
    // cheaper early, dearer at the end → never
    expect(breakEvenMonth([0, 10, 50], [5, 20, 40])).toBeNull();
  });
});

describe('a baseline that ignores placement and tiers says so', () => {
  // W must stay on-prem and serve from premium options; the plan puts it on S (premium, on-prem).
  // The API is far cheaper but is a commodity cloud option: baseline (a) moves W there anyway
  // (DESIGN 6 ignores placement and tiers), so its caption and its rules say so.
  const input = makeInput({
    options: [system('S', { tier: 'premium' }), api('A', 0.01, 0)],
    workloads: [
      { name: 'W', model: 'm', avg_output_tps: 600, peak_to_avg: 1, placement: 'onprem', tiers: ['premium'] },
      { name: 'V', model: 'm', avg_output_tps: 10 },
    ],
    sites: [F],
    settings: { horizon_months: 12 },
  });
  const plan = planFromAssignments(input, [assign(input, 'W', 'S', 'F'), assign(input, 'V', 'A')]);
  it('(a) names the workload moved where its placement or tiers rule out, in its rules and caption', () => {
    const a = apiBaseline(input, plan);
    expect(a.rules).toBe('1 workload (W) goes where its placement or tiers rule out');
    expect(a.caption).toBe('placement and tiers ignored: 1 workload (W) goes where its placement or tiers rule out');
    expect(a.report!.totals.horizon_cost_usd).toBeLessThan(computeTco(input, plan).totals.horizon_cost_usd);
  });
  it('(b) likewise for a workload whose placement rules systems out; nothing when every move is allowed', () => {
    const cloudOnly = { ...input, workloads: input.workloads.map((w) => (w.name === 'V' ? { ...w, placement: 'cloud' as const } : w)) };
    expect(systemBaseline(cloudOnly, plan).rules).toBe('1 workload (V) goes where its placement or tiers rule out');
    const free = { ...input, workloads: input.workloads.map((w) => ({ ...w, placement: 'any' as const, tiers: ['premium' as const, 'commodity' as const, 'edge' as const] })) };
    expect(apiBaseline(free, plan).rules).toBeNull();
    expect(systemBaseline(free, plan).caption).toBe(POWER_RACKS_IGNORED);
  });
});

describe('baseline (a): everything on the cheapest fitting token API', () => {
  // A1: 1 out + 3 × 0.1 in = 1.3 USD per M output; slow (500 ms + 250/20 s = 13 s per answer)
  // A2: 0.5 out + 3 × 1 in = 3.5 USD per M output; fast (100 ms + 250/200 s = 1.35 s)
  const input = makeInput({
    models: ['m', 'm2'],
    options: [
      system('S', {}, { m: [pt(50, 1000)], m2: [pt(50, 1000)] }),
      api('A1', 1, 0.1, { m: [pt(20, null, 500)] }),
      api('A2', 0.5, 1, { m: [pt(200, null, 100)] }),
    ],
    workloads: [
      { name: 'W1', model: 'm', avg_output_tps: 100, placement: 'onprem', tiers: ['premium'] },
      { name: 'W2', model: 'm', avg_output_tps: 20, max_latency_ms: 3000 },
      { name: 'W3', model: 'm2', avg_output_tps: 10 },
    ],
    sites: [F],
  });
  const pools = [
    { period: 0, site: 'F', option: 'S', model: 'm', units: 1 },
    { period: 0, site: 'F', option: 'S', model: 'm2', units: 1 },
  ];
  const plan = makePlan([assign(input, 'W1', 'S', 'F'), assign(input, 'W2', 'S', 'F'), assign(input, 'W3', 'S', 'F')], pools, layoutRacks(input, pools));

  it('moves each workload to its cheapest fitting API, ignoring placement and tiers; W3 (no API) stays', () => {
    const b = apiBaseline(input, plan);
    expect(b.status).toBe('ok');
    expect(b.moved).toBe(2);
    expect(b.kept).toBe(1);
    const by = new Map(b.plan!.assignments.map((a) => [a.workload, a.option]));
    expect(by.get('W1')).toBe('A1');
    expect(by.get('W2')).toBe('A2'); // A1 misses 3,000 ms
    expect(by.get('W3')).toBe('S');
    expect(b.plan!.pools).toEqual([{ period: 0, site: 'F', option: 'S', model: 'm2', units: 1 }]);
    // W1: 100 tok/s = 262.8 M a month × 1.3 = 341.64; W2: 52.56 M × 3.5 = 183.96
    // W3 keeps 1 unit of S: 120,000 + 12 × (657 energy + 1,200 support) and 1 rack at 1,000 a month
    const expected = 12 * (341.64 + 183.96) + 120000 + 12 * (657 + 1200) + 12 * 1000;
    expect(b.report!.totals.undiscounted_usd).toBeCloseTo(expected, 6);
    expect(b.report!.months[0]!.lines.api_tokens).toBeCloseTo(341.64 + 183.96, 9);
  });

  it('says in its caption that workloads the plan leaves unserved are left out (both sides serve the same tokens)', () => {
    // W1 (on-prem, premium) moved to a commodity API: said, as the plan could not do it
    expect(apiBaseline(input, plan).caption).toBe('1 workload no API can serve keeps its plan assignment; placement and tiers ignored: 1 workload (W1) goes where its placement or tiers rule out');
    const partial = { ...plan, assignments: plan.assignments.filter((a) => a.workload !== 'W2'), unserved: [{ workload: 'W2', reason: 'no fit' }] } as PlanResult;
    const b = apiBaseline(input, partial);
    expect(b.plan!.assignments.map((a) => a.workload).sort()).toEqual(['W1', 'W3']);
    expect(b.caption).toBe('1 workload no API can serve keeps its plan assignment; placement and tiers ignored: 1 workload (W1) goes where its placement or tiers rule out; 1 workload the plan leaves unserved is left out');
    expect(systemBaseline(input, partial).caption).toBe(`${POWER_RACKS_IGNORED}; 1 workload the plan leaves unserved is left out`);
  });

  it('says in its caption which budget its fleet breaks (a baseline is priced, not solved)', () => {
    // W on A all along (plan); (b) buys S ($120,000) in month 0, over a $100,000 capex budget a
    // plan year; (a) costs 36 × 2,628 = 94,608, over a $90,000 total budget
    const budgeted = makeInput({
      options: [system('S'), api('A', 1, 0)],
      workloads: [{ name: 'W', model: 'm', avg_output_tps: 1000, peak_to_avg: 1 }],
      sites: [F],
      settings: { horizon_months: 36, purchase_interval_months: 12, capex_budget_usd: 100_000, total_budget_usd: 90_000 },
    });
    const onApi = planFromAssignments(budgeted, [0, 1, 2].map((period) => ({ ...assign(budgeted, 'W', 'A'), period })));
    expect(systemBaseline(budgeted, onApi).caption).toBe(`${POWER_RACKS_IGNORED}; capex budget ignored (plan year 1 buys $120,000); total budget ignored`);
    expect(apiBaseline(budgeted, onApi).caption).toBe('total budget ignored');
    expect(systemBaseline(budgeted, onApi).budgets).toBe('capex budget ignored (plan year 1 buys $120,000); total budget ignored');
    expect(apiBaseline(budgeted, onApi).budgets).toBe('total budget ignored');
    const roomy = { ...budgeted, settings: { ...budgeted.settings, capex_budget_usd: 120_000, total_budget_usd: 1e6 } };
    expect(systemBaseline(roomy, onApi).caption).toBe(POWER_RACKS_IGNORED);
    expect(apiBaseline(roomy, onApi).caption).toBeNull();
  });

  it('counts a workload left unserved in several periods once in its caption', () => {
    // W2 unserved in both periods of a 2-period plan: one workload, two unserved rows
    const phased = makeInput({ models: ['m', 'm2'], options: [system('S', {}, { m: [pt(50, 1000)] }), api('A', 1, 0)], sites: [F],
      workloads: [{ name: 'W1', model: 'm', avg_output_tps: 100 }, { name: 'W2', model: 'm2', avg_output_tps: 100 }],
      settings: { horizon_months: 24, purchase_interval_months: 12 } });
    const p = planFromAssignments(phased, [{ ...assign(phased, 'W1', 'A'), period: 0 }, { ...assign(phased, 'W1', 'A'), period: 1 }]);
    const left = { ...p, unserved: [{ workload: 'W2', period: 0, reason: 'no fit' }, { workload: 'W2', period: 1, reason: 'no fit' }] } as PlanResult;
    expect(apiBaseline(phased, left).caption).toBe('1 workload the plan leaves unserved is left out');
    expect(systemBaseline(phased, left).caption).toBe(`${POWER_RACKS_IGNORED}; 1 workload the plan leaves unserved is left out`);
  });

  it('says a workload unserved in some periods only is left out of those periods, not of the horizon', () => {
    // W2 unserved in period 0 and on A in period 1 (its hardware came late): baseline (a) costs it
    // in period 1, so it is not "left out"
    const phased = makeInput({ models: ['m', 'm2'], options: [system('S', {}, { m: [pt(50, 1000)] }), api('A', 1, 0, { m: [pt(100, null)], m2: [pt(100, null)] })], sites: [F],
      workloads: [{ name: 'W1', model: 'm', avg_output_tps: 100 }, { name: 'W2', model: 'm2', avg_output_tps: 100 }, { name: 'W3', model: 'm', avg_output_tps: 10 }],
      settings: { horizon_months: 24, purchase_interval_months: 12 } });
    const p = planFromAssignments(phased, [0, 1].map((period) => ({ ...assign(phased, 'W1', 'A'), period })).concat([{ ...assign(phased, 'W2', 'A'), period: 1 }]));
    const partly = { ...p, unserved: [{ workload: 'W2', period: 0, reason: 'late' }] } as PlanResult;
    expect(apiBaseline(phased, partly).caption).toBe('1 workload the plan leaves unserved in some periods is left out of those periods');
    expect(apiBaseline(phased, partly).plan!.assignments.filter((a) => a.workload === 'W2').map((a) => a.period)).toEqual([1]);
    const both = { ...partly, unserved: [...partly.unserved, { workload: 'W3', period: 0, reason: 'x' }, { workload: 'W3', period: 1, reason: 'x' }] } as PlanResult;
    expect(apiBaseline(phased, both).caption).toBe('1 workload the plan leaves unserved is left out; 1 workload the plan leaves unserved in some periods is left out of those periods');
  });

  it('is "none" when no API fits any workload', () => {
    const noApi = makeInput({ options: [system('S')], workloads: [{ name: 'W', model: 'm', avg_output_tps: 10 }], sites: [F] });
    const pl = [{ period: 0, site: 'F', option: 'S', model: 'm', units: 1 }];
    const b = apiBaseline(noApi, makePlan([assign(noApi, 'W', 'S', 'F')], pl, layoutRacks(noApi, pl)));
    expect(b.status).toBe('none');
    expect(b.reason).toMatch(/no token API/);
  });
});

describe('baseline (b): one system type at the cheapest-energy site', () => {
  const sites = [
    { ...F, name: 'F1' }, // pue × kWh = 0.15, air only
    { ...F, name: 'F2', pue: 1.2, liquid_cooling: true, usd_per_rack_month: 500 }, // 0.12
    { ...F, name: 'F3', pue: 1.1, rack_kw: 5 }, // 0.11, but a 10 kW system does not fit a 5 kW rack
  ];
  const options = [
    system('S1', {}, { m: [pt(50, 1000)], m2: [pt(50, 400)] }),
    system('S2', { cooling: 'liquid', price_usd: 1000 }, { m: [pt(50, 5000)] }), // cheap, but no m2
    system('S3', { price_usd: 200000 }, { m: [pt(50, 1000)], m2: [pt(50, 400)] }), // serves both, dearer
    api('A', 2, 0.5, { m: [pt(100, null)], m2: [pt(100, null)], m3: [pt(100, null)] }),
  ];
  const workloads = [
    { name: 'W1', model: 'm', avg_output_tps: 1000, peak_to_avg: 1.5 },
    { name: 'W2', model: 'm2', avg_output_tps: 100, peak_to_avg: 2 },
    { name: 'W3', model: 'm3', avg_output_tps: 10 },
  ];

  it('picks the cheapest type serving all, at the lowest pue × kWh site that hosts it; others keep their plan', () => {
    const input = makeInput({ models: ['m', 'm2', 'm3'], options, workloads, sites });
    const plan = makePlan([assign(input, 'W1', 'A'), assign(input, 'W2', 'A'), assign(input, 'W3', 'A')]);
    const b = systemBaseline(input, plan);
    expect(b.status).toBe('ok');
    expect(b.system).toEqual({ option: 'S1', site: 'F2' });
    // W3 (m3: no system serves it) stays on A, and the caption and the app's lead say so: it read
    // "Everything on S1" with nothing said of the workload left where the plan put it
    expect(b.caption).toBe(`${POWER_RACKS_IGNORED}; 1 workload no system bought in ${formatPlanMonth(input.settings.start_month, 0)} can serve keeps its plan assignment`);
    expect(b.moved).toBe(2);
    expect(b.kept).toBe(1);
    expect(systemBaselineLead(b.kept)).toBe('Every workload a system can serve');
    expect(systemBaselineLead(0)).toBe('Everything');
    // m: 1,500 ÷ 1,000 = 1.5 → 2 units; m2: 200 ÷ 400 = 0.5 → 1 unit; k = 2 a rack → ⌈3/2⌉ = 2 racks
    expect(b.plan!.pools).toEqual([
      { period: 0, site: 'F2', option: 'S1', model: 'm', units: 2 },
      { period: 0, site: 'F2', option: 'S1', model: 'm2', units: 1 },
    ]);
    expect(b.report!.racks).toEqual([{ site: 'F2', option: 'S1', racks: 2, units: 3, source: 'layout' }]);
    // per unit: 120,000 + 12 × (6 kW × 1.2 × 730 × 0.1 = 525.6 + 1,200 support); racks 2 × 500 × 12;
    // W3 stays on A: 10 tok/s = 26.28 M a month × 3.5
    const expected = 3 * (120000 + 12 * (525.6 + 1200)) + 2 * 500 * 12 + 12 * 26.28 * 3.5;
    expect(b.report!.totals.undiscounted_usd).toBeCloseTo(expected, 6);
  });

  it('explains a lopsided comparison, naming the workloads that forced the one type', () => {
    // S2 (cheap) serves m only: W1 and W1b; S1 and S3 also serve m2 (W2), so only they serve all three
    const three = [workloads[0]!, { ...workloads[0]!, name: 'W1b' }, workloads[1]!];
    const input = makeInput({ models: ['m', 'm2', 'm3'], options, workloads: three, sites });
    const b = systemBaseline(input, makePlan(three.map((w) => assign(input, w.name, 'A'))));
    expect(b.lopsided).toBe('a lopsided comparison: only 2 system types serve all 3 workloads, because 1 of them (W2) fits no S2, which serves the other 2; '
      + 'a fleet chosen for so few workloads is no alternative a buyer would weigh, so the difference is not a saving to plan on');
  });

  it('is "none" when no single type serves every workload a system can serve', () => {
    const input = makeInput({ models: ['m', 'm2', 'm3'], options: [system('S1', { name: 'Sys One (8 GPUs)' }, { m2: [pt(50, 400)] }), options[1]!, options[3]!], workloads, sites });
    const plan = makePlan([assign(input, 'W1', 'A'), assign(input, 'W2', 'A'), assign(input, 'W3', 'A')]);
    const b = systemBaseline(input, plan);
    expect(b.status).toBe('none');
    // the system named as the catalog names it, not by its id
    expect(b.reason).toBe('no single system type serves all 2 workloads a system can serve (Sys One (8 GPUs) serves 1)');
    expect(b.report).toBeNull();
  });

  it('is "none" without sites or when no workload fits a system', () => {
    const noSites = makeInput({ models: ['m', 'm2', 'm3'], options, workloads });
    const p1 = makePlan([assign(noSites, 'W1', 'A')]);
    expect(systemBaseline(noSites, p1).status).toBe('none');
    const onlyM3 = makeInput({ models: ['m', 'm2', 'm3'], options, workloads: [workloads[2]!], sites });
    const b = systemBaseline(onlyM3, makePlan([assign(onlyM3, 'W3', 'A')]));
    expect(b.status).toBe('none');
    expect(b.reason).toMatch(/no served workload can be served by a system/);
  });

  it('(a) is "none" saying why: a catalog without token APIs, or APIs that serve none of the workloads', () => {
    const noApi = makeInput({ models: ['m', 'm2', 'm3'], options: [options[0]!], workloads: [workloads[0]!], sites });
    expect(apiBaseline(noApi, makePlan([assign(noApi, 'W1', options[0]!.id, 'F1')])).reason).toBe('the catalog has no token API');
    const otherModel = makeInput({ models: ['m', 'm2', 'm3'], options: [options[0]!, api('X', 1, 0, { m3: [pt(100, null)] })], workloads: [workloads[0]!], sites });
    expect(apiBaseline(otherModel, makePlan([assign(otherModel, 'W1', options[0]!.id, 'F1')])).reason)
      .toBe('no token API in the catalog serves any served workload (one of its models, within its latency, orderable in its period)');
  });

  it('both are "none" for a plan that leaves every workload unserved: nothing to compare, no saving', () => {
    const input = makeInput({ models: ['m', 'm2', 'm3'], options, workloads: [workloads[0]!], sites });
    const plan = { ...makePlan([]), unserved: [{ workload: 'W1', period: 0, reason: 'serving it costs more than its penalty' }] } as PlanResult;
    const [a, b] = baselineComparisons(input, plan);
    expect([a!.baseline.status, a!.baseline.reason, a!.saving_usd]).toEqual(['none', NOTHING_SERVED, null]);
    expect([b!.baseline.status, b!.baseline.reason, b!.saving_usd]).toEqual(['none', NOTHING_SERVED, null]);
  });

  it('is "none" when the systems that fit a site arrive after month 0, and says so (not "fits no site")', () => {
    // S1 fits F1 but is orderable from Jul 2026; the baseline buys in Jan 2026
    const input = makeInput({
      models: ['m', 'm2', 'm3'], options: [system('S1', { available_from: '2026-07' }), options[3]!], workloads: [workloads[0]!], sites: [sites[0]!],
      settings: { horizon_months: 12, purchase_interval_months: 6 },
    });
    const b = systemBaseline(input, makePlan([assign(input, 'W1', 'A')]));
    expect(b.status).toBe('none');
    expect(b.reason).toBe('no system in the catalog that fits a site is orderable in Jan 2026, when this baseline buys');
    const tooTall = makeInput({ models: ['m', 'm2', 'm3'], options: [system('S1', { rack_units: 60 }), options[3]!], workloads: [workloads[0]!], sites: [sites[0]!] });
    expect(systemBaseline(tooTall, makePlan([assign(tooTall, 'W1', 'A')])).reason).toBe('no system in the catalog fits any site');
  });
});

describe('saving and break-even against a baseline', () => {
  // Plan: 2 units of S (240,000 up front, then 4,714 a month). Baseline (a): 1,000 tok/s =
  // 2,628 M tokens a month at 5 USD = 13,140 a month. Cumulative after month m:
  // plan 240,000 + 4,714 (m + 1), baseline 13,140 (m + 1): plan ≤ baseline from
  // m + 1 ≥ 240,000 ÷ 8,426 = 28.48, i.e. month 28.
  const make = (H: number) => {
    const input = makeInput({
      options: [system('S'), api('A', 5, 0)],
      workloads: [{ name: 'W', model: 'm', avg_output_tps: 1000, peak_to_avg: 1.5 }],
      sites: [F],
      settings: { horizon_months: H },
    });
    const pools = [{ period: 0, site: 'F', option: 'S', model: 'm', units: 2 }];
    return { input, plan: makePlan([assign(input, 'W', 'S', 'F')], pools, layoutRacks(input, pools)) };
  };

  it('breaks even in month 28 over 36 months', () => {
    const { input, plan } = make(36);
    const [a, b] = baselineComparisons(input, plan);
    expect(a!.baseline.report!.months[0]!.total_usd).toBeCloseTo(13140, 6);
    expect(a!.break_even!.month).toBe(Math.ceil(240000 / (13140 - 4714)) - 1);
    expect(a!.break_even!.month).toBe(28);
    expect(a!.break_even!.label).toBe('2028-05');
    expect(a!.saving_usd).toBeCloseTo(36 * 13140 - (240000 + 36 * 4714), 6);
    // (b) is the plan itself here: never dearer → month 0, saving 0
    expect(b!.baseline.status).toBe('ok');
    expect(b!.break_even!.month).toBe(0);
    expect(b!.saving_usd).toBeCloseTo(0, 6);
  });

  it('"none within the horizon" over 12 months', () => {
    const { input, plan } = make(12);
    const [a] = baselineComparisons(input, plan);
    expect(a!.break_even!.month).toBeNull();
    expect(a!.saving_usd!).toBeLessThan(0);
    expect(computeTco(input, plan).totals.undiscounted_usd).toBeCloseTo(240000 + 12 * 4714, 6);
  });
});

describe('baselines of a phased plan (3 periods of 12 months)', () => {
  // W: 1,000 tok/s flat (peak ×1). A: $1 per M output tokens, inputs free: 1,000 × 3,600 × 730 ÷ 10⁶
  // = 2,628 M tokens = $2,628 a month. S: $120,000, support 12 %/yr = $1,200 a month, energy
  // 6 kW × 1.5 × 730 h × $0.10 = $657, one rack of F at $1,000: $2,857 a month; 1 unit serves W.
  // No discount, no residual.
  //   plan: A in period 0 (12 × 2,628 = 31,536), S bought at month 12 (120,000 + 24 × 2,857 = 188,568)
  //         → 220,104
  //   (a) A in all three periods: 36 × 2,628 = 94,608 — the plan costs 125,496 more, and from
  //       month 12 on its cumulative cost stays above (+2,857 against +2,628 a month): no break-even
  //   (b) S bought at month 0 for the whole horizon: 120,000 + 36 × 2,857 = 222,852 — the plan saves
  //       2,748, and is never dearer (month m < 12: 2,628 (m + 1) against 120,000 + 2,857 (m + 1);
  //       from month 12 both add 2,857): break-even in month 0
  const input = makeInput({
    options: [system('S'), api('A', 1, 0)],
    workloads: [{ name: 'W', model: 'm', avg_output_tps: 1000, peak_to_avg: 1 }],
    sites: [F],
    settings: { horizon_months: 36, purchase_interval_months: 12 },
  });
  const plan = planFromAssignments(input, [
    { ...assign(input, 'W', 'A'), period: 0 },
    { ...assign(input, 'W', 'S', 'F'), period: 1 },
    { ...assign(input, 'W', 'S', 'F'), period: 2 },
  ]);

  it('prices the plan, (a) and (b) by hand, and finds both break-evens', () => {
    expect(plan.purchases.map((p) => [p.period, p.units])).toEqual([[1, 1]]);
    const report = computeTco(input, plan);
    expect(report.totals.horizon_cost_usd).toBeCloseTo(220_104, 6);
    const [a, b] = baselineComparisons(input, plan, report);
    expect(a!.baseline.status).toBe('ok');
    expect(a!.baseline.plan!.periods).toHaveLength(3);
    expect(a!.baseline.plan!.assignments.map((x) => [x.period, x.option])).toEqual([[0, 'A'], [1, 'A'], [2, 'A']]);
    expect(a!.baseline.report!.totals.horizon_cost_usd).toBeCloseTo(94_608, 6);
    expect(a!.saving_usd).toBeCloseTo(94_608 - 220_104, 6);
    expect(a!.break_even!.month).toBeNull();
    expect(b!.baseline.status).toBe('ok');
    expect(b!.baseline.plan!.purchases.map((p) => [p.period, p.option, p.units])).toEqual([[0, 'S', 1]]);
    expect(b!.baseline.plan!.assignments.map((x) => [x.period, x.option])).toEqual([[0, 'S'], [1, 'S'], [2, 'S']]);
    expect(b!.baseline.report!.totals.horizon_cost_usd).toBeCloseTo(222_852, 6);
    expect(b!.saving_usd).toBeCloseTo(2_748, 6);
    expect(b!.break_even!.month).toBe(0);
  });

  it('(b) buys at month 0 for the busiest period; a workload unserved in a period stays unserved there', () => {
    // W grows 10 %/month: period 2 peaks at 1,000 × 1.1^35 = 28,102 tok/s → 29 units, all at month 0
    const growing = { ...input, workloads: input.workloads.map((w) => ({ ...w, monthly_growth_pct: 10 })) };
    const p = planFromAssignments(growing, [{ ...assign(growing, 'W', 'A'), period: 0 }, { ...assign(growing, 'W', 'A'), period: 2 }],
      { unserved: [{ workload: 'W', period: 1, reason: 'penalty' }] });
    const b = systemBaseline(growing, p);
    expect(b.plan!.purchases.map((x) => [x.period, x.units])).toEqual([[0, Math.ceil(1000 * Math.pow(1.1, 35) / 1000 - 1e-9)]]);
    expect(b.plan!.assignments.map((x) => x.period)).toEqual([0, 2]);
    expect(b.plan!.unserved.map((x) => x.period)).toEqual([1]);
  });
});

