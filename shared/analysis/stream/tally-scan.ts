/**
 * The tally of one byte range of a patient extract as it streams (issue 12 item 3): TallyScan and
 * the part it makes. A module of its own with only what a scanning thread needs (the scan worker,
 * cli/scan-worker.ts, loads this, not the analysis behind finishTally), so the worker starts
 * sooner. How the tally works, where it applies and how parts are combined: aggregate.ts.
 */
import { FieldMode, FieldScanner, type FieldModeCode, type FieldScanOptions } from '../../io/read/field-scan';
import { TALLY_KEY_BUCKET_BITS, TALLY_KEY_STRIDE, TALLY_MISSING_DAY, type WalkerTally } from '../../io/read/record-index';
import { normaliseCentreCode, normaliseTextColumn, typeColumn } from '../../io/types';
import { ODS_CENTRE_CODE } from '../../io/validate';
import { EARLIEST_PLAUSIBLE_DATE } from '../../data/as-of';

/** Which column is which, for a tally. */
export interface AggregatePlan {
  headers: string[];
  mapping: Record<string, string | null>;
  modes: FieldModeCode[];
  centre: number;
  /** centre_name column, or -1. */
  name: number;
  start: number;
  end: number;
  /** patient_id column, or -1. */
  patient: number;
}

/** What a tally needs beyond the plan: today, and the as-of date when given. */
export interface TallyOptions {
  runDate: number;
  /** As-of date given by the person (day number). */
  asOf?: number;
}

/** Rows with a name kept per centre code: a name survives this many repeated patients' rows before it. */
export const NAME_ROWS = 4;

/** Buckets the keys are grouped in for finding repeats (a bucket's table of a million keys' share stays in cache). */
const KEY_BUCKET_BITS = TALLY_KEY_BUCKET_BITS;
export const KEY_BUCKETS = 1 << KEY_BUCKET_BITS;
/** Words per key in TallyPart.keyBuckets (the record walker's tally writes the same records). */
export const KEY_STRIDE = TALLY_KEY_STRIDE;

/** FNV-1a of a string's UTF-16 code units. */
function stringHash(text: string): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < text.length; k++) h = Math.imul(h ^ text.charCodeAt(k), 0x01000193);
  return h;
}

/** The hash a repeat is looked up by: the id's two words and the label's hash. */
function keyHashOf(a: number, b: number, label: number): number {
  return Math.imul(a ^ Math.imul(label, 0x9e3779b1), 0x85ebca6b) ^ b;
}

/** A missing day in a part's key rows (day numbers are far inside 32 bits). */
export const MISSING_DAY = TALLY_MISSING_DAY;

/** What a kept row is for an interval measure, before the as-of date is known (classifyInterval, measure.ts). */
export const MISSING = 0;
export const INVALID = 1;
export const OPEN = 2;
const COMPLETED = 3;

/**
 * The row's kind: no start; invalid (end before start, or a date after `bound`, the as-of date
 * or, for the default as-of date, the run date: the same dates, see the module comment); an open
 * clock; a completed wait. Whether an open clock is breached waits for the as-of date.
 */
export function intervalKind(s: number, e: number, bound: number): number {
  if (s !== s) return MISSING;
  if (e < s || e > bound || s > bound) return INVALID;
  return e !== e ? OPEN : COMPLETED;
}

/** A centre code's histogram before it has a wait (never written: growWaits makes a real one). */
const NO_WAITS = new Int32Array(0);

/** into[k] += from[k] for k < n. */
export function addInto(into: Int32Array, from: Int32Array, n: number): void {
  for (let k = 0; k < n; k++) into[k] += from[k];
}

/**
 * Merge the record walker's key records of a bucket (`theirs`, in row order) with the scanner's
 * own (`mine`, in row order) into `out` (their combined length): by row (word 6), so the bucket is
 * in file order. The scanner's own are few (the first rows of each centre code), so each is put in
 * its place and the walker's records between them are copied in blocks.
 */
