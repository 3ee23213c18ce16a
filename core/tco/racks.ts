// Pools and rack layouts for plans the TCO module builds itself (baselines, synthetic plans):
// pool sizes n = ⌈Σ D_w ÷ (u × unit_tps)⌉ per (site, system, model), and whole racks per
// (site, system) — ⌈Σ_m n ÷ k⌉ racks of k units, or one tall unit spanning t racks (DESIGN 4, 5).
// Invariant: the layout's memory grows with the plan (units and racks), never with a demand
// figure alone: a site needing more than MAX_LAYOUT_UNITS units is refused with a message.
import { FleetError } from '../fleet-error.ts';
import { designTps, rackFit, type RackFit } from '../sizing.ts';
import type { PlanInput, Pool, RackLayout, Site, SiteUse, SystemOption, Workload } from '../types.ts';

/** The most system units one site's layout lists (one entry each): beyond it, a message. */
export const MAX_LAYOUT_UNITS = 200_000;

/**
 * A layout beyond MAX_LAYOUT_UNITS. The optimiser lays out its own plans (no such limit), so a plan
 * of more units (tiny unit_tps: 1.5 M units, 1e7 tok/s at 10 tok/s a unit) is solved and
 * costed; a baseline the TCO module would build that large is "none" with this message (baselines.ts).
 */
export class LayoutTooLarge extends FleetError {
  constructor(message: string) {
    super('bad_input', message);
  }
}

/** Units of pool capacity one workload needs: D_w ÷ (u × unit_tps). */
export function capacityShare(w: Workload, unitTps: number, input: PlanInput): number {
  return designTps(w, input.settings.horizon_months) / (input.settings.max_utilization * unitTps);
}

/** Whole racks for N units of one system type at a site (constraint 4 at equality). */
export function racksForUnits(fit: RackFit, units: number): number {
  if (units <= 0) return 0;
  return fit.kind === 'spans' ? units * fit.t : Math.ceil(units / fit.k - 1e-9);
}

/** Racks of one site, filled per system type: k units a rack, or one tall unit listed once with `spans`. */
export function layoutRacks(input: PlanInput, pools: readonly Pool[]): SiteUse[] {
  const sites = new Map(input.sites.map((s) => [s.name, s] as const));
  const options = new Map(input.catalog.options.map((o) => [o.id, o] as const));
  const bySite = new Map<string, Pool[]>();
  for (const p of pools) {
    if (p.units <= 0) continue;
    const key = `${p.period}\u0000${p.site}`;
    let list = bySite.get(key);
    if (!list) bySite.set(key, (list = []));
    list.push(p);
  }
  const out: SiteUse[] = [];
  for (const list of bySite.values()) {
    const siteName = list[0]!.site;
    const site = sites.get(siteName);
    if (!site) throw new Error(`pool at unknown site "${siteName}"`);
    const racks: RackLayout[] = [];
    let kw = 0;
    const byOption = new Map<string, Pool[]>();
    for (const p of list) {
      let l = byOption.get(p.option);
      if (!l) byOption.set(p.option, (l = []));
      l.push(p);
    }
    const units = list.reduce((a, p) => a + p.units, 0);
    if (!(units <= MAX_LAYOUT_UNITS)) {
      throw new LayoutTooLarge(
        `site "${siteName}" would need ${Number.isFinite(units) ? Math.round(units).toLocaleString('en-US') : 'unboundedly many'} system units, more than FleetPlan lays out (${MAX_LAYOUT_UNITS.toLocaleString('en-US')}); check the workloads' demand and the catalog's unit throughput`,
      );
    }
    for (const [optionId, ps] of byOption) {
      const s = options.get(optionId);
      if (!s || s.kind !== 'system') throw new Error(`pool option "${optionId}" is not a system in the catalog`);
      const fit = rackFit(site, s);
      if (!fit) throw new Error(`${s.id} does not fit the racks of site "${site.name}"`);
      for (const r of fillRacks(s, fit, ps)) racks.push(r); // no spread: a long list would overflow the stack
      for (const p of ps) kw += p.units * s.max_power_kw;
    }
    const used = racks.reduce((a, r) => a + r.spans, 0);
    out.push(siteUse(site, list[0]!.period, kw, used, racks));
  }
  return out;
}

/**
 * The racks `pools` of one system type fill at a site, in order: k units a rack, or each unit of t
 * racks listed once with `spans` t. The one rule for the layouts of the TCO module's plans and of the
 * optimizer's (v2/extract.ts, which had its own copy).
 */
export function fillRacks(s: SystemOption, fit: RackFit, pools: readonly { model: string; units: number }[]): RackLayout[] {
  const racks: RackLayout[] = [];
  const perRack = fit.kind === 'spans' ? 1 : fit.k;
  let cur: RackLayout | null = null;
  for (const p of pools) {
    for (let i = 0; i < p.units; i++) {
      if (!cur || cur.units.length >= perRack) {
        cur = { option: s.id, units: [], u_used: 0, kw_used: 0, spans: fit.kind === 'spans' ? fit.t : 1 };
        racks.push(cur);
      }
      cur.units.push({ option: s.id, model: p.model });
    }
  }
  for (const r of racks) {
    r.u_used = r.units.length * s.rack_units;
    r.kw_used = r.units.length * s.max_power_kw;
  }
  return racks;
}

function siteUse(site: Site, period: number, kw: number, racksUsed: number, racks: RackLayout[]): SiteUse {
  return { site: site.name, period, power_kw_used: kw, power_kw_limit: site.it_power_kw, racks_used: racksUsed, racks_limit: site.racks, racks };
}
