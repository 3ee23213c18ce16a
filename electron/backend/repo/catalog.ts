// Catalog repository: models, options of the four kinds with their operating points and
// field sources. An option round-trips through OptionSchema unchanged.
import { FleetError } from '../../../core/api.ts';
import {
  OptionSchema,
  type Catalog,
  type CatalogOption,
  type FieldSource,
  type Model,
  type Performance,
} from '../../../core/types.ts';
import type { Db } from '../db.ts';
import { stmt } from './stmt.ts';
import { timed } from './timing.ts';

type OptionRow = {
  id: string;
  name: string;
  vendor: string;
  tier: string;
  kind: string;
  source: string;
  as_of: string;
  available_from: string | null;
  notes: string | null;
  rack_units: number | null;
  max_power_kw: number | null;
  typical_power_kw: number | null;
  cooling: string | null;
  price_usd: number | null;
  support_pct_per_year: number | null;
  lifetime_months: number | null;
  usd_per_hour: number | null;
  usd_per_m_input: number | null;
  usd_per_m_output: number | null;
  inference_via: string | null;
};
type PointRow = { option_id: string; model_id: string; user_tps: number; unit_tps: number | null; ttft_ms: number };
type FieldSourceRow = { option_id: string; field: string; source: string; as_of: string; estimate: number; note: string | null };

const OPTION_COLUMNS = [
  'id', 'name', 'vendor', 'tier', 'kind', 'source', 'as_of', 'available_from', 'notes',
  'rack_units', 'max_power_kw', 'typical_power_kw', 'cooling', 'price_usd', 'support_pct_per_year',
  'lifetime_months', 'usd_per_hour', 'usd_per_m_input', 'usd_per_m_output', 'inference_via',
] as const;
const KIND_FIELDS: Record<CatalogOption['kind'], readonly (keyof OptionRow)[]> = {
  system: ['rack_units', 'max_power_kw', 'typical_power_kw', 'cooling', 'price_usd', 'support_pct_per_year', 'lifetime_months'],
  cloud_instance: ['usd_per_hour'],
  cloud_api: ['usd_per_m_input', 'usd_per_m_output'],
  edge_device: ['price_usd', 'typical_power_kw', 'lifetime_months', 'inference_via'],
};

const UPSERT_OPTION = `INSERT INTO options (${OPTION_COLUMNS.join(', ')})
  VALUES (${OPTION_COLUMNS.map((c) => '@' + c).join(', ')})
  ON CONFLICT (id) DO UPDATE SET ${OPTION_COLUMNS.filter((c) => c !== 'id').map((c) => `${c} = excluded.${c}`).join(', ')}`;

function toRow(o: CatalogOption): OptionRow {
  const row = Object.fromEntries(OPTION_COLUMNS.map((c) => [c, null])) as unknown as OptionRow;
  const src = o as unknown as Record<string, unknown>;
  for (const c of ['id', 'name', 'vendor', 'tier', 'kind', 'source', 'as_of'] as const) (row as Record<string, unknown>)[c] = src[c];
  row.available_from = o.available_from ?? null;
  row.notes = o.notes ?? null;
  for (const c of KIND_FIELDS[o.kind]) (row as Record<string, unknown>)[c] = src[c] ?? null;
  return row;
}

function fromRow(row: OptionRow, performance: Performance[], fieldSources: Record<string, FieldSource> | undefined): CatalogOption {
  const o: Record<string, unknown> = {
    id: row.id,
    name: row.name,
    vendor: row.vendor,
    tier: row.tier,
    kind: row.kind,
    source: row.source,
    as_of: row.as_of,
  };
  if (row.available_from != null) o.available_from = row.available_from;
  if (row.notes != null) o.notes = row.notes;
  if (fieldSources) o.field_sources = fieldSources;
  for (const c of KIND_FIELDS[row.kind as CatalogOption['kind']] ?? []) {
    const v = row[c];
    if (v != null) o[c] = v;
    else if (c === 'inference_via') o[c] = null;
  }
  // schema default until the document stores racks_per_unit (a forward migration adds the column)
  if (row.kind === 'system' && o.racks_per_unit == null) o.racks_per_unit = 1;
  o.performance = performance;
  return o as CatalogOption;
}

function groupPoints(rows: PointRow[]): Map<string, Performance[]> {
  const out = new Map<string, Performance[]>();
  for (const r of rows) {
    let perf = out.get(r.option_id);
    if (!perf) out.set(r.option_id, (perf = []));
    let entry = perf.find((p) => p.model === r.model_id);
    if (!entry) perf.push((entry = { model: r.model_id, units_per_replica: 1, points: [] }));
    entry.points.push(r.unit_tps == null
      ? { user_tps: r.user_tps, unit_tps: null, ttft_ms: r.ttft_ms }
      : { user_tps: r.user_tps, unit_tps: r.unit_tps, ttft_ms: r.ttft_ms });
  }
  return out;
}

function groupFieldSources(rows: FieldSourceRow[]): Map<string, Record<string, FieldSource>> {
  const out = new Map<string, Record<string, FieldSource>>();
  for (const r of rows) {
    let fs = out.get(r.option_id);
    if (!fs) out.set(r.option_id, (fs = {}));
    const v: FieldSource = { source: r.source, as_of: r.as_of, estimate: r.estimate === 1 };
    if (r.note != null) v.note = r.note;
    fs[r.field] = v;
  }
  return out;
}

