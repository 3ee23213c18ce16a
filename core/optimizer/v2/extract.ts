// A v2 solution (assignment per workload and period, replicas bought, edge purchases) → a plan
// (DESIGN 8 v2). Whole cloud instances and racks are the least each month/period needs; replicas
// are the solver's, topped up where rounding left a pool short, so the plan is valid by construction.
import { discountFactors, linesPresentValue } from '../../cost.ts';
import { assignmentOf, racksFor } from '../../sizing.ts';
import { periodLabel } from '../../plan-periods.ts';
import { planLinesV2 } from '../../tco/plan-lines.ts';
import { fillRacks } from '../../tco/racks.ts';
import type { Assignment, BindingConstraint, PlanResult, PlanStatus, RackLayout, SiteUse } from '../../types.ts';
import { OPTIMAL_GAP, relGap } from '../gap.ts';
import { ceilTol, rowActivity, type ModelV2 } from './model.ts';

export type SolutionV2 = {
  /** index into m.xs per [workload][period], null = unserved */
  chosen: (number | null)[][];
  /** replicas bought per [pool][period] */
  q: number[][];
  /** 1 when bought, per [edge][period] */
  e: number[][];
};

/** Reads a solver's column vector. */
export function solutionFromColumns(m: ModelV2, col: ArrayLike<number>): SolutionV2 {
  const chosen = m.byWk.map((byK) => byK.map((xsK) => {
    let best: number | null = null, bv = 0.5;
    for (const xi of xsK) { const v = col[m.xs[xi]!.col] ?? 0; if (v > bv) { best = xi; bv = v; } }
    return best;
  }));
  const q = m.pools.map((p) => p.q.map((c) => (c == null ? 0 : Math.max(0, Math.round(col[c] ?? 0)))));
  const e = m.edges.map((ed) => ed.e.map((c) => (c == null ? 0 : Math.round(col[c] ?? 0) >= 1 ? 1 : 0)));
  return normalise(m, { chosen, q, e });
}

/** Replica load per [pool][period] of the chosen assignments. */
function poolLoads(m: ModelV2, chosen: (number | null)[][]): number[][] {
  const load = m.pools.map(() => m.periods.map(() => 0));
  for (const byK of chosen) byK.forEach((xi, k) => { if (xi != null) { const x = m.xs[xi]!; if (x.pool != null) load[x.pool]![k]! += x.a; } });
  return load;
}

/** Tops up replicas where a pool is short, buys edge devices where used without them, drops unused ones. */
export function normalise(m: ModelV2, s: SolutionV2): SolutionV2 {
  const load = poolLoads(m, s.chosen);
  const q = s.q.map((row, pi) => {
    const out = [...row];
    let owned = 0;
    m.periods.forEach((_, k) => {
      owned += out[k]!;
      const need = ceilTol(load[pi]![k]!);
      if (need > owned) {
        // buy the shortfall in the latest period the option is usable at or before k
        let j = k;
        while (j > 0 && m.pools[pi]!.q[j] == null) j--;
        out[j] = out[j]! + (need - owned);
        owned = need;
      }
    });
    return out;
  });
  const usedFrom = m.edges.map(() => Infinity);
  s.chosen.forEach((byK) => byK.forEach((xi, k) => {
    if (xi == null) return;
    const x = m.xs[xi]!;
    if (x.edge != null) usedFrom[x.edge] = Math.min(usedFrom[x.edge]!, k);
  }));
  const e = s.e.map((row, ei) => {
    const first = usedFrom[ei]!;
    if (!Number.isFinite(first)) return row.map(() => 0);
    const bought = row.findIndex((v) => v >= 1);
    const at = bought >= 0 && bought <= first ? bought : first;
    return row.map((_, k) => (k === at ? 1 : 0));
  });
  return { chosen: s.chosen, q, e };
}

type Shape = { units: number[][]; racks: number[][]; z: (number | null)[][] };

