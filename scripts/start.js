// `npm start`: the desktop app. Builds with electron-vite and starts Electron; where no Electron
// binary can be had (offline, no download), says so in one sentence and names `fleetplan serve`.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

export function electronBinary() {
  let dir;
  try {
    dir = path.dirname(require.resolve('electron/package.json', { paths: [root] }));
  } catch {
    return null;
  }
  const pathFile = path.join(dir, 'path.txt');
  const fromFile = () => {
    if (!existsSync(pathFile)) return null;
    const exe = path.join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(exe) ? exe : null;
  };
  if (fromFile()) return fromFile();
  // The electron package downloads its binary on first use; try once, quietly.
  const r = spawnSync(process.execPath, [path.join(dir, 'install.js')], { stdio: 'ignore', timeout: 180_000 });
  return r.status === 0 ? fromFile() : null;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const exe = electronBinary();
  if (!exe) {
    console.log(
      'No Electron binary can be downloaded on this machine, so run FleetPlan in your browser with `npx fleetplan serve PLAN.fleetplan` instead.',
    );
    process.exit(1);
  }
  const bin = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'electron-vite.cmd' : 'electron-vite');
  const r = spawnSync(bin, ['preview'], { stdio: 'inherit', cwd: root });
  process.exit(r.status ?? 1);
}
