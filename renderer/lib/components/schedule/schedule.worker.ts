// Builds a plan's schedule off the main thread (the TCO engine plus core/schedule take tens of
// milliseconds for a 1,000-workload plan). Messages carry a sequence number: { seq, input, plan }
// in, { seq, state } out; a plan that cannot be scheduled comes back as a message, never a throw.
import type { PlanInput, PlanResult } from '../../../../core/types.ts';
import { scheduleOf, type ScheduleState } from './schedule-of.ts';

export type ScheduleRequest = { seq: number; input: PlanInput; plan: PlanResult };
export type ScheduleReply = { seq: number; state: ScheduleState };

// the worker's global scope (the renderer's tsconfig types `self` as a window)
const scope = self as unknown as { onmessage: ((e: MessageEvent<ScheduleRequest>) => void) | null; postMessage: (m: ScheduleReply) => void };

scope.onmessage = (e) => {
  const { seq, input, plan } = e.data;
  scope.postMessage({ seq, state: scheduleOf(input, plan) });
};
