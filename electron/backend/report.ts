// The PDF plan report: the report model of a scenario's latest solved plan (core/report), and the
// PDF printed by headless Chromium (report-browser.ts) from the report route served by the same
// HTTP server as `fleetplan serve`. A PDF file is written to a temporary name beside the target
// and renamed into place, so a failed or interrupted export never leaves a half-written file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FleetError, type ApiResponse } from '../../core/api.ts';
import { Worker } from 'node:worker_threads';
import type { ReportModel } from '../../core/report/model.ts';
import { exportFileName } from '../../core/names.ts';
import { baselineComparisons, computeTco, tcoCsv, tcoCsvFileName } from '../../core/tco/index.ts';
import { computeReportModel, PlanFiguresCache, type PlanFigures, type ReportModelJob, type ReportModelReply } from './report-model.ts';
import { writeFileAtomic as writeFileAtomicInFolder } from './atomic-file.ts';
import type { Dispatch } from './dispatch.ts';
import type { Backend } from './backend.ts';
import { latestCostablePlan } from './handlers/plans.ts';
import { planHistory } from './repo/plans.ts';
import { launchHeadless, type HeadlessBrowser } from './report-browser.ts';
import { getScenario, scenarioNameById } from './repo/scenarios.ts';

export type PageSize = 'A4' | 'Letter';

/**
 * The latest costable plan of a scenario with the input it was solved from (handlers/plans.ts), or
 * the plan `planId`; `olderPlan`: that plan is not the scenario's latest run (the exports say so).
 */
function solvedPlan(b: Backend, scenarioArg: string | undefined, planId?: number) {
  const stored = latestCostablePlan(b.db, scenarioArg, planId);
  const olderPlan = planId !== undefined && planHistory(b.db, stored.scenario, 1)[0]?.id !== planId;
  return { scenario: stored.scenario, stored, plan: stored.result, input: stored.input, olderPlan };
}

/** The TCO tables (monthly lines, totals, baselines) as CSV, named after the document and scenario. */
export function reportTcoCsv(b: Backend, scenarioArg?: string, planId?: number): { fileName: string; text: string } {
  const { scenario, stored, plan, input, olderPlan } = solvedPlan(b, scenarioArg, planId);
  const report = computeTco(input, plan);
  // a plan picked by id that is not the scenario's latest run says so, as the TCO view's export does
  const text = tcoCsv(report, { scenario, plan: stored, olderPlan }, { baselines: baselineComparisons(input, plan, report) });
  return { fileName: tcoCsvFileName(b.doc.path, scenario), text };
}

export async function reportModelFor(
  b: Backend,
  args: { scenario?: string | undefined; planId?: number | undefined; pageSize?: PageSize | undefined; now?: Date },
): Promise<ReportModel> {
  const solved = solvedPlan(b, args.scenario, args.planId);
  const r = computeReportModel(modelJob(b, solved, args));
  keepFigures(b, solved, r.figures);
  return r.model;
}

/** Per backend, the figures of the plan last reported (report-model.ts): a repeated export skips them. */
const figuresCaches = new WeakMap<Backend, PlanFiguresCache>();
const figuresKey = (b: Backend, solved: ReturnType<typeof solvedPlan>) => PlanFiguresCache.keyOf(b.doc.path, solved.stored.id, `${solved.stored.solvedAt} ${solved.stored.inputHash}`);
function keepFigures(b: Backend, solved: ReturnType<typeof solvedPlan>, figures: PlanFigures): void {
  let cache = figuresCaches.get(b);
  if (!cache) figuresCaches.set(b, (cache = new PlanFiguresCache()));
  cache.set(figuresKey(b, solved), figures);
}

