import fc from 'fast-check';
import loadHighs, { type Highs } from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PlanInput, PlanResult, Site, Workload, CatalogOption } from '../types.ts';
import { checkPlan, designDemand, independentCandidates, independentCost, rackRule } from './check-plan.test-helper.ts';
import { api, cloud, edge, makeInput, models, system } from './fixtures.test-helper.ts';
import { defaultCatalog, demoPlanInput } from '../catalog/index.ts';
import { exactLpV2 } from './v2/lp.ts';
import { solvePlanV2 as solvePlan } from './v2/solve.ts';

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

function solveChecked(input: PlanInput, opts: Parameters<typeof solvePlan>[2] = {}): PlanResult {
  const r = solvePlan(highs, input, { timeLimitS: 30, ...opts });
  expect(checkPlan(input, r)).toEqual([]);
  return r;
}

const h100 = (f: Record<string, unknown> = {}) =>
  system('h100', f, { m70: [{ user_tps: 30, unit_tps: 3000, ttft_ms: 300 }, { user_tps: 80, unit_tps: 1200, ttft_ms: 200 }] });
const b200 = (f: Record<string, unknown> = {}) =>
  system('b200', { price_usd: 500_000, max_power_kw: 14.3, rack_units: 10, ...f }, { m70: [{ user_tps: 40, unit_tps: 9000, ttft_ms: 300 }] });
const cs3 = (f: Record<string, unknown> = {}) =>
  system('cs3', { tier: 'premium', price_usd: 2_500_000, max_power_kw: 23, typical_power_kw: 20, rack_units: 15, cooling: 'liquid', ...f },
    { m70: [{ user_tps: 2000, unit_tps: 20000, ttft_ms: 100 }], m405: [{ user_tps: 900, unit_tps: 9000, ttft_ms: 200 }] });
const api70 = api('api70', {}, { m70: [{ user_tps: 60, ttft_ms: 400 }] });
const site = (f: Record<string, unknown> = {}) => ({ name: 'dc1', it_power_kw: 200, racks: 10, ...f });

function base(extra: { workloads?: Workload[] | Record<string, unknown>[]; settings?: Record<string, unknown>; sites?: Record<string, unknown>[]; options?: unknown[] } = {}) {
  return makeInput({
    catalog: { models, options: extra.options ?? [h100(), b200(), api70, cloud('c1', { usd_per_hour: 20 }, { m70: [{ user_tps: 50, unit_tps: 2500, ttft_ms: 300 }] })] },
    workloads: (extra.workloads as never) ?? [
      { name: 'chat', model: 'm70', avg_output_tps: 5000 },
      { name: 'rag', model: 'm70', avg_output_tps: 800, max_latency_ms: 4000 },
      { name: 'small', model: 'm70', avg_output_tps: 30 },
    ],
    sites: (extra.sites as never) ?? [site()],
    settings: extra.settings ?? {},
  });
}

