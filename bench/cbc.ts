// Head-to-head bench: each generated scenario (bench/scenarios.ts) is written with the project's LP
// writer (exactLp, what `fleetplan export-lp` writes), solved by CBC under a wall-time limit, then
// solved by FleetPlan's solver under the same limit, one after the other (never concurrently, so
// neither steals the other's core). CBC is a yardstick for the bench only, never an app dependency.
// Run alone: node bench/cbc.ts [--sizes 20,200] [--limits 2,10] [--kinds hard,roomy] [--periods 1,3,6]
//            [--full] [--keep DIR] [--json OUT]
import loadHighs, { type Highs } from 'highs';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { pickEngine, type Engine } from './engine.ts';
import { generateScenario, HORIZON, probeFeatures, scenarioGrid, SCENARIO_KINDS, type Scenario, type ScenarioKind } from './scenarios.ts';

export type CbcStatus = 'optimal' | 'time_limit' | 'no_plan' | 'infeasible' | 'error';
export type CbcRun = {
  status: CbcStatus;
  /** CBC's objective as it reports it (without any constant the LP reader dropped) */
  objective: number | null;
  bound: number | null;
  wallMs: number;
  /** CPU seconds CBC reports (the machine may be shared: CPU below wall means it waited for a core) */
  cpuS: number | null;
  /** nonzero column values by LP name, from CBC's solution file */
  values: Map<string, number>;
  message?: string;
};

/** Where cbc is, installing Debian's coinor-cbc when it is missing (and saying so); null if neither works. */
export function findCbc(install = true, log: (s: string) => void = console.log): string | null {
  const which = () => {
    const r = spawnSync('sh', ['-c', 'command -v cbc'], { encoding: 'utf8' });
    return r.status === 0 ? r.stdout.trim() || null : null;
  };
  const found = which();
  if (found || !install) return found;
  log('cbc not found: installing the Debian package coinor-cbc (bench only; FleetPlan does not use it)');
  const sudo = process.getuid?.() === 0 ? [] : ['sudo', '-n'];
  const run = (args: string[]) => {
    const cmd = [...sudo, 'apt-get', ...args];
    const r = spawnSync(cmd[0]!, cmd.slice(1), { stdio: 'inherit' });
    if (r.status !== 0) log(`  ${cmd.join(' ')} failed (${r.error?.message ?? `exit ${r.status ?? r.signal}`})`);
    return r.status === 0;
  };
  // a fresh container may have no package lists yet: update once, then retry
  if (!run(['install', '-y', 'coinor-cbc']) && run(['update'])) run(['install', '-y', 'coinor-cbc']);
  const now = which();
  if (now) log(`  installed: ${now}`);
  return now;
}

export function cbcVersion(cbc: string): string {
  const out = spawnSync(cbc, ['-quit'], { encoding: 'utf8', input: '' }).stdout ?? '';
  return /Version:\s*(\S+)/.exec(out)?.[1] ?? 'unknown';
}

/**
 * The constant term of an LP file's objective (0 when there is none). CBC's LP reader accepts
 * `obj: 2 x + 5` but drops the 5 without a word (CBC 2.10), so the bench adds it back.
 */
export function lpObjectiveConstant(lp: string): number {
  const start = lp.search(/^\s*(minimize|minimise|minimum|min|maximize|maximise|max)\s*$/im);
  const end = lp.search(/^\s*(subject to|such that|st|s\.t\.)\s*$/im);
  if (start < 0 || end < 0) return 0;
  const body = lp.slice(start, end).split('\n').slice(1).filter((l) => !l.trimStart().startsWith('\\')).join(' ').replace(/^\s*[^\s:]+:/, '');
  const toks = body.match(/[+-]|[^\s+-]+(?:[eE][+-]?\d+)?/g) ?? [];
  let constant = 0, sign = 1, coef: number | null = null;
  const flush = () => { if (coef != null) constant += sign * coef; coef = null; sign = 1; };
  for (const t of toks) {
    if (t === '+' || t === '-') { flush(); sign = t === '-' ? -1 : 1; continue; }
    const v = Number(t);
    if (Number.isFinite(v) && /^[\d.]/.test(t)) { if (coef != null) flush(); coef = v; continue; }
    coef = null; sign = 1; // a variable: its coefficient was not a constant
  }
  flush();
  return constant;
}

