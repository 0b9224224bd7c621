/**
 * Reading one byte range of a file through one reused buffer into a streamed tally
 * (shared/analysis/stream/aggregate.ts): used by `msvw analyse` for its own range and by the scan
 * worker (cli/scan-worker.ts) for the other.
 */
import { isAscii } from 'node:buffer';
import { open, type FileHandle } from 'node:fs/promises';
import { TallyScan, type AggregatePlan, type TallyOptions, type TallyPart } from '../shared/analysis/stream/aggregate';

/** Bytes read at a time into the one buffer (grown only for a record longer than it). */
export const RANGE_BUFFER_BYTES = 4 << 20;

/** What a range scan needs: the file, the range, and how to read it. */
export interface RangeJob {
  file: string;
  /** First byte of the range (a record start) and the byte after its end (a record end, or the file's end). */
  from: number;
  to: number;
  plan: AggregatePlan;
  options: TallyOptions;
  delimiter: number;
  firstLine: number;
  /** The main thread's performance.timeOrigin (MSVW_TRACE timings). */
  processStart?: number;
}

/** Node's own all-ASCII test (vectorised), several times faster than the scanner's portable one. */
export function asciiOnly(buf: Uint8Array, start: number, end: number): boolean {
  return isAscii(buf.subarray(start, end));
}

/**
 * Tally the records of bytes [from, to). The range must end at a record end: the last record is
 * read as the file's last, so a quote still open at `to` stops the scan (ScanFallback), which is
 * how the caller knows a split point fell inside a quoted value.
 */
export async function scanRange(job: RangeJob): Promise<TallyPart> {
  const handle = await open(job.file, 'r');
  try {
    const tally = new TallyScan(job.plan, job.options, { delimiter: job.delimiter, firstLine: job.firstLine, isAscii: asciiOnly });
    await pumpRange(handle, job.from, job.to, (buf, start, end, final) => tally.push(buf, start, end, final));
    return tally.part();
  } finally {
    await handle.close();
  }
}

/**
 * Feed bytes [from, to) of an open file to `push` through one reused buffer: push gets
 * buf[start, end) and whether no more bytes follow, and returns where its unconsumed tail starts
 * (FieldScanner.push's contract); the tail is kept and the next bytes appended after it. The
 * buffer grows only for a record longer than it.
 */
export async function pumpRange(handle: FileHandle, from: number, to: number, push: (buf: Uint8Array, start: number, end: number, final: boolean) => number): Promise<void> {
  let buf = Buffer.allocUnsafe(Math.min(RANGE_BUFFER_BYTES, Math.max(1, to - from)));
  let position = from;
  let filled = 0;
  for (;;) {
    const want = Math.min(buf.length - filled, to - position);
    const { bytesRead } = want > 0 ? await handle.read(buf, filled, want, position) : { bytesRead: 0 };
    position += bytesRead;
    filled += bytesRead;
    const final = bytesRead === 0 || position >= to;
    const consumed = push(buf, 0, filled, final);
    if (final) break;
    const tail = filled - consumed;
    if (tail === buf.length) {
      const bigger = Buffer.allocUnsafe(buf.length * 2);
      buf.copy(bigger, 0, 0, filled);
      buf = bigger;
    } else buf.copyWithin(0, consumed, filled);
    filled = tail;
  }
}
