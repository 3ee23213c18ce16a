// Pool growth on a plan state that meets every coupling row: a pool given one more replica from a
// period on, filled with the pairs it saves most on, the rows this breaks repaired (repairState moves
// other load off the site: bought early at a site whose late power is full, the replica needs that
// power freed elsewhere, a coupled move no single-pair move or small sub-MILP finds), then the
// descent (keepIfCheaper). A move stays only when the plan is cheaper and every coupling row
// holds; otherwise the state is put back as it was.
// The packed start (packStart) builds a plan up from serving nothing with the same fills and the
// single-pair moves, each made only while every coupling row holds: no repair.
import { now, stopNow } from './clock.ts';
import { ceilTol, type ModelV2 } from './model.ts';
import { anyOver, descend, fillMissing, fractionalCost, journal, keepIfCheaper, PlanState, polish, repairState } from './repair.ts';

export type GrowOptions = {
  deadline?: number;
  cancelFlag?: Int32Array;
  /** the LP relaxation's columns: the growths it owns more replicas for than the plan are tried first */
  lp?: ArrayLike<number> | null;
  /** growths of one pool in a row while they pay (each adds one more replica) */
  repeat?: number;
  /** without an LP: the growths whose fill saves most objective per share of the budget rows it takes first (growthOrder) */
  byGain?: boolean;
  /** told of the state after each growth that stayed */
  onBetter?: (E: PlanState) => void;
  /** a growth that saved at least this share of the objective is polished at once (polish: its swaps pay again after a lump) */
  polishOver?: number;
  /**
   * from `from` (a now() time) on, the growths stop once the last `tries` of them (each a
   * keepIfCheaper, its polish included) saved together less than `share` of the objective: stalled
   */
  stall?: { tries: number; share: number; from: number };
};

/** Whether growths that saved `recent` (the last ones, newest last) have stalled at objective `obj` (GrowOptions.stall), at time `t`. */
export function growthsStalled(recent: readonly number[], obj: number, stall: NonNullable<GrowOptions['stall']>, t: number): boolean {
  if (t < stall.from || recent.length < stall.tries) return false;
  let saved = 0;
  for (let i = recent.length - stall.tries; i < recent.length; i++) saved += recent[i]!;
  return saved < stall.share * Math.abs(obj);
}

/** Growths a pass tries at most (each is a repair and a descent: about 0.1 CPU-s by gain at 1,000 × 3 from the packed start, a second before keepIfCheaper's one-batch single-pair repair and local descent; 1,000 × 3 periods, the 30-s plan: all of 64 LP-ordered tries gained $0.055 M, all of it in the first 12). LP-ordered, those whose fill breaks a row only: the others are priced first (byLocalGain) */
export const GROW_TRIES = 16;

/**
 * Share of the time left byLocalGain's scan may take; the growths it priced by then are tried. Its
 * pairs visited grow as pools·K × W·K/2. Bench/optimizer.ts roomy 1,000 × 3 at 30 s (locked, load
 * 3–8): the scan 1.5–1.6 s of 213 growths, never capped, $320,140,267–320,201,979 (0.465–0.484 %)
 * in 5 runs; hard 1,000 × 3, 0.8 s, the same $2,710.60 M. Roomy 1,000 × 12 (solvePlanV2 at 60 s,
 * load 2–3; at 30 s the growths never run): the scan first ran at ~52 s and took 2.1 s, a part of
 * its 916 growths, and the search won $0.08 M after it; without the cap it took the 7.1 s left,
 * so none of the 16 growths it listed was tried.
 */
export const SCAN_SHARE = 0.25;

/**
 * The (pool, period) growths, those the LP owns more replicas of than the plan by then first (by
 * how many more), then the others in pool order; without an LP and with `byGain`, those whose fill
 * saves most objective per share of the budget rows it takes first (the rows it breaks aside: the
 * repair sheds for it). From the packed start on hard 1,000 × 3 (CPU seconds after its 2.4 s, load
 * ~3): 16 tries in that order, $3.085 B to $2.898 B after 2.2 s and $2.872 B after 2.3 s, nothing
 * more in the other tries (11.4 s; with keepIfCheaper's one-batch single-pair repair and local
 * descent, load 1.2-3: $3.085 B to $2.845 B after 0.46-0.50 s, the 16 tries in 1.7-1.8 s); in
 * pool order, $2.978 B after 20 s. Counting the total budget alone: $2.791 B after 14.3 s but the
 * first win after 4.6 s; with the site rows too (3 times, as packStart): $2.79 B after 13.7 s, the
 * first win after 3.3 s. A growth whose purchase is at its bound is left out (atBound).
 */
