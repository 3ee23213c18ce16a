// Headless Chromium driven over its DevTools pipe (--remote-debugging-pipe: JSON messages ended by
// NUL on file descriptors 3 and 4), just what printing the report needs: the page given on the
// command line, evaluate, print to PDF, close. Started directly, with the report page as its first
// tab, the browser loads the page while it is still starting, and no automation library is loaded
// first (Playwright's import alone cost ~0.7 s of CPU before the launch could begin). The browser
// runs on a temporary profile, removed when it closes; closing kills it (its process group), as
// does Node's exit while it still runs.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { FleetError } from '../../core/api.ts';

type Pending = { resolve(v: unknown): void; reject(e: Error): void; method: string };
type CdpEvent = { method: string; params: Record<string, unknown>; sessionId?: string };

/** Chromium's answer to a command that failed ({ error: { message } }). */
class CdpError extends Error {}

/**
 * Playwright's launch switches for a quiet, offline, never-throttled headless browser
 * (playwright-core chromiumSwitches), kept here since this browser is started without it. The
 * report's own (report.ts CHROMIUM_ARGS: no sandbox, no GPU, features it never uses) come after.
 */
const QUIET_SWITCHES = [
  '--headless',
  '--hide-scrollbars',
  '--mute-audio',
  '--disable-field-trial-config',
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--disable-back-forward-cache',
  '--disable-breakpad',
  '--disable-component-extensions-with-background-pages',
  '--no-default-browser-check',
  '--disable-default-apps',
  '--disable-dev-shm-usage',
  '--disable-extensions',
  '--allow-pre-commit-input',
  '--disable-hang-monitor',
  '--disable-ipc-flooding-protection',
  '--disable-popup-blocking',
  '--disable-prompt-on-repost',
  '--disable-renderer-backgrounding',
  '--force-color-profile=srgb',
  '--metrics-recording-only',
  '--password-store=basic',
  '--use-mock-keychain',
  '--no-service-autorun',
  '--disable-search-engine-choice-screen',
];

export type HeadlessPage = {
  /** evaluates `expression` in the page (its value, JSON-like); rejects while no document is there */
  evaluate<T>(expression: string): Promise<T>;
  /** Page.printToPDF with these parameters (inches) */
  printToPdf(params: Record<string, unknown>): Promise<Buffer>;
};

export type HeadlessBrowser = {
  /** the first tab (the page given at launch), once the browser is up and attached to it */
  page: Promise<HeadlessPage>;
  /** uncaught errors of the page after it was attached to (message of each) */
  onPageError(listener: (message: string) => void): void;
  /** the temporary profile folder, removed by close() */
  profileDir: string;
  close(): Promise<void>;
};

/**
 * Starts `executable` headless with `url` as its first tab and a window of `width` × `height`
 * CSS px. `args` are the caller's switches (they come after the quiet defaults).
 */
