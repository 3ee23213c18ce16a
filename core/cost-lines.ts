// The cost lines of DESIGN.md section 6 and their names, apart from the cost formulas (cost.ts
// re-exports them) so a chart can name its lines without loading the formulas and the schemas.
export const COST_LINES = [
  'system_capex',
  'system_replacement',
  'system_energy',
  'system_support',
  'system_space',
  'cloud_instances',
  'api_tokens',
  'edge_capex',
  'edge_energy',
  'edge_inference',
  'residual_credit',
] as const;
export type CostLine = (typeof COST_LINES)[number];
export const COST_LINE_LABELS: Record<CostLine, string> = {
  system_capex: 'System capex',
  system_replacement: 'System replacement',
  system_energy: 'System energy',
  system_support: 'System support',
  system_space: 'Rack space',
  cloud_instances: 'Cloud instances',
  api_tokens: 'API tokens',
  edge_capex: 'Edge devices',
  edge_energy: 'Edge energy',
  edge_inference: 'Edge inference (API)',
  residual_credit: 'Residual credit',
};