export function growthOrder(E: PlanState, lp: ArrayLike<number> | null, byGain = false, stop: () => boolean = () => false): [number, number][] {
  const m = E.m;
  const out: { pi: number; k: number; s: number }[] = [];
  const gain = !lp && byGain ? gainPerBudget(E) : null;
  for (const [pi, p] of m.pools.entries()) {
    // pricing by gain fills every (pool, period): 35 s past a 10-s limit with monthly purchases (36 periods, hard 1,000 workloads)
    if (gain && stop()) return [];
    let lpOwned = 0;
    const owned = E.ownedOf(pi);
    p.q.forEach((c, k) => {
      if (c != null && lp) lpOwned += lp[c] ?? 0;
      if (c == null || p.xs.slice(k).every((l) => l.length === 0) || atBound(E, c)) return;
      out.push({ pi, k, s: lp ? lpOwned - owned[k]! : gain ? gain(pi, k) : 0 });
    });
  }
  out.sort((a, b) => b.s - a.s || a.pi - b.pi || a.k - b.k);
  return out.map(({ pi, k }) => [pi, k]);
}

/**
 * Whether purchase column `q` of E's plan is at its upper bound: its pool buys no replica more in
 * that period, so a growth from there is never kept as one (the bound is what the site's power and
 * racks hold and the capex budget buys in each plan year, model.ts; a fill there only takes up the room
 * the pool's replicas leave). Tight-3p-1 from the packed plan: two twin pools whose replica ($54
 * M) costs more than the $14.7 M capex budget of any plan year (bound 0) were growths 3rd to 8th by
 * gain (ratio 48.6–58.7, fills of 1.2–3.4 times the budget), 8 of 21 tries taking 0.6 s (load
 * ~2.5); two from the last period paid $0.34 M through the descent after the repair. Left out,
 * a growth that saves $1.3 M came 9th at 1.7 s, where one of its twin that saved $4.5 M came 20th
 * at 2.1–2.5 s (which of the twins pays depends on the tries before). bench/portfolio.ts
 * --interactive, tight-3p-1 only (3 runs of 4 jobs each, load 1.3–4): the plan at 2 s $383.44 M
 * in 10 jobs and $384.86 M in 2, against $384.79 M in 7 and $385.75 M in 5 ($380.31 M when the $4.5
 * M came before 2 s); the final plan $371.07–371.85 M against $371.07–371.16 M. In the whole
 * table (load 1.0) $380.78 M at 2 s, +2.61 % of the final: still not within 1 %, which the greedy
 * start does not reach ($380.2 M when it ends; the LP's rounding $377.4 M at ~7 s).
 */
function atBound(E: PlanState, q: number): boolean {
  return E.col[q]! + 1 > E.m.colUpper[q]! + 1e-9;
}

/** The objective fill(pi, k) saves per share of the budget rows (capex, total) it takes, E put back after; 0 when it saves nothing. */
function gainPerBudget(E: PlanState): (pi: number, k: number) => number {
  const { w8, on } = rowShares(E, 0);
  const J = journal(E);
  return (pi, k) => {
    E.begin();
    const o0 = E.obj;
    fill(E, pi, k, J.set);
    const saved = o0 - E.obj;
    const use = E.activityChange(w8, on);
    J.undo();
    return saved <= 0 ? 0 : saved / Math.max(use, 1e-12);
  };
}

/** Weights of the coupling rows, each per unit of its limit: the budget rows (capex, total) 1, site power and racks `site`, the others 0; `on` flags those weighed. */
function rowShares(E: PlanState, site: number): { w8: Float64Array; on: Uint8Array } {
  const w8 = new Float64Array(E.ix.ub.length);
  const on = new Uint8Array(E.ix.ub.length);
  E.ix.rowOf.forEach((ri, r) => {
    const f = E.m.rows[ri]!.family;
    const w = f === 'budget' || f === 'capex' ? 1 : f === 'power' || f === 'site_racks' ? site : 0;
    if (w > 0) { on[r] = 1; w8[r] = w / Math.max(1, Math.abs(E.ix.ub[r]!)); }
  });
  return { w8, on };
}

