// Pool relocations on a plan state that meets every coupling row: the load of one pool (from a
// period on) moved to another pool of its model (another system, another site), whole or pair by
// pair while the rows hold; emptied onto each pair's cheapest other way; or moved to its twin at
// another site together with a pool of that site moved the other way (two sites trading their
// power and racks between models: neither half pays alone, so one-pair moves and small sub-MILPs
// never find it). Every state left meets every coupling row, and a move is only ever made when it
// makes the plan cheaper.
import { stopNow } from './clock.ts';
import type { ModelV2 } from './model.ts';
import { anyOver, descend, type PlanState } from './repair.ts';

/** An assignment: (w, k) onto x (null: unserved). */
export type Set3 = [number, number, number | null];

/**
 * Per model: each pool's twin at each site (same system and model; -1: none), the other pools of
 * its model (any system, any site), and each pool's x per period by workload.
 */
type Twins = { twin: Int32Array[]; sameModel: number[][]; xOf: Map<number, number>[][] };
const TWINS = new WeakMap<ModelV2, Twins>();

function twinsOf(m: ModelV2): Twins {
  const hit = TWINS.get(m);
  if (hit) return hit;
  const S = m.input.sites.length;
  const key = (pi: number) => `${m.pools[pi]!.option.id}\u0000${m.pools[pi]!.model}`;
  const bySite = new Map<string, Int32Array>();
  m.pools.forEach((p, pi) => {
    let t = bySite.get(key(pi));
    if (!t) bySite.set(key(pi), (t = new Int32Array(S).fill(-1)));
    t[p.siteIdx] = pi;
  });
  const byModel = new Map<string, number[]>();
  m.pools.forEach((p, pi) => { let l = byModel.get(p.model); if (!l) byModel.set(p.model, (l = [])); l.push(pi); });
  const out: Twins = {
    twin: m.pools.map((_, pi) => bySite.get(key(pi))!),
    sameModel: m.pools.map((p, pi) => byModel.get(p.model)!.filter((b) => b !== pi && b !== bySite.get(key(pi))![m.pools[b]!.siteIdx])),
    xOf: m.pools.map((p) => p.xs.map((xs) => new Map(xs.map((xi) => [m.xs[xi]!.w, xi] as const)))),
  };
  TWINS.set(m, out);
  return out;
}

/** The pairs (w, k, its x on `a`) on pool `a` in periods ≥ k0, read from the state as the caller goes. */
function* pairsOn(E: PlanState, a: number, k0: number): Generator<[number, number, number]> {
  const m = E.m;
  for (let k = k0; k < m.periods.length; k++) {
    for (const xi of m.pools[a]!.xs[k]!) {
      const w = m.xs[xi]!.w;
      if (E.chosen[w]![k] === xi) yield [w, k, xi];
    }
  }
}

/** Sets back the assignments `back` recorded, the last first. */
function undo(E: PlanState, back: readonly Set3[]): void {
  for (let i = back.length - 1; i >= 0; i--) { const [w, k, xi] = back[i]!; E.set(w, k, xi); }
}

/** Every pair on pool `a` in periods ≥ k0 onto pool `b` (null when one of them cannot go there). */
function moveAll(E: PlanState, tw: Twins, a: number, b: number, k0: number): Set3[] | null {
  const sets: Set3[] = [];
  for (const [w, k] of pairsOn(E, a, k0)) {
    const to = tw.xOf[b]![k]!.get(w);
    if (to == null || E.ix.viable[to] !== 1) return null;
    sets.push([w, k, to]);
  }
  return sets;
}

/** Makes `sets`, after E.begin() unless `more` (the rows touched since then stay counted): what undo() sets back, and the objective before. */
function apply(E: PlanState, sets: readonly Set3[], more = false): { back: Set3[]; o0: number } {
  const back: Set3[] = [];
  const o0 = E.obj;
  if (!more) E.begin();
  for (const [w, k, xi] of sets) { back.push([w, k, E.chosen[w]![k]!]); E.set(w, k, xi); }
  return { back, o0 };
}

