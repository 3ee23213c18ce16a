// Large-neighbourhood search for v2 plans: every workload outside a neighbourhood keeps its
// incumbent assignment (its x and y columns fixed by bounds on a copy of the model), HiGHS solves
// the rest with a short time limit. Neighbourhoods cross models: one site (all its models and
// periods), one plan year's purchases, one model at every site, random workloads, RINS (what
// the LP relaxation and the incumbent disagree on) and, first when there is one, what a guide plan
// (the decomposition's, which breaks a coupling row) and the incumbent disagree on within one model
// (1,000 × 3 periods at 60 s, load 6–7, same repaired start $322.52 M: $320.37 M against $320.74 M
// without it; guided won 4 of its 7 rounds), and before everything the support neighbourhood
// (every workload the LP disagrees on, its candidates narrowed to those the incumbent, the guide
// or the LP use: narrowToSupport; run again on each new
// incumbent once a round stalls), after the incumbent is polished by the descent
// and swaps of repair.ts. After the first sub-MILP, and again once GROW_AFTER_STALL sub-MILPs in a
// row find nothing, the pool growths of grow.ts run on the incumbent (1,000 × 3 periods at 30 s, load
// 9–11: a growth won $0.095 M in 1.9 s, $320.52–320.53 M at the end against $320.61–320.64 M without). One cloud pool in one period
// (its pairs and those that may use it, that period only: the knapsack of whole instances rented per
// month, whose pairs the other kinds free in every period) and the polish's cloud emptyings (repair.ts emptyClouds)
// came later: bench/independent.ts capex-zero-8 at 2 s (2 periods, 300 workloads on cloud
// instances and APIs only; no resume below solve.ts RESUME_MIN_S), locked runs, load 3–9:
// $214,836,700–214,840,351 before, $214,803,080–214,803,709 in 6 runs after, against CBC's
// $214,805,726 (the LP's rounding rents two TPU instances for llama-3.1-8b that the optimum does not:
// the emptying takes it to $214,806,841 at once, a sub-MILP on its period (rins, guided or this kind)
// the rest); without this kind $214,803,699–214,805,753 (3 runs). bench/optimizer.ts roomy 1,000 × 3
// at 30 s (locked, load 2.5–5.8): $320.2821 M twice before, $320.17–320.40 M in 8 runs after (the
// emptyings before or after the relocations, filtered or not: the path changes, the mean does not),
// the bound $318.64–318.65 M either way. Only a plan meetsModel
// accepts and no dearer than the incumbent is ever returned; for one seed the sequence of
// neighbourhoods is fixed.
import type { Highs } from 'highs';
import { restrictedModelData } from '../model-data.ts';
import { rngFrom } from '../../rng.ts';
import type { ModelV2 } from './model.ts';
import { columnsOfV2, meetsModel, objectiveOfV2, solutionFromColumns, type SolutionV2 } from './extract.ts';
import { emptyClouds, PlanState, polish } from './repair.ts';
import { relocatePools } from './relocate.ts';
import { growPools } from './grow.ts';
import { LP_OF } from './start.ts';
import { now, cancelled, stopNow, fitsBefore } from './clock.ts';
import { runMip } from './guarded.ts';

export type ImproveOptions = {
  deadline: number;
  cancelFlag?: Int32Array;
  seed?: number;
  onImproved?: (s: SolutionV2, objective: number) => void;
  /** stop after this many sub-MILPs (tests: a fixed amount of work instead of a clock) */
  maxRounds?: number;
  /** after each sub-MILP: its neighbourhood, how many workloads it freed, and whether it improved the plan (benches) */
  onRound?: (r: { kind: string; freed: number; optimal: boolean; won: boolean; objective: number; ms: number }) => void;
  /** a plan found elsewhere (a portfolio member): the next neighbourhood starts from it when cheaper */
  pollIncumbent?: () => SolutionV2 | null;
  /** `inc` went through polishPlan already (skip it) */
  polished?: boolean;
  /** a lower bound on the whole model: a sub-MILP that freed every workload in every period, solved to optimality */
  onBound?: (bound: number) => void;
};

/** Workloads the first sub-MILPs of the search free, of `workloads` (each kind's size then adapts on its own): all of them up to FIRST_FREED_MIN. */
export const FIRST_FREED_MIN = 8;
export function firstFreed(workloads: number): number {
  return Math.min(workloads, Math.max(FIRST_FREED_MIN, Math.round(workloads / 10)));
}

type Kind = 'site' | 'year' | 'model' | 'random' | 'rins' | 'pool' | 'siteyear' | 'unserved' | 'guided' | 'support' | 'cloud';
const KINDS: readonly Kind[] = ['unserved', 'site', 'year', 'model', 'random', 'rins', 'pool', 'siteyear', 'guided', 'support', 'cloud'];

/**
 * A whole plan that breaks some coupling row but is otherwise good (the decomposition's: each
 * component's sub-MILP plan, near optimal alone, together over a site's power or a budget), or
 * that meets every row and whose parts were merged into the incumbent (solve.ts): the 'guided'
 * neighbourhood frees, within one model, the workloads the incumbent assigns otherwise.
 */
