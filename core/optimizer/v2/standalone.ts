// The standalone starting plan of the v2 solver: each workload in each period on its cheapest
// way that takes no site capacity, so site limits never break it; with a penalty, the (workload,
// period) pairs that relieve the budgets most per dollar of penalty are left unserved until the
// budgets hold too, so the plan meets every row at once (no repair: milliseconds at any size).
import { cloudInstanceMonthCost, discountFactors } from '../../cost.ts';
import { peakTps } from '../../sizing.ts';
import { normalise, type SolutionV2 } from './extract.ts';
import type { ModelV2 } from './model.ts';
import { PlanState } from './repair.ts';

/**
 * A starting plan that site limits cannot break: each workload in each period on its cheapest
 * candidate that uses no site (API, edge devices, cloud instances, priced alone), else unserved
 * when a penalty allows it, else its first system candidate (HiGHS drops a start it finds infeasible).
 */
export function standaloneStart(m: ModelV2): SolutionV2 {
  // the solve and the greedy start both ask for it: made once per model, handed out as copies
  let s = MADE.get(m);
  if (!s) MADE.set(m, (s = makeStandalone(m)));
  return { chosen: s.chosen.map((r) => [...r]), q: s.q.map((r) => [...r]), e: s.e.map((r) => [...r]) };
}

const MADE = new WeakMap<ModelV2, SolutionV2>();

function makeStandalone(m: ModelV2): SolutionV2 {
  const { settings } = m.input;
  const delta = discountFactors(settings);
  const chosen = m.byWk.map((byK, wi) => byK.map((xsK, k): number | null => {
    let best: number | null = null, bestCost = Infinity, firstSystem: number | null = null;
    for (const xi of xsK) {
      const x = m.xs[xi]!;
      let cost = x.cost;
      if (x.pool != null) { firstSystem ??= xi; continue; }
      if (x.cloud != null) {
        const cp = m.clouds[x.cloud]!;
        const per = m.periods[k]!;
        cost = 0;
        for (let mo = per.start_month; mo < per.start_month + per.months; mo++) {
          const a = peakTps(m.sized[wi]!.workload, mo) / (settings.max_utilization * x.cand.point.unit_tps!);
          cost += Math.ceil(a - 1e-6) * cp.R * cloudInstanceMonthCost(cp.option, settings, mo) * delta[mo]!;
        }
      }
      if (x.edge != null) cost += m.colCost[m.edges[x.edge]!.e[k]!] ?? 0;
      if (cost < bestCost) { best = xi; bestCost = cost; }
    }
    const y = m.ys[wi]![k];
    if (y != null && (best == null || m.colCost[y]! < bestCost)) return null;
    return best ?? firstSystem;
  }));
  const q = m.pools.map(() => m.periods.map(() => 0));
  const e = m.edges.map(() => m.periods.map(() => 0));
  if (settings.unserved_penalty_usd_per_month != null) {
    const trimmed = withinBudgets(m, chosen);
    if (trimmed) return trimmed;
  }
  return normalise(m, { chosen, q, e });
}

/**
 * The plan of `chosen` with served (workload, period) pairs left unserved, most relief of the
 * over-limit rows per dollar of extra objective first, until every coupling row holds; null when
 * it already held (nothing to do) or when unserving cannot make it hold.
 */
function withinBudgets(m: ModelV2, chosen: (number | null)[][]): SolutionV2 | null {
  const E = new PlanState(m, chosen);
  const over = E.violated();
  if (over.length === 0) return null;
  const isOver = new Uint8Array(E.act.length);
  for (const r of over) isOver[r] = 1;
  const items: { w: number; k: number; ratio: number }[] = [];
  E.chosen.forEach((byK, w) => byK.forEach((cur, k) => {
    if (cur == null || m.ys[w]![k] == null) return;
    E.begin();
    const o0 = E.obj;
    E.set(w, k, null);
    const dObj = E.obj - o0;
    let relief = 0;
    for (let i = 0; i < E.nTouched; i++) {
      const r = E.touched[i]!;
      if (isOver[r]) relief += (E.touchedOld[i]! - E.act[r]!) / Math.max(1, Math.abs(E.ix.ub[r]!));
    }
    E.set(w, k, cur);
    if (relief > 0) items.push({ w, k, ratio: dObj <= 0 ? Infinity : relief / dObj });
  }));
  items.sort((a, b) => b.ratio - a.ratio || a.w - b.w || a.k - b.k);
  for (const it of items) {
    if (!E.anyViolated()) break;
    E.set(it.w, it.k, null);
  }
  return E.anyViolated() ? null : E.solution();
}
