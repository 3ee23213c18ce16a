// The TCO engine (DESIGN 6): month-by-month cost of a solved plan, broken down by line, tier,
// site and workload. Every line comes from core/cost.ts — the same vectors whose discounted sums
// are the optimizer's objective coefficients — so horizon_cost_usd = objective − penalties. One
// reading for every plan: solved plans, stored single-purchase plans read through plan-v1.ts (one
// period, their cloud fractions as rows) and plans the TCO module builds (plan-builder.ts).
//
// Rules fixed here (the contract for charts, CSV/JSON and the optimizer's equality test):
// - System tranches: each purchase row (period j, units) × trancheUnitLines at p_j (capex at its
//   π_hw price, replacements each lifetime, support, energy, residual credit).
// - Rack space: per (site, system, period), the racks the plan's layout lists (a unit of t racks
//   is listed once with `spans: t`) × usd_per_rack_month over the period's months; the last
//   period's racks run on to the end of a what-if horizon longer than the plan's, with the
//   hardware in them.
// - Cloud instances: the plan's whole instances per (option, model, month) at π_cl(m) prices
//   (months after a what-if horizon shorter than the plan's are not costed).
// - Token APIs, edge energy and inference: per assignment, over its period's months.
// - Edge devices: each purchase row at its period start, re-bought each lifetime.
// - Allocation to workloads: a pool's, a (site, system)'s racks' or a month's cloud instances'
//   cost is split, period by period, over the workloads on them in proportion to their capacity
//   share c_w = D_w(k) ÷ (u × unit_tps) (P_w(m) for instances). A cost no workload uses is reported
//   as the pseudo-workload "(unallocated)".
// - Site of a cost: the site for systems and rack space, "cloud" for cloud instances and
//   token APIs, "edge" for edge devices (their capex, energy and API inference).
// - Tier of a cost: the tier of the option the workload is assigned to (an edge device's tier,
//   also for its API inference).
// - horizon_cost_usd = Σ δ(m) × month total (net of the residual credit at H−1);
//   undiscounted_usd = the plain sum; capex_usd = every first purchase (systems and edge devices)
//   at its π_hw price, replacements excluded (replacement_usd: the re-buys); run-rate = recurring lines only (energy, support,
//   space, cloud, API, edge energy/inference) in month 0 and month H−1.
// - capacity_ok: every pool owns the units its period's workloads need, and every month's rented
//   instances cover that month's peak; otherwise a warning names the shortfall.
// - Cost per million output tokens = UNDISCOUNTED cost (net of residual) ÷ million output
//   tokens served over the horizon, Σ_w Σ_m A_w(m) × 3600 × 730 ÷ 10⁶ (served workloads only).
//   Undiscounted because tokens are not discounted either; usd_per_m_tokens_pv is also given.
import {
  COST_LINES,
  COST_LINE_LABELS,
  RUN_RATE_LINES,
  writeApiPeriod,
  cloudInstanceMonthCost,
  discountFactors,
  edgePurchaseLines,
  edgeUseLines,
  trancheUnitLines,
  type CostLine,
  type LineVectors,
} from '../cost.ts';
import { HOURS_PER_MONTH, bestPoint, growthTable, periodDemand, periodOfMonth, periodsOf, pointsFor, unitsPerReplica, type Period } from '../sizing.ts';
import { unservedWorkloadNames } from '../plan-periods.ts';
import { addPlanMonths, formatPlanMonth } from '../format.ts';
import {
  TIERS,
  type Assignment,
  type CatalogOption,
  type PlanInput,
  type PlanResult,
  type Site,
  type Tier,
  type Workload,
} from '../types.ts';

export type LineRecord = Record<CostLine, number>;
export type TierRecord = Record<Tier, number>;

export type TcoMonth = {
  month: number;
  /** YYYY-MM, counted from settings.start_month */
  label: string;
  /** undiscounted USD of this month, all lines */
  total_usd: number;
  lines: LineRecord;
  byTier: TierRecord;
  /** undiscounted running total through this month */
  cumulative_usd: number;
  discount_factor: number;
  /** δ(m) × total_usd */
  pv_usd: number;
  /**
   * first purchases paid this month (systems and edge devices, at π_hw prices): the month's capex in
   * the sense of totals.capex_usd; its system_capex + edge_capex + system_replacement less this is
   * what it pays for replacements (edge_capex holds both an edge device's purchase and its re-buys)
   */
  capex_usd: number;
  /** running Σ δ × total: at month H−1 it equals totals.horizon_cost_usd */
  cumulative_pv_usd: number;
  /** served workloads only */
  demand: { avg_tps: number; peak_tps: number; output_tokens_m: number };
};

export type TcoTotals = {
  horizon_cost_usd: number;
  undiscounted_usd: number;
  capex_usd: number;
  /** systems and edge devices re-bought at the end of their lifetime, at their π_hw prices, undiscounted (not in capex_usd) */
  replacement_usd: number;
  /** undiscounted, ≤ 0 */
  residual_credit_usd: number;
  run_rate_start_usd: number;
  run_rate_end_usd: number;
  output_tokens_m: number;
  /** undiscounted_usd ÷ output_tokens_m (null when no tokens are served) */
  usd_per_m_tokens: number | null;
  /** horizon_cost_usd ÷ output_tokens_m */
  usd_per_m_tokens_pv: number | null;
};

