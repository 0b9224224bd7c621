import { describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/node';
import { checkFileSize, MAX_FILE_BYTES, readTabular, readTabularStream } from '../../../../shared/io/read/index';
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
    expect(() => checkFileSize(3 * 1024 ** 3, 'huge.csv')).toThrow(/"huge\.csv" is 3\.0 GB, larger than the 400 MB/);
    expect(MAX_FILE_BYTES).toBe(400 * 1024 ** 2);
  });

  it('refuses binary data and empty files with their codes', async () => {
    await expect(readTabular(new Uint8Array([0, 1, 2, 0, 0, 3, 0, 0, 0, 9]), 'x.csv')).rejects.toMatchObject({ code: 'binary' });
    await expect(readTabular(new Uint8Array(0), 'x.csv')).rejects.toMatchObject({ code: 'empty' });
  });
});

/** A ReadableStream of the bytes in chunks of `size`. */
function streamOf(bytes: Uint8Array, size: number): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at >= bytes.length) controller.close();
      else {
        controller.enqueue(bytes.slice(at, at + size));
        at += size;
      }
    },
  });
}

describe('readTabularStream', () => {
  const csv = () => {
    const lines = ['id;v'];
    for (let i = 0; i < 20_000; i++) lines.push(`P${i};${i % 7}`);
    return utf8(lines.join('\n'));
  };

  it('parses text chunk by chunk and gives the same table as a whole read', async () => {
    const bytes = csv();
    const whole = await readTabular(bytes, 'x.csv');
    const streamed = await readTabularStream(streamOf(bytes, 10_000), 'x.csv', bytes.length);
    expect(streamed.format).toBe('semicolon');
    expect(rowsOf(streamed)).toEqual(rowsOf(whole));
    async function* gen() {
      for (let i = 0; i < bytes.length; i += 3333) yield bytes.subarray(i, i + 3333);
    }
    expect(rowsOf(await readTabularStream(gen(), 'x.csv', bytes.length))).toEqual(rowsOf(whole));
  });

  it('collects a workbook before reading it', async () => {
    const buf = new Uint8Array(await writeXlsxFile([[{ value: 'a' }], [{ value: 'b' }]] as never).toBuffer());
    const t = await readTabularStream(streamOf(buf, 500), 'x.xlsx', buf.length);
    expect(t.format).toBe('xlsx');
    expect(rowsOf(t)).toEqual([['b']]);
  });

  it('stops a stream that turns out larger than the limit', async () => {
    const bytes = csv();
    await expect(readTabularStream(streamOf(bytes, 50_000), 'x.csv', 10, { maxFileBytes: 100_000 })).rejects.toMatchObject({ code: 'too_large' });
  });
});
