import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkPlan } from '../../core/optimizer/check-plan.test-helper.ts';
import { bindingBudgetS } from '../../core/optimizer/binding.ts';
import { twoSystemInput } from '../../core/optimizer/fixtures.test-helper.ts';
import { BroadcastChannel, Worker } from 'node:worker_threads';
import type { PlanInput } from '../../core/types.ts';
import { CRASH_HANG, CRASH_MEMBER1, CRASH_OOM, CRASH_THROW, DEAF_CHANNEL, DEAF_HANG, LIMIT_THEN_CHECK_WAITS, SLOW_START, SLOW_START_MS } from './crashing.worker.test-helper.ts';
import { DEAF_GRACE_MS, EXPLAINING_MESSAGE, LIMIT_GRACE_MS, LIMIT_SLACK, MAX_FINISHED_JOBS, OptimizerHost } from './optimizer-host.ts';
import type { FromWorker, ToWorker } from './optimizer-protocol.ts';
import { WARM_WORKERS } from './optimizer-warmup.ts';

const workerUrl = new URL('./optimizer.worker.ts', import.meta.url);
/** the real worker loop, misbehaving on a job whose first workload carries a crash name */
const crashingWorkerUrl = new URL('./crashing.worker.test-helper.ts', import.meta.url);
function crashing(inp: PlanInput, name: string): PlanInput {
  return { ...inp, workloads: inp.workloads.map((w, i) => (i === 0 ? { ...w, name } : w)) };
}

const input = twoSystemInput;

let host: OptimizerHost | null = null;
afterEach(async () => {
  await host?.close();
  host = null;
});


/** Resolves when the job reports a plan in hand (or has ended), polling its progress. */
async function untilIncumbent(host: OptimizerHost, id: number): Promise<void> {
  for (;;) {
    const p = host.progress(id);
    if (p.incumbentUsd != null || p.state !== 'running') return;
    await new Promise((res) => setTimeout(res, 50));
  }
}

