// A temp plan document served by `fleetplan serve`: created with `fleetplan init --demo`, the
// server started on a free port (URL parsed from its output), stopped and deleted afterwards.
// Used by the e2e fixture and by bench/workloads-view.ts.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ApiArgs, ApiName, ApiResponse, ApiResults } from '../../core/api.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = path.join(ROOT, 'bin', 'fleetplan.js');

export type PlanServer = {
  /** the page URL with its ?token= */
  url: string;
  origin: string;
  token: string;
  docPath: string;
  dir: string;
  /** call the API over HTTP, like the renderer does; throws on {ok:false} */
  api<N extends ApiName>(name: N, args: ApiArgs<N>): Promise<ApiResults[N]>;
  /** the raw response, for asserting on errors */
  apiRaw<N extends ApiName>(name: N, args: ApiArgs<N>): Promise<ApiResponse<N>>;
  stop(): Promise<void>;
};

function cli(args: string[], env: NodeJS.ProcessEnv): void {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`fleetplan ${args.join(' ')} exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
}

/** documents: serve with --documents (the temp folder): the API may open, create and save documents there by file name */
export type StartOptions = { demo?: boolean; name?: string; timeoutMs?: number; documents?: boolean };

export async function startPlanServer(opts: StartOptions = {}): Promise<PlanServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetplan-e2e-'));
  const docPath = path.join(dir, opts.name ?? 'e2e.fleetplan');
  const env = { ...process.env, FLEETPLAN_USER_DATA: path.join(dir, 'user-data') };
  cli(['init', docPath, ...(opts.demo === false ? [] : ['--demo'])], env);

  const child: ChildProcess = spawn(process.execPath, [CLI, 'serve', docPath, '--port', '0', ...(opts.documents ? ['--documents', dir] : [])], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`fleetplan serve printed no URL within ${opts.timeoutMs ?? 90_000} ms:\n${output}`)), opts.timeoutMs ?? 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(output);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`fleetplan serve exited (${code}) before printing a URL:\n${output}`));
    });
  });
  const parsed = new URL(url);
  const token = parsed.searchParams.get('token') ?? '';
  const origin = parsed.origin;

  async function apiRaw<N extends ApiName>(name: N, args: ApiArgs<N>): Promise<ApiResponse<N>> {
    const res = await fetch(`${origin}/api/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-fleet-token': token },
      body: JSON.stringify(args),
    });
    return (await res.json()) as ApiResponse<N>;
  }

  return {
    url,
    origin,
    token,
    docPath,
    dir,
    apiRaw,
    async api(name, args) {
      const r = await apiRaw(name, args);
      if (!r.ok) throw new Error(`${name}: ${r.error.code}: ${r.error.message}`);
      return r.value;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
