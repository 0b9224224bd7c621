import { describe, expect, it } from 'vitest';
import {
  validateTable, validationReportCsv, csvCell, defaultAsOf, ROW_OK, ROW_WARNING, ROW_EXCLUDED,
} from '../../../shared/io/validate';
import { daysFromIso, type Column, type ColumnarTable } from '../../../shared/data/table';

const text = (name: string, values: (string | null)[]): Column => {
  const dictionary: string[] = [];
  const index = new Map<string, number>();
  const codes = Int32Array.from(values, (v) => {
    if (v === null) return -1;
    if (!index.has(v)) { index.set(v, dictionary.length); dictionary.push(v); }
    return index.get(v)!;
  });
  return { kind: 'text', name, codes, dictionary };
};
const num = (name: string, values: (number | null)[]): Column => ({ kind: 'number', name, values: Float64Array.from(values, (v) => v ?? Number.NaN) });
const date = (name: string, values: (string | null)[]): Column => ({ kind: 'date', name, values: Float64Array.from(values, (v) => (v ? daysFromIso(v) : Number.NaN)) });
const table = (...columns: Column[]): ColumnarTable => ({ rowCount: columns[0].kind === 'text' ? columns[0].codes.length : columns[0].values.length, columns });
const rows = (n: number) => Int32Array.from({ length: n }, (_, i) => i + 2);
const runDate = daysFromIso('2024-06-30');

