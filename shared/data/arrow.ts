/**
 * ColumnarTable <-> Arrow IPC chunks: how an extract is kept on disk so it reopens without
 * re-parsing. Each chunk is a standalone Arrow IPC stream (schema, dictionaries, one record
 * batch) that any Arrow reader, Arquero's fromArrow included, can decode on its own. Read chunks
 * one by one: concatenated, their dictionaries would replace each other.
 *
 * Payload format 1, per column:
 * - text   -> Dictionary<Utf8, Int8|Int16|Int32> (indices as narrow as the table dictionary
 *             allows, with one value to spare for Arquero's null key), null where the code is -1. A chunk's dictionary holds only the entries its
 *             rows use, in the table's code order. Field metadata records the table dictionary's
 *             size and the table code of each chunk entry (as runs), so chunks merge back into
 *             the table's own codes without hashing strings.
 * - date   -> DateDay (int32 days since 1970-01-01), null where NaN. A chunk holding a value that
 *             is not a whole day in int32 range is written as Float64 instead, so nothing is
 *             ever rounded; the field metadata still says 'date'.
 * - number -> Float64, null where NaN; or the narrowest Int8|Int16|Int32 when every value in the
 *             chunk is a whole number in range and none is -0 (same numbers, fewer bytes).
 * Every field carries its workbench kind in metadata; the schema carries the payload format and
 * the chunk's row count. Unused dictionary entries are not stored, so a reopened text column
 * may have a shorter dictionary (same cell values, codes renumbered densely).
 */
import {
  Column as ArrowColumn,
  Table as ArrowTable,
  Type,
  Version,
  Endianness,
  Precision,
  DateUnit,
  batchType,
  dateDay,
  dictionary,
  field as arrowField,
  float64,
  int,
  tableToIPC,
  utf8,
} from '@uwdata/flechette';
import type { ArrowData, Batch, DataType, Field, RecordBatch, TypedArray } from '@uwdata/flechette';
// @ts-expect-error -- flechette 2.6 ships this module's declaration under dist/types only; it is typed below.
import { decodeIPC as untypedDecodeIPC } from '@uwdata/flechette/src/decode/decode-ipc.js';
import type { Column, ColumnKind, ColumnarTable, TextColumn } from './table';

/**
 * flechette's message-level IPC decoder (schema, dictionary and record batch buffers without
 * building columns). Used instead of tableFromIPC, which decodes every dictionary string of
 * every chunk up front; here only the strings the table needs are decoded.
 */
const decodeIPC: (bytes: Uint8Array) => ArrowData = untypedDecodeIPC;

/** Version of the bytes inside a chunk; bump when the layout above changes (the Dexie schema is versioned separately). */
export const ARROW_PAYLOAD_FORMAT = 1;

/** Rows per chunk by default: the top of the 50k-250k range that keeps IndexedDB writes fast (stack-notes, "Dexie for big datasets"). */
export const DEFAULT_ROWS_PER_CHUNK = 250_000;

/** Schema metadata key: payload format version. */
export const META_FORMAT = 'msvw.payloadFormat';
/** Schema metadata key: rows in this chunk (kept so a table with no columns keeps its row count). */
export const META_ROWS = 'msvw.rows';
/** Field metadata key: the workbench column kind ('date' | 'number' | 'text'). */
export const META_KIND = 'msvw.kind';
/** Field metadata key (text): size of the whole table's dictionary. */
export const META_DICTIONARY_SIZE = 'msvw.dictionarySize';
/** Field metadata key (text): table codes of this chunk's dictionary entries, as ascending runs "start+length,...". */
export const META_DICTIONARY_CODES = 'msvw.dictionaryCodes';

/** A chunk that cannot be read back as part of a workbench dataset. */
export class ArrowPayloadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArrowPayloadError';
  }
}

// ---------------------------------------------------------------------------------------------
// Encoding

interface BatchInit {
  length: number;
  nullCount: number;
  type: DataType;
  validity: Uint8Array;
  values: TypedArray;
  offsets?: Int32Array;
}
type BatchConstructor = new (init: BatchInit) => Batch<unknown>;
/** A dictionary batch as the IPC encoder reads it. */
interface DictionaryBearing {
  dictionary: ArrowColumn<unknown>;
}

/** A null bitmap (Arrow validity: bit set = present) and how many values are missing. */
interface Validity {
  validity: Uint8Array;
  nullCount: number;
}

