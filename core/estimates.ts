// Which catalog figures are estimates. A figure with its own provenance has an entry in the option's
// field_sources (docs/model.md §1), keyed by the field's name; an operating point's entry is keyed
// `performance.<model>.<label>` (the label names where the figure came from, e.g. `.offline`), or
// `performance.<model>` alone.
import type { CatalogOption, FieldSource } from './types.ts';

/** The first estimated source among the operating points of `model` on option `o`, if any. */
export function performanceEstimate(o: Pick<CatalogOption, 'field_sources'>, model: string): FieldSource | undefined {
  const exact = `performance.${model}`;
  for (const [key, fs] of Object.entries(o.field_sources ?? {})) {
    if (fs.estimate && (key === exact || key.startsWith(`${exact}.`))) return fs;
  }
  return undefined;
}
