/**
 * The common records of a delimited text walked in WebAssembly (wasm/records.wat), so that
 * FieldScanner (field-scan.ts) looks only at the fields it needs: a streamed `msvw analyse` reads 5
 * of the benchmark extract's 28 columns, and the other 23 need at most a shape test (a value that
 * might be an identifier, a date later than its column's latest). The module hands back, per
 * record it could settle, the fields the scanner must read; it stops before any record it cannot
 * settle (a quote, a CR, a ragged or blank line, a value with spaces at an end, a value shaped like
 * a postcode or NHS number), which the scanner then reads byte by byte exactly as before. The
 * values a streamed tally reads (dates, the patient id's hash, centre codes and names) it also
 * reads itself where it can do so exactly as the scanner would: a date from the day table the
 * scanner fills as it reads each new date by the import's own rule, a label from the table of
 * labels the scanner has given codes to, and an id's hash when no identifier check could stop
 * at it. Anything else is handed over as a field, as before. Where
 * WebAssembly is not available (or a Content-Security-Policy forbids compiling it) there is no
 * indexer and every record is read byte by byte: the index is only a faster way to the same
 * fields, and tests check that both ways agree on every input they are given. Bytes read straight
 * into the walker's memory (inputBuffer) are walked where they lie, with no copy.
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
  /** FieldMode.DAY: a date the day table holds is handed over read (its table word); others as EMIT. */
  DAY: 3,
  /** FieldMode.HASH: an id no identifier check could stop at is handed over read (its two hash words); others as EMIT. */
  HASH: 4,
  /** FieldMode.LABEL: a value the label table holds is handed over read (its code); others as EMIT. */
  LABEL: 5,
} as const;

/** A field handed over read is written as its column plus this (RecordBatch.words). */
export const RESOLVED = 65_536;

/**
 * The day table's slots: one per yyyy-mm-dd as written with year ISO_FIRST_YEAR to
 * ISO_FIRST_YEAR + ISO_YEARS - 1, month 0-12 and day 0-31 (isoSlot in field-scan.ts and records.wat).
 */
export const ISO_FIRST_YEAR = 1900;
export const ISO_YEARS = 256;
export const ISO_SLOTS = ISO_YEARS * 13 * 32;

/** One walk: the records settled, and where and why it stopped. */
export interface RecordBatch {
  /**
   * Per settled record: the offset (into buf) of its LF, how many fields follow, then column,
   * start and end (offsets into buf) of each; a quoted DISTINCT value's column is written
   * -1 - column (its bytes are between the quotes). A DAY, HASH or LABEL value read by the walker
   * is written as column + RESOLVED and two words: the day table's word; the two hash words; the
   * label's code. A view reused by the next walk.
   */
  words: Int32Array;
  /** Offset (into buf) where the walk stopped. */
  stop: number;
  /** 0 no whole record is left (the bytes end before a line feed), 1 the record at stop is not settled, 2 the output is full (walk on from stop). */
  reason: 0 | 1 | 2;
}

/** Walks the records of bytes loaded into it. One per thread; used by one scanner at a time. */
export interface RecordIndexer {
  /**
   * A buffer of `capacity` bytes in the walker's own memory: bytes read into it are walked where
   * they lie (load() copies nothing). Valid until the next inputBuffer call (or a load of bytes
   * that are not in it and do not fit its room).
   */
  inputBuffer(capacity: number): Uint8Array;
  /**
   * Take buf[start, end) (copied in unless it lies in inputBuffer()), with the columns' classes
   * (RecordClass) and the delimiter, for `owner` (the scanner): a new owner starts with an empty
   * label table (label codes are a scanner's own).
   */
  load(buf: Uint8Array, start: number, end: number, classes: Uint8Array, delimiter: number, owner: object): void;
  /**
   * Walk from offset `from` (into the loaded buf) to its end. `latest` holds each column's latest
   * yyyy-mm-dd date so far (10 bytes per column, first byte 0 for none): an older copy only hands
   * over more values.
   */
  walk(from: number, latest: Uint8Array): RecordBatch;
  /**
   * The day table (ISO_SLOTS words, zero until written): the scanner writes in each slot what it
   * read a date there as (never 0). A view valid until the walker's memory grows (inputBuffer, load).
   */
  dayTable(): Int32Array;
  /** Column `column`'s value buf[s, e) has code `code` for the current owner: the walker reads it itself from now on (while its table has room). */
  addLabel(column: number, buf: Uint8Array, s: number, e: number, code: number): void;
}

/** Most columns a walker takes (their classes and latest dates share its first 64 KiB with the status words). */
export const RECORD_INDEX_MAX_COLUMNS = 5_000;

