// The TCO figures the report reads, in one normalised shape (plain arrays, JSON-safe), so the
// report model does not depend on the TCO engine's internal layout: `fromTcoEngine` maps the
// engine's report (core/tco), its baseline comparisons and the sensitivity analysis.
import { COST_LINES, RUN_RATE_LINES, type CostLine } from '../cost.ts';
import type { BaselineComparison } from '../tco/baselines.ts';
import type { TcoReport } from '../tco/engine.ts';
import type { SensitivityResult } from '../tco/sensitivity.ts';
import { shownCost, tornadoLegend, tornadoRowWords } from '../tornado.ts';
import type { Tier } from '../types.ts';

export type ReportTcoMonth = {
  month: number;
  totalUsd: number;
  /** δ(m) × totalUsd */
  pvUsd: number;
  lines: Partial<Record<CostLine, number>>;
  byTier: Partial<Record<Tier, number>>;
};
export type ReportBaseline = {
  id: string;
  label: string;
  /** false: the baseline cannot be built (e.g. no system type serves all workloads) */
  available: boolean;
  note?: string;
  /** the baseline was forced by a few workloads: its difference is shown, never headlined as a saving */
  lopsided?: string;
  /** the budgets the baseline breaks, in words ("capex budget ignored (plan year 1 buys $200,000)"): a plan that respects them may cost more */
  overBudget?: string;
  /** the workloads it puts where their placement or tiers rule out, in words: a plan that respects them may cost more */
  rulesIgnored?: string;
  /** same discounting as the plan's horizon cost */
  horizonCostUsd: number | null;
  /** monthly totals discounted like the horizon cost (δ(m) × total), months 0 … H−1 */
  monthlyUsd: number[];
  /** first month from which the plan's cumulative cost stays at or below the baseline's */
  breakevenMonth: number | null;
  /**
   * set when the plan breaks even only in the horizon's last month and only through the residual
   * credits booked then: what the plan would cost more than the baseline without them (both
   * credits left out, same discounting as the horizon cost)
   */
  dearerWithoutResidualUsd?: number;
  /** catalog options the baseline uses (for the appendix) */
  options: string[];
};
/** lowUsd, highUsd: null for a case the fixed plan cannot serve (not priced: core/tornado.ts shownCost) */
/** label: the row as the chart names it (core/tornado.ts tornadoRowWords: a trend row with its two yearly rates); driver: the driver alone */
export type ReportTornadoBar = { parameter: string; label: string; driver: string; lowUsd: number | null; highUsd: number | null; note?: string };
export type ReportTco = {
  horizonCostUsd: number;
  undiscountedUsd: number;
  capexUsd: number;
  /** recurring lines only (energy, support, space, cloud, API, edge energy/inference) */
  runRateStartUsd: number;
  runRateEndUsd: number;
  months: ReportTcoMonth[];
  /** output tokens served over the horizon, millions, overall and by tier */
  mTokens: { total: number; byTier: Partial<Record<Tier, number>> };
  /** the residual credit (≤ 0, undiscounted) of the hardware each tier holds at the horizon; a tier without one is left out */
  residualByTier: Partial<Record<Tier, number>>;
  /** each tier's cost lines over the horizon (undiscounted; a line without cost in the tier left out): what the tiers' figures split each line's total by (core/schedule/figures: tierFigures) */
  linesByTier: Partial<Record<Tier, Partial<Record<CostLine, number>>>>;
  usdPerMTok: { overall: number | null; byTier: Partial<Record<Tier, number | null>> };
  baselines: ReportBaseline[];
  tornado: ReportTornadoBar[];
  /** the ± percentage of the sensitivity analysis */
  sensitivityPct?: number;
  /** the tornado legend's two names when "−pct% / +pct%" is not true of every row (core/tornado.ts tornadoLegend) */
  tornadoLegend?: [string, string];
  /** true when baselines or sensitivity were not computed */
  partial?: boolean;
};

export function runRate(m: ReportTcoMonth | undefined): number {
  if (!m) return 0;
  let s = 0;
  for (const k of RUN_RATE_LINES) s += m.lines[k] ?? 0;
  return s;
}

