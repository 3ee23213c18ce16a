// Stale writes: two backends on one document (two windows, or a window and another process);
// a write based on an older revision is refused, naming what changed, and writes nothing.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ApiName, ApiResponse } from '../../core/api.ts';
import type { ChangeEvent } from '../../core/changes.ts';
import { dispatcherFor } from './api-handlers.ts';
import { CHANGES_SINCE_SQL } from './repo/changes.ts';
import { Backend } from './backend.ts';
import { manyWorkloads } from './report.test-helper.ts';
import { WorkloadSchema } from '../../core/types.ts';
import { stubSeed, tempDir } from './test-helpers.ts';

async function twoWindows() {
  const dir = tempDir();
  const file = path.join(dir, 'plan.fleetplan');
  const a = new Backend({ userDataDir: path.join(dir, 'ua'), seed: stubSeed });
  const b = new Backend({ userDataDir: path.join(dir, 'ub'), seed: stubSeed });
  const callA = dispatcherFor(a);
  const callB = dispatcherFor(b);
  expect((await callA('document-new', { path: file, demo: true })).ok).toBe(true);
  expect((await callB('document-open', { path: file })).ok).toBe(true);
  return { file, a, b, callA, callB };
}

function revisionOf(r: ApiResponse<ApiName>): number {
  expect(r.ok).toBe(true);
  expect(typeof (r as { revision?: number }).revision).toBe('number');
  return (r as { revision: number }).revision;
}

function errorOf(r: ApiResponse<ApiName>) {
  if (r.ok) throw new Error('expected a refusal');
  return r.error;
}

