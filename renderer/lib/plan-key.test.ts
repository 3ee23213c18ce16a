import { describe, expect, it } from 'vitest';
import { planKey } from './plan-key.ts';

describe('planKey', () => {
  const plan = { id: 1, solvedAt: '2026-12-06T10:00:00.000Z' };
  it('is the same for a reloaded copy of a plan, another for the same id in another document', () => {
    expect(planKey('/d/a.fleetplan', { ...plan })).toBe(planKey('/d/a.fleetplan', plan));
    expect(planKey('/d/b.fleetplan', plan)).not.toBe(planKey('/d/a.fleetplan', plan));
    // a document made again at the same path numbers its plans from 1 again
    expect(planKey('/d/a.fleetplan', { ...plan, solvedAt: '2026-12-06T11:00:00.000Z' })).not.toBe(planKey('/d/a.fleetplan', plan));
    expect(planKey('/d/a.fleetplan', null)).toBeNull();
  });
});
