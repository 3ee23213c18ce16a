// The procurement schedule of a solved plan: per period and site what is bought, replaced and
// rented; where each workload runs in each period and when it moves; units owned against units
// needed per pool; cost by plan year; and the sentence saying what is bought when. One view-model for the
// app and the PDF. Money comes from core/cost.ts (the TCO engine's own vectors) and sizes from
// core/sizing.ts, so the schedule's capex and replacements add up to the TCO lines exactly.
import { COST_LINE_RECURRING, COST_LINES, edgePurchaseLines, trancheUnitLines, apiPeriodVector, cloudInstanceMonthCost } from '../cost.ts';
import { DOLLARS, formatCount, formatList, formatMoney, formatMoneyCompact, formatMoneyIn, formatNumber, formatPlanMonth, formatPlanMonths, formatTps, formatUnitsReplicas } from '../format.ts';
import { periodLabel, periodName, periodRunName, planPeriods, planYearName, runsOf } from '../plan-periods.ts';
import { periodOfMonth, peakTps, unitsPerReplica } from '../sizing.ts';
import type { TcoReport } from '../tco/engine.ts';
import { roundedAway, roundingNote, roundTable } from '../round-table.ts';
import type { MoneyUnit } from '../format.ts';
import type { CatalogOption, OptionKind, PlanInput, PlanPeriod, PlanResult, Site, Tier, Workload } from '../types.ts';

/** One row of what a site gets in a period. quantity: units, devices or (peak) instances; null for token APIs. */
export type ScheduleItem = {
  option: string;
  /** the catalog name, as people read it */
  name: string;
  model: string | null;
  /** the workload an edge purchase equips; null for pooled hardware and rentals */
  workload: string | null;
  quantity: number | null;
  quantity_unit: 'units' | 'devices' | 'instances' | null;
  /** replicas bought (systems): units ÷ units_per_replica */
  replicas: number | null;
  usd: number;
  /** month index the money is paid in (purchases, replacements); null for rentals spread over the period */
  month: number | null;
  /** workloads a rental serves in the period */
  workloads: string[];
};

export type SiteKind = 'site' | 'cloud' | 'edge';
export type ScheduleSite = {
  /** a site name, or "cloud" / "edge" (see kind) */
  site: string;
  kind: SiteKind;
  bought: ScheduleItem[];
  replaced: ScheduleItem[];
  rented: ScheduleItem[];
  capex_usd: number;
  replacement_usd: number;
  rent_usd: number;
};

export type SchedulePeriod = PlanPeriod & {
  /** "Year 1 Nov 2026 – Oct 2027" */
  name: string;
  /** "Nov 2026 – Oct 2027" */
  label: string;
  /** "Nov 2026": when its purchases are made */
  starts: string;
  sites: ScheduleSite[];
  /** first purchases (systems and edge devices) at π_hw prices, undiscounted */
  capex_usd: number;
  /** re-buys at the end of a lifetime paid in this period's months */
  replacement_usd: number;
  /** cloud instances and token APIs over the period's months */
  rent_usd: number;
};

export type TimelineCell = {
  period: number;
  option: string;
  name: string;
  model: string;
  site: string | null;
  tier: Tier;
  kind: OptionKind;
} | { period: number; unserved: string };

export type WorkloadTimeline = { workload: string; cells: TimelineCell[]; moves: number };

export type ScheduleMove = {
  workload: string;
  /** the period it moves in */
  period: number;
  from: TimelineCell;
  to: TimelineCell;
  /** "code-completion: GroqCloud API → Vera Rubin NVL72 at colo-liquid-hall from Nov 2027" */
  sentence: string;
};

/**
 * One system pool (site, option, model) month by month: the units owned against the units its
 * workloads' peak demand needs. needed_units(m) = R × Σ P_w(m) ÷ (u × unit_tps_w) over the workloads
 * on the pool in month m (the solver's pool row, month by month: needed ≤ owned). A pool's tokens/s
 * are not a fixed size: a replica serves each workload at the fastest operating point within its
 * latency limit, so the same units are worth 95,000 tok/s to a batch workload and 24,000 to a
 * latency-bound one. Drawn in tokens/s, owned capacity rose and fell with no purchase or sale as
 * workloads moved on and off the pool ("Units owned: 2 from May 2026" under a line
 * that jumped to ~95k tok/s and fell to ~24k); in units, what is owned only moves when it is bought.
 */
export type PoolCapacity = {
  site: string;
  option: string;
  name: string;
  model: string;
  units_per_replica: number;
  owned_units: number[];
  /** fractional: the units the month's peak demand needs at the utilisation cap */
  needed_units: number[];
  /** Σ P_w(m) of the workloads on the pool in month m, tokens/s */
  demand_tps: number[];
  peak_demand_tps: number;
  max_owned_units: number;
  workloads: string[];
  /** what a replica serves of each workload on the pool (its unit_tps at the operating point used), fastest first */
  rates: { workload: string; unit_tps: number }[];
};

export type PlanYearCost = {
  year: number;
  /** "Year 1 Nov 2026 – Oct 2027" */
  name: string;
  total_usd: number;
  /** first purchases of systems and edge devices, at the prices paid: capex (DESIGN 8: replacements excluded) */
  capex_usd: number;
  /** systems and edge devices re-bought at the end of their lifetime, at the prices paid */
  replacement_usd: number;
  /** energy, support, space, cloud, tokens, edge energy and inference */
  running_usd: number;
  /** the residual credit, booked in the horizon's last month (≤ 0) */
  residual_usd: number;
  /** Σ δ(m) × month total */
  pv_usd: number;
};