const NO_NULLS: Validity = { validity: new Uint8Array(0), nullCount: 0 };

/** Signed integer arrays used for narrowed numbers and dictionary indices. */
type IntArray = Int8Array | Int16Array | Int32Array;
type IntArrayConstructor = Int8ArrayConstructor | Int16ArrayConstructor | Int32ArrayConstructor;

/** The narrowest signed integer array holding every value in [min, max] (Arrow Int 8/16/32). */
function narrowestInt(min: number, max: number): { Ctor: IntArrayConstructor; bitWidth: 8 | 16 | 32 } {
  if (min >= -128 && max <= 127) return { Ctor: Int8Array, bitWidth: 8 };
  if (min >= -32_768 && max <= 32_767) return { Ctor: Int16Array, bitWidth: 16 };
  return { Ctor: Int32Array, bitWidth: 32 };
}

/**
 * Buffers one column reuses from chunk to chunk: a chunk's bytes are complete before the next
 * chunk is built, so its null bitmap and converted values can be overwritten (less garbage).
 */
class ColumnScratch {
  private bitmap: Uint8Array | null = null;
  private readonly ints = new Map<number, IntArray>();
  constructor(private readonly rows: number) {}

  /** A null bitmap for n rows (every byte is written by the caller). */
  bits(n: number): Uint8Array {
    this.bitmap ??= new Uint8Array((this.rows + 7) >> 3);
    return this.bitmap.subarray(0, (n + 7) >> 3);
  }

  /** An integer array of the given type for n rows. */
  array<C extends IntArrayConstructor>(Ctor: C, n: number): InstanceType<C> {
    let array = this.ints.get(Ctor.BYTES_PER_ELEMENT);
    if (!array) {
      array = new Ctor(this.rows);
      this.ints.set(Ctor.BYTES_PER_ELEMENT, array);
    }
    return array.subarray(0, n) as InstanceType<C>;
  }
}

/** A flechette batch of the given Arrow type over existing buffers (no copy). */
function makeBatch(init: BatchInit): Batch<unknown> {
  const Ctor = batchType(init.type) as BatchConstructor;
  return new Ctor(init);
}

/** A one-batch Arrow column. */
function arrowColumn(init: BatchInit): ArrowColumn<unknown> {
  return new ArrowColumn([makeBatch(init)], init.type);
}

/**
 * A number chunk: Float64, or the narrowest Int8/16/32 when every present value is a whole
 * number in range (and not -0), which keeps the same values in an eighth to a half of the bytes.
 */
function numberBatch(values: Float64Array, scratch: ColumnScratch): BatchInit {
  const n = values.length;
  const bits = scratch.bits(n);
  let nulls = 0;
  let whole = n > 0;
  let min = 0;
  let max = 0;
  for (let byte = 0, i = 0; i < n; byte++) {
    const stop = Math.min(n, i + 8);
    let b = 0;
    for (let j = 0; i < stop; i++, j++) {
      const v = values[i];
      if (v !== v) {
        nulls++;
        continue;
      }
      b |= 1 << j;
      if (whole) {
        if ((v | 0) !== v || (v === 0 && 1 / v < 0)) whole = false;
        else if (v < min) min = v;
        else if (v > max) max = v;
      }
    }
    bits[byte] = b;
  }
  const validity: Validity = nulls ? { validity: bits, nullCount: nulls } : NO_NULLS;
  if (!whole) return { length: n, ...validity, type: float64(), values };
  const { Ctor, bitWidth } = narrowestInt(min, max);
  const narrow = scratch.array(Ctor, n);
  for (let i = 0; i < n; i++) narrow[i] = values[i]; // NaN (null slots) become 0
  return { length: n, ...validity, type: int(bitWidth, true), values: narrow };
}

/** A date chunk as DateDay (int32 days), or null when a value is not a whole day in int32 range. */
function dateBatch(values: Float64Array, scratch: ColumnScratch): BatchInit | null {
  const n = values.length;
  const days = scratch.array(Int32Array, n);
  const bits = scratch.bits(n);
  let nulls = 0;
  for (let byte = 0, i = 0; i < n; byte++) {
    const stop = Math.min(n, i + 8);
    let b = 0;
    for (let j = 0; i < stop; i++, j++) {
      const v = values[i];
      if (v === v) {
        const d = v | 0;
        if (d !== v) return null;
        days[i] = d;
        b |= 1 << j;
      } else {
        days[i] = 0;
        nulls++;
      }
    }
    bits[byte] = b;
  }
  return { length: n, ...(nulls ? { validity: bits, nullCount: nulls } : NO_NULLS), type: dateDay(), values: days };
}

