/**
 * A second, narrower delimited-text scanner: it finds every field boundary of every record
 * (quotes, doubled quotes, CRLF, blank lines, as the full reader does) but keeps only the fields a
 * column mask asks for, straight from the bytes, with no string per cell.
 *
 * Why a second scanner exists: the full reader (delimited.ts) builds every column of the file,
 * which the app needs (it shows every column). A headless question such as `msvw analyse` needs
 * a handful of the 28 columns of a patient extract; skipping the rest at byte level takes the
 * 1M-row benchmark extract from the full reader's ~3 s and ~600 MB to well under a second and a
 * fraction of the file's size (bench case `cli-analyse`, README "Speed").
 *
 * When the full reader is used instead: this scanner accepts only what it can read exactly as the
 * full reader would. Anything else stops the scan with a ScanFallback (the caller then reads the
 * file the usual way): a byte outside ASCII (the full reader settles the encoding), a ragged row
 * or an unterminated quote (the full reader reports those rows with its own messages), text after
 * a closing quote, or a value in a column that might be a direct identifier (an NHS number, a full
 * postcode, or for the patient id a person's name): the full import's identifier guard decides
 * those, with every value in view.
 *
 * Field rules (the full reader's): spaces before a field are skipped; an unquoted field ends at
 * the delimiter or line end and loses its trailing spaces, a quote inside it is an ordinary byte;
 * a quoted field keeps its content as is, with "" read as "; an empty field is missing; a record
 * with no value at all is a blank line (skipped, not counted); CR, LF and CRLF end records.
 *
 * Two ways through the bytes, same fields: byte by byte (pushBytes), or, where the host gives a
 * record walker (record-index.ts: WebAssembly, which the CLI has), the walker settles the plain
 * records and hands over only the fields this scanner must read, and pushBytes reads the rest (a
 * quoted value, a CR, a ragged or blank line, a value that might be an identifier). The walker
 * took the benchmark extract's single-thread scan from about 0.95 s to 0.7 s (bench case
 * cli-analyse); tests/shared/io/read/record-index.test.ts checks both ways agree.
 */
import { isFullPostcode, looksLikePersonName } from '../identifiers';
import { nhsDigits } from '../../privacy/nhs-number';
import { isoFromDays } from '../../data/table';
import { parseDate } from '../types/dates';
import { EARLIEST_PLAUSIBLE_DATE } from '../validate';
import { isMissingToken } from '../types/numbers';
import { ISO_FIRST_YEAR, ISO_SLOTS, ISO_YEARS, RECORD_INDEX_MAX_COLUMNS, RESOLVED, RecordClass, TALLIED, TALLIED_RUN, type RecordIndexer } from './record-index';

/** What the scanner does with each column. */
export const FieldMode = {
  /** Find the field's end only (and check it cannot be an identifier). */
  SKIP: 0,
  /**
   * For a date column the analysis does not read: its latest ISO date (yyyy-mm-dd) between
   * 1900-01-01 and the run date, and its distinct values written any other way (whose day/month
   * order the import infers from all of them). Enough for the import's default as-of date.
   */
  DISTINCT: 1,
  /** Keep distinct values and a code per row: a dictionary-encoded column like the full reader's. */
  CODES: 2,
  /**
   * A code per row for equal values (duplicate detection), without decoding them: values longer
   * than a missing marker become PLACEHOLDER_VALUE. Used for the patient id, which the headless
   * analysis needs only to find repeated patients; it is checked like a SKIP column.
   */
  KEYS: 3,
  /**
   * Streamed tallies (analysis/stream/aggregate.ts): a code for the current row only, no per-row
   * array (the row sink reads `labelOf(column)`, which interns the value on first ask). Values kept
   * in a dictionary as CODES does.
   */
  LABEL: 4,
  /**
   * A date the analysis reads, for the current row only (`day[column]`, NaN when missing): yyyy-mm-dd
   * values read by the import's own rule (parseDate, cached per value; dates before 1900 cleared as
   * the import clears them), missing markers missing, and any other value stops the scan
   * (ScanFallback): the import would infer the column's day/month order from all its values.
   */
  DAY: 5,
  /**
   * The patient id, for the current row only: a 64-bit hash of its bytes (`keyHash1`, `keyHash2`,
   * `keyPresent`), so repeated patients can be found without keeping the ids. Checked like KEYS.
   */
  HASH: 6,
} as const;
export type FieldModeCode = (typeof FieldMode)[keyof typeof FieldMode];

/** A LABEL column's value on the current row, not interned yet (FieldScanner.labelOf). */
const LABEL_PENDING = -2;

/** The text a KEYS column's values are given (never a patient's id; never a missing marker). */
export const PLACEHOLDER_VALUE = '(not decoded)';
/** Values up to this many bytes are decoded in a KEYS column, so missing markers (NA, NULL, n/a...) stay recognisable. */
export const KEYS_DECODED_MAX_BYTES = 4;

/**
 * Day number of each ISO slot read so far, shared by every scanner of this thread (parseDate is
 * a pure function): 0 not read yet, DAY_NOT_KEPT not a date the import keeps, else the day number
 * less EARLIEST_PLAUSIBLE_DATE plus DAY_HELD_OFFSET. Zero-filled and made once, so only the pages
 * of the dates a file holds are ever touched (fresh memory is slow to touch where this runs: a
 * table filled up front for each chunk of a file cost more than the dates it saved reading).
 */
let dayCache: Int32Array | null = null;
const DAY_NOT_KEPT = 1;
const DAY_HELD_OFFSET = 2;

/** The scan cannot read this file exactly as the full reader would: read it the usual way. */
export class ScanFallback extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'ScanFallback';
  }
}

const LF = 10;
const CR = 13;
const SPACE = 32;
const QUOTE = 34;
const DASH = 45;
const ZERO = 48;
/** FNV-1a 32-bit (Fowler, Noll, Vo): offset basis and prime. */
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** Distinct byte strings of one column, in first-seen order, kept in one byte arena (no string per value until the end). */
export class ByteDictionary {
  private slots: Int32Array;
  private hashes = new Int32Array(256);
  private starts = new Int32Array(257);
  private arena = new Uint8Array(4096);
  size = 0;
  /** Code + 1 of each ISO date seen (see isoSlot), so repeated dates skip hashing; made on first use. */
  iso: Int32Array | null = null;

