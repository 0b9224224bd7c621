/**
 * The identifier guard (domain.md, "Identifiers and disclosure control"): finds columns holding
 * direct identifiers (NHS numbers, full postcodes, dates of birth, names) before anything is
 * stored, and drops or pseudonymises them unless the person explicitly keeps them.
 * Detection looks at each column's distinct values (a sample of them for large dictionaries).
 */
import type { RawColumn } from './raw-table';
import { recodeDictionary } from '../data/table';
import { ImportError, type IdentifierAction, type IdentifierFinding, type IdentifierKind } from './import-result';
import { isValidNhsNumber, maskNhsNumbersInText, nhsDigits } from '../privacy/nhs-number';
import { NAME_TITLES, UK_FORENAMES, UK_SURNAMES } from '../privacy/uk-names';
import { pseudonymiseDictionary } from '../privacy/pseudonymise';
import { normaliseHeader } from './mapping';
import { isMissingToken, parseDate } from './types';

/** What the person can choose for an identifier column. */
export type IdentifierChoice = 'drop' | 'pseudonymise' | 'keep';

/** Share of a column's distinct values that must look like the identifier for the column to be flagged. */
export const IDENTIFIER_SHARE = 0.8;
/** Lower share when the header also names the identifier ("NHS number", "Postcode"). */
export const IDENTIFIER_SHARE_WITH_HEADER = 0.5;
/** Distinct values examined per column (spread evenly over the dictionary). */
export const IDENTIFIER_SAMPLE_LIMIT = 10_000;
/** Ages a date of birth may imply at the as-of date (years). */
export const DOB_MAX_AGE_YEARS = 110;
/** Names: at least this many distinct values, so a handful of labels isn't taken for people. */
export const NAME_MIN_DISTINCT = 5;

/**
 * Full UK unit postcode (outward + inward code), including GIR 0AA; outward-only codes such as
 * "SW1A" are district-level and not identifiers. After the Royal Mail PAF format rules
 * (as used by the ONS Postcode Directory user guide).
 */
const FULL_POSTCODE = /^(?:GIR ?0AA|(?:[A-PR-UWYZ](?:\d{1,2}|[A-HK-Y]\d{1,2}|\d[A-HJKPS-UW]|[A-HK-Y]\d[ABEHMNPRV-Y])) ?\d[ABD-HJLNP-UW-Z]{2})$/i;

/** Whether a value is a full UK unit postcode (e.g. "SW1A 1AA", "m1 1ae", "GIR 0AA"). */
export function isFullPostcode(value: string): boolean {
  return FULL_POSTCODE.test(value.trim().replace(/\s+/g, ' '));
}

/** Headers that name a date of birth (normalised, spaces removed): "DOB", "D.O.B.", "birthdt", "Date of birth"... */
const DOB_HEADER_COMPACT = /^(?:patient|pt|person|client)?(?:dob|dobdate|dateofbirth|birthdate|birthdt|birthday|bdate|bday|dateborn|born|bornon)$/;
/** Headers that mention birth anywhere ("Birth date (dd/mm/yyyy)", "yr of birth"). */
const BIRTH_WORD = /\bbirth|\bdob\b|\bborn\b/;
/** Headers that name an NHS number. */
const NHS_HEADER = /\bnhs\b|\bnhsno\b|\bnhsnumber\b|\bnhs ?num/;
/** Headers that name a postcode. */
const POSTCODE_HEADER = /\bpost ?code\b|\bpcode\b|\bzip\b/;
/** Headers that name a person's name (never a centre, trust, drug or site name: those are mapped fields). */
const NAME_HEADER = /^(?:patient |person |pt |client |service user )?(?:name|names|full ?name|forenames?|first ?names?|given ?names?|surname|last ?name|family ?name|middle ?names?|maiden ?name|preferred ?name|christian ?name|known as)$/;
/** Headers that name the person without saying "name" ("Patient", "Client"): flagged when the values are name-shaped. */
const PERSON_HEADER = /^(?:patient|pt|person|client|service user|individual)$/;

