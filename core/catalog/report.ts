// The catalog data report (pure): per option, cost per million output tokens at 80 % utilisation,
// the workload classes it wins, and how many of its figures are estimates. Deterministic: the same
// catalog always renders the same Markdown (docs/catalog-report.md is this output, committed).
import { answerMs } from '../sizing.ts';
import type { Catalog, CatalogOption, CloudApiOption, OperatingPoint } from '../types.ts';

/** Utilisation and horizon at which owned and rented capacity is costed (the catalog test uses the same). */
export const REPORT_UTILIZATION = 0.8;
export const REPORT_MONTHS = 36;
/** The default site (DESIGN 3.4) and edge electricity (DESIGN 3.5). */
const PUE = 1.4;
const USD_PER_KWH = 0.1;
const EDGE_USD_PER_KWH = 0.15;
/** Token APIs are compared at DESIGN 3.3's default of 3 input tokens per output token. */
const INPUT_PER_OUTPUT = 3;
const HOURS = 730;

/**
 * Latency classes: one answer of `response_tokens` output tokens within `max_latency_ms`
 * (first token + response_tokens / user_tps, DESIGN 4). They follow DESIGN 1's three markets.
 */
export const LATENCY_CLASSES = [
  { id: 'instant', response_tokens: 200, max_latency_ms: 500, what: 'live code completion, voice: 200 tokens in 0.5 s' },
  { id: 'interactive', response_tokens: 300, max_latency_ms: 4000, what: 'chat and RAG assistants: 300 tokens in 4 s' },
  { id: 'relaxed', response_tokens: 400, max_latency_ms: 30000, what: 'agents, internal APIs: 400 tokens in 30 s' },
  { id: 'batch', response_tokens: 400, max_latency_ms: null, what: 'offline batch: no latency limit' },
] as const;
export type LatencyClass = (typeof LATENCY_CLASSES)[number];

/** Placement classes: where the tokens may be produced (DESIGN 3.3 `placement`). */
export const PLACEMENT_CLASSES = ['any', 'onprem'] as const;
export type PlacementClass = (typeof PLACEMENT_CLASSES)[number];

/**
 * Model-size classes: the models a workload of that size accepts. The 70B class accepts the dense
 * model or its pruned INT4 variant (a workload `llama-3.3-70b|<variant>`); larger models are not
 * interchangeable, so each is its own class.
 */
export function modelClasses(catalog: Catalog): { id: string; models: string[] }[] {
  const byParams = [...catalog.models].sort((a, b) => a.params_b - b.params_b || a.active_params_b - b.active_params_b || a.id.localeCompare(b.id));
  const small = byParams.filter((m) => m.params_b <= 10).map((m) => m.id);
  const mid = byParams.filter((m) => m.params_b > 10 && m.params_b <= 100).map((m) => m.id);
  const out: { id: string; models: string[] }[] = [];
  if (small.length) out.push({ id: '≤10B', models: small });
  if (mid.length) out.push({ id: '70B', models: mid });
  for (const m of byParams.filter((x) => x.params_b > 100)) out.push({ id: m.id, models: [m.id] });
  return out;
}

export type ClassId = { latency: LatencyClass['id']; size: string; placement: PlacementClass };
export const classLabel = (c: ClassId): string => `${c.size} · ${c.latency} · ${c.placement}`;

/** units of `o` that hold one copy of `model` (DESIGN 3.2) */
function unitsPerReplica(o: CatalogOption, model: string): number {
  return o.performance.find((x) => x.model === model)?.units_per_replica ?? 1;
}

/** Output tokens one unit of throughput (1 tok/s) yields over the horizon at the report utilisation. */
const TOKENS_PER_TPS = REPORT_UTILIZATION * 3600 * HOURS * REPORT_MONTHS;

/**
 * Cost per million output tokens of `o` serving `model` at point p (null: not meaningful).
 * system: owned replica over 36 months (price + support + energy at PUE 1.4, $0.10/kWh, no residual);
 * cloud_instance: R instances' hourly price; edge_device: the device plus its energy at $0.15/kWh;
 * cloud_api: output price + 3 x input price.
 */
export function costPerMillion(o: CatalogOption, model: string, p: OperatingPoint): number | null {
  const R = unitsPerReplica(o, model);
  const perTps = (usd: number) => (p.unit_tps ? (usd / (p.unit_tps * TOKENS_PER_TPS)) * 1e6 : null);
  switch (o.kind) {
    case 'system':
      return perTps(R * (o.price_usd * (1 + (o.support_pct_per_year / 100) * (REPORT_MONTHS / 12)) + o.typical_power_kw * PUE * HOURS * REPORT_MONTHS * USD_PER_KWH));
    case 'cloud_instance':
      return perTps(R * o.usd_per_hour * HOURS * REPORT_MONTHS);
    case 'edge_device':
      return o.inference_via ? null : perTps(o.price_usd + o.typical_power_kw * HOURS * REPORT_MONTHS * EDGE_USD_PER_KWH);
    case 'cloud_api':
      return o.usd_per_m_output + INPUT_PER_OUTPUT * o.usd_per_m_input;
  }
}

