// Laws tying the schedule to the TCO engine on random phased plans: capex per period adds up to the
// plan's capex, purchases and re-buys per period equal the TCO purchase lines over its months, and
// the cost by plan year adds up to the undiscounted horizon cost, its capex and replacements apart.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeTco } from '../tco/engine.ts';
import { planLinesV2 } from '../tco/plan-lines.ts';
import { phasedPlanArb } from './phased-plan.test-helper.ts';
import { buildSchedule } from './schedule.ts';

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-7 * Math.max(1, Math.abs(a), Math.abs(b));

describe('schedule = TCO lines', () => {
  it('holds for random phased plans', () => {
    fc.assert(
      fc.property(phasedPlanArb, ({ input, plan }) => {
        const tco = computeTco(input, plan);
        const s = buildSchedule(input, plan, tco);
        const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
        expect(close(sum(s.periods.map((p) => p.capex_usd)), tco.totals.capex_usd), `capex ${s.capex_usd} vs ${tco.totals.capex_usd}`).toBe(true);
        expect(close(s.capex_usd, planLinesV2(input, plan).capex)).toBe(true);
        for (const p of s.periods) {
          const months = tco.months.slice(p.start_month, p.start_month + p.months);
          const lines = (l: 'system_capex' | 'system_replacement' | 'edge_capex') => sum(months.map((m) => m.lines[l]));
          const systemRebuys = sum(p.sites.filter((x) => x.kind === 'site').map((x) => x.replacement_usd));
          expect(close(systemRebuys, lines('system_replacement')), `period ${p.period}: re-buys ${systemRebuys} vs ${lines('system_replacement')}`).toBe(true);
          expect(close(p.capex_usd + p.replacement_usd, lines('system_capex') + lines('system_replacement') + lines('edge_capex'))).toBe(true);
        }
        expect(close(sum(s.years.map((y) => y.total_usd)), tco.totals.undiscounted_usd)).toBe(true);
        // the plan years' capex and replacements are the schedule's and the engine's, apart
        expect(close(sum(s.years.map((y) => y.capex_usd)), tco.totals.capex_usd)).toBe(true);
        expect(close(sum(s.years.map((y) => y.replacement_usd)), s.replacement_usd), `replacements ${s.replacement_usd}`).toBe(true);
        expect(close(tco.totals.replacement_usd, s.replacement_usd)).toBe(true);
        expect(close(sum(s.years.map((y) => y.pv_usd)), tco.totals.horizon_cost_usd)).toBe(true);
        // a served workload has a place in every period it is assigned; moves are the changes between periods
        for (const t of s.timeline) expect(t.cells).toHaveLength(s.periods.length);
        // the units owned cover the units needed every month (the pools were sized by the solver's rule)
        for (const pool of s.pools) pool.needed_units.forEach((n, m) => expect(n).toBeLessThanOrEqual(pool.owned_units[m]! * (1 + 1e-9) + 1e-9));
      }),
      { numRuns: 100 },
    );
  });
});
