import { describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/node';
import { checkFileSize, MAX_FILE_BYTES, readTabular } from '../../../../shared/io/read/index';
import { rowsOf, utf8 } from './helpers';

describe('readTabular', () => {
  it('dispatches text by its delimiter, whatever the name says', async () => {
    expect((await readTabular(utf8('a,b\n1,2\n'), 'x.txt')).format).toBe('csv');
    const tsv = await readTabular(utf8('a\tb\n1,5\t2\n'), 'x.csv');
    expect(tsv.format).toBe('tsv');
    expect(rowsOf(tsv)).toEqual([['1,5', '2']]);
    expect((await readTabular(utf8('a;b\n1;2\n'), 'x.csv')).format).toBe('semicolon');
  });

  it('dispatches an .xlsx by its zip signature', async () => {
    const buf = await writeXlsxFile([[{ value: 'a' }], [{ value: 1 }]] as never).toBuffer();
    const t = await readTabular(new Uint8Array(buf), 'export.dat');
    expect(t.format).toBe('xlsx');
    expect(rowsOf(t)).toEqual([['1']]);
  });

  it('refuses files over the size limit, naming the limit', async () => {
    await expect(readTabular(utf8('a,b\n1,2\n'), 'huge.csv', { maxFileBytes: 4 })).rejects.toMatchObject({ code: 'too_large' });
    expect(() => checkFileSize(3 * 1024 ** 3, 'huge.csv')).toThrow(/"huge\.csv" is 3\.0 GB, larger than the 2\.0 GB/);
    expect(MAX_FILE_BYTES).toBe(2 * 1024 ** 3);
  });

  it('refuses binary data and empty files with their codes', async () => {
    await expect(readTabular(new Uint8Array([0, 1, 2, 0, 0, 3, 0, 0, 0, 9]), 'x.csv')).rejects.toMatchObject({ code: 'binary' });
    await expect(readTabular(new Uint8Array(0), 'x.csv')).rejects.toMatchObject({ code: 'empty' });
  });
});
