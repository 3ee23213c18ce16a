// The v2 engine (DESIGN 4–6 with periods): hand-computed plans, the cost identity on random v2
// scenarios, brute force and HiGHS on the exported LP against the structured solve.
import fc from 'fast-check';
import loadHighs, { type Highs } from 'highs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { discountFactors, linesPresentValue } from '../../cost.ts';
import { planLinesV2 } from '../../tco/plan-lines.ts';
import { computeTco } from '../../tco/engine.ts';
import type { PlanInput, PlanResult } from '../../types.ts';
import { api, cloud, edge, makeInput, models, system, v2Input, v2Scenario, type V2Scenario } from '../fixtures.test-helper.ts';
import { columnsOfV2, extractPlanV2, normalise, objectiveOfV2, penaltyOfV2, solutionOfPlan, type SolutionV2 } from './extract.ts';
import { penaltyReason } from '../explain.ts';
import { FIRST_FREED_MIN } from './lns.ts';
import { exactLpV2 } from './lp.ts';
import { buildModelV2, type ModelV2 } from './model.ts';
import { DIRECT_SEARCH_MAX_MS, directSearchMs, gapRule, wholeMipCuts, meetsModel, SEARCH_GAP, solvePlanV2, STAGED_MIN_COLS, STAGED_MIN_COLS_PERIODS, STAGED_MIN_PAIRS, stagedApplies, standaloneStart, TIGHTEN_FACTOR, unservedReasonOf } from './solve.ts';
import { searchGap, SEARCH_SCALE_FLOOR } from '../gap.ts';

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

const solve = (input: PlanInput, timeLimitS = 30) => solvePlanV2(highs, input, { timeLimitS });
const pt = (unit_tps: number) => [{ user_tps: 10, unit_tps, ttft_ms: 0 }];
const horizonCost = (input: PlanInput, plan: PlanResult) => linesPresentValue(planLinesV2(input, plan).lines, discountFactors(input.settings));

