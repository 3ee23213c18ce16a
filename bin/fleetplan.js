#!/usr/bin/env node
// Launcher of the `fleetplan` command: needs Node ≥ 22.18 (native TypeScript type stripping and
// the better-sqlite3 build of this project). On an older node it re-runs itself with the Node 22
// of the project's node_modules/.bin, found relative to this file's real path.
import { spawn } from 'node:child_process';
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
  // The child runs the command; this process relays its exit. A stop (Ctrl-C, which reaches the whole
  // process group, or a SIGINT/SIGTERM/SIGHUP sent to this process alone) is passed to the child as a
  // message over an IPC channel: it stops its solve, keeps the plan and writes --json (its abort is
  // idempotent, so Ctrl-C's own SIGINT and the message together stop it once), and it stops too when
  // this process dies without a word (the channel closes). Without this, Ctrl-C killed this process at
  // once (the shell saw 130 and prompted while the child still printed; its exit code was lost), and a
  // signal sent to this process alone never reached the child.
  const child = spawn(node, [self, ...process.argv.slice(2)], {
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, FLEETPLAN_REEXEC: '1' },
  });
  const STOPS = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const relay = () => { if (child.connected) child.send({ stop: true }); };
  for (const s of STOPS) process.on(s, relay);
  const [code, signal, error] = await new Promise((resolve) => {
    child.once('error', (e) => resolve([null, null, e]));
    child.once('exit', (c, sig) => resolve([c, sig, null]));
  });
  for (const s of STOPS) process.off(s, relay);
  if (error) {
    process.stderr.write(`fleetplan: cannot run ${node}: ${error.message}\n`);
    process.exit(2);
  }
  if (signal) process.kill(process.pid, signal);
  process.exit(code ?? 1);
} else {
  const { runCli } = await import(pathToFileURL(path.join(root, 'electron', 'cli', 'main.ts')).href);
  await runCli(process.argv.slice(2));
}
