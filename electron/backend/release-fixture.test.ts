// A document written by each shipped release must keep opening: the committed fixture is copied,
// opened (migrating it if the schema moved on) and read back through the repositories.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CatalogSchema, SettingsSchema, SiteSchema, WorkloadSchema } from '../../core/types.ts';
import { loadMigrations, latestVersion } from './db.ts';
import { openDocument } from './document.ts';
import { latestPlan, planInput } from './repo/plans.ts';
import { tempDir } from './test-helpers.ts';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations/fixtures');

describe('documents from shipped releases', () => {
  const files = fs.readdirSync(fixtures).filter((f) => f.endsWith('.fleetplan'));
  it('has at least one release fixture', () => expect(files.length).toBeGreaterThan(0));

  for (const f of files) {
    it(`${f} opens, migrates to the latest schema and reads back`, () => {
      const file = path.join(tempDir(), f);
      fs.copyFileSync(path.join(fixtures, f), file);
      const doc = openDocument(file);
      try {
        expect(doc.db.pragma('user_version', { simple: true })).toBe(latestVersion(loadMigrations()));
        const input = planInput(doc.db);
        expect(() => CatalogSchema.parse(input.catalog)).not.toThrow();
        expect(input.workloads.map((w) => WorkloadSchema.parse(w).name)).toEqual(
          expect.arrayContaining(['code-completion', 'enterprise-batch', 'rag-assistant', 'iot-agents']),
        );
        expect(input.sites.map((s) => SiteSchema.parse(s).name).sort()).toEqual(['colo-liquid-hall', 'hq-server-room']);
        expect(SettingsSchema.parse(input.settings).start_month).toBe('2026-11');
        const plan = latestPlan(doc.db);
        expect(plan?.result.status).toBe('optimal');
        expect(plan?.result.assignments).toHaveLength(4);
      } finally {
        doc.db.close();
      }
    });
  }
});
