// Which limits bind a solved plan, and what each one costs: a limit binds when relaxing it lowers
// the plan cost, so each tight limit is re-solved without it. Solver-agnostic: it only calls the
// solve function it is given, with a modified PlanInput; the figures are what those solves found.
// Site limits and the capex budget hold in every period / plan year; a limit is lifted for the
// whole horizon (the input has one value per site), and its words name the periods or plan years
// in which the plan sits at it ("the IT power of dc-east (400 kW) in Nov 2027 – Oct 2028 costs …").
import { periodsLabel, planPeriods } from '../plan-periods.ts';
import { formatList, formatMoney, formatMoneyCompact } from '../format.ts';
import { capexPerPlanYear } from './explain.ts';
import { penaltyUsd } from './gap.ts';
import { rackFit } from '../sizing.ts';
import { racksForUnits } from '../tco/racks.ts';
import { computeTco } from '../tco/engine.ts';
import { planYears, planYearsTable } from '../schedule/schedule.ts';
import { holdsPlan, type BindingConstraint, type PlanInput, type PlanResult, type Unserved } from '../types.ts';

/** A solve of a modified input within a time limit (seconds); null when it could not run (cancel). */
export type RelaxedSolve = (input: PlanInput, timeLimitS: number) => PlanResult | null;

export type LimitKind = 'capex budget' | 'total budget' | 'site power' | 'site racks' | 'rack power';
export type Limit = {
  kind: LimitKind;
  site?: string;
  label: string;
  /** site limits: the periods in which the plan is at the limit; capex: the plan years (0-based) */
  periods?: number[];
  years?: number[];
};

export type BindingAnalysis = {
  binding: BindingConstraint[];
  /** one sentence for "no binding limit" or for limits that could not be checked */
  note: string;
  /**
   * The plan's unserved rows, present when a binding limit holds one back: a row the re-solve
   * without that limit serves gets the limit as its reason (the solver, not knowing why, says the
   * penalty is cheaper than serving it).
   */
  unserved?: Unserved[];
  /** true when a stop (stopped()), not the budget, left limits unchecked */
  halted?: true;
};

export type BindingOptions = {
  /** total time for all re-solves, seconds */
  budgetS: number;
  /** at most this many re-solves (the joint one included) */
  maxSolves?: number;
  onStep?: (done: number, total: number, label: string) => void;
  /** true once the caller wants the analysis to stop (cancel) */
  stopped?: () => boolean;
  /** who stops it, for the note ("not checked (stopped by the user)"): a caller whose stop is the user's Cancel says so */
  stoppedBy?: string;
  /**
   * The model's own check of a re-solve's plan against every limit of the input: its objective
   * under the input when it meets them all, else null (core/optimizer/meets-limits.ts). A re-solve
   * without a limit that finds a cheaper plan within that limit too shows that the plan in hand is
   * not the cheapest, not that the limit costs anything: without this check every cheaper re-solve
   * is taken for the cost of the limit it lifted.
   */
  withinLimits?: (plan: PlanResult) => number | null;
};

/** Time for the binding check after a solve with this time limit: half of it, 2–30 s. */
export function bindingBudgetS(timeLimitS: number): number {
  return Math.min(30, Math.max(2, timeLimitS / 2));
}

/** The least time one re-solve is given (s): the budget buys at most budgetS ÷ this re-solves. */
const MIN_RESOLVE_S = 0.5;

/** A relaxed limit is "off": large enough never to bind, small enough to keep the MILP well scaled. */
const RELAXED_KW = 1e6;
const RELAXED_RACKS = 100_000;
const RELAXED_RACK_KW = 10_000;

/** "Nov 2026 – Oct 2028 and Nov 2029": the periods named, consecutive ones as one range. */
function periodsWords(plan: PlanResult, input: PlanInput, ks: number[]): string {
  return periodsLabel(input.settings.start_month, planPeriods(plan, input.settings.horizon_months), ks);
}

