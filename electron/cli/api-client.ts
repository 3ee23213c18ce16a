// The `fleetplan` verbs' one entrance to behaviour: the PLAN document opened in a Backend and the
// same typed dispatch the IPC and HTTP transports use. call() returns the answer's value or throws
// its FleetError, whose code maps to the exit code (command.ts: exitCodeFor). A verb parses its
// arguments, calls, and formats; it never reads the repositories itself.
import os from 'node:os';
import path from 'node:path';
import { FleetError, type ApiArgs, type ApiName, type ApiResults } from '../../core/api.ts';
import { dispatcherFor } from '../backend/api-handlers.ts';
import { Backend, type OptimizerLike } from '../backend/backend.ts';
import { envReasonOfFleetError } from '../backend/env-errors.ts';
import { badInput } from './command.ts';

export type Call = <N extends ApiName>(name: N, args: ApiArgs<N>) => Promise<ApiResults[N]>;

/** Opens PLAN (a missing or foreign file is bad input, exit 2), runs fn with its dispatch, closes it. */
export async function withApi<T>(
  file: string | undefined,
  usage: string,
  fn: (call: Call, backend: Backend) => T | Promise<T>,
  opts: { optimizer?: OptimizerLike; userDataDir?: string } = {},
): Promise<T> {
  if (!file) throw badInput(`missing PLAN\nusage: ${usage}`);
  const backend = new Backend({
    userDataDir: opts.userDataDir ?? os.tmpdir(),
    trackRecent: opts.userDataDir !== undefined,
    onBackup: (p) => process.stderr.write(`fleetplan: migrating ${file}; backup written to ${p}\n`),
    ...(opts.optimizer ? { optimizer: opts.optimizer } : {}),
  });
  try {
    try {
      backend.open(path.resolve(file));
    } catch (e) {
      if (e instanceof FleetError && e.code !== 'internal' && !envReasonOfFleetError(e)) throw badInput(e.message);
      throw e;
    }
    const dispatch = dispatcherFor(backend);
    const call: Call = async (name, args) => {
      const r = await dispatch(name, args);
      if (!r.ok) throw new FleetError(r.error.code, r.error.message, r.error.details);
      return r.value as ApiResults[typeof name];
    };
    return await fn(call, backend);
  } finally {
    await backend.dispose();
  }
}
