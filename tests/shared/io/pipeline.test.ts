import { describe, expect, it } from 'vitest';
import { findAmbiguousDateColumns, importExtract, prepareImport, PREVIEW_ROWS } from '../../../shared/io/pipeline';
import type { RawTable } from '../../../shared/io/raw-table';
import { ImportError, type ImportResult } from '../../../shared/io/import-result';
import { cellValue, daysFromIso, findColumn, type Column } from '../../../shared/data/table';
import { nhsCheckDigit } from '../../../shared/privacy/nhs-number';
import { pseudonymise } from '../../../shared/privacy/pseudonymise';

/** A RawTable as a reader would hand it over (null = empty cell). */
function rawTable(headers: string[], rows: (string | null)[][], readerErrors: RawTable['readerErrors'] = []): RawTable {
  const columns = headers.map((header, j) => {
    const dictionary: string[] = [];
    const index = new Map<string, number>();
    const codes = Int32Array.from(rows, (r) => {
      const v = r[j];
      if (v === null || v === '') return -1;
      if (!index.has(v)) { index.set(v, dictionary.length); dictionary.push(v); }
      return index.get(v)!;
    });
    return { header, codes, dictionary };
  });
  return {
    format: 'csv', rowsRead: rows.length + readerErrors.length, rowCount: rows.length, columns,
    sourceRows: Int32Array.from(rows, (_, i) => i + 2), readerErrors,
  };
}

const nhs = (i: number): string => {
  for (let x = 500_000_000 + i * 13; ; x++) {
    const c = nhsCheckDigit(String(x));
    if (c >= 0) return String(x) + c;
  }
};

const key = new Uint8Array(32).fill(3);
const runDate = daysFromIso('2024-06-30');

/** rowsImported + excluded == rowsRead. */
function expectAccounted(r: ImportResult): void {
  const excluded = Object.values(r.accounting.rowsExcluded).reduce((a, b) => a + b, 0);
  expect(r.accounting.rowsImported + excluded).toBe(r.accounting.rowsRead);
  expect(r.table.rowCount).toBe(r.accounting.rowsImported);
  expect(r.accounting.rowsWithWarnings).toBeLessThanOrEqual(r.accounting.rowsImported);
}

const values = (c: Column | undefined, n: number) => Array.from({ length: n }, (_, i) => cellValue(c!, i));