export const GUIDE_OF = new WeakMap<ModelV2, SolutionV2>();


/**
 * Sub-MILPs in a row without a better plan after which the pool growths run (grow.ts), when at
 * least GROW_MIN_LEFT_MS remain (a pass is repairs and descents: seconds at 1,000 workloads); they
 * also run once after the first sub-MILP (the support neighbourhood's). Bench/optimizer.ts roomy
 * 1,000 × 3 at 30 s (locked, load 10–13.7): the search's sub-MILPs win round after round there, so
 * the growths never ran before the limit ($320.281 M, $320.297 M: 0.508 %, 0.513 %); after the
 * support round (at ~21 s) the growths (grow.ts byLocalGain) won $0.147 M in 3.3 s and the guided
 * rounds after them $0.135 M more: $320.140–320.144 M, 0.465 % in 6 runs (3 of them in a row).
 */
export const GROW_AFTER_STALL = 2;
export const GROW_MIN_LEFT_MS = 3000;
/**
 * Share of the time left the support neighbourhood's sub-MILP may take (it runs again on each new
 * incumbent once a round stalls). 1,000 × 3 periods at 30 s, load 5–6: 0.3 with the re-runs gave
 * $320.29 M twice, 0.6 without them $320.39–320.42 M; from saved states, 0.2 and 0.3 were alike.
 */
export const SUPPORT_SHARE = 0.3;
/** LP values above which a candidate is in the LP's support. */
export const SUPPORT_EPS = 1e-6;

/** Objective of a solution with its derived columns. */
const priced = (m: ModelV2, s: SolutionV2) => objectiveOfV2(m, columnsOfV2(m, s));

/**
 * The time per model column of polishPlan's set-up, which cannot stop on its own: the plan priced
 * and its plan state with replicas bought late (lateBuying; the state knows its objective, so the
 * late plan is priced and checked against every row only when cheaper). Hard and roomy 5,000
 * workloads × 3 periods (291k columns, load 3–7): the pricing 32–142 ms, the state 18–33 ms; the
 * set-up was the pricing, the late plan, its pricing and check and a second state, 140–300 ms, and
 * begun just before a 5- or 10-s limit it ended 0.1–0.3 s past it. A step of the polish told on the
 * way (the plan priced and checked, then the caller's check: 174 ms there) is told only within
 * that time too: the polish's plan is kept at its end either way.
 */
export const POLISH_SETUP_MS_PER_COL = 6e-4;

/** Replicas bought as late as the loads allow (the cheapest timing unless prices rise). */
function lateBuying(m: ModelV2, s: SolutionV2): SolutionV2 {
  return new PlanState(m, s.chosen).solution();
}

/**
 * The incumbent with replicas bought as late as the loads allow, then the descent, swaps, pool
 * openings and cloud emptyings of repair.ts (a plan merged from sub-MILPs or adopted from elsewhere never had them):
 * hard 1,000 × 3, $3.46 B to $3.17 B in seconds, where sub-MILPs take far longer to find as much;
 * then pools moved between sites (relocate.ts: 1,000 × 3 periods, the 30-s search's plan $320.65 M
 * to $320.53 M in 0.6 s, where the sub-MILPs had found nothing for the last 9 s).
 * The cheaper of the two plans, or null when neither is cheaper than `s`; `onImproved` is told of
 * each cheaper plan as it comes (the polish's steps too). `cloudsFirst`: the cloud emptyings also
 * run before the relocations (they take tens of ms where a relocation scan takes 0.1–0.3 s at
 * 1,000 workloads × 3 periods): the LP's early rounding on several periods (solve.ts earlyPoint).
 * Roomy 1,000 × 3 (bench/first-seconds.ts, load ~4.8): the rounding $152.70 M, its emptyings
 * $151.90 M at once, the relocations $150.83–150.59 M at 2.46–2.85 s, where the relocations gave
 * $151.78–151.39 M at 2.43–2.79 s and the emptyings after them $150.75 M at 2.92 s (the plan within
 * 1 % of the final $149.65 M 0.46 s sooner).
 */