function fits(p: OperatingPoint, c: LatencyClass): boolean {
  return c.max_latency_ms === null || answerMs(p, c.response_tokens) <= c.max_latency_ms + 1e-9;
}
function placementAllows(o: CatalogOption, placement: PlacementClass): boolean {
  if (o.kind === 'edge_device' && o.inference_via) return false; // needs endpoints: not a central class
  return placement === 'any' || o.kind === 'system' || o.kind === 'edge_device';
}

/** The cheapest way `o` serves a class: [model, point, $/M], or null when it cannot. */
export function bestFor(o: CatalogOption, c: LatencyClass, models: string[]): { model: string; point: OperatingPoint; usd: number } | null {
  let best: { model: string; point: OperatingPoint; usd: number } | null = null;
  for (const model of models) {
    for (const p of o.performance.find((x) => x.model === model)?.points ?? []) {
      if (!fits(p, c)) continue;
      const usd = costPerMillion(o, model, p);
      if (usd !== null && (best === null || usd < best.usd - 1e-12)) best = { model, point: p, usd };
    }
  }
  return best;
}

export type OptionRow = {
  option: CatalogOption;
  /** cost per M output tokens at the option's cheapest point, per model it serves */
  costs: { model: string; user_tps: number; usd: number | null }[];
  wins: ClassId[];
  estimates: number;
  figures: number;
};

/** A bought system against its own vendor's token API for the same model (output price only). */
export type ParityRow = { system: string; model: string; owned: number; api: string; apiOut: number; ratio: number; explained: boolean };

export type CatalogReport = { rows: OptionRow[]; winners: { cls: ClassId; option: string; model: string; usd: number }[]; parity: ParityRow[] };

export function catalogReport(catalog: Catalog): CatalogReport {
  const rows = new Map<string, OptionRow>();
  for (const o of catalog.options) {
    const costs = o.performance.map((perf) => {
      let best: { user_tps: number; usd: number | null } = { user_tps: perf.points[0]?.user_tps ?? 0, usd: null };
      for (const p of perf.points) {
        const usd = costPerMillion(o, perf.model, p);
        if (usd !== null && (best.usd === null || usd < best.usd - 1e-12)) best = { user_tps: p.user_tps, usd };
      }
      return { model: perf.model, ...best };
    });
    const fsAll = Object.values(o.field_sources ?? {});
    rows.set(o.id, { option: o, costs, wins: [], estimates: fsAll.filter((f) => f.estimate).length, figures: fsAll.length });
  }
  const winners: CatalogReport['winners'] = [];
  for (const size of modelClasses(catalog)) {
    for (const lat of LATENCY_CLASSES) {
      for (const placement of PLACEMENT_CLASSES) {
        const cls: ClassId = { latency: lat.id, size: size.id, placement };
        const offers = catalog.options
          .filter((o) => placementAllows(o, placement))
          .flatMap((o) => {
            const b = bestFor(o, lat, size.models);
            return b ? [{ option: o.id, ...b }] : [];
          });
        if (offers.length === 0) continue;
        const min = Math.min(...offers.map((x) => x.usd));
        for (const w of offers.filter((x) => x.usd <= min + 1e-9).sort((a, b) => a.option.localeCompare(b.option))) {
          rows.get(w.option)!.wins.push(cls);
          winners.push({ cls, option: w.option, model: w.model, usd: w.usd });
        }
      }
    }
  }
  const parity: ParityRow[] = [];
  for (const s of catalog.options) {
    if (s.kind !== 'system') continue;
    for (const perf of s.performance) {
      const apis = catalog.options.filter((a): a is CloudApiOption => a.kind === 'cloud_api' && a.vendor === s.vendor && a.performance.some((p) => p.model === perf.model));
      const owned = rows.get(s.id)!.costs.find((c) => c.model === perf.model)?.usd ?? null;
      if (apis.length === 0 || owned === null) continue;
      const api = apis.reduce((a, b) => (b.usd_per_m_output < a.usd_per_m_output ? b : a));
      parity.push({ system: s.id, model: perf.model, owned, api: api.id, apiOut: api.usd_per_m_output, ratio: owned / api.usd_per_m_output, explained: !!s.field_sources?.[`api_parity.${perf.model}`] });
    }
  }
  return { rows: [...rows.values()], winners, parity };
}

