/**
 * Re-mapping a stored table (shared/io/remap.ts): a column mapped to a field is unmapped, kept as
 * a plain column under its header's name with its values untouched, and a measure that needs the
 * field says it is missing again, in the usual words.
 */
import { describe, expect, it } from 'vitest';
import { analyseVariation } from '../../../shared/analysis/variation';
import { daysFromIso, type Column, type ColumnarTable } from '../../../shared/data/table';
import { maskTextIdentifiers } from '../../../shared/io/identifiers';
import { importExtract } from '../../../shared/io/pipeline';
import { readTabular } from '../../../shared/io/read';
import { plainColumnName, remapColumn, RemapError, storedColumnName, unmapColumn, withMaskedFinding } from '../../../shared/io/remap';
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

/**
 * A free-text column mapped to a field at import is stored as read (a mapped field is never
 * masked); unmapped later it becomes a plain kept column, and must hold what an import of the same
 * file with the column left unmapped stores: NHS numbers and titled names masked.
 */
describe('unmapping a text column masks identifiers as an import of a plain column does', () => {
  // 943 476 5919 is the NHS's own example of a valid number; 401 023 2137 is valid too.
  const csv = [
    'Trust ODS,Patient ID,Referral date,Current treatment',
    'RTH,P1,2024-01-02,Ocrelizumab',
    'RTH,P2,2024-01-03,"Ocrelizumab, NHS 9434765919 on letter"',
    'RGT,P3,2024-01-04,NHS no 401 023 2137 given',
    'RGT,P4,2024-01-05,Seen by Mrs Jane Smith',
    'RTH,P5,2024-01-06,Seen by Dr Alan Brown',
    'RTH,P6,2024-01-07,',
    'RGT,P7,2024-01-08,NA',
    'RGT,P8,2024-01-09,Natalizumab',
    'RTH,P9,2024-01-10,"Ocrelizumab, NHS 9434765919 on letter"',
    'RGT,P10,2024-01-11,Seen by Mrs Jane Smith',
  ].join('\n') + '\n';
  const bytes = new TextEncoder().encode(csv);
  const asOf = daysFromIso('2024-06-30');
  const mapping = (treatment: string | null) => ({ 'Trust ODS': 'centre_code', 'Patient ID': 'patient_id', 'Referral date': 'referral_date', 'Current treatment': treatment });
  const load = async (treatment: string | null) => importExtract(await readTabular(bytes, 'clinic.csv'), 'clinic.csv', { mapping: mapping(treatment), asOf, runDate: asOf });
  const text = (c: Column | undefined): (string | null)[] => (c?.kind === 'text' ? Array.from(c.codes, (k) => (k < 0 ? null : c.dictionary[k])) : []);

  it('stores what the import stores for the column left unmapped, and counts the values masked', async () => {
    const mapped = await load('dmt_name');
    const plain = await load(null);
    // The gap: mapped to a field, the NHS numbers and names are stored as read.
    expect(text(mapped.table.columns.find((c) => c.name === 'dmt_name'))).toContain('Seen by Mrs Jane Smith');
    expect(mapped.identifiers).toEqual([]);
    const imported = plain.table.columns.find((c) => c.name === 'current_treatment');
    expect(plain.identifiers).toEqual([{ column: 'Current treatment', kind: 'free_text', action: 'masked', masked: 4 }]);

    const out = unmapColumn(mapped.table, 'dmt_name', 'Current treatment');
    expect(out.name).toBe('current_treatment');
    expect(out.masked).toBe(4);
    const column = out.table.columns.find((c) => c.name === 'current_treatment');
    expect(column).toEqual(imported);
    expect(text(column)).toEqual([
      'Ocrelizumab', 'Ocrelizumab, NHS [NHS number] on letter', 'NHS no [NHS number] given', 'Seen by [name]', 'Seen by [name]',
      null, null, 'Natalizumab', 'Ocrelizumab, NHS [NHS number] on letter', 'Seen by [name]',
    ]);
    // One dictionary entry per distinct stored value: the two names masked alike share one.
    expect(column?.kind === 'text' && column.dictionary).toEqual(['Ocrelizumab', 'Ocrelizumab, NHS [NHS number] on letter', 'NHS no [NHS number] given', 'Seen by [name]', 'Natalizumab']);
    for (const v of text(column)) if (v !== null) expect(maskTextIdentifiers(v).masked).toBe(0);
    // Every other column is as it was.
    expect(out.table.columns.filter((c) => c.name !== 'current_treatment')).toEqual(mapped.table.columns.filter((c) => c.name !== 'dmt_name'));
  });

  it('the finding it records is the import\'s free_text finding', async () => {
    const plain = await load(null);
    expect(withMaskedFinding([], 'Current treatment', 4)).toEqual(plain.identifiers);
    expect(withMaskedFinding([], 'Current treatment', 0)).toEqual([]);
    // Unmapped, mapped back and unmapped again: the earlier count stays, with what was masked since added.
    const earlier = withMaskedFinding([], 'Current treatment', 4);
    expect(withMaskedFinding(earlier, 'Current treatment', 1)).toEqual([{ column: 'Current treatment', kind: 'free_text', action: 'masked', masked: 5 }]);
    expect(withMaskedFinding(earlier, 'Current treatment', 0)).toBe(earlier);
  });

  it('leaves a column the person chose to keep or pseudonymise at import as it is, and numbers and dates untouched', () => {
    const t: ColumnarTable = {
      rowCount: 2,
      columns: [{ kind: 'text', name: 'patient_id', codes: Int32Array.from([0, 1]), dictionary: ['Mrs Jane Smith, 943 476 5919', 'P2'] }],
    };
    const kept = unmapColumn(t, 'patient_id', 'Patient', { maskIdentifiers: false });
    expect(kept.masked).toBe(0);
    expect(kept.table.columns[0]).toEqual({ ...t.columns[0], name: 'patient' });
    expect(unmapColumn(t, 'patient_id', 'Patient').table.columns[0]).toMatchObject({ dictionary: ['[name], [NHS number]', 'P2'] });
    const dates = unmapColumn(table, 'first_seen_date', 'Appt 1 date');
    expect(dates.masked).toBe(0);
  });
});
