// The optimizer worker's message loop (worker_threads): loads HiGHS once, then solves PlanInput
// snapshots sent by OptimizerHost, posting progress, the PlanResult, or an error. It never sees
// the database. `hooks` exist for the test-only worker entry (crash and hang injection); the
// shipped worker (optimizer.worker.ts) passes none, so the protocol carries no test switch.
import type { MessagePort } from 'node:worker_threads';
import loadHighs from 'highs';
import { solvePlan } from '../../core/optimizer/solve.ts';
import type { FromWorker, ToWorker } from './optimizer-protocol.ts';

type RunMsg = Extract<ToWorker, { type: 'run' }>;
export type WorkerHooks = {
  /** called before a job solves (may throw, or never return) */
  beforeRun?: (msg: RunMsg) => void;
  /** called after the interim plan is posted, inside the solve */
  afterInterim?: (msg: RunMsg, cancelFlag: Int32Array) => void;
  /** solver pipeline override for a job */
  pipeline?: (msg: RunMsg) => 'staged' | undefined;
};

export function runWorkerLoop(port: MessagePort, hooks: WorkerHooks = {}): void {
  let seq = 0;
  const post = (m: FromWorker) => port.postMessage(m);
  const highsReady = loadHighs();

  port.on('message', async (msg: ToWorker) => {
    switch (msg.type) {
      case 'cancel':
        return; // a running job is cancelled through its shared flag
      case 'run': {
        hooks.beforeRun?.(msg);
        try {
          const highs = await highsReady;
          const cancelFlag = new Int32Array(msg.cancel);
          const pipeline = hooks.pipeline?.(msg);
          const result = solvePlan(highs, msg.input, {
            timeLimitS: msg.timeLimitS,
            cancelFlag,
            ...(msg.warmStart != null ? { warmStart: msg.warmStart } : {}),
            ...(msg.cuts != null ? { cuts: msg.cuts } : {}),
            onProgress: (p) => post({ type: 'progress', seq: ++seq, jobId: msg.jobId, ...p }),
            onInterim: (plan) => {
              post({ type: 'interim', seq: ++seq, jobId: msg.jobId, result: plan });
              hooks.afterInterim?.(msg, cancelFlag);
            },
            ...(pipeline ? { pipeline } : {}),
          });
          post({ type: 'result', seq: ++seq, jobId: msg.jobId, result });
        } catch (e) {
          post({ type: 'error', seq: ++seq, jobId: msg.jobId, message: e instanceof Error ? e.message : String(e) });
        }
        return;
      }
    }
  });

  post({ type: 'ready', seq: ++seq });
}