export function polishPlan(m: ModelV2, s: SolutionV2, deadline: number, cancelFlag?: Int32Array, onImproved?: (s: SolutionV2, objective: number) => void, cloudsFirst = false): SolutionV2 | null {
  // (a set-up that cannot end by the deadline is not begun: the plan stays as it is)
  if (!fitsBefore(deadline, m.numCols * POLISH_SETUP_MS_PER_COL, cancelFlag)) return null;
  const obj0 = priced(m, s);
  let best: SolutionV2 | null = null, bestObj = obj0;
  const tol = () => 1e-9 * Math.max(1, Math.abs(bestObj));
  const keep = (c: SolutionV2) => { const o = priced(m, c); if (o < bestObj - tol() && meetsModel(m, c)) { best = c; bestObj = o; onImproved?.(c, o); } };
  // the plan with its replicas bought late (lateBuying's state), kept when cheaper
  const E = new PlanState(m, s.chosen);
  if (E.obj < bestObj - tol()) keep(E.solution());
  if (!E.anyViolated()) {
    // each cheaper step as it comes (onImproved): the whole polish takes seconds at 1,000 workloads
    polish(E, deadline, cancelFlag, true, onImproved ? (F) => { if (fitsBefore(deadline, m.numCols * POLISH_SETUP_MS_PER_COL)) keep(F.solution()); } : undefined);
    // (its last steps, when the polish did not tell them: the plan state knows its objective, and
    // pricing and checking a plan no cheaper took 80–125 ms at 291k columns)
    if (E.obj < bestObj - tol()) keep(E.solution());
    // each scan's plan as it comes (onImproved; roomy 1,000 × 3, the LP's early rounding: two scans
    // that pay, 0.1–0.2 s each, then one that finds nothing)
    const told = onImproved ? () => keep(E.solution()) : undefined;
    if (cloudsFirst && emptyClouds(E, deadline, cancelFlag)) keep(E.solution());
    if (relocatePools(E, deadline, cancelFlag, undefined, told) && !told) keep(E.solution());
    // the cloud emptyings after the relocations, which pay at once on the roomy scenarios. They change the
    // search's path elsewhere: hard 1,000 × 1 at 10 s (curve-root, locked, load 1–7, twice each) ends at
    // $4,323.0 M with them, $4,242.4 M without (the emptying in the LP rounding's polish, 49 ms, wins a
    // little, and the search then never finds the repack to 52 unserved); capex-zero-8 at 2 s needs them
    // ($214.84 M without in 3 runs, dearer than CBC's $214.81 M). At 60 s hard 1,000 × 1 ends at $4,162 M either way.
    if (emptyClouds(E, deadline, cancelFlag)) keep(E.solution());
  }
  return best;
}