describe('v2 plans computed by hand', () => {
  it('a growing workload: two tranches (month 0 and month 12) beat one month-0 purchase', () => {
    // W: 900 tok/s × 1.05^m. Period 0 (months 0–11) needs P(11) = 900 × 1.05^11 = 1,539.3 → 2 units of
    // 1,000 tok/s; period 1 (months 12–23) needs P(23) = 900 × 1.05^23 = 2,764.4 → 3 units.
    // A unit costs $100,000 and 12 %/year support = $1,000 a month (no energy, no discount, no residual).
    //   two tranches: 3 × 100,000 + 2 units × 24 months × 1,000 + 1 unit × 12 months × 1,000 = 360,000
    //   all at month 0 (interval = horizon): 3 × 100,000 + 3 × 24 × 1,000 = 372,000
    const input = (interval: number) => makeInput({
      catalog: { models, options: [system('S', { price_usd: 100_000, support_pct_per_year: 12, typical_power_kw: 0, max_power_kw: 1 }, { m8: pt(1000) })] },
      workloads: [{ name: 'W', model: 'm8', avg_output_tps: 900, peak_to_avg: 1, monthly_growth_pct: 5 }],
      sites: [{ name: 'F', it_power_kw: 100, racks: 10 }],
      settings: { horizon_months: 24, purchase_interval_months: interval, residual_value: false },
    });
    const phased = solve(input(12));
    expect(phased.status).toBe('optimal');
    expect(phased.objective_usd).toBeCloseTo(360_000, 4);
    expect(phased.purchases.map((p) => [p.period, p.units])).toEqual([[0, 2], [1, 1]]);
    expect(phased.pools.map((p) => [p.period, p.units])).toEqual([[0, 2], [1, 3]]);
    expect(phased.totals.capex_usd).toBeCloseTo(300_000, 6);
    const once = solve(input(24));
    expect(once.objective_usd).toBeCloseTo(372_000, 4);
    expect(once.purchases.map((p) => [p.period, p.units])).toEqual([[0, 3]]);
  });

  it('a next-generation system arriving in month 8 takes over from the API in period 1', () => {
    // W: 100 tok/s flat; the API at $1 per M output tokens (inputs free) costs
    // 100 × 3,600 × 730 ÷ 10⁶ × 1 = $262.80 a month, $3,153.60 a period of 12 months.
    // N ($1,000, no running costs) is orderable from 2026-09 = month 8: usable from period 1 (month 12).
    //   period 0 on the API: 3,153.60; period 1 on N: 1,000 → 4,153.60
    const cat = (withApi: boolean) => ({
      models,
      options: [
        system('N', { name: 'Next Box', price_usd: 1_000, support_pct_per_year: 0, typical_power_kw: 0, max_power_kw: 1, available_from: '2026-09' }, { m8: pt(1000) }),
        ...(withApi ? [api('A', { usd_per_m_input: 0, usd_per_m_output: 1 }, { m8: [{ user_tps: 50, ttft_ms: 0 }] })] : []),
      ],
    });
    const input = (withApi: boolean) => makeInput({
      catalog: cat(withApi),
      workloads: [{ name: 'W', model: 'm8', avg_output_tps: 100, peak_to_avg: 1 }],
      sites: [{ name: 'F', it_power_kw: 100, racks: 10 }],
      settings: { horizon_months: 24, purchase_interval_months: 12, residual_value: false },
    });
    const plan = solve(input(true));
    expect(plan.status).toBe('optimal');
    expect(plan.objective_usd).toBeCloseTo(4_153.6, 6);
    expect(plan.assignments.map((a) => [a.period, a.option])).toEqual([[0, 'A'], [1, 'N']]);
    expect(plan.purchases).toEqual([{ period: 1, site: 'F', option: 'N', model: 'm8', replicas: 1, units: 1 }]);
    const none = solve(input(false));
    expect(none.status).toBe('infeasible');
    // the option by its catalog name; one arriving after the last purchase (Jan 2027) says so
    // and from when the plan can use it: the next period's start, not its own month
    expect(none.reasons).toEqual(['nothing can serve W in Jan 2026 – Dec 2026: only Next Box, available from 2026-09, usable from Jan 2027, when the next period starts']);
    const later = makeInput({ ...input(false), catalog: { ...cat(false), options: cat(false).options.map((o) => ({ ...o, available_from: '2027-06' })) } });
    // consecutive periods with the same words read as one range of months
    expect(solve(later).reasons).toEqual([
      "nothing can serve W in Jan 2026 – Dec 2027: only Next Box, available from 2027-06, after the plan's last purchase (Jan 2027)",
    ]);
    // bought monthly: the 8 months before Next Box arrives are one line, not 8; usable in its own month
    const monthly = makeInput({ ...input(false), settings: { ...input(false).settings, purchase_interval_months: 1 } });
    const byMonth = solve(monthly);
    expect(byMonth.status).toBe('infeasible');
    expect(byMonth.reasons).toEqual(['nothing can serve W in Jan 2026 – Aug 2026: only Next Box, available from 2026-09']);
    // a second workload that the site's power cannot hold is named too: one round of fixes, not two
    const big = makeInput({
      ...later,
      catalog: { ...later.catalog, options: [...later.catalog.options, system('S', { name: 'Box S', price_usd: 1_000, typical_power_kw: 10, max_power_kw: 10 }, { m70: pt(100) })] },
      workloads: [...later.workloads, { name: 'Big', model: 'm70', avg_output_tps: 1_000, peak_to_avg: 1 }],
      sites: [{ name: 'F', it_power_kw: 20, racks: 10 }],
    });
    const both = solve(big).reasons!;
    expect(both.slice(0, 1)).toEqual(solve(later).reasons);
    expect(both[1]).toMatch(/^without that workload, the other workload \(Big\) cannot be served either: site power makes .*which uses 100 kW of IT power at F/);
    // the others served: the reasons are the gaps alone
    const roomy = makeInput({ ...big, sites: [{ name: 'F', it_power_kw: 200, racks: 10 }] });
    expect(solve(roomy).reasons).toEqual(solve(later).reasons);
  });

  it('replicas: a model held by 4 units is bought in whole replicas; price trends apply to the month paid', () => {
    // 1,500 tok/s on replicas of 1,000 tok/s → 2 replicas = 8 units of $10,000 bought at month 12
    // (the only period: interval 12, horizon 12… here one period) at π_hw(0) = 1.
    // With −20 %/year and the option usable only from month 12 (2027-01), a 24-month plan pays
    // 8 × 10,000 × 0.8 = 64,000 at month 12; the API covers months 0–11.
    const input = makeInput({
      catalog: { models, options: [
        { ...system('R4', { price_usd: 10_000, support_pct_per_year: 0, typical_power_kw: 0, max_power_kw: 1, available_from: '2027-01' }, {}),
          performance: [{ model: 'm8', units_per_replica: 4, points: pt(1000) }] },
        api('A', { usd_per_m_input: 0, usd_per_m_output: 100 }, { m8: [{ user_tps: 50, ttft_ms: 0 }] }),
      ] },
      workloads: [{ name: 'W', model: 'm8', avg_output_tps: 1500, peak_to_avg: 1 }],
      sites: [{ name: 'F', it_power_kw: 100, racks: 10 }],
      settings: { horizon_months: 24, purchase_interval_months: 12, residual_value: false, hardware_price_change_pct_per_year: -20 },
    });
    const plan = solve(input);
    expect(plan.purchases).toEqual([{ period: 1, site: 'F', option: 'R4', model: 'm8', replicas: 2, units: 8 }]);
    expect(plan.totals.capex_usd).toBeCloseTo(64_000, 6);
    // API: 1,500 × 3,600 × 730 ÷ 10⁶ × 100 = 394,200 a month over months 0–11
    expect(plan.objective_usd).toBeCloseTo(64_000 + 12 * 394_200, 3);
  });

  it('a workload accepting two models takes the one its cheapest option serves, per period', () => {
    const input = makeInput({
      catalog: { models, options: [
        api('A70', { usd_per_m_input: 0, usd_per_m_output: 2 }, { m70: [{ user_tps: 50, ttft_ms: 0 }] }),
        api('A8', { usd_per_m_input: 0, usd_per_m_output: 1 }, { m8: [{ user_tps: 50, ttft_ms: 0 }] }),
      ] },
      workloads: [{ name: 'W', model: 'm70|m8', avg_output_tps: 10, peak_to_avg: 1 }],
      settings: { horizon_months: 12, purchase_interval_months: 6 },
    });
    const plan = solve(input);
    expect(plan.assignments.map((a) => [a.period, a.option, a.model])).toEqual([[0, 'A8', 'm8'], [1, 'A8', 'm8']]);
  });

  it('single period, no trends: one purchase at month 0, whole cloud instances, capex per plan year', () => {
    // One period of 24 months, no discount, residual on; each workload has one candidate.
    //   big (onprem, 1,000 × 1.5 = 1,500 tok/s) on S (2,000 tok/s a unit): 1 unit
    //     150,000 + 24 × (support 150,000 × 10 % ÷ 12 = 1,250 + energy 8 kW × 1.4 × 730 h × $0.10 = 817.60)
    //     − residual 150,000 × (1 − 24 ÷ 60) = 90,000                                → 109,622.40
    //   rented (cloud, 800 × 1.5 = 1,200 tok/s) on C (1,000 tok/s an instance, $10/h): 1.2 instances'
    //     worth, rented as 2 whole instances: 2 × 10 × 730 × 24                      → 350,400.00
    //     (the single-purchase engine billed the fraction: 1.2 × 10 × 730 × 24 = 210,240)
    //   field (edge, 10 endpoints) on E via A: devices 10 × 500 = 5,000 − residual 5,000 × (1 − 24 ÷ 36)
    //     + energy 10 × 0.02 kW × 730 × $0.15 × 24 = 525.60 + tokens 5 × 3,600 × 730 ÷ 10⁶ × ($1.5 +
    //     3 × $0.5) × 24 = 946.08                                                     → 4,805.01
    //   horizon cost 464,827.41; capex (first purchases) 150,000 + 5,000 = 155,000
    const input = (settings: Record<string, unknown> = {}, lifetime = 60) => makeInput({
      catalog: { models, options: [
        system('S', { price_usd: 150_000, lifetime_months: lifetime }, { m70: pt(2000) }),
        api('A', {}, { m70: [{ user_tps: 40, ttft_ms: 300 }] }),
        edge('E', { inference_via: 'A' }, {}),
        cloud('C', { usd_per_hour: 10 }, { m8: pt(1000) }),
      ] },
      workloads: [
        { name: 'big', model: 'm70', avg_output_tps: 1000, placement: 'onprem' },
        { name: 'field', model: 'm70', avg_output_tps: 5, endpoints: 10, placement: 'edge' },
        { name: 'rented', model: 'm8', avg_output_tps: 800, peak_to_avg: 1.5, placement: 'cloud' },
      ],
      sites: [{ name: 'F', it_power_kw: 500, racks: 20 }],
      settings: { horizon_months: 24, purchase_interval_months: 24, ...settings },
    });
    const plan = solve(input());
    expect(plan.status).toBe('optimal');
    expect(plan.periods).toEqual([{ period: 0, start_month: 0, months: 24 }]);
    expect(plan.objective_usd).toBeCloseTo(109_622.4 + 350_400 + (5_000 - 5_000 / 3 + 525.6 + 946.08), 4);
    expect(plan.totals.capex_usd).toBeCloseTo(155_000, 6);
    expect(plan.purchases.map((p) => [p.period, p.option, p.units])).toEqual([[0, 'S', 1]]);
    expect(plan.cloud).toHaveLength(24);
    expect(plan.cloud.every((c) => c.instances === 2)).toBe(true);
    // the capex budget caps each plan year: 155,000 of first purchases fit a 155,000 cap…
    expect(solve(input({ capex_budget_usd: 155_000 })).status).toBe('optimal');
    // …but with a 10-month lifetime S is bought again in month 10, inside plan year 1: 305,000 in
    // that year, over the cap, although the month-0 purchases alone would fit it
    const rebuy = solve(input({ capex_budget_usd: 155_000 }, 10));
    expect(rebuy.status).toBe('infeasible');
    expect(rebuy.reasons!.join(' ')).toContain('the capex budget');
    expect(solve(input({ capex_budget_usd: 305_000 }, 10)).status).toBe('optimal');
  });
});

