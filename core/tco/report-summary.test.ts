// A report summary keeps every figure a TCO screen shows: its exports equal the full report's.
import { describe, expect, it } from 'vitest';
import { baselineComparisons } from './baselines.ts';
import { tcoCsv, tcoWideCsv } from './csv.ts';
import { computeTco } from './engine.ts';
import { baselineSummary, reportSummary } from './report-summary.ts';
import { makeScenario } from './test-scenarios.ts';

describe('report summary', () => {
  for (const seed of [1, 7, 19]) {
    it(`scenario ${seed}: the CSV exports of the summary equal the full report's, and the large rows are gone`, () => {
      const { input, plan } = makeScenario(seed, { maxWorkloads: 8 });
      const r = computeTco(input, plan);
      const baselines = baselineComparisons(input, plan, r);
      const s = reportSummary(r);
      const sb = baselines.map(baselineSummary);
      const source = { scenario: 'base', plan: { id: 1, solvedAt: '2026-12-05T00:00:00Z', stale: false, result: plan } };
      expect(tcoCsv(s, source, { baselines: sb })).toBe(tcoCsv(r, source, { baselines }));
      expect(tcoWideCsv(s, source)).toBe(tcoWideCsv(r, source));
      expect(Object.keys(s).sort()).toEqual(Object.keys(r).filter((k) => !['byWorkload', 'pools', 'racks'].includes(k)).sort());
      for (const [i, b] of sb.entries()) {
        expect(b.baseline).not.toHaveProperty('plan');
        expect(b.saving_usd).toBe(baselines[i]!.saving_usd);
        expect(b.break_even).toEqual(baselines[i]!.break_even);
        expect(b.baseline.report?.months).toEqual(baselines[i]!.baseline.report?.months);
      }
      // the summary is a view: the report it came from is untouched
      expect(r.byWorkload.length).toBeGreaterThan(0);
    });
  }
});
