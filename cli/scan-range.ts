/**
 * Reading one byte range of a file through one reused buffer into a streamed tally
 * (shared/analysis/stream/tally-scan.ts): used by `msvw analyse` for its own range and by the scan
 * worker (cli/scan-worker.ts) for the other.
 */
import { isAscii } from 'node:buffer';
// Files are opened and read synchronously (node:fs, not node:fs/promises, which the scan worker
// would otherwise load as it starts).
import { closeSync, openSync, readSync } from 'node:fs';
import { TallyScan, type AggregatePlan, type TallyOptions, type TallyPart } from '../shared/analysis/stream/tally-scan';
import { ScanFallback } from '../shared/io/read/field-scan';
import { createRecordIndexer, type RecordIndexer } from '../shared/io/read/record-index';

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
  /** Rows expected in the range (from the header sample's line lengths), to size the tally's lists. */
  expectedRows?: number;
  /** The main thread's performance.timeOrigin (MSVW_TRACE timings). */
  processStart?: number;
}

/** Node's own all-ASCII test (vectorised), several times faster than the scanner's portable one. */
export function asciiOnly(buf: Uint8Array, start: number, end: number): boolean {
  return isAscii(buf.subarray(start, end));
}

/** The read buffer: in the record walker's memory where there is one (the bytes are then walked where they are read, not copied). */
export function readBuffer(indexer: RecordIndexer | null, bytes: number): Buffer {
  if (!indexer) return Buffer.allocUnsafe(bytes);
  const view = indexer.inputBuffer(bytes);
  return Buffer.from(view.buffer, view.byteOffset, view.byteLength);
}

/**
 * Tally the records of bytes [from, to). The range must end at a record end: the last record is
 * read as the file's last, so a quote still open at `to` stops the scan (ScanFallback), which is
 * how the caller knows a split point fell inside a quoted value.
 */
export async function scanRange(job: RangeJob): Promise<TallyPart> {
  const fd = openSync(job.file, 'r');
  try {
    const indexer = createRecordIndexer({ tally: true });
    const tally = new TallyScan(job.plan, job.options, { delimiter: job.delimiter, firstLine: job.firstLine, isAscii: asciiOnly, indexer, ...(job.expectedRows !== undefined ? { expectedRows: job.expectedRows } : {}) });
    const reuse = { buf: readBuffer(indexer, Math.min(RANGE_BUFFER_BYTES, Math.max(1, job.to - job.from))) };
    await pumpRange(fd, job.from, job.to, (buf, start, end, final) => tally.push(buf, start, end, final), reuse);
    return tally.part();
  } finally {
    closeSync(fd);
  }
}

/**
 * What a thread needs to take part in a chunked scan: the file cut at record ends into chunks
 * (chunk k is bytes [bounds[k], bounds[k + 1])), and a counter both threads take chunks from.
 */
export interface ChunkJob extends Omit<RangeJob, 'from' | 'to' | 'expectedRows'> {
  bounds: number[];
  /** Rows expected per byte (from the header sample), to size each chunk's lists. */
  rowsPerByte: number;
  /** Shared by the threads: [0] the next chunk to take, [1] set to 1 when a thread stopped (the others stop too). */
  claims: Int32Array;
}

/** Lists of 32-bit integers as one array and where each starts (one object to send, not hundreds). */
export interface PackedLists {
  data: Int32Array;
  /** starts[k] to starts[k + 1]: list k. */
  starts: Int32Array;
}

/** The lists in one array: a view when they already lie one after another in one buffer (the key lists do), else a copy. */
export function packLists(lists: readonly Int32Array[]): PackedLists {
  const starts = new Int32Array(lists.length + 1);
  for (let k = 0; k < lists.length; k++) starts[k + 1] = starts[k] + lists[k].length;
  const first = lists[0];
  const contiguous = first !== undefined && lists.every((l, k) => l.buffer === first.buffer && l.byteOffset === first.byteOffset + 4 * starts[k]);
  if (contiguous) return { data: new Int32Array(first.buffer, first.byteOffset, starts[lists.length]), starts };
  const data = new Int32Array(starts[lists.length]);
  lists.forEach((l, k) => data.set(l, starts[k]));
  return { data, starts };
}