/** Limits a re-solve without them could improve: set budgets, and site limits with little slack. */
export function tightLimits(plan: PlanResult, input: PlanInput): Limit[] {
  const out: Limit[] = [];
  const s = input.settings;
  const multi = planPeriods(plan, s.horizon_months).length > 1;
  // "little slack": less room than one replica of the largest system in the catalog would take
  let replicaKw = 0;
  let replicaRacks = 1;
  let replicaUsd = 0;
  for (const o of input.catalog.options) {
    if (o.kind !== 'system') continue;
    for (const p of o.performance) {
      const r = p.units_per_replica ?? 1;
      replicaKw = Math.max(replicaKw, r * o.max_power_kw);
      replicaRacks = Math.max(replicaRacks, Math.ceil(r * (o.racks_per_unit ?? 1)));
      replicaUsd = Math.max(replicaUsd, r * o.price_usd);
    }
  }
  if (s.capex_budget_usd != null) {
    // the cap holds in each plan year: name the years the plan spends close to it
    const byYear = capexPerPlanYear(plan, input);
    const years = byYear.map((v, y) => (v > 0 && s.capex_budget_usd! - v < Math.max(replicaUsd, 1e-6 * s.capex_budget_usd!) ? y : -1)).filter((y) => y >= 0);
    // what those years spend, not "at the cap": a year less than one replica's price below the
    // cap may still be far below it ($361,000 of $500,000 with a $300,000 system in the catalog)
    // each year's spend as the plan-year table and the capex KPI print it (rounded to add up to
    // their totals): rounded alone, $119,212.4999 (165,000 × 0.85², a −15 %/yr price trend) read
    // $119,212 here beside $119,213 in the table
    const spent = byYear.length > 1 && years.length > 0 ? planYearsTable(planYears(input, computeTco(input, plan)), false, s.capex_budget_usd).rows.map((r) => r.budgeted_shown) : [];
    const when = spent.length > 0 ? ` (spent: ${formatList(years.map((y) => `${formatMoney(spent[y]!)} in plan year ${y + 1}`))})` : '';
    out.push({ kind: 'capex budget', label: `the capex budget of ${formatMoney(s.capex_budget_usd)} a plan year${when}`, years });
  }
  if (s.total_budget_usd != null) out.push({ kind: 'total budget', label: `the total budget of ${formatMoney(s.total_budget_usd)}` });
  const unserved = plan.unserved.length > 0;
  // per (kind, site): the periods in which the plan sits at the limit
  const found = new Map<string, { kind: LimitKind; site: string; periods: number[] }>();
  const mark = (kind: LimitKind, site: string, k: number) => {
    const key = `${kind}\u0000${site}`;
    const f = found.get(key) ?? { kind, site, periods: [] };
    if (!f.periods.includes(k)) f.periods.push(k);
    found.set(key, f);
  };
  for (const use of plan.sites) {
    const site = input.sites.find((x) => x.name === use.site);
    if (!site) continue;
    const used = use.power_kw_used > 0 || use.racks_used > 0;
    if ((used || unserved) && site.it_power_kw - use.power_kw_used < replicaKw) mark('site power', site.name, use.period);
    if ((used || unserved) && site.racks - use.racks_used < replicaRacks) mark('site racks', site.name, use.period);
    if (use.racks.some((r) => r.kw_used / Math.max(1, r.spans ?? 1) >= 0.9 * site.rack_kw)) mark('rack power', site.name, use.period);
  }
  // a site whose room is too small for a pool the plan holds at another site that could host it:
  // its limit may be what put the pool there (a 30-kW site at $0.05/kWh, unused, beside a 100-kW
  // one at $0.20 holding the 4 units of 10 kW the workload needs: "every site has headroom, and no
  // limit raises the cost", while lifting the 30 kW saved $177,576 of $642,051)
  for (const pool of plan.pools) {
    const s = input.catalog.options.find((o) => o.id === pool.option);
    if (s?.kind !== 'system' || pool.units <= 0) continue;
    for (const site of input.sites) {
      if (site.name === pool.site || (s.cooling === 'liquid' && !site.liquid_cooling)) continue;
      const fit = rackFit(site, s);
      if (!fit) continue;
      const use = plan.sites.find((u) => u.site === site.name && u.period === pool.period);
      if (site.it_power_kw - (use?.power_kw_used ?? 0) < pool.units * s.max_power_kw) mark('site power', site.name, pool.period);
      if (site.racks - (use?.racks_used ?? 0) < racksForUnits(fit, pool.units)) mark('site racks', site.name, pool.period);
    }
  }
  for (const f of found.values()) {
    const site = input.sites.find((x) => x.name === f.site)!;
    const periods = f.periods.sort((a, b) => a - b);
    const what = siteLimitWords(f.kind, site);
    out.push({ kind: f.kind, site: f.site, label: multi ? `${what} in ${periodsWords(plan, input, periods)}` : what, periods });
  }
  return out;
}