  /** `expected` distinct values sizes the table up front (it grows past that as needed). */
  constructor(expected = 256) {
    let slots = 1 << 10;
    while (slots < expected * 2) slots *= 2;
    this.slots = new Int32Array(slots);
  }

  /** Code of the bytes buf[s, e), adding them when new. */
  intern(buf: Uint8Array, s: number, e: number): number {
    // Four bytes per multiply (the chain of multiplies is what costs), then byte by byte; the
    // MurmurHash3 finaliser spreads every bit into the slot bits.
    let h = FNV_OFFSET;
    let k = s;
    for (; k + 4 <= e; k += 4) h = Math.imul(h ^ (buf[k] | (buf[k + 1] << 8) | (buf[k + 2] << 16) | (buf[k + 3] << 24)), FNV_PRIME);
    for (; k < e; k++) h = Math.imul(h ^ buf[k], FNV_PRIME);
    h = fmix(h);
    const mask = this.slots.length - 1;
    const len = e - s;
    let slot = h & mask;
    for (;;) {
      const entry = this.slots[slot];
      if (entry === 0) break;
      const code = entry - 1;
      if (this.hashes[code] === h) {
        const a = this.starts[code];
        if (this.starts[code + 1] - a === len) {
          let same = true;
          for (let k = 0; k < len; k++) {
            if (this.arena[a + k] !== buf[s + k]) { same = false; break; }
          }
          if (same) return code;
        }
      }
      slot = (slot + 1) & mask;
    }
    const code = this.size++;
    if (code + 1 >= this.hashes.length) {
      const hashes = new Int32Array(this.hashes.length * 2);
      hashes.set(this.hashes);
      this.hashes = hashes;
      const starts = new Int32Array(hashes.length + 1);
      starts.set(this.starts);
      this.starts = starts;
    }
    const at = this.starts[code];
    if (at + len > this.arena.length) {
      const arena = new Uint8Array(Math.max(this.arena.length * 2, at + len));
      arena.set(this.arena);
      this.arena = arena;
    }
    const arena = this.arena;
    for (let k = 0; k < len; k++) arena[at + k] = buf[s + k];
    this.starts[code + 1] = at + len;
    this.hashes[code] = h;
    this.slots[slot] = code + 1;
    if (this.size * 2 > this.slots.length) this.rehash();
    return code;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let code = 0; code < this.size; code++) {
      let slot = this.hashes[code] & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = code + 1;
    }
    this.slots = slots;
  }

  /** Byte length of a value. */
  lengthOf(code: number): number {
    return this.starts[code + 1] - this.starts[code];
  }

  /** The value as text (the scan accepts ASCII only, so each byte is one character). */
  text(code: number): string {
    const a = this.starts[code];
    const e = this.starts[code + 1];
    let out = '';
    // Short values one character at a time; longer ones in slices, to stay under the argument limit.
    for (let k = a; k < e; k += 4096) out += String.fromCharCode(...this.arena.subarray(k, Math.min(e, k + 4096)));
    return out;
  }

  /** Every value as text, in first-seen order. */
  values(): string[] {
    const out = new Array<string>(this.size);
    for (let c = 0; c < this.size; c++) out[c] = this.text(c);
    return out;
  }
}

/** Room for this share more rows than expected from the first read's line lengths. */
const EXPECTED_ROWS_MARGIN = 1.1;

/** Characters of an NHS number as nhsDigits (privacy/nhs-number.ts) accepts it: 10 digits, or 3-3-4 with two separators. */
const NHS_MIN_CHARS = 10;
const NHS_MAX_CHARS = 12;

/** Word 2 of a KEYS value longer than KEY_INLINE_BYTES: its word 0 is then a ByteDictionary code. */
const KEY_LONG = 0xfe << 24;
/** Bytes of a KEYS value packed into its three words (the length goes in the top byte of word 2). */
const KEY_INLINE_BYTES = 11;
/** Rows per bucket aimed at when KEYS values are grouped (a bucket's table then fits in cache). */
const KEY_BUCKET_ROWS = 8192;

/** MurmurHash3's 32-bit finaliser (Appleby): spreads every input bit over the output. */
function fmix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/**
 * The values of a KEYS column, kept per row as packed bytes (12 bytes a row, written in row
 * order) and given codes at the end, bucket by bucket, so each bucket's hash table stays in cache
 * (one random memory access per row into a table for a million distinct ids costs several times
 * more). Equal values get equal codes; codes are not in first-seen order, which nothing reading a
 * KEYS column depends on. Only values that could be missing markers (up to
 * KEYS_DECODED_MAX_BYTES, or with whitespace at an end) are turned into text.
 */
export class KeyColumn {
  private words: Int32Array;
  private readonly long = new ByteDictionary();

  constructor(rows = 1 << 16) {
    this.words = new Int32Array(rows * 3);
  }

  /** Keep the value buf[s, e) of a row. */
  set(row: number, buf: Uint8Array, s: number, e: number): void {
    const at = row * 3;
    if (at + 3 > this.words.length) {
      const next = new Int32Array(Math.max(this.words.length * 2, at + 3));
      next.set(this.words);
      this.words = next;
    }
    const len = e - s;
    if (len > KEY_INLINE_BYTES) {
      this.words[at] = this.long.intern(buf, s, e);
      this.words[at + 1] = 0;
      this.words[at + 2] = KEY_LONG;
      return;
    }
    let w0 = 0, w1 = 0, w2 = len << 24;
    for (let k = 0; k < len; k++) {
      const b = buf[s + k];
      if (k < 4) w0 |= b << (k << 3);
      else if (k < 8) w1 |= b << ((k - 4) << 3);
      else w2 |= b << ((k - 8) << 3);
    }
    this.words[at] = w0;
    this.words[at + 1] = w1;
    this.words[at + 2] = w2;
  }

