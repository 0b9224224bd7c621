/**
 * The bad-input corpus (tests/fixtures/bad/): each file goes through the same path as the app
 * (readTabular + importExtract). Nothing crashes: either an ImportError with a specific message
 * naming the file and what to do, or an import whose rows all add up.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTabular } from '../../../shared/io/read';
import { importExtract, prepareImport } from '../../../shared/io/pipeline';
import { validationReportCsv } from '../../../shared/io/validate';
import { ImportError, type ImportResult } from '../../../shared/io/import-result';
import { cellValue, findColumn } from '../../../shared/data/table';
import { buildXlsx, buildZipBomb } from '../../fixtures/bad/build-xlsx';

const dir = path.join(__dirname, '../../fixtures/bad');
const bytesOf = (name: string) => new Uint8Array(readFileSync(path.join(dir, name)));
const key = new Uint8Array(32).fill(9);

/** Read and import a fixture with default choices. */
async function load(name: string, bytes: Uint8Array = bytesOf(name), options: Parameters<typeof importExtract>[2] = {}) {
  const raw = await readTabular(bytes, name);
  return importExtract(raw, name, { pseudonymKey: key, ...options });
}

/** The ImportError a fixture raises (fails the test if none). */
async function errorOf(name: string, bytes: Uint8Array = bytesOf(name), options: Parameters<typeof readTabular>[2] = {}): Promise<ImportError> {
  try {
    const raw = await readTabular(bytes, name, options);
    await importExtract(raw, name, { pseudonymKey: key });
  } catch (e) {
    expect(e).toBeInstanceOf(ImportError);
    return e as ImportError;
  }
  throw new Error(`${name} was accepted`);
}

/** rowsImported + excluded == rowsRead, and the table holds exactly the imported rows. */
function expectAccounted(r: ImportResult): void {
  const excluded = Object.values(r.accounting.rowsExcluded).reduce((a, b) => a + b, 0);
  expect(r.accounting.rowsImported + excluded).toBe(r.accounting.rowsRead);
  expect(r.table.rowCount).toBe(r.accounting.rowsImported);
}

/** Every text value stored in the table. */
const storedText = (r: ImportResult) => r.table.columns.flatMap((c) => (c.kind === 'text' ? c.dictionary : [])).join('\n');

describe('unusable files: a specific message, naming the file and what to do', () => {
  it('empty file', async () => {
    const e = await errorOf('empty.csv');
    expect(e.code).toBe('empty');
    expect(e.message).toMatch(/"empty\.csv" is empty/);
  });

  it('binary data with a .csv name', async () => {
    const e = await errorOf('binary.csv');
    expect(e.code).toBe('binary');
    expect(e.message).toMatch(/"binary\.csv" is not a text extract.*Export the data as CSV/);
  });

  it('a corrupt .xlsx', async () => {
    const e = await errorOf('corrupt.xlsx');
    expect(e.code).toBe('corrupt_xlsx');
    expect(e.message).toMatch(/"corrupt\.xlsx" could not be read as an Excel workbook.*save it again/);
  });

  it('an .xlsx zip bomb (built here, never committed)', async () => {
    const bomb = buildZipBomb();
    expect(bomb.length).toBeLessThan(64 * 1024);
    const e = await errorOf('bomb.xlsx', bomb);
    expect(e.code).toBe('zip_bomb');
    expect(e.message).toMatch(/"bomb\.xlsx" is .* but would unpack to .*zip bomb/);
  });

  it('a file over the size limit (limit lowered for the test)', async () => {
    const e = await errorOf('ragged.csv', bytesOf('ragged.csv'), { maxFileBytes: 100 });
    expect(e.code).toBe('too_large');
    expect(e.message).toMatch(/"ragged\.csv" is .* larger than .*Split the extract/);
  });

  it('a file without a centre column', async () => {
    const raw = await readTabular(new TextEncoder().encode('patient_id,referral_date\nP1,01/02/2023\n'), 'no-centre.csv');
    await expect(importExtract(raw, 'no-centre.csv')).rejects.toThrow(/no-centre\.csv: No column is mapped to centre_code.*map the column that holds it/);
  });
});

