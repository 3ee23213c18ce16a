// The page's side of the chart worker (chart.worker.ts): one worker for every WorkerChart, started
// on first use (or early, by warmChartWorker, while a view waits for its figures). When the worker
// cannot run (no OffscreenCanvas, or it fails to load) charts are drawn on the page instead.
import type { ChartReply, ChartRequest } from './chart.worker.ts';

let worker: Worker | null = null;
let broken = false;
const listeners = new Map<number, (reply: ChartReply | 'broken') => void>();
let lastId = 0;

/** true when charts can be drawn in the worker (OffscreenCanvas, and the worker has not failed) */
export function chartWorkerUsable(): boolean {
  return (
    !broken &&
    typeof Worker !== 'undefined' &&
    typeof OffscreenCanvas !== 'undefined' &&
    typeof HTMLCanvasElement !== 'undefined' &&
    typeof HTMLCanvasElement.prototype.transferControlToOffscreen === 'function'
  );
}

function start(): Worker | null {
  if (worker || broken) return worker;
  try {
    const w = new Worker(new URL('./chart.worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (e: MessageEvent<ChartReply>) => listeners.get(e.data.id)?.(e.data);
    w.onerror = () => {
      // a worker that cannot load: every chart it held is drawn on the page instead
      broken = true;
      w.terminate();
      worker = null;
      for (const fn of [...listeners.values()]) fn('broken');
    };
    worker = w;
  } catch {
    broken = true;
  }
  return worker;
}

/** Starts the worker (loading and compiling chart.js there) before the first chart needs it. */
export function warmChartWorker(): void {
  if (chartWorkerUsable()) start();
}

/** A new chart's id and its channel to the worker: send requests, hear its replies; null when the worker cannot be used. */
export function chartChannel(onReply: (reply: ChartReply | 'broken') => void): { id: number; send: (msg: ChartRequest, transfer?: Transferable[]) => void; close: () => void } | null {
  const w = chartWorkerUsable() ? start() : null;
  if (!w) return null;
  const id = ++lastId;
  listeners.set(id, onReply);
  return {
    id,
    send: (msg, transfer) => worker?.postMessage(msg, transfer ?? []),
    close: () => {
      listeners.delete(id);
      worker?.postMessage({ type: 'destroy', id } satisfies ChartRequest);
    },
  };
}
