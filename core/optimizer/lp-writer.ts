// CPLEX LP text of the structured MILP (DESIGN 7 "LP file"): the exact model, numbers written with
// round-trip precision, safe ASCII names (x_12_3 …) explained in a leading comment block.
// Readable by HiGHS, CBC and GLPK: lines are wrapped well under 255 characters.
import type { MilpModel } from './model.ts';

/** Shortest text that parses back to exactly v (JS round-trip), in a form LP readers accept. */
export function lpNumber(v: number): string {
  if (!Number.isFinite(v)) throw new Error(`cannot write ${v} into an LP file`);
  if (Object.is(v, -0)) return '0';
  return String(v); // e.g. 0.1, 1e-7, 1.2345678901234567e+21: all valid LP number syntax
}

function commentSafe(s: string): string {
  return s.replace(/[\r\n]+/g, ' ');
}

function writeTerms(out: string[], head: string, idx: number[], val: number[], names: string[]): void {
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

export function writeLp(m: MilpModel, title = 'FleetPlan MILP (DESIGN.md section 5)'): string {
  const out: string[] = [];
  out.push(`\\ ${commentSafe(title)}`);
  out.push('\\ Objective: horizon cost in USD (section 6) + unserved penalty × H.');
  out.push('\\ Variables:');
  for (const d of m.describe) out.push(`\\   ${commentSafe(d)}`);
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
