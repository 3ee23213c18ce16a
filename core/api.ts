// The one API contract: 'noun-verb' names → zod argument schema and result type. Electron IPC,
// the HTTP transport of `fleetplan serve` and the `fleetplan` verbs dispatch into one handler table.
import { z } from 'zod';
import {
  CatalogSchema,
  ModelSchema,
  OptionSchema,
  SettingsPatchSchema,
  SiteSchema,
  WorkloadSchema,
  type Catalog,
  type PlanAnswer,
  type PlanInput,
  type PlanResult,
  type PlanStatus,
  type Settings,
  type Site,
  type Workload,
} from './types.ts';
import { nameText } from './names.ts';
import { MAX_WORKERS } from './optimizer/v2/portfolio.ts';
import type { ReportModel } from './report/model.ts';
import type { CatalogDiff, CatalogIssue } from './csv/catalog.ts';

export { FleetError, type ApiError, type ApiErrorCode } from './fleet-error.ts';
import type { ApiError } from './fleet-error.ts';

export type DocumentInfo = {
  path: string;
  fileName: string;
  userVersion: number;
  activeScenario: string;
  scenarios: string[];
  counts: { options: number; models: number; workloads: number; sites: number };
};

/**
 * id: what a rename does not change (per-scenario state in the UI is keyed by it); hasPlan: the
 * scenario has a stored run; planStatus: that latest run's status (infeasible and no_plan hold no plan).
 */
export type ScenarioInfo = { id: number; name: string; active: boolean; settings: Settings; hasPlan: boolean; planStatus: PlanStatus | null; planStale: boolean };

export type StoredPlan = {
  id: number;
  scenario: string;
  solvedAt: string;
  inputHash: string;
  stale: boolean;
  /** totals null where the run found no plan */
  result: PlanAnswer;
};

/** One solved plan of a scenario's history (newest first in plan-history). */
export type PlanHistoryEntry = {
  id: number;
  solvedAt: string;
  status: PlanResult['status'];
  objectiveUsd: number | null;
  /** the plan's horizon cost (what Results shows as "Horizon cost"); null without a fleet */
  horizonCostUsd: number | null;
  /** who stopped a time_limit search: the history labels a manual stop as Results does */
  stoppedBy: PlanResult['stopped_by'] | null;
  stale: boolean;
};

/** A stored plan with the inputs it was solved from (the current ones for plans stored before inputs were kept). */
export type LatestPlan = StoredPlan & { input: PlanInput };
/** A stored plan that holds a fleet to cost (latestCostablePlan): its totals are there. */
export type CostablePlan = LatestPlan & { result: PlanResult };

/**
 * What the app's views draw a plan with, read at one revision: the active scenario's current
 * inputs, a stored plan and, only when they are other data than the current inputs (a stale plan,
 * or one of another scenario), the inputs it was solved from. A fresh plan's inputs hash to the
 * current ones, so a 1,000-workload plan crosses a transport with its inputs once, not twice.
 */
export type PlanView = {
  input: PlanInput;
  plan: StoredPlan | null;
  /** null: the plan was solved from `input` (or there is no plan) */
  solvedInput: PlanInput | null;
};

/** A generated PDF plan: written to `path` when one was given, else returned as base64; phases in ms. */
export type ReportPdfResult = {
  path: string | null;
  fileName: string;
  base64: string | null;
  bytes: number;
  pages: number;
  ms: number;
  phases: { model: number; launch: number; render: number; print: number };
};

/** A solve started for a scenario: what it solves, and the time limit it was given. */
/** scenario: its name as the solve starts; scenarioId: what a rename meanwhile does not change (its plan is stored by it) */
export type SolveStarted = { jobId: number; scenario: string; scenarioId: number; workloads: number; sites: number; timeLimitS: number };

