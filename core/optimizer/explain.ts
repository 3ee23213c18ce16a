// Why there is no plan, in words a planner can act on: workloads without a candidate (from
// sizing's rejections), the limit family that makes the MILP infeasible (found by lifting
// families one at a time, then in pairs, and re-solving), and why an unserved workload is unserved.
// Words a person reads: catalog options by their names (never ids), every one listed (never "and
// N more"), which limit and by how much, the budget that would work, and where the fix lives
// (reason-fix.ts maps these words to the view holding the fix).
import { periodLabel } from '../plan-periods.ts';
import { formatList, formatPlanMonth } from '../format.ts';
import { answerMs, periodsOf, pointsFor } from '../sizing.ts';
import { planLinesV2 } from '../tco/plan-lines.ts';
import { holdsPlan, workloadModels, type CatalogOption, type OperatingPoint, type PlanInput, type PlanResult, type Workload } from '../types.ts';

/** A workload and why each option was rejected for it (sizing's rejections). */
type WorkloadEntry = { workload: Workload; rejected: { option: string; site: string | null; reason: string }[] };

export type LimitFamily = 'power' | 'site_racks' | 'capex' | 'budget';
export const LIMIT_FAMILY_WORDS: Record<LimitFamily, string> = {
  power: 'site power',
  site_racks: 'site racks',
  capex: 'the capex budget',
  budget: 'the total budget',
};

/** The same input with whole limit families lifted (for infeasibility explanations). */
export function relaxInput(input: PlanInput, families: readonly LimitFamily[]): PlanInput {
  const f = new Set(families);
  return {
    ...input,
    sites: input.sites.map((s) => ({
      ...s,
      it_power_kw: f.has('power') ? 1e9 : s.it_power_kw,
      racks: f.has('site_racks') ? 1e6 : s.racks,
    })),
    settings: {
      ...input.settings,
      capex_budget_usd: f.has('capex') ? null : input.settings.capex_budget_usd,
      total_budget_usd: f.has('budget') ? null : input.settings.total_budget_usd,
    },
  };
}

/** The points an option offers for a model: an edge device with `inference_via` offers its API's. */
function pointsVia(o: CatalogOption, model: string, byId: Map<string, CatalogOption>): OperatingPoint[] {
  const api = o.kind === 'edge_device' && o.inference_via ? byId.get(o.inference_via) : o;
  return api ? pointsFor(api, model) : [];
}

/** Whether an option serves any of the workload's models (`a|b`: workloadModels). */
function servesAny(o: CatalogOption, w: Workload, byId: Map<string, CatalogOption>): boolean {
  return workloadModels(w).some((m) => pointsVia(o, m, byId).length > 0);
}

type Category = 'tier' | 'placement' | 'available' | 'latency' | 'cooling' | 'rackfit' | 'oversize' | 'endpoints' | 'edgecap' | 'nosite' | 'other';
function categorise(reason: string): Category {
  if (reason.startsWith('tier ')) return 'tier';
  if (reason.startsWith('placement ')) return 'placement';
  if (reason.startsWith('not available')) return 'available';
  if (/no operating point (for \S+ )?meets/.test(reason)) return 'latency';
  if (reason.includes('liquid cooling')) return 'cooling';
  if (reason.startsWith('does not fit')) return 'rackfit';
  if (reason.startsWith('needs ') && reason.includes('units but')) return 'oversize';
  if (reason.includes('endpoints > 0')) return 'endpoints';
  if (reason.startsWith('one device delivers')) return 'edgecap';
  if (reason.startsWith('no site')) return 'nosite';
  return 'other';
}

/** Every item, once, in the order met: "a", "a and b", "a, b and c". */
const list = (items: string[]) => formatList([...new Set(items)]);

/** The catalog names of option ids (an id the catalog lacks stays as it is). */
export function namer(input: PlanInput): (id: string) => string {
  const byId = new Map(input.catalog.options.map((o) => [o.id, o.name] as const));
  return (id) => byId.get(id) ?? id;
}

