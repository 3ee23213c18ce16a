// sensitivity-*: one solve per ±pct case plus a base solve, progress aggregated from the host,
// cancel reaching every unfinished job. The optimizer is a stub that "solves" on demand and
// prices a plan as the sum of the input's electricity prices, so each case's cost is traceable.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SolveProgress } from '../../../core/api.ts';
import { DRIVERS } from '../../../core/tco/sensitivity.ts';
import type { PlanInput, PlanResult } from '../../../core/types.ts';
import { dispatcherFor } from '../api-handlers.ts';
import { Backend, type OptimizerLike } from '../backend.ts';
import { stubSeed, tempDir } from '../test-helpers.ts';

function stubOptimizer() {
  const jobs = new Map<number, { input: PlanInput; state: SolveProgress['state']; cancelled: boolean }>();
  let next = 1;
  let baseTrend: number | null = null;
  let baseU: number | null = null;
  const baseCloudTrend = () => baseTrend;
  const price = (input: PlanInput) => input.sites.reduce((s, x) => s + x.usd_per_kwh, 0) * 1e6 + input.settings.max_utilization;
  const opt: OptimizerLike & { finishAll(): void; ids(): number[]; limits: number[]; binding: (boolean | undefined)[] } = {
    limits: [],
    binding: [],
    start(input, o) {
      const id = next++;
      if (id === 1) {
        baseTrend = input.settings.cloud_price_change_pct_per_year;
        baseU = input.settings.max_utilization;
      }
      jobs.set(id, { input, state: 'running', cancelled: false });
      opt.limits.push(o.timeLimitS);
      opt.binding.push(o.checkBinding);
      return id;
    },
    progress(jobId) {
      const j = jobs.get(jobId);
      if (!j) throw new Error(`no optimizer job ${jobId}`);
      return { jobId, state: j.state, elapsedMs: 1, incumbentUsd: null, boundUsd: null, gap: null, message: j.state === 'running' ? 'solving' : 'done' };
    },
    cancel(jobId) {
      const j = jobs.get(jobId)!;
      j.cancelled = true;
      j.state = 'cancelled';
    },
    result(jobId): PlanResult | undefined {
      const j = jobs.get(jobId)!;
      if (j.state !== 'done') return undefined;
      const cost = price(j.input);
      // the cloud-trend cases stop at their time limit 3.4 % above their bound (the base is job 1)
      const slow = j.input.settings.cloud_price_change_pct_per_year !== baseCloudTrend();
      // a lower utilisation leaves one workload unserved in two periods, at $5,000 of penalties
      const short = j.input.settings.max_utilization < baseU!;
      const unserved = short ? [0, 1].map((period) => ({ workload: 'x', period, reason: 'r' })) : [];
      return {
        status: slow ? 'time_limit' : 'optimal', objective_usd: cost + (short ? 5000 : 0), bound_usd: slow ? cost / 1.034 : cost, gap: slow ? 0.034 : 0, solve_ms: 1, periods: [], assignments: [], purchases: [], pools: [], cloud: [], edge: [], unserved,
        sites: [], totals: { capex_usd: 0, horizon_cost_usd: cost },
      };
    },
    finishAll() {
      for (const j of jobs.values()) if (j.state === 'running') j.state = 'done';
    },
    forget(jobId) {
      jobs.delete(jobId);
    },
    ids: () => [...jobs.keys()],
  };
  return { opt, price };
}

async function setup(optimizer?: OptimizerLike) {
  const dir = tempDir();
  const b = new Backend({ userDataDir: path.join(dir, 'user'), seed: stubSeed, optimizer });
  const call = dispatcherFor(b);
  expect((await call('document-new', { path: path.join(dir, 'plan.fleetplan'), demo: true })).ok).toBe(true);
  return { b, call };
}

