/**
 * Column mapping: source headers -> canonical extract fields (shared/schema/fields.ts).
 * Matching is deliberately conservative: the exact canonical name, then a known synonym, then
 * a token match that must be unambiguous. Anything else stays unmapped for the person to map.
 */
import { ImportError } from './import-result';
import { parseDate } from './types/dates';
import { KPI_FIELDS, PATIENT_FIELDS, fieldsFor, type ExtractType, type FieldDefinition } from '../schema/fields';

/** How a header was matched to its field. */
export type MatchHow = 'name' | 'synonym' | 'tokens' | 'values';

/** Confidence given to each kind of match (1 = certain); the token match is a suggestion to confirm. */
export const MATCH_CONFIDENCE: Record<MatchHow, number> = { name: 1, synonym: 0.9, tokens: 0.6, values: 0.5 };

/** Fields whose presence marks a centre-level KPI extract; two of the three are needed. */
const KPI_MARKER_FIELDS = ['kpi_id', 'numerator', 'denominator'];
const KPI_MARKERS_NEEDED = 2;

/** Fields an extract can't be used without (a row needs its centre; a KPI row its counts). */
export const REQUIRED_FIELDS: Record<ExtractType, string[]> = {
  patient: ['centre_code'],
  kpi: ['centre_code', 'numerator', 'denominator'],
};

/** Words that carry no meaning for matching ("date of referral" = "referral date"). */
const STOP_WORDS = new Set(['of', 'the', 'a', 'an', 'in', 'at', 'on', 'for', 'to', 'by', 'and']);
/**
 * Qualifiers a header may add to a field's words and still mean that field ("EDSS score latest",
 * "Current smoking status"). Only one extra word, and only one of these, is allowed.
 */
const HARMLESS_QUALIFIERS = new Set(['current', 'latest', 'recent', 'most', 'value', 'score', 'recorded', 'total', 'final']);

/** A header in comparable form: lower case, accents and punctuation removed, camelCase and underscores split, single spaces. */
export function normaliseHeader(header: string): string {
  // Memoised: matching a file's headers normalises every field's name, label and synonyms once per
  // header otherwise (about 14 ms of a command-line run's start-up).
  let norm = normalised.get(header);
  if (norm === undefined) {
    if (normalised.size >= NORMALISED_MAX) normalised.clear();
    normalised.set(header, (norm = normaliseUncached(header)));
  }
  return norm;
}

/** normaliseHeader's memo (pure function of the text), cleared when it holds NORMALISED_MAX texts. */
const normalised = new Map<string, string>();
const NORMALISED_MAX = 20_000;