describe('validateTable: patient extracts', () => {
  it('excludes rows without a usable centre, naming the reason', () => {
    const t = table(text('centre_code', ['RTH', null, 'XYZ', 'RH802', 'R1', 'rth']));
    const v = validateTable(t, { extractType: 'patient', sourceRows: rows(6), runDate });
    expect(Array.from(v.rowStatus)).toEqual([ROW_OK, ROW_EXCLUDED, ROW_EXCLUDED, ROW_OK, ROW_EXCLUDED, ROW_EXCLUDED]);
    expect(v.excluded).toEqual({ missing_centre_code: 1, malformed_centre_code: 3 });
    const p = v.problems.find((x) => x.row === 4)!;
    expect(p).toMatchObject({ severity: 'excluded', reason: 'malformed_centre_code', column: 'centre_code' });
    expect(p.message).toContain('"XYZ"');
  });

  it('excludes later rows of a patient in the same centre, not in another centre', () => {
    const t = table(
      text('centre_code', ['RTH', 'RTH', 'RGT', 'RTH', 'RGT', 'RTH']),
      text('patient_id', ['P1', 'P2', 'P1', 'P1', 'P1', null]),
    );
    const v = validateTable(t, { extractType: 'patient', sourceRows: rows(6), runDate });
    expect(Array.from(v.rowStatus)).toEqual([ROW_OK, ROW_OK, ROW_OK, ROW_EXCLUDED, ROW_EXCLUDED, ROW_OK]);
    expect(v.excluded).toEqual({ duplicate_patient: 2 });
    expect(v.problems[0].message).toMatch(/already appears in this centre on row 2/);
    expect(v.problems[1].message).toMatch(/on row 4/);
  });

  it('does not let a row excluded for its centre claim a patient id', () => {
    const t = table(text('centre_code', ['XX', 'RTH']), text('patient_id', ['P1', 'P1']));
    const v = validateTable(t, { extractType: 'patient', sourceRows: rows(2), runDate });
    expect(v.excluded).toEqual({ malformed_centre_code: 1 });
    expect(v.rowStatus[1]).toBe(ROW_OK);
  });

  it('clears out-of-range EDSS, IMD, BMI and counts with a warning', () => {
    const t = table(
      text('centre_code', ['RTH', 'RTH', 'RTH', 'RTH']),
      num('edss', [3.5, 10.5, 4.2, 0]),
      num('imd_decile', [1, 0, 11, 10]),
      num('bmi', [24, 5, 200, 80]),
      num('relapses_12m', [0, -1, 1.5, 2]),
      num('emergency_admissions_12m', [0, 1, -3, null]),
    );
    const v = validateTable(t, { extractType: 'patient', sourceRows: rows(4), runDate });
    expect(Array.from(v.rowStatus)).toEqual([ROW_OK, ROW_WARNING, ROW_WARNING, ROW_OK]);
    const col = (n: string) => Array.from((t.columns.find((c) => c.name === n) as { values: Float64Array }).values);
    expect(col('edss')).toEqual([3.5, NaN, NaN, 0]);
    expect(col('imd_decile')).toEqual([1, NaN, NaN, 10]);
    expect(col('bmi')).toEqual([24, NaN, NaN, 80]);
    expect(v.warnings).toEqual({ invalid_edss: 2, invalid_imd_decile: 2, implausible_bmi: 2, invalid_count: 3 });
    expect(v.invalid).toMatchObject({ edss: 2, imd_decile: 2, bmi: 2, relapses_12m: 2, emergency_admissions_12m: 1 });
    expect(v.missing).toMatchObject({ edss: 0, emergency_admissions_12m: 1 });
    expect(Object.values(v.excluded)).toEqual([]);
  });

  it('warns about end dates before their start, keeping both dates', () => {
    const t = table(
      text('centre_code', ['RTH', 'RTH', 'RTH']),
      date('referral_date', ['2023-01-10', '2023-01-10', null]),
      date('first_seen_date', ['2023-01-05', '2023-01-20', '2023-01-01']),
      date('previous_review_date', ['2023-06-01', null, null]),
      date('last_review_date', ['2022-06-01', null, null]),
    );
    const v = validateTable(t, { extractType: 'patient', sourceRows: rows(3), runDate });
    expect(Array.from(v.rowStatus)).toEqual([ROW_WARNING, ROW_OK, ROW_OK]);
    expect(v.warnings).toEqual({ end_before_start: 2 });
    expect(v.problems.map((p) => p.column)).toEqual(['first_seen_date', 'last_review_date']);
    expect(t.columns[2].kind === 'date' && t.columns[2].values[0]).toBe(daysFromIso('2023-01-05'));
  });

  it('uses the latest date not after the run date as as-of, and warns about later dates', () => {
    const t = table(
      text('centre_code', ['RTH', 'RTH', 'RTH']),
      date('referral_date', ['2023-01-10', '2024-03-01', '2031-01-01']),
      date('diagnosis_date', ['2023-02-10', null, '1850-01-01']),
    );
    const v = validateTable(t, { extractType: 'patient', sourceRows: rows(3), runDate });
    expect(v.asOf).toBe(daysFromIso('2024-03-01'));
    expect(v.asOfRule).toBe('latest_date_not_after_run_date');
    expect(v.warnings).toEqual({ date_after_as_of: 1, implausible_date: 1 });
    expect(v.invalid.diagnosis_date).toBe(1);
    expect(v.problems.find((p) => p.reason === 'date_after_as_of')!.message).toContain('2031-01-01');
  });

  it('uses a given as-of date', () => {
    const t = table(text('centre_code', ['RTH', 'RTH']), date('referral_date', ['2023-01-10', '2023-03-01']));
    const v = validateTable(t, { extractType: 'patient', sourceRows: rows(2), asOf: daysFromIso('2023-02-01'), runDate });
    expect(v.asOfRule).toBe('given');
    expect(v.warnings).toEqual({ date_after_as_of: 1 });
    expect(defaultAsOf(table(text('centre_code', ['RTH'])), runDate)).toBeNull();
  });

  it('turns unreadable cells from typing into warnings and invalid counts', () => {
    const t = table(text('centre_code', ['RTH', 'RTH']), date('mri_date', [null, '2023-01-01']));
    const v = validateTable(t, { extractType: 'patient', sourceRows: rows(2), runDate, unreadable: { mri_date: [0] }, sources: { mri_date: 'MRI Date' } });
    expect(v.warnings).toEqual({ invalid_date: 1 });
    expect(v.invalid.mri_date).toBe(1);
    expect(v.missing.mri_date).toBe(0);
    expect(v.problems[0]).toMatchObject({ row: 2, column: 'MRI Date', severity: 'warning' });
  });

  it('caps problems but keeps counts complete', () => {
    const n = 50;
    const t = table(text('centre_code', Array.from({ length: n }, () => 'bad')));
    const v = validateTable(t, { extractType: 'patient', sourceRows: rows(n), runDate, problemCap: 10 });
    expect(v.problems).toHaveLength(10);
    expect(v.problemsTruncated).toBe(true);
    expect(v.excluded.malformed_centre_code).toBe(n);
  });

  it('validates 1M rows x 28 columns in well under a second', () => {
    const n = 1_000_000;
    const cols: Column[] = [];
    const centres = Array.from({ length: 60 }, (_, i) => `R${String.fromCharCode(65 + (i % 26))}${i % 10}`);
    cols.push({ kind: 'text', name: 'centre_code', dictionary: centres, codes: Int32Array.from({ length: n }, (_, i) => i % 60) });
    cols.push({ kind: 'text', name: 'patient_id', dictionary: Array.from({ length: n }, (_, i) => `P${i}`), codes: Int32Array.from({ length: n }, (_, i) => i) });
    const dateNames = ['symptom_onset_date', 'referral_date', 'first_seen_date', 'mri_date', 'diagnosis_date', 'ms_nurse_first_contact_date',
      'dmt_offered_date', 'dmt_start_date', 'last_relapse_onset_date', 'last_relapse_treated_date', 'previous_review_date', 'last_review_date', 'comorbidity_screen_date'];
    // Dates in pathway order, a few hundred days apart; one row in 1,000 has its first-seen date before referral.
    dateNames.forEach((name, k) => cols.push({ kind: 'date', name, values: Float64Array.from({ length: n }, (_, i) => 18000 + (i % 400) + k * 20 - (name === 'first_seen_date' && i % 1000 === 0 ? 100 : 0)) }));
    for (const name of ['edss', 'imd_decile', 'bmi', 'relapses_12m', 'emergency_admissions_12m']) cols.push({ kind: 'number', name, values: Float64Array.from({ length: n }, (_, i) => (name === 'bmi' ? 20 : 0) + (i % 9) + 1) });
    for (const name of ['centre_name', 'region', 'sex', 'age_band', 'ethnicity', 'ms_type', 'dmt_name', 'smoking_status']) cols.push({ kind: 'text', name, dictionary: ['a', 'b'], codes: Int32Array.from({ length: n }, (_, i) => i % 2) });
    expect(cols).toHaveLength(28);
    const t: ColumnarTable = { rowCount: n, columns: cols };
    // CPU time of this process, so other work on the shared machine doesn't count against it.
    const start = process.cpuUsage();
    const v = validateTable(t, { extractType: 'patient', sourceRows: rows(n), runDate: 30000 });
    const used = process.cpuUsage(start);
    const ms = (used.user + used.system) / 1000;
    expect(v.warnings).toEqual({ end_before_start: n / 1000 });
    expect(v.problems).toHaveLength(n / 1000);
    expect(ms).toBeLessThan(1000);
  });
});

