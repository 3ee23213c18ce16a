import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { FleetError } from '../../core/api.ts';
import { APPLICATION_ID, defaultMigrationsDir, latestVersion, loadMigrations, migrationsFromFiles, openDb } from './db.ts';
import { schemaText } from './repo/meta.ts';
import { tempDir } from './test-helpers.ts';

const SNAPSHOT = path.join(defaultMigrationsDir(), 'schema.snapshot.sql');

function copyMigrations(extra: Record<string, string> = {}): string {
  const dir = tempDir('fleetplan-mig-');
  for (const f of fs.readdirSync(defaultMigrationsDir())) {
    if (f.endsWith('.sql') && /^\d{4}_/.test(f)) fs.copyFileSync(path.join(defaultMigrationsDir(), f), path.join(dir, f));
  }
  for (const [f, sql] of Object.entries(extra)) fs.writeFileSync(path.join(dir, f), sql);
  return dir;
}

describe('migrations', () => {
  const migrations = loadMigrations();
  const latest = latestVersion(migrations);

  it('numbers migrations in steps of 10 and refuses bad names and duplicates', () => {
    expect(migrations.map((m) => m.version).every((v) => v % 10 === 0)).toBe(true);
    expect(() => migrationsFromFiles({ '0015_x.sql': '' })).toThrow(/steps of 10/);
    expect(() => migrationsFromFiles({ '10_x.sql': '' })).toThrow(/0010_name/);
    expect(() => migrationsFromFiles({ '0010_a.sql': '', 'x/0010_b.sql': '' })).toThrow(/share number 10/);
  });

  it('brings an empty document to the latest schema, matching the committed snapshot', () => {
    const file = path.join(tempDir(), 'a.fleetplan');
    const { db, migration } = openDb(file, { create: true, migrations });
    expect(migration).toEqual({ from: 0, to: latest, backup: null });
    expect(db.pragma('user_version', { simple: true })).toBe(latest);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const schema = schemaText(db);
    if (process.env.UPDATE_SNAPSHOT) fs.writeFileSync(SNAPSHOT, schema);
    const committed = fs.existsSync(SNAPSHOT) ? fs.readFileSync(SNAPSHOT, 'utf8') : '';
    expect(
      schema,
      'schema differs from migrations/schema.snapshot.sql; if the change is intended run ' +
        'UPDATE_SNAPSHOT=1 npx vitest run electron/backend/db.test.ts and commit the snapshot',
    ).toBe(committed);
    db.close();
  });

  it('makes every table STRICT', () => {
    const { db } = openDb(path.join(tempDir(), 'b.fleetplan'), { create: true, migrations });
    const tables = db.prepare(`SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%'`).all() as {
      name: string;
      strict: number;
    }[];
    expect(tables.length).toBeGreaterThanOrEqual(8);
    expect(tables.filter((t) => t.strict !== 1).map((t) => t.name)).toEqual([]);
    db.close();
  });

  it('enforces tier and kind CHECK constraints', () => {
    const { db } = openDb(path.join(tempDir(), 'c.fleetplan'), { create: true, migrations });
    const ins = db.prepare(`INSERT INTO options (id, name, vendor, tier, kind, source, as_of, usd_per_hour) VALUES (?, 'n', 'v', ?, ?, 's', '2025', 1)`);
    expect(() => ins.run('a', 'gold', 'cloud_instance')).toThrow(/CHECK/);
    expect(() => ins.run('b', 'premium', 'mainframe')).toThrow(/CHECK/);
    expect(() => ins.run('c', 'premium', 'system')).toThrow(/CHECK/); // system columns missing
    ins.run('d', 'premium', 'cloud_instance');
    db.close();
  });

  it('refuses a document written by a newer FleetPlan, naming both versions', () => {
    const file = path.join(tempDir(), 'new.fleetplan');
    openDb(file, { create: true, migrations }).db.close();
    const raw = new Database(file);
    raw.pragma(`user_version = ${latest + 10}`);
    raw.close();
    let err: unknown;
    try {
      openDb(file, { migrations });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(FleetError);
    expect((err as Error).message).toContain(`was written by a newer FleetPlan (schema ${latest + 10}, this app knows ${latest})`);
  });

  it('refuses a missing file, a non-SQLite file and a foreign SQLite file', () => {
    const dir = tempDir();
    expect(() => openDb(path.join(dir, 'missing.fleetplan'), { migrations })).toThrow(/no such plan document/);
    fs.writeFileSync(path.join(dir, 'text.fleetplan'), 'hello, this is not a database at all'.repeat(50));
    expect(() => openDb(path.join(dir, 'text.fleetplan'), { migrations })).toThrow(/not a FleetPlan document|cannot open/);
    const other = new Database(path.join(dir, 'other.db'));
    other.exec('CREATE TABLE t (x)');
    other.close();
    expect(() => openDb(path.join(dir, 'other.db'), { migrations })).toThrow(/not a FleetPlan document/);
  });

  const bytesOf = (f: string) => (fs.existsSync(f) ? fs.readFileSync(f) : null);

  it('leaves refused files byte-identical: no WAL switch, no -wal/-shm beside them', () => {
    const dir = tempDir();
    const empty = path.join(dir, 'empty.fleetplan');
    fs.writeFileSync(empty, '');
    expect(() => openDb(empty, { migrations })).toThrow(/empty \(0 bytes\)/);
    expect(fs.statSync(empty).size).toBe(0);

    const other = path.join(dir, 'other.db');
    const o = new Database(other);
    o.pragma('application_id = 12345');
    o.exec('CREATE TABLE meta (key TEXT); CREATE TABLE scenarios (x); CREATE TABLE plans (y)');
    o.pragma('user_version = 10');
    o.close();
    const before = bytesOf(other);
    expect(() => openDb(other, { migrations })).toThrow(/another program \(application_id 0x3039\)/);
    expect(bytesOf(other)).toEqual(before);

    const bare = path.join(dir, 'bare.db');
    new Database(bare).exec('VACUUM');
    const newer = path.join(dir, 'newer.fleetplan');
    openDb(newer, { create: true, migrations }).db.close();
    const raw = new Database(newer);
    raw.pragma('journal_mode = DELETE');
    raw.pragma(`user_version = ${latest + 10}`);
    raw.close();
    for (const f of [bare, newer]) {
      const b = bytesOf(f);
      expect(() => openDb(f, { migrations })).toThrow(/not a FleetPlan document|newer FleetPlan/);
      expect(bytesOf(f)).toEqual(b);
      expect(fs.existsSync(`${f}-wal`) || fs.existsSync(`${f}-shm`)).toBe(false);
    }
  });

  it('stamps new and older documents with the FleetPlan application_id', () => {
    const file = path.join(tempDir(), 'id.fleetplan');
    const { db } = openDb(file, { create: true, migrations });
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    db.pragma('application_id = 0'); // as written before the id existed
    db.close();
    const again = openDb(file, { migrations });
    expect(again.db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    again.db.close();
  });

  it('opens a document it cannot write read-only, and refuses to migrate it', () => {
    if (process.getuid?.() === 0) return; // root writes anything: nothing to check
    const dir = tempDir();
    const file = path.join(dir, 'ro.fleetplan');
    openDb(file, { create: true, migrations }).db.close();
    fs.chmodSync(file, 0o444);
    const { db } = openDb(file, { migrations });
    expect(db.readonly).toBe(true);
    expect(() => db.prepare(`INSERT INTO meta (key, value) VALUES ('k', 'v')`).run()).toThrow(/readonly/);
    db.close();
    const future = loadMigrations(copyMigrations({ [`${String(latest + 10).padStart(4, '0')}_x.sql`]: 'CREATE TABLE x (a) STRICT;' }));
    expect(() => openDb(file, { migrations: future })).toThrow(/cannot write .*read-only/);
  });

  it('backs up an older document before migrating it, and data inserted at N−10 survives N', () => {
    const nextVersion = latest + 10;
    const next = `ALTER TABLE workloads ADD COLUMN note TEXT;\nCREATE TABLE tags (name TEXT PRIMARY KEY) STRICT;`;
    const dir = copyMigrations({ [`${String(nextVersion).padStart(4, '0')}_future.sql`]: next });
    const future = loadMigrations(dir);
    expect(latestVersion(future)).toBe(nextVersion);

    const file = path.join(tempDir(), 'old.fleetplan');
    const first = openDb(file, { create: true, migrations });
    first.db.prepare(`INSERT INTO workloads (name, model, avg_output_tps) VALUES ('chat', 'llama', 100)`).run();
    first.db.close();

    const backups: string[] = [];
    const { db, migration } = openDb(file, { migrations: future, onBackup: (p) => backups.push(p) });
    expect(migration).toEqual({ from: latest, to: nextVersion, backup: `${file}.bak-v${latest}` });
    expect(backups).toEqual([`${file}.bak-v${latest}`]);
    expect(db.pragma('user_version', { simple: true })).toBe(nextVersion);
    expect(db.prepare('SELECT name, avg_output_tps, note FROM workloads').all()).toEqual([{ name: 'chat', avg_output_tps: 100, note: null }]);
    db.close();

    const bak = new Database(`${file}.bak-v${latest}`, { readonly: true });
    expect(bak.pragma('user_version', { simple: true })).toBe(latest);
    expect(bak.prepare('SELECT count(*) AS n FROM workloads').get()).toEqual({ n: 1 });
    bak.close();
  });

  it('rolls back a failing migration and keeps the old version', () => {
    const nextVersion = latest + 10;
    const dir = copyMigrations({ [`${String(nextVersion).padStart(4, '0')}_broken.sql`]: 'CREATE TABLE ok_t (x INTEGER) STRICT; SELECT * FROM nope;' });
    const file = path.join(tempDir(), 'broken.fleetplan');
    openDb(file, { create: true, migrations }).db.close();
    expect(() => openDb(file, { migrations: loadMigrations(dir) })).toThrow(/migration .*broken\.sql failed.*backup kept/);
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(latest);
    expect(raw.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE name = 'ok_t'`).get()).toEqual({ n: 0 });
    raw.close();
  });

  // Harness for each real migration N after the first: a document at N−10 with the fixture rows
  // of FIXTURES[N−10] opens at N with them intact. A new migration adds its fixture here.
  const FIXTURES: Record<number, { sql: string; check: string; expect: unknown[] }> = {
    10: {
      sql: `INSERT INTO models VALUES ('m', 1, 1);
            INSERT INTO options (id, name, vendor, tier, kind, source, as_of, usd_per_m_input, usd_per_m_output)
              VALUES ('api', 'API', 'V', 'premium', 'cloud_api', 's', '2025', 1, 2);
            INSERT INTO options (id, name, vendor, tier, kind, source, as_of, rack_units, max_power_kw, typical_power_kw,
                                 cooling, price_usd, support_pct_per_year, lifetime_months)
              VALUES ('sys', 'Sys', 'V', 'commodity', 'system', 's', '2025', 8, 10, 7, 'air', 300000, 10, 48);
            INSERT INTO operating_points (option_id, model_id, seq, user_tps, unit_tps, ttft_ms) VALUES ('api', 'm', 0, 100, NULL, 50);
            INSERT INTO operating_points (option_id, model_id, seq, user_tps, unit_tps, ttft_ms) VALUES ('sys', 'm', 0, 50, 9000, 300);
            INSERT INTO operating_points (option_id, model_id, seq, user_tps, unit_tps, ttft_ms) VALUES ('sys', 'm', 1, 20, 20000, 500);
            INSERT INTO workloads (name, model, avg_output_tps, tiers) VALUES ('w', 'm', 5, 'premium;edge');
            INSERT INTO sites (name, it_power_kw, racks) VALUES ('s', 10, 2);
            INSERT INTO scenarios (name, settings, active, created_at) VALUES ('Base', '{"horizon_months":24}', 1, '2026-01-01');
            INSERT INTO scenarios (name, settings, active, created_at) VALUES ('Empty', '{}', 0, '2026-01-01');
            INSERT INTO plans (scenario_id, solved_at, input_hash, status, input, result)
              VALUES (1, '2026-01-02', printf('%064d', 0), 'optimal', '{"settings":{"horizon_months":24}}', '{"status":"optimal"}');`,
      // 0020: existing scenarios (and the inputs stored with plans) keep one purchase at month 0
      // and no price trends; systems take one rack per unit; each (option, model) holds one unit
      // per replica; the stored plan is marked as a single-purchase result.
      check: `SELECT (SELECT count(*) FROM operating_points) AS points, (SELECT tiers FROM workloads) AS tiers,
                     (SELECT racks FROM sites) AS racks,
                     (SELECT group_concat(id || ':' || coalesce(racks_per_unit, '-'), ' ') FROM options) AS racks_per_unit,
                     (SELECT group_concat(option_id || '/' || model_id || '=' || units_per_replica, ' ') FROM option_models) AS replicas,
                     (SELECT group_concat(name || ':' || coalesce(json_extract(settings, '$.horizon_months'), '-') || '/' ||
                        json_extract(settings, '$.purchase_interval_months') || '/' ||
                        json_extract(settings, '$.hardware_price_change_pct_per_year') || '/' ||
                        json_extract(settings, '$.cloud_price_change_pct_per_year'), ' ') FROM scenarios) AS settings,
                     (SELECT json_extract(input, '$.settings.purchase_interval_months') FROM plans) AS plan_interval,
                     (SELECT result_format || ' ' || result FROM plans) AS plan`,
      expect: [
        {
          points: 3,
          tiers: 'premium;edge',
          racks: 2,
          racks_per_unit: 'api:- sys:1',
          replicas: 'api/m=1 sys/m=1',
          settings: 'Base:24/24/0/0 Empty:-/36/0/0',
          plan_interval: 24,
          plan: '1 {"status":"optimal"}',
        },
      ],
    },
    20: {
      sql: `INSERT INTO models VALUES ('m', 70, 70);
            INSERT INTO options (id, name, vendor, tier, kind, source, as_of, rack_units, racks_per_unit, max_power_kw,
                                 typical_power_kw, cooling, price_usd, support_pct_per_year, lifetime_months)
              VALUES ('nvl', 'NVL', 'V', 'commodity', 'system', 's', '2025', 48, 2, 120, 100, 'liquid', 3000000, 10, 48);
            INSERT INTO operating_points (option_id, model_id, seq, user_tps, unit_tps, ttft_ms) VALUES ('nvl', 'm', 0, 50, 90000, 300);
            INSERT INTO option_models (option_id, model_id, units_per_replica) VALUES ('nvl', 'm', 2);
            INSERT INTO scenarios (name, settings, active, created_at)
              VALUES ('Base', '{"horizon_months":36,"purchase_interval_months":12}', 1, '2026-01-01');
            INSERT INTO plans (scenario_id, solved_at, input_hash, status, input, result)
              VALUES (1, '2026-01-02', printf('%064d', 0), 'optimal', NULL, '{"status":"optimal","periods":[]}');`,
      check: `SELECT (SELECT racks_per_unit FROM options) AS racks_per_unit, (SELECT units_per_replica FROM option_models) AS r,
                     (SELECT json_extract(settings, '$.purchase_interval_months') FROM scenarios) AS interval,
                     (SELECT result_format FROM plans) AS format`,
      expect: [{ racks_per_unit: 2, r: 2, interval: 12, format: 2 }],
    },
    // 0030: every edit of a workload, site, option, model or scenario, and every stored plan, is
    // logged by trigger (with the row as it was), whoever writes
    30: {
      sql: `INSERT INTO scenarios (name, settings, active, created_at) VALUES ('Base', '{"time_limit_s":60}', 1, '2026-01-01');
            INSERT INTO workloads (name, model, avg_output_tps) VALUES ('w', 'm', 5);
            UPDATE workloads SET avg_output_tps = 7, name = 'w2' WHERE name = 'w';
            UPDATE scenarios SET settings = '{"time_limit_s":120}' WHERE name = 'Base';
            UPDATE scenarios SET created_at = '2026-02-01';
            INSERT INTO sites (name, it_power_kw, racks) VALUES ('s', 10, 2);
            DELETE FROM sites;
            INSERT INTO plans (scenario_id, solved_at, input_hash, status, input, result)
              VALUES (1, '2026-01-02', printf('%064d', 0), 'optimal', NULL, '{"status":"optimal","periods":[]}');`,
      // 0040: the highest scenario id issued starts at the largest there
      check: `SELECT revision, kind, key, op, renamed_to, json_extract(before, '$.avg_output_tps') AS tps,
                     json_extract(before, '$.time_limit_s') AS limit_s,
                     (SELECT value FROM meta WHERE key = 'scenario_last_id') AS last_id FROM changes ORDER BY revision`,
      expect: [
        { revision: 1, kind: 'scenario', key: 'Base', op: 'insert', renamed_to: null, tps: null, limit_s: null, last_id: '1' },
        { revision: 2, kind: 'workload', key: 'w', op: 'insert', renamed_to: null, tps: null, limit_s: null, last_id: '1' },
        { revision: 3, kind: 'workload', key: 'w', op: 'update', renamed_to: 'w2', tps: 5, limit_s: null, last_id: '1' },
        { revision: 4, kind: 'scenario', key: 'Base', op: 'update', renamed_to: null, tps: null, limit_s: 60, last_id: '1' },
        { revision: 5, kind: 'site', key: 's', op: 'insert', renamed_to: null, tps: null, limit_s: null, last_id: '1' },
        { revision: 6, kind: 'site', key: 's', op: 'delete', renamed_to: null, tps: null, limit_s: null, last_id: '1' },
        { revision: 7, kind: 'plan', key: 'Base', op: 'insert', renamed_to: null, tps: null, limit_s: null, last_id: '1' },
      ],
    },
    // 0040: a scenario id is never reused: one created after a delete goes above the highest issued
    40: {
      sql: `INSERT INTO scenarios (name, settings, active, created_at) VALUES ('Base', '{}', 1, '2026-01-01');
            INSERT INTO scenarios (name, settings, active, created_at) VALUES ('Old', '{}', 0, '2026-01-01');
            INSERT INTO plans (scenario_id, solved_at, input_hash, status, input, result)
              VALUES (1, '2026-01-02', printf('%064d', 0), 'optimal', NULL, '{"status":"optimal","periods":[]}');
            INSERT INTO plans (scenario_id, solved_at, input_hash, status, input, result)
              VALUES (2, '2026-01-03', printf('%064d', 1), 'infeasible', '{"workloads":[]}', '{"status":"infeasible","periods":[]}');
            DELETE FROM scenarios WHERE name = 'Old';
            INSERT INTO scenarios (name, settings, active, created_at) VALUES ('Fresh', '{}', 0, '2026-01-01');`,
      // 0050: plans keep their ids and rows, the copy logs no change, and the next id goes above the
      // largest left (2, the deleted scenario's plan, was the newest: not known once deleted)
      check: `SELECT (SELECT group_concat(id || ':' || name, ' ') FROM (SELECT id, name FROM scenarios ORDER BY id)) AS ids,
                     (SELECT value FROM meta WHERE key = 'scenario_last_id') AS last_id,
                     (SELECT group_concat(id || ':' || scenario_id || ':' || status || ':' || result_format) FROM plans) AS plans,
                     (SELECT count(*) FROM changes WHERE kind = 'plan') AS logged,
                     (SELECT seq FROM sqlite_sequence WHERE name = 'plans') AS plan_seq`,
      expect: [{ ids: '1:Base 3:Fresh', last_id: '3', plans: '1:1:optimal:2', logged: 2, plan_seq: 1 }],
    },
    // 0050: a plan id is never reused: one stored after the newest plan's scenario was deleted goes above it
    50: {
      sql: `INSERT INTO scenarios (name, settings, active, created_at) VALUES ('Base', '{}', 1, '2026-01-01');
            INSERT INTO scenarios (name, settings, active, created_at) VALUES ('Old', '{}', 0, '2026-01-01');
            INSERT INTO plans (scenario_id, solved_at, input_hash, status, input, result)
              VALUES (1, '2026-01-02', printf('%064d', 0), 'optimal', NULL, '{"status":"optimal","periods":[]}');
            INSERT INTO plans (scenario_id, solved_at, input_hash, status, input, result)
              VALUES (2, '2026-01-03', printf('%064d', 1), 'optimal', NULL, '{"status":"optimal","periods":[]}');
            DELETE FROM scenarios WHERE name = 'Old';
            INSERT INTO plans (scenario_id, solved_at, input_hash, status, input, result)
              VALUES (1, '2026-01-04', printf('%064d', 2), 'optimal', NULL, '{"status":"optimal","periods":[]}');`,
      check: `SELECT (SELECT group_concat(id || ':' || scenario_id, ' ') FROM (SELECT id, scenario_id FROM plans ORDER BY id)) AS plans,
                     (SELECT seq FROM sqlite_sequence WHERE name = 'plans') AS plan_seq`,
      expect: [{ plans: '1:1 3:1', plan_seq: 3 }],
    },
  };
  for (const m of migrations.slice(1)) {
    it(`data written at ${m.version - 10} survives ${m.name}`, () => {
      const fx = FIXTURES[m.version - 10];
      expect(fx, `add FIXTURES[${m.version - 10}] for ${m.name}`).toBeDefined();
      const file = path.join(tempDir(), 'old.fleetplan');
      const old = openDb(file, { create: true, migrations: migrations.filter((x) => x.version < m.version) });
      old.db.exec(fx!.sql);
      old.db.close();
      const { db } = openDb(file, { migrations: migrations.filter((x) => x.version <= m.version) });
      expect(db.prepare(fx!.check).all()).toEqual(fx!.expect);
      db.close();
    });
  }

  it('the fixture of the latest version is valid against the current schema (ready for the next migration)', () => {
    const fx = FIXTURES[latest];
    expect(fx, `add FIXTURES[${latest}]`).toBeDefined();
    const { db } = openDb(path.join(tempDir(), 'fx.fleetplan'), { create: true, migrations });
    db.exec(fx!.sql);
    expect(db.prepare(fx!.check).all()).toEqual(fx!.expect);
    db.close();
  });
});
