// Test helpers (not shipped): temp folders and a tiny catalog that exercises every option kind.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Catalog } from '../../core/types.ts';
import type { SeedProvider } from './document.ts';

export function tempDir(prefix = 'fleetplan-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export const stubCatalog: Catalog = {
  models: [
    { id: 'llama-3.3-70b', params_b: 70, active_params_b: 70 },
    { id: 'mixtral-8x7b', params_b: 46.7, active_params_b: 12.9 },
  ],
  options: [
    {
      id: 'hgx-h100', name: 'HGX H100 8-GPU', vendor: 'NVIDIA', tier: 'commodity', kind: 'system',
      source: 'https://example.com/h100', as_of: '2025-06', rack_units: 8, racks_per_unit: 1, max_power_kw: 10.2, typical_power_kw: 7.5,
      cooling: 'air', price_usd: 250000, support_pct_per_year: 10, lifetime_months: 48,
      field_sources: { price_usd: { source: 'negotiated quote', as_of: '2025-05', estimate: true, note: 'list −20 %' } },
      performance: [
        { model: 'llama-3.3-70b', units_per_replica: 1, points: [{ user_tps: 30, unit_tps: 6000, ttft_ms: 400 }, { user_tps: 80, unit_tps: 2500, ttft_ms: 250 }] },
        { model: 'mixtral-8x7b', units_per_replica: 1, points: [{ user_tps: 60, unit_tps: 9000, ttft_ms: 200 }] },
      ],
    },
    {
      id: 'gpu-cloud', name: 'H100 cloud instance', vendor: 'Cloud', tier: 'commodity', kind: 'cloud_instance',
      source: 'https://example.com/cloud', as_of: '2025-06', available_from: '2025-01', usd_per_hour: 98.3,
      performance: [{ model: 'llama-3.3-70b', units_per_replica: 1, points: [{ user_tps: 30, unit_tps: 6000, ttft_ms: 400 }] }],
    },
    {
      id: 'fast-api', name: 'Fast API', vendor: 'Cerebras', tier: 'premium', kind: 'cloud_api',
      source: 'https://example.com/api', as_of: '2025-06', usd_per_m_input: 0.85, usd_per_m_output: 1.2,
      notes: 'list price',
      performance: [{ model: 'llama-3.3-70b', units_per_replica: 1, points: [{ user_tps: 2000, unit_tps: null, ttft_ms: 200 }] }],
    },
    {
      id: 'esp32-agent', name: 'ESP32 agent board', vendor: 'Espressif', tier: 'edge', kind: 'edge_device',
      source: 'https://example.com/esp32', as_of: '2025-06', price_usd: 8, typical_power_kw: 0.0005, lifetime_months: 36,
      inference_via: 'fast-api', performance: [],
    },
  ],
};

export const stubSeed: SeedProvider = (demo) => ({
  catalog: stubCatalog,
  demo: demo
    ? {
        workloads: [
          { name: 'chat', model: 'llama-3.3-70b', avg_output_tps: 5000 },
          { name: 'voice', model: 'llama-3.3-70b', avg_output_tps: 800, max_latency_ms: 600, tiers: ['premium'] },
        ],
        sites: [{ name: 'dc-1', it_power_kw: 400, racks: 20 }],
        settings: { start_month: '2026-01', horizon_months: 24 },
      }
    : undefined,
});
