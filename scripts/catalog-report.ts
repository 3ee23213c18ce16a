// `npm run catalog:report`: prints the default catalog's data report (core/catalog/report.ts) as
// Markdown. `-- --write` rewrites docs/catalog-report.md; `-- --check` exits 1 when that file is stale.
// Nothing else writes docs/catalog-report.md (tests only read it).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import data from '../core/catalog/default-catalog.json' with { type: 'json' };
import { renderCatalogReport } from '../core/catalog/report.ts';
import { CatalogSchema } from '../core/types.ts';

const OUT = fileURLToPath(new URL('../docs/catalog-report.md', import.meta.url));

const parsed = CatalogSchema.safeParse(data);
if (!parsed.success) {
  console.error(`core/catalog/default-catalog.json: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  process.exit(2);
}
const text = renderCatalogReport(parsed.data);

if (process.argv.includes('--check')) {
  if (readFileSync(OUT, 'utf8') !== text) {
    console.error(`${OUT} is out of date: run npm run catalog:report -- --write`);
    process.exit(1);
  }
  console.log(`${OUT} is up to date`);
} else if (process.argv.includes('--write')) {
  writeFileSync(OUT, text);
  console.log(`wrote ${OUT}`);
} else {
  process.stdout.write(text);
}