describe('importExtract: a patient extract', () => {
  const headers = ['NHS Number', 'Trust Code', 'Gender', 'MS type', 'Date of referral', 'First seen', 'EDSS', 'Clinic notes', 'Postcode'];
  const rows = [
    [nhs(1), 'RTH', 'F', 'Relapsing remitting', '01/02/2023', '15/02/2023', '3.5', 'ok', 'SW1A 1AA'],
    [nhs(2), 'rth ', 'M', 'RRMS', '02/02/2023', '01/02/2023', '11', null, 'M1 1AE'],
    [nhs(3), 'RGT', 'Female', 'SPMS', '13/03/2023', null, 'n/a', 'x', 'B33 8TH'],
    [nhs(1), 'RTH', 'F', 'RRMS', '01/02/2023', '15/02/2023', '3.5', 'repeat', 'SW1A 1AA'],
    [nhs(4), null, 'F', 'PPMS', '01/04/2023', '20/04/2023', '6', null, 'LS1 4AP'],
    [nhs(5), 'BAD1', 'F', 'CIS', 'not a date', '20/04/2023', '2', null, 'CR2 6XH'],
  ];
  const raw = rawTable(headers, rows, [{ row: 9, reason: 'ragged_row', message: 'Row 9 has 3 fields; the header has 9.' }]);

  it('maps, pseudonymises NHS numbers as patient id, drops postcodes, types, normalises and accounts for every row', async () => {
    const r = await importExtract(raw, 'audit.csv', {
      mapping: { 'NHS Number': 'patient_id', 'Trust Code': 'centre_code', Gender: 'sex', 'MS type': 'ms_type', 'Date of referral': 'referral_date', 'First seen': 'first_seen_date', EDSS: 'edss', 'Clinic notes': null, Postcode: null },
      pseudonymKey: key, runDate,
    });
    expect(r.extractType).toBe('patient');
    expect(r.identifiers).toEqual([
      { column: 'NHS Number', kind: 'nhs_number', action: 'pseudonymised' },
      { column: 'Postcode', kind: 'postcode', action: 'dropped' },
    ]);
    expect(r.table.columns.map((c) => c.name)).toEqual(['patient_id', 'centre_code', 'sex', 'ms_type', 'referral_date', 'first_seen_date', 'edss', 'clinic_notes']);
    expect(r.accounting).toEqual({
      rowsRead: 7, rowsImported: 3, rowsWithWarnings: 1,
      rowsExcluded: { ragged_row: 1, missing_centre_code: 1, malformed_centre_code: 1, duplicate_patient: 1 },
    });
    expectAccounted(r);
    // Pseudonyms, never NHS numbers, in the stored table.
    const ids = values(findColumn(r.table, 'patient_id'), 3);
    expect(ids).toEqual([pseudonymise(nhs(1), key), pseudonymise(nhs(2), key), pseudonymise(nhs(3), key)]);
    expect(JSON.stringify(r.table.columns.map((c) => (c.kind === 'text' ? c.dictionary : [])))).not.toMatch(/\d{10}|SW1A/);
    // Categories and centre codes normalised, and reported.
    expect(values(findColumn(r.table, 'centre_code'), 3)).toEqual(['RTH', 'RTH', 'RGT']);
    expect(values(findColumn(r.table, 'sex'), 3)).toEqual(['Female', 'Male', 'Female']);
    expect(values(findColumn(r.table, 'ms_type'), 3)).toEqual(['RRMS', 'RRMS', 'SPMS']);
    const report = (s: string) => r.columns.find((c) => c.source === s)!;
    expect(report('MS type').normalised).toEqual({ 'Relapsing remitting': 'RRMS' });
    expect(report('Trust Code').normalised).toEqual({ 'rth ': 'RTH' });
    // Dates typed dmy; the row with first seen before referral is a warning, its dates kept.
    expect(values(findColumn(r.table, 'referral_date'), 3)).toEqual(['2023-02-01', '2023-02-02', '2023-03-13']);
    expect(report('Date of referral')).toMatchObject({ type: 'date', dateOrder: 'dmy', missing: 0, invalid: 1 });
    expect(values(findColumn(r.table, 'edss'), 3)).toEqual([3.5, null, null]);
    expect(report('EDSS')).toMatchObject({ type: 'number', missing: 1, invalid: 1 });
    expect(r.warnings).toMatchObject({ end_before_start: 1, invalid_edss: 1 });
    // Problems name the file row and the source column.
    expect(r.problems[0]).toMatchObject({ row: 3, severity: 'warning' });
    expect(r.problems.find((p) => p.reason === 'ragged_row')).toMatchObject({ row: 9, severity: 'excluded' });
    expect(r.problems.find((p) => p.reason === 'duplicate_patient')).toMatchObject({ row: 5, column: 'NHS Number' });
    expect(r.asOf).toBe(daysFromIso('2023-04-20'));
    expect(r.asOfRule).toBe('latest_date_not_after_run_date');
  });

  it('drops an NHS-number patient id when asked, and keeps an identifier only when told to, reporting it', async () => {
    const r = await importExtract(raw, 'audit.csv', {
      mapping: { 'NHS Number': 'patient_id', 'Trust Code': 'centre_code' },
      identifierActions: { 'NHS Number': 'drop', Postcode: 'keep' }, runDate,
    });
    expect(r.identifiers).toEqual([
      { column: 'NHS Number', kind: 'nhs_number', action: 'dropped' },
      { column: 'Postcode', kind: 'postcode', action: 'kept' },
    ]);
    expect(findColumn(r.table, 'patient_id')).toBeUndefined();
    expect(findColumn(r.table, 'postcode')).toBeDefined();
    expectAccounted(r);
  });

  it('leaves the raw table unchanged, so the same file can be imported again with other choices', async () => {
    const before = raw.columns.map((c) => [Array.from(c.codes), [...c.dictionary]]);
    const first = await importExtract(raw, 'audit.csv', { mapping: { 'NHS Number': 'patient_id', 'Trust Code': 'centre_code', 'Clinic notes': null }, pseudonymKey: key, runDate });
    expect(raw.columns.map((c) => [Array.from(c.codes), [...c.dictionary]])).toEqual(before);
    const again = await importExtract(raw, 'audit.csv', { mapping: { 'NHS Number': 'patient_id', 'Trust Code': 'centre_code', 'Clinic notes': null }, pseudonymKey: key, runDate });
    expect(again.accounting).toEqual(first.accounting);
    // Values only excluded rows held are gone from the stored dictionaries.
    const notes = findColumn(again.table, 'clinic_notes');
    expect(notes?.kind === 'text' && notes.dictionary).toEqual(['ok', 'x']);
    expect(values(notes, 3)).toEqual(['ok', null, 'x']);
  });

  it('refuses to pseudonymise without a key', async () => {
    await expect(importExtract(raw, 'audit.csv', { mapping: { 'NHS Number': 'patient_id', 'Trust Code': 'centre_code' } }))
      .rejects.toMatchObject({ code: 'pseudonym_key_missing' });
  });

  it('refuses two columns mapped to one field, and a mapping without a centre', async () => {
    await expect(importExtract(raw, 'audit.csv', { mapping: { 'Trust Code': 'centre_code', Gender: 'centre_code' }, pseudonymKey: key }))
      .rejects.toBeInstanceOf(ImportError);
    await expect(importExtract(raw, 'audit.csv', { mapping: { Gender: 'sex' } })).rejects.toMatchObject({ code: 'mapping' });
  });

  it('uses the suggested mapping when none is given', async () => {
    const r = await importExtract(raw, 'audit.csv', { pseudonymKey: key, runDate });
    expect(r.mapping['Trust Code']).toBe('centre_code');
    expect(r.mapping['First seen']).toBe('first_seen_date');
    expect(r.mapping['NHS Number']).toBeNull();
    // An unmapped NHS-number column is dropped, not pseudonymised.
    expect(r.identifiers[0]).toEqual({ column: 'NHS Number', kind: 'nhs_number', action: 'dropped' });
    expectAccounted(r);
  });
});

