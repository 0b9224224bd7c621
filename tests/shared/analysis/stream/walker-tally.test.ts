/**
 * The record walker tallies the rows it can read itself (records.wat tally_row, started by
 * TallyScan through record-index.ts startTally): a tally with it must be exactly the tally without
 * it (every rows count, histogram, start day, open clock, key record in file order, name and
 * excluded row), on extracts written to trip it, read in random pieces, and with the walker's room
 * made tiny so that every "no room, the scanner's row" path is taken too.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { planAggregate, repeatsOf, TallyScan, type AggregatePlan, type TallyPart } from '../../../../shared/analysis/stream/aggregate';
import { mergeKeyRecordsInPlace } from '../../../../shared/analysis/stream/tally-scan';
import { createRecordIndexer, type RecordIndexer, type TallyLimits } from '../../../../shared/io/read/record-index';
import { findStandard, SHIPPED_STANDARDS } from '../../../../shared/standards/shipped';
import type { IntervalStandard } from '../../../../shared/standards/schema';
import { daysFromIso } from '../../../../shared/data/table';
import { seeded } from '../../../helpers/seeded';

const root = path.resolve(__dirname, '../../../..');
const sample = readFileSync(path.join(root, 'samples/data/audit-sample.csv'), 'utf8').trimEnd().split('\n');
const HEADER = sample[0].split(',');
const COL = { patient: 0, centre: 1, name: 2, referral: HEADER.indexOf('referral_date'), seen: HEADER.indexOf('first_seen_date') };
const RUN_DATE = daysFromIso('2026-12-01');
const enc = new TextEncoder();

/** An extract from the sample's rows with trouble planted: repeats, bad and new centre codes, names missing, odd and long waits. */
function extract(seed: number, rows: number, centres: number): string {
  const random = seeded(seed);
  const body = sample.slice(1, rows + 1).map((l) => l.split(','));
  const out: string[][] = [];
  const pick = (): string[] => body[Math.floor(random() * body.length)];
  for (const row of body) {
    const r = [...row];
    // Many centre codes (past the walker's room when it is made small), some unusable.
    const u = random();
    if (u < 0.4) r[COL.centre] = `R${(Math.floor(random() * centres)).toString(36).toUpperCase().padStart(2, '0')}`;
    else if (u < 0.41) r[COL.centre] = '';
    else if (u < 0.42) r[COL.centre] = 'XYZ9';
    else if (u < 0.43) r[COL.centre] = r[COL.centre].toLowerCase();
    if (random() < 0.3) r[COL.name] = '';
    const v = random();
    if (v < 0.03) r[COL.seen] = '';
    else if (v < 0.05) r[COL.seen] = 'NA';
    else if (v < 0.06) r[COL.referral] = '';
    else if (v < 0.07) r[COL.seen] = '2031-01-01';
    else if (v < 0.08) r[COL.referral] = '2010-03-04'; // a wait of many years
    else if (v < 0.09) r[COL.seen] = '2025-01-45';
    if (random() < 0.05) r[COL.patient] = '';
    out.push(r);
    const w = random();
    if (w < 0.05) out.push([...pick()]);
    else if (w < 0.055) out.push(HEADER.map(() => ''));
  }
  return `${[HEADER.join(','), ...out.map((r) => r.join(','))].join('\n')}\n`;
}

/** The tally of a file, read in pieces cut at `cuts` (as the CLI's reused buffer gives them), with or without a walker. */
function tally(text: string, plan: AggregatePlan, cuts: number[], limits: Partial<TallyLimits> | null, asOf?: number): TallyPart {
  const bytes = enc.encode(text);
  const indexer = limits ? createRecordIndexer(limits) : null;
  if (limits) expect(indexer).not.toBeNull();
  const scan = new TallyScan(plan, { runDate: RUN_DATE, ...(asOf !== undefined ? { asOf } : {}) }, { delimiter: 44, firstLine: 2, indexer, expectedRows: 100 });
  const body = bytes.indexOf(10) + 1;
  let carry = new Uint8Array(0);
  let from = body;
  for (const to of [...cuts.filter((c) => c > body && c < bytes.length).sort((a, b) => a - b), bytes.length]) {
    const size = carry.length + (to - from);
    const buf = indexer ? indexer.inputBuffer(size + 16) : new Uint8Array(size + 16);
    buf.set(carry, 0);
    buf.set(bytes.subarray(from, to), carry.length);
    const consumed = scan.push(buf, 0, size, to === bytes.length);
    carry = buf.slice(consumed, size);
    from = to;
  }
  return scan.part();
}

