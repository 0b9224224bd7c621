import { describe, expect, it } from 'vitest';
import { zipSync } from 'fflate';
import writeXlsxFile from 'write-excel-file/node';
import { ImportError } from '../../../../shared/io/import-result';
import { checkZipBomb, listSheets, readWorkbook, unescapeXml, zipEntries } from '../../../../shared/io/read/xlsx';
import { headersOf, rowsOf, utf8 } from './helpers';

type SheetData = Parameters<typeof writeXlsxFile>[0];

async function workbook(sheets: { name: string; data: unknown[][] }[]): Promise<Uint8Array> {
  const buf = await writeXlsxFile(sheets.map((s) => ({ sheet: s.name, data: s.data })) as unknown as SheetData).toBuffer();
  return new Uint8Array(buf);
}

async function rejects(p: Promise<unknown>): Promise<ImportError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ImportError) return e;
    throw e;
  }
  throw new Error('expected an ImportError');
}

const d = (y: number, m: number, day: number) => new Date(Date.UTC(y, m - 1, day));

describe('readWorkbook', () => {
  it('round-trips a workbook: text, numbers, dates as ISO, booleans, blanks, two sheets', async () => {
    const bytes = await workbook([
      { name: 'Notes', data: [[{ value: 'not the data' }]] },
      {
        name: 'Audit',
        data: [
          [{ value: 'patient_id' }, { value: 'referral_date' }, { value: 'edss' }, { value: 'flag' }, { value: 'Ward & bed' }],
          [{ value: 'P1' }, { value: d(2021, 3, 15), format: 'dd/mm/yyyy' }, { value: 3.5 }, { value: true }, { value: '  padded  ' }],
          [{ value: 'P2' }, null, { value: 12000 }, { value: false }, null],
          [null, null, null, null, null],
          [{ value: 'P3' }, { value: d(1999, 12, 31), format: 'yyyy-mm-dd' }, null, null, { value: 'x' }],
        ],
      },
    ]);
    expect(listSheets(bytes, 'audit.xlsx')).toEqual(['Notes', 'Audit']);
    const t = await readWorkbook(bytes, 'audit.xlsx', { sheet: 'Audit' });
    expect(t.format).toBe('xlsx');
    expect(t.sheet).toBe('Audit');
    expect(t.sheets).toEqual(['Notes', 'Audit']);
    expect(headersOf(t)).toEqual(['patient_id', 'referral_date', 'edss', 'flag', 'Ward & bed']);
    expect(rowsOf(t)).toEqual([
      ['P1', '2021-03-15', '3.5', 'TRUE', 'padded'],
      ['P2', null, '12000', 'FALSE', null],
      ['P3', '1999-12-31', null, null, 'x'],
    ]);
    // The blank row 4 is skipped; row numbers are the sheet's.
    expect(Array.from(t.sourceRows)).toEqual([2, 3, 5]);
    // ...but counted as read and excluded as a blank row.
    expect(t.rowsRead).toBe(4);
    expect(t.readerExcluded).toEqual({ blank_row: 1 });
    expect(t.notes).toEqual([]);
  });

  it('reads the first sheet by default and names a missing sheet with the ones available', async () => {
    const bytes = await workbook([{ name: 'First', data: [[{ value: 'a' }], [{ value: 'b' }]] }, { name: 'Second', data: [[{ value: 'z' }]] }]);
    const t = await readWorkbook(bytes, 'x.xlsx');
    expect(t.sheet).toBe('First');
    expect(t.notes).toEqual(['Read sheet "First" because it holds the most data (2 values); the other sheets are "Second" (1 value). To read another, choose it in the sheet list (--sheet in msvw).']);
    expect(rowsOf(t)).toEqual([['b']]);
    const e = await rejects(readWorkbook(bytes, 'x.xlsx', { sheet: 'Third' }));
    expect(e.code).toBe('sheet_not_found');
    expect(e.message).toContain('"First", "Second"');
  });

  it('reads formula cells without a saved result as empty and notes them', async () => {
    const bytes = await workbook([
      {
        name: 'S',
        data: [
          [{ value: 'n' }, { value: 'double' }],
          [{ value: 2 }, { type: 'Formula', value: '=A2*2' }],
        ],
      },
    ]);
    const t = await readWorkbook(bytes, 'calc.xlsx');
    expect(rowsOf(t)).toEqual([['2', null]]);
    expect(t.notes).toHaveLength(1);
    expect(t.notes[0]).toMatch(/1 formula cell has no saved result/);
  });

  it('refuses a corrupt workbook with code corrupt_xlsx and a plain message', async () => {
    const good = await workbook([{ name: 'S', data: [[{ value: 'a' }], [{ value: 'b' }]] }]);
    const cut = good.slice(0, Math.floor(good.length / 2));
    const e1 = await rejects(readWorkbook(cut, 'broken.xlsx'));
    expect(e1.code).toBe('corrupt_xlsx');
    expect(e1.message).toMatch(/^"broken\.xlsx" could not be read as an Excel workbook/);

    const garbled = good.slice();
    for (let i = 100; i < garbled.length - 200; i += 7) garbled[i] ^= 0x5a;
    expect((await rejects(readWorkbook(garbled, 'garbled.xlsx'))).code).toBe('corrupt_xlsx');

    const notWorkbook = zipSync({ 'readme.txt': utf8('hello') });
    const e3 = await rejects(readWorkbook(notWorkbook, 'archive.xlsx'));
    expect(e3.code).toBe('corrupt_xlsx');
    expect(e3.message).toMatch(/not an Excel workbook/);
  });

  it('refuses a zip bomb before unpacking it', async () => {
    // 8 MB of zeros deflates to a few KB.
    const zeros = new Uint8Array(8 * 1024 * 1024);
    const bomb = zipSync({ 'xl/workbook.xml': utf8('<workbook/>'), 'xl/worksheets/sheet1.xml': zeros }, { level: 9 });
    expect(bomb.length).toBeLessThan(64 * 1024);
    const byTotal = await rejects(readWorkbook(bomb, 'bomb.xlsx', { maxUncompressedBytes: 4 * 1024 * 1024 }));
    expect(byTotal.code).toBe('zip_bomb');
    expect(byTotal.message).toMatch(/would unpack to 8\.0 MB, more than the 4\.0 MB limit/);
    const byRatio = await rejects(readWorkbook(bomb, 'bomb.xlsx', { ratioFloorBytes: 1024 * 1024 }));
    expect(byRatio.code).toBe('zip_bomb');
    expect(byRatio.message).toMatch(/times larger/);
  });
});

describe('zip helpers', () => {
  it('zipEntries lists names and declared sizes', () => {
    const z = zipSync({ 'a.xml': new Uint8Array(1000), 'dir/b.rels': utf8('x') }, { level: 6 });
    const entries = zipEntries(z, 'x.xlsx');
    expect(entries.map((e) => [e.name, e.uncompressedSize])).toEqual([['a.xml', 1000], ['dir/b.rels', 1]]);
    expect(() => checkZipBomb(entries, z.length, 'x.xlsx')).not.toThrow();
  });

  it('unescapeXml resolves entities', () => {
    expect(unescapeXml('Ward &amp; bed &lt;1&gt; &#163; &#x41;')).toBe('Ward & bed <1> £ A');
  });
});