/**
 * Share of distinct values that are valid NHS numbers above which a column mixing them with other
 * values (local ids, "unknown", notes) is still flagged: random 10-digit numbers pass Modulus 11
 * about 1 time in 11 (9%), so 20% is well above chance.
 */
export const NHS_MIXED_SHARE = 0.2;
/** ...and at least this many valid NHS numbers, so two lucky ids among ten don't flag a column. */
export const NHS_MIXED_MIN = 3;
/** Dates of birth from values: the dates span at least this many years... */
export const DOB_MIN_SPAN_YEARS = 30;
/** ...and the median implied age is at least this (event dates of an audit cluster in recent years). */
export const DOB_MIN_MEDIAN_AGE_YEARS = 25;
/** Share of a column's values that must read as dates to judge them as birth dates. */
export const DOB_DATE_SHARE = 0.8;
/** Names: share of distinct values with a common UK forename or surname among their words. */
export const NAME_KNOWN_SHARE = 0.3;
/** Names of one word only (a surname or forename column) need a larger share. */
export const NAME_SINGLE_WORD_SHARE = 0.5;
/** Names: distinct values over filled rows at least this (names are nearly unique; categories repeat). */
export const NAME_DISTINCT_RATIO = 0.2;
/** ...unless there are at least this many distinct values. */
export const NAME_MANY_DISTINCT = 200;
/** Free text: median length of the distinct values, in characters... */
export const FREE_TEXT_MEDIAN_CHARS = 30;
/** ...and their mean number of words. */
export const FREE_TEXT_MEAN_WORDS = 4;
/** Free text: at least this many distinct values (a few long labels are categories). */
export const FREE_TEXT_MIN_DISTINCT = 5;

const DAYS_PER_YEAR = 365.25;

/** A personal name: optional title, then 1-4 words of letters, apostrophes or hyphens, or "Surname, Forename"; any case. */
const NAME_SHAPE = /^(?:(?:mr|mrs|ms|miss|mx|dr|prof|sir|dame|rev)\.? )?[A-Za-z][A-Za-z'’-]+(?:,? [A-Za-z][A-Za-z'’-]+){0,3}$/i;
/** Words that mark an organisation, a place or a category (ethnicity, sex, smoking) rather than a person. */
const NOT_PERSON_WORDS = new Set(`hospital hospitals trust nhs clinic centre center university foundation royal health infirmary
general medical practice surgery st saint board service services unit ward other unknown not stated none yes no british
irish asian african caribbean mixed white black any background male female never current former ex smoker
relapsing remitting progressive primary secondary interferon`.split(/\s+/));

/** An identifier column found in a file, with what happens to it unless the person chooses otherwise. */
export interface IdentifierCandidate {
  column: string;
  kind: IdentifierKind;
  defaultAction: IdentifierChoice;
  /** Why the column was flagged, in words (shown on the mapping screen). */
  evidence: string;
}

/** Up to `limit` present distinct values, spread evenly over the dictionary. */
function sampleDistinct(dictionary: readonly string[], limit = IDENTIFIER_SAMPLE_LIMIT): string[] {
  const out: string[] = [];
  const take = Math.min(dictionary.length, limit);
  const step = dictionary.length / take;
  for (let k = 0; k < take; k++) {
    const v = dictionary[Math.floor(k * step)].trim();
    if (v !== '' && !isMissingToken(v)) out.push(v);
  }
  return out;
}

/** Share of values meeting a test (0 for none). */
function share(values: string[], test: (v: string) => boolean): number {
  if (values.length === 0) return 0;
  let n = 0;
  for (const v of values) if (test(v)) n++;
  return n / values.length;
}

const pct = (x: number): string => `${Math.round(100 * x)}%`;

/**
 * The words of a name-shaped value (titles dropped), lower case; null when it is not
 * name-shaped or a word marks a category ("White British") rather than a person ("Sarah White").
 */
