// The engine against a straightforward reference on random phased plans (several periods, price
// trends, growth): every month's cost by line, the horizon cost, the tokens served and each
// workload's share of rented instances, recomputed here with plain Math.pow loops, one row at a
// time, so a faster engine (factor tables, reused vectors) cannot drift from the definitions.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COST_LINES, edgePurchaseLines, edgeUseLines, trancheUnitLines, type CostLine, type LineVectors } from '../cost.ts';
import { HOURS_PER_MONTH, assignmentOf, candidatesFor, periodsOf } from '../sizing.ts';
import type { Assignment, PlanInput, PlanResult } from '../types.ts';
import { computeTco } from './engine.ts';
import { planFromAssignments } from './plan-builder.ts';
import { makeInput } from './test-scenarios.ts';
import { rngFrom } from '../rng.ts';

/** A generated input made phased (interval 6 or 12 of 24–36 months, trends), and a plan moving workloads between periods. */
function phased(seed: number): { input: PlanInput; plan: PlanResult } {
  const rng = rngFrom(seed);
  const base = makeInput(seed, { horizon: 24 + 12 * Math.floor(rng() * 2) });
  const input: PlanInput = {
    ...base,
    settings: {
      ...base.settings,
      purchase_interval_months: rng() < 0.5 ? 6 : 12,
      hardware_price_change_pct_per_year: Math.round(-30 + rng() * 40),
      cloud_price_change_pct_per_year: Math.round(-25 + rng() * 35),
      discount_rate_pct: Math.round(rng() * 12),
    },
  };
  const periods = periodsOf(input.settings);
  const assignments: Assignment[] = [];
  for (const { workload: w, candidates } of candidatesFor(input)) {
    let c = candidates[Math.floor(rng() * candidates.length)]!;
    for (const p of periods) {
      if (rng() < 0.3) c = candidates[Math.floor(rng() * candidates.length)]!;
      assignments.push(assignmentOf(w.name, c, p.period));
    }
  }
  return { input, plan: planFromAssignments(input, assignments) };
}

type Reference = { lines: Record<CostLine, number[]>; horizon: number; tokensM: number; cloudShare: Map<string, number> };

