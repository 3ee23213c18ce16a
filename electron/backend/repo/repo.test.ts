import { createHash } from 'node:crypto';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { FleetError } from '../../../core/api.ts';
import { SettingsSchema, SiteSchema, WorkloadSchema, type CatalogOption, type PlanInput, type PlanResult } from '../../../core/types.ts';
import { createDocument, type OpenDoc } from '../document.ts';
import { stubCatalog, stubSeed, tempDir } from '../test-helpers.ts';
import { deleteOptions, getCatalog, getOption, importCatalog, listModels, upsertModel, upsertOption } from './catalog.ts';
import { inputHash, latestPlan, planHistory, planInput, planSolvedInput, stableStringify, staleAgainst, storePlan } from './plans.ts';
import {
  createScenario,
  deleteScenario,
  findScenario,
  getScenario,
  getSettings,
  listScenarios,
  renameScenario,
  setSettings,
  useScenario,
} from './scenarios.ts';
import { deleteSites, insertSites, listSites, upsertSite } from './sites.ts';
import { setSlowQueryClock, setSlowQueryLogger } from './timing.ts';
import { deleteWorkloads, insertWorkloads, listWorkloads, upsertWorkload } from './workloads.ts';

let doc: OpenDoc;
beforeEach(async () => {
  doc = await createDocument(path.join(tempDir(), 'r.fleetplan'), { seed: stubSeed });
});

const result = (status: PlanResult['status'] = 'optimal'): PlanResult => ({
  status,
  objective_usd: 1,
  bound_usd: 1,
  gap: 0,
  solve_ms: 3,
  periods: [],
  assignments: [],
  purchases: [],
  pools: [],
  cloud: [],
  edge: [],
  unserved: [],
  sites: [],
  totals: { capex_usd: 0, horizon_cost_usd: 1 },
});

describe('catalog repository', () => {
  it('round-trips an option of each kind with points and field sources', () => {
    const cat = getCatalog(doc.db);
    expect(cat.models).toEqual(stubCatalog.models);
    for (const o of stubCatalog.options) {
      expect(getOption(doc.db, o.id)).toEqual(o);
    }
    expect(cat.options.map((o) => o.id)).toEqual(stubCatalog.options.map((o) => o.id));
  });

  it('replaces points on update, renames with originalId (points follow), deletes with cascade', () => {
    const h100 = stubCatalog.options[0] as CatalogOption & { kind: 'system' };
    upsertOption(doc.db, { ...h100, price_usd: 1, performance: [{ model: 'mixtral-8x7b', units_per_replica: 1, points: [{ user_tps: 10, unit_tps: 100, ttft_ms: 1 }] }] });
    expect(getOption(doc.db, 'hgx-h100')).toMatchObject({ price_usd: 1, performance: [{ model: 'mixtral-8x7b' }] });
    upsertOption(doc.db, { ...h100, id: 'hgx-h100-b', price_usd: 2 }, 'hgx-h100');
    expect(getOption(doc.db, 'hgx-h100')).toBeUndefined();
    expect(getOption(doc.db, 'hgx-h100-b')?.performance).toEqual(h100.performance);
    expect(() => upsertOption(doc.db, { ...h100, id: 'gpu-cloud' }, 'hgx-h100-b')).toThrow(FleetError);
    expect(deleteOptions(doc.db, ['hgx-h100-b', 'nope'])).toBe(1);
    expect(doc.db.prepare('SELECT count(*) AS n FROM operating_points WHERE option_id = ?').get('hgx-h100-b')).toEqual({ n: 0 });
    expect(doc.db.prepare('SELECT count(*) AS n FROM field_sources').get()).toEqual({ n: 0 });
  });

  it('rejects an invalid option before touching the document', () => {
    expect(() => upsertOption(doc.db, { ...stubCatalog.options[1]!, usd_per_hour: -1 } as CatalogOption)).toThrow();
    expect(getOption(doc.db, 'gpu-cloud')).toEqual(stubCatalog.options[1]);
  });

  it('imports a catalog: adds or replaces by id, upserts models', () => {
    upsertModel(doc.db, { id: 'tiny', params_b: 1, active_params_b: 1 });
    importCatalog(doc.db, {
      models: [{ id: 'tiny', params_b: 2, active_params_b: 2 }],
      options: [{ ...stubCatalog.options[2]!, name: 'Renamed API' } as CatalogOption],
    });
    expect(listModels(doc.db).find((m) => m.id === 'tiny')?.params_b).toBe(2);
    expect(getOption(doc.db, 'fast-api')?.name).toBe('Renamed API');
    expect(getCatalog(doc.db).options).toHaveLength(stubCatalog.options.length);
  });
});

