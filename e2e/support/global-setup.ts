// Builds the renderer once before the run (out/renderer is what `fleetplan serve` hosts), so the
// specs test the current source. FLEETPLAN_E2E_SKIP_BUILD=1 reuses an existing build.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export default function globalSetup(): void {
  const index = path.join(ROOT, 'out', 'renderer', 'index.html');
  if (process.env.FLEETPLAN_E2E_SKIP_BUILD === '1' && fs.existsSync(index)) return;
  const vite = path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const r = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn', '-c', 'renderer/vite.config.ts'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`renderer build failed:\n${r.stdout}\n${r.stderr}`);
  if (!fs.existsSync(index)) throw new Error(`renderer build produced no ${index}`);
}
