// The two baselines of DESIGN 6 and the plan's saving and break-even month against each. A
// baseline is a PlanResult evaluated by the same computeTco, so its months line up with the plan's.
//
// Rules fixed here:
// - Both baselines cover the workloads the plan serves; workloads the plan leaves unserved stay
//   unserved, so plan and baseline serve the same tokens (the caption says so: DESIGN 6 reads
//   "every workload").
// - Periods: a baseline keeps the plan's periods; a workload is moved in every period the plan
//   serves it, and stays unserved in the periods the plan leaves it unserved. Its plan is built by
//   plan-builder.ts (pools per period in whole replicas, whole cloud instances, edge purchases).
// - (a) "all on token APIs": in each period, each served workload goes to the cloud_api with the
//   lowest per-output-token price (usd_per_m_output + input_per_output × usd_per_m_input; the
//   cloud trend scales every API alike) among APIs usable in that period (available_from, as in
//   DESIGN 4) that serve one of its models with a point meeting its latency, ignoring placement
//   and tiers. A workload no API fits keeps its plan assignment in that period; pools of kept
//   system workloads keep their units where their workloads are unchanged, else are re-sized.
// - (b) "one system type": the served workloads some system can serve (a system orderable at
//   month 0 with a fitting point for one of their models and a site that can host it — cooling
//   and rack fit; tiers and placement ignored, as in (a)) all go, in every period they are
//   served, to the ONE system type that serves every one of them at least horizon cost, at the
//   hosting site with the lowest pue × usd_per_kwh (ties: lower usd_per_rack_month, then site
//   order). Units are pooled per model and ALL bought at month 0, sized for the horizon's busiest
//   period, n = max_k ⌈Σ D_w(k) ÷ (u × unit_tps)⌉ replicas (kept, with their replacements, to the
//   end), racks ⌈Σ n ÷ k⌉ or Σ n × t. Site power and rack limits are ignored (caption). Other
//   workloads keep their plan assignment. "none" (with a reason) when no workload can go on a
//   system or no single type serves them all, or when every type that does would need more units
//   at its site than a layout lists (racks.ts MAX_LAYOUT_UNITS; (a) likewise when the system pools
//   it keeps would): the TCO of such a plan is still costed (the tco and report of a plan served
//   on an API failed because (b) would need 215,720 units).
//   Lopsided: when a minority of those workloads fit only a few system types (say a latency
//   only a premium wafer meets) while another type serves the rest, (b) is priced on hardware
//   chosen for that minority; `lopsided` says so, and summaries do not headline its saving.
// - Break-even month: on the cumulative discounted cost (TcoMonth.cumulative_pv_usd, whose
//   last value is the horizon cost), the first month m at which the plan's cumulative cost is
//   ≤ the baseline's and stays so through H−1; 0 when the plan is never dearer; null ("none
//   within the horizon") when the plan is still dearer at H−1.
import { bestPoint, firstUsablePeriod, periodDemand, placementAllows, pointsFor, rackFit, replicaLoad, unitsPerReplica, type Period } from '../sizing.ts';
import { workloadModels, type Assignment, type CloudApiOption, type OperatingPoint, type PlanInput, type PlanResult, type Pool, type Site, type SystemOption, type Workload } from '../types.ts';
import { addPlanMonths, formatCount, formatMoney, formatNumber, formatPlanMonth } from '../format.ts';
import { planWithinHorizon, unservedByReach } from '../plan-periods.ts';
import { budgetedPurchases, planYears } from '../schedule/schedule.ts';
import { computeTco, type TcoReport } from './engine.ts';
import { periodsFor, planFromAssignments } from './plan-builder.ts';
import { LayoutTooLarge } from './racks.ts';

