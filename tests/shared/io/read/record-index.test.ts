/**
 * The WebAssembly record walker (shared/io/read/record-index.ts) is only a faster way to the same
 * fields: FieldScanner with it must agree with FieldScanner without it (byte by byte) on every
 * input, in every column mode, at every chunk split, including where the scan stops.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FieldMode, FieldScanner, ScanFallback, type FieldModeCode, type RowSink } from '../../../../shared/io/read/field-scan';
import { createRecordIndexer, RecordClass } from '../../../../shared/io/read/record-index';
import { WASM_BASE64, WASM_SHARED_BASE64 } from '../../../../shared/io/read/wasm/records.wasm';
import { compileWat, sharedVariant } from '../../../../scripts/wasm-source';
import { daysFromIso } from '../../../../shared/data/table';
import { seeded } from '../../../helpers/seeded';

const enc = new TextEncoder();
const RUN_DATE = daysFromIso('2026-12-01');

const DATES = ['2024-03-01', '2026-11-30', '2026-12-02', '2031-01-01', '1899-12-31', '2025-02-30', '2024-03-01', '2025-10-10', '2025-1a-05', '2025-10-1 ', '2025-01-45', '2025-02-13'];
const TEXT = ['RTH', 'rth', 'a', 'NA', 'N/A', '-', 'Female', 'South East', 'Not stated', '42', '3.5', 'University Hospitals of Oakenham NHS Trust', 'x"y', '01/02/2024', 'abcdefghijklmnopqrstuvwxyz0123456789'];
/** Shapes the identifier guard must see: a valid NHS number (with and without spaces), full postcodes, a name, digit runs. */
const IDENTIFIERS = ['9434765919', '943 476 5919', '943-476-5919', 'SW1A 1AA', 'M1 1AE', 'John Smith', '1234567890', '12345678901', 'AB1 2CD', 'x1AB', 'P12ab'];
const IDS = ['P98cdbee0', 'Pcd9b92a2', 'P147bf561', '12345', 'NA', 'AB12CD34', 'P1234a5bc', 'Pab12c3de', 'X9 1ZZ99 9AB'];

/** A value for a column in a mode (sometimes anything at all, so the scan's stops are compared too). */
function valueFor(rand: () => number, mode: FieldModeCode, wild: number): string {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const x = rand();
  if (x < 0.12) return '';
  if (x < wild) return pick([...TEXT, ...DATES, ...IDENTIFIERS, ...IDS]);
  switch (mode) {
    case FieldMode.DAY: return rand() < 0.9 ? pick([...DATES.slice(0, 8), ...DATES.slice(10)]) : 'NA';
    case FieldMode.DISTINCT: return rand() < 0.85 ? pick(DATES) : pick(TEXT);
    case FieldMode.HASH: case FieldMode.KEYS: return pick(IDS);
    default: return rand() < 0.5 ? pick(TEXT) : pick(DATES);
  }
}

/** A random delimited file: quoted values (delimiters, doubled quotes, line breaks inside), CR/LF/CRLF, blank and ragged lines, spaces at value ends. */
function randomFile(rand: () => number, modes: FieldModeCode[], rows: number, delimiter: string, wild: number, messy: number, quoteAll = false): string {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const eols = rand() < 0.7 ? ['\n'] : ['\n', '\r\n', '\r'];
  let out = modes.map((_, c) => `col${c}`).join(delimiter) + '\n';
  for (let r = 0; r < rows; r++) {
    if (rand() < messy * 0.3) out += pick([...eols, ' \n', `${delimiter}${delimiter}\n`]);
    let cells = modes.map((m) => valueFor(rand, m, wild));
    cells = cells.map((v) => {
      const y = rand();
      if (y < messy * 0.3) return `"${v.replace(/"/g, '""')}${rand() < 0.3 ? pick(['\n', '\r\n', delimiter, '""']) : ''}"`;
      if (y < messy * 0.45) return ` ${v}`;
      if (y < messy * 0.6) return `${v}  `;
      return v;
    });
    // Every non-empty value quoted, as R's write.csv and many database exports write them.
    if (quoteAll) cells = cells.map((v) => (v === '' || v.startsWith('"') ? v : `"${v.replace(/"/g, '""')}"`));
    if (rand() < messy * 0.05) cells.pop();
    if (rand() < messy * 0.05) cells.push('extra');
    out += cells.join(delimiter) + (r < rows - 1 || rand() < 0.7 ? pick(eols) : '');
  }
  return out;
}

