// The primal heuristics the v2 solve orchestrates (a starting plan, a repair, an improvement
// search) behind one seam, so solve.ts does not change when they do. Invariant: every plan
// returned meets every row of the model (meetsModel), or is null.
import type { Highs } from 'highs';
import { meetsModel, type SolutionV2 } from './extract.ts';
import type { ModelV2 } from './model.ts';
import { GUIDE_OF, improveV2, polishPlan, type ImproveOptions } from './lns.ts';
import { objectiveOfSolution, repairV2, type PlanState } from './repair.ts';
import { fromChoice, greedyChoice, LP_OF, roundedChoice } from './start.ts';
import { standaloneStart } from './standalone.ts';
import { now, stopNow } from './clock.ts';

export type SearchOptions = { deadline: number; cancelFlag?: Int32Array };
/**
 * greedyStart's: told of each cheaper start as soon as it is made, and of each cheaper step of a
 * start's polish (the UI shows it while the others run); `fine: false` skips the fine
 * divisible-cost start (a portfolio's primal member: the full member makes it, and its seconds go
 * to the polish and the search instead), gives the coarse one the whole time, and makes the
 * site-free one only when the coarse one gave no plan
 */
export type StartOptions = SearchOptions & { onPlan?: (s: SolutionV2) => void; fine?: boolean };

const stopped = (o: SearchOptions) => stopNow(o.deadline, o.cancelFlag);

/** Share of greedyStart's time the coarse divisible-cost start may take before the site-free one. */
export const COARSE_SHARE = 0.65;

/**
 * The divisible-cost choice repaired two ways: 'coarse' makes every priced move of a round at once
 * (most pairs left unserved, then refilled by the descent and swaps), 'fine' an eighth of them per
 * round. Measured on the hard scenarios of the bench (CPU seconds, bench/heuristics.ts --trace):
 * coarse $3.46 B in 2.0 s against fine $3.91 B in 2.3 s on 1,000 × 3 periods, $5.61 B in 0.5 s
 * against $5.77 B in 0.4 s on 1,000 × 1; but fine $55.8 B in 3.4 s against coarse $78.6 B in 3.1 s
 * on 5,000 × 1 (before opening pools), so both run.
 */
export type StartKind = 'coarse' | 'fine';
const BATCH_SHIFT_OF: Record<StartKind, number | undefined> = { coarse: 0, fine: undefined };

/** The divisible-cost starts already made for a model (improve() restarts from one not yet made). */
const TRIED = new WeakMap<ModelV2, Set<StartKind>>();
const tried = (m: ModelV2): Set<StartKind> => {
  let t = TRIED.get(m);
  if (!t) TRIED.set(m, (t = new Set()));
  return t;
};

/** The divisible-cost choice repaired (`kind`) and polished (the coarse one also opens pools for unserved pairs); null when stopped in the repair. */
function divisibleStart(m: ModelV2, kind: StartKind, o: SearchOptions, onBetter?: (E: PlanState) => void): { s: SolutionV2; obj: number } | null {
  const shift = BATCH_SHIFT_OF[kind];
  const E = fromChoice(m, greedyChoice(m), { ...o, ...(shift != null ? { batchShift: shift } : {}), open: kind === 'coarse', ...(onBetter ? { onBetter } : {}) });
  if (!E) return null;
  tried(m).add(kind);
  const s = E.solution();
  return meetsModel(m, s) ? { s, obj: E.obj } : null;
}

/**
 * The cheapest of the greedy starts, each repaired to meet every row and polished. The coarse
 * divisible-cost one first, within COARSE_SHARE of the time (the better one on the hard scenarios
 * of the bench, and where budgets and the penalty bind its polish opens pools), then the site-free
 * one (its repair takes milliseconds: a busy machine still gets a coupling-aware plan), then the
 * fine one with the time left (a repair of seconds at 1,000 workloads that yields nothing when stopped).
 */