export type BaselineId = 'api' | 'system';
export type Baseline = {
  id: BaselineId;
  label: string;
  status: 'ok' | 'none';
  /** why the baseline is "none" */
  reason: string | null;
  /** what a chart of this baseline must say, e.g. "site power and rack limits ignored" */
  caption: string | null;
  /** (b): the system type and site chosen */
  system: { option: string; site: string } | null;
  /**
   * (b): why the comparison is lopsided (the one type was forced by a few workloads no other
   * type serves), in words for a reader; null when it is a fair alternative
   */
  lopsided?: string | null;
  /** the budgets the baseline's fleet breaks, in words (also in its caption); null or absent when it keeps within them */
  budgets?: string | null;
  /**
   * the workloads the baseline puts where their placement or tiers rule out (both baselines ignore
   * them), in words (also in its caption: "placement and tiers ignored: …"); null or absent when none
   */
  rules?: string | null;
  /** workloads moved to the baseline's option(s) / kept on their plan assignment */
  moved: number;
  kept: number;
  plan: PlanResult | null;
  report: TcoReport | null;
};

export type BreakEven = {
  /** null: none within the horizon */
  month: number | null;
  label: string | null;
};

export type BaselineComparison = {
  baseline: Baseline;
  /** baseline − plan horizon cost (positive: the plan saves) */
  saving_usd: number | null;
  saving_pct: number | null;
  saving_undiscounted_usd: number | null;
  break_even: BreakEven | null;
};

export const POWER_RACKS_IGNORED = 'site power and rack limits ignored';

/**
 * The budgets a baseline's fleet breaks, for its caption: a baseline is priced, not solved, so the
 * capex budget per plan year (purchases and replacements, undiscounted) and the total budget are
 * not applied to it; null when it keeps within them.
 */
function budgetsIgnored(input: PlanInput, report: TcoReport): string | null {
  const { capex_budget_usd: capex, total_budget_usd: total } = input.settings;
  const parts: string[] = [];
  if (capex != null) {
    // a plan year's purchases: first purchases and replacements, as the capex budget counts them
    const over = planYears(input, report).find((y) => budgetedPurchases(y) > capex + 1e-6 * Math.max(1, capex));
    if (over) parts.push(`capex budget ignored (plan year ${over.year} buys ${formatMoney(budgetedPurchases(over))})`);
  }
  if (total != null && report.totals.horizon_cost_usd > total + 1e-6 * Math.max(1, total)) parts.push('total budget ignored');
  return parts.length > 0 ? parts.join('; ') : null;
}
const joined = (...xs: (string | null)[]): string | null => xs.filter((x) => x).join('; ') || null;

/**
 * The workloads a baseline moves where their placement or tiers rule out ("2 workloads (rep-001,
 * rep-004) go where their placement or tiers rule out"), null when none: a baseline that is cheaper
 * only by putting on-prem-only workloads on token APIs is no alternative the plan could take
 * (bench/trust.ts replicas-21: "the plan costs $1,803,117 (19,135.9%) more" than an API baseline
 * of $9,423 that moved its two on-prem workloads to APIs, and nothing said so).
 */
function rulesIgnored(input: PlanInput, plan: PlanResult, baseline: PlanResult): string | null {
  const wl = new Map(input.workloads.map((w) => [w.name, w] as const));
  const options = new Map(input.catalog.options.map((o) => [o.id, o] as const));
  const same = new Set(plan.assignments.map((a) => `${a.workload}\u0000${a.period}\u0000${a.option}`));
  const names = [...new Set(baseline.assignments.filter((a) => {
    if (same.has(`${a.workload}\u0000${a.period}\u0000${a.option}`)) return false;
    const w = wl.get(a.workload), o = options.get(a.option);
    return w != null && o != null && (!placementAllows(w, o) || !w.tiers.includes(o.tier));
  }).map((a) => a.workload))];
  if (names.length === 0) return null;
  const n = names.length;
  return `${formatNumber(n)} workload${n === 1 ? '' : 's'} (${names.slice(0, 2).join(', ')}${n > 2 ? ` and ${formatNumber(n - 2)} more` : ''}) ${n === 1 ? 'goes where its' : 'go where their'} placement or tiers rule out`;
}
const rulesCaption = (rules: string | null) => (rules ? `placement and tiers ignored: ${rules}` : null);

/** "N workloads the plan leaves unserved are left out" joined to a caption, when there are any. */
/**
 * What baseline (b) puts on its one system type, before its name: "Everything" only when no served
 * workload keeps its plan assignment (`kept` of the baseline).
 */
export function systemBaselineLead(kept: number): string {
  return kept > 0 ? 'Every workload a system can serve' : 'Everything';
}

