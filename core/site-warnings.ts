// Plan remarks about sites that a reader of the figures should know: a site whose space costs
// $0 per rack-month is free to the optimizer, so it draws hardware there before any paid site.
// That is right for owned space and misleading otherwise; the remark says which sites and how much.
import { formatNumber } from './format.ts';
import type { PlanAnswer, PlanInput } from './types.ts';

/** One sentence per site with a $0 rack cost that holds racks in the plan (most racks in any period). */
export function zeroRackCostWarnings(input: PlanInput, plan: PlanAnswer): string[] {
  const free = new Set(input.sites.filter((s) => s.usd_per_rack_month === 0).map((s) => s.name));
  if (free.size === 0) return [];
  const paid = input.sites.some((s) => s.usd_per_rack_month > 0);
  const racks = new Map<string, number>();
  for (const u of plan.sites) {
    if (free.has(u.site) && u.racks_used > 0) racks.set(u.site, Math.max(racks.get(u.site) ?? 0, u.racks_used));
  }
  return [...racks].map(([site, n]) =>
    `${site} costs $0 per rack-month and holds ${formatNumber(n)} rack${n === 1 ? '' : 's'} in this plan: the optimizer treats its space as free` +
      `${paid ? ', so it fills it before any site that charges for racks' : ''}. If the space is not really free, enter its rack cost in Sites and optimize again.`);
}