/** Units owned per [pool][period], racks per [group][period], replicas z' per [cloud][month]. */
function shapeOf(m: ModelV2, s: SolutionV2): Shape {
  const units = m.pools.map((p, pi) => {
    let owned = 0;
    return m.periods.map((_, k) => (owned += s.q[pi]![k]!) * p.R);
  });
  const racks = m.groups.map((g) => m.periods.map((_, k) => {
    const N = g.pools.reduce((a, pi) => a + units[pi]![k]!, 0);
    return racksFor(g.fit, N);
  }));
  const H = m.input.settings.horizon_months;
  const z = m.clouds.map((cp) => {
    const out = new Array<number | null>(H).fill(null);
    for (const [mo, l] of cp.load) {
      let need = 0;
      for (const { x, a } of l) { const xx = m.xs[x]!; if (s.chosen[xx.w]![xx.k] === x) need += a; }
      out[mo] = ceilTol(need);
    }
    return out;
  });
  return { units, racks, z };
}

/** The unserved penalties in a solution's objective (its y columns' costs): the objective less them is its horizon cost. */
export function penaltyOfV2(m: ModelV2, s: SolutionV2): number {
  let v = 0;
  s.chosen.forEach((byK, wi) => byK.forEach((xi, k) => {
    const y = m.ys[wi]![k];
    if (xi == null && y != null) v += m.colCost[y]!;
  }));
  return v;
}

/** Column vector of a solution (for HiGHS' warm start and for checking the model). */
export function columnsOfV2(m: ModelV2, s: SolutionV2): Float64Array {
  const col = new Float64Array(m.numCols);
  const sh = shapeOf(m, s);
  s.chosen.forEach((byK, wi) => byK.forEach((xi, k) => {
    if (xi != null) col[m.xs[xi]!.col] = 1;
    else if (m.ys[wi]![k] != null) col[m.ys[wi]![k]!] = 1;
  }));
  m.pools.forEach((p, pi) => p.q.forEach((c, k) => { if (c != null) col[c] = s.q[pi]![k]!; }));
  m.groups.forEach((g, gi) => g.r.forEach((c, k) => { col[c] = sh.racks[gi]![k]!; }));
  m.clouds.forEach((cp, ci) => cp.z.forEach((c, mo) => { if (c != null) col[c] = sh.z[ci]![mo] ?? 0; }));
  m.edges.forEach((ed, ei) => ed.e.forEach((c, k) => { if (c != null) col[c] = s.e[ei]![k]!; }));
  return col;
}

export function objectiveOfV2(m: ModelV2, col: ArrayLike<number>): number {
  let v = 0;
  for (let j = 0; j < m.numCols; j++) v += m.colCost[j]! * (col[j] ?? 0);
  return v;
}

/** "Nov 2026 – Oct 2027": the calendar months of a period. */
function periodWords(m: ModelV2, k: number): string {
  return periodLabel(m.input.settings.start_month, m.periods[k]!);
}

/** `unservedReason(wi, k, proven)`: why the plan leaves (wi, k) unserved; `proven`: the plan is proven optimal (status 'optimal') */
export type ExtractMetaV2 = { bound: number | null; solveMs: number; unservedReason: (wi: number, k: number, proven: boolean) => string; stats?: Record<string, number> };

/**
 * The time extractPlanV2 takes per (workload, period) pair, which the solve keeps out of its stages'
 * time: hard and roomy 5,000 workloads × 3 periods (15k pairs; the lines, rack layouts and unserved
 * reasons), 60–290 ms at load 4–7, after a solve whose stages ended on time.
 */
export const EXTRACT_MS_PER_PAIR = 0.01;
export const extractMs = (m: ModelV2): number => m.byWk.length * m.periods.length * EXTRACT_MS_PER_PAIR;

