// Solves the MILP with HiGHS (the loaded runtime is passed in, so core stays free of loaders):
// warm start, progress and cancel through callbacks, statuses of DESIGN 5, explanations.
// Blocking: run it in a worker (electron/backend/optimizer.worker.ts) or a CLI process.
//
// What bounds the gap on large scenarios (bench/optimizer.ts; 1,000 workloads, 10 s, 2 cores):
// the LP relaxation pays for pools fractionally and sits ~0.8 % below the best plan; HiGHS' root
// cuts lift that to ~0.19 %, and its branch-and-bound does not get past the root in wasm (0 nodes
// at 10 s; 0.14 % after 90 s). The split-by-model relaxation (splitByModel) sees whole units: its
// bound was 0.1–0.12 % above HiGHS' 10 s bound (564.4–565.0 M vs 564.3 M), measured gaps 0.04–0.2 %
// against 0.19–0.29 % without it (5,000 workloads, 30 s: 0.04 % against 0.10 %). What is left: the
// largest model's sub-MILP (llama-3.3-70b, ~370 workloads, 6.7k columns) does not close within its
// share, racks are fractional shares in the split, and on tight sites the incumbent depends on how
// far fix-and-optimize gets (the split plan breaks site limits and is repaired greedily). Timings
// on a shared machine vary by ±30 %, and so does the 10 s gap.
import type { Highs, HighsCallbackMap, ModelData } from 'highs';
import type { PlanInput, PlanResult } from '../types.ts';
import { explainInfeasible, noCandidateReason, unservedReason } from './explain.ts';
import { OPTIMAL_GAP, chosenFromColumns, columnsOf, extractPlan, relGap } from './extract.ts';
import { buildModel, ceilTol, objectiveOf, violatedCuts, type MilpModel } from './model.ts';
import { greedyPlan } from './warm-start.ts';
import { toModelData } from './model-data.ts';
import { usesPhasedEngine } from '../sizing.ts';
import { solvePlanV2 } from './v2/solve.ts';

export type SolveProgressInfo = { elapsedMs: number; incumbentUsd: number | null; boundUsd: number | null; gap: number | null };

export type SolveOptions = {
  /** default: the scenario's time_limit_s */
  timeLimitS?: number;
  warmStart?: boolean;
  cuts?: boolean;
  prune?: boolean;
  /** relative gap at which HiGHS stops (default 1e-4: the "optimal" threshold of DESIGN 5) */
  relGap?: number;
  /** Int32Array over a SharedArrayBuffer: [0] ≠ 0 asks the solve to stop with the best plan so far */
  cancelFlag?: Int32Array;
  onProgress?: (p: SolveProgressInfo) => void;
  /**
   * Called with the best plan so far just before the split-by-model phase and the full MILP start
   * (their presolve and root cannot always be interrupted in time): a host may return it if it has
   * to stop the solver from outside.
   */
  onInterim?: (plan: PlanResult) => void;
  /** explain infeasibility by re-solving relaxations (default true) */
  explain?: boolean;
  /** 'staged': LP relaxation + neighbourhood search before the full MILP; 'auto' (default): staged from LARGE_MODEL workloads */
  pipeline?: 'auto' | 'direct' | 'staged';
  /** staged pipeline: fix-and-optimize by model before the full MILP (default true) */
  decompose?: boolean;
  /** staged pipeline: the split-by-model bound and plan (splitByModel) before them (default true) */
  split?: boolean;
};

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export type MilpRun = {
  outcome: 'solution' | 'infeasible' | 'none';
  col: Float64Array | null;
  bound: number | null;
  ms: number;
  highsStatus: number;
  nodes: number;
  warmObjective: number | null;
  /** figures of each phase, for the bench */
  phases: Record<string, number>;
};

/** Workload count from which the LP relaxation and the neighbourhood search run before the full MIP. */
export const LARGE_MODEL = 150;
/** Above this many columns the full MILP runs without HiGHS presolve (not interruptible, slow in wasm). */
export const PRESOLVE_MAX_COLS = 20_000;
/** Above this many columns the full MILP only runs when the time left allows its root LP. */
export const FULL_MIP_MAX_COLS = 20_000;
/**
 * Time the full MILP of a large model needs before it can stop (presolve and the root LP do not
 * check the interrupt): about 0.4 ms per column with presolve, 1 ms without (measured on the
 * bench). With less time left it is skipped and fix-and-optimize gets the time.
 */
