// The first seconds of a solve, stage by stage: the hard, roomy and tight 1,000-workload scenarios
// of bench/portfolio.ts --interactive, each solved in this process as the app's one warmed worker
// solves it (the full portfolio member, the scenario's own 60-s limit) and stopped after
// `--stop-ms` (default 3000; a cancel, as the app's Cancel). Prints each better plan when it came
// and from which stage (SolveV2Options.onPlan), each bound, each neighbourhood of the search and
// each stage's end (the stats' *_ms), so a change to the order of the stages can be read against
// where the plan shown at 1 and 2 s comes from. `--final a,b,…`: each case's final plan (from
// bench/portfolio.ts --interactive) to print the plans against. `--n`: the generated cases' workloads
// (default 1000; the tight ones keep theirs); `--limit`: the solve's limit in seconds in place of the
// scenario's own (as bench/cbc.ts sets it). The generated cases' last figure is their purchase
// periods: hard6 and roomy6 are bench/cbc.ts's hard-6p and roomy-6p (at --limit 2, issue 15's 2-s answer
// on them). Timed: run it under the bench lock.
// Run: node bench/first-seconds.ts [--cases hard1,roomy3,tight-3p] [--stop-ms 3000] [--final …] [--n 5000] [--limit 30]
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import loadHighs from 'highs';
import { exactLpV2 } from '../core/optimizer/v2/lp.ts';
import { solvePlanV2 } from '../core/optimizer/v2/solve.ts';
import type { PlanInput } from '../core/types.ts';
import { independentScenario } from './independent.ts';
import { generateScenario, probeFeatures } from './scenarios.ts';

const CASES = ['hard1', 'hard3', 'hard6', 'roomy1', 'roomy3', 'roomy6', 'tight', 'tight-3p'] as const;
type Case = (typeof CASES)[number];

function inputOf(c: Case, v2: ReturnType<typeof probeFeatures>, n: number, limitS: number | null): PlanInput {
  const input = c === 'tight' || c === 'tight-3p'
    ? independentScenario(1, c).input
    : generateScenario({ n, kind: c.startsWith('hard') ? 'hard' : 'roomy', periods: Number(c.slice(-1)) }, v2).input;
  return limitS == null ? input : { ...input, settings: { ...input.settings, time_limit_s: limitS } };
}

/** A flag raised `ms` from now by another thread (the solve holds this one until it stops). */
function stopAfter(ms: number): { flag: Int32Array; done: () => Promise<number> } {
  const sab = new SharedArrayBuffer(4);
  const w = new Worker("const { workerData } = require('node:worker_threads'); setTimeout(() => { Atomics.store(new Int32Array(workerData.sab), 0, 1); }, workerData.ms);", { eval: true, workerData: { sab, ms } });
  return { flag: new Int32Array(sab), done: () => w.terminate() };
}

const usd = (v: number) => `$${(v / 1e6).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} M`;
const at = (ms: number) => `${(ms / 1000).toFixed(2).padStart(6)} s`;

export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  const arg = (name: string) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : undefined; };
  const cases = (arg('--cases')?.split(',') ?? ['roomy3', 'tight-3p', 'hard1']).filter((c): c is Case => (CASES as readonly string[]).includes(c));
  const stopMs = Number(arg('--stop-ms') ?? 3000);
  const finals = arg('--final')?.split(',').map(Number) ?? [];
  const n = Number(arg('--n') ?? 1000);
  const limitS = arg('--limit') == null ? null : Number(arg('--limit'));
  const v2 = probeFeatures(exactLpV2);
  const highs = await loadHighs();
  // warmed as the app warms its workers: HiGHS' first solves in this process are not the case's
  solvePlanV2(highs, generateScenario({ n: 50, kind: 'hard', periods: 1 }, v2).input, { timeLimitS: 1, explain: false });
  for (const [i, c] of cases.entries()) {
    const input = inputOf(c, v2, n, limitS);
    const final = finals[i] != null && Number.isFinite(finals[i]) ? finals[i]! : null;
    const vs = (v: number) => (final == null ? '' : `  (${(100 * (v / final - 1)).toFixed(2)} % vs final ${usd(final)})`);
    console.log(`\n## ${c}: limit ${input.settings.time_limit_s} s, stopped at ${at(stopMs)}; load ${os.loadavg()[0]!.toFixed(1)}`);
    const stop = stopAfter(stopMs);
    let lastBound: number | null = null;
    const r = solvePlanV2(highs, input, {
      timeLimitS: input.settings.time_limit_s, cancelFlag: stop.flag, explain: false, seed: 1, strategy: 'full',
      onPlan: (p) => console.log(`   ${at(p.elapsedMs)}  plan   ${p.from.padEnd(12)} ${usd(p.objective)}${vs(p.objective)}`),
      onProgress: (p) => { if (p.boundUsd != null && p.boundUsd !== lastBound) { lastBound = p.boundUsd; console.log(`   ${at(p.elapsedMs)}  bound  ${usd(p.boundUsd)}`); } },
      onRound: (x) => console.log(`   ${''.padStart(8)}  round  ${x.kind.padEnd(12)} ${x.freed} freed, ${Math.round(x.ms)} ms, ${x.won ? 'won' : 'nothing'}`),
    });
    await stop.done();
    // lp_first_ms is the first LP's own duration, not a time since the start: printed apart
    const ends = Object.entries(r.stats ?? {}).filter(([k]) => k.endsWith('_ms') && k !== 'lp_first_ms' && !/^sub\d/.test(k)).sort((a, b) => a[1] - b[1]);
    console.log(`   stage ends: ${ends.map(([k, v]) => `${k.replace(/_ms$/, '')} ${at(v).trim()}`).join(', ')}`);
    if (r.stats?.lp_first_ms != null) console.log(`   first LP took ${at(r.stats.lp_first_ms).trim()}`);
    const counts = Object.entries(r.stats ?? {}).filter(([k]) => !k.endsWith('_ms') && !k.endsWith('_usd') && !/^sub\d/.test(k));
    console.log(`   counts: ${counts.map(([k, v]) => `${k} ${v}`).join(', ')}`);
    console.log(`   plan at the stop ${r.objective_usd == null ? '—' : usd(r.objective_usd)}; load ${os.loadavg()[0]!.toFixed(1)}`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
