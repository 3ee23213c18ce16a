// Feasibility repair for v2 plans: a plan state that derives every non-assignment column (replicas
// bought as late as the loads allow, racks, whole cloud instances, edge purchases) from the
// assignments and keeps the coupling rows (site power, site racks, capex per year, total budget)
// up to date incrementally; repairV2 moves workloads until every row holds. Rows are read from the
// model itself (never re-derived), and every returned plan is checked with meetsModel.
import { racksFor } from '../../sizing.ts';
import { ceilTol, type ModelV2 } from './model.ts';
import { columnsOfV2, meetsModel, objectiveOfV2, type SolutionV2 } from './extract.ts';
import { now, stopNow } from './clock.ts';

const COUPLING = new Set(['power', 'site_racks', 'capex', 'budget']);
const ceilRack = (v: number) => Math.max(0, Math.ceil(v - 1e-9));
/** whole units (instances, replicas) for a load, or the load itself in the relaxation (`frac`) */
const wholeUnits = (frac: boolean, v: number) => (frac ? (v > 0 ? v : 0) : ceilTol(v));

/** Per-model index of the coupling rows (what the state tracks), built once per model. */
type CouplingIndex = {
  /** m.rows index of each coupling row */
  rowOf: Int32Array;
  ub: Float64Array;
  tol: Float64Array;
  /** CSR: coupling entries of each column */
  start: Int32Array;
  row: Int32Array;
  coef: Float64Array;
  /** per x: [month, replicas] pairs for cloud candidates */
  cloudA: (Float64Array | null)[];
  H: number;
  /** per x: false when its pool cannot hold the whole replicas it needs alone (site power, racks, bounds) */
  viable: Uint8Array;
};

const INDEX = new WeakMap<ModelV2, CouplingIndex>();

export function couplingIndex(m: ModelV2): CouplingIndex {
  const hit = INDEX.get(m);
  if (hit) return hit;
  const rows: number[] = [];
  m.rows.forEach((r, i) => { if (COUPLING.has(r.family)) rows.push(i); });
  const count = new Int32Array(m.numCols + 1);
  for (const ri of rows) for (const j of m.rows[ri]!.idx) count[j + 1]!++;
  for (let j = 0; j < m.numCols; j++) count[j + 1]! += count[j]!;
  const start = Int32Array.from(count);
  const fill = Int32Array.from(count);
  const row = new Int32Array(start[m.numCols]!);
  const coef = new Float64Array(start[m.numCols]!);
  rows.forEach((ri, c) => {
    const r = m.rows[ri]!;
    r.idx.forEach((j, t) => { const at = fill[j]!++; row[at] = c; coef[at] = r.val[t]!; });
  });
  const ub = Float64Array.from(rows, (ri) => m.rows[ri]!.ub);
  const tol = Float64Array.from(ub, (u) => 1e-6 * Math.max(1, Math.abs(u)));
  const H = m.input.settings.horizon_months;
  const cloudA: (Float64Array | null)[] = m.xs.map(() => null);
  const lists = new Map<number, number[]>();
  for (const cp of m.clouds) {
    for (const [mo, l] of cp.load) for (const { x, a } of l) {
      let arr = lists.get(x);
      if (!arr) lists.set(x, (arr = []));
      arr.push(mo, a);
    }
  }
  for (const [x, arr] of lists) cloudA[x] = Float64Array.from(arr);
  const viable = Uint8Array.from(m.xs, (x) => {
    if (x.pool == null) return 1;
    const p = m.pools[x.pool]!;
    const g = m.groups[p.group]!;
    const need = ceilTol(x.a);
    const units = need * p.R;
    const racks = racksFor(g.fit, units);
    // replicas owned in period k are those bought up to it: the bounds add up (each purchase is capped
    // by what the capex budget buys in its plan year, model.ts)
    let qub = 0;
    for (let j = 0; j <= x.k; j++) if (p.q[j] != null) qub += m.colUpper[p.q[j]!]!;
    const fits = units * p.option.max_power_kw <= p.site.it_power_kw + 1e-6 && racks <= p.site.racks && racks <= m.colUpper[g.r[x.k]!]! && need <= qub;
    return fits ? 1 : 0;
  });
  const idx: CouplingIndex = { rowOf: Int32Array.from(rows), ub, tol, start, row, coef, cloudA, H, viable };
  INDEX.set(m, idx);
  return idx;
}

/**
 * The columns of a plan given its assignments, kept incrementally. `frac` keeps fractional
 * replicas, racks and instances instead of whole ones (the repair's measure of progress on a pool
 * that is not yet one replica lighter).
 */
export class PlanState {
  readonly m: ModelV2;
  readonly ix: CouplingIndex;
  readonly frac: boolean;
  readonly chosen: (number | null)[][];
  readonly col: Float64Array;
  readonly act: Float64Array;
  obj = 0;
  private readonly load: Float64Array[];
  private readonly owned: Float64Array[];
  private readonly units: Float64Array[];
  private readonly cloudLoad: Float64Array[];
  private readonly edgeUse: Int32Array[];
  // rows touched since begin() (the first nTouched), with their activity then: typed buffers (as
  // arrays emptied by each begin(), hard 1,000 × 3, the packed start, its polish and growths, load ~5:
  // begin() took 4.7 % of the profile, 0.3 s, against under 1 %)
  private epoch = 1;
  private readonly stamp: Int32Array;
  readonly touched: Int32Array;
  readonly touchedOld: Float64Array;
  nTouched = 0;

  constructor(m: ModelV2, chosen: readonly (readonly (number | null)[])[], frac = false) {
    this.m = m;
    this.ix = couplingIndex(m);
    this.frac = frac;
    const K = m.periods.length;
    this.col = new Float64Array(m.numCols);
    this.act = new Float64Array(this.ix.rowOf.length);
    this.stamp = new Int32Array(this.ix.rowOf.length);
    this.touched = new Int32Array(this.ix.rowOf.length);
    this.touchedOld = new Float64Array(this.ix.rowOf.length);
    this.load = m.pools.map(() => new Float64Array(K));
    this.owned = m.pools.map(() => new Float64Array(K));
    this.units = m.groups.map(() => new Float64Array(K));
    this.cloudLoad = m.clouds.map(() => new Float64Array(this.ix.H));
    this.edgeUse = m.edges.map(() => new Int32Array(K));
    this.chosen = m.byWk.map((byK) => byK.map((): number | null => null));
    // every (w,k) starts unserved (y = 1 when a penalty exists), then takes its assignment
    m.ys.forEach((ys) => ys.forEach((y) => { if (y != null) this.setCol(y, 1); }));
    chosen.forEach((byK, w) => byK.forEach((xi, k) => { if (xi != null) this.set(w, k, xi); }));
  }

  private setCol(j: number, v: number): void {
    const d = v - this.col[j]!;
    if (d === 0) return;
    this.col[j] = v;
    this.obj += this.m.colCost[j]! * d;
    const ix = this.ix;
    for (let t = ix.start[j]!; t < ix.start[j + 1]!; t++) {
      const r = ix.row[t]!;
      if (this.stamp[r] !== this.epoch) { this.stamp[r] = this.epoch; this.touched[this.nTouched] = r; this.touchedOld[this.nTouched++] = this.act[r]!; }
      this.act[r]! += ix.coef[t]! * d;
    }
  }

