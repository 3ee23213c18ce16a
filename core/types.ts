// Domain entities of DESIGN.md section 3 with their zod schemas: the one definition every
// layer validates against (catalog JSON, CSV rows, API arguments, the plan document).
import { z } from 'zod';
import { nameText, unsafeCharIn } from './names.ts';

import { TIERS, type Tier } from './tiers.ts';

export { TIERS, type Tier };
export const KINDS = ['system', 'cloud_instance', 'cloud_api', 'edge_device'] as const;
export type OptionKind = (typeof KINDS)[number];
export const PLACEMENTS = ['any', 'onprem', 'cloud', 'edge'] as const;
export type Placement = (typeof PLACEMENTS)[number];

// Messages for zod's built-in checks, for every boundary (CSV rows, catalog JSON, API, settings):
// a missing field "is required", 1e999 "must be a finite number", an enum names its values.
// Messages given on a schema (e.g. 'must be > 0') take precedence over these.
z.config({
  customError: (iss) => {
    if (iss.code === 'invalid_type') {
      if (iss.input === undefined) return 'is required';
      if (iss.expected === 'number') return typeof iss.input === 'number' ? 'must be a finite number' : 'must be a number';
    }
    if (iss.code === 'invalid_value' && iss.values.length > 1 && iss.values.every((v) => typeof v === 'string')) {
      const v = iss.values as string[];
      return v.length === 2 ? `must be ${v[0]} or ${v[1]}` : `must be one of ${v.join(', ')}`;
    }
    return undefined;
  },
});

/**
 * The sane range of every number a user or a catalog supplies: upper bounds far above any real
 * fleet, low enough that no computation's time or memory can blow up on a typo (1e14 tok/s).
 * Documented in docs/limits.md; a value outside is refused at import with its line and field.
 */
export const SANE = {
  tps: 1e8,
  unit_tps: 1e9,
  ms: 3_600_000,
  peak_to_avg: 100,
  input_per_output: 10_000,
  response_tokens: 1e7,
  monthly_growth_pct: 50,
  endpoints: 1e7,
  kw: 1e7,
  racks: 1_000_000,
  rack_units: 100,
  rack_kw: 1_000,
  /** one system unit's power: a rack-scale unit may span several racks */
  unit_kw: 10_000,
  racks_per_unit: 1_000,
  pue: 5,
  usd_per_kwh: 10,
  usd: 1e12,
  usd_per_hour: 1e5,
  usd_per_m_tokens: 1e5,
  pct: 100,
  lifetime_months: 240,
  params_b: 1e5,
  time_limit_s: 86_400,
  /**
   * A price trend's rise per year: +1,000 % makes a price 11× a year later, 1,331× over 36 months.
   * Unbounded, +1e300 % made every later price Infinity (optimize: "colCost[5] must be a number",
   * export-lp an internal error) and +1e9 % cloud prices of 1e24 USD that CBC called infeasible.
   */
  price_change_pct_per_year: 1_000,
} as const;
const le = (n: number) => `must be ≤ ${n.toLocaleString('en-US')}`;

const yyyymm = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected a month as YYYY-MM');
/** Names and other short text: NFC, trimmed, no control or bidi characters (core/names.ts). */
const nonEmpty = nameText;
const nonNeg = z.number().finite().min(0, 'must be ≥ 0');
const positive = z.number().finite().gt(0, 'must be > 0');
/** A lifetime shorter than a month would buy several units within one month of the plan. */
const lifetime = z.number().finite().min(1, 'must be ≥ 1 month');

export const ModelSchema = z.object({
  id: nonEmpty,
  params_b: positive.max(SANE.params_b, le(SANE.params_b)),
  active_params_b: positive.max(SANE.params_b, le(SANE.params_b)),
});
export type Model = z.infer<typeof ModelSchema>;

/** One operating point of an option serving one model (DESIGN 3.2). */
export const PointSchema = z.object({
  user_tps: positive.max(SANE.tps, le(SANE.tps)),
  /** null/absent for a cloud_api: no capacity limit for the buyer */
  unit_tps: positive.max(SANE.unit_tps, le(SANE.unit_tps)).nullable().optional(),
  ttft_ms: nonNeg.max(SANE.ms, le(SANE.ms)),
});
export type OperatingPoint = z.infer<typeof PointSchema>;