const usd = (x: number | null) => (x === null ? '—' : x >= 100 ? `$${x.toFixed(0)}` : x >= 1 ? `$${x.toFixed(2)}` : `$${x.toFixed(3)}`);
const num = (x: number) => x.toLocaleString('en-US', { maximumFractionDigits: 1 });

/** The report as Markdown (docs/catalog-report.md). */
export function renderCatalogReport(catalog: Catalog): string {
  const r = catalogReport(catalog);
  const L: string[] = [];
  const estimates = r.rows.reduce((a, x) => a + x.estimates, 0);
  const figures = r.rows.reduce((a, x) => a + x.figures, 0);
  L.push('# Default catalog: data report', '');
  L.push('Generated by `npm run catalog:report -- --write` from `core/catalog/default-catalog.json`; do not edit by hand.', '');
  L.push(`${catalog.options.length} options, ${catalog.models.length} models; ${estimates} of ${figures} documented figures (field_sources) are estimates.`, '');
  L.push('## How to read it', '');
  L.push(`- **$/M out**: cost per million output tokens at ${REPORT_UTILIZATION * 100} % utilisation over ${REPORT_MONTHS} months, at the option's cheapest operating point for that model ` +
    '(the per-user speed of that point in brackets). Systems: one replica (units_per_replica units) bought at list price, plus support and energy at the default site ' +
    `(PUE ${PUE}, $${USD_PER_KWH}/kWh), no residual value. Cloud instances: a replica's hourly price. Edge devices with their own model: the device and its energy at $${EDGE_USD_PER_KWH}/kWh. ` +
    `Token APIs: output price + ${INPUT_PER_OUTPUT} × input price (DESIGN's default input_per_output). Site limits, availability dates and demand growth are ignored.`);
  L.push('- **Workload classes** = latency class × model size × placement. A class is won by the option with the lowest $/M among those with a point that meets its latency:');
  for (const c of LATENCY_CLASSES) L.push(`  - \`${c.id}\`: ${c.what}.`);
  L.push(`  - model sizes: ${modelClasses(catalog).map((m) => `\`${m.id}\` (${m.models.join(' | ')})`).join(', ')};`);
  L.push('  - placement `any` (every option except edge boards that call an API) or `onprem` (bought systems and edge devices that run the model themselves).');
  L.push('- **Estimates**: `field_sources` entries marked `estimate` out of all documented figures of the option.', '');
  L.push('## Class winners', '');
  L.push('| class | winner | model | $/M out |', '|---|---|---|---|');
  for (const w of r.winners) L.push(`| ${classLabel(w.cls)} | ${w.option} | ${w.model} | ${usd(w.usd)} |`);
  const empty: string[] = [];
  for (const size of modelClasses(catalog)) {
    for (const lat of LATENCY_CLASSES) {
      for (const p of PLACEMENT_CLASSES) if (!r.winners.some((w) => w.cls.size === size.id && w.cls.latency === lat.id && w.cls.placement === p)) empty.push(classLabel({ size: size.id, latency: lat.id, placement: p }));
    }
  }
  L.push('', `Classes no option serves (${empty.length}): ${empty.length ? empty.join('; ') : 'none'}.`, '');
  L.push('## Premium hardware against its vendor\'s own API', '');
  L.push('Owned $/M out (as above) against the same vendor\'s cheapest API output price for the model. The catalog test fails above 3× unless the system carries an `api_parity.<model>` reason in its field_sources.', '');
  L.push('| system | model | owned $/M out | vendor API | API $/M out | ratio | reason given |', '|---|---|---|---|---|---|---|');
  for (const p of r.parity) L.push(`| ${p.system} | ${p.model} | ${usd(p.owned)} | ${p.api} | ${usd(p.apiOut)} | ${p.ratio.toFixed(2)}× | ${p.explained ? 'yes' : '—'} |`);
  L.push('');
  L.push('## Options', '');
  L.push('| option | tier | kind | $/M out by model [user tok/s] | classes won | estimates |', '|---|---|---|---|---|---|');
  for (const row of r.rows) {
    const o = row.option;
    const costs = row.costs.length
      ? row.costs.map((c) => `${c.model} ${usd(c.usd)}${c.usd === null ? '' : ` [${num(c.user_tps)}]`}`).join('; ')
      : o.kind === 'edge_device' && o.inference_via
        ? `via ${o.inference_via}; device $${((o.price_usd + o.typical_power_kw * HOURS * REPORT_MONTHS * EDGE_USD_PER_KWH) / REPORT_MONTHS).toFixed(2)} per endpoint-month`
        : '—';
    const wins = row.wins.length ? row.wins.map(classLabel).join('; ') : '—';
    L.push(`| ${o.id}${o.available_from ? ` (from ${o.available_from})` : ''} | ${o.tier} | ${o.kind} | ${costs} | ${wins} | ${row.estimates} of ${row.figures} |`);
  }
  return L.join('\n') + '\n';
}
