// Serve mode names no server path in its answers: the recent list holds only file names of the
// documents folder, and a document's info gives its file name as its path.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatcherFor } from './api-handlers.ts';
import { Backend } from './backend.ts';
import { scrubServerPaths, startHttpServer, type RunningServer } from './http-server.ts';
import { stubSeed, tempDir } from './test-helpers.ts';

let server: RunningServer | undefined;
let backend: Backend | undefined;
afterEach(async () => {
  await server?.close();
  await backend?.dispose();
  server = backend = undefined;
});

describe('serve mode: no server paths in answers', () => {
  it('keeps only documents of the documents folder in the recent list, by file name', () => {
    const recent = {
      ok: true,
      value: [
        { path: '/srv/docs/a.fleetplan', openedAt: '2026-01-01' },
        { path: '/home/me/secret/b.fleetplan', openedAt: '2026-01-02' },
        { path: '/srv/docs/sub/c.fleetplan', openedAt: '2026-01-03' },
      ],
    };
    expect(scrubServerPaths('document-recent', recent, { documents: '/srv/docs' })).toEqual({
      ok: true,
      value: [{ path: 'a.fleetplan', openedAt: '2026-01-01' }],
    });
    expect(scrubServerPaths('document-recent', recent, { documents: null })).toEqual({ ok: true, value: [] });
    const info = { ok: true, value: { path: '/home/me/x.fleetplan', fileName: 'x.fleetplan', userVersion: 30 } };
    expect(scrubServerPaths('document-info', info, { documents: null })).toEqual({ ok: true, value: { path: 'x.fleetplan', fileName: 'x.fleetplan', userVersion: 30 } });
    const failed = { ok: false, error: { code: 'not_found', message: 'x' } };
    expect(scrubServerPaths('document-open', failed, { documents: null })).toBe(failed);
    const notOurs = { ok: false, error: { code: 'bad_input', message: `${path.join('/srv/docs', 'n.fleetplan')} is not a FleetPlan document (not an SQLite file); it was left as it is` } };
    expect(scrubServerPaths('document-open', notOurs, { documents: '/srv/docs' })).toEqual({
      ok: false,
      error: { code: 'bad_input', message: 'n.fleetplan is not a FleetPlan document (not an SQLite file); it was left as it is' },
    });
  });

  it('over HTTP: a document opened outside the folder is not listed; one opened by name in it is', async () => {
    const dir = tempDir();
    const docs = path.join(dir, 'docs');
    const outside = path.join(dir, 'private', 'plan.fleetplan');
    backend = new Backend({ userDataDir: path.join(dir, 'user'), seed: stubSeed });
    fs.mkdirSync(path.dirname(outside), { recursive: true });
    fs.mkdirSync(docs, { recursive: true });
    await backend.create(outside);
    server = await startHttpServer({ dispatch: dispatcherFor(backend), staticDir: dir, paths: { documents: docs } });
    const post = async (name: string, body: unknown) =>
      (await (await fetch(`http://127.0.0.1:${server!.port}/api/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-fleet-token': server!.token },
        body: JSON.stringify(body),
      })).json()) as { ok: boolean; value: unknown };
    const info = await post('document-info', {});
    expect(info.value).toMatchObject({ path: 'plan.fleetplan', fileName: 'plan.fleetplan' });
    expect(await post('document-recent', {})).toMatchObject({ ok: true, value: [] });
    expect((await post('document-new', { path: 'shared.fleetplan' })).ok).toBe(true);
    const recent = await post('document-recent', {});
    expect(recent.value).toEqual([{ path: 'shared.fleetplan', openedAt: expect.any(String) }]);
    expect(JSON.stringify(recent)).not.toContain(dir);
  });
});