export function improveV2(highs: Highs, m: ModelV2, inc: SolutionV2, o: ImproveOptions): SolutionV2 {
  const W = m.byWk.length;
  const K = m.periods.length;
  let best = inc;
  let bestObj = priced(m, inc);
  const offer = (s: SolutionV2): boolean => {
    const obj = priced(m, s);
    if (!(obj < bestObj - 1e-9 * Math.max(1, Math.abs(bestObj)))) return false;
    if (!meetsModel(m, s)) return false;
    best = s; bestObj = obj;
    o.onImproved?.(s, obj);
    return true;
  };
  if (W === 0 || m.numCols === 0) return best;
  if (!o.polished) polishPlan(m, inc, o.deadline, o.cancelFlag, (s) => { offer(s); });
  // (past the deadline after the polish: the set-up below scans the model, 60–80 ms at 291k columns)
  if (stopNow(o.deadline, o.cancelFlag)) return best;
  const rng = rngFrom(o.seed ?? 1);
  const stop = () => stopNow(o.deadline, o.cancelFlag);

  // workloads by what they can touch
  const bySite = new Map<string, Set<number>>();
  const byModel = new Map<string, Set<number>>();
  const add = (map: Map<string, Set<number>>, key: string, w: number) => {
    let s = map.get(key);
    if (!s) map.set(key, (s = new Set()));
    s.add(w);
  };
  for (const x of m.xs) {
    if (x.cand.site) add(bySite, x.cand.site.name, x.w);
    add(byModel, x.cand.model, x.w);
  }
  const sites = [...bySite.keys()].sort();
  const models = [...byModel.keys()].sort();
  const years = Math.max(1, Math.ceil(m.input.settings.horizon_months / 12));
  const periodsOfYear = (y: number) => m.periods.filter((p) => Math.floor(p.start_month / 12) === y).map((p) => p.period);

  // each kind's size adapts on its own: a site's workloads share pools and rows, random ones rarely do
  const size0 = firstFreed(W);
  const sizes = Object.fromEntries(KINDS.map((k) => [k, size0])) as Record<Kind, number>;
  let size = size0;
  const stats = Object.fromEntries(KINDS.map((k) => [k, { tries: 0, wins: 0 }])) as Record<Kind, { tries: number; wins: number }>;
  // pools by site, and the workloads that could use each pool
  const poolUsers = m.pools.map(() => new Set<number>());
  for (const x of m.xs) if (x.pool != null) poolUsers[x.pool]!.add(x.w);
  const sample = (pool: number[], want: number): number[] => {
    const n = Math.max(0, want);
    const a = [...pool];
    for (let i = 0; i < Math.min(n, a.length); i++) {
      const j = i + Math.floor(rng() * (a.length - i));
      [a[i], a[j]] = [a[j]!, a[i]!];
    }
    return a.slice(0, n);
  };
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
  /** An index drawn in proportion to `weights` (`fallback` when rounding leaves none drawn). */
  const draw = (weights: readonly number[], fallback: number): number => {
    let r = rng() * weights.reduce((a, b) => a + b, 0);
    for (let i = 0; i < weights.length; i++) { r -= weights[i]!; if (r <= 0) return i; }
    return fallback;
  };

  // the guide's models still to try, one per round before the adaptive choice (made on first use)
  const guided: { queue: string[] | null } = { queue: null };
  /** The (w, k) pairs freed by one neighbourhood: [workload, period mask]. */
  const neighbourhood = (kind: Kind): Map<number, boolean[]> | null => {
    const out = new Map<number, boolean[]>();
    const all = () => new Array<boolean>(K).fill(true);
    // the workloads now on the site (or model) first, then others that could move there
    const prefer = (can: Set<number>, on: (xi: number) => boolean) => {
      const now: number[] = [], could: number[] = [];
      for (const w of can) (best.chosen[w]!.some((xi) => xi != null && on(xi)) ? now : could).push(w);
      for (const w of sample(now, size)) out.set(w, all());
      for (const w of sample(could, size - out.size)) out.set(w, all());
    };
    if (kind === 'site') {
      if (sites.length === 0) return null;
      const site = pick(sites);
      prefer(bySite.get(site)!, (xi) => m.xs[xi]!.cand.site?.name === site);
    } else if (kind === 'model') {
      if (models.length < 2) return null;
      const model = pick(models);
      prefer(byModel.get(model)!, (xi) => m.xs[xi]!.cand.model === model && m.xs[xi]!.pool != null);
    } else if (kind === 'year') {
      const y = Math.floor(rng() * years);
      const ks = periodsOfYear(y);
      if (ks.length === 0 || (K === 1 && years === 1)) return null;
      // the workloads on systems bought that year, then others at random
      const onPools: number[] = [];
      for (let w = 0; w < W; w++) if (ks.some((k) => { const xi = best.chosen[w]![k]; return xi != null && m.xs[xi]!.pool != null; })) onPools.push(w);
      const mask = m.periods.map((p) => ks.includes(p.period));
      for (const w of sample(onPools, size)) out.set(w, [...mask]);
      for (const w of sample([...Array(W).keys()], Math.max(0, size - out.size))) if (!out.has(w)) out.set(w, [...mask]);
    } else if (kind === 'pool') {
      // a pool with idle replicas (whole replicas bought for less load): its workloads and those
      // that could fill it, so the sub-MILP can consolidate or empty it
      const load = m.pools.map(() => new Float64Array(K));
      best.chosen.forEach((byK) => byK.forEach((xi, k) => { const x = xi == null ? null : m.xs[xi]!; if (x?.pool != null) load[x.pool]![k]! += x.a; }));
      const idle: number[] = [], weight: number[] = [];
      m.pools.forEach((p, pi) => {
        let w8 = 0, owned = 0;
        for (let k = 0; k < K; k++) {
          owned += best.q[pi]![k] ?? 0;
          w8 += Math.max(0, owned - load[pi]![k]!) * p.R * (p.option.price_usd || 1);
        }
        if (w8 > 1e-6) { idle.push(pi); weight.push(w8); }
      });
      if (idle.length === 0) return null;
      const pi = idle[draw(weight, idle.length - 1)]!;
      const p = m.pools[pi]!;
      prefer(poolUsers[pi]!, (xi) => m.xs[xi]!.pool === pi);
      // others of the same system and model at other sites: their load may move here
      if (out.size < size) {
        const same: number[] = [];
        m.pools.forEach((q, qi) => { if (qi !== pi && q.option.id === p.option.id && q.model === p.model) for (const w of poolUsers[qi]!) if (!out.has(w)) same.push(w); });
        for (const w of sample(same, size - out.size)) out.set(w, all());
      }
    } else if (kind === 'siteyear') {
      // one site in one plan year: what it holds then and what could move there (power, racks and
      // that year's capex couple them), other periods kept
      if (sites.length === 0) return null;
      const site = pick(sites);
      const y = Math.floor(rng() * years);
      const ks = periodsOfYear(y);
      if (ks.length === 0) return null;
      const mask = m.periods.map((p) => ks.includes(p.period));
      const nowOn: number[] = [], could: number[] = [];
      for (const w of bySite.get(site)!) (ks.some((k) => { const xi = best.chosen[w]![k]; return xi != null && m.xs[xi]!.cand.site?.name === site; }) ? nowOn : could).push(w);
      for (const w of sample(nowOn, size)) out.set(w, [...mask]);
      for (const w of sample(could, size - out.size)) out.set(w, [...mask]);
    } else if (kind === 'unserved') {
      // workloads the penalty has in some period though a candidate exists, with those of their
      // models (they compete for the same pools and the budgets): where budgets bind, serving one
      // more pair is worth its penalty, so freeing budget elsewhere pays
      const open: number[] = [];
      for (let w = 0; w < W; w++) if (best.chosen[w]!.some((xi, k) => xi == null && m.byWk[w]![k]!.length > 0)) open.push(w);
      if (open.length === 0) return null;
      for (const w of sample(open, Math.ceil(size / 2))) out.set(w, all());
      const could = new Set<number>();
      for (const w of out.keys()) for (const x of m.sized[w]!.candidates) for (const v of byModel.get(x.model) ?? []) if (!out.has(v)) could.add(v);
      for (const w of sample([...could].sort((a, b) => a - b), size - out.size)) out.set(w, all());
    } else if (kind === 'guided') {
      // one model's workloads where the incumbent and the guide differ (in any period), with the
      // pools they use, those pools' users and the unserved pairs that may take them (guidedAround)
      const g = GUIDE_OF.get(m);
      if (!g) return null;
      const differ = new Map<string, number[]>();
      for (let w = 0; w < W; w++) {
        const model = m.sized[w]!.candidates[0]?.model;
        if (model == null || !best.chosen[w]!.some((xi, k) => xi !== g.chosen[w]![k])) continue;
        let l = differ.get(model);
        if (!l) differ.set(model, (l = []));
        l.push(w);
      }
      // (none: the guide's parts are all in the incumbent; its models are not forced first then)
      if (differ.size === 0) { guided.queue ??= []; return null; }
      // each model in turn first (most differing workloads first), then at random
      guided.queue ??= [...differ].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1)).map(([k]) => k);
      let model = guided.queue.shift();
      if (model == null || !differ.has(model)) model = pick([...differ.keys()].sort());
      for (const w of guidedAround(m, best, g, sample(differ.get(model)!, size), size)) out.set(w, all());
    } else if (kind === 'cloud') {
      // one cloud pool in one period: the pairs on it then, and others that may use it, in that period
      // only (whole instances rented per month make the cloud pools' fill a knapsack: which pairs share
      // an instance, which go to an API), pools with idle instances likelier (weight: the idle share of
      // the instances' rental), the others at a tenth of the average so that a pool may also open
      const tries: { ci: number; k: number }[] = [], weight: number[] = [];
      m.clouds.forEach((cp, ci) => m.periods.forEach((per, k) => {
        const users = cp.load.get(per.start_month);
        if (!users || users.length === 0) return;
        let idle = 0;
        for (let mo = per.start_month; mo < per.start_month + per.months; mo++) {
          let need = 0;
          for (const { x, a } of cp.load.get(mo) ?? []) if (best.chosen[m.xs[x]!.w]![k] === x) need += a;
          if (need > 1e-9) idle += (Math.ceil(need - 1e-9) - need) * m.colCost[cp.z[mo]!]!;
        }
        tries.push({ ci, k }); weight.push(idle);
      }));
      if (tries.length === 0) return null;
      const floor = 0.1 * Math.max(1e-9, weight.reduce((a, b) => a + b, 0) / weight.length);
      const { ci, k } = tries[draw(weight.map((w8) => w8 + floor), tries.length - 1)]!;
      const mask = m.periods.map((_, j) => j === k);
      const on: number[] = [], could: number[] = [];
      for (const { x } of m.clouds[ci]!.load.get(m.periods[k]!.start_month)!) (best.chosen[m.xs[x]!.w]![k] === x ? on : could).push(m.xs[x]!.w);
      for (const w of sample(on, size)) out.set(w, [...mask]);
      for (const w of sample(could, size - out.size)) out.set(w, [...mask]);
    } else if (kind === 'random') {
      for (const w of sample([...Array(W).keys()], size)) out.set(w, all());
    } else {
      // rins: a sample of the workloads the LP and the incumbent disagree on; support: all of them
      // (their candidates narrowed to the supports: narrowToSupport), once per incumbent
      const lp = LP_OF.get(m);
      if (!lp || (kind === 'support' && supportAt === best)) return null;
      const disagree: number[] = [];
      for (let w = 0; w < W; w++) {
        let agree = true;
        for (let k = 0; k < K && agree; k++) {
          const xi = best.chosen[w]![k];
          const y = m.ys[w]![k];
          const v = xi != null ? lp.colValue[m.xs[xi]!.col]! : y != null ? lp.colValue[y]! : 0;
          if (v < 0.99) agree = false;
        }
        if (!agree) disagree.push(w);
      }
      if (disagree.length === 0) return null;
      for (const w of kind === 'support' ? disagree : sample(disagree, size)) out.set(w, all());
    }
    return out.size > 0 ? out : null;
  };

  let stall = 0;
  // the incumbent pool growths last ran on (they run once per incumbent), and the support neighbourhood
  let grownAt: SolutionV2 | null = null;
  let supportAt: SolutionV2 | null = null;
  const baseLower = Float64Array.from(m.colLower);
  const baseUpper = Float64Array.from(m.colUpper);
  for (let round = 0; o.maxRounds == null || round < o.maxRounds; round++) {
    if (stop()) break;
    const shared = o.pollIncumbent?.();
    if (shared) {
      const obj = priced(m, shared);
      if (obj < bestObj - 1e-9 * Math.max(1, Math.abs(bestObj)) && meetsModel(m, shared)) { best = shared; bestObj = obj; stall = 0; }
    }
    // adaptive choice of kind: each kind weighted by its wins (every kind keeps a chance); with a
    // guide, its models come first, one per round
    const weights = KINDS.map((k) => (1 + 4 * stats[k].wins) / (1 + 0.2 * stats[k].tries));
    let kind: Kind = KINDS[draw(weights, KINDS.indexOf('random'))]!;
    if (GUIDE_OF.has(m) && (guided.queue == null || guided.queue.length > 0)) kind = 'guided';
    // the support neighbourhood first of all (it takes the LP's and the guide's moves at once), and
    // again once a round finds nothing on an incumbent it has not seen
    if (LP_OF.has(m) && (round === 0 || (stall >= 1 && supportAt !== best))) kind = 'support';
    size = sizes[kind];
    let free = neighbourhood(kind);
    if (!free) { stats[kind].tries++; kind = 'random'; size = sizes.random; free = neighbourhood('random')!; }
    // recent rounds count most: each kind's record fades by a tenth whenever it runs again
    stats[kind].tries = stats[kind].tries * 0.9 + 1;
    stats[kind].wins *= 0.9;
    const lo = Float64Array.from(baseLower), hi = Float64Array.from(baseUpper);
    for (let w = 0; w < W; w++) {
      const mask = free.get(w);
      for (let k = 0; k < K; k++) {
        if (mask?.[k]) continue;
        const cur = best.chosen[w]![k];
        for (const xi of m.byWk[w]![k]!) { const c = m.xs[xi]!.col; const v = xi === cur ? 1 : 0; lo[c] = v; hi[c] = v; }
        const y = m.ys[w]![k];
        if (y != null) { const v = cur == null ? 1 : 0; lo[y] = v; hi[y] = v; }
      }
    }
    if (kind === 'support') { supportAt = best; narrowToSupport(m, free, best, LP_OF.get(m)!.colValue, GUIDE_OF.get(m) ?? null, hi); }
    const incCol = columnsOfV2(m, best);
    fixUntouched(m, free, incCol, lo, hi);
    const left = (o.deadline - now()) / 1000;
    // short sub-limits while they pay; longer ones as rounds go by without a better plan
    // (a fixed number of rounds is a fixed amount of work: each sub-MILP may run to the deadline, so
    // a busy machine cannot change the result of a seed)
    const subLimit = o.maxRounds != null ? Math.max(0.05, left)
      : Math.max(0.05, kind === 'support' ? left * SUPPORT_SHARE : Math.min(left, (0.5 + 0.02 * size) * (1 + stall / 4)));
    const t0 = now();
    // every workload free in every period: the sub is the whole model, its bound the model's
    const whole = kind !== 'support' && free.size >= W && [...free.values()].every((mk) => mk.every(Boolean));
    const res = solveSub(highs, m, lo, hi, incCol, subLimit, (o.seed ?? 1) + round, o, whole);
    let won = false;
    if (res.col) {
      const s = solutionFromColumns(m, res.col);
      won = offer(s);
      won = offer(lateBuying(m, s)) || won;
      // pools moved between sites (relocate.ts): a sub-MILP of a few workloads cannot trade sites
      if (won) {
        const E = new PlanState(m, best.chosen);
        if (relocatePools(E, o.deadline, o.cancelFlag)) offer(E.solution());
      }
    }
    if (won) { stats[kind].wins++; stall = 0; } else stall++;
    o.onRound?.({ kind, freed: free.size, optimal: res.optimal, won, objective: bestObj, ms: now() - t0 });
    // after the first sub-MILP, and once the sub-MILPs stall on an incumbent: pool growths (grow.ts), the coupled move they miss
    if ((stall >= GROW_AFTER_STALL || grownAt == null) && grownAt !== best && o.deadline - now() >= GROW_MIN_LEFT_MS && !stop() && o.maxRounds == null) {
      grownAt = best;
      const E = new PlanState(m, best.chosen);
      const t1 = now();
      const o1 = bestObj;
      if (growPools(E, { deadline: o.deadline, ...(o.cancelFlag ? { cancelFlag: o.cancelFlag } : {}), lp: LP_OF.get(m)?.colValue ?? null })) {
        const s = E.solution();
        if (offer(s)) { grownAt = best; stall = 0; }
      }
      o.onRound?.({ kind: 'grow', freed: 0, optimal: false, won: bestObj < o1, objective: bestObj, ms: now() - t1 });
    }
    // adaptive size: grow when HiGHS proved the neighbourhood optimal, shrink when it ran out of time
    if (kind === 'support') continue;
    if (res.optimal) {
      // the whole model solved (nothing fixed: its bound is the model's; odd-kit-108 at 10 s ended at
      // 6.1 s with a proven plan reported as time_limit, 0.036 % from a bound of the LP stage)
      // (a bound HiGHS' presolve claims is not taken: solveSub's bound is the one before the claim)
      if (whole) {
        if (res.bound != null) o.onBound?.(res.bound);
        break;
      }
      sizes[kind] = Math.min(W, Math.ceil(size * 1.25) + 1);
    } else sizes[kind] = Math.max(4, Math.floor(size * 0.7));
  }
  return best;
}