  /** Starts a fresh record of touched rows. */
  begin(): void {
    this.epoch++;
    this.nTouched = 0;
  }

  /** Weighted change of violation over the rows touched since begin(). */
  violationChange(w: Float64Array): number {
    let d = 0;
    for (let i = 0; i < this.nTouched; i++) {
      const r = this.touched[i]!;
      d += w[r]! * (this.over(r, this.act[r]!) - this.over(r, this.touchedOld[i]!));
    }
    return d;
  }

  /** Weighted change of activity, over the rows touched since begin() that `on` flags. */
  activityChange(w: Float64Array, on: Uint8Array): number {
    let d = 0;
    for (let i = 0; i < this.nTouched; i++) {
      const r = this.touched[i]!;
      if (on[r]) d += w[r]! * (this.act[r]! - this.touchedOld[i]!);
    }
    return d;
  }

  over(r: number, a: number): number {
    const v = a - this.ix.ub[r]!;
    return v > this.ix.tol[r]! ? v : 0;
  }

  anyViolated(): boolean {
    for (let r = 0; r < this.act.length; r++) if (this.over(r, this.act[r]!) > 0) return true;
    return false;
  }

  violated(): number[] {
    const out: number[] = [];
    for (let r = 0; r < this.act.length; r++) if (this.over(r, this.act[r]!) > 0) out.push(r);
    return out;
  }

  /** Puts (w, k) on x index xi (null: unserved). */
  set(w: number, k: number, xi: number | null): void {
    const old = this.chosen[w]![k]!;
    if (old === xi) return;
    const m = this.m;
    const y = m.ys[w]![k];
    if (old != null) this.apply(old, -1); else if (y != null) this.setCol(y, 0);
    this.chosen[w]![k] = xi;
    if (xi != null) this.apply(xi, 1); else if (y != null) this.setCol(y, 1);
  }

  private apply(xi: number, s: 1 | -1): void {
    const x = this.m.xs[xi]!;
    this.setCol(x.col, s > 0 ? 1 : 0);
    if (x.pool != null) this.poolLoad(x.pool, x.k, s * x.a);
    else if (x.cloud != null) {
      const a = this.ix.cloudA[xi]!;
      const cl = this.cloudLoad[x.cloud]!;
      const z = this.m.clouds[x.cloud]!.z;
      const frac = this.frac;
      const col = this.col;
      for (let t = 0; t < a.length; t += 2) {
        const mo = a[t]!;
        let v = cl[mo]! + s * a[t + 1]!;
        if (Math.abs(v) < 1e-9) v = 0;
        cl[mo] = v;
        const n = wholeUnits(frac, v);
        const j = z[mo]!;
        if (col[j] !== n) this.setCol(j, n);
      }
    } else if (x.edge != null) {
      const use = this.edgeUse[x.edge]!;
      use[x.k]! += s;
      let first = -1;
      for (let k = 0; k < use.length; k++) if (use[k]! > 0) { first = k; break; }
      const e = this.m.edges[x.edge]!.e;
      for (let k = 0; k < e.length; k++) if (e[k] != null) this.setCol(e[k]!, k === first ? 1 : 0);
    }
  }

  private poolLoad(pi: number, k: number, d: number): void {
    const load = this.load[pi]!;
    load[k]! += d;
    if (Math.abs(load[k]!) < 1e-9) load[k] = 0;
    const p = this.m.pools[pi]!;
    const owned = this.owned[pi]!;
    const g = this.m.groups[p.group]!;
    const units = this.units[p.group]!;
    // owned[j] = max(owned[j - 1], whole units of load[j]): the periods before k keep theirs, and from
    // the first period on from k whose owned stays, so do the later ones (their loads did not change).
    // Hard 1,000 × 3, the pack, its polish and growths (3 A/B pairs at load 6): 3.8–4.8
    // CPU-s against 4.3–5.0, the plan within 1 % 0.1 s sooner, the same plans
    let prev = k > 0 ? owned[k - 1]! : 0;
    for (let j = k; j < owned.length; j++) {
      const o = Math.max(prev, wholeUnits(this.frac, load[j]!));
      const same = o === owned[j];
      if (!same) {
        units[j]! += (o - owned[j]!) * p.R;
        owned[j] = o;
        const racks = g.fit.kind === 'per_rack' ? (this.frac ? Math.max(0, units[j]! / g.fit.k) : ceilRack(units[j]! / g.fit.k)) : units[j]! * g.fit.t;
        this.setCol(g.r[j]!, racks);
      }
      if (p.q[j] != null) this.setCol(p.q[j]!, o - prev);
      if (same) return;
      prev = o;
    }
  }

  /** Replicas owned by pool `pi` per period; read only. */
  ownedOf(pi: number): Readonly<Float64Array> { return this.owned[pi]!; }

  /** Replicas of load on cloud pool `ci` per month of the horizon; read only. */
  cloudLoadOf(ci: number): Readonly<Float64Array> { return this.cloudLoad[ci]!; }

  /** The state as a solution (exact states only). */
  solution(): SolutionV2 {
    const m = this.m;
    return {
      chosen: this.chosen.map((r) => [...r]),
      q: m.pools.map((p) => p.q.map((c) => (c == null ? 0 : this.col[c]!))),
      e: m.edges.map((ed) => ed.e.map((c) => (c == null ? 0 : this.col[c]!))),
    };
  }
}

export type RepairOptions = {
  /** duals of m.rows (a minimising LP's, ≤ 0 on ≤ rows): price the limits by them */
  rowDual?: ArrayLike<number>;
  /** performance.now() time after which the repair gives up */
  deadline?: number;
  /** [0] ≠ 0: give up at once (a cancelled solve) */
  cancelFlag?: Int32Array;
  /** a round makes at most 1/2^batchShift of its priced moves (default BATCH_SHIFT): smaller is faster, coarser */
  batchShift?: number;
  /** single-pair moves only: no workload moved in every period at once, no pool emptied (keepIfCheaper) */
  single?: boolean;
  /**
   * performance.now() time after which the repair also gives up once it stalls: STALL_ROUNDS rounds
   * in a row without lowering its weighted violation by STALL_GAIN below the least it reached
   */
  stallFrom?: number;
  /** workloads (1 per index) whose pairs the repair leaves where they are: it makes room for them elsewhere */
  pinned?: Uint8Array;
};

/**
 * A repair past its `stallFrom` gives up after this many rounds without a new least violation.
 * Where no plan exists a repair can cycle for good: 5,000 workloads over sites too small for their
 * on-premises share swung between 608.7 and 637.3 (kW and racks over) round after round; 60
 * workloads over two small sites made 759 rounds in 30 s, the last 747 without a new least. A start
 * given the whole time to repair (no plan in hand, StartOptions.firstUntil) then left no time for
 * the LP or the whole MILP, which prove such a scenario infeasible, and the solve ended "no plan,
 * allow more time" however long it ran (the 5,000: still at 150 s). Repairs that met every row took
 * 1–3 rounds, each lowering the violation (scenarios of 20 to 5,000 workloads, bench/scenarios
 * roomy 1,000 × 3 and 5,000 × 3).
 */
