// A portfolio of v2 solves over worker threads: what each member runs (its seed and strategy) and
// how the members' plans become one. Every member solves the same model, so any member's bound is
// a bound for all, and the cheapest member plan (each met every row: meetsModel) is the answer.
import { OPTIMAL_GAP, relGap } from '../gap.ts';
import { penaltyReason } from '../explain.ts';
import { holdsPlan, type PlanResult } from '../../types.ts';

/**
 * 'full': every stage (LP bound, decomposition, improvement, the whole MILP when small);
 * 'primal': the first plans, then the improvement search to the deadline (no bound of its own).
 */
export type PortfolioStrategy = 'full' | 'primal';
export type PortfolioMember = { index: number; seed: number; strategy: PortfolioStrategy };

/** The most workers a portfolio runs (each builds the model and holds HiGHS: memory grows with them). */
export const MAX_WORKERS = 16;

/**
 * Member 0 runs the full pipeline (it alone proves the bound on one worker); member 1 spends the
 * whole limit on the improvement search from the first plan; further members alternate, each
 * with its own seed (the neighbourhood sequence and HiGHS' random seed follow it).
 */
export function portfolioMember(index: number): PortfolioMember {
  return { index, seed: 1 + index * 7919, strategy: index % 2 === 0 ? 'full' : 'primal' };
}

/** Workers by default: the cores the machine offers less one (the app and the OS keep one), at least 1. */
export function defaultWorkers(cores: number): number {
  return Math.max(1, Math.min(MAX_WORKERS, Math.floor(cores) - 1));
}

const hasPlan = (r: PlanResult) => r.objective_usd != null && holdsPlan(r.status);

/**
 * One result from the members' results (index = member; undefined for a member that crashed):
 * the cheapest plan, with the best bound any member proved (reported bounds included: a member
 * stopped hard may have reported a bound before its result). Without any plan: a member's
 * infeasibility proof (one that says why first), else the first member's answer. Null when no member answered at all.
 */
export function mergePortfolio(results: readonly (PlanResult | undefined)[], reportedBounds: readonly (number | null)[] = []): PlanResult | null {
  const answered = results.map((r, i) => ({ r, i })).filter((x): x is { r: PlanResult; i: number } => x.r !== undefined);
  if (answered.length === 0) return null;
  const withPlan = answered.filter((x) => hasPlan(x.r));
  if (withPlan.length === 0) {
    const infeasible = answered.filter((x) => x.r.status === 'infeasible');
    return (infeasible.find((x) => (x.r.reasons?.length ?? 0) > 0) ?? infeasible[0] ?? answered[0]!).r;
  }
  const best = withPlan.reduce((a, b) => (b.r.objective_usd! < a.r.objective_usd! ? b : a));
  const bounds = [...answered.map((x) => x.r.bound_usd), ...reportedBounds].filter((b): b is number => b != null && Number.isFinite(b));
  const objective = best.r.objective_usd!;
  const bound = bounds.length ? Math.min(objective, Math.max(...bounds)) : null;
  const gap = bound == null ? null : relGap(objective, bound);
  const status: PlanResult['status'] = gap != null && gap <= OPTIMAL_GAP ? 'optimal' : 'time_limit';
  const stats: Record<string, number> = { ...(best.r.stats ?? {}), portfolio_workers: results.length, portfolio_answered: answered.length, portfolio_winner: best.i };
  for (const x of withPlan) stats[`portfolio_member${x.i}_usd`] = x.r.objective_usd!;
  const merged: PlanResult = { ...best.r, status, bound_usd: bound, gap, stats };
  if (status === 'optimal') {
    delete merged.stopped_by;
    // another member's bound proves the plan: its unserved pairs now cost more to serve than their penalty
    merged.unserved = best.r.unserved.map((u) => (u.reason === penaltyReason(false) ? { ...u, reason: penaltyReason(true) } : u));
  }
  return merged;
}
