// What-if assumptions of the TCO view: a few settings (horizon, discount, residual, utilisation,
// the two yearly price trends) and site/workload figures changed on a COPY of the input, holding
// the plan fixed: its purchases are re-priced at the trends' π factors of the months they fall in, and
// its cloud instances re-rented where demand moves (whatIfPlan) (beside the sensitivity drivers, which
// move one figure each). Pure: applyAssumptions never mutates its input and shares what it does not change.
import { formatDecimal, formatPctPerYear, formatPlanMonth, formatRatioPct } from '../format.ts';
import type { PlanInput, PlanResult, Settings } from '../types.ts';
import { rerented } from './sensitivity.ts';

export type Assumptions = {
  horizon_months: number;
  discount_rate_pct: number;
  residual_value: boolean;
  max_utilization: number;
  /** yearly price change of systems and edge devices, % (DESIGN 4: π_hw) */
  hardware_price_change_pct_per_year: number;
  /** yearly price change of cloud instances and token APIs, % (π_cl) */
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
  'horizon_months', 'discount_rate_pct', 'residual_value', 'max_utilization',
  'hardware_price_change_pct_per_year', 'cloud_price_change_pct_per_year',
] as const;
/** Lowest yearly price change a what-if accepts (the settings require > −100 %). */
export const MIN_TREND_PCT = -99;

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

/** The assumptions as they are applied: each within the range applyAssumptions accepts. */
export function effectiveAssumptions(a: Assumptions): Assumptions {
  return {
    ...a,
    horizon_months: Math.round(Math.min(36, Math.max(12, a.horizon_months))),
    discount_rate_pct: Math.max(0, a.discount_rate_pct),
    max_utilization: Math.min(1, Math.max(0.01, a.max_utilization)),
    hardware_price_change_pct_per_year: Math.max(MIN_TREND_PCT, a.hardware_price_change_pct_per_year),
    cloud_price_change_pct_per_year: Math.max(MIN_TREND_PCT, a.cloud_price_change_pct_per_year),
    pue: a.pue == null ? null : Math.max(1, a.pue),
  };
}

/** A copy of `input` with the assumptions applied (structural sharing; `input` is not mutated). */
export function applyAssumptions(input: PlanInput, given: Assumptions): PlanInput {
  const a = effectiveAssumptions(given);
  const settings: Settings = {
    ...input.settings,
    horizon_months: a.horizon_months,
    discount_rate_pct: a.discount_rate_pct,
    residual_value: a.residual_value,
    max_utilization: a.max_utilization,
    hardware_price_change_pct_per_year: a.hardware_price_change_pct_per_year,
    cloud_price_change_pct_per_year: a.cloud_price_change_pct_per_year,
    edge_usd_per_kwh: input.settings.edge_usd_per_kwh * a.electricity_factor,
  };
  const sites =
    a.electricity_factor === 1 && a.pue == null
      ? input.sites
      : input.sites.map((s) => ({ ...s, usd_per_kwh: s.usd_per_kwh * a.electricity_factor, pue: a.pue ?? s.pue }));
  const workloads =
    a.growth_add_pp === 0
      ? input.workloads
      : input.workloads.map((w) => ({ ...w, monthly_growth_pct: Math.max(-99.99, w.monthly_growth_pct + a.growth_add_pp) }));
  return { ...input, settings, sites, workloads };
}

/**
 * What a what-if changes against the saved scenario, in words, one entry per assumption that
 * differs ("discount rate 8% a year (saved: 4% a year)"), at the values applied (effectiveAssumptions):
 * what the TCO exports say their figures assume. Empty: the saved settings.
 */