const num = (s: string | undefined) => (s == null ? null : Number.isFinite(Number(s)) ? Number(s) : null);

/** Status, objective and bound from CBC's log and the first line of its solution file. */
export function parseCbc(log: string, solHead: string): Pick<CbcRun, 'status' | 'objective' | 'bound'> {
  const result = /^Result - (.*)$/m.exec(log)?.[1] ?? '';
  const obj = num(/^Objective value:\s+(\S+)/m.exec(log)?.[1] ?? /objective value\s+(\S+)/i.exec(solHead)?.[1]);
  const lower = num(/^Lower bound:\s+(\S+)/m.exec(log)?.[1]);
  if (/infeasible/i.test(result) || /Problem is infeasible/.test(log) || /^(Integer )?infeasible/i.test(solHead)) return { status: 'infeasible', objective: null, bound: null };
  if (/^Optimal/i.test(result) || /^Optimal/i.test(solHead)) return { status: 'optimal', objective: obj, bound: obj };
  const noPlan = /No feasible solution found/i.test(log) || /^Stopped.*no solution|^No feasible/i.test(solHead);
  if (/Stopped on time|time limit/i.test(result) || /^Stopped on time/i.test(solHead)) {
    return noPlan || obj == null ? { status: 'no_plan', objective: null, bound: lower } : { status: 'time_limit', objective: obj, bound: lower };
  }
  return { status: obj == null ? 'error' : 'time_limit', objective: obj, bound: lower };
}

/** CBC's relative gap at which it stops and says "optimal" (runCbc's default): DESIGN 5's optimality test */
export const CBC_RATIO_GAP = 1e-4;

