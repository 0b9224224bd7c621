/**
 * Re-mapping a stored table (shared/io/remap.ts): a column mapped to a field is unmapped, kept as
 * a plain column under its header's name with its values untouched, and a measure that needs the
 * field says it is missing again, in the usual words.
 */
import { describe, expect, it } from 'vitest';
import { analyseVariation } from '../../../shared/analysis/variation';
import type { ColumnarTable } from '../../../shared/data/table';
import { plainColumnName, remapColumn, RemapError, storedColumnName, unmapColumn } from '../../../shared/io/remap';
import { findStandard, SHIPPED_STANDARDS } from '../../../shared/standards/catalogue';

const rows = 40;
// Days since 1970: 20,000 is 2024-10-04; everyone seen 10 days after referral.
const table: ColumnarTable = {
  rowCount: rows,
  columns: [
    { kind: 'text', name: 'centre_code', codes: Int32Array.from({ length: rows }, (_v, i) => i % 2), dictionary: ['RTH', 'RGT'] },
    { kind: 'text', name: 'patient_id', codes: Int32Array.from({ length: rows }, (_v, i) => i), dictionary: Array.from({ length: rows }, (_v, i) => `P${i}`) },
    { kind: 'date', name: 'referral_date', values: Float64Array.from({ length: rows }, (_v, i) => 20_000 + i) },
    { kind: 'date', name: 'first_seen_date', values: Float64Array.from({ length: rows }, (_v, i) => 20_010 + i) },
  ],
};
const part1 = findStandard(SHIPPED_STANDARDS, '4plus4-part1');

describe('unmapping a column', () => {
  it('keeps the values and type under the cleaned header; the measure that needed the field says it is missing', () => {
    expect(part1).toBeDefined();
    expect(analyseVariation(table, part1!).groups.length).toBe(2);
    const out = unmapColumn(table, 'first_seen_date', 'Appt 1 date');
    expect(out.name).toBe('appt_1_date');
    expect(out.unreadable).toBe(0);
    expect(out.kind).toBe('date');
    expect(out.table.columns.map((c) => c.name)).toEqual(['centre_code', 'patient_id', 'referral_date', 'appt_1_date']);
    expect(out.table.columns[3]).toEqual({ ...table.columns[3], name: 'appt_1_date' });
    expect(table.columns[3].name).toBe('first_seen_date'); // the input is not changed
    expect(() => analyseVariation(out.table, part1!)).toThrow(
      'The extract has no "first_seen_date" column, which the end of standard "4plus4-part1" needs: map a source column to "first_seen_date" or edit the standard.',
    );
    // And mapped back: the same values, the measure works again.
    const back = remapColumn(out.table, 'appt_1_date', 'first_seen_date', 'patient');
    expect(back.table.columns[3]).toEqual(table.columns[3]);
    expect(analyseVariation(back.table, part1!).groups.length).toBe(2);
  });

  it('a header that is a field\'s own name is kept as "<name>_source", so no measure reads it as the field', () => {
    const out = unmapColumn(table, 'first_seen_date', 'first_seen_date');
    expect(out.name).toBe('first_seen_date_source');
    expect(() => analyseVariation(out.table, part1!)).toThrow(/has no "first_seen_date" column/);
    expect(plainColumnName('First seen date', ['first_seen_date_source'])).toBe('first_seen_date_source_2');
    expect(plainColumnName('Referral date', ['referral_date_source'])).toBe('referral_date_source_2');
    expect(plainColumnName('Clinic note', ['clinic_note'])).toBe('clinic_note_source');
    expect(plainColumnName('EDSS', [])).toBe('edss_source');
  });

  it('refuses a column that is not there or already plain, naming it', () => {
    expect(() => unmapColumn(table, 'mri_date', 'MRI')).toThrow(RemapError);
    expect(() => unmapColumn(table, 'mri_date', 'MRI')).toThrow('There is no column "mri_date" in this dataset. Choose one of: centre_code, patient_id, referral_date, first_seen_date.');
    const plain = unmapColumn(table, 'first_seen_date', 'Appt 1 date').table;
    expect(() => unmapColumn(plain, 'appt_1_date', 'Appt 1 date')).toThrow('Column "Appt 1 date" is not mapped to a field; it is already kept as a plain column ("appt_1_date").');
  });

  it('finds a column report\'s stored name', () => {
    expect(storedColumnName({ source: 'Appt 1 date', field: 'first_seen_date' })).toBe('first_seen_date');
    expect(storedColumnName({ source: 'Appt 1 date', field: null })).toBe('appt_1_date');
    expect(storedColumnName({ source: 'first_seen_date', field: null, stored: 'first_seen_date_source' })).toBe('first_seen_date_source');
  });
});
