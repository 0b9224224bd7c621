/**
 * The Data view's column mapping panel: which stored column each kept column is (by its source
 * header and field), before and after a re-mapping through the store, and the sentence that says
 * what a re-mapping changed, counting the values the new type could not read.
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { ColumnarTable } from '../../shared/data/table';
import type { ImportResult } from '../../shared/io/import-result';
import { WorkbenchDatabase } from '../../renderer/src/store/database';
import { activeDatabase, loadDataset, remapStoredColumn, saveDataset, setActiveDatabase } from '../../renderer/src/store/datasets';
import { keptColumns, remapSummary } from '../../renderer/src/components/RemapPanel';

const DB = 'remap-panel-test';
afterEach(async () => {
  activeDatabase().close();
  await Dexie.delete(DB);
});

const rows = 6;
// Days since 1970: 20,000 is 2024-10-04.
const table: ColumnarTable = {
  rowCount: rows,
  columns: [
    { kind: 'text', name: 'centre_code', codes: Int32Array.from({ length: rows }, (_v, i) => i % 2), dictionary: ['RTH', 'RGT'] },
    { kind: 'date', name: 'referral_date', values: Float64Array.from({ length: rows }, (_v, i) => 20_000 + i) },
    { kind: 'date', name: 'appt_1_date', values: Float64Array.from({ length: rows }, (_v, i) => (i === 5 ? Number.NaN : 20_020 + i)) },
    { kind: 'text', name: 'clinic_note', codes: Int32Array.from([0, 1, 2, -1, 0, 1]), dictionary: ['2024-11-01', 'tbc', 'next week'] },
  ],
};
const result: ImportResult = {
  fileName: 'trust.csv', format: 'csv', extractType: 'patient', table,
  mapping: { 'Trust ODS': 'centre_code', 'Referral date': 'referral_date', 'Appt 1 date': null, 'Clinic note': null },
  columns: [
    { source: 'Trust ODS', field: 'centre_code', type: 'text', missing: 0, invalid: 0 },
    { source: 'Referral date', field: 'referral_date', type: 'date', missing: 0, invalid: 0 },
    { source: 'Appt 1 date', field: null, type: 'date', missing: 1, invalid: 0 },
    { source: 'Clinic note', field: null, type: 'text', missing: 1, invalid: 0 },
  ],
  identifiers: [], accounting: { rowsRead: rows, rowsImported: rows, rowsWithWarnings: 0, rowsExcluded: {} }, problems: [], problemsTruncated: false,
};
const provenance = { fileName: 'trust.csv', fileSize: 100, sha256: 'ab'.repeat(32) };
const stored = (t: ColumnarTable) => t.columns.map((c) => ({ name: c.name, kind: c.kind }));

describe('column mapping panel', () => {
  it('lists every kept column with its source header and field, and follows a re-mapping through the store', async () => {
    setActiveDatabase(new WorkbenchDatabase(DB));
    const meta = await saveDataset(result, provenance);
    expect(keptColumns(meta, stored(table))).toEqual([
      { stored: 'centre_code', source: 'Trust ODS', field: 'centre_code', kind: 'text' },
      { stored: 'referral_date', source: 'Referral date', field: 'referral_date', kind: 'date' },
      { stored: 'appt_1_date', source: 'Appt 1 date', field: null, kind: 'date' },
      { stored: 'clinic_note', source: 'Clinic note', field: null, kind: 'text' },
    ]);

    const appt = keptColumns(meta, stored(table))[2];
    const done = await remapStoredColumn(meta.id, appt.stored, 'first_seen_date');
    expect(done.unreadable).toBe(0);
    const reopened = await loadDataset(meta.id);
    expect(keptColumns(done.meta, stored(reopened.table))[2]).toEqual({ stored: 'first_seen_date', source: 'Appt 1 date', field: 'first_seen_date', kind: 'date' });
    expect(remapSummary(appt, 'first_seen_date', done.meta, done.unreadable)).toBe('Column "Appt 1 date" is now mapped to First seen by MS specialist (first_seen_date).');

    // Text read as dates: "tbc" and "next week" (three values) cannot be, and are counted, not dropped silently.
    const note = keptColumns(done.meta, stored(reopened.table))[3];
    const retyped = await remapStoredColumn(meta.id, note.stored, 'mri_date');
    expect(retyped.unreadable).toBe(3);
    expect(retyped.meta.columns.find((c) => c.source === 'Clinic note')).toMatchObject({ field: 'mri_date', type: 'date', invalid: 3 });
    expect(remapSummary(note, 'mri_date', retyped.meta, retyped.unreadable)).toBe(
      'Column "Clinic note" is now mapped to MRI date (mri_date). Its values were read again as dates; 3 values could not be read as dates and are now missing (counted as invalid in the column report).',
    );
    const after = await loadDataset(meta.id);
    const mri = after.table.columns.find((c) => c.name === 'mri_date');
    expect(mri?.kind).toBe('date');
    expect(Array.from(mri?.kind === 'date' ? mri.values : []).filter((v) => !Number.isNaN(v))).toHaveLength(2);
  });

  it('a mapped column is moved back to none: a plain column under its header name, the field free again, and back', async () => {
    setActiveDatabase(new WorkbenchDatabase(DB));
    // A header that is the field's own name: unmapped, it cannot keep that name, or measures would still read it.
    const withOwnName: ImportResult = {
      ...result,
      table: { rowCount: rows, columns: [...table.columns, { kind: 'date', name: 'first_seen_date', values: Float64Array.from({ length: rows }, (_v, i) => 20_030 + i) }] },
      mapping: { ...result.mapping, first_seen_date: 'first_seen_date' },
      columns: [...result.columns, { source: 'first_seen_date', field: 'first_seen_date', type: 'date', missing: 0, invalid: 0 }],
    };
    const meta = await saveDataset(withOwnName, provenance);
    const before = await loadDataset(meta.id);
    const referral = keptColumns(meta, stored(before.table))[1];
    expect(referral).toEqual({ stored: 'referral_date', source: 'Referral date', field: 'referral_date', kind: 'date' });

    const done = await remapStoredColumn(meta.id, referral.stored, null);
    expect(done.unreadable).toBe(0);
    expect(done.meta.mapping['Referral date']).toBeNull();
    // "Referral date" cleans to "referral_date", the field's own name: kept as "referral_date_source", and the report says so.
    expect(done.meta.columns.find((c) => c.source === 'Referral date')).toEqual({ source: 'Referral date', field: null, type: 'date', missing: 0, invalid: 0, stored: 'referral_date_source' });
    const reopened = await loadDataset(meta.id);
    expect(reopened.table.columns.map((c) => c.name)).toEqual(['centre_code', 'referral_date_source', 'appt_1_date', 'clinic_note', 'first_seen_date']);
    expect(reopened.table.columns[1]).toEqual({ ...table.columns[1], name: 'referral_date_source' });
    expect(keptColumns(done.meta, stored(reopened.table))[1]).toEqual({ stored: 'referral_date_source', source: 'Referral date', field: null, kind: 'date' });
    expect(remapSummary(referral, null, done.meta, 0)).toBe(
      'Column "Referral date" is no longer mapped to a field; it is kept as a plain column, stored as "referral_date_source". Measures that need Referral date (referral_date) cannot be worked out until a column is mapped to it.',
    );
    // The field is free: another column can take it, and the plain column can have it back.
    const back = await remapStoredColumn(meta.id, 'referral_date_source', 'referral_date');
    expect(back.meta.columns.find((c) => c.source === 'Referral date')).toEqual({ source: 'Referral date', field: 'referral_date', type: 'date', missing: 0, invalid: 0 });
    expect((await loadDataset(meta.id)).table.columns[1]).toEqual(table.columns[1]);

    // A header that is a field's own name is kept as "<field>_source" too.
    const own = keptColumns(back.meta, stored((await loadDataset(meta.id)).table))[4];
    const plain = await remapStoredColumn(meta.id, own.stored, null);
    expect(plain.meta.columns.find((c) => c.source === 'first_seen_date')).toEqual({ source: 'first_seen_date', field: null, type: 'date', missing: 0, invalid: 0, stored: 'first_seen_date_source' });
    const last = await loadDataset(meta.id);
    expect(last.table.columns.map((c) => c.name)).not.toContain('first_seen_date');
    expect(keptColumns(plain.meta, stored(last.table))[4]).toEqual({ stored: 'first_seen_date_source', source: 'first_seen_date', field: null, kind: 'date' });
    // An already plain column cannot be unmapped again; the message names it.
    await expect(remapStoredColumn(meta.id, 'appt_1_date', null)).rejects.toThrow('Column "Appt 1 date" is not mapped to a field; it is already kept as a plain column ("appt_1_date").');
  });

  it('unmapping a text field masks the NHS numbers and titled names in it, records the masking, and says how many values', async () => {
    setActiveDatabase(new WorkbenchDatabase(DB));
    // Free text mapped to dmt_name at import: a mapped field is stored as read, identifiers and all.
    const notes = ['Ocrelizumab', 'Ocrelizumab, NHS 943 476 5919 on letter', 'Seen by Mrs Jane Smith', 'Seen by Dr Alan Brown', 'NHS no 9434765919 given'];
    const withText: ImportResult = {
      ...result,
      table: { rowCount: rows, columns: [...table.columns, { kind: 'text', name: 'dmt_name', codes: Int32Array.from([0, 1, 2, 3, 4, -1]), dictionary: notes }] },
      mapping: { ...result.mapping, 'Current treatment': 'dmt_name' },
      columns: [...result.columns, { source: 'Current treatment', field: 'dmt_name', type: 'text', missing: 1, invalid: 0 }],
    };
    const meta = await saveDataset(withText, provenance);
    const before = await loadDataset(meta.id);
    const treatment = keptColumns(meta, stored(before.table))[4];
    expect(treatment).toEqual({ stored: 'dmt_name', source: 'Current treatment', field: 'dmt_name', kind: 'text' });

    const done = await remapStoredColumn(meta.id, treatment.stored, null);
    expect(done.masked).toBe(4);
    expect(done.unreadable).toBe(0);
    // Recorded as the import records a plain column's masking, and kept in the store.
    expect(done.meta.identifiers).toEqual([{ column: 'Current treatment', kind: 'free_text', action: 'masked', masked: 4 }]);
    expect((await activeDatabase().datasets.get(meta.id))?.identifiers).toEqual(done.meta.identifiers);
    const after = await loadDataset(meta.id);
    const plain = after.table.columns.find((c) => c.name === 'current_treatment');
    expect(plain?.kind === 'text' && Array.from(plain.codes, (k) => (k < 0 ? null : plain.dictionary[k]))).toEqual([
      'Ocrelizumab', 'Ocrelizumab, NHS [NHS number] on letter', 'Seen by [name]', 'Seen by [name]', 'NHS no [NHS number] given', null,
    ]);
    expect(plain?.kind === 'text' && plain.dictionary).toEqual(['Ocrelizumab', 'Ocrelizumab, NHS [NHS number] on letter', 'Seen by [name]', 'NHS no [NHS number] given']);
    expect(remapSummary(treatment, null, done.meta, done.unreadable, done.masked)).toBe(
      'Column "Current treatment" is no longer mapped to a field; it is kept as a plain column, stored as "current_treatment". 4 values held an NHS number or a name after a title (such as "Mr Smith"); they are now masked, as an import masks a plain column. Measures that need DMT name (dmt_name) cannot be worked out until a column is mapped to it.',
    );
    expect(remapSummary(treatment, null, done.meta, 0, 1)).toContain(' 1 value held an NHS number or a name after a title (such as "Mr Smith"); it is now masked, as an import masks a plain column.');

    // Mapped back and unmapped again: nothing left to mask, the finding stays as it was, and the sentence says nothing of masking.
    await remapStoredColumn(meta.id, 'current_treatment', 'dmt_name');
    const again = await remapStoredColumn(meta.id, 'dmt_name', null);
    expect(again.masked).toBe(0);
    expect(again.meta.identifiers).toEqual(done.meta.identifiers);
    expect(remapSummary(treatment, null, again.meta, 0, again.masked)).not.toMatch(/masked/);
  });

  it('a column the person chose to keep at import is not masked when unmapped, as the import would not mask it', async () => {
    setActiveDatabase(new WorkbenchDatabase(DB));
    const kept: ImportResult = {
      ...result,
      table: { rowCount: rows, columns: [...table.columns, { kind: 'text', name: 'patient_id', codes: Int32Array.from([0, 1, 2, 3, 4, 5]), dictionary: ['Mrs Jane Smith', 'Mr Alan Brown', 'Dr Ann Jones', 'Ms Sue Green', 'Mr Tom Black', 'Miss Amy White'] }] },
      mapping: { ...result.mapping, Patient: 'patient_id' },
      columns: [...result.columns, { source: 'Patient', field: 'patient_id', type: 'text', missing: 0, invalid: 0 }],
      identifiers: [{ column: 'Patient', kind: 'name', action: 'kept' }],
    };
    const meta = await saveDataset(kept, provenance);
    const done = await remapStoredColumn(meta.id, 'patient_id', null);
    expect(done.masked).toBe(0);
    expect(done.meta.identifiers).toEqual([{ column: 'Patient', kind: 'name', action: 'kept' }]);
    const plain = (await loadDataset(meta.id)).table.columns.find((c) => c.name === 'patient');
    expect(plain?.kind === 'text' && plain.dictionary[0]).toBe('Mrs Jane Smith');
  });

  it('says when a re-typed column read every value', () => {
    const column = { stored: 'edss_text', source: 'EDSS score', field: null, kind: 'text' as const };
    const meta = { extractType: 'patient' } as Parameters<typeof remapSummary>[2];
    expect(remapSummary(column, 'edss', meta, 0)).toBe('Column "EDSS score" is now mapped to EDSS (edss). Its values were read again as numbers; every value could be read.');
    expect(remapSummary(column, 'edss', meta, 1)).toBe('Column "EDSS score" is now mapped to EDSS (edss). Its values were read again as numbers; 1 value could not be read as numbers and is now missing (counted as invalid in the column report).');
  });
});
