/**
 * CSV / TSV / semicolon reader: one pass over the bytes (RFC 4180 quoting, CRLF/LF/CR line ends)
 * writing straight into dictionary-encoded columns. Each column keeps an open-addressing hash
 * table keyed by the field's bytes, so a new string is made once per distinct value (at the end,
 * when the encoding is settled), never per cell, and no array is made per row.
 *
 * Works whole (`readDelimited`) or streamed in chunks (`createDelimitedReader`), so a large file
 * need not sit in memory whole.
 */
import { ImportError } from '../import-result';
import type { RawColumn, RawTable, ReaderRowError, ReadOptions } from '../raw-table';
import { createUtf16Transcoder, decoderFor, sniffEncoding, type TextEncoding } from './decode';
import { binaryReason, DELIMITER_SAMPLE_BYTES, detectDelimiter, formatOfDelimiter, type Delimiter } from './detect';

/** Options of the delimited reader: the reader options plus an explicit delimiter (else detected). */
export interface DelimitedOptions extends ReadOptions {
  delimiter?: Delimiter;
}

/** Rows between progress reports and cancellation checks (~64k). */
export const PROGRESS_ROW_INTERVAL = 65_536;

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
/** FNV-1a 32-bit offset basis and prime (Fowler, Noll, Vo; IETF draft-eastlake-fnv). */
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;
/** Rows assumed before the first bytes give an estimate. */
const INITIAL_ROW_CAPACITY = 1024;
/** Bytes of the first buffer scanned to estimate the average line length. */
const ROW_ESTIMATE_SAMPLE = 1 << 20;

/** FNV-1a hash of a byte range, mixed so the low bits spread well. */
function hashRange(src: Uint8Array, s: number, e: number): number {
  let h = FNV_OFFSET;
  for (let k = s; k < e; k++) h = Math.imul(h ^ src[k], FNV_PRIME);
  return h;
}

/** A column being built: codes per row and a byte-keyed dictionary of distinct values. */
class ColumnBuilder {
  codes: Int32Array;
  /** Hash slots, two Int32 each: code + 1 (0 = empty) and the value's hash (one cache line per probe). */
  slots = new Int32Array(128);
  mask = 63;
  size = 0;
  /** Start of each distinct value's bytes in the arena; keyStart[size] is the arena length. */
  keyStart = new Int32Array(33);
  arena = new Uint8Array(1024);
  /** True once any distinct value has a byte >= 0x80 (then per-value decoding is needed). */
  nonAscii = false;
  /** The record that last added a value, and its slot, so a rejected record can take it back. */
  lastNewRecord = -1;
  lastNewSlot = -1;

  constructor(capacity: number) {
    this.codes = new Int32Array(capacity);
  }