export const STALL_ROUNDS = 10;
/** ...lower by this share (a cycle that drifts down by a fraction of a percent is still a cycle). */
export const STALL_GAIN = 0.01;

/** Price per unit of violation of each coupling row: the LP's dual when given, else a share of the row. */
function rowWeights(m: ModelV2, ix: CouplingIndex, o: RepairOptions, scale: number): Float64Array {
  const share = Float64Array.from(ix.ub, (u) => 1 / Math.max(1, Math.abs(u)));
  if (!o.rowDual) return share;
  // a row the LP left slack still needs a price: a small share of the plan's cost per unit of its limit
  return Float64Array.from(ix.rowOf, (ri, r) => Math.abs(o.rowDual![ri] ?? 0) + 1e-3 * scale * share[r]!);
}


/**
 * Cost of each candidate of (w, k) as if capacity were divisible (for choosing a starting assignment).
 * Made once per model: the starts, swaps and pool fills ask for it millions of times (hard 1,000 × 3,
 * the packed start: a fifth of its CPU time when computed on each call).
 */
export function fractionalCost(m: ModelV2, xi: number): number {
  let c = FRACTIONAL.get(m);
  if (!c) FRACTIONAL.set(m, (c = Float64Array.from(m.xs, (_, i) => divisibleCost(m, i))));
  return c[xi]!;
}

const FRACTIONAL = new WeakMap<ModelV2, Float64Array>();

function divisibleCost(m: ModelV2, xi: number): number {
  if (couplingIndex(m).viable[xi] !== 1) return Infinity;
  const x = m.xs[xi]!;
  let c = x.cost;
  if (x.pool != null) {
    const p = m.pools[x.pool]!;
    // holding a replica through period k only: bought at k rather than at k+1
    const here = p.q[x.k] != null ? m.colCost[p.q[x.k]!]! : 0;
    const next = x.k + 1 < p.q.length && p.q[x.k + 1] != null ? m.colCost[p.q[x.k + 1]!]! : 0;
    c += x.a * Math.max(0, here - next);
    const g = m.groups[p.group]!;
    const per = g.fit.kind === 'per_rack' ? p.R / g.fit.k : p.R * g.fit.t;
    c += x.a * per * m.colCost[g.r[x.k]!]!;
  } else if (x.cloud != null) {
    const a = couplingIndex(m).cloudA[xi]!;
    const z = m.clouds[x.cloud]!.z;
    for (let t = 0; t < a.length; t += 2) c += a[t + 1]! * m.colCost[z[a[t]!]!]!;
  } else if (x.edge != null) {
    const e = m.edges[x.edge]!.e[x.k];
    if (e != null) c += m.colCost[e]!;
  }
  return c;
}

/** Every (w, k) without an assignment and without an unserved option gets its cheapest candidate; false if one has none. */
export function fillMissing(m: ModelV2, chosen: (number | null)[][]): boolean {
  for (let w = 0; w < chosen.length; w++) {
    for (let k = 0; k < chosen[w]!.length; k++) {
      if (chosen[w]![k] != null || m.ys[w]![k] != null) continue;
      let best: number | null = null, bc = Infinity;
      for (const xi of m.byWk[w]![k]!) { const c = fractionalCost(m, xi); if (c < bc) { bc = c; best = xi; } }
      if (best == null) return false;
      chosen[w]![k] = best;
    }
  }
  return true;
}

/** Where (w, k) may go: its `limit` viable candidates of least divisible cost, and unserved when a penalty exists. */
function targetsOf(m: ModelV2, ix: CouplingIndex, w: number, k: number, limit = Infinity): (number | null)[] {
  const via = m.byWk[w]![k]!.filter((xi) => ix.viable[xi] === 1);
  const out: (number | null)[] = via.length <= limit ? via
    : via.map((xi) => [xi, fractionalCost(m, xi)] as const).sort((a, b) => a[1] - b[1] || a[0] - b[0]).slice(0, limit).map(([xi]) => xi);
  if (m.ys[w]![k] != null) out.push(null);
  return out;
}

/** Candidates the repair tries per (w, k): the cheapest few by divisible cost (the others rarely win). */
const REPAIR_TARGETS = 8;
/** A round makes at most 1/2^BATCH_SHIFT of its priced moves before pricing again. */
const BATCH_SHIFT = 3;
/**
 * Rounds a repair by single-pair moves (keepIfCheaper quick: a pool growth) makes at most: such a repair
 * can creep on one row for thousands of rounds (hard 1,000 × 3, scenario seed 8, the pack in batches of
 * an eighth: two growths took 40 s and 60 s to fail, where a try takes 0.03–0.5 s); those that met every
 * row took 1–23 rounds, one 117, over the growths of scenario seeds 0 and 7–8.
 */
const SINGLE_ROUNDS = 64;

/** targetsOf each (w, k) with REPAIR_TARGETS, made once per model (each repair of keepIfCheaper asked for it afresh). */
function repairTargets(m: ModelV2): (number | null)[][][] {
  let t = TARGETS.get(m);
  if (!t) TARGETS.set(m, (t = m.byWk.map((byK, w) => byK.map((_, k) => targetsOf(m, couplingIndex(m), w, k, REPAIR_TARGETS)))));
  return t;
}

const TARGETS = new WeakMap<ModelV2, (number | null)[][][]>();

/** A move: each (w, k) in `sets` takes its new candidate (null: unserved). */
type Move = { sets: [number, number, number | null][]; score: number };

/**
 * A plan meeting every row of the model, from `sol`: while a coupling row is over its limit, moves
 * the (workload, period) with the least extra cost per unit of violation removed (whole units, or
 * fractional load on an over-limit row when no single move frees a whole replica) to another
 * candidate — an API, a cloud instance, another site, unserved when a penalty allows it. Null only
 * when no move makes progress (or the deadline passes).
 */
export function repairV2(m: ModelV2, sol: SolutionV2, o: RepairOptions = {}): SolutionV2 | null {
  const chosen = sol.chosen.map((r) => [...r]);
  if (!fillMissing(m, chosen)) return null;
  const E = new PlanState(m, chosen);
  const F = new PlanState(m, chosen, true);
  const ok = repairState(E, F, o);
  if (!ok) return null;
  const out = E.solution();
  return meetsModel(m, out) ? out : null;
}

/**
 * The site of a replica (q) or rack (r) column, the columns of the site rows; null for another
 * column. Made once per model from its pools and rack groups, where m.colInfo names every column
 * (5,000 workloads × 3 periods, 241k columns: 66–87 ms before the first repair had a plan).
 */
function siteOfCol(m: ModelV2, j: number): string | null {
  let sites = SITE_OF_COL.get(m);
  if (!sites) {
    const made = new Map<number, string>();
    for (const p of m.pools) for (const c of p.q) if (c != null) made.set(c, p.site.name);
    for (const g of m.groups) for (const c of g.r) made.set(c, g.site.name);
    SITE_OF_COL.set(m, (sites = made));
  }
  return sites.get(j) ?? null;
}

const SITE_OF_COL = new WeakMap<ModelV2, Map<number, string>>();

