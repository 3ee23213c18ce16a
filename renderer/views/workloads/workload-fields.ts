// Form fields and table columns of a workload (DESIGN 3.3), with units and defaults as hints.
import { MODEL_SEPARATOR, PLACEMENTS, TIERS, workloadModels, type Workload } from '../../../core/types.ts';
import { formatDecimal, formatNumber, formatPct } from '../../../core/format.ts';
import type { Column, FieldSpec } from '../../lib/ui-types.ts';

const PLACEMENT_LABELS: Record<(typeof PLACEMENTS)[number], string> = {
  any: 'any — optimizer decides',
  onprem: 'onprem — own sites only',
  cloud: 'cloud — rented only',
  edge: 'edge — on endpoint devices',
};

export function workloadFields(models: readonly string[]): FieldSpec[] {
  return [
    { key: 'name', label: 'Name', type: 'text', empty: 'required', placeholder: 'e.g. support-chat' },
    {
      key: 'model',
      label: 'Models',
      type: 'multi',
      wide: true,
      empty: 'required',
      joinWith: MODEL_SEPARATOR,
      options: models.map((m) => ({ value: m, label: m })),
      // with no model to tick the field showed nothing but this hint, and the form could not be saved
      hint: models.length
        ? 'the catalog models that may serve this workload: any one of them will do (e.g. a model and its INT4 variant); stored as a|b'
        : 'the catalog has no models yet: import a catalog JSON that lists them (Catalog › Import…); a workload names the models that may serve it',
    },
    { key: 'avg_output_tps', label: 'Average output', type: 'number', unit: 'tok/s', empty: 'required', hint: 'all users together, in the start month' },
    { key: 'peak_to_avg', label: 'Peak ÷ average', type: 'number', unit: '×', hint: 'default 1.5, at least 1' },
    { key: 'input_per_output', label: 'Input per output token', type: 'number', unit: 'tokens', hint: 'default 3' },
    { key: 'response_tokens', label: 'Response length', type: 'number', unit: 'tokens', hint: 'default 250' },
    { key: 'max_latency_ms', label: 'Max latency', type: 'number', unit: 'ms', empty: 'null', hint: 'first token + whole answer; empty = no limit' },
    { key: 'monthly_growth_pct', label: 'Monthly growth', type: 'number', unit: '%', hint: 'compounding, default 0' },
    { key: 'placement', label: 'Placement', type: 'select', options: PLACEMENTS.map((p) => ({ value: p, label: PLACEMENT_LABELS[p] })) },
    { key: 'endpoints', label: 'Edge endpoints', type: 'number', unit: 'devices', hint: '> 0 adds edge devices as candidates' },
    { key: 'tiers', label: 'Allowed tiers', type: 'multi', wide: true, options: TIERS.map((t) => ({ value: t, label: t })) },
  ];
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

/**
 * The message for a model id the catalog does not have, or undefined when every id is known.
 * `a|b` lists several accepted models: each is checked, the first unknown one is named with the
 * known ids and the closest one. Empty ids between separators are left to the schema.
 */
export function unknownModelMessage(model: string, models: readonly string[]): string | undefined {
  for (const part of workloadModels({ model })) {
    const msg = unknownModelId(part, models);
    if (msg) return msg;
  }
  return undefined;
}

function unknownModelId(model: string, models: readonly string[]): string | undefined {
  const m = model.trim();
  if (!m || models.includes(m)) return undefined;
  if (!models.length) return `unknown model '${m}' — the catalog has no models yet (add one in Catalog)`;
  const lower = m.toLowerCase();
  const best = [...models]
    .map((id) => ({ id, d: id.toLowerCase().includes(lower) || lower.includes(id.toLowerCase()) ? 0 : distance(lower, id.toLowerCase()) }))
    .sort((a, b) => a.d - b.d)[0];
  const known = models.length > 6 ? `${models.slice(0, 6).join(', ')}, …` : models.join(', ');
  const guess = best && best.d <= Math.max(3, Math.floor(m.length / 3)) ? ` did you mean '${best.id}'?` : '';
  return `unknown model '${m}' —${guess} known: ${known}`;
}

export const NEW_WORKLOAD = {
  name: '',
  model: '',
  avg_output_tps: '',
  peak_to_avg: 1.5,
  input_per_output: 3,
  response_tokens: 250,
  max_latency_ms: null,
  monthly_growth_pct: 0,
  placement: 'any',
  tiers: [...TIERS],
  endpoints: 0,
};

export const workloadColumns: Column<Workload>[] = [
  { id: 'name', label: 'Name', width: 'minmax(130px, 1.6fr)', value: (w) => w.name },
  // wide enough at 1280 px to show the "|" of several accepted models: "llama-3.3-70b|llama-3.3-70b-sparse70-int4"
  // was cut to "llama-3.3-70…", one model to the eye; the cell's title holds the whole list
  { id: 'model', label: 'Model', width: 'minmax(150px, 1.8fr)', value: (w) => w.model },
  { id: 'avg_output_tps', label: 'Avg output', unit: 'tok/s', numeric: true, width: '96px', value: (w) => w.avg_output_tps, format: (w) => formatDecimal(w.avg_output_tps, 1) },
  { id: 'peak_to_avg', label: 'Peak', unit: '×', numeric: true, width: '64px', value: (w) => w.peak_to_avg, format: (w) => formatDecimal(w.peak_to_avg, 2) },
  { id: 'input_per_output', label: 'In/out', numeric: true, width: '74px', value: (w) => w.input_per_output, format: (w) => formatDecimal(w.input_per_output, 2), title: 'input tokens per output token' },
  { id: 'response_tokens', label: 'Response', unit: 'tok', numeric: true, width: '80px', value: (w) => w.response_tokens, format: (w) => formatNumber(w.response_tokens) },
  { id: 'max_latency_ms', label: 'Max latency', unit: 'ms', numeric: true, width: '92px', value: (w) => w.max_latency_ms, format: (w) => (w.max_latency_ms == null ? '—' : formatNumber(w.max_latency_ms)) },
  { id: 'monthly_growth_pct', label: 'Growth', unit: '%/mo', numeric: true, width: '76px', value: (w) => w.monthly_growth_pct, format: (w) => formatPct(w.monthly_growth_pct) },
  { id: 'placement', label: 'Placement', width: '84px', value: (w) => w.placement },
  { id: 'tiers', label: 'Tiers', width: 'minmax(96px, 1fr)', value: (w) => w.tiers.join(';'), format: (w) => (w.tiers.length === TIERS.length ? 'all' : w.tiers.join(', ')) },
  { id: 'endpoints', label: 'Endpoints', numeric: true, width: '84px', value: (w) => w.endpoints, format: (w) => formatNumber(w.endpoints) },
];
