// The report's sensitivity analysis (core/tco/sensitivity.ts, same cases, rows and notes) with the
// price drivers' cases derived from the plan's own cost lines instead of a full TCO run each: with
// the plan fixed, each of them multiplies a fixed set of lines by its factor and changes nothing
// else (not the units, not the instances rented, not the demand), so its horizon cost is the
// base's plus (factor − 1) × the present value of those lines. Cases that move capacity or
// timing (growth, utilisation, the price trends) and a PUE case cut by the floor of 1 at some
// site are computed in full, as sensitivity() does. Equal to the full computation to the cent
// (report-sensitivity.test.ts).
import type { CostLine } from '../cost-lines.ts';
import { computeTco, type TcoReport } from '../tco/engine.ts';
import { rerented, sensitivity, type CaseCost, type Driver, type SensitivityCase, type SensitivityResult } from '../tco/sensitivity.ts';
import type { PlanInput, PlanResult } from '../types.ts';

/**
 * The lines each price driver scales (cost.ts): electricity the site and edge energy (usd_per_kwh);
 * hardware every price_usd of a system or edge device — purchases, replacements, support (a % of
 * the price) and the residual credit; cloud rates the instances' usd_per_hour; API prices the
 * tokens, also an edge device's inference through an API; PUE the site energy (edge devices have none).
 */
export const LINEAR_DRIVERS: Partial<Record<Driver, readonly CostLine[]>> = {
  electricity: ['system_energy', 'edge_energy'],
  hardware: ['system_capex', 'system_replacement', 'system_support', 'edge_capex', 'residual_credit'],
  cloud_rates: ['cloud_instances'],
  api_prices: ['api_tokens', 'edge_inference'],
  pue: ['system_energy'],
};

/** sensitivity(input, plan) given the plan's TCO report (`base`), the price drivers derived from its lines. */
export function reportSensitivity(input: PlanInput, plan: PlanResult, base: TcoReport, pct = 20): SensitivityResult {
  // every case prices the plan with the instances its demand needs (sensitivity.ts): a price
  // changes no demand, so the price cases share one re-rented plan, the plan itself when it rents none
  const fixed = rerented(input, plan);
  let ref: TcoReport | null = fixed === plan ? base : null;
  const linePv = (lines: readonly CostLine[], r: TcoReport) => r.byLine.reduce((a, x) => (lines.includes(x.line) ? a + x.horizon_cost_usd : a), 0);
  const caseCost = (c: SensitivityCase): CaseCost | null => {
    const lines = LINEAR_DRIVERS[c.driver];
    // a PUE floored at 1 at some site scales that site's energy by less than the factor
    if (!lines || (c.driver === 'pue' && c.clamped)) return null;
    ref ??= computeTco(input, fixed);
    return { horizon_cost_usd: ref.totals.horizon_cost_usd + (c.factor - 1) * linePv(lines, ref), capacity_ok: ref.capacity_ok };
  };
  return sensitivity(input, plan, { pct, base_usd: base.totals.horizon_cost_usd, caseCost });
}
