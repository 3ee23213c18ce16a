// Every HiGHS MILP run of the v2 solver (the whole model, a decomposition's sub, a search's
// neighbourhood, a re-assignment) goes through runMip, which holds the one rule on HiGHS' presolve:
// HiGHS 1.15.3's presolve can be wrong on small tight models. It declares a model "infeasible" that
// it was given a plan of, or its dual bound jumps at the root (no B&B node) from the root LP's value
// straight to the incumbent's cost, a proof it does not have. Such a status or bound is refused: the
// model runs again from the best plan seen when the caller has time for it, with presolve but without
// its enumeration reduction (RERUN_PRESOLVE), and, should that run's word be refused too, once more
// without presolve; without the time, the run reports no proof and only the bound it had before the jump.
import type { Highs, HighsCallbackMap, ModelData } from 'highs';
import { relGap, OPTIMAL_GAP } from '../gap.ts';

/**
 * HiGHS' presolve reduction behind every wrong claim seen: enumeration (bit 16 of presolve_rule_off,
 * "Enumeration" in HiGHS 1.15.3's rule list). Every plan HiGHS found in the model it presolved
 * violated a row of the original by 1 once mapped back, so it rejected them all and ended
 * "infeasible". Switching it off alone made presolve right on each failing case (the small tight
 * scenario at a $600k budget, and 5 of 37 generated t48-like scenarios), where switching off any
 * other reduction alone (bits 6–19) did not, nor did tighter or looser feasibility tolerances; with
 * every other reduction off and enumeration on, presolve stayed wrong.
 */
export const PRESOLVE_ENUMERATION = 1 << 16;

/** The presolve of a run after a refused claim: HiGHS' presolve without its enumeration reduction. */
export const RERUN_PRESOLVE = { presolve: 'choose', presolve_rule_off: PRESOLVE_ENUMERATION } as const;

/**
 * Whether HiGHS' bound `bound` on a run that has explored `nodes` B&B nodes is its presolve's word
 * rather than a proof: the bound reaches the incumbent `inc` at the root (no node explored) in one
 * step from a bound (`before`) still more than OPTIMAL_GAP below it. HiGHS 1.15.3's presolve can
 * declare a small tight model infeasible (with the plan it was given, no better plan): then its
 * bound jumps from the root LP's to the warm plan's cost. A 9-workload, 6-period scenario on sites
 * of 2 and 4 racks with a $600k per-year capex budget: root bound $25.49 M, then "proven" at the
 * warm plan's $32,695,545, where the optimum (HiGHS without presolve) is $32,691,429.
 */
export function presolveClaim(bound: number, inc: number | null | undefined, before: number | null, nodes: number): boolean {
  if (nodes > 0 || inc == null || !Number.isFinite(inc) || before == null) return false;
  return relGap(inc, bound) <= OPTIMAL_GAP && relGap(inc, before) > OPTIMAL_GAP;
}

export type MipRunOptions = {
  /** HiGHS options of every run but presolve and time_limit */
  options: Record<string, string | number | boolean>;
  /** the first run's presolve ('off': one run, there is no presolve to doubt) */
  presolve: 'choose' | 'off';
  /** the plan the run starts from, in the model's columns (a model given a plan is not infeasible) */
  start: Float64Array | null;
  /** seconds each run may take, asked as it starts */
  timeLimitS: () => number;
  /** asked at every interrupt poll: whether to stop the run */
  halt: () => boolean;
  /** asked at a refused claim and before each run after one: whether there is time for another run (without one, the refused run goes on to its end) */
  again: () => boolean;
  /** each better plan HiGHS finds (its objective, offset included, and columns) */
  onSolution?: (objective: number, col: Float64Array | null) => void;
  /** each dual bound the run reports, once it is taken */
  onBound?: (bound: number) => void;
  /** whether the plan `objective` with the bound `bound` is close enough to stop */
  done?: ((objective: number, bound: number) => boolean) | null;
};

export type MipRun = {
  /** HiGHS' model status of the last run (the refused run's when no run followed it: its word, not a proof) */
  status: number;
  /** HiGHS proved the model optimal (never a proof refused) */
  optimal: boolean;
  /** HiGHS found the model infeasible (never where it was given a plan, or found one) */
  infeasible: boolean;
  /** the last run's plan (a refused run's too), null when it has none */
  col: Float64Array | null;
  /** its objective, offset included (Infinity without a plan) */
  objective: number;
  /**
   * a lower bound on the model: the last run's dual bound (or the last its polls reported), the
   * bound of a refused run before its presolve's claim when higher; null when none
   */
  bound: number | null;
  /** a presolve claim was refused */
  refused: boolean;
  /** what the refused claim was: the model solved (a bound at the incumbent), or infeasible; null when none */
  claim: 'optimal' | 'infeasible' | null;
  /** runs made (2 after a refused claim with time for another run, 3 when that run's claim was refused too) */
  runs: number;
};

/**
 * Milliseconds HiGHS may run past an interrupt on a model of `cols` columns: its presolve and root
 * LP do not look at the callbacks (a 10k-column sub overran a 1 s limit by 0.6–1.7 s), so a run is
 * told to stop that long before the deadline: one LP of its size at the rate the LP stage measured.
 */
export function highsOverrunMs(cols: number, lpMsPerCol: number | null | undefined): number {
  return lpMsPerCol == null ? 0 : lpMsPerCol * cols;
}

