// The cost formulas of DESIGN.md section 6, as month-by-month vectors per cost line. The TCO
// engine sums these vectors over a plan; the optimizer's objective coefficients are their
// discounted sums. One implementation serves both, so objective − penalties = horizon cost.
import { HOURS_PER_MONTH, avgTps, clFactor, growthTable, hwFactor, peakTps, priceTable } from './sizing.ts';
import type {
  CloudApiOption,
  CloudInstanceOption,
  EdgeDeviceOption,
  OperatingPoint,
  Settings,
  Site,
  SystemOption,
  Workload,
} from './types.ts';
import { COST_LINES, type CostLine } from './cost-lines.ts';

export { COST_LINES, COST_LINE_LABELS, type CostLine } from './cost-lines.ts';

/**
 * Recurring lines make the run-rate (what a month costs to run); purchases, replacements and the
 * residual credit do not. A Record, so a new line does not compile until it is classed here.
 */
export const COST_LINE_RECURRING: Record<CostLine, boolean> = {
  system_capex: false,
  system_replacement: false,
  system_energy: true,
  system_support: true,
  system_space: true,
  cloud_instances: true,
  api_tokens: true,
  edge_capex: false,
  edge_energy: true,
  edge_inference: true,
  residual_credit: false,
};
/** The run-rate lines in COST_LINES order (TCO engine and report alike). */
export const RUN_RATE_LINES: readonly CostLine[] = COST_LINES.filter((l) => COST_LINE_RECURRING[l]);

/** Monthly USD per line, months 0 … H−1; lines that are all zero may be absent. */
export type LineVectors = Partial<Record<CostLine, Float64Array>>;

/** δ(m) = (1 + r)^(−m/12), r = annual rate / 100. */
export function discountFactors(settings: Pick<Settings, 'horizon_months' | 'discount_rate_pct'>): Float64Array {
  const H = settings.horizon_months;
  const r = settings.discount_rate_pct / 100;
  const d = new Float64Array(H);
  for (let m = 0; m < H; m++) d[m] = Math.pow(1 + r, -m / 12);
  return d;
}

/** Σ δ(m) × v(m). */
export function presentValue(v: Float64Array, delta: Float64Array): number {
  let s = 0;
  for (let m = 0; m < v.length; m++) s += (v[m] ?? 0) * (delta[m] ?? 1);
  return s;
}
export function linesPresentValue(lines: LineVectors, delta: Float64Array): number {
  let s = 0;
  for (const v of Object.values(lines)) if (v) s += presentValue(v, delta);
  return s;
}

/**
 * Purchase months of an asset bought at month 0 and replaced each lifetime: every j × L < H.
 * A fractional lifetime ends during month ⌊j × L⌋, which is when the replacement is bought
 * (L ≥ 1, enforced by the schema, so no two purchases fall in one month).
 */
export function purchaseMonths(lifetimeMonths: number, H: number): number[] {
  const months = [0];
  for (let j = 1; j * lifetimeMonths < H - 1e-9; j++) months.push(Math.floor(j * lifetimeMonths + 1e-9));
  return months;
}

/** Residual fraction at month H−1 of the last purchase p: max(0, 1 − (H − p) ÷ L). */
export function residualFraction(lifetimeMonths: number, H: number): number {
  const months = purchaseMonths(lifetimeMonths, H);
  const p = months[months.length - 1]!;
  return Math.max(0, 1 - (H - p) / lifetimeMonths);
}

function vec(H: number): Float64Array {
  return new Float64Array(H);
}

/** Cost lines of ONE unit of a system at a site (rack space is per rack: see rackSpaceLines). */
export function systemUnitLines(s: SystemOption, site: Site, settings: Settings): LineVectors {
  const H = settings.horizon_months;
  const capex = vec(H), repl = vec(H), energy = vec(H), support = vec(H), residual = vec(H);
  const buys = purchaseMonths(s.lifetime_months, H);
  capex[0] = s.price_usd;
  for (const m of buys.slice(1)) repl[m] = s.price_usd;
  const e = s.typical_power_kw * site.pue * HOURS_PER_MONTH * site.usd_per_kwh;
  const sup = (s.price_usd * s.support_pct_per_year) / 100 / 12;
  energy.fill(e);
  support.fill(sup);
  if (settings.residual_value) residual[H - 1] = -s.price_usd * residualFraction(s.lifetime_months, H);
  return { system_capex: capex, system_replacement: repl, system_energy: energy, system_support: support, residual_credit: residual };
}