/** The report model's inputs, as plain data, of a plan already read from the document. */
function modelJob(b: Backend, solved: ReturnType<typeof solvedPlan>, args: { pageSize?: PageSize | undefined; now?: Date }): ReportModelJob {
  const { scenario, stored, plan, input } = solved;
  return {
    input,
    plan,
    scenario,
    fileName: path.basename(b.doc.path),
    generatedAt: (args.now ?? new Date()).toISOString(),
    solvedAt: stored.solvedAt,
    stale: stored.stale,
    olderPlan: solved.olderPlan,
    // the scenario's page size now, not the one it had when solved: printing is not an input of the plan
    pageSize: args.pageSize ?? getScenario(b.db, scenario).settings.page_size,
    figures: figuresCaches.get(b)?.get(figuresKey(b, solved)),
  };
}

const MODEL_WORKER = './report-model.worker.ts';

/** A report model worker, started before its job is known. */
type ModelWorker = {
  run(job: ReportModelJob): Promise<{ model: ReportModel; figures: PlanFigures }>;
  stop(): void;
};

/**
 * Starts the model's worker thread where this code runs from its TypeScript sources (the CLI,
 * `fleetplan serve`); null where no worker file ships (a bundled build). The worker loads its
 * modules (a good part of its time) as soon as it starts, so it is started before the plan is
 * read and Chromium launched, and handed its job once the plan is known.
 */
function startModelWorker(): ModelWorker | null {
  // through a variable: a bundler must not copy the TypeScript file as an asset
  const url = new URL(MODEL_WORKER, import.meta.url);
  if (!import.meta.url.endsWith('.ts') || !fs.existsSync(url)) return null;
  const worker = new Worker(url);
  const stop = () => {
    worker.removeAllListeners();
    worker.on('error', () => {}); // a late error of a worker being stopped has nowhere to go
    void worker.terminate();
  };
  const reply = new Promise<{ model: ReportModel; figures: PlanFigures }>((resolve, reject) => {
    const done = (f: () => void) => {
      stop();
      f();
    };
    worker.once('message', (r: ReportModelReply) =>
      done(() => (r.ok ? resolve({ model: r.model, figures: r.figures }) : reject(r.code ? new FleetError(r.code, r.message) : new Error(r.message)))),
    );
    worker.once('error', (e) => done(() => reject(e)));
    worker.once('exit', (code) => done(() => reject(new FleetError('internal', `the report model worker stopped (exit code ${code})`))));
  });
  reply.catch(() => {});
  return {
    run: (job) => {
      worker.postMessage(job);
      return reply;
    },
    stop,
  };
}

/**
 * The model built in a worker thread (`worker` when one was started ahead), so that Chromium's
 * start and the page's load go on meanwhile; in process where no worker file ships, and when the
 * plan's figures are already kept (laying them out costs less than a worker's start).
 */
function modelOffThread(job: ReportModelJob, worker: ModelWorker | null): Promise<{ model: ReportModel; figures: PlanFigures }> {
  if (job.figures) {
    worker?.stop();
    return Promise.resolve().then(() => computeReportModel(job));
  }
  const w = worker ?? startModelWorker();
  return w ? w.run(job) : Promise.resolve().then(() => computeReportModel(job));
}

// ── Chromium ─────────────────────────────────────────────────────────────────────────────

/**
 * Browser features the print never uses. Chromium's headless mode is the whole browser: at start
 * it preloads the address bar's popup (a WebUI page in a renderer process of its own), which on
 * two cores costs about as much CPU as the rest of the browser's start (measured: 3.1 → 1.6 s of
 * Chromium CPU to a blank tab), and it competes with the report model and the page's load. A
 * second --disable-features replaces Playwright's own list, so the features Playwright turns off
 * for a quiet, offline browser are named again here.
 */
const UNUSED_FEATURES = [
  'PreloadTopChromeWebUI',
  'WebUIOmniboxPopup',
  'WebUIOmniboxFullPopup',
  'WebUIOmniboxAimPopup',
  // Playwright's (playwright-core chromiumSwitches)
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
];

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  `--disable-features=${UNUSED_FEATURES.join(',')}`,
];

