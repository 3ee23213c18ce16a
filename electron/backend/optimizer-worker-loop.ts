// The optimizer worker's message loop (worker_threads): loads HiGHS once, then solves PlanInput
// snapshots sent by OptimizerHost with the one solver (core/optimizer/v2), posting progress, an
// interim plan (the first plan found, then a newer one every few seconds), the PlanResult, or an error. It never
// sees the database. After a plan is found it checks which limits bind by re-solving without them
// all, then without each one that may bind (core/optimizer/binding.ts). A portfolio member (run.portfolio) solves with its own
// seed and strategy and shares its better plans with the other members on a BroadcastChannel,
// adopting theirs between stages; the host then sends the chosen plan back to one worker for the
// binding check ('check'). Before the first job the host may send 'warm': throw-away solves
// (optimizer-warmup.ts) that post nothing but 'warmed' and stop on the host's flag. Only member 0 posts the interim plan and explains infeasibility. `hooks` exist for the test-only worker entry (crash and hang injection); the
// shipped worker (optimizer.worker.ts) passes none, so the protocol carries no test switch.
import { availableParallelism } from 'node:os';
import { BroadcastChannel, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import loadHighs from 'highs';
import { analyzeBinding, bindingBudgetS } from '../../core/optimizer/binding.ts';
import { withinLimitsV2 } from '../../core/optimizer/meets-limits.ts';
import { relGap } from '../../core/optimizer/gap.ts';
import { extractPlanV2 } from '../../core/optimizer/v2/extract.ts';
import type { SolutionV2 } from '../../core/optimizer/v2/extract.ts';
import type { ModelV2 } from '../../core/optimizer/v2/model.ts';
import { portfolioMember } from '../../core/optimizer/v2/portfolio.ts';
import { solvePlanV2, unservedReasonOf } from '../../core/optimizer/v2/solve.ts';
import { holdsPlan, type PlanInput, type PlanResult } from '../../core/types.ts';
import { deafSlot, type FromWorker, type SharedIncumbent, type ToWorker } from './optimizer-protocol.ts';
import { warmUp } from './optimizer-warmup.ts';

type RunMsg = Extract<ToWorker, { type: 'run' }>;
export type WorkerHooks = {
  /** called before a job solves (may throw, or never return) */
  beforeRun?: (msg: RunMsg) => void;
  /** called after the interim plan is posted, before the search */
  afterInterim?: (msg: RunMsg, cancelFlag: Int32Array) => void;
  /** called before each re-solve of the limit check (may wait) */
  beforeCheckSolve?: (msg: Extract<ToWorker, { type: 'check' }>, cancelFlag: Int32Array) => void;
};

/** An interim plan goes out with the first plan, then at most this often (extracting one takes time at 1,000 workloads). */
const INTERIM_EVERY_MS = 5000;

/** A plan the host can fall back on when it must stop the worker from outside (HiGHS' presolve cannot be interrupted). */
function interimPlan(m: ModelV2, s: SolutionV2): PlanResult {
  const plan = extractPlanV2(m, s, { bound: null, solveMs: 0, unservedReason: unservedReasonOf(m) });
  plan.status = 'time_limit'; // an interim plan is never final
  return plan;
}

/** This member's side of the incumbent exchange: share a better plan, poll for a cheaper one. */
function openExchange(channel: string, index: number) {
  const bc = new BroadcastChannel(channel);
  // Node reads a BroadcastChannel synchronously too (receiveMessageOnPort); its typings say MessagePort only
  const port = bc as unknown as MessagePort;
  let known = Infinity;
  return {
    share(solution: SolutionV2, objective: number): void {
      known = Math.min(known, objective);
      bc.postMessage({ from: index, objective, solution } satisfies SharedIncumbent);
    },
    /** the cheapest plan received since the last poll, when cheaper than any seen or sent */
    poll(): SolutionV2 | null {
      let best: SharedIncumbent | null = null;
      for (let r = receiveMessageOnPort(port); r; r = receiveMessageOnPort(port)) {
        const m = r.message as SharedIncumbent;
        if (m.objective < known && (!best || m.objective < best.objective)) best = m;
      }
      if (!best) return null;
      known = best.objective;
      return best.solution;
    },
    close(): void {
      bc.close();
    },
  };
}

export function runWorkerLoop(port: MessagePort, hooks: WorkerHooks = {}): void {
  let seq = 0;
  const post = (m: FromWorker) => port.postMessage(m);
  const highsReady = loadHighs();

  port.on('message', async (msg: ToWorker) => {
    switch (msg.type) {
      case 'cancel':
        return; // a running job is cancelled through its shared flag
      case 'warm': {
        // nothing of the warm-up reaches a job: it posts only 'warmed', which names none
        const t0 = performance.now();
        try {
          const highs = await highsReady;
          post({ type: 'warmed', seq: ++seq, ...warmUp(highs, new Int32Array(msg.stop), msg.budgetMs, msg.index) });
        } catch (e) {
          post({ type: 'warmed', seq: ++seq, ms: performance.now() - t0, solves: 0, stopped: false, error: e instanceof Error ? e.message : String(e) });
        }
        return;
      }
      case 'check': {
        try {
          const highs = await highsReady;
          const cancelFlag = new Int32Array(msg.cancel);
          const result = msg.result;
          const stopped = () => Atomics.load(cancelFlag, 0) !== 0;
          const halted = checkBinding(msg.jobId, msg.input, result, bindingBudgetS(msg.timeLimitS), (input, t) => {
            hooks.beforeCheckSolve?.(msg, cancelFlag);
            return solvePlanV2(highs, input, { timeLimitS: t, cancelFlag, explain: false });
          }, stopped);
          post({ type: 'result', seq: ++seq, jobId: msg.jobId, result, ...(halted ? { checkHalted: true } : {}) });
        } catch (e) {
          post({ type: 'error', seq: ++seq, jobId: msg.jobId, message: e instanceof Error ? e.message : String(e) });
        }
        return;
      }
      case 'run': {
        hooks.beforeRun?.(msg);
        const member = msg.portfolio ? portfolioMember(msg.portfolio.index) : null;
        const primary = member == null || member.index === 0;
        const exchange = msg.portfolio && msg.portfolio.size > 1 ? openExchange(msg.portfolio.channel, msg.portfolio.index) : null;
        try {
          const highs = await highsReady;
          post({ type: 'started', seq: ++seq, jobId: msg.jobId });
          const cancelFlag = new Int32Array(msg.cancel);
          // the first plan's cost has gone out through progress; the plan itself follows as the interim one
          let interimAt: number | null = null;
          // the latest plan, and the cost of the last one sent as the interim plan
          let latest: { s: SolutionV2; objective: number; m: ModelV2 } | null = null;
          let sentUsd = Infinity;
          const sendInterim = (s: SolutionV2, objective: number, m: ModelV2) => {
            post({ type: 'interim', seq: ++seq, jobId: msg.jobId, result: interimPlan(m, s) });
            interimAt = performance.now();
            sentUsd = objective;
          };
          const onIncumbent = (s: SolutionV2, objective: number, m: ModelV2, share: boolean) => {
            if (share) exchange?.share(s, objective);
            latest = { s, objective, m };
            if (!primary || (interimAt != null && performance.now() - interimAt < INTERIM_EVERY_MS)) return;
            const first = interimAt == null;
            sendInterim(s, objective, m);
            if (first) hooks.afterInterim?.(msg, cancelFlag);
          };
          // a stretch that does not look at the flag: the host stops this thread on a cancel meanwhile,
          // and keeps the interim plan, so the latest plan goes out first (a member's own: the
          // others' reach the primary through the exchange)
          const slot = deafSlot(msg.portfolio?.index ?? 0);
          const onDeaf = (deaf: boolean) => {
            if (deaf && primary && latest && latest.objective < sentUsd) sendInterim(latest.s, latest.objective, latest.m);
            Atomics.store(cancelFlag, slot, deaf ? 1 : 0);
          };
          const result = solvePlanV2(highs, msg.input, {
            timeLimitS: msg.timeLimitS,
            cancelFlag,
            // members that outnumber the cores share them: the primal one's wait pays only then (solve.ts PRIMAL_WAIT_MS)
            ...(member ? { seed: member.seed, strategy: member.strategy, contended: msg.portfolio!.size >= availableParallelism() } : {}),
            onIncumbent,
            // (a host that shares no room for the member's slot cannot be told: the LPs then listen)
            ...(cancelFlag.length > slot ? { onDeaf } : {}),
            ...(exchange ? { pollIncumbent: exchange.poll } : {}),
            ...(primary ? { onExplaining: () => post({ type: 'explaining', seq: ++seq, jobId: msg.jobId }) } : { explain: false }),
            onProgress: (p) => post({
              type: 'progress', seq: ++seq, jobId: msg.jobId, ...p,
              gap: p.incumbentUsd != null && p.boundUsd != null ? relGap(p.incumbentUsd, p.boundUsd) : null,
            }),
          });
          const stopped = () => Atomics.load(cancelFlag, 0) !== 0;
          if (result.status === 'time_limit') result.stopped_by = stopped() ? 'user' : 'time_limit';
          if ((msg.checkBinding ?? true) && holdsPlan(result.status) && !stopped()) {
            checkBinding(msg.jobId, msg.input, result, bindingBudgetS(msg.timeLimitS), (input, t) =>
              solvePlanV2(highs, input, { timeLimitS: t, cancelFlag, explain: false }), stopped);
          }
          post({ type: 'result', seq: ++seq, jobId: msg.jobId, result });
        } catch (e) {
          post({ type: 'error', seq: ++seq, jobId: msg.jobId, message: e instanceof Error ? e.message : String(e) });
        } finally {
          exchange?.close();
        }
        return;
      }
    }
  });

  /** Replaces the plan's usage-based binding list with the re-solved one, and words the unserved rows a binding limit holds back as such (in place). */
  function checkBinding(jobId: number, input: PlanInput, plan: PlanResult, budgetS: number,
    solve: (input: PlanInput, t: number) => PlanResult, stopped: () => boolean): boolean {
    // until the check ends, the plan in hand says its limits were not checked
    post({ type: 'checking', seq: ++seq, jobId, budgetMs: budgetS * 1000,
      result: { ...plan, binding: [], binding_note: 'binding limits were not checked (stopped)' } });
    // the check's stop is the job's cancel flag: during the check, only the user's Cancel (or the app's close) sets it
    const a = analyzeBinding(plan, input, solve, {
      budgetS,
      stopped,
      stoppedBy: 'the user',
      // a re-solve's plan that meets the lifted limit anyway is a cheaper plan, not a cost of the limit
      withinLimits: withinLimitsV2(input, stopped),
      onStep: (done, total, label) => post({ type: 'step', seq: ++seq, jobId, message: `checking limits (${done + 1}/${total}): ${label}` }),
    });
    plan.binding = a.binding;
    if (a.unserved) plan.unserved = a.unserved;
    if (a.note) plan.binding_note = a.note;
    else delete plan.binding_note;
    return a.halted === true;
  }

  post({ type: 'ready', seq: ++seq });
}
