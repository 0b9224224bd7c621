/**
 * The two threads of `msvw analyse` share the end of the file by taking part of each other's chunk
 * (cli/scan-range.ts stealPiece): the piece's reader is told its new end before each read
 * (reserveRead), and the taker reads on from there. Played here on one thread, a "thread" taking
 * its piece when the reader has made a given read, so each cut is where the test puts it: the
 * pieces must cover the file's rows exactly once, and their combined tally must be the tally of
 * the file read as one range, repeated patients, excluded rows, names and all.
 */
import { mkdtempSync, openSync, closeSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { finishTally, planAggregate, type AggregatePlan, type TallyPart } from '../../shared/analysis/stream/aggregate';
import { readHead } from '../../shared/analysis/stream/extract';
import { daysFromIso } from '../../shared/data/table';
import { findStandard, SHIPPED_STANDARDS } from '../../shared/standards/shipped';
import type { IntervalStandard } from '../../shared/standards/schema';
import {
  lineEndIn, newBoard, newClaims, prepareScan, reserveRead, scanChunks, scanRange, stealPiece, steals, type ChunkJob, type ChunkResult,
} from '../../cli/scan-range';
import { ScanFallback } from '../../shared/io/read/field-scan';
import { seeded } from '../helpers/seeded';

const root = path.resolve(__dirname, '../..');
const sample = readFileSync(path.join(root, 'samples/data/audit-sample.csv'), 'utf8').trimEnd().split('\n');
const RUN_DATE = daysFromIso('2026-12-01');
const standard = findStandard(SHIPPED_STANDARDS, '4plus4-part1') as IntervalStandard;
const dir = mkdtempSync(path.join(tmpdir(), 'msvw-steal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The sample with repeated patients (in their centre and in another), blank lines and rows without a centre, so a cut between two rows of one patient matters. */
function extractFile(seed: number): string {
  const random = seeded(seed);
  const body = sample.slice(1);
  const out: string[] = [];
  for (const line of body) {
    out.push(line);
    const u = random();
    if (u < 0.05) out.push(body[Math.floor(random() * body.length)]);
    else if (u < 0.06) { const cells = body[Math.floor(random() * body.length)].split(','); cells[1] = 'R0N'; out.push(cells.join(',')); }
    else if (u < 0.065) out.push('');
    else if (u < 0.07) { const cells = line.split(','); cells[1] = ''; out.push(cells.join(',')); }
  }
  const file = path.join(dir, `extract-${seed}.csv`);
  writeFileSync(file, `${sample[0]}\n${out.join('\n')}\n`);
  return file;
}

/** A job over the whole file as one chunk, with `threads` places on the board. */
async function jobFor(file: string, threads: number, readStep: number): Promise<{ job: ChunkJob; plan: AggregatePlan; bodyStart: number; size: number }> {
  const size = statSync(file).size;
  const head = readFileSync(file).subarray(0, 1 << 20);
  const layout = await readHead(head, path.basename(file), head.length >= size);
  if ('fallback' in layout) throw new Error(layout.fallback);
  const plan = planAggregate(layout.headers, path.basename(file), { standard, asOfGiven: false, period: false });
  if ('fallback' in plan) throw new Error(plan.fallback);
  const job: ChunkJob = {
    file, bounds: [layout.bodyStart, size], plan, options: { runDate: RUN_DATE }, delimiter: layout.delimiter, firstLine: layout.headerLines + 1,
    rowsPerByte: 0.005, claims: newClaims(), board: newBoard(threads), stealMinBytes: 1, stealBias: 0, readStep,
  };
  return { job, plan, bodyStart: layout.bodyStart, size };
}

/** A tally result as plain data, to compare by value. */
function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_k, v: unknown) => (ArrayBuffer.isView(v) ? Array.from(v as Int32Array) : v)));
}

function partsOf(result: ChunkResult): { from: number; to: number; part: TallyPart }[] {
  if ('fallback' in result) throw new Error(result.fallback);
  return result.parts;
}