export type Schedule = {
  start_month: string;
  horizon_months: number;
  interval_months: number;
  max_utilization: number;
  periods: SchedulePeriod[];
  timeline: WorkloadTimeline[];
  moves: ScheduleMove[];
  /** largest first (by peak demand, then capacity) */
  pools: PoolCapacity[];
  years: PlanYearCost[];
  capex_usd: number;
  replacement_usd: number;
  /** "Buy 3 NVIDIA HGX B200 systems at dc-east in Nov 2026 ($1.2M); add 2 … in Nov 2027 ($…)." */
  summary: string;
};

type Ctx = {
  input: PlanInput;
  plan: PlanResult;
  periods: PlanPeriod[];
  kOf: number[];
  H: number;
  opt: (id: string) => CatalogOption;
  site: (name: string) => Site;
  wl: (name: string) => Workload;
};

function contextOf(input: PlanInput, plan: PlanResult): Ctx {
  const H = input.settings.horizon_months;
  const periods = planPeriods(plan, H);
  const options = new Map(input.catalog.options.map((o) => [o.id, o] as const));
  const sites = new Map(input.sites.map((s) => [s.name, s] as const));
  const workloads = new Map(input.workloads.map((w) => [w.name, w] as const));
  const get = <T>(map: Map<string, T>, what: string) => (k: string): T => {
    const v = map.get(k);
    if (v === undefined) throw new Error(`plan names ${what} "${k}", which is not in the document`);
    return v;
  };
  return { input, plan, periods, kOf: periodOfMonth(periods), H, opt: get(options, 'option'), site: get(sites, 'site'), wl: get(workloads, 'workload') };
}

/** The schedule of a solved plan; tco is computeTco(input, plan) (for cost by plan year). */
export function buildSchedule(input: PlanInput, plan: PlanResult, tco: TcoReport): Schedule {
  const ctx = contextOf(input, plan);
  const periods = periodsOf(ctx);
  const { timeline, moves } = timelineOf(ctx);
  const schedule: Omit<Schedule, 'summary'> = {
    start_month: input.settings.start_month,
    horizon_months: ctx.H,
    interval_months: input.settings.purchase_interval_months,
    max_utilization: input.settings.max_utilization,
    periods,
    timeline,
    moves,
    pools: poolsOf(ctx),
    years: yearsOf(ctx, tco),
    capex_usd: periods.reduce((a, p) => a + p.capex_usd, 0),
    replacement_usd: periods.reduce((a, p) => a + p.replacement_usd, 0),
  };
  return { ...schedule, summary: summarySentence(schedule, new Set(ctx.plan.assignments.map((a) => a.workload)).size) };
}

function item(o: CatalogOption, f: Partial<ScheduleItem> & Pick<ScheduleItem, 'usd'>): ScheduleItem {
  return { option: o.id, name: o.name, model: null, workload: null, quantity: null, quantity_unit: null, replicas: null, month: null, workloads: [], ...f };
}

