// The renderer's only door to the backend. In Electron it calls the preload's window.fleet;
// under `fleetplan serve` (plain browser) it POSTs to /api/<name> with the URL's token, which is
// kept in sessionStorage so a reload (after the token left the address bar) keeps working.
import type { ApiArgs, ApiError, ApiErrorCode, ApiName, ApiResponse, ApiResults, FleetApi } from '../../core/api.ts';
import type { ChangeEvent } from '../../core/changes.ts';

export type MenuHandler = (command: string, payload?: unknown) => void;
export type ChangeHandler = (event: ChangeEvent) => void;
type FleetBridge = FleetApi & {
  onMenu?: (cb: MenuHandler) => (() => void) | void;
  onChange?: (cb: (event: unknown) => void) => (() => void) | void;
};

/** A failed API call: what the backend said, in a form the UI can show next to a field. */
export class ApiCallError extends Error {
  readonly code: ApiErrorCode;
  readonly details: unknown;
  readonly api: ApiName;
  constructor(api: ApiName, error: ApiError) {
    super(error.message);
    this.name = 'ApiCallError';
    this.api = api;
    this.code = error.code;
    this.details = error.details;
  }
}

const TOKEN_KEY = 'fleetplan.token';

function bridge(): FleetBridge | undefined {
  return (globalThis as { fleet?: FleetBridge }).fleet;
}

/** The HTTP token: from ?token= (then remembered for this tab), else the remembered one. */
export function httpToken(): string | null {
  const loc = globalThis.location;
  const fromUrl = new URLSearchParams(loc?.search ?? '').get('token');
  try {
    if (fromUrl) {
      sessionStorage.setItem(TOKEN_KEY, fromUrl);
      // keep the secret out of the address bar, bookmarks and screenshots once it is stored
      const clean = new URL(loc.href);
      clean.searchParams.delete('token');
      history.replaceState(history.state, '', clean.pathname + clean.search + clean.hash);
    }
    return fromUrl ?? sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return fromUrl;
  }
}

/** bytes of a response decoded per task: a plan of 1,000 workloads is a megabyte, too much for one */
const DECODE_BYTES = 128 * 1024;

/**
 * A response body as text, decoded from UTF-8 as it arrives, a slice per task: `res.json()`
 * decodes a megabyte body in one task on this thread. The text is the same (a BOM dropped).
 */
async function bodyText(res: Response): Promise<string> {
  const reader = res.body?.getReader();
  if (!reader) return res.text();
  const decoder = new TextDecoder();
  const parts: string[] = [];
  let sliced = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    for (let at = 0; at < value.length; at += DECODE_BYTES) {
      // a slice after the first waits for a task of its own
      if (sliced) await new Promise((resolve) => setTimeout(resolve, 0));
      sliced = true;
      parts.push(decoder.decode(value.subarray(at, at + DECODE_BYTES), { stream: true }));
    }
  }
  parts.push(decoder.decode());
  return parts.join('');
}

/**
 * A call the server never answered: `fleetplan serve` stopped (or the machine slept). Said so in
 * words; it read "Cannot reach the FleetPlan server (TypeError: Failed to fetch)".
 */
export const UNREACHABLE = 'Cannot reach the FleetPlan server (has `fleetplan serve` stopped?): restart it and open the address it prints';

