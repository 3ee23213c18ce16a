// The re-optimised tornado keeps a driver whose case has no plan (infeasible, none found in time),
// saying so on its row; it leaves out only drivers whose cases were cancelled or failed, and names them.
import { describe, expect, it } from 'vitest';
import type { SensitivityReoptCase, SensitivityReoptProgress } from '../../../core/api.ts';
import { DRIVERS } from '../../../core/tco/sensitivity.ts';
import { reoptBaseText, reoptCell, reoptGapText, reoptServiceOf, reoptTornado } from './reopt-rows.ts';

type Patch = Partial<SensitivityReoptCase>;

function run(patches: Record<string, Patch> = {}, state: SensitivityReoptProgress['state'] = 'done'): SensitivityReoptProgress {
  const one = (driver: string, direction: SensitivityReoptCase['direction'], cost: number): SensitivityReoptCase => ({
    driver,
    direction,
    factor: direction === 'low' ? 0.8 : direction === 'high' ? 1.2 : 1,
    state: 'done',
    status: 'optimal',
    horizonCostUsd: cost,
    gap: 0,
    unservedWorkloads: 0,
    penaltyUsd: 0,
    message: 'done',
    ...patches[`${driver}:${direction}`],
  });
  const cases = [one('base', 'base', 1000), ...DRIVERS.flatMap((d, i) => [one(d, 'low', 1000 - 10 * (i + 1)), one(d, 'high', 1000 + 10 * (i + 1))])];
  return { jobId: 1, state, pct: 20, done: cases.length, total: cases.length, cases, inputsChanged: false, settings: { discount_rate_pct: 8, residual_value: true } };
}

const noPlan = (status: 'infeasible' | 'no_plan'): Patch => ({ status, horizonCostUsd: null, gap: null, unservedWorkloads: null, penaltyUsd: null });

describe('reoptBaseText', () => {
  it('names the rate the run solved with, whatever the scenario holds now', () => {
    expect(reoptBaseText(run())).toBe('base $1,000, the horizon cost discounted at 8% a year, net of any residual credit');
    expect(reoptBaseText({ ...run(), settings: null })).toBe('base $1,000');
  });
  it('says the base is net of the residual credit only beside one: the backend gives the base plan\'s credit', () => {
    expect(reoptBaseText(run({ 'base:base': { residualCreditUsd: 250 } }))).toBe('base $1,000, the horizon cost discounted at 8% a year, net of the residual credit');
    // an all-API base, the credit on: nothing is credited, and the words say nothing of a credit
    expect(reoptBaseText(run({ 'base:base': { residualCreditUsd: 0 } }))).toBe('base $1,000, the horizon cost discounted at 8% a year');
    expect(reoptBaseText({ ...run({ 'base:base': { residualCreditUsd: 0 } }), settings: { discount_rate_pct: 8, residual_value: false } })).toBe('base $1,000, the horizon cost discounted at 8% a year, no residual credit');
  });
});

describe('reoptTornado', () => {
  it('draws every driver when every case has a figure', () => {
    const t = reoptTornado(run())!;
    expect(t.data.rows).toHaveLength(DRIVERS.length);
    expect(t.left).toEqual([]);
  });

  it('keeps a driver whose case is infeasible, with no bar on that side and the reason on its row', () => {
    const t = reoptTornado(run({ 'hardware:high': noPlan('infeasible'), 'utilization:low': noPlan('infeasible'), 'growth:high': noPlan('no_plan') }))!;
    expect(t.data.rows).toHaveLength(DRIVERS.length);
    const hw = t.data.rows.find((r) => r.label.startsWith('Hardware prices'))!;
    expect(hw).toMatchObject({ label: 'Hardware prices — infeasible at +20%', high: null, highMissing: 'infeasible', low: 1000 - 20 });
    expect(t.data.rows.find((r) => r.label.startsWith('Utilisation'))).toMatchObject({ label: 'Utilisation — infeasible at −20%', low: null, lowMissing: 'infeasible' });
    expect(t.data.rows.find((r) => r.label.startsWith('Demand growth'))?.label).toBe('Demand growth — no plan within the time limit at +20%');
    expect(reoptCell(run({ 'growth:high': noPlan('no_plan') }).cases.find((c) => c.driver === 'growth' && c.direction === 'high'))).toBe('no plan within the time limit');
  });

  it('marks a figure not proven within 1 % and names the drivers a cancel left unsolved', () => {
    const cancelled: Patch = { state: 'cancelled', status: null, horizonCostUsd: null, gap: null };
    const t = reoptTornado(run({ 'electricity:low': { status: 'time_limit', gap: 0.05 }, 'pue:low': cancelled, 'pue:high': cancelled }, 'cancelled'))!;
    expect(t.data.rows.find((r) => r.label.startsWith('Electricity'))?.label).toBe('Electricity price ◷');
    expect(t.data.rows.some((r) => r.label.startsWith('PUE'))).toBe(false);
    expect(t.left).toEqual(['PUE']);
  });

  it('a case cancelled with or without a plan in hand is not an answer: left out, named, its cell says cancelled', () => {
    const withPlan: Patch = { state: 'cancelled', status: 'time_limit', horizonCostUsd: 1030, gap: 0.04 };
    const without: Patch = { state: 'cancelled', status: 'no_plan', horizonCostUsd: null, gap: null };
    const r = run({ 'electricity:high': withPlan, 'pue:low': without }, 'cancelled');
    const t = reoptTornado(r)!;
    expect(t.data.rows.some((x) => x.label.startsWith('Electricity') || x.label.startsWith('PUE'))).toBe(false);
    expect(t.left).toEqual(['Electricity price', 'PUE']);
    expect(reoptCell(r.cases.find((c) => c.driver === 'electricity' && c.direction === 'high'))).toBe('cancelled');
    expect(reoptCell(r.cases.find((c) => c.driver === 'pue' && c.direction === 'low'))).toBe('cancelled');
    // a cancelled base draws nothing: its figure is not the base's answer
    expect(reoptTornado(run({ 'base:base': withPlan }, 'cancelled'))).toBeNull();
    // nor is it compared on service: a cancelled case's plan leaving workloads unserved is no answer
    const short = run({ 'electricity:high': { ...withPlan, unservedWorkloads: 2, penaltyUsd: 50 } }, 'cancelled');
    const base = short.cases.find((c) => c.direction === 'base');
    expect(reoptServiceOf(short.cases.find((c) => c.driver === 'electricity' && c.direction === 'high')!, base)).toBeNull();
    expect(reoptServiceOf({ ...short.cases.find((c) => c.driver === 'pue' && c.direction === 'low')!, unservedWorkloads: 2, penaltyUsd: 50 }, { ...base!, state: 'cancelled' })).toBeNull();
  });

  it('draws nothing while the run is solving or when the base has no figure', () => {
    expect(reoptTornado(run({}, 'running'))).toBeNull();
    expect(reoptTornado(run({ 'base:base': noPlan('no_plan') }))).toBeNull();
  });
});

describe('reoptGapText', () => {
  it('rounds the gap up, so an unproven figure never reads a gap of 1 % or less', () => {
    expect(reoptGapText(0.0104)).toBe('gap 1.1%');
    expect(reoptGapText(0.0111)).toBe('gap 1.2%');
    expect(reoptGapText(0.012)).toBe('gap 1.2%');
    expect(reoptGapText(0.996)).toBe('gap 99.6%');
    expect(reoptGapText(null)).toBe('no bound');
  });
});
