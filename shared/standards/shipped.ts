/**
 * The standards the workbench ships, as data (domain.md, "Standards the app ships"), and the
 * catalogue helpers that need no schema (find, merge, fields, export). Every entry names its source
 * and provenance; the app lets people edit any of them, and edits never touch the shipped copy.
 *
 * No zod here: the shipped entries get the schema's defaults and key order from a small
 * normaliser, so `msvw standards` (and anything else that only reads the shipped catalogue) does
 * not build or run the schemas at start-up. tests/shared/standards/catalogue.test.ts checks that
 * the normalised catalogue equals StandardSchema's output for the same entries, byte for byte as JSON.
 */
import { DAYS_PER_YEAR, FOUR_WEEKS_DAYS } from './defaults';
import { DMT_EFFICACY_SOURCE, HIGH_EFFICACY_DMTS } from './dmt';
import type { FilterClause, IntervalPart, Standard, StandardInput, Thresholds, TierTargets } from './schema';

const METRICS_PILOT = 'UK MS metrics pilot (Raising the Bar clinicians), J Neurol Neurosurg Psychiatry 2019;90:e45';
const FOUR_PLUS_FOUR = `4+4 ambition, "Raising the Bar" three-year plan (MS Academy, 2018-2022); intervals as measured by the ${METRICS_PILOT}`;
const BRAIN_HEALTH = 'Hobart et al., Mult Scler 2019;25(13):1809-1818 (International consensus on quality standards for brain health-focused care in MS)';
const BRAIN_HEALTH_NOTE =
  'Tier time frames are placeholders pending entry from the paper\'s table (provisional). The tiered structure is confirmed; a tier may be absent for a standard (consensus was reached for 25 core, 25 achievable and 22 aspirational time frames of 27).';
/** Where the only day values found in MS Brain Health material come from (domain.md). */
const MS_BRAIN_HEALTH_WEB = 'msbrainhealth.org, "Neurologists urge doctors to refer patients with suspected MS promptly"';
const QS108 = 'NICE quality standard QS108: Multiple sclerosis (2016)';
const GIOVANNONI = 'Giovannoni et al. 2015 (proposed UK MS service metrics); "Raising the Bar" year 3, no patient left behind';
const RRMS: FilterClause = { field: 'ms_type', op: 'in', values: ['RRMS'] };