describe('sensitivity-reoptimize', () => {
  it('solves the base and every driver at ±pct, then reports each case', async () => {
    const { opt, price } = stubOptimizer();
    const { call } = await setup(opt);
    const input = await call('plan-input', {});
    if (!input.ok) throw new Error(input.error.message);

    const started = await call('sensitivity-reoptimize', { pct: 10, timeLimitS: 7 });
    if (!started.ok) throw new Error(started.error.message);
    expect(opt.ids()).toHaveLength(1 + 2 * DRIVERS.length);
    expect(new Set(opt.limits)).toEqual(new Set([7]));
    // a case answers with its horizon cost: no binding check after its solve
    expect(new Set(opt.binding)).toEqual(new Set([false]));

    const running = await call('sensitivity-progress', { jobId: started.value.jobId });
    if (!running.ok) throw new Error(running.error.message);
    expect(running.value).toMatchObject({ state: 'running', done: 0, total: 1 + 2 * DRIVERS.length, pct: 10 });

    opt.finishAll();
    const done = await call('sensitivity-progress', { jobId: started.value.jobId });
    if (!done.ok) throw new Error(done.error.message);
    expect(done.value.state).toBe('done');
    expect(done.value.done).toBe(done.value.total);
    const cost = (driver: string, direction: string) =>
      done.value.cases.find((c) => c.driver === driver && c.direction === direction)?.horizonCostUsd;
    const base = price(input.value);
    expect(cost('base', 'base')).toBeCloseTo(base, 6);
    // electricity moves every site's price by the factor: the stub's cost follows it
    const kwh = input.value.sites.reduce((s, x) => s + x.usd_per_kwh, 0) * 1e6;
    expect(cost('electricity', 'low')).toBeCloseTo(kwh * 0.9 + input.value.settings.max_utilization, 6);
    expect(cost('electricity', 'high')).toBeCloseTo(kwh * 1.1 + input.value.settings.max_utilization, 6);
    // a driver that does not touch what the stub prices leaves the cost at the base
    expect(cost('hardware', 'high')).toBeCloseTo(base, 6);
    for (const c of done.value.cases.filter((x) => x.driver !== 'cloud_trend')) expect(c).toMatchObject({ state: 'done', status: 'optimal', gap: 0 });
    // each case carries its solve's gap, and a trend case the yearly rate it solved with
    const trend = input.value.settings.cloud_price_change_pct_per_year;
    const shift = trend === 0 ? 5 : Math.abs(trend) * 0.1;
    expect(done.value.cases.filter((x) => x.driver === 'cloud_trend').map((c) => [c.status, c.gap, c.ratePct])).toEqual([
      ['time_limit', 0.034, trend - shift],
      ['time_limit', 0.034, trend + shift],
    ]);
    expect(done.value.cases.find((c) => c.driver === 'electricity')?.ratePct).toBeUndefined();
    // each case says how many workloads it leaves unserved and what their penalties are
    const u = (driver: string, direction: string) => done.value.cases.find((c) => c.driver === driver && c.direction === direction);
    expect(u('base', 'base')).toMatchObject({ unservedWorkloads: 0, penaltyUsd: 0 });
    // the base carries the credit its horizon cost is net of (the stub's plan buys nothing: $0), so
    // its label need not say "net of any residual credit"; the driver cases' labels read no credit
    expect(u('base', 'base')?.residualCreditUsd).toBe(0);
    expect(done.value.cases.filter((c) => c.direction !== 'base' && 'residualCreditUsd' in c)).toEqual([]);
    expect(u('utilization', 'low')).toMatchObject({ unservedWorkloads: 1, penaltyUsd: 5000 });
    // the run holds its figures: the host has forgotten every job, and progress still answers
    expect(opt.ids()).toEqual([]);
    expect(await call('sensitivity-progress', { jobId: started.value.jobId })).toEqual(done);
  });

  it('cancel stops every unfinished case', async () => {
    const { opt } = stubOptimizer();
    const { call } = await setup(opt);
    const started = await call('sensitivity-reoptimize', {});
    if (!started.ok) throw new Error(started.error.message);
    const cancelled = await call('sensitivity-cancel', { jobId: started.value.jobId });
    if (!cancelled.ok) throw new Error(cancelled.error.message);
    expect(cancelled.value.state).toBe('cancelled');
    expect(cancelled.value.pct).toBe(20);
    expect(cancelled.value.cases.every((c) => c.state === 'cancelled' && c.horizonCostUsd === null)).toBe(true);
  });

  it('says when the inputs of the scenario changed since the run took its snapshot, finished or not', async () => {
    const { opt } = stubOptimizer();
    const { call } = await setup(opt);
    const started = await call('sensitivity-reoptimize', {});
    if (!started.ok) throw new Error(started.error.message);
    const jobId = started.value.jobId;
    const changed = async () => {
      const p = await call('sensitivity-progress', { jobId });
      if (!p.ok) throw new Error(p.error.message);
      return p.value.inputsChanged;
    };
    expect(await changed()).toBe(false);
    const sites = await call('site-list', {});
    if (!sites.ok) throw new Error(sites.error.message);
    const site = sites.value[0]!;
    // another window triples a site's electricity price while the cases solve
    expect((await call('site-upsert', { site: { ...site, usd_per_kwh: site.usd_per_kwh * 3 }, originalName: site.name })).ok).toBe(true);
    expect(await changed()).toBe(true);
    opt.finishAll();
    expect(await changed()).toBe(true);
    // put back as it was: the run answers for the inputs again
    expect((await call('site-upsert', { site, originalName: site.name })).ok).toBe(true);
    expect(await changed()).toBe(false);
    // a change to another scenario is not a change to this run's
    expect((await call('scenario-new', { name: 'Other', from: 'Base' })).ok).toBe(true);
    expect((await call('settings-set', { patch: { discount_rate_pct: 9 }, scenario: 'Other' })).ok).toBe(true);
    expect(await changed()).toBe(false);
    const rate = (await call('settings-get', {}).then((r) => (r.ok ? r.value.discount_rate_pct : null)));
    expect((await call('settings-set', { patch: { discount_rate_pct: 9 } })).ok).toBe(true);
    expect(await changed()).toBe(true);
    // the settings its figures were solved with stay the snapshot's (its base's label names them)
    const p = await call('sensitivity-progress', { jobId });
    expect(p.ok && p.value.settings?.discount_rate_pct).toBe(rate);
    expect(rate).not.toBe(9);
  });

  it('a rename of the run\'s scenario is no change of its inputs; a deletion is', async () => {
    const { opt } = stubOptimizer();
    const { call } = await setup(opt);
    const started = await call('sensitivity-reoptimize', {});
    if (!started.ok) throw new Error(started.error.message);
    const changed = async () => {
      const p = await call('sensitivity-progress', { jobId: started.value.jobId });
      if (!p.ok) throw new Error(p.error.message);
      return p.value.inputsChanged;
    };
    expect((await call('scenario-rename', { name: 'Base', to: 'Base, renamed' })).ok).toBe(true);
    // keyed by the name, the run read a scenario gone and said its inputs had changed
    expect(await changed()).toBe(false);
    opt.finishAll();
    expect(await changed()).toBe(false);
    expect((await call('scenario-new', { name: 'Other', from: 'Base, renamed' })).ok).toBe(true);
    expect((await call('scenario-use', { name: 'Other' })).ok).toBe(true);
    expect((await call('scenario-delete', { name: 'Base, renamed' })).ok).toBe(true);
    expect(await changed()).toBe(true);
  });

  it('names the problem without an optimizer or for an unknown run', async () => {
    const { call } = await setup();
    expect(await call('sensitivity-reoptimize', {})).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    const { opt } = stubOptimizer();
    const { call: call2 } = await setup(opt);
    expect(await call2('sensitivity-progress', { jobId: 99 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await call2('sensitivity-reoptimize', { pct: 150 })).toMatchObject({ ok: false, error: { code: 'bad_input' } });
  });
});