export const PerformanceSchema = z.object({
  model: nonEmpty,
  /** units that together hold one copy of the model (systems and cloud instances; DESIGN 3.2) */
  units_per_replica: z.number().int('must be a whole number').min(1, 'must be ≥ 1').default(1),
  points: z.array(PointSchema).min(1, 'needs at least one operating point'),
});
export type Performance = z.infer<typeof PerformanceSchema>;

export const FieldSourceSchema = z.object({
  source: nonEmpty,
  as_of: z.string().trim().min(1),
  estimate: z.boolean().default(false),
  note: z.string().optional(),
});
export type FieldSource = z.infer<typeof FieldSourceSchema>;

const optionBase = {
  id: z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'use letters, digits, . _ : -'),
  name: nonEmpty,
  vendor: nonEmpty,
  tier: z.enum(TIERS),
  source: nonEmpty,
  as_of: z.string().trim().min(1, 'is required'),
  available_from: yyyymm.nullable().optional(),
  field_sources: z.record(z.string(), FieldSourceSchema).optional(),
  /** free text shown beside the entry: assumptions, how a figure was derived */
  notes: z.string().optional(),
  performance: z.array(PerformanceSchema).default([]),
};

export const SystemOptionSchema = z.object({
  ...optionBase,
  kind: z.literal('system'),
  rack_units: positive.max(SANE.rack_units, le(SANE.rack_units)),
  /** whole racks one unit occupies (rack-scale systems); the unit is charged max_power_kw over all of them */
  racks_per_unit: z.number().int('must be a whole number').min(1, 'must be ≥ 1').max(SANE.racks_per_unit, le(SANE.racks_per_unit)).default(1),
  max_power_kw: nonNeg.max(SANE.unit_kw, le(SANE.unit_kw)),
  typical_power_kw: nonNeg.max(SANE.unit_kw, le(SANE.unit_kw)),
  cooling: z.enum(['air', 'liquid']),
  price_usd: nonNeg.max(SANE.usd, le(SANE.usd)),
  support_pct_per_year: nonNeg.max(SANE.pct, le(SANE.pct)),
  lifetime_months: lifetime.max(SANE.lifetime_months, le(SANE.lifetime_months)),
});
export const CloudInstanceOptionSchema = z.object({
  ...optionBase,
  kind: z.literal('cloud_instance'),
  usd_per_hour: nonNeg.max(SANE.usd_per_hour, le(SANE.usd_per_hour)),
});
export const CloudApiOptionSchema = z.object({
  ...optionBase,
  kind: z.literal('cloud_api'),
  usd_per_m_input: nonNeg.max(SANE.usd_per_m_tokens, le(SANE.usd_per_m_tokens)),
  usd_per_m_output: nonNeg.max(SANE.usd_per_m_tokens, le(SANE.usd_per_m_tokens)),
});
export const EdgeDeviceOptionSchema = z.object({
  ...optionBase,
  kind: z.literal('edge_device'),
  price_usd: nonNeg.max(SANE.usd, le(SANE.usd)),
  typical_power_kw: nonNeg.max(SANE.rack_kw, le(SANE.rack_kw)),
  lifetime_months: lifetime.max(SANE.lifetime_months, le(SANE.lifetime_months)),
  inference_via: z.string().trim().min(1).nullable().optional(),
});
export const OptionSchema = z.discriminatedUnion('kind', [
  SystemOptionSchema,
  CloudInstanceOptionSchema,
  CloudApiOptionSchema,
  EdgeDeviceOptionSchema,
]);
export type SystemOption = z.infer<typeof SystemOptionSchema>;
export type CloudInstanceOption = z.infer<typeof CloudInstanceOptionSchema>;
export type CloudApiOption = z.infer<typeof CloudApiOptionSchema>;
export type EdgeDeviceOption = z.infer<typeof EdgeDeviceOptionSchema>;
export type CatalogOption = z.infer<typeof OptionSchema>;

export const CatalogSchema = z.object({
  models: z.array(ModelSchema),
  options: z.array(OptionSchema),
});
export type Catalog = z.infer<typeof CatalogSchema>;

/** Separator of the model ids a workload accepts (DESIGN 3.3: `a|b`). */
export const MODEL_SEPARATOR = '|';
/**
 * A workload's model field stays the string users wrote (`a|b`), so CSV and JSON round-trip it
 * unchanged; workloadModels(w) is the one place that splits it.
 */
