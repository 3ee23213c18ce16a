// Staged drawing for large views: run work in a task of its own after the next frame, so a view
// of 1,000 workloads lands as several short tasks (each under the 50 ms a user notices), never one.
// Hidden windows draw no frames: a fallback timer runs the work anyway. A named stage is drawn
// at once (flushSync) and leaves a performance measure ("<name> <k>"), which the UI benches read.
import { flushSync } from 'svelte';

/** Run `cb` in a task of its own after the next frame (or after 100 ms); returns a cancel function. */
export function afterFrame(cb: () => void): () => void {
  let done = false;
  let inner: ReturnType<typeof setTimeout> | undefined;
  const run = () => {
    if (done) return;
    done = true;
    cb();
  };
  const raf = requestAnimationFrame(() => {
    inner = setTimeout(run, 0);
  });
  const fallback = setTimeout(run, 100);
  return () => {
    done = true;
    cancelAnimationFrame(raf);
    clearTimeout(fallback);
    if (inner !== undefined) clearTimeout(inner);
  };
}

/** Calls `set(1)`, `set(2)` … `set(last)`, one frame apart; returns a cancel function. */
export function stageUp(last: number, set: (stage: number) => void, name?: string): () => void {
  let cancel = () => {};
  const next = (k: number) => {
    cancel = afterFrame(() => {
      const t = performance.now();
      set(k);
      if (name) {
        flushSync();
        performance.measure(`${name} ${k}`, { start: t });
      }
      if (k < last) next(k + 1);
    });
  };
  next(1);
  return () => cancel();
}
