/**
 * The identifier guard (domain.md, "Identifiers and disclosure control"): finds columns holding
 * direct identifiers (NHS numbers, full postcodes, dates of birth, names) before anything is
 * stored, and drops or pseudonymises them unless the person explicitly keeps them.
 * Detection looks at each column's distinct values (a sample of them for large dictionaries).
 */
import type { RawColumn } from './raw-table';
import { ImportError, type IdentifierAction, type IdentifierFinding, type IdentifierKind } from './import-result';
import { isValidNhsNumber, nhsDigits } from '../privacy/nhs-number';
import { pseudonymiseDictionary } from '../privacy/pseudonymise';
import { normaliseHeader } from './mapping';
import { isMissingToken, parseDate } from './types';
import { daysFromYmd } from '../data/table';

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
/** Names: share of distinct values whose first word is a common forename. */
export const NAME_FORENAME_SHARE = 0.3;

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

/** Headers that name a date of birth. */
const DOB_HEADER = /^(?:dob|d o b|date of birth|birth date|birthdate|birth dt|date born|born|born on|patient dob|patient date of birth|pt dob)$/;
/** Headers that name an NHS number. */
const NHS_HEADER = /\bnhs\b|\bnhsno\b|\bnhsnumber\b/;
/** Headers that name a postcode. */
const POSTCODE_HEADER = /\bpost ?code\b|\bpcode\b|\bzip\b/;
/** Headers that name a person's name (never a centre, trust, drug or site name: those are mapped fields). */
const NAME_HEADER = /^(?:patient |person |pt |client )?(?:name|names|full ?name|forenames?|first ?names?|given ?names?|surname|last ?name|family ?name|middle ?names?|maiden ?name|preferred ?name|christian ?name|known as)$/;

/**
 * Common UK forenames (ONS baby names, most frequent over several decades): used only together
 * with a person-name shape, so a column of hospital or drug names isn't taken for people.
 */
const COMMON_FORENAMES = new Set(`
james john robert michael david william richard thomas mark paul andrew peter stephen christopher daniel
matthew anthony george edward joseph charles kevin steven brian ian gary simon jonathan adam martin
alan colin graham keith neil philip stuart timothy nicholas lee craig jason darren wayne dean scott
oliver jack harry jacob charlie noah alfie leo freddie oscar archie henry arthur samuel luke ryan
liam ben benjamin alexander joshua callum connor lewis kieran nathan jamie ross sean aaron
mary patricia linda barbara elizabeth jennifer susan margaret sarah karen helen sandra julie
jane emma claire louise lisa nicola michelle rachel rebecca laura amy jessica hannah charlotte
emily sophie olivia amelia isla ava mia grace lily ella chloe lucy katie megan holly ruth
anne ann janet christine carol jean pauline angela tracey joanne deborah alison catherine
kathryn victoria samantha gemma kelly zoe natalie jade abigail georgia ellie evie freya poppy
mohammed muhammad ahmed ali hassan fatima aisha amir omar priya sunita raj sanjay
`.trim().split(/\s+/));

/** A personal name shape: optional title, then 1-4 capitalised words, or "Surname, Forename". */
const NAME_SHAPE = /^(?:(?:mr|mrs|ms|miss|mx|dr|prof)\.? )?[A-Z][A-Za-z'’-]+(?:,? [A-Z][A-Za-z'’-]+){0,3}$/;
const NAME_TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof']);
/** Words that mark an organisation or a place rather than a person. */
const ORGANISATION_WORDS = /\b(?:hospital|hospitals|trust|nhs|clinic|centre|center|university|foundation|royal|health|infirmary|general|medical|practice|surgery|st|saint|board|service|services|unit|ward)\b/i;

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

