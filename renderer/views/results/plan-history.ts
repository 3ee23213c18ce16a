// Which earlier plan of the history a note should offer instead of the latest run. A run stopped
// early (by hand or at its time limit) becomes the scenario's latest plan, which TCO and the PDF
// use, even when a plan solved before from the very same inputs is cheaper: on 300 workloads with
// three purchase periods, a Re-optimize cancelled after 3 s stored $3,421,167 over the $3,299,540
// of the run before it, and nothing said so.
import type { PlanHistoryEntry } from '../../../core/api.ts';
import { holdsPlan } from '../../../core/types.ts';

/**
 * The cheapest earlier plan (by objective) solved from the current inputs, when the latest run
 * was stopped before proving its optimum and that plan's objective is lower; else null.
 * `history` is newest first, as plan-history answers.
 */
export function cheaperEarlierPlan(history: readonly PlanHistoryEntry[]): PlanHistoryEntry | null {
  const latest = history[0];
  if (!latest || latest.status !== 'time_limit' || latest.stale || latest.objectiveUsd == null) return null;
  let best: PlanHistoryEntry | null = null;
  for (const h of history.slice(1)) {
    if (!holdsPlan(h.status) || h.stale || h.objectiveUsd == null) continue;
    if (!best || h.objectiveUsd < best.objectiveUsd!) best = h;
  }
  // a cent's difference is rounding, not a cheaper plan
  return best && best.objectiveUsd! < latest.objectiveUsd - Math.max(0.01, 1e-9 * latest.objectiveUsd) ? best : null;
}
