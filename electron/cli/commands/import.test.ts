// `fleetplan import` / `fleetplan export` in process: exit codes (0 / 2), stderr lines
// "F.csv:LINE: column: reason", the summary, --accept valid, --on-duplicate, round trips.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createDocument, openDocument } from '../../backend/document.ts';
import { listSites } from '../../backend/repo/sites.ts';
import { listWorkloads } from '../../backend/repo/workloads.ts';
import { setSlowQueryClock } from '../../backend/repo/timing.ts';
import { stubCatalog, stubSeed, tempDir } from '../../backend/test-helpers.ts';
import { main } from '../main.ts';

async function setup() {
  const dir = tempDir();
  const plan = path.join(dir, 'p.fleetplan');
  (await createDocument(plan, { seed: stubSeed })).db.close();
  const write = (name: string, text: string) => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, text);
    return f;
  };
  const runEnv = async (env: NodeJS.ProcessEnv, ...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l), env });
    return { code, out, err };
  };
  const run = (...argv: string[]) => runEnv({}, ...argv);
  return { dir, plan, write, run, runEnv };
}

describe('fleetplan import / export', () => {
  it('any bad row: nothing imported, exit 2, errors as F.csv:LINE: column: reason', async () => {
    const { plan, write, run } = await setup();
    const f = write('w.csv', 'name,model,avg_output_tps\nok,llama-3.3-70b,5\nbad,llama-3.3-70b,abc\n');
    const r = await run('import', plan, '--workloads', f);
    expect(r.code).toBe(2);
    expect(r.err[0]).toBe(`${f}:3: avg_output_tps: not a number (got 'abc')`);
    expect(r.err.at(-1)).toMatch(/1 of 2 rows rejected; nothing imported/);
    expect(r.out).toEqual([]);
    const exp = await run('export', plan, '--workloads', path.join(path.dirname(f), 'out.csv'));
    expect(exp.out[0]).toMatch(/0 workloads exported/);
  });

  it('--accept valid imports the rest and prints the summary (exit 0)', async () => {
    const { plan, write, run } = await setup();
    const f = write('w.csv', 'name,model,avg_output_tps\nok,llama-3.3-70b,5\nbad,llama-3.3-70b,abc\n');
    const r = await run('import', plan, '--workloads', f, '--accept', 'valid');
    expect(r.code).toBe(0);
    expect(r.out).toEqual([`${f}: workloads added 1, updated 0, skipped 0, rejected 1`]);
    expect(r.err).toEqual([`${f}:3: avg_output_tps: not a number (got 'abc')`]);
  });

  it('duplicates: error by default, then update or skip', async () => {
    const { plan, write, run } = await setup();
    const f = write('s.csv', 'Site;IT power (kW);Racks\nA;1.000,5;10\n');
    expect((await run('import', plan, '--sites', f)).code).toBe(0);
    const again = await run('import', plan, '--sites', f);
    expect(again.code).toBe(2);
    expect(again.err[0]).toBe(`${f}:2: name: 'A' is already in the document (use --on-duplicate update or skip)`);
    expect((await run('import', plan, '--sites', f, '--on-duplicate', 'skip')).out[0]).toMatch(/added 0, updated 0, skipped 1/);
    expect((await run('import', plan, '--sites', f, '--on-duplicate', 'update')).out[0]).toMatch(/added 0, updated 1, skipped 0/);
    expect((await run('import', plan, '--sites', f, '--on-duplicate', 'sometimes')).code).toBe(2);
  });

  it('--on-duplicate update takes a file of only name and the columns to change; a new name in it refuses the file (unchanged)', async () => {
    const { plan, write, run } = await setup();
    const full = write('w.csv', 'name,model,avg_output_tps,peak_to_avg,max_latency_ms\nchat-eu,llama-3.3-70b,800,1.5,4000\nchat-us,llama-3.3-70b,900,1.5,4000\n');
    expect((await run('import', plan, '--workloads', full)).code).toBe(0);
    const rows = () => {
      const doc = openDocument(plan);
      try {
        return listWorkloads(doc.db);
      } finally {
        doc.db.close();
      }
    };
    const before = rows();
    const upd = write('u.csv', 'name,peak_to_avg\nchat-eu,2.5\n');
    // without update the header still lacks required columns
    const refused = await run('import', plan, '--workloads', upd);
    expect(refused.code).toBe(2);
    expect(refused.err[0]).toMatch(/^.*u\.csv:1: missing required column 'model'/);
    const r = await run('import', plan, '--workloads', upd, '--on-duplicate', 'update');
    expect(r).toMatchObject({ code: 0, out: [`${upd}: workloads added 0, updated 1, skipped 0, rejected 0`] });
    expect(rows()).toEqual([{ ...before[0]!, peak_to_avg: 2.5 }, before[1]]);
    // a new name lacks model and avg_output_tps: line and field named, and the document is byte-identical
    const hash = () => crypto.createHash('sha256').update(fs.readFileSync(plan)).digest('hex');
    const h = hash();
    const mixed = write('m.csv', 'name,peak_to_avg\nchat-us,3\nchat-apac,2\n');
    const bad = await run('import', plan, '--workloads', mixed, '--on-duplicate', 'update');
    expect(bad.code).toBe(2);
    expect(bad.err.filter((l) => !l.startsWith('warning: '))).toEqual([
      `${mixed}:3: model: required for a new workload (the file has no model column)`,
      `${mixed}:3: avg_output_tps: required for a new workload (the file has no avg_output_tps column)`,
      `${mixed}: 1 of 2 rows rejected; nothing imported (use --accept valid to import the one valid row)`,
    ]);
    expect(hash()).toBe(h);
    // --accept valid updates the existing one alone; sites likewise
    expect((await run('import', plan, '--workloads', mixed, '--on-duplicate', 'update', '--accept', 'valid')).out[0]).toMatch(/added 0, updated 1, skipped 0, rejected 1/);
    expect(rows()[1]).toEqual({ ...before[1]!, peak_to_avg: 3 });
    expect((await run('import', plan, '--sites', write('s.csv', 'name,it_power_kw,racks,pue\nhq,500,10,1.5\n'))).code).toBe(0);
    expect((await run('import', plan, '--sites', write('s2.csv', 'name,pue\nhq,1.2\n'), '--on-duplicate', 'update')).code).toBe(0);
    const doc = openDocument(plan);
    expect(listSites(doc.db)).toMatchObject([{ name: 'hq', it_power_kw: 500, racks: 10, pue: 1.2 }]);
    doc.db.close();
  });

  it('several files are one transaction: a bad second file undoes the first', async () => {
    const { dir, plan, write, run } = await setup();
    const s = write('s.csv', 'name,it_power_kw,racks\nA,100,2\n');
    const w = write('w.csv', 'name,model,avg_output_tps\nx,nope,1\n');
    const r = await run('import', plan, '--sites', s, '--workloads', w);
    expect(r.code).toBe(2);
    expect(r.err[0]).toMatch(/w\.csv:2: model: unknown model 'nope'/);
    const out = path.join(dir, 'sites-out.csv');
    await run('export', plan, '--sites', out);
    expect(fs.readFileSync(out, 'utf8').trim().split('\r\n')).toHaveLength(1); // header only
  });

  it('export → import of workloads, sites and the catalog round-trips; bad catalog paths are named', async () => {
    const { dir, plan, write, run } = await setup();
    const w = write('w.csv', 'name,model,avg_output_tps,tiers\n"=1+1, really",llama-3.3-70b,"1,500.5",premium|edge\n');
    expect((await run('import', plan, '--workloads', w)).code).toBe(0);
    const [wo, so, co] = ['w2.csv', 's2.csv', 'c2.json'].map((n) => path.join(dir, n)) as [string, string, string];
    const e = await run('export', plan, '--workloads', wo, '--sites', so, '--catalog', co);
    expect(e.code).toBe(0);
    expect(fs.readFileSync(wo, 'utf8')).toContain(`"'=1+1, really",llama-3.3-70b,1500.5,`);
    const re = await run('import', plan, '--workloads', wo, '--catalog', co, '--on-duplicate', 'update');
    expect(re.code).toBe(0);
    expect(re.out).toEqual([
      `${co}: 0 options added, 0 replaced, 4 unchanged; models: 0 added, 0 replaced, 2 unchanged`,
      `${wo}: workloads added 0, updated 1, skipped 0, rejected 0`,
    ]);
    const bad = JSON.parse(fs.readFileSync(co, 'utf8'));
    bad.options[0].performance[0].points[1].unit_tps = -1;
    const bc = write('bad.json', JSON.stringify(bad));
    const rb = await run('import', plan, '--catalog', bc);
    expect(rb.code).toBe(2);
    expect(rb.err).toContain(`${bc}:1: options[0].performance[0].points[1].unit_tps: must be > 0`);
    expect((await run('import', plan, '--workloads', path.join(dir, 'missing.csv'))).err[0]).toMatch(/missing\.csv: no such file/);
  });

  it('--on-duplicate update overwrites only the columns the file has', async () => {
    const { dir, plan, write, run } = await setup();
    const full = write('w.csv', 'name,model,avg_output_tps,peak_to_avg,placement,endpoints\nchat,llama-3.3-70b,5,3,onprem,40\n');
    expect((await run('import', plan, '--workloads', full)).code).toBe(0);
    const part = write('w2.csv', 'name,avg_output_tps,model\nchat,9,llama-3.3-70b\n');
    expect((await run('import', plan, '--workloads', part, '--on-duplicate', 'update')).out[0]).toMatch(/updated 1/);
    const out = path.join(dir, 'out.csv');
    await run('export', plan, '--workloads', out);
    const [head, row] = fs.readFileSync(out, 'utf8').split('\r\n') as [string, string];
    const rec = Object.fromEntries(head.split(',').map((h, i) => [h, row.split(',')[i]]));
    expect(rec).toMatchObject({ avg_output_tps: '9', peak_to_avg: '3', placement: 'onprem', endpoints: '40' });
  });

  it('export F = - writes the file to stdout and the summary to stderr', async () => {
    const { dir, plan, write, run } = await setup();
    expect((await run('import', plan, '--sites', write('s.csv', 'name,it_power_kw,racks\nA,100,2\n'))).code).toBe(0);
    const r = await run('export', plan, '--sites', '-');
    expect(r.code).toBe(0);
    expect(r.out.join('\n').split('\r\n')[1]).toMatch(/^A,100,2,/);
    expect(r.err).toEqual(['stdout: 1 site exported']);
    expect(fs.existsSync(path.join(dir, '-'))).toBe(false);
    expect(fs.existsSync('-')).toBe(false);
    expect((await run('export', plan, '--sites', '-', '--workloads', '-')).code).toBe(2);
  });

  it('init --catalog prints the catalog warnings', async () => {
    const { dir, write, run } = await setup();
    const cat = structuredClone(stubCatalog);
    cat.models[0]!.active_params_b = 700;
    const f = write('cat.json', JSON.stringify(cat));
    const r = await run('init', path.join(dir, 'n.fleetplan'), '--catalog', f);
    expect(r.code).toBe(0);
    expect(r.err).toEqual([`warning: ${f}:1: models[0].active_params_b: is larger than params_b (70)`]);
  });

  it('names the command once in an option error', async () => {
    const { plan, run } = await setup();
    const r = await run('set', plan, '--help');
    expect(r.code).toBe(2);
    expect(r.err[0]).toMatch(/^fleetplan set: Unknown option '--help'/);
    expect(r.err[0]).not.toMatch(/fleetplan set: fleetplan set/);
    expect((await run('set', plan, 'page_size=a4')).out).toEqual(['Base: page_size = A4']);
    expect((await run('set', plan, 'page_size=B5')).err).toEqual(['fleetplan set: page_size: must be A4 or Letter (got B5)']);
  });

  it('slow-query timings reach stderr only with FLEETPLAN_DEBUG', async () => {
    const { dir, plan, runEnv } = await setup();
    let t = 0;
    setSlowQueryClock(() => (t += 100)); // every repository call looks slow
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const quiet = await runEnv({}, 'export', plan, '--sites', path.join(dir, 'a.csv'));
      expect(quiet.code).toBe(0);
      expect(quiet.err).toEqual([]);
      expect(warn).not.toHaveBeenCalled();
      const loud = await runEnv({ FLEETPLAN_DEBUG: '1' }, 'export', plan, '--sites', path.join(dir, 'b.csv'));
      expect(loud.err.some((l) => /^\[fleetplan\] slow query /.test(l))).toBe(true);
    } finally {
      warn.mockRestore();
      setSlowQueryClock(() => performance.now());
    }
  });
});