/** What moving x's pair onto x saves against its present way's divisible cost (or its penalty); 0 when it is there already or saves nothing. */
function saving(E: PlanState, xi: number): number {
  const m = E.m;
  const x = m.xs[xi]!;
  const cur = E.chosen[x.w]![x.k]!;
  if (cur === xi) return 0;
  const y = m.ys[x.w]![x.k];
  const save = (cur != null ? fractionalCost(m, cur) : y != null ? m.colCost[y]! : Infinity) - x.cost;
  return save > 0 && Number.isFinite(save) ? save : 0;
}

/**
 * Fills pool `pi` from period k on with one replica more than it owns: in each period, the pairs
 * that could use it and save most per replica on it (against their present way's divisible cost)
 * while they fit. The replica is bought in the first period whose fill needs it, and only where
 * that period's purchase column has room under its upper bound (what the site's power and racks
 * hold and the capex budget buys in the plan year, model.ts); where it has none, the fill only
 * takes up the room the pool's replicas leave. A replica past the bound broke a row, which the
 * packing's check or a growth's repair then took back: tight-3p-1's two pools whose replica costs
 * more than any plan year's capex budget (bound 0) were filled 72 times in the packing, for
 * nothing. False when no pair moved.
 */
export function fill(E: PlanState, pi: number, k: number, set: (w: number, k: number, xi: number) => void = (w, j, xi) => E.set(w, j, xi)): boolean {
  const m = E.m;
  const p = m.pools[pi]!;
  const K = m.periods.length;
  // (a copy: the state's own changes as the fill's pairs come in)
  const owned = E.ownedOf(pi).slice();
  const used = new Float64Array(K);
  for (let j = k; j < K; j++) for (const xi of p.xs[j]!) { const x = m.xs[xi]!; if (E.chosen[x.w]![j] === xi) used[j]! += x.a; }
  // replicas owned after the fill, period by period (PlanState: the most of the period before and the load's whole replicas)
  let ownedBefore = k > 0 ? owned[k - 1]! : 0;
  let moved = false;
  for (let j = k; j < K; j++) {
    const q = p.q[j];
    const cap = Math.max(owned[j]!, Math.min(owned[j]! + 1, ownedBefore + (q == null ? 0 : m.colUpper[q]!)));
    let room = cap - used[j]!;
    // (no room: no pair priced)
    const cands: { w: number; xi: number; r: number; a: number }[] = [];
    if (room > 1e-9) {
      for (const xi of p.xs[j]!) {
        const x = m.xs[xi]!;
        const save = saving(E, xi);
        if (save > 0) cands.push({ w: x.w, xi, r: save / Math.max(x.a, 1e-12), a: x.a });
      }
    }
    cands.sort((a, b) => b.r - a.r || a.w - b.w);
    for (const c of cands) {
      if (c.a > room + 1e-9) continue;
      set(c.w, j, c.xi);
      room -= c.a;
      used[j]! += c.a;
      moved = true;
    }
    ownedBefore = Math.max(ownedBefore, ceilTol(used[j]!), owned[j]!);
  }
  return moved;
}

/** Per model and first period: the (w, k) pairs (w · K + k) from that period on that have a candidate of that model. */
const PAIRS_OF_MODEL = new WeakMap<ModelV2, Map<string, number[]>>();
function pairsOfModel(m: ModelV2, model: string, k0: number): readonly number[] {
  let by = PAIRS_OF_MODEL.get(m);
  if (!by) PAIRS_OF_MODEL.set(m, (by = new Map()));
  const key = `${k0}\u0000${model}`;
  let out = by.get(key);
  if (!out) {
    const K = m.periods.length;
    const s = new Set<number>();
    for (const x of m.xs) if (x.k >= k0 && x.cand.model === model) s.add(x.w * K + x.k);
    by.set(key, (out = [...s].sort((a, b) => a - b)));
  }
  return out;
}