describe('a demand that shrinks towards nothing', () => {
  it('still takes one whole cloud instance every month it is served (loads of 1e-6 to 1e-13 replicas)', () => {
    // 1,000 tokens/s falling 60 % a month: month 24 asks 1,000 × 0.4²⁴ ≈ 2.8e-7 tokens/s, 2.8e-10 of
    // an instance (1,000 tokens/s each at max_utilization 1); the solver once saw no load there
    const input = makeInput({
      catalog: { models, options: [cloud('C', { usd_per_hour: 1 }, { m8: pt(1000) })] },
      workloads: [{ name: 'fading', model: 'm8', avg_output_tps: 1000, peak_to_avg: 1, monthly_growth_pct: -60, placement: 'cloud' }],
      sites: [],
      settings: { horizon_months: 36, purchase_interval_months: 12, max_utilization: 1 },
    });
    const plan = solve(input);
    expect(plan.status).toBe('optimal');
    expect(plan.cloud.map((c) => c.month)).toEqual(Array.from({ length: 36 }, (_, i) => i));
    expect(plan.cloud.every((c) => c.instances === 1)).toBe(true);
    expect(plan.objective_usd).toBeCloseTo(plan.totals.horizon_cost_usd, 6);
    expect(plan.totals.horizon_cost_usd).toBeCloseTo(horizonCost(input, plan), 6);
  });
});

// ---- random small v2 scenarios

// the shared random scenarios, with the system's default 60-month life and no capex budget (the
// cost identity and the brute force below are about costs, not the budget's feasibility)
const scenario = v2Scenario.map((s): V2Scenario => ({ ...s, life: 60, capex: null }));
type Scenario = V2Scenario;

/** Every row of the model holds for a column vector. */
function feasible(m: ModelV2, col: ArrayLike<number>): boolean {
  return m.rows.every((r) => {
    let v = 0;
    for (let j = 0; j < r.idx.length; j++) v += r.val[j]! * (col[r.idx[j]!] ?? 0);
    return v >= r.lb - 1e-6 && v <= r.ub + 1e-6;
  });
}