export function launchHeadless(executable: string, url: string, opts: { args: readonly string[]; width: number; height: number }): HeadlessBrowser {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetplan-chromium-'));
  let child: ChildProcess;
  try {
    child = spawn(
      executable,
      [...QUIET_SWITCHES, ...opts.args, `--window-size=${opts.width},${opts.height}`, `--user-data-dir=${profile}`, '--remote-debugging-pipe', url],
      // its own process group (and session): killed as a whole, and on Linux its own scheduling
      // group (autogroup), as when Playwright started it, rather than a share of this process's
      { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'], detached: process.platform !== 'win32' },
    );
  } catch (e) {
    fs.rmSync(profile, { recursive: true, force: true });
    throw new FleetError('unavailable', `Chromium (${executable}) could not be started: ${(e as Error).message}`);
  }
  const toBrowser = child.stdio[3] as Writable;
  const fromBrowser = child.stdio[4] as Readable;
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString('utf8')).slice(-4000)));
  /** the browser and every process it started (its group), or the browser alone */
  const kill = () => {
    try {
      if (child.pid !== undefined && process.platform !== 'win32') process.kill(-child.pid, 'SIGKILL');
      else child.kill('SIGKILL');
    } catch {
      // gone already
    }
  };
  const killOnExit = () => kill();
  process.once('exit', killOnExit);

  let nextId = 1;
  const pending = new Map<number, Pending>();
  const listeners: ((e: CdpEvent) => void)[] = [];
  let dead: Error | null = null;
  // 'error' without 'exit' when the executable could not be started at all
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', () => resolve());
  });
  const die = (e: Error) => {
    if (dead) return;
    dead = e;
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  };
  child.once('error', (e) => die(new FleetError('unavailable', `Chromium (${executable}) could not be started: ${e.message}`)));
  child.once('exit', (code, signal) => {
    const tail = stderr.trim().split('\n').slice(-3).join(' | ');
    die(new FleetError('unavailable', `Chromium exited while printing the report (${signal ?? `exit code ${code}`})${tail ? `: ${tail}` : ''}`));
  });
  // a closed pipe (the browser exiting) is reported by 'exit'; a write to it must not throw
  toBrowser.on('error', () => {});
  fromBrowser.on('error', () => {});

  let buffered: Buffer[] = [];
  fromBrowser.on('data', (chunk: Buffer) => {
    let start = 0;
    for (let end = chunk.indexOf(0); end !== -1; end = chunk.indexOf(0, start)) {
      buffered.push(chunk.subarray(start, end));
      const text = Buffer.concat(buffered).toString('utf8');
      buffered = [];
      start = end + 1;
      const msg = JSON.parse(text) as { id?: number; result?: unknown; error?: { message: string }; method?: string; params?: Record<string, unknown>; sessionId?: string };
      if (msg.id !== undefined) {
        const p = pending.get(msg.id);
        pending.delete(msg.id);
        if (!p) continue;
        if (msg.error) p.reject(new CdpError(`${p.method}: ${msg.error.message}`));
        else p.resolve(msg.result);
      } else if (msg.method) {
        const e: CdpEvent = { method: msg.method, params: msg.params ?? {}, ...(msg.sessionId ? { sessionId: msg.sessionId } : {}) };
        for (const l of listeners) l(e);
      }
    }
    if (start < chunk.length) buffered.push(chunk.subarray(start));
  });

  const send = <T>(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<T> => {
    if (dead) return Promise.reject(dead);
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject, method });
      toBrowser.write(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }) + '\0');
    });
  };

  const pageErrorListeners: ((message: string) => void)[] = [];
  const page = (async (): Promise<HeadlessPage> => {
    // the first tab: announced once target discovery is on (it may not exist yet at that moment)
    const target = new Promise<string>((resolve) =>
      listeners.push((e) => {
        const info = e.params['targetInfo'] as { targetId: string; type: string } | undefined;
        if (e.method === 'Target.targetCreated' && info?.type === 'page') resolve(info.targetId);
      }),
    );
    await send('Target.setDiscoverTargets', { discover: true });
    const targetId = await target;
    const { sessionId } = await send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true });
    listeners.push((e) => {
      if (e.sessionId !== sessionId || e.method !== 'Runtime.exceptionThrown') return;
      const d = e.params['exceptionDetails'] as { text?: string; exception?: { description?: string } } | undefined;
      const first = (d?.exception?.description ?? d?.text ?? 'unknown error').split('\n')[0]!.replace(/^Uncaught /, '');
      for (const l of pageErrorListeners) l(first);
    });
    await send('Runtime.enable', {}, sessionId);
    return {
      evaluate: async <T>(expression: string) => {
        const r = await send<{ result: { value?: T }; exceptionDetails?: { text: string } }>('Runtime.evaluate', { expression, returnByValue: true }, sessionId);
        if (r.exceptionDetails) throw new CdpError(`evaluate: ${r.exceptionDetails.text}`);
        return r.result.value as T;
      },
      printToPdf: async (params) => {
        const r = await send<{ data: string }>('Page.printToPDF', { ...params, transferMode: 'ReturnAsBase64' }, sessionId);
        return Buffer.from(r.data, 'base64');
      },
    };
  })();
  page.catch(() => {});

  let closing: Promise<void> | null = null;
  return {
    page,
    onPageError: (l) => void pageErrorListeners.push(l),
    profileDir: profile,
    // killed rather than asked to close: an orderly exit (saving a profile that is thrown away,
    // shutting its processes down one by one) took ~0.4 s after the print; nothing of the browser
    // outlives its process group. The profile's removal is asynchronous (its ~180 files took
    // 0.3-0.5 s to unlink on a virtual disk), so a caller may go on without waiting for it.
    close: () =>
      (closing ??= (async () => {
        kill();
        await exited;
        process.removeListener('exit', killOnExit);
        await fs.promises.rm(profile, { recursive: true, force: true, maxRetries: 3 });
      })()),
  };
}
