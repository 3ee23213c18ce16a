// A schedule request split into message parts and rebuilt by the inbox is the request that was
// split, with requests interleaved, and the schedule built from it is the same; so is an answer.
import { describe, expect, it } from 'vitest';
import { makeInput, pt, system } from '../../../../core/tco/fixtures.test-helper.ts';
import type { Assignment, PlanResult } from '../../../../core/types.ts';
import { PartsInbox, ReplyInbox, replyParts, requestParts, type ScheduleRequest } from './schedule-parts.ts';
import { scheduleOf } from './schedule-of.ts';

const N = 23; // workloads: with chunks of 5, five parts, the last one short
const input = makeInput({
  options: [system('alpha', { name: 'Alpha 8', price_usd: 100_000, lifetime_months: 24 }, { m: [pt(50, 1000)] })],
  workloads: Array.from({ length: N }, (_, i) => ({ name: `w${i + 1}`, model: 'm', avg_output_tps: 10 + i, peak_to_avg: 1.5 })),
  sites: [{ name: 'dc', it_power_kw: 1000, racks: 20 }],
  settings: { horizon_months: 24, purchase_interval_months: 12, start_month: '2026-11' },
});
const row = (workload: string, period: number): Assignment => ({ workload, period, option: 'alpha', model: 'm', site: 'dc', user_tps: 50, unit_tps: 1000, ttft_ms: 100, tier: 'commodity', kind: 'system' });
const plan: PlanResult = {
  status: 'optimal', objective_usd: null, bound_usd: null, gap: 0, solve_ms: 0,
  periods: [0, 1].map((k) => ({ period: k, start_month: 12 * k, months: 12 })),
  assignments: [0, 1].flatMap((k) => input.workloads.map((w) => row(w.name, k))),
  purchases: [{ period: 0, site: 'dc', option: 'alpha', model: 'm', replicas: 1, units: 1 }],
  pools: [0, 1].map((k) => ({ period: k, site: 'dc', option: 'alpha', model: 'm', units: 1 })),
  cloud: [], edge: [], unserved: [], sites: [],
  totals: { capex_usd: 0, horizon_cost_usd: 0 },
};

/** what a worker receives: a structured copy of each part */
const posted = (parts: ScheduleRequest[]) => parts.map((p) => structuredClone(p));

describe('schedule request parts', () => {
  it('splits the workloads and the assignments in chunks and ends with the rest', () => {
    const parts = requestParts(7, input, plan, 5);
    expect(parts.map((p) => p.part)).toEqual([...Array<string>(5).fill('workloads'), ...Array<string>(10).fill('assignments'), 'end']);
    expect(parts.every((p) => p.seq === 7)).toBe(true);
    const end = parts.at(-1)!;
    expect(end.part === 'end' && !('workloads' in end.input) && !('assignments' in end.plan)).toBe(true);
  });

  it('rebuilds each request whole, with another one interleaved', () => {
    const other = { ...plan, assignments: plan.assignments.slice(0, 3) };
    const a = posted(requestParts(1, input, plan, 5));
    const b = posted(requestParts(2, input, other, 5));
    const inbox = new PartsInbox();
    const done: ReturnType<PartsInbox['receive']>[] = [];
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      for (const p of [a[i], b[i]]) {
        const r = p && inbox.receive(p);
        if (r) done.push(r);
      }
    }
    expect(done.map((d) => d!.seq)).toEqual([2, 1]);
    expect(done[1]!.input).toEqual(input);
    expect(done[1]!.plan).toEqual(plan);
    expect(done[0]!.plan).toEqual(other);
    expect(inbox.open).toBe(0);
    // the schedule drawn from the rebuilt request is the one of the original
    const whole = scheduleOf(input, plan);
    expect(whole.error).toBeNull();
    expect(whole.schedule!.timeline).toHaveLength(N);
    expect(scheduleOf(done[1]!.input, done[1]!.plan)).toEqual(whole);
  });

  it('sends an answer back in parts and rebuilds it whole; a failed one in one part', () => {
    const whole = scheduleOf(input, plan);
    const parts = replyParts(3, whole, 5).map((p) => structuredClone(p));
    expect(parts.map((p) => p.part)).toEqual([...Array<string>(5).fill('timeline'), 'end']);
    const inbox = new ReplyInbox();
    const got = parts.map((p) => inbox.receive(p));
    expect(got.slice(0, -1).every((g) => g === null)).toBe(true);
    expect(got.at(-1)).toEqual(whole);
    const failed = { schedule: null, error: 'no such option: beta' } as const;
    expect(replyParts(4, failed)).toEqual([{ seq: 4, part: 'end', state: failed }]);
    expect(inbox.receive(replyParts(4, failed)[0]!)).toEqual(failed);
  });
});
