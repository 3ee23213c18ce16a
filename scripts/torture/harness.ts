// The torture harness: seeded attacks on every boundary, each a property that must hold for any
// input (`npm run torture` runs it long; torture.test.ts runs a small bounded slice in npm test).
// Kill at random moments, fuzzed CSV / catalog / API inputs, HTTP probes, damaged documents.
// Every check returns {trials, failures}; a failure names the input that broke the property.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import Database from 'better-sqlite3';
import { apiSchemas, FleetError } from '../../core/api.ts';
import { checkCatalog } from '../../core/csv/catalog.ts';
import { previewCsv } from '../../core/csv/import.ts';
import { dispatcherFor } from '../../electron/backend/api-handlers.ts';
import { Backend } from '../../electron/backend/backend.ts';
import { startHttpServer } from '../../electron/backend/http-server.ts';
import { stubSeed } from '../../electron/backend/test-helpers.ts';

export type CheckResult = { name: string; trials: number; failures: string[] };
export type Budget = { seed: number; trials: number };

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(ROOT, 'electron/cli/main.ts');
const tmp = (p: string) => fs.mkdtempSync(path.join(os.tmpdir(), `fleetplan-torture-${p}-`));
const show = (v: unknown) => JSON.stringify(v)?.slice(0, 300) ?? String(v);

/** fc.assert over `trials` runs, collecting counterexamples instead of throwing. */
function run<T>(name: string, arb: fc.Arbitrary<T>, prop: (v: T) => string | null, b: Budget): CheckResult {
  const failures: string[] = [];
  fc.assert(
    fc.property(arb, (v) => {
      let why: string | null;
      try {
        why = prop(v);
      } catch (e) {
        why = `threw ${(e as Error).message}`;
      }
      if (why && failures.length < 20) failures.push(`${why} — input ${show(v)}`);
      return true;
    }),
    { seed: b.seed, numRuns: b.trials },
  );
  return { name, trials: b.trials, failures };
}

const EOL = fc.constantFrom('\n', '\r\n', '\r');
const cell = fc.oneof(fc.constantFrom('', '1', '-3', '1e14', 'x', 'llama', 'NaN', '1,5', '"', '""', 'caf\u00e9', 'cafe\u0301', '\u001b[2J'), fc.string({ maxLength: 8 }));

/** CSV rows with mixed line endings: every data row is added or rejected, never lost. */
export function csvRowsAccounted(b: Budget): CheckResult {
  const simple = fc.stringMatching(/^[a-z][a-z0-9 -]{0,10}$/);
  const row = fc.tuple(simple, fc.constantFrom('m', 'llama'), fc.oneof(fc.integer({ min: -5, max: 1e6 }).map(String), fc.constantFrom('1e14', 'x', '')));
  const arb = fc.tuple(fc.array(fc.tuple(row, EOL), { minLength: 1, maxLength: 30 }), EOL);
  return run('csv: mixed line endings, all rows accounted for', arb, ([rows, first]) => {
    const text = 'name,model,avg_output_tps' + first + rows.map(([r, e]) => r.join(',') + e).join('');
    const p = previewCsv('workloads', text);
    if (p.fatal) return `fatal: ${p.fatal}`;
    if (p.totalRows !== rows.length) return `${rows.length} rows in, totalRows ${p.totalRows}`;
    if (p.rows.length + p.invalidRows !== rows.length) return `${p.rows.length} valid + ${p.invalidRows} invalid ≠ ${rows.length}`;
    // a row's reported line is its physical line (header is line 1, one break each)
    const lines = new Set([...p.rows.map((r) => r.line), ...p.errors.map((e) => e.line)]);
    for (const l of lines) if (l < 2 || l > rows.length + 1) return `line ${l} outside 2..${rows.length + 1}`;
    for (const r of p.rows) if (!(r.value.avg_output_tps > 0 && r.value.avg_output_tps <= 1e8)) return `accepted ${r.value.avg_output_tps}`;
    return null;
  }, b);
}

