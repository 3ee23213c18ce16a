// Sizing of DESIGN.md section 4: demand curves, latency fit, the operating point used, rack fit
// (units per rack k, racks spanned t) and the candidate list of every workload, with the reason
// each rejected option was rejected (the optimizer's infeasibility explanations build on it).
import type {
  Assignment,
  CatalogOption,
  CloudApiOption,
  EdgeDeviceOption,
  OperatingPoint,
  PlanInput,
  Settings,
  Site,
  SystemOption,
  Tier,
  Workload,
} from './types.ts';
import { workloadModels } from './types.ts';
import { addPlanMonths } from './format.ts';

export const HOURS_PER_MONTH = 730;
const FLOOR_TOL = 1e-9;

export function growthFactor(w: Workload, m: number): number {
  return Math.pow(1 + w.monthly_growth_pct / 100, m);
}
/** P_w(m): peak output tokens/s in month m. */
export function peakTps(w: Workload, m: number): number {
  return w.avg_output_tps * w.peak_to_avg * growthFactor(w, m);
}
/** A_w(m): average output tokens/s in month m. */
export function avgTps(w: Workload, m: number): number {
  return w.avg_output_tps * growthFactor(w, m);
}
/** D_w = max over the horizon of P_w(m): bought systems are sized once, for the busiest month. */
export function designTps(w: Workload, horizonMonths: number): number {
  return Math.max(peakTps(w, 0), peakTps(w, horizonMonths - 1));
}

/** End-to-end time of one answer at this point: first token + response_tokens at user_tps. */
export function answerMs(p: OperatingPoint, responseTokens: number): number {
  return p.ttft_ms + (1000 * responseTokens) / p.user_tps;
}
export function pointFits(p: OperatingPoint, w: Workload): boolean {
  return w.max_latency_ms == null || answerMs(p, w.response_tokens) <= w.max_latency_ms + 1e-9;
}

/** The fitting point with the highest unit_tps (for capacity-free API points: the fastest). */
export function bestPoint(points: readonly OperatingPoint[], w: Workload): OperatingPoint | null {
  let best: OperatingPoint | null = null;
  for (const p of points) {
    if (!pointFits(p, w)) continue;
    if (best == null) best = p;
    else if ((p.unit_tps ?? 0) > (best.unit_tps ?? 0)) best = p;
    else if ((p.unit_tps ?? 0) === (best.unit_tps ?? 0) && p.user_tps > best.user_tps) best = p;
  }
  return best;
}

export function pointsFor(option: CatalogOption, model: string): OperatingPoint[] {
  return option.performance.find((perf) => perf.model === model)?.points ?? [];
}

/**
 * Units per rack k, or whole racks t one unit takes (racks_per_unit > 1), DESIGN 4. null: it does
 * not fit. A system taller than the site's racks never fits (racks_per_unit says how many racks a
 * rack-scale unit takes; height is not a way to span racks).
 */
export type RackFit = { kind: 'per_rack'; k: number } | { kind: 'spans'; t: number };
/** Whole racks `units` units of a system take where it stands as `fit` says (DESIGN 4: k a rack, or t racks a unit). */
export function racksFor(fit: RackFit, units: number): number {
  return fit.kind === 'per_rack' ? Math.max(0, Math.ceil(units / fit.k - 1e-9)) : units * fit.t;
}
export function rackFit(site: Site, s: SystemOption): RackFit | null {
  if (s.rack_units > site.rack_units + FLOOR_TOL) return null;
  const t = s.racks_per_unit ?? 1;
  if (t > 1) return s.max_power_kw / t <= site.rack_kw + FLOOR_TOL ? { kind: 'spans', t } : null;
  const byU = Math.floor(site.rack_units / s.rack_units + FLOOR_TOL);
  const byKw = s.max_power_kw > 0 ? Math.floor(site.rack_kw / s.max_power_kw + FLOOR_TOL) : Infinity;
  const k = Math.min(byU, byKw);
  return k >= 1 ? { kind: 'per_rack', k } : null;
}

/**
 * Why a system does not fit a site's racks (rackFit returned null), with the figure that breaks
 * it: taller than the racks, or more kW a rack than the site allows (a unit over t racks draws
 * max_power_kw / t in each). The no-candidate words showed only "Rack B do not fit the sites' racks".
 */
