// CPLEX LP text of the structured MILP (DESIGN 7 "LP file"): the exact model, numbers written with
// round-trip precision, safe ASCII names (x_12_3 …) explained in a leading comment block.
// Readable by HiGHS, CBC and GLPK: lines are wrapped well under 255 characters.
// exactLp() is what `fleetplan export-lp` writes: the literal DESIGN 5 MILP (no pruned candidate,
// no added cut, site power and racks as rows), with a header stating the problem and a name table.
import type { PlanInput } from '../types.ts';
import { buildModel, type MilpModel, type RowFamily } from './model.ts';

/** Shortest text that parses back to exactly v (JS round-trip), in a form LP readers accept. */
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

// The header is plain ASCII so that every LP reader takes it (names from the document are kept).
const FAMILY_TEXT: Record<RowFamily, string> = {
  serve: 'serve_<w>: sum_c x[w,c] + y_w = 1 (each workload served once)',
  pool: 'pool_<p>: sum_w a[w,p] x[w,p] - n_p <= 0, a = D_w / (max_utilization * unit_tps) (pool capacity)',
  power: 'power_<f>: sum max_power_kw_s * n[f,s,m] <= it_power_kw_f (site power)',
  rack: 'rack_<g>: sum_m n[f,s,m] - k[f,s] r[f,s] <= 0, or t[f,s] sum_m n[f,s,m] - r[f,s] <= 0 for a system taller than the rack',
  site_racks: 'siteracks_<f>: sum_s r[f,s] <= racks_f (racks per site)',
  capex: 'capex: sum price_s n + sum edge capex x <= capex_budget_usd (month-0 purchases)',
  budget: 'budget: horizon cost (section 6, without penalties) <= total_budget_usd',
  cut: 'cutn_*/cutr_*: valid inequalities n >= ceil(a) x, r >= racks(ceil(a)) x (not part of DESIGN 5)',
};

export type LpHeader = {
  title?: string;
  /** extra comment lines after the title (scenario, counts, …) */
  lines?: string[];
};

export function writeLp(m: MilpModel, header: string | LpHeader = 'FleetPlan MILP (DESIGN.md section 5)'): string {
  const h: LpHeader = typeof header === 'string' ? { title: header } : header;
  const out: string[] = [];
  out.push(`\\ ${commentSafe(h.title ?? 'FleetPlan MILP (DESIGN.md section 5)', 240)}`);
  for (const l of h.lines ?? []) out.push(`\\ ${commentSafe(l, 240)}`);
  out.push('\\ Objective: minimise the horizon cost in USD (section 6: present value when a discount rate is set,');
  out.push('\\   net of the residual credit) + unserved penalty * horizon months for each y_w = 1.');
  out.push('\\ Variable families:');
  out.push('\\   x_<w>_<c> binary: workload w is served by its candidate c (an option, and the site for a system);');
  out.push('\\     its cost is the PV cost of serving w that way for cloud and edge options, 0 for a system.');
  out.push('\\   n_<f>_<g>_<p> integer >= 0: units of system s for model m at site f, shared by all workloads of');
  out.push('\\     model m on s at f (pool); its cost is the PV cost of one unit (purchase, support, energy).');
  out.push('\\   r_<f>_<g> integer >= 0: racks at site f given to system s (rack group g); cost: rack space.');
  out.push('\\   y_<w> binary: workload w unserved (only present when an unserved penalty is set).');
  const fams = [...new Set(m.rows.map((r) => r.family))];
  if (fams.length > 0) {
    out.push('\\ Constraints:');
    for (const f of fams) out.push(`\\   ${FAMILY_TEXT[f]}`);
  }
  out.push('\\ Name table (LP name | workload | option | site | model):');
  const order = (['x', 'n', 'r', 'y'] as const).flatMap((k) => m.colKind.flatMap((c, j) => (c === k ? [j] : [])));
  for (const j of order) {
    const c = m.colInfo[j];
    if (!c) { out.push(`\\   ${commentSafe(m.describe[j] ?? m.colName[j]!)}`); continue; }
    const f = (v: string | null, dflt = '-') => commentSafe(v ?? dflt, 48);
    out.push(`\\   ${m.colName[j]} | ${f(c.workload)} | ${f(c.option, c.kind === 'y' ? '(unserved)' : '-')} | ${f(c.site)} | ${f(c.model)}`);
  }
  out.push('Minimize');
  const objIdx: number[] = [], objVal: number[] = [];
  for (let j = 0; j < m.numCols; j++) if (m.colCost[j] !== 0) { objIdx.push(j); objVal.push(m.colCost[j]!); }
  writeTerms(out, ' obj:', objIdx, objVal, m.colName);
  out.push('Subject To');
  for (const r of m.rows) {
    if (r.idx.length === 0) {
      // an empty equality row (a workload with no candidate) is infeasible: write it as 0 x = 1
      out.push(`\\ ${commentSafe(r.note)}`);
      writeTerms(out, ` ${r.name}:`, [0], [0], m.colName);
      out[out.length - 1] += ` = ${lpNumber(r.lb)}`;
      continue;
    }
    const both = Number.isFinite(r.lb) && Number.isFinite(r.ub);
    if (both && r.lb === r.ub) {
      writeTerms(out, ` ${r.name}:`, r.idx, r.val, m.colName);
      out[out.length - 1] += ` = ${lpNumber(r.ub)}`;
    } else {
      if (Number.isFinite(r.ub)) {
        writeTerms(out, ` ${r.name}${both ? '_ub' : ''}:`, r.idx, r.val, m.colName);
        out[out.length - 1] += ` <= ${lpNumber(r.ub)}`;
      }
      if (Number.isFinite(r.lb)) {
        writeTerms(out, ` ${r.name}${both ? '_lb' : ''}:`, r.idx, r.val, m.colName);
        out[out.length - 1] += ` >= ${lpNumber(r.lb)}`;
      }
    }
  }
  out.push('Bounds');
  const binaries: string[] = [];
  const generals: string[] = [];
  for (let j = 0; j < m.numCols; j++) {
    const name = m.colName[j]!;
    const lb = m.colLower[j]!, ub = m.colUpper[j]!;
    const isBin = m.colInteger[j] && lb === 0 && ub === 1;
    if (isBin) { binaries.push(name); continue; }
    if (m.colInteger[j]) generals.push(name);
    if (lb === ub) out.push(` ${name} = ${lpNumber(lb)}`);
    else if (Number.isFinite(ub)) out.push(` ${lpNumber(lb)} <= ${name} <= ${lpNumber(ub)}`);
    else if (lb !== 0) out.push(` ${name} >= ${lpNumber(lb)}`);
  }
  const list = (head: string, names: string[]) => {
    if (names.length === 0) return;
    out.push(head);
    let line = '';
    for (const n of names) {
      if (line.length + n.length + 1 > 200) { out.push(line); line = ''; }
      line += ' ' + n;
    }
    if (line) out.push(line);
  };
  list('Generals', generals);
  list('Binaries', binaries);
  out.push('End');
  return out.join('\n') + '\n';
}

