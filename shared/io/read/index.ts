/**
 * One entry point for every file a person imports: checks the size, detects the format from the
 * bytes (not the name), and hands over to the matching reader. All readers return a RawTable.
 */
import { ImportError } from '../import-result';
import type { RawTable } from '../raw-table';
import { readArrow } from './arrow';
import { delimiterOf, detectFormat } from './detect';
import { readDelimited } from './delimited';
import { readParquet } from './parquet';
import { readWorkbook, type WorkbookOptions } from './xlsx';

/** Largest file the workbench reads (2 GiB): beyond this a browser cannot hold it in memory. */
export const MAX_FILE_BYTES = 2 * 1024 ** 3;

/** Options of readTabular: the reader options plus the workbook zip-bomb limits and a size limit (tests lower them). */
export interface TabularOptions extends WorkbookOptions {
  maxFileBytes?: number;
}

/** Refuse a file larger than the limit, naming the limit. */
export function checkFileSize(size: number, fileName: string, maxFileBytes = MAX_FILE_BYTES): void {
  if (size > maxFileBytes) {
    const gb = (n: number) => `${(n / 1024 ** 3).toFixed(1)} GB`;
    throw new ImportError(
      `"${fileName}" is ${gb(size)}, larger than the ${gb(maxFileBytes)} the workbench can read. Split the extract (for example by year or centre) or leave out columns you do not need, and import the parts.`,
      fileName,
      'too_large',
    );
  }
}

/** Read any supported file (CSV, TSV, semicolon, .xlsx, Parquet, Arrow) into raw columns. */
export async function readTabular(bytes: Uint8Array, fileName: string, options: TabularOptions = {}): Promise<RawTable> {
  checkFileSize(bytes.length, fileName, options.maxFileBytes);
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

export { detectFormat, detectDelimiter, delimiterOf, formatOfDelimiter, extensionOf, binaryReason } from './detect';
export type { Delimiter, TextFormat } from './detect';
export { readDelimited, createDelimitedReader, dedupeHeaders, PROGRESS_ROW_INTERVAL } from './delimited';
export type { DelimitedOptions, DelimitedReader } from './delimited';
export { sniffEncoding, toParseableBytes, isValidUtf8, decodeBytes } from './decode';
export type { TextEncoding } from './decode';
export { readWorkbook, listSheets, zipEntries, checkZipBomb, XLSX_LIMITS } from './xlsx';
export type { WorkbookOptions, WorkbookTable, ZipEntry } from './xlsx';
export { readParquet } from './parquet';
export { readArrow } from './arrow';