  /** The text of the value kept at a row, when it could be a missing marker; else null. */
  private textAt(row: number): string | null {
    const w = this.words;
    const at = row * 3;
    if (w[at + 2] === KEY_LONG) {
      const code = w[at];
      const text = this.long.text(code);
      return text.charCodeAt(0) <= SPACE || text.charCodeAt(text.length - 1) <= SPACE ? text : null;
    }
    const len = w[at + 2] >>> 24;
    const first = w[at] & 0xff;
    const lastWord = w[at + ((len - 1) >> 2)] >>> (((len - 1) & 3) << 3);
    if (len > KEYS_DECODED_MAX_BYTES && first > SPACE && (lastWord & 0xff) > SPACE) return null;
    const bytes: number[] = [];
    for (let k = 0; k < len; k++) bytes.push((w[at + (k >> 2)] >>> ((k & 3) << 3)) & 0xff);
    if (len <= KEYS_DECODED_MAX_BYTES || bytes[0] <= SPACE || bytes[len - 1] <= SPACE) return String.fromCharCode(...bytes);
    return null;
  }

  /**
   * Codes for the rows whose code is not -1 (missing), written into `codes`; returns the
   * dictionary the import sees (PLACEHOLDER_VALUE except for possible missing markers).
   */
  resolve(codes: Int32Array): string[] {
    const rows = codes.length;
    const w = this.words;
    let bits = 0;
    while ((KEY_BUCKET_ROWS << bits) < rows && bits < 16) bits++;
    const hashes = new Int32Array(rows);
    const counts = new Int32Array((1 << bits) + 1);
    for (let r = 0; r < rows; r++) {
      if (codes[r] < 0) continue;
      const h = fmix(w[r * 3] ^ fmix(w[r * 3 + 1] ^ fmix(w[r * 3 + 2])));
      hashes[r] = h;
      counts[(bits ? h >>> (32 - bits) : 0) + 1]++;
    }
    for (let b = 0; b < 1 << bits; b++) counts[b + 1] += counts[b];
    const order = new Int32Array(counts[1 << bits]);
    const cursor = counts.slice(0, 1 << bits);
    for (let r = 0; r < rows; r++) if (codes[r] >= 0) order[cursor[bits ? hashes[r] >>> (32 - bits) : 0]++] = r;
    const decoded: (number | string)[] = [];
    let next = 0;
    let table = new Int32Array(1024);
    for (let b = 0; b < 1 << bits; b++) {
      const from = counts[b];
      const to = counts[b + 1];
      let size = 1024;
      while (size < (to - from) * 2) size *= 2;
      // Slots hold [hash, row + 1]: a row's words are compared only when the whole hash matches.
      if (table.length < size * 2) table = new Int32Array(size * 2);
      else table.fill(0, 0, size * 2);
      const mask = size - 1;
      for (let k = from; k < to; k++) {
        const r = order[k];
        const a = r * 3;
        const h = hashes[r];
        let slot = h & mask;
        for (;;) {
          const rep = table[(slot << 1) + 1] - 1;
          if (rep < 0) {
            table[slot << 1] = h;
            table[(slot << 1) + 1] = r + 1;
            const code = next++;
            codes[r] = code;
            // Could it be a missing marker? Short, long (kept whole) or with a space-like byte first: look at its text.
            const len = w[a + 2] >>> 24;
            if (len <= KEYS_DECODED_MAX_BYTES || len > KEY_INLINE_BYTES || (w[a] & 0xff) <= SPACE || ((w[a + ((len - 1) >> 2)] >>> (((len - 1) & 3) << 3)) & 0xff) <= SPACE) {
              const text = this.textAt(r);
              if (text !== null) decoded.push(code, text);
            }
            break;
          }
          if (table[slot << 1] === h) {
            const ra = rep * 3;
            if (w[ra] === w[a] && w[ra + 1] === w[a + 1] && w[ra + 2] === w[a + 2]) {
              codes[r] = codes[rep];
              break;
            }
          }
          slot = (slot + 1) & mask;
        }
      }
    }
    const dictionary = new Array<string>(next).fill(PLACEHOLDER_VALUE);
    for (let k = 0; k < decoded.length; k += 2) dictionary[decoded[k] as number] = decoded[k + 1] as string;
    return dictionary;
  }
}

/** What one column of the scan produced. */
export interface ScannedColumn {
  index: number;
  mode: FieldModeCode;
  /** Distinct values in first-seen order (DISTINCT, CODES; KEYS with placeholders). */
  dictionary: string[];
  /** Code per accepted row, -1 for missing (CODES and KEYS). */
  codes: Int32Array | null;
  /** DISTINCT: the latest ISO date between 1900-01-01 and the run date (day number), or NaN. */
  latestIsoDay: number;
}

/**
 * What is called once per accepted row, after its fields (LABEL, DAY and HASH values are then
 * current). An object with a method rather than a callback: every chunk of a file has its own
 * sink, and a new closure per chunk made the scanner's call site megamorphic (no inlining), which
 * measured slower than the method of one class.
 */
export interface RowSink {
  row(scanner: FieldScanner): void;
}

export interface FieldScanOptions {
  delimiter: number;
  /** Columns in the header. */
  columnCount: number;
  /** Mode per column (length columnCount). */
  modes: readonly FieldModeCode[];
  /** Column names for messages. */
  headers: readonly string[];
  /** 1-based file line of the first record pushed (the line after the header). */
  firstLine: number;
  /** Rows expected (sizes the KEYS column's table up front), if known. */
  expectedRows?: number;
  /** Today as a day number: DISTINCT columns keep their latest ISO date not after it. */
  runDate: number;
  /** A faster all-ASCII test the host may have (Node's buffer.isAscii); default isAscii below. */
  isAscii?: (buf: Uint8Array, start: number, end: number) => boolean;
  /** Whether the file line of each row is kept (rowLines); default true. */
  rowLines?: boolean;
  /** Called once per accepted row (see RowSink). */
  rowSink?: RowSink;
  /**
   * The host's record walker in WebAssembly (record-index.ts), if it has one: push() then reads
   * only the fields it needs of the records the walker settles, and the rest byte by byte.
   */
  indexer?: RecordIndexer | null;
}

/** The bytes buf[s, e) as text (ASCII: one character per byte). */
function asciiText(buf: Uint8Array, s: number, e: number): string {
  return String.fromCharCode(...buf.subarray(s, e));
}

