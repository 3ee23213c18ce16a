// Where the gap of the single purchase is, per component of models: bench/optimizer.ts's 1,000-workload
// single purchase solved once for 10 s, then each sub-MILP of its decomposition (the model's rows and
// the cut rounds the subs take, relax.ts SUB_CUT_ROUNDS; costs unpriced, as the solve has them when the
// LP prices no coupling row) given to HiGHS alone for each of `--limits` seconds, warm from the plan
// the decomposition started from ("early") and from the solve's final plan ("final"). Prints HiGHS'
// bound and plan per run, the sub's bound in the solve, and with `--kinds` the sub's LP optimum and
// its best plan split by column kind (racks r, replicas q, assignments x, cloud instances per month z)
// with the columns the LP leaves fractional: the rounding that only branching closes. Timed: run it
// under the bench lock (it holds it for about 10 s plus the sum of the limits per component).
// Run: node bench/sub-bounds.ts [--subs 1,3] [--limits 0.5,1,2] [--kinds] [--kinds-limit 15]
import loadHighs, { type Highs } from 'highs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { componentsV2, sharedRackCols, subModelV2, type ComponentV2, type SubModelV2 } from '../core/optimizer/v2/decompose.ts';
import { columnsOfV2, type SolutionV2 } from '../core/optimizer/v2/extract.ts';
import { buildModelV2, type ModelV2 } from '../core/optimizer/v2/model.ts';
import { solvePlanV2 } from '../core/optimizer/v2/solve.ts';
import { generateScenario } from './optimizer.ts';

const M = (v: number) => (Number.isFinite(v) ? (v / 1e6).toFixed(4) : '—');

/**
 * A plan's part in one component, as a point of its sub: each shared system's racks as the racks of
 * this component's units, unrounded (its share; the plan's whole racks are counted once per plan).
 */
function partOf(m: ModelV2, comp: ComponentV2, col: Float64Array, shared: ReadonlySet<number>): Float64Array {
  const models = new Set(comp.models);
  const share = new Map<number, number>();
  for (const g of m.groups) g.r.forEach((c, k) => {
    if (!shared.has(c)) return;
    let units = 0;
    for (const pi of g.pools) { const p = m.pools[pi]!; if (models.has(p.model)) for (let j = 0; j <= k; j++) if (p.q[j] != null) units += col[p.q[j]!]! * p.R; }
    share.set(c, g.fit.kind === 'per_rack' ? units / g.fit.k : units * g.fit.t);
  });
  return Float64Array.from(comp.cols, (c) => share.get(c) ?? col[c]!);
}

/** HiGHS on one sub for `limitS` from `start`: its bound, plan and the plan's columns. */
function runSub(highs: Highs, sub: SubModelV2, start: Float64Array | null, limitS: number, relaxed = false) {
  const model = highs.createModel(relaxed ? { ...sub.data, integrality: new Int32Array(sub.data.numCols) } : sub.data);
  try {
    model.options.set({ output_flag: false, time_limit: limitS, mip_rel_gap: 1e-6, mip_abs_gap: 1e-6 });
    if (start) model.setSolution({ colValue: start });
    const t0 = performance.now();
    model.run({});
    const ms = performance.now() - t0;
    const hasPlan = relaxed || Number(model.info.get('primal_solution_status') ?? 0) === 2;
    return {
      ms, status: model.getModelStatus(),
      bound: relaxed ? model.getObjectiveValue() : Number(model.info.get('mip_dual_bound')),
      objective: hasPlan ? model.getObjectiveValue() : Infinity,
      col: hasPlan ? Float64Array.from(model.getSolution().colValue) : null,
    };
  } finally {
    model.dispose();
  }
}

/** Cost per column kind of a sub's point, and its fractional columns per kind. */
function byKind(m: ModelV2, comp: ComponentV2, col: ArrayLike<number>): { cost: Record<string, string>; fractional: Record<string, number> } {
  const cost: Record<string, number> = {}, fractional: Record<string, number> = {};
  comp.cols.forEach((c, j) => {
    const k = m.colKind[c]!;
    cost[k] = (cost[k] ?? 0) + m.colCost[c]! * col[j]!;
    if (Math.abs(col[j]! - Math.round(col[j]!)) > 1e-6) fractional[k] = (fractional[k] ?? 0) + 1;
  });
  return { cost: Object.fromEntries(Object.entries(cost).map(([k, v]) => [k, M(v)])), fractional };
}

