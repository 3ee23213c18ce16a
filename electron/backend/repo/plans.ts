// Solved plans and the PlanInput snapshot they are solved from. A plan is stale when the hash
// of the scenario's current inputs differs from the hash stored with it (the report's page size
// is not an input of a plan). Plans stored by older
// releases (result_format 1) are read through core/plan-v1.ts as one-period v2 plans.
import { createHash } from 'node:crypto';
import type { LatestPlan, PlanHistoryEntry, StoredPlan } from '../../../core/api.ts';
import { readStoredResult, RESULT_FORMATS, upgradeStoredInput } from '../../../core/plan-v1.ts';
import { holdsPlan, PAGE_SIZES, planAnswer, type PlanInput, type PlanResult, type PlanStatus } from '../../../core/types.ts';
import type { Db } from '../db.ts';
import { getCatalog } from './catalog.ts';
import { getScenario } from './scenarios.ts';
import { listSites } from './sites.ts';
import { stmt } from './stmt.ts';
import { timed } from './timing.ts';
import { listWorkloads } from './workloads.ts';

/** JSON with object keys sorted at every level (undefined members dropped, as JSON does). */
export function stableStringify(v: unknown): string {
  // The replacer hands JSON.stringify a key-sorted copy of each plain object it meets.
  return (
    JSON.stringify(v, (_key, val: unknown) => {
      if (val === null || typeof val !== 'object' || Array.isArray(val)) return val;
      const o = val as Record<string, unknown>;
      const sorted: Record<string, unknown> = {};
      for (const k of Object.keys(o).sort()) sorted[k] = o[k];
      return sorted;
    }) ?? 'null'
  );
}

/**
 * Settings that change neither a plan nor its costs: the report's page size. They are left out of
 * the hash, so setting them does not make a plan stale (`set page_size=Letter` after a solve made
 * the report warn on its cover that the inputs had changed, and print on the solved input's A4).
 */
const NOT_PLAN_INPUTS = ['page_size'] as const;

/** sha256 (hex) of the PlanInput with sorted keys, without NOT_PLAN_INPUTS: equal inputs give equal hashes. */
export function inputHash(input: PlanInput): string {
  const settings: Partial<PlanInput['settings']> = { ...input.settings };
  for (const k of NOT_PLAN_INPUTS) delete settings[k];
  return hashOf({ ...input, settings });
}

const hashOf = (value: unknown): string => createHash('sha256').update(stableStringify(value)).digest('hex');

/**
 * The staleness test against a scenario's current inputs: a stored hash is fresh when it equals
 * inputHash of them, or the hash of every setting that plans stored before page_size was left out
 * carry, under either page size (a page size set since then changes no plan either; computed only
 * when the first differs).
 */
export function staleAgainst(current: PlanInput): (storedHash: string) => boolean {
  const now = inputHash(current);
  let before: string[] | undefined;
  return (h) => h !== now && !(before ??= PAGE_SIZES.map((page_size) => hashOf({ ...current, settings: { ...current.settings, page_size } }))).includes(h);
}

/** The plain-data snapshot a solve or TCO run needs, for a scenario (default: the active one). */
export function planInput(db: Db, scenario?: string): PlanInput {
  return timed('planInput', () =>
    db.transaction(() => ({
      catalog: getCatalog(db),
      workloads: listWorkloads(db),
      sites: listSites(db),
      settings: getScenario(db, scenario).settings,
    }))(),
  );
}

type Raw = {
  id: number;
  scenario: string;
  solved_at: string;
  input_hash: string;
  result: string;
  input: string | null;
  result_format: number;
};
const SELECT = `SELECT p.id, s.name AS scenario, p.solved_at, p.input_hash, p.result, p.input, p.result_format
  FROM plans p JOIN scenarios s ON s.id = p.scenario_id`;

/** The stored input of a plan; one from an older release gets the defaults of newer fields. */
function storedInput(raw: string, format: number): PlanInput {
  const parsed = JSON.parse(raw) as unknown;
  return format === RESULT_FORMATS.periods ? (parsed as PlanInput) : upgradeStoredInput(parsed);
}

export function storePlan(
  db: Db,
  args: { scenario?: string; scenarioId?: number; input: PlanInput; result: PlanResult; hash?: string },
): number {
  return timed('storePlan', () => {
    const s = args.scenarioId !== undefined ? { id: args.scenarioId } : getScenario(db, args.scenario);
    const info = stmt(db, `INSERT INTO plans (scenario_id, solved_at, input_hash, status, input, result)
      VALUES (?, ?, ?, ?, ?, ?)`).run(
      s.id,
      new Date().toISOString(),
      args.hash ?? inputHash(args.input),
      args.result.status,
      JSON.stringify(args.input),
      JSON.stringify(args.result),
    );
    return Number(info.lastInsertRowid);
  });
}

