import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { latestVersion, loadMigrations } from '../backend/db.ts';
import { stubCatalog, tempDir } from '../backend/test-helpers.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = path.join(ROOT, 'bin', 'fleetplan.js');
const env = {
  ...process.env,
  PATH: `${path.join(ROOT, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH ?? ''}`,
  FLEETPLAN_USER_DATA: tempDir('fleetplan-user-'),
};
const HAS_DEFAULT_CATALOG = fs.existsSync(path.join(ROOT, 'core', 'catalog', 'index.ts')) && fs.existsSync(path.join(ROOT, 'core', 'catalog', 'demo.ts'));

function fleetplan(...args: string[]) {
  const r = spawnSync('node', [BIN, ...args], { env, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function catalogFile(dir: string): string {
  const f = path.join(dir, 'catalog.json');
  fs.writeFileSync(f, JSON.stringify(stubCatalog, null, 2));
  return f;
}

function inspect(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    return {
      version: db.pragma('user_version', { simple: true }) as number,
      nonStrict: (db.prepare(`SELECT name FROM pragma_table_list WHERE schema = 'main' AND strict = 0 AND name NOT LIKE 'sqlite_%'`).all() as { name: string }[]).map((r) => r.name),
      count: (t: string) => (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n,
      settings: JSON.parse((db.prepare('SELECT settings FROM scenarios WHERE active = 1').get() as { settings: string }).settings),
      scenarios: db.prepare('SELECT name, active FROM scenarios ORDER BY id').all(),
      close: () => db.close(),
    };
  } catch (e) {
    db.close();
    throw e;
  }
}

// Each case spawns the real `fleetplan` up to a dozen times; on a loaded machine one spawn can
// take seconds, so the case gets time for all of them (the checks do not depend on speed).
describe('fleetplan CLI', { timeout: 240_000 }, () => {
  it('init --catalog creates a STRICT, migrated document with one Base scenario; refuses to overwrite without --force', () => {
    const dir = tempDir();
    const plan = path.join(dir, 'p.fleetplan');
    const r = fleetplan('init', plan, '--catalog', catalogFile(dir));
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/created .*p\.fleetplan: 4 options, 2 models, 0 workloads/);
    const d = inspect(plan);
    expect(d.version).toBe(latestVersion(loadMigrations()));
    expect(d.nonStrict).toEqual([]);
    expect(d.count('options')).toBe(4);
    expect(d.scenarios).toEqual([{ name: 'Base', active: 1 }]);
    d.close();
    const again = fleetplan('init', plan, '--catalog', catalogFile(dir));
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/already exists \(use --force/);
    expect(fleetplan('init', plan, '--catalog', catalogFile(dir), '--force').code).toBe(0);
  });

  it('init --catalog names the file and field of a bad catalog (exit 2)', () => {
    const dir = tempDir();
    const bad = path.join(dir, 'bad.json');
    const cat = structuredClone(stubCatalog) as { options: Record<string, unknown>[] };
    cat.options[1]!.usd_per_hour = -4;
    fs.writeFileSync(bad, JSON.stringify(cat));
    const r = fleetplan('init', path.join(dir, 'x.fleetplan'), '--catalog', bad);
    expect(r.code).toBe(2);
    expect(r.err).toContain(bad);
    expect(r.err).toMatch(/options\[1\]\.usd_per_hour/);
    expect(fs.existsSync(path.join(dir, 'x.fleetplan'))).toBe(false);
    fs.writeFileSync(bad, '{"models": [,]}');
    expect(fleetplan('init', path.join(dir, 'x.fleetplan'), '--catalog', bad).err).toMatch(/not valid JSON/);
  });

  it.skipIf(!HAS_DEFAULT_CATALOG)('init --demo creates STRICT tables, user_version and the demo content', () => {
    const plan = path.join(tempDir(), 'demo.fleetplan');
    const r = fleetplan('init', plan, '--demo');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const d = inspect(plan);
    expect(d.version).toBe(latestVersion(loadMigrations()));
    expect(d.nonStrict).toEqual([]);
    expect(d.count('options')).toBeGreaterThan(0);
    expect(d.count('workloads')).toBeGreaterThan(0);
    expect(d.count('sites')).toBeGreaterThan(0);
    d.close();
  });

  it('set parses values per type, clears optional settings, and exits 2 naming a bad key or value', () => {
    const dir = tempDir();
    const plan = path.join(dir, 'p.fleetplan');
    expect(fleetplan('init', plan, '--catalog', catalogFile(dir)).code).toBe(0);
    const ok = fleetplan('set', plan, 'horizon_months=24', 'residual_value=off', 'capex_budget_usd=1_500_000', 'start_month=2026-03', 'page_size=Letter');
    expect(ok.err).toBe('');
    expect(ok.code).toBe(0);
    // echoed in DESIGN 3.5's words, on/off (was true/false)
    expect(ok.out).toContain('residual_value = off');
    expect(fleetplan('set', plan, 'residual_value=on').out).toContain('residual_value = on');
    expect(fleetplan('set', plan, 'residual_value=off').out).toContain('residual_value = off');
    let d = inspect(plan);
    expect(d.settings).toMatchObject({ horizon_months: 24, residual_value: false, capex_budget_usd: 1_500_000, start_month: '2026-03', page_size: 'Letter' });
    d.close();
    expect(fleetplan('set', plan, 'capex_budget_usd=', 'residual_value=yes').code).toBe(0);
    d = inspect(plan);
    expect(d.settings).toMatchObject({ capex_budget_usd: null, residual_value: true, horizon_months: 24 });
    d.close();

    const badKey = fleetplan('set', plan, 'horizon=12');
    expect(badKey.code).toBe(2);
    expect(badKey.err).toMatch(/unknown setting "horizon"/);
    const badNum = fleetplan('set', plan, 'max_utilization=lots');
    expect(badNum.code).toBe(2);
    expect(badNum.err).toMatch(/max_utilization: "lots" is not a number/);
    const badRange = fleetplan('set', plan, 'horizon_months=48');
    expect(badRange.code).toBe(2);
    expect(badRange.err).toMatch(/horizon_months: must be 12–36/);
    const badBool = fleetplan('set', plan, 'residual_value=maybe');
    expect(badBool.code).toBe(2);
    expect(badBool.err).toMatch(/residual_value: "maybe" is not on\/off/);
    const notOptional = fleetplan('set', plan, 'horizon_months=');
    expect(notOptional.code).toBe(2);
    expect(notOptional.err).toMatch(/horizon_months: cannot be cleared/);
    const missing = fleetplan('set', path.join(dir, 'nope.fleetplan'), 'horizon_months=12');
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/nope\.fleetplan: no such plan document/);
    d = inspect(plan);
    expect(d.settings.horizon_months).toBe(24); // nothing written by the failed calls
    d.close();
  });

  it('set accepts the purchase interval and price trends; an interval beyond the horizon is exit 2 and changes nothing', () => {
    const dir = tempDir();
    const plan = path.join(dir, 'p.fleetplan');
    expect(fleetplan('init', plan, '--catalog', catalogFile(dir)).code).toBe(0);
    let d = inspect(plan);
    // a new document's scenario has the defaults: buy every 12 months, no price trends
    expect(d.settings).toMatchObject({ purchase_interval_months: 12, hardware_price_change_pct_per_year: 0, cloud_price_change_pct_per_year: 0 });
    d.close();
    const ok = fleetplan('set', plan, 'purchase_interval_months=6', 'hardware_price_change_pct_per_year=-20%', 'cloud_price_change_pct_per_year=-35');
    expect(ok.err).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('Base: purchase_interval_months = 6');
    d = inspect(plan);
    expect(d.settings).toMatchObject({ purchase_interval_months: 6, hardware_price_change_pct_per_year: -20, cloud_price_change_pct_per_year: -35 });
    d.close();

    const beyond = fleetplan('set', plan, 'horizon_months=24', 'purchase_interval_months=30');
    expect(beyond.code).toBe(2);
    expect(beyond.err).toMatch(/purchase_interval_months: must be at most the horizon \(24 months\)/);
    const shrink = fleetplan('set', plan, 'horizon_months=12', 'purchase_interval_months=12');
    expect(shrink.code).toBe(0);
    // buying once (interval = horizon) stays buying once when only the horizon changes
    expect(fleetplan('set', plan, 'horizon_months=18').code).toBe(0);
    d = inspect(plan);
    expect(d.settings).toMatchObject({ horizon_months: 18, purchase_interval_months: 18 });
    d.close();
    expect(fleetplan('set', plan, 'horizon_months=12').code).toBe(0);
    const notWhole = fleetplan('set', plan, 'purchase_interval_months=2.5');
    expect(notWhole.code).toBe(2);
    expect(notWhole.err).toMatch(/purchase_interval_months: must be a whole number/);
    const vanishing = fleetplan('set', plan, 'hardware_price_change_pct_per_year=-100');
    expect(vanishing.code).toBe(2);
    expect(vanishing.err).toMatch(/hardware_price_change_pct_per_year: must be > −100/);
    d = inspect(plan);
    expect(d.settings).toMatchObject({ horizon_months: 12, purchase_interval_months: 12, hardware_price_change_pct_per_year: -20 });
    d.close();

    // a new scenario starts from the defaults, not from the active one's values
    expect(fleetplan('scenario', plan, 'new', 'Fresh').code).toBe(0);
    const list = fleetplan('scenario', plan, 'list');
    expect(list.out).toMatch(/\* Base\t.*12 months, buys everything at the start/);
    expect(list.out).toMatch(/ {2}Fresh\t.*36 months, buys every 12 months/);
    // monthly purchases read "buys every month" (it said "buys every 1 months")
    expect(fleetplan('scenario', plan, 'use', 'Fresh').code).toBe(0);
    expect(fleetplan('set', plan, 'purchase_interval_months=1').code).toBe(0);
    expect(fleetplan('scenario', plan, 'list').out).toMatch(/\* Fresh\t.*36 months, buys every month\t/);
  });
  it('set max_utilization as the UI shows it (80, 80%) or as stored (0.8)', () => {
    const dir = tempDir();
    const plan = path.join(dir, 'p.fleetplan');
    expect(fleetplan('init', plan, '--catalog', catalogFile(dir)).code).toBe(0);
    expect(fleetplan('set', plan, 'max_utilization=80%').code).toBe(0);
    let d = inspect(plan);
    expect(d.settings.max_utilization).toBe(0.8);
    d.close();
    expect(fleetplan('set', plan, 'max_utilization=0.5').code).toBe(0);
    expect(fleetplan('set', plan, 'max_utilization=80').code).toBe(0);
    d = inspect(plan);
    expect(d.settings.max_utilization).toBe(0.8);
    d.close();
    expect(fleetplan('set', plan, 'max_utilization=150').err).toMatch(/max_utilization: "150" is outside 0 < u ≤ 1 .*at most 100 %/);
    // a bare 2 is neither a share nor a likely percent: refused (it was read as 2 %), the document unchanged
    const two = fleetplan('set', plan, 'max_utilization=2');
    expect(two.code).toBe(2);
    expect(two.err).toMatch(/max_utilization: "2" is above 1, the largest share.*2% or 80%/);
    expect(fleetplan('set', plan, 'max_utilization=2%').out).toBe('Base: max_utilization = 0.02 (2 %)\n');
    expect(fleetplan('set', plan, 'max_utilization=0,75').out).toBe('Base: max_utilization = 0.75 (75 %)\n');
  }, 120_000);

  it('set reads numbers by the one rule for typed numbers: a decimal comma, grouped thousands; an ambiguous 1,500 and hex are refused', () => {
    const dir = tempDir();
    const plan = path.join(dir, 'p.fleetplan');
    expect(fleetplan('init', plan, '--catalog', catalogFile(dir)).code).toBe(0);
    const ok = fleetplan('set', plan, 'edge_usd_per_kwh=0,15', 'capex_budget_usd=$1,500,000', 'discount_rate_pct=7,5%', 'total_budget_usd=2.500.000');
    expect(ok.err).toBe('');
    const d = inspect(plan);
    expect(d.settings).toMatchObject({ edge_usd_per_kwh: 0.15, capex_budget_usd: 1_500_000, discount_rate_pct: 7.5, total_budget_usd: 2_500_000 });
    d.close();
    // 2.500 reads as 2.5 (the one rule), and the echo says so with the thousands spelling
    const dot = fleetplan('set', plan, 'edge_usd_per_kwh=0.150', 'unserved_penalty_usd_per_month=2.500');
    expect(dot.out).toBe("Base: edge_usd_per_kwh = 0.15\nBase: unserved_penalty_usd_per_month = 2.5 (read as 2.5: '.' is the decimal mark — for thousands type 2500)\n");
    const before = fs.readFileSync(plan);
    const amb = fleetplan('set', plan, 'capex_budget_usd=1,500');
    expect(amb.code).toBe(2);
    expect(amb.err).toMatch(/capex_budget_usd: "1,500" is ambiguous: .*type 1500 or 1\.5/);
    const hex = fleetplan('set', plan, 'edge_usd_per_kwh=0x1');
    expect(hex.code).toBe(2);
    expect(hex.err).toMatch(/edge_usd_per_kwh: "0x1" is not a number/);
    const range = fleetplan('set', plan, 'discount_rate_pct=150');
    expect(range.err).toMatch(/discount_rate_pct: must be ≤ 100 \(got 150\)/);
    expect(fs.readFileSync(plan).equals(before)).toBe(true);
  }, 120_000);

  it('scenario new/use/list works; new --from copies settings', () => {
    const dir = tempDir();
    const plan = path.join(dir, 'p.fleetplan');
    expect(fleetplan('init', plan, '--catalog', catalogFile(dir)).code).toBe(0);
    expect(fleetplan('set', plan, 'max_utilization=0.8').code).toBe(0);
    expect(fleetplan('scenario', plan, 'new', 'Lean', '--from', 'Base').code).toBe(0);
    // said as stored: trimmed
    // creating does not switch, and says so: the commands that follow still act on Base
    expect(fleetplan('scenario', plan, 'new', ' Fresh ').out).toBe('created scenario Fresh\nactive scenario is still Base; `fleetplan scenario PLAN use Fresh` to work on the new one\n');
    const dup = fleetplan('scenario', plan, 'new', 'Lean');
    expect(dup.code).toBe(2);
    expect(dup.err).toMatch(/already exists/);
    expect(fleetplan('scenario', plan, 'use', 'Lean').code).toBe(0);
    const list = fleetplan('scenario', plan, 'list');
    expect(list.code).toBe(0);
    expect(list.out.split('\n').filter(Boolean).map((l) => l.split('\t')[0])).toEqual(['  Base', '* Lean', '  Fresh']);
    let d = inspect(plan);
    expect(d.settings.max_utilization).toBe(0.8); // Lean is active and has Base's settings
    d.close();
    expect(fleetplan('scenario', plan, 'use', 'Fresh').code).toBe(0);
    d = inspect(plan);
    expect(d.settings.max_utilization).toBe(1);
    d.close();
    const unknown = fleetplan('scenario', plan, 'use', 'Nope');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/no scenario named "Nope"/);
    expect(fleetplan('scenario', plan, 'rename', 'x').code).toBe(2);
    expect(fleetplan('scenario', plan, 'rename', 'Lean', 'Fresh').err).toMatch(/a scenario named "Fresh" already exists/);
    const renamed = fleetplan('scenario', plan, 'rename', 'Fresh', 'Fresh 2027');
    expect(renamed.code).toBe(0);
    expect(renamed.out).toMatch(/renamed scenario Fresh to Fresh 2027/);
    expect(fleetplan('scenario', plan, 'list').out).toMatch(/\* Fresh 2027\t/);
  });

  it('refuses a document written by a newer FleetPlan with exit 2 and the versions', () => {
    const dir = tempDir();
    const plan = path.join(dir, 'p.fleetplan');
    expect(fleetplan('init', plan, '--catalog', catalogFile(dir)).code).toBe(0);
    const db = new Database(plan);
    db.pragma('user_version = 990');
    db.close();
    const r = fleetplan('scenario', plan, 'list');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/was written by a newer FleetPlan \(schema 990, this app knows \d+\)/);
  });

  it('a closed stdout pipe (| head) ends quietly, without an EPIPE stack', () => {
    const dir = tempDir();
    const plan = path.join(dir, 'p.fleetplan');
    expect(fleetplan('init', plan, '--catalog', catalogFile(dir)).code).toBe(0);
    const sites = path.join(dir, 's.csv');
    fs.writeFileSync(sites, 'name,it_power_kw,racks\n' + Array.from({ length: 20_000 }, (_, i) => `site ${i},100,2\n`).join(''));
    expect(fleetplan('import', plan, '--sites', sites).code).toBe(0);
    const r = spawnSync('bash', ['-c', `node "${BIN}" export "${plan}" --sites - | head -1; echo "rc=\${PIPESTATUS[0]}" >&2`], { env, encoding: 'utf8', timeout: 60_000 });
    expect(r.stdout.trim()).toMatch(/^name,/);
    expect(r.stderr).not.toMatch(/EPIPE|Error|at /);
    expect(r.stderr).toMatch(/rc=0/);
  });

  it('refuses unknown commands and options with exit 2', () => {
    expect(fleetplan('frobnicate').code).toBe(2);
    const r = fleetplan('init', 'x.fleetplan', '--demoo');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--demoo/);
  });

  it('serve prints a tokenised loopback URL, answers with the token, and stops on SIGTERM', async () => {
    const dir = tempDir();
    const plan = path.join(dir, 'p.fleetplan');
    expect(fleetplan('init', plan, '--catalog', catalogFile(dir)).code).toBe(0);
    const child = spawn('node', [BIN, 'serve', plan], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{64})/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
    });
    const u = new URL(url);
    const token = u.searchParams.get('token')!;
    const noToken = await fetch(new URL('/api/document-info', u), { method: 'POST', body: '{}' });
    expect(noToken.status).toBe(401);
    const res = await fetch(new URL('/api/document-info', u), { method: 'POST', body: '{}', headers: { 'x-fleet-token': token } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, value: { fileName: 'p.fleetplan', activeScenario: 'Base' } });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
