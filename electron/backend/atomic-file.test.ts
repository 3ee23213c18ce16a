// Temporaries of killed writers are removed at the next open or write in their folder; those of
// live processes (and files that only look alike) are kept.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Backend } from './backend.ts';
import { removeStaleTemps, tempPathFor, writeFileAtomic } from './atomic-file.ts';
import { stubSeed, tempDir } from './test-helpers.ts';

/** The pid of a process that has exited (a short child, waited for). */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

describe('temporary files', () => {
  it('removes temporaries of dead processes only', () => {
    const dir = tempDir();
    const dead = deadPid();
    const stale = [`plan.fleetplan.tmp-${dead}-1`, `plan.fleetplan.tmp-${dead}-1-wal`, `out.pdf.tmp-${dead}-7`, `w.csv.tmp-${dead}`];
    const kept = [`plan.fleetplan.tmp-${process.pid}-1`, `notes.tmp-${dead}`, 'plan.fleetplan', `x.csv.tmp-abc`];
    for (const f of [...stale, ...kept]) fs.writeFileSync(path.join(dir, f), 'x');
    expect(removeStaleTemps(dir).sort()).toEqual([...stale].sort());
    expect(fs.readdirSync(dir).sort()).toEqual([...kept].sort());
  });

  it('writes through a temporary and leaves nothing but the target, also when the write fails', () => {
    const dir = tempDir();
    const target = path.join(dir, 'a.csv');
    writeFileAtomic(target, 'one');
    expect(fs.readFileSync(target, 'utf8')).toBe('one');
    // renaming onto a folder fails: the temporary is removed, the folder untouched
    fs.mkdirSync(path.join(dir, 'b.csv'));
    expect(() => writeFileAtomic(path.join(dir, 'b.csv'), 'two')).toThrow();
    expect(fs.readdirSync(dir).sort()).toEqual(['a.csv', 'b.csv']);
    expect(tempPathFor(target)).not.toBe(tempPathFor(target));
  });

  it('opening a document removes what a killed init or save left beside it', async () => {
    const dir = tempDir();
    const dead = deadPid();
    const b = new Backend({ userDataDir: path.join(dir, 'user'), seed: stubSeed });
    await b.create(path.join(dir, 'p.fleetplan'));
    b.close();
    const left = [`p.fleetplan.tmp-${dead}-5`, `p.fleetplan.tmp-${dead}-5-wal`, `q.fleetplan.tmp-${dead}-9`];
    for (const f of left) fs.writeFileSync(path.join(dir, f), 'half');
    b.open(path.join(dir, 'p.fleetplan'));
    expect(fs.readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
    // save-as writes a temporary and renames it: the copy opens, no temporary remains
    b.saveAs(path.join(dir, 'copy.fleetplan'));
    expect(b.doc.path).toBe(path.join(dir, 'copy.fleetplan'));
    expect(fs.readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
    await b.dispose();
  });
});
