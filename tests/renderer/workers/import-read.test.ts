/**
 * The import worker's streamed read gives the same dataset as reading the whole file did: on the
 * messy fixtures (bad encodings, ragged rows, duplicate headers, identifiers, a workbook, Parquet,
 * gzip), streamed in awkward chunk sizes, the raw table, the imported dataset (mapping, typed
 * columns, row accounting) and the SHA-256 fingerprint all match the whole-bytes path, and
 * failures fail with the same message. Also: the size limit is checked before any byte is read,
 * progress counts bytes, and a file that changes while read is refused.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'fflate';
import { describe, expect, it, vi } from 'vitest';
import { readSource, streamOf } from '../../../renderer/src/workers/import-read';
import { readTabular } from '../../../shared/io/read/index';
import { importExtract } from '../../../shared/io/pipeline';
import { sha256Hex } from '../../../shared/data/hash';
import type { ReadProgress } from '../../../shared/io/raw-table';
import { tooLargeMessage } from '../../../shared/io/limits';

/** A stream of `bytes` in chunks of `size` (the last shorter), as a File or a transferred stream gives them. */
function chunked(bytes: Uint8Array, size: number): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.length) {
        controller.close();
        return;
      }
      controller.enqueue(bytes.slice(offset, offset + size));
      offset += size;
    },
  });
}

const KEY = new Uint8Array(32).fill(7);
const AS_OF = Date.UTC(2026, 0, 15);