function nameWords(value: string): string[] | null {
  const v = value.trim().replace(/\s+/g, ' ');
  if (!NAME_SHAPE.test(v)) return null;
  const words = v.toLowerCase().replace(/\./g, '').split(/[ ,]+/).filter((w) => w !== '' && !NAME_TITLES.has(w));
  if (words.length === 0) return null;
  for (let k = 0; k < words.length; k++) {
    const lastSurname = k === words.length - 1 && k > 0 && UK_SURNAMES.has(words[k]);
    if (NOT_PERSON_WORDS.has(words[k]) && !lastSurname) return null;
  }
  return words;
}

/** Whether a value looks like a person's name with a common UK forename or surname in it. */
export function looksLikePersonName(value: string): boolean {
  const words = nameWords(value);
  return words !== null && words.some((w) => UK_FORENAMES.has(w) || UK_SURNAMES.has(w));
}

/** Options for detection. */
export interface DetectOptions {
  /** Day number at which ages from a date of birth are judged (default: today). */
  asOf?: number;
}

/** Filled rows of a column (cells with a value). */
function filledRows(column: RawColumn): number {
  let n = 0;
  for (let r = 0; r < column.codes.length; r++) if (column.codes[r] >= 0) n++;
  return n;
}

/** Median of numbers (0 for none). */
function median(xs: number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Ages (years) the values imply at asOf, for the values that read as dates. */
function impliedAges(values: string[], asOf: number): { ages: number[]; dateShare: number } {
  const ages: number[] = [];
  for (const v of values) {
    const d = parseDate(v, { order: 'dmy' });
    if (Number.isFinite(d)) ages.push((asOf - d) / DAYS_PER_YEAR);
  }
  return { ages, dateShare: values.length ? ages.length / values.length : 0 };
}

/**
 * Which kind of direct identifier a column holds, with the evidence, or null. A column mapped to
 * a canonical field other than patient_id is never taken for a name or free text, nor for a date
 * of birth from its values alone.
 */
export function detectIdentifier(header: string, column: RawColumn, field: string | null, options: DetectOptions = {}): { kind: IdentifierKind; evidence: string } | null {
  const h = normaliseHeader(header);
  const compact = h.replace(/ /g, '');
  const values = sampleDistinct(column.dictionary);
  if (values.length === 0) return null;

  // NHS numbers in any common form: most values, or a share well above chance mixed with others.
  let valid = 0;
  for (const v of values) if (isValidNhsNumber(v)) valid++;
  const nhsShare = valid / values.length;
  if (nhsShare >= IDENTIFIER_SHARE) return { kind: 'nhs_number', evidence: `${pct(nhsShare)} of its distinct values are valid NHS numbers (Modulus 11)` };
  if (nhsShare >= NHS_MIXED_SHARE && valid >= NHS_MIXED_MIN) {
    return { kind: 'nhs_number', evidence: `${pct(nhsShare)} of its distinct values are valid NHS numbers (Modulus 11) mixed with other values; a column is flagged from ${pct(NHS_MIXED_SHARE)}` };
  }
  if (NHS_HEADER.test(h)) {
    const tenDigits = share(values, (v) => nhsDigits(v) !== null);
    if (tenDigits >= IDENTIFIER_SHARE_WITH_HEADER) return { kind: 'nhs_number', evidence: `its header names NHS numbers and ${pct(tenDigits)} of its values are 10-digit numbers` };
  }

  // Full postcodes (outward-only district codes are not flagged).
  const postcodeShare = share(values, isFullPostcode);
  if (postcodeShare >= IDENTIFIER_SHARE || (POSTCODE_HEADER.test(h) && postcodeShare >= IDENTIFIER_SHARE_WITH_HEADER)) {
    return { kind: 'postcode', evidence: `${pct(postcodeShare)} of its distinct values are full postcodes` };
  }

  // Dates of birth: by header, or (unmapped columns) by values that look like birth dates.
  if (DOB_HEADER_COMPACT.test(compact)) return { kind: 'date_of_birth', evidence: `its header "${header}" names a date of birth` };
  const asOf = options.asOf ?? Math.floor(Date.now() / 86_400_000);
  const { ages, dateShare } = impliedAges(values, asOf);
  const plausible = ages.filter((a) => a >= 0 && a <= DOB_MAX_AGE_YEARS);
  if (BIRTH_WORD.test(h) && dateShare >= IDENTIFIER_SHARE_WITH_HEADER && plausible.length >= IDENTIFIER_SHARE * ages.length) {
    return { kind: 'date_of_birth', evidence: `its header mentions birth and ${pct(dateShare)} of its values are dates giving ages of 0-${DOB_MAX_AGE_YEARS}` };
  }
  if (field === null && dateShare >= DOB_DATE_SHARE && ages.length >= NAME_MIN_DISTINCT && plausible.length >= IDENTIFIER_SHARE * ages.length) {
    const span = Math.max(...plausible) - Math.min(...plausible);
    const mid = median(plausible);
    if (span >= DOB_MIN_SPAN_YEARS && mid >= DOB_MIN_MEDIAN_AGE_YEARS) {
      return { kind: 'date_of_birth', evidence: `its values are dates spread over ${Math.round(span)} years, a median of ${Math.round(mid)} years before the as-of date, as dates of birth are` };
    }
  }

  if (field !== null && field !== 'patient_id') return null;
  // Names: by header, by a person header over name-shaped values, or by values with common UK names.
  if (NAME_HEADER.test(h)) return { kind: 'name', evidence: `its header "${header}" names a person's name` };
  const shaped = values.map(nameWords);
  const shapeShare = shaped.filter((w) => w !== null).length / values.length;
  if (PERSON_HEADER.test(h) && shapeShare >= IDENTIFIER_SHARE) {
    return { kind: 'name', evidence: `its header "${header}" names a person and ${pct(shapeShare)} of its values are shaped like names` };
  }
  if (values.length >= NAME_MIN_DISTINCT && shapeShare >= IDENTIFIER_SHARE) {
    const known = shaped.filter((w) => w !== null && w.some((x) => UK_FORENAMES.has(x) || UK_SURNAMES.has(x))).length / values.length;
    const singleWord = shaped.every((w) => w === null || w.length <= 1);
    const distinctEnough = column.dictionary.length >= NAME_MANY_DISTINCT || column.dictionary.length >= NAME_DISTINCT_RATIO * filledRows(column);
    if (distinctEnough && known >= (singleWord ? NAME_SINGLE_WORD_SHARE : NAME_KNOWN_SHARE)) {
      return { kind: 'name', evidence: `its values look like people's names (${pct(known)} contain a common UK forename or surname)` };
    }
  }

  // Free text: sentences that may name people or give NHS numbers.
  if (field === null && values.length >= FREE_TEXT_MIN_DISTINCT) {
    const chars = median(values.map((v) => v.length));
    const words = values.reduce((n, v) => n + v.split(/\s+/).length, 0) / values.length;
    if (chars >= FREE_TEXT_MEDIAN_CHARS && words >= FREE_TEXT_MEAN_WORDS) {
      const withIds = values.filter((v) => maskTextIdentifiers(v).masked > 0).length;
      const found = withIds > 0 ? `; ${withIds} of its values hold an NHS number or a titled name` : '';
      return { kind: 'free_text', evidence: `it holds free text (${Math.round(words)} words in a value on average${found}), which may name people or give NHS numbers` };
    }
  }
  return null;
}

/** A title followed by one or two capitalised words: "Mr Smith", "Dr Jane Doe", "Mrs. O'Neill". */
const TITLED_NAME = /\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame|Rev)\.?\s+[A-Z][A-Za-z'’-]+(?:\s+[A-Z][A-Za-z'’-]+)?/g;

