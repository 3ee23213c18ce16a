// A reason for a workload nothing can serve names a few options and counts the rest ("… and 17
// more"); Results gives every option under it, in a "Every option" toggle. Whether a reason has a
// fuller one is told from its words; the fuller one is worked out (sizing that workload alone) only
// when someone opens the toggle, once: working them all out whenever a plan was shown froze the view
// for most of a second at 10,000 workloads.
import { countsUnnamedOptions, fullNoCandidateReason } from '../../../core/optimizer/explain.ts';
import type { PlanInput } from '../../../core/types.ts';

export type FullReasons = {
  /** whether the reason names fewer options than it counts (then it has a toggle); computes nothing */
  offers: (reason: string) => boolean;
  /** the reason naming every option (a `reasons[]` line "workload: …", or `workload`'s unserved reason) */
  full: (reason: string, workload?: string) => string;
};

/** The full reasons of a plan solved from `input` (null: none), each computed when first asked for. */
export function fullReasonsOnDemand(input: PlanInput | null, compute: typeof fullNoCandidateReason = fullNoCandidateReason): FullReasons {
  const done = new Map<string, string>();
  return {
    offers: (reason) => input != null && countsUnnamedOptions(reason),
    full: (reason, workload) => {
      if (input == null) return reason;
      const key = `${workload ?? ''}\u0000${reason}`;
      let text = done.get(key);
      if (text === undefined) {
        text = compute(input, reason, workload);
        done.set(key, text);
      }
      return text;
    },
  };
}
