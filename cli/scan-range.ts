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
    const indexer = createRecordIndexer({ tally: true, shared: true });
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
 * (chunk k is bytes [bounds[k], bounds[k + 1])), a counter both threads take chunks from, and the
 * board on which each thread shows the piece it is reading, so that a thread with no chunk left
 * can take the end of the other's (stealPiece).
 */
export interface ChunkJob extends Omit<RangeJob, 'from' | 'to' | 'expectedRows'> {
  bounds: number[];
  /** Rows expected per byte (from the header sample), to size each chunk's lists. */
  rowsPerByte: number;
  /**
   * Shared by the threads (newClaims): [0] the next chunk to take, [1] set to 1 when a thread
   * stopped (the others stop too), [2] the board's lock, [3] pieces taken from another thread.
   */
  claims: Int32Array;
  /** Shared by the threads (newBoard): per thread, the piece it reads (see SLOT). */
  board: Float64Array;
  /** A thread takes part of another's piece only when this many bytes or more are left of it. */
  stealMinBytes: number;
  /** Bytes the taker leaves to the piece's reader beyond half of what is left (its new tally costs it time first). */
  stealBias: number;
  /** Most bytes a thread reads at a time from a piece (what it has read or is reading cannot be taken). */
  readStep: number;
}

/** Words of ChunkJob.claims. */
const NEXT = 0;
const STOP = 1;
const LOCK = 2;
const STEALS = 3;

/** A thread's piece on the board: first byte, bytes read or being read up to, end, and 1 while it reads. */
const SLOT = 4;
const FROM = 0;
const RESERVED = 1;
const END = 2;
const ACTIVE = 3;

/** The shared counter, stop flag, lock and count of a chunked scan. */
export function newClaims(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4 * 4));
}

/** The shared board of a chunked scan by `threads` threads (offsets as doubles: exact past 4 GiB). */
export function newBoard(threads = 2): Float64Array {
  return new Float64Array(new SharedArrayBuffer(8 * SLOT * threads));
}

/** Stop every thread of a chunked scan (one of them stopped: its tally is missing). */
export function stopAll(claims: Int32Array): void {
  Atomics.store(claims, STOP, 1);
}

/** How many pieces were taken from another thread's chunk (MSVW_TRACE). */
export function steals(claims: Int32Array): number {
  return Atomics.load(claims, STEALS);
}

/** How long a thread waits for the board's lock before it takes the other thread to have died holding it. */
const LOCK_PATIENCE_MS = 5_000;

/**
 * Hold the board's lock for `body`. The board is only read and written under it, and it is held
 * for a few reads of the board (and one small read of the file when a piece is taken), so a
 * thread that finds it held spins; past LOCK_PATIENCE_MS (a thread that died holding it) it stops
 * the scan, and the file is read another way.
 */
function locked<T>(claims: Int32Array, body: () => T): T {
  let spins = 0;
  let since = 0;
  while (Atomics.compareExchange(claims, LOCK, 0, 1) !== 0) {
    // Held for microseconds: the clock is read only every few thousand turns.
    if ((++spins & 4095) !== 0) continue;
    if (since === 0) since = Date.now();
    else if (Date.now() - since > LOCK_PATIENCE_MS) {
      stopAll(claims);
      throw new ScanFallback('the other thread stopped while it held the shared board');
    }
  }
  try {
    return body();
  } finally {
    Atomics.store(claims, LOCK, 0);
  }
}

/** Show on the board that `thread` reads bytes [from, end) (or, with end -1, that it reads nothing). */
function showPiece(job: ChunkJob, thread: number, from: number, end: number): void {
  const at = thread * SLOT;
  job.board[at + FROM] = from;
  job.board[at + RESERVED] = from;
  job.board[at + END] = end;
  job.board[at + ACTIVE] = end >= 0 ? 1 : 0;
}

/**
 * Before `thread` reads on from `position` (at most `room` bytes): the end of its piece now (another
 * thread may have taken the rest), and how many bytes to read, marked on the board as taken (at
 * most job.readStep: what is left beyond them may still be shared).
 */
export function reserveRead(job: ChunkJob, thread: number, position: number, room: number): { end: number; want: number } {
  return locked(job.claims, () => {
    const at = thread * SLOT;
    const end = job.board[at + END];
    const want = Math.max(0, Math.min(room, job.readStep, end - position));
    job.board[at + RESERVED] = position + want;
    return { end, want };
  });
}

/**
 * For `thread`, which has no chunk left: the end of the piece another thread is reading, when
 * enough of it is left that reading it on two threads ends sooner. The piece is cut at the first
 * line end past the middle of what its reader has not yet taken (shifted by job.stealBias towards
 * the end): its reader stops there (reserveRead tells it), and this thread reads on from there, as
 * a piece of its own, shown on the board (so it can be shared again). `lineEndAfter(at, limit)`
 * finds the offset just past the first line feed at or after `at`, or -1 before `limit`. Null when
 * there is nothing worth taking.
 */
