import { describe, expect, it } from 'vitest';
import type { PlanResult, SiteUse } from './types.ts';
import { zeroRackCostWarnings } from './site-warnings.ts';
import { makeInput } from './optimizer/fixtures.test-helper.ts';

const use = (site: string, period: number, racks_used: number): SiteUse =>
  ({ site, period, power_kw_used: 10, power_kw_limit: 100, racks_used, racks_limit: 10, racks: [] });
const plan = (sites: SiteUse[]): PlanResult => ({
  status: 'optimal', objective_usd: 0, bound_usd: 0, gap: 0, solve_ms: 1, periods: [], assignments: [], purchases: [], pools: [],
  cloud: [], edge: [], unserved: [], sites, totals: { capex_usd: 0, horizon_cost_usd: 0 },
});

describe('zeroRackCostWarnings', () => {
  const input = makeInput({
    catalog: { models: [], options: [] },
    workloads: [],
    sites: [
      { name: 'New DC', it_power_kw: 100, racks: 10 },
      { name: 'Colo', it_power_kw: 100, racks: 10, usd_per_rack_month: 1800 },
      { name: 'Spare', it_power_kw: 100, racks: 10 },
    ],
  });

  it('names a $0 site that holds racks, with its most racks in any period, and says a paid site loses to it', () => {
    const w = zeroRackCostWarnings(input, plan([use('New DC', 0, 2), use('New DC', 1, 3), use('Colo', 0, 1), use('Spare', 0, 0)]));
    expect(w).toEqual([
      'New DC costs $0 per rack-month and holds 3 racks in this plan: the optimizer treats its space as free, so it fills it before any site ' +
        'that charges for racks. If the space is not really free, enter its rack cost in Sites and optimize again.',
    ]);
  });

  it('says nothing when the $0 sites hold no racks', () => {
    expect(zeroRackCostWarnings(input, plan([use('Colo', 0, 4), use('Spare', 0, 0)]))).toEqual([]);
  });
});