export type TcoLineTotal = { line: CostLine; label: string; undiscounted_usd: number; horizon_cost_usd: number; present: boolean };
export type TcoTierTotal = {
  tier: Tier;
  undiscounted_usd: number;
  horizon_cost_usd: number;
  lines: LineRecord;
  output_tokens_m: number;
  usd_per_m_tokens: number | null;
  workloads: number;
};
export type TcoSiteTotal = {
  /** site name, or "cloud" / "edge" (see kind: a site may itself be called "cloud") */
  site: string;
  kind: 'site' | 'cloud' | 'edge';
  undiscounted_usd: number;
  horizon_cost_usd: number;
  lines: LineRecord;
  monthly_usd: number[];
};
export type TcoWorkloadTotal = {
  workload: string;
  option: string | null;
  site: string | null;
  tier: Tier | null;
  undiscounted_usd: number;
  horizon_cost_usd: number;
  output_tokens_m: number;
  usd_per_m_tokens: number | null;
};
/**
 * A pool in the plan's last period that holds it (`period`): the units owned then (the most: owned
 * units never fall), the units its workloads then need and how many workloads it then serves. A
 * workload that left the pool in an earlier period is not counted (the PDF's capacity chart counts
 * every workload the pool serves in any period): `tco --json` gave `workloads` with nothing to say
 * which period it was of.
 */
export type TcoPoolUse = {
  /** the period of these figures (0-based): the last that holds the pool */
  period: number;
  site: string;
  option: string;
  model: string;
  units: number;
  /** Σ D_w ÷ (u × unit_tps) of its workloads in `period`, under this input */
  required_units: number;
  /** the workloads it serves in `period` */
  workloads: number;
};
export type TcoRacks = { site: string; option: string; racks: number; units: number; source: 'layout' | 'computed' };

export type TcoReport = {
  horizon_months: number;
  start_month: string;
  discount_rate_pct: number;
  residual_value: boolean;
  /** the yearly price trends the figures were priced at (π_hw: systems and edge devices; π_cl: cloud instances and token APIs) */
  hardware_price_change_pct_per_year: number;
  cloud_price_change_pct_per_year: number;
  /** lines with a non-zero value in some month, in COST_LINES order (chart datasets) */
  lines: CostLine[];
  line_labels: Record<CostLine, string>;
  months: TcoMonth[];
  totals: TcoTotals;
  byLine: TcoLineTotal[];
  byTier: TcoTierTotal[];
  bySite: TcoSiteTotal[];
  byWorkload: TcoWorkloadTotal[];
  pools: TcoPoolUse[];
  racks: TcoRacks[];
  /** false when some pool has fewer units than its workloads need under this input */
  capacity_ok: boolean;
  /** workloads served in at least one period */
  served_workloads: number;
  /** workloads left unserved in at least one period (a workload may count in both) */
  unserved_workloads: number;
  warnings: string[];
};

export const UNALLOCATED = '(unallocated)';
const NL = COST_LINES.length;
const NT = TIERS.length;
const LINE_INDEX = new Map(COST_LINES.map((l, i) => [l, i] as const));
const TIER_INDEX = new Map(TIERS.map((t, i) => [t, i] as const));

type SiteAcc = { site: string; kind: TcoSiteTotal['kind']; acc: Float64Array };

/**
 * The sums of every workload of the input, by its index there (typed arrays: one allocation per
 * call instead of an object per workload, which a 10,000-workload recompute spent more time in
 * the garbage collector on than in its sums). Where a workload runs, period after period: the
 * option and site of its latest assignment, and the "a → b" labels only for the few that move.
 */
type Work = {
  sum: Float64Array;
  pv: Float64Array;
  tokens: Float64Array;
  /** bits of the tiers it was counted in; 0 = no assignment names it */
  tiers: Uint8Array;
  /** the workloads assigned, in the order of their first assignment */
  order: Int32Array;
  count: number;
  lastOption: (CatalogOption | null)[];
  lastSite: (string | null)[];
  /** the labels of its places, for a workload whose place changes (absent: one place) */
  moves: Map<number, string[]>;
};

/**
 * name → index in a workload list (the last of a repeated name, as a Map built from the list
 * holds), kept per list: sensitivity and what-if recomputes reuse the list, and building the
 * map costs as much as a recompute's sums. A lookup checks the name at the index, so a list
 * changed in place since is indexed again.
 */
const NAME_INDEX = new WeakMap<readonly Workload[], Map<string, number>>();
function workloadIndex(list: readonly Workload[], name: string): number | undefined {
  let m = NAME_INDEX.get(list);
  let i = m?.get(name);
  if (i === undefined || list[i]?.name !== name) {
    m = new Map(list.map((w, j) => [w.name, j] as const));
    NAME_INDEX.set(list, m);
    i = m.get(name);
  }
  return i;
}
/**
 * The index in the workload list of each assignment row's workload, kept per plan (a what-if
 * recomputes the same plan on a new input, often with a new list of the same workloads): a
 * 10,000-workload recompute spent an eighth of its time looking names up. Taken again, row by
 * row, through workloadIndex when the list's names are not the ones the cache was built on, or
 * when the name at the cached index is not the row's.
 */
const ROW_INDEX = new WeakMap<readonly Assignment[], { names: string[]; ix: Int32Array }>();
function rowIndexes(list: readonly Workload[], rows: readonly Assignment[]): Int32Array {
  let c = ROW_INDEX.get(rows);
  if (!c || c.ix.length !== rows.length || c.names.length !== list.length || list.some((w, i) => w.name !== c!.names[i])) {
    c = { names: list.map((w) => w.name), ix: new Int32Array(rows.length).fill(-1) };
    ROW_INDEX.set(rows, c);
  }
  return c.ix;
}

/**
 * The workloads on one pool, rack space or cloud group in one period, in assignment order: index
 * wi and capacity share c in units (systems); for rented instances c(m) = ab × g[m] ÷ div = R × P_w(m) ÷ (u × unit_tps)
 * instances (R instances a replica).
 * Grown by doubling, so a group of thousands of members costs a few allocations.
 */