/** What a scan saw: every row's LABEL, DAY and HASH values, its kept columns and counts, or where it stopped. */
function scan(bytes: Uint8Array, modes: FieldModeCode[], cuts: number[], delimiter: number, indexed: boolean, inWalkerMemory = false): unknown {
  const seen: unknown[] = [];
  const sink: RowSink = {
    row(sc) {
      const row: unknown[] = [sc.rowCount];
      modes.forEach((m, c) => {
        if (m === FieldMode.LABEL) { const code = sc.labelOf(c); row.push(code < 0 ? null : sc.labelText(c, code)); }
        if (m === FieldMode.DAY) row.push(sc.day[c]);
      });
      row.push(sc.keyPresent ? [sc.keyHash1, sc.keyHash2] : null);
      seen.push(row);
    },
  };
  const indexer = indexed ? createRecordIndexer() : null;
  if (indexed) expect(indexer).not.toBeNull();
  const scanner = new FieldScanner({
    delimiter, columnCount: modes.length, modes, headers: modes.map((_, c) => `col${c}`), firstLine: 2, runDate: RUN_DATE, rowSink: sink, indexer,
  });
  const body = bytes.indexOf(10) + 1;
  let carry = new Uint8Array(0);
  let from = body;
  try {
    for (const to of [...cuts.filter((c) => c > body && c < bytes.length).sort((a, b) => a - b), bytes.length]) {
      // Read into the walker's own memory (as the CLI reads), or into a buffer of its own (copied in).
      const size = carry.length + (to - from) + 7;
      const buf = inWalkerMemory && indexer ? indexer.inputBuffer(size) : new Uint8Array(size);
      buf.set(carry, 3);
      buf.set(bytes.subarray(from, to), 3 + carry.length);
      // Offsets into a larger buffer, as the CLI's reused buffer gives them.
      const end = 3 + carry.length + (to - from);
      const consumed = scanner.push(buf, 3, end, to === bytes.length);
      carry = buf.slice(consumed, end);
      from = to;
    }
  } catch (error) {
    if (error instanceof ScanFallback) return { stopped: error.reason, rowsBefore: seen.length };
    throw error;
  }
  return { rows: scanner.rowCount, blank: scanner.blankLines, lines: [...scanner.rowLines()], columns: scanner.columns(), seen, carry: carry.length };
}