/**
 * The guided neighbourhood of one model: `differ` (its workloads the incumbent `inc` and the guide
 * assign otherwise), then the workloads `inc` leaves unserved in some period with a candidate on a
 * pool those assignments use (in `inc` or the guide), then each such pool's users in `inc`, a whole
 * pool at a time (first the pools an unserved pair may take, then those most of `differ` use), while
 * the total stays within `size`: a replica is freed only when all its users are, and what it frees
 * pays where an unserved pair takes it. Hard 1,000 × 1 at 60 s: after the reassignment the plan is
 * $4,241.6 M, three 70B workloads unserved that could use the hq room's SN40L replica (full, 25–26
 * users); the $4,162.2 M plan found from there moves that replica to hydro-hall with most of its
 * users, buys a Gaudi 3 replica at the hq room for some of the rest, and serves one of the three. The
 * differing 70B workloads alone (28–38, by the run) found it only when they happened to hold such a
 * workload: from four saved $4,241.6 M plans (4 of 5 in-process runs ended there, load 1.3–7),
 * their sub-MILPs were proven to hold nothing better; with those three and the SN40L's users it came
 * in 3 s from one plan, with the 70B B200 pool's users too (107 workloads) in 8 s from another, with
 * all three pools (151) in 15 s from the third. The search (no LP: no support rounds) for 15 s from
 * each of the three: the first gave $4,162.2 M at 6.7 s (its 70B round: 45 workloads), the other
 * two nothing (one's 70B round, 149 workloads, ran out of its 5.6 s); before, nothing from any.
 * bench/portfolio.ts --interactive (locked): $4,162.2 M at load 1.3, 3.0 and 6.4, $4,241.6 M at
 * load 8.4 and 11.0, $4,322.1 M at load 12.6 (the step to $4,242 M never came); before, $4,241.6 M
 * at load 7.5.
 */
