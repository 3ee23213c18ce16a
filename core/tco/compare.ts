// Scenario comparison: one row per metric, one value per scenario, with the best and worst
// scenario per metric and the difference from the first scenario (the reference).
//
// Metrics: capex (month-0 purchases); horizon cost (DESIGN 6, at each scenario's own discount
// rate, net of residual); NPV at a COMMON rate — the first scenario's discount_rate_pct — so
// scenarios with different rates compare on one footing; undiscounted sum; $/M output tokens
// (undiscounted); peak power kW (nameplate max_power_kw × units over all pools: what the
// sites must provision; edge devices draw at the endpoints and are not counted); racks
// (whole racks, tall units counting the racks they span); tier mix (share of output tokens
// served per tier: no better or worse).
import { TIERS, type PlanInput, type PlanResult, type Tier } from '../types.ts';
import { computeTco, type TcoReport } from './engine.ts';

export type CompareScenario = { name: string; input: PlanInput; plan: PlanResult; report?: TcoReport };
export type MetricKey =
  | 'capex_usd'
  | 'horizon_cost_usd'
  | 'npv_usd'
  | 'undiscounted_usd'
  | 'usd_per_m_tokens'
  | 'peak_power_kw'
  | 'racks'
  | `tier_share_${Tier}`;
export type CompareRow = {
  key: MetricKey;
  label: string;
  unit: 'usd' | 'usd_per_m' | 'kw' | 'racks' | 'share';
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
export type Comparison = { scenarios: string[]; reference_rate_pct: number; rows: CompareRow[] };

/** Σ δ_r(m) × month total at annual rate ratePct. */
export function npvAt(report: TcoReport, ratePct: number): number {
  const r = ratePct / 100;
  let s = 0;
  for (const m of report.months) s += m.total_usd * Math.pow(1 + r, -m.month / 12);
  return s;
}

export function peakPowerKw(input: PlanInput, plan: PlanResult): number {
  const byId = new Map(input.catalog.options.map((o) => [o.id, o] as const));
  let kw = 0;
  for (const p of plan.pools) {
    const s = byId.get(p.option);
    if (s?.kind === 'system') kw += p.units * s.max_power_kw;
  }
  return kw;
}

export function compareScenarios(items: readonly CompareScenario[]): Comparison {
  if (items.length < 2) throw new Error('compare: needs at least two scenarios');
  const reports = items.map((x) => x.report ?? computeTco(x.input, x.plan));
  const rate = items[0]!.input.settings.discount_rate_pct;
  const rows: CompareRow[] = [];
  const add = (key: MetricKey, label: string, unit: CompareRow['unit'], better: CompareRow['better'], values: (number | null)[]) => {
    rows.push({ key, label, unit, better, values, ...rank(values, better), ...diffs(values) });
  };
  add('capex_usd', 'Capex (month 0)', 'usd', 'lower', reports.map((r) => r.totals.capex_usd));
  add('horizon_cost_usd', 'Horizon cost (own rate, net of residual)', 'usd', 'lower', reports.map((r) => r.totals.horizon_cost_usd));
  add('npv_usd', `NPV at ${rate} %`, 'usd', 'lower', reports.map((r) => npvAt(r, rate)));
  add('undiscounted_usd', 'Undiscounted total', 'usd', 'lower', reports.map((r) => r.totals.undiscounted_usd));
  add('usd_per_m_tokens', '$ per million output tokens', 'usd_per_m', 'lower', reports.map((r) => r.totals.usd_per_m_tokens));
  add('peak_power_kw', 'Peak power (nameplate kW)', 'kw', 'lower', items.map((x) => peakPowerKw(x.input, x.plan)));
  add('racks', 'Racks', 'racks', 'lower', reports.map((r) => r.racks.reduce((a, x) => a + x.racks, 0)));
  for (const tier of TIERS) {
    add(`tier_share_${tier}`, `Share of tokens: ${tier}`, 'share', null, reports.map((r) => {
      const t = r.byTier.find((x) => x.tier === tier)!;
      return r.totals.output_tokens_m > 0 ? t.output_tokens_m / r.totals.output_tokens_m : null;
    }));
  }
  return { scenarios: items.map((x) => x.name), reference_rate_pct: rate, rows };
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
