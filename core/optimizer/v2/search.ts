// The primal heuristics the v2 solve orchestrates (a starting plan, a repair, an improvement
// search) behind one seam, so solve.ts does not change when they do. Invariant: every plan
// returned meets every row of the model (meetsModel), or is null.
import type { Highs } from 'highs';
import { meetsModel, type SolutionV2 } from './extract.ts';
import type { ModelV2 } from './model.ts';
import { improveV2, type ImproveOptions } from './lns.ts';
import { objectiveOfSolution, repairV2 } from './repair.ts';
import { fromChoice, greedyChoice, LP_OF, roundedChoice } from './start.ts';
import { standaloneStart } from './standalone.ts';

export type SearchOptions = { deadline: number; cancelFlag?: Int32Array };

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());
const stopped = (o: SearchOptions) => now() > o.deadline || (o.cancelFlag != null && Atomics.load(o.cancelFlag, 0) !== 0);

/** Share of greedyStart's time the site-free start may take before the divisible-cost one. */
export const SITE_FREE_SHARE = 0.35;

/**
 * The cheaper of two greedy starts, repaired to meet every row and polished. The site-free one
 * first, within SITE_FREE_SHARE of the time: its repair takes milliseconds and its polish stops
 * with a plan in hand, so a busy machine still gets a coupling-aware plan. Then the divisible-cost
 * one, the better one on the hard scenarios of the bench (hard 1,000 × 3: $3.91 B against $5.47 B)
 * but with a repair of seconds at 1,000 workloads that yields nothing when stopped.
 */
export function greedyStart(m: ModelV2, o: SearchOptions): SolutionV2 | null {
  let best: SolutionV2 | null = null, bestObj = Infinity;
  const t0 = now();
  const tries: [(number | null)[][], number][] = [
    [standaloneStart(m).chosen.map((r) => [...r]), Math.min(o.deadline, t0 + (o.deadline - t0) * SITE_FREE_SHARE)],
    [greedyChoice(m), o.deadline],
  ];
  for (const [chosen, deadline] of tries) {
    if (stopped(o)) break;
    const E = fromChoice(m, chosen, { ...o, deadline });
    if (E && E.obj < bestObj) { const s = E.solution(); if (meetsModel(m, s)) { best = s; bestObj = E.obj; } }
  }
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

/** A plan meeting every row close to `sol` (limits priced by the duals when given), or null. */
export function repair(m: ModelV2, sol: SolutionV2, rowDual: ArrayLike<number> | null, o: SearchOptions): SolutionV2 | null {
  if (meetsModel(m, sol)) return sol;
  const r = repairV2(m, sol, { ...o, ...(rowDual ? { rowDual } : {}) });
  return r && meetsModel(m, r) ? r : null;
}

/** Share of the time left the coarse restart of improve() may take. */
export const RESTART_SHARE = 0.4;

/**
 * The large-neighbourhood search from the incumbent until the deadline; never dearer than `inc`.
 * First a restart unlike the greedy start: the divisible-cost choice repaired in one coarse round
 * (every priced move at once, most workloads left unserved) and refilled by the descent and swaps.
 * It lands elsewhere, better on some scenarios (hard 1,000 × 3: $3.46 B against $3.91 B; single
 * purchase $5.61 B against $5.77 B), worse on others, so it only ever replaces a dearer plan.
 */
export function improve(
  highs: Highs,
  m: ModelV2,
  inc: SolutionV2,
  o: SearchOptions & Pick<ImproveOptions, 'onImproved' | 'seed' | 'pollIncumbent' | 'maxRounds'>,
): SolutionV2 {
  let start = inc;
  const left = o.deadline - now();
  if (left > 0) {
    const E = fromChoice(m, greedyChoice(m), { ...o, deadline: now() + left * RESTART_SHARE, batchShift: 0 });
    if (E) {
      const s = E.solution();
      const obj = objectiveOfSolution(m, s);
      if (obj < objectiveOfSolution(m, inc) - 1e-9 * Math.max(1, Math.abs(obj)) && meetsModel(m, s)) { start = s; o.onImproved?.(s, obj); }
    }
  }
  return improveV2(highs, m, start, o);
}
