/**
 * The streamed path of `msvw analyse` (issue 12): the file is read through one reused buffer and
 * only the columns the measure, the grouping and the row exclusions need are kept
 * (shared/analysis/stream). It returns the same PipelineResult the in-memory path's loadExtract
 * does, over a narrower table, so everything after it (measure, analysis, output) is unchanged.
 *
 * It applies to plain UTF-8 (ASCII) delimited text with a patient-level header and a measure the
 * plan supports; otherwise, or when the scan meets anything it cannot read exactly as the full
 * reader would, it answers with the reason and analyse reads the file the usual way.
 * MSVW_STREAM=0 turns it off (tests compare both paths).
 */
import { open } from 'node:fs/promises';
import path from 'node:path';
import type { PipelineResult } from '../../shared/io/pipeline';
import { ScanFallback } from '../../shared/io/read/field-scan';
import { startStream } from '../../shared/analysis/stream/extract';
import type { StreamQuery } from '../../shared/analysis/stream/plan';
import { generatePseudonymKey } from '../../shared/privacy/pseudonymise';
import { MAX_IMPORT_BYTES as MAX_FILE_BYTES } from '../../shared/io/limits';
import { asciiOnly, pumpRange, readBuffer } from '../scan-range';
import { createRecordIndexer } from '../../shared/io/read/record-index';

/** Bytes read for the header row (the rest streams through scan-range.ts's one buffer). */
export const STREAM_BUFFER_BYTES = 4 << 20;

/** The streamed extract, or why the file must be read whole. */
export async function streamExtract(file: string, query: StreamQuery & { asOf?: number; runDate?: number }): Promise<{ extract: PipelineResult } | { fallback: string }> {
  if (process.env.MSVW_STREAM === '0') return { fallback: 'MSVW_STREAM=0' };
  let handle;
  try {
    handle = await open(file, 'r');
  } catch {
    return { fallback: 'the file cannot be opened here' };
  }
  try {
    const size = (await handle.stat()).size;
    if (!(size <= MAX_FILE_BYTES)) return { fallback: 'the file is over the size limit' };
    // The first read: enough for format detection and the header row.
    const head = Buffer.allocUnsafe(Math.min(STREAM_BUFFER_BYTES, size));
    let filled = 0;
    for (;;) {
      const { bytesRead } = await handle.read(head, filled, head.length - filled, filled);
      filled += bytesRead;
      if (bytesRead === 0 || filled === head.length) break;
    }
    const indexer = createRecordIndexer();
    const stream = await startStream(head.subarray(0, filled), path.basename(file), Math.max(size, filled), query, query.runDate, { isAscii: asciiOnly, indexer });
    if ('fallback' in stream) return stream;
    // Read straight into the record walker's memory (scan-range.ts readBuffer).
    const reuse = { buf: readBuffer(indexer, Math.min(STREAM_BUFFER_BYTES, Math.max(1, Math.max(size, filled) - stream.bodyStart))) };
    await pumpRange(handle.fd, stream.bodyStart, Math.max(size, filled), (buf, start, end, final) => stream.push(buf, start, end, final), reuse);
    const extract = await stream.finish({ asOf: query.asOf, pseudonymKey: generatePseudonymKey() });
    return { extract };
  } catch (error) {
    if (error instanceof ScanFallback) return { fallback: error.reason };
    throw error;
  } finally {
    await handle.close();
  }
}
