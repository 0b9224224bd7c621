/**
 * Readers on extracts as trusts produce them, and on hostile input: the header below a title,
 * two-row headers, blank rows and stray quotes accounted, odd-length UTF-16, gzip streamed and
 * metered, workbook inflation metered and sheet extent checked before the library reads it.
 */
import { describe, expect, it } from 'vitest';
import { gzipSync, strToU8 } from 'fflate';
import { chooseHeaderRow } from '../../../../shared/io/read/header-row';
import { readDelimited } from '../../../../shared/io/read/delimited';
import { readTabular } from '../../../../shared/io/read/index';
import { readGzipped } from '../../../../shared/io/read/gzip';
import { readWorkbook } from '../../../../shared/io/read/xlsx';
import { ImportError } from '../../../../shared/io/import-result';
import { buildWorkbook, patchDeclaredSize, sheetXml, sparseSheetXml } from '../../../fixtures/bad/build-xlsx';
import { headersOf, rowsOf } from './helpers';

const utf8 = (s: string) => new TextEncoder().encode(s);
async function rejects(p: Promise<unknown>): Promise<ImportError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ImportError) return e;
    throw e;
  }
  throw new Error('expected an ImportError');
}

describe('chooseHeaderRow', () => {
  it('skips a title and a date line above the header', () => {
    const c = chooseHeaderRow([['MS audit extract'], ['Run on 01/04/2025'], [], ['centre', 'referral', 'seen'], ['RTH', '01/01/2025', '02/02/2025'], ['RGT', '01/01/2025', null]]);
    expect(c?.index).toBe(3);
    expect(c?.belowTitle).toBe(true);
  });
  it('keeps the first row when it is the header, even with a ragged data row', () => {
    expect(chooseHeaderRow([['a', 'b', 'c'], ['1', '2', '3'], ['1', '2', '3', '4'], ['1', '2', '3']])?.index).toBe(0);
  });
  it('takes the lower row of a two-row header and says the upper is a group heading', () => {
    const c = chooseHeaderRow([['Dates', null, 'Treatment', null], ['referral', 'seen', 'dmt', 'start'], ['2025-01-01', '2025-02-01', 'Ocrelizumab', '2025-03-01']]);
    expect(c).toMatchObject({ index: 1, groupHeading: true });
  });
  it('does not take a row of numbers for the header', () => {
    expect(chooseHeaderRow([['Report'], ['1', '2', '3'], ['4', '5', '6']])?.index).toBe(0);
  });
});

describe('delimited reader on real-world text', () => {
  it('finds the header below title rows and names them in a note; --header-row overrides', () => {
    const text = 'MS audit extract Q1\nProduced by BI\n\ncentre_code,referral_date\nRTH,2025-01-01\nRGT,2025-01-02\n';
    const t = readDelimited(utf8(text), 'x.csv');
    expect(headersOf(t)).toEqual(['centre_code', 'referral_date']);
    expect(t.headerRow).toBe(4);
    expect(t.rowsRead).toBe(2);
    expect(t.notes[0]).toMatch(/^The header is on row 4 of "x\.csv": the rows above it \(starting "MS audit extract Q1"\)/);
    const given = readDelimited(utf8(text), 'x.csv', { headerRow: 2 });
    expect(headersOf(given)).toEqual(['Produced by BI']);
    expect(given.notes[0]).toBe('The header was read from row 2 of "x.csv", as chosen.');
    expect(() => readDelimited(utf8(text), 'x.csv', { headerRow: 40 })).toThrow('"x.csv": the header row was set to row 40, but the file has only 6 lines. Give the row that holds the column names.');
  });

  it('an unterminated quote on row 6 of 1,001 costs one row, not the 995 after it', () => {
    const lines = ['id,centre'];
    for (let i = 1; i <= 1000; i++) lines.push(i === 5 ? `${i},"RTH` : `${i},RTH`);
    const t = readDelimited(utf8(lines.join('\n') + '\n'), 'q.csv');
    expect(t.rowsRead).toBe(1000);
    expect(t.rowCount).toBe(999);
    expect(t.readerErrors).toEqual([expect.objectContaining({ row: 6, reason: 'unterminated_quote' })]);
  });

  it('an odd-length UTF-16 file has no phantom row, and says so', () => {
    const body = [...'a,b\r\n1,2\r\n'].flatMap((ch) => [ch.charCodeAt(0), 0]);
    const t = readDelimited(new Uint8Array([0xff, 0xfe, ...body, 0x41]), 'u.csv');
    expect(rowsOf(t)).toEqual([['1', '2']]);
    expect(t.rowsRead).toBe(1);
    expect(t.notes.join(' ')).toMatch(/ends with half a character/);
  });

  it('refuses a header wider than 2,000 columns or longer than 1 MB, naming the row', () => {
    expect(() => readDelimited(utf8(`${Array.from({ length: 2001 }, (_v, i) => `c${i}`).join(',')}\n`), 'w.csv')).toThrow(/row 1: the header has more than 2,000 columns/);
    expect(() => readDelimited(new Uint8Array(2 * 1024 * 1024).fill(0x61), 'h.csv')).toThrow(/row 1: the header row runs past 1,024 KB/);
  });
});

