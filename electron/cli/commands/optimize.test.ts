// fleetplan optimize / export-lp on a demo document: exit codes, the stored plan and its hash,
// the DESIGN 8 JSON, and the LP file re-solved by HiGHS giving the same optimum.
import fs from 'node:fs';
import path from 'node:path';
import loadHighs from 'highs';
import { describe, expect, it } from 'vitest';
import { checkPlan } from '../../../core/optimizer/check-plan.test-helper.ts';
import { noCandidateReason, noCandidateWhy } from '../../../core/optimizer/explain.ts';
import { makeInput, models, system } from '../../../core/optimizer/fixtures.test-helper.ts';
import { optimizeJson } from '../../../core/optimizer/plan-json.ts';
import { candidatesV2 } from '../../../core/sizing.ts';
import { isPlan, type PlanAnswer, type PlanResult } from '../../../core/types.ts';
import { createDocument, openDocument } from '../../backend/document.ts';
import { inputHash, latestPlan, planInput } from '../../backend/repo/plans.ts';
import { deleteWorkloads, listWorkloads } from '../../backend/repo/workloads.ts';
import { defaultSeed } from '../../backend/seed.ts';
import { tempDir } from '../../backend/test-helpers.ts';
import { runCli } from '../run-cli.test-helper.ts';
import { solvingWhat } from '../solve.ts';

const run = runCli;

describe('solvingWhat', () => {
  it('counts workloads and sites in the singular for one', () => {
    expect(solvingWhat({ jobId: 1, scenario: 'Base', scenarioId: 1, workloads: 1, sites: 1, timeLimitS: 30 })).toBe('1 workload, 1 site, time limit 30 s');
    expect(solvingWhat({ jobId: 1, scenario: 'Base', scenarioId: 1, workloads: 2, sites: 0, timeLimitS: 5 })).toBe('2 workloads, 0 sites, time limit 5 s');
  });
});

describe('optimizeJson', () => {
  it('says who stopped a time_limit search and what the limit check left unchecked, after the DESIGN 8 keys', () => {
    const plan: PlanResult = {
      status: 'time_limit', objective_usd: 100, bound_usd: 90, gap: 0.1, solve_ms: 1, periods: [], assignments: [], purchases: [], pools: [],
      cloud: [], edge: [], unserved: [], sites: [], totals: { capex_usd: 0, horizon_cost_usd: 100 }, binding: [],
      stopped_by: 'time_limit', binding_note: 'not checked (stopped by the user): the capex budget',
    };
    expect(optimizeJson(plan)).toMatchObject({ status: 'time_limit', stopped_by: 'time_limit', binding_note: 'not checked (stopped by the user): the capex budget' });
    expect(Object.keys(optimizeJson(plan)).slice(-2)).toEqual(['stopped_by', 'binding_note']);
    // an optimal plan has no stopper; a plan never checked, no note
    const optimal = optimizeJson({ ...plan, status: 'optimal', stopped_by: undefined, binding_note: undefined });
    expect('stopped_by' in optimal || 'binding_note' in optimal).toBe(false);
  });
});

describe('optimizeJson of a workload nothing can serve', () => {
  it('given the input, writes its reason in full (the app and the PDF show it short): unserved[].reason and reasons[] stay strings', () => {
    const options = Array.from({ length: 5 }, (_, i) => system(`s${i}`, { name: `Box ${i}` }, { m70: [{ user_tps: 30, unit_tps: 3000, ttft_ms: 300 }] }));
    const input = makeInput({ catalog: { models, options }, workloads: [{ name: 'w', model: 'm70', avg_output_tps: 10, placement: 'cloud' }], sites: [{ name: 'DC', it_power_kw: 100, racks: 4 }] });
    const [e] = candidatesV2(input);
    const short = noCandidateWhy(e!, input);
    expect(short).toBe('nothing can serve m70 — placement cloud excludes 5 options (Box 0, Box 1 and 3 more)');
    const plan: PlanAnswer = {
      status: 'infeasible', objective_usd: null, bound_usd: null, gap: null, solve_ms: 1, periods: [], assignments: [], purchases: [], pools: [],
      cloud: [], edge: [], unserved: [{ workload: 'w', period: 0, reason: short }], sites: [], totals: null, reasons: [noCandidateReason(e!, input), 'another reason'],
    };
    const full = 'nothing can serve m70 — placement cloud excludes Box 0, Box 1, Box 2, Box 3 and Box 4';
    const json = optimizeJson(plan, input);
    expect(json.unserved).toEqual([{ workload: 'w', period: 0, reason: full }]);
    expect(json.reasons).toEqual([`w: ${full}`, 'another reason']);
    // without the input, as it was
    expect(optimizeJson(plan).unserved[0]!.reason).toBe(short);
  });
});

