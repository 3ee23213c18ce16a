// The guided neighbourhood (lns.ts): a model's workloads the incumbent and the guide assign
// otherwise, with the pools those assignments use, their users, and the unserved pairs that may
// take what they free (guidedAround).
import loadHighs, { type Highs } from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, makeInput, models, system } from '../fixtures.test-helper.ts';
import { columnsOfV2, meetsModel, normalise, objectiveOfV2, type SolutionV2 } from './extract.ts';
import { GUIDE_OF, guidedAround, improveV2 } from './lns.ts';
import { buildModelV2, type ModelV2 } from './model.ts';

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

const unitPoint = (unit_tps: number) => [{ user_tps: 10, unit_tps, ttft_ms: 0 }];

/**
 * One site that holds one replica of S (the capex budget buys one), two m70 workloads that may
 * also use the API (a, b) and one that may not (u): S carries two of the three.
 */
function oneReplica() {
  const input = makeInput({
    catalog: { models, options: [
      system('S', { price_usd: 200_000 }, { m70: unitPoint(1000) }),
      api('A', { usd_per_m_output: 6, usd_per_m_input: 1 }, { m70: [{ user_tps: 40, ttft_ms: 300 }] }),
    ] },
    workloads: [
      { name: 'a', model: 'm70', avg_output_tps: 300 },
      { name: 'b', model: 'm70', avg_output_tps: 300 },
      { name: 'u', model: 'm70', avg_output_tps: 300, placement: 'onprem' },
    ],
    sites: [{ name: 'F', it_power_kw: 30, racks: 4 }],
    settings: { unserved_penalty_usd_per_month: 200_000, capex_budget_usd: 200_000 },
  });
  return buildModelV2(input);
}

/** The plan with each workload on `on` ('S': the pool, 'A': the API, null: unserved). */
function plan(m: ModelV2, on: ('S' | 'A' | null)[]): SolutionV2 {
  const chosen = on.map((o, w) => [o == null ? null : m.byWk[w]![0]!.find((xi) => (o === 'S') === (m.xs[xi]!.pool != null))!]);
  return normalise(m, { chosen, q: m.pools.map((p) => p.q.map(() => 0)), e: m.edges.map((ed) => ed.e.map(() => 0)) });
}

const price = (m: ModelV2, s: SolutionV2) => objectiveOfV2(m, columnsOfV2(m, s));

describe('the guided neighbourhood', () => {
  it('frees the pools the differing workloads use, their users and the unserved pairs that may take them, so a guide that differs on one workload serves another', () => {
    const m = oneReplica();
    // the scenario as meant: S holds two of the three, and serving u beats keeping b off the API
    expect(m.pools.length).toBe(1);
    const inc = plan(m, ['S', 'S', null]);
    const better = plan(m, ['S', 'A', 'S']);
    expect(meetsModel(m, inc)).toBe(true);
    expect(meetsModel(m, better)).toBe(true);
    expect(meetsModel(m, plan(m, ['S', 'S', 'S']))).toBe(false);
    expect(price(m, better)).toBeLessThan(price(m, inc));
    // the guide differs from the incumbent on a alone (a on the API: dearer on its own)
    const guide = plan(m, ['A', 'S', null]);
    expect(price(m, guide)).toBeGreaterThan(price(m, inc));
    expect(guidedAround(m, inc, guide, [0], 10).sort()).toEqual([0, 1, 2]);
    // one guided round (no LP: it comes first), the incumbent taken as polished
    GUIDE_OF.set(m, guide);
    const kinds: string[] = [];
    const out = improveV2(highs, m, inc, { deadline: performance.now() + 60_000, seed: 1, maxRounds: 1, polished: true, onRound: (r) => kinds.push(r.kind) });
    expect(kinds).toEqual(['guided']);
    expect(out.chosen[2]![0]).not.toBeNull();
    expect(price(m, out)).toBeCloseTo(price(m, better), 0);
  });

  it('adds whole pools only, within the size, the unserved pairs first', () => {
    const m = oneReplica();
    const inc = plan(m, ['S', 'S', null]);
    const guide = plan(m, ['A', 'S', null]);
    // room for a and u, not for the pool's other user: the pool is left out
    expect(guidedAround(m, inc, guide, [0], 2).sort()).toEqual([0, 2]);
    // a workload that differs between the API and unserved touches no pool: nothing is added
    expect(guidedAround(m, plan(m, ['S', 'A', null]), plan(m, ['S', null, null]), [1], 10)).toEqual([1]);
  });
});
