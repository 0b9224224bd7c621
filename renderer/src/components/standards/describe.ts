/**
 * Standards in words for the Standards page: which family a standard belongs to, its kind, its
 * population and conditions as sentences, tier tables, and the search match. Pure functions.
 */
import { KPI_FIELDS, PATIENT_FIELDS } from '../../../../shared/schema/fields';
import { DEFAULT_REQUIRED_SHARE, TIERS, isTiered, type FilterClause, type Standard, type StandardKind, type Tier } from '../../../../shared/standards';

/** The source families the page groups standards by, in the order shown. */
export const FAMILY_GROUPS = [
  { key: '4+4', title: '4+4 ambition', blurb: 'Two consecutive 4-week intervals on the diagnostic pathway (provisional reading of the Raising the Bar plan).' },
  { key: 'Brain Health', title: 'International Brain Health standards', blurb: 'Time frames with three tiers: core (minimum), achievable (good), aspirational (high). The tiered structure is confirmed; the values are provisional until entered from the paper.' },
  { key: 'NICE QS108', title: 'NICE quality standard QS108', blurb: 'Multiple sclerosis quality statements (NICE, 2016).' },
  { key: 'UK MS metrics', title: 'UK MS metrics pilot', blurb: 'Measures from the UK MS metrics pilot (JNNP 2019;90:e45).' },
  { key: 'status', title: 'Status measures', blurb: 'Process and holistic-care measures: the share of a population meeting a condition at the as-of date.' },
  { key: 'other', title: 'Other standards', blurb: 'Standards from imported catalogues that name another family.' },
  { key: 'added', title: 'Added on this computer', blurb: 'Standards you added or imported with new ids.' },
] as const;

export type FamilyKey = (typeof FAMILY_GROUPS)[number]['key'];

/** Families of status measures as the shipped catalogue names them. */
const STATUS_FAMILIES = new Set(['Process', 'Holistic care']);

/** The group a standard is listed under; the shipped family decides for shipped ids. */
export function familyOf(standard: Standard, added: boolean): FamilyKey {
  if (added) return 'added';
  const family = standard.family ?? '';
  const direct = FAMILY_GROUPS.find((g) => g.key === family);
  if (direct) return direct.key;
  if (STATUS_FAMILIES.has(family) || standard.kind === 'status') return 'status';
  return 'other';
}

const KIND_LABELS: Record<StandardKind, string> = {
  interval: 'Interval',
  composite: 'Composite of intervals',
  frequency: 'Review frequency',
  status: 'Status measure',
  kpi: 'KPI from a KPI extract',
};

/** A standard's kind in words. */
export function kindLabel(kind: StandardKind): string {
  return KIND_LABELS[kind];
}

/** Tier names as people read them. */
export const TIER_LABELS: Record<Tier, string> = { aspirational: 'Aspirational', achievable: 'Achievable', core: 'Core' };

/** Tiers from least to most demanding, the order the tables read in. */
export const TIERS_CORE_FIRST: readonly Tier[] = [...TIERS].reverse();

/** The label of a canonical field, or the name itself when it is not one. */
export function fieldLabel(name: string): string {
  return PATIENT_FIELDS.find((f) => f.name === name)?.label ?? KPI_FIELDS.find((f) => f.name === name)?.label ?? name;
}

/** Filter operators in words, for the population editor and the descriptions. */
export const OP_LABELS: Record<FilterClause['op'], string> = {
  in: 'is one of',
  notIn: 'is not one of',
  present: 'is recorded',
  missing: 'is missing',
  gte: 'is at least',
  lte: 'is at most',
  eq: 'equals',
  withinDaysOfAsOf: 'is within days before the as-of date',
};

