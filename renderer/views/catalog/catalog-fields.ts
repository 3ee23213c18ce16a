// What the Catalog view shows for an option: its figures with units (per kind), their
// provenance, and the edit-form fields per kind (DESIGN 3.2).
import { KINDS, TIERS, type CatalogOption, type FieldSource, type OptionKind, type Tier } from '../../../core/types.ts';
import {
  formatDecimal,
  formatKw,
  formatMoney,
  formatNumber,
  formatPrice,
  formatRatePct,
  formatUsdPerHour,
  formatUsdPerMTok,
} from '../../../core/format.ts';
import { performanceEstimate } from '../../../core/estimates.ts';
import { KIND_LABELS, TIER_TEXT } from '../../../core/labels.ts';
import type { FieldSpec } from '../../lib/ui-types.ts';

/** "Premium — latency" (the catalog's group rows show the role alone) */
export const TIER_LABELS: Record<Tier, string> = {
  premium: `${TIER_TEXT.premium.name} — ${TIER_TEXT.premium.role}`,
  commodity: `${TIER_TEXT.commodity.name} — ${TIER_TEXT.commodity.role}`,
  edge: `${TIER_TEXT.edge.name} — ${TIER_TEXT.edge.role}`,
};
export { KIND_LABELS };

/** One figure of an option, formatted, with its field name for field_sources lookups. */
export type Figure = { field: string; label: string; text: string };

type AnyOption = CatalogOption & Record<string, unknown>;

export function figures(o: CatalogOption): Figure[] {
  const x = o as AnyOption;
  switch (o.kind) {
    case 'system':
      return [
        { field: 'price_usd', label: 'Price', text: formatPrice(o.price_usd) },
        { field: 'max_power_kw', label: 'Max power', text: formatKw(o.max_power_kw) },
        { field: 'typical_power_kw', label: 'Typical power', text: formatKw(o.typical_power_kw) },
        {
          field: 'rack_units',
          label: 'Space',
          text: (o.racks_per_unit ?? 1) > 1 ? `${formatNumber(o.racks_per_unit)} whole racks (${formatNumber(o.rack_units)} U each)` : `${formatNumber(o.rack_units)} U`,
        },
        { field: 'cooling', label: 'Cooling', text: o.cooling },
        { field: 'support_pct_per_year', label: 'Support', text: `${formatRatePct(o.support_pct_per_year)} /year` },
        { field: 'lifetime_months', label: 'Lifetime', text: `${formatNumber(o.lifetime_months)} months` },
      ];
    case 'cloud_instance':
      return [{ field: 'usd_per_hour', label: 'Price', text: formatUsdPerHour(o.usd_per_hour) }];
    case 'cloud_api':
      return [
        { field: 'usd_per_m_input', label: 'Input price', text: formatUsdPerMTok(o.usd_per_m_input) },
        { field: 'usd_per_m_output', label: 'Output price', text: formatUsdPerMTok(o.usd_per_m_output) },
      ];
    case 'edge_device':
      return [
        { field: 'price_usd', label: 'Price', text: formatPrice(o.price_usd) },
        { field: 'typical_power_kw', label: 'Typical power', text: formatKw(o.typical_power_kw) },
        { field: 'lifetime_months', label: 'Lifetime', text: `${formatNumber(o.lifetime_months)} months` },
        { field: 'inference_via', label: 'Inference via', text: (x.inference_via as string | null | undefined) ?? 'on device' },
      ];
  }
}

/** The price column: what one unit costs, in the unit of its kind. */
export function priceText(o: CatalogOption): { field: string; text: string }[] {
  switch (o.kind) {
    case 'system':
    case 'edge_device':
      return [{ field: 'price_usd', text: formatPrice(o.price_usd) }];
    case 'cloud_instance':
      return [{ field: 'usd_per_hour', text: formatUsdPerHour(o.usd_per_hour) }];
    case 'cloud_api':
      return [
        { field: 'usd_per_m_input', text: `${formatMoney(o.usd_per_m_input, 2)} in` },
        { field: 'usd_per_m_output', text: `${formatMoney(o.usd_per_m_output, 2)} out /M` },
      ];
  }
}

