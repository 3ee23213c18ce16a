// Transport 2: the API and the built renderer over HTTP for `fleetplan serve` and Playwright.
// Invariants: bound to 127.0.0.1 only (no way to ask for another interface); every request
// carries the random per-start token (page: ?token= once, then a cookie; API: x-fleet-token);
// the Host header must name this loopback origin (DNS rebinding); strict CSP on every response.
// Every request is answered with a status and a message, never a stack: bodies are capped per
// API call (BODY_LIMITS), a CSV sent as the body of import-files streams into the import (never
// held whole), and only MAX_LARGE_IN_FLIGHT large bodies are read at once; with a
// `paths` policy (serve mode) a request never names a server path: documents are plain file
// names inside one folder given on the command line, and exports come back as downloads.
// GET /events streams change events (Server-Sent Events) behind the same token, Host and Origin
// checks; at most MAX_EVENT_STREAMS are open at once.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FleetError, type ApiName } from '../../core/api.ts';
import { MAX_IMPORT_BYTES } from '../../core/csv/index.ts';
import type { ChangeEvent } from '../../core/changes.ts';
import { isApiName, type Dispatch } from './dispatch.ts';

export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";
export const TOKEN_HEADER = 'x-fleet-token';
/** The largest JSON body any API call accepts (the valid rows of a large CSV the page previewed). */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;
/** What an ordinary call (a form, a setting, an id) needs; the calls below may send more. */
export const DEFAULT_BODY_BYTES = 1024 * 1024;
/** JSON import-files carries files inline: a catalog's worth. Larger CSVs stream (STREAMED_IMPORT_TYPES). */
const INLINE_FILES_BYTES = 16 * 1024 * 1024;
export const BODY_LIMITS: Partial<Record<ApiName, number>> = {
  'import-commit': MAX_BODY_BYTES,
  'import-undo': MAX_BODY_BYTES,
  'import-redo': MAX_BODY_BYTES,
  'import-files': INLINE_FILES_BYTES,
  'workload-restore': MAX_BODY_BYTES,
  'site-restore': MAX_BODY_BYTES,
  'catalog-import': 16 * 1024 * 1024,
};
/** Large bodies (over DEFAULT_BODY_BYTES, and every streamed import) read at the same time; more get 503 and Retry-After. */
export const MAX_LARGE_IN_FLIGHT = 2;
/**
 * POST /api/import-files?kind=workloads&fileName=F.csv[&accept=valid][&onDuplicate=skip] with one
 * of these content types sends the file itself as the body: it streams into the import (parsed and
 * validated chunk by chunk, never held whole), up to MAX_IMPORT_BYTES.
 */
export const STREAMED_IMPORT_TYPES: readonly string[] = ['text/csv', 'application/octet-stream', 'text/plain'];
const STREAMED_IMPORT_PARAMS: ReadonlySet<string> = new Set(['kind', 'fileName', 'accept', 'onDuplicate']);
/** API calls whose `path` argument names a server file (see HttpServerOptions.paths). */
const DOCUMENT_PATH_CALLS: ReadonlySet<string> = new Set(['document-new', 'document-open', 'document-save-as']);
const OUTPUT_PATH_CALLS: ReadonlySet<string> = new Set(['report-pdf']);
const LOOPBACK = '127.0.0.1';
/** Open event streams (one per browser tab); more are answered 503. */
export const MAX_EVENT_STREAMS = 16;
/** A comment line this often keeps idle streams open through proxies and sleeping laptops. */
const EVENT_HEARTBEAT_MS = 15_000;
/** The path of the change-event stream. */
export const EVENTS_PATH = '/events';

/** Where change events come from (the backend's ChangeFeed). */
export type EventSourceLike = { subscribe(fn: (e: ChangeEvent) => void): () => void };

/**
 * Where requests may point on the server. Absent (the Electron print route, tests): paths pass
 * through. Given (`fleetplan serve`): `documents` is the only folder documents are opened from,
 * created in or saved to, by plain file name; null refuses every document call with a path.
 * Output paths (report-pdf) are always refused: the file comes back in the response.
 */