/** Bought, replaced and rented per period and site; money from the same cost.ts vectors as the TCO engine. */
function periodsOf(ctx: Ctx): SchedulePeriod[] {
  const { input, plan, periods, kOf, H, opt, site, wl } = ctx;
  const { settings } = input;
  const start = settings.start_month;
  const perSite = periods.map(() => new Map<string, ScheduleSite>());
  const at = (k: number, name: string, kind: SiteKind): ScheduleSite => {
    const key = `${kind}\u0000${name}`;
    let s = perSite[k]!.get(key);
    if (!s) perSite[k]!.set(key, (s = { site: name, kind, bought: [], replaced: [], rented: [], capex_usd: 0, replacement_usd: 0, rent_usd: 0 }));
    return s;
  };
  const per = (k: number) => {
    const p = periods[k];
    if (!p) throw new Error(`plan names period ${k}, beyond the horizon`);
    return p;
  };
  for (const b of plan.purchases) {
    const o = opt(b.option);
    if (o.kind !== 'system') throw new Error(`purchase of ${b.option}: not a system`);
    const p = per(b.period).start_month;
    const lines = trancheUnitLines(o, site(b.site), settings, p);
    const capex = b.units * lines.system_capex![p]!;
    const s = at(b.period, b.site, 'site');
    s.bought.push(item(o, { model: b.model, quantity: b.units, quantity_unit: 'units', replicas: b.replicas, usd: capex, month: p }));
    s.capex_usd += capex;
    lines.system_replacement!.forEach((v, t) => {
      if (v === 0) return;
      const r = at(kOf[t]!, b.site, 'site');
      r.replaced.push(item(o, { model: b.model, quantity: b.units, quantity_unit: 'units', replicas: b.replicas, usd: b.units * v, month: t }));
      r.replacement_usd += b.units * v;
    });
  }
  for (const e of plan.edge) {
    const o = opt(e.option);
    if (o.kind !== 'edge_device') throw new Error(`edge purchase of ${e.option}: not an edge device`);
    const p = per(e.period).start_month;
    const capex = edgePurchaseLines(wl(e.workload), o, settings, p).edge_capex!;
    capex.forEach((v, t) => {
      if (v === 0) return;
      const first = t === p;
      const s = at(first ? e.period : kOf[t]!, 'edge', 'edge');
      const row = item(o, { workload: e.workload, quantity: e.devices, quantity_unit: 'devices', usd: v, month: t });
      if (first) { s.bought.push(row); s.capex_usd += v; } else { s.replaced.push(row); s.replacement_usd += v; }
    });
  }
  // cloud instances: the period's peak instances and their cost over its months
  const rentals = new Map<string, ScheduleItem>();
  for (const c of plan.cloud) {
    const o = opt(c.option);
    if (o.kind !== 'cloud_instance') throw new Error(`cloud rental of ${c.option}: not a cloud instance`);
    const k = kOf[c.month];
    if (k === undefined) throw new Error(`cloud rental in month ${c.month}, beyond the horizon`);
    const key = `${k}\u0000${c.option}\u0000${c.model}`;
    let r = rentals.get(key);
    if (!r) {
      rentals.set(key, (r = item(o, { model: c.model, quantity: 0, quantity_unit: 'instances', usd: 0 })));
      at(k, 'cloud', 'cloud').rented.push(r);
    }
    const usd = c.instances * cloudInstanceMonthCost(o, settings, c.month);
    r.quantity = Math.max(r.quantity ?? 0, c.instances);
    r.usd += usd;
    at(k, 'cloud', 'cloud').rent_usd += usd;
  }
  for (const a of plan.assignments) {
    const o = opt(a.option);
    if (o.kind === 'cloud_instance') {
      const r = rentals.get(`${a.period}\u0000${a.option}\u0000${a.model}`);
      if (r) r.workloads.push(a.workload);
      continue;
    }
    if (o.kind !== 'cloud_api') continue;
    const p = per(a.period);
    const usd = apiPeriodVector(wl(a.workload), o, settings, p.start_month, p.months).reduce((x, y) => x + y, 0);
    const key = `${a.period}\u0000${a.option}\u0000${a.model}`;
    let r = rentals.get(key);
    if (!r) {
      rentals.set(key, (r = item(o, { model: a.model, usd: 0 })));
      at(a.period, 'cloud', 'cloud').rented.push(r);
    }
    r.usd += usd;
    r.workloads.push(a.workload);
    at(a.period, 'cloud', 'cloud').rent_usd += usd;
  }
  const kindOrder: Record<SiteKind, number> = { site: 0, cloud: 1, edge: 2 };
  return periods.map((p, k) => {
    const sites = [...perSite[k]!.values()].sort((a, b) => kindOrder[a.kind] - kindOrder[b.kind] || a.site.localeCompare(b.site));
    for (const s of sites) for (const l of [s.bought, s.replaced, s.rented]) l.sort((a, b) => b.usd - a.usd || a.option.localeCompare(b.option));
    return {
      ...p,
      name: periodName(start, p, settings.purchase_interval_months),
      label: periodLabel(start, p),
      starts: formatPlanMonth(start, p.start_month),
      sites,
      capex_usd: sites.reduce((a, s) => a + s.capex_usd, 0),
      replacement_usd: sites.reduce((a, s) => a + s.replacement_usd, 0),
      rent_usd: sites.reduce((a, s) => a + s.rent_usd, 0),
    };
  });
}

function sameCell(a: TimelineCell, b: TimelineCell): boolean {
  if ('unserved' in a || 'unserved' in b) return 'unserved' in a && 'unserved' in b;
  return a.option === b.option && a.model === b.model && a.site === b.site;
}

/**
 * An option's name followed by the model it serves (`join` puts it after the name), unless the name
 * already says it, in any case and with spaces for hyphens: "Together AI API — gpt-oss-120b" serving
 * gpt-oss-120b was read as "Together AI API — gpt-oss-120b (gpt-oss-120b)", and "GroqCloud API —
 * Llama 3.1 8B (instant)" as "… (instant) (llama-3.1-8b)".
 */
export function nameWithModel(name: string, model: string | null | undefined, join: (model: string) => string = (m) => ` (${m})`): string {
  const plain = (s: string) => s.toLowerCase().replace(/[\s_-]+/g, '-');
  return model && !plain(name).includes(plain(model)) ? `${name}${join(model)}` : name;
}

/** "Vera Rubin NVL72 at colo-liquid-hall"; the model is named when the move changes it. */
function where(c: TimelineCell, withModel: boolean): string {
  if ('unserved' in c) return 'unserved';
  return `${withModel ? nameWithModel(c.name, c.model) : c.name}${c.site ? ` at ${c.site}` : ''}`;
}

/** Where each workload runs in each period, and each change as a sentence. */
function timelineOf(ctx: Ctx): { timeline: WorkloadTimeline[]; moves: ScheduleMove[] } {
  const { input, plan, periods, opt } = ctx;
  const cells = new Map<string, TimelineCell[]>();
  for (const w of input.workloads) cells.set(w.name, periods.map((p) => ({ period: p.period, unserved: 'not in the plan' })));
  for (const u of plan.unserved) {
    const row = cells.get(u.workload);
    if (row?.[u.period]) row[u.period] = { period: u.period, unserved: u.reason };
  }
  for (const a of plan.assignments) {
    const row = cells.get(a.workload);
    if (!row?.[a.period]) continue;
    const o = opt(a.option);
    row[a.period] = { period: a.period, option: o.id, name: o.name, model: a.model, site: a.site, tier: o.tier, kind: o.kind };
  }
  const timeline: WorkloadTimeline[] = [];
  const moves: ScheduleMove[] = [];
  for (const [workload, row] of cells) {
    let n = 0;
    for (let k = 1; k < row.length; k++) {
      const from = row[k - 1]!, to = row[k]!;
      if (sameCell(from, to)) continue;
      n++;
      const modelChanges = !('unserved' in from) && !('unserved' in to) && from.model !== to.model;
      const when = formatPlanMonth(input.settings.start_month, periods[k]!.start_month);
      moves.push({ workload, period: k, from, to, sentence: `${workload}: ${where(from, modelChanges)} → ${where(to, modelChanges)} from ${when}` });
    }
    timeline.push({ workload, cells: row, moves: n });
  }
  moves.sort((a, b) => a.period - b.period);
  return { timeline, moves };
}

