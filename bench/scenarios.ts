// Seeded generator of bench scenarios (PlanInput) over the default catalog: "hard" ones whose limits
// couple the models (binding budgets, site power and racks near their limits, unservable workloads
// under a penalty, options arriving after the start) and "roomy" ones where no limit binds.
// Same seed and spec → the same PlanInput, byte for byte; the DESIGN v2 knobs (periods, price
// trends, replicas, model lists) switch on only when core/types.ts has their fields.
import { defaultCatalog } from '../core/catalog/index.ts';
import { addPlanMonths } from '../core/format.ts';
import { bestPoint, placementAllows, pointsFor } from '../core/sizing.ts';
import {
  PerformanceSchema,
  SettingsSchema,
  SiteSchema,
  WorkloadSchema,
  type Catalog,
  type CatalogOption,
  type PlanInput,
  type Site,
  type Workload,
} from '../core/types.ts';
import { rngFrom } from '../core/rng.ts';
/** mulberry32, the project's one seeded generator */
export const rng = rngFrom;

export const SCENARIO_KINDS = ['hard', 'roomy'] as const;
export type ScenarioKind = (typeof SCENARIO_KINDS)[number];

export type ScenarioSpec = {
  n: number;
  kind: ScenarioKind;
  /** purchase periods over the 36-month horizon, a divisor of 36: 1 is a single purchase (interval = horizon); 3 buys at months 0, 12, 24; 6 every 6 months (several need DESIGN v2) */
  periods: number;
  seed?: number;
};

export type Scenario = {
  name: string;
  spec: ScenarioSpec;
  input: PlanInput;
  /** what the generator made binding, for the bench's table notes */
  notes: string[];
};

export type Features = { periods: boolean; replicas: boolean; modelLists: boolean };
export const NO_V2: Features = { periods: false, replicas: false, modelLists: false };

/**
 * Which DESIGN v2 knobs an engine takes: a field must be in the schemas of core/types.ts (zod strips
 * the keys it does not know) AND the engine's exact LP must use it, probed on a one-workload input:
 * model lists when `a|b` gives the LP of b, periods (and with them replicas) when 3 purchase periods
 * give the LP more columns than one. A schema ahead of its engine keeps the knobs off.
 */
export function probeFeatures(lp: (input: PlanInput, name: string) => { model: { numCols: number } }): Features {
  if (!('purchase_interval_months' in SettingsSchema.shape)) return NO_V2;
  const catalog = defaultCatalog();
  const w = WorkloadSchema.parse({ name: 'probe', model: 'llama-3.1-8b', avg_output_tps: 500 });
  const site = SiteSchema.parse({ name: 'probe-site', it_power_kw: 1000, racks: 20, rack_kw: 140, liquid_cooling: true });
  const cols = (model: string, interval: number) => lp({
    catalog,
    workloads: [{ ...w, model }],
    sites: [site],
    settings: SettingsSchema.parse({ start_month: START, horizon_months: HORIZON, purchase_interval_months: interval, unserved_penalty_usd_per_month: 1 }),
  }, 'probe').model.numCols;
  try {
    const lists = cols('no-such-model|llama-3.1-8b', HORIZON) === cols('llama-3.1-8b', HORIZON);
    const periods = cols('llama-3.1-8b', 12) > cols('llama-3.1-8b', HORIZON);
    return { periods, replicas: periods && 'units_per_replica' in PerformanceSchema.shape, modelLists: lists };
  } catch {
    return NO_V2; // an engine half-way through the change
  }
}

export function scenarioName(s: ScenarioSpec): string {
  return `${s.kind}-${s.periods}p-${s.n}`;
}


const START = '2026-01';
export const HORIZON = 36;

// Replicas (DESIGN v2 units_per_replica): a large model spans several wafers / LPU racks / 8-GPU
// boxes. unit_tps is per replica (DESIGN 3.2); the default catalog has one unit per replica, so a
// replica of R of its units delivers R times its figure.
const REPLICAS: Record<string, Record<string, number>> = {
  'cerebras-cs3': { 'llama-3.3-70b': 4, 'llama-3.1-405b': 8 },
  'groq-groqrack': { 'llama-3.3-70b': 2 },
  'sambanova-sn40l-16': { 'deepseek-r1': 2 },
  'cloud-b200-8gpu-packet': { 'llama-3.1-405b': 2, 'deepseek-r1': 2 },
};

/**
 * The default catalog plus one next-generation system that becomes orderable 13 months after the
 * start (usable from the second purchase period), and with v2 the replica counts above.
 */