function reference(input: PlanInput, plan: PlanResult): Reference {
  const { settings } = input;
  const H = settings.horizon_months;
  const lines = Object.fromEntries(COST_LINES.map((l) => [l, new Array<number>(H).fill(0)])) as Record<CostLine, number[]>;
  const add = (v: LineVectors, scale = 1) => {
    for (const l of COST_LINES) v[l]?.forEach((x, m) => (lines[l][m]! += x * scale));
  };
  const opt = new Map(input.catalog.options.map((o) => [o.id, o]));
  const wl = new Map(input.workloads.map((w) => [w.name, w]));
  const site = new Map(input.sites.map((s) => [s.name, s]));
  const periods = plan.periods;
  const avg = (name: string, m: number) => wl.get(name)!.avg_output_tps * Math.pow(1 + wl.get(name)!.monthly_growth_pct / 100, m);
  const cloudFactor = (m: number) => Math.pow(1 + settings.cloud_price_change_pct_per_year / 100, m / 12);
  let tokens = 0;
  for (const a of plan.assignments) {
    const o = opt.get(a.option)!;
    const w = wl.get(a.workload)!;
    const p = periods[a.period]!;
    for (let m = p.start_month; m < p.start_month + p.months; m++) {
      tokens += (avg(a.workload, m) * 3600 * HOURS_PER_MONTH) / 1e6;
      if (o.kind === 'cloud_api') {
        lines.api_tokens[m]! += ((avg(a.workload, m) * 3600 * HOURS_PER_MONTH) / 1e6) * (o.usd_per_m_output + w.input_per_output * o.usd_per_m_input) * cloudFactor(m);
      }
    }
    if (o.kind === 'edge_device') {
      const api = o.inference_via ? opt.get(o.inference_via) : undefined;
      add(edgeUseLines(w, o, api?.kind === 'cloud_api' ? api : null, settings, p.start_month, p.months));
    }
  }
  for (const b of plan.purchases) {
    const o = opt.get(b.option)!;
    if (o.kind === 'system') add(trancheUnitLines(o, site.get(b.site)!, settings, periods[b.period]!.start_month), b.units);
  }
  for (const su of plan.sites) {
    const p = periods[su.period]!;
    const racks = su.racks.reduce((x, r) => x + r.spans, 0);
    for (let m = p.start_month; m < p.start_month + p.months; m++) lines.system_space[m]! += racks * site.get(su.site)!.usd_per_rack_month;
  }
  // each month's instances, split over the workloads on them by peak ÷ (u × unit_tps)
  const cloudShare = new Map<string, number>();
  for (const c of plan.cloud) {
    const o = opt.get(c.option)!;
    if (o.kind !== 'cloud_instance') continue;
    const cost = c.instances * o.usd_per_hour * cloudFactor(c.month) * HOURS_PER_MONTH;
    lines.cloud_instances[c.month]! += cost;
    const k = periods.findIndex((p) => c.month >= p.start_month && c.month < p.start_month + p.months);
    const on = plan.assignments.filter((a) => a.period === k && a.option === c.option && a.model === c.model);
    const share = on.map((a) => (avg(a.workload, c.month) * wl.get(a.workload)!.peak_to_avg) / (settings.max_utilization * a.unit_tps!));
    const total = share.reduce((x, y) => x + y, 0);
    on.forEach((a, i) => cloudShare.set(a.workload, (cloudShare.get(a.workload) ?? 0) + (cost * share[i]!) / total));
  }
  for (const e of plan.edge) {
    const o = opt.get(e.option)!;
    if (o.kind === 'edge_device') add(edgePurchaseLines(wl.get(e.workload)!, o, settings, periods[e.period]!.start_month));
  }
  let horizon = 0;
  for (let m = 0; m < H; m++) {
    const total = COST_LINES.reduce((x, l) => x + lines[l][m]!, 0);
    horizon += total * Math.pow(1 + settings.discount_rate_pct / 100, -m / 12);
  }
  return { lines, horizon, tokensM: tokens, cloudShare };
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

describe('computeTco equals a straightforward reference', () => {
  it('on random phased plans with trends: months by line, horizon cost, tokens, instance shares', () => {
    let movers = 0;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0x7fffffff }), (seed) => {
        const { input, plan } = phased(seed);
        const r = computeTco(input, plan);
        const ref = reference(input, plan);
        expect(plan.periods.length).toBeGreaterThan(1);
        for (const month of r.months) {
          for (const l of COST_LINES) {
            expect(close(month.lines[l], ref.lines[l][month.month]!), `${l} in month ${month.month}: ${month.lines[l]} vs ${ref.lines[l][month.month]}`).toBe(true);
          }
        }
        expect(close(r.totals.horizon_cost_usd, ref.horizon)).toBe(true);
        expect(close(r.totals.output_tokens_m, ref.tokensM)).toBe(true);
        // a workload only on token APIs carries exactly its own token cost; one on instances, its shares too
        for (const w of r.byWorkload) {
          const own = plan.assignments.filter((a) => a.workload === w.workload);
          if (own.every((a) => a.kind === 'cloud_instance') && ref.cloudShare.has(w.workload)) {
            expect(close(w.undiscounted_usd, ref.cloudShare.get(w.workload)!), `${w.workload}: ${w.undiscounted_usd} vs ${ref.cloudShare.get(w.workload)}`).toBe(true);
          }
          if (new Set(own.map((a) => `${a.option}@${a.site}`)).size > 1) {
            movers++;
            expect(w.option).toContain(' → ');
          }
        }
      }),
      { numRuns: 60 },
    );
    expect(movers).toBeGreaterThan(0);
  });

  it('the same figures twice in a row (the per-list workload index and factor tables hold no state that changes them)', () => {
    const { input, plan } = phased(7);
    const a = computeTco(input, plan);
    const b = computeTco(input, plan);
    expect(b).toEqual(a);
    // a list changed in place is indexed again: a renamed workload is no longer found by its old name
    const renamed = { ...input, workloads: input.workloads };
    const old = renamed.workloads[0]!;
    renamed.workloads[0] = { ...old, name: `${old.name}-renamed` };
    expect(() => computeTco(renamed, plan)).toThrow(`unknown workload "${old.name}"`);
    renamed.workloads[0] = old;
    expect(computeTco(renamed, plan)).toEqual(a);
  });
});
