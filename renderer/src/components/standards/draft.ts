/**
 * The standard editor's form state and how it becomes a standard: text inputs kept as typed,
 * days as whole numbers, tier targets as percentages; checked against the catalogue schema with
 * each problem keyed by the field it belongs to (e.g. "thresholds.core"), in words.
 */
import { PATIENT_FIELDS } from '../../../../shared/schema/fields';
import {
  DAYS_PER_YEAR,
  SingleThresholdSchema,
  StandardSchema,
  TIERS,
  TieredThresholdSchema,
  isTiered,
  type Direction,
  type FilterClause,
  type FilterOp,
  type Provenance,
  type Standard,
  type StandardKind,
  type Tier,
} from '../../../../shared/standards';

/** Percent in a whole (tier targets are typed as percentages, stored as proportions). */
const PERCENT = 100;

/** One population condition as typed. */
export interface ClauseDraft {
  field: string;
  op: FilterOp;
  /** Comma-separated values for in / notIn / eq / gte / lte. */
  values: string;
  /** Days for withinDaysOfAsOf. */
  days: string;
}

/** Everything the editor form holds, as typed. */
export interface StandardDraft {
  id: string;
  kind: StandardKind;
  title: string;
  shortTitle: string;
  source: string;
  notes: string;
  family: string;
  provenance: Provenance;
  direction: Direction;
  startField: string;
  endField: string;
  thresholdMode: 'single' | 'tiered';
  single: string;
  tierDays: Record<Tier, string>;
  /** Days of each composite part, in order. */
  partDays: string[];
  frequencyDays: string;
  kpiId: string;
  useTierTargets: boolean;
  /** Tier targets as percentages. */
  tierTargets: Record<Tier, string>;
  /** Required share for tiered time frames as a percentage; empty = the workbench default. */
  requiredShare: string;
  population: ClauseDraft[];
}

/** Problems keyed by field path ("title", "thresholds.core", "population.0.values"), in words. */
export type FieldErrors = Record<string, string>;

/** Canonical patient fields that hold dates: what an interval can start and end at. */
export const DATE_FIELDS = PATIENT_FIELDS.filter((f) => f.kind === 'date');

/** Canonical patient fields a population condition can read. */
export const FILTER_FIELDS = PATIENT_FIELDS.filter((f) => f.name !== 'patient_id');

const tierRecord = (value: (tier: Tier) => string): Record<Tier, string> =>
  ({ aspirational: value('aspirational'), achievable: value('achievable'), core: value('core') });

/** A proportion as the percentage typed in the form (0.8 -> "80"). */
export function toPercentText(share: number | undefined): string {
  return share === undefined ? '' : String(Math.round(share * PERCENT * 1000) / 1000);
}

/** A condition as typed in the form. */
function clauseDraft(clause: FilterClause): ClauseDraft {
  return { field: clause.field, op: clause.op, values: (clause.values ?? []).map(String).join(', '), days: clause.days === undefined ? '' : String(clause.days) };
}

/** The form state for an existing standard. */
export function draftFromStandard(standard: Standard): StandardDraft {
  const interval = standard.kind === 'interval' ? standard : null;
  const tiered = interval && isTiered(interval.thresholds) ? interval.thresholds : null;
  const single = interval && !isTiered(interval.thresholds) ? interval.thresholds.single : null;
  return {
    id: standard.id,
    kind: standard.kind,
    title: standard.title,
    shortTitle: standard.shortTitle,
    source: standard.source,
    notes: standard.notes ?? '',
    family: standard.family ?? '',
    provenance: standard.provenance,
    direction: standard.direction,
    startField: interval?.startField ?? 'referral_date',
    endField: interval?.endField ?? 'first_seen_date',
    thresholdMode: tiered ? 'tiered' : 'single',
    single: single === null ? (tiered ? String(tiered.core) : '') : String(single),
    // An absent tier (null: the standard has no such tier) is an empty field, not the text "null".
    tierDays: tierRecord((tier) => (tiered ? (tiered[tier] == null ? '' : String(tiered[tier])) : single === null ? '' : String(single))),
    partDays: standard.kind === 'composite' ? standard.parts.map((p) => String(p.days)) : [],
    frequencyDays: standard.kind === 'frequency' ? String(standard.days) : '',
    kpiId: standard.kind === 'kpi' ? standard.kpiId : '',
    useTierTargets: standard.tierTargets !== undefined,
    tierTargets: tierRecord((tier) => toPercentText(standard.tierTargets?.[tier])),
    requiredShare: toPercentText(standard.requiredShare),
    population: standard.population.map(clauseDraft),
  };
}

