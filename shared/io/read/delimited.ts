/**
 * CSV / TSV / semicolon reader: the scanning loop. One pass over the bytes (RFC 4180 quoting,
 * CRLF/LF/CR line ends) writing straight into dictionary-encoded columns (column-builder.ts);
 * the header record is found below any title rows (header-row.ts, headers.ts). Each column keeps
 * an open-addressing hash table keyed by the field's bytes, so a new string is made once per
 * distinct value (at the end, when the encoding is settled), never per cell, and no array is
 * made per row.
 *
 * Works whole (`readDelimited`) or streamed in chunks (`createDelimitedReader`), so a large file
 * need not sit in memory whole.
 *
 * Speed (measured with bench/, see stack-notes.md): the hot loop scans bytes once, keys short
 * values (<= 11 bytes) exactly by three 32-bit words so a lookup is one hash slot, looks ISO dates
 * up in a small direct-indexed cache, hashes long values four bytes at a time, and batches the
 * lookups of near-unique columns (ids) so their cache misses overlap.
 */
import { ImportError } from '../import-result';
import { BLANK_ROW, READER_ERROR_CAP, type RawColumn, type ReaderRowError, type ReadOptions } from '../raw-table';
import { MAX_COLUMNS, MAX_HEADER_BYTES, MAX_QUOTED_VALUE_BYTES } from '../limits';
import { chooseHeaderRow, HEADER_SEARCH_ROWS, headerNote, type HeaderChoice } from './header-row';
import { BATCH, ColumnBuilder, MIX_1, MIX_2, MIX_3, SHORT_MAX, WORD_MASK } from './column-builder';
import { dedupeHeaders, splitRecord } from './headers';

export { dedupeHeaders } from './headers';
import type { ReaderTable } from './notes';
import { createUtf16Transcoder, decoderFor, sniffEncoding, type TextEncoding } from './decode';
import { binaryReason, countLineFeeds, DELIMITER_SAMPLE_BYTES, detectDelimiter, formatOfDelimiter, type Delimiter } from './detect';

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
const DASH = 0x2d;
const ZERO = 0x30;
/** Rows assumed before the first bytes give an estimate. */
const INITIAL_ROW_CAPACITY = 1024;
/** Bytes of the first buffer scanned to estimate the average line length. */
const ROW_ESTIMATE_SAMPLE = 1 << 20;

/** A reader fed chunk by chunk; finish() returns the table. */
export interface DelimitedReader {
  /** Feed the next bytes of the file (no reference to the chunk is kept once this returns). */
  push(chunk: Uint8Array): void;
  /** Signal the end of the file and get the table. */
  finish(): ReaderTable;
}

/** A streaming CSV/TSV/semicolon reader; `bytesTotal` (the file size) sizes arrays and progress. */
export function createDelimitedReader(fileName: string, options: DelimitedOptions = {}, bytesTotal = 0): DelimitedReader {
  return new DelimitedParser(fileName, options, bytesTotal);
}

