/**
 * What a file reader hands on before mapping and validation: every source column as
 * dictionary-encoded text (one code per row, one string per distinct value), so typing works
 * on distinct values rather than on every cell. CSV/TSV, XLSX, Parquet and Arrow readers all
 * produce this shape; mapping, typing, validation and the identifier guard consume it.
 */
import type { FileFormat } from './import-result';

/** One source column: codes[row] indexes dictionary; -1 means an empty cell. */
export interface RawColumn {
  header: string;
  codes: Int32Array;
  dictionary: string[];
}

/** A row the reader could not use at all (ragged, unterminated quote...). 1-based file row. */
export interface ReaderRowError {
  row: number;
  reason: string;
  message: string;
}

export interface RawTable {
  format: FileFormat;
  /** Sheet read, for workbooks. */
  sheet?: string;
  /** Sheets available, for workbooks (the sheet picker lists them). */
  sheets?: string[];
  /** Encoding detected for text files, e.g. "utf-8", "utf-16le", "windows-1252". */
  encoding?: string;
  /** Data rows read (excluding the header), including rows the reader rejected. */
  rowsRead: number;
  /** Columns over the rows the reader accepted (rowsRead - readerErrors.length rows). */
  rowCount: number;
  columns: RawColumn[];
  /** For each accepted row, its 1-based row number in the file (for messages). */
  sourceRows: Int32Array;
  /** Rows rejected by the reader, each with its reason; counted as excluded. */
  readerErrors: ReaderRowError[];
  /**
   * Rows the reader read and excluded without listing each one, by reason: blank rows
   * ("blank_row"), and rejections past READER_ERROR_CAP. rowCount + readerErrors.length + the sum
   * of these is rowsRead.
   */
  readerExcluded?: Record<string, number>;
  /** 1-based row of the file or sheet the header was read from. */
  headerRow?: number;
}

/** Reader rejections listed one by one (each with its message); the rest are only counted. */
export const READER_ERROR_CAP = 10_000;

/** Reason of a row with no value in any column: read, counted, and excluded. */
export const BLANK_ROW = 'blank_row';

/** Progress reported while reading: bytes consumed and rows parsed so far. */
export interface ReadProgress {
  bytesRead: number;
  bytesTotal: number;
  rows: number;
}

export interface ReadOptions {
  /** Workbook sheet to read (default: the sheet holding the most values). */
  sheet?: string;
  /** 1-based row of the file or sheet that holds the header (default: found from the values). */
  headerRow?: number;
  onProgress?: (progress: ReadProgress) => void;
  /** Checked between chunks; when it returns true the reader throws ImportError code "cancelled". */
  isCancelled?: () => boolean;
}
