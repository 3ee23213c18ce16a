// A feasible starting plan for HiGHS (setSolution): greedy by fractional cost per workload,
// then local search with exact marginal costs (pool rounding and whole racks counted), which
// fills the spare capacity rounding leaves in each pool. Returns null when it finds no plan.
import { ceilTol, type MilpModel } from './model.ts';

type State = {
  load: number[];
  units: number[];
  groupUnits: number[];
  racks: number[];
  sitePower: number[];
  siteRacks: number[];
  capex: number;
  cost: number;
  chosen: (number | null)[];
};

function racksFor(m: MilpModel, g: number, N: number): number {
  const fit = m.groups[g]!.fit;
  return fit.kind === 'per_rack' ? Math.ceil(N / fit.k) : N * fit.t;
}

const UNASSIGNED = -2;
const UNSERVED = -1;

/**
 * Change of objective (horizon cost + penalties) when one workload moves from candidate `from`
 * to `to` (indices into m.xs, or UNSERVED / UNASSIGNED), and whether every limit still holds.
 */
function moveDelta(m: MilpModel, s: State, from: number, to: number, apply: boolean): { cost: number; ok: boolean } {
  const pen = m.penaltyPerWorkload ?? 0;
  let cost = 0; // horizon cost change (no penalties)
  let penalty = 0;
  let capex = 0;
  // at most two pools change: the one left and the one joined
  let p1 = -1, d1 = 0, p2 = -1, d2 = 0;
  const addX = (k: number, sign: number) => {
    if (k === UNASSIGNED) return;
    if (k === UNSERVED) { penalty += sign * pen; return; }
    const x = m.xs[k]!;
    if (x.pool == null) { cost += sign * x.cost; capex += sign * x.capex; return; }
    if (p1 === -1 || p1 === x.pool) { p1 = x.pool; d1 += sign * x.a; }
    else { p2 = x.pool; d2 += sign * x.a; }
  };
  addX(from, -1);
  addX(to, +1);
  let ok = true;
  const sites = m.input.sites;
  // per pool: new load and units; per group (≤ 2): unit change
  let g1 = -1, du1 = 0, g2 = -1, du2 = 0;
  let nl1 = 0, nu1 = 0, nl2 = 0, nu2 = 0;
  if (p1 >= 0) {
    nl1 = Math.max(0, s.load[p1]! + d1); nu1 = ceilTol(nl1);
    if (nu1 > m.pools[p1]!.ub) ok = false;
    const du = nu1 - s.units[p1]!;
    if (du !== 0) { g1 = m.pools[p1]!.group; du1 = du; }
  }
  if (p2 >= 0) {
    nl2 = Math.max(0, s.load[p2]! + d2); nu2 = ceilTol(nl2);
    if (nu2 > m.pools[p2]!.ub) ok = false;
    const du = nu2 - s.units[p2]!;
    if (du !== 0) {
      const g = m.pools[p2]!.group;
      if (g === g1) du1 += du; else if (g1 === -1) { g1 = g; du1 = du; } else { g2 = g; du2 = du; }
    }
  }
  let sA = -1, powA = 0, rkA = 0, sB = -1, powB = 0, rkB = 0;
  let N1 = 0, R1 = 0, N2 = 0, R2 = 0;
  const groupChange = (g: number, du: number, which: 1 | 2) => {
    const grp = m.groups[g]!;
    const N = s.groupUnits[g]! + du;
    const nr = racksFor(m, g, N);
    const dr = nr - s.racks[g]!;
    cost += du * grp.unitPV + dr * grp.rackPV;
    capex += du * grp.option.price_usd;
    const dp = du * grp.option.max_power_kw;
    if (sA === -1 || sA === grp.siteIdx) { sA = grp.siteIdx; powA += dp; rkA += dr; }
    else { sB = grp.siteIdx; powB += dp; rkB += dr; }
    if (which === 1) { N1 = N; R1 = nr; } else { N2 = N; R2 = nr; }
  };
  if (g1 >= 0 && du1 !== 0) groupChange(g1, du1, 1); else g1 = -1;
  if (g2 >= 0 && du2 !== 0) groupChange(g2, du2, 2); else g2 = -1;
  if (sA >= 0 && ((powA > 0 && s.sitePower[sA]! + powA > sites[sA]!.it_power_kw + 1e-9) || (rkA > 0 && s.siteRacks[sA]! + rkA > sites[sA]!.racks))) ok = false;
  if (sB >= 0 && ((powB > 0 && s.sitePower[sB]! + powB > sites[sB]!.it_power_kw + 1e-9) || (rkB > 0 && s.siteRacks[sB]! + rkB > sites[sB]!.racks))) ok = false;
  const cb = m.input.settings.capex_budget_usd;
  if (cb != null && capex > 0 && s.capex + capex > cb + 1e-6) ok = false;
  const tb = m.input.settings.total_budget_usd;
  if (tb != null && cost > 0 && s.cost + cost > tb + 1e-6 * Math.max(1, tb)) ok = false;
  if (apply && ok) {
    if (p1 >= 0) { s.load[p1] = nl1; s.units[p1] = nu1; }
    if (p2 >= 0) { s.load[p2] = nl2; s.units[p2] = nu2; }
    if (g1 >= 0) { s.groupUnits[g1] = N1; s.racks[g1] = R1; }
    if (g2 >= 0) { s.groupUnits[g2] = N2; s.racks[g2] = R2; }
    if (sA >= 0) { s.sitePower[sA]! += powA; s.siteRacks[sA]! += rkA; }
    if (sB >= 0) { s.sitePower[sB]! += powB; s.siteRacks[sB]! += rkB; }
    s.capex += capex;
    s.cost += cost;
  }
  return { cost: cost + penalty, ok };
}