/** A dictionary as UTF-8: bytes, with entry i at offsets[i]..offsets[i+1]. */
interface Utf8Dictionary {
  bytes: Uint8Array;
  offsets: Int32Array;
}

const textEncoder = new TextEncoder();

/** Dictionary entries encoded per TextEncoder call (joined): large enough to amortise the call, small enough to stay in cache. */
const ENCODE_BLOCK = 4096;

/** Encode every dictionary entry to UTF-8 once, a block of entries at a time. */
function encodeDictionary(entries: string[]): Utf8Dictionary {
  const count = entries.length;
  const offsets = new Int32Array(count + 1);
  const blocks: Uint8Array[] = [];
  let size = 0;
  for (let from = 0; from < count; from += ENCODE_BLOCK) {
    const to = Math.min(count, from + ENCODE_BLOCK);
    let units = 0;
    for (let i = from; i < to; i++) {
      units += entries[i].length;
      offsets[i + 1] = size + units;
    }
    let block = textEncoder.encode(entries.slice(from, to).join(''));
    if (block.length !== units) {
      // Not all ASCII: bytes no longer line up with UTF-16 units, so encode entry by entry
      // (also keeps a lone surrogate at an entry's edge from pairing with its neighbour).
      const parts = entries.slice(from, to).map((e) => textEncoder.encode(e));
      block = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
      for (let k = 0, at = 0; k < parts.length; at += parts[k].length, k++) {
        block.set(parts[k], at);
        offsets[from + k + 1] = size + at + parts[k].length;
      }
    }
    blocks.push(block);
    size += block.length;
  }
  const bytes = new Uint8Array(size);
  for (let k = 0, at = 0; k < blocks.length; at += blocks[k].length, k++) bytes.set(blocks[k], at);
  return { bytes, offsets };
}

/** Per-column state reused across chunks while encoding one text column. */
interface TextEncodeState {
  column: TextColumn;
  utf8: Utf8Dictionary;
  /** Table code -> code in the current chunk; -1 when unused. Reset after each chunk. */
  local: Int32Array;
  /** Table codes used in the current chunk (scratch). */
  used: Int32Array;
  scratch: ColumnScratch;
}

/** Encoding state for a text column: its dictionary as UTF-8 plus scratch space. */
function textEncodeState(column: TextColumn, rowsPerChunk: number): TextEncodeState {
  rowsPerChunk = Math.min(rowsPerChunk, column.codes.length);
  const size = column.dictionary.length;
  return {
    column,
    utf8: encodeDictionary(column.dictionary),
    local: new Int32Array(size).fill(-1),
    used: new Int32Array(Math.min(size, rowsPerChunk)),
    scratch: new ColumnScratch(rowsPerChunk),
  };
}

/** Ascending table codes as runs "start+length,start+length". */
function runsOf(codes: Int32Array): string {
  const parts: string[] = [];
  let k = 0;
  while (k < codes.length) {
    const start = codes[k];
    let len = 1;
    while (k + len < codes.length && codes[k + len] === start + len) len++;
    parts.push(`${start}+${len}`);
    k += len;
  }
  return parts.join(',');
}

