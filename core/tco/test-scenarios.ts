// Generated small scenarios for property tests (TCO engine here, the optimizer's solves too;
// the fast-check arbitrary over them is scenarioArb in test-scenarios.test-helper.ts):
// a seeded PlanInput where every workload has a candidate (a universal token API), a random
// feasible plan over its candidates, and the objective as the sum of the cost.ts coefficients
// the optimizer uses — PV per candidate, per pool unit and per rack.
import { rngFrom, type Rng } from '../rng.ts';
import {
  apiLines,
  cloudInstanceMonthCost,
  discountFactors,
  edgeLines,
  linesPresentValue,
  rackSpaceLines,
  systemUnitLines,
} from '../cost.ts';
import { assignmentOf, candidatesFor, designTps, rackFit } from '../sizing.ts';
import {
  CatalogSchema,
  SettingsSchema,
  SiteSchema,
  WorkloadSchema,
  type Assignment,
  type CatalogOption,
  type PlanInput,
  type PlanResult,
  type Pool,
} from '../types.ts';
import { planFromAssignments } from './plan-builder.ts';
import { layoutRacks, racksForUnits } from './racks.ts';

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
const between = (rng: Rng, lo: number, hi: number): number => lo + rng() * (hi - lo);
const intBetween = (rng: Rng, lo: number, hi: number): number => Math.floor(between(rng, lo, hi + 1));
const round = (x: number, d = 2): number => Math.round(x * 10 ** d) / 10 ** d;

export type ScenarioOptions = { maxWorkloads?: number; maxSites?: number; horizon?: number };

