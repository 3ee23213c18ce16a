// Checks the default catalog (provenance, Pareto fronts, coverage of tiers, kinds and vendors)
// and that the demo scenario is solvable under the candidate rules of DESIGN 4.
import { describe, expect, it } from 'vitest';
import data from './default-catalog.json' with { type: 'json' };
import {
  CatalogSchema,
  KINDS,
  SettingsSchema,
  SiteSchema,
  TIERS,
  WorkloadSchema,
  type Catalog,
  type CatalogOption,
  type OperatingPoint,
  type Settings,
  type Site,
  type SystemOption,
  type Workload,
} from '../types.ts';
import { defaultCatalog } from './index.ts';
import { demoPlanInput, demoSettings, demoSites, demoWorkloads } from './demo.ts';

const catalog: Catalog = defaultCatalog();
const byId = new Map(catalog.options.map((o) => [o.id, o]));

// --- DESIGN 4, implemented here independently of the optimizer ------------------------------
function fits(p: OperatingPoint, w: Workload): boolean {
  return w.max_latency_ms == null || p.ttft_ms + (1000 * w.response_tokens) / p.user_tps <= w.max_latency_ms;
}
/** the points that decide latency: an edge device with inference_via uses its API's points */
function latencyPoints(o: CatalogOption, model: string): OperatingPoint[] {
  if (o.kind === 'edge_device' && o.inference_via) {
    const api = byId.get(o.inference_via);
    return api ? latencyPoints(api, model) : [];
  }
  return o.performance.find((p) => p.model === model)?.points ?? [];
}
function placementAllows(w: Workload, o: CatalogOption): boolean {
  switch (w.placement) {
    case 'onprem':
      return o.kind === 'system' || (o.kind === 'edge_device' && !o.inference_via);
    case 'cloud':
      return o.kind === 'cloud_instance' || o.kind === 'cloud_api';
    case 'edge':
      return o.kind === 'edge_device';
    default:
      return true;
  }
}
const EPS = 1e-9;
function unitsPerRack(s: SystemOption, f: Site): number {
  if (s.rack_units > f.rack_units) return 0;
  const byU = Math.floor(f.rack_units / s.rack_units + EPS);
  return s.max_power_kw === 0 ? byU : Math.min(byU, Math.floor(f.rack_kw / s.max_power_kw + EPS));
}
function siteFits(s: SystemOption, f: Site): boolean {
  if (s.cooling === 'liquid' && !f.liquid_cooling) return false;
  if (s.rack_units > f.rack_units) {
    const t = Math.ceil(s.rack_units / f.rack_units - EPS);
    return s.max_power_kw / t <= f.rack_kw;
  }
  return unitsPerRack(s, f) >= 1;
}
function peakDemand(w: Workload, horizon: number): number {
  const g = w.monthly_growth_pct / 100;
  let d = 0;
  for (let m = 0; m < horizon; m++) d = Math.max(d, w.avg_output_tps * w.peak_to_avg * (1 + g) ** m);
  return d;
}
type Candidate = { option: CatalogOption; point: OperatingPoint; sites: string[] };
function candidates(w: Workload, sites: Site[], settings: Settings): Candidate[] {
  const out: Candidate[] = [];
  const D = peakDemand(w, settings.horizon_months);
  for (const o of catalog.options) {
    if (!w.tiers.includes(o.tier)) continue;
    if (o.available_from && o.available_from > settings.start_month) continue;
    if (!placementAllows(w, o)) continue;
    if (o.kind === 'edge_device' && w.endpoints <= 0) continue;
    let pts = latencyPoints(o, w.model).filter((p) => fits(p, w));
    if (o.kind === 'edge_device' && !o.inference_via) pts = pts.filter((p) => (p.unit_tps ?? 0) >= D / w.endpoints);
    if (pts.length === 0) continue;
    const point = pts.reduce((a, b) => ((b.unit_tps ?? Infinity) > (a.unit_tps ?? Infinity) ? b : a));
    const okSites = o.kind === 'system' ? sites.filter((f) => siteFits(o, f)).map((f) => f.name) : [];
    if (o.kind === 'system' && okSites.length === 0) continue;
    out.push({ option: o, point, sites: okSites });
  }
  return out;
}

