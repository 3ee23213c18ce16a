// Bench (not a test): TCO recompute time for 1,000 and 10,000 workloads on the default catalog
// and the demo sites, on v2 plans of 3 purchase periods (interval 12 of 36 months, hardware
// −15 %/yr, cloud −10 %/yr) built without the solver — each workload on its cheapest non-pooled
// candidate (PV), every fifth workload a system can serve moving to system pools from period 1;
// whole cloud instances a month, pools per period (plan-builder.ts). computeTco is timed on the same
// input and plan again and again; "what-if" times what the TCO view's worker does on an edit of its
// assumptions: the input and plan parsed from JSON once, then each edit a new input
// (applyAssumptions: here the discount rate and, every other edit, the workloads' growth) costed
// against the same plan. Also times both baselines and the sensitivity.
// Run: node bench/tco.ts (target: a 10,000-workload v2 recompute ≤ 50 ms).
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { defaultCatalog, demoSettings, demoSites } from '../core/catalog/index.ts';
import { apiLines, cloudInstanceLines, discountFactors, edgeLines, linesPresentValue } from '../core/cost.ts';
import { assignmentOf, candidatesFor, type Candidate } from '../core/sizing.ts';
import { baselineComparisons } from '../core/tco/baselines.ts';
import { computeTco } from '../core/tco/engine.ts';
import { planFromAssignments } from '../core/tco/plan-builder.ts';
import { sensitivity } from '../core/tco/sensitivity.ts';
import { applyAssumptions, assumptionsOf } from '../core/tco/what-if.ts';
import {
  SettingsSchema,
  SiteSchema,
  WorkloadSchema,
  type Assignment,
  type PlanInput,
  type PlanResult,
} from '../core/types.ts';

const MODELS = ['llama-3.3-70b', 'llama-3.1-8b', 'gpt-oss-120b', 'deepseek-r1'];
const PLACEMENTS = ['any', 'onprem', 'cloud', 'any'] as const;
const TIERS = [['premium', 'commodity', 'edge'], ['commodity'], ['premium', 'commodity'], ['commodity', 'edge']] as const;

export function benchInput(n: number): PlanInput {
  const catalog = defaultCatalog();
  const models = new Set(catalog.models.map((m) => m.id));
  const use = MODELS.filter((m) => models.has(m));
  const workloads = Array.from({ length: n }, (_, i) =>
    WorkloadSchema.parse({
      name: `w${i}`,
      model: use[i % use.length] ?? catalog.models[0]!.id,
      avg_output_tps: ((i * 37) % 5000) + 0.25,
      peak_to_avg: 1 + (i % 5) / 4,
      input_per_output: (i % 7) + 0.5,
      response_tokens: 100 + (i % 400),
      max_latency_ms: i % 3 ? 5000 + (i % 30000) : null,
      monthly_growth_pct: (i % 9) / 2,
      placement: PLACEMENTS[i % 4],
      tiers: [...TIERS[i % 4]!],
      endpoints: i % 11 === 0 ? 10 : 0,
    }),
  );
  // sites large enough for any plan; the TCO does not check limits
  const sites = demoSites.map((s) => SiteSchema.parse({ ...s, it_power_kw: 1e7, racks: 1e5 }));
  return { catalog, workloads, sites, settings: SettingsSchema.parse({
    ...demoSettings, horizon_months: 36, purchase_interval_months: 12, discount_rate_pct: 5,
    hardware_price_change_pct_per_year: -15, cloud_price_change_pct_per_year: -10,
  }) };
}

