// What the Results view's banner says over a plan whose inputs changed since it was solved. A plan
// with figures shows them for the inputs it was solved from; an infeasible plan, or a search that
// stopped before finding one, has no figures: only the reasons, which hold for those old inputs.
import { holdsPlan, type PlanStatus } from '../../../core/types.ts';

export function staleBannerText(status: PlanStatus): string {
  const changed = 'The inputs (workloads, sites, catalog or settings) changed since this plan was solved';
  if (holdsPlan(status)) return `${changed}; the figures below are for the inputs this plan was solved from. Re-optimize to plan for the current inputs.`;
  const what = status === 'infeasible' ? 'the reasons below are why those inputs had no plan' : 'the search stopped on those inputs before finding a plan';
  return `${changed}; ${what}. Re-optimize to try the current inputs.`;
}