async function httpCall<N extends ApiName>(name: N, args: ApiArgs<N>): Promise<ApiResponse<N>> {
  const token = httpToken();
  let res: Response;
  try {
    res = await fetch(`./api/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { 'x-fleet-token': token } : {}) },
      body: JSON.stringify(args ?? {}),
    });
  } catch {
    return { ok: false, error: { code: 'unavailable', message: UNREACHABLE } };
  }
  try {
    const body = JSON.parse(await bodyText(res)) as ApiResponse<N>;
    if (body && typeof body === 'object' && 'ok' in body) return body;
  } catch {
    /* fall through: not JSON */
  }
  const code: ApiErrorCode = res.status === 401 || res.status === 403 ? 'unavailable' : 'internal';
  const hint = res.status === 401 || res.status === 403 ? ' — open the URL printed by `fleetplan serve` (it carries the token)' : '';
  return { ok: false, error: { code, message: `Server answered ${res.status} ${res.statusText}${hint}` } };
}

/**
 * Call one API and return its value with the document revision it was read at (what a later
 * write of the same rows sends as baseRevision); a failure throws ApiCallError.
 */
export async function callAt<N extends ApiName>(name: N, args: ApiArgs<N>): Promise<{ value: ApiResults[N]; revision: number | undefined }> {
  const fleet = bridge();
  let response: ApiResponse<N>;
  try {
    response = fleet ? await fleet.call(name, args) : await httpCall(name, args);
  } catch (err) {
    response = { ok: false, error: { code: 'internal', message: err instanceof Error ? err.message : String(err) } };
  }
  if (!response.ok) throw new ApiCallError(name, response.error);
  return { value: response.value, revision: response.revision };
}

/** Call one API and return its value; a failure throws ApiCallError with {code, message, details}. */
export async function call<N extends ApiName>(name: N, args: ApiArgs<N>): Promise<ApiResults[N]> {
  return (await callAt(name, args)).value;
}

/** A write refused because the rows it was based on changed elsewhere (the message says what). */
export function isStaleWrite(err: unknown): err is ApiCallError {
  return err instanceof ApiCallError && err.code === 'conflict' && (err.details as { reason?: unknown } | undefined)?.reason === 'stale';
}

/**
 * Subscribe to the document's change events: over IPC in Electron, over Server-Sent Events
 * (GET ./events, the page's token cookie) under `fleetplan serve`. Returns the unsubscribe.
 * `onConnection` hears whether the event stream is connected (serve only): a stopped server
 * ends it, and the page said nothing of it until an edit failed.
 */
export function onChange(handler: ChangeHandler, onConnection?: (connected: boolean) => void): () => void {
  const fleet = bridge();
  if (fleet) {
    const off = fleet.onChange?.((e) => handler(e as ChangeEvent));
    return typeof off === 'function' ? off : () => {};
  }
  if (typeof EventSource === 'undefined') return () => {};
  const source = new EventSource('./events');
  if (onConnection) {
    source.addEventListener('open', () => onConnection(true));
    // the browser retries on its own. A stream refused while the server answers (more than
    // MAX_EVENT_STREAMS pages open: 503) is not a stopped server: any HTTP answer to a call says so
    source.addEventListener('error', () => {
      void serverAnswers().then((answers) => {
        if (source.readyState !== EventSource.OPEN) onConnection(answers);
      });
    });
  }
  const listener = (e: MessageEvent<string>) => {
    try {
      handler(JSON.parse(e.data) as ChangeEvent);
    } catch {
      /* a malformed event is ignored: the next one carries the whole state */
    }
  };
  source.addEventListener('change', listener);
  return () => {
    source.removeEventListener('change', listener);
    source.close();
  };
}

/**
 * Whether `fleetplan serve` answers this page, as against a refused connection: any answer to a call
 * but 'unavailable' (httpCall's word for no connection and for a refused token: a server restarted
 * on the same port has a new token and answers 401 to every call, so nothing can be saved: the
 * notice cleared there).
 */
async function serverAnswers(): Promise<boolean> {
  const r = await httpCall('document-info', {});
  return r.ok || r.error.code !== 'unavailable';
}

/** True inside the Electron window (menus, native dialogs); false in a browser via `serve`. */
export function isDesktop(): boolean {
  return bridge() !== undefined;
}

/** Subscribe to application-menu commands (Electron only). Returns an unsubscribe function. */
export function onMenu(handler: MenuHandler): () => void {
  const off = bridge()?.onMenu?.(handler);
  return typeof off === 'function' ? off : () => {};
}

/** A readable message for any thrown value. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiCallError) return err.message;
  if (err instanceof Error) return err.message;
  return String(err);
}
