// What-if assumptions of the TCO view: a few settings and site/workload figures changed on a
// COPY of the input, holding the plan fixed (beside the sensitivity drivers, which move one figure
// each). Pure: applyAssumptions never mutates its input and shares what it does not change.
import type { PlanInput, Settings } from '../types.ts';

export type Assumptions = {
  horizon_months: number;
  discount_rate_pct: number;
  residual_value: boolean;
  max_utilization: number;
  /** %/year: a system or edge device bought a year later costs this much more (negative: less) */
  hardware_price_change_pct_per_year: number;
  /** %/year on cloud-instance rates and token prices, month by month */
  cloud_price_change_pct_per_year: number;
  /** × every site's usd_per_kwh and the edge electricity price */
  electricity_factor: number;
  /** one PUE for every site; null keeps each site's own */
  pue: number | null;
  /** percentage points added to every workload's monthly growth */
  growth_add_pp: number;
};

/** The assumptions that are scenario settings (the rest are site or workload data). */
export const SETTING_KEYS = [
  'horizon_months',
  'discount_rate_pct',
  'residual_value',
  'max_utilization',
  'hardware_price_change_pct_per_year',
  'cloud_price_change_pct_per_year',
] as const;

/** a yearly price change is kept above −100 % (a price never reaches zero or below) */
const MIN_TREND = -99;

export function assumptionsOf(settings: Settings): Assumptions {
  return {
    horizon_months: settings.horizon_months,
    discount_rate_pct: settings.discount_rate_pct,
    residual_value: settings.residual_value,
    max_utilization: settings.max_utilization,
    hardware_price_change_pct_per_year: settings.hardware_price_change_pct_per_year,
    cloud_price_change_pct_per_year: settings.cloud_price_change_pct_per_year,
    electricity_factor: 1,
    pue: null,
    growth_add_pp: 0,
  };
}

/** A copy of `input` with the assumptions applied (structural sharing; `input` is not mutated). */
export function applyAssumptions(input: PlanInput, a: Assumptions): PlanInput {
  const settings: Settings = {
    ...input.settings,
    horizon_months: Math.round(Math.min(36, Math.max(12, a.horizon_months))),
    discount_rate_pct: Math.max(0, a.discount_rate_pct),
    residual_value: a.residual_value,
    max_utilization: Math.min(1, Math.max(0.01, a.max_utilization)),
    hardware_price_change_pct_per_year: Math.max(MIN_TREND, a.hardware_price_change_pct_per_year),
    cloud_price_change_pct_per_year: Math.max(MIN_TREND, a.cloud_price_change_pct_per_year),
    edge_usd_per_kwh: input.settings.edge_usd_per_kwh * a.electricity_factor,
  };
  const sites =
    a.electricity_factor === 1 && a.pue == null
      ? input.sites
      : input.sites.map((s) => ({ ...s, usd_per_kwh: s.usd_per_kwh * a.electricity_factor, pue: a.pue == null ? s.pue : Math.max(1, a.pue) }));
  const workloads =
    a.growth_add_pp === 0
      ? input.workloads
      : input.workloads.map((w) => ({ ...w, monthly_growth_pct: Math.max(-99.99, w.monthly_growth_pct + a.growth_add_pp) }));
  return { ...input, settings, sites, workloads };
}
