// The Electron shell: one locked-down window on app://fleetplan, IPC handlers on the app:
// allowlist dispatching into the backend's handler table, the File menu and PDF export.
// No business logic here: everything else is electron/backend.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, session, type MenuItemConstructorOptions } from 'electron';
import { apiSchemas, IPC_PREFIX, type ApiResponse } from '../../core/api.ts';
import { VIEW_INFO, VIEWS, viewKey } from '../../core/views.ts';
import { dispatcherFor, type Dispatch } from '../backend/api-handlers.ts';
import { Backend } from '../backend/backend.ts';
import { migrationsFromFiles } from '../backend/db.ts';
import { printReportToPdf } from './report-window.ts';
import { desktopPdfRequest } from '../backend/report.ts';
import { OptimizerHost } from '../backend/optimizer-host.ts';
import workerPath from '../backend/optimizer.worker.ts?modulePath';
import {
  APP_ORIGIN,
  APP_SCHEME,
  appFilePath,
  CSP,
  hardenContents,
  hardenSession,
  isTrustedSender,
  CHANGE_CHANNEL,
  MENU_CHANNEL,
  windowWebPreferences,
} from './security.ts';

// Migrations are embedded at build time (vite glob, raw strings): a packaged app has no
// migrations/ folder to read. Only NNNN_*.sql files: the schema snapshot is not a migration.
const MIGRATIONS = migrationsFromFiles(
  import.meta.glob('../../migrations/[0-9]*.sql', { query: '?raw', import: 'default', eager: true }) as Record<string, string>,
);

const OUT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RENDERER_DIR = path.join(OUT_DIR, 'renderer');
const PRELOAD = path.join(OUT_DIR, 'preload', 'index.cjs');
/** electron-vite dev server (development only); never set in a packaged app */
const DEV_URL = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const API_NAMES = Object.keys(apiSchemas);
const DOC_FILTERS = [{ name: 'FleetPlan document', extensions: ['fleetplan'] }];

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);
app.enableSandbox();

let backend: Backend;
let dispatch: Dispatch;
let win: BrowserWindow | null = null;

function pageUrl(page = 'index.html', query = ''): string {
  return `${DEV_URL ? DEV_URL.replace(/\/$/, '') : APP_ORIGIN}/${page}${query}`;
}

/** app://fleetplan/… → the built renderer, with the CSP and nosniff on every response. */
function registerAppProtocol(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = appFilePath(RENDERER_DIR, request.url, path.join, path.sep);
    if (!file || !fs.existsSync(file)) return new Response('not found', { status: 404 });
    const res = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(res.headers);
    headers.set('Content-Security-Policy', CSP);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(res.body, { status: res.status, headers });
  });
}

function registerIpc(): void {
  for (const name of API_NAMES) {
    ipcMain.handle(IPC_PREFIX + name, async (event, args: unknown): Promise<ApiResponse<never>> => {
      if (!isTrustedSender(event.senderFrame?.url, DEV_URL)) {
        return { ok: false, error: { code: 'unavailable', message: 'call refused: not from the FleetPlan window' } };
      }
      const res = await dispatch(name, args);
      if (res.ok && name.startsWith('document-') && name !== 'document-info' && name !== 'document-recent') {
        buildMenu(); // the recent list changed
      }
      return res as ApiResponse<never>;
    });
  }
}

/** Change events of the backend (this window's writes, another window's or a fleetplan command's). */
function forwardChanges(): void {
  backend.changes.subscribe((e) => win?.webContents.send(CHANGE_CHANNEL, e));
}

function sendMenu(command: string, payload?: unknown): void {
  win?.webContents.send(MENU_CHANNEL, command, payload);
}

function showError(title: string, message: string): void {
  if (win) void dialog.showMessageBox(win, { type: 'error', title, message });
  else dialog.showErrorBox(title, message);
}

/** Runs a document API from the menu, then tells the renderer to reload its state. */
async function documentAction(name: 'document-new' | 'document-open' | 'document-save-as', args: Record<string, unknown>): Promise<void> {
  const res = await dispatch(name, args);
  if (!res.ok) return showError('FleetPlan', res.error.message);
  buildMenu();
  if (win) win.setTitle(`${path.basename(backend.doc.path)} — FleetPlan`);
  sendMenu('document-changed');
}

async function menuNew(): Promise<void> {
  if (!win) return;
  const r = await dialog.showSaveDialog(win, { title: 'New plan document', defaultPath: 'Untitled.fleetplan', filters: DOC_FILTERS });
  if (r.canceled || !r.filePath) return;
  // The save dialog already asked whether to replace an existing file.
  for (const s of ['', '-wal', '-shm']) fs.rmSync(r.filePath + s, { force: true });
  await documentAction('document-new', { path: r.filePath, demo: false });
}

async function menuOpen(file?: string): Promise<void> {
  if (!win) return;
  if (!file) {
    const r = await dialog.showOpenDialog(win, { title: 'Open plan document', properties: ['openFile'], filters: DOC_FILTERS });
    if (r.canceled || !r.filePaths[0]) return;
    file = r.filePaths[0];
  }
  await documentAction('document-open', { path: file });
}

async function menuSaveAs(): Promise<void> {
  if (!win) return;
  const r = await dialog.showSaveDialog(win, { title: 'Save plan document as', defaultPath: path.basename(backend.doc.path), filters: DOC_FILTERS });
  if (r.canceled || !r.filePath) return;
  await documentAction('document-save-as', { path: r.filePath });
}

