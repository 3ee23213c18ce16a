// Where the v2 solver's time and gap go: model size and build time, the root LP (time, bound),
// connected components of models, and HiGHS' bound and incumbent over time on the full MILP.
// Prints figures; asserts nothing. Run: node bench/profile-v2.ts [n] [hard|roomy] [periods] [limit]
// [--solve: the orchestrated solve's progress and stages | --cancel: how soon a cancel is honoured]
import loadHighs from 'highs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { buildModelV2 } from '../core/optimizer/v2/model.ts';
import { toModelData } from '../core/optimizer/model-data.ts';
import { solvePlanV2, standaloneStart } from '../core/optimizer/v2/solve.ts';
import { columnsOfV2, objectiveOfV2 } from '../core/optimizer/v2/extract.ts';
import { exactLpV2 } from '../core/optimizer/v2/lp.ts';
import { generateScenario, probeFeatures, type ScenarioKind } from './scenarios.ts';

export async function profile(n: number, kind: ScenarioKind, periods: 1 | 3, limit: number): Promise<void> {
  const highs = await loadHighs();
  const sc = generateScenario({ n, kind, periods }, probeFeatures(exactLpV2));
  let t = performance.now();
  const m = buildModelV2(sc.input, { cuts: true });
  const buildMs = performance.now() - t;
  const fam = new Map<string, number>();
  for (const r of m.rows) fam.set(r.family, (fam.get(r.family) ?? 0) + 1);
  console.log(`## ${sc.name}: ${m.numCols} cols, ${m.rows.length} rows (${[...fam].map(([k, v]) => `${k} ${v}`).join(', ')}), build ${buildMs.toFixed(0)} ms`);
  const start = standaloneStart(m);
  console.log(`   standalone start $${objectiveOfV2(m, columnsOfV2(m, start)).toFixed(0)}`);
  const data = toModelData(m, highs.infinity);
  const { integrality, ...lp } = data;
  void integrality;
  t = performance.now();
  const lm = highs.createModel(lp);
  lm.options.set({ output_flag: false, time_limit: limit });
  lm.run();
  console.log(`   root LP: ${(performance.now() - t).toFixed(0)} ms, status ${lm.getModelStatus()}, bound $${lm.getObjectiveValue().toFixed(0)}`);
  lm.dispose();
  t = performance.now();
  const mm = highs.createModel(data);
  mm.options.set({ output_flag: false, time_limit: limit, mip_rel_gap: 1e-4 });
  mm.setSolution({ colValue: columnsOfV2(m, start) });
  const ct = highs.constants.callbackType;
  let last = 0;
  let inc = NaN, bnd = NaN;
  const tick = (label: string) => {
    const e = performance.now() - t;
    if (label !== 'tick' || e - last > limit * 100) {
      last = e;
      console.log(`   ${(e / 1000).toFixed(1).padStart(5)} s ${label.padEnd(8)} incumbent $${inc.toFixed(0)} bound $${bnd.toFixed(0)} gap ${(((inc - bnd) / inc) * 100).toFixed(2)} %`);
    }
  };
  mm.run({
    [ct.mipImprovingSolution](e) { inc = e.data.objective_function_value ?? inc; tick('improved'); },
    [ct.mipInterrupt](e) {
      if (e.data.mip_dual_bound != null && Number.isFinite(e.data.mip_dual_bound)) bnd = e.data.mip_dual_bound;
      if (e.data.mip_primal_bound != null && Number.isFinite(e.data.mip_primal_bound)) inc = e.data.mip_primal_bound;
      tick('tick');
    },
  });
  console.log(`   MILP end ${((performance.now() - t) / 1000).toFixed(1)} s: status ${mm.getModelStatus()} obj $${mm.getObjectiveValue().toFixed(0)} bound $${Number(mm.info.get('mip_dual_bound')).toFixed(0)} nodes ${mm.info.get('mip_node_count')}`);
  mm.dispose();
}

/** The orchestrated solve (solvePlanV2) with its progress over time and the figures of each stage. */
export async function traceSolve(n: number, kind: ScenarioKind, periods: 1 | 3, limit: number, pipeline: 'auto' | 'direct' | 'staged' = 'auto'): Promise<void> {
  const highs = await loadHighs();
  const sc = generateScenario({ n, kind, periods }, probeFeatures(exactLpV2));
  const t = performance.now();
  const r = solvePlanV2(highs, sc.input, {
    timeLimitS: limit, explain: false, pipeline,
    onProgress: (p) => console.log(`   ${(p.elapsedMs / 1000).toFixed(1).padStart(5)} s incumbent $${p.incumbentUsd?.toFixed(0) ?? '—'} bound $${p.boundUsd?.toFixed(0) ?? '—'}`),
  });
  console.log(`## ${sc.name} ${pipeline}: ${r.status} obj $${r.objective_usd?.toFixed(0)} bound $${r.bound_usd?.toFixed(0)} gap ${r.gap == null ? '—' : (r.gap * 100).toFixed(3) + ' %'} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  console.log('   ' + Object.entries(r.stats ?? {}).map(([k, v]) => `${k} ${Number.isInteger(v) ? v : v.toFixed(0)}`).join(', '));
}

/**
 * How soon a solve stops once cancelled: a worker thread raises the flag after `afterS` seconds
 * (Date.now() on both sides); prints the delay between the flag and the return, for several moments.
 */
export async function cancelLatency(n: number, kind: ScenarioKind, periods: 1 | 3, limit: number, moments: number[]): Promise<void> {
  const highs = await loadHighs();
  const sc = generateScenario({ n, kind, periods }, probeFeatures(exactLpV2));
  for (const afterS of moments) {
    const sab = new SharedArrayBuffer(16);
    const flag = new Int32Array(sab, 0, 1);
    const at = new Float64Array(sab, 8, 1);
    const w = new Worker(`const { workerData } = require('node:worker_threads');
      setTimeout(() => { new Float64Array(workerData.sab, 8, 1)[0] = Date.now(); Atomics.store(new Int32Array(workerData.sab, 0, 1), 0, 1); }, workerData.ms);`,
    { eval: true, workerData: { sab, ms: afterS * 1000 } });
    const r = solvePlanV2(highs, sc.input, { timeLimitS: limit, explain: false, cancelFlag: flag });
    const end = Date.now();
    await w.terminate();
    console.log(`   ${sc.name}: cancelled at ${afterS} s → returned ${at[0] ? ((end - at[0]) / 1000).toFixed(2) + ' s later' : 'before the flag'} with ${r.status} $${r.objective_usd?.toFixed(0) ?? '—'}`);
    if (process.argv.includes('--stats')) console.log('     ' + Object.entries(r.stats ?? {}).filter(([k]) => k.endsWith('_ms')).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', '));
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const [n = '100', kind = 'hard', periods = '3', limit = '30'] = args;
  const pipe = process.argv.find((a) => a.startsWith('--pipeline='))?.slice(11) as 'auto' | 'direct' | 'staged' | undefined;
  if (process.argv.includes('--cancel')) await cancelLatency(Number(n), kind as ScenarioKind, Number(periods) as 1 | 3, Number(limit), process.argv.includes('--stats') ? [10, 12, 14] : [1, 4, 8, 12, 20]);
  else if (process.argv.includes('--solve')) await traceSolve(Number(n), kind as ScenarioKind, Number(periods) as 1 | 3, Number(limit), pipe);
  else await profile(Number(n), kind as ScenarioKind, Number(periods) as 1 | 3, Number(limit));
}