export function greedyStart(m: ModelV2, o: StartOptions): SolutionV2 | null {
  let best: SolutionV2 | null = null, bestObj = Infinity;
  const t0 = now();
  const consider = (r: { s: SolutionV2; obj: number } | null) => { if (r && (best == null || r.obj < bestObj - 1e-9 * Math.max(1, Math.abs(bestObj)))) { best = r.s; bestObj = r.obj; o.onPlan?.(r.s); } };
  // a polish step that pays goes out at once (hard 1,000 × 3: the coarse start's polish takes seconds)
  const onBetter = o.onPlan ? (E: PlanState) => { const s = E.solution(); if (meetsModel(m, s)) consider({ s, obj: E.obj }); } : undefined;
  const primal = o.fine === false;
  consider(divisibleStart(m, 'coarse', { ...o, deadline: primal ? o.deadline : Math.min(o.deadline, t0 + (o.deadline - t0) * COARSE_SHARE) }, onBetter));
  if (!stopped(o) && !(primal && best)) {
    const E = fromChoice(m, standaloneStart(m).chosen.map((r) => [...r]), { ...o, ...(onBetter ? { onBetter } : {}) });
    if (E) { const s = E.solution(); if (meetsModel(m, s)) consider({ s, obj: E.obj }); }
  }
  if (!stopped(o) && !primal) consider(divisibleStart(m, 'fine', o, onBetter));
  return best;
}

/** Hands an LP relaxation solved elsewhere (with cuts) to the improvement search (RINS reads it). */
export function shareRelaxation(m: ModelV2, lp: { col: Float64Array; rowDual: Float64Array; objective: number }): void {
  LP_OF.set(m, { colValue: lp.col, rowDual: lp.rowDual, objective: lp.objective });
}

/** The LP point rounded (each (w, k) on its largest value), repaired with the limits priced by the duals, polished. */
export function roundLp(m: ModelV2, col: ArrayLike<number>, rowDual: Float64Array | null, o: SearchOptions): SolutionV2 | null {
  const E = fromChoice(m, roundedChoice(m, col), { ...o, ...(rowDual ? { rowDual } : {}) });
  if (!E) return null;
  const s = E.solution();
  return meetsModel(m, s) ? s : null;
}

/**
 * A plan meeting every row close to `sol` (limits priced by the duals when given), or null. `sol`
 * (the decomposition's plan, which broke a row or cost more than the incumbent) also guides the
 * improvement search (GUIDE_OF): the repair moves whole workloads, where a sub-MILP freed where
 * the two differ keeps more of its structure.
 */
export function repair(m: ModelV2, sol: SolutionV2, rowDual: ArrayLike<number> | null, o: SearchOptions): SolutionV2 | null {
  GUIDE_OF.set(m, sol);
  if (meetsModel(m, sol)) return sol;
  const r = repairV2(m, sol, { ...o, ...(rowDual ? { rowDual } : {}) });
  return r && meetsModel(m, r) ? r : null;
}

/** Share of the time left the restart of improve() may take. */
export const RESTART_SHARE = 0.4;

/**
 * The large-neighbourhood search from the incumbent until the deadline; never dearer than `inc`.
 * First the incumbent polished (polishPlan: hard 1,000 × 3, $3.46 B to $3.17 B; run after the
 * restart below, it came 2–6 s later on that scenario, where the restart gave $3.91 B), then a
 * divisible-cost start greedyStart did not finish (stopped in its repair), the coarse one
 * before the fine one: each lands elsewhere (hard 1,000 × 3: coarse $3.46 B, fine $3.91 B; hard
 * 5,000 × 1: coarse $78.6 B, fine $55.8 B, before the search), so it only ever replaces a dearer plan.
 */
export function improve(
  highs: Highs,
  m: ModelV2,
  inc: SolutionV2,
  o: SearchOptions & Pick<ImproveOptions, 'onImproved' | 'seed' | 'pollIncumbent' | 'maxRounds' | 'onRound'> & {
    /** false: no restart from an unfinished divisible-cost start (see StartOptions.fine) */
    restart?: boolean;
  },
): SolutionV2 {
  let start = inc, restarted = false;
  // each cheaper step of the polish goes out as it comes (polishPlan tells onImproved)
  const polished = polishPlan(m, inc, o.deadline, o.cancelFlag, o.onImproved);
  if (polished) start = polished;
  const left = o.deadline - now();
  const kind = (['coarse', 'fine'] as const).find((k) => !tried(m).has(k));
  if (left > 0 && kind && o.restart !== false) {
    const r = divisibleStart(m, kind, { ...o, deadline: now() + left * RESTART_SHARE });
    if (r && r.obj < objectiveOfSolution(m, start) - 1e-9 * Math.max(1, Math.abs(r.obj))) { start = r.s; restarted = true; o.onImproved?.(r.s, r.obj); }
  }
  // a restart's plan has had the swaps but not the pool openings: improveV2 polishes it
  return improveV2(highs, m, start, { ...o, polished: !restarted });
}