export function rackMisfit(site: Site, s: SystemOption): string {
  if (s.rack_units > site.rack_units + FLOOR_TOL) return `is ${s.rack_units} U, taller than the ${site.rack_units} U racks`;
  const t = s.racks_per_unit ?? 1;
  const draw = t > 1 ? `${s.max_power_kw} kW a unit over ${t} racks: ${Number((s.max_power_kw / t).toPrecision(6))} kW a rack` : `${s.max_power_kw} kW a unit`;
  return `does not fit a ${site.rack_units} U / ${site.rack_kw} kW rack (${draw})`;
}

export function placementAllows(w: Workload, o: CatalogOption): boolean {
  switch (w.placement) {
    case 'any':
      return true;
    case 'onprem':
      return o.kind === 'system' || (o.kind === 'edge_device' && !o.inference_via);
    case 'cloud':
      return o.kind === 'cloud_instance' || o.kind === 'cloud_api';
    case 'edge':
      return o.kind === 'edge_device';
  }
}

export function isAvailable(o: CatalogOption, settings: Settings): boolean {
  return !o.available_from || o.available_from <= settings.start_month;
}

/** A way to serve one workload: an option (at a site, for a system) at its chosen point. */
export type Candidate = {
  option: CatalogOption;
  /** the model served (one of the workload's models) */
  model: string;
  site: Site | null;
  point: OperatingPoint;
  /** for an edge device with inference_via: the API that runs the model */
  api: CloudApiOption | null;
  rack: RackFit | null;
};
export type Rejection = { option: string; site: string | null; reason: string };
export type WorkloadCandidates = { workload: Workload; candidates: Candidate[]; rejected: Rejection[] };

export function describeLatency(w: Workload): string {
  return `${w.max_latency_ms} ms for ${w.response_tokens} tokens`;
}

/** Candidates of DESIGN 4 for every workload, in input order. */
export function candidatesFor(input: PlanInput): WorkloadCandidates[] {
  const byId = new Map(input.catalog.options.map((o) => [o.id, o] as const));
  const H = input.settings.horizon_months;
  return input.workloads.map((w) => {
    const candidates: Candidate[] = [];
    const rejected: Rejection[] = [];
    const reject = (o: CatalogOption, reason: string, site: Site | null = null) =>
      rejected.push({ option: o.id, site: site?.name ?? null, reason });
    for (const o of input.catalog.options) {
      if (!w.tiers.includes(o.tier as Tier)) { reject(o, `tier ${o.tier} not allowed`); continue; }
      if (!placementAllows(w, o)) { reject(o, `placement ${w.placement} excludes ${o.kind}`); continue; }
      if (!isAvailable(o, input.settings)) { reject(o, `not available before ${o.available_from}`); continue; }
      if (o.kind === 'edge_device') {
        const c = edgeCandidate(w, o, byId, H, reject);
        if (c) candidates.push(c);
        continue;
      }
      const pts = pointsFor(o, w.model);
      if (pts.length === 0) { reject(o, `does not serve ${w.model}`); continue; }
      const point = bestPoint(pts, w);
      if (!point) { reject(o, `no operating point meets ${describeLatency(w)}`); continue; }
      if (o.kind !== 'system') {
        candidates.push({ option: o, model: w.model, site: null, point, api: null, rack: null });
        continue;
      }
      if (input.sites.length === 0) { reject(o, 'no site to install systems'); continue; }
      for (const site of input.sites) {
        if (o.cooling === 'liquid' && !site.liquid_cooling) { reject(o, 'needs liquid cooling', site); continue; }
        const rack = rackFit(site, o);
        if (!rack) {
          reject(o, rackMisfit(site, o), site);
          continue;
        }
        candidates.push({ option: o, model: w.model, site, point, api: null, rack });
      }
    }
    return { workload: w, candidates, rejected };
  });
}

