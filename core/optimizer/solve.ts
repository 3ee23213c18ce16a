// Solves the MILP with HiGHS (the loaded runtime is passed in, so core stays free of loaders):
// warm start, progress and cancel through callbacks, statuses of DESIGN 5, explanations.
// Blocking: run it in a worker (electron/backend/optimizer.worker.ts) or a CLI process.
import type { Highs, HighsCallbackMap, ModelData } from 'highs';
import type { PlanInput, PlanResult } from '../types.ts';
import { explainInfeasible, noCandidateReason, unservedReason } from './explain.ts';
import { OPTIMAL_GAP, chosenFromColumns, columnsOf, extractPlan, relGap } from './extract.ts';
import { buildModel, ceilTol, objectiveOf, violatedCuts, type MilpModel } from './model.ts';
import { greedyPlan } from './warm-start.ts';

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
   * Called with the best plan so far just before the full MILP starts (its root cannot always be
   * interrupted in time): a host may return it if it has to stop the solver from outside.
   */
  onInterim?: (plan: PlanResult) => void;
  /** explain infeasibility by re-solving relaxations (default true) */
  explain?: boolean;
  /** 'staged': LP relaxation + neighbourhood search before the full MILP; 'auto' (default): staged from LARGE_MODEL workloads */
  pipeline?: 'auto' | 'direct' | 'staged';
  /** staged pipeline: fix-and-optimize by model before the full MILP (default true) */
  decompose?: boolean;
};

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export function toModelData(m: MilpModel, highs: Pick<Highs, 'infinity'>): ModelData {
  const starts = new Int32Array(m.rows.length + 1);
  let nnz = 0;
  for (const r of m.rows) nnz += r.idx.length;
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  let k = 0;
  m.rows.forEach((r, i) => {
    starts[i] = k;
    for (let j = 0; j < r.idx.length; j++) { indices[k] = r.idx[j]!; values[k] = r.val[j]!; k++; }
  });
  starts[m.rows.length] = k;
  const inf = highs.infinity;
  const clamp = (v: number) => (v === Infinity ? inf : v === -Infinity ? -inf : v);
  return {
    numCols: m.numCols,
    numRows: m.rows.length,
    colCost: Float64Array.from(m.colCost),
    colLower: Float64Array.from(m.colLower, clamp),
    colUpper: Float64Array.from(m.colUpper, clamp),
    rowLower: Float64Array.from(m.rows, (r) => clamp(r.lb)),
    rowUpper: Float64Array.from(m.rows, (r) => clamp(r.ub)),
    matrix: { format: 'csr', numRows: m.rows.length, numCols: m.numCols, starts, indices, values },
    integrality: Int32Array.from(m.colInteger, (b) => (b ? 1 : 0)),
  };
}

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
/** Share of the time left that fix-and-optimize by model may use, and workloads freed at once. */
export const DECOMPOSE_SHARE = 0.35;
export const DECOMPOSE_CHUNK = 250;

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
    if (opts.warm && !opts.lp) model.setSolution({ colValue: opts.warm });
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
): { status: number; col: Float64Array | null; bound: number | null; rounds: number; cuts: number } {
  const t0 = now();
  const { integrality, ...lpData } = toModelData(m, highs);
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
    if (status !== S.optimal) return { status, col: null, bound: null, rounds: 0, cuts: 0 };
    let col = model.getSolution().colValue;
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
      if (status !== S.optimal) break;
      col = model.getSolution().colValue;
      bound = Math.max(bound, model.getObjectiveValue());
    }
    return { status: S.optimal, col, bound, rounds, cuts };
  } finally {
    model.dispose();
  }
}

/**
 * Solves a built model. Small models: HiGHS on the full MILP with the greedy warm start. Large
 * models: greedy + local search, the LP relaxation (its optimum is a proven bound), LP rounding +
 * local search, a neighbourhood MILP around the incumbent (workloads where the LP and the
 * incumbent agree stay fixed), then the full MILP warm-started for the remaining time.
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
  let data = toModelData(m, highs);

  if (large) {
    // LP relaxation (+ separated cuts): a proven bound, and a rounding to start the local search from
    let t = now();
    const lp = lpWithCuts(highs, m, { timeLimitS: left() * 0.3, cancelled, useCuts: opts.cuts ?? true });
    phases.lp_ms = now() - t;
    phases.lp_cut_rounds = lp.rounds;
    phases.lp_cuts = lp.cuts;
    if (lp.status === highs.constants.modelStatus.infeasible) return done('infeasible', lp.status);
    if (lp.bound != null) { bound = lp.bound; phases.lp_bound_usd = lp.bound; }
    if (lp.cuts > 0) data = toModelData(m, highs);
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
    // Fix-and-optimize by model: pools are per model, so freeing the workloads of one model (the
    // others fixed to the incumbent) leaves a small MILP that HiGHS solves near-exactly.
    if (best && (opts.decompose ?? true) && !cancelled()) {
      t = now();
      // when the full MILP will not run (too large for the time left), decomposition gets the time
      const mipWillRun = m.numCols <= FULL_MIP_MAX_COLS || left() * 1000 * (1 - DECOMPOSE_SHARE) >= m.numCols * 1.0;
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
  // The root LP of a very large MILP runs without interrupt checkpoints for minutes in wasm:
  // skip it unless there is time for it (~1 ms per column, measured), keeping the LP bound.
  if (large && m.numCols > FULL_MIP_MAX_COLS && left() * 1000 < m.numCols * 1.0) {
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
    assignments: [],
    pools: [],
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
