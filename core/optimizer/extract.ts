// Solver column values → PlanResult (DESIGN 8 JSON). Pools are re-rounded from the chosen
// assignments (n = ⌈load⌉, never above the solver's n beyond tolerance) and racks are the minimal
// layout for them, so the plan is valid by construction; costs come from cost.ts line vectors.
import {
  addLines,
  discountFactors,
  linesPresentValue,
  rackSpaceLines,
  systemUnitCapex,
  systemUnitLines,
  type LineVectors,
} from '../cost.ts';
import type { Assignment, BindingConstraint, PlanResult, PlanStatus, Pool, RackLayout, SiteUse } from '../types.ts';
import { assignmentOf } from '../sizing.ts';
import { ceilTol, type MilpModel } from './model.ts';

export const OPTIMAL_GAP = 1e-4;

export function relGap(objective: number, bound: number): number {
  return Math.max(0, (objective - bound) / Math.max(1, Math.abs(objective)));
}

export type ExtractMeta = {
  bound: number | null;
  solveMs: number;
  /** why each unserved workload is unserved (from explain.ts) */
  unservedReason: (wi: number) => string;
  stats?: Record<string, number>;
};

/** Chosen candidate (index into m.xs) per workload, or null when unserved. */
export function chosenFromColumns(m: MilpModel, col: ArrayLike<number>): (number | null)[] {
  return m.workloads.map((e) => {
    let best: number | null = null;
    let bestV = 0.5;
    for (const k of e.xs) {
      const v = col[m.xs[k]!.col] ?? 0;
      if (v > bestV) { best = k; bestV = v; }
    }
    return best;
  });
}

export type PlanShape = {
  chosen: (number | null)[];
  units: number[];
  racks: number[];
  lines: LineVectors;
  horizon: number;
  capex: number;
  penalties: number;
};

/** Units per pool, racks per group, cost lines and totals of an assignment. */
export function shapeOf(m: MilpModel, chosen: (number | null)[]): PlanShape {
  const { settings } = m.input;
  const H = settings.horizon_months;
  const load = new Array<number>(m.pools.length).fill(0);
  const lines: LineVectors = {};
  let capex = 0;
  let penalties = 0;
  chosen.forEach((k, wi) => {
    if (k == null) {
      if (m.penaltyPerWorkload != null) penalties += m.penaltyPerWorkload;
      return;
    }
    const x = m.xs[k]!;
    if (x.pool != null) load[x.pool]! += x.a;
    else {
      addLines(lines, x.lines!, 1, H);
      capex += x.capex;
    }
    void wi;
  });
  const units = load.map((l) => ceilTol(l));
  const racks = m.groups.map((g) => {
    const N = g.pools.reduce((s, p) => s + units[p]!, 0);
    return g.fit.kind === 'per_rack' ? Math.ceil(N / g.fit.k) : N * g.fit.t;
  });
  m.pools.forEach((p, pi) => {
    const n = units[pi]!;
    if (n === 0) return;
    addLines(lines, systemUnitLines(p.option, p.site, settings), n, H);
    capex += n * systemUnitCapex(p.option);
  });
  m.groups.forEach((g, gi) => {
    if (racks[gi]! > 0) addLines(lines, rackSpaceLines(g.site, settings), racks[gi]!, H);
  });
  const horizon = linesPresentValue(lines, discountFactors(settings));
  return { chosen, units, racks, lines, horizon, capex, penalties };
}

