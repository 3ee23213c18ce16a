// The report model's plan figures kept between exports: a model built from kept figures is the
// model built afresh, and a figure kept for one plan is never handed to another.
import path from 'node:path';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Backend } from './backend.ts';
import { latestCostablePlan } from './handlers/plans.ts';
import { computeReportModel, PlanFiguresCache, planFigures, type ReportModelJob } from './report-model.ts';
import { reportModelFor } from './report.ts';
import { cli, solvedDocument } from './report.test-helper.ts';
import { tempDir } from './test-helpers.ts';

describe('report model figures kept per plan', () => {
  let dir: string;
  let file: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    dir = tempDir('fleetplan-report-model-');
    file = path.join(dir, 'plan.fleetplan');
    env = { ...process.env, FLEETPLAN_USER_DATA: path.join(dir, 'user-data') };
    await solvedDocument(file, { env });
  }, 120_000);
  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a model built from kept figures equals the model built afresh', () => {
    const b = new Backend({ userDataDir: path.join(dir, 'user-data') });
    try {
      b.open(file);
      const stored = latestCostablePlan(b.db);
      const job: ReportModelJob = {
        input: stored.input,
        plan: stored.result,
        scenario: stored.scenario,
        fileName: 'plan.fleetplan',
        generatedAt: '2026-12-01T00:00:00.000Z',
        solvedAt: stored.solvedAt,
        stale: false,
        pageSize: 'A4',
      };
      const fresh = computeReportModel(job);
      const again = computeReportModel({ ...job, figures: planFigures(stored.input, stored.result) });
      expect(again.model).toEqual(fresh.model);
      // figures survive a structured clone (the worker posts them back)
      const cloned = computeReportModel({ ...job, figures: structuredClone(fresh.figures) });
      expect(cloned.model).toEqual(fresh.model);
    } finally {
      void b.dispose();
    }
  });

  it('reportModelFor reuses a plan’s figures, and a new solve gets its own', async () => {
    const b = new Backend({ userDataDir: path.join(dir, 'user-data') });
    try {
      b.open(file);
      const now = new Date('2026-12-01T00:00:00Z');
      const first = await reportModelFor(b, { now });
      expect(await reportModelFor(b, { now })).toEqual(first);
      // a re-solve of a changed input is a new plan: its figures are its own
      b.db.prepare('UPDATE workloads SET avg_output_tps = avg_output_tps * 3').run();
      expect((await cli(['optimize', file], env)).code).toBe(0);
      const after = await reportModelFor(b, { now });
      const stored = latestCostablePlan(b.db);
      const expected = computeReportModel({
        input: stored.input,
        plan: stored.result,
        scenario: stored.scenario,
        fileName: path.basename(file),
        generatedAt: now.toISOString(),
        solvedAt: stored.solvedAt,
        stale: stored.stale,
        pageSize: stored.input.settings.page_size,
      }).model;
      expect(after).toEqual(expected);
      expect(after.totals).not.toEqual(first.totals);
    } finally {
      await b.dispose();
    }
  }, 120_000);

  it('the cache answers only for the key it holds', () => {
    const cache = new PlanFiguresCache();
    const figures = { tco: {} as never, schedule: {} as never };
    const a = PlanFiguresCache.keyOf('/x/a.fleetplan', 1, '2026-01-01');
    cache.set(a, figures);
    expect(cache.get(a)).toBe(figures);
    expect(cache.get(PlanFiguresCache.keyOf('/x/b.fleetplan', 1, '2026-01-01'))).toBeUndefined();
    expect(cache.get(PlanFiguresCache.keyOf('/x/a.fleetplan', 2, '2026-01-01'))).toBeUndefined();
  });
});