/** Units owned against units needed, month by month, for every system pool of the plan. */
function poolsOf(ctx: Ctx): PoolCapacity[] {
  const { input, plan, periods, kOf, H, opt, wl } = ctx;
  const u = input.settings.max_utilization;
  type Acc = { pool: PoolCapacity; R: number; replicas: number[]; members: { w: Workload; unit: number }[][] };
  const pools = new Map<string, Acc>();
  const acc = (site: string, option: string, model: string): Acc => {
    const key = `${site}\u0000${option}\u0000${model}`;
    let a = pools.get(key);
    if (!a) {
      const o = opt(option);
      const R = unitsPerReplica(o, model);
      a = {
        pool: { site, option, name: o.name, model, units_per_replica: R, owned_units: new Array<number>(H).fill(0), needed_units: new Array<number>(H).fill(0), demand_tps: new Array<number>(H).fill(0), peak_demand_tps: 0, max_owned_units: 0, workloads: [], rates: [] },
        R,
        replicas: periods.map(() => 0),
        members: periods.map(() => []),
      };
      pools.set(key, a);
    }
    return a;
  };
  for (const p of plan.pools) {
    const a = acc(p.site, p.option, p.model);
    if (a.replicas[p.period] !== undefined) a.replicas[p.period]! += p.units / a.R;
  }
  for (const x of plan.assignments) {
    if (x.kind !== 'system' || !x.site || x.unit_tps == null || !(x.unit_tps > 0)) continue;
    const a = acc(x.site, x.option, x.model);
    a.members[x.period]?.push({ w: wl(x.workload), unit: x.unit_tps });
    if (!a.pool.workloads.includes(x.workload)) {
      a.pool.workloads.push(x.workload);
      a.pool.rates.push({ workload: x.workload, unit_tps: x.unit_tps });
    }
  }
  const out: PoolCapacity[] = [];
  for (const a of pools.values()) {
    for (let m = 0; m < H; m++) {
      const members = a.members[kOf[m]!]!;
      a.pool.owned_units[m] = (a.replicas[kOf[m]!] ?? 0) * a.R;
      let demand = 0, replicas = 0;
      for (const x of members) {
        const peak = peakTps(x.w, m);
        demand += peak;
        replicas += peak / (u * x.unit);
      }
      a.pool.demand_tps[m] = demand;
      a.pool.needed_units[m] = replicas * a.R;
    }
    a.pool.peak_demand_tps = Math.max(0, ...a.pool.demand_tps);
    a.pool.max_owned_units = Math.max(0, ...a.pool.owned_units);
    a.pool.rates.sort((x, y) => y.unit_tps - x.unit_tps || x.workload.localeCompare(y.workload));
    out.push(a.pool);
  }
  return out.sort((x, y) => y.peak_demand_tps - x.peak_demand_tps || y.max_owned_units - x.max_owned_units || x.option.localeCompare(y.option));
}

/**
 * What the units of a pool serve, as the app's capacity chart and the PDF's say it: "a unit serves
 * enterprise-batch at 59,525 tok/s and rag-assistant at 14,881 tok/s" (the operating point each
 * workload's latency limit allows); with more than three workloads, the range. The reason the
 * units a month needs follow which workloads are on the pool, not only their demand.
 */
export function poolRatesText(p: Pick<PoolCapacity, 'units_per_replica' | 'rates'>): string {
  const who = p.units_per_replica === 1 ? 'a unit' : `a replica (${formatNumber(p.units_per_replica)} units)`;
  if (p.rates.length === 0) return '';
  if (p.rates.length > 3) {
    const hi = p.rates[0]!.unit_tps, lo = p.rates.at(-1)!.unit_tps;
    return `${who} serves ${formatTps(lo)} to ${formatTps(hi)} of its ${formatNumber(p.rates.length)} workloads, as their latency limits allow`;
  }
  return `${who} serves ${formatList(p.rates.map((r) => `${r.workload} at ${formatTps(r.unit_tps)}`))}`;
}

/**
 * A schedule item's quantity and name as the app's schedule and Compare give it: "4 units (1
 * replica) of CS-3" (Compare gave "4 × CS-3", no replicas, where Results and the PDF gave them),
 * "10,000 × ESP32-S3", "up to 3 × g5.xlarge"; a token API by its name.
 */
export function itemQuantityName(i: ScheduleItem): string {
  switch (i.quantity_unit) {
    case 'units': return `${formatUnitsReplicas(i.quantity ?? 0, i.replicas)} of ${i.name}`;
    case 'devices': return `${formatNumber(i.quantity)} × ${i.name}`;
    case 'instances': return `up to ${formatNumber(i.quantity)} × ${i.name}`;
    default: return i.name;
  }
}

/**
 * When re-buys fall, as the PDF's schedule and the app's both say it: "end of life, Feb 2027",
 * runs of consecutive months in one phrase ("end of life, every month Jun 2026 – Apr 2029": the PDF
 * listed all 35 months of a 1-month lifetime in one cell).
 */
export function rebuyWhen(start: string, months: readonly number[]): string {
  return `end of life, ${formatPlanMonths(start, months)}`;
}

