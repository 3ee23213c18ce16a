// Sensitivity of the horizon cost to ±p % on each cost driver (DESIGN 6), holding the plan fixed
// (same assignments per period, points, purchases, units and racks), as tornado-chart rows sorted
// by swing. Cloud instances are rented month by month, so a fixed plan re-rents the whole instances
// each case's demand needs (more growth or a lower utilisation rent more; bought units stay).
//
// Drivers and what each one scales by (1 ± p/100):
// - electricity: every site's usd_per_kwh and the scenario's edge_usd_per_kwh
// - hardware:    purchase prices, price_usd of systems and edge devices (support, a % of the
//                price, and the residual credit follow)
// - cloud_rates: usd_per_hour of cloud instances (rented hardware: neither "hardware" nor
//                "API prices", so its own driver)
// - api_prices:  usd_per_m_input and usd_per_m_output of token APIs (also edge inference)
// - hardware_trend / cloud_trend: the yearly price change of hardware (systems, edge devices) and
//                of cloud (instances, token APIs). A rate r ≠ 0 moves by ±p % of itself
//                (−15 %/yr at ±20 %: −18 and −12); a rate of 0 moves by ±5 points (−5 and +5 %/yr),
//                since ±p % of 0 would say nothing about a market whose prices do move. "high" is
//                always the dearer side (prices falling more slowly or rising faster).
// - growth:      each workload's monthly_growth_pct (kept > −100). Relative, like the others:
//                a workload with 0 % growth is unchanged, so with no growth anywhere the
//                bar is empty and the row says so (a ±p percentage-point shift would mean
//                ±20 %/month at the default and dwarf every other driver).
// - pue:         every site's pue, clamped ≥ 1
// - utilization: max_utilization, clamped to ≤ 1 (the default 1.0 has no upside)
// With the plan fixed, more growth or a lower utilisation raise the capacity needed but not
// the units bought: the case reports covers_demand = false (the fixed plan no longer serves
// its peak) and its cost counts only what changes (cloud instances, API tokens). To see the
// cost of a plan that does cover the demand, re-optimise sensitivityInputs(...) per case.
// Such a row is labelled as breaking the plan (never "no effect"), and that case is not priced:
// its horizon_cost_usd stays for the figures' checks, but no chart, table or PDF shows it as a
// cost and the row's swing leaves it out (core/tornado.ts shownCost: the figure costs hardware
// that cannot serve the demand, a cost no plan reaches).
import type { CostLine } from '../cost-lines.ts';
import { formatCount, formatMoney, formatNumber, formatPctPerYear, formatRatePct } from '../format.ts';
import { shownCost, swingOf } from '../tornado.ts';
import { computeTco, type TcoReport } from './engine.ts';
import { cloudRentals } from './plan-builder.ts';
import { periodsOf } from '../sizing.ts';
import type { PlanInput, PlanResult } from '../types.ts';

export const DRIVERS = ['electricity', 'hardware', 'cloud_rates', 'api_prices', 'hardware_trend', 'cloud_trend', 'growth', 'pue', 'utilization'] as const;
export type Driver = (typeof DRIVERS)[number];
export const DRIVER_LABELS: Record<Driver, string> = {
  electricity: 'Electricity price',
  hardware: 'Hardware prices',
  cloud_rates: 'Cloud instance rates',
  api_prices: 'API token prices',
  hardware_trend: 'Hardware price trend',
  cloud_trend: 'Cloud price trend',
  growth: 'Demand growth',
  pue: 'PUE',
  utilization: 'Utilisation',
};
export type Direction = 'low' | 'high';

export type SensitivityCase = {
  driver: Driver;
  direction: Direction;
  /** the multiplier applied, 1 ± pct/100 */
  factor: number;
  /** true when a clamp (PUE ≥ 1, utilisation ≤ 1, growth > −100 %) cut the change */
  clamped: boolean;
  input: PlanInput;
  /** the trend drivers: the yearly price change (%) of this case */
  rate_pct?: number;
};

