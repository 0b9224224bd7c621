/**
 * The fastest path of `msvw analyse` (issue 12 item 3): the file is tallied as it streams
 * (shared/analysis/stream/aggregate.ts), on two threads for a large file: the file is cut at line
 * ends into one chunk per thread (at most 128 MiB: more chunks for a larger file), this thread and
 * a worker (cli/scan-worker.ts) take chunks in turn from a shared counter, and a thread with no
 * chunk left takes the end of the other's (cli/scan-range.ts scanChunks, stealPiece), so both stay
 * busy to the end whichever started later or runs slower. Each piece's tally is a part; the parts,
 * in file order, are combined into the counts the analysis starts from. No column is built and nothing is
 * imported, so the time is the byte scan's, split over both cores.
 *
 * It answers null (and analyse takes the narrow import, analyse-stream.ts, or reads the file whole)
 * whenever its result could differ from the import's: see planAggregate and finishTally. A cut
 * is checked afterwards (the chunk before it must end there with no quote open), so a quoted value
 * spanning a cut makes the whole file be read on one thread instead. MSVW_STREAM=0 turns every
 * streamed path off (tests compare them all), MSVW_PARALLEL_MIN_BYTES sets the size from which a
 * second thread is used (default 8 MiB), MSVW_CHUNK_BYTES a fixed chunk size (at most 64 chunks),
 * and MSVW_STEAL_MIN_BYTES / MSVW_STEAL_BIAS_BYTES when a piece is taken, for tests and tuning.
 * MSVW_SPLIT (tests) cuts the file at the line ends after the given byte offsets and tallies the
 * ranges one after another on this thread, so the combining of parts is tested where no worker
 * can be started (the sources run under vitest; the worker is a compiled file).
 */
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { countLineFeeds } from '../../shared/io/read/detect';
import { ScanFallback } from '../../shared/io/read/field-scan';
import { finishTally, KEY_BUCKETS, partGroups, planAggregate, repeatsOf, type AggregatePlan, type KeyRef, type TallyExtract, type TallyPart } from '../../shared/analysis/stream/aggregate';
import { createRecordIndexer } from '../../shared/io/read/record-index';
import { readHead } from '../../shared/analysis/stream/extract';
import type { StreamQuery } from '../../shared/analysis/stream/plan';
import type { GroupTally } from '../../shared/analysis/variation';
import type { IntervalStandard, Tier } from '../../shared/standards/schema';
import { MAX_IMPORT_BYTES as MAX_FILE_BYTES } from '../../shared/io/limits';
import { withBaselineJit } from '../jit';
import { chunkBounds, MAX_CHUNK_BYTES, newBoard, newClaims, packLists, receivePart, scanChunks, scanRange, steals, stopAll, type ChunkJob, type ChunkResult, type RangeJob } from '../scan-range';
import type { RepeatsJob, RepeatsReply, ScanWorkerReply } from '../scan-worker';
import { parallelMinBytes, secondThreadAllowed, startScanWorker, takeScanWorker, workerFile, type ScanWorker } from '../scan-worker-start';

/** MSVW_TRACE: when each step ended, in ms since the process started (for `npm run bench` notes). */
function mark(step: string): void {
  if (process.env.MSVW_TRACE) process.stderr.write(`msvw analyse: ${step} at ${performance.now().toFixed(0)} ms (resident ${(process.memoryUsage.rss() / 2 ** 20).toFixed(0)} MB)\n`);
}

/** Bytes read to find the header row. */
const HEAD_BYTES = 1 << 20;
/**
 * Smallest chunk of a guided cut (MSVW_CHUNK_BYTES: every chunk this size, for tests and tuning).
 * Each chunk starts a tally whose first rows JavaScript reads.
 */
const CHUNK_BYTES = 16 << 20;

/**
 * How much longer this thread's first chunk is when the worker has not made its walker by the time
 * the file is cut: it then took its first chunk some 10-50 ms after this thread took its own,
 * which is 3-10 MB of scanning here.
 */
const LATE_WORKER_BYTES = 6 << 20;