/** A list's re-buys of one thing (option, model, workload, quantity) as one item over its months, in the first one's place. */
export function mergeRebuys(items: readonly ScheduleItem[]): { item: ScheduleItem; months: number[] }[] {
  const out = new Map<string, { item: ScheduleItem; months: number[] }>();
  for (const i of items) {
    const key = [i.option, i.model ?? '', i.workload ?? '', i.quantity ?? '', i.replicas ?? ''].join('\u0000');
    const g = out.get(key);
    if (g) {
      g.item = { ...g.item, usd: g.item.usd + i.usd };
      if (i.month != null) g.months.push(i.month);
    } else out.set(key, { item: i, months: i.month != null ? [i.month] : [] });
  }
  return [...out.values()];
}

/** What a plan year's capex budget caps (DESIGN 5.7): its purchases and its replacements, at the prices paid. */
export function budgetedPurchases(y: Pick<PlanYearCost, 'capex_usd' | 'replacement_usd'>): number {
  return y.capex_usd + y.replacement_usd;
}

/**
 * The cost a schedule item's money is part of: its cost line, an edge device's first purchase apart
 * from its re-buys (the edge_capex line holds both).
 */
export type ShownGroup = 'system_capex' | 'system_replacement' | 'edge_first' | 'edge_replacement' | 'cloud_instances' | 'api_tokens';
export function shownGroup(list: 'bought' | 'replaced' | 'rented', i: Pick<ScheduleItem, 'quantity_unit'>): ShownGroup {
  if (list === 'rented') return i.quantity_unit === 'instances' ? 'cloud_instances' : 'api_tokens';
  const edge = i.quantity_unit === 'devices';
  return list === 'bought' ? (edge ? 'edge_first' : 'system_capex') : (edge ? 'edge_replacement' : 'system_replacement');
}

/** Whole dollars a period's items of each group sum to (the cost-by-line table's cells there, core/report). */
export type ShownGroupTotals = readonly (Partial<Record<ShownGroup, number>> | undefined)[];

/**
 * The schedule's money in whole dollars that add up as shown: a period's items to its capex,
 * replacements and rented figures, a site's to its own, the periods to the horizon's capex and
 * replacements. Rounded each on its own, a year's rentals of $286,620, $25,465 and $2,971 read
 * beside "$315,055 rented". Quantities, months and the plan years (which planYearsTable rounds) are
 * left as they are. `fixed`: for a period (by index), the whole dollars its items of a group
 * (shownGroup) sum to, so that the schedule shows what another table shows of the same money (the
 * PDF's cost by line and year: a year's token rentals read $457,148 + $30,477 = $487,625 above an
 * "API tokens" cell of $487,624); a total its items cannot round to (each down or up) is not held.
 */
export function scheduleShown<S extends Pick<Schedule, 'periods' | 'capex_usd' | 'replacement_usd'>>(s: S, fixed?: ShownGroupTotals): S {
  const lists = [['bought', 'capex_usd'], ['replaced', 'replacement_usd'], ['rented', 'rent_usd']] as const;
  const periods = s.periods.map((p) => ({ ...p, sites: p.sites.map((x) => ({ ...x, bought: x.bought.map((i) => ({ ...i })), replaced: x.replaced.map((i) => ({ ...i })), rented: x.rented.map((i) => ({ ...i })) })) }));
  for (const [list, field] of lists) {
    const perPeriod = roundToTotal(s.periods.map((p) => p[field]));
    periods.forEach((p, k) => {
      const items = p.sites.flatMap((x) => x[list]);
      const groups = fixed?.[k];
      if (groups) {
        // each group of items to its own total, when they can round to it
        const byGroup = new Map<ShownGroup, ScheduleItem[]>();
        for (const i of items) byGroup.set(shownGroup(list, i), [...(byGroup.get(shownGroup(list, i)) ?? []), i]);
        for (const [g, is] of byGroup) {
          const want = groups[g];
          let shown = roundToTotal(is.map((i) => i.usd), want);
          if (want == null || shown.reduce((a, v) => a + v, 0) !== want) shown = roundToTotal(is.map((i) => i.usd));
          is.forEach((i, n) => (i.usd = shown[n]!));
        }
      } else {
        const shown = roundToTotal(items.map((i) => i.usd), perPeriod[k]!);
        items.forEach((i, n) => (i.usd = shown[n]!));
      }
      for (const x of p.sites) x[field] = x[list].reduce((a, i) => a + i.usd, 0);
      p[field] = p.sites.reduce((a, x) => a + x[field], 0);
    });
  }
  return { ...s, periods, capex_usd: periods.reduce((a, p) => a + p.capex_usd, 0), replacement_usd: periods.reduce((a, p) => a + p.replacement_usd, 0) };
}

/** A list of a site's items as a view shows them: its entries by a key, each with its money (a view may merge items). */
export type ShownEntries = (list: 'bought' | 'replaced' | 'rented', items: readonly ScheduleItem[]) => Map<string, number>;

/**
 * How many of the money figures a view shows of `shown` (scheduleShown of `exact`) are rounded the
 * other way from their own nearest dollar, and by at most how much: the items as the view groups
 * them (`entries`), each site's capex when the view shows it, each period's capex, replacements and
 * rentals (or those of `periodTotals` the view shows), and the horizon's capex and replacements when
 * it is shown. `periods`: the periods shown
 * (all when absent). A sum of rounded items can be off its exact figure by more than $1; the note
 * says by how much.
 */
