// Solves the v2 MILP (DESIGN 5 v2) with HiGHS: the plain model with variable bounds implied by the
// site limits, warm-started when a plan is given, statuses and gap of DESIGN 5, explanations of
// infeasibility per period in a planner's words. Blocking: run it in a worker or a CLI process.
import type { Highs, HighsCallbackMap } from 'highs';
import type { PlanInput, PlanResult } from '../../types.ts';
import { explainInfeasible, noCandidateReason, noCandidateWhy } from '../explain.ts';
import { buildModelV2, type ModelV2 } from './model.ts';
import { toModelData } from '../model-data.ts';
import { columnsOfV2, extractPlanV2, normalise, periodWords, solutionFromColumns, type SolutionV2 } from './extract.ts';
import { cloudInstanceMonthCost, discountFactors } from '../../cost.ts';
import { peakTps } from '../../sizing.ts';

export type SolveV2Options = {
  timeLimitS?: number;
  relGap?: number;
  cancelFlag?: Int32Array;
  /** a plan to start from (its columns are handed to HiGHS) */
  warm?: SolutionV2 | null;
  explain?: boolean;
  onProgress?: (p: { elapsedMs: number; incumbentUsd: number | null; boundUsd: number | null }) => void;
};

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

type Run = { outcome: 'solution' | 'infeasible' | 'none'; col: Float64Array | null; bound: number | null };

function runHighs(highs: Highs, m: ModelV2, opts: SolveV2Options, deadline: number, t0: number): Run {
  if (m.numCols === 0) return { outcome: m.rows.some((r) => r.lb > 0) ? 'infeasible' : 'solution', col: new Float64Array(0), bound: 0 };
  const model = highs.createModel(toModelData(m, highs.infinity));
  try {
    model.options.set({
      output_flag: false,
      time_limit: Math.max(0.01, (deadline - now()) / 1000),
      mip_rel_gap: opts.relGap ?? 1e-4,
      mip_abs_gap: 1e-6,
    });
    if (opts.warm) model.setSolution({ colValue: columnsOfV2(m, opts.warm) });
    const ct = highs.constants.callbackType;
    let inc: number | null = null, bnd: number | null = null;
    const stop = () => (opts.cancelFlag != null && Atomics.load(opts.cancelFlag, 0) !== 0) || now() > deadline;
    const callbacks: HighsCallbackMap = {
      [ct.mipImprovingSolution](e) {
        if (e.data.objective_function_value != null) inc = e.data.objective_function_value;
        opts.onProgress?.({ elapsedMs: now() - t0, incumbentUsd: inc, boundUsd: bnd });
      },
      [ct.mipInterrupt](e) {
        if (e.data.mip_dual_bound != null && Number.isFinite(e.data.mip_dual_bound)) bnd = e.data.mip_dual_bound;
        if (stop()) e.interrupt();
      },
      [ct.simplexInterrupt](e) { if (stop()) e.interrupt(); },
    };
    model.run(callbacks);
    const S = highs.constants.modelStatus;
    const status = model.getModelStatus();
    if (status === S.infeasible || status === S.unboundedOrInfeasible) return { outcome: 'infeasible', col: null, bound: null };
    const dual = Number(model.info.get('mip_dual_bound'));
    const bound = Number.isFinite(dual) ? dual : bnd;
    if (Number(model.info.get('primal_solution_status') ?? 0) === 2) return { outcome: 'solution', col: model.getSolution().colValue, bound };
    return { outcome: 'none', col: null, bound };
  } finally {
    model.dispose();
  }
}

function empty(status: PlanResult['status'], ms: number, m: ModelV2 | null, reasons: string[]): PlanResult {
  return {
    status, objective_usd: null, bound_usd: null, gap: null, solve_ms: ms,
    periods: m ? m.periods.map((p) => ({ ...p })) : [],
    assignments: [], purchases: [], pools: [], cloud: [], edge: [], unserved: [], sites: [],
    totals: { capex_usd: 0, horizon_cost_usd: 0 }, reasons, binding: [],
  };
}

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

/**
 * Workloads that no candidate serves in some period, in words: "nothing can serve X in
 * Nov 2026 – Oct 2027: only Y, available from 2027-06".
 */