class Members {
  n = 0;
  wi = new Int32Array(64);
  c = new Float64Array(64);
  ab = new Float64Array(0);
  div = new Float64Array(0);
  g: Float64Array[] = [];
  add(wi: number, c: number): void {
    if (this.n === this.wi.length) this.grow();
    this.wi[this.n] = wi;
    this.c[this.n++] = c;
  }
  addCloud(wi: number, ab: number, g: Float64Array, div: number): void {
    if (this.ab.length < this.wi.length) { this.ab = new Float64Array(this.wi.length); this.div = new Float64Array(this.wi.length); }
    if (this.n === this.wi.length) this.grow();
    this.wi[this.n] = wi;
    this.ab[this.n] = ab;
    this.div[this.n] = div;
    this.g[this.n++] = g;
  }
  /** Σ c in member order */
  total(): number {
    let t = 0;
    for (let i = 0; i < this.n; i++) t += this.c[i]!;
    return t;
  }
  private grow(): void {
    const n = this.wi.length * 2;
    const wi = new Int32Array(n); wi.set(this.wi); this.wi = wi;
    const c = new Float64Array(n); c.set(this.c); this.c = c;
    if (this.ab.length > 0) {
      const ab = new Float64Array(n); ab.set(this.ab); this.ab = ab;
      const div = new Float64Array(n); div.set(this.div); this.div = div;
    }
  }
}
const NO_MEMBERS = new Members();

/** What every step of one computeTco call reads: the input, looked up by name. */
type Ctx = {
  input: PlanInput;
  plan: PlanResult;
  settings: PlanInput['settings'];
  H: number;
  u: number;
  delta: Float64Array;
  options: Map<string, CatalogOption>;
  sites: Map<string, Site>;
  warnings: string[];
};

/**
 * The running sums of one computeTco call: [(line × tier) × H], per site [line × H], demand and
 * tokens; addSum/addPv hold the undiscounted and PV sums of the additions since the caller reset them.
 */
type Acc = {
  lt: Float64Array;
  siteAccs: Map<string, SiteAcc>;
  demandAvg: Float64Array;
  demandPeak: Float64Array;
  tierTokens: Float64Array;
  tierWorkloads: Float64Array;
  work: Work;
  /** the sums of the cost no workload uses, reported as (unallocated) */
  unallocated: { sum: number; pv: number } | null;
  addSum: number;
  addPv: number;
  /** first purchases (systems and edge devices) by month */
  capexMonths: Float64Array;
};

export function computeTco(input: PlanInput, plan: PlanResult): TcoReport {
  const { settings } = input;
  const H = settings.horizon_months;
  const ctx: Ctx = {
    input,
    plan,
    settings,
    H,
    u: settings.max_utilization,
    delta: discountFactors(settings),
    options: new Map<string, CatalogOption>(input.catalog.options.map((o) => [o.id, o])),
    sites: new Map<string, Site>(input.sites.map((s) => [s.name, s])),
    warnings: [],
  };
  const acc: Acc = {
    lt: new Float64Array(NL * NT * H),
    siteAccs: new Map(),
    demandAvg: new Float64Array(H),
    demandPeak: new Float64Array(H),
    tierTokens: new Float64Array(NT),
    tierWorkloads: new Float64Array(NT),
    work: newWork(input.workloads.length),
    unallocated: null,
    addSum: 0,
    addPv: 0,
    capexMonths: new Float64Array(H),
  };
  siteAcc(acc, H, 'cloud', 'cloud');
  siteAcc(acc, H, 'edge', 'edge');

  const { served, poolUse, capacityOk, racks, capex } = accumulatePlan(ctx, acc);
  const { lineTotals, months, cumPv } = monthsOf(ctx, acc);
  const byLine = lineTotalsOf(ctx, lineTotals);
  const byTier = tierTotalsOf(ctx, acc);
  const bySite = siteTotalsOf(ctx, acc);
  const byWorkload = workloadTotalsOf(input, acc);
  const totalTokens = acc.tierTokens.reduce((a, b) => a + b, 0);
  const { warnings } = ctx;

  const undiscounted = months.reduce((a, x) => a + x.total_usd, 0);
  const horizon = cumPv;
  const li = (l: CostLine) => LINE_INDEX.get(l)!;
  const runRate = (m: number) => RUN_RATE_LINES.reduce((a, l) => a + lineTotals[li(l) * H + m]!, 0);
  const unservedNames = new Set(unservedWorkloadNames(plan));
  const unserved = unservedNames.size;
  const tiers = acc.work.tiers;
  const assigned = (w: Workload, i: number) => tiers[i] !== 0 || (tiers[workloadIndex(input.workloads, w.name) ?? -1] ?? 0) !== 0;
  const missing = input.workloads.filter((w, i) => !assigned(w, i) && !unservedNames.has(w.name));
  if (missing.length > 0) {
    warnings.push(`${missing.length} ${missing.length === 1 ? 'workload of the input is' : 'workloads of the input are'} neither assigned nor unserved in the plan: ${missing.slice(0, 5).map((w) => w.name).join(', ')}${missing.length > 5 ? ', …' : ''}`);
  }

  return {
    horizon_months: H,
    start_month: settings.start_month,
    discount_rate_pct: settings.discount_rate_pct,
    residual_value: settings.residual_value,
    hardware_price_change_pct_per_year: settings.hardware_price_change_pct_per_year,
    cloud_price_change_pct_per_year: settings.cloud_price_change_pct_per_year,
    lines: byLine.filter((l) => l.present).map((l) => l.line),
    line_labels: { ...COST_LINE_LABELS },
    months,
    totals: {
      horizon_cost_usd: horizon,
      undiscounted_usd: undiscounted,
      // every first purchase (systems and edge devices) at its π_hw price, replacements excluded
      capex_usd: capex,
      replacement_usd: replacementsOf(months),
      residual_credit_usd: byLine[li('residual_credit')]!.undiscounted_usd,
      run_rate_start_usd: runRate(0),
      run_rate_end_usd: runRate(H - 1),
      output_tokens_m: totalTokens,
      usd_per_m_tokens: totalTokens > 0 ? undiscounted / totalTokens : null,
      usd_per_m_tokens_pv: totalTokens > 0 ? horizon / totalTokens : null,
    },
    byLine,
    byTier,
    bySite,
    byWorkload,
    pools: poolUse,
    racks,
    capacity_ok: capacityOk,
    served_workloads: served,
    unserved_workloads: unserved,
    warnings,
  };
}