/**
 * The LP-ordered growths to try, from `order`: first those whose fill keeps every coupling row and
 * pays after a descent over the pairs of the pool's model from its period on (E put back after
 * each), most first; then the first `tries` of those whose fill breaks a row (a repair decides
 * them), in LP order. The growth that pays is rarely among the LP's first: roomy 1,000 × 3 periods
 * (bench/optimizer.ts), the 30-s plan ($320.28 M), 5 of its 213 growths pay, the best ($0.085 M:
 * a 70B replica at hydro-hall from period 1, filled from rented B200 instances and APIs, whose
 * descent then empties instances) 55th in LP order (the LP owns none there), where the search tried
 * the first 16; a descent over the pairs left on the cloud pools the fill draws from found none of
 * them. The scan takes ~1.8 CPU-s there (each try: the fill and a descent over ~1,000 pairs), at
 * most SCAN_SHARE of the time left. The gain counts what the descent gains without the fill too
 * (the plan, a sub-MILP's, is not at a local optimum on those pairs): ranked by the gain less that
 * of the same descent without the fill (per model and period), 3 growths of 213 paid against 7 and
 * the growths won more ($320.422 M to $320.259 M against $320.275 M), but the plan at 30 s was
 * dearer in all 5 runs than in those without it from the same plan before the growths
 * ($320.159–320.251 M, up to 0.499 %, against $320.140–320.202 M); hard 1,000 × 3 2 of 220 against 9, $2,710.61 M against $2,710.60 M. With the
 * plan descended before the scan instead, $320.236 M (0.495 %).
 */
export function byLocalGain(E: PlanState, order: readonly [number, number][], tries: number, deadline: number, cancelFlag?: Int32Array): [number, number][] {
  const m = E.m;
  const K = m.periods.length;
  // a cap of its own: what it priced by then goes to the tries (the deadline ends growPools too)
  const t0 = now();
  const until = Number.isFinite(deadline) ? t0 + Math.max(0, deadline - t0) * SCAN_SHARE : Infinity;
  const stop = () => stopNow(until, cancelFlag);
  const J = journal(E);
  const paying: { g: [number, number]; gain: number }[] = [];
  const repaired: [number, number][] = [];
  for (const g of order) {
    if (stop()) break;
    const [pi, k] = g;
    const o0 = E.obj;
    E.begin();
    if (!fill(E, pi, k, J.set)) { J.undo(); continue; }
    if (anyOver(E)) { if (repaired.length < tries) repaired.push(g); J.undo(); continue; }
    const pairs = pairsOfModel(m, m.pools[pi]!.model, k);
    // (the descent's moves are not in the journal: its pairs are put back from before it, then the fill)
    const was = pairs.map((wk) => E.chosen[Math.floor(wk / K)]![wk % K]!);
    descend(E, until, cancelFlag, pairs);
    const gain = o0 - E.obj;
    pairs.forEach((wk, i) => { const w = Math.floor(wk / K), j = wk % K; if (E.chosen[w]![j] !== was[i]) E.set(w, j, was[i]!); });
    J.undo();
    // a descent the cap cut short priced nothing
    if (stop()) break;
    if (gain > 1e-9 * Math.max(1, Math.abs(o0))) paying.push({ g, gain });
  }
  paying.sort((a, b) => b.gain - a.gain);
  return [...paying.map((p) => p.g), ...repaired];
}

/**
 * Fills cloud pool `ci` in period k with one replica (R instances) more than the period's loads
 * rent in each of its months: the period's pairs that could use it and save most per replica-month
 * on it (against their present way's divisible cost) while they fit in every month. The lump the
 * single-pair moves never make where a whole instance costs more than one pair saves (an 8-GPU
 * instance serving a hundred small pairs). False when no pair moved.
 */
