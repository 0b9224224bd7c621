import { describe, expect, it } from 'vitest';
import type { ColumnarTable } from '../../../shared/data/table';
import { trendGroups } from '../../../renderer/src/workers/trend-groups';

function text(name: string, values: (string | null)[]) {
  const dictionary = [...new Set(values.filter((v): v is string => v !== null))];
  return { kind: 'text' as const, name, dictionary: [...dictionary, 'unused'], codes: Int32Array.from(values.map((v) => (v === null ? -1 : dictionary.indexOf(v)))) };
}

describe('trendGroups', () => {
  it('lists each centre once with its most frequent name and region, sorted by code (numbers in codes compared as numbers), and the regions', () => {
    const table: ColumnarTable = {
      rowCount: 6,
      columns: [
        text('centre_code', ['R2B', 'R10', 'R2B', 'R2B', null, 'R10']),
        text('centre_name', ['Leeds', 'Cardiff', 'Leeds Teaching', 'Leeds', 'Nowhere', null]),
        text('region', ['North East and Yorkshire', 'Wales', 'North East and Yorkshire', 'London', 'London', 'Wales']),
      ],
    };
    expect(trendGroups(table)).toEqual({
      centres: [
        { code: 'R2B', name: 'Leeds', region: 'North East and Yorkshire' },
        { code: 'R10', name: 'Cardiff', region: 'Wales' },
      ],
      regions: ['London', 'North East and Yorkshire', 'Wales'],
    });
  });

  it('gives no centres for an extract without centre codes', () => {
    expect(trendGroups({ rowCount: 1, columns: [text('region', ['Wales'])] })).toEqual({ centres: [], regions: ['Wales'] });
  });
});
