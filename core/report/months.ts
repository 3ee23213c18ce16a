// Calendar months of the report ("2026-11"), apart from the report model so the report page can
// label its charts without loading the model's dependencies (the TCO engine, the schemas).
import { formatMonth } from '../format.ts';

/** "2026-11" plus n months, as "YYYY-MM". */
export function addMonths(yyyymm: string, n: number): string {
  const [y, m] = yyyymm.split('-').map(Number) as [number, number];
  const t = y * 12 + (m - 1) + n;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
}

/** "2026-11" → "Nov 2026" (core/format.ts: one convention for months a person reads) */
export const monthName = formatMonth;
