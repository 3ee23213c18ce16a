// docs/catalog-report.md is the committed output of `npm run catalog:report -- --write` for the
// default catalog: this test only reads it and fails when it is stale.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderCatalogReport } from '../core/catalog/report.ts';
import { defaultCatalog } from '../core/catalog/index.ts';

describe('docs/catalog-report.md', () => {
  it('is the current output of the catalog report', () => {
    const committed = readFileSync(fileURLToPath(new URL('../docs/catalog-report.md', import.meta.url)), 'utf8');
    expect(committed === renderCatalogReport(defaultCatalog()), 'stale: run npm run catalog:report -- --write').toBe(true);
  });
});
