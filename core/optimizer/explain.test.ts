// Infeasibility words a person reads: catalog names (never ids), long lists of options cut to the
// most telling names and a count (every option in the full reason), no site said to lack the liquid cooling it has, the limit and by how much, the budget that would work,
// and the view holding the fix. Pure: the relaxed re-solve is given as a plan.
import { describe, expect, it } from 'vitest';
import type { PlanInput, PlanResult } from '../types.ts';
import { capexPerPlanYear, countsUnnamedOptions, explainInfeasible, fullNoCandidateReason, fullNoCandidateReasons, MIN_RELAXED_S, noCandidateReason, noCandidateWhy, reasonsInOneLine, type ExplainClock, type RelaxedSolve } from './explain.ts';
import { reasonFixes } from './reason-fix.ts';
import { candidatesV2 } from '../sizing.ts';
import { api, cloud, edge, makeInput, models, system } from './fixtures.test-helper.ts';

const perf = { m70: [{ user_tps: 30, unit_tps: 3000, ttft_ms: 300 }] };
const liquid = (id: string, name: string) => system(id, { name, cooling: 'liquid' }, perf);

function emptyPlan(extra: Partial<PlanResult>): PlanResult {
  return {
    status: 'optimal', objective_usd: 0, bound_usd: 0, gap: 0, solve_ms: 1, periods: [{ period: 0, start_month: 0, months: 12 }],
    assignments: [], purchases: [], pools: [], cloud: [], edge: [], unserved: [], sites: [], totals: { capex_usd: 0, horizon_cost_usd: 0 }, ...extra,
  };
}

/** A re-solve that decides at once: the plan `f` gives, else a proof that there is none. */
const decides = (f: (i: PlanInput) => PlanResult | null): RelaxedSolve => (i) => f(i) ?? emptyPlan({ status: 'infeasible' });
/** Time enough for every re-solve. */
/** a point without unit_tps (the catalog allows it; the helpers' types ask for a number) */
const NO_TPS = null as unknown as number;

const roomy: ExplainClock = { leftS: () => 60, firstS: 7.5 };