/**
 * The change of the objective when `out` is made with each of `backs` (null where a coupling row
 * breaks), `out` made once for them all (none of its pairs is theirs); the state is set back.
 * Roomy 1,000 × 3, the LP's early rounding (bench/first-seconds.ts): the first scan priced for
 * 220–285 ms when each swap made the move out again (149 of 285 ms in one run the swaps), 179 ms
 * with it (one run, load 3.2).
 */
export function priceWith(E: PlanState, out: readonly Set3[], backs: readonly (readonly Set3[])[]): (number | null)[] {
  const { back: undoOut, o0 } = apply(E, out);
  const ds = backs.map((sets) => {
    const u = apply(E, sets, true).back;
    const d = anyOver(E) ? null : E.obj - o0;
    undo(E, u);
    return d;
  });
  undo(E, undoOut);
  return ds;
}

/** The change of the objective when `sets` are made, or null when a coupling row breaks; the state is set back. */
function price(E: PlanState, sets: readonly Set3[]): number | null {
  const { back, o0 } = apply(E, sets);
  const d = anyOver(E) ? null : E.obj - o0;
  undo(E, back);
  return d;
}

/**
 * The pairs of pool `a` from period k0 on moved to pool `b` one at a time, most saving first, each
 * kept only while every coupling row holds (the part of a pool a site with little room left can
 * take); the state is set back. The moves made and their change of the objective, or null.
 */
function pricePartial(E: PlanState, tw: Twins, a: number, b: number, k0: number): { sets: Set3[]; d: number } | null {
  const m = E.m;
  const items: { w: number; k: number; to: number; save: number }[] = [];
  for (const [w, k, xi] of pairsOn(E, a, k0)) {
    const to = tw.xOf[b]![k]!.get(w);
    if (to != null && E.ix.viable[to] === 1) items.push({ w, k, to, save: (m.xs[xi]!.cost - m.xs[to]!.cost) / Math.max(1e-9, m.xs[xi]!.a) });
  }
  if (items.length === 0) return null;
  items.sort((x, y) => y.save - x.save || x.w - y.w || x.k - y.k);
  const o0 = E.obj;
  const made: Set3[] = [], back: Set3[] = [];
  for (const it of items) {
    const cur = E.chosen[it.w]![it.k]!;
    E.begin();
    E.set(it.w, it.k, it.to);
    if (anyOver(E)) { E.set(it.w, it.k, cur); continue; }
    made.push([it.w, it.k, it.to]);
    back.push([it.w, it.k, cur]);
  }
  const d = E.obj - o0;
  undo(E, back);
  return made.length > 0 ? { sets: made, d } : null;
}

/**
 * Every pair on pool `a` from period k0 on moved to its cheapest other candidate that keeps every
 * coupling row (priced on the state as the earlier ones left it); the state is set back. The moves
 * and their change of the objective, or null when some pair has nowhere else to go.
 */
function priceEmpty(E: PlanState, a: number, k0: number): { sets: Set3[]; d: number } | null {
  const m = E.m;
  const o0 = E.obj;
  const made: Set3[] = [], back: Set3[] = [];
  let ok = true;
  for (const [w, k, xi] of pairsOn(E, a, k0)) {
    let best: number | null | undefined = undefined, bestObj = Infinity;
    const alts: (number | null)[] = m.ys[w]![k] != null ? [...m.byWk[w]![k]!, null] : m.byWk[w]![k]!;
    for (const to of alts) {
      if (to === xi || (to != null && (m.xs[to]!.pool === a || E.ix.viable[to] !== 1))) continue;
      E.begin();
      E.set(w, k, to);
      if (!anyOver(E) && E.obj < bestObj) { bestObj = E.obj; best = to; }
      E.set(w, k, xi);
    }
    if (best === undefined) { ok = false; break; }
    E.set(w, k, best);
    back.push([w, k, xi]);
    made.push([w, k, best]);
  }
  const d = E.obj - o0;
  undo(E, back);
  return ok && made.length > 0 ? { sets: made, d } : null;
}

