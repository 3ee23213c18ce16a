// The optimizer worker (worker_threads): loads HiGHS once, then solves PlanInput snapshots sent
// by OptimizerHost, posting progress, the PlanResult, or an error. It never sees the database.
// After a plan is found it checks which limits bind by re-solving without each tight one.
import { parentPort } from 'node:worker_threads';
import loadHighs from 'highs';
import { analyzeBinding, bindingBudgetS } from '../../core/optimizer/binding.ts';
import { solvePlan } from '../../core/optimizer/solve.ts';
import type { PlanInput, PlanResult } from '../../core/types.ts';
import type { FromWorker, ToWorker } from './optimizer-protocol.ts';

if (!parentPort) throw new Error('optimizer.worker.ts must run as a worker thread');
const port = parentPort;
let seq = 0;
const post = (m: FromWorker) => port.postMessage(m);

const highsReady = loadHighs();

port.on('message', async (msg: ToWorker) => {
  switch (msg.type) {
    case 'cancel':
      return; // a running job is cancelled through its shared flag
    case 'run': {
      if (msg.debugCrash === 'oom') {
        const hog: unknown[] = [];
        for (;;) hog.push(new Array(1e6).fill(msg.jobId));
      }
      if (msg.debugCrash === 'throw') throw new Error('optimizer worker crash requested (test)');
      try {
        const highs = await highsReady;
        const cancelFlag = new Int32Array(msg.cancel);
        const result = solvePlan(highs, msg.input, {
          timeLimitS: msg.timeLimitS,
          cancelFlag,
          ...(msg.warmStart != null ? { warmStart: msg.warmStart } : {}),
          ...(msg.cuts != null ? { cuts: msg.cuts } : {}),
          onProgress: (p) => post({ type: 'progress', seq: ++seq, jobId: msg.jobId, ...p }),
          onInterim: (plan) => {
            post({ type: 'interim', seq: ++seq, jobId: msg.jobId, result: plan });
            if (msg.debugCrash === 'hang') for (;;) Atomics.load(cancelFlag, 0);
          },
          ...(msg.debugCrash === 'hang' ? { pipeline: 'staged' as const } : {}),
        });
        const stopped = () => Atomics.load(cancelFlag, 0) !== 0;
        if (result.status === 'time_limit') result.stopped_by = stopped() ? 'user' : 'time_limit';
        if ((msg.checkBinding ?? true) && (result.status === 'optimal' || result.status === 'time_limit') && !stopped()) {
          checkBinding(msg.jobId, msg.input, result, bindingBudgetS(msg.timeLimitS), (input, t) =>
            solvePlan(highs, input, { timeLimitS: t, cancelFlag, explain: false }), stopped);
        }
        post({ type: 'result', seq: ++seq, jobId: msg.jobId, result });
      } catch (e) {
        post({ type: 'error', seq: ++seq, jobId: msg.jobId, message: e instanceof Error ? e.message : String(e) });
      }
      return;
    }
  }
});

/** Replaces the plan's usage-based binding list with the re-solved one (in place). */
function checkBinding(jobId: number, input: PlanInput, plan: PlanResult, budgetS: number,
  solve: (input: PlanInput, t: number) => PlanResult, stopped: () => boolean): void {
  // until the check ends, the plan in hand says its limits were not checked
  post({ type: 'checking', seq: ++seq, jobId, budgetMs: budgetS * 1000,
    result: { ...plan, binding: [], binding_note: 'binding limits were not checked (stopped)' } });
  const a = analyzeBinding(plan, input, solve, {
    budgetS,
    stopped,
    onStep: (done, total, label) => post({ type: 'step', seq: ++seq, jobId, message: `checking limits (${done + 1}/${total}): ${label}` }),
  });
  plan.binding = a.binding;
  if (a.note) plan.binding_note = a.note;
  else delete plan.binding_note;
}

post({ type: 'ready', seq: ++seq });