describe('noCandidateWhy', () => {
  it('names options by their catalog names, counts a long list (all of them in full), and names the sites that lack liquid cooling', () => {
    const options = Array.from({ length: 6 }, (_, i) => liquid(`sys-${i}`, `Wafer System ${i}`));
    const input = makeInput({
      catalog: { models, options },
      workloads: [{ name: 'w', model: 'm70', avg_output_tps: 10 }],
      sites: [{ name: 'Air DC', it_power_kw: 100, racks: 4 }, { name: 'Wet DC', it_power_kw: 100, racks: 4, liquid_cooling: true, rack_units: 4 }],
    });
    const rejected = options.flatMap((o) => [
      { option: o.id, site: 'Air DC', reason: 'needs liquid cooling' },
      { option: o.id, site: 'Wet DC', reason: 'does not fit a 4 U / 20 kW rack' },
    ]);
    const e = { workload: input.workloads[0]!, rejected };
    const why = noCandidateWhy(e, input);
    expect(why).not.toMatch(/sys-\d/);
    expect(why).toBe('nothing can serve m70 — 6 options (Wafer System 0, Wafer System 1 and 4 more) need liquid cooling, which Air DC lacks ' +
      '(Wet DC has it, but they are excluded there for the other reasons given); 6 options (Wafer System 0, Wafer System 1 and 4 more) do not fit a 4 U / 20 kW rack at Wet DC');
    expect(why).not.toMatch(/sites lack it/);
    expect(reasonFixes(why).map((f) => f.view)).toEqual(['sites']);
    const full = noCandidateWhy(e, input, { full: true });
    expect(full).not.toMatch(/more/);
    for (const o of options) expect(full).toContain(o.name);
    expect(full).toContain('Wafer System 4 and Wafer System 5 need liquid cooling, which Air DC lacks (Wet DC has it');
  });

  it('a long reason is short: the cause excluding the most options first, the fastest named, counts and "and N more"', () => {
    // 8 APIs too slow for 100 ms (the fastest 200 ms + 1000 x 300 / 1000 = 500 ms), 5 edge devices with no
    // endpoints, one premium system the tiers exclude; in catalog order the tiers came first and every name was listed
    const apis = Array.from({ length: 8 }, (_, i) => api(`a${i}`, { name: `API ${i}` }, { m8: [{ user_tps: 100 * (i + 3), ttft_ms: 200 }] }));
    const edges = Array.from({ length: 5 }, (_, i) => edge(`e${i}`, { name: `Board ${i}` }, { m8: [{ user_tps: 20, unit_tps: 20, ttft_ms: 100 }] }));
    const input = makeInput({
      catalog: { models, options: [system('box', { name: 'Box', tier: 'premium' }, { m8: [{ user_tps: 30, unit_tps: 3000, ttft_ms: 300 }] }), ...apis, ...edges] },
      workloads: [{ name: 'w', model: 'm8', avg_output_tps: 10, max_latency_ms: 100, response_tokens: 300, tiers: ['commodity', 'edge'] }],
      sites: [{ name: 'DC', it_power_kw: 100, racks: 4 }],
    });
    const [e] = candidatesV2(input);
    expect(e!.candidates).toEqual([]);
    const why = noCandidateWhy(e!, input);
    expect(why).toBe('nothing can serve m8 — 8 options cannot meet 100 ms for 300 tokens (the fastest, API 7, needs 500 ms: 400 ms over); ' +
      '5 edge devices (Board 0, Board 1 and 3 more) need endpoints > 0; tiers commodity;edge exclude Box');
    expect(reasonFixes(why).map((f) => f.view)).toEqual(['workloads']);
    // in full: every option, the fastest first
    const full = noCandidateWhy(e!, input, { full: true });
    expect(full).toContain('API 7, API 6, API 5, API 4, API 3, API 2, API 1 and API 0 cannot meet 100 ms for 300 tokens (the fastest, API 7, needs 500 ms: 400 ms over)');
    expect(full).toContain('edge devices Board 0, Board 1, Board 2, Board 3 and Board 4 need endpoints > 0');
    // edge devices alone: their endpoints are set in Workloads
    const boards = makeInput({ ...input, catalog: { ...input.catalog, options: input.catalog.options.filter((o) => o.kind === 'edge_device') } });
    const boardsWhy = noCandidateWhy(candidatesV2(boards)[0]!, boards);
    expect(boardsWhy).toBe('nothing can serve m8 — 5 edge devices (Board 0, Board 1 and 3 more) need endpoints > 0');
    expect(reasonFixes(boardsWhy).map((f) => f.view)).toEqual(['workloads']);
    // one of each: named, in the singular
    const one = makeInput({ ...input, catalog: { ...input.catalog, options: input.catalog.options.filter((o) => ['box', 'a0', 'e0'].includes(o.id)) } });
    expect(noCandidateWhy(candidatesV2(one)[0]!, one)).toBe('nothing can serve m8 — tiers commodity;edge exclude Box; API 0 cannot meet 100 ms for 300 tokens (it needs 1200 ms: 1100 ms over); edge device Board 0 needs endpoints > 0');
  });

  it('an edge device whose API misses the latency is counted with the latency, not as another reason', () => {
    const input = makeInput({
      catalog: { models, options: [api('slow', { name: 'Slow API' }, { m8: [{ user_tps: 10, ttft_ms: 500 }] }), edge('dev', { name: 'Agent board', inference_via: 'slow', performance: [] }, {})] },
      workloads: [{ name: 'w', model: 'm8', avg_output_tps: 10, max_latency_ms: 1000, response_tokens: 250, endpoints: 10, tiers: ['premium', 'commodity', 'edge'] }],
      sites: [],
    });
    const [e] = candidatesV2(input);
    expect(e!.rejected.map((r) => r.reason)).toContain('no operating point of slow meets 1000 ms for 250 tokens');
    expect(noCandidateWhy(e!, input)).toBe('no option meets 1000 ms for 250 tokens (the fastest, Slow API, needs 25500 ms: 24500 ms over)');
  });

  it('many options arriving after the last purchase: the earliest named first, the rest counted; the full reason lists all', () => {
    const late = ['2028-06', '2027-09', '2029-01', '2027-08'].map((from, i) => system(`late${i}`, { name: `Late ${i}`, available_from: from }, perf));
    const input = makeInput({
      catalog: { models, options: late }, workloads: [{ name: 'w', model: 'm70', avg_output_tps: 10 }], sites: [{ name: 'DC', it_power_kw: 100, racks: 4 }],
      settings: { start_month: '2027-01', horizon_months: 12, purchase_interval_months: 6 },
    });
    const [e] = candidatesV2(input);
    const why = noCandidateWhy(e!, input);
    expect(why).toBe('nothing can serve m70 — 4 options (Late 3 (available from 2027-08), Late 1 (available from 2027-09) and 2 more) arrive after the plan\'s last purchase (Jul 2027)');
    expect(reasonFixes(why).map((f) => f.view)).toEqual(['catalog']);
    expect(noCandidateWhy(e!, input, { full: true })).toBe('nothing can serve m70 — Late 3 (available from 2027-08), Late 1 (available from 2027-09), ' +
      'Late 0 (available from 2028-06) and Late 2 (available from 2029-01) arrive after the plan\'s last purchase (Jul 2027)');
  });

  it('fullNoCandidateReasons gives the full reason of a short one, with or without the workload name, and leaves other reasons alone', () => {
    const options = Array.from({ length: 5 }, (_, i) => system(`s${i}`, { name: `Slow ${i}` }, { m70: [{ user_tps: 10 + i, unit_tps: 3000, ttft_ms: 300 }] }));
    const input = makeInput({
      catalog: { models, options },
      workloads: [{ name: 'w', model: 'm70', avg_output_tps: 10, max_latency_ms: 1000, response_tokens: 250, placement: 'cloud' }, { name: 'ok', model: 'm70', avg_output_tps: 10 }],
      sites: [{ name: 'DC', it_power_kw: 100, racks: 4 }],
    });
    const [e] = candidatesV2(input);
    const short = noCandidateWhy(e!, input);
    expect(short).toBe('nothing can serve m70 — placement cloud excludes 5 options (Slow 0, Slow 1 and 3 more)');
    const full = fullNoCandidateReasons(input);
    expect(full(short)).toBe('nothing can serve m70 — placement cloud excludes Slow 0, Slow 1, Slow 2, Slow 3 and Slow 4');
    expect(full(noCandidateReason(e!, input))).toBe(`w: ${full(short)}`);
    expect(full('within the site and budget limits, serving it costs more than its unserved penalty')).toBe('within the site and budget limits, serving it costs more than its unserved penalty');
  });

  it('fullNoCandidateReason sizes one workload for its full reason, and countsUnnamedOptions tells from the words alone which reasons have one', () => {
    // each way a short reason counts options it does not name: a tier's list, a latency's count, the
    // option-by-option causes (edge devices delivering too little, other reasons), and reasons naming all
    const slow = Array.from({ length: 5 }, (_, i) => system(`s${i}`, { name: `Slow ${i}` }, { m70: [{ user_tps: 10 + i, unit_tps: 3000, ttft_ms: 300 }] }));
    const small = Array.from({ length: 4 }, (_, i) => edge(`e${i}`, { name: `Small ${i}` }, { m70: [{ user_tps: 30, unit_tps: 1 + i, ttft_ms: 100 }] }));
    const noTps = Array.from({ length: 4 }, (_, i) => cloud(`c${i}`, { name: `Bare ${i}` }, { m70: [{ user_tps: 30, unit_tps: NO_TPS, ttft_ms: 100 }] }));
    const input = makeInput({
      catalog: { models, options: [...slow, ...small, ...noTps] },
      workloads: [
        { name: 'placed', model: 'm70', avg_output_tps: 10, placement: 'cloud', tiers: ['commodity'], max_latency_ms: 1000, response_tokens: 250 },
        { name: 'latency', model: 'm70', avg_output_tps: 10, tiers: ['commodity'], placement: 'onprem', max_latency_ms: 1000, response_tokens: 250 },
        { name: 'edge', model: 'm70', avg_output_tps: 1000, tiers: ['edge'], endpoints: 10 },
        { name: 'bare', model: 'm70', avg_output_tps: 10, tiers: ['commodity'], placement: 'cloud' },
        { name: 'ok', model: 'm70', avg_output_tps: 10 },
      ],
      sites: [{ name: 'DC', it_power_kw: 100, racks: 4 }],
    });
    const short = new Map(candidatesV2(input).filter((e) => e.candidates.length === 0).map((e) => [e.workload.name, noCandidateWhy(e, input)]));
    expect([...short.keys()]).toEqual(['placed', 'latency', 'edge', 'bare']);
    for (const [name, why] of short) {
      const full = fullNoCandidateReason(input, why, name);
      expect(full).toBe(fullNoCandidateReasons(input)(why));
      expect(countsUnnamedOptions(why), `${name}: ${why}`).toBe(full !== why);
      expect(fullNoCandidateReason(input, `${name}: ${why}`)).toBe(`${name}: ${full}`);
    }
    expect(short.get('latency')).toMatch(/^nothing can serve m70 — 5 options cannot meet/);
    expect(short.get('edge')).toMatch(/; 2 more edge devices deliver too little/);
    expect(short.get('bare')).toMatch(/; 2 more options are excluded for other reasons/);
    // a reason naming all of its options (three) has no fuller one, nor a reason of another kind
    const three = makeInput({ ...input, catalog: { models, options: slow.slice(0, 3) }, workloads: [input.workloads[1]!] });
    const [e3] = candidatesV2(three);
    const why3 = noCandidateWhy(e3!, three);
    expect(countsUnnamedOptions(why3)).toBe(false);
    expect(noCandidateWhy(e3!, three, { full: true })).toBe(why3);
    const penalty = 'within the site and budget limits, serving it costs more than its unserved penalty';
    expect(countsUnnamedOptions(penalty)).toBe(false);
    expect(fullNoCandidateReason(input, penalty, 'ok')).toBe(penalty);
    // a reason its workload does not give (another input) is left as it is
    expect(fullNoCandidateReason(input, short.get('placed')!, 'latency')).toBe(short.get('placed'));
  });

  it('an option without unit_tps names the model of a model list, once for all the models it lacks it for', () => {
    const bare = (id: string, name: string, perf: Record<string, { user_tps: number; unit_tps: number; ttft_ms: number }[]>) => cloud(id, { name }, perf);
    const input = makeInput({
      catalog: { models, options: [
        bare('c1', 'Half Bare', { m70: [{ user_tps: 300, unit_tps: NO_TPS, ttft_ms: 100 }], m405: [{ user_tps: 1, unit_tps: 100, ttft_ms: 100 }] }),
        bare('c2', 'All Bare', { m70: [{ user_tps: 300, unit_tps: NO_TPS, ttft_ms: 100 }], m405: [{ user_tps: 300, unit_tps: NO_TPS, ttft_ms: 100 }] }),
      ] },
      workloads: [
        { name: 'list', model: 'm70|m405', avg_output_tps: 10, placement: 'cloud', max_latency_ms: 1000, response_tokens: 250 },
        { name: 'one', model: 'm70', avg_output_tps: 10, placement: 'cloud', max_latency_ms: 1000, response_tokens: 250 },
      ],
    });
    const [list, one] = candidatesV2(input);
    // Half Bare's m70 point meets the latency: no "needs … ms over" for it
    expect(noCandidateWhy(list!, input)).toBe('nothing can serve m70|m405 — Half Bare: its operating point for m70 has no unit_tps; ' +
      'All Bare: its operating points for m70 and m405 have no unit_tps; Half Bare (with m405) cannot meet 1000 ms for 250 tokens');
    expect(noCandidateWhy(one!, input)).toBe('nothing can serve m70 — Half Bare: its operating point has no unit_tps; All Bare: its operating point has no unit_tps');
  });

  it('an option arriving after the last purchase says when it arrives and when the plan last buys, not "not yet available" at the start', () => {
    const late = system('late', { name: 'Late Box', available_from: '2027-12' }, perf);
    const rejected = [{ option: 'late', site: null, reason: 'not available before 2027-12' }];
    const phased = makeInput({
      catalog: { models, options: [late] }, workloads: [{ name: 'w', model: 'm70', avg_output_tps: 10 }], sites: [{ name: 'DC', it_power_kw: 100, racks: 4 }],
      settings: { start_month: '2027-01', horizon_months: 12, purchase_interval_months: 6 },
    });
    expect(noCandidateWhy({ workload: phased.workloads[0]!, rejected }, phased)).toBe('nothing can serve m70 — Late Box (available from 2027-12) arrives after the plan\'s last purchase (Jul 2027)');
    const once = { ...phased, settings: { ...phased.settings, purchase_interval_months: 12 } };
    const why = noCandidateWhy({ workload: once.workloads[0]!, rejected }, once);
    expect(why).toBe('nothing can serve m70 — Late Box (available from 2027-12) is not yet available in Jan 2027, when the plan buys');
    expect(reasonFixes(why).map((f) => f.view)).toEqual(['catalog']);
  });

  it('a reason naming site power or site racks links to Sites (the racks reason and the limits together had no Sites link)', () => {
    expect(reasonFixes('site racks makes the scenario infeasible: lifting it admits a plan, which uses 19 racks at DC, 15 over its limit of 4').map((f) => f.view)).toEqual(['sites']);
    // a workload only systems serve whose one replica is more than the site holds (solve.ts oversizeRuns)
    expect(reasonFixes('nothing can serve big in Jan 2026 – Dec 2027: one replica of each system that could is more than its site holds (wafer for m405 at hall: one replica is 8 units, 4 racks and 56 kW; the site has 3 racks and 600 kW)').map((f) => f.view)).toEqual(['sites']);
    expect(reasonFixes('the limits together (site power, site racks, the capex budget) make the scenario infeasible; no single limit or pair of them does').map((f) => f.view))
      .toEqual(['sites', 'settings']);
  });

  it('a latency nothing meets says by how much the fastest option misses it', () => {
    const input = makeInput({
      catalog: { models, options: [api('fast-api', { name: 'Fast API' }, { m70: [{ user_tps: 100, ttft_ms: 200 }] })] },
      workloads: [{ name: 'w', model: 'm70', avg_output_tps: 10, max_latency_ms: 1000, response_tokens: 250 }],
      sites: [],
    });
    const why = noCandidateWhy({ workload: input.workloads[0]!, rejected: [{ option: 'fast-api', site: null, reason: 'no operating point meets 1000 ms' }] }, input);
    // 200 ms + 1000 × 250 / 100 = 2,700 ms
    expect(why).toBe('no option meets 1000 ms for 250 tokens (the fastest, Fast API, needs 2700 ms: 1700 ms over)');
    expect(reasonFixes(why).map((f) => f.view)).toEqual(['workloads']);
  });
  it('a workload with a model list (a|b): options serving one of its models are never said to serve none of them', () => {
    // found by bench/independent.ts (single-option scenarios): "no option in the catalog serves m70|m405"
    // for a workload a cloud-only placement kept off the one system that serves m70
    const input = makeInput({
      catalog: { models, options: [system('box', { name: 'GPU box' }, perf), api('slow-api', { name: 'Slow API' }, { m405: [{ user_tps: 10, ttft_ms: 500 }] })] },
      workloads: [
        { name: 'placed', model: 'm70|m405', avg_output_tps: 10, placement: 'onprem' },
        { name: 'slow', model: 'm405|m70', avg_output_tps: 10, tiers: ['premium', 'commodity'], placement: 'cloud', max_latency_ms: 1000, response_tokens: 250 },
      ],
      sites: [{ name: 'DC', it_power_kw: 100, racks: 4 }],
    });
    const [placed, slow] = candidatesV2(input);
    expect(placed!.candidates.length + slow!.candidates.length).toBeGreaterThan(0);
    // 'placed' has the box (onprem): a candidate; 'slow' (cloud only) has none: the box is excluded by
    // placement and the API misses the latency (500 + 1000 × 250 / 10 = 25,500 ms)
    const why = noCandidateWhy(slow!, input);
    expect(why).not.toMatch(/no option in the catalog serves/);
    expect(why).toContain('placement cloud excludes GPU box');
    expect(why).toContain('Slow API cannot meet 1000 ms');
    const latencyOnly = makeInput({ ...input, workloads: [{ name: 'fast', model: 'm405|m8', avg_output_tps: 10, max_latency_ms: 1000, response_tokens: 250 }] });
    const [fast] = candidatesV2(latencyOnly);
    expect(noCandidateWhy(fast!, latencyOnly)).toBe('no option meets 1000 ms for 250 tokens (the fastest, Slow API, needs 25500 ms: 24500 ms over)');
  });

  it('a system that does not fit the racks: the figure that breaks the fit, by site (was "Rack B do not fit the sites\' racks")', () => {
    // a rack-scale unit of 20 kW over 2 racks draws 10 kW a rack: not in 9.99 kW racks; a 15 kW box not in 10 kW racks;
    // a 42 U system not in 40 U racks
    const input = makeInput({
      catalog: { models, options: [
        system('rb', { name: 'Rack B', rack_units: 42, racks_per_unit: 2, max_power_kw: 20 }, perf),
        system('bx', { name: 'Box', rack_units: 4, max_power_kw: 15 }, perf),
        system('bx2', { name: 'Box 2', rack_units: 4, max_power_kw: 15 }, perf),
      ] },
      workloads: [{ name: 'w', model: 'm70', avg_output_tps: 10 }],
      sites: [{ name: 'S', it_power_kw: 100, racks: 10, rack_units: 42, rack_kw: 9.99 }, { name: 'T', it_power_kw: 100, racks: 10, rack_units: 40, rack_kw: 10 }],
    });
    const why = noCandidateWhy(candidatesV2(input)[0]!, input);
    expect(why).toContain('Rack B does not fit a 42 U / 9.99 kW rack (20 kW a unit over 2 racks: 10 kW a rack) at S');
    expect(why).toContain('Box and Box 2 do not fit a 42 U / 9.99 kW rack (15 kW a unit) at S');
    expect(why).toContain('Box and Box 2 do not fit a 40 U / 10 kW rack (15 kW a unit) at T');
    expect(why).toContain('Rack B is 42 U, taller than the 40 U racks at T');
    expect(reasonFixes(why).map((f) => f.view)).toEqual(['sites']);
  });

  it('systems taller than the racks: a cause of their own, by rack height, the sites named once and the least tall first (it fell under the catch-all, once a site)', () => {
    const tall = (id: string, u: number) => system(id, { name: `Tall ${u}`, rack_units: u }, perf);
    const input = makeInput({
      catalog: { models, options: [tall('t48', 48), tall('t44', 44), tall('t52', 52), tall('t46', 46)] },
      workloads: [{ name: 'w', model: 'm70', avg_output_tps: 10 }],
      sites: [{ name: 'S', it_power_kw: 100, racks: 10, rack_units: 42 }, { name: 'T', it_power_kw: 100, racks: 10, rack_units: 42 }],
    });
    const e = candidatesV2(input)[0]!;
    const why = noCandidateWhy(e, input);
    expect(why).toBe('nothing can serve m70 — 4 options (Tall 44 (44 U), Tall 46 (46 U) and 2 more) are taller than the 42 U racks at S and T');
    expect(why).not.toMatch(/excluded for other reasons/);
    expect(reasonFixes(why).map((f) => f.view)).toEqual(['sites']);
    expect(noCandidateWhy(e, input, { full: true })).toBe('nothing can serve m70 — Tall 44 (44 U), Tall 46 (46 U), Tall 48 (48 U) and Tall 52 (52 U) are taller than the 42 U racks at S and T');
    const one = makeInput({ ...input, catalog: { ...input.catalog, options: input.catalog.options.slice(0, 1) } });
    expect(noCandidateWhy(candidatesV2(one)[0]!, one)).toBe('nothing can serve m70 — Tall 48 is 48 U, taller than the 42 U racks at S and T');
  });

  it('an option of a model list (a|b) is said under one cause: at the site when a site refuses it, else with the model each cause is for', () => {
    // Box: too slow with m70 and too hot for the racks with m405; Board: too slow with m70 and too
    // small for an endpoint with m405. Box read under the latency and the racks, Board under the
    // latency and the edge capacity, neither saying for which model
    const input = makeInput({
      catalog: { models, options: [
        system('box', { name: 'Box', max_power_kw: 20 }, { m70: [{ user_tps: 1, unit_tps: 100, ttft_ms: 300 }], m405: [{ user_tps: 100, unit_tps: 1000, ttft_ms: 100 }] }),
        edge('board', { name: 'Board' }, { m70: [{ user_tps: 1, unit_tps: 1, ttft_ms: 300 }], m405: [{ user_tps: 100, unit_tps: 1, ttft_ms: 100 }] }),
      ] },
      workloads: [{ name: 'w', model: 'm70|m405', avg_output_tps: 1000, max_latency_ms: 1000, response_tokens: 50, endpoints: 10 }],
      sites: [{ name: 'S', it_power_kw: 100, racks: 4, rack_kw: 15 }],
    });
    const e = candidatesV2(input)[0]!;
    expect(e.candidates).toEqual([]);
    const why = noCandidateWhy(e, input);
    expect(why).toBe('nothing can serve m70|m405 — Board (with m70) cannot meet 1000 ms for 50 tokens; Box does not fit a 42 U / 15 kW rack (20 kW a unit) at S; ' +
      'Board: one device delivers 1 tok/s, each endpoint needs 150.0 tok/s at its peak (with m405)');
    expect(why.match(/Box/g)).toHaveLength(1);
    expect(reasonFixes(why).map((f) => f.view)).toEqual(['workloads', 'sites']);
  });

  it('many systems a rack refuses, each for its own draw: one group, the closest to fitting first, the rest counted (in full, one group a draw)', () => {
    const kws = [15, 12, 20, 11, 13];
    const input = makeInput({
      catalog: { models, options: kws.map((kw) => system(`b${kw}`, { name: `Box ${kw}`, rack_units: 4, max_power_kw: kw }, perf)) },
      workloads: [{ name: 'w', model: 'm70', avg_output_tps: 10 }],
      sites: [{ name: 'S', it_power_kw: 100, racks: 10, rack_units: 42, rack_kw: 9.99 }],
    });
    const [e] = candidatesV2(input);
    const why = noCandidateWhy(e!, input);
    expect(why).toBe('nothing can serve m70 — 5 options (Box 11 (11 kW a unit), Box 12 (12 kW a unit) and 3 more) do not fit a 42 U / 9.99 kW rack at S');
    expect(reasonFixes(why).map((f) => f.view)).toEqual(['sites']);
    const full = noCandidateWhy(e!, input, { full: true });
    for (const kw of kws) expect(full).toContain(`Box ${kw} does not fit a 42 U / 9.99 kW rack (${kw} kW a unit) at S`);
  });
});