function benchCatalog(replicas: boolean): Catalog {
  const base = defaultCatalog();
  const options: CatalogOption[] = base.options.map((o) => {
    if (!replicas || !REPLICAS[o.id]) return o;
    const perf = o.performance.map((p) => {
      const r = REPLICAS[o.id]![p.model];
      if (!r) return p;
      return { ...p, units_per_replica: r, points: p.points.map((q) => (q.unit_tps == null ? q : { ...q, unit_tps: q.unit_tps * r })) };
    });
    return { ...o, performance: perf } as CatalogOption;
  });
  const b200 = base.options.find((o) => o.id === 'nvidia-hgx-b200');
  if (b200 && b200.kind === 'system') {
    options.push({
      ...b200,
      id: 'bench-next-gen-8gpu',
      name: 'Next-generation 8-GPU server (bench assumption)',
      source: 'bench assumption: B200 figures, 1.6x throughput, 1.15x price, 1.1x power',
      notes: 'generated by bench/scenarios.ts; not a real product',
      available_from: addPlanMonths(START, 13),
      price_usd: Math.round(b200.price_usd * 1.15),
      max_power_kw: +(b200.max_power_kw * 1.1).toFixed(2),
      typical_power_kw: +(b200.typical_power_kw * 1.1).toFixed(2),
      performance: b200.performance.map((p) => ({ ...p, points: p.points.map((q) => ({ ...q, unit_tps: q.unit_tps == null ? q.unit_tps : q.unit_tps * 1.6 })) })),
    });
  }
  return { models: base.models, options };
}

// Model mix: weights favour the common dense models; three of the six are MoE
// (llama-4-maverick, gpt-oss-120b, deepseek-r1). Lists name accepted alternatives (v2).
const MODEL_WEIGHTS: [string, number][] = [
  ['llama-3.3-70b', 5], ['llama-3.1-8b', 4], ['llama-4-maverick', 2], ['gpt-oss-120b', 2], ['deepseek-r1', 1], ['llama-3.1-405b', 1],
];
const MODEL_LISTS = ['llama-3.3-70b|llama-4-maverick', 'llama-3.1-8b|gpt-oss-120b', 'deepseek-r1|llama-3.1-405b', 'llama-3.1-405b|llama-3.3-70b'];

function modelsOf(w: Pick<Workload, 'model'>): string[] {
  return w.model.split('|').map((s) => s.trim()).filter(Boolean);
}

/** A coarse DESIGN 4 candidate test (sites assumed to fit any system): is w servable at all? */
function servable(w: Workload, catalog: Catalog, start: string): boolean {
  return catalog.options.some((o) => {
    if (!w.tiers.includes(o.tier) || !placementAllows(w, o)) return false;
    if (o.available_from && o.available_from > start) return false;
    if (o.kind === 'edge_device') return false; // keep the check simple: edge needs endpoints and is never the only way here
    return modelsOf(w).some((m) => bestPoint(pointsFor(o, m), w) != null);
  });
}

function replicasOf(o: CatalogOption, model: string): number {
  const perf = o.performance.find((p) => p.model === model) as { units_per_replica?: number } | undefined;
  return perf?.units_per_replica ?? 1;
}

/**
 * One workload's cheapest way, roughly: monthly cost, and the site power and capex it takes; when
 * that way is a system, its pool (option and model), the units it takes (fractional) and per unit
 * what it costs a month, draws and costs to buy, so that pools can be rounded to whole replicas.
 */
export type Estimate = {
  monthly: number; kw: number; capex: number; onpremOnly: boolean; alone: number;
  pool: { key: string; units: number; R: number; monthlyPerUnit: number; kwPerUnit: number; pricePerUnit: number } | null;
};

/**
 * A rough, deterministic estimate of what each workload costs on its cheapest way (a system's
 * amortised price, support and energy, or an API's tokens), and served alone in whole units; used
 * only to size the limits so that they bind: the true optimum is for the solvers to find.
 */
