// The human summary `fleetplan optimize` (and `report`) prints: totals once, then each purchase
// period with its calendar months, what is bought and owned, rented, and the site use (consecutive
// periods that buy nothing and read the same as one block).
import { periodLabel, planForPeriod, planPeriods, runsOf } from '../../core/plan-periods.ts';
import { describeBinding } from '../../core/optimizer/binding.ts';
import { penaltyUsd, provenGap } from '../../core/optimizer/gap.ts';
import { discountFactors } from '../../core/cost.ts';
import { planLinesV2 } from '../../core/tco/plan-lines.ts';
import { computeTco } from '../../core/tco/engine.ts';
import { capexWords, horizonCostNotes, REPLACEMENTS_WORDS } from '../../core/tco/summary.ts';
import { isPlan, type PlanAnswer, type PlanInput, type PlanResult } from '../../core/types.ts';

const usd = (v: number | null) => (v == null ? '—' : `$${Math.round(v).toLocaleString('en-US')}`);
const num = (v: number) => (Number.isInteger(v) ? v.toLocaleString('en-US') : v.toLocaleString('en-US', { maximumFractionDigits: 2 }));

/**
 * The bound and gap, or that no bound was proven: a plan stopped before any bound carries the bound
 * $0 and the gap 1 (for scripts reading its JSON), and read "bound $0  gap 100.000 %" where the app
 * and the PDF say no lower bound was proven (provenGap).
 */
function boundWords(r: Pick<PlanResult, 'bound_usd' | 'gap'>): string {
  const g = provenGap(r);
  return g == null ? 'no lower bound proven' : `bound ${usd(r.bound_usd)}  gap ${(g * 100).toFixed(3)} %`;
}

/**
 * `start` (YYYY-MM) names the periods' calendar months; without it they are month numbers. `input`,
 * the inputs the plan was solved from, says what the horizon cost is net of (discount, residual credit).
 */
