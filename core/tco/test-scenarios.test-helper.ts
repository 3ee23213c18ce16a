// fast-check arbitrary over the generated scenarios of test-scenarios.ts (kept apart so that
// file stays pure: core/ code may not import fast-check, test helpers may).
import fc from 'fast-check';
import { makeScenario, type GeneratedScenario, type ScenarioOptions } from './test-scenarios.ts';

/** {seed, input, plan}: a generated PlanInput and a random feasible plan; shrinks by seed only. */
export const scenarioArb = (opts: ScenarioOptions = {}): fc.Arbitrary<GeneratedScenario> =>
  fc.integer({ min: 0, max: 0x7fffffff }).map((seed) => makeScenario(seed, opts));