export function estimate(workloads: readonly Workload[], catalog: Catalog): Estimate[] {
  const out: Estimate[] = [];
  for (const w of workloads) {
    const peak = w.avg_output_tps * w.peak_to_avg * Math.pow(1 + w.monthly_growth_pct / 100, HORIZON - 1);
    const avg = w.avg_output_tps * Math.pow(1 + w.monthly_growth_pct / 100, HORIZON / 2);
    let best: Omit<Estimate, 'onpremOnly' | 'alone'> = { monthly: Infinity, kw: 0, capex: 0, pool: null };
    let alone = Infinity;
    for (const o of catalog.options) {
      if (!w.tiers.includes(o.tier) || !placementAllows(w, o)) continue;
      for (const m of modelsOf(w)) {
        const p = bestPoint(pointsFor(o, m), w);
        if (!p) continue;
        // with replicas (v2) unit_tps is per replica of R units: R units draw power and cost money
        const R = replicasOf(o, m);
        if (o.kind === 'system' && p.unit_tps) {
          const units = (peak / p.unit_tps) * R;
          const perUnit = o.price_usd / o.lifetime_months + (o.price_usd * o.support_pct_per_year) / 1200 + o.typical_power_kw * 1.3 * 730 * 0.08;
          const monthly = units * perUnit;
          if (monthly < best.monthly) {
            best = {
              monthly, kw: units * o.max_power_kw, capex: units * o.price_usd,
              pool: { key: `${o.id}|${m}`, units, R, monthlyPerUnit: perUnit, kwPerUnit: o.max_power_kw, pricePerUnit: o.price_usd },
            };
          }
          alone = Math.min(alone, (monthly * Math.ceil(units / R - 1e-9) * R) / units);
        } else if (o.kind === 'cloud_api') {
          const monthly = (avg * 3600 * 730) / 1e6 * (o.usd_per_m_output + w.input_per_output * o.usd_per_m_input);
          if (monthly < best.monthly) best = { monthly, kw: 0, capex: 0, pool: null };
          alone = Math.min(alone, monthly);
        } else if (o.kind === 'cloud_instance' && p.unit_tps) {
          const monthly = (peak / p.unit_tps) * R * o.usd_per_hour * 730;
          if (monthly < best.monthly) best = { monthly, kw: 0, capex: 0, pool: null };
          alone = Math.min(alone, (monthly * Math.ceil(peak / p.unit_tps - 1e-9)) / (peak / p.unit_tps));
        }
      }
    }
    if (Number.isFinite(best.monthly)) out.push({ ...best, onpremOnly: w.placement === 'onprem', alone });
  }
  return out;
}

/**
 * Power, purchase price and monthly cost of the workloads' cheapest ways with the systems pooled by
 * (option, model) and rounded up to whole replicas, as a plan must buy them (a sum of fractional
 * units would size sites and budgets for a fleet no plan can buy, and leave dozens of workloads
 * unserved under the penalty instead of making the limits bind).
 */
export function pooledNeeds(est: readonly Estimate[]): { kw: number; capex: number; monthly: number } {
  let kw = 0, capex = 0, monthly = 0;
  const pools = new Map<string, NonNullable<Estimate['pool']>>();
  for (const e of est) {
    if (!e.pool) { monthly += e.monthly; continue; }
    const p = pools.get(e.pool.key);
    pools.set(e.pool.key, p ? { ...p, units: p.units + e.pool.units } : { ...e.pool });
  }
  for (const key of [...pools.keys()].sort()) {
    const p = pools.get(key)!;
    const units = Math.ceil(p.units / p.R - 1e-9) * p.R;
    kw += units * p.kwPerUnit;
    capex += units * p.pricePerUnit;
    monthly += units * p.monthlyPerUnit;
  }
  return { kw, capex, monthly };
}

/** The largest, over workloads only systems can serve, of the least power and units one whole replica of theirs takes. */
function replicaFloor(workloads: readonly Workload[], catalog: Catalog): { kw: number; units: number } {
  let kw = 0, units = 0;
  for (const w of workloads) {
    let bestKw = Infinity, bestUnits = 0, elsewhere = false;
    for (const o of catalog.options) {
      if (!w.tiers.includes(o.tier) || !placementAllows(w, o) || o.kind === 'edge_device') continue;
      for (const m of modelsOf(w)) {
        if (!bestPoint(pointsFor(o, m), w)) continue;
        if (o.kind !== 'system') { elsewhere = true; continue; }
        const R = replicasOf(o, m);
        if (R * o.max_power_kw < bestKw) { bestKw = R * o.max_power_kw; bestUnits = R; }
      }
    }
    if (!elsewhere && Number.isFinite(bestKw)) { kw = Math.max(kw, bestKw); units = Math.max(units, bestUnits); }
  }
  return { kw, units };
}

