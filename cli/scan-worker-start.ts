/**
 * The second thread of `msvw analyse` (scan-worker.ts), started as msvw starts (by bin/msvw.js, else by msvw.ts) when the command
 * is analyse and a file it names is large enough to be split, so the worker's own start-up (55-100
 * ms here, most of it Node setting up the thread) overlaps the loading of the command and the reading of the file's header rather than
 * following them. analyse-aggregate.ts takes it (takeScanWorker) when it tallies that file; a
 * worker not taken is unreferenced, so it never keeps msvw running, and ends with the process.
 */
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { asksForHelp } from './args';

/** Files from this size are split over two threads (MSVW_PARALLEL_MIN_BYTES overrides, for tests). */
export const PARALLEL_MIN_BYTES = 8 << 20;

/** The size from which a file is split over two threads. */
export function parallelMinBytes(): number {
  const given = Number(process.env.MSVW_PARALLEL_MIN_BYTES);
  return process.env.MSVW_PARALLEL_MIN_BYTES !== undefined && Number.isFinite(given) ? given : PARALLEL_MIN_BYTES;
}

/** Whether a second thread may be used at all here (MSVW_STREAM=0 and MSVW_SPLIT, for tests, rule it out). */
export function secondThreadAllowed(): boolean {
  return process.env.MSVW_STREAM !== '0' && !process.env.MSVW_SPLIT && availableParallelism() > 1;
}

/** The compiled scan worker beside the CLI's entry (out/cli/scan-worker.js), if there is one. */
export function workerFile(): string | null {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const candidate of [path.join(here, 'scan-worker.js'), path.join(here, '..', 'scan-worker.js')]) {
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

/** A scan worker, and a flag it sets (to 1) once its walker is made and it can take a job at once. */
export interface ScanWorker {
  worker: Worker;
  ready: Int32Array;
}

/** Start the scan worker in `script` (unreferenced until taken; it waits for its job). */
export function startScanWorker(script: string): ScanWorker {
  const ready = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(script, { workerData: { ready } });
  worker.unref();
  return { worker, ready };
}

let started: { file: string; scan: ScanWorker } | null = null;

/**
 * Start the scan worker for `msvw analyse <args>` when one of the arguments is a regular file of
 * at least parallelMinBytes() (the analysis decides later whether it takes it).
 */
export function prestartScanWorker(args: readonly string[]): void {
  if (started || asksForHelp(args) || !secondThreadAllowed()) return;
  const min = parallelMinBytes();
  const file = args.find((arg) => {
    if (arg.startsWith('-')) return false;
    try {
      const s = statSync(arg);
      return s.isFile() && s.size >= min;
    } catch {
      return false;
    }
  });
  const script = file === undefined ? null : workerFile();
  if (file === undefined || !script) return;
  try {
    const scan = startScanWorker(script);
    // A worker that fails to start is simply not used (analyse-aggregate.ts starts its own or reads on one thread).
    scan.worker.on('error', () => { if (started?.scan === scan) started = null; });
    started = { file: path.resolve(file), scan };
  } catch {
    started = null;
  }
}

/** The worker started for this file, if there is one (referenced again: the caller waits for it). */
export function takeScanWorker(file: string): ScanWorker | null {
  if (!started || started.file !== path.resolve(file)) return null;
  const { scan } = started;
  started = null;
  scan.worker.ref();
  return scan;
}