function fractionalScore(m: MilpModel, k: number): number {
  const x = m.xs[k]!;
  if (x.pool == null) return x.cost;
  const g = m.groups[m.pools[x.pool]!.group]!;
  const rackShare = g.fit.kind === 'per_rack' ? x.a / g.fit.k : x.a * g.fit.t;
  return x.a * g.unitPV + rackShare * g.rackPV;
}

export type WarmStartResult = { chosen: (number | null)[]; passes: number; objective: number };

function emptyState(m: MilpModel): State {
  return {
    load: m.pools.map(() => 0),
    units: m.pools.map(() => 0),
    groupUnits: m.groups.map(() => 0),
    racks: m.groups.map(() => 0),
    sitePower: m.input.sites.map(() => 0),
    siteRacks: m.input.sites.map(() => 0),
    capex: 0,
    cost: 0,
    chosen: [],
  };
}

/**
 * Places every workload, trying `preferred[wi]` first (an LP rounding, say) and then its
 * candidates by fractional cost; largest demands first. null when some workload fits nowhere.
 */
function construct(m: MilpModel, s: State, order: number[], preferred?: (number | null)[]): number[] | null {
  const W = m.workloads.length;
  const pen = m.penaltyPerWorkload;
  const cur = new Array<number>(W).fill(UNASSIGNED);
  for (const wi of order) {
    const e = m.workloads[wi]!;
    const cands = [...e.xs].sort((a, b) => fractionalScore(m, a) - fractionalScore(m, b));
    const pref = preferred?.[wi];
    if (pref != null) cands.unshift(pref);
    let placed = false;
    for (const k of cands) {
      if (pen != null && k !== pref && fractionalScore(m, k) > pen) break;
      if (moveDelta(m, s, UNASSIGNED, k, true).ok) { cur[wi] = k; placed = true; break; }
    }
    if (!placed) {
      if (pen == null) return null;
      cur[wi] = UNSERVED;
    }
  }
  return cur;
}

/** Best single move of one workload (exact marginal cost); applies it when it saves money. */
function bestMove(m: MilpModel, s: State, cur: number[], wi: number, exclude = -1): { to: number; cost: number } | null {
  const from = cur[wi]!;
  let best = UNASSIGNED;
  let bestCost = Infinity;
  const alts: number[] = [...m.workloads[wi]!.xs];
  if (m.penaltyPerWorkload != null) alts.push(UNSERVED);
  for (const k of alts) {
    if (k === from || (k >= 0 && m.xs[k]!.pool === exclude && exclude >= 0)) continue;
    const d = moveDelta(m, s, from, k, false);
    if (d.ok && d.cost < bestCost) { bestCost = d.cost; best = k; }
  }
  return best === UNASSIGNED ? null : { to: best, cost: bestCost };
}

