// Which stored plan a figure was computed for, across documents: a plan id is unique within its
// document only (every document numbers its plans from 1), so "the same plan" is the same
// document, id and solve time. The TCO view kept a figure "for the same plan" by id alone: after
// another document was opened, its plan 1 showed the first document's plan 1's figures, marked
// "updating", until its own were computed.
import type { StoredPlan } from '../../core/api.ts';

/** The key of a stored plan of the document at `doc` (null: no plan). A reloaded copy of the plan has the same key. */
export function planKey(doc: string | null, plan: Pick<StoredPlan, 'id' | 'solvedAt'> | null): string | null {
  return plan ? `${doc ?? ''}\u0000${plan.id}\u0000${plan.solvedAt}` : null;
}