export type PathPolicy = { documents: string | null };

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
  /** overrides every per-call body limit (tests) */
  maxBodyBytes?: number;
  paths?: PathPolicy;
  /** change events for GET /events; absent: 404 */
  events?: EventSourceLike;
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

function safeDecode(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

function cookie(req: http.IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    // a malformed value (bad %-escape) is no token: 401, not a thrown URIError
    if (i > 0 && part.slice(0, i).trim() === name) return safeDecode(part.slice(i + 1).trim());
  }
  return undefined;
}

const refuse = (message: string) => ({ ok: false, error: { code: 'bad_input', message } });

/**
 * Applies the serve-mode path policy to a call's arguments: a document path becomes a file in
 * the documents folder, an output path is refused. Returns the arguments or a refusal message.
 */
export function applyPathPolicy(name: string, args: unknown, policy: PathPolicy): { args: unknown } | { refused: string } {
  if (!args || typeof args !== 'object' || !('path' in args)) return { args };
  const given = (args as { path: unknown }).path;
  if (given === undefined) return { args };
  if (OUTPUT_PATH_CALLS.has(name)) {
    return { refused: `${name}: the browser cannot name a file on the server; the file comes back as a download (omit "path")` };
  }
  if (!DOCUMENT_PATH_CALLS.has(name)) return { args };
  if (policy.documents === null) {
    return { refused: `${name}: opening or saving documents by path is off; start fleetplan serve with --documents DIR to allow it in one folder` };
  }
  if (typeof given !== 'string' || given.length > 255 || !/^[^/\\\0]+\.fleetplan$/.test(given) || given.startsWith('.')) {
    return { refused: `${name}: path: give a file name ending in .fleetplan (no folders), kept in the documents folder` };
  }
  return { args: { ...(args as object), path: path.join(policy.documents, given) } };
}

const DOCUMENT_INFO_CALLS: ReadonlySet<string> = new Set(['document-info', 'document-new', 'document-open', 'document-save-as']);

/**
 * Serve mode answers name no server path: the recent list keeps only documents of the documents
 * folder, by file name (none without one), a document's info gives its file name as path, and an
 * error about a file of the documents folder names the file alone (opening a text file
 * answered "/srv/docs/not.fleetplan is not a FleetPlan document").
 */
export function scrubServerPaths(name: string, response: unknown, policy: PathPolicy): unknown {
  const r = response as { ok?: boolean; value?: unknown; error?: { message?: unknown } };
  if (r && r.ok === false && policy.documents !== null && typeof r.error?.message === 'string') {
    const message = r.error.message.replaceAll(policy.documents + path.sep, '');
    return message === r.error.message ? response : { ...r, error: { ...r.error, message } };
  }
  if (!r || r.ok !== true) return response;
  if (name === 'document-recent' && Array.isArray(r.value)) {
    const dir = policy.documents;
    const value = (r.value as { path: string; openedAt: string }[])
      .filter((e) => dir !== null && path.dirname(path.resolve(e.path)) === dir)
      .map((e) => ({ path: path.basename(e.path), openedAt: e.openedAt }));
    return { ...r, value };
  }
  if (DOCUMENT_INFO_CALLS.has(name) && r.value && typeof r.value === 'object' && 'fileName' in r.value) {
    const info = r.value as { fileName: string };
    return { ...r, value: { ...info, path: info.fileName } };
  }
  return response;
}

/**
 * The request body as chunks, read only as fast as they are consumed (pause/resume: memory is a
 * chunk). Past `limit` it throws `tooLarge` (the import then writes nothing; the caller answers 413) and
 * drops the rest unread into memory, so the client still gets an answer rather than a reset.
 */
