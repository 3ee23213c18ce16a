// The TCO worker's answers are the main thread's figures: each job run on the data as a worker
// receives it (parsed from the JSON text built in slices) equals core/tco computed directly on the
// same input, assumptions applied, minus only the rows the view does not draw.
import { describe, expect, it } from 'vitest';
import { baselineComparisons } from '../../../core/tco/baselines.ts';
import { computeTco } from '../../../core/tco/engine.ts';
import { baselineSummary, reportSummary } from '../../../core/tco/report-summary.ts';
import { sensitivity } from '../../../core/tco/sensitivity.ts';
import { makeScenario } from '../../../core/tco/test-scenarios.ts';
import { applyAssumptions, assumptionsOf, whatIfPlan, type Assumptions } from '../../../core/tco/what-if.ts';
import { planYears } from '../../../core/schedule/schedule.ts';
import { compareScenarios } from '../../../core/tco/compare.ts';
import { buildSchedule } from '../../../core/schedule/schedule.ts';
import { compareLoaded, loadCompare, runCompareJob, runTcoJob, type CompareLoaded } from './tco.worker.ts';
import { jsonInSlices } from './json-slices.ts';
import type { StoredPlan } from '../../../core/api.ts';
import type { Settings } from '../../../core/types.ts';

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
      it(`scenario ${seed}, what-if ${i}: report, plan years, baselines and tornado equal the direct computation`, async () => {
        const assumptions = move(assumptionsOf(input.settings));
        // what a worker receives: the JSON text of the saved input and the plan, a copy of the assumptions
        const data = JSON.parse(await jsonInSlices({ input, plan }, 1)) as { input: typeof input; plan: typeof plan };
        const a = structuredClone(assumptions);
        const effective = applyAssumptions(input, assumptions);
        // every figure costs one plan: the saved one, its cloud instances re-rented where demand moved
        const costed = whatIfPlan(plan, effective, input.settings, assumptions);
        const full = computeTco(effective, costed);

        const rep = runTcoJob({ job: 'report', assumptions: a, pct: 20 }, data);
        if (!('report' in rep)) throw new Error('no report');
        expect(rep.report).toEqual(reportSummary(full));
        expect(rep.report.totals.horizon_cost_usd).toBe(full.totals.horizon_cost_usd);
        expect(rep.report).not.toHaveProperty('byWorkload');
        expect(rep.years).toEqual(planYears(effective, full));
        expect(typeof rep.ms).toBe('number');

        const bas = runTcoJob({ job: 'baselines', assumptions: a, pct: 20 }, data);
        if (!('baselines' in bas)) throw new Error('no baselines');
        expect(bas.baselines).toEqual(baselineComparisons(effective, costed).map(baselineSummary));
        for (const b of bas.baselines) expect(b.baseline).not.toHaveProperty('plan');

        const sens = runTcoJob({ job: 'sensitivity', assumptions: a, pct: 10 }, data);
        if (!('sensitivity' in sens)) throw new Error('no sensitivity');
        expect(sens.sensitivity).toEqual(sensitivity(effective, costed, { pct: 10 }));
        // the tornado's base is the headline cost (a growth what-if once gave them different plans)
        expect(sens.sensitivity.base_usd).toBeCloseTo(rep.report.totals.horizon_cost_usd, 6);
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
      expect(s.error).toBeNull();
      const x = items.find((i) => i.name === s.name)!;
      const direct = buildSchedule(x.input, x.plan, computeTco(x.input, x.plan));
      expect(s.schedule).toEqual({ summary: direct.summary, periods: direct.periods, interval_months: direct.interval_months, capex_usd: direct.capex_usd, replacement_usd: direct.replacement_usd });
    }
  });
});