/** "1 workload no API can serve keeps its plan assignment"; null when none is kept. */
function keptNote(n: number, by: string): string | null {
  if (n === 0) return null;
  return n === 1 ? `1 workload ${by} can serve keeps its plan assignment` : `${formatNumber(n)} workloads ${by} can serve keep their plan assignment`;
}

export function withUnservedNote(caption: string | null, plan: PlanResult): string | null {
  // a workload unserved only until its hardware is orderable is costed in the baseline from then
  // on: "1 workload the plan leaves unserved is left out" read as a second workload beside the one
  // "no API can serve" that kept its plan assignment, and as left out of the whole horizon
  const { everyPeriod, somePeriods } = unservedByReach(plan);
  const be = (n: number) => (n === 1 ? 'is' : 'are');
  const note = joined(
    everyPeriod.length > 0 ? `${formatCount(everyPeriod.length, 'workload')} the plan leaves unserved ${be(everyPeriod.length)} left out` : null,
    somePeriods.length > 0 ? `${formatCount(somePeriods.length, 'workload')} the plan leaves unserved in some periods ${be(somePeriods.length)} left out of those periods` : null,
  );
  return joined(caption, note);
}

/**
 * First month m with planCum[k] ≤ baseCum[k] for every k in m … H−1 (see the header);
 * null when the plan is dearer at H−1.
 */
export function breakEvenMonth(planCum: ArrayLike<number>, baseCum: ArrayLike<number>): number | null {
  const H = Math.min(planCum.length, baseCum.length);
  let first: number | null = null;
  for (let k = H - 1; k >= 0; k--) {
    const b = baseCum[k]!;
    if (planCum[k]! <= b + 1e-9 * Math.max(1, Math.abs(b))) first = k;
    else break;
  }
  return first;
}

/**
 * Why a baseline of a plan that serves nothing is "none": it has nothing to compare ((a) read
 * "saves $0, never dearer" beside (b)'s "none" when a penalty left every workload unserved).
 */
export const NOTHING_SERVED = 'the plan serves no workload';

function servedAssignments(plan: PlanResult): Assignment[] {
  return plan.assignments;
}

/** The cheapest API usable in period k serving one of w's models at a point meeting its latency. */
function cheapestApi(input: PlanInput, w: Workload, k: number, periods: Period[]): { api: CloudApiOption; model: string; point: OperatingPoint } | null {
  let best: { api: CloudApiOption; model: string; point: OperatingPoint; price: number } | null = null;
  for (const o of input.catalog.options) {
    if (o.kind !== 'cloud_api') continue;
    const from = firstUsablePeriod(o, input.settings, periods);
    if (from == null || from > k) continue;
    const price = o.usd_per_m_output + w.input_per_output * o.usd_per_m_input;
    for (const model of workloadModels(w)) {
      const p = bestPoint(pointsFor(o, model), w);
      if (p && (!best || price < best.price - 1e-12)) best = { api: o, model, point: p, price };
    }
  }
  return best;
}

/** Plan pools whose workloads (per period) are all kept: their units stay as the plan bought them. */
function keptPools(plan: PlanResult, kept: Assignment[]): Pool[] {
  const key = (site: string | null, option: string, model: string, k: number) => `${site}\u0000${option}\u0000${model}\u0000${k}`;
  const before = new Map<string, number>();
  const after = new Map<string, number>();
  for (const a of plan.assignments) if (a.kind === 'system') before.set(key(a.site, a.option, a.model, a.period), (before.get(key(a.site, a.option, a.model, a.period)) ?? 0) + 1);
  for (const a of kept) if (a.kind === 'system') after.set(key(a.site, a.option, a.model, a.period), (after.get(key(a.site, a.option, a.model, a.period)) ?? 0) + 1);
  return plan.pools.filter((p) => {
    const n = after.get(key(p.site, p.option, p.model, p.period));
    return n != null && n === before.get(key(p.site, p.option, p.model, p.period));
  });
}