/** Shipped standards, as a person would write them (defaults filled in by validation). */
export const SHIPPED_INPUT: StandardInput[] = [
  // 4+4 ambition (provisional reading, domain.md)
  {
    id: '4plus4-part1', kind: 'interval', family: '4+4',
    title: '4+4 part 1: seen by an MS specialist within 4 weeks of referral', shortTitle: '4+4 part 1',
    source: FOUR_PLUS_FOUR, provenance: 'provisional',
    notes: 'Referral -> first seen by MS specialist. Re-point startField/endField if your pathway defines part 1 differently.',
    startField: 'referral_date', endField: 'first_seen_date', thresholds: { single: FOUR_WEEKS_DAYS },
    kpiIds: ['4plus4_part1'],
  },
  {
    id: '4plus4-part2', kind: 'interval', family: '4+4',
    title: '4+4 part 2: MS confirmed within 4 weeks of being seen', shortTitle: '4+4 part 2',
    source: FOUR_PLUS_FOUR, provenance: 'provisional',
    notes: 'First seen by MS specialist -> diagnosis (the workbench default reading). For the metrics pilot\'s own wording, which starts the clock at the referral, choose "4+4 part 2 (pilot reading)".',
    startField: 'first_seen_date', endField: 'diagnosis_date', thresholds: { single: FOUR_WEEKS_DAYS },
    kpiIds: ['4plus4_part2'],
  },
  {
    id: '4plus4-part2-pilot', kind: 'interval', family: '4+4',
    title: '4+4 part 2 (metrics pilot reading): MS confirmed within 4 weeks of specialist referral', shortTitle: '4+4 part 2 (pilot reading)',
    source: FOUR_PLUS_FOUR, provenance: 'provisional',
    notes: 'Referral -> diagnosis, as the UK MS metrics pilot words it ("uncomplicated MS confirmed within 4 weeks of specialist referral"). An alternative to the default part 2 (first seen -> diagnosis); no published text defining "4+4" has been found.',
    startField: 'referral_date', endField: 'diagnosis_date', thresholds: { single: FOUR_WEEKS_DAYS },
  },
  {
    id: '4plus4-overall', kind: 'composite', family: '4+4',
    title: '4+4 overall: both 4-week intervals met by the same patient', shortTitle: '4+4 overall',
    source: FOUR_PLUS_FOUR, provenance: 'provisional',
    notes: 'Met when part 1 and part 2 are both met; breached as soon as either part is. Period by referral date. If you re-point part 1 or 2, re-point the parts here too.',
    parts: [
      { startField: 'referral_date', endField: 'first_seen_date', days: FOUR_WEEKS_DAYS },
      { startField: 'first_seen_date', endField: 'diagnosis_date', days: FOUR_WEEKS_DAYS },
    ],
  },
  // International Brain Health standards: measurable time frames, tiers provisional
  {
    id: 'bh-onset-to-referral', kind: 'interval', family: 'Brain Health',
    title: 'Brain Health: referred to an MS specialist after symptom onset', shortTitle: 'BH onset to referral',
    source: BRAIN_HEALTH, provenance: 'provisional', notes: `Symptom onset -> referral. ${BRAIN_HEALTH_NOTE}`,
    startField: 'symptom_onset_date', endField: 'referral_date', thresholds: { aspirational: 14, achievable: 28, core: 42 },
  },
  {
    id: 'bh-referral-to-seen', kind: 'interval', family: 'Brain Health',
    title: 'Brain Health: seen by a neurologist after referral for suspected MS', shortTitle: 'BH referral to seen',
    source: BRAIN_HEALTH, provenance: 'provisional',
    notes: `Referral -> first seen. Core 4 weeks as 4+4 part 1; the aspirational and achievable values are placeholders. The 10 days in MS Brain Health material (${MS_BRAIN_HEALTH_WEB}) is a different interval, from first reporting symptoms to a health professional to referral to a neurologist, described as "a realistic target in most healthcare systems" and not labelled with a tier: it is not this standard's aspirational tier. ${BRAIN_HEALTH_NOTE}`,
    startField: 'referral_date', endField: 'first_seen_date', thresholds: { aspirational: 7, achievable: 14, core: 28 },
  },
  {
    id: 'bh-referral-to-mri', kind: 'interval', family: 'Brain Health',
    title: 'Brain Health: MRI after referral for suspected MS', shortTitle: 'BH referral to MRI',
    source: BRAIN_HEALTH, provenance: 'provisional', notes: `Referral -> MRI date. ${BRAIN_HEALTH_NOTE}`,
    startField: 'referral_date', endField: 'mri_date', thresholds: { aspirational: 14, achievable: 21, core: 28 },
  },
  {
    id: 'bh-referral-to-diagnosis', kind: 'interval', family: 'Brain Health',
    title: 'Brain Health: diagnostic work-up complete after referral', shortTitle: 'BH referral to diagnosis',
    source: BRAIN_HEALTH, provenance: 'provisional',
    notes: `Referral -> diagnosis. Core 8 weeks as 4+4 overall. Achievable 4 weeks: MS Brain Health material (${MS_BRAIN_HEALTH_WEB}) says diagnostic work-up complete within 4 weeks of referral to a neurologist is "a realistic target in most healthcare systems", the wording of the achievable tier, though it is not labelled with a tier there (not aspirational). Aspirational is a placeholder. ${BRAIN_HEALTH_NOTE}`,
    startField: 'referral_date', endField: 'diagnosis_date', thresholds: { aspirational: 21, achievable: 28, core: 56 },
  },
  {
    id: 'bh-diagnosis-to-dmt-offer', kind: 'interval', family: 'Brain Health',
    title: 'Brain Health: DMT discussed and offered after diagnosis', shortTitle: 'BH diagnosis to DMT offer',
    source: BRAIN_HEALTH, provenance: 'provisional',
    notes: `Diagnosis -> DMT offered, relapsing-remitting MS. Core 8 weeks as the UK MS metrics pilot. ${BRAIN_HEALTH_NOTE}`,
    population: [RRMS],
    startField: 'diagnosis_date', endField: 'dmt_offered_date', thresholds: { aspirational: 14, achievable: 28, core: 56 },
  },
  {
    id: 'bh-dmt-offer-to-start', kind: 'interval', family: 'Brain Health',
    title: 'Brain Health: DMT started after the treatment decision', shortTitle: 'BH DMT offer to start',
    source: BRAIN_HEALTH, provenance: 'provisional',
    notes: `DMT offered -> DMT started, among people offered a DMT. ${BRAIN_HEALTH_NOTE}`,
    population: [{ field: 'dmt_offered_date', op: 'present' }],
    startField: 'dmt_offered_date', endField: 'dmt_start_date', thresholds: { aspirational: 14, achievable: 28, core: 56 },
  },
  {
    id: 'bh-relapse-assessment', kind: 'interval', family: 'Brain Health',
    title: 'Brain Health: relapse assessed and treated after onset', shortTitle: 'BH relapse to treatment',
    source: BRAIN_HEALTH, provenance: 'provisional',
    notes: `Last relapse onset -> treated, among people with a recorded relapse. Core 14 days as NICE QS108 statement 5. ${BRAIN_HEALTH_NOTE}`,
    population: [{ field: 'last_relapse_onset_date', op: 'present' }],
    startField: 'last_relapse_onset_date', endField: 'last_relapse_treated_date', thresholds: { aspirational: 2, achievable: 7, core: 14 },
  },
  // NICE QS108 (confirmed)
  {
    id: 'qs108-s2-follow-up-6w', kind: 'interval', family: 'NICE QS108',
    title: 'QS108 statement 2: follow-up with an MS professional within 6 weeks of diagnosis', shortTitle: 'QS108 s2 follow-up 6 weeks',
    source: `${QS108}, statement 2`, provenance: 'confirmed',
    notes: 'The extract has no follow-up appointment date: MS nurse first contact is the closest recorded contact with an MS professional after diagnosis. It may not be face to face; re-point endField if your extract records the follow-up appointment.',
    startField: 'diagnosis_date', endField: 'ms_nurse_first_contact_date', thresholds: { single: 42 },
    kpiIds: ['nice_qs108_s2_followup_6w'],
  },
  {
    id: 'qs108-s5-relapse-14d', kind: 'interval', family: 'NICE QS108',
    title: 'QS108 statement 5: relapse treatment within 14 days of symptom onset', shortTitle: 'QS108 s5 relapse 14 days',
    source: `${QS108}, statement 5`, provenance: 'confirmed',
    notes: 'Among people with a recorded relapse. A relapse with no treatment date counts as a breach once 14 days have passed (the extract cannot tell a relapse that did not need treatment).',
    population: [{ field: 'last_relapse_onset_date', op: 'present' }],
    startField: 'last_relapse_onset_date', endField: 'last_relapse_treated_date', thresholds: { single: 14 },
  },
  {
    id: 'qs108-s6-annual-review', kind: 'frequency', family: 'NICE QS108',
    title: 'QS108 statement 6: comprehensive review at least once a year', shortTitle: 'QS108 s6 annual review',
    source: `${QS108}, statement 6`, provenance: 'confirmed',
    notes: 'Met when the last review came within 365 days of the previous review (or of diagnosis, for a first review) and is not older than 365 days at the as-of date. Adults with MS: filter age bands in the population if the extract includes children.',
    eventField: 'last_review_date', previousField: 'previous_review_date', baselineField: 'diagnosis_date', days: DAYS_PER_YEAR,
    kpiIds: ['annual_review_12m'],
  },
  // UK MS metrics pilot (confirmed)
  {
    id: 'metrics-ms-nurse-4w', kind: 'interval', family: 'UK MS metrics',
    title: 'MS nurse contact within 4 weeks, counted from diagnosis', shortTitle: 'MS nurse 4 weeks (from diagnosis)',
    source: METRICS_PILOT, provenance: 'confirmed',
    notes: 'Start event: diagnosis. Diagnosis -> MS nurse first contact (the pilot measures the appointment offered; the extract records the contact). The pilot words the metric as offered "within 4 weeks of specialist referral": choose "MS nurse 4 weeks (from referral)" for that start event.',
    startField: 'diagnosis_date', endField: 'ms_nurse_first_contact_date', thresholds: { single: FOUR_WEEKS_DAYS },
    kpiIds: ['ms_nurse_4w'],
  },
  {
    id: 'metrics-ms-nurse-4w-referral', kind: 'interval', family: 'UK MS metrics',
    title: 'MS nurse contact within 4 weeks, counted from specialist referral', shortTitle: 'MS nurse 4 weeks (from referral)',
    source: METRICS_PILOT, provenance: 'confirmed',
    notes: 'Start event: specialist referral, as the pilot words it ("offered ... within 4 weeks of specialist referral"). Referral -> MS nurse first contact (the extract records the contact, not the offer).',
    startField: 'referral_date', endField: 'ms_nurse_first_contact_date', thresholds: { single: FOUR_WEEKS_DAYS },
  },
  {
    id: 'metrics-dmt-offer-8w', kind: 'interval', family: 'UK MS metrics',
    title: 'DMT offered within 8 weeks of diagnosis', shortTitle: 'DMT offer 8 weeks',
    source: METRICS_PILOT, provenance: 'confirmed',
    notes: 'Diagnosis -> DMT offered, relapsing-remitting MS (the people eligible for a DMT).',
    population: [RRMS],
    startField: 'diagnosis_date', endField: 'dmt_offered_date', thresholds: { single: 2 * FOUR_WEEKS_DAYS },
    kpiIds: ['dmt_offered_8w'],
  },
  // Status measures (process and holistic care)
  {
    id: 'status-dmt-uptake-rrms', kind: 'status', family: 'Process',
    title: 'Relapsing-remitting MS on a DMT', shortTitle: 'RRMS on a DMT',
    source: `${GIOVANNONI}; NHS England DMT treatment algorithm`, provenance: 'provisional',
    notes: 'On a DMT = a DMT name is recorded.',
    population: [RRMS], numerator: [{ field: 'dmt_name', op: 'present' }],
  },
  {
    id: 'status-high-efficacy-dmt', kind: 'status', family: 'Process',
    title: 'Highly effective DMT among treated relapsing-remitting MS', shortTitle: 'Highly effective DMT',
    source: `${GIOVANNONI}; ${DMT_EFFICACY_SOURCE}`, provenance: 'provisional',
    notes: 'Numerator: the "highly effective" category of the three-level DMT efficacy classification (shared/standards/dmt.ts: moderately effective, more effective, highly effective), generic and brand names. The NHS England algorithm has no official high-efficacy list; edit the list to match local practice.',
    population: [RRMS, { field: 'dmt_name', op: 'present' }],
    numerator: [{ field: 'dmt_name', op: 'in', values: [...HIGH_EFFICACY_DMTS] }],
  },
  {
    id: 'status-mri-12m', kind: 'status', family: 'Process',
    title: 'MRI in the last 12 months', shortTitle: 'MRI last 12 months',
    source: GIOVANNONI, provenance: 'provisional',
    numerator: [{ field: 'mri_date', op: 'withinDaysOfAsOf', days: DAYS_PER_YEAR }],
  },
  {
    id: 'status-emergency-admissions', kind: 'status', family: 'Process',
    title: 'Emergency admission in the last 12 months, as % of caseload', shortTitle: 'Emergency admissions',
    source: GIOVANNONI, provenance: 'provisional', direction: 'lower-is-better',
    notes: 'Caseload = people with the admissions count recorded; rows without it are "not in population" so they do not flatter the rate.',
    population: [{ field: 'emergency_admissions_12m', op: 'present' }],
    numerator: [{ field: 'emergency_admissions_12m', op: 'gte', values: [1] }],
  },
  {
    id: 'status-comorbidity-screen-12m', kind: 'status', family: 'Holistic care',
    title: 'Comorbidity screen in the last 12 months', shortTitle: 'Comorbidity screen',
    source: GIOVANNONI, provenance: 'provisional',
    numerator: [{ field: 'comorbidity_screen_date', op: 'withinDaysOfAsOf', days: DAYS_PER_YEAR }],
  },
  {
    id: 'status-smoking-recorded', kind: 'status', family: 'Holistic care',
    title: 'Smoking status recorded', shortTitle: 'Smoking recorded',
    source: GIOVANNONI, provenance: 'provisional',
    numerator: [{ field: 'smoking_status', op: 'present' }],
  },
  {
    id: 'status-bmi-recorded', kind: 'status', family: 'Holistic care',
    title: 'BMI recorded', shortTitle: 'BMI recorded',
    source: GIOVANNONI, provenance: 'provisional',
    numerator: [{ field: 'bmi', op: 'present' }],
  },
];