export function powerText(o: CatalogOption): { field: string; text: string } | null {
  if (o.kind === 'system') return { field: 'max_power_kw', text: formatKw(o.max_power_kw) };
  if (o.kind === 'edge_device') return { field: 'typical_power_kw', text: formatKw(o.typical_power_kw) };
  return null;
}

/** Fastest per-user speed and largest per-unit throughput over all models' points. */
/** The option's largest per-user and per-replica speeds over all its models, each with the estimated
 *  source of the operating points it comes from (so the list marks an estimated speed). */
export function speedRange(o: CatalogOption): {
  maxUser: number | null;
  maxUnit: number | null;
  models: number;
  userEstimate?: FieldSource;
  unitEstimate?: FieldSource;
} {
  let maxUser: number | null = null;
  let maxUnit: number | null = null;
  let userEstimate: FieldSource | undefined;
  let unitEstimate: FieldSource | undefined;
  for (const p of o.performance) {
    const est = performanceEstimate(o, p.model);
    for (const pt of p.points) {
      if (maxUser == null || pt.user_tps > maxUser) {
        maxUser = pt.user_tps;
        userEstimate = est;
      }
      if (pt.unit_tps != null && (maxUnit == null || pt.unit_tps > maxUnit)) {
        maxUnit = pt.unit_tps;
        unitEstimate = est;
      }
    }
  }
  return { maxUser, maxUnit, models: o.performance.length, userEstimate, unitEstimate };
}

export function estimateOf(o: CatalogOption, field: string): FieldSource | undefined {
  const fs = o.field_sources?.[field];
  return fs?.estimate ? fs : undefined;
}

/** Link text for a source: the host of a URL, else the citation itself. */
export function sourceLabel(source: string): { href: string | null; text: string } {
  try {
    const url = new URL(source);
    if (url.protocol === 'https:' || url.protocol === 'http:') return { href: url.href, text: url.hostname.replace(/^www\./, '') };
  } catch {
    /* a citation, not a URL */
  }
  return { href: null, text: source };
}

/**
 * A source may cite several pages ("https://a/x; https://b/y", or a citation with URLs in it):
 * each URL becomes its own link, the words between them stay text.
 */
export function sourceParts(source: string): { href: string | null; text: string }[] {
  const parts: { href: string | null; text: string }[] = [];
  const text = (t: string) => {
    const s = t.replace(/^[\s;,|]+|[\s;,|]+$/g, '');
    if (s) parts.push({ href: null, text: s });
  };
  let last = 0;
  for (const m of source.matchAll(/https?:\/\/[^\s;,|<>"]+/g)) {
    text(source.slice(last, m.index));
    // sentence punctuation after a URL is not part of it
    const url = m[0].replace(/[.:)\]]+$/, '');
    parts.push(sourceLabel(url));
    last = m.index + url.length;
  }
  text(source.slice(last));
  return parts.length ? parts : [{ href: null, text: source }];
}

const common: FieldSpec[] = [
  { key: 'name', label: 'Name', type: 'text', empty: 'required', wide: true },
  { key: 'vendor', label: 'Vendor', type: 'text', empty: 'required' },
  { key: 'tier', label: 'Tier', type: 'select', options: TIERS.map((t) => ({ value: t, label: TIER_LABELS[t] })) },
  { key: 'id', label: 'Id', type: 'text', empty: 'required', hint: 'letters, digits, . _ : -' },
  { key: 'as_of', label: 'As of', type: 'text', empty: 'required', placeholder: 'YYYY-MM-DD', hint: 'date of the figures' },
  { key: 'source', label: 'Source', type: 'text', empty: 'required', wide: true, hint: 'URL or citation for the figures' },
  { key: 'available_from', label: 'Available from', type: 'text', empty: 'null', placeholder: 'YYYY-MM', hint: 'empty: orderable now' },
];