/** Text with NHS numbers and titled names masked, and how many were masked. */
export function maskTextIdentifiers(text: string): { text: string; masked: number } {
  const nhs = maskNhsNumbersInText(text);
  let names = 0;
  const out = nhs.text.replace(TITLED_NAME, () => {
    names++;
    return '[name]';
  });
  return { text: out, masked: nhs.masked + names };
}

/**
 * A kept text column with the NHS numbers and titled names inside its values masked; `values` is
 * how many distinct values changed (0: the column is returned as it was). Values that mask alike
 * ("Seen by Mrs Smith", "Seen by Dr Brown") share one dictionary entry, so a filter or a count by
 * value sees one "Seen by [name]". Used by the import for plain columns and by unmapping a column.
 */
export function maskTextColumn(column: RawColumn): { column: RawColumn; values: number } {
  let changed = 0;
  const masked = column.dictionary.map((v) => {
    // Only text: a bare number (a local id that happens to pass Modulus 11) is left to the column checks.
    if (v.length < 10 || !/[A-Za-z]/.test(v)) return v;
    const m = maskTextIdentifiers(v);
    if (m.masked > 0) changed++;
    return m.text;
  });
  if (changed === 0) return { column, values: 0 };
  const { codes, dictionary } = recodeDictionary(column.codes, masked);
  return { column: { ...column, codes, dictionary }, values: changed };
}