/** Bytes that arrive over time (a file or request body); only in-process transports can pass one. */
export type ByteStream = AsyncIterable<Uint8Array>;
const byteStream = z.custom<ByteStream>(
  (v) => typeof v === 'object' && v !== null && typeof (v as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function',
  'content: text, bytes or a byte stream',
);
/** A streamed import's progress: the file being read and its data rows so far. */
export type ImportProgress = { fileName: string; rowsRead: number };

/** How one file of an import-files call went (in the order given; the list stops at the first failure). */
export type ImportFileOutcome =
  | { kind: 'catalog'; fileName: string; ok: boolean; warnings: CatalogIssue[]; errors: CatalogIssue[]; diff: CatalogDiff | null }
  | {
      kind: 'workloads' | 'sites';
      fileName: string;
      ok: boolean;
      warnings: string[];
      /** one line per rejected row: "F.csv:LINE: column: reason" */
      messages: string[];
      summary: { added: number; updated: number; skipped: number; rejected: number } | null;
      totalRows: number;
      invalidRows: number;
      duplicates: number;
      fatal: string | null;
    };

export type SolveProgress = {
  jobId: number;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  elapsedMs: number;
  incumbentUsd: number | null;
  boundUsd: number | null;
  gap: number | null;
  message: string;
  /**
   * Set while the plan found is checked for which limits bind (re-solves without each tight one):
   * that step's time budget, on top of the time limit. Said, not hidden: a 10-s limit returned
   * after up to 15 s (demo at 60 workloads, 4-s limit: 6.7 s) with no word in the CLI. A cancel
   * ends the check and keeps the plan, its limits unchecked.
   */
  checkBudgetMs?: number;
  /**
   * Set with checkBudgetMs: when the solve found the plan being checked, on the solver's own clock
   * (the plan's solve_ms, the time its status line shows). elapsedMs runs on through the check: the
   * CLI said "plan found (0.2 s, time limit 0.1 s)" above "status: time_limit … (0.1 s)" for one solve.
   */
  foundMs?: number;
  /** set once state is done/cancelled with a plan in hand */
  planId?: number;
  error?: ApiError;
};

/** One case of a re-optimised sensitivity run: the driver moved to factor, solved afresh. */
export type SensitivityReoptCase = {
  /** 'base' for the unmodified input, else a driver of core/tco/sensitivity.ts */
  driver: string;
  direction: 'base' | 'low' | 'high';
  factor: number;
  state: 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
  status: PlanResult['status'] | null;
  /** the re-optimised plan's horizon cost (DESIGN 6), null until solved or without a plan */
  horizonCostUsd: number | null;
  /** the solve's relative gap to its bound (0.012 = 1.2 %), null until solved or without a bound */
  gap: number | null;
  /** the trend drivers: the yearly price change (%) this case solves with */
  ratePct?: number;
  /** workloads the case's plan leaves unserved in some period (DESIGN 8: counted as workloads), null until solved */
  unservedWorkloads?: number | null;
  /** the unserved penalties of the case's plan (its objective − horizon cost): not in horizonCostUsd */
  penaltyUsd?: number | null;
  /**
   * the base case's residual credit, which its horizon cost is net of (0 with the credit off or
   * nothing left to credit; core/tco/plan-lines.ts planResidualCreditUsd): its label says "net of the
   * residual credit" only beside one. Null until solved, without a plan, or where the plan does not cost.
   */
  residualCreditUsd?: number | null;
  message: string;
};
export type SensitivityReoptProgress = {
  jobId: number;
  state: 'running' | 'done' | 'cancelled' | 'failed';
  pct: number;
  done: number;
  total: number;
  cases: SensitivityReoptCase[];
  /** the scenario's inputs changed since the run took its snapshot: the cases answer for the inputs as they were */
  inputsChanged: boolean;
  /**
   * the settings the run solved with, that its base's label names (null until the backend answers):
   * after a rate change the label read "discounted at" the scenario's new rate
   */
  settings: Pick<Settings, 'discount_rate_pct' | 'residual_value'> | null;
};

const name = nameText;
const empty = z.object({}).strict();
const workers = z.number().int('must be a whole number').min(1, `must be 1–${MAX_WORKERS}`).max(MAX_WORKERS, `must be 1–${MAX_WORKERS}`);

/** Preferences of this computer, not of a plan document (stored in the user-data folder). */
export const AppSettingsSchema = z.object({
  /** worker threads a solve runs on at once; null: the machine's cores less one (at least 1) */
  solver_workers: workers.nullable(),
}).strict();
export type AppSettings = z.infer<typeof AppSettingsSchema>;
/** The preferences with what the machine offers: its cores and the worker count used when solver_workers is null. */
export type AppSettingsInfo = AppSettings & { cores: number; default_workers: number };
/** a file path argument: longer than any file system allows is refused here, not by the OS */
const filePath = z.string().min(1).max(1024, 'is longer than 1,024 characters');
/**
 * The document revision a write was based on (from the response of the read that showed the
 * row): the write is refused when its rows changed since. Absent (CLI, scripts): no check.
 */
const baseRevision = z.number().int().nonnegative().optional();
/** the revision a step that takes back a write was based on: the one that write left */
const requiredRevision = z.number().int().nonnegative();

export const apiSchemas = {
  'document-info': empty,
  /** catalog: instead of the default one (checked by the caller for file-named messages); force: replace an existing file */
  'document-new': z.object({ path: filePath, demo: z.boolean().default(false), force: z.boolean().default(false), catalog: CatalogSchema.optional() }).strict(),
  'document-open': z.object({ path: filePath }).strict(),
  'document-save-as': z.object({ path: filePath }).strict(),
  'document-recent': empty,

  'catalog-get': empty,
  /** `position`: where a deleted option stood (option-delete), to put it back there (undo) */
  'option-upsert': z.object({ option: OptionSchema, originalId: z.string().optional(), position: z.number().int().positive().optional(), baseRevision }).strict(),
  'option-delete': z.object({ ids: z.array(z.string()).min(1), baseRevision }).strict(),
  'model-upsert': z.object({ model: ModelSchema, baseRevision }).strict(),

  'workload-list': empty,
  'workload-upsert': z.object({ workload: WorkloadSchema, originalName: z.string().optional(), baseRevision }).strict(),
  'workload-delete': z.object({ names: z.array(z.string()).min(1), baseRevision }).strict(),
  /** `positions`: what delete returned, to put each row back where it stood */
  'workload-restore': z.object({ workloads: z.array(WorkloadSchema), positions: z.array(z.number().int().positive()).optional(), baseRevision }).strict(),

  'site-list': empty,
  'site-upsert': z.object({ site: SiteSchema, originalName: z.string().optional(), baseRevision }).strict(),
  'site-delete': z.object({ names: z.array(z.string()).min(1), baseRevision }).strict(),
  /** `positions`: what delete returned, to put each row back where it stood */
  'site-restore': z.object({ sites: z.array(SiteSchema), positions: z.array(z.number().int().positive()).optional(), baseRevision }).strict(),

  'scenario-list': empty,
  'scenario-new': z.object({ name, from: z.string().optional() }).strict(),
  'scenario-use': z.object({ name }).strict(),
  'scenario-delete': z.object({ name, baseRevision }).strict(),
  'scenario-rename': z.object({ name, to: name, baseRevision }).strict(),
  'app-settings-get': empty,
  'app-settings-set': z.object({ patch: AppSettingsSchema.partial().strict() }).strict(),
  'settings-get': empty,
  /** scenario: the one the form showed (default: the active one); never another one switched to meanwhile */
  'settings-set': z.object({ patch: SettingsPatchSchema, scenario: z.string().optional(), baseRevision }).strict(),

  'plan-input': z.object({ scenario: z.string().optional() }).strict(),
  /**
   * the latest plan with the inputs it was solved from; costable: refuse (not_found / infeasible)
   * when there is none or it has no fleet: the one rule TCO, Compare, the report and the CLI use
   */
  'plan-latest': z.object({ scenario: z.string().optional(), costable: z.boolean().optional() }).strict(),
  /** every stored plan of a scenario, newest first: an infeasible re-run never removes a good plan */
  'plan-history': z.object({ scenario: z.string().optional() }).strict(),
  /** the inputs a stored plan was solved from (null for plans stored before inputs were kept) */
  'plan-solved-input': z.object({ planId: z.number().int() }).strict(),
  /** one stored plan of the history by id, with the inputs it was solved from (null: no such plan) */
  'plan-get': z.object({ planId: z.number().int() }).strict(),
  /** the active scenario's inputs with its latest plan (or planId's), the plan's solved inputs only when they differ */
  'plan-view': z.object({ planId: z.number().int().optional() }).strict(),
  /** solves a scenario (default: the active one) in the background; the plan is stored when it ends */
  /** workers: worker threads for this solve only (default: the app setting) */
  'optimize-start': z.object({ timeLimitS: z.number().positive().optional(), scenario: z.string().optional(), workers: workers.optional() }).strict(),
  /** waits for a solve to end: its final progress and the plan stored from it (with its solved inputs) */
  'optimize-wait': z.object({ jobId: z.number().int() }).strict(),
  'optimize-progress': z.object({ jobId: z.number().int() }).strict(),
  'optimize-cancel': z.object({ jobId: z.number().int() }).strict(),
  // sensitivity with a re-solve per case (±pct on each driver of core/tco/sensitivity.ts), in the background
  'sensitivity-reoptimize': z.object({ pct: z.number().gt(0).lt(100).default(20), timeLimitS: z.number().positive().optional() }).strict(),
  'sensitivity-progress': z.object({ jobId: z.number().int() }).strict(),
  'sensitivity-cancel': z.object({ jobId: z.number().int() }).strict(),

  // import/export (DESIGN 7): rows parsed and previewed by core/csv; committed in ONE transaction
  // columns: the columns the file had (preview.columnsMapped); an update overwrites only those
  'import-commit': z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('workloads'), rows: z.array(WorkloadSchema), onDuplicate: z.enum(['error', 'update', 'skip']).default('error'), columns: z.array(z.string()).optional() }).strict(),
    z.object({ kind: z.literal('sites'), rows: z.array(SiteSchema), onDuplicate: z.enum(['error', 'update', 'skip']).default('error'), columns: z.array(z.string()).optional() }).strict(),
  ]),
  /**
   * An import's Undo, in one transaction: removes the names it added (`added`) and puts back the
   * rows it updated as they were (`before`), both from import-commit's answer; baseRevision: its
   * revision. Refused, nothing changed, when one of those rows changed since the import.
   */
  'import-undo': z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('workloads'), added: z.array(z.string()), before: z.array(WorkloadSchema), baseRevision: requiredRevision }).strict(),
    z.object({ kind: z.literal('sites'), added: z.array(z.string()), before: z.array(SiteSchema), baseRevision: requiredRevision }).strict(),
  ]),
  /**
   * Its Redo, in one transaction: the rows the Undo removed back where they stood and the updated
   * rows as the import left them, all from import-undo's answer; baseRevision: its revision.
   * Refused, nothing changed, when one of those rows changed since the Undo.
   */
  'import-redo': z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('workloads'), removed: z.array(WorkloadSchema), positions: z.array(z.number().int().positive()), after: z.array(WorkloadSchema), baseRevision: requiredRevision }).strict(),
    z.object({ kind: z.literal('sites'), removed: z.array(SiteSchema), positions: z.array(z.number().int().positive()), after: z.array(SiteSchema), baseRevision: requiredRevision }).strict(),
  ]),
  /** catalog JSON (text or parsed): checked with path-named errors; applied only when apply */
  'catalog-import': z.object({ catalog: z.unknown(), apply: z.boolean().default(false), fileName: z.string().optional() }).strict(),
  'csv-export': z.object({ kind: z.enum(['workloads', 'sites']) }).strict(),
  'catalog-export': empty,
  /**
   * several files in ONE transaction (the CLI's import): any failed file imports nothing. A
   * file's content may be a stream of bytes (the CLI's file, serve mode's request body: in-process
   * transports only, nothing serialised carries one), read and validated chunk by chunk.
   */
  'import-files': z
    .object({
      files: z
        .array(
          z.object({ kind: z.enum(['workloads', 'sites', 'catalog']), fileName: z.string().max(1000), content: z.union([z.string(), z.instanceof(Uint8Array), byteStream]) }).strict(),
        )
        .min(1)
        .max(10),
      accept: z.enum(['all', 'valid']).default('all'),
      onDuplicate: z.enum(['error', 'update', 'skip']).default('error'),
      /** told the data rows read so far while a file streams (in-process callers: the CLI's progress line) */
      onProgress: z.custom<(p: ImportProgress) => void>((v) => typeof v === 'function', 'onProgress: a function (in-process callers only)').optional(),
    })
    .strict(),
  /** the exact MILP of a scenario (default: active) as CPLEX LP text, with what makes it infeasible */
  'lp-export': z.object({ scenario: z.string().optional() }).strict(),

  // the PDF plan report (core/report): the model the print route lays out, and the PDF itself
  /** planId: a stored plan of the scenario instead of its latest (the desktop's File › Export PDF… of the plan Results shows) */
  'report-data': z.object({ scenario: z.string().optional(), planId: z.number().int().positive().optional(), pageSize: z.enum(['A4', 'Letter']).optional() }).strict(),
  /** planId: a stored plan of the scenario (the one Results shows) instead of its latest */
  'report-pdf': z
    .object({ scenario: z.string().optional(), planId: z.number().int().positive().optional(), pageSize: z.enum(['A4', 'Letter']).optional(), path: filePath.optional() })
    .strict(),
  /** the TCO tables of the report as CSV (core/tco/csv.ts), offered beside the PDF; planId as for the PDF */
  'report-tco-csv': z.object({ scenario: z.string().optional(), planId: z.number().int().positive().optional() }).strict(),
} as const;