export function optionFields(kind: OptionKind, apiIds: readonly string[]): FieldSpec[] {
  const extra: FieldSpec[] = (() => {
    switch (kind) {
      case 'system':
        return [
          { key: 'price_usd', label: 'Price', type: 'number', unit: 'USD', empty: 'required' },
          { key: 'support_pct_per_year', label: 'Support', type: 'number', unit: '%/year', hint: 'of the price', empty: 'required' },
          { key: 'max_power_kw', label: 'Max power', type: 'number', unit: 'kW', empty: 'required', hint: 'nameplate, for provisioning' },
          { key: 'typical_power_kw', label: 'Typical power', type: 'number', unit: 'kW', empty: 'required', hint: 'for energy cost' },
          { key: 'rack_units', label: 'Space', type: 'number', unit: 'U', empty: 'required', hint: 'U used in each rack the unit occupies' },
          { key: 'racks_per_unit', label: 'Racks per unit', type: 'number', unit: 'racks', hint: 'whole racks one unit takes (rack-scale systems); 1 otherwise' },
          { key: 'lifetime_months', label: 'Lifetime', type: 'number', unit: 'months', empty: 'required' },
          { key: 'cooling', label: 'Cooling', type: 'select', options: [{ value: 'air', label: 'air' }, { value: 'liquid', label: 'liquid' }] },
        ] satisfies FieldSpec[];
      case 'cloud_instance':
        return [{ key: 'usd_per_hour', label: 'Price per unit-hour', type: 'number', unit: 'USD/h', empty: 'required' }] satisfies FieldSpec[];
      case 'cloud_api':
        return [
          { key: 'usd_per_m_input', label: 'Input price', type: 'number', unit: 'USD /M tokens', empty: 'required' },
          { key: 'usd_per_m_output', label: 'Output price', type: 'number', unit: 'USD /M tokens', empty: 'required' },
        ] satisfies FieldSpec[];
      case 'edge_device':
        return [
          { key: 'price_usd', label: 'Price', type: 'number', unit: 'USD', empty: 'required' },
          { key: 'typical_power_kw', label: 'Typical power', type: 'number', unit: 'kW', empty: 'required' },
          { key: 'lifetime_months', label: 'Lifetime', type: 'number', unit: 'months', empty: 'required' },
          {
            key: 'inference_via',
            label: 'Inference via',
            type: 'select',
            empty: 'null',
            options: [{ value: '', label: 'on the device' }, ...apiIds.map((id) => ({ value: id, label: id }))],
          },
        ] satisfies FieldSpec[];
    }
  })();
  return [...common, ...extra, { key: 'notes', label: 'Notes', type: 'text', empty: 'default', wide: true, hint: 'assumptions, how a figure was derived' }];
}

export const KIND_OPTIONS = KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }));

/** Where a changed figure comes from: asked for on every edit, stored as the figure's field source. */
export const EDIT_SOURCE_KINDS = [
  { value: 'quote', label: 'Vendor quote' },
  { value: 'negotiated', label: 'Negotiated price' },
  { value: 'published', label: 'Published price or spec' },
  { value: 'estimate', label: 'Our estimate' },
] as const;
export type EditSourceKind = (typeof EDIT_SOURCE_KINDS)[number]['value'];
export type EditSource = { field: string; kind: EditSourceKind; detail: string; as_of: string };

/** The figures whose values an edit changed (same kind only: a new kind is a new option). */
export function changedFigures(before: CatalogOption, after: CatalogOption): Figure[] {
  if (before.kind !== after.kind) return [];
  const a = before as AnyOption;
  const b = after as AnyOption;
  return figures(after).filter((f) => JSON.stringify(a[f.field] ?? null) !== JSON.stringify(b[f.field] ?? null));
}

/** A blocking message per figure whose source is incomplete (keyed by field). */
export function editSourceErrors(sources: readonly EditSource[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of sources) {
    if (s.kind !== 'estimate' && !s.detail.trim()) out[s.field] = 'say who quoted or published it (e.g. “Dell quote Q-1042”, a URL)';
    else if (!/^\d{4}-\d{2}(-\d{2})?$/.test(s.as_of.trim())) out[s.field] = 'date as YYYY-MM or YYYY-MM-DD';
  }
  return out;
}

/** The edited option citing the new source of each changed figure (older sources of other figures kept). */
export function withEditSources(after: CatalogOption, sources: readonly EditSource[]): CatalogOption {
  if (!sources.length) return after;
  const field_sources = { ...(after.field_sources ?? {}) };
  for (const s of sources) {
    const label = EDIT_SOURCE_KINDS.find((k) => k.value === s.kind)!.label;
    const detail = s.detail.trim();
    field_sources[s.field] = { source: detail ? `${label}: ${detail}` : label, as_of: s.as_of.trim(), estimate: s.kind === 'estimate' };
  }
  return { ...after, field_sources };
}