// The one optimizer (core/optimizer/v2) on single-purchase scenarios (purchase interval = horizon):
// plans checked by an independent checker, LP files, explanations, brute force.
describe('optimizer: model, solve, LP file', () => {
  it('solves a small scenario to optimality with a valid plan whose objective is its horizon cost', () => {
    const r = solveChecked(base());
    expect(r.status).toBe('optimal');
    expect(r.objective_usd).toBeCloseTo(r.totals.horizon_cost_usd, 6);
    expect(r.assignments).toHaveLength(3);
  });

  it('HiGHS reading the LP text reaches the same optimum as the structured model', () => {
    for (const settings of [{}, { capex_budget_usd: 1_000_000, discount_rate_pct: 7 }, { unserved_penalty_usd_per_month: 5000 }]) {
      const input = base({ settings, workloads: [
        { name: 'chat', model: 'm70', avg_output_tps: 5000, monthly_growth_pct: 3 },
        { name: 'rag', model: 'm70', avg_output_tps: 800, max_latency_ms: 4000 },
        { name: 'small', model: 'm70', avg_output_tps: 30, placement: 'onprem' },
      ] });
      const structured = solveChecked(input);
      const lp = exactLpV2(input, 'test').text;
      expect(lp).toMatch(/^Minimize$/m);
      expect(lp.split('\n').every((l) => l.length < 255)).toBe(true);
      const res = highs.solve(lp, { output_flag: false, mip_rel_gap: 1e-9 } as never);
      expect(res.Status).toBe('Optimal');
      expect(res.ObjectiveValue).toBeCloseTo(structured.objective_usd!, 2);
    }
  });

  it('export LP: the plain DESIGN 5 MILP (site limits as rows, no bounds from them) re-solves to the same optimum', () => {
    const demo = demoPlanInput(defaultCatalog());
    const instances: [string, PlanInput][] = [
      ['demo', demo],
      ['demo, tight sites, penalty', { ...demo, sites: demo.sites.map((s) => ({ ...s, it_power_kw: s.it_power_kw / 3, racks: Math.max(1, Math.floor(s.racks / 2)) })),
        settings: { ...demo.settings, unserved_penalty_usd_per_month: 20_000, discount_rate_pct: 5 } }],
      ['small, two sites, capex', base({ settings: { capex_budget_usd: 2_000_000 }, sites: [site({ it_power_kw: 40, racks: 2 }), site({ name: 'dc2', it_power_kw: 300, racks: 3, usd_per_rack_month: 1000 })],
        workloads: [{ name: 'chat', model: 'm70', avg_output_tps: 5000 }, { name: 'rag', model: 'm70', avg_output_tps: 800, max_latency_ms: 4000 }, { name: 'op', model: 'm70', avg_output_tps: 1500, placement: 'onprem' }] })],
    ];
    for (const [label, input] of instances) {
      const r = solvePlan(highs, input, { timeLimitS: 60, relGap: 1e-9 });
      expect(r.status, label).toBe('optimal');
      const { text } = exactLpV2(input, label);
      // the plain model: no cut, and the site limits are rows for every site that can hold a system
      expect(text, label).not.toMatch(/^ cut_/m);
      expect(text, label).toMatch(/^ power_0_0:[^:]*<= \d/m);
      expect(text, label).toMatch(/^\\ Scenario: /m);
      expect(text.split('\n').every((l) => l.length < 255)).toBe(true);
      const res = highs.solve(text, { output_flag: false, mip_rel_gap: 1e-10, mip_abs_gap: 1e-9 } as never);
      expect(res.Status, label).toBe('Optimal');
      expect(Math.abs(res.ObjectiveValue - r.objective_usd!), label).toBeLessThanOrEqual(1e-6 * r.objective_usd!);
    }
  });

  it('an empty scenario (no workloads, with or without sites) is optimal at cost 0', () => {
    for (const sites of [[], [site()]]) {
      const r = solveChecked(base({ workloads: [], sites }));
      expect(r.status).toBe('optimal');
      expect(r.objective_usd).toBe(0);
      expect(r.assignments).toEqual([]);
      expect(r.pools).toEqual([]);
    }
  });

  it('latency limits select the operating point and drop options that cannot meet them', () => {
    const input = base({
      options: [h100(), cs3(), api70],
      sites: [site({ liquid_cooling: true, rack_kw: 30 })],
      workloads: [
        // 100 + 1000·250/2000 = 225 ms fits cs3 only
        { name: 'fast', model: 'm70', avg_output_tps: 2000, max_latency_ms: 300 },
        // h100 at 80 tok/s: 200 + 1000·250/80 = 3325 ms fits; at 30 tok/s 8633 ms does not
        { name: 'mid', model: 'm70', avg_output_tps: 100, max_latency_ms: 4000, placement: 'onprem', tiers: ['commodity'] },
      ],
    });
    const r = solveChecked(input);
    const fast = r.assignments.find((a) => a.workload === 'fast')!;
    expect(fast.option).toBe('cs3');
    const mid = r.assignments.find((a) => a.workload === 'mid')!;
    expect([mid.option, mid.user_tps, mid.unit_tps]).toEqual(['h100', 80, 1200]);
  });
});