/** One chunk of a text column: its codes, the dictionary subset they use, and that subset's table codes. */
function textChunk(state: TextEncodeState, start: number, end: number): { column: ArrowColumn<unknown>; tableCodes: string } {
  const { column, local, used } = state;
  const whole = state.utf8;
  const size = column.dictionary.length;
  const codes = column.codes.subarray(start, end);
  const n = codes.length;

  // Index width from the table's dictionary size, so that codes can be written while scanning.
  // One spare value: Arquero's fromArrow stores nulls as key `size` in an array of the index type.
  const { Ctor, bitWidth } = narrowestInt(-1, size);
  const direct = Ctor === Int32Array ? null : state.scratch.array(Ctor, n);

  // One pass: which dictionary entries this chunk uses, their code range, the null bitmap, and
  // (for narrow indices) the codes themselves.
  const bits = state.scratch.bits(n);
  let nulls = 0;
  let usedCount = 0;
  let lo = size;
  let hi = -1;
  for (let byte = 0, i = 0; i < n; byte++) {
    const stop = Math.min(n, i + 8);
    let b = 0;
    for (let j = 0; i < stop; i++, j++) {
      const c = codes[i];
      if (direct) direct[i] = c;
      if (c < 0) {
        nulls++;
        continue;
      }
      if (c >= size) {
        throw new ArrowPayloadError(`Column "${column.name}" row ${start + i + 1} has code ${c} outside its dictionary of ${size}.`);
      }
      b |= 1 << j;
      if (local[c] === -1) {
        local[c] = 0;
        used[usedCount++] = c;
        if (c < lo) lo = c;
        if (c > hi) hi = c;
      }
    }
    bits[byte] = b;
  }
  const validity: Validity = nulls ? { validity: bits, nullCount: nulls } : NO_NULLS;
  let indices: IntArray;
  let dict: Utf8Dictionary;
  let tableCodes: string;

  if (usedCount > 0 && hi - lo + 1 === usedCount) {
    // The chunk uses one unbroken run of codes (always so for a fully used dictionary, and for
    // ids in first-seen order): its dictionary is a slice, its codes a shift.
    for (let k = 0; k < usedCount; k++) local[used[k]] = -1;
    const base = whole.offsets[lo];
    const offsets = whole.offsets.slice(lo, hi + 2);
    if (base) for (let k = 0; k < offsets.length; k++) offsets[k] -= base;
    dict = { bytes: whole.bytes.subarray(base, whole.offsets[hi + 1]), offsets };
    tableCodes = `${lo}+${usedCount}`;
    indices = direct ?? (lo === 0 ? codes : state.scratch.array(Int32Array, n));
    if (lo > 0) {
      for (let i = 0; i < n; i++) {
        const c = codes[i];
        indices[i] = c < 0 ? -1 : c - lo;
      }
    }
  } else {
    const order = used.subarray(0, usedCount);
    if (size <= 4 * n) {
      let k = 0;
      for (let c = 0; c < size; c++) if (local[c] === 0) order[k++] = c;
    } else {
      order.sort();
    }
    let byteCount = 0;
    for (let k = 0; k < usedCount; k++) {
      const c = order[k];
      local[c] = k;
      byteCount += whole.offsets[c + 1] - whole.offsets[c];
    }
    const bytes = new Uint8Array(byteCount);
    const offsets = new Int32Array(usedCount + 1);
    const src = whole.bytes;
    let pos = 0;
    for (let k = 0; k < usedCount; k++) {
      const c = order[k];
      for (let b = whole.offsets[c], e = whole.offsets[c + 1]; b < e; b++) bytes[pos++] = src[b];
      offsets[k + 1] = pos;
    }
    dict = { bytes, offsets };
    indices = direct ?? state.scratch.array(Int32Array, n);
    for (let i = 0; i < n; i++) {
      const c = codes[i];
      indices[i] = c < 0 ? -1 : local[c];
    }
    tableCodes = runsOf(order);
    for (let k = 0; k < usedCount; k++) local[order[k]] = -1;
  }

  const valueType = utf8();
  const values = makeBatch({ length: usedCount, ...NO_NULLS, type: valueType, offsets: dict.offsets, values: dict.bytes });
  const type = dictionary(valueType, int(bitWidth, true));
  const batch = makeBatch({ length: n, ...validity, type, values: indices });
  // Set the dictionary directly: setDictionary() would decode every string only to re-encode it.
  (batch as unknown as DictionaryBearing).dictionary = new ArrowColumn([values], valueType);
  return { column: new ArrowColumn([batch], type), tableCodes };
}

/** One chunk's Arrow field and column for rows [start, end) of a table column. */
function chunkField(column: Column, text: TextEncodeState | null, scratch: ColumnScratch, start: number, end: number): { field: Field; column: ArrowColumn<unknown> } {
  const metadata = new Map<string, string>([[META_KIND, column.kind]]);
  let arrow: ArrowColumn<unknown>;
  if (column.kind === 'text') {
    if (!text) throw new ArrowPayloadError(`Column "${column.name}" has no text encoding state.`);
    const chunk = textChunk(text, start, end);
    metadata.set(META_DICTIONARY_SIZE, String(column.dictionary.length));
    metadata.set(META_DICTIONARY_CODES, chunk.tableCodes);
    arrow = chunk.column;
  } else {
    const values = column.values.subarray(start, end);
    // A date chunk with a value that is not a whole day in int32 range keeps its exact values (as Float64).
    arrow = arrowColumn((column.kind === 'date' && dateBatch(values, scratch)) || numberBatch(values, scratch));
  }
  return { field: arrowField(column.name, arrow.type, true, metadata), column: arrow };
}

