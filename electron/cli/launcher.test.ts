// bin/fleetplan.js on a Node older than 22.18 re-runs itself with the project's Node 22: Ctrl-C
// (SIGINT to the process group, as a terminal sends it) must leave the parent waiting for the
// child, which stops its solve, keeps the plan and writes --json, and exit with the child's code.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../backend/test-helpers.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = path.join(ROOT, 'bin', 'fleetplan.js');
const HAS_DEFAULT_CATALOG = fs.existsSync(path.join(ROOT, 'core', 'catalog', 'index.ts')) && fs.existsSync(path.join(ROOT, 'core', 'catalog', 'demo.ts'));
/** the first `node` on PATH outside the project's node_modules (the system's) */
const SYSTEM_NODE = (process.env.PATH ?? '')
  .split(path.delimiter)
  .filter((d) => d && !path.resolve(d).startsWith(path.join(ROOT, 'node_modules')))
  .map((d) => path.join(d, 'node'))
  .find((f) => fs.existsSync(f));
const systemVersion = SYSTEM_NODE ? spawnSync(SYSTEM_NODE, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim() : '';
const [major = 0, minor = 0] = systemVersion.split('.').map(Number);
const reruns = major > 0 && (major < 22 || (major === 22 && minor < 18));
const skipWhy = !HAS_DEFAULT_CATALOG ? 'no demo catalog in this checkout'
  : !SYSTEM_NODE ? 'no system node on PATH'
  : !reruns ? `the system node ${systemVersion} runs the CLI itself (≥ 22.18): no re-run to test`
  : null;
if (skipWhy) console.log(`launcher.test.ts skipped: ${skipWhy}`);

/** A demo document (plus `csv`'s workloads) and `fleetplan optimize` started through the launcher in its own process group, once it says it is optimizing. */
async function optimizing(limitS: number, csv?: string) {
  const dir = tempDir();
  const plan = path.join(dir, 'p.fleetplan');
  const json = path.join(dir, 'plan.json');
  const env: NodeJS.ProcessEnv = { ...process.env, FLEETPLAN_USER_DATA: tempDir('fleetplan-user-') };
  delete env['FLEETPLAN_REEXEC'];
  expect(spawnSync(SYSTEM_NODE!, [BIN, 'init', plan, '--demo'], { env, encoding: 'utf8', timeout: 60_000 }).status).toBe(0);
  if (csv) {
    const file = path.join(dir, 'w.csv');
    fs.writeFileSync(file, csv);
    const imported = spawnSync(SYSTEM_NODE!, [BIN, 'import', plan, '--workloads', file], { env, encoding: 'utf8', timeout: 60_000 });
    expect(imported.status, imported.stderr).toBe(0);
  }
  // its own process group, as a shell's foreground job
  const child = spawn(SYSTEM_NODE!, [BIN, 'optimize', plan, '--time-limit', String(limitS), '--json', json], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const io = { out: '', err: '' };
  child.stdout.on('data', (c: Buffer) => (io.out += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    child.stderr.on('data', (c: Buffer) => {
      io.err += c.toString();
      if (/optimizing scenario/.test(io.err)) resolve();
    });
    void exited.then(() => reject(new Error(`optimize ended before the signal: ${io.err}`)));
  });
  return { pid: child.pid!, json, io, exited };
}

describe('bin/fleetplan.js re-run on an older Node', { timeout: 120_000 }, () => {
  it.skipIf(skipWhy != null)('Ctrl-C during a solve: the parent waits and exits with the child\'s code, after its output and --json', async () => {
    const { pid, json, io, exited } = await optimizing(10);
    // the SIGINT goes to the group
    process.kill(-pid, 'SIGINT');
    const code = await exited;
    // the child's answer, not a death by signal (null) or the shell's 130: a plan kept is 0, none 1
    expect(code === 0 || code === 1, `exit ${code}: ${io.err}`).toBe(true);
    expect(fs.existsSync(json), io.err).toBe(true);
    const doc = JSON.parse(fs.readFileSync(json, 'utf8')) as { status: string };
    expect(code).toBe(doc.status === 'optimal' || doc.status === 'time_limit' ? 0 : 1);
    expect(io.out.length).toBeGreaterThan(0);
  });

  it.skipIf(skipWhy != null)('a SIGTERM sent to the launcher alone (kill PID) reaches the child: it stops its solve, keeps the plan, and the launcher exits with its code', async () => {
    // enough workloads that a 120-s limit is not reached before the signal
    const models = ['llama-3.1-8b', 'llama-3.3-70b'];
    const csv = ['name,model,avg_output_tps', ...Array.from({ length: 600 }, (_, i) => `w${i},${models[i % 2]},${40 + ((i * 37) % 900)}`)].join('\n') + '\n';
    const { pid, json, io, exited } = await optimizing(120, csv);
    // (a first plan comes within a second or so; without one the answer is no_plan, exit 1, also stopped by the user)
    await new Promise((resolve) => setTimeout(resolve, 3000));
    // the launcher alone, not its group (a wrapper's child.kill(), `kill PID`): before, it ignored the
    // signal and the solve ran on to its limit
    process.kill(pid, 'SIGTERM');
    const code = await exited;
    expect(io.out + io.err).toMatch(/stopped by the user/);
    const doc = JSON.parse(fs.readFileSync(json, 'utf8')) as { status: string };
    // a plan kept is 0, none 1 (a solve that proved its plan before the signal stops only its limit check)
    expect(code, io.err).toBe(doc.status === 'optimal' || doc.status === 'time_limit' ? 0 : 1);
  });
});