/** Repairs E (and F in step) in place; true when every coupling row holds. */
export function repairState(E: PlanState, F: PlanState, o: RepairOptions = {}): boolean {
  const m = E.m;
  const ix = E.ix;
  const K = m.periods.length;
  const w8 = rowWeights(m, ix, o, Math.max(1, Math.abs(E.obj)));
  const on = new Uint8Array(ix.rowOf.length);
  const deadline = o.deadline ?? Infinity;
  const budgetRow = new Uint8Array(ix.rowOf.length);
  ix.rowOf.forEach((ri, r) => { if (m.rows[ri]!.family === 'budget' || m.rows[ri]!.family === 'capex') budgetRow[r] = 1; });
  const sitesOver = new Set<string>();

  // result of the last evalMove
  let dCost = 0, gain = 0;
  const back: [number, number, number | null][] = [];
  const apply = (sets: readonly (readonly [number, number, number | null])[]) => {
    for (const [w, k, t] of sets) { E.set(w, k, t); F.set(w, k, t); }
  };
  const evalMove = (sets: readonly (readonly [number, number, number | null])[]): void => {
    back.length = 0;
    for (const [w, k] of sets) back.push([w, k, E.chosen[w]![k]!]);
    E.begin(); F.begin();
    const o0 = E.obj;
    apply(sets);
    dCost = E.obj - o0;
    // new violations on rows not yet over count against the move
    gain = -(E.violationChange(w8) + F.activityChange(w8, on));
    for (let i = back.length - 1; i >= 0; i--) { const [w, k, t] = back[i]!; E.set(w, k, t); F.set(w, k, t); }
  };
  // evalMove of one (w, k) without the arrays (most moves are single: their garbage was a third of the time)
  const evalOne = (w: number, k: number, to: number | null): void => {
    const old = E.chosen[w]![k]!;
    E.begin(); F.begin();
    const o0 = E.obj;
    E.set(w, k, to); F.set(w, k, to);
    dCost = E.obj - o0;
    gain = -(E.violationChange(w8) + F.activityChange(w8, on));
    E.set(w, k, old); F.set(w, k, old);
  };
  const targets = repairTargets(m);
  // moves of a workload in every period at once (onto one candidate, or unserved): moving a single
  // period may only shift a purchase into the next plan year
  const whole = m.byWk.map((byK, w): [number, number, number | null][][] => {
    if (K === 1 || o.single) return [];
    const byCand = new Map<unknown, [number, number, number | null][]>();
    byK.forEach((_, k) => {
      for (const xi of targets[w]![k]!) {
        const key = xi == null ? null : m.xs[xi]!.cand;
        let sets = byCand.get(key);
        if (!sets) byCand.set(key, (sets = []));
        sets.push([w, k, xi]);
      }
    });
    return [...byCand.values()].filter((t) => t.length > 1);
  });
  // emptying a pool from period k on: every (w, j ≥ k) on it to its cheapest other target that
  // does not add to the violation
  const cheapestOff = (w: number, k: number, pool: number): number | null | undefined => {
    let best: number | null | undefined = undefined, bc = Infinity;
    for (const xi of targets[w]![k]!) {
      if (xi != null && m.xs[xi]!.pool === pool) continue;
      evalOne(w, k, xi);
      if (gain < -1e-12) continue;
      if (dCost < bc) { bc = dCost; best = xi; }
    }
    return best;
  };

  // a round prices every workload: at 5,000 workloads on a busy machine that is seconds, so the
  // stop condition is looked at inside it too
  const stop = () => stopNow(deadline, o.cancelFlag);
  let least = Infinity, leastRound = 0;
  for (let round = 0; round < (o.single ? SINGLE_ROUNDS : 10_000); round++) {
    const over = E.violated();
    if (over.length === 0) return true;
    if (stop()) return false;
    if (o.stallFrom != null) {
      let v = 0;
      for (const r of over) v += w8[r]! * E.over(r, E.act[r]!);
      if (v < least * (1 - STALL_GAIN)) { least = v; leastRound = round; }
      else if (round - leastRound >= STALL_ROUNDS && now() > o.stallFrom) return false;
    }
    on.fill(0);
    for (const r of over) on[r] = 1;
    let anyBudget = false;
    sitesOver.clear();
    for (const r of over) {
      const row = m.rows[ix.rowOf[r]!]!;
      if (budgetRow[r]) anyBudget = true;
      else {
        const site = siteOfCol(m, row.idx[0]!);
        if (site) sitesOver.add(site);
      }
    }
    const budgetAll = over.some((r) => m.rows[ix.rowOf[r]!]!.family === 'budget');
    // the workloads whose assignment can bear on an over-limit row
    const moves: Move[] = [];
    for (let w = 0; w < E.chosen.length; w++) {
      if ((w & 63) === 63 && stop()) return false;
      if (o.pinned?.[w]) continue;
      let relevant = budgetAll;
      for (let k = 0; k < K && !relevant; k++) {
        const cur = E.chosen[w]![k]!;
        const x = cur == null ? null : m.xs[cur]!;
        if (x?.pool != null) relevant = anyBudget || sitesOver.has(m.pools[x.pool]!.site.name);
        else if (x?.edge != null) relevant = anyBudget;
      }
      if (!relevant) continue;
      let best: Move | null = null;
      const consider = (sets: [number, number, number | null][]) => {
        evalMove(sets);
        if (gain <= 1e-12) return;
        const score = dCost / gain;
        if (!best || score < best.score) best = { sets: sets.map((t) => [...t] as [number, number, number | null]), score };
      };
      for (let k = 0; k < K; k++) {
        const cur = E.chosen[w]![k]!;
        for (const to of targets[w]![k]!) {
          if (to === cur) continue;
          evalOne(w, k, to);
          if (gain <= 1e-12) continue;
          const score = dCost / gain;
          if (!best || score < (best as Move).score) best = { sets: [[w, k, to]], score };
        }
      }
      if (!o.single) for (const sets of whole[w]!) consider(sets);
      if (best) moves.push(best);
    }
    // pools to empty from some period on (a replica several workloads share): each period's moves
    // off the pool once, from the last period back to the first one that cannot empty (the set from
    // k is every period's from k on; made anew for each k, its cost grew with K²: roomy 1,000 × 36,
    // a cancel waited 12–14 s here)
    for (let pi = 0; pi < (o.single ? 0 : m.pools.length); pi++) {
      if (stop()) return false;
      const P = m.pools[pi]!;
      if (!anyBudget && !sitesOver.has(P.site.name)) continue;
      const per: [number, number, number | null][][] = [];
      let from = K;
      for (let j = K - 1; j >= 0; j--) {
        const off: [number, number, number | null][] = [];
        let ok = true;
        for (const xi of P.xs[j]!) {
          const x = m.xs[xi]!;
          if (E.chosen[x.w]![j] !== xi) continue;
          if (o.pinned?.[x.w]) { ok = false; break; }
          const to = cheapestOff(x.w, j, pi);
          if (to === undefined) { ok = false; break; }
          off.push([x.w, j, to]);
        }
        if (!ok) break;
        per[j] = off;
        from = j;
      }
      for (let k = from; k < K; k++) {
        const sets = per.slice(k).flat();
        if (sets.length < 2) continue;
        evalMove(sets);
        if (gain > 1e-12) moves.push({ sets, score: dCost / gain });
      }
    }
    if (moves.length === 0) return false;
    // the best moves first, each re-priced before it is made (earlier moves change the rows);
    // then the workloads are priced afresh
    moves.sort((a, b) => a.score - b.score || a.sets[0]![0] - b.sets[0]![0] || a.sets[0]![1] - b.sets[0]![1]);
    let applied = 0;
    for (const mv of moves) {
      if (!E.anyViolated()) break;
      evalMove(mv.sets);
      if (gain <= 1e-12) continue;
      const score = dCost / gain;
      if (applied > 0 && score > mv.score + Math.abs(mv.score) + 1e-9) continue;
      apply(mv.sets);
      applied++;
      if (applied >= Math.max(64, moves.length >> (o.batchShift ?? BATCH_SHIFT))) break;
    }
    if (applied === 0) return false;
  }
  return !E.anyViolated();
}