/** Re-buys at the end of lifetimes: the purchase lines less the first purchases (edge_capex holds an edge device's re-buys too). */
function replacementsOf(months: readonly TcoMonth[]): number {
  let bought = 0, first = 0;
  for (const m of months) {
    bought += m.lines.system_capex + m.lines.system_replacement + m.lines.edge_capex;
    first += m.capex_usd;
  }
  // a difference of sums: rounding noise is no replacement
  const r = bought - first;
  return Math.abs(r) <= 1e-6 * Math.max(1, bought) ? 0 : r;
}

/** The [line × H] accumulator of a site (kind 'site'), or of the cloud / edge pseudo-sites. */
function siteAcc(acc: Acc, H: number, kind: SiteAcc['kind'], name: string): Float64Array {
  const key = `${kind}:${name}`;
  let a = acc.siteAccs.get(key);
  if (!a) acc.siteAccs.set(key, (a = { site: name, kind, acc: new Float64Array(NL * H) }));
  return a.acc;
}

/**
 * Adds v × scale to line li / tier ti / site acc sa; adds its undiscounted and PV sums to acc.addSum / addPv.
 * [from, to) may skip months where v is 0 (adding 0 changes no sum).
 */
function addVec(ctx: Ctx, acc: Acc, li: number, ti: number, sa: Float64Array, v: Float64Array, scale: number, from = 0, to = ctx.H): void {
  const { H, delta } = ctx;
  const lt = acc.lt;
  const b1 = (li * NT + ti) * H;
  const b2 = li * H;
  let s = 0;
  let p = 0;
  for (let m = from; m < to; m++) {
    const x = v[m]! * scale;
    lt[b1 + m]! += x;
    sa[b2 + m]! += x;
    s += x;
    p += x * delta[m]!;
  }
  acc.addSum += s;
  acc.addPv += p;
}

function addLineVectors(ctx: Ctx, acc: Acc, lines: LineVectors, ti: number, sa: Float64Array, scale: number, from = 0, to = ctx.H): void {
  for (const k in lines) {
    const v = lines[k as CostLine];
    if (v) addVec(ctx, acc, LINE_INDEX.get(k as CostLine)!, ti, sa, v, scale, from, to);
  }
}

/** Splits sum/pv over the members by capacity share, or books it as (unallocated) with a warning. */
function allocate(ctx: Ctx, acc: Acc, members: Members | undefined, sum: number, pv: number, what: string): void {
  const m = members ?? NO_MEMBERS;
  allocateShares(ctx, acc, m, m.c, m.total(), sum, pv, what);
}

/** allocate() over members whose shares c[i] sum to total (in member order). */
function allocateShares(ctx: Ctx, acc: Acc, members: Members, c: Float64Array, total: number, sum: number, pv: number, what: string): void {
  if (members.n === 0 || !(total > 0)) {
    if (sum !== 0 || pv !== 0) {
      const x = (acc.unallocated ??= { sum: 0, pv: 0 });
      x.sum += sum;
      x.pv += pv;
      ctx.warnings.push(`${what} serves no workload of the plan; its cost is reported as ${UNALLOCATED}`);
    }
    return;
  }
  const { sum: ws, pv: wp } = acc.work;
  const wi = members.wi;
  for (let i = 0; i < members.n; i++) {
    const ci = c[i]!;
    ws[wi[i]!]! += (sum * ci) / total;
    wp[wi[i]!]! += (pv * ci) / total;
  }
}

/** The month rows, with the [line × H] totals over tiers they are summed from. */
function monthsOf(ctx: Ctx, acc: Acc): { lineTotals: Float64Array; months: TcoMonth[]; cumPv: number } {
  const { settings, H, delta } = ctx;
  const { lt, demandAvg, demandPeak } = acc;
  const lineTotals = new Float64Array(NL * H);
  for (let li = 0; li < NL; li++) {
    for (let ti = 0; ti < NT; ti++) {
      const b = (li * NT + ti) * H;
      for (let m = 0; m < H; m++) lineTotals[li * H + m]! += lt[b + m]!;
    }
  }
  const months: TcoMonth[] = [];
  let cum = 0;
  let cumPv = 0;
  for (let m = 0; m < H; m++) {
    const lines = {} as LineRecord;
    let total = 0;
    for (let li = 0; li < NL; li++) {
      const x = lineTotals[li * H + m]!;
      lines[COST_LINES[li]!] = x;
      total += x;
    }
    const byTier = {} as TierRecord;
    for (let ti = 0; ti < NT; ti++) {
      let x = 0;
      for (let li = 0; li < NL; li++) x += lt[(li * NT + ti) * H + m]!;
      byTier[TIERS[ti]!] = x;
    }
    cum += total;
    cumPv += total * delta[m]!;
    months.push({
      month: m,
      label: addPlanMonths(settings.start_month, m),
      total_usd: total,
      lines,
      byTier,
      cumulative_usd: cum,
      discount_factor: delta[m]!,
      pv_usd: total * delta[m]!,
      capex_usd: acc.capexMonths[m]!,
      cumulative_pv_usd: cumPv,
      demand: {
        avg_tps: demandAvg[m]!,
        peak_tps: demandPeak[m]!,
        output_tokens_m: (demandAvg[m]! * 3600 * HOURS_PER_MONTH) / 1e6,
      },
    });
  }
  return { lineTotals, months, cumPv };
}