/** The outcome of a read and import: the dataset, or the failure's message. */
async function outcome(read: () => Promise<Parameters<typeof importExtract>[0]>, fileName: string) {
  try {
    const raw = await read();
    const result = await importExtract(raw, fileName, { pseudonymKey: KEY, asOf: AS_OF });
    return { raw, result };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

const fixtures: { name: string; bytes: Uint8Array }[] = [
  ...readdirSync('tests/fixtures/bad')
    .filter((f) => !f.endsWith('.ts'))
    .map((f) => ({ name: f, bytes: new Uint8Array(readFileSync(path.join('tests/fixtures/bad', f))) })),
  ...['audit-sample.csv', 'audit-sample.xlsx', 'kpi-sample.csv'].map((f) => ({ name: f, bytes: new Uint8Array(readFileSync(path.join('samples/data', f))) })),
  { name: 'patients.parquet', bytes: new Uint8Array(readFileSync('tests/fixtures/read/patients.parquet')) },
  { name: 'kpi-sample.csv.gz', bytes: gzipSync(new Uint8Array(readFileSync('samples/data/kpi-sample.csv'))) },
];

describe('streamed import equals the whole-file import', () => {
  for (const { name, bytes } of fixtures) {
    // Small files in 7-byte chunks (every boundary case: inside quotes, CRLF, multibyte characters), large ones in odd 64 KiB-ish chunks.
    const chunkSize = bytes.length < 200_000 ? 7 : 65_521;
    it(`${name} (${bytes.length} bytes, ${chunkSize}-byte chunks)`, async () => {
      const whole = await outcome(() => readTabular(bytes, name), name);
      let sha256 = '';
      const progress: ReadProgress[] = [];
      const streamed = await outcome(async () => {
        const read = await readSource(chunked(bytes, chunkSize), { name, size: bytes.length }, {}, (p) => progress.push(p));
        sha256 = read.sha256;
        expect(read.bytesRead).toBe(bytes.length);
        return read.raw;
      }, name);
      expect(streamed).toEqual(whole);
      if (!('error' in whole)) {
        expect(sha256).toBe(await sha256Hex(bytes));
        expect(progress.at(-1)).toEqual({ bytesRead: bytes.length, bytesTotal: bytes.length, rows: whole.raw.rowsRead });
        for (let i = 1; i < progress.length; i++) {
          expect(progress[i].bytesRead).toBeGreaterThanOrEqual(progress[i - 1].bytesRead);
          expect(progress[i].rows).toBeGreaterThanOrEqual(progress[i - 1].rows);
        }
      }
    }, 60_000);
  }

  it('reads another sheet, and the header on another row, from a fresh stream as the whole-file reader does', async () => {
    const xlsx = new Uint8Array(readFileSync('samples/data/audit-sample.xlsx'));
    const whole = await readTabular(xlsx, 'audit-sample.xlsx');
    const other = (whole.sheets ?? []).find((sheet) => sheet !== whole.sheet);
    expect(other).toBeDefined();
    for (const sheet of [other!]) {
      const expected = await readTabular(xlsx, 'audit-sample.xlsx', { sheet });
      const { raw } = await readSource(chunked(xlsx, 4096), { name: 'audit-sample.xlsx', size: xlsx.length }, { sheet }, () => {});
      expect(raw).toEqual(expected);
    }
    const csv = new Uint8Array(readFileSync('samples/data/kpi-sample.csv'));
    const expected = await readTabular(csv, 'kpi-sample.csv', { headerRow: 2 });
    const { raw } = await readSource(chunked(csv, 1000), { name: 'kpi-sample.csv', size: csv.length }, { headerRow: 2 }, () => {});
    expect(raw).toEqual(expected);
  });

  it('streams a Blob source (a browser File) with blob.stream()', async () => {
    const csv = new Uint8Array(readFileSync('samples/data/kpi-sample.csv'));
    const { raw, sha256 } = await readSource(streamOf({ kind: 'blob', blob: new Blob([csv]) }), { name: 'kpi.csv', size: csv.length }, {}, () => {});
    expect(raw).toEqual(await readTabular(csv, 'kpi.csv'));
    expect(sha256).toBe(await sha256Hex(csv));
  });
});

describe('limits and changes while reading', () => {
  it('refuses a file over the limit by its size, in the one sentence, before pulling a byte', async () => {
    const pull = vi.fn();
    const stream = new ReadableStream<Uint8Array>({ pull }, { highWaterMark: 0 });
    await expect(readSource(stream, { name: 'national.csv', size: 401 * 1024 * 1024 }, {}, () => {})).rejects.toThrow(
      tooLargeMessage('national.csv', 401 * 1024 * 1024),
    );
    expect(pull).not.toHaveBeenCalled();
  });

  it('stops reading a file that grows past the size it was chosen with (so never past the limit)', async () => {
    const bytes = new TextEncoder().encode('a,b\n1,2\n'.repeat(1000));
    let pulls = 0;
    const stream = chunked(bytes, 64);
    const counted = stream.pipeThrough(new TransformStream<Uint8Array, Uint8Array>({ transform: (chunk, controller) => { pulls++; controller.enqueue(chunk); } }));
    await expect(readSource(counted, { name: 'grows.csv', size: 100 }, { maxFileBytes: 200 }, () => {})).rejects.toThrow(/^"grows\.csv" gave 128 bytes, not the 100 it had when you chose it/);
    expect(pulls).toBeLessThan(10);
  });

  it('refuses a file that yields more or fewer bytes than it had when chosen', async () => {
    const bytes = new TextEncoder().encode('centre,n\nA,3\nB,4\n');
    await expect(readSource(chunked(bytes, 4), { name: 'longer.csv', size: bytes.length - 3 }, {}, () => {})).rejects.toThrow(/"longer\.csv" gave 16 bytes, not the 14 it had when you chose it/);
    await expect(readSource(chunked(bytes, 4), { name: 'shorter.csv', size: bytes.length + 3 }, {}, () => {})).rejects.toThrow(/"shorter\.csv" gave 17 bytes, not the 20 it had when you chose it .* Open the file again\./);
  });

  it('passes a failing source\'s own message on as an ImportError (no stack, no wrapper)', async () => {
    let sent = false;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (!sent) {
          sent = true;
          controller.enqueue(new TextEncoder().encode('centre,n\n'));
          return;
        }
        controller.error(new Error('"x.csv" changed after you chose it, so the workbench stopped reading it. Open the file again.'));
      },
    });
    const error = await readSource(stream, { name: 'x.csv', size: 1000 }, {}, () => {}).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ImportError', code: 'unreadable', message: '"x.csv" changed after you chose it, so the workbench stopped reading it. Open the file again.' });
  });
});
