// sensitivity-*: the tornado with a fresh solve per case. Each driver of core/tco/sensitivity.ts
// is moved ±pct on a copy of the active scenario's input and re-optimised in the optimizer host
// (jobs queue there and run one at a time), beside a base solve of the unmodified input. Nothing
// is stored: these plans answer a what-if. Invariant: one run's cases all come from one snapshot.
// A finished case keeps its figures and the host forgets its job; at most MAX_RUNS runs are kept.
// A run remembers its snapshot's input hash: progress says when the scenario's inputs have changed
// since (the figures answered for inputs the document no longer holds, and the panel showed them as
// current), checked again only when the document's revision moved.
import { FleetError, type SensitivityReoptCase, type SensitivityReoptProgress } from '../../../core/api.ts';
import { provenGap } from '../../../core/optimizer/gap.ts';
import { unservedWorkloadNames } from '../../../core/plan-periods.ts';
import { planResidualCreditUsd } from '../../../core/tco/plan-lines.ts';
import { sensitivityInputs } from '../../../core/tco/sensitivity.ts';
import { holdsPlan, type PlanInput, type PlanResult } from '../../../core/types.ts';
import type { Backend, OptimizerLike } from '../backend.ts';
import type { Db } from '../db.ts';
import { currentRevision } from '../repo/changes.ts';
import { inputHash, planInput, staleAgainst } from '../repo/plans.ts';
import { getScenario, scenarioNameById } from '../repo/scenarios.ts';
import type { Handlers } from './types.ts';

type Run = {
  id: number;
  pct: number;
  cancelled: boolean;
  cases: (SensitivityReoptCase & { hostJob: number })[];
  /** the scenario solved (its id: a rename keeps the run's figures current) and the input hash of its snapshot */
  scenarioId: number;
  hash: string;
  /** inputsChanged as of the document revision checkedAt */
  checkedAt: number;
  inputsChanged: boolean;
  /** the snapshot's settings its figures are costed with */
  settings: SensitivityReoptProgress['settings'];
  /** the snapshot (the base case's input), which costs the base plan's residual credit */
  input: PlanInput;
};

/** The credit a base plan's horizon cost is net of; null for a plan its input does not cost (it names an unknown entity). */
function residualCreditOf(input: PlanInput, plan: PlanResult): number | null {
  try {
    return planResidualCreditUsd(input, plan);
  } catch {
    return null;
  }
}

const runsByBackend = new WeakMap<Backend, { next: number; runs: Map<number, Run> }>();
const MAX_RUNS = 8;

function registry(b: Backend) {
  let r = runsByBackend.get(b);
  if (!r) runsByBackend.set(b, (r = { next: 1, runs: new Map() }));
  return r;
}

/**
 * Whether the run's scenario now holds other inputs than its snapshot (a scenario deleted: yes; one
 * renamed is the same scenario: a run keyed by its name said "inputs changed" after a rename).
 */
function inputsChanged(db: Db, run: Run): boolean {
  const revision = currentRevision(db);
  if (revision === run.checkedAt) return run.inputsChanged;
  const name = scenarioNameById(db, run.scenarioId);
  const changed = name === undefined || staleAgainst(planInput(db, name))(run.hash);
  run.checkedAt = revision;
  run.inputsChanged = changed;
  return changed;
}

/**
 * Reads every case's state from the host; a finished case takes its plan's horizon cost, and the
 * workloads it leaves unserved with their penalties (a case that leaves more unserved than the base
 * can show a lower horizon cost at a dearer price: bench/trust.ts seasonal-5, hardware +20 %
 * $40.5 M against the base's $47.7 M with 101 workloads unserved instead of 66).
 */
