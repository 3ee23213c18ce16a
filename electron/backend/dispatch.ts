// Dispatch over a handler table: validates arguments with the zod schema of core/api.ts and
// turns every failure into {code, message, details}, never a stack. A leaf module (it knows no
// handler), so transports and the PDF printer can take a Dispatch without an import cycle.
import { z } from 'zod';
import {
  apiSchemas,
  FleetError,
  type ApiError,
  type ApiName,
  type ApiResponse,
} from '../../core/api.ts';
import { envError } from './env-errors.ts';
import type { Handler, Handlers } from './handlers/types.ts';

export function isApiName(name: unknown): name is ApiName {
  return typeof name === 'string' && Object.hasOwn(apiSchemas, name);
}

/** Dispatches one call; typed by name for callers that know it, untyped for transports. */
export type Dispatch = {
  <N extends ApiName>(name: N, rawArgs: unknown): Promise<ApiResponse<N>>;
  (name: string, rawArgs: unknown): Promise<ApiResponse<ApiName>>;
};

/** "workload.avg_output_tps: must be > 0" — the field path first, so the UI can point at it. */
export function describeZodError(error: z.ZodError, prefix = ''): ApiError {
  const issues = error.issues.map((i) => {
    const field = [prefix, ...i.path.map(String)].filter(Boolean).join('.');
    return { field, message: i.message };
  });
  const message = issues
    .slice(0, 3)
    .map((i) => (i.field ? `${i.field}: ${i.message}` : i.message))
    .join('; ') + (issues.length > 3 ? ` (and ${issues.length - 3} more)` : '');
  return { code: 'bad_input', message, details: { field: issues[0]?.field, issues } };
}

/** Maps anything thrown by a handler to an ApiError; unexpected errors are logged, not returned. */
export function toApiError(e: unknown): ApiError {
  if (e instanceof FleetError) {
    return e.details === undefined ? { code: e.code, message: e.message } : { code: e.code, message: e.message, details: e.details };
  }
  if (e instanceof z.ZodError) return describeZodError(e);
  const code = (e as { code?: unknown })?.code;
  if (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT')) {
    const msg = (e as Error).message;
    return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
      ? { code: 'conflict', message: `already exists (${msg})` }
      : { code: 'bad_input', message: `rejected by the document: ${msg}` };
  }
  // busy, read-only, disk full: "cannot write X: …" with details.reason (exit code 3 in the CLI)
  const env = envError(e);
  if (env) return { code: env.code, message: env.message, details: env.details };
  console.error('[fleetplan] internal error:', e);
  return { code: 'internal', message: `internal error: ${e instanceof Error ? e.message : String(e)}` };
}

export type DispatchOptions = {
  /** the open document's revision (null without one), sent with every answer */
  revision?: () => number | null;
  /** told after every call (the change feed looks for new revisions) */
  afterCall?: () => void;
};

export function createDispatch(handlers: Handlers, opts: DispatchOptions = {}): Dispatch {
  const revisionNow = (): number | null => {
    try {
      return opts.revision?.() ?? null;
    } catch {
      return null; // a document that cannot be read answers the call itself
    }
  };
  const dispatch = async (name: string, rawArgs: unknown): Promise<ApiResponse<ApiName>> => {
    if (!isApiName(name)) {
      return { ok: false, error: { code: 'not_found', message: `unknown API "${String(name)}"` } };
    }
    const parsed = apiSchemas[name].safeParse(rawArgs ?? {});
    if (!parsed.success) return { ok: false, error: describeZodError(parsed.error) };
    // read before the handler: the data a view gets is never older than the revision it keeps
    const revision = revisionNow();
    try {
      const handler = handlers[name] as Handler<ApiName>;
      const value = await handler(parsed.data as never);
      return (revision === null ? { ok: true, value } : { ok: true, value, revision }) as ApiResponse<ApiName>;
    } catch (e) {
      return { ok: false, error: toApiError(e) };
    }
  };
  if (!opts.afterCall) return dispatch as Dispatch;
  const after = opts.afterCall;
  return (async (name: string, rawArgs: unknown) => {
    try {
      return await dispatch(name, rawArgs);
    } finally {
      after();
    }
  }) as Dispatch;
}
