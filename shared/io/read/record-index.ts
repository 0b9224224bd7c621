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
import { WASM_BASE64, WASM_SHARED_BASE64 } from './wasm/records.wasm';

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
/** A record whose row the walker tallied has this added to its count of fields (RecordBatch.words). */
export const TALLIED = 0x4000_0000;
/** A run of tallied records with no field to hand over: one entry, the count of records and this (RecordBatch.words). */
export const TALLIED_RUN = 0x2000_0000;

/** Key records of a tally: 2^TALLY_KEY_BUCKET_BITS lists by the top bits of the key's hash, TALLY_KEY_STRIDE words each (TallyPart.keyBuckets). */
export const TALLY_KEY_BUCKET_BITS = 7;
export const TALLY_KEY_STRIDE = 7;
/** A missing day in the walker's tally (and in key records). */
export const TALLY_MISSING_DAY = -0x8000_0000;

/** What the walker tallies (TallyScan, shared/analysis/stream/aggregate.ts): the columns, and the dates the row's kind depends on. */
export interface TallyConfig {
  centre: number;
  start: number;
  end: number;
  /** The patient id column, or -1. */
  key: number;
  /** Intervals with a date after this day are invalid. */
  bound: number;
  runDate: number;
  earliest: number;
}

/**
 * The walker's own tally (its rows only), read and added to the scanner's by TallyScan.part().
 * Each array is a new view of the walker's memory when asked for (valid until the memory grows:
 * inputBuffer, load), so hold one only while using it.
 */
export interface WalkerTally {
  /** Per centre code (below maxCodes): 1 when the walker may tally its rows (TallyScan sets it), and the hash of its label. */
  readonly ready: Int32Array;
  readonly labelHash: Int32Array;
  readonly rows: Int32Array;
  readonly missingStart: Int32Array;
  readonly invalid: Int32Array;
  /** Completed waits: [code * waitDays + days]. */
  readonly waits: Int32Array;
  /** Completed waits by start day (index day - earliest). */
  readonly startDays: Int32Array;
  /** Per centre code its longest wait plus one (0: it has none; waits has none longer). */
  readonly longestWait: Int32Array;
  /** Open clocks: codes and start days (openCount() of each). */
  readonly openCentre: Int32Array;
  readonly openStart: Int32Array;
  /** Key records per bucket, and the records (bucket b's from word b * bucketRecords * TALLY_KEY_STRIDE). */
  readonly keyCounts: Int32Array;
  readonly keys: Int32Array;
  /**
   * Where the walker's memory is shared between threads (createRecordIndexer's `shared`): the key
   * records stay where they are, for views of them to be the part's (another thread reads them
   * where they lie), and the next tally writes its own elsewhere; answers true. Else false (the
   * records must be copied out before the next tally).
   */
  keepKeys(): boolean;
  maxCodes: number;
  waitDays: number;
  bucketRecords: number;
  /** The state words: latest date not after the run date, first and last start day, open clocks, largest code with a wait. */
  latest(): number;
  startRange(): [number, number];
  openCount(): number;
  largestCodeWithWait(): number;
  /**
   * Write centre code c's waits once before the walker may count into them (before ready[c] is
   * set): a count reads then writes, and fresh pages read before they are written are slow here.
   * Only the rows of codes in use are written, not the whole table.
   */
  prepareWaits(c: number): void;
}

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
   * label's code. A record the walker tallied (startTally) has TALLIED added to its count, and a
   * run of them with nothing to hand over is one entry: the count of records, TALLIED_RUN. A view
   * reused by the next walk.
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
   * over more values. `rowBase` is the row number of the first record (for the tally's key records).
   */
  walk(from: number, latest: Uint8Array, rowBase?: number): RecordBatch;
  /**
   * The day table (ISO_SLOTS words, zero until written): the scanner writes in each slot what it
   * read a date there as (never 0). A view valid until the walker's memory grows (inputBuffer, load).
   */
  dayTable(): Int32Array;
  /** Column `column`'s value buf[s, e) has code `code` for the current owner: the walker reads it itself from now on (while its table has room). */
  addLabel(column: number, buf: Uint8Array, s: number, e: number, code: number): void;
  /**
   * From now on the walker tallies the rows it can of `owner`'s walks itself (records.wat
   * tally_row), into an empty tally; null when the tally's dates do not fit its table. Unless the
   * walker was made with `tally`, the first call grows its memory (views inputBuffer gave end).
   */
  startTally(owner: object, config: TallyConfig): WalkerTally | null;
  /**
   * Make the tally's memory and write it once now, as the first startTally does otherwise: fresh
   * pages are slow to read before they are written here, and a thread waiting for its job
   * (cli/scan-worker.ts) can do this beforehand. Unless the walker was made with `tally`, this
   * grows its memory (views inputBuffer gave end).
   */
  prepareTally(): void;
  /**
   * Repeated keys of one bucket of key records (TALLY_KEY_STRIDE words each: hash, the id's two
   * words, centre code, ...), its lists in file order, each list's centre codes mapped to groups
   * by `groups` (the same list): per list, the word offsets of the records whose id and group an
   * earlier record has (records.wat repeats). Uses the walker's memory: not while it walks.
   */
  repeats(lists: readonly Int32Array[], groups: readonly Int32Array[]): Int32Array[];
}