export function stealPiece(job: ChunkJob, thread: number, lineEndAfter: (at: number, limit: number) => number): [number, number] | null {
  return locked(job.claims, () => {
    const threads = job.board.length / SLOT;
    let victim = -1;
    let most = 0;
    for (let t = 0; t < threads; t++) {
      const at = t * SLOT;
      const left = job.board[at + END] - job.board[at + RESERVED];
      if (t !== thread && job.board[at + ACTIVE] === 1 && left > most) { victim = t; most = left; }
    }
    if (victim < 0 || most < job.stealMinBytes) return null;
    const at = victim * SLOT;
    const end = job.board[at + END];
    const cut = lineEndAfter(job.board[at + RESERVED] + Math.max(0, Math.ceil((most + job.stealBias) / 2)), end);
    if (cut < 0 || cut >= end) return null;
    job.board[at + END] = cut;
    showPiece(job, thread, cut, end);
    Atomics.add(job.claims, STEALS, 1);
    return [cut, end];
  });
}

/** The offset just past the first line feed at or after `at` in an open file, or -1 when there is none before `limit`. */
export function lineEndIn(fd: number, at: number, limit: number, buf: Buffer = Buffer.allocUnsafe(16 << 10)): number {
  for (let p = at; p < limit; p += buf.length) {
    const bytesRead = readSync(fd, buf, 0, Math.min(buf.length, limit - p), p);
    if (bytesRead === 0) return -1;
    const lf = buf.subarray(0, bytesRead).indexOf(10);
    if (lf >= 0) return p + lf + 1;
  }
  return -1;
}

/** Lists of 32-bit integers as one array and where each lies in it (one object to send, not hundreds). */
export interface PackedLists {
  data: Int32Array;
  /** list k is data[starts[k], ends[k]). */
  starts: Int32Array;
  ends: Int32Array;
}

/**
 * The lists in one array: a view when they already lie in order in one buffer (the key lists do:
 * one after another, or apart in a walker's shared memory), else a copy.
 */
export function packLists(lists: readonly Int32Array[]): PackedLists {
  const first = lists[0];
  const inOrder = first !== undefined && lists.every((l, k) => l.buffer === first.buffer && (k === 0 || l.byteOffset >= lists[k - 1].byteOffset + lists[k - 1].byteLength));
  if (inOrder) {
    const last = lists[lists.length - 1];
    const data = new Int32Array(first.buffer, first.byteOffset, (last.byteOffset + last.byteLength - first.byteOffset) / 4);
    return { data, starts: Int32Array.from(lists, (l) => (l.byteOffset - first.byteOffset) / 4), ends: Int32Array.from(lists, (l) => (l.byteOffset - first.byteOffset) / 4 + l.length) };
  }
  const starts = new Int32Array(lists.length);
  const ends = new Int32Array(lists.length);
  let at = 0;
  lists.forEach((l, k) => { starts[k] = at; at += l.length; ends[k] = at; });
  const data = new Int32Array(at);
  lists.forEach((l, k) => data.set(l, starts[k]));
  return { data, starts, ends };
}

/** The lists again, as views of the one array. */
export function unpackLists(packed: PackedLists): Int32Array[] {
  const { data, starts, ends } = packed;
  return Array.from(starts, (start, k) => data.subarray(start, ends[k]));
}

/** A tally part as sent between threads: its per-centre histograms and key lists packed (TallyPart otherwise). */
export type SentPart = Omit<TallyPart, 'waits' | 'keyBuckets'> & { waits: PackedLists; keyBuckets: PackedLists };

export function sendPart(part: TallyPart): SentPart {
  return { ...part, waits: packLists(part.waits), keyBuckets: packLists(part.keyBuckets) };
}

export function receivePart(sent: SentPart): TallyPart {
  return { ...sent, waits: unpackLists(sent.waits), keyBuckets: unpackLists(sent.keyBuckets) };
}

/** What a thread tallied: its pieces (bytes [from, to) of the file, and their tallies), or why it stopped. */
export type ChunkResult = { parts: { from: number; to: number; part: TallyPart }[] } | { fallback: string };

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
  // Shared memory: the key records of a part stay where the walker wrote them (TallyScan.part), and
  // the main thread reads the worker's there.
  const indexer = createRecordIndexer({ tally: true, shared: true });
  indexer?.prepareTally();
  return { indexer, reuse: { buf: readBuffer(indexer, RANGE_BUFFER_BYTES) } };
}

/**
 * Tally chunks taken one at a time from the shared counter until none is left (or another thread
 * stopped), then pieces taken from the end of another thread's chunk while one is worth taking
 * (stealPiece): both threads stay busy to the end, whichever started later or runs slower, with
 * no more chunks (each has its own tally to set up and combine) than there are threads. A piece
 * the tally cannot read exactly (a quote still open at its end means the cut fell inside a quoted
 * value) stops every thread; the caller then reads the file another way.
 * `setup`: the thread's walker and buffer (prepareScan), made now when not given. `thread`: this
 * thread's place on the board (0 the main thread). `afterRead` (tests): called after each read.
 */