function edgeCandidate(
  w: Workload,
  o: EdgeDeviceOption,
  byId: Map<string, CatalogOption>,
  H: number,
  reject: (o: CatalogOption, reason: string) => void,
): Candidate | null {
  if (w.endpoints <= 0) { reject(o, 'edge devices need endpoints > 0'); return null; }
  if (o.inference_via) {
    const api = byId.get(o.inference_via);
    if (!api || api.kind !== 'cloud_api') { reject(o, `inference_via ${o.inference_via} is not a cloud API in the catalog`); return null; }
    const pts = pointsFor(api, w.model);
    if (pts.length === 0) { reject(o, `${api.id} does not serve ${w.model}`); return null; }
    const point = bestPoint(pts, w);
    if (!point) { reject(o, `no operating point of ${api.id} meets ${describeLatency(w)}`); return null; }
    return { option: o, model: w.model, site: null, point, api, rack: null };
  }
  const pts = pointsFor(o, w.model);
  if (pts.length === 0) { reject(o, `does not serve ${w.model}`); return null; }
  const need = designTps(w, H) / w.endpoints;
  let best: OperatingPoint | null = null;
  for (const p of pts) {
    if (pointFits(p, w) && (p.unit_tps ?? 0) >= need - 1e-9 && (best == null || (p.unit_tps ?? 0) > (best.unit_tps ?? 0))) best = p;
  }
  if (!best) {
    const anyFit = bestPoint(pts, w);
    // (a point without unit_tps says so, as a system's and an instance's do: it read "one device
    // delivers 0 tok/s", a figure the catalog never gave)
    reject(o, !anyFit ? `no operating point meets ${describeLatency(w)}`
      : anyFit.unit_tps == null ? 'its operating point has no unit_tps'
        : `one device delivers ${anyFit.unit_tps} tok/s, each endpoint needs ${shownAbove(need, anyFit.unit_tps)} tok/s at its peak`);
    return null;
  }
  return { option: o, model: w.model, site: null, point: best, api: null, rack: null };
}

/**
 * `need` with the fewest decimals (at least one) that show it above `have`: at one decimal a
 * need of 20.04 tok/s per endpoint read "needs 20.0" beside a device that "delivers 20".
 */
function shownAbove(need: number, have: number): string {
  for (let d = 1; d < 6; d++) if (Number(need.toFixed(d)) > have) return need.toFixed(d);
  return need.toFixed(6);
}

/** The plan row for serving a workload through a candidate. */
export function assignmentOf(workload: string, c: Candidate, period = 0): Assignment {
  return {
    workload,
    period,
    option: c.option.id,
    model: c.model,
    site: c.site?.name ?? null,
    user_tps: c.point.user_tps,
    unit_tps: c.point.unit_tps ?? null,
    ttft_ms: c.point.ttft_ms,
    tier: c.option.tier,
    kind: c.option.kind,
  };
}

// ---- v2 (DESIGN 4): periods, demand per period, price factors, candidates per (option, model)

/** Period k: purchases at month start; months start … start + months − 1. */
export type Period = { period: number; start_month: number; months: number };

/** K = ⌈H ÷ I⌉ periods; period k starts at p_k = k × I and holds months p_k … min(p_k + I, H) − 1. */
export function periodsOf(settings: Pick<Settings, 'horizon_months' | 'purchase_interval_months'>): Period[] {
  const H = settings.horizon_months;
  const I = Math.min(Math.max(1, settings.purchase_interval_months), H);
  const out: Period[] = [];
  for (let k = 0, p = 0; p < H; k++, p += I) out.push({ period: k, start_month: p, months: Math.min(p + I, H) - p });
  return out;
}
/** Period index of every month 0 … H−1. */
export function periodOfMonth(periods: readonly Period[]): number[] {
  const out: number[] = [];
  for (const p of periods) for (let i = 0; i < p.months; i++) out.push(p.period);
  return out;
}

/** D_w(k) = max over the period's months of P_w(m): P is monotone in m, so an end decides. */
export function periodDemand(w: Workload, p: Period): number {
  return Math.max(peakTps(w, p.start_month), peakTps(w, p.start_month + p.months - 1));
}

/**
 * The least load a positive demand puts on a pool or a cloud instance, in replicas: any demand needs
 * one whole replica, and below this the rounding's tolerance (⌈v − 1e-6⌉) and HiGHS (which drops
 * matrix values under 1e-9, and called a model with loads of 1e-15 infeasible) would not see it.
 * Demand falling 50 % a month for three years gave loads of 1e-15–1e-6 replicas, and plans with no
 * instance for them (bench/independent.ts extreme-growth). The cost is unchanged: one replica either way.
 */
export const MIN_LOAD = 2e-6;

/** Replicas a demand of `tps` takes where one replica delivers `perReplica` tokens/s: 0 for none, at least MIN_LOAD for any. */
export function replicaLoad(tps: number, perReplica: number): number {
  return tps > 0 ? Math.max(MIN_LOAD, tps / perReplica) : 0;
}