/** Whether the 10 bytes at s are yyyy-mm-dd digits (valid as a date or not). */
function isIsoDate(buf: Uint8Array, s: number): boolean {
  if (buf[s + 4] !== DASH || buf[s + 7] !== DASH) return false;
  return (buf[s] - ZERO >>> 0) < 10 && (buf[s + 1] - ZERO >>> 0) < 10 && (buf[s + 2] - ZERO >>> 0) < 10 && (buf[s + 3] - ZERO >>> 0) < 10
    && (buf[s + 5] - ZERO >>> 0) < 10 && (buf[s + 6] - ZERO >>> 0) < 10 && (buf[s + 8] - ZERO >>> 0) < 10 && (buf[s + 9] - ZERO >>> 0) < 10;
}

/**
 * Cache slot of an ISO date's 10 bytes at s (yyyy-mm-dd, year from ISO_FIRST_YEAR, month 0-12 and
 * day 0-31 as written, valid or not), or -1 for anything else (a day over 31 too: it would share
 * the next month's slot). Only a cache key: the value itself is still read by the import's own
 * date rules. records.wat's isoSlot is the same function.
 */
function isoSlot(buf: Uint8Array, s: number): number {
  if (buf[s + 4] !== DASH || buf[s + 7] !== DASH) return -1;
  const y0 = buf[s] - ZERO, y1 = buf[s + 1] - ZERO, y2 = buf[s + 2] - ZERO, y3 = buf[s + 3] - ZERO;
  const m0 = buf[s + 5] - ZERO, m1 = buf[s + 6] - ZERO, d0 = buf[s + 8] - ZERO, d1 = buf[s + 9] - ZERO;
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) >>> 0 > 9) {
    // Some byte is not a digit (a byte below '0' makes its difference negative, which >>> 0 makes huge).
    if (y0 >>> 0 > 9 || y1 >>> 0 > 9 || y2 >>> 0 > 9 || y3 >>> 0 > 9 || m0 >>> 0 > 9 || m1 >>> 0 > 9 || d0 >>> 0 > 9 || d1 >>> 0 > 9) return -1;
  }
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3 - ISO_FIRST_YEAR;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  if (year < 0 || year >= ISO_YEARS || month > 12 || day > 31) return -1;
  return (year * 13 + month) * 32 + day;
}

/** Whether buf[s, e) is all ASCII: 4 bytes at a time over the aligned middle. */
export function isAscii(buf: Uint8Array, s: number, e: number): boolean {
  let acc = 0;
  let i = s;
  while (i < e && ((buf.byteOffset + i) & 3) !== 0) acc |= buf[i++];
  const words = (e - i) >> 2;
  if (words > 0) {
    const view = new Uint32Array(buf.buffer, buf.byteOffset + i, words);
    for (let k = 0; k < words; k++) acc |= view[k];
    i += words << 2;
  }
  while (i < e) acc |= buf[i++];
  return (acc & 0x80808080) === 0;
}

/** Whether buf[s, e) has a space (a full postcode longer than 7 characters must). */
function hasSpace(buf: Uint8Array, s: number, e: number): boolean {
  for (let k = s; k < e; k++) if (buf[k] === SPACE) return true;
  return false;
}

/** Whether byte b is an ASCII letter. */
function isLetter(b: number): boolean {
  const l = b | 0x20;
  return l >= 97 && l <= 122;
}

/**
 * Scans records pushed in chunks. push() consumes whole records only and returns where the first
 * incomplete one starts, so the caller keeps that tail and appends the next bytes after it.
 */
export class FieldScanner {
  readonly rows: { count: number } = { count: 0 };
  private readonly delim: number;
  private readonly ncols: number;
  private readonly modes: Uint8Array;
  /** What the record walker needs of each column (RecordClass). */
  private readonly classes: Uint8Array;
  private readonly dicts: (ByteDictionary | null)[];
  private readonly keys: (KeyColumn | null)[];
  /** DISTINCT columns: latest ISO date so far as its 10 bytes (10 per column), and as a day number. */
  private readonly latestBytes: Uint8Array;
  private readonly latestDay: Float64Array;
  /** The run date as ISO bytes: later ISO dates are not candidates. */
  private readonly runIso: Uint8Array;
  private codes: (Int32Array | null)[];
  private capacity: number;
  private row = 0;
  private line: number;
  private sourceRows: Int32Array;
  private readonly keepLines: boolean;
  private scratch = new Uint8Array(256);
  /** The last value quotedField read: whether it is in scratch (it had a doubled quote), its length, and the line ends in it. */
  private quotedCopied = false;
  private quotedLength = 0;
  private quotedLines = 0;
  /** LABEL columns: the current row's code (-1 missing, LABEL_PENDING not interned yet: read it with labelOf). */
  readonly label: Int32Array;
  /** LABEL columns: where the current row's value lies in labelBuf, until it is interned. */
  private readonly labelStart: Int32Array;
  private readonly labelEnd: Int32Array;
  private labelBuf: Uint8Array = new Uint8Array(0);
  /** DAY columns: the current row's day number (NaN missing). */
  readonly day: Float64Array;
  /** HASH column: the current row's two 32-bit hashes, and whether it has a value. */
  keyHash1 = 0;
  keyHash2 = 0;
  keyPresent = false;
  /** Lines with no value at all (skipped, as the full reader skips them). */
  blankLines = 0;
  /** Columns in LABEL, DAY or HASH mode (reset at the start of each record). */
  private readonly rowColumns: Int32Array;
  private readonly rowSink: RowSink | undefined;