/**
 * When a thread with no chunk left takes part of the other's (scan-range.ts stealPiece), and how
 * much. The piece's reader still has its last read under way (at most READ_STEP_BYTES) and then
 * its chunk's tally to hand over (part(): 15-25 ms for 100 MiB here), while the taker's new tally
 * costs it 5-15 ms to set up, warm up and hand over; so the taker takes half of what is left plus
 * 2 MiB (a bias of -4 MiB), and takes even a short rest. Measured on the benchmark extract against
 * other settings, 16 pairs each: a bias of 0 or -8 MiB, or 512 KiB reads, were 3-12 ms slower; this
 * against the tail of 16 MiB chunks it replaced: 37 ms faster (15 of 20), 60 ms less CPU.
 * MSVW_STEAL_MIN_BYTES, MSVW_STEAL_BIAS_BYTES and MSVW_READ_STEP_BYTES override them (tests, tuning).
 */
const STEAL_MIN_BYTES = 1 << 20;
const STEAL_BIAS_BYTES = -(4 << 20);
const READ_STEP_BYTES = 1 << 20;

/** A number of bytes from the environment (a whole number), else `fallback`. */
function envBytes(name: string, fallback: number): number {
  const given = Number(process.env[name]);
  return process.env[name] !== undefined && Number.isInteger(given) ? given : fallback;
}

/** Most chunks a file is cut into: each has its own tally, so a tiny chunk size on a large file stays bounded. */
const MAX_CHUNKS = 64;

function chunkBytes(bodyBytes: number): number {
  const given = Number(process.env.MSVW_CHUNK_BYTES);
  return Math.max(Number.isInteger(given) && given >= 1 ? given : CHUNK_BYTES, Math.ceil(bodyBytes / MAX_CHUNKS));
}

/** Tally chunks on a worker thread already started (it waits for its job), alongside this thread. */
function scanOnWorker(worker: Worker, job: ChunkJob): Promise<ChunkResult> {
  return new Promise((resolve) => {
    let settled = false;
    // (The worker is ended by aggregateFile, after it has perhaps found half the repeats: askRepeats.)
    const done = (value: ChunkResult): void => {
      if (settled) return;
      settled = true;
      resolve(value);
    };
    worker.once('message', (reply: ScanWorkerReply) => {
      if ('timings' in reply && process.env.MSVW_TRACE) {
        process.stderr.write(`msvw analyse: worker ready (walker made) at ${reply.timings.ready.toFixed(0)} ms\nmsvw analyse: worker had its job at ${reply.timings.started.toFixed(0)} ms\nmsvw analyse: worker tallied at ${reply.timings.tallied.toFixed(0)} ms\n`);
      }
      done('parts' in reply ? { parts: reply.parts.map(({ from, to, part }) => ({ from, to, part: receivePart(part) })) } : { fallback: reply.fallback });
    });
    worker.once('error', (error) => { stopAll(job.claims); done({ fallback: `the second thread stopped (${error.message})` }); });
    worker.once('exit', () => { stopAll(job.claims); done({ fallback: 'the second thread ended without a tally' }); });
    worker.postMessage(job);
  });
}

/**
 * The repeated patients of the parts (finishTally's, in file order): on a worker that has tallied
 * its chunks (it takes the upper half of the buckets) and on this thread at once, when every
 * part's key records are in shared memory (then the worker reads them where they lie); else, or
 * if the worker cannot, all here. Each half is repeatsOf's own walk, bucket by bucket.
 */
