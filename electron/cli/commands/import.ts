// fleetplan import PLAN --workloads F.csv | --sites F.csv | --catalog F.json [--accept valid]
// [--on-duplicate update|skip] (DESIGN 7, 8). All files go in ONE transaction: a bad row (without
// --accept valid) or any failure imports nothing and exits 2, errors as "F.csv:LINE: column: reason".
import fs from 'node:fs';
import { formatCatalogIssue, type CatalogDiff } from '../../../core/csv/index.ts';
import { importCatalogJson, importCsvFile, type OnDuplicate } from '../../backend/import.ts';
import { badInput, EXIT_BAD_INPUT, EXIT_OK, parseCommandArgs, type Command, type CommandContext } from '../command.ts';
import { withPlan } from '../plan-file.ts';

class Rollback extends Error {}

function readInput(file: string): Uint8Array {
  try {
    return new Uint8Array(fs.readFileSync(file));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw badInput(code === 'ENOENT' ? `${file}: no such file` : `${file}: cannot read (${(e as Error).message})`);
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
    const onDuplicate = (dup ?? 'error') as OnDuplicate;
    const accept = values.accept === 'valid' ? 'valid' : 'all';
    // read every file first: a missing file fails before the document is touched
    const inputs = {
      catalog: values.catalog ? readInput(values.catalog) : null,
      sites: values.sites ? readInput(values.sites) : null,
      workloads: values.workloads ? readInput(values.workloads) : null,
    };
    return withPlan(plan, this.usage, (doc) => {
      const summaries: string[] = [];
      let failed = false;
      try {
        doc.db.transaction(() => {
          if (inputs.catalog) {
            const name = values.catalog!;
            const r = importCatalogJson(doc.db, new TextDecoder().decode(inputs.catalog), { fileName: name, apply: true });
            for (const w of r.check.warnings) ctx.err(`warning: ${formatCatalogIssue(name, w)}`);
            if (!r.applied || !r.diff) {
              for (const e of r.check.errors) ctx.err(formatCatalogIssue(name, e));
              failed = true;
              throw new Rollback();
            }
            summaries.push(`${name}: ${describeDiff(r.diff)}`);
          }
          for (const kind of ['sites', 'workloads'] as const) {
            const bytes = inputs[kind];
            if (!bytes) continue;
            const name = values[kind]!;
            const r = importCsvFile(doc.db, kind, bytes, { fileName: name, accept, onDuplicate });
            for (const w of r.preview.warnings) ctx.err(`warning: ${name}: ${w}`);
            for (const m of r.messages) ctx.err(m);
            if (!r.summary) {
              failed = true;
              if (r.preview.fatal) ctx.err(`${name}: nothing imported`);
              else {
                const bad = r.preview.invalidRows + (onDuplicate === 'error' ? r.preview.duplicates.length : 0);
                ctx.err(`${name}: ${bad} of ${r.preview.totalRows} rows rejected; nothing imported (use --accept valid to import the ${r.preview.totalRows - bad} valid rows)`);
              }
              throw new Rollback();
            }
            const s = r.summary;
            summaries.push(`${name}: ${kind} added ${s.added}, updated ${s.updated}, skipped ${s.skipped}, rejected ${s.rejected}`);
          }
        })();
      } catch (e) {
        if (!(e instanceof Rollback)) throw e;
      }
      if (failed) return EXIT_BAD_INPUT;
      for (const s of summaries) ctx.out(s);
      return EXIT_OK;
    });
  },
};
