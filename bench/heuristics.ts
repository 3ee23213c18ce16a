// Head-to-head of the v2 primal heuristics (core/optimizer/v2/{start,lns}.ts: a feasibility-first
// start, then large-neighbourhood search until the limit) with CBC on the exported LP and with
// solvePlanV2, at equal wall time, one after the other; and the time to the first plan that meets
// every row. Until the solver calls the heuristics itself, this is where they are measured.
// Run: node bench/heuristics.ts [--sizes 20,100,1000] [--limits 2,10,30] [--kinds hard,roomy]
//      [--periods 1,3] [--no-v2] [--no-cbc] [--no-hybrid]
//      node bench/heuristics.ts --trace full,primal [--sizes 1000] [--limits 10] [--periods 3,1]: the improvement trajectory
//      node bench/heuristics.ts --trace full --target [--sizes 1000] [--limits 30]: the same on bench/optimizer.ts's 3-period target
import loadHighs, { type Highs } from 'highs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { exactLpV2 } from '../core/optimizer/v2/lp.ts';
import { buildModelV2 } from '../core/optimizer/v2/model.ts';
import { extractPlanV2, type SolutionV2 } from '../core/optimizer/v2/extract.ts';
import { improveV2 } from '../core/optimizer/v2/lns.ts';
import { objectiveOfSolution } from '../core/optimizer/v2/repair.ts';
import { solvePlanV2 } from '../core/optimizer/v2/solve.ts';
import { LP_OF, lpGuidedStartV2 } from '../core/optimizer/v2/start.ts';
import type { PlanInput } from '../core/types.ts';
import { findCbc, lpObjectiveConstant, runCbc } from './cbc.ts';
import { generateScenario as generatePhased } from './optimizer.ts';
import { generateScenario, probeFeatures, scenarioGrid, SCENARIO_KINDS, type ScenarioKind } from './scenarios.ts';

export type HeuristicRun = { objective: number | null; bound: number | null; firstMs: number | null; buildMs: number; wallMs: number; improvements: number };

/**
 * Build, start (the LP phase within half the limit), then neighbourhood search to the
 * limit; with `hybrid` (a fraction of the limit) the search stops there and solvePlanV2, warm-started
 * with its plan, has the rest (it rebuilds the model: that time counts against it).
 */
export function solveHeuristic(highs: Highs, input: PlanInput, limitS: number, seed = 1, hybrid?: number): HeuristicRun {
  const t0 = performance.now();
  const deadline = t0 + limitS * 1000;
  const m = buildModelV2(input);
  const buildMs = performance.now() - t0;
  let firstMs: number | null = null;
  // a first plan may take the whole limit; the LP only half of it
  const start = lpGuidedStartV2(highs, m, {
    deadline,
    lpDeadline: t0 + limitS * 500,
    onFeasible: () => { firstMs ??= performance.now() - t0; },
  });
  if (!start) return { objective: null, bound: null, firstMs, buildMs, wallMs: performance.now() - t0, improvements: 0 };
  let improvements = 0;
  let best: SolutionV2 = improveV2(highs, m, start, { deadline: hybrid ? t0 + limitS * 1000 * hybrid : deadline, seed, onImproved: () => { improvements++; } });
  if (hybrid) {
    // the whole model in HiGHS for the rest of the time, warm-started with the best plan
    const left = (deadline - performance.now()) / 1000;
    if (left > 0.05) {
      const r = solvePlanV2(highs, input, { timeLimitS: left, explain: false, warm: best });
      const bound = r.bound_usd;
      if (r.objective_usd != null && r.objective_usd < objectiveOfSolution(m, best) - 1e-6) {
        const wallMs = performance.now() - t0;
        return { objective: r.objective_usd, bound, firstMs, buildMs, wallMs, improvements: improvements + 1 };
      }
    }
  }
  const wallMs = performance.now() - t0;
  const plan = extractPlanV2(m, best, { bound: LP_OF.get(m)?.objective ?? null, solveMs: wallMs, unservedReason: () => '' });
  // the plan's cost and the model's objective of the same solution agree (one cost implementation)
  const obj = objectiveOfSolution(m, best);
  if (plan.objective_usd != null && Math.abs(plan.objective_usd - obj) > 1e-6 * Math.max(1, Math.abs(obj))) {
    console.log(`    warning: plan objective ${plan.objective_usd} ≠ model objective ${obj}`);
  }
  return { objective: plan.objective_usd, bound: plan.bound_usd, firstMs, buildMs, wallMs, improvements };
}

/**
 * The improvement trajectory of one solvePlanV2 run (what the UI sees through progress): each
 * cheaper plan with its wall and CPU time and what found it (a stage of the solve, or the kind of
 * neighbourhood of the improvement search), then the final plan and how late the plan within 1 %
 * of it came. CPU time is this process's: on shared cores it is the steadier clock.
 */