function normaliseUncached(header: string): string {
  return header
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The meaningful words of a normalised header, plural "s" dropped, stop words removed. */
export function headerTokens(header: string): string[] {
  return normaliseHeader(header)
    .split(' ')
    .filter((t) => t !== '' && !STOP_WORDS.has(t))
    .map((t) => (t.length > 3 && t.endsWith('s') && !t.endsWith('ss') ? t.slice(0, -1) : t));
}

/** A stable key for a set of headers (sorted normalised headers), used to remember a confirmed mapping. */
export function headerSignature(headers: string[]): string {
  return headers.map(normaliseHeader).sort().join('|');
}

/** Make headers unique and non-blank: blanks become "column N", repeats get " (2)", " (3)"... */
export function uniqueHeaders(headers: string[]): string[] {
  const seen = new Set<string>();
  return headers.map((h, i) => {
    const base = h.trim() === '' ? `column ${i + 1}` : h;
    let name = base;
    for (let n = 2; seen.has(name); n++) name = `${base} (${n})`;
    seen.add(name);
    return name;
  });
}

/** A header's best match among fields, or null. */
export interface FieldMatch {
  field: string;
  how: MatchHow;
  confidence: number;
}

const sameTokens = (a: string[], b: string[]): boolean => {
  if (a.length !== b.length) return false;
  const sa = [...a].sort();
  const sb = [...b].sort();
  return sa.every((t, i) => t === sb[i]);
};

/** A field's name, label and synonyms as matchHeader compares them, worked out once per list of fields. */
interface PreparedField {
  name: string;
  /** normaliseHeader(name). */
  normName: string;
  /** normaliseHeader of the label and of each synonym. */
  normAliases: Set<string>;
  /** headerTokens of the name, the label and each synonym, in that order (empty ones left out). */
  variantTokens: string[][];
}
const preparedLists = new WeakMap<readonly FieldDefinition[], PreparedField[]>();

/**
 * The fields ready to match against: each header used to normalise and tokenise every field's
 * name, label and synonyms again (about 2,800 tokenisations for a 28-column patient extract); now
 * once per list of fields (measured: planning `msvw analyse` of the benchmark extract 2 ms shorter
 * at the median).
 */
function prepared(fields: readonly FieldDefinition[]): PreparedField[] {
  let list = preparedLists.get(fields);
  if (!list) {
    list = fields.map((f) => ({
      name: f.name,
      normName: normaliseHeader(f.name),
      normAliases: new Set([f.label, ...f.synonyms].map(normaliseHeader)),
      variantTokens: [f.name, f.label, ...f.synonyms].map(headerTokens).filter((vt) => vt.length > 0),
    }));
    preparedLists.set(fields, list);
  }
  return list;
}

/** Match one header against a set of field definitions: name, then synonym, then unambiguous tokens. */
export function matchHeader(header: string, fields: readonly FieldDefinition[]): FieldMatch | null {
  const norm = normaliseHeader(header);
  if (norm === '') return null;
  const list = prepared(fields);
  const byName = list.find((f) => f.normName === norm);
  if (byName) return { field: byName.name, how: 'name', confidence: MATCH_CONFIDENCE.name };
  const bySynonym = list.find((f) => f.normAliases.has(norm));
  if (bySynonym) return { field: bySynonym.name, how: 'synonym', confidence: MATCH_CONFIDENCE.synonym };

  const tokens = headerTokens(header);
  if (tokens.length === 0) return null;
  const candidates = new Set<string>();
  for (const f of list) {
    for (const vt of f.variantTokens) {
      if (sameTokens(tokens, vt)) {
        candidates.add(f.name);
      } else if (tokens.length === vt.length + 1 && vt.every((t) => tokens.includes(t))) {
        const extra = tokens.filter((t) => !vt.includes(t));
        if (extra.length === 1 && HARMLESS_QUALIFIERS.has(extra[0])) candidates.add(f.name);
      }
    }
  }
  if (candidates.size !== 1) return null;
  const [field] = candidates;
  return { field, how: 'tokens', confidence: MATCH_CONFIDENCE.tokens };
}

/** What the mapper proposes for a file's headers, for the person to confirm. */
export interface MappingSuggestion {
  extractType: ExtractType;
  /** Header -> canonical field, or null when left unmapped. */
  mapping: Record<string, string | null>;
  /** How each mapped header was matched. */
  matches: Record<string, FieldMatch | null>;
  /** Mean per-header confidence over all headers (unmapped headers count 0): how much of the file was understood. */
  confidence: number;
  /** Required fields of the extract type that no header maps to. */
  missingRequired: string[];
}

/** Whether headers describe a centre-level KPI extract (two of kpi_id, numerator, denominator). */
export function detectExtractType(headers: string[]): ExtractType {
  let markers = 0;
  for (const h of headers) {
    const m = matchHeader(h, KPI_FIELDS);
    if (m && KPI_MARKER_FIELDS.includes(m.field)) markers++;
  }
  return markers >= KPI_MARKERS_NEEDED ? 'kpi' : 'patient';
}

/** Suggest a mapping for a file's headers: detect the extract type, match each header, one header per field. */
export function suggestMapping(headers: string[], extractType: ExtractType = detectExtractType(headers)): MappingSuggestion {
  const fields = fieldsFor(extractType);
  const proposed = headers.map((h) => matchHeader(h, fields));
  // When two headers match one field, the better match keeps it (the first on a tie).
  const winner = new Map<string, number>();
  proposed.forEach((m, i) => {
    if (!m) return;
    const current = winner.get(m.field);
    if (current === undefined || m.confidence > (proposed[current]?.confidence ?? 0)) winner.set(m.field, i);
  });
  const mapping: Record<string, string | null> = {};
  const matches: Record<string, FieldMatch | null> = {};
  let total = 0;
  headers.forEach((h, i) => {
    const m = proposed[i];
    const kept = m && winner.get(m.field) === i ? m : null;
    mapping[h] = kept ? kept.field : null;
    matches[h] = kept;
    total += kept ? kept.confidence : 0;
  });
  const mapped = new Set(Object.values(mapping));
  return {
    extractType,
    mapping,
    matches,
    confidence: headers.length === 0 ? 0 : total / headers.length,
    missingRequired: REQUIRED_FIELDS[extractType].filter((f) => !mapped.has(f)),
  };
}

/** A problem with a mapping the person must fix before import. */
export interface MappingIssue {
  code: 'duplicate_field' | 'unknown_field' | 'missing_required' | 'unknown_header';
  field: string | null;
  headers: string[];
  message: string;
}

/** Check a mapping: every field known, no field mapped from two headers, required fields present. */
export function checkMapping(headers: string[], mapping: Record<string, string | null>, extractType: ExtractType): MappingIssue[] {
  const issues: MappingIssue[] = [];
  const fields = fieldsFor(extractType);
  const byField = new Map<string, string[]>();
  for (const [header, field] of Object.entries(mapping)) {
    if (!headers.includes(header)) {
      issues.push({ code: 'unknown_header', field, headers: [header], message: `The mapping names a column "${header}" that the file does not have; remove it from the mapping.` });
      continue;
    }
    if (field === null) continue;
    if (!fields.some((f) => f.name === field)) {
      issues.push({ code: 'unknown_field', field, headers: [header], message: `Column "${header}" is mapped to "${field}", which is not a field of a ${extractType} extract; choose another field or leave it unmapped.` });
      continue;
    }
    byField.set(field, [...(byField.get(field) ?? []), header]);
  }
  for (const [field, hs] of byField) {
    if (hs.length > 1) {
      issues.push({ code: 'duplicate_field', field, headers: hs, message: `Columns ${hs.map((h) => `"${h}"`).join(' and ')} are both mapped to ${field}; map only one of them and leave the others unmapped.` });
    }
  }
  for (const field of REQUIRED_FIELDS[extractType]) {
    if (!byField.has(field)) {
      const label = fields.find((f) => f.name === field)?.label ?? field;
      issues.push({ code: 'missing_required', field, headers: [], message: `No column is mapped to ${field} (${label}); map the column that holds it.` });
    }
  }
  return issues;
}

/** The extract type a confirmed mapping implies (KPI when it maps two of kpi_id, numerator, denominator). */
export function extractTypeOfMapping(mapping: Record<string, string | null>): ExtractType {
  const fields = new Set(Object.values(mapping));
  return KPI_MARKER_FIELDS.filter((f) => fields.has(f)).length >= KPI_MARKERS_NEEDED ? 'kpi' : 'patient';
}

/**
 * Validate and complete a mapping for a file's headers: headers the mapping leaves out are
 * unmapped. Throws ImportError (code "mapping") naming the file and the columns to fix.
 */
export function applyMapping(
  fileName: string,
  headers: string[],
  mapping: Record<string, string | null>,
  extractType: ExtractType = extractTypeOfMapping(mapping),
): Record<string, string | null> {
  const issues = checkMapping(headers, mapping, extractType);
  if (issues.length > 0) {
    const first = issues[0];
    throw new ImportError(`${fileName}: ${first.message}`, fileName, 'mapping', undefined, first.headers[0]);
  }
  const complete: Record<string, string | null> = {};
  for (const h of headers) complete[h] = mapping[h] ?? null;
  return complete;
}

/** The table column name for a source column: its canonical field, or its header in snake_case. */
export function columnNameFor(header: string, field: string | null): string {
  if (field) return field;
  const snake = normaliseHeader(header).replace(/ /g, '_');
  return snake === '' ? 'column' : snake;
}

/** Every canonical field of both extract types, by name (for labels in messages). */
export function fieldLabel(name: string): string {
  return (PATIENT_FIELDS.find((f) => f.name === name) ?? KPI_FIELDS.find((f) => f.name === name))?.label ?? name;
}

/** An NHS ODS organisation code: a trust (R + 2) or a site (R + 4), e.g. RTH, RH802 (NHS ODS, "Organisation codes"). */
const ODS_VALUE = /^R[A-Z0-9]{2}(?:[A-Z0-9]{2})?$/;
/** Share of a column's distinct values that must be ODS codes for it to be suggested as the centre code. */
export const ODS_VALUE_SHARE = 0.9;

/**
 * The suggestion completed from the values: when no header names the centre code, an unmapped
 * text column whose values are ODS codes (RTH, RH802) is suggested for it, marked "values" so
 * the mapping screen asks the person to confirm. `columns` gives each header's distinct values.
 */
export function suggestFromValues(suggestion: MappingSuggestion, columns: { header: string; dictionary: readonly string[]; codes?: Int32Array }[]): MappingSuggestion {
  const withDates = suggestDatePair(suggestion, columns);
  if (withDates !== suggestion) suggestion = withDates;
  if (Object.values(suggestion.mapping).includes('centre_code')) return suggestion;
  const found = columns.find(({ header, dictionary }) => {
    if (suggestion.mapping[header] || dictionary.length === 0) return false;
    let ods = 0;
    for (const v of dictionary) if (ODS_VALUE.test(v.trim().toUpperCase())) ods++;
    return ods >= ODS_VALUE_SHARE * dictionary.length;
  });
  if (!found) return suggestion;
  const match: FieldMatch = { field: 'centre_code', how: 'values', confidence: MATCH_CONFIDENCE.values };
  const mapping = { ...suggestion.mapping, [found.header]: 'centre_code' };
  const n = Object.keys(mapping).length;
  return {
    ...suggestion,
    mapping,
    matches: { ...suggestion.matches, [found.header]: match },
    confidence: n === 0 ? 0 : suggestion.confidence + match.confidence / n,
    missingRequired: suggestion.missingRequired.filter((f) => f !== 'centre_code'),
  };
}

/** A measure as the mapping screen needs it: its name in words and the fields it reads. */
export interface MeasureNeeds {
  title: string;
  fields: readonly string[];
}

/** An unmapped field and the measures that can't be worked out without it. */
export interface BlockedField {
  field: string;
  /** The field's label, in words. */
  label: string;
  /** Titles of the measures it blocks. */
  measures: string[];
}

/**
 * For the mapping screen: each field of the extract type that no column maps to, with the
 * measures that read it (so the person sees what a mapping would unlock), most blocking first.
 */
export function blockedMeasures(mapping: Record<string, string | null>, extractType: ExtractType, measures: readonly MeasureNeeds[]): BlockedField[] {
  const mapped = new Set(Object.values(mapping).filter((f): f is string => f !== null));
  const out: BlockedField[] = [];
  for (const def of fieldsFor(extractType)) {
    if (mapped.has(def.name)) continue;
    const titles = measures.filter((m) => m.fields.includes(def.name)).map((m) => m.title);
    if (titles.length > 0) out.push({ field: def.name, label: def.label, measures: [...new Set(titles)] });
  }
  return out.sort((a, b) => b.measures.length - a.measures.length);
}

/** A referral and first-seen pair: the first on or before the second in this share of rows... */
export const DATE_ORDER_SHARE = 0.95;
/** ...the dates this close (median gap in days), so a date of birth is never taken for a referral. */
export const DATE_PAIR_MAX_MEDIAN_DAYS = 365;
/** Share of a column's distinct values that must read as dates for it to be paired. */
const DATE_VALUE_SHARE = 0.8;

/** Day numbers of a column's rows (NaN when empty or not a date), or null when it is not a date column. */
function rowDays(column: { dictionary: readonly string[]; codes?: Int32Array }): Float64Array | null {
  if (!column.codes || column.dictionary.length === 0) return null;
  const days = column.dictionary.map((v) => parseDate(v, { order: 'dmy' }));
  if (days.filter((d) => Number.isFinite(d)).length < DATE_VALUE_SHARE * days.length) return null;
  return Float64Array.from(column.codes, (k) => (k < 0 ? Number.NaN : days[k]));
}

/**
 * When one of referral_date and first_seen_date is mapped and the other is not, an unmapped date
 * column whose dates fall before (or after) the mapped one in nearly every row, and close to it,
 * is suggested for the other (marked "values", for the person to confirm).
 */
function suggestDatePair(suggestion: MappingSuggestion, columns: { header: string; dictionary: readonly string[]; codes?: Int32Array }[]): MappingSuggestion {
  const byField = new Map(Object.entries(suggestion.mapping).filter(([, f]) => f !== null).map(([h, f]) => [f as string, h]));
  const pairs: [string, string, 'before' | 'after'][] = [['referral_date', 'first_seen_date', 'before'], ['first_seen_date', 'referral_date', 'after']];
  for (const [missing, anchorField, side] of pairs) {
    if (byField.has(missing) || !byField.has(anchorField)) continue;
    const anchor = columns.find((c) => c.header === byField.get(anchorField));
    const anchorDays = anchor ? rowDays(anchor) : null;
    if (!anchorDays) continue;
    for (const c of columns) {
      if (suggestion.mapping[c.header]) continue;
      const days = rowDays(c);
      if (!days) continue;
      let both = 0;
      let ordered = 0;
      const gaps: number[] = [];
      for (let r = 0; r < days.length; r++) {
        const a = days[r];
        const b = anchorDays[r];
        if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
        both++;
        if (side === 'before' ? a <= b : a >= b) ordered++;
        gaps.push(Math.abs(b - a));
      }
      if (both < 5 || ordered < DATE_ORDER_SHARE * both) continue;
      gaps.sort((x, y) => x - y);
      if (gaps[gaps.length >> 1] > DATE_PAIR_MAX_MEDIAN_DAYS) continue;
      const match: FieldMatch = { field: missing, how: 'values', confidence: MATCH_CONFIDENCE.values };
      const n = Object.keys(suggestion.mapping).length;
      return {
        ...suggestion,
        mapping: { ...suggestion.mapping, [c.header]: missing },
        matches: { ...suggestion.matches, [c.header]: match },
        confidence: n === 0 ? 0 : suggestion.confidence + match.confidence / n,
        missingRequired: suggestion.missingRequired.filter((f) => f !== missing),
      };
    }
  }
  return suggestion;
}