function makeWorkloads(spec: ScenarioSpec, r: () => number, lists: boolean): Workload[] {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const wsum = MODEL_WEIGHTS.reduce((a, [, w]) => a + w, 0);
  const pickModel = () => {
    let x = r() * wsum;
    for (const [id, w] of MODEL_WEIGHTS) { x -= w; if (x <= 0) return id; }
    return MODEL_WEIGHTS[0]![0];
  };
  const out: Workload[] = [];
  for (let i = 0; i < spec.n; i++) {
    const model = lists && r() < 0.2 ? pick(MODEL_LISTS) : pickModel();
    // log-uniform demand, 20 … 3,000 output tokens/s on average
    const avg = Math.round(Math.exp(Math.log(20) + r() * (Math.log(3000) - Math.log(20))));
    const placement = pick(['any', 'any', 'any', 'any', 'onprem', 'onprem', 'cloud'] as const);
    out.push(WorkloadSchema.parse({
      name: `w${String(i).padStart(5, '0')}`,
      model,
      avg_output_tps: avg,
      peak_to_avg: pick([1.25, 1.5, 2]),
      input_per_output: pick([2, 3, 5]),
      response_tokens: pick([150, 250, 400]),
      max_latency_ms: pick([null, null, 30000, 15000, 8000, 4000, 2000, 800]),
      monthly_growth_pct: pick([0, 0.5, 1, 2]),
      placement,
      tiers: r() < 0.15 ? ['commodity'] : ['premium', 'commodity', 'edge'],
      endpoints: model === 'llama-3.1-8b' && r() < 0.08 ? pick([100, 500, 2000]) : 0,
    }));
  }
  return out;
}

/** Loosen a workload nothing can serve (roomy scenarios must be feasible without a penalty). */
function loosen(w: Workload): Workload {
  return { ...w, max_latency_ms: null, placement: 'any', tiers: ['premium', 'commodity', 'edge'] };
}

// Three sites with different strengths: an air-cooled server room, a liquid-cooled colo, a hall
// with cheap power. Shares of the on-prem power each gets.
const SITE_SHAPES = [
  { name: 'hq-server-room', share: 0.25, rack_kw: 15, liquid: false, pue: 1.5, kwh: 0.09, rackMonth: 0 },
  { name: 'colo-liquid', share: 0.45, rack_kw: 140, liquid: true, pue: 1.2, kwh: 0.12, rackMonth: 2500 },
  { name: 'hydro-hall', share: 0.3, rack_kw: 25, liquid: false, pue: 1.3, kwh: 0.05, rackMonth: 900 },
] as const;

function makeSites(kw: number, rackFactor: number): Site[] {
  return SITE_SHAPES.map((s) => {
    const power = Math.max(30, Math.round(kw * s.share));
    return SiteSchema.parse({
      name: s.name,
      it_power_kw: power,
      racks: Math.max(2, Math.round((power / Math.min(s.rack_kw, 15)) * rackFactor)),
      rack_kw: s.rack_kw,
      liquid_cooling: s.liquid,
      pue: s.pue,
      usd_per_kwh: s.kwh,
      usd_per_rack_month: s.rackMonth,
    });
  });
}

/**
 * Hard limits as fractions of the pooled estimate (whole replicas per cheapest pool; plans share
 * fewer pools, so the estimate is high at 100 workloads and close at 1,000). Tuned by solving: the
 * hq room's racks bind at every size, the total budget binds from 1,000 workloads (at 100 the plan
 * stays ~10 % under it), and the workloads left unserved are the unservable ones plus on-prem-only
 * ones whose one replica no site can hold (e.g. 20 wafers for a MoE) or that the capex year leaves
 * out, not dozens dropped because the budget was sized for fractional units. The penalty is 1.5
 * times what the 99th-percentile workload costs served alone: dropping a servable workload is a
 * real trade-off only for the very largest ones.
 */
const HARD = { only: 0.5, power: 0.3, capex: 0.25, total: 0.45, penalty: 1.5 } as const;

/**
 * One scenario. Hard (systems pooled into whole replicas): site power for half of what the
 * on-prem-only workloads' pools draw plus 30 % of the others' (the hq room's racks at 80 % of its
 * power), a capex budget per plan year at 25 % of the pools' purchase price, a total budget at 45 %
 * of the pooled cost, a few workloads (2 to 5) with a latency nothing meets, and a penalty. Roomy: four times the power and racks the estimate asks
 * for, no budget, no penalty, every workload servable.
 */