export function extractPlanV2(m: ModelV2, sol: SolutionV2, meta: ExtractMetaV2): PlanResult {
  const { input } = m;
  const { settings } = input;
  const sh = shapeOf(m, sol);
  const assignments: Assignment[] = [];
  // (workload, period) pairs left unserved; their reasons once the status is known
  const left: [number, number][] = [];
  let penalties = 0;
  sol.chosen.forEach((byK, wi) => byK.forEach((xi, k) => {
    const w = m.sized[wi]!.workload;
    if (xi == null) {
      left.push([wi, k]);
      penalties += (settings.unserved_penalty_usd_per_month ?? 0) * m.periods[k]!.months;
      return;
    }
    assignments.push(assignmentOf(w.name, m.xs[xi]!.cand, k));
  }));
  const purchases: PlanResult['purchases'] = [];
  const pools: PlanResult['pools'] = [];
  m.pools.forEach((p, pi) => m.periods.forEach((_, k) => {
    const q = sol.q[pi]![k]!;
    if (q > 0) purchases.push({ period: k, site: p.site.name, option: p.option.id, model: p.model, replicas: q, units: q * p.R });
    const n = sh.units[pi]![k]!;
    if (n > 0) pools.push({ period: k, site: p.site.name, option: p.option.id, model: p.model, units: n });
  }));
  const cloud: PlanResult['cloud'] = [];
  m.clouds.forEach((cp, ci) => sh.z[ci]!.forEach((z, mo) => {
    if (z != null && z > 0) cloud.push({ month: mo, option: cp.option.id, model: cp.model, instances: z * cp.R });
  }));
  cloud.sort((a, b) => a.month - b.month);
  const edge: PlanResult['edge'] = [];
  m.edges.forEach((ed, ei) => sol.e[ei]!.forEach((v, k) => {
    if (v >= 1) edge.push({ workload: m.sized[ed.w]!.workload.name, option: ed.option.id, period: k, devices: m.sized[ed.w]!.workload.endpoints });
  }));
  const sites: SiteUse[] = [];
  m.periods.forEach((_, k) => input.sites.forEach((site, si) => {
    let power = 0, racksUsed = 0;
    const layout: RackLayout[] = [];
    m.groups.forEach((g, gi) => {
      if (g.siteIdx !== si) return;
      const s = g.option;
      const owned = g.pools.map((pi) => ({ model: m.pools[pi]!.model, units: sh.units[pi]![k]! }));
      const n = owned.reduce((a, p) => a + p.units, 0);
      if (n === 0) return;
      power += n * s.max_power_kw;
      racksUsed += sh.racks[gi]![k]!;
      for (const r of fillRacks(s, g.fit, owned)) layout.push(r); // no spread: a long list would overflow the stack
    });
    // every site in every period, in use or not (as single-purchase plans list them)
    sites.push({ site: site.name, period: k, power_kw_used: power, power_kw_limit: site.it_power_kw, racks_used: racksUsed, racks_limit: site.racks, racks: layout });
  }));
  const plan: PlanResult = {
    status: 'optimal', objective_usd: null, bound_usd: null, gap: null, solve_ms: meta.solveMs,
    periods: m.periods.map((p) => ({ ...p })),
    assignments, purchases, pools, cloud, edge, unserved: [], sites,
    totals: { capex_usd: 0, horizon_cost_usd: 0 },
  };
  const parts = planLinesV2(input, plan);
  const horizon = linesPresentValue(parts.lines, discountFactors(settings));
  const objective = horizon + penalties;
  const bound = meta.bound == null ? null : Math.min(meta.bound, objective);
  const gap = bound == null ? null : relGap(objective, bound);
  const status: PlanStatus = gap != null && gap <= OPTIMAL_GAP ? 'optimal' : 'time_limit';
  plan.status = status;
  plan.unserved = left.map(([wi, k]) => ({ workload: m.sized[wi]!.workload.name, period: k, reason: meta.unservedReason(wi, k, status === 'optimal') }));
  plan.objective_usd = objective;
  plan.bound_usd = bound;
  plan.gap = gap;
  plan.totals = { capex_usd: parts.capex, horizon_cost_usd: horizon };
  plan.binding = bindingOf(m, plan);
  if (meta.stats) plan.stats = meta.stats;
  return plan;
}