/**
 * Local search: single moves, then "shrink" moves that empty one unit of a pool by moving
 * several of its workloads elsewhere (worth it when the unit saved costs more than the moves).
 */
function improve(m: MilpModel, s: State, cur: number[], order: number[], deadline: number): number {
  const eps = () => 1e-9 * Math.max(1, Math.abs(s.cost));
  const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());
  let rounds = 0;
  for (; rounds < 20 && now() < deadline; rounds++) {
    let improved = false;
    for (let pass = 0; pass < 4; pass++) {
      let any = false;
      for (const wi of order) {
        const mv = bestMove(m, s, cur, wi);
        if (mv && mv.cost < -eps()) { moveDelta(m, s, cur[wi]!, mv.to, true); cur[wi] = mv.to; any = true; }
      }
      if (!any) break;
      improved = true;
    }
    // shrink moves, dearest units first
    const members = m.pools.map(() => [] as number[]);
    cur.forEach((k, wi) => { if (k >= 0 && m.xs[k]!.pool != null) members[m.xs[k]!.pool!]!.push(wi); });
    const poolOrder = [...m.pools.keys()].filter((p) => s.units[p]! > 0)
      .sort((a, b) => m.groups[m.pools[b]!.group]!.unitPV - m.groups[m.pools[a]!.group]!.unitPV);
    for (const p of poolOrder) {
      if (now() > deadline) break;
      const target = s.units[p]! - 1;
      if (target < 0) continue;
      // cheapest way out per unit of load, evaluated now
      const ranked = members[p]!.map((wi) => {
        const mv = bestMove(m, s, cur, wi, p);
        return { wi, mv, per: mv ? mv.cost / Math.max(1e-9, m.xs[cur[wi]!]!.a) : Infinity };
      }).filter((r) => r.mv).sort((a, b) => a.per - b.per);
      const undo: [number, number][] = [];
      let total = 0;
      for (const r of ranked) {
        if (s.units[p]! <= target) break;
        const mv = bestMove(m, s, cur, r.wi, p);
        if (!mv) continue;
        const from = cur[r.wi]!;
        const d = moveDelta(m, s, from, mv.to, true);
        if (!d.ok) continue;
        total += d.cost;
        undo.push([r.wi, from]);
        cur[r.wi] = mv.to;
      }
      if (s.units[p]! <= target && total < -eps()) {
        improved = true;
        members[p] = members[p]!.filter((wi) => cur[wi] != null && cur[wi]! >= 0 && m.xs[cur[wi]!]!.pool === p);
        for (const [wi] of undo) { const k = cur[wi]!; if (k >= 0 && m.xs[k]!.pool != null) members[m.xs[k]!.pool!]!.push(wi); }
      } else {
        for (let i = undo.length - 1; i >= 0; i--) {
          const [wi, from] = undo[i]!;
          moveDelta(m, s, cur[wi]!, from, true);
          cur[wi] = from;
        }
      }
    }
    if (!improved) break;
  }
  return rounds;
}

/**
 * A feasible plan: constructed (from `preferred` when given, e.g. an LP rounding) and then
 * improved by local search until `timeBudgetMs` runs out. null when no plan was found.
 */
export function greedyPlan(m: MilpModel, opts: { preferred?: (number | null)[]; timeBudgetMs?: number } = {}): WarmStartResult | null {
  const W = m.workloads.length;
  const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());
  const deadline = now() + (opts.timeBudgetMs ?? 2000);
  const s = emptyState(m);
  // Largest demands first (bin-packing order): they are the hardest to place.
  const order = [...Array(W).keys()].sort((a, b) => m.workloads[b]!.D - m.workloads[a]!.D);
  const cur = construct(m, s, order, opts.preferred);
  if (!cur) return null;
  const passes = improve(m, s, cur, order, deadline);
  const pen = m.penaltyPerWorkload ?? 0;
  return { chosen: cur.map((k) => (k >= 0 ? k : null)), passes, objective: s.cost + pen * cur.filter((k) => k === UNSERVED).length };
}