export function generateScenario(spec: ScenarioSpec, v2: Features = NO_V2): Scenario {
  if (!Number.isInteger(spec.periods) || spec.periods < 1 || HORIZON % spec.periods !== 0) throw new Error(`${scenarioName(spec)}: the period count must divide the ${HORIZON}-month horizon`);
  if (spec.periods > 1 && !v2.periods) throw new Error(`${scenarioName(spec)}: several periods need DESIGN v2 purchase periods in the schema and the engine`);
  const seed = spec.seed ?? 1000 + spec.n * 7 + (spec.kind === 'hard' ? 1 : 2) + spec.periods * 31;
  const r = rng(seed);
  const catalog = benchCatalog(v2.replicas);
  // only the deliberately unservable workloads below are left without a candidate
  let workloads = makeWorkloads(spec, r, v2.modelLists).map((w) => (servable(w, catalog, START) ? w : loosen(w)));
  const notes: string[] = [];
  const hard = spec.kind === 'hard';
  if (hard) {
    const k = spec.n < 1000 ? 2 : spec.n < 5000 ? 3 : 5; // a few: their penalty is a constant of the objective
    for (let i = 0; i < k; i++) {
      const at = Math.floor(r() * workloads.length);
      workloads[at] = { ...workloads[at]!, max_latency_ms: 30, response_tokens: 400 }; // 13,000 tok/s per user: nothing fits
    }
    notes.push(`${k} unservable`);
  }
  const est = estimate(workloads, catalog);
  const sorted = est.map((e) => e.alone).sort((a, b) => a - b);
  const penalty = Math.round(HARD.penalty * (sorted[Math.floor(sorted.length * 0.99)] ?? 1000));
  // the workloads a hard plan would serve: those whose cost alone is below the penalty
  const kept = hard ? est.filter((e) => e.alone * 1.1 < penalty) : est;
  const sum = (f: (e: Estimate) => number, xs = kept) => xs.reduce((a, e) => a + f(e), 0);
  // hard: systems pooled into whole replicas, as plans buy them; roomy: fractional units (ample anyway)
  const all = pooledNeeds(kept), only = pooledNeeds(kept.filter((e) => e.onpremOnly));
  const onpremKw = hard ? all.kw : sum((e) => e.kw);
  const onpremOnlyKw = hard ? only.kw : sum((e) => (e.onpremOnly ? e.kw : 0));
  // hard: room for the on-prem-only workloads and a part of the others that would rather be on site
  let sites = hard ? makeSites(onpremOnlyKw * HARD.only + (onpremKw - onpremOnlyKw) * HARD.power, 1) : makeSites(onpremKw * 4, 4);
  if (!hard) {
    // roomy must be feasible without a penalty: every site takes twice the largest whole replica a
    // workload with no cloud or API way needs (the estimate above counts fractions of replicas)
    const floor = replicaFloor(workloads, catalog);
    sites = sites.map((s) => ({ ...s, it_power_kw: Math.max(s.it_power_kw, Math.ceil(floor.kw * 2)), racks: Math.max(s.racks, floor.units * 2) }));
  }
  if (hard) {
    // the air-cooled room is short of racks too, so racks and power bind together there
    const hq = sites[0]!;
    sites[0] = { ...hq, racks: Math.max(2, Math.round(hq.racks * 0.8)) };
  }
  const raw: Record<string, unknown> = {
    start_month: START,
    horizon_months: HORIZON,
    discount_rate_pct: hard ? 5 : 6,
    max_utilization: hard ? 0.85 : 1,
  };
  if (hard) {
    const capex = Math.round(all.capex * HARD.capex);
    const total = Math.round(all.monthly * HORIZON * HARD.total);
    Object.assign(raw, { capex_budget_usd: capex, total_budget_usd: total, unserved_penalty_usd_per_month: penalty });
    notes.push(`capex ≤ $${capex.toLocaleString('en-US')}`, `total ≤ $${total.toLocaleString('en-US')}`, `penalty $${penalty.toLocaleString('en-US')}/mo`);
  }
  // a schema with periods defaults to yearly purchases: a single-purchase scenario says so
  if ('purchase_interval_months' in SettingsSchema.shape) raw.purchase_interval_months = HORIZON / spec.periods;
  if (v2.periods && spec.periods > 1) {
    Object.assign(raw, { hardware_price_change_pct_per_year: -15, cloud_price_change_pct_per_year: -25 });
    notes.push(`${spec.periods} purchase periods, hardware −15 %/yr, cloud −25 %/yr`);
  }
  if (v2.replicas) notes.push('replicas on');
  if (v2.modelLists) notes.push(`${workloads.filter((w) => w.model.includes('|')).length} model lists`);
  const settings = SettingsSchema.parse(raw);
  return { name: scenarioName(spec), spec, input: { catalog, workloads, sites, settings }, notes };
}

/** The grid: sizes × kinds × period counts (several periods only when the engine has them). */
export function scenarioGrid(sizes: readonly number[], kinds: readonly ScenarioKind[] = SCENARIO_KINDS, periods: readonly number[] = [1, 3], v2: Features = NO_V2): ScenarioSpec[] {
  const out: ScenarioSpec[] = [];
  for (const p of periods) {
    if (p > 1 && !v2.periods) continue;
    for (const kind of kinds) for (const n of sizes) out.push({ n, kind, periods: p });
  }
  return out;
}
