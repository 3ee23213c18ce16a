// How every FleetPlan window is locked down (CONVENTIONS "Windows are locked down"): the
// webPreferences, the CSP, and the navigation / window.open / permission / webview handlers as
// plain functions. Only `import type` from electron here, so the unit test runs without it.
import type { Event, HandlerDetails, Session, WebContents, WebPreferences, WindowOpenHandlerResponse } from 'electron';
import { CSP } from '../backend/http-server.ts';

export { CSP };

/** The renderer is served from this privileged custom scheme (protocol.handle in index.ts). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'fleetplan';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Channel on which main sends menu commands to the renderer (preload's onMenu). */
export const MENU_CHANNEL = 'fleet:menu';
/** Main → renderer: change events of the open document (see electron/backend/change-feed.ts). */
export const CHANGE_CHANNEL = 'fleet:change';

export const SECURE_WEB_PREFERENCES = {
  sandbox: true,
  contextIsolation: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  enableBlinkFeatures: '',
  navigateOnDragDrop: false,
  safeDialogs: true,
  spellcheck: false,
  devTools: true,
} as const satisfies WebPreferences;

/** webPreferences of a window: the locked-down set, the preload, and the API allowlist argument. */
export function windowWebPreferences(preload: string, apiNames: readonly string[], devTools = true): WebPreferences {
  return {
    ...SECURE_WEB_PREFERENCES,
    devTools,
    preload,
    additionalArguments: [`--fleet-api=${apiNames.join(',')}`],
  };
}

/**
 * True when `url` belongs to the app: the app:// origin, or (development only) the exact
 * origin of electron-vite's dev server.
 */
export function isAppUrl(url: string, devServerUrl?: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && !u.username && !u.password) return true;
  if (devServerUrl) {
    try {
      const d = new URL(devServerUrl);
      return (d.protocol === 'http:' || d.protocol === 'https:') && u.origin === d.origin;
    } catch {
      return false;
    }
  }
  return false;
}

/** will-navigate / will-redirect / will-frame-navigate: only within the app. */
export function navigationGuard(devServerUrl?: string) {
  return (event: Pick<Event, 'preventDefault'>, url: string): void => {
    if (!isAppUrl(url, devServerUrl)) event.preventDefault();
  };
}

/** setWindowOpenHandler: no new windows, ever (links to sources are copied, not opened). */
export function windowOpenHandler(_details: HandlerDetails): WindowOpenHandlerResponse {
  return { action: 'deny' };
}

/** Permission requests (camera, notifications, geolocation …): all denied. */
export function permissionRequestHandler(
  _contents: WebContents | null,
  _permission: string,
  callback: (granted: boolean) => void,
): void {
  callback(false);
}

export function permissionCheckHandler(): boolean {
  return false;
}

/** <webview> is never used: refuse to attach one. */
export function willAttachWebview(event: Pick<Event, 'preventDefault'>, webPreferences: WebPreferences): void {
  delete webPreferences.preload;
  webPreferences.nodeIntegration = false;
  webPreferences.contextIsolation = true;
  webPreferences.sandbox = true;
  event.preventDefault();
}

type ContentsLike = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;
type SessionLike = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'> &
  Partial<Pick<Session, 'setDevicePermissionHandler'>>;

/** Wires the handlers above on a web contents (every one: app.on('web-contents-created')). */
export function hardenContents(contents: ContentsLike, devServerUrl?: string): void {
  const guard = navigationGuard(devServerUrl);
  contents.on('will-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-frame-navigate', (details) => guard(details, details.url));
  contents.on('will-attach-webview', willAttachWebview);
  contents.setWindowOpenHandler(windowOpenHandler);
}

export function hardenSession(session: SessionLike): void {
  session.setPermissionRequestHandler(permissionRequestHandler);
  session.setPermissionCheckHandler(permissionCheckHandler);
  session.setDevicePermissionHandler?.(() => false);
}

/** Is an IPC call coming from a frame of the app (not some navigated-to or injected frame)? */
export function isTrustedSender(frameUrl: string | undefined, devServerUrl?: string): boolean {
  return !!frameUrl && isAppUrl(frameUrl, devServerUrl);
}

/** Maps a request path of app://fleetplan/… to a file under root, or null when it escapes. */
export function appFilePath(root: string, requestUrl: string, join: (...p: string[]) => string, sep: string): string | null {
  let u: URL;
  try {
    u = new URL(requestUrl);
  } catch {
    return null;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return null;
  let rel: string;
  try {
    rel = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  if (rel === '/' || rel === '') rel = '/index.html';
  if (rel.includes('\0')) return null;
  const file = join(root, rel);
  const base = root.endsWith(sep) ? root : root + sep;
  return file.startsWith(base) ? file : null;
}
