// A document written by each shipped release must keep opening: the committed fixture is copied,
// opened (migrating it if the schema moved on) and read back through the repositories; its stored
// plan reads as a one-period plan whose TCO is the one it was stored with.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CatalogSchema, isPlan, SettingsSchema, SiteSchema, WorkloadSchema } from '../../core/types.ts';
import { loadMigrations, latestVersion } from './db.ts';
import { openDocument } from './document.ts';
import { latestPlan, planInput, planSolvedInput } from './repo/plans.ts';
import { computeTco } from '../../core/tco/engine.ts';
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
        // the settings it was written with keep their meaning: one purchase at month 0, no trends
        expect(input.settings).toMatchObject({ purchase_interval_months: input.settings.horizon_months, hardware_price_change_pct_per_year: 0, cloud_price_change_pct_per_year: 0 });
        const plan = latestPlan(doc.db);
        expect(plan?.result.status).toBe('optimal');
        expect(plan?.result.assignments).toHaveLength(4);
        // its stored plan reads as one period over the horizon, as it was solved
        const result = plan!.result;
        if (!isPlan(result)) throw new Error('the fixture holds a plan');
        expect(result.periods).toEqual([{ period: 0, start_month: 0, months: input.settings.horizon_months }]);
        expect(result.assignments.every((a) => a.period === 0 && input.workloads.some((w) => w.name === a.workload && w.model === a.model))).toBe(true);
        expect(result.pools.every((p) => p.period === 0)).toBe(true);
        expect(result.purchases.map((p) => p.units)).toEqual(result.pools.map((p) => p.units));
        expect(result.sites.every((s) => s.period === 0)).toBe(true);
        // solved by an earlier engine: shown as stale, and costed on the inputs it was solved from
        expect(plan!.stale).toBe(true);
        const solved = planSolvedInput(doc.db, plan!.id)!;
        expect(solved.settings.purchase_interval_months).toBe(solved.settings.horizon_months);
        const tco = computeTco(solved, result);
        expect(Math.abs(tco.totals.horizon_cost_usd - result.totals.horizon_cost_usd)).toBeLessThanOrEqual(1e-6 * result.totals.horizon_cost_usd);
      } finally {
        doc.db.close();
      }
    });
  }
});
