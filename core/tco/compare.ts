// Scenario comparison: one row per metric, one value per scenario, with the best and worst
// scenario per metric and the difference from the first scenario (the reference).
//
// Metrics: capex (first purchases of each asset, at their trend prices); horizon cost (DESIGN 6, at each scenario's own discount
// rate, net of residual; not ranked when the rates differ: a higher rate alone makes it smaller);
// NPV at a COMMON rate — the first scenario's discount_rate_pct — so scenarios with different
// rates compare on one footing; undiscounted sum; $/M output tokens (undiscounted); peak power kW
// (nameplate max_power_kw × units of the pools in the busiest period: what the sites must
// provision; edge devices draw at the endpoints and are not counted) and racks (whole racks, tall
// units counting the racks they span, in the busiest period) — a plan lists its pools and layouts
// per period, hardware kept listed again in each (bench/trust.ts --compare, edge-3 over two
// periods: 14 kW read 28 kW when summed over them); tier mix (share of output tokens
// served per tier: no better or worse); workloads left unserved in at least one period.
// Like with like: when the horizons differ, horizon totals (capex included: every period's
// purchases) and the busiest period's power and racks (larger over a longer horizon of growing
// demand) are shown but not ranked, and the comparison adds the cost per month and the cost of the months all scenarios share (before the
// residual credit, which falls at each horizon's own end); likewise when the scenarios leave
// different workloads unserved, and then neither capex, power, racks nor the $/M tokens (a price
// of other tokens) are ranked. When some scenarios credit the residual value and others do not,
// the totals that hold the credit (horizon cost, NPV, undiscounted, cost per month, $/M tokens) are
// shown but not ranked: the same plan read cheaper by the credit alone, and was marked best. Settings
// that differ are listed.
import { formatDecimal, formatMoney, formatMonth, formatRatePct, formatRatioPct } from '../format.ts';
import { unservedWorkloadNames } from '../plan-periods.ts';
import { TIERS, type PlanInput, type PlanResult, type Settings, type Tier } from '../types.ts';
import { computeTco, type TcoReport } from './engine.ts';
import { CAPEX_WORDS } from './csv.ts';

export type CompareScenario = { name: string; input: PlanInput; plan: PlanResult; report?: TcoReport };
export type MetricKey =
  | 'capex_usd'
  | 'horizon_cost_usd'
  | 'npv_usd'
  | 'undiscounted_usd'
  | 'usd_per_month'
  | 'common_months_usd'
  | 'usd_per_m_tokens'
  | 'peak_power_kw'
  | 'racks'
  | 'unserved_workloads'
  | `tier_share_${Tier}`;
export type CompareRow = {
  key: MetricKey;
  label: string;
  unit: 'usd' | 'usd_per_m' | 'kw' | 'racks' | 'count' | 'share';
  /** which direction is better; null: neither (tier mix) */
  better: 'lower' | 'higher' | null;
  /** one per scenario; null where it does not apply (no tokens served) */
  values: (number | null)[];
  /** scenario indexes (ties give several); empty when better is null or all values are equal */
  best: number[];
  worst: number[];
  /** value − first scenario's value */
  diff: (number | null)[];
  /** 100 × diff ÷ |first|, null when the first is 0 or null */
  diff_pct: (number | null)[];
};
/** a scenario setting whose value is not the same in every compared scenario */
export type SettingDiff = { key: string; label: string; values: string[] };
export type Comparison = {
  scenarios: string[];
  reference_rate_pct: number;
  rows: CompareRow[];
  settings: SettingDiff[];
  /** the horizons differ: totals over each horizon are not ranked */
  horizons_differ: boolean;
  /** the scenarios leave different workloads unserved: totals are not ranked */
  served_differ: boolean;
  /** months every compared scenario covers */
  common_months: number;
};

// the names the Settings form gives (Compare said "Hardware price change" beside Settings' "Hardware
// price trend"; a capex budget that caps each plan year read as a total)
const SETTING_LABELS: Partial<Record<keyof Settings, string>> = {
  horizon_months: 'Horizon (months)',
  start_month: 'Start month',
  purchase_interval_months: 'Purchase interval (months)',
  hardware_price_change_pct_per_year: 'Hardware price trend (%/year)',
  cloud_price_change_pct_per_year: 'Cloud price trend (%/year)',
  capex_budget_usd: 'Capex budget (per plan year)',
  total_budget_usd: 'Total budget',
  max_utilization: 'Max utilization',
  discount_rate_pct: 'Discount rate (%/year)',
  residual_value: 'Residual value counted',
  edge_usd_per_kwh: 'Edge electricity ($/kWh)',
  unserved_penalty_usd_per_month: 'Unserved penalty ($/month)',
  time_limit_s: 'Solver time limit (s)',
};
/** settings that do not change a plan's figures */
const NOT_COMPARED = new Set(['page_size']);