describe('validateTable: KPI extracts', () => {
  it('excludes rows with unusable counts, periods, missing KPI and repeats', () => {
    const t = table(
      text('centre_code', ['RTH', 'RTH', 'RTH', 'RTH', 'RTH', 'RTH', 'RTH', 'RGT']),
      text('kpi_id', ['K1', 'K2', 'K3', 'K4', null, 'K1', 'K5', 'K1']),
      date('period_start', ['2023-01-01', '2023-01-01', '2023-01-01', '2023-01-01', '2023-01-01', '2023-01-01', '2023-06-01', '2023-01-01']),
      date('period_end', ['2023-03-31', '2023-03-31', '2023-03-31', '2023-03-31', '2023-03-31', '2023-03-31', '2023-03-31', '2023-03-31']),
      num('numerator', [5, 11, -1, null, 1, 5, 1, 2.5]),
      num('denominator', [10, 10, 10, 10, 2, 10, 2, 10]),
    );
    const v = validateTable(t, { extractType: 'kpi', sourceRows: rows(8), runDate });
    expect(Array.from(v.rowStatus)).toEqual([ROW_OK, ROW_EXCLUDED, ROW_EXCLUDED, ROW_EXCLUDED, ROW_EXCLUDED, ROW_EXCLUDED, ROW_EXCLUDED, ROW_EXCLUDED]);
    expect(v.excluded).toEqual({
      numerator_exceeds_denominator: 1, invalid_count: 2, missing_count: 1, missing_kpi_id: 1, duplicate_kpi_row: 1, period_end_before_start: 1,
    });
  });

  it('excludes counts that typing could not read', () => {
    const t = table(text('centre_code', ['RTH']), num('numerator', [null]), num('denominator', [4]));
    const v = validateTable(t, { extractType: 'kpi', sourceRows: rows(1), runDate, unreadable: { numerator: [0] } });
    expect(v.excluded).toEqual({ invalid_count: 1 });
    expect(v.invalid.numerator).toBe(1);
  });
});

describe('validationReportCsv', () => {
  const input = {
    fileName: 'audit.csv',
    columns: [{ source: '=cmd', field: null, type: 'text' as const, missing: 1, invalid: 0 }],
    accounting: { rowsRead: 3, rowsImported: 2, rowsWithWarnings: 1, rowsExcluded: { missing_centre_code: 1 } },
    problems: [{ row: 3, column: 'Centre', severity: 'excluded' as const, reason: 'missing_centre_code', message: '+bad, "quoted"' }],
    problemsTruncated: false,
    asOf: daysFromIso('2024-01-31'),
    asOfRule: 'given' as const,
  };

  it('lists the summary, exclusions, columns and problems', () => {
    const csv = validationReportCsv(input);
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('section,row,column,field,type,missing,invalid,severity,reason,count,message');
    expect(lines).toContain('summary,,,,,,,,rows_read,3,File audit.csv');
    expect(lines).toContain('excluded,,,,,,,excluded,missing_centre_code,1,');
    expect(csv).toContain('2024-01-31 (set for this import)');
    expect(lines).toContain(`column,,'=cmd,,text,1,0,,,,`);
    expect(lines).toContain(`problem,3,Centre,,,,,excluded,missing_centre_code,,"'+bad, ""quoted"""`);
  });

  it('neutralises formula starts', () => {
    for (const s of ['=1+1', '+1', '-1+2', '@SUM(A1)', '\tx', '\rx']) expect(csvCell(s).replace(/^"/, '')[0]).toBe("'");
    expect(csvCell('RTH')).toBe('RTH');
    // Plain numbers stay numbers (shared/privacy/csv-safety.ts).
    expect(csvCell(-1)).toBe('-1');
    expect(csvCell('-1')).toBe('-1');
  });
});
