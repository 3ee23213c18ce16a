// The optimizer worker (worker_threads): loads HiGHS once, then solves PlanInput snapshots sent
// by OptimizerHost, posting progress, the PlanResult, or an error. It never sees the database.
import { parentPort } from 'node:worker_threads';
import loadHighs from 'highs';
import { solvePlan } from '../../core/optimizer/solve.ts';
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
        post({ type: 'result', seq: ++seq, jobId: msg.jobId, result });
      } catch (e) {
        post({ type: 'error', seq: ++seq, jobId: msg.jobId, message: e instanceof Error ? e.message : String(e) });
      }
      return;
    }
  }
});

post({ type: 'ready', seq: ++seq });
