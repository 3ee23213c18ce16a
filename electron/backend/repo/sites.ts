// Site repository (DESIGN 3.4): liquid_cooling stored as 0/1.
import { FleetError } from '../../../core/api.ts';
import { SiteSchema, type Site, type SiteInput } from '../../../core/types.ts';
import type { Db } from '../db.ts';
import type { InsertOptions, InsertResult, OnDuplicate } from './workloads.ts';
import { stmt } from './stmt.ts';
import { timed } from './timing.ts';

const COLS = [
  'name', 'it_power_kw', 'racks', 'rack_units', 'rack_kw', 'liquid_cooling', 'pue', 'usd_per_kwh', 'usd_per_rack_month',
] as const;
type Row = Omit<Site, 'liquid_cooling'> & { liquid_cooling: number };
const toRow = (s: Site): Row => ({ ...s, liquid_cooling: s.liquid_cooling ? 1 : 0 });
const fromRow = (r: Row): Site => ({ ...r, liquid_cooling: r.liquid_cooling === 1 });

const SELECT = `SELECT ${COLS.join(', ')} FROM sites`;
const INSERT = `INSERT INTO sites (${COLS.join(', ')}) VALUES (${COLS.map((c) => '@' + c).join(', ')})`;
const UPDATE_BY_NAME = `UPDATE sites SET ${COLS.map((c) => `${c} = @${c}`).join(', ')} WHERE name = @__key`;
/** An UPDATE of only the given columns (an import's file columns); all of them when not given. */
const updateOf = (columns?: readonly string[]) =>
  columns ? `UPDATE sites SET ${COLS.filter((c) => c === 'name' || columns.includes(c)).map((c) => `${c} = @${c}`).join(', ')} WHERE name = @__key` : UPDATE_BY_NAME;

export function listSites(db: Db): Site[] {
  return timed('listSites', () => (stmt(db, `${SELECT} ORDER BY id`).all() as Row[]).map(fromRow));
}

export function getSite(db: Db, name: string): Site | undefined {
  const r = stmt(db, `${SELECT} WHERE name = ?`).get(name) as Row | undefined;
  return r && fromRow(r);
}

/** The names in the document, in no particular order. */
export function siteNames(db: Db): string[] {
  return stmt(db, 'SELECT name FROM sites').pluck().all() as string[];
}

export function countSites(db: Db): number {
  return (stmt(db, 'SELECT count(*) AS n FROM sites').get() as { n: number }).n;
}

export function upsertSite(db: Db, input: SiteInput, originalName?: string): Site {
  const s = SiteSchema.parse(input);
  return timed('upsertSite', () =>
    db.transaction(() => {
      if (originalName && originalName !== s.name && getSite(db, s.name)) {
        throw new FleetError('conflict', `a site named "${s.name}" already exists`, { field: 'site.name' });
      }
      const r = stmt(db, UPDATE_BY_NAME).run({ ...toRow(s), __key: originalName ?? s.name });
      if (r.changes === 0) {
        if (originalName && originalName !== s.name) throw new FleetError('not_found', `no site named "${originalName}"`);
        stmt(db, INSERT).run(toRow(s));
      }
      return s;
    })(),
  );
}

/** Bulk insert; on a duplicate name: error, update (only `columns` when given) or skip. See InsertResult. */
export function insertSites(
  db: Db,
  sites: Site[],
  onDuplicate: OnDuplicate = 'error',
  { columns, keepBefore = false }: InsertOptions = {},
): InsertResult<Site> {
  return timed(`insertSites(${sites.length})`, () =>
    db.transaction(() => {
      const ins = stmt(db, INSERT);
      const upd = stmt(db, updateOf(columns));
      const exists = stmt(db, 'SELECT 1 FROM sites WHERE name = ?').pluck();
      const read = stmt(db, `${SELECT} WHERE name = ?`);
      const keep = keepBefore && onDuplicate === 'update';
      const out: InsertResult<Site> = { inserted: 0, updated: 0, skipped: 0, insertedNames: [], before: [] };
      for (const s of sites) {
        const had = keep ? (read.get(s.name) as Row | undefined) : exists.get(s.name);
        if (had) {
          if (onDuplicate === 'error') throw new FleetError('conflict', `a site named "${s.name}" already exists`, { name: s.name });
          if (onDuplicate === 'skip') out.skipped++;
          else {
            if (keep) out.before.push(fromRow(had as Row));
            upd.run({ ...toRow(s), __key: s.name });
            out.updated++;
          }
        } else {
          ins.run(toRow(s));
          out.inserted++;
          out.insertedNames.push(s.name);
        }
      }
      return out;
    })(),
  );
}

export function deleteSites(db: Db, names: string[]): Site[] {
  return timed('deleteSites', () =>
    db.transaction(() => {
      const out: Site[] = [];
      for (const n of names) {
        const s = getSite(db, n);
        if (s && stmt(db, 'DELETE FROM sites WHERE name = ?').run(n).changes) out.push(s);
      }
      return out;
    })(),
  );
}