function mergeKeyRecords(mine: Int32Array, theirs: Int32Array, out: Int32Array): void {
  let o = 0;
  let j = 0;
  for (let i = 0; i < mine.length; i += KEY_STRIDE) {
    // The walker's records before this one's row: found by binary search over their rows.
    const row = mine[i + 6];
    let lo = j / KEY_STRIDE;
    let hi = theirs.length / KEY_STRIDE;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (theirs[mid * KEY_STRIDE + 6] < row) lo = mid + 1;
      else hi = mid;
    }
    const upTo = lo * KEY_STRIDE;
    out.set(theirs.subarray(j, upTo), o);
    o += upTo - j;
    j = upTo;
    out.set(mine.subarray(i, i + KEY_STRIDE), o);
    o += KEY_STRIDE;
  }
  out.set(theirs.subarray(j), o);
}

/**
 * mergeKeyRecords where `out` already holds theirs (the walker's records, `theirs` words) at its
 * start and has room after them for mine: merged from the end, so nothing is overwritten before
 * it is moved (records in row order; mine before theirs on a row, as mergeKeyRecords puts them).
 */
export function mergeKeyRecordsInPlace(mine: Int32Array, out: Int32Array, theirs: number): void {
  let j = theirs;
  let o = theirs + mine.length;
  for (let i = mine.length - KEY_STRIDE; i >= 0; i -= KEY_STRIDE) {
    const row = mine[i + 6];
    // The walker's records from this one's row on go after it.
    let lo = 0;
    let hi = j / KEY_STRIDE;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (out[mid * KEY_STRIDE + 6] < row) lo = mid + 1;
      else hi = mid;
    }
    const from = lo * KEY_STRIDE;
    out.copyWithin(o - (j - from), from, j);
    o -= j - from;
    j = from;
    o -= KEY_STRIDE;
    out.set(mine.subarray(i, i + KEY_STRIDE), o);
  }
}

/** Growable list of 32-bit integers. */
export class IntList {
  data: Int32Array;
  length = 0;

  constructor(capacity = 1024) {
    this.data = new Int32Array(Math.max(16, capacity));
  }

  push(x: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = x;
  }

  /** Add these values at the end. */
  append(values: Int32Array): void {
    const at = this.reserve(values.length);
    this.data.set(values, at);
  }

  /** Room for n more values: the index of the first (write them into data). */
  reserve(n: number): number {
    const at = this.length;
    if (at + n > this.data.length) {
      const next = new Int32Array(Math.max(this.data.length * 2, at + n));
      next.set(this.data);
      this.data = next;
    }
    this.length = at + n;
    return at;
  }

