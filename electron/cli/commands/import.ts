// fleetplan import PLAN --workloads F.csv | --sites F.csv | --catalog F.json [--accept valid]
// [--on-duplicate update|skip] (DESIGN 7, 8; update: the file may carry only name and the columns it changes). All files go in ONE transaction (import-files): a bad row (without
// --accept valid) or any failure imports nothing and exits 2, errors as "F.csv:LINE: column: reason".
// Files stream: read in chunks and validated as they arrive (memory does not grow with the file);
// on a terminal, stderr shows the rows read so far.
import { FleetError, type ApiArgs } from '../../../core/api.ts';
import { formatCatalogIssue, type CatalogDiff } from '../../../core/csv/index.ts';
import { checkImportFile, fileChunks } from '../../backend/import-stream.ts';
import { withApi } from '../api-client.ts';
import { badInput, EXIT_BAD_INPUT, EXIT_OK, parseCommandArgs, type Command, type CommandContext } from '../command.ts';

function checked(file: string, kind: 'workloads' | 'sites' | 'catalog'): void {
  try {
    checkImportFile(file, kind);
  } catch (e) {
    throw e instanceof FleetError ? badInput(e.message) : e;
  }
}

export function describeDiff(d: CatalogDiff): string {
  const replaced = d.replaced.map((r) => `${r.id}: ${r.changes.map((c) => c.field).join(', ')}`);
  return (
    `${d.added.length} option${d.added.length === 1 ? '' : 's'} added${d.added.length ? ` (${d.added.join(', ')})` : ''}, ` +
    `${d.replaced.length} replaced${replaced.length ? ` (${replaced.join('; ')})` : ''}, ${d.unchanged.length} unchanged; ` +
    `models: ${d.models.added.length} added, ${d.models.replaced.length} replaced, ${d.models.unchanged.length} unchanged`
  );
}

export const importCommand: Command = {
  name: 'import',
  summary: 'import workloads or sites (CSV) or a catalog (JSON); nothing is imported when a row is bad',
  usage: 'fleetplan import PLAN --workloads F.csv | --sites F.csv | --catalog F.json [--accept valid] [--on-duplicate update|skip]',
  async run(args: string[], ctx: CommandContext) {
    const { values, positionals } = parseCommandArgs(this, args, {
      workloads: { type: 'string' },
      sites: { type: 'string' },
      catalog: { type: 'string' },
      accept: { type: 'string' },
      'on-duplicate': { type: 'string' },
    });
    const [plan, ...extra] = positionals;
    if (extra.length) throw badInput(`unexpected argument "${extra[0]}"\nusage: ${this.usage}`);
    if (!values.workloads && !values.sites && !values.catalog) throw badInput(`nothing to import\nusage: ${this.usage}`);
    if (values.accept !== undefined && values.accept !== 'valid') throw badInput(`--accept: expected "valid", got "${values.accept}"`);
    const dup = values['on-duplicate'];
    if (dup !== undefined && dup !== 'update' && dup !== 'skip' && dup !== 'error') {
      throw badInput(`--on-duplicate: expected update or skip, got "${dup}"`);
    }
    const onDuplicate = (dup ?? 'error') as 'error' | 'update' | 'skip';
    const accept = values.accept === 'valid' ? 'valid' : 'all';
    // check every file first: a missing or oversized file fails before the document is touched
    const files: ApiArgs<'import-files'>['files'] = [];
    for (const kind of ['catalog', 'sites', 'workloads'] as const) {
      const name = values[kind];
      if (name) {
        checked(name, kind);
        files.push({ kind, fileName: name, content: fileChunks(name) });
      }
    }
    const status = ctx.status;
    const onProgress = status && ((p: { fileName: string; rowsRead: number }) => status(`${p.fileName}: ${p.rowsRead.toLocaleString('en-US')} rows read`));
    return withApi(plan, this.usage, async (call) => {
      let r;
      try {
        r = await call('import-files', { files, accept, onDuplicate, ...(onProgress ? { onProgress } : {}) });
      } finally {
        status?.(null);
      }
      const summaries: string[] = [];
      for (const f of r.files) {
        if (f.kind === 'catalog') {
          for (const w of f.warnings) ctx.err(`warning: ${formatCatalogIssue(f.fileName, w)}`);
          for (const e of f.errors) ctx.err(formatCatalogIssue(f.fileName, e));
          if (f.diff) summaries.push(`${f.fileName}: ${describeDiff(f.diff)}`);
          continue;
        }
        for (const w of f.warnings) ctx.err(`warning: ${f.fileName}: ${w}`);
        for (const m of f.messages) ctx.err(m);
        if (f.summary) {
          const s = f.summary;
          summaries.push(`${f.fileName}: ${f.kind} added ${s.added}, updated ${s.updated}, skipped ${s.skipped}, rejected ${s.rejected}`);
        } else if (f.fatal) ctx.err(`${f.fileName}: nothing imported`);
        else {
          const bad = f.invalidRows + (onDuplicate === 'error' ? f.duplicates : 0);
          const valid = f.totalRows - bad;
          // the hint only when --accept valid would import something
          const hint = valid === 0 ? '' : ` (use --accept valid to import the ${valid === 1 ? 'one valid row' : `${valid} valid rows`})`;
          ctx.err(`${f.fileName}: ${bad} of ${f.totalRows} rows rejected; nothing imported${hint}`);
        }
      }
      if (!r.applied) return EXIT_BAD_INPUT;
      for (const s of summaries) ctx.out(s);
      return EXIT_OK;
    });
  },
};