export function benchPlan(input: PlanInput): PlanResult {
  const { settings } = input;
  const delta = discountFactors(settings);
  const assignments: Assignment[] = [];
  const unserved: PlanResult['unserved'] = [];
  let i = 0;
  for (const { workload: w, candidates } of candidatesFor(input)) {
    i++;
    const sys = candidates.find((c) => c.option.kind === 'system');
    let best: { c: Candidate; pv: number } | null = null;
    for (const c of candidates) {
      const o = c.option;
      let pv: number;
      if (o.kind === 'cloud_api') pv = linesPresentValue(apiLines(w, o, settings), delta);
      else if (o.kind === 'cloud_instance') pv = linesPresentValue(cloudInstanceLines(w, o, c.point, settings), delta);
      else if (o.kind === 'edge_device') pv = linesPresentValue(edgeLines(w, o, c.api, settings), delta);
      else continue;
      if (!best || pv < best.pv) best = { c, pv };
    }
    const later = sys && (i % 5 === 0 || !best) ? sys : best?.c;
    const first = best?.c ?? later;
    if (!first || !later) {
      for (const k of [0, 1, 2]) unserved.push({ workload: w.name, period: k, reason: 'no candidate' });
      continue;
    }
    for (const k of [0, 1, 2]) assignments.push(assignmentOf(w.name, k === 0 ? first : later, k));
  }
  return planFromAssignments(input, assignments, { unserved });
}

function timeIt(runs: number, fn: () => unknown): { first: number; median: number; min: number } {
  const t0 = performance.now();
  fn(); // the first call includes JIT warm-up
  const first = performance.now() - t0;
  for (let i = 0; i < 3; i++) fn();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t1 = performance.now();
    fn();
    t.push(performance.now() - t1);
  }
  t.sort((a, b) => a - b);
  return { first, median: t[Math.floor(t.length / 2)]!, min: t[0]! };
}

export async function main(): Promise<void> {
  // figures swing with machine load: the load average is printed so a reader can judge them
  console.log(`load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} on ${os.cpus().length} CPUs`);
  for (const n of [1000, 10000]) {
    const input = benchInput(n);
    const plan = benchPlan(input);
    const r = computeTco(input, plan);
    const tco = timeIt(n > 1000 ? 15 : 50, () => computeTco(input, plan));
    const data = JSON.parse(JSON.stringify({ input, plan })) as { input: PlanInput; plan: PlanResult };
    const at = assumptionsOf(data.input.settings);
    let edit = 0;
    const whatIf = timeIt(n > 1000 ? 15 : 50, () => {
      edit++;
      const a = { ...at, discount_rate_pct: at.discount_rate_pct + (edit % 7), growth_add_pp: edit % 2 ? 0 : 0.5 };
      return computeTco(applyAssumptions(data.input, a), data.plan);
    });
    const base = timeIt(3, () => baselineComparisons(input, plan, r));
    const sens = timeIt(3, () => sensitivity(input, plan));
    const kinds = new Map<string, number>();
    for (const a of plan.assignments) kinds.set(a.kind, (kinds.get(a.kind) ?? 0) + 1);
    console.log(
      `${n.toLocaleString('en-US')} workloads, ${plan.periods.length} periods (${[...kinds].map(([k, c]) => `${c} ${k}`).join(', ')} assignments; ${plan.purchases.length} purchases, ${plan.cloud.length} cloud rows, ${r.racks.reduce((a, x) => a + x.racks, 0)} racks), ${input.settings.horizon_months} months`,
    );
    console.log(`  computeTco          median ${tco.median.toFixed(2)} ms, min ${tco.min.toFixed(2)} ms, first call ${tco.first.toFixed(1)} ms${n >= 10000 ? ` (target ≤ 50 ms: ${tco.median <= 50 ? 'met' : 'MISSED'})` : ''}`);
    console.log(`  what-if (worker)    median ${whatIf.median.toFixed(2)} ms, min ${whatIf.min.toFixed(2)} ms, first call ${whatIf.first.toFixed(1)} ms`);
    console.log(`  both baselines      median ${base.median.toFixed(1)} ms`);
    console.log(`  sensitivity (18 cases) median ${sens.median.toFixed(1)} ms`);
    console.log(`  horizon cost $${Math.round(r.totals.horizon_cost_usd).toLocaleString('en-US')}, capacity ok: ${r.capacity_ok}`);
  }
}

if (import.meta.main) await main();