  /** The values (a view of the list's storage, not a copy: the list is done with). */
  values(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}

/**
 * The tally of one byte range, per centre code as written (codes index `centres`). Plain data, so a
 * worker thread can hand it over (every typed array is transferable).
 */
export interface TallyPart {
  /** Accepted rows, and lines with no value at all. */
  rows: number;
  blankLines: number;
  centres: string[];
  /** Rows the import excludes for their centre code: the code (-1 none) and centre name code (-1 none) of each. */
  badCentre: Int32Array;
  badName: Int32Array;
  rowsOf: Int32Array;
  missingStart: Int32Array;
  invalid: Int32Array;
  /** Completed waits: histogram per centre code (index = days). */
  waits: Int32Array[];
  /** Completed waits by start day (index = day - EARLIEST_PLAUSIBLE_DATE), for the range of starts. */
  startDays: Int32Array;
  /** The first and last index of startDays with a count (first > last: none); the rest are 0 and never read. */
  startDaysUsed: [number, number];
  /** Open clocks: centre code and start day, per row. */
  openCentre: Int32Array;
  openStart: Int32Array;
  /**
   * Centre names as written; per centre code its first NAME_ROWS rows with a name: how many
   * (nameCount), and each one's name code and row (nameCodes, nameRows, NAME_ROWS per code).
   */
  names: string[];
  nameCount: Int32Array;
  nameCodes: Int32Array;
  nameRows: Int32Array;
  /**
   * Kept rows with a patient id, for finding repeats: KEY_BUCKETS lists by a hash of the id and
   * the centre's imported label, each in row order, of KEY_STRIDE words per row: that hash, the
   * id's two hash words, the centre code, the start and end days (MISSING_DAY for none) and the
   * row. Written as the rows are read (one sequential write stream per bucket), so the combining
   * reads each bucket in file order and a repeat can be taken back out.
   */
  keyBuckets: Int32Array[];
  /** Latest date not after the run date in each DAY column (NaN none). */
  latestDay: number;
  /** Date columns the analysis does not read: latest ISO date (day number, NaN none) and other values. */
  otherDates: { column: number; latestIsoDay: number; values: string[] }[];
}

/** A tally of one byte range of the file: push() its records, then part(). */
export class TallyScan {
  private readonly scanner: FieldScanner;
  private rowsOf: Int32Array = new Int32Array(256);
  /**
   * Rows per centre code by kind (MISSING, INVALID, OPEN, COMPLETED: codeRoom words each), counted
   * for every kept row at one place in row(): a branch that reads a property of its own for the
   * first time after row() was optimised (invalid intervals are rare) made it be compiled again,
   * in each thread. Missing starts and invalid intervals are read from here.
   */
  private byKind: Int32Array = new Int32Array(4 * 256);
  private codeRoom = 256;
  /** Per centre code its histogram (an empty one until it has a wait: one kind of element throughout, so the optimised row() keeps its code). */
  private waits: Int32Array[] = Array.from({ length: 256 }, () => NO_WAITS);
  private readonly startDays: Int32Array;
  /** The first and last index of startDays written (so only those are read back). */
  private startLo = 0x7fffffff;
  private startHi = -1;
  private nameCount: Int32Array = new Int32Array(256);
  private nameCodes: Int32Array = new Int32Array(256 * NAME_ROWS);
  private nameRows: Int32Array = new Int32Array(256 * NAME_ROWS);
  private readonly openCentre = new IntList();
  private readonly openStart = new IntList();
  /** Kept rows with a patient id, as KEY_STRIDE-word records in KEY_BUCKETS lists by their key hash (see TallyPart.keyBuckets). */
  private readonly keyLists: IntList[];
  private readonly badCentre = new IntList();
  private readonly badName = new IntList();
  /** Per centre code as written: 1 when the import keeps its rows, 0 when it excludes them, -1 not yet known. */
  private usable: Int8Array = new Int8Array(256).fill(-1);
  /** Per centre code as written: its imported label's hash (when kept). */
  private labelHash: Int32Array = new Int32Array(256);
  private latestDay = Number.NaN;
  /** Dates after this day make an interval invalid: the given as-of date, else the run date. */
  private readonly bound: number;
  /** The record walker's own tally of the rows it reads itself (added to this one by part()), or null. */
  private readonly walker: WalkerTally | null;
  private walkerTaken = false;

  constructor(
    private readonly plan: AggregatePlan,
    private readonly options: TallyOptions,
    scan: Pick<FieldScanOptions, 'delimiter' | 'firstLine' | 'isAscii' | 'expectedRows' | 'indexer'>,
  ) {
    this.bound = options.asOf !== undefined && Number.isFinite(options.asOf) ? options.asOf : options.runDate;
    // Starts of completed waits lie between 1900 (earlier dates are cleared) and the bound.
    this.startDays = new Int32Array(Math.max(1, this.bound - EARLIEST_PLAUSIBLE_DATE + 1));
    this.scanner = new FieldScanner({
      ...scan, columnCount: plan.headers.length, modes: plan.modes, headers: plan.headers, runDate: options.runDate, rowLines: false, rowSink: this,
    });
    // The record walker tallies the rows of centre codes this tally has settled (settle()) itself.
    this.walker = scan.indexer?.startTally(this.scanner, {
      centre: plan.centre, start: plan.start, end: plan.end, key: plan.patient, bound: this.bound, runDate: options.runDate, earliest: EARLIEST_PLAUSIBLE_DATE,
    }) ?? null;
    // Key lists sized for the rows expected (a little over), so they are not copied as they grow.
    // A bucket's share of the rows varies (binomially): room for 6 standard deviations over its mean.
    // With the walker's tally, this tally's own rows are few (part() puts the walker's with them).
    const mean = this.walker ? 16 : ((scan.expectedRows ?? 0) * 1.1) / KEY_BUCKETS;
    const perBucket = Math.ceil(mean + 6 * Math.sqrt(mean) + 16) * KEY_STRIDE;
    this.keyLists = Array.from({ length: KEY_BUCKETS }, () => new IntList(perBucket));
  }

  /**
   * Centre code c's rows are kept and its names taken: from now on the record walker may tally
   * its rows itself, exactly as row() would (records.wat tally_row).
   */
  private settle(c: number): void {
    const walker = this.walker;
    if (!walker || c >= walker.maxCodes || this.usable[c] !== 1 || (this.plan.name >= 0 && this.nameCount[c] < NAME_ROWS)) return;
    walker.labelHash[c] = this.labelHash[c];
    walker.prepareWaits(c);
    walker.ready[c] = 1;
  }

