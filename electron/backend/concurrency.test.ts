// Several processes writing one document at once: every write lands (writers wait for the lock
// rather than failing with "database is locked"), and a writer that cannot get the lock in time
// is told another FleetPlan process is changing the document.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { toApiError } from './dispatch.ts';
import { openDb } from './db.ts';
import { openDocument } from './document.ts';
import { countWorkloads, upsertWorkload } from './repo/workloads.ts';
import { tempDir } from './test-helpers.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

function writer(file: string, tag: string, n: number): Promise<{ code: number | null; stderr: string }> {
  const script = `
    import { openDocument } from ${JSON.stringify(path.join(here, 'document.ts'))};
    import { upsertWorkload } from ${JSON.stringify(path.join(here, 'repo/workloads.ts'))};
    for (let i = 0; i < ${n}; i++) {
      // one open per write, as separate CLI runs do: opening and closing race too
      const doc = openDocument(${JSON.stringify(file)});
      upsertWorkload(doc.db, { name: '${tag}-' + i, model: 'm', avg_output_tps: 1 });
      doc.db.close();
    }`;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('concurrent writers', () => {
  it('three processes writing at once all succeed and every row lands', async () => {
    const file = path.join(tempDir(), 'c.fleetplan');
    openDb(file, { create: true }).db.close();
    openDocument(file).db.close(); // the base scenario
    const runs = await Promise.all(['a', 'b', 'c'].map((t) => writer(file, t, 25)));
    for (const r of runs) expect(r, r.stderr).toMatchObject({ code: 0 });
    const doc = openDocument(file);
    expect(countWorkloads(doc.db)).toBe(75);
    doc.db.close();
  }, 60_000);

  it('a writer that cannot get the lock says another FleetPlan process is changing the document', () => {
    const file = path.join(tempDir(), 'l.fleetplan');
    openDb(file, { create: true }).db.close();
    openDocument(file).db.close(); // the base scenario
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE');
    const doc = openDocument(file);
    doc.db.pragma('busy_timeout = 20');
    let err: unknown;
    try {
      upsertWorkload(doc.db, { name: 'w', model: 'm', avg_output_tps: 1 });
    } catch (e) {
      err = e;
    }
    other.exec('ROLLBACK');
    other.close();
    expect(toApiError(err)).toMatchObject({ code: 'unavailable', message: expect.stringMatching(/being changed by another FleetPlan process/), details: { reason: 'busy' } });
    upsertWorkload(doc.db, { name: 'w', model: 'm', avg_output_tps: 1 });
    doc.db.close();
  });
});
