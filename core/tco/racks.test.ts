// Rack layouts stay bounded: a plan's layout never overflows the stack or grows without limit
// with a demand figure; an absurd unit count is refused with a message naming the site.
import { describe, expect, it } from 'vitest';
import { FleetError } from '../api.ts';
import { WorkloadSchema } from '../types.ts';
import { makeInput, pt, system } from './fixtures.test-helper.ts';
import { layoutRacks, MAX_LAYOUT_UNITS } from './racks.ts';

const input = makeInput({
  models: ['m'],
  options: [system('S', { rack_units: 40 }, { m: [pt(50, 1000)] })], // one unit a rack: one layout entry per unit
  workloads: [{ name: 'W', model: 'm', avg_output_tps: 1 }],
  sites: [{ name: 'F', it_power_kw: 1e6, racks: 1e6, rack_kw: 1000 }],
});

describe('layoutRacks bounds', () => {
  it('lays out 190,000 one-unit racks (more than a spread call can take) without a stack overflow', () => {
    const sites = layoutRacks(input, [{ period: 0, site: 'F', option: 'S', model: 'm', units: 190_000 }]);
    expect(sites[0]!.racks.reduce((a, r) => a + r.units.length, 0)).toBe(190_000);
  });

  it('refuses 1e8 and 1e14 units with a message instead of exhausting the heap', () => {
    for (const units of [1e8, 1e14, Infinity]) {
      let err: unknown;
      try {
        layoutRacks(input, [{ period: 0, site: 'F', option: 'S', model: 'm', units }]);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(FleetError);
      expect((err as Error).message).toMatch(new RegExp(`site "F" would need .* more than FleetPlan lays out \\(${MAX_LAYOUT_UNITS.toLocaleString('en-US')}\\)`));
    }
  });

  it('the workload demand that produced such plans is refused at the boundary', () => {
    for (const v of [1e14, 1e9]) {
      const r = WorkloadSchema.safeParse({ name: 'w', model: 'm', avg_output_tps: v });
      expect(r.success).toBe(false);
      expect(r.error?.issues[0]).toMatchObject({ path: ['avg_output_tps'], message: 'must be ≤ 100,000,000' });
    }
  });
});