describe('dates', () => {
  const raw = rawTable(['centre_code', 'referral_date', 'mri_date'], [
    ['RTH', '03/04/2023', '2023-01-05'],
    ['RTH', '05/06/2023', '2023-02-05'],
  ]);

  it('finds date columns whose day/month order is ambiguous', () => {
    const amb = findAmbiguousDateColumns(raw, { centre_code: 'centre_code', referral_date: 'referral_date', mri_date: 'mri_date' });
    expect(amb).toEqual([{ column: 'referral_date', field: 'referral_date', example: '03/04/2023', defaultOrder: 'dmy', contradictory: false }]);
  });

  it('reads ambiguous dates day-first unless told otherwise', async () => {
    const dmy = await importExtract(raw, 'a.csv', { runDate });
    expect(values(findColumn(dmy.table, 'referral_date'), 2)).toEqual(['2023-04-03', '2023-06-05']);
    const mdy = await importExtract(raw, 'a.csv', { dateOrders: { referral_date: 'mdy' }, runDate });
    expect(values(findColumn(mdy.table, 'referral_date'), 2)).toEqual(['2023-03-04', '2023-05-06']);
    expect(mdy.columns[1].dateOrder).toBe('mdy');
  });

  it('reports a given as-of date and warns about dates after it', async () => {
    const r = await importExtract(raw, 'a.csv', { asOf: daysFromIso('2023-05-01'), runDate });
    expect(r.asOfRule).toBe('given');
    expect(r.warnings).toEqual({ date_after_as_of: 1 });
    expect(r.accounting.rowsWithWarnings).toBe(1);
  });
});