/** Arbitrary bytes and cell soup into both CSV kinds: no throw, accounting holds. */
export function csvFuzz(b: Budget): CheckResult {
  const text = fc.array(fc.tuple(fc.array(cell, { maxLength: 6 }), EOL), { maxLength: 20 }).map((rows) => rows.map(([c, e]) => c.join(fc.sample(fc.constantFrom(',', ';', '\t'), 1)[0]) + e).join(''));
  const arb = fc.tuple(fc.constantFrom('workloads' as const, 'sites' as const), fc.oneof(text.map((t) => 'name,model,avg_output_tps,it_power_kw,racks\n' + t), fc.uint8Array({ maxLength: 400 })));
  return run('csv: fuzzed text and bytes', arb, ([kind, input]) => {
    const p = previewCsv(kind, input);
    if (!p.fatal && p.rows.length + p.invalidRows !== p.totalRows) return `accounting: ${p.rows.length} + ${p.invalidRows} ≠ ${p.totalRows}`;
    for (const e of p.errors) if (!e.reason || e.line < 1) return `error without reason or line: ${show(e)}`;
    return null;
  }, b);
}

/** Catalog JSON: arbitrary text and values are checked, never crash, a syntax error names line and column. */
export function catalogFuzz(b: Budget): CheckResult {
  const arb = fc.oneof(fc.json(), fc.string(), fc.jsonValue(), fc.json().map((j) => j.slice(0, Math.max(0, j.length - 1))));
  return run('catalog: fuzzed JSON', arb, (input) => {
    const r = checkCatalog(input);
    if (typeof input === 'string') {
      let valid = true;
      try {
        JSON.parse(input);
      } catch {
        valid = false;
      }
      if (!valid && !/^not valid JSON at line \d+, column \d+: /.test(r.errors[0]?.message ?? '')) return `syntax error without a position: ${r.errors[0]?.message}`;
    }
    if (r.catalog === null && r.errors.length === 0) return 'refused without an error';
    return null;
  }, b);
}

/** The handler table: any name with any arguments answers {ok} or {code,message}, never internal. */
export async function apiFuzz(b: Budget): Promise<CheckResult> {
  const dir = tmp('api');
  const backend = new Backend({ userDataDir: dir, seed: stubSeed });
  await backend.create(path.join(dir, 'a.fleetplan'), { demo: true });
  const dispatch = dispatcherFor(backend);
  // calls that print, solve or swap documents are exercised by their own tests
  const names = Object.keys(apiSchemas).filter((n) => !/^(report-pdf|optimize-start|sensitivity-reoptimize|document-)/.test(n));
  const value = fc.oneof(fc.jsonValue(), fc.constantFrom(1e14, -1, 1e308, 'cafe\u0301', '\u202egnp', '', null));
  const args = fc.oneof(fc.dictionary(fc.constantFrom('name', 'workload', 'site', 'patch', 'names', 'scenario', 'planId', 'jobId', 'kind', 'rows', 'catalog', 'option', 'model'), value), value);
  const failures: string[] = [];
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...names), args, async (name, a) => {
      const r = await dispatch(name, a);
      if (!r.ok && (r.error.code === 'internal' || !r.error.message)) {
        if (failures.length < 20) failures.push(`${name} ${show(a)} → ${r.error.code}: ${r.error.message}`);
      }
      if (backend.db.pragma('integrity_check', { simple: true }) !== 'ok') failures.push(`integrity lost after ${name}`);
      return true;
    }),
    { seed: b.seed, numRuns: b.trials },
  );
  await backend.dispose();
  return { name: 'api: fuzzed names and arguments', trials: b.trials, failures };
}

