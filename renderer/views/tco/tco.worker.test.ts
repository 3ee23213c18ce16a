// The TCO worker's answers are the main thread's figures: each job run on a copy of the data as a
// worker receives it (structured clone) equals core/tco computed directly on the same input,
// assumptions applied, minus only the rows the view does not draw.
import { describe, expect, it } from 'vitest';
import { baselineComparisons } from '../../../core/tco/baselines.ts';
import { computeTco } from '../../../core/tco/engine.ts';
import { baselineSummary, reportSummary } from '../../../core/tco/report-summary.ts';
import { sensitivity } from '../../../core/tco/sensitivity.ts';
import { makeScenario } from '../../../core/tco/test-scenarios.ts';
import { applyAssumptions, assumptionsOf, type Assumptions } from '../../../core/tco/what-if.ts';
import { planYears } from '../../../core/schedule/schedule.ts';
import { compareScenarios } from '../../../core/tco/compare.ts';
import { buildSchedule } from '../../../core/schedule/schedule.ts';
import { runCompareJob, runTcoJob } from './tco.worker.ts';

const whatIfs: ((a: Assumptions) => Assumptions)[] = [
  (a) => a,
  (a) => ({ ...a, hardware_price_change_pct_per_year: -20, cloud_price_change_pct_per_year: -10 }),
  (a) => ({ ...a, horizon_months: Math.max(12, a.horizon_months - 6), discount_rate_pct: 9, residual_value: !a.residual_value }),
  (a) => ({ ...a, electricity_factor: 1.5, pue: 1.6, growth_add_pp: 1, max_utilization: 0.7 }),
];

describe('TCO worker jobs', () => {
  for (const seed of [3, 11, 42]) {
    const { input, plan } = makeScenario(seed, { maxWorkloads: 8, horizon: 36 });
    whatIfs.forEach((move, i) => {
      it(`scenario ${seed}, what-if ${i}: report, plan years, baselines and tornado equal the direct computation`, () => {
        const assumptions = move(assumptionsOf(input.settings));
        // what a worker receives: copies of the saved input, the plan and the assumptions
        const data = structuredClone({ input, plan });
        const a = structuredClone(assumptions);
        const effective = applyAssumptions(input, assumptions);
        const full = computeTco(effective, plan);

        const rep = runTcoJob({ job: 'report', assumptions: a, pct: 20 }, data);
        if (!('report' in rep)) throw new Error('no report');
        expect(rep.report).toEqual(reportSummary(full));
        expect(rep.report.totals.horizon_cost_usd).toBe(full.totals.horizon_cost_usd);
        expect(rep.report).not.toHaveProperty('byWorkload');
        expect(rep.years).toEqual(planYears(effective, full));
        expect(typeof rep.ms).toBe('number');

        const bas = runTcoJob({ job: 'baselines', assumptions: a, pct: 20 }, data);
        if (!('baselines' in bas)) throw new Error('no baselines');
        expect(bas.baselines).toEqual(baselineComparisons(effective, plan).map(baselineSummary));
        for (const b of bas.baselines) expect(b.baseline).not.toHaveProperty('plan');

        const sens = runTcoJob({ job: 'sensitivity', assumptions: a, pct: 10 }, data);
        if (!('sensitivity' in sens)) throw new Error('no sensitivity');
        expect(sens.sensitivity).toEqual(sensitivity(effective, plan, { pct: 10 }));
      });
    });
  }

  it('reports progress of the tornado driver by driver', () => {
    const { input, plan } = makeScenario(5, { maxWorkloads: 4 });
    const seen: [number, number][] = [];
    runTcoJob({ job: 'sensitivity', assumptions: assumptionsOf(input.settings), pct: 20 }, { input, plan }, (done, total) => seen.push([done, total]));
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.at(-1)![0]).toBe(seen.at(-1)![1]);
    expect(seen.map(([d]) => d)).toEqual([...seen.map(([d]) => d)].sort((x, y) => x - y));
  });
});

describe('Compare worker job', () => {
  it('the comparison and each schedule equal the direct computation on copies of the scenarios', () => {
    const items = [3, 11, 42].map((seed) => ({ name: `s${seed}`, ...makeScenario(seed, { maxWorkloads: 6 }) }));
    const out = runCompareJob(structuredClone(items.map(({ name, input, plan }) => ({ name, input, plan }))));
    expect(out.comparison).toEqual(compareScenarios(items));
    const withFleet = items.filter((x) => x.plan.assignments.length > 0 && (x.plan.status === 'optimal' || x.plan.status === 'time_limit'));
    expect(out.schedules.length).toBeGreaterThan(0);
    expect(out.schedules.map((s) => s.name)).toEqual(withFleet.map((x) => x.name));
    for (const s of out.schedules) {
      const x = items.find((i) => i.name === s.name)!;
      const direct = buildSchedule(x.input, x.plan, computeTco(x.input, x.plan));
      expect(s.schedule).toEqual({ summary: direct.summary, periods: direct.periods, interval_months: direct.interval_months, capex_usd: direct.capex_usd, replacement_usd: direct.replacement_usd });
    }
  });
});
