import { describe, expect, it } from 'vitest';
import {
  detectIdentifier, findIdentifiers, isFullPostcode, looksLikePersonName, pseudonymiseColumn, identifierFinding,
} from '../../../shared/io/identifiers';
import type { RawColumn } from '../../../shared/io/raw-table';
import { ImportError } from '../../../shared/io/import-result';
import { nhsCheckDigit } from '../../../shared/privacy/nhs-number';
import { pseudonymise } from '../../../shared/privacy/pseudonymise';
import { daysFromIso } from '../../../shared/data/table';

/** A raw column from cell values (null = empty cell). */
function raw(header: string, values: (string | null)[]): RawColumn {
  const dictionary: string[] = [];
  const index = new Map<string, number>();
  const codes = Int32Array.from(values, (v) => {
    if (v === null) return -1;
    if (!index.has(v)) { index.set(v, dictionary.length); dictionary.push(v); }
    return index.get(v)!;
  });
  return { header, codes, dictionary };
}

/** n valid NHS numbers (deterministic). */
function nhsNumbers(n: number, start = 400_000_000): string[] {
  const out: string[] = [];
  for (let x = start; out.length < n; x++) {
    const nine = String(x).padStart(9, '0');
    const c = nhsCheckDigit(nine);
    if (c >= 0) out.push(nine + c);
  }
  return out;
}

describe('isFullPostcode', () => {
  it('accepts full unit postcodes in any case and spacing, including GIR 0AA', () => {
    for (const p of ['SW1A 1AA', 'sw1a1aa', 'M1 1AE', 'B33 8TH', 'CR2 6XH', 'DN55 1PT', 'W1A 0AX', 'EC1A 1BB', 'GIR 0AA', ' LS1  4AP ']) {
      expect(isFullPostcode(p), p).toBe(true);
    }
  });
  it('rejects outward-only codes and non-postcodes', () => {
    for (const p of ['SW1A', 'M1', 'LS1', 'RTH', 'RH802', '12345', 'Q1 1AA', 'SW1A 1CA', '']) expect(isFullPostcode(p), p).toBe(false);
  });
});

describe('detectIdentifier', () => {
  it('finds NHS numbers by Modulus 11 whatever the header, in 3-3-4 form too', () => {
    const nums = nhsNumbers(50).map((v, i) => (i % 2 ? `${v.slice(0, 3)} ${v.slice(3, 6)} ${v.slice(6)}` : v));
    expect(detectIdentifier('Ref', raw('Ref', nums), null)?.kind).toBe('nhs_number');
  });

  it('does not take random 10-digit numbers for NHS numbers (about 1 in 11 pass the check)', () => {
    const values = Array.from({ length: 200 }, (_, i) => String(1_000_000_000 + i * 7919));
    expect(detectIdentifier('Ref', raw('Ref', values), null)).toBeNull();
  });

  it('flags 10-digit numbers under an NHS-number header even when check digits fail (test data)', () => {
    const values = Array.from({ length: 20 }, (_, i) => String(1_000_000_000 + i * 7919));
    expect(detectIdentifier('NHS_No', raw('NHS_No', values), null)?.kind).toBe('nhs_number');
    expect(detectIdentifier('NHS region', raw('NHS region', ['London', 'Midlands']), 'region')).toBeNull();
  });

  it('finds full postcodes but not outward codes', () => {
    expect(detectIdentifier('Home', raw('Home', ['SW1A 1AA', 'M1 1AE', 'B33 8TH', 'LS1 4AP', 'CR2 6XH']), null)?.kind).toBe('postcode');
    expect(detectIdentifier('Postcode district', raw('Postcode district', ['SW1A', 'M1', 'B33', 'LS1']), null)).toBeNull();
    // Half full postcodes under a postcode header: still flagged.
    expect(detectIdentifier('Post code', raw('Post code', ['SW1A 1AA', 'M1 1AE', 'B33', 'LS1']), null)?.kind).toBe('postcode');
  });

  it('finds dates of birth by header, or a birth header over dates with plausible ages', () => {
    expect(detectIdentifier('DOB', raw('DOB', ['01/02/1970']), null)?.kind).toBe('date_of_birth');
    expect(detectIdentifier('Date of Birth', raw('Date of Birth', ['1970-02-01']), null)?.kind).toBe('date_of_birth');
    const asOf = daysFromIso('2024-01-01');
    expect(detectIdentifier('Birth', raw('Birth', ['1970-02-01', '1985-05-05', '2001-12-31']), null, { asOf })?.kind).toBe('date_of_birth');
    expect(detectIdentifier('Sex at birth', raw('Sex at birth', ['Male', 'Female']), 'sex', { asOf })).toBeNull();
    expect(detectIdentifier('Year of birth', raw('Year of birth', ['1970', '1985']), null, { asOf })).toBeNull();
  });

  it('finds names by header, and by values only when they clearly look like people', () => {
    expect(detectIdentifier('Surname', raw('Surname', ['Smith', 'Jones']), null)?.kind).toBe('name');
    expect(detectIdentifier('Patient Name', raw('Patient Name', ['x']), null)?.kind).toBe('name');
    expect(detectIdentifier('first_name', raw('first_name', ['x']), null)?.kind).toBe('name');
    const people = ['John Smith', 'Sarah Jones', 'Mohammed Ali', 'Emma Brown', 'David Taylor', 'Priya Patel', 'Smith, James'];
    expect(detectIdentifier('Who', raw('Who', people), null)?.kind).toBe('name');
    // Hospitals, drugs and centres are not people.
    const hospitals = ['Royal Free Hospital', 'St George\'s', 'Queen Elizabeth Hospital', 'George Eliot Hospital', 'Leeds General Infirmary'];
    expect(detectIdentifier('Site', raw('Site', hospitals), null)).toBeNull();
    const drugs = ['Ocrelizumab', 'Natalizumab', 'Dimethyl Fumarate', 'Fingolimod', 'Teriflunomide'];
    expect(detectIdentifier('Drug', raw('Drug', drugs), null)).toBeNull();
    // A mapped canonical field is never a name, whatever its header says.
    expect(detectIdentifier('Name', raw('Name', ['Leeds Teaching Hospitals']), 'centre_name')).toBeNull();
  });

  it('ignores empty columns and missing markers', () => {
    expect(detectIdentifier('NHS number', raw('NHS number', [null, 'NA', 'n/a']), null)).toBeNull();
  });
});

