// fleetplan tco: exit 2 without a solved plan, the summary and the CSV/JSON files with one, and
// the JSON totals equal to the stored plan's horizon cost (the engine = the objective).
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { assignmentOf, candidatesFor, designTps } from '../../../core/sizing.ts';
import { coefficientObjective } from '../../../core/tco/test-scenarios.ts';
import { layoutRacks } from '../../../core/tco/racks.ts';
import type { Assignment, PlanInput, PlanResult, Pool } from '../../../core/types.ts';
import { createDocument } from '../../backend/document.ts';
import { planInput, storePlan } from '../../backend/repo/plans.ts';
import { defaultSeed } from '../../backend/seed.ts';
import { tempDir } from '../../backend/test-helpers.ts';
import { runCli } from '../run-cli.test-helper.ts';

const run = runCli;

/** A plan without the solver: each workload on its first candidate, pools ⌈Σ c_w⌉. */
function firstCandidatePlan(input: PlanInput): PlanResult {
  const H = input.settings.horizon_months;
  const assignments: Assignment[] = [];
  const unserved: PlanResult['unserved'] = [];
  const need = new Map<string, Pool & { c: number }>();
  for (const { workload: w, candidates } of candidatesFor(input)) {
    const c = candidates.find((x) => x.option.kind === 'system') ?? candidates[0];
    // no single-model candidate in the start month (hardware available later, or a workload listing a|b): left unserved
    if (!c) {
      unserved.push({ workload: w.name, period: 0, reason: 'no single-model candidate in the start month' });
      continue;
    }
    assignments.push(assignmentOf(w.name, c));
    if (c.option.kind !== 'system') continue;
    const key = `${c.site!.name}|${c.option.id}|${w.model}`;
    const x = need.get(key) ?? { period: 0, site: c.site!.name, option: c.option.id, model: w.model, units: 0, c: 0 };
    x.c += designTps(w, H) / (input.settings.max_utilization * c.point.unit_tps!);
    need.set(key, x);
  }
  const pools = [...need.values()].map(({ c, ...p }) => ({ ...p, units: Math.ceil(c - 1e-9) }));
  const plan: PlanResult = {
    status: 'optimal', objective_usd: null, bound_usd: null, gap: 0, solve_ms: 1,
    periods: [{ period: 0, start_month: 0, months: H }],
    assignments, purchases: pools.map((p) => ({ ...p, replicas: p.units })), pools, cloud: [],
    // edge devices are bought at month 0 for the workloads placed on them
    edge: assignments.filter((a) => a.kind === 'edge_device').map((a) => ({ workload: a.workload, option: a.option, period: 0, devices: input.workloads.find((w) => w.name === a.workload)!.endpoints })), unserved, sites: layoutRacks(input, pools), totals: { capex_usd: 0, horizon_cost_usd: 0 },
  };
  plan.totals.horizon_cost_usd = plan.objective_usd = coefficientObjective(input, plan);
  return plan;
}

describe('fleetplan tco', () => {
  it('exits 2 (optimize first) without a plan, then prints and writes the TCO of the stored plan', async () => {
    const dir = tempDir('fleetplan-tco-');
    const file = path.join(dir, 'p.fleetplan');
    const doc = await createDocument(file, { demo: true, seed: defaultSeed });
    const none = await run('tco', file);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/no solved plan for scenario Base — run fleetplan optimize first/);

    const input = planInput(doc.db);
    const plan = firstCandidatePlan(input);
    storePlan(doc.db, { input, result: plan });
    doc.db.close();

    const csv = path.join(dir, 'tco.csv');
    const json = path.join(dir, 'tco.json');
    const wide = path.join(dir, 'tco-wide.csv');
    const r = await run('tco', file, '--csv', csv, '--json', json, '--wide-csv', wide);
    expect(r.err).not.toMatch(/internal error/);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/horizon cost\s+\$[\d,]+/);
    expect(r.out).toMatch(/vs All on token APIs: /);
    expect(r.out).toMatch(/vs One system type/);
    const j = JSON.parse(fs.readFileSync(json, 'utf8'));
    expect(j.totals.horizon_cost_usd).toBeCloseTo(plan.totals.horizon_cost_usd, 4);
    expect(j.months).toHaveLength(input.settings.horizon_months);
    expect(j.months[0].lines).toHaveProperty('system_capex');
    expect(j.baselines).toHaveLength(2);
    const parsed = Papa.parse<Record<string, string>>(fs.readFileSync(csv, 'utf8'), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data.find((x) => x.section === 'total' && x.line === 'capex_usd')!.usd).toBe(j.totals.capex_usd.toFixed(2));
    const w = Papa.parse<Record<string, string>>(fs.readFileSync(wide, 'utf8'), { header: true, skipEmptyLines: true });
    expect(w.meta.fields).toEqual(['line', 'line_label', ...j.months.map((m: { label: string }) => m.label), 'horizon_total']);
    expect(Number(w.data.find((x) => x.line === 'total')!.horizon_total)).toBeCloseTo(j.totals.undiscounted_usd, 2);
  });

  it('bad arguments are exit 2', async () => {
    expect((await run('tco')).code).toBe(2);
    expect((await run('tco', 'a', 'b')).code).toBe(2);
    expect((await run('tco', path.join(tempDir(), 'missing.fleetplan'))).code).toBe(2);
    const r = await run('tco', 'x.fleetplan', '--csv', '/nonexistent-dir/out.csv');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/does not exist/);
  });
});