/**
 * Greedy descent on a feasible state: moves a (w, k) to another candidate when that lowers the
 * cost and keeps every coupling row within its limit, until no single move helps or the deadline;
 * over the pairs `only` lists (w * K + k) when given, else over every pair.
 */
export function descend(E: PlanState, deadline = Infinity, cancelFlag?: Int32Array, only?: readonly number[]): void {
  const m = E.m;
  const K = m.periods.length;
  const all = only == null;
  const n = all ? E.chosen.length * K : only.length;
  for (let pass = 0; pass < 20; pass++) {
    let improved = false;
    for (let i = 0; i < n; i++) {
      if ((i & 255) === 0 && stopNow(deadline, cancelFlag)) return;
      const wk = all ? i : only[i]!;
      const w = Math.floor(wk / K), k = wk - w * K;
      const cur = E.chosen[w]![k]!;
      let best: number | null = cur, bestD = -1e-7 * Math.max(1, Math.abs(E.obj));
      for (const to of targetsOf(m, E.ix, w, k)) {
        if (to === cur) continue;
        const d = trialMove(E, w, k, to, cur);
        if (d != null && d < bestD) { bestD = d; best = to; }
      }
      if (best !== cur) { E.set(w, k, best); improved = true; }
    }
    if (!improved) return;
  }
}

/**
 * The change of the objective when (w, k) moves to `to`, or null when the move breaks a coupling
 * row; the state is set back to `back` either way.
 */
function trialMove(E: PlanState, w: number, k: number, to: number | null, back: number | null): number | null {
  E.begin();
  const o0 = E.obj;
  E.set(w, k, to);
  const d = E.obj - o0;
  const bad = anyOver(E);
  E.set(w, k, back);
  return bad ? null : d;
}

/**
 * The least time between two polish steps told to onBetter: the caller checks each plan against
 * every row and prices it (0.1–0.3 s at hard 1,000 × 3 on a loaded machine), where the steps come
 * every 0.1–2 s; the last step is the state the polish leaves, which the caller has anyway.
 */
export const BETTER_EVERY_MS = 500;
/**
 * ...but a step that saves this share of the last plan told goes out at once (hard 1,000 × 3, the
 * polish after the packed start's big growth: its round to $2.8179 B came within 0.5 s of the
 * descent's step and was told only after the next round found nothing; CPU from the $2.8447 B
 * growth to the $2.8179 B plan told, three A/B pairs at load 1.3–4: 0.52, 0.37, 0.44 s against
 * 0.25, 0.50, 0.25 s: noisy, the round that finds nothing is 0.1–0.25 s)
 */
export const BETTER_AT_ONCE_SHARE = 0.005;

/** Rounds of polish: 4, or 12 when it opens pools (each opening that pays ends a round, and the swaps after it pay again). */
const POLISH_ROUNDS = 4;
const OPEN_ROUNDS = 12;

/**
 * Local search on a state that meets the coupling rows: the greedy descent, then eject-and-refill
 * swaps and the descent again while they pay (at most `rounds` times: POLISH_ROUNDS, OPEN_ROUNDS with `open`)
 * or until the deadline; with `open`, pools opened for unserved pairs (openPools) when the swaps
 * find nothing. `onBetter` sees the state after a step that made it cheaper (it meets the
 * coupling rows then), at most every BETTER_EVERY_MS: a polish with openings takes seconds at
 * 1,000 workloads, and its plans are worth showing as they come.
 */
export function polish(E: PlanState, deadline = Infinity, cancelFlag?: Int32Array, open = false, onBetter?: (E: PlanState) => void, rounds = open ? OPEN_ROUNDS : POLISH_ROUNDS): void {
  let last = E.obj, told = -Infinity;
  const better = () => {
    if (!onBetter || !(E.obj < last - 1e-9 * Math.max(1, Math.abs(last)))) return;
    if ((now() - told < BETTER_EVERY_MS && E.obj > last - BETTER_AT_ONCE_SHARE * Math.abs(last)) || E.anyViolated()) return;
    last = E.obj;
    onBetter(E);
    told = now();
  };
  descend(E, deadline, cancelFlag);
  better();
  for (let i = 0; i < rounds; i++) {
    if (ejectRefill(E, deadline, cancelFlag, EJECT_TRIES, better)) descend(E, deadline, cancelFlag);
    else if (!open || !openPools(E, deadline, cancelFlag)) return;
    better();
  }
}

/** Served (w, k) pairs an eject-and-refill pass tries to leave unserved, those that free most first. */
export const EJECT_TRIES = 64;
/** Unserved pairs a refill tries, least divisible cost first (a swap frees room for a few; 5,000 workloads leave thousands unserved). */
export const REFILL_TRIES = 256;

/**
 * Swaps where budgets and the penalty bind, on a feasible state: leaves one served (w, k)
 * unserved (those whose unserving frees most first: a replica of their own, dear tokens), serves
 * in its place the unserved pairs that then fit (least divisible cost first, each on its cheapest
 * candidate that keeps every coupling row), and keeps the change only when the plan is cheaper.
 * Every state it leaves meets the coupling rows when the one it got did. True when it improved.
 * `onBetter` is called after each change that stays (the polish tells a large step at once: hard
 * 1,000 × 3, the packed start's polish after its big growth, the first swap of a pass took it from
 * $2.8446 B to $2.8180 B, told only 0.1 s later when the pass and the two after it had ended).
 */