function playwrightCacheCandidates(): string[] {
  const roots = [process.env['PLAYWRIGHT_BROWSERS_PATH'], path.join(os.homedir(), '.cache', 'ms-playwright')].filter(
    (x): x is string => !!x && x !== '0',
  );
  const out: string[] = [];
  for (const root of roots) {
    let dirs: string[] = [];
    try {
      dirs = fs.readdirSync(root).filter((d) => /^chromium(_headless_shell)?-\d+$/.test(d)).sort().reverse();
    } catch {
      continue;
    }
    for (const d of dirs) {
      out.push(
        path.join(root, d, 'chrome-linux', 'chrome'),
        path.join(root, d, 'chrome-linux64', 'chrome'),
        path.join(root, d, 'chrome-headless-shell-linux64', 'chrome-headless-shell'),
        path.join(root, d, 'chrome-mac', 'Chromium.app', 'Contents', 'MacOS', 'Chromium'),
        path.join(root, d, 'chrome-win', 'chrome.exe'),
      );
    }
  }
  return out;
}

/** The Chromium to print with: $FLEETPLAN_CHROMIUM, $CHROME_PATH, system paths, Playwright's cache. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  for (const key of ['FLEETPLAN_CHROMIUM', 'CHROME_PATH'] as const) {
    const v = env[key];
    if (!v) continue;
    if (!fs.existsSync(v)) throw new FleetError('unavailable', `${key}=${v} does not exist: point it at a Chromium or Chrome executable`);
    return v;
  }
  const candidates = [
    // Debian's /usr/bin/chromium is a shell script that adds desktop-only switches to this binary
    '/usr/lib/chromium/chromium',
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    ...playwrightCacheCandidates(),
  ];
  for (const c of candidates) if (fs.existsSync(c)) return c;
  throw new FleetError(
    'unavailable',
    'no Chromium found to print the PDF: install chromium (e.g. apt-get install chromium) or set FLEETPLAN_CHROMIUM (or CHROME_PATH) to a Chromium/Chrome executable',
  );
}

// ── PDF ──────────────────────────────────────────────────────────────────────────────────

/** paper and margins in inches (Page.printToPDF's unit), from exact mm: report.css lays pages out to these */
const MM = 1 / 25.4;
const PAPER = { A4: { paperWidth: 210 * MM, paperHeight: 297 * MM }, Letter: { paperWidth: 8.5, paperHeight: 11 } } as const;
const MARGINS = { marginTop: 16 * MM, marginBottom: 20 * MM, marginLeft: 16 * MM, marginRight: 16 * MM };

/** Pages in a PDF produced by Chromium (counts the page objects). */
export function countPdfPages(pdf: Buffer): number {
  const m = pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g);
  return m ? m.length : 0;
}

/**
 * The page (1-based) each named destination of a Chromium PDF lands on: Chromium writes one per
 * in-document link target (`<a href="#id">`) into the catalog's /Dests, as `/id [page 0 R …]`.
 * Its page tree may nest /Pages nodes; object dictionaries are plain text (only streams are
 * compressed), so the catalog, the tree and the destinations are read with regular expressions.
 */
