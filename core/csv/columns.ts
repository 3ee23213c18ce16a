// The columns of the workload and site CSVs (DESIGN 3.3, 3.4): cell kind, whether required,
// and the header synonyms people actually type. Headers match case-insensitively, ignoring
// spaces, '_', '-', '.', brackets (so "Latency (ms)" = "latency_ms").
export type CsvKind = 'workloads' | 'sites';
export type CellKind = 'text' | 'number' | 'int' | 'percent' | 'money' | 'nullable' | 'placement' | 'tiers' | 'bool';
export type ColumnSpec = { name: string; kind: CellKind; required: boolean; synonyms: readonly string[] };

export const WORKLOAD_COLUMNS: readonly ColumnSpec[] = [
  { name: 'name', kind: 'text', required: true, synonyms: ['workload', 'workload name', 'service', 'use case'] },
  { name: 'model', kind: 'text', required: true, synonyms: ['model_id', 'model id', 'model name', 'llm'] },
  {
    name: 'avg_output_tps',
    kind: 'number',
    required: true,
    synonyms: [
      'avg output tok/s', 'avg tokens/s', 'avg tok/s', 'avg output tokens/s', 'average output tokens/s',
      'average output tokens per second', 'avg output tps', 'avg tps', 'output tok/s', 'output tokens/s', 'tokens/s', 'tok/s',
    ],
  },
  { name: 'peak_to_avg', kind: 'number', required: false, synonyms: ['peak/avg', 'peak to avg', 'peak:avg', 'peak/average', 'peak factor', 'peak ratio'] },
  { name: 'input_per_output', kind: 'number', required: false, synonyms: ['input/output', 'input per output', 'in/out', 'input:output', 'input tokens per output token'] },
  { name: 'response_tokens', kind: 'number', required: false, synonyms: ['response tokens', 'tokens per response', 'answer tokens', 'tokens per answer', 'response length'] },
  {
    name: 'max_latency_ms',
    kind: 'nullable',
    required: false,
    synonyms: ['latency (ms)', 'max latency (ms)', 'max latency', 'latency', 'latency ms', 'max_latency', 'latency sla (ms)'],
  },
  {
    name: 'monthly_growth_pct',
    kind: 'percent',
    required: false,
    synonyms: ['growth %', 'growth', 'monthly growth', 'monthly growth %', 'growth %/month', 'growth per month', 'growth pct', 'growth_pct'],
  },
  { name: 'placement', kind: 'placement', required: false, synonyms: ['residency', 'data residency', 'location'] },
  { name: 'tiers', kind: 'tiers', required: false, synonyms: ['tier', 'allowed tiers'] },
  { name: 'endpoints', kind: 'int', required: false, synonyms: ['edge endpoints', 'endpoint count', 'devices', '# endpoints'] },
];

export const SITE_COLUMNS: readonly ColumnSpec[] = [
  { name: 'name', kind: 'text', required: true, synonyms: ['site', 'site name', 'facility', 'datacenter', 'data center'] },
  { name: 'it_power_kw', kind: 'number', required: true, synonyms: ['IT power (kW)', 'it power', 'it kw', 'power (kw)', 'power kw', 'it load (kw)'] },
  { name: 'racks', kind: 'int', required: true, synonyms: ['rack count', 'number of racks', '# racks', 'racks available'] },
  { name: 'rack_units', kind: 'number', required: false, synonyms: ['U per rack', 'u/rack', 'rack U', 'units per rack', 'rack height (U)'] },
  { name: 'rack_kw', kind: 'number', required: false, synonyms: ['kW per rack', 'kw/rack', 'rack kW', 'rack power (kW)', 'rack power', 'power per rack (kW)'] },
  { name: 'liquid_cooling', kind: 'bool', required: false, synonyms: ['liquid cooling', 'liquid', 'liquid cooled', 'dlc'] },
  { name: 'pue', kind: 'number', required: false, synonyms: [] },
  {
    name: 'usd_per_kwh',
    kind: 'money',
    required: false,
    synonyms: ['$/kWh', 'usd/kwh', 'price per kwh', 'electricity price', 'energy price', 'power price', 'electricity ($/kWh)'],
  },
  {
    name: 'usd_per_rack_month',
    kind: 'money',
    required: false,
    synonyms: ['$/rack/month', 'usd/rack/month', '$/rack-month', '$ per rack per month', 'rack cost', 'rack cost ($/month)', 'space cost'],
  },
];

export function columnsFor(kind: CsvKind): readonly ColumnSpec[] {
  return kind === 'workloads' ? WORKLOAD_COLUMNS : SITE_COLUMNS;
}

/** "Latency (ms)" → "latencyms", "$/kWh" → "$/kwh": what header matching compares. */
export function headerKey(h: string): string {
  return h.replace(/^\uFEFF/, '').toLowerCase().replace(/[\s_\-.()[\]{}"'`]+/g, '');
}

const lookup = new Map<CsvKind, Map<string, ColumnSpec>>();
function table(kind: CsvKind): Map<string, ColumnSpec> {
  let m = lookup.get(kind);
  if (!m) {
    m = new Map();
    for (const c of columnsFor(kind)) for (const s of [c.name, ...c.synonyms]) m.set(headerKey(s), c);
    lookup.set(kind, m);
  }
  return m;
}

export function matchHeader(kind: CsvKind, header: string): ColumnSpec | undefined {
  return table(kind).get(headerKey(header));
}