describe('threads sharing the end of the file', () => {
  it('tell a reader its new end before each read, and never cut what it has read or is reading', () => {
    const job = { claims: newClaims(), board: newBoard(2), stealMinBytes: 100, stealBias: 0, readStep: 50 } as unknown as ChunkJob;
    // Nothing to take while no piece is being read.
    expect(stealPiece(job, 1, (at) => at)).toBeNull();
    // Thread 0 reads bytes [0, 1000): its first read takes [0, 50) (the read step, not its room of 400).
    job.board.set([0, 0, 1000, 1], 0);
    expect(reserveRead(job, 0, 0, 400)).toEqual({ end: 1000, want: 50 });
    // Thread 1 takes the half of what is left (950 bytes) after the line end found from there.
    const asked: number[] = [];
    expect(stealPiece(job, 1, (at, limit) => { asked.push(at, limit); return at + 7; })).toEqual([532, 1000]);
    expect(asked).toEqual([525, 1000]);
    expect(steals(job.claims)).toBe(1);
    // Thread 0 reads on to the cut, and no further.
    expect(reserveRead(job, 0, 50, 400)).toEqual({ end: 532, want: 50 });
    expect(reserveRead(job, 0, 500, 400)).toEqual({ end: 532, want: 32 });
    // Thread 0, done, may take from thread 1's piece in turn; not a rest shorter than the minimum.
    job.board.set([0, 0, 0, 0], 0);
    expect(reserveRead(job, 1, 532, 400)).toEqual({ end: 1000, want: 50 });
    expect(stealPiece(job, 0, (at) => at)).toEqual([791, 1000]);
    expect(reserveRead(job, 1, 582, 400)).toEqual({ end: 791, want: 50 });
    job.board.set([791, 950, 1000, 1], 0);
    expect(stealPiece(job, 1, (at) => at)).toBeNull();
    // No line end before the piece's end: nothing is taken (a bias leaves the reader more).
    job.board.set([0, 300, 1000, 1], 0);
    expect(stealPiece(job, 1, () => -1)).toBeNull();
    expect(stealPiece({ ...job, stealBias: 200 }, 1, (at) => at)).toEqual([750, 1000]);
  });

  it('stop, rather than wait for ever, when the other thread died holding the board\'s lock', () => {
    const job = { claims: newClaims(), board: newBoard(2), stealMinBytes: 1, stealBias: 0, readStep: 50 } as unknown as ChunkJob;
    job.board.set([0, 0, 1000, 1], 0);
    Atomics.store(job.claims, 2, 1);
    const started = Date.now();
    expect(() => reserveRead(job, 0, 0, 400)).toThrow(ScanFallback);
    expect(Date.now() - started).toBeGreaterThanOrEqual(4_000);
    // Every thread is told to stop.
    expect(Atomics.load(job.claims, 1)).toBe(1);
  }, 20_000);

  it('find the line end after an offset in the file', () => {
    const file = path.join(dir, 'lines.txt');
    writeFileSync(file, 'abc\ndefgh\nij');
    const fd = openSync(file, 'r');
    try {
      expect(lineEndIn(fd, 0, 12)).toBe(4);
      expect(lineEndIn(fd, 4, 12)).toBe(10);
      expect(lineEndIn(fd, 4, 9)).toBe(-1);
      expect(lineEndIn(fd, 10, 12)).toBe(-1);
      expect(lineEndIn(fd, 1, 12, Buffer.alloc(2))).toBe(4);
    } finally {
      closeSync(fd);
    }
  });

  it.each([1, 2, 3])('tally the pieces of a file shared by three threads as the file read whole (seed %i)', async (seed) => {
    const file = extractFile(seed);
    const { job, plan, bodyStart, size } = await jobFor(file, 3, 64 << 10);
    const random = seeded(seed * 7);
    // Thread 1 takes its piece at one of thread 0's first reads, thread 2 at a later one.
    const at1 = 1 + Math.floor(random() * 4);
    const at2 = at1 + 1 + Math.floor(random() * 4);
    let reads = 0;
    const others: Promise<ChunkResult>[] = [];
    const first = await scanChunks(job, prepareScan(), 0, () => {
      reads++;
      if (reads === at1) others.push(scanChunks(job, prepareScan(), 1));
      if (reads === at2) others.push(scanChunks(job, prepareScan(), 2));
    });
    const pieces = [first, ...(await Promise.all(others))].flatMap(partsOf).sort((a, b) => a.from - b.from);
    expect(steals(job.claims)).toBeGreaterThanOrEqual(2);
    expect(pieces.length).toBe(steals(job.claims) + 1);
    // Pieces one after another, from the first row to the end, each cut just after a line end.
    const bytes = readFileSync(file);
    expect(pieces[0].from).toBe(bodyStart);
    expect(pieces[pieces.length - 1].to).toBe(size);
    for (let k = 1; k < pieces.length; k++) {
      expect(pieces[k].from).toBe(pieces[k - 1].to);
      expect(bytes[pieces[k].from - 1]).toBe(10);
    }
    const whole = await scanRange({ file, from: bodyStart, to: size, plan, options: { runDate: RUN_DATE }, delimiter: job.delimiter, firstLine: job.firstLine });
    const shared = finishTally(plan, standard, pieces.map((p) => p.part), { runDate: RUN_DATE });
    const alone = finishTally(plan, standard, [whole], { runDate: RUN_DATE });
    expect('fallback' in alone).toBe(false);
    expect(plain(shared)).toEqual(plain(alone));
    // Repeated patients are found across the cuts (the extract has them throughout).
    expect(('extract' in alone ? alone.extract.rowsExcluded.duplicate_patient : 0) ?? 0).toBeGreaterThan(100);
  });
});
