/**
 * The corpus of identifier variants (issue 10): NHS numbers in every common form, dates of birth
 * under odd headers or none, names under odd headers or none (uncommon names included), postcodes,
 * and free text with NHS numbers and names inside. Each variant is one column of a 40-row extract
 * beside a centre code; the import must flag it and keep none of its values (dropped,
 * pseudonymised, or masked inside the text).
 */
import { describe, expect, it } from 'vitest';
import { importExtract, prepareImport } from '../../../shared/io/pipeline';
import type { RawColumn, RawTable } from '../../../shared/io/raw-table';
import { nhsCheckDigit } from '../../../shared/privacy/nhs-number';
import { cellValue, daysFromIso } from '../../../shared/data/table';
import { generatePseudonymKey } from '../../../shared/privacy/pseudonymise';
import { maskTextIdentifiers } from '../../../shared/io/identifiers';
import { seeded } from '../../helpers/seeded';

const ROWS = 40;
const AS_OF = daysFromIso('2025-03-31');

const rnd = seeded(46);
const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];

/** n valid NHS numbers (9 digits from a seeded start, plus the check digit). */
function nhsNumbers(n: number): string[] {
  const out: string[] = [];
  for (let x = 400_000_000 + Math.floor(rnd() * 1e8); out.length < n; x += 1 + Math.floor(rnd() * 97)) {
    const nine = String(x);
    const c = nhsCheckDigit(nine);
    if (c >= 0) out.push(nine + c);
  }
  return out;
}
const g334 = (d: string, sep: string) => `${d.slice(0, 3)}${sep}${d.slice(3, 6)}${sep}${d.slice(6)}`;