export function guidedAround(m: ModelV2, inc: SolutionV2, guide: SolutionV2, differ: readonly number[], size: number): number[] {
  const out = new Set(differ);
  // the pools the differing assignments use, each with how many of them use it
  const touched = new Map<number, number>();
  for (const w of differ) {
    const on = new Set<number>();
    inc.chosen[w]!.forEach((xi, k) => { for (const x of [xi, guide.chosen[w]![k]]) { const p = x == null ? null : m.xs[x]!.pool; if (p != null) on.add(p); } });
    for (const p of on) touched.set(p, (touched.get(p) ?? 0) + 1);
  }
  if (touched.size === 0) return [...out];
  // pools an unserved pair may take come first
  const wanted = new Set<number>();
  for (let w = 0; w < m.byWk.length && out.size < size; w++) {
    let open = false;
    inc.chosen[w]!.forEach((xi, k) => { if (xi == null) for (const c of m.byWk[w]![k]!) { const p = m.xs[c]!.pool; if (p != null && touched.has(p)) { wanted.add(p); open = true; } } });
    if (open) out.add(w);
  }
  const users = new Map<number, number[]>();
  for (const p of touched.keys()) users.set(p, []);
  inc.chosen.forEach((byK, w) => {
    const on = new Set<number>();
    for (const xi of byK) { const p = xi == null ? null : m.xs[xi]!.pool; if (p != null && touched.has(p)) on.add(p); }
    for (const p of on) users.get(p)!.push(w);
  });
  for (const [p] of [...touched].sort((a, b) => Number(wanted.has(b[0])) - Number(wanted.has(a[0])) || b[1] - a[1] || a[0] - b[0])) {
    const add = users.get(p)!.filter((w) => !out.has(w));
    if (out.size + add.length <= size) for (const w of add) out.add(w);
  }
  return [...out];
}