/** Deep-freeze a plain value so shipped standards cannot be edited in place. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** Key order of StandardSchema's output (schema.ts: baseShape, then kind, then the kind's fields). */
const BASE_KEYS = ['id', 'title', 'shortTitle', 'source', 'provenance', 'family', 'notes', 'direction', 'population', 'tierTargets', 'requiredShare', 'kpiIds'] as const;
const KIND_KEYS: Record<Standard['kind'], readonly string[]> = {
  interval: ['kind', 'startField', 'endField', 'thresholds'],
  composite: ['kind', 'parts'],
  frequency: ['kind', 'eventField', 'previousField', 'baselineField', 'days'],
  status: ['kind', 'numerator'],
  kpi: ['kind', 'kpiId'],
};

/** The keys of `value` that are set, in the order given. */
function ordered(value: object, keys: readonly string[]): Record<string, unknown> {
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return out;
}

function normaliseClause(c: FilterClause): FilterClause {
  const out = ordered(c, ['field', 'op', 'values', 'days']);
  if (c.values) out.values = [...c.values];
  return out as FilterClause;
}

function normaliseThresholds(t: Extract<StandardInput, { kind: 'interval' }>['thresholds']): Thresholds {
  if ('single' in t) return { single: t.single };
  return { core: t.core ?? null, achievable: t.achievable ?? null, aspirational: t.aspirational ?? null };
}