describe('optimizer: infeasibility explanations', () => {
  it('names the latency limit nothing meets', () => {
    const input = base({ workloads: [{ name: 'code-assist', model: 'm70', avg_output_tps: 100, max_latency_ms: 150, response_tokens: 250 }] });
    const r = solveChecked(input);
    expect(r.status).toBe('infeasible');
    expect(r.reasons!.join('\n')).toContain('code-assist: no option meets 150 ms for 250 tokens');
  });

  it('onprem without liquid cooling: says which system needs it and that nothing else serves the model', () => {
    const input = base({ options: [cs3(), api('api405', {}, { m405: [{ user_tps: 50, ttft_ms: 500 }] }), h100()],
      workloads: [{ name: 'big', model: 'm405', avg_output_tps: 500, placement: 'onprem' }] });
    const r = solveChecked(input);
    expect(r.status).toBe('infeasible');
    const text = r.reasons!.join('\n');
    expect(text).toContain('placement onprem excludes api405');
    expect(text).toContain('no site has liquid cooling for cs3');
    expect(text).toContain('m405');
  });

  it('finds site power as the limit that makes the plan infeasible', () => {
    const input = base({ options: [h100()], sites: [site({ it_power_kw: 25, racks: 10 })],
      workloads: [{ name: 'a', model: 'm70', avg_output_tps: 1000 }, { name: 'b', model: 'm70', avg_output_tps: 1000 }] });
    // each needs 1 unit (1500 tok/s peak at 3000 per unit: 0.5) — together 1 unit: feasible; make it 3 units
    input.workloads[0]!.avg_output_tps = 3000; // 4500 → 1.5 units
    input.workloads[1]!.avg_output_tps = 3000;
    const r = solveChecked(input);
    expect(r.status).toBe('infeasible');
    expect(r.reasons!.join('\n')).toMatch(/site power makes the scenario infeasible: lifting it admits a plan, which uses 30 kW of IT power at dc1, 5 kW over its limit of 25 kW/);
  });

  it('site power and site racks, each blocking a plan alone: the relaxed re-solve of each is infeasible on its own, the pair is named, the same at any limit', () => {
    // 3 GPU boxes of 10 kW, one to a 15 kW rack: 25 kW and 2 racks hold two of them; lifting either limit alone leaves the other at two
    const input = base({ options: [h100()], sites: [site({ it_power_kw: 25, racks: 2 })],
      workloads: [{ name: 'a', model: 'm70', avg_output_tps: 3000 }, { name: 'b', model: 'm70', avg_output_tps: 3000 }] });
    for (const timeLimitS of [8, 30]) {
      const r = solveChecked(input, { timeLimitS });
      expect(r.status).toBe('infeasible');
      expect(r.reasons).toEqual(['site power and site racks make the scenario infeasible: lifting them admits a plan, which uses ' +
        '30 kW of IT power at dc1, 5 kW over its limit of 25 kW; 3 racks at dc1, 1 over its limit of 2']);
    }
  });

  it('finds the capex budget as the limit', () => {
    const input = base({ options: [h100()], settings: { capex_budget_usd: 300_000 },
      workloads: [{ name: 'a', model: 'm70', avg_output_tps: 1500 }, { name: 'b', model: 'm70', avg_output_tps: 1500 }] });
    const r = solveChecked(input);
    expect(r.status).toBe('infeasible');
    expect(r.reasons!.join('\n')).toMatch(/the capex budget makes the scenario infeasible.*a capex budget of \$400,000 per plan year would work \(the budget is \$300,000; plan year 1 would buy \$400,000 of hardware\)/);
  });

  it('with a penalty, unserved workloads are listed with their reason', () => {
    const input = base({ settings: { unserved_penalty_usd_per_month: 100 },
      workloads: [
        { name: 'chat', model: 'm70', avg_output_tps: 5000 },
        { name: 'nobody', model: 'm405', avg_output_tps: 10 },
        { name: 'tight', model: 'm70', avg_output_tps: 100, max_latency_ms: 100 },
      ] });
    const r = solveChecked(input);
    expect(r.status).toBe('optimal');
    const reasons = Object.fromEntries(r.unserved.map((u) => [u.workload, u.reason]));
    expect(reasons.nobody).toContain('no option in the catalog serves m405');
    expect(reasons.tight).toContain('no option meets 100 ms');
    // listed by workload already: the reason does not repeat the name
    for (const u of r.unserved) expect(u.reason.startsWith(u.workload)).toBe(false);
    expect(reasons.chat).toBe('within the site and budget limits, serving it costs more than its unserved penalty');
    expect(r.objective_usd).toBeCloseTo(r.totals.horizon_cost_usd + 3 * 100 * 12, 6);
  });
});

