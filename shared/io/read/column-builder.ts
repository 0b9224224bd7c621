/**
 * A column being built by the delimited reader: codes per row and a byte-keyed dictionary of
 * distinct values (open addressing), so a string is made once per distinct value, never per cell.
 * Short values (<= SHORT_MAX bytes) are keyed exactly by three 32-bit words; ISO dates go through
 * a small direct-indexed cache; near-unique columns (ids) batch their lookups (see DEFER_AT).
 * The scanning loop in delimited.ts inlines the short-value lookup for speed.
 */
import { decoderFor, type TextEncoding } from './decode';

/**
 * Values up to SHORT_MAX bytes (dates, codes, ids, small numbers: most cells) are keyed exactly by
 * three 32-bit words holding their bytes, the length in the top byte of the third: a lookup then
 * touches one hash slot and nothing else. Longer values use a word hash plus a byte comparison.
 */
export const SHORT_MAX = 11;
/** Low-byte masks for a word holding 0..3 bytes. */
export const WORD_MASK = [0, 0xff, 0xffff, 0xffffff];
/** Odd multipliers for hashing (the 32-bit primes of xxHash32 and MurmurHash3's fmix32). */
export const MIX_1 = 0x9e3779b1 | 0;
export const MIX_2 = 0x85ebca77 | 0;
export const MIX_3 = 0xc2b2ae3d | 0;
/** Hash tables start this small; a column that looks unique jumps to its final size once past this. */
const TABLE_JUMP_AT = 1 << 16;
/**
 * A column whose short-value table reaches this many slots (tens of thousands of distinct values:
 * ids) no longer fits in cache, so its lookups are gathered and resolved BATCH at a time: the
 * table lines for a whole batch are requested together, letting the memory system overlap the misses.
 */
const DEFER_AT = 1 << 16;
export const BATCH = 256;
/** Int32 fields per pending lookup: w0, w1, w2, row, start, end. */
const PENDING_FIELDS = 6;
/** Date cache: spare entries either side when (re)sized (about a year), and its largest size (about 350 years). */
const DATE_CACHE_SLACK = 372;
const DATE_CACHE_MAX = 1 << 17;

/** Hash tables grow when fuller than 3/4 (linear probing stays short at that load). */
function tooFull(count: number, capacity: number): boolean {
  return count * 4 > capacity * 3;
}

/** Hash of a short key's three words; the slot is its top bits (multiplicative "Fibonacci" hashing). */
function shortHash(w0: number, w1: number, w2: number): number {
  return Math.imul(w0 ^ Math.imul(w1, MIX_2) ^ Math.imul(w2, MIX_3), MIX_1);
}

/** Hash of a long value in src[s, e), four bytes at a time through `view` (a DataView over src). */
function longHash(src: Uint8Array, view: DataView, s: number, e: number): number {
  let h = e - s;
  let k = s;
  for (; k < e - 3; k += 4) h = rotl13(Math.imul(h ^ view.getInt32(k, true), MIX_1));
  let tail = 0;
  for (let j = 0; k < e; k++, j += 8) tail |= src[k] << j;
  return fmix(Math.imul(h ^ tail, MIX_2));
}

/** Rotate a 32-bit word left by 13 bits. */
function rotl13(x: number): number {
  return (x << 13) | (x >>> 19);
}