/** Space cost of ONE whole rack at a site. */
export function rackSpaceLines(site: Site, settings: Settings): LineVectors {
  const v = vec(settings.horizon_months);
  v.fill(site.usd_per_rack_month);
  return { system_space: v };
}

/** Cloud instances: elastic, fractional, billed at each month's peak. */
export function cloudInstanceLines(
  w: Workload,
  o: CloudInstanceOption,
  point: OperatingPoint,
  settings: Settings,
): LineVectors {
  const H = settings.horizon_months;
  const v = vec(H);
  const unitTps = point.unit_tps ?? 0;
  if (unitTps <= 0) throw new Error(`${o.id}: a cloud instance point needs unit_tps > 0`);
  // P_w(m) grows by a constant factor each month: multiply instead of a pow per month (hot path).
  const g = 1 + w.monthly_growth_pct / 100;
  let peak = peakTps(w, 0);
  const perTps = (o.usd_per_hour * HOURS_PER_MONTH) / (settings.max_utilization * unitTps);
  for (let m = 0; m < H; m++, peak *= g) v[m] = peak * perTps;
  return { cloud_instances: v };
}

/** USD per month of serving A_w(m) through a token API. */
export function apiTokenVector(w: Workload, api: CloudApiOption, H: number): Float64Array {
  const v = vec(H);
  const perToken = (api.usd_per_m_output + w.input_per_output * api.usd_per_m_input) / 1e6;
  const g = 1 + w.monthly_growth_pct / 100;
  let avg = avgTps(w, 0);
  for (let m = 0; m < H; m++, avg *= g) v[m] = avg * 3600 * HOURS_PER_MONTH * perToken;
  return v;
}
export function apiLines(w: Workload, api: CloudApiOption, settings: Settings): LineVectors {
  return { api_tokens: apiTokenVector(w, api, settings.horizon_months) };
}

/** Edge devices: one per endpoint, replaced each lifetime, plus energy and any API inference. */
export function edgeLines(
  w: Workload,
  d: EdgeDeviceOption,
  api: CloudApiOption | null,
  settings: Settings,
): LineVectors {
  const H = settings.horizon_months;
  const n = w.endpoints;
  const capex = vec(H), energy = vec(H), residual = vec(H);
  for (const m of purchaseMonths(d.lifetime_months, H)) capex[m] = n * d.price_usd;
  energy.fill(n * d.typical_power_kw * HOURS_PER_MONTH * settings.edge_usd_per_kwh);
  if (settings.residual_value) residual[H - 1] = -n * d.price_usd * residualFraction(d.lifetime_months, H);
  const lines: LineVectors = { edge_capex: capex, edge_energy: energy, residual_credit: residual };
  if (api) lines.edge_inference = apiTokenVector(w, api, H);
  return lines;
}

/** Month-0 purchases (capex budget, DESIGN 5 constraint 6). */
export function systemUnitCapex(s: SystemOption): number {
  return s.price_usd;
}
export function edgeCapex(w: Workload, d: EdgeDeviceOption): number {
  return w.endpoints * d.price_usd;
}

/** Adds `lines × scale` into `into` (allocating vectors as needed). */
export function addLines(into: LineVectors, lines: LineVectors, scale: number, H: number): void {
  for (const [k, v] of Object.entries(lines) as [CostLine, Float64Array | undefined][]) {
    if (!v || scale === 0) continue;
    const t = (into[k] ??= vec(H));
    for (let m = 0; m < H; m++) t[m] = t[m]! + v[m]! * scale;
  }
}

// ---- v2 (DESIGN 6 with periods and price trends). One cost per plan element, as monthly vectors:
// the optimizer's coefficients are their present values, the TCO engine adds them up.

/** Purchase months of an asset first bought in month p: p, then p + ⌊i × L⌋ while < H (DESIGN 9). */
export function purchaseMonthsFrom(p: number, lifetimeMonths: number, H: number): number[] {
  const months = [p];
  for (let i = 1; p + i * lifetimeMonths < H - 1e-9; i++) months.push(p + Math.floor(i * lifetimeMonths + 1e-9));
  return months;
}

/**
 * One unit of system s bought at month p at a site (a tranche of one unit): capex at p, its
 * replacements, support from p at the latest purchase price, energy from p, residual at H−1.
 * Prices carry π_hw of the month they are paid in.
 */
