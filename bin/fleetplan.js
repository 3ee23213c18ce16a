#!/usr/bin/env node
// Launcher of the `fleetplan` command: needs Node ≥ 22.18 (native TypeScript type stripping and
// the better-sqlite3 build of this project). On an older node it re-runs itself with the Node 22
// of the project's node_modules/.bin, found relative to this file's real path.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const MIN = [22, 18];
const self = fs.realpathSync(fileURLToPath(import.meta.url));
const root = path.resolve(path.dirname(self), '..');
const [major, minor] = process.versions.node.split('.').map(Number);

if (major < MIN[0] || (major === MIN[0] && minor < MIN[1])) {
  const node = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'node.cmd' : 'node');
  if (process.env.FLEETPLAN_REEXEC || !fs.existsSync(node)) {
    process.stderr.write(
      `fleetplan needs Node ${MIN.join('.')} or newer (this is ${process.versions.node}); ` +
        `run npm install in ${root} to get it, or install a newer Node.\n`,
    );
    process.exit(2);
  }
  // Ctrl-C reaches the whole process group: the child stops its solve, keeps the plan and writes
  // --json; this process waits for its exit code. Without these handlers it died at once (the shell
  // saw 130 and prompted while the child still printed, and the child's exit code was lost).
  const ignore = () => {};
  const STOPS = ['SIGINT', 'SIGTERM'];
  for (const s of STOPS) process.on(s, ignore);
  const r = spawnSync(node, [self, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, FLEETPLAN_REEXEC: '1' },
  });
  for (const s of STOPS) process.off(s, ignore);
  if (r.error) {
    process.stderr.write(`fleetplan: cannot run ${node}: ${r.error.message}\n`);
    process.exit(2);
  }
  if (r.signal) process.kill(process.pid, r.signal);
  process.exit(r.status ?? 1);
} else {
  const { runCli } = await import(pathToFileURL(path.join(root, 'electron', 'cli', 'main.ts')).href);
  await runCli(process.argv.slice(2));
}