export function ejectRefill(E: PlanState, deadline = Infinity, cancelFlag?: Int32Array, tries = EJECT_TRIES, onBetter?: () => void): boolean {
  const m = E.m;
  const ix = E.ix;
  const stop = () => stopNow(deadline, cancelFlag);
  const J = journal(E);
  const setL = J.set;
  const targets = new Map<number, number[]>();
  const K = m.periods.length;
  const targetsFor = (w: number, k: number): number[] => {
    let t = targets.get(w * K + k);
    if (!t) targets.set(w * K + k, (t = targetsOf(m, ix, w, k, REPAIR_TARGETS).filter((xi): xi is number => xi != null)));
    return t;
  };
  /** Serves (w, k) on its cheapest candidate (not on pool `off`) that keeps every coupling row, when that beats leaving it as it is. */
  const place = (w: number, k: number, off: number): void => {
    let best: number | null = null, bestD = -1e-9 * Math.max(1, Math.abs(E.obj));
    for (const xi of targetsFor(w, k)) {
      if (off >= 0 && m.xs[xi]!.pool === off) continue;
      const d = trialMove(E, w, k, xi, null);
      if (d != null && d < bestD) { bestD = d; best = xi; }
    }
    if (best != null) setL(w, k, best);
  };
  /** Keeps the changes since `o0` when they made the plan cheaper, else undoes them. */
  const settle = (o0: number): boolean => {
    if (E.obj < o0 - 1e-9 * Math.max(1, Math.abs(o0))) { J.keep(); onBetter?.(); return true; }
    J.undo();
    return false;
  };
  let any = false;
  for (let pass = 0; pass < 8; pass++) {
    if (stop()) return any;
    const open: { w: number; k: number; c: number }[] = [];
    for (let w = 0; w < E.chosen.length; w++) for (let k = 0; k < K; k++) {
      if (E.chosen[w]![k] != null || m.ys[w]![k] == null) continue;
      const to = targetsFor(w, k);
      if (to.length > 0) open.push({ w, k, c: Math.min(...to.map((xi) => fractionalCost(m, xi))) });
    }
    open.sort((a, b) => a.c - b.c || a.w - b.w || a.k - b.k);
    if (open.length > REFILL_TRIES) open.length = REFILL_TRIES;
    let improved = false;
    // 1. one served pair out (what frees most first), the unserved pairs that then fit in
    if (open.length > 0) {
      const served: { w: number; k: number; frees: number }[] = [];
      for (let w = 0; w < E.chosen.length; w++) for (let k = 0; k < K; k++) {
        if ((w & 255) === 255 && k === 0 && stop()) return any;
        const cur = E.chosen[w]![k]!, y = m.ys[w]![k];
        if (cur == null || y == null) continue;
        const o0 = E.obj;
        E.set(w, k, null);
        const frees = m.colCost[y]! - (E.obj - o0);
        E.set(w, k, cur);
        served.push({ w, k, frees });
      }
      served.sort((a, b) => b.frees - a.frees || a.w - b.w || a.k - b.k);
      for (const v of served.slice(0, tries)) {
        if (stop()) return any;
        if (E.chosen[v.w]![v.k] == null) continue;
        J.keep();
        const o0 = E.obj;
        setL(v.w, v.k, null);
        for (const u of open) if (E.chosen[u.w]![u.k] == null && !(u.w === v.w && u.k === v.k)) place(u.w, u.k, -1);
        if (settle(o0)) { improved = true; any = true; }
      }
    }
    // 2. a pool emptied from the period it buys in on: its pairs elsewhere first, then the unserved ones
    const buys: { pi: number; k: number; usd: number }[] = [];
    m.pools.forEach((p, pi) => p.q.forEach((c, k) => { if (c != null && E.col[c]! > 0) buys.push({ pi, k, usd: E.col[c]! * m.colCost[c]! }); }));
    buys.sort((a, b) => b.usd - a.usd || a.pi - b.pi || a.k - b.k);
    for (const b of buys.slice(0, tries >> 1)) {
      if (stop()) return any;
      J.keep();
      const o0 = E.obj;
      const out: [number, number][] = [];
      for (let j = b.k; j < K; j++) for (const xi of m.pools[b.pi]!.xs[j]!) {
        const x = m.xs[xi]!;
        if (E.chosen[x.w]![j] === xi && m.ys[x.w]![j] != null) { setL(x.w, j, null); out.push([x.w, j]); }
      }
      if (out.length === 0) continue;
      for (const [w, k] of out) place(w, k, b.pi);
      for (const u of open) if (E.chosen[u.w]![u.k] == null) place(u.w, u.k, b.pi);
      if (settle(o0)) { improved = true; any = true; }
    }
    if (!improved) return any;
  }
  return any;
}

/** Assignments of E made through `set`, taken back (last first) by `undo` or kept by `keep`. */
export function journal(E: PlanState): { set: (w: number, k: number, xi: number | null) => void; undo: () => void; keep: () => void } {
  const log: [number, number, number | null][] = [];
  return {
    set: (w, k, xi) => { log.push([w, k, E.chosen[w]![k]!]); E.set(w, k, xi); },
    undo: () => { for (let i = log.length - 1; i >= 0; i--) { const [w, k, xi] = log[i]!; E.set(w, k, xi); } log.length = 0; },
    keep: () => { log.length = 0; },
  };
}

/** Whether a row touched since E.begin() is over its limit. */
export function anyOver(E: PlanState): boolean {
  for (let i = 0; i < E.nTouched; i++) { const r = E.touched[i]!; if (E.over(r, E.act[r]!) > 0) return true; }
  return false;
}

/** Objective of a solution (the model's, with its derived columns). */
export function objectiveOfSolution(m: ModelV2, s: SolutionV2): number {
  return objectiveOfV2(m, columnsOfV2(m, s));
}

/** Pools an openPools pass tries, those whose unserved pairs would save most first (each try repairs the plan: tenths of a second at 1,000 workloads). */
export const OPEN_TRIES = 4;
/**
 * Per model, the pool openings that did not pay, each with the plan it was tried on (planKey): a
 * try repeated on the same plan fails again, so skipping it changes nothing. Keyed by the pool and
 * its pairs alone, a failure on one plan skipped the same opening on another where it paid: hard
 * 1,000 × 1, the LP's rounding ($4,404.5 M) polished twice in one process gave $4,323.1 M, then
 * $4,403.5 M (the opening that paid first had failed at the end of the first polish).
 */
const OPEN_FAILED = new WeakMap<ModelV2, Set<string>>();

/**
 * A key of E's plan (its assignments, and whether the state is fractional): two 32-bit hashes of
 * the assignments in order.
 */
function planKey(E: PlanState): string {
  let a = 0x811c9dc5, b = 0x9747b28c;
  for (const row of E.chosen) for (const xi of row) {
    const v = xi == null ? 0 : xi + 1;
    a = Math.imul(a ^ v, 0x01000193);
    b = Math.imul(b ^ v, 0x5bd1e995); b ^= b >>> 13;
  }
  return `${E.frac ? 'f' : 'i'}${(a >>> 0).toString(36)}.${(b >>> 0).toString(36)}`;
}

/**
 * A lumpy move on E, which meets every coupling row: `change` reassigns pairs (false when it changed
 * nothing), the rows this breaks are repaired, the descent runs, and the result stays only when
 * every row holds and the plan is cheaper; otherwise E is put back exactly as it was. True when
 * the move stayed. `quick`: a repair by single-pair moves in one batch and a descent over the pairs
 * that changed only (the growths by gain from the packed start). `o.pinned`: workloads the repair
 * leaves where they are (RepairOptions.pinned); `o.local`: the descent over the pairs that changed
 * only, after a full repair (restoreShed).
 */