describe('optimizer: Mélange (heterogeneous GPUs across request sizes)', () => {
  // A10G $1.01/h and A100 $3.67/h as systems whose only cost is the hourly rate (energy at
  // typical_power_kw = $/h, PUE 1, $1/kWh). Four request-size buckets, 30 req/s in total:
  // 14 req/s × 50 tokens, 8 × 100, 4.5 × 200, 3.5 × 1000 output tokens.
  const a10g = system('a10g', { price_usd: 0, support_pct_per_year: 0, typical_power_kw: 1.01, max_power_kw: 0, rack_units: 1 },
    { m: [{ user_tps: 50, unit_tps: 1000, ttft_ms: 100 }] });
  const a100 = system('a100', { price_usd: 0, support_pct_per_year: 0, typical_power_kw: 3.67, max_power_kw: 0, rack_units: 1 },
    { m: [{ user_tps: 100, unit_tps: 3600, ttft_ms: 100 }, { user_tps: 40, unit_tps: 4000, ttft_ms: 200 }] });
  const buckets = [
    { name: 'b50', model: 'm', avg_output_tps: 14 * 50, peak_to_avg: 1, response_tokens: 50, max_latency_ms: 5000 },
    { name: 'b100', model: 'm', avg_output_tps: 8 * 100, peak_to_avg: 1, response_tokens: 100, max_latency_ms: 5000 },
    { name: 'b200', model: 'm', avg_output_tps: 4.5 * 200, peak_to_avg: 1, response_tokens: 200, max_latency_ms: 5000 },
    { name: 'b1000', model: 'm', avg_output_tps: 3.5 * 1000, peak_to_avg: 1, response_tokens: 1000, max_latency_ms: 15000 },
  ];
  const mk = (options: unknown[]) => makeInput({
    catalog: { models: [{ id: 'm', params_b: 70, active_params_b: 70 }], options },
    workloads: buckets,
    sites: [{ name: 'cloud-region', it_power_kw: 1000, racks: 10, pue: 1, usd_per_kwh: 1 }],
    settings: { horizon_months: 12, residual_value: false },
  });
  const perHour = (r: PlanResult) => r.totals.horizon_cost_usd / (730 * 12);

  it('mixes 3 × A10G and 1 × A100 for $6.70/h, below $7.34/h for A100 alone', () => {
    const mixed = solveChecked(mk([a10g, a100]));
    expect(mixed.status).toBe('optimal');
    expect(Object.fromEntries(mixed.pools.map((p) => [p.option, p.units]))).toEqual({ a10g: 3, a100: 1 });
    expect(perHour(mixed)).toBeCloseTo(6.7, 9);
    expect(mixed.assignments.find((a) => a.workload === 'b1000')!.option).toBe('a100');
    const only = solveChecked(mk([a100]));
    expect(only.pools).toEqual([{ period: 0, site: 'cloud-region', option: 'a100', model: 'm', units: 2 }]);
    expect(perHour(only)).toBeCloseTo(7.34, 9);
    // latency picked different A100 points for different buckets
    const pts = new Set(only.assignments.map((a) => a.user_tps));
    expect(pts).toEqual(new Set([40, 100]));
  });
});

