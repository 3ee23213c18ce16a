// The optimizer's clock and its one stop rule: a stage stops once its deadline has passed or the
// cancel flag (set by the host's Cancel, shared with the worker) is raised.
export const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** True once the host raised the cancel flag. */
export const cancelled = (flag?: Int32Array): boolean => flag != null && Atomics.load(flag, 0) !== 0;

/** True past `deadline` (a now() time) or once cancelled. */
export const stopNow = (deadline: number, flag?: Int32Array): boolean => now() > deadline || cancelled(flag);

/**
 * Whether a step that cannot stop on its own (a scan of the whole plan or model), estimated at
 * `costMs`, ends by `deadline`: false once cancelled. A step that does not fit is not begun.
 */
export const fitsBefore = (deadline: number, costMs: number, flag?: Int32Array): boolean => now() + costMs <= deadline && !cancelled(flag);