export function mipMinMs(numCols: number): number {
  return numCols * (numCols > FULL_MIP_MAX_COLS ? 1.0 : 0.4);
}
/** Share of the time left that fix-and-optimize by model may use, and workloads freed at once. */
export const DECOMPOSE_SHARE = 0.35;
export const DECOMPOSE_CHUNK = 250;
/** Share of the time left (after the LP) for the split-by-model bound, and its sub-MILPs' gap. */
export const SPLIT_SHARE = 0.5;
export const SPLIT_GAP = 1e-5;
/** A split sub-model with more columns is solved as an LP only (its root would not stop in time). */
export const SPLIT_MAX_COLS = 15_000;

type HighsRun = { status: number; col: Float64Array | null; objective: number | null; bound: number | null; nodes: number };

/**
 * One HiGHS run of the model (with column bounds overridden, for a neighbourhood), warm-started,
 * with progress and cancel. `lp` drops integrality (the LP relaxation).
 */
function highsRun(
  highs: Highs,
  data: ModelData,
  opts: {
    timeLimitS: number;
    relGap: number;
    warm: Float64Array | null;
    lp?: boolean;
    presolve?: boolean;
    colLower?: Float64Array;
    colUpper?: Float64Array;
    cancelled: () => boolean;
    /** performance.now() after which the run is interrupted (HiGHS checks its own limit rarely) */
    deadline?: number;
    onIncumbent?: (obj: number) => void;
    onTick?: (incumbent: number | null, bound: number | null) => void;
  },
): HighsRun {
  const { integrality, ...lpData } = data;
  const model = highs.createModel({
    ...(opts.lp ? lpData : data),
    ...(opts.colLower ? { colLower: opts.colLower } : {}),
    ...(opts.colUpper ? { colUpper: opts.colUpper } : {}),
  });
  void integrality;
  try {
    model.options.set({
      output_flag: false,
      time_limit: Math.max(0.01, opts.timeLimitS),
      mip_rel_gap: opts.relGap,
      mip_abs_gap: 1e-6,
      presolve: opts.presolve === false ? 'off' : 'choose',
    });
    // HiGHS rejects setSolution on a model without columns (an empty scenario): nothing to warm
    if (opts.warm && opts.warm.length > 0 && !opts.lp) model.setSolution({ colValue: opts.warm });
    const ct = highs.constants.callbackType;
    let incumbent: number | null = null;
    let bound: number | null = null;
    const take = (d: { mip_primal_bound?: number; mip_dual_bound?: number }) => {
      if (d.mip_primal_bound != null && Number.isFinite(d.mip_primal_bound)) incumbent = d.mip_primal_bound;
      if (d.mip_dual_bound != null && Number.isFinite(d.mip_dual_bound)) bound = d.mip_dual_bound;
    };
    const callbacks: HighsCallbackMap = {
      [ct.mipImprovingSolution](e) {
        take(e.data);
        if (e.data.objective_function_value != null) { incumbent = e.data.objective_function_value; opts.onIncumbent?.(incumbent); }
        opts.onTick?.(incumbent, bound);
      },
      [ct.mipInterrupt](e) {
        take(e.data);
        if (opts.cancelled() || (opts.deadline != null && now() > opts.deadline)) e.interrupt();
        opts.onTick?.(incumbent, bound);
      },
      [ct.simplexInterrupt](e) {
        if (opts.cancelled() || (opts.deadline != null && now() > opts.deadline)) e.interrupt();
      },
    };
    model.run(callbacks);
    const status = model.getModelStatus();
    const S = highs.constants.modelStatus;
    const nodes = opts.lp ? 0 : Number(model.info.get('mip_node_count') ?? 0);
    if (status === S.infeasible || status === S.unboundedOrInfeasible) return { status, col: null, objective: null, bound: null, nodes };
    const primal = Number(model.info.get('primal_solution_status') ?? 0);
    if (opts.lp) {
      const ok = status === S.optimal;
      return { status, col: ok ? model.getSolution().colValue : null, objective: ok ? model.getObjectiveValue() : null, bound: ok ? model.getObjectiveValue() : null, nodes };
    }
    const dual = Number(model.info.get('mip_dual_bound'));
    const fb = Number.isFinite(dual) ? dual : bound;
    if (primal === 2) return { status, col: model.getSolution().colValue, objective: model.getObjectiveValue(), bound: fb, nodes };
    return { status, col: null, objective: null, bound: fb, nodes };
  } finally {
    model.dispose();
  }
}