/** MurmurHash3's fmix32 finaliser, so every input bit reaches the low (slot) bits. */
function fmix(h0: number): number {
  let h = Math.imul(h0 ^ (h0 >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Smallest power of two >= n. */
function pow2AtLeast(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/** A column being built: codes per row and a byte-keyed dictionary of distinct values. */
export class ColumnBuilder {
  codes: Int32Array;
  /** Rows expected in the file (sizes the hash table at once for near-unique columns such as ids). */
  private readonly expectedRows: number;
  /** Short-value slots, four Int32 each: code + 1 (0 = empty) and the three key words. */
  short = new Int32Array(64 * 4);
  shortMask = 63;
  /** 32 - log2(slots): the slot of a short key is shortHash >>> shortShift. */
  shortShift = 26;
  shortCount = 0;
  /** Long-value slots, two Int32 each: code + 1 (0 = empty) and the value's hash. */
  long = new Int32Array(16 * 2);
  longMask = 15;
  longCount = 0;
  size = 0;
  /** Start of each distinct value's bytes in the arena; keyStart[size] is the arena length. */
  keyStart = new Int32Array(33);
  arena = new Uint8Array(1024);
  arenaView = new DataView(this.arena.buffer);
  /**
   * A cache in front of the short table for ISO dates (yyyy-mm-dd): code + 1 indexed by
   * (year * 12 + month - 1) * 31 + day - 1 - dateBase. Extract dates cluster within a few years, so
   * this stays a few KB and a lookup is one array read. The short table stays authoritative.
   */
  dates = new Int32Array(0);
  dateBase = 0;
  /** True once lookups of short values are batched (see DEFER_AT). */
  deferred = false;
  private pending = new Int32Array(0);
  private pendingSlots = new Int32Array(0);
  pendingCount = 0;
  /** Where the batched table reads go, so they are not optimised away. */
  private touched = 0;
  /** Date cache slot filled for the value added last (cleared if its record is taken back). */
  lastNewDateKey = -1;
  /** True once any distinct value has a byte >= 0x80 (then per-value decoding is needed). */
  nonAscii = false;
  /** The record that last added a value, its table (true = short) and slot, so a rejected record can take it back. */
  lastNewRecord = -1;
  lastNewShort = true;
  lastNewSlot = -1;

  constructor(capacity: number) {
    this.codes = new Int32Array(capacity);
    this.expectedRows = capacity;
  }

  /** Capacity to grow a table of `capacity` slots to, holding `count` keys after `row` rows. */
  private grownCapacity(capacity: number, row: number): number {
    if (capacity * 2 >= TABLE_JUMP_AT && this.size * 2 > row) {
      return Math.max(capacity * 2, pow2AtLeast(Math.ceil((this.expectedRows * 4) / 3) + 1));
    }
    return capacity * 2;
  }

  /** The code of a short value given as its three key words (the hot loop inlines this lookup). */
  internShort(w0: number, w1: number, w2: number, src: Uint8Array, s: number, e: number, record: number, row: number): number {
    const t = this.short;
    const mask = this.shortMask;
    let slot = shortHash(w0, w1, w2) >>> this.shortShift;
    for (;;) {
      const p = slot << 2;
      const v = t[p];
      if (v === 0) break;
      if (t[p + 1] === w0 && t[p + 2] === w1 && t[p + 3] === w2) return v - 1;
      slot = (slot + 1) & mask;
    }
    return this.insertShort(w0, w1, w2, src, s, e, record, row);
  }

  /** Add a new short value (known not to be in the table). */
  insertShort(w0: number, w1: number, w2: number, src: Uint8Array, s: number, e: number, record: number, row: number): number {
    if (tooFull(this.shortCount + 1, this.shortMask + 1)) this.rehashShort(this.grownCapacity(this.shortMask + 1, row));
    let slot = shortHash(w0, w1, w2) >>> this.shortShift;
    while (this.short[slot << 2] !== 0) slot = (slot + 1) & this.shortMask;
    const code = this.append(src, s, e, record);
    const p = slot << 2;
    this.short[p] = code + 1;
    this.short[p + 1] = w0;
    this.short[p + 2] = w1;
    this.short[p + 3] = w2;
    this.shortCount++;
    this.lastNewShort = true;
    this.lastNewSlot = slot;
    return code;
  }

  /** The code of a short value read byte by byte (quoted values, the end of a buffer). */
  internShortBytes(src: Uint8Array, s: number, e: number, record: number, row: number): number {
    let w0 = 0;
    let w1 = 0;
    let w2 = 0;
    for (let k = 0; k < e - s; k++) {
      const b = src[s + k] << ((k & 3) << 3);
      if (k < 4) w0 |= b;
      else if (k < 8) w1 |= b;
      else w2 |= b;
    }
    return this.internShort(w0, w1, w2 | ((e - s) << 24), src, s, e, record, row);
  }

  /** The code of a value of any length in src[s, e). */
  internBytes(src: Uint8Array, s: number, e: number, record: number, row: number): number {
    return e - s <= SHORT_MAX ? this.internShortBytes(src, s, e, record, row) : this.internLong(src, new DataView(src.buffer, src.byteOffset, src.byteLength), s, e, record, row);
  }

  /** The code of a value longer than SHORT_MAX bytes (view: a DataView over src). */
  internLong(src: Uint8Array, view: DataView, s: number, e: number, record: number, row: number): number {
    const h = longHash(src, view, s, e);
    const len = e - s;
    const t = this.long;
    const mask = this.longMask;
    let slot = h & mask;
    for (;;) {
      const v = t[slot << 1];
      if (v === 0) break;
      if (t[(slot << 1) + 1] === h) {
        const code = v - 1;
        const a = this.keyStart[code];
        if (this.keyStart[code + 1] - a === len && this.sameBytes(a, src, view, s, len)) return code;
      }
      slot = (slot + 1) & mask;
    }
    if (tooFull(this.longCount + 1, mask + 1)) {
      this.rehashLong(this.grownCapacity(mask + 1, row));
      slot = h & this.longMask;
      while (this.long[slot << 1] !== 0) slot = (slot + 1) & this.longMask;
    }
    const code = this.append(src, s, e, record);
    this.long[slot << 1] = code + 1;
    this.long[(slot << 1) + 1] = h;
    this.longCount++;
    this.lastNewShort = false;
    this.lastNewSlot = slot;
    return code;
  }

  /** True when the arena bytes at a equal src[s, s + len), compared four bytes at a time. */
  private sameBytes(a: number, src: Uint8Array, view: DataView, s: number, len: number): boolean {
    const arena = this.arena;
    const av = this.arenaView;
    let k = 0;
    for (; k < len - 3; k += 4) if (av.getInt32(a + k, true) !== view.getInt32(s + k, true)) return false;
    for (; k < len; k++) if (arena[a + k] !== src[s + k]) return false;
    return true;
  }

  /** Add a new distinct value's bytes; returns its code. */
  private append(src: Uint8Array, s: number, e: number, record: number): number {
    const code = this.size;
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
      this.arenaView = new DataView(ar.buffer);
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
    this.size = code + 1;
    this.lastNewRecord = record;
    this.lastNewDateKey = -1;
    return code;
  }

  /** Rebuild the short-value slots at a new (power of two) capacity. */
  private rehashShort(capacity: number): void {
    const old = this.short;
    const t = new Int32Array(capacity * 4);
    const mask = capacity - 1;
    const shift = 32 - Math.log2(capacity);
    for (let i = 0; i < old.length; i += 4) {
      if (old[i] === 0) continue;
      let slot = shortHash(old[i + 1], old[i + 2], old[i + 3]) >>> shift;
      while (t[slot << 2] !== 0) slot = (slot + 1) & mask;
      t[slot << 2] = old[i];
      t[(slot << 2) + 1] = old[i + 1];
      t[(slot << 2) + 2] = old[i + 2];
      t[(slot << 2) + 3] = old[i + 3];
    }
    this.short = t;
    this.shortMask = mask;
    this.shortShift = shift;
    if (capacity >= DEFER_AT && !this.deferred) {
      this.deferred = true;
      this.pending = new Int32Array((BATCH + 1) * PENDING_FIELDS);
      this.pendingSlots = new Int32Array(BATCH + 1);
    }
  }

  /** Rebuild the long-value slots at a new (power of two) capacity. */
  private rehashLong(capacity: number): void {
    const old = this.long;
    const t = new Int32Array(capacity * 2);
    const mask = capacity - 1;
    for (let i = 0; i < old.length; i += 2) {
      if (old[i] === 0) continue;
      let slot = old[i + 1] & mask;
      while (t[slot << 1] !== 0) slot = (slot + 1) & mask;
      t[slot << 1] = old[i];
      t[(slot << 1) + 1] = old[i + 1];
    }
    this.long = t;
    this.longMask = mask;
  }

  /** Queue a short value of row `row` (bytes src[s, e) of the current buffer) for resolvePending. */
  defer(w0: number, w1: number, w2: number, row: number, s: number, e: number): void {
    const p = this.pendingCount * PENDING_FIELDS;
    const q = this.pending;
    q[p] = w0;
    q[p + 1] = w1;
    q[p + 2] = w2;
    q[p + 3] = row;
    q[p + 4] = s;
    q[p + 5] = e;
    this.pendingCount++;
  }

  /** Forget the queued value of a row that was rejected or is incomplete. */
  dropPending(row: number): void {
    if (this.pendingCount > 0 && this.pending[(this.pendingCount - 1) * PENDING_FIELDS + 3] === row) this.pendingCount--;
  }

  /** Look up (or add) every queued value, in row order, and write the codes. */
  resolvePending(src: Uint8Array): void {
    const n = this.pendingCount;
    if (n === 0) return;
    const q = this.pending;
    const slots = this.pendingSlots;
    const t = this.short;
    const shift = this.shortShift;
    // First touch every slot the batch needs (independent reads overlap), then do the lookups.
    let touched = 0;
    for (let j = 0, p = 0; j < n; j++, p += PENDING_FIELDS) {
      const slot = shortHash(q[p], q[p + 1], q[p + 2]) >>> shift;
      slots[j] = slot;
      touched |= t[slot << 2];
    }
    this.touched = touched;
    for (let j = 0, p = 0; j < n; j++, p += PENDING_FIELDS) {
      this.codes[q[p + 3]] = this.internShort(q[p], q[p + 1], q[p + 2], src, q[p + 4], q[p + 5], -1, q[p + 3]);
    }
    this.pendingCount = 0;
  }

  /** Remember a date key's code in the date cache, widening its window if the key is near enough. */
  cacheDate(key: number, code: number, record: number): void {
    let at = key - this.dateBase;
    if (at < 0 || at >= this.dates.length) {
      const lo = this.dates.length === 0 ? key : Math.min(this.dateBase, key);
      const hi = this.dates.length === 0 ? key : Math.max(this.dateBase + this.dates.length - 1, key);
      const size = pow2AtLeast(hi - lo + 1 + 2 * DATE_CACHE_SLACK);
      if (size > DATE_CACHE_MAX) return;
      const base = lo - DATE_CACHE_SLACK;
      const next = new Int32Array(size);
      if (this.dates.length > 0) next.set(this.dates, this.dateBase - base);
      this.dates = next;
      this.dateBase = base;
      at = key - base;
    }
    this.dates[at] = code + 1;
    if (this.lastNewRecord === record && code === this.size - 1) this.lastNewDateKey = key;
  }

  /** Take back the value added by a record that was rejected or is incomplete. */
  undo(record: number): void {
    if (this.lastNewRecord !== record) return;
    if (this.lastNewDateKey >= 0) this.dates[this.lastNewDateKey - this.dateBase] = 0;
    // The value was the last one added, so no later key probed past its slot: clearing it is safe.
    if (this.lastNewShort) {
      this.short[this.lastNewSlot << 2] = 0;
      this.shortCount--;
    } else {
      this.long[this.lastNewSlot << 1] = 0;
      this.longCount--;
    }
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
