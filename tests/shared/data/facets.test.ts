import { describe, expect, it } from 'vitest';
import { daysFromIso, type ColumnarTable } from '../../../shared/data/table';
import { datasetFacets } from '../../../shared/data/facets';

const table: ColumnarTable = {
  rowCount: 4,
  columns: [
    { kind: 'text', name: 'centre_code', codes: Int32Array.from([0, 1, 0, 2]), dictionary: ['RTH', 'RGT', 'R1H'] },
    { kind: 'text', name: 'region', codes: Int32Array.from([0, 0, 1, -1]), dictionary: ['London', 'Midlands', 'Unused'] },
    { kind: 'number', name: 'imd_decile', values: Float64Array.from([3, 1, NaN, 10]) },
    { kind: 'date', name: 'referral_date', values: Float64Array.from(['2024-01-02', '2023-05-06', '2025-07-08', 'bad'].map(daysFromIso)) },
    { kind: 'text', name: 'patient_id', codes: Int32Array.from([0, 1, 2, 3]), dictionary: ['a', 'b', 'c', 'd'] },
  ],
};

describe('dataset facets for analysis filters', () => {
  it('lists the distinct values present in the filter fields, sorted', () => {
    const f = datasetFacets(table);
    expect(f.values.region).toEqual(['London', 'Midlands']);
    expect(f.values.imd_decile).toEqual([1, 3, 10]);
    expect(f.values.centre_code).toBeUndefined();
  });
  it('gives the period range of the referral date', () => {
    expect(datasetFacets(table).dateRange).toEqual({ field: 'referral_date', from: '2023-05-06', to: '2025-07-08' });
  });
  it('offers text and number columns with 2 to 500 values for grouping', () => {
    expect(datasetFacets(table).groupable).toEqual(['centre_code', 'region', 'imd_decile', 'patient_id']);
  });
  it('lists KPI ids of a KPI extract', () => {
    const kpi: ColumnarTable = { rowCount: 2, columns: [{ kind: 'text', name: 'kpi_id', codes: Int32Array.from([1, 0]), dictionary: ['b_kpi', 'a_kpi'] }] };
    expect(datasetFacets(kpi).kpiIds).toEqual(['a_kpi', 'b_kpi']);
  });
});