/** The form state for a new interval standard. */
export function newIntervalDraft(): StandardDraft {
  return {
    id: '', kind: 'interval', title: '', shortTitle: '', source: '', notes: '', family: '',
    provenance: 'provisional', direction: 'higher-is-better',
    startField: 'referral_date', endField: 'first_seen_date', thresholdMode: 'single', single: '28',
    tierDays: { aspirational: '', achievable: '', core: '' }, partDays: [], frequencyDays: '', kpiId: '',
    useTierTargets: false, tierTargets: { aspirational: '', achievable: '', core: '' }, requiredShare: '',
    population: [],
  };
}

/** An id made from a title: lower-case words joined by "-". */
export function suggestId(title: string): string {
  return title.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
}

/** Whole days > 0 from the form, or an error at `key`. */
function days(text: string, key: string, label: string, errors: FieldErrors): number | undefined {
  const trimmed = text.trim();
  const value = Number(trimmed);
  if (!trimmed) errors[key] = `Enter the ${label} in days.`;
  else if (!Number.isInteger(value) || value <= 0) errors[key] = `The ${label} must be a whole number of days, 1 or more.`;
  else return value;
  return undefined;
}

/** A percentage 0-100 from the form as a proportion, or an error at `key`. */
function share(text: string, key: string, label: string, errors: FieldErrors): number | undefined {
  const trimmed = text.trim();
  const value = Number(trimmed);
  if (!trimmed) errors[key] = `Enter the ${label} as a percentage.`;
  else if (!Number.isFinite(value) || value < 0 || value > PERCENT) errors[key] = `The ${label} must be a percentage between 0 and 100.`;
  else return value / PERCENT;
  return undefined;
}

/** A condition from the form; numbers stay numbers for numeric fields. */
function clauseFromDraft(clause: ClauseDraft, index: number, errors: FieldErrors): FilterClause {
  const numeric = PATIENT_FIELDS.find((f) => f.name === clause.field)?.kind === 'number';
  const out: FilterClause = { field: clause.field, op: clause.op };
  if (clause.op === 'withinDaysOfAsOf') {
    out.days = days(clause.days, `population.${index}.days`, 'time window', errors) ?? 0;
  } else if (clause.op !== 'present' && clause.op !== 'missing') {
    const values = clause.values.split(',').map((v) => v.trim()).filter(Boolean);
    const single = clause.op === 'eq' || clause.op === 'gte' || clause.op === 'lte';
    if (!values.length) errors[`population.${index}.values`] = single ? 'Enter the value to compare with.' : 'Enter at least one value; separate values with commas.';
    else if (single && values.length > 1) errors[`population.${index}.values`] = 'Enter one value only for this test.';
    out.values = values.map((v) => (numeric && v !== '' && Number.isFinite(Number(v)) ? Number(v) : v));
    if (numeric && values.some((v) => !Number.isFinite(Number(v)))) errors[`population.${index}.values`] = `${clause.field} holds numbers: enter numbers separated by commas.`;
  }
  return out;
}

/** Best-reading schema problems keyed by path; a union's problems come from its closest option. */
function issueErrors(issues: readonly { path: PropertyKey[]; message: string; code?: string; errors?: unknown }[], prefix: PropertyKey[], into: FieldErrors): void {
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && Array.isArray(issue.errors) && issue.errors.length) {
      const options = issue.errors as { path: PropertyKey[]; message: string }[][];
      const closest = options.reduce((best, option) => (option.length < best.length ? option : best));
      issueErrors(closest, path, into);
      continue;
    }
    const key = path.map(String).join('.');
    into[key] ??= issue.message;
  }
}

/** Check a value against the catalogue schema; problems keyed by path. */
export function schemaCheck(value: unknown): { standard: Standard | null; errors: FieldErrors } {
  const parsed = StandardSchema.safeParse(value);
  if (parsed.success) return { standard: parsed.data, errors: {} };
  const errors: FieldErrors = {};
  issueErrors(parsed.error.issues, [], errors);
  return { standard: null, errors };
}

/**
 * The standard the form describes, built on `base` (which keeps what the form does not show,
 * e.g. a status measure's numerator), or the problems keyed by field.
 */