/** LP relaxation with rounds of separated pool/rack cuts (added to the model for the MILP too). */
function lpWithCuts(
  highs: Highs,
  m: MilpModel,
  opts: { timeLimitS: number; cancelled: () => boolean; useCuts: boolean; maxRounds?: number },
): { status: number; col: Float64Array | null; rowDual: Float64Array | null; bound: number | null; rounds: number; cuts: number } {
  const t0 = now();
  const { integrality, ...lpData } = toModelData(m, highs.infinity);
  void integrality;
  const model = highs.createModel(lpData);
  try {
    model.options.set({ output_flag: false, time_limit: Math.max(0.01, opts.timeLimitS) });
    const S = highs.constants.modelStatus;
    const ct = highs.constants.callbackType;
    const stopAt = t0 + opts.timeLimitS * 1000;
    const cbs: HighsCallbackMap = { [ct.simplexInterrupt](e) { if (opts.cancelled() || now() > stopAt) e.interrupt(); } };
    model.run(cbs);
    let status = model.getModelStatus();
    if (status !== S.optimal) return { status, col: null, rowDual: null, bound: null, rounds: 0, cuts: 0 };
    let sol = model.getSolution();
    let col = sol.colValue;
    let rowDual: Float64Array | null = sol.rowDual;
    let bound = model.getObjectiveValue();
    let rounds = 0, cuts = 0;
    while (opts.useCuts && rounds < (opts.maxRounds ?? 8) && !opts.cancelled()) {
      const left = opts.timeLimitS - (now() - t0) / 1000;
      if (left < 0.05) break;
      const add = violatedCuts(m, col);
      if (add.length === 0) break;
      for (const r of add) {
        model.addRow(r.lb, r.ub, { indices: Int32Array.from(r.idx), values: Float64Array.from(r.val) });
        m.rows.push(r);
        m.stats.cut_rows++;
      }
      cuts += add.length;
      rounds++;
      model.options.set({ time_limit: Math.max(0.01, left) });
      model.run(cbs);
      status = model.getModelStatus();
      if (status !== S.optimal) { rowDual = null; break; }
      sol = model.getSolution();
      col = sol.colValue;
      rowDual = sol.rowDual;
      bound = Math.max(bound, model.getObjectiveValue());
    }
    return { status: S.optimal, col, rowDual, bound, rounds, cuts };
  } finally {
    model.dispose();
  }
}

/**
 * Split by served model (a Lagrangian relaxation): pools are per model, so the MILP falls apart
 * into one MILP per model once what couples models is relaxed. A rack group's racks are shared by
 * the models on that system: each model gets a continuous share r_m ≥ its units ÷ k (Σ_m r_m ≤ r
 * in any plan), cutr rows are dropped, and a row spanning several models keeps only this model's
 * terms when the dropped ones cannot help it (≤ rows with non-negative dropped coefficients).
 * Site power and racks-per-site rows are kept AND priced at λ ≥ 0 (the LP duals), the constant
 * −Σ λ·limit added once. Any plan maps to a feasible point of every sub-MILP costing no more, so
 * Σ (dual bound of each sub) − Σ λ·limit is a valid lower bound; the sub-plans, put together,
 * are a plan when the coupling rows hold (else a preference for the greedy repair).
 */
