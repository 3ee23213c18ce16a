// Slow-query logging for repositories: any repository call over 40 ms is reported once.
export const SLOW_QUERY_MS = 40;

type SlowLogger = (label: string, ms: number) => void;
let logger: SlowLogger = (label, ms) => console.warn(`[fleetplan] slow query ${label}: ${ms.toFixed(1)} ms`);

/** Replaces the sink (tests, or the Electron main process logging to a file). */
export function setSlowQueryLogger(fn: SlowLogger): void {
  logger = fn;
}

let now: () => number = () => performance.now();
/** Replaces the clock (tests). */
export function setSlowQueryClock(fn: () => number): void {
  now = fn;
}

export function timed<T>(label: string, fn: () => T): T {
  const t0 = now();
  try {
    return fn();
  } finally {
    const ms = now() - t0;
    if (ms > SLOW_QUERY_MS) logger(label, ms);
  }
}