export function periodGaps(m: ModelV2): string[] {
  const out: string[] = [];
  m.sized.forEach((wc, wi) => {
    const w = wc.workload;
    m.periods.forEach((_, k) => {
      if (m.byWk[wi]![k]!.length > 0) return;
      const later = new Map<string, string>();
      for (const c of wc.candidates) if (c.from > k && c.option.available_from) later.set(c.option.id, c.option.available_from);
      for (const l of wc.late) if (!later.has(l.option)) later.set(l.option, l.available_from);
      if (wc.candidates.length === 0 && later.size === 0) {
        if (k === 0) out.push(noCandidateReason({ workload: w, rejected: wc.rejected }, m.input));
        return;
      }
      const only = [...later].map(([o, from]) => `${o}, available from ${from}`).join('; ');
      out.push(`nothing can serve ${w.name} in ${periodWords(m, k)}${only ? `: only ${only}` : ''}`);
    });
  });
  return out;
}

export function solvePlanV2(highs: Highs, input: PlanInput, opts: SolveV2Options = {}): PlanResult {
  const t0 = now();
  const limit = opts.timeLimitS ?? input.settings.time_limit_s;
  const deadline = t0 + limit * 1000;
  const m = buildModelV2(input);
  const unservedReason = (wi: number, k: number) => {
    if (m.sized[wi]!.candidates.length === 0) return noCandidateWhy({ workload: m.sized[wi]!.workload, rejected: m.sized[wi]!.rejected }, input);
    if (m.byWk[wi]![k]!.length === 0) return periodGaps({ ...m, sized: [m.sized[wi]!], byWk: [m.byWk[wi]!] }).find((r) => r.includes(periodWords(m, k))) ?? 'no candidate in this period';
    return 'leaving it unserved costs less than serving it (unserved penalty)';
  };
  if (input.settings.unserved_penalty_usd_per_month == null) {
    const gaps = periodGaps(m);
    if (gaps.length > 0) return empty('infeasible', now() - t0, m, gaps);
  }
  const warm = opts.warm ?? standaloneStart(m);
  const run = runHighs(highs, m, { ...opts, warm }, deadline, t0);
  const ms = () => now() - t0;
  if (run.outcome === 'solution' && run.col) {
    const sol = solutionFromColumns(m, run.col);
    return extractPlanV2(m, sol, { bound: run.bound, solveMs: ms(), unservedReason });
  }
  if (run.outcome === 'infeasible') {
    const reasons = opts.explain === false ? [] : explainInfeasible(input, (relaxed) => {
      const left = (deadline - now()) / 1000;
      if (left < 0.2) return 'timeout';
      const r = solvePlanV2(highs, relaxed, { ...opts, timeLimitS: Math.min(left, Math.max(1, limit / 8)), explain: false, warm: null });
      return r.status === 'infeasible' ? null : r.status === 'no_plan' ? 'timeout' : r;
    });
    return empty('infeasible', ms(), m, reasons.length ? reasons : ['no plan meets every limit']);
  }
  // Stopped before HiGHS reported a plan: the starting plan is still a plan when it meets every
  // row of the model (it uses no site capacity; budgets may still rule it out).
  if (warm && meetsModel(m, warm)) {
    return extractPlanV2(m, warm, { bound: run.bound, solveMs: ms(), unservedReason });
  }
  return empty('no_plan', ms(), m, ['the solver stopped before it found any plan; allow more time']);
}

/** Whether a solution satisfies every column bound and every row of the model (1e-6 tolerance). */
export function meetsModel(m: ModelV2, sol: SolutionV2): boolean {
  const col = columnsOfV2(m, sol);
  const tol = 1e-6;
  for (let j = 0; j < m.numCols; j++) {
    if (col[j]! < m.colLower[j]! - tol || col[j]! > m.colUpper[j]! + tol) return false;
  }
  for (const r of m.rows) {
    let a = 0;
    for (let i = 0; i < r.idx.length; i++) a += r.val[i]! * col[r.idx[i]!]!;
    const scale = tol * Math.max(1, Math.abs(r.lb === -Infinity ? 0 : r.lb), Math.abs(r.ub === Infinity ? 0 : r.ub));
    if (a < r.lb - scale || a > r.ub + scale) return false;
  }
  return true;
}