function splitByModel(
  highs: Highs,
  m: MilpModel,
  opts: { timeLimitS: number; relGap: number; cancelled: () => boolean; warm: Float64Array | null; rowDual: Float64Array | null },
): { bound: number | null; chosen: (number | null)[] | null; subs: number } {
  const t0 = now();
  const stopAt = t0 + opts.timeLimitS * 1000;
  const byModel = new Map<string, number[]>();
  m.workloads.forEach((e, wi) => {
    const k = e.workload.model;
    if (!byModel.has(k)) byModel.set(k, []);
    byModel.get(k)!.push(wi);
  });
  // λ: prices of the site power and racks-per-site rows (HiGHS: a binding ≤ row of a minimisation has dual ≤ 0)
  const lambda = new Float64Array(m.rows.length);
  let constant = 0;
  if (opts.rowDual && opts.rowDual.length >= m.rows.length) {
    m.rows.forEach((r, i) => {
      if ((r.family === 'power' || r.family === 'site_racks') && Number.isFinite(r.ub) && !Number.isFinite(r.lb)) {
        const l = Math.max(0, -opts.rowDual![i]!);
        if (l > 0) { lambda[i] = l; constant -= l * r.ub; }
      }
    });
  }
  const colCost = Float64Array.from(m.colCost);
  m.rows.forEach((r, i) => {
    const l = lambda[i]!;
    if (l > 0) for (let k = 0; k < r.idx.length; k++) colCost[r.idx[k]!]! += l * r.val[k]!;
  });
  const groupsOfModel = [...byModel.entries()].map(([model, wis]) => {
    const cols: number[] = [];
    for (const wi of wis) {
      const e = m.workloads[wi]!;
      for (const k of e.xs) cols.push(m.xs[k]!.col);
      if (e.y != null) cols.push(e.y);
    }
    const pools = m.pools.map((p, pi) => (p.model === model ? pi : -1)).filter((pi) => pi >= 0);
    const groups = [...new Set(pools.map((pi) => m.pools[pi]!.group))];
    for (const pi of pools) cols.push(m.pools[pi]!.col);
    for (const g of groups) cols.push(m.groups[g]!.col);
    return { model, wis, cols, pools, groups };
  }).sort((a, b) => a.cols.length - b.cols.length); // small ones first: they leave time to the large
  const full = opts.warm ? Float64Array.from(opts.warm) : new Float64Array(m.numCols);
  let bound = constant;
  let boundOk = true;
  let subs = 0;
  const map = new Int32Array(m.numCols);
  for (let gi = 0; gi < groupsOfModel.length; gi++) {
    const sub = groupsOfModel[gi]!;
    const left = (stopAt - now()) / 1000;
    if (left < 0.05 || opts.cancelled()) { boundOk = false; break; }
    map.fill(-1);
    sub.cols.forEach((c, j) => { map[c] = j; });
    const starts: number[] = [0], indices: number[] = [], values: number[] = [], rl: number[] = [], ru: number[] = [];
    for (const r of m.rows) {
      if (r.name.startsWith('cutr_')) continue; // r is a share here: whole-rack cuts do not hold
      let inside = 0, droppedNeg = false, droppedPos = false;
      for (let k = 0; k < r.idx.length; k++) {
        if (map[r.idx[k]!]! >= 0) inside++;
        else if (r.val[k]! < 0) droppedNeg = true;
        else if (r.val[k]! > 0) droppedPos = true;
      }
      if (inside === 0) continue;
      const keep = (!droppedNeg && !droppedPos) ||
        (!Number.isFinite(r.lb) && !droppedNeg) || (!Number.isFinite(r.ub) && !droppedPos);
      if (!keep) continue;
      for (let k = 0; k < r.idx.length; k++) {
        const j = map[r.idx[k]!]!;
        if (j >= 0) { indices.push(j); values.push(r.val[k]!); }
      }
      starts.push(indices.length);
      rl.push(r.lb); ru.push(r.ub);
    }
    const inf = highs.infinity;
    const clamp = (v: number) => (v === Infinity ? inf : v === -Infinity ? -inf : v);
    const n = sub.cols.length;
    const lpOnly = n > SPLIT_MAX_COLS;
    const model = highs.createModel({
      numCols: n,
      numRows: rl.length,
      colCost: Float64Array.from(sub.cols, (c) => colCost[c]!),
      colLower: Float64Array.from(sub.cols, (c) => clamp(m.colLower[c]!)),
      colUpper: Float64Array.from(sub.cols, (c) => clamp(m.colUpper[c]!)),
      rowLower: Float64Array.from(rl, clamp),
      rowUpper: Float64Array.from(ru, clamp),
      matrix: { format: 'csr', numRows: rl.length, numCols: n, starts: Int32Array.from(starts), indices: Int32Array.from(indices), values: Float64Array.from(values) },
      integrality: Int32Array.from(sub.cols, (c) => (lpOnly || m.colKind[c] === 'r' ? 0 : m.colInteger[c] ? 1 : 0)),
    });
    try {
      const perSub = left / (groupsOfModel.length - gi);
      model.options.set({ output_flag: false, time_limit: Math.max(0.05, perSub), mip_rel_gap: opts.relGap, mip_abs_gap: 1e-6, presolve: n <= PRESOLVE_MAX_COLS ? 'choose' : 'off' });
      if (opts.warm && !lpOnly) {
        // the incumbent restricted to this model, with its rack shares
        const w = Float64Array.from(sub.cols, (c) => (m.colKind[c] === 'r' ? 0 : opts.warm![c]!));
        for (const g of sub.groups) {
          const G = m.groups[g]!;
          const N = G.pools.filter((pi) => m.pools[pi]!.model === sub.model).reduce((a, pi) => a + opts.warm![m.pools[pi]!.col]!, 0);
          w[map[G.col]!] = G.fit.kind === 'per_rack' ? N / G.fit.k : N * G.fit.t;
        }
        if (w.length > 0) model.setSolution({ colValue: w });
      }
      const subStop = now() + perSub * 1000;
      const ct = highs.constants.callbackType;
      const stop = () => opts.cancelled() || now() > subStop;
      model.run({
        [ct.mipInterrupt](e) { if (stop()) e.interrupt(); },
        [ct.simplexInterrupt](e) { if (stop()) e.interrupt(); },
      });
      subs++;
      const S = highs.constants.modelStatus;
      const status = model.getModelStatus();
      const dual = Number(model.info.get('mip_dual_bound'));
      if (status === S.infeasible || status === S.unboundedOrInfeasible) boundOk = false;
      else if (lpOnly) { if (status === S.optimal) bound += model.getObjectiveValue(); else boundOk = false; }
      else if (Number.isFinite(dual)) bound += status === S.optimal ? Math.min(dual, model.getObjectiveValue()) : dual;
      else if (status === S.optimal) bound += model.getObjectiveValue();
      else boundOk = false;
      if (!lpOnly && Number(model.info.get('primal_solution_status') ?? 0) === 2) {
        const col = model.getSolution().colValue;
        sub.cols.forEach((c, j) => { if (m.colKind[c] !== 'r') full[c] = col[j]!; });
      }
    } finally {
      model.dispose();
    }
  }
  return { bound: boundOk ? bound : null, chosen: subs > 0 ? chosenFromColumns(m, full) : null, subs };
}