/**
 * The support neighbourhood's narrowing: each freed pair keeps the candidates the incumbent, the
 * guide or the LP relaxation (any positive value) choose; its other candidates are fixed at 0
 * (`hi`), so the sub-MILP frees every workload the LP disagrees on at a few columns each.
 * Measured (1,000 × 3 periods, ~400 workloads, ~2k free columns): from the repaired start $322.55 M,
 * $320.34 M in 5 s, optimal in the narrowed space. The search's 13 s after the decomposition, from
 * four saved states (the repaired start $322.55 M, and $324.5–324.6 M where the repair failed, as it
 * does under load), load 2–6: $320.23–320.66 M, against $320.51–323.88 M without the kind; keeping
 * also the same system's pools at the other sites (a power transfer between sites: 3.6–4k free
 * columns, the sub-MILP slower) gave $320.23–321.71 M.
 * Without the decomposition's guide it stops short. bench/independent.ts tight-3p-1 (60 s, one
 * process, load 6–7): the first plan within 1 % of the final ($371.15 M) is this round's, $374.34 M
 * at 43.7 s (565 workloads freed, 5.0 s) with the guide of the whole decomposition (12–36 s; its
 * subs of 17.5k and 18.2k columns 11–12 s each). Run instead for 8 s right after the LP's early
 * rounding ($377.16 M), no guide: $376.27 M; after the LP's last point: $376.38 M; there with each
 * freed pair also keeping its two candidates of least reduced cost under the LP's duals (4.8k free
 * columns): $376.72 M; with the guide of a decomposition cut to 4 or 12 s: $376.07 M in 9–11.5 s.
 */
export function narrowToSupport(m: ModelV2, free: Map<number, boolean[]>, inc: SolutionV2, lp: ArrayLike<number>, guide: SolutionV2 | null, hi: Float64Array): void {
  for (const [w, mask] of free) mask.forEach((on, k) => {
    if (!on) return;
    const keep = [inc.chosen[w]![k], guide?.chosen[w]![k]];
    for (const xi of m.byWk[w]![k]!) { const c = m.xs[xi]!.col; if (!keep.includes(xi) && !(lp[c]! > SUPPORT_EPS)) hi[c] = 0; }
  });
}