const SITE_KINDS = ['site power', 'site racks', 'rack power'] as const satisfies readonly LimitKind[];

/** A verb in agreement with a limit's words: "the racks of dc1 (10) cost", "the IT power of dc1 (200 kW) costs". */
const agree = (l: Pick<Limit, 'kind'>, singular: string, plural: string) => (l.kind === 'site racks' ? plural : singular);

/** "the IT power of dc1 (40 kW)": a site limit in words. */
function siteLimitWords(kind: LimitKind, site: PlanInput['sites'][number]): string {
  return kind === 'site power' ? `the IT power of ${site.name} (${num(site.it_power_kw)} kW)`
    : kind === 'site racks' ? `the racks of ${site.name} (${num(site.racks)})`
      : `the power per rack at ${site.name} (${num(site.rack_kw)} kW)`;
}

/**
 * Every site limit (power, racks, power per rack of each site) the tight ones leave out: the
 * heuristic misses some that bind (a site too small for any unit of a system, so the workload
 * rents cloud capacity and no pool anywhere shows what the site would hold), so the check lifts
 * these too before it says no limit raises the cost.
 */
function otherLimits(input: PlanInput, tight: readonly Limit[]): Limit[] {
  const out: Limit[] = [];
  for (const site of input.sites) {
    for (const kind of SITE_KINDS) {
      if (!tight.some((l) => l.kind === kind && l.site === site.name)) out.push({ kind, site: site.name, label: siteLimitWords(kind, site) });
    }
  }
  return out;
}

/**
 * The limits the binding check lifts, in its order: the tight ones, then every other site limit
 * (otherLimits). `every` is the set its first re-solve lifts at once; bench/trust.ts re-solves
 * without the same set to check the "would not lower the cost" note.
 */
export function checkedLimits(plan: PlanResult, input: PlanInput): { tight: Limit[]; others: Limit[]; every: Limit[] } {
  const tight = tightLimits(plan, input);
  const others = otherLimits(input, tight);
  return { tight, others, every: [...tight, ...others] };
}

/** A site limit's kind in the group phrase: "every site power, rack and power-per-rack limit". */
const KIND_WORDS: Record<(typeof SITE_KINDS)[number], string> = { 'site power': 'site power', 'site racks': 'rack', 'rack power': 'power-per-rack' };

/**
 * The limits otherLimits adds, in words: up to three by name ("the power per rack at dc1 (15 kW)"),
 * more as one group of the kinds they hold ("every other site power, rack and power-per-rack
 * limit", "other" beside tight limits of those kinds; the IT power of both sites tight: "every rack
 * and power-per-rack limit"). A one-site plan with its power and racks tight said
 * "every other site power, rack and power-per-rack limit" of the one limit left, its power per rack.
 */
function othersWords(tight: readonly Limit[], others: readonly Limit[]): string[] {
  if (others.length <= SITE_KINDS.length) return others.map((l) => l.label);
  const kinds = SITE_KINDS.filter((k) => others.some((l) => l.kind === k));
  const other = tight.some((l) => l.site != null && (kinds as readonly LimitKind[]).includes(l.kind));
  return [`every ${other ? 'other ' : ''}${formatList(kinds.map((k) => KIND_WORDS[k]))} limit`];
}

