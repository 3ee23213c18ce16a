// The optimizer worker entry (worker_threads) that ships: the message loop of
// optimizer-worker-loop.ts, with no test hooks.
import { parentPort } from 'node:worker_threads';
import { runWorkerLoop } from './optimizer-worker-loop.ts';

if (!parentPort) throw new Error('optimizer.worker.ts must run as a worker thread');
runWorkerLoop(parentPort);