/** Read a whole CSV/TSV/semicolon file (bytes) into dictionary-encoded raw columns. */
export function readDelimited(bytes: Uint8Array, fileName: string, options: DelimitedOptions = {}): ReaderTable {
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
  private errors: RowFault[] = [];
  /** Rows read with no value in any column. */
  private blankRows = 0;
  /** Rejections past READER_ERROR_CAP, counted by reason only. */
  private overflow: Record<string, number> = {};
  /** Records still to skip above the header (title rows), once decided; null until then. */
  private headerSkip: number | null = null;
  private headerChoice: HeaderChoice | null = null;
  /** 1-based line of the header. */
  private headerLine = 0;
  /** True when a UTF-16 file ended with half a character. */
  private strayByte = false;
  /** True while skipping the rest of a line whose quote was never closed (across chunks). */
  private skipLine = false;
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
      // Copied: the caller may reuse its buffer once push() returns.
      this.pending.push(chunk.slice());
      this.pendingLength += chunk.length;
      if (this.pendingLength < DELIMITER_SAMPLE_BYTES) return;
      this.start(false);
      return;
    }
    this.feed(chunk, false);
  }

  finish(): ReaderTable {
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
      this.transcode = createUtf16Transcoder(sniff.encoding, () => {
        this.strayByte = true;
      });
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
    } else if (this.capacity === 0) this.estimateRows(buf, pos, n);
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

  /**
   * Decide how many records above the header to skip (title rows), from the records in the first
   * bytes: the header row given in the options, else chooseHeaderRow. False when more bytes are needed.
   */
  private decideHeader(buf: Uint8Array, start: number, n: number, final: boolean): boolean {
    if (this.options.headerRow !== undefined) {
      this.headerSkip = 0;
      return true;
    }
    const end = Math.min(n, start + DELIMITER_SAMPLE_BYTES);
    const last = final && end === n;
    const rows: string[][] = [];
    const decoder = new TextDecoder('utf-8');
    let i = start;
    while (rows.length < HEADER_SEARCH_ROWS && i < end) {
      while (i < end && (buf[i] === LF || buf[i] === CR || buf[i] === SPACE)) i++;
      if (i >= end) break;
      const rec = splitRecord(buf, i, end, this.delim, last);
      if (rec.status !== 'ok') break;
      i = rec.next;
      if (rec.fields.every((f) => f.length === 0)) continue;
      rows.push(rec.fields.map((f) => decoder.decode(f)));
    }
    // Too few records to judge and more bytes may come: wait for them (the sample is not full yet).
    if (rows.length < 2 && !final && n - start < DELIMITER_SAMPLE_BYTES) return false;
    this.headerChoice = chooseHeaderRow(rows);
    this.headerSkip = this.headerChoice?.index ?? 0;
    return true;
  }

  /** Read the header record (below any title rows); returns where the data starts. */
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
      if (this.headerSkip === null && !this.decideHeader(buf, i, n, final)) return i;
      const rec = splitRecord(buf, i, n, this.delim, final);
      if (rec.status === 'too_wide') {
        throw new ImportError(
          `"${this.fileName}", row ${this.line}: the header has more than ${MAX_COLUMNS.toLocaleString('en-GB')} columns, more than the workbench reads. Check that this is a ${delimiterName(this.delimiter)}-separated extract, and export only the columns you need.`,
          this.fileName,
          'too_many_columns',
          this.line,
        );
      }
      if (rec.status === 'incomplete' || rec.status === 'too_long') {
        if (rec.status === 'too_long' || n - i > MAX_HEADER_BYTES) {
          throw new ImportError(
            `"${this.fileName}", row ${this.line}: the header row runs past ${Math.round(MAX_HEADER_BYTES / 1024).toLocaleString('en-GB')} KB without ending, so this is not an extract the workbench can read. Check that the file is a CSV, TSV or semicolon-separated extract with one header line.`,
            this.fileName,
            'header_too_long',
            this.line,
          );
        }
        return i;
      }
      if (rec.status === 'unterminated') {
        throw new ImportError(
          `"${this.fileName}", row ${this.line}: the header row opens a quote (") that is never closed. Check the quoting of the header line.`,
          this.fileName,
          'unterminated_quote',
          this.line,
        );
      }
      const allBlank = rec.fields.every((f) => f.length === 0);
      const recordLine = this.line;
      this.line += rec.lines;
      i = rec.next;
      if (allBlank) continue;
      const given = this.options.headerRow;
      if (given !== undefined ? recordLine < given : (this.headerSkip ?? 0) > 0) {
        if (given === undefined) this.headerSkip = (this.headerSkip ?? 1) - 1;
        continue;
      }
      this.header = rec.fields;
      this.ncols = rec.fields.length;
      this.headerLine = recordLine;
      return i;
    }
  }

  /** Record a rejected row: listed up to READER_ERROR_CAP, counted beyond. */
  private reject(fault: RowFault): void {
    if (this.errors.length < READER_ERROR_CAP) this.errors.push(fault);
    else this.overflow[fault.reason] = (this.overflow[fault.reason] ?? 0) + 1;
  }

  /** Size the per-row arrays from the average line length of the first bytes. */
  private estimateRows(buf: Uint8Array, pos: number, n: number): void {
    const end = Math.min(n, pos + ROW_ESTIMATE_SAMPLE);
    const lines = countLineFeeds(buf, pos, end);
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

  private growRows(atLeast = 0): void {
    const capacity = Math.max(atLeast, Math.ceil(this.capacity * 1.25) + INITIAL_ROW_CAPACITY);
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

  /** Count a blank row (read, excluded as "blank_row"). */
  private blankLine(): void {
    this.rowsRead++;
    this.blankRows++;
  }

  private undoRecord(record: number, row: number): void {
    for (const col of this.cols) {
      col.undo(record);
      if (col.deferred) col.dropPending(row);
    }
  }

  /** Resolve every column's queued lookups (their bytes are in buf). */
  private resolveAll(buf: Uint8Array): void {
    for (const col of this.cols) if (col.pendingCount > 0) col.resolvePending(buf);
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
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    let line = this.line;
    let row = this.rowCount;
    let i = pos;
    if (this.skipLine) {
      // The rest of a line whose quote was never closed: part of the row already rejected.
      while (i < n && buf[i] !== LF && buf[i] !== CR) i++;
      if (i >= n && !final) return n;
      if (i < n) {
        if (buf[i] === CR && i + 1 >= n && !final) return i;
        i += buf[i] === CR && i + 1 < n && buf[i + 1] === LF ? 2 : 1;
        line++;
      }
      this.skipLine = false;
    }
    outer: while (i < n) {
      let c = buf[i];
      if (c === LF) {
        // An empty line: a row read with nothing in it.
        line++;
        i++;
        this.blankLine();
        continue;
      }
      if (c === CR) {
        if (i + 1 >= n && !final) break;
        line++;
        i += i + 1 < n && buf[i + 1] === LF ? 2 : 1;
        this.blankLine();
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
            this.undoRecord(record, row);
            i = recStart;
            line = recLine;
            break outer;
          }
        } else if (buf[i] === QUOTE) {
          // Quoted field: find the closing quote; doubled quotes and text after the closing
          // quote are copied to the scratch buffer.
          const s = i + 1;
          const quoteLine = line;
          let j = s;
          let len = 0; // bytes in scratch, when copying
          let copying = false;
          let closed = false;
          // A value still open after MAX_QUOTED_VALUE_BYTES is taken to be unterminated.
          while (j < n && j - s <= MAX_QUOTED_VALUE_BYTES) {
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
            this.undoRecord(record, row);
            if (!final && j - s <= MAX_QUOTED_VALUE_BYTES) {
              i = recStart;
              line = recLine;
              break outer;
            }
            // Never closed (end of file, or too long to be a value): the row where the quote
            // opened is rejected and reading resumes on the next line, so nothing else is lost.
            this.rowsRead++;
            this.reject({ row: recLine, reason: 'unterminated_quote', values: ci });
            line = quoteLine + 1;
            i = lineEndAfter(buf, s, n);
            if (i >= n && !final && !endsLine(buf, n)) this.skipLine = true;
            continue outer;
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
              this.undoRecord(record, row);
              i = recStart;
              line = recLine;
              break outer;
            }
          }
          if (copying) {
            if (len > 0) {
              anyValue = true;
              if (ci < ncols) code = cols[ci].internBytes(this.scratch, 0, len, record, row);
            }
          } else if (e > s) {
            anyValue = true;
            if (ci < ncols) code = cols[ci].internBytes(buf, s, e, record, row);
          }
        } else {
          // Unquoted field: find its end, trim trailing spaces, look it up.
          const s = i;
          while (i < n) {
            c = buf[i];
            if (c === delim || c === LF || c === CR) break;
            i++;
          }
          if (i >= n && !final) {
            this.undoRecord(record, row);
            i = recStart;
            line = recLine;
            break outer;
          }
          let e = i;
          while (e > s && buf[e - 1] === SPACE) e--;
          if (e > s) {
            anyValue = true;
            if (ci < ncols) {
              const len = e - s;
              if (len > SHORT_MAX) code = cols[ci].internLong(buf, view, s, e, record, row);
              else if (s + 12 > n) code = cols[ci].internShortBytes(buf, s, e, record, row);
              else {
                // The value's bytes as three little-endian words, masked to its length.
                let w0 = view.getInt32(s, true);
                let w1 = 0;
                let w2 = 0;
                if (len < 4) w0 &= WORD_MASK[len];
                else {
                  w1 = view.getInt32(s + 4, true);
                  if (len < 8) w1 &= WORD_MASK[len - 4];
                  else w2 = view.getInt32(s + 8, true) & WORD_MASK[len - 8];
                }
                w2 |= len << 24;
                const col = cols[ci];
                // ISO dates (yyyy-mm-dd): try the date cache first.
                let dateKey = -1;
                if (col.deferred) {
                  col.defer(w0, w1, w2, row, s, e);
                  code = 0; // written when the batch is resolved
                } else if (len === 10 && (w1 & 0xff) === DASH && w1 >>> 24 === DASH) {
                  const y0 = (w0 & 0xff) - ZERO;
                  const y1 = ((w0 >>> 8) & 0xff) - ZERO;
                  const y2 = ((w0 >>> 16) & 0xff) - ZERO;
                  const y3 = (w0 >>> 24) - ZERO;
                  const m1 = ((w1 >>> 8) & 0xff) - ZERO;
                  const m2 = ((w1 >>> 16) & 0xff) - ZERO;
                  const d1 = (w2 & 0xff) - ZERO;
                  const d2 = ((w2 >>> 8) & 0xff) - ZERO;
                  const month = m1 * 10 + m2;
                  const day = d1 * 10 + d2;
                  // (x >>> 0) < 10 tests for a digit: a byte below '0' wraps to a huge number.
                  if (
                    y0 >>> 0 < 10 && y1 >>> 0 < 10 && y2 >>> 0 < 10 && y3 >>> 0 < 10 &&
                    m1 >>> 0 < 10 && m2 >>> 0 < 10 && d1 >>> 0 < 10 && d2 >>> 0 < 10 &&
                    month >= 1 && month <= 12 && day >= 1 && day <= 31
                  ) {
                    dateKey = ((y0 * 1000 + y1 * 100 + y2 * 10 + y3) * 12 + month - 1) * 31 + day - 1;
                    const at = dateKey - col.dateBase;
                    if (at >= 0 && at < col.dates.length) code = col.dates[at] - 1;
                  }
                }
                if (code < 0 && !col.deferred) {
                  // The lookup of ColumnBuilder.internShort, inlined: one slot holds code and key.
                  const t = col.short;
                  const mask = col.shortMask;
                  let slot = Math.imul(w0 ^ Math.imul(w1, MIX_2) ^ Math.imul(w2, MIX_3), MIX_1) >>> col.shortShift;
                  for (;;) {
                    const p = slot << 2;
                    const v = t[p];
                    if (v === 0) {
                      code = col.insertShort(w0, w1, w2, buf, s, e, record, row);
                      break;
                    }
                    if (t[p + 1] === w0 && t[p + 2] === w1 && t[p + 3] === w2) {
                      code = v - 1;
                      break;
                    }
                    slot = (slot + 1) & mask;
                  }
                  if (dateKey >= 0) col.cacheDate(dateKey, code, record);
                }
              }
            }
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
            this.undoRecord(record, row);
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
      if (!anyValue) {
        // Only delimiters and spaces: a blank row.
        this.blankLine();
        continue;
      }
      this.rowsRead++;
      if (ci === ncols) {
        this.sourceRows[row] = recLine;
        row++;
        if ((row & (BATCH - 1)) === 0) this.resolveAll(buf);
      } else {
        this.undoRecord(record, row);
        this.reject({ row: recLine, reason: 'ragged_row', values: ci });
      }
      if ((this.rowsRead & (PROGRESS_ROW_INTERVAL - 1)) === 0) {
        this.rowCount = row;
        this.line = line;
        this.reportProgress(Math.min(this.bytesTotal, consumedBefore + Math.round(i / this.parseRatio)));
      }
    }
    this.resolveAll(buf);
    this.rowCount = row;
    this.line = line;
    return i;
  }

  /** Settle the encoding, decode headers and dictionaries, and hand back the table. */
  private result(): ReaderTable {
    if (this.header === null && this.options.headerRow !== undefined && this.line > 1) {
      throw new ImportError(
        `"${this.fileName}": the header row was set to row ${this.options.headerRow}, but the file has only ${this.line - 1} ${this.line === 2 ? 'line' : 'lines'}. Give the row that holds the column names.`,
        this.fileName,
        'bad_header_row',
        this.options.headerRow,
      );
    }
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
    const { headers: names, duplicates } = dedupeHeaders(headerText);
    const notes: string[] = [];
    const headerText2 = headerNote(`"${this.fileName}"`, this.headerLine, this.headerChoice, this.options.headerRow !== undefined);
    if (headerText2) notes.push(headerText2);
    notes.push(...duplicates);
    if (this.strayByte) {
      notes.push(`"${this.fileName}" is UTF-16 but ends with half a character (an odd number of bytes, often a file cut short); the stray last byte was ignored.`);
    }
    if (encoding === 'windows-1252') {
      notes.push(`"${this.fileName}" is not valid UTF-8, so it was read as Windows-1252 (the usual encoding of Excel CSV exports on Windows). If accented letters or symbols look wrong, export the file again as "CSV UTF-8".`);
    }
    const rows = this.rowCount;
    const readerExcluded: Record<string, number> = { ...this.overflow };
    if (this.blankRows > 0) readerExcluded[BLANK_ROW] = this.blankRows;
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
      readerErrors: this.errors.map((f) => faultMessage(this.fileName, f, this.ncols, this.delimiter)),
      ...(Object.keys(readerExcluded).length > 0 ? { readerExcluded } : {}),
      headerRow: this.headerLine,
      notes,
    };
  }
}

