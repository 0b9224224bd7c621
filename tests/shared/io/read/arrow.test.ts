import { describe, expect, it } from 'vitest';
import { dateDay, float64, tableFromArrays, tableToIPC, timestamp, utf8 as utf8Type, dictionary } from '@uwdata/flechette';
import { readArrow } from '../../../../shared/io/read/arrow';
import { readTabular } from '../../../../shared/io/read/index';
import { headersOf, rowsOf } from './helpers';

function ipc(format: 'file' | 'stream'): Uint8Array {
  const table = tableFromArrays(
    {
      patient_id: ['P1', 'P2', 'P3'],
      referral_date: [new Date(Date.UTC(2021, 2, 15)), null, new Date(Date.UTC(1999, 11, 31))],
      seen_at: [new Date(Date.UTC(2021, 2, 15, 10, 30)), null, new Date(Date.UTC(2000, 0, 1))],
      edss: [3.5, null, 6],
      ms_type: ['RRMS', 'RRMS', null],
    },
    { types: { referral_date: dateDay(), seen_at: timestamp(), edss: float64(), ms_type: dictionary(utf8Type()) } },
  );
  const bytes = tableToIPC(table, { format });
  if (!bytes) throw new Error('no bytes');
  return bytes;
}

const EXPECTED = [
  ['P1', '2021-03-15', '2021-03-15T10:30:00', '3.5', 'RRMS'],
  ['P2', null, null, null, 'RRMS'],
  ['P3', '1999-12-31', '2000-01-01', '6', null],
];

describe('readArrow', () => {
  it('reads the Arrow file format: dates as ISO text', () => {
    const t = readArrow(ipc('file'), 'patients.arrow');
    expect(t.format).toBe('arrow');
    expect(headersOf(t)).toEqual(['patient_id', 'referral_date', 'seen_at', 'edss', 'ms_type']);
    expect(rowsOf(t)).toEqual(EXPECTED);
  });

  it('reads the Arrow stream format through readTabular', async () => {
    const t = await readTabular(ipc('stream'), 'patients.arrows');
    expect(t.format).toBe('arrow');
    expect(rowsOf(t)).toEqual(EXPECTED);
  });

  it('refuses a damaged file', () => {
    const bytes = ipc('file').slice(0, 40);
    expect(() => readArrow(bytes, 'cut.arrow')).toThrow(/could not be read as an Arrow file/);
  });
});