/** The baseline's plan, or the message of a layout too large to build (racks.ts LayoutTooLarge): that baseline is then "none". */
function basePlan(input: PlanInput, plan: PlanResult, assignments: Assignment[], keep: Pool[]): PlanResult | LayoutTooLarge {
  try {
    return planFromAssignments(input, assignments, { unserved: plan.unserved, keep, status: plan.status });
  } catch (e) {
    if (e instanceof LayoutTooLarge) return e;
    throw e;
  }
}
function withTotals(p: PlanResult, r: TcoReport): PlanResult {
  p.totals = { capex_usd: r.totals.capex_usd, horizon_cost_usd: r.totals.horizon_cost_usd };
  p.objective_usd = r.totals.horizon_cost_usd;
  return p;
}

/** Baseline (a): every served workload on its cheapest fitting token API. */
export function apiBaseline(input: PlanInput, plan: PlanResult): Baseline {
  const wl = new Map(input.workloads.map((w) => [w.name, w]));
  const periods = periodsFor(input, plan);
  const assignments: Assignment[] = [];
  const kept: Assignment[] = [];
  const movedNames = new Set<string>();
  const keptNames = new Set<string>();
  for (const a of servedAssignments(plan)) {
    const w = wl.get(a.workload);
    if (!w) throw new Error(`plan: assignment of unknown workload "${a.workload}"`);
    const c = cheapestApi(input, w, a.period, periods);
    if (!c) {
      kept.push(a);
      assignments.push(a);
      keptNames.add(w.name);
      continue;
    }
    movedNames.add(w.name);
    assignments.push({ workload: w.name, period: a.period, option: c.api.id, model: c.model, site: null, user_tps: c.point.user_tps, unit_tps: null, ttft_ms: c.point.ttft_ms, tier: c.api.tier, kind: 'cloud_api' });
  }
  const moved = movedNames.size;
  for (const n of movedNames) keptNames.delete(n);
  const label = 'All on token APIs';
  if (moved === 0) {
    // it said "meets the latency" also of a catalog without any API
    const reason = assignments.length === 0 ? NOTHING_SERVED
      : !input.catalog.options.some((o) => o.kind === 'cloud_api') ? 'the catalog has no token API'
      : 'no token API in the catalog serves any served workload (one of its models, within its latency, orderable in its period)';
    return { id: 'api', label, status: 'none', reason, caption: null, system: null, moved: 0, kept: keptNames.size, plan: null, report: null };
  }
  const p = basePlan(input, plan, assignments, keptPools(plan, kept));
  if (p instanceof LayoutTooLarge) return { id: 'api', label, status: 'none', reason: p.message, caption: null, system: null, moved: 0, kept: keptNames.size, plan: null, report: null };
  const report = computeTco(input, p);
  const budgets = budgetsIgnored(input, report);
  const rules = rulesIgnored(input, plan, p);
  return {
    id: 'api',
    label,
    status: 'ok',
    reason: null,
    budgets,
    rules,
    caption: withUnservedNote(joined(keptNote(keptNames.size, 'no API'), rulesCaption(rules), budgets), plan),
    system: null,
    moved,
    kept: keptNames.size,
    plan: withTotals(p, report),
    report,
  };
}

/** Sites that can host s (cooling and rack fit), best first: lowest pue × usd_per_kwh. */
function hostingSites(input: PlanInput, s: SystemOption): Site[] {
  return input.sites
    .map((site, i) => ({ site, i }))
    .filter(({ site }) => (s.cooling !== 'liquid' || site.liquid_cooling) && rackFit(site, s) != null)
    .sort((a, b) => a.site.pue * a.site.usd_per_kwh - b.site.pue * b.site.usd_per_kwh || a.site.usd_per_rack_month - b.site.usd_per_rack_month || a.i - b.i)
    .map(({ site }) => site);
}