  /** Rows without a start, and with an invalid interval, per centre code (views of byKind). */
  private get missingStart(): Int32Array {
    return this.byKind.subarray(MISSING * this.codeRoom, (MISSING + 1) * this.codeRoom);
  }

  private get invalid(): Int32Array {
    return this.byKind.subarray(INVALID * this.codeRoom, (INVALID + 1) * this.codeRoom);
  }

  /** Scan the complete records in buf[start, end) (FieldScanner.push's contract). */
  push(buf: Uint8Array, start: number, end: number, final: boolean): number {
    return this.scanner.push(buf, start, end, final);
  }

  private grow(code: number): void {
    let size = this.rowsOf.length;
    while (size <= code) size *= 2;
    const int = (a: Int32Array, fill = 0): Int32Array => { const b = new Int32Array(size).fill(fill); b.set(a); return b; };
    this.rowsOf = int(this.rowsOf);
    const byKind = new Int32Array(4 * size);
    for (let k = 0; k < 4; k++) byKind.set(this.byKind.subarray(k * this.codeRoom, (k + 1) * this.codeRoom), k * size);
    this.byKind = byKind;
    this.codeRoom = size;
    this.nameCount = int(this.nameCount);
    const codes = new Int32Array(size * NAME_ROWS);
    codes.set(this.nameCodes);
    this.nameCodes = codes;
    const rows = new Int32Array(size * NAME_ROWS);
    rows.set(this.nameRows);
    this.nameRows = rows;
    const usable = new Int8Array(size).fill(-1);
    usable.set(this.usable);
    this.usable = usable;
    this.labelHash = int(this.labelHash);
    const waits = this.waits;
    this.waits = Array.from({ length: size }, (_, k) => waits[k] ?? NO_WAITS);
  }

  /**
   * One accepted row (classifyInterval's order of tests, measure.ts); called by the scanner
   * (RowSink). The common case is here; what few rows need (a centre code seen for the first time,
   * an excluded row, a name, a histogram to grow) is in methods of its own, so this one stays small
   * and an optimising compiler that meets such a row late has little to compile again.
   */
  row(sc: FieldScanner): void {
    const plan = this.plan;
    const s = sc.day[plan.start];
    const e = sc.day[plan.end];
    // The default as-of date counts every row's dates, excluded rows' too (as the import's does).
    const run = this.options.runDate;
    if (s <= run && !(s <= this.latestDay)) this.latestDay = s;
    if (e <= run && !(e <= this.latestDay)) this.latestDay = e;
    const c = sc.labelOf(plan.centre);
    if (c >= this.rowsOf.length) this.grow(c);
    const ok = c >= 0 ? this.usable[c] : 0;
    if (ok !== 1) {
      if (this.firstSeen(sc, c, ok) === 0) return;
    }
    this.rowsOf[c]++;
    if (plan.name >= 0 && this.nameCount[c] < NAME_ROWS) this.name(sc, c);
    if (sc.keyPresent) {
      // Straight into its bucket's list, in row order: no list of all keys to sort afterwards.
      const h = keyHashOf(sc.keyHash1, sc.keyHash2, this.labelHash[c]);
      const list = this.keyLists[h >>> (32 - KEY_BUCKET_BITS)];
      const at = list.reserve(KEY_STRIDE);
      const d = list.data;
      d[at] = h;
      d[at + 1] = sc.keyHash1;
      d[at + 2] = sc.keyHash2;
      d[at + 3] = c;
      d[at + 4] = s === s ? s : MISSING_DAY;
      d[at + 5] = e === e ? e : MISSING_DAY;
      d[at + 6] = sc.rowCount - 1;
    }
    const kind = intervalKind(s, e, this.bound);
    this.byKind[kind * this.codeRoom + c]++;
    if (kind === COMPLETED) {
      const wait = e - s;
      const hist = this.waits[c];
      if (wait < hist.length) hist[wait]++;
      else this.growWaits(c, wait);
      const d = s - EARLIEST_PLAUSIBLE_DATE;
      this.startDays[d]++;
      if (d < this.startLo) this.startLo = d;
      if (d > this.startHi) this.startHi = d;
    } else if (kind === OPEN) {
      this.openCentre.push(c);
      this.openStart.push(s);
    }
  }