export function summarisePlan(r: PlanAnswer, opts: { start?: string; horizon?: number; input?: PlanInput } = {}): string[] {
  const lines: string[] = [];
  if (!isPlan(r)) {
    lines.push(`status: ${r.status} (${(r.solve_ms / 1000).toFixed(1)} s)`);
    for (const reason of r.reasons ?? []) lines.push(`  ${reason}`);
    return lines;
  }
  lines.push(
    `status: ${r.status}${r.stopped_by === 'user' ? ' (stopped by the user)' : ''}  objective ${usd(r.objective_usd)}  ${boundWords(r)}  (${(r.solve_ms / 1000).toFixed(1)} s)`,
  );
  // the objective is the horizon cost plus the unserved penalties (docs/model.md 5): a plan with a
  // penalty printed "objective $852,438" above "horizon cost $312,438" with nothing to say the
  // $540,000 between them is penalties, which are not money spent (Results says it the same way)
  const penalties = penaltyUsd(r);
  // what the horizon cost is net of, as `fleetplan tco` says it: a plan that buys $1,500,000 of
  // B200s for 24 of their 60 months printed "horizon cost $1,222,980, capex $1,500,000", a cost
  // below the capex it holds, with nothing about the $900,000 credit
  let netOf = '';
  // the replacements the capex figure leaves out, as `fleetplan tco` prints them (the TCO report's
  // figure: the plan's totals carry none): lifetimes that end inside the horizon re-buy hardware
  // that no figure of this summary showed
  let replaced = '';
  if (opts.input) {
    const replacementUsd = computeTco(opts.input, r).totals.replacement_usd;
    if (replacementUsd > 0) replaced = `, replacements ${usd(replacementUsd)} (${REPLACEMENTS_WORDS})`;
    const credit = planLinesV2(opts.input, r).lines.residual_credit;
    const delta = discountFactors(opts.input.settings);
    const sum = (f: (v: number, m: number) => number) => (credit ? credit.reduce((a, v, m) => a + f(v, m), 0) : 0);
    netOf = horizonCostNotes(opts.input.settings.discount_rate_pct, sum((v) => v), sum((v, m) => v * delta[m]!));
  }
  const periods = planPeriods(r, opts.horizon ?? r.periods?.reduce((n, p) => n + p.months, 0) ?? 0);
  lines.push(
    `horizon cost ${usd(r.totals.horizon_cost_usd)}${netOf ? ` (${netOf})` : ''}, capex ${usd(r.totals.capex_usd)} (${capexWords(periods.length)})${replaced}` +
      (penalties >= 0.5 ? `; the objective adds ${usd(penalties)} of unserved penalties (not a cost)` : ''),
  );
  // each period's counts and lines; consecutive periods that buy nothing and read the same are one
  // block (monthly purchases over 36 months: one block for the months the fleet stands still)
  const blocks = periods.map((p) => {
    const s = planForPeriod(r, p);
    const byKind = new Map<string, number>();
    for (const a of s.assignments) byKind.set(a.kind, (byKind.get(a.kind) ?? 0) + 1);
    const kinds = [...byKind].map(([k, n]) => `${n} ${k}`).join(', ') || 'none';
    const body: string[] = [];
    for (const b of s.purchases) {
      body.push(`  buy   ${b.site}: ${num(b.units)} × ${b.option} for ${b.model}${b.units !== b.replicas ? ` (${num(b.replicas)} replica${b.replicas === 1 ? '' : 's'})` : ''}`);
    }
    for (const o of s.pools) body.push(`  own   ${o.site}: ${num(o.units)} × ${o.option} for ${o.model}`);
    const rent = new Map<string, { min: number; max: number }>();
    for (const c of s.cloud) {
      const key = `${c.option} for ${c.model}`;
      const x = rent.get(key);
      rent.set(key, x ? { min: Math.min(x.min, c.instances), max: Math.max(x.max, c.instances) } : { min: c.instances, max: c.instances });
    }
    for (const [key, x] of rent) body.push(`  rent  ${x.min === x.max ? num(x.max) : `${num(x.min)}–${num(x.max)}`} × ${key} per month`);
    for (const e of s.edge) body.push(`  edge  ${num(e.devices)} × ${e.option} for ${e.workload}`);
    for (const u of s.sites) {
      if (u.racks_used === 0) continue;
      body.push(`  site  ${u.site}: ${num(Math.round(u.power_kw_used * 10) / 10)} / ${num(u.power_kw_limit)} kW, ${num(u.racks_used)} / ${num(u.racks_limit)} racks`);
    }
    for (const u of s.unserved) body.push(`  unserved ${u.workload}: ${u.reason}`);
    return { p, counts: `${s.assignments.length} served (${kinds}), ${s.unserved.length} unserved`, body, buys: s.purchases.length > 0 };
  });
  const same = (a: (typeof blocks)[number], b: (typeof blocks)[number]) => !a.buys && !b.buys && a.counts === b.counts && a.body.join('\n') === b.body.join('\n');
  const months = (n: number) => `${n} month${n === 1 ? '' : 's'}`;
  for (const run of runsOf(blocks, same)) {
    const first = run[0]!.p, last = run[run.length - 1]!.p;
    const span = { start_month: first.start_month, months: last.start_month + last.months - first.start_month };
    const when = opts.start ? periodLabel(opts.start, span) : `months ${span.start_month}–${span.start_month + span.months - 1}`;
    lines.push(run.length === 1
      ? `period ${first.period + 1} of ${periods.length} (${when}, ${months(first.months)}): ${run[0]!.counts}`
      : `periods ${first.period + 1}–${last.period + 1} of ${periods.length} (${when}, ${months(span.months)}), each: ${run[0]!.counts}, no purchases`);
    lines.push(...run[0]!.body);
  }
  const bv = describeBinding(r);
  for (const b of bv.items) lines.push(`binding: ${b.detail}`);
  if (bv.note) lines.push(`binding limits: ${bv.note}`);
  return lines;
}
