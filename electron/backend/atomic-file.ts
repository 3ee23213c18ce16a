// Files FleetPlan writes (documents, PDFs, CSV/JSON/LP exports) are written to a temporary
// sibling named `<target>.tmp-<pid>-<n>` and renamed into place: a reader never sees half a file.
// A process killed mid-write leaves its temporary behind; the next open of a document or write
// into that folder removes those of processes no longer running (never another live process's).
import fs from 'node:fs';
import path from 'node:path';

/** `<target>.tmp-<pid>-<n>` plus the SQLite side files of a temporary document. */
const TEMP_RE = /\.(?:fleetplan|pdf|csv|json|lp|txt)\.tmp-(\d+)(?:-\d+)?(?:-wal|-shm|-journal)?$/i;

let counter = 0;

/** A fresh temporary name beside `target`, unique in this process. */
export function tempPathFor(target: string): string {
  return `${path.resolve(target)}.tmp-${process.pid}-${Date.now()}${++counter}`;
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it runs as another user, so it is alive
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes temporaries of dead processes in `dir`; returns the names removed. Never throws. */
export function removeStaleTemps(dir: string): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    const m = TEMP_RE.exec(name);
    if (!m || alive(Number(m[1]))) continue;
    try {
      fs.rmSync(path.join(dir, name), { force: true });
      removed.push(name);
    } catch {
      // a read-only folder keeps them; nothing to do here
    }
  }
  return removed;
}

/**
 * Writes `data` to `target` through a temporary sibling and a rename; on failure the temporary
 * is removed and the error rethrown (the target is untouched). Cleans stale temporaries first.
 */
export function writeFileAtomic(target: string, data: string | Uint8Array): void {
  const abs = path.resolve(target);
  removeStaleTemps(path.dirname(abs));
  const tmp = tempPathFor(abs);
  try {
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, abs);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}
