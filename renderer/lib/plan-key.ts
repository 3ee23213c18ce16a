// Which stored plan a figure was computed for, across documents: a plan id is unique within its
// document only (every document numbers its plans from 1), so "the same plan" is the same id and
// solve time. The TCO view kept a figure "for the same plan" by id alone: after another document
// was opened, its plan 1 showed the first document's plan 1's figures, marked "updating", until its
// own were computed. The document's path is not in the key: the plan manager learns it apart from
// the plan, and a key that changed when it did (the same plan reloaded once the path was known)
// dropped the TCO view's figures and re-staged it under a user's slider drag. Two documents with a
// plan of the same id solved at the same millisecond hold copies of one plan (a copied file).
import type { StoredPlan } from '../../core/api.ts';

/** The key of a stored plan (null: no plan). A reloaded copy of the plan has the same key. */
export function planKey(plan: Pick<StoredPlan, 'id' | 'solvedAt'> | null): string | null {
  return plan ? `${plan.id}\u0000${plan.solvedAt}` : null;
}