describe('explainInfeasible', () => {
  it('a capex budget: says the budget per plan year that would work, from the relaxed plan', () => {
    const input = makeInput({
      catalog: { models, options: [system('h', { name: 'GPU box', price_usd: 100_000, lifetime_months: 60 }, perf)] },
      workloads: [{ name: 'w', model: 'm70', avg_output_tps: 10 }],
      sites: [{ name: 'DC', it_power_kw: 100, racks: 4 }],
      settings: { horizon_months: 24, purchase_interval_months: 12, capex_budget_usd: 250_000, residual_value: false },
    });
    const relaxed = emptyPlan({
      periods: [{ period: 0, start_month: 0, months: 12 }, { period: 1, start_month: 12, months: 12 }],
      purchases: [
        { period: 0, site: 'DC', option: 'h', model: 'm70', replicas: 2, units: 2 },
        { period: 1, site: 'DC', option: 'h', model: 'm70', replicas: 3, units: 3 },
      ],
    });
    expect(capexPerPlanYear(relaxed, input)).toEqual([200_000, 300_000]);
    const reasons = explainInfeasible(input, decides((i) => (i.settings.capex_budget_usd == null ? relaxed : null)), roomy);
    expect(reasons).toEqual([
      'the capex budget makes the scenario infeasible: lifting it admits a plan: a capex budget of $300,000 per plan year would work ' +
        '(the budget is $250,000; plan year 2 would buy $300,000 of hardware)',
    ]);
    expect(reasonFixes(reasons[0]!)).toEqual([{ view: 'settings', label: 'Change the budget in Settings' }]);
  });

  it('two limits either of which, lifted, admits a plan: their combination blocks, not each alone', () => {
    // a capex budget and a total budget: the cheap purchase breaks the capex budget, the all-API plan
    // the total budget, yet each budget alone admits a plan (found by an acceptance run of the fleetplan command)
    const input = makeInput({
      catalog: { models, options: [system('h', { name: 'GPU box', price_usd: 5000 }, perf)] },
      workloads: [{ name: 'w', model: 'm70', avg_output_tps: 10 }],
      sites: [{ name: 'DC', it_power_kw: 100, racks: 4 }],
      settings: { horizon_months: 12, purchase_interval_months: 12, capex_budget_usd: 4999, total_budget_usd: 40_000 },
    });
    const relaxed = emptyPlan({ totals: { capex_usd: 0, horizon_cost_usd: 63_072 } });
    const reasons = explainInfeasible(input, decides((i) => (i.settings.capex_budget_usd == null || i.settings.total_budget_usd == null ? relaxed : null)), roomy);
    expect(reasons[0]).toBe('no plan meets all of these limits at once; lifting any one of them admits a plan:');
    expect(reasons.slice(1).map((r) => r.split(':')[0])).toEqual(['the capex budget makes the scenario infeasible', 'the total budget makes the scenario infeasible']);
    expect(reasons.join('\n')).not.toMatch(/alone/);
    // on one line (tco and report of an infeasible plan): the heading is followed by its items, not by ':;'
    expect(reasonsInOneLine(reasons)).toMatch(/^no plan meets all of these limits at once; lifting any one of them admits a plan: the capex budget makes .*\); the total budget makes /);
    expect(reasonsInOneLine(['a', 'b'])).toBe('a; b');
  });

  it('site power: the limit, the need and the excess; the fix is in Sites', () => {
    const input = makeInput({
      catalog: { models, options: [system('h', { name: 'GPU box' }, perf)] },
      workloads: [{ name: 'w', model: 'm70', avg_output_tps: 10 }],
      sites: [{ name: 'DC', it_power_kw: 25, racks: 4 }],
    });
    const relaxed = emptyPlan({ sites: [{ site: 'DC', period: 0, power_kw_used: 30, power_kw_limit: 1e9, racks_used: 3, racks_limit: 4, racks: [] }] });
    const [reason] = explainInfeasible(input, decides((i) => (i.sites[0]!.it_power_kw > 25 ? relaxed : null)), roomy);
    expect(reason).toBe('site power makes the scenario infeasible: lifting it admits a plan, which uses 30 kW of IT power at DC, 5 kW over its limit of 25 kW');
    expect(reasonFixes(reason!).map((f) => f.view)).toEqual(['sites']);
  });

  it('site power and racks of a phased plan: the period named by its calendar months, as the plan views name it', () => {
    // periods are 0-based in the plan and 1-based in the CLI summary: "period 3" was ambiguous
    const input = makeInput({
      catalog: { models, options: [system('h', { name: 'GPU box' }, perf)] },
      workloads: [{ name: 'w', model: 'm70', avg_output_tps: 10 }],
      sites: [{ name: 'DC', it_power_kw: 250, racks: 2 }],
      settings: { start_month: '2027-01', horizon_months: 30, purchase_interval_months: 12 },
    });
    const relaxed = emptyPlan({
      periods: [{ period: 0, start_month: 0, months: 12 }, { period: 1, start_month: 12, months: 12 }, { period: 2, start_month: 24, months: 6 }],
      sites: [{ site: 'DC', period: 2, power_kw_used: 300, power_kw_limit: 1e9, racks_used: 3, racks_limit: 1e6, racks: [] }],
    });
    const [reason] = explainInfeasible(input, decides((i) => (i.sites[0]!.racks > 2 && i.sites[0]!.it_power_kw > 250 ? relaxed : null)), roomy);
    expect(reason).toBe('site power and site racks make the scenario infeasible: lifting them admits a plan, which uses ' +
      '300 kW of IT power at DC in Jan 2029 – Jun 2029, 50 kW over its limit of 250 kW; 3 racks at DC in Jan 2029 – Jun 2029, 1 over its limit of 2');
    // the fix for both lies in Sites (the words "kW of IT power" stay together for the link)
    expect(reasonFixes(reason!).map((f) => f.view)).toEqual(['sites']);
  });

  it('a site over its racks by as much in several periods is said once, its periods as ranges of months', () => {
    const input = makeInput({
      catalog: { models, options: [system('h', { name: 'GPU box' }, perf)] },
      workloads: [{ name: 'w', model: 'm70', avg_output_tps: 10 }],
      sites: [{ name: 'DC', it_power_kw: 250, racks: 4 }, { name: 'Edge', it_power_kw: 250, racks: 1 }],
      settings: { start_month: '2027-01', horizon_months: 24, purchase_interval_months: 6 },
    });
    const at = (site: string, period: number, racks_used: number) => ({ site, period, power_kw_used: 10, power_kw_limit: 250, racks_used, racks_limit: site === 'DC' ? 4 : 1, racks: [] });
    const relaxed = emptyPlan({
      periods: [0, 1, 2, 3].map((k) => ({ period: k, start_month: 6 * k, months: 6 })),
      sites: [at('DC', 0, 7), at('DC', 1, 7), at('DC', 2, 8), at('DC', 3, 7), at('Edge', 0, 1), at('Edge', 1, 2)],
    });
    const [reason] = explainInfeasible(input, decides((i) => (i.sites[0]!.racks > 4 ? relaxed : null)), roomy);
    expect(reason).toBe('site racks makes the scenario infeasible: lifting it admits a plan, which uses ' +
      '7 racks at DC in Jan 2027 – Dec 2027 and Jul 2028 – Dec 2028, 3 over its limit of 4; 8 racks at DC in Jan 2028 – Jun 2028, 4 over its limit of 4; ' +
      '2 racks at Edge in Jul 2027 – Dec 2027, 1 over its limit of 1');
  });

  it('one rack over a site of none reads "1 rack"', () => {
    // a site listed with 0 racks (fleetplan fuzzing: a plan needing one rack there read "uses 1 racks at z2")
    const input = makeInput({
      catalog: { models, options: [system('h', { name: 'GPU box' }, perf)] },
      workloads: [{ name: 'w', model: 'm70', avg_output_tps: 10 }],
      sites: [{ name: 'z2', it_power_kw: 100, racks: 0 }],
    });
    const relaxed = emptyPlan({ sites: [{ site: 'z2', period: 0, power_kw_used: 10, power_kw_limit: 100, racks_used: 1, racks_limit: 1e6, racks: [] }] });
    const [reason] = explainInfeasible(input, decides((i) => (i.sites[0]!.racks > 0 ? relaxed : null)), roomy);
    expect(reason).toBe('site racks makes the scenario infeasible: lifting it admits a plan, which uses 1 rack at z2, 1 over its limit of 0');
  });
});