/**
 * The literal DESIGN 5 MILP of an input as LP text (what `fleetplan export-lp` writes): built
 * without pruning and without cuts, site power and racks per site as rows for every site, and a
 * header stating the scenario, the counts and what each variable means.
 */
export function exactLp(input: PlanInput, scenario: string): { text: string; model: MilpModel } {
  const m = buildModel(input, { prune: false, cuts: false, explicitLimits: true });
  const count = (k: string) => m.colKind.filter((c) => c === k).length;
  const rowsOf = (f: RowFamily) => m.rows.filter((r) => r.family === f).length;
  const s = input.settings;
  const lines = [
    `Scenario: ${commentSafe(scenario, 80)}. ${input.workloads.length} workloads, ${input.sites.length} sites, ${input.catalog.options.length} catalog options;`,
    `  horizon ${s.horizon_months} months from ${s.start_month}, max utilisation ${s.max_utilization}, discount rate ${s.discount_rate_pct} %/year,`,
    `  unserved penalty ${s.unserved_penalty_usd_per_month == null ? 'none (every workload must be served)' : `$${s.unserved_penalty_usd_per_month}/month`},` +
      ` capex budget ${s.capex_budget_usd == null ? 'none' : `$${s.capex_budget_usd}`}, total budget ${s.total_budget_usd == null ? 'none' : `$${s.total_budget_usd}`}.`,
    `Size: ${m.numCols} variables (${count('x')} x, ${count('n')} n, ${count('r')} r, ${count('y')} y), ${m.rows.length} constraints` +
      ` (${rowsOf('serve')} serve, ${rowsOf('pool')} pool, ${rowsOf('power')} power, ${rowsOf('rack')} rack, ${rowsOf('site_racks')} siteracks` +
      `${rowsOf('capex') ? ', 1 capex' : ''}${rowsOf('budget') ? ', 1 budget' : ''}).`,
    'Exact: every candidate of DESIGN 4 is present (none pruned), no cut is added, and site power and racks',
    '  per site are constraint rows (not variable bounds): the optimum of this file is the optimum of the plan.',
  ];
  return { text: writeLp(m, { title: 'FleetPlan MILP (DESIGN.md section 5)', lines }), model: m };
}
