// A staged solve that has found no plan gives the time after its decomposition to the whole MILP,
// which finds a plan or proves there is none: the resumed decomposition (from RESUME_MIN_S) merges
// its subs' plans over a plan in hand, and with none it only ran out the clock. The infeasibility
// explanation re-solves with limits lifted (explain.ts), and such a re-solve came back with no plan
// at a 10-s limit where a 9.9-s one proved it infeasible: `fleetplan optimize` of this scenario at
// 90 s then said "there was not enough time to single out which limit is to blame" with 75 s unused.
import loadHighs, { type Highs } from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultCatalog, demoPlanInput } from '../../catalog/index.ts';
import { SettingsSchema, WorkloadSchema, type PlanInput } from '../../types.ts';
import { relaxInput } from '../explain.ts';
import { RESUME_MIN_S, solvePlanV2, STAGED_MIN_COLS } from './solve.ts';

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

/** name, model, avg_output_tps, peak_to_avg, input_per_output, response_tokens, max_latency_ms (- for none), monthly_growth_pct, placement */
const ROWS = [
  'wl-00 llama-4-maverick 200 1.5 8 150 15000 2 any',
  'wl-01 llama-3.3-70b|llama-3.3-70b-sparse70-int4 500 1.5 2 300 800 4 any',
  'wl-02 llama-3.1-8b 9000 2 2 600 - 0 any',
  'wl-03 llama-3.3-70b 9000 2 2 150 800 0 any',
  'wl-04 llama-3.3-70b|llama-3.3-70b-sparse70-int4 4000 1.5 8 150 5000 2 any',
  'wl-05 llama-3.3-70b|llama-3.3-70b-sparse70-int4 9000 3 8 150 - 2 any',
  'wl-06 llama-3.1-8b 200 3 2 300 800 4 any',
  'wl-07 llama-4-maverick 4000 2 4 150 800 1 cloud',
  'wl-08 llama-3.3-70b 1500 3 4 300 800 4 any',
  'wl-09 llama-4-maverick 9000 2 2 300 - 1 any',
  'wl-10 gpt-oss-120b 200 3 8 300 - 2 cloud',
  'wl-11 llama-4-maverick 4000 1.5 2 300 800 4 cloud',
  'wl-12 llama-3.1-8b 9000 3 4 300 5000 4 any',
  'wl-13 llama-4-maverick 1500 1.5 8 150 15000 4 any',
  'wl-14 llama-3.1-8b 500 3 2 300 5000 4 any',
  'wl-15 gpt-oss-120b 4000 2 8 300 2000 1 any',
  'wl-16 gpt-oss-120b 1500 3 4 150 15000 1 onprem',
  'wl-17 llama-3.1-8b 500 3 2 150 2000 4 any',
  'wl-18 llama-3.3-70b|llama-3.3-70b-sparse70-int4 1500 1.5 2 300 5000 2 any',
  'wl-19 llama-3.3-70b|llama-3.3-70b-sparse70-int4 9000 3 8 600 2000 0 onprem',
  'wl-20 gpt-oss-120b 4000 2 2 300 15000 4 cloud',
  'wl-21 llama-3.1-8b 500 2 2 150 - 2 any',
  'wl-22 llama-3.3-70b|llama-3.3-70b-sparse70-int4 200 3 2 600 - 0 any',
  'wl-23 llama-4-maverick 500 3 4 150 - 2 any',
  'wl-24 llama-4-maverick 200 1.5 4 300 15000 4 onprem',
  'wl-25 gpt-oss-120b 500 1.5 8 300 - 2 onprem',
  'wl-26 gpt-oss-120b 200 1.5 8 300 800 1 any',
  'wl-27 llama-3.3-70b|llama-3.3-70b-sparse70-int4 1500 3 2 600 800 2 any',
  'wl-28 llama-3.3-70b|llama-3.3-70b-sparse70-int4 1500 1.5 8 600 2000 2 onprem',
  'wl-29 llama-3.3-70b 4000 3 2 150 2000 4 any',
  'wl-30 llama-4-maverick 1500 2 4 150 - 2 any',
  'wl-31 gpt-oss-120b 200 1.5 2 150 5000 4 onprem',
  'wl-32 llama-3.3-70b 4000 3 8 150 2000 4 onprem',
  'wl-33 llama-4-maverick 4000 3 2 300 - 1 any',
  'wl-34 gpt-oss-120b 4000 2 4 600 - 0 onprem',
  'wl-35 llama-3.3-70b 200 1.5 8 300 2000 1 any',
  'wl-36 llama-3.3-70b|llama-3.3-70b-sparse70-int4 500 3 8 150 5000 0 cloud',
  'wl-37 llama-3.1-8b 500 2 2 150 800 0 any',
  'wl-38 llama-4-maverick 9000 1.5 8 300 5000 2 any',
  'wl-39 llama-3.3-70b|llama-3.3-70b-sparse70-int4 200 3 4 300 2000 4 cloud',
  'wl-40 llama-3.3-70b|llama-3.3-70b-sparse70-int4 500 3 8 150 800 4 any',
  'wl-41 llama-3.3-70b 500 1.5 4 600 2000 0 any',
  'wl-42 llama-3.3-70b|llama-3.3-70b-sparse70-int4 9000 3 8 300 5000 0 any',
  'wl-43 llama-3.3-70b|llama-3.3-70b-sparse70-int4 500 2 2 150 2000 4 any',
  'wl-44 llama-3.3-70b|llama-3.3-70b-sparse70-int4 4000 2 8 600 - 1 any',
];