/** Exhaustive for K ≤ 2: assignments per (w, k), first-tranche sizes, edge purchase timing. */
function bruteForce(m: ModelV2): number | null {
  const W = m.byWk.length, K = m.periods.length;
  const slots: (number | null)[][] = [];
  for (let wi = 0; wi < W; wi++) for (let k = 0; k < K; k++) slots.push([...m.byWk[wi]![k]!, ...(m.ys[wi]![k] != null ? [null] : [])]);
  let best: number | null = null;
  const pick: (number | null)[] = [];
  const evalChosen = () => {
    const chosen = Array.from({ length: W }, (_, wi) => pick.slice(wi * K, wi * K + K));
    const need = m.pools.map(() => m.periods.map(() => 0));
    for (const row of chosen) row.forEach((xi, k) => { if (xi != null && m.xs[xi]!.pool != null) need[m.xs[xi]!.pool!]![k]! += m.xs[xi]!.a; });
    const ceilN = need.map((r) => r.map((v) => Math.max(0, Math.ceil(v - 1e-6))));
    // first tranche q0 from need(0) to max need (buying ahead pays off when prices rise)
    const ranges = m.pools.map((p, pi) => {
      const lo = ceilN[pi]![0]!, hi = Math.max(...ceilN[pi]!);
      return p.q[0] == null ? [0] : Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
    });
    const edgeOpts = m.edges.map((ed) => [...ed.e.keys()].filter((k) => ed.e[k] != null));
    const qs: number[] = [];
    const es: number[] = [];
    const tryIt = () => {
      const q = m.pools.map((_, pi) => {
        const out = m.periods.map(() => 0);
        out[0] = qs[pi]!;
        let owned = out[0];
        for (let k = 1; k < K; k++) { out[k] = Math.max(0, ceilN[pi]![k]! - owned); owned += out[k]!; }
        if (m.pools[pi]!.q[0] == null) { out[0] = 0; }
        return out;
      });
      const e = m.edges.map((_, ei) => m.periods.map((__, k) => (k === es[ei] ? 1 : 0)));
      const sol: SolutionV2 = { chosen, q, e };
      const used = normalise(m, sol);
      if (JSON.stringify(used.e) !== JSON.stringify(e) || JSON.stringify(used.q) !== JSON.stringify(q)) return;
      const col = columnsOfV2(m, sol);
      if (!feasible(m, col)) return;
      const v = objectiveOfV2(m, col);
      if (best == null || v < best) best = v;
    };
    const recE = (i: number) => {
      if (i === m.edges.length) { tryIt(); return; }
      for (const k of edgeOpts[i]!) { es[i] = k; recE(i + 1); }
    };
    const recQ = (i: number) => {
      if (i === m.pools.length) { recE(0); return; }
      for (const v of ranges[i]!) { qs[i] = v; recQ(i + 1); }
    };
    recQ(0);
  };
  const rec = (i: number) => {
    if (i === slots.length) { evalChosen(); return; }
    for (const c of slots[i]!) { pick[i] = c; rec(i + 1); }
  };
  rec(0);
  return best;
}

describe('a plan in hand when the solver is stopped early', () => {
  it('the starting plan meets every row; without its purchases a system assignment does not', () => {
    const input = makeInput({
      catalog: {
        models,
        options: [
          system('N', { price_usd: 1_000, support_pct_per_year: 0, typical_power_kw: 0, max_power_kw: 1 }, { m8: pt(1000) }),
          api('A', { usd_per_m_input: 0, usd_per_m_output: 1 }, { m8: [{ user_tps: 50, ttft_ms: 0 }] }),
        ],
      },
      workloads: [{ name: 'W', model: 'm8', avg_output_tps: 100, peak_to_avg: 1 }],
      sites: [{ name: 'F', it_power_kw: 100, racks: 10 }],
      settings: { horizon_months: 24, purchase_interval_months: 12 },
    });
    const m = buildModelV2(input);
    const start = standaloneStart(m);
    expect(meetsModel(m, start)).toBe(true);
    expect(feasible(m, columnsOfV2(m, start))).toBe(true);
    // W on the system N in period 1 with no replica bought breaks the pool row
    const onN = m.byWk[0]![1]!.find((xi) => m.xs[xi]!.pool != null)!;
    const broken: SolutionV2 = { ...start, chosen: [[start.chosen[0]![0]!, onN]], q: start.q.map((r) => r.map(() => 0)) };
    expect(meetsModel(m, broken)).toBe(false);
    expect(feasible(m, columnsOfV2(m, broken))).toBe(false);
    // a plan that leaves W unserved (a penalty makes that a plan) says the penalty is cheaper only when proven optimal
    const pen = makeInput({ ...input, settings: { ...input.settings, unserved_penalty_usd_per_month: 1 } });
    const mp = buildModelV2(pen);
    const none = normalise(mp, { chosen: [[null, null]], q: mp.pools.map(() => mp.periods.map(() => 0)), e: mp.edges.map(() => mp.periods.map(() => 0)) });
    const reasons = (bound: number | null) => extractPlanV2(mp, none, { bound, solveMs: 1, unservedReason: unservedReasonOf(mp) });
    const unproven = reasons(null), proven = reasons(1e12);
    expect(unproven.status).toBe('time_limit');
    expect(unproven.unserved.map((u) => u.reason)).toEqual([penaltyReason(false), penaltyReason(false)]);
    expect(proven.status).toBe('optimal');
    expect(proven.unserved.map((u) => u.reason)).toEqual([penaltyReason(true), penaltyReason(true)]);
    // however short the time limit, a plan comes back: HiGHS' own or the starting plan
    const quick = solvePlanV2(highs, input, { timeLimitS: 0.001 });
    expect(quick.status).not.toBe('no_plan');
    expect(quick.assignments).toHaveLength(2);
    // and its gap is a number however early it stopped (null read as "no gap" to a script)
    expect(quick.bound_usd).not.toBeNull();
    expect(quick.bound_usd!).toBeLessThanOrEqual(quick.objective_usd!);
    expect(quick.gap).toBeGreaterThanOrEqual(0);
  });
});