/**
 * A shipped entry as StandardSchema outputs it: defaults filled in (direction higher-is-better,
 * empty population, absent tiers null) and keys in the schema's order. Only for the shipped
 * entries, which the unit test validates; user entries always go through the schema.
 */
function normaliseShipped(input: StandardInput): Standard {
  const base: Record<string, unknown> = { ...input, direction: input.direction ?? 'higher-is-better', population: (input.population ?? []).map(normaliseClause) };
  if (input.tierTargets) base.tierTargets = ordered(input.tierTargets, ['core', 'achievable', 'aspirational']) as TierTargets;
  if (input.kpiIds) base.kpiIds = [...input.kpiIds];
  if (input.kind === 'interval') base.thresholds = normaliseThresholds(input.thresholds);
  if (input.kind === 'composite') base.parts = input.parts.map((p) => ordered(p, ['startField', 'endField', 'days']) as IntervalPart);
  if (input.kind === 'status') base.numerator = input.numerator.map(normaliseClause);
  return ordered(base, [...BASE_KEYS, ...KIND_KEYS[input.kind]]) as Standard;
}

/** The catalogue as shipped (frozen: copy before editing). */
export const SHIPPED_STANDARDS: readonly Standard[] = deepFreeze(SHIPPED_INPUT.map(normaliseShipped));

