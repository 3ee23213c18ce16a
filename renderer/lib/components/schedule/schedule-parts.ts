// A schedule request as message parts: copying a 1,000-workload plan into one worker message is
// one long task on the page, so the workloads and the assignments go in chunks, each posted in a
// task of its own, then the rest ('end'); the answer comes back the same way (the timeline in
// chunks, then the rest), so the page receives it in several short tasks. Invariant: the inbox rebuilds exactly the input and plan
// (and the answer) that were split, whatever other requests' parts arrive in between (each part
// carries its seq).
import type { WorkloadTimeline } from '../../../../core/schedule/schedule.ts';
import type { Assignment, PlanInput, PlanResult, Workload } from '../../../../core/types.ts';
import type { ScheduleState } from './schedule-of.ts';

export type ScheduleRequest =
  | { seq: number; part: 'workloads'; rows: Workload[] }
  | { seq: number; part: 'assignments'; rows: Assignment[] }
  | { seq: number; part: 'end'; input: Omit<PlanInput, 'workloads'>; plan: Omit<PlanResult, 'assignments'> };

/** rows per part: each part is copied in a task well under the 50 ms a user notices */
export const CHUNK = 500;

/** The request `seq` for `input` and `plan` as parts, in the order they are to be posted. */
export function requestParts(seq: number, input: PlanInput, plan: PlanResult, chunk = CHUNK): ScheduleRequest[] {
  const out: ScheduleRequest[] = [];
  for (let i = 0; i < input.workloads.length; i += chunk) out.push({ seq, part: 'workloads', rows: input.workloads.slice(i, i + chunk) });
  for (let i = 0; i < plan.assignments.length; i += chunk) out.push({ seq, part: 'assignments', rows: plan.assignments.slice(i, i + chunk) });
  const { workloads: _w, ...restInput } = input;
  const { assignments: _a, ...restPlan } = plan;
  out.push({ seq, part: 'end', input: restInput, plan: restPlan });
  return out;
}

/** Collects parts per request; receive() returns the whole request once its 'end' arrives. */
export class PartsInbox {
  #open = new Map<number, { workloads: Workload[]; assignments: Assignment[] }>();

  receive(m: ScheduleRequest): { seq: number; input: PlanInput; plan: PlanResult } | null {
    const got = this.#open.get(m.seq) ?? { workloads: [], assignments: [] };
    this.#open.set(m.seq, got);
    if (m.part === 'workloads') got.workloads.push(...m.rows);
    else if (m.part === 'assignments') got.assignments.push(...m.rows);
    else {
      this.#open.delete(m.seq);
      return { seq: m.seq, input: { ...m.input, workloads: got.workloads }, plan: { ...m.plan, assignments: got.assignments } };
    }
    return null;
  }

  /** requests with parts received and no 'end' yet */
  get open(): number {
    return this.#open.size;
  }
}

/** The answer to request `seq` as parts: the timeline in chunks, then the rest ('end'). */
export type ScheduleReply = { seq: number; part: 'timeline'; rows: WorkloadTimeline[] } | { seq: number; part: 'end'; state: ScheduleState };

/** The answer `state` to request `seq` as parts, in the order they are to be posted. */
export function replyParts(seq: number, state: ScheduleState, chunk = CHUNK): ScheduleReply[] {
  if (state.schedule == null) return [{ seq, part: 'end', state }];
  const { timeline } = state.schedule;
  const out: ScheduleReply[] = [];
  for (let i = 0; i < timeline.length; i += chunk) out.push({ seq, part: 'timeline', rows: timeline.slice(i, i + chunk) });
  out.push({ seq, part: 'end', state: { ...state, schedule: { ...state.schedule, timeline: [] } } });
  return out;
}

/** Collects answer parts per request; receive() returns the whole answer once its 'end' arrives. */
export class ReplyInbox {
  #open = new Map<number, WorkloadTimeline[]>();

  receive(m: ScheduleReply): ScheduleState | null {
    const rows = this.#open.get(m.seq) ?? [];
    if (m.part === 'timeline') {
      rows.push(...m.rows);
      this.#open.set(m.seq, rows);
      return null;
    }
    this.#open.delete(m.seq);
    return m.state.schedule == null ? m.state : { ...m.state, schedule: { ...m.state.schedule, timeline: rows } };
  }
}