describe('an infeasible scenario explained', () => {
  it('reports no plan of the relaxed copies it solves to explain why (progress said "Best plan $…", then "Infeasible")', () => {
    const input = makeInput({
      catalog: { models, options: [system('box', { rack_units: 8, max_power_kw: 10 }, { m70: [{ user_tps: 50, unit_tps: 1000, ttft_ms: 200 }] })] },
      workloads: [{ name: 'w', model: 'm70', avg_output_tps: 5000, placement: 'onprem' }],
      sites: [{ name: 'small', it_power_kw: 1000, racks: 1 }], // 5 boxes of 8 U need more than one 42-U rack
    });
    const seen: (number | null)[] = [];
    let incumbents = 0;
    const r = solvePlanV2(highs, input, { timeLimitS: 10, onProgress: (p) => seen.push(p.incumbentUsd), onIncumbent: () => void incumbents++ });
    expect(r.status).toBe('infeasible');
    expect(r.reasons?.join(' ')).toMatch(/rack/);
    expect(seen.filter((x) => x != null)).toEqual([]);
    expect(incumbents).toBe(0);
  });
});

describe('an infeasible scenario whose start repair cycles', () => {
  /**
   * 60 workloads, 70 % of them on premises only, over two sites far too small for them: no plan
   * exists (the LP relaxation is infeasible), and the start's repair moves load between the sites
   * round after round without ever meeting both limits.
   */
  function tooSmallSites(): PlanInput {
    let x = 2 * 7919;
    const rnd = () => { x = (x * 48271) % 2147483647; return x / 2147483647; };
    return makeInput({
      catalog: { models, options: [
        system('h100', {}, { m70: [{ user_tps: 30, unit_tps: 3000, ttft_ms: 300 }], m8: [{ user_tps: 60, unit_tps: 20000, ttft_ms: 100 }] }),
        system('b200', { price_usd: 500_000, max_power_kw: 14.3, rack_units: 10 }, { m70: [{ user_tps: 40, unit_tps: 9000, ttft_ms: 300 }] }),
        api('api70', {}, { m70: [{ user_tps: 60, ttft_ms: 400 }] }),
      ] },
      workloads: Array.from({ length: 60 }, (_, i) => ({
        name: `w${i}`, model: rnd() < 0.5 ? 'm70' : 'm8|m70', avg_output_tps: Math.round(200 + rnd() * 3000),
        monthly_growth_pct: Math.floor(rnd() * 4), placement: rnd() < 0.7 ? ('onprem' as const) : ('any' as const),
      })),
      sites: [{ name: 'dc1', it_power_kw: 40 + Math.floor(rnd() * 100), racks: 3 + Math.floor(rnd() * 5) }, { name: 'dc2', it_power_kw: 40 + Math.floor(rnd() * 100), racks: 2 + Math.floor(rnd() * 5), pue: 1.2 }],
      settings: { horizon_months: 36, purchase_interval_months: 12 },
    });
  }

  it('is proven infeasible: a start repair that stalls gives up, and the LP proves it (clock counted in reads)', () => {
    const input = tooSmallSites();
    // time as a count of clock reads (clock.ts' now() and HiGHS' timer both read performance.now()):
    // the repair reads it every round, so a repair given the whole time ends the solve with no plan
    const real = performance.now;
    let t = 1e6;
    performance.now = () => (t += 0.5);
    let r: PlanResult;
    try {
      r = solvePlanV2(highs, input, { timeLimitS: 2, pipeline: 'staged', explain: false });
    } finally {
      performance.now = real;
    }
    expect(r.status).toBe('infeasible');
    expect(r.objective_usd).toBeNull();
  });
});