/**
 * Whether a HiGHS run on a model of `cols` columns may start with `leftMs` to go: its presolve and
 * root LP cannot be interrupted part-way, so it needs at least twice an LP at the measured rate
 * (`lpMsPerCol`, null when none was measured: then any time left will do).
 */
export function timeForHighs(leftMs: number, cols: number, lpMsPerCol: number | null): boolean {
  return leftMs > 0 && leftMs >= 2 * highsOverrunMs(cols, lpMsPerCol);
}

/** offset + cost · col */
function objectiveOf(data: ModelData, col: ArrayLike<number>): number {
  let v = data.offset ?? 0;
  for (let j = 0; j < data.numCols; j++) v += data.colCost[j]! * col[j]!;
  return v;
}

/**
 * HiGHS on `data` under the presolve rule of this file's head: with presolve `o.presolve`, then,
 * when that run's "infeasible" or bound is refused and `o.again()` allows, with RERUN_PRESOLVE from
 * the best plan seen (the plan given or the best a run found), then without presolve the same way.
 */
export function runMip(highs: Highs, data: ModelData, o: MipRunOptions): MipRun {
  let warm = o.start;
  let warmObj = warm ? objectiveOf(data, warm) : Infinity;
  let kept: number | null = null; // the bound of a refused run before its claim
  let runs = 0;
  let claim: MipRun['claim'] = null;
  const S = highs.constants.modelStatus;
  const ct = highs.constants.callbackType;
  const plans: { presolve: 'choose' | 'off'; presolve_rule_off?: number }[] = o.presolve === 'off' ? [{ presolve: 'off' }] : [{ presolve: 'choose' }, RERUN_PRESOLVE, { presolve: 'off' }];
  for (const how of plans) {
    const presolve = how.presolve;
    const model = highs.createModel(data);
    let suspect = false;
    let said: MipRun['claim'] = null;
    // the run is stopped at its claim only when another run follows (`again` then): without one,
    // stopping it only drops the plans HiGHS would still find. Hard 1,000 × 1, a search sub-MILP of
    // 39 workloads (guided) from a saved state: the claim came at 45 ms with the incumbent, the run
    // went on to a plan $4.1k cheaper at 1.2 s (HiGHS without presolve proves it the sub's optimum)
    let rerun = false;
    try {
      model.options.set({ ...o.options, ...how, time_limit: Math.max(0.01, o.timeLimitS()) });
      if (warm) model.setSolution({ colValue: warm });
      let bnd: number | null = null;
      const callbacks: HighsCallbackMap = {
        [ct.mipImprovingSolution](e) {
          const obj = e.data.objective_function_value;
          if (obj == null) return;
          o.onSolution?.(obj, e.data.mip_solution ?? null);
          if (e.data.mip_solution && obj < warmObj) { warm = e.data.mip_solution; warmObj = obj; }
        },
        [ct.mipInterrupt](e) {
          const inc = e.data.mip_primal_bound;
          const b = e.data.mip_dual_bound;
          if (!suspect && b != null && Number.isFinite(b)) {
            if (presolve !== 'off' && presolveClaim(b, inc, bnd, Number(e.data.mip_node_count ?? 0))) { suspect = true; said = 'optimal'; rerun = o.again(); }
            else { bnd = b; o.onBound?.(b); }
          }
          if (rerun || o.halt() || (o.done && bnd != null && inc != null && Number.isFinite(inc) && o.done(inc, bnd))) e.interrupt();
        },
        [ct.simplexInterrupt](e) { if (o.halt()) e.interrupt(); },
      };
      model.run(callbacks);
      runs++;
      const status = model.getModelStatus();
      const infeasible = status === S.infeasible || status === S.unboundedOrInfeasible;
      const dual = Number(model.info.get('mip_dual_bound'));
      const nodes = Number(model.info.get('mip_node_count') ?? 0);
      const has = Number(model.info.get('primal_solution_status') ?? 0) === 2;
      const inc = Number(model.info.get('objective_function_value'));
      if (!suspect && presolve !== 'off') suspect = (infeasible && warm != null) || (Number.isFinite(dual) && presolveClaim(dual, inc, bnd, nodes));
      if (suspect && presolve !== 'off') {
        // (each refused run's bound before its claim is a bound)
        kept = bnd == null ? kept : kept == null ? bnd : Math.max(kept, bnd);
        claim = said ?? (infeasible ? 'infeasible' : 'optimal');
        if (o.again()) continue;
        // no proof, but a plan HiGHS found is a plan
        const col = has && !infeasible ? model.getSolution().colValue : null;
        return { status, optimal: false, infeasible: false, col, objective: col ? inc : Infinity, bound: kept, refused: true, claim, runs };
      }
      const own = Number.isFinite(dual) ? dual : bnd;
      const bound = infeasible ? null : own == null ? kept : kept == null ? own : Math.max(own, kept);
      const col = has && !infeasible ? model.getSolution().colValue : null;
      return { status, optimal: status === S.optimal, infeasible, col, objective: col ? (Number.isFinite(inc) ? inc : objectiveOf(data, col)) : Infinity, bound, refused: runs > 1, claim, runs };
    } finally {
      model.dispose();
    }
  }
  return { status: S.notSet, optimal: false, infeasible: false, col: null, objective: Infinity, bound: kept, refused: true, claim, runs };
}
