// `npm test`: every check CI runs, in order — layering lint, import cycles, type checks, the renderer build,
// unit/integration tests (vitest) and end-to-end tests (Playwright in Debian's Chromium).
// Runs every step even after a failure, then prints one summary line and exits non-zero if any failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const results = path.join(root, 'test-results');
mkdirSync(results, { recursive: true });

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  console.error(`npm test needs Node ≥ 22.18 (found ${process.versions.node}); run it through npm so node_modules/.bin/node is used.`);
  process.exit(2);
}

const steps = [
  { name: 'lint (layering)', cmd: bin('eslint'), args: ['.', '--max-warnings=0'] },
  { name: 'import cycles', cmd: process.execPath, args: [path.join(root, 'scripts', 'import-cycles.ts')] },
  { name: 'typecheck (tsc)', cmd: bin('tsc'), args: ['-p', 'tsconfig.json', '--noEmit'] },
  { name: 'typecheck (svelte-check)', cmd: bin('svelte-check'), args: ['--tsconfig', './tsconfig.json', '--threshold', 'error', '--output', 'human'] },
  { name: 'build (renderer)', cmd: bin('vite'), args: ['build', '-c', 'renderer/vite.config.ts', '--logLevel', 'warn'] },
  {
    name: 'unit and integration (vitest)',
    cmd: bin('vitest'),
    args: ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${path.join(results, 'vitest.json')}`],
    counts: () => vitestCounts(path.join(results, 'vitest.json')),
  },
  {
    name: 'end to end (playwright, chromium)',
    cmd: bin('playwright'),
    args: ['test', '-c', 'e2e/playwright.config.ts', '--reporter=list,json'],
    // the renderer was built by the step above
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: path.join(results, 'playwright.json'), FLEETPLAN_E2E_SKIP_BUILD: '1' },
    counts: () => playwrightCounts(path.join(results, 'playwright.json')),
  },
];

function vitestCounts(file) {
  if (!existsSync(file)) return null;
  const j = JSON.parse(readFileSync(file, 'utf8'));
  return { passed: j.numPassedTests ?? 0, failed: (j.numFailedTests ?? 0), skipped: (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0) };
}
function playwrightCounts(file) {
  if (!existsSync(file)) return null;
  const s = JSON.parse(readFileSync(file, 'utf8')).stats ?? {};
  return { passed: s.expected ?? 0, failed: (s.unexpected ?? 0) + (s.flaky ?? 0), skipped: s.skipped ?? 0 };
}

const only = process.argv.slice(2);
const total = { passed: 0, failed: 0, skipped: 0 };
const failedSteps = [];
const t0 = Date.now();
for (const step of steps) {
  if (only.length && !only.some((o) => step.name.includes(o))) continue;
  const started = Date.now();
  console.log(`\n▶ ${step.name}`);
  const r = spawnSync(step.cmd, step.args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...step.env } });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  const ok = r.status === 0;
  const c = step.counts?.();
  if (c) for (const k of Object.keys(total)) total[k] += c[k];
  if (!ok) failedSteps.push(step.name);
  console.log(`${ok ? '✔' : '✘'} ${step.name} (${secs} s)${c ? ` — ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped` : ''}`);
}
console.log(`\nAll steps took ${((Date.now() - t0) / 1000).toFixed(0)} s.${failedSteps.length ? ` Failed: ${failedSteps.join('; ')}.` : ''}`);
// A failed non-test step (lint, types, build) counts as one failure so the closing line never reads green.
console.log(`Tests: ${total.passed} passed, ${total.failed + (failedSteps.length && total.failed === 0 ? failedSteps.length : 0)} failed, ${total.skipped} skipped`);
process.exit(failedSteps.length ? 1 : 0);
