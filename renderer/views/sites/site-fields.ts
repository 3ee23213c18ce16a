// Form fields and table columns of a site (DESIGN 3.4).
import type { Site } from '../../../core/types.ts';
import { formatCompact, formatDecimal, formatKw, formatMoney, formatNumber } from '../../../core/format.ts';
import type { Column, FieldSpec } from '../../lib/ui-types.ts';

export const siteFields: FieldSpec[] = [
  { key: 'name', label: 'Name', type: 'text', empty: 'required', placeholder: 'e.g. Frankfurt DC2', wide: true },
  { key: 'it_power_kw', label: 'IT power available', type: 'number', unit: 'kW', empty: 'required', hint: 'for new hardware' },
  { key: 'racks', label: 'Racks available', type: 'number', unit: 'racks', empty: 'required' },
  { key: 'rack_units', label: 'Usable space per rack', type: 'number', unit: 'U', hint: 'default 42' },
  { key: 'rack_kw', label: 'Power limit per rack', type: 'number', unit: 'kW', hint: 'default 15' },
  { key: 'pue', label: 'PUE', type: 'number', hint: 'power usage effectiveness, ≥ 1 (default 1.4)' },
  { key: 'usd_per_kwh', label: 'Electricity price', type: 'number', unit: '$/kWh', hint: 'default 0.10' },
  { key: 'usd_per_rack_month', label: 'Space cost', type: 'number', unit: '$/rack/month', hint: 'default 0' },
  { key: 'liquid_cooling', label: 'Liquid cooling available', type: 'checkbox', hint: 'needed by liquid-cooled systems' },
];

export const NEW_SITE = {
  name: '',
  it_power_kw: '',
  racks: '',
  rack_units: 42,
  rack_kw: 15,
  liquid_cooling: false,
  pue: 1.4,
  usd_per_kwh: 0.1,
  usd_per_rack_month: 0,
};

/** A value too long for its column in full is shown compact (1e9 kW → "1.00B"), never cut. */
function fit(value: number, full: string, maxChars: number, unit = ''): string {
  return full.length <= maxChars ? full : `${formatCompact(value)}${unit}`;
}

export const siteColumns: Column<Site>[] = [
  { id: 'name', label: 'Name', width: 'minmax(200px, 2fr)', value: (s) => s.name },
  { id: 'it_power_kw', label: 'IT power', numeric: true, width: '120px', value: (s) => s.it_power_kw, format: (s) => fit(s.it_power_kw, formatKw(s.it_power_kw), 12, ' kW') },
  { id: 'racks', label: 'Racks', numeric: true, width: '80px', value: (s) => s.racks, format: (s) => fit(s.racks, formatNumber(s.racks), 7) },
  { id: 'rack_units', label: 'Per rack', unit: 'U', numeric: true, width: '90px', value: (s) => s.rack_units, format: (s) => fit(s.rack_units, formatNumber(s.rack_units), 7) },
  { id: 'rack_kw', label: 'Per rack', unit: 'kW', numeric: true, width: '96px', value: (s) => s.rack_kw, format: (s) => fit(s.rack_kw, formatDecimal(s.rack_kw, 1), 8) },
  { id: 'liquid_cooling', label: 'Liquid', width: '76px', value: (s) => (s.liquid_cooling ? 'yes' : 'no') },
  { id: 'pue', label: 'PUE', numeric: true, width: '70px', value: (s) => s.pue, format: (s) => fit(s.pue, formatDecimal(s.pue, 2), 5) },
  { id: 'usd_per_kwh', label: 'Energy', unit: '$/kWh', numeric: true, width: '110px', value: (s) => s.usd_per_kwh, format: (s) => formatMoney(s.usd_per_kwh, Number.isInteger(Math.round(s.usd_per_kwh * 1e6) / 1e4) ? 2 : 3) },
  { id: 'usd_per_rack_month', label: 'Space', unit: '$/rack/mo', numeric: true, width: '130px', value: (s) => s.usd_per_rack_month, format: (s) => fit(s.usd_per_rack_month, formatMoney(s.usd_per_rack_month), 11, '').replace(/^(?=\d)/, '$') },
];