/** The lists again, as views of the one array. */
export function unpackLists(packed: PackedLists): Int32Array[] {
  const { data, starts } = packed;
  return Array.from({ length: starts.length - 1 }, (_, k) => data.subarray(starts[k], starts[k + 1]));
}

/** A tally part as sent between threads: its per-centre histograms and key lists packed (TallyPart otherwise). */
export type SentPart = Omit<TallyPart, 'waits' | 'keyBuckets'> & { waits: PackedLists; keyBuckets: PackedLists };

export function sendPart(part: TallyPart): SentPart {
  return { ...part, waits: packLists(part.waits), keyBuckets: packLists(part.keyBuckets) };
}

export function receivePart(sent: SentPart): TallyPart {
  return { ...sent, waits: unpackLists(sent.waits), keyBuckets: unpackLists(sent.keyBuckets) };
}

/** What a thread tallied: its chunks (index and tally), or why it stopped. */
export type ChunkResult = { parts: { chunk: number; part: TallyPart }[] } | { fallback: string };

/** A thread's record walker (null where WebAssembly is missing) and its one read buffer, for all its chunks. */
export interface ScanSetup {
  indexer: RecordIndexer | null;
  reuse: { buf: Buffer | null };
}

/**
 * A thread's walker (its tally's memory made and written once, RecordIndexer.prepareTally) and read
 * buffer, made once for all its chunks: fresh memory is slow to touch where this runs (a new 4 MB
 * buffer per chunk cost more than reading the chunk). The scan worker does this as it starts,
 * before its job comes (cli/scan-worker.ts).
 */
export function prepareScan(): ScanSetup {
  const indexer = createRecordIndexer({ tally: true });
  indexer?.prepareTally();
  return { indexer, reuse: { buf: readBuffer(indexer, RANGE_BUFFER_BYTES) } };
}

/**
 * Tally chunks taken one at a time from the shared counter until none is left (or another thread
 * stopped). Taking small chunks rather than a fixed half keeps both threads busy to the end, even
 * though the second starts later than the first. A chunk the tally cannot read exactly (a quote
 * still open at its end means the cut fell inside a quoted value) stops every thread; the caller
 * then reads the file another way.
 * `setup`: the thread's walker and buffer (prepareScan), made now when not given.
 */
export async function scanChunks(job: ChunkJob, setup: ScanSetup = prepareScan()): Promise<ChunkResult> {
  const fd = openSync(job.file, 'r');
  const parts: { chunk: number; part: TallyPart }[] = [];
  const { indexer, reuse } = setup;
  try {
    const chunks = job.bounds.length - 1;
    for (;;) {
      if (Atomics.load(job.claims, 1) !== 0) return { fallback: 'another thread stopped' };
      const k = Atomics.add(job.claims, 0, 1);
      if (k >= chunks) break;
      const from = job.bounds[k];
      const to = job.bounds[k + 1];
      const tally = new TallyScan(job.plan, job.options, {
        delimiter: job.delimiter, firstLine: k === 0 ? job.firstLine : 0, isAscii: asciiOnly, indexer, expectedRows: Math.ceil((to - from) * job.rowsPerByte),
      });
      try {
        await pumpRange(fd, from, to, (buf, start, end, final) => tally.push(buf, start, end, final), reuse);
      } catch (error) {
        Atomics.store(job.claims, 1, 1);
        if (error instanceof ScanFallback) return { fallback: error.reason };
        throw error;
      }
      parts.push({ chunk: k, part: tally.part() });
    }
    return { parts };
  } finally {
    closeSync(fd);
  }
}

/**
 * Share of the bytes kept for the small chunks at the end of a guided cut (at least two of the
 * smallest size): they keep both threads busy to the end, whichever of them started later or runs
 * slower. (A tail of 15% in chunks of a third of what was left, down to 4 MiB, balanced the threads
 * better but took more CPU in all: each chunk has its own tally to set up and combine.)
 */
