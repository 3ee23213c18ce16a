// The words for the domain's fixed lists (tiers, option kinds), defined once as Record<…> so a new
// tier or kind does not compile until it is named here. Each screen picks a form: the short name
// (charts, badges), the name with its role (report: "Premium (latency)", catalog editor:
// "Premium — latency"), the kind's long or short label.
// types only: the PDF report page imports this file and must not load the schemas (zod)
import type { OptionKind, PlanStatus, Tier } from './types.ts';

export const TIER_TEXT: Record<Tier, { name: string; role: string }> = {
  premium: { name: 'Premium', role: 'latency' },
  commodity: { name: 'Commodity', role: 'throughput' },
  edge: { name: 'Edge', role: 'ambient' },
};

export const KIND_TEXT: Record<OptionKind, { label: string; short: string }> = {
  system: { label: 'System (bought)', short: 'System' },
  cloud_instance: { label: 'Cloud instance', short: 'Cloud instance' },
  cloud_api: { label: 'Token API', short: 'Token API' },
  edge_device: { label: 'Edge device', short: 'Edge device' },
};

function mapRecord<K extends string, A, B>(r: Record<K, A>, f: (a: A) => B): Record<K, B> {
  return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, f(v as A)])) as Record<K, B>;
}

/** "Premium" */
export const TIER_NAMES: Record<Tier, string> = mapRecord(TIER_TEXT, (t) => t.name);
/** "Premium (latency)" */
export const TIER_LABELS: Record<Tier, string> = mapRecord(TIER_TEXT, (t) => `${t.name} (${t.role})`);
/** "System (bought)" */
export const KIND_LABELS: Record<OptionKind, string> = mapRecord(KIND_TEXT, (k) => k.label);
/** "System" */
export const KIND_SHORT_LABELS: Record<OptionKind, string> = mapRecord(KIND_TEXT, (k) => k.short);

/**
 * A scenario's latest run when it found no plan, in a word or two (the scenario list, Settings'
 * badge); null for a run with a plan, or none. Such a run was listed as "plan" / "planned".
 */
export function runWithoutPlanLabel(status: PlanStatus | null): string | null {
  return status === 'infeasible' ? 'infeasible' : status === 'no_plan' ? 'no plan found' : null;
}

export const SOLVED_WITHOUT_WORKLOADS = {
  title: 'The plan serves no workloads',
  text: 'This plan was solved with no workloads: it serves none, so there is no fleet and no cost to show. Add at least one workload, then optimize.',
} as const;