describe('.csv.gz', () => {
  it('reads a gzipped extract as it streams', async () => {
    const t = await readTabular(gzipSync(utf8('centre_code,x\nRTH,1\nRGT,2\n')), 'e.csv.gz');
    expect(t.format).toBe('csv');
    expect(rowsOf(t)).toEqual([['RTH', '1'], ['RGT', '2']]);
  });
  it('stops a gzip bomb by the inflated size, as it inflates', async () => {
    const bomb = gzipSync(utf8(`centre_code,x\n${'RTH,1\n'.repeat(400_000)}`), { level: 9 });
    const e = await rejects(readGzipped([bomb], 'b.csv.gz', { maxInflatedBytes: 1024 * 1024 }));
    expect(e.code).toBe('zip_bomb');
    expect(e.message).toMatch(/unpacks to more than 1\.0 MB/);
  });
  it('refuses a truncated gzip file with what to do', async () => {
    const gz = gzipSync(utf8('centre_code,x\n' + 'RTH,1\n'.repeat(1000)));
    const e = await rejects(readTabular(gz.subarray(0, gz.length >> 1), 'c.csv.gz'));
    expect(e.code).toBe('corrupt_gzip');
  });
});

describe('workbooks: extent and inflation checked before the library reads them', () => {
  it('refuses a cell at XFD1048576, naming it', async () => {
    const wb = buildWorkbook([{ name: 'Data', xml: sparseSheetXml([[1, 'A', 'centre_code'], [2, 'A', 'RTH'], [1_048_576, 'XFD', 1]]) }]);
    const e = await rejects(readWorkbook(wb, 'far.xlsx'));
    expect(e.code).toBe('too_many_columns');
    expect(e.message).toMatch(/XFD1048576/);
  });
  it('stops an archive that lies about its sizes while inflating it', async () => {
    const xml = new Uint8Array(20 * 1024 * 1024).fill(0x20);
    xml.set(strToU8('<worksheet><sheetData>'));
    const lying = patchDeclaredSize(buildWorkbook([{ name: 'Data', xml }], 9), 'xl/worksheets/sheet1.xml', 100);
    const e = await rejects(readWorkbook(lying, 'lying.xlsx'));
    expect(e.code).toBe('zip_bomb');
    expect(e.message).toMatch(/measured while unpacking/);
  });
  it('opens the data sheet behind a notes sheet and finds its header below a title', async () => {
    const wb = buildWorkbook([
      { name: 'Notes', xml: sheetXml([['About'], ['Run by BI']]) },
      { name: 'Data', xml: sheetXml([['Extract title'], [], ['centre_code', 'n'], ['RTH', 1], ['RGT', 2], [null, null], ['RRV', 3]]) },
    ]);
    const t = await readWorkbook(wb, 'trust.xlsx');
    expect(t.sheet).toBe('Data');
    expect(t.headerRow).toBe(3);
    expect(rowsOf(t)).toEqual([['RTH', '1'], ['RGT', '2'], ['RRV', '3']]);
    expect(t.rowsRead).toBe(4);
    expect(t.readerExcluded).toEqual({ blank_row: 1 });
    expect(t.notes[0]).toMatch(/^Read sheet "Data" because it holds the most data \(9 values\); the other sheets are "Notes" \(2 values\)/);
  });
});