/** The first n entries: a view when the spare room is small, else a copy (frees the rest). */
function fit(a: Int32Array, n: number): Int32Array {
  return a.length - n <= (n >> 3) + INITIAL_ROW_CAPACITY ? a.subarray(0, n) : a.slice(0, n);
}

/** Index just after the first line end at or after `from` (n when none). */
function lineEndAfter(buf: Uint8Array, from: number, n: number): number {
  let k = from;
  while (k < n && buf[k] !== LF && buf[k] !== CR) k++;
  if (k >= n) return n;
  return buf[k] === CR && k + 1 < n && buf[k + 1] === LF ? k + 2 : k + 1;
}

/** True when the bytes end with a line end. */
function endsLine(buf: Uint8Array, n: number): boolean {
  return n > 0 && (buf[n - 1] === LF || buf[n - 1] === CR);
}

/** A rejected record, before its message is written. */
interface RowFault {
  row: number;
  reason: 'ragged_row' | 'unterminated_quote';
  /** Values read in the record. */
  values: number;
}

/** The message a person sees for a rejected record. */
function faultMessage(fileName: string, f: RowFault, ncols: number, delimiter: Delimiter): ReaderRowError {
  const message =
    f.reason === 'ragged_row'
      ? `"${fileName}", row ${f.row}: ${f.values} ${f.values === 1 ? 'value' : 'values'} but the header has ${ncols} columns, so the row was left out. Check for a ${delimiterName(delimiter)} inside a value that is not in quotes, or a missing separator.`
      : `"${fileName}", row ${f.row}: a quote (") opens a value that is not closed where it should be, so row ${f.row} was left out and reading went on from the next line. Check the quoting on row ${f.row}.`;
  return { row: f.row, reason: f.reason, message };
}

/** The delimiter in words, for messages. */
function delimiterName(d: Delimiter): string {
  return d === ',' ? 'comma' : d === '\t' ? 'tab' : 'semicolon';
}