/** Most columns a walker takes (their classes and latest dates share its first 64 KiB with the status words). */
export const RECORD_INDEX_MAX_COLUMNS = 5_000;

const PAGE = 65_536;
/** Output words per walk (4 MiB): a 4 MiB buffer of the benchmark extract's records in one walk. */
const OUT_WORDS = 1 << 20;
/** Output words of a new owner's first walk (a few hundred records). */
const FIRST_WALK_WORDS = 4_096;

interface Exports {
  memory: WebAssembly.Memory;
  records(src: number, end: number, out: number, outEnd: number, ncols: number, delim: number, classes: number, latest: number, shift: number, days: number, table: number, mask: number, tally: number): number;
  label_add(column: number, at: number, length: number, code: number, table: number, mask: number): void;
  repeats(records: number, count: number, groups: number, table: number, mask: number, out: number, generation: number): number;
}

/** Label table entries (four words each; kept at most half full), the bytes kept for labels, and the longest label kept. */
const LABEL_SLOTS = 8_192;
const LABEL_BYTES = 256 << 10;
const LABEL_MAX_LENGTH = 24;

/**
 * The walker's tally: centre codes, days of wait and open clocks it has room for, key records per
 * bucket, start days (from the earliest plausible date); a row past these is the scanner's to tally.
 */
export interface TallyLimits {
  codes: number;
  waitDays: number;
  open: number;
  bucketRecords: number;
  startDays: number;
}
const TALLY_LIMITS: TallyLimits = { codes: 512, waitDays: 2_048, open: 1 << 18, bucketRecords: 8_192, startDays: 1 << 16 };
/** Words of the tally block (records.wat: the block's layout). */
const T = { centre: 0, start: 1, end: 2, key: 3, bound: 4, run: 5, earliest: 6, rowBase: 7, latest: 8, lo: 9, hi: 10, open: 11, maxCodes: 12, waitDays: 13, openCap: 14, bucketCap: 15, ready: 16, labelHash: 17, rows: 18, missing: 19, invalid: 20, waits: 21, startDays: 22, openAt: 23, counts: 24, keys: 25, maxCode: 26, longest: 27 } as const;
/** Words per centre code in the tally: ready, label hash, rows, missing starts, invalid intervals, longest wait. */
const PER_CODE_WORDS = 6;

const compiled: { plain?: WebAssembly.Module | null; shared?: WebAssembly.Module | null } = {};

/** The compiled module (its memory shared between threads, or not), or null where WebAssembly (or shared memory) is not available here. */
function wasmModule(shared = false): WebAssembly.Module | null {
  const kind = shared ? 'shared' : 'plain';
  const known = compiled[kind];
  if (known !== undefined) return known;
  try {
    compiled[kind] = new WebAssembly.Module(Uint8Array.from(atob(shared ? WASM_SHARED_BASE64 : WASM_BASE64), (ch) => ch.charCodeAt(0)));
  } catch {
    compiled[kind] = null;
  }
  return compiled[kind] ?? null;
}

const align = (n: number): number => (n + 15) & ~15;

