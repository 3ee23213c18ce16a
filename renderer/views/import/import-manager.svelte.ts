// State of one CSV import in the renderer: read the file, parse and validate it with core/csv in
// chunks (progress, Cancel), keep the preview, then send the valid rows in ONE 'import-commit'.
// Nothing reaches the document before commit(); cancel() at any point leaves it untouched.
import type { ApiResults } from '../../../core/api.ts';
import { ImportCancelled, previewCsvAsync, type CsvKind, type ImportPreview } from '../../../core/csv/index.ts';
import type { Site, Workload } from '../../../core/types.ts';
import { call } from '../../lib/api.ts';
import { catalogManager } from '../../lib/state/catalog-manager.svelte.ts';
import { sitesManager } from '../../lib/state/sites-manager.svelte.ts';
import { workloadsManager } from '../../lib/state/workloads-manager.svelte.ts';

export type ImportPhase = 'idle' | 'parsing' | 'preview' | 'committing';
/** what happens to rows whose name is already in the document ('error' is kept for the API only) */
export type DuplicateChoice = 'error' | 'skip' | 'update';

class CsvImportManager {
  #phase = $state<ImportPhase>('idle');
  #done = $state(0);
  #total = $state(0);
  #preview = $state.raw<ImportPreview | null>(null);
  #error = $state<string | null>(null);
  #fileName = $state('');
  #abort: AbortController | null = null;
  #file: File | null = null;
  #kind: CsvKind = 'workloads';
  /** "did you mean" suggestions the user applied: unknown model → known model, for this file */
  #aliases: Record<string, string> = {};
  /** a file dropped on a view before the dialog opened; the dialog takes it */
  pendingFile: File | null = null;
  onDuplicate = $state<DuplicateChoice>('skip');

  get phase(): ImportPhase {
    return this.#phase;
  }
  get done(): number {
    return this.#done;
  }
  get total(): number {
    return this.#total;
  }
  get preview(): ImportPreview | null {
    return this.#preview;
  }
  get error(): string | null {
    return this.#error;
  }
  get fileName(): string {
    return this.#fileName;
  }

  /** Rows the commit would send under the current duplicate choice. */
  get rowsToSend(): number {
    const p = this.#preview;
    if (!p) return 0;
    return this.onDuplicate === 'update' ? p.rows.length : p.rows.length - p.duplicates.length;
  }

  reset(): void {
    this.#abort?.abort();
    this.#abort = null;
    this.#phase = 'idle';
    this.#done = 0;
    this.#total = 0;
    this.#preview = null;
    this.#error = null;
    this.#fileName = '';
    this.#file = null;
    this.#aliases = {};
    this.onDuplicate = 'skip';
  }

  async load(kind: CsvKind, file: File, aliases: Record<string, string> = {}): Promise<void> {
    const onDuplicate = this.onDuplicate;
    this.reset();
    if (Object.keys(aliases).length) this.onDuplicate = onDuplicate;
    this.#file = file;
    this.#kind = kind;
    this.#aliases = aliases;
    this.#phase = 'parsing';
    this.#fileName = file.name;
    const abort = (this.#abort = new AbortController());
    try {
      if (!catalogManager.loaded) await catalogManager.load();
      // the document's rows by name: a row of an existing name may update it with only the file's columns
      const existing = new Map<string, Workload | Site>((kind === 'workloads' ? workloadsManager.items : sitesManager.items).map((x) => [x.name, x]));
      const bytes = new Uint8Array(await file.arrayBuffer());
      if (abort.signal.aborted) return;
      const preview = await previewCsvAsync(kind, bytes, {
        fileName: file.name,
        knownModels: kind === 'workloads' ? catalogManager.models.map((m) => m.id) : undefined,
        existingNames: existing.keys(),
        updateFrom: (name) => existing.get(name),
        modelAliases: this.#aliases,
        chunkRows: 2000,
        signal: abort.signal,
        onProgress: (done, total) => {
          this.#done = done;
          this.#total = total;
        },
      });
      if (abort.signal.aborted) return;
      this.#preview = preview;
      // a file lacking a required column can only update existing rows: that is the choice it asks for
      if (preview.missingColumns.length) this.onDuplicate = 'update';
      this.#phase = 'preview';
    } catch (err) {
      if (err instanceof ImportCancelled || abort.signal.aborted) return;
      this.#error = err instanceof Error ? err.message : String(err);
      this.#phase = 'idle';
    } finally {
      if (this.#abort === abort) this.#abort = null;
    }
  }

  /** Applies a "did you mean" suggestion to every row naming `model` (the file is read again; it is not changed). */
  async applySuggestion(model: string, suggestion: string): Promise<void> {
    const file = this.#file;
    if (!file) return;
    await this.load(this.#kind, file, { ...this.#aliases, [model]: suggestion });
  }

  /** Stops a running parse; the dialog stays open on the file picker. */
  cancelParse(): void {
    this.#abort?.abort();
    this.reset();
  }

  /** Sends the valid rows in one call (`sent`: their names); throws ApiCallError (nothing was written) on failure. */
  async commit(): Promise<ApiResults['import-commit'] & { rejected: number; sent: string[] }> {
    const p = this.#preview;
    if (!p) throw new Error('nothing to import');
    this.#phase = 'committing';
    try {
      const dupLines = new Set(p.duplicates.map((d) => d.line));
      const rows = p.rows.filter((r) => this.onDuplicate === 'update' || !dupLines.has(r.line)).map((r) => r.value);
      const onDuplicate: DuplicateChoice = this.onDuplicate;
      // an update overwrites only the columns the file had; the document keeps the others
      const columns = p.columnsMapped.map((m) => m.column);
      const args =
        p.kind === 'workloads'
          ? { kind: 'workloads' as const, rows: rows as ImportPreview<'workloads'>['rows'][number]['value'][], onDuplicate, columns }
          : { kind: 'sites' as const, rows: rows as ImportPreview<'sites'>['rows'][number]['value'][], onDuplicate, columns };
      const r = await call('import-commit', args);
      return { ...r, rejected: p.invalidRows + (p.rows.length - rows.length), sent: rows.map((x) => x.name) };
    } catch (err) {
      this.#phase = 'preview';
      throw err;
    }
  }
}

export const csvImport = new CsvImportManager();