export async function scanChunks(job: ChunkJob, setup: ScanSetup = prepareScan(), thread = 0, afterRead?: () => void): Promise<ChunkResult> {
  const fd = openSync(job.file, 'r');
  const parts: { from: number; to: number; part: TallyPart }[] = [];
  const { indexer, reuse } = setup;
  const probe = Buffer.allocUnsafe(16 << 10);
  try {
    const chunks = job.bounds.length - 1;
    for (;;) {
      if (Atomics.load(job.claims, STOP) !== 0) return { fallback: 'another thread stopped' };
      let piece: [number, number] | null = null;
      const k = Atomics.add(job.claims, NEXT, 1);
      if (k < chunks) {
        piece = [job.bounds[k], job.bounds[k + 1]];
        locked(job.claims, () => showPiece(job, thread, job.bounds[k], job.bounds[k + 1]));
      } else piece = stealPiece(job, thread, (at, limit) => lineEndIn(fd, at, limit, probe));
      if (!piece) break;
      const [from, end] = piece;
      const tally = new TallyScan(job.plan, job.options, {
        delimiter: job.delimiter, firstLine: from === job.bounds[0] ? job.firstLine : 0, isAscii: asciiOnly, indexer, expectedRows: Math.ceil((end - from) * job.rowsPerByte),
      });
      // The tally may have grown the walker's memory (a new place for its key records): the read
      // buffer is taken again, in the memory as it is now, so bytes are walked where they are read.
      if (indexer && reuse.buf) reuse.buf = readBuffer(indexer, reuse.buf.length);
      let to: number;
      try {
        to = await pumpRange(fd, from, (position, room) => reserveRead(job, thread, position, room), (buf, start, stop, final) => {
          afterRead?.();
          return tally.push(buf, start, stop, final);
        }, reuse);
      } catch (error) {
        stopAll(job.claims);
        if (error instanceof ScanFallback) return { fallback: error.reason };
        throw error;
      } finally {
        locked(job.claims, () => showPiece(job, thread, 0, -1));
      }
      parts.push({ from, to, part: tally.part() });
    }
    return { parts };
  } finally {
    closeSync(fd);
  }
}

/**
 * Largest chunk of a guided cut: the record walker's tally keeps a chunk's repeated-patient keys in
 * room for about a million rows (record-index.ts), and rows past that are tallied in JavaScript,
 * far more slowly; 128 MiB of a patient extract is some 650 thousand rows.
 */
export const MAX_CHUNK_BYTES = 128 << 20;

/**
 * Cut points for a chunked scan of bytes [from, size) by `threads` threads. Guided: one chunk per
 * thread (at most `maxBytes`: more of them when that is less), the first `firstExtra` bytes longer
 * (a thread that starts later takes the second); the threads then share the end by taking part of
 * each other's chunk (stealPiece), so there is no tail of small chunks, each of which had a tally to
 * set up and combine (two 16 MiB chunks cost 60 ms of CPU on the benchmark extract). Not guided:
 * every `chunkBytes` (tests and tuning). Each cut is moved on to just after the next line end (so a
 * chunk ends at a record end unless a quoted value holds that line break, which the chunk's scan
 * then finds). Small reads, one file handle.
 */
export async function chunkBounds(file: string, from: number, size: number, chunkBytes: number, guided = true, maxBytes = MAX_CHUNK_BYTES, threads = 2, firstExtra = 0): Promise<number[]> {
  const bounds = [from];
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(16 << 10);
    const step = guided ? Math.max(chunkBytes, Math.min(maxBytes, Math.ceil((size - from) / threads))) : chunkBytes;
    let at = from + (guided ? Math.min(maxBytes, step + firstExtra) : step);
    while (at < size) {
      // Read synchronously: a few small reads from the page cache, on the way to both threads' start.
      const end = lineEndIn(fd, at, size, buf);
      if (end < 0 || end >= size) break;
      bounds.push(end);
      at = end + step;
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
 * buffer grows only for a record longer than it. `to` may be a function: asked before each read
 * (at most `room` bytes from `position`), it gives the end as it is now and how much to read
 * (scanChunks: another thread may take the rest of a piece). Answers where the bytes fed ended.
 */
export async function pumpRange(
  fd: number, from: number, to: number | ((position: number, room: number) => { end: number; want: number }),
  push: (buf: Uint8Array, start: number, end: number, final: boolean) => number, reuse?: { buf: Buffer | null },
): Promise<number> {
  let buf = reuse?.buf ?? Buffer.allocUnsafe(Math.min(RANGE_BUFFER_BYTES, Math.max(1, (typeof to === 'number' ? to : RANGE_BUFFER_BYTES) - from)));
  let position = from;
  let filled = 0;
  for (;;) {
    const room = buf.length - filled;
    let end: number;
    let want: number;
    if (typeof to === 'number') {
      end = to;
      want = Math.min(room, to - position);
    } else ({ end, want } = to(position, room));
    // Read synchronously: the scan waits for each buffer anyway, and a promised read costs more
    // than the copy itself (about 35 ms against 15 ms per 100 MB from the page cache here).
    const bytesRead = want > 0 ? readSync(fd, buf, filled, want, position) : 0;
    position += bytesRead;
    filled += bytesRead;
    const final = bytesRead === 0 || position >= end;
    const consumed = push(buf, 0, filled, final);
    if (final) return position;
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