/**
 * A record indexer with its own memory, or null where WebAssembly is not available. `tally`: its
 * tally's memory is made now, before any input buffer (else startTally makes it, which grows the
 * memory and so ends the views inputBuffer gave); the limits: the tally's (tests).
 */
export function createRecordIndexer(options: Partial<TallyLimits> & { tally?: boolean; shared?: boolean } = {}): RecordIndexer | null {
  // Smaller limits (tests) make the rows past them the scanner's sooner.
  const { codes: TALLY_CODES, waitDays: TALLY_WAIT_DAYS, open: TALLY_OPEN, bucketRecords: TALLY_BUCKET_RECORDS, startDays: TALLY_START_DAYS } = { ...TALLY_LIMITS, ...options };
  const shared = options.shared === true && wasmModule(true) !== null;
  const mod = wasmModule(shared);
  if (!mod) return null;
  let exports: Exports;
  try {
    exports = new WebAssembly.Instance(mod).exports as unknown as Exports;
  } catch {
    return null;
  }
  const memory = exports.memory;
  // Layout: status words (stop, reason) at 0, the walker's four search bytes at 8 (records.wat), classes at 16, latest dates after them, all in the
  // first 64 KiB; the day table, the label table and its bytes; then the input (and 64 bytes a SIMD
  // load may read past its end) and the output; the tally's memory (made by startTally) after
  // them, and the input and output move past it when they need more room. Memory is made only as
  // it is needed: a walker's memory counts as external memory to the JavaScript heap, and more of
  // it makes the garbage collector run more often.
  const CLASSES = 16;
  const DAYS = PAGE;
  const TABLE = DAYS + 4 * ISO_SLOTS;
  const ARENA = TABLE + 16 * LABEL_SLOTS;
  const FIXED_END = align(ARENA + LABEL_BYTES);
  // The tally: its block, six words per centre code, the waits, start days, open clocks, key counts and records (offsets from its start).
  const PER_CODE = 128;
  const WAITS = PER_CODE + PER_CODE_WORDS * 4 * TALLY_CODES;
  const START_DAYS = WAITS + 4 * TALLY_CODES * TALLY_WAIT_DAYS;
  const OPEN = START_DAYS + 4 * TALLY_START_DAYS;
  const KEY_COUNTS = OPEN + 8 * TALLY_OPEN;
  const KEYS = KEY_COUNTS + 4 * (1 << TALLY_KEY_BUCKET_BITS);
  const KEY_BYTES = 4 * TALLY_KEY_STRIDE * TALLY_BUCKET_RECORDS * (1 << TALLY_KEY_BUCKET_BITS);
  const TALLY_BYTES = align(KEYS + KEY_BYTES);
  /**
   * Shared memory: where the tally's key records go (its own place at first), whether the last
   * tally's were kept by its part (keepKeys: then the next tally's go to a new place, after
   * everything else), and the end of the places so kept.
   */
  let keysAt = 0;
  let keysKept = false;
  let keptEnd = 0;
  /** Where the tally's memory starts (0: not made yet), and the input. */
  let TALLY = 0;
  let INPUT = FIXED_END;
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
  if (options.tally) TALLY = FIXED_END;
  grow(TALLY > 0 ? TALLY + TALLY_BYTES : FIXED_END);
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
  /** The tally's owner (its walks are tallied), and whether its memory was written once (fresh pages are slow to read then write where this runs). */
  let tallyOwner: object | null = null;
  let tallyTouched = false;
  /** Where repeats() last put its table, its slots, and the generation of its last search (records.wat repeats). */
  let repeatTable = -1;
  let repeatSize = 0;
  let repeatGeneration = 0;
  /** Whether a tally has been started (its memory then holds what it wrote, cleared by the next). */
  let tallyUsed = false;
  /** Make the tally's memory and write it once (RecordIndexer.prepareTally). */
  const prepareTally = (): void => {
    if (TALLY === 0) {
      TALLY = align(usedEnd());
      grow(TALLY + TALLY_BYTES);
    }
    if (tallyTouched) return;
    // Written once before use: zero pages read before they are written cost far more here. The
    // waits are written a code at a time, as codes come into use (prepareWaits).
    words.fill(0, (TALLY + PER_CODE) >> 2, (TALLY + WAITS) >> 2);
    words.fill(0, (TALLY + START_DAYS) >> 2, (TALLY + OPEN) >> 2);
    tallyTouched = true;
  };
  /**
   * Output words for the next walk: few at first for a new owner, doubling each walk, so the
   * scanner fills the day and label tables (and settles centre codes) from the first few hundred
   * records, and the walker reads the rest itself rather than a whole buffer's worth first.
   */
  let walkWords = FIRST_WALK_WORDS;
  /** The label table's owner, its entries and the bytes its labels take. */
  let owner: object | null = null;
  let labels = 0;
  let labelBytes = 0;
  /** The end of the memory in use: the output's, or the tally's when that lies after it. */
  const usedEnd = (): number => Math.max(FIXED_END, room > 0 ? outputAt + 4 * OUT_WORDS : 0, TALLY > 0 ? TALLY + TALLY_BYTES : 0, keptEnd);
  /** Room for `capacity` input bytes (the memory grows; the input and output move past the tally's memory). */
  const ensure = (capacity: number): void => {
    if (capacity <= room) return;
    INPUT = align(Math.max(FIXED_END, TALLY > 0 ? TALLY + TALLY_BYTES : 0, keptEnd));
    room = capacity;
    outputAt = align(INPUT + room + 64);
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
        walkWords = FIRST_WALK_WORDS;
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
    walk(from, latest, rowBase) {
      bytes.set(latest.subarray(0, 10 * ncols), latestAt);
      // Offsets written as offsets into buf (memory address + shift).
      const shift = base - src;
      let tally = 0;
      if (tallyOwner !== null && tallyOwner === owner) {
        tally = TALLY;
        words[(TALLY >> 2) + T.rowBase] = rowBase ?? 0;
      }
      const room = Math.min(OUT_WORDS, Math.max(walkWords, 2 + 3 * ncols));
      walkWords = Math.min(OUT_WORDS, walkWords * 2);
      const count = exports.records(src + (from - base), src + length, outputAt, outputAt + 4 * room, ncols, delim, CLASSES, latestAt, shift, DAYS, TABLE, LABEL_SLOTS - 1, tally);
      const out = words.subarray(outputAt >> 2, (outputAt >> 2) + count);
      return { words: out, stop: words[0] + shift, reason: words[1] as 0 | 1 | 2 };
    },
    dayTable() {
      return days;
    },
    prepareTally,
    startTally(by, config) {
      if (config.bound - config.earliest + 1 > TALLY_START_DAYS || config.bound < config.earliest) return null;
      if (!tallyUsed) prepareTally();
      const t = TALLY >> 2;
      if (tallyUsed) {
        // Only what the last tally wrote is cleared.
        words.fill(0, (TALLY + PER_CODE) >> 2, (TALLY + WAITS) >> 2);
        const largest = words[t + T.maxCode];
        if (largest >= 0) words.fill(0, (TALLY + WAITS) >> 2, ((TALLY + WAITS) >> 2) + (largest + 1) * TALLY_WAIT_DAYS);
        if (words[t + T.lo] <= words[t + T.hi]) words.fill(0, ((TALLY + START_DAYS) >> 2) + words[t + T.lo], ((TALLY + START_DAYS) >> 2) + words[t + T.hi] + 1);
        words.fill(0, (TALLY + KEY_COUNTS) >> 2, (TALLY + KEYS) >> 2);
      }
      tallyUsed = true;
      if (keysAt === 0) keysAt = TALLY + KEYS;
      if (keysKept) {
        // The last tally's records belong to its part now: this one's go after everything else
        // (memory only reserved until written; the views the part holds stay valid, as the memory
        // is shared and so never detached as it grows).
        keysAt = align(usedEnd());
        keptEnd = keysAt + KEY_BYTES;
        grow(keptEnd);
        keysKept = false;
      }
      const block = [config.centre, config.start, config.end, config.key, config.bound, config.runDate, config.earliest, 0, TALLY_MISSING_DAY, 0x7fffffff, -1, 0,
        TALLY_CODES, TALLY_WAIT_DAYS, TALLY_OPEN, TALLY_BUCKET_RECORDS, (TALLY + PER_CODE), (TALLY + PER_CODE) + 4 * TALLY_CODES, (TALLY + PER_CODE) + 8 * TALLY_CODES, (TALLY + PER_CODE) + 12 * TALLY_CODES,
        (TALLY + PER_CODE) + 16 * TALLY_CODES, (TALLY + WAITS), (TALLY + START_DAYS), (TALLY + OPEN), (TALLY + KEY_COUNTS), keysAt, -1, (TALLY + PER_CODE) + 20 * TALLY_CODES];
      words.set(block, t);
      tallyOwner = by;
      const view = (at: number, n: number): Int32Array => new Int32Array(memory.buffer, at, n);
      const buckets = 1 << TALLY_KEY_BUCKET_BITS;
      // Views made when asked for (a view is lost when the memory grows).
      return {
        get ready() { return view((TALLY + PER_CODE), TALLY_CODES); },
        get labelHash() { return view((TALLY + PER_CODE) + 4 * TALLY_CODES, TALLY_CODES); },
        get rows() { return view((TALLY + PER_CODE) + 8 * TALLY_CODES, TALLY_CODES); },
        get missingStart() { return view((TALLY + PER_CODE) + 12 * TALLY_CODES, TALLY_CODES); },
        get invalid() { return view((TALLY + PER_CODE) + 16 * TALLY_CODES, TALLY_CODES); },
        get waits() { return view((TALLY + WAITS), TALLY_CODES * TALLY_WAIT_DAYS); },
        get startDays() { return view((TALLY + START_DAYS), TALLY_START_DAYS); },
        get longestWait() { return view((TALLY + PER_CODE) + 20 * TALLY_CODES, TALLY_CODES); },
        get openCentre() { return view((TALLY + OPEN), TALLY_OPEN); },
        get openStart() { return view((TALLY + OPEN) + 4 * TALLY_OPEN, TALLY_OPEN); },
        get keyCounts() { return view((TALLY + KEY_COUNTS), buckets); },
        get keys() { return view(keysAt, TALLY_KEY_STRIDE * TALLY_BUCKET_RECORDS * buckets); },
        maxCodes: TALLY_CODES, waitDays: TALLY_WAIT_DAYS, bucketRecords: TALLY_BUCKET_RECORDS,
        keepKeys: () => {
          if (!shared) return false;
          keysKept = true;
          return true;
        },
        latest: () => words[t + T.latest],
        startRange: () => [words[t + T.lo], words[t + T.hi]],
        openCount: () => words[t + T.open],
        largestCodeWithWait: () => words[t + T.maxCode],
        prepareWaits: (c: number) => {
          if (c >= 0 && c < TALLY_CODES) words.fill(0, ((TALLY + WAITS) >> 2) + c * TALLY_WAIT_DAYS, ((TALLY + WAITS) >> 2) + (c + 1) * TALLY_WAIT_DAYS);
        },
      };
    },
    repeats(lists, groups) {
      let records = 0;
      for (const list of lists) records += list.length / TALLY_KEY_STRIDE;
      let size = 1024;
      while (size < records * 2) size *= 2;
      // After the memory in use: the table (4 words a slot), then a list's records, its groups and its repeats.
      const table = align(usedEnd());
      const recAt = table + 16 * size;
      let largest = 0;
      let groupWords = 0;
      for (let k = 0; k < lists.length; k++) {
        largest = Math.max(largest, lists[k].length);
        groupWords = Math.max(groupWords, groups[k].length);
      }
      const groupAt = recAt + 4 * largest;
      const outAt = groupAt + 4 * groupWords;
      grow(outAt + 4 * (largest / TALLY_KEY_STRIDE) + 16);
      // A slot written by an earlier bucket's search holds another generation, so it reads as empty:
      // the table is cleared only when it moves, grows or the generations run out.
      if (table !== repeatTable || size !== repeatSize || repeatGeneration >= 0x7fffffff) {
        words.fill(0, table >> 2, (table >> 2) + 4 * size);
        repeatTable = table;
        repeatSize = size;
        repeatGeneration = 0;
      }
      const generation = ++repeatGeneration;
      return lists.map((list, k) => {
        words.set(list, recAt >> 2);
        words.set(groups[k], groupAt >> 2);
        const count = exports.repeats(recAt, list.length / TALLY_KEY_STRIDE, groupAt, table, size - 1, outAt, generation);
        return words.slice(outAt >> 2, (outAt >> 2) + count);
      });
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
