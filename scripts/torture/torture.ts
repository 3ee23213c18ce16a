// `npm run torture [-- --seed N --scale K]`: the long run of the torture harness (harness.ts);
// prints trials and failures per check and exits 1 when any property failed.
import { parseArgs } from 'node:util';
import { runAll } from './harness.ts';

const { values } = parseArgs({ options: { seed: { type: 'string' }, scale: { type: 'string' } } });
const seed = values.seed ? Number(values.seed) : Date.now() % 1e9;
const scale = values.scale ? Number(values.scale) : 20;
const t0 = Date.now();
const results = await runAll({ seed, scale });
let trials = 0;
let failures = 0;
for (const r of results) {
  trials += r.trials;
  failures += r.failures.length;
  console.log(`${r.failures.length ? '✘' : '✔'} ${r.name}: ${r.trials} trials, ${r.failures.length} failures`);
  for (const f of r.failures.slice(0, 5)) console.log(`    ${f}`);
}
console.log(`seed ${seed}, scale ${scale}: ${trials} trials, ${failures} failures in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
process.exitCode = failures ? 1 : 0;
