/**
 * The second thread of `msvw analyse` (cli/commands/analyse-aggregate.ts): it tallies the second
 * half of the file while the main thread tallies the first, and posts its tally back (typed arrays
 * moved, not copied). A scan that cannot be read exactly as the import would read it answers with
 * the reason, and the main thread then reads the file another way.
 */
import { parentPort } from 'node:worker_threads';
import { ScanFallback } from '../shared/io/read/field-scan';
import type { TallyPart } from '../shared/analysis/stream/aggregate';
import { scanRange, type RangeJob } from './scan-range';

/** What the worker posts back. */
export type ScanWorkerReply = { part: TallyPart; timings: { started: number; tallied: number } } | { fallback: string };

/** Every typed array's buffer in a part, to move it to the other thread. */
export function transferList(part: TallyPart): ArrayBuffer[] {
  const buffers: ArrayBuffer[] = [];
  for (const value of Object.values(part)) {
    if (ArrayBuffer.isView(value)) buffers.push(value.buffer as ArrayBuffer);
  }
  for (const w of part.waits) buffers.push(w.buffer as ArrayBuffer);
  return [...new Set(buffers)];
}

// The worker is started before the job is known (its start-up overlaps the main thread's reading
// of the header), so the job comes as the first message.
if (parentPort) {
  const port = parentPort;
  port.once('message', (job: RangeJob) => {
    // When the job began and ended, in ms since the main thread started: the main thread prints
    // them under MSVW_TRACE (a worker's own stderr may be lost when it is ended straight after).
    const since = (): number => performance.timeOrigin + performance.now() - (job.processStart ?? performance.timeOrigin);
    const started = since();
    scanRange(job).then(
      (part) => port.postMessage({ part, timings: { started, tallied: since() } } satisfies ScanWorkerReply, transferList(part)),
      (error: unknown) => port.postMessage({ fallback: error instanceof ScanFallback ? error.reason : `the second thread stopped (${error instanceof Error ? error.message : String(error)})` } satisfies ScanWorkerReply),
    );
  });
}
