import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiSchemas, type SolveProgress } from '../../core/api.ts';
import type { PlanInput, PlanResult } from '../../core/types.ts';
import { createHandlers, dispatcherFor } from './api-handlers.ts';
import { Backend, type OptimizerLike } from './backend.ts';
import { stubSeed, tempDir } from './test-helpers.ts';
import { MAX_FINISHED_SOLVES } from './handlers/optimize.ts';
import { planInput, storePlan } from './repo/plans.ts';

function fakeOptimizer() {
  const jobs = new Map<number, { input: PlanInput; state: SolveProgress['state'] }>();
  let next = 1;
  const result: PlanResult = {
    status: 'optimal', objective_usd: 10, bound_usd: 10, gap: 0, solve_ms: 1, periods: [], assignments: [], purchases: [], pools: [], cloud: [], edge: [], unserved: [],
    sites: [], totals: { capex_usd: 0, horizon_cost_usd: 10 },
  };
  const opt: OptimizerLike & { finish(id: number): void; starts: { input: PlanInput; timeLimitS: number }[] } = {
    starts: [],
    start(input, o) {
      const id = next++;
      jobs.set(id, { input, state: 'running' });
      opt.starts.push({ input, timeLimitS: o.timeLimitS });
      return id;
    },
    progress(jobId) {
      const j = jobs.get(jobId)!;
      return { jobId, state: j.state, elapsedMs: 1, incumbentUsd: null, boundUsd: null, gap: null, message: '' };
    },
    cancel(jobId) {
      jobs.get(jobId)!.state = 'cancelled';
    },
    result(jobId) {
      return jobs.get(jobId)!.state === 'done' ? result : undefined;
    },
    finish(id) {
      jobs.get(id)!.state = 'done';
    },
    forget(id) {
      jobs.delete(id);
    },
  };
  return opt;
}

async function setup(optimizer?: OptimizerLike) {
  const dir = tempDir();
  const b = new Backend({ userDataDir: path.join(dir, 'user'), seed: stubSeed, optimizer });
  const call = dispatcherFor(b);
  const r = await call('document-new', { path: path.join(dir, 'plan.fleetplan'), demo: true });
  expect(r.ok).toBe(true);
  return { b, call, dir };
}