/** One sentence on why a workload has no candidate at all, starting with its name. */
export function noCandidateReason(e: Pick<WorkloadEntry, 'workload' | 'rejected'>, input: PlanInput): string {
  return `${e.workload.name}: ${noCandidateWhy(e, input)}`;
}

/**
 * Why a plan leaves a workload unserved in a period it has candidates in: only a plan proven optimal
 * can say the penalty is the cheaper way; a plan stopped by the time limit says just that.
 */
export function penaltyReason(proven: boolean): string {
  return proven
    ? 'within the site and budget limits, serving it costs more than its unserved penalty'
    : 'left unserved by the plan found in the time allowed, which is not proven optimal: serving it may cost less than its penalty (allow more time)';
}

/** Why a workload has no candidate, without its name (for `unserved[].reason`, listed by workload). */
export function noCandidateWhy(e: Pick<WorkloadEntry, 'workload' | 'rejected'>, input: PlanInput): string {
  const w: Workload = e.workload;
  const byId = new Map(input.catalog.options.map((o) => [o.id, o] as const));
  const serving = input.catalog.options.filter((o) => servesAny(o, w, byId));
  if (serving.length === 0) return `no option in the catalog serves ${w.model}`;
  const servingIds = new Set(serving.map((o) => o.id));
  const byCat = new Map<Category, { option: string; site: string | null; reason: string }[]>();
  for (const r of e.rejected) {
    // an option serving one model of a list (`a|b`) says it does not serve the other: not why it is out
    if (!servingIds.has(r.option) || r.reason.startsWith('does not serve ')) continue;
    const c = categorise(r.reason);
    if (!byCat.has(c)) byCat.set(c, []);
    byCat.get(c)!.push(r);
  }
  const cats = [...byCat.keys()];
  const name = namer(input);
  // Latency alone: say how close the fastest option comes.
  if (cats.length === 1 && cats[0] === 'latency') {
    let fastest = Infinity;
    let fastestId = '';
    for (const o of serving) {
      for (const p of workloadModels(w).flatMap((m) => pointsVia(o, m, byId))) {
        const t = answerMs(p, w.response_tokens);
        if (t < fastest) { fastest = t; fastestId = o.id; }
      }
    }
    return `no option meets ${w.max_latency_ms} ms for ${w.response_tokens} tokens` +
      (Number.isFinite(fastest) ? ` (the fastest, ${name(fastestId)}, needs ${Math.round(fastest)} ms: ${Math.round(fastest - (w.max_latency_ms ?? 0))} ms over)` : '');
  }
  const parts: string[] = [];
  const ids = (c: Category) => (byCat.get(c) ?? []).map((r) => name(r.option));
  if (byCat.has('placement')) parts.push(`placement ${w.placement} excludes ${list(ids('placement'))}`);
  if (byCat.has('tier')) parts.push(`tiers ${w.tiers.join(';')} exclude ${list(ids('tier'))}`);
  if (byCat.has('available')) {
    // rejected for availability only when it arrives after the last purchase (a period start)
    const periods = periodsOf(input.settings);
    const last = formatPlanMonth(input.settings.start_month, periods[periods.length - 1]!.start_month);
    const late = list((byCat.get('available') ?? []).map((r) => `${name(r.option)} (available from ${byId.get(r.option)?.available_from ?? '?'})`));
    const one = new Set((byCat.get('available') ?? []).map((r) => r.option)).size === 1;
    parts.push(`${late} ${periods.length > 1 ? `arrive${one ? 's' : ''} after the plan's last purchase (${last})` : `${one ? 'is' : 'are'} not yet available in ${last}, when the plan buys`}`);
  }
  if (byCat.has('latency')) parts.push(`${list(ids('latency'))} cannot meet ${w.max_latency_ms} ms for ${w.response_tokens} tokens`);
  if (byCat.has('cooling')) {
    // a site with liquid cooling is never said to lack it: name the sites that do lack it
    const opts = ids('cooling');
    const liquid = input.sites.filter((x) => x.liquid_cooling).map((x) => x.name);
    const lacking = [...new Set((byCat.get('cooling') ?? []).map((r) => r.site).filter((x): x is string => x != null))];
    parts.push(liquid.length === 0
      ? `no site has liquid cooling for ${list(opts)}`
      : `${list(opts)} need liquid cooling, which ${list(lacking)} ${lacking.length === 1 ? 'lacks' : 'lack'} (${list(liquid)} ${liquid.length === 1 ? 'has' : 'have'} it, but the option is excluded there for the other reasons given)`);
  }
  if (byCat.has('rackfit')) {
    // by site and reason, with the figure that breaks the fit (sizing.ts rackMisfit)
    const groups = new Map<string, string[]>();
    for (const r of byCat.get('rackfit') ?? []) {
      const key = `${r.reason}${r.site ? ` at ${r.site}` : ''}`;
      groups.set(key, [...(groups.get(key) ?? []), name(r.option)]);
    }
    for (const [why, names] of groups) {
      const many = new Set(names).size > 1;
      parts.push(`${list(names)} ${many ? why.replace(/^does not fit/, 'do not fit') : why}`);
    }
  }
  if (byCat.has('oversize')) parts.push((byCat.get('oversize') ?? []).map((r) => `${name(r.option)} ${r.reason}`).join('; '));
  if (byCat.has('endpoints')) parts.push(`edge devices ${list(ids('endpoints'))} need endpoints > 0`);
  if (byCat.has('edgecap')) parts.push((byCat.get('edgecap') ?? []).map((r) => `${name(r.option)}: ${r.reason}`).join('; '));
  if (byCat.has('nosite')) parts.push(`there is no site to install ${list(ids('nosite'))}`);
  if (byCat.has('other')) parts.push((byCat.get('other') ?? []).map((r) => `${name(r.option)}: ${r.reason}`).join('; '));
  return `nothing can serve ${w.model} — ${parts.join('; ')}`;
}

const usd = (v: number) => `$${Math.round(v).toLocaleString('en-US')}`;

/**
 * Purchases and replacements per plan year (12 months from the start month) at their price-trend
 * prices: what the capex budget caps, one figure per plan year (DESIGN 5 constraint 6). Read off
 * the plan's cost lines (planLinesV2, the one costing): systems and edge devices, first purchases
 * and replacements.
 */
export function capexPerPlanYear(plan: PlanResult, input: PlanInput): number[] {
  const H = input.settings.horizon_months;
  const years = new Array<number>(Math.ceil(H / 12)).fill(0);
  if (plan.assignments.length === 0 && plan.purchases.length === 0 && plan.edge.length === 0) return years;
  const { lines } = planLinesV2(input, plan);
  for (const l of ['system_capex', 'system_replacement', 'edge_capex'] as const) {
    const v = lines[l];
    if (v) for (let m = 0; m < H; m++) years[Math.floor(m / 12)]! += v[m]!;
  }
  return years;
}

/**
 * Reasons on one line, '; ' between them, except after a heading that ends in ':' (explainInfeasible's
 * "no plan meets all of these limits at once; …:" read "…admits a plan:; the capex budget …").
 */
export function reasonsInOneLine(reasons: readonly string[]): string {
  return reasons.map((r, i) => (i === 0 ? r : `${reasons[i - 1]!.endsWith(':') ? ' ' : '; '}${r}`)).join('');
}

/** A plan under the relaxed input, null when still infeasible, 'timeout' when out of time. */
export type RelaxedSolve = (input: PlanInput) => PlanResult | null | 'timeout';

/**
 * The MILP is infeasible although every workload has candidates: lift limit families one at a
 * time, then in pairs, re-solve, and name the ones whose lifting admits a plan.
 */
export function explainInfeasible(input: PlanInput, solveRelaxed: RelaxedSolve): string[] {
  const fams: LimitFamily[] = ['power', 'site_racks'];
  if (input.settings.capex_budget_usd != null) fams.push('capex');
  if (input.settings.total_budget_usd != null) fams.push('budget');
  // a period by its calendar months ("in Jan 2029 – Jun 2029"), as the plan views and the
  // binding-limit words name it; nothing when the plan has one period
  const inPeriod = (plan: PlanResult, k: number): string => {
    const p = plan.periods[k];
    return plan.periods.length > 1 && p ? ` in ${periodLabel(input.settings.start_month, p)}` : '';
  };
  // what the plan found with the family lifted uses of it (site power, racks), or what limit would do
  // (the budgets); one "which uses" for all of them: "that plan uses … (limit …: … over); that plan
  // uses …" repeated itself in nested parentheses
  const detail = (plan: PlanResult, f: LimitFamily): { uses: string[]; would: string[] } => {
    switch (f) {
      case 'power':
        return { would: [], uses: plan.sites.filter((s) => s.power_kw_used > s.power_kw_limit + 1e-6)
          .map((s) => `${Math.ceil(s.power_kw_used)} kW of IT power at ${s.site}${inPeriod(plan, s.period)}, ${Math.ceil(s.power_kw_used - s.power_kw_limit)} kW over its limit of ${s.power_kw_limit} kW`) };
      case 'site_racks':
        return { would: [], uses: plan.sites.filter((s) => s.racks_used > s.racks_limit)
          .map((s) => `${s.racks_used} racks at ${s.site}${inPeriod(plan, s.period)}, ${s.racks_used - s.racks_limit} over its limit of ${s.racks_limit}`) };
      case 'capex': {
        const years = capexPerPlanYear(plan, input);
        const worst = years.reduce((b, v, i) => (v > years[b]! ? i : b), 0);
        return { uses: [], would: [`a capex budget of ${usd(Math.ceil(years[worst] ?? 0))} per plan year would work (the budget is ${usd(input.settings.capex_budget_usd ?? 0)}; ` +
          `plan year ${worst + 1} would buy ${usd(years[worst] ?? 0)} of hardware)`] };
      }
      case 'budget':
        return { uses: [], would: [`a total budget of ${usd(Math.ceil(plan.totals.horizon_cost_usd))} would work (the budget is ${usd(input.settings.total_budget_usd ?? 0)})`] };
    }
  };
  let timedOut = false;
  const attempt = (set: LimitFamily[]): string | null => {
    if (timedOut) return null;
    const plan = solveRelaxed(relaxInput(input, set));
    if (plan === 'timeout') { timedOut = true; return null; }
    if (!plan || !holdsPlan(plan.status)) return null;
    // report against the real limits
    const limitsOf = new Map(input.sites.map((x) => [x.name, x] as const));
    const real = { ...plan, sites: plan.sites.map((s) => ({ ...s, power_kw_limit: limitsOf.get(s.site)?.it_power_kw ?? s.power_kw_limit, racks_limit: limitsOf.get(s.site)?.racks ?? s.racks_limit })) };
    const words = set.map((f) => LIMIT_FAMILY_WORDS[f]).join(' and ');
    const ds = set.map((f) => detail(real, f));
    const uses = ds.flatMap((d) => d.uses), would = ds.flatMap((d) => d.would);
    return `${words} ${set.length === 1 ? 'makes' : 'make'} the scenario infeasible: lifting ${set.length === 1 ? 'it' : 'them'} admits a plan` +
      `${uses.length ? `, which uses ${uses.join('; ')}` : ''}${would.length ? `${uses.length ? '; ' : ': '}${would.join('; ')}` : ''}`;
  };
  const found: string[] = [];
  for (const f of fams) {
    const r = attempt([f]);
    if (r) found.push(r);
  }
  if (found.length > 0) {
    // several: it is their combination that blocks, not each alone (a capex budget with a total
    // budget: either one lifted admits a plan, and each alone admits one too)
    if (found.length > 1) found.unshift('no plan meets all of these limits at once; lifting any one of them admits a plan:');
    return found;
  }
  for (let i = 0; i < fams.length; i++) {
    for (let j = i + 1; j < fams.length; j++) {
      const r = attempt([fams[i]!, fams[j]!]);
      if (r) found.push(r);
    }
  }
  if (found.length > 0) return found;
  if (timedOut) return [`no plan meets every limit (${fams.map((f) => LIMIT_FAMILY_WORDS[f]).join(', ')}); there was not enough time to single out which limit is to blame`];
  return [`the limits together (${fams.map((f) => LIMIT_FAMILY_WORDS[f]).join(', ')}) make the scenario infeasible; no single limit or pair of them does`];
}
