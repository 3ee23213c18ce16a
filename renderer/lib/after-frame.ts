// Staged drawing for large views: run work in a task of its own after the next frame, so a view
// of 1,000 workloads lands as several short tasks (each under the 50 ms a user notices), never one.
// Hidden windows draw no frames: a fallback timer runs the work anyway.

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
export function stageUp(last: number, set: (stage: number) => void): () => void {
  let cancel = () => {};
  const next = (k: number) => {
    cancel = afterFrame(() => {
      set(k);
      if (k < last) next(k + 1);
    });
  };
  next(1);
  return () => cancel();
}
