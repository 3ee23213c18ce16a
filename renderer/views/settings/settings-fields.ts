// Form fields of the scenario settings (DESIGN 3.5).
import type { FieldSpec } from '../../lib/ui-types.ts';

export const settingsFields: FieldSpec[] = [
  { key: 'horizon_months', label: 'Horizon', type: 'number', unit: 'months', hint: '12–36' },
  { key: 'start_month', label: 'Start month', type: 'text', placeholder: 'YYYY-MM', hint: 'the first month of the plan' },
  { key: 'capex_budget_usd', label: 'Capex budget', type: 'number', unit: 'USD', empty: 'null', hint: 'optional: cap on purchases' },
  { key: 'total_budget_usd', label: 'Total budget', type: 'number', unit: 'USD', empty: 'null', hint: 'optional: cap on the horizon cost' },
  { key: 'max_utilization', label: 'Max utilization', type: 'number', unit: '%', scale: 100, hint: 'share of capacity usable at peak, 0 < u ≤ 100 % (default 100 %: capacity is already sized for peak demand; lower it to keep headroom)' },
  { key: 'discount_rate_pct', label: 'Discount rate', type: 'number', unit: '%/year', hint: 'default 0' },
  { key: 'edge_usd_per_kwh', label: 'Edge electricity price', type: 'number', unit: '$/kWh', hint: 'default 0.15' },
  { key: 'unserved_penalty_usd_per_month', label: 'Unserved penalty', type: 'number', unit: 'USD/month', empty: 'null', hint: 'empty: every workload must be served' },
  { key: 'time_limit_s', label: 'Solver time limit', type: 'number', unit: 's', hint: 'default 60' },
  { key: 'page_size', label: 'PDF page size', type: 'select', options: [{ value: 'A4', label: 'A4' }, { value: 'Letter', label: 'Letter' }] },
  { key: 'residual_value', label: 'Count residual value of hardware at the horizon', type: 'checkbox', wide: true },
];