export function listModels(db: Db): Model[] {
  return timed('listModels', () =>
    stmt(db, 'SELECT id, params_b, active_params_b FROM models ORDER BY rowid').all() as Model[]);
}

export function upsertModel(db: Db, m: Model): void {
  timed('upsertModel', () =>
    stmt(db, `INSERT INTO models (id, params_b, active_params_b) VALUES (@id, @params_b, @active_params_b)
      ON CONFLICT (id) DO UPDATE SET params_b = excluded.params_b, active_params_b = excluded.active_params_b`).run(m));
}

export function listOptions(db: Db): CatalogOption[] {
  return timed('listOptions', () => {
    const rows = stmt(db, `SELECT ${OPTION_COLUMNS.join(', ')} FROM options ORDER BY rowid`).all() as OptionRow[];
    const points = groupPoints(
      stmt(db, 'SELECT option_id, model_id, user_tps, unit_tps, ttft_ms FROM operating_points ORDER BY option_id, seq').all() as PointRow[],
    );
    const fsrc = groupFieldSources(
      stmt(db, 'SELECT option_id, field, source, as_of, estimate, note FROM field_sources ORDER BY option_id, rowid').all() as FieldSourceRow[],
    );
    return rows.map((r) => fromRow(r, points.get(r.id) ?? [], fsrc.get(r.id)));
  });
}

export function getOption(db: Db, id: string): CatalogOption | undefined {
  const row = stmt(db, `SELECT ${OPTION_COLUMNS.join(', ')} FROM options WHERE id = ?`).get(id) as OptionRow | undefined;
  if (!row) return undefined;
  const points = groupPoints(
    stmt(db, 'SELECT option_id, model_id, user_tps, unit_tps, ttft_ms FROM operating_points WHERE option_id = ? ORDER BY seq').all(id) as PointRow[],
  );
  const fsrc = groupFieldSources(
    stmt(db, 'SELECT option_id, field, source, as_of, estimate, note FROM field_sources WHERE option_id = ? ORDER BY rowid').all(id) as FieldSourceRow[],
  );
  return fromRow(row, points.get(id) ?? [], fsrc.get(id));
}

export function getCatalog(db: Db): Catalog {
  return { models: listModels(db), options: listOptions(db) };
}

function writeOption(db: Db, option: CatalogOption, originalId?: string): void {
  if (originalId && originalId !== option.id) {
    if (stmt(db, 'SELECT 1 FROM options WHERE id = ?').get(option.id)) {
      throw new FleetError('conflict', `an option with id "${option.id}" already exists`, { field: 'option.id' });
    }
    // ON UPDATE CASCADE carries points and field sources over to the new id.
    const r = stmt(db, 'UPDATE options SET id = ? WHERE id = ?').run(option.id, originalId);
    if (r.changes === 0) throw new FleetError('not_found', `no option with id "${originalId}"`);
  }
  stmt(db, UPSERT_OPTION).run(toRow(option));
  stmt(db, 'DELETE FROM operating_points WHERE option_id = ?').run(option.id);
  stmt(db, 'DELETE FROM field_sources WHERE option_id = ?').run(option.id);
  const insPoint = stmt(db, `INSERT INTO operating_points (option_id, model_id, seq, user_tps, unit_tps, ttft_ms)
    VALUES (?, ?, ?, ?, ?, ?)`);
  // The edge device with inference_via ignores its own points (DESIGN 3.2) but they are kept.
  let seq = 0;
  for (const perf of option.performance ?? []) {
    for (const p of perf.points) insPoint.run(option.id, perf.model, seq++, p.user_tps, p.unit_tps ?? null, p.ttft_ms);
  }
  const insFs = stmt(db, `INSERT INTO field_sources (option_id, field, source, as_of, estimate, note) VALUES (?, ?, ?, ?, ?, ?)`);
  for (const [field, s] of Object.entries(option.field_sources ?? {})) {
    insFs.run(option.id, field, s.source, s.as_of, s.estimate ? 1 : 0, s.note ?? null);
  }
}

/** Adds or replaces an option (by id; `originalId` renames). Input is validated here too. */
export function upsertOption(db: Db, option: CatalogOption, originalId?: string): CatalogOption {
  const parsed = OptionSchema.parse(option);
  timed('upsertOption', () => db.transaction(() => writeOption(db, parsed, originalId))());
  return parsed;
}

export function deleteOptions(db: Db, ids: string[]): number {
  return timed('deleteOptions', () =>
    db.transaction(() => {
      let n = 0;
      const del = stmt(db, 'DELETE FROM options WHERE id = ?');
      for (const id of ids) n += del.run(id).changes;
      return n;
    })(),
  );
}

/** Catalog import (DESIGN 7): adds or replaces options by id, models by id; one transaction. */
export function importCatalog(db: Db, catalog: Catalog): { models: number; options: number } {
  return timed('importCatalog', () =>
    db.transaction(() => {
      for (const m of catalog.models) upsertModel(db, m);
      for (const o of catalog.options) writeOption(db, o);
      return { models: catalog.models.length, options: catalog.options.length };
    })(),
  );
}

export function catalogCounts(db: Db): { options: number; models: number } {
  const o = stmt(db, 'SELECT count(*) AS n FROM options').get() as { n: number };
  const m = stmt(db, 'SELECT count(*) AS n FROM models').get() as { n: number };
  return { options: o.n, models: m.n };
}