export function traceSolve(highs: Highs, input: PlanInput, limitS: number, strategy: 'full' | 'primal', seed = 1): void {
  const c0 = process.cpuUsage();
  const cpuS = () => { const c = process.cpuUsage(c0); return (c.user + c.system) / 1e6; };
  const seen: { s: number; cpu: number; cost: number }[] = [];
  const won = new Map<number, string>();
  // per kind of neighbourhood: sub-MILPs run, how many found a cheaper plan, their wall time
  const kinds: Record<string, { tries: number; wins: number; ms: number }> = {};
  const r = solvePlanV2(highs, input, {
    timeLimitS: limitS, explain: false, strategy, seed,
    onProgress: (p) => { if (p.incumbentUsd != null && (seen.length === 0 || p.incumbentUsd < seen.at(-1)!.cost)) seen.push({ s: p.elapsedMs / 1000, cpu: cpuS(), cost: p.incumbentUsd }); },
    onRound: (x) => {
      if (x.won) won.set(x.objective, x.kind);
      const k = (kinds[x.kind] ??= { tries: 0, wins: 0, ms: 0 });
      k.tries++; k.ms += x.ms; if (x.won) k.wins++;
    },
  });
  const st = r.stats ?? {};
  const stages = Object.keys(st).filter((k) => k.endsWith('_usd') && !k.startsWith('sub') && !k.includes('bound')).map((k) => k.slice(0, -4));
  const same = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));
  const label = (cost: number) => [...won].find(([o]) => same(o, cost))?.[1] ?? stages.find((g) => same(st[`${g}_usd`]!, cost)) ?? 'improve: restart or polish';
  console.log(`  ${strategy} at ${limitS} s, load ${os.loadavg()[0]!.toFixed(1)} at the end`);
  for (const e of seen) console.log(`    ${e.s.toFixed(2).padStart(6)} s  cpu ${e.cpu.toFixed(2).padStart(6)} s  ${money(e.cost).padStart(18)}  ${label(e.cost)}`);
  const final = r.objective_usd;
  const within = final == null ? null : seen.find((e) => e.cost <= final * 1.01);
  console.log(`    final ${money(final)} (bound ${money(r.bound_usd)}); within 1 % of it at ${within ? `${within.s.toFixed(2)} s (cpu ${within.cpu.toFixed(2)} s)` : '—'}`);
  const byKind = Object.entries(kinds).sort((a, b) => b[1].ms - a[1].ms);
  if (byKind.length > 0) console.log(`    neighbourhoods: ${byKind.map(([k, v]) => `${k} ${v.wins}/${v.tries} won in ${(v.ms / 1000).toFixed(1)} s`).join('; ')}`);
}

const money = (v: number | null) => (v == null ? '—' : '$' + Math.round(v).toLocaleString('en-US'));
const ratio = (a: number | null, b: number | null) => (a == null || b == null ? '—' : (a / b).toFixed(4));
const secs = (ms: number | null) => (ms == null ? '—' : (ms / 1000).toFixed(1) + ' s');