/** Maps the TCO engine's report, its baseline comparisons and the sensitivity analysis. */
export function fromTcoEngine(t: TcoReport, comparisons?: readonly BaselineComparison[], sens?: SensitivityResult): ReportTco {
  const months: ReportTcoMonth[] = t.months.map((m) => {
    const lines: Partial<Record<CostLine, number>> = {};
    for (const k of COST_LINES) if ((m.lines[k] ?? 0) !== 0) lines[k] = m.lines[k];
    const byTier: Partial<Record<Tier, number>> = {};
    for (const [k, v] of Object.entries(m.byTier) as [Tier, number][]) if (v !== 0) byTier[k] = v;
    return { month: m.month, totalUsd: m.total_usd, pvUsd: m.pv_usd, lines, byTier };
  });
  const mByTier: Partial<Record<Tier, number>> = {};
  const perTier: Partial<Record<Tier, number | null>> = {};
  const residualByTier: Partial<Record<Tier, number>> = {};
  const linesByTier: Partial<Record<Tier, Partial<Record<CostLine, number>>>> = {};
  for (const x of t.byTier) {
    if ((x.lines.residual_credit ?? 0) !== 0) residualByTier[x.tier] = x.lines.residual_credit;
    const lines: Partial<Record<CostLine, number>> = {};
    for (const k of COST_LINES) if ((x.lines[k] ?? 0) !== 0) lines[k] = x.lines[k];
    if (Object.keys(lines).length) linesByTier[x.tier] = lines;
    if (x.workloads === 0 && x.undiscounted_usd === 0) continue;
    mByTier[x.tier] = x.output_tokens_m;
    perTier[x.tier] = x.usd_per_m_tokens;
  }
  const baselines: ReportBaseline[] = (comparisons ?? []).map((c) => {
    const b = c.baseline;
    const ok = b.status === 'ok' && b.report != null;
    const out: ReportBaseline = {
      id: b.id,
      label: b.label,
      available: ok,
      horizonCostUsd: ok ? b.report!.totals.horizon_cost_usd : null,
      monthlyUsd: ok ? b.report!.months.map((m) => m.pv_usd) : [],
      breakevenMonth: c.break_even?.month ?? null,
      options: ok ? [...new Set(b.plan?.assignments.map((a) => a.option) ?? [])] : [],
    };
    const last = t.months.length - 1;
    if (ok && last > 0 && c.break_even?.month === last) {
      // the last month's cumulative cost of each, less the residual credit it books then (≤ 0)
      const before = (r: Pick<TcoReport, 'months'>) => r.months[last]!.cumulative_pv_usd - r.months[last]!.discount_factor * (r.months[last]!.lines.residual_credit ?? 0);
      const more = before(t) - before(b.report!);
      if (more > 0) out.dearerWithoutResidualUsd = more;
    }
    const note = ok ? b.caption : b.reason;
    if (note) out.note = note;
    if (ok && b.lopsided) out.lopsided = b.lopsided;
    if (ok && b.budgets) out.overBudget = b.budgets;
    if (ok && b.rules) out.rulesIgnored = b.rules;
    return out;
  });
  const pct = sens?.pct ?? 20;
  const tornado: ReportTornadoBar[] = (sens?.rows ?? []).map((r) => {
    const bar: ReportTornadoBar = { parameter: r.driver, label: tornadoRowWords(r, pct).label, driver: r.label, lowUsd: shownCost(r.low), highUsd: shownCost(r.high) };
    if (r.note) bar.note = r.note;
    return bar;
  });
  const out: ReportTco = {
    horizonCostUsd: t.totals.horizon_cost_usd,
    undiscountedUsd: t.totals.undiscounted_usd,
    capexUsd: t.totals.capex_usd,
    runRateStartUsd: t.totals.run_rate_start_usd,
    runRateEndUsd: t.totals.run_rate_end_usd,
    months,
    mTokens: { total: t.totals.output_tokens_m, byTier: mByTier },
    residualByTier,
    linesByTier,
    usdPerMTok: { overall: t.totals.usd_per_m_tokens, byTier: perTier },
    baselines,
    tornado,
    sensitivityPct: pct,
  };
  const legend = tornadoLegend(sens?.rows ?? [], pct);
  if (legend) out.tornadoLegend = legend;
  if (comparisons === undefined || sens === undefined) out.partial = true;
  return out;
}
