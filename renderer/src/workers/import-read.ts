/**
 * The import worker's reading step, apart from the worker so it can be tested in Node: a file is
 * checked against the one size limit before any byte is read, then streamed through
 * readTabularStream (CSV, TSV and semicolon text parsed chunk by chunk; workbooks, Parquet, Arrow
 * and gzip collected from the stream inside the reader, as they need the whole file), with
 * progress in bytes read so far.
 *
 * The file's fingerprint (SHA-256, kept with the stored dataset as its provenance) is computed as
 * the bytes pass, with @noble/hashes' incremental SHA-256 (pinned): Web Crypto's digest() needs
 * the whole file at once, which streaming exists to avoid. It costs about 5 ms per MB here.
 */
import { sha256 } from '@noble/hashes/sha2';
import { ImportError } from '../../../shared/io/import-result';
import type { ReadProgress } from '../../../shared/io/raw-table';
import { checkFileSize, readTabularStream, type ByteSource, type ReaderTable } from '../../../shared/io/read/index';
import type { ImportFile, ImportSource } from './import-protocol';

/** Bytes between two progress reports while the file streams in (plus one at the end). */
export const PROGRESS_BYTES = 1 << 20;

/** What reading a file gives the worker: the raw table, the file's fingerprint, the bytes read. */
export interface SourceRead {
  raw: ReaderTable;
  sha256: string;
  bytesRead: number;
}

/** Options of one read: the sheet or header row the person picked, and a lowered limit (tests). */
export interface SourceReadOptions {
  sheet?: string;
  headerRow?: number;
  maxFileBytes?: number;
}

/** The bytes of an import source as a stream, from the start. */
export function streamOf(source: ImportSource): ReadableStream<Uint8Array> {
  return source.kind === 'blob' ? source.blob.stream() : source.stream;
}

/** Hex of a digest. */
function hex(digest: Uint8Array): string {
  let out = '';
  for (let i = 0; i < digest.length; i++) out += digest[i].toString(16).padStart(2, '0');
  return out;
}

/** Refusal when a file yields other than the bytes it had when chosen. */
function changedWhileRead(file: ImportFile, bytesRead: number): ImportError {
  return new ImportError(
    `"${file.name}" gave ${bytesRead.toLocaleString('en-GB')} bytes, not the ${file.size.toLocaleString('en-GB')} it had when you chose it (it may have been edited since). Open the file again.`,
    file.name,
    'changed',
  );
}

/**
 * A byte source that fingerprints and counts what passes through it and reports progress. A
 * failure of the source itself (a file that could not be read, a window closed) becomes an
 * ImportError with the source's own message.
 */
class Meter {
  private readonly hash = sha256.create();
  private reported = 0;
  private done = false;
  bytesRead = 0;

  constructor(
    private readonly stream: ReadableStream<Uint8Array>,
    private readonly file: ImportFile,
    private readonly maxFileBytes: number | undefined,
    private readonly onProgress: (bytesRead: number) => void,
  ) {}

  async *chunks(): AsyncGenerator<Uint8Array> {
    const reader = this.stream.getReader();
    try {
      for (;;) {
        let next: ReadableStreamReadResult<Uint8Array>;
        try {
          next = await reader.read();
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          throw new ImportError(message || `"${this.file.name}" could not be read. Open it again.`, this.file.name, 'unreadable');
        }
        if (next.done) break;
        const chunk = next.value;
        this.hash.update(chunk);
        this.bytesRead += chunk.byteLength;
        // A file growing past the limit (or past the size it was chosen with) is refused as it grows.
        checkFileSize(this.bytesRead, this.file.name, this.maxFileBytes);
        if (this.bytesRead > this.file.size) throw changedWhileRead(this.file, this.bytesRead);
        if (this.bytesRead - this.reported >= PROGRESS_BYTES) {
          this.reported = this.bytesRead;
          this.onProgress(this.bytesRead);
        }
        yield chunk;
      }
      this.done = true;
    } finally {
      if (!this.done) await reader.cancel().catch(() => undefined);
      reader.releaseLock();
    }
  }

  /** After the reader: drain what it left unread (a reader may stop at a workbook's end), then the fingerprint. */
  async finish(rest: AsyncGenerator<Uint8Array>): Promise<string> {
    for await (const _chunk of { [Symbol.asyncIterator]: () => rest }) {
      // counted and hashed by chunks()
    }
    if (this.bytesRead !== this.file.size) throw changedWhileRead(this.file, this.bytesRead);
    return hex(this.hash.digest());
  }
}

/**
 * Read a file as it streams in: refuse it by size before reading, parse it with the streaming
 * reader, fingerprint it on the way. Progress events carry the bytes so far and the rows so far.
 */
export async function readSource(
  stream: ReadableStream<Uint8Array>,
  file: ImportFile,
  options: SourceReadOptions,
  onProgress: (progress: ReadProgress) => void,
): Promise<SourceRead> {
  checkFileSize(file.size, file.name, options.maxFileBytes);
  let rows = 0;
  let bytes = 0;
  const report = (bytesRead: number, rowsRead: number): void => {
    bytes = Math.max(bytes, Math.min(bytesRead, file.size));
    rows = Math.max(rows, rowsRead);
    onProgress({ bytesRead: bytes, bytesTotal: file.size, rows });
  };
  const meter = new Meter(stream, file, options.maxFileBytes, (bytesRead) => report(bytesRead, rows));
  const chunks = meter.chunks();
  const source: ByteSource = { [Symbol.asyncIterator]: () => chunks };
  let raw: ReaderTable;
  try {
    raw = await readTabularStream(source, file.name, file.size, {
      sheet: options.sheet,
      headerRow: options.headerRow,
      maxFileBytes: options.maxFileBytes,
      onProgress: (progress) => report(progress.bytesRead, progress.rows),
    });
  } catch (error) {
    await chunks.return(undefined);
    throw error;
  }
  const fingerprint = await meter.finish(chunks);
  report(meter.bytesRead, raw.rowsRead);
  return { raw, sha256: fingerprint, bytesRead: meter.bytesRead };
}