function refresh(host: OptimizerLike, run: Run, db: Db): SensitivityReoptProgress {
  for (const c of run.cases) {
    if (c.state === 'done' || c.state === 'failed' || c.state === 'cancelled') continue;
    let p;
    try {
      p = host.progress(c.hostJob);
    } catch (e) {
      c.state = 'failed';
      c.message = (e as Error).message;
      continue;
    }
    if (p.state === 'running') {
      c.state = p.message === 'queued' ? 'queued' : 'running';
      c.message = p.message;
      continue;
    }
    c.state = p.state;
    c.message = p.error?.message ?? p.message;
    const result = host.result(c.hostJob);
    if (result) {
      c.status = result.status;
      c.horizonCostUsd = holdsPlan(result.status) ? result.totals.horizon_cost_usd : null;
      c.gap = c.horizonCostUsd == null ? null : provenGap(result);
      c.unservedWorkloads = c.horizonCostUsd == null ? null : unservedWorkloadNames(result).length;
      c.penaltyUsd = c.horizonCostUsd == null || result.objective_usd == null ? null : Math.max(0, result.objective_usd - c.horizonCostUsd);
      // the base's label says whether its figure is net of a credit (an all-API base, the credit on, has none)
      if (c.direction === 'base') c.residualCreditUsd = c.horizonCostUsd == null ? null : residualCreditOf(run.input, result);
    }
    // the case holds what the run reports: the host may drop the job
    host.forget?.(c.hostJob);
  }
  const done = run.cases.filter((c) => c.state === 'done' || c.state === 'failed' || c.state === 'cancelled').length;
  const total = run.cases.length;
  const state: SensitivityReoptProgress['state'] =
    done < total ? 'running' : run.cancelled ? 'cancelled' : run.cases.every((c) => c.state === 'failed') ? 'failed' : 'done';
  return { jobId: run.id, state, pct: run.pct, done, total, cases: run.cases.map(({ hostJob: _h, ...c }) => ({ ...c })), inputsChanged: inputsChanged(db, run), settings: run.settings };
}

export function sensitivityHandlers(b: Backend) {
  const host = (): OptimizerLike => {
    if (!b.optimizer) throw new FleetError('unavailable', 'the optimizer is not available in this build');
    return b.optimizer;
  };
  const find = (jobId: number): Run => {
    const run = registry(b).runs.get(jobId);
    if (!run) throw new FleetError('not_found', `no sensitivity run ${jobId}`, { field: 'jobId' });
    return run;
  };
  return {
    'sensitivity-reoptimize': ({ pct, timeLimitS }) => {
      const h = host();
      const input = planInput(b.doc.db);
      const scenarioId = getScenario(b.doc.db).id;
      const limit = timeLimitS ?? Math.min(input.settings.time_limit_s, 30);
      const cases: { driver: string; direction: SensitivityReoptCase['direction']; factor: number; input: PlanInput; ratePct?: number }[] = [
        { driver: 'base', direction: 'base', factor: 1, input },
        ...sensitivityInputs(input, pct).map((c) => ({ driver: c.driver, direction: c.direction, factor: c.factor, input: c.input, ...(c.rate_pct != null ? { ratePct: c.rate_pct } : {}) })),
      ];
      const reg = registry(b);
      const run: Run = {
        id: reg.next++,
        pct,
        cancelled: false,
        scenarioId,
        hash: inputHash(input),
        checkedAt: currentRevision(b.doc.db),
        inputsChanged: false,
        settings: { discount_rate_pct: input.settings.discount_rate_pct, residual_value: input.settings.residual_value },
        input,
        cases: cases.map((c) => ({
          driver: c.driver,
          direction: c.direction,
          factor: c.factor,
          state: 'queued',
          status: null,
          horizonCostUsd: null,
          gap: null,
          unservedWorkloads: null,
          penaltyUsd: null,
          ...(c.direction === 'base' ? { residualCreditUsd: null } : {}),
          ...(c.ratePct != null ? { ratePct: c.ratePct } : {}),
          message: 'queued',
          // only the horizon cost is read: no binding-limit re-solves after each case (they took up
          // to half the limit again per case, 19 times)
          hostJob: h.start(c.input, { timeLimitS: limit, checkBinding: false }),
        })),
      };
      reg.runs.set(run.id, run);
      // keep only the latest runs: their progress is all the UI needs
      for (const id of [...reg.runs.keys()].slice(0, Math.max(0, reg.runs.size - MAX_RUNS))) reg.runs.delete(id);
      return { jobId: run.id };
    },
    'sensitivity-progress': ({ jobId }) => refresh(host(), find(jobId), b.doc.db),
    'sensitivity-cancel': ({ jobId }) => {
      const h = host();
      const run = find(jobId);
      run.cancelled = true;
      for (const c of run.cases) {
        if (c.state === 'done' || c.state === 'failed' || c.state === 'cancelled') continue;
        try {
          h.cancel(c.hostJob);
        } catch {
          // a job the host no longer knows is already over
        }
      }
      return refresh(h, run, b.doc.db);
    },
  } satisfies Partial<Handlers>;
}