/**
 * The tally of a whole file on a given walker, read in one piece into its input buffer (taken
 * after the tally starts, as the CLI does: starting a tally may grow the walker's memory).
 */
function tallyOn(indexer: RecordIndexer, plan: AggregatePlan, text: string): TallyPart {
  const scan = new TallyScan(plan, { runDate: RUN_DATE }, { delimiter: 44, firstLine: 2, indexer, expectedRows: 100 });
  const bytes = enc.encode(text);
  const body = bytes.indexOf(10) + 1;
  const buf = indexer.inputBuffer(bytes.length);
  buf.set(bytes.subarray(body));
  scan.push(buf, 0, bytes.length - body, true);
  return scan.part();
}

/** A part as plain data (typed arrays as lists), so parts compare by value; open clocks as a sorted list (their order means nothing). */
function plain(part: TallyPart): unknown {
  const open = Array.from(part.openCentre, (c, j) => [c, part.openStart[j]]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const { openCentre: _c, openStart: _s, ...rest } = part;
  return { ...JSON.parse(JSON.stringify(rest, (_k, v: unknown) => (ArrayBuffer.isView(v) ? Array.from(v as Int32Array) : v))), open };
}

describe('the record walker\'s own tally', () => {
  const standard = findStandard(SHIPPED_STANDARDS, '4plus4-part1') as IntervalStandard;
  const plan = planAggregate(HEADER, 'audit.csv', { standard, asOfGiven: false, period: false }) as AggregatePlan;

  it('plans the sample as a tally', () => {
    expect('fallback' in plan).toBe(false);
  });

  const tiny: Partial<TallyLimits> = { codes: 6, waitDays: 40, open: 5, bucketRecords: 3, startDays: 1 << 16 };
  it.each([
    ['with room for every row', {}],
    ['with room for few codes, short waits, few open clocks and key records', tiny],
  ])('adds up to the scanner\'s own tally exactly, %s', (_what, limits) => {
    for (let seed = 1; seed <= 6; seed++) {
      const text = extract(seed, 300 + seed * 150, seed % 2 === 0 ? 8 : 40);
      const random = seeded(seed * 31);
      const cuts = Array.from({ length: seed % 3 }, () => Math.floor(random() * text.length));
      const alone = tally(text, plan, cuts, null);
      expect(plain(tally(text, plan, cuts, limits)), `seed ${seed}`).toEqual(plain(alone));
      // With an as-of date given (its own bound on the dates of an interval).
      const asOf = daysFromIso('2025-11-30');
      expect(plain(tally(text, plan, cuts, limits, asOf)), `seed ${seed}, as of`).toEqual(plain(tally(text, plan, cuts, null, asOf)));
    }
  });

  it('tallies most rows itself (so the comparison above is of its tally, not the scanner\'s)', () => {
    // The sample's rows three times over: the walker reads a date only once the scanner has read it.
    const once = extract(3, 2000, 8);
    const body = once.slice(once.indexOf('\n') + 1);
    const text = once + body + body;
    const indexer = createRecordIndexer()!;
    const scan = new TallyScan(plan, { runDate: RUN_DATE }, { delimiter: 44, firstLine: 2, indexer, expectedRows: 100 });
    let rowsSeen = 0;
    const row = scan.row.bind(scan);
    scan.row = (sc) => { rowsSeen++; row(sc); };
    const bytes = enc.encode(text);
    const start = bytes.indexOf(10) + 1;
    const buf = indexer.inputBuffer(bytes.length);
    buf.set(bytes.subarray(start));
    scan.push(buf, 0, bytes.length - start, true);
    const part = scan.part();
    expect(part.rows).toBeGreaterThan(6000);
    expect(rowsSeen).toBeLessThan(part.rows / 3);
  });

  it('starts each tally empty: a second scan on the same walker counts only its own rows', () => {
    const indexer = createRecordIndexer()!;
    const text = extract(5, 800, 8);
    const first = tally(text, plan, [], null);
    expect(plain(tallyOn(indexer, plan, text))).toEqual(plain(first));
    expect(plain(tallyOn(indexer, plan, text))).toEqual(plain(first));
  });

  it('keeps each tally\'s key records where the walker wrote them when its memory is shared (the CLI\'s threads), the next tally writing its own elsewhere', () => {
    const indexer = createRecordIndexer({ shared: true, tally: true })!;
    expect(indexer).not.toBeNull();
    const run = (text: string): TallyPart => tallyOn(indexer, plan, text);
    const texts = [extract(11, 900, 8), extract(12, 700, 40), extract(13, 1200, 8)];
    const parts = texts.map((text) => {
      const part = run(text);
      // The same part as a walker with memory of its own gives (its records copied out).
      expect(plain(part)).toEqual(plain(tally(text, plan, [], {})));
      return { part, then: plain(part) };
    });
    for (const { part, then } of parts) {
      // Views of the shared memory, not copies, and unchanged by the tallies after them.
      expect(part.keyBuckets.some((list) => list.length > 0 && list.buffer instanceof SharedArrayBuffer)).toBe(true);
      expect(plain(part)).toEqual(then);
    }
  });

  it('merges the scanner\'s key records into the walker\'s where they lie, in row order', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const random = seeded(seed);
      const rows = Array.from({ length: 60 }, (_, k) => k).filter(() => random() < 0.7);
      const mine: number[] = [];
      const theirs: number[] = [];
      for (const r of rows) (random() < 0.2 ? mine : theirs).push(r * 10, r, r + 1, r % 5, 0, 0, r);
      const out = new Int32Array(theirs.length + mine.length + 14).fill(-9);
      out.set(theirs);
      mergeKeyRecordsInPlace(Int32Array.from(mine), out.subarray(0, theirs.length + mine.length), theirs.length);
      const expected = rows.flatMap((r) => [r * 10, r, r + 1, r % 5, 0, 0, r]);
      expect([...out.subarray(0, expected.length)], `seed ${seed}`).toEqual(expected);
      expect([...out.subarray(expected.length)]).toEqual(Array(14).fill(-9));
    }
  });

  it('finds the same repeated patients in WebAssembly as in JavaScript (first in file order kept, by id and group)', () => {
    for (let seed = 1; seed <= 8; seed++) {
      const random = seeded(seed * 101);
      const parts = Array.from({ length: 1 + Math.floor(random() * 5) }, () => ({
        keyBuckets: Array.from({ length: 128 }, () => {
          const n = Math.floor(random() * (seed % 2 ? 40 : 400));
          const list = new Int32Array(n * 7);
          for (let r = 0; r < n; r++) {
            // Few ids and codes, so repeats (and equal ids in other groups) are common; hashes collide on purpose.
            const id = Math.floor(random() * 30);
            const word2 = Math.floor(random() * 3);
            list.set([Math.floor(random() * 4) * 0x10000 + id, id, word2, Math.floor(random() * 6), 0, 0, r], r * 7);
          }
          return list;
        }),
      }));
      // Codes 0-5 of each part in groups 0-3 (two codes of a part may share a group).
      const groupOf = parts.map(() => Int32Array.from({ length: 6 }, () => Math.floor(random() * 4)));
      const inJs = repeatsOf(parts, groupOf, null);
      const inWasm = repeatsOf(parts, groupOf, createRecordIndexer());
      expect(inWasm, `seed ${seed}`).toEqual(inJs);
      expect(inJs.length).toBeGreaterThan(0);
      // In two halves of the buckets (the CLI's two threads, each with its own walker): the same repeats.
      const cut = 1 + Math.floor(random() * 126);
      const halves = [...repeatsOf(parts, groupOf, createRecordIndexer(), [0, cut]), ...repeatsOf(parts, groupOf, createRecordIndexer({ shared: true }), [cut, 128])];
      expect(halves, `seed ${seed}, cut at ${cut}`).toEqual(inJs);
    }
  });
});
