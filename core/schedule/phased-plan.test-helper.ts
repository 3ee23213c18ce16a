// Random phased plans for the schedule's property tests (not a test file itself): a generated input
// made phased (purchase interval, price trends), each workload on a random usable candidate in each
// period, pools topped up to what each period needs (owned units never fall), whole cloud
// instances per month, edge devices bought in the first period a workload uses them.
import fc from 'fast-check';
import { candidatesV2, periodDemand, periodsOf, peakTps, unitsPerReplica } from '../sizing.ts';
import { makeInput } from '../tco/test-scenarios.ts';
import { rngFrom } from '../rng.ts';
import { SettingsSchema, type PlanInput, type PlanResult } from '../types.ts';

export function randomPhasedPlan(seed: number): { input: PlanInput; plan: PlanResult } {
  const rng = rngFrom(seed ^ 0x2f6b);
  const base = makeInput(seed, { horizon: 36 });
  const settings = SettingsSchema.parse({
    ...base.settings,
    purchase_interval_months: [6, 12, 12, 18][Math.floor(rng() * 4)],
    hardware_price_change_pct_per_year: Math.round(rng() * 40 - 30),
    cloud_price_change_pct_per_year: Math.round(rng() * 40 - 30),
  });
  const input: PlanInput = { ...base, settings };
  const periods = periodsOf(settings);
  const u = settings.max_utilization;
  const plan: PlanResult = {
    status: 'optimal', objective_usd: null, bound_usd: null, gap: 0, solve_ms: 0, periods,
    assignments: [], purchases: [], pools: [], cloud: [], edge: [], unserved: [], sites: [],
    totals: { capex_usd: 0, horizon_cost_usd: 0 },
  };
  const need = new Map<string, { site: string; option: string; model: string; R: number; replicas: number[] }>();
  const cloudNeed = new Map<string, { option: string; model: string; R: number; tps: number[] }>();
  const edgeBought = new Set<string>();
  for (const { workload: w, candidates } of candidatesV2(input)) {
    for (const p of periods) {
      const usable = candidates.filter((c) => c.from <= p.period);
      if (usable.length === 0) { plan.unserved.push({ workload: w.name, period: p.period, reason: 'no candidate' }); continue; }
      const c = usable[Math.floor(rng() * usable.length)]!;
      const o = c.option;
      plan.assignments.push({
        workload: w.name, period: p.period, option: o.id, model: c.model, site: c.site?.name ?? null,
        user_tps: c.point.user_tps, unit_tps: c.point.unit_tps ?? null, ttft_ms: c.point.ttft_ms, tier: o.tier, kind: o.kind,
      });
      const wm = { ...w, model: c.model };
      if (o.kind === 'system') {
        const key = `${c.site!.name}|${o.id}|${c.model}`;
        const x = need.get(key) ?? { site: c.site!.name, option: o.id, model: c.model, R: unitsPerReplica(o, c.model), replicas: periods.map(() => 0) };
        x.replicas[p.period]! += periodDemand(wm, p) / (u * c.point.unit_tps!);
        need.set(key, x);
      } else if (o.kind === 'cloud_instance') {
        const key = `${o.id}|${c.model}`;
        const x = cloudNeed.get(key) ?? { option: o.id, model: c.model, R: unitsPerReplica(o, c.model), tps: new Array<number>(settings.horizon_months).fill(0) };
        for (let m = p.start_month; m < p.start_month + p.months; m++) x.tps[m]! += peakTps(wm, m) / (u * c.point.unit_tps!);
        cloudNeed.set(key, x);
      } else if (o.kind === 'edge_device' && !edgeBought.has(`${w.name}|${o.id}`)) {
        edgeBought.add(`${w.name}|${o.id}`);
        plan.edge.push({ workload: w.name, option: o.id, period: p.period, devices: w.endpoints });
      }
    }
  }
  for (const x of need.values()) {
    let owned = 0;
    periods.forEach((p, k) => {
      const want = Math.max(owned, Math.ceil(x.replicas[k]! - 1e-9) + (rng() < 0.2 ? 1 : 0));
      if (want > owned) plan.purchases.push({ period: k, site: x.site, option: x.option, model: x.model, replicas: want - owned, units: (want - owned) * x.R });
      owned = want;
      if (owned > 0) plan.pools.push({ period: k, site: x.site, option: x.option, model: x.model, units: owned * x.R });
    });
  }
  for (const x of cloudNeed.values()) {
    x.tps.forEach((v, month) => {
      if (v > 0) plan.cloud.push({ month, option: x.option, model: x.model, instances: Math.ceil(v - 1e-9) * x.R });
    });
  }
  return { input, plan };
}

/** {input, plan}: shrinks by seed only. */
export const phasedPlanArb = fc.integer({ min: 0, max: 0x7fffffff }).map(randomPhasedPlan);
