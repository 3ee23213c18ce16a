// fleetplan optimize PLAN [--json OUT] [--time-limit S]: solves the active scenario in the
// optimizer worker, stores the plan with its input hash, prints a summary, writes DESIGN 8 JSON.
// Exit 0 optimal/time_limit, 1 infeasible/no_plan (reason printed), 2 bad input.
import fs from 'node:fs';
import path from 'node:path';
import { describeBinding } from '../../../core/optimizer/binding.ts';
import type { PlanResult } from '../../../core/types.ts';
import { OptimizerHost } from '../../backend/optimizer-host.ts';
import { inputHash, planInput, storePlan } from '../../backend/repo/plans.ts';
import { getScenario } from '../../backend/repo/scenarios.ts';
import { badInput, EXIT_INFEASIBLE, EXIT_OK, parseCommandArgs, type Command } from '../command.ts';
import { withPlan } from '../plan-file.ts';

const usd = (v: number | null) => (v == null ? '—' : `$${Math.round(v).toLocaleString('en-US')}`);

export function workerUrl(): URL {
  return new URL('../../backend/optimizer.worker.ts', import.meta.url);
}

/** Human summary of a plan, a few lines. */
export function summarisePlan(r: PlanResult): string[] {
  const lines: string[] = [];
  if (r.status === 'infeasible' || r.status === 'no_plan') {
    lines.push(`status: ${r.status} (${(r.solve_ms / 1000).toFixed(1)} s)`);
    for (const reason of r.reasons ?? []) lines.push(`  ${reason}`);
    return lines;
  }
  lines.push(
    `status: ${r.status}${r.stopped_by === 'user' ? ' (stopped by the user)' : ''}  objective ${usd(r.objective_usd)}  bound ${usd(r.bound_usd)}  gap ${r.gap == null ? '—' : (r.gap * 100).toFixed(3) + ' %'}  (${(r.solve_ms / 1000).toFixed(1)} s)`,
  );
  lines.push(`horizon cost ${usd(r.totals.horizon_cost_usd)}, capex ${usd(r.totals.capex_usd)}`);
  const byKind = new Map<string, number>();
  for (const a of r.assignments) byKind.set(a.kind, (byKind.get(a.kind) ?? 0) + 1);
  lines.push(`workloads: ${r.assignments.length} served (${[...byKind].map(([k, n]) => `${n} ${k}`).join(', ') || 'none'}), ${r.unserved.length} unserved`);
  for (const p of r.pools) lines.push(`  ${p.site}: ${p.units} × ${p.option} for ${p.model}`);
  for (const s of r.sites) {
    if (s.racks_used === 0) continue;
    lines.push(`  site ${s.site}: ${s.power_kw_used.toFixed(1)} / ${s.power_kw_limit} kW, ${s.racks_used} / ${s.racks_limit} racks`);
  }
  for (const u of r.unserved) lines.push(`  unserved ${u.workload}: ${u.reason}`);
  const bv = describeBinding(r);
  for (const b of bv.items) lines.push(`  binding: ${b.detail}`);
  if (bv.note) lines.push(`  binding limits: ${bv.note}`);
  return lines;
}

/** The --json target, checked before the solve: its folder exists and is writable, it is no folder. */
function checkJsonOut(out: string | undefined): string | undefined {
  if (out == null) return undefined;
  const abs = path.resolve(out);
  const dir = path.dirname(abs);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw badInput(`--json ${out}: folder ${dir} does not exist`);
  if (fs.existsSync(abs) && fs.statSync(abs).isDirectory()) throw badInput(`--json ${out} is a folder; give a file name`);
  try {
    fs.accessSync(fs.existsSync(abs) ? abs : dir, fs.constants.W_OK);
  } catch (e) {
    throw badInput(`--json ${out}: cannot write there (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return abs;
}

export const optimize: Command = {
  name: 'optimize',
  summary: 'find the least-cost fleet for the active scenario and store it (--json OUT writes the plan)',
  usage: 'fleetplan optimize PLAN [--json OUT] [--time-limit SECONDS]',
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs(this, args, {
      json: { type: 'string' },
      'time-limit': { type: 'string' },
    });
    const [file, ...extra] = positionals;
    if (!file || extra.length) throw badInput(`expected one PLAN\nusage: ${this.usage}`);
    let timeLimit: number | undefined;
    if (values['time-limit'] != null) {
      timeLimit = Number(values['time-limit']);
      if (!Number.isFinite(timeLimit) || timeLimit <= 0) throw badInput(`--time-limit: "${values['time-limit']}" is not a positive number of seconds`);
    }
    const jsonOut = checkJsonOut(values.json);
    return withPlan(file, this.usage, async (doc) => {
      const scenario = getScenario(doc.db).name;
      const input = planInput(doc.db);
      const hash = inputHash(input);
      const limit = timeLimit ?? input.settings.time_limit_s;
      ctx.err(`optimizing scenario ${scenario}: ${input.workloads.length} workloads, ${input.sites.length} sites, time limit ${limit} s`);
      if (input.workloads.length === 0) ctx.out(`note: scenario has no workloads (${scenario}): the plan is empty and costs $0; import workloads first`);
      const host = new OptimizerHost(workerUrl());
      let result: PlanResult;
      try {
        const id = host.start(input, { timeLimitS: limit });
        const onAbort = () => host.cancel(id);
        ctx.signal.addEventListener('abort', onAbort, { once: true });
        try {
          result = await host.wait(id);
        } finally {
          ctx.signal.removeEventListener('abort', onAbort);
        }
      } finally {
        await host.close();
      }
      storePlan(doc.db, { input, result, hash });
      for (const l of summarisePlan(result)) ctx.out(l);
      if (jsonOut) {
        try {
          fs.writeFileSync(jsonOut, JSON.stringify(result, null, 2) + '\n');
        } catch (e) {
          throw badInput(`--json ${jsonOut}: cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
        }
      }
      return result.status === 'optimal' || result.status === 'time_limit' ? EXIT_OK : EXIT_INFEASIBLE;
    });
  },
};
