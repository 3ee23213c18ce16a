// The bounded, seeded slice of the torture harness that runs in npm test (the long run is
// `npm run torture`). Fixed seeds: the same inputs every run; the properties hold for any timing.
import { describe, expect, it } from 'vitest';
import { apiFuzz, catalogFuzz, csvFuzz, csvRowsAccounted, damagedDocuments, httpProbes, killAtRandom } from './harness.ts';

const SEED = 11;
describe('torture (bounded)', () => {
  it('CSV rows with mixed line endings are all accounted for', () => expect(csvRowsAccounted({ seed: SEED, trials: 100 }).failures).toEqual([]));
  it('fuzzed CSV text and bytes never throw and keep the accounting', () => expect(csvFuzz({ seed: SEED, trials: 100 }).failures).toEqual([]));
  it('fuzzed catalog JSON is refused with line and column', () => expect(catalogFuzz({ seed: SEED, trials: 100 }).failures).toEqual([]));
  it('fuzzed API calls never give an internal error', async () => expect((await apiFuzz({ seed: SEED, trials: 60 })).failures).toEqual([]));
  it('HTTP probes never get a 5xx and the server stays up', async () => expect((await httpProbes({ seed: SEED, trials: 60 })).failures).toEqual([]));
  it('damaged documents are opened or refused untouched', async () => expect((await damagedDocuments({ seed: SEED, trials: 15 })).failures).toEqual([]));
  it('a CLI write killed with SIGKILL leaves a document that opens', async () => expect((await killAtRandom({ seed: SEED, trials: 2 })).failures).toEqual([]), 120_000);
});