describe('Compare read from JSON text (the desktop app)', () => {
  const stored = (id: number, plan: StoredPlan['result'], stale = false): StoredPlan => ({ id, scenario: `s${id}`, solvedAt: '2026-01-01T00:00:00Z', inputHash: 'h', stale, result: plan });

  it('columns keep the pick order; only scenarios with costs are compared, in that order', async () => {
    const a = makeScenario(3, { maxWorkloads: 6 });
    const b = makeScenario(11, { maxWorkloads: 6 });
    const c = makeScenario(42, { maxWorkloads: 6 });
    const loaded: CompareLoaded[] = [
      { name: 'B', input: b.input, stored: stored(2, b.plan), error: null },
      { name: 'none', input: a.input, stored: null, error: null },
      { name: 'broken', input: null, stored: null, error: 'no such scenario' },
      { name: 'infeasible', input: c.input, stored: stored(4, { ...c.plan, status: 'infeasible' }), error: null },
      { name: 'A', input: a.input, stored: stored(1, a.plan, true), error: null },
    ];
    const names = loaded.map((x) => x.name);
    const back = await loadCompare(names, { kind: 'text', text: await jsonInSlices(loaded, 1) });
    const out = compareLoaded(back);
    expect(out.entries.map((e) => [e.name, e.usable, e.error, e.plan?.id ?? null, e.plan?.stale ?? null])).toEqual([
      ['B', true, null, 2, false],
      ['none', false, null, null, null],
      ['broken', false, 'no such scenario', null, null],
      ['infeasible', false, null, 4, false],
      ['A', true, null, 1, true],
    ]);
    expect(out.entries[3]!.plan!.status).toBe('infeasible');
    expect(out.compared?.comparison).toEqual(compareScenarios([{ name: 'B', ...b }, { name: 'A', ...a }]));
    // another pick than the text holds is refused, never compared under the wrong names
    await expect(loadCompare(['A', 'B'], { kind: 'text', text: JSON.stringify(loaded) })).rejects.toThrow(/did not reach/);
  });

  it('the settings that differ cover a scenario with no plan to cost: its saved settings, not "—"', () => {
    const a = makeScenario(3, { maxWorkloads: 6 });
    const b = makeScenario(11, { maxWorkloads: 6 });
    const settings: Settings = { ...a.input.settings, capex_budget_usd: null, discount_rate_pct: 0 };
    const at = (s: Settings) => ({ ...a.input, settings: s });
    const out = compareLoaded([
      { name: 'A', input: at(settings), stored: stored(1, a.plan), error: null },
      { name: 'B', input: at(settings), stored: stored(2, b.plan), error: null },
      // infeasible for a $0 capex budget: the only setting that differs is its own
      { name: 'zero-capex', input: at({ ...settings, capex_budget_usd: 0 }), stored: stored(3, { ...b.plan, status: 'infeasible' }), error: null },
      { name: 'broken', input: null, stored: null, error: 'no such scenario' },
    ]);
    expect(out.compared?.comparison.scenarios).toEqual(['A', 'B']);
    expect(out.settings).toEqual({
      scenarios: ['A', 'B', 'zero-capex'],
      diffs: [{ key: 'capex_budget_usd', label: 'Capex budget (per plan year)', values: ['—', '—', '$0'] }],
    });
  });

  it('fewer than two scenarios with costs: the columns, no comparison', () => {
    const a = makeScenario(3, { maxWorkloads: 6 });
    const out = compareLoaded([{ name: 'A', input: a.input, stored: stored(1, a.plan), error: null }, { name: 'B', input: a.input, stored: null, error: null }]);
    expect(out.entries.map((e) => e.usable)).toEqual([true, false]);
    expect(out.compared).toBeNull();
  });

  it('two columns, one infeasible for a $0 capex budget: no comparison, yet the setting that differs is given', () => {
    const a = makeScenario(3, { maxWorkloads: 6 });
    const settings: Settings = { ...a.input.settings, capex_budget_usd: null };
    const out = compareLoaded([
      { name: 'Base', input: { ...a.input, settings }, stored: stored(1, a.plan), error: null },
      { name: 'zero-capex', input: { ...a.input, settings: { ...settings, capex_budget_usd: 0 } }, stored: stored(2, { ...a.plan, status: 'infeasible' }), error: null },
    ]);
    expect(out.compared).toBeNull();
    expect(out.settings).toEqual({ scenarios: ['Base', 'zero-capex'], diffs: [{ key: 'capex_budget_usd', label: 'Capex budget (per plan year)', values: ['—', '$0'] }] });
  });
});
