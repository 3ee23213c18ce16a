// Workloads/sites → CSV (DESIGN 7 columns): comma-separated, '.' decimals, no thousands
// separators, tiers ';'-joined and quoted, CRLF. Text cells that a spreadsheet would run as a
// formula (leading = + - @ tab CR) get a leading "'", which import strips: export∘import = id.
import Papa from 'papaparse';
import type { Site, Workload } from '../types.ts';
import { SITE_COLUMNS, WORKLOAD_COLUMNS, type ColumnSpec } from './columns.ts';

/** Adds one leading ' to a text that starts (after any 's) with = + - @ tab or CR. */
export function neutralise(s: string): string {
  return /^'*[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

function cell(spec: ColumnSpec, v: unknown): string {
  if (v === null || v === undefined) return '';
  switch (spec.kind) {
    case 'text':
    case 'placement':
      return neutralise(String(v));
    case 'tiers':
      return (v as string[]).join(';');
    case 'bool':
      return v ? 'yes' : 'no';
    default:
      return String(v as number);
  }
}

function toCsv(specs: readonly ColumnSpec[], rows: readonly Record<string, unknown>[]): string {
  const fields = specs.map((s) => s.name);
  const data = rows.map((r) => specs.map((s) => cell(s, r[s.name])));
  // the header is plain DESIGN names (never quoted); tiers cells are always quoted
  const head = fields.join(',') + '\r\n';
  if (data.length === 0) return head;
  const body = Papa.unparse(data, { quotes: specs.map((s) => s.kind === 'tiers'), newline: '\r\n', delimiter: ',', header: false });
  return head + body + '\r\n';
}

export function workloadsToCsv(workloads: readonly Workload[]): string {
  return toCsv(WORKLOAD_COLUMNS, workloads as unknown as Record<string, unknown>[]);
}

export function sitesToCsv(sites: readonly Site[]): string {
  return toCsv(SITE_COLUMNS, sites as unknown as Record<string, unknown>[]);
}

/**
 * A template to fill in: every column of the kind, with one example row that imports cleanly
 * (a workload names `model`, so the template matches the user's catalog).
 */
export function csvTemplate(kind: 'workloads' | 'sites', model = 'llama-3.3-70b'): string {
  if (kind === 'workloads') {
    return toCsv(WORKLOAD_COLUMNS, [{
      name: 'Support chat', model, avg_output_tps: 2000, peak_to_avg: 1.5, input_per_output: 4, response_tokens: 400,
      max_latency_ms: 3000, monthly_growth_pct: 3, placement: 'any', tiers: ['premium', 'commodity'], endpoints: null,
    }]);
  }
  return toCsv(SITE_COLUMNS, [{
    name: 'Main data center', it_power_kw: 200, racks: 10, rack_units: 42, rack_kw: 20, liquid_cooling: false, pue: 1.4,
    usd_per_kwh: 0.12, usd_per_rack_month: 1500,
  }]);
}
