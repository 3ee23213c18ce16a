// solveAndWait says when the solve has found its plan and the limits that bind are being checked:
// that step runs past the time limit (up to half of it again), and the CLI said nothing meanwhile.
import { describe, expect, it } from 'vitest';
import type { ApiArgs, ApiName, ApiResults, SolveProgress, SolveStarted } from '../../core/api.ts';
import type { Call } from './api-client.ts';
import type { CommandContext } from './command.ts';
import { solveAndWait } from './solve.ts';

const started: SolveStarted = { jobId: 7, scenario: 'Base', scenarioId: 1, workloads: 60, sites: 2, timeLimitS: 10 };
const progress = (over: Partial<SolveProgress>): SolveProgress => ({
  jobId: 7, state: 'running', elapsedMs: 0, incumbentUsd: null, boundUsd: null, gap: null, message: 'solving', ...over,
});

/** A job that solves for `solvingPolls` progress reads, then is checked for which limits bind (or not), and ends. */
function fakeCall(solvingPolls: number, check: boolean, planFoundMs = 10_200, found?: number) {
  const seen = { polls: 0 };
  let end: () => void = () => undefined;
  const ended = new Promise<void>((resolve) => (end = resolve));
  const call = (async (name: ApiName, _args: ApiArgs<ApiName>) => {
    switch (name) {
      case 'optimize-start':
        return started;
      case 'optimize-progress': {
        seen.polls++;
        if (seen.polls <= solvingPolls) return progress({ elapsedMs: seen.polls * 1000, message: 'plan found: searching for a better one…' });
        end();
        return check
          ? progress({ elapsedMs: planFoundMs, message: 'checking limits (1/4): all tight limits', checkBudgetMs: 5000, ...(found != null ? { foundMs: found } : {}) })
          : progress({ state: 'done', elapsedMs: 10_000, message: 'time limit: best plan so far', planId: 1 });
      }
      case 'optimize-wait':
        await ended;
        return { progress: progress({ state: 'done', planId: 1 }), plan: { id: 1 } } as ApiResults['optimize-wait'];
      default:
        throw new Error(`unexpected call ${name}`);
    }
  }) as Call;
  return { call, seen };
}

const ctx = (): CommandContext => ({ out: () => undefined, err: () => undefined, write: () => undefined, env: {}, signal: new AbortController().signal });

describe('solveAndWait', () => {
  it('says once, when the limit check begins, how long it may take past the time limit and that Ctrl-C keeps the plan', async () => {
    const heard: string[] = [];
    const { call, seen } = fakeCall(2, true);
    const solved = await solveAndWait(call, ctx(), {}, () => undefined, (w) => heard.push(w));
    expect(solved.plan).toEqual({ id: 1 });
    expect(seen.polls).toBe(3); // the watch stops once it has spoken
    expect(heard).toEqual(['plan found (10.2 s, time limit 10 s); checking which limits bind, up to 5 s more (Ctrl-C keeps the plan, its limits unchecked)']);
  });

  it('says when the plan was found on the solve\'s own clock (its solve_ms, as the status line says), not when the check was seen', async () => {
    const heard: string[] = [];
    // the check seen at 10.4 s for a plan found at 10.1 s: it said "plan found (10.4 s" above "status: time_limit … (10.1 s)"
    await solveAndWait(fakeCall(2, true, 10_400, 10_100).call, ctx(), {}, () => undefined, (w) => heard.push(w));
    expect(heard).toEqual(['plan found (10.1 s, time limit 10 s); checking which limits bind, up to 5 s more (Ctrl-C keeps the plan, its limits unchecked)']);
  });

  it('says nothing for a solve that ends without the check, or whose check ends within the time limit', async () => {
    const heard: string[] = [];
    await solveAndWait(fakeCall(3, false).call, ctx(), {}, () => undefined, (w) => heard.push(w));
    // the demo: a plan at 0.3 s, checked within 5 s
    await solveAndWait(fakeCall(1, true, 300).call, ctx(), {}, () => undefined, (w) => heard.push(w));
    expect(heard).toEqual([]);
  });
});