function toStored(db: Db, r: Raw, withInput: true): LatestPlan;
function toStored(db: Db, r: Raw, withInput?: false): StoredPlan;
function toStored(db: Db, r: Raw, withInput = false): StoredPlan | LatestPlan {
  const current = planInput(db, r.scenario);
  // parsed only when needed: the input of a large plan is megabytes of JSON
  let solvedInput: PlanInput | undefined;
  const solved = () => (solvedInput ??= r.input ? storedInput(r.input, r.result_format) : current);
  const stored: StoredPlan = {
    id: r.id,
    scenario: r.scenario,
    solvedAt: r.solved_at,
    inputHash: r.input_hash,
    stale: staleAgainst(current)(r.input_hash),
    result: planAnswer(r.result_format === RESULT_FORMATS.periods ? (JSON.parse(r.result) as PlanResult) : readStoredResult(JSON.parse(r.result), r.result_format, solved())),
  };
  return withInput ? { ...stored, input: solved() } : stored;
}

/** The latest plan of a scenario (default: active), or null when it was never solved. */
export function latestPlan(db: Db, scenario?: string): StoredPlan | null {
  return timed('latestPlan', () => {
    const s = getScenario(db, scenario);
    const r = stmt(db, `${SELECT} WHERE p.scenario_id = ? ORDER BY p.id DESC LIMIT 1`).get(s.id) as Raw | undefined;
    return r ? toStored(db, r) : null;
  });
}

/** latestPlan with the inputs the plan was solved from (the current ones when they were not kept). */
export function latestPlanWithInput(db: Db, scenario?: string): LatestPlan | null {
  return timed('latestPlan', () => {
    const s = getScenario(db, scenario);
    const r = stmt(db, `${SELECT} WHERE p.scenario_id = ? ORDER BY p.id DESC LIMIT 1`).get(s.id) as Raw | undefined;
    return r ? toStored(db, r, true) : null;
  });
}

/** One stored plan by id with the inputs it was solved from, or null when there is no such plan. */
export function planWithInput(db: Db, id: number): LatestPlan | null {
  return timed('planWithInput', () => {
    const r = stmt(db, `${SELECT} WHERE p.id = ?`).get(id) as Raw | undefined;
    return r ? toStored(db, r, true) : null;
  });
}

/** The PlanInput a stored plan was solved from (TCO and reports of a stale plan use it). */
export function planSolvedInput(db: Db, id: number): PlanInput | null {
  const r = stmt(db, 'SELECT input, result_format FROM plans WHERE id = ?').get(id) as
    | { input: string | null; result_format: number }
    | undefined;
  return r?.input ? storedInput(r.input, r.result_format) : null;
}

/**
 * Every plan of a scenario, newest first, without the heavy JSON: the history a re-run never
 * rewrites (plans are only ever added; an infeasible re-run leaves the last good plan in place).
 */
export function planHistory(db: Db, scenario?: string, limit = 100): PlanHistoryEntry[] {
  return timed('planHistory', () => {
    const s = getScenario(db, scenario);
    const rows = stmt(
      db,
      `SELECT id, solved_at, status, input_hash, json_extract(result, '$.objective_usd') AS objective,
              json_extract(result, '$.totals.horizon_cost_usd') AS horizon, json_extract(result, '$.stopped_by') AS stopped_by
         FROM plans WHERE scenario_id = ? ORDER BY id DESC LIMIT ?`,
    ).all(s.id, limit) as {
      id: number;
      solved_at: string;
      status: PlanHistoryEntry['status'];
      input_hash: string;
      objective: number | null;
      horizon: number | null;
      stopped_by: PlanHistoryEntry['stoppedBy'];
    }[];
    const stale = rows.length ? staleAgainst(planInput(db, s.name)) : () => true;
    return rows.map((r) => ({
      id: r.id,
      solvedAt: r.solved_at,
      status: r.status,
      objectiveUsd: r.objective,
      horizonCostUsd: holdsPlan(r.status) ? r.horizon : null,
      stoppedBy: r.status === 'time_limit' ? r.stopped_by ?? null : null,
      stale: stale(r.input_hash),
    }));
  });
}

/** The newest plan of a scenario with a fleet (optimal or time_limit), with its solved inputs. */
export function lastFeasiblePlan(db: Db, scenario?: string): LatestPlan | null {
  return timed('lastFeasiblePlan', () => {
    const s = getScenario(db, scenario);
    const r = stmt(db, `${SELECT} WHERE p.scenario_id = ? AND p.status IN ('optimal', 'time_limit') ORDER BY p.id DESC LIMIT 1`).get(s.id) as
      | Raw
      | undefined;
    return r ? toStored(db, r, true) : null;
  });
}

/** The input hash (its staleness test) and status of a scenario's latest run, or null when it has none. */
export function latestRun(db: Db, scenarioId: number): { hash: string; status: PlanStatus } | null {
  const r = stmt(db, 'SELECT input_hash, status FROM plans WHERE scenario_id = ? ORDER BY id DESC LIMIT 1').get(scenarioId) as { input_hash: string; status: PlanStatus } | undefined;
  return r ? { hash: r.input_hash, status: r.status } : null;
}

export function hasPlan(db: Db, scenarioId: number): boolean {
  return !!stmt(db, 'SELECT 1 FROM plans WHERE scenario_id = ? LIMIT 1').get(scenarioId);
}
