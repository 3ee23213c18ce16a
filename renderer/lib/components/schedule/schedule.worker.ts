// Builds a plan's schedule off the main thread (the TCO engine plus core/schedule take tens of
// milliseconds for a 1,000-workload plan). A request arrives in parts and its answer goes out in
// parts (schedule-parts.ts), each carrying the request's sequence number. A plan that cannot be
// scheduled comes back as a message, never a throw.
import { PartsInbox, replyParts, type ScheduleReply, type ScheduleRequest } from './schedule-parts.ts';
import { scheduleOf } from './schedule-of.ts';

// the worker's global scope (the renderer's tsconfig types `self` as a window)
const scope = self as unknown as { onmessage: ((e: MessageEvent<ScheduleRequest>) => void) | null; postMessage: (m: ScheduleReply) => void };

// the timeline goes out in name order (the order WorkloadTimeline shows first): sorting 1,000
// names with a collator is work the page need not do
const byName = new Intl.Collator(undefined, { numeric: true }).compare;
const inbox = new PartsInbox();

scope.onmessage = (e) => {
  const whole = inbox.receive(e.data);
  if (!whole) return;
  const state = scheduleOf(whole.input, whole.plan);
  state.schedule?.timeline.sort((a, b) => byName(a.workload, b.workload));
  for (const part of replyParts(whole.seq, state)) scope.postMessage(part);
};