/** A valid PlanInput from a seed; sites are large enough that any assignment is feasible. */
export function makeInput(seed: number, opts: ScenarioOptions = {}): PlanInput {
  const rng = rngFrom(seed);
  const models = Array.from({ length: intBetween(rng, 1, 3) }, (_, i) => ({ id: `m${i}`, params_b: 8 * (i + 1), active_params_b: 8 * (i + 1) }));
  const perf = (withUnit: boolean) =>
    models
      .filter(() => rng() < 0.75)
      .map((m) => ({
        model: m.id,
        points: Array.from({ length: intBetween(rng, 1, 3) }, () => ({
          user_tps: round(between(rng, 10, 2000)),
          unit_tps: withUnit ? round(between(rng, 100, 20000)) : null,
          ttft_ms: round(between(rng, 20, 1500)),
        })),
      }));
  const base = (id: string, tier: string) => ({ id, name: id, vendor: 'gen', tier, source: 'generated', as_of: '2026-01' });
  const options: unknown[] = [];
  // the universal API: every model, one fast point — every workload has a candidate
  options.push({
    ...base('api0', 'commodity'),
    kind: 'cloud_api',
    usd_per_m_input: round(between(rng, 0.05, 2)),
    usd_per_m_output: round(between(rng, 0.2, 8)),
    performance: models.map((m) => ({ model: m.id, points: [{ user_tps: 2000, ttft_ms: 10, unit_tps: null }] })),
  });
  for (let i = 0, n = intBetween(rng, 0, 1); i < n; i++) {
    options.push({ ...base(`api${i + 1}`, pick(rng, ['premium', 'commodity'])), kind: 'cloud_api', usd_per_m_input: round(between(rng, 0.05, 3)), usd_per_m_output: round(between(rng, 0.2, 12)), performance: perf(false) });
  }
  for (let i = 0, n = intBetween(rng, 1, 3); i < n; i++) {
    const maxKw = round(between(rng, 0, 14));
    const tall = rng() < 0.15;
    options.push({
      ...base(`sys${i}`, pick(rng, ['premium', 'commodity'])),
      kind: 'system',
      rack_units: tall ? pick(rng, [50, 60, 90]) : pick(rng, [1, 2, 4, 8, 10]),
      max_power_kw: tall ? round(between(rng, 10, 60)) : maxKw,
      typical_power_kw: round(between(rng, 0, tall ? 50 : maxKw)),
      cooling: pick(rng, ['air', 'air', 'liquid']),
      price_usd: round(between(rng, 5000, 400000), 0),
      support_pct_per_year: round(between(rng, 0, 20)),
      lifetime_months: pick(rng, [6, 12, 13.5, 18, 24, 36, 48, 60]),
      performance: perf(true),
    });
  }
  for (let i = 0, n = intBetween(rng, 0, 2); i < n; i++) {
    options.push({ ...base(`ci${i}`, 'commodity'), kind: 'cloud_instance', usd_per_hour: round(between(rng, 1, 100)), performance: perf(true) });
  }
  for (let i = 0, n = intBetween(rng, 0, 2); i < n; i++) {
    const via = rng() < 0.5;
    options.push({
      ...base(`edge${i}`, 'edge'),
      kind: 'edge_device',
      price_usd: round(between(rng, 20, 3000)),
      typical_power_kw: round(between(rng, 0.002, 0.3), 3),
      lifetime_months: pick(rng, [12, 18, 24, 36, 48]),
      inference_via: via ? 'api0' : null,
      performance: via ? [] : perf(true),
    });
  }
  const catalog = CatalogSchema.parse({ models, options });
  const sites = Array.from({ length: intBetween(rng, 1, opts.maxSites ?? 3) }, (_, i) =>
    SiteSchema.parse({
      name: `site${i}`,
      it_power_kw: 1e7,
      racks: 1e6,
      rack_units: pick(rng, [42, 48]),
      rack_kw: round(between(rng, 10, 40)),
      liquid_cooling: rng() < 0.5,
      pue: round(between(rng, 1, 2)),
      usd_per_kwh: round(between(rng, 0.03, 0.3), 3),
      usd_per_rack_month: rng() < 0.3 ? 0 : round(between(rng, 100, 2500), 0),
    }),
  );
  const workloads = Array.from({ length: intBetween(rng, 1, opts.maxWorkloads ?? 8) }, (_, i) =>
    WorkloadSchema.parse({
      name: `w${i}`,
      model: pick(rng, models).id,
      avg_output_tps: round(between(rng, 1, 5000)),
      peak_to_avg: round(between(rng, 1, 3)),
      input_per_output: round(between(rng, 0, 5)),
      response_tokens: intBetween(rng, 50, 500),
      max_latency_ms: rng() < 0.4 ? null : round(between(rng, 1000, 30000), 0),
      monthly_growth_pct: rng() < 0.3 ? 0 : round(between(rng, -3, 8)),
      placement: pick(rng, ['any', 'any', 'onprem', 'cloud', 'edge']),
      tiers: pick(rng, [['premium', 'commodity', 'edge'], ['commodity'], ['premium', 'commodity'], ['edge', 'commodity']]),
      endpoints: rng() < 0.4 ? intBetween(rng, 1, 500) : 0,
    }),
  );
  const horizon = opts.horizon ?? intBetween(rng, 12, 36);
  // single-purchase scenarios (the phased engine has its own random scenarios in core/optimizer/v2)
  const settings = SettingsSchema.parse({
    horizon_months: horizon,
    purchase_interval_months: horizon,
    start_month: '2026-01',
    max_utilization: round(between(rng, 0.5, 1)),
    discount_rate_pct: rng() < 0.3 ? 0 : round(between(rng, 0, 12)),
    residual_value: rng() < 0.6,
    edge_usd_per_kwh: round(between(rng, 0.05, 0.4), 3),
  });
  const input: PlanInput = { catalog, workloads, sites, settings };
  // a workload without candidates falls back to the universal API
  const cands = candidatesFor(input);
  cands.forEach((c, i) => {
    if (c.candidates.length === 0) {
      const w = workloads[i]!;
      workloads[i] = { ...w, placement: 'any', tiers: ['premium', 'commodity', 'edge'], max_latency_ms: null };
    }
  });
  return input;
}