/** The demo with 45 more workloads, bought every 6 months, hardware 10 % cheaper a year: site power blocks a plan, and so do site racks. */
function phasedDemo(): PlanInput {
  const demo = demoPlanInput(defaultCatalog());
  const more = ROWS.map((r) => {
    const [name, model, tps, peak, inPer, tokens, latency, growth, placement] = r.split(' ');
    return WorkloadSchema.parse({
      name, model, avg_output_tps: Number(tps), peak_to_avg: Number(peak), input_per_output: Number(inPer), response_tokens: Number(tokens),
      ...(latency === '-' ? {} : { max_latency_ms: Number(latency) }), monthly_growth_pct: Number(growth), placement,
    });
  });
  return {
    ...demo,
    workloads: [...demo.workloads, ...more],
    settings: SettingsSchema.parse({ ...demo.settings, purchase_interval_months: 6, hardware_price_change_pct_per_year: -10 }),
  };
}

/**
 * `input` solved with performance.now() replaced by a clock that advances `stepMs` at each read
 * (clock.ts' now() and HiGHS' own timer both read it): time is a count of reads, so the solve takes
 * the same path under any load.
 */
function solveOnCountingClock(input: PlanInput, timeLimitS: number, stepMs: number) {
  const real = performance.now;
  let t = 1e6;
  performance.now = () => (t += stepMs);
  try {
    return solvePlanV2(highs, input, { timeLimitS, explain: false });
  } finally {
    performance.now = real;
  }
}

describe('solvePlanV2: a staged solve with no plan', () => {
  it('does not resume its decomposition, which could give it none: the whole MILP gets the time and proves there is no plan (site racks lifted, site power still blocks; clock counted in reads)', () => {
    const input = relaxInput(phasedDemo(), ['site_racks']);
    const r = solveOnCountingClock(input, RESUME_MIN_S, 0.2);
    const s = r.stats!;
    // the staged path, where the decomposition resumes from RESUME_MIN_S on once every sub has run
    expect(s.cols).toBeGreaterThanOrEqual(STAGED_MIN_COLS);
    expect(s.components).toBeGreaterThan(1);
    expect(s.decompose_priced_rows).toBe(0);
    for (let i = 0; i < s.components!; i++) expect(s[`sub${i}_runs`]).toBeGreaterThan(0);
    // with no plan in hand the resume does not run, and the whole MILP proves there is none
    // (before: resume_ms, and no_plan with the time gone)
    expect(s).not.toHaveProperty('resume_ms');
    expect(s.mip_ms).toBeDefined();
    expect(r.status).toBe('infeasible');
    expect(r.objective_usd).toBeNull();
  }, 180_000);
});
