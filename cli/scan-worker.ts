/**
 * The second thread of `msvw analyse` (cli/commands/analyse-aggregate.ts): it takes chunks of the
 * file from the counter it shares with the main thread, then pieces of the main thread's chunk
 * (scan-range.ts scanChunks; it is thread 1 on their board), tallies them, and posts its tallies
 * back (typed arrays moved, not copied; its key records shared, read where they lie), then finds
 * the repeated patients of half the key buckets when asked (RepeatsJob). A scan that cannot be
 * read exactly as the import would read it answers with the reason, and the main thread then
 * reads the file another way.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ScanFallback } from '../shared/io/read/field-scan';
import { repeatsOf } from '../shared/analysis/stream/aggregate';
import { prepareScan, scanChunks, sendPart, stopAll, unpackLists, type ChunkJob, type PackedLists, type SentPart } from './scan-range';

/**
 * What the worker posts back: its chunks' tallies (their lists packed, sendPart: a few large
 * arrays rather than hundreds of small ones, which took the main thread 10-15 ms to receive), or
 * why it stopped.
 */
export type ScanWorkerReply = ({ parts: { from: number; to: number; part: SentPart }[] } & { timings: { ready: number; started: number; tallied: number } }) | { fallback: string };

/**
 * The second job a worker may get after its parts: the repeated patients of buckets [from, to)
 * of every part's key records (all parts, in file order; shared memory, read where it lies), with
 * each part's centre codes' groups (partGroups). Answered with the repeats found, as (part,
 * bucket, at) triples, or null when they could not be found here.
 */
export interface RepeatsJob {
  keyBuckets: PackedLists[];
  groupOf: Int32Array[];
  buckets: [number, number];
}
export type RepeatsReply = { repeats: Int32Array } | { repeats: null };

/**
 * Every typed array's buffer in the parts, to move them to the other thread; not shared memory
 * (the walker's key records), which the other thread reads where it is.
 */
export function transferList(parts: readonly object[]): ArrayBuffer[] {
  const buffers: ArrayBuffer[] = [];
  const push = (view: ArrayBufferView): void => { if (!(view.buffer instanceof SharedArrayBuffer)) buffers.push(view.buffer as ArrayBuffer); };
  const add = (value: unknown): void => {
    if (ArrayBuffer.isView(value)) push(value);
    // Lists of typed arrays, and packed lists ({ data, starts, ends }).
    else if (Array.isArray(value)) for (const item of value) { if (ArrayBuffer.isView(item)) push(item); }
    else if (value !== null && typeof value === 'object' && 'data' in value && 'starts' in value && 'ends' in value) { add(value.data); add(value.starts); add(value.ends); }
  };
  for (const part of parts) for (const value of Object.values(part)) add(value);
  return [...new Set(buffers)];
}

// The worker is started before the job is known (its start-up overlaps the main thread's reading
// of the header), so the job comes as the first message.
if (parentPort) {
  const port = parentPort;
  // The walker and its memory are made now, while the main thread loads the command and reads the
  // header: the job then starts straight away.
  const setup = prepareScan();
  const ready = performance.timeOrigin + performance.now();
  // Tell the main thread, which cuts the file a little differently for a worker still starting.
  const flag = (workerData as { ready?: Int32Array } | null)?.ready;
  if (flag) Atomics.store(flag, 0, 1);
  port.once('message', (job: ChunkJob) => {
    // When the job began and ended, in ms since the main thread started: the main thread prints
    // them under MSVW_TRACE (a worker's own stderr may be lost when it is ended straight after).
    const since = (): number => performance.timeOrigin + performance.now() - (job.processStart ?? performance.timeOrigin);
    const started = since();
    scanChunks(job, setup, 1).then(
      (result) => {
        if ('fallback' in result) { port.postMessage({ fallback: result.fallback } satisfies ScanWorkerReply); return; }
        const parts = result.parts.map(({ from, to, part }) => ({ from, to, part: sendPart(part) }));
        // Then, it may be asked to find the repeated patients of some buckets, with its walker
        // (which has finished walking), while the main thread does the others.
        port.once('message', (repeatsJob: RepeatsJob) => {
          try {
            const found = repeatsOf(repeatsJob.keyBuckets.map((packed) => ({ keyBuckets: unpackLists(packed) })), repeatsJob.groupOf, setup.indexer, repeatsJob.buckets);
            const flat = new Int32Array(3 * found.length);
            found.forEach((r, k) => flat.set([r.part, r.bucket, r.at], 3 * k));
            port.postMessage({ repeats: flat } satisfies RepeatsReply, [flat.buffer]);
          } catch {
            port.postMessage({ repeats: null } satisfies RepeatsReply);
          }
        });
        port.postMessage({ parts, timings: { ready: ready - (job.processStart ?? performance.timeOrigin), started, tallied: since() } } satisfies ScanWorkerReply, transferList(parts.map((p) => p.part)));
      },
      (error: unknown) => {
        stopAll(job.claims);
        port.postMessage({ fallback: error instanceof ScanFallback ? error.reason : `the second thread stopped (${error instanceof Error ? error.message : String(error)})` } satisfies ScanWorkerReply);
      },
    );
  });
}