/**
 * Solves a built model. Small models: HiGHS on the full MILP with the greedy warm start. Large
 * models: greedy + local search, the LP relaxation (its optimum is a proven bound), LP rounding +
 * local search, the split-by-model bound and plan (splitByModel), fix-and-optimize by model
 * around the incumbent, then the full MILP warm-started for the remaining time.
 */
export function runMilp(
  highs: Highs,
  m: MilpModel,
  opts: SolveOptions & { timeLimitS: number },
  interimPlan?: (col: Float64Array, bound: number | null) => PlanResult,
): MilpRun {
  const t0 = now();
  const deadline = t0 + opts.timeLimitS * 1000;
  const left = () => Math.max(0, (deadline - now()) / 1000);
  const cancel = opts.cancelFlag;
  const cancelled = () => !!cancel && Atomics.load(cancel, 0) !== 0;
  const relGapOpt = opts.relGap ?? OPTIMAL_GAP;
  const phases: Record<string, number> = {};
  const pipeline = opts.pipeline ?? 'auto';
  const large = (opts.warmStart ?? true) && (pipeline === 'staged' || (pipeline === 'auto' && m.workloads.length >= LARGE_MODEL));

  let best: Float64Array | null = null;
  let bestObj = Infinity;
  let warmObjective: number | null = null;
  let bound: number | null = null;
  let nodes = 0;
  let lastProgress = -Infinity;
  const report = (force = false) => {
    const t = now();
    if (!opts.onProgress || (!force && t - lastProgress < 250)) return;
    lastProgress = t;
    const inc = Number.isFinite(bestObj) ? bestObj : null;
    opts.onProgress({ elapsedMs: t - t0, incumbentUsd: inc, boundUsd: bound, gap: inc != null && bound != null ? relGap(inc, bound) : null });
  };
  const offer = (col: Float64Array | null) => {
    if (!col) return;
    const o = objectiveOf(m, col);
    if (o < bestObj - 1e-9 * Math.max(1, Math.abs(o))) { best = col; bestObj = o; report(true); }
  };
  const done = (outcome: MilpRun['outcome'], highsStatus: number): MilpRun => ({
    outcome: best ? 'solution' : outcome, col: best, bound, ms: now() - t0, highsStatus, nodes, warmObjective, phases,
  });

  if (opts.warmStart ?? true) {
    const t = now();
    const g = greedyPlan(m, { timeBudgetMs: Math.min(3000, opts.timeLimitS * 100) });
    if (g) { offer(columnsOf(m, g.chosen)); warmObjective = bestObj; }
    phases.greedy_ms = now() - t;
    if (g) phases.greedy_usd = bestObj;
  }
  if (cancelled()) return done('none', 17);
  let data = toModelData(m, highs.infinity);

  if (large) {
    // LP relaxation (+ separated cuts): a proven bound, and a rounding to start the local search from
    let t = now();
    const lp = lpWithCuts(highs, m, { timeLimitS: left() * 0.3, cancelled, useCuts: opts.cuts ?? true });
    phases.lp_ms = now() - t;
    phases.lp_cut_rounds = lp.rounds;
    phases.lp_cuts = lp.cuts;
    if (lp.status === highs.constants.modelStatus.infeasible) return done('infeasible', lp.status);
    if (lp.bound != null) { bound = lp.bound; phases.lp_bound_usd = lp.bound; }
    if (lp.cuts > 0) data = toModelData(m, highs.infinity);
    report(true);
    if (cancelled()) return done('none', 17);
    if (lp.col) {
      t = now();
      const rounded = chosenFromColumns(m, lp.col);
      const g = greedyPlan(m, { preferred: rounded, timeBudgetMs: Math.min(3000, opts.timeLimitS * 100) });
      if (g) offer(columnsOf(m, g.chosen));
      phases.lp_round_ms = now() - t;
      if (g) phases.lp_round_usd = g.objective;
      // (A neighbourhood MILP around the incumbent, RINS-style, was tried here and found no better
      // plan on the bench scenarios within its share of the time; HiGHS runs its own sub-MIPs.)
    }
    // Split by model (a Lagrangian relaxation priced with the LP duals): a bound that sees each
    // pool's whole units, well above the LP's and HiGHS' root bound, and a plan (repaired greedily)
    if ((opts.split ?? true) && !cancelled()) {
      // its sub-MILPs' presolve cannot be interrupted either: a host stopping us gets this plan
      if (best && opts.onInterim && interimPlan) opts.onInterim(interimPlan(best, bound));
      t = now();
      const sp = splitByModel(highs, m, { timeLimitS: left() * SPLIT_SHARE, relGap: SPLIT_GAP, cancelled, warm: best, rowDual: lp.rowDual });
      phases.split_ms = now() - t;
      phases.split_subs = sp.subs;
      if (sp.bound != null) {
        phases.split_bound_usd = sp.bound;
        if (bound == null || sp.bound > bound) bound = sp.bound;
      }
      if (sp.chosen) {
        const g = greedyPlan(m, { preferred: sp.chosen, timeBudgetMs: Math.min(3000, opts.timeLimitS * 100) });
        if (g) { offer(columnsOf(m, g.chosen)); phases.split_usd = g.objective; }
      }
      report(true);
    }
    if (bound != null && Number.isFinite(bestObj) && relGap(bestObj, bound) <= relGapOpt) return done('solution', highs.constants.modelStatus.optimal);
    // Fix-and-optimize by model: pools are per model, so freeing the workloads of one model (the
    // others fixed to the incumbent) leaves a small MILP that HiGHS solves near-exactly.
    if (best && (opts.decompose ?? true) && !cancelled()) {
      t = now();
      // when the full MILP will not run (too large for the time left), decomposition gets the time
      const mipWillRun = left() * 1000 * (1 - DECOMPOSE_SHARE) >= mipMinMs(m.numCols);
      const share = left() * (mipWillRun ? DECOMPOSE_SHARE : 0.9);
      const stopAt = now() + share * 1000;
      const byModel = new Map<string, number[]>();
      m.workloads.forEach((e, wi) => {
        const key = e.workload.model;
        if (!byModel.has(key)) byModel.set(key, []);
        byModel.get(key)!.push(wi);
      });
      // the dearest models first, in chunks HiGHS handles quickly
      const costOf = (wis: number[]) => wis.reduce((a, wi) => a + m.workloads[wi]!.D, 0);
      const groups: number[][] = [];
      for (const wis of [...byModel.values()].sort((a, b) => costOf(b) - costOf(a))) {
        for (let i = 0; i < wis.length; i += DECOMPOSE_CHUNK) groups.push(wis.slice(i, i + DECOMPOSE_CHUNK));
      }
      let subs = 0;
      const rounds = mipWillRun ? 1 : 3;
      for (const g of Array.from({ length: rounds }, () => groups).flat()) {
        const remaining = (stopAt - now()) / 1000;
        if (remaining < 0.2 || cancelled()) break;
        const inc = chosenFromColumns(m, best!);
        const lower = Float64Array.from(data.colLower as Float64Array);
        const upper = Float64Array.from(data.colUpper as Float64Array);
        const freeSet = new Set(g);
        m.workloads.forEach((e, wi) => {
          if (freeSet.has(wi)) return;
          const k = inc[wi];
          for (const j of e.xs) { const c = m.xs[j]!.col; lower[c] = j === k ? 1 : 0; upper[c] = j === k ? 1 : 0; }
          if (e.y != null) { lower[e.y] = k == null ? 1 : 0; upper[e.y] = k == null ? 1 : 0; }
        });
        const perSub = Math.max(0.2, remaining / Math.max(1, groups.length * rounds - subs));
        const sub = highsRun(highs, data, {
          timeLimitS: perSub, relGap: relGapOpt * 0.1, warm: best, colLower: lower, colUpper: upper, cancelled,
          deadline: now() + perSub * 1000,
        });
        offer(sub.col);
        subs++;
      }
      phases.decompose_ms = now() - t;
      phases.decompose_subs = subs;
      phases.decompose_usd = bestObj;
    }
    if (cancelled()) return done('none', 17);
    if (bound != null && Number.isFinite(bestObj) && relGap(bestObj, bound) <= relGapOpt) return done('solution', highs.constants.modelStatus.optimal);
  }

  if (left() < 0.05) return done('none', highs.constants.modelStatus.timeLimit);
  // The presolve and root LP of a large MILP run without interrupt checkpoints (for minutes in
  // wasm on the largest): skip it unless there is time for them, keeping the plan and bound in
  // hand. Without a plan in hand it is the only way to find one, so it runs regardless.
  if (large && best && left() * 1000 < mipMinMs(m.numCols)) {
    phases.mip_skipped = 1;
    return done('none', highs.constants.modelStatus.timeLimit);
  }
  if (best && opts.onInterim && interimPlan) opts.onInterim(interimPlan(best, bound));
  const t = now();
  const full = highsRun(highs, data, {
    timeLimitS: left(), relGap: relGapOpt, warm: best, cancelled, deadline,
    // HiGHS presolve cannot be interrupted and takes minutes on the largest models
    presolve: m.numCols <= PRESOLVE_MAX_COLS,
    onTick: (_inc, b) => { if (b != null && (bound == null || b > bound)) bound = b; report(false); },
  });
  phases.mip_ms = now() - t;
  nodes = full.nodes;
  if (full.status === highs.constants.modelStatus.infeasible || full.status === highs.constants.modelStatus.unboundedOrInfeasible) {
    return { outcome: 'infeasible', col: null, bound: null, ms: now() - t0, highsStatus: full.status, nodes, warmObjective, phases };
  }
  offer(full.col);
  if (full.bound != null && (bound == null || full.bound > bound)) bound = full.bound;
  return done('none', full.status);
}

