// Transport 2: the API and the built renderer over HTTP for `fleetplan serve` and Playwright.
// Invariants: bound to 127.0.0.1 only (no way to ask for another interface); every request
// carries the random per-start token (page: ?token= once, then a cookie; API: x-fleet-token);
// the Host header must name this loopback origin (DNS rebinding); strict CSP on every response.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isApiName, type Dispatch } from './dispatch.ts';

export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";
export const TOKEN_HEADER = 'x-fleet-token';
export const MAX_BODY_BYTES = 200 * 1024 * 1024;
const LOOPBACK = '127.0.0.1';

export type HttpServerOptions = {
  dispatch: Dispatch;
  /** folder of the built renderer (default: out/renderer of the checkout) */
  staticDir?: string;
  /** 0 (default) picks a free port */
  port?: number;
  /** only '127.0.0.1' or 'localhost' are accepted; anything else throws */
  host?: string;
  /** fixed token (tests); default 32 random bytes, hex */
  token?: string;
  maxBodyBytes?: number;
};

export type RunningServer = { url: string; port: number; token: string; close(): Promise<void> };

export function defaultStaticDir(): string {
  return fileURLToPath(new URL('../../out/renderer/', import.meta.url));
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

function securityHeaders(res: http.ServerResponse): void {
  res.setHeader('Content-Security-Policy', CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Cache-Control', 'no-store');
}

function send(res: http.ServerResponse, status: number, body: string | Buffer, type = 'text/plain; charset=utf-8'): void {
  if (res.headersSent) return;
  res.statusCode = status;
  res.setHeader('Content-Type', type);
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(body);
}

function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  send(res, status, JSON.stringify(value), 'application/json; charset=utf-8');
}

function tokenEquals(given: string | undefined, expected: Buffer): boolean {
  if (!given) return false;
  const b = Buffer.from(given, 'utf8');
  // timingSafeEqual needs equal lengths; compare against itself to keep the timing flat.
  if (b.length !== expected.length) {
    timingSafeEqual(expected, expected);
    return false;
  }
  return timingSafeEqual(b, expected);
}

function cookie(req: http.IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return decodeURIComponent(part.slice(i + 1).trim());
  }
  return undefined;
}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        // Stop buffering but keep reading, so the client receives the 413 rather than a reset.
        req.removeAllListeners('data');
        req.resume();
        reject(Object.assign(new Error('too large'), { status: 413 }));
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startHttpServer(opts: HttpServerOptions): Promise<RunningServer> {
  if (opts.host !== undefined && opts.host !== LOOPBACK && opts.host !== 'localhost') {
    throw new Error(`refusing to listen on "${opts.host}": fleetplan serve binds to 127.0.0.1 only`);
  }
  const token = opts.token ?? randomBytes(32).toString('hex');
  const expected = Buffer.from(token, 'utf8');
  const staticDir = path.resolve(opts.staticDir ?? defaultStaticDir());
  const limit = opts.maxBodyBytes ?? MAX_BODY_BYTES;
  let port = 0;

  const server = http.createServer((req, res) => {
    securityHeaders(res);
    handle(req, res).catch((e: unknown) => {
      console.error('[fleetplan] http:', e);
      sendJson(res, 500, { ok: false, error: { code: 'internal', message: 'internal error' } });
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const host = req.headers.host ?? '';
    if (host !== `${LOOPBACK}:${port}` && host !== `localhost:${port}`) {
      return send(res, 421, 'misdirected request: unexpected Host header');
    }
    const url = new URL(req.url ?? '/', `http://${LOOPBACK}:${port}`);
    const cookieName = `fleet_token_${port}`;

    if (url.pathname.startsWith('/api/')) {
      if (!tokenEquals(req.headers[TOKEN_HEADER] as string | undefined, expected)) {
        return sendJson(res, 401, { ok: false, error: { code: 'unavailable', message: 'missing or wrong token' } });
      }
      const origin = req.headers.origin;
      if (origin && origin !== `http://${host}`) {
        return sendJson(res, 403, { ok: false, error: { code: 'unavailable', message: 'cross-origin request refused' } });
      }
      if (req.method !== 'POST') {
        res.setHeader('Allow', 'POST');
        return sendJson(res, 405, { ok: false, error: { code: 'bad_input', message: 'use POST' } });
      }
      const declared = Number(req.headers['content-length'] ?? 0);
      const tooLarge = { ok: false, error: { code: 'bad_input', message: `request body over ${Math.round(limit / 1024 / 1024)} MB` } };
      if (declared > limit) {
        res.setHeader('Connection', 'close');
        return sendJson(res, 413, tooLarge);
      }
      let body: Buffer;
      try {
        body = await readBody(req, limit);
      } catch (e) {
        if ((e as { status?: number }).status === 413) {
          res.setHeader('Connection', 'close');
          return sendJson(res, 413, tooLarge);
        }
        throw e;
      }
      let args: unknown = {};
      if (body.length) {
        try {
          args = JSON.parse(body.toString('utf8'));
        } catch (e) {
          return sendJson(res, 400, { ok: false, error: { code: 'bad_input', message: `request body is not JSON: ${(e as Error).message}` } });
        }
      }
      const name = decodeURIComponent(url.pathname.slice('/api/'.length));
      const result = await opts.dispatch(name, args);
      // Errors the handler reports travel as {ok:false} with 200; an unknown name is a 404.
      return sendJson(res, isApiName(name) ? 200 : 404, result);
    }

    // Static files: the token arrives once in the page URL and is then kept in a cookie.
    const queryToken = url.searchParams.get('token') ?? undefined;
    const viaQuery = tokenEquals(queryToken, expected);
    if (!viaQuery && !tokenEquals(cookie(req, cookieName), expected)) {
      return send(res, 401, 'missing or wrong token: open the URL printed by fleetplan serve');
    }
    if (viaQuery) res.setHeader('Set-Cookie', `${cookieName}=${token}; HttpOnly; SameSite=Strict; Path=/`);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return send(res, 405, 'method not allowed');
    }
    let rel: string;
    try {
      rel = decodeURIComponent(url.pathname);
    } catch {
      return send(res, 400, 'bad path');
    }
    if (rel.endsWith('/')) rel += 'index.html';
    const file = path.resolve(staticDir, '.' + rel);
    if (file !== staticDir && !file.startsWith(staticDir + path.sep)) return send(res, 404, 'not found');
    let data: Buffer;
    try {
      data = await fs.promises.readFile(file);
    } catch {
      if (rel === '/index.html') {
        return send(res, 503, `the renderer is not built (no ${path.join(staticDir, 'index.html')}): run npm run build`);
      }
      return send(res, 404, 'not found');
    }
    const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    if (req.method === 'HEAD') {
      res.statusCode = 200;
      res.setHeader('Content-Type', type);
      res.setHeader('Content-Length', data.length);
      return void res.end();
    }
    return send(res, 200, data, type);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: LOOPBACK, port: opts.port ?? 0, exclusive: true }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://${LOOPBACK}:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