  /**
   * A row whose centre code is new (ok -1: whether the import keeps its rows is settled now) or
   * excluded (ok 0: only its reason is worked out, at the end). Answers 1 when the row is kept.
   */
  private firstSeen(sc: FieldScanner, c: number, ok: number): number {
    if (ok < 0) {
      const label = centreLabel(sc.labelText(this.plan.centre, c));
      this.usable[c] = ok = label === null ? 0 : 1;
      if (label !== null) this.labelHash[c] = stringHash(label);
    }
    if (ok === 0) {
      this.badCentre.push(c);
      this.badName.push(this.plan.name >= 0 ? sc.labelOf(this.plan.name) : -1);
    } else this.settle(c);
    return ok;
  }

  /** One of a centre code's first NAME_ROWS rows with a name: its name code and row kept. */
  private name(sc: FieldScanner, c: number): void {
    const nm = sc.labelOf(this.plan.name);
    if (nm >= 0) {
      const at = c * NAME_ROWS + this.nameCount[c]++;
      this.nameCodes[at] = nm;
      this.nameRows[at] = sc.rowCount - 1;
      if (this.nameCount[c] === NAME_ROWS) this.settle(c);
    }
  }

  /** A wait longer than centre code c's histogram so far: a longer one, with the wait counted. */
  private growWaits(c: number, wait: number): void {
    this.widen(c, wait)[wait]++;
  }

  /** Centre code c's histogram, made long enough for `wait`. */
  private widen(c: number, wait: number): Int32Array {
    const hist = this.waits[c];
    if (wait < hist.length) return hist;
    let size = Math.max(64, hist.length);
    while (size <= wait) size *= 2;
    const next = new Int32Array(size);
    next.set(hist);
    this.waits[c] = next;
    return next;
  }

  /**
   * Add the record walker's tally to this one (once, after the final push). Each step is a method
   * of its own with one short loop (or none), so little is compiled again for it in each thread.
   */
  private takeWalkerTally(n: number): void {
    const walker = this.walker;
    if (!walker || this.walkerTaken) return;
    this.walkerTaken = true;
    const codes = Math.min(n, walker.maxCodes);
    addInto(this.rowsOf, walker.rows, codes);
    addInto(this.missingStart, walker.missingStart, codes);
    addInto(this.invalid, walker.invalid, codes);
    const waits = walker.waits;
    const longest = walker.longestWait;
    for (let c = 0; c <= walker.largestCodeWithWait(); c++) {
      const days = longest[c];
      if (days === 0) continue;
      const from = c * walker.waitDays;
      addInto(this.widen(c, days - 1), waits.subarray(from, from + days), days);
    }
    const [lo, hi] = walker.startRange();
    if (lo <= hi) {
      addInto(this.startDays.subarray(lo, hi + 1), walker.startDays.subarray(lo, hi + 1), hi - lo + 1);
      if (lo < this.startLo) this.startLo = lo;
      if (hi > this.startHi) this.startHi = hi;
    }
    const opened = walker.openCount();
    this.openCentre.append(walker.openCentre.subarray(0, opened));
    this.openStart.append(walker.openStart.subarray(0, opened));
    const latest = walker.latest();
    if (latest !== MISSING_DAY && !(latest <= this.latestDay)) this.latestDay = latest;
    const counts = walker.keyCounts;
    const keys = walker.keys;
    // Shared memory (the CLI): this tally's own few records are merged into the walker's, where
    // they lie, and each bucket's list is a view of them (no copy: fresh memory costs ~1 ms per MB
    // to touch here; the other thread reads them in place), when every bucket has the room.
    const room = walker.bucketRecords * KEY_STRIDE;
    if (this.keyLists.every((list, b) => counts[b] * KEY_STRIDE + list.length <= room) && walker.keepKeys()) {
      for (let b = 0; b < KEY_BUCKETS; b++) {
        const list = this.keyLists[b];
        const from = b * room;
        const merged = keys.subarray(from, from + counts[b] * KEY_STRIDE + list.length);
        mergeKeyRecordsInPlace(list.values(), merged, counts[b] * KEY_STRIDE);
        list.data = merged;
        list.length = merged.length;
      }
      return;
    }
    // Every bucket's records in one new array (one allocation, one buffer to move to another
    // thread), each bucket's list a view of its part of it.
    let total = 0;
    for (let b = 0; b < KEY_BUCKETS; b++) total += this.keyLists[b].length + counts[b] * KEY_STRIDE;
    const all = new Int32Array(total);
    let at = 0;
    for (let b = 0; b < KEY_BUCKETS; b++) {
      const list = this.keyLists[b];
      const from = b * walker.bucketRecords * KEY_STRIDE;
      const theirs = keys.subarray(from, from + counts[b] * KEY_STRIDE);
      const out = all.subarray(at, at + list.length + theirs.length);
      mergeKeyRecords(list.values(), theirs, out);
      list.data = out;
      list.length = out.length;
      at += out.length;
    }
  }