function lineTotalsOf(ctx: Ctx, lineTotals: Float64Array): TcoLineTotal[] {
  const { H, delta } = ctx;
  return COST_LINES.map((line, li) => {
    let s = 0;
    let p = 0;
    let present = false;
    for (let m = 0; m < H; m++) {
      const x = lineTotals[li * H + m]!;
      if (x !== 0) present = true;
      s += x;
      p += x * delta[m]!;
    }
    return { line, label: COST_LINE_LABELS[line], undiscounted_usd: s, horizon_cost_usd: p, present };
  });
}

function tierTotalsOf(ctx: Ctx, acc: Acc): TcoTierTotal[] {
  const { H, delta } = ctx;
  const { lt, tierTokens, tierWorkloads } = acc;
  return TIERS.map((tier, ti) => {
    const lines = {} as LineRecord;
    let s = 0;
    let p = 0;
    for (let li = 0; li < NL; li++) {
      let ls = 0;
      const b = (li * NT + ti) * H;
      for (let m = 0; m < H; m++) {
        ls += lt[b + m]!;
        p += lt[b + m]! * delta[m]!;
      }
      lines[COST_LINES[li]!] = ls;
      s += ls;
    }
    const tok = tierTokens[ti]!;
    return { tier, undiscounted_usd: s, horizon_cost_usd: p, lines, output_tokens_m: tok, usd_per_m_tokens: tok > 0 ? s / tok : null, workloads: tierWorkloads[ti]! };
  });
}

function siteTotalsOf(ctx: Ctx, acc: Acc): TcoSiteTotal[] {
  const { H, delta } = ctx;
  const bySite: TcoSiteTotal[] = [];
  for (const { site, kind, acc: sa } of acc.siteAccs.values()) {
    const lines = {} as LineRecord;
    const monthly = new Array<number>(H).fill(0);
    let s = 0;
    let p = 0;
    for (let li = 0; li < NL; li++) {
      let ls = 0;
      for (let m = 0; m < H; m++) {
        const x = sa[li * H + m]!;
        ls += x;
        monthly[m]! += x;
        p += x * delta[m]!;
      }
      lines[COST_LINES[li]!] = ls;
      s += ls;
    }
    if (kind !== 'site' && s === 0 && p === 0 && !Object.values(lines).some((x) => x !== 0)) continue;
    bySite.push({ site, kind, undiscounted_usd: s, horizon_cost_usd: p, lines, monthly_usd: monthly });
  }
  return bySite;
}

function workloadTotalsOf(input: PlanInput, acc: Acc): TcoWorkloadTotal[] {
  const byWorkload: TcoWorkloadTotal[] = [];
  const { sum, pv, tokens, order, count, lastOption, lastSite, moves } = acc.work;
  for (let j = 0; j < count; j++) {
    const i = order[j]!;
    const o = lastOption[i]!;
    const tok = tokens[i]!;
    byWorkload.push({
      workload: input.workloads[i]!.name,
      option: moves.get(i)?.join(' → ') ?? o.id,
      site: lastSite[i]!,
      tier: o.tier,
      undiscounted_usd: sum[i]!,
      horizon_cost_usd: pv[i]!,
      output_tokens_m: tok,
      usd_per_m_tokens: tok > 0 ? sum[i]! / tok : null,
    });
  }
  const u = acc.unallocated;
  if (u) {
    byWorkload.push({
      workload: UNALLOCATED, option: null, site: null, tier: null,
      undiscounted_usd: u.sum, horizon_cost_usd: u.pv, output_tokens_m: 0, usd_per_m_tokens: null,
    });
  }
  return byWorkload;
}

function newWork(n: number): Work {
  return {
    sum: new Float64Array(n), pv: new Float64Array(n), tokens: new Float64Array(n), tiers: new Uint8Array(n),
    order: new Int32Array(n), count: 0,
    lastOption: new Array<CatalogOption | null>(n).fill(null), lastSite: new Array<string | null>(n).fill(null),
    moves: new Map(),
  };
}

const placeLabel = (o: CatalogOption, site: string | null) => (site ? `${o.id} at ${site}` : o.id);

/**
 * Records workload wi's assignment to option o at site (in plan order): its first place, or a
 * move when the place changes, labelled "option at site" (a repeated label is not a move).
 */
function placeOf(work: Work, wi: number, o: CatalogOption, site: string | null): void {
  const last = work.lastOption[wi];
  if (!last) {
    work.order[work.count++] = wi;
  } else if (last !== o || work.lastSite[wi] !== site) {
    const label = placeLabel(o, site);
    let l = work.moves.get(wi);
    const prev = l ? l[l.length - 1] : placeLabel(last, work.lastSite[wi]!);
    if (prev !== label) {
      if (!l) work.moves.set(wi, (l = [prev!]));
      l.push(label);
    }
  }
  work.lastOption[wi] = o;
  work.lastSite[wi] = site;
}

/**
 * Members per period of groups named by two or three parts (pool site|option|model, racks
 * site|option, instances option|model), found through nested maps: no key string per assignment.
 */
