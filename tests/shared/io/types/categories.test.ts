import { describe, expect, it } from 'vitest';
import type { TextColumn } from '../../../../shared/data/table';
import { CATEGORY_FIELDS, categoryValues, normaliseCategory, normaliseTextColumn } from '../../../../shared/io/types/categories';

describe('normaliseCategory', () => {
  it('maps MS type spellings to CIS/RRMS/SPMS/PPMS', () => {
    for (const s of ['Relapsing remitting', 'relapsing-remitting MS', 'RRMS', 'RR', 'Relapsing Remitting Multiple Sclerosis']) expect(normaliseCategory('ms_type', s)).toBe('RRMS');
    expect(normaliseCategory('ms_type', 'Secondary progressive')).toBe('SPMS');
    expect(normaliseCategory('ms_type', 'Primary Progressive MS')).toBe('PPMS');
    expect(normaliseCategory('ms_type', 'Clinically isolated syndrome')).toBe('CIS');
    expect(normaliseCategory('ms_type', 'Benign')).toBeNull();
  });

  it('maps sex and smoking status', () => {
    expect(normaliseCategory('sex', 'M')).toBe('Male');
    expect(normaliseCategory('sex', 'male')).toBe('Male');
    expect(normaliseCategory('sex', 'F')).toBe('Female');
    expect(normaliseCategory('sex', 'Not known')).toBe('Unknown');
    expect(normaliseCategory('sex', 'Indeterminate')).toBe('Other');
    expect(normaliseCategory('smoking_status', 'Ex-smoker')).toBe('Ex');
    expect(normaliseCategory('smoking_status', 'never smoked')).toBe('Never');
    expect(normaliseCategory('smoking_status', 'Current smoker')).toBe('Current');
    expect(normaliseCategory('smoking_status', 'Not recorded')).toBe('Not recorded');
  });

  it('returns null for fields without rules', () => {
    expect(normaliseCategory('dmt_name', 'ocrelizumab')).toBeNull();
    expect(CATEGORY_FIELDS).toEqual(['ms_type', 'sex', 'smoking_status']);
    expect(categoryValues('ms_type')).toEqual(['CIS', 'PPMS', 'RRMS', 'SPMS']);
  });
});

describe('normaliseTextColumn', () => {
  it('merges spellings, renumbers codes and reports the mapping and the unrecognised values', () => {
    const col: TextColumn = { kind: 'text', name: 'ms_type', dictionary: ['Relapsing remitting', 'RRMS', 'SP', 'weird'], codes: Int32Array.from([0, 1, -1, 2, 3, 0]) };
    const r = normaliseTextColumn(col, 'ms_type');
    expect(r.column.dictionary).toEqual(['RRMS', 'SPMS', 'weird']);
    expect(Array.from(r.column.codes)).toEqual([0, 0, -1, 1, 2, 0]);
    expect(r.normalised).toEqual({ 'Relapsing remitting': 'RRMS', SP: 'SPMS' });
    expect(r.unrecognised).toEqual(['weird']);
  });

  it('leaves a column already in canonical form untouched', () => {
    const col: TextColumn = { kind: 'text', name: 'sex', dictionary: ['Male', 'Female'], codes: Int32Array.from([0, 1]) };
    const r = normaliseTextColumn(col, 'sex');
    expect(r.column).toBe(col);
    expect(r.normalised).toEqual({});
  });
});
