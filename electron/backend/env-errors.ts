// Failures of the environment rather than of the input: another process holding the document's
// lock, a read-only file or folder, a full disk. Each becomes a FleetError('unavailable') whose
// message says what could not be written and why, with details.reason for exit codes and UIs.
import { FleetError } from '../../core/api.ts';

export type EnvReason = 'busy' | 'read_only' | 'disk_full' | 'permission';

const BY_CODE: Record<string, EnvReason> = {
  SQLITE_BUSY: 'busy',
  SQLITE_BUSY_SNAPSHOT: 'busy',
  SQLITE_BUSY_RECOVERY: 'busy',
  SQLITE_BUSY_TIMEOUT: 'busy',
  SQLITE_LOCKED: 'busy',
  SQLITE_READONLY: 'read_only',
  SQLITE_READONLY_DBMOVED: 'read_only',
  SQLITE_READONLY_DIRECTORY: 'read_only',
  SQLITE_READONLY_CANTINIT: 'read_only',
  SQLITE_READONLY_CANTLOCK: 'read_only',
  SQLITE_READONLY_RECOVERY: 'read_only',
  SQLITE_FULL: 'disk_full',
  SQLITE_IOERR_WRITE: 'disk_full',
  SQLITE_IOERR_SHMSIZE: 'disk_full',
  ENOSPC: 'disk_full',
  EDQUOT: 'disk_full',
  EROFS: 'read_only',
  EACCES: 'permission',
  EPERM: 'permission',
};

const WORDS: Record<EnvReason, string> = {
  busy: 'it is being changed by another FleetPlan process (try again when it has finished)',
  read_only: 'read-only',
  disk_full: 'disk full',
  permission: 'permission denied',
};

export function envReasonOf(e: unknown): EnvReason | null {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  return BY_CODE[code] ?? null;
}

/** "cannot write X: disk full" for an environment failure, null for anything else. */
export function envError(e: unknown, target?: string): FleetError | null {
  if (e instanceof FleetError) return null;
  const reason = envReasonOf(e);
  if (!reason) return null;
  const what = target ?? (e as { path?: string }).path ?? 'the plan document';
  const message = reason === 'busy' ? `the document is being changed by another FleetPlan process; try again when it has finished` : `cannot write ${what}: ${WORDS[reason]}`;
  return new FleetError('unavailable', message, { reason });
}

/** The reason of an environment FleetError (details.reason), or null. */
export function envReasonOfFleetError(e: unknown): EnvReason | null {
  if (!(e instanceof FleetError)) return null;
  const r = (e.details as { reason?: unknown } | undefined)?.reason;
  return typeof r === 'string' && r in WORDS ? (r as EnvReason) : null;
}
