// GET /events of `fleetplan serve`: change events as Server-Sent Events, behind the token, Host
// and Origin checks; a write by another process on the same file reaches the stream too.
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatcherFor } from './api-handlers.ts';
import { Backend } from './backend.ts';
import { startHttpServer, type RunningServer } from './http-server.ts';
import { stubSeed, tempDir } from './test-helpers.ts';

let server: RunningServer | undefined;
const backends: Backend[] = [];
afterEach(async () => {
  await server?.close();
  server = undefined;
  for (const b of backends.splice(0)) await b.dispose();
});

async function start() {
  const dir = tempDir();
  const file = path.join(dir, 'p.fleetplan');
  const b = new Backend({ userDataDir: path.join(dir, 'user'), seed: stubSeed });
  backends.push(b);
  await b.create(file, { demo: true });
  const dispatch = dispatcherFor(b);
  server = await startHttpServer({ dispatch, staticDir: dir, events: b.changes });
  return { s: server, b, dispatch, file, dir };
}

/** Opens the stream; resolves the status at once and collects `data:` payloads as they come. */
function open(port: number, headers: Record<string, string>) {
  const events: unknown[] = [];
  let text = '';
  const waiters: (() => void)[] = [];
  let req!: http.ClientRequest;
  const status = new Promise<number>((resolve, reject) => {
    req = http.get({ host: '127.0.0.1', port, path: '/events', headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      resolve(res.statusCode ?? 0);
      res.on('data', (c: Buffer) => {
        text += c.toString('utf8');
        let i: number;
        while ((i = text.indexOf('\n\n')) >= 0) {
          const block = text.slice(0, i);
          text = text.slice(i + 2);
          const data = block.split('\n').find((l) => l.startsWith('data: '));
          if (data) events.push(JSON.parse(data.slice(6)));
        }
        for (const w of waiters.splice(0)) w();
      });
    });
    req.on('error', reject);
  });
  const next = (n: number) =>
    new Promise<void>((resolve) => {
      const look = () => (events.length >= n ? resolve() : waiters.push(look));
      look();
    });
  return { status, events, next, close: () => req.destroy() };
}

describe('change events over HTTP', () => {
  it('refuses a stream without the token or from another origin', async () => {
    const { s } = await start();
    const none = open(s.port, {});
    expect(await none.status).toBe(401);
    none.close();
    const foreign = open(s.port, { 'x-fleet-token': s.token, origin: 'http://evil.example' });
    expect(await foreign.status).toBe(403);
    foreign.close();
  });

  it('streams a change made through the API, then one made by another process on the file', async () => {
    const { s, dispatch, file, dir } = await start();
    const stream = open(s.port, { cookie: `fleet_token_${s.port}=${s.token}` });
    expect(await stream.status).toBe(200);
    await dispatch('settings-set', { patch: { time_limit_s: 42 } });
    await stream.next(1);
    expect(stream.events[0]).toMatchObject({ kinds: ['scenario'], document: false });

    const other = new Backend({ userDataDir: path.join(dir, 'u2'), seed: stubSeed });
    backends.push(other);
    other.open(file);
    const call = dispatcherFor(other);
    const list = await call('site-list', {});
    const site = list.ok ? list.value[0]! : null;
    await call('site-upsert', { site: { ...site!, racks: 30 }, originalName: site!.name });
    await stream.next(2); // the poll sees the other process's write within a second or so
    expect(stream.events[1]).toMatchObject({ kinds: ['site'], document: false });
    stream.close();
  });
});
