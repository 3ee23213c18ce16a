// Where the fix for an infeasibility reason lives (explain.ts writes the reasons): Workloads for a
// latency, placement, tiers or edge devices' endpoints, Sites for power, racks and cooling, Settings for a budget, the
// Catalog for a model nothing serves. Kept apart from explain.ts so the renderer imports no solver code.
import type { ViewId } from '../views.ts';

/** Where a reason's fix lives: the view to open and the words on the link. */
export type ReasonFix = { view: Extract<ViewId, 'workloads' | 'sites' | 'settings' | 'catalog'>; label: string };

/** The views holding the fixes for a reason from explain.ts, in the order the reason names them. */
export function reasonFixes(reason: string): ReasonFix[] {
  const fixes: [number, ReasonFix][] = [];
  const at = (re: RegExp, fix: ReasonFix) => {
    const i = reason.search(re);
    if (i >= 0) fixes.push([i, fix]);
  };
  at(/ ms for \d+ tokens|placement \w+ excludes|tiers \S+ exclude|endpoints > 0/, { view: 'workloads', label: 'Change the workload in Workloads' });
  at(/kW of IT power|racks \(limit|site power|site racks|\d+ racks at |liquid cooling|(?:does|do) not fit a [\d.]+ U|taller than the \d+ U racks|no site to install|more than its site holds/, { view: 'sites', label: 'Change the sites in Sites' });
  at(/capex budget|total budget/, { view: 'settings', label: 'Change the budget in Settings' });
  at(/no option in the catalog serves|not yet available|available from/, { view: 'catalog', label: 'Add or edit options in the Catalog' });
  return fixes.sort((a, b) => a[0] - b[0]).map(([, f]) => f);
}