export function whatIfChanges(saved: Assumptions, shown: Assumptions): { key: keyof Assumptions; saved: Assumptions[keyof Assumptions]; shown: Assumptions[keyof Assumptions]; text: string }[] {
  const b = effectiveAssumptions(saved);
  const a = effectiveAssumptions(shown);
  const onOff = (v: boolean) => (v ? 'on' : 'off');
  // two decimals, as the exports' rate and trend notes (7.25 % saved against 7.3 % must not read alike)
  const yearly = (v: number) => formatPctPerYear(v, true);
  const words: { [K in keyof Assumptions]: (v: Assumptions[K]) => string } = {
    horizon_months: (v) => `${v} months`,
    discount_rate_pct: (v) => formatPctPerYear(v),
    residual_value: onOff,
    max_utilization: (v) => formatRatioPct(v),
    hardware_price_change_pct_per_year: yearly,
    cloud_price_change_pct_per_year: yearly,
    electricity_factor: (v) => `× ${formatDecimal(v, 3)}`,
    pue: (v) => (v == null ? "each site's own" : `${formatDecimal(v, 3)} at every site`),
    growth_add_pp: (v) => `${v > 0 ? '+' : ''}${formatDecimal(v, 2)} percentage points`,
  };
  const names: Record<keyof Assumptions, string> = {
    horizon_months: 'horizon',
    discount_rate_pct: 'discount rate',
    residual_value: 'residual value',
    max_utilization: 'maximum utilisation',
    hardware_price_change_pct_per_year: 'system and edge-device price trend',
    cloud_price_change_pct_per_year: 'cloud-instance and token-API price trend',
    electricity_factor: 'electricity prices (sites and edge)',
    pue: 'PUE',
    growth_add_pp: "every workload's monthly growth",
  };
  const say = <K extends keyof Assumptions>(k: K, v: Assumptions[K]) => (words[k] as (x: Assumptions[K]) => string)(v);
  return (Object.keys(names) as (keyof Assumptions)[])
    .filter((k) => a[k] !== b[k])
    .map((k) => ({ key: k, saved: b[k], shown: a[k], text: `${names[k]} ${say(k, a[k])} (saved: ${k === 'electricity_factor' ? '× 1' : k === 'growth_add_pp' ? "each workload's own" : say(k, b[k])})` }));
}

/**
 * The plan a what-if costs (`effective`: the input with the assumptions applied; `saved`: the
 * scenario's settings): the same purchases, racks and assignments; where the assumptions move
 * demand (growth, utilisation), the whole cloud instances the new demand needs each month of the
 * plan, as the tornado's cases rent them (a rental follows demand; a purchase does not), also when
 * the what-if horizon differs (rented over the plan's own months: the engine costs those inside
 * the horizon). Before, +1 point of growth kept the plan's rentals, costed them as they were and
 * said they no longer covered peak demand (bench/trust.ts). Any other what-if costs the plan itself.
 * Every figure of a what-if (TCO, baselines, tornado) costs this plan.
 */
export function whatIfPlan(plan: PlanResult, effective: PlanInput, saved: Pick<Settings, 'max_utilization' | 'horizon_months'>, a: Pick<Assumptions, 'growth_add_pp'>): PlanResult {
  if (a.growth_add_pp === 0 && effective.settings.max_utilization === saved.max_utilization) return plan;
  return rerented({ ...effective, settings: { ...effective.settings, horizon_months: saved.horizon_months } }, plan);
}

/**
 * A what-if horizon longer than the plan's: the months after the plan's last period keep its
 * hardware (energy, support, replacements) but serve no workload, and nothing says so in the
 * figures (a 24-month plan at 36 months: $42,168 of running cost in a year serving no
 * token). The sentence the TCO view shows; null when the horizon is within the plan's.
 */
export function beyondPlanNote(plan: Pick<PlanResult, 'periods'> & Partial<Pick<PlanResult, 'pools' | 'edge'>>, settings: Pick<Settings, 'horizon_months' | 'start_month'>): string | null {
  const months = (plan.periods ?? []).reduce((n, p) => Math.max(n, p.start_month + p.months), 0);
  const extra = settings.horizon_months - months;
  if (months === 0 || extra <= 0) return null;
  // a plan on rented capacity only owns nothing that runs on ("its hardware is costed" was false there)
  const owns = (plan.pools?.length ?? 1) > 0 || (plan.edge?.length ?? 0) > 0;
  return `This plan was solved for ${months} months (to ${formatPlanMonth(settings.start_month, months - 1)}): in the ${extra} month${extra === 1 ? '' : 's'} after it, ${owns ? 'its hardware is costed but' : 'nothing is costed and'} no workload is served. Save the horizon and re-optimize to plan them.`;
}
