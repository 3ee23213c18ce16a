// The standalone starting plan of the v2 solver: each workload in each period on its cheapest
// way that takes no site capacity, so site limits never break it (budgets still may).
import { cloudInstanceMonthCost, discountFactors } from '../../cost.ts';
import { peakTps } from '../../sizing.ts';
import { normalise, type SolutionV2 } from './extract.ts';
import type { ModelV2 } from './model.ts';

/**
 * A starting plan that site limits cannot break: each workload in each period on its cheapest
 * candidate that uses no site (API, edge devices, cloud instances, priced alone), else unserved
 * when a penalty allows it, else its first system candidate (HiGHS drops a start it finds infeasible).
 */
export function standaloneStart(m: ModelV2): SolutionV2 {
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
  return normalise(m, { chosen, q, e });
}