/** π(m) = (1 + pct/100)^(m/12): the price factor of a purchase or rental in month m. */
export function priceFactor(pctPerYear: number, m: number): number {
  return Math.pow(1 + pctPerYear / 100, m / 12);
}

// Month-by-month loops over thousands of workloads (TCO recomputes, sensitivity) would call
// Math.pow once per workload and month; these tables hold the same values, computed once per
// rate: table[m] is exactly growthFactor / priceFactor of month m. Bounded: cleared past 512 rates.
const GROWTH_TABLES = new Map<number, Float64Array>();
const PRICE_TABLES = new Map<number, Float64Array>();
function powTable(cache: Map<number, Float64Array>, rate: number, n: number, f: (m: number) => number): Float64Array {
  let t = cache.get(rate);
  if (t && t.length >= n) return t;
  if (cache.size >= 512) cache.clear();
  t = new Float64Array(Math.max(n, t?.length ?? 0, 1));
  for (let m = 0; m < t.length; m++) t[m] = f(m);
  cache.set(rate, t);
  return t;
}
/** growthFactor of a workload growing `pct` %/month for months 0 … n−1 (at least n entries; do not write). */
export function growthTable(pct: number, n: number): Float64Array {
  return powTable(GROWTH_TABLES, pct, n, (m) => Math.pow(1 + pct / 100, m));
}
/** priceFactor(pctPerYear, m) for months 0 … n−1 (at least n entries; do not write). */
export function priceTable(pctPerYear: number, n: number): Float64Array {
  return powTable(PRICE_TABLES, pctPerYear, n, (m) => priceFactor(pctPerYear, m));
}
export function hwFactor(settings: Pick<Settings, 'hardware_price_change_pct_per_year'>, m: number): number {
  return priceFactor(settings.hardware_price_change_pct_per_year, m);
}
export function clFactor(settings: Pick<Settings, 'cloud_price_change_pct_per_year'>, m: number): number {
  return priceFactor(settings.cloud_price_change_pct_per_year, m);
}

/** Calendar month `YYYY-MM` of month index m of the plan. */
export const calendarMonth = addPlanMonths;

/** First period whose start month is on or after available_from; null when none is (DESIGN 4). */
export function firstUsablePeriod(o: CatalogOption, settings: Settings, periods: readonly Period[]): number | null {
  if (!o.available_from) return 0;
  for (const p of periods) if (o.available_from <= calendarMonth(settings.start_month, p.start_month)) return p.period;
  return null;
}

/** units_per_replica R of an option for a model (1 for APIs and edge devices). */
export function unitsPerReplica(o: CatalogOption, model: string): number {
  if (o.kind !== 'system' && o.kind !== 'cloud_instance') return 1;
  return o.performance.find((p) => p.model === model)?.units_per_replica ?? 1;
}

/** A v2 candidate: usable from period `from` on (availability only ever opens). */
export type CandidateV2 = Candidate & { from: number };
export type WorkloadCandidatesV2 = {
  workload: Workload;
  candidates: CandidateV2[];
  rejected: Rejection[];
  /** options rejected only because they arrive after the horizon's last period start */
  late: { option: string; available_from: string }[];
};

/**
 * What the v2 candidates of any workload share, computed once per input: each option's first
 * usable period, its points per model, and per site whether a system fits (or why not).
 */
export type CandidateIndexV2 = {
  byId: Map<string, CatalogOption>;
  H: number;
  sites: readonly Site[];
  options: {
    o: CatalogOption;
    from: number | null;
    points: Map<string, OperatingPoint[]>;
    /** systems: per site, the rack fit or the reason it does not fit */
    fits: ({ site: Site; rack: RackFit } | { site: Site; reason: string })[];
  }[];
};

export function candidateIndexV2(input: PlanInput): CandidateIndexV2 {
  const periods = periodsOf(input.settings);
  return {
    byId: new Map(input.catalog.options.map((o) => [o.id, o] as const)),
    H: input.settings.horizon_months,
    sites: input.sites,
    options: input.catalog.options.map((o) => ({
      o,
      from: firstUsablePeriod(o, input.settings, periods),
      points: new Map(o.performance.map((p) => [p.model, p.points] as const)),
      fits: o.kind !== 'system' ? [] : input.sites.map((site) => {
        if (o.cooling === 'liquid' && !site.liquid_cooling) return { site, reason: 'needs liquid cooling' };
        const rack = rackFit(site, o);
        if (rack) return { site, rack };
        return { site, reason: rackMisfit(site, o) };
      }),
    })),
  };
}