/** The input with the given limits lifted. */
export function relaxLimits(input: PlanInput, limits: Limit[]): PlanInput {
  const settings = { ...input.settings };
  const sites = input.sites.map((x) => ({ ...x }));
  for (const l of limits) {
    if (l.kind === 'capex budget') settings.capex_budget_usd = null;
    else if (l.kind === 'total budget') settings.total_budget_usd = null;
    else {
      const site = sites.find((x) => x.name === l.site);
      if (!site) continue;
      if (l.kind === 'site power') site.it_power_kw = Math.max(site.it_power_kw, RELAXED_KW);
      else if (l.kind === 'site racks') site.racks = Math.max(site.racks, RELAXED_RACKS);
      else site.rack_kw = Math.max(site.rack_kw, RELAXED_RACK_KW);
    }
  }
  return { ...input, settings, sites };
}

/**
 * Re-solves without the limits: first every one at once, the tight ones and every other site limit
 * (when that is no cheaper, none binds: lifting fewer limits never lowers the cost further), then
 * the other site limits together beside tight ones (when that is no cheaper, none of them binds
 * alone), then each candidate alone. A limit's cost is the cost (objective, penalties included) of the
 * cheapest plan known to meet every limit minus the relaxed plan's: that is the plan's own, unless
 * a re-solve found a cheaper plan that meets every limit anyway (withinLimits), which then says so
 * in the note. It is marked an estimate unless both plans were proven optimal.
 */
