/**
 * What a standard is, as data: a zod 4 schema and the TypeScript types inferred from it.
 * A standard says which patients count (population filter), what "met" means for one of them
 * (an interval, a chain of intervals, a review frequency, a condition on the row, or a KPI that
 * an extract already counts), and how a centre's proportion is classed against tiers.
 *
 * Tier classing rule (documented for the UI and the report):
 * - Time-frame standards with tiers {core, achievable, aspirational} in days: for each tier the
 *   centre's proportion meeting that tier's time frame is compared with the tier's required
 *   share (`tierTargets[tier]`, else `requiredShare`, default 80%). The centre is classed at the
 *   most demanding tier it meets, else "below core".
 * - Any standard with `tierTargets` and a single threshold (status, KPI, single time frame):
 *   the centre's proportion is compared with each tier's target, at or above it for
 *   higher-is-better, at or below it for lower-is-better.
 * - A standard with neither has no tier class (null).
 */
import { z } from 'zod';

/** Operators of the small filter language used for populations and numerator conditions. */
export const FILTER_OPS = ['in', 'notIn', 'present', 'missing', 'gte', 'lte', 'eq', 'withinDaysOfAsOf'] as const;
export type FilterOp = (typeof FILTER_OPS)[number];

const fieldName = z.string().min(1, 'give the column (canonical field) the filter reads');
const filterValue = z.union([z.string(), z.number()]);

/**
 * One condition on a row. `in`/`notIn` take a list of values; `eq`/`gte`/`lte` take one value
 * (a number, or an ISO yyyy-mm-dd date for date columns); `present`/`missing` take none;
 * `withinDaysOfAsOf` takes `days` (a date on or before the as-of date and at most `days` before it).
 */
export const FilterClauseSchema = z
  .object({
    field: fieldName,
    op: z.enum(FILTER_OPS, { message: `op must be one of ${FILTER_OPS.join(', ')}` }),
    values: z.array(filterValue).optional(),
    days: z.number().int().nonnegative().optional(),
  })
  .strict()
  .superRefine((clause, ctx) => {
    const count = clause.values?.length ?? 0;
    if ((clause.op === 'in' || clause.op === 'notIn') && count === 0) {
      ctx.addIssue({ code: 'custom', path: ['values'], message: `"${clause.op}" needs a non-empty values list` });
    }
    if ((clause.op === 'eq' || clause.op === 'gte' || clause.op === 'lte') && count !== 1) {
      ctx.addIssue({ code: 'custom', path: ['values'], message: `"${clause.op}" needs exactly one value` });
    }
    if ((clause.op === 'present' || clause.op === 'missing') && count > 0) {
      ctx.addIssue({ code: 'custom', path: ['values'], message: `"${clause.op}" takes no values` });
    }
    if (clause.op === 'withinDaysOfAsOf' && clause.days === undefined) {
      ctx.addIssue({ code: 'custom', path: ['days'], message: '"withinDaysOfAsOf" needs days, e.g. 365 for the last 12 months' });
    }
  });
export type FilterClause = z.infer<typeof FilterClauseSchema>;

const days = z.number().int('days must be a whole number').positive('days must be more than 0');
const proportion = z.number().min(0, 'a proportion is between 0 and 1').max(1, 'a proportion is between 0 and 1');

/** A single time frame in days. */
export const SingleThresholdSchema = z.object({ single: days }).strict();
/**
 * Brain Health tiers: aspirational is the shortest time frame, core the longest. A tier may be
 * absent (null or left out): Hobart et al. 2019 reached consensus on 25 core, 25 achievable and 22
 * aspirational time frames of 27, so some standards lack a tier. At least one tier is needed.
 */
export const TieredThresholdSchema = z
  .object({ core: days.nullable().default(null), achievable: days.nullable().default(null), aspirational: days.nullable().default(null) })
  .strict()
  .refine((t) => t.core !== null || t.achievable !== null || t.aspirational !== null, {
    message: 'give at least one tier time frame (core, achievable or aspirational)',
  })
  .refine((t) => {
    const present = [t.aspirational, t.achievable, t.core].filter((d): d is number => d !== null);
    return present.every((d, i) => i === 0 || present[i - 1] <= d);
  }, {
    message: 'tier time frames must satisfy aspirational <= achievable <= core (days)',
  });
export const ThresholdsSchema = z.union([SingleThresholdSchema, TieredThresholdSchema]);
export type SingleThreshold = z.infer<typeof SingleThresholdSchema>;
export type TieredThreshold = z.infer<typeof TieredThresholdSchema>;
export type Thresholds = z.infer<typeof ThresholdsSchema>;

/** Required proportion per tier (share within the tier's time frame, or the centre's value). */
export const TierTargetsSchema = z.object({ core: proportion, achievable: proportion, aspirational: proportion }).strict();
export type TierTargets = z.infer<typeof TierTargetsSchema>;