export async function main(opts: { sizes?: number[]; limits?: number[]; kinds?: ScenarioKind[]; periods?: (1 | 3)[]; v2?: boolean; cbc?: boolean; hybrid?: boolean } = {}): Promise<void> {
  const sizes = opts.sizes ?? [20, 100, 1000];
  const limits = opts.limits ?? [2, 10, 30];
  const highs = await loadHighs();
  const features = probeFeatures(exactLpV2);
  const cbc = opts.cbc === false ? null : findCbc();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetplan-bench-heur-'));
  solveHeuristic(highs, generateScenario({ n: 20, kind: 'roomy', periods: 1, seed: 99 }, features).input, 1); // warm-up
  console.log(`v2 heuristics (start + LNS) vs CBC ${cbc ? '' : '(not run) '}and solvePlanV2, equal wall time, one after the other. Load average ${os.loadavg()[0]!.toFixed(1)} on ${os.availableParallelism()} cores: figures are rough.`);
  console.log('H = start + LNS; H+V2 = start + LNS for 60 % of the limit, then solvePlanV2 warm-started for the rest; bound: the LP relaxation with replica cuts (H) or HiGHS\' (H+V2).');
  console.log(['scenario'.padEnd(15), 'limit', 'H'.padStart(18), 'H+V2'.padStart(18), 'solvePlanV2'.padStart(18), 'CBC'.padStart(18), 'H/CBC'.padStart(7), 'H+V2/CBC', 'V2/CBC', 'best bound'.padStart(18), 'build', '1st plan', 'H wall'].join(' | '));
  const ratios: { name: string; limit: number; r: number }[] = [];
  for (const spec of scenarioGrid(sizes, opts.kinds ?? SCENARIO_KINDS, opts.periods ?? [1, 3], features)) {
    const sc = generateScenario(spec, features);
    for (const limit of limits) {
      let cbcObj: number | null = null;
      if (cbc) {
        const { text } = exactLpV2(sc.input, sc.name);
        const lpPath = path.join(dir, `${sc.name}-${limit}s.lp`);
        fs.writeFileSync(lpPath, text);
        const c = runCbc(cbc, lpPath, limit);
        cbcObj = c.objective == null ? null : c.objective + lpObjectiveConstant(text);
      }
      const v2 = opts.v2 === false ? null : solvePlanV2(highs, sc.input, { timeLimitS: limit, explain: false });
      const h = solveHeuristic(highs, sc.input, limit);
      const hy = opts.hybrid === false ? null : solveHeuristic(highs, sc.input, limit, 1, 0.6);
      if (h.objective != null && cbcObj != null) ratios.push({ name: sc.name, limit, r: h.objective / cbcObj });
      const bounds = [h.bound, hy?.bound ?? null, v2?.bound_usd ?? null].filter((b): b is number => b != null);
      console.log([
        sc.name.padEnd(15), `${String(limit).padStart(3)} s`, money(h.objective).padStart(18), money(hy?.objective ?? null).padStart(18), money(v2?.objective_usd ?? null).padStart(18), money(cbcObj).padStart(18),
        ratio(h.objective, cbcObj).padStart(7), ratio(hy?.objective ?? null, cbcObj).padStart(8), ratio(v2?.objective_usd ?? null, cbcObj).padStart(6), money(bounds.length ? Math.max(...bounds) : null).padStart(18),
        secs(h.buildMs).padStart(5), secs(h.firstMs).padStart(8), secs(h.wallMs),
      ].join(' | '));
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
  const worst = ratios.reduce<(typeof ratios)[number] | null>((w, x) => (w == null || x.r > w.r ? x : w), null);
  console.log(worst ? `SUMMARY heuristics/CBC worst ratio ${worst.r.toFixed(4)} on ${worst.name} at ${worst.limit} s; dearer than CBC on ${ratios.filter((x) => x.r > 1 + 1e-9).length} of ${ratios.length}` : 'SUMMARY no run with both plans');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({ options: { sizes: { type: 'string' }, limits: { type: 'string' }, kinds: { type: 'string' }, periods: { type: 'string' }, 'no-v2': { type: 'boolean' }, 'no-cbc': { type: 'boolean' }, 'no-hybrid': { type: 'boolean' }, trace: { type: 'string' }, target: { type: 'boolean' } } });
  const list = (s: string | undefined) => (s ? s.split(',').map(Number).filter((x) => x > 0) : undefined);
  const periods = list(values.periods)?.filter((p): p is 1 | 3 => p === 1 || p === 3);
  const kinds = values.kinds?.split(',').filter((k): k is ScenarioKind => (SCENARIO_KINDS as readonly string[]).includes(k));
  if (values.trace) {
    // --trace full,primal: the trajectory of solvePlanV2 per strategy instead of the head-to-head
    const highs = await loadHighs();
    const features = probeFeatures(exactLpV2);
    solvePlanV2(highs, generateScenario({ n: 20, kind: 'roomy', periods: 1, seed: 99 }, features).input, { timeLimitS: 1 }); // warm-up
    const strategies = values.trace.split(',').filter((x): x is 'full' | 'primal' => x === 'full' || x === 'primal');
    if (values.target) {
      // the 3-period target of bench/optimizer.ts (its own generator, price trends), per size
      for (const n of list(values.sizes) ?? [1000]) {
        const base = generatePhased(n, 7 + n, { intervalMonths: 12 });
        const input = { ...base, settings: { ...base.settings, hardware_price_change_pct_per_year: -15, cloud_price_change_pct_per_year: -10 } };
        for (const limit of list(values.limits) ?? [30]) {
          console.log(`bench/optimizer.ts ${n} workloads, 3 periods: trajectory on ${os.availableParallelism()} cores`);
          for (const st of strategies) traceSolve(highs, input, limit, st);
        }
      }
      process.exit(0);
    }
    for (const spec of scenarioGrid(list(values.sizes) ?? [1000], kinds ?? ['hard'], periods ?? [3, 1], features)) {
      const sc = generateScenario(spec, features);
      for (const limit of list(values.limits) ?? [10]) {
        console.log(`${sc.name}: trajectory on ${os.availableParallelism()} cores`);
        for (const st of strategies) traceSolve(highs, sc.input, limit, st);
      }
    }
    process.exit(0);
  }
  await main({
    ...(list(values.sizes) ? { sizes: list(values.sizes)! } : {}),
    ...(list(values.limits) ? { limits: list(values.limits)! } : {}),
    ...(kinds?.length ? { kinds } : {}),
    ...(periods?.length ? { periods } : {}),
    v2: !values['no-v2'],
    cbc: !values['no-cbc'],
    hybrid: !values['no-hybrid'],
  });
}
