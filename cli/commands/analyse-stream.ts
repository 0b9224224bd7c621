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
import { isAscii } from 'node:buffer';
import { open } from 'node:fs/promises';
import path from 'node:path';
import type { PipelineResult } from '../../shared/io/pipeline';
import { ScanFallback } from '../../shared/io/read/field-scan';
import { startStream } from '../../shared/analysis/stream/extract';
import type { StreamQuery } from '../../shared/analysis/stream/plan';
import { generatePseudonymKey } from '../../shared/privacy/pseudonymise';
import { MAX_FILE_BYTES } from '../../shared/io/read/index';

/** Bytes read at a time into the one buffer (grown only for a record longer than it). */
export const STREAM_BUFFER_BYTES = 4 << 20;

/** Node's own all-ASCII test (vectorised), several times faster than the scanner's portable one. */
function asciiOnly(buf: Uint8Array, start: number, end: number): boolean {
  return isAscii(buf.subarray(start, end));
}

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
    let buf = Buffer.allocUnsafe(STREAM_BUFFER_BYTES);
    let filled = 0;
    // The first read: enough for format detection and the header row.
    for (;;) {
      const { bytesRead } = await handle.read(buf, filled, buf.length - filled, null);
      filled += bytesRead;
      if (bytesRead === 0 || filled === buf.length) break;
    }
    let eof = filled < buf.length;
    const stream = await startStream(buf.subarray(0, filled), path.basename(file), eof ? filled : Math.max(size, filled + 1), query, query.runDate, asciiOnly);
    if ('fallback' in stream) return stream;
    let start = stream.bodyStart;
    for (;;) {
      const consumed = stream.push(buf, start, filled, eof);
      if (eof) break;
      const tail = filled - consumed;
      if (tail === buf.length) {
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, filled);
        buf = bigger;
      } else buf.copyWithin(0, consumed, filled);
      filled = tail;
      start = 0;
      const { bytesRead } = await handle.read(buf, filled, buf.length - filled, null);
      filled += bytesRead;
      if (bytesRead === 0) eof = true;
    }
    const extract = await stream.finish({ asOf: query.asOf, pseudonymKey: generatePseudonymKey() });
    return { extract };
  } catch (error) {
    if (error instanceof ScanFallback) return { fallback: error.reason };
    throw error;
  } finally {
    await handle.close();
  }
}
