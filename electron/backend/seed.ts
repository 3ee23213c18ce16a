// The content of a new document: core/catalog's default catalog and, for --demo, its demo
// workloads, sites and settings (validated again here: a bad default is caught at creation).
import { z } from 'zod';
import { defaultCatalog, demoSettings, demoSites, demoWorkloads } from '../../core/catalog/index.ts';
import { CatalogSchema, SettingsPatchSchema, SiteSchema, WorkloadSchema } from '../../core/types.ts';
import type { SeedData } from './document.ts';

export function defaultSeed(demo: boolean): SeedData {
  const catalog = CatalogSchema.parse(defaultCatalog());
  if (!demo) return { catalog };
  return {
    catalog,
    demo: {
      workloads: z.array(WorkloadSchema).parse(demoWorkloads),
      sites: z.array(SiteSchema).parse(demoSites),
      settings: SettingsPatchSchema.parse(demoSettings),
    },
  };
}
