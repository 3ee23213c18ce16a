// Why there is no plan, in words a planner can act on: workloads without a candidate (from
// sizing's rejections), the limit family that makes the MILP infeasible (found by lifting
// families one at a time, then in pairs, and re-solving), and why an unserved workload is unserved.
import { answerMs, pointsFor } from '../sizing.ts';
import type { CatalogOption, PlanInput, PlanResult, Workload } from '../types.ts';

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

function servesModel(o: CatalogOption, model: string, byId: Map<string, CatalogOption>): boolean {
  if (o.kind === 'edge_device' && o.inference_via) {
    const api = byId.get(o.inference_via);
    return !!api && pointsFor(api, model).length > 0;
  }
  return pointsFor(o, model).length > 0;
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

const list = (ids: string[]) => {
  const u = [...new Set(ids)];
  return u.length <= 4 ? u.join(', ') : `${u.slice(0, 4).join(', ')} and ${u.length - 4} more`;
};

/** One sentence on why a workload has no candidate at all, starting with its name. */
export function noCandidateReason(e: Pick<WorkloadEntry, 'workload' | 'rejected'>, input: PlanInput): string {
  return `${e.workload.name}: ${noCandidateWhy(e, input)}`;
}

/** Why a workload has no candidate, without its name (for `unserved[].reason`, listed by workload). */
export function noCandidateWhy(e: Pick<WorkloadEntry, 'workload' | 'rejected'>, input: PlanInput): string {
  const w: Workload = e.workload;
  const byId = new Map(input.catalog.options.map((o) => [o.id, o] as const));
  const serving = input.catalog.options.filter((o) => servesModel(o, w.model, byId));
  if (serving.length === 0) return `no option in the catalog serves ${w.model}`;
  const servingIds = new Set(serving.map((o) => o.id));
  const byCat = new Map<Category, { option: string; site: string | null; reason: string }[]>();
  for (const r of e.rejected) {
    if (!servingIds.has(r.option)) continue;
    const c = categorise(r.reason);
    if (!byCat.has(c)) byCat.set(c, []);
    byCat.get(c)!.push(r);
  }
  const cats = [...byCat.keys()];
  // Latency alone: say how close the fastest option comes.
  if (cats.length === 1 && cats[0] === 'latency') {
    let fastest = Infinity;
    let fastestId = '';
    for (const o of serving) {
      const api = o.kind === 'edge_device' && o.inference_via ? byId.get(o.inference_via) : o;
      for (const p of api ? pointsFor(api, w.model) : []) {
        const t = answerMs(p, w.response_tokens);
        if (t < fastest) { fastest = t; fastestId = o.id; }
      }
    }
    return `no option meets ${w.max_latency_ms} ms for ${w.response_tokens} tokens` +
      (Number.isFinite(fastest) ? ` (the fastest, ${fastestId}, needs ${Math.round(fastest)} ms)` : '');
  }
  const parts: string[] = [];
  const ids = (c: Category) => (byCat.get(c) ?? []).map((r) => r.option);
  if (byCat.has('placement')) parts.push(`placement ${w.placement} excludes ${list(ids('placement'))}`);
  if (byCat.has('tier')) parts.push(`tiers ${w.tiers.join(';')} exclude ${list(ids('tier'))}`);
  if (byCat.has('available')) parts.push(`${list(ids('available'))} not yet available in ${input.settings.start_month}`);
  if (byCat.has('latency')) parts.push(`${list(ids('latency'))} cannot meet ${w.max_latency_ms} ms for ${w.response_tokens} tokens`);
  if (byCat.has('cooling')) {
    const opts = ids('cooling');
    const noneLiquid = !input.sites.some((s) => s.liquid_cooling);
    parts.push(noneLiquid ? `no site has liquid cooling for ${list(opts)}` : `${list(opts)} need liquid cooling where the sites lack it`);
  }
  if (byCat.has('rackfit')) parts.push(`${list(ids('rackfit'))} do not fit the sites' racks`);
  if (byCat.has('oversize')) parts.push((byCat.get('oversize') ?? []).slice(0, 3).map((r) => `${r.option} ${r.reason}`).join('; '));
  if (byCat.has('endpoints')) parts.push(`edge devices ${list(ids('endpoints'))} need endpoints > 0`);
  if (byCat.has('edgecap')) parts.push((byCat.get('edgecap') ?? []).slice(0, 2).map((r) => `${r.option}: ${r.reason}`).join('; '));
  if (byCat.has('nosite')) parts.push(`there is no site to install ${list(ids('nosite'))}`);
  if (byCat.has('other')) parts.push((byCat.get('other') ?? []).slice(0, 3).map((r) => `${r.option}: ${r.reason}`).join('; '));
  return `nothing can serve ${w.model} — ${parts.join('; ')}`;
}

const usd = (v: number) => `$${Math.round(v).toLocaleString('en-US')}`;

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
  const detail = (plan: PlanResult, f: LimitFamily): string => {
    switch (f) {
      case 'power':
        return plan.sites.filter((s) => s.power_kw_used > s.power_kw_limit + 1e-6)
          .map((s) => `${s.site} would need ${Math.ceil(s.power_kw_used)} kW${plan.periods.length > 1 ? ` in period ${s.period + 1}` : ''} of IT power (limit ${s.power_kw_limit} kW)`).join('; ');
      case 'site_racks':
        return plan.sites.filter((s) => s.racks_used > s.racks_limit)
          .map((s) => `${s.site} would need ${s.racks_used} racks${plan.periods.length > 1 ? ` in period ${s.period + 1}` : ''} (limit ${s.racks_limit})`).join('; ');
      case 'capex':
        return `purchases would be ${usd(plan.totals.capex_usd)} in all (budget ${usd(input.settings.capex_budget_usd ?? 0)} per plan year)`;
      case 'budget':
        return `the horizon cost would be ${usd(plan.totals.horizon_cost_usd)} (budget ${usd(input.settings.total_budget_usd ?? 0)})`;
    }
  };
  let timedOut = false;
  const attempt = (set: LimitFamily[]): string | null => {
    if (timedOut) return null;
    const plan = solveRelaxed(relaxInput(input, set));
    if (plan === 'timeout') { timedOut = true; return null; }
    if (!plan || plan.status === 'infeasible' || plan.status === 'no_plan') return null;
    // report against the real limits
    const limitsOf = new Map(input.sites.map((x) => [x.name, x] as const));
    const real = { ...plan, sites: plan.sites.map((s) => ({ ...s, power_kw_limit: limitsOf.get(s.site)?.it_power_kw ?? s.power_kw_limit, racks_limit: limitsOf.get(s.site)?.racks ?? s.racks_limit })) };
    const words = set.map((f) => LIMIT_FAMILY_WORDS[f]).join(' and ');
    const details = set.map((f) => detail(real, f)).filter((d) => d).join('; ');
    return `${words} ${set.length === 1 ? 'makes' : 'make'} the scenario infeasible: lifting ${set.length === 1 ? 'it' : 'them'} admits a plan${details ? ` (${details})` : ''}`;
  };
  const found: string[] = [];
  for (const f of fams) {
    const r = attempt([f]);
    if (r) found.push(r);
  }
  if (found.length > 0) {
    if (found.length > 1) found.unshift('each of these limits alone makes the scenario infeasible:');
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