export function scheduleRoundedAway(
  exact: Pick<Schedule, 'periods' | 'capex_usd' | 'replacement_usd'>,
  shown: Pick<Schedule, 'periods' | 'capex_usd' | 'replacement_usd'>,
  opts: { entries: ShownEntries; siteCapex: boolean; horizon: boolean; periods?: ReadonlySet<number>; periodTotals?: readonly ('capex_usd' | 'replacement_usd' | 'rent_usd')[] },
): { count: number; maxOff: number } {
  const pairs: [number, number][] = [];
  shown.periods.forEach((p, k) => {
    const e = exact.periods[k]!;
    if (opts.periods && !opts.periods.has(p.period)) return;
    for (const f of opts.periodTotals ?? ['capex_usd', 'replacement_usd', 'rent_usd'] as const) pairs.push([p[f], e[f]]);
    p.sites.forEach((x, j) => {
      const ex = e.sites[j]!;
      if (opts.siteCapex) pairs.push([x.capex_usd, ex.capex_usd]);
      for (const list of ['bought', 'replaced', 'rented'] as const) {
        const a = opts.entries(list, x[list]), b = opts.entries(list, ex[list]);
        for (const [key, usd] of a) pairs.push([usd, b.get(key) ?? usd]);
      }
    });
  });
  if (opts.horizon) pairs.push([shown.capex_usd, exact.capex_usd], [shown.replacement_usd, exact.replacement_usd]);
  return roundedAway(pairs);
}

/** A plan year's money in the table's whole dollars: its first purchases, replacements, running costs and residual credit. */
export type PlanYearParts = { capex: number; replacements: number; running: number; residual: number };

/** The cost-by-plan-year table as both the app and the PDF show it: labels, cells and foot as text. */
export type PlanYearsTable = {
  /** key: what the column holds (the app's test ids); title: what it sums, for a tooltip */
  columns: { key: 'year' | 'capex' | 'replacements' | 'budget_left' | 'running' | 'residual' | 'total' | 'pv'; label: string; title?: string }[];
  /**
   * in the table's unit (whole dollars unless planYearsTable was given another):
   * total_usd: the year's exact total; total_shown: the whole dollars its Total cell shows (the PDF's
   * cost table sums each year to it); budgeted_shown: its capex and replacements as shown, what the
   * capex budget caps (quoted beside the budget: the exact figure read $1 off the cells)
   */
  rows: { year: number; total_usd: number; total_shown: number; budgeted_shown: number; parts_shown: PlanYearParts; cells: string[] }[];
  foot: string[];
  /** how many figures the rounding that adds up moved off their own nearest dollar (core/round-table: roundingNote); null when none */
  note: string | null;
};

/**
 * Whole dollars that add up to the rounded sum of `values`, or to `total` (one of that sum rounded
 * down or up), by largest remainder: each value is
 * rounded down and the dollars left over go to the values with the largest fractions. Rounded each
 * on its own, plan years of $1,009,618.4 in all read $1,009,618 above a Horizon of $1,009,619.
 */