/** Encode a whole extract as standalone Arrow IPC chunks of at most `rowsPerChunk` rows (always at least one chunk). */
export function tableToArrowChunks(table: ColumnarTable, rowsPerChunk = DEFAULT_ROWS_PER_CHUNK): Uint8Array[] {
  if (!Number.isInteger(rowsPerChunk) || rowsPerChunk < 1) {
    throw new RangeError(`rowsPerChunk must be a positive whole number, not ${rowsPerChunk}.`);
  }
  const { rowCount } = table;
  for (const c of table.columns) {
    const length = c.kind === 'text' ? c.codes.length : c.values.length;
    if (length !== rowCount) {
      throw new ArrowPayloadError(`Column "${c.name}" has ${length} values but the table has ${rowCount} rows.`);
    }
  }
  const textStates = table.columns.map((c) => (c.kind === 'text' ? textEncodeState(c, rowsPerChunk) : null));
  const scratches = table.columns.map((_, i) => textStates[i]?.scratch ?? new ColumnScratch(Math.min(rowsPerChunk, rowCount)));
  const chunks: Uint8Array[] = [];
  for (let start = 0; start < rowCount || chunks.length === 0; start += rowsPerChunk) {
    const end = Math.min(rowCount, start + rowsPerChunk);
    const parts = table.columns.map((c, i) => chunkField(c, textStates[i], scratches[i], start, end));
    const schema = {
      version: Version.V5,
      endianness: Endianness.Little,
      fields: parts.map((p) => p.field),
      metadata: new Map([
        [META_FORMAT, String(ARROW_PAYLOAD_FORMAT)],
        [META_ROWS, String(end - start)],
      ]),
    };
    const bytes = tableToIPC(new ArrowTable(schema, parts.map((p) => p.column)), { format: 'stream' });
    if (!bytes) throw new ArrowPayloadError('The Arrow encoder returned no bytes.');
    chunks.push(bytes);
  }
  return chunks;
}

// ---------------------------------------------------------------------------------------------
// Decoding

type Region = RecordBatch['regions'][number];
type NumericArrayConstructor = Float64ArrayConstructor | IntArrayConstructor;

/** The array type for an Arrow signed Int of this width, or null for widths this workbench does not write. */
function intArrayFor(type: DataType): IntArrayConstructor | null {
  if (type.typeId !== Type.Int || !type.signed) return null;
  return type.bitWidth === 8 ? Int8Array : type.bitWidth === 16 ? Int16Array : type.bitWidth === 32 ? Int32Array : null;
}

/** Reads the buffers of one record batch in order, as typed-array views where alignment allows. */
class BufferReader {
  private next = 0;
  constructor(
    private readonly body: Uint8Array,
    private readonly regions: Region[],
    private readonly where: string,
  ) {}

  /** The next buffer as bytes. */
  bytes(): Uint8Array {
    const region = this.regions[this.next++];
    if (!region) throw new ArrowPayloadError(`${this.where} is missing a data buffer.`);
    if (region.offset + region.length > this.body.length) throw new ArrowPayloadError(`${this.where} is truncated.`);
    return this.body.subarray(region.offset, region.offset + region.length);
  }

  /** The next buffer as `count` values of the given type (a view when aligned, else a copy). */
  array<C extends NumericArrayConstructor>(Ctor: C, count: number): InstanceType<C> {
    const raw = this.bytes();
    const size = Ctor.BYTES_PER_ELEMENT;
    if (raw.length < count * size) throw new ArrowPayloadError(`${this.where} has fewer values than rows.`);
    const bytes = raw.byteOffset % size === 0 ? raw : raw.slice(0, count * size);
    return new Ctor(bytes.buffer as ArrayBuffer, bytes.byteOffset, count) as InstanceType<C>;
  }
}

