// The three tiers of DESIGN.md (premium latency, commodity throughput, edge), apart from the schemas
// (types.ts re-exports them) so a chart can list tiers without loading zod.
export const TIERS = ['premium', 'commodity', 'edge'] as const;
export type Tier = (typeof TIERS)[number];