  constructor(private readonly options: FieldScanOptions) {
    // Sized for the rows expected (a little over), so the columns are not copied as they grow.
    const perRow = options.rowLines !== false || options.modes.some((m) => m === FieldMode.CODES || m === FieldMode.KEYS);
    // Nothing kept per row (a streamed tally): no per-row arrays at all.
    this.capacity = perRow ? Math.max(1 << 16, Math.ceil((options.expectedRows ?? 0) * EXPECTED_ROWS_MARGIN)) : 0x7fffffff;
    this.keepLines = options.rowLines !== false;
    this.sourceRows = new Int32Array(this.keepLines ? this.capacity : 0);
    this.delim = options.delimiter;
    this.ncols = options.columnCount;
    this.modes = Uint8Array.from(options.modes);
    this.classes = Uint8Array.from(options.modes, (m) => {
      switch (m) {
        case FieldMode.SKIP: return RecordClass.SKIP;
        case FieldMode.DISTINCT: return RecordClass.DISTINCT;
        case FieldMode.DAY: return RecordClass.DAY;
        case FieldMode.HASH: return RecordClass.HASH;
        case FieldMode.LABEL: return RecordClass.LABEL;
        default: return RecordClass.EMIT;
      }
    });
    this.dicts = options.modes.map((m) => (m === FieldMode.DISTINCT || m === FieldMode.CODES || m === FieldMode.LABEL ? new ByteDictionary() : null));
    this.keys = options.modes.map((m) => (m === FieldMode.KEYS ? new KeyColumn(this.capacity) : null));
    this.latestBytes = new Uint8Array(10 * options.columnCount);
    this.latestDay = new Float64Array(options.columnCount).fill(Number.NaN);
    this.runIso = Uint8Array.from(isoFromDays(options.runDate), (ch) => ch.charCodeAt(0));
    this.codes = options.modes.map((m) => (m === FieldMode.CODES || m === FieldMode.KEYS ? new Int32Array(this.capacity) : null));
    this.line = options.firstLine;
    this.label = new Int32Array(options.columnCount).fill(-1);
    this.labelStart = new Int32Array(options.columnCount);
    this.labelEnd = new Int32Array(options.columnCount);
    this.day = new Float64Array(options.columnCount).fill(Number.NaN);
    this.rowColumns = Int32Array.from(options.modes.flatMap((m, c) => (m === FieldMode.LABEL || m === FieldMode.DAY || m === FieldMode.HASH ? [c] : [])));
    this.rowSink = options.rowSink;
  }

  /** Rows accepted so far. */
  get rowCount(): number {
    return this.row;
  }

  private grow(): void {
    this.capacity *= 2;
    this.codes = this.codes.map((c) => {
      if (!c) return null;
      const next = new Int32Array(this.capacity);
      next.set(c);
      return next;
    });
    const rows = new Int32Array(this.capacity);
    rows.set(this.sourceRows);
    this.sourceRows = rows;
  }

  private fail(column: number, what: string): never {
    throw new ScanFallback(`column "${this.options.headers[column] ?? column + 1}" ${what}`);
  }

  /**
   * Stop when the bytes buf[s, e) of a column the import's identifier guard won't see might be a
   * direct identifier: a cheap test on the bytes first, then the guard's own test on the text.
   */
  private checkIdentifier(buf: Uint8Array, s: number, e: number, column: number, keys: boolean): void {
    // The guard trims values (a quoted value may keep its spaces).
    while (s < e && buf[s] <= SPACE) s++;
    while (e > s && buf[e - 1] <= SPACE) e--;
    const len = e - s;
    // A full postcode ends in its inward code (digit, letter, letter) and has 5-7 characters besides spaces.
    if (len >= 5 && isLetter(buf[e - 1]) && isLetter(buf[e - 2]) && buf[e - 3] - ZERO >>> 0 < 10 && (len <= 7 || hasSpace(buf, s, e)) && isFullPostcode(asciiText(buf, s, e))) {
      this.fail(column, 'may hold postcodes');
    }
    // An NHS number is ten digits, alone or as 3-3-4 with a space or dash between (10-12 characters);
    // an ISO date (yyyy-mm-dd) has 8.
    let digits = 0;
    if (len >= NHS_MIN_CHARS && len <= NHS_MAX_CHARS && !(len === 10 && buf[s + 4] === DASH && buf[s + 7] === DASH)) {
      for (let k = s; k < e; k++) if (buf[k] - ZERO >>> 0 < 10) digits++;
      if (digits === 10 && nhsDigits(asciiText(buf, s, e)) !== null) this.fail(column, 'may hold NHS numbers');
    }
    if (keys && len >= 2) {
      // A person's name has no digits.
      for (let k = s; k < e; k++) if (buf[k] - ZERO >>> 0 < 10) return;
      if (looksLikePersonName(asciiText(buf, s, e))) this.fail(column, 'may hold names');
    }
  }

  /** Record one value of column ci for the current row. */
  private keep(buf: Uint8Array, s: number, e: number, ci: number): void {
    const mode = this.modes[ci];
    if (mode === FieldMode.SKIP) {
      if (e - s >= 5) this.checkIdentifier(buf, s, e, ci, false);
      return;
    }
    if (mode === FieldMode.LABEL) {
      if (buf === this.scratch) this.label[ci] = this.internLabel(ci, buf, s, e);
      else {
        // Interned only when the row sink asks (labelOf): most rows' names are never looked at.
        this.label[ci] = LABEL_PENDING;
        this.labelStart[ci] = s;
        this.labelEnd[ci] = e;
        this.labelBuf = buf;
      }
      return;
    }
    if (mode === FieldMode.DAY) {
      this.day[ci] = this.dayOf(buf, s, e, ci);
      return;
    }
    if (mode === FieldMode.HASH) {
      this.hashKey(buf, s, e, ci);
      return;
    }
    if (mode === FieldMode.KEYS) {
      // A digit among the first bytes rules out a name; then only an NHS number or postcode shape (or spaces) needs a look.
      const len = e - s;
      if (!(len >= 2 && (buf[s] - ZERO >>> 0 < 10 || buf[s + 1] - ZERO >>> 0 < 10) && buf[s] > SPACE && buf[e - 1] > SPACE
        && (len < NHS_MIN_CHARS || len > NHS_MAX_CHARS) && !(isLetter(buf[e - 1]) && isLetter(buf[e - 2])))) this.checkIdentifier(buf, s, e, ci, true);
      (this.keys[ci] as KeyColumn).set(this.row, buf, s, e);
      (this.codes[ci] as Int32Array)[this.row] = 0; // present: resolved to a code at the end
      return;
    }
    const iso = e - s === 10 && isIsoDate(buf, s);
    if (mode === FieldMode.DISTINCT) {
      if (iso) this.latestIso(buf, s, ci);
      else {
        if (e - s >= 5) this.checkIdentifier(buf, s, e, ci, false);
        (this.dicts[ci] as ByteDictionary).intern(buf, s, e);
      }
      return;
    }
    const dict = this.dicts[ci] as ByteDictionary;
    let code: number;
    if (iso) {
      const slot = isoSlot(buf, s);
      if (slot >= 0) {
        const cache = dict.iso ?? (dict.iso = new Int32Array(ISO_SLOTS));
        code = cache[slot] - 1;
        if (code < 0) cache[slot] = (code = dict.intern(buf, s, e)) + 1;
      } else code = dict.intern(buf, s, e);
    } else code = dict.intern(buf, s, e);
    (this.codes[ci] as Int32Array)[this.row] = code;
  }

