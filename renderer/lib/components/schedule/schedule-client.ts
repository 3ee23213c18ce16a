// Asks the schedule worker for a plan's schedule (each answer goes to its own request; a caller
// drops answers it no longer wants). Where no module worker can start, the schedule is built on the main thread in a task
// of its own, so the answer is the same either way.
import type { PlanInput, PlanResult } from '../../../../core/types.ts';
import { scheduleOf, type ScheduleState } from './schedule-of.ts';
import { ReplyInbox, requestParts, type ScheduleReply } from './schedule-parts.ts';

let worker: Worker | null = null;
let broken = false;
let seq = 0;
const pending = new Map<number, (s: ScheduleState) => void>();

function start(): Worker | null {
  if (worker || broken) return worker;
  try {
    worker = new Worker(new URL('./schedule.worker.ts', import.meta.url), { type: 'module' });
    // the answer arrives in parts, each a task of its own on this thread
    const inbox = new ReplyInbox();
    worker.onmessage = (e: MessageEvent<ScheduleReply>) => {
      const state = inbox.receive(e.data);
      if (!state) return;
      pending.get(e.data.seq)?.(state);
      pending.delete(e.data.seq);
    };
    worker.onerror = () => {
      // a worker that cannot load: answer what is waiting here, and stop using it
      broken = true;
      worker?.terminate();
      worker = null;
      for (const [, resolve] of pending) resolve({ schedule: null, error: 'the schedule could not be computed' });
      pending.clear();
    };
  } catch {
    broken = true;
    worker = null;
  }
  return worker;
}

/** the last answer per plan object, with the inputs it was built from: Results opened again on the
 *  same plan (the plan manager keeps the objects while the document is unchanged) draws at once */
const answered = new WeakMap<PlanResult, { input: PlanInput; state: Promise<ScheduleState> }>();

/** The schedule of `plan` from `input` (plain data: pass $state.snapshot of reactive values). */
export function requestSchedule(input: PlanInput, plan: PlanResult): Promise<ScheduleState> {
  const known = answered.get(plan);
  if (known && known.input === input) return known.state;
  const state = ask(input, plan);
  answered.set(plan, { input, state });
  // a failure is not kept: the next request tries again
  void state.then((s) => {
    if (s.schedule == null && answered.get(plan)?.state === state) answered.delete(plan);
  });
  return state;
}

function ask(input: PlanInput, plan: PlanResult): Promise<ScheduleState> {
  const w = start();
  const id = ++seq;
  if (!w) return new Promise((resolve) => setTimeout(() => resolve(scheduleOf(input, plan)), 0));
  return new Promise((resolve) => {
    pending.set(id, resolve);
    const queue = requestParts(id, input, plan);
    // copying a 1,000-workload plan into messages takes tens of ms: one part per task, none of
    // them the task that drew the view asking for it
    const next = () => {
      const part = queue.shift();
      if (!part) return;
      try {
        w.postMessage(part);
      } catch (err) {
        pending.delete(id);
        resolve({ schedule: null, error: err instanceof Error ? err.message : String(err) });
        return;
      }
      setTimeout(next, 0);
    };
    setTimeout(next, 0);
  });
}
