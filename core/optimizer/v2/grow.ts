// Pool growth on a plan state that meets every coupling row: a pool given one more replica from a
// period on, filled with the pairs it saves most on, the rows this breaks repaired (repairState moves
// other load off the site: bought early at a site whose late power is full, the replica needs that
// power freed elsewhere, a coupled move no single-pair move or small sub-MILP finds), then the
// descent (keepIfCheaper). A move stays only when the plan is cheaper and every coupling row
// holds; otherwise the state is put back as it was.
import { stopNow } from './clock.ts';
import { fractionalCost, keepIfCheaper, type PlanState } from './repair.ts';

export type GrowOptions = {
  deadline?: number;
  cancelFlag?: Int32Array;
  /** the LP relaxation's columns: the growths it owns more replicas for than the plan are tried first */
  lp?: ArrayLike<number> | null;
  /** growths of one pool in a row while they pay (each adds one more replica) */
  repeat?: number;
};

/** Growths a pass tries at most (each is a repair and a descent: about a second at 1,000 workloads on a busy machine; 1,000 × 3 periods, the 30-s plan: all of 64 LP-ordered tries gained $0.055 M, all of it in the first 12) */
export const GROW_TRIES = 16;

/**
 * The (pool, period) growths, those the LP owns more replicas of than the plan by then first (by
 * how many more), then the others in pool order.
 */
function growthOrder(E: PlanState, lp: ArrayLike<number> | null): [number, number][] {
  const m = E.m;
  const out: { pi: number; k: number; s: number }[] = [];
  m.pools.forEach((p, pi) => {
    let lpOwned = 0;
    const owned = E.ownedOf(pi);
    p.q.forEach((c, k) => {
      if (c != null && lp) lpOwned += lp[c] ?? 0;
      if (c == null || p.xs.slice(k).every((l) => l.length === 0)) return;
      out.push({ pi, k, s: lp ? lpOwned - owned[k]! : 0 });
    });
  });
  out.sort((a, b) => b.s - a.s || a.pi - b.pi || a.k - b.k);
  return out.map(({ pi, k }) => [pi, k]);
}

/**
 * Fills pool `pi` from period k on with one replica more than it owns: in each period, the pairs
 * that could use it and save most per replica on it (against their present way's divisible cost)
 * while they fit. False when no pair moved.
 */
function fill(E: PlanState, pi: number, k: number): boolean {
  const m = E.m;
  const p = m.pools[pi]!;
  const K = m.periods.length;
  const owned = E.ownedOf(pi);
  const room = new Float64Array(K);
  for (let j = k; j < K; j++) room[j] = owned[j]! + 1;
  for (let j = k; j < K; j++) for (const xi of p.xs[j]!) { const x = m.xs[xi]!; if (E.chosen[x.w]![j] === xi) room[j]! -= x.a; }
  let moved = false;
  for (let j = k; j < K; j++) {
    const cands: { w: number; xi: number; r: number; a: number }[] = [];
    for (const xi of p.xs[j]!) {
      const x = m.xs[xi]!;
      const cur = E.chosen[x.w]![j]!;
      if (cur === xi) continue;
      const y = m.ys[x.w]![j];
      const was = cur != null ? fractionalCost(m, cur) : y != null ? m.colCost[y]! : Infinity;
      const save = was - x.cost;
      if (save > 0 && Number.isFinite(save)) cands.push({ w: x.w, xi, r: save / Math.max(x.a, 1e-12), a: x.a });
    }
    cands.sort((a, b) => b.r - a.r || a.w - b.w);
    for (const c of cands) {
      if (c.a > room[j]! + 1e-9) continue;
      E.set(c.w, j, c.xi);
      room[j]! -= c.a;
      moved = true;
    }
  }
  return moved;
}

/**
 * Tries pool growths (growthOrder, at most `tries`) on E, which meets every coupling row; keeps
 * each that makes the plan cheaper. True when the plan got cheaper.
 */
export function growPools(E: PlanState, o: GrowOptions = {}, tries = GROW_TRIES): boolean {
  const deadline = o.deadline ?? Infinity;
  const stop = () => stopNow(deadline, o.cancelFlag);
  if (E.anyViolated()) return false;
  let any = false;
  for (const [pi, k] of growthOrder(E, o.lp ?? null).slice(0, tries)) {
    for (let rep = 0; rep < (o.repeat ?? 4); rep++) {
      if (stop()) return any;
      // the descent after it runs over every workload (1,000 × 3 periods, the 30-s plan, 12 growths:
      // one over the users of the pools whose replicas changed found none of the gains, one over the
      // users of those pools' sites found as much and took as long)
      if (!keepIfCheaper(E, () => fill(E, pi, k), deadline, o.cancelFlag)) break;
      any = true;
    }
  }
  return any;
}