export function analyzeBinding(plan: PlanResult, input: PlanInput, solve: RelaxedSolve, opts: BindingOptions): BindingAnalysis {
  const base = plan.objective_usd;
  if (base == null) return { binding: [], note: 'binding limits were not checked (the plan has no cost to compare with)' };
  // the heuristic alone said "no limit is close to its value" of a 30-kW site at $0.05/kWh left
  // empty beside a 100-kW one at $0.20 (lifting it: $642,051 → $464,475), and of a site too small
  // for any unit while the workload rented cloud capacity: only a re-solve without them shows it
  const { tight, others, every } = checkedLimits(plan, input);
  if (every.length === 0) return { binding: [], note: 'no site power, rack or budget limit is set' };
  /** every limit, in words: the tight ones by name, the others by name up to three, else as a group */
  const names = [...tight.map((l) => l.label), ...othersWords(tight, others)];
  // no more re-solves than the budget holds at MIN_RESOLVE_S each: 8 of 0.5 s on a 2-s budget (a 4-s
  // limit) said "up to 2 s more" and took 3.04 s
  const maxSolves = Math.max(1, Math.min(opts.maxSolves ?? 8, Math.floor(opts.budgetS / MIN_RESOLVE_S)));
  // every limit at once, then the others together beside tight ones and each tight one, or each
  // other one when none is tight
  const planned = every.length === 1 ? 1 : 1 + (tight.length === 0 ? others.length : tight.length + (others.length > 0 ? 1 : 0));
  let total = Math.min(maxSolves, planned);
  // the budget's time not yet given to a re-solve: each gets an even share of it
  let leftS = opts.budgetS;
  const tol = Math.max(1, 2e-4 * Math.abs(base));
  let done = 0;
  // a cancel, not the budget, left limits unchecked (said so: it read as a timeout)
  let halted = false;
  const stop = () => (halted ||= opts.stopped?.() ?? false);
  const uncheckedNote = (ls: string[]) => `not checked ${halted ? `(stopped${opts.stoppedBy ? ` by ${opts.stoppedBy}` : ''})` : 'in the time allowed'}: ${formatList(ls)}`;
  // the cheapest re-solve plan that meets every limit of the input, when cheaper than the plan:
  // t48 at a 60-s limit ($32,690,300) re-solved without the capex budget, and without the racks of
  // either site, to $32,653,197 (the optimum, within all three) and said each of them cost $37.1k
  let found: { plan: PlanResult; cost: number } | null = null;
  const meets = new Map<PlanResult, boolean>();
  const run = (ls: Limit[], label: string): PlanResult | null => {
    if (stop()) return null;
    opts.onStep?.(done, total, label);
    const t = Math.max(MIN_RESOLVE_S, leftS / Math.max(1, total - done));
    leftS -= t;
    const r = solve(relaxLimits(input, ls), t);
    done++;
    if (stop()) return null;
    if (!(r && r.objective_usd != null && holdsPlan(r.status))) return null;
    const cost = opts.withinLimits?.(r) ?? null;
    // within the limits anyway only at its own cost: a plan that meets them only once re-packed
    // under the input (a rack-power limit lifted: more units a rack, so fewer racks) costs more
    // there, and the limit is what it saved (the demo's 15-kW racks: $1.90 M without, $1.96 M with)
    meets.set(r, cost != null && cost <= r.objective_usd + tol);
    if (cost != null && cost < base - tol && (found == null || cost < found.cost)) found = { plan: r, cost };
    return r;
  };
  /** the cost of the cheapest plan known to meet every limit, and that plan */
  const ref = () => found?.cost ?? base;
  const refPlan = (): PlanResult => found?.plan ?? plan;
  /** that plan is proven optimal: a re-solve's optimum that meets the limits it lifted is the input's optimum too */
  const refProven = () => (found ? found.plan.status === 'optimal' : plan.status === 'optimal');
  const saving = (r: PlanResult | null) => (r && r.objective_usd != null && !meets.get(r) ? ref() - r.objective_usd : 0);
  // what the note says when a re-solve found a cheaper plan within every limit
  const foundNote = () => {
    if (!found) return '';
    const [cheaper, current] = moneyPair(found.cost, base);
    return `a re-solve found a plan that meets every limit and costs ${cheaper} instead of this plan's ${current}`
      + ` (${money(base - found.cost)} less${found.plan.status === 'optimal' ? ', proven optimal' : ''}${plan.unserved.length > 0 || found.plan.unserved.length > 0 ? ', unserved penalties included' : ''}):`
      + ' this plan is not the cheapest, and optimizing longer may find that one';
  };
  const withFound = (note: string) => [note, foundNote()].filter((x) => x !== '').join('; ');

  let all: PlanResult | null = null;
  if (every.length > 1) {
    all = run(every, 'every limit');
    if (all == null) return { binding: [], note: uncheckedNote(names), ...(halted ? { halted } : {}) };
    if (saving(all) <= tol) {
      // proven when the re-solve is optimal and the plan compared with it is too, or it meets every limit itself
      const proven = all.status === 'optimal' && (refProven() || meets.get(all) === true);
      return { binding: [], note: withFound(`lifting ${formatList(names)} would not lower the cost${proven ? '' : ' (within the re-solve time)'}`) };
    }
  }
  const unchecked: string[] = [];
  // a re-solve that found nothing cheaper proves it only when it and the plan are optimal
  let unproven = false;
  const noSaving = (r: PlanResult) => {
    if (saving(r) > tol) return false;
    if (r.status !== 'optimal' || !(refProven() || meets.get(r) === true)) unproven = true;
    return true;
  };
  // the limits re-solved alone: the tight ones, and the others when lifting them lowers the cost
  let limits = tight.length > 0 ? tight : others;
  if (tight.length > 0 && others.length > 0) {
    const r = done < total ? run(others, formatList(othersWords(tight, others))) : null;
    if (r == null) unchecked.push(...othersWords(tight, others));
    else if (!noSaving(r)) {
      limits = every;
      // the re-solves left share what is left of the budget
      total = Math.min(maxSolves, done + Math.floor(leftS / MIN_RESOLVE_S + 1e-9), done + limits.length);
    }
  }
  // every re-solve first: a later one may find a cheaper plan within every limit, against which all are measured
  const tried: { l: Limit; r: PlanResult | null }[] = [];
  // the other site limits left unchecked are named up to one site's three, counted beyond: 20
  // sites without a tight limit are 60 of them
  const othersLeft: string[] = [];
  for (const l of limits) {
    if (done >= total) {
      (others.includes(l) ? othersLeft : unchecked).push(l.label);
      continue;
    }
    const r = run([l], l.label);
    if (r == null) unchecked.push(l.label);
    else tried.push({ l, r });
  }
  unchecked.push(...(othersLeft.length <= SITE_KINDS.length ? othersLeft : [`${othersLeft.length} site limits (power, racks or power per rack)`]));
  const binding: BindingConstraint[] = [];
  // the re-solve without each binding limit (or without all of them, together)
  const without: { words: string; plan: PlanResult; cost: number }[] = [];
  const penalties = (r: PlanResult) => plan.unserved.length > 0 || r.unserved.length > 0 || (found?.plan.unserved.length ?? 0) > 0;
  for (const { l, r } of tried) {
    if (r == null) continue;
    if (noSaving(r)) continue;
    const d = saving(r);
    const estimate = !refProven() || r.status !== 'optimal';
    without.push({ words: `${l.label} ${agree(l, 'holds', 'hold')} it back: without that limit the plan serves it`, plan: r, cost: d });
    const [relaxed, current] = moneyPair(r.objective_usd!, ref());
    binding.push({
      constraint: l.kind,
      detail: `${cap(l.label)} ${agree(l, 'costs', 'cost')} ${money(d)} over the horizon: without it the plan would cost ${relaxed} instead of ${current}`
        // measured from the cheaper plan a re-solve found within every limit, not from this plan
        + (ref() < base ? ', the cheapest plan found that meets every limit' : '')
        // these are objectives: with unserved workloads they hold penalties the horizon cost leaves out
        + (penalties(r) ? ` (unserved penalties included${penaltySplit(r, refPlan(), tol)})` : '')
        + (estimate ? ' (not proven optimal: an estimate)' : ''),
      cost_usd: d,
      estimate,
      ...(l.site ? { site: l.site } : {}),
      ...(l.periods?.length ? { periods: l.periods } : {}),
      ...(l.years?.length ? { years: l.years } : {}),
    });
  }
  binding.sort((a, b) => (b.cost_usd ?? 0) - (a.cost_usd ?? 0));
  if (binding.length === 0 && unchecked.length === 0 && all != null && saving(all) > tol) {
    // together they cost something, alone none does: report them as one
    binding.push({
      constraint: 'limits together',
      detail: `${cap(formatList(names))} together cost ${money(saving(all))} over the horizon`
        + (penalties(all) ? ` (unserved penalties included${penaltySplit(all, refPlan(), tol)})` : '')
        + '; lifting any one alone does not lower the cost',
      cost_usd: saving(all),
      estimate: true,
    });
    without.push({ words: `${formatList(names)} together hold it back: without those limits the plan serves it`, plan: all, cost: saving(all) });
  }
  const note = withFound(unchecked.length > 0 ? uncheckedNote(unchecked)
    : binding.length === 0 ? `lifting ${formatList(names)} would not lower the cost${unproven ? ' (within the re-solve time)' : ''}` : '');
  // a row the cheaper plan within every limit serves is not held back by a limit
  const unserved = heldBack(plan.unserved, without, ref() < base ? found : null);
  return { binding, note, ...(unserved ? { unserved } : {}), ...(halted ? { halted } : {}) };
}

