// Test-only optimizer worker entry (not shipped): the real message loop, which misbehaves on a job
// whose first workload is named CRASH_THROW (uncaught error), CRASH_OOM (runs out of memory) or
// CRASH_HANG (busy forever right after sending its interim plan), CRASH_MEMBER1 (the second
// member of a portfolio throws; the first solves), SLOW_START (blocked for SLOW_START_MS before
// the solve starts, as a cold worker on a busy machine is, then sound), or LIMIT_THEN_CHECK_WAITS
// (its search stops with its first plan, unproven, as a time limit stops it, and the limit check
// then waits for a cancel before its first re-solve: a search that ran to its limit, cancelled in
// the check), or DEAF_HANG (right after sending its interim plan, says it runs a stretch that does
// not look at the cancel flag, as the LP stage's large LPs do, tells DEAF_CHANNEL, and stays busy).
import { BroadcastChannel, parentPort } from 'node:worker_threads';
import { deafSlot } from './optimizer-protocol.ts';
import { runWorkerLoop } from './optimizer-worker-loop.ts';

export const CRASH_THROW = 'crash-throw';
export const CRASH_OOM = 'crash-oom';
export const CRASH_HANG = 'crash-hang';
export const CRASH_MEMBER1 = 'crash-member-1';
export const SLOW_START = 'slow-start';
// above the hard stop of a 1-s limit (1.25 s + LIMIT_GRACE_MS: 4.25 s), which it must outlast
export const SLOW_START_MS = 5000;
export const LIMIT_THEN_CHECK_WAITS = 'limit-then-check-waits';
export const DEAF_HANG = 'deaf-hang';
/** the BroadcastChannel a DEAF_HANG worker posts its job id on once its stretch has begun */
export const DEAF_CHANNEL = 'fleetplan-test-deaf';

if (parentPort) {
  const mode = (msg: { input: { workloads?: { name: string }[] } }) => msg.input.workloads?.[0]?.name;
  runWorkerLoop(parentPort, {
    beforeRun: (msg) => {
      if (mode(msg) === CRASH_OOM) {
        const hog: unknown[] = [];
        for (;;) hog.push(new Array(1e6).fill(msg.jobId));
      }
      if (mode(msg) === SLOW_START) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, SLOW_START_MS);
      if (mode(msg) === CRASH_THROW) throw new Error('optimizer worker crash requested (test)');
      if (mode(msg) === CRASH_MEMBER1 && msg.portfolio?.index === 1) throw new Error('portfolio member crash requested (test)');
    },
    afterInterim: (msg, cancelFlag) => {
      if (mode(msg) === CRASH_HANG) for (;;) Atomics.load(cancelFlag, 0);
      if (mode(msg) === DEAF_HANG) {
        Atomics.store(cancelFlag, deafSlot(msg.portfolio?.index ?? 0), 1);
        const bc = new BroadcastChannel(DEAF_CHANNEL);
        bc.postMessage(msg.jobId);
        bc.close();
        for (;;) Atomics.load(cancelFlag, 1);
      }
      // the search ends with its first plan, unproven, as at its time limit (not the user's stop: 2 is
      // the flag's "another member closed the gap", which the host clears before the check)
      if (mode(msg) === LIMIT_THEN_CHECK_WAITS) Atomics.store(cancelFlag, 0, 2);
    },
    beforeCheckSolve: (msg, cancelFlag) => {
      if (mode(msg) === LIMIT_THEN_CHECK_WAITS) while (Atomics.load(cancelFlag, 0) === 0) Atomics.wait(cancelFlag, 0, 0, 20);
    },
  });
}