/** Assigns each workload to a random candidate; pools sized ⌈Σ c_w⌉ (+1 spare at random); racks laid out. */
export function randomFeasiblePlan(input: PlanInput, seed: number): PlanResult {
  const rng = rngFrom(seed ^ 0x5bd1e995);
  const H = input.settings.horizon_months;
  const u = input.settings.max_utilization;
  const assignments: Assignment[] = [];
  const need = new Map<string, { site: string; option: string; model: string; c: number }>();
  for (const { workload: w, candidates } of candidatesFor(input)) {
    if (candidates.length === 0) throw new Error(`generated workload ${w.name} has no candidate`);
    const c = pick(rng, candidates);
    assignments.push(assignmentOf(w.name, c));
    if (c.option.kind === 'system') {
      const key = `${c.site!.name}|${c.option.id}|${w.model}`;
      const x = need.get(key) ?? { site: c.site!.name, option: c.option.id, model: w.model, c: 0 };
      x.c += designTps(w, H) / (u * c.point.unit_tps!);
      need.set(key, x);
    }
  }
  const pools: Pool[] = [...need.values()].map((x) => ({
    period: 0,
    site: x.site,
    option: x.option,
    model: x.model,
    units: Math.ceil(x.c - 1e-9) + (rng() < 0.3 ? 1 : 0),
  }));
  // whole cloud instances a month and edge purchases, as a solved plan lists them
  const rows = planFromAssignments(input, assignments);
  const plan: PlanResult = {
    status: 'optimal',
    objective_usd: null,
    bound_usd: null,
    gap: 0,
    solve_ms: 0,
    periods: [{ period: 0, start_month: 0, months: H }],
    assignments,
    purchases: pools.map((p) => ({ ...p, replicas: p.units })),
    pools,
    cloud: rows.cloud,
    edge: rows.edge,
    unserved: [],
    sites: layoutRacks(input, pools),
    totals: { capex_usd: 0, horizon_cost_usd: 0 },
  };
  const obj = coefficientObjective(input, plan);
  plan.objective_usd = obj;
  plan.totals.horizon_cost_usd = obj;
  return plan;
}

/**
 * The optimizer's objective of a single-period plan as a sum of coefficients (no penalties): Σ_x
 * PV(lines of the candidate: API tokens, edge devices) + Σ_cloud rows instances × PV(instance-month)
 * + Σ_pools n × PV(systemUnitLines) + Σ_(f,s) r × PV(rackSpaceLines), with r
 * counted from the plan's layout (spans counts t) or, without one, ⌈Σ n ÷ k⌉ / n × t.
 */
export function coefficientObjective(input: PlanInput, plan: PlanResult): number {
  const { settings } = input;
  const delta = discountFactors(settings);
  const byId = new Map<string, CatalogOption>(input.catalog.options.map((o) => [o.id, o]));
  const wl = new Map(input.workloads.map((w) => [w.name, w]));
  const sites = new Map(input.sites.map((s) => [s.name, s]));
  let total = 0;
  for (const a of plan.assignments) {
    const w = wl.get(a.workload)!;
    const o = byId.get(a.option)!;
    if (o.kind === 'cloud_api') total += linesPresentValue(apiLines(w, o, settings), delta);
    else if (o.kind === 'edge_device') {
      const api = o.inference_via ? byId.get(o.inference_via) : undefined;
      total += linesPresentValue(edgeLines(w, o, api?.kind === 'cloud_api' ? api : null, settings), delta);
    }
  }
  // cloud instances: the z columns, whole instances per (option, model, month)
  for (const c of plan.cloud) {
    const o = byId.get(c.option)!;
    if (o.kind === 'cloud_instance') total += c.instances * cloudInstanceMonthCost(o, settings, c.month) * delta[c.month]!;
  }
  const units = new Map<string, number>();
  for (const p of plan.pools) {
    const s = byId.get(p.option)!;
    if (s.kind !== 'system') continue;
    total += p.units * linesPresentValue(systemUnitLines(s, sites.get(p.site)!, settings), delta);
    units.set(`${p.site}|${p.option}`, (units.get(`${p.site}|${p.option}`) ?? 0) + p.units);
  }
  const racks = new Map<string, number>();
  for (const su of plan.sites) for (const r of su.racks) racks.set(`${su.site}|${r.option}`, (racks.get(`${su.site}|${r.option}`) ?? 0) + (r.spans ?? 1));
  for (const key of new Set([...units.keys(), ...racks.keys()])) {
    const [siteName, optionId] = key.split('|') as [string, string];
    const site = sites.get(siteName)!;
    const s = byId.get(optionId)!;
    let r = racks.get(key);
    if (r === undefined && s.kind === 'system') r = racksForUnits(rackFit(site, s)!, units.get(key) ?? 0);
    total += (r ?? 0) * linesPresentValue(rackSpaceLines(site, settings), delta);
  }
  return total;
}

export type GeneratedScenario = { seed: number; input: PlanInput; plan: PlanResult };
export function makeScenario(seed: number, opts: ScenarioOptions = {}): GeneratedScenario {
  const input = makeInput(seed, opts);
  return { seed, input, plan: randomFeasiblePlan(input, seed) };
}
