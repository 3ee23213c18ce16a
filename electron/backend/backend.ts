// The backend of one window or one `fleetplan serve`: holds the open plan document (swapped by
// document-new/open/save-as), the recent-documents list, the optimizer host and solve jobs.
import fs from 'node:fs';
import path from 'node:path';
import { FleetError, type SolveProgress } from '../../core/api.ts';
import type { Catalog, PlanInput, PlanResult } from '../../core/types.ts';
import { removeStaleTemps, tempPathFor } from './atomic-file.ts';
import { ChangeFeed } from './change-feed.ts';
import type { Migration } from './db.ts';
import { createDocument, openDocument, type OpenDoc, type SeedProvider } from './document.ts';
import { readAppSettings } from './app-settings.ts';
import { copyDocumentTo } from './repo/meta.ts';

/** What the optimizer person's OptimizerHost (optimizer-host.ts) provides. */
export type OptimizerLike = {
  start(input: PlanInput, opts: { timeLimitS: number; workers?: number; checkBinding?: boolean }): number;
  progress(jobId: number): SolveProgress;
  cancel(jobId: number): unknown;
  result(jobId: number): PlanResult | undefined;
  /** resolves when the job ends (lets the backend store a plan nobody polled for) */
  wait?(jobId: number): Promise<unknown>;
  /** the job's result has been read: the host may drop it */
  forget?(jobId: number): void;
  close?(): Promise<void>;
  /** worker threads of the next jobs that do not say (null: the machine's default) */
  setWorkers?(n: number | null): void;
};

/** A solve started through the API; once over, only its final progress is kept (input dropped). */
/** A solve in flight; its scenario by id: a rename during the solve keeps it, a delete drops its plan. */
export type SolveJob = { doc: OpenDoc; scenarioId: number; /** its name when the solve began (words only: the id is what counts) */ scenarioName: string; input: PlanInput | null; hash: string; planId?: number; final?: SolveProgress };

export type BackendOptions = {
  /** folder for recent.json (Electron: app.getPath('userData')) */
  userDataDir: string;
  seed?: SeedProvider;
  optimizer?: OptimizerLike;
  migrations?: Migration[];
  /** told about a pre-migration backup (the UI may show it) */
  onBackup?: (backupPath: string) => void;
  /** false: opening a document does not touch the recent list (the `fleetplan` verbs) */
  trackRecent?: boolean;
  /** the built renderer the PDF printer loads the report page from (default: out/renderer) */
  rendererDir?: string;
};

export type RecentEntry = { path: string; openedAt: string };
const MAX_RECENT = 10;

export class Backend {
  readonly userDataDir: string;
  readonly optimizer: OptimizerLike | undefined;
  readonly migrations: Migration[] | undefined;
  readonly solveJobs = new Map<number, SolveJob>();
  /** change events for open views (IPC, Server-Sent Events) */
  readonly changes = new ChangeFeed(() => this.#doc?.db ?? null);
  readonly rendererDir: string | undefined;
  #seed: SeedProvider | undefined;
  #onBackup: ((p: string) => void) | undefined;
  #trackRecent: boolean;
  #doc: OpenDoc | null = null;

  constructor(opts: BackendOptions) {
    this.userDataDir = opts.userDataDir;
    this.optimizer = opts.optimizer;
    this.migrations = opts.migrations;
    this.rendererDir = opts.rendererDir;
    this.#seed = opts.seed;
    this.#onBackup = opts.onBackup;
    this.#trackRecent = opts.trackRecent ?? true;
    this.optimizer?.setWorkers?.(readAppSettings(this.appSettingsDir).solver_workers);
  }

  /** Where this computer's preferences live: the user-data folder, none for a one-off verb (a temp folder). */
  get appSettingsDir(): string | null {
    return this.#trackRecent ? this.userDataDir : null;
  }

  get hasDocument(): boolean {
    return this.#doc !== null;
  }

  /** The open document; FleetError('unavailable') when none is open. */
  get doc(): OpenDoc {
    if (!this.#doc) throw new FleetError('unavailable', 'no plan document is open');
    return this.#doc;
  }

  get db(): OpenDoc['db'] {
    return this.doc.db;
  }

  open(file: string): OpenDoc {
    // temporaries left beside it by a killed export or init of an earlier run
    removeStaleTemps(path.dirname(path.resolve(file)));
    const doc = openDocument(file, { migrations: this.migrations, onBackup: this.#onBackup });
    this.#swap(doc);
    return doc;
  }

  async create(file: string, opts: { demo?: boolean; catalog?: Catalog; force?: boolean } = {}): Promise<OpenDoc> {
    const seed = this.#seed ?? (await import('./seed.ts')).defaultSeed;
    const doc = await createDocument(file, { ...opts, seed, migrations: this.migrations });
    this.#swap(doc);
    return doc;
  }

  /** Writes a consistent copy to `file` and continues working on the copy. */
  saveAs(file: string): OpenDoc {
    const abs = path.resolve(file);
    const cur = this.doc;
    if (abs === cur.path) return cur;
    if (!fs.existsSync(path.dirname(abs))) throw new FleetError('not_found', `folder ${path.dirname(abs)} does not exist`, { field: 'path' });
    // a copy under a temporary name, renamed into place: a killed save never leaves half a document
    const tmp = tempPathFor(abs);
    try {
      copyDocumentTo(cur.db, tmp);
      for (const suffix of ['-wal', '-shm']) fs.rmSync(abs + suffix, { force: true });
      fs.renameSync(tmp, abs);
    } catch (e) {
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(tmp + suffix, { force: true });
      throw e;
    }
    return this.open(abs);
  }

  close(): void {
    this.#doc?.db.close();
    this.#doc = null;
  }

  /** Closes the document and stops the optimizer's worker. */
  async dispose(): Promise<void> {
    this.close();
    await this.optimizer?.close?.();
  }

  #swap(doc: OpenDoc): void {
    if (this.#doc && this.#doc !== doc) this.#doc.db.close();
    this.#doc = doc;
    if (this.#trackRecent) this.#addRecent(doc.path);
  }

  get #recentFile(): string {
    return path.join(this.userDataDir, 'recent.json');
  }

  /** Recently opened documents that still exist, newest first. */
  recent(): RecentEntry[] {
    let list: RecentEntry[] = [];
    try {
      const raw: unknown = JSON.parse(fs.readFileSync(this.#recentFile, 'utf8'));
      if (Array.isArray(raw)) {
        list = raw.filter(
          (e): e is RecentEntry => typeof e?.path === 'string' && typeof e?.openedAt === 'string',
        );
      }
    } catch {
      // a missing or unreadable list is an empty list
    }
    return list.filter((e) => fs.existsSync(e.path));
  }

  #addRecent(file: string): void {
    const list = [{ path: file, openedAt: new Date().toISOString() }, ...this.recent().filter((e) => e.path !== file)];
    try {
      fs.mkdirSync(this.userDataDir, { recursive: true });
      const tmp = `${this.#recentFile}.tmp-${process.pid}`;
      fs.writeFileSync(tmp, JSON.stringify(list.slice(0, MAX_RECENT), null, 1));
      fs.renameSync(tmp, this.#recentFile);
    } catch (e) {
      console.warn(`[fleetplan] cannot update the recent list: ${(e as Error).message}`);
    }
  }
}
