/**
 * Gzipped text extracts (`extract.csv.gz`): inflated with fflate's streaming Gunzip straight into
 * the streaming delimited reader, so neither the compressed nor the inflated file is held whole.
 * Every inflated byte is metered: past MAX_INFLATED_BYTES the read stops (a "gzip bomb" never
 * reaches memory). Workbooks, Parquet and Arrow inside gzip are refused with what to do.
 */
import { Gunzip } from 'fflate';
import { bracketed, ImportError, libraryDetail } from '../import-result';
import { formatBytes, INFLATE_INPUT_CHUNK, MAX_INFLATED_BYTES } from '../limits';
import type { ReaderTable } from './notes';
import { createDelimitedReader, type DelimitedOptions, type DelimitedReader } from './delimited';
import { delimiterOf, detectFormat, DELIMITER_SAMPLE_BYTES } from './detect';

const GZIP_MAGIC = [0x1f, 0x8b];
/** Inflated over compressed size above which a gzipped extract is refused (text extracts compress ~5-15:1). */
export const GZIP_MAX_RATIO = 200;
/** The ratio is only judged past this many inflated bytes (16 MiB): tiny files vary. */
export const GZIP_RATIO_FLOOR_BYTES = 16 * 1024 ** 2;

/** True when the bytes start like a gzip file. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1];
}

/** Options of a gzipped read: the delimited options plus the inflation limit (tests lower it). */
export interface GzipOptions extends DelimitedOptions {
  maxInflatedBytes?: number;
}

/** The name of the file inside: "extract.csv.gz" -> "extract.csv". */
export function innerName(fileName: string): string {
  return fileName.replace(/\.(?:gz|gzip)$/i, '') || fileName;
}

/** Read a gzipped CSV/TSV/semicolon extract from its compressed chunks, inflating as they come. */
export async function readGzipped(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, fileName: string, options: GzipOptions = {}): Promise<ReaderTable> {
  const limit = options.maxInflatedBytes ?? MAX_INFLATED_BYTES;
  const inner = innerName(fileName);
  let inflated = 0;
  let compressed = 0;
  let head: Uint8Array[] = [];
  let headLength = 0;
  let reader: DelimitedReader | null = null;
  let failure: unknown = null;

  const begin = (final: boolean) => {
    const first = new Uint8Array(headLength);
    let o = 0;
    for (const h of head) {
      first.set(h, o);
      o += h.length;
    }
    head = [];
    const format = detectFormat(first, inner, final);
    if (format !== 'csv' && format !== 'tsv' && format !== 'semicolon') {
      throw new ImportError(
        `"${fileName}" is a gzipped ${format === 'xlsx' ? 'workbook' : format === 'parquet' ? 'Parquet file' : 'Arrow file'}; only gzipped CSV, TSV or semicolon text is read as it streams. Unzip it first (for example with 7-Zip or gunzip) and import the file inside.`,
        fileName,
        'unsupported_format',
      );
    }
    reader = createDelimitedReader(fileName, { ...options, delimiter: delimiterOf(format) }, 0);
    reader.push(first);
  };

  const gunzip = new Gunzip((data, final) => {
    if (failure) return;
    try {
      inflated += data.length;
      if (inflated > GZIP_RATIO_FLOOR_BYTES && inflated / Math.max(1, compressed) > GZIP_MAX_RATIO) {
        throw new ImportError(
          `"${fileName}" unpacks to over ${GZIP_MAX_RATIO} times its size (${formatBytes(inflated)} from ${formatBytes(compressed)} so far, measured while unpacking); extracts compress about 5-15 times. It may be a "gzip bomb" rather than an extract; if it is genuine, unzip it and import the file inside.`,
          fileName,
          'zip_bomb',
        );
      }
      if (inflated > limit) {
        throw new ImportError(
          `"${fileName}" unpacks to more than ${formatBytes(limit)}, the limit for a compressed extract (measured while unpacking). It may be a "gzip bomb" rather than an extract; if it is genuine, split the extract (for example by year) and import the parts.`,
          fileName,
          'zip_bomb',
        );
      }
      if (reader) reader.push(data);
      else {
        head.push(data.slice());
        headLength += data.length;
        if (headLength >= DELIMITER_SAMPLE_BYTES) begin(false);
      }
      if (final && !reader) begin(true);
    } catch (err) {
      failure = err;
    }
  });

  let pushed = false;
  try {
    for await (const chunk of chunks) {
      // Small pieces, so one push inflates to at most ~16 MiB before the meter sees it.
      for (let o = 0; o < chunk.length && !failure; o += INFLATE_INPUT_CHUNK) {
        const piece = chunk.subarray(o, Math.min(chunk.length, o + INFLATE_INPUT_CHUNK));
        compressed += piece.length;
        gunzip.push(piece, false);
        pushed = true;
      }
      if (failure) break;
    }
    if (!failure) gunzip.push(new Uint8Array(0), true);
  } catch (err) {
    if (!failure) {
      const detail = [libraryDetail(err), pushed ? null : 'no data'].filter((d) => d !== null).join(', ');
      failure = new ImportError(
        `"${fileName}" could not be unpacked as gzip${bracketed(detail)}: the file may be damaged or cut short. Download or copy it again, or unzip it and import the file inside.`,
        fileName,
        'corrupt_gzip',
      );
    }
  }
  if (failure) throw failure;
  if (!reader) begin(true);
  return (reader as unknown as DelimitedReader).finish();
}