/** Whether a value looks like a person's name: the name shape, no organisation words, a common forename first (or after the comma). */
export function looksLikePersonName(value: string): boolean {
  const v = value.trim().replace(/\s+/g, ' ');
  if (!NAME_SHAPE.test(v) || ORGANISATION_WORDS.test(v)) return false;
  const parts = v.split(',');
  const forenamePart = parts.length === 2 ? parts[1] : parts[0];
  const words = forenamePart.trim().toLowerCase().replace(/\./g, '').split(' ').filter((w) => !NAME_TITLES.has(w));
  return words.length > 0 && COMMON_FORENAMES.has(words[0]);
}

/** Options for detection. */
export interface DetectOptions {
  /** Day number at which ages from a date of birth are judged (default: today). */
  asOf?: number;
}

/**
 * Which kind of direct identifier a column holds, with the evidence, or null.
 * A column mapped to a canonical field other than patient_id is never taken for a name.
 */
export function detectIdentifier(header: string, column: RawColumn, field: string | null, options: DetectOptions = {}): { kind: IdentifierKind; evidence: string } | null {
  const h = normaliseHeader(header);
  const values = sampleDistinct(column.dictionary);
  if (values.length === 0) return null;

  // NHS numbers: valid by Modulus 11, or 10-digit numbers under an NHS-number header.
  const nhsShare = share(values, isValidNhsNumber);
  if (nhsShare >= IDENTIFIER_SHARE) return { kind: 'nhs_number', evidence: `${pct(nhsShare)} of its distinct values are valid NHS numbers (Modulus 11)` };
  if (NHS_HEADER.test(h)) {
    const tenDigits = share(values, (v) => nhsDigits(v) !== null);
    if (tenDigits >= IDENTIFIER_SHARE_WITH_HEADER) return { kind: 'nhs_number', evidence: `its header names NHS numbers and ${pct(tenDigits)} of its values are 10-digit numbers` };
  }

  // Full postcodes (outward-only district codes are not flagged).
  const postcodeShare = share(values, isFullPostcode);
  if (postcodeShare >= IDENTIFIER_SHARE || (POSTCODE_HEADER.test(h) && postcodeShare >= IDENTIFIER_SHARE_WITH_HEADER)) {
    return { kind: 'postcode', evidence: `${pct(postcodeShare)} of its distinct values are full postcodes` };
  }

  // Dates of birth: by header, or a header mentioning birth over dates that imply plausible ages.
  if (DOB_HEADER.test(h)) return { kind: 'date_of_birth', evidence: `its header "${header}" names a date of birth` };
  if (/\bbirth\b/.test(h)) {
    const asOf = options.asOf ?? Math.floor(Date.now() / 86_400_000);
    const asOfDate = new Date(asOf * 86_400_000);
    const earliest = daysFromYmd(asOfDate.getUTCFullYear() - DOB_MAX_AGE_YEARS, asOfDate.getUTCMonth() + 1, Math.min(asOfDate.getUTCDate(), 28));
    const ages = share(values, (v) => {
      const d = parseDate(v, { order: 'dmy' });
      return d >= earliest && d <= asOf;
    });
    if (ages >= IDENTIFIER_SHARE) return { kind: 'date_of_birth', evidence: `its header mentions birth and ${pct(ages)} of its values are dates giving ages of 0-${DOB_MAX_AGE_YEARS}` };
  }

  // Names: by header, or person-shaped values with common forenames (conservative).
  if (field === null || field === 'patient_id') {
    if (NAME_HEADER.test(h)) return { kind: 'name', evidence: `its header "${header}" names a person's name` };
    if (values.length >= NAME_MIN_DISTINCT) {
      const names = share(values, looksLikePersonName);
      if (names >= NAME_FORENAME_SHARE && share(values, (v) => NAME_SHAPE.test(v.replace(/\s+/g, ' '))) >= IDENTIFIER_SHARE) {
        return { kind: 'name', evidence: `its values look like people's names (${pct(names)} start with a common forename)` };
      }
    }
  }
  return null;
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