describe('fleetplan optimize / export-lp', () => {
  it('solves the demo, stores the plan with its input hash, writes the JSON and an equivalent LP file', async () => {
    const dir = tempDir('fleetplan-opt-');
    const file = path.join(dir, 'p.fleetplan');
    (await createDocument(file, { demo: true, seed: defaultSeed })).db.close();
    const json = path.join(dir, 'plan.json');
    const r = await run('optimize', file, '--json', json, '--time-limit', '30');
    expect(r.err).not.toMatch(/internal error/);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^status: optimal/m);
    const plan = JSON.parse(fs.readFileSync(json, 'utf8')) as PlanResult;
    // the DESIGN 8 keys, in order (explanations may follow)
    expect(Object.keys(plan).slice(0, 14)).toEqual(['status', 'objective_usd', 'bound_usd', 'gap', 'solve_ms', 'periods', 'assignments', 'purchases', 'pools', 'cloud', 'edge', 'unserved', 'sites', 'totals']);
    const doc = openDocument(file);
    const input = planInput(doc.db);
    const stored = latestPlan(doc.db)!;
    doc.db.close();
    const result = latestPlanResult(file);
    expect(isPlan(result) && checkPlan(input, result)).toEqual([]);
    expect(stored.inputHash).toBe(inputHash(input));
    expect(stored.stale).toBe(false);
    expect(stored.result.objective_usd).toBe(plan.objective_usd);

    const lpFile = path.join(dir, 'model.lp');
    const e = await run('export-lp', file, lpFile);
    expect(e.code).toBe(0);
    const lpText = fs.readFileSync(lpFile, 'utf8');
    expect(lpText).toMatch(/^\\ Scenario: /m);
    expect(lpText).not.toMatch(/^ cut[nr]_/m);
    for (let si = 0; si < input.sites.length; si++) expect(lpText).toMatch(new RegExp(`^ power_${si}(_0)?:[^:]*<= ${input.sites[si]!.it_power_kw}$`, 'm'));
    const highs = await loadHighs();
    const res = highs.solve(fs.readFileSync(lpFile, 'utf8'), { output_flag: false, mip_rel_gap: 1e-9 } as never);
    expect(res.Status).toBe('Optimal');
    expect(Math.abs(res.ObjectiveValue - plan.objective_usd!)).toBeLessThanOrEqual(1e-4 * plan.objective_usd!);
  });

  it('exit 1 with the reason when infeasible, exit 2 on bad arguments', async () => {
    const dir = tempDir('fleetplan-opt-');
    const file = path.join(dir, 'p.fleetplan');
    (await createDocument(file, { demo: true, seed: defaultSeed })).db.close();
    expect((await run('set', file, 'capex_budget_usd=1000')).code).toBe(0);
    const r = await run('optimize', file);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/status: infeasible/);
    expect(r.out).toMatch(/capex budget/);
    expect((await run('optimize', file, '--time-limit', 'soon')).code).toBe(2);
    // typed numbers: hexadecimal is not a number (it read as 16 s), 1,500 is ambiguous
    expect((await run('optimize', file, '--time-limit', '0x10')).err).toMatch(/^fleetplan optimize: --time-limit: "0x10" is not a number of seconds above 0 and at most 86,400$/m);
    expect((await run('optimize', file, '--time-limit', '1,500')).err).toMatch(/--time-limit: "1,500" is ambiguous: .* type 1500 or 1\.5$/m);
    for (const n of ['0', '1.5', 'two', '17']) expect((await run('optimize', file, '--workers', n)).err).toMatch(/--workers: .* not a whole number of worker threads from 1 to 16/);
    // the worker count changes how the plan is searched for, never what the scenario's answer is
    const two = await run('optimize', file, '--workers', '2');
    expect(two.code).toBe(1);
    expect(two.out).toMatch(/status: infeasible/);
    expect(two.out).toMatch(/capex budget/);
    expect((await run('optimize', path.join(dir, 'missing.fleetplan'))).code).toBe(2);
    expect((await run('export-lp', file)).code).toBe(2);
  });

  it('a limit check past the time limit: "plan found (X s" and the status line\'s "(X s)" read one clock', async () => {
    const dir = tempDir('fleetplan-opt-');
    const file = path.join(dir, 'p.fleetplan');
    (await createDocument(file, { demo: true, seed: defaultSeed })).db.close();
    // a 0.1-s limit: the check (up to 2 s more) always runs past it, so the line is said; it read the
    // time the check was first seen ("plan found (0.2 s" above "status: time_limit … (0.1 s)")
    const r = await run('optimize', file, '--time-limit', '0.1');
    expect(r.code).toBe(0);
    const found = /^plan found \((\d+\.\d) s, time limit 0\.1 s\)/m.exec(r.err)?.[1];
    const status = /^status: .*\((\d+\.\d) s\)$/m.exec(r.out)?.[1];
    expect(found).toBeDefined();
    expect(found).toBe(status);
    expect(found).toBe((latestPlanResult(file).solve_ms / 1000).toFixed(1));
  });

  it('report --solve solves and stores a plan first; an infeasible one is exit 1 and no PDF', async () => {
    const dir = tempDir('fleetplan-opt-');
    const file = path.join(dir, 'p.fleetplan');
    (await createDocument(file, { demo: true, seed: defaultSeed })).db.close();
    expect((await run('set', file, 'capex_budget_usd=1000')).code).toBe(0);
    const pdf = path.join(dir, 'p.pdf');
    expect((await run('report', file, pdf, '--scenario', 'Nope')).err).toMatch(/--scenario: no scenario named "Nope"/);
    const r = await run('report', file, pdf, '--solve');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^solving scenario Base: \d+ workloads, \d+ sites, time limit \d+ s$/m);
    expect(r.err).toMatch(/^status: infeasible/m);
    expect(r.err).toMatch(/scenario Base has no plan \(infeasible\); no report written/);
    expect(fs.existsSync(pdf)).toBe(false);
    expect(latestPlanResult(file).status).toBe('infeasible'); // stored, as optimize stores it
  });

  it('an infeasible scenario: --json writes totals null beside objective_usd null, not a plan costing $0; the stored answer too', async () => {
    const dir = tempDir('fleetplan-opt-');
    const file = path.join(dir, 'p.fleetplan');
    (await createDocument(file, { demo: true, seed: defaultSeed })).db.close();
    expect((await run('set', file, 'capex_budget_usd=1', 'total_budget_usd=10', 'unserved_penalty_usd_per_month=')).code).toBe(0);
    const json = path.join(dir, 'o.json');
    const r = await run('optimize', file, '--json', json, '--time-limit', '10');
    expect(r.code).toBe(1);
    const doc = JSON.parse(fs.readFileSync(json, 'utf8')) as Record<string, unknown>;
    expect([doc.status, doc.objective_usd, doc.totals]).toEqual(['infeasible', null, null]);
    // still every DESIGN 8 key, in order
    expect(Object.keys(doc).slice(0, 14)).toEqual(['status', 'objective_usd', 'bound_usd', 'gap', 'solve_ms', 'periods', 'assignments', 'purchases', 'pools', 'cloud', 'edge', 'unserved', 'sites', 'totals']);
    // what plan-latest, plan-get and plan-view answer (the app, the HTTP API): the stored run without totals
    expect(latestPlanResult(file).totals).toBeNull();
    // the scenario list does not call that run a plan (it said "plan")
    expect((await run('scenario', file, 'list')).out).toMatch(/^\* Base\t.*\tinfeasible$/m);
  });

  it('--json into a missing folder is bad input naming the path, checked before solving', async () => {
    const dir = tempDir('fleetplan-opt-');
    const file = path.join(dir, 'p.fleetplan');
    (await createDocument(file, { demo: true, seed: defaultSeed })).db.close();
    const target = path.join(dir, 'nonexistent', 'dir', 'x.json');
    const r = await run('optimize', file, '--json', target);
    expect(r.code).toBe(2);
    expect(r.err).toContain(path.join(dir, 'nonexistent', 'dir'));
    expect(r.out).not.toMatch(/status:/);
    const doc = openDocument(file);
    expect(latestPlan(doc.db)).toBeFalsy(); // nothing was solved or stored
    doc.db.close();
    expect((await run('optimize', file, '--json', dir)).code).toBe(2); // a folder, not a file
  });

  it('a scenario without workloads (with or without sites) is refused with exit 2, as the app refuses it, and stores nothing', async () => {
    const dir = tempDir('fleetplan-opt-');
    const bare = path.join(dir, 'bare.fleetplan');
    (await createDocument(bare, { seed: defaultSeed })).db.close();
    const withSites = path.join(dir, 'sites.fleetplan');
    const doc = await createDocument(withSites, { demo: true, seed: defaultSeed });
    deleteWorkloads(doc.db, listWorkloads(doc.db).map((w) => w.name));
    doc.db.close();
    for (const file of [bare, withSites]) {
      const json = path.join(dir, 'empty.json');
      const r = await run('optimize', file, '--json', json);
      expect(r.err).not.toMatch(/internal error/);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/nothing to optimize: the document has no workloads \(scenario Base\); add or import at least one workload first/);
      expect(r.out).not.toMatch(/status:/);
      expect(fs.existsSync(json)).toBe(false);
      const after = openDocument(file);
      expect(latestPlan(after.db)).toBeFalsy(); // no "optimal $0" plan stored
      after.db.close();
    }
  });
});

function latestPlanResult(file: string): PlanAnswer {
  const doc = openDocument(file);
  try {
    return latestPlan(doc.db)!.result;
  } finally {
    doc.db.close();
  }
}
