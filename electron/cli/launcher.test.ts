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

describe('bin/fleetplan.js re-run on an older Node', { timeout: 120_000 }, () => {
  it.skipIf(skipWhy != null)('Ctrl-C during a solve: the parent waits and exits with the child\'s code, after its output and --json', async () => {
    const dir = tempDir();
    const plan = path.join(dir, 'p.fleetplan');
    const json = path.join(dir, 'plan.json');
    const env: NodeJS.ProcessEnv = { ...process.env, FLEETPLAN_USER_DATA: tempDir('fleetplan-user-') };
    delete env['FLEETPLAN_REEXEC'];
    expect(spawnSync(SYSTEM_NODE!, [BIN, 'init', plan, '--demo'], { env, encoding: 'utf8', timeout: 60_000 }).status).toBe(0);
    // its own process group, as a shell's foreground job: the SIGINT goes to the group
    const child = spawn(SYSTEM_NODE!, [BIN, 'optimize', plan, '--time-limit', '10', '--json', json], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (c: Buffer) => {
        err += c.toString();
        if (/optimizing scenario/.test(err)) resolve();
      });
      void exited.then(() => reject(new Error(`optimize ended before the SIGINT: ${err}`)));
    });
    process.kill(-child.pid!, 'SIGINT');
    const code = await exited;
    // the child's answer, not a death by signal (null) or the shell's 130: a plan kept is 0, none 1
    expect(code === 0 || code === 1, `exit ${code}: ${err}`).toBe(true);
    expect(fs.existsSync(json), err).toBe(true);
    const doc = JSON.parse(fs.readFileSync(json, 'utf8')) as { status: string };
    expect(code).toBe(doc.status === 'optimal' || doc.status === 'time_limit' ? 0 : 1);
    expect(out.length).toBeGreaterThan(0);
  });
});