/**
 * Unserved rows a re-solve without a binding limit serves (same workload, same period), reworded
 * with the costliest such limit, unless a plan within every limit (`within`) serves them too; null
 * when no row changes.
 */
function heldBack(rows: readonly Unserved[], without: { words: string; plan: PlanResult; cost: number }[], within: { plan: PlanResult } | null): Unserved[] | null {
  const byCost = [...without].sort((a, b) => b.cost - a.cost);
  let changed = false;
  const out = rows.map((u) => {
    if (within?.plan.assignments.some((a) => a.workload === u.workload && a.period === u.period)) return u;
    const w = byCost.find((x) => x.plan.assignments.some((a) => a.workload === u.workload && a.period === u.period));
    if (!w || u.reason === w.words) return u;
    changed = true;
    return { ...u, reason: w.words };
  });
  return changed ? out : null;
}

/**
 * How a re-solve's objective differs from the reference plan's, when their penalties differ: a
 * limit that holds a workload back "costs" the penalty it leaves, while lifting it raises the
 * money spent (serving costs more than nothing). A site's 10 kW "cost $11.5M over the horizon"
 * where the horizon cost would rise by $0.5M and the penalties fall by $12M. Empty when the
 * penalties are the same or a plan has no totals.
 */
function penaltySplit(r: PlanResult, ref: PlanResult, tol: number): string {
  if (!r.totals || !ref.totals) return '';
  const dp = penaltyUsd(r) - penaltyUsd(ref);
  if (Math.abs(dp) <= tol) return '';
  const dh = r.totals.horizon_cost_usd - ref.totals.horizon_cost_usd;
  // the horizon cost's change against its own size, not the objective's: beside $72B of penalties
  // (tol $14.4M) a $7.9M rise of a $27.9M horizon cost read "the horizon cost would stay the same"
  const tolH = Math.min(tol, Math.max(1, 2e-4 * Math.max(Math.abs(r.totals.horizon_cost_usd), Math.abs(ref.totals.horizon_cost_usd))));
  const move = (d: number, t: number) => (Math.abs(d) <= t ? 'stay the same' : `${d > 0 ? 'rise' : 'fall'} by ${money(Math.abs(d))}`);
  return `: the horizon cost would ${move(dh, tolH)} and the penalties ${move(dp, tol)}`;
}

