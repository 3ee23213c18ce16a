import { describe, expect, it } from 'vitest';
import { planKey } from './plan-key.ts';

describe('planKey', () => {
  const plan = { id: 1, solvedAt: '2026-12-06T10:00:00.000Z' };
  it('is the same for a reloaded copy of a plan, another for the same id solved at another time (another document, or one made again)', () => {
    expect(planKey({ ...plan })).toBe(planKey(plan));
    expect(planKey({ ...plan, solvedAt: '2026-12-06T11:00:00.000Z' })).not.toBe(planKey(plan));
    expect(planKey({ ...plan, id: 2 })).not.toBe(planKey(plan));
    expect(planKey(null)).toBeNull();
  });
});
