// What changed in a row between two readings, in words ("time limit 60 → 120 s"), for the
// refusal of a stale write and for change events. Pure: rows are plain JSON objects.

/** The kinds of row a document logs changes of (migrations/0030_revisions.sql). */
export const CHANGE_KINDS = ['workload', 'site', 'option', 'model', 'scenario', 'active', 'plan'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** Sent to open views when the document changed (by any window or process), or was swapped. */
export type ChangeEvent = {
  revision: number;
  /** the kinds of row that changed since the previous event */
  kinds: ChangeKind[];
  /** another document was opened, created or saved as: every view reloads */
  document: boolean;
};

export const CHANGE_NOUNS: Record<ChangeKind, string> = {
  workload: 'workload',
  site: 'site',
  option: 'catalog option',
  model: 'model',
  scenario: 'scenario',
  active: 'active scenario',
  plan: 'plan of the scenario',
};

/** Units written after the value, from the field name's suffix. */
const UNITS: [suffix: string, unit: string][] = [
  ['_pct_per_year', '% a year'],
  ['_usd_per_month', 'USD a month'],
  ['_usd_per_kwh', 'USD/kWh'],
  ['_per_kwh', 'USD/kWh'],
  ['_per_rack_month', 'USD a rack-month'],
  ['_months', 'months'],
  ['_usd', 'USD'],
  ['_pct', '%'],
  ['_ms', 'ms'],
  ['_kw', 'kW'],
  ['_tps', 'tokens/s'],
  ['_s', 's'],
];

/** "time_limit_s" → { label: "time limit", unit: "s" } */
export function fieldWords(field: string): { label: string; unit: string } {
  for (const [suffix, unit] of UNITS) {
    if (field.endsWith(suffix) && field.length > suffix.length) {
      return { label: field.slice(0, -suffix.length).replaceAll('_', ' '), unit };
    }
  }
  return { label: field.replaceAll('_', ' '), unit: '' };
}

function show(v: unknown): string {
  if (v === null || v === undefined) return 'none';
  if (typeof v === 'string') return `“${v}”`;
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));
  return JSON.stringify(v);
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The fields that differ, in words; [] when the rows hold the same values. */
export function describeFieldChanges(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const out: string[] = [];
  for (const k of keys) {
    if (same(before[k], after[k])) continue;
    const { label, unit } = fieldWords(k);
    out.push(`${label} ${show(before[k])} → ${show(after[k])}${unit ? ` ${unit}` : ''}`);
  }
  return out;
}

/** Joins at most `max` field changes: "a 1 → 2; b 3 → 4 (and 2 more)". */
export function joinChanges(changes: string[], max = 3): string {
  const head = changes.slice(0, max).join('; ');
  return changes.length > max ? `${head} (and ${changes.length - max} more)` : head;
}