function bindingOf(m: ModelV2, plan: PlanResult): BindingConstraint[] {
  const out: BindingConstraint[] = [];
  const fmt = (v: number) => Math.round(v).toLocaleString('en-US');
  for (const s of plan.sites) {
    const when = m.periods.length > 1 ? ` in ${periodWords(m, s.period)}` : '';
    if (s.power_kw_used > 0 && s.power_kw_used >= 0.995 * s.power_kw_limit) out.push({ constraint: 'site power', detail: `${s.site} uses ${fmt(s.power_kw_used)} of ${fmt(s.power_kw_limit)} kW of IT power${when}` });
    if (s.racks_used > 0 && s.racks_used >= s.racks_limit) out.push({ constraint: 'site racks', detail: `${s.site} uses all ${s.racks_limit} racks${when}` });
  }
  const tb = m.input.settings.total_budget_usd;
  if (tb != null && plan.totals.horizon_cost_usd >= 0.995 * tb) out.push({ constraint: 'total budget', detail: `the horizon cost of $${fmt(plan.totals.horizon_cost_usd)} reaches the total budget of $${fmt(tb)}` });
  return out;
}

/** The solution a plan stands for, in the model's terms (to check a plan against the model). */
export function solutionOfPlan(m: ModelV2, plan: PlanResult): SolutionV2 {
  const wIdx = new Map(m.sized.map((wc, i) => [wc.workload.name, i] as const));
  const chosen = m.byWk.map((byK) => byK.map((): number | null => null));
  for (const a of plan.assignments) {
    const wi = wIdx.get(a.workload);
    if (wi == null) throw new Error(`plan names workload "${a.workload}", not in the model`);
    const xi = m.byWk[wi]![a.period]!.find((i) => {
      const c = m.xs[i]!.cand;
      return c.option.id === a.option && c.model === a.model && (c.site?.name ?? null) === a.site;
    });
    if (xi == null) throw new Error(`plan assigns ${a.workload} to ${a.option} in period ${a.period}: not a candidate`);
    chosen[wi]![a.period] = xi;
  }
  const q = m.pools.map(() => m.periods.map(() => 0));
  for (const b of plan.purchases) {
    const pi = m.pools.findIndex((p) => p.site.name === b.site && p.option.id === b.option && p.model === b.model);
    if (pi < 0 || m.pools[pi]!.q[b.period] == null) throw new Error(`plan buys ${b.option} at ${b.site} in period ${b.period}: not in the model`);
    q[pi]![b.period]! += b.replicas;
  }
  const e = m.edges.map(() => m.periods.map(() => 0));
  for (const d of plan.edge) {
    const ei = m.edges.findIndex((x) => m.sized[x.w]!.workload.name === d.workload && x.option.id === d.option);
    if (ei < 0) throw new Error(`plan buys ${d.option} for ${d.workload}: not in the model`);
    e[ei]![d.period] = 1;
  }
  return { chosen, q, e };
}

/** Whether a solution satisfies every column bound and every row of the model (1e-6 tolerance). */
export function meetsModel(m: ModelV2, sol: SolutionV2): boolean {
  const col = columnsOfV2(m, sol);
  const tol = 1e-6;
  for (let j = 0; j < m.numCols; j++) {
    if (col[j]! < m.colLower[j]! - tol || col[j]! > m.colUpper[j]! + tol) return false;
  }
  for (const r of m.rows) {
    const a = rowActivity(r, col);
    const scale = tol * Math.max(1, Math.abs(r.lb === -Infinity ? 0 : r.lb), Math.abs(r.ub === Infinity ? 0 : r.ub));
    if (a < r.lb - scale || a > r.ub + scale) return false;
  }
  return true;
}