describe('damaged files: rows accounted for', () => {
  it('header only: nothing imported, nothing lost', async () => {
    const r = await load('header-only.csv');
    expect(r.accounting).toEqual({ rowsRead: 0, rowsImported: 0, rowsWithWarnings: 0, rowsExcluded: {} });
    expect(r.columns.map((c) => c.field)).toEqual(['patient_id', 'centre_code', 'referral_date']);
    expect(r.asOf).toBeNull();
    expectAccounted(r);
  });

  it('ragged rows are excluded with their row numbers', async () => {
    const r = await load('ragged.csv');
    expect(r.accounting).toMatchObject({ rowsRead: 4, rowsImported: 2, rowsExcluded: { ragged_row: 2 } });
    expect(r.problems.filter((p) => p.reason === 'ragged_row').map((p) => p.row)).toEqual([3, 4]);
    expect(r.problems[0].message).toMatch(/ragged\.csv", row 3: 3 values but the header has 4 columns/);
    expectAccounted(r);
  });

  it('an unterminated quote excludes its row only, saying where it is, and reading goes on', async () => {
    const r = await load('unterminated-quote.csv');
    expect(r.accounting.rowsExcluded).toEqual({ unterminated_quote: 1 });
    expect(r.accounting.rowsImported).toBe(1);
    expect(r.problems[0].message).toMatch(/row 2: a quote .* not closed .* reading went on from the next line/);
    expectAccounted(r);
  });

  it('duplicate headers: the repeat is kept under its own name, and mapping both to one field is refused', async () => {
    const r = await load('duplicate-headers.csv');
    expect(r.mapping).toMatchObject({ referral_date: 'referral_date', referral_date_2: null });
    expect(r.table.columns.map((c) => c.name)).toContain('referral_date_2');
    expectAccounted(r);
    const raw = await readTabular(bytesOf('duplicate-headers.csv'), 'duplicate-headers.csv');
    await expect(importExtract(raw, 'duplicate-headers.csv', { mapping: { centre_code: 'centre_code', referral_date: 'referral_date', referral_date_2: 'referral_date' } }))
      .rejects.toThrow(/"referral_date" and "referral_date_2" are both mapped to referral_date; map only one/);
  });

  it('UTF-16 text is decoded', async () => {
    const r = await load('utf16.csv');
    expect(cellValue(findColumn(r.table, 'centre_name')!, 0)).toBe('Oxford Université');
    expect(r.accounting.rowsImported).toBe(2);
    expectAccounted(r);
  });

  it('Windows-1252 text keeps the pound sign in a centre name', async () => {
    const raw = await readTabular(bytesOf('windows-1252.csv'), 'windows-1252.csv');
    expect(raw.encoding).toBe('windows-1252');
    const r = await importExtract(raw, 'windows-1252.csv');
    expect(cellValue(findColumn(r.table, 'centre_name')!, 0)).toBe('Oxford £ Trust');
    expect(cellValue(findColumn(r.table, 'centre_name')!, 1)).toBe('Café Cambridge');
    expectAccounted(r);
  });

  it('formula cells: saved results are read, missing results and errors are noted, formula text stays text', async () => {
    const wb = buildXlsx([
      ['patient_id', 'centre_code', 'edss', 'edss_doubled', 'note'],
      ['P1', 'RTH', 3, { formula: 'C2*2', cached: 6 }, '=HYPERLINK("http://example.invalid","click")'],
      ['P2', 'RGT', 4, { formula: 'C3*2' }, { formula: 'CONCAT("a","b")', cached: 'ab' }],
      ['P3', 'RGT', 4, { formula: '1/0', cached: '#DIV/0!', error: true }, null],
    ]);
    const r = await load('formulas.xlsx', wb);
    expect(r.format).toBe('xlsx');
    expect(r.notes.join(' ')).toMatch(/1 formula cell has no saved result.*recalculate/);
    expect(r.notes.join(' ')).toMatch(/formula error/);
    expect(cellValue(findColumn(r.table, 'edss_doubled')!, 0)).toBe(6);
    expect(cellValue(findColumn(r.table, 'note')!, 0)).toBe('=HYPERLINK("http://example.invalid","click")');
    expectAccounted(r);
    // A formula-looking source column name or value can't run when the report is opened in a spreadsheet.
    const csv = validationReportCsv({ ...r, columns: [...r.columns, { source: '=HYPERLINK("x")', field: null, type: 'text', missing: 0, invalid: 0 }] });
    expect(csv).toContain(`'=HYPERLINK`);
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
  });
});

describe('identifiers in the corpus', () => {
  it('NHS numbers are dropped by default and never stored', async () => {
    const r = await load('nhs-numbers.csv');
    expect(r.identifiers).toEqual([{ column: 'NHS Number', kind: 'nhs_number', action: 'dropped' }]);
    expect(r.table.columns.map((c) => c.name)).not.toContain('nhs_number');
    expect(storedText(r)).not.toMatch(/999/);
    expect(r.accounting.rowsImported).toBe(8);
    expectAccounted(r);
  });

  it('NHS numbers mapped as the patient id are pseudonymised: stored as keyed hashes only', async () => {
    const raw = await readTabular(bytesOf('nhs-numbers.csv'), 'nhs-numbers.csv');
    const prep = prepareImport(raw);
    expect(prep.preview.masked).toEqual(['NHS Number']);
    const r = await importExtract(raw, 'nhs-numbers.csv', { mapping: { ...prep.suggestion.mapping, 'NHS Number': 'patient_id' }, pseudonymKey: key });
    expect(r.identifiers).toEqual([{ column: 'NHS Number', kind: 'nhs_number', action: 'pseudonymised' }]);
    const ids = findColumn(r.table, 'patient_id');
    expect(ids?.kind === 'text' && ids.dictionary.every((v) => /^PX[0-9a-f]{16}$/.test(v))).toBe(true);
    expect(storedText(r)).not.toMatch(/999/);
    expect(JSON.stringify(r.problems)).not.toMatch(/999/);
    expectAccounted(r);
  });

  it('an NHS-number column beside a local id is dropped, the local id kept', async () => {
    const r = await load('nhs-numbers-beside-id.csv');
    expect(r.identifiers).toEqual([{ column: 'NHS number', kind: 'nhs_number', action: 'dropped' }]);
    expect(cellValue(findColumn(r.table, 'patient_id')!, 0)).toBe('P001');
    expect(storedText(r)).not.toMatch(/999/);
  });

  it('full postcodes are dropped, outward-only districts kept', async () => {
    const r = await load('postcodes.csv');
    expect(r.identifiers).toEqual([{ column: 'home_postcode', kind: 'postcode', action: 'dropped' }]);
    expect(r.table.columns.map((c) => c.name)).toContain('postcode_district');
    expect(storedText(r)).not.toMatch(/1AA|8TH/);
  });

  it('a date-of-birth column is dropped', async () => {
    const r = await load('date-of-birth.csv');
    expect(r.identifiers).toEqual([{ column: 'DOB', kind: 'date_of_birth', action: 'dropped' }]);
    expect(r.table.columns.map((c) => c.name)).toEqual(['patient_id', 'centre_code', 'diagnosis_date']);
    expectAccounted(r);
  });

  it('names are dropped, by header and by values', async () => {
    const r = await load('names.csv');
    expect(r.identifiers).toEqual([
      { column: 'Surname', kind: 'name', action: 'dropped' },
      { column: 'Seen by', kind: 'name', action: 'dropped' },
    ]);
    expect(storedText(r)).not.toMatch(/Jones|Sarah/);
    expectAccounted(r);
  });
});
