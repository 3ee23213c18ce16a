// The head-to-head compares like with like: CBC's optimum of the exported LP (plus any objective
// constant its reader drops) equals FleetPlan's optimum on the same small scenarios.
import loadHighs from 'highs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findCbc, lpObjectiveConstant, parseCbc, runCbc } from './cbc.ts';
import { APP_ENGINE, type Engine } from './engine.ts';
import { generateScenario, probeFeatures } from './scenarios.ts';

describe('lpObjectiveConstant', () => {
  it('finds a constant term wherever it stands in the objective, and none when there is none', () => {
    expect(lpObjectiveConstant('Minimize\n obj: 2 x + 3 y + 5\nSubject To\n c: x >= 1\nEnd\n')).toBe(5);
    expect(lpObjectiveConstant('Minimize\n obj: - 1.5e3 + 2 x\n   - 4 y\nSubject To\n c: x >= 1\nEnd\n')).toBe(-1500);
    expect(lpObjectiveConstant('Minimize\n obj: 2 x + 3 y\n  + 7 z\nSubject To\n c: x >= 1\nEnd\n')).toBe(0);
    expect(lpObjectiveConstant('\\ note: 99\nMinimize\n obj: x + 2\n \\ a comment 4\n + 3\nSubject To\nEnd\n')).toBe(5);
  });
});

describe('parseCbc', () => {
  it('reads status, objective and bound of a stopped run, and an infeasible one', () => {
    const stopped = 'Result - Stopped on time limit\n\nObjective value:                1234.50000000\nLower bound:                    1200.000\nGap:                            0.03\n';
    expect(parseCbc(stopped, 'Stopped on time - objective value 1234.50000000')).toEqual({ status: 'time_limit', objective: 1234.5, bound: 1200 });
    expect(parseCbc('Problem is infeasible - 0.00 seconds\n', 'Infeasible - objective value 3')).toMatchObject({ status: 'infeasible', objective: null });
    expect(parseCbc('Result - Stopped on time limit\n\nNo feasible solution found\n', '')).toMatchObject({ status: 'no_plan', objective: null });
  });
});

const cbc = findCbc(false);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetplan-cbc-test-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
if (!cbc) console.log('bench/cbc.test.ts: cbc is not installed (Debian package coinor-cbc): the CBC-against-FleetPlan optimum checks are skipped');

// every engine the checkout has: the app's optimizer, and the v2 engine with 1 and 3 periods
const engines: Engine[] = [APP_ENGINE];
describe.skipIf(!cbc)('CBC on the exported LP', () => {
  for (const engine of engines) {
    const features = probeFeatures(engine.exactLp);
    for (const kind of ['hard', 'roomy'] as const) for (const p of features.periods ? [1, 3] as const : [1] as const) {
      it(`reaches the ${engine.name} engine's optimal objective on a tiny ${kind} scenario with ${p} period(s)`, async () => {
        const highs = await loadHighs();
        const sc = generateScenario({ n: 10, kind, periods: p, seed: kind === 'hard' ? 11 : 12 }, features);
        // limits far above the few seconds these take, so a busy machine cannot turn them into a time-limit stop
        const fp = engine.solve(highs, sc.input, { timeLimitS: 120, relGap: 1e-9 });
        expect(fp.status).toBe('optimal');
        const { text } = engine.exactLp(sc.input, sc.name);
        const lp = path.join(dir, `${engine.name}-${kind}-${p}.lp`);
        fs.writeFileSync(lp, text);
        const c = runCbc(cbc!, lp, 120, 0);
        expect(c.status).toBe('optimal');
        const cbcObjective = c.objective! + lpObjectiveConstant(text);
        expect(Math.abs(cbcObjective - fp.objective_usd!)).toBeLessThanOrEqual(1e-7 * Math.max(1, Math.abs(fp.objective_usd!)));
      }, 300_000);
    }
  }
});