const TAIL_SHARE = 0.1;

/**
 * Largest chunk of a guided cut: the record walker's tally keeps a chunk's repeated-patient keys in
 * room for about a million rows (record-index.ts), and rows past that are tallied in JavaScript,
 * far more slowly; 128 MiB of a patient extract is some 650 thousand rows.
 */
export const MAX_CHUNK_BYTES = 128 << 20;

/**
 * Cut points for a chunked scan of bytes [from, size) by `threads` threads. Guided: one large chunk
 * per thread (at most `maxBytes`, more of them when that is less), then the tail (TAIL_SHARE of
 * the bytes, at least two chunks) in chunks of `chunkBytes`; not guided: every `chunkBytes`. The
 * large chunks share the bytes before the tail alike, except that the first is `firstExtra` bytes
 * longer (a thread that starts later takes the second). Each cut is moved on to just after the
 * next line end (so a chunk ends at a record end unless a quoted value holds that line break,
 * which the chunk's scan then finds). Small reads, one file handle.
 */
export async function chunkBounds(file: string, from: number, size: number, chunkBytes: number, guided = true, maxBytes = MAX_CHUNK_BYTES, threads = 2, firstExtra = 0): Promise<number[]> {
  const bounds = [from];
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(16 << 10);
    // Guided: few chunks, since each has its own tally to set up, warm up and combine (on the 208 MB
    // benchmark file, a third of what was left at a time, 7 chunks, took about 0.1 s more CPU than
    // one chunk per thread), and a tail of small ones so a thread that started later is not left
    // running alone at the end.
    const tail = Math.min(size - from, Math.max(2 * chunkBytes, Math.ceil((size - from) * TAIL_SHARE)));
    const lead = Math.max(chunkBytes, Math.min(maxBytes, Math.ceil((size - from - tail) / threads)));
    const step = (pos: number): number => (guided && size - pos > tail ? Math.max(chunkBytes, Math.min(lead, size - pos - tail)) : chunkBytes);
    let at = from + (guided ? Math.min(maxBytes, step(from) + firstExtra) : step(from));
    while (at < size) {
      let end = -1;
      for (let p = at; p < size && end < 0; p += buf.length) {
        // Read synchronously: a few small reads from the page cache, on the way to both threads' start.
        const bytesRead = readSync(fd, buf, 0, Math.min(buf.length, size - p), p);
        if (bytesRead === 0) break;
        const lf = buf.subarray(0, bytesRead).indexOf(10);
        if (lf >= 0) end = p + lf + 1;
      }
      if (end < 0 || end >= size) break;
      bounds.push(end);
      at = end + step(end);
    }
    bounds.push(size);
    return bounds;
  } finally {
    closeSync(fd);
  }
}

/**
 * Feed bytes [from, to) of an open file (its descriptor) to `push` through one reused buffer: push gets
 * buf[start, end) and whether no more bytes follow, and returns where its unconsumed tail starts
 * (FieldScanner.push's contract); the tail is kept and the next bytes appended after it. The
 * buffer grows only for a record longer than it.
 */
export async function pumpRange(
  fd: number, from: number, to: number, push: (buf: Uint8Array, start: number, end: number, final: boolean) => number, reuse?: { buf: Buffer | null },
): Promise<void> {
  let buf = reuse?.buf ?? Buffer.allocUnsafe(Math.min(RANGE_BUFFER_BYTES, Math.max(1, to - from)));
  let position = from;
  let filled = 0;
  for (;;) {
    const want = Math.min(buf.length - filled, to - position);
    // Read synchronously: the scan waits for each buffer anyway, and a promised read costs more
    // than the copy itself (about 35 ms against 15 ms per 100 MB from the page cache here).
    const bytesRead = want > 0 ? readSync(fd, buf, filled, want, position) : 0;
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
      if (reuse) reuse.buf = buf;
    } else buf.copyWithin(0, consumed, filled);
    filled = tail;
  }
}