export function standardFromDraft(draft: StandardDraft, base: Standard | null): { standard: Standard | null; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const common = {
    id: draft.id.trim(),
    title: draft.title.trim(),
    shortTitle: draft.shortTitle.trim(),
    source: draft.source.trim(),
    provenance: draft.provenance,
    direction: draft.direction,
    population: draft.population.map((c, i) => clauseFromDraft(c, i, errors)),
    ...(draft.notes.trim() ? { notes: draft.notes.trim() } : {}),
    ...(draft.family.trim() ? { family: draft.family.trim() } : {}),
  };
  let tierTargets: Record<Tier, number> | undefined;
  if (draft.useTierTargets) {
    const values = TIERS.map((tier) => share(draft.tierTargets[tier], `tierTargets.${tier}`, `${tier} target`, errors));
    if (values.every((v) => v !== undefined)) tierTargets = { aspirational: values[0] as number, achievable: values[1] as number, core: values[2] as number };
  }
  const requiredShare = draft.requiredShare.trim() ? share(draft.requiredShare, 'requiredShare', 'required share', errors) : undefined;
  const tiers = { ...(tierTargets ? { tierTargets } : {}), ...(requiredShare !== undefined ? { requiredShare } : {}) };

  let candidate: Record<string, unknown>;
  switch (draft.kind) {
    case 'interval': {
      let thresholds: unknown;
      if (draft.thresholdMode === 'single') {
        thresholds = { single: days(draft.single, 'thresholds.single', 'time frame', errors) };
        const check = SingleThresholdSchema.safeParse(thresholds);
        if (!check.success && !errors['thresholds.single']) issueErrors(check.error.issues, ['thresholds'], errors);
      } else {
        // A tier left empty is absent (Brain Health leaves some out); at least one tier is needed.
        const values = TIERS.map((tier) => (draft.tierDays[tier].trim() ? days(draft.tierDays[tier], `thresholds.${tier}`, `${tier} time frame`, errors) : null));
        thresholds = { aspirational: values[0], achievable: values[1], core: values[2] };
        if (values.every((v) => v === null)) errors.thresholds = 'Enter the time frame of at least one tier (core, achievable or aspirational), in days.';
        else if (values.every((v) => v !== undefined)) {
          const check = TieredThresholdSchema.safeParse(thresholds);
          if (!check.success) errors.thresholds = 'The time frames must get shorter as the tier gets more demanding: aspirational ≤ achievable ≤ core.';
        }
      }
      if (draft.startField === draft.endField) errors.endField = 'The end event must differ from the start event.';
      candidate = { ...base, ...common, ...tiers, kind: 'interval', startField: draft.startField, endField: draft.endField, thresholds };
      break;
    }
    case 'composite': {
      const parts = base?.kind === 'composite' ? base.parts : [];
      candidate = { ...base, ...common, ...tiers, kind: 'composite', parts: parts.map((p, i) => ({ ...p, days: days(draft.partDays[i] ?? '', `parts.${i}.days`, `part ${i + 1} time frame`, errors) })) };
      break;
    }
    case 'frequency':
      candidate = { ...base, ...common, ...tiers, kind: 'frequency', days: days(draft.frequencyDays, 'days', 'review interval', errors) };
      break;
    case 'kpi':
      candidate = { ...base, ...common, ...tiers, kind: 'kpi', kpiId: draft.kpiId.trim() };
      break;
    case 'status':
      candidate = { ...base, ...common, ...tiers, kind: 'status' };
      break;
  }
  // Optional fields the person cleared must go, not linger from the base standard.
  if (!tierTargets) delete candidate.tierTargets;
  if (requiredShare === undefined) delete candidate.requiredShare;
  if (!common.notes) delete candidate.notes;
  if (!common.family) delete candidate.family;

  const checked = schemaCheck(candidate);
  for (const [key, text] of Object.entries(checked.errors)) errors[key] ??= text;
  return Object.keys(errors).length ? { standard: null, errors } : { standard: checked.standard, errors };
}

/**
 * A standard typed as JSON in the advanced editor, or its problems as sentences
 * ("thresholds.core: days must be more than 0"). `expectedId` keeps an edited standard's id.
 */
export function standardFromJson(text: string, expectedId: string | null): { standard: Standard | null; errors: string[] } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { standard: null, errors: [`This is not valid JSON (${reason}). Check for a missing comma, quote or bracket.`] };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { standard: null, errors: ['Enter one standard as a JSON object: { "id": ..., "kind": ..., ... }.'] };
  const checked = schemaCheck(value);
  const errors = Object.entries(checked.errors).map(([key, message]) => (key ? `${key}: ${message}` : message));
  if (expectedId !== null && 'id' in value && value.id !== expectedId) {
    errors.unshift(`id: keep "${expectedId}" (to make a different standard, use Add standard).`);
  }
  return errors.length ? { standard: null, errors } : { standard: checked.standard, errors: [] };
}

/** A status measure to start from in the JSON editor. */
export const STATUS_TEMPLATE = {
  id: 'local-ms-nurse-contact-12m',
  kind: 'status',
  title: 'MS nurse contact in the last 12 months',
  shortTitle: 'MS nurse contact 12 months',
  source: 'Local audit plan (replace with your source)',
  provenance: 'provisional',
  direction: 'higher-is-better',
  population: [],
  numerator: [{ field: 'ms_nurse_first_contact_date', op: 'withinDaysOfAsOf', days: DAYS_PER_YEAR }],
};