/** Solves an LP file with CBC under a wall-time limit (CBC's own clock, elapsed mode), single-threaded. */
export function runCbc(cbc: string, lpPath: string, limitS: number, ratioGap = CBC_RATIO_GAP): CbcRun {
  const sol = lpPath.replace(/\.lp$/, '') + '.sol';
  fs.rmSync(sol, { force: true });
  const t0 = performance.now();
  // a hard stop well past the limit, so a CBC stuck in preprocessing cannot hang the bench. CBC
  // 2.10.8 overflows an 8 MB stack on the 5,000-workload 3-period LPs (SIGSEGV 0.1 s in, before its
  // LP): it runs with the stack unlimited where the shell allows it (exec: the pid stays CBC's)
  const r = spawnSync('sh', ['-c', 'ulimit -s unlimited 2>/dev/null; exec "$@"', 'sh', cbc, lpPath, 'timeMode', 'elapsed', 'sec', String(limitS), 'ratioGap', String(ratioGap), 'solve', 'solu', sol], {
    encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, timeout: (limitS * 5 + 120) * 1000,
  });
  const wallMs = performance.now() - t0;
  const values = new Map<string, number>();
  // a crash or a hang is said in the row, never a hang of the bench
  const timedOut = (r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
  if (r.error || r.signal) {
    const message = timedOut ? `CBC did not stop: killed ${(limitS * 5 + 120).toFixed(0)} s after its start` : r.error ? `CBC failed: ${r.error.message}` : `CBC crashed (killed by ${r.signal})`;
    return { status: 'error', objective: null, bound: null, wallMs, cpuS: null, values, message };
  }
  if (r.status !== 0 && !/^Result - /m.test(r.stdout)) return { status: 'error', objective: null, bound: null, wallMs, cpuS: null, values, message: `CBC crashed (exit status ${r.status})` };
  const solText = fs.existsSync(sol) ? fs.readFileSync(sol, 'utf8') : '';
  const lines = solText.split('\n');
  for (const l of lines.slice(1)) {
    const m = /^\s*\d+\s+(\S+)\s+(\S+)/.exec(l);
    if (m) values.set(m[1]!, Number(m[2]));
  }
  const cpuS = num(/^Total time \(CPU seconds\):\s+(\S+)/m.exec(r.stdout)?.[1]);
  const parsed = parseCbc(r.stdout, lines[0] ?? '');
  // keep CBC's own words for a verdict the bench may have to question
  const said = /^(Result - .*|Problem is infeasible.*|.*infeasible.*)$/im.exec(r.stdout)?.[1]?.trim();
  return { ...parsed, wallMs, cpuS, values, ...(parsed.status === 'infeasible' && said ? { message: `CBC said: ${said}` } : {}) };
}

export type HeadToHead = {
  scenario: string;
  kind: ScenarioKind;
  periods: number;
  n: number;
  limitS: number;
  fp: { status: string; objective: number | null; bound: number | null; wallMs: number; cpuS: number };
  cbc: CbcRun & { constant: number; recomputed: number | null };
  lp: { cols: number; rows: number; writeMs: number };
  notes: string[];
};

function gap(obj: number | null, bound: number | null): number | null {
  return obj == null || bound == null ? null : Math.max(0, obj - bound) / Math.max(1, Math.abs(obj));
}

/** One scenario at one limit: CBC on the exported LP, then FleetPlan in this process. */
export function headToHead(engine: Engine, highs: Highs, cbc: string, sc: Scenario, limitS: number, dir: string): HeadToHead {
  const t0 = performance.now();
  const { text, model } = engine.exactLp(sc.input, sc.name);
  const lpPath = path.join(dir, `${sc.name}-${limitS}s.lp`);
  fs.writeFileSync(lpPath, text);
  const writeMs = performance.now() - t0;
  const constant = lpObjectiveConstant(text);
  const c = runCbc(cbc, lpPath, limitS);
  // CBC's objective recomputed from its columns and the model's costs: checks the parse and names
  let recomputed: number | null = null;
  if (c.objective != null && c.values.size > 0) {
    recomputed = constant;
    for (let j = 0; j < model.numCols; j++) recomputed += (model.colCost[j] ?? 0) * (c.values.get(model.colName[j]!) ?? 0);
  }
  const f0 = performance.now();
  const cpu0 = process.cpuUsage();
  const r = engine.solve(highs, sc.input, { timeLimitS: limitS });
  const fpMs = performance.now() - f0;
  const cpu = process.cpuUsage(cpu0);
  return {
    scenario: sc.name, kind: sc.spec.kind, periods: sc.spec.periods, n: sc.spec.n, limitS,
    fp: { status: r.status, objective: r.objective_usd, bound: r.bound_usd, wallMs: fpMs, cpuS: (cpu.user + cpu.system) / 1e6 },
    cbc: {
      ...c,
      objective: c.objective == null ? null : c.objective + constant,
      bound: c.bound == null ? null : c.bound + constant,
      constant, recomputed,
    },
    lp: { cols: model.numCols, rows: model.rows.length, writeMs },
    notes: sc.notes,
  };
}

const money = (v: number | null) => (v == null ? '—' : '$' + Math.round(v).toLocaleString('en-US'));
const pct = (v: number | null, d = 2) => (v == null ? '—' : (v * 100).toFixed(d) + ' %');
const secs = (ms: number) => (ms / 1000).toFixed(1) + ' s';

/** FleetPlan's plan cost ÷ CBC's: > 1 means FleetPlan's plan is dearer. null when either has no plan. */
export function ratioOf(h: HeadToHead): number | null {
  return h.fp.objective != null && h.cbc.objective != null ? h.fp.objective / h.cbc.objective : null;
}

export function formatRow(h: HeadToHead): string {
  const ratio = ratioOf(h);
  const best = Math.max(h.fp.bound ?? -Infinity, h.cbc.bound ?? -Infinity);
  const cells = [
    h.scenario.padEnd(15), String(h.limitS).padStart(3) + ' s',
    `${money(h.fp.objective).padStart(16)} ${h.fp.status.padEnd(10)}`,
    `${money(h.cbc.objective).padStart(16)} ${h.cbc.status.padEnd(10)}`,
    (ratio == null ? '—' : ratio.toFixed(4)).padStart(7),
    pct(gap(h.fp.objective, h.fp.bound)).padStart(9), pct(gap(h.cbc.objective, h.cbc.bound)).padStart(9),
    pct(Number.isFinite(best) ? gap(h.fp.objective, best) : null).padStart(9),
    `${secs(h.fp.wallMs)} (${h.fp.cpuS.toFixed(1)})`.padStart(13), `${secs(h.cbc.wallMs)} (${h.cbc.cpuS == null ? '—' : h.cbc.cpuS.toFixed(1)})`.padStart(13),
  ];
  return cells.join(' | ');
}

export const HEADER = [
  'scenario'.padEnd(15), 'limit', 'FleetPlan objective'.padStart(27), 'CBC objective'.padStart(27), 'FP/CBC'.padStart(7),
  'FP gap'.padStart(9), 'CBC gap'.padStart(9), 'FP vs best bound'.padStart(9), 'FP wall (cpu)'.padStart(13), 'CBC wall (cpu)'.padStart(13),
].join(' | ');

export type BenchOptions = {
  sizes: number[];
  limits: number[];
  kinds: ScenarioKind[];
  periods: number[];
  pairs?: [number, number][];
  engine?: 'auto' | 'app' | 'v2';
  keep?: string;
  json?: string;
};

/** `npm run bench` default: small and mid sizes, short limits, plus 1,000 at both; all kinds and periods. */
export const DEFAULT_PAIRS: [number, number][] = [[20, 2], [200, 10], [1000, 2], [1000, 10]];
export const FULL = { sizes: [20, 200, 1000, 5000], limits: [2, 10, 30, 60] };
/**
 * Period counts run unless --periods says otherwise: single purchase, yearly, and half-yearly (6
 * purchase periods: the model has twice the 3-period columns, and the LP stage takes most of a
 * 30-s limit at 1,000 workloads; hard 200 × 6 at 30 s gave $240.1 M, CBC $253.7 M after 740 s).
 */
export const DEFAULT_PERIODS = [1, 3, 6];

export async function main(opts?: Partial<BenchOptions>): Promise<void> {
  const o: BenchOptions = { sizes: [], limits: [], kinds: [...SCENARIO_KINDS], periods: DEFAULT_PERIODS, ...opts };
  const pairs: [number, number][] = o.pairs ?? (o.sizes.length || o.limits.length
    ? (o.sizes.length ? o.sizes : FULL.sizes).flatMap((n) => (o.limits.length ? o.limits : FULL.limits).map((l): [number, number] => [n, l]))
    : DEFAULT_PAIRS);
  const cbc = findCbc();
  if (!cbc) {
    console.log('cbc is not installed and could not be installed (apt-get install coinor-cbc): head-to-head skipped');
    return;
  }
  const engine = await pickEngine(o.engine ?? 'auto');
  const v2 = probeFeatures(engine.exactLp);
  console.log(`CBC ${cbcVersion(cbc)} (${cbc}), single thread, wall-time limit (timeMode elapsed), ratioGap 1e-4; FleetPlan: HiGHS wasm, single thread.`);
  console.log(engine.name === 'v2'
    ? 'Engine: DESIGN v2 (core/optimizer/v2: solvePlanV2, and exactLpV2 for the LP). Each scenario: CBC first on that LP, then FleetPlan with the same limit, one after the other.'
    : 'Engine: the app\'s optimizer (solvePlan). Each scenario: CBC first on the LP that `fleetplan export-lp` writes, then FleetPlan with the same limit, one after the other.');
  console.log(`DESIGN v2 knobs: periods ${v2.periods ? 'on' : 'off (the schema or the engine has no purchase periods yet; 3-period runs skipped)'}, replicas ${v2.replicas ? 'on' : 'off'}, model lists ${v2.modelLists ? 'on' : 'off'}.`);
  if (!opts?.pairs && !opts?.sizes?.length && !opts?.limits?.length) {
    console.log(`Default subset (size, limit): ${DEFAULT_PAIRS.map(([n, l]) => `${n}/${l}s`).join(', ')}. Full grid: node bench/cbc.ts --full (4 sizes × 4 limits × hard/roomy × 1, 3 and 6 periods; about an hour and a half).`);
  }
  const dir = o.keep ?? fs.mkdtempSync(path.join(os.tmpdir(), 'fleetplan-bench-cbc-'));
  fs.mkdirSync(dir, { recursive: true });
  const highs = await loadHighs();
  engine.solve(highs, generateScenario({ n: 20, kind: 'roomy', periods: 1, seed: 99 }, v2).input, { timeLimitS: 2 }); // warm-up (wasm JIT)
  const sizes = [...new Set(pairs.map(([n]) => n))];
  const specs = scenarioGrid(sizes, o.kinds, o.periods, v2);
  const results: HeadToHead[] = [];
  console.log('\nFP = FleetPlan. gap = (objective − own bound) ÷ objective; "FP vs best bound" uses the better of both bounds. Objectives in USD, DESIGN 5 (horizon cost + penalties).');
  console.log(`Wall times measured here, CPU seconds in brackets (a busy machine shows CPU well below wall). Load average now: ${os.loadavg()[0]!.toFixed(1)} on ${os.availableParallelism()} cores.`);
  console.log(HEADER);
  for (const spec of specs) {
    const sc = generateScenario(spec, v2);
    for (const [n, limit] of pairs) {
      if (n !== spec.n) continue;
      const h = headToHead(engine, highs, cbc, sc, limit, dir);
      results.push(h);
      console.log(formatRow(h));
      const warn: string[] = [];
      if (h.cbc.recomputed != null && h.cbc.objective != null && Math.abs(h.cbc.recomputed - h.cbc.objective) > 1e-6 * Math.max(1, Math.abs(h.cbc.objective)) + 1) {
        warn.push(`CBC's objective ${money(h.cbc.objective)} ≠ its columns priced by the model ${money(h.cbc.recomputed)}`);
      }
      if (h.cbc.constant !== 0) warn.push(`LP objective constant ${money(h.cbc.constant)} added to CBC's figures (its LP reader drops it)`);
      if (h.cbc.status === 'infeasible' && h.fp.objective != null) warn.push('CBC reports infeasible but FleetPlan found a plan of the same model: CBC\'s verdict is wrong (numerics or preprocessing)');
      if (h.cbc.message) warn.push(h.cbc.message);
      if (warn.length) console.log('    ' + warn.join('; '));
    }
    if (sc.notes.length) console.log(`    ${sc.name}: ${sc.notes.join(', ')}; LP ${results.at(-1)?.lp.cols ?? '?'} columns, ${results.at(-1)?.lp.rows ?? '?'} rows`);
  }
  summarize(results);
  if (o.json) fs.writeFileSync(o.json, JSON.stringify(results.map(({ cbc: { values: _v, ...c }, ...h }) => ({ ...h, cbc: c })), null, 1));
  if (!o.keep) fs.rmSync(dir, { recursive: true, force: true });
  else console.log(`LP and solution files kept in ${dir}`);
}

function summarize(results: HeadToHead[]): void {
  const both = results.filter((h) => ratioOf(h) != null);
  const fpOnly = results.filter((h) => h.fp.objective != null && h.cbc.objective == null);
  const cbcOnly = results.filter((h) => h.fp.objective == null && h.cbc.objective != null);
  const worst = both.reduce<HeadToHead | null>((w, h) => (w == null || ratioOf(h)! > ratioOf(w)! ? h : w), null);
  const lost = both.filter((h) => ratioOf(h)! > 1 + 1e-9).length;
  console.log('');
  if (cbcOnly.length) console.log(`FleetPlan found no plan where CBC did: ${cbcOnly.map((h) => `${h.scenario}/${h.limitS}s`).join(', ')}`);
  if (fpOnly.length) console.log(`CBC found no plan where FleetPlan did: ${fpOnly.map((h) => `${h.scenario}/${h.limitS}s`).join(', ')}`);
  console.log(worst
    ? `SUMMARY worst FleetPlan/CBC plan-cost ratio: ${ratioOf(worst)!.toFixed(4)} (${Math.abs((ratioOf(worst)! - 1) * 100).toFixed(2)} % ${ratioOf(worst)! > 1 ? 'dearer' : 'cheaper'}) on ${worst.scenario} at ${worst.limitS} s; FleetPlan dearer on ${lost} of ${both.length} runs with both plans${cbcOnly.length ? `, no plan on ${cbcOnly.length}` : ''}`
    : 'SUMMARY no run where both solvers found a plan');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string' }, limits: { type: 'string' }, kinds: { type: 'string' }, periods: { type: 'string' },
      full: { type: 'boolean' }, keep: { type: 'string' }, json: { type: 'string' }, engine: { type: 'string' }, help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(`usage: node bench/cbc.ts [--sizes 20,200,1000,5000] [--limits 2,10,30,60] [--kinds hard,roomy] [--periods 1,3,6]
                         [--full] [--engine auto|app|v2] [--keep DIR] [--json OUT]
  no size or limit given: the default subset (${DEFAULT_PAIRS.map(([n, l]) => `${n} workloads/${l} s`).join(', ')})
  --sizes/--limits: every size with every limit (a missing list takes the full grid's: ${FULL.sizes.join(',')} / ${FULL.limits.join(',')})
  --periods: purchase periods over the ${HORIZON}-month horizon (default ${DEFAULT_PERIODS.join(',')}; any divisor of ${HORIZON})
  --full: the full grid, 4 sizes × 4 limits × hard and roomy × the period counts
  --engine: app = the optimizer the app runs today (solvePlan, export-lp); v2 = core/optimizer/v2;
            auto (default) = v2 when the checkout has it
  --keep DIR: keep the LP and CBC solution files there; --json OUT: every run's figures as JSON`);
    process.exit(0);
  }
  const list = (s: string | undefined) => (s ? s.split(',').map((x) => Number(x.trim())).filter((x) => x > 0) : []);
  const kinds = values.kinds ? values.kinds.split(',').map((s) => s.trim()) : [...SCENARIO_KINDS];
  const bad = kinds.find((k) => !(SCENARIO_KINDS as readonly string[]).includes(k));
  if (bad) { console.error(`--kinds: unknown kind ${bad} (use ${SCENARIO_KINDS.join(', ')})`); process.exit(2); }
  const periods = list(values.periods);
  const odd = periods.find((p) => !Number.isInteger(p) || HORIZON % p !== 0);
  if (odd != null) { console.error(`--periods: ${odd} does not divide the scenarios' ${HORIZON}-month horizon (e.g. 1, 3, 6, 12)`); process.exit(2); }
  const engine = values.engine ?? 'auto';
  if (engine !== 'auto' && engine !== 'app' && engine !== 'v2') { console.error(`--engine: unknown engine ${engine} (use auto, app or v2)`); process.exit(2); }
  await main({
    sizes: values.full ? FULL.sizes : list(values.sizes),
    limits: values.full ? FULL.limits : list(values.limits),
    kinds: kinds as ScenarioKind[],
    periods: periods.length ? periods : DEFAULT_PERIODS,
    engine,
    ...(values.keep ? { keep: values.keep } : {}),
    ...(values.json ? { json: values.json } : {}),
  });
}