export function keepIfCheaper(E: PlanState, change: () => boolean, deadline = Infinity, cancelFlag?: Int32Array, quick = false, o: { pinned?: Uint8Array; local?: boolean } = {}): boolean {
  const pinned = o.pinned;
  const before = E.chosen.map((r) => [...r]);
  const o0 = E.obj;
  if (!change()) return false;
  // quick, the repair: every priced move of a round at once (the coarse start's batch; the descent
  // after it refills what it over-sheds), single-pair moves only. Hard 1,000 × 3, the 16 growths by
  // gain from the packed start (CPU): in one batch (load 2.5), repair 3.6 s against 8.9 s in batches
  // of an eighth, the same $2.871 B after 1.2 s of growths against 2.4 s; single-pair moves only too
  // (with the local descent, load 3.0-3.3), the 16 tries 1.8 s against 2.6 s, $2.845 B after 0.47 s
  // against $2.871 B after 0.56; scenario seeds 7 and 8: $3.703 B after 4.1 s against 4.6, $3.494 B
  // after 0.8 s against 1.4 (without the pool emptyings only: about as slow, the same plans). Not for
  // openPools: the coarse start's openings on hard 1,000 × 3 then found nothing ($3.460 B against
  // $3.032 B).
  const ok = !E.anyViolated() || repairState(E, new PlanState(E.m, E.chosen, true), { deadline, ...(quick ? { batchShift: 0, single: true } : {}), ...(cancelFlag ? { cancelFlag } : {}), ...(pinned ? { pinned } : {}) });
  // quick, the descent over the pairs the move and the repair changed only. Hard 1,000 × 3, the 16
  // growths by gain from the packed start (load 2.9): 0.44 CPU-s of descent against 2.9 s over every
  // pair, the same growths stayed ($2.871 B); a full descent after it found $27-107 M more on the
  // tries that failed, never enough to make one pay (over every pair with a candidate on a pool they
  // left or joined: 2.3 s, at their sites: 2.5 s, the same growths). With the single-pair repair,
  // scenario seed 7: $3.703 B in 4.2 s against $3.971 B in 80 s over every pair. Not on the search's
  // LP-ordered growths (bench/optimizer.ts roomy 1,000 × 3 at 30 s: $320.61 M against $320.52 M).
  if (ok) descend(E, deadline, cancelFlag, quick || o.local ? changedPairs(E, before) : undefined);
  if (ok && !E.anyViolated() && E.obj < o0 - 1e-9 * Math.max(1, Math.abs(o0))) return true;
  for (let w = 0; w < before.length; w++) for (let k = 0; k < before[w]!.length; k++) if (E.chosen[w]![k] !== before[w]![k]) E.set(w, k, before[w]![k]!);
  return false;
}

/** The pairs (w * K + k) whose assignment in E differs from `before`, in order. */
function changedPairs(E: PlanState, before: readonly (readonly (number | null)[])[]): number[] {
  const K = E.m.periods.length;
  const out: number[] = [];
  for (let w = 0; w < before.length; w++) for (let k = 0; k < K; k++) if (E.chosen[w]![k] !== before[w]![k]) out.push(w * K + k);
  return out;
}

/**
 * Opens pools for unserved pairs (the lumpy move the single-pair swaps miss: a whole replica costs
 * more than one pair's penalty but less than several): every unserved (w, k) whose cheapest way on
 * one pool costs less than its penalty goes onto that pool at once, the rows this breaks are
 * repaired (the budget then sheds the pairs that free least per dollar), the descent runs, and
 * the change stays only when the plan is cheaper. Returns at the first opening that pays (the
 * swaps then pay again at once: hard 1,000 × 3 from the coarse start, $3.03 B after 8.0 s of CPU
 * against 10.9 s when every try of a call ran), true; false when none did.
 */
export function openPools(E: PlanState, deadline = Infinity, cancelFlag?: Int32Array, tries = OPEN_TRIES): boolean {
  const m = E.m;
  const ix = E.ix;
  const K = m.periods.length;
  const stop = () => stopNow(deadline, cancelFlag);
  const groups = new Map<number, { sets: [number, number, number][]; saving: number }>();
  for (let w = 0; w < E.chosen.length; w++) for (let k = 0; k < K; k++) {
    const y = m.ys[w]![k];
    if (E.chosen[w]![k] != null || y == null) continue;
    let best = -1, bc = Infinity;
    for (const xi of m.byWk[w]![k]!) {
      if (m.xs[xi]!.pool == null || ix.viable[xi] !== 1) continue;
      const c = fractionalCost(m, xi);
      if (c < bc) { bc = c; best = xi; }
    }
    if (best < 0 || bc >= m.colCost[y]!) continue;
    const pi = m.xs[best]!.pool!;
    let g = groups.get(pi);
    if (!g) groups.set(pi, (g = { sets: [], saving: 0 }));
    g.sets.push([w, k, best]);
    g.saving += m.colCost[y]! - bc;
  }
  const order = [...groups].sort((a, b) => b[1].saving - a[1].saving || a[0] - b[0]).slice(0, tries);
  // a pool that did not pay is not opened again for the same pairs on the same plan (the polish of
  // the search's incumbent asks again: each try is tenths of a second at 1,000 workloads)
  let failed = OPEN_FAILED.get(m);
  if (!failed) OPEN_FAILED.set(m, (failed = new Set()));
  const plan = order.length > 0 ? planKey(E) : '';
  for (const [pi, g] of order) {
    if (stop()) return false;
    const key = `${plan}:${pi}:${g.sets.map(([w, k]) => w * K + k).join(',')}`;
    if (failed.has(key)) continue;
    if (keepIfCheaper(E, () => { for (const [w, k, xi] of g.sets) E.set(w, k, xi); return true; }, deadline, cancelFlag)) return true;
    if (!stop()) failed.add(key);
  }
  return false;
}

/** Cloud pools' periods an emptyClouds pass tries, dearest rental first. */
export const EMPTY_CLOUD_TRIES = 32;

/**
 * A cloud pool (one model's instances of one option) emptied in one period: every pair on it moves
 * to its cheapest other candidate (or unserved) that keeps the coupling rows, the descent runs over
 * those pairs, and the change stays only when the plan is cheaper (keepIfCheaper). The lumpy move
 * the single-pair descent misses where whole instances are rented per month: a pair leaving frees
 * no instance until the last one leaves. Pools by their rental in the period, dearest first, `tries`
 * a pass, passes while one pays; a pool whose pairs' cheapest other candidates cost as much as its
 * rental at their divisible cost is not tried (roomy 1,000 × 3, the LP's rounding: 12 rentals, 232
 * pairs on the largest; 0.35–0.45 s for a call without this, 0.02 s with it, load ~5, where the one
 * emptying that paid saved $4.3 k; capex-zero-8: the same three emptyings). True when some emptying stayed.
 */