/** budgets as set, in full; costs found by a re-solve, compact (they are rounded anyway) */
const money = (v: number) => (Math.abs(v) >= 1e4 ? formatMoneyCompact(v) : formatMoney(v));
/** Two amounts compared ("A instead of B"): in full when compact figures would read the same. */
function moneyPair(a: number, b: number): [string, string] {
  return money(a) === money(b) ? [formatMoney(a), formatMoney(b)] : [money(a), money(b)];
}
function num(v: number): string {
  return v.toLocaleString('en-US', { maximumFractionDigits: 1 });
}
function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export type BindingItem = { title: string; detail: string; costUsd: number | null; estimate: boolean };
/** What Results, the CLI and the PDF say about binding limits: items, and a sentence for none or the unchecked. */
export type BindingView = { items: BindingItem[]; note: string | null; checked: boolean };

const TITLES: Record<string, string> = {
  'capex budget': 'Capex budget',
  'total budget': 'Total budget',
  'site power': 'Site power',
  'site racks': 'Site racks',
  'rack power': 'Power per rack',
  'limits together': 'Several limits together',
};

/**
 * Plans solved before the re-solve check carry usage-based entries (no cost, no note): those are
 * shown as limits at their value, not as binding, because nothing showed that they raise the cost.
 */
export function describeBinding(plan: PlanResult): BindingView {
  const list = plan.binding ?? [];
  const checked = plan.binding_note != null || list.some((b) => b.cost_usd != null);
  if (!checked) {
    return {
      checked,
      items: list.map((b) => ({
        title: `${TITLES[b.constraint] ?? cap(b.constraint)} at its limit`,
        detail: `${cap(b.detail)}. Whether lifting it would lower the cost was not checked for this plan; optimize again to find out.`,
        costUsd: null,
        estimate: true,
      })),
      note: list.length ? null : 'Not checked for this plan: optimize again to see which limits raise the cost.',
    };
  }
  return {
    checked,
    items: list.map((b) => ({ title: TITLES[b.constraint] ?? cap(b.constraint), detail: b.detail, costUsd: b.cost_usd ?? null, estimate: b.estimate ?? false })),
    // "None:" only where the check ran (it read "None: not checked (stopped by the user): …")
    note: plan.binding_note ? (list.length || plan.binding_note.includes('not checked') ? `${cap(plan.binding_note)}.` : `None: ${plan.binding_note}.`) : null,
  };
}
