/**
 * Reading a large CSV/TSV/semicolon file on two cores. The file is split just after a line end
 * near its middle; a helper (a worker the host provides: shared/ starts no threads) reads the
 * second half with a part reader while this thread reads the first. The halves meet at byte
 * level: the part's distinct values are added to this thread's dictionaries and its codes
 * renumbered, so strings are still made once per distinct value. If the split fell inside a
 * quoted value (the first half does not end cleanly) or the helper fails, the file is read again
 * in one pass, so the result is always exactly that of readDelimited.
 */
import type { ReaderTable } from './notes';
import { createDelimitedReader, type DelimitedOptions, type DelimitedPart, type DelimitedReader } from './delimited';
import type { Delimiter } from './detect';

/** Below this size (32 MB) one pass is as fast as starting a helper. */
export const PARALLEL_MIN_BYTES = 32 * 1024 ** 2;
/** Bytes read first so the header, delimiter and encoding are known before the helper starts. */
const HEAD_BYTES = 1 << 20;
/** Bytes read at a time when looking for the line end to split at. */
const SPLIT_WINDOW = 1 << 16;
const LF = 0x0a;

/** A file that can be read by byte range: bytes in memory, a File (slice().stream()), a file on disk. */
export interface RangeSource {
  size: number;
  /** The bytes [start, end) in one or more chunks. */
  chunks(start: number, end: number): AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
}

/** Bytes in memory as a range source. */
export function bytesSource(bytes: Uint8Array): RangeSource {
  return { size: bytes.length, chunks: (start, end) => [bytes.subarray(start, end)] };
}

/** What the helper is asked to read: bytes [start, end) of the file, with this delimiter and header width. */
export interface PartTask {
  fileName: string;
  delimiter: Delimiter;
  ncols: number;
  start: number;
  end: number;
}

/** Runs a part reader (createPartReader) over a task's bytes, typically in a worker, and hands back the part. */
export type RunPart = (task: PartTask) => Promise<DelimitedPart>;

/** The offset just after the first line end at or after `from` in bytes, or -1 when there is none. */
export function lineStartAfter(bytes: Uint8Array, from: number): number {
  const i = bytes.indexOf(LF, from);
  return i < 0 || i + 1 >= bytes.length ? -1 : i + 1;
}

/** Feed bytes [start, end) of a source to a reader. */
async function feed(source: RangeSource, start: number, end: number, push: (chunk: Uint8Array) => void): Promise<void> {
  if (end <= start) return;
  for await (const chunk of source.chunks(start, end)) push(chunk);
}

/** Where to split: just after the first line end at or after the middle, or -1. */
async function splitPoint(source: RangeSource): Promise<number> {
  for (let at = source.size >> 1; at < source.size; at += SPLIT_WINDOW) {
    const end = Math.min(source.size, at + SPLIT_WINDOW);
    let offset = at;
    let found = -1;
    await feed(source, at, end, (chunk) => {
      if (found < 0) {
        const i = chunk.indexOf(LF);
        if (i >= 0) found = offset + i + 1;
      }
      offset += chunk.length;
    });
    if (found >= 0) return found < source.size ? found : -1;
  }
  return -1;
}

/** Read the whole source in one pass. */
async function onePass(source: RangeSource, fileName: string, options: DelimitedOptions): Promise<ReaderTable> {
  const reader = createDelimitedReader(fileName, options, source.size);
  await feed(source, 0, source.size, (c) => reader.push(c));
  return reader.finish();
}

/** Read a file in two halves on two threads (see the module note); falls back to one pass when that cannot help. */
export async function readDelimitedInParts(
  source: RangeSource,
  fileName: string,
  options: DelimitedOptions,
  runPart: RunPart,
  minBytes = PARALLEL_MIN_BYTES,
): Promise<ReaderTable> {
  if (source.size < minBytes) return onePass(source, fileName, options);
  const split = await splitPoint(source);
  if (split < 0) return onePass(source, fileName, options);
  const main: DelimitedReader = createDelimitedReader(fileName, options, source.size);
  const head = Math.min(HEAD_BYTES, split);
  await feed(source, 0, head, (c) => main.push(c));
  const layout = main.layout();
  if (!layout || layout.encoding !== 'utf-8') return onePass(source, fileName, options);
  const part = runPart({ fileName, delimiter: layout.delimiter, ncols: layout.columns, start: split, end: source.size }).then(
    (p) => p,
    () => null,
  );
  await feed(source, head, split, (c) => main.push(c));
  const clean = main.endSegment();
  const rest = await part;
  if (!clean || !rest) return onePass(source, fileName, options);
  main.mergePart(rest);
  return main.finish();
}