/** Overwrite the slots an Arrow validity bitmap marks as null. */
function applyNulls(out: Float64Array | Int32Array, offset: number, length: number, nullCount: number, bits: Uint8Array, missing: number): void {
  if (!nullCount) return;
  if (bits.length === 0) {
    out.fill(missing, offset, offset + length);
    return;
  }
  for (let byte = 0; byte < (length + 7) >> 3; byte++) {
    const b = bits[byte];
    if (b === 0xff) continue;
    const base = byte << 3;
    const top = Math.min(8, length - base);
    for (let j = 0; j < top; j++) if (!((b >> j) & 1)) out[offset + base + j] = missing;
  }
}

/** The workbench kind of a stored field: its metadata, else guessed from its Arrow type. */
function fieldKind(f: Field): ColumnKind {
  const kind = f.metadata?.get(META_KIND);
  if (kind === 'date' || kind === 'number' || kind === 'text') return kind;
  if (f.type.typeId === Type.Dictionary) return 'text';
  if (f.type.typeId === Type.Date) return 'date';
  return 'number';
}

/** A chunk's dictionary entries, decoded to strings only when asked for. */
class ChunkDictionary {
  private readonly ascii: string | null;
  private static readonly decoder = new TextDecoder();

  constructor(
    private readonly bytes: Uint8Array,
    private readonly offsets: Int32Array,
  ) {
    let ascii = true;
    for (let i = 0; i < bytes.length; i++) {
      if (bytes[i] >= 0x80) {
        ascii = false;
        break;
      }
    }
    // ASCII: one decode for the whole dictionary, then each entry is a substring of it.
    this.ascii = ascii ? ChunkDictionary.decoder.decode(bytes) : null;
  }

  get size(): number {
    return this.offsets.length - 1;
  }

  /** Entry k as a string. */
  entry(k: number): string {
    const from = this.offsets[k];
    const to = this.offsets[k + 1];
    return this.ascii !== null ? this.ascii.substring(from, to) : ChunkDictionary.decoder.decode(this.bytes.subarray(from, to));
  }

  /** True when entry k is exactly `s` (without building a new string for ASCII text). */
  equals(k: number, s: string): boolean {
    const from = this.offsets[k];
    if (this.ascii !== null) return s.length === this.offsets[k + 1] - from && this.ascii.startsWith(s, from);
    return this.entry(k) === s;
  }
}

/** Table codes for each chunk dictionary entry, from META_DICTIONARY_CODES runs; null when the runs don't fit. */
function parseRuns(runs: string, count: number, tableSize: number): Int32Array | null {
  const codes = new Int32Array(count);
  let k = 0;
  let i = 0;
  let previousEnd = 0;
  while (i < runs.length) {
    let start = 0;
    let len = 0;
    let c = runs.charCodeAt(i);
    if (c < 48 || c > 57) return null;
    while (c >= 48 && c <= 57) {
      start = start * 10 + (c - 48);
      c = runs.charCodeAt(++i);
    }
    if (c !== 43 /* + */) return null;
    c = runs.charCodeAt(++i);
    if (c < 48 || c > 57) return null;
    while (c >= 48 && c <= 57) {
      len = len * 10 + (c - 48);
      c = runs.charCodeAt(++i);
    }
    if (i < runs.length) {
      if (c !== 44 /* , */) return null;
      i++;
    }
    if (start < previousEnd || start + len > tableSize || k + len > count) return null;
    for (let j = 0; j < len; j++) codes[k++] = start + j;
    previousEnd = start + len;
  }
  return k === count ? codes : null;
}

/** Largest table dictionary a chunk may describe (Int32 codes). */
const MAX_DICTIONARY_SIZE = 2 ** 31 - 1;

/** A text column being rebuilt from chunks. */
class TextColumnReader {
  readonly codes: Int32Array;
  private entries: (string | undefined)[] = [];
  private filled = 0;
  /** String -> code, only for chunks without table-code metadata (merged by value). */
  private index: Map<string, number> | null = null;

  constructor(
    readonly name: string,
    rowCount: number,
  ) {
    this.codes = new Int32Array(rowCount);
  }