/** Points a zero yearly price trend moves by (±p % of 0 would not move it). */
export const ZERO_TREND_SHIFT_PP = 5;
/** The lowest yearly rate a trend case is taken to (prices falling 99 % a year). */
export const TREND_FLOOR_PCT = -99;
/**
 * The yearly rate of a trend driver's case: ±p % of the rate, or ±5 points when it is 0; never below
 * TREND_FLOOR_PCT, nor, for a rate already below it, above the rate (a settings rate of −99.9 %/yr
 * had its cheaper case at −99 %/yr, dearer than the base: both cases raised the cost).
 */
export function trendCase(rate: number, pct: number, direction: Direction): number {
  const shift = rate === 0 ? ZERO_TREND_SHIFT_PP : Math.abs(rate) * (pct / 100);
  return Math.max(Math.min(TREND_FLOOR_PCT, rate), rate + (direction === 'high' ? shift : -shift));
}

/** The modified PlanInputs, one per driver and direction (inputs are copied, never mutated). */
export function sensitivityInputs(input: PlanInput, pct = 20): SensitivityCase[] {
  if (!(pct > 0 && pct < 100)) throw new Error(`sensitivity: pct must be between 0 and 100, got ${pct}`);
  const out: SensitivityCase[] = [];
  for (const driver of DRIVERS) {
    for (const direction of ['low', 'high'] as const) {
      const factor = direction === 'low' ? 1 - pct / 100 : 1 + pct / 100;
      if (driver === 'hardware_trend' || driver === 'cloud_trend') {
        const key = driver === 'hardware_trend' ? 'hardware_price_change_pct_per_year' : 'cloud_price_change_pct_per_year';
        const rate = trendCase(input.settings[key], pct, direction);
        out.push({ driver, direction, factor, clamped: rate === Math.min(TREND_FLOOR_PCT, input.settings[key]) && direction === 'low', input: { ...input, settings: { ...input.settings, [key]: rate } }, rate_pct: rate });
        continue;
      }
      const { input: modified, clamped } = applyDriver(input, driver, factor);
      out.push({ driver, direction, factor, clamped, input: modified });
    }
  }
  return out;
}

function applyDriver(input: PlanInput, driver: Exclude<Driver, 'hardware_trend' | 'cloud_trend'>, f: number): { input: PlanInput; clamped: boolean } {
  let clamped = false;
  const { catalog, sites, workloads, settings } = input;
  switch (driver) {
    case 'electricity':
      return {
        input: { ...input, sites: sites.map((s) => ({ ...s, usd_per_kwh: s.usd_per_kwh * f })), settings: { ...settings, edge_usd_per_kwh: settings.edge_usd_per_kwh * f } },
        clamped,
      };
    case 'hardware':
      return {
        input: {
          ...input,
          catalog: { ...catalog, options: catalog.options.map((o) => (o.kind === 'system' || o.kind === 'edge_device' ? { ...o, price_usd: o.price_usd * f } : o)) },
        },
        clamped,
      };
    case 'cloud_rates':
      return {
        input: { ...input, catalog: { ...catalog, options: catalog.options.map((o) => (o.kind === 'cloud_instance' ? { ...o, usd_per_hour: o.usd_per_hour * f } : o)) } },
        clamped,
      };
    case 'api_prices':
      return {
        input: {
          ...input,
          catalog: {
            ...catalog,
            options: catalog.options.map((o) => (o.kind === 'cloud_api' ? { ...o, usd_per_m_input: o.usd_per_m_input * f, usd_per_m_output: o.usd_per_m_output * f } : o)),
          },
        },
        clamped,
      };
    case 'growth':
      return {
        input: {
          ...input,
          workloads: workloads.map((w) => {
            let g = w.monthly_growth_pct * f;
            if (g <= -99.99) {
              g = -99.99;
              clamped = true;
            }
            return { ...w, monthly_growth_pct: g };
          }),
        },
        clamped,
      };
    case 'pue':
      return {
        input: {
          ...input,
          sites: sites.map((s) => {
            const pue = s.pue * f;
            if (pue < 1) clamped = true;
            return { ...s, pue: Math.max(1, pue) };
          }),
        },
        clamped,
      };
    case 'utilization': {
      const u = settings.max_utilization * f;
      if (u > 1) clamped = true;
      return { input: { ...input, settings: { ...settings, max_utilization: Math.min(1, u) } }, clamped };
    }
  }
}