describe('workload and site repositories', () => {
  it('stores a workload with defaults applied and tiers in canonical order', () => {
    const w = upsertWorkload(doc.db, { name: 'chat', model: 'llama-3.3-70b', avg_output_tps: 50, tiers: ['edge', 'premium'] });
    expect(listWorkloads(doc.db)).toEqual([{ ...WorkloadSchema.parse({ name: 'chat', model: 'llama-3.3-70b', avg_output_tps: 50 }), tiers: ['premium', 'edge'] }]);
    expect(w.peak_to_avg).toBe(1.5);
    expect(doc.db.prepare('SELECT tiers FROM workloads').get()).toEqual({ tiers: 'premium;edge' });
    upsertWorkload(doc.db, { ...w, name: 'chat-2', max_latency_ms: 900 }, 'chat');
    expect(listWorkloads(doc.db).map((x) => [x.name, x.max_latency_ms])).toEqual([['chat-2', 900]]);
    expect(deleteWorkloads(doc.db, ['chat-2'])[0]?.name).toBe('chat-2');
    expect(listWorkloads(doc.db)).toEqual([]);
  });

  it('bulk-inserts 10,000 workloads in one transaction, all or nothing on duplicates', () => {
    const many = Array.from({ length: 10_000 }, (_, i) =>
      WorkloadSchema.parse({ name: `w${i}`, model: 'llama-3.3-70b', avg_output_tps: 1 + i, endpoints: i % 3 }),
    );
    expect(insertWorkloads(doc.db, many)).toEqual({ inserted: 10_000, updated: 0, skipped: 0, insertedNames: many.map((w) => w.name), before: [] });
    expect(listWorkloads(doc.db)).toHaveLength(10_000);
    const dup = [WorkloadSchema.parse({ name: 'new', model: 'm', avg_output_tps: 1 }), many[5]!];
    expect(() => insertWorkloads(doc.db, dup)).toThrow(/"w5" already exists/);
    expect(listWorkloads(doc.db)).toHaveLength(10_000); // nothing of the failed batch
    expect(insertWorkloads(doc.db, dup, 'skip')).toEqual({ inserted: 1, updated: 0, skipped: 1, insertedNames: ['new'], before: [] });
    expect(insertWorkloads(doc.db, [{ ...many[5]!, avg_output_tps: 999 }], 'update')).toEqual({ inserted: 0, updated: 1, skipped: 0, insertedNames: [], before: [] });
    expect(listWorkloads(doc.db).find((w) => w.name === 'w5')?.avg_output_tps).toBe(999);
  });

  it('an update that keeps its before-rows reads each updated row as it was, in the look-up that found it', () => {
    const w = (name: string, avg_output_tps: number) => WorkloadSchema.parse({ name, model: 'llama-3.3-70b', avg_output_tps, tiers: ['edge'] });
    insertWorkloads(doc.db, [w('a', 1), w('b', 2)]);
    // only avg_output_tps from the file: the before-rows are whole rows, tiers included
    const r = insertWorkloads(doc.db, [{ ...w('b', 20), tiers: ['premium'] }, w('c', 3), w('a', 10)], 'update', { columns: ['name', 'avg_output_tps'], keepBefore: true });
    expect(r).toEqual({ inserted: 1, updated: 2, skipped: 0, insertedNames: ['c'], before: [w('b', 2), w('a', 1)] });
    expect(listWorkloads(doc.db)).toEqual([w('a', 10), w('b', 20), w('c', 3)]);
    // skipped rows are neither added nor kept
    expect(insertWorkloads(doc.db, [w('a', 5), w('d', 4)], 'skip', { keepBefore: true })).toMatchObject({ skipped: 1, insertedNames: ['d'], before: [] });

    const s = SiteSchema.parse({ name: 'dc', it_power_kw: 100, racks: 4, liquid_cooling: true });
    insertSites(doc.db, [s]);
    expect(insertSites(doc.db, [{ ...s, racks: 8 }, { ...s, name: 'dc-2' }], 'update', { keepBefore: true })).toEqual({ inserted: 1, updated: 1, skipped: 0, insertedNames: ['dc-2'], before: [s] });
    expect(listSites(doc.db).map((x) => [x.name, x.racks])).toEqual([['dc', 8], ['dc-2', 4]]);
  });

  it('round-trips sites with defaults and booleans', () => {
    const s = upsertSite(doc.db, { name: 'dc', it_power_kw: 100, racks: 4, liquid_cooling: true });
    expect(s).toMatchObject({ rack_units: 42, rack_kw: 15, pue: 1.4, usd_per_kwh: 0.1, liquid_cooling: true });
    insertSites(doc.db, [{ ...s, name: 'dc-2', liquid_cooling: false }]);
    expect(listSites(doc.db)).toEqual([s, { ...s, name: 'dc-2', liquid_cooling: false }]);
    expect(deleteSites(doc.db, ['dc'])).toEqual([s]);
    expect(listSites(doc.db).map((x) => x.name)).toEqual(['dc-2']);
  });
});