export function emptyClouds(E: PlanState, deadline = Infinity, cancelFlag?: Int32Array, tries = EMPTY_CLOUD_TRIES): boolean {
  const m = E.m;
  /** the other candidates of (w, k) than cloud pool ci: the repair's targets */
  const others = (w: number, k: number, ci: number) => repairTargets(m)[w]![k]!.filter((to) => to == null || m.xs[to]!.cloud !== ci);
  const costOf = (w: number, k: number, xi: number | null) => (xi == null ? m.colCost[m.ys[w]![k]!]! : fractionalCost(m, xi));
  const empty = (ci: number, k: number, on: readonly number[]): boolean => {
    for (const xi of on) {
      const w = m.xs[xi]!.w;
      let best: number | null | undefined, bestD = Infinity;
      for (const to of others(w, k, ci)) {
        const d = trialMove(E, w, k, to, xi);
        if (d != null && d < bestD) { bestD = d; best = to; }
      }
      if (best !== undefined) E.set(w, k, best);
    }
    return on.length > 0;
  };
  let any = false;
  for (let pass = 0; pass < 4; pass++) {
    const rents: { ci: number; k: number; usd: number }[] = [];
    m.clouds.forEach((cp, ci) => m.periods.forEach((per, k) => {
      let usd = 0;
      for (let mo = per.start_month; mo < per.start_month + per.months; mo++) { const j = cp.z[mo]; if (j != null) usd += E.col[j]! * m.colCost[j]!; }
      if (usd > 0) rents.push({ ci, k, usd });
    }));
    rents.sort((a, b) => b.usd - a.usd || a.ci - b.ci || a.k - b.k);
    let improved = false;
    for (const { ci, k, usd } of rents.slice(0, tries)) {
      if (stopNow(deadline, cancelFlag)) return any;
      const on = (m.clouds[ci]!.load.get(m.periods[k]!.start_month) ?? []).map((e) => e.x).filter((xi) => E.chosen[m.xs[xi]!.w]![k] === xi);
      let elsewhere = 0;
      for (const xi of on) {
        const w = m.xs[xi]!.w;
        elsewhere += Math.min(...others(w, k, ci).map((to) => costOf(w, k, to)));
      }
      if (!(elsewhere < usd)) continue;
      if (keepIfCheaper(E, () => empty(ci, k, on), deadline, cancelFlag, true)) { improved = true; any = true; }
    }
    if (!improved) break;
  }
  return any;
}

/**
 * The cloud emptyings (emptyClouds), then, when one stayed, a round of the polish over every pair:
 * where the total budget counts the rentals, what an emptying frees serves pairs that its own
 * descent (over the emptied pairs only) never looks at. True when an emptying stayed. Hard 1,000 ×
 * 3, the packed start after its first round of swaps ($2,764.48 M): the emptyings $2,763.73 M in
 * 0.25 CPU-s, the descent after them $2,710.99 M in 0.12 CPU-s (two more pairs served in period 3).
 */
export function emptyAndRefill(E: PlanState, deadline = Infinity, cancelFlag?: Int32Array, onBetter?: (E: PlanState) => void): boolean {
  if (!emptyClouds(E, deadline, cancelFlag)) return false;
  polish(E, deadline, cancelFlag, false, onBetter, 1);
  return true;
}

/** Workloads a restoreShed call tries to serve again, those whose shed pairs cost most in penalty first. */
export const RESTORE_TRIES = 8;
/**
 * ...each with this many shed pairs or more: a workload shed in a period or two the polish's swaps
 * and openings take up, and at 1,000 workloads a try costs what the polish after the LP's rounding
 * needs. tight-3p-1 (3 periods), the LP's early rounding: the restores of two workloads shed in 2
 * periods saved $1.4 M in 1.6 s (load ~9), and its polish (polishPlan) then no longer reached the
 * $377.4 M it reached from the rounding in that time ($380.2 M, the incumbent, stayed).
 */
export const RESTORE_MIN_PAIRS = 4;

/**
 * Workloads that `wanted` (an LP point's rounding) serves and E leaves unserved, served again: each
 * one's shed pairs back on their candidates in `wanted`, or all on one pool candidate of theirs (the
 * cheapest few by divisible cost), the workload pinned while the rows this breaks are repaired (the
 * repair then makes room by moving other workloads or emptying their pools, where unserving the
 * workload again is what it would pick first), then the descent; kept only when the plan is cheaper
 * (keepIfCheaper). The lumpy move the repair misses: it sheds a workload whole, in every period,
 * where moving a small pool's load elsewhere and dropping its replica costs less. Only workloads
 * with `minPairs` shed pairs or more (RESTORE_MIN_PAIRS), at most `tries` of them. True when one stayed.
 */
export function restoreShed(E: PlanState, wanted: readonly (readonly (number | null)[])[], deadline = Infinity, cancelFlag?: Int32Array, tries = RESTORE_TRIES, minPairs = RESTORE_MIN_PAIRS): boolean {
  const m = E.m;
  const K = m.periods.length;
  const ix = E.ix;
  const shed: { w: number; pairs: number[]; usd: number }[] = [];
  for (let w = 0; w < E.chosen.length; w++) {
    const pairs: number[] = [];
    let usd = 0;
    for (let k = 0; k < K; k++) {
      const y = m.ys[w]![k];
      if (E.chosen[w]![k] != null || wanted[w]?.[k] == null || y == null) continue;
      pairs.push(k);
      usd += m.colCost[y]!;
    }
    if (pairs.length >= minPairs) shed.push({ w, pairs, usd });
  }
  if (shed.length === 0) return false;
  shed.sort((a, b) => b.usd - a.usd || a.w - b.w);
  const pin = new Uint8Array(E.chosen.length);
  const budgetRow = Uint8Array.from(ix.rowOf, (ri) => (m.rows[ri]!.family === 'budget' || m.rows[ri]!.family === 'capex' ? 1 : 0));
  let any = false;
  for (const { w, pairs } of shed.slice(0, tries)) {
    if (stopNow(deadline, cancelFlag)) return any;
    // the ways to serve them: as `wanted` has them, or each pool candidate (by candidate index) the
    // shed pairs all have, cheapest first
    const ways: [number, number][][] = [];
    // (a pool candidate that cannot hold the pair's replicas alone never fits: ix.viable)
    if (pairs.every((k) => ix.viable[wanted[w]![k]!] === 1)) ways.push(pairs.map((k) => [k, wanted[w]![k]!]));
    const byCand = new Map<number, { sets: [number, number][]; c: number }>();
    for (const k of pairs) for (const xi of m.byWk[w]![k]!) {
      const x = m.xs[xi]!;
      if (x.pool == null || ix.viable[xi] !== 1) continue;
      let g = byCand.get(x.ci);
      if (!g) byCand.set(x.ci, (g = { sets: [], c: 0 }));
      g.sets.push([k, xi]);
      g.c += fractionalCost(m, xi);
    }
    const cands = [...byCand.values()].filter((g) => g.sets.length === pairs.length).sort((a, b) => a.c - b.c);
    for (const g of cands.slice(0, RESTORE_WAYS)) if (!g.sets.every(([k, xi]) => wanted[w]![k] === xi)) ways.push(g.sets);
    pin[w] = 1;
    for (const sets of ways) {
      if (stopNow(deadline, cancelFlag)) break;
      if (E.chosen[w]!.some((xi, k) => xi != null && pairs.includes(k))) break;
      // only where the site rows are what it breaks: with a budget over, serving it means shedding
      // another (the swaps, ejectRefill), and the repair of a budget row reprices every workload
      // each round (tight-3p-1, 1,000 workloads: 10–25 s for 8 tries)
      E.begin();
      for (const [k, xi] of sets) E.set(w, k, xi);
      let budgetOver = false;
      for (let i = 0; i < E.nTouched && !budgetOver; i++) { const r = E.touched[i]!; budgetOver = budgetRow[r] === 1 && E.over(r, E.act[r]!) > 0; }
      for (const [k] of sets) E.set(w, k, null);
      if (budgetOver) continue;
      if (keepIfCheaper(E, () => { for (const [k, xi] of sets) E.set(w, k, xi); return true; }, deadline, cancelFlag, false, { pinned: pin, local: true })) { any = true; break; }
    }
    pin[w] = 0;
  }
  return any;
}

/** Pool candidates (besides the wanted one) a restoreShed try serves a workload on. */
const RESTORE_WAYS = 2;
