// The demo scenario (DESIGN 1): workloads on all three market tiers, a big batch workload and a
// privacy-bound one that accepts a pruned INT4 variant, two sites (an air-cooled server room and a
// liquid-cooled colocation hall), bought yearly over three years. start_month is pinned before the
// Taalas HC1's available_from, so the plan shows next-generation hardware arriving mid-horizon,
// and so results do not change as catalog `available_from` dates pass (DESIGN 8).
import {
  SettingsSchema,
  SiteSchema,
  WorkloadSchema,
  type Catalog,
  type PlanInput,
  type Settings,
  type SiteInput,
  type WorkloadInput,
} from '../types.ts';

export const demoWorkloads: WorkloadInput[] = [
  {
    // IDE completions: a 200-token answer in under 0.5 s needs >= ~600 tok/s per user after a
    // short TTFT: only premium options (Cerebras, Groq, SambaNova, Taalas) fit.
    name: 'code-completion',
    model: 'llama-3.1-8b',
    avg_output_tps: 2000,
    peak_to_avg: 2.5,
    input_per_output: 8,
    response_tokens: 200,
    max_latency_ms: 500,
    monthly_growth_pct: 2,
    placement: 'any',
    tiers: ['premium', 'commodity', 'edge'],
  },
  {
    // Overnight document processing and internal API traffic: large, loose latency (30 s per
    // 400-token answer fits MLPerf Interactive-class points, not Server-class ones).
    name: 'enterprise-batch',
    model: 'llama-3.3-70b',
    avg_output_tps: 42000,
    peak_to_avg: 1.25,
    input_per_output: 4,
    response_tokens: 400,
    max_latency_ms: 30000,
    monthly_growth_pct: 1,
    placement: 'any',
    tiers: ['premium', 'commodity', 'edge'],
  },
  {
    // Assistant over private documents: kept on premises; a 300-token answer within 4 s.
    name: 'rag-assistant',
    model: 'llama-3.3-70b',
    avg_output_tps: 3000,
    peak_to_avg: 2,
    input_per_output: 10,
    response_tokens: 300,
    max_latency_ms: 4000,
    monthly_growth_pct: 3,
    placement: 'onprem',
    tiers: ['premium', 'commodity'],
  },
  {
    // 10,000 ambient agents (sensors, voice terminals): a board per endpoint, LLM in the cloud.
    name: 'iot-agents',
    model: 'llama-3.1-8b',
    avg_output_tps: 1500,
    peak_to_avg: 2,
    input_per_output: 5,
    response_tokens: 120,
    max_latency_ms: 8000,
    monthly_growth_pct: 0,
    placement: 'edge',
    tiers: ['edge'],
    endpoints: 10000,
  },
  {
    // 40 clinics summarise patient notes on a workstation in the clinic: the data may not leave
    // it (on premises, edge tier only), so only a local device serves it, and a 70B model fits one
    // only as its pruned INT4 variant, which the workload accepts.
    name: 'clinic-notes',
    model: 'llama-3.3-70b|llama-3.3-70b-sparse70-int4',
    avg_output_tps: 40,
    peak_to_avg: 2,
    input_per_output: 6,
    response_tokens: 300,
    max_latency_ms: 10000,
    monthly_growth_pct: 1,
    placement: 'onprem',
    tiers: ['edge'],
    endpoints: 40,
  },
];

export const demoSites: SiteInput[] = [
  {
    // Company server room: legacy air cooling, 15 kW racks (shared data: common 10-15 kW caps),
    // PUE 1.5 (air-era 1.4-1.8), US industrial power ~9 c/kWh (EIA regional range 7.7-16.3 c).
    name: 'hq-server-room',
    it_power_kw: 120,
    racks: 10,
    rack_units: 42,
    rack_kw: 15,
    liquid_cooling: false,
    pue: 1.5,
    usd_per_kwh: 0.09,
    usd_per_rack_month: 1000,
  },
  {
    // Colocation liquid-cooled hall: 48U OCP racks at 140 kW (a GB200 NVL72 rack needs 120 kW),
    // PUE 1.15 (direct liquid cooling 1.05-1.15), rent ~ $184/kW/month x ~120 kW per rack (CBRE).
    name: 'colo-liquid-hall',
    it_power_kw: 600,
    racks: 4,
    rack_units: 48,
    rack_kw: 140,
    liquid_cooling: true,
    pue: 1.15,
    usd_per_kwh: 0.08,
    usd_per_rack_month: 22000,
  },
];

export const demoSettings: Partial<Settings> = {
  // before the Taalas HC1 ships (2026-06): it can be bought from the second plan year on
  start_month: '2026-05',
  horizon_months: 36,
  // bought once a year: the plan is a procurement schedule of three purchase rounds
  purchase_interval_months: 12,
  max_utilization: 0.8,
  discount_rate_pct: 0,
  residual_value: true,
};

/** The whole demo as a solver input, validated (defaults applied). */
export function demoPlanInput(catalog: Catalog): PlanInput {
  return {
    catalog,
    workloads: demoWorkloads.map((w) => WorkloadSchema.parse(w)),
    sites: demoSites.map((s) => SiteSchema.parse(s)),
    settings: SettingsSchema.parse(demoSettings),
  };
}