/** The default for an identifier column: drop, except NHS numbers used as the patient id, which are pseudonymised. */
export function defaultIdentifierAction(kind: IdentifierKind, field: string | null): IdentifierChoice {
  return kind === 'nhs_number' && field === 'patient_id' ? 'pseudonymise' : 'drop';
}

/** Every identifier column among the headers (keys of the mapping), with its default action. */
export function findIdentifiers(
  columns: { header: string; column: RawColumn }[],
  mapping: Record<string, string | null>,
  options: DetectOptions = {},
): IdentifierCandidate[] {
  const out: IdentifierCandidate[] = [];
  for (const { header, column } of columns) {
    const field = mapping[header] ?? null;
    const found = detectIdentifier(header, column, field, options);
    if (found) out.push({ column: header, kind: found.kind, defaultAction: defaultIdentifierAction(found.kind, field), evidence: found.evidence });
  }
  return out;
}

const ACTION_DONE: Record<IdentifierChoice, IdentifierAction> = { drop: 'dropped', pseudonymise: 'pseudonymised', keep: 'kept' };

/** The finding to report for a candidate once the person's choice (or the default) is applied. */
export function identifierFinding(candidate: IdentifierCandidate, choice: IdentifierChoice | undefined): IdentifierFinding {
  return { column: candidate.column, kind: candidate.kind, action: ACTION_DONE[choice ?? candidate.defaultAction] };
}

/**
 * A raw column with every distinct value replaced by its keyed-hash pseudonym; values that
 * hash alike (an NHS number written with and without spaces) share one code.
 */
export function pseudonymiseColumn(column: RawColumn, key: Uint8Array | undefined, fileName: string): RawColumn {
  if (!key || key.length === 0) {
    throw new ImportError(
      `${fileName}: column "${column.header}" is to be pseudonymised but no pseudonym key was given. Restart the import; if it happens again, choose "drop" for this column.`,
      fileName, 'pseudonym_key_missing', undefined, column.header,
    );
  }
  // Missing markers stay missing rather than becoming a pseudonym of "NA".
  const present = column.dictionary.map((v) => v.trim() !== '' && !isMissingToken(v));
  const hashed = pseudonymiseDictionary(column.dictionary, key);
  const dictionary: string[] = [];
  const index = new Map<string, number>();
  const remap = new Int32Array(column.dictionary.length);
  for (let k = 0; k < hashed.length; k++) {
    if (!present[k]) {
      remap[k] = -1;
      continue;
    }
    let code = index.get(hashed[k]);
    if (code === undefined) {
      code = dictionary.length;
      index.set(hashed[k], code);
      dictionary.push(hashed[k]);
    }
    remap[k] = code;
  }
  const codes = new Int32Array(column.codes.length);
  for (let r = 0; r < codes.length; r++) {
    const c = column.codes[r];
    codes[r] = c < 0 ? -1 : remap[c];
  }
  return { header: column.header, codes, dictionary };
}
