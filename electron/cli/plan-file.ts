// Opening the PLAN argument of a command: a missing or foreign file is bad input (exit 2).
import path from 'node:path';
import { FleetError } from '../../core/api.ts';
import { openDocument, type OpenDoc } from '../backend/document.ts';
import { envReasonOfFleetError } from '../backend/env-errors.ts';
import { badInput } from './command.ts';

export function openPlan(file: string | undefined, usage: string): OpenDoc {
  if (!file) throw badInput(`missing PLAN\nusage: ${usage}`);
  try {
    return openDocument(path.resolve(file), {
      onBackup: (p) => process.stderr.write(`fleetplan: migrating ${file}; backup written to ${p}\n`),
    });
  } catch (e) {
    if (e instanceof FleetError && e.code !== 'internal' && !envReasonOfFleetError(e)) throw badInput(e.message);
    throw e;
  }
}

/** Runs fn on the opened plan and closes it afterwards. */
export async function withPlan<T>(file: string | undefined, usage: string, fn: (doc: OpenDoc) => T | Promise<T>): Promise<T> {
  const doc = openPlan(file, usage);
  try {
    return await fn(doc);
  } finally {
    doc.db.close();
  }
}