function fillCloud(E: PlanState, ci: number, k: number, set: (w: number, k: number, xi: number) => void = (w, j, xi) => E.set(w, j, xi)): boolean {
  const m = E.m;
  const per = m.periods[k]!;
  const on = m.clouds[ci]!.load.get(per.start_month);
  if (!on || on.length === 0) return false;
  const load = E.cloudLoadOf(ci);
  const room = new Float64Array(per.months);
  for (let t = 0; t < per.months; t++) room[t] = ceilTol(load[per.start_month + t]!) + 1 - load[per.start_month + t]!;
  const cands: { w: number; xi: number; r: number }[] = [];
  for (const { x: xi } of on) {
    const save = saving(E, xi);
    if (!(save > 0)) continue;
    const a = E.ix.cloudA[xi]!;
    let use = 0;
    for (let t = 1; t < a.length; t += 2) use += a[t]!;
    cands.push({ w: m.xs[xi]!.w, xi, r: save / Math.max(use, 1e-12) });
  }
  cands.sort((a, b) => b.r - a.r || a.w - b.w);
  let moved = false;
  for (const c of cands) {
    const a = E.ix.cloudA[c.xi]!;
    let fits = true;
    for (let t = 0; t < a.length && fits; t += 2) fits = a[t + 1]! <= room[a[t]! - per.start_month]! + 1e-9;
    if (!fits) continue;
    for (let t = 0; t < a.length; t += 2) room[a[t]! - per.start_month]! -= a[t + 1]!;
    set(c.w, k, c.xi);
    moved = true;
  }
  return moved;
}

/**
 * Tries pool growths (growthOrder, at most `tries`) on E, which meets every coupling row; keeps
 * each that makes the plan cheaper. True when the plan got cheaper. LP-ordered (`lp`): those that
 * pay locally first (byLocalGain).
 */
export function growPools(E: PlanState, o: GrowOptions = {}, tries = GROW_TRIES): boolean {
  const deadline = o.deadline ?? Infinity;
  const stop = () => stopNow(deadline, o.cancelFlag);
  if (E.anyViolated()) return false;
  let any = false;
  // what each growth tried saved (o.stall)
  const recent: number[] = [];
  const order = growthOrder(E, o.lp ?? null, o.byGain, stop);
  for (const [pi, k] of o.lp ? byLocalGain(E, order, tries, deadline, o.cancelFlag) : order.slice(0, tries)) {
    for (let rep = 0; rep < (o.repeat ?? 4); rep++) {
      if (stop() || (o.stall && growthsStalled(recent, E.obj, o.stall, now()))) return any;
      // (a repeat may reach the bound: atBound)
      if (rep > 0 && atBound(E, E.m.pools[pi]!.q[k]!)) break;
      // by gain, keepIfCheaper quick: its repair by single-pair moves in one batch, its descent over
      // the pairs the fill and the repair moved only (hard 1,000 × 3 from the packed start: the 16
      // tries in 1.8 CPU-s against 12.5, $2.845 B against $2.871 B); LP-ordered, as for any move
      // (from the 30-s plan, a descent over the users of the pools whose replicas changed found none
      // of the gains, one over their sites' users as much)
      const before = E.obj;
      if (!keepIfCheaper(E, () => fill(E, pi, k), deadline, o.cancelFlag, o.byGain === true && !o.lp)) { recent.push(0); break; }
      any = true;
      o.onBetter?.(E);
      if (o.polishOver != null && before - E.obj >= o.polishOver * Math.abs(before)) {
        const grown = E.obj;
        polish(E, deadline, o.cancelFlag, false, o.onBetter);
        // the polish tells of a step at most every BETTER_EVERY_MS: where it paid, its last state goes out now
        if (E.obj < grown) o.onBetter?.(E);
      }
      recent.push(before - E.obj);
    }
  }
  return any;
}

/** Whether some (workload, period) may stay unserved (a penalty is set). */
export const mayLeaveUnserved = (m: ModelV2): boolean => m.ys.some((byK) => byK.some((y) => y != null));

/**
 * Weight of a site's power and racks against the budgets in packStart's price of a move (each row
 * counted as the share of its limit the move takes). Hard 1,000 × 3 (CPU seconds, pack and its
 * swaps): budgets alone $4.13 B; 0.3, 1, 2, 3, 5, 10: $3.19, 3.14, 3.14, 3.09, 3.14, 3.09 B.
 */