class Groups {
  #root = new Map<string, Map<string, Members[] | Map<string, Members[]>>>();
  readonly periods: number;
  constructor(periods: number) {
    this.periods = periods;
  }
  get(a: string, b: string, c?: string, create = false): Members[] | undefined {
    let m1 = this.#root.get(a);
    if (!m1) {
      if (!create) return undefined;
      this.#root.set(a, (m1 = new Map()));
    }
    let x = m1.get(b);
    if (c === undefined) {
      if (!x && create) m1.set(b, (x = this.#new()));
      return x as Members[] | undefined;
    }
    if (!x) {
      if (!create) return undefined;
      m1.set(b, (x = new Map()));
    }
    const m2 = x as Map<string, Members[]>;
    let l = m2.get(c);
    if (!l && create) m2.set(c, (l = this.#new()));
    return l;
  }
  #new(): Members[] {
    return Array.from({ length: this.periods }, () => new Members());
  }
}

/** unit_tps of the assignment, or (when missing) of the option's best fitting point. */
function pointUnitTps(unitTps: number | null | undefined, o: CatalogOption, w: Workload): number {
  if (unitTps != null && unitTps > 0) return unitTps;
  const p = bestPoint(pointsFor(o, w.model), w);
  if (!p || !(p.unit_tps! > 0)) throw new Error(`plan: workload "${w.name}" on ${o.id} has no unit_tps and no fitting point to take it from`);
  return p.unit_tps!;
}

/** What the steps of accumulatePlan share: the periods within the horizon and the members of each group. */
type PlanCtx = {
  periods: Period[];
  /** period of each month 0 … H−1 */
  kOf: number[];
  cloudSa: Float64Array;
  edgeSa: Float64Array;
  /** members per period: pool site|option|model, racks site|option, instances option|model */
  poolM: Groups;
  rackM: Groups;
  cloudM: Groups;
  /** one vector for every API assignment: a typed array per assignment would cost more than its sums */
  scratch: Float64Array;
};

function option(ctx: Ctx, id: string): CatalogOption {
  const o = ctx.options.get(id);
  if (!o) throw new Error(`plan: unknown option "${id}"`);
  return o;
}
function workloadOf(ctx: Ctx, name: string): number {
  const i = workloadIndex(ctx.input.workloads, name);
  if (i === undefined) throw new Error(`plan: assignment of unknown workload "${name}"`);
  return i;
}

/**
 * A phased plan (DESIGN 6 v2): tranches per purchase, racks per (site, period), whole cloud
 * instances per month, assignments per period, edge purchases — all from cost.ts, as the
 * optimizer's coefficients. Pool, rack and cloud costs are split, month by month, over the
 * workloads using them in that month's period, in proportion to their capacity share.
 * Each step is a function of its own: a step that meets an object of a new shape is
 * re-optimised alone, instead of sending the whole computation back to the interpreter.
 */
function accumulatePlan(ctx: Ctx, acc: Acc): { served: number; poolUse: TcoPoolUse[]; racks: TcoRacks[]; capacityOk: boolean; capex: number } {
  const { plan, settings, H } = ctx;
  // a what-if horizon shorter than the plan's: the plan's later months fall outside and cost nothing
  const periods = (plan.periods.length > 0 ? plan.periods : periodsOf(settings)).map((p) =>
    p.start_month + p.months <= H ? p : { ...p, months: Math.max(0, H - p.start_month) },
  );
  const pc: PlanCtx = {
    periods,
    kOf: periodOfMonth(periods),
    cloudSa: siteAcc(acc, H, 'cloud', 'cloud'),
    edgeSa: siteAcc(acc, H, 'edge', 'edge'),
    poolM: new Groups(periods.length),
    rackM: new Groups(periods.length),
    cloudM: new Groups(periods.length),
    scratch: new Float64Array(H),
  };
  const rows = plan.assignments;
  const ix = rowIndexes(ctx.input.workloads, rows);
  for (let j = 0; j < rows.length; j++) addAssignment(ctx, acc, pc, rows[j]!, ix, j);
  // capex: edge devices' first purchases, then the systems', summed in that order
  const capex = addTranches(ctx, acc, pc, addEdgePurchases(ctx, acc, pc));
  const racks = addRacks(ctx, acc, pc);
  const cloudShort = addCloud(ctx, acc, pc);
  // capacity: owned units ≥ what the period's workloads need (and rented instances, above)
  const { poolUse, poolsOk } = poolUseOf(ctx, pc);
  return { served: acc.work.count, poolUse, racks, capacityOk: !cloudShort && poolsOk, capex };
}

/**
 * One assignment (row j of the plan; ix[j] its workload's index, −1 when not known yet): its
 * demand and tokens, its API or edge costs, its share in a pool or the month's instances.
 */
function addAssignment(ctx: Ctx, acc: Acc, pc: PlanCtx, a: Assignment, ix: Int32Array, j: number): void {
  const { input, settings, H, u, options } = ctx;
  const { work, demandAvg, demandPeak } = acc;
  let wi = ix[j]!;
  if (wi < 0 || input.workloads[wi]!.name !== a.workload) ix[j] = wi = workloadOf(ctx, a.workload);
  const w = input.workloads[wi]!;
  const o = option(ctx, a.option);
  const p = pc.periods[a.period];
  if (!p) throw new Error(`plan: workload "${w.name}" is assigned in period ${a.period}, beyond the horizon`);
  const ti = TIER_INDEX.get(o.tier)!;
  placeOf(work, wi, o, a.site);
  if (!(work.tiers[wi]! & (1 << ti))) { work.tiers[wi]! |= 1 << ti; acc.tierWorkloads[ti]! += 1; }
  let tokens = 0;
  const g = growthTable(w.monthly_growth_pct, H);
  const end = p.start_month + p.months;
  for (let m = p.start_month; m < end; m++) {
    const avg = w.avg_output_tps * g[m]!; // avgTps(w, m)
    demandAvg[m]! += avg;
    demandPeak[m]! += avg * w.peak_to_avg;
    tokens += avg;
  }
  const tok = (tokens * 3600 * HOURS_PER_MONTH) / 1e6;
  work.tokens[wi]! += tok;
  acc.tierTokens[ti]! += tok;
  if (o.kind === 'system') {
    // periodDemand(w, p), its growth factors read from the table (the same values)
    const ab = w.avg_output_tps * w.peak_to_avg;
    const d = end > p.start_month ? Math.max(ab * g[p.start_month]!, ab * g[end - 1]!) : periodDemand(w, p);
    const c = (d / (u * pointUnitTps(a.unit_tps, o, w))) * unitsPerReplica(o, a.model);
    const site = String(a.site);
    pc.poolM.get(site, o.id, a.model, true)![a.period]!.add(wi, c);
    pc.rackM.get(site, o.id, undefined, true)![a.period]!.add(wi, c);
  } else if (o.kind === 'cloud_instance') {
    // in instances, as the rows rent them: a replica of R instances delivers unit_tps
    pc.cloudM.get(o.id, a.model, undefined, true)![a.period]!.addCloud(wi, w.avg_output_tps * w.peak_to_avg, g, (u * pointUnitTps(a.unit_tps, o, w)) / unitsPerReplica(o, a.model));
  } else {
    acc.addSum = 0;
    acc.addPv = 0;
    if (o.kind === 'cloud_api') {
      writeApiPeriod(pc.scratch, w, o, settings, p.start_month, p.months);
      addVec(ctx, acc, LINE_INDEX.get('api_tokens')!, ti, pc.cloudSa, pc.scratch, 1, p.start_month, end);
    } else {
      const api = o.inference_via ? options.get(o.inference_via) : undefined;
      addLineVectors(ctx, acc, edgeUseLines(w, o, api?.kind === 'cloud_api' ? api : null, settings, p.start_month, p.months), ti, pc.edgeSa, 1, p.start_month, end);
    }
    work.sum[wi]! += acc.addSum;
    work.pv[wi]! += acc.addPv;
  }
}

/** Edge devices bought (each re-bought each lifetime), booked to their workload; returns their first purchases' capex. */
function addEdgePurchases(ctx: Ctx, acc: Acc, pc: PlanCtx): number {
  const { input, plan, settings, H } = ctx;
  const { periods } = pc;
  const { work } = acc;
  let capex = 0;
  for (const e of plan.edge) {
    const o = option(ctx, e.option);
    if (o.kind !== 'edge_device') throw new Error(`plan: edge purchase of "${e.option}", not an edge device`);
    if (periods[e.period]!.start_month >= H) continue; // bought after a what-if horizon: not in it
    const ei = workloadOf(ctx, e.workload);
    acc.addSum = 0;
    acc.addPv = 0;
    const p = periods[e.period]!.start_month;
    const lines = edgePurchaseLines(input.workloads[ei]!, o, settings, p);
    capex += lines.edge_capex![p]!;
    acc.capexMonths[p]! += lines.edge_capex![p]!;
    addLineVectors(ctx, acc, lines, TIER_INDEX.get(o.tier)!, pc.edgeSa, 1);
    if (work.tiers[ei] !== 0) { work.sum[ei]! += acc.addSum; work.pv[ei]! += acc.addPv; } else allocate(ctx, acc, undefined, acc.addSum, acc.addPv, `${o.id} bought for ${e.workload}`);
  }
  return capex;
}

/** Books a monthly total vector period by period over the members of each period. */
function allocateByPeriod(ctx: Ctx, acc: Acc, pc: PlanCtx, total: Float64Array, members: Members[] | undefined, what: string): void {
  const { delta } = ctx;
  pc.periods.forEach((p, k) => {
    let s = 0, pv = 0;
    for (let m = p.start_month; m < p.start_month + p.months; m++) { s += total[m]!; pv += total[m]! * delta[m]!; }
    if (s !== 0 || pv !== 0) allocate(ctx, acc, members?.[k], s, pv, `${what} in period ${k + 1}`);
  });
}

/** System tranches, per pool, split over the pool's workloads; returns capexBefore + their first purchases' capex. */
function addTranches(ctx: Ctx, acc: Acc, pc: PlanCtx, capexBefore: number): number {
  const { plan, settings, H, sites } = ctx;
  const { periods } = pc;
  let capex = capexBefore;
  const poolTotals = new Map<string, Float64Array>();
  for (const b of plan.purchases) {
    const s = option(ctx, b.option);
    const site = sites.get(b.site);
    if (s.kind !== 'system' || !site) throw new Error(`plan: purchase of "${b.option}" at "${b.site}" is not a system at a known site`);
    if (periods[b.period]!.start_month >= H) continue; // bought after a what-if horizon: not in it
    const key = `${b.site}\u0000${s.id}\u0000${b.model}`;
    let tot = poolTotals.get(key);
    if (!tot) poolTotals.set(key, (tot = new Float64Array(H)));
    const p = periods[b.period]!.start_month;
    const lines = trancheUnitLines(s, site, settings, p);
    capex += b.units * lines.system_capex![p]!;
    acc.capexMonths[p]! += b.units * lines.system_capex![p]!;
    addLineVectors(ctx, acc, lines, TIER_INDEX.get(s.tier)!, siteAcc(acc, H, 'site', site.name), b.units);
    for (const v of Object.values(lines)) if (v) for (let m = 0; m < H; m++) tot[m]! += v[m]! * b.units;
  }
  for (const [key, tot] of poolTotals) {
    const [site, option, model] = key.split('\u0000') as [string, string, string];
    allocateByPeriod(ctx, acc, pc, tot, pc.poolM.get(site, option, model), `the pool of ${option} for ${model} at ${site}`);
  }
  return capex;
}

/** Rack space per (site, option, period), from the plan's layout, split over the workloads on those systems. */
function addRacks(ctx: Ctx, acc: Acc, pc: PlanCtx): TcoRacks[] {
  const { plan, H, sites } = ctx;
  const { periods } = pc;
  const rackCount = new Map<string, number[]>();
  for (const su of plan.sites) {
    for (const r of su.racks) {
      const key = `${su.site}\u0000${r.option}`;
      let l = rackCount.get(key);
      if (!l) rackCount.set(key, (l = periods.map(() => 0)));
      l[su.period]! += r.spans;
    }
  }
  const racks: TcoRacks[] = [];
  for (const [key, byK] of rackCount) {
    const [siteName, optionId] = key.split('\u0000') as [string, string];
    const site = sites.get(siteName);
    const s = option(ctx, optionId);
    if (!site) throw new Error(`plan: racks at unknown site "${siteName}"`);
    const tot = new Float64Array(H);
    byK.forEach((n, k) => {
      // the last period's racks hold its hardware to the end of a longer what-if horizon, as its
      // energy and support run on (bench/trust.ts monthly-1 at 18 months: $3,936 a month was missing)
      const end = k === periods.length - 1 ? Math.max(H, periods[k]!.start_month + periods[k]!.months) : periods[k]!.start_month + periods[k]!.months;
      for (let m = periods[k]!.start_month; m < Math.min(end, H); m++) tot[m] = n * site.usd_per_rack_month;
    });
    const units = Math.max(0, ...periods.map((_, k) => plan.pools.filter((p) => p.period === k && p.site === siteName && p.option === optionId).reduce((a, p) => a + p.units, 0)));
    racks.push({ site: siteName, option: optionId, racks: Math.max(...byK), units, source: 'layout' });
    if (site.usd_per_rack_month === 0) continue;
    addVec(ctx, acc, LINE_INDEX.get('system_space')!, TIER_INDEX.get(s.tier)!, siteAcc(acc, H, 'site', site.name), tot, 1);
    allocateByPeriod(ctx, acc, pc, tot, pc.rackM.get(siteName, optionId), `racks of ${optionId} at ${siteName}`);
  }
  return racks;
}

/** Whole cloud instances per month, split over that month's workloads on them; true when some month rents too few. */
function addCloud(ctx: Ctx, acc: Acc, pc: PlanCtx): boolean {
  const { plan, settings, H, warnings } = ctx;
  const li = LINE_INDEX.get('cloud_instances')!;
  let cloudShort = false;
  const v = new Float64Array(H);
  let shares = new Float64Array(0);
  for (const c of plan.cloud) {
    const o = option(ctx, c.option);
    if (o.kind !== 'cloud_instance') throw new Error(`plan: cloud rental of "${c.option}", not a cloud instance`);
    if (c.month >= H) continue; // rented after a what-if horizon: not in it (its month has no row to cost)
    v[c.month] = c.instances * cloudInstanceMonthCost(o, settings, c.month);
    acc.addSum = 0;
    acc.addPv = 0;
    addVec(ctx, acc, li, TIER_INDEX.get(o.tier)!, pc.cloudSa, v, 1, c.month, c.month + 1);
    v[c.month] = 0;
    const m = c.month;
    const members = pc.cloudM.get(c.option, c.model)?.[pc.kOf[m]!] ?? NO_MEMBERS;
    if (shares.length < members.n) shares = new Float64Array(members.n * 2);
    let required = 0;
    for (let i = 0; i < members.n; i++) {
      shares[i] = (members.ab[i]! * members.g[i]![m]!) / members.div[i]!; // R × peakTps(w, m) ÷ (u × unit_tps), instances
      required += shares[i]!;
    }
    allocateShares(ctx, acc, members, shares, required, acc.addSum, acc.addPv, `${c.instances} × ${c.option} in ${formatPlanMonth(settings.start_month, c.month)}`);
    if (c.instances + 1e-6 < required) {
      cloudShort = true;
      warnings.push(`${c.instances} × ${c.option} for ${c.model} in ${formatPlanMonth(settings.start_month, c.month)}: its workloads need ${required.toFixed(2)}`);
    }
  }
  return cloudShort;
}

/** Each pool's units against what its period's workloads need (the last period's row per pool). */
function poolUseOf(ctx: Ctx, pc: PlanCtx): { poolUse: TcoPoolUse[]; poolsOk: boolean } {
  let poolsOk = true;
  const last = new Map<string, TcoPoolUse>();
  for (const p of ctx.plan.pools) {
    const key = `${p.site}\u0000${p.option}\u0000${p.model}`;
    const members = pc.poolM.get(p.site, p.option, p.model)?.[p.period] ?? NO_MEMBERS;
    const required = members.total();
    if (p.units + 1e-6 < required) {
      poolsOk = false;
      ctx.warnings.push(`pool ${p.option} for ${p.model} at ${p.site} in period ${p.period + 1}: ${p.units} units, its workloads need ${required.toFixed(2)}`);
    }
    if (p.period >= (last.get(key)?.period ?? -1)) last.set(key, { period: p.period, site: p.site, option: p.option, model: p.model, units: p.units, required_units: required, workloads: members.n });
  }
  return { poolUse: [...last.values()], poolsOk };
}
