/**
 * The common records of a delimited text walked in WebAssembly (wasm/records.wat), so that
 * FieldScanner (field-scan.ts) looks only at the fields it needs: a streamed `msvw analyse` reads 5
 * of the benchmark extract's 28 columns, and the other 23 need at most a shape test (a value that
 * might be an identifier, a date later than its column's latest). The module hands back, per
 * record it could settle, the fields the scanner must read; it stops before any record it cannot
 * settle (a quote, a CR, a ragged or blank line, a value with spaces at an end, a value shaped like
 * a postcode or NHS number), which the scanner then reads byte by byte exactly as before. Where
 * WebAssembly is not available (or a Content-Security-Policy forbids compiling it) there is no
 * indexer and every record is read byte by byte: the index is only a faster way to the same
 * fields, and tests check that both ways agree on every input they are given.
 *
 * Hand-written (not a library): no maintained package walks a caller's CSV bytes for a column
 * mask; the fast CSV readers (DuckDB, simdcsv) are native code.
 */
import { WASM_BASE64 } from './wasm/records.wasm';

/** What the scanner needs of a column's values (records.wat). */
export const RecordClass = {
  /** Nothing, unless a value is shaped like an identifier (then the record is read byte by byte). */
  SKIP: 0,
  /** Dates: nothing for a yyyy-mm-dd date not later than the column's latest; other values handed over. */
  DISTINCT: 1,
  /** Every value handed over. */
  EMIT: 2,
} as const;

/** One walk: the records settled, and where and why it stopped. */
export interface RecordBatch {
  /**
   * Per settled record: the offset (into buf) of its LF, how many fields follow, then column,
   * start and end (offsets into buf) of each. A view reused by the next walk.
   */
  words: Int32Array;
  /** Offset (into buf) where the walk stopped. */
  stop: number;
  /** 0 no whole record is left (the bytes end before a line feed), 1 the record at stop is not settled, 2 the output is full (walk on from stop). */
  reason: 0 | 1 | 2;
}

/** Walks the records of bytes loaded into it. One per thread; used by one scanner at a time. */
export interface RecordIndexer {
  /** Copy buf[start, end) in, with the columns' classes (RecordClass) and the delimiter. */
  load(buf: Uint8Array, start: number, end: number, classes: Uint8Array, delimiter: number): void;
  /**
   * Walk from offset `from` (into the loaded buf) to its end. `latest` holds each column's latest
   * yyyy-mm-dd date so far (10 bytes per column, first byte 0 for none): an older copy only hands
   * over more values.
   */
  walk(from: number, latest: Uint8Array): RecordBatch;
}

const PAGE = 65_536;
/** Output words per walk (4 MiB): a 4 MiB buffer of the benchmark extract's records in one walk. */
const OUT_WORDS = 1 << 20;

interface Exports {
  memory: WebAssembly.Memory;
  records(src: number, end: number, out: number, outEnd: number, ncols: number, delim: number, classes: number, latest: number, shift: number): number;
}

let compiled: WebAssembly.Module | null | undefined;

/** The compiled module, or null where WebAssembly is not available (or not allowed) here. */
function wasmModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  try {
    compiled = new WebAssembly.Module(Uint8Array.from(atob(WASM_BASE64), (ch) => ch.charCodeAt(0)));
  } catch {
    compiled = null;
  }
  return compiled;
}

const align = (n: number): number => (n + 15) & ~15;

/** A record indexer with its own memory, or null where WebAssembly is not available. */
export function createRecordIndexer(): RecordIndexer | null {
  const mod = wasmModule();
  if (!mod) return null;
  let exports: Exports;
  try {
    exports = new WebAssembly.Instance(mod).exports as unknown as Exports;
  } catch {
    return null;
  }
  const memory = exports.memory;
  let bytes = new Uint8Array(memory.buffer);
  let words = new Int32Array(memory.buffer);
  // Layout: status (stop, reason) at 0; then classes, latest dates, input, output.
  const CLASSES = 16;
  let latestAt = 0;
  let inputAt = 0;
  let outputAt = 0;
  let ncols = 0;
  let delim = 0;
  let base = 0;
  let length = 0;
  return {
    load(buf, start, end, classes, delimiter) {
      ncols = classes.length;
      delim = delimiter;
      base = start;
      length = end - start;
      latestAt = align(CLASSES + ncols);
      inputAt = align(latestAt + 10 * ncols);
      outputAt = align(inputAt + length);
      const need = outputAt + 4 * OUT_WORDS;
      if (need > memory.buffer.byteLength) {
        memory.grow(Math.ceil((need - memory.buffer.byteLength) / PAGE));
        bytes = new Uint8Array(memory.buffer);
        words = new Int32Array(memory.buffer);
      }
      bytes.set(classes, CLASSES);
      bytes.set(buf.subarray(start, end), inputAt);
    },
    walk(from, latest) {
      bytes.set(latest.subarray(0, 10 * ncols), latestAt);
      // Offsets written as offsets into buf (memory address + shift).
      const shift = base - inputAt;
      const count = exports.records(inputAt + (from - base), inputAt + length, outputAt, outputAt + 4 * OUT_WORDS, ncols, delim, CLASSES, latestAt, shift);
      const out = words.subarray(outputAt >> 2, (outputAt >> 2) + count);
      return { words: out, stop: words[0] + shift, reason: words[1] as 0 | 1 | 2 };
    },
  };
}