export const PACK_SITE_WEIGHT = 3;
/**
 * Moves a round of packStart makes at most before it prices them all again: this many, or 1/2^PACK_BATCH_SHIFT of those
 * priced. Hard 1,000 × 3, the pack, its polish and growths without a deadline (load 2–4): 1/8 against 1/16,
 * the pack in 10 rounds against 20 (0.51–0.56 s against 0.65–0.76 s), the plan within 1 % of the run's final ($2.819 B)
 * at 1.10–1.13 s against 1.34–1.56 s, and the plan after the growths cheaper on 10 of 12 scenario seeds (0, 7–17:
 * $2.8179 B → $2.7911 B; seed 15 $4.534 B → $3.090 B, 17 $3.947 B → $2.690 B; dearer on 11, $2.949 B → $3.351 B,
 * and 14, $3.247 B → $3.836 B); 1/4 was dearer on the bench's own ($3.032 B); 1/8 only after a slack round, $3.139 B.
 */
const PACK_BATCH = 8;
const PACK_BATCH_SHIFT = 3;
const batchOf = (priced: number) => Math.max(PACK_BATCH, priced >> PACK_BATCH_SHIFT);
/**
 * A round of packStart after a slack one (no move broke a row or lost half its ratio) prices a pool
 * move again only when its last ratio came to at least this share of the ratio the round's batch of
 * pair moves ends at; the others keep their last ratio, and every PACK_REPRICE_EVERY-th round prices
 * them all. Pricing a pool move fills it (fill): with every pool priced each round, that was more
 * than half of the packing's CPU time. Hard 1,000 × 3 (load ~5): 44 % of those pricings left out
 * (2,055 of 4,620), the same plans after the pack, the polish and the growths on the bench's scenario
 * and scenario seeds 7 and 8 ($2.8447 B, $3.7034 B, $3.4944 B), the pack 15–25 % faster; leaving
 * out those of the rounds where moves lost half their ratio too, or never pricing all again, changed
 * the plans: $3.112 B on the bench's (its one growth that pays, $240 M, no longer found), $4.399 B on seed 7.
 */
const PACK_STALE_SHARE = 0.5;
const PACK_REPRICE_EVERY = 4;

/**
 * A start built up instead of repaired, where a penalty lets pairs stay unserved (null without
 * one): from the plan that serves only the pairs without a penalty (each on its cheapest way,
 * repaired), rounds that price every move that serves more — an unserved pair on one of its
 * candidates, one more replica of a pool from a period on filled with the pairs it saves most
 * on (fill), or one more cloud replica in a period filled likewise (fillCloud) — by the objective it saves per share of the budget rows and (PACK_SITE_WEIGHT) of
 * the site rows it takes, and make the best ones, each priced again first and made only when it
 * keeps every coupling row. Where budgets and site power bind this is the knapsack the plan is:
 * the repair of the divisible-cost choice sheds pairs by their price alone and leaves lumps of
 * budget and power unused. Hard 1,000 × 3 (CPU seconds): $3.25 B in 1.1 s, $3.09 B after
 * the swaps of the polish at 1.7 s, where the coarse start had $3.54 B at 1.4 s and $3.03 B at
 * 6.7 s (batches of an eighth, load 2: $3.245 B at 0.55 s, $3.138 B after a round of
 * the polish at 0.73 s); hard 1,000 × 1: $5.12 B at 0.45 s against the coarse start's $5.20 B at 2.0 s.
 * The cloud fills only where a total budget counts the rentals: there a fill is priced by the
 * budget it takes or frees like any move. Hard 1,000 × 3 (one process, 60-s limit, load 7–10): the
 * packed plan $2,791.06 M at 0.87–0.90 s and $2,764.28 M after its polish at 0.97–1.00 s, where it was
 * $3,138 M at 0.8–1.0 s and the growths' $2,791.24 M at 1.2–1.4 s (62 pairs of period 1 on 23–26
 * one-GPU instances, in the later plans on 3 eight-GPU ones). bench/portfolio.ts --interactive (1
 * worker, load 7–14, 4 runs): its plan at 2 s $2,764.28 M, +1.98 % of the final $2,710.53 M (search.ts
 * CONTINUE_SHARE), where it was $2,791.24 M, +1.95 % of $2,737.76 M: both 1 % cheaper, the final too,
 * so not within 1 % (the search's 'unserved' sub-MILP serves two more pairs at ~50 s; from the packed
 * plan its first rounds take seconds of CPU each). Without such a budget a fill takes no
 * row, is priced above every other move and grabs pairs before the knapsack is made: tight-3p-1,
 * the plan at 2 s $381.15–381.47 M against $380.64 M (the same final, $374.89 M); bench/independent.ts
 * late-options-6 at 2 s $63.60–63.64 M in 3 runs against $63.41 M in 3, at 10 s $63.23 M against
 * $63.21 M; seasonal-5, the packed plan polished and grown (no clock) $647.14 M against $643.28 M.
 */