export type SensitivitySide = {
  factor: number;
  horizon_cost_usd: number;
  /** horizon cost − base */
  delta_usd: number;
  clamped: boolean;
  /**
   * false when this case breaks the plan: the fixed plan's units cover the base's peak demand and
   * no longer cover this case's. A base already short (a what-if's growth) leaves every case as
   * priced as the base itself, on the same footing the view's shortfall warning names.
   */
  covers_demand: boolean;
  /** the trend drivers: the yearly price change (%) of this case */
  rate_pct?: number;
};
export type SensitivityRow = {
  driver: Driver;
  label: string;
  /** what a chart or table shows: the label, plus "breaks the plan at −20 %" or "no effect" */
  display_label: string;
  /** 'breaks_plan': in some case the fixed plan no longer covers peak demand */
  effect: 'moves' | 'none' | 'breaks_plan';
  low: SensitivitySide;
  high: SensitivitySide;
  /** |high − low| of the cases priced (shownCost; a case not priced counts as the base): the bar length; rows are sorted by it, largest first */
  swing_usd: number;
  /** bar ends for a tornado chart (absolute horizon costs of the cases priced, and the base) */
  min_usd: number;
  max_usd: number;
  note: string | null;
};
export type SensitivityResult = { pct: number; base_usd: number; rows: SensitivityRow[] };

/** What a case costs: its horizon cost and whether the fixed plan still covers its demand. */
type CaseCost = { horizon_cost_usd: number; capacity_ok: boolean };

/**
 * The lines each price driver scales (cost.ts): electricity the site and edge energy (usd_per_kwh);
 * hardware every price_usd of a system or edge device — purchases, replacements, support (a % of
 * the price) and the residual credit; cloud rates the instances' usd_per_hour; API prices the
 * tokens, also an edge device's inference through an API; PUE the site energy (edge devices have none).
 * With the plan fixed, such a case multiplies these lines by its factor and changes nothing else
 * (not the units, not the instances rented, not the demand), so its horizon cost is the base's plus
 * (factor − 1) × their present value: no TCO run of its own (equal to one to the cent,
 * sensitivity-linear.test.ts). Cases that move capacity or timing (growth, utilisation, the price
 * trends) and a PUE case cut by the floor of 1 at some site are computed in full.
 */
export const LINEAR_DRIVERS: Partial<Record<Driver, readonly CostLine[]>> = {
  electricity: ['system_energy', 'edge_energy'],
  hardware: ['system_capex', 'system_replacement', 'system_support', 'edge_capex', 'residual_credit'],
  cloud_rates: ['cloud_instances'],
  api_prices: ['api_tokens', 'edge_inference'],
  pue: ['system_energy'],
};

/**
 * onProgress(done, total): after each driver's two cases (a worker reports it to its view).
 * base: the plan's TCO report when the caller has it (else computed here).
 */