// --- catalog ---------------------------------------------------------------------------------
describe('default catalog', () => {
  it('parses with CatalogSchema', () => {
    const r = CatalogSchema.safeParse(data);
    expect(r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([]);
    expect(catalog.options.length).toBeGreaterThan(30);
  });

  it('gives every option a source and an as_of date, and every field source its provenance', () => {
    const bad: string[] = [];
    for (const o of catalog.options) {
      if (!o.source.trim()) bad.push(`${o.id}: no source`);
      if (!/^\d{4}/.test(o.as_of)) bad.push(`${o.id}: as_of ${o.as_of}`);
      for (const [field, f] of Object.entries(o.field_sources ?? {})) {
        if (!f.source.trim() || !f.as_of.trim()) bad.push(`${o.id}.${field}: missing source/as_of`);
        if (f.estimate && !f.note?.trim()) bad.push(`${o.id}.${field}: estimate without a derivation note`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('documents every price, power figure and performance entry in field_sources', () => {
    const need: Record<string, string[]> = {
      system: ['rack_units', 'max_power_kw', 'typical_power_kw', 'price_usd', 'support_pct_per_year', 'lifetime_months'],
      cloud_instance: ['usd_per_hour'],
      cloud_api: ['usd_per_m_input', 'usd_per_m_output'],
      edge_device: ['price_usd', 'typical_power_kw', 'lifetime_months'],
    };
    const missing: string[] = [];
    for (const o of catalog.options) {
      const fsKeys = Object.keys(o.field_sources ?? {});
      for (const f of need[o.kind] ?? []) if (!fsKeys.includes(f)) missing.push(`${o.id}.${f}`);
      if (o.available_from && !fsKeys.includes('available_from')) missing.push(`${o.id}.available_from`);
      for (const p of o.performance) {
        if (!fsKeys.some((k) => k.startsWith(`performance.${p.model}.`))) missing.push(`${o.id}.performance.${p.model}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('has unique option and model ids', () => {
    const dup = (xs: string[]) => xs.filter((x, i) => xs.indexOf(x) !== i);
    expect(dup(catalog.options.map((o) => o.id))).toEqual([]);
    expect(dup(catalog.models.map((m) => m.id))).toEqual([]);
  });

  it('only references models that exist, and has the required models', () => {
    const models = new Set(catalog.models.map((m) => m.id));
    const unknown = catalog.options.flatMap((o) => o.performance.filter((p) => !models.has(p.model)).map((p) => `${o.id}: ${p.model}`));
    expect(unknown).toEqual([]);
    for (const m of ['llama-3.1-8b', 'llama-3.3-70b', 'llama-3.1-405b', 'llama-4-maverick', 'gpt-oss-120b', 'deepseek-r1']) {
      expect(models.has(m), m).toBe(true);
    }
    for (const m of catalog.models) expect(m.active_params_b).toBeLessThanOrEqual(m.params_b);
  });

  it('points inference_via at a cloud_api, and gives cloud_api points no unit_tps', () => {
    const bad: string[] = [];
    for (const o of catalog.options) {
      if (o.kind === 'edge_device' && o.inference_via) {
        if (byId.get(o.inference_via)?.kind !== 'cloud_api') bad.push(`${o.id} -> ${o.inference_via}`);
      }
      if (o.kind === 'cloud_api') {
        for (const p of o.performance) for (const q of p.points) if (q.unit_tps != null) bad.push(`${o.id}: unit_tps on an API`);
        if (o.performance.length === 0) bad.push(`${o.id}: API without points`);
      }
      if (o.kind !== 'cloud_api') {
        for (const p of o.performance) for (const q of p.points) if (q.unit_tps == null) bad.push(`${o.id}/${p.model}: unit_tps missing`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('forms a Pareto front per (option, model): sorted by user_tps, unit_tps non-increasing', () => {
    const offenders: string[] = [];
    for (const o of catalog.options) {
      for (const p of o.performance) {
        for (let i = 1; i < p.points.length; i++) {
          const a = p.points[i - 1]!;
          const b = p.points[i]!;
          if (b.user_tps <= a.user_tps) offenders.push(`${o.id}/${p.model}: not sorted by user_tps at ${i}`);
          if (a.unit_tps != null && b.unit_tps != null && b.unit_tps > a.unit_tps) {
            offenders.push(`${o.id}/${p.model}: unit_tps rises ${a.unit_tps} -> ${b.unit_tps} at user_tps ${b.user_tps}`);
          }
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it('has sensible system economics', () => {
    const bad: string[] = [];
    for (const o of catalog.options) {
      if (o.kind !== 'system') continue;
      const r = o.typical_power_kw / o.max_power_kw;
      if (r < 0.55 || r > 0.85) bad.push(`${o.id}: typical/max ${r.toFixed(2)}`);
      if (o.support_pct_per_year < 10 || o.support_pct_per_year > 20) bad.push(`${o.id}: support ${o.support_pct_per_year} %`);
      if (o.lifetime_months < 36 || o.lifetime_months > 72) bad.push(`${o.id}: life ${o.lifetime_months}`);
      if (o.price_usd <= 0) bad.push(`${o.id}: price`);
    }
    expect(bad).toEqual([]);
  });

  it('covers all three tiers and all four kinds', () => {
    expect(new Set(catalog.options.map((o) => o.tier))).toEqual(new Set(TIERS));
    expect(new Set(catalog.options.map((o) => o.kind))).toEqual(new Set(KINDS));
    for (const t of TIERS) for (const k of ['system', 'cloud_api'] as const) {
      if (t === 'edge') continue;
      expect(catalog.options.some((o) => o.tier === t && o.kind === k), `${t} ${k}`).toBe(true);
    }
  });

  it('has both speed classes of token API', () => {
    const apiSpeeds = (tier: string) =>
      catalog.options.filter((o) => o.kind === 'cloud_api' && o.tier === tier).flatMap((o) => o.performance.flatMap((p) => p.points.map((q) => q.user_tps)));
    expect(Math.max(...apiSpeeds('premium'))).toBeGreaterThanOrEqual(1000);
    const commodity = apiSpeeds('commodity');
    expect(commodity.length).toBeGreaterThan(0);
    expect(commodity.every((u) => u >= 20 && u <= 200)).toBe(true);
  });

  it('includes the required vendors and products', () => {
    const has = (label: string, pred: (o: CatalogOption) => boolean) => [label, catalog.options.some(pred)] as const;
    const text = (o: CatalogOption) => `${o.id} ${o.name} ${o.vendor}`;
    const checks = [
      has('Cerebras CS-3 system (liquid)', (o) => o.vendor === 'Cerebras' && o.kind === 'system' && o.cooling === 'liquid'),
      has('Cerebras Cloud API', (o) => o.vendor === 'Cerebras' && o.kind === 'cloud_api'),
      has('Groq', (o) => o.vendor === 'Groq' && o.tier === 'premium'),
      has('SambaNova', (o) => o.vendor === 'SambaNova' && o.tier === 'premium'),
      has('Taalas HC1', (o) => o.vendor === 'Taalas' && /HC1/.test(o.name)),
      has('NVIDIA HGX H100', (o) => o.vendor === 'NVIDIA' && /H100/.test(o.name) && o.kind === 'system'),
      has('NVIDIA HGX H200', (o) => o.vendor === 'NVIDIA' && /H200/.test(o.name) && o.kind === 'system'),
      has('NVIDIA HGX B200', (o) => o.vendor === 'NVIDIA' && /B200/.test(o.name) && o.kind === 'system' && o.cooling === 'air'),
      has('GB200 NVL72 (liquid, >= 48U)', (o) => /GB200/.test(o.name) && o.kind === 'system' && o.cooling === 'liquid' && o.rack_units >= 48),
      has('Vera Rubin NVL72 (announced)', (o) => /Vera Rubin/.test(o.name) && o.kind === 'system' && o.cooling === 'liquid' && o.rack_units >= 48 && !!o.available_from),
      has('AMD MI300X', (o) => o.vendor === 'AMD' && /MI300X/.test(o.name)),
      has('AMD MI325X', (o) => o.vendor === 'AMD' && /MI325X/.test(o.name)),
      has('Intel Gaudi 3', (o) => o.vendor === 'Intel' && /Gaudi 3/.test(o.name)),
      has('Google TPU', (o) => /TPU/.test(o.name) && o.kind === 'cloud_instance'),
      has('FPGA', (o) => /FPGA/i.test(text(o))),
      has('cloud GPU instance per GPU', (o) => o.kind === 'cloud_instance' && /1 GPU/.test(o.name)),
      has('cloud 8-GPU instance', (o) => o.kind === 'cloud_instance' && /8x/.test(o.name)),
      has('commodity token APIs (Together, DeepInfra, Fireworks)', (o) => o.kind === 'cloud_api' && o.tier === 'commodity' && /Together/.test(o.vendor)),
      has('DeepInfra', (o) => o.kind === 'cloud_api' && o.vendor === 'DeepInfra'),
      has('Fireworks', (o) => o.kind === 'cloud_api' && /Fireworks/.test(o.vendor)),
      has('ESP32 board with cloud inference', (o) => /ESP32/.test(o.name) && o.kind === 'edge_device' && !!o.inference_via && o.performance.length === 0),
      has('Jetson Orin Nano Super', (o) => /Orin Nano Super/.test(o.name) && o.kind === 'edge_device'),
      has('Jetson AGX Orin', (o) => /AGX Orin/.test(o.name) && o.kind === 'edge_device'),
      has('consumer GPU (RTX 4090)', (o) => /RTX 4090/.test(o.name) && o.tier === 'edge'),
      has('consumer GPU (RTX 5090)', (o) => /RTX 5090/.test(o.name) && o.tier === 'edge'),
      has('Raspberry Pi 5', (o) => /Raspberry Pi 5/.test(o.name) && o.kind === 'edge_device'),
    ];
    expect(checks.filter(([, ok]) => !ok).map(([l]) => l)).toEqual([]);
  });

  it('keeps commodity GPU points out of the premium latency class', () => {
    const fast = catalog.options
      .filter((o) => o.tier === 'commodity')
      .flatMap((o) => o.performance.flatMap((p) => p.points.filter((q) => q.user_tps >= 600 || q.ttft_ms < 150).map(() => `${o.id}/${p.model}`)));
    expect(fast).toEqual([]);
  });
});

// --- demo ------------------------------------------------------------------------------------
describe('demo scenario', () => {
  const input = demoPlanInput(catalog);

  it('parses with the workload, site and settings schemas', () => {
    for (const w of demoWorkloads) expect(WorkloadSchema.safeParse(w).success, w.name).toBe(true);
    for (const s of demoSites) expect(SiteSchema.safeParse(s).success, s.name).toBe(true);
    expect(SettingsSchema.safeParse(demoSettings).success).toBe(true);
    expect(demoSettings.start_month).toMatch(/^\d{4}-\d{2}$/);
    expect(input.settings.horizon_months).toBe(36);
    expect(input.workloads.map((w) => w.name).sort()).toEqual(['code-completion', 'enterprise-batch', 'iot-agents', 'rag-assistant']);
    expect(input.sites.some((s) => s.liquid_cooling && s.rack_kw >= 120)).toBe(true);
    expect(input.sites.some((s) => !s.liquid_cooling && s.rack_kw === 15)).toBe(true);
  });

  it('gives every demo workload at least one latency-fitting candidate (DESIGN 4)', () => {
    const none = input.workloads.filter((w) => candidates(w, input.sites, input.settings).length === 0).map((w) => w.name);
    expect(none).toEqual([]);
  });

  it('fits the live code-completion workload only with premium options', () => {
    const w = input.workloads.find((x) => x.name === 'code-completion')!;
    const fitting = catalog.options.filter((o) => latencyPoints(o, w.model).some((p) => fits(p, w)));
    expect(fitting.length).toBeGreaterThan(0);
    expect(fitting.filter((o) => o.tier !== 'premium').map((o) => o.id)).toEqual([]);
    const vendors = new Set(fitting.map((o) => o.vendor));
    for (const v of ['Cerebras', 'Groq', 'SambaNova', 'Taalas']) expect(vendors.has(v), v).toBe(true);
    // and the candidate set under all rules is non-empty and premium only
    const c = candidates(w, input.sites, input.settings);
    expect(c.length).toBeGreaterThan(0);
    expect(c.every((x) => x.option.tier === 'premium')).toBe(true);
  });

  it('serves the IoT agents with an ESP32 board whose inference runs in a cloud API', () => {
    const w = input.workloads.find((x) => x.name === 'iot-agents')!;
    expect(w.placement).toBe('edge');
    expect(w.endpoints).toBe(10000);
    const c = candidates(w, input.sites, input.settings);
    expect(c.some((x) => x.option.kind === 'edge_device' && /ESP32/.test(x.option.name))).toBe(true);
  });

  it('leaves announced hardware out until its available_from month', () => {
    const w = input.workloads.find((x) => x.name === 'enterprise-batch')!;
    const ids = candidates(w, input.sites, input.settings).map((x) => x.option.id);
    expect(ids).not.toContain('nvidia-vera-rubin-nvl72');
    const later = candidates(w, input.sites, { ...input.settings, start_month: '2027-06' });
    // still not hostable: 230 kW per rack exceeds both demo sites
    expect(later.map((x) => x.option.id)).not.toContain('nvidia-vera-rubin-nvl72');
    const bigSite = { ...input.sites[1]!, rack_kw: 240 };
    expect(candidates(w, [bigSite], { ...input.settings, start_month: '2027-06' }).map((x) => x.option.id)).toContain('nvidia-vera-rubin-nvl72');
  });

  it('has room at a site for the on-premises workload and offers systems for the batch workload', () => {
    const u = input.settings.max_utilization;
    for (const name of ['rag-assistant', 'enterprise-batch']) {
      const w = input.workloads.find((x) => x.name === name)!;
      const D = peakDemand(w, input.settings.horizon_months);
      const roomy = candidates(w, input.sites, input.settings).filter((c) => {
        if (c.option.kind !== 'system') return false;
        const s = c.option;
        const n = Math.ceil(D / (u * c.point.unit_tps!) - EPS);
        return input.sites.some((f) => {
          if (!siteFits(s, f)) return false;
          const racks = s.rack_units > f.rack_units ? n * Math.ceil(s.rack_units / f.rack_units - EPS) : Math.ceil(n / unitsPerRack(s, f));
          return n * s.max_power_kw <= f.it_power_kw && racks <= f.racks;
        });
      });
      expect(roomy.length, name).toBeGreaterThan(0);
    }
  });
});