function request(port: number, o: { method: string; path: string; headers: Record<string, string>; body?: string }): Promise<number> {
  return new Promise((resolve) => {
    let status = -1;
    // a fresh connection per probe: a kept-alive socket the server closed is not the server's failure
    const req = http.request({ host: '127.0.0.1', port, method: o.method, path: o.path, headers: o.headers, agent: false }, (res) => {
      status = res.statusCode ?? 0;
      res.resume();
      res.on('end', () => resolve(status));
      res.on('error', () => resolve(status));
    });
    // an answer given before the body was sent may reset the upload: the answer is what counts
    req.on('error', () => resolve(status));
    if (o.body !== undefined) req.write(o.body);
    req.end();
  });
}

/** HTTP probes: odd paths, cookies, headers and bodies never get a 5xx (but 503 busy) and never stop the server. */
export async function httpProbes(b: Budget): Promise<CheckResult> {
  const dir = tmp('http');
  const backend = new Backend({ userDataDir: dir, seed: stubSeed });
  await backend.create(path.join(dir, 'h.fleetplan'), { demo: true });
  const staticDir = path.join(dir, 'static');
  fs.mkdirSync(staticDir);
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html>');
  const victim = path.join(dir, 'victim.txt');
  fs.writeFileSync(victim, 'keep');
  const server = await startHttpServer({ dispatch: dispatcherFor(backend), staticDir, paths: { documents: null } });
  const seg = fc.oneof(fc.constantFrom('api', 'document-info', 'report-pdf', 'document-save-as', '%E0%A4%A', '..', '%2e%2e', 'index.html', '%00', 'x'.repeat(5000)), fc.string({ maxLength: 10 }).map(encodeURIComponent));
  const arb = fc.record({
    method: fc.constantFrom('GET', 'POST', 'PUT', 'HEAD'),
    segs: fc.array(seg, { minLength: 1, maxLength: 3 }),
    token: fc.constantFrom('good', 'none', 'bad'),
    cookie: fc.constantFrom('', `fleet_token_${server.port}=%E0%A4%A`, `fleet_token_${server.port}=${server.token}`, 'a=b; ;;=x'),
    body: fc.oneof(fc.constant(undefined), fc.json(), fc.constant(JSON.stringify({ path: victim })), fc.string({ maxLength: 50 })),
  });
  const failures: string[] = [];
  await fc.assert(
    fc.asyncProperty(arb, async (o) => {
      const headers: Record<string, string> = { host: `127.0.0.1:${server.port}` };
      if (o.token !== 'none') headers['x-fleet-token'] = o.token === 'good' ? server.token : 'f'.repeat(64);
      if (o.cookie) headers.cookie = o.cookie;
      const status = await request(server.port, { method: o.method, path: '/' + o.segs.join('/'), headers, body: o.body });
      if ((status >= 500 && status !== 503) || status === -1) failures.length < 20 && failures.push(`${status} for ${show(o)}`);
      return true;
    }),
    { seed: b.seed, numRuns: b.trials },
  );
  const alive = await request(server.port, { method: 'POST', path: '/api/document-info', headers: { host: `127.0.0.1:${server.port}`, 'x-fleet-token': server.token } });
  if (alive !== 200) failures.push(`server not answering after the probes (${alive})`);
  if (fs.readFileSync(victim, 'utf8') !== 'keep') failures.push('a request wrote a server path');
  await server.close();
  await backend.dispose();
  return { name: 'http: probes', trials: b.trials, failures };
}

