// The optimizer worker's warm-up: throw-away solves, so that HiGHS is loaded and V8 has compiled
// HiGHS' hot WebAssembly functions and the optimizer's own JavaScript with its optimising tiers
// before the first job comes. In a fresh worker HiGHS solved the LP relaxation of the bench's hard
// 1,000 × 1 in 199–252 ms, in 101–136 ms the second time, 75–97 ms later (locked, load ~8); a cold
// worker's job started to solve 144–204 ms after it came (modules, HiGHS): a person's first
// Optimize was slower than the later ones and its early plans dearer (figures at WARM_MS).
// The warm-up posts nothing while it runs: a job that comes during it raises `stop` (the host
// does, before it posts the job) and the solve returns at its next look at the flag.
// V8's own knobs did less (same LP, locked, load ~8): without dynamic tiering, compiled eagerly
// with TurboFan (--no-wasm-dynamic-tiering --no-wasm-lazy-compilation) the first LP took 102–110
// ms but loading HiGHS 1.5–1.9 s in each worker, and the optimizer's JavaScript stays cold;
// without dynamic tiering alone 314–351 ms, with --no-liftoff 521–528 ms (compiled on first call).
// One WebAssembly.Module compiled once and handed to each worker (Emscripten's instantiateWasm)
// shares the tiered-up code only in part (a second worker's first LP 127–138 ms after a first
// worker's eight LPs), and each worker's JavaScript must warm up anyway.
// HiGHS' MIP solver stays cold: the LP proves the warm-up plan infeasible, so no solve reaches it,
// and a worker's first MIP root is slow (a 15-column knapsack's root took 0.75 s in a fresh
// process; bench/independent.ts small-capex-3 at 2 s after this warm-up: its first branch-and-bound
// node at 1.50–1.68 s and its plan $14.04–14.07 M, 5 runs, load 4–6.5). Tried and left out: 1–2 s
// of these solves, then, with the rest of WARM_MS, the demo bought every 6 months under a $1 M
// per-year capex budget (878 columns, solved at HiGHS' root) and 8 growing 70B workloads in its
// server room (588 columns, which HiGHS branches on). No gain shown: over four such splits (11 runs,
// load 2–6.6) small-capex-3's first node came at 1.09–1.92 s (in 9 runs; in 2 not within HiGHS'
// first run) and its 2-s plan cost $13.88–14.30 M. And a job then stopped the warm-up 23 ms after
// it came at the median but up to 208 ms (30 random arrival times, load 9–13; this warm-up beside
// it: 3 and 9 ms, at most 55 and 70 ms, 30 and 20 arrivals): in a cold worker at load ~13, from
// the hand-over to HiGHS to its first poll of the flag (presolve) went 378 ms, and its MIP root
// 77–165 ms between two polls (cut rounds, heuristics), which the worker cannot shorten.
import type { Highs } from 'highs';
import { defaultCatalog, demoPlanInput } from '../../core/catalog/index.ts';
import { portfolioMember } from '../../core/optimizer/v2/portfolio.ts';
import { solvePlanV2 } from '../../core/optimizer/v2/solve.ts';
import type { PlanInput } from '../../core/types.ts';

/**
 * How long a worker warms up at most (the time of its throw-away solves). bench/portfolio.ts
 * --interactive's first job on a fresh host, 1 worker on 2 cores, limit 60 s (locked, load 9–12,
 * 2–3 runs each): hard 1,000 × 3 cold, its first plan at 467–490 ms and the plan shown at 1 s
 * $24.72 B (the first plan), at 1.5 s $2.845–2.925 B; after this warm-up 203–236 ms, $3.138 B,
 * $2.791 B (the same as after a 2-s throw-away solve of hard 1,000 × 1: 208–245 ms, $3.138 B,
 * $2.791 B; after a 1-s warm-up 223–272 ms, 0.5 s 233–321 ms, the same plans). Hard 1,000 × 1:
 * cold 382–393 ms, the first plan ($24.62 B) still shown at 1.5 s; warmed 146–150 ms, $4.324 B
 * at 1.5 s. A job that came during the warm-up started to solve 1–18 ms later (14 arrival times
 * from 0.4 to 3 s, load ~10); from the flag to the warm-up's return, in fresh worker threads at
 * 50 random arrival times within 2.8 s, median 3–9 ms, at most 55–70 ms (load 11–13). The
 * process's memory (RSS) rose from 114 to 251 MB with the warmed worker (a small job's worker:
 * to 172 MB, a 1,000 × 3 job's: to 329 MB).
 */
export const WARM_MS = 3000;

/**
 * At most this many workers warm up: the primary member (whose plans the user sees first) and one
 * more. Each warmed worker holds ~100 MB (2 workers: 106 → 390 MB) and a core for the budget, so
 * warming every worker of a 16-core laptop (15) would hold ~2 GB from the app's start, solve or not.
 */
export const WARM_WORKERS = 2;
/** each throw-away solve's time limit (s) */
const WARM_SOLVE_S = 1;
/** copies of the demo's five workloads: 350 workloads over three plan years, 14.7k columns */
const WARM_COPIES = 70;

/**
 * The demo plan with its workloads copied WARM_COPIES times (each copy's demand scaled apart) on
 * the demo's two sites: more than they hold, so that the solve spends its time in the starts'
 * packing and repair and in HiGHS, each of which looks at the stop flag often (it finds no plan,
 * which a warm-up does not need). A job that came during it started to solve 0–18 ms later. With
 * the sites grown with the workloads (a plan found at once; 30 copies, 6.5k columns), the solve
 * went on to the LP, the decomposition and the search, but stopped up to 240 ms late (the
 * decomposition's sub-MILPs: HiGHS' presolve does not look at the flag), and as 10 copies (the
 * whole MILP in HiGHS) up to 519 ms late; 15 stops from 0.1 to 1.5 s into a solve, locked, load ~5.
 */
export function warmupInput(): PlanInput {
  const demo = demoPlanInput(defaultCatalog());
  const workloads = Array.from({ length: WARM_COPIES }, (_, i) => demo.workloads.map((w) => ({
    ...w, name: `${w.name}-${i + 1}`, avg_output_tps: w.avg_output_tps * (0.25 + (i % 8) / 4),
  }))).flat();
  return { ...demo, workloads };
}

export type WarmOutcome = { ms: number; solves: number; stopped: boolean };

/** Solves the warm-up plan as portfolio member `index` until `budgetMs` has passed or `stop[0]` is raised. */
export function warmUp(highs: Highs, stop: Int32Array, budgetMs: number, index = 0): WarmOutcome {
  const t0 = performance.now();
  const member = portfolioMember(index);
  const input = warmupInput();
  let solves = 0;
  const stopped = () => Atomics.load(stop, 0) !== 0;
  while (!stopped()) {
    const left = budgetMs - (performance.now() - t0);
    if (left < 100) break;
    // a second slot, where the host gave one, counts the solves begun (OptimizerHost.warmSolvesBegun)
    if (stop.length > 1) Atomics.add(stop, 1, 1);
    solvePlanV2(highs, input, { timeLimitS: Math.min(WARM_SOLVE_S, left / 1000), cancelFlag: stop, explain: false, seed: member.seed, strategy: member.strategy });
    solves++;
  }
  return { ms: performance.now() - t0, solves, stopped: stopped() };
}