describe('revisions: a stale write is refused and writes nothing', () => {
  it('refuses settings saved from a stale window, naming the setting and both values', async () => {
    const { file, a, b, callA, callB } = await twoWindows();
    const seenByB = revisionOf(await callB('settings-get', {}));
    expect((await callA('settings-set', { patch: { time_limit_s: 120 } })).ok).toBe(true);
    const before = fs.readFileSync(file);
    const walBefore = fs.readFileSync(`${file}-wal`);
    const r = await callB('settings-set', { patch: { time_limit_s: 30, discount_rate_pct: 9 }, scenario: 'Base', baseRevision: seenByB });
    const e = errorOf(r);
    expect(e.code).toBe('conflict');
    expect(e.message).toMatch(/scenario "Base" was changed since this window read it: time limit \d+ → 120 s; reload to see it/);
    expect((e.details as { reason: string }).reason).toBe('stale');
    const settings = await callA('settings-get', {});
    expect(settings.ok && settings.value.time_limit_s).toBe(120);
    expect(settings.ok && settings.value.discount_rate_pct).not.toBe(9);
    // nothing written: the file and its log are byte-identical
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.readFileSync(`${file}-wal`).equals(walBefore)).toBe(true);
    // fresh revision: accepted
    const fresh = revisionOf(await callB('settings-get', {}));
    expect((await callB('settings-set', { patch: { time_limit_s: 30 }, scenario: 'Base', baseRevision: fresh })).ok).toBe(true);
    await a.dispose();
    await b.dispose();
  });

  it('never writes one scenario settings into another the other window switched to', async () => {
    const { a, b, callA, callB } = await twoWindows();
    const rev = revisionOf(await callB('scenario-list', {}));
    expect((await callA('scenario-new', { name: 'Alt' })).ok).toBe(true);
    expect((await callA('scenario-use', { name: 'Alt' })).ok).toBe(true);
    // B still shows Base and saves Base: the write goes to Base, not to the now-active Alt
    expect((await callB('settings-set', { patch: { discount_rate_pct: 11 }, scenario: 'Base', baseRevision: rev })).ok).toBe(true);
    const alt = await callA('scenario-list', {});
    const byName = Object.fromEntries((alt.ok ? alt.value : []).map((s) => [s.name, s.settings.discount_rate_pct]));
    expect(byName.Base).toBe(11);
    expect(byName.Alt).not.toBe(11);
    await a.dispose();
    await b.dispose();
  });

  it('refuses a stale workload edit, rename target, delete and undo; accepts a row changed and changed back', async () => {
    const { a, b, callA, callB } = await twoWindows();
    const list = await callB('workload-list', {});
    const rev = revisionOf(list);
    const chat = (list.ok ? list.value : []).find((w) => w.name === 'chat')!;
    expect((await callA('workload-upsert', { workload: { ...chat, avg_output_tps: 7000 }, originalName: 'chat' })).ok).toBe(true);

    const edit = errorOf(await callB('workload-upsert', { workload: { ...chat, peak_to_avg: 3 }, originalName: 'chat', baseRevision: rev }));
    expect(edit.message).toMatch(/workload "chat" was changed since this window read it: avg output 5000 → 7000 tokens\/s; reload/);
    const del = errorOf(await callB('workload-delete', { names: ['chat'], baseRevision: rev }));
    expect(del.code).toBe('conflict');
    // a name another window created meanwhile is not silently overwritten by a "new" row
    expect((await callA('workload-upsert', { workload: { ...chat, name: 'batch' } })).ok).toBe(true);
    const add = errorOf(await callB('workload-upsert', { workload: { ...chat, name: 'batch' }, baseRevision: rev }));
    expect(add.message).toMatch(/workload "batch" was added since this window read the document/);
    const now = await callA('workload-list', {});
    const chatNow = (now.ok ? now.value : []).find((w) => w.name === 'chat')!;
    expect(chatNow.avg_output_tps).toBe(7000);
    expect(chatNow.peak_to_avg).toBe(chat.peak_to_avg);

    // voice changed and changed back: nothing B read was lost, its edit goes through
    const voice = (list.ok ? list.value : []).find((w) => w.name === 'voice')!;
    await callA('workload-upsert', { workload: { ...voice, avg_output_tps: 1 }, originalName: 'voice' });
    await callA('workload-upsert', { workload: voice, originalName: 'voice' });
    expect((await callB('workload-upsert', { workload: { ...voice, endpoints: 3 }, originalName: 'voice', baseRevision: rev })).ok).toBe(true);

    // deleted elsewhere: named as deleted
    await callA('workload-delete', { names: ['voice'] });
    const gone = errorOf(await callB('workload-upsert', { workload: voice, originalName: 'voice', baseRevision: rev }));
    expect(gone.message).toMatch(/workload "voice" was deleted since this window read it/);
    await a.dispose();
    await b.dispose();
  });

  it('undoes a bulk delete of 2,000 workloads in place, and refuses it naming the one row reused or renamed since', async () => {
    const { a, b, callA, callB } = await twoWindows();
    const many = manyWorkloads(2000).map((w) => WorkloadSchema.parse(w));
    expect((await callA('workload-restore', { workloads: many })).ok).toBe(true);
    const listed = await callB('workload-list', {});
    const before = listed.ok ? listed.value : [];
    const names = before.map((w) => w.name);
    const del = await callB('workload-delete', { names, baseRevision: revisionOf(listed) });
    if (!del.ok) throw new Error('delete refused');
    const afterDelete = revisionOf(await callB('workload-list', {}));

    // another window reuses one name among them: the undo names it and writes nothing
    const reused = many[1234]!;
    expect((await callA('workload-upsert', { workload: { ...reused, avg_output_tps: 3 } })).ok).toBe(true);
    const refused = errorOf(await callB('workload-restore', { workloads: del.value.deleted, positions: del.value.positions, baseRevision: afterDelete }));
    expect(refused.message).toBe(`the workload "${reused.name}" was added since this window read the document; reload to see it`);
    expect(refused.details).toMatchObject({ kind: 'workload', key: reused.name });
    const one = await callB('workload-list', {});
    expect((one.ok ? one.value : []).map((w) => w.name)).toEqual([reused.name]);

    // renamed away: the old name is told where it went
    expect((await callA('workload-upsert', { workload: { ...reused, name: 'moved' }, originalName: reused.name })).ok).toBe(true);
    const renamed = errorOf(await callB('workload-upsert', { workload: reused, originalName: reused.name, baseRevision: revisionOf(one) }));
    expect(renamed.message).toBe(`the workload "${reused.name}" was renamed to "moved" since this window read it; reload to see it`);

    // deleted again: the undo based on the latest revision puts every row back where it stood
    const last = await callA('workload-delete', { names: ['moved'] });
    expect(last.ok).toBe(true);
    const fresh = revisionOf(await callB('workload-list', {}));
    expect(await callB('workload-restore', { workloads: del.value.deleted, positions: del.value.positions, baseRevision: fresh })).toMatchObject({ ok: true, value: { restored: names.length } });
    const back = await callB('workload-list', {});
    expect(back.ok && back.value).toEqual(before);
    await a.dispose();
    await b.dispose();
  });

  it('refuses stale site, catalog option and scenario deletes', async () => {
    const { a, b, callA, callB } = await twoWindows();
    const rev = revisionOf(await callB('site-list', {}));
    const sites = await callA('site-list', {});
    const site = (sites.ok ? sites.value : [])[0]!;
    await callA('site-upsert', { site: { ...site, racks: site.racks + 5 }, originalName: site.name });
    expect(errorOf(await callB('site-delete', { names: [site.name], baseRevision: rev })).message).toMatch(/site "dc-1" was changed.*racks 20 → 25/);
    const cat = await callA('catalog-get', {});
    const opt = (cat.ok ? cat.value.options : [])[0]!;
    await callA('option-upsert', { option: { ...opt, name: 'renamed' } });
    expect(errorOf(await callB('option-delete', { ids: [opt.id], baseRevision: rev })).message).toMatch(/catalog option "hgx-h100" was changed/);
    await callA('scenario-new', { name: 'Alt' });
    const rev2 = revisionOf(await callB('scenario-list', {}));
    expect(await callA('settings-set', { patch: { time_limit_s: 77 }, scenario: 'Alt' })).toMatchObject({ ok: true });
    expect(errorOf(await callB('scenario-delete', { name: 'Alt', baseRevision: rev2 })).message).toMatch(/time limit \d+ → 77 s/);
    expect((await callB('scenario-delete', { name: 'Alt' })).ok).toBe(true);
    await a.dispose();
    await b.dispose();
  });

  it('tells a window a change made by the other (change events), including the kinds that changed', async () => {
    const { a, b, callA, callB } = await twoWindows();
    const events: ChangeEvent[] = [];
    const off = b.changes.subscribe((e) => events.push(e));
    await callA('settings-set', { patch: { time_limit_s: 99 } });
    await callA('site-list', {});
    b.changes.check(); // what the poll does every second
    expect(events.at(-1)).toMatchObject({ kinds: ['scenario'], document: false });
    const list = await callB('workload-list', {});
    const w = (list.ok ? list.value : [])[0]!;
    await callB('workload-upsert', { workload: { ...w, endpoints: 2 }, originalName: w.name });
    expect(events.at(-1)?.kinds).toEqual(['workload']);
    await callB('document-new', { path: path.join(path.dirname(a.doc.path), 'other.fleetplan') });
    expect(events.at(-1)?.document).toBe(true);
    off();
    expect(b.changes.listeners).toBe(0);
    await a.dispose();
    await b.dispose();
  });

  it('reads the log since a revision by its key range and filters the kinds in SQL; a stale site write behind a bulk workload edit is still refused', async () => {
    const { a, b, callA, callB } = await twoWindows();
    const plan = a.db.prepare(`EXPLAIN QUERY PLAN ${CHANGES_SINCE_SQL}`).all(0, '["site"]') as { detail: string }[];
    const details = plan.map((r) => r.detail).join(' | ');
    // the range of revisions, not every logged change of the kind (the (kind, key) index) sorted
    expect(details).toMatch(/USING INTEGER PRIMARY KEY \(rowid>\?\)/);
    expect(details).not.toMatch(/changes_key|TEMP B-TREE/);
    const seenByB = revisionOf(await callB('site-list', {}));
    const sites = await callA('site-list', {});
    if (!sites.ok) throw new Error(sites.error.message);
    const site = sites.value[0]!;
    expect((await callA('site-upsert', { site: { ...site, racks: site.racks + 1 }, originalName: site.name })).ok).toBe(true);
    a.db.prepare('UPDATE workloads SET avg_output_tps = avg_output_tps * 2').run();
    const err = errorOf(await callB('site-upsert', { site: { ...site, pue: 1.5 }, originalName: site.name, baseRevision: seenByB }));
    expect(err.message).toMatch(new RegExp(`the site "${site.name}" was changed since this window read it: racks`));
    await a.dispose();
    await b.dispose();
  });
});
