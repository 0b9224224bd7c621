/**
 * Parquet reader on hyparquet (pure JavaScript; uncompressed, Snappy, and here GZIP through
 * fflate). Dates and timestamps become ISO text so typing reads them like any other extract.
 * Correctness over speed: rows are materialised, then dictionary-encoded per column.
 */
import { gunzipSync } from 'fflate';
import { parquetMetadata, parquetRead, parquetSchema, type FileMetaData } from 'hyparquet';
import { bracketed, ImportError, libraryDetail } from '../import-result';
import type { ReadOptions } from '../raw-table';
import type { ReaderTable } from './notes';
import { checkpoint, checkTableSize, isoFromMillis, tableFromColumns, textOfValue } from './columns';
import { formatBytes, MAX_INFLATED_BYTES } from '../limits';

const MS_PER_DAY = 86_400_000;

/** Codecs hyparquet reads itself, plus the ones added here. */
const COMPRESSORS = {
  GZIP: (input: Uint8Array, outputLength: number) => {
    // The page header's declared size sizes the buffer: refuse an absurd one before allocating it.
    if (!(outputLength >= 0 && outputLength <= MAX_INFLATED_BYTES)) throw new Error(`a page declares ${outputLength} bytes unpacked, beyond the ${MAX_INFLATED_BYTES}-byte limit`);
    return gunzipSync(input, { out: new Uint8Array(outputLength) });
  },
};

/** Date and timestamp values as ISO text (yyyy-mm-dd, with a time part when not midnight UTC). */
const PARSERS = {
  dateFromDays: (days: number) => isoFromMillis(days * MS_PER_DAY),
  timestampFromMilliseconds: (ms: bigint) => isoFromMillis(Number(ms)),
  timestampFromMicroseconds: (us: bigint) => isoFromMillis(Number(us / 1000n)),
  timestampFromNanoseconds: (ns: bigint) => isoFromMillis(Number(ns / 1_000_000n)),
};

/** The whole file as an ArrayBuffer of its own (hyparquet reads slices of it). */
function ownBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer
    ? bytes.buffer
    : (bytes.slice().buffer as ArrayBuffer);
}

/** Read a Parquet file's top-level columns as raw columns (nested values become JSON text). */
export async function readParquet(bytes: Uint8Array, fileName: string, options: ReadOptions = {}): Promise<ReaderTable> {
  const file = ownBuffer(bytes);
  let metadata: FileMetaData;
  try {
    metadata = parquetMetadata(file);
  } catch (err) {
    throw new ImportError(
      `"${fileName}" could not be read as a Parquet file: it is damaged or cut short${bracketed(libraryDetail(err))}. Export it again (or as CSV) and import that.`,
      fileName,
      'corrupt_parquet',
    );
  }
  const headers = parquetSchema(metadata).children.map((c) => c.element.name);
  checkTableSize('Parquet', fileName, headers.length, Number(metadata.num_rows));
  const declared = metadata.row_groups.reduce((sum, g) => sum + g.columns.reduce((t, c) => t + Number(c.meta_data?.total_uncompressed_size ?? 0), 0), 0);
  if (declared > MAX_INFLATED_BYTES) {
    throw new ImportError(`"${fileName}" would unpack to ${formatBytes(declared)}, more than the ${formatBytes(MAX_INFLATED_BYTES)} the workbench reads from a Parquet file. Filter or split the extract (or export CSV) and import that.`, fileName, 'too_large');
  }
  checkpoint(options, fileName, 0, bytes.length);
  let rows: unknown[][] = [];
  try {
    await parquetRead({
      file,
      metadata,
      columns: headers,
      compressors: COMPRESSORS,
      parsers: PARSERS,
      rowFormat: 'array',
      onComplete: (data: unknown[][]) => {
        rows = data;
      },
    });
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    const codec = /unsupported compression codec: (\w+)/.exec(detail);
    if (codec) {
      throw new ImportError(
        `"${fileName}" uses ${codec[1]} compression, which the workbench cannot read. Write it again with Snappy or GZIP compression (or export CSV) and import that.`,
        fileName,
        'unsupported_parquet_codec',
      );
    }
    throw new ImportError(`"${fileName}" could not be read as a Parquet file: it is damaged or cut short${bracketed(libraryDetail(err))}. Export it again (or as CSV) and import that.`, fileName, 'corrupt_parquet');
  }
  return tableFromColumns('parquet', headers, rows.length, (c, r) => textOfValue(rows[r][c]), fileName, options, bytes.length);
}