/** A shipped or user standard by id. */
export function findStandard(standards: readonly Standard[], id: string): Standard | undefined {
  return standards.find((s) => s.id === id);
}

/** Shipped standards with the user's edits: same id replaces, new ids are appended; inputs untouched. */
export function mergeCatalogue(shipped: readonly Standard[], userEdits: readonly Standard[]): Standard[] {
  const edits = new Map(userEdits.map((s) => [s.id, s]));
  const merged = shipped.map((s) => structuredClone(edits.get(s.id) ?? s));
  const shippedIds = new Set(shipped.map((s) => s.id));
  for (const s of userEdits) if (!shippedIds.has(s.id)) merged.push(structuredClone(s));
  return merged;
}

/** Every column a standard reads (population, events, numerator; not KPI fields). */
export function standardFields(standard: Standard): string[] {
  const fields = standard.population.map((c) => c.field);
  switch (standard.kind) {
    case 'interval': fields.push(standard.startField, standard.endField); break;
    case 'composite': for (const p of standard.parts) fields.push(p.startField, p.endField); break;
    case 'frequency': fields.push(standard.eventField, standard.previousField, standard.baselineField); break;
    case 'status': fields.push(...standard.numerator.map((c) => c.field)); break;
    case 'kpi': fields.push('kpi_id', 'numerator', 'denominator'); break;
  }
  return [...new Set(fields)];
}

/** The catalogue as a JSON file people can keep, share and re-import. */
export function exportCatalogue(standards: readonly Standard[]): string {
  return `${JSON.stringify({ format: 'msvw-standards', version: 1, standards }, null, 2)}\n`;
}