export function pdfAnchorPages(pdf: Buffer): Record<string, number> {
  const text = pdf.toString('latin1');
  const objects = new Map<number, string>();
  for (const m of text.matchAll(/(?:^|\n)(\d+) 0 obj\s*(<<[\s\S]*?>>)\s*(?:endobj|stream)/g)) objects.set(Number(m[1]), m[2]!);
  const ref = (body: string, key: string) => {
    const m = new RegExp(`/${key}\\s+(\\d+) 0 R`).exec(body);
    return m ? Number(m[1]) : null;
  };
  const catalog = [...objects.values()].find((b) => /\/Type\s*\/Catalog/.test(b));
  if (!catalog) return {};
  // page object number → page index, walking /Kids in order
  const pageIndex = new Map<number, number>();
  const walk = (id: number | null, depth: number) => {
    if (id == null || depth > 32) return;
    const body = objects.get(id) ?? '';
    if (/\/Type\s*\/Pages/.test(body)) {
      const kids = /\/Kids\s*\[([^\]]*)\]/.exec(body)?.[1] ?? '';
      for (const k of kids.matchAll(/(\d+) 0 R/g)) walk(Number(k[1]), depth + 1);
    } else {
      pageIndex.set(id, pageIndex.size + 1);
    }
  };
  walk(ref(catalog, 'Pages'), 0);
  const dests = objects.get(ref(catalog, 'Dests') ?? -1) ?? '';
  const out: Record<string, number> = {};
  for (const m of dests.matchAll(/\/([^\s/\[]+)\s*\[\s*(\d+) 0 R/g)) {
    const page = pageIndex.get(Number(m[2]));
    if (page != null) out[decodeURIComponent(m[1]!.replace(/#([0-9a-fA-F]{2})/g, '%$1'))] = page;
  }
  return out;
}

/** Writes `data` to `file` via a temporary sibling and a rename: never a half-written file. */
export function writeFileAtomic(file: string, data: Buffer): void {
  const abs = path.resolve(file);
  const dir = path.dirname(abs);
  if (!fs.existsSync(dir)) throw new FleetError('not_found', `folder ${dir} does not exist`, { field: 'path' });
  writeFileAtomicInFolder(abs, data);
}

export type PdfOptions = {
  dispatch: Dispatch;
  scenario?: string | undefined;
  pageSize?: PageSize | undefined;
  /** the report model (or how to build it, started once Chromium is launching): served to the page */
  model: ReportModel | Promise<ReportModel> | (() => ReportModel | Promise<ReportModel>);
  staticDir?: string;
  timeoutMs?: number;
};

/** What the Node side reads of the report page while waiting for it (PAGE_STATE). */
type PageState = { href: string; complete: boolean; booted: boolean; ready: boolean; error: string | null; failed: [string, number][] };

/**
 * The page's state, read every 50 ms: ready or failed (body[data-ready], body[data-error], set by
 * ReportApp.svelte), whether its entry script ran (body[data-booted], renderer/report/main.ts), and
 * the page's own files that came back with an HTTP error (the data requests report through
 * data-error). Before the report has loaded, `href` is still the new tab's.
 */
const PAGE_STATE = `(() => {
  const data = document.body ? document.body.dataset : {};
  const files = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
    .filter((e) => e.responseStatus >= 400 && e.initiatorType !== 'fetch' && e.initiatorType !== 'xmlhttprequest');
  return {
    href: location.href,
    complete: document.readyState === 'complete',
    booted: data.booted === '1',
    ready: data.ready === '1',
    error: data.error ?? null,
    failed: files.map((e) => [new URL(e.name).pathname, e.responseStatus]),
  };
})()`;

/**
 * ms per stage: `model` the report model (built while Chromium starts and loads the page),
 * `launch` Chromium's start up to the attached first tab (the page is loading in it meanwhile),
 * `load` the rest of the time to the page's data (of it, counted from the page's own start:
 * `scripts` its HTML, scripts and mount up to its data request, `data` the wait for the model),
 * `build` the page's DOM and charts (`charts` of it drawing them), `layout` fonts and the first
 * layout (0 on the printer's print=1 page: its first layout of the long tables is the page-sized
 * columns', counted in `paginate`), `paginate` placing the pages for the contents, `print` the
 * print, `reprint` a second print, needed only when a contents number came out different from the
 * page placed it (0 otherwise).
 */
export type PdfPhases = {
  model: number;
  launch: number;
  load: number;
  scripts: number;
  data: number;
  build: number;
  charts: number;
  layout: number;
  paginate: number;
  print: number;
  reprint: number;
};

/**
 * The page's own timeline, ms between the performance marks renderer/report/ReportApp.svelte
 * sets, and the time its charts took to draw (renderer/report/main.ts).
 */
function pageStages(marks: { name: string; startTime: number }[], chartsMs: number): Pick<PdfPhases, 'scripts' | 'data' | 'build' | 'charts' | 'layout' | 'paginate'> {
  const at = (name: string) => marks.find((m) => m.name === name)?.startTime ?? 0;
  const ms = (from: string, to: string) => Math.max(0, Math.round(at(to) - at(from)));
  return {
    // marks are ms since the navigation started
    scripts: Math.round(at('report-fetch')),
    data: ms('report-fetch', 'report-data'),
    build: ms('report-data', 'report-dom'),
    charts: Math.round(chartsMs),
    layout: ms('report-dom', 'report-laid-out'),
    paginate: ms('report-laid-out', 'report-ready'),
  };
}

/** Sections whose printed page differs from the number the page put in its contents list. */
export function contentsMismatches(printed: Record<string, number>, shown: Record<string, number>): string[] {
  return Object.keys(printed).filter((id) => shown[id] !== printed[id]);
}

/**
 * Serves the renderer and the API on an ephemeral loopback port, starts headless Chromium with
 * report.html as its first tab (report-browser.ts: it loads the page while it starts, and the model
 * is built meanwhile; the page's 'report-data' request waits for it), waits for body[data-ready]
 * (by then the page has placed its sections on pages and numbered its contents), prints once, and
 * checks the contents against the pages the sections landed on in the PDF: on a difference it
 * sends the printed numbers ('report-pages') and prints again. The server is always closed and the
 * browser always killed (its profile folder goes in the background).
 */
export async function renderReportPdf(
  opts: PdfOptions,
): Promise<{ pdf: Buffer; pages: number; ms: number; model: ReportModel; phases: PdfPhases; prints: number }> {
  const t0 = performance.now();
  const phases: PdfPhases = { model: 0, launch: 0, load: 0, scripts: 0, data: 0, build: 0, charts: 0, layout: 0, paginate: 0, print: 0, reprint: 0 };
  let mark = t0;
  const lap = (k: keyof PdfPhases) => {
    const now = performance.now();
    phases[k] = Math.round(now - mark);
    mark = now;
  };
  const { startHttpServer, defaultStaticDir } = await import('./http-server.ts');
  const staticDir = opts.staticDir ?? defaultStaticDir();
  if (!fs.existsSync(path.join(staticDir, 'report.html'))) {
    throw new FleetError(
      'unavailable',
      `the report page is not built (no ${path.join(staticDir, 'report.html')}): run npx vite build -c renderer/vite.config.ts`,
    );
  }
  const executablePath = findChromium();
  // fail fast, with the reason, when the model or the page cannot be made (asset missing, script error)
  let fail: (e: unknown) => void = () => {};
  const failed = new Promise<never>((_, reject) => (fail = reject));
  failed.catch(() => {});
  // the model, built once the browser has been started (an in-process build holds this thread);
  // never, when the export failed before
  let go: (build: boolean) => void = () => {};
  const started = new Promise<boolean>((resolve) => (go = resolve));
  const start = () => go(true);
  const building = (async () => {
    if (!(await started)) throw new FleetError('internal', 'the export stopped before the report model was built');
    const t = performance.now();
    const model = await (typeof opts.model === 'function' ? opts.model() : opts.model);
    phases.model = Math.round(performance.now() - t);
    return model;
  })();
  building.catch(fail);
  let browser: HeadlessBrowser | undefined;
  let server: Awaited<ReturnType<typeof startHttpServer>> | undefined;
  try {
    const dispatch = ((name: string, args: unknown) =>
      name === 'report-data'
        ? building.then((value): ApiResponse<'report-data'> => ({ ok: true, value }))
        : opts.dispatch(name, args)) as Dispatch;
    server = await startHttpServer({ dispatch, staticDir });
    // print=1: the page is never shown, it skips its screen layout once measured (ReportApp.svelte);
    // without a page size the page takes the model's
    const q = new URLSearchParams({ token: server.token, print: '1' });
    if (opts.pageSize) q.set('page', opts.pageSize);
    if (opts.scenario) q.set('scenario', opts.scenario);
    // the layout is fixed in mm: the window is a little wider than the printable width
    browser = launchHeadless(executablePath, `http://127.0.0.1:${server.port}/report.html?${q}`, { args: CHROMIUM_ARGS, width: 900, height: 1200 });
    browser.onPageError((message) => fail(new FleetError('internal', `the report page failed: ${message}`)));
    // the browser process exists: the model's build may take this thread now
    setImmediate(start);
    const page = await Promise.race([browser.page, failed]);
    lap('launch');
    const deadline = performance.now() + (opts.timeoutMs ?? 60_000);
    for (;;) {
      const state = await Promise.race([page.evaluate<PageState>(PAGE_STATE).catch(() => null), failed]);
      if (state && state.href.startsWith(`http://127.0.0.1:${server.port}/`)) {
        const [file, status] = state.failed[0] ?? [];
        if (file) {
          throw new FleetError('unavailable', `the report page could not load ${file} (HTTP ${status}): rebuild the renderer (npx vite build -c renderer/vite.config.ts)`);
        }
        if (state.error) throw new FleetError('internal', `the report page failed: ${state.error}`);
        if (state.ready) break;
        if (state.complete && !state.booted) throw new FleetError('internal', 'the report page loaded but its script did not start: rebuild the renderer (npx vite build -c renderer/vite.config.ts)');
      }
      if (performance.now() > deadline) throw new FleetError('internal', 'the report page did not finish rendering in time');
      await Promise.race([new Promise((resolve) => setTimeout(resolve, 50)), failed]);
    }
    const model = await building;
    const pageSize = opts.pageSize ?? model.meta.pageSize;
    const timeline = await page.evaluate<{ marks: { name: string; startTime: number }[]; chartsMs: number }>(
      `({ marks: performance.getEntriesByType('mark').map((m) => ({ name: m.name, startTime: m.startTime })), chartsMs: Number(document.body.dataset.chartsMs ?? 0) })`,
    );
    const stages = pageStages(timeline.marks, timeline.chartsMs);
    phases.scripts = stages.scripts;
    phases.data = stages.data;
    phases.build = stages.build;
    phases.charts = stages.charts;
    phases.layout = stages.layout;
    phases.paginate = stages.paginate;
    // the rest of the time to a ready page: loading its scripts, fetching the data
    phases.load = Math.max(0, Math.round(performance.now() - mark) - stages.build - stages.layout - stages.paginate);
    mark = performance.now();
    // the footer (name, date, "Page N of M") is the page's own, in its @page margin boxes
    // (renderer/report/page-footer.ts): Chromium's footer template costs a layout per page
    // untagged and without an outline: Chromium's tagged PDF walks the accessibility tree of all
    // pages (measured: 4 × the print time and 5 × the size on the 1,000-workload plan)
    const print = () =>
      Promise.race([
        page.printToPdf({
          ...PAPER[pageSize],
          ...MARGINS,
          printBackground: true,
          preferCSSPageSize: false,
          displayHeaderFooter: false,
          landscape: false,
          scale: 1,
          generateTaggedPDF: false,
          generateDocumentOutline: false,
        }),
        failed,
      ]);
    let pdf = await print();
    let prints = 1;
    lap('print');
    const shown = await page.evaluate<string>(`document.body.dataset.pages ?? '{}'`);
    const printed = pdfAnchorPages(pdf);
    if (contentsMismatches(printed, JSON.parse(shown) as Record<string, number>).length > 0) {
      // the numbers take reserved space: no page moves when they change
      await page.evaluate(`void document.body.dispatchEvent(new CustomEvent('report-pages', { detail: ${JSON.stringify(printed)} }))`);
      while ((await page.evaluate<boolean>(`document.body.dataset.paged === '1'`)) !== true) {
        if (performance.now() > deadline + 10_000) throw new FleetError('internal', 'the report page did not renumber its contents in time');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      pdf = await print();
      prints = 2;
      lap('reprint');
    }
    return { pdf, pages: countPdfPages(pdf), ms: performance.now() - t0, model, phases, prints };
  } finally {
    go(false); // a model not started by now never is
    // killed at once (report-browser.ts); its temporary profile is removed after the export returns
    void browser?.close().catch(() => {});
    await server?.close();
  }
}

/**
 * What the desktop's File › Export PDF… prints and offers to save: report.html's query (the
 * scenario's paper, print mode and, when the window marks one, the plan Results shows: the
 * body[data-shown-plan] of renderer/App.svelte, page text, so only a positive integer is taken) and
 * the file name every export of the scenario gets ("demo-Base.pdf"; the menu offered "demo.pdf").
 */
export function desktopPdfRequest(b: Backend, shownPlan: string): { query: string; fileName: string; pageSize: PageSize } {
  const { name, settings: { page_size } } = getScenario(b.db);
  const plan = /^[1-9]\d*$/.test(shownPlan) ? `&plan=${shownPlan}` : '';
  return { query: `?page=${page_size}&print=1${plan}`, fileName: exportFileName(b.doc.path, name, '.pdf'), pageSize: page_size };
}

/** The 'report-pdf' work: the model (clear errors), printed by Chromium, written atomically. */
export async function generateReportPdf(
  b: Backend,
  dispatch: Dispatch,
  args: { scenario?: string | undefined; planId?: number | undefined; pageSize?: PageSize | undefined; path?: string | undefined; staticDir?: string },
): Promise<{ pdf: Buffer; pages: number; ms: number; phases: PdfPhases; prints: number; path: string | null; fileName: string }> {
  const t0 = performance.now();
  // the scenario by id, read once Chromium is starting: renamed meanwhile, the export stays on it
  // (by name it failed "no scenario named …"); deleted, or another document opened, it fails saying so
  const doc = b.doc;
  const scenarioId = getScenario(doc.db, args.scenario).id;
  const scenarioNow = (): string => {
    const name = b.hasDocument && b.doc === doc ? scenarioNameById(doc.db, scenarioId) : undefined;
    if (name === undefined) throw new FleetError('not_found', 'the scenario was deleted, or its document closed, while its report was being made', { field: 'scenario' });
    return name;
  };
  // the first export of this backend computes the plan's figures: its worker starts loading now
  const worker = figuresCaches.get(b) ? null : startModelWorker();
  let r: Awaited<ReturnType<typeof renderReportPdf>>;
  try {
    // the plan is read once Chromium is starting (a missing or fleet-less plan fails the export
    // then, with its own message); the page takes its scenario and paper from the model
    r = await renderReportPdf({
      dispatch,
      scenario: args.scenario,
      pageSize: args.pageSize,
      model: async () => {
        const solved = solvedPlan(b, scenarioNow(), args.planId);
        const r = await modelOffThread(modelJob(b, solved, { pageSize: args.pageSize }), worker);
        keepFigures(b, solved, r.figures);
        return r.model;
      },
      ...(args.staticDir ? { staticDir: args.staticDir } : {}),
    });
  } finally {
    // done with (it ends itself after its reply) or never used: a failed export leaves no thread
    worker?.stop();
  }
  const fileName = exportFileName(b.doc.path, r.model.meta.scenario, '.pdf');
  if (args.path) writeFileAtomic(args.path, r.pdf);
  return { pdf: r.pdf, pages: r.pages, ms: performance.now() - t0, phases: r.phases, prints: r.prints, path: args.path ? path.resolve(args.path) : null, fileName };
}