export const STANDARD_KINDS = ['interval', 'composite', 'frequency', 'status', 'kpi'] as const;
export type StandardKind = (typeof STANDARD_KINDS)[number];
export type Tier = 'aspirational' | 'achievable' | 'core';
export type TierClass = Tier | 'below core';
export type Direction = 'higher-is-better' | 'lower-is-better';
export type Provenance = 'confirmed' | 'provisional';

const idPattern = /^[a-z0-9][a-z0-9._-]*$/;

/** Fields every standard carries. */
const baseShape = {
  id: z.string().regex(idPattern, 'id: lower-case letters, digits, ".", "_" or "-", e.g. "4plus4-part1"'),
  title: z.string().min(1, 'give the standard a title'),
  shortTitle: z.string().min(1, 'give the standard a short title for tables and charts'),
  /** Where the standard comes from (citation text). */
  source: z.string().min(1, 'cite the source of the standard'),
  provenance: z.enum(['confirmed', 'provisional'], { message: 'provenance must be "confirmed" or "provisional"' }),
  /** Family shown in the catalogue, e.g. "4+4", "Brain Health", "NICE QS108". */
  family: z.string().optional(),
  /** How the standard was read into fields, and anything a reader must know. */
  notes: z.string().optional(),
  /** Polarity of the proportion: is a higher share better? */
  direction: z.enum(['higher-is-better', 'lower-is-better']).default('higher-is-better'),
  /** Patients the standard applies to (all clauses must hold). */
  population: z.array(FilterClauseSchema).default([]),
  tierTargets: TierTargetsSchema.optional(),
  /** Share that must meet a tier's time frame for the centre to meet that tier (tiered time frames). */
  requiredShare: proportion.optional(),
  /** kpi_id values in centre-level KPI extracts that count this standard (so a KPI is shown by this title). */
  kpiIds: z.array(z.string().min(1)).optional(),
};

/** Start event -> end event within a time frame (domain.md, "Measure semantics"). */
export const IntervalStandardSchema = z
  .object({ ...baseShape, kind: z.literal('interval'), startField: fieldName, endField: fieldName, thresholds: ThresholdsSchema })
  .strict();

/** One leg of a composite: start -> end within days. */
export const IntervalPartSchema = z.object({ startField: fieldName, endField: fieldName, days }).strict();
export type IntervalPart = z.infer<typeof IntervalPartSchema>;

/** Several intervals that must all be met by the same patient (e.g. 4+4 overall). */
export const CompositeStandardSchema = z
  .object({ ...baseShape, kind: z.literal('composite'), parts: z.array(IntervalPartSchema).min(2, 'a composite needs at least two parts') })
  .strict();

/** Regular reviews: each gap between reviews (or diagnosis to first review) within days. */
export const FrequencyStandardSchema = z
  .object({
    ...baseShape,
    kind: z.literal('frequency'),
    /** Most recent review. */
    eventField: fieldName,
    /** Review before the most recent one. */
    previousField: fieldName,
    /** Where the first gap starts when there is no previous review (diagnosis). */
    baselineField: fieldName,
    days,
  })
  .strict();

/** A condition on the row at the as-of date (all clauses must hold). */
export const StatusStandardSchema = z
  .object({ ...baseShape, kind: z.literal('status'), numerator: z.array(FilterClauseSchema).min(1, 'a status measure needs a numerator condition') })
  .strict();

/** A KPI counted in a centre-level KPI extract (kpi_id, numerator, denominator). */
export const KpiStandardSchema = z.object({ ...baseShape, kind: z.literal('kpi'), kpiId: z.string().min(1, 'give the kpi_id this standard reads') }).strict();

/** Any standard in the catalogue. */
export const StandardSchema = z.discriminatedUnion('kind', [
  IntervalStandardSchema,
  CompositeStandardSchema,
  FrequencyStandardSchema,
  StatusStandardSchema,
  KpiStandardSchema,
]);

export type Standard = z.output<typeof StandardSchema>;
/** A standard as written by a person: direction and population may be left out. */
export type StandardInput = z.input<typeof StandardSchema>;
export type IntervalStandard = z.output<typeof IntervalStandardSchema>;
export type CompositeStandard = z.output<typeof CompositeStandardSchema>;
export type FrequencyStandard = z.output<typeof FrequencyStandardSchema>;
export type StatusStandard = z.output<typeof StatusStandardSchema>;
export type KpiStandard = z.output<typeof KpiStandardSchema>;

/** A catalogue file: a versioned list of standards. */
export const CatalogueFileSchema = z
  .object({
    format: z.literal('msvw-standards', { message: 'format must be "msvw-standards"' }),
    version: z.literal(1, { message: 'version must be 1' }),
    standards: z.array(StandardSchema),
  })
  .strict();
export type CatalogueFile = z.output<typeof CatalogueFileSchema>;

// Reading tiers needs no schema: tiers.ts, re-exported here for existing callers.
export { isTiered, presentTiers } from './tiers';