function bodyStream(req: http.IncomingMessage, limit: number, tooLarge: Error): AsyncIterable<Uint8Array> & { readonly overLimit: boolean } {
  let overLimit = false;
  return {
    get overLimit() {
      return overLimit;
    },
    async *[Symbol.asyncIterator]() {
      const queue: Buffer[] = [];
      let size = 0;
      let ended = false;
      let failed: Error | null = null;
      let wake: (() => void) | null = null;
      const poke = () => {
        const w = wake;
        wake = null;
        w?.();
      };
      const onData = (c: Buffer) => {
        size += c.length;
        if (size > limit) {
          overLimit = true;
          failed = tooLarge;
        } else queue.push(c);
        req.pause();
        poke();
      };
      const onEnd = () => ((ended = true), poke());
      // a client that goes away mid-upload: the import stops and writes nothing (not an internal error)
      const onError = (e: Error) => ((failed = new FleetError('bad_input', `the upload was interrupted (${e.message})`)), poke());
      req.on('data', onData);
      req.on('end', onEnd);
      req.on('error', onError);
      try {
        for (;;) {
          if (queue.length) {
            yield queue.shift()!;
            continue;
          }
          if (failed) throw failed;
          if (ended) return;
          req.resume();
          await new Promise<void>((r) => (wake = r));
        }
      } finally {
        req.off('data', onData);
        req.off('end', onEnd);
        req.off('error', onError);
        if (!req.readableEnded) req.resume(); // drain what is left, unbuffered
      }
    },
  };
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
  let largeInFlight = 0;
  let eventStreams = 0;

  const server = http.createServer((req, res) => {
    securityHeaders(res);
    handle(req, res).catch((e: unknown) => {
      // logged on the server only; the client gets a message, never a stack
      console.error('[fleetplan] http:', e instanceof Error ? e.message : e);
      sendJson(res, 500, { ok: false, error: { code: 'internal', message: 'internal error' } });
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const host = req.headers.host ?? '';
    if (host !== `${LOOPBACK}:${port}` && host !== `localhost:${port}`) {
      return send(res, 421, 'misdirected request: unexpected Host header');
    }
    let url: URL;
    try {
      url = new URL(req.url ?? '/', `http://${LOOPBACK}:${port}`);
    } catch {
      return send(res, 400, 'bad request path');
    }
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
        return sendJson(res, 405, refuse('use POST'));
      }
      const name = safeDecode(url.pathname.slice('/api/'.length));
      if (name === undefined) return sendJson(res, 400, refuse('the API name in the path is not valid URL encoding'));
      if (!isApiName(name)) {
        res.setHeader('Connection', 'close');
        return sendJson(res, 404, { ok: false, error: { code: 'not_found', message: `unknown API "${name.slice(0, 100)}"` } });
      }
      const contentType = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (name === 'import-files' && STREAMED_IMPORT_TYPES.includes(contentType)) return streamedImport(req, res, url);
      const limit = opts.maxBodyBytes ?? BODY_LIMITS[name] ?? DEFAULT_BODY_BYTES;
      const declared = Number(req.headers['content-length'] ?? NaN);
      const tooLarge = refuse(`request body over ${limit >= 1024 * 1024 ? `${Math.round(limit / 1024 / 1024)} MB` : `${limit} bytes`} (the limit of ${name})`);
      if (declared > limit) {
        res.setHeader('Connection', 'close');
        return sendJson(res, 413, tooLarge);
      }
      // a body that may be large (declared so, or of unknown length on a call allowing it)
      const large = declared > DEFAULT_BODY_BYTES || (Number.isNaN(declared) && limit > DEFAULT_BODY_BYTES);
      if (large && largeInFlight >= MAX_LARGE_IN_FLIGHT) {
        res.setHeader('Retry-After', '2');
        res.setHeader('Connection', 'close');
        return sendJson(res, 503, { ok: false, error: { code: 'unavailable', message: 'the server is reading other large requests; try again in a moment' } });
      }
      let body: Buffer;
      if (large) largeInFlight++;
      try {
        body = await readBody(req, limit);
      } catch (e) {
        if ((e as { status?: number }).status === 413) {
          res.setHeader('Connection', 'close');
          return sendJson(res, 413, tooLarge);
        }
        return sendJson(res, 400, refuse(`the request body could not be read: ${(e as Error).message}`));
      } finally {
        if (large) largeInFlight--;
      }
      let args: unknown = {};
      if (body.length) {
        try {
          args = JSON.parse(body.toString('utf8'));
        } catch (e) {
          return sendJson(res, 400, refuse(`request body is not JSON: ${(e as Error).message}`));
        }
      }
      if (opts.paths) {
        const applied = applyPathPolicy(name, args, opts.paths);
        if ('refused' in applied) return sendJson(res, 403, refuse(applied.refused));
        args = applied.args;
      }
      const result = await opts.dispatch(name, args);
      // Errors the handler reports travel as {ok:false} with 200.
      return sendJson(res, 200, opts.paths ? scrubServerPaths(name, result, opts.paths) : result);
    }

    if (url.pathname === EVENTS_PATH) return streamEvents(req, res, host, cookieName);

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

  /** import-files with the file as the body: streamed into the import, one of the large requests in flight. */
  async function streamedImport(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const unknown = [...url.searchParams.keys()].find((k) => !STREAMED_IMPORT_PARAMS.has(k));
    if (unknown !== undefined) return sendJson(res, 400, refuse(`import-files: unknown parameter "${unknown.slice(0, 100)}" (use ${[...STREAMED_IMPORT_PARAMS].join(', ')})`));
    const limit = opts.maxBodyBytes ?? MAX_IMPORT_BYTES;
    const tooLarge = refuse(`request body over ${Math.round(limit / 1024 / 1024)} MB, the most one import takes (docs/limits.md): split the file`);
    if (Number(req.headers['content-length'] ?? 0) > limit) {
      res.setHeader('Connection', 'close');
      return sendJson(res, 413, tooLarge);
    }
    if (largeInFlight >= MAX_LARGE_IN_FLIGHT) {
      res.setHeader('Retry-After', '2');
      res.setHeader('Connection', 'close');
      return sendJson(res, 503, { ok: false, error: { code: 'unavailable', message: 'the server is reading other large requests; try again in a moment' } });
    }
    const q = (k: string) => url.searchParams.get(k) ?? undefined;
    const body = bodyStream(req, limit, new FleetError('bad_input', tooLarge.error.message));
    const file = { kind: q('kind'), fileName: q('fileName') ?? 'import.csv', content: body };
    const args = { files: [file], ...(q('accept') ? { accept: q('accept') } : {}), ...(q('onDuplicate') ? { onDuplicate: q('onDuplicate') } : {}) };
    largeInFlight++;
    let result: unknown;
    try {
      result = await opts.dispatch('import-files', args);
    } finally {
      largeInFlight--;
    }
    if (body.overLimit) {
      // the body passed its limit mid-import: nothing was written
      res.setHeader('Connection', 'close');
      return sendJson(res, 413, tooLarge);
    }
    // the body must be read to its end before answering (a zod refusal reads none of it)
    if (!req.readableEnded) req.resume();
    return sendJson(res, 200, result);
  }

  /** GET /events: the page's cookie or the API header carries the token; one stream per tab. */
  function streamEvents(req: http.IncomingMessage, res: http.ServerResponse, host: string, cookieName: string): void {
    const given = (req.headers[TOKEN_HEADER] as string | undefined) ?? cookie(req, cookieName);
    if (!tokenEquals(given, expected)) return send(res, 401, 'missing or wrong token');
    const origin = req.headers.origin;
    if (origin && origin !== `http://${host}`) return send(res, 403, 'cross-origin request refused');
    if (req.method !== 'GET') {
      res.setHeader('Allow', 'GET');
      return send(res, 405, 'use GET');
    }
    if (!opts.events) return send(res, 404, 'no change events here');
    if (eventStreams >= MAX_EVENT_STREAMS) {
      res.setHeader('Retry-After', '5');
      return send(res, 503, 'too many open event streams');
    }
    eventStreams++;
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive' });
    res.write('retry: 2000\n: change events of the open document\n\n');
    const off = opts.events.subscribe((e) => res.write(`event: change\ndata: ${JSON.stringify(e)}\n\n`));
    const beat = setInterval(() => res.write(': ping\n\n'), EVENT_HEARTBEAT_MS);
    beat.unref();
    res.on('close', () => {
      eventStreams--;
      clearInterval(beat);
      off();
    });
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