  /** A DAY column's value as the import reads it (see FieldMode.DAY). */
  private dayOf(buf: Uint8Array, s: number, e: number, ci: number): number {
    if (e - s === 10) {
      const slot = isoSlot(buf, s);
      if (slot >= 0) {
        // The record walker's day table where there is one (it reads the dates written there itself).
        const cache = this.options.indexer?.dayTable() ?? (dayCache ??= new Int32Array(ISO_SLOTS));
        const held = cache[slot];
        if (held !== 0) return held === DAY_NOT_KEPT ? Number.NaN : held + EARLIEST_PLAUSIBLE_DATE - DAY_HELD_OFFSET;
        const day = parseDate(asciiText(buf, s, e));
        if (!(day >= EARLIEST_PLAUSIBLE_DATE)) {
          cache[slot] = DAY_NOT_KEPT;
          return Number.NaN;
        }
        cache[slot] = day - EARLIEST_PLAUSIBLE_DATE + DAY_HELD_OFFSET;
        return day;
      }
    }
    const text = asciiText(buf, s, e);
    if (isMissingToken(text)) return Number.NaN;
    if (e - s === 10 && isIsoDate(buf, s)) {
      // yyyy-mm-dd before 1900 (or after the cache's years): the import reads it, and clears it before 1900.
      const day = parseDate(text);
      return day >= EARLIEST_PLAUSIBLE_DATE ? day : Number.NaN;
    }
    throw new ScanFallback(`column "${this.options.headers[ci] ?? ci + 1}" has a date not written yyyy-mm-dd`);
  }