export type ApiName = keyof typeof apiSchemas;
export type ApiArgs<N extends ApiName> = z.input<(typeof apiSchemas)[N]>;
export type ApiParsedArgs<N extends ApiName> = z.output<(typeof apiSchemas)[N]>;

export type ApiResults = {
  'document-info': DocumentInfo;
  'document-new': DocumentInfo;
  'document-open': DocumentInfo;
  'document-save-as': DocumentInfo;
  'document-recent': { path: string; openedAt: string }[];

  'catalog-get': Catalog;
  'option-upsert': { id: string };
  /** positions: where each deleted id stood in the catalog (for option-upsert's position) */
  'option-delete': { deleted: number; positions: Record<string, number> };
  'model-upsert': { id: string };

  'workload-list': Workload[];
  'workload-upsert': Workload;
  /** positions[i]: where deleted[i] stood in the list (for restore) */
  'workload-delete': { deleted: Workload[]; positions: number[] };
  'workload-restore': { restored: number };

  'site-list': Site[];
  'site-upsert': Site;
  /** positions[i]: where deleted[i] stood in the list (for restore) */
  'site-delete': { deleted: Site[]; positions: number[] };
  'site-restore': { restored: number };

  'scenario-list': ScenarioInfo[];
  'scenario-new': ScenarioInfo;
  'scenario-use': ScenarioInfo;
  'scenario-delete': { deleted: string };
  'scenario-rename': ScenarioInfo;
  'app-settings-get': AppSettingsInfo;
  'app-settings-set': AppSettingsInfo;
  'settings-get': Settings;
  'settings-set': Settings;

  'plan-input': PlanInput;
  'plan-latest': LatestPlan | null;
  'plan-history': PlanHistoryEntry[];
  'plan-solved-input': PlanInput | null;
  'plan-get': LatestPlan | null;
  'plan-view': PlanView;
  'optimize-start': SolveStarted;
  'optimize-wait': { progress: SolveProgress; plan: LatestPlan | null };
  'optimize-progress': SolveProgress;
  'optimize-cancel': SolveProgress;
  'sensitivity-reoptimize': { jobId: number };
  'sensitivity-progress': SensitivityReoptProgress;
  'sensitivity-cancel': SensitivityReoptProgress;

  /**
   * inserted: the names the import added; before: the rows it updated, as they were just before it
   * (read in its transaction); revision: the document's revision once it was written. What its
   * Undo takes back, based on that revision (a row changed since elsewhere is refused).
   */
  'import-commit': { added: number; updated: number; skipped: number; inserted: string[]; before: (Workload | Site)[]; revision: number };
  /** removed: the rows taken out, positions[i] where removed[i] stood; after: the updated rows as the import left them; revision: once undone */
  'import-undo': { removed: (Workload | Site)[]; positions: number[]; after: (Workload | Site)[]; revision: number };
  /** restored: the rows put back or written again; revision: once redone */
  'import-redo': { restored: number; revision: number };
  'catalog-import': { errors: CatalogIssue[]; warnings: CatalogIssue[]; diff: CatalogDiff | null; applied: boolean };
  'csv-export': { fileName: string; text: string };
  'catalog-export': { fileName: string; text: string };
  'import-files': { applied: boolean; files: ImportFileOutcome[] };
  'lp-export': { fileName: string; text: string; variables: number; constraints: number; warnings: string[] };

  'report-data': ReportModel;
  'report-pdf': ReportPdfResult;
  'report-tco-csv': { fileName: string; text: string };
};

/** Compile-time check: every schema has a result type and vice versa. */
type _Exhaustive = [Exclude<ApiName, keyof ApiResults>, Exclude<keyof ApiResults, ApiName>] extends [never, never]
  ? true
  : never;
export const apiExhaustive: _Exhaustive = true;

/**
 * revision: the document's revision read before the call ran (absent without a document): what a
 * later write sends as baseRevision. Read before, so a view never holds a revision newer than its data.
 */
export type ApiResponse<N extends ApiName> = { ok: true; value: ApiResults[N]; revision?: number } | { ok: false; error: ApiError };

/** What the preload exposes as window.fleet and what the HTTP client implements. */
export type FleetApi = {
  call<N extends ApiName>(name: N, args: ApiArgs<N>): Promise<ApiResponse<N>>;
};
export const IPC_PREFIX = 'app:';