const modelList = z
  .string()
  .normalize('NFC')
  .trim()
  .min(1, 'is required')
  .refine((s) => unsafeCharIn(s) === null, 'contains a control or bidi character; names cannot hold them')
  .refine((s) => s.split(MODEL_SEPARATOR).every((m) => m.trim().length > 0), 'lists an empty model id (use a|b)')
  .transform((s) => s.split(MODEL_SEPARATOR).map((m) => m.trim()).join(MODEL_SEPARATOR));

/** The model ids a workload accepts, in the order written, without duplicates. */
export function workloadModels(w: { model: string }): string[] {
  return [...new Set(w.model.split(MODEL_SEPARATOR).map((m) => m.trim()).filter((m) => m.length > 0))];
}

/** A row of the workload CSV (DESIGN 3.3), defaults applied. */
export const WorkloadSchema = z.object({
  name: nonEmpty,
  /** one model id, or several separated by `|` (any of them serves the workload): see workloadModels */
  model: modelList,
  avg_output_tps: positive.max(SANE.tps, le(SANE.tps)),
  peak_to_avg: z.number().finite().min(1, 'must be ≥ 1').max(SANE.peak_to_avg, le(SANE.peak_to_avg)).default(1.5),
  input_per_output: nonNeg.max(SANE.input_per_output, le(SANE.input_per_output)).default(3),
  response_tokens: positive.max(SANE.response_tokens, le(SANE.response_tokens)).default(250),
  max_latency_ms: positive.max(SANE.ms, le(SANE.ms)).nullable().default(null),
  monthly_growth_pct: z
    .number()
    .finite()
    .gt(-100, 'must be > −100')
    .max(SANE.monthly_growth_pct, le(SANE.monthly_growth_pct))
    .default(0),
  placement: z.enum(PLACEMENTS).default('any'),
  tiers: z.array(z.enum(TIERS)).min(1, 'needs at least one tier').default([...TIERS]),
  endpoints: z.number().int('must be a whole number').min(0, 'must be ≥ 0').max(SANE.endpoints, le(SANE.endpoints)).default(0),
});
export type Workload = z.infer<typeof WorkloadSchema>;
export type WorkloadInput = z.input<typeof WorkloadSchema>;

/** A row of the sites CSV (DESIGN 3.4), defaults applied. */
export const SiteSchema = z.object({
  name: nonEmpty,
  it_power_kw: nonNeg.max(SANE.kw, le(SANE.kw)),
  racks: z.number().int('must be a whole number').min(0, 'must be ≥ 0').max(SANE.racks, le(SANE.racks)),
  rack_units: positive.max(SANE.rack_units, le(SANE.rack_units)).default(42),
  rack_kw: positive.max(SANE.rack_kw, le(SANE.rack_kw)).default(15),
  liquid_cooling: z.boolean().default(false),
  pue: z.number().finite().min(1, 'must be ≥ 1').max(SANE.pue, le(SANE.pue)).default(1.4),
  usd_per_kwh: nonNeg.max(SANE.usd_per_kwh, le(SANE.usd_per_kwh)).default(0.1),
  usd_per_rack_month: nonNeg.max(SANE.usd_per_hour * 10, le(SANE.usd_per_hour * 10)).default(0),
});
export type Site = z.infer<typeof SiteSchema>;
export type SiteInput = z.input<typeof SiteSchema>;