describe('looksLikePersonName', () => {
  it('needs a person shape and a common forename', () => {
    expect(looksLikePersonName('Mrs Sarah Jones')).toBe(true);
    expect(looksLikePersonName('Jones, Sarah')).toBe(true);
    expect(looksLikePersonName('Relapsing remitting')).toBe(false);
    expect(looksLikePersonName('RTH')).toBe(false);
  });
});

describe('findIdentifiers and default actions', () => {
  it('drops identifiers by default, but pseudonymises NHS numbers used as the patient id', () => {
    const nums = nhsNumbers(10);
    const cols = [
      { header: 'NHS number', column: raw('NHS number', nums) },
      { header: 'Patient ID', column: raw('Patient ID', nums) },
      { header: 'Postcode', column: raw('Postcode', ['SW1A 1AA', 'M1 1AE']) },
      { header: 'Centre', column: raw('Centre', ['RTH', 'RGT']) },
    ];
    const found = findIdentifiers(cols, { 'NHS number': null, 'Patient ID': 'patient_id', Postcode: null, Centre: 'centre_code' });
    expect(found.map((f) => [f.column, f.kind, f.defaultAction])).toEqual([
      ['NHS number', 'nhs_number', 'drop'],
      ['Patient ID', 'nhs_number', 'pseudonymise'],
      ['Postcode', 'postcode', 'drop'],
    ]);
    expect(found[0].evidence).toMatch(/100% .*valid NHS numbers/);
    expect(identifierFinding(found[0], undefined).action).toBe('dropped');
    expect(identifierFinding(found[0], 'keep').action).toBe('kept');
    expect(identifierFinding(found[1], undefined).action).toBe('pseudonymised');
  });
});

describe('pseudonymiseColumn', () => {
  const key = new Uint8Array(32).fill(7);

  it('replaces every value by its keyed hash, merging spellings of one NHS number, keeping missing cells missing', () => {
    const col = raw('Patient ID', ['9434765919', '943 476 5919', null, 'NA', '4010232137']);
    const out = pseudonymiseColumn(col, key, 'a.csv');
    expect(out.dictionary).toEqual([pseudonymise('9434765919', key), pseudonymise('4010232137', key)]);
    expect(Array.from(out.codes)).toEqual([0, 0, -1, -1, 1]);
    expect(out.dictionary.join()).not.toMatch(/\d{10}/);
  });

  it('refuses to go on without a key', () => {
    expect(() => pseudonymiseColumn(raw('P', ['1']), undefined, 'a.csv')).toThrow(ImportError);
  });
});