export function packStart(m: ModelV2, o: PackOptions = {}): PlanState | null {
  if (!mayLeaveUnserved(m)) return null;
  const deadline = o.deadline ?? Infinity;
  const chosen = m.byWk.map((byK) => byK.map((): number | null => null));
  if (!fillMissing(m, chosen)) return null;
  const E = new PlanState(m, chosen);
  if (E.anyViolated() && !repairState(E, new PlanState(m, chosen, true), { deadline, ...(o.cancelFlag ? { cancelFlag: o.cancelFlag } : {}) })) return null;
  pack(E, o);
  return E;
}

/**
 * Past its deadline the pack goes on (PackOptions.until) while its last round saved at least this
 * share of the plan, and begins a round only when one as long as the last ends by `until`: a pack
 * cut short leaves budget unused and pairs unserved at their penalty, and at a short limit the
 * stages after it give no cheaper plan. Hard 1,000 × 3 (load ~9): rounds of ~0.1 s, rounds 5–8
 * saving 2–80 % of the plan each ($28.9 B to $5.71, 5.57, 3.65, 2.90 B), round 9 0.9 % ($2.87 B).
 * Solve.ts at 2 s, 3 runs each: the deadline came at round 5 or 6 and the plan was $3.25, 5.97,
 * 10.44 B (load 3–4; $3.70–8.14 B at 4–9), the LP stage after it one cut round ($1.09 B) and no
 * rounding; run on, $2.79–2.84 B with the same LP round (at load ~9, $2.87–2.90 B and the LP cut
 * short). Tight-3p-1 at 2 s: $385.75–386.22 M against $416.79–439.19 M; hard 1,000 × 1
 * $5,123.95 M against $5,123.95–5,202.64 M. Hard 5,000 × 3 at 5 s: $45.1 B at 4.7 s against the
 * standalone $122.4 B; the LP stage then began at ~4.8 s, gave no bound and ended 0.6 s late.
 * At 10 s and more the pack ends within its deadline: nothing changes there.
 */
export const PACK_ON_SHARE = 0.01;

export type PackOptions = {
  deadline?: number;
  cancelFlag?: Int32Array;
  /** past `deadline`, the pack goes on until this while its rounds pay (PACK_ON_SHARE); default `deadline` */
  until?: number;
};

/**
 * Whether a pack past its deadline goes on: its last round took the plan from `before` to `after`,
 * at least PACK_ON_SHARE of it. Not before its first round is made (`before` Infinity): hard 5,000 × 3
 * at 5 s, the first round was not done at the deadline and, run on, took the LP stage's time (its
 * bound) for no plan.
 */
export function packGoesOn(before: number, after: number): boolean {
  return Number.isFinite(before) && before - after >= PACK_ON_SHARE * Math.abs(after);
}