describe('scenarios and settings', () => {
  it('a new document has one active Base scenario with default settings pinned', () => {
    const list = listScenarios(doc.db);
    expect(list.map((s) => [s.name, s.active])).toEqual([['Base', true]]);
    const stored = JSON.parse((doc.db.prepare('SELECT settings FROM scenarios').get() as { settings: string }).settings);
    expect(stored).toEqual(SettingsSchema.parse({ start_month: stored.start_month }));
    expect(stored.start_month).toMatch(/^\d{4}-\d\d$/);
  });

  it('sets and clears settings, validating the merged result', () => {
    expect(setSettings(doc.db, { capex_budget_usd: 1e6, horizon_months: 12 })).toMatchObject({ capex_budget_usd: 1e6, horizon_months: 12 });
    expect(setSettings(doc.db, { capex_budget_usd: null }).capex_budget_usd).toBeNull();
    expect(() => setSettings(doc.db, { horizon_months: 40 })).toThrow(/horizon_months/);
    expect(getSettings(doc.db).horizon_months).toBe(12);
  });

  it('new --from copies settings; use switches the active one; delete keeps one', () => {
    setSettings(doc.db, { max_utilization: 0.7, page_size: 'Letter' });
    const s = createScenario(doc.db, 'Lean', { from: 'Base' });
    expect(s.settings).toEqual(getSettings(doc.db, 'Base'));
    expect(createScenario(doc.db, 'Fresh').settings.max_utilization).toBe(1);
    expect(() => createScenario(doc.db, 'Lean')).toThrow(/already exists/);
    expect(() => createScenario(doc.db, 'X', { from: 'Nope' })).toThrow(/no scenario named "Nope"/);
    useScenario(doc.db, 'Lean');
    expect(getScenario(doc.db).name).toBe('Lean');
    expect(listScenarios(doc.db).filter((x) => x.active).map((x) => x.name)).toEqual(['Lean']);
    deleteScenario(doc.db, 'Lean');
    expect(getScenario(doc.db).name).toBe('Base');
    deleteScenario(doc.db, 'Fresh');
    expect(() => deleteScenario(doc.db, 'Base')).toThrow(/only scenario/);
  });

  it('rename keeps the settings, the active flag and the plans; refuses a taken name', () => {
    createScenario(doc.db, 'Lean', { settings: { max_utilization: 0.7 } });
    useScenario(doc.db, 'Lean');
    storePlan(doc.db, { scenario: 'Lean', input: planInput(doc.db, 'Lean'), result: result() });
    expect(() => renameScenario(doc.db, 'Lean', 'Base')).toThrow(/a scenario named "Base" already exists/);
    expect(() => renameScenario(doc.db, 'Nope', 'X')).toThrow(/no scenario named "Nope"/);
    const r = renameScenario(doc.db, 'Lean', '  Lean 2027 ');
    expect(r).toMatchObject({ name: 'Lean 2027', active: true, settings: { max_utilization: 0.7 } });
    expect(listScenarios(doc.db).map((x) => x.name)).toEqual(['Base', 'Lean 2027']);
    expect(getScenario(doc.db).name).toBe('Lean 2027');
    expect(latestPlan(doc.db, 'Lean 2027')).toMatchObject({ scenario: 'Lean 2027' });
    expect(findScenario(doc.db, 'Lean')).toBeUndefined();
  });
});

