/**
 * One entry point for every file a person imports: checks the size, detects the format from the
 * bytes (not the name), and hands over to the matching reader. All readers return a RawTable.
 */
import { ImportError } from '../import-result';
import type { ReaderTable } from './notes';
import { readArrow } from './arrow';
import { DELIMITER_SAMPLE_BYTES, delimiterOf, detectFormat } from './detect';
import { createDelimitedReader, readDelimited } from './delimited';
import { readParquet } from './parquet';
import { readWorkbook, type WorkbookOptions } from './xlsx';
import { isGzip, readGzipped, type GzipOptions } from './gzip';
import { MAX_IMPORT_BYTES, tooLargeMessage } from '../limits';
import { joinChunks } from '../bytes';

/** Largest file the workbench reads: the one limit of core, web build and Electron (shared/io/limits.ts). */
export const MAX_FILE_BYTES = MAX_IMPORT_BYTES;

/** Options of readTabular: the reader options plus the workbook zip-bomb limits and a size limit (tests lower them). */
export interface TabularOptions extends WorkbookOptions, GzipOptions {
  maxFileBytes?: number;
}

/** Bytes handed to a streaming reader at a time when the whole file is already in memory. */
const SLICE_BYTES = 1 << 20;

/** A whole file as slices, for the streaming readers. */
function* slices(bytes: Uint8Array): Generator<Uint8Array> {
  for (let o = 0; o < bytes.length; o += SLICE_BYTES) yield bytes.subarray(o, Math.min(bytes.length, o + SLICE_BYTES));
}

/** Refuse a file larger than the limit, naming the limit. */
export function checkFileSize(size: number, fileName: string, maxFileBytes = MAX_FILE_BYTES): void {
  if (size > maxFileBytes) {
    throw new ImportError(tooLargeMessage(fileName, size, maxFileBytes), fileName, 'too_large');
  }
}

/** Read any supported file (CSV, TSV, semicolon, .xlsx, Parquet, Arrow) into raw columns. */
export async function readTabular(bytes: Uint8Array, fileName: string, options: TabularOptions = {}): Promise<ReaderTable> {
  checkFileSize(bytes.length, fileName, options.maxFileBytes);
  if (isGzip(bytes)) return readGzipped(slices(bytes), fileName, options);
  const format = detectFormat(bytes, fileName);
  switch (format) {
    case 'xlsx':
      return readWorkbook(bytes, fileName, options);
    case 'parquet':
      return readParquet(bytes, fileName, options);
    case 'arrow':
      return readArrow(bytes, fileName, options);
    default:
      return readDelimited(bytes, fileName, { ...options, delimiter: delimiterOf(format) });
  }
}

/** Chunks of a file: a web ReadableStream (File.stream()) or any async iterable of bytes. */
export type ByteSource = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

/** The chunks of a byte source, one at a time. */
async function* chunksOf(source: ByteSource): AsyncGenerator<Uint8Array> {
  if (Symbol.asyncIterator in source) {
    yield* source as AsyncIterable<Uint8Array>;
    return;
  }
  const reader = (source as ReadableStream<Uint8Array>).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/**
 * Read a file as it streams in (e.g. `file.stream()`): CSV/TSV/semicolon text is parsed chunk by
 * chunk, so the whole file never sits in memory (peak memory stays under twice the file size);
 * workbooks, Parquet and Arrow need the whole file and are collected first. `size` is the file size.
 */
export async function readTabularStream(source: ByteSource, fileName: string, size: number, options: TabularOptions = {}): Promise<ReaderTable> {
  checkFileSize(size, fileName, options.maxFileBytes);
  const chunks = chunksOf(source);
  const head: Uint8Array[] = [];
  let headLength = 0;
  let ended = false;
  while (headLength < DELIMITER_SAMPLE_BYTES) {
    const next = await chunks.next();
    if (next.done) {
      ended = true;
      break;
    }
    head.push(next.value);
    headLength += next.value.length;
  }
  const first = joinChunks(head, headLength);
  if (isGzip(first)) {
    const rest = async function* (): AsyncGenerator<Uint8Array> {
      yield first;
      if (ended) return;
      for await (const chunk of { [Symbol.asyncIterator]: () => chunks }) {
        count(chunk);
        yield chunk;
      }
    };
    let total = headLength;
    const count = (chunk: Uint8Array) => {
      total += chunk.length;
      checkFileSize(total, fileName, options.maxFileBytes);
    };
    return readGzipped(rest(), fileName, options);
  }
  const format = detectFormat(first, fileName, ended);
  let total = headLength;
  const count = (chunk: Uint8Array) => {
    total += chunk.length;
    checkFileSize(total, fileName, options.maxFileBytes);
  };
  if (format === 'csv' || format === 'tsv' || format === 'semicolon') {
    const reader = createDelimitedReader(fileName, { ...options, delimiter: delimiterOf(format) }, Math.max(size, headLength));
    reader.push(first);
    if (!ended) {
      for await (const chunk of { [Symbol.asyncIterator]: () => chunks }) {
        count(chunk);
        reader.push(chunk);
      }
    }
    return reader.finish();
  }
  const all: Uint8Array[] = [first];
  if (!ended) {
    for await (const chunk of { [Symbol.asyncIterator]: () => chunks }) {
      count(chunk);
      all.push(chunk);
    }
  }
  return readTabular(joinChunks(all, total), fileName, options);
}

export { detectFormat, detectDelimiter, delimiterOf, formatOfDelimiter, extensionOf, binaryReason } from './detect';
export type { Delimiter, TextFormat } from './detect';
export { readDelimited, createDelimitedReader, dedupeHeaders, PROGRESS_ROW_INTERVAL } from './delimited';
export type { DelimitedOptions, DelimitedReader } from './delimited';
export { sniffEncoding, toParseableBytes, isValidUtf8, decodeBytes } from './decode';
export type { TextEncoding } from './decode';
export { readWorkbook, listSheets, zipEntries, checkZipBomb, XLSX_LIMITS } from './xlsx';
export type { WorkbookOptions, WorkbookTable, ZipEntry } from './xlsx';
export { readParquet } from './parquet';
export { readerNotes } from './notes';
export type { ReaderTable } from './notes';
export { readArrow } from './arrow';
export { isGzip, readGzipped, innerName } from './gzip';
export { chooseHeaderRow, headerNote } from './header-row';