describe('v2 laws on random scenarios', () => {
  it('objective − penalties = the TCO horizon cost of the plan; the plan meets every row of the model', () => {
    fc.assert(fc.property(scenario, (s) => {
      const input = v2Input(s);
      const plan = solve(input, 20);
      if (plan.status === 'infeasible' || plan.status === 'no_plan') return;
      const m = buildModelV2(input, { bounds: false });
      const penalties = plan.unserved.reduce((a, u) => a + (input.settings.unserved_penalty_usd_per_month ?? 0) * plan.periods[u.period]!.months, 0);
      const tco = horizonCost(input, plan);
      expect(plan.objective_usd! - penalties).toBeCloseTo(tco, 4);
      expect(plan.totals.horizon_cost_usd).toBeCloseTo(tco, 6);
      // the plan read back as model columns: the objective's coefficients give the same cost, and
      // every row of the plain model holds (site power and racks per period, capex per year, …)
      const col = columnsOfV2(m, solutionOfPlan(m, plan));
      expect(objectiveOfV2(m, col)).toBeCloseTo(plan.objective_usd!, 4);
      // the penalties the stop rule leaves out of its gap (penaltyOfV2) are the plan's
      expect(penaltyOfV2(m, solutionOfPlan(m, plan))).toBeCloseTo(penalties, 4);
      expect(feasible(m, col)).toBe(true);
      expect(plan.cloud.every((c) => c.instances % s.Rc === 0)).toBe(true);
      // the TCO engine, from the plan alone: same horizon cost and capex; its split over
      // workloads adds up to the whole
      const r = computeTco(input, plan);
      expect(r.totals.horizon_cost_usd).toBeCloseTo(plan.totals.horizon_cost_usd, 4);
      expect(r.totals.capex_usd).toBeCloseTo(plan.totals.capex_usd, 4);
      expect(r.byWorkload.reduce((a, w) => a + w.horizon_cost_usd, 0)).toBeCloseTo(r.totals.horizon_cost_usd, 3);
      expect(r.capacity_ok).toBe(true);
    }), { numRuns: 25, seed: 12 });
  }, 240_000);

  it('brute force and HiGHS on the exported LP reach the structured optimum (K ≤ 2)', () => {
    fc.assert(fc.property(scenario, (s) => {
      const input = v2Input({ ...s, workloads: s.workloads.slice(0, 2), interval: Math.max(s.interval, Math.ceil(s.horizon / 2)) as Scenario['interval'] });
      const plan = solve(input, 20);
      const { text, model } = exactLpV2(input, 'random');
      const bf = bruteForce(model);
      if (plan.status === 'infeasible') { expect(bf).toBeNull(); return; }
      expect(plan.status).toBe('optimal');
      expect(bf).not.toBeNull();
      const tol = 1e-4 * Math.max(1, Math.abs(bf!));
      expect(Math.abs(plan.objective_usd! - bf!)).toBeLessThanOrEqual(tol);
      const res = highs.solve(text, { output_flag: false, mip_rel_gap: 1e-9 } as never);
      expect(res.Status).toBe('Optimal');
      expect(Math.abs(res.ObjectiveValue - bf!)).toBeLessThanOrEqual(tol);
    }), { numRuns: 20, seed: 7 });
  }, 240_000);
});

describe('when a solve stops for its gap (gapRule)', () => {
  // objective 1,000,000: a gap of 1e-4 is $100
  const at = (gap: number) => [1_000_000, 1_000_000 * (1 - gap)] as const;
  it('within 1e-4 it goes on toward SEARCH_GAP for TIGHTEN_FACTOR times the time it took to get there, then stops; at SEARCH_GAP at once', () => {
    let t = 1_000;
    const spy = vi.spyOn(performance, 'now').mockImplementation(() => t);
    try {
      const rule = gapRule(0);
      const done = rule.met;
      expect(done(...at(2e-4))).toBe(false); // not optimal yet
      expect(rule.until()).toBe(Infinity);
      t = 4_000;
      expect(done(...at(5e-5))).toBe(false); // optimal by DESIGN 5 at 4 s: it goes on
      // and every later stage ends by then
      expect(rule.until()).toBe(4_000 + 4_000 * TIGHTEN_FACTOR);
      t = 4_000 + 4_000 * TIGHTEN_FACTOR - 1;
      expect(done(...at(3e-5))).toBe(false);
      t = 4_000 + 4_000 * TIGHTEN_FACTOR;
      expect(done(...at(3e-5))).toBe(true);
      const fresh = gapRule(0);
      expect(fresh.met(...at(SEARCH_GAP))).toBe(true);
    } finally {
      spy.mockRestore();
    }
  });
  it('measures its gap against the horizon cost (objective less the penalties), and without penalties is the old rule', () => {
    // s65b: $72 B of penalties over a $28.46 M horizon cost; $0.73 M unproven is 1e-5 of the objective, 2.6 % of the horizon cost
    const pen = 72e9, obj = pen + 28.46e6, bnd = pen + 27.73e6;
    let t = 1_000;
    const spy = vi.spyOn(performance, 'now').mockImplementation(() => t);
    try {
      const rule = gapRule(0);
      expect(rule.met(obj, bnd, pen)).toBe(false);
      expect(rule.until()).toBe(Infinity); // no clock started: later stages keep their deadlines
      t = 1e9;
      expect(rule.met(obj, bnd, pen)).toBe(false); // never, however long it has been
      expect(rule.met(obj, pen + 28.46e6 * (1 - 5e-5), pen)).toBe(false); // within 1e-4 of the horizon cost: the clock starts
      expect(rule.until()).toBe(2e9);
      expect(rule.met(obj, pen + 28.46e6 * (1 - 1e-7), pen)).toBe(true); // within SEARCH_GAP of it
      // (here the horizon cost is below SEARCH_SCALE_FLOOR of the objective, $72.03 M: the gap is of that)
      expect(rule.highsGap(obj, pen) * obj).toBeCloseTo(SEARCH_GAP * SEARCH_SCALE_FLOOR * obj, 6);
      // HiGHS' own mip_rel_gap: SEARCH_GAP of the horizon cost, where that is above the floor
      const pen1 = 1e9, obj1 = pen1 + 28.46e6;
      expect(rule.highsGap(obj1, pen1) * obj1).toBeCloseTo(SEARCH_GAP * 28.46e6, 6);
      expect(searchGap(obj1, pen1 + 27.73e6, pen1)).toBeCloseTo(0.73e6 / 28.46e6, 12);
      // a horizon cost of $1,000 beside $70 B of penalties: a bound within 1e-7 of the objective
      // ($5,000) starts the clock; measured against the $1,000 alone it never could
      const tiny = gapRule(0);
      t = 5e9;
      expect(tiny.met(70e9 + 1e3, 70e9 + 1e3 - 5e3, 70e9)).toBe(false);
      expect(tiny.until()).toBe(1e10);
      // without penalties, the old rule: the same figures relative to the objective
      t = 4_000;
      const old = gapRule(0);
      expect(old.met(obj, bnd, 0)).toBe(false); // 1.0e-5: within 1e-4, the clock starts at 4 s
      expect(old.until()).toBe(4_000 + 4_000 * TIGHTEN_FACTOR);
      t = 4_000 + 4_000 * TIGHTEN_FACTOR;
      expect(old.met(obj, bnd)).toBe(true);
      expect(old.highsGap(obj, 0)).toBe(SEARCH_GAP);
      // a caller's target is measured as before, penalties or not
      expect(gapRule(0, 1e-4).met(obj, bnd, pen)).toBe(true);
      expect(gapRule(0, 1e-4).highsGap(obj, pen)).toBe(1e-4);
    } finally {
      spy.mockRestore();
    }
  });
  it('a target the caller sets is the rule alone', () => {
    const rule = gapRule(0, 1e-9);
    const done = rule.met;
    expect(done(...at(5e-5))).toBe(false);
    expect(rule.until()).toBe(Infinity);
    expect(done(...at(SEARCH_GAP))).toBe(false);
    expect(done(1_000_000, 1_000_000)).toBe(true);
  });
});