const PAGE = 65_536;
/** Output words per walk (4 MiB): a 4 MiB buffer of the benchmark extract's records in one walk. */
const OUT_WORDS = 1 << 20;

interface Exports {
  memory: WebAssembly.Memory;
  records(src: number, end: number, out: number, outEnd: number, ncols: number, delim: number, classes: number, latest: number, shift: number, days: number, table: number, mask: number): number;
  label_add(column: number, at: number, length: number, code: number, table: number, mask: number): void;
}

/** Label table entries (four words each; kept at most half full), the bytes kept for labels, and the longest label kept. */
const LABEL_SLOTS = 8_192;
const LABEL_BYTES = 256 << 10;
const LABEL_MAX_LENGTH = 256;

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
  // Layout: status words (stop, reason) at 0, classes at 16, latest dates after them, all in the
  // first 64 KiB; the day table, the label table and its bytes; then the input (and 16 bytes a SIMD
  // load may read past its end); then the output.
  const CLASSES = 16;
  const DAYS = PAGE;
  const TABLE = DAYS + 4 * ISO_SLOTS;
  const ARENA = TABLE + 16 * LABEL_SLOTS;
  const INPUT = align(ARENA + LABEL_BYTES);
  let bytes = new Uint8Array(memory.buffer);
  let words = new Int32Array(memory.buffer);
  let days = new Int32Array(0);
  /** Grow the memory to `size` bytes (fresh pages are zero), renewing the views. */
  const grow = (size: number): void => {
    if (size <= memory.buffer.byteLength) return;
    memory.grow(Math.ceil((size - memory.buffer.byteLength) / PAGE));
    bytes = new Uint8Array(memory.buffer);
    words = new Int32Array(memory.buffer);
    days = new Int32Array(memory.buffer, DAYS, ISO_SLOTS);
  };
  grow(INPUT);
  days = new Int32Array(memory.buffer, DAYS, ISO_SLOTS);
  let room = 0;
  let outputAt = 0;
  let latestAt = 0;
  let ncols = 0;
  let delim = 0;
  /** Where the loaded bytes lie in memory, and the offset into buf of the first. */
  let src = 0;
  let base = 0;
  let length = 0;
  /** The label table's owner, its entries and the bytes its labels take. */
  let owner: object | null = null;
  let labels = 0;
  let labelBytes = 0;
  /** Room for `capacity` input bytes (the memory grows, which moves the output on). */
  const ensure = (capacity: number): void => {
    if (capacity <= room) return;
    room = capacity;
    outputAt = align(INPUT + room + 16);
    grow(outputAt + 4 * OUT_WORDS);
  };
  return {
    inputBuffer(capacity) {
      ensure(capacity);
      return new Uint8Array(memory.buffer, INPUT, capacity);
    },
    load(buf, start, end, classes, delimiter, by) {
      if (classes.length > RECORD_INDEX_MAX_COLUMNS) throw new RangeError(`the record walker takes at most ${RECORD_INDEX_MAX_COLUMNS} columns`);
      if (by !== owner) {
        owner = by;
        words.fill(0, TABLE >> 2, (TABLE >> 2) + 4 * LABEL_SLOTS);
        labels = 0;
        labelBytes = 0;
      }
      ncols = classes.length;
      delim = delimiter;
      latestAt = CLASSES + ncols;
      base = start;
      length = end - start;
      const at = buf.byteOffset + start;
      if (buf.buffer === memory.buffer && at >= INPUT && at + length <= INPUT + room) src = at;
      else {
        ensure(length);
        bytes.set(buf.subarray(start, end), INPUT);
        src = INPUT;
      }
      bytes.set(classes, CLASSES);
    },
    walk(from, latest) {
      bytes.set(latest.subarray(0, 10 * ncols), latestAt);
      // Offsets written as offsets into buf (memory address + shift).
      const shift = base - src;
      const count = exports.records(src + (from - base), src + length, outputAt, outputAt + 4 * OUT_WORDS, ncols, delim, CLASSES, latestAt, shift, DAYS, TABLE, LABEL_SLOTS - 1);
      const out = words.subarray(outputAt >> 2, (outputAt >> 2) + count);
      return { words: out, stop: words[0] + shift, reason: words[1] as 0 | 1 | 2 };
    },
    dayTable() {
      return days;
    },
    addLabel(column, buf, s, e, code) {
      const len = e - s;
      if (len > LABEL_MAX_LENGTH || 2 * (labels + 1) > LABEL_SLOTS || labelBytes + len > LABEL_BYTES || column >= RECORD_INDEX_MAX_COLUMNS) return;
      bytes.set(buf.subarray(s, e), ARENA + labelBytes);
      exports.label_add(column, ARENA + labelBytes, len, code, TABLE, LABEL_SLOTS - 1);
      labelBytes += len;
      labels++;
    },
  };
}