describe('OptimizerHost', () => {
  it('solves in the worker, reports progress and keeps the result', async () => {
    host = new OptimizerHost(workerUrl);
    const seen: string[] = [];
    const inp = input();
    const r = await host.solve(inp, { timeLimitS: 20 }, (p) => seen.push(p.state));
    expect(r.status).toBe('optimal');
    expect(checkPlan(inp, r)).toEqual([]);
    expect(seen.at(-1)).toBe('done');
    const id = host.start(inp, { timeLimitS: 20 });
    await host.wait(id);
    expect(host.result(id)?.objective_usd).toBeCloseTo(r.objective_usd!, 6);
    expect(host.progress(id)).toMatchObject({ jobId: id, state: 'done', message: 'optimal plan found' });
  });

  it('cancel returns the best plan so far with status time_limit', async () => {
    host = new OptimizerHost(workerUrl);
    const inp = input(200);
    const id = host.start(inp, { timeLimitS: 60 });
    // cancel once the worker has a plan in hand, however long a busy machine takes to get there
    await untilIncumbent(host, id);
    host.cancel(id);
    const r = await host.wait(id);
    expect(r.status).toBe('time_limit'); // stopped by the cancel with the warm-start plan in hand
    expect(r.stopped_by).toBe('user');
    expect(r.assignments.length).toBe(200);
    expect(checkPlan(inp, r)).toEqual([]);
    expect(host.progress(id).state).toBe('cancelled');
  });

  it('after the solve, a limit is reported as binding only when a re-solve without it is cheaper, with its cost', async () => {
    host = new OptimizerHost(workerUrl);
    const capped = { ...input(), settings: { ...input().settings, capex_budget_usd: 250_000 } };
    const messages: string[] = [];
    const budgets: (number | undefined)[] = [];
    const r = await host.solve(capped, { timeLimitS: 20 }, (p) => {
      messages.push(p.message);
      budgets.push(p.checkBudgetMs);
    });
    const free = await host.solve(input(), { timeLimitS: 20, checkBinding: false });
    expect(r.status).toBe('optimal');
    expect(r.binding?.map((b) => b.constraint)).toEqual(['capex budget']);
    expect(r.binding![0]!.cost_usd).toBeCloseTo(r.objective_usd! - free.objective_usd!, 0);
    expect(messages.some((m) => m.startsWith('checking limits'))).toBe(true);
    // the check runs past the time limit, and progress says for how long at most (half of 20 s)
    expect(messages).toContain('plan found; checking which limits bind (up to 10 s more)');
    expect(new Set(budgets.filter((b) => b != null))).toEqual(new Set([bindingBudgetS(20) * 1000]));
    expect(budgets.at(-1)).toBeUndefined();
    // the usage heuristic would call a full site binding; the re-solve does not when it costs nothing
    const roomy = { ...input(), settings: { ...input().settings, capex_budget_usd: 50_000_000 } };
    const r2 = await host.solve(roomy, { timeLimitS: 20 });
    expect(r2.binding).toEqual([]);
    expect(r2.binding_note).toMatch(/would not lower the cost/);
  });

  it('a Cancel during the limit check after a search that ran to its limit: the plan is the time limit\'s, the check the user stopped', async () => {
    host = new OptimizerHost(crashingWorkerUrl, { workers: 1 });
    const base = crashing(input(200), LIMIT_THEN_CHECK_WAITS);
    const inp = { ...base, settings: { ...base.settings, capex_budget_usd: 50_000_000 } };
    const id = host.start(inp, { timeLimitS: 20 });
    let p = host.progress(id);
    for (; p.checkBudgetMs == null; p = host.progress(id)) {
      expect(p.state).toBe('running');
      await new Promise((res) => setTimeout(res, 50));
    }
    host.cancel(id);
    const r = await host.wait(id);
    // the search was not stopped by the user: it ran to its limit
    expect(r).toMatchObject({ status: 'time_limit', stopped_by: 'time_limit', binding: [] });
    // when the plan was found, on the one clock: the check's progress and the plan's solve_ms (the check's time is not the solve's)
    expect(p.foundMs).toBe(r.solve_ms);
    // … the check was, and the note says so (it said "(stopped)", beside "stopped at the time limit")
    expect(r.binding_note).toMatch(/^(binding limits were )?not checked \(stopped by the user\)/);
    expect(host.progress(id)).toMatchObject({ state: 'cancelled', message: 'time limit: best plan so far; limit check stopped by the user' });
    expect(checkPlan(inp, r)).toEqual([]);
  });

  it('a crashed worker fails its job, is replaced, and the next job solves', async () => {
    host = new OptimizerHost(crashingWorkerUrl, { workers: 1 });
    const crashed = host.start(crashing(input(), CRASH_THROW), { timeLimitS: 5 });
    const queued = host.start(input(), { timeLimitS: 20 });
    await expect(host.wait(crashed)).rejects.toThrow(/optimizer/);
    expect(host.progress(crashed)).toMatchObject({ state: 'failed', error: { code: 'internal' } });
    const r = await host.wait(queued);
    expect(r.status).toBe('optimal');
    expect(host.restarts).toBe(1);
  });

  it('a worker slow to start is not stopped hard: the time limit counts from when it starts to solve', async () => {
    host = new OptimizerHost(crashingWorkerUrl, { workers: 1 });
    // the start takes longer than the 1-s limit's hard stop
    expect(SLOW_START_MS).toBeGreaterThan(1000 * LIMIT_SLACK + LIMIT_GRACE_MS);
    const id = host.start(crashing(input(), SLOW_START), { timeLimitS: 1 });
    // while it starts, the solver's clock has not begun: not '1.5 s of 1 s'
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(host.progress(id)).toMatchObject({ state: 'running', message: 'starting the optimizer…', elapsedMs: 0 });
    const r = await host.wait(id);
    expect(r.objective_usd).not.toBeNull();
    expect(host.restarts).toBe(0);
  });

  it('a cancel before the worker started keeps the worker (it was loading, not stuck) and says it was cancelled', async () => {
    host = new OptimizerHost(crashingWorkerUrl, { workers: 1 });
    const id = host.start(crashing(input(), SLOW_START), { timeLimitS: 1 });
    host.cancel(id);
    const r = await host.wait(id);
    expect(r.objective_usd).toBeNull();
    expect(r.reasons).toEqual(['the solve was cancelled before it found any plan']);
    expect(host.progress(id)).toMatchObject({ state: 'cancelled', message: 'cancelled before any plan was found' });
    expect(host.restarts).toBe(0);
    // the same worker answers the next job once it has started
    expect((await host.solve(input(), { timeLimitS: 20 })).status).toBe('optimal');
    expect(host.restarts).toBe(0);
  });

  it('a worker out of memory is reported as that job\'s error and replaced', async () => {
    host = new OptimizerHost(crashingWorkerUrl, { resourceLimits: { maxOldGenerationSizeMb: 64 }, workers: 1 });
    const id = host.start(crashing(input(), CRASH_OOM), { timeLimitS: 5 });
    await expect(host.wait(id)).rejects.toThrow();
    expect(host.progress(id).state).toBe('failed');
    const r = await host.solve(input(), { timeLimitS: 20 });
    expect(r.status).toBe('optimal');
  });

  it('a solver that does not stop is stopped hard: the interim plan comes back and the worker is replaced', async () => {
    host = new OptimizerHost(crashingWorkerUrl, { workers: 1 });
    const inp = crashing(input(20), CRASH_HANG);
    // the hard stop comes at the limit plus a grace (2 × LIMIT_SLACK + LIMIT_GRACE_MS: 5.5 s), counted
    // from the worker's 'started', sent once HiGHS is loaded: the interim plan (the standalone start
    // of 20 workloads, ~20 ms after it) has that long to come before the worker hangs. An 8-s limit
    // kept the suite waiting 13 s
    const id = host.start(inp, { timeLimitS: 2 });
    const r = await host.wait(id);
    expect(r.status).toBe('time_limit');
    expect(r.assignments).toHaveLength(20);
    expect(checkPlan(inp, r)).toEqual([]);
    // the interim plan had no bound: the host gives it one, so its gap is a number
    expect(r.bound_usd).not.toBeNull();
    expect(r.bound_usd!).toBeLessThanOrEqual(r.objective_usd!);
    expect(r.gap).toBeGreaterThanOrEqual(0);
    expect(host.restarts).toBe(1);
    const c = host.start(inp, { timeLimitS: 60 });
    await untilIncumbent(host, c);
    host.cancel(c);
    const rc = await host.wait(c);
    expect(rc.status).toBe('time_limit');
    expect(host.progress(c).state).toBe('cancelled');
    expect((await host.solve(input(20), { timeLimitS: 20 })).status).toBe('optimal');
  }, 120_000);

  it('a cancel while the solver runs an LP that does not look at the flag: the interim plan comes back after the short grace, the worker is replaced', async () => {
    host = new OptimizerHost(crashingWorkerUrl, { workers: 1 });
    const inp = crashing(input(20), DEAF_HANG);
    const bc = new BroadcastChannel(DEAF_CHANNEL);
    try {
      const deaf = new Promise<void>((res) => { bc.onmessage = () => res(); });
      // an hour's limit: nothing but the cancel's hard stop ends this job
      const id = host.start(inp, { timeLimitS: 3600 });
      await deaf;
      // the interim plan went out on the worker's port before the word on DEAF_CHANNEL, but the two
      // channels do not keep one order between them: a turn of the host's event loop takes it in, as
      // the real DEAF_GRACE_MS would (the fake clock below fires the hard stop at once)
      await new Promise((res) => setTimeout(res, DEAF_GRACE_MS));
      // the host's own clock: its hard stop comes DEAF_GRACE_MS after the cancel, not CANCEL_GRACE_MS
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      try {
        host.cancel(id);
        vi.advanceTimersByTime(DEAF_GRACE_MS);
      } finally {
        vi.useRealTimers();
      }
      expect(host.progress(id)).toMatchObject({ state: 'cancelled', message: 'stopped: best plan so far' });
      const r = await host.wait(id);
      expect(r.status).toBe('time_limit');
      expect(r.stopped_by).toBe('user');
      expect(r.assignments).toHaveLength(20);
      expect(checkPlan(inp, r)).toEqual([]);
      expect(host.restarts).toBe(1);
      // its replacement warms up as the first worker would have
      const warmed = await host.warm();
      expect(warmed).toHaveLength(1);
      expect(warmed[0]!.solves).toBeGreaterThan(0);
    } finally {
      bc.close();
    }
    expect((await host.solve(input(20), { timeLimitS: 20 })).status).toBe('optimal');
  }, 120_000);

  it('an input that makes the solver throw is an error for that job only', async () => {
    host = new OptimizerHost(workerUrl);
    const bad = { ...input(), catalog: undefined } as unknown as PlanInput;
    const id = host.start(bad, { timeLimitS: 5 });
    await expect(host.wait(id)).rejects.toThrow();
    expect(host.progress(id).state).toBe('failed');
    expect(host.restarts).toBe(0);
    expect((await host.solve(input(), { timeLimitS: 20 })).status).toBe('optimal');
  });

  it('a 2-worker portfolio: both members answer, the plan is the cheapest of theirs and meets every limit', async () => {
    host = new OptimizerHost(workerUrl, { workers: 2 });
    const inp = input(60);
    const messages: string[] = [];
    // optimal or stopped at the limit, both members' plans are in (60 workloads: proven in ~7 s on 2
    // busy cores); the limit check after it gets half the limit
    const r = await host.solve(inp, { timeLimitS: 10 }, (p) => messages.push(p.message));
    expect(r.status === 'optimal' || r.status === 'time_limit').toBe(true);
    expect(checkPlan(inp, r)).toEqual([]);
    const s = r.stats!;
    expect(s).toMatchObject({ portfolio_workers: 2, portfolio_answered: 2 });
    for (const i of [0, 1]) expect(r.objective_usd!).toBeLessThanOrEqual(s[`portfolio_member${i}_usd`]! * (1 + 1e-12));
    // the first plan is reported while the search goes on, then the binding check runs on one worker
    expect(messages).toContain('plan found: searching for a better one…');
    expect(messages.at(-1)).toMatch(/optimal plan found|time limit: best plan so far/);
    expect(r.binding_note ?? '').not.toMatch(/not checked/);
    expect(host.restarts).toBe(0);
  });

  it('no plan meets every limit: progress says that the limits to blame are being found, not "solving", until the reasons come', async () => {
    host = new OptimizerHost(workerUrl, { workers: 2 });
    // on-prem only, and 10 kW of IT power: one h100 a site, too few for the workloads (a site too
    // small for even one system is said at once, before any solve: solve.ts oversizeRuns)
    const base = input();
    const inp = { ...base, workloads: base.workloads.map((w) => ({ ...w, placement: 'onprem' as const })), sites: base.sites.map((x) => ({ ...x, it_power_kw: 10 })) };
    const messages: string[] = [];
    const r = await host.solve(inp, { timeLimitS: 20 }, (p) => messages.push(p.message));
    expect(r.status).toBe('infeasible');
    expect(r.reasons?.[0]).toMatch(/^site power makes the scenario infeasible: lifting it admits a plan/);
    expect(messages).toContain(EXPLAINING_MESSAGE);
    for (const m of messages.slice(messages.indexOf(EXPLAINING_MESSAGE) + 1)) expect(m).not.toMatch(/^solving$|plan found/);
    expect(messages.at(-1)).toBe('infeasible');
  });

  it('cancel stops every member of a portfolio; the best plan so far comes back', async () => {
    host = new OptimizerHost(workerUrl, { workers: 2 });
    const inp = input(200);
    const id = host.start(inp, { timeLimitS: 60 });
    await untilIncumbent(host, id);
    host.cancel(id);
    const r = await host.wait(id);
    expect(host.progress(id).state).toBe('cancelled');
    expect(r.assignments.length).toBe(200);
    expect(checkPlan(inp, r)).toEqual([]);
    if (r.status === 'time_limit') expect(r.stopped_by).toBe('user');
    // both members stopped on the flag and answered: none had to be stopped hard
    expect(r.stats).toMatchObject({ portfolio_workers: 2, portfolio_answered: 2 });
    expect(host.restarts).toBe(0);
  });

  it('a member that crashes does not lose the plan of the other; its worker is replaced', async () => {
    host = new OptimizerHost(crashingWorkerUrl, { workers: 2 });
    const inp = crashing(input(20), CRASH_MEMBER1);
    const r = await host.solve(inp, { timeLimitS: 20 });
    expect(r.status).toBe('optimal');
    expect(checkPlan(inp, r)).toEqual([]);
    expect(r.stats).toMatchObject({ portfolio_workers: 2, portfolio_answered: 1, portfolio_winner: 0 });
    expect(host.restarts).toBe(1);
    const next = await host.solve(input(20), { timeLimitS: 20 });
    expect(next.stats).toMatchObject({ portfolio_workers: 2, portfolio_answered: 2 });
  });

  it('does not grow: solve forgets its job, forget drops a read one, finished jobs are bounded', async () => {
    host = new OptimizerHost(workerUrl);
    await host.solve(input(), { timeLimitS: 20 });
    expect(host.size).toBe(0);
    const id = host.start(input(), { timeLimitS: 20 });
    host.forget(id); // still queued or running: kept
    expect(host.size).toBe(1);
    await host.wait(id);
    host.forget(id);
    expect(host.size).toBe(0);
    expect(() => host!.progress(id)).toThrow(/no optimizer job/);
    // jobs nobody forgets (inputs the solver rejects at once): only the latest are kept
    const bad = { ...input(), catalog: undefined } as unknown as PlanInput;
    const ids = Array.from({ length: MAX_FINISHED_JOBS + 10 }, () => host!.start(bad, { timeLimitS: 5 }));
    await expect(host.wait(ids.at(-1)!)).rejects.toThrow();
    expect(host.size).toBe(MAX_FINISHED_JOBS);
    expect(host.progress(ids.at(-1)!).state).toBe('failed');
    expect(() => host!.progress(ids[0]!)).toThrow(/no optimizer job/);
  });

  it('a job that comes during the warm-up stops it and starts at once; its plan is a cold host\'s', async () => {
    const inp = input();
    const cold = new OptimizerHost(workerUrl, { workers: 1 });
    const coldPlan = await cold.solve(inp, { timeLimitS: 20 }).finally(() => cold.close());
    host = new OptimizerHost(workerUrl, { workers: 1 });
    // a warm-up far longer than the test may take, well under way when the job comes
    const warming = host.warm(600_000);
    expect(host.warm()).toBe(warming); // one warm-up at a time
    // the job comes once a throw-away solve is under way (a busy machine may take seconds to load the
    // worker's modules; a job before that stops a warm-up that has begun nothing), and a while into it
    await vi.waitFor(() => { expect(host!.warmSolvesBegun).toBeGreaterThanOrEqual(1); }, { timeout: 40_000, interval: 50 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const messages: string[] = [];
    const id = host.start(inp, { timeLimitS: 20 });
    host.onProgress(id, (p) => messages.push(p.message));
    const [o] = await warming;
    // stopped for the job after at least one throw-away solve had begun, long before its time was up
    expect(o).toMatchObject({ stopped: true });
    expect(o!.solves).toBeGreaterThanOrEqual(1);
    expect(o!.ms).toBeLessThan(600_000);
    const r = await host.wait(id);
    expect(messages[0]).toBe('solving');
    expect(r.status).toBe(coldPlan.status);
    expect(r.objective_usd).toBe(coldPlan.objective_usd);
    expect(r.assignments).toEqual(coldPlan.assignments);
    expect(r.binding).toEqual(coldPlan.binding);
    expect(checkPlan(inp, r)).toEqual([]);
    // a worker that has run a job (or warmed up) is not warmed again
    expect(await host.warm()).toEqual([]);
    expect(host.restarts).toBe(0);
  });

  it('the warm-up posts nothing but its end: no progress, plan or error that could reach a job', async () => {
    const w = new Worker(workerUrl);
    try {
      const got: FromWorker[] = [];
      const warmed = new Promise<void>((resolve) => w.on('message', (m: FromWorker) => {
        got.push(m);
        if (m.type === 'warmed') resolve();
      }));
      w.postMessage({ type: 'warm', seq: 1, stop: new SharedArrayBuffer(4), budgetMs: 1500, index: 0 } satisfies ToWorker);
      await warmed;
      expect(got.map((m) => m.type)).toEqual(['ready', 'warmed']);
      expect(got[1]).toMatchObject({ stopped: false });
      expect(got[1]).not.toHaveProperty('error');
      expect((got[1] as Extract<FromWorker, { type: 'warmed' }>).solves).toBeGreaterThanOrEqual(1);
    } finally {
      await w.terminate();
    }
  });

  it('close() during the warm-up ends it; a closed host warms nothing', async () => {
    host = new OptimizerHost(workerUrl, { workers: 2 });
    const warming = host.warm(600_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await host.close();
    // the workers are gone: the warm-up resolves (with what the workers said before they stopped)
    expect((await warming).every((o) => o.stopped)).toBe(true);
    expect(await host.warm()).toEqual([]);
  });

  it('at most WARM_WORKERS warm up, however many the jobs use: memory stays bounded', async () => {
    host = new OptimizerHost(workerUrl, { workers: WARM_WORKERS + 2 });
    expect(await host.warm(300)).toHaveLength(WARM_WORKERS);
    // a job on all of them starts the rest cold, and solves
    expect((await host.solve(input(), { timeLimitS: 20 })).status).toBe('optimal');
  });

  it('a job on fewer workers than warmed stops the extra one: memory stays bounded', async () => {
    host = new OptimizerHost(workerUrl, { workers: 2 });
    const warming = host.warm(600_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const r = await host.solve(input(), { timeLimitS: 20, workers: 1 });
    expect(r.status).toBe('optimal');
    // one worker stopped for the job, the other was stopped with the pool's shrinking
    expect((await warming).length).toBeLessThanOrEqual(1);
    expect(host.restarts).toBe(0);
  });
});
