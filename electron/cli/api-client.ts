// The `fleetplan` verbs' one entrance to behaviour: a Backend and the same typed dispatch the IPC
// and HTTP transports use. call() returns the answer's value or throws its FleetError, whose code
// maps to the exit code (command.ts: exitCodeFor). A verb parses its arguments, calls, and
// formats; it never reads the repositories itself (lint: .eslint/rules/code-layering.js).
import os from 'node:os';
import path from 'node:path';
import { FleetError, type ApiArgs, type ApiName, type ApiResults } from '../../core/api.ts';
import { dispatcherFor, type Dispatch } from '../backend/api-handlers.ts';
import { Backend, type OptimizerLike } from '../backend/backend.ts';
import { envReasonOfFleetError } from '../backend/env-errors.ts';
import { OptimizerHost } from '../backend/optimizer-host.ts';
import { badInput } from './command.ts';

export type Call = <N extends ApiName>(name: N, args: ApiArgs<N>) => Promise<ApiResults[N]>;

/** A backend for one verb: `dispatch` for a transport (serve), `call` for a verb; close() when done. */
/** changes: the document's change events (what `serve` streams to open pages) */
export type Connection = { call: Call; dispatch: Dispatch; changes: Backend['changes']; close(): Promise<void> };

export type ConnectOptions = {
  optimizer?: OptimizerLike;
  /** the recent list lives here, and opening a document adds to it (default: a temp folder, untouched) */
  userDataDir?: string;
  /** the built renderer the PDF printer loads (default: out/renderer) */
  rendererDir?: string;
};

/** The user-data folder of `serve` and `report`: FLEETPLAN_USER_DATA, else the XDG config folder. */
export function userDataDir(env: NodeJS.ProcessEnv): string {
  if (env.FLEETPLAN_USER_DATA) return env.FLEETPLAN_USER_DATA;
  const base = env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config');
  return path.join(base, 'fleetplan');
}

/**
 * The optimizer of the CLI: the solver runs in a worker_threads worker. `serve` warms it when it
 * starts (OptimizerHost.warm); the one-shot verbs (optimize, report --solve) do not: their own
 * solve comes at once, and a warm-up would only stop for it.
 */
export function createOptimizer(): OptimizerHost {
  return new OptimizerHost(new URL('../backend/optimizer.worker.ts', import.meta.url));
}

/** A backend with no document open yet; `file` names the document in the migration notice. */
export function connect(opts: ConnectOptions = {}, file?: string): Connection {
  const backend = new Backend({
    userDataDir: opts.userDataDir ?? os.tmpdir(),
    trackRecent: opts.userDataDir !== undefined,
    onBackup: (p) => process.stderr.write(`fleetplan: migrating ${file ?? 'the document'}; backup written to ${p}\n`),
    ...(opts.optimizer ? { optimizer: opts.optimizer } : {}),
    ...(opts.rendererDir ? { rendererDir: opts.rendererDir } : {}),
  });
  const dispatch = dispatcherFor(backend);
  const call: Call = async (name, args) => {
    const r = await dispatch(name, args);
    if (!r.ok) throw new FleetError(r.error.code, r.error.message, r.error.details);
    return r.value as ApiResults[typeof name];
  };
  return { call, dispatch, changes: backend.changes, close: () => backend.dispose() };
}

/** Connects and opens PLAN: a missing or foreign file is bad input (exit 2), a refused write stays exit 3. */
export async function openApi(file: string | undefined, usage: string, opts: ConnectOptions = {}): Promise<Connection> {
  if (!file) {
    await opts.optimizer?.close?.();
    throw badInput(`missing PLAN\nusage: ${usage}`);
  }
  const conn = connect(opts, file);
  try {
    await conn.call('document-open', { path: path.resolve(file) });
  } catch (e) {
    await conn.close();
    if (e instanceof FleetError && e.code !== 'internal' && !envReasonOfFleetError(e)) throw badInput(e.message);
    throw e;
  }
  return conn;
}

/** Opens PLAN, runs fn with its dispatch, closes it. */
export async function withApi<T>(file: string | undefined, usage: string, fn: (call: Call) => T | Promise<T>, opts: ConnectOptions = {}): Promise<T> {
  const conn = await openApi(file, usage, opts);
  try {
    return await fn(conn.call);
  } finally {
    await conn.close();
  }
}