export function sensitivity(
  input: PlanInput,
  plan: PlanResult,
  opts: { pct?: number; onProgress?: (done: number, total: number) => void; base?: TcoReport } = {},
): SensitivityResult {
  const pct = opts.pct ?? 20;
  const baseReport = opts.base ?? computeTco(input, plan);
  const base = baseReport.totals.horizon_cost_usd;
  // a price changes no demand, so the price cases share one re-rented plan (the plan itself when
  // it rents no instances) and that plan's lines
  const fixed = rerented(input, plan);
  let ref: TcoReport | null = fixed === plan ? baseReport : null;
  const caseCost = (c: SensitivityCase): CaseCost => {
    const lines = LINEAR_DRIVERS[c.driver];
    // a PUE floored at 1 at some site scales that site's energy by less than the factor
    if (!lines || (c.driver === 'pue' && c.clamped)) return costOf(computeTco(c.input, rerented(c.input, plan)));
    ref ??= computeTco(input, fixed);
    const linesPv = ref.byLine.reduce((a, x) => (lines.includes(x.line) ? a + x.horizon_cost_usd : a), 0);
    return { horizon_cost_usd: ref.totals.horizon_cost_usd + (c.factor - 1) * linesPv, capacity_ok: ref.capacity_ok };
  };
  const cases = sensitivityInputs(input, pct);
  const rows: SensitivityRow[] = [];
  for (const driver of DRIVERS) {
    const side = (direction: Direction): SensitivitySide => {
      const c = cases.find((x) => x.driver === driver && x.direction === direction)!;
      const r = caseCost(c);
      return {
        // (a base already short would leave no case priced: price cases of electricity or hardware
        // moved nothing, and every row read "breaks the plan" with no bar)
        factor: c.factor, horizon_cost_usd: r.horizon_cost_usd, delta_usd: r.horizon_cost_usd - base, clamped: c.clamped, covers_demand: r.capacity_ok || !baseReport.capacity_ok,
        ...(c.rate_pct != null ? { rate_pct: c.rate_pct } : {}),
      };
    };
    const low = side('low');
    const high = side('high');
    const broken = [low, high].filter((x) => !x.covers_demand).map((x) => `${x.factor < 1 ? '−' : '+'}${pct} %`);
    const effect = broken.length > 0 ? 'breaks_plan' : Math.abs(high.horizon_cost_usd - low.horizon_cost_usd) < 0.5 ? 'none' : 'moves';
    const label = DRIVER_LABELS[driver];
    rows.push({
      driver,
      label,
      display_label: effect === 'breaks_plan' ? `${label} — breaks the plan at ${broken.join(' and ')}` : effect === 'none' ? `${label} — no effect` : label,
      effect,
      low,
      high,
      swing_usd: swingOf(base, shownCost(low), shownCost(high)),
      min_usd: Math.min(shownCost(low) ?? base, shownCost(high) ?? base, base),
      max_usd: Math.max(shownCost(low) ?? base, shownCost(high) ?? base, base),
      note: noteFor(driver, input, low, high),
    });
    opts.onProgress?.(rows.length, DRIVERS.length);
  }
  const order = new Map(DRIVERS.map((d, i) => [d, i] as const));
  rows.sort((a, b) => b.swing_usd - a.swing_usd || order.get(a.driver)! - order.get(b.driver)!);
  return { pct, base_usd: base, rows };
}

const costOf = (r: { totals: { horizon_cost_usd: number }; capacity_ok: boolean }): CaseCost => ({ horizon_cost_usd: r.totals.horizon_cost_usd, capacity_ok: r.capacity_ok });

/**
 * The fixed plan under a case's input: the same purchases, racks and assignments, with the whole
 * cloud instances that case's demand needs each month (a rental follows demand; a purchase does not).
 */
export function rerented(input: PlanInput, plan: PlanResult): PlanResult {
  if (!plan.assignments.some((a) => a.kind === 'cloud_instance')) return plan;
  // only when the plan's periods are the input's (a plan of other periods keeps its rows)
  const periods = periodsOf(input.settings);
  const same = plan.periods.length === 0 || (plan.periods.length === periods.length
    && plan.periods.every((p, k) => p.start_month === periods[k]!.start_month && p.months === periods[k]!.months));
  if (!same) return plan;
  return { ...plan, cloud: cloudRentals(input, plan.assignments) };
}

// caseLabel: core/tornado.ts (the words of the tornado's rows, shared by the app and the PDF)
export { caseLabel } from '../tornado.ts';

/** A re-optimised figure is "proven within 1 %" when its solve was optimal or its gap to the bound is ≤ 1 %. */
export const PROVEN_GAP = 0.01;
export function provenWithin1Pct(status: string | null, gap: number | null): boolean {
  return status === 'optimal' || (gap != null && gap <= PROVEN_GAP);
}