export function roundToTotal(values: readonly number[], total?: number): number[] {
  const floors = values.map((v) => Math.floor(v));
  let left = (total ?? Math.round(values.reduce((a, v) => a + v, 0))) - floors.reduce((a, v) => a + v, 0);
  const order = values.map((v, i) => ({ i, frac: v - floors[i]! })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  const out = [...floors];
  for (const { i } of order) {
    if (left <= 0) break;
    out[i]! += 1;
    left--;
  }
  return out.map((v) => v + 0);
}

/**
 * The one plan-year table (the TCO view, Results and the PDF): first purchases (capex, whose
 * horizon total is the Capex figure beside it) and replacements in columns of their own: one
 * "Purchases" column holding both summed to more than the Capex headline "excl. replacements" with
 * only a tooltip to say why ($2,055,377 against $1,485,800). The capex budget caps both
 * (DESIGN 5.7: purchases and replacements at the prices paid, undiscounted), so its headroom
 * stands beside them; the replacements column only when there are any; the rows sum to the undiscounted
 * horizon cost and say so when a discount rate is set, the present value beside; the residual
 * credit only when there is one. The app and the PDF built it twice and disagreed (a bare
 * "Total" beside "Present value" in the app, "Total (undiscounted)" in the PDF; "Running" vs
 * "Running costs").
 */
export function planYearsTable(yearsUsd: readonly PlanYearCost[], discounted: boolean, capexBudgetUsd: number | null | undefined, unit: MoneyUnit = DOLLARS): PlanYearsTable {
  // in another unit than dollars (the PDF's table of a plan of $10B and more), the same table of
  // the amounts in that unit: whole thousands that add up, each figure with its unit ("$12,345,679k")
  const years = unit.usd === 1 ? yearsUsd : yearsUsd.map((y) => ({
    ...y, total_usd: y.total_usd / unit.usd, capex_usd: y.capex_usd / unit.usd, replacement_usd: y.replacement_usd / unit.usd,
    running_usd: y.running_usd / unit.usd, residual_usd: y.residual_usd / unit.usd, pv_usd: y.pv_usd / unit.usd,
  }));
  const capexBudget = capexBudgetUsd == null ? capexBudgetUsd : capexBudgetUsd / unit.usd;
  const money = (v: number) => formatMoneyIn(v, unit);
  // the money columns add up down and across as shown (core/round-table): a year's capex, running
  // costs and residual sum to its total, each column to its Horizon figure, and the Horizon total is
  // the horizon cost as the headline rounds it; capex and the residual credit keep their totals as
  // the summary quotes them when the table allows
  const parts = [(y: PlanYearCost) => y.capex_usd, (y: PlanYearCost) => y.replacement_usd, (y: PlanYearCost) => y.running_usd, (y: PlanYearCost) => y.residual_usd];
  const yearTotals = roundToTotal(years.map((y) => y.total_usd));
  const quoted = parts.map((f, j) => (j === 2 ? null : Math.round(years.reduce((a, y) => a + f(y), 0))));
  const grid = roundTable(years.map((y) => parts.map((f) => f(y))), [[yearTotals, quoted], [yearTotals, undefined]]);
  const row = new Map(years.map((y, i) => [y, i]));
  const cellOf = (j: number) => (y: PlanYearCost) => grid[row.get(y)!]![j]!;
  const [capexR, replR, runR, resR] = [cellOf(0), cellOf(1), cellOf(2), cellOf(3)];
  const totR = (y: PlanYearCost) => capexR(y) + replR(y) + runR(y) + resR(y);
  // what the capex budget caps (budgetedPurchases) as the table shows it
  const budgetedR = (y: PlanYearCost) => capexR(y) + replR(y);
  const pvShown = roundToTotal(years.map((y) => y.pv_usd));
  const pvR = (y: PlanYearCost) => pvShown[row.get(y)!]!;
  const budget = capexBudget ?? null;
  const residual = years.some((y) => y.residual_usd !== 0);
  const replaced = years.some((y) => y.replacement_usd !== 0);
  const sum = (f: (y: PlanYearCost) => number) => years.reduce((acc, y) => acc + f(y), 0);
  // the foot sums the cells as shown; only the present value, no part of the sum, is rounded on its own
  type Col = { col: PlanYearsTable['columns'][number]; cell: (y: PlanYearCost) => string; foot: string };
  const cols: Col[] = [
    { col: { key: 'year', label: 'Plan year' }, cell: (y) => y.name, foot: 'Horizon' },
    { col: { key: 'capex', label: 'Capex (purchases)', title: 'First purchases of systems and edge devices at the prices paid; replacements excluded' }, cell: (y) => money(capexR(y)), foot: money(sum(capexR)) },
    ...(replaced ? [{ col: { key: 'replacements' as const, label: 'Replacements', title: 'Systems and edge devices re-bought at the end of their lifetime, at the prices paid' }, cell: (y: PlanYearCost) => (y.replacement_usd !== 0 ? money(replR(y)) : '—'), foot: money(sum(replR)) }] : []),
    ...(budget != null ? [{ col: { key: 'budget_left' as const, label: 'Capex budget left', title: replaced ? 'The capex budget of a plan year less its purchases and replacements' : 'The capex budget of a plan year less its purchases' }, cell: (y: PlanYearCost) => money(budget - budgetedR(y)), foot: '' }] : []),
    { col: { key: 'running', label: 'Running costs', title: 'Energy, support, space, cloud instances, API tokens, edge energy and inference' }, cell: (y) => money(runR(y)), foot: money(sum(runR)) },
    ...(residual ? [{ col: { key: 'residual' as const, label: 'Residual credit', title: 'Credit for hardware life left at the horizon, booked in its last month' }, cell: (y: PlanYearCost) => (y.residual_usd !== 0 ? money(resR(y)) : '—'), foot: money(sum(resR)) }] : []),
    { col: { key: 'total', label: discounted ? 'Total (undiscounted)' : 'Total' }, cell: (y) => money(totR(y)), foot: money(sum(totR)) },
    ...(discounted ? [{ col: { key: 'pv' as const, label: 'Present value' }, cell: (y: PlanYearCost) => money(pvR(y)), foot: money(sum((y) => y.pv_usd)) }] : []),
  ];
  // every money figure of the table against its exact value: the cells, the rows' totals and the
  // Horizon foot, the budget's headroom and the present value when they are shown
  const figures: [(y: PlanYearCost) => number, (y: PlanYearCost) => number, boolean][] = [
    [capexR, (y) => y.capex_usd, true],
    [replR, (y) => y.replacement_usd, replaced],
    [runR, (y) => y.running_usd, true],
    [resR, (y) => y.residual_usd, residual],
    [totR, (y) => y.total_usd, true],
    [pvR, (y) => y.pv_usd, discounted],
  ];
  const pairs: [number, number][] = [];
  for (const [shown, exact, on] of figures) {
    if (!on) continue;
    for (const y of years) pairs.push([shown(y), exact(y)]);
    if (shown !== pvR) pairs.push([sum(shown), sum(exact)]);
  }
  if (budget != null) for (const y of years) pairs.push([budget - budgetedR(y), budget - budgetedPurchases(y)]);
  return {
    columns: cols.map((c) => c.col),
    rows: years.map((y) => ({
      year: y.year, total_usd: y.total_usd, total_shown: totR(y), budgeted_shown: budgetedR(y),
      parts_shown: { capex: capexR(y), replacements: replR(y), running: runR(y), residual: resR(y) },
      cells: cols.map((c) => c.cell(y)),
    })),
    foot: cols.map((c) => c.foot),
    note: roundingNote(roundedAway(pairs), 'across and down', undefined, unit),
  };
}

/** Cost by plan year alone (the TCO view): cheap, it only sums the report's months. */
export function planYears(input: PlanInput, tco: TcoReport): PlanYearCost[] {
  return yearsOf({ input, H: input.settings.horizon_months }, tco);
}

/** The TCO engine's months, summed by plan year (months 12y … 12y + 11). */
function yearsOf(ctx: Pick<Ctx, 'input' | 'H'>, tco: TcoReport): PlanYearCost[] {
  const start = ctx.input.settings.start_month;
  const years: PlanYearCost[] = [];
  for (let y = 0; y * 12 < ctx.H; y++) {
    const months = Math.min(12, ctx.H - y * 12);
    const row: PlanYearCost = { year: y + 1, name: planYearName(start, y, months), total_usd: 0, capex_usd: 0, replacement_usd: 0, running_usd: 0, residual_usd: 0, pv_usd: 0 };
    // purchases of either kind: the lines neither recurring nor the residual credit; the engine
    // gives the first purchases month by month (edge_capex holds an edge device's re-buys too)
    let bought = 0;
    for (const m of tco.months.slice(y * 12, y * 12 + months)) {
      row.total_usd += m.total_usd;
      row.pv_usd += m.pv_usd;
      row.capex_usd += m.capex_usd;
      for (const l of COST_LINES) {
        const v = m.lines[l];
        if (l === 'residual_credit') row.residual_usd += v;
        else if (COST_LINE_RECURRING[l]) row.running_usd += v;
        else bought += v;
      }
    }
    // a difference of sums: rounding noise is no replacement ("−$0" in a plan that replaces nothing)
    const rebought = bought - row.capex_usd;
    row.replacement_usd = Math.abs(rebought) <= 1e-6 * Math.max(1, bought) ? 0 : rebought;
    years.push(row);
  }
  return years;
}

/** One purchase line of the sentence: a system at a site, or a device type over the workloads it equips. */
type Bought = { site: ScheduleSite; name: string; unit: ScheduleItem['quantity_unit']; quantity: number; usd: number; workloads: string[] };

/** "3 NVIDIA HGX B200 systems at dc-east" / "500 Jetson Orin devices for field-agents" / "… for 12 workloads". */
function boughtPhrase(b: Bought): string {
  if (b.unit === 'devices') {
    const forWhom = b.workloads.length === 1 ? b.workloads[0]! : `${formatNumber(b.workloads.length)} workloads`;
    return `${formatCount(b.quantity, `${b.name} device`, `${b.name} devices`)} for ${forWhom}`;
  }
  // a name that already ends in "system" is not followed by it again ("6 Cerebras CS-3 (WSE-3)
  // systems", was "… system systems")
  // (an option named just "System": "2 systems", was "2  systems")
  const named = /\bsystem$/i.test(b.name) ? b.name.replace(/\s*system$/i, '') : b.name;
  const noun = named ? `${named} system` : 'system';
  return `${formatCount(b.quantity, noun, `${noun}s`)} at ${b.site.site}`;
}

/** A period's purchases, one line per (site, option): edge devices bought per workload are summed. */
function boughtIn(p: SchedulePeriod): Bought[] {
  const out = new Map<string, Bought>();
  for (const site of p.sites) {
    for (const b of site.bought) {
      const key = `${site.kind}\u0000${site.site}\u0000${b.option}`;
      const x = out.get(key) ?? { site, name: b.name, unit: b.quantity_unit, quantity: 0, usd: 0, workloads: [] };
      x.quantity += b.quantity ?? 0;
      x.usd += b.usd;
      if (b.workload) x.workloads.push(b.workload);
      out.set(key, x);
    }
  }
  return [...out.values()].sort((x, y) => y.usd - x.usd);
}

const MAX_ITEMS = 3;

/** A period in which nothing is bought, replaced or rented (no site rows, no money). */
export function idlePeriod(p: SchedulePeriod): boolean {
  return p.sites.length === 0 && p.capex_usd === 0 && p.replacement_usd === 0 && p.rent_usd === 0;
}

/**
 * The periods as the app and the report list them: consecutive idle periods (idlePeriod) as one
 * run named "P25–P36 May 2028 – Apr 2029" (monthly purchases: not twelve empty periods), every
 * other period alone under its own name.
 */
export function scheduleRuns(s: Pick<Schedule, 'start_month' | 'interval_months'>, periods: readonly SchedulePeriod[]): { periods: SchedulePeriod[]; idle: boolean; name: string }[] {
  return runsOf(periods, (a, b) => idlePeriod(a) && idlePeriod(b)).map((run) => {
    const first = run[0]!, last = run[run.length - 1]!;
    return { periods: run, idle: idlePeriod(first), name: run.length > 1 ? periodRunName(s.start_month, first, last, s.interval_months) : first.name };
  });
}

/**
 * What is bought when, in one sentence: the executive summary's answer. `served`: the workloads the
 * plan serves in some period; with none, buying nothing is not "every served workload runs on
 * rented capacity" (a plan leaving all 30 workloads unserved at a $0 penalty read so: bench/trust.ts
 * low-penalty-10).
 */
export function summarySentence(s: Pick<Schedule, 'periods'>, served: number): string {
  const parts: string[] = [];
  for (const p of s.periods) {
    const items = boughtIn(p);
    if (items.length === 0) continue;
    const shown = items.slice(0, MAX_ITEMS).map(boughtPhrase);
    if (items.length > MAX_ITEMS) shown.push(`${items.length - MAX_ITEMS} more purchase${items.length - MAX_ITEMS === 1 ? '' : 's'}`);
    const list = formatList(shown);
    const cost = `(${formatMoneyCompact(p.capex_usd)})`;
    // the calendar month, also for month 0: "now" misread a plan starting next month (a Jan 2027
    // plan read in Dec 2026) or one solved a year ago
    parts.push(`${parts.length === 0 ? 'Buy' : 'add'} ${list} in ${p.starts} ${cost}`);
  }
  if (parts.length === 0) return served === 0 ? 'Buy no hardware: the plan serves no workload.' : 'Buy no hardware: every served workload runs on rented cloud capacity or token APIs.';
  return `${parts.join('; ')}.`;
}