describe('KPI extracts', () => {
  it('is detected and validated', async () => {
    const raw = rawTable(['Trust code', 'Indicator', 'Period from', 'Period to', 'Num', 'Denom'], [
      ['RTH', 'K1', '2023-01-01', '2023-03-31', '5', '10'],
      ['RTH', 'K1', '2023-04-01', '2023-06-30', '12', '10'],
      ['RGT', 'K1', '2023-01-01', '2023-03-31', 'x', '10'],
    ]);
    const prep = prepareImport(raw);
    expect(prep.extractType).toBe('kpi');
    const r = await importExtract(raw, 'kpi.csv', { mapping: prep.suggestion.mapping, runDate });
    expect(r.extractType).toBe('kpi');
    expect(r.accounting.rowsExcluded).toEqual({ numerator_exceeds_denominator: 1, invalid_count: 1 });
    expectAccounted(r);
  });
});

describe('prepareImport', () => {
  it('gives the suggestion, identifiers with defaults, ambiguous dates and a masked preview', () => {
    const rows = Array.from({ length: 30 }, (_, i) => [nhs(i), 'RTH', `0${(i % 9) + 1}/03/2023`, 'Sarah Jones']);
    const prep = prepareImport(rawTable(['Patient ID', 'Centre', 'Referral date', 'Patient name'], rows));
    expect(prep.headers).toEqual(['Patient ID', 'Centre', 'Referral date', 'Patient name']);
    expect(prep.suggestion.mapping).toEqual({ 'Patient ID': 'patient_id', Centre: 'centre_code', 'Referral date': 'referral_date', 'Patient name': null });
    expect(prep.identifiers.map((f) => [f.column, f.kind, f.defaultAction])).toEqual([
      ['Patient ID', 'nhs_number', 'pseudonymise'],
      ['Patient name', 'name', 'drop'],
    ]);
    expect(prep.ambiguousDates.map((a) => a.column)).toEqual(['Referral date']);
    expect(prep.preview.rows).toHaveLength(PREVIEW_ROWS);
    expect(prep.preview.rows[0][1]).toBe('RTH');
    expect(prep.preview.rows[0][0]).toMatch(/^\d\d•+$/);
    expect(prep.preview.masked).toEqual(['Patient ID', 'Patient name']);
    expect(JSON.stringify(prep.preview)).not.toContain('Sarah');
    expect(prep.signature).toBe('centre|patient id|patient name|referral date');
  });

  it('masks the example date of an ambiguous date-of-birth column', () => {
    const prep = prepareImport(rawTable(['Centre', 'DOB'], [['RTH', '03/04/1970'], ['RGT', '05/06/1980']]));
    expect(prep.identifiers.map((f) => f.kind)).toEqual(['date_of_birth']);
    expect(prep.ambiguousDates).toHaveLength(1);
    expect(prep.ambiguousDates[0].example).toMatch(/^03•+$/);
  });
});

describe('every row accounted for (property)', () => {
  it('holds for random tables with random problems', async () => {
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let t = 0; t < 30; t++) {
      const n = Math.floor(rand() * 60);
      const pick = <T,>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
      const rows = Array.from({ length: n }, () => [
        pick(['P1', 'P2', 'P3', 'P4', null]), pick(['RTH', 'RGT', 'bad', null, 'rth']), pick(['3', '11', 'x', null, '4.5']),
        pick(['01/01/2023', '2023-02-30', null, '1850-01-01', '2099-01-01']), pick(['02/01/2023', null, '2022-01-01']),
      ]);
      const errors = Array.from({ length: Math.floor(rand() * 3) }, (_, i) => ({ row: 1000 + i, reason: pick(['ragged_row', 'unterminated_quote']), message: 'x' }));
      const raw = rawTable(['patient_id', 'centre_code', 'edss', 'referral_date', 'first_seen_date'], rows, errors);
      const r = await importExtract(raw, 'r.csv', { runDate, problemCap: 5 });
      expectAccounted(r);
      expect(r.problems.length).toBeLessThanOrEqual(5);
    }
  });
});