/**
 * A re-optimised case that leaves another number of workloads unserved than the base is not the
 * same service at another cost: its horizon cost leaves out the penalties the optimiser weighed
 * (bench/trust.ts seasonal-5: hardware +20 % read $40.5 M against the base's $47.7 M, 101 workloads
 * unserved instead of 66). The words a row shows for it; null when both serve the same number.
 */
export function reoptServiceNote(c: { unservedWorkloads?: number | null; penaltyUsd?: number | null }, base: { unservedWorkloads?: number | null; penaltyUsd?: number | null } | undefined): string | null {
  if (c.unservedWorkloads == null || base?.unservedWorkloads == null) return null;
  if (c.unservedWorkloads === base.unservedWorkloads) {
    // the same workloads counted, left unserved for more or fewer months: the penalties tell
    const p = c.penaltyUsd, b = base.penaltyUsd;
    if (p == null || b == null || Math.abs(p - b) <= Math.max(1, 1e-9 * Math.max(p, b))) return null;
    return `leaves workloads unserved for ${p > b ? 'more' : 'fewer'} months than the base: not comparable on cost (penalties ${formatMoney(p)} against ${formatMoney(b)}, not in this figure)`;
  }
  const d = c.unservedWorkloads - base.unservedWorkloads;
  const n = Math.abs(d);
  const w = formatCount(n, 'more workload');
  if (d > 0) return `leaves ${w} unserved than the base: not comparable on cost (${formatNumber(c.unservedWorkloads)} unserved; their penalties${c.penaltyUsd ? `, ${formatMoney(c.penaltyUsd)},` : ''} are not in this figure)`;
  return `serves ${w} than the base: not comparable on cost (${formatNumber(c.unservedWorkloads)} unserved against ${formatNumber(base.unservedWorkloads)})`;
}

function noteFor(driver: Driver, input: PlanInput, low: SensitivitySide, high: SensitivitySide): string | null {
  const notes: string[] = [];
  if (driver === 'hardware_trend' || driver === 'cloud_trend') {
    const rate = driver === 'hardware_trend' ? input.settings.hardware_price_change_pct_per_year : input.settings.cloud_price_change_pct_per_year;
    const what = driver === 'hardware_trend' ? 'hardware' : 'cloud';
    // a rate at or below the floor has no cheaper case: said, not shown as a change to itself
    if (low.rate_pct === rate) notes.push(`${what} prices change ${formatPctPerYear(high.rate_pct!, true)} instead of ${formatPctPerYear(rate, true)}; no faster fall is tried below ${formatPctPerYear(TREND_FLOOR_PCT, true)}`);
    else notes.push(`${what} prices change ${formatRatePct(low.rate_pct!, true)} and ${formatPctPerYear(high.rate_pct!, true)} instead of ${formatPctPerYear(rate, true)}${rate === 0 ? ` (a rate of 0 moves by ±${ZERO_TREND_SHIFT_PP} points)` : low.clamped ? ` (not below ${formatPctPerYear(TREND_FLOOR_PCT, true)})` : ''}`);
  }
  if (driver === 'growth' && input.workloads.every((w) => w.monthly_growth_pct === 0)) notes.push('no workload grows: ±% of 0 growth changes nothing');
  if (driver === 'utilization' && high.clamped) notes.push('utilisation is capped at 100 %');
  if (driver === 'pue' && low.clamped) notes.push('PUE is floored at 1.0');
  const short = [low, high].filter((x) => !x.covers_demand).map((x) => `${x.factor < 1 ? '−' : '+'}${Math.round(Math.abs(x.factor - 1) * 100)} %`);
  if (short.length) notes.push(`at ${short.join(' and ')} the fixed plan no longer covers peak demand, so ${short.length === 1 ? 'that case is' : 'those cases are'} not priced (re-optimising prices ${short.length === 1 ? 'it' : 'them'})`);
  return notes.length ? notes.join('; ') : null;
}
