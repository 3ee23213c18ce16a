// Whether a plan meets every row of the model of an input, and what it costs there: the limit check
// (binding.ts) asks it of the plans its re-solves find with a limit lifted. Such a plan that stays
// within the lifted limit anyway is a cheaper plan of the input itself, not a cost of the limit.
import type { PlanInput, PlanResult } from '../types.ts';
import { extractPlanV2, meetsModel, solutionOfPlan } from './v2/extract.ts';
import { tryBuildModelV2, type ModelV2 } from './v2/model.ts';

/**
 * A check of plans against the plain model of `input` (no solver bounds: those may cut off plans
 * that are valid but not optimal), built on the first call: the plan's objective under `input`
 * (penalties included, racks packed as `input`'s sites allow) when it meets every row, else null.
 * A plan the model cannot express (an option, site or fit only a lifted limit allows) meets nothing,
 * and so does every plan once `stop` (a cancel) stopped the build of a large model.
 */
export function withinLimitsV2(input: PlanInput, stop: (() => boolean) | null = null): (plan: PlanResult) => number | null {
  let m: ModelV2 | null = null;
  return (plan) => {
    m ??= tryBuildModelV2(input, { bounds: false }, stop);
    if (!m) return null;
    try {
      const sol = solutionOfPlan(m, plan);
      if (!meetsModel(m, sol)) return null;
      return extractPlanV2(m, sol, { bound: null, solveMs: 0, unservedReason: () => '' }).objective_usd;
    } catch {
      return null;
    }
  };
}