describe('the WebAssembly record walker', () => {
  it('is compiled from records.wat as committed (scripts/build-wasm.ts)', async () => {
    const wat = readFileSync(new URL('../../../../shared/io/read/wasm/records.wat', import.meta.url), 'utf8');
    const binary = await compileWat('records.wat', wat);
    expect(Buffer.from(binary).toString('base64')).toBe(WASM_BASE64);
    // And its variant with shared memory (the CLI's two threads read each other's key records).
    const shared = await compileWat('records.wat', sharedVariant(wat) as string, true);
    expect(Buffer.from(shared).toString('base64')).toBe(WASM_SHARED_BASE64);
  });

  it('settles plain records and quoted values itself, and stops before a doubled quote', () => {
    const indexer = createRecordIndexer();
    expect(indexer).not.toBeNull();
    const bytes = enc.encode('P1,RTH,2024-01-02,x\nP2,RTH,"a,b",y\nP3,R0N,"say ""hi""",z\n');
    const classes = Uint8Array.from([RecordClass.EMIT, RecordClass.EMIT, RecordClass.DISTINCT, RecordClass.SKIP]);
    indexer!.load(bytes, 0, bytes.length, classes, 44, {});
    const batch = indexer!.walk(0, new Uint8Array(40));
    // Per record: its LF, the fields handed over (column, start, end): the ids, the centres, and
    // the third column (no latest date yet; "a,b" between its quotes, quoted: column -1 - 2).
    // The SKIP column: nothing.
    expect([...batch.words]).toEqual([19, 3, 0, 0, 2, 1, 3, 6, 2, 7, 17, 34, 3, 0, 20, 22, 1, 23, 26, -3, 28, 31]);
    expect(batch.reason).toBe(1);
    expect(batch.stop).toBe(35);
  });

  it('reads the values a tally needs itself once the scanner has read them (dates, labels, ids), and hands over the rest', () => {
    const indexer = createRecordIndexer()!;
    const text = 'P98cdbee0,RTH,2024-01-02,x\n9434765919,R0N,2024-01-03,y\nJohn Smith,RTH,,z\nP1,,2024-01-02,w\n';
    const bytes = enc.encode(text);
    const classes = Uint8Array.from([RecordClass.HASH, RecordClass.LABEL, RecordClass.DAY, RecordClass.SKIP]);
    const owner = {};
    indexer.load(bytes, 0, bytes.length, classes, 44, owner);
    // No date or label read yet: those are handed over as fields (column, start, end), empty ones not
    // at all. The first id (a digit, no identifier shape) is hashed; the NHS number, the name and
    // the id too short to tell from a missing marker are handed over.
    const RESOLVED = 65_536;
    const first = [...indexer.walk(0, new Uint8Array(40)).words];
    const lf = (n: number): number => { let at = -1; for (let k = 0; k <= n; k++) at = text.indexOf('\n', at + 1); return at; };
    const field = (column: number, value: string, line: number): number[] => { const s = text.indexOf(value, line > 0 ? lf(line - 1) : 0); return [column, s, s + value.length]; };
    expect(first).toEqual([
      lf(0), 3, RESOLVED, first[3], first[4], ...field(1, 'RTH', 0), ...field(2, '2024-01-02', 0),
      lf(1), 3, ...field(0, '9434765919', 1), ...field(1, 'R0N', 1), ...field(2, '2024-01-03', 1),
      lf(2), 2, ...field(0, 'John Smith', 2), ...field(1, 'RTH', 2),
      lf(3), 2, ...field(0, 'P1', 3), ...field(2, '2024-01-02', 3),
    ]);
    // The scanner read 2024-01-02 (word 7 in its table) and gave RTH code 4: both are read by the
    // walker from now on; an id with a digit is hashed, an NHS number, a name and a short id are not.
    indexer.dayTable()[((2024 - 1900) * 13 + 1) * 32 + 2] = 7;
    indexer.addLabel(1, bytes, 10, 13, 4);
    const words = [...indexer.walk(0, new Uint8Array(40)).words];
    expect(words).toEqual([
      lf(0), 3, RESOLVED, first[3], first[4], RESOLVED + 1, 4, 0, RESOLVED + 2, 7, 0,
      lf(1), 3, ...field(0, '9434765919', 1), ...field(1, 'R0N', 1), ...field(2, '2024-01-03', 1),
      lf(2), 2, ...field(0, 'John Smith', 2), RESOLVED + 1, 4, 0,
      lf(3), 2, ...field(0, 'P1', 3), RESOLVED + 2, 7, 0,
    ]);
    // The hash words are FieldScanner's own (compared with the byte loop's in the tests below).
    // A new owner (another scanner: its own label codes) starts with no labels; the day table stays.
    indexer.load(bytes, 0, bytes.length, classes, 44, {});
    expect([...indexer.walk(0, new Uint8Array(40)).words].slice(0, 11)).toEqual([lf(0), 3, RESOLVED, first[3], first[4], ...field(1, 'RTH', 0), RESOLVED + 2, 7, 0]);
  });

  it('reads a day over 31 as written, not as a date of the next month (both ways, every kept mode)', () => {
    for (const text of ['d\n2025-01-45\n2025-02-13\n', 'd\n2025-02-13\n2025-01-45\n2025-02-13\n']) {
      const bytes = enc.encode(text);
      for (const mode of [FieldMode.DAY, FieldMode.CODES] as FieldModeCode[]) {
        const byBytes = scan(bytes, [mode], [], 44, false) as { seen: unknown[][]; columns: { dictionary: string[]; codes: Int32Array | null }[] };
        expect(scan(bytes, [mode], [], 44, true)).toEqual(byBytes);
        if (mode === FieldMode.DAY) {
          const days = byBytes.seen.map((row) => row[1]);
          const feb13 = daysFromIso('2025-02-13');
          expect(days).toEqual(text.startsWith('d\n2025-01') ? [Number.NaN, feb13] : [feb13, Number.NaN, feb13]);
        } else {
          const { dictionary, codes } = byBytes.columns[0];
          expect([...codes!].map((c) => dictionary[c])).toEqual(text.split('\n').slice(1, -1));
        }
      }
    }
  });

  it.each([
    ['a name in the patient id column', 'id,x\nP1234567,1\nJohn Smith,2\n'],
    ['an NHS number as the patient id', 'id,x\nP1234567,1\n9434765919,2\n'],
    ['a postcode as the patient id', 'id,x\nP1234567,1\nSW1A 1AA,2\n'],
    ['letters only, not a name', 'id,x\nP1234567,1\nPabcdefgh,2\nABCDEFGH,3\n'],
    ['ids the walker hashes itself', 'id,x\nP98cdbee0,1\nPcd9b92a2,2\n12345,3\nNA,4\nAB12CD34,5\n"Pcd9b92a2",6\nP1234a5bc,7\n'],
    ['a postcode with a space inside a longer id', 'id,x\nP1234567,1\nX1 1AAB 2CD,2\n'],
  ])('reads %s as the byte loop does (hashed, or stopped by the identifier check)', (_what, text) => {
    const bytes = enc.encode(text);
    const modes: FieldModeCode[] = [FieldMode.HASH, FieldMode.SKIP];
    expect(scan(bytes, modes, [], 44, true)).toEqual(scan(bytes, modes, [], 44, false));
    expect(scan(bytes, modes, [], 44, true, true)).toEqual(scan(bytes, modes, [], 44, false));
  });

  const modesOf = (rand: () => number, n: number): FieldModeCode[] => Array.from({ length: n }, () => {
    const all: FieldModeCode[] = [FieldMode.SKIP, FieldMode.SKIP, FieldMode.SKIP, FieldMode.DISTINCT, FieldMode.DISTINCT, FieldMode.CODES, FieldMode.KEYS, FieldMode.LABEL, FieldMode.DAY, FieldMode.HASH];
    return all[Math.floor(rand() * all.length)];
  });

  it.each([
    ['clean files', 0, 0, 120],
    ['files with quotes, CRLF, spaces, blank and ragged lines', 0, 1, 10],
    ['files with identifiers and values of every kind in every column', 0.15, 0.5, 10],
    ['files with every value quoted', 0, 0, 100, true],
    ['messy files with every value quoted', 0.1, 0.5, 5, true],
  ])('reads %s exactly as the byte loop does, at random chunk splits', (_what, wild, messy, least, quoteAll = false) => {
    let completed = 0;
    for (let seed = 1; seed <= 150; seed++) {
      const rand = seeded(seed * 7919 + Math.round(wild * 100) + messy);
      const modes = modesOf(rand, 1 + Math.floor(rand() * 9));
      const delimiter = rand() < 0.8 ? ',' : '\t';
      const text = randomFile(rand, modes, 1 + Math.floor(rand() * 60), delimiter, wild, messy, quoteAll);
      const bytes = enc.encode(text);
      const cuts = Array.from({ length: Math.floor(rand() * 6) }, () => Math.floor(rand() * bytes.length));
      const byBytes = scan(bytes, modes, cuts, delimiter.charCodeAt(0), false);
      const byRecords = scan(bytes, modes, cuts, delimiter.charCodeAt(0), true);
      expect(byRecords, `seed ${seed}: ${JSON.stringify(text.slice(0, 300))}`).toEqual(byBytes);
      expect(scan(bytes, modes, cuts, delimiter.charCodeAt(0), true, true), `seed ${seed}, read into the walker's memory`).toEqual(byBytes);
      if (!('stopped' in (byBytes as object))) completed++;
    }
    // Enough files are read to the end that the comparison is not only of where scans stop.
    expect(completed).toBeGreaterThanOrEqual(least);
  });
});