describe('the direct path of a small model', () => {
  // five growing 70B workloads over 36 months bought every 6, systems that last 20 months (their
  // replacements fall in later plan years), a per-year capex budget that binds and a dear API
  // (bench/independent.ts small-capex): the starts' plan is not the optimum. With more workloads
  // than the search's first sub-MILPs free (`n`), the search runs before the whole MILP
  const capex = (n = 5): PlanInput => makeInput({
    catalog: { models, options: [
      system('hgx', { price_usd: 300_000, support_pct_per_year: 15, lifetime_months: 20, max_power_kw: 10.2, typical_power_kw: 7.5 }, { m70: [{ user_tps: 25, unit_tps: 3200, ttft_ms: 400 }, { user_tps: 50, unit_tps: 2000, ttft_ms: 250 }] }),
      system('mi', { price_usd: 190_000, support_pct_per_year: 15, lifetime_months: 20, max_power_kw: 10.5, typical_power_kw: 7.5 }, { m70: [{ user_tps: 25, unit_tps: 2500, ttft_ms: 450 }, { user_tps: 60, unit_tps: 1200, ttft_ms: 250 }] }),
      api('api70', { usd_per_m_input: 3, usd_per_m_output: 6 }, { m70: [{ user_tps: 60, ttft_ms: 500 }] }),
    ] },
    workloads: Array.from({ length: n }, (_, i) => ({ name: `c${i}`, model: 'm70', avg_output_tps: 1000 + 500 * (i % 5) + 37 * i, peak_to_avg: 1.5, monthly_growth_pct: 3, max_latency_ms: 8000 })),
    sites: [{ name: 'room', it_power_kw: 300, racks: 10, rack_kw: 15, pue: 1.5, usd_per_kwh: 0.12, usd_per_rack_month: 800 }],
    settings: { horizon_months: 36, purchase_interval_months: 6, hardware_price_change_pct_per_year: 5, capex_budget_usd: 1_000_000 },
  });
  const counted = (input: PlanInput, h: Highs = highs): PlanResult => {
    const real = performance.now;
    let t = 1e6;
    performance.now = () => (t += 0.5);
    try {
      return solvePlanV2(h, input, { timeLimitS: 2, explain: false, seed: 1 });
    } finally {
      performance.now = real;
    }
  };
  it('searches before the whole MILP only where the search\'s first sub-MILPs leave some workloads fixed', () => {
    const small = buildModelV2(capex(FIRST_FREED_MIN));
    const larger = buildModelV2(capex(FIRST_FREED_MIN + 4));
    expect(directSearchMs(small, 2000)).toBe(0);
    expect(directSearchMs(larger, 2000)).toBe(DIRECT_SEARCH_MAX_MS);
    expect(directSearchMs(larger, 1000)).toBeLessThan(DIRECT_SEARCH_MAX_MS);
    expect(wholeMipCuts(small)).toBe(false);
    expect(wholeMipCuts(larger)).toBe(true);
  });
  it('five workloads: the whole MILP, without the valid cuts, starts from the starts\' plan at once (the search\'s sub-MILP would be the whole model; clock counted in reads)', () => {
    const s = counted(capex()).stats!;
    expect(s.lp_ms).toBeUndefined();
    expect(s.improve_usd).toBeUndefined();
    expect(s.mip_usd).toBeLessThan(s.greedy_usd!);
    expect(s.mip_rows).toBe(s.base_rows);
    // with more workloads the cuts join
    expect(counted(capex(FIRST_FREED_MIN + 4)).stats!.mip_rows).toBeGreaterThan(s.base_rows!);
  });
  it('runs the improvement search from the starts\' plan before the whole MILP, which starts from its plan (clock counted in reads)', () => {
    const input = capex(FIRST_FREED_MIN + 4);
    expect(buildModelV2(input).numCols).toBeLessThan(STAGED_MIN_COLS);
    const real = performance.now;
    let t = 1e6;
    performance.now = () => (t += 0.5);
    let r: PlanResult;
    try {
      r = solvePlanV2(highs, input, { timeLimitS: 2, explain: false, seed: 1 });
    } finally {
      performance.now = real;
    }
    const s = r.stats!;
    expect(s.lp_ms).toBeUndefined();
    expect(s.direct_search_ms).toBeGreaterThan(s.greedy_ms!);
    expect(s.improve_usd).toBeLessThan(s.greedy_usd!);
    expect(s.mip_ms).toBeGreaterThanOrEqual(s.direct_search_ms!);
    expect(r.objective_usd).toBeLessThanOrEqual(s.improve_usd! + 1e-6);
  });
  it('goes on with the search from the whole MILP\'s plan when HiGHS stops with time left (clock counted in reads)', () => {
    const input = capex(FIRST_FREED_MIN + 4);
    // a HiGHS told a tenth of the time it is handed: it stops early, as runHighs stops it before a long
    // stretch without a callback, and leaves the rest of the limit
    const bind = <T extends object>(o: T, p: string | symbol): unknown => { const v: unknown = Reflect.get(o, p); return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(o) : v; };
    const halved = new Proxy(highs, {
      get(target, prop) {
        if (prop !== 'createModel') return bind(target, prop);
        return (data: Parameters<Highs['createModel']>[0]) => {
          const model = target.createModel(data);
          const options = new Proxy(model.options, {
            get(o, p) {
              if (p !== 'set') return bind(o, p);
              return (v: Record<string, unknown>) => o.set((typeof v.time_limit === 'number' ? { ...v, time_limit: v.time_limit / 10 } : v) as never);
            },
          });
          return new Proxy(model, { get: (mm, p) => (p === 'options' ? options : bind(mm, p)) });
        };
      },
    });
    const real = performance.now;
    let t = 1e6;
    performance.now = () => (t += 0.5);
    let r: PlanResult;
    try {
      r = solvePlanV2(halved, input, { timeLimitS: 2, explain: false, seed: 1 });
    } finally {
      performance.now = real;
    }
    const s = r.stats!;
    expect(s.lp_ms).toBeUndefined();
    expect(r.status).not.toBe('optimal');
    expect(s.mip_ms).toBeGreaterThan(s.direct_search_ms!);
    // the search after it, to the limit, and the plan no dearer than HiGHS'
    expect(s.improve_last_ms).toBeGreaterThan(s.mip_ms!);
    expect(s.improve_last_ms).toBeGreaterThan(1_500);
    expect(r.objective_usd).toBeLessThanOrEqual((s.mip_usd ?? s.improve_usd!) + 1e-6);
  });
});