/** Baseline (b): every workload a system can serve on the one cheapest system type that serves them all. */
export function systemBaseline(input: PlanInput, plan: PlanResult): Baseline {
  const label = 'One system type';
  const none = (reason: string): Baseline => ({ id: 'system', label, status: 'none', reason, caption: POWER_RACKS_IGNORED, system: null, moved: 0, kept: new Set(plan.assignments.map((a) => a.workload)).size, plan: null, report: null });
  const u = input.settings.max_utilization;
  const periods = periodsFor(input, plan);
  const wl = new Map(input.workloads.map((w) => [w.name, w]));
  const systems: { s: SystemOption; site: Site }[] = [];
  let hostedLater = 0;
  for (const o of input.catalog.options) {
    if (o.kind !== 'system') continue;
    const site = hostingSites(input, o)[0];
    if (!site) continue;
    // bought at month 0: orderable then
    if (firstUsablePeriod(o, input.settings, periods) === 0) systems.push({ s: o, site });
    else hostedLater++;
  }
  if (input.sites.length === 0) return none('the scenario has no site to install systems');
  if (systems.length === 0) {
    return none(hostedLater > 0
      ? `no system in the catalog that fits a site is orderable in ${formatPlanMonth(input.settings.start_month, 0)}, when this baseline buys`
      : 'no system in the catalog fits any site');
  }

  // per served workload: which system types can serve it (a fitting point for one of its models)
  type Fit = { model: string; point: OperatingPoint };
  const fitOf = (s: SystemOption, w: Workload, prefer: string): Fit | null => {
    let best: Fit | null = null;
    for (const model of [prefer, ...workloadModels(w).filter((m) => m !== prefer)]) {
      const p = bestPoint(pointsFor(s, model), w);
      if (p && p.unit_tps != null && p.unit_tps > 0 && (!best || p.unit_tps / unitsPerReplica(s, model) > best.point.unit_tps! / unitsPerReplica(s, best.model))) best = { model, point: p };
    }
    return best;
  };
  const byWorkload = new Map<string, { w: Workload; as: Assignment[] }>();
  for (const a of servedAssignments(plan)) {
    const w = wl.get(a.workload);
    if (!w) throw new Error(`plan: assignment of unknown workload "${a.workload}"`);
    const x = byWorkload.get(w.name) ?? { w, as: [] };
    x.as.push(a);
    byWorkload.set(w.name, x);
  }
  const movable: { as: Assignment[]; w: Workload; by: Map<string, Fit> }[] = [];
  const kept: Assignment[] = [];
  for (const { w, as } of byWorkload.values()) {
    const by = new Map<string, Fit>();
    for (const { s } of systems) {
      const f = fitOf(s, w, as[0]!.model);
      if (f) by.set(s.id, f);
    }
    if (by.size > 0) movable.push({ as, w, by });
    else kept.push(...as);
  }
  const keptCount = byWorkload.size - movable.length;
  if (movable.length === 0) return none(byWorkload.size === 0 ? NOTHING_SERVED : 'no served workload can be served by a system in the catalog');
  const common = systems.filter(({ s }) => movable.every((x) => x.by.has(s.id)));
  if (common.length === 0) {
    const cover = systems
      .map(({ s }) => ({ name: s.name, n: movable.filter((x) => x.by.has(s.id)).length }))
      .sort((a, b) => b.n - a.n)[0]!;
    // the type by its name, as the report names systems (it read "sambanova-sn40l-16 serves 39")
    return none(`no single system type serves all ${formatNumber(movable.length)} workloads a system can serve (${cover.name} serves ${formatNumber(cover.n)})`);
  }

  let best: { s: SystemOption; site: Site; p: PlanResult; r: TcoReport } | null = null;
  let tooLarge: LayoutTooLarge | null = null;
  for (const { s, site } of common) {
    // replicas per model and period; all bought at month 0 for the busiest period
    const need = new Map<string, number[]>();
    const assignments: Assignment[] = [...kept];
    for (const { as, w, by } of movable) {
      const f = by.get(s.id)!;
      for (const a of as) {
        assignments.push({ workload: a.workload, period: a.period, option: s.id, model: f.model, site: site.name, user_tps: f.point.user_tps, unit_tps: f.point.unit_tps!, ttft_ms: f.point.ttft_ms, tier: s.tier, kind: 'system' });
        const n = need.get(f.model) ?? periods.map(() => 0);
        n[a.period]! += replicaLoad(periodDemand(w, periods[a.period]!), u * f.point.unit_tps!);
        need.set(f.model, n);
      }
    }
    const keep: Pool[] = [...keptPools(plan, kept)];
    for (const [model, n] of need) {
      const replicas = Math.max(...n.map((c) => Math.ceil(c - 1e-6)));
      keep.push({ period: 0, site: site.name, option: s.id, model, units: replicas * unitsPerReplica(s, model) });
    }
    const p = basePlan(input, plan, assignments, keep);
    if (p instanceof LayoutTooLarge) {
      tooLarge = p;
      continue;
    }
    const r = computeTco(input, p);
    if (!best || r.totals.horizon_cost_usd < best.r.totals.horizon_cost_usd) best = { s, site, p, r };
  }
  if (!best) return none(common.length === 1 ? tooLarge!.message : `each of the ${common.length} system types that serve them all would need too many units at one site; for one of them, ${tooLarge!.message}`);
  const b = best;
  const budgets = budgetsIgnored(input, b.r);
  const rules = rulesIgnored(input, plan, b.p);
  return {
    lopsided: lopsidedNote(common.map((x) => x.s), systems.map((x) => x.s), movable),
    id: 'system',
    label: `${label}: ${b.s.name} at ${b.site.name}`,
    status: 'ok',
    reason: null,
    budgets,
    rules,
    // a workload no system bought in month 0 serves stays where the plan put it, and the caption
    // says so as (a)'s does: a plan whose premium workload kept its API and a rack-scale system
    // orderable only from month 9 read "One system type: Sys A" with nothing said of it
    caption: withUnservedNote(joined(POWER_RACKS_IGNORED, keptNote(keptCount, `no system bought in ${formatPlanMonth(input.settings.start_month, 0)}`), rulesCaption(rules), budgets), plan),
    system: { option: b.s.id, site: b.site.name },
    moved: movable.length,
    kept: keptCount,
    plan: withTotals(b.p, b.r),
    report: b.r,
  };
}