async function repeatsOnTwoThreads(worker: Worker | null, parts: TallyPart[]): Promise<KeyRef[]> {
  const { groupOf } = partGroups(parts);
  const shared = parts.every((p) => p.keyBuckets.every((list) => list.length === 0 || list.buffer instanceof SharedArrayBuffer));
  if (!worker || !shared) return repeatsOf(parts, groupOf);
  const half = KEY_BUCKETS / 2;
  const theirs = new Promise<KeyRef[] | null>((resolve) => {
    const fail = (): void => resolve(null);
    worker.once('error', fail);
    worker.once('exit', fail);
    worker.once('message', (reply: RepeatsReply) => {
      worker.off('error', fail);
      worker.off('exit', fail);
      const flat = reply.repeats;
      resolve(flat ? Array.from({ length: flat.length / 3 }, (_, k) => ({ part: flat[3 * k], bucket: flat[3 * k + 1], at: flat[3 * k + 2] })) : null);
    });
    worker.postMessage({ keyBuckets: parts.map((p) => packLists(p.keyBuckets)), groupOf, buckets: [half, KEY_BUCKETS] } satisfies RepeatsJob);
  });
  const mine = repeatsOf(parts, groupOf, createRecordIndexer(), [0, half]);
  const other = (await theirs) ?? repeatsOf(parts, groupOf, createRecordIndexer(), [half, KEY_BUCKETS]);
  return [...mine, ...other];
}

/** The first line end at or after `from` (offset just past it), or -1 before `limit`. */
async function lineEndAfter(file: string, from: number, limit: number): Promise<number> {
  const handle = await open(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(64 << 10);
    for (let at = from; at < limit; at += buf.length) {
      const { bytesRead } = await handle.read(buf, 0, Math.min(buf.length, limit - at), at);
      if (bytesRead === 0) return -1;
      const lf = buf.subarray(0, bytesRead).indexOf(10);
      if (lf >= 0) return at + lf + 1;
    }
    return -1;
  } finally {
    await handle.close();
  }
}

/** The streamed tally of an analysis, or why another path must be taken. */
export async function aggregateFile(
  file: string, standard: IntervalStandard, query: StreamQuery & { asOf?: number; runDate: number; tier?: Tier },
): Promise<{ tally: GroupTally; extract: TallyExtract; tier: Tier | null; threads: number } | { fallback: string }> {
  if (process.env.MSVW_STREAM === '0') return { fallback: 'MSVW_STREAM=0' };
  // A second thread for a large file: the one msvw started as it started (scan-worker-start.ts),
  // else one started now, so its start-up overlaps the header's reading.
  let scan: ScanWorker | null = takeScanWorker(file);
  if (scan && process.env.MSVW_TRACE) process.stderr.write('msvw analyse: the second thread was started as msvw started\n');
  if (!scan) {
    try {
      const script = secondThreadAllowed() && (await stat(file)).size >= parallelMinBytes() ? workerFile() : null;
      if (script) scan = startScanWorker(script);
    } catch {
      scan = null;
    }
  }
  try {
    return await aggregateWith(scan, file, standard, query);
  } finally {
    if (scan) void scan.worker.terminate();
  }
}