/**
 * Fixes at the incumbent's values the replicas, racks, instances and edge purchases no freed
 * workload can use: the rows they sit in then drop out of the sub-MILP (a pool, cloud month or
 * site no freed workload touches), which keeps a sub-MILP the size of its neighbourhood rather
 * than of the whole model. Freed workloads' pools keep every period's purchases free (timing); a
 * candidate already fixed at 0 (`hi`: narrowToSupport) frees nothing.
 */
function fixUntouched(m: ModelV2, free: Map<number, boolean[]>, inc: Float64Array, lo: Float64Array, hi: Float64Array): void {
  const pools = new Uint8Array(m.pools.length), groups = new Uint8Array(m.groups.length), edges = new Uint8Array(m.edges.length);
  const months = m.clouds.map(() => new Set<number>());
  for (const [w, mask] of free) {
    mask.forEach((on, k) => {
      if (!on) return;
      for (const xi of m.byWk[w]![k]!) {
        const x = m.xs[xi]!;
        if (hi[x.col] === 0) continue;
        if (x.pool != null) { pools[x.pool] = 1; groups[m.pools[x.pool]!.group] = 1; }
        else if (x.edge != null) edges[x.edge] = 1;
        else if (x.cloud != null) {
          const per = m.periods[k]!;
          for (let mo = per.start_month; mo < per.start_month + per.months; mo++) months[x.cloud]!.add(mo);
        }
      }
    });
  }
  const fix = (c: number | null) => { if (c != null) { lo[c] = inc[c]!; hi[c] = inc[c]!; } };
  m.pools.forEach((p, pi) => { if (!pools[pi]) p.q.forEach(fix); });
  m.groups.forEach((g, gi) => { if (!groups[gi]) g.r.forEach(fix); });
  m.edges.forEach((ed, ei) => { if (!edges[ei]) ed.e.forEach(fix); });
  m.clouds.forEach((cp, ci) => cp.z.forEach((c, mo) => { if (!months[ci]!.has(mo)) fix(c); }));
}

/**
 * `optimal`: HiGHS says the sub-MILP is solved (its word, which steers the neighbourhoods' sizes);
 * `bound`: its dual bound, plus the fixed columns' cost (null when it has none), never one its
 * presolve claims (guarded.ts)
 */
export type SubResult = { col: Float64Array | null; optimal: boolean; bound: number | null };

/**
 * One sub-MILP: the model with bounds lo/hi, reduced to its free columns (lo < hi; restrictedModelData) and the rows a
 * free column can break, the fixed columns' share moved into the row bounds and the objective's
 * offset (so HiGHS' relative gap is measured on the whole plan, as before the reduction). Returns
 * the full column vector: `start` with the free columns replaced. `whole`: the sub frees every
 * workload in every period (its bound is then the model's).
 */
export function solveSub(highs: Highs, m: ModelV2, lo: Float64Array, hi: Float64Array, start: Float64Array, limitS: number, seed: number, o: ImproveOptions, whole = false): SubResult {
  const freeCols: number[] = [];
  for (let j = 0; j < m.numCols; j++) if (lo[j]! < hi[j]!) freeCols.push(j);
  if (freeCols.length === 0) return { col: null, optimal: true, bound: null };
  const data = restrictedModelData(m, freeCols, lo, highs.infinity, { lo, hi });
  const t0 = now();
  // the deadline too, not only HiGHS' own time_limit: a large neighbourhood (they grow while
  // HiGHS proves them optimal) ran 37 s past a 60 s limit on roomy 5,000 × 1 (load ~10)
  const halt = () => cancelled(o.cancelFlag) || (o.maxRounds == null && now() > o.deadline);
  const r = runMip(highs, data, {
    options: { output_flag: false, mip_rel_gap: 1e-6, mip_abs_gap: 1e-6, random_seed: seed % 2147483647 },
    presolve: 'choose',
    start: Float64Array.from(freeCols, (j) => start[j]!),
    timeLimitS: () => limitS - (now() - t0) / 1000,
    halt,
    // another run (guarded.ts runMip) after a refused claim only where the sub is the whole model (its bound
    // is the model's: improveV2), with what is left of the sub's limit; elsewhere the claim only
    // steers the sizes, as before (root proofs of small neighbourhoods are common, and mostly true;
    // hard 1,000 × 1: four such claims, root bound jumps of $53–79 M, each confirmed by HiGHS
    // without presolve), and the run goes on to its end
    again: () => whole && !halt() && limitS - (now() - t0) / 1000 > 0,
  });
  const optimal = r.optimal || r.claim === 'optimal';
  if (!r.col) return { col: null, optimal, bound: r.bound };
  const col = Float64Array.from(start);
  freeCols.forEach((j, i) => { col[j] = r.col![i]!; });
  return { col, optimal, bound: r.bound };
}