/**
 * Scans for relocations (a pool's load from a period on to another pool of its model, whole or in
 * part; the pool emptied; to its twin at another site with a pool of that site moved back): each
 * scan prices them all on one state, makes those that still pay cheapest first, then the descent;
 * until a scan finds none, at most `maxScans`. True when the plan got cheaper. `onScan`: told after
 * each scan that made the plan cheaper (a scan takes 0.1–0.2 s at 1,000 workloads × 3 periods).
 * Roomy 1,000 × 3, the LP's early rounding (interactive answer, load 5–10): the first scan prices for
 * 220–285 ms (149 of 285 ms in one run the swaps with a pool of the other site), though the moves it makes are
 * emptyings and moves to another pool of the model ($1.0 M); its descent then takes 65–73 ms for $0.06 M.
 */
export function relocatePools(E: PlanState, deadline = Infinity, cancelFlag?: Int32Array, maxScans = 6, onScan?: () => void): boolean {
  const m = E.m;
  const K = m.periods.length;
  const stop = () => stopNow(deadline, cancelFlag);
  // (past the deadline: not begun; hard 5,000 workloads × 3 periods, 291k columns, called just
  // past a 10-s limit, it took 70–85 ms to find that)
  if (stop()) return false;
  const tw = twinsOf(m);
  let any = false;
  for (let scan = 0; scan < maxScans; scan++) {
    const loaded: number[] = [];
    m.pools.forEach((_, pi) => { if (E.ownedOf(pi).some((v) => v > 0)) loaded.push(pi); });
    const thr = -1e-7 * Math.max(1, Math.abs(E.obj));
    const found: { sets: Set3[]; d: number }[] = [];
    const consider = (sets: Set3[] | null, d: number | null) => { if (sets && d != null && d < thr) found.push({ sets, d }); };
    for (const a of loaded) {
      const sa = m.pools[a]!.siteIdx;
      // emptied from a period on: each pair to its cheapest other way
      for (let k0 = 0; k0 < K; k0++) {
        if (stop()) return any;
        const p = priceEmpty(E, a, k0);
        if (p) consider(p.sets, p.d);
      }
      const twins = [...tw.twin[a]!].filter((t, s2) => t >= 0 && s2 !== sa);
      for (const a2 of [...twins, ...tw.sameModel[a]!]) {
        const s2 = m.pools[a2]!.siteIdx;
        for (let k0 = 0; k0 < K; k0++) {
          if (stop()) return any;
          // onto a2, whole or in part
          const mv = moveAll(E, tw, a, a2, k0);
          if (mv == null || mv.length === 0) continue;
          const d = price(E, mv);
          if (d != null) consider(mv, d);
          else { const p = pricePartial(E, tw, a, a2, k0); if (p) consider(p.sets, p.d); }
          if (!twins.includes(a2)) continue;
          // a pool of a2's site moved back to a's site in its place (its pairs are none of mv's): the
          // move out made once for all of them (priceWith)
          const backs: Set3[][] = [];
          for (const b of loaded) {
            if (b === a || b === a2 || m.pools[b]!.siteIdx !== s2) continue;
            const b2 = tw.twin[b]![sa]!;
            if (b2 < 0) continue;
            for (let k1 = 0; k1 < K; k1++) {
              const back = moveAll(E, tw, b, b2, k1);
              if (back != null && back.length > 0) backs.push(back);
            }
          }
          priceWith(E, mv, backs).forEach((d, i) => { if (d != null && d < thr) consider([...mv, ...backs[i]!], d); });
        }
      }
    }
    // the cheapest first, each priced again on the state the ones before it left (they may share pools)
    found.sort((x, y) => x.d - y.d);
    let made = 0;
    for (const f of found) {
      const d = price(E, f.sets);
      if (d == null || d >= thr) continue;
      for (const [w, k, xi] of f.sets) E.set(w, k, xi);
      made++;
    }
    if (made === 0) return any;
    descend(E, deadline, cancelFlag);
    any = true;
    onScan?.();
  }
  return any;
}
