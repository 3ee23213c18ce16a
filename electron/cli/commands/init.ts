// fleetplan init PLAN [--demo] [--catalog FILE.json] [--force]: a new document with the default
// catalog (or the given one), one Base scenario, and with --demo the demo workloads and sites
// (document-new). The catalog file is checked here, so its messages name the file.
import fs from 'node:fs';
import path from 'node:path';
import { FleetError } from '../../../core/api.ts';
import { checkCatalog, decodeCatalogBytes, formatCatalogIssue } from '../../../core/csv/catalog.ts';
import type { Catalog } from '../../../core/types.ts';
import { connect } from '../api-client.ts';
import { badInput, EXIT_OK, parseCommandArgs, type Command } from '../command.ts';

/** Reads and checks a catalog JSON; warnings go to `warn` as "warning: FILE: path: message". */
export function readCatalogFile(file: string, warn: (line: string) => void = () => {}): Catalog {
  let bytes: Uint8Array;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    throw badInput(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const d = decodeCatalogBytes(bytes);
  if (!d.ok) throw badInput(`${file}: ${d.message}`);
  if (d.warning) warn(`warning: ${formatCatalogIssue(file, d.warning)}`);
  const check = checkCatalog(d.text, undefined, path.basename(file));
  if (!check.catalog || check.errors.length) {
    throw badInput(check.errors.slice(0, 10).map((i) => formatCatalogIssue(file, i)).join('\n'));
  }
  for (const w of check.warnings) warn(`warning: ${formatCatalogIssue(file, w)}`);
  return check.catalog;
}

export const init: Command = {
  name: 'init',
  summary: 'create a plan document with the default catalog (--demo: with demo workloads and sites)',
  usage: 'fleetplan init PLAN.fleetplan [--demo] [--catalog FILE.json] [--force]',
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs(this, args, {
      demo: { type: 'boolean', default: false },
      catalog: { type: 'string' },
      force: { type: 'boolean', default: false },
    });
    const [file, ...extra] = positionals;
    if (!file || extra.length) throw badInput(`expected one PLAN\nusage: ${this.usage}`);
    const catalog = values.catalog ? readCatalogFile(values.catalog, ctx.err) : undefined;
    const conn = connect();
    try {
      const info = await conn.call('document-new', { path: path.resolve(file), demo: values.demo, force: values.force, ...(catalog ? { catalog } : {}) });
      ctx.out(
        `created ${file}: ${info.counts.options} options, ${info.counts.models} models, ` +
          `${info.counts.workloads} workloads, ${info.counts.sites} sites; scenario ${info.activeScenario}`,
      );
    } catch (e) {
      if (e instanceof FleetError && e.code !== 'internal') throw badInput(e.message);
      throw e;
    } finally {
      await conn.close();
    }
    return EXIT_OK;
  },
};