  /** Add one chunk: its dictionary, codes and validity, placed at row `offset`. */
  read(f: Field, dict: ChunkDictionary, codes: IntArray, offset: number, nullCount: number, validity: Uint8Array, where: string): void {
    const tableSize = Number(f.metadata?.get(META_DICTIONARY_SIZE) ?? Number.NaN);
    const runs = f.metadata?.get(META_DICTIONARY_CODES);
    let remap: Int32Array;
    let identity = false;
    if (runs !== undefined && Number.isInteger(tableSize) && tableSize >= 0 && tableSize <= MAX_DICTIONARY_SIZE && !this.index) {
      const tableCodes = parseRuns(runs, dict.size, tableSize);
      if (!tableCodes) throw new ArrowPayloadError(`${where}: the dictionary of column "${this.name}" does not match its description.`);
      if (this.entries.length === 0) this.entries = new Array<string | undefined>(tableSize);
      else if (this.entries.length !== tableSize) throw new ArrowPayloadError(`${where}: column "${this.name}" has a different dictionary size from earlier chunks.`);
      for (let k = 0; k < dict.size; k++) {
        const code = tableCodes[k];
        const known = this.entries[code];
        if (known === undefined) {
          this.entries[code] = dict.entry(k);
          this.filled++;
        } else if (!dict.equals(k, known)) {
          throw new ArrowPayloadError(`${where}: column "${this.name}" has two different values for one code.`);
        }
      }
      identity = dict.size === 0 || (tableCodes[0] === 0 && tableCodes[dict.size - 1] === dict.size - 1);
      remap = tableCodes;
    } else {
      remap = this.mergeByValue(dict);
    }

    const out = this.codes;
    const n = codes.length;
    if (identity) {
      out.set(codes, offset);
    } else {
      for (let i = 0; i < n; i++) {
        const c = codes[i];
        if (c < 0) {
          out[offset + i] = -1;
        } else if (c >= remap.length) {
          throw new ArrowPayloadError(`${where}: column "${this.name}" row ${i + 1} points outside its dictionary.`);
        } else {
          out[offset + i] = remap[c];
        }
      }
    }
    applyNulls(out, offset, n, nullCount, validity, -1);
  }

  /** Merge a chunk dictionary that has no table codes by comparing strings. */
  private mergeByValue(dict: ChunkDictionary): Int32Array {
    if (!this.index) {
      this.compact();
      this.index = new Map();
      for (let k = 0; k < this.entries.length; k++) this.index.set(this.entries[k] as string, k);
    }
    const remap = new Int32Array(dict.size);
    for (let k = 0; k < dict.size; k++) {
      const s = dict.entry(k);
      let code = this.index.get(s);
      if (code === undefined) {
        code = this.entries.length;
        this.entries.push(s);
        this.filled++;
        this.index.set(s, code);
      }
      remap[k] = code;
    }
    return remap;
  }

  /** Drop dictionary entries no chunk used, renumbering codes densely. */
  private compact(): void {
    if (this.filled === this.entries.length) return;
    const renumber = new Int32Array(this.entries.length);
    const kept: string[] = [];
    for (let k = 0; k < this.entries.length; k++) {
      const s = this.entries[k];
      renumber[k] = s === undefined ? -1 : kept.push(s) - 1;
    }
    const codes = this.codes;
    for (let i = 0; i < codes.length; i++) if (codes[i] >= 0) codes[i] = renumber[codes[i]];
    this.entries = kept;
    this.filled = kept.length;
  }

  /** The finished column. */
  finish(): TextColumn {
    this.compact();
    return { kind: 'text', name: this.name, codes: this.codes, dictionary: this.entries as string[] };
  }
}

/** One decoded chunk: its schema fields, dictionaries by id, record batches and row count. */
interface DecodedChunk {
  fields: Field[];
  dictionaries: Map<number, ChunkDictionary>;
  records: RecordBatch[];
  rows: number;
  where: string;
}

