// Form fields of the scenario settings (DESIGN 3.5).
import { parseNumberText } from '../../lib/form.ts';
import type { FieldSpec } from '../../lib/ui-types.ts';

export const settingsFields: FieldSpec[] = [
  { key: 'horizon_months', label: 'Horizon', type: 'number', unit: 'months', hint: '12–36' },
  { key: 'start_month', label: 'Start month', type: 'text', placeholder: 'YYYY-MM', hint: 'the first month of the plan' },
  {
    key: 'purchase_interval_months',
    label: 'Purchase interval',
    type: 'number',
    unit: 'months',
    hint: 'Hardware is bought in the start month and again at the start of each interval (every 12 months for 12); set it to the horizon to buy everything in the start month.',
  },
  {
    key: 'hardware_price_change_pct_per_year',
    label: 'Hardware price trend',
    type: 'number',
    unit: '%/year',
    hint: 'Yearly change in the price of systems and edge devices bought later: −20 makes a purchase one year on 20 % cheaper.',
  },
  {
    key: 'cloud_price_change_pct_per_year',
    label: 'Cloud price trend',
    type: 'number',
    unit: '%/year',
    hint: 'Yearly change in cloud-instance hourly rates and token-API prices, applied month by month from the start month.',
  },
  { key: 'capex_budget_usd', label: 'Capex budget', type: 'number', unit: 'USD', empty: 'null', hint: 'optional: cap on purchases and replacements in each plan year' },
  { key: 'total_budget_usd', label: 'Total budget', type: 'number', unit: 'USD', empty: 'null', hint: 'optional: cap on the horizon cost' },
  {
    key: 'max_utilization',
    label: 'Max utilization',
    type: 'number',
    unit: '%',
    scale: 100,
    hint: 'share of capacity usable at peak, 0 < u ≤ 100 % (default 100 %: capacity is already sized for peak demand; lower it to keep headroom)',
    // the box is in percent: 0.8 here is 0.8 %, most likely a share typed as stored (80 %)
    warn: (text) => {
      const n = parseNumberText(text);
      if (n === undefined || n <= 0 || n >= 1) return undefined;
      // the percent it most likely means, unrounded: 0.875 → 87.5, not 88
      const pct = String(Number((n * 100).toPrecision(12)));
      return `${String(n)} % of capacity — for ${pct} % type ${pct}`;
    },
  },
  { key: 'discount_rate_pct', label: 'Discount rate', type: 'number', unit: '%/year', hint: 'default 0' },
  { key: 'edge_usd_per_kwh', label: 'Edge electricity price', type: 'number', unit: '$/kWh', hint: 'default 0.15' },
  { key: 'unserved_penalty_usd_per_month', label: 'Unserved penalty', type: 'number', unit: 'USD/month', empty: 'null', hint: 'empty: every workload must be served' },
  { key: 'time_limit_s', label: 'Solver time limit', type: 'number', unit: 's', hint: 'default 60' },
  { key: 'page_size', label: 'PDF page size', type: 'select', options: [{ value: 'A4', label: 'A4' }, { value: 'Letter', label: 'Letter' }] },
  { key: 'residual_value', label: 'Count residual value of hardware at the horizon', type: 'checkbox', wide: true },
];
