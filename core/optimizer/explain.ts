// Why there is no plan, in words a planner can act on: workloads without a candidate (from
// sizing's rejections), the limit family that makes the MILP infeasible (found by lifting
// families one at a time, then in pairs, and re-solving), and why an unserved workload is unserved.
// Words a person reads: catalog options by their names (never ids), which limit and by how much, the
// budget that would work, and where the fix lives (reason-fix.ts maps these words to the view holding
// the fix). A workload nothing can serve gets a short reason (its main cause first, long lists of
// options cut to the most telling names and "and N more"); `fleetplan optimize --json` gives it in
// full, every option named (fullNoCandidateReasons); the app's Results gives one workload's in full when
// asked (fullNoCandidateReason).
import { periodsLabel } from '../plan-periods.ts';
import { formatList, formatPlanMonth } from '../format.ts';
import { answerMs, candidateIndexV2, candidatesOfV2, candidatesV2, periodsOf, pointsFor, type WorkloadCandidatesV2 } from '../sizing.ts';
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

type Category = 'tier' | 'placement' | 'available' | 'latency' | 'cooling' | 'rackfit' | 'tall' | 'endpoints' | 'edgecap' | 'nosite' | 'other';
/** Causes a site gives: they exclude an option whatever model of a list (`a|b`) it would serve. */
const SITE_CAUSES: readonly Category[] = ['cooling', 'rackfit', 'tall', 'nosite'];
/** Causes that hold for one model of a list: an option may be out for another model for another one. */
const MODEL_CAUSES: readonly Category[] = ['latency', 'edgecap', 'other'];
/** sizing.ts rackMisfit: "is 48 U, taller than the 42 U racks" */
const TALL = /^is ([\d.]+) U, taller than the ([\d.]+) U racks$/;
function categorise(reason: string): Category {
  if (reason.startsWith('tier ')) return 'tier';
  if (reason.startsWith('placement ')) return 'placement';
  if (reason.startsWith('not available')) return 'available';
  if (/no operating point (?:of \S+ )?(?:for \S+ )?meets/.test(reason)) return 'latency';
  if (reason.includes('liquid cooling')) return 'cooling';
  if (reason.startsWith('does not fit')) return 'rackfit';
  if (TALL.test(reason)) return 'tall';
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

/** How many option names a short reason shows of a longer list (the rest are counted: "and N more"). */
export const SHORT_NAMES = 2;

/**
 * Names in a reason: all of them in the full reason or when there are at most SHORT_NAMES + 1 ("A,
 * B and C"); else the first SHORT_NAMES and a count, after the number of them ("19 options (A, B and
 * 17 more)"). `names` come in the order to show them (the most telling first), each once.
 */
function few(names: readonly string[], plural: string, full: boolean): string {
  const all = [...new Set(names)];
  if (full || all.length <= SHORT_NAMES + 1) return formatList(all);
  return `${all.length} ${plural} (${all.slice(0, SHORT_NAMES).join(', ')} and ${all.length - SHORT_NAMES} more)`;
}

/**
 * Why a workload has no candidate, without its name (for `unserved[].reason`, listed by workload).
 * Short by default, for the app's Results and the PDF: the cause that excludes the most options
 * first, and each long list of options cut to its most telling names (the fastest for a latency, the
 * earliest for an arrival) and a count. `full` names every option (`fleetplan optimize --json`,
 * fullNoCandidateReasons); both say the same things.
 */
export function noCandidateWhy(e: Pick<WorkloadEntry, 'workload' | 'rejected'>, input: PlanInput, opts: { full?: boolean } = {}): string {
  const full = opts.full ?? false;
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
  // an option of a model list out for one model at a site (racks, cooling) and for another for a
  // model's own reason (its latency) is said at the site alone: lifting the model's reason would
  // leave it out there (it read "Box cannot meet 1000 ms; Box does not fit a 42 U / 15 kW rack")
  const atSite = new Set(SITE_CAUSES.flatMap((c) => (byCat.get(c) ?? []).map((r) => r.option)));
  for (const c of MODEL_CAUSES) {
    const rs = (byCat.get(c) ?? []).filter((r) => !atSite.has(r.option));
    if (rs.length > 0) byCat.set(c, rs);
    else byCat.delete(c);
  }
  // one out for each model for a reason of its own is named with the model in each ("Board (with
  // m70) cannot meet 1000 ms …; Board: one device delivers … (with m405)")
  const causesOf = new Map<string, number>();
  for (const c of MODEL_CAUSES) for (const o of new Set((byCat.get(c) ?? []).map((r) => r.option))) causesOf.set(o, (causesOf.get(o) ?? 0) + 1);
  const latencyModel = new Map((byCat.get('latency') ?? []).flatMap((r) => {
    const m = /no operating point (?:of \S+ )?for (\S+) meets/.exec(r.reason);
    return m ? [[r.option, m[1]!] as const] : [];
  }));
  const name = namer(input);
  const latencyName = (id: string) => ((causesOf.get(id) ?? 0) > 1 && latencyModel.has(id) ? `${name(id)} (with ${latencyModel.get(id)!})` : name(id));
  // the fastest answer an option gives the workload (ms), over its points for the workload's models
  const fastestOf = (id: string): number => {
    const o = byId.get(id);
    if (!o) return Infinity;
    return Math.min(...workloadModels(w).flatMap((m) => pointsVia(o, m, byId)).map((p) => answerMs(p, w.response_tokens)));
  };
  // how far it misses the latency; nothing when its fastest point meets it (an option of a model list
  // `a|b` missing the latency for one model may meet it for the other, excluded there for another reason)
  const over = (id: string) => {
    const t = fastestOf(id);
    return Number.isFinite(t) && t > (w.max_latency_ms ?? 0) ? `${Math.round(t)} ms: ${Math.round(t - (w.max_latency_ms ?? 0))} ms over` : null;
  };
  // Latency alone: say how close the fastest option comes.
  if (byCat.size === 1 && byCat.has('latency')) {
    const fastest = [...serving].sort((a, b) => fastestOf(a.id) - fastestOf(b.id))[0]!;
    const by = over(fastest.id);
    return `no option meets ${w.max_latency_ms} ms for ${w.response_tokens} tokens` + (by ? ` (the fastest, ${name(fastest.id)}, needs ${by})` : '');
  }
  const optionsOf = (c: Category) => [...new Set((byCat.get(c) ?? []).map((r) => r.option))];
  const names = (c: Category) => optionsOf(c).map(name);
  // each cause with the number of options it excludes: the cause excluding the most comes first
  const parts: { n: number; text: string }[] = [];
  const add = (c: Category, text: string) => parts.push({ n: optionsOf(c).length, text });
  if (byCat.has('placement')) add('placement', `placement ${w.placement} excludes ${few(names('placement'), 'options', full)}`);
  if (byCat.has('tier')) add('tier', `tiers ${w.tiers.join(';')} exclude ${few(names('tier'), 'options', full)}`);
  if (byCat.has('available')) {
    // rejected for availability only when it arrives after the last purchase (a period start);
    // the earliest to arrive first
    const periods = periodsOf(input.settings);
    const last = formatPlanMonth(input.settings.start_month, periods[periods.length - 1]!.start_month);
    const from = (id: string) => byId.get(id)?.available_from ?? '?';
    const ids = optionsOf('available').sort((a, b) => from(a).localeCompare(from(b)));
    const late = few(ids.map((id) => `${name(id)} (available from ${from(id)})`), 'options', full);
    const one = ids.length === 1;
    add('available', `${late} ${periods.length > 1 ? `arrive${one ? 's' : ''} after the plan's last purchase (${last})` : `${one ? 'is' : 'are'} not yet available in ${last}, when the plan buys`}`);
  }
  if (byCat.has('latency')) {
    // the fastest first, and how far it misses
    const ids = optionsOf('latency').sort((a, b) => fastestOf(a) - fastestOf(b));
    const by = over(ids[0]!);
    const who = ids.length === 1 ? latencyName(ids[0]!) : full || ids.length <= SHORT_NAMES + 1 ? formatList(ids.map(latencyName)) : `${ids.length} options`;
    add('latency', `${who} cannot meet ${w.max_latency_ms} ms for ${w.response_tokens} tokens` +
      (by ? (ids.length === 1 ? ` (it needs ${by})` : ` (the fastest, ${name(ids[0]!)}, needs ${by})`) : ''));
  }
  if (byCat.has('cooling')) {
    // a site with liquid cooling is never said to lack it: name the sites that do lack it
    const opts = names('cooling');
    const liquid = input.sites.filter((x) => x.liquid_cooling).map((x) => x.name);
    const lacking = [...new Set((byCat.get('cooling') ?? []).map((r) => r.site).filter((x): x is string => x != null))];
    add('cooling', liquid.length === 0
      ? `no site has liquid cooling for ${few(opts, 'options', full)}`
      : `${few(opts, 'options', full)} need${opts.length === 1 ? 's' : ''} liquid cooling, which ${list(lacking)} ${lacking.length === 1 ? 'lacks' : 'lack'} (${list(liquid)} ${liquid.length === 1 ? 'has' : 'have'} it, but ${opts.length === 1 ? 'the option is' : 'they are'} excluded there for the other reasons given)`);
  }
  if (byCat.has('rackfit')) {
    // by reason, with the figure that breaks the fit (sizing.ts rackMisfit: "does not fit a 42 U /
    // 15 kW rack (20 kW a unit)") and the sites whose racks refuse it (one sentence for sites with
    // the same racks: "… at S; … at T" repeated it); short, the options a rack refuses are one group
    // when they are many, each with its draw, the closest to fitting (the least kW a rack) first
    const fit = (reason: string) => {
      const m = /^(does not fit a .+? rack) \((.+)\)$/.exec(reason);
      return m ? { rack: m[1]!, draw: m[2]!, kw: Number(/([\d.]+) kW a (?:rack|unit)\)?$/.exec(m[2]!)?.[1] ?? NaN) } : { rack: reason, draw: null, kw: NaN };
    };
    const groups = new Map<string, { rack: string; names: string[]; sites: string[] }>();
    const byRack = new Map<string, { rs: { option: string; draw: string | null; kw: number }[]; sites: string[] }>();
    const withSite = (sites: string[], site: string | null) => (site && !sites.includes(site) ? [...sites, site] : sites);
    for (const r of byCat.get('rackfit') ?? []) {
      const f = fit(r.reason);
      const g = groups.get(r.reason);
      groups.set(r.reason, { rack: f.rack, names: [...(g?.names ?? []), name(r.option)], sites: withSite(g?.sites ?? [], r.site) });
      const k = byRack.get(f.rack);
      byRack.set(f.rack, { rs: [...(k?.rs ?? []), { option: r.option, draw: f.draw, kw: f.kw }], sites: withSite(k?.sites ?? [], r.site) });
    }
    const at = (sites: string[]) => (sites.length > 0 ? ` at ${list(sites)}` : '');
    const texts: string[] = [];
    const merged = new Set<string>();
    if (!full) {
      for (const [rack, { rs, sites }] of byRack) {
        if (new Set(rs.map((r) => r.option)).size <= SHORT_NAMES + 1) continue;
        const seen = new Set<string>();
        const sorted = [...rs].filter((r) => !seen.has(r.option) && seen.add(r.option)).sort((a, b) => (Number.isNaN(a.kw) ? Infinity : a.kw) - (Number.isNaN(b.kw) ? Infinity : b.kw));
        texts.push(`${few(sorted.map((r) => (r.draw ? `${name(r.option)} (${r.draw})` : name(r.option))), 'options', false)} ${rack.replace(/^does not fit/, 'do not fit')}${at(sites)}`);
        merged.add(rack);
      }
    }
    for (const [why, { rack, names: ns, sites }] of groups) {
      if (merged.has(rack)) continue;
      const many = new Set(ns).size > 1;
      texts.push(`${few(ns, 'options', full)} ${many ? why.replace(/^does not fit/, 'do not fit') : why}${at(sites)}`);
    }
    add('rackfit', texts.join('; '));
  }
  if (byCat.has('tall')) {
    // DESIGN 5: a system taller than a site's racks does not fit (racks_per_unit spans racks, not
    // height); by rack height, the sites of that height named, the least tall first. It fell under
    // the catch-all once a site: "Rack B: is 42 U, taller than the 40 U racks", repeated for each site
    const byRack = new Map<string, { sites: string[]; options: Map<string, number> }>();
    for (const r of byCat.get('tall') ?? []) {
      const m = TALL.exec(r.reason)!;
      const g = byRack.get(m[2]!) ?? { sites: [], options: new Map<string, number>() };
      if (r.site && !g.sites.includes(r.site)) g.sites.push(r.site);
      g.options.set(r.option, Number(m[1]));
      byRack.set(m[2]!, g);
    }
    add('tall', [...byRack].map(([rackU, g]) => {
      const at = g.sites.length > 0 ? ` at ${list(g.sites)}` : '';
      const os = [...g.options].sort((a, b) => a[1] - b[1]);
      if (os.length === 1) return `${name(os[0]![0])} is ${os[0]![1]} U, taller than the ${rackU} U racks${at}`;
      return `${few(os.map(([id, u]) => `${name(id)} (${u} U)`), 'options', full)} are taller than the ${rackU} U racks${at}`;
    }).join('; '));
  }
  // causes said option by option: a few of them, and a count of the rest
  const each = (c: Category, say: (r: { option: string; reason: string }) => string, rest: (more: number) => string) => {
    const rs = byCat.get(c) ?? [];
    const shown = full || rs.length <= SHORT_NAMES + 1 ? rs : rs.slice(0, SHORT_NAMES);
    const more = new Set(rs.slice(shown.length).map((r) => r.option).filter((o) => !shown.some((s) => s.option === o))).size;
    add(c, [...shown.map(say), ...(more > 0 ? [rest(more)] : [])].join('; '));
  };
  if (byCat.has('endpoints')) {
    const ns = names('endpoints');
    add('endpoints', `${full || ns.length <= SHORT_NAMES + 1 ? `edge ${ns.length === 1 ? 'device' : 'devices'} ` : ''}${few(ns, 'edge devices', full)} need${ns.length === 1 ? 's' : ''} endpoints > 0`);
  }
  if (byCat.has('edgecap')) each('edgecap', (r) => `${name(r.option)}: ${r.reason}`, (n) => `${n} more edge ${n === 1 ? 'device delivers' : 'devices deliver'} too little for one endpoint`);
  if (byCat.has('nosite')) add('nosite', `there is no site to install ${few(names('nosite'), 'options', full)}`);
  if (byCat.has('other')) {
    // an option whose points lack unit_tps for each model of a list says so once, with the models
    // (sizing names the model of a list: "its operating point for m70 has no unit_tps")
    const NO_UNIT_TPS = /^its operating point for (\S+) has no unit_tps$/;
    const rs = byCat.get('other')!;
    const lacking = new Map<string, string[]>();
    for (const r of rs) {
      const m = NO_UNIT_TPS.exec(r.reason);
      if (m) lacking.set(r.option, [...(lacking.get(r.option) ?? []), m[1]!]);
    }
    byCat.set('other', rs.flatMap((r) => {
      const model = NO_UNIT_TPS.exec(r.reason)?.[1];
      const ms = model != null ? lacking.get(r.option)! : [];
      if (ms.length < 2) return [r];
      return ms[0] === model ? [{ ...r, reason: `its operating points for ${list(ms)} have no unit_tps` }] : [];
    }));
    each('other', (r) => `${name(r.option)}: ${r.reason}`, (n) => `${n} more ${n === 1 ? 'option is' : 'options are'} excluded for other reasons`);
  }
  // stable: causes excluding as many options keep the order above
  return `nothing can serve ${w.model} — ${parts.sort((a, b) => b.n - a.n).map((p) => p.text).join('; ')}`;
}

/**
 * The reasons naming every option, of the short ones noCandidateWhy gives a plan of `input` (for
 * `fleetplan optimize --json`, where someone checking a reason finds every option it counts): a map
 * from a reason (an `unserved[].reason`, or a `reasons[]` line "workload: …") to the same reason in
 * full; any other reason maps to itself.
 */
export function fullNoCandidateReasons(input: PlanInput): (reason: string) => string {
  const full = new Map(candidatesV2(input).flatMap((e) => shortToFull(e, input)));
  return (reason) => full.get(reason) ?? reason;
}

/**
 * A workload's short reason (noCandidateWhy) and the same naming every option, as it stands in
 * `unserved[].reason` and as a `reasons[]` line "workload: …": none when something can serve it or
 * the short reason already names every option.
 */
function shortToFull(e: WorkloadCandidatesV2, input: PlanInput): [string, string][] {
  if (e.candidates.length > 0) return [];
  const short = noCandidateWhy(e, input);
  const long = noCandidateWhy(e, input, { full: true });
  if (short === long) return [];
  return [[short, long], [`${e.workload.name}: ${short}`, `${e.workload.name}: ${long}`]];
}

/**
 * What a short reason (noCandidateWhy) says when it counts options it does not name: few's "(A, B
 * and 3 more)", the latency's "5 options cannot meet", and the option-by-option causes' "2 more
 * options are excluded …" and "2 more edge devices deliver …". The full reason differs from the
 * short one exactly when one of these is in it.
 */
const COUNTS_MORE = /\band \d+ more\)|\b\d+ options cannot meet |\b\d+ more (?:options? (?:is|are) excluded|edge devices? deliver)/;

