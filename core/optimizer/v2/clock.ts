// The optimizer's clock and its one stop rule: a stage stops once its deadline has passed or the
// cancel flag (set by the host's Cancel, shared with the worker) is raised.
export const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** True once the host raised the cancel flag. */
export const cancelled = (flag?: Int32Array): boolean => flag != null && Atomics.load(flag, 0) !== 0;

/** True past `deadline` (a now() time) or once cancelled. */
export const stopNow = (deadline: number, flag?: Int32Array): boolean => now() > deadline || cancelled(flag);