  /** The tally so far (call after the final push). */
  part(): TallyPart {
    const columns = this.scanner.columns();
    const dict = (c: number): string[] => columns.find((k) => k.index === c)?.dictionary ?? [];
    const centres = dict(this.plan.centre);
    const n = centres.length;
    this.takeWalkerTally(n);
    const waits: Int32Array[] = [];
    // A centre code without waits gets an empty histogram of its own (each part's arrays are moved
    // between threads); the others end at their longest wait, so combining reads no run of zeros.
    for (let c = 0; c < n; c++) {
      const hist = c < this.waits.length ? this.waits[c] : NO_WAITS;
      let end = hist.length;
      while (end > 0 && hist[end - 1] === 0) end--;
      waits.push(end === 0 ? new Int32Array(0) : hist.subarray(0, end));
    }
    return {
      rows: this.scanner.rowCount, blankLines: this.scanner.blankLines, centres, badCentre: this.badCentre.values(), badName: this.badName.values(),
      rowsOf: this.rowsOf.slice(0, n), missingStart: this.missingStart.slice(0, n), invalid: this.invalid.slice(0, n), waits,
      startDays: this.startDays, startDaysUsed: [this.startLo, this.startHi],
      openCentre: this.openCentre.values(), openStart: this.openStart.values(),
      names: this.plan.name >= 0 ? dict(this.plan.name) : [], nameCount: this.nameCount.slice(0, n), nameCodes: this.nameCodes.slice(0, n * NAME_ROWS), nameRows: this.nameRows.slice(0, n * NAME_ROWS),
      keyBuckets: this.keyLists.map((list) => list.values()),
      latestDay: this.latestDay,
      otherDates: columns.filter((k) => k.mode === FieldMode.DISTINCT).map((k) => ({ column: k.index, latestIsoDay: k.latestIsoDay, values: k.dictionary })),
    };
  }
}

/** Values of a mapped text field as the import types and normalises them (null: missing). */
export function textValues(values: string[], field: string): (string | null)[] {
  const identity = Int32Array.from(values, (_, k) => k);
  const typed = typeColumn({ header: field, codes: identity, dictionary: values }, 'text').column;
  if (typed.kind !== 'text') return values.map(() => null);
  const normalised = normaliseTextColumn({ ...typed, name: field }, field).column;
  return values.map((_, k) => (normalised.codes[k] < 0 ? null : normalised.dictionary[normalised.codes[k]]));
}

/**
 * Centre codes as written already labelled in this thread (centreLabels is a pure function of the
 * text, and typing a one-value column costs more than a chunk's first rows of a centre otherwise
 * do), at most CENTRE_LABELS_KEPT of them.
 */
const centreLabelCache = new Map<string, string | null>();
const CENTRE_LABELS_KEPT = 100_000;

/** centreLabels of one value, remembered (centreLabelCache). */
function centreLabel(value: string): string | null {
  const known = centreLabelCache.get(value);
  if (known !== undefined) return known;
  const label = centreLabels([value])[0];
  if (centreLabelCache.size < CENTRE_LABELS_KEPT) centreLabelCache.set(value, label);
  return label;
}

/** The label a centre code as written is imported as, or null when the import would exclude its rows. */
export function centreLabels(values: string[]): (string | null)[] {
  return textValues(values, 'centre_code').map((v) => {
    if (v === null) return null;
    const label = normaliseCentreCode(v);
    return ODS_CENTRE_CODE.test(label) ? label : null;
  });
}
