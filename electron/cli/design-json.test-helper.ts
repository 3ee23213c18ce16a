// The JSON the fleetplan command writes, typed from DESIGN 8 alone (not from core/), for the tests
// that check it as an outsider would: optimize --json and tco --json.
export type Lines = Record<string, number>;
export type DesignPlan = {
  status: string; objective_usd: number; periods: { period: number; start_month: number; months: number }[];
  assignments: { workload: string; period: number; option: string; model: string; site: string | null; user_tps: number; unit_tps: number | null }[];
  purchases: { period: number; site: string; option: string; model: string; replicas: number; units: number }[];
  pools: { period: number; site: string; option: string; model: string; units: number }[];
  cloud: { month: number; option: string; model: string; instances: number }[];
  edge: { workload: string; option: string; period: number; devices: number }[];
  unserved: { workload: string; period: number; reason: string }[];
  sites: { site: string; period: number; power_kw_used: number; racks_used: number; racks: { units: { option: string; model: string }[]; u_used: number; kw_used: number; spans: number }[] }[];
  totals: { capex_usd: number; horizon_cost_usd: number };
  reasons?: string[];
};
export type DesignTco = {
  totals: { horizon_cost_usd: number; undiscounted_usd: number; capex_usd: number; residual_credit_usd: number };
  months: { month: number; total_usd: number; lines: Lines }[];
  /** DESIGN 6's two baselines (DESIGN 8: tco --json writes "at least" the fields above) */
  baselines?: { id: string; status: string; reason: string | null; saving_usd: number | null }[];
};