/**
 * Candidates of DESIGN 4 v2 for one workload: one per (option, model[, site]) for each of the
 * workload's models, with the first period it is usable in.
 */
export function candidatesOfV2(ix: CandidateIndexV2, w: Workload): WorkloadCandidatesV2 {
  const candidates: CandidateV2[] = [];
  const rejected: Rejection[] = [];
  const late: { option: string; available_from: string }[] = [];
  const models = workloadModels(w);
  const reject = (o: CatalogOption, reason: string, site: Site | null = null) =>
    rejected.push({ option: o.id, site: site?.name ?? null, reason });
  // of a model list, a point without unit_tps says which model's (the option may be out for another
  // model for another reason: "Box: its operating point has no unit_tps" did not say for which)
  const noUnitTps = (model: string) => (models.length < 2 ? 'its operating point has no unit_tps' : `its operating point for ${model} has no unit_tps`);
  for (const { o, from: usableFrom, points, fits } of ix.options) {
    if (!w.tiers.includes(o.tier as Tier)) { reject(o, `tier ${o.tier} not allowed`); continue; }
    if (!placementAllows(w, o)) { reject(o, `placement ${w.placement} excludes ${o.kind}`); continue; }
    // an option arriving after the last period's start that would serve w (one of its models, its
    // latency, a site) is rejected as arriving late; one that would not, for what stops it anyway
    const arrivesLate = usableFrom == null;
    const from = usableFrom ?? Infinity; // its candidates are dropped below
    const rejectedBefore = rejected.length;
    const before = candidates.length;
    const reasons: string[] = [];
    for (const model of models) {
      if (o.kind === 'edge_device') {
        const one: Workload = model === w.model ? w : { ...w, model };
        // of a model list, a reason that holds for one model says which (the device may be out for
        // another model for another reason)
        const c = edgeCandidate(one, o, ix.byId, ix.H, (_o, reason) => reasons.push(models.length < 2 ? reason : forModel(reason, model)));
        if (c) candidates.push({ ...c, model, from });
        continue;
      }
      const pts = points.get(model) ?? [];
      if (pts.length === 0) { reasons.push(`does not serve ${model}`); continue; }
      const point = bestPoint(pts, w);
      if (!point) { reasons.push(`no operating point for ${model} meets ${describeLatency(w)}`); continue; }
      if (o.kind !== 'system') {
        if (o.kind === 'cloud_instance' && !((point.unit_tps ?? 0) > 0)) { reasons.push(noUnitTps(model)); continue; }
        candidates.push({ option: o, model, site: null, point, api: null, rack: null, from });
        continue;
      }
      if (!((point.unit_tps ?? 0) > 0)) { reasons.push(noUnitTps(model)); continue; }
      if (ix.sites.length === 0) { reasons.push('no site to install systems'); continue; }
      for (const f of fits) {
        if ('reason' in f) { reject(o, f.reason, f.site); continue; }
        candidates.push({ option: o, model, site: f.site, point, api: null, rack: f.rack, from });
      }
    }
    if (arrivesLate && candidates.length > before) {
      candidates.length = before;
      rejected.length = rejectedBefore;
      reject(o, `not available before ${o.available_from}`);
      late.push({ option: o.id, available_from: o.available_from! });
      continue;
    }
    if (candidates.length === before) for (const r of new Set(reasons)) reject(o, r);
  }
  return { workload: w, candidates, rejected, late };
}

/** An edge device's reason for one model of a list: "no operating point for m70 meets …", "one device delivers … (with m405)". */
function forModel(reason: string, model: string): string {
  if (/^no operating point (?:of \S+ )?meets /.test(reason)) return reason.replace(/^no operating point (of \S+ )?meets /, (_m, of: string | undefined) => `no operating point ${of ?? ''}for ${model} meets `);
  return reason.startsWith('one device delivers') ? `${reason} (with ${model})` : reason;
}

/** Candidates of DESIGN 4 v2 for every workload, in input order. */
export function candidatesV2(input: PlanInput): WorkloadCandidatesV2[] {
  const ix = candidateIndexV2(input);
  return input.workloads.map((w) => candidatesOfV2(ix, w));
}
