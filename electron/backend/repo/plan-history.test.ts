// Plan history: a re-run that finds no plan never removes the last good one, which stays
// reachable with the inputs it was solved from.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PlanResult } from '../../../core/types.ts';
import { dispatcherFor } from '../api-handlers.ts';
import { Backend } from '../backend.ts';
import { latestCostablePlan } from '../handlers/plans.ts';
import { stubSeed, tempDir } from '../test-helpers.ts';
import { lastFeasiblePlan, planHistory, planInput, storePlan } from './plans.ts';

const result = (status: PlanResult['status'], objective: number | null) =>
  ({ status, objective_usd: objective, bound_usd: null, gap: null, solve_ms: 1, assignments: [], pools: [], unserved: [], sites: [], totals: { capex_usd: 0, horizon_cost_usd: objective ?? 0 }, reasons: status === 'infeasible' ? ['site power'] : undefined }) as unknown as PlanResult;

describe('plan history', () => {
  it('an infeasible re-run keeps the last feasible plan, with its inputs', async () => {
    const b = new Backend({ userDataDir: tempDir(), seed: stubSeed });
    await b.create(path.join(tempDir(), 'h.fleetplan'), { demo: true });
    const good = planInput(b.db);
    const goodId = storePlan(b.db, { input: good, result: result('optimal', 1234) });
    b.db.prepare(`UPDATE workloads SET avg_output_tps = avg_output_tps * 1000`).run();
    const badId = storePlan(b.db, { input: planInput(b.db), result: result('infeasible', null) });

    expect(planHistory(b.db).map((h) => [h.id, h.status, h.objectiveUsd, h.horizonCostUsd, h.stale])).toEqual([
      [badId, 'infeasible', null, null, false],
      [goodId, 'optimal', 1234, 1234, true],
    ]);
    // a search the user stopped is labelled as such in the history (it read "Time limit")
    const stoppedId = storePlan(b.db, { input: planInput(b.db), result: { ...result('time_limit', 99), stopped_by: 'user' } });
    expect(planHistory(b.db)[0]).toMatchObject({ id: stoppedId, status: 'time_limit', stoppedBy: 'user' });
    expect(planHistory(b.db)[1]!.stoppedBy).toBeNull();
    b.db.prepare('DELETE FROM plans WHERE id = ?').run(stoppedId);
    const kept = lastFeasiblePlan(b.db);
    expect(kept?.id).toBe(goodId);
    expect(kept?.input).toEqual(good);

    const dispatch = dispatcherFor(b);
    expect(await dispatch('plan-history', {})).toMatchObject({ ok: true, value: [{ id: badId }, { id: goodId }] });
    // the history's "show": one plan by id, with the inputs it was solved from
    expect(await dispatch('plan-get', { planId: goodId })).toMatchObject({ ok: true, value: { id: goodId, input: good, result: { status: 'optimal' } } });
    expect(await dispatch('plan-get', { planId: 99999 })).toMatchObject({ ok: true, value: null });
    const costable = await dispatch('plan-latest', { costable: true });
    expect(costable).toMatchObject({ ok: false, error: { code: 'infeasible', message: expect.stringMatching(/last feasible plan, solved \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} UTC, is kept in the plan history/) } });
    // the plan Results shows is the one exported: the kept one by id, said to be an earlier plan
    // (without an id the exports refused: "the latest plan of scenario Base is infeasible")
    const csv = latestCostablePlan(b.db, undefined, goodId);
    expect(csv.id).toBe(goodId);
    expect(() => latestCostablePlan(b.db, undefined, badId)).toThrow(`plan #${badId} of scenario Base is infeasible — no fleet to cost`);
    expect(() => latestCostablePlan(b.db, undefined, 99999)).toThrow('scenario Base has no stored plan #99999');
    await dispatch('scenario-new', { name: 'Other' });
    expect(() => latestCostablePlan(b.db, 'Other', goodId)).toThrow(`scenario Other has no stored plan #${goodId}`);
    await b.dispose();
  });
});