/** Parse one chunk's IPC messages (no column data is copied). */
function decodeChunk(bytes: Uint8Array, index: number, total: number): DecodedChunk {
  const where = `Stored chunk ${index + 1} of ${total}`;
  let data: ArrowData;
  try {
    data = decodeIPC(bytes.byteOffset % 8 === 0 ? bytes : bytes.slice());
  } catch (e) {
    throw new ArrowPayloadError(`${where} is damaged (${e instanceof Error ? e.message : String(e)}).`);
  }
  const schema = data.schema;
  if (!schema) throw new ArrowPayloadError(`${where} has no schema.`);
  const format = schema.metadata?.get(META_FORMAT);
  if (format !== undefined && !(Number(format) <= ARROW_PAYLOAD_FORMAT)) {
    throw new ArrowPayloadError(`${where} was stored by a newer version of the workbench (payload format ${format}); update the workbench to open it.`);
  }
  const records = data.records ?? [];
  const dictionaries = new Map<number, ChunkDictionary>();
  for (const d of data.dictionaries ?? []) {
    if (d.isDelta || dictionaries.has(d.id)) throw new ArrowPayloadError(`${where} has dictionary updates this workbench does not write.`);
    if (d.data.compression) throw new ArrowPayloadError(`${where} is compressed, which this workbench does not write.`);
    const reader = new BufferReader(d.body ?? new Uint8Array(0), d.data.regions, where);
    const count = d.data.nodes[0]?.length ?? 0;
    reader.bytes(); // validity: dictionary entries are never null here
    const offsets = reader.array(Int32Array, count + 1);
    dictionaries.set(d.id, new ChunkDictionary(reader.bytes(), offsets));
  }
  const stated = schema.metadata?.get(META_ROWS);
  const rows = records.length ? records.reduce((sum, r) => sum + (r.length ?? 0), 0) : Number(stated ?? 0);
  if (stated !== undefined && Number(stated) !== rows) throw new ArrowPayloadError(`${where} holds ${rows} rows but says ${stated}.`);
  return { fields: schema.fields, dictionaries, records, rows, where };
}

/** Decode chunks written by tableToArrowChunks back into one table with the same columns and cells. */
export function tableFromArrowChunks(chunks: Uint8Array[]): ColumnarTable {
  if (chunks.length === 0) throw new ArrowPayloadError('A stored dataset has no data chunks.');
  const decoded = chunks.map((bytes, i) => decodeChunk(bytes, i, chunks.length));
  const fields = decoded[0].fields;
  const rowCount = decoded.reduce((sum, c) => sum + c.rows, 0);
  const kinds = fields.map(fieldKind);
  const numeric = fields.map((f, i) => (kinds[i] === 'text' ? null : new Float64Array(rowCount)));
  const text = fields.map((f, i) => (kinds[i] === 'text' ? new TextColumnReader(f.name, rowCount) : null));

  let offset = 0;
  for (const chunk of decoded) {
    const { where } = chunk;
    if (chunk.fields.length !== fields.length || chunk.fields.some((f, i) => f.name !== fields[i].name)) {
      throw new ArrowPayloadError(`${where} has different columns from the first chunk.`);
    }
    for (const record of chunk.records) {
      if (record.compression) throw new ArrowPayloadError(`${where} is compressed, which this workbench does not write.`);
      const n = record.length ?? 0;
      const reader = new BufferReader(record.body ?? new Uint8Array(0), record.regions, where);
      chunk.fields.forEach((f, i) => {
        const node = record.nodes[i];
        if (!node || node.length !== n) throw new ArrowPayloadError(`${where}: column "${f.name}" has the wrong number of rows.`);
        const validity = reader.bytes();
        const type = f.type;
        const out = numeric[i];
        const textReader = text[i];
        if (textReader) {
          const Indices = type.typeId === Type.Dictionary ? intArrayFor(type.indices) : null;
          if (type.typeId !== Type.Dictionary || !Indices) {
            throw new ArrowPayloadError(`${where}: text column "${f.name}" is not stored as dictionary-encoded text.`);
          }
          const dict = chunk.dictionaries.get(type.id);
          if (!dict) throw new ArrowPayloadError(`${where}: column "${f.name}" has no dictionary.`);
          textReader.read(f, dict, reader.array(Indices, n), offset, node.nullCount, validity, where);
        } else if (out) {
          const Ints = intArrayFor(type);
          if (type.typeId === Type.Date && type.unit === DateUnit.DAY) {
            out.set(reader.array(Int32Array, n), offset);
          } else if (Ints) {
            out.set(reader.array(Ints, n), offset);
          } else if (type.typeId === Type.Float && type.precision === Precision.DOUBLE) {
            out.set(reader.array(Float64Array, n), offset);
          } else {
            throw new ArrowPayloadError(`${where}: column "${f.name}" has an Arrow type this workbench does not write (type ${type.typeId}).`);
          }
          applyNulls(out, offset, n, node.nullCount, validity, Number.NaN);
        }
      });
      offset += n;
    }
  }

  const columns = fields.map((f, i): Column => {
    const textReader = text[i];
    if (textReader) return textReader.finish();
    return { kind: kinds[i] as 'date' | 'number', name: f.name, values: numeric[i] as Float64Array };
  });
  return { rowCount, columns };
}
