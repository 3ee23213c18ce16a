import { describe, expect, it } from 'vitest';
import {
  APP_ORIGIN,
  appFilePath,
  CSP,
  hardenContents,
  hardenSession,
  isAppUrl,
  isTrustedSender,
  navigationGuard,
  permissionCheckHandler,
  permissionRequestHandler,
  SECURE_WEB_PREFERENCES,
  willAttachWebview,
  windowOpenHandler,
  windowWebPreferences,
} from './security.ts';

const event = () => {
  const e = { prevented: false, preventDefault: () => void (e.prevented = true) };
  return e;
};

describe('window security', () => {
  it('locks the window down', () => {
    const p = windowWebPreferences('/app/out/preload/index.cjs', ['document-info', 'catalog-get']);
    expect(p).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      preload: '/app/out/preload/index.cjs',
      additionalArguments: ['--fleet-api=document-info,catalog-get'],
    });
    expect(SECURE_WEB_PREFERENCES.sandbox).toBe(true);
  });

  it('has a strict CSP: no remote scripts, no eval, no framing, no plugins', () => {
    const directives = Object.fromEntries(CSP.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(directives['base-uri']).toEqual(["'none'"]);
    expect(CSP).not.toMatch(/unsafe-eval|https?:|\*/);
  });

  it('allows navigation only within the app', () => {
    const guard = navigationGuard();
    for (const url of [`${APP_ORIGIN}/index.html`, `${APP_ORIGIN}/report.html?x=1#y`]) {
      const e = event();
      guard(e, url);
      expect(e.prevented, url).toBe(false);
    }
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://other/index.html', 'app://user:pw@fleetplan/', 'http://localhost:5173/', 'javascript:alert(1)', 'not a url']) {
      const e = event();
      guard(e, url);
      expect(e.prevented, url).toBe(true);
    }
    const dev = navigationGuard('http://localhost:5173');
    const ok = event();
    dev(ok, 'http://localhost:5173/index.html');
    expect(ok.prevented).toBe(false);
    const other = event();
    dev(other, 'http://localhost:5174/');
    expect(other.prevented).toBe(true);
  });

  it('denies new windows, permissions and webviews', () => {
    expect(windowOpenHandler({ url: 'https://example.com' } as Parameters<typeof windowOpenHandler>[0])).toEqual({ action: 'deny' });
    let granted: boolean | undefined;
    permissionRequestHandler(null, 'media', (g) => (granted = g));
    expect(granted).toBe(false);
    expect(permissionCheckHandler()).toBe(false);
    const e = event();
    const prefs: Record<string, unknown> = { preload: '/evil.js', nodeIntegration: true };
    willAttachWebview(e, prefs);
    expect(e.prevented).toBe(true);
    expect(prefs.preload).toBeUndefined();
    expect(prefs.nodeIntegration).toBe(false);
  });

  it('wires every handler on a web contents and a session', () => {
    const on: Record<string, (...a: never[]) => unknown> = {};
    let openHandler: unknown;
    hardenContents({
      on: ((name: string, fn: (...a: never[]) => unknown) => {
        on[name] = fn;
        return undefined as never;
      }) as never,
      setWindowOpenHandler: (fn: unknown) => void (openHandler = fn),
    });
    expect(Object.keys(on).sort()).toEqual(['will-attach-webview', 'will-frame-navigate', 'will-navigate', 'will-redirect']);
    expect(openHandler).toBe(windowOpenHandler);
    const e = event();
    (on['will-navigate'] as unknown as (e: unknown, url: string) => void)(e, 'https://evil.example');
    expect(e.prevented).toBe(true);
    const f = Object.assign(event(), { url: 'https://evil.example' });
    (on['will-frame-navigate'] as unknown as (e: unknown) => void)(f);
    expect(f.prevented).toBe(true);

    const set: string[] = [];
    hardenSession({
      setPermissionRequestHandler: (h: unknown) => void (h === permissionRequestHandler && set.push('request')),
      setPermissionCheckHandler: (h: unknown) => void (h === permissionCheckHandler && set.push('check')),
      setDevicePermissionHandler: () => void set.push('device'),
    } as never);
    expect(set).toEqual(['request', 'check', 'device']);
  });

  it('trusts IPC only from app frames and maps app:// paths inside the renderer folder', () => {
    expect(isTrustedSender(`${APP_ORIGIN}/index.html`)).toBe(true);
    expect(isTrustedSender('https://evil.example/')).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
    const join = (...p: string[]) => p.join('').replace(/\/+/g, '/').replace(/\/[^/]+\/\.\.(?=\/)/g, '');
    expect(appFilePath('/r', `${APP_ORIGIN}/`, join, '/')).toBe('/r/index.html');
    expect(appFilePath('/r', `${APP_ORIGIN}/assets/a.js`, join, '/')).toBe('/r/assets/a.js');
    expect(appFilePath('/r', 'app://other/x.js', join, '/')).toBeNull();
    expect(appFilePath('/r', `${APP_ORIGIN}/a%00.js`, join, '/')).toBeNull();
  });
});