export function currentMonth(now = new Date()): string {
  return `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
}

export const PAGE_SIZES = ['A4', 'Letter'] as const;
/** 'a4', ' letter ' → 'A4', 'Letter', null when neither: the one rule of page_size and `report --page` */
export function readPageSize(s: string): (typeof PAGE_SIZES)[number] | null {
  const t = s.trim().toLowerCase();
  return PAGE_SIZES.find((p) => p.toLowerCase() === t) ?? null;
}
/** any case is accepted, the stored value is canonical */
const pageSize = z
  .string()
  .trim()
  .transform((s) => readPageSize(s) ?? s)
  .pipe(z.enum(PAGE_SIZES));

/** A yearly price change in %: −20 is 20 % cheaper a year later; −100 or below would make prices vanish. */
const pctPerYear = z
  .number()
  .finite()
  .gt(-100, 'must be > −100')
  .max(SANE.price_change_pct_per_year, le(SANE.price_change_pct_per_year))
  .default(0);

/** Scenario settings (DESIGN 3.5). Optional settings are null when cleared. */
export const SettingsSchema = z
  .object({
  horizon_months: z.number().int('must be a whole number').min(12, 'must be 12–36').max(36, 'must be 12–36').default(36),
  start_month: yyyymm.default(() => currentMonth()),
  /** hardware is bought at months 0, I, 2I, …; I = horizon buys everything at month 0 */
  purchase_interval_months: z.number().int('must be a whole number').min(1, 'must be 1–36').max(36, 'must be 1–36').default(12),
  hardware_price_change_pct_per_year: pctPerYear,
  cloud_price_change_pct_per_year: pctPerYear,
  capex_budget_usd: nonNeg.max(SANE.usd, le(SANE.usd)).nullable().default(null),
  total_budget_usd: nonNeg.max(SANE.usd, le(SANE.usd)).nullable().default(null),
  max_utilization: z.number().finite().gt(0, 'must be > 0').max(1, 'must be ≤ 1').default(1),
  discount_rate_pct: nonNeg.max(SANE.pct, le(SANE.pct)).default(0),
  residual_value: z.boolean().default(true),
  edge_usd_per_kwh: nonNeg.max(SANE.usd_per_kwh, le(SANE.usd_per_kwh)).default(0.15),
  unserved_penalty_usd_per_month: nonNeg.max(SANE.usd, le(SANE.usd)).nullable().default(null),
  time_limit_s: positive.max(SANE.time_limit_s, le(SANE.time_limit_s)).default(60),
  page_size: pageSize.default('A4'),
  })
  .superRefine((s, ctx) => {
    if (s.purchase_interval_months > s.horizon_months) {
      ctx.addIssue({
        code: 'custom',
        path: ['purchase_interval_months'],
        message: `must be at most the horizon (${s.horizon_months} months)`,
      });
    }
  });
export type Settings = z.infer<typeof SettingsSchema>;

/**
 * A scenario that buys once (interval = horizon) keeps buying once when only its horizon changes;
 * an interval the change sets itself is kept as given. The one place this rule lives (the
 * repository and the Settings form both apply it).
 */
export function keepBuyingOnce<T extends Partial<Settings>>(prev: Pick<Settings, 'horizon_months' | 'purchase_interval_months'>, next: T): T {
  const buysOnce = prev.purchase_interval_months === prev.horizon_months;
  if (buysOnce && next.purchase_interval_months === prev.purchase_interval_months && typeof next.horizon_months === 'number') {
    return { ...next, purchase_interval_months: next.horizon_months };
  }
  return next;
}
export const OPTIONAL_SETTINGS = ['capex_budget_usd', 'total_budget_usd', 'unserved_penalty_usd_per_month'] as const;

type SettingsShape = typeof SettingsSchema.shape;
/**
 * A partial settings update: only the keys given (zod 4's .partial() would still fill in every
 * default and so reset untouched settings). null clears an optional setting.
 */
export const SettingsPatchSchema = z
  .object(
    Object.fromEntries(Object.entries(SettingsSchema.shape).map(([k, v]) => [k, v.unwrap().optional()])) as {
      [K in keyof SettingsShape]: z.ZodOptional<ReturnType<SettingsShape[K]['unwrap']>>;
    },
  )
  .strict();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

/** Everything a solve or a TCO run needs: a plain data snapshot, never a DB handle. */
export type PlanInput = {
  catalog: Catalog;
  workloads: Workload[];
  sites: Site[];
  settings: Settings;
};

export const PLAN_STATUSES = ['optimal', 'time_limit', 'no_plan', 'infeasible'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/**
 * The solved plan (DESIGN 8 v2): what `fleetplan optimize --json` writes (see optimizeJson in
 * core/optimizer/plan-json.ts) plus explanations. Periods are 0-based; months are 0-based month
 * indices into the horizon. Every row that can change over time carries its period (or month).
 */
export type PlanPeriod = { period: number; start_month: number; months: number };
export type Assignment = {
  workload: string;
  period: number;
  option: string;
  /** the model served (one of the workload's models) */
  model: string;
  site: string | null;
  user_tps: number;
  unit_tps: number | null;
  ttft_ms: number;
  tier: Tier;
  kind: OptionKind;
};
/** Replicas of a system bought for a model at a site at the start of a period (units = replicas × R). */
export type Purchase = { period: number; site: string; option: string; model: string; replicas: number; units: number };
/** Units owned in a period (all purchases up to and including it). */
export type Pool = { period: number; site: string; option: string; model: string; units: number };
/** Whole cloud instances rented in a month (a multiple of the option's units_per_replica). */
export type CloudRental = { month: number; option: string; model: string; instances: number };
/** Edge devices bought for a workload's endpoints at the start of a period (re-bought each lifetime). */
export type EdgePurchase = { workload: string; option: string; period: number; devices: number };
export type Unserved = { workload: string; period: number; reason: string };
export type RackLayout = {
  option: string;
  units: { option: string; model: string }[];
  /** U used in each rack */
  u_used: number;
  /** kW of the whole unit(s) listed */
  kw_used: number;
  /** racks one listed unit takes (racks_per_unit); 1 otherwise */
  spans: number;
};
export type SiteUse = {
  site: string;
  period: number;
  power_kw_used: number;
  power_kw_limit: number;
  racks_used: number;
  racks_limit: number;
  racks: RackLayout[];
};
export type BindingConstraint = {
  constraint: string;
  detail: string;
  /** what the limit costs over the horizon: the plan's objective minus a re-solve's without it */
  cost_usd?: number;
  /** the cost is not proven (a re-solve or the plan itself stopped before optimality) */
  estimate?: boolean;
  site?: string;
  /** site limits: the periods (0-based) in which the plan is at the limit */
  periods?: number[];
  /** the capex budget: the plan years (0-based) in which the plan spends close to it */
  years?: number[];
};
export type PlanResult = {
  status: PlanStatus;
  objective_usd: number | null;
  bound_usd: number | null;
  gap: number | null;
  solve_ms: number;
  periods: PlanPeriod[];
  assignments: Assignment[];
  purchases: Purchase[];
  pools: Pool[];
  cloud: CloudRental[];
  edge: EdgePurchase[];
  unserved: Unserved[];
  sites: SiteUse[];
  totals: { capex_usd: number; horizon_cost_usd: number };
  /** for status infeasible/no_plan: why, in words a planner can act on */
  reasons?: string[];
  binding?: BindingConstraint[];
  /** set once binding limits were checked by re-solving: why none binds, or what went unchecked */
  binding_note?: string;
  /** for status time_limit: whether the user stopped the search or the time limit did (the search only: a Cancel during the limit check after it is said in binding_note) */
  stopped_by?: 'user' | 'time_limit';
  stats?: Record<string, number>;
};

/** Whether a result of this status holds a plan (a fleet to cost): the optimum, or the best plan found when the time limit stopped the search. */
export const holdsPlan = (status: PlanStatus): boolean => status === 'optimal' || status === 'time_limit';

/**
 * A result as the API, the files and the views give it: `totals` is null where there is no plan
 * (infeasible, or stopped before finding one), as `objective_usd` already is. The optimizer fills
 * zeros there, and `"capex_usd": 0` beside `"objective_usd": null` read as "this plan costs $0"
 * to a finance reader's script (`fleetplan optimize --json` of an infeasible scenario).
 */
export type PlanAnswer = Omit<PlanResult, 'totals'> & { totals: PlanResult['totals'] | null };

/** The answer of a result: its totals null when it holds no plan. */
export const planAnswer = (r: PlanResult): PlanAnswer => (holdsPlan(r.status) ? r : { ...r, totals: null });

/** true for an answer that holds a plan, with its totals (what the TCO, Compare and the report cost). */
export const isPlan = (r: PlanAnswer): r is PlanResult => r.totals != null && holdsPlan(r.status);

/**
 * A stored plan solved from no workloads: an optimal $0 plan that serves nothing. Nothing solves
 * one any more (optimize-start refuses a scenario without workloads), but an older document may
 * hold one; Results and TCO both read it with this test and the words of labels.ts SOLVED_WITHOUT_WORKLOADS (Results said "No plan
 * yet" while TCO said the plan serves no workloads).
 */
export function solvedWithoutWorkloads(result: PlanAnswer | null | undefined, solvedFrom: { workloads: readonly unknown[] } | null | undefined): boolean {
  return result != null && isPlan(result) && solvedFrom != null && solvedFrom.workloads.length === 0;
}