describe('plans', () => {
  it('hashes inputs stably regardless of key order', () => {
    expect(stableStringify({ b: 1, a: [{ y: 2, x: undefined, z: null }] })).toBe('{"a":[{"y":2,"z":null}],"b":1}');
    const input = planInput(doc.db);
    const reordered: PlanInput = { sites: input.sites, settings: input.settings, workloads: input.workloads, catalog: input.catalog };
    expect(inputHash(reordered)).toBe(inputHash(input));
    expect(inputHash(input)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('stores a plan with its input hash and becomes stale when inputs change', () => {
    expect(latestPlan(doc.db)).toBeNull();
    const input = planInput(doc.db);
    const id = storePlan(doc.db, { input, result: result() });
    expect(latestPlan(doc.db)).toMatchObject({ id, scenario: 'Base', stale: false, inputHash: inputHash(input), result: result() });
    expect(planSolvedInput(doc.db, id)).toEqual(input);
    upsertWorkload(doc.db, { name: 'new', model: 'llama-3.3-70b', avg_output_tps: 1 });
    expect(latestPlan(doc.db)?.stale).toBe(true);
    deleteWorkloads(doc.db, ['new']);
    expect(latestPlan(doc.db)?.stale).toBe(false);
    setSettings(doc.db, { time_limit_s: 5 });
    expect(latestPlan(doc.db)?.stale).toBe(true);
  });

  it('the page size is not an input of a plan; a plan stored with the hash of every setting (earlier releases) stays fresh', () => {
    const input = planInput(doc.db);
    storePlan(doc.db, { input, result: result() });
    setSettings(doc.db, { page_size: 'Letter' });
    expect(latestPlan(doc.db)?.stale).toBe(false);
    expect(planHistory(doc.db).map((p) => p.stale)).toEqual([false]);
    // the hash releases before this one stored: sha256 of every setting, page size included
    const legacy = createHash('sha256').update(stableStringify(planInput(doc.db))).digest('hex');
    expect(legacy).not.toBe(inputHash(planInput(doc.db)));
    storePlan(doc.db, { input: planInput(doc.db), result: result(), hash: legacy });
    expect(latestPlan(doc.db)?.stale).toBe(false);
    expect(staleAgainst(planInput(doc.db))(legacy)).toBe(false);
    // a page size set since then changes no plan either (it made the legacy plan stale)
    setSettings(doc.db, { page_size: 'A4' });
    expect(latestPlan(doc.db)?.stale).toBe(false);
    setSettings(doc.db, { horizon_months: 24 });
    expect(latestPlan(doc.db)?.stale).toBe(true);
    expect(planHistory(doc.db).map((p) => p.stale)).toEqual([true, true]);
  });

  it('deleting a scenario deletes its plans', () => {
    createScenario(doc.db, 'B');
    storePlan(doc.db, { scenario: 'B', input: planInput(doc.db, 'B'), result: result('infeasible') });
    expect(latestPlan(doc.db, 'B')?.result.status).toBe('infeasible');
    deleteScenario(doc.db, 'B');
    expect(doc.db.prepare('SELECT count(*) AS n FROM plans').get()).toEqual({ n: 0 });
  });

  it('a plan id is never reused: one stored after the newest plan\'s scenario was deleted does not take its id', () => {
    // the TCO view showed the deleted plan's figures for the new one ("the same plan", updating)
    createScenario(doc.db, 'B');
    const first = storePlan(doc.db, { scenario: 'Base', input: planInput(doc.db, 'Base'), result: result() });
    const newest = storePlan(doc.db, { scenario: 'B', input: planInput(doc.db, 'B'), result: result('infeasible') });
    deleteScenario(doc.db, 'B');
    const next = storePlan(doc.db, { scenario: 'Base', input: planInput(doc.db, 'Base'), result: result('infeasible') });
    expect(next).toBeGreaterThan(newest);
    // the id storePlan reports is the row's
    expect(latestPlan(doc.db, 'Base')).toMatchObject({ id: next, result: { status: 'infeasible' } });
    expect(planHistory(doc.db, 'Base').map((h) => h.id)).toEqual([next, first]);
  });

  it('a scenario id is never reused: one created after a delete does not take the deleted one\'s id', () => {
    // state keyed by id (Compare's pick, the TCO binding, a solve in flight) followed the newcomer
    const b = createScenario(doc.db, 'B');
    const old = createScenario(doc.db, 'Old');
    storePlan(doc.db, { scenario: 'B', input: planInput(doc.db, 'B'), result: result() });
    deleteScenario(doc.db, 'Old');
    const fresh = createScenario(doc.db, 'Fresh');
    expect(fresh.id).toBeGreaterThan(old.id);
    expect(getScenario(doc.db, 'B').id).toBe(b.id);
    expect(latestPlan(doc.db, 'B')?.result.status).toBe('optimal');
    deleteScenario(doc.db, 'Fresh');
    deleteScenario(doc.db, 'B');
    expect(createScenario(doc.db, 'Again').id).toBeGreaterThan(fresh.id);
    expect(listScenarios(doc.db).map((s) => s.name)).toEqual(['Base', 'Again']);
  });
});

describe('slow-query logging', () => {
  it('reports repository calls over 40 ms to the logger, and only those', () => {
    const seen: string[] = [];
    const ticks = [0, 41, 100, 139]; // a fake clock: listSites takes 41 ms, then listWorkloads 39 ms
    setSlowQueryLogger((label) => seen.push(label));
    setSlowQueryClock(() => ticks.shift() ?? 0);
    try {
      listSites(doc.db);
      listWorkloads(doc.db);
    } finally {
      setSlowQueryLogger((label, ms) => console.warn(label, ms));
      setSlowQueryClock(() => performance.now());
    }
    expect(seen).toEqual(['listSites']);
  });
});