describe('optimizer: brute force agrees with the MILP on tiny instances', () => {
  function bruteForce(input: PlanInput): number | null {
    const H = input.settings.horizon_months;
    const pen = input.settings.unserved_penalty_usd_per_month;
    const choices = input.workloads.map((w) => [...independentCandidates(input, w), ...(pen != null ? [null] : [])]);
    let best: number | null = null;
    const pick: (ReturnType<typeof independentCandidates>[number] | null)[] = [];
    const rec = (i: number) => {
      if (i === input.workloads.length) {
        const load = new Map<string, { site: Site; option: CatalogOption; load: number }>();
        const served = [];
        let unserved = 0;
        for (let k = 0; k < pick.length; k++) {
          const c = pick[k];
          const w = input.workloads[k]!;
          if (!c) { unserved++; continue; }
          served.push({ w, option: c.option, site: c.site, point: c.point, model: w.model });
          if (c.option.kind === 'system') {
            const key = `${c.site!.name}|${c.option.id}|${w.model}`;
            const e = load.get(key) ?? { site: c.site!, option: c.option, load: 0 };
            e.load += designDemand(w, H) / (input.settings.max_utilization * c.point.unit_tps!);
            load.set(key, e);
          }
        }
        const pools = [...load.values()].map((e) => ({ site: e.site, option: e.option, units: Math.ceil(e.load - 1e-9) }));
        const racks = new Map<string, number>();
        const power = new Map<string, number>();
        const perGroup = new Map<string, { site: Site; option: CatalogOption; units: number }>();
        for (const p of pools) {
          const g = perGroup.get(`${p.site.name}|${p.option.id}`) ?? { site: p.site, option: p.option, units: 0 };
          g.units += p.units;
          perGroup.set(`${p.site.name}|${p.option.id}`, g);
          if (p.option.kind === 'system') power.set(p.site.name, (power.get(p.site.name) ?? 0) + p.units * p.option.max_power_kw);
        }
        for (const g of perGroup.values()) {
          if (g.option.kind !== 'system') continue;
          const rule = rackRule(g.site, g.option.rack_units, g.option.max_power_kw, g.option.racks_per_unit)!;
          const n = 'k' in rule ? Math.ceil(g.units / rule.k) : g.units * rule.t;
          racks.set(g.site.name, (racks.get(g.site.name) ?? 0) + n);
        }
        for (const s of input.sites) {
          if ((power.get(s.name) ?? 0) > s.it_power_kw + 1e-9) return;
          if ((racks.get(s.name) ?? 0) > s.racks) return;
        }
        const { horizon, capex } = independentCost(input, served, pools, racks);
        if (input.settings.capex_budget_usd != null && capex > input.settings.capex_budget_usd + 1e-6) return;
        if (input.settings.total_budget_usd != null && horizon > input.settings.total_budget_usd + 1e-6) return;
        const obj = horizon + unserved * (pen ?? 0) * H;
        if (best == null || obj < best) best = obj;
        return;
      }
      for (const c of choices[i]!) { pick[i] = c; rec(i + 1); }
    };
    rec(0);
    return best;
  }

  it('random tiny instances', () => {
    const wl = fc.record({
      model: fc.constantFrom('m70', 'm8'),
      avg: fc.integer({ min: 10, max: 6000 }),
      lat: fc.option(fc.constantFrom(3000, 5000, 10000), { nil: null }),
      placement: fc.constantFrom('any', 'onprem', 'cloud', 'edge'),
      growth: fc.constantFrom(0, 2),
      endpoints: fc.constantFrom(0, 50),
    });
    fc.assert(
      fc.property(
        fc.array(wl, { minLength: 1, maxLength: 4 }),
        fc.record({
          power: fc.integer({ min: 10, max: 80 }),
          racks: fc.integer({ min: 1, max: 4 }),
          power2: fc.integer({ min: 0, max: 60 }),
          capex: fc.option(fc.integer({ min: 200_000, max: 2_000_000 }), { nil: null }),
          budget: fc.option(fc.integer({ min: 200_000, max: 3_000_000 }), { nil: null }),
          penalty: fc.option(fc.integer({ min: 1_000, max: 60_000 }), { nil: null }),
          rackCost: fc.constantFrom(0, 1500),
          rate: fc.constantFrom(0, 8),
        }),
        (ws, s) => {
          const input = makeInput({
            catalog: {
              models,
              options: [
                system('h100', {}, { m70: [{ user_tps: 30, unit_tps: 3000, ttft_ms: 300 }, { user_tps: 80, unit_tps: 1200, ttft_ms: 200 }], m8: [{ user_tps: 100, unit_tps: 12000, ttft_ms: 100 }] }),
                system('big', { rack_units: 50, max_power_kw: 20, price_usd: 900_000 }, { m70: [{ user_tps: 60, unit_tps: 15000, ttft_ms: 200 }] }),
                api('api70', { usd_per_m_output: 0.9, usd_per_m_input: 0.3 }, { m70: [{ user_tps: 60, ttft_ms: 400 }], m8: [{ user_tps: 200, ttft_ms: 100 }] }),
                cloud('c8', { usd_per_hour: 12 }, { m8: [{ user_tps: 100, unit_tps: 10000, ttft_ms: 150 }] }),
                edge('jet', {}, { m8: [{ user_tps: 20, unit_tps: 30, ttft_ms: 200 }] }),
              ],
            },
            workloads: ws.map((w, i) => ({
              name: `w${i}`, model: w.model, avg_output_tps: w.avg, max_latency_ms: w.lat, placement: w.placement as never,
              monthly_growth_pct: w.growth, endpoints: w.endpoints,
            })),
            sites: [
              { name: 's1', it_power_kw: s.power, racks: s.racks, usd_per_rack_month: s.rackCost },
              { name: 's2', it_power_kw: s.power2, racks: 2, rack_units: 42, rack_kw: 25, pue: 1.2, usd_per_kwh: 0.2 },
            ],
            settings: {
              capex_budget_usd: s.capex, total_budget_usd: s.budget, unserved_penalty_usd_per_month: s.penalty,
              discount_rate_pct: s.rate, horizon_months: 24,
            },
          });
          const bf = bruteForce(input);
          const r = solvePlan(highs, input, { timeLimitS: 20, explain: false });
          expect(checkPlan(input, r)).toEqual([]);
          if (bf == null) expect(r.status).toBe('infeasible');
          else {
            expect(r.status).toBe('optimal');
            expect(Math.abs(r.objective_usd! - bf)).toBeLessThanOrEqual(1e-4 * Math.max(1, bf) + 1e-6);
          }
        },
      ),
      { numRuns: 40, seed: 20261122 },
    );
  });
});

describe('optimizer: stopping', () => {
  it('a cancel before the search returns the starting plan with status time_limit', () => {
    const input = base();
    const flag = new Int32Array(new SharedArrayBuffer(4));
    Atomics.store(flag, 0, 1);
    const r = solveChecked(input, { cancelFlag: flag });
    expect(r.status).toBe('time_limit');
    expect(r.assignments.length).toBe(3);
  });
});