function settingText(key: string, v: unknown): string {
  if (v == null) return '—';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (key === 'start_month' && typeof v === 'string') return formatMonth(v);
  if (typeof v === 'number') {
    if (key === 'max_utilization') return formatRatioPct(v, 1);
    if (key.endsWith('_usd') || key.endsWith('_usd_per_month')) return formatMoney(v);
    return formatDecimal(v, 4);
  }
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** Settings whose values differ between the scenarios, in the settings' own order. */
export function settingDiffs(items: readonly { input: Pick<PlanInput, 'settings'> }[]): SettingDiff[] {
  const keys = [...new Set(items.flatMap((x) => Object.keys(x.input.settings)))].filter((k) => !NOT_COMPARED.has(k));
  const out: SettingDiff[] = [];
  for (const key of keys) {
    const values = items.map((x) => settingText(key, (x.input.settings as Record<string, unknown>)[key]));
    if (values.every((v) => v === values[0])) continue;
    out.push({ key, label: SETTING_LABELS[key as keyof Settings] ?? key.replaceAll('_', ' '), values });
  }
  return out;
}

/** Σ δ_r(m) × month total at annual rate ratePct. */
export function npvAt(report: TcoReport, ratePct: number): number {
  const r = ratePct / 100;
  let s = 0;
  for (const m of report.months) s += m.total_usd * Math.pow(1 + r, -m.month / 12);
  return s;
}

/** The most nameplate kW and racks the plan's sites hold in one period (each its own busiest). */
export function peakSiteUse(input: PlanInput, plan: PlanResult): { kw: number; racks: number } {
  const byId = new Map(input.catalog.options.map((o) => [o.id, o] as const));
  const kw = new Map<number, number>();
  const racks = new Map<number, number>();
  for (const p of plan.pools) {
    const s = byId.get(p.option);
    if (s?.kind === 'system') kw.set(p.period, (kw.get(p.period) ?? 0) + p.units * s.max_power_kw);
  }
  for (const su of plan.sites) racks.set(su.period, (racks.get(su.period) ?? 0) + su.racks.reduce((a, r) => a + r.spans, 0));
  return { kw: Math.max(0, ...kw.values()), racks: Math.max(0, ...racks.values()) };
}

export function compareScenarios(items: readonly CompareScenario[]): Comparison {
  if (items.length < 2) throw new Error('compare: needs at least two scenarios');
  const reports = items.map((x) => x.report ?? computeTco(x.input, x.plan));
  const rate = items[0]!.input.settings.discount_rate_pct;
  const rows: CompareRow[] = [];
  const add = (key: MetricKey, label: string, unit: CompareRow['unit'], better: CompareRow['better'], values: (number | null)[]) => {
    rows.push({ key, label, unit, better, values, ...rank(values, better), ...diffs(values) });
  };
  const horizons = reports.map((r) => r.horizon_months);
  const differ = horizons.some((h) => h !== horizons[0]);
  const common = Math.min(...horizons);
  // scenarios that leave different workloads unserved buy for different demand: their totals are
  // not like for like either (a capex budget leaving a workload unserved, $160,424,
  // was marked better than the plan serving it, $510,472, with nothing saying what it left out)
  const unserved = items.map((x) => new Set(unservedWorkloadNames(x.plan)));
  const servedDiffer = unserved.some((u) => u.size !== unserved[0]!.size || [...u].some((n) => !unserved[0]!.has(n)));
  // totals over different horizons are not like for like: shown, never ranked
  const total = differ || servedDiffer ? null : 'lower';
  const mark = differ ? ' — own horizon, not ranked' : servedDiffer ? ' — other workloads served, not ranked' : '';
  // nor are horizon costs at different discount rates: the NPV row puts them at one rate
  const ratesDiffer = items.some((x) => x.input.settings.discount_rate_pct !== rate);
  const ownRate = ratesDiffer ? null : total;
  // (the label says "own rate" already: "(own rate, net of residual) — own rate, not ranked" said it twice)
  const ownRateMark = mark || (ratesDiffer ? ` — not ranked: see NPV at ${formatRatePct(rate)}` : '');
  // nor are totals that credit the residual value in some scenarios and not in others: the same
  // plan reads cheaper by the credit alone (a setting of accounting, not a cheaper fleet)
  const credits = items.map((x) => x.input.settings.residual_value);
  const residualDiffer = credits.some((c) => c !== credits[0]);
  const residualWords = residualDiffer ? 'net of residual where credited' : credits[0] ? 'net of residual' : 'no residual credit';
  const credited = residualDiffer ? null : total;
  const residualMark = residualDiffer ? ' — residual credited in some, not ranked' : '';
  const creditedMark = mark || residualMark;
  // what a plan buys and draws is not like for like either when the plans serve different workloads
  const sized = servedDiffer ? null : 'lower';
  const sizedMark = servedDiffer ? ' — other workloads served, not ranked' : '';
  // ...nor when the horizons differ: capex sums the purchases of every period (over a longer horizon,
  // more periods buy), and with growing demand a longer horizon's busiest period is larger (3 %/month:
  // 36 months against 24 draw ~1.43 times the kW and racks)
  const ownHorizon = differ ? null : sized;
  const ownHorizonMark = differ ? ' — own horizon, not ranked' : sizedMark;
  // "first purchases" (of each asset, as against its replacements) read as the start month's
  // purchases beside Results' and TCO's capex of every period: said in their words
  add('capex_usd', `${CAPEX_WORDS}${ownHorizonMark}`, 'usd', ownHorizon, reports.map((r) => r.totals.capex_usd));
  // (with the residual credit differing too, the NPV row is not ranked either: "see NPV" would send the reader to no answer)
  add('horizon_cost_usd', `Horizon cost (own rate, ${residualWords})${mark || (residualDiffer ? residualMark : ownRateMark)}`, 'usd', residualDiffer ? null : ownRate, reports.map((r) => r.totals.horizon_cost_usd));
  add('npv_usd', `NPV at ${formatRatePct(rate)}${creditedMark}`, 'usd', credited, reports.map((r) => npvAt(r, rate)));
  add('undiscounted_usd', `Undiscounted total${creditedMark}`, 'usd', credited, reports.map((r) => r.totals.undiscounted_usd));
  if (differ) {
    add('usd_per_month', `Cost per month (undiscounted, ${residualWords}, own horizon)`, 'usd', servedDiffer || residualDiffer ? null : 'lower',
      reports.map((r) => r.totals.undiscounted_usd / r.horizon_months));
    add('common_months_usd', `First ${common} months (undiscounted, before residual credit)`, 'usd', servedDiffer ? null : 'lower',
      reports.map((r) => r.months.slice(0, common).reduce((a, m) => a + m.total_usd - m.lines.residual_credit, 0)));
  }
  // a price per token of other tokens: leaving a dear workload unserved lowers it with nothing cheaper
  add('usd_per_m_tokens', `$ per million output tokens${sizedMark || residualMark}`, 'usd_per_m', residualDiffer ? null : sized, reports.map((r) => r.totals.usd_per_m_tokens));
  const peaks = items.map((x) => peakSiteUse(x.input, x.plan));
  add('peak_power_kw', `Peak power (nameplate kW, busiest period)${ownHorizonMark}`, 'kw', ownHorizon, peaks.map((p) => p.kw));
  add('racks', `Racks (busiest period)${ownHorizonMark}`, 'racks', ownHorizon, peaks.map((p) => p.racks));
  add('unserved_workloads', 'Workloads left unserved (in at least one period)', 'count', 'lower', unserved.map((u) => u.size));
  for (const tier of TIERS) {
    add(`tier_share_${tier}`, `Share of tokens: ${tier}`, 'share', null, reports.map((r) => {
      const t = r.byTier.find((x) => x.tier === tier)!;
      return r.totals.output_tokens_m > 0 ? t.output_tokens_m / r.totals.output_tokens_m : null;
    }));
  }
  return {
    scenarios: items.map((x) => x.name), reference_rate_pct: rate, rows,
    settings: settingDiffs(items), horizons_differ: differ, served_differ: servedDiffer, common_months: common,
  };
}

function rank(values: (number | null)[], better: CompareRow['better']): { best: number[]; worst: number[] } {
  if (!better) return { best: [], worst: [] };
  const present = values.map((v, i) => ({ v, i })).filter((x): x is { v: number; i: number } => x.v != null);
  if (present.length === 0) return { best: [], worst: [] };
  const lo = Math.min(...present.map((x) => x.v));
  const hi = Math.max(...present.map((x) => x.v));
  const eq = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  if (eq(lo, hi)) return { best: [], worst: [] };
  const at = (target: number) => present.filter((x) => eq(x.v, target)).map((x) => x.i);
  return better === 'lower' ? { best: at(lo), worst: at(hi) } : { best: at(hi), worst: at(lo) };
}

function diffs(values: (number | null)[]): { diff: (number | null)[]; diff_pct: (number | null)[] } {
  const ref = values[0];
  const diff = values.map((v) => (v == null || ref == null ? null : v - ref));
  const diff_pct = diff.map((d) => (d == null || ref == null || ref === 0 ? null : (100 * d) / Math.abs(ref)));
  return { diff, diff_pct };
}