describe('explainInfeasible: the time its re-solves get', () => {
  // site power and site racks each block a plan alone; lifting both admits one
  const input = makeInput({
    catalog: { models, options: [system('h', { name: 'GPU box' }, perf)] },
    workloads: [{ name: 'w', model: 'm70', avg_output_tps: 10 }],
    sites: [{ name: 'DC', it_power_kw: 25, racks: 2 }],
  });
  const both = emptyPlan({ sites: [{ site: 'DC', period: 0, power_kw_used: 30, power_kw_limit: 1e9, racks_used: 3, racks_limit: 1e6, racks: [] }] });
  const pairWords = 'site power and site racks make the scenario infeasible: lifting them admits a plan, which uses ' +
    '30 kW of IT power at DC, 5 kW over its limit of 25 kW; 3 racks at DC, 1 over its limit of 2';
  type Need = { s: number; plan: PlanResult | null };
  const lifted = (i: PlanInput) => ({ power: i.sites[0]!.it_power_kw > 25, racks: i.sites[0]!.racks > 2 });
  /** site power alone is refuted at once, site racks alone in `racksS` seconds (or admits `racksPlan`), both lifted admit a plan in 1 s */
  const needs = (racksS: number, racksPlan: PlanResult | null = null) => (i: PlanInput): Need => {
    const l = lifted(i);
    return l.power && l.racks ? { s: 1, plan: both } : l.power ? { s: 0.4, plan: null } : { s: racksS, plan: racksPlan };
  };
  /**
   * explainInfeasible on a clock of its own: the solve found no plan in `spentS` of its `limitS`
   * (each re-solve first gets max(1 s, limit ÷ 8), as solvePlanV2 gives); a re-solve that needs more
   * time than it is given stops with neither a plan nor a proof, at its time or, with `giveUp`, at that
   * share of it (a staged solve whose whole MILP does not fit in what is left gives up before its time).
   */
  function run(limitS: number, need: (i: PlanInput) => Need, o: { spentS?: number; giveUp?: number; stopAfter?: number } = {}) {
    let t = o.spentS ?? 2.8;
    const given: number[] = [];
    const solve: RelaxedSolve = (i, timeLimitS) => {
      given.push(timeLimitS);
      const n = need(i);
      if (n.s <= timeLimitS) {
        t += n.s;
        return n.plan ?? emptyPlan({ status: 'infeasible' });
      }
      t += timeLimitS * (o.giveUp ?? 1);
      return emptyPlan({ status: 'no_plan' });
    };
    const clock: ExplainClock = { leftS: () => limitS - t, firstS: Math.max(1, limitS / 8), stopped: () => o.stopAfter != null && given.length >= o.stopAfter };
    return { reasons: explainInfeasible(input, solve, clock), given, t };
  }

  it('a re-solve that stops with neither a plan nor a proof while time is left is tried again with more: the limits are named, the same at every limit that leaves the time', () => {
    // at 90 s the site-racks re-solve stopped at its 11.25 s with no plan, and the words were "there was not enough time" with 75 s unused
    for (const limitS of [40, 60, 90, 120]) {
      for (const giveUp of [1, 0.3]) {
        const { reasons, given } = run(limitS, needs(20), { giveUp });
        expect(reasons, `${limitS} s, giving up at ${giveUp}`).toEqual([pairWords]);
        // the pair was not kept waiting behind site racks alone, which got more time after it
        expect(given.length).toBeGreaterThanOrEqual(4);
        expect(given.at(-1)).toBeGreaterThan(given[1]!);
      }
    }
  });

  it('site racks alone admits a plan once it has the time: named alone, not in a pair', () => {
    const racksOnly = emptyPlan({ sites: [{ site: 'DC', period: 0, power_kw_used: 20, power_kw_limit: 25, racks_used: 3, racks_limit: 1e6, racks: [] }] });
    const { reasons } = run(90, needs(20, racksOnly));
    expect(reasons).toEqual(['site racks makes the scenario infeasible: lifting it admits a plan, which uses 3 racks at DC, 1 over its limit of 2']);
  });

  it('time runs out before site racks alone is settled: the pair is named, and the words say what time left unsettled', () => {
    for (const giveUp of [1, 0.3]) {
      const { reasons, given, t } = run(16, needs(20), { giveUp });
      expect(reasons).toEqual([pairWords, 'there was not enough time to tell whether lifting site racks alone admits a plan']);
      // its last re-solve had all the time there was left
      if (giveUp === 1) expect(t).toBeCloseTo(16, 9);
      expect(given.at(-1)).toBeLessThan(20);
    }
  });

  it('time runs out with nothing settled: "not enough time" once the time is spent, and only then', () => {
    const never = () => ({ s: 1e9, plan: null });
    const { reasons, t } = run(16, never);
    expect(reasons).toEqual(['no plan meets every limit (site power, site racks); there was not enough time to single out which limit is to blame']);
    expect(t).toBeGreaterThan(16 - MIN_RELAXED_S);
    // every set refuted: the limits together, each tried once
    const refuted = run(16, () => ({ s: 0.5, plan: null }));
    expect(refuted.reasons).toEqual(['the limits together (site power, site racks) make the scenario infeasible; no single limit or pair of them does']);
    expect(refuted.given).toHaveLength(3);
  });

  it('the user stops the solve: the words say so, not that time ran out', () => {
    expect(run(90, () => ({ s: 1e9, plan: null }), { stopAfter: 1 }).reasons)
      .toEqual(['no plan meets every limit (site power, site racks); the solve was stopped before it could single out which limit is to blame']);
    expect(run(90, needs(1e9), { stopAfter: 3 }).reasons)
      .toEqual([pairWords, 'the solve was stopped before it could tell whether lifting site racks alone admits a plan']);
  });
});