/** One condition as a sentence, e.g. "MS type is one of RRMS". */
export function clauseText(clause: FilterClause): string {
  const field = fieldLabel(clause.field);
  const values = (clause.values ?? []).map(String).join(', ');
  switch (clause.op) {
    case 'present': return `${field} is recorded`;
    case 'missing': return `${field} is missing`;
    case 'withinDaysOfAsOf': return `${field} is within ${clause.days ?? '?'} days before the as-of date`;
    default: return `${field} ${OP_LABELS[clause.op]} ${values}`;
  }
}

/** Who a standard applies to, in words. */
export function populationText(population: readonly FilterClause[]): string {
  return population.length ? population.map(clauseText).join('; and ') : 'Everyone in the extract';
}

/** A proportion as a percentage, e.g. 0.8 -> "80%", 0.675 -> "67.5%". */
export function percent(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}

/** One row of a standard's tier table. */
export interface TierRow {
  tier: Tier;
  /** Time frame in days, or null when the tier has only a target share. */
  days: number | null;
  /** Required share as a percentage text, with "(default)" when the workbench default applies. */
  share: string;
}

/** A standard's tiers as rows (core first), or [] when it has no tiers. */
export function tierRows(standard: Standard): TierRow[] {
  const targets = standard.tierTargets;
  const comparison = standard.direction === 'lower-is-better' ? 'at most ' : 'at least ';
  if (standard.kind === 'interval' && isTiered(standard.thresholds)) {
    const thresholds = standard.thresholds;
    return TIERS_CORE_FIRST.map((tier) => {
      const share = targets?.[tier] ?? standard.requiredShare;
      return { tier, days: thresholds[tier], share: share === undefined ? `${percent(DEFAULT_REQUIRED_SHARE)} (default)` : percent(share) };
    });
  }
  if (!targets) return [];
  return TIERS_CORE_FIRST.map((tier) => ({ tier, days: null, share: `${comparison}${percent(targets[tier])}` }));
}

/** What "met" means for one patient, in words (without the tiers). */
export function criterionText(standard: Standard): string {
  switch (standard.kind) {
    case 'interval': {
      const span = `${fieldLabel(standard.startField)} to ${fieldLabel(standard.endField)}`;
      return isTiered(standard.thresholds) ? `${span}, within each tier's time frame` : `${span} within ${standard.thresholds.single} days`;
    }
    case 'composite':
      return `All of: ${standard.parts.map((p) => `${fieldLabel(p.startField)} to ${fieldLabel(p.endField)} within ${p.days} days`).join('; ')}`;
    case 'frequency':
      return `${fieldLabel(standard.eventField)} within ${standard.days} days of ${fieldLabel(standard.previousField)} (or of ${fieldLabel(standard.baselineField)} for a first review), and not older than ${standard.days} days at the as-of date`;
    case 'status':
      return standard.numerator.map(clauseText).join('; and ');
    case 'kpi':
      return `Numerator and denominator of KPI "${standard.kpiId}" as the KPI extract counts them`;
  }
}

/** The text a search looks in: title, short title, id, family, source, notes and kind. */
function searchText(standard: Standard): string {
  return [standard.title, standard.shortTitle, standard.id, standard.family ?? '', standard.source, standard.notes ?? '', kindLabel(standard.kind)]
    .join(' ')
    .toLowerCase();
}

/** True when every word of the search appears in the standard's title, id, source or notes. */
export function matchesSearch(standard: Standard, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const text = searchText(standard);
  return words.every((w) => text.includes(w));
}

/**
 * The standards a search finds: those containing the search as a phrase ("4+4 part 1"), or, when
 * none does, those containing all its words in any order ("hobart mri").
 */
export function searchStandards<T extends Standard>(standards: readonly T[], query: string): T[] {
  const phrase = query.trim().toLowerCase().replace(/\s+/g, ' ');
  if (!phrase) return [...standards];
  const byPhrase = standards.filter((s) => searchText(s).includes(phrase));
  return byPhrase.length ? byPhrase : standards.filter((s) => matchesSearch(s, phrase));
}