  /** The code of the value in src[s, e) (hash h0), adding it when new. */
  intern(src: Uint8Array, s: number, e: number, h0: number, record: number): number {
    // MurmurHash3 fmix32 finaliser: FNV's low bits depend only on the bytes' low bits.
    let h = Math.imul(h0 ^ (h0 >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    h ^= h >>> 16;
    const len = e - s;
    const slots = this.slots;
    const mask = this.mask;
    let slot = h & mask;
    for (;;) {
      const v = slots[slot << 1];
      if (v === 0) break;
      if (slots[(slot << 1) + 1] === h) {
        const code = v - 1;
        const keyStart = this.keyStart;
        const a = keyStart[code];
        if (keyStart[code + 1] - a === len) {
          const arena = this.arena;
          let k = 0;
          while (k < len && arena[a + k] === src[s + k]) k++;
          if (k === len) return code;
        }
      }
      slot = (slot + 1) & mask;
    }
    return this.insert(src, s, e, h, record, slot);
  }

  /** Add a new distinct value (slot is where the probe ended). */
  private insert(src: Uint8Array, s: number, e: number, h: number, record: number, slot0: number): number {
    let slot = slot0;
    const code = this.size;
    if ((code + 1) * 2 > this.mask + 1) {
      this.rehash((this.mask + 1) * 2);
      slot = h & this.mask;
      while (this.slots[slot << 1] !== 0) slot = (slot + 1) & this.mask;
    }
    if (code + 2 > this.keyStart.length) {
      const ks = new Int32Array(this.keyStart.length * 2);
      ks.set(this.keyStart);
      this.keyStart = ks;
    }
    const start = this.keyStart[code];
    const len = e - s;
    if (start + len > this.arena.length) {
      const ar = new Uint8Array(Math.max(this.arena.length * 2, start + len));
      ar.set(this.arena.subarray(0, start));
      this.arena = ar;
    }
    let acc = 0;
    const arena = this.arena;
    for (let k = 0; k < len; k++) {
      const b = src[s + k];
      arena[start + k] = b;
      acc |= b;
    }
    if (acc >= 0x80) this.nonAscii = true;
    this.keyStart[code + 1] = start + len;
    this.slots[slot << 1] = code + 1;
    this.slots[(slot << 1) + 1] = h;
    this.size = code + 1;
    this.lastNewRecord = record;
    this.lastNewSlot = slot;
    return code;
  }

  /** Rebuild the hash slots at a new (power of two) capacity. */
  private rehash(capacity: number): void {
    const old = this.slots;
    const slots = new Int32Array(capacity * 2);
    const mask = capacity - 1;
    for (let i = 0; i < old.length; i += 2) {
      const v = old[i];
      if (v === 0) continue;
      const h = old[i + 1];
      let slot = h & mask;
      while (slots[slot << 1] !== 0) slot = (slot + 1) & mask;
      slots[slot << 1] = v;
      slots[(slot << 1) + 1] = h;
    }
    this.slots = slots;
    this.mask = mask;
  }

  /** Take back the value added by a record that was rejected or is incomplete. */
  undo(record: number): void {
    if (this.lastNewRecord !== record) return;
    this.slots[this.lastNewSlot << 1] = 0;
    this.size--;
    this.lastNewRecord = -1;
  }

  /** Grow the per-row codes array. */
  growRows(capacity: number): void {
    const codes = new Int32Array(capacity);
    codes.set(this.codes);
    this.codes = codes;
  }

  /** The distinct values as strings, decoded once; throws on invalid UTF-8 when fatal. */
  dictionary(encoding: TextEncoding, fatal: boolean): string[] {
    const n = this.size;
    const out = new Array<string>(n);
    const ks = this.keyStart;
    if (!this.nonAscii) {
      // All ASCII: decode the whole arena once and cut it (character offsets equal byte offsets).
      const all = decoderFor('utf-8').decode(this.arena.subarray(0, ks[n]));
      for (let k = 0; k < n; k++) out[k] = all.substring(ks[k], ks[k + 1]);
      return out;
    }
    const decoder = fatal ? new TextDecoder('utf-8', { fatal: true }) : decoderFor(encoding);
    for (let k = 0; k < n; k++) out[k] = decoder.decode(this.arena.subarray(ks[k], ks[k + 1]));
    return out;
  }
}

/**
 * Unique header names: blank headers become "column_N" (N = 1-based position) and a repeated
 * header gets "_2", "_3"... Returns the names and a note for each duplicate, for the import report.
 */
export function dedupeHeaders(headers: string[]): { headers: string[]; duplicates: string[] } {
  const named = headers.map((h, i) => (h.trim() === '' ? `column_${i + 1}` : h.trim()));
  const used = new Set(named);
  const seen = new Set<string>();
  const duplicates: string[] = [];
  const out = named.map((h) => {
    if (!seen.has(h)) {
      seen.add(h);
      return h;
    }
    let k = 2;
    while (used.has(`${h}_${k}`)) k++;
    const renamed = `${h}_${k}`;
    used.add(renamed);
    duplicates.push(`Column "${h}" appears more than once; the repeat was kept as "${renamed}".`);
    return renamed;
  });
  return { headers: out, duplicates };
}

/** Result of splitting one record slowly (used for the header). */
interface SplitRecord {
  status: 'ok' | 'incomplete' | 'unterminated';
  fields: Uint8Array[];
  next: number;
  lines: number;
}

/** Split one record starting at i into field byte copies (quotes removed, unquoted fields trimmed). */
function splitRecord(buf: Uint8Array, start: number, n: number, delim: number, final: boolean): SplitRecord {
  const fields: Uint8Array[] = [];
  let i = start;
  let lines = 0;
  for (;;) {
    while (i < n && buf[i] === SPACE) i++;
    const bytes: number[] = [];
    if (i < n && buf[i] === QUOTE) {
      i++;
      for (;;) {
        if (i >= n) return { status: final ? 'unterminated' : 'incomplete', fields, next: n, lines };
        const c = buf[i];
        if (c === QUOTE) {
          if (i + 1 < n && buf[i + 1] === QUOTE) {
            bytes.push(QUOTE);
            i += 2;
            continue;
          }
          if (i + 1 >= n && !final) return { status: 'incomplete', fields, next: n, lines };
          i++;
          break;
        }
        if (c === LF || (c === CR && !(i + 1 < n && buf[i + 1] === LF))) lines++;
        bytes.push(c);
        i++;
      }
      while (i < n && buf[i] !== delim && buf[i] !== LF && buf[i] !== CR) bytes.push(buf[i++]);
    } else {
      while (i < n && buf[i] !== delim && buf[i] !== LF && buf[i] !== CR) bytes.push(buf[i++]);
      while (bytes.length > 0 && bytes[bytes.length - 1] === SPACE) bytes.pop();
    }
    fields.push(Uint8Array.from(bytes));
    if (i >= n) {
      if (!final) return { status: 'incomplete', fields, next: n, lines };
      return { status: 'ok', fields, next: n, lines: lines + 1 };
    }
    if (buf[i] === delim) {
      i++;
      continue;
    }
    if (buf[i] === CR) {
      if (i + 1 >= n && !final) return { status: 'incomplete', fields, next: n, lines };
      i += i + 1 < n && buf[i + 1] === LF ? 2 : 1;
    } else i++;
    return { status: 'ok', fields, next: i, lines: lines + 1 };
  }
}

/** A reader fed chunk by chunk; finish() returns the table. */
export interface DelimitedReader {
  /** Feed the next bytes of the file. */
  push(chunk: Uint8Array): void;
  /** Signal the end of the file and get the table. */
  finish(): RawTable;
}

/** A streaming CSV/TSV/semicolon reader; `bytesTotal` (the file size) sizes arrays and progress. */
export function createDelimitedReader(fileName: string, options: DelimitedOptions = {}, bytesTotal = 0): DelimitedReader {
  return new DelimitedParser(fileName, options, bytesTotal);
}

/** Read a whole CSV/TSV/semicolon file (bytes) into dictionary-encoded raw columns. */
export function readDelimited(bytes: Uint8Array, fileName: string, options: DelimitedOptions = {}): RawTable {
  const reader = new DelimitedParser(fileName, options, bytes.length);
  reader.push(bytes);
  return reader.finish();
}

class DelimitedParser implements DelimitedReader {
  private readonly fileName: string;
  private readonly options: DelimitedOptions;
  private readonly bytesTotal: number;
  private started = false;
  /** Bytes held before the delimiter and encoding are known (first chunks). */
  private pending: Uint8Array[] = [];
  private pendingLength = 0;
  private transcode: ((chunk: Uint8Array, final: boolean) => Uint8Array) | null = null;
  private sourceEncoding: TextEncoding = 'utf-8';
  private utf8Bom = false;
  private delim = 0x2c;
  private delimiter: Delimiter = ',';
  /** Unparsed tail (an incomplete record) carried into the next chunk. */
  private work = new Uint8Array(0);
  private workLength = 0;
  private sourceConsumed = 0;
  /** Parse bytes per source byte (UTF-16 input shrinks), for estimates. */
  private parseRatio = 1;

  private header: Uint8Array[] | null = null;
  private cols: ColumnBuilder[] = [];
  private ncols = 0;
  private capacity = 0;
  private sourceRows = new Int32Array(0);
  private rowCount = 0;
  private rowsRead = 0;
  private line = 1;
  private record = 0;
  private errors: ReaderRowError[] = [];
  private scratch = new Uint8Array(256);
  private done = false;

  constructor(fileName: string, options: DelimitedOptions, bytesTotal: number) {
    this.fileName = fileName;
    this.options = options;
    this.bytesTotal = bytesTotal;
  }

  push(chunk: Uint8Array): void {
    this.checkCancelled();
    if (!this.started) {
      this.pending.push(chunk);
      this.pendingLength += chunk.length;
      if (this.pendingLength < DELIMITER_SAMPLE_BYTES) return;
      this.start(false);
      return;
    }
    this.feed(chunk, false);
  }

  finish(): RawTable {
    if (this.done) throw new Error('finish() called twice');
    if (!this.started) this.start(true);
    else this.feed(new Uint8Array(0), true);
    this.done = true;
    return this.result();
  }

  private checkCancelled(): void {
    if (this.options.isCancelled?.()) {
      throw new ImportError(`Reading "${this.fileName}" was cancelled.`, this.fileName, 'cancelled');
    }
  }

  /** Settle encoding and delimiter from the first bytes, then parse what is held. */
  private start(final: boolean): void {
    this.started = true;
    let first: Uint8Array;
    if (this.pending.length === 1) first = this.pending[0];
    else {
      first = new Uint8Array(this.pendingLength);
      let o = 0;
      for (const p of this.pending) {
        first.set(p, o);
        o += p.length;
      }
    }
    this.pending = [];
    const reason = binaryReason(first);
    if (reason) {
      throw new ImportError(
        `"${this.fileName}" is not a text extract: ${reason}. Export the data as CSV or as an .xlsx workbook and import that.`,
        this.fileName,
        'binary',
      );
    }
    const sniff = sniffEncoding(first);
    this.utf8Bom = sniff.utf8Bom;
    this.sourceEncoding = sniff.encoding;
    this.sourceConsumed = sniff.bomLength;
    const source = first.subarray(sniff.bomLength);
    let body = source;
    if (sniff.encoding === 'utf-16le' || sniff.encoding === 'utf-16be') {
      this.transcode = createUtf16Transcoder(sniff.encoding);
      body = this.transcode(source, final);
      this.parseRatio = source.length > 0 ? body.length / source.length : 1;
    }
    this.delimiter = this.options.delimiter ?? detectDelimiter(body.subarray(0, DELIMITER_SAMPLE_BYTES), this.fileName, !final || body.length > DELIMITER_SAMPLE_BYTES);
    this.delim = this.delimiter.charCodeAt(0);
    this.parseBytes(body, final, source.length);
  }

  private feed(chunk: Uint8Array, final: boolean): void {
    this.parseBytes(this.transcode ? this.transcode(chunk, final) : chunk, final, chunk.length);
  }

  /** Parse new bytes (sourceLength bytes of the file) after any carried tail. */
  private parseBytes(bytes: Uint8Array, final: boolean, sourceLength: number): void {
    let buf: Uint8Array;
    let n: number;
    if (this.workLength === 0) {
      buf = bytes;
      n = bytes.length;
    } else {
      n = this.workLength + bytes.length;
      if (n > this.work.length) {
        const w = new Uint8Array(Math.max(n, this.work.length * 2));
        w.set(this.work.subarray(0, this.workLength));
        this.work = w;
      }
      this.work.set(bytes, this.workLength);
      // A view of exactly n bytes, so reads past the end see undefined, not stale bytes.
      buf = this.work.subarray(0, n);
    }
    const tailBytes = Math.round(this.workLength / this.parseRatio);
    const consumedBefore = this.sourceConsumed - tailBytes;
    this.sourceConsumed += sourceLength;
    let pos = 0;
    if (this.header === null) {
      pos = this.readHeader(buf, n, final);
      if (this.header === null) {
        this.keep(buf, pos, n);
        return;
      }
      this.estimateRows(buf, pos, n);
    }
    pos = this.parseRows(buf, pos, n, final, consumedBefore);
    this.keep(buf, pos, n);
  }

  /** Keep buf[pos, n) as the tail for the next chunk. */
  private keep(buf: Uint8Array, pos: number, n: number): void {
    const len = n - pos;
    if (len === 0) {
      this.workLength = 0;
      return;
    }
    if (buf.buffer === this.work.buffer) this.work.copyWithin(0, pos, n);
    else {
      if (this.work.length < len) this.work = new Uint8Array(Math.max(len * 2, 65_536));
      this.work.set(buf.subarray(pos, n));
    }
    this.workLength = len;
  }

  /** Read the header record (the first non-blank line); returns where the data starts. */
  private readHeader(buf: Uint8Array, n: number, final: boolean): number {
    let i = 0;
    for (;;) {
      while (i < n && (buf[i] === LF || buf[i] === CR || buf[i] === SPACE)) {
        if (buf[i] === LF) this.line++;
        else if (buf[i] === CR) {
          if (i + 1 >= n && !final) return i;
          if (!(i + 1 < n && buf[i + 1] === LF)) this.line++;
        }
        i++;
      }
      if (i >= n) return i;
      const rec = splitRecord(buf, i, n, this.delim, final);
      if (rec.status === 'incomplete') return i;
      if (rec.status === 'unterminated') {
        throw new ImportError(
          `"${this.fileName}", row ${this.line}: the header row opens a quote (") that is never closed. Check the quoting of the header line.`,
          this.fileName,
          'unterminated_quote',
          this.line,
        );
      }
      const allBlank = rec.fields.every((f) => f.length === 0);
      this.line += rec.lines;
      i = rec.next;
      if (allBlank) continue;
      this.header = rec.fields;
      this.ncols = rec.fields.length;
      return i;
    }
  }

  /** Size the per-row arrays from the average line length of the first bytes. */
  private estimateRows(buf: Uint8Array, pos: number, n: number): void {
    const end = Math.min(n, pos + ROW_ESTIMATE_SAMPLE);
    let lines = 0;
    for (let i = pos; i < end; i++) if (buf[i] === LF) lines++;
    let estimate = INITIAL_ROW_CAPACITY;
    if (lines > 0 && this.bytesTotal > 0) {
      const avg = (end - pos) / lines;
      estimate = Math.ceil(((this.bytesTotal * this.parseRatio) / avg) * 1.05) + INITIAL_ROW_CAPACITY;
    }
    this.capacity = estimate;
    this.cols = [];
    for (let c = 0; c < this.ncols; c++) this.cols.push(new ColumnBuilder(estimate));
    this.sourceRows = new Int32Array(estimate);
  }

  private growRows(): void {
    const capacity = Math.ceil(this.capacity * 1.25) + INITIAL_ROW_CAPACITY;
    for (const col of this.cols) col.growRows(capacity);
    const sr = new Int32Array(capacity);
    sr.set(this.sourceRows);
    this.sourceRows = sr;
    this.capacity = capacity;
  }

  /** Room in the scratch buffer for `len` bytes, keeping the first `keep`. */
  private scratchFor(len: number, keep: number): Uint8Array {
    if (len > this.scratch.length) {
      const s = new Uint8Array(Math.max(len, this.scratch.length * 2));
      s.set(this.scratch.subarray(0, keep));
      this.scratch = s;
    }
    return this.scratch;
  }

  private undoRecord(record: number): void {
    for (const col of this.cols) col.undo(record);
  }

  private reportProgress(bytesRead: number): void {
    this.options.onProgress?.({ bytesRead, bytesTotal: this.bytesTotal, rows: this.rowsRead });
    this.checkCancelled();
  }

  /**
   * The hot loop: parse records from buf[pos, n) into the columns. Returns where the unconsumed
   * tail starts (an incomplete last record when not final).
   */
  private parseRows(buf: Uint8Array, pos: number, n: number, final: boolean, consumedBefore: number): number {
    const delim = this.delim;
    const ncols = this.ncols;
    const cols = this.cols;
    let line = this.line;
    let row = this.rowCount;
    let i = pos;
    outer: while (i < n) {
      let c = buf[i];
      if (c === LF) {
        line++;
        i++;
        continue;
      }
      if (c === CR) {
        if (i + 1 >= n && !final) break;
        line++;
        i += i + 1 < n && buf[i + 1] === LF ? 2 : 1;
        continue;
      }
      const recStart = i;
      const recLine = line;
      if (row >= this.capacity) this.growRows();
      const record = ++this.record;
      let ci = 0;
      let anyValue = false;
      for (;;) {
        while (i < n && buf[i] === SPACE) i++;
        let code = -1;
        if (i >= n) {
          if (!final) {
            this.undoRecord(record);
            i = recStart;
            line = recLine;
            break outer;
          }
        } else if (buf[i] === QUOTE) {
          // Quoted field: find the closing quote; doubled quotes and text after the closing
          // quote are copied to the scratch buffer.
          const s = i + 1;
          let j = s;
          let len = 0; // bytes in scratch, when copying
          let copying = false;
          let closed = false;
          while (j < n) {
            const b = buf[j];
            if (b === QUOTE) {
              if (j + 1 < n && buf[j + 1] === QUOTE) {
                if (!copying) {
                  copying = true;
                  len = j - s;
                  this.scratchFor(len + 1, 0).set(buf.subarray(s, j));
                }
                this.scratchFor(len + 1, len)[len++] = QUOTE;
                j += 2;
                continue;
              }
              if (j + 1 >= n && !final) break;
              closed = true;
              break;
            }
            if (b === LF) line++;
            else if (b === CR && !(j + 1 < n && buf[j + 1] === LF)) line++;
            if (copying) this.scratchFor(len + 1, len)[len++] = b;
            j++;
          }
          if (!closed) {
            this.undoRecord(record);
            if (!final) {
              i = recStart;
              line = recLine;
              break outer;
            }
            this.rowsRead++;
            this.errors.push({
              row: recLine,
              reason: 'unterminated_quote',
              message: `"${this.fileName}", row ${recLine}: a quote (") opens a value that is never closed, so everything from row ${recLine} to the end of the file (${line - recLine + 1} lines) was left out. Check the quoting on row ${recLine}.`,
            });
            i = n;
            break outer;
          }
          const e = j;
          i = j + 1;
          // Anything between the closing quote and the delimiter is kept as text (lenient).
          if (i < n && buf[i] !== delim && buf[i] !== LF && buf[i] !== CR) {
            if (!copying) {
              copying = true;
              len = e - s;
              this.scratchFor(len, 0).set(buf.subarray(s, e));
            }
            while (i < n && buf[i] !== delim && buf[i] !== LF && buf[i] !== CR) this.scratchFor(len + 1, len)[len++] = buf[i++];
            while (len > 0 && this.scratch[len - 1] === SPACE) len--;
            if (i >= n && !final) {
              this.undoRecord(record);
              i = recStart;
              line = recLine;
              break outer;
            }
          }
          if (copying) {
            if (len > 0) {
              anyValue = true;
              if (ci < ncols) code = cols[ci].intern(this.scratch, 0, len, hashRange(this.scratch, 0, len), record);
            }
          } else if (e > s) {
            anyValue = true;
            if (ci < ncols) code = cols[ci].intern(buf, s, e, hashRange(buf, s, e), record);
          }
        } else {
          // Unquoted field: scan and hash in one loop.
          const s = i;
          let h = FNV_OFFSET;
          while (i < n) {
            c = buf[i];
            if (c === delim || c === LF || c === CR) break;
            h = Math.imul(h ^ c, FNV_PRIME);
            i++;
          }
          if (i >= n && !final) {
            this.undoRecord(record);
            i = recStart;
            line = recLine;
            break outer;
          }
          let e = i;
          if (buf[e - 1] === SPACE) {
            while (e > s && buf[e - 1] === SPACE) e--;
            h = hashRange(buf, s, e);
          }
          if (e > s) {
            anyValue = true;
            if (ci < ncols) code = cols[ci].intern(buf, s, e, h, record);
          }
        }
        if (ci < ncols) cols[ci].codes[row] = code;
        ci++;
        if (i >= n) break; // end of file (final)
        c = buf[i];
        if (c === delim) {
          i++;
          continue;
        }
        if (c === CR) {
          if (i + 1 >= n && !final) {
            this.undoRecord(record);
            i = recStart;
            line = recLine;
            break outer;
          }
          i += i + 1 < n && buf[i + 1] === LF ? 2 : 1;
        } else i++;
        line++;
        break;
      }
      // End of a record.
      if (!anyValue) continue; // only delimiters and spaces: a blank line
      this.rowsRead++;
      if (ci === ncols) {
        this.sourceRows[row] = recLine;
        row++;
      } else {
        this.undoRecord(record);
        this.errors.push({
          row: recLine,
          reason: 'ragged_row',
          message: `"${this.fileName}", row ${recLine}: ${ci} ${ci === 1 ? 'value' : 'values'} but the header has ${ncols} columns, so the row was left out. Check for a ${delimiterName(this.delimiter)} inside a value that is not in quotes, or a missing separator.`,
        });
      }
      if ((this.rowsRead & (PROGRESS_ROW_INTERVAL - 1)) === 0) {
        this.rowCount = row;
        this.line = line;
        this.reportProgress(Math.min(this.bytesTotal, consumedBefore + Math.round(i / this.parseRatio)));
      }
    }
    this.rowCount = row;
    this.line = line;
    return i;
  }

  /** Settle the encoding, decode headers and dictionaries, and hand back the table. */
  private result(): RawTable {
    if (this.header === null) {
      throw new ImportError(
        `"${this.fileName}" is empty: it has no header row and no data. Check that the right file was exported.`,
        this.fileName,
        'empty',
      );
    }
    let encoding: TextEncoding = this.sourceEncoding;
    let dictionaries: string[][] | null = null;
    if (encoding === 'utf-8' && !this.utf8Bom) {
      // No BOM: UTF-8 unless some distinct value (or the header) is not valid UTF-8.
      try {
        const fatal = new TextDecoder('utf-8', { fatal: true });
        for (const h of this.header) fatal.decode(h);
        dictionaries = this.cols.map((c) => c.dictionary('utf-8', true));
      } catch {
        encoding = 'windows-1252';
      }
    }
    const textEncoding: TextEncoding = encoding === 'windows-1252' ? 'windows-1252' : 'utf-8';
    const headerText = this.header.map((h) => decoderFor(textEncoding).decode(h));
    dictionaries ??= this.cols.map((c) => c.dictionary(textEncoding, false));
    const names = dedupeHeaders(headerText).headers;
    const rows = this.rowCount;
    const columns: RawColumn[] = this.cols.map((col, k) => ({
      header: names[k],
      codes: fit(col.codes, rows),
      dictionary: dictionaries[k],
    }));
    // Let go of the hash tables, arenas and buffers: only codes and dictionaries live on.
    this.cols = [];
    this.work = new Uint8Array(0);
    this.scratch = new Uint8Array(0);
    this.options.onProgress?.({ bytesRead: this.bytesTotal, bytesTotal: this.bytesTotal, rows: this.rowsRead });
    return {
      format: formatOfDelimiter(this.delimiter),
      encoding,
      rowsRead: this.rowsRead,
      rowCount: rows,
      columns,
      sourceRows: fit(this.sourceRows, rows),
      readerErrors: this.errors,
    };
  }
}

/** The first n entries: a view when the spare room is small, else a copy (frees the rest). */
function fit(a: Int32Array, n: number): Int32Array {
  return a.length - n <= (n >> 3) + INITIAL_ROW_CAPACITY ? a.subarray(0, n) : a.slice(0, n);
}

/** The delimiter in words, for messages. */
function delimiterName(d: Delimiter): string {
  return d === ',' ? 'comma' : d === '\t' ? 'tab' : 'semicolon';
}
