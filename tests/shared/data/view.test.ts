import { describe, expect, it } from 'vitest';
import { daysFromIso, type ColumnarTable } from '../../../shared/data/table';
import { filterRows, rowWindow, sortRows, summariseColumn } from '../../../shared/data/view';

const table: ColumnarTable = {
  rowCount: 5,
  columns: [
    { kind: 'text', name: 'centre_code', codes: Int32Array.from([0, 1, 0, -1, 2]), dictionary: ['RTH', 'RGT', 'R1H'] },
    { kind: 'number', name: 'edss', values: Float64Array.from([3.5, NaN, 6, 1, 2]) },
    { kind: 'date', name: 'referral_date', values: Float64Array.from(['2024-03-01', '2023-12-31', '2024-03-15', '2025-01-01', 'x'].map(daysFromIso)) },
  ],
};
const all = Int32Array.from([0, 1, 2, 3, 4]);

describe('sorting rows of a dataset', () => {
  it('sorts text in collation order with missing values last', () => {
    expect(Array.from(sortRows(table, all, [{ column: 'centre_code', descending: false }]))).toEqual([4, 1, 0, 2, 3]);
  });
  it('keeps missing values last when descending too, and is stable for ties', () => {
    expect(Array.from(sortRows(table, all, [{ column: 'edss', descending: true }]))).toEqual([2, 0, 4, 3, 1]);
    expect(Array.from(sortRows(table, all, [{ column: 'centre_code', descending: true }]))).toEqual([0, 2, 1, 4, 3]);
  });
  it('names the column when asked to sort by one that does not exist', () => {
    expect(() => sortRows(table, all, [{ column: 'nope', descending: false }])).toThrow(/no column "nope"/);
  });
});

describe('filtering rows of a dataset', () => {
  it('matches text case-insensitively and finds blanks with (missing)', () => {
    expect(Array.from(filterRows(table, [{ column: 'centre_code', query: 'rt' }]))).toEqual([0, 2]);
    expect(Array.from(filterRows(table, [{ column: 'centre_code', query: '(missing)' }]))).toEqual([3]);
  });
  it('compares numbers and dates, and filters dates by year-month prefix', () => {
    expect(Array.from(filterRows(table, [{ column: 'edss', query: '>= 2' }]))).toEqual([0, 2, 4]);
    expect(Array.from(filterRows(table, [{ column: 'referral_date', query: '< 2024-03-10' }]))).toEqual([0, 1]);
    expect(Array.from(filterRows(table, [{ column: 'referral_date', query: '2024-03' }]))).toEqual([0, 2]);
  });
  it('combines filters and ignores empty ones', () => {
    expect(Array.from(filterRows(table, [{ column: 'centre_code', query: 'RTH' }, { column: 'edss', query: '> 4' }, { column: 'referral_date', query: ' ' }]))).toEqual([2]);
  });
});

describe('column summaries', () => {
  it('counts missing, distinct and top values of a text column', () => {
    const s = summariseColumn(table, 'centre_code');
    expect(s).toMatchObject({ count: 5, missing: 1, distinct: 3 });
    expect(s.top?.[0]).toEqual({ value: 'RTH', count: 2 });
  });
  it('bins a numeric column so bin counts add up to the present values', () => {
    const s = summariseColumn(table, 'edss');
    expect(s.missing).toBe(1);
    expect(s.min).toBe(1);
    expect(s.max).toBe(6);
    expect(s.histogram?.reduce((sum, b) => sum + b.count, 0)).toBe(4);
  });
  it('labels date ranges as ISO dates', () => {
    const s = summariseColumn(table, 'referral_date');
    expect(s.min).toBe('2023-12-31');
    expect(s.max).toBe('2025-01-01');
  });
});

describe('row windows', () => {
  it('returns display cells of the requested slice of an ordering', () => {
    expect(rowWindow(table, Int32Array.from([3, 0]), 0, 5)).toEqual([[null, 1, '2025-01-01'], ['RTH', 3.5, '2024-03-01']]);
  });
});