export function extractPlan(m: MilpModel, chosen: (number | null)[], meta: ExtractMeta): PlanResult {
  const { input } = m;
  const shape = shapeOf(m, chosen);
  const objective = shape.horizon + shape.penalties;
  const bound = meta.bound == null ? null : Math.min(meta.bound, objective);
  const gap = bound == null ? null : relGap(objective, bound);
  const status: PlanStatus = gap != null && gap <= OPTIMAL_GAP ? 'optimal' : 'time_limit';

  const assignments: Assignment[] = [];
  const unserved: PlanResult['unserved'] = [];
  chosen.forEach((k, wi) => {
    const w = m.workloads[wi]!.workload;
    if (k == null) { unserved.push({ workload: w.name, period: 0, reason: meta.unservedReason(wi) }); return; }
    const c = m.xs[k]!.cand;
    assignments.push(assignmentOf(w.name, c));
  });

  const pools: Pool[] = [];
  m.pools.forEach((p, pi) => {
    if (shape.units[pi]! > 0) pools.push({ period: 0, site: p.site.name, option: p.option.id, model: p.model, units: shape.units[pi]! });
  });

  const sites: SiteUse[] = input.sites.map((site, si) => {
    let power = 0;
    let racksUsed = 0;
    const layout: RackLayout[] = [];
    m.groups.forEach((g, gi) => {
      if (g.siteIdx !== si) return;
      const s = g.option;
      const unitsList: { option: string; model: string }[] = [];
      for (const pi of g.pools) for (let i = 0; i < shape.units[pi]!; i++) unitsList.push({ option: s.id, model: m.pools[pi]!.model });
      if (unitsList.length === 0) return;
      power += unitsList.length * s.max_power_kw;
      racksUsed += shape.racks[gi]!;
      if (g.fit.kind === 'spans') {
        for (const u of unitsList) layout.push({ option: s.id, units: [u], u_used: s.rack_units, kw_used: s.max_power_kw, spans: g.fit.t });
      } else {
        for (let i = 0; i < unitsList.length; i += g.fit.k) {
          const inRack = unitsList.slice(i, i + g.fit.k);
          layout.push({ option: s.id, units: inRack, u_used: inRack.length * s.rack_units, kw_used: inRack.length * s.max_power_kw, spans: 1 });
        }
      }
    });
    return { site: site.name, period: 0, power_kw_used: power, power_kw_limit: site.it_power_kw, racks_used: racksUsed, racks_limit: site.racks, racks: layout };
  });

  const binding: BindingConstraint[] = [];
  for (const s of sites) {
    if (s.power_kw_used > 0 && s.power_kw_used >= 0.995 * s.power_kw_limit) {
      binding.push({ constraint: 'site power', detail: `${s.site} uses ${fmt(s.power_kw_used)} of ${fmt(s.power_kw_limit)} kW of IT power` });
    }
    if (s.racks_used > 0 && s.racks_used >= s.racks_limit) {
      binding.push({ constraint: 'site racks', detail: `${s.site} uses all ${s.racks_limit} racks` });
    }
  }
  const cb = input.settings.capex_budget_usd;
  if (cb != null && shape.capex >= 0.995 * cb) {
    binding.push({ constraint: 'capex budget', detail: `month-0 purchases of $${fmt(shape.capex)} use the capex budget of $${fmt(cb)}` });
  }
  const tb = input.settings.total_budget_usd;
  if (tb != null && shape.horizon >= 0.995 * tb) {
    binding.push({ constraint: 'total budget', detail: `the horizon cost of $${fmt(shape.horizon)} reaches the total budget of $${fmt(tb)}` });
  }

  return {
    status,
    objective_usd: objective,
    bound_usd: bound,
    gap,
    solve_ms: meta.solveMs,
    periods: [{ period: 0, start_month: 0, months: input.settings.horizon_months }],
    assignments,
    purchases: pools.map((p) => ({ period: 0, site: p.site, option: p.option, model: p.model, replicas: p.units, units: p.units })),
    pools,
    cloud: [],
    edge: assignments.filter((a) => a.kind === 'edge_device').map((a) => ({
      workload: a.workload, option: a.option, period: 0, devices: input.workloads.find((w) => w.name === a.workload)?.endpoints ?? 0,
    })),
    unserved,
    sites,
    totals: { capex_usd: shape.capex, horizon_cost_usd: shape.horizon },
    binding,
    ...(meta.stats ? { stats: meta.stats } : {}),
  };
}

function fmt(v: number): string {
  return Math.round(v).toLocaleString('en-US');
}

/** Column vector of an assignment (for HiGHS setSolution and for checking the model). */
export function columnsOf(m: MilpModel, chosen: (number | null)[]): Float64Array {
  const shape = shapeOf(m, chosen);
  const col = new Float64Array(m.numCols);
  chosen.forEach((k, wi) => {
    if (k != null) col[m.xs[k]!.col] = 1;
    else {
      const y = m.workloads[wi]!.y;
      if (y != null) col[y] = 1;
    }
  });
  m.pools.forEach((p, pi) => { col[p.col] = shape.units[pi]!; });
  m.groups.forEach((g, gi) => { col[g.col] = shape.racks[gi]!; });
  return col;
}