export function trancheUnitLines(s: SystemOption, site: Site, settings: Settings, p: number): LineVectors {
  const H = settings.horizon_months;
  const capex = vec(H), repl = vec(H), energy = vec(H), support = vec(H), residual = vec(H);
  const buys = purchaseMonthsFrom(p, s.lifetime_months, H);
  const paid = buys.map((t) => s.price_usd * hwFactor(settings, t));
  capex[p] = paid[0]!;
  for (let i = 1; i < buys.length; i++) repl[buys[i]!] = paid[i]!;
  const e = s.typical_power_kw * site.pue * HOURS_PER_MONTH * site.usd_per_kwh;
  let b = 0;
  for (let m = p; m < H; m++) {
    while (b + 1 < buys.length && buys[b + 1]! <= m) b++;
    energy[m] = e;
    support[m] = (paid[b]! * s.support_pct_per_year) / 1200;
  }
  const lines: LineVectors = { system_capex: capex, system_replacement: repl, system_energy: energy, system_support: support };
  if (settings.residual_value) {
    const last = buys[buys.length - 1]!;
    residual[H - 1] = -paid[paid.length - 1]! * Math.max(0, 1 - (H - last) / s.lifetime_months);
    lines.residual_credit = residual;
  }
  return lines;
}

/** Capex (purchases and replacements at π_hw prices, undiscounted) of one unit bought at p, per plan year. */
export function capexByYear(price: number, lifetimeMonths: number, p: number, settings: Settings): number[] {
  const H = settings.horizon_months;
  const years = new Array<number>(Math.ceil(H / 12)).fill(0);
  for (const t of purchaseMonthsFrom(p, lifetimeMonths, H)) years[Math.floor(t / 12)]! += price * hwFactor(settings, t);
  return years;
}

/** One whole rack at a site over the months of one period. */
export function rackPeriodLines(site: Site, settings: Settings, start: number, months: number): LineVectors {
  const v = vec(settings.horizon_months);
  for (let m = start; m < start + months; m++) v[m] = site.usd_per_rack_month;
  return { system_space: v };
}

/** One cloud instance rented in month mo. */
export function cloudInstanceMonthCost(o: CloudInstanceOption, settings: Settings, mo: number): number {
  return o.usd_per_hour * clFactor(settings, mo) * HOURS_PER_MONTH;
}

/** Tokens of w through an API over months start … start + months − 1, at π_cl prices. */
export function apiPeriodVector(w: Workload, api: CloudApiOption, settings: Settings, start: number, months: number): Float64Array {
  const v = vec(settings.horizon_months);
  writeApiPeriod(v, w, api, settings, start, months);
  return v;
}

/**
 * apiPeriodVector written into `v` (months start … start + months − 1 only; others untouched),
 * so a loop over thousands of assignments can reuse one vector instead of allocating each.
 */
export function writeApiPeriod(v: Float64Array, w: Workload, api: CloudApiOption, settings: Settings, start: number, months: number): void {
  const perToken = (api.usd_per_m_output + w.input_per_output * api.usd_per_m_input) / 1e6;
  // avgTps(w, m) × … × clFactor(settings, m), their factors read from the tables (same values)
  const g = growthTable(w.monthly_growth_pct, start + months);
  const cl = priceTable(settings.cloud_price_change_pct_per_year, start + months);
  for (let m = start; m < start + months; m++) v[m] = w.avg_output_tps * g[m]! * 3600 * HOURS_PER_MONTH * perToken * cl[m]!;
}

/** w on edge devices d over one period: their energy and, with inference_via, the API's tokens. */
export function edgeUseLines(w: Workload, d: EdgeDeviceOption, api: CloudApiOption | null, settings: Settings, start: number, months: number): LineVectors {
  const energy = vec(settings.horizon_months);
  const e = w.endpoints * d.typical_power_kw * HOURS_PER_MONTH * settings.edge_usd_per_kwh;
  for (let m = start; m < start + months; m++) energy[m] = e;
  const lines: LineVectors = { edge_energy: energy };
  if (api) lines.edge_inference = apiPeriodVector(w, api, settings, start, months);
  return lines;
}

/** The endpoints of w get devices d at month p: purchase, re-buys each lifetime, residual. */
export function edgePurchaseLines(w: Workload, d: EdgeDeviceOption, settings: Settings, p: number): LineVectors {
  const H = settings.horizon_months;
  const capex = vec(H), residual = vec(H);
  const buys = purchaseMonthsFrom(p, d.lifetime_months, H);
  for (const t of buys) capex[t] = w.endpoints * d.price_usd * hwFactor(settings, t);
  const lines: LineVectors = { edge_capex: capex };
  if (settings.residual_value) {
    const last = buys[buys.length - 1]!;
    residual[H - 1] = -capex[last]! * Math.max(0, 1 - (H - last) / d.lifetime_months);
    lines.residual_credit = residual;
  }
  return lines;
}