/** Damaged documents: opening either works or is refused with a FleetError, and a refused file is untouched. */
export async function damagedDocuments(b: Budget): Promise<CheckResult> {
  const dir = tmp('damage');
  const backend = new Backend({ userDataDir: dir, seed: stubSeed });
  const good = path.join(dir, 'good.fleetplan');
  await backend.create(good, { demo: true });
  backend.db.pragma('wal_checkpoint(TRUNCATE)');
  await backend.dispose();
  const bytes = fs.readFileSync(good);
  const arb = fc.record({
    cut: fc.option(fc.integer({ min: 0, max: bytes.length }), { nil: undefined }),
    flips: fc.array(fc.tuple(fc.integer({ min: 0, max: bytes.length - 1 }), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
  });
  let n = 0;
  const r = run('documents: damaged files', arb, (o) => {
    const f = path.join(dir, `d${n++}.fleetplan`);
    const data = Buffer.from(o.cut === undefined ? bytes : bytes.subarray(0, o.cut));
    for (const [i, v] of o.flips) if (i < data.length) data[i] = v;
    fs.writeFileSync(f, data);
    try {
      const probe = new Backend({ userDataDir: dir });
      probe.open(f);
      probe.close();
    } catch (e) {
      if (!(e instanceof FleetError) && !/SQLITE_CORRUPT|malformed|not a database/i.test(String((e as Error).message))) return `unexpected ${(e as Error).message}`;
      if (e instanceof FleetError && !fs.readFileSync(f).equals(data)) return 'a refused file was modified';
    } finally {
      for (const s of ['', '-wal', '-shm']) fs.rmSync(f + s, { force: true });
    }
    return null;
  }, b);
  return r;
}

/** kill -9 during CLI writes: the document always opens afterwards with integrity_check ok. */
export async function killAtRandom(b: Budget): Promise<CheckResult> {
  const dir = tmp('kill');
  const doc = path.join(dir, 'k.fleetplan');
  const backend = new Backend({ userDataDir: dir, seed: stubSeed });
  await backend.create(doc, { demo: true });
  await backend.dispose();
  const csv = path.join(dir, 'w.csv');
  fs.writeFileSync(csv, 'name,model,avg_output_tps\n' + Array.from({ length: 3000 }, (_, i) => `w${i},llama-3.3-70b,${i + 1}`).join('\n') + '\n');
  const verbs = [
    ['import', doc, '--workloads', csv, '--on-duplicate', 'update'],
    ['set', doc, 'horizon_months=24'],
    ['scenario', doc, 'new', 'S'],
    ['export', doc, '--workloads', path.join(dir, 'out.csv')],
  ];
  const rng = fc.sample(fc.tuple(fc.nat(verbs.length - 1), fc.integer({ min: 0, max: 1500 })), { seed: b.seed, numRuns: b.trials });
  const failures: string[] = [];
  for (const [v, delay] of rng) {
    const args = verbs[v]!;
    const child = spawn(process.execPath, [CLI, ...args], { stdio: 'ignore', env: { ...process.env, FLEETPLAN_USER_DATA: dir } });
    await new Promise<void>((resolve) => {
      const t = setTimeout(() => child.kill('SIGKILL'), delay);
      child.on('exit', () => {
        clearTimeout(t);
        resolve();
      });
    });
    try {
      const db = new Database(doc);
      const ok = db.pragma('integrity_check', { simple: true });
      db.close();
      if (ok !== 'ok') failures.push(`${args[0]} killed after ${delay} ms: integrity ${String(ok)}`);
      const probe = new Backend({ userDataDir: dir });
      probe.open(doc);
      probe.close();
    } catch (e) {
      failures.push(`${args[0]} killed after ${delay} ms: ${(e as Error).message}`);
    }
    const stray = fs.readdirSync(dir).filter((f) => /\.tmp-\d+/.test(f));
    if (stray.length) {
      // a killed export may leave its temp file; the next run of any command must not trip on it
      for (const s of stray) fs.rmSync(path.join(dir, s), { force: true });
    }
  }
  return { name: 'kill -9 during CLI writes', trials: b.trials, failures };
}

export async function runAll(b: { seed: number; scale: number }): Promise<CheckResult[]> {
  const n = (k: number) => ({ seed: b.seed, trials: Math.max(1, Math.round(k * b.scale)) });
  return [
    csvRowsAccounted(n(200)),
    csvFuzz(n(200)),
    catalogFuzz(n(200)),
    await apiFuzz(n(100)),
    await httpProbes(n(100)),
    await damagedDocuments(n(40)),
    await killAtRandom(n(4)),
  ];
}