/** Export PDF…: prints report.html (same lockdown, same preload) once it says it is ready. */
async function menuExportPdf(): Promise<void> {
  if (!win) return;
  let req: ReturnType<typeof desktopPdfRequest>;
  try {
    // the plan Results shows, when it is an earlier one of the history (renderer/App.svelte): printed
    // instead of the latest run
    req = desktopPdfRequest(backend, String(await win.webContents.executeJavaScript('document.body.dataset.shownPlan ?? ""')));
  } catch (e) {
    return showError('Export PDF', (e as Error).message);
  }
  const r = await dialog.showSaveDialog(win, { title: 'Export PDF plan', defaultPath: req.fileName, filters: [{ name: 'PDF', extensions: ['pdf'] }] });
  if (r.canceled || !r.filePath) return;
  try {
    await printReportToPdf({
      // print=1: the page is never shown, so it skips its screen layout once measured, as the
      // headless printer's does (renderer/report/ReportApp.svelte)
      url: pageUrl('report.html', req.query),
      webPreferences: windowWebPreferences(PRELOAD, API_NAMES, false),
      pageSize: req.pageSize,
      out: r.filePath,
    });
  } catch (e) {
    showError('Export PDF', (e as Error).message);
  }
}

function buildMenu(): void {
  const recent = backend.recent();
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: 'New…', accelerator: 'CmdOrCtrl+N', click: () => void menuNew() },
      { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: () => void menuOpen() },
      {
        label: 'Open Recent',
        submenu: recent.length
          ? recent.map((e) => ({ label: e.path, click: () => void menuOpen(e.path) }))
          : [{ label: 'No recent documents', enabled: false }],
      },
      { label: 'Save As…', accelerator: 'CmdOrCtrl+Shift+S', click: () => void menuSaveAs() },
      { type: 'separator' },
      {
        label: 'Import',
        submenu: [
          { label: 'Workloads CSV…', click: () => sendMenu('import:workloads') },
          { label: 'Sites CSV…', click: () => sendMenu('import:sites') },
          { label: 'Catalog JSON…', click: () => sendMenu('import:catalog') },
        ],
      },
      { label: 'Export PDF…', accelerator: 'CmdOrCtrl+P', click: () => void menuExportPdf() },
      { type: 'separator' },
      { role: 'quit' },
    ],
  };
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    file,
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        ...VIEWS.map((v) => ({
          label: VIEW_INFO[v].label,
          accelerator: `CmdOrCtrl+${viewKey(v)}`,
          click: () => sendMenu(`nav:${v}`),
        })),
        { type: 'separator' as const },
        { label: 'Toggle Theme', click: () => sendMenu('theme:toggle') },
        { role: 'reload' as const },
        { role: 'toggleDevTools' as const },
        { role: 'togglefullscreen' as const },
      ],
    },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

/** First launch: the last document, else the default one in userData (created with the demo). */
async function openInitialDocument(): Promise<void> {
  const last = backend.recent()[0]?.path;
  if (last) {
    try {
      backend.open(last);
      return;
    } catch (e) {
      showError('FleetPlan', `Could not open ${last}:\n${(e as Error).message}`);
    }
  }
  const fallback = path.join(app.getPath('userData'), 'FleetPlan.fleetplan');
  if (fs.existsSync(fallback)) {
    try {
      backend.open(fallback);
      return;
    } catch (e) {
      // e.g. written by a newer FleetPlan: keep it, start a fresh one beside it
      showError('FleetPlan', `Could not open ${fallback}:\n${(e as Error).message}`);
      await backend.create(path.join(app.getPath('userData'), `FleetPlan-${Date.now()}.fleetplan`), { demo: true });
      return;
    }
  }
  await backend.create(fallback, { demo: true });
}

async function createWindow(): Promise<void> {
  win = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: `${path.basename(backend.doc.path)} — FleetPlan`,
    webPreferences: windowWebPreferences(PRELOAD, API_NAMES, !app.isPackaged),
  });
  win.once('ready-to-show', () => win?.show());
  win.on('closed', () => (win = null));
  // a half-filled form cancels the page's unload (beforeunload); Electron shows no prompt of its
  // own, so ask here, and close only when the person agrees to discard what they typed
  win.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(win!, {
      type: 'question',
      buttons: ['Discard changes', 'Keep editing'],
      defaultId: 1,
      cancelId: 1,
      title: 'Unsaved changes',
      message: 'A form has changes that are not saved.',
      detail: 'Discard them and leave?',
    });
    if (choice === 0) event.preventDefault();
  });
  await win.loadURL(pageUrl());
}

app.on('web-contents-created', (_event, contents) => hardenContents(contents, DEV_URL));

app.whenReady().then(async () => {
  hardenSession(session.defaultSession);
  registerAppProtocol();
  const optimizer = new OptimizerHost(workerPath);
  backend = new Backend({
    userDataDir: app.getPath('userData'),
    migrations: MIGRATIONS,
    optimizer,
    onBackup: (p) => console.info(`[fleetplan] backup before migration: ${p}`),
  });
  dispatch = dispatcherFor(backend);
  registerIpc();
  forwardChanges();
  await openInitialDocument();
  buildMenu();
  await createWindow();
  // the first Optimize as fast as the later ones: the worker warms up now, in the background (an
  // Optimize meanwhile stops the warm-up and starts at once)
  void optimizer.warm();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void createWindow();
  });
}).catch((e: unknown) => {
  dialog.showErrorBox('FleetPlan could not start', e instanceof Error ? e.message : String(e));
  app.exit(1);
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('will-quit', () => {
  void backend?.dispose();
});