async function aggregateWith(
  scan: ScanWorker | null, file: string, standard: IntervalStandard, query: StreamQuery & { asOf?: number; runDate: number; tier?: Tier },
): Promise<{ tally: GroupTally; extract: TallyExtract; tier: Tier | null; threads: number } | { fallback: string }> {
  let size: number;
  let head: Buffer;
  try {
    const handle = await open(file, 'r');
    try {
      size = (await handle.stat()).size;
      if (!(size <= MAX_FILE_BYTES)) return { fallback: 'the file is over the size limit' };
      head = Buffer.allocUnsafe(Math.min(HEAD_BYTES, size));
      const { bytesRead } = await handle.read(head, 0, head.length, 0);
      head = head.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch {
    return { fallback: 'the file cannot be opened here' };
  }
  mark('started');
  const layout = await readHead(head, path.basename(file), head.length >= size);
  if ('fallback' in layout) return layout;
  mark('header read');
  const plan: AggregatePlan | { fallback: string } = planAggregate(layout.headers, path.basename(file), query);
  if ('fallback' in plan) return plan;
  mark('planned');
  const options = { runDate: query.runDate, ...(query.asOf !== undefined ? { asOf: query.asOf } : {}) };
  // Rows expected per byte, from the lines of the header sample after the header.
  const sampleLines = countLineFeeds(head, layout.bodyStart);
  const rowsPerByte = head.length > layout.bodyStart ? sampleLines / (head.length - layout.bodyStart) : 0;
  const job = (from: number, to: number, firstLine: number): RangeJob => ({
    file, from, to, plan, options, delimiter: layout.delimiter, firstLine, expectedRows: Math.ceil((to - from) * rowsPerByte), processStart: performance.timeOrigin,
  });
  // The tally, with V8's optimising compiler held back while it runs (cli/jit.ts).
  const tallied = await withBaselineJit(async (): Promise<{ parts: TallyPart[]; threads: number } | { fallback: string }> => {
    try {
      const cuts = process.env.MSVW_SPLIT;
      if (cuts) {
        const ends: number[] = [];
        for (const at of cuts.split(',').map(Number).sort((a, b) => a - b)) {
          const end = Number.isFinite(at) && at > layout.bodyStart ? await lineEndAfter(file, at, size) : -1;
          if (end > (ends[ends.length - 1] ?? layout.bodyStart) && end < size) ends.push(end);
        }
        const bounds = [layout.bodyStart, ...ends, size];
        const parts: TallyPart[] = [];
        for (let k = 0; k + 1 < bounds.length; k++) parts.push(await scanRange(job(bounds[k], bounds[k + 1], k === 0 ? layout.headerLines + 1 : 0)));
        // Reported as the threads it stands in for (one range each), so tests can see the cuts were made.
        return { parts, threads: parts.length };
      }
      if (scan) {
        // A worker still starting takes its first chunk later: this thread's is made longer to match.
        const late = Atomics.load(scan.ready, 0) === 0 ? LATE_WORKER_BYTES : 0;
        const bounds = await chunkBounds(file, layout.bodyStart, size, chunkBytes(size - layout.bodyStart), process.env.MSVW_CHUNK_BYTES === undefined, MAX_CHUNK_BYTES, 2, late);
        const claims = newClaims();
        const chunkJob: ChunkJob = {
          file, bounds, plan, options, delimiter: layout.delimiter, firstLine: layout.headerLines + 1, rowsPerByte, claims, board: newBoard(2),
          stealMinBytes: envBytes('MSVW_STEAL_MIN_BYTES', STEAL_MIN_BYTES), stealBias: envBytes('MSVW_STEAL_BIAS_BYTES', STEAL_BIAS_BYTES), readStep: Math.max(64 << 10, envBytes('MSVW_READ_STEP_BYTES', READ_STEP_BYTES)), processStart: performance.timeOrigin,
        };
        const second = scanOnWorker(scan.worker, chunkJob);
        const first = await scanChunks(chunkJob);
        mark('this thread\'s chunks tallied');
        const other = await second;
        mark(`the other thread's chunks tallied (${steals(claims)} piece${steals(claims) === 1 ? '' : 's'} taken from the other thread's chunk)`);
        // A cut inside a quoted value, or something the tally cannot read exactly: one thread, whole
        // file, which either tallies it or says why the file must be read another way.
        if ('fallback' in first || 'fallback' in other) return { parts: [await scanRange(job(layout.bodyStart, size, layout.headerLines + 1))], threads: 1 };
        // The pieces in file order: they must cover the file's rows exactly, one after another.
        const pieces = [...first.parts, ...other.parts].sort((a, b) => a.from - b.from);
        if (!pieces.every((p, k) => p.from === (k === 0 ? layout.bodyStart : pieces[k - 1].to)) || pieces[pieces.length - 1]?.to !== size) return { fallback: 'a chunk of the file was not tallied' };
        const parts = pieces.map((p) => p.part);
        return { parts, threads: 2 };
      }
      return { parts: [await scanRange(job(layout.bodyStart, size, layout.headerLines + 1))], threads: 1 };
    } catch (error) {
      if (error instanceof ScanFallback) return { fallback: error.reason };
      throw error;
    }
  });
  if ('fallback' in tallied) return tallied;
  const { parts, threads } = tallied;
  const repeats = threads === 2 && scan ? await repeatsOnTwoThreads(scan.worker, parts) : undefined;
  const finished = finishTally(plan, standard, parts, { ...options, tier: query.tier }, repeats);
  mark('tallies combined');
  return 'fallback' in finished ? finished : { ...finished, threads };
}