export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  const { values: a } = parseArgs({ args: argv, options: { subs: { type: 'string' }, limits: { type: 'string' }, kinds: { type: 'boolean' }, 'kinds-limit': { type: 'string' } } });
  const limits = (a.limits ?? '0.5,1,2').split(',').map(Number).filter((x) => x > 0);
  const only = a.subs ? new Set(a.subs.split(',').map(Number)) : null;
  const highs = await loadHighs();
  solvePlanV2(highs, generateScenario(50, 3, { intervalMonths: 12 }), { timeLimitS: 2, explain: false }); // warm-up (wasm JIT)
  const input = generateScenario(1000, 1007);
  const m = buildModelV2(input, { cuts: false });
  // the plan the decomposition starts from: the last incumbent before any stage after the LP's rounding
  const later = new Set(['sub_part', 'merge', 'decompose', 'repair', 'reassign_first', 'improve', 'reassign', 'mip']);
  let early: SolutionV2 | null = null, final: SolutionV2 | null = null, decomposing = false;
  const load = os.loadavg()[0]!;
  const r = solvePlanV2(highs, input, {
    timeLimitS: 10, explain: false, model: m,
    onPlan: (p) => { if (later.has(p.from)) decomposing = true; },
    onIncumbent: (s) => { final = s; if (!decomposing) early = s; },
  });
  const s = r.stats ?? {};
  console.log(`## 1,000 workloads, single purchase, 10 s: plan $${M(r.objective_usd ?? NaN)} M, bound $${M(r.bound_usd ?? NaN)} M (${s.lp_stopped ? 'bound of a first LP cut short' : 'LP'} $${M(s.lp_bound_usd ?? NaN)} M); load ${load.toFixed(1)} → ${os.loadavg()[0]!.toFixed(1)}`);
  if (!early || !final || s.lp_sub_cuts == null) { console.log('   no decomposition in this solve'); return; }
  const rows = { numCols: m.numCols, rows: m.rows.slice(0, s.base_rows! + s.lp_sub_cuts), colLower: m.colLower, colUpper: m.colUpper, colInteger: m.colInteger };
  const comps = componentsV2(m);
  const shared = sharedRackCols(m, comps);
  const plans = { early: columnsOfV2(m, early), final: columnsOfV2(m, final) };
  comps.forEach((comp, ci) => {
    if (only && !only.has(ci)) return;
    const sub = subModelV2(highs, rows, comp, shared, m.colCost, []);
    const cost = (start: Float64Array) => comp.cols.reduce((v, c, j) => v + m.colCost[c]! * start[j]!, 0);
    console.log(`\n   sub ${ci} (${comp.models.join('|') || 'none'}): ${comp.cols.length} columns, ${sub.data.numRows} rows, ${comp.workloads.length} workloads; in the solve: bound $${M(s[`sub${ci}_bound_usd`] ?? NaN)} M, plan $${M(s[`sub${ci}_usd`] ?? NaN)} M, ${Math.round(s[`sub${ci}_ms`] ?? 0)} ms`);
    for (const [name, col] of Object.entries(plans)) {
      const start = partOf(m, comp, col, shared);
      const out = limits.map((t) => { const x = runSub(highs, sub, start, t); return `${t} s: ${M(x.bound)} / ${M(x.objective)}`; });
      console.log(`     from the ${name} plan (its part $${M(cost(start))} M): bound / plan after ${out.join('; ')}`);
    }
    if (a.kinds) {
      const lp = runSub(highs, sub, null, 60, true);
      const ip = runSub(highs, sub, partOf(m, comp, plans.final, shared), Number(a['kinds-limit'] ?? 15));
      const l = byKind(m, comp, lp.col!);
      console.log(`     LP $${M(lp.bound)} M by kind ${JSON.stringify(l.cost)}, fractional ${JSON.stringify(l.fractional)}`);
      if (ip.col) console.log(`     best plan $${M(ip.objective)} M (bound $${M(ip.bound)} M, status ${ip.status}) by kind ${JSON.stringify(byKind(m, comp, ip.col).cost)}`);
    }
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
