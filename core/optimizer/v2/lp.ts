// The plain DESIGN 5 v2 MILP as CPLEX LP text (`fleetplan export-lp`): no variable bounds from the
// site limits (they are rows), a name table saying what each column is, so another solver can
// re-solve it and check the plan.
import type { PlanInput } from '../../types.ts';
import { buildModelV2, type ColKind, type ModelV2, type RowFamily } from './model.ts';

export function lpNumber(v: number): string {
  if (!Number.isFinite(v)) throw new Error(`cannot write ${v} into an LP file`);
  if (Object.is(v, -0)) return '0';
  return String(v); // e.g. 0.1, 1e-7, 1.2345678901234567e+21: all valid LP number syntax
}

export function commentSafe(s: string, max = 160): string {
  const t = s.replace(/[\r\n]+/g, ' ');
  return t.length > max ? t.slice(0, max - 3) + '...' : t;
}

export function writeTerms(out: string[], head: string, idx: number[], val: number[], names: string[]): void {
  let line = head;
  const terms: string[] = [];
  for (let k = 0; k < idx.length; k++) {
    const c = val[k]!;
    if (c === 0) continue;
    const mag = Math.abs(c);
    terms.push(`${c < 0 ? '-' : '+'} ${mag === 1 ? '' : lpNumber(mag) + ' '}${names[idx[k]!]}`);
  }
  if (terms.length === 0) terms.push(`+ 0 ${names[0] ?? 'x'}`);
  for (const t of terms) {
    if (line.length + t.length + 1 > 200) { out.push(line); line = '  '; }
    line += ' ' + t;
  }
  out.push(line);
}

const FAMILY: Record<RowFamily, string> = {
  serve: 'serve_<w>_<k>: each workload served once in each period (x over candidates usable in k, + y)',
  pool: 'pool_<p>_<k>: replicas needed by the workloads on a system pool in period k <= replicas bought up to k',
  cloud: 'cloud_<c>_<mo>: replicas needed on a cloud instance in month mo <= whole replicas rented z',
  edge: 'edge_<d>_<x>: a workload on edge devices in period k has bought them at some period <= k',
  edge_once: 'edgeonce_<d>: edge devices for a workload are bought at most once',
  power: 'power_<f>_<k>: nameplate power of the units owned at a site in period k <= its IT power',
  rack: 'rack_<g>_<k>: units of a system at a site in period k fit the racks given to it',
  site_racks: 'siteracks_<f>_<k>: racks given to all systems at a site in period k <= its racks',
  capex: 'capex_<y>: purchases and replacements in plan year y at their price-trend prices <= capex budget',
  budget: 'budget: the horizon cost (without penalties) <= total budget',
  cut: 'cut_*: valid inequalities (whole replicas, racks, instances); absent from the exported model',
};
const KIND: Record<ColKind, string> = {
  x: 'x_<w>_<c>_<k> binary: workload w served by candidate c in period k (API tokens, edge energy and inference are its cost)',
  y: 'y_<w>_<k> binary: workload w unserved in period k (penalty x months of k)',
  q: 'q_<f>_<g>_<p>_<k> integer: replicas of a system for a model bought at a site at the start of period k (its tranche cost)',
  r: 'r_<f>_<g>_<k> integer: racks at a site given to a system in period k (rack space over k)',
  z: 'z_<c>_<mo> integer: replicas of a cloud instance for a model rented in month mo',
  e: 'e_<w>_<d>_<k> binary: edge devices bought for workload w at the start of period k (purchases, re-buys, residual)',
};

export function writeLpV2(m: ModelV2, headerLines: string[] = []): string {
  const out: string[] = ['\\ FleetPlan MILP (FleetPlan docs/model.md, section 5: periods)'];
  for (const l of headerLines) out.push(`\\ ${commentSafe(l, 240)}`);
  out.push('\\ Objective: minimise the horizon cost in USD (section 6) + unserved penalties.');
  out.push('\\ Variable families:');
  for (const k of Object.keys(KIND) as ColKind[]) if (m.colKind.includes(k)) out.push(`\\   ${KIND[k]}`);
  out.push('\\ Constraints:');
  for (const f of new Set(m.rows.map((r) => r.family))) out.push(`\\   ${FAMILY[f]}`);
  out.push('\\ Name table (LP name | workload | option | site | model | period | month):');
  const f = (v: string | number | null) => commentSafe(v == null ? '-' : String(v), 48);
  m.colInfo.forEach((c, j) => out.push(`\\   ${m.colName[j]} | ${f(c.workload)} | ${f(c.option)} | ${f(c.site)} | ${f(c.model)} | ${f(c.period)} | ${f(c.month)}`));
  out.push('Minimize');
  const oi: number[] = [], ov: number[] = [];
  for (let j = 0; j < m.numCols; j++) if (m.colCost[j] !== 0) { oi.push(j); ov.push(m.colCost[j]!); }
  writeTerms(out, ' obj:', oi, ov, m.colName);
  out.push('Subject To');
  for (const r of m.rows) {
    if (r.idx.length === 0) {
      out.push(`\\ ${commentSafe(r.note)}`);
      writeTerms(out, ` ${r.name}:`, [0], [0], m.colName);
      out[out.length - 1] += r.lb === r.ub ? ` = ${lpNumber(r.lb)}` : ` <= ${lpNumber(r.ub)}`;
      continue;
    }
    writeTerms(out, ` ${r.name}:`, r.idx, r.val, m.colName);
    if (Number.isFinite(r.lb) && r.lb === r.ub) out[out.length - 1] += ` = ${lpNumber(r.ub)}`;
    else if (Number.isFinite(r.ub)) out[out.length - 1] += ` <= ${lpNumber(r.ub)}`;
    else out[out.length - 1] += ` >= ${lpNumber(r.lb)}`;
  }
  out.push('Bounds');
  const bins: string[] = [], gens: string[] = [];
  for (let j = 0; j < m.numCols; j++) {
    const name = m.colName[j]!;
    if (m.colUpper[j] === 1) { bins.push(name); continue; }
    gens.push(name);
    if (Number.isFinite(m.colUpper[j]!)) out.push(` 0 <= ${name} <= ${lpNumber(m.colUpper[j]!)}`);
  }
  for (const [head, names] of [['Generals', gens], ['Binaries', bins]] as const) {
    if (names.length === 0) continue;
    out.push(head);
    let line = '';
    for (const n of names) {
      if (line.length + n.length + 1 > 200) { out.push(line); line = ''; }
      line += ' ' + n;
    }
    if (line) out.push(line);
  }
  out.push('End');
  return out.join('\n') + '\n';
}

/** The plain v2 model of an input as LP text: site limits as rows only, nothing pruned. */
export function exactLpV2(input: PlanInput, scenario: string): { text: string; model: ModelV2 } {
  const m = buildModelV2(input, { bounds: false });
  const s = input.settings;
  const n = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  const lines = [
    `Scenario: ${commentSafe(scenario, 80)}. ${n(input.workloads.length, 'workload')}, ${n(input.sites.length, 'site')}, ${n(input.catalog.options.length, 'catalog option')};`,
    `  horizon ${s.horizon_months} months from ${s.start_month}, purchases every ${n(s.purchase_interval_months, 'month')} (${n(m.periods.length, 'period')}),`,
    `  hardware prices ${s.hardware_price_change_pct_per_year} %/year, cloud prices ${s.cloud_price_change_pct_per_year} %/year, discount rate ${s.discount_rate_pct} %/year.`,
    `Size: ${m.numCols} variables, ${m.rows.length} constraints.`,
  ];
  return { text: writeLpV2(m, lines), model: m };
}