/**
 * Names the few workloads that forced the one type, when another type serves at least half of
 * the workloads a system can serve; null otherwise.
 */
function lopsidedNote(common: SystemOption[], systems: SystemOption[], movable: { w: Workload; by: Map<string, unknown> }[]): string | null {
  let alt: { s: SystemOption; n: number } | null = null;
  for (const s of systems) {
    const n = movable.filter((x) => x.by.has(s.id)).length;
    if (n < movable.length && (!alt || n > alt.n)) alt = { s, n };
  }
  if (!alt || alt.n * 2 <= movable.length) return null;
  const forced = movable.filter((x) => !x.by.has(alt.s.id)).map((x) => x.w.name);
  const names = forced.slice(0, 3).join(', ') + (forced.length > 3 ? ` and ${formatNumber(forced.length - 3)} more` : '');
  const only = common.length === 1 ? `only ${common[0]!.name} serves` : `only ${common.length} system types serve`;
  return `a lopsided comparison: ${only} all ${formatNumber(movable.length)} workloads, because ${formatNumber(forced.length)} of them (${names}) `
    + `${forced.length === 1 ? 'fits' : 'fit'} no ${alt.s.name}, which serves the other ${formatNumber(alt.n)}; a fleet chosen for so few workloads is no alternative a buyer would weigh, `
    + 'so the difference is not a saving to plan on';
}

export function compareToBaseline(plan: TcoReport, baseline: Baseline): BaselineComparison {
  const r = baseline.report;
  if (baseline.status !== 'ok' || !r) return { baseline, saving_usd: null, saving_pct: null, saving_undiscounted_usd: null, break_even: null };
  const saving = r.totals.horizon_cost_usd - plan.totals.horizon_cost_usd;
  const m = breakEvenMonth(
    plan.months.map((x) => x.cumulative_pv_usd),
    r.months.map((x) => x.cumulative_pv_usd),
  );
  return {
    baseline,
    saving_usd: saving,
    saving_pct: r.totals.horizon_cost_usd !== 0 ? (100 * saving) / r.totals.horizon_cost_usd : null,
    saving_undiscounted_usd: r.totals.undiscounted_usd - plan.totals.undiscounted_usd,
    break_even: { month: m, label: m == null ? null : addPlanMonths(plan.start_month, m) },
  };
}

/** The plan's report and its comparison with both baselines. */
export function baselineComparisons(input: PlanInput, plan: PlanResult, report: TcoReport = computeTco(input, plan)): BaselineComparison[] {
  // a what-if horizon shorter than the plan's: the baselines keep the periods inside it
  const inside = planWithinHorizon(plan, input.settings.horizon_months);
  return [apiBaseline(input, inside), systemBaseline(input, inside)].map((b) => compareToBaseline(report, b));
}