function emptyResult(status: PlanResult['status'], solveMs: number, reasons: string[], stats: Record<string, number>): PlanResult {
  return {
    status,
    objective_usd: null,
    bound_usd: null,
    gap: null,
    solve_ms: solveMs,
    periods: [],
    assignments: [],
    purchases: [],
    pools: [],
    cloud: [],
    edge: [],
    unserved: [],
    sites: [],
    totals: { capex_usd: 0, horizon_cost_usd: 0 },
    reasons,
    binding: [],
    stats,
  };
}

/** Builds, solves and explains: PlanInput → PlanResult. */
export function solvePlan(highs: Highs, input: PlanInput, opts: SolveOptions = {}): PlanResult {
  // phased scenarios (DESIGN 5 v2) have their own model; single-purchase ones keep this pipeline
  if (usesPhasedEngine(input)) {
    return solvePlanV2(highs, input, {
      ...(opts.timeLimitS != null ? { timeLimitS: opts.timeLimitS } : {}),
      ...(opts.relGap != null ? { relGap: opts.relGap } : {}),
      ...(opts.cancelFlag ? { cancelFlag: opts.cancelFlag } : {}),
      ...(opts.explain != null ? { explain: opts.explain } : {}),
      ...(opts.onProgress ? { onProgress: (p) => opts.onProgress!({ ...p, gap: null }) } : {}),
    });
  }
  const t0 = now();
  const timeLimitS = opts.timeLimitS ?? input.settings.time_limit_s;
  const pipeline = opts.pipeline ?? 'auto';
  const staged = (opts.warmStart ?? true) && (pipeline === 'staged' || (pipeline === 'auto' && input.workloads.length >= LARGE_MODEL));
  // small models get every cut up front; staged ones separate the violated cuts after the LP
  const m = buildModel(input, { prune: opts.prune ?? true, cuts: (opts.cuts ?? true) && !staged });
  const buildMs = now() - t0;
  const stats: Record<string, number> = {
    ...m.stats,
    rows: m.rows.length,
    cols: m.numCols,
    build_ms: buildMs,
  };
  const missing = m.workloads.filter((e) => e.xs.length === 0 && e.y == null);
  if (missing.length > 0) {
    return emptyResult('infeasible', now() - t0, missing.map((e) => noCandidateReason(e, input)), stats);
  }
  const toPlan = (col: Float64Array, bound: number | null) => {
    const plan = extractPlan(m, chosenFromColumns(m, col), { bound, solveMs: now() - t0, unservedReason: (wi) => unservedReason(m, wi), stats });
    if (plan.status === 'optimal') plan.status = 'time_limit'; // an interim plan is never final
    return plan;
  };
  const run = runMilp(highs, m, { ...opts, pipeline: staged ? 'staged' : 'direct', timeLimitS: Math.max(0.05, timeLimitS - (now() - t0) / 1000) }, toPlan);
  stats.highs_ms = run.ms;
  stats.nodes = run.nodes;
  stats.highs_status = run.highsStatus;
  if (run.warmObjective != null) stats.warm_start_usd = run.warmObjective;
  Object.assign(stats, run.phases);
  stats.rows = m.rows.length;
  stats.cut_rows = m.stats.cut_rows;
  if (run.outcome === 'infeasible') {
    const explainStart = now();
    const reasons = opts.explain === false
      ? ['no plan meets every limit']
      : explainInfeasible(input, (relaxed) => {
        // the explanation gets about as long as the solve was allowed, at most 60 s
        const budget = Math.min(60, Math.max(5, timeLimitS)) * 1000 - (now() - explainStart);
        if (budget < 500 || (opts.cancelFlag && Atomics.load(opts.cancelFlag, 0) !== 0)) return 'timeout';
        const r = solvePlan(highs, relaxed, { timeLimitS: Math.min(5, budget / 1000), relGap: 1e-2, explain: false, cancelFlag: opts.cancelFlag });
        if (r.status === 'optimal' || r.status === 'time_limit') return r;
        return r.status === 'no_plan' ? 'timeout' : null;
      });
    return emptyResult('infeasible', now() - t0, reasons, stats);
  }
  if (run.outcome === 'none' || !run.col) {
    return emptyResult('no_plan', now() - t0, [
      `the search stopped after ${(run.ms / 1000).toFixed(1)} s (time limit ${timeLimitS} s or cancel) before any plan was found; allow more time`,
    ], stats);
  }
  const chosen = chosenFromColumns(m, run.col);
  const plan = extractPlan(m, chosen, {
    bound: run.bound,
    solveMs: now() - t0,
    unservedReason: (wi) => unservedReason(m, wi),
    stats,
  });
  if (plan.unserved.length > 0 && plan.binding && plan.binding.length > 0) {
    const limits = plan.binding.map((b) => b.constraint).join(', ');
    plan.unserved = plan.unserved.map((u) =>
      u.reason.startsWith('the limits leave no room') ? { ...u, reason: `${u.reason} (binding: ${limits})` } : u);
  }
  return plan;
}