/** packStart's rounds on E, which meets every coupling row: moves that serve more while they pay; true when one was made. */
export function pack(E: PlanState, o: PackOptions = {}): boolean {
  const m = E.m;
  const ix = E.ix;
  const K = m.periods.length;
  const deadline = o.deadline ?? Infinity;
  // the objective before the last round made (Infinity: none made yet, packGoesOn)
  let before = Infinity;
  const stop = () => stopNow(o.until != null && o.until > deadline && packGoesOn(before, E.obj) ? o.until : deadline, o.cancelFlag);
  const { w8, on } = rowShares(E, PACK_SITE_WEIGHT);
  const targets = m.byWk.map((byK) => byK.map((xs) => xs.filter((xi) => ix.viable[xi] === 1)));
  const J = journal(E);
  /** a pair onto a candidate (pool < 0, cloud < 0), one more replica of pool `pool` from period k on, or of cloud pool `cloud` in period k */
  type Move = { pool: number; w: number; k: number; xi: number; ratio: number; cloud?: number };
  const make = (mv: Move): boolean => (mv.cloud != null ? fillCloud(E, mv.cloud, mv.k, J.set) : mv.pool < 0 ? (J.set(mv.w, mv.k, mv.xi), true) : fill(E, mv.pool, mv.k, J.set));
  /** the objective a move saves per weighted share of the rows it takes (Infinity: it takes none); -1 when it saves nothing or breaks a row. E is left as it was. */
  const price = (mv: Move): number => {
    E.begin();
    const o0 = E.obj;
    if (!make(mv)) { J.undo(); return -1; }
    const gain = o0 - E.obj;
    const use = E.activityChange(w8, on);
    const bad = gain <= 1e-9 * Math.max(1, Math.abs(o0)) || anyOver(E);
    J.undo();
    return bad ? -1 : use <= 1e-12 ? Infinity : gain / use;
  };
  let any = false;
  // each pool move's ratio when last priced (NaN: never), and whether the last round was slack
  const last = new Float64Array(m.pools.length * K).fill(NaN);
  let slack = false;
  // cloud fills only where the total budget counts the rentals (packStart)
  const rentalsBudgeted = m.rows.some((r) => r.family === 'budget');
  // when the last round began and how long it took: past the deadline, a round that would not end by `until` is not begun
  let began = now(), lastMs = 0;
  for (let round = 0; round < 10_000; round++) {
    if (round > 0) {
      const t = now();
      lastMs = t - began;
      began = t;
      if (t > deadline && o.until != null && t + lastMs > o.until) return any;
    }
    const moves: Move[] = [];
    for (let w = 0; w < m.byWk.length; w++) {
      if ((w & 63) === 63 && stop()) return any;
      for (let k = 0; k < K; k++) {
        if (E.chosen[w]![k] != null) continue;
        let best: Move | null = null;
        for (const xi of targets[w]![k]!) {
          const mv: Move = { pool: -1, w, k, xi, ratio: 0 };
          mv.ratio = price(mv);
          if (mv.ratio > 0 && (!best || mv.ratio > best.ratio)) best = mv;
        }
        if (best) moves.push(best);
      }
    }
    // the ratio the batch ends at among the pair moves (PACK_STALE_SHARE; -Infinity: price every pool move)
    let cutoff = -Infinity;
    if (slack && round % PACK_REPRICE_EVERY !== 0 && moves.length > 0) {
      const rs = moves.map((mv) => mv.ratio).sort((a, b) => b - a);
      cutoff = rs[Math.min(rs.length, batchOf(rs.length)) - 1]!;
    }
    const lazy = Number.isFinite(cutoff);
    for (let pi = 0; pi < m.pools.length; pi++) {
      if (stop()) return any;
      for (let k = 0; k < K; k++) {
        if (m.pools[pi]!.q[k] == null) continue;
        const mv: Move = { pool: pi, w: -1, k, xi: -1, ratio: 0 };
        const was = last[pi * K + k]!;
        mv.ratio = lazy && was < cutoff * PACK_STALE_SHARE ? was : price(mv);
        last[pi * K + k] = mv.ratio;
        if (mv.ratio > 0) moves.push(mv);
      }
    }
    for (let ci = 0; ci < (rentalsBudgeted ? m.clouds.length : 0); ci++) {
      if (stop()) return any;
      for (let k = 0; k < K; k++) {
        const mv: Move = { pool: -1, w: -1, k, xi: -1, ratio: 0, cloud: ci };
        mv.ratio = price(mv);
        if (mv.ratio > 0) moves.push(mv);
      }
    }
    moves.sort((a, b) => b.ratio - a.ratio || a.pool - b.pool || (a.cloud ?? -1) - (b.cloud ?? -1) || a.w - b.w || a.k - b.k || a.xi - b.xi);
    const roundFrom = E.obj;
    let made = 0;
    slack = true;
    for (const mv of moves) {
      if (mv.pool < 0 && mv.cloud == null && E.chosen[mv.w]![mv.k] != null) continue;
      // earlier moves of the round change what this one saves and takes: made only while it still pays about as well
      const r = price(mv);
      if (r <= 0 || (made > 0 && r < mv.ratio * 0.5)) { slack = false; continue; }
      make(mv);
      J.keep();
      if (++made >= batchOf(moves.length)) break;
    }
    if (made === 0) break;
    any = true;
    before = roundFrom;
  }
  return any;
}