/**
 * Whether a reason is a short one naming fewer options than it counts, so that a fuller one exists
 * (fullNoCandidateReason): told from its words alone, without sizing anything.
 */
export function countsUnnamedOptions(reason: string): boolean {
  return reason.includes('nothing can serve ') && COUNTS_MORE.test(reason);
}

/**
 * The full reason of one short one, sizing only its workload: `reason` is an `unserved[].reason` of
 * `workload`, or a `reasons[]` line "workload: …" (its workload found by that prefix when not given).
 * Any other reason, or one the input does not give, is returned as it is. The app's Results computes
 * it when someone opens a reason's "Every option", not for every workload of a plan when it is shown.
 */
export function fullNoCandidateReason(input: PlanInput, reason: string, workload?: string): string {
  const w = workload != null
    ? input.workloads.find((x) => x.name === workload)
    : input.workloads.find((x) => reason.startsWith(`${x.name}: nothing can serve `));
  if (!w) return reason;
  return new Map(shortToFull(candidatesOfV2(candidateIndexV2(input), w), input)).get(reason) ?? reason;
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

/**
 * A solve of the input with limits lifted, within a time limit (s). Its status tells a plan
 * ('optimal', 'time_limit'), a proof that there is none ('infeasible'), or neither ('no_plan'): a
 * solve that stops with neither may have run out of its time or given up before it (a staged solve
 * whose whole MILP does not fit in what is left), and says nothing about the lifted limits.
 */
export type RelaxedSolve = (input: PlanInput, timeLimitS: number) => PlanResult;

/** The time the re-solves of explainInfeasible get: the solve's own deadline, and a first share of it for each. */
export type ExplainClock = {
  /** seconds left to the deadline */
  leftS: () => number;
  /** the time a set of lifted limits gets at its first re-solve (s); each later try of a set still undecided gets twice the last */
  firstS: number;
  /** true once the user stopped the solve */
  stopped?: () => boolean;
};

/** Below this much time left (s), no re-solve starts: the time has run out. */
export const MIN_RELAXED_S = 0.2;

/** What the re-solves found of one set of lifted limits: `out` when even all the time left decided nothing. */
type Outcome = { plan: PlanResult } | 'infeasible' | 'undecided' | 'out';

/**
 * The MILP is infeasible although every workload has candidates: lift limit families one at a
 * time, then in pairs, re-solve, and name the ones whose lifting admits a plan. A re-solve that
 * stops with neither a plan nor a proof is tried again, with twice the time, once the others have
 * had theirs (a pair that admits a plan at once is not kept waiting behind a single limit that is
 * slow to decide), until the deadline: the words say that time ran out only when it did.
 */
export function explainInfeasible(input: PlanInput, solveRelaxed: RelaxedSolve, clock: ExplainClock): string[] {
  const fams: LimitFamily[] = ['power', 'site_racks'];
  if (input.settings.capex_budget_usd != null) fams.push('capex');
  if (input.settings.total_budget_usd != null) fams.push('budget');
  // periods by their calendar months ("in Jan 2029 – Jun 2029"), as the plan views and the
  // binding-limit words name them; nothing when the plan has one period
  const inPeriods = (plan: PlanResult, ks: number[]): string =>
    plan.periods.length > 1 && ks.length > 0 ? ` in ${periodsLabel(input.settings.start_month, plan.periods, ks)}` : '';
  // a site over a limit by as much in several periods is said once, its periods as ranges of
  // months: a rack-scale replica over a site's racks in every period of a 6-monthly plan read "7
  // racks at colo in May 2026 – Oct 2026, 3 over its limit of 4; 7 racks at colo in Nov 2026 – …" six times
  const overs = (plan: PlanResult, over: (s: PlanResult['sites'][number]) => boolean, words: (s: PlanResult['sites'][number], when: string) => string, key: (s: PlanResult['sites'][number]) => string): string[] => {
    const byKey = new Map<string, { s: PlanResult['sites'][number]; ks: number[] }>();
    for (const s of plan.sites) {
      if (!over(s)) continue;
      const k = `${s.site}\u0000${key(s)}`;
      const g = byKey.get(k);
      if (g) g.ks.push(s.period);
      else byKey.set(k, { s, ks: [s.period] });
    }
    return [...byKey.values()].map(({ s, ks }) => words(s, inPeriods(plan, ks)));
  };
  // what the plan found with the family lifted uses of it (site power, racks), or what limit would do
  // (the budgets); one "which uses" for all of them: "that plan uses … (limit …: … over); that plan
  // uses …" repeated itself in nested parentheses
  const detail = (plan: PlanResult, f: LimitFamily): { uses: string[]; would: string[] } => {
    switch (f) {
      case 'power':
        return { would: [], uses: overs(plan, (s) => s.power_kw_used > s.power_kw_limit + 1e-6,
          (s, when) => `${Math.ceil(s.power_kw_used)} kW of IT power at ${s.site}${when}, ${Math.ceil(s.power_kw_used - s.power_kw_limit)} kW over its limit of ${s.power_kw_limit} kW`,
          (s) => `${Math.ceil(s.power_kw_used)}\u0000${Math.ceil(s.power_kw_used - s.power_kw_limit)}\u0000${s.power_kw_limit}`) };
      case 'site_racks':
        return { would: [], uses: overs(plan, (s) => s.racks_used > s.racks_limit,
          (s, when) => `${s.racks_used} rack${s.racks_used === 1 ? '' : 's'} at ${s.site}${when}, ${s.racks_used - s.racks_limit} over its limit of ${s.racks_limit}`,
          (s) => `${s.racks_used}\u0000${s.racks_limit}`) };
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
  // the words for a set whose lifting admits `plan`, against the real limits
  const admits = (set: LimitFamily[], plan: PlanResult): string => {
    const limitsOf = new Map(input.sites.map((x) => [x.name, x] as const));
    const real = { ...plan, sites: plan.sites.map((s) => ({ ...s, power_kw_limit: limitsOf.get(s.site)?.it_power_kw ?? s.power_kw_limit, racks_limit: limitsOf.get(s.site)?.racks ?? s.racks_limit })) };
    const words = set.map((f) => LIMIT_FAMILY_WORDS[f]).join(' and ');
    const ds = set.map((f) => detail(real, f));
    const uses = ds.flatMap((d) => d.uses), would = ds.flatMap((d) => d.would);
    return `${words} ${set.length === 1 ? 'makes' : 'make'} the scenario infeasible: lifting ${set.length === 1 ? 'it' : 'them'} admits a plan` +
      `${uses.length ? `, which uses ${uses.join('; ')}` : ''}${would.length ? `${uses.length ? '; ' : ': '}${would.join('; ')}` : ''}`;
  };
  const singles = fams.map((f) => [f]);
  const pairs = fams.flatMap((f, i) => fams.slice(i + 1).map((g) => [f, g]));
  const outcome = new Map<string, Outcome>();
  const key = (set: LimitFamily[]) => set.join('+');
  const planOf = (set: LimitFamily[]): PlanResult | null => { const o = outcome.get(key(set)); return typeof o === 'object' ? o.plan : null; };
  const open = (set: LimitFamily[]) => { const o = outcome.get(key(set)); return o === undefined || o === 'undecided'; };
  const decided = (set: LimitFamily[]) => { const o = outcome.get(key(set)); return o === 'infeasible' || typeof o === 'object'; };
  // the pairs matter only while no single limit admits a plan
  const relevant = () => (singles.some(planOf) ? singles : [...singles, ...pairs]);
  // one re-solve of `set` in at most `budget` seconds; false once the time has run out or the user stopped
  const attempt = (set: LimitFamily[], budget: number): boolean => {
    if (clock.stopped?.()) return false;
    const left = clock.leftS();
    if (left < MIN_RELAXED_S) return false;
    const t = Math.min(left, budget);
    const r = solveRelaxed(relaxInput(input, set), t);
    outcome.set(key(set), holdsPlan(r.status) ? { plan: r } : r.status === 'infeasible' ? 'infeasible' : t >= left ? 'out' : 'undecided');
    return true;
  };
  // rounds: each set still open once, singles first, then the pairs (while no single admits a
  // plan); every round doubles the time, so a set given all the time left ends the rounds for it
  rounds: for (let budget = Math.max(clock.firstS, MIN_RELAXED_S); relevant().some(open); budget *= 2) {
    for (const set of [...singles, ...pairs]) {
      if (set.length > 1 && singles.some(planOf)) break;
      if (open(set) && !attempt(set, budget)) break rounds;
    }
  }
  // "there was not enough time to …", or the user's stop
  const short = clock.stopped?.() ? 'the solve was stopped before it could' : 'there was not enough time to';
  const found = singles.flatMap((set) => { const p = planOf(set); return p ? [admits(set, p)] : []; });
  if (found.length > 0) {
    // several: it is their combination that blocks, not each alone (a capex budget with a total
    // budget: either one lifted admits a plan, and each alone admits one too)
    if (found.length > 1) found.unshift('no plan meets all of these limits at once; lifting any one of them admits a plan:');
    return found;
  }
  for (const set of pairs) { const p = planOf(set); if (p) found.push(admits(set, p)); }
  if (found.length > 0) {
    // a pair is named; a single limit of it that was not settled might be enough alone: said, not hidden
    const unsettled = singles.filter((set) => !decided(set)).map((set) => LIMIT_FAMILY_WORDS[set[0]!]);
    if (unsettled.length > 0) found.push(`${short} tell whether lifting ${unsettled.join(' or ')} alone admits a plan`);
    return found;
  }
  if (!relevant().every(decided)) return [`no plan meets every limit (${fams.map((f) => LIMIT_FAMILY_WORDS[f]).join(', ')}); ${short} single out which limit is to blame`];
  return [`the limits together (${fams.map((f) => LIMIT_FAMILY_WORDS[f]).join(', ')}) make the scenario infeasible; no single limit or pair of them does`];
}
