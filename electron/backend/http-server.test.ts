import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatcherFor, type Dispatch } from './api-handlers.ts';
import { Backend } from './backend.ts';
import { CSP, DEFAULT_BODY_BYTES, MAX_LARGE_IN_FLIGHT, startHttpServer, type PathPolicy, type RunningServer } from './http-server.ts';
import { stubSeed, tempDir } from './test-helpers.ts';

type Res = { status: number; headers: http.IncomingHttpHeaders; body: string };

/** Raw request (fetch would not let a test set the Host header). */
function request(port: number, opts: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<Res> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: { host: `127.0.0.1:${port}`, ...opts.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(maxBodyBytes?: number, paths?: PathPolicy) {
  const dir = tempDir();
  const staticDir = path.join(dir, 'renderer');
  fs.mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>FleetPlan</title><script src="/assets/app.js"></script>');
  fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside');
  const b = new Backend({ userDataDir: path.join(dir, 'user'), seed: stubSeed });
  await b.create(path.join(dir, 'p.fleetplan'), { demo: true });
  server = await startHttpServer({ dispatch: dispatcherFor(b), staticDir, maxBodyBytes, paths });
  return Object.assign(server, { dir });
}

const api = (s: RunningServer, name: string, body: unknown, token: string | null = s.token, extra: Record<string, string> = {}) =>
  request(s.port, {
    method: 'POST',
    path: `/api/${name}`,
    headers: { 'content-type': 'application/json', ...(token === null ? {} : { 'x-fleet-token': token }), ...extra },
    body: JSON.stringify(body),
  });

describe('http server', () => {
  it('prints a loopback URL with a 64-hex-digit token, new at each start', async () => {
    const s = await start();
    expect(s.url).toBe(`http://127.0.0.1:${s.port}/?token=${s.token}`);
    expect(s.token).toMatch(/^[0-9a-f]{64}$/);
    const other = await startHttpServer({ dispatch: (async () => ({ ok: true, value: null })) as unknown as Dispatch, staticDir: tempDir() });
    expect(other.token).not.toBe(s.token);
    await other.close();
  });

  it('refuses API calls without or with a wrong token (401) and serves them with the right one', async () => {
    const s = await start();
    expect((await api(s, 'document-info', {}, null)).status).toBe(401);
    expect((await api(s, 'document-info', {}, 'f'.repeat(64))).status).toBe(401);
    expect((await api(s, 'document-info', {}, s.token.slice(1))).status).toBe(401);
    const ok = await api(s, 'document-info', {});
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({ ok: true, value: { fileName: 'p.fleetplan', counts: { workloads: 2 } } });
    expect(ok.headers['content-security-policy']).toBe(CSP);
    expect(ok.headers['x-content-type-options']).toBe('nosniff');
  });

  it('returns handler errors as JSON, an unknown name as 404, bad JSON as 400', async () => {
    const s = await start();
    const bad = await api(s, 'site-upsert', { site: { name: 'x', it_power_kw: 1, racks: 1.5 } });
    expect(bad.status).toBe(200);
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'bad_input', message: 'site.racks: must be a whole number' } });
    expect((await api(s, 'nope-nope', {})).status).toBe(404);
    const notJson = await request(s.port, { method: 'POST', path: '/api/document-info', headers: { 'x-fleet-token': s.token }, body: '{oops' });
    expect(notJson.status).toBe(400);
    expect((await request(s.port, { path: '/api/document-info', headers: { 'x-fleet-token': s.token } })).status).toBe(405);
    expect((await api(s, 'document-info', {}, s.token, { origin: 'http://evil.example' })).status).toBe(403);
  });

  it('serves static files only with the token (query once, then cookie), with the CSP on every response', async () => {
    const s = await start();
    const none = await request(s.port, { path: '/' });
    expect(none.status).toBe(401);
    expect(none.headers['content-security-policy']).toBe(CSP);
    expect((await request(s.port, { path: '/?token=wrong' })).status).toBe(401);
    const page = await request(s.port, { path: `/?token=${s.token}` });
    expect(page.status).toBe(200);
    expect(page.body).toContain('FleetPlan');
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['content-security-policy']).toBe(CSP);
    const setCookie = page.headers['set-cookie']?.[0] ?? '';
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    const cookie = setCookie.split(';')[0]!;
    const js = await request(s.port, { path: '/assets/app.js', headers: { cookie } });
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
    expect(js.headers['content-security-policy']).toBe(CSP);
    expect((await request(s.port, { path: '/assets/app.js' })).status).toBe(401);
    expect((await request(s.port, { path: '/assets/missing.js', headers: { cookie } })).status).toBe(404);
    expect((await request(s.port, { path: '/../secret.txt', headers: { cookie } })).body).not.toContain('outside');
    expect((await request(s.port, { path: '/%2e%2e/secret.txt', headers: { cookie } })).status).toBe(404);
    // an API call cannot ride on the cookie: it needs the header
    expect((await api(s, 'document-info', {}, null, { cookie })).status).toBe(401);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const s = await start();
    const r = await request(s.port, { path: `/?token=${s.token}`, headers: { host: `evil.example:${s.port}` } });
    expect(r.status).toBe(421);
    expect(r.headers['content-security-policy']).toBe(CSP);
    expect((await api(s, 'document-info', {}, s.token, { host: 'attacker.test' })).status).toBe(421);
    expect((await request(s.port, { path: `/?token=${s.token}`, headers: { host: `localhost:${s.port}` } })).status).toBe(200);
  });

  it('cannot bind to anything but loopback', async () => {
    const dispatch = (async () => ({ ok: true, value: null })) as unknown as Dispatch;
    await expect(startHttpServer({ dispatch, host: '0.0.0.0' })).rejects.toThrow(/127\.0\.0\.1 only/);
    await expect(startHttpServer({ dispatch, host: '::' })).rejects.toThrow(/127\.0\.0\.1 only/);
    await expect(startHttpServer({ dispatch, host: '192.168.1.2' })).rejects.toThrow(/127\.0\.0\.1 only/);
    const s = await startHttpServer({ dispatch, host: 'localhost', staticDir: tempDir() });
    expect(s.url.startsWith('http://127.0.0.1:')).toBe(true);
    await s.close();
  });

  it('answers an oversized body with 413', async () => {
    const s = await start(1024);
    const r = await api(s, 'workload-restore', { workloads: [], pad: 'x'.repeat(4096) });
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'bad_input' } });
  });

  it('answers a malformed cookie with 401, an undecodable API name and request path with 400, never 500', async () => {
    const s = await start();
    const r1 = await request(s.port, { path: '/', headers: { cookie: `fleet_token_${s.port}=%E0%A4%A` } });
    expect(r1.status).toBe(401);
    const r2 = await request(s.port, { method: 'POST', path: '/api/%E0%A4%A', headers: { 'x-fleet-token': s.token }, body: '{}' });
    expect(r2.status).toBe(400);
    expect(JSON.parse(r2.body)).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    const r3 = await request(s.port, { path: '/%E0%A4%A', headers: { cookie: `fleet_token_${s.port}=${s.token}` } });
    expect(r3.status).toBe(400);
    for (const r of [r1, r2, r3]) expect(r.body).not.toMatch(/at .*\.ts:\d+/);
  });

  it('caps an ordinary call at 1 MB while an import may send more', async () => {
    const s = await start();
    const pad = 'x'.repeat(DEFAULT_BODY_BYTES + 10);
    expect((await api(s, 'settings-set', { patch: {}, pad })).status).toBe(413);
    const big = await api(s, 'workload-restore', { workloads: [], pad });
    expect(big.status).toBe(200);
    expect(JSON.parse(big.body)).toMatchObject({ ok: false, error: { code: 'bad_input' } }); // unknown key, refused by the schema
  });

  it('reads at most a few large bodies at once and tells the others to retry (503)', async () => {
    const s = await start();
    // open MAX_LARGE_IN_FLIGHT large uploads and leave them unfinished
    const held: http.ClientRequest[] = [];
    for (let i = 0; i < MAX_LARGE_IN_FLIGHT; i++) {
      const req = http.request({ host: '127.0.0.1', port: s.port, method: 'POST', path: '/api/import-commit', headers: { host: `127.0.0.1:${s.port}`, 'x-fleet-token': s.token, 'content-length': String(8 * 1024 * 1024) } });
      req.on('error', () => {});
      req.write('x'.repeat(1024));
      held.push(req);
    }
    // The server reads the held uploads' headers when it gets to them: a busy machine may take a
    // while, so ask until it refuses (the test's timeout is the bound, not a count of tries).
    for (;;) {
      const r = await api(s, 'workload-restore', { workloads: [], pad: 'y'.repeat(DEFAULT_BODY_BYTES + 1) });
      if (r.status === 503) {
        expect(r.headers['retry-after']).toBeDefined();
        break;
      }
      expect(r.status).toBe(200); // read, and refused by the schema (unknown key): not yet full
      await new Promise((res) => setTimeout(res, 20));
    }
    expect((await api(s, 'document-info', {})).status).toBe(200); // small calls still pass
    for (const h of held) h.destroy();
  });

  describe('import-files with the file as the body (streamed)', () => {
    /** Sends `parts` as a chunked body (no Content-Length), a pause between parts; `hold` leaves it open. */
    function upload(s: RunningServer, query: string, parts: string[], hold = false) {
      const req = http.request({
        host: '127.0.0.1', port: s.port, method: 'POST', path: `/api/import-files?${query}`,
        headers: { host: `127.0.0.1:${s.port}`, 'x-fleet-token': s.token, 'content-type': 'text/csv' },
      });
      const answer = new Promise<Res>((resolve, reject) => {
        req.on('response', (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        });
        req.on('error', hold ? () => {} : reject);
      });
      void (async () => {
        for (const p of parts) {
          req.write(p);
          await new Promise((r) => setTimeout(r, 5));
        }
        if (!hold) req.end();
      })();
      return { req, answer };
    }
    const rows = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `"Streamed ${from + i}, EU",llama-3.3-70b,${i + 1}\r\n`).join('');
    const names = async (s: RunningServer) => {
      const r = JSON.parse((await api(s, 'workload-list', {})).body) as { value: { name: string }[] };
      return r.value.map((w) => w.name).filter((n) => n.startsWith('Streamed'));
    };

    it('imports a body sent in pieces, a quoted field cut between them, in one go', async () => {
      const s = await start();
      const text = 'name,model,avg_output_tps\r\n' + rows(3000);
      const cut = [text.slice(0, 1000), text.slice(1000, 1003), text.slice(1003, 50_000), text.slice(50_000)];
      const r = await upload(s, 'kind=workloads&fileName=w.csv', cut).answer;
      expect(r.status).toBe(200);
      expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { applied: true, files: [{ fileName: 'w.csv', summary: { added: 3000, rejected: 0 } }] } });
      expect(await names(s)).toHaveLength(3000);
    });

    it('a bad last row imports nothing and names its line; a body over the limit is 413, with nothing written', async () => {
      const s = await start();
      const bad = await upload(s, 'kind=workloads&fileName=w.csv', ['name,model,avg_output_tps\n', rows(500), 'last,llama-3.3-70b,-1\n']).answer;
      expect(bad.status).toBe(200);
      const v = JSON.parse(bad.body) as { ok: true; value: { applied: boolean; files: { messages: string[] }[] } };
      expect(v.value.applied).toBe(false);
      expect(v.value.files[0]!.messages).toEqual(["w.csv:502: avg_output_tps: must be > 0 (got '-1')"]);
      expect(await names(s)).toEqual([]);
      await server!.close();

      const small = await start(4096);
      const big = await upload(small, 'kind=workloads&fileName=w.csv', ['name,model,avg_output_tps\n', rows(100), rows(100, 100)]).answer;
      expect(big.status).toBe(413);
      expect(JSON.parse(big.body)).toMatchObject({ ok: false, error: { code: 'bad_input', message: expect.stringMatching(/^request body over 0 MB, the most one import takes/) } });
      expect(await names(small)).toEqual([]);
      const unknown = await upload(small, 'kind=workloads&path=/etc/passwd', ['x']).answer;
      expect(unknown.status).toBe(400);
    });

    it('a third streamed upload while two are being read gets 503 with a message', async () => {
      const s = await start();
      const held = [0, 1].map(() => upload(s, 'kind=workloads&fileName=w.csv', ['name,model,avg_output_tps\n', rows(10)], true));
      // the held uploads count once the server has their headers: ask until it refuses
      for (;;) {
        const r = await upload(s, 'kind=workloads&fileName=x.csv', ['name,model,avg_output_tps\n', rows(1, 99)]).answer;
        if (r.status === 503) {
          expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringMatching(/other large requests/) } });
          expect(r.headers['retry-after']).toBeDefined();
          break;
        }
        expect(r.status).toBe(200);
        await new Promise((res) => setTimeout(res, 20));
      }
      for (const h of held) h.req.destroy();
    });
  });

  it('in serve mode never writes or opens a server path the request names', async () => {
    const docs = tempDir();
    const s = await start(undefined, { documents: docs });
    const outside = path.join(s.dir, 'victim.txt');
    fs.writeFileSync(outside, 'keep me');
    const pdf = await api(s, 'report-pdf', { path: outside });
    expect(pdf.status).toBe(403);
    expect(fs.readFileSync(outside, 'utf8')).toBe('keep me');
    for (const call of ['document-save-as', 'document-new', 'document-open']) {
      for (const p of [outside, '../victim.fleetplan', 'sub/x.fleetplan', '.hidden.fleetplan', 'x.txt']) {
        const r = await api(s, call, { path: p });
        expect(r.status, `${call} ${p}`).toBe(403);
      }
    }
    expect(fs.readFileSync(outside, 'utf8')).toBe('keep me');
    const saved = await api(s, 'document-save-as', { path: 'copy.fleetplan' });
    expect(JSON.parse(saved.body)).toMatchObject({ ok: true, value: { path: 'copy.fleetplan', fileName: 'copy.fleetplan' } });
    expect(fs.existsSync(path.join(docs, 'copy.fleetplan'))).toBe(true);
  });

  it('in serve mode without a documents folder refuses every document path', async () => {
    const s = await start(undefined, { documents: null });
    const r = await api(s, 'document-open', { path: 'p.fleetplan' });
    expect(r.status).toBe(403);
    expect(JSON.parse(r.body).error.message).toMatch(/--documents/);
  });
});
