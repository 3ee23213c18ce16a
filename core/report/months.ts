// Calendar months of the report ("2026-11"), apart from the report model so the report page can
// label its charts without loading the model's dependencies (the TCO engine, the schemas).
import { addPlanMonths, formatMonth } from '../format.ts';

/** "2026-11" plus n months, as "YYYY-MM" */
export const addMonths = addPlanMonths;

/** "2026-11" → "Nov 2026" (core/format.ts: one convention for months a person reads) */
export const monthName = formatMonth;