const FORENAMES = ['James', 'Sarah', 'Mohammed', 'Emily', 'David', 'Priya', 'Thomas', 'Olivia', 'Peter', 'Margaret', 'Aisha', 'Daniel'];
const SURNAMES = ['Smith', 'Jones', 'Patel', 'Taylor', 'Brown', 'Khan', 'Evans', 'Walker', 'Hughes', 'Roberts', 'Singh', 'Wood'];
const RARE_FORE = ['Zebedee', 'Ottoline', 'Peregrine', 'Isolde', 'Lysander', 'Tamsin', 'Caspian', 'Elowen', 'Barnaby', 'Morwenna', 'Thaddeus', 'Clemency'];
const RARE_SUR = ['Quill', 'Fenwright', 'Ashdown', 'Tregothnan', 'Vyvyan', 'Pennock', 'Marchbank', 'Loveday', 'Carbery', 'Izzard', 'Blenkinsop', 'Ruddle'];
const fullName = () => `${pick(FORENAMES)} ${pick(SURNAMES)}`;
const rareName = () => `${pick(RARE_FORE)} ${pick(RARE_SUR)}`;
/** A date of birth between 1935 and 2005 (ages 20-90 at the as-of date). */
function dob(): Date {
  return new Date(Date.UTC(1935 + Math.floor(rnd() * 70), Math.floor(rnd() * 12), 1 + Math.floor(rnd() * 28)));
}
const dmy = (d: Date) => `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
const iso = (d: Date) => d.toISOString().slice(0, 10);
const POSTCODES = ['SW1A 1AA', 'M1 1AE', 'B33 8TH', 'CR2 6XH', 'DN55 1PT', 'LS1 4AP', 'OX3 9DU', 'CB2 0QQ', 'NE1 7RU', 'EH1 1YZ', 'CF10 3AT', 'BS1 5TR'];
const SENTENCES = [
  'Seen in clinic today, walking with a stick, reports more fatigue since the spring',
  'Discussed treatment options at length and patient would like time to consider them',
  'MRI shows two new lesions compared with last year, referred for DMT review meeting',
  'Telephone review with the MS nurse, no new symptoms, bloods due next month at GP',
  'Relapse treated with steroids by the GP before referral, improving slowly now',
  'Patient moved house and asked for follow-up closer to home at the district site',
];

type Kind = 'nhs_number' | 'date_of_birth' | 'name' | 'postcode' | 'free_text';
interface Variant {
  id: number;
  header: string;
  kind: Kind;
  values: () => (string | null)[];
}

const nhs = (f: (d: string) => string) => () => nhsNumbers(ROWS).map(f);
const rows = (f: () => string) => () => Array.from({ length: ROWS }, f);
const VARIANTS: Variant[] = [
  // NHS numbers
  { id: 1, header: 'NHS Number', kind: 'nhs_number', values: nhs((d) => d) },
  { id: 2, header: 'Ref', kind: 'nhs_number', values: nhs((d) => g334(d, ' ')) },
  { id: 3, header: 'Ref', kind: 'nhs_number', values: nhs((d) => g334(d, '-')) },
  { id: 4, header: 'Ref', kind: 'nhs_number', values: nhs((d) => g334(d, '.')) },
  { id: 5, header: 'Ref', kind: 'nhs_number', values: nhs((d) => g334(d, '  ')) },
  { id: 6, header: 'Identifier', kind: 'nhs_number', values: nhs((d) => `${d}.0`) },
  { id: 7, header: 'Identifier', kind: 'nhs_number', values: nhs((d) => `${d[0]}.${d.slice(1)}E+09`) },
  { id: 8, header: 'Identifier', kind: 'nhs_number', values: nhs((d) => `  ${d} `) },
  { id: 9, header: 'Patient ref', kind: 'nhs_number', values: nhs((d) => `NHS: ${g334(d, ' ')}`) },
  { id: 10, header: 'Ref', kind: 'nhs_number', values: nhs((d) => g334(d, '/')) },
  { id: 11, header: 'Local id', kind: 'nhs_number', values: () => nhsNumbers(ROWS).map((d, i) => (i % 10 < 7 ? d : `L${1000 + i}`)) },
  { id: 12, header: 'Local id', kind: 'nhs_number', values: () => nhsNumbers(ROWS).map((d, i) => (i % 10 < 3 ? d : `L${1000 + i}`)) },
  { id: 13, header: 'NHS No', kind: 'nhs_number', values: () => Array.from({ length: ROWS }, (_v, i) => String(1_000_000_000 + i * 7919)) },
  { id: 14, header: 'NHSNumber', kind: 'nhs_number', values: nhs((d) => g334(d, ' ')) },
  { id: 15, header: 'Column 3', kind: 'nhs_number', values: () => nhsNumbers(ROWS).map((d, i) => (i % 5 === 0 ? 'unknown' : i % 5 === 1 ? null : d)) },
  { id: 16, header: 'MRN', kind: 'nhs_number', values: () => nhsNumbers(ROWS).map((d, i) => (i % 2 ? `${d}.0` : g334(d, ' '))) },
  // Dates of birth
  { id: 17, header: 'DOB', kind: 'date_of_birth', values: rows(() => dmy(dob())) },
  { id: 18, header: 'D.O.B.', kind: 'date_of_birth', values: rows(() => dmy(dob())) },
  { id: 19, header: 'birthdt', kind: 'date_of_birth', values: rows(() => iso(dob())) },
  { id: 20, header: 'Date of Birth', kind: 'date_of_birth', values: rows(() => dmy(dob())) },
  { id: 21, header: 'BirthDate', kind: 'date_of_birth', values: rows(() => iso(dob())) },
  { id: 22, header: 'Pt DOB', kind: 'date_of_birth', values: rows(() => dmy(dob())) },
  { id: 23, header: 'Birth date (dd/mm/yyyy)', kind: 'date_of_birth', values: rows(() => dmy(dob())) },
  { id: 24, header: 'bdate', kind: 'date_of_birth', values: rows(() => iso(dob())) },
  { id: 25, header: 'D1', kind: 'date_of_birth', values: rows(() => iso(dob())) },
  { id: 26, header: 'Date', kind: 'date_of_birth', values: rows(() => dmy(dob())) },
  // Names
  { id: 27, header: 'Name', kind: 'name', values: rows(fullName) },
  { id: 28, header: 'Patient', kind: 'name', values: rows(rareName) },
  { id: 29, header: 'Surname', kind: 'name', values: rows(() => pick(RARE_SUR)) },
  { id: 30, header: 'Forename', kind: 'name', values: rows(() => pick(RARE_FORE)) },
  { id: 31, header: 'Full Name', kind: 'name', values: rows(() => `${pick(SURNAMES).toUpperCase()}, ${pick(FORENAMES).toUpperCase()}`) },
  { id: 32, header: 'Client', kind: 'name', values: rows(rareName) },
  { id: 33, header: 'Contact', kind: 'name', values: rows(fullName) },
  { id: 34, header: 'Col7', kind: 'name', values: rows(() => `${pick(SURNAMES)}, ${pick(FORENAMES)}`) },
  { id: 35, header: 'Referrer', kind: 'name', values: rows(() => `Dr ${fullName()}`) },
  { id: 36, header: 'Carer', kind: 'name', values: rows(() => fullName().toLowerCase()) },
  { id: 37, header: 'Patient name', kind: 'name', values: rows(rareName) },
  { id: 38, header: 'Given name', kind: 'name', values: rows(() => pick(FORENAMES)) },
  { id: 39, header: 'Last name', kind: 'name', values: rows(() => pick(SURNAMES)) },
  { id: 40, header: 'Who', kind: 'name', values: rows(() => `${pick(FORENAMES)} ${pick(RARE_SUR)}`) },
  // Postcodes
  { id: 41, header: 'Postcode', kind: 'postcode', values: rows(() => pick(POSTCODES)) },
  { id: 42, header: 'Address PC', kind: 'postcode', values: rows(() => pick(POSTCODES)) },
  { id: 43, header: 'pcode', kind: 'postcode', values: rows(() => pick(POSTCODES).replace(' ', '').toLowerCase()) },
  // Free text
  { id: 44, header: 'Clinician comments', kind: 'free_text', values: () => nhsNumbers(ROWS).map((d, i) => `${pick(SENTENCES)}; spoke to Mr ${pick(SURNAMES)} about NHS ${g334(d, ' ')} (${i})`) },
  { id: 45, header: 'Notes', kind: 'free_text', values: rows(() => `${pick(SENTENCES)} (${Math.floor(rnd() * 1000)})`) },
  { id: 46, header: 'Comment', kind: 'free_text', values: () => nhsNumbers(ROWS).map((d, i) => (i % 4 === 0 ? `see ${d}` : i % 4 === 1 ? `Mrs ${pick(SURNAMES)} rang` : 'ok')) },
];

function rawColumn(header: string, values: (string | null)[]): RawColumn {
  const dictionary: string[] = [];
  const index = new Map<string, number>();
  const codes = Int32Array.from(values, (v) => {
    if (v === null) return -1;
    let k = index.get(v);
    if (k === undefined) {
      k = dictionary.length;
      index.set(v, k);
      dictionary.push(v);
    }
    return k;
  });
  return { header, codes, dictionary };
}

function extract(v: Variant): { raw: RawTable; values: (string | null)[] } {
  const values = v.values();
  const centres = Array.from({ length: ROWS }, (_x, i) => ['RTH', 'RGT', 'RRV'][i % 3]);
  return {
    values,
    raw: {
      format: 'csv',
      rowsRead: ROWS,
      rowCount: ROWS,
      columns: [rawColumn('centre_code', centres), rawColumn(v.header, values)],
      sourceRows: Int32Array.from({ length: ROWS }, (_x, i) => i + 2),
      readerErrors: [],
    },
  };
}

/** Every cell of every stored column as text. */
function storedCells(result: Awaited<ReturnType<typeof importExtract>>): string[] {
  const out: string[] = [];
  for (const c of result.table.columns) for (let r = 0; r < result.table.rowCount; r++) out.push(String(cellValue(c, r) ?? ''));
  return out;
}

describe('identifier corpus: 46 variants, all detected, none stored', () => {
  it('has 46 variants', () => {
    expect(VARIANTS).toHaveLength(46);
  });

  it.each(VARIANTS.map((v) => [v.id, v.header, v.kind, v] as const))('#%i "%s" (%s)', async (_id, header, kind, v) => {
    const { raw, values } = extract(v);
    const result = await importExtract(raw, 'variants.csv', { asOf: AS_OF, pseudonymKey: generatePseudonymKey() });
    const finding = result.identifiers.find((f) => f.column === header);
    expect(finding, `no identifier finding for "${header}"`).toBeDefined();
    if (v.id !== 46) expect(finding?.kind).toBe(kind);
    expect(finding?.action).not.toBe('kept');
    // No original value (nor the NHS numbers or titled names inside text) reaches the stored table.
    const stored = new Set(storedCells(result));
    for (const value of values) {
      if (value === null || value === 'unknown' || value === 'ok' || /^L\d+$/.test(value)) continue;
      expect(stored.has(value), `stored "${value}"`).toBe(false);
    }
    for (const cell of stored) expect(maskTextIdentifiers(cell).masked, `identifier inside "${cell}"`).toBe(0);
    // The mapping screen's preview never shows the value either.
    const prep = prepareImport(raw, { asOf: AS_OF });
    const col = prep.headers.indexOf(header);
    for (const row of prep.preview.rows) {
      const shown = row[col];
      if (shown !== null && values.includes(shown) && shown !== 'ok' && shown !== 'unknown' && !/^L\d+$/.test(shown)) throw new Error(`preview shows "${shown}"`);
      if (shown !== null) expect(maskTextIdentifiers(shown).masked).toBe(0);
    }
  });
});

describe('no false alarms on ordinary extract columns', () => {
  const ordinary: [string, () => (string | null)[]][] = [
    ['ethnicity', rows(() => pick(['White British', 'Asian or Asian British', 'Black or Black British', 'Mixed', 'Other', 'Not stated']))],
    ['Hospital', rows(() => pick(['Royal Hallamshire Hospital', 'John Radcliffe Hospital', 'Addenbrookes Hospital']))],
    ['DMT', rows(() => pick(['Ocrelizumab', 'Natalizumab', 'Dimethyl fumarate', 'Cladribine', 'Ofatumumab']))],
    ['Date referral received', rows(() => iso(new Date(Date.UTC(2023, Math.floor(rnd() * 12), 1 + Math.floor(rnd() * 28)))))],
    ['Smoking', rows(() => pick(['Never', 'Current', 'Ex-smoker']))],
    ['Local id', () => Array.from({ length: ROWS }, (_x, i) => String(1_000_000_000 + i * 104_729))],
  ];
  it.each(ordinary)('%s is not flagged', async (header, values) => {
    const raw = extract({ id: 0, header, kind: 'name', values }).raw;
    const result = await importExtract(raw, 'ordinary.csv', { asOf: AS_OF, pseudonymKey: generatePseudonymKey() });
    expect(result.identifiers.filter((f) => f.column === header)).toEqual([]);
  });
});