describe('handler table', () => {
  it('has a handler for every API name', async () => {
    const { b } = await setup();
    expect(Object.keys(createHandlers(b)).sort()).toEqual(Object.keys(apiSchemas).sort());
  });

  it('refuses an unknown name and names the bad field', async () => {
    const { call } = await setup();
    expect(await call('workload-explode', {})).toEqual({ ok: false, error: { code: 'not_found', message: 'unknown API "workload-explode"' } });
    expect(await call('__proto__', {})).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const bad = await call('workload-upsert', { workload: { name: 'x', model: 'm', avg_output_tps: -3 } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('bad_input');
      expect(bad.error.message).toMatch(/^workload\.avg_output_tps: must be > 0/);
      expect(bad.error.details).toMatchObject({ field: 'workload.avg_output_tps' });
    }
    const extra = await call('document-info', { sneaky: 1 });
    expect(extra).toMatchObject({ ok: false, error: { code: 'bad_input' } });
  });

  it('serialises FleetError with its code and hides stacks of unexpected errors', async () => {
    const { call } = await setup();
    const r = await call('scenario-use', { name: 'Nope' });
    expect(r).toEqual({ ok: false, error: { code: 'not_found', message: 'no scenario named "Nope"', details: { field: 'scenario' } } });
    const dup = await call('scenario-new', { name: 'Base' });
    expect(dup).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('undo of a delete puts workloads, sites and options back where they stood: the list reads as before and the latest plan is current again', async () => {
    const { b, call } = await setup();
    await call('workload-upsert', { workload: { name: 'batch', model: 'llama-3.3-70b', avg_output_tps: 10 } });
    await call('site-upsert', { site: { name: 'annex', it_power_kw: 50, racks: 2 } });
    const list = async () => {
      const [w, s] = [await call('workload-list', {}), await call('site-list', {})];
      return { workloads: w.ok ? w.value.map((x) => x.name) : [], sites: s.ok ? s.value.map((x) => x.name) : [] };
    };
    const before = await list();
    expect(before.workloads.length).toBeGreaterThanOrEqual(3);
    storePlan(b.db, { input: planInput(b.db), result: { status: 'optimal', objective_usd: 1, bound_usd: 1, gap: 0, solve_ms: 1, periods: [], assignments: [], purchases: [], pools: [], cloud: [], edge: [], unserved: [], sites: [], totals: { capex_usd: 0, horizon_cost_usd: 1 } } });
    const stale = async () => {
      const l = await call('plan-latest', {});
      return l.ok ? l.value?.stale : undefined;
    };
    expect(await stale()).toBe(false);

    const first = before.workloads[0]!;
    const del = await call('workload-delete', { names: [first, 'batch'] });
    const delSite = await call('site-delete', { names: [before.sites[0]!] });
    if (!del.ok || !delSite.ok) throw new Error('delete failed');
    expect(del.value.positions).toHaveLength(2);
    expect(await stale()).toBe(true);
    expect(await call('workload-restore', { workloads: del.value.deleted, positions: del.value.positions })).toMatchObject({ ok: true, value: { restored: 2 } });
    expect(await call('site-restore', { sites: delSite.value.deleted, positions: delSite.value.positions })).toMatchObject({ ok: true, value: { restored: 1 } });
    expect(await list()).toEqual(before);
    expect(await stale()).toBe(false);

    // a catalog option too (the catalog's undo re-upserts it with its position)
    const cat = await call('catalog-get', {});
    if (!cat.ok) throw new Error('no catalog');
    const option = cat.value.options[1]!;
    const delOption = await call('option-delete', { ids: [option.id] });
    if (!delOption.ok) throw new Error('delete failed');
    expect(await stale()).toBe(true);
    await call('option-upsert', { option, position: delOption.value.positions[option.id] });
    expect(await call('catalog-get', {})).toMatchObject({ ok: true, value: cat.value });
    expect(await stale()).toBe(false);

    // without positions (an older client), or with the place taken, a row goes to the end
    const again = await call('workload-delete', { names: [first] });
    if (!again.ok) throw new Error('delete failed');
    await call('workload-restore', { workloads: again.value.deleted });
    expect((await list()).workloads).toEqual([...before.workloads.slice(1), first]);
  });

  it('works end to end on a document: info, workloads, scenarios, settings, recent', async () => {
    const { call, dir } = await setup();
    const info = await call('document-info', {});
    expect(info).toMatchObject({ ok: true, value: { fileName: 'plan.fleetplan', activeScenario: 'Base', counts: { workloads: 2, sites: 1, options: 4 } } });
    await call('workload-upsert', { workload: { name: 'batch', model: 'llama-3.3-70b', avg_output_tps: 10 } });
    const del = await call('workload-delete', { names: ['batch', 'chat'] });
    expect(del.ok && del.value.deleted.map((w) => w.name)).toEqual(['batch', 'chat']);
    if (del.ok) expect(await call('workload-restore', { workloads: del.value.deleted })).toMatchObject({ ok: true, value: { restored: 2 } });
    expect(await call('settings-set', { patch: { capex_budget_usd: 5 } })).toMatchObject({ ok: true, value: { capex_budget_usd: 5, horizon_months: 24 } });
    const s = await call('scenario-new', { name: 'Copy', from: 'Base' });
    expect(s).toMatchObject({ ok: true, value: { name: 'Copy', active: false, hasPlan: false, settings: { capex_budget_usd: 5 } } });
    const saved = await call('document-save-as', { path: path.join(dir, 'copy.fleetplan') });
    expect(saved).toMatchObject({ ok: true, value: { fileName: 'copy.fleetplan', scenarios: ['Base', 'Copy'] } });
    const recent = await call('document-recent', {});
    expect(recent.ok && recent.value.map((e) => path.basename(e.path))).toEqual(['copy.fleetplan', 'plan.fleetplan']);
    const opened = await call('document-open', { path: path.join(dir, 'plan.fleetplan') });
    expect(opened).toMatchObject({ ok: true, value: { fileName: 'plan.fleetplan' } });
    expect(fs.existsSync(path.join(dir, 'user', 'recent.json'))).toBe(true);
  });

  it('reports a missing document as not_found and no open document as unavailable', async () => {
    const b = new Backend({ userDataDir: tempDir(), seed: stubSeed });
    const call = dispatcherFor(b);
    expect(await call('workload-list', {})).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(await call('document-open', { path: '/nonexistent/x.fleetplan' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('starts a solve on the active scenario and stores the finished plan once, with its input hash', async () => {
    const opt = fakeOptimizer();
    const { call, b } = await setup(opt);
    const start = await call('optimize-start', {});
    if (!start.ok) throw new Error(start.error.message);
    // the scenario by name and by id: the UI names the solve's scenario by its id once it ends (renamed meanwhile)
    const base = await call('scenario-list', {});
    expect(start.value).toMatchObject({ scenario: 'Base', scenarioId: base.ok ? base.value.find((s) => s.name === 'Base')!.id : -1 });
    expect(opt.starts[0]!.timeLimitS).toBe(60);
    expect(opt.starts[0]!.input.workloads.map((w) => w.name)).toEqual(['chat', 'voice']);
    const running = await call('optimize-progress', { jobId: start.value.jobId });
    expect(running).toMatchObject({ ok: true, value: { state: 'running' } });
    expect(await call('plan-latest', {})).toMatchObject({ ok: true, value: null });
    opt.finish(start.value.jobId);
    const done = await call('optimize-progress', { jobId: start.value.jobId });
    expect(done.ok && done.value.planId).toBeGreaterThan(0);
    // the host has forgotten the finished job; its last progress is still answered, without its input
    const again = await call('optimize-progress', { jobId: start.value.jobId });
    expect(again.ok && again.value.planId).toBe(done.ok && done.value.planId);
    expect(again).toMatchObject({ ok: true, value: { state: 'done' } });
    expect(() => opt.progress(start.value.jobId)).toThrow();
    expect(b.solveJobs.get(start.value.jobId)?.input).toBeNull();
    const latest = await call('plan-latest', {});
    expect(latest).toMatchObject({ ok: true, value: { stale: false, result: { status: 'optimal' } } });
    const list = await call('scenario-list', {});
    expect(list).toMatchObject({ ok: true, value: [{ name: 'Base', hasPlan: true, planStale: false }] });
    await call('settings-set', { patch: { time_limit_s: 5 } });
    expect(await call('plan-latest', {})).toMatchObject({ ok: true, value: { stale: true } });
    // the stale plan still answers with the inputs it was solved from, not the current ones
    const planId = done.ok ? done.value.planId! : -1;
    const solvedFrom = await call('plan-solved-input', { planId });
    expect(solvedFrom.ok && solvedFrom.value?.settings.time_limit_s).toBe(60);
    expect(solvedFrom.ok && solvedFrom.value?.workloads.map((w) => w.name)).toEqual(['chat', 'voice']);
    const second = await call('optimize-start', { timeLimitS: 2 });
    expect(opt.starts[1]!.timeLimitS).toBe(2);
    if (second.ok) {
      expect(await call('optimize-cancel', { jobId: second.value.jobId })).toMatchObject({ ok: true, value: { state: 'cancelled' } });
    }
    expect(await call('optimize-progress', { jobId: 999 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('plan-view carries a fresh plan with the current inputs once, and a stale plan with the inputs it was solved from', async () => {
    const opt = fakeOptimizer();
    const { call } = await setup(opt);
    const none = await call('plan-view', {});
    expect(none).toMatchObject({ ok: true, value: { plan: null, solvedInput: null } });
    const start = await call('optimize-start', {});
    if (!start.ok) throw new Error(start.error.message);
    opt.finish(start.value.jobId);
    const done = await call('optimize-progress', { jobId: start.value.jobId });
    const planId = done.ok ? done.value.planId! : -1;
    const fresh = await call('plan-view', {});
    const input = await call('plan-input', {});
    if (!fresh.ok || !input.ok) throw new Error('plan-view or plan-input failed');
    expect(fresh.value.plan).toMatchObject({ id: planId, stale: false, result: { status: 'optimal' } });
    expect(fresh.value.plan).not.toHaveProperty('input');
    expect(fresh.value.solvedInput).toBeNull();
    expect(fresh.value.input).toEqual(input.value);
    await call('settings-set', { patch: { time_limit_s: 5 } });
    for (const args of [{}, { planId }]) {
      const stale = await call('plan-view', args);
      if (!stale.ok) throw new Error(stale.error.message);
      expect(stale.value.plan).toMatchObject({ id: planId, stale: true });
      expect(stale.value.input.settings.time_limit_s).toBe(5);
      expect(stale.value.solvedInput?.settings.time_limit_s).toBe(60);
      expect(stale.value.solvedInput?.workloads.map((w) => w.name)).toEqual(['chat', 'voice']);
    }
    expect(await call('plan-view', { planId: 999 })).toMatchObject({ ok: true, value: { plan: null, solvedInput: null } });
  });

  it('says the optimizer is unavailable when none is injected', async () => {
    const { call } = await setup();
    expect(await call('optimize-start', {})).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });

  it('stores the plan when the job ends even if nobody polls (host.wait)', async () => {
    const opt = fakeOptimizer();
    let finish!: () => void;
    const ended = new Promise<void>((r) => (finish = r));
    const withWait: OptimizerLike = { ...opt, wait: () => ended };
    const { call, b } = await setup(withWait);
    const start = await call('optimize-start', {});
    if (!start.ok) throw new Error(start.error.message);
    opt.finish(start.value.jobId);
    finish();
    await ended;
    await new Promise((r) => setTimeout(r, 0));
    expect(b.solveJobs.get(start.value.jobId)?.planId).toBeGreaterThan(0);
    expect(await call('plan-latest', {})).toMatchObject({ ok: true, value: { stale: false } });
  });

  it('keeps the final progress of the latest finished solves only', async () => {
    const opt = fakeOptimizer();
    const { call, b } = await setup(opt);
    const ids: number[] = [];
    for (let i = 0; i < MAX_FINISHED_SOLVES + 5; i++) {
      const start = await call('optimize-start', {});
      if (!start.ok) throw new Error(start.error.message);
      opt.finish(start.value.jobId);
      expect(await call('optimize-progress', { jobId: start.value.jobId })).toMatchObject({ ok: true, value: { state: 'done' } });
      ids.push(start.value.jobId);
    }
    expect(b.solveJobs.size).toBe(MAX_FINISHED_SOLVES);
    expect(await call('optimize-progress', { jobId: ids[0]! })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await call('optimize-progress', { jobId: ids.at(-1)! })).toMatchObject({ ok: true, value: { state: 'done' } });
  });

  it('drops a result when the document was swapped during the solve', async () => {
    const opt = fakeOptimizer();
    const { call, dir } = await setup(opt);
    const start = await call('optimize-start', {});
    if (!start.ok) throw new Error(start.error.message);
    await call('document-new', { path: path.join(dir, 'other.fleetplan'), demo: false });
    opt.finish(start.value.jobId);
    const p = await call('optimize-progress', { jobId: start.value.jobId });
    expect(p.ok && p.value.planId).toBeUndefined();
    expect(await call('plan-latest', {})).toMatchObject({ ok: true, value: null });
  });

  it('stores a plan for the scenario solved even when it was renamed or swapped during the solve, and drops it once deleted', async () => {
    const opt = fakeOptimizer();
    const { call } = await setup(opt);
    const ok = async (r: Promise<{ ok: boolean; error?: { message: string } }>) => {
      const v = await r;
      if (!v.ok) throw new Error(v.error?.message);
    };
    // renamed: "no scenario named Base" before, no plan stored
    const renamed = await call('optimize-start', { timeLimitS: 3 });
    if (!renamed.ok) throw new Error(renamed.error.message);
    await ok(call('scenario-rename', { name: 'Base', to: 'Renamed' }));
    opt.finish(renamed.value.jobId);
    const r1 = await call('optimize-wait', { jobId: renamed.value.jobId });
    expect(r1).toMatchObject({ ok: true, value: { plan: { scenario: 'Renamed', input: { settings: { time_limit_s: 60 } } } } });
    // swapped: Base's plan went to the scenario that took the name "Base"
    await ok(call('scenario-new', { name: 'B' }));
    await ok(call('settings-set', { scenario: 'B', patch: { time_limit_s: 7 } }));
    const swapped = await call('optimize-start', { scenario: 'B' });
    if (!swapped.ok) throw new Error(swapped.error.message);
    await ok(call('scenario-rename', { name: 'Renamed', to: 'Tmp' }));
    await ok(call('scenario-rename', { name: 'B', to: 'Renamed' }));
    await ok(call('scenario-rename', { name: 'Tmp', to: 'B' }));
    opt.finish(swapped.value.jobId);
    const r2 = await call('optimize-wait', { jobId: swapped.value.jobId });
    expect(r2).toMatchObject({ ok: true, value: { plan: { scenario: 'Renamed', input: { settings: { time_limit_s: 7 } } } } });
    const latestB = await call('plan-latest', { scenario: 'B' });
    expect(latestB.ok && latestB.value?.id).toBe(r1.ok && r1.value.plan?.id);
    // deleted: the plan is dropped, and the progress says why
    const deleted = await call('optimize-start', { scenario: 'Renamed' });
    if (!deleted.ok) throw new Error(deleted.error.message);
    await ok(call('scenario-delete', { name: 'Renamed' }));
    opt.finish(deleted.value.jobId);
    const r3 = await call('optimize-wait', { jobId: deleted.value.jobId });
    expect(r3).toMatchObject({ ok: true, value: { plan: null, progress: { state: 'done', error: { code: 'not_found', message: 'scenario "Renamed" was deleted during the solve: its plan was not stored' } } } });
    expect(await call('optimize-progress', { jobId: deleted.value.jobId })).toMatchObject({ ok: true, value: { error: { code: 'not_found' } } });
  });

  it('optimize-wait answers when the job ends, with the stored plan and the inputs it was solved from', async () => {
    const opt = fakeOptimizer();
    const { call } = await setup(opt);
    expect((await call('scenario-new', { name: 'Other' })).ok).toBe(true);
    const start = await call('optimize-start', { scenario: 'Other', timeLimitS: 5 });
    if (!start.ok) throw new Error(start.error.message);
    expect(start.value).toMatchObject({ scenario: 'Other', timeLimitS: 5 });
    const input = await call('plan-input', { scenario: 'Other' });
    if (!input.ok) throw new Error(input.error.message);
    expect(start.value.workloads).toBe(input.value.workloads.length);
    // the fake host has no wait(): the handler polls until the job is over
    const waiting = call('optimize-wait', { jobId: start.value.jobId });
    opt.finish(start.value.jobId);
    const ended = await waiting;
    if (!ended.ok) throw new Error(ended.error.message);
    expect(ended.value.progress).toMatchObject({ state: 'done', planId: expect.any(Number) });
    expect(ended.value.plan).toMatchObject({ id: ended.value.progress.planId, scenario: 'Other', stale: false, input: input.value });
    // stored for the scenario it was started on, not the active one
    expect(await call('plan-latest', {})).toMatchObject({ ok: true, value: null });
    expect(await call('optimize-wait', { jobId: 999 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('import-files writes every file or none: a bad second file undoes the first', async () => {
    const { call } = await setup();
    const before = await call('site-list', {});
    const sites = { kind: 'sites' as const, fileName: 's.csv', content: 'name,it_power_kw,racks\nNew site,100,2\n' };
    const bad = await call('import-files', { files: [sites, { kind: 'workloads', fileName: 'w.csv', content: 'name,model,avg_output_tps\nx,nope,1\n' }] });
    if (!bad.ok) throw new Error(bad.error.message);
    expect(bad.value.applied).toBe(false);
    expect(bad.value.files.map((f) => [f.fileName, f.ok])).toEqual([['s.csv', true], ['w.csv', false]]);
    const w = bad.value.files[1]!;
    expect(w.kind !== 'catalog' && w.messages[0]).toMatch(/^w\.csv:2: model: unknown model 'nope'/);
    expect(await call('site-list', {})).toEqual(before);
    const good = await call('import-files', { files: [sites] });
    expect(good.ok && good.value.applied).toBe(true);
    const after = await call('site-list', {});
    expect(after.ok && after.value.map((x) => x.name)).toContain('New site');
  });

  it('lp-export writes the exact model of the active scenario', async () => {
    const { call } = await setup();
    const lp = await call('lp-export', {});
    if (!lp.ok) throw new Error(lp.error.message);
    expect(lp.value.text).toMatch(/^\\ Scenario: Base/m);
    expect(lp.value.fileName).toBe('plan-Base.lp');
    expect(lp.value.variables).toBeGreaterThan(0);
    expect(lp.value.constraints).toBeGreaterThan(0);
  });
});