describe('which path a solve takes (auto)', () => {
  // n workloads on one API (a column each): few columns however many workloads
  const many = (n: number): PlanInput => makeInput({
    catalog: { models, options: [api('a8', {}, { m8: [{ user_tps: 50, ttft_ms: 300 }] })] },
    workloads: Array.from({ length: n }, (_, i) => ({ name: `w${i}`, model: 'm8', avg_output_tps: 10 + (i % 7) })),
  });
  it('staged from STAGED_MIN_PAIRS (workload, period) pairs even below STAGED_MIN_COLS columns; direct below both', () => {
    for (const [n, staged] of [[STAGED_MIN_PAIRS, true], [STAGED_MIN_PAIRS - 1, false]] as const) {
      const input = many(n);
      expect(buildModelV2(input).numCols).toBeLessThan(STAGED_MIN_COLS);
      const plan = solvePlanV2(highs, input, { timeLimitS: 30, explain: false });
      expect(plan.status).toBe('optimal');
      // the staged path's LP stage leaves its mark in the stats; the direct path has none
      expect(plan.stats?.lp_ms != null).toBe(staged);
    }
  });
  // n workloads on four APIs bought every `interval` months: four columns a (workload, period) pair
  const apis = (n: number, interval: number): PlanInput => makeInput({
    catalog: { models, options: [1, 2, 3, 4].map((j) => api(`a${j}`, { usd_per_m_output: j }, { m8: [{ user_tps: 50, ttft_ms: 300 }] })) },
    workloads: Array.from({ length: n }, (_, i) => ({ name: `w${i}`, model: 'm8', avg_output_tps: 10 + (i % 7) })),
    settings: { horizon_months: 36, purchase_interval_months: interval },
  });
  it('several periods: staged from STAGED_MIN_COLS_PERIODS columns, below STAGED_MIN_COLS and STAGED_MIN_PAIRS', () => {
    const m = buildModelV2(apis(200, 9));
    expect(m.periods.length).toBe(4);
    expect(m.numCols).toBeGreaterThanOrEqual(STAGED_MIN_COLS_PERIODS);
    expect(m.numCols).toBeLessThan(STAGED_MIN_COLS);
    expect(m.sized.length * m.periods.length).toBeLessThan(STAGED_MIN_PAIRS);
    const plan = solvePlanV2(highs, apis(200, 9), { timeLimitS: 30, explain: false });
    expect(plan.status).toBe('optimal');
    expect(plan.stats?.lp_ms).toBeDefined();
    // fewer columns: direct
    const fewer = apis(150, 9);
    expect(buildModelV2(fewer).numCols).toBeLessThan(STAGED_MIN_COLS_PERIODS);
    expect(solvePlanV2(highs, fewer, { timeLimitS: 30, explain: false }).stats?.lp_ms).toBeUndefined();
  });
  it('a single purchase keeps STAGED_MIN_COLS (the staged bound of a short limit is the LP\'s)', () => {
    const at = (numCols: number, periods: number) => stagedApplies({ numCols, sized: new Array(10), periods: new Array(periods) });
    expect(at(STAGED_MIN_COLS_PERIODS, 1)).toBe(false);
    expect(at(STAGED_MIN_COLS - 1, 1)).toBe(false);
    expect(at(STAGED_MIN_COLS, 1)).toBe(true);
    expect(at(STAGED_MIN_COLS_PERIODS - 1, 2)).toBe(false);
    expect(at(STAGED_MIN_COLS_PERIODS, 2)).toBe(true);
  });
});