  /** A HASH column's value (see FieldMode.HASH): checked like KEYS, missing markers missing. */
  private hashKey(buf: Uint8Array, s: number, e: number, ci: number): void {
    const len = e - s;
    if (buf[s] <= SPACE || buf[e - 1] <= SPACE) throw new ScanFallback(`column "${this.options.headers[ci] ?? ci + 1}" has values with spaces at an end`);
    if (!(len >= 2 && (buf[s] - ZERO >>> 0 < 10 || buf[s + 1] - ZERO >>> 0 < 10)
      && (len < NHS_MIN_CHARS || len > NHS_MAX_CHARS) && !(isLetter(buf[e - 1]) && isLetter(buf[e - 2])))) this.checkIdentifier(buf, s, e, ci, true);
    if (len <= KEYS_DECODED_MAX_BYTES && isMissingToken(asciiText(buf, s, e))) return;
    // FNV-1a and a second, independent multiply-xor hash (MurmurHash3 finaliser per step): 64 bits.
    let h1 = FNV_OFFSET;
    let h2 = len;
    for (let k = s; k < e; k++) {
      const b = buf[k];
      h1 = Math.imul(h1 ^ b, FNV_PRIME);
      h2 = Math.imul(h2 ^ b, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    this.keyHash1 = h1;
    this.keyHash2 = fmix(h2);
    this.keyPresent = true;
  }

  /**
   * Whether the 10 bytes at s (dashes at 4 and 7) sort at or before the column's latest ISO date.
   * Such a value changes nothing: a yyyy-mm-dd date there is not the latest, and anything else
   * with those dashes is neither a date the import reads (dates.ts) nor an identifier.
   */
  private notLater(buf: Uint8Array, s: number, ci: number): boolean {
    const latest = this.latestBytes;
    const at = ci * 10;
    if (latest[at] === 0) return false;
    for (let k = 0; k < 10; k++) {
      const d = buf[s + k] - latest[at + k];
      if (d !== 0) return d < 0;
    }
    return true;
  }

  /**
   * A DISTINCT column's ISO date: the latest so far is kept. ISO dates order as their bytes do, so
   * only a date later than the latest (and not after the run date) is read, by the import's own
   * rule (parseDate), and kept when it is a real date from 1900 on.
   */
  private latestIso(buf: Uint8Array, s: number, ci: number): void {
    const at = ci * 10;
    const latest = this.latestBytes;
    const run = this.runIso;
    if (latest[at] !== 0) {
      for (let k = 0; k < 10; k++) {
        const d = buf[s + k] - latest[at + k];
        if (d < 0) return;
        if (d > 0) break;
        if (k === 9) return;
      }
    }
    for (let k = 0; k < 10; k++) {
      const d = buf[s + k] - run[k];
      if (d > 0) return;
      if (d < 0) break;
    }
    const day = parseDate(String.fromCharCode(...buf.subarray(s, s + 10)));
    if (!(day >= EARLIEST_PLAUSIBLE_DATE)) return; // the import clears earlier dates
    for (let k = 0; k < 10; k++) latest[at + k] = buf[s + k];
    this.latestDay[ci] = day;
  }

  /**
   * Scan the complete records in buf[start, end); `final` when no more bytes follow. Returns the
   * offset of the first byte not consumed (the start of an incomplete record).
   */
  push(buf: Uint8Array, start: number, end: number, final: boolean): number {
    if (!(this.options.isAscii ?? isAscii)(buf, start, end)) throw new ScanFallback('the file has characters outside ASCII (the full reader settles the encoding)');
    const indexer = this.options.indexer;
    return indexer && this.delim !== QUOTE && this.delim !== CR && this.delim !== LF && this.ncols <= RECORD_INDEX_MAX_COLUMNS ? this.pushRecords(buf, start, end, final, indexer) : this.pushBytes(buf, start, end, final);
  }

  /**
   * The quoted value whose opening quote is buf[q]: the offset of its closing quote, or -1 when the
   * bytes end first (a quote as the last byte, when more bytes follow, may be half of a doubled
   * one). Sets quotedCopied (the value, "" read as ", is in the scratch buffer, quotedLength bytes)
   * and quotedLines (line ends inside the value). Content is kept as is: nothing is trimmed.
   */
  private quotedField(buf: Uint8Array, q: number, end: number, final: boolean): number {
    const s = q + 1;
    let j = s;
    let len = 0;
    let copying = false;
    let lines = 0;
    while (j < end) {
      const c = buf[j];
      if (c === QUOTE) {
        if (j + 1 < end && buf[j + 1] === QUOTE) {
          if (!copying) {
            copying = true;
            len = j - s;
            this.room(len + 1).set(buf.subarray(s, j));
          }
          this.room(len + 1)[len++] = QUOTE;
          j += 2;
          continue;
        }
        if (j + 1 >= end && !final) return -1;
        this.quotedCopied = copying;
        this.quotedLength = copying ? len : j - s;
        this.quotedLines = lines;
        return j;
      }
      if (c === LF || (c === CR && !(j + 1 < end && buf[j + 1] === LF))) lines++;
      if (copying) this.room(len + 1)[len++] = c;
      j++;
    }
    return -1;
  }

  /** Keep the quoted value quotedField read (closing quote at buf[close]) for column ci; false when it is empty. */
  private quotedValue(buf: Uint8Array, close: number, ci: number): boolean {
    const len = this.quotedLength;
    if (len === 0) return false;
    if (this.modes[ci] !== FieldMode.SKIP || len >= 5) {
      if (this.quotedCopied) this.keep(this.scratch, 0, len, ci);
      else this.keep(buf, close - len, close, ci);
    }
    return true;
  }

  /**
   * One unquoted value buf[s, e) of column ci (spaces trimmed, not empty): what push keeps of it.
   * Only values that could be an NHS number or a postcode (or have spaces to trim) are looked at
   * for identifiers; a DISTINCT date not later than the column's latest ISO date changes nothing.
   */
  private unquoted(buf: Uint8Array, s: number, e: number, ci: number): void {
    const mode = this.modes[ci];
    const len = e - s;
    if (mode === FieldMode.SKIP) {
      // checkIdentifier's own tests, cheapest first: a value with nothing to trim can only be a
      // postcode if it ends digit-letter-letter, and only an NHS number if it has 10-12 characters
      // and is not shaped yyyy-mm-dd (most 10-character values of an extract are such dates).
      if (len >= 5) {
        const last = buf[e - 1];
        if (buf[s] <= SPACE || last <= SPACE || (isLetter(last) && isLetter(buf[e - 2]) && buf[e - 3] - ZERO >>> 0 < 10)
          || (len >= NHS_MIN_CHARS && len <= NHS_MAX_CHARS && !(len === 10 && buf[s + 4] === DASH && buf[s + 7] === DASH))) this.checkIdentifier(buf, s, e, ci, false);
      }
    } else if (mode === FieldMode.DISTINCT && len === 10 && buf[s + 4] === DASH && buf[s + 7] === DASH && this.notLater(buf, s, ci)) {
      // Not later than the column's latest ISO date: nothing to keep (see latestIso).
    } else this.keep(buf, s, e, ci);
  }

  /** A record begins: the current-row values (LABEL, DAY, HASH) are cleared. */
  private startRow(): void {
    const special = this.rowColumns;
    for (let k = 0; k < special.length; k++) {
      const c = special[k];
      this.label[c] = -1;
      this.day[c] = Number.NaN;
    }
    this.keyPresent = false;
  }

  /** A record of file line `line` is accepted as a row: counted, its line kept, the row sink told. */
  private endRow(line: number): void {
    if (this.keepLines) this.sourceRows[this.row] = line;
    this.row++;
    if (this.rowSink) this.rowSink.row(this);
  }

  /**
   * push() through the record walker (record-index.ts): for each record it settles, only the
   * fields it hands over are read (as pushBytes reads an unquoted field); a record it does not
   * settle, and the bytes after the last line feed, are read by pushBytes. Same records, rows,
   * lines and stops as pushBytes alone: tests compare the two on every input.
   */
  private pushRecords(buf: Uint8Array, start: number, end: number, final: boolean, indexer: RecordIndexer): number {
    indexer.load(buf, start, end, this.classes, this.delim, this);
    let pos = start;
    for (;;) {
      const batch = indexer.walk(pos, this.latestBytes, this.row);
      this.walked(buf, batch.words);
      pos = batch.stop;
      if (batch.reason === 2) continue;
      if (batch.reason === 1) {
        // One record the walker did not settle, byte by byte; then walk on.
        const next = this.pushBytes(buf, pos, end, final, 1);
        if (next === pos) return pos;
        pos = next;
        continue;
      }
      return pos < end ? this.pushBytes(buf, pos, end, final) : pos;
    }
  }

  /**
   * The records of one walk (RecordBatch.words), as rows. A method of its own: the loop over a
   * buffer's records is what gets optimised while it runs, and it is all there is to optimise.
   */
  private walked(buf: Uint8Array, w: Int32Array): void {
    let line = this.line;
    for (let k = 0; k < w.length;) {
      let n = w[k + 1];
      if (n === TALLIED_RUN) {
        // Records the walker tallied with nothing left to read: counted, lines and all.
        const count = w[k];
        k += 2;
        while (this.row + count > this.capacity) this.grow();
        if (this.keepLines) for (let r = 0; r < count; r++) this.sourceRows[this.row + r] = line + r;
        this.row += count;
        line += count;
        continue;
      }
      k += 2;
      if (this.row >= this.capacity) this.grow();
      // A row the walker tallied itself (record-index.ts startTally): only its other fields are here, and the row sink is not told.
      const tallied = n >= TALLIED;
      if (tallied) n -= TALLIED;
      else this.startRow();
      for (let f = 0; f < n; f++, k += 3) {
        const ci = w[k];
        const s = w[k + 1];
        const e = w[k + 2];
        if (ci >= RESOLVED) {
          // Read by the walker as keep() reads it: a day from the day table, a label's code, an id's hashes.
          const c = ci - RESOLVED;
          const mode = this.modes[c];
          if (mode === FieldMode.DAY) this.day[c] = s === DAY_NOT_KEPT ? Number.NaN : s + EARLIEST_PLAUSIBLE_DATE - DAY_HELD_OFFSET;
          else if (mode === FieldMode.LABEL) this.label[c] = s;
          else {
            this.keyHash1 = s;
            this.keyHash2 = e;
            this.keyPresent = true;
          }
        } else if (ci < 0) this.keep(buf, s, e, -1 - ci); // a quoted DISTINCT value (column -1 - ci), kept as pushBytes keeps a quoted value
        else if (e > s) this.unquoted(buf, s, e, ci);
        else {
          const codes = this.codes[ci];
          if (codes) codes[this.row] = -1;
        }
      }
      if (tallied) {
        if (this.keepLines) this.sourceRows[this.row] = line;
        this.row++;
        line++;
      } else this.endRow(line++);
    }
    this.line = line;
  }

  /** push() byte by byte (quoted values, doubled quotes and CR line ends too), at most `limit` records (blank lines count). */
  private pushBytes(buf: Uint8Array, start: number, end: number, final: boolean, limit = Number.POSITIVE_INFINITY): number {
    const delim = this.delim;
    const ncols = this.ncols;
    let codesOf = this.codes;
    const low = Math.max(delim, LF, CR);
    let line = this.line;
    let i = start;
    let records = 0;
    outer: while (i < end) {
      if (records++ === limit) break;
      const recStart = i;
      const recLine = line;
      if (this.row >= this.capacity) { this.grow(); codesOf = this.codes; }
      let ci = 0;
      let anyValue = false;
      this.startRow();
      for (;;) {
        while (i < end && buf[i] === SPACE) i++;
        if (i >= end) {
          if (!final) { i = recStart; line = recLine; break outer; }
          // End of file after a delimiter or spaces: an empty last field.
          if (ci < ncols && codesOf[ci]) (codesOf[ci] as Int32Array)[this.row] = -1;
          ci++;
          break;
        }
        let b = buf[i];
        if (b === QUOTE) {
          const j = this.quotedField(buf, i, end, final);
          if (j < 0) {
            if (!final) { i = recStart; line = recLine; break outer; }
            throw new ScanFallback(`a quote opens a value on line ${recLine} that is never closed`);
          }
          line += this.quotedLines;
          i = j + 1;
          if (i < end) {
            b = buf[i];
            if (b !== delim && b !== LF && b !== CR) throw new ScanFallback(`text follows a closing quote on line ${recLine}`);
          }
          if (ci < ncols) {
            if (this.quotedValue(buf, i - 1, ci)) anyValue = true;
            else if (codesOf[ci]) (codesOf[ci] as Int32Array)[this.row] = -1;
          }
        } else {
          const s = i;
          // A 10-byte value (a yyyy-mm-dd date: half the bytes of a patient extract) followed by a
          // stop byte: its bytes checked in one go rather than one loop turn each.
          if (i + 10 < end && buf[i + 10] <= low && buf[i] > low && buf[i + 1] > low && buf[i + 2] > low && buf[i + 3] > low && buf[i + 4] > low
            && buf[i + 5] > low && buf[i + 6] > low && buf[i + 7] > low && buf[i + 8] > low && buf[i + 9] > low) i += 10;
          while (i < end) {
            b = buf[i];
            // Most bytes (letters, digits) are above every stop byte: one comparison for them.
            if (b > low) { i++; continue; }
            if (b === delim || b === LF || b === CR) break;
            i++;
          }
          if (i >= end && !final) { i = recStart; line = recLine; break outer; }
          let e = i;
          while (e > s && buf[e - 1] === SPACE) e--;
          if (ci < ncols) {
            if (e > s) {
              anyValue = true;
              this.unquoted(buf, s, e, ci);
            } else if (codesOf[ci]) (codesOf[ci] as Int32Array)[this.row] = -1;
          } else if (e > s) anyValue = true;
        }
        ci++;
        if (i >= end) break;
        b = buf[i];
        if (b === delim) { i++; continue; }
        if (b === CR) {
          if (i + 1 >= end && !final) { i = recStart; line = recLine; break outer; }
          i += i + 1 < end && buf[i + 1] === LF ? 2 : 1;
        } else i++;
        line++;
        break;
      }
      if (!anyValue) { this.blankLines++; continue; }
      if (ci !== ncols) throw new ScanFallback(`line ${recLine} has ${ci} values but the header has ${ncols} columns`);
      this.endRow(recLine);
    }
    this.line = line;
    return i;
  }

  private room(n: number): Uint8Array {
    if (n > this.scratch.length) {
      const next = new Uint8Array(Math.max(n, this.scratch.length * 2));
      next.set(this.scratch);
      this.scratch = next;
    }
    return this.scratch;
  }

  /**
   * The current row's code of a LABEL column (-1 missing), interned on first ask. Only valid in
   * the row sink (RowSink): the value's bytes are those of the buffer being pushed.
   */
  labelOf(column: number): number {
    const code = this.label[column];
    if (code !== LABEL_PENDING) return code;
    return (this.label[column] = this.internLabel(column, this.labelBuf, this.labelStart[column], this.labelEnd[column]));
  }

  /** A LABEL value's code; a new value is also given to the record walker, which then reads it itself. */
  private internLabel(column: number, buf: Uint8Array, s: number, e: number): number {
    const dict = this.dicts[column] as ByteDictionary;
    const size = dict.size;
    const code = dict.intern(buf, s, e);
    if (dict.size > size) this.options.indexer?.addLabel(column, buf, s, e, code);
    return code;
  }

  /** The text of a LABEL (or CODES) column's value code. */
  labelText(column: number, code: number): string {
    return (this.dicts[column] as ByteDictionary).text(code);
  }

  /** File line of each accepted row. */
  rowLines(): Int32Array {
    return this.sourceRows.slice(0, this.row);
  }

  /** The kept columns (CODES, KEYS, DISTINCT and LABEL), with their values as text. */
  columns(): ScannedColumn[] {
    const out: ScannedColumn[] = [];
    for (let c = 0; c < this.ncols; c++) {
      const mode = this.modes[c] as FieldModeCode;
      if (mode === FieldMode.SKIP || mode === FieldMode.DAY || mode === FieldMode.HASH) continue;
      const keys = this.keys[c];
      const all = this.codes[c];
      const codes = all ? all.slice(0, this.row) : null;
      const dictionary = keys && codes ? keys.resolve(codes) : (this.dicts[c] as ByteDictionary).values();
      out.push({ index: c, mode, dictionary, codes, latestIsoDay: this.latestDay[c] });
    }
    return out;
  }
}
