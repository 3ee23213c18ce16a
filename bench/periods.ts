// Many purchase periods: the v2 solver alone (no CBC, which finds no plan there in these limits) on
// the generated scenarios of bench/scenarios.ts, each cell's plan, bound and gap, then the stages'
// figures (bench/optimizer.ts printSolve). Prints figures; asserts nothing.
// Run: node bench/periods.ts [--sizes 200,1000] [--limits 10,30] [--kinds hard,roomy] [--periods 6,12]
import loadHighs from 'highs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { exactLpV2 } from '../core/optimizer/v2/lp.ts';
import { solvePlanV2 } from '../core/optimizer/v2/solve.ts';
import { printSolve } from './optimizer.ts';
import { generateScenario, HORIZON, probeFeatures, SCENARIO_KINDS, type ScenarioKind } from './scenarios.ts';

const { values } = parseArgs({ options: { sizes: { type: 'string' }, limits: { type: 'string' }, kinds: { type: 'string' }, periods: { type: 'string' } } });
const list = (s: string | undefined, d: number[]) => (s ? s.split(',').map(Number).filter((x) => x > 0) : d);
const sizes = list(values.sizes, [200, 1000]), limits = list(values.limits, [10, 30]), periods = list(values.periods, [6, 12]);
const kinds = (values.kinds ? values.kinds.split(',') : [...SCENARIO_KINDS]) as ScenarioKind[];
const odd = periods.find((p) => HORIZON % p !== 0);
if (odd != null) throw new Error(`--periods: ${odd} does not divide ${HORIZON}`);
const highs = await loadHighs();
const v2 = probeFeatures(exactLpV2);
solvePlanV2(highs, generateScenario({ n: 20, kind: 'roomy', periods: 1, seed: 99 }, v2).input, { timeLimitS: 2, explain: false }); // warm-up (wasm JIT)
const f0 = (v: number | null) => (v == null ? '—' : '$' + Math.round(v).toLocaleString('en-US'));
const rows: string[] = [];
for (const p of periods) for (const n of sizes) for (const kind of kinds) {
  const sc = generateScenario({ n, kind, periods: p }, v2);
  for (const limit of limits) {
    const load = os.loadavg()[0]!;
    const t0 = performance.now();
    const r = solvePlanV2(highs, sc.input, { timeLimitS: limit, explain: false });
    const wall = performance.now() - t0;
    console.log(`\n## ${sc.name} @${limit} s (load ${load.toFixed(1)})`);
    printSolve(r, wall);
    rows.push(`${sc.name.padEnd(15)} ${String(limit).padStart(3)} s | plan ${f0(r.objective_usd).padStart(16)} | bound ${f0(r.bound_usd).padStart(16)} | gap ${r.gap == null ? '—' : (r.gap * 100).toFixed(2).padStart(6) + ' %'} | ${(wall / 1000).toFixed(1)} s | load ${load.toFixed(1)}`);
  }
}
console.log('\n' + rows.join('\n'));
